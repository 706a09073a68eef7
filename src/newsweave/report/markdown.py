"""The briefing as Markdown: one section per story, every summary sentence with its sources.

Every string from an input goes through :func:`escape`, so a title such as ``# <b>x</b> | y``
cannot open a heading, inject HTML into a Markdown viewer or break a table.
"""
from __future__ import annotations

import re
from typing import Any

from newsweave.report.common import (
    Articles,
    StoryCitations,
    claim_texts,
    coverage_rows,
    dicts,
    display_date,
    group_quotes,
    items,
    one_line,
    quote_text,
    shorten,
    similarity,
    text,
)

# Backslash-escaping any ASCII punctuation is valid CommonMark; these are the ones that change
# layout or let raw HTML through. "&" only matters when it starts an entity.
_SPECIAL = re.compile(r"([\\`*_\[\]<>#|~])|&(?=#?\w+;)")
# A line start that would turn into a list item, a rule or a heading underline.
_LEADING_BLOCK = re.compile(r"^\d{1,9}[.)](?=\s|$)|^[-+](?=\s)|^[-=](?=[-=\s]*$)")

STATUS_LABELS = {
    "corroborated": "corroborated",
    "single-source": "single source",
    "disputed": "disputed",
}
COVERAGE_LABELS = {"carries": "carries", "disputes": "disputes", "discusses": "discusses",
                   "omits": "—"}


def escape(value: Any) -> str:
    """Input text as one safe line of Markdown.

    >>> escape("# a <b>|c\\nd")
    '\\\\# a \\\\<b\\\\>\\\\|c d'
    >>> escape("1. first")
    '1\\\\. first'
    """
    line = _SPECIAL.sub(lambda m: "\\" + m.group(0), one_line(value))
    return _LEADING_BLOCK.sub(lambda m: m.group(0)[:-1] + "\\" + m.group(0)[-1], line)


def _markers(numbers: list[int | None]) -> str:
    shown = [n for n in dict.fromkeys(numbers) if n is not None]
    return "".join(f"[{n}]" for n in shown)


def _with_markers(body: str, numbers: list[int | None]) -> str:
    markers = _markers(numbers)
    return f"{body} {markers}" if markers else body


def _evidence_numbers(cites: StoryCitations, evidence: Any) -> list[int | None]:
    return [cites.cite(ev) for ev in (evidence if isinstance(evidence, list) else [])]


def _summary(story: dict, cites: StoryCitations) -> list[str]:
    sentences = []
    for sentence in dicts(story, "summary"):
        numbers = [cites.cite(c) for c in items(sentence, "citations")]
        sentences.append(_with_markers(escape(sentence.get("text")), numbers))
    return [" ".join(sentences) if sentences else "_No summary._"]


def _quotes(story: dict, cites: StoryCitations, articles: Articles) -> list[str]:
    lines = []
    for person in group_quotes(dicts(story, "quotes")):
        about = ", ".join(escape(person[k]) for k in ("role", "affiliation") if person[k])
        head = f"**{escape(person['name'])}**" + (f" ({about})" if about else "")
        if not person["named"] and person["name"] != "Unattributed":
            head += " _(not named)_"
        said = []
        for quote in person["quotes"]:
            words = escape(quote_text(quote, articles)) or "_(no words recorded)_"
            words = f"“{words}”" if quote.get("direct") else f"{words} _(reported speech)_"
            numbers = [
                cites.cite({**part, "article": quote.get("article")}) for part in dicts(quote, "content")
            ]
            line = _with_markers(f"{words} — {escape(articles.label(quote.get('article')))}", numbers)
            also = [escape(articles.label(a)) for a in items(quote, "also_reported_by")]
            said.append(line + (f"; also reported by {', '.join(also)}" if also else ""))
        if len(said) == 1:
            lines.append(f"- {head}: {said[0]}")
        else:
            lines.append(f"- {head}:")
            lines.extend(f"  - {line}" for line in said)
    return lines


