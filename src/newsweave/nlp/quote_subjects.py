"""Who speaks: the token heading the speaker of a cue verb in a spaCy parse.

The subject of a reporting verb is the usual answer, but news sentences give the parser many
ways to go wrong, and attribution corpora (PolNeAR) conventions to follow:

* a passive's subject is who is talked about, not who talks ("the mayor was accused of
  fraud", "Asked about the fire, she said"); only an agent speaks, except in passives of
  feeling ("residents were angered that ...");
* a verb the parser hangs on the reported clause belongs to the reporter ("the minister
  said he had doubts, adding that ..."), a participle right after a name to that name
  ("a clip of the mayor saying ..."), a participle after "X said," to X, and an infinitive
  after an object to that object ("the panel pressed the banker to admit that ...");
* occasions, messages and datelines do not speak ("said at a briefing announcing ...",
  "speculation grew that ...", "PARIS (AP) --"), while acronyms do ("the IMF said").

``quote_rules`` builds the candidate spans around the token found here.

>>> from newsweave.nlp.spacy_stage import load_nlp
>>> doc = load_nlp()("The minister said he had doubts, adding that the plan would fail.")
>>> [(t.text, speaker_of(t).text) for t in doc if t.text in ("said", "adding")]
[('said', 'minister'), ('adding', 'minister')]
"""
from __future__ import annotations

import bisect

SUBJECT_DEPS = {"nsubj", "csubj"}
PRONOUNS = {"he", "she", "they", "i", "we", "you", "it", "him", "her", "them", "me", "us"}
# Subjects that are what is said, not who says it ("speculation grew that").
MESSAGE_NOUNS = {"talk", "speculation", "rumor", "rumors", "rumour", "rumours", "suspicion",
                 "suspicions", "fear", "fears", "concern", "concerns", "chatter", "word",
                 "worries", "hopes", "criticism", "expectations", "questions", "doubts"}
# Occasions, not speakers: "she said at a briefing announcing ..."
EVENT_NOUNS = {"conference", "briefing", "interview", "speech", "hearing", "rally", "meeting",
               "debate", "appearance", "call", "address", "event", "ceremony", "session",
               "summit", "forum", "town", "remarks"}
# Passives whose subject holds the attitude reported: "residents were angered that ...".
EXPERIENCER_PARTICIPLES = set(
    "frustrated concerned worried convinced incensed disappointed surprised shocked angered "
    "upset alarmed pleased satisfied dismayed troubled outraged delighted puzzled confused "
    "annoyed irritated horrified amazed frightened scared encouraged excited thrilled "
    "disturbed offended appalled stunned relieved impressed heartened saddened infuriated "
    "unconvinced unimpressed".split())
_BE = {"is", "are", "was", "were", "be", "been", "being", "'s", "\u2019s", "'re", "\u2019re"}
_DASHES = {"(", "\u2014", "\u2013", "\u2015", "--", "-", ":"}


def speaker_of(verb, in_quote: bytearray | None = None):
    """The token heading the speaker of a cue verb, or None: the subject ``subject_of`` finds,
    else the subject of a reporting clause just before a participle, else (in a parse without
    a subject) the nearest name before the verb. A message or a "let's" is no one.

    ``in_quote`` flags the characters inside quote marks: a verb outside a quote never takes
    a subject inside it, and the reverse.
    """
    if asked_participle(verb):
        return None
    relayed = relayed_speaker(verb)
    if relayed is not None:
        return relayed
    subject = subject_of(verb, in_quote)
    if subject is None and not passive(verb):
        subject = clause_before(verb, in_quote)
    if subject is None and not passive(verb) and (verb.dep_ == "ROOT" or (
            verb.dep_ in ("conj", "parataxis", "ccomp", "dep") and in_quote is not None
            and not in_quote[verb.idx])):
        subject = left_nominal(verb, in_quote)
    if subject is not None and (subject.lower_ in MESSAGE_NOUNS
                                or subject.lower_ in ("'s", "\u2019s")):
        subject = None  # "fears grew that ...": the message, no messenger; "let's say": no one
    return subject


