"""Federation between running instances (each a bureau): signed envelopes, pinned partner keys, replay
and age checks, and the retry schedule. Pure: signing is computation; sending and storing are elsewhere.

An envelope is one thing a bureau sends another: a notice, a cooperation message, a hit notification.
Its canonical form (sorted keys, no spaces, UTF-8) is signed with the sender's Ed25519 key under a
domain-separation prefix, so a signature made for anything else (an audit checkpoint, a bundle) is never
valid here. The receiver accepts an envelope only from a partner whose key it pinned, addressed to
itself, not older than ``max_age``, and processes each id once: a retry after a lost answer is answered
"duplicate" and changes nothing, and the same id with other content is refused.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import re
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from ncb.errors import Conflict, PermissionDenied, ValidationError

SIGNING_CONTEXT = b"ncb-federation-envelope-v1\n"
_BASE_URL = re.compile(r"https?://[^\s/?#]+(:[0-9]+)?(/[^\s?#]*)?")


class EnvelopeKind(StrEnum):
    NOTICE = "notice"  # a notice document the sender owns
    MESSAGE = "message"  # a cooperation message (request, answer, notification)
    HIT = "hit"  # a screening hit on one of the recipient's notices


@dataclass(frozen=True)
class Envelope:
    id: str
    sender: str
    recipient: str
    kind: EnvelopeKind
    created_at: datetime
    payload: dict[str, Any] = field(hash=False)

    @classmethod
    def new(cls, *, sender: str, recipient: str, kind: EnvelopeKind | str, payload: dict[str, Any],
            now: datetime) -> Envelope:
        return cls(uuid.uuid4().hex, sender, recipient, EnvelopeKind(kind), now.astimezone(UTC), payload)

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "sender": self.sender, "recipient": self.recipient, "kind": self.kind.value,
                "created_at": self.created_at.astimezone(UTC).isoformat(timespec="microseconds"),
                "payload": self.payload}

    def canonical(self) -> bytes:
        return json.dumps(self.to_json(), sort_keys=True, separators=(",", ":"), ensure_ascii=False,
                          allow_nan=False).encode()

    @property
    def digest(self) -> str:
        return hashlib.sha256(self.canonical()).hexdigest()

    @property
    def about(self) -> str | None:
        """The notice this envelope carries or concerns (to erase it with the notice's personal data)."""
        if self.kind is EnvelopeKind.NOTICE:
            notice = self.payload.get("notice")
            value = notice.get("entity_id") if isinstance(notice, dict) else None
        else:
            value = self.payload.get("entity_id")
        return value if isinstance(value, str) and len(value) <= 32 else None

    @classmethod
    def from_json(cls, data: object) -> Envelope:
        """An envelope from its JSON object; ``ValidationError`` naming the field that is wrong."""
        if not isinstance(data, dict):
            raise ValidationError("an envelope is a JSON object", field="envelope")
        for key in ("id", "sender", "recipient", "kind", "created_at"):
            if not isinstance(data.get(key), str) or not data[key]:
                raise ValidationError("is missing or not text", field=f"envelope.{key}")
        if not re.fullmatch(r"[0-9a-f]{32}", data["id"]):
            raise ValidationError("must be 32 lowercase hex digits", field="envelope.id")
        try:
            kind = EnvelopeKind(data["kind"])
        except ValueError:
            raise ValidationError(f"unknown kind {data['kind']!r}; kinds are {[k.value for k in EnvelopeKind]}",
                                  field="envelope.kind") from None
        try:
            created = datetime.fromisoformat(data["created_at"])
        except ValueError:
            raise ValidationError("is not an ISO 8601 date and time", field="envelope.created_at") from None
        if created.utcoffset() is None:
            raise ValidationError("needs a time zone", field="envelope.created_at")
        if not isinstance(data.get("payload"), dict):
            raise ValidationError("must be a JSON object", field="envelope.payload")
        return cls(data["id"], data["sender"], data["recipient"], kind, created.astimezone(UTC), data["payload"])


def sign(envelope: Envelope, key: Ed25519PrivateKey) -> str:
    """The base64 Ed25519 signature of the envelope's canonical form (domain-separated)."""
    return base64.b64encode(key.sign(SIGNING_CONTEXT + envelope.canonical())).decode()


@dataclass(frozen=True)
class LocalInstance:
    """This instance: its bureau and its signing key."""

    bureau: str
    key: Ed25519PrivateKey


@dataclass(frozen=True)
class Partner:
    """Another instance this one exchanges with: its bureau, where it listens, and its pinned key."""

    code: str
    base_url: str
    public_key: str  # base64 of the raw 32-byte Ed25519 key
    added_at: datetime
    added_by: str

    def __post_init__(self) -> None:
        if not _BASE_URL.fullmatch(self.base_url):
            raise ValidationError(f"{self.base_url!r} is not an http(s) base URL", field="base_url")
        parse_public_key(self.public_key)

    @property
    def key(self) -> Ed25519PublicKey:
        return parse_public_key(self.public_key)

    @property
    def inbox_url(self) -> str:
        return self.base_url.rstrip("/") + "/federation/v1/inbox"


def parse_public_key(text: str) -> Ed25519PublicKey:
    try:
        raw = base64.b64decode(text.strip(), validate=True)
        return Ed25519PublicKey.from_public_bytes(raw)
    except (ValueError, binascii.Error):
        raise ValidationError("is not a base64 Ed25519 public key (32 bytes)", field="public_key") from None


def public_key_text(key: Ed25519PublicKey) -> str:
    return base64.b64encode(key.public_bytes_raw()).decode()


def check_incoming(envelope: Envelope, signature: str, *, partner: Partner | None, me: str, now: datetime,
                   max_age: timedelta) -> None:
    """Refuse, with the reason, an envelope that is not for this instance, from an unknown partner, badly
    signed, from the future or too old. Replays are the caller's check (it knows what was received)."""
    if partner is None:
        raise PermissionDenied(f"{envelope.sender!r} is not a partner of this bureau (no pinned key)",
                               field="envelope.sender")
    if envelope.recipient != me:
        raise ValidationError(f"addressed to {envelope.recipient}, not to this bureau ({me})",
                              field="envelope.recipient")
    try:
        partner.key.verify(base64.b64decode(signature, validate=True), SIGNING_CONTEXT + envelope.canonical())
    except (InvalidSignature, ValueError, binascii.Error):
        raise PermissionDenied(f"the signature does not verify with {partner.code}'s pinned key",
                               field="signature") from None
    if envelope.created_at > now + timedelta(minutes=5):
        raise ValidationError("is in the future (clocks more than 5 minutes apart?)", field="envelope.created_at")
    if now - envelope.created_at > max_age:
        raise ValidationError(f"is older than {max_age}: refused as a possible replay", field="envelope.created_at")


def check_not_conflicting(envelope: Envelope, stored_digest: str | None) -> bool:
    """True when the envelope was already received (a retry: nothing more to do); a ``Conflict`` when its id
    was received with other content; False when it is new."""
    if stored_digest is None:
        return False
    if stored_digest != envelope.digest:
        raise Conflict(f"envelope {envelope.id} was already received with other content", field="envelope.id")
    return True


def backoff(attempts: int, *, base: timedelta = timedelta(seconds=2),
            cap: timedelta = timedelta(minutes=10)) -> timedelta:
    """How long to wait before the next try after ``attempts`` failed ones: doubling from ``base``, at most
    ``cap`` (a partner down for hours is tried every ``cap``; nothing is dropped)."""
    wait: timedelta = base * (2 ** min(max(attempts - 1, 0), 20))
    return min(cap, wait)


@dataclass(frozen=True)
class OutboxItem:
    """One envelope waiting to be (or already) delivered."""

    id: str
    recipient: str
    kind: str
    envelope: str  # canonical JSON
    signature: str
    created_at: datetime
    attempts: int
    next_attempt_at: datetime
    last_error: str | None = None
    delivered_at: datetime | None = None

    def as_dict(self) -> dict[str, Any]:
        return {"id": self.id, "recipient": self.recipient, "kind": self.kind, "attempts": self.attempts,
                "created_at": self.created_at.isoformat(), "next_attempt_at": self.next_attempt_at.isoformat(),
                "last_error": self.last_error,
                "delivered_at": self.delivered_at.isoformat() if self.delivered_at else None}
