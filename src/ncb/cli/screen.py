"""``ncb screen`` (travellers or a passenger list against the notices or a watchlist), ``ncb index``
and ``ncb hits`` (the officers' queue)."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import sys
import tempfile
from collections.abc import Callable, Iterable, Iterator
from functools import partial
from itertools import islice
from pathlib import Path
from typing import Any, TextIO

import click

from ncb.cli.context import AppContext, done, pass_app, print_json, print_table, run_guarded
from ncb.cli.data import _progress
from ncb.cli.workers import collect_only_between_chunks, freeze_survivors, keyed_map, single_worker_pools
from ncb.domain.screening import HitStatus
from ncb.errors import ValidationError
from ncb.matching.compare import DEFAULT_THRESHOLD
from ncb.matching.index import ScreeningIndex
from ncb.services import screening as svc

CHUNK = 1000  # records searched together by one process (the NumPy stages pay their per-call cost once for all;
#               1,000 was 3% quicker than 500 on a passenger list, 2,000 no quicker than 1,000)
FIELDS = ["input_id", "watchlist_id", "score", "explanation"]
MAX_LINE = 1 << 20  # bytes: a traveller record is a few hundred; a longer line is refused, never held whole
_INDEX: ScreeningIndex | None = None  # in each worker process
_JSON_LINE = json.JSONEncoder(ensure_ascii=False).encode  # one encoder for every line (json.dumps makes one a call)


def bounded_lines(fh: Any, limit: int = MAX_LINE) -> Iterator[tuple[bytes | None, int]]:
    """(line, bytes consumed) for each line of a binary file, reading at most ``limit`` bytes at a time: a line
    longer than that (a 2 GB file without a newline) comes back as None after being skipped in pieces."""
    while raw := fh.readline(limit + 1):
        if len(raw) <= limit or raw.endswith(b"\n"):
            yield raw, len(raw)
            continue
        skipped = len(raw)
        while (rest := fh.readline(limit)) and not rest.endswith(b"\n"):
            skipped += len(rest)
        yield None, skipped + len(rest)


def read_records(path: Path) -> Iterator[tuple[str, Any, int]]:
    """(where, record, bytes consumed) for each record of a CSV, JSON-lines or MRZ file, streamed (a file of
    any size). A line that is not UTF-8 becomes a record with a problem, not the end of the job."""
    kind = "csv" if path.suffix.lower() == ".csv" else "jsonl" if path.suffix.lower() in (
        ".jsonl", ".ndjson", ".json") else "mrz"
    header: list[str] | None = None
    mrz: list[str] = []
    mrz_start = 0
    name = path.name
    with path.open("rb") as fh:
        for number, (raw, size) in enumerate(bounded_lines(fh), 1):
            where = f"{name}:{number}"
            if raw is None:
                yield where, ValidationError(f"a line of {size:,} bytes, longer than the {MAX_LINE:,} a record may "
                                             "have; is this a traveller list?"), size
                continue
            try:
                line = raw.decode("utf-8-sig" if number == 1 else "utf-8").rstrip("\r\n")
            except UnicodeDecodeError as exc:
                yield where, ValidationError(f"not UTF-8 text ({exc.reason} at byte {exc.start}); "
                                             "convert the file to UTF-8"), size
                continue
            if kind == "mrz":
                if line.strip():
                    if not mrz:
                        mrz_start = number
                    mrz.append(line.strip())
                    if len(mrz) == 3 or (len(mrz) == 2 and len(mrz[0]) in (36, 44)):
                        yield f"{name}:{mrz_start}", "\n".join(mrz), size
                        mrz = []
                    continue
                if mrz:
                    yield f"{name}:{mrz_start}", "\n".join(mrz), size
                    mrz = []
                continue
            if not line.strip():
                continue
            if kind == "jsonl":
                yield where, line, size
            elif header is None:
                header = [h.strip().lower() for h in next(csv.reader([line]))]
                if "name" not in header and "mrz" not in header:
                    raise ValidationError(f"{path.name}: the CSV header needs a 'name' column, found {header}",
                                          field="FILE")
            else:
                values = next(csv.reader([line]))
                yield where, dict(zip(header, values, strict=False)), size
        if mrz:
            yield f"{name}:{mrz_start}", "\n".join(mrz), 0


def _load_worker_index(path: str) -> None:
    global _INDEX
    collect_only_between_chunks()  # the worker runs only _screen_chunk_in_worker, which ends with freeze_survivors
    with open(path, "rb") as fh:
        _INDEX = ScreeningIndex.load(fh)


Screened = tuple[str | None, int, str]  # per record: its problem, or how many hits it has and their output lines


def _screened(index: ScreeningIndex, fmt: str, threshold: float, limit: int, today_iso: str,
              chunk: list[tuple[str, Any]]) -> list[Screened]:
    """A chunk's records screened, each with its output lines already written out: in a worker, so that the
    command's own process only copies them to the output (it shares the cores with the workers)."""
    from datetime import date

    outcomes = svc.screen_records(index, chunk, today=date.fromisoformat(today_iso), threshold=threshold, limit=limit)
    return [(o.problem, 0, "") if o.problem else _written(list(svc.result_lines([o])), fmt) for o in outcomes]


