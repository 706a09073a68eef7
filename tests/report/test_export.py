"""`newsweave export`: CSV + Data Package, TimelineJS, ClaimReview and Web Annotations, read from
the briefing alone.

Most tests use a small briefing built from invented articles through the one builder
(report/build.py), with hostile strings in it (formula starts, a closing script tag, a
javascript: URL, control characters). The example's briefing (made in-process with
``newsweave.api.brief``, so ``articles[].raw`` is there) checks the annotations and the package
on real output.
"""
from __future__ import annotations

import copy
import csv
import io
import json
import re
from datetime import datetime, timezone
from pathlib import Path

import pytest

from newsweave import errors
from newsweave.config import load_config
from newsweave.model import (Actor, Article, Claim, Coverage, Divergence, DivergenceSide,
                             Evidence, Quote, Span, StanceEvidence, Story, SummarySentence,
                             TimelineEvent)
from newsweave.model.article import ArticleMeta
from newsweave.report import briefing_json
from newsweave.report.export import DEFAULT_NAMES, FORMATS, export, render
from newsweave.report.export.common import FORMULA_STARTS, neutralise
from newsweave.report.export.timelinejs import HEADER

# ----------------------------------------------------------------------------- the briefing

RAW_A1 = ("Read also: an unrelated story\n"
          "=HYPERLINK(\"http://evil.example\",\"click\") was typed into the form by a prankster.\n"
          "The city\u00a0council approved the new bridge on March 1, 2024.\n"
          "Mayor Ana Lima said: \"The bridge opens in June.\"\n")
RAW_A2 = ("Critics said the council never approved the bridge.\n"
          "On March 1, the vote took place </script><script>alert(1)</script> in the hall.\n"
          "On February 29, the critics met.\n")


def _span(article: Article, text: str) -> Span:
    start = article.text.index(text)
    return Span(start, start + len(text))


def _ev(article: Article, text: str) -> Evidence:
    span = _span(article, text)
    return Evidence(article.id, span.start, span.end)


def build_test_briefing(*, a2_published: datetime | None = None) -> dict:
    """A briefing of two invented articles with every kind of finding, through the builder."""
    from newsweave.report import build  # the conftest wraps build_briefing with the schema check

    a1 = Article.from_text("a1", RAW_A1, ArticleMeta(
        title="Council approves bridge", source="Daily Example", url="https://example.org/a1",
        published=datetime(2024, 3, 2, 9, 0, tzinfo=timezone.utc), path="in/a1.txt"))
    a2 = Article.from_text("a2", RAW_A2, ArticleMeta(
        title="Critics dispute vote", source="-Minus News\x1b[31m", url="javascript:alert(1)",
        published=a2_published, path="in/a2.txt"))
    approved = "The city council approved the new bridge on March 1, 2024."
    formula = "=HYPERLINK(\"http://evil.example\",\"click\") was typed into the form by a prankster."
    critics = "Critics said the council never approved the bridge."
    vote = "On March 1, the vote took place </script><script>alert(1)</script> in the hall."
    leap = "On February 29, the critics met."
    quote = Quote(speaker=_span(a1, "Mayor Ana Lima"), cue=_span(a1, "said"),
                  content=(_span(a1, "\"The bridge opens in June.\""),), direct=True,
                  speaker_name="Ana Lima", role="Mayor", article="a1",
                  also_reported_by=("a2",))
    story = Story(
        "s-1", ["a1", "a2"], title="Council approves <b>bridge</b>",
        summary=[SummarySentence(approved, (_ev(a1, approved), _ev(a2, vote)))],
        quotes=[quote],
        claims=[
            Claim("c1", approved, "disputed", ("a1",), 1, (_ev(a1, approved),),
                  speakers=("Ana Lima",), disputed_by=(_ev(a2, critics),),
                  check="a2 says the council never approved it"),
            Claim("c2", formula, "single-source", ("a1",), 1, (_ev(a1, formula),)),
            Claim("c3", vote, "corroborated", ("a1", "a2"), 2,
                  (_ev(a2, vote), _ev(a1, approved))),
        ],
        divergences=[Divergence("whether the council approved the bridge", "negation", False, (
            DivergenceSide(approved, "c1", (_ev(a1, approved),)),
            DivergenceSide(critics, None, (_ev(a2, critics),))))],
        coverage=Coverage(("c1", "c2", "c3"), ("a1", "a2"),
                          (("carries", "carries", "carries"), ("disputes", "omits", "carries"))),
        actors=[Actor("Ana Lima", role="Mayor", stance="favor", stance_evidence=(
            StanceEvidence("a1", *_bounds(a1, "\"The bridge opens in June.\""), "favor",
                           "quote"),))],
        question="Should the bridge be built?",
        timeline=[TimelineEvent("2024-03-01", approved, (_ev(a1, approved),), 2),
                  TimelineEvent("--03-01", vote, (_ev(a2, vote),), 1),
                  TimelineEvent("--02-29", leap, (_ev(a2, leap),), 1)],
    )
    return build.build_briefing([a1, a2], [story], skipped=[], warnings=[],
                                config=load_config(), timings={})


