"""One error shape for every error the server returns: ``{"error": {"code", "message",
"input"}}`` with the CLI's codes (E202 unknown story, E011 not found, E301 bad request, E999
internal). The API answers it as JSON; pages answer the same fields as an HTML page.
"""
from __future__ import annotations

import logging
from typing import Any

from fastapi import Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from newsweave import errors

log = logging.getLogger("newsweave.web")

INTERNAL = "E999"
# Coded errors the server turns into an HTTP status; any other code from the library is ours
# to fix (500).
# A search stopped at its time bound (E104) is the server being busy, not the client's error.
STATUS_OF_CODE = {errors.UNKNOWN_STORY: 404, errors.NOT_FOUND: 404, errors.BAD_CONFIG: 422,
                  errors.OVER_BUDGET: 503}


class ApiError(Exception):
    """An error with its HTTP status, CLI code, message and the input it concerns.

    >>> ApiError(404, "E202", "no story has this id", "s-1").body()
    {'error': {'code': 'E202', 'message': 'no story has this id', 'input': 's-1'}}
    """

    def __init__(self, status: int, code: str, message: str, input: str = "") -> None:
        super().__init__(message)
        self.status, self.code, self.message, self.input = status, code, message, input

    def body(self) -> dict[str, dict[str, str]]:
        return {"error": {"code": self.code, "message": self.message, "input": self.input}}

    @classmethod
    def from_newsweave(cls, exc: errors.NewsweaveError) -> "ApiError":
        message = exc.reason + (f" (fix: {exc.fix})" if exc.fix else "")
        return cls(STATUS_OF_CODE.get(exc.code, 500), exc.code, message, exc.input)


def not_found(what: str, value: str, code: str = errors.NOT_FOUND) -> ApiError:
    return ApiError(404, code, f"no {what} has this id", value)


def _from_validation(exc: RequestValidationError) -> ApiError:
    problems = exc.errors()
    first: dict[str, Any] = problems[0] if problems else {}
    # ("query", "limit") -> "limit": the name the user typed.
    loc = [str(part) for part in first.get("loc", ()) if part not in ("query", "path", "body")]
    name = ".".join(loc) or "request"
    given = first.get("input")
    shown = given if isinstance(given, str) else None
    message = f"{name}: {first.get('msg', 'invalid value')}"
    if shown is not None:
        message += f" (given {shown[:80]!r})"
    if len(problems) > 1:
        message += f"; and {len(problems) - 1} more problem(s)"
    return ApiError(422, errors.BAD_CONFIG, message, name)


def _from_http(exc: StarletteHTTPException, request: Request) -> ApiError:
    if exc.status_code == 404:
        return ApiError(404, errors.NOT_FOUND, "no such page or API route", request.url.path)
    if exc.status_code == 405:
        return ApiError(405, errors.BAD_CONFIG, f"method {request.method} is not allowed here",
                        request.url.path)
    code = INTERNAL if exc.status_code >= 500 else errors.BAD_CONFIG
    return ApiError(exc.status_code, code, str(exc.detail), request.url.path)


def wants_html(request: Request) -> bool:
    """Pages answer errors as HTML; the API (and anything asking for JSON) as JSON."""
    path = request.url.path
    if path.startswith("/api/") or path == "/openapi.json":
        return False
    return "text/html" in request.headers.get("accept", "")


def respond(request: Request, error: ApiError, headers: dict[str, str] | None = None) -> Response:
    if wants_html(request):
        from newsweave.web.pages import error_page

        return error_page(error, headers=headers)
    return JSONResponse(error.body(), status_code=error.status, headers=headers)


def install(app) -> None:
    """Register the handlers that give every error the one shape."""

    async def on_api_error(request: Request, exc: ApiError) -> Response:
        return respond(request, exc)

    async def on_newsweave(request: Request, exc: errors.NewsweaveError) -> Response:
        return respond(request, ApiError.from_newsweave(exc))

    async def on_validation(request: Request, exc: RequestValidationError) -> Response:
        return respond(request, _from_validation(exc))

    async def on_http(request: Request, exc: StarletteHTTPException) -> Response:
        headers = dict(exc.headers) if exc.headers else None
        return respond(request, _from_http(exc, request), headers)

    async def on_anything(request: Request, exc: Exception) -> Response:
        # The reason goes to the log, not to the client: the message names the code to report.
        log.error("internal error on %s", request.url.path, exc_info=exc)
        error = ApiError(500, INTERNAL, f"internal error ({type(exc).__name__}); the server log "
                         "has the details", request.url.path)
        return respond(request, error)

    app.add_exception_handler(ApiError, on_api_error)
    app.add_exception_handler(errors.NewsweaveError, on_newsweave)
    app.add_exception_handler(RequestValidationError, on_validation)
    app.add_exception_handler(StarletteHTTPException, on_http)
    app.add_exception_handler(Exception, on_anything)

