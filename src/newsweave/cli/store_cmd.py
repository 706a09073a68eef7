"""`newsweave ingest` and `newsweave stories`: the embedded store from the command line.

Plain functions returning an exit code, so the typer app stays a thin layer over them.
"""
from __future__ import annotations

from pathlib import Path

from newsweave import errors
from newsweave.cli.common import json_safe, say, terminal_safe


def _err(message: str) -> None:
    say(message)  # file names, titles and reasons come from inputs: terminal-safe


def ingest_command(inputs: list[str], db: str, meta: str | None = None,
                   quiet: bool = False, *, config=None, batch_size: int | None = None,
                   wait: float = 600.0) -> int:
    """Add the articles of ``inputs`` to the store at ``db`` and assign them to stories
    (`newsweave.store.ingest.ingest_into` does the work; this prints what it did).

    Returns 0 when every input was read or already known, 1 when some inputs were skipped with
    errors, 2 when nothing could be stored (or another ingest into ``db`` held it for longer
    than ``wait`` seconds: E306).

    Example: ``newsweave ingest examples/macron-troops/ --db news.db``
    """
    from newsweave.config import load_config
    from newsweave.store import open_store
    from newsweave.store.ingest import ingest_into

    config = config or load_config()
    try:
        store = open_store(db, config=config)
    except errors.NewsweaveError as exc:
        _err(str(exc))
        return 2

    def progress(added: int, known: int, skipped: int, seconds: float) -> None:
        if not quiet:
            _err(f"  {added} added, {known} already known, {skipped} skipped ({seconds:.1f} s)")

    try:
        report = ingest_into(store, inputs, config=config, meta_path=meta,
                             batch_size=batch_size, progress=progress, wait_seconds=wait,
                             on_wait=_err)
    except errors.NewsweaveError as exc:
        _err(str(exc))
        store.close()
        return 2
    counts = store.counts()
    store.close()
    for entry in report.skipped:
        _err(f"skipped {entry['input']}: {entry['code']} {entry['reason']}")
    if not quiet:
        print(terminal_safe(f"{report.added} articles added, {report.known} already known, "
                            f"{len(report.skipped)} inputs skipped; {counts['articles']} "
                            f"articles in {counts['stories']} stories in {store.path}",
                            limit=10_000))
    if report.added == 0 and report.known == 0 and report.skipped:
        return 2
    return 1 if report.skipped else 0


def stories_command(db: str, format: str = "table") -> int:
    """List the stories of the store at ``db``: id, title, size, first and last date.

    ``format`` is ``table`` (for people), ``json`` (one array) or ``jsonl``.

    Example: ``newsweave stories --db news.db --format json``
    """
    from newsweave.store import is_postgres_url, open_store

    if db != ":memory:" and not is_postgres_url(db) and not Path(db).exists():
        _err(str(errors.NewsweaveError(errors.NOT_FOUND, db, "no database at this path",
                                       "create one with `newsweave ingest INPUT --db PATH`")))
        return 2
    if format not in ("table", "json", "jsonl"):
        _err(str(errors.NewsweaveError(errors.BAD_CONFIG, format, "unknown format",
                                       "use table, json or jsonl")))
        return 2
    try:
        with open_store(db) as store:
            stories = store.list_stories()
            shown = store.path  # a URL without its password
    except errors.NewsweaveError as exc:
        _err(str(exc))
        return 2
    if format == "json":
        print("[" + ",\n".join(json_safe(story) for story in stories) + "]")
    elif format == "jsonl":
        for story in stories:
            print(json_safe(story))
    else:
        from rich.console import Console
        from rich.table import Table
        from rich.markup import escape

        table = Table(title=f"{len(stories)} stories in {escape(terminal_safe(shown))}")
        for name in ("id", "title", "size", "first", "last"):
            table.add_column(name, overflow="fold", justify="right" if name == "size" else "left")
        for s in stories:
            table.add_row(*(escape(terminal_safe(value or "", limit=300)) for value in (
                s["id"], s["title"], str(s["size"]), (s["first"] or "")[:10], (s["last"] or "")[:10])))
        Console().print(table)
    return 0
