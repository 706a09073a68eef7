"""nlp.parse_pack: the parse that worker processes send back packed rebuilds to the same Doc."""
from __future__ import annotations

import pytest

from newsweave.config import load_config
from newsweave.model import Article
from newsweave.nlp.parse_pack import PACK_KEY, ensure_docs, pack, unpack

pytest.importorskip("spacy")

TEXT = ("Prime Minister Karl Lind said on Monday that Norland will not send troops to the border.\n\n"
        "\"We rejected the idea,\" he told reporters in Oslo. Sales rose 4% to $61 billion.")


def _nlp():
    from newsweave.nlp.spacy_stage import load_nlp

    return load_nlp()


def _view(doc):
    return ([(t.text, t.whitespace_, t.idx, t.tag_, t.pos_, str(t.morph), t.dep_, t.head.i,
              t.ent_iob_, t.ent_type_, t.lemma_, t.is_sent_start) for t in doc],
            [(s.start, s.end) for s in doc.sents],
            [(e.start, e.end, e.label_) for e in doc.ents])


def test_unpacked_doc_equals_the_parse():
    nlp = _nlp()
    doc = nlp(TEXT)
    again = unpack(pack(doc), nlp.vocab)
    assert again.text == doc.text
    assert _view(again) == _view(doc)


def test_ensure_docs_keeps_unpacks_or_parses():
    nlp = _nlp()
    kept, packed, bare = (Article.from_text(i, TEXT) for i in ("kept", "packed", "bare"))
    doc = nlp(TEXT)
    kept.cache["doc"] = doc
    packed.cache[PACK_KEY] = pack(nlp(TEXT))
    docs = ensure_docs([kept, packed, bare], load_config())
    assert docs[0] is doc
    assert PACK_KEY not in packed.cache and packed.cache["doc"] is docs[1]
    assert bare.cache["doc"] is docs[2]
    assert _view(docs[1]) == _view(doc) == _view(docs[2])
