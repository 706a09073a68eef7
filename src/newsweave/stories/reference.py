"""What a sentence needs from the sentences read before it, read from its parse.

A summary sentence is read out of its article, so a word that takes its referent from an earlier
sentence leaves the reader guessing: a pronoun before the main verb ("If it drops, that could
suggest problems."), a bare definite subject ("The demand sent the shares down."), or a person
named by surname alone after the article gave the full name ("Cheeks was replaced ..."). The
regular expressions of ``furniture`` catch the common openings; the parse catches the same
patterns wherever they stand and with any verb.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from newsweave.lexicon import PEOPLE_NOUNS, PERSON_NOUN_GENDER, SAYING_VERBS
from newsweave.nlp.claims import lemma
from newsweave.nlp.speaker_kind import kind_of

_PRONOUNS = frozenset({"he", "she", "it", "they", "him", "her", "them", "his", "its", "their",
                       "hers", "theirs"})
_DEMONSTRATIVES = frozenset({"this", "that", "these", "those"})
_SUBJECTS = frozenset({"nsubj", "nsubjpass"})
_PERSONAL = frozenset({"he", "she"})
_HIS_HER = frozenset({"he", "she", "him", "his", "her", "hers", "himself", "herself"})
# reasons a sentence read alone (a timeline entry) cannot be placed, whatever else it says
ANSWERING_REASON = "an answer to, or an example of, something told before"
UNNAMED_REASON = "a person the sentence never names"
ALSO_REASON = "'also' goes on from an earlier sentence"
ADDED_REASON = "'added' goes on from what was said before"
COMPARED_REASON = "a comparison with something told before"
# Words that compare with something: without what they compare with, it was told before.
_COMPARED = frozenset({"similar", "different", "same", "comparable", "alike", "identical"})
# Degrees that make "earlier" or "later" relative to a time told before ("much earlier").
_DEGREES = frozenset({"much", "far", "long", "years", "months", "weeks", "days", "decades"})
_SOMEONE = frozenset({"person", "people", "name", "pronoun"})
# "in response", "responded by blasting the letter", "retorted", "for example": an answer to,
# or an instance of, something told before
_ANSWERING = re.compile(r"\bin (?:response|reply)\b(?!\s+(?:to|from)\b)|"
                        r"\b(?:responded|replied|retorted|countered)\b(?!\s+to\b)|"
                        r"\bfor (?:example|instance)\b", re.IGNORECASE)
# "posted the following picture", "watch the video below": a picture, a video or a post the
# page embeds, which no summary or timeline shows.
_EMBEDDED = re.compile(r"\b(?:the following|this|these)\s+(?:\w+\s+)?(?:pictures?|photos?|"
                       r"photographs?|images?|videos?|clips?|tweets?|posts?|footage|graphics?|"
                       r"charts?|maps?)\s*[.:]?\s*$|\bthe following\s+(?:pictures?|photos?|images?|"
                       r"videos?|clips?|tweets?|posts?|footage|graphics?|charts?|maps?)\b|"
                       r"\b(?:pictures?|photos?|images?|videos?|clips?|tweets?|footage|graphics?)"
                       r"\s+(?:below|above)\b", re.IGNORECASE)
EMBEDDED_REASON = "a picture, video or post the page embeds"
# "It is unclear whether ...", "It took three days to ...": the pronoun stands for what follows.
# (Word forms: the pipeline runs without a lemmatizer.)
_EXPLETIVE_HEADS = frozenset({"be", "is", "was", "are", "were", "been", "'s", "seems", "seemed",
                              "emerged", "emerges", "transpired",
                              "seem", "appears", "appeared", "appear", "takes", "took", "take",
                              "remains", "remained", "remain", "became", "becomes", "made",
                              "makes"})
# A bare noun that names a time or a measure needs no referent ("The day began ...").
# (Also what a demonstrative ties to the time of writing: "this year", "that summer".)
_TIME_NOUNS = frozenset({"day", "week", "month", "year", "morning", "afternoon", "evening",
                         "night", "weekend", "time", "season", "decade", "century", "hour",
                         "days", "weeks", "months", "years", "hours", "decades", "summer",
                         "winter", "spring", "autumn", "fall", "quarter"})
# Titles before a surname ("Mr Obama", "Dr. Lee"): the surname is still a second mention.
_TITLES = frozenset({"mr", "mrs", "ms", "miss", "dr", "mr.", "mrs.", "ms.", "dr."})
# What a pronoun can stand for when it is named earlier in the same sentence ("When Obama
# arrived, he said"); a place or a date is not ("In the US, it has more to answer for").
_ANTECEDENTS = frozenset({"PERSON", "ORG", "NORP", "PRODUCT", "FAC", "EVENT", "WORK_OF_ART"})
_NOT_ANTECEDENTS = frozenset({"GPE", "LOC", "DATE", "TIME", "CARDINAL", "ORDINAL", "QUANTITY",
                              "MONEY", "PERCENT"})
# a country or people acting (the subject of a verb) is what a later "it" or "they" stands for
_STATES = frozenset({"GPE", "NORP"})
_STATE_PRONOUNS = frozenset({"it", "its", "they", "them", "their"})
_QUOTES = frozenset({'"', "\u201c", "\u201d", "``", "''"})


@dataclass(frozen=True)
class Need:
    """``previous``: the sentence just before it must be read first (a pronoun or a
    demonstrative stands for something in it); ``name``: an earlier sentence must name this
    word (the noun of a bare definite subject, a surname)."""

    previous: bool = False
    name: str | None = None
    reason: str = ""


NOTHING = Need()


_OWNERS = {"his": ("PERSON",), "her": ("PERSON",), "its": ("ORG", "GPE", "NORP"),
           "their": ("ORG", "GPE", "NORP", "PERSON")}


def _named_subject_follows(token, root) -> bool:
    """Whether an owner's pronoun in the opening words is the main clause's subject, named
    right after them: "In her black coat, Sajida al-Rishawi looked ...", "In his speech,
    President Obama said ..." (a writer's cataphora, which the sentence itself resolves)."""
    kinds = _OWNERS.get(token.lower_)
    if kinds is None or token.dep_ != "poss":
        return False
    subject = next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None or subject.i < token.i:
        return False
    branch = token
    while branch.head.i != root.i and branch.head.i != branch.i:
        branch = branch.head
    if branch.dep_ not in ("prep", "advcl", "npadvmod", "advmod"):
        # (in the reported words or the subject: "His body was found by a maid, Coroner Gary
        # Hargrove said" is not the coroner's body)
        return False
    # (a name the tagger left untyped is a person's as readily as not: "Ana Ruiz looked")
    return subject.ent_type_ in kinds or (
        "PERSON" in kinds and subject.pos_ == "PROPN" and not subject.ent_type_)


