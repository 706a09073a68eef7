"""CPU seconds of each per-article stage, in one process: a figure that a shared machine's load
changes far less than wall time (other jobs take the cores, not this process's CPU time).

    python benchmarks/stage_cpu.py ../shared/eval/ecbplus/ecbplus_dev.jsonl --limit 200
    python benchmarks/stage_cpu.py ../shared/eval/polnear/data/train/text --limit 100 \\
        --stages spacy@1,embed@1,fingerprint@1,dates@1,quotes@1,claims@1

Reads the first LIMIT articles of INPUT with the product's readers, loads the models first (not
counted), then runs the stages in order on all of them in this process (one ONNX thread, as a
worker of `newsweave ingest` has) and prints the CPU seconds of each. The default stage list is
what `newsweave ingest` runs (``pipeline.ingest_stage_names``). One stage list per process: the
embedder caches vectors by text, so a second list in the same process would be cheaper.
"""
from __future__ import annotations

import argparse
import time


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("input", help="a folder of articles or a JSONL file")
    parser.add_argument("--limit", type=int, default=200)
    parser.add_argument("--stages", default=None, help="comma-separated article stages")
    args = parser.parse_args()

    from newsweave.api import read_articles
    from newsweave.config import load_config
    from newsweave.nlp.embed import embedder_for
    from newsweave.nlp.spacy_stage import load_nlp
    from newsweave.pipeline import _run_isolated, check_order, ingest_stage_names

    config = load_config(nlp={"processes": 1, "embed_threads": 1},
                         pipeline={"article_seconds": 0})
    names = args.stages.split(",") if args.stages else ingest_stage_names(config)
    articles, _ = read_articles([args.input], config=config)
    articles = articles[: args.limit]
    load_nlp(config.nlp.spacy_model)
    embedder_for(config).encode(["A warm-up sentence."])
    total = 0.0
    print(f"{len(articles)} articles, stages {', '.join(names)}")
    for stage in check_order(names, kind="article"):
        t0 = time.process_time()
        articles, failed = _run_isolated(stage, articles, config)
        seconds = time.process_time() - t0
        total += seconds
        print(f"  {stage.name:<16} {seconds:7.1f} CPU-s" + (f" ({len(failed)} failed)"
                                                           if failed else ""))
    print(f"  {'total':<16} {total:7.1f} CPU-s, {1000 * total / max(len(articles), 1):.0f} "
          "CPU-ms per article")


if __name__ == "__main__":
    main()
