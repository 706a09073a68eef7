"""An analyst's audit sheet: brief real multi-outlet stories from the dev sets through the product
path and list their findings, kind by kind, for a person to read and mark right or wrong.

    python benchmarks/audit.py --out /tmp/audit            # all default stories
    python benchmarks/audit.py --out /tmp/audit --stories ecb:12_ecb t17:bpoil:2010-05-26:4
    python benchmarks/audit.py --out /tmp/audit --sample 40 --seed 7
    python benchmarks/audit.py --tally /tmp/audit/verdicts.tsv        # the table of judged verdicts

Stories (read from ../shared/eval at run time; nothing is copied into the repository):

- ``ecb:<subtopic>``: the articles of one ECB+ gold event (no dates, no outlet names);
- ``ml:<topic>``: the ten WikiNews articles of a MultiLing 2011 topic (one outlet; ``published``
  from each article's dateline);
- ``t17:<prefix>:<first day>:<days>``: the Timeline17 articles published in those days by every
  outlet folder whose name starts with the prefix (``bpoil`` gives BBC, Fox News, The Guardian
  and The Washington Post; each outlet is the articles' ``source``);
- ``pn:<file>,<file>,...``: PolNeAR articles named by their file stems (train or dev; title,
  outlet and publication day from ``polnear/data/metadata.tsv``), e.g. the articles that
  ``newsweave ingest`` put in one story;
- ``fnc:<body id>``: the FNC-1 claim group that holds that article body (the bodies joined to
  one claim's headlines by a related pair, plus bodies of identical text: the split rule of
  ``fnc1/README.md``); text only, no titles, dates or outlets. The gold labels only group the
  articles, as a story grouping would; nothing else of them is read;
- ``example``: examples/macron-troops.

Each story is briefed on its own with ``newsweave.api.brief`` (the question for the stance table
from ``benchmarks/audit_questions.json`` when one is written there for the story; otherwise the
story's own derived question, if any). The sampling rule: for each kind, every finding of every
story in story order, then ``--sample`` of them drawn with ``random.Random(seed)`` (all of them
when there are fewer). Writes ``sheet.md`` (numbered findings with their evidence and article
dates and outlets) and ``findings.jsonl`` (the same, one finding per line, with a ``verdict``
field left empty for the reader to fill), and ``verdicts.tsv`` (every finding, not only the
sample: story, kind, verdict, finding text cut to 120 characters, cause) in the layout of the
third audit's verdicts, so a re-brief can be judged only where its findings changed.
"""
from __future__ import annotations

import argparse
import csv
import json
import random
import re
import sys
import tempfile
from datetime import date, timedelta
from pathlib import Path

from newsweave.api import brief
from newsweave.config import load_config
from newsweave.ingest.ids import safe_id

ROOT = Path(__file__).resolve().parents[1]
EVAL = ROOT.parent / "shared" / "eval"
DEFAULT_STORIES = [
    "ecb:12_ecb", "ecb:18_ecb", "ecb:34_ecb", "ecb:21_ecbplus", "ecb:1_ecbplus",
    "ml:M001", "ml:M004", "ml:M007",
    "t17:bpoil:2010-05-26:4", "t17:LibyaWar:2011-03-01:2", "t17:EgyptianProtest:2011-01-28:1",
    "example",
]
KINDS = ("corroborated", "disputed", "divergence", "stance", "quote", "timeline", "summary")


_MONTHS = ("january february march april may june july august september october november "
           "december").split()


def _multiling_date(lines: list[str]) -> str | None:
    """The publication day of a WikiNews article: its dateline ("Friday, March 23, 2007") or a
    title that starts with "2005/01/08"; a reader of the site sees it, so the brief may too."""
    for line in lines:
        m = re.match(r"\s*(?:\w+day,\s+)?([A-Z][a-z]+)\s+(\d{1,2}),\s+(\d{4})\s*$", line)
        if m and m.group(1).lower() in _MONTHS:
            month = _MONTHS.index(m.group(1).lower()) + 1
            return f"{m.group(3)}-{month:02d}-{int(m.group(2)):02d}"
        m = re.match(r"\s*(\d{4})/(\d{2})/(\d{2})\b", line)
        if m:
            return "-".join(m.groups())
    return None


