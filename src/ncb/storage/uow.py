"""The SQL unit of work: one connection, one transaction, committed once by the service."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from types import TracebackType
from typing import Self

from sqlalchemy import Connection, Engine

from ncb.storage.audit import SqlAuditRepository
from ncb.storage.cooperation import SqlCooperationRepository
from ncb.storage.dialect import WRITE, release_writer
from ncb.storage.federation import SqlFederationRepository
from ncb.storage.hits import SqlHitRepository
from ncb.storage.identity import SqlIdentityRepository
from ncb.storage.notices import SqlNoticeRepository
from ncb.storage.portal import SqlNewsRepository, SqlTipRepository
from ncb.storage.retention import SqlRetentionRepository
from ncb.storage.subject_requests import SqlSubjectRequestRepository
from ncb.storage.travel_documents import SqlTravelDocumentRepository
from ncb.storage.travel_records import SqlTravelRecordRepository


class SqlUnitOfWork:
    """``with uow: ...; uow.commit()``; anything not committed is rolled back on exit."""

    notices: SqlNoticeRepository
    cooperation: SqlCooperationRepository
    identity: SqlIdentityRepository
    federation: SqlFederationRepository
    hits: SqlHitRepository
    travel_records: SqlTravelRecordRepository
    travel_documents: SqlTravelDocumentRepository
    subject_requests: SqlSubjectRequestRepository
    retention: SqlRetentionRepository
    news: SqlNewsRepository
    tips: SqlTipRepository
    audit: SqlAuditRepository

    def __init__(self, engine: Engine, *, write: bool = True, clock: Callable[[], datetime] | None = None) -> None:
        self.engine = engine
        self.write = write
        self.clock = clock
        self._conn: Connection | None = None

    def __enter__(self) -> Self:
        conn = self.engine.connect()
        if self.write:
            conn = conn.execution_options(**{WRITE: True})
        conn.begin()
        self._conn = conn
        self.notices = SqlNoticeRepository(conn, self.clock)
        self.cooperation = SqlCooperationRepository(conn)
        self.hits = SqlHitRepository(conn)
        self.identity = SqlIdentityRepository(conn)
        self.federation = SqlFederationRepository(conn)
        self.travel_records = SqlTravelRecordRepository(conn)
        self.travel_documents = SqlTravelDocumentRepository(conn)
        self.subject_requests = SqlSubjectRequestRepository(conn)
        self.audit = SqlAuditRepository(conn)
        self.retention = SqlRetentionRepository(conn)
        self.news = SqlNewsRepository(conn)
        self.tips = SqlTipRepository(conn)
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        assert self._conn is not None
        try:
            if self._conn.in_transaction():
                self._conn.rollback()
        finally:
            release_writer(self._conn)
            self._conn.close()
            self._conn = None

    def commit(self) -> None:
        # The next transaction begins with the next statement (SQLAlchemy's autobegin, which fires the same
        # ``begin`` event: a writer's BEGIN IMMEDIATE), not now: a unit of work that commits last holds no lock
        # while it is being closed.
        assert self._conn is not None, "commit outside `with uow:`"
        self._conn.commit()
        release_writer(self._conn)

    def rollback(self) -> None:
        assert self._conn is not None
        self._conn.rollback()
