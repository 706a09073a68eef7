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
            briefing = _brief_stored(store, story, config, progress)
    else:
        if not inputs:
            raise errors.NewsweaveError(errors.NO_USABLE_INPUT, "brief", "no inputs given",
                                        "name files or directories, e.g. "
                                        "`newsweave brief examples/macron-troops`")
        with progress_bar(quiet) as progress:
            briefing = api.brief(inputs, config=config, meta_path=meta, progress=progress)
    # When nothing could be used the reasons are the error itself, so -q does not hide them.
    print_skipped(briefing["skipped"], quiet and bool(briefing["articles"]))
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


def _brief_stored(store, story: str, config, progress) -> dict:
    """The briefing of a stored story: the kept one when it was built from the story's current
    members with this config (``store.kept``), else a new one, which is then kept."""
    import time

    from newsweave import api
    from newsweave.store.kept import keep_briefing, kept_briefing

    from newsweave.store.sqlite import SqliteStore

    # Kept briefings live in SQLite stores (the web cache's table); other stores always build.
    sqlite = isinstance(store, SqliteStore) and store.path != ":memory:"
    conn = store.conn
    story_id = store.resolve_story(story)
    if sqlite:
        kept = kept_briefing(conn, story_id, config)
        if kept is not None:
            return kept
    t0 = time.perf_counter()
    loaded_story, articles = store.load_story(story_id)
    briefing = api.brief_articles(list(articles.values()), config=config,
                                  stories=[loaded_story], progress=progress)
    # Keep what the brief computed for the articles (the stages a staged ingest deferred,
    # sentence vectors, the parse), so a later brief of them does not compute it again; and
    # what the stages found, so the store (and its finding_* views) holds the findings.
    store.save_analysis(articles.values())
    store.save_findings(loaded_story)
    if sqlite and not briefing["warnings"]:
        keep_briefing(conn, loaded_story.id, list(loaded_story.articles), briefing,
                      time.perf_counter() - t0, config)
    return briefing