def _bounds(article: Article, text: str) -> tuple[int, int]:
    span = _span(article, text)
    return span.start, span.end


@pytest.fixture()
def briefing() -> dict:
    return build_test_briefing()


def slim(briefing: dict) -> dict:
    """The briefing as briefing.json holds it (no ``raw``)."""
    return json.loads(briefing_json(briefing))


def read_csv(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text)))


# ----------------------------------------------------------------------------- TimelineJS


def test_timelinejs_header_is_the_templates_18_columns(briefing):
    expected = ["Year", "Month", "Day", "Time", "End Year", "End Month", "End Day", "End Time",
                "Display Date", "Headline", "Text", "Media", "Media Credit", "Media Caption",
                "Media Thumbnail", "Type", "Group", "Background"]
    assert HEADER == expected
    rows = read_csv(render(slim(briefing), "timelinejs").files["timelinejs.csv"])
    assert rows[0] == expected
    assert all(len(row) == 18 for row in rows)


def test_timelinejs_skips_entries_without_a_year_and_says_how_many(briefing):
    rendered = render(slim(briefing), "timelinejs")
    rows = read_csv(rendered.files["timelinejs.csv"])[1:]
    title, events = rows[0], rows[1:]
    assert title[HEADER.index("Type")] == "title"
    # only the dated entry: 2024-03-01; the two --MM-DD entries are counted, not placed
    assert [(r[0], r[1], r[2]) for r in events] == [("2024", "3", "1")]
    assert rendered.notes == [
        "skipped 2 timeline entries whose year is unknown (--MM-DD): TimelineJS needs a year; "
        "give --year YYYY if you know it"]


def test_timelinejs_year_given_by_the_user_places_entries_and_shows_the_day_only(briefing):
    rendered = render(slim(briefing), "timelinejs", year=2024)
    events = read_csv(rendered.files["timelinejs.csv"])[2:]
    dates = [(r[0], r[1], r[2], r[HEADER.index("Display Date")]) for r in events]
    assert dates == [("2024", "3", "1", ""), ("2024", "3", "1", "March 1"),
                     ("2024", "2", "29", "February 29")]
    # 2023 has no February 29: that entry is skipped, not moved
    rendered = render(slim(briefing), "timelinejs", year=2023)
    assert len(read_csv(rendered.files["timelinejs.csv"])) == 2 + 2
    assert any("not a calendar date" in note for note in rendered.notes)


