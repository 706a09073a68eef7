"""Stores for the server tests (helpers; the fixtures are in conftest.py).

Invented reports: two events, dated, with outlets; one title carries markup.
"""
from __future__ import annotations

import time
from pathlib import Path

from newsweave.config import load_config

LIGHT = {"pipeline": {"article_stages": ["fingerprint@1"], "story_stages": []}}

# Invented reports: two events, dated, with outlets; one title carries markup.
REPORTS = {
    "ferry-a.md": ("2025-06-02", "Harbour News", "Ferry service to Tolland halted by strike", """
Ferry crews on the Tolland route walked out on Monday, halting every crossing, the operator
said. About 3,000 passengers use the ferry each day.

"We regret the disruption," operator spokesperson Lena Marsh said. Talks are planned for
Wednesday.
"""),
    "ferry-b.md": ("2025-06-02", "Coast Daily", "Tolland ferry strike strands passengers", """
Passengers were stranded in Tolland on Monday after ferry crews went on strike over pay,
stopping every crossing on the route.

Operator spokesperson Lena Marsh said the company regretted the disruption. Union official
Piet Varga said crews would strike until pay talks resumed.
"""),
    "ferry-c.md": ("2025-06-03", "Harbour News", "Ferry strike enters second day in Tolland", """
The strike by ferry crews on the Tolland route entered its second day on Tuesday, with every
crossing still halted.

Union official Piet Varga said crews would return once the operator agreed to pay talks.
Operator spokesperson Lena Marsh said talks were planned for Wednesday.
"""),
    "museum-a.md": ("2025-09-10", "Arts Weekly", "<script>alert(1)</script> Museum reopens",
                    """
The Orlen city museum reopened on Wednesday after a two-year renovation that cost 40 million
crowns, the city council said.

"The galleries have never looked better," museum director Ada Kolar said. Entry will be free
for the first month.
"""),
    "museum-b.md": ("2025-09-10", "Orlen Post", "Orlen museum opens its doors again", """
After two years of renovation, the Orlen city museum opened again on Wednesday, the city
council announced. The works cost 40 million crowns.

Museum director Ada Kolar said entry would be free for the first month.
"""),
}


def write_reports(folder: Path, names: list[str] | None = None) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, (day, outlet, title, body) in REPORTS.items():
        if names is not None and name not in names:
            continue
        (folder / name).write_text(f"---\ntitle: {title}\npublished: {day}\nsource: {outlet}\n"
                                   f"---\n{body}", "utf-8")
    return folder


def light_config():
    return load_config(**LIGHT)


def ingest(db: Path, folder: Path, config) -> None:
    from newsweave.store import open_store
    from newsweave.store.ingest import ingest_into

    with open_store(db, config=config) as store:
        report = ingest_into(store, [str(folder)], config=config)
    assert not report.skipped, report.skipped


FERRY = ["ferry-a.md", "ferry-b.md"]


def app_for(db, **kwargs):
    """The web app over ``db`` with the light configuration."""
    from newsweave.web import create_app

    return create_app(db, config=light_config(), **kwargs)


def story_of(client, article_id: str) -> str:
    return client.get(f"/api/v1/articles/{article_id}").json()["story"]


def wait_for(condition, seconds: float = 60.0) -> None:
    """Poll ``condition`` until it holds; fail after ``seconds``."""
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "condition not reached"
        time.sleep(0.05)
