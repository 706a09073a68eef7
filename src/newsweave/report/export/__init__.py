"""Exports: the briefing rendered in formats other tools read, from the briefing dict alone.

- ``csv``: CSV tables (stories, articles, claims, evidence, quotes, timeline, coverage) and a
  Frictionless ``datapackage.json``; ``out`` is a folder.
- ``timelinejs``: the TimelineJS sheet (18 columns) as CSV.
- ``claimreview``: schema.org ``ClaimReview`` JSON-LD, one per claim, without a verdict
  (opt-in: written only when asked for by name).
- ``annotations``: a W3C Web Annotation collection, one annotation per citation.

For the file formats ``out`` is a file, or a folder (an existing one, or a path ending in
``/``) that gets the default name. A briefing that lacks a key an export needs is an E305 error
naming the key.

>>> import tempfile
>>> folder = Path(tempfile.mkdtemp())
>>> briefing = {"schema": "newsweave/briefing@1", "articles": [], "stories": []}
>>> [p.name for p in export(briefing, "annotations", folder)]
['annotations.jsonld']
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from newsweave import errors
from newsweave.report import _write_atomic
from newsweave.report.export.annotations import annotations_document
from newsweave.report.export.claimreview import claimreview_document
from newsweave.report.export.common import jsonld_text
from newsweave.report.export.csv_export import render_csv
from newsweave.report.export.read import BriefingView
from newsweave.report.export.timelinejs import render_timelinejs

__all__ = ["FORMATS", "DEFAULT_NAMES", "Rendered", "export", "render"]

FORMATS = ("csv", "timelinejs", "claimreview", "annotations")

# The file a file format writes when -o names a folder.
DEFAULT_NAMES = {"timelinejs": "timelinejs.csv", "claimreview": "claimreview.jsonld",
                 "annotations": "annotations.jsonld"}


@dataclass
class Rendered:
    """What an export writes: file name → text, and notes for the user (what was left out)."""

    files: dict[str, str]
    notes: list[str] = field(default_factory=list)


def _check_options(format: str, year: int | None) -> None:
    if format not in FORMATS:
        raise errors.NewsweaveError(errors.BAD_CONFIG, "--format",
                                    f"unknown export format {str(format)[:40]!r}",
                                    f"use one of: {', '.join(FORMATS)}")
    if year is not None:
        if format != "timelinejs":
            raise errors.NewsweaveError(errors.BAD_CONFIG, "--year",
                                        "--year applies to --format timelinejs only",
                                        "leave --year out for this format")
        if not 1 <= year <= 9999:
            raise errors.NewsweaveError(errors.BAD_CONFIG, "--year", f"{year} is not a year",
                                        "give a four-digit year, e.g. --year 2024")


def render(briefing: dict[str, Any], format: str, *, year: int | None = None) -> Rendered:
    """Render ``briefing`` in ``format`` without writing anything.

    >>> r = render({"schema": "newsweave/briefing@1", "articles": [], "stories": []}, "csv")
    >>> sorted(r.files)[-1], r.notes
    ('timeline.csv', [])
    """
    _check_options(format, year)
    view = BriefingView(briefing)
    if format == "csv":
        return Rendered(render_csv(view))
    if format == "timelinejs":
        text, notes = render_timelinejs(view, year=year)
        return Rendered({DEFAULT_NAMES[format]: text}, notes)
    document = (claimreview_document(view) if format == "claimreview"
                else annotations_document(view))
    return Rendered({DEFAULT_NAMES[format]: jsonld_text(document)})


def _is_folder(out: str | os.PathLike) -> bool:
    # Path("out/") drops the slash, so the hint is read from the string as the user typed it.
    return Path(out).is_dir() or (isinstance(out, str) and out.endswith(("/", os.sep)))


def export(briefing: dict[str, Any], format: str, out: str | os.PathLike, *, year: int | None = None,
           on_note: Callable[[str], None] | None = None) -> list[Path]:
    """Write ``briefing`` as ``format`` to ``out``; return the written paths.

    ``year`` (timelinejs only) places entries whose year is unknown in that year; without it
    they are skipped. ``on_note`` receives what the user should know (entries skipped and why).
    Raises ``NewsweaveError``: E301 for an unknown format or option, E305 for a briefing that
    lacks a key, E302 when ``out`` cannot be written.
    """
    rendered = render(briefing, format, year=year)  # first: a bad briefing writes nothing
    as_folder = format == "csv" or _is_folder(out)
    out = Path(out)
    if format == "csv" and out.exists() and not out.is_dir():
        raise errors.NewsweaveError(errors.CANNOT_WRITE, str(out),
                                    "the csv export writes a folder, and this is a file",
                                    "give a folder for -o (it is created if missing)")
    if as_folder:
        folder, names = out, {name: name for name in rendered.files}
    else:
        folder, names = out.parent, {name: out.name for name in rendered.files}
    written = []
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for name, content in rendered.files.items():
            path = folder / names[name]
            _write_atomic(path, content)
            written.append(path)
    except OSError as error:
        raise errors.NewsweaveError(
            errors.CANNOT_WRITE, str(out),
            f"cannot write the export there: {error.strerror or error}",
            "choose a path you can write to, or free some disk space") from error
    for note in rendered.notes:
        if on_note is not None:
            on_note(note)
    return written
