"""Whether a dated sentence may be shown as a timeline entry: the checks a reader can follow.

``timeline.event_day`` decides whether a day dates a sentence's main event at all (a day inside
a noun or a side clause dates that, not the sentence). A sentence that passes still counts for
the ranking of its day, but it is shown only when it also passes the checks here, since an
entry is worse than none when it reads wrong:

- ``dated_event``: the verb the day hangs from tells something that happened (or is planned) on
  that day: not a state ("Today they are running wild", "On Wednesday morning, we were in the
  early stages of ...", "The death toll, as of Friday, is estimated to be 110,000", "today,
  65m hogs are concentrated in ..."), not a background in the past progressive ("were pricing
  a 40 percent chance"), not a plan told in the past ("She was scheduled to be released
  December 2": it may never have happened), not a negated or merely possible event, not the
  day of an anticipated noun ("ahead of their hearing on Thursday"), not an imperative
  ("Please crash your car today") and not the writer's own anecdote ("I heard ...").
- ``reads_alone``: the sentence can be read without the one before it: no question, no
  sentence that starts inside a quotation ('It’s pretty simple," the spokesman said
  yesterday.'), no personal pronoun or unnamed "the man" opening it ("He returned to action
  on October 30", "The man was taken to the hospital Saturday"); a
  report's undated lead also not on a connective ("And the disease has now spread").
- ``teaser_page``: an article that is a list of teasers cut off by the page ("... piling
  misery on a region b...") gives no entries: its sentences are other stories of other days.
- ``log_entries_start``: a day-by-day log ("In the Gulf: ... At the White House: ... In the
  Gulf: ...") whose day headings the page lost: a weekday or "today" after its first entry is
  that entry's own day, which the text no longer names, so it dates nothing.
"""
from __future__ import annotations

import re

from newsweave.lexicon import MONTH_NUMBERS
from newsweave.nlp.claims import lemma
from newsweave.nlp.dates import _PLANNED, _anticipated, clause_tense, imperative
from newsweave.stories.furniture import CREDITED_DATELINE, bare_count, is_fragment
from newsweave.stories.reference import (ADDED_REASON, ALSO_REASON, ANSWERING_REASON,
                                         NO_REFERENT_NOUNS, UNNAMED_REASON, pointing_word,
                                         sentence_needs)
from newsweave.stories.summarize import opens_on_reference

# Verbs whose past tells a state, not an event ("Swine flu is a contagious disease", "the firm
# had no plan", "I wanted to share two of them with you today"), and verbs that keep something
# going rather than make it happen.
STATES = {"be", "have", "seem", "remain", "continue", "know", "believe", "appear", "exist",
          "contain", "include", "belong", "own", "need", "want", "like", "love", "hate", "hope",
          "face", "lack", "mean", "stay", "look", "think", "feel", "consider", "fear", "expect"}
# How a noun written right after a day belongs to a noun phrase the day then modifies.
_NOUN_PARTS = {"compound", "nsubj", "nsubjpass", "amod", "nmod", "dobj"}
# Modal auxiliaries that make an event merely possible ("could meet on Monday", "would pay").
_WILL = {"will", "'ll", "ll", "shall", "wo"}
# Pronouns that open a sentence whose subject was named in an earlier one.
_PRONOUN_OPENERS = {"he", "she", "they", "him", "her", "his", "their", "them", "its", "it",
                    "this", "these", "those", "we", "i"}
# A definite person with no name ("The man was taken to the hospital Saturday"): named before.
_UNNAMED_PERSON = re.compile(r"^the (?:man|woman|boy|girl|child|victim|suspect|patient|couple|"
                             r"pair|teenager|driver|gunman)\b(?! (?:[A-Z]|who\b|whose\b))")
_QUOTES_OPEN = "\u201c\u2018"
# A teaser cut off by the page: "... on a region b... Diesel fuel from" (an ellipsis before
# the next item's capital or the end of the text).
_CUT_OFF = re.compile(r"(?:\.\.\.|\u2026)(?:\s+(?=[A-Z])|\s*$)")
# An article with this many cut-off teasers is a list of them, not a report.
TEASERS_PER_PAGE = 3


