"""Speaker resolution inside one article: "he", "the spokesman", "Kirby" -> "John Kirby".

People are the PERSON entities of the parse, grouped by surname (two people of one surname
stay two); each keeps the role and affiliation the article gives it ("Kremlin spokesman Dmitry
Peskov", "Matthew Miller, a State Department spokesperson", "Prime Minister Ulf Kristersson of
Sweden"). The speaker mention itself (the span at the cue) is never changed here; only its
name is found, in this order: a named person; a relative pronoun to the noun it stands for; a
pronoun to the person last speaking or last named; a role ("the White House spokesman") to
the person the article gives that role, else to the person named as the next speaker; a
document to its author ("a Reuters report"); an organisation or office to itself. What cannot
speak ("the report" with no author, "it", "the second time") gets no name, so that it never
becomes an actor (``speaker_kind``). Unnamed sources ("a NATO official, speaking
anonymously", "U.S. officials") are marked anonymous.

>>> from newsweave.nlp.spacy_stage import load_nlp
>>> doc = load_nlp()("Kremlin spokesman Dmitry Peskov spoke on Monday.")
>>> person = PeopleIndex(doc).people[0]
>>> person.name, person.role, person.affiliation
('Dmitry Peskov', 'Kremlin spokesman', 'Kremlin')
"""
from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass, field, replace

from newsweave.lexicon import PERSON_NOUN_GENDER, PRONOUN_GENDER, SAYING_VERBS
from newsweave.nlp import person_gender
from newsweave.nlp import speaker_kind as kinds
from newsweave.nlp.claims import lemma
from newsweave.nlp.quote_rules import find_quoted_spans, label_before
from newsweave.nlp.speaker_kind import (  # noqa: F401
    GROUP_PRONOUNS, ORG_NOUNS, PEOPLE_NOUNS, PERSON_PRONOUNS)
from newsweave.nlp.spacy_stage import doc_text

TITLES = {
    "mr", "mrs", "ms", "miss", "dr", "prof", "sen", "rep", "gov", "gen", "lt", "col", "sgt",
    "capt", "adm", "rev", "sir", "dame", "lord", "president", "senator", "representative",
    "governor", "secretary", "minister", "chancellor", "mayor", "judge", "justice", "pope",
    "king", "queen", "prince", "princess", "general", "chairman", "chairwoman", "speaker",
    "premier", "ambassador", "director", "commissioner", "leader", "spokesman",
    "spokeswoman", "spokesperson", "vice", "prime", "former", "chief", "deputy", "attorney",
    # ranks and offices of police, courts and prosecutors, and their abbreviations ("Dist.
    # Atty. Steve Cooley", "Clerk Dan Fallon", "Detective Dawn Retzlaff")
    "atty", "dist", "asst", "det", "insp", "supt", "sheriff", "undersheriff", "detective",
    "officer", "clerk", "sergeant", "lieutenant", "captain", "inspector", "constable",
    "superintendent", "prosecutor",
    # offices and trades written before a name ("Lawyer Michael Marinaccio", "Councilman Ann
    # Lee")
    "lawyer", "councilman", "councilwoman", "councillor", "councilor", "alderman",
    "assemblyman", "assemblywoman", "congressman", "congresswoman", "coach",
    # a player's position before the name ("WR Vincent Jackson", "QB Drew Brees")
    "wr", "rb", "qb", "lb", "cb", "fb",
    "professor",
}
COURTESY_TITLES = {"mr", "mrs", "ms", "miss", "mx", "sir", "dame", "madam", "mme", "messrs"}
ROLE_NOUNS = {
    "spokesman", "spokeswoman", "spokesperson", "president", "minister", "chancellor",
    "secretary", "official", "officials", "senator", "governor", "mayor", "leader", "chief",
    "director", "ambassador", "envoy", "diplomat", "aide", "adviser", "advisor", "premier",
    "representative", "congressman", "congresswoman", "candidate", "nominee", "chairman",
    "chairwoman", "head", "commander", "general", "prosecutor", "attorney", "judge",
    "spokespeople", "analyst", "expert", "source", "sources", "lawmaker", "lawmakers",
}
_PERSON_ROLE_NOUNS = ROLE_NOUNS - {"source", "sources", "officials", "lawmakers", "spokespeople"}
# Titles that a definite description uses for someone just named ("the US President").
HEAD_TITLES = {"president", "premier", "chancellor", "king", "queen", "pope", "governor",
               "mayor", "candidate", "nominee"}
ANON_NOUNS = {"official", "officials", "source", "sources", "aide", "aides", "person", "people",
              "diplomat", "diplomats", "insider", "insiders", "staffer", "staffers", "member",
              "members", "adviser", "advisers", "advisor", "advisors", "spokesman",
              "spokeswoman", "spokesperson", "lawmaker", "lawmakers", "analyst", "analysts",
              "someone", "observers", "critics", "experts"}
# "The source added": an anonymous source stays unnamed even when a name follows.
UNNAMED_NOUNS = {"source", "sources", "person", "people", "someone", "insider", "insiders"}
ANON_MARKERS = re.compile(
    r"\b(anonymous(ly)?|anonymity|unnamed|unidentified|not authori[sz]ed|declined to be "
    r"(named|identified)|on condition|speaking privately|familiar with)\b", re.IGNORECASE)
_AFFILIATION_LABELS = ("ORG", "GPE", "NORP", "FAC", "LOC")
# A surname alone is the person of that surname named within this many characters before it
# (about a sentence: "Tom Okafor says ... Okafor tells"), else the one the article names
# most, else the one named last ("Okafor" after a passing "his sister Ada Okafor's house").
NEAR = 250


@dataclass
class Person:
    """One person named in an article, with every mention of them."""

    name: str
    key: str
    mentions: list[tuple[int, int]] = field(default_factory=list)
    role: str | None = None
    affiliation: str | None = None


def name_key(name: str) -> str:
    """The surname, lower-cased and without accents or a possessive: the key people are grouped
    by inside an article.

    >>> name_key("Mr. Biden's"), name_key("Volodymyr Zelensky")
    ('biden', 'zelensky')
    >>> name_key("Ismail al-Salabi"), name_key("Salabi")
    ('salabi', 'salabi')
    """
    words = clean_name(name).split()
    # (an Arabic article joined to the surname is dropped as often as it is written)
    return _ARTICLE_PREFIX.sub("", words[-1].lower()) if words else ""


_ARTICLE_PREFIX = re.compile(r"^(?:al|el|ad|ar|as|ash|at|az|ul)-(?=\w{3,})")


def clean_name(name: str) -> str:
    """A person's name without leading titles, a possessive or surrounding punctuation.

    >>> clean_name("President Joe Biden's"), clean_name("German Chancellor Olaf Scholz")
    ('Joe Biden', 'Olaf Scholz')
    >>> clean_name("Fri Nov 19 2010 03:22:00 Aung San Suu Kyi"), clean_name("AP BP")
    ('Aung San Suu Kyi', 'BP')
    >>> clean_name("Images BP"), clean_name("BP BP"), clean_name("Neal Ascherson The")
    ('BP', 'BP', 'Neal Ascherson')
    >>> clean_name("EU and others")
    'EU'
    """
    # (an article the recogniser ran into the name: "says Neal Ascherson The Australians"; the
    # unnamed rest of a list: "The EU and others say")
    return _AND_OTHERS.sub("", _TRAILING_ARTICLE.sub("", split_title(name)[1]))


_TRAILING_ARTICLE = re.compile(r"\s+(?:The|A|An)$")
_AND_OTHERS = re.compile(r"\s+(?:and|&)\s+(?:others|other\s+\w+)$")


def split_title(name: str) -> tuple[str, str]:
    """``(title, name)``: the words up to the last title word, and the name after them.

    >>> split_title("Slovak Prime Minister Robert Fico")
    ('Slovak Prime Minister', 'Robert Fico')
    """
    name = re.sub(r"(['\u2019]s?)$", "", name.strip()).strip(" ,.;:-\u2014\"\u201c\u201d")
    name = without_page_residue(name)
    words = name.split()
    cut = 0
    for i, word in enumerate(words[:-1]):
        if any(part.lower().strip(".") in TITLES for part in word.split("-")):
            cut = i + 1
    return " ".join(words[:cut]), " ".join(words[cut:])


_INITIAL = re.compile(r"^[A-Z]\.?\s")
def without_page_residue(name: str) -> str:
    """A name without what a page's layout ran into it: a time stamp ("Fri Nov 19 2010 03:22:00
    Aung San Suu Kyi"), a caption's credit ("AP BP", "Images BP") or a caption's last word that
    is the name itself ("BP BP").

    >>> without_page_residue("Getty Images BP"), without_page_residue("AP Moller")
    ('BP', 'AP Moller')
    >>> without_page_residue("GMT BBC"), without_page_residue("14.34 BST Aisha Gadafy")
    ('BBC', 'Aisha Gadafy')
    """
    name = _STAMP.sub("", name)
    name = _AGENCY_BEFORE.sub("", name)
    return re.sub(r"^(\S+) \1$", r"\1", name)


# A news agency's credit that ends a caption, run into the name after it ("AP BP").
_AGENCY_BEFORE = re.compile(r"^(?:AP|Reuters|AFP|(?:Getty )?Images)\s+(?=[A-Z]{2,}\b)")  # not "AP Moller"
# A date and time run into a name by a page's layout: "Fri Nov 19 2010 03:22:00 ", "12:48 PM ".
_STAMP = re.compile(r"^(?:(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)\w*,? )?(?:[A-Z][a-z]{2,8}\.? \d{1,2},? "
                    r"\d{4},? )?\d{1,2}[:.]\d{2}(?::\d{2})?(?: ?[AP]M)?"
                    # (a time zone after it: "14.34 BST Aisha Gadafy")
                    r"(?:\s+(?:GMT|BST|UTC|EST|EDT|CET|CEST|ET))?\s+"
                    # a time zone left of a stamp: "15:06 GMT BBC Middle East editor"
                    r"|^(?:GMT|BST|UTC|EST|EDT|CET|CEST)\s+(?=[A-Z])")


def _surnames_mislabelled(doc, ents) -> list:
    """Surnames of people the text names in full that the recogniser gave another label as a
    subject ("Sarah Palin ... Palin used Twitter", with "Palin" tagged a place): the person,
    so a "she" after it is not the next name in the sentence."""
    # (the first and last words of each name given in full)
    firsts = {(words[-1], words[0]) for words in (
        e.text.split() for e in ents if len(e) > 1 and e.label_ in ("PERSON", ""))}
    surnames = {surname for surname, _ in firsts}
    taken = {t.i for e in ents for t in e}
    out = [e for e in doc.ents if len(e) == 1 and e.label_ in ("GPE", "ORG", "NORP", "LOC")
           and e.text in surnames and e.start not in taken
           and e.root.dep_ in ("nsubj", "nsubjpass")]
    # "Navi Pillay ... Ms Pillay accused the government" with "Ms Pillay" tagged an
    # organisation: an honorific makes the surname after it a person's, wherever it stands
    # (and whether or not the full name was recognised as one: "the family's solicitor,
    # Gareth Peirce" tagged an organisation too)
    out += [doc[e.end - 1:e.end] for e in doc.ents
            if len(e) == 2 and e.label_ in ("GPE", "ORG", "NORP", "LOC", "FAC")
            and e[0].text.rstrip(".") in _SURNAME_HONORIFICS and e[-1].is_title
            and e[-1].i not in taken]
    # "Carly Fiorina" tagged an organisation beside "her husband, Frank Fiorina": another first
    # name before a person's surname is another person of the family, not a body
    # (the surname also stands alone as the article's short form: "Fiorina said"; not "Boca
    # West" beside a "Kanye West", nor a particle of a name, "Le Pen")
    family = [e for e in doc.ents
              if len(e) == 2 and e.label_ == "ORG" and e[-1].text in surnames
              and e[0].pos_ == "PROPN" and e[0].is_title
              and e[0].text.rstrip(".") not in _SURNAME_HONORIFICS | _NAME_PARTICLES
              # (nor a title, "General Petraeus", nor a body's kind, "Justice Department")
              and e[0].lower_.rstrip(".") not in TITLES and e[-1].lower_ not in ORG_NOUNS
              and e[-1].lower_ not in _BODY_KINDS
              and (e[-1].text, e[0].text) not in firsts and e.start not in taken]
    if family:
        # (the text read once more only when there is such a name: most articles have none)
        alone = _standing_alone(doc)
        out += [e for e in family if alone[e[-1].text] >= 2]
    return out


