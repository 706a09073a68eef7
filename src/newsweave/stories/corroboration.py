"""Corroboration and disputes, each with a check a reader can verify.

A claim is a group of statements of different articles (``align.align_statements``). Before a
statement counts as support for the claim's representative statement it must pass three checks:

1. it says the same thing (``says_same``): no part that disagrees (polarity, numbers of one unit,
   the members of one group — ``parts.agree``), and
   - when both are attributed: the same speaker and reported words close in meaning
     (SAME_SPEAKER_SIMILARITY between the reported clauses), or two speakers reporting the same
     of the same subject (TWO_VOICES_SIMILARITY, stricter);
   - otherwise the same agent and statements close in meaning (SAME_AGENT_SIMILARITY), or no
     agent on either side and near-identical meaning (NO_AGENT_SIMILARITY);
2. the claim-support function (``nlp.support``, measured on FNC-1) does not read its article as
   unrelated to the claim (its most reliable decision: F1 0.99 out of sample; its support and
   dispute decisions are about 0.55 precise on their own, too weak to decide alone);
3. it comes from another origin: articles of one wire story, one outlet or copies count once
   (``story.origins``), and so do two articles that share a long sentence of their own words
   word for word, or most of it in the same order (``copied_articles``: two takes of one wire
   story; only the writer's words
   count, as a quotation printed word for word by two outlets is what the speaker said, not a
   sign that one outlet copied the other), and a sentence that is word for word the
   representative's (a copy, whatever the outlet).

A claim is ``corroborated`` when two origins or more stand behind it after these checks.

A claim is ``disputed`` only when a passage of another origin contradicts it on a comparable part
(a divergence of kind negation, number or date between reports of the same day) *and* the
claim-support function reads that passage's article as leaning to dispute the claim rather than
support it. Both the rule and the model must agree: either alone is wrong too often.

>>> same_words("Nine rifles were seized, the navy said.", "Nine rifles were seized, the Navy said")
True
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from difflib import SequenceMatcher

import numpy as np

from newsweave.model import Article, Story
from newsweave.nlp.claims import NEGATIVE_PREDICATES, NEGATORS, entity_key
from newsweave.stories.parts import agree
from newsweave.stories.statements import Statement, _agents, _overlaps, same_entity

# Cosine similarities of MiniLM vectors at which two statements say the same thing: between the
# reported clauses of one speaker; between two statements of one agent; between two statements
# that name no agent (only a near paraphrase).
SAME_SPEAKER_SIMILARITY = 0.65
TWO_VOICES_SIMILARITY = 0.75
SAME_AGENT_SIMILARITY = 0.72
NO_AGENT_SIMILARITY = 0.85
# A long sentence that differs from another in a word or two is a copy of it (wire copy edited).
COPY_MIN_WORDS = 12
COPY_SIMILARITY = 0.9
# Candidates below this combined score are not checked at all.
CORROBORATION_SIMILARITY = 0.6
# A sentence of the writer's own words this long, shared word for word (or all but a word or
# two) by two articles, makes them takes of one wire story (shorter ones, "he said", are alike
# by chance).
ARTICLE_COPY_MIN_WORDS = COPY_MIN_WORDS
# ... and so does a shorter sentence most of whose words (ARTICLE_COPY_SHARE, at least
# ARTICLE_COPY_WORDS) stand in the same order in the other: a take whose lead-in was edited ("As
# soon as the record-setting shot went through the net, officials briefly stopped the game to
# allow ..." / "After the record-setting point, officials briefly stopped ...").
ARTICLE_COPY_WORDS = 15
ARTICLE_COPY_SHARE = 0.8
# Entity labels that act: a shared one anchors two statements to one act. Places and
# nationalities ("Greek rioters", "between Europe and Asia") are the setting of most statements.
ACTOR_LABELS = {"PERSON", "ORG"}


def same_words(a: str, b: str) -> bool:
    """The same sentence word for word (case and punctuation aside), or all but a word or two
    of a long one ("Pigeon told" / "Mr. Pigeon told", "6 p.m." / "6: 00 p.m."): a copy.

    >>> same_words("No one was hurt.", "No one was hurt!"), same_words("No one was hurt.",
    ...     "No one was injured.")
    (True, False)
    >>> same_words("Police locked down the neighbourhood and negotiated with the suspect, who "
    ...            "gave himself up just after 6 p.m., Fanning said.", "Police locked down the "
    ...            "neighborhood and negotiated with the suspect, who gave himself up just after "
    ...            "6: 00 p.m., Mr. Fanning said.")
    True
    """
    wa, wb = _words(a), _words(b)
    if wa == wb:
        return True
    ta, tb = wa.split(), wb.split()
    if min(len(ta), len(tb)) < COPY_MIN_WORDS:
        return False  # short sentences are alike by chance: only an exact copy counts
    return SequenceMatcher(None, ta, tb, autojunk=False).ratio() >= COPY_SIMILARITY


def _words(text: str) -> str:
    return " ".join(re.findall(r"[a-z0-9]+", text.lower()))


_QUOTE_MARK = re.compile(r'["\u201c\u201d]')


def narrative(text: str) -> str:
    """The writer's own words of a sentence: the text outside quotation marks. An unpaired mark
    closes a quotation begun in an earlier sentence (``so I know ...," he said``) when a space,
    punctuation or the end follows it, else it opens one that runs to the end.

    >>> narrative('"We will pay," BP said, "in full."')
    'BP said,'
    >>> narrative('so I know whose ass to kick ," the president said.')
    'the president said.'
    >>> narrative('Obama said: "He would not be working for me')
    'Obama said:'
    """
    marks = [m.start() for m in _QUOTE_MARK.finditer(text)]
    cut: list[tuple[int, int]] = []
    if len(marks) % 2:
        first = marks[0]
        after = text[first + 1:first + 2]
        if text[first] == "\u201d" or (text[first] == '"' and not after.isalnum()):
            cut.append((0, first + 1))
            marks = marks[1:]
        else:
            cut.append((marks[-1], len(text)))
            marks = marks[:-1]
    cut += [(a, b + 1) for a, b in zip(marks[::2], marks[1::2])]
    keep, at = [], 0
    for a, b in sorted(cut):
        keep.append(text[at:a])
        at = max(at, b)
    keep.append(text[at:])
    return " ".join("".join(keep).split())


def copied(a: str, b: str, min_words: int = ARTICLE_COPY_MIN_WORDS) -> bool:
    """Whether two sentences are copies by their writer's words: ``same_words`` on the text
    outside quotation marks, which must be at least ``min_words`` long, or most words of the
    shorter in the same order in the other (ARTICLE_COPY_SHARE, at least ARTICLE_COPY_WORDS).

    >>> copied('"I am ashamed," Barton said.', '"I am ashamed," he said.')
    False
    >>> copied("Police said the storm killed 12 people in the valley on Monday night.",
    ...        "Police said the storm killed 12 people in the valley on Monday night!")
    True
    """
    na, nb = narrative(a), narrative(b)
    wa, wb = _words(na).split(), _words(nb).split()
    if min(len(wa), len(wb)) < min_words:
        return False
    if same_words(na, nb):
        return True
    blocks = SequenceMatcher(None, wa, wb, autojunk=False).get_matching_blocks()
    shared = sum(block.size for block in blocks)
    return shared >= ARTICLE_COPY_WORDS and shared >= ARTICLE_COPY_SHARE * min(len(wa), len(wb))


def denies(claim: dict) -> bool:
    """Whether a statement denies or refuses anything: a negator or a verb of denying anywhere
    in it, or a negated main verb. Two statements of which only one denies do not say the same
    ("does not require surgery" is no support for "underwent an MRI"), whatever their topic.

    >>> denies({"text": "Italy said its support excludes troops.", "lemmas": ["exclude"]})
    True
    >>> denies({"text": "Bush underwent an MRI.", "lemmas": ["undergo", "mri"]})
    False
    """
    if claim.get("negated"):
        return True
    words = set(re.findall(r"[a-z]+(?:'t)?", claim.get("text", "").lower().replace("\u2019", "'")))
    if words & NEGATORS or any(w.endswith("n't") for w in words):
        return True
    return bool(set(claim.get("lemmas", ())) & NEGATIVE_PREDICATES)


# Verbs that ask rather than assert: "Waxman asked the executives whether BP made mistakes"
# states nothing about BP's mistakes, "the president asked BP for a contribution" no payment.
ASKING = {"ask", "wonder", "inquire", "enquire", "query", "question", "request", "urge"}
_ASK_STEMS = {"inquire": "inquir", "enquire": "enquir", "query": "quer", "urge": "urg"}


def asks(claim: dict) -> bool:
    """Whether a statement's main verb or verb of saying asks or requests (see ASKING).

    >>> asks({"predicate": "ask", "cue": None}), asks({"predicate": "fall", "cue": "say"})
    (True, False)
    >>> asks({"predicate": "make", "cue": "queried"})
    True
    """
    if claim.get("predicate") in ASKING:
        return True
    # the cue may be the quotes stage's word as written ("asked"), not a lemma
    cue = (claim.get("cue") or "").split()
    return bool(cue) and any(cue[-1].startswith(_ASK_STEMS.get(verb, verb))
                             for verb in ASKING)


def _speakers(claim: dict) -> set[str]:
    """Who speaks: the speaker's key and the names inside the speaker's phrase ("the Italian
    government" -> italian), and, when the speaker is the subject of the sentence ("Kremlin
    spokesperson Dmitry Peskov underscored ..., stating that"), the people and organisations
    of that subject; never a place or subject named in what was said."""
    entities = claim.get("entities", ())
    name = entity_key(claim.get("speaker") or "")
    keys = {e["key"] for e in entities if e["role"] == "speaker" and e["key"]}
    if name:
        keys.add(name)
    agents = [e for e in entities if e["role"] == "agent" and e["key"]]
    keys |= {e["key"] for e in agents if set(e["key"].split()) <= set(name.split())}
    if name and any(same_entity(name, e["key"]) for e in agents):
        keys |= {e["key"] for e in agents if e["label"] in ACTOR_LABELS}
    return keys


def _named_speaker(claim: dict) -> bool:
    """Whether the speaker is named (a person, organisation or place), not "a spokesman"."""
    return any(e["role"] == "speaker" for e in claim.get("entities", ())) or bool(
        re.search(r"\b[A-Z][a-z]", claim.get("speaker") or ""))


def _actors(claim: dict) -> set[str]:
    """The people and organisations that act in a statement (subject or speaker)."""
    keys = {e["key"] for e in claim.get("entities", ())
            if e["role"] in {"agent", "speaker"} and e["label"] in ACTOR_LABELS and e["key"]}
    if claim.get("speaker"):
        keys.add(entity_key(claim["speaker"]))
    return {k for k in keys if k}


def copied_articles(statements: list[Statement], sim: np.ndarray) -> dict[str, str]:
    """Articles that share a sentence of their writer's own words (ARTICLE_COPY_MIN_WORDS or
    more, word for word or all but a word or two): article id -> the id standing for its group.
    Such articles are takes of one wire story, whatever their outlets."""
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        while parent.get(x, x) != x:
            x = parent[x]
        return x

    sentences = [k for k, s in enumerate(statements) if s.claim.get("kind", "sentence") ==
                 "sentence" and len(_words(narrative(s.claim.get("text", ""))).split())
                 >= ARTICLE_COPY_MIN_WORDS]
    for x, i in enumerate(sentences):
        for j in sentences[x + 1:]:
            a, b = statements[i].article, statements[j].article
            if a == b or float(sim[i, j]) < COPY_SIMILARITY - 0.1 or find(a) == find(b):
                continue
            if copied(statements[i].claim["text"], statements[j].claim["text"],
                      ARTICLE_COPY_MIN_WORDS):
                parent[find(b)] = find(a)
    return {aid: find(aid) for aid in {s.article for s in statements}}


def says_same(r: Statement, s: Statement) -> str | None:
    """Why statement ``s`` says what ``r`` says, or None (see check 1 of the module docstring)."""
    full = float(r.full @ s.full)
    if not agree(r.claim, s.claim, full) or denies(r.claim) != denies(s.claim) \
            or asks(r.claim) != asks(s.claim):
        return None
    speakers = [c.get("speaker") for c in (r.claim, s.claim)]
    if all(speakers):
        core = float(r.core @ s.core)
        if _overlaps(_speakers(r.claim), _speakers(s.claim)):
            return (f"same speaker, same reported words (similarity {core:.2f})"
                    if core >= SAME_SPEAKER_SIMILARITY else None)
        # two voices: what they report must be the same, about the same subject
        subject_r, subject_s = r.claim.get("content_agent"), s.claim.get("content_agent")
        if subject_r and subject_s and same_entity(entity_key(subject_r), entity_key(subject_s)) \
                and core >= TWO_VOICES_SIMILARITY:
            return f"two voices report the same of '{subject_r}' (similarity {core:.2f})"
        # an unnamed voice ("a spokesman said") can only repeat the other nearly word for word
        if not all(_named_speaker(c) for c in (r.claim, s.claim)) \
                and max(core, full) >= NO_AGENT_SIMILARITY:
            return f"unnamed voice, near paraphrase (similarity {max(core, full):.2f})"
        return None
    actors_r, actors_s = _actors(r.claim), _actors(s.claim)
    shared = next((x for x in actors_r for y in actors_s if same_entity(x, y)), None)
    if shared:
        return (f"same agent '{shared}' (similarity {full:.2f})"
                if full >= SAME_AGENT_SIMILARITY else None)
    if actors_r or actors_s:
        return None  # different actors, or an actor on one side only
    if full >= NO_AGENT_SIMILARITY:
        return f"near paraphrase (similarity {full:.2f})"
    return None


@dataclass
class Verdict:
    """What the checks found for one claim."""

    supporters: list[int]                 # statement indices that passed, the representative first
    origins: list[tuple[str, list[str]]]  # (label, article ids) per origin behind the claim
    disputed_by: list[int] = field(default_factory=list)  # statement indices
    dispute_checks: list[str] = field(default_factory=list)

    @property
    def independent(self) -> int:
        return len(self.origins)

    @property
    def status(self) -> str:
        if self.disputed_by:
            return "disputed"
        return "corroborated" if self.independent >= 2 else "single-source"

    def check(self) -> str:
        """The checks in words, as the briefing shows them."""
        named = "; ".join(label if ids == [label] else f"{label}: {', '.join(ids)}"
                          for label, ids in self.origins)
        if self.independent >= 2:
            text = (f"{self.independent} independent origins ({named}; articles sharing a "
                    f"sentence of their own words count once); each supporting passage says "
                    f"the same (same speaker or agent, close meaning, no conflicting part, "
                    f"both or neither denying) and the claim-support model does not read its "
                    f"article as unrelated")
        else:
            text = f"one origin ({named})"
        if self.dispute_checks:
            text += "; disputed: " + "; ".join(self.dispute_checks)
        return text


def origin_of_articles(story: Story) -> dict[str, tuple[int, str]]:
    """Article id -> (origin group number, its label) from the copies stage (each article its
    own origin when it did not run)."""
    out: dict[str, tuple[int, str]] = {}
    for n, group in enumerate(story.origins or []):
        for aid in group.articles:
            out[aid] = (n, group.label)
    base = len(out) + len(story.origins or [])
    for k, aid in enumerate(story.articles):
        out.setdefault(aid, (base + k, aid))
    return out


def verify(rep: int, members: list[int], statements: list[Statement], sim: np.ndarray,
           story: Story, support: dict[tuple[int, str], dict[str, float]],
           copies: dict[str, str] | None = None) -> Verdict:
    """Apply the three checks of the module docstring to one claim's statements.

    ``support[(rep, article)]`` holds the support model's probabilities for the representative
    statement against each other member's article (missing: not assessed, the check passes).
    ``copies``: ``copied_articles`` of the story (article -> the article standing for its
    takes of one wire story)."""
    r = statements[rep]
    origin = origin_of_articles(story)
    if copies:
        # takes of one wire story share one origin with everything their outlets carry
        parent: dict[int, int] = {}

        def find(x: int) -> int:
            while parent.get(x, x) != x:
                x = parent[x]
            return x

        for aid, (key, _) in origin.items():
            head = copies.get(aid, aid)
            if head in origin and find(origin[head][0]) != find(key):
                parent[find(key)] = find(origin[head][0])
        origin = {aid: (find(key), label) for aid, (key, label) in origin.items()}
    kept = [rep]
    for k in members:
        s = statements[k]
        if k == rep or s.article == r.article:
            continue
        # a statement may say the same as the representative or as a supporter already kept
        if float(sim[rep, k]) < CORROBORATION_SIMILARITY or not any(
                says_same(statements[j], s) is not None for j in kept):
            continue
        probs = support.get((rep, s.article))
        if probs is not None and max(probs, key=probs.get) == "unrelated":
            continue
        kept.append(k)
    # Origins: the copies stage's groups, and a word-for-word copy of an earlier kept sentence
    # joins that sentence's origin.
    key_of: dict[int, int] = {}
    for k in kept:
        text = statements[k].claim.get("text", "")
        twin = next((j for j in kept if j in key_of and same_words(
            statements[j].claim.get("text", ""), text)), None)
        key_of[k] = key_of[twin] if twin is not None else origin[statements[k].article][0]
    groups: dict[int, list[str]] = {}
    labels: dict[int, str] = {}
    for k in kept:
        aid = statements[k].article
        ids = groups.setdefault(key_of[k], [])
        if aid not in ids:
            ids.append(aid)
        labels.setdefault(key_of[k], origin[aid][1])
    return Verdict(kept, [(labels[g], ids) for g, ids in groups.items()])


def support_pairs(claims: list[tuple[int, list[int]]], statements: list[Statement],
                  articles: dict[str, Article], sim: np.ndarray
                  ) -> list[tuple[int, str]]:
    """The (representative, article) pairs the support check needs: one per candidate
    supporter's article (those that pass the similarity check)."""
    pairs: dict[tuple[int, str], None] = {}
    for rep, members in claims:
        for k in members:
            aid = statements[k].article
            if k != rep and aid != statements[rep].article and aid in articles \
                    and float(sim[rep, k]) >= CORROBORATION_SIMILARITY:
                pairs[(rep, aid)] = None
    return list(pairs)


def assess(pairs: list[tuple[int, str]], statements: list[Statement],
           articles: dict[str, Article], config) -> dict[tuple[int, str], dict[str, float]]:
    """The support model's probabilities for each (statement, article) pair."""
    from newsweave.nlp.support import assess_pairs

    if not pairs:
        return {}
    results = assess_pairs([(statements[k].claim["text"], articles[aid]) for k, aid in pairs],
                           config=config)
    return {pair: dict(result.probabilities) for pair, result in zip(pairs, results)}


def leans_to_dispute(probs: dict[str, float] | None) -> bool:
    """Whether the support model reads an article as disputing a claim rather than supporting
    it (used only together with a rule that found a contradiction)."""
    if probs is None:
        return False
    return probs.get("disputes", 0.0) > probs.get("supports", 0.0)
