"""Text that knows, character by character, where it came from in a raw source.

HTML and Markdown readers turn markup into text; each character of that text keeps the raw index
where it begins (``starts``) and the raw index after its source (``ends``: an entity such as
``&eacute;`` is eight raw characters for one character of text). Cleaning such text composes the
two maps (:func:`newsweave.ingest.cleanup.clean_mapped`), so spans found later still point into
the raw input.
"""
from __future__ import annotations

from array import array
from dataclasses import dataclass, field


@dataclass
class MappedText:
    """A text with the raw range of each of its characters.

    >>> m = MappedText()
    >>> m.add("ab", 10); m.add("é", 12, 20); m.add("\\n", 20, synthetic=True)
    >>> m.text, list(m.starts), list(m.ends)
    ('abé\\n', [10, 11, 12, 20], [11, 12, 20, 20])
    """

    chars: list[str] = field(default_factory=list)
    # Machine integers, not lists: 16 bytes a character instead of about 70.
    starts: array = field(default_factory=lambda: array("q"))
    ends: array = field(default_factory=lambda: array("q"))

    def add(
        self, piece: str, start: int, end: int | None = None, *, synthetic: bool = False
    ) -> None:
        """Append ``piece``. Without ``end``, the piece is verbatim raw text from ``start``;
        with ``end``, every character of it came from ``raw[start:end]`` (an entity); a
        ``synthetic`` piece (a line break for a ``<p>``) has no raw characters of its own."""
        if not piece:
            return
        self.chars.append(piece)
        if synthetic:
            self.starts.extend([start] * len(piece))
            self.ends.extend([start] * len(piece))
        elif end is None:
            self.starts.extend(range(start, start + len(piece)))
            self.ends.extend(range(start + 1, start + len(piece) + 1))
        else:
            self.starts.extend([start] * len(piece))
            self.ends.extend([end] * len(piece))

    def extend(self, other: "MappedText", begin: int = 0, end: int | None = None) -> None:
        """Append ``other[begin:end]`` with its map."""
        text = other.text[begin:end]
        if text:
            self.chars.append(text)
            self.starts.extend(other.starts[begin:end])
            self.ends.extend(other.ends[begin:end])

    @property
    def text(self) -> str:
        if len(self.chars) > 1:
            self.chars[:] = ["".join(self.chars)]
        return self.chars[0] if self.chars else ""

    def __len__(self) -> int:
        return len(self.starts)
