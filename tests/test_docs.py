"""The documentation stays true: codes, commands and the README's claims."""

from __future__ import annotations

import re
from pathlib import Path

from typer.main import get_command

from annals.cli import app
from annals.errors import CODES

REPO = Path(__file__).resolve().parents[1]


def test_docs_every_code_used_is_catalogued_and_documented() -> None:
    used = set()
    for path in (REPO / "src" / "annals").rglob("*.py"):
        pattern = r"\"((?:READ|TIME|CONFLICT|AUDIT|EVAL|GEO|STORE|EXPORT|SCALE|FETCH|SERVE)-[EW]\d{3})\""
        used |= set(re.findall(pattern, path.read_text()))
    documented = (REPO / "docs" / "errors.md").read_text()
    assert used <= set(CODES), sorted(used - set(CODES))
    assert all(f"`{code}`" in documented for code in CODES)


def test_docs_every_command_has_help_and_is_in_the_readme() -> None:
    readme = (REPO / "README.md").read_text()
    group = get_command(app)
    for name, command in group.commands.items():  # type: ignore[attr-defined]
        assert command.help, name
        assert "Example:" in command.help, name
        assert f"annals {name}" in readme, name


def test_docs_readme_names_the_two_setup_commands() -> None:
    readme = (REPO / "README.md").read_text()
    assert "make demo" in readme and "make test" in readme
    makefile = (REPO / "Makefile").read_text()
    assert re.search(r"^demo:", makefile, re.M) and re.search(r"^test:", makefile, re.M)