# Subordinators that make a clause a circumstance of another ("before the rig exploded",
# "after talks collapsed"), unlike "that", "whether" and "if", which open what is said.
SUBORDINATORS = {"before", "after", "when", "while", "since", "until", "till", "as",
                  "because", "although", "though", "once", "unless", "whereas", "whenever"}
# Adverbs that make the day a guess ("perhaps as early as Thursday", "possibly on Monday").
_HEDGES = {"perhaps", "possibly", "maybe", "probably", "likely", "reportedly", "potentially"}


def subordinate(verb) -> bool:
    """Whether a verb heads a clause that a subordinator such as "before", "after" or "when"
    opens: a circumstance of the main event, whatever the parse's label for it."""
    return any(c.dep_ == "mark" and c.lower_ in SUBORDINATORS for c in verb.children)


def _hedged(span, verb) -> bool:
    """Whether a hedge ("perhaps", "possibly") qualifies the day or the verb it dates."""
    node = span.root
    path = [node]
    while node.i != verb.i and node.head.i != node.i:
        node = node.head
        path.append(node)
    return any(c.dep_ == "advmod" and c.lower_ in _HEDGES for n in path for c in n.children)


def _states_in_future(verb) -> bool:
    """A future that tells a state, not an event: "will be 29 on April 11" (the copula with a
    predicate), "he'll need more than rhetoric" (a verb of state). "The vote will be on
    Monday" (the copula with only its day) schedules an event and is no state."""
    if lemma(verb) == "be" or verb.lower_ == "be":
        if any(c.dep_ == "auxpass" for c in verb.children):
            return False
        return any(c.dep_ in ("attr", "acomp") for c in verb.children)
    return lemma(verb) in STATES


# Verbs of telling whose object is what is told ("announced that ...", "confirmed the deal"),
# unlike "spoke" or "talked", which need none.
_TELLING = {"announce", "say", "confirm", "reveal", "disclose", "report", "state", "declare",
            "unveil", "add"}


def _announces_nothing(verb, span) -> bool:
    """A verb of saying with nothing said: "Seacom announced today (4 November 2011)" (the
    sentence cut by the page): no clause, object or quotation outside the day."""
    if lemma(verb) not in _TELLING:
        return False
    sent = verb.sent
    if any(t.text in ('"', "\u201c", "\u201d", "''", "``") for t in sent):
        return False
    said = [c for c in verb.children if c.dep_ in ("ccomp", "dobj", "xcomp", "advcl", "conj",
                                                   "parataxis", "nsubjpass", "attr")
            and not span.start <= c.i < span.end]
    return not said and not any(c.dep_ == "nsubj" and c.i > verb.i for c in verb.children)


def _governor(token):
    """The verb a date hangs from: the first verb or auxiliary above it in the parse."""
    node = token
    while node.head.i != node.i:
        node = node.head
        if node.pos_ in ("VERB", "AUX"):
            return node
    return node


def _modal(auxes) -> bool:
    """Whether an auxiliary is a modal other than "will" ("could", "may", "can", "should")."""
    return any(a.tag_ == "MD" and a.lower_ not in _WILL for a in auxes)


