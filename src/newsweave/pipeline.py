"""Runs registered stages in order, checks what each needs, and never lets one article sink a batch."""
from __future__ import annotations

import logging
import time
from typing import Callable, Iterable

from newsweave import errors
from newsweave.config import Config
from newsweave.model import Article, Story
from newsweave.registry import Stage, get_stage

log = logging.getLogger(__name__)

# What ingest provides before any stage runs.
INGEST_PROVIDES = ("article.text", "article.meta")

Progress = Callable[[str, int], None]  # (stage name, articles done in this call)


def check_order(stage_names: Iterable[str], provided: Iterable[str] = INGEST_PROVIDES, *,
                kind: str | None = None) -> list[Stage]:
    """Resolve stage names and check each one's requirements are assigned by an earlier stage
    (and, given ``kind``, that each is a stage of that kind).

    >>> [s.name for s in check_order(["spacy@1", "embed@1"])]
    ['spacy@1', 'embed@1']
    """
    have = set(provided)
    stages = []
    for name in stage_names:
        stage = get_stage(name)
        if kind is not None and stage.kind != kind:
            raise errors.NewsweaveError(
                errors.BAD_CONFIG, name, f"is a {stage.kind} stage, listed where {kind} "
                f"stages go", "see `newsweave stages` for the kind of each stage")
        missing = [r for r in stage.requires if r not in have]
        if missing:
            raise errors.NewsweaveError(
                errors.PIPELINE_ORDER, name,
                f"needs {', '.join(missing)}, which no earlier stage assigns",
                "put the stage that assigns it earlier in [pipeline] of the config")
        have.update(stage.assigns)
        stages.append(stage)
    return stages


def run_article_stages(
    articles: list[Article], config: Config, *, progress: Progress | None = None,
    timings: dict[str, float] | None = None,
) -> tuple[list[Article], list[dict]]:
    """Run the configured per-article stages. Returns the articles that came through every stage
    and a `skipped` entry for each one that a stage failed on."""
    stages = check_order(config.pipeline.article_stages, kind="article")
    skipped: list[dict] = []
    for stage in stages:
        t0 = time.perf_counter()
        articles, failed = _run_isolated(stage, articles, config)
        skipped.extend(failed)
        if timings is not None:
            timings[stage.name] = timings.get(stage.name, 0.0) + time.perf_counter() - t0
        if progress:
            progress(stage.name, len(articles))
    return articles, skipped


def _run_isolated(stage: Stage, articles: list[Article], config: Config):
    """Run a stage on the batch; if it fails, run it one article at a time to find and skip the
    culprit, so one hostile input never costs the others."""
    if not articles:
        return articles, []
    try:
        stage.func(articles, config)
        return articles, []
    except errors.NewsweaveError:
        pass
    except Exception:  # noqa: BLE001 - isolate, then report per article below
        log.debug("stage %s failed on a batch; retrying one by one", stage.name, exc_info=True)
    kept, failed = [], []
    for article in articles:
        try:
            stage.func([article], config)
            kept.append(article)
        except errors.NewsweaveError as exc:
            failed.append(exc.to_dict())
        except Exception as exc:  # noqa: BLE001
            failed.append(errors.NewsweaveError(
                errors.STAGE_FAILED, article.meta.path or article.id,
                f"stage {stage.name} failed: {type(exc).__name__}: {exc}",
                "report this input to the newsweave maintainers").to_dict())
    return kept, failed


def run_story_stages(
    stories: list[Story], articles: dict[str, Article], config: Config, *,
    timings: dict[str, float] | None = None,
) -> list[dict]:
    """Run the brief-time article stages on the stories' articles, give the parse to stages that
    declare ``article.doc``, then run the configured story stages on each story. A stage that
    fails on a story leaves that story's field empty and records a warning (E201); the other
    stages and stories go on."""
    provided = INGEST_PROVIDES + _assigned(config.pipeline.article_stages)
    brief_stages = runnable_brief_stages(config, provided)
    provided += _assigned(s.name for s in brief_stages) + ("story.articles",)
    stages = check_order(config.pipeline.story_stages, provided=provided, kind="story")
    # The story stages are Python loops over many small matrix products (a sentence of one
    # article against those of another): a second BLAS thread only adds waiting, and on a busy
    # machine it waits for a core (find_copies on the 180-article bpoil story: 4.8-13.2 s with
    # OpenBLAS's two threads, 4.2-4.5 s with one; the same links). The products split their
    # output among threads, so one thread gives the same numbers.
    from threadpoolctl import threadpool_limits

    with threadpool_limits(limits=1, user_api="blas"):
        return _run_story_stages(stories, articles, config, stages, brief_stages, timings)


