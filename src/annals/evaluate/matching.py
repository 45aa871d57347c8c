"""Maximum-weight bipartite matching (Hungarian algorithm, pure Python).

The scorer must pair events so that the number of pairs is as large as possible
(gold/FORMAT.md), and a greedy pass can miss pairs. Weights let the caller rank
the maximum matchings: give every edge a base weight larger than any total of
the tie-breaking bonuses and the result is a maximum-cardinality matching that,
among those, has the best bonuses. Integer weights keep this exact.
"""

from __future__ import annotations

from collections.abc import Mapping

__all__ = ["maximum_matching"]


def maximum_matching(
    n_left: int, n_right: int, weights: Mapping[tuple[int, int], int]
) -> list[tuple[int, int]]:
    """Pairs ``(left, right)`` of greatest total weight; only listed edges can pair.

    ``weights`` maps an edge ``(left, right)`` to a positive integer. Runs in
    O(k^2 * n) for k = min(n_left, n_right), n = max(...): documents have tens of
    events, so no external solver is needed. Result is sorted by left index.
    """
    if n_left == 0 or n_right == 0 or not weights:
        return []
    for edge, weight in weights.items():
        if weight <= 0:
            raise ValueError(f"edge {edge} has weight {weight}; weights must be positive")
    swap = n_left > n_right
    rows, cols = (n_right, n_left) if swap else (n_left, n_right)
    cost = [[0] * cols for _ in range(rows)]
    for (left, right), weight in weights.items():
        if not (0 <= left < n_left and 0 <= right < n_right):
            raise ValueError(f"edge {(left, right)} is outside {n_left} x {n_right}")
        row, col = (right, left) if swap else (left, right)
        cost[row][col] = -weight  # non-edges cost 0: assigning them adds nothing
    assignment = _assign(cost, rows, cols)
    pairs = []
    for row, col in enumerate(assignment):
        left, right = (col, row) if swap else (row, col)
        if (left, right) in weights:
            pairs.append((left, right))
    return sorted(pairs)


def _assign(cost: list[list[int]], rows: int, cols: int) -> list[int]:
    """Minimum-cost assignment of every row to a distinct column (rows <= cols).

    The shortest-augmenting-path form of the Hungarian algorithm with vertex
    potentials (1-based internally, column 0 is the virtual start).
    """
    # Larger than any reduced cost or potential can grow (Python ints are exact).
    big = 4 * (rows + cols + 1) * (1 + sum(abs(c) for line in cost for c in line))
    u = [0] * (rows + 1)
    v = [0] * (cols + 1)
    owner = [0] * (cols + 1)  # owner[col] = row assigned to col (0 = none)
    way = [0] * (cols + 1)
    for row in range(1, rows + 1):
        owner[0] = row
        col0 = 0
        minv = [big] * (cols + 1)
        used = [False] * (cols + 1)
        while True:
            used[col0] = True
            row0 = owner[col0]
            delta = big
            col1 = 0
            line = cost[row0 - 1]
            for col in range(1, cols + 1):
                if not used[col]:
                    reduced = line[col - 1] - u[row0] - v[col]
                    if reduced < minv[col]:
                        minv[col] = reduced
                        way[col] = col0
                    if minv[col] < delta:
                        delta = minv[col]
                        col1 = col
            for col in range(cols + 1):
                if used[col]:
                    u[owner[col]] += delta
                    v[col] -= delta
                else:
                    minv[col] -= delta
            col0 = col1
            if owner[col0] == 0:
                break
        while col0:
            col1 = way[col0]
            owner[col0] = owner[col1]
            col0 = col1
    result = [0] * rows
    for col in range(1, cols + 1):
        if owner[col]:
            result[owner[col] - 1] = col - 1
    return result
