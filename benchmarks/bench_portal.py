"""The public list endpoint and the portal's country page under load: `ncb serve --workers 2` over
10,000 public Red Notices (INTERPOL-shaped, through `ncb import`) plus the demo's seed page (Japan: 2 Red, 12 Yellow
with photos), once as it is by default (public answers kept 5 s, `public_cache_seconds`) and once with that cache
off, beside
a bare Starlette endpoint returning a fixed body (the ceiling of the HTTP stack here).

The load comes from separate client processes, each holding keep-alive HTTP/1.1 connections on loopback with a
minimal asyncio client (a request line out, a Content-Length body in), so that the client costs little. Each
round measures every target for a fixed time; the table gives the medians over the rounds and the ratio of
requests/s to the ceiling. Targets (issue #5): the list at least 1,000 requests/s with p99 under 50 ms, the country
page p95 under 100 ms.

Run: .venv/bin/python benchmarks/bench_portal.py [--notices 10000] [--seconds 5] [--rounds 3] [--clients 2]
     [--connections 8] [--workers 2]
"""

from __future__ import annotations

import argparse
import asyncio
import multiprocessing
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_registry import write_dataset  # noqa: E402  (the registry benchmark's INTERPOL-shaped red details)
from servers import free_port, start_bare, stop, wait_up  # noqa: E402

BARE = """
from starlette.applications import Starlette
from starlette.responses import Response
from starlette.routing import Route
BODY = b'{"total": 0, "query": {"page": 1, "resultPerPage": 20}, "_embedded": {"notices": []}}'
async def fixed(request):
    return Response(BODY, media_type="application/json")
app = Starlette(routes=[Route("/{path:path}", fixed)])
"""


async def _read_response(reader: asyncio.StreamReader) -> int:
    head = await reader.readuntil(b"\r\n\r\n")
    status = int(head[9:12])
    length = 0
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.lower() == b"content-length":
            length = int(value)
    if length:
        await reader.readexactly(length)
    return status


