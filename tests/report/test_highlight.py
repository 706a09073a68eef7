"""Splitting raw text into flat segments for overlapping and nested citations."""
from __future__ import annotations

import pytest

from newsweave.report.highlight import segments

TEXT = "abcdefghij"


def summary(cites, **options):
    return [(s.text, s.cites, s.mark_id, s.anchors, s.gap) for s in segments(TEXT, cites, **options)]


@pytest.mark.parametrize("cites, expected", [
    ([], [("abcdefghij", (), None, (), False)]),
    ([(1, 2, 4)], [("ab", (), None, (), False), ("cd", (1,), 1, (), False),
                   ("efghij", (), None, (), False)]),
    # crossing: 1 = [1, 5), 2 = [3, 7)
    ([(1, 1, 5), (2, 3, 7)], [("a", (), None, (), False), ("bc", (1,), 1, (), False),
                              ("de", (1, 2), 2, (), False), ("fg", (2,), None, (), False),
                              ("hij", (), None, (), False)]),
    # nested: 2 = [2, 4) inside 1 = [0, 6)
    ([(1, 0, 6), (2, 2, 4)], [("ab", (1,), 1, (), False), ("cd", (1, 2), 2, (), False),
                              ("ef", (1,), None, (), False), ("ghij", (), None, (), False)]),
    # same start: the longer one carries the id, the other gets an anchor
    ([(1, 0, 2), (2, 0, 4)], [("ab", (1, 2), 2, (1,), False), ("cd", (2,), None, (), False),
                              ("efghij", (), None, (), False)]),
    # identical ranges under two ids
    ([(1, 3, 5), (2, 3, 5)], [("abc", (), None, (), False), ("de", (1, 2), 1, (2,), False),
                              ("fghij", (), None, (), False)]),
    # empty citations: an anchor in the middle and one at the very end
    ([(1, 4, 4), (2, 10, 10)], [("abcd", (), None, (), False), ("efghij", (), None, (1,), False),
                                ("", (), None, (2,), False)]),
    # whole text
    ([(7, 0, 10)], [("abcdefghij", (7,), 7, (), False)]),
])
def test_segments(cites, expected):
    assert summary(cites) == expected


def test_segments_cover_the_text_in_order_without_overlap():
    cites = [(n, s, e) for n, (s, e) in enumerate([(0, 3), (1, 9), (2, 2), (5, 10), (5, 6), (8, 9)], 1)]
    parts = segments(TEXT, cites)
    assert "".join(p.text for p in parts) == TEXT
    for before, after in zip(parts, parts[1:]):
        assert before.end == after.start
    for n, s, e in cites:
        covered = [p for p in parts if n in p.cites]
        if s < e:
            assert "".join(p.text for p in covered) == TEXT[s:e]
        assert sum(p.mark_id == n for p in parts) + sum(n in p.anchors for p in parts) == 1


def test_invalid_citations_are_dropped():
    assert summary([(1, -1, 3), (2, 5, 11), (3, 6, 2)]) == [("abcdefghij", (), None, (), False)]


def test_long_text_is_shown_as_excerpts_around_citations():
    raw = "".join(chr(ord("a") + i % 26) for i in range(1000))
    parts = segments(raw, [(1, 500, 510), (2, 900, 905)], max_chars=100, context=20)

    shown = [(p.start, p.end) for p in parts if not p.gap]
    gaps = [(p.start, p.end) for p in parts if p.gap]
    assert gaps == [(20, 480), (530, 880), (925, 1000)]
    assert shown[0] == (0, 20) and shown[-1][1] == 925
    marked = {n: "".join(p.text for p in parts if n in p.cites) for n in (1, 2)}
    assert marked == {1: raw[500:510], 2: raw[900:905]}
    assert all(p.text == raw[p.start:p.end] for p in parts if not p.gap)
