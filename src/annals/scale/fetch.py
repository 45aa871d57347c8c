"""Live pages by title from the MediaWiki API, for users who are online.

One request per 50 titles (``action=query&prop=revisions&rvslots=main``,
``formatversion=2``, redirects followed), standard library only: the rest of
annals runs offline, so fetching must not pull in an HTTP stack. The revision
id is kept, so ``page.url`` names the exact revision whose text the evidence
offsets index. Any failure to reach the API is one clear error (FETCH-E001)
instead of a traceback.
"""

from __future__ import annotations

import json
import socket
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from typing import Any

from annals import __version__
from annals.document import Document
from annals.errors import FetchError
from annals.read.xml_dump import Page, page_document
from annals.scale.defaults import DEFAULT_API

__all__ = ["DEFAULT_API", "FetchedPage", "fetch_pages", "fetched_document"]

USER_AGENT = f"annals/{__version__} (conflict event extraction; python-urllib)"
BATCH = 50  # the API's limit on titles per query for ordinary clients
_LOOPBACK = {"localhost", "127.0.0.1", "::1"}
_OFFLINE_HINT = ("check that you are online (or pass --api with a wiki you can reach); offline, save the "
                 "page's wikitext and run `annals extract PAGE.wiki`")


@dataclass(frozen=True, slots=True)
class FetchedPage:
    """One page as the API returned it: the title asked for, the title found, and its wikitext."""

    requested: str
    title: str
    page_id: int
    revision_id: int | None
    timestamp: str | None
    text: str
    url: str

    def as_page(self) -> Page:
        return Page(self.title, 0, self.page_id, self.text, None, self.revision_id, self.timestamp)


def fetch_pages(titles: Sequence[str], *, api: str = DEFAULT_API,
                timeout: float = 30.0) -> Iterator[FetchedPage | FetchError]:
    """Each title's page, in the order asked; a missing page gives a ``FetchError`` in its place.

    Raises ``FetchError`` (FETCH-E001/2/3) when the API cannot be used at all.
    Example: ``next(fetch_pages(["Battle of Raqqa (2017)"])).text``
    """
    for first in range(0, len(titles), BATCH):
        batch = list(titles[first:first + BATCH])
        yield from _fetch_batch(batch, api, timeout)


def _fetch_batch(titles: list[str], api: str, timeout: float) -> Iterator[FetchedPage | FetchError]:
    params = {
        "action": "query", "prop": "revisions", "rvprop": "content|ids|timestamp", "rvslots": "main",
        "format": "json", "formatversion": "2", "redirects": "1", "titles": "|".join(titles),
    }
    pages: dict[str, dict[str, Any]] = {}
    aliases: dict[str, str] = {}
    extra: dict[str, str] = {}
    while True:  # the API continues when the answer would be too large
        data = _get(api, {**params, **extra}, timeout)
        query = data.get("query", {})
        for item in (*query.get("normalized", ()), *query.get("redirects", ())):
            aliases[str(item.get("from"))] = str(item.get("to"))
        for page in query.get("pages", ()):
            known = pages.setdefault(str(page.get("title")), page)
            if page.get("revisions"):
                known["revisions"] = page["revisions"]
        follow = data.get("continue")
        if not isinstance(follow, dict):
            break
        extra = {str(k): str(v) for k, v in follow.items()}
    index = api.replace("api.php", "index.php")
    for requested in titles:
        title = requested
        for _ in range(4):  # normalised, then a redirect or two
            title = aliases.get(title, title)
        page = pages.get(title)
        yield _page(requested, title, page, api, index)


def _page(requested: str, title: str, page: dict[str, Any] | None, api: str,
          index: str) -> FetchedPage | FetchError:
    if page is None or page.get("missing") or page.get("invalid"):
        why = page.get("invalidreason", "the title is not valid") if page and page.get("invalid") else \
            "the wiki has no page with this title"
        return FetchError("FETCH-E004", f"{why}: {requested!r}", path=api,
                          hint="check the spelling (titles are case-sensitive after the first letter)")
    try:
        revision = page["revisions"][0]
        slot = revision["slots"]["main"]
        model = slot.get("contentmodel", "wikitext")
        text = slot["content"]
    except (KeyError, IndexError, TypeError):
        return FetchError("FETCH-E003", f"the answer for {title!r} has no revision content", path=api,
                          hint="check that --api points at a MediaWiki api.php")
    if model != "wikitext":
        return FetchError("FETCH-E005", f"{title!r} holds {model}, not wikitext", path=api,
                          hint="fetch an article page")
    revision_id = revision.get("revid")
    query = {"title": title.replace(" ", "_")} | ({"oldid": str(revision_id)} if revision_id else {})
    url = f"{index}?{urllib.parse.urlencode(query)}"
    return FetchedPage(requested, title, int(page.get("pageid", 0)), revision_id, revision.get("timestamp"),
                       str(text), url)


def _get(api: str, params: dict[str, str], timeout: float) -> dict[str, Any]:
    url = f"{api}?{urllib.parse.urlencode(params)}"
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept": "application/json"})
    host = urllib.parse.urlsplit(api).hostname or ""
    # A proxy from the environment must not intercept a wiki on this machine.
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({} if host in _LOOPBACK else None))
    try:
        with opener.open(request, timeout=timeout) as response:
            body = response.read()
    except urllib.error.HTTPError as exc:
        hint = "wait a minute and try again" if exc.code in (429, 503) else "check the --api URL"
        raise FetchError("FETCH-E002", f"the API answered HTTP {exc.code} ({exc.reason})", path=api,
                         hint=hint) from exc
    except urllib.error.URLError as exc:
        raise FetchError("FETCH-E001", f"cannot reach the API ({_reason(exc.reason)})", path=api,
                         hint=_OFFLINE_HINT) from exc
    except (TimeoutError, ConnectionError) as exc:
        raise FetchError("FETCH-E001", f"cannot reach the API ({_reason(exc)})", path=api,
                         hint=_OFFLINE_HINT) from exc
    try:
        data = json.loads(body)
    except ValueError as exc:
        raise FetchError("FETCH-E003", f"the answer is not JSON (starts {body[:40]!r})", path=api,
                         hint="check that --api points at a MediaWiki api.php") from exc
    if not isinstance(data, dict):
        raise FetchError("FETCH-E003", "the answer is not a JSON object", path=api,
                         hint="check that --api points at a MediaWiki api.php")
    if "error" in data:
        error = data["error"] if isinstance(data["error"], dict) else {}
        raise FetchError("FETCH-E002", f"the API refused the query: {error.get('code')}: "
                         f"{str(error.get('info', ''))[:120]}", path=api, hint="check the titles and --api")
    return data


def _reason(reason: object) -> str:
    if isinstance(reason, ConnectionRefusedError):
        return "connection refused"
    if isinstance(reason, socket.gaierror):
        return "the host name does not resolve; are you offline?"
    if isinstance(reason, TimeoutError):
        return "timed out"
    return str(reason) or type(reason).__name__


def fetched_document(page: FetchedPage, path: str | None = None) -> Document:
    """The fetched page as a ``Document``; ``path`` defaults to the revision's URL."""
    doc = page_document(page.as_page(), path or page.url)
    return replace(doc, metadata={**doc.metadata, "url": page.url})