def _standing_alone(doc) -> Counter:
    """How often each capitalised name word stands on its own, with no capitalised word
    either side ("Fiorina said")."""
    return Counter(t.text for t in doc if t.pos_ == "PROPN" and t.is_title and not (
        t.i > 0 and doc[t.i - 1].is_title) and not (t.i + 1 < len(doc) and doc[t.i + 1].is_title))


# Words that open a surname rather than a first name ("Le Pen", "Van Buren", "Al Jazeera").
_NAME_PARTICLES = {"Le", "La", "De", "Du", "Da", "Di", "Del", "Van", "Von", "Al", "El", "Bin",
                   "Ben", "Abu", "St", "Saint", "Mac", "Mc"}


_SURNAME_HONORIFICS = {"Mr", "Mrs", "Ms", "Miss", "Mme", "Dr"}


def initial_led(name: str) -> bool:
    """Whether a name opens on an initial ("H. Hayward"): a short form of a name written out
    elsewhere ("Tony Hayward"), never the one to show when that is known."""
    return _INITIAL.match(name) is not None


def _listed_with_names(ent) -> bool:
    """Whether a name stands in a list of named people ("the president, Michelle Obama and
    daughter Sasha"), not beside a common noun ("Derek Nash and his partner")."""
    root = ent.root
    if root.dep_ == "conj" and _names_someone(root.head):
        return True
    return any(c.dep_ == "conj" and _names_someone(c) for c in root.children)


def _names_someone(token) -> bool:
    """A name, or a noun that a name goes with ("their son Ben", "his wife, Heidi")."""
    return token.pos_ == "PROPN" or any(
        c.pos_ == "PROPN" and c.dep_ in ("compound", "appos", "flat") for c in token.children)


class PeopleIndex:
    """The people of one article, grouped by surname, with their role and affiliation."""

    def __init__(self, doc, until: int | None = None) -> None:
        self.doc = doc
        self.people: list[Person] = []
        self.by_key: dict[str, Person] = {}  # surname -> the first person of that surname
        self.mention_at: dict[int, Person] = {}  # token index -> person
        self._alone: dict[int, list[int]] = {}  # id(person) -> where the surname alone names them
        self._listed: set[int] = set()  # where a name stands in a list of several
        forms: dict[int, Counter] = {}
        # (``until``: where the readers' comments begin, whose "Comrade Obama" names no one)
        ents = [e for e in doc.ents if (until is None or e.start_char < until) and (
            e.label_ == "PERSON" or _titled(e) or _who_follows(e))]
        ents = [e for e in (_without_trailing_verb(e) for e in ents) if e is not None]
        # "#WeAreAllKobane (@OneLadyLibra)": a hashtag in an embedded tweet is no one's name
        ents = [e for e in ents if not e.text.startswith("#") and not (
            e.start_char > 0 and doc_text(doc)[e.start_char - 1] == "#")]
        ents += _named_in_apposition(doc, ents)
        ents += _surnames_mislabelled(doc, ents)
        # full names first, so that "Kirby" finds "John Kirby" mentioned later in the text
        for ent in sorted(ents, key=lambda e: (-len(clean_name(e.text).split()), e.start)):
            name = clean_name(ent.text)
            key = name_key(name)
            if not key or not any(ch.isupper() for ch in name) or (
                    len(ent) == 1 and ent.root.pos_ == "ADJ") or _acronym_led(name) or \
                    _ends_a_body_name(ent) or \
                    _in_a_quarter(ent) or \
                    _after_the(ent) or _dateline(ent) or _headline_only(ent) or \
                    _staff_credit(ent) or _word_before_a_poll(ent):
                continue
            person = self._find(name, key, ent.start_char)
            if person is None:
                person = Person(name, key)
                self.by_key.setdefault(key, person)
                self.people.append(person)
                forms[id(person)] = Counter()
            forms[id(person)][name] += 1
            person.mentions.append((ent.start_char, ent.end_char))
            if len(name.split()) == 1 and key == person.key:
                # (the surname alone: "Alex" for Alex Nash is his first name, and says nothing
                # of which Nash "Mr Nash" is)
                self._alone.setdefault(id(person), []).append(ent.start_char)
            if _listed_with_names(ent):
                self._listed.add(ent.start_char)
            for tok in ent:
                self.mention_at[tok.i] = person
            if person.role is None or person.affiliation is None:
                role, affiliation = role_of(ent)
                person.role = person.role or role
                person.affiliation = person.affiliation or affiliation
        for person in self.people:
            # the usual full form names the person ("Maria Lopez", not a one-off "Lyin' Maria
            # Lopez" in a quoted nickname)
            full = {n: c for n, c in forms[id(person)].items() if len(n.split()) > 1}
            if full:
                # (a given name written out before an initial: "Tony Hayward", not a live
                # blog's "H. Hayward")
                person.name = max(full, key=lambda n: (not initial_led(n), full[n], -len(n)))
            elif len(person.name.split()) == 1:
                # 'William "Monty" Graham': a nickname in quotation marks between the names
                # keeps the tagger from seeing the full name
                nicknamed = re.search(
                    r"\b([A-Z][a-z]+) [\"\u201c'\u2018][A-Z][\w.]*[\"\u201d'\u2019] "
                    + re.escape(person.name) + r"\b", doc_text(doc))
                if nicknamed is not None:
                    person.name = f"{nicknamed.group(1)} {person.name}"
        places = [p for p in self.people if _a_place(doc, p)]
        if places:
            self.people = [p for p in self.people if p not in places]
            self.mention_at = {i: p for i, p in self.mention_at.items() if p not in places}
            self.by_key = {k: p for k, p in self.by_key.items() if p not in places}
        self.people.sort(key=lambda p: min(m[0] for m in p.mentions))

    def _find(self, name: str, key: str, at: int) -> Person | None:
        """The person already seen that a name continues: the same full name or first name, or
        for a surname alone the person of that surname the article means ("Tom Okafor ...
        Okafor said" is not Ada Okafor, named once earlier)."""
        words = name.split()
        same = [p for p in self.people if p.key == key]
        if len(words) > 1:
            return next((p for p in same if _names_agree(p.name.split(), words)), None)
        if len(same) > 1:
            # "Barack Obama ... Obama said ... the president, Michelle Obama and daughter Sasha
            # ... Obama told reporters": once the surname alone stands for one of them, it goes
            # on meaning that one (the style guides give the other a first name)
            alone = [p for p in same if any(a < at for a in self._alone.get(id(p), ()))]
            if len(alone) == 1:
                return alone[0]
            # ... and one named only in a list ("the president, Michelle Obama and daughter
            # Sasha") is someone the story passes by, not the one it goes on about
            # (by the mentions that carry the surname: "Alex was handed the bill" is no
            # nearer a mention of the Nash that "Mr Nash" means)
            text = doc_text(self.doc)
            recent = [(a, p) for p in same for a, b in p.mentions
                      if at - NEAR < a < at and a not in self._listed
                      and key in text[a:b].lower()]
            if recent:
                return max(recent, key=lambda x: x[0])[1]
            return max(same, key=lambda p: (
                any(a < at and a not in self._listed for a, _ in p.mentions), len(p.mentions),
                max((a for a, _ in p.mentions if a < at), default=-1)))
        return same[0] if same else self._by_first_name(name)

    def _by_first_name(self, name: str) -> Person | None:
        return next(iter(self._with_first_name(name)), None)

    def _with_first_name(self, name: str) -> list[Person]:
        """The people named in full whose first name is ``name``, in order of first mention."""
        return [p for p in self.people if len(p.name.split()) > 1 and p.name.split()[0] == name]

    def person_at(self, start: int, end: int) -> Person | None:
        """The person a mention names: its head, or a name in front of the head ("Mr. Biden",
        "Kremlin spokesman Dmitry Peskov"). A name in an apposition, a possessive or a
        prepositional phrase is someone else ("Ruiz, a Lopez ally", "Sunak's office", "the
        spokesman for Mr. Lopez")."""
        span = self.doc.char_span(start, end, alignment_mode="expand")
        if span is None:
            return None
        root = span.root
        if root.pos_ == "PROPN" and root.ent_iob_ != "I" and (
                root.i + 1 >= len(self.doc) or self.doc[root.i + 1].ent_iob_ != "I") and \
                _ends_a_body_name(self.doc[root.i:root.i + 1]):
            # "NHS Greater Glasgow" is a body, whoever else "Glasgow" named (only a one-word
            # name: "DNC Chair Debbie Wasserman Schultz" is a person)
            return None
        if root.i in self.mention_at:
            return self.mention_at[root.i]
        for tok in reversed(span):
            if tok.i in self.mention_at and _in_head_phrase(tok, root):
                return self.mention_at[tok.i]
        if root.lower_.strip(".") in TITLES and root.lower_ not in _ON_BEHALF:
            # "U.S. Ambassador to Libya Gene Cretz": the parser hangs the name on the office's
            # preposition, with the place as part of it ("a spokesman for Gov. Charlie Crist"
            # speaks for the name, and is not it)
            for prep in (c for c in root.children if c.dep_ == "prep" and c.lower_ in _OFFICE_OF):
                name = next((c for c in prep.children if c.dep_ == "pobj"), None)
                if name is not None and name.i in self.mention_at and \
                        self.doc[name.left_edge.i].i not in self.mention_at and \
                        name.left_edge.is_title:
                    return self.mention_at[name.i]
        if root.pos_ in ("NOUN", "NUM", "PRON") or (root.pos_ == "ADJ" and root.dep_ in (
                "nsubj", "nsubjpass")):
            # "One of Gaddafi's sons, Saadi, said", "The spokesman, John Kirby, said": a
            # description with the name in apposition to it (which the parser may hang on
            # "secretary-general" read as an adjective, as a modifier between commas)
            for child in root.children:
                if child.dep_ == "npadvmod" and child.i in self.mention_at and \
                        child.left_edge.i > root.i and self.doc[child.left_edge.i - 1].text == ",":
                    return self.mention_at[child.i]
                if child.dep_ == "appos" and child.i in self.mention_at:
                    return self.mention_at[child.i]
                if child.dep_ == "appos" and child.pos_ == "PROPN" and _name_cased(child):
                    found = self._untagged_name(child, child.idx)
                    if found is not None:
                        return found
        if root.pos_ == "PROPN" and _name_cased(root):
            return self._untagged_name(root, start)
        if _name_cased(root) and root.lower_ in self.by_key and len(span) == 1:
            # "Jon Marks ... Marks said": a surname the tagger took for a plural noun (and NER
            # for a company) is still the person of that surname
            return self._find(root.text, root.lower_, start)
        return None

    def _untagged_name(self, token, at: int) -> Person | None:
        """A one-word name NER missed or typed otherwise: a surname ("Scholz said" after
        "Olaf Scholz"), or the given name of exactly one person named in full ("Saadi said"
        after "Saadi Gaddafi")."""
        if token.lower_ in self.by_key:
            return self._find(token.text, token.lower_, at)
        having = self._with_first_name(token.text)
        return having[0] if len(having) == 1 else None

    def with_role(self, noun: str, modifiers: set[str]) -> Person | None:
        """The person the article gives a role noun ("spokesman"), with compatible modifiers
        ("White House" spokesman is not the Kremlin's)."""
        found = None
        for person in self.people:
            role = (person.role or "").lower()
            if noun not in role.split():
                continue
            words = set(role.split()) | set((person.affiliation or "").lower().split())
            # (a title's own words say nothing of whose it is: "Spain's Foreign Minister" is
            # not China's "Foreign Minister")
            owners = {m.removesuffix("'s") for m in modifiers} - _TITLE_WORDS
            if owners and not owners & words:
                continue
            found = found or person
        return found


