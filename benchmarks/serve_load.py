"""Load on `newsweave serve`: requests per second and p50/p99 latency for the story list, a
cached briefing and search, with N concurrent clients for S seconds each, on 127.0.0.1.

Builds a store of about 1,000 articles when ``--db`` does not exist yet: the 772 ECB+ dev
articles and the first ``--polnear-limit`` PolNeAR train texts, both read at run time from the
evaluation kit (never copied), through `newsweave ingest`'s code with the default per-article
stages. Then starts `newsweave serve` as a separate process, briefs the largest story once (so
the briefing endpoint is measured on a cached briefing, as users hit it), and runs one phase
per endpoint with httpx's async client (keep-alive, one connection per client).

    python benchmarks/serve_load.py --db /tmp/nw-serve-bench.db
    python benchmarks/serve_load.py --db /tmp/nw-serve-bench.db --clients 50 --seconds 60

The load generator runs on the same machine as the server (2 cores here), so the numbers are
a floor for the server alone. Prints one table row per endpoint; no test reads it.
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


def start_server(db: Path, port: int) -> subprocess.Popen:
    exe = Path(sys.executable).parent / "newsweave"
    proc = subprocess.Popen([str(exe), "serve", "--db", str(db), "--port", str(port), "-q"],
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


def percentile(sorted_values: list[float], q: float) -> float:
    if not sorted_values:
        return float("nan")
    index = min(len(sorted_values) - 1, max(0, round(q * len(sorted_values)) - 1))
    return sorted_values[index]


async def phase(base: str, paths: list[str], clients: int, seconds: float) -> dict:
    """``clients`` coroutines each sending requests back to back for ``seconds``."""
    latencies: list[float] = []
    errors = 0
    statuses: dict[int, int] = {}
    stop_at = time.perf_counter() + seconds
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)

    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=30.0) as client:
        async def one_client(k: int) -> None:
            nonlocal errors
            i = k
            while time.perf_counter() < stop_at:
                path = paths[i % len(paths)]
                i += 1
                t0 = time.perf_counter()
                try:
                    response = await client.get(path)
                    await response.aread()
                    status = response.status_code
                except httpx.HTTPError:
                    status = -1
                latencies.append(time.perf_counter() - t0)
                statuses[status] = statuses.get(status, 0) + 1
                if status != 200:
                    errors += 1

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
    parser.add_argument("--only", choices=["stories", "briefing", "search"], action="append",
                        help="run only these phases (repeatable)")
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
    server = start_server(args.db, port)
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
        }
        print(f"| endpoint | clients | seconds | requests | req/s | p50 ms | p99 ms | errors |")
        print("|---|---|---|---|---|---|---|---|")
        for name, paths in plans.items():
            if args.only and name not in args.only:
                continue
            result = asyncio.run(phase(base, paths, args.clients, args.seconds))
            print(f"| {name} | {args.clients} | {args.seconds:.0f} | {result['requests']} | "
                  f"{result['rps']:.0f} | {result['p50_ms']:.1f} | {result['p99_ms']:.1f} | "
                  f"{result['errors']} |", flush=True)
            if result["errors"]:
                print(f"  statuses: {result['statuses']}", file=sys.stderr)
        print(f"machine: {os.cpu_count()} cores; load average before the run was in "
              "/proc/loadavg", file=sys.stderr)
    finally:
        server.terminate()
        server.wait(10)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
