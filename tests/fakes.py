"""In-memory fakes of the storage ports, for service tests without a database."""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import replace
from datetime import date, datetime
from types import TracebackType
from typing import Self

from ncb.audit.entries import leaf_seq
from ncb.audit.merkle import leaf_hash
from ncb.audit.tiles import TILE_SIZE, tile_hash
from ncb.domain.access import Viewer, can_view
from ncb.domain.cooperation import KIND_LETTER, make_id
from ncb.domain.cooperation.extradition import ExtraditionCase, StageEntry
from ncb.domain.cooperation.messages import Message, MessageEvent, MessageStatus, content_digest
from ncb.domain.cooperation.operations import Operation
from ncb.domain.documents import content_hash
from ncb.domain.notices import Notice, Transition
from ncb.domain.retention import RetentionReminder
from ncb.domain.screening import HitStatus, QueuedHit, TravelRecord
from ncb.domain.search import NoticeFilter
from ncb.domain.subject_requests import Consultation, RequestEvent, RequestStatus, SubjectRequest
from ncb.domain.travel_documents import DocumentStatus, StatusChange, TravelDocument, normalise_number
from ncb.errors import Conflict, DuplicateRecord, NotFound
from ncb.services.ports import AuditRow, Page, StoredAuditEntry, StoredImage


class FakeNoticeRepository:
    def __init__(self) -> None:
        self.notices: dict[str, Notice] = {}
        self.transitions: list[Transition] = []
        self.images: dict[str, StoredImage] = {}
        self.on_erase: list[Callable[[str], object]] = []  # the unit of work removes the notice's hits too

    def get(self, entity_id: str) -> Notice | None:
        return self.notices.get(entity_id)

    def content_hash(self, entity_id: str) -> str | None:
        n = self.notices.get(entity_id)
        return content_hash(n) if n else None

    def hashes(self, entity_ids: list[str]) -> dict[str, str]:
        return {i: content_hash(self.notices[i]) for i in entity_ids if i in self.notices}

    def add(self, notice: Notice) -> None:
        if notice.entity_id in self.notices:
            raise Conflict(f"notice {notice.entity_id} already exists", record=notice.entity_id)
        self.notices[notice.entity_id] = notice

    def add_many(self, batch: list[tuple[Notice, Transition]], hashes: Mapping[str, str] | None = None) -> None:
        for notice, transition in batch:
            self.add(notice)
            self.add_transition(transition)

    @staticmethod
    def prepare(notice: Notice, content_hash: str | None = None) -> Notice:
        return notice

    def add_prepared(self, batch: list[tuple[Notice, Transition]]) -> None:
        self.add_many(batch)

    def update_prepared(self, prepared: Notice) -> None:
        self.update(prepared)

    def update(self, notice: Notice) -> None:
        if notice.entity_id not in self.notices:
            raise Conflict(f"notice {notice.entity_id} does not exist", record=notice.entity_id)
        self.notices[notice.entity_id] = notice

    def add_transition(self, transition: Transition) -> None:
        self.transitions.append(transition)

    def history(self, entity_id: str) -> list[Transition]:
        return [t for t in self.transitions if t.entity_id == entity_id]

    def find(self, flt: NoticeFilter, *, today: date, visible_to: Viewer | None, offset: int,
             limit: int) -> Page:
        found = [n for n in self.notices.values() if flt.matches(n, today)
                 and (visible_to is None or can_view(visible_to, n))]
        return Page(total=len(found), notices=tuple(found[offset:offset + limit]))

    def iter_all(self, flt: NoticeFilter, *, today: date) -> Iterator[Notice]:
        return iter([n for n in self.notices.values() if flt.matches(n, today)])

    def next_entity_id(self, year: int) -> str:
        nums = [int(i.split("/")[1]) for i in self.notices if i.startswith(f"{year}/")]
        return f"{year}/{max(nums, default=0) + 1:05d}"

    def add_image(self, image: StoredImage) -> None:
        self.images[image.picture_id] = image

    def get_image(self, picture_id: str) -> StoredImage | None:
        return self.images.get(picture_id)

    def remove_images(self, entity_id: str, picture_ids: Collection[str]) -> int:
        gone = [k for k, v in self.images.items() if v.entity_id == entity_id and k in picture_ids]
        for k in gone:
            del self.images[k]
        return len(gone)

    def count(self) -> int:
        return len(self.notices)

    def refresh_statistics(self) -> None:
        self.statistics_refreshed = True

    def erase(self, entity_id: str) -> bool:
        if self.notices.pop(entity_id, None) is None:
            return False
        self.transitions = [t for t in self.transitions if t.entity_id != entity_id]
        self.images = {k: v for k, v in self.images.items() if v.entity_id != entity_id}
        for hook in self.on_erase:
            hook(entity_id)
        return True


