"""Run generated inputs through the real readers, one at a time, each under a time budget, and
count what happened.

A worker process (this file run with ``--worker``) reads one input per request with
``newsweave.ingest.read_inputs`` (TREC SGML, which has no extension of its own, with
``read_trec_sgml``) and answers with what came out. The parent gives each input ``budget``
seconds: a worker that does not answer in time is killed and restarted, and the input is
counted as over its budget instead of stalling the run. The worker runs under an address-space
limit, so a bomb ends in MemoryError (counted) rather than in the machine swapping.

Counted per input (:class:`Outcome`): articles and skipped entries, uncaught exceptions (raised
out of ``read_inputs``), internal errors (a reader bug turned into "report this as a bug"),
over budget, crashed worker, unaccounted (no article and no skipped entry), and invariant
violations of the articles (offset map, text a UTF-8 writer can encode, safe ids, http(s) URLs).
"""
from __future__ import annotations

import json
import os
import resource
import select
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SRC = ROOT / "src"
WORKER_MEMORY_LIMIT = 4 << 30   # address space of a worker (the batch limit is 1.5 GB of RSS)
FAILURE_KINDS = ("uncaught", "internal", "over_budget", "crashed", "unaccounted", "violation")


@dataclass
class Outcome:
    """What one input did."""
    name: str
    kind: str
    known: str | None
    articles: int = 0
    skipped: int = 0
    codes: dict = field(default_factory=dict)
    seconds: float = 0.0
    rss_mb: float = 0.0
    failures: list = field(default_factory=list)   # (failure kind, detail)

    @property
    def ok(self) -> bool:
        return not self.failures


# ----------------------------------------------------------------------------- the worker side
def _check(article) -> list[str]:
    """Invariants every article must hold, whatever its input."""
    problems = []
    text, raw, offsets = article.text, article.raw, article.offsets
    if len(offsets) != len(text) + 1:
        problems.append(f"{len(offsets)} offsets for {len(text)} characters")
    elif any(not 0 <= o <= len(raw) for o in offsets) or any(
            a > b for a, b in zip(offsets, offsets[1:])):
        problems.append("offsets outside raw or going backwards")
    meta = article.meta
    for name, value in (("raw", raw), ("text", text), ("id", article.id), ("title", meta.title),
                        ("source", meta.source), ("author", meta.author), ("url", meta.url),
                        ("path", meta.path)):
        if isinstance(value, str):
            try:
                value.encode("utf-8")
            except UnicodeEncodeError as exc:
                problems.append(f"{name} cannot be written as UTF-8 ({exc.reason} at {exc.start})")
    if not article.id or any(c in article.id for c in "/\\\x00") or article.id in (".", ".."):
        problems.append(f"unsafe id {article.id[:40]!r}")
    if meta.url and not meta.url.lower().startswith(("http://", "https://")):
        problems.append(f"non-http url {meta.url[:40]!r}")
    return problems


def _read_one(path: str, fmt: str, config) -> dict:
    from newsweave.errors import NewsweaveError

    result = {"articles": 0, "skipped": 0, "codes": {}, "internal": [], "uncaught": None,
              "violations": []}
    try:
        if fmt == "sgml":
            from newsweave.ingest.trec_sgml import read_trec_sgml
            items = read_trec_sgml(path)
        else:
            from newsweave.ingest import read_inputs
            items = read_inputs([path], config)
        for item in items:
            if isinstance(item, NewsweaveError):
                result["skipped"] += 1
                result["codes"][item.code] = result["codes"].get(item.code, 0) + 1
                if "report this as a bug" in str(item):
                    result["internal"].append(str(item)[-300:])
            else:
                result["articles"] += 1
                result["violations"] += _check(item)
    except MemoryError:
        result["uncaught"] = "MemoryError"
    except Exception as exc:  # noqa: BLE001 - what the suite counts
        result["uncaught"] = f"{type(exc).__name__}: {str(exc)[:300]}"
    return result


