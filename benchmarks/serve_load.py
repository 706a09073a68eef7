"""Load on `newsweave serve`: requests per second and p50/p99 latency for the story list, a
cached briefing and search, with N concurrent clients for S seconds each, on 127.0.0.1.

Builds a store of about 1,000 articles when ``--db`` does not exist yet: the 772 ECB+ dev
articles and the first ``--polnear-limit`` PolNeAR train texts, both read at run time from the
evaluation kit (never copied), through `newsweave ingest`'s code with the default per-article
stages. Then starts `newsweave serve` as a separate process, briefs the largest story once (so
the briefing endpoint is measured on a cached briefing, as users hit it), and runs one phase
per endpoint: N clients, each on its own keep-alive connection, sending requests back to back
(a minimal asyncio HTTP/1.1 client by default; ``--client httpx`` for httpx's async client,
which the first runs used).

    python benchmarks/serve_load.py --db /tmp/nw-serve-bench.db
    python benchmarks/serve_load.py --db /tmp/nw-serve-bench.db --clients 50 --seconds 60

The load generator runs on the same machine as the server (2 cores here), so the numbers are
a floor for the server alone; each row gives the CPU seconds the server process(es) and the
load generator used during the phase, and the load average before and after it, so a busy
machine shows. Prints one table row per endpoint; no test reads it.
"""
from __future__ import annotations

import argparse
import asyncio
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx

SHARED = Path(__file__).resolve().parents[2] / "shared" / "eval"
ECBPLUS = SHARED / "ecbplus" / "ecbplus_dev.jsonl"
POLNEAR = SHARED / "polnear" / "data" / "train" / "text"
# Everyday news words, rotated so that the queries differ in how many articles match.
QUERIES = ["police", "president election", "earthquake", "court ruling", "fire", "said"]
# Words for the uncached search phase: every request a different (word, word, offset), more
# keys than the server keeps, visited in a cycle, so each search goes to FTS5.
WORDS = ("police president election earthquake court fire said government killed people "
         "minister year city report officials week country state new security attack team "
         "company home million war died former leader military national party public school "
         "series world water town death arrested").split()


