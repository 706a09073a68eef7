"""What a speaker mention denotes, and so whether it can be an actor of a story.

A speaker is a person, an organisation, a pronoun that stands for one, or a nominal that
denotes people or organisations ("the spokesman", "officials", "a NATO official"). The parse
also hands the quote stage subjects that cannot speak in that sense: documents ("the report",
"the ad"), relative pronouns ("which", "that"), expletives and plain nouns ("the second time",
"Inflation is a tax that voters feel ..."). This module sorts a mention into one of those
kinds, finds the noun behind a relative pronoun, and the author of a document ("the
Pentagon's report", "a report by the ministry", "a speech the governor gave"), so that
speaker resolution names only what can speak.

>>> from newsweave.nlp.spacy_stage import load_nlp
>>> doc = load_nlp()("The report said prices rose.")
>>> kind_of(doc[0:2])
'document'
"""
from __future__ import annotations

# also this module's names
from newsweave.lexicon import (  # noqa: F401
    PERSON_PRONOUNS,
    GROUP_PRONOUNS,
    RELATIVE_PRONOUNS,
    ORG_NOUNS,
    DOCUMENT_NOUNS,
    PEOPLE_NOUNS,
)

_PEOPLE_SUFFIXES = ("ist", "ists", "ian", "ians")
_ORG_LABELS = ("ORG", "GPE", "NORP")


def kind_of(span) -> str:
    """``person`` | ``organisation`` | ``people`` | ``pronoun`` | ``relative`` | ``document`` |
    ``name`` (a proper noun NER did not type) | ``other`` (nothing that speaks)."""
    head = span.root
    low = head.lower_
    if head.ent_type_ == "PERSON":
        return "person"
    if low in RELATIVE_PRONOUNS:
        return "relative"
    if low in PERSON_PRONOUNS or low in GROUP_PRONOUNS:
        return "pronoun"
    if head.ent_type_ in _ORG_LABELS or low in ORG_NOUNS:
        return "organisation"
    if low in DOCUMENT_NOUNS:
        return "document"
    if low in PEOPLE_NOUNS or (head.pos_ == "NOUN" and low.endswith(_PEOPLE_SUFFIXES)):
        return "people"
    if head.pos_ == "PROPN" and head.is_title and not head.is_sent_start:
        return "name"
    if head.pos_ == "PROPN" and head.is_title and len(span) > 1:
        return "name"
    return "other"


def antecedent(tok):
    """The noun a relative pronoun stands for ("the union, which said" -> "union"), or None."""
    verb = tok.head
    if tok.lower_ not in RELATIVE_PRONOUNS or verb.dep_ not in ("relcl", "acl", "conj"):
        return None
    while verb.dep_ == "conj" and verb.head is not verb:
        verb = verb.head
    noun = verb.head
    return noun if noun.pos_ in ("NOUN", "PROPN", "PRON") and noun.i < tok.i else None


def author(noun):
    """Who wrote or gave a document: "the Pentagon's report", "the governor's letter", "a CNN
    report", "a report by the ministry", "a speech the governor gave"; None when the text does
    not say."""
    for child in noun.children:
        if child.dep_ == "poss" and (_may_speak(child) or child.lower_ in ("his", "her", "their")):
            return child
    for child in noun.children:
        if child.dep_ == "compound" and child.ent_type_ in ("PERSON",) + _ORG_LABELS and \
                not names_a_kind_of_poll(child):
            return child
        if child.dep_ == "prep" and child.lower_ in ("by", "from") and child.i > noun.i:
            for obj in child.children:
                if obj.dep_ == "pobj" and _may_speak(obj):
                    return obj
        if child.dep_ == "relcl":
            for subj in child.children:
                if subj.dep_ == "nsubj" and _may_speak(subj):
                    return subj
    return None


# Polls: a word opening the sentence before one names its kind, not its author.
POLL_NOUNS = frozenset({"poll", "polls", "polling", "survey", "surveys"})


def names_a_kind_of_poll(tok) -> bool:
    """Whether a word opens its sentence as the modifier of a poll ("Exit polls found ..."):
    a kind of poll the recogniser may take for a name, not its author (a pollster's poll is
    "a Gallup poll", mid-sentence)."""
    return tok.is_sent_start and tok.dep_ == "compound" and tok.head.lower_ in POLL_NOUNS


def _may_speak(tok) -> bool:
    """A named person or organisation, or a noun for people or institutions."""
    low = tok.lower_
    return tok.ent_type_ in ("PERSON",) + _ORG_LABELS or low in PEOPLE_NOUNS or low in ORG_NOUNS


def entity_span(tok):
    """The named entity a token is part of, or the token alone."""
    for ent in tok.doc.ents:
        if ent.start <= tok.i < ent.end:
            return ent
    return tok.doc[tok.i: tok.i + 1]