RELAY_VERBS = {"quote", "quoted", "quotes", "quoting", "cite", "cited", "cites", "citing"}


def relay_parts(verb):
    """For "Reuters quoted the minister as saying ...": the one quoted ("the minister") and the
    saying verb, when ``verb`` is the relaying "quoted"; else None."""
    if verb.lower_ not in RELAY_VERBS:
        return None
    quoted = next((c for c in verb.children if c.dep_ == "dobj"), None)
    as_prep = next((c for c in verb.children if c.dep_ == "prep" and c.lower_ == "as"), None)
    if quoted is None or as_prep is None:
        return None
    saying = next((c for c in as_prep.children if c.dep_ in ("pcomp", "pobj")
                   and c.tag_ == "VBG"), None)
    return (quoted, saying) if saying is not None else None


def relayed_saying(verb) -> bool:
    """Whether ``verb`` is the "saying" of "quoted X as saying" or "X was quoted as saying":
    an attribution by its construction, whatever the cue model makes of a participle."""
    return (verb.tag_ == "VBG" and verb.dep_ in ("pcomp", "pobj") and verb.head.lower_ == "as"
            and verb.head.head.lower_ in RELAY_VERBS)


def relayed_speaker(verb):
    """The speaker of the "saying" in "Reuters quoted the minister as saying ...": the one
    quoted, not the outlet that relays the words."""
    if verb.tag_ == "VBG":
        # "Sen. Ruiz was quoted by the Courier saying ...", "X was quoted as saying": the
        # passive subject of the relaying verb, however the parser hangs the participle on it
        relay = verb.head.head if verb.head.lower_ in ("as", "by") else verb.head
        if relay.lower_ in RELAY_VERBS and relay.i < verb.i:
            quoted = next((c for c in relay.children if c.dep_ == "nsubjpass"), None)
            if quoted is not None:
                return quoted
    if verb.lower_ in RELAY_VERBS:
        # "the Jerusalem Post quoted him saying" (no "as"): the one quoted speaks
        saying = next((c for c in verb.children if c.dep_ == "xcomp" and c.tag_ == "VBG"
                       and c.lower_ == "saying"), None)
        quoted = next((c for c in verb.children if c.dep_ == "dobj"), None)
        if saying is not None and quoted is not None and quoted.i < saying.i:
            return quoted
    if verb.dep_ not in ("pcomp", "pobj") or verb.head.lower_ != "as":
        return None
    parts = relay_parts(verb.head.head)
    return parts[0] if parts is not None and parts[1].i == verb.i else None


def subject_of(verb, in_quote: bytearray | None = None, depth: int = 0):
    """The speaker of a verb: its subject, the agent of a passive, or the subject inherited from
    the word it hangs on ("defended the plan and said", "said, adding", "declined to say",
    "was able to tout"). Never a subject inside a quote for a verb outside it."""
    def same_side(tok) -> bool:
        return in_quote is None or in_quote[tok.idx] == in_quote[verb.idx]

    if depth == 0:
        named = _name_before_participle(verb)
        if named is not None and same_side(named):
            return named
    # the head a verb hangs on lends its subject whatever its voice ("she was taken to
    # hospital after saying"); the cue's own passive subject is talked about, not talking
    deps = SUBJECT_DEPS | {"nsubjpass"} if depth or experiencer(verb) or \
        perfect_s(verb) else SUBJECT_DEPS
    subjects = [c for c in verb.children if c.dep_ in deps and same_side(c)
                and not _dateline(c)]
    if len(subjects) > 1 and _place_of_affiliation(subjects[-1], subjects[-2]):
        subjects = subjects[:-1]
    if subjects:
        on_line = [c for c in subjects if same_line(verb.doc, c, verb)]
        return (on_line or subjects)[-1]
    for c in verb.children:
        if c.dep_ == "agent":
            for p in c.children:
                if p.dep_ == "pobj":
                    return p
    if depth == 0:
        if _main_verb_read_as_modifier(verb):
            return verb.head
        if passive(verb):
            return None  # "was accused of", "Asked about the fire, she said": no one named
        inverted = _inverted_name(verb) or inverted_after_quote(verb)
        if inverted is not None and same_side(inverted):
            return inverted
    if depth > 3 or verb.head is verb:
        return None
    if not same_side(verb.head):
        # 'She insisted that she had "changed the debate," claiming that ...': the parser
        # hangs the participle on the quoted clause; the reporter outside it still claims
        matrix = _matrix_verb(verb) if depth == 0 else None
        if matrix is not None and same_side(matrix):
            found = subject_of(matrix, in_quote, depth + 1)
            if found is not None and same_side(found):
                return found
        return None
    return _inherited(verb, in_quote, depth, same_side)


