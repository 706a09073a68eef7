"""What every command shares: one error shape, the progress bar, exit codes."""
from __future__ import annotations

import contextlib
import logging
import os
import sys
from typing import Iterator

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from newsweave import errors

err_console = Console(stderr=True, highlight=False)

EXIT_OK = 0
EXIT_NO_INPUT = 1   # nothing could be used
EXIT_USAGE = 2      # bad arguments, config or output location
EXIT_PARTIAL = 3    # the briefing was written, but a stage failed and a section is missing


def report_error(exc: errors.NewsweaveError) -> None:
    err_console.print(f"[bold red]error[/] {exc}", markup=True, soft_wrap=True)


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
        err_console.print("interrupted")
        sys.exit(130)
    except Exception as exc:  # noqa: BLE001
        if os.environ.get("NEWSWEAVE_DEBUG"):
            raise
        err_console.print(f"[bold red]error[/] E999 internal: {type(exc).__name__}: {exc} "
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
                tasks[label] = bar.add_task(label, total=total)
            bar.update(tasks[label], completed=done, total=total)

        yield update


def print_stage_failures(warnings: list[dict]) -> None:
    """Stage failures are printed even with --quiet: a briefing that lost a section must say so
    where the user is looking, not only inside the report."""
    if not warnings:
        return
    err_console.print(f"{len(warnings)} stage failure(s); the briefing lacks these sections:",
                      markup=False)
    for entry in warnings:
        err_console.print(f"  {entry['code']} {entry['input']}: {entry['reason']}",
                          markup=False, soft_wrap=True)


def print_skipped(skipped: list[dict], quiet: bool) -> None:
    if quiet or not skipped:
        return
    err_console.print(f"skipped {len(skipped)} input(s):")
    for entry in skipped:
        err_console.print(f"  {entry['code']} {entry['input']}: {entry['reason']}",
                          markup=False, soft_wrap=True)
