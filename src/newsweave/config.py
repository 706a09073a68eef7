"""One validated configuration, with defaults in default_config.toml."""
from __future__ import annotations

import tomllib
from importlib import resources
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from newsweave import errors


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class IngestConfig(_Section):
    max_file_bytes: int = Field(gt=0)
    max_article_chars: int = Field(gt=0, le=1_000_000)
    min_article_chars: int = Field(ge=0)
    require_english: bool
    max_warc_bytes: int = Field(gt=0)
    max_warc_record_bytes: int = Field(gt=0)
    drop_boilerplate: bool
    follow_symlinks: bool = False


class NlpConfig(_Section):
    spacy_model: str
    batch_size: int = Field(gt=0)
    processes: int = Field(ge=1)
    parallel_min_articles: int = Field(ge=1)
    embed_max_tokens: int = Field(gt=8, le=512)
    embed_batch_size: int = Field(gt=0)
    embed_threads: int = Field(ge=0)
    sentence_embeddings: Literal["eager", "lazy"]


class PipelineConfig(_Section):
    article_stages: list[str]
    brief_stages: list[str] = ["sentence-vectors@1", "claim-vectors@1"]
    # What `newsweave ingest` runs instead of an article stage ("" = nothing: the stage runs
    # when a story is briefed). See default_config.toml.
    ingest_substitutes: dict[str, str] = {}
    grouping: str = "cluster@1"
    story_stages: list[str]
    # Seconds the per-article stages may take per 20,000 characters of an article (and at
    # least this per article) before it is stopped and skipped (E104); 0 turns budgets off.
    article_seconds: float = Field(default=10.0, ge=0)


class SummaryConfig(_Section):
    words: int = Field(gt=0)
    min_sentence_words: int = Field(gt=0)
    max_sentence_words: int = Field(gt=0)
    redundancy_threshold: float = Field(gt=0, le=1)
    support_similarity: float = Field(gt=0, le=1)
    support_weight: float = Field(ge=0)
    main_actors: int = Field(ge=0)
    lead_weight: float = Field(gt=0)
    max_candidates: int = Field(gt=0)


class TimelineConfig(_Section):
    max_dates: int = Field(gt=0)
    min_references: int = Field(ge=1)
    sentences_per_date: int = Field(ge=1)
    report_days: int = Field(ge=0)
    lead_sentences: int = Field(ge=0)
    min_sentence_words: int = Field(gt=0)
    max_sentence_words: int = Field(gt=0)
    redundancy_threshold: float = Field(gt=0, le=1)
    infer_year: bool


class ClaimsConfig(_Section):
    question: str | None = None
    agree_similarity: float = Field(gt=0, le=1)
    divergence_similarity: float = Field(gt=0, le=1)
    max_claims: int = Field(ge=0)
    coverage_claims: int = Field(ge=0)
    max_divergences: int = Field(ge=0)
    min_single_source_score: float


class SupportConfig(_Section):
    # None: the threshold shipped with the model (chosen by grouped cross-validation).
    support_threshold: float | None = Field(default=None, gt=0, lt=1)
    dispute_threshold: float | None = Field(default=None, gt=0, lt=1)
    evidence_sentences: int = Field(default=2, ge=1, le=10)


class StoriesConfig(_Section):
    """Story clustering (stories/cluster.py) and copy detection (stories/copies.py)."""

    threshold: float = 0.5
    attach_threshold: float = -4.0
    attach_size: int = Field(default=3, ge=0)
    # None or 0: no limit on the gap between a story's reports.
    window_days: float | None = Field(default=7.0, ge=0)
    candidates: int = Field(default=20, ge=1)
    split_limit: int = Field(default=16, ge=1)
    max_group: int = Field(default=500, ge=1)
    # After an ingest, its stories are re-clustered together (so `ingest` groups as `brief`
    # does) when they hold at most this many articles.
    reconcile_limit: int = Field(default=3000, ge=0)
    copies_duplicate_jaccard: float = Field(default=0.5, gt=0, le=1)
    copies_rewrite_cosine: float = Field(default=0.95, gt=0, le=1)
    copies_sentence_match: float = Field(default=0.9, gt=0, le=1)
    copies_rewrite_overlap: float = Field(default=0.6, gt=0, le=1)

    def clustering(self) -> dict[str, Any]:
        """The options of ``StoryClusterer``."""
        return {k: v for k, v in self.model_dump().items()
                if not k.startswith("copies_") and k != "reconcile_limit"}


