"""The schema, in SQLAlchemy Core. Alembic migrations in ``migrations/`` build it from an empty database.

A notice is stored whole as its native JSON document (``document``) with denormalised columns and
child tables for what lists filter on (names, nationalities, warrant countries, dates of birth).
History (``notice_transitions``) is append-only.
"""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
)

metadata = MetaData(naming_convention={
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
})

notices = Table(
    "notices", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("entity_id", String(16), nullable=False, unique=True),
    Column("type", String(16), nullable=False),
    Column("status", String(16), nullable=False),
    Column("owner", String(3), nullable=False),
    Column("agency", String(64)),
    Column("public_extract", Boolean, nullable=False),
    Column("restriction_mode", String(8), nullable=False),
    Column("restriction_countries", Text, nullable=False),  # ",JP,US," (delimited for LIKE)
    Column("addressees", Text, nullable=False),  # ",JP,US," or "" for all
    Column("sex", String(1), nullable=False),
    Column("date_of_birth", String(10)),
    Column("dob_earliest", Date),
    Column("dob_latest", Date),
    Column("primary_name", String(200)),
    Column("primary_forename", String(200)),
    Column("un_reference", String(64)),
    Column("un_resolution", String(32)),
    Column("search_text", Text, nullable=False),  # casefolded, for free_text
    Column("document", Text, nullable=False),
    Column("content_hash", String(64), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    Column("published_at", DateTime(timezone=True)),
    Column("expires_on", Date),
    Column("version", Integer, nullable=False),
)
Index("ix_notices_type_status", notices.c.type, notices.c.status, notices.c.public_extract)
Index("ix_notices_owner", notices.c.owner)
Index("ix_notices_dob", notices.c.dob_earliest)
Index("ix_notices_expires", notices.c.expires_on)

notice_names = Table(
    "notice_names", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("notice_id", Integer, ForeignKey("notices.id", ondelete="CASCADE"), nullable=False),
    Column("position", Integer, nullable=False),
    Column("kind", String(16), nullable=False),
    Column("script", String(16), nullable=False),
    Column("name_folded", String(200)),
    Column("forename_folded", String(200)),
    Column("full_folded", String(400), nullable=False),
)
Index("ix_notice_names_notice", notice_names.c.notice_id)

notice_nationalities = Table(
    "notice_nationalities", metadata,
    Column("notice_id", Integer, ForeignKey("notices.id", ondelete="CASCADE"), primary_key=True),
    Column("country", String(3), primary_key=True),
)
Index("ix_notice_nationalities_country", notice_nationalities.c.country)

notice_warrant_countries = Table(
    "notice_warrant_countries", metadata,
    Column("notice_id", Integer, ForeignKey("notices.id", ondelete="CASCADE"), primary_key=True),
    Column("country", String(3), primary_key=True),
)
Index("ix_notice_warrant_countries_country", notice_warrant_countries.c.country)

notice_transitions = Table(
    "notice_transitions", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("notice_id", Integer, ForeignKey("notices.id", ondelete="CASCADE"), nullable=False),
    Column("action", String(16), nullable=False),
    Column("from_status", String(16)),
    Column("to_status", String(16), nullable=False),
    Column("actor", String(200), nullable=False),
    Column("at", DateTime(timezone=True), nullable=False),
    Column("reason", Text),
    Column("findings", Text, nullable=False),  # JSON list
    Column("exception_recorded", Boolean, nullable=False),
)
Index("ix_notice_transitions_notice", notice_transitions.c.notice_id)

images = Table(
    "images", metadata,
    Column("picture_id", String(32), primary_key=True),
    Column("notice_id", Integer, ForeignKey("notices.id", ondelete="CASCADE"), nullable=False),
    Column("thumbnail_of", String(32)),
    Column("media_type", String(32), nullable=False),
    Column("data", LargeBinary, nullable=False),
    Column("sha256", String(64), nullable=False),
)
Index("ix_images_notice", images.c.notice_id)