def _name_cased(token) -> bool:
    """Written as a name: a capital first and lower case after it ("Marks", "MacDonald",
    "O'Neill"; not "NATO")."""
    text = token.text
    return text[:1].isupper() and any(c.islower() for c in text[1:])


def _named_in_apposition(doc, ents) -> list:
    """Full names NER missed, given in apposition to a role: "the WHO's deputy head, Keiji
    Fukuda," names a person as surely as a tagged name does (even when NER calls it an ORG:
    nothing else stands in apposition to a person's role)."""
    covered = {t.i for e in ents for t in e}
    found = []
    for ent in doc.ents:
        if ent.label_ != "PERSON" and ent[0].text in _HONORIFICS and len(ent) >= 2 and \
                ent.root.dep_ == "appos" and ent.root.head.lower_ in _APPOSITION_HEADS and \
                not any(t.i in covered for t in ent if t.ent_type_ == "PERSON"):
            # "the former Saudi ambassador to the US, Prince Turki al-Faisal," (tagged as a
            # place): a royal's or noble's title before a name in apposition to a role
            found.append(ent)
    for tok in doc:
        if tok.dep_ != "appos" or tok.pos_ != "PROPN" or tok.i in covered or \
                tok.head.lower_ not in _APPOSITION_HEADS or tok.ent_type_ in _NOT_PERSON_LABELS:
            continue
        start = tok.i
        while start > 0 and doc[start - 1].dep_ == "compound" and doc[start - 1].pos_ == "PROPN" \
                and doc[start - 1].head.i == tok.i:
            start -= 1
        span = doc[start: tok.i + 1]
        if len(span) >= 2 and all(t.is_title for t in span) and not covered & set(range(
                span.start, span.end)):
            found.append(span)
    return found


# Nouns for one person that a name in apposition names ("one protester, Xiao Tan,").
_APPOSITION_HEADS = _PERSON_ROLE_NOUNS | {
    w for w in PEOPLE_NOUNS if not w.endswith("s") and w not in ("people", "family", "one",
                                                                 "someone", "everyone",
                                                                 "anyone", "nobody")} | {
    "protester", "protestor", "student", "teacher", "worker", "driver", "passenger", "victim",
    "survivor", "neighbour", "neighbor", "lawyer", "doctor", "nurse", "farmer", "fan"}
_NOT_PERSON_LABELS = {"GPE", "NORP", "LOC", "FAC", "PRODUCT", "EVENT", "WORK_OF_ART"}
# Titles that only a person's name follows.
_HONORIFICS = {"Prince", "Princess", "King", "Queen", "Sheikh", "Sheik", "Emir", "Sultan",
               "Crown", "Lord", "Lady", "Sir", "Dame", "Ayatollah", "Grand"}


_DASHES = {"-", "--", "\u2013", "\u2014"}


def _who_follows(ent) -> bool:
    """A name the tagger typed as a place or an organisation that a "who" clause describes
    ("Quinn, who threw two interceptions"): "who" is said of people."""
    if ent.label_ not in ("GPE", "ORG", "NORP", "LOC") or ent.root.pos_ != "PROPN":
        return False
    return any(c.dep_ == "relcl" and any(t.lower_ == "who" and t.i < c.i for t in c.subtree)
               for c in ent.root.children)


def _dateline(ent) -> bool:
    """"Meadow Lake, Saskatchewan – The council said": a place opening a line, then a dash,
    is the report's dateline, whatever NER made of it."""
    doc = ent.doc
    opens_line = ent.start == 0 or "\n" in doc[ent.start - 1].text_with_ws or \
        doc[ent.start - 1].is_space
    # (a dash set apart by spaces, not a word's hyphen: "Roberta A. Kaplan, a New York-based
    # lawyer" opens a line too)
    return opens_line and any(t.text in _DASHES and doc[t.i - 1].whitespace_
                              for t in doc[ent.end: ent.end + 5])


_STAFF_CREDIT = re.compile(r"\bcontributed (?:to this (?:report|story|article)|reporting)\b|"
                           r"\b(?:Additional reporting|Reporting|Writing|Editing) by\b", re.I)


def _staff_credit(ent) -> bool:
    """A name in the report's credit line ("CNN's Housam Ahmed contributed to this report",
    "Reporting by Jo Lee"): a journalist, not someone the report quotes, so "Ahmed said"
    earlier in the text is not that journalist."""
    return _STAFF_CREDIT.search(ent.sent.text) is not None


def _headline_only(ent) -> bool:
    """A name found only in a Title Case headline on the text's first line ("Inmate Pulls Gun
    On And Handcuffs Guards, Runs Away" gives NER a "Handcuffs Guards"): capitals there say
    nothing about names, so it counts only when the report below names it too."""
    doc = ent.doc
    text = doc.text
    first_end = text.find("\n")
    if first_end < 0 or ent.start_char >= first_end:
        return False
    words = [w for w in text[:first_end].split() if w[:1].isalpha()]
    if len(words) < 4 or sum(w[0].isupper() for w in words) < 0.8 * len(words):
        return False
    last = ent[-1].text
    return re.search(rf"\b{re.escape(last)}\b", text[first_end:]) is None


# Prepositions of place, and nouns of an area a place's name qualifies ("the Baba Amr district").
_PLACE_PREPOSITIONS = {"in", "at", "from", "into", "near", "inside", "outside", "across",
                       "around", "through", "towards", "toward"}
_AREA_NOUNS = {"district", "area", "neighbourhood", "neighborhood", "city", "town", "village",
               "suburb", "province", "region", "quarter", "county", "state", "camp"}


def _a_place(doc, person: Person) -> bool:
    """A name the tagger took for a person that the article writes as a place: in two mentions
    or more, and most of them, after a preposition of place or before an area's noun ("in Baba
    Amr", "the Baba Amr district"), and never as the subject of a verb."""
    placed = 0
    for start, end in person.mentions:
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None or not len(span):
            continue
        root = span.root
        if root.dep_ in ("nsubj", "nsubjpass") or (span.end < len(doc)
                                                   and doc[span.end].tag_ == "POS"):
            return False  # "Amr said", "Amr's": someone
        if (root.dep_ == "pobj" and root.head.lower_ in _PLACE_PREPOSITIONS) or (
                root.dep_ == "compound" and root.head.lower_ in _AREA_NOUNS):
            placed += 1
    return placed >= 2 and 2 * placed > len(person.mentions)


def _word_before_a_poll(ent) -> bool:
    """A one-word "name" that is a kind of poll ("Exit polls"), not a person."""
    return len(ent) == 1 and kinds.names_a_kind_of_poll(ent.root)


def _after_the(ent) -> bool:
    """"the Mysore", "the Orla": a name right after "the" that heads its noun phrase is a
    ship, a building or a brand, not a person (people are "the actress Lena Moor", with a noun
    between; "the Clinton campaign" names Clinton as a modifier)."""
    if ent.start == 0 or ent.doc[ent.start - 1].lower_ != "the":
        return False
    if ent.root.dep_ == "compound" and ent.root.head.lower_ in _PLACE_NOUNS:
        return True  # "the Ida Yarbrough apartments": a place named after a person
    return ent.root.dep_ not in ("compound", "poss", "amod", "nmod")


# Nouns of places and buildings that carry a person's name ("the Ida Yarbrough apartments").
_PLACE_NOUNS = {"apartments", "apartment", "street", "avenue", "road", "building", "buildings",
                "hospital", "school", "center", "centre", "park", "bridge", "homes", "houses",
                "tower", "towers", "hall", "complex", "estate", "projects", "stadium", "arena",
                "library", "airport", "station", "museum", "memorial", "highway", "field"}


def _ends_a_body_name(span) -> bool:
    """Whether a one-word name ends an acronym-led run of names ("Glasgow" of "NHS Greater
    Glasgow"): the body's name, whatever the recogniser made of the word."""
    return len(span) == 1 and _acronym_led(_proper_phrase(span))


def _proper_phrase(ent) -> str:
    """The run of proper nouns an entity ends ("NHS Greater Glasgow" of the "Glasgow" NER took
    for a person), or the entity's own text when fewer than two come before it ("CEO
    Stumpf" is a person with a title)."""
    doc, start = ent.doc, ent.start
    # (a title stops it: "FBI Director James Comey" is a person)
    while start > 0 and doc[start - 1].pos_ == "PROPN" and doc[start - 1].dep_ == "compound" \
            and start <= doc[start - 1].head.i < ent.end \
            and doc[start - 1].lower_.strip(".") not in TITLES:
        start -= 1
    return doc[start:ent.end].text if ent.start - start >= 2 else ent.text


# Words that name a quarter of a place ("in south Glasgow", "from central Leeds").
_QUARTERS = {"north", "south", "east", "west", "central", "northern", "southern", "eastern",
             "western", "greater", "downtown", "north-east", "north-west", "south-east",
             "south-west", "northeast", "northwest", "southeast", "southwest"}


def _in_a_quarter(ent) -> bool:
    """A one-word name after a quarter of a place ("in south Glasgow") is the place, whatever
    the recogniser made of it."""
    doc = ent.doc
    return len(ent) == 1 and ent.start >= 2 and doc[ent.start - 1].lower_ in _QUARTERS and \
        doc[ent.start - 1].is_lower and doc[ent.start - 2].lower_ in {"in", "from", "of", "near"}


def _acronym_led(name: str) -> bool:
    """A name that opens on an acronym ("INS Mysore", "MV Gibe", "USS Cole") is a ship, a
    unit or a programme that NER took for a person: a pronoun never stands for it.

    >>> _acronym_led("USS Cole"), _acronym_led("P.J. Hahn")
    (True, False)
    """
    words = name.split()
    if words and re.fullmatch(r"(?:[A-Z]\.){2,3}", words[0]):
        return False  # initials ("P.J. Hahn", "J.R. Smith"), not an acronym
    first = words[0].replace(".", "") if words else ""
    return len(words) > 1 and 2 <= len(first) <= 4 and first.isalpha() and first.isupper()


