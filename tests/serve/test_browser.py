"""The explorer page in a real browser: Debian's chromium, headless, driven by Playwright.

Skipped with the reason when chromium is not installed (never downloads a browser).
Each test starts from a fresh page against a real uvicorn server on loopback;
screenshots go to test-artifacts/ (gitignored).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from live import ARTIFACTS, CHROMIUM, CHROMIUM_ARGS, build_db, chromium_missing

from annals.pipeline import Pipeline
from annals.serve.server import running

MISSING = chromium_missing()
pytestmark = pytest.mark.skipif(MISSING is not None, reason=MISSING or "")

if MISSING is None:
    from playwright.sync_api import Browser, Page, sync_playwright

# Installed before any page script: records what must never happen.
WATCH = """
window.__violations = [];
document.addEventListener("securitypolicyviolation",
  (e) => window.__violations.push(e.violatedDirective + " " + e.blockedURI));
"""


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory, pipeline: Pipeline) -> Iterator[str]:
    db = build_db(tmp_path_factory.mktemp("browser"), pipeline)
    with running(db) as url:
        yield url


@pytest.fixture(scope="module")
def api(server: str) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=server) as client:
        yield client


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield launched
        launched.close()


class Watched:
    """A page and what it did: console errors, uncaught errors, dialogs, requests."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.requests: list[str] = []
        self.failed: list[str] = []
        page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: self.errors.append(str(e)))
        page.on("dialog", self._dialog)
        page.on("request", lambda r: self.requests.append(r.url))
        page.on("requestfailed", lambda r: self.failed.append(r.url))
        page.add_init_script(WATCH)

    def _dialog(self, dialog: Any) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def open(self, url: str) -> None:
        self.page.goto(url)
        self.page.wait_for_selector("body[data-ready=true]", timeout=30_000)

    def events_shown(self, count: int) -> None:
        self.page.wait_for_selector(f"body[data-events='{count}']", timeout=15_000)


@pytest.fixture()
def watched(browser: Browser) -> Iterator[Watched]:
    context = browser.new_context(viewport={"width": 1600, "height": 1000})
    page = context.new_page()
    yield Watched(page)
    context.close()


def _documents(api: httpx.Client) -> dict[str, str]:
    return {d["path"].rsplit("/", 1)[-1]: d["id"] for d in api.get("/api/documents").json()["documents"]}


def _total(api: httpx.Client, **params: str) -> int:
    return int(api.get("/api/events", params=params).json()["total"])


def test_browser_explorer_shows_markers_filters_and_highlighted_evidence(
        server: str, api: httpx.Client, watched: Watched) -> None:
    page = watched.page
    watched.open(server)
    summary = api.get("/api/summary").json()
    assert page.get_attribute("#map", "data-markers") == str(summary["located"])
    assert page.locator("path.event-marker").count() == summary["located"]
    assert int(page.get_attribute("#map", "data-basemap") or 0) > 200  # Natural Earth countries
    assert page.locator("#timeline rect").count() > 0
    assert page.locator("#events-table tbody tr").count() == summary["events"]

    # Filter: Battles only, then an actor.
    page.click("#types-none")
    page.check("#type-battles")
    watched.events_shown(_total(api, type="Battles"))
    assert {t.split("\n")[0] for t in page.locator("#events-table tbody td:nth-child(2)").all_inner_texts()} <= {
        "Armed clash", "Government regains territory", "Non-state actor overtakes territory"}
    page.fill("#actor", "Ukraine")
    watched.events_shown(_total(api, type="Battles", actor="Ukraine"))
    page.click("#reset")
    watched.events_shown(summary["events"])

    # One article; its side 2; then its explosions only, and click the shelling of Balakliia on the map.
    kharkiv = _documents(api)["kharkiv.txt"]
    page.select_option("#document-select", kharkiv)
    watched.events_shown(_total(api, document=kharkiv))
    page.click("#side-seg button[data-side='2']")
    watched.events_shown(_total(api, document=kharkiv, side="2"))
    page.click("#side-seg button[data-side='']")
    page.click("#types-none")
    page.check("#type-explosions-remote-violence")
    explosions = api.get("/api/events", params={"document": kharkiv, "type": "Explosions/Remote violence"}).json()
    watched.events_shown(explosions["total"])
    shelling = next(e for e in explosions["events"] if e["location"]["name"] == "Balakliia")
    page.click(f"path.event-marker[data-event='{shelling['id']}']")
    page.wait_for_selector(f"#event-card [data-event='{shelling['id']}']")

    # The card shows who said what; the article shows the evidence highlighted.
    card = page.inner_text("#event-card")
    assert "Shelling/artillery/missile attack" in card and "Local officials" in card and "4 killed" in card
    detail = api.get(f"/api/events/{shelling['id']}").json()["event"]
    highlighted = " ".join(page.locator("#source-text .hl-event").all_inner_texts())
    assert " ".join(detail["evidence"][0]["text"].split()) in " ".join(highlighted.split())
    assert page.locator("#source-text .hl-claim").all_inner_texts() == ["4"]
    assert page.locator("#source-text .hl-event").first.is_visible()
    record = page.inner_text("#record")
    assert "Kharkiv counteroffensive" in record and "side 1" in record.lower() and "Oleksandr Syrskyi" in record
    assert page.locator("#events-table tr.selected").get_attribute("data-id") == shelling["id"]

    # Clicking a claim scrolls to its words; clicking another event's evidence in the text selects it.
    page.click("#event-card tr.claim")
    other = page.locator("#source-text .ev:not(.hl-event)").first
    other.click()
    page.wait_for_function("(id) => !document.querySelector(`#event-card [data-event='${id}']`)", arg=shelling["id"])
    page.click(f"#events-table tr[data-id='{shelling['id']}']")
    page.wait_for_selector(f"#event-card [data-event='{shelling['id']}']")
    page.click("#types-all")  # every type again; the selection stays
    watched.events_shown(_total(api, document=kharkiv))
    assert page.locator("#events-table tr.selected").get_attribute("data-id") == shelling["id"]
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "explorer.png"))
    assert watched.errors == [] and watched.dialogs == []
    assert page.evaluate("window.__violations") == []


