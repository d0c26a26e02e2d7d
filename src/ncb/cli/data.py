"""Moving data in and out: ``ncb demo``, ``ncb import``, ``ncb export``."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable, Iterator
from functools import partial
from pathlib import Path
from typing import Any

import click
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from ncb.cli.context import AppContext, done, pass_app, print_json, run_guarded
from ncb.cli.workers import bounded_map, process_pool
from ncb.domain.documents import notice_from_dict
from ncb.domain.interchange.interpol import parse_notice
from ncb.domain.notices import Notice, NoticeType
from ncb.domain.search import NoticeFilter
from ncb.errors import ImportRecordError, ValidationError
from ncb.services.demo import load_demo
from ncb.services.exports import ExportFormat, export_lines
from ncb.services.imports import OnConflict, Record, import_notices


def _progress() -> Progress:
    return Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                    transient=True, disable=not sys.stderr.isatty(), console=None)


@click.command("demo")
@click.option("--size", default=500, show_default=True, type=click.IntRange(0, 1_000_000),
              help="How many notices besides the seed bureau's own.")
@click.option("--seed", default=2026, show_default=True, type=int, help="The same seed gives the same data.")
@click.option("--if-empty", is_flag=True, help="Do nothing when the database already holds notices.")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON summary.")
@pass_app
@run_guarded
def demo_command(app: AppContext, size: int, seed: int, if_empty: bool, as_json: bool) -> None:
    """Load a realistic synthetic dataset: every notice type, many countries, names in Latin, Japanese,
    Chinese, Cyrillic, Arabic and Korean scripts, partial dates, photos; Japan's bureau has exactly the
    seed page's public notices.

    \b
    Example:
      ncb demo --size 2000 --seed 7
    """
    from ncb.demo.generate import generate_demo
    from ncb.storage.migrate import upgrade

    upgrade(app.engine)
    with app.uow(write=False) as uow:
        existing = uow.notices.count()
    if if_empty and existing:
        summary = {"loaded": 0, "already_stored": existing}
        print_json(summary) if as_json else done(f"the database already holds {existing} notices; nothing loaded")
        return
    data = generate_demo(size=size, seed=seed, today=app.today())
    with _progress() as bar:
        task = bar.add_task("loading demo notices", total=len(data.notices))
        count = load_demo(data.notices, data.images, app.uow(), now=app.now(),
                          progress=lambda n: bar.advance(task, n), news=data.news)
    summary = {"loaded": count, "images": len(data.images), "news": len(data.news), "seed": seed}
    print_json(summary) if as_json else done(f"loaded {count} demo notices and {len(data.images)} images")


def _records_of(path: Path) -> Callable[[], Iterator[Record]]:
    """A fresh iterator over (where, JSON value) for each pass of the import."""
    if not path.is_file():
        raise ValidationError(f"{path}: no such file", field="FILE")

    def lines() -> Iterator[Record]:
        # Raw lines: they are decoded where they are parsed (in a worker process, for large files).
        with path.open("rb") as fh:
            for number, raw in enumerate(fh, 1):
                if raw.strip():
                    yield f"{path.name}:{number}", raw

    def document() -> Iterator[Record]:
        try:
            data = json.loads(path.read_bytes())
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            raise ImportRecordError(f"not valid JSON: {exc}", record=path.name) from None
        if isinstance(data, dict) and isinstance(data.get("_embedded"), dict) and "notices" in data["_embedded"]:
            items = data["_embedded"]["notices"]
            label = "_embedded.notices"
        elif isinstance(data, list):
            items, label = data, ""
        else:
            items, label = [data], None
        if not isinstance(items, list):
            raise ImportRecordError("_embedded.notices is not a list", record=path.name)
        for i, item in enumerate(items):
            yield (f"{path.name}" if label is None else f"{path.name}:{label}[{i}]"), item

    if path.suffix in (".jsonl", ".ndjson"):
        return lines
    with path.open("rb") as fh:
        head = fh.read(1).lstrip() or b"{"
    return document if head in (b"{", b"[") else lines


def parse_record(fmt: str, default_owner: str, data: Any, where: str) -> Notice:
    """One record in the chosen format (auto: native when it has a ``subject``, else INTERPOL's); raw
    bytes are decoded as JSON first."""
    if isinstance(data, bytes | str):
        try:
            data = json.loads(data)
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            raise ImportRecordError(f"not valid JSON: {exc}", record=where) from None
    native = fmt == "native" or (fmt == "auto" and isinstance(data, dict) and "subject" in data)
    if native:
        return notice_from_dict(data, record=where)
    return parse_notice(data, where=where, default_owner=default_owner).notice


def _count(path: Path, records: Callable[[], Iterator[Record]]) -> int:
    if path.suffix in (".jsonl", ".ndjson"):
        with path.open("rb") as fh:
            return sum(1 for line in fh if line.strip())
    return sum(1 for _ in records())


@click.command("import")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["auto", "interpol", "native"]), default="auto",
              show_default=True, help="interpol: INTERPOL public-API JSON (lists, details, UN); native: ncb's own.")
@click.option("--on-conflict", type=click.Choice([c.value for c in OnConflict]), default="error", show_default=True,
              help="A stored notice with the same entity_id but different content: refuse, keep it, or replace it.")
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
@pass_app
@run_guarded
def import_command(app: AppContext, files: tuple[Path, ...], fmt: str, on_conflict: str, as_json: bool) -> None:
    """Import notices from JSON files (a list or detail response, a JSON array, or JSON lines).

    Idempotent by entity_id. Every record is checked first: if any is bad, each problem is listed with its
    file, line and field, and nothing is stored.

    \b
    Example:
      ncb import red_list.json yellow_details.jsonl
    """
    from ncb.storage.migrate import upgrade

    upgrade(app.engine)
    totals: dict[str, Any] = {"files": []}
    parse = partial(parse_record, fmt, app.settings.bureau)
    workers = os.cpu_count() or 1
    for path in files:
        records = _records_of(path)
        total = _count(path, records)
        # Workers do not inherit the parent's database connections (a killed import must not leave a forked
        # child holding its transaction open), and leave when the import's process dies.
        with _progress() as bar, process_pool(workers) as pool:
            tasks = {stage: bar.add_task(f"{stage} {path.name}", total=total) for stage in ("checking", "writing")}
            mapper = partial(bounded_map, pool, ahead=2 * workers) if total > 2000 and workers > 1 else None
            report = import_notices(records, parse, app.uow(), actor=app.who, now=app.now(),
                                    on_conflict=OnConflict(on_conflict), mapper=mapper,
                                    progress=lambda stage, n, t=tasks: bar.advance(t[stage], n))  # type: ignore[misc]
        totals["files"].append({"file": str(path), **report.as_dict()})
        if not as_json:
            done(f"{path.name}: {report.created} new, {report.updated} updated, {report.unchanged} unchanged, "
                 f"{report.skipped} kept as stored")
    if as_json:
        print_json(totals)


@click.command("export")
@click.option("--format", "fmt", type=click.Choice([f.value for f in ExportFormat]), default="interpol",
              show_default=True, help="interpol: detail JSON lines; ftm: FollowTheMoney JSON lines; csv.")
@click.option("--output", "-o", type=click.Path(path_type=Path, allow_dash=True), default="-", show_default=True,
              help="File to write, - for standard output.")
@click.option("--type", "types", multiple=True, type=click.Choice([t.value for t in NoticeType]),
              help="Only these notice types (repeatable).")
@click.option("--public-only", is_flag=True, help="Only published notices with a public extract.")
@pass_app
@run_guarded
def export_command(app: AppContext, fmt: str, output: Path, types: tuple[str, ...], public_only: bool) -> None:
    """Export the notices you may see (a disclosure: it needs --purpose, and is recorded in the audit trail).

    \b
    Examples:
      ncb --purpose "screening tool refresh" export --format ftm -o notices.ftm.jsonl
      ncb --purpose "weekly list for border posts" export --format csv --type red --public-only > red.csv
    """
    flt = NoticeFilter(types=frozenset(NoticeType(t) for t in types), public_only=public_only)
    lines = export_lines(ExportFormat(fmt), flt, app.uow(), actor=app.who, today=app.today(), now=app.now(),
                         base_url=app.settings.base_url, reader=app.uow(write=False))
    count = 0
    if str(output) == "-":
        for line in lines:
            sys.stdout.write(line)
            count += 1
        sys.stdout.flush()
    else:
        tmp = output.with_name(output.name + ".part")
        with tmp.open("w", encoding="utf-8") as fh:
            for line in lines:
                fh.write(line)
                count += 1
        tmp.replace(output)  # a reader never sees half a file
        done(f"wrote {count} lines to {output}")
