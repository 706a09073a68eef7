"""The Story record: a group of articles about one event and everything the story stages found.

Story stages fill its fields with the records of ``model.findings`` (offsets in cleaned-text
coordinates); ``report/build.py`` turns it into the briefing's story dict. ``to_dict`` and
``from_dict`` round-trip it for the store.

>>> s = Story("s-1", ["a", "b"], title="Quake")
>>> Story.from_dict(s.to_dict()) == s
True
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any

from newsweave.model.findings import (Actor, Claim, Copy, Coverage, Divergence, OriginGroup,
                                      PositionGroup, Quote, SummarySentence, TimelineEvent)
from newsweave.model.record import dump, load


@dataclass
class Story:
    """A group of articles about one event (mutable: stages fill it in turn)."""

    id: str
    articles: list[str]
    title: str = ""
    aliases: list[str] = field(default_factory=list)
    summary: list[SummarySentence] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    divergences: list[Divergence] = field(default_factory=list)
    coverage: Coverage | None = None
    actors: list[Actor] = field(default_factory=list)
    question: str | None = None
    positions: list[PositionGroup] = field(default_factory=list)
    timeline: list[TimelineEvent] = field(default_factory=list)
    copies: list[Copy] = field(default_factory=list)
    # Articles grouped by origin (one wire story, one outlet, copies and rewrites), the likely
    # origin first, with the reasons (set by the copies stage); None until it runs.
    origins: list[OriginGroup] | None = None
    # What a stage added that has no field yet (JSON-able values only).
    extra: dict[str, Any] = field(default_factory=dict)

    # The fields that hold findings, in the order the briefing lists them.
    @property
    def origin_groups(self) -> list[list[str]] | None:
        """The origin groups as lists of article ids (None before the copies stage)."""
        return None if self.origins is None else [list(g.articles) for g in self.origins]

    @origin_groups.setter
    def origin_groups(self, groups: list[list[str]] | None) -> None:
        self.origins = None if groups is None else [
            OriginGroup(tuple(g), g[0] if g else "", ("given",)) for g in groups]

    FINDINGS = ("summary", "quotes", "claims", "divergences", "coverage", "actors", "question",
                "positions", "timeline", "copies", "origins")

    def to_dict(self) -> dict[str, Any]:
        return {f.name: dump(getattr(self, f.name)) for f in dataclasses.fields(self)}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Story":
        hints = _story_hints()
        return cls(**{f.name: load(hints[f.name], data[f.name])
                      for f in dataclasses.fields(cls) if f.name in data})

    def findings_dict(self) -> dict[str, Any]:
        """The findings only (what the store keeps per story), as JSON-able data."""
        return {name: dump(getattr(self, name)) for name in self.FINDINGS} | {
            "extra": dump(self.extra)}

    def set_findings(self, data: dict[str, Any]) -> None:
        """Put back findings kept by `findings_dict`."""
        hints = _story_hints()
        for name in (*self.FINDINGS, "extra"):
            if name in data:
                setattr(self, name, load(hints[name], data[name]))


def _story_hints() -> dict[str, Any]:
    import typing

    return typing.get_type_hints(Story)
