"""The library's front door: inputs in, one briefing dict out. The CLI and web layers are thin
wrappers over these functions."""
from __future__ import annotations

import time
from pathlib import Path
from typing import Callable, Iterable

import logging

from newsweave import errors
from newsweave.config import Config, load_config
from newsweave.model import Article, Story
from newsweave.pipeline import run_article_stages, run_story_stages
from newsweave.report.build import build_briefing


log = logging.getLogger(__name__)

# Called as work goes on: (what is being done, units done so far, total units or None).
ProgressFn = Callable[[str, int, int | None], None]


def read_articles(
    inputs: Iterable[str | Path], *, config: Config, meta_path: str | Path | None = None,
) -> tuple[list[Article], list[dict]]:
    """Read every input; return the usable articles and a `skipped` entry for each other input.

    >>> articles, skipped = read_articles(["examples/macron-troops"], config=load_config())
    >>> len(articles), skipped
    (5, [])
    """
    from newsweave.ingest import load_meta, read_inputs

    meta = load_meta(meta_path) if meta_path else None
    articles: list[Article] = []
    skipped: list[dict] = []
    for item in read_inputs(list(inputs), config, meta=meta):
        if isinstance(item, errors.NewsweaveError):
            skipped.append(item.to_dict())
        else:
            articles.append(item)
    return articles, skipped


def analyse_articles(
    articles: list[Article], *, config: Config, progress: ProgressFn | None = None,
    timings: dict[str, float] | None = None, chunk_size: int = 16,
    after_stages: list[str] = (),
) -> tuple[list[Article], list[dict]]:
    """Run the per-article stages in chunks, so progress moves and a failure costs one chunk's
    retry at most; large batches go to worker processes (`nlp.processes`), and so does every
    batch when articles have a time budget (`[pipeline] article_seconds`; an article over it is
    skipped with E104). Returns the analysed articles and `skipped` entries for those a stage
    failed on. Articles analysed in workers
    come back without their spaCy Doc but with the parse packed in ``cache`` (rebuilt by
    ``nlp.parse_pack.ensure_docs`` for the story stages that read it). ``after_stages`` run
    in the worker processes after each article's budgeted stages, outside its budget (when
    the batch is large enough for worker processes; otherwise the caller runs them)."""
    total = len(articles)
    timings = timings if timings is not None else {}
    done: list[Article] = []
    skipped: list[dict] = []
    parallel = config.nlp.processes > 1 and total >= config.nlp.parallel_min_articles
    if total and (parallel or config.pipeline.article_seconds):
        # Worker processes: for large batches to use the cores, and for any batch under a time
        # budget, since only a process can be stopped mid-article (see newsweave.parallel).
        from newsweave.parallel import WorkersUnavailable, run_in_workers, shared_pool

        try:
            if parallel:
                chunks = run_in_workers(articles, config, processes=config.nlp.processes,
                                        chunk_size=chunk_size, after_stages=after_stages)
            else:
                pool = shared_pool(config, keep_parse=True)
                pool.chunk_size = chunk_size
                chunks = pool.analyse(articles)
            for kept, failed, chunk_timings in chunks:
                done.extend(kept)
                skipped.extend(failed)
                for name, seconds in chunk_timings.items():
                    timings[name] = timings.get(name, 0.0) + seconds
                if progress:
                    progress("analysing articles", len(done) + len(skipped), total)
            return done, skipped
        except WorkersUnavailable as exc:
            # Each article ends as one kept article or one skipped entry, in order, so the
            # rest start after those; they are analysed here, without a time budget.
            log.warning("%s; analysing the remaining articles in this process, without a "
                        "time budget", exc)
            articles = articles[len(done) + len(skipped):]
    # In-process (budgets off): one batch per stage call is fastest for spaCy and ONNX; chunks
    # keep progress moving on inputs of a few hundred articles.
    size = max(chunk_size, 64)
    for start in range(0, len(articles), size):
        kept, failed = run_article_stages(articles[start : start + size], config, timings=timings)
        done.extend(kept)
        skipped.extend(failed)
        if progress:
            progress("analysing articles", len(done) + len(skipped), total)
    return done, skipped


# Set in ``Article.cache`` on an article whose deferred stages ran in ``complete_articles``:
# the store keeps its new layers and values (``save_analysis``).
COMPLETED_KEY = "completed_at_brief"


