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

Only numpy and scipy are needed (two multinomial logistic regressions fitted by L-BFGS: related
or not, then agree / disagree / discuss on the related pairs). The weights hold feature names,
means, scales, coefficients and the chosen thresholds: no FNC-1 text.

Example::

    python scripts/train_support.py ../shared/eval/fnc1 --cache /tmp/fnc1_features.npz

FNC-1 (FakeNewsChallenge/fnc-1, from Emergent, Ferreira & Vlachos 2016) has no licence: its
texts are never copied into this repository.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

# one BLAS thread: the fits are small, and threads only contend on a shared 2-core machine
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
os.environ.setdefault("OMP_NUM_THREADS", "1")

import numpy as np  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

from fnc1 import analyse, benchmark_config, read_folder  # noqa: E402

from newsweave.nlp import support_features as sf  # noqa: E402
from newsweave.nlp.support import pair_features  # noqa: E402

FNC_LABELS = ("agree", "disagree", "discuss", "unrelated")
VERSION = "claim-support-lr2-1"


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


RELATED_COLUMNS = [sf.FEATURE_NAMES.index(n) for n in sf.RELATEDNESS_FEATURES]
L2 = 1.0
# Stance classes agree, disagree, discuss: disagree is rare (6 % of pairs) and weighed up.
STANCE_WEIGHTS = np.array([1.0, 2.0, 1.0])


def fit_two_stage(x: np.ndarray, y: np.ndarray, *, l2: float = L2,
                  stance_weights: np.ndarray = STANCE_WEIGHTS) -> dict:
    """Related vs unrelated on the relatedness features, then agree / disagree / discuss on
    all features, fitted on the related pairs only."""
    related = fit_logreg(x[:, RELATED_COLUMNS], (y == 3).astype(int), l2=l2, classes=2)
    mask = y != 3
    stance = fit_logreg(x[mask], y[mask], l2=l2, class_weight=stance_weights, classes=3)
    return {"kind": "two-stage", "related": related, "stance": stance}


def _logreg_proba(model: dict, x: np.ndarray) -> np.ndarray:
    logits = ((x - model["mean"]) / model["scale"]) @ model["coef"].T + model["intercept"]
    logits -= logits.max(axis=1, keepdims=True)
    p = np.exp(logits)
    return p / p.sum(axis=1, keepdims=True)


def predict(model: dict, x: np.ndarray) -> np.ndarray:
    unrelated = _logreg_proba(model["related"], x[:, RELATED_COLUMNS])[:, 1]
    out = np.empty((len(x), 4))
    out[:, :3] = _logreg_proba(model["stance"], x) * (1 - unrelated)[:, None]
    out[:, 3] = unrelated
    return out


def to_json(model: dict) -> dict:
    """The model in the shape ``newsweave.nlp.support.SupportModel`` reads."""
    def part(m: dict, names: list[str]) -> dict:
        r = lambda a: [round(float(v), 6) for v in np.ravel(a)]  # noqa: E731
        return {"features": names, "mean": r(m["mean"]), "scale": r(m["scale"]),
                "coef": [r(row) for row in m["coef"]], "intercept": r(m["intercept"])}
    return {"kind": "two-stage",
            "related": part(model["related"], list(sf.RELATEDNESS_FEATURES)),
            "stance": part(model["stance"], list(sf.FEATURE_NAMES))}


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
    out["accuracy"] = round(float(w[y == pred].sum() / w.sum()), 4)
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


def best_precision(y: np.ndarray, probs: np.ndarray, *, min_recall: float = 0.15) -> dict:
    """For agree and disagree: the threshold of highest precision whose recall is still at
    least ``min_recall``."""
    out = {}
    pred = probs.argmax(axis=1)
    for c, name in ((0, "agree"), (1, "disagree")):
        best = None
        for t in np.arange(0.30, 0.99, 0.01):
            chosen = (pred == c) & (probs[:, c] >= t)
            recall = float(chosen[y == c].mean())
            if recall < min_recall:
                break
            precision = float((y[chosen] == c).mean())
            if best is None or precision > best["precision"]:
                # decisions that are not plainly wrong for a reader: the gold is this stance
                # or "discuss", not the opposite stance or unrelated
                tolerable = float(np.isin(y[chosen], (c, 2)).mean())
                best = {"threshold": round(float(t), 2), "precision": round(precision, 3),
                        "recall": round(recall, 3), "decisions": int(chosen.sum()),
                        "not_opposite_or_unrelated": round(tolerable, 3)}
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
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--repeats", type=int, default=4)
    parser.add_argument("--no-write", action="store_true", help="report CV only")
    args = parser.parse_args(argv)
    data = build(args.folder, args.cache, args.analysis_cache)
    y = data["y"]
    print("labels:", dict(Counter(FNC_LABELS[i] for i in y.tolist())), file=sys.stderr)

    t0 = time.perf_counter()
    probs, count = grouped_cv(data, fit_two_stage, folds=args.folds, repeats=args.repeats)
    seen = count > 0
    # unrelated pairs are tested only when both their groups fall in one fold: weigh the tested
    # ones up so the class mix is that of the whole set
    weight = np.ones(len(y))
    unrelated = y == 3
    weight[unrelated] = unrelated.sum() / max((unrelated & seen).sum(), 1)
    cv = scores(y[seen], probs[seen].argmax(axis=1), weight[seen])
    points = {str(t): operating_points(y[seen], probs[seen], t) for t in (0.85, 0.9)}
    best_points = best_precision(y[seen], probs[seen])
    model = fit_two_stage(data["x"], y)
    in_sample = scores(y, predict(model, data["x"]).argmax(axis=1))
    report = {"grouped_cv": cv, "cv_tested_pairs": int(seen.sum()),
              "cv_setting": f"{args.folds} folds over claim groups x {args.repeats} repeats",
              "high_precision": points, "best_precision": best_points, "in_sample": in_sample}
    print(json.dumps(report, indent=1))
    print(f"CV and fit in {time.perf_counter() - t0:.0f} s", file=sys.stderr)
    if args.no_write:
        return 0
    thresholds = {}
    for fnc, label in (("agree", "supports"), ("disagree", "disputes")):
        chosen = points["0.85"][fnc] or best_points[fnc]
        thresholds[label] = chosen["threshold"] if chosen else 1.0
    weights = {
        "version": VERSION,
        "trained_on": ("FNC-1 competition test set, DEV half (../shared/eval/fnc1: 7,831 pairs, "
                       "46 claim groups; FakeNewsChallenge/fnc-1 @ 29d473a, from Emergent); "
                       "derived weights only, no corpus text"),
        "retrain": "python scripts/train_support.py ../shared/eval/fnc1",
        "settings": {"l2": L2, "stance_class_weights": STANCE_WEIGHTS.tolist(),
                     "folds": args.folds, "repeats": args.repeats},
        "thresholds": thresholds,
        "threshold_note": ("least P(label) for a confident supports / disputes decision: the "
                           "point reaching 0.85 precision in grouped CV when there is one, else "
                           "the most precise point with recall >= 0.15 (see best_precision)"),
        "evaluation": {"grouped_cv_macro_f1": cv["macro_f1"], "grouped_cv_fnc": cv["fnc_score"],
                       "in_sample_macro_f1": in_sample["macro_f1"],
                       "best_precision": best_points},
        "model": to_json(model),
    }
    args.out.write_text(json.dumps(weights, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
