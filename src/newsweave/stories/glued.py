"""A headline, standfirst or caption run into the sentence after it with no full stop.

Flattened pages (a crawl's text, a corpus that joined a page's lines) give sentences such as
"BP says 'static kill' to stop oil leak was successful BP pumped mud into the well" or "Transocean
is the world's largest offshore drilling contractor Offshore drilling firm Transocean has ...":
two sentences read as one. ``furniture.glued_caption_end`` cuts where the report resumes on a
word that often opens a sentence ("The", "In", ...); a cut elsewhere goes wrong too often (a
third of the heads a generic cut changed on Timeline17 were cut mid-sentence), so this module
only *tells* that a sentence looks glued, and a briefing leaves such a sentence out of its
summary (a summary that opens on a headline run into a lede reads as nonsense).

The check, at a word in capitals right after a word in lower case with one space between:
- the word before is a noun, or an adjective after "was" ("was successful BP pumped"), and not
  one written before a name (a title or role: "Former Labor secretary Robert Reich wants ...",
  "the agency Xinhua said");
- the words before hold a verb or a colon (a headline or a caption, not "Last week Obama said");
- what follows, read alone, is a clause that opens on its own subject, with a finite verb, five
  words at least;
- that clause is not a relative clause of the word before ("the money Saddam Hussein obtained").
"""
from __future__ import annotations

from newsweave import lexicon
from newsweave.lexicon import SAYING_VERBS
from newsweave.nlp.claims import lemma
from newsweave.stories.furniture import BEFORE_A_NAME as _BEFORE_A_NAME, FINITE_TAGS, RUNS_ON

# Words after which a name or a clause runs on in one sentence: those a head's last word is
# never (``furniture.RUNS_ON``), and adverbs and subordinators.
_RUNS_ON = RUNS_ON | frozenset(
    "not also then so because if when where whether which who whom whose what how why".split())
# Nouns a clause follows without "that" or "when" ("the first time BP has faced controversy",
# "evidence Gaddafi's government had developed plans", "the least Congress could do").
_CLAUSE_NOUNS = frozenset(
    "time times day days year week night morning moment evidence proof sign signs fact news "
    "claim hope idea belief reason way chance place least most first last thing things one "
    "kind sort".split())
_SUBJECTS = {"nsubj", "nsubjpass", "expl", "csubj"}
_CLOSING = frozenset({'"', "\u201d", "'", "\u2019"})
# Roles written before a name that the shared lists lack ("her agent Tom Vale told").
_ROLES = frozenset("agent aide envoy chief deputy adviser advisor emissary negotiator ally "
                   "relative cousin uncle aunt nephew niece fiance fiancee partner".split())
# Verbs that take the person told and what they were told ("warned the council the regime
# had ...", "told the hearing it would take days"): an object then a report is their grammar.
_TELLING = frozenset(
    "tell warn assure inform remind advise notify convince persuade promise show teach "
    "reassure caution alert urge brief bet".split())


def looks_glued(doc, start: int, end: int) -> bool:
    """Whether the sentence at ``start:end`` of ``doc`` looks like a head run into a sentence
    (see the module text). Without a parse, no."""
    if doc is None:
        return False
    span = doc.char_span(start, end, alignment_mode="contract")
    if span is None or len(span) < 8:
        return False
    if _two_reports(span) or _clause_side_by_side(span) or _object_then_report(span):
        return True
    return next(_head_ends(doc, span), None) is not None


