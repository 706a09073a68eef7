"""Reading inputs into Articles: one reader per format, and a batch that never dies on one input.

Files are dispatched by extension: plain text and Markdown (``.txt .text .md .markdown``), HTML
(``.html .htm .xhtml``), JSON Lines (``.jsonl .ndjson``), feeds (``.rss .atom .xml``) and web
archives (``.warc .warc.gz``). Directories are read recursively in sorted order. Every input is
accounted for: hidden files and folders (names starting with ``.``) are not read and come out as
E016; a symlink that leads outside the folder given (or loops back to a folder already read) is
not followed and comes out as E017, unless ``ingest.follow_symlinks`` (``--follow-symlinks``) is
set; links inside the folder are read. Every input that cannot be used comes out as
a :class:`~newsweave.errors.NewsweaveError` naming the input (``path``, or ``path#line N``,
``path#entry N``, ``path#record N`` inside multi-article files), the reason and the fix; the
others come out as :class:`~newsweave.model.Article`.

Article ids are the file name without its extension, or the record's own id in multi-article
files, made safe as file names; a repeated id in one run becomes ``<id>-2``, ``<id>-3``, ...
(see :mod:`newsweave.ingest.ids`).
"""
from __future__ import annotations

import importlib
import os
from pathlib import Path
from typing import Any, Iterable, Iterator

from newsweave import errors
from newsweave.config import Config
from newsweave.ingest.checks import check_article
from newsweave.ingest.decode import reader_name, supported_extensions, unknown_format
from newsweave.ingest.ids import UniqueIds, file_id
from newsweave.ingest.metadata import (apply_meta, load_meta, repair_text, sanitise_article,
                                       sanitise_meta)
from newsweave.model import Article

__all__ = ["input_files", "load_meta", "read_file", "read_inputs", "supported_extensions"]

# Reader modules by name, imported when first needed (trafilatura takes a while to import).
_READER_MODULES = {
    "text": "newsweave.ingest.text_reader",
    "html": "newsweave.ingest.html_reader",
    "jsonl": "newsweave.ingest.jsonl_reader",
    "feed": "newsweave.ingest.feed_reader",
    "warc": "newsweave.ingest.warc_reader",
}


def read_inputs(
    paths: Iterable[str | Path], config: Config, *, meta: dict[str, dict[str, Any]] | None = None
) -> Iterator[Article | errors.NewsweaveError]:
    """Read files and directories; yield an Article for each usable article and a
    NewsweaveError for each input that cannot be used. Never raises for a bad input.

    ``meta`` is a sidecar table from :func:`load_meta`; its entries are applied to the articles
    whose file name, file stem or id match a key.

    >>> import tempfile
    >>> from newsweave.config import load_config
    >>> folder = Path(tempfile.mkdtemp())
    >>> _ = (folder / "a.txt").write_text("Troops\\n\\nMacron said no option was ruled out.")
    >>> _ = (folder / "b.txt").write_text("")
    >>> [item.id if isinstance(item, Article) else item.code
    ...  for item in read_inputs([folder, folder / "c.txt"], load_config())]
    ['a', 'E001', 'E011']
    """
    ids = UniqueIds()
    for entry in input_files(paths, config):
        if isinstance(entry, errors.NewsweaveError):  # a path that cannot be read as a file
            yield entry
            continue
        path, display = entry
        for item in read_file(path, config, display=display):
            if isinstance(item, errors.NewsweaveError):
                yield item
                continue
            if meta:
                apply_meta(item, meta, names=[display, path.name, path.stem, file_id(path)])
                sanitise_meta(item)
            item.id = ids.claim(item.id)
            yield item


def input_files(
    paths: Iterable[str | Path], config: Config
) -> Iterator[tuple[Path, str] | errors.NewsweaveError]:
    """The files :func:`read_inputs` reads, in its order, as ``(path, display name)`` (the
    name messages give the file), and an error for each given path or folder entry that is not
    read (missing, hidden, a link not followed, an empty folder). For a caller that reads the
    files itself, one by one, with :func:`read_file` (the Spark job spreads them over workers).

    >>> import tempfile
    >>> from newsweave.config import load_config
    >>> folder = Path(tempfile.mkdtemp())
    >>> _ = (folder / "a.txt").write_text("Troops")
    >>> [item[1] if isinstance(item, tuple) else item.code
    ...  for item in input_files([folder, folder / "b.txt"], load_config())] == [
    ...     str(folder / "a.txt"), "E011"]
    True
    """
    for entry in _expand(paths, follow_symlinks=config.ingest.follow_symlinks):
        yield _encodable(entry) if isinstance(entry, errors.NewsweaveError) else entry


def read_file(
    path: str | Path, config: Config, *, display: str | None = None
) -> Iterator[Article | errors.NewsweaveError]:
    """The articles of one file, exactly as :func:`read_inputs` gives them (read by the
    format's reader, sanitised, checked), and an error for each one that cannot be used; never
    raises for a bad input. ``display`` names the file in messages (default: ``path``).

    What it does not do, being about one file: the ``--meta`` sidecar, and making ids unique
    across a run (``ids.UniqueIds``), which :func:`read_inputs` adds.

    >>> import tempfile
    >>> from newsweave.config import load_config
    >>> folder = Path(tempfile.mkdtemp())
    >>> _ = (folder / "a.txt").write_text("Troops\\n\\nMacron said no option was ruled out.")
    >>> [item.id for item in read_file(folder / "a.txt", load_config())]
    ['a']
    """
    path = Path(path)
    for item in _read_file(path, str(path) if display is None else display, config):
        if isinstance(item, errors.NewsweaveError):
            yield _encodable(item)
            continue
        sanitise_article(item)
        problem = check_article(item, config)
        yield item if problem is None else _encodable(problem)


