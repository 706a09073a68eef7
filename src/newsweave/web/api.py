"""The JSON API, versioned under ``/api/v1`` (OpenAPI at ``/openapi.json``).

Every error has one shape, ``{"error": {"code", "message", "input"}}``, with the CLI's codes
(see ``web/errors.py``). Offsets are raw-text offsets, as in the briefing.
"""
from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Literal

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import Response
from pydantic import BaseModel, BeforeValidator, Field

from newsweave.web.citations import cited_passages
from newsweave.web.errors import not_found
from newsweave.web.reads import StoryRow
from newsweave.web.search import bounded
from newsweave.web.services import Services

MAX_QUERY = 200
MAX_OFFSET = 100_000
BRIEFING_MEDIA = "application/json"

router = APIRouter(prefix="/api/v1")


def _iso_day(value: object) -> object:
    # pydantic's lax mode reads a number as a Unix time ("0.0" -> 1970-01-01); the API
    # promises YYYY-MM-DD only, so anything else is refused before conversion.
    if isinstance(value, str) and not _ISO_DAY.fullmatch(value):
        raise ValueError("expected a day as YYYY-MM-DD")
    return value


_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
Day = Annotated[date, BeforeValidator(_iso_day)]


# -- response models --------------------------------------------------------------------------

class ErrorBody(BaseModel):
    code: str = Field(description="The CLI's error code, e.g. E202 (unknown story), E011 (not "
                                  "found), E301 (bad request), E999 (internal).")
    message: str = Field(description="What went wrong and, where there is one, the fix.")
    input: str = Field(description="The parameter, id or path the error concerns.")


class ErrorResponse(BaseModel):
    error: ErrorBody


BriefingStatus = Literal["fresh", "stale", "missing"]


class StoryLinks(BaseModel):
    page: str
    briefing: str


class StoryOut(BaseModel):
    id: str
    title: str
    size: int = Field(description="Number of member articles.")
    first: str | None = Field(description="Earliest publication date of a member (ISO 8601).")
    last: str | None = Field(description="Latest publication date of a member (ISO 8601).")
    outlets: list[str] = Field(description="Outlets (source, else URL host), most articles "
                                           "first; at most 12.")
    outlet_count: int
    aliases: list[str] = Field(description="Ids the story had before merges.")
    briefing: BriefingStatus = Field(description="Cached briefing: fresh, stale (the story "
                                                 "changed; a rebuild is queued) or missing.")
    links: StoryLinks


class StoryList(BaseModel):
    stories: list[StoryOut]
    total: int
    limit: int
    offset: int


class ArticleBrief(BaseModel):
    id: str
    title: str | None
    source: str | None
    published: str | None
    url: str | None


class StoryDetail(StoryOut):
    articles: list[ArticleBrief]


class CitedPassageOut(BaseModel):
    start: int
    end: int
    text: str = Field(description="raw[start:end]")
    by: list[str] = Field(description="The findings of the briefing that cite the passage.")


class ArticleOut(BaseModel):
    id: str
    title: str | None
    source: str | None
    url: str | None
    author: str | None
    published: str | None
    path: str | None
    story: str | None
    raw: str = Field(description="The article's text as read; every offset indexes it.")
    briefing: BriefingStatus | None = Field(description="Status of the story's cached "
                                                        "briefing (None: no story).")
    citations: list[CitedPassageOut] = Field(description="Passages the story's cached "
                                                         "briefing cites, in text order.")


class SearchHit(BaseModel):
    article: str
    title: str | None
    source: str | None
    url: str | None
    published: str | None
    story: str | None
    snippet: str
    highlights: list[list[int]] = Field(description="[start, end] of each matched word in the "
                                                    "snippet.")


class SearchOut(BaseModel):
    query: str
    terms: list[str]
    engine: Literal["fts5", "like"]
    complete: bool = Field(description="False when new articles are not indexed yet, or a LIKE "
                                       "search did not read every article.")
    total: int
    limit: int
    offset: int
    hits: list[SearchHit]


ERRORS = {404: {"model": ErrorResponse, "description": "Unknown story or article"},
          422: {"model": ErrorResponse, "description": "Invalid parameter"},
          500: {"model": ErrorResponse, "description": "Internal error"},
          503: {"model": ErrorResponse, "description": "A search stopped at its time bound "
                                                      "(E104)"}}

Limit = Annotated[int, Query(ge=1, le=100, description="Items per page.")]
Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET, description="Items to skip.")]
StoryId = Annotated[str, Path(min_length=1, max_length=300, description="Story id or alias.")]
ArticleId = Annotated[str, Path(min_length=1, max_length=500)]


def services(request: Request) -> Services:
    return request.app.state.services


def story_out(row: StoryRow, status: str) -> dict:
    return {"id": row.id, "title": row.title, "size": row.size, "first": row.first,
            "last": row.last, "outlets": list(row.outlets), "outlet_count": row.outlet_count,
            "aliases": list(row.aliases), "briefing": status,
            "links": {"page": f"/stories/{row.id}",
                      "briefing": f"/api/v1/stories/{row.id}/briefing"}}


