"""The app factory: ``create_app(db)`` → a FastAPI app over one store file.

>>> app = create_app("nw.db")            # doctest: +SKIP
>>> import uvicorn; uvicorn.run(app, host="127.0.0.1", port=8000)  # doctest: +SKIP
"""
from __future__ import annotations

import copy
import json
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any, Iterable

from fastapi import FastAPI

from newsweave import __version__, errors
from newsweave.config import Config, load_config
from newsweave.web import errors as web_errors
from newsweave.web.cache import BriefingCache
from newsweave.web.reads import Reader
from newsweave.web.responses import CachedResponses, ResponseStore, StoreVersion
from newsweave.web.search import SearchIndex
from newsweave.web.services import Services

LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "::1", "[::1]")
# Sent with every response; pages add their Content-Security-Policy (report/html.py's policy).
SECURITY_HEADERS = [(b"x-content-type-options", b"nosniff"), (b"referrer-policy", b"no-referrer"),
                    (b"x-frame-options", b"DENY")]
API_CSP = (b"content-security-policy", b"default-src 'none'; frame-ancestors 'none'")


def create_app(db: str | Path, *, config: Config | None = None, search: str = "auto",
               allowed_hosts: Iterable[str] | None = None, warm: bool = False,
               poll_seconds: float = 10.0, search_processes: int = 0) -> FastAPI:
    """A FastAPI app serving the store at ``db`` (which must exist: the server never creates
    an empty store by mistake).

    ``search``: ``auto`` (FTS5 when available, else LIKE), ``fts5`` or ``like``.
    ``allowed_hosts``: the Host header values accepted (None accepts any); `newsweave serve`
    on a loopback address accepts only loopback names, which stops DNS-rebinding pages from
    reading the API through a visitor's browser. ``warm``: queue a build of every story whose
    briefing is missing or stale at start-up. ``poll_seconds``: how often cached briefings are
    checked against their stories. ``search_processes``: processes the API's searches run on
    (0: two threads of this process; `newsweave serve` starts two on a machine with two cores
    or more).
    """
    path = str(db)
    if not Path(path).is_file():
        raise errors.NewsweaveError(errors.NOT_FOUND, path, "no database at this path",
                                    "create one with `newsweave ingest INPUT --db PATH`")
    config = config or load_config()
    from newsweave.store import open_store

    open_store(path, config=config).close()  # refuses a file that is not a newsweave store
    reader = Reader(path)
    services = Services(path, config, reader, SearchIndex(path, reader, engine=search),
                        BriefingCache(path, config, reader, poll_seconds=poll_seconds),
                        search_processes=search_processes)
    services.search.catch_up()
    version = StoreVersion(path)

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        services.start(warm=warm)
        try:
            yield
        finally:
            services.close()
            version.close()

    app = FastAPI(title="newsweave", version=__version__, lifespan=lifespan,
                  description="Stories, briefings, articles and search over a newsweave store. "
                              "Every error is {\"error\": {\"code\", \"message\", \"input\"}} "
                              "with the codes of the command line.",
                  docs_url=None, redoc_url=None)  # their pages load scripts from a CDN
    app.state.services = services
    app.state.responses = ResponseStore()  # what CachedResponses keeps (see web/responses.py)
    web_errors.install(app)
    from newsweave.web import api, pages

    app.include_router(api.router)
    app.include_router(pages.router)
    app.openapi = lambda: _openapi(app)  # type: ignore[method-assign]
    # Inside the guard, so kept answers get the Host check and the security headers too.
    app.add_middleware(CachedResponses, version=version, store=app.state.responses)
    app.add_middleware(GuardMiddleware, allowed_hosts=allowed_hosts)
    return app


def loopback_hosts(host: str) -> list[str] | None:
    """The Host names to accept for a bind address: loopback names for a loopback address,
    anything otherwise (the operator chose to expose the server).

    >>> sorted(loopback_hosts("127.0.0.1")), loopback_hosts("0.0.0.0")
    (['127.0.0.1', '::1', '[::1]', 'localhost'], None)
    """
    if host in LOOPBACK_HOSTS or host.startswith("127."):
        return sorted(set(LOOPBACK_HOSTS) | {host})
    return None


class GuardMiddleware:
    """Pure ASGI (cheap per request): refuses unknown Host headers with the error shape, and
    adds the security headers to every response."""

    def __init__(self, app, allowed_hosts: Iterable[str] | None = None) -> None:
        self.app = app
        self.allowed = None if allowed_hosts is None else {h.lower() for h in allowed_hosts}

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if self.allowed is not None:
            host = _host(scope)
            if host not in self.allowed:
                error = web_errors.ApiError(
                    400, errors.BAD_CONFIG, "this Host is not served here (the server answers "
                    "only to the names of its address)", host[:100])
                body = json.dumps(error.body()).encode("utf-8")
                await send({"type": "http.response.start", "status": 400, "headers": [
                    (b"content-type", b"application/json"),
                    (b"content-length", str(len(body)).encode()), *SECURITY_HEADERS, API_CSP]})
                await send({"type": "http.response.body", "body": body})
                return

        async def send_with_headers(message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                names = {name.lower() for name, _ in headers}
                headers += [h for h in SECURITY_HEADERS if h[0] not in names]
                if b"content-security-policy" not in names:
                    headers.append(API_CSP)
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_with_headers)


def _host(scope) -> str:
    for name, value in scope.get("headers", []):
        if name == b"host":
            host = value.decode("latin-1").lower()
            if host.startswith("["):  # [::1]:8000
                return host.split("]", 1)[0] + "]"
            return host.rsplit(":", 1)[0] if host.count(":") == 1 else host
    return ""


def _openapi(app: FastAPI) -> dict[str, Any]:
    """FastAPI's document, plus the briefing schema (report/schema/briefing-1.schema.json) as
    ``components/schemas/Briefing`` with its ``$defs`` beside it, and without the default
    validation-error shapes (every error here is ErrorResponse)."""
    if app.openapi_schema:
        return app.openapi_schema
    from fastapi.openapi.utils import get_openapi

    from newsweave.report.build import briefing_schema

    doc = get_openapi(title=app.title, version=app.version, description=app.description,
                      routes=app.routes)
    schemas = doc.setdefault("components", {}).setdefault("schemas", {})
    schemas.pop("HTTPValidationError", None)
    schemas.pop("ValidationError", None)
    briefing = copy.deepcopy(briefing_schema())
    defs = briefing.pop("$defs", {})
    for key in ("$schema", "$id"):
        briefing.pop(key, None)

    def moved(node: Any) -> Any:
        if isinstance(node, dict):
            return {k: ("#/components/schemas/Briefing_" + v.rsplit("/", 1)[1]
                        if k == "$ref" and isinstance(v, str) and v.startswith("#/$defs/")
                        else moved(v)) for k, v in node.items()}
        if isinstance(node, list):
            return [moved(v) for v in node]
        return node

    schemas["Briefing"] = moved(briefing)
    for name, schema in defs.items():
        schemas[f"Briefing_{name}"] = moved(schema)
    app.openapi_schema = doc
    return doc
