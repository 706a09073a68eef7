"""The comparable parts of two statements: polarity, numbers of one unit, dates, the members of
one acting group. Each test says whether the parts *can* be compared and, if so, whether they
differ; whether the two statements are about the same matter is decided by the caller.

>>> n = lambda v, u: {"value": v, "unit": u, "text": str(v)}
>>> bool(numbers_conflict({"numbers": [n(20, "leader")]}, {"numbers": [n(35, "leader")]}))
True
"""
from __future__ import annotations

import math
import re

from newsweave.stories.statements import same_entity

# Predicates too general to say two statements are about the same act.
LIGHT_PREDICATES = {None, "be", "have", "do", "make", "get", "say", "take", "go"}
# Opposite negation at this similarity is a contradiction even with different predicates.
NEGATION_SIMILARITY = 0.8
REL_NUMBER_TOLERANCE = 0.01  # exact numbers must match to 1 % (25 % when either is approximate)


def numbers_differ(a: dict, b: dict) -> list[tuple[dict, dict]]:
    """Pairs of numbers, one from each statement, with the same unit and different values (the
    loose test that keeps two statements from being one claim).

    >>> n = lambda v, u, approx=False: {"value": v, "unit": u, "approx": approx, "text": str(v)}
    >>> len(numbers_differ({"numbers": [n(20, "leader")]}, {"numbers": [n(35, "leader")]}))
    1
    >>> numbers_differ({"numbers": [n(20, "leader", True)]}, {"numbers": [n(22, "leader")]})
    []
    """
    out = []
    for na in a.get("numbers", ()):
        for nb in b.get("numbers", ()):
            if not na.get("unit") or na.get("unit") != nb.get("unit"):
                continue
            va, vb = float(na["value"]), float(nb["value"])
            if not _bounds_clash(na, va, nb, vb):
                continue
            tolerance = 0.25 if na.get("approx") or nb.get("approx") else REL_NUMBER_TOLERANCE
            if abs(va - vb) > tolerance * max(abs(va), abs(vb), 1e-9):
                # the same unit may hold other equal numbers: then this pair is not the point
                if not any(float(x["value"]) == vb for x in a["numbers"] if x.get("unit") == nb["unit"]):
                    out.append((na, nb))
    return out


def numbers_conflict(a: dict, b: dict) -> list[tuple[dict, dict]]:
    """Numbers that contradict: for a unit that each statement counts exactly once, values
    that differ beyond rounding and bounds. A statement with several numbers of one unit ("12
    Somali and 11 Yemeni pirates", "seven rifles and two other rifles") cannot be matched number
    to number, so it is not compared at all.

    >>> n = lambda v, u: {"value": v, "unit": u, "text": str(v)}
    >>> len(numbers_conflict({"numbers": [n(20, "leader")]}, {"numbers": [n(35, "leader")]}))
    1
    >>> numbers_conflict({"numbers": [n(12, "pirate"), n(11, "pirate")]},
    ...                  {"numbers": [n(23, "pirate")]})
    []
    """
    if _CONVERSION.search(a.get("text", "")) or _CONVERSION.search(b.get("text", "")):
        return []  # "$US1 million ($1.52 million)": one amount in two currencies or units
    if a.get("modality", []) != b.get("modality", []):
        return []  # "will miss the final two games" / "missed four games": two matters
    out = []
    for na, nb in numbers_differ(a, b):
        unit = na["unit"]
        if lost_scale(float(na["value"]), float(nb["value"])):
            continue  # "$990m" / "$990": one figure whose "m" was lost, not two figures
        if unit in _GENERIC_UNITS or na.get("label") or nb.get("label"):
            continue  # "stage 13" / "stage 15" name two stages; they count nothing
        if sum(1 for x in a.get("numbers", ()) if x.get("unit") == unit) == 1 and \
                sum(1 for x in b.get("numbers", ()) if x.get("unit") == unit) == 1:
            out.append((na, nb))
    return out


def lost_scale(va: float, vb: float) -> bool:
    """Whether two values are one figure with its scale (thousand, million, billion) lost on
    one side: the same digits, a ratio of a power of a thousand.

    >>> lost_scale(990e6, 990), lost_scale(1.2e9, 1.2e6), lost_scale(990, 99)
    (True, True, False)
    """
    low, high = sorted((abs(va), abs(vb)))
    if low <= 0:
        return False
    power = math.log10(high / low) / 3
    return high / low >= 999 and abs(power - round(power)) < 1e-6


# An amount followed by the same amount in other units, in brackets: "$US1 million ($1.52
# million)", "5 miles (8 km)", "€10 (£8.50)".
_CONVERSION = re.compile(r"\d[\d.,]*(?:\s*[A-Za-z]+){0,2}\s*\(\s*(?:[A-Z]{0,3}[$€£¥]|about |"
                         r"around |some |roughly )?\s*\d")