def _place_of_affiliation(last, before) -> bool:
    """Whether the last subject the parse gave a verb is the place that ends a person's
    affiliation ("Thorne Lay, professor ... at the University of California, Santa Cruz said"):
    the university's campus, not a second speaker."""
    start = last.left_edge.i
    return last.ent_type_ in ("GPE", "LOC") and start > 0 and \
        last.doc[start - 1].text == "," and before.ent_type_ == "PERSON" and before.i < start


def _main_verb_read_as_modifier(verb) -> bool:
    """"The chief of the coast guard, Thad Allen, acknowledged on Sunday that ...": the parser
    made the noun the sentence's root and the verb a participle on it. A participle that
    reports a that-clause, on a root noun with no verb of its own, is the sentence's main verb,
    and the noun its subject (a true participle, "a man accused of fraud", reports nothing)."""
    head = verb.head
    return verb.dep_ == "acl" and verb.tag_ in ("VBN", "VBD") and head.dep_ == "ROOT" and \
        head.pos_ in ("NOUN", "PROPN") and not any(
            c.dep_ in ("auxpass", "nsubjpass", "agent") for c in verb.children) and any(
            c.dep_ == "ccomp" and any(m.dep_ == "mark" and m.lower_ == "that"
                                      for m in c.children) for c in verb.children)


def _inherited(verb, in_quote, depth: int, same_side):
    """The subject a verb without one takes from the word it hangs on."""
    head = verb.head
    if verb.dep_ == "xcomp" and depth == 0 and head.pos_ == "VERB":
        # object control: "the panel pressed the banker to admit that ..."
        objects = [c for c in head.children if c.dep_ == "dobj" and c.i < verb.i and same_side(c)]
        if objects:
            return objects[-1]
    if verb.dep_ in ("conj", "xcomp", "advcl", "acomp", "pcomp") and \
            head.pos_ in ("VERB", "AUX", "ADJ"):
        matrix = _matrix_verb(verb) if depth == 0 else None
        if matrix is not None:
            found = subject_of(matrix, in_quote, depth + 1)
            if found is not None and same_side(found):
                return found
        found = subject_of(head, in_quote, depth + 1)
        if found is None or same_side(found):
            return found
        return None
    if verb.dep_ in ("relcl", "acl") and head.lower_ in EVENT_NOUNS:
        # "she said at a briefing announcing that ...": an occasion does not speak, the one
        # who spoke at it does
        holder = _governing_verb(head)
        return subject_of(holder, in_quote, depth + 1) if holder is not None else None
    if verb.dep_ in ("relcl", "acl") and head.pos_ in ("NOUN", "PROPN", "PRON", "NUM"):
        return head  # "an engineer who said", "letters that included one saying"
    if verb.dep_ == "pcomp" and head.dep_ == "prep":
        anchor = head.head
        if anchor.pos_ == "ADV" and anchor.dep_ == "advmod":
            anchor = anchor.head  # "he declined to comment, apart from saying ..."
        for _ in range(3):
            # "has a long history of blaming others", "took the step of criticizing": the
            # noun the preposition hangs on belongs to a verb, whose subject speaks
            if anchor.pos_ in ("VERB", "AUX") or anchor.dep_ not in ("dobj", "pobj", "prep") \
                    or anchor.head is anchor:
                break
            anchor = anchor.head
        if anchor.pos_ in ("VERB", "AUX"):
            return subject_of(anchor, in_quote, depth + 1)
    return None


