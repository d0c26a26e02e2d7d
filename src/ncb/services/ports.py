"""What the services need from storage, as protocols. ``storage`` implements them with SQL; tests
pass fakes (``tests/fakes.py``)."""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from types import TracebackType
from typing import Any, Protocol, Self

from ncb.domain.access import Viewer
from ncb.domain.identity import ProgramToken, Session, User
from ncb.domain.news import NewsItem
from ncb.domain.notices import Notice, Transition
from ncb.domain.retention import RetentionReminder
from ncb.domain.screening import HitStatus, QueuedHit, TravelRecord
from ncb.domain.search import NoticeFilter
from ncb.domain.subject_requests import Consultation, RequestEvent, RequestStatus, SubjectRequest
from ncb.domain.tips import Tip
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

    def erase(self, entity_id: str) -> bool:
        """Remove a notice with its document, images, history and screening hits; False if there is none."""


class HitRepository(Protocol):
    def add(self, hit: QueuedHit) -> int: ...

    def get(self, hit_id: int) -> QueuedHit | None: ...

    def queue(self, bureau: str, status: HitStatus | None = None, limit: int = 100) -> list[QueuedHit]: ...

    def decide(self, hit_id: int, status: HitStatus, actor: str, at: datetime, reason: str) -> None: ...


class TravelRecordRepository(Protocol):
    def add(self, record: TravelRecord) -> int: ...

    def current(self, now: datetime) -> Iterator[TravelRecord]: ...

    def purge(self, now: datetime) -> int: ...

    def delete(self, ids: Collection[int]) -> int: ...


class SubjectRequestRepository(Protocol):
    """Data-subject requests, their events and the owner bureaus' consultations: apart from the police files."""

    def add(self, request: SubjectRequest) -> SubjectRequest: ...

    def get(self, reference: str) -> SubjectRequest | None: ...

    def find(self, statuses: Collection[RequestStatus] | None = None, limit: int = 1000) -> list[SubjectRequest]: ...

    def save(self, request: SubjectRequest) -> None: ...

    def add_event(self, reference: str, event: RequestEvent) -> None: ...

    def events(self, reference: str) -> list[RequestEvent]: ...

    def add_consultation(self, consultation: Consultation) -> Consultation: ...

    def consultation(self, consultation_id: int) -> Consultation | None: ...

    def consultations(self, reference: str) -> list[Consultation]: ...

    def consultations_for(self, bureau: str, *, open_only: bool = False) -> list[Consultation]: ...

    def save_consultation(self, consultation: Consultation) -> None: ...

    def rewrite_text(self, reference: str, rewrite: Callable[[str | None], str | None]) -> None: ...


class RetentionRepository(Protocol):
    def add_reminder(self, reminder: RetentionReminder) -> bool: ...

    def reminders(self, bureau: str | None = None) -> list[RetentionReminder]: ...

    def forget(self, notice_id: str) -> int: ...


class IdentityRepository(Protocol):
    def add_user(self, user: User) -> User: ...

    def user_by_name(self, username: str) -> User | None: ...

    def user(self, user_id: int) -> User | None: ...

    def list_users(self, bureau: str | None = None) -> list[User]: ...

    def save_user(self, user: User) -> None: ...

    def add_token(self, token: ProgramToken) -> None: ...

    def token(self, token_id: str) -> ProgramToken | None: ...

    def list_tokens(self, bureau: str | None = None) -> list[ProgramToken]: ...

    def revoke_token(self, token_id: str, now: datetime) -> None: ...

    def token_used(self, token_id: str, now: datetime) -> None: ...

    def add_session(self, session: Session) -> None: ...

    def session(self, id_sha256: str) -> Session | None: ...

    def live_sessions(self, user_id: int) -> list[Session]: ...

    def touch_session(self, id_sha256: str, now: datetime) -> None: ...

    def end_session(self, id_sha256: str, now: datetime) -> None: ...

    def end_sessions_of(self, user_id: int, now: datetime) -> int: ...

    def grant(self, bureau: str, agency: str) -> frozenset[str]: ...

    def set_grant(self, bureau: str, agency: str, notice_types: frozenset[str], by: str, at: datetime) -> None: ...

    def list_grants(self, bureau: str) -> list[tuple[str, frozenset[str], str, datetime]]: ...


