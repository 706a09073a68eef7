"""Which actors may hold a stance: a real person or organisation whose name the parse kept
whole, never the outlet reporting the story (split from ``stories.stance``).

The people stage lists every name it finds; a stance needs more. Names glued across a line
break or a timestamp ("Fitch BP", "BST Tony Blair", "Tony Hayward BP"), an event's edition
("VI Congress of ...") and the outlets or agencies that report ("Reuters news agency", "Radio
Cooperativa", an article's ``source``) are left unjudged (``stance`` None): what they "hold"
is what they report or a neighbour's statement.
"""
from __future__ import annotations

import re

from newsweave import lexicon
from newsweave.model import Actor, Article

# Words that make a name an outlet's ("Reuters news agency", "Radio Cooperativa").
OUTLET_WORDS = lexicon.OUTLET_NOUNS | {"news", "agency", "newspaper", "network", "wire",
                                       "gazette", "herald", "tribune", "times", "journal"}
# Wire services named without an outlet word.
WIRE_SERVICES = {"reuters", "ap", "afp", "associated press", "agence france-presse", "upi",
                 "bloomberg", "dpa", "xinhua", "efe", "ansa", "itar-tass", "interfax"}
# An edition's number before a name ("VI Congress", "2nd Summit"): an event, not an actor.
_EDITION = re.compile(r"^(?:[IVXLC]{1,5}|\d+(?:st|nd|rd|th))\s", re.UNICODE)


def _words(name: str) -> list[str]:
    return re.sub(r"^(the)\s+", "", name.strip(), flags=re.IGNORECASE).split()


def is_outlet(actor: Actor, sources: set[str]) -> bool:
    """An outlet or agency that reports the story: its name has an outlet word, is a wire
    service, or is the ``source`` of an article."""
    low = " ".join(_words(actor.name)).lower()
    words = set(low.split())
    return bool(words & OUTLET_WORDS) or low in WIRE_SERVICES or low in sources


def glued(actor: Actor, others: list[Actor]) -> bool:
    """A name made of another actor's whole name and one more token ("BST Tony Blair", "Tony
    Hayward BP", "Fitch BP"): a timestamp, a byline or a line break glued to a name. The other
    name counts when it is an organisation's, an acronym ("BP") or a full (two-word or longer)
    person's name, so "Tony Blair" next to "Blair" stays."""
    words = _words(actor.name)
    if len(words) < 2:
        return False
    own = {actor.name, *actor.aliases}
    for other in others:
        if other.name in own or other is actor:
            continue
        theirs = _words(other.name)
        acronym = len(theirs) == 1 and theirs[0].isupper() and len(theirs[0]) > 1
        if other.type != "organisation" and len(theirs) < 2 and not acronym:
            continue
        if len(words) == len(theirs) + 1 and (words[1:] == theirs or words[:-1] == theirs):
            return True
    return False


# Letters after a person's name that belong to it ("John Smith MP", "Henry Ford III").
POST_NOMINALS = {"MP", "MEP", "MSP", "QC", "KC", "MD", "PHD", "OBE", "CBE", "MBE", "KBE",
                 "JR", "SR", "II", "III", "IV"}
# An acronym standing alone this often in the story is a name of its own ("BP"), so a person's
# name ending in it ("Bill BP") is a byline or a line glued to it.
MIN_ACRONYM_USES = 3


def acronym_tail(actor: Actor, texts: list[str]) -> bool:
    """A person's name ending in an acronym that the story uses on its own ("Fitch BP")."""
    words = _words(actor.name)
    if actor.type != "person" or len(words) < 2:
        return False
    tail = words[-1]
    if not (tail.isupper() and tail.isalpha() and len(tail) > 1) or tail in POST_NOMINALS:
        return False
    # uses of the acronym not inside this name
    pattern = re.compile(r"(?<!" + re.escape(words[-2]) + r" )\b" + re.escape(tail) + r"\b")
    uses = sum(len(pattern.findall(t)) for t in texts)
    return uses >= MIN_ACRONYM_USES


def stance_holders(actors: list[Actor], articles: list[Article],
                   texts: list[str] = ()) -> list[bool]:
    """For each actor, whether a stance may be judged for them (``texts``: the story's
    articles' texts, to tell an acronym of its own)."""
    sources = {a.meta.source.strip().lower() for a in articles if a.meta and a.meta.source}
    return [not (is_outlet(a, sources) or glued(a, actors) or acronym_tail(a, list(texts))
                 or _EDITION.match(a.name.strip())) for a in actors]