def build_store(db: Path, polnear_limit: int) -> None:
    from newsweave.cli.store_cmd import ingest_command

    inputs = [str(ECBPLUS)] + sorted(str(p) for p in POLNEAR.glob("*.txt"))[:polnear_limit]
    print(f"building {db} from {ECBPLUS.name} and {polnear_limit} PolNeAR texts ...",
          file=sys.stderr)
    t0 = time.perf_counter()
    code = ingest_command(inputs, str(db), quiet=True)
    print(f"  ingest exit {code} in {time.perf_counter() - t0:.0f} s", file=sys.stderr)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(db: Path, port: int, search_processes: int | None = None) -> subprocess.Popen:
    exe = Path(sys.executable).parent / "newsweave"
    extra = [] if search_processes is None else ["--search-processes", str(search_processes)]
    proc = subprocess.Popen([str(exe), "serve", "--db", str(db), "--port", str(port), "-q",
                             *extra],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            sys.exit(f"server exited: {proc.stderr.read().decode(errors='replace')}")
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/v1/stories?limit=1").status_code == 200:
                return proc
        except httpx.TransportError:
            time.sleep(0.3)
    proc.terminate()
    sys.exit("server did not start in 120 s")


def cpu_seconds(pid: int) -> float:
    """User + system CPU seconds a process has used so far (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def loadavg() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def server_pids(server: subprocess.Popen) -> list[int]:
    """The server process and its children (uvicorn's worker processes)."""
    pids, todo = [], [server.pid]
    while todo:
        pid = todo.pop()
        pids.append(pid)
        try:
            children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
        except OSError:
            children = []
        todo += [int(c) for c in children]
    return [p for p in pids if Path(f"/proc/{p}").exists()]


def percentile(sorted_values: list[float], q: float) -> float:
    if not sorted_values:
        return float("nan")
    index = min(len(sorted_values) - 1, max(0, round(q * len(sorted_values)) - 1))
    return sorted_values[index]


class RawClient:
    """A minimal HTTP/1.1 keep-alive client on asyncio streams: GET only, reads the status line,
    the headers and a Content-Length or chunked body. httpx spends several times the server's
    CPU per request, and on 2 shared cores the load generator's CPU is the server's loss: with
    httpx the run measured mostly httpx (see docs/benchmarks.md)."""

    def __init__(self, host: str, port: int) -> None:
        self.host, self.port = host, port
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def get(self, path: str) -> int:
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
        self.writer.write(f"GET {path} HTTP/1.1\r\nHost: {self.host}:{self.port}\r\n"
                          "Accept: application/json\r\n\r\n".encode("ascii"))
        head = await self.reader.readuntil(b"\r\n\r\n")
        lines = head.split(b"\r\n")
        status = int(lines[0].split(b" ", 2)[1])
        length, chunked, close = None, False, False
        for line in lines[1:]:
            name, _, value = line.partition(b":")
            name = name.strip().lower()
            if name == b"content-length":
                length = int(value)
            elif name == b"transfer-encoding" and b"chunked" in value.lower():
                chunked = True
            elif name == b"connection" and b"close" in value.lower():
                close = True
        if chunked:
            while True:
                size = int((await self.reader.readuntil(b"\r\n")).split(b";")[0], 16)
                await self.reader.readexactly(size + 2)
                if size == 0:
                    break
        elif length is not None:
            await self.reader.readexactly(length)
        elif status not in (204, 304):
            await self.reader.read()  # body until the server closes
            close = True
        if close:
            await self.close()
        return status

    async def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
            try:
                await self.writer.wait_closed()
            except OSError:
                pass
        self.reader = self.writer = None


async def phase(base: str, paths: list[str], clients: int, seconds: float,
                client_kind: str = "raw") -> dict:
    """``clients`` coroutines each sending requests back to back for ``seconds``, each on its
    own keep-alive connection."""
    latencies: list[float] = []
    errors = 0
    statuses: dict[int, int] = {}
    stop_at = time.perf_counter() + seconds
    host, port = base.removeprefix("http://").rsplit(":", 1)
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)

    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=30.0) as shared:
        async def one_client(k: int) -> None:
            nonlocal errors
            raw = RawClient(host, int(port)) if client_kind == "raw" else None
            # Each client starts at its own part of a long list (so that the uncached phase's
            # clients do not ask for the same keys one after another).
            i = k * max(1, len(paths) // clients)
            while time.perf_counter() < stop_at:
                path = paths[i % len(paths)]
                i += 1
                t0 = time.perf_counter()
                try:
                    if raw is not None:
                        status = await asyncio.wait_for(raw.get(path), 30.0)
                    else:
                        response = await shared.get(path)
                        await response.aread()
                        status = response.status_code
                except (httpx.HTTPError, OSError, asyncio.TimeoutError,
                        asyncio.IncompleteReadError, ValueError, IndexError):
                    status = -1
                    if raw is not None:
                        await raw.close()
                latencies.append(time.perf_counter() - t0)
                statuses[status] = statuses.get(status, 0) + 1
                if status != 200:
                    errors += 1
            if raw is not None:
                await raw.close()

        t0 = time.perf_counter()
        await asyncio.gather(*(one_client(k) for k in range(clients)))
        wall = time.perf_counter() - t0
    latencies.sort()
    return {"requests": len(latencies), "rps": len(latencies) / wall,
            "p50_ms": 1000 * percentile(latencies, 0.50),
            "p99_ms": 1000 * percentile(latencies, 0.99), "errors": errors,
            "statuses": statuses}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", type=Path, default=Path("/tmp/nw-serve-bench.db"))
    parser.add_argument("--polnear-limit", type=int, default=300)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--only", choices=["stories", "briefing", "search", "search-uncached"],
                        action="append",
                        help="run only these phases (repeatable)")
    parser.add_argument("--client", choices=["raw", "httpx"], default="raw",
                        help="load generator: a minimal asyncio HTTP/1.1 client (default) or "
                             "httpx's async client (the earlier runs; several times the CPU)")
    parser.add_argument("--search-processes", type=int, default=None,
                        help="passed to `newsweave serve` (default: serve's own default)")
    args = parser.parse_args(argv)

    if not args.db.exists():
        build_store(args.db, args.polnear_limit)
    from newsweave.store import open_store

    with open_store(args.db) as store:
        counts = store.counts()
        largest = store.list_stories()[0]
    print(f"store: {counts['articles']} articles, {counts['stories']} stories; largest story "
          f"{largest['id']} ({largest['size']} articles)", file=sys.stderr)

    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = start_server(args.db, port, args.search_processes)
    try:
        t0 = time.perf_counter()
        response = httpx.get(f"{base}/api/v1/stories/{largest['id']}/briefing", timeout=600)
        first = time.perf_counter() - t0
        print(f"first briefing request: {response.status_code} "
              f"{response.headers.get('x-newsweave-briefing')} in {first:.1f} s",
              file=sys.stderr)
        # A briefing cached by an older version is served stale while it rebuilds in the
        # background: wait for the rebuild, so the load phase measures a fresh cached briefing.
        deadline = time.monotonic() + 600
        while True:
            again = httpx.get(f"{base}/api/v1/stories/{largest['id']}/briefing", timeout=60)
            if again.headers.get("x-newsweave-briefing") == "fresh" or \
                    time.monotonic() > deadline:
                break
            time.sleep(2)
        assert again.headers.get("x-newsweave-briefing") == "fresh", again.headers

        plans = {
            "stories": [f"/api/v1/stories?limit=20&offset={o}" for o in (0, 20, 40, 60)],
            "briefing": [f"/api/v1/stories/{largest['id']}/briefing"],
            "search": [f"/api/v1/search?q={q.replace(' ', '+')}" for q in QUERIES],
            "search-uncached": [f"/api/v1/search?q={a}+{b}&offset={o}" for o in range(4)
                                for a in WORDS for b in WORDS if a != b],
        }
        print("| endpoint | clients | seconds | requests | req/s | p50 ms | p99 ms | errors "
              "| server CPU s | load-generator CPU s | load avg before -> after |")
        print("|---|---|---|---|---|---|---|---|---|---|---|")
        for name, paths in plans.items():
            if args.only and name not in args.only:
                continue
            before = loadavg()
            server_cpu = sum(cpu_seconds(pid) for pid in server_pids(server))
            own_cpu = cpu_seconds(os.getpid())
            result = asyncio.run(phase(base, paths, args.clients, args.seconds, args.client))
            server_cpu = sum(cpu_seconds(pid) for pid in server_pids(server)) - server_cpu
            own_cpu = cpu_seconds(os.getpid()) - own_cpu
            print(f"| {name} | {args.clients} | {args.seconds:.0f} | {result['requests']} | "
                  f"{result['rps']:.0f} | {result['p50_ms']:.1f} | {result['p99_ms']:.1f} | "
                  f"{result['errors']} | {server_cpu:.1f} | {own_cpu:.1f} | "
                  f"{before} -> {loadavg()} |", flush=True)
            if result["errors"]:
                print(f"  statuses: {result['statuses']}", file=sys.stderr)
        print(f"machine: {os.cpu_count()} cores; client {args.client}; search processes "
              f"{'serve default' if args.search_processes is None else args.search_processes}",
              file=sys.stderr)
    finally:
        server.terminate()
        server.wait(10)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