def _screen_chunk(fmt: str, threshold: float, limit: int, today_iso: str,
                  chunk: list[tuple[str, Any]]) -> list[Screened]:
    assert _INDEX is not None, "the worker's index is not loaded"
    return _screened(_INDEX, fmt, threshold, limit, today_iso, chunk)


def _written(lines: list[dict[str, Any]], fmt: str) -> Screened:
    if not lines:
        return None, 0, ""
    if fmt == "csv":
        text = io.StringIO()
        csv.DictWriter(text, fieldnames=FIELDS, lineterminator="\n").writerows(lines)
        return None, len(lines), text.getvalue()
    return None, len(lines), "".join(_JSON_LINE(line) + "\n" for line in lines)


def _screen_chunk_in_worker(fmt: str, threshold: float, limit: int, today_iso: str,
                            chunk: list[tuple[str, Any]]) -> list[Screened]:
    """One chunk in a worker process of the pool, which does nothing else (see :func:`freeze_survivors`)."""
    screened = _screen_chunk(fmt, threshold, limit, today_iso, chunk)
    freeze_survivors()
    return screened


_NAME_FIELD = re.compile(r'"name"\s*:\s*"([^"\\]*(?:\\.[^"\\]*)*)"')  # a JSON string, escapes and all


def _name_of(item: tuple[str, Any]) -> str:
    """The name a record gives, found without reading the record in full (a JSON line is read in the worker): only
    to send each name to the same worker every time, so a record whose name is not found here is still screened
    right. For a machine-readable zone, the line that holds the name."""
    record = item[1]
    if isinstance(record, dict):
        return str(record.get("name") or record.get("mrz") or "")
    if record.lstrip().startswith("{"):
        found = _NAME_FIELD.search(record)
        return found.group(1) if found else str(record)
    lines = record.split("\n")
    return str(lines[2] if len(lines) == 3 else lines[0][5:])


def _chunks(records: Iterator[tuple[str, Any, int]], bar: Callable[[int], None], rejected: list[str],
            size: int = CHUNK) -> Iterator[list[tuple[str, Any]]]:
    while True:
        batch = list(islice(records, size))
        if not batch:
            return
        chunk = []
        for where, record, _consumed in batch:
            if isinstance(record, Exception):
                rejected.append(f"{where}: {record}")
            else:
                chunk.append((where, record))
        bar(sum(consumed for _w, _r, consumed in batch))  # once a chunk: the bar takes a lock to move
        yield chunk


def _load_watchlist(path: Path) -> ScreeningIndex:
    people = []
    problems = []
    with path.open("rb") as fh:
        for number, (raw, size) in enumerate(bounded_lines(fh), 1):
            if raw is None:
                problems.append(f"{path.name}:{number}: a line of {size:,} bytes is not a watchlist entry")
                continue
            if not raw.strip():
                continue
            try:
                people.append(svc.watchlist_entry(json.loads(raw), f"{path.name}:{number}"))
            except (json.JSONDecodeError, UnicodeDecodeError) as exc:
                problems.append(f"{path.name}:{number}: not valid JSON: {exc}")
            except ValidationError as exc:
                problems.append(f"{path.name}:{number}: {exc}")
    if problems:
        raise ValidationError(f"the watchlist has {len(problems)} bad entries; first: {problems[0]}",
                              field="--watchlist")
    return ScreeningIndex.build(people)


@click.command("screen")
@click.argument("file", type=click.Path(path_type=Path, exists=True, dir_okay=False))
@click.option("--watchlist", type=click.Path(path_type=Path, exists=True, dir_okay=False),
              help='Screen against this JSON-lines list ({"id", "names": [...], "date_of_birth", "nationalities", '
                   '"sex"}) instead of the notices.')
@click.option("--index", "index_file", type=click.Path(path_type=Path, exists=True, dir_okay=False),
              help="Screen against an index saved by `ncb index build` (no database needed).")
