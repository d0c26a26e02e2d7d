"""HTTP screening checks per second: `ncb serve` answering POST /screening/check for the demo data,
beside a bare Starlette endpoint returning a fixed body (the ceiling of the HTTP stack on this machine),
under the same load from an asyncio client with 16 connections on loopback, for a bounded time.

Run: .venv/bin/python benchmarks/bench_screening_http.py [--seconds 10] [--size 2000] [--workers 1]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx
from servers import free_port, start_bare, stop, wait_up  # this folder

NAMES = ["Taro Yamada", "山田太郎", "John Smith", "Vladimir Putin", "Maria Garcia", "김민준", "习近平", "Mohamed Ali",
         "Anna Schmidt", "Jean Dupont", "佐藤花子", "Ivan Petrov", "Li Wei", "Sophie Martin", "ヤマダタロウ"]

BARE = """
from starlette.applications import Starlette
from starlette.responses import JSONResponse
from starlette.routing import Route
async def check(request):
    await request.body()
    return JSONResponse({"query": {}, "hits": []})
app = Starlette(routes=[Route("/screening/check", check, methods=["POST"])])
"""


async def load(url: str, seconds: float, connections: int) -> tuple[int, list[float]]:
    latencies: list[float] = []
    done = 0
    stop = time.monotonic() + seconds
    rng = random.Random(1)

    async def worker(client: httpx.AsyncClient) -> None:
        nonlocal done
        while time.monotonic() < stop:
            body = {"traveller": {"names": [rng.choice(NAMES)]}}
            t0 = time.perf_counter()
            r = await client.post(url, json=body)
            latencies.append((time.perf_counter() - t0) * 1000)
            if r.status_code == 200:
                done += 1

    async with httpx.AsyncClient(limits=httpx.Limits(max_connections=connections), timeout=30) as client:
        await asyncio.gather(*(worker(client) for _ in range(connections)))
    return done, latencies


def measure(url: str, seconds: float) -> tuple[float, float, float]:
    asyncio.run(load(url, 1.0, 4))  # warm up
    t0 = time.perf_counter()
    done, lat = asyncio.run(load(url, seconds, 16))
    elapsed = time.perf_counter() - t0
    return done / elapsed, statistics.median(lat), statistics.quantiles(lat, n=100)[98]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--seconds", type=float, default=10)
    ap.add_argument("--size", type=int, default=2000)
    ap.add_argument("--workers", type=int, default=1, help="server processes (ncb serve --workers)")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "NCB_DATABASE_URL": f"sqlite:///{Path(tmp) / 'ncb.db'}"}
        ncb = [sys.executable, "-m", "ncb"]
        subprocess.run(ncb + ["demo", "--size", str(args.size)], env=env, check=True, capture_output=True)
        port, bare_port = free_port(), free_port()
        serve = ncb + ["serve", "--port", str(port), "--workers", str(args.workers)]
        servers = [subprocess.Popen(serve, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL),
                   start_bare(BARE, bare_port, Path(tmp))]
        try:
            wait_up(f"http://127.0.0.1:{port}/health")
            wait_up(f"http://127.0.0.1:{bare_port}/")
            for _ in range(4 * args.workers):  # each process builds its index on first use
                httpx.post(f"http://127.0.0.1:{port}/screening/check", json={"traveller": {"names": ["warm"]}},
                           timeout=120)
            ours = measure(f"http://127.0.0.1:{port}/screening/check", args.seconds)
            bare = measure(f"http://127.0.0.1:{bare_port}/screening/check", args.seconds)
        finally:
            stop(servers)
    print(f"\n### HTTP screening checks ({args.size + 14} demo notices, 16 connections, {args.seconds:.0f} s each, "
          f"{args.workers} server process(es), client on the same {os.cpu_count()} cores)\n")
    print("| server | checks/s | p50 | p99 |")
    print("|---|---|---|---|")
    print(f"| ncb POST /screening/check | {ours[0]:,.0f} | {ours[1]:.1f} ms | {ours[2]:.1f} ms |")
    print(f"| bare Starlette, fixed body (ceiling) | {bare[0]:,.0f} | {bare[1]:.1f} ms | {bare[2]:.1f} ms |")


if __name__ == "__main__":
    main()