def worker_main(fmt: str) -> None:
    """Answer one JSON line per input path read from stdin."""
    resource.setrlimit(resource.RLIMIT_AS, (WORKER_MEMORY_LIMIT, WORKER_MEMORY_LIMIT))
    from newsweave.config import load_config

    config = load_config()
    import newsweave.ingest.html_reader  # noqa: F401 - import trafilatura before the clock runs
    print(json.dumps({"ready": True}), flush=True)
    for line in sys.stdin:
        path = line.rstrip("\n")
        t0 = time.perf_counter()
        result = _read_one(path, fmt, config)
        result["seconds"] = time.perf_counter() - t0
        result["rss_kb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        print(json.dumps(result), flush=True)


# ----------------------------------------------------------------------------- the parent side
class Worker:
    """A reader process that is restarted when an input outlasts its budget or kills it."""

    def __init__(self, fmt: str) -> None:
        self.fmt = fmt
        self.proc: subprocess.Popen | None = None
        self.peak_rss_mb = 0.0

    def _start(self) -> None:
        env = dict(os.environ, PYTHONPATH=os.pathsep.join(
            [str(SRC)] + [p for p in os.environ.get("PYTHONPATH", "").split(os.pathsep) if p]))
        error = ""
        for _attempt in range(3):   # a busy machine can make a start slow; try again
            # the worker's stderr (library warnings) goes to a file: a pipe nobody reads fills up
            with tempfile.TemporaryFile("w+") as log:
                self.proc = subprocess.Popen(
                    [sys.executable, __file__, "--worker", self.fmt], stdin=subprocess.PIPE,
                    stdout=subprocess.PIPE, stderr=log, text=True, env=env)
                ready = self._answer(180)
                if ready and ready.get("ready"):
                    return
                self.stop()
                log.seek(0)
                error = log.read()[-500:]
        raise RuntimeError(f"the reader worker did not start: {error}")

    def _answer(self, timeout: float) -> dict | None:
        ready, _, _ = select.select([self.proc.stdout], [], [], timeout)
        if not ready:
            return None
        line = self.proc.stdout.readline()
        return json.loads(line) if line else None

    def stop(self) -> None:
        if self.proc is not None:
            self.proc.kill()
            self.proc.wait()
            self.proc = None

    def run(self, path: Path, budget: float) -> tuple[dict | None, str | None]:
        """``(result, None)``, or ``(None, "over_budget" | "crashed")``."""
        if self.proc is None or self.proc.poll() is not None:
            self._start()
        t0 = time.perf_counter()
        try:
            self.proc.stdin.write(str(path) + "\n")
            self.proc.stdin.flush()
        except BrokenPipeError:
            self.stop()
            return None, "crashed"
        answer = self._answer(budget)
        if answer is None:
            timed_out = self.proc.poll() is None
            self.stop()
            return ({"seconds": time.perf_counter() - t0},
                    "over_budget" if timed_out else "crashed")
        self.peak_rss_mb = max(self.peak_rss_mb, answer["rss_kb"] / 1024)
        return answer, None


def run_cases(fmt: str, cases, folder: Path, *, budget: float = 10.0,
              worker: Worker | None = None) -> list[Outcome]:
    """Write each case into ``folder`` and read it under ``budget`` seconds; the outcomes."""
    folder.mkdir(parents=True, exist_ok=True)
    own = worker is None
    worker = worker or Worker(fmt)
    outcomes = []
    try:
        for case in cases:
            path = folder / case.name
            path.write_bytes(case.data)
            result, failure = worker.run(path, budget)
            path.unlink()
            out = Outcome(case.name, case.kind, case.known)
            if failure:
                out.failures.append((failure, f"no answer within {budget:g} s"
                                     if failure == "over_budget" else "the worker died"))
                out.seconds = result["seconds"] if result else budget
                outcomes.append(out)
                continue
            out.articles, out.skipped = result["articles"], result["skipped"]
            out.codes, out.seconds = result["codes"], result["seconds"]
            out.rss_mb = result["rss_kb"] / 1024
            if result["uncaught"]:
                out.failures.append(("uncaught", result["uncaught"]))
            for message in result["internal"]:
                out.failures.append(("internal", message))
            # TREC SGML is a library reader (benchmarks), documented to leave out documents
            # without text; the promise that every input is accounted for is read_inputs'
            if fmt != "sgml" and not result["uncaught"] and out.articles + out.skipped == 0:
                out.failures.append(("unaccounted", "no article and no skipped entry"))
            for problem in result["violations"]:
                out.failures.append(("violation", problem))
            outcomes.append(out)
    finally:
        if own:
            worker.stop()
    return outcomes


def summarize(fmt: str, outcomes: list[Outcome], peak_rss_mb: float) -> dict:
    """One row of the table: counts by failure kind, the slowest input, the peak memory."""
    unknown = [o for o in outcomes if not o.ok and not o.known]
    by_kind = Counter(kind for o in unknown for kind in {k for k, _ in o.failures})
    slowest = max(outcomes, key=lambda o: o.seconds) if outcomes else None
    fine = [o for o in outcomes if not o.known]
    slowest_other = max(fine, key=lambda o: o.seconds) if fine else None
    return {
        "format": fmt, "tried": len(outcomes),
        "articles": sum(o.articles for o in outcomes),
        "skipped": sum(o.skipped for o in outcomes),
        **{kind: by_kind.get(kind, 0) for kind in FAILURE_KINDS},
        "known": sum(1 for o in outcomes if o.known),
        "known_failing": sum(1 for o in outcomes if o.known and not o.ok),
        "slowest_s": round(slowest.seconds, 2) if slowest else 0.0,
        "slowest": slowest.name if slowest else "",
        "slowest_other_s": round(slowest_other.seconds, 2) if slowest_other else 0.0,
        "slowest_other": slowest_other.name if slowest_other else "",
        "peak_rss_mb": round(peak_rss_mb),
    }


def failures_text(outcomes: list[Outcome], *, limit: int = 20) -> str:
    lines = [f"{o.name} ({o.kind}): " + "; ".join(f"{k}: {d}" for k, d in o.failures)
             for o in outcomes if not o.ok and not o.known]
    return "\n".join(lines[:limit]) + (f"\n... {len(lines) - limit} more" if len(lines) > limit
                                       else "")


# ----------------------------------------------------------------------------- the whole run
LIGHT_TOML = '[pipeline]\narticle_stages = ["fingerprint@1"]\nstory_stages = []\n'


def brief_sample(cases, folder: Path, *, timeout: float = 300.0) -> dict:
    """Run the CLI ``brief`` (fingerprint stage only) over a folder of cases and check the run
    end to end: an exit code of 0 or 1, no traceback, every input named in the briefing as an
    article or a skipped entry, and a report whose size grows with the input."""
    inputs = folder / "in"
    inputs.mkdir(parents=True, exist_ok=True)
    for case in cases:
        (inputs / case.name).write_bytes(case.data)
    config = folder / "light.toml"
    config.write_text(LIGHT_TOML, "utf-8")
    out = folder / "out"
    env = dict(os.environ, PYTHONPATH=str(SRC))
    t0 = time.perf_counter()
    try:
        proc = subprocess.run([sys.executable, "-m", "newsweave", "brief", str(inputs), "-o",
                               str(out), "--config", str(config), "--quiet"],
                              capture_output=True, text=True, timeout=timeout, env=env)
    except subprocess.TimeoutExpired:
        return {"inputs": len(cases), "failures": [f"brief took more than {timeout:g} s"],
                "seconds": timeout}
    seconds = time.perf_counter() - t0
    failures = []
    if proc.returncode not in (0, 1):
        failures.append(f"exit {proc.returncode}: {proc.stderr.strip()[-300:]}")
    if "Traceback" in proc.stderr or "Traceback" in proc.stdout:
        failures.append("a traceback was printed")
    briefing_path = out / "briefing.json"
    if proc.returncode == 0:
        briefing = json.loads(briefing_path.read_text("utf-8"))
        named = [a.get("path") or "" for a in briefing["articles"]]
        named += [s["input"] for s in briefing["skipped"]]
        for case in cases:
            if not any(Path(n.split("#")[0]).name == case.name for n in named):
                failures.append(f"{case.name} is neither an article nor skipped")
        size_in = sum(len(c.data) for c in cases)
        size_out = (out / "briefing.html").stat().st_size
        if size_out > 20 * size_in + 5_000_000:
            failures.append(f"briefing.html has {size_out:,} bytes for {size_in:,} of input")
    return {"inputs": len(cases), "failures": failures, "seconds": seconds,
            "exit": proc.returncode}


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--worker":
        sys.path.insert(0, str(SRC))
        worker_main(sys.argv[2])
    else:
        sys.exit("usage: reliability_harness.py --worker FORMAT (started by the suite)")
