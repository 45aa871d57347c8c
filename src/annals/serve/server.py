"""Running the explorer: bind a socket first (so a busy port is a clear error and port 0
picks a free one), then serve it with uvicorn until Ctrl-C, or in a background thread
for tests and benchmarks (``running``).
"""

from __future__ import annotations

import contextlib
import os
import socket
import sys
import threading
import time
import webbrowser
from collections.abc import Callable, Iterator
from pathlib import Path

import uvicorn

from annals.serve.app import allowed_hosts_for, create_app

DEFAULT_PORT = 8765


def bind(host: str, port: int) -> socket.socket:
    """A listening TCP socket on (host, port); port 0 picks a free port. Raises OSError if taken."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    try:
        if os.name != "nt":  # on Windows SO_REUSEADDR would let two servers share a port
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((host.strip("[]"), port))
        sock.listen(2048)
    except OSError:
        sock.close()
        raise
    sock.set_inheritable(True)
    return sock


def url_of(sock: socket.socket) -> str:
    """The address a browser should open for a bound socket."""
    host, port = sock.getsockname()[:2]
    if host in ("0.0.0.0", "::"):
        host = "127.0.0.1"
    return f"http://{f'[{host}]' if ':' in host else host}:{port}/"


def can_open_browser() -> bool:
    """True where a graphical browser can open (not over ssh or in CI, where the
    ``webbrowser`` module might start a text browser in the terminal)."""
    if os.environ.get("CI"):
        return False
    if sys.platform in ("darwin", "win32"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def _config(db: str | Path, host: str, log_level: str) -> uvicorn.Config:
    app = create_app(db, allowed_hosts=allowed_hosts_for(host))
    return uvicorn.Config(app, log_level=log_level, access_log=False, lifespan="on", server_header=False,
                          timeout_graceful_shutdown=2)


def run(db: str | Path, sock: socket.socket, *, open_browser: bool = False,
        announce: Callable[[str], None] = print) -> None:
    """Serve the explorer on a bound socket until interrupted (Ctrl-C)."""
    host = sock.getsockname()[0]
    server = uvicorn.Server(_config(db, str(host), "warning"))
    url = url_of(sock)
    announce(url)
    if open_browser and can_open_browser():
        threading.Timer(0.5, webbrowser.open, (url,)).start()
    server.run(sockets=[sock])


@contextlib.contextmanager
def running(db: str | Path, *, host: str = "127.0.0.1", port: int = 0) -> Iterator[str]:
    """Serve in a background thread; yields the URL and stops the server on exit.

    Example: ``with running("annals.db") as url: httpx.get(url + "api/summary")``
    """
    sock = bind(host, port)
    server = uvicorn.Server(_config(db, host, "error"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True, name="annals-serve")
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            sock.close()
            raise RuntimeError("the explorer server did not start")
        time.sleep(0.01)
    try:
        yield url_of(sock)
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        sock.close()