def test_timelinejs_escapes_html_and_links_only_http(briefing):
    text = render(slim(briefing), "timelinejs", year=2024).files["timelinejs.csv"]
    rows = read_csv(text)
    assert "<script>" not in text and "</script>" not in text
    assert "&lt;/script&gt;" in text
    cells = [r[HEADER.index("Text")] for r in rows[2:]]
    assert '<a href="https://example.org/a1">Daily Example</a>, 2024-03-02' in cells[0]
    assert "javascript:" not in text
    assert rows[1][HEADER.index("Headline")] == "Council approves &lt;b&gt;bridge&lt;/b&gt;"


# ----------------------------------------------------------------------------- annotations


def _annotations(briefing: dict) -> list[dict]:
    doc = json.loads(render(briefing, "annotations").files["annotations.jsonld"])
    assert doc["@context"] == "http://www.w3.org/ns/anno.jsonld"
    assert doc["type"] == "AnnotationCollection"
    page = doc["first"]
    assert page["type"] == "AnnotationPage" and page["startIndex"] == 0
    assert doc["total"] == len(page["items"])
    return page["items"]


def _citations(briefing: dict) -> list[dict]:
    """Every non-empty citation of the briefing, counted from the dict, not by the exporter."""
    out = []
    for story in briefing["stories"]:
        for sentence in story["summary"]:
            out += sentence["citations"]
        for claim in story["claims"]:
            out += claim["evidence"] + claim.get("disputed_by", [])
        for quote in story["quotes"]:
            out += [{"article": quote["article"], **part} for part in quote["content"]]
        for entry in story["timeline"]:
            out += entry["evidence"] + ([entry["year_evidence"]] if "year_evidence" in entry
                                        else [])
        for actor in story["actors"]:
            out += actor.get("stance_evidence", [])
        for divergence in story["divergences"]:
            for side in divergence["sides"]:
                out += side["evidence"]
    return [c for c in out if c["start"] < c["end"]]


def check_annotations_against_raw(briefing: dict) -> int:
    from newsweave.report.export.common import article_iri
    from newsweave.report.export.read import BriefingView

    view = BriefingView(briefing)
    by_iri = {article_iri(a, a.id): a for a in view.articles.values()}
    items = _annotations(slim(briefing))  # the export reads what briefing.json holds
    assert len(items) == len(_citations(briefing))
    ids = set()
    for item in items:
        assert item["type"] == "Annotation" and item["motivation"] == "describing"
        assert item["id"] not in ids and re.match(r"^[a-z][a-z0-9+.-]*:", item["id"])
        ids.add(item["id"])
        assert item["body"][0]["type"] == "TextualBody" and item["body"][0]["value"]
        target = item["target"]
        raw = by_iri[target["source"]].raw
        position, quote = target["selector"]
        assert position["type"] == "TextPositionSelector"
        assert quote["type"] == "TextQuoteSelector"
        assert set(quote) == {"type", "exact"}  # no prefix/suffix: briefing.json has no raw
        assert quote["exact"] == raw[position["start"]:position["end"]]
    return len(items)


def test_every_annotation_quotes_the_raw_slice(briefing):
    assert check_annotations_against_raw(briefing) == 14  # 2+5+1+3+1+2
    items = _annotations(slim(briefing))
    sources = {i["target"]["source"] for i in items}
    assert sources == {"https://example.org/a1", "urn:newsweave:article:a2"}  # javascript: dropped
    # the raw text, not the cleaned one: the no-break space stays in `exact`
    assert any("city\u00a0council" in i["target"]["selector"][1]["exact"] for i in items)
    tags = sorted({i["body"][1]["value"] for i in items})
    assert tags == ["claim-carries", "claim-disputes", "divergence", "quote", "stance",
                    "summary", "timeline"]


@pytest.mark.slow
def test_every_annotation_of_the_example_quotes_the_raw_slice(example_briefing):
    assert check_annotations_against_raw(example_briefing) > 50


def test_annotations_without_evidence_text_name_the_missing_key(briefing):
    old = slim(briefing)
    del old["stories"][0]["summary"][0]["citations"][1]["text"]
    with pytest.raises(errors.NewsweaveError) as info:
        render(old, "annotations")
    assert info.value.code == errors.BAD_BRIEFING
    assert "stories[0].summary[0].citations[1].text is missing" in str(info.value)


