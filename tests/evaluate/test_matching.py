"""The matcher behind event pairing: maximum, not greedy."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annals.evaluate.matching import maximum_matching


def _brute_force(weights: dict[tuple[int, int], int]) -> int:
    best = 0
    edges = list(weights)
    for size in range(len(edges) + 1):
        for chosen in itertools.combinations(edges, size):
            lefts = {left for left, _ in chosen}
            rights = {right for _, right in chosen}
            if len(lefts) == len(rights) == size:
                best = max(best, sum(weights[e] for e in chosen))
    return best


@pytest.mark.parametrize(
    ("n_left", "n_right", "edges", "expected"),
    [
        # left 0 could take right 0 or 1, left 1 only right 0: greedy in order makes 1 pair.
        (2, 2, [(0, 0), (0, 1), (1, 0)], [(0, 1), (1, 0)]),
        # a longer augmenting path: greedy pairs (0,0), (1,1) and strands 2.
        (3, 3, [(0, 0), (0, 1), (1, 1), (1, 2), (2, 0)], [(0, 1), (1, 2), (2, 0)]),
    ],
)
def test_maximum_matching_beats_greedy(
    n_left: int, n_right: int, edges: list[tuple[int, int]], expected: list[tuple[int, int]]
) -> None:
    assert maximum_matching(n_left, n_right, dict.fromkeys(edges, 1)) == expected


@pytest.mark.parametrize("swap", [False, True])
def test_maximum_matching_uses_weights_to_break_ties(swap: bool) -> None:
    weights = {(0, 0): 10, (0, 1): 11}
    if swap:  # more left than right vertices takes the transposed path
        weights = {(0, 0): 10, (1, 0): 11}
        assert maximum_matching(2, 1, weights) == [(1, 0)]
    else:
        assert maximum_matching(1, 2, weights) == [(0, 1)]


@pytest.mark.parametrize(("n_left", "n_right"), [(0, 3), (3, 0), (2, 2)])
def test_maximum_matching_empty_graph_has_no_pairs(n_left: int, n_right: int) -> None:
    assert maximum_matching(n_left, n_right, {}) == []


@pytest.mark.parametrize("weight", [0, -1])
def test_maximum_matching_rejects_non_positive_weight(weight: int) -> None:
    with pytest.raises(ValueError, match="positive"):
        maximum_matching(1, 1, {(0, 0): weight})


@settings(max_examples=200, deadline=None)
@given(
    st.integers(0, 4).flatmap(
        lambda n_left: st.integers(0, 4).flatmap(
            lambda n_right: st.tuples(
                st.just(n_left),
                st.just(n_right),
                st.dictionaries(
                    st.tuples(
                        st.integers(0, max(n_left - 1, 0)), st.integers(0, max(n_right - 1, 0))
                    ),
                    st.integers(1, 9),
                    max_size=8,
                )
                if n_left and n_right
                else st.just({}),
            )
        )
    )
)
def test_maximum_matching_is_optimal(case: tuple[int, int, dict[tuple[int, int], int]]) -> None:
    n_left, n_right, weights = case
    pairs = maximum_matching(n_left, n_right, weights)
    assert len({left for left, _ in pairs}) == len(pairs) == len({right for _, right in pairs})
    assert sum(weights[p] for p in pairs) == _brute_force(weights)
