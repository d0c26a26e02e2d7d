"""Importing notices (INTERPOL public-API JSON or the native form), idempotent by ``entity_id``.

Two stages. *Checking* parses every record (in parallel when given a ``mapper`` such as a process
pool's ``map``: parsing is pure), checks it against the others and against what is stored; if
anything is wrong, every problem is reported and nothing is written. *Writing* stores the checked
notices in batches, each batch one transaction, so a notice is always either fully stored or absent,
even if the process is killed; running the same import again completes it.
"""

from __future__ import annotations

import pickle
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import datetime
from enum import StrEnum
from functools import partial
from itertools import islice
from typing import Any

from ncb.domain.documents import content_hash
from ncb.domain.lifecycle import creation
from ncb.domain.notices import Action, Notice, Transition
from ncb.errors import NcbError, ValidationError
from ncb.services.ports import UnitOfWork

Record = tuple[str, Any]  # (where it came from, e.g. "file.json:12", the parsed JSON value)
Parser = Callable[[Any, str], Notice]
Checked = tuple[str, str | None, str | None, bytes | None, str | None]  # where, entity_id, hash, notice, problem
Mapper = Callable[[Callable[[list[Record]], list[Checked]], Iterable[list[Record]]], Iterable[list[Checked]]]
Progress = Callable[[str, int], None]  # (stage: "checking" | "writing", records done since the last call)


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
    """Parse a chunk of records: each becomes its notice (pickled, to travel between processes) and
    content hash, or a problem. Pure, so it can run in a worker process."""
    out: list[Checked] = []
    for where, data in chunk:
        try:
            notice = parse(data, where)
        except NcbError as exc:
            out.append((where, None, None, None, f"{where}: {exc}"))
            continue
        out.append((where, notice.entity_id, content_hash(notice), pickle.dumps(notice), None))
    return out


def _chunks(records: Iterable[Record], size: int) -> Iterator[list[Record]]:
    it = iter(records)
    while chunk := list(islice(it, size)):
        yield chunk


@dataclass
class _Checked:
    report: ImportReport
    order: list[tuple[str, bytes]]  # entity_id, pickled notice; first occurrence only
    hashes: dict[str, str]


def _check(records: Iterable[Record], parse: Parser, uow: UnitOfWork, on_conflict: OnConflict,
           mapper: Mapper | None, progress: Progress | None) -> _Checked:
    report = ImportReport()
    seen: dict[str, str] = {}  # entity_id -> where first seen
    hashes: dict[str, str] = {}
    order: list[tuple[str, bytes]] = []
    run: Callable[[list[Record]], list[Checked]] = partial(check_records, parse)
    results = mapper(run, _chunks(records, 1000)) if mapper else map(run, _chunks(records, 1000))
    for chunk in results:
        for where, entity_id, h, blob, problem in chunk:
            if problem is not None:
                report.problems.append(problem)
                continue
            assert entity_id is not None and h is not None and blob is not None
            if entity_id in hashes:
                if hashes[entity_id] != h:
                    report.problems.append(f"{where}: entity_id {entity_id} appears again with different "
                                           f"content (first at {seen[entity_id]})")
                else:
                    report.unchanged += 1
                continue
            seen[entity_id] = where
            hashes[entity_id] = h
            order.append((entity_id, blob))
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
    return _Checked(report, order, hashes)


def check_import(records: Iterable[Record], parse: Parser, uow: UnitOfWork, *,
                 on_conflict: OnConflict = OnConflict.ERROR, mapper: Mapper | None = None) -> ImportReport:
    """Only the checking stage: every problem, and nothing written."""
    return _check(records, parse, uow, on_conflict, mapper, None).report


def import_notices(records: Iterable[Record], parse: Parser, uow: UnitOfWork, *, actor: str, now: datetime,
                   on_conflict: OnConflict = OnConflict.ERROR, batch_size: int = 500,
                   mapper: Mapper | None = None, progress: Progress | None = None) -> ImportReport:
    """Check everything, then write in batches. Raises :class:`ImportRejected` (nothing written) when any
    record is bad."""
    checked = _check(records, parse, uow, on_conflict, mapper, progress)
    if not checked.report.ok:
        raise ImportRejected(checked.report)
    report = checked.report
    hashes = checked.hashes
    for start in range(0, len(checked.order), batch_size):
        batch = [replace(pickle.loads(blob), created_at=now) for _, blob in checked.order[start:start + batch_size]]
        with uow:
            stored = uow.notices.hashes([n.entity_id for n in batch])
            fresh: list[tuple[Notice, Transition]] = []
            for notice in batch:
                old = stored.get(notice.entity_id)
                if old is None:
                    fresh.append((notice, creation(notice, actor=actor, now=now, action=Action.IMPORT)))
                    report.created += 1
                elif old == hashes[notice.entity_id]:
                    report.unchanged += 1
                elif on_conflict is OnConflict.UPDATE:
                    before = uow.notices.get(notice.entity_id)
                    uow.notices.update(notice)
                    uow.notices.add_transition(Transition(
                        entity_id=notice.entity_id, action=Action.IMPORT,
                        from_status=before.status if before else None, to_status=notice.status,
                        actor=actor, at=now, reason="re-imported with changed content"))
                    report.updated += 1
                else:
                    report.skipped += 1
            uow.notices.add_many(fresh, hashes)
            uow.commit()
        if progress:
            progress("writing", len(batch))
    if report.created or report.updated:
        with uow:
            uow.notices.refresh_statistics()
            uow.commit()
    return report
