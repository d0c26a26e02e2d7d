"""Stolen and lost travel documents: bulk load N synthetic reports into SQLite, then exact lookups.

Side by side in the same run:
- load: `ncb documents import`'s service (CSV parse, validation, duplicate check per batch, batched inserts
  into the table with both its indexes) against a bare ceiling, Python's sqlite3 inserting the same rows,
  already parsed and unvalidated, into a table with one index;
- lookups of random present and absent numbers, p50/p99 in-process: `check_document` through a unit of work
  (a transaction per check, as the API and CLI do) and the repository inside one open transaction, against
  a plain Python dict over the same numbers (the in-memory ceiling) and a bare sqlite3 query on the indexed
  table.

Run: .venv/bin/python benchmarks/bench_travel_documents.py [--records 10000000] [--lookups 5000]
Prints a Markdown table; the machine is shared and noisy, so compare the ratios.
"""

from __future__ import annotations

import argparse
import csv
import random
import resource
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime
from pathlib import Path

from ncb.domain.access import Viewer
from ncb.domain.identity import Actor
from ncb.services import travel_documents as svc
from ncb.storage.dialect import make_engine
from ncb.storage.migrate import upgrade
from ncb.storage.uow import SqlUnitOfWork

ALPHABET = "0123456789ABCDEFGHJKLMNPRSTUVWXYZ"  # 33 symbols, no I, O or Q (as on many passports)
SPACE = len(ALPHABET) ** 9
STEP = 2_654_435_761  # odd and coprime with 33: i -> i*STEP mod 33^9 is a bijection, so numbers never repeat
COUNTRIES = ["US", "FR", "DE", "JP", "CA", "BR", "RU", "CN", "KR", "IN", "MX", "ES", "IT", "GB", "AR", "CO", "NG",
             "EG", "TR", "PL", "AU", "ZA", "SE", "NL", "PH", "TH", "VN", "ID", "PK", "UA"]
TYPES = ["passport"] * 7 + ["id_card"] * 2 + ["visa"]
STATUSES = ["stolen"] * 5 + ["lost"] * 4 + ["revoked"]
ACTOR = Actor("bench@JP", Viewer.bureau("JP"))


def number(i: int) -> str:
    """The i-th synthetic document number: 9 characters, random-looking, all different."""
    v = (i * STEP + 12_345) % SPACE
    out = []
    for _ in range(9):
        v, r = divmod(v, 33)
        out.append(ALPHABET[r])
    return "".join(out)


def write_csv(path: Path, count: int) -> None:
    rng = random.Random(2026)
    start = date(2000, 1, 1).toordinal()
    span = date(2026, 11, 1).toordinal() - start
    with path.open("w", encoding="utf-8", newline="") as fh:
        out = csv.writer(fh, lineterminator="\n")
        out.writerow(svc.COLUMNS)
        for i in range(count):
            country = COUNTRIES[i % len(COUNTRIES)]
            n = number(i)
            printed = n if i % 4 else f"{n[:2]} {n[2:]}"  # a quarter written with a space, as printed
            out.writerow((printed, country, rng.choice(TYPES), rng.choice(STATUSES), country,
                          date.fromordinal(start + rng.randrange(span)).isoformat()))


def pct(values: list[float], q: int) -> float:
    return statistics.quantiles(values, n=100)[q - 1] if len(values) > 1 else values[0]


def timed(fn: Callable[[str], object], numbers: list[str]) -> list[float]:
    """Microseconds per call."""
    out = []
    for n in numbers:
        t0 = time.perf_counter_ns()
        fn(n)
        out.append((time.perf_counter_ns() - t0) / 1000)
    return out


def load_ncb(path: Path, db: Path) -> tuple[float, svc.DocumentImportReport]:
    engine = make_engine(f"sqlite:///{db}")
    upgrade(engine)
    done = 0
    last = time.perf_counter()
    start = last

    def progress(n: int) -> None:
        nonlocal done, last
        done += n
        if time.perf_counter() - last > 30:
            last = time.perf_counter()
            print(f"  ncb import: {done:,} rows, {done / (last - start):,.0f}/s", file=sys.stderr, flush=True)

    def lines() -> Iterator[bytes]:
        with path.open("rb") as fh:
            yield from fh

    t0 = time.perf_counter()
    report = svc.import_documents(svc.csv_rows(lines(), path.name), SqlUnitOfWork(engine), actor=ACTOR,
                                  today=datetime.now(UTC).date(), progress=progress)
    elapsed = time.perf_counter() - t0
    engine.dispose()
    return elapsed, report