def _fnc_group(body: str) -> dict[str, str]:
    """The FNC-1 bodies (id -> text) of the claim group that holds ``body`` (the grouping the
    support model's cross-validation uses, ``scripts/train_support.claim_groups``)."""
    sys.path.insert(0, str(ROOT / "scripts"))
    from train_support import claim_groups

    folder = EVAL / "fnc1"
    texts = {}
    for line in (folder / "articles.jsonl").open(encoding="utf-8"):
        row = json.loads(line)
        texts[row["id"]] = row["text"]
    if body not in texts:
        raise SystemExit(f"fnc:{body}: no such article in fnc1/articles.jsonl")
    pairs = [json.loads(line) for line in (folder / "pairs.jsonl").open(encoding="utf-8")]
    _, groups = claim_groups(pairs, texts)
    group_of = {p["article"]: g for p, g in zip(pairs, groups)}
    if body not in group_of:
        return {body: texts[body]}  # in no pair: a group of its own
    return {k: t for k, t in texts.items() if group_of.get(k) == group_of.get(body)}


def story_inputs(spec: str, folder: Path) -> list[Path]:
    """Write the story's articles as one JSON Lines file (or point at the example folder)."""
    if spec == "example":
        return [ROOT / "examples" / "macron-troops"]
    kind, _, rest = spec.partition(":")
    rows: list[dict] = []
    if kind == "ecb":
        for line in (EVAL / "ecbplus" / "ecbplus_dev.jsonl").open(encoding="utf-8"):
            row = json.loads(line)
            if row["subtopic"] == rest:
                rows.append({"id": row["id"], "title": row["title"],
                             "text": row["title"] + "\n\n" + "\n".join(row["sentences"])})
    elif kind == "ml":
        for path in sorted((EVAL / "multiling2011" / "SourceTexts").glob(f"{rest}?.english")):
            rows.append({"id": path.stem, "text": path.read_text("utf-8", errors="replace"),
                         "source": "Wikinews"})
            lines = [x for x in rows[-1]["text"].splitlines() if x.strip()]
            rows[-1]["title"] = lines[0].strip() if lines else None
            day = _multiling_date(lines[:3])
            if day:
                rows[-1]["published"] = day
    elif kind == "t17":
        prefix, first, days = rest.split(":")
        start = date.fromisoformat(first)
        end = start + timedelta(days=int(days) - 1)
        sys.path.insert(0, str(ROOT / "benchmarks"))
        from t17 import detokenize

        for topic in sorted((EVAL / "t17").glob(prefix + "*")):
            outlet = topic.name.split("_", 1)[-1]
            for row in json.loads((topic / "articles.json").read_text("utf-8")):
                day = date.fromisoformat(row["dct"][:10])
                if start <= day <= end and row["text"].strip():
                    rows.append({"id": f"{outlet}-{row['uid']}", "text": detokenize(row["text"]),
                                 "published": row["dct"][:10], "source": outlet})
    elif kind == "pn":
        data = EVAL / "polnear" / "data"
        with (data / "metadata.tsv").open(encoding="utf-8") as fh:
            meta = {r["filename"]: r for r in csv.DictReader(fh, delimiter="\t")}
        for stem in rest.split(","):
            if stem not in meta:
                raise SystemExit(f"story {spec!r}: no PolNeAR article {stem!r} in metadata.tsv")
            r = meta[stem]
            text = (data / r["compartment"] / "text" / f"{stem}.txt").read_text("utf-8")
            rows.append({"id": stem, "text": text, "title": r["title"],
                         "source": r["publisher"], "published": r["publication_date"]})
    elif kind == "fnc":
        texts = _fnc_group(rest)
        rows = [{"id": f"fnc-{body}", "text": texts[body]} for body in sorted(texts, key=int)]
    else:
        raise SystemExit(f"unknown story spec {spec!r} (ecb:, ml:, t17:, pn:, fnc:, example)")
    if not rows:
        raise SystemExit(f"story {spec!r} has no articles")
    path = folder / (re.sub(r"\W+", "_", spec) + ".jsonl")
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), "utf-8")
    return [path]


