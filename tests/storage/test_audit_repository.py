"""The SQL audit log on SQLite and on a real PostgreSQL: gap-free seqs under concurrent writers and
rollbacks, tiles that agree with the RFC 9162 tree, erasable payloads, and a database that refuses to
change or remove a log row."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from sqlalchemy import Engine, delete, text, update
from sqlalchemy.exc import DBAPIError

from ncb.audit.entries import AuditEvent, canonical_leaf, event_from_leaf
from ncb.audit.merkle import MerkleTree, leaf_hash
from ncb.audit.tiles import TILE_SIZE
from ncb.errors import Conflict
from ncb.services.ports import AuditRow
from ncb.storage.tables import audit_log, audit_tiles
from ncb.storage.uow import SqlUnitOfWork
from tests.conftest import NOW


def row(seq: int, who: str = "officer.sato@JP", payload: str | None = None,
        subjects: tuple[str, ...] = ()) -> AuditRow:
    event = AuditEvent.record(seq=seq, ts=NOW, actor=who, actor_ncb="JP", action="notice.consult",
                              object="notice:2026/00001", purpose="border check", outcome="allowed",
                              personal_data={"query": payload} if payload else {})
    return AuditRow(canonical_leaf(event), NOW, payload, subjects)


def append(engine: Engine, count: int = 1, **kwargs: str | tuple[str, ...]) -> int:
    with SqlUnitOfWork(engine) as uow:
        first = uow.audit.append(lambda seq: [row(seq + i, **kwargs) for i in range(count)])
        uow.commit()
    return first


def test_appends_take_the_next_seq_and_stream_back_in_order(engine: Engine) -> None:
    assert append(engine, 3) == 0
    assert append(engine) == 3
    with SqlUnitOfWork(engine, write=False) as uow:
        assert uow.audit.size() == 4
        stored = list(uow.audit.entries())
        assert [s for s, _, _ in stored] == [0, 1, 2, 3]
        assert all(h == leaf_hash(leaf) and event_from_leaf(leaf).seq == s for s, leaf, h in stored)
        assert [s for s, _, _ in uow.audit.entries(1, 3)] == [1, 2]


def test_a_leaf_that_names_another_seq_is_refused(engine: Engine) -> None:
    append(engine, 2)
    with SqlUnitOfWork(engine) as uow, pytest.raises(Conflict, match="built for seq 2 says seq 0"):
        uow.audit.append(lambda seq: [row(0)])
    with SqlUnitOfWork(engine, write=False) as uow:
        assert uow.audit.size() == 2


def test_a_rolled_back_append_leaves_no_gap(engine: Engine) -> None:
    append(engine)
    with SqlUnitOfWork(engine) as uow:
        assert uow.audit.append(lambda seq: [row(seq)]) == 1
        # not committed: the act failed
    assert append(engine) == 1


def test_concurrent_writers_get_distinct_seqs_without_gaps(engine: Engine) -> None:
    writers, each = 4, 15
    errors: list[BaseException] = []

    def work(n: int) -> None:
        try:
            for _ in range(each):
                append(engine, who=f"writer{n}@JP")
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(n,)) for n in range(writers)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    with SqlUnitOfWork(engine, write=False) as uow:
        seqs = [s for s, _, _ in uow.audit.entries()]
        writers_seen = {event_from_leaf(leaf).actor for _, leaf, _ in uow.audit.entries()}
    assert seqs == list(range(writers * each))
    assert writers_seen == {f"writer{n}@JP" for n in range(writers)}


def test_tiles_are_written_as_runs_of_256_complete_and_match_the_tree(engine: Engine) -> None:
    append(engine, 200)
    append(engine, 100)  # completes tile 0 across two appends
    append(engine, 2 * TILE_SIZE + 10)  # completes tiles 1 and 2 in one
    with SqlUnitOfWork(engine, write=False) as uow:
        size = uow.audit.size()
        hashes = uow.audit.leaf_hashes(0, size)
        tiles = uow.audit.tiles(100)
    assert size == 300 + 2 * TILE_SIZE + 10 and len(tiles) == size // TILE_SIZE == 3
    tree = MerkleTree(hashes)
    for t, h in enumerate(tiles):
        assert h == MerkleTree(hashes[t * TILE_SIZE:(t + 1) * TILE_SIZE]).root()
    assert tree.root(TILE_SIZE) == tiles[0]


def test_payloads_are_erased_by_any_subject_they_are_about_and_the_log_row_stays(engine: Engine) -> None:
    append(engine, payload="YAMADA TARO", subjects=("notice:2026/00001",))
    append(engine, payload="SMITH JOHN", subjects=("notice:2026/00002",))
    append(engine)
    append(engine, payload="YAMADA T.", subjects=("notice:2026/00003", "notice:2026/00001"))
    with SqlUnitOfWork(engine, write=False) as uow:
        before = list(uow.audit.entries())
    with SqlUnitOfWork(engine) as uow:
        assert uow.audit.erase_payloads("notice:2026/00001", NOW + timedelta(days=1)) == 2
        assert uow.audit.erase_payloads("notice:2026/00001", NOW + timedelta(days=2)) == 0
        uow.commit()
    with SqlUnitOfWork(engine, write=False) as uow:
        assert list(uow.audit.entries()) == before
        first, second, third, fourth = (uow.audit.entry(s) for s in range(4))
        latest = uow.audit.recent(2)
    assert first is not None and first.payload is None and first.erased_at == NOW + timedelta(days=1)
    assert second is not None and second.payload == "SMITH JOHN" and second.erased_at is None
    assert third is not None and third.payload is None and third.erased_at is None
    assert fourth is not None and fourth.payload is None and fourth.erased_at is not None
    assert [e.seq for e in latest] == [3, 2]


def test_the_database_refuses_to_change_or_remove_log_rows_tiles_and_checkpoints(engine: Engine) -> None:
    append(engine, TILE_SIZE)
    with SqlUnitOfWork(engine) as uow:
        uow.audit.add_checkpoint(TILE_SIZE, "note\n", NOW)
        uow.commit()
    for statement in (update(audit_log).values(leaf=b"{}").where(audit_log.c.seq == 3),
                      delete(audit_log).where(audit_log.c.seq == TILE_SIZE - 1),
                      update(audit_tiles).values(hash=b"0" * 32), delete(audit_tiles),
                      text("DELETE FROM audit_checkpoints"), text("UPDATE audit_checkpoints SET note = 'x'")):
        with engine.connect() as conn, pytest.raises(DBAPIError, match="append-only"):
            conn.execute(statement)
    with SqlUnitOfWork(engine, write=False) as uow:
        assert uow.audit.size() == TILE_SIZE and len(uow.audit.tiles(1)) == 1
        assert list(uow.audit.checkpoints()) == ["note\n"] and uow.audit.latest_checkpoint() == (TILE_SIZE, "note\n")


def test_on_sqlite_a_reading_unit_of_work_cannot_append(engine: Engine) -> None:
    if engine.dialect.name != "sqlite":
        pytest.skip("PostgreSQL takes its advisory lock in any transaction")
    with SqlUnitOfWork(engine, write=False) as uow, pytest.raises(RuntimeError, match="writing unit of work"):
        uow.audit.append(lambda seq: [row(seq)])
