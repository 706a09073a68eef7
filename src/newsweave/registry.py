"""The one place where built-in stages register, by versioned name (``"spacy@1"``).

Three kinds:

- an article stage is ``func(articles: list[Article], config: Config) -> None`` and fills layers
  and values of each article (run at ingest, or, for ``[pipeline] brief_stages``, when a story
  is briefed);
- a corpus stage is ``func(articles: list[Article], config: Config) -> list[Story]`` and groups
  articles into stories (``[pipeline] grouping``);
- a story stage is ``func(story: Story, articles: dict[str, Article], config: Config) -> None``
  and fills fields of the story.

Each declares what it requires and what it assigns as qualified names, ``article.<name>``
(a layer or value of each article, ``article.doc`` for the spaCy parse) or ``story.<field>``,
so the pipeline can check the order and provide the parse to the story stages that need it.
"""
from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import Callable, Literal

from newsweave import errors


@dataclass(frozen=True)
class Stage:
    name: str
    kind: Literal["article", "corpus", "story"]
    func: Callable
    requires: tuple[str, ...]
    assigns: tuple[str, ...]
    doc: str = ""


_STAGES: dict[str, Stage] = {}

# Modules that register the built-in stages when imported.
BUILTIN_MODULES = (
    "newsweave.nlp.spacy_stage",
    "newsweave.nlp.embed",
    "newsweave.nlp.fingerprint",
    "newsweave.nlp.dates",
    "newsweave.nlp.quotes",
    "newsweave.nlp.claims",
    "newsweave.stories.grouping",
    "newsweave.stories.copies",
    "newsweave.stories.people",
    "newsweave.stories.align",
    "newsweave.stories.stance",
    "newsweave.stories.summarize",
    "newsweave.stories.timeline",
)
_loaded = False


def _register(kind: Literal["article", "corpus", "story"], name: str, requires, assigns):
    def wrap(func: Callable) -> Callable:
        if "@" not in name:
            raise ValueError(f"stage name {name!r} needs a version, like 'spacy@1'")
        for item in (*requires, *assigns):
            if not item.startswith(("article.", "story.")):
                raise ValueError(f"stage {name}: {item!r} must be qualified as "
                                 f"'article.{item}' or 'story.{item}'")
        _STAGES[name] = Stage(name, kind, func, tuple(requires), tuple(assigns),
                              _first_sentence(func.__doc__ or ""))
        return func
    return wrap


def _first_sentence(doc: str) -> str:
    text = " ".join(doc.split())
    end = text.find(". ")
    return text if end < 0 else text[: end + 1]


def article_stage(name: str, *, requires: tuple[str, ...] = (), assigns: tuple[str, ...] = ()):
    """Register a per-article stage.

    >>> @article_stage("demo@1", assigns=("article.demo",))
    ... def demo(articles, config):
    ...     for article in articles:
    ...         article.values["demo"] = True
    >>> get_stage("demo@1").kind
    'article'
    """
    return _register("article", name, requires, assigns)


def story_stage(name: str, *, requires: tuple[str, ...] = (), assigns: tuple[str, ...] = ()):
    """Register a story stage (see the module docstring for the signature)."""
    return _register("story", name, requires, assigns)


def corpus_stage(name: str, *, requires: tuple[str, ...] = (), assigns: tuple[str, ...] = ()):
    """Register a grouping stage: articles in, stories out."""
    return _register("corpus", name, requires, assigns)


def load_builtins() -> None:
    global _loaded
    if _loaded:
        return
    for module in BUILTIN_MODULES:
        importlib.import_module(module)
    _loaded = True


def get_stage(name: str) -> Stage:
    if name not in _STAGES:
        load_builtins()
    if name not in _STAGES:
        raise errors.NewsweaveError(errors.BAD_CONFIG, name, "no stage is registered by that name",
                                    f"use one of: {', '.join(sorted(_STAGES))}")
    return _STAGES[name]


def all_stages() -> list[Stage]:
    load_builtins()
    return sorted(_STAGES.values(), key=lambda s: s.name)
