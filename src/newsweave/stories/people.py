"""People across a story: one person however written, and one quote however many outlets carry it.

Names are grouped by a string similarity on normalised names (accents, titles and possessives
removed), not by a hand list: "Volodymyr Zelensky" and "Volodymyr Selensky" share a first name
and their surnames differ by one letter; "Kirby" joins "John Kirby" when that is the only
Kirby of the story. A quote reported by several articles (same speaker, similar content) is
linked with ``also_reported_by``; where the wording differs, ``altered`` shows the other
article's text and a word diff (``[-removed-]{+added+}``).

The story's ``quotes`` (``model.Quote``, speaker names resolved across articles) and ``actors``
(``model.Actor``) are filled as records, in cleaned-text offsets.

>>> same_person("Volodymyr Zelensky", "Volodymyr Selensky"), same_person("Joe Biden", "Jill Biden")
(True, False)
"""
from __future__ import annotations

import bisect
import functools
import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import replace
from difflib import SequenceMatcher

from newsweave.config import Config
from newsweave.lexicon import GIVEN_NAME_FORMS
from newsweave.model import Actor, Article, Quote, QuoteVariant, Story
from newsweave.nlp.claims import lemma
from newsweave.nlp.parse_pack import ensure_docs
from newsweave.nlp.speakers import TITLES, clean_name, initial_led, name_key
from newsweave.registry import story_stage
from newsweave.stories.furniture import among_repeated, in_furniture, repeated_page_ends
from newsweave.stories.quote_checks import shown_quotes
from newsweave.stories.topic import off_topic

SURNAME_SIMILARITY = 0.8   # "zelensky" / "selensky" = 0.875; "kirby" / "kerry" = 0.6
FIRST_NAME_SIMILARITY = 0.75
QUOTE_SIMILARITY = 0.6     # word-sequence similarity of two contents to count as one quote
QUOTE_SIMILARITY_UNNAMED = 0.8


# ----------------------------------------------------------------------------- names
@functools.lru_cache(maxsize=65536)
def normalise_name(name: str) -> str:
    """Lower case, no accents, no titles, no punctuation.

    >>> normalise_name("President Volodymyr Zelens'kyy's"), normalise_name("Ann Lee Jr.")
    ('volodymyr zelenskyy', 'ann lee')
    """
    name = clean_name(name)
    name = unicodedata.normalize("NFKD", name)
    name = "".join(ch for ch in name if not unicodedata.combining(ch))
    name = re.sub(r"[^\w\s-]", "", name.lower())
    words = name.replace("-", " ").split()
    while len(words) > 2 and words[-1] in _GENERATIONS:
        words.pop()  # "Anthony LaCalamita III" is Anthony LaCalamita
    return " ".join(words)


_GENERATIONS = {"jr", "sr", "ii", "iii", "iv"}


def _below(a: str, b: str, threshold: float) -> bool:
    """``_sim(a, b) < threshold``, most often decided by SequenceMatcher's cheap upper bounds
    (length, then shared letters), which are never below the ratio."""
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    return matcher.real_quick_ratio() < threshold or matcher.quick_ratio() < threshold or \
        matcher.ratio() < threshold


@functools.lru_cache(maxsize=65536)
def _sim(a: str, b: str) -> float:
    return SequenceMatcher(None, a, b, autojunk=False).ratio()


@functools.lru_cache(maxsize=65536)
def same_person(a: str, b: str) -> bool:
    """Whether two names can be one person: similar surnames and compatible first names (equal,
    similar, an initial, a short form of the other, or one name given as surname only).

    >>> same_person("Jim Mattis", "James Mattis"), same_person("Jim Mattis", "John Mattis")
    (True, False)
    """
    na, nb = normalise_name(a).split(), normalise_name(b).split()
    if not na or not nb:
        return False
    if _below(na[-1], nb[-1], SURNAME_SIMILARITY):
        return False
    if len(na) == 1 or len(nb) == 1:
        return True
    fa, fb = na[0], nb[0]
    if len(fa) == 1 or len(fb) == 1:
        return fa[0] == fb[0]
    return fa == fb or _sim(fa, fb) >= FIRST_NAME_SIMILARITY or \
        any(fa in forms and fb in forms for forms in GIVEN_NAME_FORMS)


class NameGroups:
    """Names grouped into people; the canonical name is the most frequent full form."""

    def __init__(self) -> None:
        self.groups: list[Counter] = []
        # Groups only grow, so what a name was compared with is remembered: each name's
        # comparisons with each (name, group) that joined since (``_joined``), per group
        # [one member is the same person, every full form is]. A large story asks for
        # thousands of names against hundreds of groups.
        self._joined: list[tuple[str, int]] = []
        self._sizes: list[int] = []
        self._compared: dict[str, tuple[int, dict[int, list[bool]]]] = {}

    def add(self, name: str) -> int:
        group = self.find(name)
        if group is None:
            self.groups.append(Counter())
            self._sizes.append(0)
            group = len(self.groups) - 1
        if name not in self.groups[group]:
            self._joined.append((name, group))
        self.groups[group][name] += 1
        self._sizes[group] += 1
        return group

    def _matches(self, name: str) -> dict[int, list[bool]]:
        seen, matches = self._compared.get(name, (0, {}))
        for other, group in self._joined[seen:]:
            same = same_person(name, other)
            state = matches.setdefault(group, [False, True])
            state[0] = state[0] or same
            if len(normalise_name(other).split()) > 1:
                state[1] = state[1] and same
        self._compared[name] = (len(self._joined), matches)
        return matches

    def find(self, name: str) -> int | None:
        full = len(normalise_name(name).split()) > 1
        best, best_count = None, -1
        matches = self._matches(name)
        for i in sorted(matches):
            any_same, all_full_same = matches[i]
            if not any_same:
                continue
            # a full name must agree with every full form of the group ("Joe" vs "Hunter")
            if full and not all_full_same:
                continue
            count = self._sizes[i]
            if count > best_count:
                best, best_count = i, count
        if best is None and not full:
            # "Saadi" after "Saadi Gaddafi": a lone given name of exactly one person named in
            # full (none has it as surname, or the loop above would have found it)
            given = normalise_name(name)
            having = [i for i, group in enumerate(self.groups)
                      if any(_given_name(other) == given for other in group)]
            if len(having) == 1:
                return having[0]
        return best

    def canonical(self, group: int) -> str:
        forms = self.groups[group]
        # (a transcript's "HILLARY CLINTON" label is the same person, written as a name; a
        # live blog's "H. Hayward" is "Tony Hayward" written short)
        return max(forms, key=lambda n: (len(normalise_name(n).split()) > 1, not n.isupper(),
                                         not initial_led(n), forms[n], len(n)))

    def aliases(self, group: int) -> list[str]:
        canon = self.canonical(group)
        return sorted(n for n in self.groups[group] if n != canon)


