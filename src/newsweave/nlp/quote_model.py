"""The cue classifier: a logistic regression over the string features of ``quote_rules``.

The weights ship in ``weights/quote_cues.json`` (trained on the PolNeAR train split by
``scripts/train_quotes.py``; no text of the corpus is stored, only feature weights). Without that
file a small built-in lexicon of reporting verbs stands in, so the stage always works.

>>> model = CueModel({"bias": -2.0, "s=say": 4.0}, threshold=0.5)
>>> model.prob(["bias", "s=say"]) > 0.5, model.prob(["bias", "s=eat"]) > 0.5
(True, False)
"""
from __future__ import annotations

import functools
import json
import math
from importlib import resources

WEIGHTS_FILE = "weights/quote_cues.json"

# Used only when no trained weights are installed.
REPORTING_VERBS = (
    "say tell add note state write explain claim argue insist warn emphasize emphasise stress "
    "clarify announce declare confirm deny acknowledge admit suggest report reply respond "
    "tweet post predict promise vow pledge urge caution underscore highlight reiterate "
    "mention remark assert contend maintain believe think hope fear ask question"
).split()


class CueModel:
    """Scores attribution candidates: ``prob(features)`` is the chance the candidate's cue is
    an attribution cue."""

    def __init__(self, weights: dict[str, float], *, threshold: float = 0.5,
                 meta: dict | None = None) -> None:
        self.weights = weights
        self.threshold = threshold
        self.meta = meta or {}

    def prob(self, features: list[str]) -> float:
        z = sum(self.weights.get(f, 0.0) for f in set(features))
        if z < -30:
            return 0.0
        return 1.0 / (1.0 + math.exp(-z))

    @property
    def version(self) -> str:
        return self.meta.get("version", "lexicon")


def lexicon_model() -> CueModel:
    """A rule fallback: reporting verbs with a subject are cues."""
    weights = {"bias": -3.0, "kind=according": 5.0, "subj=none": -1.5}
    for verb in REPORTING_VERBS:
        weights[f"s={verb}"] = 4.0
    return CueModel(weights, threshold=0.5, meta={"version": "lexicon"})


@functools.lru_cache(maxsize=1)
def load_cue_model() -> CueModel:
    """The shipped trained model, or the lexicon fallback when the weights are missing."""
    try:
        text = resources.files("newsweave.nlp").joinpath(WEIGHTS_FILE).read_text("utf-8")
    except (FileNotFoundError, ModuleNotFoundError):
        return lexicon_model()
    data = json.loads(text)
    return CueModel(data["weights"], threshold=data.get("threshold", 0.5), meta=data)
