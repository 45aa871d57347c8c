"""Commands of the scale stage: ``fetch`` (live pages), ``dump`` (the Spark job), ``merge``.

Mounted into the main ``annals`` app; each command is a thin wrapper over one
function of ``annals.scale``. Heavy imports (the pipeline, pyspark) happen inside
the commands so that ``annals --help`` stays fast and works without pyspark.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console

from annals.errors import AnnalsError, FetchError
from annals.scale.defaults import DEFAULT_API, DEFAULT_BLOCK_BYTES, MAX_DAYS, MIN_SIMILARITY, RADIUS_KM

app = typer.Typer(no_args_is_help=True, add_completion=False, pretty_exceptions_enable=False,
                  help="Whole dumps on Spark, live pages by title, one event from many articles.")
err = Console(stderr=True)
out = Console()

_FORMATS = ("json", "jsonl", "table")


def _fail(error: AnnalsError) -> None:
    err.print(f"[red]annals: {error.render()}[/red]", highlight=False)


def _emit(data: dict[str, Any], source: str, format: str) -> None:
    if format == "json":
        sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    elif format == "jsonl":
        sys.stdout.write(json.dumps(data, ensure_ascii=False) + "\n")
    else:
        from annals.cli import event_table  # here, not at the top: annals.cli imports this module

        out.print(event_table(data, source))


def safe_name(title: str) -> str:
    """A file name for a page title: no path separators or characters that file systems refuse."""
    return re.sub(r'[\\/:*?"<>|\x00-\x1f]', "_", title).replace(" ", "_")[:200] or "page"


@app.command()
def fetch(
    titles: Annotated[list[str], typer.Argument(help="Page titles, e.g. 'Battle of Raqqa (2017)'.")],
    api: Annotated[str, typer.Option(help="The wiki's api.php URL.")] = DEFAULT_API,
    output: Annotated[Path | None, typer.Option(
        help="Also save each page's wikitext (TITLE.wiki) and extraction (TITLE.json) here.")] = None,
    format: Annotated[str, typer.Option("--format", "-f", help="Output: json, jsonl or table.")] = "json",
    no_geo: Annotated[bool, typer.Option("--no-geo", help="Skip place resolution (faster).")] = False,
    timeout: Annotated[float, typer.Option(help="Seconds to wait for the API.")] = 30.0,
) -> None:
    """Fetch live pages by title from the MediaWiki API and extract their events.

    Needs a network connection (everything else in annals runs offline). The
    wikitext of the current revision is read like a .wiki file; with --output the
    page is saved, and its evidence offsets index that saved file. Redirects are
    followed; a missing page is reported and the others go on (exit status 1).

    Example: annals fetch "Battle of Raqqa (2017)" --output pages --format table
    """
    if format not in _FORMATS:
        raise typer.BadParameter("use json, jsonl or table", param_hint="--format")
    from annals.pipeline import Pipeline
    from annals.scale.fetch import fetch_pages, fetched_document

    failures = 0
    pipeline: Pipeline | None = None
    try:
        for item in fetch_pages(titles, api=api, timeout=timeout):
            if isinstance(item, FetchError):
                failures += 1
                _fail(item)
                continue
            path = None
            if output is not None:
                path = output / f"{safe_name(item.title)}.wiki"
                try:
                    output.mkdir(parents=True, exist_ok=True)
                    path.write_text(item.text, encoding="utf-8")
                except OSError as exc:
                    raise FetchError("FETCH-E006", f"cannot write the page: {exc.strerror}", path=str(path),
                                     hint="choose a writable --output folder") from exc
            try:
                doc = fetched_document(item, str(path) if path else None)
                pipeline = pipeline or Pipeline(use_geo=not no_geo)
                result = pipeline(doc)
            except AnnalsError as error:
                failures += 1
                _fail(error)
                continue
            data = result.to_dict()
            if path is not None:
                path.with_suffix(".json").write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n",
                                                     encoding="utf-8")
            _emit(data, doc.source, format)
    except AnnalsError as error:  # the API itself cannot be used: nothing else will work either
        _fail(error)
        raise typer.Exit(1) from error
    if failures:
        err.print(f"[yellow]{failures} of {len(titles)} page(s) failed[/yellow]")
        raise typer.Exit(1)


@app.command()
def dump(
    dump: Annotated[Path, typer.Argument(help="A MediaWiki XML dump: .xml.bz2 (multistream or not) or .xml.")],
    output: Annotated[Path, typer.Option(help="Folder for the Parquet tables (each table is replaced).")],
    index: Annotated[Path | None, typer.Option(
        help="The multistream index (…-multistream-index.txt.bz2); without it stream starts are scanned.")] = None,
    master: Annotated[str | None, typer.Option(
        help="Spark master URL (default: local[2], or spark-submit's master).")] = None,
    block_bytes: Annotated[int, typer.Option(help="Compressed bytes per Spark task.")] = DEFAULT_BLOCK_BYTES,
    ingest: Annotated[Path | None, typer.Option(help="Also ingest the results into this SQLite store.")] = None,
    no_geo: Annotated[bool, typer.Option("--no-geo", help="Skip place resolution (faster).")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the job summary as JSON.")] = False,
) -> None:
    """Run the Spark job over a dump: conflict articles in, Parquet tables out.

    Writes OUTPUT/documents, conflicts and events (partitioned by dump block),
    OUTPUT/failures (pages that failed; the job goes on) and OUTPUT/blocks
    (per-block counts and seconds). Needs pyspark (pip install 'annals[scale]')
    and Java 17+. On a cluster, run annals/scale/spark.py with spark-submit.

    Example: annals dump enwiki-multistream.xml.bz2 --index enwiki-multistream-index.txt.bz2 --output annals-dump
    """
    from annals.scale.spark import run_dump_job

    try:
        summary = run_dump_job(dump, output, index=index, master=master, block_bytes=block_bytes,
                               use_geo=not no_geo, ingest=ingest)
    except AnnalsError as error:
        _fail(error)
        raise typer.Exit(1) from error
    if as_json:
        sys.stdout.write(json.dumps(summary.to_dict()) + "\n")
        return
    out.print(f"{summary.pages:,} pages in {summary.blocks:,} blocks; {summary.conflict_pages:,} conflict "
              f"articles; {summary.events:,} events; {summary.failures:,} failures; "
              f"{summary.seconds:.1f} s on {summary.master}", highlight=False)
    out.print(f"tables in {summary.output}/ (documents, conflicts, events, failures, blocks)", highlight=False)
    if summary.failures:
        err.print(f"[yellow]{summary.failures} failure(s): see {summary.output}/failures[/yellow]")


@app.command()
def merge(
    inputs: Annotated[list[Path], typer.Argument(
        help="JSON / JSON Lines from `annals extract` or `annals fetch`, or `annals dump` output folders.")],
    output: Annotated[Path | None, typer.Option(help="Write the merged events here (default: stdout).")] = None,
    format: Annotated[str, typer.Option("--format", "-f", help="Output: jsonl or json.")] = "jsonl",
    radius_km: Annotated[float, typer.Option(
        help="Two differently named places within this are one place.")] = RADIUS_KM,
    max_days: Annotated[int, typer.Option(help="Events dated more loosely than this never merge.")] = MAX_DAYS,
    min_similarity: Annotated[float, typer.Option(
        help="Least weighted word overlap of two evidence sentences (when the texts are at hand).")] = MIN_SIMILARITY,
) -> None:
    """Merge events that several documents tell into one event with all their sources.

    Events merge only when dates overlap, places agree, types and actors agree
    and (when the documents' texts can be read) their evidence sentences share
    rare words. Each output event lists every source's evidence, a
    number_of_sources, and the details the sources disagree on as claims.

    Example: annals merge extractions.jsonl --output merged.jsonl
    """
    if format not in ("json", "jsonl"):
        raise typer.BadParameter("use jsonl or json", param_hint="--format")
    from annals.scale.merge import load_inputs, merge_events

    try:
        extractions, texts = load_inputs(inputs)
    except AnnalsError as error:
        _fail(error)
        raise typer.Exit(1) from error
    merged = merge_events(extractions, texts=texts, radius_km=radius_km, max_days=max_days,
                          min_similarity=min_similarity)
    lines = ([json.dumps(m, ensure_ascii=False) for m in merged] if format == "jsonl"
             else [json.dumps(merged, ensure_ascii=False, indent=2)])
    text = "\n".join(lines) + ("\n" if lines else "")
    if output is not None:
        output.write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    total = sum(len(e.get("events") or ()) for e in extractions)
    shared = sum(1 for m in merged if m["number_of_sources"] > 1)
    err.print(f"{total} events from {len(extractions)} documents -> {len(merged)} events, {shared} told by "
              f"2 or more documents{'' if texts else ' (texts not found: structured fields only)'}",
              highlight=False)