def _matrix_verb(verb):
    """The reporting verb whose clausal complement a verb hangs on (through "and" and
    participles), or None. "The minister said he had doubts, adding that ..." and "The mayor
    said she would review the budget and warned against cuts": the parser hangs the second
    verb on the reported clause, but it is the reporter who adds and warns."""
    if verb.dep_ not in ("conj", "advcl") or (verb.dep_ == "advcl" and verb.tag_ != "VBG"):
        return None
    if verb.dep_ == "conj" and verb.tag_ == verb.head.tag_ and verb.tag_ in ("VB", "VBG", "VBN") \
            and any(c.dep_ in ("aux", "auxpass") for c in verb.head.children) \
            and not any(c.dep_ in ("aux", "auxpass", "nsubj") for c in verb.children):
        # "said NATO was choosing targets and then declaring them legitimate": a conjunct
        # sharing the clause's auxiliary is the same clause's verb, with its subject
        return None
    if verb.dep_ == "conj" and verb.tag_ == "VBG" and any(
            c.dep_ == "aux" and c.lower_ in ("was", "were", "is", "are") for c in verb.children) \
            and any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.head.children):
        # "said that emissaries were in contact with NATO, and were saying that ...": a
        # progressive of its own goes on with the reported clause's subject, not the reporter
        return None
    clause = verb.head
    while clause.dep_ == "conj" and clause.head.i < clause.i:
        clause = clause.head
    if clause.dep_ != "ccomp" or clause.head.i > clause.i or \
            clause.head.pos_ not in ("VERB", "AUX"):
        return None
    return clause.head


def perfect_s(verb) -> bool:
    """"He's said he would stay": the parser reads the "'s" of "has" as the passive's "is";
    over a reported clause it is the perfect, and its subject speaks."""
    return any(c.dep_ == "auxpass" and c.lower_ in ("'s", "\u2019s") for c in verb.children) \
        and any(c.dep_ == "ccomp" for c in verb.children) and not any(
            c.dep_ == "nsubjpass" and c.lower_ == "it" for c in verb.children)


_CLOSING_MARKS = {"''", "\u201d", '"'}


def inverted_after_quote(verb):
    """'"...," said Ann Lee, half joking': a name right after a cue that follows a quote is
    its speaker, even where the parser made it the subject of what comes next."""
    doc = verb.doc
    if verb.i < 2 or verb.i + 1 >= len(doc):
        return None
    before = doc[verb.i - 1]
    if not (before.text in _CLOSING_MARKS or (before.text == "," and
                                               doc[verb.i - 2].text in _CLOSING_MARKS)):
        return None
    first = doc[verb.i + 1]
    if first.ent_type_ not in ("PERSON", "ORG", "NORP", "GPE") or first.ent_iob_ != "B":
        # a participle after a quote is no inversion ('"...," recalling a visit')
        return _noun_run(doc, first.i) if verb.tag_ != "VBG" else None
    end = first.i
    while end + 1 < len(doc) and doc[end + 1].ent_iob_ == "I":
        end += 1
    return doc[end]


_RUN_POS = {"DET", "ADJ", "NOUN", "PROPN", "NUM"}


