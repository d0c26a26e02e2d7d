"""Stolen and lost travel documents: report one, mark it recovered, check a number, import a file.

Who may do what: a bureau (or one of its agencies, for its bureau) reports documents and checks numbers;
only the bureau that reported a document marks it recovered; the public does none of it.

The import streams. Each row is checked alone; a bad row (an unknown country, an empty number, a date
that does not exist, a second open report of the same document) is *rejected* with its line and field,
and the good rows are stored in batches, many batches to a transaction. A file of millions of reports
from an issuing authority is not held back by one bad line (every open report left out is a stolen
document nobody is checking for), and memory stays flat however large the file. Nothing is half-written:
a transaction is stored whole or not at all, and running the same file again stores what is missing and
counts the rest as unchanged (a row identical to its stored open report is not a duplicate). The CLI exits
0 when the import ran, rejected rows or not, as ``ncb screen`` does; the report counts and lists them.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from itertools import chain, islice
from typing import Any

from ncb.domain.access import ViewerKind
from ncb.domain.countries import validate_country
from ncb.domain.identity import Actor
from ncb.domain.travel_documents import (
    DocumentStatus,
    DocumentType,
    TravelDocument,
    normalise_number,
    parse_blank,
    parse_date,
)
from ncb.errors import NotFound, PermissionDenied, ValidationError
from ncb.services.ports import UnitOfWork

COLUMNS = ("number", "issuing_country", "type", "status", "reported_by", "reported_on")
OPTIONAL_COLUMNS = ("blank",)
BATCH = 20_000  # rows an import reads, checks and inserts at a time
# Rows per transaction. Numbers are random, so a transaction rewrites most index pages whatever its size:
# the more rows share that cost, the faster (at 5 million: 16 µs a row for 50,000 rows, 2.3 µs for 500,000).
TRANSACTION = 500_000
MAX_PROBLEMS = 1_000  # rejected rows listed in a report (all are counted)

Row = tuple[str, dict[str, str]]  # (where, e.g. "stolen.csv:12", the row by column)
Progress = Callable[[int], None]


def _bureau(actor: Actor, doing: str, *, agencies: bool = True) -> str:
    viewer = actor.viewer
    kinds = (ViewerKind.BUREAU, ViewerKind.AGENCY) if agencies else (ViewerKind.BUREAU,)
    if viewer.kind not in kinds or viewer.country is None:
        who = "a bureau or its agencies" if agencies else "a bureau"
        raise PermissionDenied(f"only {who} may {doing}")
    return viewer.country


def _number(number: str) -> str:
    if not isinstance(number, str) or not normalise_number(number):
        raise ValidationError("a document number with letters or digits is required", field="number")
    return number


def _open_status(status: str | DocumentStatus) -> DocumentStatus:
    parsed = DocumentStatus.parse(status)
    if not parsed.hits:
        raise ValidationError("a report is stolen, lost, revoked or invalidated; to close one, mark it recovered",
                              field="status")
    return parsed


def report_document(uow: UnitOfWork, *, number: str, issuing_country: str, type: str | DocumentType,
                    status: str | DocumentStatus, actor: Actor, today: date, blank: bool = False,
                    reported_on: date | None = None) -> TravelDocument:
    """The caller's bureau reports a document (dated today unless ``reported_on``). A document that already
    has an open report is a :class:`~ncb.errors.DuplicateRecord`."""
    bureau = _bureau(actor, "report a travel document")
    doc = TravelDocument.create(number=number, issuing_country=issuing_country, type=type,
                                status=_open_status(status), reported_by=bureau, reported_on=reported_on or today,
                                blank=blank, today=today)
    with uow:
        uow.travel_documents.add(doc)
        uow.commit()
    return doc


def recover_document(uow: UnitOfWork, *, number: str, issuing_country: str, actor: Actor, now: datetime,
                     reason: str | None = None) -> TravelDocument:
    """The reporting bureau marks its open report of the document recovered: it stays, and no longer hits."""
    bureau = _bureau(actor, "mark a travel document recovered")
    country = validate_country(issuing_country, field="issuing_country")
    with uow:
        found = uow.travel_documents.find(_number(number), country)
        if not found:
            raise NotFound(f"no open report of document {number} issued by {country}", record=number)
        current = found[0]
        recovered = current.recover(by=bureau)
        uow.travel_documents.update_status(current, recovered.status, actor=actor.name, at=now,
                                           reason=(reason or "").strip() or None)
        uow.commit()
    return recovered


def check_document(uow: UnitOfWork, *, number: str, actor: Actor, issuing_country: str | None = None) -> list[
        TravelDocument]:
    """The open reports of this number (of one issuing country when given): what a border officer is shown.
    Recovered documents are left out. An empty list means the number is not reported."""
    _bureau(actor, "check travel documents")
    country = validate_country(issuing_country, field="issuing_country") if issuing_country else None
    with uow:
        return uow.travel_documents.find(_number(number), country)


def document_history(uow: UnitOfWork, *, number: str, issuing_country: str, actor: Actor) -> dict[str, Any]:
    """Every report of a document, recovered ones too, with the status changes since each was made."""
    _bureau(actor, "see travel document reports")
    country = validate_country(issuing_country, field="issuing_country")
    with uow:
        reports = uow.travel_documents.find(_number(number), country, include_recovered=True)
        changes = uow.travel_documents.history(number, country)
    return {"reports": reports, "changes": changes}


def count_documents(uow: UnitOfWork, *, actor: Actor) -> dict[str, int]:
    """Reports by status, and the total."""
    _bureau(actor, "count travel documents")
    with uow:
        counts = uow.travel_documents.counts()
    out = {s.value: counts.get(s, 0) for s in DocumentStatus}
    out["total"] = sum(counts.values())
    return out


# -- import ------------------------------------------------------------------------------------------

@dataclass
class DocumentImportReport:
    stored: int = 0
    unchanged: int = 0  # identical to the open report already stored (a file imported twice)
    rejected: int = 0
    problems: list[str] = field(default_factory=list)  # the first MAX_PROBLEMS rejected rows, "file:line: ..."

    def reject(self, where: str, problem: str) -> None:
        self.rejected += 1
        if len(self.problems) < MAX_PROBLEMS:
            self.problems.append(f"{where}: {problem}")

    def as_dict(self) -> dict[str, Any]:
        return {"stored": self.stored, "unchanged": self.unchanged, "rejected": self.rejected,
                "problems": list(self.problems)}


def csv_rows(lines: Iterable[bytes | str], name: str) -> Iterator[Row]:
    """The rows of a CSV stream (lines as bytes, decoded as UTF-8, or text), each with where it came from
    (``name:line``). The header must name the columns number, issuing_country, type, status, reported_by,
    reported_on (any order; ``blank`` optional); a missing column refuses the whole file before anything is
    stored. A row that cannot be read (not UTF-8, too few or too many fields) comes out as a problem row,
    which the import rejects."""
    unreadable: list[tuple[int, str]] = []

    def text() -> Iterator[str]:
        for number, raw in enumerate(lines, 1):
            if isinstance(raw, bytes):
                try:
                    raw = raw.decode("utf-8-sig" if number == 1 else "utf-8")
                except UnicodeDecodeError as exc:
                    unreadable.append((number, f"not UTF-8 text ({exc.reason} at byte {exc.start}); convert the "
                                               "file to UTF-8"))
                    yield "\n"
                    continue
            yield raw

    reader = csv.reader(text())
    header: list[str] | None = None
    for values in reader:
        while unreadable:
            number, problem = unreadable.pop(0)
            yield f"{name}:{number}", {"": problem}
        if not values or (len(values) == 1 and not values[0].strip()):  # an empty line
            continue
        if header is None:
            header = [h.strip().lower().lstrip("\ufeff") for h in values]
            missing = [c for c in COLUMNS if c not in header]
            if missing:
                raise ValidationError(f"{name}: the CSV header lacks {', '.join(missing)} (it needs "
                                      f"{', '.join(COLUMNS)}; found {', '.join(header)})", field="header")
            continue
        where = f"{name}:{reader.line_num}"
        if len(values) != len(header):
            yield where, {"": f"expected {len(header)} fields, found {len(values)}"}
            continue
        yield where, dict(zip(header, values, strict=True))
    for number, problem in unreadable:
        yield f"{name}:{number}", {"": problem}
    if header is None:
        raise ValidationError(f"{name}: the file is empty (expected a CSV header: {', '.join(COLUMNS)})",
                              field="header")


def document_from_row(row: dict[str, str], *, today: date) -> TravelDocument:
    """One import row as a report; a :class:`ValidationError` names the field."""
    if "" in row:
        raise ValidationError(row[""], field="row")
    return TravelDocument.create(
        number=row["number"], issuing_country=row["issuing_country"], type=row["type"],
        status=_open_status(row["status"]), reported_by=row["reported_by"],
        reported_on=parse_date(row["reported_on"]), blank=parse_blank(row.get("blank")), today=today)


def _store_batch(parsed: list[tuple[str, TravelDocument]], uow: UnitOfWork, report: DocumentImportReport) -> None:
    """Check a batch against the stored open reports (and itself), then insert what is new."""
    stored = uow.travel_documents.open_reports({doc.key for _, doc in parsed})
    fresh: dict[tuple[str, str], tuple[str, TravelDocument]] = {}
    for where, doc in parsed:
        earlier = fresh.get(doc.key)
        prior = earlier[1] if earlier else stored.get(doc.key)
        if prior is None:
            fresh[doc.key] = (where, doc)
        elif prior.same_report(doc):
            report.unchanged += 1
        else:
            line = f" (line {earlier[0].rsplit(':', 1)[-1]})" if earlier else ""
            report.reject(where, f"field 'number': duplicate: {prior.duplicate_message()}{line}")
    report.stored += uow.travel_documents.add_many(doc for _, doc in fresh.values())


def import_documents(rows: Iterable[Row], uow: UnitOfWork, *, actor: Actor, today: date,
                     batch_size: int = BATCH, transaction_size: int = TRANSACTION,
                     progress: Progress | None = None) -> DocumentImportReport:
    """Store the good rows and reject the bad ones with their line and field. Rows are read, checked and
    inserted ``batch_size`` at a time, and committed every ``transaction_size`` rows (rounded down to whole
    batches): a killed import loses at most the transaction under way, and running it again completes it.
    A file may carry other bureaus' reports (a national copy of INTERPOL's database): only a bureau imports,
    and each row says who reported it."""
    _bureau(actor, "import travel documents", agencies=False)
    report = DocumentImportReport()
    it = iter(rows)
    batches = iter(lambda: list(islice(it, batch_size)), [])
    per_transaction = max(1, transaction_size // batch_size)
    for first in batches:
        with uow:
            for chunk in chain([first], islice(batches, per_transaction - 1)):
                parsed: list[tuple[str, TravelDocument]] = []
                for where, row in chunk:
                    try:
                        parsed.append((where, document_from_row(row, today=today)))
                    except ValidationError as exc:
                        report.reject(where, str(exc))
                _store_batch(parsed, uow, report)
                if progress:
                    progress(len(chunk))
            uow.commit()
    return report
