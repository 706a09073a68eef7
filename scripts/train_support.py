"""Train the claim-support model (``newsweave.nlp.support``) on an FNC-1 folder.

Reads ``pairs.jsonl`` and ``articles.jsonl`` (the layout of ``../shared/eval/fnc1``), analyses
the bodies through the same path as ``benchmarks/fnc1.py`` (``Article.from_text``, ``spacy@1``,
sentence embeddings), computes the features of ``newsweave.nlp.support_features`` for every
pair, estimates out-of-sample quality by grouped cross-validation and writes the model fitted on
all pairs to ``src/newsweave/nlp/weights/claim_support.json``.

Groups: the FNC-1 split rule's claim groups (a claim's headlines and the bodies joined to them
by a related pair, plus bodies of identical text). In each fold a pair is tested only when both
its headline's group and its body's group are held out, and trained on only when both are in
training (pairs across the two sides are dropped, as in the held-out split). The folds are
repeated with several random group assignments, and each pair's out-of-fold probabilities are
averaged over the repeats that tested it.

Only numpy and scipy are needed (the model is a multinomial logistic regression fitted by
L-BFGS, or boosted trees written here in numpy). The weights hold feature names, means, scales
and coefficients (or tree thresholds), and the chosen thresholds: no FNC-1 text.

Example::

    python scripts/train_support.py ../shared/eval/fnc1 --cache /tmp/fnc1_features.npz

FNC-1 (FakeNewsChallenge/fnc-1, from Emergent, Ferreira & Vlachos 2016) has no licence: its
texts are never copied into this repository.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

from fnc1 import analyse, benchmark_config, read_folder  # noqa: E402

from newsweave.nlp import support_features as sf  # noqa: E402
from newsweave.nlp.support import pair_features  # noqa: E402

FNC_LABELS = ("agree", "disagree", "discuss", "unrelated")


def claim_groups(pairs: list[dict], texts: dict[str, str]) -> tuple[list[int], list[int]]:
    """The group of each pair's headline and of its body (union of related pairs and bodies
    of identical text)."""
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(a: str, b: str) -> None:
        parent[find(a)] = find(b)

    for p in pairs:
        find("h:" + p["claim"])
        find("b:" + p["article"])
        if p["label"] != "unrelated":
            union("h:" + p["claim"], "b:" + p["article"])
    by_text: dict[str, list[str]] = defaultdict(list)
    for article_id, text in texts.items():
        by_text[text].append(article_id)
    for ids in by_text.values():
        for other in ids[1:]:
            union("b:" + ids[0], "b:" + other)
    roots: dict[str, int] = {}
    head = [roots.setdefault(find("h:" + p["claim"]), len(roots)) for p in pairs]
    body = [roots.setdefault(find("b:" + p["article"]), len(roots)) for p in pairs]
    return head, body


def analysed_articles(texts: dict[str, str], config, cache: Path | None) -> dict:
    """The analysed articles (parse and sentence vectors), kept in ``cache`` (a pickle of the
    packed parses, sentence spans and vectors) so that feature work does not re-parse."""
    import pickle

    from newsweave.model import Article, Span
    from newsweave.nlp.embed import ensure_sentence_embeddings
    from newsweave.nlp.parse_pack import PACK_KEY, pack

    if cache and cache.exists():
        stored = pickle.loads(cache.read_bytes())
        articles = {}
        for article_id, item in stored.items():
            article = Article.from_text(article_id, texts[article_id])
            article.layers["sentences"] = [Span(a, b, "SENT") for a, b in item["sentences"]]
            article.values["sentence_embeddings"] = item["vectors"]
            article.cache[PACK_KEY] = item["doc"]
            articles[article_id] = article
        return articles
    articles, skipped = analyse(texts, config)
    if skipped:
        print(f"{len(skipped)} articles skipped", file=sys.stderr)
    ensure_sentence_embeddings(list(articles.values()), config)
    if cache:
        cache.write_bytes(pickle.dumps({
            a.id: {"sentences": [(s.start, s.end) for s in a.layer("sentences")],
                   "vectors": a.values["sentence_embeddings"], "doc": pack(a.cache["doc"])}
            for a in articles.values()}))
    return articles


def build(folder: Path, cache: Path | None, analysis_cache: Path | None = None) -> dict:
    if cache and cache.exists():
        data = np.load(cache, allow_pickle=False)
        if list(data["names"]) == list(sf.FEATURE_NAMES):
            print(f"features from {cache}", file=sys.stderr)
            return {k: data[k] for k in data.files}
        print(f"{cache} has other features; recomputing", file=sys.stderr)
    pairs, texts = read_folder(folder, with_labels=True)
    config = benchmark_config()
    t0 = time.perf_counter()
    articles = analysed_articles(texts, config, analysis_cache)
    pairs = [p for p in pairs if p["article"] in articles and p["label"] in FNC_LABELS]
    x = pair_features([(p["claim"], articles[p["article"]]) for p in pairs], config=config)
    print(f"{len(pairs)} pairs, features in {time.perf_counter() - t0:.0f} s", file=sys.stderr)
    head, body = claim_groups(pairs, texts)
    data = {"x": x, "y": np.array([FNC_LABELS.index(p["label"]) for p in pairs]),
            "head": np.array(head), "body": np.array(body),
            "names": np.array(sf.FEATURE_NAMES)}
    if cache:
        np.savez_compressed(cache, **data)
    return data


# ----------------------------------------------------------------------------- models
def fit_logreg(x: np.ndarray, y: np.ndarray, *, l2: float, class_weight: np.ndarray | None = None,
               classes: int = 4) -> dict:
    """Multinomial logistic regression on standardised features, L2 on the coefficients."""
    from scipy.optimize import minimize

    mean = x.mean(axis=0)
    scale = x.std(axis=0)
    scale[scale < 1e-6] = 1.0
    xs = (x - mean) / scale
    n, d = xs.shape
    onehot = np.eye(classes)[y]
    w_row = class_weight[y] if class_weight is not None else np.ones(n)
    w_row = w_row / w_row.mean()

    def loss(theta: np.ndarray):
        coef = theta[: classes * d].reshape(classes, d)
        intercept = theta[classes * d :]
        logits = xs @ coef.T + intercept
        logits -= logits.max(axis=1, keepdims=True)
        logp = logits - np.log(np.exp(logits).sum(axis=1, keepdims=True))
        value = -(w_row * (onehot * logp).sum(axis=1)).sum() / n + 0.5 * l2 * (coef ** 2).sum() / n
        grad_logits = (np.exp(logp) - onehot) * w_row[:, None] / n
        g_coef = grad_logits.T @ xs + l2 * coef / n
        g_int = grad_logits.sum(axis=0)
        return value, np.concatenate([g_coef.ravel(), g_int])

    theta0 = np.zeros(classes * d + classes)
    res = minimize(loss, theta0, jac=True, method="L-BFGS-B", options={"maxiter": 2000})
    coef = res.x[: classes * d].reshape(classes, d)
    return {"kind": "logreg", "mean": mean, "scale": scale, "coef": coef,
            "intercept": res.x[classes * d :]}


def predict(model: dict, x: np.ndarray) -> np.ndarray:
    if model["kind"] == "logreg":
        logits = ((x - model["mean"]) / model["scale"]) @ model["coef"].T + model["intercept"]
    else:
        logits = trees_logits(model, x)
    logits -= logits.max(axis=1, keepdims=True)
    p = np.exp(logits)
    return p / p.sum(axis=1, keepdims=True)


# Boosted trees (softmax loss, second-order, depth-limited, histogram splits), numpy only.
def fit_trees(x: np.ndarray, y: np.ndarray, *, rounds: int, depth: int, rate: float,
              min_leaf: float, l2: float, class_weight: np.ndarray | None = None,
              subsample: float = 0.8, colsample: float = 0.8, bins: int = 32, seed: int = 0,
              classes: int = 4) -> dict:
    rng = np.random.default_rng(seed)
    n, d = x.shape
    edges = [np.unique(np.quantile(x[:, j], np.linspace(0, 1, bins + 1)[1:-1])) for j in range(d)]
    xb = np.stack([np.searchsorted(edges[j], x[:, j], side="left") for j in range(d)], axis=1)
    onehot = np.eye(classes)[y]
    w_row = class_weight[y] if class_weight is not None else np.ones(n)
    w_row = w_row / w_row.mean()
    prior = (onehot * w_row[:, None]).sum(axis=0) / w_row.sum()
    base = np.log(np.maximum(prior, 1e-6))
    base -= base.mean()
    logits = np.tile(base, (n, 1))
    trees = []
    for _ in range(rounds):
        p = np.exp(logits - logits.max(axis=1, keepdims=True))
        p /= p.sum(axis=1, keepdims=True)
        rows = rng.random(n) < subsample
        for c in range(classes):
            g = (p[:, c] - onehot[:, c]) * w_row
            h = np.maximum(p[:, c] * (1 - p[:, c]), 1e-6) * w_row
            cols = np.nonzero(rng.random(d) < colsample)[0]
            tree = _grow(xb, g, h, rows, cols, edges, depth=depth, min_leaf=min_leaf, l2=l2)
            tree["class"] = c
            trees.append(tree)
            logits[:, c] += rate * _apply(tree, x)
    return {"kind": "trees", "base": base, "rate": rate, "trees": trees}


def _grow(xb, g, h, rows, cols, edges, *, depth, min_leaf, l2) -> dict:
    feature, threshold, left, right, value = [], [], [], [], []

    def node(idx: np.ndarray, level: int) -> int:
        me = len(feature)
        feature.append(-1)
        threshold.append(0.0)
        left.append(-1)
        right.append(-1)
        gs, hs = g[idx].sum(), h[idx].sum()
        value.append(float(-gs / (hs + l2)))
        if level >= depth or hs < 2 * min_leaf:
            return me
        best = (0.0, -1, -1)
        parent_score = gs * gs / (hs + l2)
        for j in cols:
            bins_j = xb[idx, j]
            nb = len(edges[j]) + 1
            gh = np.bincount(bins_j, weights=g[idx], minlength=nb)
            hh = np.bincount(bins_j, weights=h[idx], minlength=nb)
            gl, hl = np.cumsum(gh)[:-1], np.cumsum(hh)[:-1]
            gr, hr = gs - gl, hs - hl
            ok = (hl >= min_leaf) & (hr >= min_leaf)
            if not ok.any():
                continue
            gain = np.where(ok, gl * gl / (hl + l2) + gr * gr / (hr + l2) - parent_score, -np.inf)
            b = int(np.argmax(gain))
            if gain[b] > best[0]:
                best = (float(gain[b]), int(j), b)
        if best[1] < 0:
            return me
        j, b = best[1], best[2]
        feature[me] = j
        threshold[me] = float(edges[j][b])
        mask = xb[idx, j] <= b
        left[me] = node(idx[mask], level + 1)
        right[me] = node(idx[~mask], level + 1)
        return me

    node(np.nonzero(rows)[0], 0)
    return {"feature": feature, "threshold": threshold, "left": left, "right": right,
            "value": value}


def _apply(tree: dict, x: np.ndarray) -> np.ndarray:
    feat = np.asarray(tree["feature"])
    thr = np.asarray(tree["threshold"])
    left = np.asarray(tree["left"])
    right = np.asarray(tree["right"])
    node = np.zeros(len(x), dtype=np.int64)
    active = feat[node] >= 0
    while active.any():
        r = np.nonzero(active)[0]
        f = feat[node[r]]
        node[r] = np.where(x[r, f] <= thr[node[r]], left[node[r]], right[node[r]])
        active = feat[node] >= 0
    return np.asarray(tree["value"])[node]


def trees_logits(model: dict, x: np.ndarray) -> np.ndarray:
    logits = np.tile(model["base"], (len(x), 1))
    for tree in model["trees"]:
        logits[:, tree["class"]] += model["rate"] * _apply(tree, x)
    return logits


# ----------------------------------------------------------------------------- evaluation
def scores(y: np.ndarray, pred: np.ndarray, weight: np.ndarray | None = None) -> dict:
    """Per-class P/R/F1, macro-F1 and the FNC-1 relative score, as the shared scorer defines
    them; ``weight`` counts each pair that many times."""
    w = np.ones(len(y)) if weight is None else weight
    out: dict = {"classes": {}}
    f1s = []
    for c, name in enumerate(FNC_LABELS):
        tp = float(w[(pred == c) & (y == c)].sum())
        p = tp / max(float(w[pred == c].sum()), 1e-9)
        r = tp / max(float(w[y == c].sum()), 1e-9)
        f = 2 * p * r / (p + r) if p + r else 0.0
        f1s.append(f)
        out["classes"][name] = {"precision": round(p, 3), "recall": round(r, 3), "f1": round(f, 3),
                                "support": int((y == c).sum())}
    out["macro_f1"] = round(float(np.mean(f1s)), 4)
    related_y, related_p = y != 3, pred != 3
    score = (0.25 * w[related_y == related_p].sum()
             + 0.75 * w[(y == pred) & related_y].sum())
    best = 0.25 * w.sum() + 0.75 * w[related_y].sum()
    out["fnc_score"] = round(100 * float(score) / float(best), 2)
    out["accuracy"] = round(float((y == pred).mean()), 4)
    return out


def grouped_cv(data: dict, fit, *, folds: int = 5, repeats: int = 4, seed: int = 0
               ) -> tuple[np.ndarray, np.ndarray]:
    """Out-of-fold probabilities averaged over repeats (rows of pairs never tested stay NaN),
    and the number of times each pair was tested."""
    x, y, head, body = data["x"], data["y"], data["head"], data["body"]
    groups = np.unique(np.concatenate([head, body]))
    size = Counter(head[y != 3].tolist())
    total = np.zeros((len(y), 4))
    count = np.zeros(len(y))
    rng = np.random.default_rng(seed)
    for _ in range(repeats):
        # groups to folds: largest first, each to the fold with the fewest related pairs so far,
        # ties broken at random, so folds are balanced and differ between repeats
        order = sorted(groups, key=lambda g: (-size.get(g, 0), rng.random()))
        load = np.zeros(folds)
        fold_of = {}
        for g in order:
            least = np.flatnonzero(load == load.min())
            f = int(rng.choice(least))
            fold_of[g] = f
            load[f] += size.get(g, 0) + 0.01
        fh = np.array([fold_of[g] for g in head])
        fb = np.array([fold_of[g] for g in body])
        for f in range(folds):
            test = (fh == f) & (fb == f)
            train = (fh != f) & (fb != f)
            model = fit(x[train], y[train])
            total[test] += predict(model, x[test])
            count[test] += 1
    probs = np.full((len(y), 4), np.nan)
    seen = count > 0
    probs[seen] = total[seen] / count[seen, None]
    return probs, count


def operating_points(y: np.ndarray, probs: np.ndarray, target: float) -> dict:
    """For agree and disagree: the least probability threshold at which the precision of
    'argmax is the class and its probability >= t' reaches ``target``, with the recall left."""
    out = {}
    pred = probs.argmax(axis=1)
    for c, name in ((0, "agree"), (1, "disagree")):
        best = None
        for t in np.arange(0.30, 0.99, 0.01):
            chosen = (pred == c) & (probs[:, c] >= t)
            if chosen.sum() < 5:
                break
            precision = float((y[chosen] == c).mean())
            if precision >= target:
                best = {"threshold": round(float(t), 2), "precision": round(precision, 3),
                        "recall": round(float(chosen[y == c].mean()), 3),
                        "decisions": int(chosen.sum())}
                break
        out[name] = best
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("folder", type=Path, help="FNC-1 folder (pairs.jsonl, articles.jsonl)")
    parser.add_argument("--out", type=Path,
                        default=ROOT / "src/newsweave/nlp/weights/claim_support.json")
    parser.add_argument("--cache", type=Path, default=None, help="feature cache (.npz)")
    parser.add_argument("--analysis-cache", type=Path, default=None,
                        help="parse and sentence-vector cache (.pkl): read if present, else written")
    parser.add_argument("--model", choices=("logreg", "trees"), default="logreg")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--repeats", type=int, default=4)
    parser.add_argument("--no-write", action="store_true", help="report CV only")
    args = parser.parse_args(argv)
    data = build(args.folder, args.cache, args.analysis_cache)
    y = data["y"]
    print("labels:", dict(Counter(FNC_LABELS[i] for i in y.tolist())), file=sys.stderr)

    def fit(x, yy):
        if args.model == "logreg":
            return fit_logreg(x, yy, l2=1.0)
        return fit_trees(x, yy, rounds=150, depth=3, rate=0.1, min_leaf=5.0, l2=1.0)

    t0 = time.perf_counter()
    probs, count = grouped_cv(data, fit, folds=args.folds, repeats=args.repeats)
    seen = count > 0
    cv = scores(y[seen], probs[seen].argmax(axis=1))
    # unrelated pairs are tested only when both their groups fall in one fold: weigh the tested
    # ones up so the class mix is that of the whole set
    weight = np.ones(len(y))
    unrelated = y == 3
    weight[unrelated] = unrelated.sum() / max((unrelated & seen).sum(), 1)
    cv_weighted = scores(y[seen], probs[seen].argmax(axis=1), weight[seen])
    print(json.dumps({"cv": cv, "cv_weighted": {k: cv_weighted[k] for k in
                                                ("macro_f1", "fnc_score", "accuracy")},
                      "covered": int(seen.sum()),
                      "high_precision_0.85": operating_points(y[seen], probs[seen], 0.85),
                      "high_precision_0.9": operating_points(y[seen], probs[seen], 0.9)},
                     indent=1))
    print(f"CV in {time.perf_counter() - t0:.0f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
