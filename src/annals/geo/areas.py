"""Centres of areas: where a country or a region "is" when text names it as a whole.

A gazetteer of towns knows where people live, not where a region's territory
lies: the towns of Manitoba or Ontario crowd along their southern borders, so a
centre computed from towns sits hundreds of kilometres south of the middle of the
province, where map makers (and GeoNames) put it. This module finds centres of
territory instead:

- ``cell_centre``: the area-weighted centre of the grid cells that hold a town
  (used where no outline is known);
- ``outline_centroid``: the area centroid of a country outline's mainland;
- ``unit_centres``: a country's outline is laid on a grid, each land cell goes to
  the first-level unit whose town is nearest over land (a breadth-first flood from
  the towns' cells, so water is not crossed), and each unit gets the area-weighted
  centre of its cells. Towns stand in for the unit borders, which no installed
  package ships; the split is coarse near borders, but the middle of a unit's
  territory comes out where its empty north or interior really is.

Everything is plain Python over sets of (row, column) cells; no geometry library.
"""

from __future__ import annotations

import ast
import math
from collections import Counter, defaultdict, deque
from collections.abc import Hashable, Iterable, Sequence
from itertools import pairwise
from typing import Any

Cell = tuple[int, int]
Ring = list[tuple[float, float]]  # (lon, lat) pairs, as GeoJSON writes them

# Grid cells per country outline: enough for each unit to get many cells, few
# enough that the largest country (Russia) stays quick to fill.
_CELLS_WANTED = 4000
_FINEST_CELL = 0.02
_COARSEST_CELL = 0.25


def cell_centre(points: Iterable[tuple[float, float]], cell: float, fill: int = 0) -> tuple[float, float] | None:
    """Area-weighted centre of the grid cells that hold at least one point.

    With ``fill``, gaps of up to that many empty cells between occupied cells of a
    row are counted as territory too: sparsely settled land (Siberia, the Canadian
    north) still belongs to the country whose centre is wanted.
    """
    cells = {(math.floor(lat / cell), math.floor(lon / cell)) for lat, lon in points}
    if not cells:
        return None
    if fill:
        rows: dict[int, list[int]] = defaultdict(list)
        for row, col in cells:
            rows[row].append(col)
        for row, cols in rows.items():
            cols.sort()
            for left, right in pairwise(cols):
                if 1 < right - left <= fill + 1:
                    cells.update((row, c) for c in range(left + 1, right))
        cells = largest_component(cells)
    return _mean_of_cells(cells, cell)


def _mean_of_cells(cells: Iterable[Cell], cell: float) -> tuple[float, float] | None:
    """Area-weighted mean of cell centres, averaged on the unit sphere so that
    areas across the antimeridian work."""
    x = y = z = 0.0
    for row, col in cells:
        lat = math.radians((row + 0.5) * cell)
        lon = math.radians((col + 0.5) * cell)
        weight = math.cos(lat)
        x += weight * math.cos(lat) * math.cos(lon)
        y += weight * math.cos(lat) * math.sin(lon)
        z += weight * math.sin(lat)
    if not (x or y or z):
        return None
    return math.degrees(math.atan2(z, math.hypot(x, y))), math.degrees(math.atan2(y, x))


def largest_component(cells: set[Cell]) -> set[Cell]:
    """The biggest 8-connected block of cells: a country's mainland without its
    distant islands and exclaves (Alaska and Hawaii do not pull the US centre)."""
    left = set(cells)
    best: set[Cell] = set()
    while left:
        seed = left.pop()
        block = {seed}
        stack = [seed]
        while stack:
            row, col = stack.pop()
            for dr in (-1, 0, 1):
                for dc in (-1, 0, 1):
                    near = (row + dr, col + dc)
                    if near in left:
                        left.remove(near)
                        block.add(near)
                        stack.append(near)
        if len(block) > len(best):
            best = block
    return best


def parse_outline(outline: Any) -> list[list[Ring]]:
    """The polygons (each a list of rings, outer ring first) of a GeoJSON feature
    collection; [] for anything else.

    countryinfo stores the collection as a Python literal string; it is parsed with
    ``ast.literal_eval`` (data only, nothing is executed).
    """
    if isinstance(outline, str):
        try:
            outline = ast.literal_eval(outline)
        except (ValueError, SyntaxError, MemoryError, RecursionError):
            return []
    if not isinstance(outline, dict):
        return []
    polygons: list[list[Ring]] = []
    for feature in outline.get("features", ()):
        geometry = (feature.get("geometry") or {}) if isinstance(feature, dict) else {}
        kind, coordinates = geometry.get("type"), geometry.get("coordinates") or []
        for polygon in [coordinates] if kind == "Polygon" else coordinates if kind == "MultiPolygon" else []:
            rings = [[(float(p[0]), float(p[1])) for p in ring] for ring in polygon if len(ring) >= 3]
            if rings:
                polygons.append(rings)
    return polygons


def outline_centroid(polygons: Sequence[list[Ring]]) -> tuple[float, float] | None:
    """Area centroid (lat, lon) of the largest polygon's outer ring (the mainland)."""
    best: tuple[float, float, float] | None = None
    for polygon in polygons:
        ring = polygon[0]
        area = cx = cy = 0.0
        for (x1, y1), (x2, y2) in zip(ring, [*ring[1:], ring[0]], strict=True):
            cross = x1 * y2 - x2 * y1
            area += cross
            cx += (x1 + x2) * cross
            cy += (y1 + y2) * cross
        if area and (best is None or abs(area) > best[0]):
            best = (abs(area), cy / (3 * area), cx / (3 * area))
    return (best[1], best[2]) if best is not None else None