# ----------------------------------------------------------------------------- ClaimReview

# schema.org properties used per type (from schema.org/ClaimReview, /Claim, /Article,
# /Organization, /SoftwareApplication); anything else would be a misspelling.
SCHEMA_ORG = {
    "ClaimReview": {"claimReviewed", "itemReviewed", "author", "datePublished", "reviewBody"},
    "Claim": {"appearance", "firstAppearance", "identifier"},
    "Article": {"identifier", "url", "headline", "publisher", "datePublished"},
    "Organization": {"name"},
    "SoftwareApplication": {"name", "softwareVersion"},
}


def _walk_jsonld(node, seen_types: list[str]) -> None:
    if isinstance(node, list):
        for item in node:
            _walk_jsonld(item, seen_types)
        return
    if not isinstance(node, dict):
        return
    assert node["@type"] in SCHEMA_ORG, node["@type"]
    seen_types.append(node["@type"])
    for key, value in node.items():
        if key.startswith("@"):
            assert key in ("@type", "@id"), key
            if key == "@id":
                assert re.match(r"^[a-z][a-z0-9+.-]*:\S+$", value), value  # an absolute IRI
            continue
        assert key in SCHEMA_ORG[node["@type"]], (node["@type"], key)
        _walk_jsonld(value, seen_types)


def _reviews(briefing: dict) -> tuple[str, list[dict]]:
    text = render(slim(briefing), "claimreview").files["claimreview.jsonld"]
    doc = json.loads(text)
    assert set(doc) == {"@context", "@graph"} and doc["@context"] == "https://schema.org"
    return text, doc["@graph"]


def test_claimreview_is_json_ld_one_review_per_claim_without_a_verdict(briefing):
    text, reviews = _reviews(briefing)
    assert [r["itemReviewed"]["identifier"] for r in reviews] == ["c1", "c2", "c3"]
    types: list[str] = []
    _walk_jsonld(reviews, types)
    assert types.count("ClaimReview") == 3 and types.count("Claim") == 3
    assert "reviewRating" not in text and "ratingValue" not in text
    for review in reviews:
        assert review["claimReviewed"]
        assert review["author"] == {"@type": "SoftwareApplication", "name": "newsweave",
                                    "softwareVersion": briefing["meta"]["version"]}
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", review["datePublished"])
        assert "does not rate claims true or false" in review["reviewBody"]
    # safe inside <script type="application/ld+json">: no raw angle brackets or ampersands
    assert not set("<>&") & set(text)
    assert "</script><script>" in json.loads(text)["@graph"][2]["claimReviewed"]  # same value


def test_claimreview_lists_the_articles_that_carry_the_claim(briefing):
    _, reviews = _reviews(briefing)
    c1, _, c3 = reviews
    # c1: carried by a1 only, disputed by a2 (cited and in the coverage matrix)
    assert c1["itemReviewed"]["firstAppearance"]["url"] == "https://example.org/a1"
    assert "appearance" not in c1["itemReviewed"]
    assert "Carried by 1 of the story's 2 reports (1 independent source); disputed by 1." \
        in c1["reviewBody"]
    # c3: a2 has no publication date, so no article can be called the first; no unsafe URL
    item = c3["itemReviewed"]
    assert "firstAppearance" not in item
    assert [(a["identifier"], a.get("url")) for a in item["appearance"]] == [
        ("a1", "https://example.org/a1"), ("a2", None)]
    assert item["appearance"][1]["publisher"] == {"@type": "Organization",
                                                  "name": "-Minus News\x1b[31m"}


