"""Screening speed: a synthetic watchlist (all scripts, with aliases), one query at a time on one core,
a passenger list on every core, index build time and memory. Peers in the same run, on the same pairs:
a plain rapidfuzz comparison (the floor any design pays per pair) and, when its virtualenv exists
(`bash benchmarks/setup_peers.sh`), nomenklatura's logic-v2 (yente's default algorithm).

Run: .venv/bin/python benchmarks/bench_screening_speed.py [--names 1000000] [--queries 2000]
     [--listed 100000] [--travellers 1000000] [--rounds 3]

The passenger list runs ``--rounds`` times, the engine and the command in turn, and each reports its median
(these machines are shared: one run can land on a slow minute).
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from datetime import date
from functools import partial
from multiprocessing import get_context
from pathlib import Path

from faker import Faker

from ncb.cli.workers import collect_only_between_chunks, freeze_survivors, keyed_map, single_worker_pools
from ncb.matching import Person
from ncb.matching.index import ScreeningIndex
from ncb.web.serving import freeze_long_lived

LOCALES = [("en_US", 30), ("es_ES", 8), ("fr_FR", 6), ("de_DE", 6), ("pt_BR", 6), ("it_IT", 4), ("ru_RU", 10),
           ("ja_JP", 10), ("zh_CN", 8), ("ko_KR", 5), ("ar_AA", 7)]
HERE = Path(__file__).resolve().parent


def synthetic_people(count: int, seed: int) -> list[Person]:
    """Listed persons: names from Faker's locales (their own scripts), a Latin alias for some, dates."""
    rng = random.Random(seed)
    fakers = {loc: Faker(loc) for loc, _ in LOCALES}
    for i, (_loc, f) in enumerate(fakers.items()):
        f.seed_instance(seed + i)
    weights = [w for _, w in LOCALES]
    names = {loc: [f.name() for _ in range(min(count, 5000))] for loc, f in fakers.items()}
    latin = [fakers["en_US"].name() for _ in range(5000)]
    people = []
    for i in range(count):
        loc = rng.choices([loc for loc, _ in LOCALES], weights)[0]
        own = [rng.choice(names[loc])]
        if rng.random() < 0.3:
            own.append(rng.choice(latin))
        y = rng.randint(1940, 2008)
        dob = rng.choice([f"{y}", f"{y}/{rng.randint(1, 12):02d}/{rng.randint(1, 28):02d}"])
        people.append(Person(f"{2000 + i % 26}/{i:07d}", tuple(own), dob, (), rng.choice("MF")))
    return people


def _full_date(text: str | None, rng: random.Random) -> str | None:
    """A traveller's date of birth as a passport gives it: a listed year alone gets a month and a day."""
    if text is None or len(text) > 4:
        return text
    return f"{text}/{rng.randint(1, 12):02d}/{rng.randint(1, 28):02d}"


def queries_from(people: list[Person], count: int, seed: int) -> list[Person]:
    """Half are listed persons written another way (typos, order), half are strangers; every date of birth is
    whole, as in a passport's machine-readable zone (a listed person known by a year of birth only travels with
    a full date in that year)."""
    rng = random.Random(seed)
    strangers = synthetic_people(count, seed + 99)
    out = []
    for i in range(count):
        if i % 2:
            out.append(Person(f"q{i}", strangers[i].names[:1], _full_date(strangers[i].date_of_birth, rng)))
            continue
        p = rng.choice(people)
        name = p.names[-1]
        parts = name.split()
        if len(parts) > 1 and rng.random() < 0.5:
            name = " ".join(reversed(parts))
        if len(name) > 5 and rng.random() < 0.3:
            j = rng.randrange(1, len(name) - 1)
            name = name[:j] + name[j + 1:]
        out.append(Person(f"q{i}", (name,), _full_date(p.date_of_birth, rng)))
    return out


def _spread(rates: list[float]) -> str:
    return ", ".join(f"{r:,.0f}" for r in rates)


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def pct(values: list[float], q: int) -> float:
    return statistics.quantiles(values, n=100)[q - 1]


def _fresh_process_rss(path: Path) -> float:
    """Resident memory a new interpreter gains by loading the index (current RSS from /proc, not the peak:
    a child forked from a large parent inherits the parent's peak)."""
    code = ("import re,sys\nfrom ncb.matching.index import ScreeningIndex\n"
            "rss=lambda: int(re.search(r'VmRSS:\\s+(\\d+)', open('/proc/self/status').read()).group(1))\n"
            "base=rss()\nidx=ScreeningIndex.load(open(sys.argv[1],'rb'))\nprint(rss()-base)")
    out = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True, text=True, check=True)
    return int(out.stdout.strip()) / 1024


