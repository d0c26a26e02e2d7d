"""Alembic environment: runs on the engine the application passes in (never reads a URL itself)."""

from __future__ import annotations

from alembic import context

from ncb.storage.tables import metadata

engine = context.config.attributes.get("engine")
if engine is None:  # pragma: no cover - only when someone runs the alembic CLI by hand
    raise SystemExit("run migrations through `ncb init`, which passes the configured engine")

with engine.connect() as connection:
    context.configure(connection=connection, target_metadata=metadata,
                      render_as_batch=connection.dialect.name == "sqlite")
    with context.begin_transaction():
        context.run_migrations()
    connection.commit()