def _names_agree(a: list[str], b: list[str]) -> bool:
    """Two full names of one surname that can be one person: the same first name or its
    initial, or one name inside the other ("Maria Lopez" in "Lyin' Maria Lopez"); not
    "Tom Okafor" and "Ada Okafor"."""
    a = [w.strip(".").lower() for w in a]
    b = [w.strip(".").lower() for w in b]
    short, long_ = sorted((a, b), key=len)
    if long_[len(long_) - len(short):] == short:
        return True
    x, y = a[0], b[0]
    return x == y or (min(len(x), len(y)) == 1 and x[0] == y[0])


def _without_trailing_verb(ent):
    """A name without the verbs NER took into it ("Lopez Says" in a headline -> "Lopez")."""
    start, end = ent.start, ent.end
    while end > start and ent.doc[end - 1].tag_ in ("VBZ", "VBD", "VBP"):
        end -= 1
    # "Following Macron", "Blaming Lopez": a verb NER took in front of a name
    while start < end - 1 and (ent.doc[start].tag_ in ("VBG", "VBN", "VB", "VBD", "IN") or (
            ent.doc[start].lower_.endswith("ing") and len(ent.doc[start]) > 5)):
        start += 1
    # "Professor of History Juan Cole", "Secretary of State Hillary Clinton": NER took the
    # office's field into the name
    # (or the place of the office: "U.S. Ambassador to Libya Gene Cretz")
    if (end - start >= 3 and start >= 2 and ent.doc[start - 1].lower_ in _OFFICE_OF
            and ent.doc[start - 2].lower_.strip(".") in TITLES):
        start += 1
    return ent.doc[start:end] if end > start else None


def _in_head_phrase(tok, root) -> bool:
    """Whether a token names the head of its phrase: the head itself or a compound or flat
    name part of it, not a possessor, an apposition or an object."""
    while tok.i != root.i:
        if tok.head is tok:
            return False
        if tok.dep_ == "appos" or (tok.dep_ in ("compound", "flat")
                                   and tok.head.pos_ == "PROPN"):
            tok = tok.head  # "the paper's editor, Anna Berg"; "Dmitry Peskov"
            continue
        return False  # "Lopez supporters", "Ruiz, a Lopez ally", "the candidate's doctor"
    return True


_AGE = re.compile(r"[\d\s-]*years?[\s-]*old", re.IGNORECASE)


def role_of(ent) -> tuple[str | None, str | None]:
    """Role and affiliation given next to a name: pre-modifiers ("Kremlin spokesman Dmitry
    Peskov"), an apposition ("Matthew Miller, a State Department spokesperson") or "of X"."""
    doc = ent.doc
    role_tokens = []
    i = ent.start - 1
    inside = set(range(ent.start, ent.end))
    while i >= 0:
        tok = doc[i]
        if tok.pos_ in ("PROPN", "NOUN", "ADJ") and tok.dep_ in ("compound", "amod", "nmod", "npadvmod") \
                and (tok.head.i in inside or tok.head.i in {t.i for t in role_tokens}):
            role_tokens.insert(0, tok)
            i -= 1
            continue
        if (tok.pos_ == "PROPN" or tok.text == "-") and role_tokens and \
                tok.head.i in {t.i for t in role_tokens}:
            role_tokens.insert(0, tok)
            i -= 1
            continue
        break
    # titles that NER kept inside the entity ("German Chancellor Olaf Scholz")
    title, _ = split_title(ent.text)
    n_title = len(title.split())
    if n_title:
        inner = [t for t in ent if not t.is_space][:n_title]
        role_tokens = [t for t in role_tokens] + inner
    # "Mr", "Mrs", "Sir": courtesy, not a role ("Bob Woodward (Mr)")
    role_tokens = [t for t in role_tokens if t.lower_.strip(".") not in COURTESY_TITLES]
    if not any(t.pos_ in ("NOUN", "PROPN") for t in role_tokens):
        role_tokens = []  # "former" left of "former Miss Universe": no role on its own
    role = " ".join(t.text for t in role_tokens).replace(" - ", "-").strip(" -") or None
    if role and _AGE.fullmatch(role):
        role = None  # "68-year-old" is an age, not a role
    affiliation = None
    if role_tokens:
        affiliation = _affiliation_in(doc, role_tokens[0].i, role_tokens[-1].i + 1)
    root = ent.root
    for child in root.children:
        if child.dep_ == "appos" and child.i > root.i and role is None:
            words = [t for t in child.subtree if t.dep_ not in ("det", "punct", "relcl")
                     and not any(a.dep_ == "relcl" for a in t.ancestors if a.i > child.i)]
            words = [t for t in words if t.i <= child.i or t.dep_ in ("prep", "pobj", "compound")]
            # a plural ("Clinton ... - events that can limit her time") describes no one person
            if words and child.pos_ in ("NOUN", "PROPN") and not child.ent_type_ == "PERSON" \
                    and child.tag_ not in ("NNS", "NNPS"):
                whole = doc[words[0].i: words[-1].i + 1]
                # the words between as written ("director of coastal zone management", not
                # "director of zone management"), unless a clause or a list sits between
                if not any(t.is_punct and t.text not in "-'’." for t in whole):
                    role = " ".join(whole.text.split())
                else:
                    role = " ".join(t.text for t in words)
                affiliation = affiliation or _affiliation_in(doc, words[0].i, words[-1].i + 1)
        if child.dep_ == "prep" and child.lower_ == "of" and child.i == ent.end:
            for pobj in child.children:
                if pobj.dep_ == "pobj" and pobj.ent_type_ in _AFFILIATION_LABELS:
                    affiliation = affiliation or _entity_text(pobj)
    return role, affiliation


_OFFICE_OF = frozenset({"of", "to", "for"})


def _titled(ent) -> bool:
    """An entity NER labelled otherwise that a title word shows is a person ("Chancellor Olaf
    Scholz" tagged ORG; "Ambassador to Libya Gene Cretz", the office's place taken in)."""
    if ent.label_ not in ("ORG", "GPE", "NORP") or len(ent) > 4 or ent.start == 0:
        return False
    prev = ent.doc[ent.start - 1]
    if prev.lower_ in _OFFICE_OF and ent.start >= 2 and len(ent) >= 3:
        prev = ent.doc[ent.start - 2]
    return prev.lower_.strip(".") in TITLES and ent.root.pos_ == "PROPN" and \
        all(t.is_title for t in ent)


def _affiliation_in(doc, start: int, end: int) -> str | None:
    for ent in doc.ents:
        if ent.start >= start and ent.end <= end and ent.label_ in _AFFILIATION_LABELS:
            return ent.text
    return None


def _entity_text(tok) -> str:
    for ent in tok.doc.ents:
        if ent.start <= tok.i < ent.end:
            return ent.text
    return tok.text


# ----------------------------------------------------------------------------- resolution
# An unnamed role speaker ("the spokesman") takes the name of a speaker named at most this many
# sentences later.
CATAPHORA_SENTENCES = 4


def resolve_speakers(doc, attributions: list) -> list:
    """Name the speaker of each attribution (``speaker_name``, ``role``, ``affiliation``,
    ``anonymous``), in text order so that "he" can follow the previous speaker."""
    from newsweave.stories.furniture import comment_thread_start  # (stories import nlp)

    people = PeopleIndex(doc, until=comment_thread_start(doc_text(doc)))
    ordered = sorted(range(len(attributions)), key=lambda i: attributions[i].start)
    resolved: list = list(attributions)
    state = {"last": None, "last_at": -1, "pending": False,
             "genders": person_gender.genders(doc, people),
             "quoted": find_quoted_spans(doc_text(doc))}
    pending: list[int] = []  # unnamed role speakers waiting for a name ("the spokesman")
    unnamed = None  # (index, where) of the last speaker with a role and no name ("the source")
    indefinite: set[int] = set()  # ... of which introduced as "a spokesman"
    sentence_starts = [sent.start_char for sent in doc.sents]
    for n in ordered:
        q = attributions[n]
        if q.speaker is None:
            continue
        state["quote"] = q  # whose reported words a pronoun's referent must not be named in
        person, kind, extra = _resolve_one(doc, people, q, state)
        if kind == "pronoun" and state["pending"] and pending:
            # "The White House spokesman said ... But he mentioned": same unnamed speaker
            resolved[n] = replace(q, **{k: getattr(resolved[pending[-1]], k) for k in
                                        ("speaker_name", "role", "affiliation", "anonymous",
                                         "speaker_type")})
            pending.append(n)
            continue
        if person is not None and kind == "pronoun" and _reported_by(person, q, resolved):
            person, extra = None, {"speaker_name": None, "speaker_type": None}
        if person is not None and kind == "pronoun" and unnamed is not None and \
                unnamed[1] > state["last_at"] and _goes_on_unnamed(
                    doc, people, attributions[unnamed[0]], q, state["quoted"]):
            # 'the source said. "The concern is a stalemate." The talks will take place next
            # week, he said': the unnamed speaker goes on, not a name from before them
            resolved[n] = replace(q, **{k: getattr(resolved[unnamed[0]], k) for k in
                                        ("speaker_name", "role", "affiliation", "anonymous",
                                         "speaker_type")})
            unnamed = (n, q.speaker.start)
            continue
        if person is not None:
            resolved[n] = replace(q, speaker_name=person.name, role=person.role,
                                  affiliation=person.affiliation, anonymous=False,
                                  speaker_type="person")
            state["last"], state["last_at"] = person, q.speaker.start
            state["last_content"] = [(c.start, c.end) for c in q.content]
            unnamed = None
            if kind == "named":
                for m in pending:  # cataphora: "The White House spokesman ... Kirby said"
                    # (a few sentences on, not a live page's later entry naming its reporter)
                    sentences_on = bisect_right(sentence_starts, q.speaker.start) - \
                        bisect_right(sentence_starts, attributions[m].speaker.start)
                    if m in indefinite and not (sentences_on <= 1 and _called_the_same(
                            resolved[m].role, person)):
                        continue  # "a spokesman", then anyone but the next spokesman named
                    if 0 < q.speaker.start - attributions[m].speaker.start < 800 and \
                            sentences_on <= CATAPHORA_SENTENCES and \
                            _role_fits(resolved[m].role, person) and \
                            not _spoken_for(resolved[m].role, person,
                                            attributions[m].speaker.start) and (
                                m in indefinite or not _introduced_unnamed(
                                    doc, attributions[m].speaker.start,
                                    attributions[m].speaker.end)):
                        resolved[m] = replace(resolved[m], speaker_name=person.name,
                                              speaker_type="person",
                                              role=resolved[m].role or person.role,
                                              affiliation=resolved[m].affiliation
                                              or person.affiliation, anonymous=False)
                pending.clear()
            state["pending"] = False
        else:
            resolved[n] = replace(q, **extra)
            unnamed = (n, q.speaker.start) if kind == "anon" and extra.get("role") else None
            if kind in ("role", "role_indefinite"):
                pending.append(n)
                if kind == "role_indefinite":
                    indefinite.add(n)
                state["pending"] = True
            else:
                state["pending"] = False
    return resolved


_SPOKES = {"spokesman", "spokeswoman", "spokesperson"}
# Roles that speak or act for the one named after "for" ("a spokesman for X", "a lawyer for X").
_ON_BEHALF = _SPOKES | {"aide", "adviser", "advisor", "lawyer", "attorney", "representative",
                        "agent", "publicist", "counsel", "assistant"}
# A name given to someone the report otherwise describes: "the activist, identified only as Ramy".
_IDENTIFIED_AS = re.compile(r",?\s+(?:(?:who (?:was |is )?)?(?:identified|named|known|introduced)"
                            r"(?: (?:himself|herself))? (?:only |simply )?as|"
                            r"who gave (?:his|her) name (?:only )?as) "
                            r"([A-Z][\w'\u2019-]+(?: [A-Z][\w'\u2019-]+){0,2})")


