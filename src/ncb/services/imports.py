"""Importing notices (INTERPOL public-API JSON or the native form), idempotent by ``entity_id``.

Two passes. The first parses every record and checks it against the others and against what is
stored; if anything is wrong, every problem is reported and nothing is written. The second writes in
batches, each batch one transaction, so a notice is always either fully stored or absent, even if the
process is killed; running the same import again completes it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import datetime
from enum import StrEnum
from typing import Any

from ncb.domain.documents import content_hash
from ncb.domain.lifecycle import creation
from ncb.domain.notices import Action, Notice, Transition
from ncb.errors import NcbError, ValidationError
from ncb.services.ports import UnitOfWork

Record = tuple[str, Any]  # (where it came from, e.g. "file.json:12", the parsed JSON value)
Parser = Callable[[Any, str], Notice]


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


def _parsed(records: Iterable[Record], parse: Parser, report: ImportReport) -> Iterator[tuple[str, Notice]]:
    for where, data in records:
        try:
            yield where, parse(data, where)
        except NcbError as exc:
            report.problems.append(f"{where}: {exc}")


def check_import(records: Callable[[], Iterable[Record]], parse: Parser, uow: UnitOfWork, *,
                 on_conflict: OnConflict = OnConflict.ERROR) -> ImportReport:
    """The first pass: every problem, and nothing written."""
    report = ImportReport()
    seen: dict[str, tuple[str, str]] = {}
    for where, notice in _parsed(records(), parse, report):
        h = content_hash(notice)
        previous = seen.get(notice.entity_id)
        if previous and previous[1] != h:
            report.problems.append(f"{where}: entity_id {notice.entity_id} appears again with different content "
                                   f"(first at {previous[0]})")
        seen.setdefault(notice.entity_id, (where, h))
    if on_conflict is OnConflict.ERROR and seen:
        ids = list(seen)
        with uow:
            stored = uow.notices.hashes(ids)
        for entity_id, stored_hash in stored.items():
            where, h = seen[entity_id]
            if h != stored_hash:
                report.problems.append(
                    f"{where}: entity_id {entity_id} is already stored with different content "
                    "(use --on-conflict update to replace it, or skip to keep it)")
    return report


def import_notices(records: Callable[[], Iterable[Record]], parse: Parser, uow: UnitOfWork, *, actor: str,
                   now: datetime, on_conflict: OnConflict = OnConflict.ERROR, batch_size: int = 500,
                   progress: Callable[[int], None] | None = None) -> ImportReport:
    """Check everything, then write in batches. ``records`` is called once per pass.

    Raises :class:`ImportRejected` (nothing written) when any record is bad.
    """
    checked = check_import(records, parse, uow, on_conflict=on_conflict)
    if not checked.ok:
        raise ImportRejected(checked)
    report = ImportReport()
    batch: list[Notice] = []
    done: set[str] = set()

    def flush() -> None:
        with uow:
            stored = uow.notices.hashes([n.entity_id for n in batch])
            fresh: list[tuple[Notice, Transition]] = []
            for notice in batch:
                old = stored.get(notice.entity_id)
                if old is None:
                    fresh.append((notice, creation(notice, actor=actor, now=now, action=Action.IMPORT)))
                    report.created += 1
                elif old == content_hash(notice):
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
            uow.notices.add_many(fresh)
            uow.commit()
        if progress:
            progress(len(batch))
        batch.clear()

    for _where, notice in _parsed(records(), parse, report):
        if notice.entity_id in done:
            report.unchanged += 1  # the same record twice in one file (same content: checked above)
            continue
        done.add(notice.entity_id)
        batch.append(replace(notice, created_at=now))
        if len(batch) >= batch_size:
            flush()
    if batch:
        flush()
    return report
