"""Train the cue classifier of ``quotes@1`` on the PolNeAR train split.

Writes ``src/newsweave/nlp/weights/quote_cues.json``: feature weights of an L2 logistic
regression over the string features of ``newsweave.nlp.quote_rules`` (no corpus text is stored),
and the decision threshold, chosen by two-fold cross-validation on train for who-said-what F1.

Needs scipy (training only; the stage itself needs neither scipy nor scikit-learn).

Example (the `make train-quotes` target)::

    python scripts/train_quotes.py ../shared/eval/polnear/data/train \\
        --out src/newsweave/nlp/weights/quote_cues.json --cache /tmp/polnear_train.spacy

PolNeAR (Newell, Margolin & Ruths, LREC 2018) states no licence: its texts must never be copied
into this repository; the weights are derived statistics only.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections import Counter
from pathlib import Path

import numpy as np

from newsweave.model import Article
from newsweave.nlp import quote_rules as rules
from newsweave.nlp.quote_model import CueModel
from newsweave.nlp.spacy_stage import load_nlp

L2 = 4.0  # chosen by cross-validation on train (2, 4, 8 tried: 69.7, 69.9, 69.7)
MIN_COUNT = 2


def read_ann(path: Path) -> list[dict]:
    """Attributions of a brat .ann file: lists of raw (start, end) per role."""
    spans, events = {}, []
    for line in path.read_text("utf-8").split("\n"):
        parts = line.split("\t")
        if len(parts) < 2:
            continue
        if parts[0].startswith("T"):
            kind, rest = parts[1].split(" ", 1)
            spans[parts[0]] = [tuple(map(int, seg.split())) for seg in rest.split(";")]
        elif parts[0].startswith("E"):
            events.append(dict(arg.split(":") for arg in parts[1].split()))
    out = []
    for roles in events:
        item = {"source": [], "cue": [], "content": []}
        for role, tid in roles.items():
            key = ("content" if role.startswith("Content") else "source" if role == "Source"
                   else "cue" if role == "Cue" else None)
            if key and tid in spans:
                item[key] += spans[tid]
        if item["content"]:
            out.append(item)
    return out


def load_split(split_dir: Path, cache: Path | None):
    """(article, gold in cleaned coordinates, Doc) for each annotated article."""
    from spacy.tokens import DocBin

    chosen: dict[str, Path] = {}
    for ann in sorted((split_dir / "attributions").glob("*.ann")):
        chosen.setdefault(ann.stem.rsplit("_", 1)[0], ann)
    articles, golds = [], []
    for stem, ann in sorted(chosen.items()):
        with open(split_dir / "text" / f"{stem}.txt", encoding="utf-8", newline="") as fh:
            raw = fh.read()
        article = Article.from_text(stem, raw)
        to_clean = {}
        for i, r in enumerate(article.offsets[:-1]):
            to_clean.setdefault(r, i)
        gold = []
        for item in read_ann(ann):
            gold.append({k: {to_clean[r] for a, b in v for r in range(a, b) if r in to_clean}
                         for k, v in item.items()})
        articles.append(article)
        golds.append(gold)
    nlp = load_nlp()
    if cache and cache.exists():
        docs = list(DocBin().from_disk(cache).get_docs(nlp.vocab))
    else:
        docs = list(nlp.pipe([a.text for a in articles], batch_size=32))
        if cache:
            bin_ = DocBin()
            for doc in docs:
                bin_.add(doc)
            bin_.to_disk(cache)
    return articles, golds, docs


def labelled_candidates(docs, golds, all_candidates):
    rows = []
    for n, (doc, gold) in enumerate(zip(docs, golds)):
        for cand in all_candidates[n]:
            tok = doc[cand.cue_token]
            chars = set(range(tok.idx, tok.idx + len(tok)))
            y = 0
            for g in gold:
                if chars & g["cue"]:
                    content = {i for a, b in cand.content for i in range(a, b)}
                    if not cand.content or len(content & g["content"]) > 0.3 * max(1, len(g["content"])):
                        y = 1
                        break
            rows.append((n, cand.features, y))
    return rows


def fit(features: list[list[str]], y: list[int], l2: float = L2) -> dict[str, float]:
    from scipy.optimize import minimize
    from scipy.sparse import csr_matrix

    counts = Counter(f for fs in features for f in set(fs))
    vocab = {f: i for i, f in enumerate(sorted(f for f, c in counts.items() if c >= MIN_COUNT))}
    data, ind, ptr = [], [], [0]
    for fs in features:
        idx = sorted({vocab[f] for f in fs if f in vocab})
        ind.extend(idx)
        data.extend([1.0] * len(idx))
        ptr.append(len(ind))
    X = csr_matrix((data, ind, ptr), shape=(len(features), len(vocab)))
    target = np.asarray(y, dtype=float)
    bias = vocab.get("bias")

    def loss(w):
        z = X @ w
        p = 1.0 / (1.0 + np.exp(-z))
        reg = w.copy()
        if bias is not None:
            reg[bias] = 0.0
        value = np.sum(np.logaddexp(0, z) - target * z) + 0.5 * l2 * (reg @ reg)
        return value, X.T @ (p - target) + l2 * reg

    result = minimize(loss, np.zeros(len(vocab)), jac=True, method="L-BFGS-B",
                      options={"maxiter": 1000})
    # weights under 0.01 change no decision; dropping them keeps the shipped file small
    return {f: round(float(result.x[i]), 3) for f, i in vocab.items() if abs(result.x[i]) >= 0.01}


def who_said_what_f1(articles, golds, docs, cands, model: CueModel, threshold: float) -> float:
    """Who-said-what F1 at overlap 0.3 (the scorer's definition, in cleaned coordinates)."""
    from newsweave.nlp.quotes import find_attributions

    tp = n_pred = n_gold = 0
    for article, gold, doc, cand in zip(articles, golds, docs, cands):
        found = find_attributions(doc, model=model, threshold=threshold, candidates=cand)
        preds = [({i for s in q.content for i in range(s.start, s.end) if not article.text[i].isspace()},
                  set(range(q.speaker.start, q.speaker.end)) if q.speaker else set()) for q in found]
        gold_sets = [({i for i in g["content"] if not article.text[i].isspace()}, g["source"])
                     for g in gold]
        n_pred += len(preds)
        n_gold += len(gold_sets)
        remaining = list(range(len(preds)))
        for content, source in gold_sets:
            if not content:
                continue
            best, best_s = None, 0.0
            for pi in remaining:
                s = len(content & preds[pi][0]) / len(content)
                if s > 0.3 and s > best_s:
                    best, best_s = pi, s
            if best is not None:
                remaining.remove(best)
                ok = bool(source & preds[best][1]) if source else not preds[best][1]
                tp += ok
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    return 2 * p * r / (p + r) if p + r else 0.0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("train_dir", type=Path)
    parser.add_argument("--out", type=Path,
                        default=Path(__file__).resolve().parents[1] / "src/newsweave/nlp/weights/quote_cues.json")
    parser.add_argument("--cache", type=Path, default=None, help="DocBin file to keep the parses in")
    parser.add_argument("--l2", type=float, default=L2)
    args = parser.parse_args(argv)
    t0 = time.perf_counter()
    articles, golds, docs = load_split(args.train_dir, args.cache)
    print(f"parsed {len(docs)} articles in {time.perf_counter() - t0:.0f} s", file=sys.stderr)
    all_candidates = [rules.candidates(doc) for doc in docs]
    rows = labelled_candidates(docs, golds, all_candidates)
    print(f"{len(rows)} candidates, {sum(r[2] for r in rows)} positive", file=sys.stderr)
    # threshold by two-fold cross-validation on train
    grid = [0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6]
    scores = np.zeros(len(grid))
    for fold in (0, 1):
        train = [r for r in rows if r[0] % 2 != fold]
        held = [i for i in range(len(docs)) if i % 2 == fold]
        weights = fit([r[1] for r in train], [r[2] for r in train], args.l2)
        model = CueModel(weights)
        for k, thr in enumerate(grid):
            scores[k] += who_said_what_f1([articles[i] for i in held], [golds[i] for i in held],
                                          [docs[i] for i in held],
                                          [all_candidates[i] for i in held], model, thr) / 2
    threshold = grid[int(np.argmax(scores))]
    print("cross-validated who-said-what F1 by threshold: " +
          ", ".join(f"{t}: {100 * s:.1f}" for t, s in zip(grid, scores)), file=sys.stderr)
    weights = fit([r[1] for r in rows], [r[2] for r in rows], args.l2)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    payload = {
        "version": "quote-cues-lr-2",
        "trained_on": "PolNeAR train split (networkdynamics/PolNeAR c3eee83, 840 articles); "
                      "derived feature weights only, no corpus text",
        "retrain": "python scripts/train_quotes.py ../shared/eval/polnear/data/train",
        "model": f"L2 logistic regression (l2={args.l2}, min feature count {MIN_COUNT}), "
                 "features from newsweave.nlp.quote_rules.features",
        "threshold": threshold,
        "cv_f1": round(float(scores.max()) * 100, 1),
        "weights": dict(sorted(weights.items())),
    }
    args.out.write_text(json.dumps(payload, indent=0, ensure_ascii=True) + "\n", "utf-8")
    print(f"wrote {args.out} ({len(weights)} weights, threshold {threshold}) "
          f"in {time.perf_counter() - t0:.0f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    sys.exit(main())