def _goes_on_unnamed(doc, people: PeopleIndex, before, q, quoted) -> bool:
    """Whether a "he" or "she" at ``q`` goes on with the unnamed speaker of ``before`` ("the
    source"): one person, of no other gender, within a few sentences, and nobody named
    between them outside quotation marks."""
    mention = _span(doc, before.speaker)
    pronoun = _span(doc, q.speaker)
    if mention is None or pronoun is None or pronoun.root.lower_ not in ("he", "she"):
        return False
    if mention.root.tag_ != "NN" or PERSON_NOUN_GENDER.get(mention.root.lower_) not in (
            None, PRONOUN_GENDER.get(pronoun.root.lower_)):
        return False
    if q.speaker.start - before.speaker.start > 1200:
        return False
    return not any(mention.start <= i < pronoun.start and not any(
        a <= doc[i].idx < b for a, b in quoted) for i in people.mention_at)


def _span(doc, span):
    return None if span is None else doc.char_span(span.start, span.end,
                                                   alignment_mode="expand")


def _called_the_same(role: str | None, person: Person) -> bool:
    """Whether the person's own role has the unnamed speaker's head noun ("a rebel
    spokesman" and "spokesman Mohammad Zawawi")."""
    head = next((w for w in reversed((role or "").lower().split()) if w in _SPOKES), None)
    return head is not None and head in (person.role or "").lower().split()


def _reported_by(person: Person, q, resolved: list) -> bool:
    """Whether ``q``'s pronoun speaker stands inside the words ``person`` is reported with,
    before that report's cue ("Because the judge ruled ..., he says the law must go, Toobin
    said"): someone that speaker speaks of, since no reporter nests a second "says" of the
    same speaker inside his own attribution."""
    at = q.speaker.start
    return any(r is not q and r.speaker_name == person.name and r.cue is not None and
               r.cue.start >= q.speaker.end and any(p.start <= at < p.end for p in r.content)
               for r in resolved)


def _named_in_content(doc, people: PeopleIndex, q, quoted) -> set[int]:
    """The people an attribution's reported words name outside quotation marks as the subject
    of a clause, or as its subject's owner ("that Timmons had asked him", "that Clinton's
    experience was ...") (ids). A name elsewhere in them may be the speaker's own, as a
    reporter words it ("He notes there was an issue with Trump's microphone")."""
    out: set[int] = set()
    for part in q.content or ():
        span = doc.char_span(part.start, part.end, alignment_mode="expand")
        for tok in span if span is not None else ():
            head = _name_head(tok)
            # (the subject, its owner, or a name in apposition to it: "His eldest son
            # Mohammed Al-Gaddafi had surrendered ..., he told Reuters")
            if not (head.dep_ in ("nsubj", "nsubjpass") or (
                    head.dep_ in ("poss", "appos") and head.head.dep_ in ("nsubj", "nsubjpass"))):
                continue
            if head.dep_ == "appos" and lemma(head.head.head) in SAYING_VERBS:
                # ("His daughter Lena Brenner said he slept, she told the Gazette": who says
                # the words is who tells them)
                continue
            person = people.mention_at.get(tok.i)
            if person is None and tok.pos_ == "PROPN" and tok.text[:1].isupper():
                person = people.by_key.get(name_key(tok.text))  # a surname NER left untagged
            if person is not None and not any(a <= tok.idx < b for a, b in quoted):
                out.add(id(person))
    return out


def _name_head(tok):
    """The last word of the name ``tok`` is part of ("Mohammed" -> "Gaddafi"): where the
    name's own relation to the sentence hangs."""
    while tok.dep_ in ("compound", "flat") and tok.head.i != tok.i:
        tok = tok.head
    return tok


def _named_in_own_quotation(people: PeopleIndex, q, quoted) -> set[int]:
    """The people the attribution's words name inside quotation marks ('"I have just spoken to
    Edith Bouvier, who is very tired," he said'): the speaker's own words speak of them, so
    none of them is the speaker (ids)."""
    parts = [(p.start, p.end) for p in q.content or ()]
    return {id(person) for person in people.people for at, _ in person.mentions
            if any(a <= at < b for a, b in parts) and any(a <= at < b for a, b in quoted)}


def _introduced_unnamed(doc, start: int, end: int) -> bool:
    """Whether a mention such as "the official" points back to someone the text brought in
    unnamed just before ("..., a British official said. '...,' the official said."): that
    person, not one named later (a Tunisian official giving a news conference), is the
    speaker."""
    text = doc_text(doc)
    words = text[start:end].split()
    if len(words) < 2 or words[0].lower() not in ("the", "this", "that"):
        return False
    head = words[-1].lower()
    window = doc.char_span(max(0, start - 600), start, alignment_mode="contract")
    # (not a role put on someone named: "Tom Hale, a spokesman for the firm", "Hale is a
    # spokesman")
    return window is not None and any(
        tok.lower_ == head and tok.dep_ not in ("appos", "attr") and any(
            c.dep_ == "det" and c.lower_ in ("a", "an", "another", "one") for c in tok.children)
        and not (tok.head.pos_ == "PROPN" and tok.dep_ in ("compound", "npadvmod"))
        for tok in window)


def _spoken_for(role: str | None, person: Person, at: int) -> bool:
    """Whether "the spokesman" at ``at`` speaks for ``person`` rather than being them: the
    person, named later with no role of their own, was named before the spokesman too ("...
    with David Cameron ... The spokesman refused ... Cameron has said"), so is the one spoken
    for; a newcomer after it ("The White House spokesman said ... Kirby added") is the
    spokesman."""
    return bool(role) and role.lower().split()[-1] in _SPOKES and not person.role and \
        any(start < at for start, _ in person.mentions)


def _role_fits(role: str | None, person: Person) -> bool:
    """Whether a person named later can be the unnamed "the spokesman" before: a person the
    article gives no role, or one whose role has the same head noun (the spokeswoman is not
    "the Republican nominee"). A role of someone's ("the state's attorney general") is an
    office the article would name its holder with: a later speaker it gives no role is not
    shown to hold it ("Obama told reporters")."""
    if not role:
        return True
    if not person.role:
        # ("his spokesman", "the state's attorney general": someone's, whom a later speaker
        # with no role is not shown to be)
        return not any(w.endswith(("'s", "\u2019s")) or w.lower() in _POSSESSIVES
                       for w in role.split())
    words = role.lower().split()
    # the head noun is the last word before a phrase that places it ("the senior European Union
    # representative in Tripoli": "representative")
    cut = next((i for i, w in enumerate(words) if i > 0 and w in _ROLE_PLACING), len(words))
    head = words[max(0, cut - 1)]
    theirs = set(person.role.lower().split()) | set(
        (person.affiliation or "").lower().split()) | set(person.name.lower().split())
    if not (head in theirs or any(head in kind and kind & theirs for kind in _ROLE_KINDS)):
        return False
    # whose the role is must agree: "Spain's Foreign Minister" is not China's Yang Jiechi, and
    # "the senior European Union representative" may be "EU envoy" Miozzo
    names = [w.removesuffix("'s").removesuffix("\u2019s") for w in role.split()[:max(0, cut - 1)]
             if w[:1].isupper() and w.lower() not in _TITLE_WORDS]
    if not names:
        return True
    initials = "".join(w[0] for w in names).lower()
    return any(w.lower() in theirs for w in names) or initials in theirs


_POSSESSIVES = frozenset({"his", "her", "their", "its"})
# Nouns of a kind of body that its name carries ("the Alaska Oil Spill Commission").
_BODY_KINDS = {"commission", "committee", "council", "court", "panel", "ministry",
               "department", "agency", "board", "parliament", "senate", "assembly", "tribunal",
               "university", "institute", "bank", "fund", "union", "party", "army", "navy",
               # ("The government says ..." after "The UN has conceded ...": not the UN)
               "government", "administration", "regime", "military", "police"}
# Capitalised words of a title, not of whose it is ("Foreign Minister", "Senior Adviser").
_TITLE_WORDS = {"foreign", "prime", "deputy", "senior", "chief", "defence", "defense",
                "interior", "finance", "health", "home", "general", "vice", "secretary",
                "minister", "president", "state", "first", "former", "acting", "executive",
                "special", "assistant", "under", "attorney", "the", "a", "an"}
# Words that start a phrase placing a role ("in Tripoli", "for the company").
_ROLE_PLACING = {"in", "of", "for", "at", "to", "from", "with", "on"}
# Role nouns one person may be called by in one report.
_ROLE_KINDS = (frozenset({"representative", "envoy", "ambassador", "emissary", "delegate",
                          "diplomat"}),
               frozenset({"spokesman", "spokeswoman", "spokesperson"}))


def _resolve_one(doc, people: PeopleIndex, q, state):
    span = _span(doc, q.speaker)
    if span is None or not len(span):
        return None, "other", {}
    head = span.root
    if head.lower_ in kinds.RELATIVE_PRONOUNS:
        # "the union, which said": the speaker is the noun the pronoun stands for
        noun = kinds.antecedent(head)
        if noun is not None:
            return _resolve_span(doc, people, doc[noun.left_edge.i: noun.i + 1], state)
        if head.lower_ == "which":
            return None, "other", {}
    return _resolve_span(doc, people, span, state)