def build(people: list[Person], workers: int) -> tuple[ScreeningIndex, float]:
    start = time.perf_counter()
    with ProcessPoolExecutor(workers, mp_context=get_context("forkserver")) as pool:
        index = ScreeningIndex.build(people, mapper=partial(pool.map, chunksize=1))
    return index, time.perf_counter() - start


_INDEX: ScreeningIndex | None = None


def _load(path: str) -> None:
    global _INDEX
    collect_only_between_chunks()  # as the workers of ncb screen do
    with open(path, "rb") as fh:
        _INDEX = ScreeningIndex.load(fh)


def _screen(chunk: list[Person]) -> list[tuple[int, float]]:
    """One worker's part of a chunk of the passenger list, searched together as the worker processes of `ncb screen`
    do (then the survivors frozen, as they do): for each traveller, the hits found and the worker's peak resident
    memory so far (index and caches)."""
    assert _INDEX is not None
    found = [len(hits) for hits in _INDEX.search_many(chunk, threshold=0.7)]
    freeze_survivors()
    rss = rss_mb()
    return [(n, rss) for n in found]


def _name(traveller: Person) -> str:
    return traveller.names[0]


def screen_command(travellers: list[Person], index_path: str, workers: int, tmp: Path) -> tuple[float, int]:
    """The same passenger list through the command a user runs: a JSON-lines file in, hits out, the index from a
    file; seconds from start to exit, and the hits written."""
    pax, hits = tmp / "travellers.jsonl", tmp / "hits.jsonl"
    with pax.open("w", encoding="utf-8") as fh:
        for t in travellers:
            record = {"id": t.id, "name": t.names[0], "date_of_birth": t.date_of_birth, "sex": t.sex}
            fh.write(json.dumps({k: v for k, v in record.items() if v}, ensure_ascii=False) + "\n")
    command = [str(Path(sys.executable).with_name("ncb")), "screen", str(pax), "--index", index_path, "--workers",
               str(workers), "-o", str(hits)]
    t0 = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True)
    elapsed = time.perf_counter() - t0
    with hits.open("rb") as fh:
        return elapsed, sum(1 for _ in fh)


def rapidfuzz_pairs(pairs: list[tuple[str, str]]) -> float:
    from anyascii import anyascii
    from rapidfuzz import fuzz

    for a, b in pairs:  # anyascii reads its tables of each script from disk on first use: not the peer's speed
        fuzz.token_sort_ratio(anyascii(a).lower(), anyascii(b).lower())
    start = time.perf_counter()
    for a, b in pairs:
        fuzz.token_sort_ratio(anyascii(a).lower(), anyascii(b).lower())
    return (time.perf_counter() - start) / len(pairs) * 1e6


