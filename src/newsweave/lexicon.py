"""The word lists shared by the language modules: pronouns, negators, month and weekday names,
reporting verbs and nouns, the nouns that name people, organisations, documents and outlets,
and what the text can say of a person's gender.

One place, so that a word added for one reader of the text (quotes, speakers, stances, claims,
dates) is seen by the others. A module that needs a wider or narrower set builds it from these
and says why. Lists are English: newsweave reads English news (``ingest.language``).
"""
from __future__ import annotations

from typing import Literal

Gender = Literal["female", "male"]

# Words that negate what follows; modules add the ones their reading needs ("without", "nor").
NEGATORS = frozenset({"no", "never", "not", "n't", "nothing", "none", "nobody", "neither"})

PERSON_PRONOUNS = {"he", "she", "him", "her", "i", "me", "his"}

GROUP_PRONOUNS = {"they", "we", "them", "us", "it"}

RELATIVE_PRONOUNS = {"who", "which", "that", "whom"}

# The tags of a finite verb (or a modal): a clause of its own has one, a statement asserts
# something at some time.
FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})

# Adverbs by which the writer passes on what others say ("reportedly told aides"): no one's
# own words or position.
SECOND_HAND = frozenset({"reportedly", "allegedly", "purportedly", "supposedly", "apparently"})

# Head nouns of speakers that are institutions ("Sunak's office", "the Italian government").
ORG_NOUNS = {"office", "government", "ministry", "department", "administration", "campaign",
             "committee", "council", "agency", "party", "embassy", "police", "army", "court",
             "commission", "parliament", "congress", "senate", "company", "group", "union",
             "alliance", "kremlin", "cabinet", "network", "newspaper",
             "board", "firm", "bank", "organization", "organisation", "institute", "team",
             "coalition", "service", "authority", "authorities", "regime", "military",
             "state", "city", "county", "school", "university", "club"}

# Texts and recordings: they "say" things, but the actor is their author, when named.
DOCUMENT_NOUNS = {"report", "reports", "statement", "statements", "ad", "ads", "advertisement",
                  "video", "videos", "footage", "poll", "polls", "survey", "study", "studies",
                  "letter", "memo", "email", "emails", "tweet", "tweets", "post", "document",
                  "documents", "data", "figures", "analysis", "release", "filing", "complaint",
                  "lawsuit", "book", "article", "story", "editorial", "column", "records",
                  "transcript", "spot", "speech", "interview", "platform", "bill", "law",
                  "ruling", "order", "decision", "policy", "plan", "proposal", "research",
                  "paper", "website", "message", "note", "account", "review", "audit",
                  "investigation", "indictment", "endorsement", "endorsements", "comments",
                  "remarks", "testimony", "announcement"}

# Nominals that denote people ("the spokesman", "officials", "critics").
PEOPLE_NOUNS = {
    "spokesman", "spokeswoman", "spokesperson", "spokespeople", "president", "minister",
    "chancellor", "secretary", "official", "officials", "senator", "senators", "governor",
    "mayor", "leader", "leaders", "chief", "director", "ambassador", "envoy", "diplomat",
    "diplomats", "aide", "aides", "adviser", "advisers", "advisor", "advisors", "premier",
    "representative", "representatives", "congressman", "congresswoman", "candidate",
    "candidates", "nominee", "chairman", "chairwoman", "head", "commander", "general",
    "prosecutor", "prosecutors", "attorney", "attorneys", "judge", "judges", "analyst",
    "analysts", "expert", "experts", "source", "sources", "lawmaker", "lawmakers", "person",
    "people", "insider", "insiders", "staffer", "staffers", "member", "members", "someone",
    "observers", "critics", "critic", "supporters", "opponents", "activists", "activist",
    "protesters", "voters", "residents", "resident", "witnesses", "witness", "investigators",
    "researchers", "scientists", "economists", "doctors", "officer", "officers", "executive",
    "executives", "founder", "owner", "manager", "spokesmen", "democrats", "republicans",
    "man", "woman", "men", "women", "parents", "students", "teachers", "workers", "employees",
    "administrators", "colleagues", "friends", "family", "father", "mother", "son", "daughter",
    "wife", "husband", "everyone", "anyone", "nobody", "one", "others", "many", "some",
    "veterans", "citizens", "americans", "politicians", "republican", "democrat", "surrogate",
    "surrogates", "allies", "ally", "rival", "rivals", "official's", "reporter", "reporters",
    "journalist", "journalists", "host", "moderator", "narrator", "writer", "author", "pundits",
}

