"""Claim support: does an article support, dispute, merely discuss, or not address a claim?

One measured function for every finding that rests on support: corroboration counts supporting
articles of independent origins, "disputed" needs a disputing one, and the coverage matrix cells
come from it. It is measured on FNC-1 (``benchmarks/fnc1.py``; numbers in ``docs/quality.md``).

The decision is a small learned model (``weights/claim_support.json``, trained by
``scripts/train_support.py``) over generic features (``newsweave.nlp.support_features``):
embedding and word overlap between the claim and the article's most relevant sentences, and
refuting, denial, negation, hedging, reporting and confirmation cues near that content.
Each ``Support`` carries its probabilities and the sentences the decision rests on, so a finding
built on it can cite them; ``confident`` says whether a ``supports`` or ``disputes`` decision
passes the shipped threshold (the most precise point found by grouped cross-validation: about
0.57 / 0.54 precise out of sample, short of a finding's bar on its own, so corroboration and
disputes should require it *and* their own check of the cited sentence; see docs/quality.md).
A ``[support]`` section of the config (``support_threshold``, ``dispute_threshold``,
``evidence_sentences``) overrides the defaults once the config declares that section.

>>> from newsweave.config import load_config
>>> article = Article.from_text("a1", "The minister denied the report. She said no troops will go.")
>>> result = assess("The minister will send troops.", article, config=load_config())
>>> result.label in LABELS, round(sum(result.probabilities.values()), 6)
(True, 1.0)
"""
from __future__ import annotations

import functools
import json
from dataclasses import dataclass, field
from importlib import resources
from typing import Literal, Sequence

import numpy as np

from newsweave import errors
from newsweave.config import Config
from newsweave.model import Article, Span
from newsweave.nlp import support_features as sf

Label = Literal["supports", "disputes", "discusses", "unrelated"]
LABELS: tuple[Label, ...] = ("supports", "disputes", "discusses", "unrelated")
WEIGHTS_FILE = "weights/claim_support.json"
VIEW_KEY = "support_view"
# The longest claim read (characters): a claim is a sentence or a headline, not an article.
MAX_CLAIM_CHARS = 2_000

def options(config: Config | None) -> dict:
    """The support options: the model's shipped thresholds, then the config's ``[support]``
    section (typed in ``config.py``)."""
    merged: dict = {"evidence_sentences": 2}
    model = load_model()
    merged["support_threshold"] = model.thresholds.get("supports", 0.5)
    merged["dispute_threshold"] = model.thresholds.get("disputes", 0.5)
    if config is not None:
        merged.update({k: v for k, v in config.support.model_dump().items() if v is not None})
    return merged


@dataclass(frozen=True)
class Support:
    """How one article stands to one claim.

    ``evidence`` are sentence spans of the article's cleaned text (``Article.to_raw`` maps them
    to raw offsets), the most relevant to the claim first.

    >>> s = Support("a1", "disputes", {"supports": 0.1, "disputes": 0.7, "discusses": 0.1,
    ...             "unrelated": 0.1}, (Span(0, 30, "SENT"),), confident=True)
    >>> Support.from_dict(s.to_dict()) == s
    True
    """

    article: str
    label: Label
    probabilities: dict[str, float] = field(hash=False)
    evidence: tuple[Span, ...] = ()
    confident: bool = False

    @property
    def decided(self) -> Label | None:
        """``supports`` or ``disputes`` when confident, else None (the briefing abstains)."""
        return self.label if self.confident and self.label in ("supports", "disputes") else None

    def to_dict(self) -> dict:
        return {"article": self.article, "label": self.label,
                "probabilities": {k: round(float(v), 4) for k, v in self.probabilities.items()},
                "evidence": [[s.start, s.end] for s in self.evidence],
                "confident": self.confident}

    @classmethod
    def from_dict(cls, data: dict) -> "Support":
        label = data["label"]
        if label not in LABELS:
            raise ValueError(f"unknown support label {label!r}")
        return cls(str(data["article"]), label,
                   {k: float(v) for k, v in data["probabilities"].items()},
                   tuple(Span(int(a), int(b), "SENT") for a, b in data.get("evidence", ())),
                   bool(data.get("confident", False)))


# ----------------------------------------------------------------------------- the model
class _LogReg:
    """A multinomial logistic regression over standardised, named features."""

    def __init__(self, data: dict) -> None:
        index = {n: i for i, n in enumerate(sf.FEATURE_NAMES)}
        missing = [n for n in data["features"] if n not in index]
        if missing:
            raise ValueError(f"claim-support weights use unknown features: {missing[:5]}")
        self.columns = np.array([index[n] for n in data["features"]], dtype=np.int64)
        self.mean = np.asarray(data["mean"], dtype=np.float64)
        self.scale = np.asarray(data["scale"], dtype=np.float64)
        self.coef = np.asarray(data["coef"], dtype=np.float64)
        self.intercept = np.asarray(data["intercept"], dtype=np.float64)

    def proba(self, features: np.ndarray) -> np.ndarray:
        x = np.asarray(features, dtype=np.float64)[:, self.columns]
        logits = ((x - self.mean) / self.scale) @ self.coef.T + self.intercept
        logits -= logits.max(axis=1, keepdims=True)
        p = np.exp(logits)
        return p / p.sum(axis=1, keepdims=True)


