"""Registry benchmark: import 100,000 INTERPOL-shaped notices into SQLite, then filtered list queries.

Side by side in the same run:
- import: `ncb import` (parse + validate + two passes + all child rows + history) against a bare
  ceiling, Python's sqlite3 inserting the same JSON documents into a one-table schema;
- list queries: the SQL repository (indexes, visibility clause) against filtering the same notices
  in memory with the pure `NoticeFilter.matches` (no database at all).

Run: .venv/bin/python benchmarks/bench_registry.py [--count 100000] [--queries 300]
Prints a Markdown table; the machine is shared and noisy, so compare the ratios.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from ncb.domain.access import Viewer
from ncb.domain.documents import notice_from_dict
from ncb.domain.search import NoticeFilter
from ncb.services.notices import list_notices
from ncb.storage.dialect import make_engine
from ncb.storage.uow import SqlUnitOfWork

FAMILY = ["SMITH", "GARCIA", "MULLER", "DUPONT", "ROSSI", "IVANOV", "YAMADA", "SATO", "KIM", "LEE", "WANG",
          "NGUYEN", "SILVA", "HASSAN", "KOWALSKI", "JOHNSON", "LOPEZ", "SCHMIDT", "TANAKA", "PARK"]
GIVEN = ["JOHN", "MARIA", "AHMED", "YUKI", "IVAN", "ANNA", "LUCAS", "SOFIA", "KENJI", "MIN-JUN", "ALI", "ELENA",
         "PEDRO", "CHEN", "FATIMA", "OMAR", "HANA", "DAVID", "LAURA", "TARO"]
COUNTRIES = ["US", "FR", "DE", "JP", "CA", "BR", "RU", "CN", "KR", "IN", "MX", "ES", "IT", "GB", "AR", "CO", "NG",
             "EG", "TR", "PL"]
CHARGES = ["Fraud", "Murder", "Drug trafficking", "Armed robbery", "Money laundering", "Human trafficking"]


def red_detail(i: int, rng: random.Random) -> dict[str, object]:
    year = rng.randint(1950, 2005)
    dob = rng.choice([f"{year}", f"{year}/{rng.randint(1, 12):02d}",
                      f"{year}/{rng.randint(1, 12):02d}/{rng.randint(1, 28):02d}"])
    nats = rng.sample(COUNTRIES, rng.choice([1, 1, 1, 2]))
    eid = f"{rng.randint(2010, 2026)}/{i:06d}"
    href = f"https://ws-public.interpol.int/notices/v1/red/{eid.replace('/', '-')}"
    warrant_country = rng.choice(COUNTRIES)
    return {
        "arrest_warrants": [{"charge": rng.choice(CHARGES), "issuing_country_id": warrant_country,
                             "charge_translation": None}],
        "weight": rng.choice([0, rng.randint(50, 110)]), "forename": rng.choice(GIVEN),
        "date_of_birth": dob, "entity_id": eid, "languages_spoken_ids": rng.choice([None, ["ENG"], ["SPA", "ENG"]]),
        "nationalities": nats, "height": rng.choice([0, round(rng.uniform(1.5, 2.0), 2)]),
        "sex_id": rng.choice("MFU"), "country_of_birth_id": nats[0], "name": rng.choice(FAMILY),
        "distinguishing_marks": None, "eyes_colors_id": rng.choice([None, ["BRO"], ["BLU"]]),
        "hairs_id": rng.choice([None, ["BLA"], ["BRO"]]), "place_of_birth": None,
        "_embedded": {"links": []}, "_links": {"self": {"href": href}, "images": {"href": href + "/images"}},
    }


def write_dataset(path: Path, count: int) -> None:
    rng = random.Random(2026)
    with path.open("w", encoding="utf-8") as fh:
        for i in range(1, count + 1):
            fh.write(json.dumps(red_detail(i, rng)) + "\n")


def run_ncb_import(path: Path, db: Path) -> tuple[float, float]:
    env_url = f"sqlite:///{db}"
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "ncb", "import", str(path), "--json"], check=True,
                   env={"NCB_DATABASE_URL": env_url, "PATH": "/usr/bin:/bin"}, stdout=subprocess.DEVNULL)
    elapsed = time.perf_counter() - start
    peak_mb = max(before, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss) / 1024
    return elapsed, peak_mb


def run_bare_sqlite(path: Path, db: Path) -> float:
    start = time.perf_counter()
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("CREATE TABLE docs (entity_id TEXT PRIMARY KEY, doc TEXT NOT NULL)")
    batch = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            doc = json.loads(line)
            batch.append((doc["entity_id"], line))
            if len(batch) == 500:
                conn.executemany("INSERT INTO docs VALUES (?, ?)", batch)
                conn.commit()
                batch.clear()
    conn.executemany("INSERT INTO docs VALUES (?, ?)", batch)
    conn.commit()
    conn.close()
    return time.perf_counter() - start


def random_filters(n: int) -> list[NoticeFilter]:
    rng = random.Random(7)
    out = []
    for _ in range(n):
        kind = rng.randrange(5)
        if kind == 0:
            out.append(NoticeFilter(public_only=True, nationality=rng.choice(COUNTRIES)))
        elif kind == 1:
            out.append(NoticeFilter(public_only=True, name=rng.choice(FAMILY)[:4].lower()))
        elif kind == 2:
            lo = rng.randint(18, 60)
            out.append(NoticeFilter(public_only=True, age_min=lo, age_max=lo + 5, sex=rng.choice("MF")))
        elif kind == 3:
            out.append(NoticeFilter(public_only=True, warrant_country=rng.choice(COUNTRIES),
                                    nationality=rng.choice(COUNTRIES)))
        else:
            out.append(NoticeFilter(public_only=True, forename=rng.choice(GIVEN)[:3], sex=rng.choice("MF")))
    return out


def pct(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100)[int(q) - 1] if len(values) > 1 else values[0]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--count", type=int, default=100_000)
    ap.add_argument("--queries", type=int, default=300)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "red.jsonl"
        write_dataset(data, args.count)
        ncb_s, peak = run_ncb_import(data, Path(tmp) / "ncb.db")
        bare_s = run_bare_sqlite(data, Path(tmp) / "bare.db")

        engine = make_engine(f"sqlite:///{Path(tmp) / 'ncb.db'}")
        today = datetime.now(UTC).date()
        filters = random_filters(args.queries)
        sql_times = []
        for flt in filters:
            t0 = time.perf_counter()
            list_notices(flt, SqlUnitOfWork(engine, write=False), viewer=Viewer.public(), today=today, per_page=20)
            sql_times.append((time.perf_counter() - t0) * 1000)
        with SqlUnitOfWork(engine, write=False) as uow:
            everything = list(uow.notices.iter_all(NoticeFilter(), today=today))
        engine.dispose()
        mem_times = []
        for flt in filters[: max(20, args.queries // 10)]:
            t0 = time.perf_counter()
            hits = [n for n in everything if flt.matches(n, today)]
            hits[:20]
            mem_times.append((time.perf_counter() - t0) * 1000)
        _ = notice_from_dict

    print(f"\n### Registry benchmark: {args.count:,} red notices (INTERPOL detail JSON lines), SQLite\n")
    print("| measure | ncb | peer in the same run | ratio |")
    print("|---|---|---|---|")
    print(f"| import, notices/s | {args.count / ncb_s:,.0f} | bare sqlite3 insert of the JSON: "
          f"{args.count / bare_s:,.0f} | {bare_s / ncb_s:.2f}x of the ceiling |")
    print(f"| import, peak memory | {peak:,.0f} MB | | |")
    print(f"| filtered list query p50 | {pct(sql_times, 50):.2f} ms | in-memory pure filter: "
          f"{pct(mem_times, 50):.1f} ms | {pct(mem_times, 50) / pct(sql_times, 50):.0f}x faster |")
    print(f"| filtered list query p95 | {pct(sql_times, 95):.2f} ms | in-memory pure filter: "
          f"{pct(mem_times, 95):.1f} ms | |")
    print("\nTargets (issue #2): import >= 5,000 notices/s on 2 cores; list p95 < 20 ms; peak memory < 500 MB.")


if __name__ == "__main__":
    main()
