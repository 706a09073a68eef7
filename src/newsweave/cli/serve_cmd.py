"""`newsweave serve`: the web pages and the JSON API over a store (see `newsweave.web`)."""
from __future__ import annotations

from pathlib import Path

from newsweave import errors
from newsweave.cli.common import EXIT_OK, say


def serve_command(db: Path, *, host: str = "127.0.0.1", port: int = 8000,
                  config_path: Path | None = None, warm: bool = False,
                  quiet: bool = False, search_processes: int | None = None) -> int:
    """Serve the store at ``db`` on ``host:port`` until interrupted.

    Example: ``newsweave serve --db nw.db`` then open http://127.0.0.1:8000/
    ``search_processes``: processes the API's searches run on (None: two when the machine has
    two cores or more, else none; 0 runs them on threads of the server's process).
    """
    import os

    import uvicorn

    from newsweave.config import load_config
    from newsweave.store.postgres import require_sqlite
    from newsweave.web import create_app
    from newsweave.web.app import loopback_hosts
    from newsweave.web.search_pool import default_processes

    if not 0 < port < 65536:
        raise errors.NewsweaveError(errors.BAD_CONFIG, str(port), "not a TCP port",
                                    "give --port between 1 and 65535")
    if search_processes is None:
        search_processes = default_processes(os.cpu_count())
    if not 0 <= search_processes <= 32:
        raise errors.NewsweaveError(errors.BAD_CONFIG, str(search_processes),
                                    "not a number of search processes",
                                    "give --search-processes between 0 and 32")
    require_sqlite(db, "serve")
    config = load_config(config_path)
    allowed = loopback_hosts(host)
    app = create_app(db, config=config, allowed_hosts=allowed, warm=warm,
                     search_processes=search_processes)
    if not quiet:
        shown = f"[{host}]" if ":" in host else host
        say(f"Serving {db} at http://{shown}:{port}/ (API: /api/v1, OpenAPI: /openapi.json). "
            "Ctrl-C stops.")
        if allowed is None:
            say(f"warning: {host} is not a loopback address: anyone who can reach this machine "
                "can read the store")
    # No access log: request paths are client input and would reach the terminal unfiltered.
    uvicorn.run(app, host=host, port=port, log_level="warning", access_log=False,
                server_header=False)
    return EXIT_OK