def _run_story_stages(stories: list[Story], articles: dict[str, Article], config: Config,
                      stages: list[Stage], brief_stages: list[Stage],
                      timings: dict[str, float] | None) -> list[dict]:
    members = list({id(a): a for story in stories for i in story.articles
                    if (a := articles.get(i)) is not None}.values())
    warnings: list[dict] = []
    for stage in brief_stages:
        t0 = time.perf_counter()
        _, failed = _run_isolated(stage, members, config)
        for entry in failed:
            warnings.append({**entry, "code": errors.STORY_STAGE_FAILED})
        if timings is not None:
            timings[stage.name] = timings.get(stage.name, 0.0) + time.perf_counter() - t0
    if any("article.doc" in stage.requires for stage in stages):
        from newsweave.nlp.parse_pack import ensure_docs

        t0 = time.perf_counter()
        ensure_docs([a for a in members if "sentences" in a.layers], config)
        if timings is not None:
            timings["parse-for-stories"] = (timings.get("parse-for-stories", 0.0)
                                            + time.perf_counter() - t0)
    for stage in stages:
        t0 = time.perf_counter()
        for story in stories:
            try:
                stage.func(story, articles, config)
            except Exception as exc:  # noqa: BLE001
                log.debug("story stage %s failed", stage.name, exc_info=True)
                warnings.append(errors.NewsweaveError(
                    errors.STORY_STAGE_FAILED, f"story {story.id}",
                    f"stage {stage.name} failed: {type(exc).__name__}: {exc}",
                    "the rest of the briefing is complete; report this to the maintainers",
                ).to_dict())
        if timings is not None:
            timings[stage.name] = timings.get(stage.name, 0.0) + time.perf_counter() - t0
    return warnings


def runnable_brief_stages(config: Config, provided: tuple[str, ...]) -> list[Stage]:
    """The brief-time stages whose requirements the article stages meet, in order. They only
    complete what ingest deferred, so a stage with nothing to complete (no sentences from a
    light pipeline) is left out rather than an error; a story stage that needs what it would
    have assigned still fails the order check."""
    have = set(provided)
    out = []
    for name in config.pipeline.brief_stages:
        stage = get_stage(name)
        if all(r in have for r in stage.requires):
            have.update(stage.assigns)
            out.append(stage)
    return out


def prepare_for_stories(articles: list[Article], config: Config) -> None:
    """Run the brief-time article stages (``[pipeline] brief_stages``) on ``articles`` outside
    a brief (benchmarks that call a story stage directly)."""
    provided = INGEST_PROVIDES + _assigned(config.pipeline.article_stages)
    for stage in runnable_brief_stages(config, provided):
        stage.func(articles, config)


def ingest_stage_names(config: Config) -> list[str]:
    """The per-article stages `newsweave ingest` runs: ``article_stages`` with each replaced by
    its ``[pipeline] ingest_substitutes`` entry ("" leaves it for the brief).

    >>> from newsweave.config import load_config
    >>> ingest_stage_names(load_config())
    ['spacy-lead@1', 'embed-lead@1', 'fingerprint@1']
    """
    subs = config.pipeline.ingest_substitutes
    return [sub for name in config.pipeline.article_stages if (sub := subs.get(name, name))]


def ingest_config(config: Config) -> Config:
    """``config`` with ``article_stages`` set to what ingest runs (``ingest_stage_names``)."""
    names = ingest_stage_names(config)
    if names == list(config.pipeline.article_stages):
        return config
    return config.model_copy(update={
        "pipeline": config.pipeline.model_copy(update={"article_stages": names})})


def has_output(article: Article, stage: Stage) -> bool:
    """Whether ``article`` holds what ``stage`` assigns (a layer or a value; the spaCy Doc,
    never stored, does not count)."""
    return all(_holds(article, item) for item in stage.assigns if item != "article.doc")


def missing_article_stages(article: Article, config: Config) -> list[str]:
    """The configured article stages whose results ``article`` lacks (deferred by a staged
    ingest), with the earlier stages that assign what they need, so the list runs on its own
    (``run_article_stages`` checks the order; the spaCy Doc is never stored anyway, and a stage
    run again gives what the article held); [] for an article analysed in full."""
    stages = check_order(config.pipeline.article_stages, kind="article")
    included = {s.name for s in stages if not has_output(article, s)}
    if not included:
        return []
    for pos in range(len(stages) - 1, -1, -1):
        if stages[pos].name not in included:
            continue
        for item in stages[pos].requires:
            if item in INGEST_PROVIDES:
                continue
            provider = next((s for s in reversed(stages[:pos]) if item in s.assigns), None)
            if provider is not None:
                included.add(provider.name)
    return [s.name for s in stages if s.name in included]


def _holds(article: Article, item: str) -> bool:
    key = item.split(".", 1)[1]
    if key == "doc":
        return article.cache.get("doc") is not None
    return key in article.layers or key in article.values


def _assigned(stage_names: Iterable[str]) -> tuple[str, ...]:
    out: list[str] = []
    for name in stage_names:
        out.extend(get_stage(name).assigns)
    return tuple(out)