def _noun_run(doc, start: int):
    """'"...," added a party veteran.' and '"...," read the statement.': a plain noun phrase
    right after an inverted cue, up to a comma, a stop or a preposition, is the speaker;
    its last noun heads it."""
    head = None
    j = start
    while j < len(doc) and j - start < 8 and (doc[j].pos_ in _RUN_POS or (
            j == start and doc[j].lower_ in _INVERTED_PRONOUNS)):
        if doc[j].pos_ in ("NOUN", "PROPN") or doc[j].lower_ in _INVERTED_PRONOUNS:
            head = doc[j]
        j += 1
    if head is None or head.i != j - 1:
        return None
    if j < len(doc) and not (doc[j].is_punct or "\n" in doc[j].text or (
            doc[j].pos_ == "ADP" and doc[j].lower_ != "to")
                             or doc[j].lower_ in ("who", "whose")):
        return None
    if head.lower_ in MESSAGE_NOUNS or head.lower_ in EVENT_NOUNS:
        return None
    return head


_INVERTED_PRONOUNS = {"another", "one", "he", "she", "they", "someone", "somebody"}


def _inverted_name(verb):
    """"Said Dr. Okafor: ...": the parser reads "Said" as part of the name that follows."""
    if verb.dep_ == "compound" and verb.head.pos_ == "PROPN" and verb.head.i > verb.i:
        return verb.head
    return None


def _name_before_participle(verb):
    """"The ad shows footage of Senator Lopez asking, ..." and "a video of him saying": a
    participle right after a person's name or a personal pronoun that the parser made an
    object is what that person says, even where the parser made the recording its subject
    ("a clip of Maria Lopez saying")."""
    if verb.tag_ != "VBG" or verb.i == 0:
        return None
    prev = verb.doc[verb.i - 1]
    if prev.dep_ not in ("pobj", "dobj") or not (prev.ent_type_ == "PERSON" or
                                                 prev.lower_ in ("him", "her", "them")):
        return None
    subjects = [c for c in verb.children if c.dep_ in SUBJECT_DEPS]
    if subjects and not any(s in prev.ancestors for s in subjects):
        return None  # "Lopez told him saying ..." has a subject of its own
    return prev


def _governing_verb(noun):
    """The verb a noun phrase belongs to, through "at a ..." and objects."""
    tok = noun
    for _ in range(4):
        if tok.dep_ not in ("pobj", "dobj", "prep") or tok.head is tok:
            return None
        tok = tok.head
        if tok.pos_ in ("VERB", "AUX"):
            return tok
    return None


def clause_before(verb, in_quote):
    """"The coach said, going on to say that ..." and "she said, not even needing to name
    him": a participle right after a reporting clause and a comma, which the parser made a
    clause of its own, takes that clause's subject."""
    start = verb.head if verb.dep_ == "xcomp" and verb.head.i < verb.i else verb
    if start.tag_ != "VBG":
        return None
    doc = verb.doc
    i = start.i - 1
    while i >= 0 and doc[i].dep_ in ("neg", "advmod", "prt") and doc[i].text != ",":
        i -= 1
    if i < 1 or doc[i].text != ",":
        return None
    prev = doc[i - 1]
    if prev.pos_ != "VERB":
        return None
    subjects = [c for c in prev.children if c.dep_ in SUBJECT_DEPS and
                (in_quote is None or in_quote[c.idx] == in_quote[verb.idx])]
    return subjects[-1] if subjects else None


_WH_WORDS = {"what", "whether", "how", "whom", "who", "why", "when", "where", "which", "if",
             "about", "for"}


def asked_participle(verb) -> bool:
    """"Asked whether she would run, the senator said ..." and "when asked about the vote": a
    participle opening its clause that asks of the one who then answers; no one asking is
    named, whatever subject the parser gave it."""
    if verb.lower_ != "asked" or verb.i + 1 >= len(verb.doc):
        return False
    doc = verb.doc
    prev = doc[verb.i - 1] if verb.i > verb.sent.start else None
    opens = prev is None or prev.lower_ in ("when", "after", "once", "before", "if") or (
        prev.text == "," and (verb.i < 2 or doc[verb.i - 2].text not in _CLOSING_MARKS))
    return opens and doc[verb.i + 1].lower_ in _WH_WORDS


