"""The SQL registry of stolen and lost travel documents (SLTD).

One row per report in ``travel_documents``, its status current; every later change of status is appended
to ``travel_document_events`` (from, to, who, when, why). That keeps the big table one narrow row per
report, with nothing to skip when looking a number up, while no status is ever lost. A recovered report
stays (closed); a partial unique index keeps at most one open report per (number, issuing country).

Two indexes on (number_key, issuing_country): a plain one for every lookup (recovered reports included)
and the partial unique one, which is the guarantee (two sessions reporting the same passport at once cannot
both succeed); the duplicate check before an insert only turns it into a clear message.

Bulk loads insert with ``executemany`` in batches of plain tuples; the import commits one batch per
transaction. Numbers are random, so each row lands on a different index page: a transaction writes each page
it dirtied once, so the larger the batch the fewer page writes per row, as long as the page cache holds
the batch's pages (hence the larger SQLite cache for a bulk load's connection, below).
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable
from datetime import UTC, date, datetime
from itertools import islice
from typing import Any

from sqlalchemy import Connection, Select, bindparam, func, insert, select, update
from sqlalchemy.exc import IntegrityError

from ncb.domain.travel_documents import (
    DocumentStatus,
    DocumentType,
    StatusChange,
    TravelDocument,
    normalise_number,
)
from ncb.errors import DuplicateRecord, NotFound
from ncb.storage.dialect import placeholder, prepare_bulk_load
from ncb.storage.tables import travel_document_events, travel_documents

_t = travel_documents.c
_e = travel_document_events.c
_COLUMNS = (_t.number, _t.issuing_country, _t.type, _t.status, _t.reported_by, _t.reported_on, _t.blank)
_OPEN = _t.status != DocumentStatus.RECOVERED.value
BATCH = 10_000  # rows per executemany
LOOKUP_CHUNK = 2_000  # numbers per IN (...) when checking a batch for open reports
BULK = 1_000  # from this many rows a statement, a bulk load
BULK_CACHE_KIB = 1 << 20  # SQLite's page cache for a bulk load's connection: up to 1 GiB, taken as needed
_INSERTED = (_t.number_key, _t.issuing_country, _t.status, _t.type, _t.number, _t.reported_by, _t.reported_on,
             _t.blank)


def _find(by_country: bool, include_recovered: bool) -> Select[Any]:
    q = select(*_COLUMNS).where(_t.number_key == bindparam("key"))
    if by_country:
        q = q.where(_t.issuing_country == bindparam("country"))
    if not include_recovered:
        q = q.where(_OPEN)
    return q.order_by(_t.id)


# The lookups, built once: building a statement per call would cost more than running it (150 µs vs 50 µs).
_FIND = {(by_country, all_): _find(by_country, all_) for by_country in (False, True) for all_ in (False, True)}


def _document(row: Any) -> TravelDocument:
    reported_on = row.reported_on
    if not isinstance(reported_on, date):  # pragma: no cover - both drivers return dates
        reported_on = date.fromisoformat(str(reported_on))
    return TravelDocument(number=row.number, issuing_country=row.issuing_country, type=DocumentType(row.type),
                          status=DocumentStatus(row.status), reported_by=row.reported_by, reported_on=reported_on,
                          blank=bool(row.blank))


def _same(value: Any) -> Any:
    return value


def _aware(value: datetime) -> datetime:
    return value if value.tzinfo else value.replace(tzinfo=UTC)


class SqlTravelDocumentRepository:
    def __init__(self, conn: Connection) -> None:
        self.conn = conn

    # -- reading -----------------------------------------------------------------------------------
    def find(self, number: str, country: str | None = None, *, include_recovered: bool = False) -> list[
            TravelDocument]:
        """Every report of this number (normalised first), of one issuing country when given; open reports
        only unless ``include_recovered``. Oldest first."""
        key = normalise_number(number)
        if not key:
            return []
        query = _FIND[(country is not None, include_recovered)]
        return [_document(r) for r in self.conn.execute(query, {"key": key, "country": country})]

    def open_reports(self, keys: Collection[tuple[str, str]]) -> dict[tuple[str, str], TravelDocument]:
        """The open report of each of these documents (normalised number, issuing country) that has one."""
        wanted = set(keys)
        numbers = sorted({number for number, _ in wanted})
        found: dict[tuple[str, str], TravelDocument] = {}
        for i in range(0, len(numbers), LOOKUP_CHUNK):
            rows = self.conn.execute(select(_t.number_key, *_COLUMNS)
                                     .where(_t.number_key.in_(numbers[i:i + LOOKUP_CHUNK]), _OPEN))
            for r in rows:
                if (r.number_key, r.issuing_country) in wanted:
                    found[(r.number_key, r.issuing_country)] = _document(r)
        return found

    def history(self, number: str, country: str) -> list[StatusChange]:
        """Every status change of every report of this document, in order."""
        rows = self.conn.execute(
            select(_t.number, _t.issuing_country, _e.from_status, _e.to_status, _e.actor, _e.at, _e.reason)
            .join(travel_documents, _t.id == _e.document_id)
            .where(_t.number_key == normalise_number(number), _t.issuing_country == country).order_by(_e.id))
        return [StatusChange(number=r.number, issuing_country=r.issuing_country,
                             from_status=DocumentStatus(r.from_status), to_status=DocumentStatus(r.to_status),
                             actor=r.actor, at=_aware(r.at), reason=r.reason) for r in rows]

    def count(self) -> int:
        """Every report, open or recovered."""
        return int(self.conn.execute(select(func.count()).select_from(travel_documents)).scalar_one())

    def counts(self) -> dict[DocumentStatus, int]:
        """Reports by status (a full scan: for reports, not for the border)."""
        rows = self.conn.execute(select(_t.status, func.count()).group_by(_t.status))
        return {DocumentStatus(status): int(n) for status, n in rows}

    # -- writing -----------------------------------------------------------------------------------
    def add(self, doc: TravelDocument) -> None:
        """A new report; a second open report of the same document is a :class:`DuplicateRecord`."""
        existing = self.open_reports([doc.key]).get(doc.key)
        if existing is not None and doc.hits:
            raise DuplicateRecord(existing.duplicate_message(), field="number", record=doc.number)
        self.add_many([doc])

    def add_many(self, docs: Iterable[TravelDocument], batch_size: int = BATCH) -> int:
        """Insert new reports with ``executemany``, ``batch_size`` rows a statement; returns how many. The
        caller has checked them against :meth:`open_reports`; the unique index still refuses a second open
        report (as a :class:`DuplicateRecord`, and the transaction must be rolled back)."""
        sql, row_of = self._bulk_insert()
        rows = map(row_of, docs)
        total = 0
        while batch := list(islice(rows, batch_size)):
            if len(batch) >= BULK:
                prepare_bulk_load(self.conn, BULK_CACHE_KIB)  # random keys touch index pages all over
            try:
                self.conn.exec_driver_sql(sql, batch)
            except IntegrityError as exc:
                raise DuplicateRecord("a document in this batch already has an open report (reported meanwhile?)",
                                      field="number") from exc
            total += len(batch)
        return total

    def _bulk_insert(self) -> tuple[str, Callable[[TravelDocument], tuple[Any, ...]]]:
        """The INSERT in the driver's own parameter style, and a row as a plain tuple: SQLAlchemy's per-row
        parameter processing would cost more than the database's insert (dates and booleans still go
        through the column types' own converters)."""
        dialect = self.conn.dialect
        mark = placeholder(self.conn)
        sql = (f"INSERT INTO {travel_documents.name} ({', '.join(c.name for c in _INSERTED)}) "
               f"VALUES ({', '.join(mark for _ in _INSERTED)})")
        to_date = _t.reported_on.type.bind_processor(dialect) or _same
        to_bool = _t.blank.type.bind_processor(dialect) or _same

        def row_of(d: TravelDocument) -> tuple[Any, ...]:
            return (d.number_key, d.issuing_country, d.status.value, d.type.value, d.number, d.reported_by,
                    to_date(d.reported_on), to_bool(d.blank))

        return sql, row_of

    def update_status(self, doc: TravelDocument, status: DocumentStatus, *, actor: str, at: datetime,
                      reason: str | None = None) -> None:
        """Move the open report ``doc`` (as read) to ``status`` and append the change. The rules are the
        domain's (:meth:`TravelDocument.change_status`); this only refuses a report changed meanwhile."""
        row_id = self.conn.execute(select(_t.id).where(
            _t.number_key == doc.number_key, _t.issuing_country == doc.issuing_country, _OPEN,
            _t.status == doc.status.value)).scalar()
        if row_id is None:
            raise NotFound(f"no open report of {doc.number} ({doc.issuing_country}) that is {doc.status.value}",
                           record=doc.number)
        self.conn.execute(update(travel_documents).where(_t.id == row_id).values(status=status.value))
        self.conn.execute(insert(travel_document_events).values(
            document_id=row_id, from_status=doc.status.value, to_status=status.value, actor=actor, at=at,
            reason=reason))