def _encodable(problem: errors.NewsweaveError) -> errors.NewsweaveError:
    """``problem`` with no lone surrogate in its text: a file name that is not UTF-8 arrives
    from the file system with surrogate escapes, which the briefing could not be written with."""
    for name in ("input", "reason", "fix"):
        setattr(problem, name, repair_text(getattr(problem, name))[0])
    return problem


def _expand(
    paths: Iterable[str | Path], *, follow_symlinks: bool = False,
) -> Iterator[tuple[Path, str] | errors.NewsweaveError]:
    """``(file, display name)`` for every file to read, or an error for each path that is not
    read (missing, hidden, a link not followed, an empty directory)."""
    for given in paths:
        path = Path(given)
        display = str(given)
        if path.is_dir():
            found = False
            for entry in _walk(path, follow_symlinks=follow_symlinks):
                found = True
                yield entry
            if not found:
                yield errors.NewsweaveError(errors.EMPTY, display,
                                            "the directory holds no files to read",
                                            "give a directory with article files")
        elif path.exists() or path.is_symlink():
            # A file named on the command line is read even through a link: it was asked for.
            yield path, display
        else:
            yield errors.NewsweaveError(errors.NOT_FOUND, display,
                                        "no such file or directory", "check the path")


def _walk(
    root: Path, *, follow_symlinks: bool = False,
) -> Iterator[tuple[Path, str] | errors.NewsweaveError]:
    """Every file under ``root`` in sorted path order, or the reason it is not read.

    Iterative (a deep tree cannot exhaust the stack), and each real folder is read once, so a
    symlinked folder cycle ends. Links are resolved against the real path of ``root``: one that
    stays inside is read like the file or folder it names; one that leaves it is reported
    (E017) unless ``follow_symlinks``.
    """
    top = os.path.realpath(root)
    seen = {top}
    # What is left to do, the next item last: ("folder", path), ("file", path) or
    # ("skip", error), so that the output keeps the sorted order of the paths.
    stack: list[tuple[str, Any]] = [("folder", root)]
    while stack:
        kind, item = stack.pop()
        if kind == "file":
            yield item, str(item)
            continue
        if kind == "skip":
            yield item
            continue
        try:
            with os.scandir(item) as listing:
                entries = sorted(listing, key=lambda e: e.name)
        except OSError as exc:
            yield errors.NewsweaveError(errors.UNREADABLE, str(item),
                                        f"cannot list the folder: {exc.strerror}",
                                        "check the folder's permissions")
            continue
        # The folders themselves first: a link that leads to a sibling is then known as a
        # second way into it, whatever the order of their names.
        for entry in entries:
            if not entry.is_symlink() and _is_folder(entry):
                seen.add(os.path.realpath(entry.path))
        stack.extend(reversed([_classify(entry, root, top, seen, follow_symlinks)
                               for entry in entries]))


def _classify(
    entry: os.DirEntry, root: Path, top: str, seen: set[str], follow_symlinks: bool,
) -> tuple[str, Any]:
    """What to do with one folder entry: ``("folder" | "file", path)`` or ``("skip", error)``."""
    child = Path(entry.path)
    folder = _is_folder(entry)
    if entry.name.startswith("."):
        return "skip", errors.NewsweaveError(
            errors.HIDDEN, str(child), f"hidden {'folder' if folder else 'file'}, not read",
            "rename it without the leading dot, or give its path as an input of its own")
    if entry.is_symlink():
        real = os.path.realpath(child)
        if not follow_symlinks and not _inside(real, top):
            return "skip", errors.NewsweaveError(
                errors.LINK_NOT_FOLLOWED, str(child),
                f"a symlink to {real}, outside the input folder {root}; not followed",
                "pass --follow-symlinks (ingest.follow_symlinks = true) to read it, or give "
                "its target as an input")
    if not folder:
        return "file", child
    if not entry.is_symlink():
        return "folder", child
    real = os.path.realpath(child)
    if real in seen:  # a cycle, or a second way into a folder that is read anyway
        return "skip", errors.NewsweaveError(
            errors.LINK_NOT_FOLLOWED, str(child),
            f"a symlink to the folder {real}, which is read already; not followed again",
            "nothing to do: the files of that folder are read once")
    seen.add(real)
    return "folder", child


def _is_folder(entry: os.DirEntry) -> bool:
    """Whether ``entry`` is a folder, through links; a broken link is not (its reader says what
    is wrong with it)."""
    try:
        return entry.is_dir(follow_symlinks=True)
    except OSError:
        return False


def _inside(real: str, top: str) -> bool:
    return real == top or real.startswith(top.rstrip(os.sep) + os.sep)


def _read_file(
    path: Path, display: str, config: Config
) -> Iterator[Article | errors.NewsweaveError]:
    """Run the file's reader, turning anything it raises into a reported error."""
    kind = reader_name(path)
    if kind is None:
        yield unknown_format(display)
        return
    try:
        reader = importlib.import_module(_READER_MODULES[kind])
        yield from reader.read_file(path, display, config)
    except errors.NewsweaveError as exc:
        yield exc
    except MemoryError:
        yield errors.NewsweaveError(errors.TOO_LARGE, display, "reading it ran out of memory",
                                    "split the file or lower ingest.max_file_bytes")
    except Exception as exc:  # noqa: BLE001 - a reader bug must not end the batch
        yield errors.NewsweaveError(errors.UNREADABLE, display,
                                    f"it could not be read ({type(exc).__name__}: {exc})",
                                    "check the file; if it looks fine, report this as a bug")