# Names no "his" or "her" stands for: "Israel has denied impeding his visit" speaks of a man
# told of before. (Not organisations: the recogniser takes many a surname for one, "Pre-Tour
# favourite Vinokourov".)
_NOT_A_PERSON = frozenset({"GPE", "LOC", "NORP", "FAC", "DATE", "TIME", "MONEY", "CARDINAL",
                           "ORDINAL", "QUANTITY", "PERCENT", "LANGUAGE"})


def sentence_needs(doc, start: int, end: int) -> Need:
    """What the sentence at ``doc.text[start:end]`` needs from earlier sentences; ``NOTHING``
    when it reads alone or has no parse."""
    if doc is None:
        return NOTHING
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return NOTHING
    root = span.root
    if any(c.dep_ == "mark" and c.i < root.i for c in root.children):
        # "Not because Mo was long for the job." - a subordinate clause with no main one
        return Need(previous=True, reason="a subordinate clause without its main clause")
    quoted = quoted_tokens(span)
    if root.tag_ == "VB" and root.i not in quoted and _opens(span, root) and not any(
            c.dep_ in _SUBJECTS or c.dep_ == "aux" for c in root.children):
        # "Never mind that BP is an international company." - the writer's aside to the reader
        return Need(previous=True, reason="an imperative addressed to the reader")
    first = next((t for t in span if not t.is_punct), None)
    if first is not None and first.lower_ in ("there", "here") and first.dep_ == "advmod" \
            and first.i not in quoted:
        # "There seven judges must decide ...": in the place told of before
        return Need(previous=True, reason=f"{first.text!r}: a place told before")
    teller = next((c for c in root.children if c.dep_ == "nsubj" and c.lower_ in _PERSONAL
                   and c.i not in quoted), None)
    if teller is not None and lemma(root) in SAYING_VERBS and any(
            c.dep_ == "ccomp" and c.i < teller.i for c in root.children):
        # "The plant should also be made safe, he says": whoever the reported words name, the
        # one who says them is someone told of before
        return Need(previous=True, reason=f"{UNNAMED_REASON} ({teller.text!r})")
    named_before = thing_before = False
    state_before = False
    for token in span:
        if token.i >= root.i:
            break
        if token.i in quoted:
            continue
        if _lone_surname(token) and _named_in_full_before(token, doc, span.start):
            # "During LaCalamita's arraignment, ...": a surname the article named in full
            # before, in the sentence's opening words
            return Need(name=token.text, reason=f"the surname {token.text!r} without the "
                                                "full name")
        if token.ent_type_ in _ANTECEDENTS or (token.pos_ == "PROPN"
                                               and token.ent_type_ not in _NOT_ANTECEDENTS):
            named_before = True
            # (a person is no "it": "According to advice given by Jay Bybee, it must be
            # equivalent to the pain of organ failure" leans on the sentence before)
            thing_before = thing_before or token.ent_type_ in _ANTECEDENTS - {"PERSON"} or (
                not token.ent_type_ and token.lower_ not in PEOPLE_NOUNS
                and (token.dep_ in _SUBJECTS or token.dep_ == "poss"))
            continue
        if token.ent_type_ in _STATES and (token.dep_ in _SUBJECTS or token.dep_ == "poss"):
            state_before = True
        if token.tag_ == "NN" and token.dep_ in _SUBJECTS and token.lower_ not in PEOPLE_NOUNS \
                and token.lower_ not in PERSON_NOUN_GENDER:
            # "when the convoy reached Baba Amr, it was denied permission": a thing the
            # sentence names as a subject before "it"
            thing_before = True
        word = token.lower_
        if word in _STATE_PRONOUNS and state_before:
            # "France does not plan to arm the rebels, although it does not oppose others
            # doing so": a country acting as the subject is what "it" stands for
            continue
        named = thing_before if word == "it" else named_before
        if word in _PRONOUNS and not named and not _expletive(token) and \
                not _named_subject_follows(token, root):
            return Need(previous=True, reason=f"the pronoun {token.text!r} before the main verb")
        if _standing_demonstrative(token):
            # "That is why ...", "For this is the largest case ..."
            return Need(previous=True, reason=f"the demonstrative {token.text!r}")
        if token.i == span.start and word in ("which", "whom", "whose") and \
                not span.text.rstrip().endswith("?"):
            # "Which is an interesting question ...": a relative clause cut from its sentence
            return Need(previous=True, reason=f"a relative clause opening on {token.text!r}")
    person_before = any(_someone(t) for t in span[:root.i - span.start + 1])
    for token in span[root.i - span.start + 1:]:
        # "Experts believe that this is just the latest attack": after the main verb too, a
        # demonstrative subject stands for something told before
        if _standing_demonstrative(token) and token.dep_ in _SUBJECTS and token.i not in quoted:
            return Need(previous=True, reason=f"the demonstrative {token.text!r}")
        # "A statement issued by BP said he had the full support of the board": a man the
        # sentence never names, the subject of what is reported
        if token.lower_ in _PERSONAL and token.dep_ in _SUBJECTS and token.i not in quoted \
                and not person_before:
            return Need(previous=True, reason=f"{UNNAMED_REASON} ({token.text!r})")
        person_before = person_before or _someone(token)
        # "Police earlier confirmed that Escalante was shot": a surname the article named in
        # full before, as the subject of the reported clause
        if token.dep_ in _SUBJECTS and token.i not in quoted and _lone_surname(token) \
                and _named_in_full_before(token, doc, span.start):
            return Need(name=token.text, reason=f"the surname {token.text!r} without the "
                                                "full name")
    unnamed = next((t for t in span if t.lower_ in _HIS_HER and t.i not in quoted), None)
    if unnamed is not None and not any(
            _someone(t) or (t.pos_ == "PROPN" and t.ent_type_ not in _NOT_A_PERSON)
            or t.lower_ in PEOPLE_NOUNS or t.lower_ in PERSON_NOUN_GENDER
            for t in span if t.i not in quoted):
        # 'A "low moment" was his decision to seek evidence ...': whose? a sentence that
        # names no one speaks of someone told of before (a person of a kind in it is who "his"
        # is: "A teenage boy was brought in, most of his face gone")
        return Need(previous=True, reason=f"{UNNAMED_REASON} ({unnamed.text!r})")
    unquoted = "".join(t.text_with_ws for t in span if t.i not in quoted)
    if _EMBEDDED.search(unquoted):
        # "Ed Henry stirred the pot when he posted the following picture to his Twitter page."
        return Need(previous=True, reason=EMBEDDED_REASON)
    if _ANSWERING.search(unquoted):
        # "a statement issued by BP in response said ...": in response to what was told before
        return Need(previous=True, reason=ANSWERING_REASON)
    place = _unnamed_place(span, quoted)
    if place is not None:
        return Need(previous=True, reason=f"'the {place.text}' with no place named")
    orphan = _orphan_object(span, quoted)
    if orphan is not None:
        return Need(previous=True, reason=f"the pronoun {orphan.text!r} with nothing before it "
                                          "to stand for")
    # (the parser may root the sentence in a quotation it introduces: 'Lee also blamed racism
    # for the response: "If the spill had reached ..., it would have been fixed."'; the
    # writer's clause is then the first verb outside it with a subject of its own)
    main = root if root.i not in quoted else next(
        (t for t in span if t.pos_ in ("VERB", "AUX") and t.i not in quoted and any(
            c.dep_ in _SUBJECTS and c.i not in quoted for c in t.children)), root)
    subject = next((t for t in main.children if t.dep_ in _SUBJECTS and t.i not in quoted), None)
    if subject is None:
        return _titled_surname(span, quoted)
    pointing = _pointing_determiner(subject)
    if pointing is not None:
        # "Many of these Iraqis had been ...", "This operation was ...": which ones?
        return Need(previous=True, reason=f"the demonstrative '{pointing.text} "
                                          f"{pointing.head.text}' in the subject")
    # Only a subject that opens the sentence: in "..., the council said." the reported words
    # before it have already said what it is about.
    if _opens_clause(span, main, subject) and _bare_definite(subject):
        return Need(name=subject.lower_, reason=f"the bare subject 'the {subject.text}'")
    described = [c for c in subject.children if c.dep_ not in ("det", "punct")]
    if subject.pos_ == "PROPN" and subject.ent_type_ == "PERSON" and any(
            c.dep_ == "det" and c.lower_ == "the" for c in subject.children) and described \
            and all(c.dep_ == "amod" and (c.pos_ == "ADJ" or any(t.text == "-" for t in c.subtree))
                    for c in described):
        # "The Mississippi-bred, wispy-haired Dudley has been paraded ...": a person described
        # as one the reader already knows
        return Need(name=subject.text, reason=f"the described name 'the ... {subject.text}'")
    if _definite_people(subject):
        # "Police said the Americans did not have paperwork": which Americans?
        return Need(previous=True, reason=f"the bare subject 'the {subject.text}'")
    for clause_subject in (t for t in span if t.dep_ in _SUBJECTS and t.i not in quoted
                           and t.head.dep_ == "ccomp" and t.head.head.i == root.i):
        if _definite_people(clause_subject):
            return Need(previous=True, reason=f"the bare subject 'the {clause_subject.text}'")
    owner = next((c for c in subject.children if c.dep_ == "poss"), None)
    if subject.left_edge.i == span.start and owner is not None and _bare_definite(owner):
        # "The company's political action committee has ...": whose?
        return Need(name=owner.lower_, reason=f"the bare owner 'the {owner.text}'s'")
    for other in (t for t in span if t.dep_ in _SUBJECTS and t.i not in quoted and
                  t.i != subject.i and t.pos_ in ("NOUN", "PROPN")):
        # "Hopes were dampened today, when the company's chief executive said ...": which
        # company's, in a clause of its own
        owner = next((c for c in other.children if c.dep_ == "poss"), None)
        if owner is not None and owner.i not in quoted and _bare_definite(owner) and \
                owner.lower_ not in _ONE_OF_A_KIND and not any(
                t.ent_type_ in ("ORG", "PERSON", "GPE", "NORP", "LOC") for t in span
                if t.i < owner.i):
            # (one the sentence names before it is that: "BP workers say the company's ...")
            return Need(name=owner.lower_, reason=f"the bare owner 'the {owner.text}'s'")
    if any(c.lower_ in _CONTINUING and c.dep_ == "advmod" for c in main.children) and \
            main.i not in quoted:
        # "... has also stepped up its contributions": goes on from something told before
        return Need(previous=True, reason=ALSO_REASON)
    if main.i not in quoted and lemma(main) in ("be", "seem", "look") and any(
            c.dep_ == "acomp" and c.lower_ in _COMPARED and not any(
                g.dep_ in ("prep", "ccomp", "xcomp") or g.lower_ == "than" for g in c.children)
            for c in main.children):
        # "The situation is different.": from what? compared with something told before
        return Need(previous=True, reason=COMPARED_REASON)
    relative = next((t for t in span if t.lower_ in ("earlier", "later") and t.i not in quoted
                     and any(c.lower_ in _DEGREES for c in t.children)
                     and not any(c.lower_ == "than" for c in t.subtree)), None)
    if relative is not None and not any(
            t.ent_type_ in ("DATE", "EVENT") and not (relative.left_edge.i <= t.i <= relative.i)
            for t in span):
        # (a day the sentence names is what it is earlier than: "the bombers who attacked on
        # July 7th had rehearsed nine days earlier")
        # "The Falklands, much earlier, was close.": earlier than what was told before
        return Need(previous=True, reason=COMPARED_REASON)
    if lemma(main) == "add" and main.i not in quoted and not any(
            c.dep_ in ("dobj", "dative") for c in main.children):
        # 'The Venezuelan president added: "..."': goes on from what the speaker said before
        return Need(previous=True, reason=ADDED_REASON)
    surname = _surname_only(subject, doc, span.start)
    if surname:
        return Need(name=surname, reason=f"the surname {surname!r} without the full name")
    return _titled_surname(span, quoted)