def _given_name(name: str) -> str | None:
    words = normalise_name(name).split()
    return words[0] if len(words) > 1 and len(words[0]) > 2 else None


# ----------------------------------------------------------------------------- quotes
def _words(text: str) -> list[str]:
    words = re.findall(r"\w+", text.lower().replace("\u2019", "'"))
    while words and words[0] in ("that", "if", "whether"):
        words = words[1:]
    return words


def content_similarity(a: str, b: str) -> float:
    """Similarity of two quoted contents, on words (order kept), for linking.

    >>> round(content_similarity("We won't send troops", "that we won't send troops"), 2)
    1.0
    """
    wa, wb = _words(a), _words(b)
    if not wa or not wb:
        return 0.0
    matcher = SequenceMatcher(None, wa, wb, autojunk=False)
    matched = sum(block.size for block in matcher.get_matching_blocks())
    return matched / min(len(wa), len(wb)) if min(len(wa), len(wb)) >= 4 else matcher.ratio()


def word_diff(a: str, b: str) -> str:
    """``b`` written against ``a``: removed words in ``[-...-]``, added words in ``{+...+}``.

    >>> word_diff("We will not send troops", "We shall not send any troops")
    'We [-will-]{+shall+} not send {+any+} troops'
    """
    wa, wb = a.split(), b.split()
    out: list[str] = []
    for op, i1, i2, j1, j2 in SequenceMatcher(None, wa, wb, autojunk=False).get_opcodes():
        if op == "equal":
            out.extend(wa[i1:i2])
            continue
        piece = ""
        if i2 > i1:
            piece += "[-" + " ".join(wa[i1:i2]) + "-]"
        if j2 > j1:
            piece += "{+" + " ".join(wb[j1:j2]) + "+}"
        out.append(piece)
    return " ".join(out)


def _normal_text(text: str) -> str:
    return " ".join(_words(text))


# ----------------------------------------------------------------------------- the stage
@story_stage("people@1", requires=("article.doc", "article.quotes", "article.entities"),
             assigns=("story.quotes", "story.actors"))
