"""Findings: what the stages conclude, as typed, frozen records that carry their evidence.

Every offset in these records is in the *cleaned-text* coordinates of the article named beside
it (``article.text``); only the briefing builder (``report/build.py``) maps them to raw offsets.
Texts that are slices of an article (a quote's words, a claim's sentence) are not stored twice:
the builder takes them from the article. Each record has ``to_dict``/``from_dict`` (see
``model.record``), which is how the store and worker processes keep them.

>>> ev = Evidence("a1", 0, 12)
>>> Claim.from_dict(Claim("c1", "Rain fell.", "single-source", ("a1",), 1, (ev,)).to_dict()).evidence
(Evidence(article='a1', start=0, end=12),)
"""
from __future__ import annotations

from dataclasses import dataclass

from newsweave.model.record import Record
from newsweave.model.span import Span


@dataclass(frozen=True)
class Evidence(Record):
    """A passage of one article, ``[start, end)`` in that article's cleaned text."""

    article: str
    start: int
    end: int

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise ValueError(f"bad evidence range [{self.start}, {self.end}) in {self.article}")


# ----------------------------------------------------------------------------- quotes
@dataclass(frozen=True)
class QuoteVariant(Record):
    """The same quote as another article words it (``text``), with a word diff."""

    article: str
    text: str
    diff: str


@dataclass(frozen=True)
class Quote(Record):
    """Who said what in one article: the speaker as the article mentions them ("he", "the
    spokesman"), the cue ("said"), the content (one or more passages), and, once resolved,
    the person or organisation behind the mention.

    The spans index the cleaned text of ``article``. ``also_reported_by`` and ``variants`` are
    set when a story links the same quote across articles.
    """

    speaker: Span | None
    cue: Span | None
    content: tuple[Span, ...]
    direct: bool
    anonymous: bool = False
    speaker_name: str | None = None
    role: str | None = None
    affiliation: str | None = None
    kind: str = "verb"  # verb | according | noun | quote
    score: float = 1.0
    speaker_type: str | None = None  # "person" | "organisation" | None (unknown)
    article: str = ""
    also_reported_by: tuple[str, ...] = ()
    variants: tuple[QuoteVariant, ...] = ()

    @property
    def start(self) -> int:
        return min(s.start for s in self.content)

    def evidence(self) -> tuple[Evidence, ...]:
        return tuple(Evidence(self.article, s.start, s.end) for s in self.content)


# ----------------------------------------------------------------------------- claims
@dataclass(frozen=True)
class Claim(Record):
    """A statement carried by one or more sources of a story.

    ``status``: ``corroborated`` (two or more independent origins support it), ``disputed``
    (a source disputes it) or ``single-source``. ``evidence`` lists the supporting passages,
    the representative statement first.
    """

    id: str
    text: str
    status: str
    sources: tuple[str, ...]
    independent_sources: int
    evidence: tuple[Evidence, ...]
    speakers: tuple[str, ...] = ()
    # Passages of other articles that dispute the claim (empty unless status is disputed).
    disputed_by: tuple[Evidence, ...] = ()
    # Why the status holds, in words a reader can check ("2 independent origins: ...").
    check: str = ""


@dataclass(frozen=True)
class DivergenceSide(Record):
    text: str
    claim: str | None
    evidence: tuple[Evidence, ...]


@dataclass(frozen=True)
class Divergence(Record):
    """Two accounts of the same matter that differ; ``about`` says what differs in one line."""

    about: str
    kind: str  # negation | number | date | participants | framing
    over_time: bool
    sides: tuple[DivergenceSide, ...]
    # The check the pair passed, in words ("same act 'send' by 'us'; one side negates it").
    check: str = ""


@dataclass(frozen=True)
class Coverage(Record):
    """Which source carries which claim: ``cells[s][c]`` is what source ``sources[s]`` does
    with claim ``claims[c]``: ``carries``, ``disputes`` or ``omits``."""

    claims: tuple[str, ...]
    sources: tuple[str, ...]
    cells: tuple[tuple[str, ...], ...]


# ----------------------------------------------------------------------------- actors
@dataclass(frozen=True)
class StanceEvidence(Record):
    """A passage showing an actor's position, with the polarity it shows."""

    article: str
    start: int
    end: int
    polarity: str  # favor | against | neutral
    kind: str  # quote | statement


@dataclass(frozen=True)
class Actor(Record):
    """A person or organisation of the story, with their position on its central question."""

    name: str
    aliases: tuple[str, ...] = ()
    role: str | None = None
    affiliation: str | None = None
    type: str = "person"  # person | organisation
    mentions: int = 0
    stance: str | None = None  # favor | against | neutral | unclear | None (not judged)
    stance_evidence: tuple[StanceEvidence, ...] = ()


@dataclass(frozen=True)
class PositionGroup(Record):
    """The positions of the actors of one affiliation."""

    affiliation: str
    stance: str
    counts: dict[str, int]
    actors: tuple[str, ...]


# ----------------------------------------------------------------------------- the rest
@dataclass(frozen=True)
class TimelineEvent(Record):
    """What happened on a date (``YYYY-MM-DD``, or ``--MM-DD`` when the year is unknown)."""

    date: str
    text: str
    evidence: tuple[Evidence, ...]
    sources: int
    # The passage that gave a year to a date written without one.
    year_evidence: Evidence | None = None
    # Every report that gives the day was published before it, or tells it in the future
    # tense: the event was still ahead (planned, scheduled, expected) when it was written,
    # not something that happened.
    planned: bool = False


@dataclass(frozen=True)
class SummarySentence(Record):
    """A summary sentence and the passages it stands on (its own first)."""

    text: str
    citations: tuple[Evidence, ...] = ()


@dataclass(frozen=True)
class OriginGroup(Record):
    """Articles that count as one source, the likely origin first, and why they were joined
    ("credits Reuters in its dateline", "same outlet", "rewrite of a", ...)."""

    articles: tuple[str, ...]
    label: str
    reasons: tuple[str, ...] = ()


@dataclass(frozen=True)
class Copy(Record):
    """Two articles of one origin: a ``duplicate`` (same text, small edits) or a ``rewrite``."""

    articles: tuple[str, str]  # the earlier first
    kind: str  # duplicate | rewrite
    similarity: float