def _resolve_span(doc, people: PeopleIndex, span, state, depth: int = 0):
    """A speaker mention as (person, how it was found, fields for the attribution). Only
    what can speak gets a name: a person, an organisation, a document's author."""
    text = doc_text(doc)
    # (a spaced dash: "D-Calif." is a senator's party and state, not a dateline)
    dash = next((t for t in span if t.text in _DASHES and t.i > 0
                 and doc[t.i - 1].whitespace_), None)
    if dash is not None and dash.i + 1 < span.end and (
            span.start == 0 or "\n" in doc[span.start - 1].text_with_ws):
        # "Meadow Lake, Saskatchewan – The municipal council": the speaker after the dateline
        return _resolve_span(doc, people, doc[dash.i + 1: span.end], state, depth)
    s, e = span.start_char, span.end_char
    if _several_named(span):
        # "Mark and Condon said in a joint statement": two people speak, neither one alone
        return None, "anon", {"speaker_name": None, "role": _phrase(span), "anonymous": False,
                              "speaker_type": None}
    head = span.root
    if head.dep_ == "appos" and head.head.i < head.i and head.head.i in people.mention_at:
        # "Ibn Omar al-Kari, a Yemeni, who claimed ...": the description of a name speaks
        # as the name (the recogniser may have taken "Yemeni" for a person too)
        return people.mention_at[head.head.i], "named", {}
    person = people.person_at(s, e)
    if person is not None:
        return person, "named", {}
    closing = _closing_name(doc, people, span)
    if closing is not None:
        # "the head of President Mahamadou Issoufou's cabinet, Massaoudou Hassoumi": the name
        # after the comma is whom the role describes, not the one the role belongs to
        return closing, "named", {}
    # (an acronym is a name, not the pronoun it spells: "the WHO said", "the US said")
    low = head.text if head.text.isupper() and len(head.text) > 1 else head.lower_
    if low in ("who", "that") and head.head.dep_ == "relcl" and head.head.head.i != head.i \
            and depth < 2:
        # "said one of the visitors, who said he worked for an oil company": the relative
        # pronoun is the noun phrase its clause hangs on
        noun = head.head.head
        end = head.head.left_edge.i
        while end > noun.i + 1 and doc[end - 1].is_punct:
            end -= 1
        if noun.dep_ == "appos" and noun.head.i < noun.i and noun.head.pos_ == "PROPN":
            # "al-Libi, a Libyan, who claimed ...": the description is in apposition to the
            # name, which is who the clause is about
            name = noun.head
            return _resolve_span(doc, people, doc[name.left_edge.i:name.i + 1], state,
                                 depth + 1)
        if noun.pos_ in ("NOUN", "PROPN", "PRON", "NUM") and noun.left_edge.i < end <= head.i:
            return _resolve_span(doc, people, doc[noun.left_edge.i:end], state, depth + 1)
    if low in PERSON_PRONOUNS or low in ("who", "that"):
        if state["pending"]:
            return None, "pronoun", {}
        return _pronoun_person(doc, people, s, state, pronoun=low), "pronoun", {}
    sentence = head.sent.text
    around = text[max(0, s - 20): min(len(text), e + 120)]
    # the head's own determiner: "A spokesperson for The Superior Court" is indefinite
    determiners = {t.lower_ for t in head.children if t.dep_ in ("det", "nummod", "quantmod")}
    plural = head.tag_ in ("NNS", "NNPS")
    identified = _IDENTIFIED_AS.search(text, head.idx + len(head.text), min(len(text), e + 60)) \
        if head.pos_ == "NOUN" and head.tag_ == "NN" else None
    if identified is not None and identified.start() > e + 1:
        identified = None  # (only right after the description, or inside its mention)
    if identified is not None:
        # "said the activist, identified only as Ramy": the name the report gives
        return None, "org", {"speaker_name": identified.group(1), "role": _phrase(span),
                             "anonymous": False, "speaker_type": "person",
                             "affiliation": _affiliation_in(doc, span.start, span.end)}
    if low in ROLE_NOUNS or head.lower_ in ANON_NOUNS:
        modifiers = {t.lower_ for t in span if t.i != head.i and t.dep_ in ("compound", "amod", "nmod", "poss")
                     and t.pos_ in ("PROPN", "NOUN", "ADJ")}
        definite = "the" in determiners or any(t.dep_ == "poss" for t in head.children)
        if definite and not plural and not _introduced_unnamed(doc, s, e):
            match = _titled_before(doc, people, span) or people.with_role(low, modifiers)
            if match is None and (low in HEAD_TITLES or low == "minister" and "prime" in modifiers):
                match = _recent_unroled(doc, people, s, low)
            if match is not None:
                return match, "person", {}
        anonymous = bool(ANON_MARKERS.search(around) or ANON_MARKERS.search(sentence)) or (
            head.lower_ in ANON_NOUNS and (not definite or plural)) or low in UNNAMED_NOUNS
        name = _phrase(span)
        extra = {"speaker_name": None, "role": name, "anonymous": anonymous,
                 "affiliation": _affiliation_in(doc, span.start, span.end),
                 "speaker_type": "person" if head.lower_ in _PERSON_ROLE_NOUNS and not plural
                 else None}
        named_later = definite and not plural and low not in UNNAMED_NOUNS
        org = next((e for e in doc.ents if e.label_ == "ORG" and e.end == head.i and
                    span.start <= e.start), None) if plural else None
        if org is not None and low not in UNNAMED_NOUNS:
            # "Eurasia Group analysts said in a note", "Pentagon officials said": the body
            # speaks through its people, whom the report does not name
            return None, "org", dict(extra, speaker_name=without_page_residue(org.text),
                                     speaker_type="organisation", anonymous=False)
        if not definite and not plural and low in _SPOKES and determiners & {"a", "an"}:
            # 'a rebel spokesman said. "We're going slowly," spokesman Mohammad Zawawi told
            # Reuters': named by the next speaker, if that one is called a spokesman too
            return None, "role_indefinite", extra
        return None, ("role" if named_later else "anon"), extra
    kind = kinds.kind_of(span)
    if kind == "document" and depth == 0:
        # "the Pentagon's report", "a CNN report": the author speaks through it
        author = kinds.author(head)
        if author is not None and author.lower_ in PERSON_PRONOUNS:
            return _pronoun_person(doc, people, s, state, pronoun=author.lower_), "pronoun", {}
        if author is not None:
            return _resolve_span(doc, people, kinds.entity_span(author), state, depth + 1)
    if kind == "organisation" and head.pos_ == "NOUN" and head.is_lower and \
            "the" in determiners and not plural and \
            all(t.i == head.i or (t.i < head.i and not t.ent_type_ and (
                t.pos_ in ("DET", "ADJ") or (t.pos_ == "NOUN" and t.is_lower)))
                for t in span):
        # "The company said", "the network said", "the oil firm said": the organisation named
        # just before
        named = _recent_organisation(doc, span.start, head.lower_)
        if named is not None:
            return None, "org", {"speaker_name": named, "affiliation": None,
                                 "anonymous": False, "speaker_type": "organisation"}
    if kind in ("organisation", "name", "person") and re.fullmatch(r"[A-Z]\.?", head.text):
        # "W says" on a live blog: the writer's shorthand for someone, no name to show
        return None, "other", {"speaker_name": None, "speaker_type": None}
    if kind in ("organisation", "name", "person"):
        # an organisation, office or outlet speaking ("Sunak's office", "The Italian
        # government"), or a name NER did not type
        return None, "org", {"speaker_name": _AND_OTHERS.sub("", without_page_residue(
                                 _named_in_full(span, kinds.head_phrase(span)))),
                             "affiliation": _affiliation_in(doc, span.start, span.end),
                             "anonymous": False,
                             "speaker_type": {"organisation": "organisation",
                                              "person": "person"}.get(kind)}
    if kind == "people" or head.lower_.endswith("-old"):
        described = _described_one(doc, people, span)
        if described is not None:
            return described, "person", {}
    if kind == "people":  # "critics say", "residents were angered": unnamed people
        return None, "anon", {"speaker_name": None, "role": _phrase(span), "anonymous": False,
                              "speaker_type": None}
    # a pronoun for a group, a document with no author, a relative pronoun or a noun that
    # cannot speak ("the second time", "Inflation"): the mention stays, without a name
    return None, "other", {"speaker_name": None, "speaker_type": None}


def _titled_before(doc, people: PeopleIndex, span) -> Person | None:
    """The person an earlier sentence gives the whole title of a definite mention that places
    its role ("the Minister for London" after "... Prime Minister Gordon Brown and Minister for
    London, Tessa Jowell"): the name right after that title, not whoever holds a title with
    the same head noun."""
    words = [t for t in span if not (t.is_punct or (t.i == span.start and t.pos_ == "DET"))]
    if len(words) < 3 or not any(t.lower_ in _ROLE_PLACING for t in words[1:-1]):
        return None
    title = re.compile(r"\b" + r"\s+".join(re.escape(t.text) for t in words) + r",?\s+",
                       re.IGNORECASE)
    found = None
    for m in title.finditer(doc_text(doc), max(0, span.start_char - 3000), span.start_char):
        after = doc.char_span(m.end(), m.end() + 1, alignment_mode="expand")
        if after is not None and len(after) and after[0].i in people.mention_at:
            found = people.mention_at[after[0].i]
    return found


def _closing_name(doc, people: PeopleIndex, span) -> Person | None:
    """The person named at the end of a role's mention, after a comma ("the head of X's
    cabinet, Massaoudou Hassoumi"), when the mention opens on the role; a relative clause
    after the name ("..., Oleg Voloshyn, who also ran as a candidate") is about the name."""
    end = next((t.i - 1 for t in span if t.lower_ in ("who", "whose") and t.i - 1 > span.start
                and doc[t.i - 1].text == ","), span.end)
    while end > span.start and doc[end - 1].is_punct:
        end -= 1
    last = doc[end - 1] if end > span.start else None
    if last is None or last.i not in people.mention_at or last.ent_type_ != "PERSON":
        return None
    first = last
    while first.i > span.start and doc[first.i - 1].ent_type_ == "PERSON" and \
            doc[first.i - 1].ent_iob_ != "O" and first.ent_iob_ == "I":
        first = doc[first.i - 1]
    if first.i - 1 <= span.start or doc[first.i - 1].text != ",":
        return None
    # (past "former", "senior": the role's own words)
    role = next((t for t in span if not t.is_punct and t.pos_ not in ("DET", "ADJ")), None)
    if role is None or (role.lower_ not in ROLE_NOUNS and role.lower_ not in ANON_NOUNS):
        return None
    return people.mention_at[last.i]


def _named_in_full(span, name: str) -> str:
    """An organisation's short name ("the Herald") as the article named it in full before ("The
    Sydney Morning Herald reported ..."): the latest earlier organisation whose last word it is."""
    if " " in name or not name[:1].isupper():
        return name
    doc = span.doc
    for tok in reversed(doc[max(0, span.start - 2000):span.start]):
        if tok.text != name or tok.ent_type_ == "PERSON":
            continue
        first = tok.i
        # (the tagger may type the full name as anything, "EVENT" included: the run of
        # capitalised words is read instead)
        # (a sentence's first word is capitalised whatever it is: only a proper noun counts)
        while first > 0 and doc[first - 1].text[:1].isupper() and doc[first - 1].is_alpha \
                and doc[first - 1].lower_ != "the" and tok.i - first < 5 and (
                    not doc[first - 1].is_sent_start or doc[first - 1].pos_ == "PROPN"):
            first -= 1
        if first < tok.i:
            return doc[first:tok.i + 1].text
    return name


# How many sentences back "the company" may find the organisation it stands for.
ORGANISATION_SENTENCES = 3


def _recent_organisation(doc, start: int, noun: str = "") -> str | None:
    """The organisation a bare "the company" or "the network" stands for: the one that is the
    subject of a sentence in its sentence or the ``ORGANISATION_SENTENCES`` before it, when
    only one is (two, and which one is meant is a guess). A noun that names a kind of body
    ("the commission", "the court") stands only for a body that has it in its name: "the
    commission's report" is not British Petroleum's."""
    sentence = doc[start].sent
    first = sentence.start
    for _ in range(ORGANISATION_SENTENCES):
        if first == 0:
            break
        first = doc[first - 1].sent.start
    # (the subject of a sentence there: "BP could suspend its dividend, the energy giant has
    # confirmed", not the agency of a photo credit before it)
    keys = {re.sub(r"^(?:the|The)\s+", "", ent.text) for ent in doc[first:start].ents
            if ent.label_ == "ORG" and ent.root.dep_ in ("nsubj", "nsubjpass")}
    if not keys:
        # (no body is a subject: the one body the sentence before names at all, "after
        # comments from Goldman Sachs. The bank said ...")
        before = doc[start].sent.start
        before = doc[before - 1].sent.start if before > 0 else before
        keys = {re.sub(r"^(?:the|The)\s+", "", ent.text) for ent in doc[before:start].ents
                if ent.label_ == "ORG"}
    if noun in _BODY_KINDS:
        keys = {key for key in keys if noun in key.lower()}
    if len(keys) != 1 or any(c in key for key in keys for c in "/\\"):
        # (a photographer's credit run into the name, "Saul Loeb/AFP/Getty Images BP", is no
        # name to show)
        return None
    return keys.pop()