# Words of an occasion people take part in (verbs and their nouns): who took part in it is a
# fact two reports can tell differently.
GATHERING_WORDS = frozenset({
    "meet", "meeting", "gather", "gathering", "attend", "attendance", "summit", "conference",
    "convene", "talks", "negotiation", "negotiations", "participate", "participant",
    "participation", "join", "assemble", "assembly", "session", "rally", "ceremony",
    "funeral", "hearing", "visit", "delegation", "vote", "election", "coalition"})
# Verbs whose object is the one told ("told reporters", "assured the court").
TELLING_VERBS = {"tell", "inform", "assure", "remind", "brief", "advise", "notify", "reassure"}

# Outlets told things ("told the magazine"); ORG_NOUNS has "newspaper" and "network".
OUTLET_NOUNS = {"magazine", "paper", "station", "channel", "broadcaster", "outlet", "website",
                "site", "radio", "television", "tv", "press", "media", "tabloid", "daily",
                "weekly", "publication", "blog", "podcast", "show", "program", "programme"}

# Lemmas of verbs that report what someone said or wrote (or refused to say).
SAYING_VERBS = {
    "say", "tell", "add", "state", "announce", "claim", "insist", "deny", "confirm", "report",
    "warn", "write", "describe", "call", "label", "brand", "characterize", "characterise",
    "explain", "note", "argue", "accuse", "ask", "decline", "refuse", "reply", "respond",
    "comment", "acknowledge", "admit", "allege", "assert", "contend", "declare", "maintain",
    "predict", "promise", "pledge", "vow", "suggest", "urge", "demand", "testify", "tweet",
    "post", "stress", "emphasize", "emphasise", "observe", "remark", "recall", "reveal",
    "disclose", "concede", "complain", "criticize", "criticise", "condemn", "praise", "blame",
    "question", "dispute", "reject", "dismiss", "recommend", "propose", "threaten", "caution",
    "agree", "disagree", "counter", "repeat", "reiterate", "hail", "welcome", "apologize",
    "apologise", "thank", "rule", "conclude", "order", "quote", "cite", "estimate", "mention",
    "indicate", "assure", "inform", "advise", "boast", "joke", "charge", "point", "concur",
    "speak", "answer", "retort", "shout", "yell", "whisper", "plead", "appeal", "object",
    "protest", "request", "specify", "signal", "acknowledge", "guarantee", "forecast",
    "project", "summarize", "summarise", "recount", "relate", "publish", "clarify",
    "underscore", "deem", "term", "dub", "affirm", "reaffirm", "highlight", "elaborate",
    "insinuate", "imply", "hint", "lament", "concur", "pronounce", "proclaim", "swear",
    "certify", "attest", "contradict", "refute", "rebut", "deplore", "decry", "denounce",
    "applaud", "commend", "lambast", "slam", "blast", "attack", "defend", "justify",
    "recommend", "advocate", "pressure", "press", "caution", "forewarn", "notify", "brief",
    "acknowledge", "grant", "allow", "stipulate", "specify", "outline", "detail", "list",
    "describe", "portray", "frame", "quip", "muse", "scoff", "sneer", "complain", "grumble",
}

# Beliefs and expectations: a position when a named person or body holds them.
HOLDING_VERBS = {"believe", "think", "expect", "hope", "fear", "worry", "feel", "doubt", "want",
           "wish", "intend", "plan", "anticipate", "suspect", "assume", "reckon", "trust",
           "consider", "view", "regard", "see", "estimate", "judge", "assess", "find"}

# Nouns that carry what someone said ("his statement that ..."), and attitudes held.
SAYING_NOUNS = {"statement", "claim", "assertion", "warning", "promise", "pledge", "vow",
                "accusation", "allegation", "denial", "announcement", "comment", "remark",
                "argument", "insistence", "suggestion", "admission", "testimony", "prediction",
                "assurance", "demand", "declaration", "charge", "complaint", "threat"}

HOLDING_NOUNS = {"belief", "view", "fear", "hope", "concern", "expectation", "opinion",
                 "conviction", "position", "assessment", "doubt"}

HOLDING_ADJECTIVES = {"confident", "sure", "certain", "convinced", "optimistic", "pessimistic",
                      "hopeful", "worried", "concerned", "afraid", "adamant", "skeptical",
                      "sceptical", "doubtful", "insistent"}

FIRST_PERSON = {"i", "we", "me", "us", "my", "our"}