def _head_ends(doc, span, report_first: bool = False):
    """The first tokens of clauses that a head runs into with no full stop (see the module
    text), in order (``report_first``: see ``_clause_alone``)."""
    text = doc.text
    for tok in span[2:-4]:
        mark = doc[tok.i - 1]
        if not tok.text[:1].isupper() or tok.text == "I" or \
                mark.idx + len(mark) != tok.idx - 1:
            continue
        # (a caption's quotation closed on a word: 'its airspace "according to the laws that
        # govern such situations" Turkey has called ...', "halve the reserves ' The EU ...")
        prev = doc[tok.i - 2] if mark.text in _CLOSING and tok.i - 2 > span.start else mark
        if _credit_ends(tok):
            pass  # "... in Singapore Burning, says Neal Ascherson The Australians at ..."
        elif mark.tag_ == "POS" and tok.text in ("The", "A", "An"):
            pass  # a possessive never runs into an article: "above Britain's The prime ..."
        elif not prev.is_alpha or (prev is not mark and prev.idx + len(prev) not in (
                mark.idx, mark.idx - 1)):
            continue
        elif not prev.text.islower():
            # a month or a weekday ending a time phrase ("... central bank in February French
            # Foreign Minister Alain Juppe has said"): a name never runs on from one
            # ... or a place ending a phrase, then another name beginning ("fierce fighting in
            # Aleppo US Defense Secretary Leon Panetta says ...")
            if not (prev.ent_type_ == "DATE" and prev.lower_ in _CALENDAR and
                    doc[prev.i + 1].ent_type_ != "DATE") and not (
                    prev.ent_type_ in ("GPE", "LOC") and tok.ent_iob_ == "B" and
                    prev.dep_ == "pobj"):
                continue
        elif prev.lower_ in _RUNS_ON or prev.lower_ in _BEFORE_A_NAME or \
                prev.lower_ in _ROLES or (prev.pos_ not in ("NOUN", "ADJ") and not _nominal(
                    prev)) or (prev.pos_ == "ADJ" and not _predicative(prev)):
            # (an adjective before a name qualifies it: "embattled Egyptian President ...";
            # one after "was" ends a clause: "was successful BP pumped ..."; a gerund used as
            # a noun ends a phrase: "weeks of daily shelling A UN panel has ...")
            continue
        if not any(t.pos_ in ("VERB", "AUX") or t.text == ":" for t in doc[span.start:tok.i]):
            continue  # "Last week Obama said ...": an adverbial, not a head
        if mark.tag_ != "POS" and any(
                t.dep_ in ("det", "poss", "nummod") and t.head.i > tok.i
                and t.head.i > t.i for t in doc[max(span.start, tok.i - 4):tok.i]):
            continue  # inside a noun phrase begun before it: "his three-year Iraq adventure"
        if tok.ent_type_ == "PERSON" and prev.dep_ in ("compound", "nmod", "amod") and \
                prev.head.i >= tok.i and prev.head.ent_type_ == "PERSON" and \
                prev.lower_.endswith(("er", "or", "ist", "ant", "ent", "man", "ee")):
            continue  # a role before a name: "Former BP contractor Adam Dillon says"
        if any(t.dep_ in ("dobj", "attr", "dative", "oprd") and t.head.i >= tok.i
               for t in doc[span.start:tok.i]):
            continue  # its object comes before it: "how many billions of fines BP will pay"
        if _clause_alone(doc, text[tok.idx:span.end_char], tok.idx, prev,
                         report_first and not _named_after(doc, prev, tok)):
            yield tok.i


_SUBORDINATORS = frozenset({"when", "as", "while", "because", "after", "before", "since", "if",
                            "until", "although", "though", "where"})


def _named_after(doc, prev, tok) -> bool:
    """Whether ``tok`` goes on the phrase before it: a name after its kind ("the Syrian capital
    Damascus", "the destroyer INS Mysore") or a subject after "when", "as" ("when the
    destroyer INS Mysore intervened")."""
    if (tok.dep_ == "appos" and tok.head.i == prev.i) or (
            prev.dep_ in ("compound", "amod", "nmod") and prev.head.i >= tok.i):
        return True
    return any(t.lower_ in _SUBORDINATORS for t in doc[max(0, prev.i - 3):prev.i + 1])


def _credit_ends(tok) -> bool:
    """Whether ``tok`` is an article opening a sentence run on from a name that credits a
    standfirst ("..., says Neal Ascherson The Australians at Singapore broke"; the recogniser
    often takes the article into the name): the parse hangs it on a noun after it, the name
    on "says" or "writes"."""
    doc = tok.doc
    if tok.text not in ("The", "A", "An") or tok.dep_ != "det" or tok.head.i <= tok.i:
        return False
    name = doc[tok.i - 1]
    if name.pos_ != "PROPN":
        return False
    while name.dep_ == "compound" and name.head.i < tok.i:
        name = name.head
    return name.i == tok.i - 1 and name.head.lower_ in ("says", "writes", "reports", "argues")


def _nominal(word) -> bool:
    """A gerund the parser tagged a verb but hung as a noun ("weeks of daily shelling")."""
    return word.tag_ == "VBG" and word.dep_ in ("pobj", "pcomp") and word.head.pos_ == "ADP" \
        and not any(c.dep_ == "aux" or (c.i < word.i and c.dep_ == "dobj")
                    for c in word.children) \
        and any(c.i < word.i and c.dep_ in ("amod", "advmod", "det", "compound", "poss")
                for c in word.children)  # "of daily shelling", not "between supporting X"


_CALENDAR = frozenset(lexicon.MONTH_NAMES) | frozenset(lexicon.WEEKDAY_NUMBERS)


def _predicative(adjective) -> bool:
    doc = adjective.doc
    before = [doc[i] for i in range(max(0, adjective.i - 2), adjective.i)]
    return any(t.lemma_ == "be" or t.lower_ in ("be", "is", "was", "are", "were", "been")
               for t in before)