def experiencer(verb) -> bool:
    """"Residents were angered that the council ...": a passive of feeling whose subject is
    the one who feels, the source of the attitude reported."""
    return verb.lower_ in EXPERIENCER_PARTICIPLES and any(
        c.dep_ == "nsubjpass" for c in verb.children) and not any(
        c.dep_ == "agent" for c in verb.children)


def passive(verb) -> bool:
    """A verb in the passive: "was accused of", "is considered", a participle such as "Asked
    about the fire, she said" or "a fund called X", or the second verb of "was arrested and
    charged" or "is an ally and considered a partner". Its grammatical subject is what is
    talked about; only an agent speaks.

    >>> from newsweave.nlp.spacy_stage import load_nlp
    >>> doc = load_nlp()("The mayor was accused of fraud.")
    >>> passive(doc[3]), passive(load_nlp()("The mayor said no.")[2])
    (True, False)
    """
    if experiencer(verb) or perfect_s(verb):
        return False
    if any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children):
        return True
    deps = {c.dep_ for c in verb.children}
    if verb.dep_ == "conj" and "oprd" in deps and not deps & {"dobj", "nsubj"} and \
            verb.tag_ in ("VBN", "VBD"):
        return True  # "which is an ally and considered the only partner": nothing is named
    if verb.tag_ != "VBN" or "aux" in deps:
        return False  # "has said", "had warned": a perfect, active
    if verb.dep_ in ("advcl", "acl"):
        return True
    return verb.dep_ == "conj" and verb.head.pos_ in ("VERB", "AUX") and verb.head.i < verb.i \
        and (any(c.dep_ == "auxpass" for c in verb.head.children) or verb.head.lower_ in _BE)


def _dateline(tok) -> bool:
    """"WASHINGTON (AP) —", "NEW YORK, N.Y. --", "2:45 p.m.": datelines the parser takes for
    subjects. A capitalised word that opens its line and runs into a bracket or a dash; an
    acronym inside a sentence ("the IMF said", "NATO warned") is a speaker."""
    if tok.lower_ in ("p.m.", "a.m."):
        return True
    if not (tok.is_upper and len(tok.text) > 2 and tok.ent_type_ in ("GPE", "LOC", "ORG", "")):
        return False
    doc = tok.doc

    def capital_or_comma(t) -> bool:
        return t.is_upper or t.text == "," or t.is_space

    i = tok.i - 1
    while i >= 0 and "\n" not in doc[i].text and capital_or_comma(doc[i]):
        i -= 1
    if i >= 0 and "\n" not in doc[i].text and "\n" not in doc[i].whitespace_:
        return False  # not at the start of its line
    j = tok.i + 1
    while j < len(doc) and capital_or_comma(doc[j]) and "\n" not in doc[j].text:
        j += 1
    return j < len(doc) and doc[j].text in _DASHES


def _object_like(tok) -> bool:
    """A word the parse makes an object or a possessor (through "and" and compounds)."""
    while tok.dep_ in ("conj", "compound", "flat") and tok.head is not tok:
        tok = tok.head
    return tok.dep_ in ("pobj", "dobj", "dative", "poss", "oprd")