def dated_event(doc, date_start: int, date_end: int, *, sentence: tuple[int, int] | None = None,
                ahead: bool = False) -> str | None:
    """Why the day at characters ``date_start:date_end`` does not date an event that happened
    or is planned (``None`` when it does): "modifier" (a day written before a noun, "the
    January 12 Haiti earthquake left ..."), "anticipated" (the day of a noun's event ahead:
    "ahead of their hearing on Thursday"), "past-plan", "state", "present", "progressive",
    "modal", "negated", "imperative", "first-person" (the writer's "I heard") or
    "after-publication" (``ahead``: the day lies after the article's
    publication, yet the clause is not in the future: "September 11 deepened the relationship"
    is another year's day). A future ("will testify Thursday", "plans to tell ... on Thursday")
    is a planned event and passes. ``sentence`` (character bounds): a parse that hangs the day
    from a verb outside the sentence (across a heading) is read at the sentence's own verb."""
    span = doc.char_span(date_start, date_end, alignment_mode="expand")
    if span is None or not len(span):
        return None
    after = doc[span.end] if span.end < len(doc) else None
    before = doc[span.start - 1] if span.start > 0 else None
    if (span[0].lower_.rstrip(".")[:3] in MONTH_NUMBERS and after is not None
            and after.pos_ in ("NOUN", "PROPN") and after.dep_ in _NOUN_PARTS
            and (before is None or before.pos_ != "ADP")):
        return "modifier"  # "January 12 Haiti earthquake left ...": the day of a noun's event
    if _anticipated(doc, span) is not None:
        return "anticipated"  # "ahead of their hearing on Thursday": the noun's day, not the verb's
    if before is not None and before.lower_ == "of" and span.start > 1 and \
            doc[span.start - 2].lower_ == "as":
        return "as-of"  # "As of Tuesday, 257,000 people had signed up": a count, no event
    tense = clause_tense(doc, date_start, date_end)
    if tense == "past-plan":
        return "past-plan"  # "was scheduled to be released December 2"
    verb = _governor(span.root)
    if verb.pos_ in ("VERB", "AUX") and _hedged(span, verb):
        return "hedged"  # "perhaps as early as Thursday": a guess at the day
    if verb.pos_ in ("VERB", "AUX") and _announces_nothing(verb, span):
        return "incomplete"  # "Seacom announced today (4 November 2011)": nothing announced
    if verb.pos_ in ("VERB", "AUX") and verb.dep_ == "ROOT" and verb.tag_ in ("VBG", "VBN") \
            and not any(c.dep_ in ("aux", "auxpass", "nsubj", "nsubjpass")
                        for c in verb.children):
        return "fragment"  # "[10 October 2011] bringing us up to 83% ...": no finite verb
    if tense == "future" and imperative(verb):
        return "imperative"  # 'Go back to your work on Sunday': asked for, not planned
    if tense == "future" and verb.pos_ in ("VERB", "AUX") and _modal(
            c for c in verb.children if c.dep_ in ("aux", "auxpass")):
        return "modal"  # "could be placed as early as Wednesday": a possibility, not a plan
    if tense == "future":
        return "state" if _states_in_future(verb) else None
    if sentence is not None and not sentence[0] <= verb.idx < sentence[1]:
        own = [t for t in doc.char_span(*sentence, alignment_mode="expand") or ()
               if t.pos_ in ("VERB", "AUX") and not sentence[0] <= t.head.idx < sentence[1]]
        if not own:
            return None
        verb = own[0]
    if verb.pos_ not in ("VERB", "AUX"):
        return None  # no verb above the day: a chronology's line or a fragment, judged before
    first = verb  # a second verb shares the first one's plan: "was set to be released and
    while first.dep_ == "conj" and first.head.i != first.i:  # sent home on 2 December"
        first = first.head
    plan = first.head if first.dep_ == "xcomp" else None
    if plan is not None and plan.i != verb.i and plan.lower_ in _PLANNED and (
            plan.tag_ == "VBD" or any(a.tag_ == "VBD" for a in plan.children
                                      if a.dep_ in ("aux", "auxpass"))):
        return "past-plan"
    if ahead and not any(a.lower_ in _WILL for a in first.children if a.dep_ == "aux"):
        return "after-publication"  # (a second verb shares the first one's "will")
    # an infinitive or gerund taken by another verb ("started receiving calls on Sunday")
    # carries that verb's tense
    while verb.dep_ == "xcomp" and verb.tag_ in ("VB", "VBG") and verb.head.i != verb.i:
        verb = verb.head
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if any(c.dep_ == "neg" for c in verb.children):
        return "negated"
    # (a verb coordinated with a first one shares its modal: "can listen ... or watch it")
    if _modal(auxes + [c for c in first.children if c.dep_ == "aux"]):
        return "modal"
    if lemma(verb) == "be" and not any(a.dep_ == "auxpass" for a in auxes):
        return "state"  # the copula as main verb: "we were in the early stages"
    if lemma(verb) in STATES and lemma(verb) != "be":
        return "state"  # "I wanted to share two of them with you today"
    if verb.tag_ in ("VBZ", "VBP"):
        return "present"  # "today they reveal", "as of Friday the toll is ..."
    if verb.tag_ == "VBG":
        be = [a for a in auxes if a.lemma_ == "be"]
        if be:
            return "progressive" if any(a.tag_ == "VBD" for a in be) else "present"
    if verb.tag_ == "VBN":
        passive = [a for a in auxes if a.dep_ == "auxpass"]
        tensed = [a for a in auxes if a.tag_ in ("VBZ", "VBP", "VBD", "MD")]
        if passive and tensed and all(a.tag_ in ("VBZ", "VBP") and a.lemma_ == "be"
                                      for a in tensed):
            return "present"  # "65m hogs are concentrated", "is estimated"
    if _imperative(first):
        return "imperative"  # "Please crash your car today": an exhortation, no event
    if _narrator(doc, first):
        return "first-person"  # "At a recent dinner, I heard ...": the writer's anecdote
    if any(c.dep_ == "nsubj" and c.lower_ == "you" and not _inside_quotes(doc, c)
           for c in first.children):
        return "address"  # "You can listen to ... on Monday": the page's note to its reader
    return None