def _several_named(span) -> bool:
    """Whether a speaker mention joins two or more names ("Ebert and Hanna", "Laurence Mark
    and Bill Condon, the producers"), unless one entity holds them all ("Procter & Gamble")."""
    root = span.root
    if root.pos_ != "PROPN":
        return False
    joined = [t for t in root.children if t.dep_ == "conj" and t.pos_ == "PROPN"
              and span.start <= t.i < span.end]
    if not joined or not any(t.dep_ == "cc" for t in root.children):
        return False
    return not any(ent.start <= root.i < ent.end and ent.start <= joined[0].i < ent.end
                   for ent in span.doc.ents)


def _pronoun_person(doc, people: PeopleIndex, pos: int, state, *,
                    pronoun: str = "") -> Person | None:
    """The person a "he" or "she" at ``pos`` refers to: the later of the last speaker and the
    last person named as a subject -- but the last speaker when the reported words speak of
    someone by the other pronoun ('She said he had studied Mandarin': "he" is the person
    just named, so "she" is not). Never a person the article gives the other gender: then the
    nearest earlier person who fits, or nobody."""
    gender_of = state.get("genders", {})

    # (read here, where a pronoun is resolved, not for every attribution)
    quote, quoted = state.get("quote"), state.get("quoted", [])
    named_in_content = (_named_in_content(doc, people, quote, quoted)
                        | _named_in_own_quotation(people, quote, quoted)) \
        if quote is not None else set()

    def fits(person: Person | None) -> bool:
        # "he told jurors that Timmons had asked him": a person the reported words name is
        # someone the speaker speaks of, not the speaker; so is one the article names only
        # inside quotation marks ('"Hama, Homs to the outskirts of Damascus have been
        # liberated," he said', where the recogniser took Homs for a person)
        return person is not None and id(person) not in named_in_content \
            and not person_gender.contradicts(gender_of, person, pronoun) \
            and any(not any(a <= at < b for a, b in quoted) for at, _ in person.mentions)

    if pronoun in ("i", "me") and not any(a <= pos < b for a, b in quoted):
        # "I" outside quotation marks is the writer (an opinion piece, a first-person report),
        # whom the text does not name, not the person named last
        return None

    last_content = state.get("last_content", []) if fits(state["last"]) else []

    def outside_quotes(at: int) -> bool:
        # a name inside the previous speaker's quotation ('"Vino denies it," Biver said. He
        # added ...') is not who the next "he" is; nor is one inside the words the last
        # speaker is reported to have said ("Younes was adamant that Gaddafi was conducting
        # massacres. '...,' he said": the speaker goes on)
        return not any(a <= at < b for a, b in quoted) and \
            not any(a <= at < b for a, b in last_content)

    subject, subject_at = _last_person_before(doc, people, pos, subjects_only=True,
                                              keep=fits, where=outside_quotes)
    last, last_at = state["last"], state["last_at"]
    if not fits(last):
        last, last_at = None, -1
    own_start = _sentence_start(doc, pos)
    if last is not None and pos - last_at < 1500 and _goes_on(doc, pos) and \
            not (subject is not None and subject_at >= own_start) and \
            not (subject is not None and last_at < _sentence_start(doc, max(0, own_start - 2))
                 <= subject_at and _main_subject_at(doc, subject_at)):
        # 'Feinberg said Obama wanted the claims paid. He also said ...': "also said" goes on
        # with the one who spoke last, whoever was named in between -- unless the pronoun's
        # own sentence names a subject ('Ms. LaBelle got a roar when she added ...'), or the
        # sentence just before is about someone else, named as its subject and not in the last
        # speaker's sentence ('One of his sons, Saif, appeared on television to deny it. But
        # he also warned: ...')
        return _unless_unnamed_between(doc, people, last, last_at, pos, pronoun, gender_of,
                                       quoted)
    if last is not None and not (subject is not None and subject_at >= own_start) and \
            _same_pronoun_led_before(doc, pos, last_at, pronoun):
        # "She defended ..., asserting that pastor Jean Sanbil allowed them to move the
        # children. She claimed, ...": the sentence before, led by the same pronoun as the last
        # speaker, goes on with her; a name inside its subordinate clause is not who "she" is
        return _unless_unnamed_between(doc, people, last, last_at, pos, pronoun, gender_of,
                                       quoted)
    if last is not None and pos - last_at < 1500 and last_at >= subject_at:
        person, at = last, last_at
    elif last is not None and subject is not None and subject is not last and \
            pos - last_at < 1500 and _other_gender_follows(doc, pos, pronoun):
        person, at = last, last_at
    elif subject is not None:
        person, at = subject, subject_at
    else:
        person, at = _last_person_before(doc, people, pos, keep=fits)
        if person is not None and _others_named_with(people, person, at, pos, fits):
            # "Mr Wen's comments came as he addressed a news conference with Jose Manuel
            # Barroso and Herman Van Rompuy. He insisted ...": no subject to go by, and the
            # last name is one of several, none more likely than the others
            person, at = None, -1
    newer, newer_at = _sole_person_of_previous_sentence(doc, people, pos, keep=fits,
                                                        where=outside_quotes)
    if newer is not None and newer_at > at:
        # 'Hillis added 101 yards. A big reason was Quinn, who threw two interceptions. "It
        # was on me," he said.': the one person the sentence before brings in is who "he" is
        person, at = newer, newer_at
    return _unless_unnamed_between(doc, people, person, at, pos, pronoun, gender_of, quoted)


def _others_named_with(people: PeopleIndex, person: Person, at: int, pos: int, keep) -> bool:
    """Whether another person who could be the pronoun's is named in the sentence of ``at``
    (the last name before the pronoun)."""
    start = _sentence_start(people.doc, at)
    return any(other is not person and keep(other) and any(start <= a < pos for a, _ in
                                                             other.mentions)
               for other in people.people)


def _sentence_start(doc, pos: int) -> int:
    span = doc.char_span(pos, pos + 1, alignment_mode="expand")
    return span.sent.start_char if span is not None and len(span) else pos


def _main_subject_at(doc, pos: int) -> bool:
    """Whether the mention at ``pos`` is (in) the subject of its sentence's main verb."""
    span = doc.char_span(pos, pos + 1, alignment_mode="expand")
    if span is None or not len(span):
        return False
    tok = span[0]
    root = tok.sent.root
    while tok.head.i != tok.i and tok.head.i != root.i:
        if tok.dep_ in ("ccomp", "xcomp", "advcl", "relcl", "acl", "conj", "pcomp", "pobj"):
            return False
        tok = tok.head
    return tok.dep_ in ("nsubj", "nsubjpass")


def _same_pronoun_led_before(doc, pos: int, last_at: int, pronoun: str) -> bool:
    """Whether the last speaker's mention at ``last_at`` is the same pronoun as the one at
    ``pos``, opening the sentence just before the pronoun's as its subject."""
    if pronoun not in ("he", "she") or last_at < 0:
        return False
    own = doc.char_span(pos, pos + 1, alignment_mode="expand")
    if own is None or not len(own) or own.sent.start == 0:
        return False
    before = doc[own.sent.start - 1].sent
    if not before.start_char <= last_at < before.end_char:
        return False
    span = doc.char_span(last_at, last_at + 1, alignment_mode="expand")
    if span is None or len(span) != 1 or span[0].lower_ != pronoun:
        return False
    tok = span[0]
    # (the sentence's first word and a subject: the parse may hang its clause on a quotation)
    first = next((t for t in tok.sent if not (t.is_punct or t.is_space)), None)
    return first is not None and first.i == tok.i and tok.dep_ in ("nsubj", "nsubjpass")


def _goes_on(doc, pos: int) -> bool:
    """Whether the pronoun at ``pos`` is the subject of a verb that goes on from an earlier
    statement ("He also said", "She added")."""
    span = doc.char_span(pos, pos + 1, alignment_mode="expand")
    if span is None or not len(span):
        return False
    verb = span[0].head
    return span[0].dep_ in ("nsubj", "nsubjpass") and (
        verb.lower_ in ("added", "adds", "continued", "continues") or
        any(c.dep_ == "advmod" and c.lower_ in ("also", "further") for c in verb.children))


def _sole_person_of_previous_sentence(doc, people: PeopleIndex, pos: int, *, keep,
                                      where) -> tuple[Person | None, int]:
    """The only person (of the pronoun's gender) the sentence before ``pos``'s names, with the
    position of that mention; (None, -1) when it names none or several."""
    span = doc.char_span(pos, pos + 1, alignment_mode="expand")
    if span is None or span.sent.start == 0:
        return None, -1
    previous = doc[span.sent.start - 1].sent
    a0, b0 = previous.start_char, previous.end_char
    found: dict[int, tuple[Person, int]] = {}
    others = 0
    for person in people.people:
        for a, _ in person.mentions:
            if a0 <= a < b0 and where(a):
                if keep(person):
                    found[id(person)] = (person, max(a, found.get(id(person), (None, -1))[1]))
                else:
                    others += 1
    if len(found) != 1 or others:
        return None, -1
    return next(iter(found.values()))


_NEWCOMER_DETERMINERS = {"a", "an", "another", "my", "our", "your"}
_TELLING = {"tell", "inform", "assure", "brief", "warn", "remind", "reassure"}


def _told(doc, at: int):
    """The subject token of the telling when the person mentioned at ``at`` is the one someone
    else told something ("told CNN's John King that ..."; the listener is not who a following
    "he said" is), else None."""
    span = doc.char_span(at, at + 1, alignment_mode="expand")
    if span is None or not len(span):
        return None
    tok = span[0]
    while tok.dep_ in ("compound", "flat") and tok.head is not tok:
        tok = tok.head
    verb = tok.head
    if tok.dep_ == "pobj" and verb.lower_ == "to":
        verb = verb.head  # "said to reporters", "spoke to John King"
    elif not (tok.dep_ in ("dobj", "dative") and lemma(verb) in _TELLING):
        return None
    if verb.pos_ not in ("VERB", "AUX") or lemma(verb) not in _TELLING | {
            "say", "speak", "talk", "explain", "write", "complain"}:
        return None
    return next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") and c.i != tok.i),
                None)


def _unless_unnamed_between(doc, people: PeopleIndex, person: Person | None, at: int, pos: int,
                            pronoun: str, gender_of: dict,
                            quoted: list[tuple[int, int]]) -> Person | None:
    """``person``, unless a person the article does not name, of the pronoun's gender, is the
    subject of a clause between that person's mention and the pronoun, introduced as a newcomer
    ("... Trump. My mother mentioned the devil ... To which she said": "she" is the mother, not
    Trump). Nobody then:
    an unnamed speaker is shown without a name rather than with a wrong one."""
    gender = PRONOUN_GENDER.get(pronoun)
    if person is None or gender is None or not 0 <= at < pos:
        return person
    end = next((b for a, b in person.mentions if a == at), None)
    if end is not None and label_before(doc_text(doc), at, end):
        # 'He said 20,000 people had been deployed. Doug Suttles of BP: "We've had periods of
        # pumping" He said US Energy Secretary Steven Chu ...': a label names whose words
        # follow (a video's caption, often), not who the next "he" is -- that may be the
        # speaker before it
        return None
    teller = _told(doc, at)
    if teller is not None:
        # 'A spokesman told CNN's John King that ... He said ...': the teller, when named
        # and of the pronoun's gender ('Mubarak told Christiane Amanpour ... He says ...')
        person = people.mention_at.get(teller.i)
        if person is None or person_gender.contradicts(gender_of, person, pronoun):
            return None
        return person
    for tok in doc.char_span(at, pos, alignment_mode="expand") or ():
        heard = _heard_by_the_writer(tok, people, quoted) if at < tok.idx < pos else None
        if heard is not None and heard is not person:
            # "I've been talking to David Summers ... He says": whom the writer talks to
            return None if person_gender.contradicts(gender_of, heard, pronoun) else heard
        if tok.idx > at and tok.idx < pos and _unrecognised_name_subject(tok, people) and \
                tok.sent.start_char <= pos < tok.sent.end_char:
            return None  # 'Mamduh Shawqi sees it as a play: "...," he writes.'
        if tok.idx > at and tok.idx < pos and tok.i not in people.mention_at and \
                _tells_the_writer(tok, gender):
            return None  # 'my taxi driver told me ... "...," he said': the driver
        if tok.idx <= at or tok.idx >= pos or tok.pos_ != "NOUN" or \
                tok.i in people.mention_at:
            continue
        if _unnamed_speaker(tok, gender):
            return None  # '... The relative said ... She said ...': "she" is the relative
        if tok.dep_ not in ("nsubj", "nsubjpass") or \
                PERSON_NOUN_GENDER.get(tok.lower_) != gender:
            continue
        # only a newcomer: "a woman", "my mother"; "the former first lady" or "his ex-wife"
        # mostly describe someone already named, "her daughter" is ambiguous
        if tok.i in people.mention_at or not any(
                c.dep_ in ("det", "poss") and c.lower_ in _NEWCOMER_DETERMINERS
                for c in tok.children):
            continue
        return None
    return person


