"""Shared fixtures: the database on both backends (SQLite file and a real PostgreSQL the suite starts)."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, text

from ncb.storage.dialect import make_engine
from ncb.storage.migrate import upgrade
from tests.pg_server import PostgresServer

TODAY = date(2026, 11, 26)
NOW = datetime(2026, 11, 26, 9, 30, tzinfo=UTC)
_counter = itertools.count()


@pytest.fixture(autouse=True)
def _in_a_scratch_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test runs in its own folder: files an instance keeps in its working folder (the signing keys of a
    server database's instance) land there, never in the checkout."""
    monkeypatch.chdir(tmp_path)


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PostgresServer]:
    server = PostgresServer().start()
    try:
        admin = create_engine(server.url(), isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.execute(text("CREATE DATABASE ncb_template"))
        admin.dispose()
        template = make_engine(server.url("ncb_template"))
        upgrade(template)
        template.dispose()
        yield server
    finally:
        server.stop()


def _pg_database(server: PostgresServer) -> str:
    name = f"ncb_test_{next(_counter)}"
    admin = create_engine(server.url(), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f"CREATE DATABASE {name} TEMPLATE ncb_template"))
    admin.dispose()
    return server.url(name)


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A migrated, empty database URL on each backend."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'ncb.db'}"
        engine = make_engine(url)
        upgrade(engine)
        engine.dispose()
        return url
    server: PostgresServer = request.getfixturevalue("pg_server")
    return _pg_database(server)


@pytest.fixture
def engine(db_url: str) -> Iterator[Engine]:
    eng = make_engine(db_url)
    yield eng
    eng.dispose()

# INTERPOL-shaped example responses (copied from the shared fixtures so the suite runs anywhere).
INTERPOL_FIXTURES = Path(__file__).resolve().parent / "fixtures" / "interpol-public-api"