def _clause_alone(doc, rest: str, offset: int, prev, report_first: bool = False) -> bool:
    """Whether ``rest`` parsed alone is a clause with its own subject and finite verb, and not
    (in the sentence's own parse) a relative clause of ``prev`` without its "that". With
    ``report_first`` (a report's first sentence), reported words with the teller after them
    count as such a clause: inside a report "the same thing Egypt did to block access, Faris
    said" is a relative clause without its "that" far more often than a head run into it."""
    from newsweave.nlp.spacy_stage import load_nlp

    if len(rest.split()) < 5:
        return False
    alone = next(iter(load_nlp()(rest).sents), None)
    if alone is None:
        return False
    root = alone.root
    finite = root.tag_ in FINITE_TAGS or any(c.dep_ in ("aux", "auxpass") and c.tag_ in FINITE_TAGS
                                         for c in root.children)
    subjects = [c for c in root.children if c.dep_ in _SUBJECTS]
    # (it opens on its subject: "BP pumped mud ...", "Offshore drilling firm Transocean has";
    # or on the subject of the words it reports: "Syrian forces are shelling Homs, activists
    # say")
    reported = [c for c in root.children if c.dep_ == "ccomp" and c.i < root.i
                and c.left_edge.i == alone.start] if report_first else []
    if not finite:
        return False
    if not any(c.left_edge.i == alone.start for c in subjects):
        root = next((r for r in reported if any(c.dep_ in _SUBJECTS and c.left_edge.i ==
                                                alone.start for c in r.children)), None)
        if root is None:
            return False
        # (and it is the reported words that must not hang on ``prev`` as a relative clause)
    same = doc.char_span(offset + root.idx, offset + root.idx + len(root.text))
    if same is None or same.root.head.i != prev.i:
        return True
    if same.root.dep_ == "ccomp":
        return False
    # a relative clause without "that" leaves a gap ("the money Saddam Hussein obtained"); one
    # whose verb has its complement is a clause of its own the parser hung on the noun ("the
    # operation Underwater robots have begun removing the cap"), read down its chain of
    # infinitives and gerunds ("the fines BP will have to pay under the Act" leaves one)
    verb = same.root
    while (down := next((c for c in verb.children if c.dep_ == "xcomp"), None)) is not None:
        verb = down
    return same.root.dep_ not in ("relcl", "acl") or (prev.lower_ not in _CLAUSE_NOUNS and any(
        c.dep_ in ("dobj", "ccomp", "attr") for c in verb.children))


def head_end(doc, start: int, end: int) -> int:
    """Where the report begins in a page's first sentence that a headline or a caption runs
    into with no full stop (the last such point ``looks_glued`` finds), or ``start``: "BP sells
    oil field assets to Marubeni BP faces paying out billions ... BP has said it will sell its
    interests" reads from "BP has said". Only for the sentence a report opens on: further in,
    a noun then a clause is more often a relative clause without its "that"."""
    if doc is None:
        return start
    span = doc.char_span(start, end, alignment_mode="contract")
    if span is None or len(span) < 8:
        return start
    ends = list(_head_ends(doc, span, report_first=True))
    return doc[ends[-1]].idx if ends else start


def side_by_side_start(doc, start: int, end: int) -> int:
    """Where the last of two clauses the parser joined with nothing between them begins in
    the sentence at ``start:end`` (see ``_side_by_side``), or ``start``: the report resumes
    there ("... few remaining allies Russia has said Syria should not be issued with any more
    ultimatums" reads from "Russia has said")."""
    if doc is None:
        return start
    span = doc.char_span(start, end, alignment_mode="contract")
    if span is None or len(span) < 8:
        return start
    starts = list(_side_by_side(span))
    return doc[starts[-1]].idx if starts else start


def _complete(verb) -> bool:
    """Whether a verb (read down its infinitives) has what follows it: an object, a clause, a
    complement or a phrase ("has said Syria should ...", "has sent a message", "was to wrap
    bodies", "has called for ...")."""
    while (down := next((c for c in verb.children if c.dep_ == "xcomp"), None)) is not None:
        verb = down
    return any(c.dep_ in ("dobj", "ccomp", "attr", "acomp", "prep", "agent", "oprd", "dative",
                          "prt") and c.i > verb.i for c in verb.children)


def _clause_side_by_side(span) -> bool:
    return next(_side_by_side(span), None) is not None