def _unrecognised_name_subject(tok, people: PeopleIndex) -> bool:
    """Whether ``tok`` ends a name of two capitalised words or more that the entity recogniser
    missed ("Mamduh Shawqi"), as the subject of a clause: someone the people index does not
    know, so a "he" after it in its sentence is more likely them than anyone named before."""
    if tok.dep_ not in ("nsubj", "nsubjpass") or tok.pos_ != "PROPN" or tok.ent_type_ or \
            tok.i in people.mention_at or not tok.text[:1].isupper():
        return False
    parts = [c for c in tok.children if c.dep_ == "compound" and c.pos_ == "PROPN"
             and c.text[:1].isupper() and not c.ent_type_]
    # (a name inside quoted words is no one who speaks: '"The only way Wall Street will
    # change ...," she said')
    before = tok.doc.text[tok.sent.start_char:tok.idx]
    return bool(parts) and not any(m in before for m in '"\u201c\u201d')


# People a report brings in without a name, by how they stand to the story's people ("the
# relative", "a neighbour", "the friend"): no role a named person was introduced with.
_UNNAMED_PEOPLE = {"relative", "relation", "friend", "neighbour", "neighbor", "witness",
                   "resident", "colleague", "classmate", "cousin", "acquaintance", "bystander",
                   "onlooker", "passer-by", "passerby", "survivor", "mourner", "parent",
                   "sibling", "schoolmate", "housemate", "flatmate", "roommate", "churchgoer",
                   # people a report meets and does not name ("the fighter, who used his
                   # nom-de-guerre, told Reuters ... he told Reuters")
                   "fighter", "mercenary", "soldier", "rebel", "militant", "activist",
                   "protester", "demonstrator", "villager", "refugee", "volunteer", "driver",
                   "shopkeeper", "farmer", "fisherman", "veteran", "defector"}


def _unnamed_speaker(tok, gender: str) -> bool:
    """Whether ``tok`` is one unnamed person, of the pronoun's gender or of none, who says
    something: the subject of a verb of saying ("the relative said", '"...," said the
    friend.') or the source of "according to a relative", so a later "she said" is more
    likely theirs than that of a name from before."""
    low = tok.lower_
    if tok.tag_ != "NN" or low not in _UNNAMED_PEOPLE or \
            PERSON_NOUN_GENDER.get(low) not in (None, gender):
        return False
    if tok.dep_ == "pobj" and tok.head.lower_ == "to" and tok.head.head.lower_ == "according":
        return True  # "According to a relative, ..."
    if tok.dep_ != "nsubj" or tok.head.pos_ != "VERB":
        return False
    # "the best friend took the stand and talked about the gun": the verb or one joined to it
    verbs = [tok.head] + [c for c in tok.head.children if c.dep_ == "conj" and c.pos_ == "VERB"]
    return any(lemma(v) in SAYING_VERBS or lemma(v) in _TALKING or (
        lemma(v) == "take" and any(c.dep_ == "dobj" and c.lower_ == "stand"
                                   for c in v.children)) for v in verbs)


def _tells_the_writer(tok, gender: str) -> bool:
    """Whether ``tok`` is someone the writer met and does not name, telling the writer
    something: "my taxi driver told me about his country", "An Alawite who had fled Homs told
    me about the slogans". A first-person report's next "he said" is theirs, not the last
    person it named."""
    if tok.dep_ != "nsubj" or tok.pos_ not in ("NOUN", "PROPN") or tok.ent_type_ or \
            PERSON_NOUN_GENDER.get(tok.lower_) not in (None, gender) or not any(
                c.dep_ in ("det", "poss") and c.lower_ in _NEWCOMER_DETERMINERS
                for c in tok.children):
        return False
    verb = tok.head
    if lemma(verb) not in SAYING_VERBS | _TALKING | _TELLING:
        return False
    hearers = [c for c in verb.children if c.dep_ in ("dobj", "dative")] + [
        g for c in verb.children if c.dep_ == "prep" and c.lower_ == "to"
        for g in c.children if g.dep_ == "pobj"]
    return any(h.lower_ in ("me", "us") for h in hearers)


def _heard_by_the_writer(tok, people: PeopleIndex, quoted: list[tuple[int, int]]
                         ) -> Person | None:
    """The person ``tok`` names when the writer says they talked to them: "I've been talking
    to David Summers", "we spoke to Ann Roe"."""
    person = people.mention_at.get(tok.i)
    if person is None or tok.dep_ not in ("pobj", "compound", "flat"):
        return None
    head = _name_head(tok)
    prep = head.head
    if head.dep_ != "pobj" or prep.lower_ not in ("to", "with"):
        return None
    verb = prep.head
    if lemma(verb) not in _TALKING | {"chat", "meet"}:
        return None
    # (not inside a quotation: '"I have just spoken to Lena Moor," he said' is the speaker's)
    writer = next((c for c in verb.children if c.dep_ == "nsubj" and c.lower_ in ("i", "we")
                   and not any(a <= c.idx < b for a, b in quoted)), None)
    return person if writer is not None else None


# Verbs of talking that are not in the saying lexicon ("talked about the gun").
_TALKING = {"talk", "speak", "testify"}


_OTHER_GENDER = {"he": {"she", "her", "hers"}, "she": {"he", "him", "his"}}


def _other_gender_follows(doc, pos: int, pronoun: str) -> bool:
    """Whether the sentence of the pronoun at ``pos`` goes on to use the other gender's."""
    other = _OTHER_GENDER.get(pronoun)
    span = doc.char_span(pos, pos + len(pronoun), alignment_mode="expand")
    if not other or span is None:
        return False
    return any(t.lower_ in other for t in span.sent if t.idx > pos)


def _phrase(span) -> str:
    # (not a participle's aside after the head: "Representatives of both, appearing Monday at
    # a hearing at the hotel" are the representatives)
    aside = {t.i for c in span.root.children if c.dep_ in ("acl", "advcl") and c.tag_ == "VBG"
             and c.i > span.root.i and c.i > span.start and span.doc[c.left_edge.i - 1].text == ","
             for t in c.subtree}
    words = [t for t in span if not (t.i == span.start and t.dep_ == "det") and t.i not in aside]
    text = "".join(t.text_with_ws for t in words).strip(" ,")
    if text.count("(") > text.count(")"):
        text = text[:text.rindex("(")].rstrip(" ,;:")  # "the Children's Fund (UNICEF"
    return without_page_residue(text)  # "5:21 PM Federal health officials"


def _last_person_before(doc, people: PeopleIndex, pos: int, *, subjects_only: bool = False,
                        keep=None, where=None) -> tuple[Person | None, int]:
    best, best_at = None, -1
    for person in people.people:
        if keep is not None and not keep(person):
            continue
        for a, b in person.mentions:
            if not (best_at < a < pos and pos - a < 1500) or (where is not None and not where(a)):
                continue
            if subjects_only:
                span = doc.char_span(a, b, alignment_mode="expand")
                # ("His daughter Joan Felt said": the name in apposition to the subject)
                root = span.root if span is not None else None
                if root is None or not (root.dep_ in ("nsubj", "nsubjpass") or (
                        root.dep_ == "appos" and root.head.dep_ in ("nsubj", "nsubjpass"))):
                    continue
                if _compared(root):
                    continue  # "just as President Abraham Lincoln did": set beside, not told of
            best, best_at = person, a
    return best, best_at


def _compared(subject) -> bool:
    """Whether ``subject`` is the subject of a clause of comparison ("..., just as President
    Abraham Lincoln did in building a team of rivals", "as Reagan had"): someone the writer
    sets beside the one the sentence is about."""
    verb = subject.head
    # (a "do" that stands for the verb before, or "just as": not "as he left, he said")
    return verb.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in ("as", "than", "like")
                                        for c in verb.children) and (
        lemma(verb) == "do" or any(c.dep_ == "advmod" and c.lower_ in _JUST
                                   for c in verb.children))


_JUST = frozenset({"just", "much", "exactly", "precisely"})


def _recent_unroled(doc, people: PeopleIndex, pos: int, noun: str) -> Person | None:
    """"The US President said": a head of state or government named just before, whose
    role the article does not give otherwise."""
    best, best_at = None, -1
    # (named in this sentence or the one just before: with another sentence between, "Amos met
    # the minister. Syria has refused aid. The US president has described ...", the title is
    # someone else's)
    own = _sentence_start(doc, pos)
    earliest = _sentence_start(doc, max(0, own - 2)) if own > 0 else 0
    candidates = 0
    for person in people.people:
        if person.role and noun not in person.role.lower().split():
            continue
        if person.role:  # has this title, but with other modifiers (checked by with_role)
            continue
        near = [a for a, _ in person.mentions if a < pos and pos - a < 800 and a >= earliest]
        candidates += bool(near)
        if near and max(near) > best_at:
            best, best_at = person, max(near)
    # two people it could be ("Tony Blair met Ann Lee. The Israeli prime minister said"): neither
    return best if candidates == 1 else None


# "The Tampa massage therapist", "the self-described democratic socialist", "the 57-year-old
# scientist": a trade or a creed (an -ist) or an age stands for the one person just named.
# "The man", "the woman" do not: a report brings in the unnamed as "a veteran" or "another
# Muslim" and goes on with "the man" (PolNeAR train, twice of two).
def _described_one(doc, people: PeopleIndex, span) -> Person | None:
    """The person a definite description of trade, creed or age stands for ("the massage
    therapist", "the 21-year-old") when the article named exactly one person in this sentence
    (before it) or the one before."""
    head = span.root
    low = head.lower_
    if head.tag_ != "NN" or not head.is_lower or not any(
            t.dep_ == "det" and t.lower_ == "the" for t in head.children):
        return None
    if not (low.endswith("-old") or low.endswith("ist") and low not in PEOPLE_NOUNS):
        return None
    pos = span.start_char
    own = _sentence_start(doc, pos)
    earliest = _sentence_start(doc, max(0, own - 2)) if own > 0 else 0
    near = [person for person in people.people
            if any(earliest <= a < pos for a, _ in person.mentions)]
    if len(near) != 1:
        return None  # none, or two it could be
    return near[0]
