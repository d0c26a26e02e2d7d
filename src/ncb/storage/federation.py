"""Federation partners, the outbox and the inbox in SQL."""

from __future__ import annotations

import contextlib
import os
from datetime import datetime
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import Connection, delete, func, insert, select, update
from sqlalchemy.engine import RowMapping

from ncb.domain.federation import Envelope, LocalInstance, OutboxItem, Partner
from ncb.errors import ConfigurationError
from ncb.settings import Settings
from ncb.storage.dialect import as_utc, beside_database
from ncb.storage.tables import federation_inbox, federation_outbox, federation_partners

_o = federation_outbox.c
ERASED = '{"erased":true}'


def _partner(row: RowMapping) -> Partner:
    return Partner(row["code"], row["base_url"], row["public_key"], as_utc(row["added_at"]), row["added_by"])


def _item(row: RowMapping) -> OutboxItem:
    return OutboxItem(row["id"], row["recipient"], row["kind"], row["envelope"], row["signature"],
                      as_utc(row["created_at"]), row["attempts"], as_utc(row["next_attempt_at"]), row["last_error"],
                      as_utc(row["delivered_at"]) if row["delivered_at"] else None)


class SqlFederationRepository:
    def __init__(self, conn: Connection) -> None:
        self.conn = conn

    def put_partner(self, partner: Partner) -> None:
        self.conn.execute(delete(federation_partners).where(federation_partners.c.code == partner.code))
        self.conn.execute(insert(federation_partners).values(
            code=partner.code, base_url=partner.base_url, public_key=partner.public_key, added_at=partner.added_at,
            added_by=partner.added_by))

    def remove_partner(self, code: str) -> bool:
        return bool(self.conn.execute(delete(federation_partners).where(federation_partners.c.code == code)).rowcount)

    def partner(self, code: str) -> Partner | None:
        q = select(federation_partners).where(federation_partners.c.code == code)
        row = self.conn.execute(q).mappings().first()
        return _partner(row) if row else None

    def partners(self) -> list[Partner]:
        q = select(federation_partners).order_by(federation_partners.c.code)
        return [_partner(r) for r in self.conn.execute(q).mappings()]

    def enqueue(self, envelope: Envelope, signature: str, now: datetime) -> None:
        self.conn.execute(insert(federation_outbox).values(
            id=envelope.id, recipient=envelope.recipient, kind=envelope.kind.value,
            envelope=envelope.canonical().decode(), about=envelope.about, signature=signature, created_at=now,
            attempts=0, next_attempt_at=now))

    def due(self, now: datetime, limit: int) -> list[OutboxItem]:
        q = (select(federation_outbox).where(_o.delivered_at.is_(None), _o.next_attempt_at <= now)
             .order_by(_o.created_at, _o.id).limit(limit))
        return [_item(r) for r in self.conn.execute(q).mappings()]

    def mark_delivered(self, item_id: str, now: datetime) -> None:
        self.conn.execute(update(federation_outbox).where(_o.id == item_id, _o.delivered_at.is_(None))
                          .values(delivered_at=now, attempts=_o.attempts + 1, last_error=None))

    def mark_failed(self, item_id: str, error: str, next_attempt_at: datetime) -> None:
        self.conn.execute(update(federation_outbox).where(_o.id == item_id, _o.delivered_at.is_(None))
                          .values(attempts=_o.attempts + 1, last_error=error[:2000], next_attempt_at=next_attempt_at))

    def recent_outbox(self, limit: int) -> list[OutboxItem]:
        q = select(federation_outbox).order_by(_o.created_at.desc(), _o.id).limit(limit)
        return [_item(r) for r in self.conn.execute(q).mappings()]

    def pending_count(self) -> int:
        return int(self.conn.execute(select(func.count()).select_from(federation_outbox)
                                   .where(_o.delivered_at.is_(None))).scalar_one())

    def inbox_digest(self, envelope_id: str) -> str | None:
        value = self.conn.execute(select(federation_inbox.c.digest).where(federation_inbox.c.id == envelope_id))
        return value.scalar_one_or_none()

    def add_inbox(self, envelope: Envelope, now: datetime, outcome: str) -> None:
        self.conn.execute(insert(federation_inbox).values(
            id=envelope.id, sender=envelope.sender, kind=envelope.kind.value, digest=envelope.digest,
            envelope=envelope.canonical().decode(), about=envelope.about, received_at=now, outcome=outcome))

    def erase_about(self, entity_id: str) -> int:
        """Personal data about a notice leaves the exchange too: envelopes not yet sent are dropped, sent and
        received ones keep only their id and digest (so a replay is still recognised)."""
        dropped = self.conn.execute(delete(federation_outbox).where(_o.about == entity_id, _o.delivered_at.is_(None)))
        kept = self.conn.execute(update(federation_outbox).where(_o.about == entity_id).values(envelope=ERASED))
        received = self.conn.execute(update(federation_inbox).where(federation_inbox.c.about == entity_id)
                                     .values(envelope=ERASED))
        return int(dropped.rowcount or 0) + int(kept.rowcount or 0) + int(received.rowcount or 0)

    def inbox_count(self) -> int:
        return int(self.conn.execute(select(func.count()).select_from(federation_inbox)).scalar_one())


def key_file(settings: Settings) -> Path:
    return beside_database(settings.database_url, settings.federation_key_file)


def local_instance(settings: Settings, *, create: bool = True) -> LocalInstance:
    """This instance's bureau and federation signing key (an Ed25519 PEM file, made on first use with mode
    0600 when ``create``)."""
    path = key_file(settings)
    if create and not path.exists():
        with contextlib.suppress(FileExistsError):  # another process made it first: use theirs
            write_new_key(path)
    return LocalInstance(settings.bureau, read_key(path))


def write_new_key(path: Path) -> None:
    key = Ed25519PrivateKey.generate()
    pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                            serialization.NoEncryption())
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as fh:
        fh.write(pem)


def read_key(path: Path) -> Ed25519PrivateKey:
    try:
        key = serialization.load_pem_private_key(path.read_bytes(), password=None)
    except FileNotFoundError:
        raise ConfigurationError(f"no federation key at {path}: `ncb federation key` creates one") from None
    except (OSError, ValueError, TypeError) as exc:
        raise ConfigurationError(f"{path} is not a readable unencrypted Ed25519 PEM key ({exc})") from None
    if not isinstance(key, Ed25519PrivateKey):
        raise ConfigurationError(f"{path} holds a {type(key).__name__}, not an Ed25519 key")
    return key
