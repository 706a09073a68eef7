"""How a passage stands on the story's matter: verbs and labels of favour and
opposition with their negation, and whether the passage is about the matter at all
(split from ``stories.stance``).
"""
from __future__ import annotations

import re

from newsweave import lexicon
from newsweave.nlp.claims import lemma, negation_count, stopped_short

# Stance cues: generic verbs and nouns of taking a position, not words of any one story.
AGAINST = {"reject", "dismiss", "deny", "refute", "exclude", "oppose", "criticize", "criticise",
           "condemn", "refuse", "decline", "downplay", "warn", "caution", "object", "resist",
           "block", "veto", "ban", "halt", "stop", "prevent", "avoid", "abandon", "scrap",
           "cancel", "denounce", "disapprove", "rebuff", "slam", "blast", "doubt", "fear",
           "dispute", "contest",
           "rejection", "criticism", "opposition", "warning", "refusal", "objection",
           "unacceptable", "dangerous", "reckless", "mistake",
           # displeasure at a thing: "disappointed by the decision", "dismayed at the plan"
           "disappointed", "dismayed", "appalled", "outraged", "saddened", "disappointment",
           "disappoint", "dismay", "appal", "appall", "sadden"}

# The side-taking words that also answer a question of fact: denying a thing is so, or
# granting it.
DENYING = {"reject", "dismiss", "deny", "refute", "downplay", "doubt", "dispute", "contest",
           "rebuff"}
ASSENTING = {"agree", "accept"}

# Putting a thing forward (nominating a person, proposing a measure) favours its adoption:
# "the president nominated her" is for confirming her. "consider", "option" and "possibility"
# are not here: weighing a thing takes no side on it (issue 12, "a serious option").
PROPOSING = {"propose", "nominate", "recommend", "sponsor", "tap"}

FAVOR = {"support", "back", "endorse", "welcome", "approve", "favor", "favour", "advocate",
         "urge", "allow", "want", "agree", "accept", "embrace", "defend",
         "praise", "plan", "pledge", "commit", "openness", "proposal", "backing",
         "push", "seek", "call", "intend", "prepare", "ready", "willing", "open",
         "necessary", "justify", "approval", "keep", "remain", "endorsement", "encourage",
         "pursue", "demand", "warrant", "deserve", "merit",
         # pleasure at a thing: "thrilled to have her host", "an honor to welcome her back"
         "thrilled", "delighted", "pleased", "glad", "excited", "honored", "honoured",
         "proud", "honor", "honour", "thrill", "delight", "please", "excite"} | PROPOSING

# Weighing, studying or finding out about a thing: deliberation, no side taken ("is weighing
# a no-fly zone", "wanted first to figure out what it could achieve", "a serious option").
DELIBERATIVE = {"consider", "weigh", "study", "examine", "explore", "mull", "review",
                "discuss", "debate", "assess", "evaluate", "figure", "learn",
                "understand", "option", "possibility", "scenario",
                "contemplate", "ponder", "investigate", "probe"}
# Verbs that stand in for an act named before ("will not do it", "it won't happen").
PRO_VERBS = {"do", "happen", "go", "occur", "proceed", "work"}
# Nouns of information: their absence ("no reports of a cause", "there has been no word on")
# says nothing is known, not that the thing is not so.
INFORMATION = {"report", "word", "indication", "sign", "evidence", "information",
               "confirmation", "detail", "news", "explanation", "clarity", "proof", "data"}
# Telling verbs: not telling ("will not reveal the name", "declined to comment") withholds
# information, it takes no side on the matter.
TELLING = {"reveal", "disclose", "comment", "say", "confirm", "name", "identify", "discuss",
           "speculate", "elaborate", "specify", "divulge", "answer", "respond", "tell"}
# Verbs of hurrying or forcing someone: "will not be rushed (into a decision)" refuses a pace
# or a pressure, not the matter.
PRESSING = {"rush", "hurry", "push", "pressure", "pressurize", "force", "bully", "stampede",
            "railroad", "dictate", "hustle"}

CONSEQUENCE_VERBS = {"lead", "cause", "mean", "provoke", "trigger", "risk", "result", "bring",
                     "spark", "escalate", "threaten", "endanger", "draw"}

HARM = {"war", "conflict", "confrontation", "catastrophe", "disaster", "escalation", "clash",
        "danger", "threat", "risk", "death", "crisis", "chaos", "collapse", "harm", "damage",
        "inevitability", "retaliation"}


# "without" negates a position ("went ahead without consulting the allies")
NEGATORS = lexicon.NEGATORS | {"without"}


# Adverbs by which a speaker passes on what others are said to do or hold.
HEARSAY = {"reportedly", "allegedly", "purportedly", "supposedly", "apparently", "rumoredly"}

# Acts that stop or refuse a thing: a question proposing one ("Should BP suspend its dividend
# payments?") is answered by what is said of the thing itself with the sign turned round
# ("will maintain the payments" is against suspending them, "payments should be halted" for).
STOPPING = {"suspend", "halt", "stop", "ban", "cancel", "end", "freeze", "scrap", "abandon",
            "cease", "discontinue", "prohibit", "outlaw", "drop", "axe", "terminate", "withhold",
            "postpone", "delay", "defer", "withdraw",
            # acts that take away from a thing: "Should X loosen protections?" asks, like a
            # halt, whether the protections should go on as they are
            "loosen", "weaken", "relax", "remove", "strip", "reduce", "repeal", "rescind",
            "revoke", "undermine", "gut", "curb", "restrict", "limit", "dilute", "erode"}
# Verbs that fail or refuse what their complement does: "fail to give a warning" asks whether
# no warning was given.
NEGATIVE_IMPLICATIVES = {"fail", "refuse", "decline", "neglect", "omit"}
# Acts that keep a thing going: mentions of the thing under them are its continuation.
CONTINUING = {"continue", "maintain", "keep", "resume", "retain", "preserve", "restore",
              "sustain"}
_OPEN_TABLE = re.compile(r"\b(?:nothing|not|n't|no option|none)\b[^.;]{0,40}\boff the table\b",
                         re.I)
# Verbs of calling for an act: not calling for it is no side against it.
CALLING = {"call", "urge", "demand", "press", "ask", "push"}
# Stepping down, one act however it is worded, and staying on, asked with it as its opposite
# (``stance.matter_from_question``).
RESIGNING = {"resign", "quit", "step", "stand", "abdicate"}
STAYING = {"stay", "remain"}
# Modals of possibility: "anchors could have cut the cables" weighs a possibility, holds none.
POSSIBILITY = lexicon.POSSIBILITY_MODALS
# Adjectives and verbs of knowing: negated ("isn't sure what caused", "don't know") they say
# the speaker does not know, which is no position.
KNOWING = {"sure", "certain", "clear", "know", "aware"}

