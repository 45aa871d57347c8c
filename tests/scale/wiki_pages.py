"""Our own wikitext pages (tests/fixtures/wiki) as dump pages, and dumps built from them."""

from __future__ import annotations

import json
from pathlib import Path

from annals.read.xml_dump import Page
from annals.scale.dump import write_multistream

WIKI = Path(__file__).resolve().parents[1] / "fixtures" / "wiki"


def load_pages() -> list[Page]:
    """Every fixture page with its title, namespace, id and redirect target from pages.json."""
    listed = json.loads((WIKI / "pages.json").read_text(encoding="utf-8"))["pages"]
    return [Page(item["title"], item["ns"], item["id"], (WIKI / item["file"]).read_text(encoding="utf-8"),
                 item["redirect"], 9000 + item["id"], "2021-05-01T12:00:00Z") for item in listed]


def conflict_titles() -> set[str]:
    listed = json.loads((WIKI / "pages.json").read_text(encoding="utf-8"))["pages"]
    return {item["title"] for item in listed if item["conflict"]}


def build_dump(folder: Path, *, pages_per_stream: int = 2) -> tuple[Path, Path]:
    """A multistream dump and its index, laid out like the published ones."""
    dump, index = folder / "testwiki-multistream.xml.bz2", folder / "testwiki-multistream-index.txt.bz2"
    write_multistream(load_pages(), dump, index, pages_per_stream=pages_per_stream)
    return dump, index
