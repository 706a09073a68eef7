"""Run the Spark job from the command line (needs the Spark extra).

    python -m newsweave.spark INPUT... --out DIR                  # batch: replace the tables
    python -m newsweave.spark --incremental INBOX --out DIR       # only files new since last run

Prints one JSON line: counts, seconds per step and the tables' folder.
"""
from __future__ import annotations

import argparse
import json
import sys

from newsweave import errors
from newsweave.config import load_config


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m newsweave.spark", description=__doc__.split(
        "\n\n")[0], epilog="example: python -m newsweave.spark examples/macron-troops --out "
        "out/spark", formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("inputs", nargs="*", help="files and folders (batch mode)")
    ap.add_argument("--out", required=True, help="folder of the Parquet tables")
    ap.add_argument("--incremental", metavar="INBOX",
                    help="take the files of INBOX not taken before (checkpoint in OUT)")
    ap.add_argument("--config", help="a newsweave TOML config")
    ap.add_argument("--cores", type=int, default=2, help="local[N] (default 2)")
    ap.add_argument("--partition-days", type=float, default=28.0,
                    help="days per grouping partition (0: one partition)")
    ap.add_argument("--no-briefings", action="store_true", help="leave the briefing column empty")
    args = ap.parse_args(argv)
    if bool(args.inputs) == bool(args.incremental):
        ap.error("give INPUT paths or --incremental INBOX, not both")
    try:
        config = load_config(args.config)
        from newsweave.spark.session import local_session

        spark = local_session(cores=args.cores)
        options = dict(out=args.out, config=config, partition_days=args.partition_days or None,
                       briefings=not args.no_briefings)
        if args.incremental:
            from newsweave.spark.stream import run_incremental

            result = run_incremental(spark, source=args.incremental, **options)
        else:
            from newsweave.spark.job import run_job

            result = run_job(spark, inputs=args.inputs, **options)
        spark.stop()
    except errors.NewsweaveError as exc:
        print(json.dumps(exc.to_dict()), file=sys.stderr)
        return 2
    print(json.dumps({"out": str(result.out), "articles": result.articles,
                      "skipped": result.skipped, "stories": result.stories,
                      "duplicates": result.duplicates, "reconciled": result.reconciled,
                      "timings": {k: round(v, 2) for k, v in result.timings.items()}}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
