"""`newsweave brief`: inputs (or a stored story) → briefing.json, .md and .html."""
from __future__ import annotations

from pathlib import Path

from newsweave import errors
from newsweave.cli.common import (EXIT_NO_INPUT, EXIT_OK, EXIT_PARTIAL, print_skipped,
                                  print_stage_failures, progress_bar, say)
from newsweave.config import load_config


def brief_command(
    inputs: list[str], *, out: Path, words: int | None = None, meta: Path | None = None,
    config_path: Path | None = None, db: Path | None = None, story: str | None = None,
    question: str | None = None, quiet: bool = False, keep_going: bool = False,
    follow_symlinks: bool = False,
) -> int:
    from newsweave import api
    from newsweave.report import write_briefing

    overrides = {"summary": {"words": words}} if words else {}
    if question:
        overrides["claims"] = {"question": question}
    if follow_symlinks:
        overrides["ingest"] = {"follow_symlinks": True}
    config = load_config(config_path, **overrides)
    if db is not None:
        if inputs or not story:
            raise errors.NewsweaveError(errors.BAD_CONFIG, "--db", "--db briefs one stored story",
                                        "give --story ID (see `newsweave stories --db PATH`) "
                                        "and no inputs")
        from newsweave.store import open_store

        with progress_bar(quiet) as progress:
            store = open_store(db)
            loaded_story, articles = store.load_story(story)
            briefing = api.brief_articles(list(articles.values()), config=config,
                                          stories=[loaded_story], progress=progress)
            # Keep what the stages found, so the store (and its finding_* views) holds the
            # briefing's findings, not only the articles.
            store.save_findings(loaded_story)
    else:
        if not inputs:
            raise errors.NewsweaveError(errors.NO_USABLE_INPUT, "brief", "no inputs given",
                                        "name files or directories, e.g. "
                                        "`newsweave brief examples/macron-troops`")
        with progress_bar(quiet) as progress:
            briefing = api.brief(inputs, config=config, meta_path=meta, progress=progress)
    print_skipped(briefing["skipped"], quiet)
    if not briefing["articles"]:
        say("error E303 no input could be used (fix: see the reasons above)")
        return EXIT_NO_INPUT
    paths = write_briefing(briefing, out)
    if not quiet:
        n_stories = len(briefing["stories"])
        say(f"{len(briefing['articles'])} article(s), {n_stories} story(ies), "
            f"{len(briefing['skipped'])} skipped. Report: {paths['html']}")
        for kind in ("json", "md"):
            say(f"  also {paths[kind]}")
    print_stage_failures(briefing["warnings"])
    if briefing["warnings"] and not keep_going:
        say("the briefing is incomplete (exit 3); pass --keep-going to accept a partial "
            "briefing with exit 0")
        return EXIT_PARTIAL
    return EXIT_OK