def _named_in_full_before(token, doc, sentence_start: int) -> bool:
    """Whether a sentence before the one at ``sentence_start`` names a person in two words or
    more ending in this token's word ("Anthony LaCalamita" before "LaCalamita")."""
    for ent in doc.ents:
        if ent.start >= sentence_start:
            break
        if ent.label_ == "PERSON" and len(ent) >= 2 and ent[-1].text == token.text and \
                ent[0].lower_ not in _TITLES:
            return True
    return False


def _lone_surname(token) -> bool:
    """A one-word person's name ("Escalante"), as NER tags it."""
    doc = token.doc
    return token.ent_type_ == "PERSON" and token.ent_iob_ == "B" and not (
        token.i + 1 < len(doc) and doc[token.i + 1].ent_iob_ == "I")


def _definite_people(subject) -> bool:
    """"the Americans", "the Britons": a nationality's people with "the" and nothing else,
    standing for a group the article told of before."""
    children = [c for c in subject.children if c.dep_ != "case"]
    return subject.ent_type_ == "NORP" and subject.tag_ in ("NNPS", "NNS") and \
        len(children) == 1 and children[0].lower_ == "the" and children[0].i == subject.i - 1


def _titled_surname(span, quoted: set[int]) -> Need:
    """A courtesy title and a surname anywhere outside quotation marks ("BP has responded to
    Mr Benton's account"): by news convention a second mention, after the full name."""
    for token in span[:-1]:
        nxt = token.doc[token.i + 1]
        after = token.doc[nxt.i + 1] if nxt.i + 1 < len(token.doc) else None
        if token.lower_ in _TITLES and token.i not in quoted and nxt.pos_ == "PROPN" and \
                nxt.text[:1].isupper() and (after is None or after.pos_ != "PROPN"):
            return Need(name=nxt.text, reason=f"the surname {nxt.text!r} after a title, "
                                              "without the full name")
    return NOTHING


