"""Findings as tables: SQL views over the stored findings, for Datasette and plain SQL.

The store keeps each story's findings as one JSON document per kind (``findings.data``), because
that is what gives the records back exactly. A person browsing the database (``datasette nw.db``)
wants rows instead, so these views unnest the documents with SQLite's JSON functions: one row per
claim, quote, timeline entry, divergence, actor and summary sentence, with the cited text cut from
the stored article text. They are views, not copies, so they can never disagree with the
documents, and a store gains them by being opened (``CREATE VIEW IF NOT EXISTS``).

Offsets in the views are on the stored (cleaned) article text, ``articles.text``; the briefing
maps them to raw offsets.
"""
from __future__ import annotations

# substr() is 1-based; spans are 0-based, end-exclusive.
_CUT = "substr(a.text, {s} + 1, {e} - {s})"

FINDING_VIEWS: dict[str, str] = {
    "finding_claims": f"""
SELECT f.story_id AS story_id,
       json_extract(j.value, '$.id') AS claim,
       json_extract(j.value, '$.status') AS status,
       json_extract(j.value, '$.independent_sources') AS independent_sources,
       json_extract(j.value, '$.text') AS text,
       json_extract(j.value, '$.check') AS "check",
       json_array_length(json_extract(j.value, '$.sources')) AS sources,
       json_extract(j.value, '$.disputed_by') AS disputed_by
FROM findings f, json_each(f.data) j
WHERE f.kind = 'claims'""",
    "finding_claim_evidence": f"""
SELECT f.story_id AS story_id,
       json_extract(j.value, '$.id') AS claim,
       json_extract(e.value, '$.article') AS article,
       json_extract(e.value, '$.start') AS start,
       json_extract(e.value, '$.end') AS "end",
       {_CUT.format(s="json_extract(e.value, '$.start')", e="json_extract(e.value, '$.end')")}
           AS cited_text
FROM findings f, json_each(f.data) j, json_each(json_extract(j.value, '$.evidence')) e
LEFT JOIN articles a ON a.id = json_extract(e.value, '$.article')
WHERE f.kind = 'claims'""",
    "finding_quotes": f"""
SELECT f.story_id AS story_id,
       json_extract(j.value, '$.article') AS article,
       json_extract(j.value, '$.speaker_name') AS speaker_name,
       {_CUT.format(s="json_extract(j.value, '$.speaker.start')",
                    e="json_extract(j.value, '$.speaker.end')")} AS speaker_text,
       json_extract(j.value, '$.role') AS role,
       json_extract(j.value, '$.affiliation') AS affiliation,
       json_extract(j.value, '$.direct') AS direct,
       {_CUT.format(s="json_extract(j.value, '$.content[0].start')",
                    e="json_extract(j.value, '$.content[#-1].end')")} AS content_text,
       json_extract(j.value, '$.content[0].start') AS content_start,
       json_extract(j.value, '$.content[#-1].end') AS content_end,
       json_array_length(json_extract(j.value, '$.also_reported_by')) AS also_reported_by
FROM findings f, json_each(f.data) j
LEFT JOIN articles a ON a.id = json_extract(j.value, '$.article')
WHERE f.kind = 'quotes'""",
    "finding_timeline": """
SELECT f.story_id AS story_id,
       json_extract(j.value, '$.date') AS date,
       json_extract(j.value, '$.text') AS text,
       json_extract(j.value, '$.sources') AS sources,
       json_extract(j.value, '$.evidence[0].article') AS article
FROM findings f, json_each(f.data) j
WHERE f.kind = 'timeline'""",
    "finding_divergences": """
SELECT f.story_id AS story_id,
       json_extract(j.value, '$.about') AS about,
       json_extract(j.value, '$.kind') AS kind,
       json_extract(j.value, '$.check') AS "check",
       json_extract(j.value, '$.sides[0].text') AS side_a,
       json_extract(j.value, '$.sides[1].text') AS side_b
FROM findings f, json_each(f.data) j
WHERE f.kind = 'divergences'""",
    "finding_actors": """
SELECT f.story_id AS story_id,
       json_extract(j.value, '$.name') AS name,
       json_extract(j.value, '$.role') AS role,
       json_extract(j.value, '$.affiliation') AS affiliation,
       json_extract(j.value, '$.type') AS type,
       json_extract(j.value, '$.mentions') AS mentions,
       json_extract(j.value, '$.stance') AS stance,
       json_array_length(json_extract(j.value, '$.stance_evidence')) AS stance_evidence
FROM findings f, json_each(f.data) j
WHERE f.kind = 'actors'""",
    "finding_summary": """
SELECT f.story_id AS story_id,
       j.key + 1 AS position,
       json_extract(j.value, '$.text') AS text,
       json_array_length(json_extract(j.value, '$.citations')) AS citations
FROM findings f, json_each(f.data) j
WHERE f.kind = 'summary'""",
}


def views_sql() -> str:
    """The ``CREATE VIEW IF NOT EXISTS`` statements, for the store's schema script."""
    return "\n".join(f"CREATE VIEW IF NOT EXISTS {name} AS {body.strip()};"
                     for name, body in FINDING_VIEWS.items())
