"""`spacy-lead@1` + `embed-lead@1` (what `newsweave ingest` runs) give the article vector that the
full parse (`spacy@1` + `embed@1`) gives, and the full parse's entities up to the few that the
parser's sentence bounds change."""
from __future__ import annotations

import numpy as np
import pytest

from newsweave.config import load_config
from newsweave.model import Article
from newsweave.pipeline import run_article_stages

pytestmark = pytest.mark.slow

TEXT = ("Kelbury bridge closes after cracks found\n\n"
        "The Kelbury river bridge was closed on Monday after engineers found cracks in two of "
        "its supporting piers, the county council said. \"We will not reopen the bridge until "
        "every pier has been checked,\" council leader Mara Olsen told reporters. About 12,000 "
        "vehicles cross the bridge each day. " * 4
        + "Transport minister Peter Hale said the government would pay for the repairs.")


def _run(stages: list[str], text: str) -> Article:
    config = load_config(nlp={"processes": 1}, pipeline={"article_stages": stages,
                                                         "article_seconds": 0})
    (article,), skipped = run_article_stages([Article.from_text("a", text)], config)
    assert not skipped
    return article


@pytest.mark.parametrize("text", [TEXT, "One short sentence only.", TEXT[:700]])
def test_lead_and_vector_equal_the_full_parse(text):
    full = _run(["spacy@1", "embed@1"], text)
    lead = _run(["spacy-lead@1", "embed-lead@1"], text)
    assert lead.layers["lead"] == full.layers["sentences"][:3]
    assert "sentences" not in lead.layers  # the full sentence layer is the brief's
    assert np.allclose(lead.values["embedding"], full.values["embedding"], atol=1e-6)
    assert {(s.start, s.end) for s in lead.layers["entities"]} & {
        (s.start, s.end) for s in full.layers["entities"]}
