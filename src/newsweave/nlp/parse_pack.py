"""A compact form of the spaCy parse, so articles analysed in worker processes keep it.

Workers (``newsweave.parallel``) cannot send a ``Doc`` back cheaply: pickled whole it carries
the tok2vec tensor and the vocabulary (about 190 KB per news article), and story stages such as
``stance@1`` would otherwise parse every article again in the main process (~60 ms each, the
largest cost of a brief of a few hundred articles). Packed here it keeps only what later stages
read -- words, spaces, tags, morphology, the dependency tree, sentence starts and entities --
in a ~6 KB compressed ``DocBin``, written in ~1.5 ms and rebuilt in ~1 ms, and the rebuilt Doc
gives the same tokens, parse, sentences and entities as the original.

The packed bytes travel in ``article.cache[PACK_KEY]`` (``cache`` is never stored).
"""
from __future__ import annotations

from newsweave.config import Config
from newsweave.model import Article

PACK_KEY = "doc_packed"
# LEMMA is empty while the lemmatizer is disabled (spacy_stage), but kept so a pipeline that
# enables it loses nothing. SENT_START is needed: without it token 0 loses its sentence start.
ATTRS = ["ORTH", "SPACY", "TAG", "POS", "MORPH", "DEP", "HEAD", "ENT_IOB", "ENT_TYPE",
         "SENT_START", "LEMMA"]


def pack(doc) -> bytes:
    from spacy.tokens import DocBin

    docbin = DocBin(attrs=ATTRS, store_user_data=False)
    docbin.add(doc)
    return docbin.to_bytes()


def unpack(data: bytes, vocab):
    from spacy.tokens import DocBin

    return next(iter(DocBin().from_bytes(data).get_docs(vocab)))


def ensure_docs(articles: list[Article], config: Config) -> list:
    """Each article's Doc, set in ``article.cache["doc"]``: the one already there, else the packed
    parse rebuilt, else a fresh parse (all the articles that need one in one batch)."""
    from newsweave.nlp.spacy_stage import load_nlp, parse_text

    need = [a for a in articles if a.cache.get("doc") is None]
    if need:
        nlp = load_nlp(config.nlp.spacy_model)
        to_parse = []
        for article in need:
            data = article.cache.pop(PACK_KEY, None)
            if data is not None:
                article.cache["doc"] = unpack(data, nlp.vocab)
            else:
                to_parse.append(article)
        for article, doc in zip(to_parse, nlp.pipe([parse_text(a.text) for a in to_parse],
                                                   batch_size=config.nlp.batch_size)):
            article.cache["doc"] = doc
    return [a.cache["doc"] for a in articles]
