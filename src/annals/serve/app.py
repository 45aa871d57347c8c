"""The explorer's ASGI app: a read-only JSON API over one annals database, and the page.

Every request opens its own read-only connection (``Store(path, readonly=True)``:
a ``mode=ro`` URI plus ``PRAGMA query_only``), so the server never writes and an
ingest may run beside it. Endpoints are synchronous and run in Starlette's thread
pool. Every response carries a strict Content-Security-Policy (scripts and styles
from this origin only; nothing inline), ``X-Content-Type-Options: nosniff`` and
friends; the Host header must name this machine unless the server listens on all
interfaces (a guard against DNS rebinding). Errors are one JSON shape:
``{"ok": false, "error": "...", "status": 400}``.
"""

from __future__ import annotations

import contextlib
import logging
import os
from collections.abc import AsyncIterator, Callable, Iterable
from importlib import resources
from pathlib import Path
from typing import Any

import anyio.to_thread
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.gzip import GZipMiddleware
from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from annals.errors import AnnalsError
from annals.serve import queries
from annals.serve.openapi import openapi
from annals.serve.queries import ApiError
from annals.store import Store

log = logging.getLogger(__name__)

CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
       "font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
SECURITY_HEADERS = (
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"cross-origin-resource-policy", b"same-origin"),
)
WORKER_THREADS = max(4, 2 * (os.cpu_count() or 2))  # threads answering requests at once
LOCAL_HOSTS = frozenset({"127.0.0.1", "localhost", "[::1]"})
WILDCARD_HOSTS = frozenset({"0.0.0.0", "::", "[::]", ""})


def static_dir() -> Path:
    """The folder of the page and its vendored libraries (inside the package)."""
    return Path(str(resources.files("annals.serve").joinpath("static")))


class Guard:
    """Pure ASGI middleware: reject foreign Host headers; add the security headers."""

    def __init__(self, app: ASGIApp, allowed_hosts: frozenset[str] | None) -> None:
        self.app = app
        self.allowed_hosts = allowed_hosts  # None: any

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if self.allowed_hosts is not None:
            host = _host_name(dict(scope["headers"]).get(b"host", b"").decode("latin-1"))
            if host not in self.allowed_hosts:
                response = error_response(400, f"the Host header {host[:60]!r} is not this server; open it as "
                                               "http://127.0.0.1:PORT/")
                await self._send_with_headers(response, scope, receive, send)
                return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                path = scope.get("path", "")
                cache = b"public, max-age=86400" if path.startswith("/static/vendor/") else b"no-cache"
                message["headers"] = [*message.get("headers", []), *SECURITY_HEADERS, (b"cache-control", cache)]
            await send(message)

        await self.app(scope, receive, send_with_headers)

    async def _send_with_headers(self, response: Response, scope: Scope, receive: Receive, send: Send) -> None:
        async def sender(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), *SECURITY_HEADERS]
            await send(message)

        await response(scope, receive, sender)


def _host_name(header: str) -> str:
    """The host of a Host header without its port ("[::1]:8765" -> "[::1]")."""
    header = header.strip().lower()
    if header.startswith("["):
        return header[: header.find("]") + 1] if "]" in header else header
    return header.rsplit(":", 1)[0] if header.count(":") == 1 else header


def allowed_hosts_for(host: str) -> frozenset[str] | None:
    """Host names a browser may use for a server bound to ``host`` (None: any)."""
    if host in WILDCARD_HOSTS:
        return None
    name = f"[{host}]" if ":" in host and not host.startswith("[") else host
    return LOCAL_HOSTS | {name.lower()}


def error_response(status: int, message: str) -> JSONResponse:
    """The one error shape of the API."""
    return JSONResponse({"ok": False, "error": message, "status": status}, status_code=status)