PRONOUN_GENDER: dict[str, Gender] = {
    "he": "male", "him": "male", "his": "male", "himself": "male",
    "she": "female", "her": "female", "hers": "female", "herself": "female",
}

HONORIFIC_GENDER: dict[str, Gender] = {
    "mr": "male", "messrs": "male", "sir": "male", "lord": "male",
    "mrs": "female", "ms": "female", "miss": "female", "mme": "female", "mmes": "female",
    "dame": "female", "lady": "female",
}

# Role nouns that name one gender in news English ("actor" and "chairman" are used for both).
ROLE_GENDER: dict[str, Gender] = {
    **dict.fromkeys(
        "actress spokeswoman chairwoman congresswoman businesswoman councilwoman "
        "policewoman sportswoman anchorwoman stateswoman mother wife daughter sister "
        "grandmother granddaughter aunt niece queen princess duchess countess empress "
        "girlfriend widow bride heiress waitress songstress".split(), "female"),
    **dict.fromkeys(
        "spokesman congressman businessman councilman policeman sportsman anchorman "
        "statesman father husband son brother grandfather grandson uncle nephew king "
        "prince duke emperor boyfriend widower groom heir".split(), "male"),
}

# Nouns for one person of a known gender: the role nouns, and the plain words for a woman or a
# man, which are too common to tell a named person's gender ("the man who ...") but do say whom
# a later "she" or "he" can mean.
PERSON_NOUN_GENDER: dict[str, Gender] = {
    **ROLE_GENDER,
    **dict.fromkeys("woman girl lady mom mum mother grandma".split(), "female"),
    **dict.fromkeys("man boy gentleman dad father grandpa".split(), "male"),
}

# Common English short forms of given names, each group one name ("Jim Mattis" is "James
# Mattis"). Only forms a reader would agree on; a short form that belongs to two names ("Chris":
# Christopher, Christine) is in both groups, so it matches either, never the two with each other.
GIVEN_NAME_FORMS: tuple[frozenset[str], ...] = tuple(frozenset(g.split()) for g in (
    "james jim jimmy jamie", "robert bob bobby rob robbie bert", "william bill billy will willie",
    "michael mike mick mickey", "thomas tom tommy", "joseph joe joey", "daniel dan danny",
    "david dave davey", "steven stephen steve stevie", "christopher chris kit",
    "anthony tony", "benjamin ben benny", "nicholas nick nicky", "richard rick ricky dick rich",
    "edward ed eddie ted teddy ned", "charles charlie chuck chas", "john jack johnny",
    "elizabeth liz lizzie beth betsy betty eliza", "katherine catherine kathryn kate katie kathy",
    "margaret maggie meg peggy", "patricia pat patty trish", "patrick pat paddy",
    "samuel sam sammy", "alexander alex sandy", "andrew andy drew", "gregory greg",
    "jeffrey geoffrey jeff geoff", "kenneth ken kenny", "lawrence laurence larry",
    "leonard len lenny leo", "matthew matt", "peter pete", "philip phillip phil",
    "raymond ray", "ronald ron ronnie", "timothy tim timmy", "walter walt", "donald don donnie",
    "gerald gerry jerry", "frederick fred freddie", "harold hal harry", "henry hank harry",
    "albert al bert", "alfred al alf", "douglas doug", "jonathan jon", "nathaniel nate nat",
    "susan sue susie", "deborah debra deb debbie", "jennifer jen jenny", "rebecca becky",
    "victoria vicky tori", "christine christina chris chrissy", "barbara barb barbie",
    "dorothy dot dottie", "judith judy", "kimberly kim", "cynthia cindy", "pamela pam",
    "abigail abby", "theodore ted teddy theo", "vincent vince", "zachary zach zack",
    "stanley stan", "franklin frank", "francis frank", "eugene gene", "jeremy jerry",
    "louis lou", "victor vic", "jessica jess", "angela angie", "jacqueline jackie",
))

MONTH_NUMBERS = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4, "april": 4,
    "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8, "sep": 9,
    "sept": 9, "september": 9, "oct": 10, "october": 10, "nov": 11, "november": 11,
    "dec": 12, "december": 12,
}

WEEKDAY_NUMBERS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4,
             "saturday": 5, "sunday": 6}

# Full month names in calendar order.
MONTH_NAMES = ("january", "february", "march", "april", "may", "june", "july", "august",
               "september", "october", "november", "december")

# Modals of possibility: what they govern may happen (or may have), nobody holds or plans it.
POSSIBILITY_MODALS = frozenset({"could", "may", "might"})