_CONTINUING = frozenset({"also", "too", "likewise", "similarly"})
# Owners there is only one of, which no sentence before need name ("the world's richest").
_ONE_OF_A_KIND = frozenset({"world", "planet", "earth", "public", "economy", "internet"})
_OBJECT_PRONOUNS = frozenset({"it", "them", "him", "her"})


# (not "region": "could spread across the region" reads alone)
_PLACE_KINDS = frozenset({"town", "city", "village", "port", "district", "province",
                          "island", "neighbourhood", "neighborhood", "enclave", "suburb"})


def _unnamed_place(span, quoted: set[int]):
    """"The rebels would face a hard fight to capture the town": a place of a kind, with "the"
    and no name, in a sentence that names no place, is one named before (which town?)."""
    if any(t.ent_type_ in ("GPE", "LOC", "FAC") for t in span):
        return None
    for token in span:
        if token.lower_ not in _PLACE_KINDS or token.i in quoted or token.tag_ != "NN":
            continue
        kids = list(token.children)
        if any(c.dep_ == "det" and c.lower_ == "the" for c in kids) and not any(
                c.dep_ in ("prep", "compound", "appos", "relcl", "acl", "poss") for c in kids):
            return token
    return None


def _orphan_object(span, quoted: set[int]):
    """An object pronoun with no noun before it that it could stand for: its own clause's
    subject cannot be its referent ("East takes it out to sea" - takes what?)."""
    for token in span:
        if token.lower_ not in _OBJECT_PRONOUNS or token.i in quoted or \
                token.dep_ not in ("dobj", "pobj", "dative"):
            continue
        verb = token.head if token.dep_ != "pobj" else token.head.head
        own_subject = {t.i for c in verb.children if c.dep_ in _SUBJECTS for t in c.subtree}
        if not any(t.pos_ in ("NOUN", "PROPN") and t.i not in own_subject
                   for t in span[: token.i - span.start]):
            return token
    return None


