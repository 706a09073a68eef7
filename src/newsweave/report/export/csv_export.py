"""The briefing as CSV tables plus a Frictionless Data Package descriptor (``datapackage.json``).

One row per story, article, claim, cited passage, quote, timeline entry and coverage cell. The
tables join on ``story_id``, ``claim_id`` and ``article_id``; every offset is a raw-text offset
(``raw[start:end]`` is ``passage``). ``datapackage.json`` (profile ``tabular-data-package``)
types every column and declares a primary key or foreign key only where the written rows hold
it, so a validator never finds a key the data breaks.

>>> from newsweave.report.export.read import BriefingView
>>> files = render_csv(BriefingView({"schema": "newsweave/briefing@1", "articles": [],
...                                  "stories": []}))
>>> sorted(files)[:3]
['articles.csv', 'claims.csv', 'coverage.csv']
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from newsweave.report.common import shorten
from newsweave.report.export.common import XSD_DATETIME, cell, csv_text
from newsweave.report.export.read import BriefingView, Passage, StoryView

PACKAGE_FILE = "datapackage.json"



@dataclass(frozen=True)
class Field:
    name: str
    type: str  # a Table Schema type: string, integer, boolean, datetime, array
    description: str


@dataclass
class Table:
    name: str
    title: str
    fields: list[Field]
    primary_key: list[str] = field(default_factory=list)
    # (fields here, referenced table, fields there)
    foreign_keys: list[tuple[list[str], str, list[str]]] = field(default_factory=list)
    rows: list[list[Any]] = field(default_factory=list)

    @property
    def path(self) -> str:
        return f"{self.name}.csv"

    def column(self, name: str) -> int:
        return [f.name for f in self.fields].index(name)


def _f(name: str, type_: str, description: str) -> Field:
    return Field(name, type_, description)


STORY_ID = _f("story_id", "string", "The story's id (stories.csv).")
ARTICLE_ID = _f("article_id", "string", "The article's id (articles.csv).")
START = _f("start", "integer", "Start of the passage: character offset into the article's raw "
                               "text (Python str index).")
END = _f("end", "integer", "End of the passage (exclusive); raw[start:end] is passage.")
PASSAGE = _f("passage", "string", "The cited raw text, raw[start:end].")


def tables() -> list[Table]:
    """The tables of the package, empty; ``fill`` adds the rows."""
    return [
        Table("stories", "Stories", [
            STORY_ID, _f("title", "string", "The story's title."),
            _f("question", "string", "The story's central question, when one was found or given."),
            _f("articles", "integer", "How many articles the story has."),
            _f("claims", "integer", "How many claims (claims.csv)."),
            _f("quotes", "integer", "How many quotes (quotes.csv)."),
            _f("timeline_entries", "integer", "How many timeline entries (timeline.csv)."),
        ], primary_key=["story_id"]),
        Table("articles", "Articles", [
            ARTICLE_ID, _f("story_id", "string", "The story the article belongs to."),
            _f("title", "string", "Headline."), _f("source", "string", "Outlet or site."),
            _f("published", "datetime", "Publication date-time (ISO 8601), when known."),
            _f("url", "string", "Where the article was published, when known."),
            _f("author", "string", "Byline, when known."),
            _f("path", "string", "The file it was read from."),
        ], primary_key=["article_id"],
           foreign_keys=[(["story_id"], "stories", ["story_id"])]),
        Table("claims", "Claims across sources", [
            STORY_ID, _f("claim_id", "string", "The claim's id within its story."),
            _f("text", "string", "The claim as worded in its first cited passage."),
            _f("status", "string", "corroborated (two or more independent sources), "
                                   "single-source or disputed."),
            _f("independent_sources", "integer", "Sources counted once per origin "
                                                 "(copies and rewrites count once)."),
            _f("sources", "array", "Ids of the articles that carry the claim (JSON array)."),
            _f("speakers", "array", "Who the claim is attributed to (JSON array)."),
            _f("check", "string", "Why the status holds, in words a reader can verify."),
            _f("article_id", "string", "Article of the first cited passage (articles.csv)."),
            START, END, PASSAGE,
        ], primary_key=["story_id", "claim_id"],
           foreign_keys=[(["story_id"], "stories", ["story_id"]),
                         (["article_id"], "articles", ["article_id"])]),
        Table("evidence", "Every passage cited by a claim or a timeline entry", [
            STORY_ID, _f("finding", "string", "claim or timeline."),
            _f("finding_id", "string", "claim_id (claims.csv) or entry_id (timeline.csv)."),
            _f("relation", "string", "supports or disputes (a claim); dates (the passage names "
                                     "the entry's day) or gives-year (it gives the year of a "
                                     "date written without one)."),
            ARTICLE_ID, START, END, PASSAGE,
        ], foreign_keys=[(["story_id"], "stories", ["story_id"]),
                         (["article_id"], "articles", ["article_id"])]),
        Table("quotes", "Who said what", [
            STORY_ID, _f("quote_id", "string", "q1, q2, ... in the story's order."), ARTICLE_ID,
            _f("speaker", "string", "The person or organisation, resolved across the story; "
                                    "empty when the text names none."),
            _f("speaker_mention", "string", "How the article refers to the speaker."),
            _f("speaker_start", "integer", "Raw offset of the mention."),
            _f("speaker_end", "integer", "Raw end offset of the mention (exclusive)."),
            _f("role", "string", "The speaker's role, when stated."),
            _f("affiliation", "string", "The speaker's affiliation, when stated."),
            _f("cue", "string", "The verb or phrase that attributes the quote."),
            _f("cue_start", "integer", "Raw offset of the cue."),
            _f("cue_end", "integer", "Raw end offset of the cue (exclusive)."),
            _f("direct", "boolean", "true for words in quotation marks."),
            _f("anonymous", "boolean", "true when the speaker is not identified."),
            _f("start", "integer", "Raw offset of the first quoted part."),
            _f("end", "integer", "Raw end offset of the last quoted part (exclusive)."),
            _f("passage", "string", "The quoted words; parts split by the cue are joined by ' … '."),
            _f("parts", "integer", "How many parts the quote has (1: passage is raw[start:end])."),
            _f("also_reported_by", "array", "Other articles carrying the same quote (JSON array)."),
        ], primary_key=["story_id", "quote_id"],
           foreign_keys=[(["story_id"], "stories", ["story_id"]),
                         (["article_id"], "articles", ["article_id"])]),
        Table("timeline", "What happened when", [
            STORY_ID, _f("entry_id", "string", "t1, t2, ... in date order."),
            _f("date", "string", "YYYY-MM-DD, YYYY-MM, or --MM-DD when the year is unknown."),
            _f("year", "integer", "Empty when the year is unknown."),
            _f("month", "integer", "Month."), _f("day", "integer", "Day, when known."),
            _f("text", "string", "What happened (the cited sentences)."),
            _f("sources", "integer", "How many articles name the day."),
            _f("planned", "boolean", "Every report naming the day came out before it: a plan "
                                     "or schedule, not an event that happened."),
            _f("article_id", "string", "Article of the first cited sentence (articles.csv)."),
            START, END, PASSAGE,
        ], primary_key=["story_id", "entry_id"],
           foreign_keys=[(["story_id"], "stories", ["story_id"]),
                         (["article_id"], "articles", ["article_id"])]),
        Table("coverage", "What each source does with each claim", [
            STORY_ID, _f("claim_id", "string", "The claim (claims.csv)."), ARTICLE_ID,
            _f("coverage", "string", "carries, disputes, discusses or omits."),
            START, END,
            _f("passage", "string", "Where the source carries or disputes the claim, when the "
                                    "briefing cites it."),
        ], primary_key=["story_id", "claim_id", "article_id"],
           foreign_keys=[(["story_id", "claim_id"], "claims", ["story_id", "claim_id"]),
                         (["article_id"], "articles", ["article_id"])]),
    ]


def _span(passage: Passage | None) -> list[Any]:
    if passage is None:
        return [None, None, None, None]
    return [passage.article, passage.start, passage.end, passage.text]


def fill(view: BriefingView) -> list[Table]:
    """The tables with one row per story, article, claim, passage, quote, entry, coverage cell."""
    by_name = {t.name: t for t in tables()}
    story_of: dict[str, str] = {}
    for story in view.stories:
        for article_id in story.articles:
            story_of.setdefault(article_id, story.id)
        _story_rows(story, by_name)
    for article in view.articles.values():
        by_name["articles"].rows.append([
            article.id, story_of.get(article.id), article.title, article.source, article.published,
            article.url, article.author, article.path])
    return list(by_name.values())


def _story_rows(story: StoryView, by_name: dict[str, Table]) -> None:
    by_name["stories"].rows.append([story.id, story.title, story.question, len(story.articles),
                                    len(story.claims), len(story.quotes), len(story.timeline)])
    evidence = by_name["evidence"].rows
    for claim in story.claims:
        first = claim.evidence[0] if claim.evidence else None
        by_name["claims"].rows.append([
            story.id, claim.id, claim.text, claim.status, claim.independent_sources,
            claim.sources, claim.speakers, claim.check, *_span(first)])
        for relation, passages in (("supports", claim.evidence), ("disputes", claim.disputed_by)):
            for p in passages:
                evidence.append([story.id, "claim", claim.id, relation, *_span(p)])
    for quote in story.quotes:
        speaker, cue = quote.speaker, quote.cue
        words = " … ".join(part.text or "" for part in quote.content)
        by_name["quotes"].rows.append([
            story.id, quote.id, quote.article, quote.speaker_name,
            speaker.text if speaker else None, speaker.start if speaker else None,
            speaker.end if speaker else None, quote.role, quote.affiliation,
            cue.text if cue else None, cue.start if cue else None, cue.end if cue else None,
            quote.direct, quote.anonymous, quote.content[0].start, quote.content[-1].end,
            words, len(quote.content), quote.also_reported_by])
    for entry in story.timeline:
        first = entry.evidence[0] if entry.evidence else None
        by_name["timeline"].rows.append([
            story.id, entry.id, entry.date, entry.year, entry.month, entry.day, entry.text,
            entry.sources, entry.planned, *_span(first)])
        for p in entry.evidence:
            evidence.append([story.id, "timeline", entry.id, "dates", *_span(p)])
        if entry.year_evidence is not None:
            evidence.append([story.id, "timeline", entry.id, "gives-year",
                             *_span(entry.year_evidence)])
    _coverage_rows(story, by_name["coverage"].rows)


def _coverage_rows(story: StoryView, rows: list[list[Any]]) -> None:
    coverage = story.coverage
    claims = {c.id: c for c in story.claims}
    for c, claim_id in enumerate(coverage.claims):
        claim = claims.get(claim_id)
        for s, article_id in enumerate(coverage.sources):
            value = coverage.cells[s][c] if coverage.cells else ""
            passage = None
            if claim is not None and value in ("carries", "disputes"):
                pool = claim.evidence if value == "carries" else claim.disputed_by
                # Only a passage the briefing cites for this very source and relation: a cell
                # with none stays empty rather than borrowing another article's words.
                passage = next((p for p in pool if p.article == article_id), None)
            span = _span(passage)[1:]
            rows.append([story.id, claim_id, article_id, value or None, *span])


# ----------------------------------------------------------------------------- the descriptor


def _holds_primary_key(table: Table) -> bool:
    columns = [table.column(name) for name in table.primary_key]
    seen = set()
    for row in table.rows:
        key = tuple(cell(row[i]) for i in columns)
        if "" in key or key in seen:
            return False
        seen.add(key)
    return True


def _holds_foreign_key(table: Table, fields: list[str], target: Table, target_fields: list[str]
                       ) -> bool:
    here = [table.column(name) for name in fields]
    there = [target.column(name) for name in target_fields]
    known = {tuple(cell(row[i]) for i in there) for row in target.rows}
    for row in table.rows:
        key = tuple(cell(row[i]) for i in here)
        if all(part == "" for part in key):
            continue  # a row that names no article refers to nothing (Table Schema: null)
        if key not in known:
            return False
    return True


def _field_descriptor(table: Table, f: Field) -> dict[str, Any]:
    out: dict[str, Any] = {"name": f.name, "type": f.type, "description": f.description}
    if f.type == "datetime":
        column = table.column(f.name)
        # A hand-edited briefing may carry a date-time in another form; then the column is
        # declared as text rather than typed wrongly.
        if not all(row[column] in (None, "") or XSD_DATETIME.fullmatch(str(row[column]))
                   for row in table.rows):
            out["type"] = "string"
    return out


def _title(view: BriefingView, prefix: str) -> str:
    titles = "; ".join(s.title for s in view.stories if s.title)
    return f"{prefix}: {shorten(titles, 200)}" if titles else prefix


def descriptor(view: BriefingView, filled: list[Table]) -> dict[str, Any]:
    """The Data Package descriptor of the written tables (Data Package v1 profiles)."""
    by_name = {t.name: t for t in filled}
    resources = []
    for table in filled:
        schema: dict[str, Any] = {
            "fields": [_field_descriptor(table, f) for f in table.fields],
            "missingValues": [""],
        }
        if table.primary_key and _holds_primary_key(table):
            schema["primaryKey"] = list(table.primary_key)
        keys = [{"fields": list(here), "reference": {"resource": target, "fields": list(there)}}
                for here, target, there in table.foreign_keys
                if _holds_foreign_key(table, here, by_name[target], there)]
        if keys:
            schema["foreignKeys"] = keys
        resources.append({
            "name": table.name, "path": table.path, "title": table.title,
            "profile": "tabular-data-resource", "format": "csv", "mediatype": "text/csv",
            "encoding": "utf-8",
            "dialect": {"delimiter": ",", "lineTerminator": "\r\n", "quoteChar": '"',
                        "doubleQuote": True, "header": True},
            "schema": schema,
        })
    package: dict[str, Any] = {
        "profile": "tabular-data-package",
        "name": "newsweave-briefing",
        "title": _title(view, "newsweave briefing"),
        "description": ("Claims, cited passages, quotes, timeline and coverage of a newsweave "
                        "briefing (newsweave/briefing@1). Offsets index each article's raw text. "
                        "Text cells that began with = + - @, tab or carriage return carry a "
                        "leading apostrophe so that spreadsheets do not run them as formulas."),
        "resources": resources,
    }
    if view.created and XSD_DATETIME.fullmatch(view.created):
        package["created"] = view.created
    if view.version:
        package["sources"] = [{"title": f"newsweave {view.version}"}]
    return package


def render_csv(view: BriefingView) -> dict[str, str]:
    """File name → text of every CSV table and of ``datapackage.json``."""
    filled = fill(view)
    files = {t.path: csv_text([f.name for f in t.fields], t.rows) for t in filled}
    files[PACKAGE_FILE] = json.dumps(descriptor(view, filled), ensure_ascii=False, indent=2) + "\n"
    return files