def test_claimreview_first_appearance_is_the_earliest_when_every_carrier_is_dated():
    early = build_test_briefing(a2_published=datetime(2024, 3, 1, 18, 0, tzinfo=timezone.utc))
    _, reviews = _reviews(early)
    item = reviews[2]["itemReviewed"]
    assert item["firstAppearance"]["identifier"] == "a2"
    assert [a["identifier"] for a in item["appearance"]] == ["a1"]


# ----------------------------------------------------------------------------- CSV


@pytest.mark.parametrize("value, safe", [
    ("=1+1", "'=1+1"), ("+1", "'+1"), ("-1", "'-1"), ("@SUM(A1)", "'@SUM(A1)"),
    ("\tx", "'\tx"), ("\rx", "'\rx"), ("a=1", "a=1"), ("", ""), ("'=x", "'=x"),
])
def test_neutralise_table(value, safe):
    assert neutralise(value) == safe


def test_csv_cells_from_inputs_cannot_start_a_formula(briefing):
    files = render(slim(briefing), "csv").files
    claims = {row[1]: row for row in read_csv(files["claims.csv"])[1:]}
    assert claims["c2"][2].startswith("'=HYPERLINK(")
    articles = {row[0]: row for row in read_csv(files["articles.csv"])[1:]}
    assert articles["a2"][3] == "'-Minus News\x1b[31m"
    timeline = read_csv(files["timeline.csv"])
    assert [r[2] for r in timeline[1:]] == ["2024-03-01", "'--03-01", "'--02-29"]
    for name, text in files.items():
        if name.endswith(".csv"):
            for row in read_csv(text):
                assert not any(value.startswith(FORMULA_STARTS) for value in row), (name, row)


def test_csv_rows_join_and_carry_raw_offsets(briefing):
    files = render(slim(briefing), "csv").files
    raw = {"a1": RAW_A1, "a2": RAW_A2}
    tables = {name[:-4]: read_csv(text) for name, text in files.items() if name.endswith(".csv")}
    assert len(tables["claims"]) == 1 + 3 and len(tables["quotes"]) == 1 + 1
    assert len(tables["timeline"]) == 1 + 3 and len(tables["coverage"]) == 1 + 3 * 2
    for name in ("claims", "evidence", "timeline", "coverage"):
        header, *rows = tables[name]
        col = {h: i for i, h in enumerate(header)}
        for row in rows:
            if row[col["start"]]:
                start, end = int(row[col["start"]]), int(row[col["end"]])
                assert row[col["passage"]] == neutralise(raw[row[col["article_id"]]][start:end])
    coverage = {(r[1], r[2]): (r[3], r[6]) for r in tables["coverage"][1:]}
    assert coverage[("c1", "a2")] == ("disputes", "Critics said the council never approved the "
                                                  "bridge.")
    assert coverage[("c2", "a2")] == ("omits", "")
    relations = sorted({(r[1], r[3]) for r in tables["evidence"][1:]})
    assert relations == [("claim", "disputes"), ("claim", "supports"), ("timeline", "dates")]


_TYPE_CHECKS = {
    "string": lambda v: True,
    "integer": lambda v: re.fullmatch(r"-?\d+", v) is not None,
    "boolean": lambda v: v in ("true", "false"),
    "datetime": lambda v: re.fullmatch(
        r"-?\d{4,}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?", v) is not None,
    "array": lambda v: isinstance(json.loads(v), list),
}


