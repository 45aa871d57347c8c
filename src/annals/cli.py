"""The ``annals`` command line: a thin layer over the Python API.

Every command maps to one public function; library errors (``AnnalsError``)
print as three lines (where, why, fix) and exit 1; anything else is a bug and
says so (the traceback shows with ``--debug``).
"""

from __future__ import annotations

import glob
import json
import os
import sys
from collections.abc import Collection
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table

from annals import __version__
from annals.errors import AnnalsError
from annals.scale.cli import app as scale_app

app = typer.Typer(
    name="annals",
    help=(
        "Turn written accounts of armed conflict into a verifiable, geocoded event dataset "
        "(ACLED / UCDP GED shape). Every value carries the character span it came from.\n\n"
        "Start with:  annals extract ARTICLE.md --format table"
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
app.add_typer(scale_app)  # fetch, dump, merge: the scale stage's commands at top level
err = Console(stderr=True)
# Piped output (a file, CI logs) is not squeezed into 80 columns: tables stay readable.
out = Console() if sys.stdout.isatty() else Console(width=200)
_STATE = {"debug": False}

_SUFFIXES = (".txt", ".md", ".markdown", ".wiki", ".mediawiki", ".wikitext")


def _version(value: bool) -> None:
    if value:
        out.print(f"annals {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks for unexpected errors.")] = False,
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                          help="Print the version and exit.")] = False,
) -> None:
    _STATE["debug"] = debug


def expand_paths(inputs: list[str], suffixes: Collection[str] = _SUFFIXES, timelines: bool = True) -> list[Path]:
    """Files from paths, directories (recursively: files with one of ``suffixes``, and with
    ``timelines`` the .json files that hold a dated timeline) and glob patterns."""
    found: list[Path] = []
    for item in inputs:
        matches = sorted(glob.glob(item, recursive=True)) if any(c in item for c in "*?[") else [item]
        for match in matches:
            path = Path(match)
            if path.is_dir():
                found.extend(sorted(
                    p for p in path.rglob("*")
                    if p.is_file() and (p.suffix.lower() in suffixes or (timelines and _is_timeline(p)))
                ))
            else:
                found.append(path)
    return found


def _is_timeline(path: Path) -> bool:
    """A .json file that reads as a timeline (not a gold file, a lexicon or package.json)."""
    from annals.read.timeline import looks_like_timeline

    if path.suffix.lower() != ".json":
        return False
    try:
        with path.open("rb") as handle:
            head = handle.read(200_000).decode("utf-8", errors="replace")
    except OSError:
        return True  # let the reader name the problem
    return looks_like_timeline(head)


def _progress(total: int) -> Progress:
    return Progress(TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(),
                    TimeRemainingColumn(), console=err, disable=total < 2 or not err.is_terminal)


def _fail(error: AnnalsError) -> None:
    err.print(f"[red]annals: {error.render()}[/red]", highlight=False)


@app.command()
def extract(
    paths: Annotated[list[str], typer.Argument(help="Files, directories or glob patterns.")],
    format: Annotated[str, typer.Option("--format", "-f", help="Output: json, jsonl or table.")] = "json",
    input_format: Annotated[str | None, typer.Option(
        "--input-format",
        help="Force the reader: seed, markdown, wikitext, plain or timeline (default: detected).")] = None,
    no_geo: Annotated[bool, typer.Option("--no-geo", help="Skip place resolution (faster).")] = False,
) -> None:
    """Extract the conflict record and events of each document.

    Prints one JSON object per document (--format json), one per line (jsonl),
    or a table of events. A file that cannot be read is reported and skipped;
    the exit status is 1 if any file failed.

    Example: annals extract article.md --format table
    """
    if format not in ("json", "jsonl", "table"):
        raise typer.BadParameter("use json, jsonl or table", param_hint="--format")
    from annals.pipeline import Failure, Pipeline

    files = expand_paths(paths)
    if not files:
        _fail(AnnalsError("READ-E001", f"no input files match {' '.join(paths)!r}", hint="check the paths"))
        raise typer.Exit(1)
    pipeline = Pipeline(use_geo=not no_geo)
    failures = 0
    with _progress(len(files)) as progress:
        task = progress.add_task("extracting", total=len(files))
        for result in pipeline.pipe(files, format=input_format):
            progress.advance(task)
            if isinstance(result, Failure):
                failures += 1
                _fail(result.error)
                continue
            data = result.to_dict()
            if format == "json":
                sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
            elif format == "jsonl":
                sys.stdout.write(json.dumps(data, ensure_ascii=False) + "\n")
            else:
                out.print(event_table(data, result.document.source))
    if failures:
        err.print(f"[yellow]{failures} of {len(files)} file(s) failed[/yellow]")
        raise typer.Exit(1)


