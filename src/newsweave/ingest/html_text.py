"""The visible text of an HTML document, with the raw index of every character.

``html.parser`` is run with ``convert_charrefs=False`` so that every piece of text and every
entity arrives with its own position in the source: text nodes are copied with their raw
indices, an entity maps all its characters to the ``&`` that starts it, and block elements add
line breaks that have no raw characters of their own. Malformed markup never raises: the parser
is lenient, and anything it cannot place is left out rather than given invented offsets.
Work is linear in the page: the open hidden elements are counted by name, so 100,000 nested
``<template>`` or ``<title>`` elements cost no more than 100,000 paragraphs.
"""
from __future__ import annotations

import html
import re
from collections import Counter
from html.parser import HTMLParser

from newsweave.ingest.mapped import MappedText

# Elements whose content is never shown as text.
_HIDDEN = frozenset({"script", "style", "template", "title", "noscript", "head"})
# Elements that start a new line of text.
_BLOCK = frozenset(
    "address article aside blockquote br dd details dialog div dl dt fieldset figcaption figure "
    "footer form h1 h2 h3 h4 h5 h6 header hgroup hr li main nav ol p pre section summary table "
    "tbody thead tfoot tr ul caption body html".split()
)
_CELL = frozenset({"td", "th"})
_HEAD_CONTENT = frozenset(
    {"meta", "link", "title", "script", "style", "base", "noscript", "template"})
_WHITESPACE = re.compile(r"\s")
_NEWLINE_POS = re.compile("\n")


def visible_text(raw: str) -> MappedText:
    """The text a reader of the page would see, each character mapped into ``raw``.

    >>> page = "<p>Caf&eacute; <b>open</b></p><script>x=1</script><p>Now</p>"
    >>> m = visible_text(page)
    >>> m.text.split()
    ['Café', 'open', 'Now']
    >>> page[m.starts[m.text.index("é")]:m.ends[m.text.index("é")]]
    '&eacute;'
    """
    parser = _VisibleText(raw)
    try:
        parser.feed(raw)
        parser.close()
    except Exception:  # noqa: BLE001 - a parser failure ends the text where it happened
        pass
    return parser.out


def plain_text(fragment: str) -> str:
    """A short HTML fragment (a feed title) as plain text on one line.

    >>> plain_text("Macron <b>troops</b> &amp; <img src=x onerror=alert(1)>allies")
    'Macron troops & allies'
    """
    return " ".join(visible_text(fragment).text.split())


class _OpenElements:
    """A stack of open element names with O(1) membership; every name is pushed and popped
    once, so a page's work stays linear however deep it nests.

    >>> stack = _OpenElements(); stack.open("head"); stack.open("template"); stack.forget("head")
    >>> "head" in stack, bool(stack), stack.close("template"), bool(stack)
    (False, True, None, False)
    """

    def __init__(self) -> None:
        self.stack: list[str] = []
        self.count: Counter[str] = Counter()
        # Entries still on the stack of elements that were forgotten (an unclosed <head>);
        # they lie below every live entry of their name, having been pushed before it.
        self.forgotten: Counter[str] = Counter()
        self.live = 0

    def open(self, tag: str) -> None:
        self.stack.append(tag)
        self.count[tag] += 1
        self.live += 1

    def forget(self, tag: str) -> None:
        """Treat every open ``tag`` as closed, leaving the others open."""
        gone = self.count.pop(tag, 0)
        self.forgotten[tag] += gone
        self.live -= gone

    def close(self, tag: str) -> None:
        """Close the innermost open ``tag`` and the elements opened inside it."""
        while self.stack:
            name = self.stack.pop()
            if self.count[name] > 0:
                self.count[name] -= 1
                self.live -= 1
                if name == tag:
                    return
            else:
                self.forgotten[name] -= 1

    def __contains__(self, tag: str) -> bool:
        return self.count[tag] > 0

    def __bool__(self) -> bool:
        return self.live > 0


class _VisibleText(HTMLParser):
    def __init__(self, raw: str) -> None:
        super().__init__(convert_charrefs=False)
        self.raw = raw
        self.line_starts = [0] + [m.end() for m in _NEWLINE_POS.finditer(raw)]
        self.out = MappedText()
        self.hidden = _OpenElements()  # open hidden elements
        self.pre = 0

    def _pos(self) -> int:
        line, col = self.getpos()
        return self.line_starts[line - 1] + col

    def handle_starttag(self, tag: str, attrs) -> None:
        if "head" in self.hidden and tag not in _HEAD_CONTENT:
            # A page that never closes its <head>: as in a browser, body content ends it.
            self.hidden.forget("head")
        if tag in _HIDDEN:
            self.hidden.open(tag)
        if tag == "pre":
            self.pre += 1
        self._break(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in self.hidden:
            self.hidden.close(tag)
        if tag == "pre" and self.pre:
            self.pre -= 1
        self._break(tag)

    def handle_startendtag(self, tag: str, attrs) -> None:
        self._break(tag)

    def _break(self, tag: str) -> None:
        if self.hidden:
            return
        if tag in _BLOCK:
            self.out.add("\n", self._pos(), synthetic=True)
        elif tag in _CELL:
            self.out.add(" ", self._pos(), synthetic=True)

    def handle_data(self, data: str) -> None:
        if self.hidden or not data:
            return
        start = self._pos()
        if not self.raw.startswith(data, start):  # never expected; do not guess offsets
            return
        if not self.pre:
            data = _WHITESPACE.sub(" ", data)
        self.out.add(data, start)

    def handle_entityref(self, name: str) -> None:
        self._reference("&" + name)

    def handle_charref(self, name: str) -> None:
        self._reference("&#" + name)

    def _reference(self, source: str) -> None:
        if self.hidden:
            return
        start = self._pos()
        if not self.raw.startswith(source, start):
            return
        end = start + len(source)
        if self.raw.startswith(";", end):
            end += 1
        value = html.unescape(self.raw[start:end])
        if value == self.raw[start:end]:  # not a known entity: it is literal text
            self.out.add(value, start)
        else:
            self.out.add(value, start, end)
