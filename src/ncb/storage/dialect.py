"""Every difference between SQLite and PostgreSQL lives here."""

from __future__ import annotations

import threading
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, Table, create_engine, event, func, text
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import make_url
from sqlalchemy.sql.elements import ColumnElement

from ncb.errors import ConfigurationError

WRITE = "ncb_write"  # execution option a unit of work sets when it will write


_WRITER = "ncb_writer_turn"


def make_engine(url: str, *, busy_timeout_ms: int = 5000) -> Engine:
    """An engine for ``url``; SQLite connections get busy_timeout, WAL and foreign keys on every connect."""
    try:
        parsed = make_url(url)
    except Exception as exc:  # sqlalchemy raises ArgumentError with a terse message
        raise ConfigurationError(f"NCB_DATABASE_URL {url!r} is not a database URL: {exc}") from None
    backend = parsed.get_backend_name()
    if backend == "sqlite":
        engine = create_engine(url, connect_args={"timeout": busy_timeout_ms / 1000})
        in_memory = parsed.database in (None, "", ":memory:")

        @event.listens_for(engine, "connect")
        def _pragmas(dbapi_conn: Any, _record: Any) -> None:
            # pysqlite's own transaction handling is switched off so that BEGIN is ours (below).
            dbapi_conn.isolation_level = None
            cur = dbapi_conn.cursor()
            cur.execute(f"PRAGMA busy_timeout = {int(busy_timeout_ms)}")
            if not in_memory:
                cur.execute("PRAGMA journal_mode = WAL")
                cur.execute("PRAGMA synchronous = NORMAL")
            cur.execute("PRAGMA foreign_keys = ON")
            # Lists scan the narrow notices table: keep it in memory instead of 2 MB of page cache.
            cur.execute("PRAGMA cache_size = -65536")
            cur.close()

        writers = threading.Lock()

        @event.listens_for(engine, "begin")
        def _begin(conn: Any) -> None:
            # A writer takes the lock at the start instead of failing to upgrade it half-way; readers begin
            # deferred so that they never wait for each other. The writers of this process first queue on a lock
            # of their own, each woken as the one before finishes (SQLite's own wait polls with growing sleeps,
            # which left some writers waiting a second behind others); see release_writer.
            if not conn.get_execution_options().get(WRITE):
                conn.exec_driver_sql("BEGIN")
                return
            if writers.acquire(timeout=busy_timeout_ms / 1000):
                conn.info[_WRITER] = writers
            try:
                conn.exec_driver_sql("BEGIN IMMEDIATE")
            except BaseException:
                release_writer(conn)
                raise

        @event.listens_for(engine, "rollback")
        def _rolled_back(conn: Any) -> None:
            release_writer(conn)

        return engine
    if backend == "postgresql":
        if parsed.get_driver_name() not in ("psycopg",):
            parsed = parsed.set(drivername="postgresql+psycopg")
        return create_engine(parsed, pool_pre_ping=True)
    raise ConfigurationError(f"NCB_DATABASE_URL must be sqlite:/// or postgresql://, not {backend!r}")


def release_writer(conn: Any) -> None:
    """Let the next writer of this process in, once ``conn``'s write transaction is over (committed or rolled
    back); nothing when it holds no turn."""
    turn = conn.info.pop(_WRITER, None)
    if turn is not None:
        turn.release()


def dialect_insert(dialect_name: str, table: Table) -> Any:
    """The dialect's own INSERT, so that ``on_conflict_do_nothing`` works on both backends."""
    if dialect_name == "postgresql":
        return postgresql.insert(table)
    return sqlite.insert(table)


def is_sqlite(engine: Engine) -> bool:
    return engine.dialect.name == "sqlite"


def refresh_statistics(conn: Connection) -> None:
    """Let the query planner see the data as it now is (after a bulk load): without statistics SQLite
    prefers an index that matches most rows, which is far slower than a scan."""
    conn.exec_driver_sql("ANALYZE")


def contains(dialect_name: str, column: ColumnElement[str], needle: str) -> ColumnElement[bool]:
    """``needle`` occurs in ``column`` (exactly, no wildcards): ``instr`` on SQLite, ``strpos`` on
    PostgreSQL; both are faster than ``LIKE '%...%'`` and need no escaping."""
    fn = func.strpos if dialect_name == "postgresql" else func.instr
    return fn(column, needle) > 0


def prepare_bulk_load(conn: Connection, cache_kib: int) -> None:
    """Before a large batch of inserts with random keys: SQLite keeps a whole transaction's worth of index
    pages in memory instead of spilling and rewriting them (2x faster at 10 million rows). PostgreSQL has
    its shared buffers: nothing to do."""
    if conn.dialect.name == "sqlite":
        conn.exec_driver_sql(f"PRAGMA cache_size = -{int(cache_kib)}")


def lock_for_append(conn: Connection, key: int) -> None:
    """Make the other appenders to one gap-free sequence wait until this transaction ends (commit or
    rollback), so that reading the highest number and writing the next one cannot interleave.

    PostgreSQL: a transaction-scoped advisory lock (``pg_advisory_xact_lock``), released at commit after the
    rows became visible to the next holder. SQLite: a writer's transaction already holds the database's one
    write lock from its first statement (``BEGIN IMMEDIATE``, see ``make_engine``); a reader's transaction
    could not take it safely half-way (its snapshot may be stale), so it is refused as a programming error.
    """
    if conn.dialect.name == "postgresql":
        conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": key})
    elif not conn.get_execution_options().get(WRITE):
        raise RuntimeError("appending to the audit log needs a writing unit of work (uow(write=True)) on SQLite")


def placeholder(conn: Connection) -> str:
    """The driver's own parameter marker, for statements sent with ``exec_driver_sql``."""
    return "?" if conn.dialect.paramstyle in ("qmark", "numeric") else "%s"


def as_utc(value: datetime) -> datetime:
    """A stored time as an aware UTC datetime (SQLite gives it back naive)."""
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def beside_database(database_url: str, name: str) -> Path:
    """A file named in a setting: as given when absolute, else in the SQLite database's folder (the working
    folder for a server database), so that an instance's keys live with its data."""
    path = Path(name).expanduser()
    if path.is_absolute():
        return path
    url = make_url(database_url)
    if url.get_backend_name() == "sqlite" and url.database not in (None, "", ":memory:"):
        return Path(url.database).expanduser().resolve().parent / path
    return Path.cwd() / path