SUBORDINATORS = {"if", "when", "while", "although", "though", "whether", "unless", "because",
                 "as", "since", "after", "before", "once"}



def _numbers(obj) -> frozenset[str]:
    """The figures written before a noun ("$20 billion fund" -> {"20"})."""
    out = set()
    for tok in obj.subtree:
        if tok.i >= obj.i:
            break
        out.update(re.findall(r"\d+(?:\.\d+)?", tok.text))
    return frozenset(out)


# ----------------------------------------------------------------------------- polarity
def _negators(token) -> int:
    n = 0
    for child in token.children:
        low = child.lower_
        if child.dep_ == "neg" or (low in {"never", "not"} and child.dep_ == "advmod"):
            n += 1
        elif child.dep_ in {"nsubj", "nsubjpass", "dobj", "attr", "pobj"} and low in {
                "nothing", "none", "nobody"}:
            n += 1
        elif child.dep_ == "det" and low in {"no", "neither"}:
            n += 1
    return n



def _is_cue(token, cues: set[str]) -> bool:
    lem = lemma(token)
    if lem == "call" and not any(c.lower_ in {"for", "on"} or c.dep_ == "xcomp"
                                 for c in token.children):
        return False  # "called for a fund" is a demand; "called the fund a slush fund" is not
    if lem == "rule" and any(c.lower_ == "out" for c in token.children):
        return cues is AGAINST
    if lem == "keep" and cues is FAVOR:
        return any(c.lower_ == "open" for c in token.subtree)
    if lem in {"keep", "remain"}:
        return False
    return lem in cues


# Evaluative labels an actor puts on a proposal ("a slush fund", "a shakedown", "a good deal").
# Generic words of praise and blame, no story's words; a negated label turns round ("is not a
# shakedown" defends the proposal).
PEJORATIVE = {"shakedown", "slush", "scam", "sham", "fraud", "bribe", "ransom", "extortion",
              "blackmail", "boondoggle", "giveaway", "handout", "travesty", "farce", "disgrace",
              "outrage", "mistake", "disaster", "failure", "waste", "joke", "stunt", "ploy",
              "gimmick", "theft", "robbery", "insult", "fiasco", "grab", "hunt", "folly",
              "blunder", "dangerous", "reckless", "unacceptable", "wrong", "bad", "unfair",
              "illegal", "unconstitutional", "outrageous", "absurd", "ridiculous", "foolish",
              "irresponsible", "unjust", "excessive", "premature", "counterproductive",
              # a measure that does no good or does harm: "would be highly disruptive"
              "disruptive", "ineffective", "pointless", "futile", "useless", "unnecessary",
              "harmful", "unworkable", "impractical"}

APPROVING = {"success", "victory", "breakthrough", "win", "fair", "good", "right", "reasonable",
             "appropriate", "necessary", "justified", "welcome", "important", "vital",
             "essential", "responsible", "generous", "positive", "sensible", "wise", "great",
             "legitimate", "fine", "helpful", "useful", "step", "effective", "worthwhile",
             "prudent"}

NAMING_VERBS = {"call", "label", "brand", "dub", "term", "describe", "consider", "deem"}

COPULAS = {"be", "seem", "become", "remain", "look", "sound", "appear"}


# What a label may be put on: the matter, a pronoun pointing back at it, or a proposal noun.
LABEL_TARGETS = {"it", "this", "that"}


# Edges by which a noun modifies another noun: a matter met there is a detail of something
# else ("the $20bn planned for the fund"), unless that noun opens the matter ("the idea of").
MODIFIER_EDGES = {"acl", "relcl", "appos", "amod", "npadvmod", "nmod"}



# Laws and bodies a noun can name the kind of ("protection law", "travel agency").
NAMED_KINDS = {"law", "act", "bill", "statute", "rule", "regulation", "program", "programme",
               "agency", "group", "department", "office", "committee", "service", "council",
               "organization", "organisation", "association", "institute", "center", "centre",
               "company", "firm", "industry", "sector", "website", "site"}


def _act_noun_of(noun, acts: set[str]) -> bool:
    """Whether a noun names one of the acts ("restrictions" of restrict, "suspension" of
    suspend, "deployment" of deploy): it starts as the verb does, all but the verb's last
    letter (at least four letters)."""
    low = lemma(noun)
    return any(len(a) >= 4 and low != a and low.startswith(a[:max(4, len(a) - 1)])
               for a in acts)


def _clause_label(copula) -> int:
    """The valence of the labels a copula puts on its clausal subject ("is nothing other than
    irresponsible and shameful" -> -1), also through a second predicate that shares the
    subject ("[Limiting travel] would have little effect, but would be highly disruptive"),
    0 when none or mixed."""
    heads = [copula] + [c for c in copula.children if c.dep_ == "conj" and not any(
        g.dep_ in {"nsubj", "nsubjpass", "csubj", "expl"} for g in c.children)]
    signs = {_valence(x) for h in heads for c in h.children if c.dep_ in {"attr", "acomp"}
             for x in c.subtree} - {0}
    return signs.pop() if len(signs) == 1 else 0


def _valence(token) -> int:
    """+1 for a label of praise, -1 for one of blame, 0 for none (its own word, or a compound
    or adjective on it: "slush fund", "a good idea")."""
    words = {lemma(token)} | {lemma(c) for c in token.children if c.dep_ in {"compound", "amod"}}
    if lemma(token) == "step" and any(c.lower_ in {"back", "backward", "backwards"}
                                      for c in token.children):
        return -1  # "a step back"
    if words & PEJORATIVE:
        return -1
    if words & APPROVING:
        return 1
    return 0



# Prefixes that turn an adjective round ("illegal", "unlawful", "unjustified").
NEGATIVE_PREFIXES = ("non-", "non", "un", "il", "in", "im", "ir", "dis")


def predicate_valence(token, matter: dict) -> int:
    """+1 when a token is the question's own predicate ("legal" of "Was the invasion legal?"),
    -1 when it is that predicate with a negative prefix ("illegal"), else 0."""
    pred = matter.get("predicate")
    if not pred or token.pos_ not in {"ADJ", "VERB", "NOUN"}:
        return 0
    low = token.lower_
    if low == pred:
        return 1
    return -1 if any(low == p + pred for p in NEGATIVE_PREFIXES) else 0