def people_stage(story: Story, articles: dict[str, Article], config: Config) -> None:
    """Resolve people across the story's articles; fill ``story.quotes`` and ``story.actors``."""
    members = [articles[a] for a in story.articles if a in articles]
    names = NameGroups()
    orgs: Counter = Counter()
    roles: dict[int, Counter] = defaultdict(Counter)
    affiliations: dict[int, Counter] = defaultdict(Counter)
    # 1. every person and organisation named in the story: full names first, then single
    # names that join one of them (a lone "Slovak" or "Kyiv" tagged PERSON is left out)
    singles: list[str] = []
    glued = _glued_names(members)
    for article, doc in zip(members, ensure_docs(members, config)):
        # (``_named_whole`` reads no parse of another text: compared once per article here,
        # not once per entity, since ``Doc.text`` builds the whole text each time)
        parse = doc if doc is not None and doc.text == article.text else None
        places = {article.span_text(e) for e in article.layer("entities") if e.label == "GPE"}
        for span in article.layer("entities"):
            text = article.span_text(span)
            if span.label in {"PERSON", "ORG"} and (
                    not _named_whole(article, parse, span, same_text=True) or text in glued):
                continue  # a caption's, a comment's or a page head's name, or two names glued
            if span.label in {"PERSON", "ORG"} and _credited(article.text, span.start):
                continue  # "(Reporting by X; editing by Y)": the agency's staff, not an actor
            if span.label == "PERSON":
                name = _person_name(_without_place(
                    _without_office_field(article.text, span.start, text), places))
                if not name:
                    continue
                if len(name.split()) > 1:
                    names.add(name)
                else:
                    singles.append(name)
            elif span.label == "ORG":
                orgs[_org_name(text)] += 1
    for name in singles:
        if names.find(name) is not None:
            names.add(name)
    # labels the entity tagger gave each name across the story ("Deepwater Horizon" a PERSON
    # once, a FAC or PRODUCT elsewhere)
    labels: dict[str, Counter] = defaultdict(Counter)
    for article in members:
        for span in article.layer("entities"):
            labels[normalise_name(_org_name(article.span_text(span)))][span.label] += 1
    speaking: set[int] = set()
    speaking_orgs: set[str] = set()
    # 2. speakers, with the role and affiliation their article gives, of the attributions a
    # briefing may show (stories/quote_checks.py); the others name no actor either
    entries = []
    acting: dict[str, set[str]] = defaultdict(set)
    staff: set[str] = set()
    # a quote of another story on the same page (a roundup's item, a digest's, a transcript's
    # other segment) is neither this story's quote nor its speaker this story's actor
    elsewhere = off_topic([a.id for a in members], {a.id: a for a in members})
    # a sentence that opens or closes several of the pages is the site's, not a report's (a
    # promotion crawled at each page's foot: "Hopes for ... remain alive, says Jim Muir.")
    repeated = repeated_page_ends(members)
    for article, doc in zip(members, ensure_docs(members, config)):
        found_acting, found_staff = _acts_and_staff(doc, article.meta.source)
        for name, verbs in found_acting.items():
            acting[name] |= verbs
        staff |= found_staff
        sentences = article.layers.get("sentences", [])
        starts = [s.start for s in sentences]
        for q in shown_quotes(article.values.get("quotes", []), doc, article.text):
            # (read in the sentences of its cue and its words: a short "Miller stated." is far
            # from any topic, what he stated is not)
            at = {bisect.bisect_right(starts, pos) - 1 for pos in
                  [q.cue.start if q.cue is not None else q.start,
                   *(part.start for part in q.content)]}
            if sentences and all(0 <= i < len(sentences) and elsewhere(
                    article, i, sentences[i].start, sentences[i].end) for i in at):
                continue
            if repeated and sentences and all(0 <= i < len(sentences) and among_repeated(
                    article.text[sentences[i].start:sentences[i].end], repeated) for i in at):
                continue
            group = None
            if q.speaker_name in glued:
                pass  # "Fitch BP" said: the speaker's name was run into the next one
            elif q.speaker_name and _looks_like_person(q, names):
                group = names.add(q.speaker_name)
                speaking.add(group)
                if q.role:
                    roles[group][q.role] += 1
                if q.affiliation:
                    affiliations[group][q.affiliation] += 1
            elif q.speaker_name and q.speaker_type == "organisation" and \
                    _names_an_organisation(q.speaker_name):
                orgs[_org_name(q.speaker_name)] += 2  # a speaking organisation is an actor
                key = normalise_name(_org_name(q.speaker_name))
                cue = doc.char_span(q.cue.start, q.cue.end, alignment_mode="expand") \
                    if q.cue is not None else None
                # "AP reported": a news agency passing news on does not speak in the story
                if cue is None or not len(cue) or lemma(cue.root) not in _REPORTING:
                    speaking_orgs.add(key)
            entries.append((article, q, group))
    # groups may have merged after a speaker was added: look each name up again
    quotes = [_story_quote(article, q, names, group) for article, q, group in entries]
    story.quotes = _link_reports(quotes, {a.id: a for a in members})
    actors = _actors(names, roles, affiliations, orgs, _acronyms(members))
    lower_words = {w for article in members for w in re.findall(r"\b[a-z]+\b", article.text)}
    outlets = {re.sub(r"[^a-z0-9]", "", (a.meta.source or "").lower()) for a in members} - {""}
    prose = {w for article in members for w in _PROSE_WORD.findall(article.text)}
    lowered = [article.text.lower() for article in members]
    story.actors = [a for a in actors if _is_actor(a, names, speaking, speaking_orgs, acting,
                                                   staff, labels)
                    and not _common_word(a, lower_words) and not _phrase(a, members, prose)
                    and not _outlet(a, outlets) and not _a_thing_named(a, members, lowered)]


def _a_thing_named(actor: Actor, members: list[Article], lowered: list[str]) -> bool:
    """A "person" the story writes after "the" in most of its mentions ("the Deepwater
    Horizon", "the Deepwater Horizon rig"): a vessel, a rig or a building named like a person,
    as people are not ("the actress Lena Moor" has a noun between)."""
    if actor.type != "person" or len(actor.name.split()) < 2:
        return False
    name = re.compile(r"(\bthe\s+)?\b" + re.escape(actor.name) + r"\b", re.IGNORECASE)
    low = actor.name.lower()
    after_the = total = 0
    for article, text in zip(members, lowered):
        if low not in text:
            continue  # (a cheap test first: most articles do not name most actors)
        for m in name.finditer(article.text):
            total += 1
            after_the += m.group(1) is not None
    return total >= 2 and 2 * after_the > total


def _glued_names(members: list[Article]) -> set[str]:
    """Entity texts that are two names run together by a flattened page ("Fitch BP" of
    "downgraded by Fitch BP has seen ...", "Bill BP" of "Bill BP for the costs"): the text ends
    in an organisation the story names on its own at least three times and three times as
    often as the whole, and what comes before is a name of its own in the story (or begins one:
    "Fitch" of "Fitch Ratings") or a word it also writes in lower case."""
    counts: Counter = Counter()
    orgs: Counter = Counter()
    for article in members:
        for span in article.layer("entities"):
            text = article.span_text(span).strip()
            counts[text] += 1
            if span.label == "ORG":
                orgs[text] += 1
    lower = {w for a in members for w in re.findall(r"\b[a-z]+\b", a.text)}
    out = set()
    for text, n in counts.items():
        words = text.split()
        for k in range(1, len(words)):
            head, tail = " ".join(words[:k]), " ".join(words[k:])
            if orgs[tail] >= max(3, 3 * n) and (counts[head] > 0 or (
                    k == 1 and head.lower() in lower) or any(
                    t != text and t.startswith(head + " ") for t in counts)):
                out.add(text)
                break
    return out


def _named_whole(article: Article, doc, span, *, same_text: bool = False) -> bool:
    """Whether an entity names one actor of the report: not inside page furniture (a page's
    head, a photo caption, a reader comment: ``stories.furniture``) and kept whole by the parse
    (one token of the name attaches outside it; "Fitch BP has seen", where "Fitch" ends one
    phrase and "BP" starts the next, has two)."""
    if in_furniture(article, span.start, span.end):
        return False
    # (``same_text``: the caller has compared the parse's text with the article's once)
    if doc is None or (not same_text and doc.text != article.text):
        return True
    tokens = doc.char_span(span.start, span.end, alignment_mode="expand")
    if tokens is None or len(tokens) < 2:
        return True
    outside = [t for t in tokens if not tokens.start <= t.head.i < tokens.end or t.head.i == t.i]
    return len(outside) <= 1