def check_data_package(files: dict[str, str]) -> dict:
    """The rules of Data Package / Table Schema v1 that hold without the network."""
    package = json.loads(files["datapackage.json"])
    assert package["profile"] == "tabular-data-package"
    assert re.fullmatch(r"[a-z0-9._-]+", package["name"])
    names = [r["name"] for r in package["resources"]]
    assert len(set(names)) == len(names) >= 1
    assert {r["path"] for r in package["resources"]} == set(files) - {"datapackage.json"}
    data = {}
    for resource in package["resources"]:
        assert re.fullmatch(r"[a-z0-9._-]+", resource["name"])
        assert resource["profile"] == "tabular-data-resource"
        assert resource["format"] == "csv" and resource["encoding"] == "utf-8"
        assert not Path(resource["path"]).is_absolute() and ".." not in resource["path"]
        fields = resource["schema"]["fields"]
        header, *rows = read_csv(files[resource["path"]])
        assert header == [f["name"] for f in fields]  # fieldsMatch "exact": names and order
        for f in fields:
            assert f["type"] in _TYPE_CHECKS and f.get("description")
        for row in rows:
            assert len(row) == len(fields)
            for f, value in zip(fields, row):
                if value != "":  # missingValues [""]
                    assert _TYPE_CHECKS[f["type"]](value), (resource["name"], f["name"], value)
        data[resource["name"]] = (header, rows)
    for resource in package["resources"]:
        header, rows = data[resource["name"]]
        key = resource["schema"].get("primaryKey")
        if key:
            idx = [header.index(k) for k in key]
            keys = [tuple(r[i] for i in idx) for r in rows]
            assert len(set(keys)) == len(keys) and all(all(k) for k in keys)
        for fk in resource["schema"].get("foreignKeys", []):
            target_header, target_rows = data[fk["reference"]["resource"]]
            here = [header.index(k) for k in fk["fields"]]
            there = [target_header.index(k) for k in fk["reference"]["fields"]]
            known = {tuple(r[i] for i in there) for r in target_rows}
            for row in rows:
                value = tuple(row[i] for i in here)
                assert value in known or not any(value), (resource["name"], fk, value)
    return package


def test_datapackage_describes_the_csv_files(briefing):
    package = check_data_package(render(slim(briefing), "csv").files)
    schemas = {r["name"]: r["schema"] for r in package["resources"]}
    assert schemas["claims"]["primaryKey"] == ["story_id", "claim_id"]
    assert {"fields": ["story_id", "claim_id"],
            "reference": {"resource": "claims", "fields": ["story_id", "claim_id"]}} \
        in schemas["coverage"]["foreignKeys"]
    published = next(f for f in schemas["articles"]["fields"] if f["name"] == "published")
    assert published["type"] == "datetime"


def test_datapackage_declares_only_keys_the_rows_hold(briefing):
    edited = slim(briefing)
    story = edited["stories"][0]
    story["claims"][1]["id"] = "c1"  # two claims with one id: no primary key on claims
    story["coverage"]["claims"][1] = "c1"
    edited["articles"][1]["published"] = "last Tuesday"  # not a date-time: typed as text
    package = check_data_package(render(edited, "csv").files)
    schemas = {r["name"]: r["schema"] for r in package["resources"]}
    assert "primaryKey" not in schemas["claims"] and "primaryKey" not in schemas["coverage"]
    published = next(f for f in schemas["articles"]["fields"] if f["name"] == "published")
    assert published["type"] == "string"


@pytest.mark.slow
def test_example_exports_hold_their_own_rules(example_briefing, tmp_path):
    files = render(slim(example_briefing), "csv").files
    package = check_data_package(files)
    assert all("primaryKey" in r["schema"] for r in package["resources"]
               if r["name"] != "evidence")
    _, reviews = _reviews(example_briefing)
    assert len(reviews) == sum(len(s["claims"]) for s in example_briefing["stories"])
    _walk_jsonld(reviews, [])


# ----------------------------------------------------------------------------- malformed input


def _drop(path):
    def change(b):
        *parents, last = path
        node = b
        for key in parents:
            node = node[key]
        del node[last]
    return change


def _set(path, value):
    def change(b):
        *parents, last = path
        node = b
        for key in parents:
            node = node[key]
        node[last] = value
    return change