def logic_v2_pairs(pairs: list[tuple[str, str]]) -> float | None:
    python = HERE / ".venv-peers" / "bin" / "python"
    script = HERE / "peers" / "logic_v2_speed.py"
    if not python.exists() or not script.exists():
        return None
    out = subprocess.run([str(python), str(script)], input=json.dumps(pairs), capture_output=True, text=True,
                         timeout=1800)
    if out.returncode != 0:
        print(out.stderr[-2000:], file=sys.stderr)
        return None
    return float(json.loads(out.stdout)["us_per_pair"])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--names", type=int, default=1_000_000)
    ap.add_argument("--queries", type=int, default=2000)
    ap.add_argument("--listed", type=int, default=100_000)
    ap.add_argument("--travellers", type=int, default=1_000_000)
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--rounds", type=int, default=3, help="runs of the passenger list, engine and command in turn")
    args = ap.parse_args()
    rows: list[tuple[str, str, str]] = []

    people = synthetic_people(args.names, 1)
    gc.collect()
    before = rss_mb()
    index, build_s = build(people, args.workers)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "index.npz"
        with path.open("wb") as fh:
            index.save(fh)
        size_mb = path.stat().st_size / 1e6
        del index
        gc.collect()
        t0 = time.perf_counter()
        with path.open("rb") as fh:
            index = ScreeningIndex.load(fh)
        load_s = time.perf_counter() - t0
        loaded_mb = _fresh_process_rss(path)
    rows.append(("index build", f"{args.names:,} names in {build_s:.0f} s ({args.names / build_s:,.0f} names/s, "
                 f"{args.workers} processes)", ""))
    rows.append(("index memory", f"{loaded_mb:,.0f} MB resident in a fresh process holding only the loaded index "
                 f"(file {size_mb:,.0f} MB, loads in {load_s:.1f} s; the build itself peaked "
                 f"{rss_mb() - before:,.0f} MB above its start)", "target < 1,000 MB"))

    queries = queries_from(people, args.queries, 2)
    freeze_long_lived()  # as the web app does once its index is built
    for q in queries[:50]:
        index.search(q)  # warm caches of the transliterators
    times = []
    pairs: list[tuple[str, str]] = []
    for q in queries:
        t0 = time.perf_counter()
        hits = index.search(q)
        times.append((time.perf_counter() - t0) * 1000)
        for h in hits[:1]:
            pairs.append((q.names[0], index.person(index.position[h.candidate_id])[0].names[0]))
    rows.append(("one query, one core", f"p50 {pct(times, 50):.2f} ms, p99 {pct(times, 99):.2f} ms",
                 "target p99 < 5 ms"))

    while len(pairs) < 2000:
        a, b = random.Random(len(pairs)).sample(people, 2)
        pairs.append((a.names[0], b.names[0]))
    rf = rapidfuzz_pairs(pairs)
    lv2 = logic_v2_pairs(pairs[:2000])
    rows.append(("peer: rapidfuzz token_sort_ratio per pair", f"{rf:.1f} µs/pair", "floor (no transliteration)"))
    rows.append(("peer: nomenklatura logic-v2 per pair",
                 f"{lv2:.0f} µs/pair" if lv2 is not None else "not run (bash benchmarks/setup_peers.sh)",
                 "per-pair cost; yente also searches Elasticsearch"))
    ncb_per_query = statistics.median(times) * 1000
    rows.append(("ncb per query (retrieval + at most 8 candidates fully scored)", f"{ncb_per_query:.0f} µs/query", ""))

    listed = people[: args.listed]
    small, _ = build(listed, args.workers)
    travellers = queries_from(listed, args.travellers, 3)
    engine_rates: list[float] = []
    command_rates: list[float] = []
    with tempfile.TemporaryDirectory() as tmp:
        path = str(Path(tmp) / "listed.npz")
        with open(path, "wb") as fh:
            small.save(fh)
        chunks = [travellers[i:i + 1000 * args.workers] for i in range(0, len(travellers), 1000 * args.workers)]
        for _round in range(args.rounds):  # the engine, then the command, in turn: the host's mood falls on both
            t0 = time.perf_counter()
            with single_worker_pools(args.workers, _load, (path,)) as pools:  # each name to one worker, as ncb screen
                done = [t for chunk in keyed_map(pools, _screen, chunks, key=_name, ahead=2) for t in chunk]
            engine_rates.append(args.travellers / (time.perf_counter() - t0))
            command_s, command_hits = screen_command(travellers, path, args.workers, Path(tmp))
            command_rates.append(args.travellers / command_s)
    hits = sum(found for found, _rss in done)
    worker_mb = max(rss for _found, rss in done)
    distinct = len({t.names for t in travellers})
    rounds = f"median of {args.rounds} runs" if args.rounds > 1 else "one run"
    rows.append((f"{args.travellers:,} travellers vs {args.listed:,} listed: the engine",
                 f"{statistics.median(engine_rates):,.0f} travellers/s ({rounds}: {_spread(engine_rates)}; "
                 f"{hits:,} hits, {args.workers} processes, {distinct:,} distinct names; a worker's peak memory "
                 f"{worker_mb:,.0f} MB with its caches)",
                 "target >= 20,000/s; search_many on about 1,000 at a time, a name always to the same process"))
    rows.append((f"{args.travellers:,} travellers vs {args.listed:,} listed: `ncb screen` end to end",
                 f"{statistics.median(command_rates):,.0f} travellers/s ({rounds}: {_spread(command_rates)}; "
                 f"{command_hits:,} hits; from start to exit, reading JSON lines and writing hits with their "
                 "explanations)",
                 "target >= 20,000/s; --index FILE --workers " + str(args.workers)))

    print(f"\n### Screening speed ({date.today().isoformat()}, {os.cpu_count()} cores)\n")
    print("| measure | result | note |")
    print("|---|---|---|")
    for r in rows:
        print("| " + " | ".join(r) + " |")


if __name__ == "__main__":
    main()