@click.option("--bundle", "bundle_file", type=click.Path(path_type=Path, exists=True, dir_okay=False),
              help="Screen against a signed offline bundle (no database); needs --public-key.")
@click.option("--public-key", type=click.Path(path_type=Path, exists=True, dir_okay=False),
              help="The issuer's public key, to verify --bundle.")
@click.option("--threshold", type=click.FloatRange(0, 1), default=DEFAULT_THRESHOLD, show_default=True,
              help="Lowest score reported as a hit.")
@click.option("--limit", type=click.IntRange(1, 100), default=5, show_default=True, help="Most hits per traveller.")
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv"]), default="jsonl", show_default=True)
@click.option("--output", "-o", type=click.Path(path_type=Path, allow_dash=True), default="-", show_default=True)
@click.option("--workers", type=click.IntRange(1, 256), default=None, help="Processes (default: every core).")
@click.option("--scheduler", metavar="ADDRESS", help="Run on a Dask cluster (e.g. tcp://10.0.0.5:8786).")
@pass_app
@run_guarded
def screen_command(app: AppContext, file: Path, watchlist: Path | None, index_file: Path | None,
                   bundle_file: Path | None, public_key: Path | None, threshold: float,
                   limit: int, fmt: str, output: Path, workers: int | None, scheduler: str | None) -> None:
    """Screen travellers (CSV, JSON lines or MRZ lines) against the published notices or a watchlist.

    Input records: {"id", "name", "date_of_birth", "nationality", "sex", "document_number"} (all but id and name
    optional), as JSON lines or a CSV with those columns; or machine-readable zones, one document per 2-3 lines.
    Output lines: {"input_id", "watchlist_id", "score", "explanation"}. A bad record is reported and skipped; the
    count of rejected records is printed at the end.

    \b
    Examples:
      ncb screen passengers.csv -o hits.jsonl
      ncb screen travellers.jsonl --watchlist list.jsonl --threshold 0.8 --format csv
      ncb screen desk.mrz --bundle fiji.bundle --public-key tokyo.pub
    """
    today = app.today()
    if bundle_file:
        from ncb.cli.bundles import read_public_key
        from ncb.services.bundles import load_bundle

        if not public_key:
            raise ValidationError("--bundle needs --public-key to check the bundle's signature", field="--public-key")
        _, index = load_bundle(bundle_file.read_bytes(), read_public_key(public_key), now=app.now())
    elif watchlist:
        index = _load_watchlist(watchlist)
    elif index_file:
        with index_file.open("rb") as fh:
            index = ScreeningIndex.load(fh)
    else:
        svc.record_screening_job(app.uow(), actor=app.who, now=app.now(), source=file.name)
        index = svc.build_index(app.uow(write=False), today=today)
    workers = workers or os.cpu_count() or 1
    rejected: list[str] = []
    screened = hits = 0
    out_fh: TextIO = sys.stdout if str(output) == "-" else output.open("w", encoding="utf-8")
    if fmt == "csv":
        csv.DictWriter(out_fh, fieldnames=FIELDS, lineterminator="\n").writeheader()
    size = file.stat().st_size

    def consume(results: Iterable[list[Screened]]) -> None:
        nonlocal screened, hits
        for chunk in results:
            texts = []
            for problem, found, text in chunk:
                if problem:
                    rejected.append(problem)
                    continue
                screened += 1
                hits += found
                texts.append(text)
            out_fh.write("".join(texts))  # a chunk's lines at once

    with _progress() as bar, tempfile.TemporaryDirectory() as tmp:
        task = bar.add_task(f"screening {file.name}", total=size)
        advance = partial(bar.advance, task)
        if scheduler:
            run = partial(_screen_chunk, fmt, threshold, limit, today.isoformat())
            consume(_dask_results(scheduler, index, run, _chunks(read_records(file), advance, rejected)))
        elif workers > 1 and size > 200_000:
            path = str(index_file) if index_file else str(Path(tmp) / "index.npz")  # the workers load it
            if not index_file:
                with open(path, "wb") as index_out:
                    index.save(index_out)
            in_worker = partial(_screen_chunk_in_worker, fmt, threshold, limit, today.isoformat())
            # each worker gets the travellers of its own names (see keyed_map), about CHUNK of them per round
            chunks = _chunks(read_records(file), advance, rejected, CHUNK * workers)
            with single_worker_pools(workers, _load_worker_index, (path,)) as pools:
                consume(keyed_map(pools, in_worker, chunks, key=_name_of, ahead=2))
        else:
            here = partial(_screened, index, fmt, threshold, limit, today.isoformat())
            consume(here(chunk) for chunk in _chunks(read_records(file), advance, rejected))
    if out_fh is not sys.stdout:
        out_fh.close()
    click.echo(f"screened {screened} records: {hits} hits, {len(rejected)} rejected", err=True)
    for problem in rejected[:20]:
        click.echo(f"  rejected {problem}", err=True)
    if len(rejected) > 20:
        click.echo(f"  ... and {len(rejected) - 20} more", err=True)


