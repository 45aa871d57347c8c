"""``annals fetch`` against a real HTTP server on 127.0.0.1 that answers like MediaWiki's api.php."""

from __future__ import annotations

import json
import socket
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, ClassVar
from urllib.parse import parse_qs, urlsplit

import pytest
from typer.testing import CliRunner
from wiki_pages import load_pages

from annals.errors import FetchError
from annals.scale.cli import app
from annals.scale.fetch import FetchedPage, fetch_pages, fetched_document

PAGES = {p.title: p for p in load_pages() if p.ns == 0 and p.redirect is None}
REDIRECTS = {"Lakes offensive": "Northern Lakes offensive"}
runner = CliRunner()


class WikiApi(BaseHTTPRequestHandler):
    """Enough of api.php (action=query, prop=revisions, formatversion=2) for the fetcher."""

    requests: ClassVar[list[dict[str, Any]]] = []

    def log_message(self, *args: object) -> None:  # keep the test output clean
        pass

    def do_GET(self) -> None:
        url = urlsplit(self.path)
        query = {k: v[0] for k, v in parse_qs(url.query).items()}
        WikiApi.requests.append({"path": url.path, "query": query, "agent": self.headers.get("User-Agent")})
        if url.path.startswith("/down/"):
            self._send(503, b"<html>maintenance</html>", "text/html")
        elif url.path.startswith("/html/"):
            self._send(200, b"<!DOCTYPE html><html>not an API</html>", "text/html")
        elif url.path.startswith("/refuse/"):
            self._json({"error": {"code": "badvalue", "info": "Unrecognized value for parameter \"prop\"."}})
        else:
            self._json(self._query(query["titles"].split("|")))

    def _query(self, titles: list[str]) -> dict[str, Any]:
        normalized, redirects, pages = [], [], []
        for asked in titles:
            title = asked.replace("_", " ")
            title = title[:1].upper() + title[1:]
            if title != asked:
                normalized.append({"fromencoded": False, "from": asked, "to": title})
            if title in REDIRECTS:
                redirects.append({"from": title, "to": REDIRECTS[title]})
                title = REDIRECTS[title]
            page = PAGES.get(title)
            if page is None:
                pages.append({"ns": 0, "title": title, "missing": True})
            else:
                pages.append({"pageid": page.id, "ns": 0, "title": title, "revisions": [{
                    "revid": page.revision_id, "parentid": 1, "timestamp": page.timestamp,
                    "slots": {"main": {"contentmodel": "wikitext", "contentformat": "text/x-wiki",
                                       "content": page.text}}}]})
        return {"batchcomplete": True, "query": {"normalized": normalized, "redirects": redirects, "pages": pages}}

    def _json(self, data: dict[str, Any]) -> None:
        self._send(200, json.dumps(data).encode("utf-8"), "application/json; charset=utf-8")

    def _send(self, status: int, body: bytes, kind: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture(scope="module")
def wiki() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), WikiApi)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture()
def closed_port() -> int:
    """A loopback port where nothing listens: connecting is refused, as when offline."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_fetch_pages_returns_wikitext_and_revision(wiki: str) -> None:
    WikiApi.requests.clear()
    [page] = list(fetch_pages(["Northern Lakes offensive"], api=f"{wiki}/w/api.php"))
    assert isinstance(page, FetchedPage)
    assert page.text == PAGES["Northern Lakes offensive"].text and page.revision_id == 9101
    assert page.url == f"{wiki}/w/index.php?title=Northern_Lakes_offensive&oldid=9101"
    query = WikiApi.requests[-1]["query"]
    assert {k: query[k] for k in ("action", "prop", "rvslots", "format", "formatversion")} == {
        "action": "query", "prop": "revisions", "rvslots": "main", "format": "json", "formatversion": "2"}
    assert "content" in query["rvprop"].split("|") and WikiApi.requests[-1]["agent"].startswith("annals/")


def test_fetch_pages_follows_normalisation_and_redirects_in_order(wiki: str) -> None:
    results = list(fetch_pages(["lakes_offensive", "No such page", "Upper Euphrates campaign"],
                               api=f"{wiki}/w/api.php"))
    assert isinstance(results[0], FetchedPage) and results[0].title == "Northern Lakes offensive"
    assert results[0].requested == "lakes_offensive"
    assert isinstance(results[1], FetchError) and results[1].code == "FETCH-E004"
    assert isinstance(results[2], FetchedPage) and results[2].title == "Upper Euphrates campaign"


def test_fetch_pages_offline_is_fetch_e001_with_a_fix(closed_port: int) -> None:
    with pytest.raises(FetchError) as caught:
        list(fetch_pages(["Anything"], api=f"http://127.0.0.1:{closed_port}/w/api.php", timeout=5))
    error = caught.value
    assert error.code == "FETCH-E001" and "connection refused" in error.reason
    assert error.path == f"http://127.0.0.1:{closed_port}/w/api.php" and "annals extract" in error.hint


@pytest.mark.parametrize(("where", "code"), [("down", "FETCH-E002"), ("html", "FETCH-E003"),
                                             ("refuse", "FETCH-E002")])
def test_fetch_pages_bad_answers_are_clear_errors(wiki: str, where: str, code: str) -> None:
    with pytest.raises(FetchError) as caught:
        list(fetch_pages(["Northern Lakes offensive"], api=f"{wiki}/{where}/api.php"))
    assert caught.value.code == code


def test_fetched_document_evidence_indexes_the_revision_text(wiki: str) -> None:
    [page] = list(fetch_pages(["Northern Lakes offensive"], api=f"{wiki}/w/api.php"))
    assert isinstance(page, FetchedPage)
    doc = fetched_document(page)
    assert doc.path == page.url and doc.source == page.text and doc.metadata["revision_id"] == "9101"


def test_cli_fetch_prints_the_contract_and_saves_the_page(wiki: str, tmp_path: Path) -> None:
    result = runner.invoke(app, ["fetch", "Northern Lakes offensive", "--api", f"{wiki}/w/api.php",
                                 "--output", str(tmp_path), "--no-geo", "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    saved = tmp_path / "Northern_Lakes_offensive.wiki"
    assert data["document"]["path"] == str(saved) and data["document"]["title"] == "Northern Lakes offensive"
    source = saved.read_text(encoding="utf-8")
    assert data["events"] and all(source[e["evidence"][0]["start"]:e["evidence"][0]["end"]] for e in data["events"])
    assert json.loads((tmp_path / "Northern_Lakes_offensive.json").read_text(encoding="utf-8")) == data


def test_cli_fetch_missing_page_is_reported_and_the_rest_goes_on(wiki: str) -> None:
    result = runner.invoke(app, ["fetch", "Upper Euphrates campaign", "Nowhere battle", "--api",
                                 f"{wiki}/w/api.php", "--no-geo", "--format", "jsonl"])
    assert result.exit_code == 1
    assert [json.loads(line)["document"]["title"] for line in result.stdout.splitlines()] == \
        ["Upper Euphrates campaign"]
    assert "FETCH-E004" in result.stderr and "'Nowhere battle'" in result.stderr


def test_cli_fetch_offline_exits_1_with_the_three_part_message(closed_port: int) -> None:
    result = runner.invoke(app, ["fetch", "Battle of Raqqa (2017)", "--api",
                                 f"http://127.0.0.1:{closed_port}/w/api.php", "--timeout", "5"])
    assert result.exit_code == 1
    assert "annals: FETCH-E001" in result.stderr and "connection refused" in result.stderr
    assert "fix:" in result.stderr and result.stdout == ""