def event_table(data: dict[str, Any], source: str) -> Table:
    """A readable table of one document's events, with the evidence text."""
    conflict = data["conflict"]
    title = f"{data['document']['title']}  ({conflict['start_date'] or '?'} – {conflict['end_date'] or '?'})"
    table = Table(title=title, show_lines=False, expand=True)
    for column in ("id", "date", "type", "actor1", "actor2", "place", "dead", "evidence"):
        table.add_column(column, overflow="fold")
    for event in data["events"]:
        span = event["evidence"][0]
        evidence = " ".join(source[span["start"]:span["end"]].split())
        place = event["location"]["name"] if event["location"] else ""
        dead = event["fatalities"]
        deaths = "" if dead["low"] is None else (f"{dead['low']}" if dead["low"] == dead["high"]
                                                 else f"{dead['low']}–{dead['high']}")
        date = event["date_start"] if event["date_start"] == event["date_end"] else \
            f"{event['date_start']}…{event['date_end'][5:]}"
        table.add_row(event["id"], date, event["sub_event_type"], event["actor1"] or "", event["actor2"] or "",
                      place, deaths, evidence[:160])
    return table


@app.command("eval")
def evaluate(
    gold: Annotated[list[str], typer.Argument(help="Gold files or directories of them (gold/FORMAT.md).")],
    shared: Annotated[Path | None, typer.Option(
        help="The folder gold 'file' paths are relative to (default: $ANNALS_SHARED or ../shared).")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the scores as JSON.")] = False,
) -> None:
    """Score extraction against gold files, per article and in total.

    Example: annals eval ../shared/gold/deir_ez-zor_offensive_2018.json gold/dev
    """
    from annals.evaluate import format_table, load_gold, score_document, total
    from annals.pipeline import Pipeline
    from annals.read import read_path

    base = shared or default_shared()
    files = expand_paths(gold, suffixes=(".json",), timelines=False)  # gold files: every .json inside a folder
    if not files:
        reason = f"no gold files match {' '.join(gold)!r}"
        _fail(AnnalsError("EVAL-E002", reason, hint="give .json gold files or folders"))
        raise typer.Exit(1)
    pipeline = Pipeline()
    scores = []
    with _progress(len(files)) as progress:
        task = progress.add_task("scoring", total=len(files))
        for path in files:
            progress.advance(task)
            try:
                gold_doc = load_gold(path, base)
                doc = read_path(base / gold_doc.file)
                predicted = pipeline(doc).to_dict()
                scores.append(score_document(predicted, gold_doc, doc.source))
            except AnnalsError as error:
                _fail(error)
                raise typer.Exit(1) from error
    summary = total(scores)
    if as_json:
        sys.stdout.write(json.dumps({"articles": [s.to_dict() for s in scores], "total": summary.to_dict()},
                                    indent=2) + "\n")
    else:
        out.print(format_table(scores))


def default_shared() -> Path:
    """$ANNALS_SHARED, else ../shared next to the working directory or the repository."""
    env = os.environ.get("ANNALS_SHARED")
    if env:
        return Path(env)
    for base in (Path.cwd(), Path(__file__).resolve().parents[2]):
        candidate = base.parent / "shared"
        if candidate.is_dir():
            return candidate
    return Path("../shared")


@app.command()
def audit(
    paths: Annotated[list[str], typer.Argument(help="Files, directories or glob patterns.")],
) -> None:
    """List where an article's infobox and its prose disagree (casualties, dates).

    Example: annals audit article.md
    """
    from annals.pipeline import Failure, Pipeline

    pipeline = Pipeline(use_geo=False)
    failures = 0
    for result in pipeline.pipe(expand_paths(paths)):
        if isinstance(result, Failure):
            failures += 1
            _fail(result.error)
            continue
        warnings = result.to_dict()["warnings"]
        out.print(f"[bold]{result.document.path}[/bold]: {len(warnings)} warning(s)")
        for warning in warnings:
            out.print(f"  {warning['code']}  {warning['message']}", highlight=False)
    if failures:
        raise typer.Exit(1)


@app.command()
def demo(
    output: Annotated[Path, typer.Option(help="Where to write the dataset.")] = Path("annals-demo"),
    serve: Annotated[bool, typer.Option("--serve/--no-serve",
                                        help="Serve the explorer after building (--no-serve: only build).")] = True,
    port: Annotated[int | None, typer.Option(
        "--port", min=0, max=65535, help="The explorer's port (default 8765, or a free one if it is taken).")] = None,
    open_browser: Annotated[bool, typer.Option("--open/--no-open", help="Open a browser (where one can open).")]
    = True,
) -> None:
    """Build a dataset from the bundled example narrative and explore it in the browser.

    Copies the example into OUTPUT, ingests it into OUTPUT/annals.db (also writing
    OUTPUT/events.jsonl), prints its events, then serves the explorer on
    http://127.0.0.1:8765/ until Ctrl-C. --no-serve stops after building.

    Example: annals demo
    """
    from importlib import resources

    from annals.store import Store

    example = resources.files("annals.examples").joinpath("kharkiv_counteroffensive_2022.txt")
    output.mkdir(parents=True, exist_ok=True)
    copy = output / example.name
    text = example.read_text(encoding="utf-8")
    if not copy.is_file() or copy.read_text(encoding="utf-8") != text:
        copy.write_text(text, encoding="utf-8")
    db = output / "annals.db"
    try:
        with Store(db) as store:
            summary = store.ingest([copy])
            if summary.failures:
                raise summary.failures[0].error or AnnalsError("STORE-E006", "the example could not be stored")
            data = store.document(copy)
            source = store.source(copy) or ""
    except AnnalsError as error:
        _fail(error)
        raise typer.Exit(1) from error
    assert data is not None
    target = output / "events.jsonl"
    target.write_text(json.dumps(data, ensure_ascii=False) + "\n", encoding="utf-8")
    out.print(event_table(data, source))
    out.print(f"wrote {len(data['events'])} events to {db} and {target}", highlight=False)
    if serve:
        _serve(db, "127.0.0.1", port, open_browser)


@app.command()
def ingest(
    paths: Annotated[list[str], typer.Argument(help="Files, directories or glob patterns.")],
    db: Annotated[Path, typer.Option("--db", help="The SQLite database (created if missing).")] = Path("annals.db"),
    input_format: Annotated[str | None, typer.Option(
        "--input-format",
        help="Force the reader: seed, markdown, wikitext, plain or timeline (default: detected).")] = None,
    no_geo: Annotated[bool, typer.Option("--no-geo", help="Skip place resolution (faster).")] = False,
    force: Annotated[bool, typer.Option("--force", help="Extract unchanged files again.")] = False,
) -> None:
    """Extract documents and store them, with their events and evidence, in SQLite.

    A file already stored with the same text is skipped; a changed one replaces its
    old rows in one transaction, so an interrupted run leaves the database consistent
    and running it again completes it. Bad files are reported and skipped; the exit
    status is 1 if any failed.

    Example: annals ingest corpus/ --db annals.db
    """
    from annals.store import IngestSummary, Store

    files = expand_paths(paths)
    if not files:
        _fail(AnnalsError("READ-E001", f"no input files match {' '.join(paths)!r}", hint="check the paths"))
        raise typer.Exit(1)
    summary = IngestSummary()
    try:
        with Store(db) as store, _progress(len(files)) as progress:
            task = progress.add_task("ingesting", total=len(files))
            for result in store.ingest_each(files, format=input_format, use_geo=not no_geo, force=force):
                progress.advance(task)
                summary.add(result)
                if result.error is not None:
                    _fail(result.error)
    except AnnalsError as error:
        _fail(error)
        raise typer.Exit(1) from error
    counts = summary.to_dict()
    shown = ", ".join(f"{counts[k]} {k}" for k in ("added", "unchanged", "replaced", "duplicate", "failed")
                      if k != "duplicate" or counts[k])
    out.print(f"{db}: {shown}; {counts['events']} events written", highlight=False, soft_wrap=True)
    if summary.failed:
        raise typer.Exit(1)


@app.command()
def search(
    query: Annotated[str, typer.Argument(help='Words, or FTS5 syntax: "a phrase", AND, OR, NOT, prefix*.')],
    db: Annotated[Path, typer.Option("--db", help="The SQLite database.")] = Path("annals.db"),
    limit: Annotated[int, typer.Option("--limit", min=1, help="At most this many sentences.")] = 20,
    as_json: Annotated[bool, typer.Option("--json", help="Print the hits as JSON Lines.")] = False,
) -> None:
    """Find stored sentences by full-text search, best match first.

    Shows each sentence's document title, its character offsets in the document's
    text (what evidence spans use) and the matching words highlighted.

    Example: annals search "Palmyra" --db annals.db --limit 5
    """
    from rich.markup import escape

    from annals.store import Store

    try:
        with Store(db, readonly=True) as store:
            hits = store.search(query, limit=limit, highlight=("\x02", "\x03"))
    except AnnalsError as error:
        _fail(error)
        raise typer.Exit(1) from error
    for hit in hits:
        if as_json:
            data = hit.to_dict()
            data["snippet"] = hit.snippet.replace("\x02", "").replace("\x03", "")
            sys.stdout.write(json.dumps(data, ensure_ascii=False) + "\n")
            continue
        snippet = escape(hit.snippet).replace("\x02", "[bold yellow]").replace("\x03", "[/bold yellow]")
        out.print(f"[bold]{escape(hit.title)}[/bold]  [dim]{hit.start}-{hit.end}  {escape(hit.path)}[/dim]",
                  highlight=False, soft_wrap=True)
        out.print(f"  {snippet}", highlight=False, soft_wrap=True)
    if not hits and not as_json:
        err.print(f"no sentence matches {query!r}")


@app.command("export")
def export_events(
    format: Annotated[str, typer.Option("--format", "-f", help="acled, ucdp, geojson, jsonl or parquet.")],
    db: Annotated[Path, typer.Option("--db", help="The SQLite database.")] = Path("annals.db"),
    output: Annotated[Path | None, typer.Option(
        "--output", "-o", help="The file to write (default: standard output; Parquet needs a file).")] = None,
    from_date: Annotated[str | None, typer.Option(
        "--from", help="Events ending on or after this date: 2018, 2018-05 or 2018-05-22.")] = None,
    to_date: Annotated[str | None, typer.Option("--to", help="Events starting on or before this date.")] = None,
    country: Annotated[str | None, typer.Option("--country", help="A country name or ISO 3166 code.")] = None,
    actor: Annotated[str | None, typer.Option(
        "--actor", help="Part of an actor's name (any actor of the event).")] = None,
    event_type: Annotated[str | None, typer.Option("--type", help="An ACLED event type or sub-event type.")] = None,
) -> None:
    """Write the stored events as ACLED or UCDP GED CSV, GeoJSON, JSON Lines or Parquet.

    ACLED: its 31 columns in order, fatalities the lowest claim, notes with every
    claim. UCDP: GED's columns, organised violence only. docs/store.md explains how
    each code is derived.

    Example: annals export --db annals.db --format acled --output events.csv --country Syria
    """
    from annals.export import FORMATS, export

    if format not in FORMATS:
        raise typer.BadParameter(f"use one of: {', '.join(FORMATS)}", param_hint="--format")
    try:
        count = export(db, format, output, from_date=from_date, to_date=to_date, country=country, actor=actor,
                       event_type=event_type)
    except AnnalsError as error:
        _fail(error)
        raise typer.Exit(1) from error
    if output is not None:
        err.print(f"wrote {count} event(s) to {output}", highlight=False)


@app.command("serve")
def serve_command(
    db: Annotated[Path, typer.Option("--db", help="The SQLite database (opened read-only).")] = Path("annals.db"),
    port: Annotated[int | None, typer.Option(
        "--port", min=0, max=65535, help="The port (default 8765, or a free one if taken; 0: a free one).")] = None,
    host: Annotated[str, typer.Option(
        "--host", help="The interface to listen on; 0.0.0.0 shares the explorer with your network.")] = "127.0.0.1",
    open_browser: Annotated[bool, typer.Option("--open/--no-open", help="Open a browser at the explorer.")] = False,
) -> None:
    """Explore a database in the browser: map, timeline, table, and each event's evidence in its article.

    Serves a read-only JSON API (described at /api/openapi.json) and a page that
    works offline, until Ctrl-C. The database is opened read-only, so an ingest
    may run at the same time.

    Example: annals serve --db annals.db
    """
    _serve(db, host, port, open_browser)


def _serve(db: Path, host: str, port: int | None, open_browser: bool) -> None:
    """Bind, print the URL and serve until Ctrl-C; a taken default port falls back to a free one."""
    try:
        from annals.serve.server import DEFAULT_PORT, bind, run
    except ImportError as error:
        err.print(f"[red]annals: the explorer needs the serve extra ({error.name} is missing)[/red]\n"
                  "  fix: pip install 'annals[serve]'", highlight=False)
        raise typer.Exit(1) from error
    wanted = DEFAULT_PORT if port is None else port
    try:
        sock = bind(host, wanted)
    except OSError as error:
        if port is not None:
            raise typer.BadParameter(f"cannot listen on {host}:{wanted} ({error.strerror or error}); "
                                     "give another port, or --port 0 for a free one", param_hint="--port") from error
        sock = bind(host, 0)
        err.print(f"port {wanted} is taken; using {sock.getsockname()[1]}", highlight=False)

    def announce(url: str) -> None:
        out.print(f"annals explorer: [bold]{url}[/bold]  (database {db}; Ctrl-C stops it)", highlight=False,
                  soft_wrap=True)

    try:
        run(db, sock, open_browser=open_browser, announce=announce)
    except KeyboardInterrupt:  # uvicorn re-raises the Ctrl-C it handled, once it has shut down
        err.print("explorer stopped", highlight=False)
    except AnnalsError as error:
        _fail(error)
        raise typer.Exit(1) from error
    finally:
        sock.close()


def main() -> None:
    """Entry point: run the app, turning library errors into clean messages."""
    try:
        app()
    except AnnalsError as error:
        _fail(error)
        sys.exit(1)
    except Exception as error:
        if _STATE["debug"]:
            raise
        err.print(f"[red]annals: internal error ({type(error).__name__}: {error}); this is a bug, "
                  f"please report it with --debug output[/red]")
        sys.exit(2)

