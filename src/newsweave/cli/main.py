"""`newsweave` command line: brief, quotes, ingest, stories, serve, watch, export, stages."""
from __future__ import annotations

from pathlib import Path
from typing import List, Optional

import typer

from newsweave import __version__
from newsweave.cli.common import guarded

app = typer.Typer(
    add_completion=False, no_args_is_help=True, rich_markup_mode=None,
    help="newsweave: many news reports of one story in, one cited briefing out.",
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"newsweave {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True,
                                 help="Print the version and exit."),
) -> None:
    """newsweave: many news reports of one story in, one cited briefing out."""


_FOLLOW_HELP = ("Read what symlinks in an input folder lead to outside it (by default such a "
                "link is a skipped entry, E017).")


@app.command()
def brief(
    inputs: Optional[List[str]] = typer.Argument(None, help="Files or directories (read recursively)."),
    out: Path = typer.Option(Path("briefing"), "-o", "--out", help="Directory for briefing.json/.md/.html."),
    words: Optional[int] = typer.Option(None, "--words", min=10, help="Summary word budget."),
    meta: Optional[Path] = typer.Option(None, "--meta", help="Sidecar metadata, CSV or JSON."),
    config: Optional[Path] = typer.Option(None, "--config", help="TOML file overriding default_config.toml."),
    db: Optional[Path] = typer.Option(None, "--db", help="Brief a story from this store instead of inputs."),
    story: Optional[str] = typer.Option(None, "--story", help="Story id (with --db)."),
    question: Optional[str] = typer.Option(None, "--question", help="The story's central question."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar or messages."),
    keep_going: bool = typer.Option(False, "--keep-going",
                                    help="Exit 0 even when a stage failed on a story and the "
                                         "briefing lacks that section (the default exits 3)."),
    follow_symlinks: bool = typer.Option(False, "--follow-symlinks", help=_FOLLOW_HELP),
) -> None:
    """Write a cited briefing of INPUTS into OUT.

    Example: newsweave brief examples/macron-troops -o out --words 150
    """
    from newsweave.cli.brief_cmd import brief_command

    with guarded():
        code = brief_command(inputs or [], out=out, words=words, meta=meta, config_path=config,
                             db=db, story=story, question=question, quiet=quiet,
                             keep_going=keep_going, follow_symlinks=follow_symlinks)
    raise typer.Exit(code)


@app.command()
def quotes(
    inputs: List[str] = typer.Argument(..., help="Files or directories (read recursively)."),
    format: str = typer.Option("jsonl", "--format", help="Output format: jsonl."),
    output: Optional[str] = typer.Option(None, "-o", "--out", help="Write here instead of stdout."),
    meta: Optional[str] = typer.Option(None, "--meta", help="Sidecar metadata, CSV or JSON."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress or messages."),
) -> None:
    """Find who said what in each input; one JSON line per article, raw offsets.

    Example: newsweave quotes examples/macron-troops --format jsonl > quotes.jsonl
    """
    from newsweave.cli.quotes_cmd import quotes_command

    with guarded():
        code = quotes_command(inputs, format=format, output=output, meta=meta, quiet=quiet)
    raise typer.Exit(code)


@app.command()
def ingest(
    inputs: List[str] = typer.Argument(..., help="Files or directories (read recursively)."),
    db: Path = typer.Option(..., "--db", help="SQLite store (created if missing)."),
    meta: Optional[str] = typer.Option(None, "--meta", help="Sidecar metadata, CSV or JSON."),
    config: Optional[Path] = typer.Option(None, "--config", help="TOML file overriding default_config.toml."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress or messages."),
    follow_symlinks: bool = typer.Option(False, "--follow-symlinks", help=_FOLLOW_HELP),
    wait: float = typer.Option(600.0, "--wait", min=0,
                               help="Seconds to wait while another ingest writes to the same "
                                    "database (then exit 2 with E306; 0 refuses at once)."),
) -> None:
    """Add new articles to a store and assign them to stories (re-ingesting adds nothing).

    Example: newsweave ingest feeds/ --db news.db
    """
    from newsweave.cli.store_cmd import ingest_command
    from newsweave.config import load_config

    with guarded():
        overrides = {"ingest": {"follow_symlinks": True}} if follow_symlinks else {}
        code = ingest_command(inputs, db=str(db), meta=meta, quiet=quiet, wait=wait,
                              config=load_config(config, **overrides)
                              if config or overrides else None)
    raise typer.Exit(code)


@app.command()
def stories(
    db: Path = typer.Option(..., "--db", help="SQLite store."),
    format: str = typer.Option("table", "--format", help="table or jsonl."),
) -> None:
    """List the stories in a store: id, title, size, first and last date.

    Example: newsweave stories --db news.db
    """
    from newsweave.cli.store_cmd import stories_command

    with guarded():
        code = stories_command(str(db), format=format)
    raise typer.Exit(code)


@app.command()
def serve(
    db: Path = typer.Option(..., "--db", help="SQLite store made by `newsweave ingest`."),
    host: str = typer.Option("127.0.0.1", "--host",
                             help="Address to bind; the default answers this machine only."),
    port: int = typer.Option(8000, "--port", help="TCP port."),
    config: Optional[Path] = typer.Option(None, "--config", help="TOML file overriding default_config.toml."),
    warm: bool = typer.Option(False, "--warm",
                              help="Build the briefing of every story that has none (or an "
                                   "outdated one) in the background at start."),
    search_processes: Optional[int] = typer.Option(
        None, "--search-processes",
        help="Processes the API's searches run on (default: 2 on a machine with 2 cores or "
             "more, else 0; 0 runs them on threads of the server's process)."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No start-up message."),
) -> None:
    """Serve web pages and a JSON API over a store: stories, briefings, articles, search.

    Example: newsweave ingest examples/macron-troops --db nw.db && newsweave serve --db nw.db
    """
    from newsweave.cli.serve_cmd import serve_command

    with guarded():
        code = serve_command(db, host=host, port=port, config_path=config, warm=warm,
                             quiet=quiet, search_processes=search_processes)
    raise typer.Exit(code)


@app.command()
def watch(
    sources: List[str] = typer.Argument(..., metavar="FEED_OR_OPML",
                                        help="Feed URLs (RSS/Atom), OPML files or OPML URLs."),
    db: Path = typer.Option(..., "--db", help="SQLite store (created if missing)."),
    every: Optional[float] = typer.Option(None, "--every", metavar="MINUTES",
                                          help="Minutes between polls (default 30)."),
    once: bool = typer.Option(False, "--once", help="Poll once and exit."),
    config: Optional[Path] = typer.Option(None, "--config", help="TOML file overriding default_config.toml."),
    allow_private: bool = typer.Option(False, "--allow-private",
                                       help="Fetch links into private networks even from "
                                            "public feeds (off: only a feed on a private "
                                            "address may link to one)."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="Only failures."),
) -> None:
    """Poll feeds and add their new articles to a store's stories (Ctrl-C stops).

    Example: newsweave watch --db news.db https://example.com/rss.xml --every 15
    """
    from newsweave.cli.watch_cmd import watch_command

    with guarded():
        code = watch_command(db, sources, every=every, once=once, config_path=config,
                             allow_private=allow_private, quiet=quiet)
    raise typer.Exit(code)


@app.command()
def export(
    briefing: Path = typer.Argument(..., help="A briefing.json written by `newsweave brief`."),
    format: str = typer.Option(..., "--format",
                               help="csv, timelinejs, claimreview (opt-in, carries no verdict) "
                                    "or annotations."),
    out: str = typer.Option(..., "-o", "--out",
                            help="csv: a folder. Others: a file, or a folder (existing, or "
                                 "ending in /) that gets the default name."),
    year: Optional[int] = typer.Option(None, "--year",
                                       help="timelinejs only: the year of entries dated without "
                                            "one (--MM-DD). You state it; without it they are "
                                            "skipped."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No messages."),
) -> None:
    """Export a briefing for other tools: CSV tables with a Frictionless datapackage.json,
    a TimelineJS sheet, schema.org ClaimReview JSON-LD, or W3C Web Annotations.

    claimreview is opt-in: newsweave does not rate claims true or false, so each review lists
    where the claim appears and carries no reviewRating; a fact-checker adds the verdict.

    Example: newsweave export out/briefing.json --format csv -o out/tables
    """
    from newsweave.cli.export_cmd import export_command

    with guarded():
        code = export_command(briefing, format=format, out=out, year=year, quiet=quiet)
    raise typer.Exit(code)


@app.command()
def stages() -> None:
    """List the registered stages with what they require and assign.

    Example: newsweave stages
    """
    from newsweave.registry import all_stages

    with guarded():
        stages = all_stages()
        width = max(len(stage.name) for stage in stages)
        for stage in stages:
            typer.echo(f"{stage.name:{width}} {stage.kind:7} {stage.doc}\n"
                       f"{'':{width}} requires {', '.join(stage.requires) or '-'}; "
                       f"assigns {', '.join(stage.assigns)}")


def run() -> None:
    app()