def _pointing_determiner(subject):
    """A demonstrative determiner in the subject's phrase ("these Iraqis", "many of those
    countries") on a noun that is not a time ("this year")."""
    for token in subject.subtree:
        if token.lower_ in _DEMONSTRATIVES and token.dep_ == "det" and \
                token.head.pos_ in ("NOUN", "PROPN") and token.head.lower_ not in _TIME_NOUNS \
                and token.head.lemma_.lower() not in _TIME_NOUNS:
            return token
    return None


def _standing_demonstrative(token) -> bool:
    """A demonstrative standing for something told before ("That is why"; as a subject, "both
    are in easy reach", "Neither would comment"); as a determiner ("this year", "both sides")
    it names its own noun."""
    return (token.lower_ in _DEMONSTRATIVES or (token.lower_ in _PAIRS and token.dep_ in
                                                _SUBJECTS)) and \
        token.pos_ == "PRON" and token.tag_ == "DT"


# Words that stand for two or more things told before when they stand alone.
_PAIRS = frozenset({"both", "neither", "either"})


def _opens(span, root) -> bool:
    """Whether the root verb is the sentence's first word, after adverbs ("Never mind")."""
    return all(t.pos_ in ("ADV", "PART", "PUNCT", "INTJ") for t in span[: root.i - span.start])


