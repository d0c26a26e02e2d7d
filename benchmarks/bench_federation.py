"""Federation between two local instances: envelopes per second and their latency (JP's outbox posting signed
envelopes to FR's `ncb serve`, which verifies, stores and answers), beside a bare Starlette endpoint taking the
same bodies (the ceiling of HTTP on this machine); then delivery after FR is down for a while: everything
queued arrives once FR is back, none twice.

Run: .venv/bin/python benchmarks/bench_federation.py [--envelopes 2000] [--rounds 3] [--outage-seconds 60]
"""

from __future__ import annotations

import argparse
import json
import os
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
from servers import free_port, start_bare, stop, wait_up  # this folder

from ncb.domain.access import Viewer
from ncb.domain.documents import notice_to_dict
from ncb.domain.federation import EnvelopeKind, public_key_text
from ncb.domain.identity import Actor, Role
from ncb.domain.notices import NoticeStatus
from ncb.services import federation as svc
from ncb.settings import Settings
from ncb.storage.dialect import make_engine
from ncb.storage.federation import local_instance
from ncb.storage.migrate import upgrade
from ncb.storage.uow import SqlUnitOfWork

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
from tests.builders import make_notice  # noqa: E402

BARE = """
from starlette.applications import Starlette
from starlette.responses import JSONResponse
from starlette.routing import Route
async def inbox(request):
    await request.json()
    return JSONResponse({"status": "accepted", "id": "x"})
app = Starlette(routes=[Route("/federation/v1/inbox", inbox, methods=["POST"])])
"""
ADMIN = Actor("bench", Viewer.public(), frozenset({Role.SYSTEM_ADMIN}))


def pct(values: list[float], q: int) -> float:
    return statistics.quantiles(values, n=100)[q - 1] if len(values) > 1 else values[0]