def findings(spec: str, briefing: dict,
             texts: dict[str, str] | None = None) -> dict[str, list[dict]]:
    """Every finding of the briefing by kind, as self-contained records for a reader. With the
    articles' input ``texts`` (id -> text), a quote also carries the passage around its speaker
    and content: a speaker can only be judged with the sentences before it."""
    arts = {a["id"]: a for a in briefing["articles"]}

    def where(article_id: str) -> str:
        a = arts.get(article_id, {})
        return f"{article_id} ({a.get('source') or 'outlet unknown'}, " \
               f"{(a.get('published') or 'no date')[:10]})"

    def passages(evidence: list[dict], limit: int = 4) -> list[str]:
        return [f"{where(e['article'])}: {' '.join(e.get('text', '').split())[:400]}"
                for e in evidence[:limit]]

    out: dict[str, list[dict]] = {k: [] for k in KINDS}
    for story in briefing["stories"]:
        sid = f"{spec} / {story['id']}"
        for claim in story["claims"]:
            item = {"story": sid, "text": claim["text"], "status": claim["status"],
                    "independent_sources": claim["independent_sources"],
                    "check": claim.get("check", ""), "evidence": passages(claim["evidence"])}
            if claim["status"] == "corroborated":
                out["corroborated"].append(item)
            elif claim["status"] == "disputed":
                item["disputed_by"] = passages(claim.get("disputed_by") or [])
                out["disputed"].append(item)
        for d in story["divergences"]:
            out["divergence"].append({"story": sid, "about": d["about"], "kind": d["kind"],
                                      "over_time": d["over_time"],
                                      "sides": [passages(s["evidence"], 2) for s in d["sides"]]})
        for actor in story["actors"]:
            if actor.get("stance") is None:
                continue
            out["stance"].append({"story": sid, "question": story["question"],
                                  "actor": actor["name"], "stance": actor["stance"],
                                  "evidence": passages(actor.get("stance_evidence") or [], 3)})
        for q in story["quotes"]:
            out["quote"].append({
                "story": sid, "speaker": q["speaker"]["name"], "mention": q["speaker"]["text"],
                "cue": (q["cue"] or {}).get("text"),
                # (parts joined as the report joins them, so a reader judges what is shown)
                "content": " … ".join(" ".join(c["text"].split())
                                          for c in q["content"])[:500],
                "article": where(q["article"])})
            if texts:
                out["quote"][-1]["context"] = _quote_context(q, texts.get(q["article"], ""))
        for e in story["timeline"]:
            # a planned day reads as "2010-06-16 (planned) ...": the reader judges it as a plan
            date = e["date"] + (" (planned)" if e.get("planned") else "")
            out["timeline"].append({"story": sid, "date": date, "text": e["text"][:500],
                                    "evidence": passages(e["evidence"], 2)})
        for n, s in enumerate(story["summary"]):
            out["summary"].append({"story": sid, "position": n + 1, "text": s["text"],
                                   "cited": passages(s["citations"], 1)})
    return out


def _quote_context(quote: dict, text: str) -> str:
    """The input text from 250 characters before the speaker or content to 120 after, or a
    note when the offsets do not point at the content (then the offsets are the bug)."""
    first, last = quote["content"][0], quote["content"][-1]
    if text[first["start"]:first["end"]].split() != first["text"].split():
        return "(offsets do not match the input text)"
    starts = [first["start"]] + [x for x in [quote["speaker"].get("start")] if x is not None]
    ends = [last["end"]] + [x for x in [quote["speaker"].get("end")] if x is not None]
    return " ".join(text[max(0, min(starts) - 250):max(ends) + 120].split())


