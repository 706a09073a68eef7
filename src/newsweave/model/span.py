"""Spans: half-open character ranges over an article's cleaned text."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Span:
    """A half-open range ``[start, end)`` of an article's *cleaned* text.

    Spans live in cleaned-text coordinates while stages work; they are mapped to raw offsets
    (``Article.to_raw``) only when they leave the system.

    >>> Span(0, 5, "SENT").length
    5
    """

    start: int
    end: int
    label: str = ""
    attrs: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise ValueError(f"bad span [{self.start}, {self.end})")

    @property
    def length(self) -> int:
        return self.end - self.start

    def overlaps(self, other: "Span") -> bool:
        return self.start < other.end and other.start < self.end

    def contains(self, other: "Span") -> bool:
        return self.start <= other.start and other.end <= self.end

    def to_dict(self) -> dict[str, Any]:
        """``{"start", "end"}`` plus ``label`` and ``attrs`` when set.

        >>> Span.from_dict(Span(3, 9, "PERSON").to_dict())
        Span(start=3, end=9, label='PERSON', attrs={})
        """
        out: dict[str, Any] = {"start": self.start, "end": self.end}
        if self.label:
            out["label"] = self.label
        if self.attrs:
            out["attrs"] = self.attrs
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any] | list) -> "Span":
        if isinstance(data, (list, tuple)):  # the store's compact [start, end, label, attrs]
            start, end, *rest = data
            return cls(int(start), int(end), rest[0] if rest else "",
                       (rest[1] if len(rest) > 1 else None) or {})
        return cls(int(data["start"]), int(data["end"]), data.get("label", ""),
                   data.get("attrs") or {})