def load_bare(path: Path, db: Path) -> tuple[float, sqlite3.Connection]:
    t0 = time.perf_counter()
    conn = sqlite3.connect(db, isolation_level=None, check_same_thread=False)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = NORMAL")
    conn.execute("PRAGMA cache_size = -1048576")
    conn.execute("CREATE TABLE docs (id INTEGER PRIMARY KEY, number_key TEXT, issuing_country TEXT, status TEXT, "
                 "type TEXT, number TEXT, reported_by TEXT, reported_on TEXT, blank INTEGER)")
    conn.execute("CREATE INDEX ix_docs ON docs (number_key, issuing_country)")
    sql = "INSERT INTO docs VALUES (NULL, ?, ?, ?, ?, ?, ?, ?, 0)"
    with path.open(encoding="utf-8", newline="") as fh:
        rows = csv.reader(fh)
        next(rows)
        batch = []
        for printed, country, kind, status, by, on in rows:
            batch.append((printed.replace(" ", ""), country, status, kind, printed, by, on))
            if len(batch) == 50_000:
                conn.execute("BEGIN")
                conn.executemany(sql, batch)
                conn.execute("COMMIT")
                batch.clear()
        conn.execute("BEGIN")
        conn.executemany(sql, batch)
        conn.execute("COMMIT")
    return time.perf_counter() - t0, conn


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--records", type=int, default=10_000_000)
    ap.add_argument("--lookups", type=int, default=5_000, help="Of each kind (present, absent).")
    ap.add_argument("--dir", type=Path, default=None, help="Work folder (default: a temporary one).")
    args = ap.parse_args()
    n = args.records
    rng = random.Random(7)
    present = [number(rng.randrange(n)) for _ in range(args.lookups)]
    absent = [number(n + rng.randrange(n)) for _ in range(args.lookups)]
    mixed = [f"{p[:2]}-{p[2:5]} {p[5:].lower()}" for p in present[:200]]  # as a border officer might key it

    with tempfile.TemporaryDirectory(dir=args.dir) as tmp:
        data = Path(tmp) / "sltd.csv"
        t0 = time.perf_counter()
        write_csv(data, n)
        print(f"  wrote {n:,} rows ({data.stat().st_size / 1e6:,.0f} MB) in {time.perf_counter() - t0:.0f}s",
              file=sys.stderr, flush=True)

        ncb_db = Path(tmp) / "ncb.db"
        ncb_s, report = load_ncb(data, ncb_db)
        peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        assert report.stored == n and report.rejected == 0, report.as_dict()
        print(f"  ncb import: {ncb_s:.0f}s", file=sys.stderr, flush=True)
        bare_s, bare = load_bare(data, Path(tmp) / "bare.db")
        print(f"  bare load: {bare_s:.0f}s", file=sys.stderr, flush=True)
        size_mb = sum(p.stat().st_size for p in Path(tmp).glob("ncb.db*")) / 1e6

        engine = make_engine(f"sqlite:///{ncb_db}")

        def check(number: str) -> object:
            return svc.check_document(SqlUnitOfWork(engine, write=False), number=number, actor=ACTOR)

        for p in present[:200]:  # warm the pool and the statement cache
            check(p)
        assert all(check(p) for p in present[:100]) and not any(check(a) for a in absent[:100])
        assert all(check(m) for m in mixed)
        ncb_present, ncb_absent = timed(check, present), timed(check, absent)
        with SqlUnitOfWork(engine, write=False) as uow:
            repo_present = timed(uow.travel_documents.find, present)
            repo_absent = timed(uow.travel_documents.find, absent)
        engine.dispose()

        query = "SELECT number, issuing_country, type, status, reported_by, reported_on FROM docs WHERE number_key = ?"

        def bare_find(number: str) -> object:
            return bare.execute(query, (number,)).fetchall()

        assert all(bare_find(p) for p in present[:100])
        bare_present, bare_absent = timed(bare_find, present), timed(bare_find, absent)
        bare.close()

    t0 = time.perf_counter()
    index: dict[str, int] = {number(i): i for i in range(n)}
    dict_build = time.perf_counter() - t0
    dict_present, dict_absent = timed(index.get, present), timed(index.get, absent)

    def row(label: str, ours: list[float], peers: list[tuple[str, list[float]]]) -> str:
        p50, p99 = pct(ours, 50), pct(ours, 99)
        side = "; ".join(f"{name} {pct(v, 50):,.1f} / {pct(v, 99):,.1f} µs" for name, v in peers)
        return f"| {label} | {p50:,.0f} / {p99:,.0f} µs | {side} | {'yes' if p99 < 1000 else 'NO'} |"

    print(f"\n### Travel documents (SLTD): {n:,} reports in SQLite\n")
    print("| measure | ncb | peer in the same run | ratio / target |")
    print("|---|---|---|---|")
    print(f"| bulk load, reports/s | {n / ncb_s:,.0f} ({ncb_s:,.0f} s; CSV, validation, duplicate check, 2 indexes) "
          f"| bare sqlite3, parsed rows, 1 index: {n / bare_s:,.0f} ({bare_s:,.0f} s) | "
          f"{bare_s / ncb_s:.2f}x of the ceiling |")
    print(f"| load, peak memory / database size | {peak_mb:,.0f} MB / {size_mb:,.0f} MB | Python dict of the numbers: "
          f"built in {dict_build:,.0f} s | |")
    print("| measure (p50 / p99) | ncb | dict; bare sqlite3 | p99 < 1 ms |")
    print(row("check, present number (a transaction each)", ncb_present,
              [("dict", dict_present), ("sqlite3", bare_present)]))
    print(row("check, absent number (a transaction each)", ncb_absent,
              [("dict", dict_absent), ("sqlite3", bare_absent)]))
    print(row("repository find in an open transaction, present", repo_present, [("sqlite3", bare_present)]))
    print(row("repository find in an open transaction, absent", repo_absent, [("sqlite3", bare_absent)]))
    print(f"\n{args.lookups:,} lookups of each kind; target: p99 under 1 ms at 10 million in-process.")


if __name__ == "__main__":
    main()