def _imperative(verb) -> bool:
    """A bare verb heading its sentence with no subject and no auxiliary, outside a quotation:
    "Please crash your car today", "Watch the video on Monday" (not a headline's "Obama to
    meet ...", not a speaker's quoted "Leave today!")."""
    return verb.dep_ == "ROOT" and imperative(verb) and not _inside_quotes(verb.doc, verb)


def _inside_quotes(doc, token) -> bool:
    """Whether a token stands inside a quotation opened earlier in its sentence."""
    before = doc.text[token.sent.start_char:token.idx] if token.sent is not None else ""
    straight = before.count('"')
    return straight % 2 == 1 or before.count("\u201c") > before.count("\u201d")


def _narrator(doc, verb) -> bool:
    """Whether the verb's subject is the writer ("I heard"), outside any quotation: a
    columnist's anecdote, not a reported event (a speaker's quoted "I sealed the well on
    Monday" is the speaker's report and stays; "we" is as often a firm's statement)."""
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    return any(c.lower_ == "i" and not _inside_quotes(doc, c) for c in subjects)


def _starts_inside_quote(text: str) -> bool:
    """Whether the sentence begins inside a quotation opened in an earlier one: its first
    quotation mark closes ('It's pretty simple," he said.')."""
    for i, ch in enumerate(text):
        if ch in _QUOTES_OPEN:
            return False
        if ch == "\u201d":
            return True
        if ch == '"':
            before = text[i - 1] if i else " "
            after = text[i + 1] if i + 1 < len(text) else " "
            # a closing mark follows a word or punctuation and precedes a space or punctuation
            return not before.isspace() and (after.isspace() or after in ",.;:!?")
    return False


# A line of an interview's transcript ("Q: ...", "A: ..."): a question put or an answer, no
# event told.
_INTERVIEW_LINE = re.compile(r"(?:^|\s)Q\s?:\s|^A\s?:\s")


def reads_alone(doc, start: int, end: int, text: str, *, lead: bool = False) -> str | None:
    """Why the sentence ``text`` (characters ``start:end`` of ``doc``) cannot be shown on its
    own (``None`` when it can): "question", "inside-quote", "pronoun" or, for an undated
    ``lead``, "connective"."""
    stripped = text.strip()
    if "?" in stripped or _INTERVIEW_LINE.search(stripped):
        return "question"  # "Here's the exchange: Q: BP is going to release ...": a transcript
    if _starts_inside_quote(stripped):
        return "inside-quote"
    if lead and opens_on_reference(stripped):
        return "connective"
    if _UNNAMED_PERSON.match(stripped[:1].lower() + stripped[1:]):
        return "pronoun"
    words = stripped.lstrip("\"'\u201c\u2018(*- ").split(maxsplit=1)
    first = words[0].lower().strip(",") if words else ""
    if first in _PRONOUN_OPENERS:
        if first != "it" or doc is None:
            return "pronoun"
        sent = doc.char_span(start, end, alignment_mode="expand")
        # "It has been reported that ...", "It is likely that ...": an expletive, no reference
        clauses = ("ccomp", "csubj", "xcomp")
        if sent is None or not any(c.dep_ in clauses for c in sent.root.children):
            return "pronoun"
    if bare_count(stripped):
        return "needs-previous"  # "Some 1,200 got on chartered flights today": 1,200 what?
    # a fragment: "bringing us up to 83% ..." after a date label, a crosshead glued in front
    opening = re.sub(r"^[^\w\[]*(?:\[[^\]]{0,40}\]\W*)?", "", stripped)
    if opening[:1].islower() or is_fragment(stripped):
        return "fragment"
    # the main clause's subject or its owner is a pronoun, wherever it stands ("On Wednesday
    # he will meet ...", "But it is now set to ...", "On Tuesday its shares shed 13%"), or a
    # subordinate clause stands without its main one
    return _needs_antecedent(doc, start, end) if doc is not None else None