# Words that point at a noun told before ("that transition", "these repairs", "Such
# involvement", "Similar doubts"), and the nouns they point at that need no earlier sentence:
# a time ("this year", "that day") or a manner ("this way").
POINTING = frozenset({"this", "these", "that", "those", "such", "similar"})
NO_REFERENT_NOUNS = frozenset({
    "day", "week", "month", "year", "morning", "afternoon", "evening", "night", "time",
    "weekend", "season", "summer", "winter", "spring", "autumn", "fall", "decade", "century",
    "kind", "sort", "way"})


def pointing_word(span):
    """The first word outside quotation marks that points at a noun told before, or None."""
    quoted = quoted_tokens(span)
    # (a gerund the parser calls a verb is a noun here: "no such dumbing down")
    return next((tok for tok in span if tok.lower_ in POINTING
                 and tok.dep_ in ("det", "amod", "predet") and (
                     tok.head.pos_ == "NOUN" or tok.head.tag_ == "VBG"
                     # ("that weary Titan": a noun written with a capital, not a day)
                     or (tok.lower_ in _DEMONSTRATIVES and tok.head.pos_ == "PROPN"
                         and not tok.head.ent_type_ in ("DATE", "TIME")
                         and tok.head.lower_ not in _TIME_NOUNS))
                 and tok.head.i > tok.i and tok.head.lower_ not in NO_REFERENT_NOUNS
                 and tok.i not in quoted
                 # ("similar doubts" to what went before; "similar to X" says to what)
                 and not (tok.lower_ == "similar" and any(
                     c.lower_ == "to" for c in (*tok.children, *tok.head.children)))),
                None)