def verdict_rows(spec: str, found: dict[str, list[dict]], asked: bool = False) -> list[str]:
    """One TSV line per finding (story, kind, verdict left empty, finding text cut to 120
    characters, cause left empty): the sheet a reader fills, which a later re-brief can be
    compared with on the finding text. Stances on a question given for the story (``asked``)
    are filed under the story's name with ``-q``, as the CLI's ``--question`` briefs are."""
    def text(kind: str, item: dict) -> str:
        if kind == "quote":
            # the mention cut short: a long apposition would push the content out of the 120
            return f"{item['speaker']} [{item['mention'][:40]}] {item['cue']}: {item['content']}"
        if kind == "divergence":
            return item["about"]
        if kind == "stance":
            return f"{item['actor']}: {item['stance']}"
        if kind == "timeline":
            return f"{item['date']} {item['text']}"
        if kind == "summary":
            story = item["story"].rsplit("/", 1)[-1].strip()
            return f"[{story} {item['position']}] {item['text']}"
        return item["text"]

    return [f"{spec}{'-q' if asked and kind == 'stance' else ''}\t{kind}\t\t"
            f"{' '.join(text(kind, item).split())[:120]}\t"
            for kind, items in found.items() for item in items]


def carry_verdicts(rows: list[str], judged: Path) -> tuple[list[str], int]:
    """Fill each new row's verdict and cause from an earlier, judged verdicts file when the
    story, kind and finding text are the same; the rest stay empty for the reader. Returns the
    rows and how many were carried."""
    known: dict[tuple[str, str, str], tuple[str, str]] = {}
    for line in judged.read_text("utf-8").splitlines()[1:]:
        cells = (line.split("\t") + [""] * 5)[:5]
        # an unread copy of a finding (the same quote twice in one input) must not wipe out
        # the verdict its read copy got
        if cells[2] or (cells[0], cells[1], cells[3]) not in known:
            known[(cells[0], cells[1], cells[3])] = (cells[2], cells[4])
    out, carried = rows[:1], 0
    for line in rows[1:]:
        story, kind, _, finding, _ = line.split("\t")
        verdict, cause = known.get((story, kind, finding), ("", ""))
        carried += bool(verdict)
        out.append("\t".join([story, kind, verdict, finding, cause]))
    return out, carried


