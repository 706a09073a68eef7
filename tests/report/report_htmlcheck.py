"""A strict reading of the rendered page: tag nesting, attributes, marks — for the report tests."""
from __future__ import annotations

from dataclasses import dataclass
from html.parser import HTMLParser

VOID = {"meta", "br", "img", "input", "link", "hr", "wbr", "source", "area", "col", "base", "embed"}


@dataclass
class Mark:
    attrs: dict[str, str]
    text: str
    article_anchor: str  # id of the enclosing article section


class Page(HTMLParser):
    """Parses a page, recording any end tag that does not close the innermost open element."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.errors: list[str] = []
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.ids: list[str] = []
        self.marks: list[Mark] = []
        self.scripts: list[str] = []
        self.stack: list[tuple[str, dict]] = []
        self.mark_text: list[str] | None = None
        self.in_script = False

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        self.tags.append((tag, attributes))
        if "id" in attributes:
            self.ids.append(attributes["id"] or "")
        if tag == "mark":
            if self.mark_text is not None:
                self.errors.append("nested <mark>")
            self.mark_text = []
        if tag == "script":
            self.in_script = True
            self.scripts.append("")
        if tag not in VOID:
            self.stack.append((tag, attributes))

    def handle_startendtag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if "id" in dict(attrs):
            self.ids.append(dict(attrs)["id"] or "")

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        if not self.stack or self.stack[-1][0] != tag:
            open_tags = [t for t, _ in self.stack]
            self.errors.append(f"</{tag}> while open: {open_tags[-5:]}")
            return
        _, attributes = self.stack.pop()
        if tag == "mark":
            section = next(
                (a.get("id", "") for t, a in reversed(self.stack)
                 if t == "section" and "article" in (a.get("class") or "")), "")
            self.marks.append(Mark(attributes, "".join(self.mark_text or []), section))
            self.mark_text = None
        if tag == "script":
            self.in_script = False

    def handle_data(self, data):
        if self.mark_text is not None:
            self.mark_text.append(data)
        if self.in_script:
            self.scripts[-1] += data


def parse(html: str) -> Page:
    page = Page()
    page.feed(html)
    page.close()
    if page.stack:
        page.errors.append(f"unclosed: {[t for t, _ in page.stack]}")
    return page
