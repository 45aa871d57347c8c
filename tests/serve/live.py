"""Helpers for the explorer's tests: a small database, a hostile document, and the browser.

Not a conftest (the project has one): the test modules import these plain functions.
The documents are our own sentences; the hostile one is full of markup that must show
as text and never run.
"""

from __future__ import annotations

import os
import shutil
from importlib import resources
from pathlib import Path

from annals.pipeline import Pipeline
from annals.store import Store

CHROMIUM = os.environ.get("ANNALS_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"

HILL = """= Invented hill battle =

Infobox
- Date: 2 July – 4 July 2020
- Place: Idlib Governorate, Syria
- Combatant1: Syrian Arab Republic
- Combatant2: Hay'at Tahrir al-Sham
- Casualties2: 40 killed

== Battle ==
Field notes (grid 𝔸-𝔹, marked 🗺 on the maps) follow; characters outside the BMP shift JavaScript's offsets.
On 2 July 2020, HTS fighters attacked an army post near Saraqib. The next day, government forces shelled the hill.
A monitoring group said 5 fighters were killed, while the army said 12 militants died.
"""

PWN = "window.__pwned=1"
# Markup in the title, the infobox (so in the conflict record, a belligerent and so an actor
# name), a heading, and the prose (so in evidence and a claim's source): all must show as text.
HOSTILE = f"""= Raid on <script>alert(1)</script> Kafr Nabl =

Infobox
- Conflict: Raid on <script>{PWN}</script> Kafr Nabl
- Date: 3 March – 5 March 2020
- Place: Idlib Governorate, Syria <iframe src="javascript:{PWN}"></iframe>
- Result: <a href="javascript:{PWN}">click me</a> stalemate
- Combatant1: Syrian Arab Republic
- Combatant2: Hay'at Tahrir al-Sham <img src=x onerror="{PWN}">
- Commander1: Gen. Omar Test <img src=x onerror="{PWN}">
- Casualties1: 9 killed

== Raid <svg onload="{PWN}"> ==
On 3 March 2020, HTS fighters attacked an army post near Saraqib <script>{PWN};alert(1)</script> at dawn.
The next day, government forces shelled Kafr Nabl <img src=x onerror="{PWN}">, and the Syrian Observatory for \
Human Rights <a href="javascript:alert(1)">said</a> that 7 civilians were killed.
On 5 March 2020, the army recaptured the post near Saraqib <iframe srcdoc="<script>parent.__pwned=1</script>"></iframe>.
"""


def example_text() -> str:
    """The bundled example narrative."""
    return resources.files("annals.examples").joinpath("kharkiv_counteroffensive_2022.txt").read_text("utf-8")


def build_db(folder: Path, pipeline: Pipeline, *, hostile: bool = True) -> Path:
    """A database of the bundled example, a small invented battle and (optionally) the hostile document."""
    folder.mkdir(parents=True, exist_ok=True)
    texts = {"kharkiv.txt": example_text(), "hill.txt": HILL}
    if hostile:
        texts["hostile.txt"] = HOSTILE
    paths = []
    for name, text in texts.items():
        path = folder / name
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    db = folder / "explorer.db"
    with Store(db) as store:
        summary = store.ingest(paths, pipeline=pipeline)
    assert summary.failed == 0, summary.failures
    return db


def chromium_missing() -> str | None:
    """Why the browser tests cannot run here, or None when they can."""
    if not (Path(CHROMIUM).is_file() or shutil.which(CHROMIUM)):
        return (f"chromium is not installed at {CHROMIUM} (apt-get install chromium; or set ANNALS_CHROMIUM); "
                "the browser tests never download a browser")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the playwright Python package is not installed (pip install -e '.[dev]')"
    return None
