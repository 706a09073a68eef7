"""The HTML pages: the story list, a story's briefing, one article, search results.

Jinja2 with autoescape, plain HTML, no script except the report's own (allowed by its hash);
the same Content-Security-Policy as the report, sent as a header too. A story's page *is* the
report page (`report/html.py`), rendered from the cached briefing and the articles' raw text.
"""
from __future__ import annotations

from collections import OrderedDict
from functools import lru_cache
from pathlib import Path as FilePath
from typing import Annotated, Any
from urllib.parse import quote, urlencode

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup
from starlette.concurrency import run_in_threadpool

from newsweave import __version__
from newsweave.report.common import one_line, shorten
from newsweave.report.highlight import segments
from newsweave.report.html import TEMPLATES as REPORT_TEMPLATES
from newsweave.report.html import content_security_policy, render_html, safe_url
from newsweave.web.api import MAX_OFFSET, MAX_QUERY, Day, article_citations, list_stories
from newsweave.web.cache import CachedBriefing
from newsweave.web.errors import ApiError, not_found
from newsweave.web.services import Services

TEMPLATES = FilePath(__file__).parent / "templates"
PAGE_SIZE = 50
# The list, article, search and error pages run no script at all; the search box submits to
# this server. Otherwise the report's policy.
PAGE_CSP = ("default-src 'none'; style-src 'unsafe-inline'; script-src 'none'; img-src data:; "
            "base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
# The header carries the whole policy; a <meta> copy (kept for pages saved to disk) must leave
# out frame-ancestors, which browsers ignore there and report as a console error.
PAGE_META_CSP = "; ".join(part for part in PAGE_CSP.split("; ")
                          if not part.startswith("frame-ancestors"))
RENDERED_PAGES = 32

router = APIRouter(include_in_schema=False)


@lru_cache(maxsize=1)
def _environment() -> Environment:
    return Environment(loader=FileSystemLoader(TEMPLATES), autoescape=True,
                       undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)


@lru_cache(maxsize=1)
def _css() -> Markup:
    # Our own files, not input.
    return Markup((REPORT_TEMPLATES / "briefing.css").read_text("utf-8")
                  + (TEMPLATES / "web.css").read_text("utf-8"))


def story_csp() -> str:
    return content_security_policy() + "; frame-ancestors 'none'"


def _html(body: str, status: int = 200, csp: str = PAGE_CSP,
          headers: dict[str, str] | None = None) -> HTMLResponse:
    return HTMLResponse(body, status_code=status,
                        headers={"Content-Security-Policy": csp, **(headers or {})})


def render(template: str, *, request: Request | None = None, **values: Any) -> str:
    svc: Services | None = getattr(request.app.state, "services", None) if request else None
    store_name = FilePath(svc.path).name if svc else ""
    values.setdefault("query", "")
    return _environment().get_template(template).render(
        csp=PAGE_META_CSP, css=_css(), version=__version__, store_name=store_name, **values)


def error_page(error: ApiError, headers: dict[str, str] | None = None) -> HTMLResponse:
    body = _environment().get_template("error.html.j2").render(
        csp=PAGE_META_CSP, css=_css(), version=__version__, store_name="", query="",
        page_title=f"Error {error.code}", heading=f"Error {error.status}", error=error)
    return _html(body, error.status, headers=headers)


def story_href(story_id: str) -> str:
    return "/stories/" + quote(story_id, safe="")


def article_href(article_id: str) -> str:
    return "/articles/" + quote(article_id, safe="")


def _day(value: str | None) -> str:
    return (value or "")[:10]


def _page_link(path: str, params: dict[str, Any], offset: int) -> str:
    kept = {k: v for k, v in params.items() if v not in (None, "")}
    if offset:
        kept["offset"] = offset
    return path + ("?" + urlencode(kept) if kept else "")


def _pager(path: str, params: dict, offset: int, limit: int, total: int):
    prev = _page_link(path, params, max(0, offset - limit)) if offset > 0 else None
    nxt = _page_link(path, params, offset + limit) if offset + limit < total else None
    return prev, nxt


# -- the story list ---------------------------------------------------------------------------

@router.get("/", response_class=HTMLResponse)
def stories_page(
    request: Request,
    offset: Annotated[int, Query(ge=0, le=MAX_OFFSET)] = 0,
    since: Day | None = None,
    until: Day | None = None,
) -> HTMLResponse:
    svc: Services = request.app.state.services
    listed = list_stories(svc, limit=PAGE_SIZE, offset=offset, since=since, until=until, q=None)
    rows = [{"href": story_href(s["id"]), "title": one_line(s["title"]) or s["id"],
             "size": s["size"], "outlets": s["outlets"][:5],
             "more_outlets": s["outlet_count"] - len(s["outlets"][:5]),
             "first": _day(s["first"]), "last": _day(s["last"]), "briefing": s["briefing"]}
            for s in listed["stories"]]
    prev, nxt = _pager("/", {"since": since, "until": until}, offset, PAGE_SIZE,
                       listed["total"])
    return _html(render("stories.html.j2", request=request, page_title="Stories",
                        heading="Stories", stories=rows, total=listed["total"],
                        articles=svc.reader.article_count(), prev=prev, next=nxt))


# -- one story --------------------------------------------------------------------------------

class _RenderedPages:
    """The last rendered story pages, keyed by what they were rendered from."""

    def __init__(self) -> None:
        self._pages: OrderedDict[tuple, str] = OrderedDict()

    def get(self, key: tuple) -> str | None:
        page = self._pages.get(key)
        if page is not None:
            self._pages.move_to_end(key)
        return page

    def put(self, key: tuple, page: str) -> None:
        self._pages[key] = page
        while len(self._pages) > RENDERED_PAGES:
            self._pages.popitem(last=False)


_rendered = _RenderedPages()


def _render_story(svc: Services, entry: CachedBriefing, status: str) -> str:
    key = (svc.path, entry.story_id, entry.version, entry.built, status)
    page = _rendered.get(key)
    if page is not None:
        return page
    briefing = entry.briefing()
    ids = [str(a.get("id")) for a in briefing.get("articles", []) if isinstance(a, dict)]
    stored = svc.reader.articles(ids)
    # The cached briefing leaves raw text out; the store has it (articles never change).
    briefing["articles"] = [stored[i].as_briefing_article() if i in stored else a
                            for i, a in zip(ids, briefing.get("articles", []))]
    notice = None
    if status == "stale":
        notice = ("The story has changed since this briefing was built; an updated briefing "
                  "is being built. Reload in a little while.")
    page = render_html(briefing, home="/", notice=notice,
                       article_pages={i: article_href(i) for i in stored})
    _rendered.put(key, page)
    return page


@router.get("/stories/{story_id}", response_class=HTMLResponse)
async def story_page(request: Request,
                     story_id: Annotated[str, Path(min_length=1, max_length=300)]) -> HTMLResponse:
    svc: Services = request.app.state.services
    _, entry, status = await svc.briefing(story_id)
    page = await run_in_threadpool(_render_story, svc, entry, status)
    return _html(page, csp=story_csp(), headers={"X-Newsweave-Briefing": status})


# -- one article ------------------------------------------------------------------------------

@router.get("/articles/{article_id:path}", response_class=HTMLResponse)
def article_page(request: Request,
                 article_id: Annotated[str, Path(min_length=1, max_length=500)]) -> HTMLResponse:
    svc: Services = request.app.state.services
    row = svc.reader.article(article_id)
    if row is None:
        raise not_found("article", article_id)
    status, passages = article_citations(svc, row.id, row.story, row.raw)
    numbered = [{"n": n, "start": p.start, "end": p.end, "short": shorten(p.text, 160),
                 "by": list(p.by)} for n, p in enumerate(passages, 1)]
    by_number = {p["n"]: p["by"] for p in numbered}
    segs = []
    for seg in segments(row.raw, [(p["n"], p["start"], p["end"]) for p in numbered]):
        title = "; ".join(dict.fromkeys(b for n in seg.cites for b in by_number.get(n, [])))
        segs.append({"start": seg.start, "end": seg.end, "text": seg.text, "cites": seg.cites,
                     "mark_id": seg.mark_id, "anchors": seg.anchors, "gap": seg.gap,
                     "title": shorten(title, 300)})
    story = svc.reader.story(row.story) if row.story else None
    view = {"id": row.id, "source": one_line(row.source), "published": one_line(row.published),
            "url": safe_url(row.url),
            "story_href": story_href(story.id) if story else None,
            "story_title": (one_line(story.title) or story.id) if story else ""}
    title = one_line(row.title) or row.id
    return _html(render("article.html.j2", request=request, page_title=title, heading=title,
                        a=view, status=status, passages=numbered, segments=segs))


# -- search -----------------------------------------------------------------------------------

def _parts(snippet: str, highlights: list[list[int]]) -> list[dict]:
    parts, at = [], 0
    for start, end in highlights:
        if start < at:
            continue
        if start > at:
            parts.append({"text": snippet[at:start], "mark": False})
        parts.append({"text": snippet[start:end], "mark": True})
        at = end
    if at < len(snippet):
        parts.append({"text": snippet[at:], "mark": False})
    return parts


@router.get("/search", response_class=HTMLResponse)
def search_page(
    request: Request,
    q: Annotated[str, Query(min_length=1, max_length=MAX_QUERY)],
    offset: Annotated[int, Query(ge=0, le=MAX_OFFSET)] = 0,
) -> HTMLResponse:
    svc: Services = request.app.state.services
    terms = svc.terms(q)
    found = svc.search.search(terms, limit=PAGE_SIZE, offset=offset)
    titles = {}
    story_ids = sorted({h["story"] for h in found.hits if h["story"]})
    for sid in story_ids:
        row = svc.reader.story(sid)
        titles[sid] = (one_line(row.title) or sid) if row else sid
    hits = [{"href": article_href(h["article"]), "title": one_line(h["title"]) or h["article"],
             "source": one_line(h["source"]), "published": _day(h["published"]),
             "parts": _parts(h["snippet"], h["highlights"]),
             "story_href": story_href(h["story"]) if h["story"] else None,
             "story_title": titles.get(h["story"], "")} for h in found.hits]
    prev, nxt = _pager("/search", {"q": q}, offset, PAGE_SIZE, found.total)
    return _html(render("search.html.j2", request=request, page_title=f"Search: {q}",
                        heading="Search", query=q, terms=terms, total=found.total,
                        complete=found.complete, engine=found.engine, hits=hits,
                        offset=offset, prev=prev, next=nxt))
