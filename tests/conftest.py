"""Shared fixtures: the ``../shared`` data folder and the seed article."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from annals.document import Document
from annals.pipeline import Pipeline
from annals.read import read_path

REPO = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SEED = "corpus/seed/deir_ez-zor_offensive_2018.txt"


def shared_dir() -> Path | None:
    env = os.environ.get("ANNALS_SHARED")
    candidate = Path(env) if env else REPO.parent / "shared"
    return candidate if candidate.is_dir() else None


@pytest.fixture(scope="session")
def shared() -> Path:
    found = shared_dir()
    if found is None:
        pytest.skip("the shared data folder (../shared or $ANNALS_SHARED) is not available")
    return found


@pytest.fixture(scope="session")
def seed(shared: Path) -> Document:
    return read_path(shared / SEED)


@pytest.fixture(scope="session")
def pipeline() -> Pipeline:
    return Pipeline()


@pytest.fixture(scope="session")
def fixtures() -> Path:
    return FIXTURES
