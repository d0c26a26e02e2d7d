"""Offline bundles for places without a live link (as INTERPOL's MIND): a signed file holding the
screening index of exactly what a receiving country may see, with the minimum data to screen (names,
dates of birth, nationalities, sex, document numbers, notice ids). ``verify_bundle`` checks the signature
and the age before anything is loaded."""

from __future__ import annotations

import base64
import hashlib
import io
import json
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from ncb.domain.access import Viewer
from ncb.domain.identity import Actor, Permission
from ncb.errors import ValidationError
from ncb.matching.index import ScreeningIndex
from ncb.services import audit
from ncb.services.ports import UnitOfWork
from ncb.services.screening import build_index

MAGIC = b"NCB-BUNDLE 1\n"


@dataclass(frozen=True)
class BundleInfo:
    issuer: str
    receiving_country: str
    created_at: datetime
    persons: int
    payload_sha256: str
    key_id: str


def key_id(public_key: Ed25519PublicKey) -> str:
    """The first 8 hex digits of SHA-256 of the raw public key: which key signed a bundle."""
    return hashlib.sha256(public_key.public_bytes_raw()).hexdigest()[:8]


def export_bundle(uow: UnitOfWork, *, actor: Actor, issuer: str, receiving_country: str, today: date,
                  now: datetime, private_key: Ed25519PrivateKey,
                  reader: UnitOfWork | None = None) -> tuple[bytes, BundleInfo]:
    """A signed bundle for ``receiving_country``: only published notices its bureau may see.

    A bundle is a disclosure to that country: it needs a stated purpose, and it is recorded (persons, the
    payload's SHA-256, the receiving country as recipient) and committed before the bytes are returned. The
    index is built from ``reader`` when given (a reading unit of work: nothing locked while it is built)."""
    what, bundle = "bundle.export", f"bundle:{receiving_country}"
    with uow, audit.refusals(uow, actor=actor, action=what, object=bundle, now=now):
        actor.require(Permission.EXPORT, "an offline bundle")
        actor.require_purpose()
    index = build_index(reader or uow, today=today, viewer=Viewer.bureau(receiving_country))
    buf = io.BytesIO()
    index.save(buf)
    payload = buf.getvalue()
    info = BundleInfo(issuer, receiving_country, now.astimezone(UTC), len(index), hashlib.sha256(payload).hexdigest(),
                      key_id(private_key.public_key()))
    header = _header(info)
    signature = private_key.sign(MAGIC + header)
    with uow:
        audit.record(uow, actor=actor, action=what, object=bundle, outcome=f"{info.persons} persons", now=now,
                     personal_data={"payload_sha256": info.payload_sha256, "key_id": info.key_id},
                     recipients=[receiving_country])
        uow.commit()
    line = json.dumps({"header": header.decode(), "signature": base64.b64encode(signature).decode()}).encode()
    return MAGIC + line + b"\n" + payload, info


def _header(info: BundleInfo) -> bytes:
    return json.dumps({"issuer": info.issuer, "receiving_country": info.receiving_country,
                       "created_at": info.created_at.isoformat(), "persons": info.persons,
                       "payload_sha256": info.payload_sha256, "key_id": info.key_id},
                      sort_keys=True, separators=(",", ":")).encode()


def verify_bundle(data: bytes, public_key: Ed25519PublicKey, *, now: datetime,
                  max_age: timedelta = timedelta(hours=48)) -> tuple[BundleInfo, bytes]:
    """Check a bundle's signature, its payload's hash and its age; return its description and payload.
    Every failure is a ValidationError that says what is wrong."""
    if not data.startswith(MAGIC):
        raise ValidationError("not an NCB bundle (wrong first line)", field="bundle")
    try:
        line, payload = data[len(MAGIC):].split(b"\n", 1)
        envelope = json.loads(line)
        header = envelope["header"].encode()
        signature = base64.b64decode(envelope["signature"], validate=True)
        fields: dict[str, Any] = json.loads(header)
        info = BundleInfo(fields["issuer"], fields["receiving_country"], datetime.fromisoformat(fields["created_at"]),
                          int(fields["persons"]), fields["payload_sha256"], fields["key_id"])
    except (ValueError, KeyError, TypeError) as exc:
        raise ValidationError(f"the bundle's header cannot be read: {exc}", field="bundle") from None
    if info.key_id != key_id(public_key):
        raise ValidationError(f"signed with key {info.key_id}, not with the key given ({key_id(public_key)})",
                              field="signature")
    try:
        public_key.verify(signature, MAGIC + header)
    except InvalidSignature:
        raise ValidationError("the signature does not match: the bundle was altered or forged",
                              field="signature") from None
    if hashlib.sha256(payload).hexdigest() != info.payload_sha256:
        raise ValidationError("the index inside the bundle was altered (its hash differs from the signed one)",
                              field="payload")
    age = now - info.created_at
    if age > max_age:
        raise ValidationError(f"the bundle is {age.total_seconds() / 3600:.0f} hours old (at most "
                              f"{max_age.total_seconds() / 3600:.0f}): get a fresh one", field="created_at")
    if age < -timedelta(minutes=5):
        raise ValidationError("the bundle claims to come from the future: check the clocks", field="created_at")
    return info, payload


def load_bundle(data: bytes, public_key: Ed25519PublicKey, *, now: datetime,
                max_age: timedelta = timedelta(hours=48)) -> tuple[BundleInfo, ScreeningIndex]:
    info, payload = verify_bundle(data, public_key, now=now, max_age=max_age)
    return info, ScreeningIndex.load(io.BytesIO(payload))