# Verbs of being or having: their subject does not act ("Tamiflu had proved effective").
_STATE_VERBS = {"be", "have", "seem", "become", "remain", "appear", "look", "prove", "contain",
                "include", "come", "get", "go", "lie", "sit", "stand", "exist", "belong"}
# The outlet's own people: a name given as "my colleague X", "Guardian journalists X", "the
# Guardian's X" is staff reporting the story, not an actor in it.
_STAFF_NOUNS = {"colleague", "colleagues", "journalist", "journalists", "correspondent",
                "correspondents", "reporter", "reporters", "editor", "columnist", "blogger",
                "writer", "photographer", "producer", "staff"}
# Nouns whose apposition is a title, not someone: "the headline, Sick Mexico".
_WORK_NOUNS = {"headline", "title", "column", "book", "film", "editorial", "article", "song",
               "show", "programme", "program", "slogan", "hashtag", "banner"}
# What an actor of a story is not, whatever the tagger said: things. Places and peoples (GPE,
# LOC, NORP) are actors only when they speak or act ("Texas sued"), as every actor.
_THING_LABELS = {"FAC", "PRODUCT", "WORK_OF_ART", "EVENT", "LAW"}


def _flat_name(token) -> str:
    """The name a proper noun ends: the run of proper nouns compounded onto it ("Chris
    McGreal"), not the words before it ("colleague", "Fox News'")."""
    start = token.i
    while start > 0 and token.doc[start - 1].pos_ == "PROPN" and \
            token.doc[start - 1].dep_ in {"compound", "flat"} and \
            token.doc[start - 1].head.i == token.i:
        start -= 1
    return normalise_name(token.doc[start:token.i + 1].text)


def _verb_acted(tok):
    """The verb a name is the acting subject of, or None. A name acts through its conjunct,
    its office ("Sunak's office said"), its officer ("NATO chief Mark Rutte said") or an agency
    phrase ("Italy, through Meloni's office, has stated"); the subject of a verb of being
    does not act ("Tamiflu had proved effective")."""
    t = tok
    while t.head.i != t.i and (t.dep_ in {"conj", "poss", "appos", "compound"} or (
            t.dep_ == "pobj" and t.head.lower_ in {"through", "via"})):
        t = t.head
    if t.dep_ == "prep" and t.lower_ in {"through", "via"} and t.head.pos_ == "VERB":
        return t.head
    if t.dep_ in {"nsubj", "csubj"} and t.head.pos_ in {"VERB", "AUX"} and \
            lemma(t.head) not in _STATE_VERBS:
        return t.head
    if t.dep_ == "pobj" and t.head.dep_ == "agent":
        return t.head.head  # "was sued by Texas"
    return None


def _is_staff(tok, outlet: str) -> bool:
    """"my colleague X", "Guardian journalists X", "the Guardian's X", "X, the Guardian's head
    of business": the outlet's own people (the outlet given by the article's source)."""
    def of_outlet(word) -> bool:
        low = word.lower_
        return bool(outlet) and len(low) >= 3 and (low in outlet or outlet in low)

    nouns = [tok.head] if tok.dep_ == "appos" else []
    nouns += [c for c in tok.children if c.dep_ == "appos" or (
        c.dep_ == "compound" and c.lower_ in _STAFF_NOUNS)]
    if any(of_outlet(c) for c in tok.children if c.dep_ == "poss"):
        return True
    for noun in nouns:
        staff_noun = noun.lower_ in _STAFF_NOUNS
        for owner in noun.children:
            # "the Guardian's head of business"; "Guardian journalists" (not "a Guardian reader")
            if owner.dep_ == "poss" and (of_outlet(owner) or (
                    staff_noun and owner.lower_ in {"my", "our"})):
                return True
            if owner.dep_ == "compound" and staff_noun and of_outlet(owner):
                return True
    return False


def _acts_and_staff(doc, source: str | None) -> tuple[dict[str, set[str]], set[str]]:
    """Names that act in an article (the subject of a verb that is not one of being, or its
    possessor or conjunct: "Texas sued", "Sunak's office said"), with the lemmas of their verbs,
    and names that are no actor however they act: the outlet's own staff and titles of works,
    normalised."""
    acting: dict[str, set[str]] = defaultdict(set)
    staff: set[str] = set()
    outlet = (source or "").lower()
    heads = [(tok, _flat_name(tok)) for tok in doc
             if tok.pos_ == "PROPN" and tok.dep_ not in {"compound", "flat"}]
    # entity names too: "NATO" in "NATO Secretary-General Jens Stoltenberg said" is no head
    heads += [(ent.root, normalise_name(_org_name(ent.text))) for ent in doc.ents
              if ent.label_ in {"ORG", "GPE", "NORP", "PERSON"}]
    for tok, name in heads:
        verb = _verb_acted(tok)
        if verb is not None:
            acting[name].add(lemma(verb))
            if lemma(verb) == "contribute" and any(
                    c.dep_ == "prep" and any(g.lower_ in {"report", "story", "article"}
                                             for g in c.children) for c in verb.children):
                staff.add(name)  # "X contributed to this report": a byline
        if tok.pos_ != "PROPN":
            continue
        if _is_staff(tok, outlet) or (tok.dep_ == "conj" and _is_staff(tok.head, outlet)):
            staff.add(name)
        elif tok.dep_ == "appos" and lemma(tok.head) in _WORK_NOUNS:
            staff.add(name)  # "under the headline, Sick Mexico,": a title, not a person
    return acting, staff


def _outlet(actor: Actor, outlets: set[str]) -> bool:
    """The story's own outlets ("Guardian" for the guardian's articles) report it; they are
    no actor in it."""
    key = re.sub(r"[^a-z0-9]", "", _org_name(actor.name).lower())
    return actor.type == "organisation" and bool(key) and any(
        key == o or (len(key) >= 4 and (key in o or o in key)) for o in outlets)