def quoted_tokens(span) -> set[int]:
    """Indices of tokens inside quotation marks (a quoted "it" is the speaker's, not ours)."""
    inside, out = False, set()
    for token in span:
        if token.text in _QUOTES:
            inside = not inside
            continue
        if inside:
            out.add(token.i)
    return out


def _expletive(token) -> bool:
    if token.dep_ == "expl":
        return True
    if not (token.lower_ == "it" and token.dep_ in _SUBJECTS
            and token.head.lower_ in _EXPLETIVE_HEADS):
        return False
    # the clause "it" stands in for comes after it ("It was not clear whether ...", "it takes
    # two years to build"); without one "it" is something told before ('it "must be
    # equivalent in intensity to the pain ..."')
    head = token.head
    doc = token.doc
    if head.lower_ in ("seems", "seemed", "appears", "appeared") and head.i + 1 < len(doc) \
            and doc[head.i + 1].text == ",":
        return True  # "Yet the government, it seems, can't do much"
    return any(t.dep_ in _EXTRAPOSED and t.i > token.i for t in head.subtree)


_EXTRAPOSED = frozenset({"ccomp", "xcomp", "csubj", "advcl", "relcl"})


def _someone(token) -> bool:
    """A named person, or the subject of a clause that names a speaker ("a spokesman said he
    ...")."""
    return token.ent_type_ == "PERSON" or (token.dep_ in _SUBJECTS and kind_of(
        token.doc[token.left_edge.i:token.right_edge.i + 1]) in _SOMEONE)


def _opens_clause(span, main, subject) -> bool:
    """Whether the subject opens the sentence, or follows only a modifier of its clause
    ("Strapped into a helicopter, the man ..."); not reported words before it ("..., the
    council said")."""
    if subject.left_edge.i == span.start:
        return True
    before = {t.i for t in span if t.i < subject.left_edge.i}
    openers = {t.i for c in main.children if c.dep_ in ("advcl", "prep", "npadvmod", "advmod",
                                                        "punct") and c.i < subject.i
               for t in c.subtree}
    return before <= openers


