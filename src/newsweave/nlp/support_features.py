"""Features of a (claim, article) pair for the claim-support model (``newsweave.nlp.support``).

Work is shared: an article is reduced once to an ``ArticleView`` (its sentences' word sets, cue
counts, numbers and embeddings), a claim once to a ``ClaimView``; a pair then costs a few numpy
operations over the article's sentences. The features are generic, not tied to a corpus:

- relevance: embedding similarity of the claim to the article's sentences (best, top three, the
  lead, the whole article) and word overlap (best sentence, top three, the whole article, word
  pairs, names, numbers);
- stance cues, counted in the sentences most relevant to the claim, in the lead and in the whole
  article: refuting words ("hoax", "fake", "debunked"), denials, negation from the parse,
  hedging and reporting ("reportedly", "according to", "unconfirmed"), confirmation
  ("confirmed", "officially"), questions and quotation marks; the same cues in the claim;
- conflict: numbers of the claim missing from the most relevant sentences that carry other
  numbers, and negation present on one side only.

The word lists below are general English cue words written for this module (no corpus text).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from newsweave import lexicon

import numpy as np

# ----------------------------------------------------------------------------- cue words
# Words that call a claim false or fabricated.
REFUTE = frozenset("""
fake fakes faked hoax hoaxes hoaxed false falsely falsehood untrue bogus fabricated fabricate
fabrication fabrications debunk debunks debunked debunking myth myths satire satirical prank
pranks pranked spoof parody photoshopped doctored scam scams baseless unfounded groundless
nonsense misleading misled incorrect inaccurate erroneous erroneously lie lies lied lying
fiction fictional fraud fraudulent phony phoney sham invented misinformation disinformation
rumor-mongering ridiculous absurd wrong mistaken
""".split())
# Verbs and nouns of denial and contradiction.
DENY = frozenset("""
deny denies denied denying denial denials refute refutes refuted rebut rebuts rebutted
reject rejects rejected dismiss dismisses dismissed retract retracts retracted retraction
contradict contradicts contradicted dispute disputes disputed disputing disprove disproved
discredit discredited correction corrected clarify clarified clarification insist insisted
""".split())
# a report that disputes a claim often does it with "nor", "without" or "cannot"
NEGATORS = lexicon.NEGATORS | {"nor", "without", "nowhere", "cannot"}
# Words that report without asserting.
HEDGE = frozenset("""
reportedly allegedly alleged purportedly purported apparently supposedly seemingly rumor rumors
rumour rumours rumored rumoured unconfirmed unverified unclear unknown speculation speculate
speculated speculating possibly perhaps maybe likely unlikely appear appears appeared seem seems
seemed suggest suggests suggested believed suspected claim claims claimed claiming viral
circulating circulated if whether might may could would
""".split())
REPORT = frozenset("""
said says say told tells according report reports reported reporting source sources quoted
quote cited cites statement tweeted tweet posted wrote writes interview spokesman spokeswoman
spokesperson announced
""".split())
CONFIRM = frozenset("""
confirm confirms confirmed confirming confirmation verified verify official officially indeed
actually true truth proof proven proved evidence revealed reveals shows showed footage
genuine authentic real certainly definitely
""".split())
MODAL = frozenset({"may", "might", "could", "would", "can", "should"})
# Phrases of two words (lowercased tokens) counted with the single words above.
REFUTE_PAIRS = frozenset({("not", "true"), ("no", "evidence"), ("not", "real"), ("no", "truth"),
                          ("no", "proof"), ("n't", "true"), ("never", "happened")})
HEDGE_PAIRS = frozenset({("according", "to"), ("if", "true"), ("not", "confirmed"),
                         ("not", "verified"), ("yet", "to")})

CUES = ("refute", "deny", "negation", "hedge", "report", "confirm", "modal", "question", "quote")
_QUOTE_CHARS = frozenset('"\u201c\u201d\u00ab\u00bb')

STOP = frozenset("""
a an the and or but if of in on at to for from by with as is are was were be been being am do does
did has have had having it its it's this that these those there here he she they we you i me him
her them us my your his our their what which who whom whose when where why how all any both each
few more most other some such only own same so than too very s t can will just should now also
into over after before about against between through during above below up down out off again
further then once not no nor
""".split())
_WORD_NUMBERS = {w: float(i) for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen twenty".split())}
_WORD_NUMBERS.update({"thirty": 30.0, "forty": 40.0, "fifty": 50.0, "hundred": 100.0,
                      "thousand": 1000.0, "million": 1e6, "billion": 1e9, "dozen": 12.0})
_SUFFIXES = (("ies", "y"), ("ied", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("s", ""))
_WORD = re.compile(r"\w", re.UNICODE)

TOP_K = 3
LEAD = 3


def norm_word(text: str) -> str:
    """A comparable form of a word: lower case, possessive and a light suffix removed.

    >>> norm_word("Denied"), norm_word("rumours"), norm_word("Obama's")
    ('deny', 'rumour', 'obama')
    """
    low = text.lower().replace("\u2019", "'")
    if low.endswith("'s"):
        low = low[:-2]
    for suffix, repl in _SUFFIXES:
        if low.endswith(suffix) and len(low) - len(suffix) >= 3:
            return low[: len(low) - len(suffix)] + repl
    return low


def number_value(text: str) -> float | None:
    """The value of a number token ("1,200", "3.5", "twelve"), else None."""
    low = text.lower().replace(",", "")
    if low in _WORD_NUMBERS:
        return _WORD_NUMBERS[low]
    m = re.fullmatch(r"[$€£¥]?(\d+(?:\.\d+)?)(%|k|m|bn)?", low)
    return float(m.group(1)) if m else None


@dataclass
class TextUnit:
    """What the features need of one sentence (or of a claim): word forms, cue counts, numbers."""

    words: frozenset[str]
    pairs: frozenset[tuple[str, str]]
    names: frozenset[str]
    numbers: frozenset[float]
    cues: np.ndarray  # counts, in the order of CUES
    negated: bool


def unit_from_tokens(tokens) -> TextUnit:
    """Reduce a run of spaCy tokens (a sentence or a claim) to a ``TextUnit``."""
    words: list[str] = []
    names: set[str] = set()
    numbers: set[float] = set()
    cues = np.zeros(len(CUES), dtype=np.float32)
    lowers = [t.lower_.replace("\u2019", "'") for t in tokens]
    negated = False
    for tok, low in zip(tokens, lowers):
        if tok.is_space or tok.is_punct:
            if tok.text in _QUOTE_CHARS or tok.text in {"''", "``"}:
                cues[8] += 1
            if "?" in tok.text:
                cues[7] += 1
            continue
        if tok.like_num:
            value = number_value(tok.text)
            if value is not None and low not in {"one", "a", "an"}:
                numbers.add(value)
        if low in REFUTE:
            cues[0] += 1
        if low in DENY:
            cues[1] += 1
        if tok.dep_ == "neg" or low in NEGATORS:
            cues[2] += 1
            negated = True
        if low in HEDGE:
            cues[3] += 1
        if low in REPORT:
            cues[4] += 1
        if low in CONFIRM:
            cues[5] += 1
        if low in MODAL:
            cues[6] += 1
        if low in STOP or not _WORD.search(low):
            continue
        form = norm_word(low)
        words.append(form)
        if tok.pos_ == "PROPN" or tok.ent_type_ in {"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC",
                                                      "PRODUCT", "EVENT"}:
            names.add(form)
    for a, b in zip(lowers, lowers[1:]):
        if (a, b) in REFUTE_PAIRS:
            cues[0] += 1
        if (a, b) in HEDGE_PAIRS:
            cues[3] += 1
    return TextUnit(frozenset(words), frozenset(zip(words, words[1:])), frozenset(names),
                    frozenset(numbers), cues, negated)


@dataclass
class ArticleView:
    """An article reduced for claim support: its sentences as units, their vectors, and the
    article-wide word set."""

    units: list[TextUnit]
    vectors: np.ndarray  # one L2-normalised row per sentence
    cues: np.ndarray  # (sentences, len(CUES))
    words: frozenset[str]
    pairs: frozenset[tuple[str, str]]
    numbers: frozenset[float]
    mean_vector: np.ndarray
    # similarity of each sentence to each stance prototype (rows: sentences; see PROTOTYPES)
    prototypes: np.ndarray | None = None


# Invented sentences that stand for a stance; a sentence's embedding similarity to them is a
# cue that word lists miss ("turned out to be made up").
PROTOTYPES = {
    "refute": ("The story turned out to be a hoax.", "The report is false and was made up.",
               "There is no truth to the claim.", "The photo was faked."),
    "deny": ("The company denied the report.", "Officials dismissed the claim as untrue."),
    "hedge": ("It is not clear whether the report is true.",
              "The claim could not be independently verified.",
              "The report has not been confirmed."),
    "confirm": ("Officials confirmed the report.", "The news was confirmed on Monday."),
}
PROTOTYPE_KINDS = tuple(PROTOTYPES)


def article_view(units: list[TextUnit], vectors: np.ndarray,
                 prototype_vectors: np.ndarray | None = None) -> ArticleView:
    """Combine sentence units and sentence vectors into an ``ArticleView``."""
    vectors = np.asarray(vectors, dtype=np.float32)
    if not units:
        vectors = np.zeros((0, vectors.shape[-1] if vectors.ndim == 2 else 1), np.float32)
    cues = (np.stack([u.cues for u in units]) if units
            else np.zeros((0, len(CUES)), dtype=np.float32))
    words = frozenset().union(*(u.words for u in units)) if units else frozenset()
    pairs = frozenset().union(*(u.pairs for u in units)) if units else frozenset()
    numbers = frozenset().union(*(u.numbers for u in units)) if units else frozenset()
    mean = vectors.mean(axis=0) if len(units) else np.zeros(vectors.shape[1], np.float32)
    mean = mean / max(float(np.linalg.norm(mean)), 1e-12)
    protos = None
    if prototype_vectors is not None:
        sims = vectors @ prototype_vectors.T if len(units) else np.zeros((0, len(prototype_vectors)))
        protos = np.zeros((len(units), len(PROTOTYPE_KINDS)), dtype=np.float32)
        col = 0
        for k, kind in enumerate(PROTOTYPE_KINDS):
            m = len(PROTOTYPES[kind])
            if len(units):
                protos[:, k] = sims[:, col : col + m].max(axis=1)
            col += m
    return ArticleView(units, vectors, cues, words, pairs, numbers, mean, protos)


def prototype_texts() -> list[str]:
    return [t for kind in PROTOTYPE_KINDS for t in PROTOTYPES[kind]]


def _overlap(claim: TextUnit, unit: TextUnit) -> float:
    if not claim.words:
        return 0.0
    weight = sum(2.0 if w in claim.names else 1.0 for w in claim.words)
    hit = sum(2.0 if w in claim.names else 1.0 for w in claim.words & unit.words)
    return hit / weight


FEATURE_NAMES: tuple[str, ...] = (
    "sim_max", "sim_top", "sim_mean", "sim_lead", "sim_doc",
    "lex_max", "lex_top", "lex_lead", "lex_cover", "pair_cover", "name_cover", "name_missing",
    "claim_numbers", "number_cover", "number_conflict",
    "claim_negated", "negation_mismatch", "top_denies_content",
    "claim_len", "article_sents", "rel_gap",
    *(f"top_{c}" for c in CUES), *(f"lead_{c}" for c in CUES), *(f"doc_{c}" for c in CUES),
    *(f"claim_{c}" for c in CUES), *(f"near_{c}" for c in CUES),
    # refutation in the article, signed by the claim's own polarity: a report calling a story
    # a hoax agrees with the claim "the story is a hoax"
    "claim_negative", "signed_top_refute", "signed_near_refute", "signed_doc_refute",
    "signed_near_deny", "signed_doc_deny", "signed_near_negation", "signed_best_negation",
    # how early the first refuting sentence comes (1 = the first sentence), signed likewise
    "first_refute_position",
    *(f"proto_near_{k}" for k in PROTOTYPE_KINDS), *(f"proto_max_{k}" for k in PROTOTYPE_KINDS),
    "signed_proto_near_refute", "signed_proto_max_refute",
)
SIGNED = {"signed_top_refute": "top_refute", "signed_near_refute": "near_refute",
          "signed_doc_refute": "doc_refute", "signed_near_deny": "near_deny",
          "signed_doc_deny": "doc_deny", "signed_near_negation": "near_negation"}
_INDEX = {name: i for i, name in enumerate(FEATURE_NAMES)}


# The features of the first decision (does the article address the claim at all?).
RELATEDNESS_FEATURES: tuple[str, ...] = tuple(
    n for n in FEATURE_NAMES
    if n.startswith(("sim_", "lex_", "pair_", "name_", "number_cover"))
    or n in {"claim_len", "article_sents", "rel_gap"})


def relevance(claim: TextUnit, claim_vector: np.ndarray, view: ArticleView) -> np.ndarray:
    """How much each sentence of the article is about the claim (embedding similarity lifted by
    shared words); the features and the evidence use the same ranking."""
    if not view.units:
        return np.zeros(0, dtype=np.float32)
    sims = view.vectors @ claim_vector
    lex = np.array([_overlap(claim, u) for u in view.units], dtype=np.float32)
    return sims + 0.5 * lex


def pair_features(claim: TextUnit, claim_vector: np.ndarray, view: ArticleView) -> np.ndarray:
    """The feature vector of one (claim, article) pair, in the order of ``FEATURE_NAMES``."""
    n = len(view.units)
    out = np.zeros(len(FEATURE_NAMES), dtype=np.float32)
    claim_cues = np.log1p(claim.cues)
    k = len(CUES)
    base = _INDEX["top_refute"]
    out[base + 3 * k : base + 4 * k] = claim_cues
    out[FEATURE_NAMES.index("claim_len")] = np.log1p(len(claim.words))
    out[FEATURE_NAMES.index("claim_negated")] = float(claim.negated)
    out[FEATURE_NAMES.index("claim_numbers")] = float(bool(claim.numbers))
    if n == 0:
        return out
    sims = view.vectors @ claim_vector
    lex = np.array([_overlap(claim, u) for u in view.units], dtype=np.float32)
    rel = sims + 0.5 * lex
    order = np.argsort(-rel)
    top = order[:TOP_K]
    lead = np.arange(min(LEAD, n))
    top_sims = np.sort(sims)[::-1][:TOP_K]
    out[0] = sims.max()
    out[1] = top_sims.mean()
    out[2] = sims.mean()
    out[3] = sims[0]
    out[4] = float(view.mean_vector @ claim_vector)
    out[5] = lex.max()
    out[6] = np.sort(lex)[::-1][:TOP_K].mean()
    out[7] = lex[lead].max()
    words = claim.words
    out[8] = (len(words & view.words) / len(words)) if words else 0.0
    out[9] = (len(claim.pairs & view.pairs) / len(claim.pairs)) if claim.pairs else 0.0
    if claim.names:
        found = len(claim.names & view.words)
        out[10] = found / len(claim.names)
        out[11] = float(len(claim.names) - found)
    if claim.numbers:
        out[13] = len(claim.numbers & view.numbers) / len(claim.numbers)
        top_numbers = frozenset().union(*(view.units[i].numbers for i in top))
        out[14] = float(bool(top_numbers) and not (claim.numbers & top_numbers))
    best = view.units[order[0]]
    out[16] = float(best.negated != claim.negated)
    # refuting words or denials in a sentence that shares the claim's content
    deny = view.cues[:, 0] + view.cues[:, 1]
    out[17] = float(np.max(np.where(deny > 0, rel, 0.0)))
    out[19] = np.log1p(n)
    out[20] = float(rel[order[0]] - (rel[order[1]] if n > 1 else 0.0))
    cues = view.cues
    out[base : base + k] = np.log1p(cues[top].mean(axis=0))
    out[base + k : base + 2 * k] = np.log1p(cues[lead].mean(axis=0))
    out[base + 2 * k : base + 3 * k] = np.log1p(cues.mean(axis=0))
    weights = np.exp(8.0 * (rel - rel.max()))
    weights /= weights.sum()
    out[base + 4 * k : base + 5 * k] = np.log1p(weights @ cues)
    negative = bool(claim.cues[0] + claim.cues[1] + claim.cues[2] > 0)
    sign = -1.0 if negative else 1.0
    out[_INDEX["claim_negative"]] = float(negative)
    for signed, plain in SIGNED.items():
        out[_INDEX[signed]] = sign * out[_INDEX[plain]]
    out[_INDEX["signed_best_negation"]] = sign * float(best.negated)
    refuting = np.nonzero(deny > 0)[0]
    out[_INDEX["first_refute_position"]] = (
        sign * (1.0 - refuting[0] / n) if len(refuting) else 0.0)
    if view.prototypes is not None:
        m = len(PROTOTYPE_KINDS)
        near = _INDEX["proto_near_refute"]
        out[near : near + m] = weights @ view.prototypes
        out[near + m : near + 2 * m] = view.prototypes.max(axis=0)
        out[_INDEX["signed_proto_near_refute"]] = sign * out[_INDEX["proto_near_refute"]]
        out[_INDEX["signed_proto_max_refute"]] = sign * out[_INDEX["proto_max_refute"]]
    return out


def ranked_sentences(claim: TextUnit, claim_vector: np.ndarray, view: ArticleView) -> np.ndarray:
    """Sentence indices of the article, most relevant to the claim first."""
    return np.argsort(-relevance(claim, claim_vector, view))