def _dask_results(address: str, index: ScreeningIndex, run: Callable[[list[tuple[str, Any]]], list[Screened]],
                  chunks: Iterator[list[tuple[str, Any]]]) -> Iterator[list[Screened]]:
    """The same job on a Dask cluster: the index travels once to every worker."""
    from distributed import Client

    buf = io.BytesIO()
    index.save(buf)
    with Client(address) as client:  # type: ignore[no-untyped-call]
        blob = client.scatter(buf.getvalue(), broadcast=True)
        futures = [client.submit(_dask_chunk, blob, run, chunk, pure=False) for chunk in chunks]
        for future in futures:
            yield future.result()


def _dask_chunk(blob: bytes, run: Callable[[list[tuple[str, Any]]], list[Screened]],
                chunk: list[tuple[str, Any]]) -> list[Screened]:
    global _INDEX
    key = hash(blob[:64]) ^ len(blob)
    if _INDEX is None or getattr(_INDEX, "_blob_key", None) != key:
        _INDEX = ScreeningIndex.load(io.BytesIO(blob))
        _INDEX._blob_key = key  # type: ignore[attr-defined]
    return run(chunk)


@click.group("index")
def index_group() -> None:
    """The screening index over the published notices."""


@index_group.command("build")
@click.option("--output", "-o", type=click.Path(path_type=Path), required=True, help="The index file to write.")
@pass_app
@run_guarded
def index_build(app: AppContext, output: Path) -> None:
    """Build the screening index from the database and save it to one file.

    \b
    Example:
      ncb index build -o notices.index.npz
    """
    index = svc.build_index(app.uow(write=False), today=app.today())
    tmp = output.with_name(output.name + ".part")
    with tmp.open("wb") as fh:
        index.save(fh)
    tmp.replace(output)
    done(f"indexed {len(index)} persons into {output} ({output.stat().st_size / 1e6:.1f} MB)")


@click.group("hits")
def hits_group() -> None:
    """The screening hits waiting for your bureau's officers."""


@hits_group.command("list")
@click.option("--status", type=click.Choice([s.value for s in HitStatus] + ["all"]), default="pending",
              show_default=True)
@click.option("--json", "as_json", is_flag=True, help="JSON for programs.")
@pass_app
@run_guarded
def hits_list(app: AppContext, status: str, as_json: bool) -> None:
    """List the hit queue.

    \b
    Example:
      ncb hits list --status pending
    """
    hits = svc.hit_queue(app.uow(), actor=app.who, now=app.now(), status=None if status == "all" else HitStatus(status))
    rows = [{"id": h.id, "entity_id": h.entity_id, "score": h.score, "status": h.status.value,
             "screened_by": h.screened_by, "disclosed": h.disclosed, "traveller": ", ".join(h.query.get("names", [])),
             "explanation": h.explanation.get("explanation"), "created_at": h.created_at.isoformat(),
             "decided_by": h.decided_by, "reason": h.reason} for h in hits]
    if as_json:
        print_json(rows)
    else:
        print_table(f"{len(rows)} hits", ["id", "notice", "score", "status", "traveller", "why"],
                    [(r["id"], r["entity_id"], f"{r['score']:.2f}", r["status"], r["traveller"], r["explanation"])
                     for r in rows])


def _decide(status: HitStatus) -> click.Command:
    verb = "confirm" if status is HitStatus.CONFIRMED else "dismiss"

    @click.command(verb, help=f"Mark a hit {status.value}, with a reason.\n\n\b\nExample:\n  ncb hits {verb} 12 "
                              '--reason "passport and photo checked"')
    @click.argument("hit_id", type=int)
    @click.option("--reason", required=True, help="Why (recorded).")
    @pass_app
    @run_guarded
    def command(app: AppContext, hit_id: int, reason: str) -> None:
        hit = svc.decide_hit(hit_id, status, app.uow(), actor=app.who, now=app.now(), reason=reason)
        done(f"hit {hit.id} on {hit.entity_id} {hit.status.value}")

    return command


hits_group.add_command(_decide(HitStatus.CONFIRMED))
hits_group.add_command(_decide(HitStatus.DISMISSED))