class SupportModel:
    """Turns pair features into label probabilities in two steps, each a logistic regression:
    whether the article addresses the claim at all (relatedness features), then, among
    supports / disputes / discusses, how it stands (all features).
    P(label) = P(related) * P(label | related); P(unrelated) = 1 - P(related)."""

    def __init__(self, data: dict) -> None:
        self.meta = {k: v for k, v in data.items() if k != "model"}
        model = data["model"]
        if model.get("kind") != "two-stage":
            raise ValueError(f"unknown claim-support model kind {model.get('kind')!r}")
        self.related = _LogReg(model["related"])  # classes: related, unrelated
        self.stance = _LogReg(model["stance"])  # classes: supports, disputes, discusses
        self.labels: tuple[str, ...] = LABELS
        self.thresholds: dict[str, float] = dict(data.get("thresholds", {}))

    @property
    def version(self) -> str:
        return str(self.meta.get("version", "unversioned"))

    def predict_proba(self, features: np.ndarray) -> np.ndarray:
        """Probabilities (rows: pairs; columns: ``LABELS``) for rows of ``FEATURE_NAMES``
        features."""
        features = np.asarray(features, dtype=np.float64).reshape(-1, len(sf.FEATURE_NAMES))
        unrelated = self.related.proba(features)[:, 1]
        out = np.empty((len(features), 4))
        out[:, :3] = self.stance.proba(features) * (1.0 - unrelated)[:, None]
        out[:, 3] = unrelated
        return out


@functools.lru_cache(maxsize=1)
def load_model() -> SupportModel:
    """The shipped model (``weights/claim_support.json``)."""
    try:
        text = resources.files("newsweave.nlp").joinpath(WEIGHTS_FILE).read_text("utf-8")
    except (FileNotFoundError, ModuleNotFoundError) as exc:
        raise errors.NewsweaveError(
            errors.MISSING_MODEL, WEIGHTS_FILE, "the claim-support weights are not installed",
            "reinstall newsweave, or retrain: python scripts/train_support.py ../shared/eval/fnc1",
        ) from exc
    return SupportModel(json.loads(text))


# ----------------------------------------------------------------------------- preparation
def prepare_articles(articles: Sequence[Article], *, config: Config) -> list[sf.ArticleView]:
    """Each article reduced for claim support (kept in ``article.cache``, so it is done once):
    parsed and split into sentences when that has not been done, every sentence embedded.

    >>> from newsweave.config import load_config
    >>> view = prepare_articles([Article.from_text("a", "One. Two words.")], config=load_config())[0]
    >>> len(view.units), view.vectors.shape
    (2, (2, 384))
    """
    from newsweave.nlp.embed import embedder_for, ensure_sentence_embeddings
    from newsweave.nlp.parse_pack import ensure_docs
    from newsweave.nlp.spacy_stage import spacy_stage

    need = [a for a in articles if a.cache.get(VIEW_KEY) is None]
    if need:
        unparsed = [a for a in need if "sentences" not in a.layers]
        if unparsed:
            spacy_stage(unparsed, config)
        docs = ensure_docs(need, config)
        ensure_sentence_embeddings(need, config)
        embedder = embedder_for(config)
        prototypes = embedder.encode(sf.prototype_texts())
        for article, doc in zip(need, docs):
            vectors = np.asarray(article.values["sentence_embeddings"])
            if vectors.ndim != 2 or vectors.shape[1] != prototypes.shape[1]:
                # vectors of another model (or stand-ins): encode the sentences with this one
                vectors = embedder.encode([article.span_text(x)
                                           for x in article.layer("sentences")])
            article.cache[VIEW_KEY] = sf.article_view(
                sentence_units(doc, article.layer("sentences")), vectors, prototypes)
    return [a.cache[VIEW_KEY] for a in articles]


def sentence_units(doc, sentences: list[Span]) -> list[sf.TextUnit]:
    """One ``TextUnit`` per sentence span, from the tokens that start inside it."""
    import bisect

    starts = [s.start for s in sentences]
    buckets: list[list] = [[] for _ in sentences]
    for tok in doc:
        i = bisect.bisect_right(starts, tok.idx) - 1
        if i >= 0 and tok.idx < sentences[i].end:
            buckets[i].append(tok)
    return [sf.unit_from_tokens(tokens) for tokens in buckets]