def _bare_definite(subject) -> bool:
    """"The demand" or "These sell-offs": a common noun whose only dependant is a definite
    determiner ("The water company", "The shooting of a boy" say what they mean)."""
    if subject.pos_ != "NOUN" or subject.lower_ in _TIME_NOUNS or not subject.is_lower:
        return False
    children = [c for c in subject.children if c.dep_ != "case"]
    if subject.lower_ in _KIND_NOUNS and children and children[0].dep_ == "det" and \
            children[0].lower_ in ({"the"} | _DEMONSTRATIVES) and \
            all(c.i < subject.i and (c.dep_ == "amod" or (c.dep_ == "compound" and any(
                t.text == "-" for t in c.subtree))) for c in children[1:]):
        # "The under-fire company", "the embattled firm": a kind with a word of praise or blame
        # is still the one named before
        return True
    if subject.lower_ in _UNNAMED_PEOPLE and children and children[0].dep_ == "det" and \
            children[0].lower_ == "the" and not any(
            t.ent_type_ == "PERSON" or t.pos_ == "PROPN" and t.dep_ == "appos"
            for t in subject.subtree):
        # "the most serious man in Louisiana is starting to sound ridiculous": however he is
        # described, a man the sentence never names is one named before (or a feature's tease)
        return True
    if len(children) == 2 and children[0].dep_ == "det" and children[0].lower_ == "the" and \
            children[1].dep_ in ("compound", "amod") and children[1].lower_ in _OF_A_PLACE and \
            children[1].i == subject.i - 1:
        # "The town hall called in a demining company": the hall of a town named before
        return True
    return len(children) == 1 and children[0].dep_ == "det" and \
        children[0].lower_ in ({"the"} | _DEMONSTRATIVES) and children[0].i == subject.i - 1


# Words that make a body a place's ("the town hall", "the city council"): which place?
_OF_A_PLACE = frozenset({"town", "city", "county", "village", "district", "municipal", "local",
                         "regional", "provincial", "state"})


_UNNAMED_PEOPLE = frozenset({"man", "woman", "boy", "girl",
                             # an office with the words of a race or a party around it ("The
                             # Republican presidential nominee", "the presumptive Democratic
                             # nominee"): whoever holds it was named before
                             "nominee", "candidate", "front-runner", "frontrunner",
                             "incumbent", "challenger", "contender", "hopeful"})
# Nouns of a kind every story has several of ("company", "man"): with only adjectives before
# them they stand for one named before.
_KIND_NOUNS = frozenset({"company", "firm", "corporation", "group", "giant", "man", "woman",
                         "official", "executive", "boss", "agency", "lawmaker", "senator",
                         "minister", "leader", "actor", "singer", "star", "player"})


def _surname_only(subject, doc, sentence_start: int) -> str | None:
    """The subject's surname when it names a person by one word after an earlier sentence of
    the article gave more of the name ("Maurice Cheeks ..." then "Cheeks was replaced"), or
    when the tagger reads a one-word subject as a person no earlier sentence names. The earlier
    full name decides first, as the tagger often reads a lone surname as a noun."""
    if not subject.text[:1].isupper() or subject.pos_ not in ("PROPN", "NOUN"):
        return None
    if any(c.dep_ in ("compound", "amod", "nmod") and c.lower_ not in _TITLES
           for c in subject.children):
        return None
    if _named_in_full_before(subject, doc, sentence_start):
        return subject.text
    # Nor when nothing before names the person at all: a report introduces someone new by the
    # full name, so one word as the first mention ("Mikhailov has had a distinguished career")
    # stands for someone a part of the page the reader does not have introduced.
    if _lone_surname(subject):
        return subject.text
    return None