# Verbs by which an outlet or agency passes news on: its subject reports, it does not act.
_REPORTING = {"report", "quote", "cite", "publish", "broadcast", "air", "carry", "print"}


def _is_actor(actor: Actor, names: NameGroups, speaking: set[int], speaking_orgs: set[str],
              acting: dict[str, set[str]], staff: set[str],
              labels: dict[str, Counter]) -> bool:
    """Only people and organisations that speak or act in the story: not the outlet's own
    journalists, a name the tagger mostly took for a place or a thing (a rig, a drug, a
    state), a photo credit ("Name/Agency"), nor a name only mentioned."""
    forms = [actor.name, *actor.aliases]
    keys = {normalise_name(_org_name(f)) for f in forms}
    if any("/" in f or "\\" in f for f in forms) or keys & staff:
        return False
    votes: Counter = Counter()
    for key in keys:
        votes.update(labels.get(key, Counter()))
    own = votes["PERSON"] if actor.type == "person" else votes["ORG"]
    if sum(votes[label] for label in _THING_LABELS) > own:
        return False  # mostly a thing: a rig, a ship, a drug
    if actor.type == "person":
        group = names.find(actor.name)
        if group in speaking:
            return True
        surnames = {k.split()[-1] for k in keys if k}
        return bool(keys & set(acting)) or any(a.split()[-1] in surnames for a in acting if a)
    if any(_EVENT_NAME.search(f) or _NEWS_AGENCY.search(f) for f in forms):
        return False  # a congress that takes place, an agency that passes news on
    verbs = set().union(*(acting.get(k, set()) for k in keys))
    return bool(keys & speaking_orgs) or bool(verbs - _REPORTING)


# An event's name: a numbered or annual gathering ("VI Congress of Mayors", "the 5th World
# Water Forum", "Annual Conference of ...").
_EVENT_NAME = re.compile(
    r"^(?:the\s+)?(?:[IVXLC]+|\d+(?:st|nd|rd|th)|First|Second|Third|Fourth|Fifth|Annual)\s+"
    r"(?:[A-Z][\w'-]*\s+){0,3}(?:Congress|Conference|Summit|Forum|Meeting|Festival|Games|"
    r"Convention|Assembly|Session|Symposium|Expo|Championships?|Cup|Olympics)\b")
# A news agency reports a story; it is no party to it.
_NEWS_AGENCY = re.compile(r"\bnews agency\b|^(?:the\s+)?(?:Reuters|Associated Press|AP|AFP|"
                          r"Agence France-Presse|Xinhua|Press Association|PA|dpa|UPI|Interfax|"
                          r"Kyodo|Yonhap|ANSA|EFE|Tass|Itar-Tass)$", re.I)


def _common_word(actor: Actor, lower_words: set[str]) -> bool:
    """A one-word organisation that the story also writes in lower case is a common noun read
    as a name ("Campaign" cut from "Campaign for Fair Elections", "Authorities", "congress")."""
    words = actor.name.split()
    if actor.type != "organisation" or not words:
        return False
    if words[0][:1].islower():
        return True  # "ranking Republican", "congress"
    return len(words) == 1 and not words[0].isupper() and words[0].lower() in lower_words


# A lower-case word of running text: not a piece of an address or a handle ("sarah-palin",
# "twitter.com/palin").
_PROSE_WORD = re.compile(r"(?<![\w/.@#-])[a-z]+(?![\w/@-])")


def _phrase(actor: Actor, members: list[Article], prose: set[str]) -> bool:
    """A "person" whose name is mostly words the story also writes in lower case, in running
    text and not as that name itself ("sarah palin's church"), is a headline or a title read
    as a name ("Gunman Kills L. A. Deputy", "L. A. County Sheriff"): at least two such words,
    and more than half of its words of three letters or more. A name with one ("Art Ortiz",
    "Will Smith") or titles beside a name ("Deputy Sheriff Jerry Ortiz") stays. ``prose``:
    the story's lower-case words of running text, names included (a first, cheap pass)."""
    if actor.type != "person":
        return False
    words = re.findall(r"[^\W\d_]{3,}", actor.name)

    def phrase(lower: set[str]) -> bool:
        common = [w for w in words if w.lower() in lower]
        return len(common) >= 2 and 2 * len(common) > len(words)

    if len(words) < 2 or not phrase(prose):
        return False
    whole = re.compile(r"\s+".join(re.escape(w) for w in actor.name.lower().split()))
    lower = {w for article in members
             for w in _PROSE_WORD.findall(whole.sub(" ", article.text))}
    return phrase(lower)


def _looks_like_person(q, names: NameGroups) -> bool:
    """Whether a speaker is a person actor: typed so by speaker resolution, or a capitalised
    name of a person the story's entities know ("Okafor" when "Tom Okafor" was tagged). A
    name nobody tagged as a person ("Inflation", "Video") is no actor."""
    if q.speaker_type is not None:
        return q.speaker_type == "person" and _person_name(q.speaker_name) != ""
    return q.speaker_name is not None and len(q.speaker_name.split()) <= 4 and all(
        w[:1].isupper() for w in q.speaker_name.split()) and not any(
        w.lower() in _ORG_WORDS for w in q.speaker_name.split()) and \
        names.find(q.speaker_name) is not None


def _names_an_organisation(name: str) -> bool:
    """A named organisation ("the Sierra Club", "NATO"), not a bare noun that names none ("the
    agency", "the campaign") nor a pronoun or a document ("it", "which", "report")."""
    words = _org_name(name).split()
    # (an acronym is a name, not the pronoun it spells: "WHO")
    return bool(words) and any(w[:1].isupper() for w in words) and (
        words[0].lower() not in _NOT_ACTORS or (words[0].isupper() and len(words[0]) > 1))


# Words that never make an actor on their own, whatever a parse made of them.
_NOT_ACTORS = {"it", "they", "we", "which", "that", "who", "this", "these", "those", "report",
               "statement", "ad", "video", "poll", "study", "letter", "document", "data"}


