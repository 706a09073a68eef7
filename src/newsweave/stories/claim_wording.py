"""Which of a claim's supporting passages the claim is shown as, and what each origin states.

A claim's statements passed the corroboration checks against one representative, but a passage
of another origin often states only part of it: "X starred in A and had a role in B" backed by
"X had a role in B"; "police suspect arson in a fire that caused $1 million in damage" backed by
"the fire caused more than $1 million in damage". Shown as the longer text, the claim tells a
reader that two origins said more than they did. So the claim is shown as a supporting passage
that the most origins state in full (``COVERED`` of its content words, maybe inflected), when
the representative is stated in full by no other origin, and the representative itself states
most of that passage (the claim is narrowed, not replaced).

Word overlap only chooses among passages that passed the checks; it does not decide support: a
paraphrase ("support excludes the presence of troops" / "support did not entail sending
troops") shares few words, and a floor on shared words (a quarter) dropped such supporters.

>>> covered(frozenset({"reid", "star", "american", "pie", "guest", "role", "scrubs"}),
...         frozenset({"reid", "guest", "role", "sitcom", "scrubs"}))
0.5714285714285714
"""
from __future__ import annotations

from collections.abc import Callable

from newsweave.stories.statements import Statement

# The share of a text's content words another passage must state for its origin to vouch for
# the text as written.
COVERED = 0.6
# The representative must state the passage shown in its place as fully (``COVERED``): the
# claim is narrowed to a part of what the representative says, never replaced by something it
# does not say ("accused of using a gun smuggled in to him" for "escaped after he pulled a
# gun": half of the passage's words).
NARROWS = COVERED
# The shortest stem two inflected forms must share ("release" / "releases").
_STEM = 4


def _stated(word: str, words: frozenset) -> bool:
    if word in words:
        return True
    if len(word) < _STEM:
        return False
    return any(len(w) >= _STEM and abs(len(w) - len(word)) <= 3
               and (w.startswith(word) or word.startswith(w)) for w in words)


def covered(text_words: frozenset, passage_words: frozenset) -> float:
    """The share of a text's content words (lemmas) that a passage states, maybe inflected."""
    if not text_words:
        return 0.0
    return sum(_stated(w, passage_words) for w in text_words) / len(text_words)


def origins_stating(k: int, kept: list[int], statements: list[Statement],
                    origin_of: Callable[[str], object]) -> int:
    """How many origins state statement ``k`` in full: its own, and each other origin with a
    kept passage that covers ``COVERED`` of its content words."""
    own = origin_of(statements[k].article)
    full = {own}
    for j in kept:
        key = origin_of(statements[j].article)
        if key not in full and covered(statements[k].lemmas, statements[j].lemmas) >= COVERED:
            full.add(key)
    return len(full)


def shown_wording(kept: list[int], statements: list[Statement],
                  origin_of: Callable[[str], object],
                  reads_alone: Callable[[Statement], bool],
                  states: Callable[[Statement, Statement], bool] = lambda part, whole: True
                  ) -> tuple[list[int], str | None]:
    """The supporters with the passage the claim is shown as first, and a note of the change for
    the claim's check (None when nothing changed).

    The representative (``kept[0]``) stays when another origin states it in full; otherwise the
    passage which the most origins state in full takes its place, if two origins or more do,
    it reads alone and the representative states it as fully (``NARROWS``) and states its
    proposition (``states(passage, representative)``: the corroboration check that the
    representative states the passage's event, numbers and dates)."""
    if len(kept) < 2:
        return kept, None
    rep = kept[0]
    note = None
    if origins_stating(rep, kept, statements, origin_of) < 2:
        best, most = rep, 1
        for k in kept[1:]:
            if not reads_alone(statements[k]) or covered(
                    statements[k].lemmas, statements[rep].lemmas) < NARROWS \
                    or not states(statements[k], statements[rep]):
                continue
            n = origins_stating(k, kept, statements, origin_of)
            if n > most:
                best, most = k, n
        if best != rep:
            kept = [best] + [k for k in kept if k != best]
            note = (f"shown as {statements[best].article}'s passage, which {most} origins state "
                    f"in full (the representative's text, from {statements[rep].article}, is "
                    f"stated in full by no other origin)")
    return kept, note
