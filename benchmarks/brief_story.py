"""Cold brief and re-brief of one large stored story, through the real CLI.

    .venv/bin/python benchmarks/brief_story.py --t17 ../shared/eval/t17/bpoil_guardian --articles 180

Builds, at run time and in a temporary folder, a JSON Lines file of the first ARTICLES articles
of a Timeline17 outlet folder (``articles.json``: text only, publication dates left out) and a
config with ``[stories] threshold = -100`` so that they form one story; then runs, each as its
own process, ``newsweave ingest --db DB --config one.toml FILE``, a cold ``newsweave brief --db
DB --story ID --keep-going`` and a re-brief of the same story (the kept briefing when the cold
one had no warning). Prints wall seconds, CPU seconds (user + sys of the command and of every
worker process it started), peak RSS (the largest single process) and the per-stage wall times
the cold briefing records (``meta.timings``). Nothing of the eval data is written outside the
temporary folder, which is removed at the end unless ``--keep DIR`` is given.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def run(cmd: list[str], *, env: dict[str, str]) -> dict:
    """Run CMD; return its wall s, CPU-s (it and its waited-for descendants), peak RSS in MB."""
    # Output goes to files, not pipes: nothing reads a pipe while the child runs, so a full
    # one would stall it.
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        t0 = time.perf_counter()
        proc = subprocess.Popen(cmd, env=env, stdout=out, stderr=err)
        # wait4 gives the resource use of this child and of the workers it waited for, so the
        # figures of one step are not mixed with those of the steps before it.
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - t0
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        text, errors = (f.read().decode("utf-8", "replace") for f in (out, err))
    return {"wall": wall, "cpu": usage.ru_utime + usage.ru_stime,
            "rss_mb": usage.ru_maxrss / 1024, "code": proc.returncode, "out": text,
            "err": errors}


def copy_store(source: Path, dest: Path) -> None:
    """A consistent copy of a SQLite store (WAL included), through SQLite's backup API."""
    import sqlite3

    if dest.exists():
        dest.unlink()
    with sqlite3.connect(source) as src, sqlite3.connect(dest) as out:
        src.backup(out)
    src.close()
    out.close()


def load_average() -> str:
    return "%.1f" % os.getloadavg()[0]


def build_input(t17: Path, count: int, folder: Path) -> tuple[Path, Path]:
    rows = json.loads((t17 / "articles.json").read_text("utf-8"))[:count]
    source = t17.name.split("_")[-1] if "_" in t17.name else t17.name
    jsonl = folder / "articles.jsonl"
    with jsonl.open("w", encoding="utf-8") as f:
        for row in rows:
            f.write(json.dumps({"id": f"{t17.name}-{row['uid']}", "source": source,
                                "text": row["text"]}) + "\n")
    config = folder / "one.toml"
    config.write_text("[stories]\nthreshold = -100\n", encoding="utf-8")
    return jsonl, config


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0],
        epilog="example: benchmarks/brief_story.py --t17 ../shared/eval/t17/bpoil_guardian")
    parser.add_argument("--t17", type=Path, required=True,
                        help="a Timeline17 outlet folder (with articles.json)")
    parser.add_argument("--articles", type=int, default=180, help="how many articles (first N)")
    parser.add_argument("--keep", type=Path, default=None,
                        help="work in this folder and keep it (DB, briefings)")
    parser.add_argument("--rebriefs", type=int, default=1, help="re-briefs after the cold one")
    parser.add_argument("--ingested", type=Path, default=None,
                        help="brief a copy of this store (made by an earlier run's ingest, "
                             "kept with --save-ingest) instead of ingesting again: the same "
                             "stored story for two versions of the code")
    parser.add_argument("--save-ingest", type=Path, default=None,
                        help="copy the store here right after ingest (before any brief)")
    args = parser.parse_args(argv)

    work = args.keep or Path(tempfile.mkdtemp(prefix="brief-story-"))
    work.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ)
    src = str(Path(__file__).resolve().parent.parent / "src")
    env["PYTHONPATH"] = src + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    cli = [sys.executable, "-m", "newsweave"]
    rows: list[tuple[str, dict, str]] = []
    try:
        jsonl, config = build_input(args.t17, args.articles, work)
        db = work / "story.db"
        if db.exists():
            db.unlink()
        if args.ingested:
            copy_store(args.ingested, db)
        else:
            before = load_average()
            step = run(cli + ["ingest", "--db", str(db), "--config", str(config), "-q",
                              str(jsonl)], env=env)
            rows.append((f"ingest ({args.articles} articles)", step,
                         f"{before} → {load_average()}"))
            if step["code"] not in (0, 1):
                print(step["err"], file=sys.stderr)
                return 1
            if args.save_ingest:
                copy_store(db, args.save_ingest)
        listed = run(cli + ["stories", "--db", str(db), "--format", "jsonl"], env=env)
        stories = [json.loads(line) for line in listed["out"].splitlines() if line.strip()]
        story = max(stories, key=lambda s: s["size"])
        outs = []
        for n in range(1 + args.rebriefs):
            out = work / f"brief{n}"
            before = load_average()
            step = run(cli + ["brief", "--db", str(db), "--story", story["id"], "-o", str(out),
                              "--keep-going", "-q"], env=env)
            name = "cold `brief --db --story`" if n == 0 else f"re-brief {n}"
            rows.append((name, step, f"{before} → {load_average()}"))
            if step["code"] != 0:
                print(step["err"], file=sys.stderr)
                return 1
            outs.append(json.loads((out / "briefing.json").read_text("utf-8")))
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)

    cold = outs[0]
    print(f"story {story['id']}: {story['size']} articles; {os.cpu_count()} CPUs; "
          f"{len(cold.get('warnings', []))} warning(s) in the cold briefing\n")
    print("| step | wall s | CPU-s (with workers) | peak RSS MB | load average |")
    print("|---|---|---|---|---|")
    for name, step, load in rows:
        print(f"| {name} | {step['wall']:.1f} | {step['cpu']:.1f} | {step['rss_mb']:.0f} | "
              f"{load} |")
    timings = cold.get("meta", {}).get("timings", {})
    print("\ncold brief, stage wall times (meta.timings)\n")
    print("| stage | s |")
    print("|---|---|")
    for name, seconds in sorted(timings.items(), key=lambda kv: -kv[1]):
        print(f"| {name} | {seconds:.1f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