_ORG_WORDS = {"office", "government", "ministry", "department", "house", "kremlin", "party",
              "council", "committee", "agency", "campaign", "administration", "court",
              "police", "army", "union", "nato", "commission", "parliament", "congress",
              "senate", "bank", "group", "company", "news", "times", "post", "report"}


_NOT_NAME_START = {"following", "after", "before", "when", "as", "while", "since", "with",
                   "by", "under", "according", "during", "unlike", "like", "dear", "says"}


# Words a timestamp glues before a name ("12.48 BST Tony Blair"): times, zones, days, months.
_TIME_WORDS = {"am", "pm", "a.m.", "p.m.", "bst", "gmt", "utc", "cet", "cest", "est", "edt",
               "et", "pst", "pdt", "monday", "tuesday", "wednesday", "thursday", "friday",
               "saturday", "sunday", "january", "february", "march", "april", "june", "july",
               "august", "september", "october", "november", "december", "posted", "updated"}
# Titles and offices: a name made only of them names no one ("Clerk", "Executive Secretary").
_TITLE_WORDS = {"clerk", "secretary", "minister", "president", "chairman", "chairwoman",
                "chair", "spokesman", "spokeswoman", "spokesperson", "director", "executive",
                "chief", "officer", "governor", "mayor", "senator", "general", "commander",
                "captain", "judge", "justice", "prosecutor", "attorney", "councillor",
                "councilor", "deputy", "vice", "prime", "premier", "ambassador", "envoy",
                "head", "manager", "administrator", "inspector", "sheriff", "chancellor",
                "lord", "sir", "dr", "mr", "mrs", "ms", "prof", "professor", "king", "queen",
                "prince", "princess", "pope", "bishop", "sergeant", "lieutenant", "colonel",
                # a party member named by the party ("Democrat") is no name
                "democrat", "democrats", "republican", "republicans", "tory", "tories"} \
    | TITLES  # and their abbreviations ("Dist" cut from "said Dist. Atty. Steve Cooley")


# Words that end a firm's name and no person's.
_COMPANY_WORDS = {"advisors", "advisers", "associates", "partners", "holdings", "industries",
                  "systems", "solutions", "services", "securities", "ratings", "capital",
                  "aid", "foods", "motors", "airlines", "airways", "group", "inc", "ltd",
                  "llc", "plc", "corp", "co", "company", "bank", "records", "media",
                  "communications", "pharmaceuticals", "technologies", "enterprises"}
# Offices that end no one's name (unlike "King", "Bishop" or "Judge", which are surnames too).
_OFFICE_WORDS = {"councilman", "councilwoman", "spokesman", "spokeswoman", "spokesperson",
                 "secretary", "minister", "president", "chairman", "chairwoman", "senator",
                 "governor", "mayor", "prosecutor", "attorney", "detective", "lieutenant",
                 "sergeant", "officer", "director", "commissioner", "superintendent",
                 "undersheriff", "lawyer", "congressman", "congresswoman", "assemblyman",
                 "assemblywoman", "alderman", "councillor", "councilor", "premier"}


_OFFICE_OF = re.compile(r"\b([A-Za-z]+)\.?\s+of\s+$")


def _without_office_field(text: str, start: int, name: str) -> str:
    """A name without the field of the office written before it, which NER took in
    ("Professor of History Juan Cole" -> "Juan Cole").

    >>> _without_office_field("Professor of History Juan Cole", 13, "History Juan Cole")
    'Juan Cole'
    >>> _without_office_field("the history of Mary Ann Lee", 15, "Mary Ann Lee")
    'Mary Ann Lee'
    """
    words = name.split()
    m = _OFFICE_OF.search(text[max(0, start - 40):start])
    if len(words) >= 3 and m and m.group(1).lower() in TITLES:
        return " ".join(words[1:])
    return name


def _person_name(text: str) -> str:
    """A PERSON entity as a name, or "" when it is not one ("Following Macron" -> "Macron",
    "BST Tony Blair" -> "Tony Blair", "Clerk" -> "").

    >>> _person_name("12.48 BST Tony Blair"), _person_name("Executive Clerk"), _person_name("Dist")
    ('Tony Blair', '', '')
    >>> [_person_name(n) for n in ("Lawyer Ann Lee", "Brooklyn Councilman", "F. B. I",
    ...                            "Chin' Gigante", "Gordon Advisors", "Rite Aid")]
    ['Ann Lee', '', '', 'Gigante', '', '']
    """
    words = clean_name(text).split()
    while words and (words[0].lower() in _NOT_NAME_START or words[0].lower().endswith("ing")
                     or words[0].lower() in _TIME_WORDS or not re.search(r"[A-Za-z]", words[0])
                     or words[0][-1] in "'\u2019"):  # a nickname's end: "Chin' Gigante"
        words = words[1:]
    if not words or not all(w[:1].isupper() for w in words):
        return ""
    if all(w.lower().strip(".") in _TITLE_WORDS for w in words):
        return ""
    if words[-1].lower().strip(".") in _OFFICE_WORDS:
        return ""  # "Brooklyn Councilman": an office, its holder unnamed
    if all(re.fullmatch(r"[A-Z]\.?", w) for w in words):
        return ""  # "F. B. I": initials of an organisation
    if len(words) > 1 and words[-1].lower() in _COMPANY_WORDS:
        return ""  # "Gordon Advisors", "Fitch Ratings", "Rite Aid": a firm NER read as a person
    return " ".join(words)


# A description written before an organisation's name ("Industry body Oil & Gas UK", "Oil
# firm BP", "Consumer group Which?"): not part of the name.
_ORG_DESCRIPTION = re.compile(
    r"^(?:[A-Z][\w.]*\s+)?(?:[a-z]+\s+){0,2}(?:body|group|firm|agency|company|giant|watchdog|"
    r"regulator|association|lobby|charity|union|bank|broker|insurer|airline|carrier|maker|"
    r"producer|operator|network|broadcaster|newspaper)\s+(?=[A-Z])")


