"""The explorer's speed: /api/events latency under load, page load time and bytes in a browser.

1. Builds (or reuses) a database of the ../shared corpus (Wikipedia articles and the seed;
   an unchanged file is skipped on a re-run) and one of the bundled example.
2. Starts ``annals serve`` on each in its own process (so the load script does not share
   the server's interpreter) on 127.0.0.1.
3. Latency: for each query, a bounded asyncio load: CLIENTS concurrent keep-alive HTTP/1.1
   connections send REQUESTS requests in all (after a warm-up) and stop; p50/p90/p99/max,
   requests per second and the (gzipped) answer size.
4. Page load in headless chromium (Debian's, never a downloaded one), a fresh profile per
   run: time until the page has drawn every event (body[data-ready]), requests, and bytes
   transferred (compressed bodies plus headers). Median of three runs.

Run: ``python bench/explorer.py [--shared ../shared] [--db PATH] [--clients 50] [--requests 2000]``.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import platform
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

import httpx
from rich.console import Console
from rich.table import Table

from annals.pipeline import Pipeline
from annals.store import Store

if TYPE_CHECKING:
    from playwright.sync_api import Request

CHROMIUM = os.environ.get("ANNALS_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


def default_shared() -> Path:
    env = os.environ.get("ANNALS_SHARED")
    return Path(env) if env else Path(__file__).resolve().parents[2] / "shared"


def build(folder: Path, shared: Path, console: Console) -> tuple[Path, Path]:
    """The corpus database and the bundled example's, built or brought up to date."""
    folder.mkdir(parents=True, exist_ok=True)
    corpus = sorted(p for sub in ("corpus/wikipedia", "corpus/seed") for p in (shared / sub).rglob("*")
                    if p.suffix in (".md", ".txt") and p.name != "SOURCE.txt")
    if not corpus:
        raise SystemExit(f"no corpus under {shared}; give --shared or --db")
    pipeline = Pipeline()
    clock = time.perf_counter()
    with Store(folder / "corpus.db") as store:
        summary = store.ingest(corpus, pipeline=pipeline)
    console.print(f"corpus database: {summary.to_dict()} in {time.perf_counter() - clock:.1f} s", highlight=False)
    example = folder / "kharkiv_counteroffensive_2022.txt"
    example.write_text(resources.files("annals.examples").joinpath(example.name).read_text("utf-8"), "utf-8")
    with Store(folder / "example.db") as store:
        store.ingest([example], pipeline=pipeline)
    return folder / "corpus.db", folder / "example.db"