def grid_size(polygons: Sequence[list[Ring]]) -> float:
    """Cell size (degrees) that lays about ``_CELLS_WANTED`` cells over the outline."""
    area = 0.0
    for polygon in polygons:
        ring = polygon[0]
        area += abs(sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(ring, [*ring[1:], ring[0]], strict=True))) / 2
    if area <= 0:
        return _COARSEST_CELL
    return min(_COARSEST_CELL, max(_FINEST_CELL, math.sqrt(area / _CELLS_WANTED)))


def land_cells(polygons: Sequence[list[Ring]], cell: float) -> set[Cell]:
    """Grid cells whose centre lies inside the outline (even-odd rule, so holes such
    as an enclaved country stay out)."""
    cells: set[Cell] = set()
    for polygon in polygons:
        edges = [edge for ring in polygon for edge in zip(ring, [*ring[1:], ring[0]], strict=True)]
        lats = [lat for ring in polygon for _, lat in ring]
        for row in range(math.floor(min(lats) / cell), math.floor(max(lats) / cell) + 1):
            y = (row + 0.5) * cell
            crossings = sorted(
                x1 + (y - y1) * (x2 - x1) / (y2 - y1) for (x1, y1), (x2, y2) in edges if (y1 <= y) != (y2 <= y)
            )
            for left, right in zip(crossings[::2], crossings[1::2], strict=False):
                first = math.ceil(left / cell - 0.5)
                last = math.floor(right / cell - 0.5)
                cells.update((row, col) for col in range(first, last + 1))
    return cells


def unit_centres(
    polygons: Sequence[list[Ring]], places: Iterable[tuple[float, float, Hashable | None]]
) -> dict[Hashable, tuple[float, float]]:
    """Centre of the territory of each unit that ``places`` (lat, lon, unit) belong to.

    Each land cell of the outline goes to the unit whose place is fewest cells
    away over land (a multi-source breadth-first flood); cells holding a place are
    land even where a coarse outline misses the coast. A unit of ``None`` (a town
    with no known unit) claims territory too, so that its neighbours do not take it.

    Gazetteers misfile a few towns (a handful of Tibetan villages coded as Hebei):
    a block of a unit's territory that holds under ``_STRAY_SHARE`` of its towns is
    taken for such strays, and the flood is run again without them.
    """
    cell = grid_size(polygons)
    land = land_cells(polygons, cell)
    seeds: dict[Cell, Counter[Hashable | None]] = defaultdict(Counter)
    for lat, lon, unit in places:
        seeds[(math.floor(lat / cell), math.floor(lon / cell))][unit] += 1
    owner = _flood(land, seeds)
    strays = _stray_seeds(owner, seeds)
    if strays:
        for spot, unit in strays:
            del seeds[spot][unit]
            if not seeds[spot]:
                del seeds[spot]
        owner = _flood(land, seeds)
    territory: dict[Hashable, list[Cell]] = defaultdict(list)
    for spot, unit in owner.items():
        if unit is not None:
            territory[unit].append(spot)
    centres: dict[Hashable, tuple[float, float]] = {}
    for unit, cells in territory.items():
        centre = _mean_of_cells(cells, cell)
        if centre is not None:
            centres[unit] = centre
    return centres


_STRAY_SHARE = 0.1
_SIDES = ((-1, 0), (1, 0), (0, -1), (0, 1))


def _flood(land: set[Cell], seeds: dict[Cell, Counter[Hashable | None]]) -> dict[Cell, Hashable | None]:
    """Cell -> unit, spreading from the seed cells over land, nearest seed first.

    A seed cell goes to the unit with most places in it (ties by name, so that the
    result does not depend on input order).
    """
    owner: dict[Cell, Hashable | None] = {}
    queue: deque[Cell] = deque()
    for spot, counts in sorted(seeds.items()):
        owner[spot] = min(counts.items(), key=lambda item: (-item[1], str(item[0])))[0]
        queue.append(spot)
    reachable = land | owner.keys()
    while queue:
        row, col = queue.popleft()
        unit = owner[(row, col)]
        for dr, dc in _SIDES:
            near = (row + dr, col + dc)
            if near in reachable and near not in owner:
                owner[near] = unit
                queue.append(near)
    return owner


def _stray_seeds(
    owner: dict[Cell, Hashable | None], seeds: dict[Cell, Counter[Hashable | None]]
) -> list[tuple[Cell, Hashable | None]]:
    """Seed cells of units' minor blocks: blocks holding under ``_STRAY_SHARE`` of the unit's places."""
    totals: Counter[Hashable | None] = Counter()
    for counts in seeds.values():
        totals.update(counts)
    seen: set[Cell] = set()
    strays: list[tuple[Cell, Hashable | None]] = []
    for start, unit in owner.items():
        if start in seen or unit is None:
            continue
        block = [start]
        seen.add(start)
        stack = [start]
        while stack:
            row, col = stack.pop()
            for dr, dc in _SIDES:
                near = (row + dr, col + dc)
                if near not in seen and owner.get(near) == unit:
                    seen.add(near)
                    block.append(near)
                    stack.append(near)
        held = sum(seeds[spot][unit] for spot in block if spot in seeds)
        if held < _STRAY_SHARE * totals[unit]:
            strays.extend((spot, unit) for spot in block if spot in seeds and seeds[spot][unit])
    return strays