def _claims(story: dict, cites: StoryCitations, articles: Articles) -> list[str]:
    lines = []
    for claim in dicts(story, "claims"):
        status = text(claim.get("status"))
        badge = escape(STATUS_LABELS.get(status, status) or "unrated")
        count = claim.get("independent_sources")
        if isinstance(count, int) and not isinstance(count, bool):
            badge += f", {count} independent source{'s' if count != 1 else ''}"
        body = _with_markers(escape(claim.get("text")), _evidence_numbers(cites, claim.get("evidence")))
        sources = [escape(articles.label(s)) for s in items(claim, "sources")]
        lines.append(f"- **{badge}**: {body}" + (f" — {'; '.join(sources)}" if sources else ""))
    return lines


def _divergences(story: dict, cites: StoryCitations) -> list[str]:
    lines = []
    for divergence in dicts(story, "divergences"):
        when = (" (reports of different days: may be a development)"
                if divergence.get("over_time") is True else "")
        lines.append(f"- **{escape(divergence.get('about')) or 'Unspecified'}**{when}")
        for side in dicts(divergence, "sides"):
            numbers = _evidence_numbers(cites, side.get("evidence"))
            lines.append(f"  - {_with_markers(escape(side.get('text')), numbers)}")
    return lines


# What a story without a central question says instead of one (stance.py derives none unless a
# proposal or decision with a named agent is debated): an abstention, not a table of "unclear".
NO_QUESTION = "No central question: no proposal or decision the actors take sides on was found, " \
    "so no stances are judged."


def _positions(story: dict, cites: StoryCitations) -> list[str]:
    actors = dicts(story, "actors")
    if not actors:
        return []
    lines = []
    if text(story.get("question")):
        lines += [f"Question: {escape(story.get('question'))}", ""]
    else:
        lines += [NO_QUESTION, ""]
    lines += ["| Actor | Role | Affiliation | Stance | Evidence |", "|---|---|---|---|---|"]
    for actor in actors:
        evidence = []
        for ev in dicts(actor, "stance_evidence"):
            words = escape(shorten(ev.get("text"), 120))
            evidence.append(_with_markers(f"“{words}”" if words else "", [cites.cite(ev)]).strip())
        cells = [
            f"**{escape(actor.get('name'))}**",
            escape(actor.get("role")),
            escape(actor.get("affiliation")),
            escape(actor.get("stance")) or "—",
            " ".join(evidence) or "—",
        ]
        lines.append("| " + " | ".join(cells) + " |")
    return lines


def _timeline(story: dict, cites: StoryCitations) -> list[str]:
    lines = []
    for event in dicts(story, "timeline"):
        body = _with_markers(escape(event.get("text")), _evidence_numbers(cites, event.get("evidence")))
        planned = " (planned, as reported before it happened)" if event.get("planned") is True else ""
        day = escape(display_date(event.get("date"))) or "undated"
        lines.append(f"- **{day}**{planned} — {body}")
    return lines


def _copies(story: dict, articles: Articles) -> list[str]:
    lines = []
    for copy in dicts(story, "copies"):
        pair = [escape(articles.label(a)) for a in items(copy, "articles")]
        kind = escape(copy.get("kind")) or "copy"
        lines.append(f"- {' ↔ '.join(pair)}: {kind} (similarity {escape(similarity(copy.get('similarity')))})")
    return lines


def _coverage(story: dict, articles: Articles) -> list[str]:
    coverage = story.get("coverage")
    claim_ids, sources = items(coverage, "claims"), items(coverage, "sources")
    if not claim_ids or not sources:
        return []
    claims = claim_texts(story)
    lines = [
        "| Claim | " + " | ".join(escape(articles.label(s)) for s in sources) + " |",
        "|---|" + "---|" * len(sources),
    ]
    for claim_id, row in coverage_rows(coverage):
        cells = [escape(COVERAGE_LABELS.get(value, value or "?")) for value in row]
        label = escape(shorten(claims.get(claim_id) or claim_id, 120))
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    return lines


