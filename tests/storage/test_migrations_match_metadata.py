"""The migrations build the schema that ``ncb.storage.tables`` declares, every table of it, on both databases."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Engine

from ncb.storage.tables import metadata


def test_the_migrations_build_every_table_as_declared(engine: Engine) -> None:
    """No table, column, type, index or constraint differs between the migrated database and the metadata."""
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), metadata)
    assert diff == []
