"""A story briefed from the store equals the same story briefed from its files, finding for
finding: quotes, claims, divergences, actors and stances, timeline, summary, copies, coverage.

Model-backed (spaCy and MiniLM). The multi-story input is invented here: two events, three
reports each, with quotes, numbers, a denial and publication dates.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsweave.cli.main import app

pytestmark = pytest.mark.slow

BRIDGE = {
    "bridge-a.md": ("2025-03-03", "Kelbury bridge closes after cracks found", """
The Kelbury river bridge was closed on Monday after engineers found cracks in two of its
supporting piers, the county council said.

"We will not reopen the bridge until every pier has been checked," council leader Mara Olsen
told reporters. About 12,000 vehicles cross the bridge each day.

Transport minister Peter Hale said the government would pay for the repairs. "Kelbury will
not be left on its own," Hale said.
"""),
    "bridge-b.md": ("2025-03-03", "Cracks close Kelbury river crossing", """
Engineers discovered cracks in two piers of the Kelbury river bridge, which the county
council closed on Monday.

Council leader Mara Olsen said the bridge would stay shut until every pier had been checked.
The crossing carries about 15,000 vehicles a day, according to the council.

Local business owner Tomas Berg said the closure would cost shops dearly. "People will simply
drive to Northam instead," Berg said.
"""),
    "bridge-c.md": ("2025-03-04", "Minister promises money for Kelbury bridge", """
Transport minister Peter Hale promised on Tuesday that the government would fund repairs to
the Kelbury river bridge, closed since Monday after cracks were found in its piers.

"Kelbury will not be left on its own," Hale said during a visit to the town. He denied that
the bridge had been neglected.

Mara Olsen, the council leader, said inspections would take at least three weeks.
"""),
}
ORCHESTRA = {
    "orch-a.md": ("2025-05-12", "Varn orchestra names new conductor", """
The Varn Symphony Orchestra named Ines Laurent as its new principal conductor on Monday,
ending a two-year search.

"Ines brings a rare energy to the podium," orchestra chair David Moss said in a statement.
Laurent, 41, will take up the post in September.
"""),
    "orch-b.md": ("2025-05-12", "Ines Laurent to lead Varn Symphony", """
Ines Laurent will become principal conductor of the Varn Symphony Orchestra in September,
the orchestra announced on Monday.

Chair David Moss said Laurent brought "a rare energy to the podium". Laurent said she was
honoured to join an orchestra with such a history.
"""),
    "orch-c.md": ("2025-05-13", "Varn conductor pick praised by players", """
Musicians of the Varn Symphony Orchestra welcomed the appointment of Ines Laurent as
principal conductor, announced on Monday.

"She listens to the players," said violinist Anna Kovac, who has played under Laurent as a
guest conductor. The orchestra has 86 members.
"""),
}


def _write(folder: Path, articles: dict) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name, (day, title, body) in articles.items():
        (folder / name).write_text(f"---\ntitle: {title}\npublished: {day}\nsource: "
                                   f"{name.split('-')[1][0]}-news\n---\n{body}", "utf-8")


def _brief(args: list[str]) -> dict:
    result = CliRunner().invoke(app, ["brief", *args, "-q"])
    assert result.exit_code == 0, result.output
    out = Path(args[args.index("-o") + 1])
    return json.loads((out / "briefing.json").read_text("utf-8"))


def _by_articles(briefing: dict) -> dict[tuple, dict]:
    return {tuple(sorted(s["articles"])): s for s in briefing["stories"]}


FINDINGS = ("summary", "quotes", "claims", "divergences", "actors", "question", "timeline",
            "copies", "coverage", "positions_by_affiliation", "origin_groups", "title")


@pytest.mark.parametrize("inputs", ["example", "multi"])
def test_stored_story_briefs_like_the_files(tmp_path, example_dir, inputs):
    if inputs == "example":
        folder = example_dir
    else:
        folder = tmp_path / "in"
        _write(folder, BRIDGE)
        _write(folder, ORCHESTRA)
    direct = _brief([str(folder), "-o", str(tmp_path / "direct")])
    db = tmp_path / "nw.db"
    result = CliRunner().invoke(app, ["ingest", str(folder), "--db", str(db), "-q"])
    assert result.exit_code == 0, result.output
    result = CliRunner().invoke(app, ["stories", "--db", str(db), "--format", "json"])
    stored = json.loads(result.output)
    direct_stories = _by_articles(direct)
    if inputs == "multi":
        assert len(direct_stories) == 2

    compared = 0
    for entry in stored:
        from_db = _brief(["--db", str(db), "--story", entry["id"],
                          "-o", str(tmp_path / entry["id"])])
        (story,) = from_db["stories"]
        twin = direct_stories[tuple(sorted(story["articles"]))]
        for key in FINDINGS:
            assert story[key] == twin[key], f"{key} differs for story {entry['id']}"
        compared += 1
    assert compared == len(direct_stories)
    # the findings that matter are there, not just equal-and-empty
    stories = list(direct_stories.values())
    assert any(s["quotes"] for s in stories) and any(s["claims"] for s in stories)
    assert any(s["timeline"] for s in stories) and any(s["actors"] for s in stories)
    if inputs == "example":
        assert any(a["stance"] in ("favor", "against") for s in stories for a in s["actors"])


def test_briefed_story_findings_are_rows_in_the_store(tmp_path):
    """`brief --db --story` keeps the findings; the finding_* views give them back as rows with
    the cited text cut from the stored article."""
    import sqlite3

    folder = tmp_path / "in"
    _write(folder, BRIDGE)
    db = tmp_path / "nw.db"
    result = CliRunner().invoke(app, ["ingest", str(folder), "--db", str(db), "-q"])
    assert result.exit_code == 0, result.output
    (entry,) = json.loads(CliRunner().invoke(
        app, ["stories", "--db", str(db), "--format", "json"]).output)
    (story,) = _brief(["--db", str(db), "--story", entry["id"], "-o", str(tmp_path / "o")])[
        "stories"]
    assert story["claims"] and story["quotes"]

    conn = sqlite3.connect(db)
    claims = conn.execute("SELECT claim, text FROM finding_claims WHERE story_id=?",
                          (entry["id"],)).fetchall()
    assert sorted(claims) == sorted((c["id"], c["text"]) for c in story["claims"])
    quotes = conn.execute("SELECT article, content_text FROM finding_quotes").fetchall()
    assert len(quotes) == len(story["quotes"])
    briefed = sorted((q["article"], " ".join(q["content"][0]["text"].split()))
                     for q in story["quotes"] if len(q["content"]) == 1)
    stored = sorted((a, " ".join(t.split())) for a, t in quotes)
    assert briefed and set(briefed) <= set(stored)
    evidence = conn.execute("SELECT cited_text FROM finding_claim_evidence").fetchall()
    assert evidence and all(text and text.strip() for (text,) in evidence)
    summary = conn.execute("SELECT text FROM finding_summary ORDER BY position").fetchall()
    assert [t for (t,) in summary] == [s["text"] for s in story["summary"]]
