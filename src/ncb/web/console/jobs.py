"""Passenger lists screened in a background thread, with their progress, in this process's memory.

A job belongs to the officer who started it (only they see its page and its results); the last
:data:`KEEP` jobs are kept, the oldest finished ones forgotten first. Each traveller is checked through
:func:`ncb.services.screening.check_traveller` (the viewer's rights, the hit queue and the audit trail as for one
traveller); a bad record becomes a problem of its own and the job goes on.
"""

from __future__ import annotations

import csv
import io
import json
import secrets
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from ncb.domain.identity import Actor
from ncb.errors import NcbError, ValidationError
from ncb.matching.index import ScreeningIndex
from ncb.services import screening as svc
from ncb.services.ports import UnitOfWork

KEEP = 50
MAX_RECORDS = 10_000
CSV_COLUMNS = ("id", "name", "date_of_birth", "nationality", "sex", "document_number", "mrz")


@dataclass
class Job:
    id: str
    owner: str
    filename: str
    total: int
    started_at: datetime
    done: int = 0
    hits: list[dict[str, Any]] = field(default_factory=list)
    problems: list[dict[str, str]] = field(default_factory=list)
    finished_at: datetime | None = None
    failed: str | None = None
    thread: threading.Thread | None = None

    @property
    def finished(self) -> bool:
        return self.finished_at is not None

    @property
    def percent(self) -> int:
        return 100 if not self.total else int(100 * self.done / self.total)


def read_records(filename: str, content: bytes) -> list[tuple[str, Any]]:
    """(where, record) for each traveller of a CSV file (a header row naming :data:`CSV_COLUMNS`) or a JSON-lines
    file (one object a line); a line that cannot be read becomes a record whose problem is reported."""
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ValidationError("the file is not UTF-8 text", field="file") from None
    stripped = text.lstrip()
    if not stripped:
        raise ValidationError("the file is empty", field="file")
    records = list(_jsonl(filename, text) if stripped.startswith("{") else _csv(filename, text))
    if len(records) > MAX_RECORDS:
        raise ValidationError(f"a list holds at most {MAX_RECORDS:,} travellers (this one {len(records):,})",
                              field="file")
    if not records:
        raise ValidationError("the file holds no traveller", field="file")
    return records


def _jsonl(filename: str, text: str) -> Iterator[tuple[str, Any]]:
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        where = f"{filename}:{number}"
        try:
            yield where, json.loads(line)
        except json.JSONDecodeError as exc:
            yield where, ValidationError(f"not valid JSON: {exc.msg}", record=where)


def _csv(filename: str, text: str) -> Iterator[tuple[str, Any]]:
    reader = csv.DictReader(io.StringIO(text))
    columns = {c.strip().lower() for c in reader.fieldnames or []}
    if not columns & {"name", "mrz"}:
        raise ValidationError("the CSV file needs a header row with a name or an mrz column "
                              f"({', '.join(CSV_COLUMNS)})", field="file")
    try:
        for number, row in enumerate(reader, 2):
            yield f"{filename}:{number}", {(k or "").strip().lower(): (v or "").strip() if isinstance(v, str) else ""
                                           for k, v in row.items()}
    except csv.Error as exc:
        raise ValidationError(f"the CSV file cannot be read: {exc}", field="file") from None


class Jobs:
    """The jobs of this process."""

    def __init__(self) -> None:
        self._jobs: dict[str, Job] = {}
        self._lock = threading.Lock()

    def get(self, job_id: str, owner: str) -> Job | None:
        with self._lock:
            job = self._jobs.get(job_id)
        return job if job is not None and job.owner == owner else None

    def start(self, *, owner: str, filename: str, records: list[tuple[str, Any]], index: ScreeningIndex,
              uows: Callable[[], UnitOfWork], actor: Actor, clock: Callable[[], datetime], keep_days: int,
              threshold: float) -> Job:
        job = Job(secrets.token_urlsafe(12), owner, filename, len(records), clock())
        with self._lock:
            self._jobs[job.id] = job
            finished = [j for j in self._jobs.values() if j.finished]
            for old in sorted(finished, key=lambda j: j.started_at)[: max(0, len(self._jobs) - KEEP)]:
                del self._jobs[old.id]
        job.thread = threading.Thread(target=_run, name=f"screening-{job.id}", daemon=True,
                                      args=(job, records, index, uows, actor, clock, keep_days, threshold))
        job.thread.start()
        return job


def _run(job: Job, records: list[tuple[str, Any]], index: ScreeningIndex, uows: Callable[[], UnitOfWork],
         actor: Actor, clock: Callable[[], datetime], keep_days: int, threshold: float) -> None:
    from datetime import timedelta

    try:
        for where, record in records:
            try:
                if isinstance(record, NcbError):
                    raise record
                now = clock()
                person = svc.traveller_from_record(record, where, today=now.date())
                hits = svc.check_traveller(person, index, uows(), actor=actor, now=now, threshold=threshold,
                                           keep_for=timedelta(days=keep_days) if keep_days else None)
                job.hits.extend({"record": where, "input_id": person.id, "name": person.names[0],
                                 "notice": h.candidate_id, "score": round(h.score, 4),
                                 "candidate": h.alignment.candidate_name if h.alignment else "",
                                 "explanation": h.explain()} for h in hits)
            except NcbError as exc:
                job.problems.append({"record": where, "problem": exc.message, "field": exc.field or ""})
            job.done += 1
    except Exception as exc:  # noqa: BLE001 - a job that breaks says so on its page instead of hanging
        job.failed = f"{type(exc).__name__}: {exc}"
    finally:
        job.finished_at = clock()


def results_csv(job: Job) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["record", "input_id", "name", "notice", "score", "listed_name", "explanation", "problem"])
    for h in job.hits:
        writer.writerow([h["record"], h["input_id"], h["name"], h["notice"], h["score"], h["candidate"],
                         h["explanation"], ""])
    for p in job.problems:
        writer.writerow([p["record"], "", "", "", "", "", "", p["problem"]])
    return out.getvalue()
