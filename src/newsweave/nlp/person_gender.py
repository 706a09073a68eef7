"""What an article itself says of a person's gender, so that "he" is never given to a woman.

No name lists and no guessing from first names: only what the text states. A person's gender
is known when the article writes an honorific before their name ("Ms. Reid"), gives them a
gendered role noun ("the actress", "spokeswoman", "her husband"), or, in a sentence where they
are the only person named and its subject, goes on to refer to them as "he" or "she" ("Reid
said she was ..."). An honorific or a role noun outweighs the pronouns; otherwise conflicting
evidence leaves the gender unknown, and unknown never blocks.
"""
from __future__ import annotations

import re
from collections import Counter
from typing import Literal

# also this module's names
from newsweave.lexicon import (  # noqa: F401
    PEOPLE_NOUNS,
    PERSON_NOUN_GENDER,
    PRONOUN_GENDER,
    HONORIFIC_GENDER as _HONORIFIC_GENDER,
    ROLE_GENDER,
)
from newsweave.nlp.spacy_stage import doc_text

Gender = Literal["female", "male"]

_HONORIFIC = re.compile(r"\b(Mr|Mrs|Ms|Miss|Mme|Mmes|Messrs|Sir|Dame|Lady|Lord)\.?\s+$")
_HONORIFIC_LED = re.compile(r"(Mr|Mrs|Ms|Miss|Mme|Mmes|Messrs|Sir|Dame|Lady|Lord)\.?\s+(?=[A-Z])")


def genders(doc, people) -> dict[int, Gender]:
    """The gender the article states for each person, keyed by ``id(person)``.

    ``people`` is the article's :class:`newsweave.nlp.speakers.PeopleIndex`.
    """
    text = doc_text(doc)
    votes: dict[int, Counter] = {}
    for person in people.people:
        count = votes.setdefault(id(person), Counter())
        for role_word in (person.role or "").lower().split():
            if role_word in ROLE_GENDER:
                count[ROLE_GENDER[role_word]] += 2
        for a, b in person.mentions:
            # (before the mention, or at its start when the recogniser took it in: "Ms
            # Bouvier")
            match = _HONORIFIC.search(text, max(0, a - 12), a) or _HONORIFIC_LED.match(text, a, b)
            if match:
                count[_HONORIFIC_GENDER[match.group(1).lower()]] += 2
            for word in _role_words(doc, a, b):
                count[ROLE_GENDER[word]] += 2
    # What the article states (an honorific, a role noun) decides; the pronouns of a sentence
    # only when it states nothing: "Mrs Clinton urged Russia to act, hours after the minister
    # gave his news conference" is no sign she is a man.
    stated = {key: Counter(count) for key, count in votes.items()}
    for sent in doc.sents:
        _vote_in_sentence(sent, people, votes)
    out: dict[int, Gender] = {}
    for key, count in votes.items():
        decided = stated.get(key) or count
        if len(decided) == 1:
            out[key] = next(iter(decided))
    return out


def _role_words(doc, start: int, end: int) -> list[str]:
    """Gendered role nouns attached to a mention: "the actress Lena Moor", "his wife, Lena",
    "Lena Moor, an actress,"."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return []
    near = [t for t in span.root.children if t.dep_ in ("compound", "appos", "nmod")]
    if span.start > 0:
        near.append(doc[span.start - 1])
    return [t.lower_ for t in near if t.lower_ in ROLE_GENDER]


def _vote_in_sentence(sent, people, votes: dict[int, Counter]) -> None:
    """"Reid said she ...": the only person of a sentence, its subject, and a later pronoun."""
    named = {id(people.mention_at[t.i]): (t, people.mention_at[t.i]) for t in sent
             if t.i in people.mention_at}
    if len(named) != 1:
        return
    (tok, person), = named.values()
    subject = tok if tok.dep_ != "compound" else tok.head  # "Tara" of "Tara Reid"
    if subject.dep_ not in ("nsubj", "nsubjpass"):
        return
    # a pronoun after another person the sentence speaks of without a name ("Amanda Lang ...
    # attacked the president for staying at his ranch") may be theirs: only those before one
    others = [t.i for t in sent if t.i > tok.i and t.pos_ == "NOUN" and (
        t.lower_ in PEOPLE_NOUNS or t.lower_ in PERSON_NOUN_GENDER)]
    stop = min(others, default=sent.end)
    seen = {PRONOUN_GENDER[t.lower_] for t in sent
            if tok.i < t.i < stop and t.lower_ in PRONOUN_GENDER}
    if len(seen) == 1:
        votes[id(person)][seen.pop()] += 1


def contradicts(gender_of: dict[int, Gender], person, pronoun: str) -> bool:
    """Whether the article says ``person`` is not who ``pronoun`` can refer to."""
    wanted = PRONOUN_GENDER.get(pronoun)
    known = gender_of.get(id(person)) if person is not None else None
    return wanted is not None and known is not None and known != wanted
