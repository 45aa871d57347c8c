"""Build ``src/annals/resources/phoenix_actors.json`` from the Phoenix actor dictionaries.

Run from the repository: ``python scripts/build_phoenix.py`` (reads
``../shared/lexicons/phoenix``; ``--source`` to read elsewhere). The filters need an
English word list to tell names from ordinary words: ``/usr/share/dict/words``
(Debian: ``apt-get install wamerican``) or ``--words FILE``. The installed package
only reads the JSON; rebuild it when the dictionaries or the filters in
``annals/resources/phoenix_build.py`` change, and commit it.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from annals.resources.phoenix_build import compile_registry, dump_registry, registry_document, source_note

REPO = Path(__file__).resolve().parents[1]
TARGET = REPO / "src" / "annals" / "resources" / "phoenix_actors.json"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, default=REPO.parent / "shared" / "lexicons" / "phoenix")
    parser.add_argument("--words", type=Path, default=Path("/usr/share/dict/words"))
    parser.add_argument("--output", type=Path, default=TARGET)
    args = parser.parse_args()
    if not args.words.exists():
        print(f"no word list at {args.words}: install one (apt-get install wamerican) or pass --words",
              file=sys.stderr)
        return 2
    lines = [w.strip() for w in args.words.read_text("utf-8", errors="replace").splitlines() if w.strip()]
    english = frozenset(w for w in lines if w == w.lower())
    records = compile_registry(args.source, english)
    text = dump_registry(registry_document(records, source_note(args.source)))
    args.output.write_text(text, "utf-8")
    aliases = sum(len(r.aliases) for r in records)
    print(f"{args.output}: {len(records)} actors, {aliases} names, {len(text) // 1024} KiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
