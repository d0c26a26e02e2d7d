"""Audit trail benchmark: what the tamper-evident log costs a notice read, and how it scales to a million entries.

Side by side in the same run, on SQLite and on a throw-away PostgreSQL (started as the test suite does):
- notice reads per second, through the service: the read as it was before the log (a reading transaction,
  no purpose, no event) against the read as it is (a writing transaction, the purpose checked, one audit
  event appended and committed), with a middle peer that takes the writing transaction but appends
  nothing (what the lock and commit cost alone); the log's share of a read is 1 - without / with;
- the same over HTTP (``GET /api/notices/{id}`` from ``ncb serve``, one keep-alive client): the public
  viewer's read (never logged, a reading transaction) against an officer's (logged), same route, same notice;
- ``ncb audit verify`` (a fresh process, the real command) over 1,000,000 entries with a checkpoint every
  100,000, against the floor: the bare driver reading every row and hashing every leaf once;
- inclusion and consistency proofs at 1,000,000 entries (from the stored tile hashes): size and time,
  against rebuilding the tree from every leaf hash (what a proof costs without tiles).

Run: .venv/bin/python benchmarks/bench_audit.py [--entries 1000000] [--reads 400] [--rounds 5] [--no-postgres]
Prints Markdown tables: medians of rounds and ratios (the machine is shared and noisy).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))  # for tests.pg_server and tests.builders

import httpx  # noqa: E402
from servers import free_port, wait_up  # noqa: E402  (this folder)
from sqlalchemy import Engine, create_engine, text  # noqa: E402

from ncb.audit.entries import AuditEvent, canonical_json, canonical_leaf  # noqa: E402
from ncb.audit.keys import LogKey, generate_key_file  # noqa: E402
from ncb.audit.merkle import MerkleTree, verify_consistency, verify_inclusion  # noqa: E402
from ncb.domain.access import Viewer, can_view  # noqa: E402
from ncb.domain.identity import Actor  # noqa: E402
from ncb.domain.notices import NoticeStatus  # noqa: E402
from ncb.errors import NotFound  # noqa: E402
from ncb.services import audit  # noqa: E402
from ncb.services import notices as svc  # noqa: E402
from ncb.services.ports import AuditRow  # noqa: E402
from ncb.storage.dialect import make_engine  # noqa: E402
from ncb.storage.migrate import upgrade  # noqa: E402
from ncb.storage.uow import SqlUnitOfWork  # noqa: E402
from tests.builders import make_notice  # noqa: E402

OFFICER = Actor("sato@JP", Viewer.bureau("JP"), purpose="benchmark")
NOW = datetime(2026, 11, 26, 9, 30, tzinfo=UTC)
NOTICES = 200
TOKEN = "bench-token-0123456789abcdef"  # the static front-end token (states who acts in X-NCB-Act-As)


# -- databases ---------------------------------------------------------------------------------------------
@contextmanager
def databases(tmp: Path, postgres: bool) -> Iterator[dict[str, str]]:
    urls = {"SQLite": f"sqlite:///{tmp / 'audit.db'}"}
    server = None
    if postgres:
        from tests.pg_server import PostgresServer

        server = PostgresServer().start()
        admin = create_engine(server.url(), isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.execute(text("CREATE DATABASE bench_audit"))
        admin.dispose()
        urls["PostgreSQL"] = server.url("bench_audit")
    try:
        yield urls
    finally:
        if server is not None:
            server.stop()


def seed(engine: Engine) -> list[str]:
    upgrade(engine)
    ids = [f"2026/{i:05d}" for i in range(1, NOTICES + 1)]
    with SqlUnitOfWork(engine) as uow:
        for eid in ids:
            uow.notices.add(make_notice(entity_id=eid, status=NoticeStatus.PUBLISHED, public_extract=True))
        uow.commit()
    return ids


# -- reads with and without the log ------------------------------------------------------------------------
def read_before(engine: Engine, eid: str) -> None:
    """The read as it was before the audit trail: a reading transaction, the access rule, nothing written."""
    with SqlUnitOfWork(engine, write=False) as uow:
        notice = uow.notices.get(eid)
        if notice is None or not can_view(OFFICER.viewer, notice):
            raise NotFound(eid)


def read_locked(engine: Engine, eid: str) -> None:
    """The same read in a writing transaction that commits, appending nothing (the lock and commit alone)."""
    with SqlUnitOfWork(engine) as uow:
        notice = uow.notices.get(eid)
        if notice is None or not can_view(OFFICER.viewer, notice):
            raise NotFound(eid)
        uow.commit()


def read_logged(engine: Engine, eid: str) -> None:
    """The read as it is: purpose checked, one audit event appended and committed with it."""
    svc.get_notice(eid, SqlUnitOfWork(engine), actor=OFFICER, now=datetime.now(UTC))


def rates(variants: dict[str, Callable[[str], None]], ids: list[str], reads: int, rounds: int) -> dict[str, float]:
    """Reads per second of each variant: the median of ``rounds`` interleaved rounds of ``reads`` reads."""
    rng = random.Random(7)
    per: dict[str, list[float]] = {name: [] for name in variants}
    for fn in variants.values():  # warm up
        for eid in ids[:20]:
            fn(eid)
    for _ in range(rounds):
        for name, fn in variants.items():
            picks = [rng.choice(ids) for _ in range(reads)]
            start = time.perf_counter()
            for eid in picks:
                fn(eid)
            per[name].append(reads / (time.perf_counter() - start))
    return {name: statistics.median(v) for name, v in per.items()}


def http_rates(url: str, tmp: Path, ids: list[str], reads: int, rounds: int) -> dict[str, float]:
    """``ncb serve`` (one process) answering one keep-alive client, one request at a time."""
    port = free_port()
    env = {**os.environ, "NCB_DATABASE_URL": url, "NCB_API_TOKEN": TOKEN, "NCB_AUDIT_KEY_FILE": str(tmp / "h.key"),
           "NCB_PORT": str(port)}
    server = subprocess.Popen([sys.executable, "-m", "ncb", "serve", "--workers", "1"], env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = {"Authorization": f"Bearer {TOKEN}"}
    public = {**base, "X-NCB-Act-As": "public"}
    officer = {**base, "X-NCB-Act-As": "bureau:JP", "X-NCB-Purpose": "benchmark"}
    try:
        wait_up(f"http://127.0.0.1:{port}/health")
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=30) as client:
            def get(headers: dict[str, str]) -> Callable[[str], None]:
                def one(eid: str) -> None:
                    r = client.get(f"/api/notices/{eid.replace('/', '-')}", headers=headers)
                    if r.status_code != 200:
                        raise RuntimeError(r.text)
                return one

            return rates({"public (no log)": get(public), "officer (logged)": get(officer)}, ids, reads, rounds)
    finally:
        server.terminate()
        server.wait(30)


# -- a million entries -------------------------------------------------------------------------------------
def leaf_rows(first: int, count: int) -> list[AuditRow]:
    rows = []
    for seq in range(first, first + count):
        data = {"query": f"NAME {seq % 9973}"} if seq % 3 == 0 else {}
        event = AuditEvent.record(seq=seq, ts=NOW + timedelta(milliseconds=seq), actor=f"officer{seq % 50}@JP",
                                  actor_ncb="JP", action="notice.consult", object=f"notice:2026/{seq % 99991:05d}",
                                  purpose="benchmark", outcome="shown", personal_data=data,
                                  recipients=("JP",) if seq % 7 == 0 else ())
        payload = canonical_json(data).decode() if data else None
        rows.append(AuditRow(canonical_leaf(event), event.ts, payload,
                             (f"notice:2026/{seq % 99991:05d}",) if payload else ()))
    return rows


def fill(engine: Engine, entries: int, key: LogKey, every: int = 100_000, batch: int = 20_000) -> float:
    """Append ``entries`` events in large transactions (a checkpoint every ``every``); returns seconds."""
    start = time.perf_counter()
    with SqlUnitOfWork(engine) as uow:
        size = uow.audit.size()
    while size < entries:
        with SqlUnitOfWork(engine) as uow:
            count = min(batch, entries - size, every - size % every)
            uow.audit.append(lambda first, n=count: leaf_rows(first, n))  # type: ignore[misc]
            uow.commit()
        size += count
        if size % every == 0 or size == entries:
            audit.checkpoint(SqlUnitOfWork(engine), key, NOW)
    return time.perf_counter() - start


def verify_command(url: str, key_file: Path) -> tuple[float, dict[str, object]]:
    env = {**os.environ, "NCB_DATABASE_URL": url, "NCB_AUDIT_KEY_FILE": str(key_file)}
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "ncb", "audit", "verify", "--json"], env=env, capture_output=True,
                          text=True, check=False)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise RuntimeError(done.stdout + done.stderr)
    return elapsed, json.loads(done.stdout)


def bare_scan(url: str) -> float:
    """The floor: the driver alone reading every row and hashing every leaf (no checks, no tree)."""
    import hashlib

    start = time.perf_counter()
    if url.startswith("sqlite"):
        import sqlite3

        conn = sqlite3.connect(url.removeprefix("sqlite:///"))
        for (leaf,) in conn.execute("SELECT leaf FROM audit_log ORDER BY seq"):
            hashlib.sha256(b"\x00" + leaf).digest()
        conn.close()
    else:
        import psycopg

        with psycopg.connect(url.replace("postgresql+psycopg", "postgresql")) as conn, conn.cursor("scan") as cur:
            cur.itersize = 10_000
            cur.execute("SELECT leaf FROM audit_log ORDER BY seq")
            for (leaf,) in cur:
                hashlib.sha256(b"\x00" + leaf).digest()
    return time.perf_counter() - start


def proofs(engine: Engine, size: int, samples: int) -> dict[str, object]:
    rng = random.Random(11)
    inc_ms, inc_verify_us, con_ms = [], [], []
    inc_hashes = con_hashes = 0
    inc_json = con_json = 0
    root = audit.inclusion_proof(SqlUnitOfWork(engine, write=False), 0).root
    for _ in range(samples):
        seq = rng.randrange(size)
        start = time.perf_counter()
        p = audit.inclusion_proof(SqlUnitOfWork(engine, write=False), seq)
        inc_ms.append((time.perf_counter() - start) * 1000)
        start = time.perf_counter()
        assert verify_inclusion(p.leaf_hash, seq, size, p.proof, root)
        inc_verify_us.append((time.perf_counter() - start) * 1e6)
        inc_hashes = max(inc_hashes, len(p.proof))
        inc_json = max(inc_json, len(json.dumps(p.as_dict())))
        old = rng.randrange(1, size)
        start = time.perf_counter()
        c = audit.consistency_proof(SqlUnitOfWork(engine, write=False), old)
        con_ms.append((time.perf_counter() - start) * 1000)
        assert verify_consistency(old, size, c.old_root, root, c.proof)
        con_hashes = max(con_hashes, len(c.proof))
        con_json = max(con_json, len(json.dumps(c.as_dict())))
    start = time.perf_counter()
    with SqlUnitOfWork(engine, write=False) as uow:
        tree = MerkleTree(uow.audit.leaf_hashes(0, size))
    naive = time.perf_counter() - start
    assert tree.root() == root
    return {"inclusion_p50_ms": statistics.median(inc_ms), "inclusion_p99_ms": _p99(inc_ms),
            "inclusion_hashes": inc_hashes, "inclusion_bytes": 32 * inc_hashes, "inclusion_json": inc_json,
            "verify_inclusion_us": statistics.median(inc_verify_us),
            "consistency_p50_ms": statistics.median(con_ms), "consistency_p99_ms": _p99(con_ms),
            "consistency_hashes": con_hashes, "consistency_bytes": 32 * con_hashes, "consistency_json": con_json,
            "rebuild_s": naive}


def _p99(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.99 * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--entries", type=int, default=1_000_000)
    parser.add_argument("--reads", type=int, default=400, help="reads per variant per round")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--proofs", type=int, default=100, help="proofs sampled at the full size")
    parser.add_argument("--no-postgres", action="store_true")
    args = parser.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="ncb-bench-audit-"))
    key_file = tmp / "audit.key"
    private = generate_key_file(key_file)
    key = LogKey("ncb.JP/audit", private.public_key(), private)
    reads: dict[str, dict[str, float]] = {}
    http: dict[str, dict[str, float]] = {}
    big: dict[str, dict[str, object]] = {}
    try:
        with databases(tmp, not args.no_postgres) as urls:
            for backend, url in urls.items():
                engine = make_engine(url)
                ids = seed(engine)
                print(f"{backend}: reads", file=sys.stderr, flush=True)
                reads[backend] = rates({"before the log": lambda e, eng=engine: read_before(eng, e),
                                        "writing transaction, no event": lambda e, eng=engine: read_locked(eng, e),
                                        "with the log": lambda e, eng=engine: read_logged(eng, e)},
                                       ids, args.reads, args.rounds)
                print(f"{backend}: HTTP reads", file=sys.stderr, flush=True)
                http[backend] = http_rates(url, tmp, ids, max(100, args.reads // 2), args.rounds)
                print(f"{backend}: filling {args.entries:,} entries", file=sys.stderr, flush=True)
                fill_s = fill(engine, args.entries, key)
                with SqlUnitOfWork(engine, write=False) as uow:
                    size = uow.audit.size()
                print(f"{backend}: verify", file=sys.stderr, flush=True)
                runs = [verify_command(url, key_file) for _ in range(3)]
                report = runs[-1][1]
                scans = [bare_scan(url) for _ in range(3)]
                print(f"{backend}: proofs", file=sys.stderr, flush=True)
                big[backend] = {"size": size, "fill_s": fill_s, "verify_s": statistics.median(r[0] for r in runs),
                                "verify_ok": report["ok"], "checkpoints": report["checkpoints_checked"],
                                "scan_s": statistics.median(scans), **proofs(engine, size, args.proofs)}
                engine.dispose()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    report_tables(reads, http, big, args)


def report_tables(reads: dict[str, dict[str, float]], http: dict[str, dict[str, float]],
                  big: dict[str, dict[str, object]], args: argparse.Namespace) -> None:
    print(f"\n### Notice reads, with and without the audit log (medians of {args.rounds} rounds of {args.reads})\n")
    print("| backend | before the log (reads/s) | writing transaction, no event | with the log | "
          "log's share of a read | target |")
    print("|---|---|---|---|---|---|")
    for backend, r in reads.items():
        share = 1 - r["with the log"] / r["before the log"]
        print(f"| {backend} | {r['before the log']:,.0f} | {r['writing transaction, no event']:,.0f} | "
              f"{r['with the log']:,.0f} | {share:.0%} | < 20% |")
    print("\n### The same over HTTP (GET /api/notices/{id} from `ncb serve`, one keep-alive client)\n")
    print("| backend | public viewer, never logged (reads/s) | officer, logged (reads/s) | log's share |")
    print("|---|---|---|---|")
    for backend, r in http.items():
        share = 1 - r["officer (logged)"] / r["public (no log)"]
        print(f"| {backend} | {r['public (no log)']:,.0f} | {r['officer (logged)']:,.0f} | {share:.0%} |")
    print("\n### A million entries: `ncb audit verify` and proofs\n")
    print("| backend | entries | fill (s) | `ncb audit verify` (s, median of 3) | floor: driver scan + one hash "
          "(s) | checkpoints checked | target |")
    print("|---|---|---|---|---|---|---|")
    for backend, b in big.items():
        print(f"| {backend} | {b['size']:,} | {b['fill_s']:.0f} | {b['verify_s']:.1f} "
              f"({'ok' if b['verify_ok'] else 'FAILED'}) | {b['scan_s']:.1f} | {b['checkpoints']} | < 30 s |")
    print("\n| backend | inclusion proof p50 / p99 (ms) | hashes (bytes; JSON) | verify it (µs) | "
          "consistency proof p50 / p99 (ms) | hashes (bytes; JSON) | rebuilding the tree from every leaf hash (s) |")
    print("|---|---|---|---|---|---|---|")
    for backend, b in big.items():
        print(f"| {backend} | {b['inclusion_p50_ms']:.1f} / {b['inclusion_p99_ms']:.1f} | "
              f"{b['inclusion_hashes']} ({b['inclusion_bytes']} B; {b['inclusion_json']} B) | "
              f"{b['verify_inclusion_us']:.0f} | {b['consistency_p50_ms']:.1f} / {b['consistency_p99_ms']:.1f} | "
              f"{b['consistency_hashes']} ({b['consistency_bytes']} B; {b['consistency_json']} B) | "
              f"{b['rebuild_s']:.2f} |")


if __name__ == "__main__":
    main()