@dataclass(frozen=True)
class AuditRow:
    """One audit entry as stored: its leaf (canonical JSON, ``ncb.audit.entries``), its time, and apart from it
    the personal data it commits to (canonical JSON, erasable) with what that data is about (``subject``)."""

    leaf: bytes
    ts: datetime
    payload: str | None = None
    subject: str | None = None


@dataclass(frozen=True)
class StoredAuditEntry:
    seq: int
    ts: datetime
    leaf: bytes
    payload: str | None  # None when there is none, or once erased (then ``erased_at`` is set)
    subject: str | None
    erased_at: datetime | None


class AuditRepository(Protocol):
    """The append-only audit log, its erasable payloads, tile hashes and signed checkpoints."""

    def append(self, build: Callable[[int], Sequence[AuditRow]]) -> int:
        """Append the rows ``build(first_seq)`` returns at ``first_seq``, ``first_seq + 1``, ...; returns
        ``first_seq``. Appenders wait for each other until the transaction ends, so seqs have no gaps."""

    def size(self) -> int: ...

    def entries(self, start: int = 0, stop: int | None = None) -> Iterator[tuple[int, bytes, bytes]]:
        """(seq, leaf, stored leaf hash) in seq order, streamed."""

    def leaf_hashes(self, start: int, stop: int) -> list[bytes]: ...

    def tiles(self, count: int) -> list[bytes]:
        """The stored hashes of tiles 0, 1, ... (at most ``count``; up to the first one missing)."""

    def recent(self, limit: int, before: int | None = None) -> list[StoredAuditEntry]: ...

    def entry(self, seq: int) -> StoredAuditEntry | None: ...

    def erase_payloads(self, subject: str, now: datetime) -> int:
        """Erase the personal data of every entry about ``subject``; the log rows stay as they are."""

    def add_checkpoint(self, size: int, note: str, created_at: datetime) -> None: ...

    def checkpoints(self) -> Iterator[str]:
        """Every stored signed checkpoint, smallest size first."""

    def latest_checkpoint(self) -> tuple[int, str] | None: ...


class NewsRepository(Protocol):
    """A bureau's news items (the portal's "in action")."""

    def add(self, item: NewsItem) -> NewsItem: ...

    def save(self, item: NewsItem) -> None: ...

    def get(self, item_id: int) -> NewsItem | None: ...

    def find(self, *, country: str | None = None, bureau: str | None = None, offset: int = 0,
             limit: int = 20) -> tuple[int, list[NewsItem]]: ...


class TipRepository(Protocol):
    """Tips from the public, kept for the bureau that owns the notice."""

    def add(self, tip: Tip) -> Tip: ...

    def get(self, reference: str) -> Tip | None: ...

    def for_bureau(self, bureau: str, *, entity_id: str | None = None, limit: int = 100,
                   offset: int = 0) -> list[Tip]: ...

    def count(self) -> int: ...


class UnitOfWork(Protocol):
    @property
    def notices(self) -> NoticeRepository: ...

    @property
    def identity(self) -> IdentityRepository: ...

    @property
    def hits(self) -> HitRepository: ...

    @property
    def travel_records(self) -> TravelRecordRepository: ...

    @property
    def travel_documents(self) -> TravelDocumentRepository: ...

    @property
    def subject_requests(self) -> SubjectRequestRepository: ...

    @property
    def retention(self) -> RetentionRepository: ...

    @property
    def news(self) -> NewsRepository: ...

    @property
    def tips(self) -> TipRepository: ...

    @property
    def audit(self) -> AuditRepository: ...

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