def predicate_put(tokens, matter: dict) -> str:
    """What the question's predicate (or its negative) is put on in a clause: "matter" (the
    matter's noun, "the war was illegal"), "pronoun" ("it was legal to go to war"), or ""."""
    words = _matter_words(matter)
    for tok in tokens:
        if not predicate_valence(tok, matter):
            continue
        # "an illegal invasion", "a justified shooting": the predicate on the matter's noun;
        # "were justified in shooting him": on the act it governs
        if (tok.dep_ == "amod" and (lemma(tok.head) in words or tok.head.lower_ in words)) \
                or any(g.lower_ in words or lemma(g) in words for c in tok.children
                       if c.dep_ == "prep" and c.lower_ == "in"
                       for g in c.children if g.dep_ in {"pcomp", "pobj"}):
            return "matter"
        _, target = _label_target(tok)
        if target is None:
            continue
        if lemma(target) in _matter_words(matter):
            return "matter"
        if target.lower_ in LABEL_TARGETS:
            return "pronoun"
    return ""


def _label_target(label):
    """The predicate that puts a label and what it is put on: "X is a shakedown" (attr),
    "called X a slush fund" (oprd), "amounted to a shakedown"."""
    head = label.head
    if label.dep_ == "pobj" and head.lower_ == "to" and lemma(head.head) == "amount":
        head = head.head
    elif label.dep_ == "appos" and head.dep_ == "dobj" and lemma(head.head) in NAMING_VERBS:
        return head.head, head  # "called the fund, which ..., a slush fund"
    elif label.dep_ not in {"attr", "oprd", "acomp"}:
        return None, None
    dep = {"dobj"} if label.dep_ == "oprd" else {"nsubj", "nsubjpass"}
    return head, next((c for c in head.children if c.dep_ in dep), None)



def _matter_words(matter: dict) -> set[str]:
    # (a light verb's destination, "escrow" of "put money into an escrow fund", names the
    # matter as well as its thing does)
    words = {matter.get("object")} | set(matter.get("similar", ())) | set(
        matter.get("light_words", ()))
    words.discard("")
    words.discard(None)
    return words


def _names_thing(token, matter: dict) -> bool:
    """A proper noun naming the matter's thing that the question wrote with a capital but
    read as a noun ("host the Oscars"; ``object_name``): reports tag it as a name. A person or
    a company the question is about is no such thing (every passage names them)."""
    name = matter.get("object_name")
    return bool(name) and token.pos_ == "PROPN" and token.lower_ == name



def _extraposed_off_matter(head, matter: dict, targets: set[str]) -> bool:
    """Whether "it" stands for a "that"-clause after the label ("it was unacceptable that X
    can be murdering his people") which does not name the matter: the label is put on X's
    act, not on the question's."""
    clauses = [c for c in head.children if c.dep_ in {"ccomp", "csubj"} and any(
        g.dep_ == "mark" and g.lower_ == "that" for g in c.children)]
    if not clauses:
        return False
    words = targets | set(matter.get("acts", ()))
    return not any(lemma(t) in words or t.lower_ in words for c in clauses for t in c.subtree)


def _matter_only_under(label, span, matter: dict) -> bool:
    """Whether every word of the passage naming the matter's thing is under the label itself
    ("useful [to a militant]"): then the label is put on something else."""
    words = _matter_words(matter)
    mentions = [t for t in span if t.pos_ == "NOUN" and lemma(t) in words]

    def for_whom(mention) -> bool:
        # up from the mention to the label through nouns and one "to"/"for" only: the one the
        # label is good or bad for ("useful to a militant"), not an act it names ("a bad idea
        # to disarm the militias" has a verb on the way)
        t, steps = mention, 0
        while t.i != label.i and t.head.i != t.i and steps < 6:
            if t.pos_ in ("VERB", "AUX"):
                return False
            if t.dep_ == "prep" and t.lower_ in ("to", "for") and t.head.i == label.i:
                return True
            t, steps = t.head, steps + 1
        return False

    return bool(mentions) and all(for_whom(t) for t in mentions)


def label_votes(span, matter: dict) -> tuple[list[int], set[int]]:
    """Signs of the evaluative labels put on the matter in a passage, and the tokens they
    account for (the label and its target, not to be read again as mentions)."""
    votes, used = [], set()
    if matter.get("factual") and not matter.get("predicate"):
        # "Has the cap stopped the leak?" is answered by what happened, not by a label: "it's
        # premature", "encouraged" say how the speaker feels about it
        return votes, used
    # (a label on a light verb's thing, "support the response", is none on "take over")
    targets = PROPOSAL_NOUNS if _light_without_act(span, matter) else \
        _matter_words(matter) | PROPOSAL_NOUNS
    acts = set(matter.get("acts", ()))
    for tok in span:
        valence = predicate_valence(tok, matter) or _valence(tok)
        if not valence:
            continue
        if tok.dep_ == "amod" and predicate_valence(tok, matter) and (
                lemma(tok.head) in targets or tok.head.lower_ in targets):
            head, target = tok.head.head, tok.head  # "it was an unjustified shooting"
        else:
            head, target = _label_target(tok)
        # "amounts to a slush fund": a label made of the matter's own noun names the matter,
        # whatever it is put on (and when the parse lost what it is put on)
        names_matter = lemma(tok) in _matter_words(matter)
        if head is None or (target is None and not names_matter):
            continue
        if not names_matter and target.lower_ not in LABEL_TARGETS and \
                lemma(target) not in targets:
            continue
        if target is not None and _other_kind(target, matter):
            continue  # "favor voluntary targets" is no label on the binding ones asked about
        if target is not None and target.lower_ == "it" and _extraposed_off_matter(
                head, matter, targets):
            continue  # "it was unacceptable that Gaddafi bombs his people": put on that act
        if target is not None and target.lower_ == "it" and _matter_only_under(tok, span, matter):
            continue  # "it is not useful to a militant": "it" is something else, good or bad
            # for the matter's thing
        if target is not None and target.lower_ in {"it", "this", "that"} and not any(
                c.dep_ in {"ccomp", "csubj", "xcomp", "advcl"} for c in
                list(head.children) + list(tok.children)) and not any(
                lemma(t) in targets or t.lower_ in targets or lemma(t) in acts
                for t in tok.sent if t.i != tok.i):
            # '... not likely to leave power as part of a negotiated deal. So from the
            # standpoint of the coalition it's not a great result': a pronoun that no clause
            # after it explains, in a sentence not naming the matter, may stand for anything
            continue
        sign, t, steps = valence, head, 0
        while True:
            if _open_or_conditional(t) or (t.pos_ in {"VERB", "AUX"} and _uncertain(t)):
                # "whether he thought the fund was a shakedown": a question asked; "a court
                # might conclude it was illegal": a possibility
                sign = 0
                break
            sign *= (-1) ** _negators(t)
            if t.i != head.i and _is_cue(t, AGAINST):
                sign = -sign  # "denied that it was a shakedown"
            steps += 1
            if t.dep_ not in {"ccomp", "xcomp", "conj"} or t.head.i == t.i or steps > 6 \
                    or not (span.start <= t.head.i < span.end):
                break
            t = t.head
        if sign and _in_denied_report(tok, span):
            sign = -sign  # "denies the story of the illegal tempting eyes": no such thing
        if sign:
            votes.append(sign)
        used.update({tok.i} | ({target.i} if target is not None else set()))
    return votes, used



