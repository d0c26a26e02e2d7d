"""What the services need from storage, as protocols. ``storage`` implements them with SQL; tests
pass fakes (``tests/fakes.py``)."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from types import TracebackType
from typing import Any, Protocol, Self

from ncb.domain.access import Viewer
from ncb.domain.notices import Notice, Transition
from ncb.domain.screening import HitStatus, QueuedHit, TravelRecord
from ncb.domain.search import NoticeFilter
from ncb.domain.travel_documents import DocumentStatus, StatusChange, TravelDocument


@dataclass(frozen=True)
class StoredImage:
    picture_id: str
    entity_id: str
    media_type: str
    data: bytes
    thumbnail_of: str | None = None


@dataclass(frozen=True)
class Page:
    total: int
    notices: tuple[Notice, ...]


class NoticeRepository(Protocol):
    def get(self, entity_id: str) -> Notice | None: ...

    def content_hash(self, entity_id: str) -> str | None: ...

    def add(self, notice: Notice) -> None: ...

    def hashes(self, entity_ids: list[str]) -> dict[str, str]: ...

    def add_many(self, batch: list[tuple[Notice, Transition]], hashes: Mapping[str, str] | None = None) -> None: ...

    # Bulk loading: ``prepare`` is pure (it may run in a worker process); what it returns is opaque here.
    @staticmethod
    def prepare(notice: Notice, content_hash: str | None = None) -> Any: ...

    def add_prepared(self, batch: list[tuple[Any, Transition]]) -> None: ...

    def update_prepared(self, prepared: Any) -> None: ...

    def update(self, notice: Notice) -> None: ...

    def add_transition(self, transition: Transition) -> None: ...

    def history(self, entity_id: str) -> list[Transition]: ...

    def find(self, flt: NoticeFilter, *, today: date, visible_to: Viewer | None,
             offset: int, limit: int) -> Page: ...

    def iter_all(self, flt: NoticeFilter, *, today: date) -> Iterator[Notice]: ...

    def next_entity_id(self, year: int) -> str: ...

    def add_image(self, image: StoredImage) -> None: ...

    def get_image(self, picture_id: str) -> StoredImage | None: ...

    def count(self) -> int: ...

    def refresh_statistics(self) -> None:
        """After a bulk load: let the database's query planner see the new data."""


class HitRepository(Protocol):
    def add(self, hit: QueuedHit) -> int: ...

    def get(self, hit_id: int) -> QueuedHit | None: ...

    def queue(self, bureau: str, status: HitStatus | None = None, limit: int = 100) -> list[QueuedHit]: ...

    def decide(self, hit_id: int, status: HitStatus, actor: str, at: datetime, reason: str) -> None: ...


class TravelRecordRepository(Protocol):
    def add(self, record: TravelRecord) -> int: ...

    def current(self, now: datetime) -> Iterator[TravelRecord]: ...

    def purge(self, now: datetime) -> int: ...


class UnitOfWork(Protocol):
    @property
    def notices(self) -> NoticeRepository: ...

    @property
    def hits(self) -> HitRepository: ...

    @property
    def travel_records(self) -> TravelRecordRepository: ...

    @property
    def travel_documents(self) -> TravelDocumentRepository: ...

    def __enter__(self) -> Self: ...

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None: ...

    def commit(self) -> None: ...

    def rollback(self) -> None: ...


class TravelDocumentRepository(Protocol):
    """Stolen and lost travel documents (SLTD): reports keyed by normalised number and issuing country."""

    def find(self, number: str, country: str | None = None, *,
             include_recovered: bool = False) -> list[TravelDocument]: ...

    def open_reports(self, keys: Collection[tuple[str, str]]) -> dict[tuple[str, str], TravelDocument]: ...

    def history(self, number: str, country: str) -> list[StatusChange]: ...

    def count(self) -> int: ...

    def counts(self) -> dict[DocumentStatus, int]: ...

    def add(self, doc: TravelDocument) -> None: ...

    def add_many(self, docs: Iterable[TravelDocument], batch_size: int = ...) -> int: ...

    def update_status(self, doc: TravelDocument, status: DocumentStatus, *, actor: str, at: datetime,
                      reason: str | None = None) -> None: ...
