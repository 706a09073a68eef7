"""Reading inputs into Articles: one reader per format, and a batch that never dies on one input.

Files are dispatched by extension: plain text and Markdown (``.txt .text .md .markdown``), HTML
(``.html .htm .xhtml``), JSON Lines (``.jsonl .ndjson``), feeds (``.rss .atom .xml``) and web
archives (``.warc .warc.gz``). Directories are read recursively in sorted order, skipping hidden
files and directories (names starting with ``.``). Every input that cannot be used comes out as
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
from newsweave.ingest.metadata import apply_meta, load_meta
from newsweave.model import Article

__all__ = ["load_meta", "read_inputs", "supported_extensions"]

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
    for entry in _expand(paths):
        if isinstance(entry, errors.NewsweaveError):  # a path that does not exist
            yield entry
            continue
        path, display = entry
        for item in _read_file(path, display, config):
            if isinstance(item, errors.NewsweaveError):
                yield item
                continue
            problem = check_article(item, config)
            if problem is not None:
                yield problem
                continue
            if meta:
                apply_meta(item, meta, names=[display, path.name, path.stem, file_id(path)])
            item.id = ids.claim(item.id)
            yield item


def _expand(
    paths: Iterable[str | Path],
) -> Iterator[tuple[Path, str] | errors.NewsweaveError]:
    """``(file, display name)`` for every file to read, or an error for a path with none."""
    for given in paths:
        path = Path(given)
        display = str(given)
        if path.is_dir():
            files = sorted(_walk(path), key=lambda p: p.relative_to(path).parts)
            if not files:
                yield errors.NewsweaveError(errors.EMPTY, display,
                                            "the directory holds no files to read",
                                            "give a directory with article files")
            for file in files:
                yield file, str(file)
        elif path.exists() or path.is_symlink():
            yield path, display
        else:
            yield errors.NewsweaveError(errors.NOT_FOUND, display,
                                        "no such file or directory", "check the path")


def _walk(root: Path) -> Iterator[Path]:
    for folder, dirs, files in os.walk(root):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in files:
            if not name.startswith("."):
                yield Path(folder) / name


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