def _in_denied_report(tok, span) -> bool:
    """Whether a label stands inside the object of a verb of denying ("CPVPV denies the story
    of the illegal tempting eyes", "dismissed reports of a secret ban"): what is denied is
    that the labelled thing is so, not the label's side on it.

    >>> from newsweave.nlp.spacy_stage import load_nlp
    >>> doc = load_nlp()("The board denies the story of the illegal fund.")
    >>> _in_denied_report(doc[6], doc[:]), _in_denied_report(doc[6], doc[3:])
    (True, False)
    """
    t, came_by_object = tok, False
    for _ in range(6):
        if t.head.i == t.i or not span.start <= t.head.i < span.end:
            return False
        came_by_object = came_by_object or t.dep_ == "dobj"
        t = t.head
        if t.pos_ in {"VERB", "AUX"}:
            return came_by_object and lemma(t) in DENYING
    return False


def _uncertain(verb) -> bool:
    """A verb under a modal of possibility ("could have cut"), or a negated verb or adjective
    of knowing ("isn't sure", "does not know"): the speaker holds no position."""
    if any(c.dep_ == "aux" and c.lower_ in POSSIBILITY for c in verb.children):
        return True
    knowing = [verb] + [c for c in verb.children if c.dep_ in {"acomp", "attr"}]
    return any(lemma(k) in KNOWING for k in knowing) and bool(
        _negators(verb) or any(_negators(k) for k in knowing[1:]))


def _deliberates(token) -> bool:
    """A word of weighing; "consider" only in its weighing sense ("considering a zone"), not
    in its holding one ("considers the zone necessary")."""
    if lemma(token) == "look" and any(c.dep_ in ("prep", "prt") and c.lower_ in ("into", "at")
                                      for c in token.children):
        return True  # "agreed to look into using the funds": to be studied, not yet backed
    if lemma(token) not in DELIBERATIVE:
        return False
    return not (lemma(token) == "consider" and any(
        c.dep_ == "ccomp" or (c.dep_ in {"oprd", "xcomp", "acomp"} and c.pos_ in {"ADJ", "NOUN"})
        for c in token.children))


def withholds(verb, deliberation: bool = True) -> bool:
    """A verb that holds back rather than takes a side: a negated or refused telling verb
    ("will not reveal the source", "declined to comment"), a negated passive of pressing ("will
    not be rushed"), or a verb of deliberation or of wanting to find out ("wanted to figure out
    what the options could achieve")."""
    lem = lemma(verb)
    refused = verb.dep_ == "xcomp" and lemma(verb.head) in {"refuse", "decline"} | \
        NEGATIVE_IMPLICATIVES
    if lem in TELLING and (_negators(verb) or refused):
        return True
    if lem in PRESSING and _negators(verb) and any(c.dep_ == "auxpass" for c in verb.children):
        return True
    if not deliberation:
        return False
    if _deliberates(verb):
        return True
    return any(c.dep_ in {"xcomp", "ccomp"} and _deliberates(c) for c in verb.children)


def _refusal_of_telling(verb) -> bool:
    """"declined to comment", "refused to say": a refusal whose complement is a telling verb."""
    return any(c.dep_ == "xcomp" and lemma(c) in TELLING for c in verb.children)


def _other_act(verb, mention, matter: dict) -> bool:
    """Whether a verb on the way up from a mention is an act of its own on the matter, neither
    the matter's act, nor a cue of position, nor a verb of saying or holding ("negotiate the
    release", "limit the costs"): its negation is about that act."""
    if verb.i == mention.i or verb.pos_ not in {"VERB"}:
        return False
    lem = lemma(verb)
    return not (lem in set(matter.get("acts", ())) or lem in set(matter.get("stop_acts", ()))
                or _is_cue(verb, AGAINST) or _is_cue(verb, FAVOR)
                or lem in lexicon.SAYING_VERBS or lem in lexicon.HOLDING_VERBS
                or lem in COPULAS or lem in {"do", "have"} or lem in CONSEQUENCE_VERBS)


def _open_or_conditional(token) -> bool:
    return (token.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in SUBORDINATORS
                                          for c in token.children)) or \
        any(c.dep_ == "mark" and c.lower_ in {"whether", "if"} for c in token.children)



def _numbers_differ(token, matter: dict) -> bool:
    """"a $120m fund" is not the "$20 billion fund" the question is about."""
    want = matter.get("numbers") or frozenset()
    if not want or lemma(token) != matter.get("object"):
        return False
    got = _numbers(token)
    return bool(got) and not (got & want)



# Verbs whose meaning is in their particle or complement ("take over the response", "put
# money into a fund", "set up a fund"): the thing alone ("support the response", "a pension
# fund") says nothing of the act.
LIGHT_ACTS = {"take", "put", "set", "get", "make", "give", "have", "do"}


def _light_without_act(span, matter: dict) -> bool:
    """Whether the question's act is a light verb the passage does not use."""
    light_words = set(matter.get("light_words", ()))
    return bool(matter.get("light")) and not matter.get("doer") and not any(
        (t.pos_ == "VERB" and lemma(t) in set(matter.get("acts", ()))) or lemma(t) in light_words
        for t in span)