class Receiver:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.port = free_port()
        self.database = folder / "fr.db"
        self.proc: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        env = {**os.environ, "NCB_DATABASE_URL": f"sqlite:///{self.database}", "NCB_BUREAU": "FR",
               "NCB_FEDERATION_DELIVER_SECONDS": "0", "NCB_PUBLIC_RATE_PER_MINUTE": "0"}
        self.proc = subprocess.Popen([sys.executable, "-m", "ncb", "serve", "--port", str(self.port)], env=env,
                                     cwd=self.folder, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        wait_up(f"http://127.0.0.1:{self.port}/health")

    def stop(self) -> None:
        if self.proc:
            self.proc.terminate()
            self.proc.wait(timeout=15)
            self.proc = None

    def inbox(self) -> tuple[int, int]:
        with sqlite3.connect(self.database) as conn:
            total, distinct = conn.execute("SELECT count(*), count(DISTINCT id) FROM federation_inbox").fetchone()
        return int(total), int(distinct)


def timed_transport(client: httpx.Client, latencies: list[float]) -> svc.Transport:
    def post(url: str, body: dict[str, Any]) -> tuple[int, str]:
        t0 = time.perf_counter()
        try:
            r = client.post(url, json=body)
        except httpx.HTTPError as exc:
            raise OSError(str(exc)) from exc
        latencies.append((time.perf_counter() - t0) * 1000)
        return r.status_code, r.text

    return post


def enqueue(sender: SqlUnitOfWork, local: Any, count: int, kind: EnvelopeKind, notice: dict[str, Any]) -> None:
    now = datetime.now(UTC)
    with sender as uow:
        for i in range(count):
            payload = {"notice": notice} if kind is EnvelopeKind.NOTICE else {"text": f"message {i}"}
            svc.enqueue(uow, sender=local.bureau, recipient="FR", kind=kind, payload=payload, now=now, local=local)
        uow.commit()


def drain(make_uow: Any, transport: svc.Transport, *, give_up: float = 600) -> float:
    start = time.perf_counter()
    while True:
        now = datetime.now(UTC)
        report = svc.deliver_due(make_uow, transport=transport, now=now, retry_cap=timedelta(seconds=10))
        with make_uow() as uow:
            waiting = uow.federation.pending_count()
        if waiting == 0:
            return time.perf_counter() - start
        if time.perf_counter() - start > give_up:
            raise SystemExit(f"{waiting} still waiting after {give_up} s")
        if report.delivered == 0:
            time.sleep(0.5)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--envelopes", type=int, default=2000)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--outage-seconds", type=float, default=60)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        fr = Receiver(folder)
        fr.start()
        sender_url = f"sqlite:///{folder / 'jp.db'}"
        settings = Settings.from_env({}, database_url=sender_url, bureau="JP")
        engine = make_engine(sender_url)
        upgrade(engine)
        local = local_instance(settings)
        fr_key = httpx.get(f"http://127.0.0.1:{fr.port}/federation/v1/key").json()["public_key"]
        svc.add_partner(SqlUnitOfWork(engine), actor=ADMIN, code="FR", base_url=f"http://127.0.0.1:{fr.port}",
                        public_key=fr_key, now=datetime.now(UTC))
        pinned = httpx.put(f"http://127.0.0.1:{fr.port}/api/federation/partners",
                           headers={"X-NCB-Role": "system_admin"},
                           json={"code": "JP", "base_url": "http://127.0.0.1:1",
                                 "public_key": public_key_text(local.key.public_key())})
        pinned.raise_for_status()
        notice = notice_to_dict(make_notice(status=NoticeStatus.PUBLISHED))

        bare_port = free_port()
        bare = start_bare(BARE, bare_port, folder)
        wait_up(f"http://127.0.0.1:{bare_port}/")

        def uows() -> SqlUnitOfWork:
            return SqlUnitOfWork(engine)

        rows = []
        with httpx.Client(timeout=30, limits=httpx.Limits(max_connections=16)) as client:
            for kind in (EnvelopeKind.NOTICE,):
                rates, p50s, p99s = [], [], []
                for _ in range(args.rounds):
                    latencies: list[float] = []
                    enqueue(uows(), local, args.envelopes, kind, notice)
                    seconds = drain(uows, timed_transport(client, latencies))
                    rates.append(args.envelopes / seconds)
                    p50s.append(pct(latencies, 50))
                    p99s.append(pct(latencies, 99))
                rows.append((f"ncb → ncb, {kind.value} envelopes (post, verify the signature, store once)",
                             statistics.median(rates), statistics.median(p50s), statistics.median(p99s)))
            # The ceiling: the same bodies posted with the same client and parallelism to a bare endpoint.
            with uows() as uow:
                sample = uow.federation.recent_outbox(1)[0]
            body = {"envelope": json.loads(sample.envelope), "signature": sample.signature}
            rates, p50s, p99s = [], [], []
            for _ in range(args.rounds):
                latencies = []
                post = timed_transport(client, latencies)
                t0 = time.perf_counter()
                url = f"http://127.0.0.1:{bare_port}/federation/v1/inbox"
                with ThreadPoolExecutor(8) as pool:
                    list(pool.map(post, [url] * args.envelopes, [body] * args.envelopes))
                rates.append(args.envelopes / (time.perf_counter() - t0))
                p50s.append(pct(latencies, 50))
                p99s.append(pct(latencies, 99))
            rows.append(("ceiling: bare Starlette endpoint, same bodies and client", statistics.median(rates),
                         statistics.median(p50s), statistics.median(p99s)))

            # Outage: FR down while envelopes are queued and retried; then back.
            before_total, _ = fr.inbox()
            fr.stop()
            queued = max(100, args.envelopes // 4)
            enqueue(uows(), local, queued, EnvelopeKind.NOTICE, notice)
            failures: list[float] = []
            t0 = time.perf_counter()
            while time.perf_counter() - t0 < args.outage_seconds:
                svc.deliver_due(uows, transport=timed_transport(client, failures), now=datetime.now(UTC),
                                retry_cap=timedelta(seconds=10))
                time.sleep(0.5)
            fr.start()
            back = drain(uows, timed_transport(client, []))
            total, distinct = fr.inbox()
            outage = (f"{queued:,} queued during {args.outage_seconds:.0f} s down: {total - before_total:,} delivered "
                      f"within {back:.1f} s of FR's return, {total - distinct} twice")
        fr.stop()
        stop([bare])
        engine.dispose()

    print(f"\n### Federation ({datetime.now(UTC).date().isoformat()}, {os.cpu_count()} cores; medians of "
          f"{args.rounds} rounds of {args.envelopes:,} envelopes, 8 posts in parallel)\n")
    print("| path | envelopes/s | p50 ms | p99 ms |")
    print("|---|---|---|---|")
    for name, rate, p50, p99 in rows:
        print(f"| {name} | {rate:,.0f} | {p50:.1f} | {p99:.1f} |")
    ratio = rows[0][1] / rows[-1][1]
    print(f"\nncb notice envelopes reach {ratio:.0%} of the bare endpoint's rate.")
    print(f"\nOutage: {outage}.")


if __name__ == "__main__":
    main()