def complete_articles(
    stories: list[Story], by_id: dict[str, Article], config: Config, *,
    timings: dict[str, float] | None = None, progress: ProgressFn | None = None,
) -> list[dict]:
    """Run the article stages a staged ingest left for the brief (see ``[pipeline]
    ingest_substitutes``) on the stories' articles that lack their results, in worker processes
    for large stories as at ingest. ``by_id`` gets the completed articles (marked with
    ``COMPLETED_KEY``). An article a stage fails on keeps what it had, and the failure is a
    warning (E201): the story stages then see it without that stage's results."""
    from newsweave.pipeline import (INGEST_PROVIDES, _assigned, missing_article_stages,
                                    runnable_brief_stages)

    groups: dict[tuple[str, ...], list[Article]] = {}
    for story in stories:
        for article_id in story.articles:
            article = by_id.get(article_id)
            if article is not None and not article.cache.get(COMPLETED_KEY):
                need = tuple(missing_article_stages(article, config))
                if need:
                    groups.setdefault(need, []).append(article)
    warnings: list[dict] = []
    t0 = time.perf_counter()
    for need, todo in groups.items():
        todo = list({id(a): a for a in todo}.values())
        stage_config = config.model_copy(update={
            "pipeline": config.pipeline.model_copy(update={"article_stages": list(need)})})
        # The brief-time vectors (``run_story_stages`` runs them on what lacks them) are
        # computed in the same workers, one ONNX thread each, while this process waits.
        after = [stage.name for stage in runnable_brief_stages(
            config, INGEST_PROVIDES + _assigned(config.pipeline.article_stages))]
        done, failed = analyse_articles(todo, config=stage_config, progress=progress,
                                        timings=timings, after_stages=after)
        originals = {a.id: a for a in todo}
        for article in done:
            # Workers send back copies: the results go into the caller's objects, so a caller
            # holding them (to store them, see ``save_analysis``) sees them.
            original = originals.get(article.id, article)
            if original is not article:
                original.layers.update(article.layers)
                original.values.update(article.values)
                original.cache.update(article.cache)
            original.cache[COMPLETED_KEY] = True
        warnings.extend({**entry, "code": errors.STORY_STAGE_FAILED} for entry in failed)
    if timings is not None and groups:
        timings["deferred-article-stages"] = time.perf_counter() - t0
    return warnings


def group_stories(articles: list[Article], config: Config) -> list[Story]:
    """Group articles into stories with the grouping stage (`[pipeline] grouping`), the same
    clusterer as `newsweave ingest`."""
    from newsweave.registry import get_stage

    stage = get_stage(config.pipeline.grouping)
    if stage.kind != "corpus":
        raise errors.NewsweaveError(errors.BAD_CONFIG, config.pipeline.grouping,
                                    f"is a {stage.kind} stage, not a grouping stage",
                                    "set [pipeline] grouping to a corpus stage, e.g. cluster@1")
    return stage.func(articles, config)


def brief(
    inputs: Iterable[str | Path], *, config: Config | None = None,
    meta_path: str | Path | None = None, progress: ProgressFn | None = None,
) -> dict:
    """Read inputs, analyse them, group them into stories and return the briefing dict.

    >>> briefing = brief(["examples/macron-troops"])
    >>> briefing["schema"], len(briefing["articles"]), len(briefing["stories"]) >= 1
    ('newsweave/briefing@1', 5, True)
    """
    config = config or load_config()
    timings: dict[str, float] = {}
    t0 = time.perf_counter()
    articles, skipped = read_articles(inputs, config=config, meta_path=meta_path)
    timings["ingest"] = time.perf_counter() - t0
    if progress:
        progress("read inputs", len(articles) + len(skipped), len(articles) + len(skipped))
    articles, failed = analyse_articles(articles, config=config, progress=progress,
                                        timings=timings)
    skipped.extend(failed)
    return brief_articles(articles, config=config, skipped=skipped, timings=timings,
                          progress=progress)


def brief_articles(
    articles: list[Article], *, config: Config, skipped: list[dict] | None = None,
    timings: dict[str, float] | None = None, progress: ProgressFn | None = None,
    stories: list[Story] | None = None,
) -> dict:
    """Brief articles whose per-article stages have run (from inputs or from the store)."""
    timings = timings if timings is not None else {}
    t0 = time.perf_counter()
    stories = stories if stories is not None else group_stories(articles, config)
    timings["group"] = time.perf_counter() - t0
    if progress:
        progress("analysing stories", 0, len(stories))
    by_id = {a.id: a for a in articles}
    warnings = complete_articles(stories, by_id, config, timings=timings, progress=progress)
    warnings += run_story_stages(stories, by_id, config, timings=timings)
    return build_briefing(articles, stories, skipped=skipped or [], warnings=warnings,
                          config=config, timings=timings)