class FakeHitRepository:
    def __init__(self) -> None:
        self.rows: dict[int, QueuedHit] = {}

    def add(self, hit: QueuedHit) -> int:
        hit_id = len(self.rows) + 1
        self.rows[hit_id] = replace(hit, id=hit_id)
        return hit_id

    def get(self, hit_id: int) -> QueuedHit | None:
        return self.rows.get(hit_id)

    def queue(self, bureau: str, status: HitStatus | None = None, limit: int = 100) -> list[QueuedHit]:
        found = [h for h in self.rows.values() if h.queue == bureau and (status is None or h.status is status)]
        return sorted(found, key=lambda h: -(h.id or 0))[:limit]

    def decide(self, hit_id: int, status: HitStatus, actor: str, at: datetime, reason: str) -> None:
        hit = self.rows.get(hit_id)
        if hit is None or hit.status is not HitStatus.PENDING:
            raise NotFound(f"no pending hit {hit_id}")
        self.rows[hit_id] = replace(hit, status=status, decided_by=actor, decided_at=at, reason=reason)

    def forget_notice(self, entity_id: str) -> None:
        self.rows = {k: h for k, h in self.rows.items() if h.entity_id != entity_id}


class FakeTravelRecordRepository:
    def __init__(self) -> None:
        self.rows: list[TravelRecord] = []

    def add(self, record: TravelRecord) -> int:
        self.rows.append(replace(record, id=len(self.rows) + 1))
        return len(self.rows)

    def current(self, now: datetime) -> Iterator[TravelRecord]:
        return iter([r for r in self.rows if r.expires_at > now])

    def purge(self, now: datetime) -> int:
        before = len(self.rows)
        self.rows = [r for r in self.rows if r.expires_at > now]
        return before - len(self.rows)

    def delete(self, ids: Collection[int]) -> int:
        before = len(self.rows)
        self.rows = [r for r in self.rows if r.id not in set(ids)]
        return before - len(self.rows)


class FakeFederationRepository:
    """Only what services other than federation's touch (federation's own tests use SQL)."""

    def __init__(self) -> None:
        self.erased: list[str] = []

    def erase_about(self, entity_id: str) -> int:
        self.erased.append(entity_id)
        return 0


class FakeUnitOfWork:
    """Commits are counted; work not committed when the block ends is thrown away."""

    def __init__(self) -> None:
        self.notices = FakeNoticeRepository()
        self.hits = FakeHitRepository()
        self.travel_records = FakeTravelRecordRepository()
        self.travel_documents = FakeTravelDocumentRepository()
        self.subject_requests = FakeSubjectRequestRepository()
        self.retention = FakeRetentionRepository()
        self.audit = FakeAuditRepository()
        self.federation = FakeFederationRepository()
        self.cooperation = FakeCooperationRepository(self.hits)
        self.notices.on_erase.append(self.hits.forget_notice)
        self.commits = 0
        self._snapshot: tuple[dict[str, Notice], list[Transition], dict[str, StoredImage]] | None = None

    @property
    def committed(self) -> bool:
        return self.commits > 0

    def __enter__(self) -> Self:
        self._snapshot = (dict(self.notices.notices), list(self.notices.transitions), dict(self.notices.images))
        self.travel_documents.keep()
        self.subject_requests.keep()
        self.retention.keep()
        self.audit.keep()
        self.cooperation.keep()
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.rollback()

    def commit(self) -> None:
        self.commits += 1
        self._snapshot = (dict(self.notices.notices), list(self.notices.transitions), dict(self.notices.images))
        self.travel_documents.keep()
        self.subject_requests.keep()
        self.retention.keep()
        self.audit.keep()
        self.cooperation.keep()

    def rollback(self) -> None:
        self.cooperation.restore()
        self.travel_documents.restore()
        self.subject_requests.restore()
        self.retention.restore()
        self.audit.restore()
        if self._snapshot is not None:
            notices, transitions, images = self._snapshot
            self.notices.notices, self.notices.transitions, self.notices.images = (
                dict(notices), list(transitions), dict(images))


