"""Text cleanup that keeps an offset map back to the raw text.

The models see cleaned text; users see raw offsets. Every kept character of the cleaned text
remembers the raw index it came from, so nothing found in cleaned text loses its evidence.
"""
from __future__ import annotations

import re

# Unicode spaces that read as a plain space (the example corpus carries no-break spaces).
_SPACES = dict.fromkeys(
    map(ord, "\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"
        "\u202f\u205f\u3000\t\x0b\x0c"),
    " ",
)
# Characters with no visible width that only get in the models' way.
_INVISIBLE = set("\u200b\u200c\u200d\u2060\ufeff\u00ad")

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


def clean_text(raw: str, *, drop_boilerplate: bool = True) -> tuple[str, list[int]]:
    """Return ``(text, offsets)``: cleaned text and, for each of its characters, the raw index.

    ``offsets`` has ``len(text) + 1`` entries; the last is the raw index after the last kept
    character. Line breaks are normalised, unicode spaces become plain spaces, invisible
    characters go, runs of blank lines become one blank line, boilerplate lines are dropped and
    each line is stripped.

    >>> text, offsets = clean_text("Title\\r\\n\\r\\n\\r\\nBody\\u00a0text.\\nRead also:\\n")
    >>> text
    'Title\\n\\nBody text.'
    >>> offsets[7], raw_index = offsets[7], None
    (7, None)
    """
    out: list[str] = []
    offsets: list[int] = []
    pending_break = 0  # newlines owed before the next kept line (0, 1 or 2)
    pending_at = 0
    for start, line in _lines(raw):
        if not line.strip():
            if out:
                pending_break = 2
            continue
        if drop_boilerplate and is_boilerplate(line.translate(_SPACES)):
            continue
        lead = len(line) - len(line.lstrip())
        body = line.strip()
        if out and pending_break:
            for _ in range(pending_break):
                out.append("\n")
                offsets.append(pending_at)
        begin = start + lead
        prev_space = False
        for i, ch in enumerate(body):
            if ch in _INVISIBLE:
                continue
            ch = ch.translate(_SPACES)
            if ch.isspace():
                if prev_space:
                    continue
                ch = " "
                prev_space = True
            else:
                prev_space = False
            out.append(ch)
            offsets.append(begin + i)
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
