"""What every command shares: one error shape, the progress bar, exit codes."""
from __future__ import annotations

import contextlib
import json
import logging
import os
import re
import sys
import unicodedata
from typing import Any, Iterator

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from newsweave import errors

err_console = Console(stderr=True, highlight=False)

# Escape sequences whole (CSI "ESC [ ... m", OSC "ESC ] ... BEL" that sets a window title, the
# C1 forms, two-character "ESC x"), so that no remnant such as "[31m" is printed either.
_ESCAPES = re.compile(r"(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]"
                      r"|(?:\x1b[\]P^_X]|[\x90\x98\x9d\x9e\x9f])[^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?"
                      r"|\x1b[ -~]?")
_SPACES = re.compile(r"\s+")


def terminal_safe(text: Any, limit: int = 2000) -> str:
    r"""``text`` as one line that cannot drive the user's terminal: escape sequences removed
    whole, then every other control (C0, C1, DEL) and format character (bidi overrides such as
    U+202E, zero-width characters) dropped; runs of whitespace (newlines, carriage returns,
    tabs, U+2028) become one space; longer than ``limit`` characters, it is cut with "…".
    Every CLI line that can hold text from an input or a file name goes through it.

    >>> terminal_safe("a\x1b[31mred\x1b[0m\r\nb\u202ec\x1b]0;owned\x07!")
    'ared bc!'
    """
    flat = _SPACES.sub(" ", _ESCAPES.sub("", str(text)))
    clean = "".join(ch for ch in flat if unicodedata.category(ch) not in ("Cc", "Cf"))
    return clean[:limit] + ("…" if len(clean) > limit else "")


def json_safe(value: Any) -> str:
    r"""One JSON line whose strings carry control and format characters as ``\uXXXX``
    escapes (json.dumps escapes C0 controls, but with ensure_ascii=False it leaves C1 controls
    and bidi overrides as they are), so JSON
    output printed to a terminal cannot drive it and reads back to the same value.

    >>> json_safe({"t": "a\u202eb\x9bc"})
    '{"t": "a\\u202eb\\u009bc"}'
    """
    line = json.dumps(value, ensure_ascii=False)
    return "".join(f"\\u{ord(ch):04x}" if ord(ch) > 0x7e and unicodedata.category(ch) in ("Cc", "Cf")
                   else ch for ch in line)


def say(message: Any) -> None:
    """Print one message on stderr, made terminal-safe, never read as rich markup."""
    text = str(message)
    indent = text[: len(text) - len(text.lstrip(" "))]
    err_console.print(indent + terminal_safe(text, limit=10_000), markup=False, highlight=False,
                      emoji=False, soft_wrap=True)

EXIT_OK = 0
EXIT_NO_INPUT = 1   # nothing could be used
EXIT_USAGE = 2      # bad arguments, config or output location
EXIT_PARTIAL = 3    # the briefing was written, but a stage failed and a section is missing


def report_error(exc: errors.NewsweaveError) -> None:
    say(f"error {exc}")


@contextlib.contextmanager
def guarded() -> Iterator[None]:
    """Turn any failure into one line on stderr and an exit code; a traceback only with
    NEWSWEAVE_DEBUG=1, since users need the reason and the fix, not our stack."""
    logging.basicConfig(level=logging.DEBUG if os.environ.get("NEWSWEAVE_DEBUG") else logging.WARNING)
    try:
        yield
    except errors.NewsweaveError as exc:
        report_error(exc)
        sys.exit(EXIT_USAGE)
    except KeyboardInterrupt:
        say("interrupted")
        sys.exit(130)
    except Exception as exc:  # noqa: BLE001
        if os.environ.get("NEWSWEAVE_DEBUG"):
            raise
        say(f"error E999 internal: {type(exc).__name__}: {exc} "
            "(fix: rerun with NEWSWEAVE_DEBUG=1 and report the traceback)")
        sys.exit(EXIT_USAGE)


@contextlib.contextmanager
def progress_bar(quiet: bool):
    """Yield a callback `(label, done, total)` drawing a progress bar on stderr (none if quiet or
    stderr is not a terminal-like stream that wants one)."""
    if quiet:
        yield None
        return
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
               TimeElapsedColumn())
    with Progress(*columns, console=err_console, transient=True) as bar:
        tasks: dict[str, int] = {}

        def update(label: str, done: int, total: int | None) -> None:
            if label not in tasks:
                tasks[label] = bar.add_task(terminal_safe(label).replace("[", "\\["), total=total)
            bar.update(tasks[label], completed=done, total=total)

        yield update


def print_stage_failures(warnings: list[dict]) -> None:
    """Stage failures are printed even with --quiet: a briefing that lost a section must say so
    where the user is looking, not only inside the report."""
    if not warnings:
        return
    say(f"{len(warnings)} stage failure(s); the briefing lacks these sections:")
    for entry in warnings:
        say(f"  {entry['code']} {entry['input']}: {entry['reason']}")


def print_skipped(skipped: list[dict], quiet: bool) -> None:
    if quiet or not skipped:
        return
    say(f"skipped {len(skipped)} input(s):")
    for entry in skipped:
        say(f"  {entry['code']} {entry['input']}: {entry['reason']}")
