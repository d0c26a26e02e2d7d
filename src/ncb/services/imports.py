"""Importing notices (INTERPOL public-API JSON or the native form), idempotent by ``entity_id``.

Two passes over the records. *Checking* parses every record, checks it against the others and against
what is stored; if anything is wrong, every problem is reported and nothing is written. *Writing*
parses again and stores in batches, each batch one transaction, so a notice is always either fully
stored or absent, even if the process is killed; running the same import again completes it.

Parsing and preparing rows are pure, so both passes can run on every core: pass a ``mapper`` such as
a process pool's ``map``; the main process then only reads records and writes rows.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import datetime
from enum import StrEnum
from functools import partial
from itertools import islice
from typing import Any, TypeVar

from ncb.domain.documents import content_hash
from ncb.domain.identity import Actor, Permission
from ncb.domain.notices import Action, Notice, NoticeStatus, Transition
from ncb.errors import NcbError, ValidationError
from ncb.services import audit
from ncb.services.ports import UnitOfWork

Record = tuple[str, Any]  # (where it came from, e.g. "file.json:12", the JSON value or its raw bytes)
Parser = Callable[[Any, str], Notice]
Preparer = Callable[[Notice, str], Any]
Checked = tuple[str, str | None, str | None, str | None]  # where, entity_id, content hash, problem
Ready = tuple[str, str, str, Any]  # entity_id, status, content hash, prepared rows
T = TypeVar("T")
Mapper = Callable[[Callable[[list[Record]], list[T]], Iterable[list[Record]]], Iterable[list[T]]]
Progress = Callable[[str, int], None]  # (stage: "checking" | "writing", records done since the last call)
CHUNK = 500


class OnConflict(StrEnum):
    """What to do with a stored notice whose content differs from the imported one."""

    ERROR = "error"
    SKIP = "skip"
    UPDATE = "update"


@dataclass
class ImportReport:
    created: int = 0
    unchanged: int = 0
    updated: int = 0
    skipped: int = 0
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def as_dict(self) -> dict[str, Any]:
        return {"created": self.created, "unchanged": self.unchanged, "updated": self.updated,
                "skipped": self.skipped, "problems": list(self.problems)}


class ImportRejected(ValidationError):
    """The import was refused as a whole; ``report.problems`` lists every bad record."""

    def __init__(self, report: ImportReport) -> None:
        first = report.problems[0] if report.problems else "no records"
        more = f" (and {len(report.problems) - 1} more)" if len(report.problems) > 1 else ""
        super().__init__(f"nothing was imported: {first}{more}")
        self.report = report


def check_records(parse: Parser, chunk: list[Record]) -> list[Checked]:
    """Pass 1 on a chunk: each record's entity_id and content hash, or its problem."""
    out: list[Checked] = []
    for where, data in chunk:
        try:
            notice = parse(data, where)
        except NcbError as exc:
            out.append((where, None, None, f"{where}: {exc}"))
            continue
        out.append((where, notice.entity_id, content_hash(notice), None))
    return out


def prepare_records(parse: Parser, prepare: Preparer, now: datetime, chunk: list[Record]) -> list[Ready]:
    """Pass 2 on a chunk of checked records: each notice as the rows storage will write."""
    out: list[Ready] = []
    for where, data in chunk:
        notice = replace(parse(data, where), created_at=now)
        h = content_hash(notice)
        out.append((notice.entity_id, notice.status.value, h, prepare(notice, h)))
    return out


def _chunks(records: Iterable[Record], size: int = CHUNK) -> Iterator[list[Record]]:
    it = iter(records)
    while chunk := list(islice(it, size)):
        yield chunk


def _run(mapper: Mapper[T] | None, fn: Callable[[list[Record]], list[T]], records: Iterable[Record]) -> Iterable[
        list[T]]:
    return mapper(fn, _chunks(records)) if mapper else map(fn, _chunks(records))


