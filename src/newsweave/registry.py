"""The one place where built-in stages register, by versioned name (``"spacy@1"``).

An article stage is ``func(articles: list[Article], config: Config) -> None`` and fills
layers/values of each article; a story stage is
``func(story: Story, articles: dict[str, Article], config: Config) -> None`` and fills fields of
the story. Each declares what it requires and what it assigns, so the pipeline can check order.
"""
from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import Callable, Literal

from newsweave import errors


@dataclass(frozen=True)
class Stage:
    name: str
    kind: Literal["article", "story"]
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
    "newsweave.stories.copies",
    "newsweave.stories.people",
    "newsweave.stories.align",
    "newsweave.stories.stance",
    "newsweave.stories.summarize",
    "newsweave.stories.timeline",
)
_loaded = False


def _register(kind: Literal["article", "story"], name: str, requires, assigns):
    def wrap(func: Callable) -> Callable:
        if "@" not in name:
            raise ValueError(f"stage name {name!r} needs a version, like 'spacy@1'")
        _STAGES[name] = Stage(name, kind, func, tuple(requires), tuple(assigns),
                              (func.__doc__ or "").strip().split("\n")[0])
        return func
    return wrap


def article_stage(name: str, *, requires: tuple[str, ...] = (), assigns: tuple[str, ...] = ()):
    """Register a per-article stage.

    >>> @article_stage("demo@1", assigns=("demo",))
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
