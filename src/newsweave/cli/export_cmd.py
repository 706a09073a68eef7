"""`newsweave export`: a briefing.json → CSV + Data Package, TimelineJS, ClaimReview or Web
Annotations. Reads only the briefing file (no articles, no models)."""
from __future__ import annotations

import json
from pathlib import Path

from newsweave import errors
from newsweave.cli.common import EXIT_OK, EXIT_USAGE, say, terminal_safe  # noqa: F401

# A briefing.json leaves the articles' text out; even a large batch stays far below this.
MAX_BRIEFING_BYTES = 1 << 30

def _say(message: str) -> None:
    say(message)


def read_briefing(path: Path) -> dict:
    """The briefing JSON at ``path``; E305 when it cannot be read as JSON."""
    def bad(reason: str, fix: str = "give the briefing.json that `newsweave brief` wrote"):
        return errors.NewsweaveError(errors.BAD_BRIEFING, str(path), reason, fix)

    try:
        size = path.stat().st_size
        if path.is_dir():
            raise bad("is a folder", "give the briefing.json inside it")
        if size > MAX_BRIEFING_BYTES:
            raise bad(f"is {size / 2**20:.0f} MiB, over the {MAX_BRIEFING_BYTES >> 20} MiB "
                      "export limit", "brief fewer articles at a time")
        data = path.read_bytes()
    except FileNotFoundError:
        raise bad("no such file") from None
    except OSError as error:
        raise bad(f"cannot be read: {error.strerror or error}") from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise bad(f"is not UTF-8 text (byte {error.start})") from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise bad(f"is not valid JSON: {error.msg} at line {error.lineno}, column "
                  f"{error.colno}") from None
    except RecursionError:
        raise bad("nests too deeply to be a briefing") from None


def export_command(briefing_path: Path, *, format: str, out: str, year: int | None = None,
                   quiet: bool = False) -> int:
    """Write ``briefing_path`` in ``format`` to ``out``; return the exit code.

    Example: ``newsweave export out/briefing.json --format csv -o out/tables``
    """
    from newsweave.report.export import export

    try:
        briefing = read_briefing(Path(briefing_path))
        notes: list[str] = []
        paths = export(briefing, format, out, year=year, on_note=notes.append)
    except errors.NewsweaveError as error:
        if error.code == errors.BAD_BRIEFING and error.input == "briefing":
            error.input = str(briefing_path)  # the shape checks know the key, not the file
        _say(f"error {error}")
        return EXIT_USAGE
    if not quiet:
        for note in notes:
            _say(f"note: {note}")
        _say(f"wrote {len(paths)} file(s): " + ", ".join(str(p) for p in paths))
    return EXIT_OK
