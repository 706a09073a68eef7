"""Cut an article's raw text into flat segments so that cited passages can be marked.

Citations may overlap or nest; HTML elements may only nest. So the text is split at every citation
edge into non-overlapping segments, and each segment records every citation that covers it. The
page then wraps each covered segment in one flat ``<mark>``, which is always valid HTML.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

# Past this size an article is shown as excerpts around its cited passages: a page carrying the
# whole HTML source of a hundred long pages would be too heavy to open on a phone.
MAX_SHOWN_CHARS = 200_000
CONTEXT_CHARS = 1_500


@dataclass(frozen=True)
class Segment:
    """A piece of raw text ``[start, end)``.

    ``cites`` are the ids of the citations covering it; ``mark_id`` is the citation whose anchor
    this segment carries (it starts here); ``anchors`` are further citations starting here, which
    get an empty anchor element each. A ``gap`` segment stands for omitted text.
    """

    start: int
    end: int
    text: str
    cites: tuple[int, ...] = ()
    mark_id: int | None = None
    anchors: tuple[int, ...] = ()
    gap: bool = False


def _merge(ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(ranges):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def _shown_ranges(size: int, cites: list[tuple[int, int, int]], max_chars: int, context: int):
    if size <= max_chars:
        return [(0, size)]
    windows = [(0, min(size, context))]
    windows += [(max(0, s - context), min(size, e + context)) for _, s, e in cites]
    return _merge(windows)


def segments(
    raw: str,
    cites: Iterable[tuple[int, int, int]],
    *,
    max_chars: int = MAX_SHOWN_CHARS,
    context: int = CONTEXT_CHARS,
) -> list[Segment]:
    """Split ``raw`` at the edges of the citations ``(id, start, end)``.

    >>> [(s.text, s.cites, s.mark_id) for s in segments("abcdef", [(1, 1, 4), (2, 2, 5)])]
    [('a', (), None), ('b', (1,), 1), ('cd', (1, 2), 2), ('e', (2,), None), ('f', (), None)]
    """
    size = len(raw)
    valid = sorted(
        {(n, s, e) for n, s, e in cites if 0 <= s <= e <= size},
        key=lambda c: (c[1], -c[2], c[0]),
    )
    starts: dict[int, list[tuple[int, int, int]]] = {}
    for cite in valid:
        starts.setdefault(cite[1], []).append(cite)
    cuts = {s for _, s, _ in valid} | {e for _, _, e in valid}

    out: list[Segment] = []
    previous_end = 0
    for low, high in _shown_ranges(size, valid, max_chars, context):
        if low > previous_end:
            out.append(Segment(previous_end, low, "", gap=True))
        previous_end = high
        points = sorted({low, high} | {c for c in cuts if low < c < high})
        # Citations are contained in one shown range, but stay correct if one is not.
        active = {n: e for n, s, e in valid if s < low < e}
        for here, there in zip(points, points[1:]):
            active = {n: e for n, e in active.items() if e > here}
            mark_id, anchors = None, []
            for n, s, e in starts.get(here, []):
                if e > s and mark_id is None:
                    mark_id = n
                else:
                    anchors.append(n)
                if e > s:
                    active[n] = e
            out.append(
                Segment(here, there, raw[here:there], tuple(sorted(active)), mark_id, tuple(anchors))
            )
        # Citations starting at a range's end are empty ones (at most at the end of the text):
        # no segment starts there, so they get an empty segment for their anchors.
        tail = tuple(n for n, _, _ in starts.get(high, []))
        if tail:
            out.append(Segment(high, high, "", anchors=tail))
    if previous_end < size:
        out.append(Segment(previous_end, size, "", gap=True))
    return out