def prepare_claims(claims: Sequence[str], *, config: Config) -> tuple[list[sf.TextUnit], np.ndarray]:
    """Parse and embed claims (each distinct text once)."""
    from newsweave.nlp.embed import embedder_for
    from newsweave.nlp.spacy_stage import load_nlp

    texts = [" ".join(c.split())[:MAX_CLAIM_CHARS] for c in claims]
    distinct = list(dict.fromkeys(texts))
    nlp = load_nlp(config.nlp.spacy_model)
    units = {t: sf.unit_from_tokens(list(doc))
             for t, doc in zip(distinct, nlp.pipe(distinct, batch_size=config.nlp.batch_size))}
    vectors = embedder_for(config).encode(distinct)
    row = {t: i for i, t in enumerate(distinct)}
    return [units[t] for t in texts], vectors[[row[t] for t in texts]]


# ----------------------------------------------------------------------------- assessing
def _prepared(pairs: Sequence[tuple[str, Article]], config: Config):
    articles = list({id(a): a for _, a in pairs}.values())
    prepare_articles(articles, config=config)
    units, vectors = prepare_claims([c for c, _ in pairs], config=config)
    feats = np.stack([sf.pair_features(u, v, a.cache[VIEW_KEY])
                      for u, v, (_, a) in zip(units, vectors, pairs)])
    return units, vectors, feats


def pair_features(pairs: Sequence[tuple[str, Article]], *, config: Config) -> np.ndarray:
    """The feature matrix of (claim, article) pairs (rows in order, columns
    ``support_features.FEATURE_NAMES``), sharing the work: each article is parsed and embedded
    once, each distinct claim once."""
    if not pairs:
        return np.zeros((0, len(sf.FEATURE_NAMES)), dtype=np.float32)
    return _prepared(pairs, config)[2]


def assess_pairs(pairs: Sequence[tuple[str, Article]], *, config: Config,
                 model: SupportModel | None = None) -> list[Support]:
    """Assess many (claim, article) pairs at once (the form to use for claims x articles).

    >>> from newsweave.config import load_config
    >>> a = Article.from_text("a", "Officials confirmed that the bridge closed on Monday.")
    >>> [s.article for s in assess_pairs([("The bridge closed.", a)], config=load_config())]
    ['a']
    """
    if not pairs:
        return []
    model = model or load_model()
    opts = options(config)
    units, vectors, feats = _prepared(pairs, config)
    probs = model.predict_proba(feats)
    out = []
    for (claim, article), unit, vector, p in zip(pairs, units, vectors, probs):
        prob = dict(zip(LABELS, (float(x) for x in p)))
        label = LABELS[int(np.argmax(p))]
        out.append(Support(article.id, label, prob, _evidence(unit, vector, article, label, opts),
                           _confident(label, prob, opts)))
    return out


def _evidence(unit: sf.TextUnit, vector: np.ndarray, article: Article, label: str,
              opts: dict) -> tuple[Span, ...]:
    view = article.cache[VIEW_KEY]
    ranked = [int(i) for i in sf.ranked_sentences(unit, vector, view)]
    sentences = article.layer("sentences")
    keep = int(opts["evidence_sentences"])
    if label == "disputes":
        # the cited passage should show the dispute: the most relevant sentences with a
        # refuting or denying word come first
        cued = [i for i in ranked[:5] if view.cues[i, 0] + view.cues[i, 1] > 0]
        ranked = cued + [i for i in ranked if i not in cued]
    return tuple(sentences[i] for i in ranked[:keep])


def _confident(label: str, prob: dict[str, float], opts: dict) -> bool:
    if label == "supports":
        return prob["supports"] >= opts["support_threshold"]
    if label == "disputes":
        return prob["disputes"] >= opts["dispute_threshold"]
    return False


def assess(claim: str, article: Article, *, config: Config,
           model: SupportModel | None = None) -> Support:
    """How ``article`` stands to ``claim``: supports, disputes, discusses or unrelated.

    >>> from newsweave.config import load_config
    >>> a = Article.from_text("a", "The mayor resigned on Friday, the city said.")
    >>> assess("The mayor resigned.", a, config=load_config()).label in LABELS
    True
    """
    return assess_pairs([(claim, article)], config=config, model=model)[0]


def assess_grid(claims: Sequence[str], articles: Sequence[Article], *, config: Config,
                model: SupportModel | None = None) -> list[list[Support]]:
    """Every claim against every article: ``grid[c][a]`` (the coverage matrix's shape)."""
    pairs = [(c, a) for c in claims for a in articles]
    flat = assess_pairs(pairs, config=config, model=model)
    n = len(articles)
    return [flat[i * n : (i + 1) * n] for i in range(len(claims))]


_FNC_NAMES = {"supports": "agree", "disputes": "disagree", "discusses": "discuss",
              "unrelated": "unrelated"}


def fnc_label(label: str) -> str:
    """The FNC-1 name of a support label.

    >>> fnc_label("supports"), fnc_label("unrelated")
    ('agree', 'unrelated')
    """
    return _FNC_NAMES[label]
