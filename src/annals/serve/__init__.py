"""serve stage: the explorer, a read-only JSON API and a single offline page over a database.

``create_app(db)`` is the ASGI app (Starlette); ``annals serve --db annals.db`` runs it
on uvicorn at http://127.0.0.1:8765/. The page and its vendored libraries (Leaflet,
topojson-client, world-atlas) are in ``static/``. See docs/serve.md.
"""

from annals.serve.app import create_app

__all__ = ["create_app"]