def _sources(cites: StoryCitations, articles: Articles) -> list[str]:
    lines = []
    for number, passage in cites.sources():
        cited = articles.slice(passage)
        where = f"**{escape(passage.article)}** — {escape(articles.label(passage.article))}"
        if cited is None:
            lines.append(f"{number}. {where} (characters {passage.start}–{passage.end}; text not included)")
        else:
            lines.append(f"{number}. {where}: “{escape(shorten(cited))}”")
    return lines


def _section(out: list[str], title: str, lines: list[str]) -> None:
    if lines:
        out += [f"### {title}", "", *lines, ""]


def _story(index: int, story: dict, articles: Articles) -> list[str]:
    cites = StoryCitations(articles)
    title = escape(story.get("title")) or f"Story {index}"
    members = [escape(articles.label(a)) for a in items(story, "articles")]
    out = [f"## {index}. {title}", ""]
    if members:
        out += [f"{len(members)} article{'s' if len(members) != 1 else ''}: {'; '.join(members)}", ""]
    # Sections are built in reading order so citation numbers rise down the page.
    # What a reader needs first: the summary, the facts and their support, disagreements,
    # positions; then who said what.
    _section(out, "Summary", _summary(story, cites))
    _section(out, "Key facts", _claims(story, cites, articles))
    _section(out, "Where reports diverge", _divergences(story, cites))
    _section(out, "Positions", _positions(story, cites))
    _section(out, "Who said what", _quotes(story, cites, articles))
    _section(out, "Timeline", _timeline(story, cites))
    _section(out, "Copies and rewrites", _copies(story, articles))
    _section(out, "Coverage by source", _coverage(story, articles))
    _section(out, "Sources", _sources(cites, articles))
    return out


def _problems(title: str, entries: list[dict]) -> list[str]:
    if not entries:
        return []
    lines = [f"## {title}", ""]
    for entry in entries:
        code = escape(entry.get("code")) or "?"
        lines.append(f"- **{code}** {escape(entry.get('input'))}: {escape(entry.get('reason'))}")
    return lines + [""]


def render_markdown(briefing: dict) -> str:
    """The briefing as a Markdown document.

    >>> md = render_markdown({"articles": [{"id": "a", "title": "T", "raw": "It rained."}],
    ...     "stories": [{"title": "Rain", "articles": ["a"], "summary": [{"text": "It rained.",
    ...     "citations": [{"article": "a", "start": 0, "end": 10}]}]}], "skipped": []})
    >>> "It rained. [1]" in md and "1. **a** — T: “It rained.”" in md
    True
    """
    articles = Articles(dicts(briefing, "articles"))
    stories = dicts(briefing, "stories")
    skipped, warnings = dicts(briefing, "skipped"), dicts(briefing, "warnings")
    meta = briefing.get("meta") if isinstance(briefing.get("meta"), dict) else {}

    counts = [
        f"{len(stories)} stor{'ies' if len(stories) != 1 else 'y'}",
        f"{len(articles.ordered)} article{'s' if len(articles.ordered) != 1 else ''}",
        f"{len(skipped)} skipped input{'s' if len(skipped) != 1 else ''}",
    ]
    if warnings:
        counts.append(f"{len(warnings)} warning{'s' if len(warnings) != 1 else ''}")
    out = ["# News briefing", "", " · ".join(counts)]
    if text(meta.get("created")):
        out.append(f"\nGenerated {escape(meta.get('created'))}")
    out.append("")
    if not stories:
        out += ["No stories were found.", ""]
    for index, story in enumerate(stories, 1):
        out += _story(index, story, articles)
    out += _problems("Skipped inputs", skipped)
    out += _problems("Warnings", warnings)
    return "\n".join(out).rstrip() + "\n"
