"""Coded errors: every error names the input, the reason and the fix.

Codes: E0xx ingest, E1xx nlp, E2xx stories, E3xx output/API.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass
class NewsweaveError(Exception):
    """An error a user can act on.

    >>> str(NewsweaveError("E001", "a.txt", "the file is empty", "give a file with text"))
    'E001 a.txt: the file is empty (fix: give a file with text)'
    """

    code: str
    input: str
    reason: str
    fix: str = ""

    def __str__(self) -> str:
        tail = f" (fix: {self.fix})" if self.fix else ""
        return f"{self.code} {self.input}: {self.reason}{tail}"

    def to_dict(self) -> dict[str, str]:
        """The one error shape used by the briefing's `skipped` list, the CLI and the API."""
        reason = self.reason + (f"; fix: {self.fix}" if self.fix else "")
        return {"input": self.input, "code": self.code, "reason": reason}


# Ingest (E0xx)
EMPTY = "E001"
BINARY = "E002"
BAD_ENCODING = "E003"
TOO_LARGE = "E004"
UNKNOWN_FORMAT = "E005"
BAD_HTML = "E006"
BAD_JSONL = "E007"
BAD_FEED = "E008"
BAD_WARC = "E009"
NOT_ENGLISH = "E010"
NOT_FOUND = "E011"
NO_TEXT = "E012"
BAD_META = "E013"
DUPLICATE_ID = "E014"
UNREADABLE = "E015"
HIDDEN = "E016"  # a hidden file or folder (name starting with "."), not read
LINK_NOT_FOLLOWED = "E017"  # a symlink leaving the input folder, or looping back into it
# The feed watcher (newsweave watch); numbered apart from the readers' codes.
UNREACHABLE = "E020"      # a feed or page did not answer, or answered with an HTTP error
URL_REFUSED = "E021"      # not http(s), or a private/loopback address from a public document
ROBOTS_DISALLOWED = "E022"  # robots.txt does not let newsweave fetch the page

# NLP (E1xx)
STAGE_FAILED = "E101"
TOO_LONG_FOR_NLP = "E102"
MISSING_MODEL = "E103"
OVER_BUDGET = "E104"  # the per-article stages ran over [pipeline] article_seconds

# Stories (E2xx)
STORY_STAGE_FAILED = "E201"
UNKNOWN_STORY = "E202"

# Output / API / config (E3xx)
BAD_CONFIG = "E301"
CANNOT_WRITE = "E302"
NO_USABLE_INPUT = "E303"
PIPELINE_ORDER = "E304"
STORE_BUSY = "E306"  # another run holds the database's writer lock
BAD_BRIEFING = "E305"  # a briefing file that cannot be read or lacks a key an export needs