class QuotesConfig(_Section):
    # None: the cue model's own threshold (chosen when it was trained).
    threshold: float | None = Field(default=None, gt=0, lt=1)


class WatchConfig(_Section):
    """The feed watcher (newsweave/watch): politeness, bounds on what is fetched, retries."""

    # Least seconds between two requests to one host (raised by a longer robots.txt
    # Crawl-delay, up to max_crawl_delay_seconds).
    host_delay_seconds: float = Field(default=2.0, ge=0)
    max_crawl_delay_seconds: float = Field(default=60.0, ge=0)
    # Seconds a request may take: to connect, between two reads, and in all.
    timeout_seconds: float = Field(default=20.0, gt=0)
    # Largest feed, OPML or robots.txt body and largest page read, in bytes (stopped there).
    max_feed_bytes: int = Field(default=10_000_000, gt=0)
    max_page_bytes: int = Field(default=5_000_000, gt=0)
    max_redirects: int = Field(default=5, ge=0)
    # Newest entries read per feed and poll (the rest wait for the next poll).
    max_entries_per_feed: int = Field(default=200, ge=1)
    # Polls at which a page that could not be fetched (timeout, 5xx) is tried before its
    # entry is skipped for good.
    page_attempts: int = Field(default=3, ge=1)
    # After n failed polls in a row a feed sits out 2**(n-1) - 1 polls, at most this many.
    max_backoff_polls: int = Field(default=16, ge=0)
    # Seconds a host's robots.txt is kept before it is read again.
    robots_cache_seconds: float = Field(default=3600.0, ge=0)


class Config(BaseModel):
    """The resolved configuration of a run."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    ingest: IngestConfig
    nlp: NlpConfig
    pipeline: PipelineConfig
    summary: SummaryConfig
    timeline: TimelineConfig
    claims: ClaimsConfig
    quotes: QuotesConfig = QuotesConfig()
    support: SupportConfig = SupportConfig()
    stories: StoriesConfig = StoriesConfig()
    watch: WatchConfig = WatchConfig()


def default_config_text() -> str:
    return resources.files("newsweave").joinpath("default_config.toml").read_text("utf-8")


def _merge(base: dict[str, Any], override: dict[str, Any]) -> dict[str, Any]:
    merged = dict(base)
    for key, value in override.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = _merge(merged[key], value)
        else:
            merged[key] = value
    return merged


def load_config(path: str | Path | None = None, **overrides: dict[str, Any]) -> Config:
    """Load the defaults, then a TOML file, then keyword overrides (one dict per section).

    >>> load_config(summary={"words": 80}).summary.words
    80
    """
    data = tomllib.loads(default_config_text())
    source = "default_config.toml"
    if path is not None:
        source = str(path)
        try:
            data = _merge(data, tomllib.loads(Path(path).read_text("utf-8")))
        except FileNotFoundError:
            raise errors.NewsweaveError(errors.BAD_CONFIG, source, "config file not found",
                                        "check the path given to --config") from None
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise errors.NewsweaveError(errors.BAD_CONFIG, source, f"not valid TOML: {exc}",
                                        "fix the syntax; see default_config.toml") from None
    data = _merge(data, {k: v for k, v in overrides.items() if v})
    unknown = set(data) - set(Config.model_fields)
    if unknown:
        raise errors.NewsweaveError(errors.BAD_CONFIG, source,
                                    f"unknown section(s): {', '.join(sorted(unknown))}",
                                    "see default_config.toml for the sections")
    try:
        return Config.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise errors.NewsweaveError(errors.BAD_CONFIG, source, f"{where}: {first['msg']}",
                                    "see default_config.toml for allowed values") from None