def left_nominal(verb, in_quote):
    """A parse without a subject ("Marc H. Morial, the chief executive of X, forcefully told"):
    the nearest name or pronoun before the verb in its clause."""
    doc = verb.doc
    adjacent = True  # only adverbs so far between the word and the verb
    for i in range(verb.i - 1, max(verb.sent.start, verb.i - 25) - 1, -1):
        tok = doc[i]
        if tok.pos_ in ("VERB", "AUX") and tok.dep_ not in ("aux", "auxpass") or tok.text in ";:":
            return None
        if in_quote is not None and in_quote[tok.idx] != in_quote[verb.idx]:
            return None
        # a noun right before the verb is its subject whatever the parse made it ("the
        # $5 million analysts say it costs"); further left, objects are not ("regarding
        # farmers and truckers, and calls them ...")
        if adjacent and tok.pos_ in ("NOUN", "PROPN") and not tok.ent_type_:
            return tok
        if not adjacent and _object_like(tok):
            continue
        adjacent = adjacent and tok.pos_ == "ADV"
        if tok.ent_type_ in ("GPE", "LOC", "FAC", "ORG"):
            # (the tagger takes a city for an organisation as often as not: "in Cardiff")
            where = _located(tok, verb)
            if where is not None:
                # "health officials in Edinburgh said", "their school, the Dolphin school in
                # Battersea, south-west London, said": the place is where the speaker is,
                # the noun it is said of speaks
                return where
        if tok.ent_type_ in ("PERSON", "ORG", "NORP", "GPE") or tok.lower_ in PRONOUNS:
            titled = tok.head.head if tok.dep_ == "pobj" and tok.head.lower_ == "of" else None
            if titled is not None and titled.ent_type_ == "PERSON" and titled.i < tok.i and \
                    titled.i >= verb.sent.start:
                # "Prince Faisal of Jordan said": the person, not the place of the title
                return titled
            owner = _modified_noun(tok)
            if owner is not None:
                # "Flynn, a top Trump surrogate, said": a name that qualifies a noun is not
                # who speaks; the name that noun describes is
                named = owner.head if owner.dep_ == "appos" and owner.head.i < owner.i else None
                if named is None or not (named.ent_type_ or named.lower_ in PRONOUNS):
                    continue
                tok, i = named, named.i
            if tok.ent_type_:
                # the head of the entity
                while i > 0 and doc[i - 1].ent_type_ == tok.ent_type_ and \
                        doc[i - 1].ent_iob_ != "O" and tok.ent_iob_ == "I":
                    i -= 1
                    tok = doc[i]
                ent_end = tok.i
                while ent_end + 1 < len(doc) and doc[ent_end + 1].ent_iob_ == "I":
                    ent_end += 1
                return doc[ent_end]
            return tok
    return None


# Prepositions that say where someone is ("officials in Edinburgh", "a doctor at Guy's").
_LOCATIVE = {"in", "at", "from", "near", "outside"}


def _located(place, verb):
    """The noun a place before ``verb`` locates ("officials" of "health officials in Edinburgh",
    through an apposed place, "in Battersea, south-west London"), or None when the place is
    not the object of a preposition of place on a noun before it."""
    while place.dep_ in ("appos", "compound", "conj") and place.head.i < place.i:
        place = place.head
    prep = place.head
    if place.dep_ != "pobj" or prep.lower_ not in _LOCATIVE or prep.head.i >= prep.i:
        return None
    noun = prep.head
    if noun.pos_ not in ("NOUN", "PROPN") or noun.i < verb.sent.start or noun.ent_type_ in (
            "GPE", "LOC", "FAC"):
        return None
    return noun


def _modified_noun(tok):
    """The common noun a name qualifies ("Trump" in "a top Trump surrogate", "Obama's" in
    "Obama's adviser"), or None when the name heads its own phrase."""
    head = tok
    while head.dep_ in ("compound", "poss", "case") and head.head is not head and \
            head.head.i > head.i:
        head = head.head
    if head is tok or head.pos_ != "NOUN" or head.ent_type_:
        return None
    return head


def line_of(doc, char: int) -> int:
    """The line number of a character (line starts cached on the Doc)."""
    starts = doc.user_data.get("newsweave_line_starts")
    if starts is None:
        starts = [0] + [t.idx + len(t.text) for t in doc if "\n" in t.text_with_ws[len(t.text):]
                        or "\n" in t.text]
        doc.user_data["newsweave_line_starts"] = starts
    return bisect.bisect_right(starts, char)


def same_line(doc, a, b) -> bool:
    return line_of(doc, a.idx) == line_of(doc, b.idx)