# Units too vague to say two numbers count the same thing ("money" without a currency, a
# percentage without what it is a share of).
_GENERIC_UNITS = {"money", "%", "percent", "year", "time", "number", "one", "other", "more"}


def _bounds_clash(na: dict, va: float, nb: dict, vb: float) -> bool:
    """Whether two values can contradict given their bounds: "at least 2 bodies" is consistent
    with "16 bodies", "up to 300 people" with "250 people"."""
    for n, v, other in ((na, va, vb), (nb, vb, va)):
        if n.get("bound") == "min" and other >= v:
            return False
        if n.get("bound") == "max" and other <= v:
            return False
    return True


def dates_conflict(a: dict, b: dict) -> list[tuple[dict, dict]]:
    """Pairs of normalised dates of the same precision that differ."""
    out = []
    for da in a.get("dates", ()):
        for db in b.get("dates", ()):
            va, vb = da.get("value"), db.get("value")
            if va and vb and _precision(va) == _precision(vb) and va != vb:
                out.append((da, db))
    return out


def dates_contradict(a: dict, b: dict) -> list[tuple[dict, dict]]:
    """Dates that contradict: each statement names exactly one day (a full or year-less date),
    and the days differ. A statement naming several days, or only a month or year, is not
    compared."""
    days_a = [d for d in a.get("dates", ()) if d.get("value") and _is_day(d["value"])
              and not _dateline(a, d)]
    days_b = [d for d in b.get("dates", ()) if d.get("value") and _is_day(d["value"])
              and not _dateline(b, d)]
    if len(days_a) != 1 or len(days_b) != 1:
        return []
    return dates_conflict({"dates": days_a}, {"dates": days_b})


_DATE_PREPOSITIONS = {"on", "in", "at", "by", "since", "until", "till", "before", "after",
                      "from", "during", "through", "as", "of", "for"}


def _dateline(statement: dict, date: dict) -> bool:
    """A date that opens the statement with no preposition ("Tuesday, January 18, 2005 The
    ministry said ...") is the report's dateline, not when the act happened.

    >>> _dateline({"text": "Tuesday, January 18, 2005 Rescuers found ..."},
    ...           {"text": "January 18, 2005"})
    True
    >>> _dateline({"text": "On January 18 rescuers found ..."}, {"text": "January 18"})
    False
    """
    text, found = statement.get("text", ""), date.get("text", "")
    at = text.find(found) if found else -1
    if at < 0:
        return False
    words = re.findall(r"[A-Za-z]+", text[:at])
    return all(w[0].isupper() and w.lower() not in _DATE_PREPOSITIONS for w in words)


def _is_day(value: str) -> bool:
    return _precision(value) in {"9999-99-99", "--99-99"}


def _precision(value: str) -> str:
    """The shape of a normalised date: "YYYY-MM-DD", "--MM-DD", "YYYY-MM", "YYYY"."""
    return re.sub(r"\d", "9", value)


def negation_flip(a: dict, b: dict, similarity: float = 0.0) -> bool:
    """One statement denies what the other asserts: opposite negation, and the same predicate
    or nearly the same words ("has no plans to deploy troops" / "is considering deploying
    troops")."""
    if bool(a.get("negated")) == bool(b.get("negated")):
        return False
    same = a.get("predicate") not in LIGHT_PREDICATES and a.get("predicate") == b.get("predicate")
    return same or similarity >= NEGATION_SIMILARITY


def group_difference(a: dict, b: dict) -> tuple[str, list[str], list[str]] | None:
    """The same group told with different members ("20 European leaders" / "leaders from the
    US, Canada and European nations"): (group, members only in a, members only in b)."""
    for ga in a.get("groups", ()):
        for gb in b.get("groups", ()):
            if ga["head"] != gb["head"]:
                continue
            only_a = [m for m in ga["members"] if not any(same_entity(m, x) for x in gb["members"])]
            only_b = [m for m in gb["members"] if not any(same_entity(m, x) for x in ga["members"])]
            # one name against one other is more often two namings of one group ("Royal Navy
            # personnel" / "British personnel") than two accounts of who took part
            if (only_a or only_b) and max(len(ga["members"]), len(gb["members"])) >= 2:
                return ga["head"], only_a, only_b
    return None


def agree(a: dict, b: dict, similarity: float = 0.0) -> bool:
    """Whether the parts of two similar statements are compatible (nothing in them disagrees:
    polarity, numbers of one unit, the members of one acting group)."""
    return not (negation_flip(a, b, similarity) or numbers_differ(a, b)
                or group_difference(a, b))