# Prepositions found inside organisation names ("Committee for a Responsible Federal Budget",
# "Council on Foreign Relations", "Doctors Without Borders").
_NAME_PREPOSITIONS = {"for", "on", "against", "without"}


def _inside_name(root, prep) -> bool:
    """A preposition inside a name ("Campaign for Fair Elections", "Doctors Without Borders"):
    the entity goes on through it, or a capitalised head is followed by capitalised words."""
    if prep.ent_iob_ == "I":
        return True
    if prep.lower_ not in _NAME_PREPOSITIONS or any(t.lower_ == "the" for t in prep.subtree):
        # "Republicans on the House Committee", "the Center at the Institute": not a name
        return False
    words = [t for t in prep.subtree if t.i != prep.i and t.lower_ not in ("the", "of", "and")]
    return root.is_title and bool(words) and all(t.is_title or t.is_upper for t in words)


def head_phrase(span) -> str:
    """A mention as a name: without articles, leading adverbs, appositions, relative clauses
    ("Even Norway, a founding member" -> "Norway")."""
    root = span.root
    cut = span.end
    for child in root.children:
        if child.i > root.i and (child.dep_ in ("appos", "relcl", "acl", "advcl") or (
                child.dep_ == "prep" and child.lower_ != "of" and not _inside_name(root, child))):
            cut = min(cut, child.left_edge.i)
    for t in span:
        if t.i > root.i and t.dep_ == "acl" and t.lower_ in ("quoted", "cited", "reported"):
            # "the Syrian Observatory for Human Rights quoted by Agence France Presse": the one
            # relaying it is not of the name
            cut = min(cut, t.left_edge.i)
    words = [t for t in span if t.i < cut]
    # a spaced dash only: the hyphen of "al-Hayat" or "UK-based" is inside a word
    dashes = [n for n, t in enumerate(words) if t.text in ("-", "--", "\u2013", "\u2014")
              and (t.whitespace_ or (n > 0 and words[n - 1].whitespace_))]
    if dashes and dashes[-1] < len(words) - 1:
        # "Meadow Lake, Saskatchewan – The municipal council": a dateline before the name
        words = words[dashes[-1] + 1:]
    # "UK-based al-Hayat", "state-owned Rosneft": a participle describing the name, not of it
    described = {t.i for child in root.children if child.dep_ == "amod" and child.pos_ == "VERB"
                 and child.i < root.i for t in child.subtree}
    if root.pos_ == "PROPN":
        # "Jordan's pro-government al-Dustur": a country's possessive and lower-case words
        # that describe the name, not of it
        for child in root.children:
            if child.i < root.i and ((child.dep_ == "poss" and child.ent_type_ in ("GPE", "NORP"))
                                     or (child.dep_ in ("amod", "compound") and child.is_lower
                                         # (not the "al" of "al-Mustaqbal", joined to it)
                                         and list(child.subtree)[-1].whitespace_)):
                described |= {t.i for t in child.subtree}
    while words and (words[0].dep_ in ("det", "cc", "preconj") or words[0].i in described
                     or words[0].pos_ in ("ADV", "PUNCT") or (
                         # "U.S. investment bank Citigroup": a country before the description
                         words[0].ent_type_ in ("GPE", "NORP") and len(words) > 1
                         and words[1].i in described)):
        words = words[1:]
    name = "".join(t.text_with_ws for t in words).strip(" ,;:([-\u2013\u2014")
    if name.count("(") > name.count(")"):
        name = name[:name.rindex("(")].rstrip(" ,;:")  # "the Children's Fund (UNICEF"
    if root.pos_ == "PROPN":
        name = _without_description(name)
    return name


# Lower-case words that belong to a name ("Charles de Gaulle", "al-Dustur" is one word).
_NAME_PARTICLES = frozenset({"de", "del", "della", "der", "den", "van", "von", "la", "le", "da",
                             "di", "du", "dos", "das", "al", "el", "bin", "ibn", "abu", "y"})


def _without_description(name: str) -> str:
    """A name without the whole words before it that describe it: a possessive followed by
    lower-case words and the lower-case words themselves ("Jordan's pro-government al-Dustur"
    -> "al-Dustur", "state news agency KCNA" -> "KCNA"); the name is kept whole otherwise.

    >>> _without_description("Jordan's pro-government al-Dustur"), _without_description(
    ...     "McDonald's Corp"), _without_description("de Gaulle")
    ('al-Dustur', "McDonald's Corp", 'de Gaulle')
    """
    words = name.split()
    described = lambda w: w.islower() and w not in _NAME_PARTICLES  # noqa: E731
    i = 0
    if len(words) > 2 and words[0].endswith(("'s", "\u2019s")) and described(words[1]):
        i = 1
    while i < len(words) - 1 and described(words[i]):
        i += 1
    return " ".join(words[i:]) if any(not w.islower() for w in words[i:]) else name
