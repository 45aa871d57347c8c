"""Every SCALE-/FETCH- code the scale stage raises is catalogued and documented."""

from __future__ import annotations

import re
from pathlib import Path

from annals.errors import CODES

SRC = Path(__file__).resolve().parents[2] / "src" / "annals"
DOCS = Path(__file__).resolve().parents[2] / "docs" / "errors.md"


def test_codes_scale_and_fetch_codes_are_catalogued_and_documented() -> None:
    used: set[str] = set()
    for path in [*(SRC / "scale").glob("*.py"), SRC / "read" / "xml_dump.py"]:
        used |= set(re.findall(r"\"((?:SCALE|FETCH)-[EW]\d{3})\"", path.read_text(encoding="utf-8")))
    assert used, "no codes found: the pattern is out of date"
    assert used <= set(CODES), sorted(used - set(CODES))
    documented = DOCS.read_text(encoding="utf-8")
    assert all(f"`{code}`" in documented for code in CODES if code.startswith(("SCALE", "FETCH")))