@pytest.mark.parametrize("change, fmt, message", [
    (_drop(["schema"]), "csv", "schema is missing: this is not a newsweave briefing"),
    (_set(["schema"], "newsweave/briefing@2"), "timelinejs", "schema is 'newsweave/briefing@2'"),
    (_set(["articles"], {}), "csv", "articles must be a list, not an object"),
    (_drop(["stories", 0, "id"]), "claimreview", "stories[0].id is missing"),
    (_set(["stories", 0, "claims", 0, "evidence", 0, "start"], "5"), "csv",
     "stories[0].claims[0].evidence[0].start must be an integer, not a string"),
    (_set(["stories", 0, "claims", 0, "evidence", 0, "start"], True), "claimreview",
     "stories[0].claims[0].evidence[0].start must be an integer, not true or false"),
    (_set(["stories", 0, "claims", 0, "evidence", 0, "article"], "zz"), "annotations",
     "stories[0].claims[0].evidence[0] cites the article 'zz', which is not in articles"),
    (_set(["stories", 0, "claims", 0, "evidence", 0, "text"], "short"), "csv",
     "stories[0].claims[0].evidence[0].text has 5 characters but its offsets"),
    (_set(["stories", 0, "timeline", 0, "date"], "March 1"), "timelinejs",
     "stories[0].timeline[0].date is 'March 1'; it must be YYYY-MM-DD, YYYY-MM or --MM-DD"),
    (_set(["stories", 0, "coverage", "cells"], [["carries"]]), "csv",
     "stories[0].coverage.cells has 1 rows for 2 sources"),
    (_set(["stories", 0, "quotes", 0, "content"], []), "annotations",
     "stories[0].quotes[0].content is empty"),
    (_drop(["stories", 0, "actors", 0, "name"]), "annotations", "stories[0].actors[0].name is "
                                                                "missing"),
    (_set(["stories"], None), "csv", "stories must be a list, not null"),
])
def test_a_malformed_briefing_is_an_error_naming_the_key(briefing, change, fmt, message):
    broken = slim(briefing)
    change(broken)
    with pytest.raises(errors.NewsweaveError) as info:
        render(broken, fmt)
    assert info.value.code == errors.BAD_BRIEFING == "E305"
    assert message in str(info.value), str(info.value)
    assert "newsweave brief" in info.value.fix


def test_raw_text_present_is_checked_against_the_evidence_text(briefing):
    edited = copy.deepcopy(briefing)  # in memory: articles[].raw is there
    edited["stories"][0]["claims"][0]["evidence"][0]["text"] = "X" * (
        edited["stories"][0]["claims"][0]["evidence"][0]["end"]
        - edited["stories"][0]["claims"][0]["evidence"][0]["start"])
    with pytest.raises(errors.NewsweaveError, match="differs from the article's raw text"):
        render(edited, "annotations")


def test_a_briefing_older_than_evidence_texts_still_exports_csv(briefing):
    old = slim(briefing)
    for claim in old["stories"][0]["claims"]:
        for ev in claim["evidence"]:
            del ev["text"]
    rows = read_csv(render(old, "csv").files["claims.csv"])
    assert rows[1][-1] == "" and rows[1][-3] != ""  # offsets kept, passage unknown


def test_unknown_format_and_misplaced_year_are_usage_errors(briefing):
    with pytest.raises(errors.NewsweaveError) as info:
        render(slim(briefing), "xml")
    assert info.value.code == errors.BAD_CONFIG
    with pytest.raises(errors.NewsweaveError, match="--year applies to --format timelinejs"):
        render(slim(briefing), "csv", year=2024)


# ----------------------------------------------------------------------------- files and CLI


