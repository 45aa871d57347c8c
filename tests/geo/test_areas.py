"""Centres of territory: outlines laid on a grid and shared among units by their towns."""

from __future__ import annotations

import pytest

from annals.geo.areas import cell_centre, grid_size, land_cells, unit_centres

SQUARE = [[[(0.0, 0.0), (4.0, 0.0), (4.0, 4.0), (0.0, 4.0)]]]  # (lon, lat) rings, as GeoJSON writes them


def test_land_cells_fill_the_outline_and_leave_holes_out() -> None:
    cells = land_cells(SQUARE, 1.0)
    assert cells == {(r, c) for r in range(4) for c in range(4)}
    with_hole = [[SQUARE[0][0], [(1.0, 1.0), (3.0, 1.0), (3.0, 3.0), (1.0, 3.0)]]]  # an enclave
    assert land_cells(with_hole, 1.0) == cells - {(1, 1), (1, 2), (2, 1), (2, 2)}


def test_grid_size_is_finer_for_small_countries() -> None:
    tiny = [[[(0.0, 0.0), (0.5, 0.0), (0.5, 0.5), (0.0, 0.5)]]]
    assert grid_size(tiny) < grid_size(SQUARE) <= 0.25


def test_unit_centres_split_the_land_by_nearest_town() -> None:
    # Two towns in the south-west and south-east corners: each unit gets its half.
    centres = unit_centres(SQUARE, [(0.1, 0.1, "west"), (0.1, 3.9, "east")])
    assert centres["west"][0] == pytest.approx(2.0, abs=0.3) and centres["west"][1] == pytest.approx(1.0, abs=0.3)
    assert centres["east"][0] == pytest.approx(2.0, abs=0.3) and centres["east"][1] == pytest.approx(3.0, abs=0.3)


def test_unit_centres_ignore_a_few_misfiled_towns() -> None:
    # Twenty towns of "north" along the north edge, twenty of "south" in a line
    # across the middle, and one town misfiled as "north" below that line: cut
    # off from the north's land, its block is taken for a stray and goes south.
    towns = [(3.8, 0.2 * i, "north") for i in range(20)] + [(1.6, 0.2 * i, "south") for i in range(21)]
    towns.append((0.2, 3.8, "north"))
    centres = unit_centres(SQUARE, towns)
    assert centres["north"][0] > 3.1 and centres["north"][1] == pytest.approx(2.0, abs=0.1)
    assert centres["south"][1] == pytest.approx(2.0, abs=0.1)


def test_unit_centres_unknown_units_claim_land_but_get_no_centre() -> None:
    centres = unit_centres(SQUARE, [(0.1, 0.1, "west"), (0.1, 3.9, None)])
    assert list(centres) == ["west"]
    assert centres["west"][1] < 2.0


def test_cell_centre_weights_area_not_towns() -> None:
    crowded = [(10.01, 10.01)] * 50 + [(10.01, 20.01)]
    _, lon = cell_centre(crowded, 1.0) or (0.0, 0.0)
    assert lon == pytest.approx(15.5, abs=0.1)
    assert cell_centre([], 1.0) is None