# words NER takes in after a name: a day ("The United States on Friday slammed ...") or "there"
_ORG_TRAILER = re.compile(r"\s+(?:on\s+(?:monday|tuesday|wednesday|thursday|friday|saturday|"
                          r"sunday)|there|here)$", re.IGNORECASE)
# a wire story's staff credit: "(Reporting by Jane Doe; Editing by John Roe)"
_CREDIT = re.compile(r"(?:^|[(\n;]|-LRB-)\s*(?:additional\s+)?(?:reporting|editing|writing|"
                     r"compiled)\s+by\s+(?:[\w.'\u2019-]+\s+){0,6}?(?:and\s+|,\s*)?$",
                     re.IGNORECASE | re.MULTILINE)


# a byline: "By Jane Doe and Tom Roe WASHINGTON, Oct 20 (Reuters) -", "By Jane Doe\n"; the
# capital "By" and the dateline or line end after the names tell it from "led by Jane Doe"
_NAME_WORD = r"[A-Z][\w.'\u2019-]*"
_BYLINE_BEFORE = re.compile(rf"(?:^|\n|\s)By\s+(?:{_NAME_WORD}\s+){{0,6}}?(?:and\s+|&\s+|,\s*)?$")
_BYLINE_AFTER = re.compile(rf"(?:{_NAME_WORD}\s+){{0,3}}?{_NAME_WORD}"
                           rf"(?:\s+(?:and|&)\s+(?:{_NAME_WORD}\s+){{0,3}}?{_NAME_WORD})?"
                           r"\s*(?:\n|$|[A-Z]{3,}\b(?![a-z]))")


# the names of a closing credit, from one of them to "contributed to this report"
_CONTRIBUTED = re.compile(r"[A-Z][\w.'\u2019-]*(?:(?:\s+|,\s*|\s+and\s+|,\s+and\s+)"
                          r"[A-Z][\w.'\u2019-]*){0,12}\s+contributed\s+(?:to\s+this\s+"
                          r"(?:report|story|article)|reporting)\b")


def _credited(text: str, start: int) -> bool:
    """Whether the name at ``start`` is in a staff credit ("Reporting by X and Y; editing by Z")
    or a byline ("By X and Y WASHINGTON, Oct 20 (Reuters) -").

    >>> t = "(Reporting by Jane Doe and Tom Roe; editing by Bill Hale) Oil rose."
    >>> [_credited(t, t.index(n)) for n in ("Jane", "Tom", "Bill")]
    [True, True, True]
    >>> _credited("Police said they were led by Jane Doe.", 28)
    False
    >>> t = "The song, written by Jane Doe, was a hit. Reporting by Al Roe in the story."
    >>> _credited(t, t.index("Jane")), _credited(t, t.index("Al"))
    (False, False)
    >>> t = "* Aid uncertain By Jane Doe and Tom Roe WASHINGTON, Oct 20 (Reuters) - Oil rose."
    >>> _credited(t, t.index("Jane")), _credited(t, t.index("Tom"))
    (True, True)
    >>> t = "Oil rose. CNN's Mary Rogers, Ben Wedeman and Housam Ahmed contributed to this report."
    >>> [_credited(t, t.index(n)) for n in ("Mary", "Ben", "Housam")]
    [True, True, True]
    >>> t = "The Attack Was Led By Jane Doe As Police Watched. Oil rose."
    >>> _credited(t, t.index("Jane"))
    False
    """
    if _CREDIT.search(text, max(0, start - 80), start) is not None:
        return True
    if _CONTRIBUTED.match(text, start):
        return True  # "CNN's Mary Rogers and Housam Ahmed contributed to this report."
    return _BYLINE_BEFORE.search(text[max(0, start - 80):start]) is not None and \
        _BYLINE_AFTER.match(text, start) is not None


def _without_place(name: str, places: set[str]) -> str:
    """A person's name without a place NER glued in front of it from a line with no full stop
    ("Army must save Egypt Mubarak did ...": "Egypt Mubarak").

    >>> _without_place("Egypt Mubarak", {"Egypt"}), _without_place("Georgia Brown", {"Ohio"})
    ('Mubarak', 'Georgia Brown')
    """
    words = name.split()
    for place in sorted(places, key=len, reverse=True):
        n = len(place.split())
        if len(words) > n and " ".join(words[:n]) == place:
            return " ".join(words[n:])
    return name


def _org_name(text: str) -> str:
    """An organisation's name as written, without an article, a possessive or a description
    before it.

    >>> _org_name("the Pentagon's"), _org_name("Industry body Oil & Gas UK")
    ('Pentagon', 'Oil & Gas UK')
    >>> _org_name("U.S. investment bank Citigroup"), _org_name("oil firm Acme")
    ('Citigroup', 'Acme')
    >>> _org_name("The United States on Friday"), _org_name("Egyptian there")
    ('United States', 'Egyptian')
    """
    text = re.sub(r"^(the|a|an)\s+", "", text.strip(), flags=re.IGNORECASE)
    text = _ORG_DESCRIPTION.sub("", text)
    text = _ORG_TRAILER.sub("", text)
    return re.sub(r"(['\u2019]s?)$", "", text).strip()


def _story_quote(article: Article, q: Quote, names: NameGroups, group: int | None) -> Quote:
    """The article's quote with the story-wide name of its speaker."""
    name = q.speaker_name
    if name and group is not None:
        found = names.find(name)
        name = names.canonical(found if found is not None else group)
    return replace(q, article=article.id, speaker_name=name, also_reported_by=(), variants=())