def matter_tokens(span, matter: dict) -> list:
    words = {matter.get("object")} | set(matter.get("acts", ())) | set(
        matter.get("similar", ())) | set(matter.get("light_words", ()))
    words.discard("")
    words.discard(None)
    acts = set(matter.get("acts", ())) if matter.get("doer") else set()
    if _light_without_act(span, matter):
        # a light verb's thing counts only beside the act itself, or with the question's
        # numbers ("the $20 billion fund")
        return [t for t in span if t.pos_ == "NOUN" and lemma(t) in words
                and matter.get("numbers") and _numbers(t) & set(matter["numbers"])]
    return [t for t in span if ((t.pos_ in {"NOUN", "VERB"} and lemma(t) in words)
                                # "during drilling for oil": the noun "drilling" tagged a verb
                                or (t.tag_ == "VBG" and t.lower_ == matter.get("object"))
                                or lemma(t) in set(matter.get("light_words", ()))
                                or _names_thing(t, matter)
                                # "called for the resignation of X": the act asked of its doer
                                or (t.pos_ == "NOUN" and _act_noun_of(t, acts)))
            # "a slush fund" is a label, not a mention; the act asked about is one ("step")
            and not (_valence(t) and not (t.pos_ == "VERB" and lemma(t) in words))
            and not _numbers_differ(t, matter) and not _other_kind(t, matter)
            and _act_on_matter(t, matter)
            and not _other_phrasal(t)
            and not (matter.get("object_is_audience") and t.pos_ != "VERB"
                     and lemma(t) == matter.get("object"))]


# Adjectives that do not say which kind of a thing ("new targets" are still targets).
ANY_KIND = frozenset({"new", "such", "other", "same", "current", "future", "possible",
                       "any", "further", "more", "additional", "proposed", "own", "certain"})


def _other_kind(token, matter: dict) -> bool:
    """The question's thing named with another qualifying noun: "the AFP news agency" is not
    one of the "aid agencies" asked about (a bare "the agencies" may be)."""
    qualifiers = set(matter.get("qualifiers", ()))
    kinds = set(matter.get("kinds", ()))
    if not (qualifiers or kinds) or token.pos_ != "NOUN" or lemma(token) != matter.get("object"):
        return False
    # "voluntary emissions targets" are not the "binding targets" asked about
    # (the parse may hang the adjective on a noun before: "voluntary [emissions] targets")
    adjectives = {c.lower_ for n in [token, *(c for c in token.children if c.dep_ == "compound")]
                  for c in n.children if c.dep_ == "amod" and c.pos_ in ("ADJ", "VERB")}
    if kinds and adjectives - ANY_KIND and not adjectives & kinds:
        return True
    # (a common noun says which kind; a name says whose or where: "the Mexico outbreak")
    own = {lemma(c) for c in token.children if c.dep_ == "compound" and c.pos_ == "NOUN"}
    return bool(qualifiers) and bool(own) and not own & qualifiers


def _other_phrasal(token) -> bool:
    """"step up" or "stand by" is not the "step down" asked about."""
    return lemma(token) in {"step", "stand"} and not any(
        c.dep_ == "prt" and c.lower_ == "down" for c in token.children)



def _act_on_matter(token, matter: dict) -> bool:
    """An act verb counts when its object is the matter or it has none ("will send"): "a $120m
    fund would be set up" and "set a deadline" are not "set up a $20 billion fund"."""
    if token.pos_ == "VERB" and lemma(token) in STAYING and matter.get("doer"):
        # staying on is the matter only when the one asked to step down stays ("X should
        # stay until September"), not protesters staying in a square
        # ("would remain calm" is a state, not staying on)
        return any(c.dep_ == "nsubj" and lemma(c) in set(matter["doer"])
                   for c in token.children) and not any(
            c.dep_ in {"acomp", "attr", "oprd", "xcomp"} for c in token.children)
    if token.pos_ != "VERB" or lemma(token) not in set(matter.get("acts", ())) or \
            lemma(token) in _matter_words(matter):
        return True
    objs = [c for c in token.children if c.dep_ in {"dobj", "nsubjpass"}]
    if not objs and matter.get("inverted"):
        return False  # "would pay for the barriers": keeping a thing going needs the thing
    return not objs or any((lemma(o) in _matter_words(matter) or _names_thing(o, matter))
                           and not _numbers_differ(o, matter)
                           for o in objs)