class FakeTravelDocumentRepository:
    """Reports in a list (the id is the position), changes appended; ``keep``/``restore`` for the unit of work."""

    def __init__(self) -> None:
        self.rows: list[TravelDocument] = []
        self.events: list[tuple[int, StatusChange]] = []
        self.batches: list[int] = []  # rows per add_many statement, to check batching
        self._kept: tuple[list[TravelDocument], list[tuple[int, StatusChange]]] = ([], [])

    def keep(self) -> None:
        self._kept = (list(self.rows), list(self.events))

    def restore(self) -> None:
        self.rows, self.events = list(self._kept[0]), list(self._kept[1])

    def find(self, number: str, country: str | None = None, *,
             include_recovered: bool = False) -> list[TravelDocument]:
        key = normalise_number(number)
        return [d for d in self.rows if d.number_key == key and (country is None or d.issuing_country == country)
                and (include_recovered or d.hits)]

    def open_reports(self, keys: Collection[tuple[str, str]]) -> dict[tuple[str, str], TravelDocument]:
        wanted = set(keys)
        return {d.key: d for d in self.rows if d.hits and d.key in wanted}

    def history(self, number: str, country: str) -> list[StatusChange]:
        key = normalise_number(number)
        return [e for i, e in self.events if self.rows[i].key == (key, country)]

    def count(self) -> int:
        return len(self.rows)

    def counts(self) -> dict[DocumentStatus, int]:
        out: dict[DocumentStatus, int] = {}
        for d in self.rows:
            out[d.status] = out.get(d.status, 0) + 1
        return out

    def add(self, doc: TravelDocument) -> None:
        existing = self.open_reports([doc.key]).get(doc.key)
        if existing is not None and doc.hits:
            raise DuplicateRecord(existing.duplicate_message(), field="number", record=doc.number)
        self.add_many([doc])

    def add_many(self, docs: Iterable[TravelDocument], batch_size: int = 10_000) -> int:
        docs = list(docs)
        for i in range(0, len(docs), batch_size):
            chunk = docs[i:i + batch_size]
            open_keys = set(self.open_reports([d.key for d in chunk]))
            for d in chunk:
                if d.hits and d.key in open_keys:
                    raise DuplicateRecord("a document in this batch already has an open report", field="number")
                if d.hits:
                    open_keys.add(d.key)
            self.rows.extend(chunk)
            self.batches.append(len(chunk))
        return len(docs)

    def update_status(self, doc: TravelDocument, status: DocumentStatus, *, actor: str, at: datetime,
                      reason: str | None = None) -> None:
        for i, d in enumerate(self.rows):
            if d.key == doc.key and d.hits and d.status is doc.status:
                self.rows[i] = replace(d, status=status)
                self.events.append((i, StatusChange(d.number, d.issuing_country, d.status, status, actor, at, reason)))
                return
        raise NotFound(f"no open report of {doc.number} ({doc.issuing_country}) that is {doc.status.value}")


