"""Claim support: the record, the features and the decisions on invented reports (no corpus text).

The model was fitted on FNC-1 headlines and bodies; its decisions here are checked on cases that
are plain for a reader (a denial, a report that only relays a claim, an unrelated text, a number
conflict, a support), with the negatives beside the positives.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np
import pytest

from newsweave.config import load_config
from newsweave.model import Article, Span
from newsweave.nlp import support_features as sf
from newsweave.nlp.support import (LABELS, Support, SupportModel, assess, assess_grid,
                                   assess_pairs, fnc_label, load_model)

ROOT = Path(__file__).resolve().parents[2]

CLAIM = "The city council voted to close the Riverside bridge."
SUPPORT = ("The city council voted on Tuesday to close the Riverside bridge. The council said the "
           "bridge will close next month for repairs. Engineers found cracks in two of its "
           "supports last year. Drivers will be sent along the ring road.")
DENIAL = ("Reports that the city council voted to close the Riverside bridge are false, the mayor "
          "said on Tuesday. The story is a hoax, she said, and no such vote took place. The "
          "council denied that any closure was planned. The claim had spread widely online.")
DISCUSS = ("The city council may have voted to close the Riverside bridge, according to "
           "unconfirmed reports circulating online. The claims could not be verified. A council "
           "spokesman declined to comment. It is unclear whether a vote took place.")
UNRELATED = ("The national football team won its third match in a row on Saturday. The coach "
             "praised the young striker, who scored twice. Fans celebrated in the capital until "
             "late at night.")


@pytest.fixture(scope="module")
def config():
    return load_config()


def article(article_id: str, text: str) -> Article:
    return Article.from_text(article_id, text)


# ----------------------------------------------------------------------------- the record
def test_support_round_trip_and_labels():
    s = Support("a1", "supports", {"supports": 0.7, "disputes": 0.1, "discusses": 0.15,
                                   "unrelated": 0.05}, (Span(0, 10, "SENT"), Span(11, 30, "SENT")),
                confident=True)
    data = json.loads(json.dumps(s.to_dict()))
    assert Support.from_dict(data) == s
    assert s.decided == "supports"
    assert Support("a1", "discusses", dict(s.probabilities), (), confident=True).decided is None
    assert Support("a1", "disputes", dict(s.probabilities), (), confident=False).decided is None
    with pytest.raises(ValueError):
        Support.from_dict(dict(data, label="agree"))
    assert [fnc_label(label) for label in LABELS] == ["agree", "disagree", "discuss", "unrelated"]


def test_model_rejects_unknown_features_and_gives_distributions():
    model = load_model()
    x = np.zeros((3, len(sf.FEATURE_NAMES)))
    p = model.predict_proba(x)
    assert p.shape == (3, 4)
    assert np.allclose(p.sum(axis=1), 1.0)
    data = json.loads(Path(sf.__file__).with_name("weights").joinpath(
        "claim_support.json").read_text("utf-8"))
    data["model"]["stance"]["features"] = ["no_such_feature"] + data["model"]["stance"]["features"][1:]
    with pytest.raises(ValueError, match="unknown features"):
        SupportModel(data)


def test_weights_carry_no_corpus_text():
    text = Path(sf.__file__).with_name("weights").joinpath("claim_support.json").read_text("utf-8")
    data = json.loads(text)
    names = set(data["model"]["stance"]["features"]) | set(data["model"]["related"]["features"])
    assert names <= set(sf.FEATURE_NAMES)
    assert "retrain" in data and "trained_on" in data


# ----------------------------------------------------------------------------- features
@pytest.mark.slow
@pytest.mark.parametrize("text, cue, present", [
    ("The story is a hoax.", "refute", True),
    ("The story is not true.", "refute", True),
    ("The story is true.", "refute", False),
    ("The ministry denied the report.", "deny", True),
    ("The ministry published the report.", "deny", False),
    ("The minister did not resign.", "negation", True),
    ("The minister resigned.", "negation", False),
    ("The minister reportedly resigned.", "hedge", True),
    ("The minister resigned, according to two aides.", "hedge", True),
    ("Did the minister resign?", "question", True),
    ("Officials confirmed the minister resigned.", "confirm", True),
])
def test_sentence_cues(text, cue, present):
    from newsweave.nlp.spacy_stage import load_nlp

    unit = sf.unit_from_tokens(list(load_nlp()(text)))
    assert bool(unit.cues[sf.CUES.index(cue)] > 0) is present


@pytest.mark.slow
def test_features_relevance_numbers_and_claim_polarity(config):
    from newsweave.nlp.support import pair_features

    names = {n: i for i, n in enumerate(sf.FEATURE_NAMES)}
    a_match = article("m", "Police said 12 people were hurt in the fire on Monday.")
    a_conflict = article("c", "Police said 40 people were hurt in the fire on Monday.")
    a_other = article("o", UNRELATED)
    x = pair_features([("12 people were hurt in the fire.", a_match),
                       ("12 people were hurt in the fire.", a_conflict),
                       ("12 people were hurt in the fire.", a_other)], config=config)
    assert x[0, names["number_conflict"]] == 0 and x[1, names["number_conflict"]] == 1
    assert x[0, names["number_cover"]] == 1 and x[1, names["number_cover"]] == 0
    assert x[0, names["sim_max"]] > x[2, names["sim_max"]] + 0.3
    assert x[0, names["lex_cover"]] > x[2, names["lex_cover"]]
    # the same refuting article counts against a plain claim and for a claim that calls the
    # story false
    denial = article("d", DENIAL)
    y = pair_features([(CLAIM, denial), ("The bridge closure story is a hoax.", denial)],
                      config=config)
    assert y[0, names["signed_doc_refute"]] > 0 > y[1, names["signed_doc_refute"]]


# ----------------------------------------------------------------------------- decisions
@pytest.mark.slow
def test_decisions_on_invented_reports(config):
    arts = {name: article(name, text) for name, text in
            (("support", SUPPORT), ("denial", DENIAL), ("discuss", DISCUSS),
             ("unrelated", UNRELATED))}
    results = {s.article: s for s in assess_pairs([(CLAIM, a) for a in arts.values()],
                                                   config=config)}
    assert results["unrelated"].label == "unrelated"
    assert results["denial"].label == "disputes"
    assert results["discuss"].label == "discusses"
    # a plain report with attribution ("the council said") sits between support and discussion
    # for a model trained on FNC-1, where reports that relay a claim count as discussing it
    assert results["support"].label in {"supports", "discusses"}
    assert results["support"].probabilities["supports"] > 0.3
    # negatives beside positives: each label is most probable where it belongs
    p = {name: r.probabilities for name, r in results.items()}
    assert p["denial"]["disputes"] > max(p[n]["disputes"] for n in ("support", "discuss"))
    assert p["support"]["supports"] > max(p[n]["supports"] for n in ("denial", "unrelated"))
    assert p["discuss"]["discusses"] > max(p[n]["discusses"] for n in ("support", "unrelated"))
    assert p["unrelated"]["unrelated"] > 0.5 > max(p[n]["unrelated"] for n in
                                                   ("support", "denial", "discuss"))


@pytest.mark.slow
def test_evidence_cites_sentences_and_the_denial(config):
    denial = article("d", DENIAL)
    result = assess(CLAIM, denial, config=config)
    sentences = denial.layer("sentences")
    assert result.evidence and all(s in sentences for s in result.evidence)
    cited = " ".join(denial.span_text(s) for s in result.evidence)
    assert "false" in cited or "hoax" in cited or "denied" in cited
    start, end = denial.to_raw(result.evidence[0].start, result.evidence[0].end)
    assert denial.raw[start:end] == denial.span_text(result.evidence[0])


@pytest.mark.slow
def test_number_conflict_lowers_support(config):
    claim = "Twelve people were hurt in the fire at the Elm Street warehouse."
    same = article("same", "Twelve people were hurt in the fire at the Elm Street warehouse on "
                           "Monday, police said. The fire started in the roof.")
    other = article("other", "Forty people were hurt in the fire at the Elm Street warehouse on "
                             "Monday, police said. The fire started in the roof.")
    a, b = assess_pairs([(claim, same), (claim, other)], config=config)
    assert a.probabilities["supports"] > b.probabilities["supports"]


@pytest.mark.slow
def test_grid_shape_shares_work_and_empty_input(config):
    arts = [article("a", SUPPORT), article("b", UNRELATED)]
    grid = assess_grid([CLAIM, "The football team won its match."], arts, config=config)
    assert [[s.article for s in row] for row in grid] == [["a", "b"], ["a", "b"]]
    assert all("support_view" in a.cache for a in arts)
    assert grid[1][1].label != "unrelated" or grid[1][1].probabilities["unrelated"] < 0.5
    assert assess_pairs([], config=config) == []
    # an article with no text left after cleanup still gets an answer, never a crash
    blank = article("blank", "   ")
    assert assess(CLAIM, blank, config=config).label == "unrelated"


# ----------------------------------------------------------------------------- benchmark
@pytest.mark.slow
def test_benchmark_never_reads_the_gold_label(tmp_path):
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import fnc1

    rows = [{"pair": "p1", "claim": CLAIM, "article": "1"},
            {"pair": "p2", "claim": CLAIM, "article": "2"}]
    (tmp_path / "articles.jsonl").write_text(
        json.dumps({"id": "1", "text": DENIAL}) + "\n" + json.dumps({"id": "2", "text": UNRELATED})
        + "\n" + "not json\n", encoding="utf-8")
    outputs = []
    for labels in (None, ("agree", "agree"), ("unrelated", "disagree")):
        with open(tmp_path / "pairs.jsonl", "w", encoding="utf-8") as fh:
            for i, row in enumerate(rows):
                fh.write(json.dumps(dict(row, label=labels[i]) if labels else row) + "\n")
        out = tmp_path / "pred.jsonl"
        assert fnc1.main([str(tmp_path), "--out", str(out)]) == 0
        outputs.append(out.read_text("utf-8"))
    assert outputs[0] == outputs[1] == outputs[2]
    lines = [json.loads(line) for line in outputs[0].splitlines()]
    assert [line["pair"] for line in lines] == ["p1", "p2"]
    assert lines[1]["label"] == "unrelated"
