"""Where a report comes from: its outlet and the wire service it carries, so that corroboration
counts origins, not articles.

Twenty sites running one Associated Press story are one source; three bulletins of one outlet
are that outlet once. An article's origin is, in order:

1. the wire service it credits — a dateline credit ("PARIS (AP) —", "(Reuters) -"), a byline or
   author naming the agency ("By Jane Doe, Associated Press"), an agency's sign-off ("Reporting
   by ...; Editing by ..." is Reuters' house style), an agency copyright line, or a `source`
   that is itself an agency;
2. else its outlet: the `source` of its metadata, else the host of its URL (``www.`` and mobile
   or AMP prefixes dropped);
3. else the article alone (nothing says it shares an origin with another).

The copies stage then links near-duplicates and rewrites across origins (an outlet's rewrite of
a wire story joins the wire's group). Each rule is stated in the ``reason`` of the origin, so
the briefing can show why two reports count once.

>>> from newsweave.model import Article, ArticleMeta
>>> a = Article.from_text("a", "KYIV, Ukraine (AP) — Officials said on Monday that talks resumed.")
>>> origin_of(a)
Origin(key='wire:associated press', label='Associated Press', reason='credits Associated Press in its dateline')
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from newsweave.model import Article

# Agencies by the names and abbreviations they are credited with.
WIRES = {
    "associated press": "Associated Press", "ap": "Associated Press",
    "reuters": "Reuters", "thomson reuters": "Reuters",
    "agence france-presse": "AFP", "agence france presse": "AFP", "afp": "AFP",
    "deutsche presse-agentur": "dpa", "dpa": "dpa",
    "bloomberg": "Bloomberg", "bloomberg news": "Bloomberg",
    "united press international": "UPI", "upi": "UPI",
    "press association": "PA Media", "pa media": "PA Media", "pa": "PA Media",
    "canadian press": "The Canadian Press", "the canadian press": "The Canadian Press",
    "cp": "The Canadian Press", "ansa": "ANSA", "efe": "EFE", "xinhua": "Xinhua",
    "press trust of india": "PTI", "pti": "PTI", "ians": "IANS",
    "australian associated press": "AAP", "aap": "AAP", "kyodo": "Kyodo",
    "kyodo news": "Kyodo", "yonhap": "Yonhap", "tass": "TASS", "interfax": "Interfax",
    "anadolu agency": "Anadolu", "anadolu": "Anadolu",
}
_ABBREVIATIONS = "AP|Reuters|AFP|dpa|DPA|UPI|PA|CP|ANSA|EFE|Xinhua|PTI|IANS|AAP|Kyodo|Yonhap|TASS|Bloomberg"
# "PARIS (AP) —", "(Reuters) -", "LONDON, May 3 (Reuters) -": a credit in parentheses followed by
# a dash, in the opening lines. The dash is required: "(AP)" alone can be an abbreviation.
_DATELINE = re.compile(rf"\((?P<wire>{_ABBREVIATIONS})\)\s*[\u2014\u2013-]")
_NAMES = "|".join(sorted((re.escape(k) for k in WIRES if len(k) > 3), key=len, reverse=True))
# "By Jane Doe, Associated Press", "By JANE DOE | Reuters", "Jane Doe, AFP"
_BYLINE = re.compile(rf"^\s*(?:by\s+)?[^\n]{{0,80}}?[,|/]\s*(?:the\s+)?(?P<wire>{_NAMES}|"
                     rf"{_ABBREVIATIONS})\s*$", re.IGNORECASE | re.MULTILINE)
_COPYRIGHT = re.compile(rf"(?:copyright|\u00a9)\s*(?:\d{{4}}\s*)?(?:the\s+)?(?P<wire>{_NAMES})",
                        re.IGNORECASE)
# Reuters closes its stories "(Reporting by X; Additional reporting by Y; Editing by Z)".
_REUTERS_SIGNOFF = re.compile(r"\(?\s*(?:additional\s+)?reporting by [^\n;)]{2,80};[^\n)]{0,200}"
                              r"editing by [^\n)]{2,80}\)?", re.IGNORECASE)
OPENING = 400   # characters where a dateline credit may stand
CLOSING = 600   # characters where a sign-off or copyright line may stand


@dataclass(frozen=True)
class Origin:
    """What an article's independence is decided by."""

    key: str      # "wire:reuters", "outlet:bbc.co.uk", "article:<id>"
    label: str    # what a reader is shown
    reason: str   # the rule that decided it, in words


def wire_of(article: Article) -> tuple[str, str] | None:
    """The wire service an article credits, with where the credit stands, or None."""
    text = article.text
    # Cleanup drops credit and copyright lines as page furniture: read the raw end too.
    ending = text[-CLOSING:] + "\n" + article.raw[-4 * CLOSING:]
    for where, found in (
        ("dateline", _DATELINE.search(text[:OPENING])),
        ("byline", _byline(article)),
        ("copyright line", _COPYRIGHT.search(ending)),
    ):
        if found is not None:
            name = WIRES.get(found.group("wire").lower()) if not isinstance(found, str) else found
            if name:
                return name, where
    if _REUTERS_SIGNOFF.search(ending):
        return "Reuters", "sign-off (Reuters' house style)"
    source = (article.meta.source or "").strip().lower()
    if source in WIRES:
        return WIRES[source], "source"
    return None


def _byline(article: Article):
    author = (article.meta.author or "").strip()
    if author:
        for part in re.split(r"[,|/;]| and ", author):
            name = WIRES.get(part.strip().lower().removeprefix("the ").strip())
            if name and len(part.strip()) > 1:
                return name
    return _BYLINE.search(article.text[:OPENING])


def outlet_of(article: Article) -> str | None:
    """The outlet: the metadata's `source`, else the URL's host, normalised; None if unknown.

    >>> from newsweave.model import Article, ArticleMeta
    >>> outlet_of(Article.from_text("a", "Text.", ArticleMeta(url="https://www.bbc.co.uk/news/1")))
    'bbc.co.uk'
    """
    source = " ".join((article.meta.source or "").split()).lower()
    if source:
        return re.sub(r"^the\s+", "", source)
    url = article.meta.url or ""
    try:
        host = (urlsplit(url).hostname or "").lower()
    except ValueError:
        host = ""
    host = re.sub(r"^(?:www\d?|m|mobile|amp|edition|beta)\.", "", host)
    return host or None


def origin_of(article: Article) -> Origin:
    """The article's origin (see the module docstring for the order of the rules)."""
    wire = wire_of(article)
    if wire is not None:
        name, where = wire
        return Origin(f"wire:{name.lower()}", name, f"credits {name} in its {where}")
    outlet = outlet_of(article)
    if outlet is not None:
        return Origin(f"outlet:{outlet}", article.meta.source or outlet, "same outlet")
    return Origin(f"article:{article.id}", article.meta.source or article.id,
                  "no outlet or wire credit known")
