"""Briefing → files: JSON (the facts), Markdown and one self-contained HTML page (renderings).

>>> from newsweave.report import render_markdown, render_html, write_briefing
"""
from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

from newsweave import errors
from newsweave.report.html import render_html
from newsweave.report.markdown import render_markdown

__all__ = ["briefing_json", "render_html", "render_markdown", "write_briefing"]

FILE_NAMES = {"json": "briefing.json", "md": "briefing.md", "html": "briefing.html"}


def briefing_json(briefing: dict) -> str:
    """The briefing as JSON text, without the articles' ``raw`` text (readers take it from the files).

    >>> briefing_json({"articles": [{"id": "a", "raw": "long text"}]})
    '{\\n  "articles": [\\n    {\\n      "id": "a"\\n    }\\n  ]\\n}\\n'
    """
    slim = dict(briefing)
    if isinstance(briefing.get("articles"), list):
        slim["articles"] = [
            {k: v for k, v in a.items() if k != "raw"} if isinstance(a, dict) else a
            for a in briefing["articles"]
        ]
    # default=str: a datetime left in meta should not cost the user the whole report.
    return json.dumps(slim, ensure_ascii=False, indent=2, default=str) + "\n"


def _write_atomic(path: Path, content: str) -> None:
    # A crash or full disk leaves the previous file whole rather than a truncated one.
    handle, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        os.chmod(temp, 0o644)  # mkstemp makes it private; a report is meant to be shared
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as out:
            out.write(content)
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def write_briefing(briefing: dict, out_dir: Path) -> dict[str, Path]:
    """Write ``briefing.json``, ``briefing.md`` and ``briefing.html`` into ``out_dir``.

    Returns the written paths under the keys ``"json"``, ``"md"`` and ``"html"``.
    Raises ``NewsweaveError`` (E302) when the directory cannot be created or written.

    >>> import tempfile
    >>> paths = write_briefing({"stories": [], "skipped": []}, Path(tempfile.mkdtemp()) / "out")
    >>> sorted(p.name for p in paths.values())
    ['briefing.html', 'briefing.json', 'briefing.md']
    """
    out_dir = Path(out_dir)
    # Render first: a rendering bug must not leave a half-written set of files behind.
    contents = {
        "json": briefing_json(briefing),
        "md": render_markdown(briefing),
        "html": render_html(briefing),
    }
    paths = {kind: out_dir / name for kind, name in FILE_NAMES.items()}
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        for kind, content in contents.items():
            _write_atomic(paths[kind], content)
    except OSError as error:
        raise errors.NewsweaveError(
            errors.CANNOT_WRITE,
            str(out_dir),
            f"cannot write the briefing there: {error.strerror or error}",
            "choose a directory you can write to, or free some disk space",
        ) from error
    return paths
