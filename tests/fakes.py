"""In-memory fakes of the storage ports, for service tests without a database."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator, Mapping
from dataclasses import replace
from datetime import date, datetime
from types import TracebackType
from typing import Self

from ncb.domain.access import Viewer, can_view
from ncb.domain.documents import content_hash
from ncb.domain.notices import Notice, Transition
from ncb.domain.screening import HitStatus, QueuedHit, TravelRecord
from ncb.domain.search import NoticeFilter
from ncb.domain.travel_documents import DocumentStatus, StatusChange, TravelDocument, normalise_number
from ncb.errors import Conflict, DuplicateRecord, NotFound
from ncb.services.ports import Page, StoredImage


class FakeNoticeRepository:
    def __init__(self) -> None:
        self.notices: dict[str, Notice] = {}
        self.transitions: list[Transition] = []
        self.images: dict[str, StoredImage] = {}

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

    def count(self) -> int:
        return len(self.notices)

    def refresh_statistics(self) -> None:
        self.statistics_refreshed = True


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


class FakeUnitOfWork:
    """Commits are counted; work not committed when the block ends is thrown away."""

    def __init__(self) -> None:
        self.notices = FakeNoticeRepository()
        self.hits = FakeHitRepository()
        self.travel_records = FakeTravelRecordRepository()
        self.travel_documents = FakeTravelDocumentRepository()
        self.commits = 0
        self._snapshot: tuple[dict[str, Notice], list[Transition], dict[str, StoredImage]] | None = None

    @property
    def committed(self) -> bool:
        return self.commits > 0

    def __enter__(self) -> Self:
        self._snapshot = (dict(self.notices.notices), list(self.notices.transitions), dict(self.notices.images))
        self.travel_documents.keep()
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.rollback()

    def commit(self) -> None:
        self.commits += 1
        self._snapshot = (dict(self.notices.notices), list(self.notices.transitions), dict(self.notices.images))
        self.travel_documents.keep()

    def rollback(self) -> None:
        self.travel_documents.restore()
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
