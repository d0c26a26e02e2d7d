"""Many threads of one process writing at once: every write lands, and a failed or finished transaction always
lets the next writer in (on SQLite the writers queue on a lock of the process's own, see make_engine)."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import Engine

from ncb.domain.screening import TravelRecord
from ncb.storage.migrate import upgrade
from ncb.storage.uow import SqlUnitOfWork

NOW = datetime(2026, 11, 26, tzinfo=UTC)


def _write(engine: Engine, n: int) -> None:
    for i in range(10):
        with SqlUnitOfWork(engine) as uow:
            uow.travel_records.add(TravelRecord(None, "JP", NOW, NOW + timedelta(days=1), {"id": f"{n}-{i}"}))
            uow.commit()


def test_every_concurrent_write_lands(engine: Engine) -> None:
    upgrade(engine)
    with ThreadPoolExecutor(8) as pool:
        list(pool.map(lambda n: _write(engine, n), range(8)))
    with SqlUnitOfWork(engine, write=False) as uow:
        assert len(list(uow.travel_records.current(NOW))) == 80


def test_a_writer_that_fails_lets_the_next_one_in(engine: Engine) -> None:
    upgrade(engine)
    with pytest.raises(RuntimeError), SqlUnitOfWork(engine) as uow:
        uow.travel_records.add(TravelRecord(None, "JP", NOW, NOW + timedelta(days=1), {"id": "lost"}))
        raise RuntimeError("a failure half-way")
    with ThreadPoolExecutor(1) as pool:  # another thread: it would wait for a turn never given back
        pool.submit(_write, engine, 0).result(timeout=20)
    with SqlUnitOfWork(engine, write=False) as uow:
        assert sorted(r.person["id"] for r in uow.travel_records.current(NOW)) == [f"0-{i}" for i in range(10)]