def test_browser_timeline_brush_keeps_the_dates_dragged_across(
        server: str, api: httpx.Client, watched: Watched) -> None:
    page = watched.page
    kharkiv = _documents(api)["kharkiv.txt"]
    watched.open(f"{server}#document={kharkiv}")
    total = _total(api, document=kharkiv)
    watched.events_shown(total)
    box = page.locator("#timeline").bounding_box()
    assert box is not None
    y = box["y"] + box["height"] / 2
    page.mouse.move(box["x"] + 40, y)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] * 0.3, y, steps=5)
    page.mouse.up()
    page.wait_for_function("(total) => Number(document.body.dataset.events) < total", arg=total)
    kept = int(page.evaluate("document.body.dataset.events"))
    start, end = page.input_value("#from"), page.input_value("#to")
    assert start and end and start <= end
    assert 0 < kept == _total(api, document=kharkiv, **{"from": start, "to": end})
    page.mouse.click(box["x"] + box["width"] / 2, y)  # a click without a drag clears the brush
    watched.events_shown(total)
    assert page.input_value("#from") == ""


def test_browser_highlights_the_exact_words_after_characters_outside_the_bmp(
        server: str, api: httpx.Client, watched: Watched) -> None:
    page = watched.page
    hill = _documents(api)["hill.txt"]
    assert "🗺" in api.get(f"/api/documents/{hill}").json()["source"]
    ids = [e["id"] for e in api.get("/api/events", params={"document": hill}).json()["events"]]
    details = [api.get(f"/api/events/{i}").json()["event"] for i in ids]
    detail = next(d for d in details if d["claims"])  # the last sentence: who said how many died
    watched.open(f"{server}#document={hill}&event={detail['id']}")
    page.wait_for_selector(f"#event-card [data-event='{detail['id']}']")
    evidence = sorted(detail["evidence"], key=lambda span: span["start"])
    assert "".join(page.locator("#source-text .hl-event").all_text_contents()) == "".join(s["text"] for s in evidence)
    claims = [span["text"] for claim in detail["claims"] for span in claim["evidence"]]
    assert page.locator("#source-text .hl-claim").all_text_contents() == claims


def test_browser_untrusted_text_never_runs(server: str, api: httpx.Client, watched: Watched) -> None:
    page = watched.page
    hostile = _documents(api)["hostile.txt"]
    watched.open(f"{server}#document={hostile}")
    rows = page.locator("#events-table tbody tr")
    assert rows.count() >= 2
    for index in range(rows.count()):
        event_id = rows.nth(index).get_attribute("data-id")
        rows.nth(index).click()
        page.wait_for_selector(f"#event-card [data-event='{event_id}']")
        page.hover("#event-card")
        page.hover("#record")
    page.hover("path.event-marker >> nth=-1")  # the tooltip: actor names with markup (the last is on top)
    page.fill("#q", "<script>alert(1)</script>")
    page.press("#q", "Enter")
    page.wait_for_timeout(600)
    text = page.inner_text("#source-text")
    assert "<script>window.__pwned=1;alert(1)</script>" in text
    assert '<img src=x onerror="window.__pwned=1">' in text
    assert "<img src=x" in page.inner_text("#event-card") + page.inner_text("#events-table")
    assert '<a href="javascript:window.__pwned=1">click me</a>' in page.inner_text("#record")
    assert "<script>alert(1)</script>" in page.locator("#document-select option:checked").inner_text()
    injected = page.evaluate("""() => document.querySelectorAll(
        "[onerror], [onload], [onmouseover], iframe, img, a[href^='javascript'], #reader script, #events-table script"
    ).length""")
    assert injected == 0
    assert page.evaluate("document.scripts.length") == 3  # leaflet, topojson-client, main.js
    assert page.evaluate("window.__pwned") is None
    assert watched.dialogs == []
    assert page.evaluate("window.__violations") == []
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "explorer-hostile.png"))


def test_browser_page_fetches_nothing_from_elsewhere(server: str, watched: Watched) -> None:
    watched.open(server)
    watched.page.wait_for_load_state("networkidle")
    assert watched.requests and all(url.startswith(server) for url in watched.requests)
    assert watched.failed == [] and watched.errors == []
    assert any(url.endswith("countries-50m.json") for url in watched.requests)


def test_browser_screenshot_artifact_is_kept() -> None:
    shot = ARTIFACTS / "explorer.png"
    if not shot.exists():
        pytest.skip("the explorer test did not run")
    assert shot.stat().st_size > 20_000
    assert Path(shot).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