def _similar_enough(texts: list[str], need: float) -> list[list[int]]:
    """For each text, in order, the others whose ``content_similarity`` with it may reach
    ``need``: a bound that never drops such a pair, from one sparse product instead of a
    SequenceMatcher per pair. The words two texts match in order are at most their common
    words counted with repeats, sum min(a_w, b_w) <= sum sqrt(a_w * b_w), so the similarity is
    at most that sum over the shorter length (over the mean length for short texts, as
    ``SequenceMatcher.ratio``)."""
    import numpy as np
    from scipy import sparse

    words = [_words(t) for t in texts]
    vocabulary: dict[str, int] = {}
    rows, cols, values = [], [], []
    for row, ws in enumerate(words):
        for word, count in Counter(ws).items():
            rows.append(row)
            cols.append(vocabulary.setdefault(word, len(vocabulary)))
            values.append(count ** 0.5)
    n = len(texts)
    if not n:
        return []
    if need <= 0:  # every pair reaches it (an empty text's similarity is 0.0)
        return [list(range(n)) for _ in range(n)]
    matrix = sparse.csr_matrix((values, (rows, cols)), shape=(n, max(len(vocabulary), 1)))
    lengths = np.array([len(ws) for ws in words], dtype=np.float64)
    out: list[list[int]] = []
    for start in range(0, n, 512):  # in row blocks, to bound the memory of a large story
        common = (matrix[start : start + 512] @ matrix.T).toarray()
        mine = lengths[start : start + 512, None]
        shorter = np.minimum(mine, lengths[None, :])
        # a little slack for the float sums: the bound only selects pairs to compare exactly
        bound = np.where(shorter >= 4, common / np.maximum(shorter, 1),
                         2 * common / np.maximum(mine + lengths[None, :], 1)) + 1e-6
        out.extend(np.nonzero(row >= need)[0].tolist() for row in bound)
    return out


def _link_reports(quotes: list[Quote], articles: dict[str, Article]) -> list[Quote]:
    """Link the same quote across articles (same speaker, similar words) and flag rewording."""
    texts = [" ".join(articles[q.article].span_text(s) for s in q.content) for q in quotes]
    reported: list[list[str]] = [[] for _ in quotes]
    variants: list[list[QuoteVariant]] = [[] for _ in quotes]
    candidates = _similar_enough(texts, min(QUOTE_SIMILARITY, QUOTE_SIMILARITY_UNNAMED))
    for i, qi in enumerate(quotes):
        for j in candidates[i]:
            qj = quotes[j]
            if j <= i or qi.article == qj.article:
                continue
            ni, nj = qi.speaker_name, qj.speaker_name
            if ni and nj and ni != nj:
                continue
            need = QUOTE_SIMILARITY if (ni and nj) else QUOTE_SIMILARITY_UNNAMED
            if content_similarity(texts[i], texts[j]) < need:
                continue
            for a, b in ((i, j), (j, i)):
                other = quotes[b].article
                if other not in reported[a]:
                    reported[a].append(other)
                if _normal_text(texts[a]) != _normal_text(texts[b]):
                    variants[a].append(QuoteVariant(other, texts[b], word_diff(texts[a], texts[b])))
    return [replace(q, also_reported_by=tuple(r), variants=tuple(v))
            for q, r, v in zip(quotes, reported, variants)]


# "the Syrian National Council (SNC)": a name with the acronym it is written as from then on
_DEFINED = re.compile(r"\b((?:[A-Z][\w'\-]*\s+(?:(?:of|for|and|the|on)\s+)*){1,7}[A-Z][\w'\-]*)"
                      r"\s*\(\s*([A-Z]{2,7})\s*\)")
_GLUE_WORDS = {"of", "for", "and", "the", "on"}


def _acronyms(members: list[Article]) -> dict[str, str]:
    """Acronyms the story's articles define ("The Syrian National Council (SNC) said ..."):
    acronym -> name, when the acronym's letters are the initials of the name's last words."""
    found: dict[str, str] = {}
    for article in members:
        for match in _DEFINED.finditer(article.text):
            words = match.group(1).split()
            acronym = match.group(2)
            # the fewest last words whose initials spell it (the glue words' own or not:
            # "Department of Energy (DOE)"), so "The" or "Monday" before the name is left out
            name = next((" ".join(words[-k:]) for k in range(1, len(words) + 1)
                         if words[-k][0].isupper() and acronym in {
                             "".join(w[0] for w in words[-k:] if w.lower() not in _GLUE_WORDS),
                             "".join(w[0].upper() for w in words[-k:])}), None)
            if name is None or len(name.split()) < 2:
                continue
            found.setdefault(acronym, name)
    return found


def _actors(names: NameGroups, roles, affiliations, orgs: Counter,
            acronyms: dict[str, str] | None = None) -> list[Actor]:
    actors = []
    # an organisation written both in full and as the acronym the story defined for it is one
    # actor, named in full
    merged: Counter = Counter()
    aliases: dict[str, set[str]] = defaultdict(set)
    for org, count in orgs.items():
        full = (acronyms or {}).get(org)
        if full and name_key(full) != name_key(org):
            merged[full] += count
            aliases[full].add(org)
        else:
            merged[org] += count
    orgs = merged
    for g in range(len(names.groups)):
        actors.append(Actor(
            name=names.canonical(g),
            aliases=tuple(names.aliases(g)),
            role=roles[g].most_common(1)[0][0] if roles[g] else None,
            affiliation=affiliations[g].most_common(1)[0][0] if affiliations[g] else None,
            type="person",
            mentions=sum(names.groups[g].values()),
        ))
    actors.sort(key=lambda a: -a.mentions)
    person_keys = {name_key(a.name) for a in actors}
    for org, count in orgs.most_common():
        if count < 2 or not org or name_key(org) in person_keys or names.find(org) is not None:
            continue
        actors.append(Actor(name=org, aliases=tuple(sorted(aliases.get(org, ()))),
                            type="organisation", mentions=count))
    return actors
