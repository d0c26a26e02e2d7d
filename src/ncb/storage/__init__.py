"""Storage: SQLAlchemy Core tables, repositories, the SQL unit of work, Alembic migrations."""