def tally(rows: list[str]) -> list[str]:
    """The audit table of judged verdict rows (header first): per kind, read / right / partly /
    wrong / right %, with stances split into favor/against and "unclear" and the summaries'
    openers counted apart, as docs/quality.md reports them; unjudged rows are left out."""
    counts: dict[str, dict[str, int]] = {}
    for line in rows[1:]:
        story, kind, verdict, finding, _ = (line.split("\t") + [""] * 5)[:5]
        if verdict not in ("right", "partly", "wrong"):
            continue
        names = [kind]
        if kind == "stance":
            names = ["stance: unclear" if finding.endswith(": unclear") else
                     "stance: favor/against"]
        elif kind == "summary" and re.match(r"\[\S+ 1\]", finding):
            names.append("summary openers")
        for name in names:
            counts.setdefault(name, {"right": 0, "partly": 0, "wrong": 0})[verdict] += 1
    out = ["| finding | read | right | partly | wrong | right % |", "|---|---|---|---|---|---|"]
    for name, c in sorted(counts.items()):
        read = sum(c.values())
        out.append(f"| {name} | {read} | {c['right']} | {c['partly']} | {c['wrong']} | "
                   f"{round(100 * c['right'] / read)} |")
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, help="folder for sheet.md")
    parser.add_argument("--stories", nargs="*", default=DEFAULT_STORIES)
    parser.add_argument("--sample", type=int, default=40)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--carry", type=Path, default=None,
                        help="a judged verdicts.tsv: its verdicts carry over to unchanged findings")
    parser.add_argument("--keep", action="store_true",
                        help="keep the inputs (OUT/in/) and each briefing (OUT/NAME.briefing.json)")
    parser.add_argument("--tally", type=Path, default=None,
                        help="print the table of a judged verdicts.tsv and stop (no briefing)")
    args = parser.parse_args(argv)
    if args.tally:
        print("\n".join(tally(args.tally.read_text("utf-8").splitlines())))
        return 0
    if args.out is None:
        parser.error("--out is required unless --tally is given")
    args.out.mkdir(parents=True, exist_ok=True)
    questions = json.loads((ROOT / "benchmarks" / "audit_questions.json").read_text("utf-8")) \
        if (ROOT / "benchmarks" / "audit_questions.json").exists() else {}
    collected: dict[str, list[dict]] = {k: [] for k in KINDS}
    counts = []
    verdicts = ["story\tkind\tverdict\tfinding\tcause"]
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.out / "in" if args.keep else Path(tmp)
        folder.mkdir(exist_ok=True)
        for spec in args.stories:
            inputs = story_inputs(spec, folder)
            overrides = {"claims": {"question": questions[spec]}} if spec in questions else {}
            briefing = brief(inputs, config=load_config(**overrides))
            if args.keep:
                # the briefing as read, so a verdict can be checked later against its evidence
                (args.out / (re.sub(r"\W+", "_", spec) + ".briefing.json")).write_text(
                    json.dumps(briefing, ensure_ascii=False, indent=1), "utf-8")
            texts = {}
            if inputs[0].suffix == ".jsonl":
                rows = [json.loads(x) for x in inputs[0].open(encoding="utf-8") if x.strip()]
                # keyed as the product names the articles (a trailing "-" is no part of an id)
                texts = {safe_id(r["id"]): r["text"] for r in rows}
            found = findings(spec, briefing, texts)
            verdicts += verdict_rows(re.sub(r"\W+", "_", spec), found, spec in questions)
            counts.append((spec, len(briefing["articles"]), len(briefing["stories"]),
                           {k: len(v) for k, v in found.items()}))
            for kind, items in found.items():
                collected[kind].extend(items)
            print(f"{spec}: {len(briefing['articles'])} articles, "
                  f"{len(briefing['stories'])} stories, "
                  + ", ".join(f"{k} {len(v)}" for k, v in found.items()), file=sys.stderr)
    rng = random.Random(args.seed)
    lines = ["# Audit sheet", "", f"stories: {' '.join(args.stories)}; sample {args.sample} "
             f"per kind, seed {args.seed}", "", "| story | articles | stories | "
             + " | ".join(KINDS) + " |", "|---|---|---|" + "---|" * len(KINDS)]
    for spec, n_articles, n_stories, per_kind in counts:
        lines.append(f"| {spec} | {n_articles} | {n_stories} | "
                     + " | ".join(str(per_kind[k]) for k in KINDS) + " |")
    with (args.out / "findings.jsonl").open("w", encoding="utf-8") as jsonl:
        for kind in KINDS:
            items = collected[kind]
            chosen = sorted(rng.sample(range(len(items)), min(args.sample, len(items))))
            lines += ["", f"## {kind} ({len(chosen)} of {len(items)})", ""]
            for n, index in enumerate(chosen, 1):
                item = items[index]
                jsonl.write(json.dumps({"kind": kind, "n": n, **item, "verdict": ""},
                                       ensure_ascii=False) + "\n")
                lines.append(f"{n}. " + json.dumps(item, ensure_ascii=False, indent=1))
    (args.out / "sheet.md").write_text("\n".join(lines) + "\n", "utf-8")
    if args.carry:
        verdicts, carried = carry_verdicts(verdicts, args.carry)
        print(f"verdicts carried over: {carried} of {len(verdicts) - 1} findings; of those:",
              file=sys.stderr)
        print("\n".join(tally(verdicts)), file=sys.stderr)
    (args.out / "verdicts.tsv").write_text("\n".join(verdicts) + "\n", "utf-8")
    print(f"wrote {args.out / 'sheet.md'}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