def check_import(records: Iterable[Record], parse: Parser, uow: UnitOfWork, *,
                 on_conflict: OnConflict = OnConflict.ERROR, mapper: Mapper[Checked] | None = None,
                 progress: Progress | None = None) -> tuple[ImportReport, dict[str, str]]:
    """Pass 1: every problem, and nothing written. Returns the report and each entity_id's content hash."""
    report = ImportReport()
    seen: dict[str, str] = {}  # entity_id -> where first seen
    hashes: dict[str, str] = {}
    for chunk in _run(mapper, partial(check_records, parse), records):
        for where, entity_id, h, problem in chunk:
            if problem is not None or entity_id is None or h is None:
                report.problems.append(problem or f"{where}: unreadable")
            elif entity_id not in hashes:
                seen[entity_id] = where
                hashes[entity_id] = h
            elif hashes[entity_id] != h:
                report.problems.append(f"{where}: entity_id {entity_id} appears again with different content "
                                       f"(first at {seen[entity_id]})")
        if progress:
            progress("checking", len(chunk))
    if on_conflict is OnConflict.ERROR and hashes:
        with uow:
            stored = uow.notices.hashes(list(hashes))
        for entity_id, stored_hash in stored.items():
            if hashes[entity_id] != stored_hash:
                report.problems.append(
                    f"{seen[entity_id]}: entity_id {entity_id} is already stored with different content "
                    "(use --on-conflict update to replace it, or skip to keep it)")
    return report, hashes


def import_notices(records: Callable[[], Iterable[Record]], parse: Parser, uow: UnitOfWork, *, actor: Actor,
                   now: datetime, on_conflict: OnConflict = OnConflict.ERROR, mapper: Mapper[Any] | None = None,
                   progress: Progress | None = None) -> ImportReport:
    """Check everything, then write in batches; ``records`` is called once per pass. Raises
    :class:`ImportRejected` (nothing written, the refusal recorded) when any record is bad.

    Each batch that creates or updates notices is an audit event in the batch's own transaction, with the
    entity ids it wrote in the payload."""
    if not actor.can(Permission.IMPORT):
        audit.refuse(uow, actor=actor, action="notices.import", object="import", now=now, reason="permission denied")
        actor.require(Permission.IMPORT, "an import")
    report, _hashes = check_import(records(), parse, uow, on_conflict=on_conflict, mapper=mapper, progress=progress)
    if not report.ok:
        audit.refuse(uow, actor=actor, action="notices.import", object="import", now=now,
                     reason=f"{len(report.problems)} bad records")
        raise ImportRejected(report)
    with uow:
        prepare = uow.notices.prepare
    done: set[str] = set()
    for chunk in _run(mapper, partial(prepare_records, parse, prepare, now), records()):
        with uow:
            stored = uow.notices.hashes([entity_id for entity_id, *_ in chunk])
            fresh: list[tuple[Any, Transition]] = []
            written: dict[str, list[str]] = {"created": [], "updated": []}
            for entity_id, status, h, prepared in chunk:
                old = stored.get(entity_id)
                if entity_id in done or old == h:
                    report.unchanged += 1
                elif old is None:
                    fresh.append((prepared, Transition(entity_id, Action.IMPORT, None, NoticeStatus(status),
                                                       actor.name, now)))
                    written["created"].append(entity_id)
                    report.created += 1
                elif on_conflict is OnConflict.UPDATE:
                    before = uow.notices.get(entity_id)
                    uow.notices.update_prepared(prepared)
                    uow.notices.add_transition(Transition(
                        entity_id, Action.IMPORT, before.status if before else None, NoticeStatus(status),
                        actor.name, now, reason="re-imported with changed content"))
                    written["updated"].append(entity_id)
                    report.updated += 1
                else:
                    report.skipped += 1
                done.add(entity_id)
            uow.notices.add_prepared(fresh)
            if written["created"] or written["updated"]:
                audit.record(uow, actor=actor, action="notices.import", object="import", now=now,
                             outcome=f"{len(written['created'])} created, {len(written['updated'])} updated",
                             personal_data=dict(written))
            uow.commit()
        if progress:
            progress("writing", len(chunk))
    if report.created or report.updated:
        with uow:
            uow.notices.refresh_statistics()
            uow.commit()
    return report