def _own_rules(word) -> bool:
    """Whether a word of allowing or banning is said of someone's own rules ("its policy bans
    contributions to candidates"): a practice, not a side on what should be allowed."""
    subject = next((c for c in word.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    return subject is not None and lemma(subject) in {"policy", "guideline", "rule", "code",
                                                      "charter", "practice"}


# Words of allowing or banning an act: only they answer "Should X be allowed to ...?".
PERMISSION_WORDS = {"allow", "permit", "let", "ban", "prohibit", "forbid", "outlaw", "legal",
                    "illegal", "lawful", "unlawful", "legalize", "legalise", "authorize",
                    "authorise", "restrict", "bar"}

# Verbs that back a person: backing the one asked to step down is a side against it.
BACKING = {"defend", "back", "support", "praise", "endorse"}


def _backs_doer(tokens, matter: dict):
    """The verb by which a clause backs the one a question asks to step down ("Svanberg
    defended Hayward"), or None. Attacking him is not asking him to go, so only backing
    counts."""
    doer = set(matter.get("doer", ()))
    if not doer or not set(matter.get("acts", ())) & RESIGNING:
        return None
    # (read from the object: the clause an actor holds may leave out the actor's own verb)
    return next((t.head for t in tokens if t.dep_ == "dobj" and lemma(t) in doer
                 and t.head.pos_ == "VERB" and lemma(t.head) in BACKING), None)


def about_matter(tokens, matter: dict) -> bool:
    """Whether a clause names the matter's thing: its object (or a noun close to it) or an act
    put as a noun ("deployment"); an act verb alone ("set", "send") names nothing."""
    if _backs_doer(tokens, matter) is not None:
        return True
    if matter.get("permission") and not any(
            lemma(t) in PERMISSION_WORDS and not _own_rules(t) for t in tokens):
        return False
    things = _matter_words(matter)
    if matter.get("object_is_name") or matter.get("object_is_audience"):
        things = things - {matter.get("object")}
    light_words = set(matter.get("light_words", ()))
    if light_words and any(lemma(t) in light_words for t in tokens):
        return True  # ("escrow" may be tagged an adjective)
    if _light_without_act(tokens, matter):
        # "defended the federal response" names the response, not its taking over
        return any(t.pos_ == "NOUN" and lemma(t) in things and matter.get("numbers")
                   and _numbers(t) & set(matter["numbers"]) for t in tokens)
    acts = set(matter.get("acts", ()))
    agents = set(matter.get("agents", ()))
    if agents and not any(lemma(t) in agents for t in tokens):
        # "were the cables cut by anchors?": "the cables were damaged" does not say by what
        return False
    for t in tokens:
        if t.pos_ not in {"NOUN", "VERB"} or _numbers_differ(t, matter) or _other_kind(t, matter):
            continue
        # a label made of the matter's noun ("a slush fund") names it too
        # (an act's noun that only qualifies another noun, "the share price", is no act)
        if lemma(t) in things or (t.pos_ == "NOUN" and lemma(t) in acts
                                  and t.dep_ != "compound" and not _other_phrasal(t)):
            return True
    if any(_names_thing(t, matter) for t in tokens):
        return True
    if matter.get("object_is_audience") and any(
            t.pos_ == "VERB" and lemma(t) in acts and _act_on_matter(t, matter) for t in tokens):
        return True  # "did not mislead the public": the act done to the audience
    doer = set(matter.get("doer", ()))
    if doer and any(lemma(t) in doer for t in tokens):
        # an act asked of its doer: the act with the doer in the clause names the matter
        return any((t.pos_ == "VERB" and lemma(t) in acts and not _other_phrasal(t))
                   or (t.pos_ == "NOUN" and _act_noun_of(t, acts)) for t in tokens)
    return False



CONTENT_NOUNS = lexicon.SAYING_NOUNS | {"suggestion", "report", "rumor", "rumour",
                                       "speculation", "charge", "story", "theory"}


# Nouns of an act's worth or need: "no" on them scopes over the act ("there was no point in
# stopping travel", "no need to restrict it", "no reason for a ban" are against the act).
WORTH = {"point", "need", "reason", "sense", "use", "benefit", "value", "justification",
         "necessity", "purpose"}


def _opens_matter(noun, matter: dict) -> bool:
    lem = lemma(noun)
    # a noun of what is said or rumoured ("denied claims that he was the informant") carries
    # the matter as its content: denying it denies the matter; a noun of worth ("no point in
    # stopping it") weighs the act
    return lem in PROPOSAL_NOUNS or lem in FAVOR or lem in AGAINST or lem in CONTENT_NOUNS or \
        lem in WORTH or \
        lem in set(matter.get("acts", ())) or lem in _matter_words(matter)



# Prepositions that make the matter the time of another act ("during drilling").
_WHEN_PREPOSITIONS = {"during", "throughout", "amid", "while"}

# Words by which a report names again the company a question names ("the company will pay").
_SAME_COMPANY = {"company", "firm", "corporation", "group", "giant"}


def _other_party(mention, matter: dict) -> bool:
    """Whether the question's act, in a passage, is done by a party other than the one the
    question names: "Should BP pay the cost?" is not answered by "the federal government will
    pay the cost of the Guard". A pronoun or "the company" may be the named party."""
    party = set(matter.get("party", ()))
    if not party or mention.pos_ != "VERB" or lemma(mention) not in set(matter.get("acts", ())):
        return False
    for subject in (c for c in mention.children if c.dep_ == "nsubj"):
        if subject.pos_ == "PRON" or lemma(subject) in _SAME_COMPANY:
            return False
        words = {lemma(t) for t in subject.subtree if t.pos_ in {"PROPN", "NOUN"}}
        return bool(words) and not words & party
    return False


def _someone_elses(verb, span, mentioned: set[int], matter: dict) -> bool:
    """Whether ``verb`` is done by a named party other than the passage's own subject (the one
    who speaks or acts in it): its clause's subject, read up through "trying to", "wants to"
    (not the matter itself: "the payments should be halted"; nor what the speaker says the
    party should do)."""
    doer, t = None, verb
    while doer is None:
        doer = next((c for c in t.children if c.dep_ == "nsubj"), None)
        if doer is not None or t.dep_ != "xcomp" or t.head.i == t.i:
            break
        t = t.head
    root = span.root
    if doer is None or t.i == root.i or doer.pos_ not in ("PROPN", "NOUN") or \
            mentioned & {x.i for x in doer.subtree} or verb.pos_ not in ("VERB", "AUX"):
        return False
    if t.dep_ != "ccomp" or t.head.pos_ not in ("VERB", "AUX") or t.tag_ == "VB":
        # only a clause a verb reports as fact ("warned that Damascus was trying to ..."),
        # not a proposal's content ("the proposal that the partners pay")
        return False
    if any(c.dep_ == "aux" and c.lower_ in {"should", "must", "ought", "need"}
           for c in verb.children):
        return False  # "said BP should reject the deal": what the speaker would have done
    named = {lemma(x) for x in doer.subtree if x.pos_ in ("PROPN", "NOUN")}
    own = set(matter.get("doer", ())) | set(matter.get("party", ())) | set(
        matter.get("agents", ())) | set(matter.get("also", ())) | {matter.get("object")}
    if named & own:
        # the one the question asks of ("rejected calls for Dane to step down"), or its
        # thing ("denied that the outbreak was a pandemic")
        return False
    own = next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    return own is None or doer.i not in {x.i for x in own.subtree}


def polarity(span, matter: dict) -> tuple[int, bool]:
    """(sign, whether the statement bears on the matter): +1 favours it, -1 opposes it.

    >>> from newsweave.nlp.spacy_stage import load_nlp
    >>> m = {"object": "troop", "acts": {"send", "deploy"}}
    >>> [polarity(load_nlp()(s)[:], m) for s in ("We will not send troops.",
    ...     "They are considering sending troops.", "He rejected the idea of sending troops.")]
    [(-1, True), (0, False), (-1, True)]
    """
    if _OPEN_TABLE.search(span.text):
        return 0, False  # "nothing is off the table": every option open, no side taken
    when = set(matter.get("when", ()))
    if when and not any(t.lower_ in when for t in span):
        # "Will the watch be released on Valentine's Day?" is not answered by "Apple plans
        # to release the watch": the passage must name the time asked about
        return 0, False
    mentions = matter_tokens(span, matter)
    backing = _backs_doer(span, matter)
    if backing is not None and not mentions:
        # "the chairman defended Hayward": for him staying, against his stepping down; only
        # as the passage's own main verb ("said the board would back him" is the board's), and
        # not defending him is no call for him to go
        if backing.i != span.root.i or negation_count(backing, predicates=False):
            return 0, False
        return -1, True
    votes, used = label_votes(span, matter)
    if matter.get("factual") and matter.get("predicate"):
        # "Is the criticism anti-British?", "Was the war legal?": only the predicate (or its
        # negative) put on the matter answers; taking a side on the thing itself ("fired back
        # at the criticism", "opposed the war") says nothing of whether it is so
        return (1 if sum(votes) > 0 else -1 if sum(votes) < 0 else votes[0] if votes else 0,
                bool(votes))
    # the question's own acts, and whether it asks a fact (read once, for every walk below)
    own_acts = set(matter.get("acts", ()))
    factual = bool(matter.get("factual"))
    mentioned = {x.i for x in mentions}
    for m in mentions:
        if m.i in used:
            continue
        if m.dep_ in {"nsubj", "nsubjpass"} and lemma(m.head) in COPULAS and any(
                c.dep_ in {"attr", "acomp"} for c in m.head.children):
            continue  # "the fund is (not) X": only a label of praise or blame says a position
        # staying on answers "Should X step down?" the other way (``_act_on_matter``)
        sign = -1 if m.pos_ == "VERB" and lemma(m) in STAYING and matter.get("doer") else 1
        bearing, tentative = False, False
        t, prev = m, None
        seen = 0
        others_act = False
        while True:
            seen += 1
            if t.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in SUBORDINATORS
                                          for c in t.children):
                bearing = False  # "if troops were sent ...": a condition, not a position
                break
            if t.dep_ in {"ccomp", "xcomp", "csubj", "pcomp"} and any(
                    c.dep_ == "mark" and c.lower_ in {"whether", "if"} for c in t.children):
                bearing = False  # "had not decided whether it should be built": an open question
                break
            if any(c.dep_ == "advmod" and c.lower_ in HEARSAY for c in t.children):
                bearing = False  # "countries are reportedly considering": passed on, not held
                break
            if t.pos_ in {"VERB", "AUX"} and _uncertain(t):
                bearing = False  # "could have been cut", "isn't sure what caused": unknown
                break
            if t.i != m.i and (withholds(t, deliberation=False) or _refusal_of_telling(t)):
                bearing = False  # "will not reveal the source", "will not be rushed"
                break
            if t.i != m.i and (_deliberates(t) or withholds(t)):
                # "is weighing a zone", "a serious option": weighed, not held; only a negation
                # or a side taken above it ("rejected the option", "keep it open") counts
                tentative, bearing = True, False
            # "no change in their positions against X": the "no" scopes over the change, not
            # over what the preposition leads to; a noun of worth is the exception ("no point
            # in stopping travel" denies the stopping any worth)
            via_prep = prev is not None and prev.dep_ == "prep" and t.pos_ in {"NOUN", "PROPN"} \
                and lemma(t) not in WORTH
            neg = 0 if via_prep else _negators(t)
            if neg and (lemma(t) in INFORMATION or (prev is not None and lemma(prev) in
                                                    INFORMATION and prev.dep_ in {
                                                        "attr", "nsubj", "nsubjpass"})):
                bearing = False  # "there have been no clear reports of a cause": unknown
                break
            if neg and _other_act(t, m, matter):
                # "will not negotiate the release": refusing another act done on the matter
                # (bargaining for it) says nothing of the matter itself
                bearing = False
                break
            if t.i != m.i and t.pos_ == "NOUN" and lemma(t) in CONTENT_NOUNS and any(
                    c.dep_ == "poss" and c.tag_ != "PRP$" for c in t.children):
                # "referring to a U.S. envoy's comments that Mubarak must stay": the envoy's
                # words, passed on, not the speaker's side
                bearing = False
                break
            if t.dep_ == "prep" and t.lower_ in {"to", "for"} and t.head.pos_ == "ADJ" and \
                    prev is not None and prev.dep_ == "pobj" and m.pos_ == "NOUN":
                # "it is not useful to a militant": the one a thing is good or bad for, not
                # the thing the label is put on
                bearing = False
                break
            if t.dep_ == "prep" and t.lower_ in _WHEN_PREPOSITIONS and prev is not None:
                # "avoid those areas during drilling": the matter is when, not what is avoided
                bearing = False
                break
            if _other_party(t, matter):
                bearing = False  # the act done by another party than the one asked of
                break
            if others_act and (_is_cue(t, AGAINST) or _is_cue(t, FAVOR)):
                # "Juppe warned that Damascus was trying to evade sanctions": a cue over what
                # another party does to the matter is about that party, not the matter
                bearing = False
                break
            if t.i != m.i and stopped_short(t):
                # "stopped short of calling for a zone", "without backing it": held back
                bearing = False
                break
            if neg and lemma(t) in CALLING and t.i != m.i:
                # "did not call on X to step down": declining to call for it takes no side
                bearing = False
                break
            if neg:
                sign *= (-1) ** neg
                bearing = True
            if t.i != m.i and t.pos_ in {"VERB", "AUX"} and t.dep_ in {"conj", "advcl", "parataxis"} \
                    and any(c.dep_ in {"nsubj", "nsubjpass"} for c in t.children) and t.i != span.root.i:
                bearing = False  # another clause with its own subject: someone else's act
                break
            # (not the complement the walk came up through: its cue was counted there)
            copular = [c for c in t.children if c.dep_ in {"attr", "acomp", "oprd"}
                       and (prev is None or c.i != prev.i)] if t.pos_ in {"VERB", "AUX"} else []
            # the question's own act is the matter, not a side on it: "should condemn the
            # violence" answers "Should the council condemn the violence?" yes
            own_act = t.pos_ == "VERB" and lemma(t) in own_acts
            # a question of fact is denied, not warned against or condemned: "warned countries
            # to be on alert for flu outbreaks" says nothing against "Is the outbreak a
            # pandemic?" (nor is urging people to prepare for one a yes)
            # an act coordinated with the one the walk came up from ("rejected and denounced
            # the ban", "limiting travel and imposing restrictions") is the same side taken
            # twice, not a second act over the first: its cue is not counted again
            coordinate = prev is not None and prev.dep_ == "conj" and prev.head.i == t.i
            if coordinate:
                pass
            elif (_is_cue(t, AGAINST) and not own_act and not (
                    factual and lemma(t) not in DENYING)) \
                    or any(_is_cue(c, AGAINST) for c in copular) or \
                    lemma(t) in set(matter.get("stop_acts", ())) or (
                        t.i != m.i and t.pos_ == "NOUN"
                        and _act_noun_of(t, set(matter.get("stop_acts", ())))):
                sign, bearing = -sign, True
            elif ((_is_cue(t, FAVOR) and t.i != m.i and not (factual and lemma(t) not in ASSENTING))
                  or any(_is_cue(c, FAVOR) for c in copular)) \
                    and not (tentative and lemma(t) not in {"keep"}):
                bearing = True
            if t.dep_ == "prep" and t.lower_ in {"against", "without"}:
                sign, bearing = -sign, True
            if t.dep_ == "csubj" and t.head.i != t.i:
                # "[To deny it the protections] is irresponsible and shameful": a label put
                # on the clause the matter stands in
                label = _clause_label(t.head)
                if label:
                    sign, bearing = sign * label, True
            if t.lower_ == "than" and any(c.lower_ == "rather" for c in t.head.children) or (
                    t.dep_ == "pobj" and t.head.lower_ == "than"):
                sign, bearing = -sign, True
            if t.dep_ in {"nsubj", "nsubjpass", "csubj"} and lemma(t.head) in CONSEQUENCE_VERBS:
                if any(lemma(x) in HARM for x in t.head.subtree if x.i > t.i):
                    sign, bearing = -sign, True
            if not tentative and t.pos_ == "VERB" and t.i == m.i and any(
                    c.dep_ == "aux" and c.lower_ in {
                    "will", "would", "should", "must", "shall", "wo"} for c in t.children):
                bearing = True  # "X will send troops"
            if t.head.i == t.i or t.head.i < span.start or t.head.i >= span.end or seen > 12:
                break
            if t.i == m.i and t.dep_ == "compound" and lemma(t.head) in NAMED_KINDS:
                # "the wildlife-protection law", "the travel agency": the matter's noun naming
                # a kind of law or body, which the passage is about ("troop presence" and
                # "travel restrictions" are still the troops and the travel)
                bearing = False
                break
            if t.dep_ in MODIFIER_EDGES and t.head.pos_ not in {"VERB", "AUX"} \
                    and not _opens_matter(t.head, matter):
                # a detail of another thing, taken as given, not held: "costs not limited to
                # the $20bn planned for the fund"
                bearing = False
                break
            if t.dep_ == "pobj" and t.head.lower_ not in {"of", "than"} and t.head.head.pos_ in {
                    "NOUN", "PROPN", "NUM"} and not _opens_matter(t.head.head, matter):
                bearing = False
                break  # "money for the fund"
            others_act = others_act or _someone_elses(t, span, mentioned, matter)
            prev, t = t, t.head
        if bearing:
            votes.append(sign)
    if votes:
        total = sum(votes)
        return (1 if total > 0 else -1 if total < 0 else votes[0]), True
    if any(_other_kind(t, matter) for t in span):
        return 0, False  # "rejected voluntary targets": another kind than the one asked about
    if mentions:
        # the matter is named but nothing on its way to the main verb takes a position on it:
        # a negation elsewhere in the sentence ("costs may not be limited to the $20bn planned
        # for the fund") is not about it
        return 0, False
    root = span.root
    if _uncertain(root) or withholds(root) or _refusal_of_telling(root):
        return 0, False
    neg = negation_count(root, predicates=False)
    for verb in [root] + [c for c in root.children if c.dep_ in {"conj", "advcl", "ccomp", "xcomp"}]:
        if verb.i != root.i and (_open_or_conditional(verb) or withholds(verb)
                                 or any(c.dep_ == "aux" and c.lower_ in POSSIBILITY
                                        for c in verb.children)):
            continue  # "if the president had approved", "could achieve": no side held
        sign = (-1) ** negation_count(verb, predicates=False)
        if _thing_does(verb):
            # "the move would only worsen the crisis and encourage terrorists": what the thing
            # pointed at does, not a side the speaker takes with "encourage"; only harm done
            # says one (against it)
            if lemma(verb) in WORSENING or (lemma(verb) in CONSEQUENCE_VERBS and any(
                    lemma(x) in HARM for x in verb.subtree if x.i > verb.i)):
                return -sign, True
            if lemma(verb) in BETTERING:
                return sign, True  # "it would help the company survive"
            continue
        # a passage that does not name the matter takes its side on what the story proposes,
        # the question as asked ("CPVPV denies the story" of a ban): when the question asks
        # about stopping a thing, the caller turns the sign round, so it is turned here first
        if _is_cue(verb, AGAINST):
            return _as_asked(-sign, matter), True
        if _is_cue(verb, FAVOR):
            return _as_asked(sign, matter), True
    # a bare negation is a side only on the question's act or a verb standing in for it ("we
    # will not do it", "it won't happen"); "that can't help but affect you" negates another act
    objects = [c for c in root.children if c.dep_ == "dobj"]
    if objects and objects[0].pos_ != "PRON" and lemma(objects[0]) not in _matter_words(matter):
        return 0, False  # "it didn't have an areola": the act done to another thing
    if neg % 2 and lemma(root) in set(matter.get("acts", ())):
        return -1, True  # "will not keep it": against the thing the matter is
    acts = set(matter.get("stop_acts", ())) | {matter.get("verb")}
    if neg % 2 and (lemma(root) in acts or lemma(root) in PRO_VERBS):
        return _as_asked(-1, matter), True
    return 0, False


def _as_asked(sign: int, matter: dict) -> int:
    """A side on the question as asked, in the sign the matter is read in (turned round when
    the question asks about stopping the thing: ``matter["inverted"]``)."""
    return -sign if matter.get("inverted") else sign


def _thing_does(verb) -> bool:
    """Whether the verb's subject is the thing under discussion pointed back at ("the move",
    "it"), or the subject of the clause it is a conjunct of."""
    holder = verb
    while holder.dep_ == "conj" and not any(c.dep_ in ("nsubj", "nsubjpass")
                                            for c in holder.children):
        holder = holder.head
    subject = next((c for c in holder.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    return subject is not None and (lemma(subject) in PROPOSAL_NOUNS or subject.lower_ in {
        "it", "this"})


# Verbs of harm done by a thing: its doing them is a case against it.
WORSENING = {"worsen", "undermine", "damage", "hurt", "harm", "jeopardise", "jeopardize",
             "destabilise", "destabilize", "inflame", "fuel", "aggravate", "exacerbate",
             "complicate", "wreck", "derail", "backfire"}

# ... and of good done: its doing them is a case for it.
BETTERING = {"help", "benefit", "improve", "ease", "save", "strengthen", "protect", "boost",
             "stabilise", "stabilize", "succeed", "resolve", "calm"}

PROPOSAL_NOUNS = {"idea", "plan", "proposal", "suggestion", "option", "move", "prospect",
                  "possibility", "initiative", "notion", "scenario"}


# Words that make an act a proposal or decision under discussion rather than an event that
# happened ("calls for sending troops", "the plan to close the plant", "will not send").
DELIBERATION = {"consider", "propose", "plan", "call", "urge", "demand", "seek", "push",
                "suggest", "rule", "reject", "support", "oppose", "approve", "back", "vote",
                "decide", "refuse", "agree", "pledge", "promise", "intend", "ban", "block",
                "weigh", "debate"}

STANCE_VERBS = (lexicon.SAYING_VERBS | lexicon.HOLDING_VERBS | FAVOR | AGAINST | DELIBERATION
                | {"fire", "hit", "insist", "stand", "oppose", "voice", "express", "renew"})
