"""Text cleanup that keeps an offset map back to the raw text.

The models see cleaned text; users see raw offsets. Every kept character of the cleaned text
remembers the raw index it came from, so nothing found in cleaned text loses its evidence.
"""
from __future__ import annotations

import re
from typing import Sequence

# Unicode spaces that read as a plain space (the example corpus carries no-break spaces).
_SPACES = dict.fromkeys(
    map(ord, "\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"
        "\u202f\u205f\u3000\t\x0b\x0c"),
    " ",
)
# Characters with no visible width that only get in the models' way.
_INVISIBLE = set("\u200b\u200c\u200d\u2060\ufeff\u00ad")
_DROP_INVISIBLE = dict.fromkeys(map(ord, _INVISIBLE))
# Whitespace that cleanup changes: runs, tabs, no-break and other unicode spaces.
_MESSY_SPACE = re.compile(r"\s{2,}|[^\S ]")
# A line's runs of visible characters, of spaces, and of invisible characters.
_RUNS = re.compile(
    "[^\\s{0}]+|\\s+|[{0}]+".format("".join(sorted(_INVISIBLE)))
)

# Lines that are page furniture, not news. Each pattern matches a whole (stripped) line; the
# patterns name the kind of furniture so that a real sentence mentioning "read" stays.
BOILERPLATE_LINE_PATTERNS: tuple[str, ...] = (
    r"(read|see) (also|more)\s*:?.{0,120}",
    r"(related|recommended)( articles?| stories| reading)?\s*:.{0,200}",
    r"(written|reported|edited|compiled) by [\w .,'’-]{2,80}",
    r"by [A-Z][\w.'’-]+( [A-Z][\w.'’-]+){0,3}",
    r"(image|photo|picture|photograph|video|illustration|graphic)s?\b.{0,40}"
    r"\b(licen[cs]ed|credit|courtesy|copyright|creative commons|via|source|getty|reuters|ap photo|afp)\b.*",
    r"(image|photo|picture)s? ?(credit|source)?\s*:.{0,150}",
    r"(©|\(c\)|copyright\b).{0,150}",
    r"all rights reserved\.?.{0,80}",
    r"(share|tweet|email|print|like)( this)?( (article|story|post|page))?( on [\w ,]+)?[.!]?",
    r"(share on|follow us on|subscribe to|sign up for|click here|download our app).{0,150}",
    r"advertisement|sponsored( content)?|continue reading|show comments|comments?",
)
_BOILERPLATE = re.compile(
    "|".join(f"(?:{p})" for p in BOILERPLATE_LINE_PATTERNS), re.IGNORECASE
)


def is_boilerplate(line: str) -> bool:
    """True when a whole line is page furniture rather than news.

    >>> is_boilerplate("Written by B.C. Begley"), is_boilerplate("Read also:")
    (True, True)
    >>> is_boilerplate("He wrote a letter read by millions.")
    False
    """
    stripped = line.strip()
    return bool(stripped) and _BOILERPLATE.fullmatch(stripped) is not None


def clean_text(
    raw: str, *, drop_boilerplate: bool = True, max_chars: int | None = None
) -> tuple[str, list[int]]:
    """Return ``(text, offsets)``: cleaned text and, for each of its characters, the raw index.

    ``offsets`` has ``len(text) + 1`` entries; the last is the raw index after the last kept
    character. Line breaks are normalised, unicode spaces become plain spaces, invisible
    characters go, runs of blank lines become one blank line, boilerplate lines are dropped and
    each line is stripped.

    With ``max_chars``, cleaning stops once the text is longer than that: a caller that refuses
    longer texts learns so without cleaning (and mapping) a whole 20 MB file.

    >>> raw = "Title\\r\\n\\r\\n\\r\\nBody\\u00a0text.\\nRead also:\\n"
    >>> text, offsets = clean_text(raw)
    >>> text
    'Title\\n\\nBody text.'
    >>> offsets[7], raw[offsets[7]], len(offsets) == len(text) + 1
    (11, 'B', True)
    >>> clean_text("one two three", max_chars=3)[0]
    'one '
    """
    out: list[str] = []
    offsets: list[int] = []
    pending_break = 0  # newlines owed before the next kept line (0, 1 or 2)
    pending_at = 0
    for start, line in _lines(raw):
        if max_chars is not None and len(offsets) > max_chars:
            break
        visible = line.translate(_DROP_INVISIBLE)
        if not visible.strip():
            if out:
                pending_break = 2
            continue
        if drop_boilerplate and is_boilerplate(visible.translate(_SPACES)):
            continue
        lead = len(line) - len(line.lstrip())
        body = line.strip()
        if out and pending_break:
            for _ in range(pending_break):
                out.append("\n")
                offsets.append(pending_at)
        begin = start + lead
        line_begin = len(out)
        if visible == line and not _MESSY_SPACE.search(body):  # the common case, kept whole
            if max_chars is not None:
                body = body[: max(max_chars - len(offsets) + 1, 0)]
            out.append(body)
            offsets.extend(range(begin, begin + len(body)))
            pending_break = 1
            pending_at = start + len(line)
            continue
        prev_space = True  # no space at the start of a line, even after an invisible character
        for run in _RUNS.finditer(body):
            if max_chars is not None and len(offsets) > max_chars:
                break
            first = run.group()[0]
            if first in _INVISIBLE:
                continue
            if first.isspace():
                if not prev_space:
                    out.append(" ")
                    offsets.append(begin + run.start())
                    prev_space = True
                continue
            out.append(run.group())
            offsets.extend(range(begin + run.start(), begin + run.end()))
            prev_space = False
        while len(out) > line_begin and out[-1] == " ":  # a space left before an invisible char
            out.pop()
            offsets.pop()
        pending_break = 1
        pending_at = start + len(line)
    text = "".join(out)
    end = offsets[-1] + 1 if offsets else 0
    offsets.append(end)
    return text, offsets


def _lines(raw: str):
    """Yield ``(start, line)`` for each line, without its line break (\\n, \\r\\n or \\r)."""
    pos = 0
    for match in re.finditer(r"\r\n|\r|\n", raw):
        yield pos, raw[pos : match.start()]
        pos = match.end()
    if pos < len(raw):
        yield pos, raw[pos:]


def clean_mapped(
    text: str, starts: Sequence[int], ends: Sequence[int] | None = None, *,
    drop_boilerplate: bool = True, max_chars: int | None = None,
) -> tuple[str, list[int]]:
    """Clean a text whose characters already map into some raw text, and compose the two maps.

    ``starts[i]`` is the raw index where ``text[i]`` begins (HTML visible text, Markdown with its
    syntax removed); ``ends[i]`` the raw index after it (an entity like ``&amp;`` is five raw
    characters for one character of text); by default ``starts[i] + 1``. Returns ``(cleaned,
    offsets)`` in raw coordinates, with the same contract as :func:`clean_text`.

    >>> cleaned, offsets = clean_mapped("a  b", [3, 4, 5, 9])
    >>> cleaned, offsets
    ('a b', [3, 4, 9, 10])
    """
    if len(starts) != len(text) or (ends is not None and len(ends) != len(text)):
        raise ValueError("one raw index per character of text is needed")
    cleaned, inner = clean_text(text, drop_boilerplate=drop_boilerplate, max_chars=max_chars)
    offsets = [starts[i] for i in inner[:-1]]
    if cleaned:
        last = inner[-2]
        offsets.append(ends[last] if ends is not None else starts[last] + 1)
    else:
        offsets.append(starts[0] if starts else 0)
    return cleaned, offsets
