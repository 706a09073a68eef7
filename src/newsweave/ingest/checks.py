"""Checks on an article's cleaned text, the same for every format: enough text (E012), not too
much (E004, never truncated silently), and English when the config requires it (E010)."""
from __future__ import annotations

from newsweave import errors
from newsweave.config import Config
from newsweave.ingest.language import detect
from newsweave.model import Article

_LANGUAGE_NAMES = {"fr": "French", "de": "German", "es": "Spanish", "it": "Italian",
                   "pt": "Portuguese", "nl": "Dutch", "non-latin": "a non-Latin script",
                   "und": "a language other than English"}


def check_article(article: Article, config: Config) -> errors.NewsweaveError | None:
    """The reason to skip ``article``, or None when it can be used. Sets ``meta.language``.

    >>> from newsweave.config import load_config
    >>> print(check_article(Article.from_text("a", "Too short."), load_config()))
    E012 a: only 10 characters of text, fewer than 40 (fix: give an article with more text, or lower ingest.min_article_chars)
    """
    where = article.meta.path or article.id
    ingest = config.ingest
    size = len(article.text)
    if size == 0 or size < ingest.min_article_chars:
        return errors.NewsweaveError(
            errors.NO_TEXT, where,
            "no text left after cleanup" if size == 0
            else f"only {size} characters of text, fewer than {ingest.min_article_chars}",
            "give an article with more text, or lower ingest.min_article_chars")
    if size > ingest.max_article_chars:
        return errors.NewsweaveError(
            errors.TOO_LARGE, where,
            f"the article has more than {ingest.max_article_chars:,} characters of text "
            "(ingest.max_article_chars); it is skipped rather than cut short",
            "split the article, or raise ingest.max_article_chars (at most 1,000,000)")
    language = detect(article.text)
    article.meta.language = language if language != "und" else None
    if ingest.require_english and language != "en":
        return errors.NewsweaveError(
            errors.NOT_ENGLISH, where,
            f"the text is not English (it reads as {_LANGUAGE_NAMES.get(language, language)}); "
            "the models are English-only",
            "give an English article or its English translation, or set "
            "ingest.require_english = false")
    return None