def list_stories(svc: Services, *, limit: int, offset: int, since: date | None,
                 until: date | None, q: str | None) -> dict:
    """The story list as the API and the list page show it (``since`` after ``until`` is
    an empty range: no story)."""
    only = svc.search.story_filter(svc.terms(q)) if q is not None else None
    with bounded(svc.reader.conn(), svc.search.seconds, q or ""):
        rows, total = svc.reader.stories(limit=limit, offset=offset, since=since, until=until,
                                         only=only)
    statuses = svc.cache.statuses([r.id for r in rows])
    return {"stories": [story_out(r, statuses[r.id]) for r in rows], "total": total,
            "limit": limit, "offset": offset}


# -- routes -----------------------------------------------------------------------------------

@router.get("/stories", response_model=StoryList, responses=ERRORS, tags=["stories"])
def stories(
    request: Request,
    limit: Limit = 20,
    offset: Offset = 0,
    since: Annotated[Day | None, Query(description="Keep stories with an article on or "
                                                    "after this day (YYYY-MM-DD).")] = None,
    until: Annotated[Day | None, Query(description="Keep stories with an article on or "
                                                    "before this day.")] = None,
    q: Annotated[str | None, Query(min_length=1, max_length=MAX_QUERY,
                                   description="Keep stories with an article containing "
                                               "every word.")] = None,
) -> dict:
    """Stories, newest first (by their latest article; undated stories last)."""
    return list_stories(services(request), limit=limit, offset=offset, since=since,
                        until=until, q=q)


@router.get("/stories/{story_id}", response_model=StoryDetail, responses=ERRORS,
            tags=["stories"])
def story(request: Request, story_id: StoryId) -> dict:
    """One story with its member articles (a merged story's old id works too)."""
    svc = services(request)
    resolved = svc.resolve(story_id)
    row = svc.reader.story(resolved)
    if row is None:  # merged away between the two reads
        raise not_found("story", story_id, "E202")
    members = svc.reader.articles(svc.reader.member_ids(resolved))
    out = story_out(row, svc.cache.statuses([resolved])[resolved])
    out["articles"] = [{"id": a.id, "title": a.title, "source": a.source,
                        "published": a.published, "url": a.url}
                       for a in sorted(members.values(), key=lambda a: a.seq)]
    return out


BRIEFING_RESPONSES = {
    200: {"description": "The story's briefing (schema newsweave/briefing@1, without the "
                         "articles' raw text). Header X-Newsweave-Briefing says fresh, stale "
                         "(served from the cache while a rebuild runs) or built (just built).",
          "content": {BRIEFING_MEDIA: {"schema": {"$ref": "#/components/schemas/Briefing"}}},
          "headers": {"X-Newsweave-Briefing": {
              "schema": {"type": "string", "enum": ["fresh", "stale", "built"]}}}},
    **ERRORS,
}


@router.get("/stories/{story_id}/briefing", response_class=Response,
            responses=BRIEFING_RESPONSES, tags=["stories"])
async def story_briefing(request: Request, story_id: StoryId) -> Response:
    """The briefing of a stored story: the same dict as `newsweave brief --db --story` writes to
    briefing.json. Served from the cache when one exists (never waiting for the models); a
    story never briefed is built first."""
    _, entry, status = await services(request).briefing(story_id)
    return Response(entry.body, media_type=BRIEFING_MEDIA,
                    headers={"X-Newsweave-Briefing": status, "Cache-Control": "no-cache"})


@router.get("/articles/{article_id:path}", response_model=ArticleOut, responses=ERRORS,
            tags=["articles"])
def article(request: Request, article_id: ArticleId) -> dict:
    """One stored article with its raw text and the passages its story's briefing cites."""
    svc = services(request)
    row = svc.reader.article(article_id)
    if row is None:
        raise not_found("article", article_id)
    status, passages = article_citations(svc, row.id, row.story, row.raw)
    return {"id": row.id, "title": row.title, "source": row.source, "url": row.url,
            "author": row.author, "published": row.published, "path": row.path,
            "story": row.story, "raw": row.raw, "briefing": status,
            "citations": [{"start": p.start, "end": p.end, "text": p.text, "by": list(p.by)}
                          for p in passages]}


def article_citations(svc: Services, article_id: str, story_id: str | None, raw: str):
    """``(briefing status, cited passages)`` from the cache only (never builds)."""
    if story_id is None:
        return None, []
    entry, status = svc.cache.lookup(story_id)
    if entry is None:
        return status, []
    return status, cited_passages(entry.briefing(), article_id, raw)


@router.get("/search", response_model=SearchOut, responses=ERRORS, tags=["search"])
async def search(
    request: Request,
    q: Annotated[str, Query(min_length=1, max_length=MAX_QUERY,
                            description="Words to find (every one must occur).")],
    limit: Limit = 20,
    offset: Offset = 0,
) -> Response:
    """Articles containing every word of ``q``: best first with SQLite FTS5, else newest first
    with LIKE over the newest 5,000 articles."""
    svc = services(request)
    # Searched and encoded on the search processes or threads (web/search_pool.py), so this
    # process's event loop only passes the bytes on.
    body = await svc.searches.answer(q, svc.terms(q), limit, offset)
    return Response(body, media_type="application/json")


