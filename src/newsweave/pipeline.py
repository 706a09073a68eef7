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
INGEST_PROVIDES = ("text", "meta")

Progress = Callable[[str, int], None]  # (stage name, articles done in this call)


def check_order(stage_names: Iterable[str], provided: Iterable[str] = INGEST_PROVIDES) -> list[Stage]:
    """Resolve stage names and check each one's requirements are assigned by an earlier stage.

    >>> [s.name for s in check_order(["spacy@1", "embed@1"])]
    ['spacy@1', 'embed@1']
    """
    have = set(provided)
    stages = []
    for name in stage_names:
        stage = get_stage(name)
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
    stages = check_order(config.pipeline.article_stages)
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
    """Run the configured story stages on each story. A stage that fails on a story leaves that
    story's field empty and records a warning; the other stages and stories go on."""
    stages = check_order(config.pipeline.story_stages,
                         provided=INGEST_PROVIDES + _assigned(config.pipeline.article_stages))
    t0 = time.perf_counter()
    members = [articles[i] for story in stories for i in story.articles if i in articles]
    prepare_for_stories(list({id(a): a for a in members}.values()), config)
    if timings is not None:
        timings["embed-deferred"] = timings.get("embed-deferred", 0.0) + time.perf_counter() - t0
    warnings: list[dict] = []
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


def prepare_for_stories(articles: list[Article], config: Config) -> None:
    """Compute what the per-article stages deferred until a story needs it: the vectors of
    every sentence and of every claim (see `nlp.sentence_embeddings` in the config). Every
    caller of the story stages gets them, so no stage sees a half-analysed article."""
    from newsweave.nlp.claims import embed_claims
    from newsweave.nlp.embed import ensure_sentence_embeddings

    with_sentences = [a for a in articles if "sentences" in a.layers]
    ensure_sentence_embeddings(with_sentences, config)
    embed_claims(with_sentences, config)


def _assigned(stage_names: Iterable[str]) -> tuple[str, ...]:
    out: list[str] = []
    for name in stage_names:
        out.extend(get_stage(name).assigns)
    return tuple(out)