# Words for a part of a group ("one of", "some of", "most of").
_PART_WORDS = frozenset({"one", "some", "many", "most", "all", "each", "none", "few", "several",
                         "both", "either", "neither", "half", "part", "majority", "rest"})
_SUBJECT_PRONOUNS = {"he", "she", "it", "they", "his", "her", "its", "their", "this", "that",
                     "these", "those"}
_NOT_NAMES = {"DATE", "TIME", "GPE", "LOC", "CARDINAL", "ORDINAL", "QUANTITY", "MONEY",
              "PERCENT"}
# Verbs an expletive "it" goes with ("It is likely that ...", "It seems that ..."), word forms
_EXPLETIVE_VERBS = {"is", "was", "be", "been", "'s", "seems", "seemed", "appears", "appeared",
                    "remains", "remained", "became", "becomes", "took", "takes"}
# Nouns of a kind every story has several of: "the company" or "the man" stands for one named
# before, and a timeline entry shown alone does not say which.
_GENERIC_NOUNS = {"company", "firm", "corporation", "group", "organisation", "organization",
                  "man", "woman", "person", "individual", "official", "spokesman",
                  "spokeswoman", "spokesperson"}

def _needs_antecedent(doc, start: int, end: int) -> str | None:
    """Whether the sentence's event is told of someone only an earlier sentence names: the
    main verb's subject is a pronoun or a demonstrative ("he pleaded guilty", "this plan
    failed"), or the subject's owner is ("its shares shed 13%"), outside quotation marks and
    with no name before it in the sentence; or the sentence is a subordinate clause with no
    main clause, or a lone surname as subject that no name before introduces
    (``reference.sentence_needs``); or a demonstrative on a noun anywhere ("released
    this mushroom cloud": a caption). A pronoun elsewhere ("seal it with a cap")
    mostly points inside the sentence and is left alone; an expletive "it" ("It is likely
    that ...") points nowhere. Returns "needs-previous", "fragment" (the subordinate clause)
    or None."""
    sent = doc.char_span(start, end, alignment_mode="expand")
    if sent is None or not len(sent):
        return None
    root = sent.root
    need = sentence_needs(doc, start, end)
    if need.previous and need.reason.startswith("a subordinate clause"):
        return "fragment"
    if need.previous and need.reason.startswith((ANSWERING_REASON, UNNAMED_REASON, ALSO_REASON,
                                                 ADDED_REASON)):
        # "Remi Ochlik also died", "BP responded by blasting the letter", "a statement said he
        # had the board's support", "The statement added that ...": an entry shown alone goes
        # on from what is not shown
        return "needs-previous"
    subjects = [c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")]
    for subject in subjects:
        if _inside_quotes(doc, subject):
            continue
        # (a day or a place named before is no one the pronoun can stand for)
        # (nor is a noun, unless it is another clause's subject: "After the mayor resigned,
        # she ...")
        named = any(t.ent_type_ in ("PERSON", "ORG", "NORP") or (
            t.pos_ == "PROPN" and t.ent_type_ not in _NOT_NAMES) or (
            t.pos_ == "NOUN" and t.dep_ in ("nsubj", "nsubjpass"))
                    for t in doc[sent.start:subject.left_edge.i])
        if named:
            continue
        words = [subject] + [c for c in subject.children if c.dep_ in ("poss", "det")]
        if subject.pos_ in ("NUM", "PRON", "ADJ", "DET") or subject.lower_ in _PART_WORDS:
            # "One of its reporters was arrested": the owner of those the part is of
            words += [g for c in subject.children if c.dep_ == "prep" and c.lower_ == "of"
                      for o in c.children if o.dep_ == "pobj"
                      for g in o.children if g.dep_ == "poss"]
        for word in words:
            if word.lower_ not in _SUBJECT_PRONOUNS:
                continue
            if word.i == subject.i and word.lower_ == "it" and (
                    root.lower_ in _EXPLETIVE_VERBS
                    or any(c.dep_ == "auxpass" for c in root.children)) and any(
                    c.dep_ in ("ccomp", "csubj", "xcomp") for c in root.children):
                continue  # "It is likely that ...": an expletive
            if word.i != subject.i and word.dep_ == "det" and subject.lower_ in NO_REFERENT_NOUNS:
                continue  # "that day", "this week": tied to the time of writing
            if word.i == subject.i and word.lower_ == "that" and word.tag_ != "DT":
                continue
            return "needs-previous"
    if need.name is not None and (need.reason.startswith("the surname") or (
            need.reason.startswith("the bare subject") and need.name in _GENERIC_NOUNS)):
        # "Mikhailov flew in on Monday": who? "The company declared war Friday": which of the
        # story's companies? (A bare definite subject naming a kind a story has one of, "The
        # dam failed on May 3", is left alone: in one story's timeline the reader knows it.)
        return "needs-previous"
    # a demonstrative on a noun, wherever it stands: "... released this mushroom cloud" (a
    # picture's caption), "the cost of these repairs rose on Monday" (which ones?)
    if pointing_word(sent) is not None:
        return "needs-previous"
    return None


def teaser_page(text: str) -> bool:
    """Whether an article is a list of teasers: ``TEASERS_PER_PAGE`` or more items cut off by
    an ellipsis before the next one, or ``DIGEST_DATELINES`` or more wire datelines (a digest
    of reports from other days: its "Thursday" is not the page's).

    >>> teaser_page("Homes lost power in a region b... Fuel reached the shore, officials "
    ...             "said Thursday. A barge sank ... Officials found a body while fro ...")
    True
    >>> teaser_page('He said: "We will see..." The vote is on Monday.')
    False
    >>> teaser_page(" ".join(f"CAIRO (Reuters) -- Item {n} on Thursday." for n in range(3)))
    True
    """
    return len(_CUT_OFF.findall(text)) >= TEASERS_PER_PAGE or len(
        CREDITED_DATELINE.findall(text)) >= DIGEST_DATELINES


DIGEST_DATELINES = 3


# A place's section label opening a sentence: "In the Gulf: ", "At the White House: ". A place,
# so an interview's speakers ("Jo Lee: ", "ANDERSON: "), a blog's "Posted by: " and a live
# page's "Update: " are not labels of a log.
_ENTRY_LABEL = re.compile(r"(?:^|(?<=[.!?\"\u201d] ))((?:In|At|On|Inside|Across|Along|Around|Off|From)"
                          r"(?: [A-Za-z][\w.'-]*){1,4}):\s")
# How often one label must open an entry for the page to be a log of days.
LOG_ENTRIES = 4
# Days named relative to the day an entry tells: meaningful only with that day.
_RELATIVE_DAY = re.compile(
    r"^(?:(?:last|this|next|on|early|late)\s+)?(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|"
    r"today|tonight|yesterday|tomorrow)\b", re.IGNORECASE)


def log_entries_start(text: str) -> int | None:
    """Where the second entry of a day-by-day log begins (None when the text is no log): the
    same label opening ``LOG_ENTRIES`` sentences or more.

    >>> text = "In the Gulf: BP said on Wednesday. In the Gulf: Crews met on Tuesday. " * 2
    >>> log_entries_start(text)
    35
    >>> log_entries_start("ANDERSON: Hello. ANDERSON: Bye. ANDERSON: Yes. ANDERSON: No.") is None
    True
    """
    labels: dict[str, list[int]] = {}
    for m in _ENTRY_LABEL.finditer(text):
        if any(c.islower() for c in m.group(1)):
            labels.setdefault(m.group(1), []).append(m.start(1))
    starts = max(labels.values(), key=len, default=[])
    return starts[1] if len(starts) >= LOG_ENTRIES else None


def relative_day(expression: str) -> bool:
    """Whether a date expression names a day relative to the one it is told on ("Tuesday",
    "last Friday", "today")."""
    return bool(_RELATIVE_DAY.match(expression.strip()))