class FakeSubjectRequestRepository:
    """Requests by reference, events and consultations in lists; ``keep``/``restore`` for the unit of work."""

    def __init__(self) -> None:
        self.requests: dict[str, SubjectRequest] = {}
        self.events_: list[tuple[str, RequestEvent]] = []
        self.consultations_: list[Consultation] = []
        self._kept: tuple[dict[str, SubjectRequest], list[tuple[str, RequestEvent]], list[Consultation]] = (
            {}, [], [])

    def keep(self) -> None:
        self._kept = (dict(self.requests), list(self.events_), list(self.consultations_))

    def restore(self) -> None:
        self.requests, self.events_, self.consultations_ = (dict(self._kept[0]), list(self._kept[1]),
                                                            list(self._kept[2]))

    def _known(self, reference: str) -> None:
        if reference not in self.requests:
            raise NotFound(f"no request {reference}", record=reference)

    def add(self, request: SubjectRequest) -> SubjectRequest:
        if request.reference in self.requests:
            raise Conflict(f"request {request.reference} already exists", record=request.reference)
        stored = replace(request, id=len(self.requests) + 1)
        self.requests[request.reference] = stored
        return stored

    def get(self, reference: str) -> SubjectRequest | None:
        return self.requests.get(reference)

    def find(self, statuses: Collection[RequestStatus] | None = None, limit: int = 1000) -> list[SubjectRequest]:
        found = [r for r in self.requests.values() if not statuses or r.status in statuses]
        return sorted(found, key=lambda r: (r.due_on, r.id or 0))[:limit]

    def save(self, request: SubjectRequest) -> None:
        self._known(request.reference)
        self.requests[request.reference] = request

    def add_event(self, reference: str, event: RequestEvent) -> None:
        self._known(reference)
        self.events_.append((reference, event))

    def events(self, reference: str) -> list[RequestEvent]:
        self._known(reference)
        return [e for r, e in self.events_ if r == reference]

    def add_consultation(self, consultation: Consultation) -> Consultation:
        self._known(consultation.reference)
        stored = replace(consultation, id=len(self.consultations_) + 1)
        self.consultations_.append(stored)
        return stored

    def consultation(self, consultation_id: int) -> Consultation | None:
        return next((c for c in self.consultations_ if c.id == consultation_id), None)

    def consultations(self, reference: str) -> list[Consultation]:
        return [c for c in self.consultations_ if c.reference == reference]

    def consultations_for(self, bureau: str, *, open_only: bool = False) -> list[Consultation]:
        return [c for c in self.consultations_ if c.bureau == bureau and not (open_only and c.answer)]

    def save_consultation(self, consultation: Consultation) -> None:
        for i, c in enumerate(self.consultations_):
            if c.id == consultation.id:
                self.consultations_[i] = consultation
                return
        raise NotFound(f"no consultation {consultation.id}")

    def rewrite_text(self, reference: str, rewrite: Callable[[str | None], str | None]) -> None:
        self.events_ = [(r, replace(e, note=rewrite(e.note)) if r == reference else e) for r, e in self.events_]
        self.consultations_ = [replace(c, answer_note=rewrite(c.answer_note)) if c.reference == reference else c
                               for c in self.consultations_]


class FakeRetentionRepository:
    def __init__(self) -> None:
        self.rows: dict[tuple[str, date], RetentionReminder] = {}
        self._kept: dict[tuple[str, date], RetentionReminder] = {}

    def keep(self) -> None:
        self._kept = dict(self.rows)

    def restore(self) -> None:
        self.rows = dict(self._kept)

    def add_reminder(self, reminder: RetentionReminder) -> bool:
        key = (reminder.notice_id, reminder.expires_on)
        if key in self.rows:
            return False
        self.rows[key] = reminder
        return True

    def reminders(self, bureau: str | None = None) -> list[RetentionReminder]:
        return sorted((r for r in self.rows.values() if bureau is None or r.bureau == bureau),
                      key=lambda r: (r.expires_on, r.notice_id))

    def forget(self, notice_id: str) -> int:
        gone = [k for k in self.rows if k[0] == notice_id]
        for k in gone:
            del self.rows[k]
        return len(gone)