def create_app(db: str | Path, *, allowed_hosts: Iterable[str] | None = frozenset(LOCAL_HOSTS)) -> Starlette:
    """The explorer app over the database at ``db`` (checked now: a missing or unreadable
    database raises ``StoreError`` here, not on the first request).

    ``allowed_hosts``: Host header names accepted (None accepts any; see ``allowed_hosts_for``).

    Example: ``uvicorn.run(create_app("annals.db"), host="127.0.0.1", port=8765)``
    """
    path = Path(db)
    Store(path, readonly=True).close()  # fail early: missing file, not a database, schema to migrate

    def read(work: Callable[[Any], dict[str, Any] | None], missing: str = "") -> Response:
        with Store(path, readonly=True) as store:
            data = work(store.connection)
        if data is None:
            raise ApiError(404, missing)
        return JSONResponse(data)

    def list_events(request: Request) -> Response:
        query = queries.event_query(_params(request))
        return read(lambda conn: queries.events(conn, query))

    def get_event(request: Request) -> Response:
        event_id = request.path_params["event_id"]
        return read(lambda conn: queries.event(conn, event_id),
                    f"no event has the id {event_id[:60]!r}; ids look like 29ad254bd28b:e001 (see /api/events)")

    def list_documents(request: Request) -> Response:
        params = _params(request)
        queries.check_names(params, ("limit", "offset"))
        limit, offset = queries.paging(params, default=queries.MAX_LIMIT)
        return read(lambda conn: queries.documents(conn, limit, offset))

    def get_document(request: Request) -> Response:
        key = request.path_params["key"]
        return read(lambda conn: queries.document(conn, key),
                    f"no document has the id {key[:60]!r} (see /api/documents)")

    def list_actors(request: Request) -> Response:
        params = _params(request)
        queries.check_names(params, ("q", "document", "limit", "offset"))
        limit, offset = queries.paging(params, default=queries.ACTORS_LIMIT)
        text, document = queries.one(params, "q"), queries.one(params, "document")
        return read(lambda conn: queries.actors(conn, text, document, limit, offset))

    def search(request: Request) -> Response:
        params = _params(request)
        queries.check_names(params, ("q", "limit"))
        text = queries.one(params, "q")
        if not text:
            raise ApiError(400, 'q: give some words to search for, e.g. q=Palmyra or q="a phrase"')
        limit = queries.integer(params, "limit", queries.SEARCH_LIMIT, 1, queries.MAX_SEARCH)
        return read(lambda conn: queries.search(conn, text, limit))

    def summary(request: Request) -> Response:
        queries.check_names(_params(request), ())
        return read(queries.summary)

    spec = openapi()  # the same for every request: built once

    def openapi_document(request: Request) -> Response:
        return JSONResponse(spec)

    def index(request: Request) -> Response:
        return FileResponse(static_dir() / "index.html", media_type="text/html; charset=utf-8")

    async def api_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, ApiError)
        return error_response(exc.status, exc.message)

    async def http_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, HTTPException)
        message = {404: f"nothing at {request.url.path[:80]!r}; the API is described at /api/openapi.json",
                   405: f"{request.method} is not allowed here; the API is read-only (GET)"}.get(
                       exc.status_code, str(exc.detail))
        return error_response(exc.status_code, message)

    async def store_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, AnnalsError)
        return error_response(503, f"the database cannot be read: {exc.reason}")

    async def server_error(request: Request, exc: Exception) -> Response:
        log.exception("error answering %s", request.url.path)
        return error_response(500, "internal error (a bug in annals serve; the server log has the traceback)")

    routes = [
        Route("/", index, methods=["GET"]),
        Route("/api/events", list_events, methods=["GET"]),
        Route("/api/events/{event_id:str}", get_event, methods=["GET"]),
        Route("/api/documents", list_documents, methods=["GET"]),
        Route("/api/documents/{key:str}", get_document, methods=["GET"]),
        Route("/api/actors", list_actors, methods=["GET"]),
        Route("/api/search", search, methods=["GET"]),
        Route("/api/summary", summary, methods=["GET"]),
        Route("/api/openapi.json", openapi_document, methods=["GET"]),
        Mount("/static", StaticFiles(directory=static_dir()), name="static"),
    ]
    hosts = None if allowed_hosts is None else frozenset(h.lower() for h in allowed_hosts)
    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        # Few worker threads: SQLite releases the GIL, the JSON building does not, and forty
        # threads fighting for it triple the tail latency (bench/explorer.py).
        anyio.to_thread.current_default_thread_limiter().total_tokens = WORKER_THREADS
        yield

    return Starlette(
        lifespan=lifespan,
        routes=routes,
        middleware=[Middleware(Guard, allowed_hosts=hosts),
                    Middleware(GZipMiddleware, minimum_size=1024, compresslevel=5)],
        exception_handlers={ApiError: api_error, HTTPException: http_error, AnnalsError: store_error,
                            Exception: server_error},
    )


def _params(request: Request) -> dict[str, list[str]]:
    params: dict[str, list[str]] = {}
    for name, value in request.query_params.multi_items():
        params.setdefault(name, []).append(value)
    return params