def _side_by_side(span):
    """The first tokens of clauses the parser joined to a clause before with nothing between
    them, as a caption run into a lead reads: "Russia is one of President Assad's few remaining
    allies Russia has said Syria should not be issued with any more ultimatums". Prose joins a
    second clause with a comma, a semicolon or a conjunction; a clause of its own (a subject, a
    finite verb) hung on the first as a ``conj`` with none of these, right after a word, is two
    sentences. A cleft ("It was an argument Mr Libby took a lead role in assembling") hangs
    its relative clause the same way, so it is left alone."""
    doc = span.doc
    for verb in span:
        if verb.dep_ != "conj" or verb.head.i >= verb.i or verb.head.i < span.start or \
                verb.pos_ not in ("VERB", "AUX"):
            continue
        subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")
                        and c.i < verb.i), None)
        finite = verb.tag_ in FINITE_TAGS or any(
            c.dep_ in ("aux", "auxpass") and c.tag_ in FINITE_TAGS for c in verb.children)
        if subject is None or not finite:
            continue
        first = subject.left_edge
        before = doc[first.i - 1] if first.i > span.start else None
        if before is None or not before.is_alpha or not first.text[:1].isupper() or \
                first.text == "I" or before.idx + len(before) != first.idx - 1:
            continue
        if before.dep_ in ("cc", "mark") or before.pos_ in ("CCONJ", "SCONJ", "ADV") or \
                before.lower_ in _RUNS_ON:
            continue
        head = verb.head
        if head.lemma_ == "be" and any(c.dep_ in ("nsubj", "expl") and c.lower_ == "it"
                                       for c in head.children):
            continue
        if not _complete(verb):
            # "what sort of devices North Korea might possess and how ...": a verb missing
            # its object is a relative clause without its "that", not a clause of its own
            continue
        if len(doc[first.i:span.end]) >= 5:
            yield first.i


def _object_then_report(span) -> bool:
    """Whether a verb has an object, then a reported clause right after it with no "that" and
    no comma, as a caption run into a lead reads: "Activists have reported fresh government
    attacks on districts of Homs Syria has "categorically rejected" an Arab League resolution".
    A verb takes both only when its object is the person told ("told reporters the army had
    withdrawn", "assured him Syria would ..."): a thing's name as object is a sentence's end."""
    doc = span.doc
    for verb in span:
        if verb.pos_ not in ("VERB", "AUX") or lemma(verb) in _TELLING:
            continue
        objects = [c for c in verb.children if c.dep_ == "dobj" and c.i > verb.i]
        reports = [c for c in verb.children if c.dep_ == "ccomp" and c.i > verb.i]
        for obj in objects:
            if obj.pos_ != "NOUN" or obj.ent_type_ or obj.lower_ in lexicon.PEOPLE_NOUNS or \
                    obj.lower_ in lexicon.ORG_NOUNS or obj.lemma_ in lexicon.PEOPLE_NOUNS:
                continue
            for report in reports:
                first = report.left_edge
                if report.i < obj.i or first.i != obj.right_edge.i + 1 or \
                        first.i >= span.end or not first.text[:1].isalpha():
                    continue
                before = doc[first.i - 1]
                if not before.is_alpha or any(c.dep_ == "mark" for c in report.children):
                    continue
                # the report opens on its own subject in capitals ("... Homs Syria has"), or
                # the parser took that subject into the object ("districts of Homs Syria")
                subject = any(c.dep_ in _SUBJECTS for c in report.children)
                if not (first.text[:1].isupper() and first.text != "I" and subject) and \
                        not (not subject and before.pos_ == "PROPN"):
                    continue
                if len(doc[first.i:span.end]) >= 5:
                    return True
    return False


def _two_reports(span) -> bool:
    """Whether a verb of saying has two reported clauses with nothing between them (no comma,
    no "and"), as a caption run into a lead reads: "Booms are being used against the oil off
    Louisiana Interior Secretary Ken Salazar said the company had missed ..." (a report before
    the speaker, where a fronted report takes a comma, and another after) or "X said no country
    should hesitate to condemn the violence X said that ..." (a second "said" with no subject
    of its own hung on the first). A sentence joins a second report with a comma or a
    conjunction (the parser may hang "and coach Sean Payton" on the clause before: a
    conjunction at the first report's end is no glue)."""
    doc = span.doc
    for verb in span:
        if verb.pos_ not in ("VERB", "AUX") or lemma(verb) not in SAYING_VERBS:
            continue
        reports = sorted((c for c in verb.children if c.dep_ == "ccomp"), key=lambda c: c.i)
        subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        for first, second in zip(reports, reports[1:]):
            if first.right_edge.i >= second.left_edge.i or any(
                    t.is_punct for t in (first.right_edge, second.left_edge)):
                continue
            fronted = subject is not None and first.i < subject.i < verb.i < second.i and \
                first.right_edge.i + 1 == subject.left_edge.i and subject.left_edge.is_title \
                and not any(t.dep_ == "cc" for t in doc[max(first.right_edge.i - 2, 0):
                                                           first.right_edge.i + 1])
            hung = lemma(second) in SAYING_VERBS and second.left_edge.i == second.i and not any(
                c.dep_ in ("nsubj", "nsubjpass") for c in second.children) and \
                doc[second.i - 1].is_title and first.right_edge.i + 1 == second.i
            if fronted or hung:
                return True
    return False