class FakeAuditRepository:
    """The audit log in lists; ``keep``/``restore`` for the unit of work. ``fail`` makes the next append raise
    (as a dropped table or a refusing trigger would)."""

    def __init__(self) -> None:
        self.rows: list[tuple[AuditRow, bytes]] = []
        self.erased: dict[int, datetime] = {}
        self.notes: dict[int, str] = {}
        self.fail: Exception | None = None
        self._kept: tuple[list[tuple[AuditRow, bytes]], dict[int, datetime], dict[int, str]] = ([], {}, {})

    def keep(self) -> None:
        self._kept = (list(self.rows), dict(self.erased), dict(self.notes))

    def restore(self) -> None:
        self.rows, self.erased, self.notes = list(self._kept[0]), dict(self._kept[1]), dict(self._kept[2])

    def append(self, build: Callable[[int], Sequence[AuditRow]]) -> int:
        if self.fail is not None:
            raise self.fail
        first = len(self.rows)
        for i, row in enumerate(build(first)):
            if leaf_seq(row.leaf) != first + i:
                raise Conflict(f"the audit entry built for seq {first + i} says seq {leaf_seq(row.leaf)}")
            self.rows.append((row, leaf_hash(row.leaf)))
        return first

    def size(self) -> int:
        return len(self.rows)

    def entries(self, start: int = 0, stop: int | None = None) -> Iterator[tuple[int, bytes, bytes]]:
        for seq in range(start, len(self.rows) if stop is None else min(stop, len(self.rows))):
            yield seq, self.rows[seq][0].leaf, self.rows[seq][1]

    def leaf_hashes(self, start: int, stop: int) -> list[bytes]:
        return [h for _, h in self.rows[start:stop]]

    def tiles(self, count: int) -> list[bytes]:
        complete = min(count, len(self.rows) // TILE_SIZE)
        return [tile_hash(self.leaf_hashes(t * TILE_SIZE, (t + 1) * TILE_SIZE)) for t in range(complete)]

    def _entry(self, seq: int) -> StoredAuditEntry:
        row = self.rows[seq][0]
        erased = self.erased.get(seq)
        return StoredAuditEntry(seq, row.ts, row.leaf, None if erased else row.payload, erased)

    def recent(self, limit: int, before: int | None = None) -> list[StoredAuditEntry]:
        top = len(self.rows) if before is None else min(before, len(self.rows))
        return [self._entry(seq) for seq in range(top - 1, max(top - limit, 0) - 1, -1)]

    def entry(self, seq: int) -> StoredAuditEntry | None:
        return self._entry(seq) if 0 <= seq < len(self.rows) else None

    def erase_payloads(self, subject: str, now: datetime) -> int:
        hit = [seq for seq, (row, _) in enumerate(self.rows)
               if subject in row.subjects and row.payload is not None and seq not in self.erased]
        self.erased.update(dict.fromkeys(hit, now))
        return len(hit)

    def add_checkpoint(self, size: int, note: str, created_at: datetime) -> None:
        if size in self.notes:
            raise Conflict(f"a checkpoint of size {size} is already stored")
        self.notes[size] = note

    def checkpoints(self) -> Iterator[str]:
        return iter([self.notes[size] for size in sorted(self.notes)])

    def latest_checkpoint(self) -> tuple[int, str] | None:
        return (max(self.notes), self.notes[max(self.notes)]) if self.notes else None


class FakeCooperationRepository:
    """Messages, events, attachment bytes, cases and operations in dicts; ``keep``/``restore`` for the unit of
    work."""

    def __init__(self, hits: FakeHitRepository | None = None) -> None:
        self.hits = hits
        self.messages_: dict[str, Message] = {}
        self.events: list[MessageEvent] = []
        self.blobs: dict[str, bytes] = {}
        self.cases_: dict[str, ExtraditionCase] = {}
        self.stages: list[tuple[str, StageEntry]] = []
        self.operations_: dict[str, Operation] = {}
        self._kept: tuple[object, ...] = ({}, [], {}, {}, [], {})

    def keep(self) -> None:
        self._kept = (dict(self.messages_), list(self.events), dict(self.blobs), dict(self.cases_),
                      list(self.stages), dict(self.operations_))

    def restore(self) -> None:
        m, e, b, c, s, o = self._kept
        self.messages_, self.events, self.blobs = dict(m), list(e), dict(b)  # type: ignore[call-overload]
        self.cases_, self.stages, self.operations_ = dict(c), list(s), dict(o)  # type: ignore[call-overload]

    def next_id(self, kind: str, bureau: str, year: int) -> str:
        prefix = f"{bureau}-{year}-{KIND_LETTER[kind]}"
        taken = [*self.messages_, *self.cases_, *self.operations_]
        return make_id(kind, bureau, year, 1 + max((int(i[len(prefix):]) for i in taken if i.startswith(prefix)),
                                                    default=0))

    def add_message(self, message: Message) -> None:
        if message.id in self.messages_:
            raise Conflict(f"message {message.id} already exists", record=message.id)
        self.messages_[message.id] = message

    def save_message(self, message: Message) -> None:
        if message.id not in self.messages_:
            raise NotFound(f"no message {message.id}", record=message.id)
        self.messages_[message.id] = message

    def get_message(self, message_id: str) -> Message | None:
        return self.messages_.get(message_id)

    def content_sha256(self, message_id: str) -> str | None:
        m = self.messages_.get(message_id)
        return content_digest(m) if m else None

    def messages(self, *, bureau: str | None = None, thread: str | None = None,
                 statuses: Collection[MessageStatus] = (), with_deadline: bool = False, offset: int = 0,
                 limit: int = 100) -> tuple[int, list[Message]]:
        found = [m for m in self.messages_.values() if (bureau is None or m.involves(bureau))
                 and (thread is None or m.thread == thread) and (not statuses or m.status in statuses)
                 and (not with_deadline or m.deadline is not None)]
        found.sort(key=lambda m: m.id, reverse=thread is None)
        return len(found), found[offset:offset + limit]

    def add_message_event(self, event: MessageEvent) -> None:
        if event.message_id not in self.messages_:
            raise NotFound(f"no message {event.message_id}")
        self.events.append(event)

    def message_history(self, message_id: str) -> list[MessageEvent]:
        return [e for e in self.events if e.message_id == message_id]

    def add_attachment_data(self, sha256: str, data: bytes) -> None:
        self.blobs.setdefault(sha256, data)

    def attachment_data(self, sha256: str) -> bytes | None:
        return self.blobs.get(sha256)

    def add_case(self, case: ExtraditionCase) -> None:
        if case.id in self.cases_:
            raise Conflict(f"case {case.id} already exists", record=case.id)
        self.cases_[case.id] = case
        self.stages.extend((case.id, e) for e in case.stages)

    def save_case(self, case: ExtraditionCase, entry: StageEntry | None = None) -> None:
        if case.id not in self.cases_:
            raise NotFound(f"no case {case.id}", record=case.id)
        self.cases_[case.id] = case
        if entry is not None:
            self.stages.append((case.id, entry))

    def get_case(self, case_id: str) -> ExtraditionCase | None:
        return self.cases_.get(case_id)

    def cases(self, *, bureau: str | None = None, notice: str | None = None, open_only: bool = False,
              limit: int = 1000) -> list[ExtraditionCase]:
        found = [c for c in self.cases_.values() if (bureau is None or c.involves(bureau))
                 and (notice is None or c.notice == notice) and (not open_only or c.is_open)]
        return sorted(found, key=lambda c: c.id, reverse=True)[:limit]

    def add_operation(self, op: Operation) -> None:
        if op.id in self.operations_:
            raise Conflict(f"operation {op.id} already exists", record=op.id)
        self.operations_[op.id] = op

    def save_operation(self, op: Operation, *, at: datetime) -> None:
        if op.id not in self.operations_:
            raise NotFound(f"no operation {op.id}", record=op.id)
        self.operations_[op.id] = op

    def get_operation(self, operation_id: str) -> Operation | None:
        return self.operations_.get(operation_id)

    def operations(self, *, bureau: str | None = None, limit: int = 1000) -> list[Operation]:
        found = [o for o in self.operations_.values() if bureau is None or o.involves(bureau)]
        return sorted(found, key=lambda o: o.id, reverse=True)[:limit]

    def hit_counts(self, bureau: str | None = None) -> list[tuple[str, str, int]]:
        counts: dict[tuple[str, str], int] = {}
        for h in (self.hits.rows.values() if self.hits else ()):
            if bureau is None or h.queue == bureau:
                counts[(h.queue, h.status.value)] = counts.get((h.queue, h.status.value), 0) + 1
        return [(q, s, n) for (q, s), n in counts.items()]
