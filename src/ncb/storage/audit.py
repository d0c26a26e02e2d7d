"""The SQL audit log: ``audit_log`` (the leaves), ``audit_payloads`` (the personal data, erasable),
``audit_tiles`` (hashes of complete runs of 256 leaves) and ``audit_checkpoints`` (signed tree heads).

Why ``seq`` has no gaps: it is the leaf's index in the Merkle tree, written inside the leaf and covered by
every checkpoint, so a missing number would be indistinguishable from a deleted entry. It is therefore
not a database sequence (those skip numbers when a transaction rolls back) but ``max(seq) + 1``, read and
written while every other appender waits: a rolled-back act leaves no number behind, and the next one
takes it. The wait lasts until the appender's transaction ends, so services append as the last thing
before they commit (``ncb.services.audit.record``).

Why payloads are apart: the leaf holds only the SHA-256 of the personal data an event touched. The data
itself sits in ``audit_payloads`` and can be erased (a deletion request, the end of retention) while the
leaf, its hash, every tile and every signed checkpoint stay exactly as they were, so the log still
verifies. ``audit_subjects`` says what each payload is about (every notice a screening check hit, say),
so that erasing a person's notice reaches every payload that holds data about them.

``audit_log``, ``audit_tiles`` and ``audit_checkpoints`` refuse UPDATE and DELETE (triggers, migration
0006); ``audit_payloads`` and ``audit_subjects`` do not.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from datetime import datetime
from pathlib import Path

from sqlalchemy import Connection, Row, Select, func, insert, select, update

from ncb.audit.entries import leaf_seq
from ncb.audit.keys import LogKey, load_log_key
from ncb.audit.merkle import leaf_hash
from ncb.audit.tiles import TILE_HEIGHT, TILE_SIZE, tile_hash
from ncb.errors import Conflict
from ncb.services.ports import AuditRow, StoredAuditEntry
from ncb.settings import Settings
from ncb.storage.dialect import as_utc, beside_database, lock_for_append, placeholder
from ncb.storage.tables import audit_checkpoints, audit_log, audit_payloads, audit_subjects, audit_tiles

APPEND_LOCK = int.from_bytes(b"ncbaudit", "big") >> 1
"""The advisory lock key appenders take on PostgreSQL (a signed 64-bit number)."""

STREAM_BATCH = 10_000
INSERT_BATCH = 5_000

_l = audit_log.c
_p = audit_payloads.c


class SqlAuditRepository:
    def __init__(self, conn: Connection) -> None:
        self.conn = conn

    # -- appending ---------------------------------------------------------------------------------
    def append(self, build: Callable[[int], Sequence[AuditRow]]) -> int:
        """Append ``build(first)`` at ``first, first + 1, ...`` with no gap, and the tiles they complete.

        Each leaf must carry its own seq (the ``"seq"`` field of the canonical leaf); a leaf that does not is
        refused, so a row can never say one place and its leaf another.
        """
        lock_for_append(self.conn, APPEND_LOCK)
        top = self.conn.exec_driver_sql("SELECT max(seq) FROM audit_log").scalar()
        first = 0 if top is None else int(top) + 1
        rows = list(build(first))
        if not rows:
            return first
        hashes = []
        for i, row in enumerate(rows):
            if leaf_seq(row.leaf) != first + i:
                raise Conflict(f"the audit entry built for seq {first + i} says seq {leaf_seq(row.leaf)}")
            hashes.append(leaf_hash(row.leaf))
        insert_leaf, ts_of, binary = _statements(self.conn)
        for lo in range(0, len(rows), INSERT_BATCH):
            chunk = range(lo, min(lo + INSERT_BATCH, len(rows)))
            # The driver's own statement: a read's one append is on every officer's read path, and this skips
            # SQLAlchemy's statement compilation (the values go through the columns' own bind processors).
            values = [(first + i, ts_of(rows[i].ts), binary(rows[i].leaf), binary(hashes[i])) for i in chunk]
            self.conn.exec_driver_sql(insert_leaf, values[0] if len(values) == 1 else values)
            payloads = [{"seq": first + i, "payload": rows[i].payload} for i in chunk if rows[i].payload is not None]
            if payloads:
                self.conn.execute(insert(audit_payloads), payloads)
            subjects = [{"subject": s, "seq": first + i} for i in chunk if rows[i].payload is not None
                        for s in dict.fromkeys(rows[i].subjects)]
            if subjects:
                self.conn.execute(insert(audit_subjects), subjects)
        self._add_tiles(first, hashes)
        return first

    def _add_tiles(self, first: int, hashes: list[bytes]) -> None:
        """Write the hash of every tile the leaves ``first ..`` complete (reading the earlier leaves of the
        first one, when it started before them)."""
        end = first + len(hashes)
        if end >> TILE_HEIGHT == first >> TILE_HEIGHT:
            return
        start = (first >> TILE_HEIGHT) << TILE_HEIGHT
        run = self.leaf_hashes(start, first) + hashes if start < first else hashes
        tiles = [{"idx": (start >> TILE_HEIGHT) + k, "hash": tile_hash(run[k * TILE_SIZE:(k + 1) * TILE_SIZE])}
                 for k in range(len(run) // TILE_SIZE)]
        self.conn.execute(insert(audit_tiles), tiles)

    # -- reading -----------------------------------------------------------------------------------
    def size(self) -> int:
        """Entries in the log: ``max(seq) + 1`` (an index lookup, where ``count(*)`` would scan)."""
        top = self.conn.execute(select(func.max(_l.seq))).scalar()
        return 0 if top is None else int(top) + 1

    def entries(self, start: int = 0, stop: int | None = None) -> Iterator[tuple[int, bytes, bytes]]:
        q = select(_l.seq, _l.leaf, _l.leaf_hash).where(_l.seq >= start)
        if stop is not None:
            q = q.where(_l.seq < stop)
        # Statement-level: a server-side cursor on PostgreSQL, batches of rows on both. Closed even when the
        # reader stops early (a verification that found its problem).
        result = self.conn.execute(q.order_by(_l.seq).execution_options(yield_per=STREAM_BATCH))
        try:
            for seq, leaf, stored in result:
                yield seq, bytes(leaf), bytes(stored)
        finally:
            result.close()

    def leaf_hashes(self, start: int, stop: int) -> list[bytes]:
        rows = self.conn.execute(select(_l.leaf_hash).where(_l.seq >= start, _l.seq < stop).order_by(_l.seq))
        return [bytes(h) for h in rows.scalars()]

    def tiles(self, count: int) -> list[bytes]:
        found: list[bytes] = []
        rows = self.conn.execute(select(audit_tiles.c.idx, audit_tiles.c.hash)
                                 .where(audit_tiles.c.idx < count).order_by(audit_tiles.c.idx))
        for idx, h in rows:
            if idx != len(found):
                break
            found.append(bytes(h))
        return found

    def recent(self, limit: int, before: int | None = None) -> list[StoredAuditEntry]:
        q = _with_payloads()
        if before is not None:
            q = q.where(_l.seq < before)
        return [_entry(r) for r in self.conn.execute(q.order_by(_l.seq.desc()).limit(limit))]

    def entry(self, seq: int) -> StoredAuditEntry | None:
        row = self.conn.execute(_with_payloads().where(_l.seq == seq)).first()
        return _entry(row) if row else None

    # -- erasing personal data ---------------------------------------------------------------------
    def erase_payloads(self, subject: str, now: datetime) -> int:
        about = select(audit_subjects.c.seq).where(audit_subjects.c.subject == subject)
        done = self.conn.execute(update(audit_payloads)
                                 .where(_p.seq.in_(about), _p.payload.is_not(None))
                                 .values(payload=None, erased_at=now))
        return int(done.rowcount or 0)

    # -- checkpoints -------------------------------------------------------------------------------
    def add_checkpoint(self, size: int, note: str, created_at: datetime) -> None:
        self.conn.execute(insert(audit_checkpoints).values(size=size, note=note, created_at=created_at))

    def checkpoints(self) -> Iterator[str]:
        rows = self.conn.execute(select(audit_checkpoints.c.note).order_by(audit_checkpoints.c.size)
                                 .execution_options(yield_per=1000))
        for (note,) in rows:
            yield note

    def latest_checkpoint(self) -> tuple[int, str] | None:
        row = self.conn.execute(select(audit_checkpoints.c.size, audit_checkpoints.c.note)
                                .order_by(audit_checkpoints.c.size.desc()).limit(1)).first()
        return (int(row[0]), row[1]) if row else None


_STATEMENTS: dict[str, tuple[str, Callable[[datetime], object], Callable[[bytes], object]]] = {}


def _statements(conn: Connection) -> tuple[str, Callable[[datetime], object], Callable[[bytes], object]]:
    """The driver-level INSERT of a log row and the bind processors of its ``ts`` and binary columns."""
    name = conn.dialect.name
    if name not in _STATEMENTS:
        mark = placeholder(conn)
        ts = audit_log.c.ts.type.bind_processor(conn.dialect)
        binary = audit_log.c.leaf.type.bind_processor(conn.dialect)
        _STATEMENTS[name] = (f"INSERT INTO audit_log (seq, ts, leaf, leaf_hash) VALUES ({', '.join([mark] * 4)})",
                             ts or _same, binary or _same)
    return _STATEMENTS[name]


def _same(value: object) -> object:
    return value


def _with_payloads() -> Select[tuple[int, datetime, bytes, str | None, datetime | None]]:
    return (select(_l.seq, _l.ts, _l.leaf, _p.payload, _p.erased_at)
            .select_from(audit_log.outerjoin(audit_payloads, _p.seq == _l.seq)))


def _entry(row: Row[tuple[int, datetime, bytes, str | None, datetime | None]]) -> StoredAuditEntry:
    return StoredAuditEntry(seq=int(row.seq), ts=as_utc(row.ts), leaf=bytes(row.leaf), payload=row.payload,
                            erased_at=as_utc(row.erased_at) if row.erased_at else None)


def key_path(settings: Settings) -> Path:
    """Where the log's signing key lives: ``audit_key_file``, relative to the SQLite database's folder (the
    working folder for PostgreSQL) unless absolute."""
    return beside_database(settings.database_url, settings.audit_key_file)


def log_origin(settings: Settings) -> str:
    """The log's name: ``audit_origin``, or ``ncb.<bureau>/audit``."""
    return settings.audit_origin or f"ncb.{settings.bureau}/audit"


def log_key(settings: Settings, *, create: bool = False) -> LogKey:
    """This instance's log key, from its file (made first when ``create`` and missing)."""
    return load_log_key(key_path(settings), log_origin(settings), create=create)