def test_output_paths(briefing, tmp_path):
    folder = tmp_path / "tables"
    written = export(slim(briefing), "csv", folder)
    assert sorted(p.name for p in written) == sorted(
        ["stories.csv", "articles.csv", "claims.csv", "evidence.csv", "quotes.csv",
         "timeline.csv", "coverage.csv", "datapackage.json"])
    assert not list(folder.glob(".*.tmp"))  # atomic writes leave no temporary file behind
    for fmt in ("timelinejs", "claimreview", "annotations"):
        assert export(slim(briefing), fmt, tmp_path) == [tmp_path / DEFAULT_NAMES[fmt]]
        assert export(slim(briefing), fmt, str(tmp_path / "new") + "/") == [
            tmp_path / "new" / DEFAULT_NAMES[fmt]]
        target = tmp_path / "named" / f"mine-{fmt}.out"
        assert export(slim(briefing), fmt, target) == [target] and target.exists()
    with pytest.raises(errors.NewsweaveError) as info:
        export(slim(briefing), "csv", tmp_path / "timelinejs.csv")
    assert info.value.code == errors.CANNOT_WRITE


@pytest.fixture()
def briefing_file(briefing, tmp_path) -> Path:
    path = tmp_path / "briefing.json"
    path.write_text(briefing_json(briefing), "utf-8")
    return path


def run(*args: str):
    from typer.testing import CliRunner

    from newsweave.cli.main import app

    return CliRunner().invoke(app, list(args))


@pytest.mark.parametrize("fmt", FORMATS)
def test_cli_exports_each_format(briefing_file, tmp_path, fmt):
    out = tmp_path / "out"
    result = run("export", str(briefing_file), "--format", fmt, "-o", str(out) + "/")
    assert result.exit_code == 0, result.output
    assert "wrote" in result.stderr
    if fmt == "csv":
        check_data_package({p.name: p.read_text("utf-8") for p in out.iterdir()})
    else:
        assert (out / DEFAULT_NAMES[fmt]).exists()
    if fmt == "timelinejs":
        assert "skipped 2 timeline entries whose year is unknown" in result.stderr


def test_cli_year_and_help(briefing_file, tmp_path):
    result = run("export", str(briefing_file), "--format", "timelinejs", "--year", "2024",
                 "-o", str(tmp_path / "t.csv"))
    assert result.exit_code == 0 and "placed 2 entries without a year in 2024" in result.stderr
    help_text = run("export", "--help").output
    assert "Example: newsweave export" in help_text
    assert "opt-in" in help_text and "does not rate claims true or false" in help_text


def test_cli_errors_in_the_one_shape_without_control_characters(briefing, tmp_path):
    broken = slim(briefing)
    broken["schema"] = "evil\x1b[2J\x07\u202e"
    path = tmp_path / "broken.json"
    path.write_text(json.dumps(broken), "utf-8")
    result = run("export", str(path), "--format", "csv", "-o", str(tmp_path / "x"))
    assert result.exit_code == 2
    assert result.stderr.startswith(f"error E305 {path}: schema is ")
    assert "(fix: " in result.stderr and "Traceback" not in result.output
    assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f\u202e]", result.stderr)
    assert not (tmp_path / "x").exists()  # nothing written for a bad briefing

    (tmp_path / "not.json").write_text("{\"schema\": ", "utf-8")
    result = run("export", str(tmp_path / "not.json"), "--format", "csv", "-o", str(tmp_path))
    assert result.exit_code == 2 and "E305" in result.stderr and "not valid JSON" in result.stderr
    result = run("export", str(tmp_path / "missing.json"), "--format", "csv", "-o", str(tmp_path))
    assert result.exit_code == 2 and "no such file" in result.stderr
    result = run("export", str(path), "--format", "pdf", "-o", str(tmp_path))
    assert result.exit_code == 2 and "E301" in result.stderr


def test_timelinejs_groups_several_stories_without_a_title_slide(briefing):
    two = slim(briefing)
    other = copy.deepcopy(two["stories"][0])
    other["id"], other["title"] = "s-2", "Second story"
    two["stories"].append(other)
    rows = read_csv(render(two, "timelinejs").files["timelinejs.csv"])[1:]
    assert [r[HEADER.index("Type")] for r in rows] == ["", ""]
    assert [r[HEADER.index("Group")] for r in rows] == [
        "Council approves &lt;b&gt;bridge&lt;/b&gt;", "Second story"]