async def _one(port: int, path: str) -> tuple[int, float]:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    t0 = time.perf_counter()
    writer.write(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".encode())
    status = await _read_response(reader)
    writer.close()
    return status, time.perf_counter() - t0


async def _load(port: int, path: str, seconds: float, connections: int) -> tuple[int, int, list[float]]:
    request = f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept-Language: ja\r\n\r\n".encode()
    latencies: list[float] = []
    errors = 0
    stop = time.monotonic() + seconds

    async def connection() -> None:
        nonlocal errors
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        while time.monotonic() < stop:
            t0 = time.perf_counter()
            writer.write(request)
            status = await _read_response(reader)
            latencies.append(time.perf_counter() - t0)
            if status != 200:
                errors += 1
        writer.close()

    await asyncio.gather(*(connection() for _ in range(connections)))
    return len(latencies), errors, latencies


def _client(args: tuple[int, str, float, int]) -> tuple[int, int, list[float]]:
    return asyncio.run(_load(*args))


def measure(pool: multiprocessing.pool.Pool, port: int, path: str, seconds: float, clients: int,
            connections: int) -> dict[str, float]:
    t0 = time.perf_counter()
    results = pool.map(_client, [(port, path, seconds, connections)] * clients)
    elapsed = time.perf_counter() - t0
    done = sum(r[0] for r in results)
    errors = sum(r[1] for r in results)
    latencies = sorted(x for r in results for x in r[2])
    q = statistics.quantiles(latencies, n=100)
    return {"rps": done / elapsed, "p50": statistics.median(latencies) * 1000, "p95": q[94] * 1000,
            "p99": q[98] * 1000, "errors": errors}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--notices", type=int, default=10_000, help="public Red Notices to import")
    ap.add_argument("--seconds", type=float, default=5)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--clients", type=int, default=2, help="client processes")
    ap.add_argument("--connections", type=int, default=8, help="keep-alive connections per client process")
    ap.add_argument("--workers", type=int, default=2, help="ncb serve processes")
    args = ap.parse_args()
    targets = [("ncb (default) GET /notices/v1/red", "ncb", "/notices/v1/red"),
               ("ncb (default) GET /notices/v1/red?nationality=JP&ageMin=30&ageMax=60", "ncb",
                "/notices/v1/red?nationality=JP&ageMin=30&ageMax=60"),
               ("ncb (default) portal GET /ja/countries/JP", "ncb", "/ja/countries/JP"),
               ("ncb, cache off: GET /notices/v1/red", "uncached", "/notices/v1/red"),
               ("ncb, cache off: GET /notices/v1/red?nationality=JP&ageMin=30&ageMax=60",
                "uncached", "/notices/v1/red?nationality=JP&ageMin=30&ageMax=60"),
               ("ncb, cache off: portal GET /ja/countries/JP", "uncached", "/ja/countries/JP"),
               ("bare Starlette, fixed body (ceiling)", "bare", "/notices/v1/red")]
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "ncb.db"
        env = {**os.environ, "NCB_DATABASE_URL": f"sqlite:///{db}", "NCB_PUBLIC_RATE_PER_MINUTE": "0"}
        ncb = [sys.executable, "-m", "ncb"]
        subprocess.run(ncb + ["demo", "--size", "0"], env=env, check=True, capture_output=True)
        dataset = Path(tmp) / "red.jsonl"
        write_dataset(dataset, args.notices)
        subprocess.run(ncb + ["import", str(dataset)], env=env, check=True, capture_output=True)
        ports = {"ncb": free_port(), "uncached": free_port(), "bare": free_port()}
        serve = ["serve", "--workers", str(args.workers)]
        quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL}
        servers = [subprocess.Popen(ncb + serve + ["--port", str(ports["ncb"])], env=env, **quiet),  # type: ignore[call-overload]
                   subprocess.Popen(ncb + serve + ["--port", str(ports["uncached"])],  # type: ignore[call-overload]
                                    env={**env, "NCB_PUBLIC_CACHE_SECONDS": "0"}, **quiet),
                   start_bare(BARE, ports["bare"], Path(tmp))]
        rows: dict[str, list[dict[str, float]]] = {name: [] for name, _, _ in targets}
        try:
            for server, path in (("ncb", "/health"), ("uncached", "/health"), ("bare", "/")):
                wait_up(f"http://127.0.0.1:{ports[server]}{path}", seconds=120, status=200)
            with multiprocessing.get_context("spawn").Pool(args.clients) as pool:
                for _, server, path in targets:  # warm up
                    measure(pool, ports[server], path, 1.0, args.clients, 2)
                for _ in range(args.rounds):
                    for name, server, path in targets:
                        rows[name].append(measure(pool, ports[server], path, args.seconds, args.clients,
                                                  args.connections))
        finally:
            stop(servers)
    med = {name: {k: statistics.median(r[k] for r in runs) for k in runs[0]} for name, runs in rows.items()}
    ceiling = med[targets[-1][0]]["rps"]
    conns = args.clients * args.connections
    print(f"\n### Public list and country page ({args.notices:,} imported public Red Notices + the seed page; "
          f"{conns} keep-alive connections from {args.clients} client processes; medians of {args.rounds} rounds "
          f"of {args.seconds:.0f} s; {args.workers} ncb server processes; {os.cpu_count()} cores shared by servers "
          "and clients)\n")
    print("| endpoint | requests/s | p50 | p95 | p99 | errors | vs ceiling |")
    print("|---|---|---|---|---|---|---|")
    for name, m in med.items():
        print(f"| {name} | {m['rps']:,.0f} | {m['p50']:.1f} ms | {m['p95']:.1f} ms | {m['p99']:.1f} ms | "
              f"{m['errors']:.0f} | {m['rps'] / ceiling:.0%} |")
    print("\nTargets: /notices/v1/red at least 1,000 requests/s with p99 under 50 ms; the country page p95 under "
          "100 ms.")


if __name__ == "__main__":
    main()