@contextmanager
def serving(db: Path) -> Iterator[str]:
    """``annals serve`` in its own process on a free port; yields its URL."""
    process = subprocess.Popen([sys.executable, "-m", "annals", "serve", "--db", str(db), "--port", "0"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert process.stdout is not None
        line = process.stdout.readline()
        if "http://" not in line:
            raise SystemExit(f"annals serve did not start: {line}{process.stderr.read() if process.stderr else ''}")
        yield line.split()[2]
    finally:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@dataclass
class Load:
    """The latencies of one bounded load run."""

    name: str
    path: str
    latencies: list[float]
    errors: int
    seconds: float
    bytes: int

    def row(self) -> list[str]:
        ordered = sorted(self.latencies)

        def pct(p: float) -> str:
            return f"{ordered[min(len(ordered) - 1, int(p * len(ordered)))] * 1000:.1f}" if ordered else "-"

        size = self.bytes / max(1, len(ordered))
        return [self.name, self.path, str(len(ordered)), pct(0.5), pct(0.9), pct(0.99),
                f"{ordered[-1] * 1000:.1f}" if ordered else "-", f"{len(ordered) / self.seconds:.0f}",
                f"{size / 1000:.1f}", str(self.errors)]


async def _get(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, request: bytes) -> tuple[int, int]:
    """One HTTP/1.1 keep-alive GET on an open connection: (status, body bytes)."""
    writer.write(request)
    await writer.drain()
    head = (await reader.readuntil(b"\r\n\r\n")).decode("latin-1").split("\r\n")
    status = int(head[0].split()[1])
    headers = dict(line.lower().split(": ", 1) for line in head[1:] if ": " in line)
    if "content-length" in headers:
        return status, len(await reader.readexactly(int(headers["content-length"])))
    size = 0
    while True:  # chunked
        length = int((await reader.readuntil(b"\r\n")).strip(), 16)
        await reader.readexactly(length + 2)
        size += length
        if length == 0:
            return status, size


async def load(base: str, name: str, path: str, clients: int, requests: int) -> Load:
    """``requests`` GETs of ``path`` from ``clients`` concurrent keep-alive connections, after a warm-up.

    A minimal asyncio HTTP/1.1 client (gzip accepted, as a browser does): httpx's own
    overhead on a small machine would be measured instead of the server's.
    """
    url = urlsplit(base)
    host, port = url.hostname or "127.0.0.1", url.port or 80
    request = (f"GET {path} HTTP/1.1\r\nHost: {host}:{port}\r\nAccept: application/json\r\n"
               "Accept-Encoding: gzip\r\n\r\n").encode()
    latencies: list[float] = []
    errors = received = 0
    remaining = requests

    async def client() -> None:
        nonlocal remaining, errors, received
        reader, writer = await asyncio.open_connection(host, port)
        try:
            await _get(reader, writer, request)  # warm-up: the connection, SQLite's page cache
            await ready.wait()
            while remaining > 0:
                remaining -= 1
                clock = time.perf_counter()
                status, size = await _get(reader, writer, request)
                latencies.append(time.perf_counter() - clock)
                received += size
                errors += status != 200
        finally:
            writer.close()

    ready = asyncio.Event()
    tasks = [asyncio.create_task(client()) for _ in range(clients)]
    await asyncio.sleep(0.5)
    clock = time.perf_counter()
    ready.set()
    await asyncio.gather(*tasks)
    return Load(name, path, latencies, errors, time.perf_counter() - clock, received)


@dataclass
class PageLoad:
    name: str
    milliseconds: float
    requests: int
    bytes: int
    events: int


def page_loads(pages: list[tuple[str, str]], runs: int) -> list[PageLoad]:
    """Median load time, requests and bytes of each page, a fresh browser profile per run."""
    from playwright.sync_api import sync_playwright

    out = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        for name, url in pages:
            times, sizes, counts, shown = [], [], [], 0
            for _ in range(runs):
                context = browser.new_context(viewport={"width": 1600, "height": 1000})
                page = context.new_page()
                responses: list[Request] = []

                def finished(request: Request, into: list[Request] = responses) -> None:
                    into.append(request)

                page.on("requestfinished", finished)
                page.goto(url)
                page.wait_for_selector("body[data-ready=true]", timeout=120_000)
                times.append(float(page.evaluate("performance.now()")))
                shown = int(page.evaluate("Number(document.body.dataset.events)"))
                page.wait_for_load_state("networkidle")
                total = 0
                for request in responses:
                    sizes_of = request.sizes()
                    total += sizes_of["responseBodySize"] + sizes_of["responseHeadersSize"]
                sizes.append(total)
                counts.append(len(responses))
                context.close()
            out.append(PageLoad(name, statistics.median(times), int(statistics.median(counts)),
                                int(statistics.median(sizes)), shown))
        browser.close()
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--shared", type=Path, default=default_shared())
    parser.add_argument("--db", type=Path, help="Use this database instead of building one from the corpus.")
    parser.add_argument("--cache", type=Path, default=Path(tempfile.gettempdir()) / "annals-bench-explorer")
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--requests", type=int, default=2000, help="Requests per query (after the warm-up).")
    parser.add_argument("--runs", type=int, default=3, help="Page loads per page (the median is shown).")
    args = parser.parse_args()
    console = Console(width=max(150, Console().width))
    console.print(f"machine: {platform.platform()}, {os.cpu_count()} CPUs, Python {platform.python_version()}",
                  highlight=False)
    corpus_db, example_db = build(args.cache, args.shared, console)
    if args.db:
        corpus_db = args.db

    with serving(corpus_db) as url:
        with httpx.Client(base_url=url) as client:
            summary = client.get("/api/summary").json()
            first = client.get("/api/events", params={"limit": 1, "q": "Palmyra"}).json()["events"][0]
        queries = [
            ("a page (limit 100)", "/api/events"),
            ("type + country", "/api/events?type=Battles&country=Syria"),
            ("bbox + dates", "/api/events?bbox=35,33,42,38&from=2015&to=2016"),
            ("text search q", "/api/events?q=Palmyra"),
            ("one event", f"/api/events/{first['id']}"),
            ("map load (limit 5000)", "/api/events?limit=5000"),
        ]
        results = []
        for name, path in queries:
            count = args.requests if "5000" not in path else max(args.clients, args.requests // 10)
            results.append(asyncio.run(load(url, name, path, args.clients, count)))
        table = Table(title=f"/api/events at {args.clients} concurrent clients, loopback "
                            f"({summary['events']:,} events, {summary['documents']} documents)")
        for column in ("query", "path", "requests", "p50 ms", "p90 ms", "p99 ms", "max ms", "req/s", "kB gz",
                       "errors"):
            table.add_column(column, justify="left" if column in ("query", "path") else "right")
        for result in results:
            table.add_row(*result.row())
        console.print(table)

        reason = None if Path(CHROMIUM).is_file() else f"chromium is not installed at {CHROMIUM}"
        try:
            import playwright  # noqa: F401
        except ImportError:
            reason = "the playwright package is not installed"
        if reason:
            console.print(f"page load skipped: {reason}")
            return
        with serving(example_db) as example_url:
            pages = [
                ("bundled example: all events", example_url),
                (f"corpus: all {summary['events']:,} events", url),
                ("corpus: one article, one event selected", f"{url}#event={first['id']}&document={first['document']}"),
            ]
            loads = page_loads(pages, args.runs)
    table = Table(title=f"Page load in headless chromium (median of {args.runs}, cold cache)")
    for column in ("page", "events drawn", "ready ms", "requests", "bytes transferred"):
        table.add_column(column, justify="left" if column == "page" else "right")
    for page in loads:
        table.add_row(page.name, f"{page.events:,}", f"{page.milliseconds:.0f}", str(page.requests),
                      f"{page.bytes / 1e6:.2f} MB")
    console.print(table)


if __name__ == "__main__":
    main()
