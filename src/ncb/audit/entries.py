"""An audit event and the leaf it becomes: canonical JSON bytes, hashed into the Merkle log.

The leaf is the JSON object of the event's fields with sorted keys, no spaces, UTF-8::

    {"action":"consult","actor":"officer.sato","actor_ncb":"JP","object":"notice:2024/00001",
     "outcome":"allowed","personal_data_hash":"3f…","prev_checkpoint":null,"purpose":"border check",
     "recipients":[],"seq":41,"ts":"2026-11-26T09:30:00.000000Z"}

(one line in the real thing). ``seq`` is the leaf's index in the log, from 0. ``ts`` is UTC with
microseconds and a ``Z``. The personal data an event touched (a traveller's name, a query) is not in the
leaf: only ``personal_data_hash``, the SHA-256 of the payload's canonical JSON, is. The payload is kept
elsewhere and erased when its retention ends; the leaf, and so every proof, stays as it was.

Against log injection, the canonical form escapes as ``\\uXXXX`` every character that could break a
line or a terminal when the log is read: C0 and C1 controls (CR, LF, ESC and so ANSI sequences), DEL,
line and paragraph separators, format characters (bidirectional overrides, zero-width characters) and
lone surrogates. The escapes are plain JSON, so parsing the leaf gives back the exact field values.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, fields
from datetime import UTC, datetime
from typing import TypeAlias

from ncb.errors import ValidationError

_TS = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]{6}Z")
_HEX64 = re.compile(r"[0-9a-f]{64}")
_SEQ = re.compile(rb'"seq":(0|[1-9][0-9]*)[,}]')
_UNSAFE_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Zl", "Zp"})

JsonValue: TypeAlias = object
"""A JSON value: None, bool, int, float, str, a list or tuple of them, a mapping with text keys."""


@dataclass(frozen=True)
class AuditEvent:
    """One thing that happened: who did what to which object, why, with what result, told to whom.

    ``personal_data_hash`` commits to the personal data involved (see ``personal_data_hash()``);
    ``AuditEvent.record`` computes it from the payload. ``prev_checkpoint`` may name the latest signed
    checkpoint when the event was written (e.g. ``"12000:<base64 root>"``), tying the log to its past.
    """

    seq: int
    ts: datetime
    actor: str
    actor_ncb: str
    action: str
    object: str
    purpose: str
    outcome: str
    personal_data_hash: str
    recipients: tuple[str, ...] = ()
    prev_checkpoint: str | None = None

    def __post_init__(self) -> None:
        if isinstance(self.seq, bool) or not isinstance(self.seq, int) or self.seq < 0:
            raise ValidationError("must be a whole number from 0", field="seq")
        if not isinstance(self.ts, datetime) or self.ts.utcoffset() is None:
            raise ValidationError("must be a timezone-aware datetime (pass now in, in UTC)", field="ts")
        object.__setattr__(self, "ts", self.ts.astimezone(UTC))
        for name in ("actor", "actor_ncb", "action", "object", "purpose", "outcome"):
            value = getattr(self, name)
            if not isinstance(value, str) or not value.strip():
                raise ValidationError("must be non-empty text", field=name)
        if not isinstance(self.personal_data_hash, str) or not _HEX64.fullmatch(self.personal_data_hash):
            raise ValidationError("must be 64 lowercase hex digits (a SHA-256)", field="personal_data_hash")
        recipients = tuple(self.recipients)
        if not all(isinstance(r, str) and r.strip() for r in recipients):
            raise ValidationError("must be non-empty texts", field="recipients")
        object.__setattr__(self, "recipients", recipients)
        if self.prev_checkpoint is not None and (not isinstance(self.prev_checkpoint, str) or not self.prev_checkpoint):
            raise ValidationError("must be non-empty text or None", field="prev_checkpoint")

    @classmethod
    def record(
        cls,
        *,
        seq: int,
        ts: datetime,
        actor: str,
        actor_ncb: str,
        action: str,
        object: str,
        purpose: str,
        outcome: str,
        personal_data: Mapping[str, JsonValue],
        recipients: Iterable[str] = (),
        prev_checkpoint: str | None = None,
    ) -> AuditEvent:
        """An event whose ``personal_data_hash`` commits to ``personal_data`` (which is not kept here)."""
        return cls(
            seq=seq,
            ts=ts,
            actor=actor,
            actor_ncb=actor_ncb,
            action=action,
            object=object,
            purpose=purpose,
            outcome=outcome,
            personal_data_hash=personal_data_hash(personal_data),
            recipients=tuple(recipients),
            prev_checkpoint=prev_checkpoint,
        )

    def to_json(self) -> dict[str, JsonValue]:
        """The leaf's fields as JSON values (``ts`` as text, ``recipients`` as a list)."""
        out: dict[str, JsonValue] = {f.name: getattr(self, f.name) for f in fields(self)}
        out["ts"] = self.ts.replace(tzinfo=None).isoformat(timespec="microseconds") + "Z"
        out["recipients"] = list(self.recipients)
        return out


def canonical_leaf(event: AuditEvent) -> bytes:
    """The leaf bytes of ``event``: canonical JSON (sorted keys, no spaces, UTF-8, unsafe characters escaped)."""
    return _dumps(event.to_json())


def personal_data_hash(payload: Mapping[str, JsonValue]) -> str:
    """SHA-256 hex of the canonical JSON of a personal-data payload (JSON values only, text keys)."""
    if not isinstance(payload, Mapping):
        raise ValidationError("the personal-data payload must be a mapping", field="personal_data")
    return hashlib.sha256(canonical_json(payload)).hexdigest()


def event_from_leaf(leaf: bytes) -> AuditEvent:
    """Read a leaf back into its event; raises ``ValidationError`` when the bytes are not one."""
    try:
        data = json.loads(leaf.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ValidationError(f"not a JSON leaf: {exc}") from exc
    expected = {f.name for f in fields(AuditEvent)}
    if not isinstance(data, dict) or set(data) != expected:
        raise ValidationError(f"a leaf has exactly the fields {sorted(expected)}")
    ts = data["ts"]
    if not isinstance(ts, str) or not _TS.fullmatch(ts):
        raise ValidationError("must be UTC ISO 8601 with microseconds and Z", field="ts")
    try:
        data["ts"] = datetime.fromisoformat(ts[:-1]).replace(tzinfo=UTC)
    except ValueError as exc:
        raise ValidationError(f"is not a date and time: {exc}", field="ts") from exc
    if not isinstance(data["recipients"], list):
        raise ValidationError("must be a list", field="recipients")
    data["recipients"] = tuple(data["recipients"])
    event = AuditEvent(**data)
    if canonical_leaf(event) != leaf:
        raise ValidationError("the leaf is not in canonical form")
    return event


def leaf_seq(leaf: bytes) -> int | None:
    """The ``seq`` written inside a canonical leaf, read without parsing it all (``None`` if absent).

    Safe on canonical leaves: inside a JSON string every ``"`` is escaped, so ``"seq":`` can only be the key.
    """
    m = _SEQ.search(leaf)
    return int(m.group(1)) if m else None


def canonical_json(value: object) -> bytes:
    """Sorted keys, ``,`` and ``:`` separators, UTF-8, unsafe characters as ``\\uXXXX``; no NaN, no infinity."""
    _check_json(value)
    try:
        return _dumps(value)
    except ValueError as exc:
        raise ValidationError(f"cannot be written as canonical JSON: {exc}") from exc


def _dumps(value: JsonValue) -> bytes:
    text = json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False)
    return _escape_unsafe(text).encode("utf-8")


def _check_json(value: object, depth: int = 0) -> None:
    if depth > 32:
        raise ValidationError("is nested too deeply for an audit payload")
    if value is None or isinstance(value, str | bool | int | float):
        return
    if isinstance(value, Mapping):
        for key, item in value.items():
            if not isinstance(key, str):
                raise ValidationError(f"object keys must be text, not {type(key).__name__}")
            _check_json(item, depth + 1)
        return
    if isinstance(value, list | tuple):
        for item in value:
            _check_json(item, depth + 1)
        return
    raise ValidationError(f"a {type(value).__name__} is not a JSON value")


def _escape_unsafe(text: str) -> str:
    """Escape the characters that could inject lines or terminal control into a log reader.

    Runs on JSON text, where such characters can only sit inside strings (the syntax is ASCII), and JSON
    already wrote ``\\`` as ``\\\\``, so a ``\\uXXXX`` put here reads back as the original character.
    """
    if text.isascii() and text.isprintable():
        return text
    return "".join(_escape_char(ch) if _is_unsafe(ch) else ch for ch in text)


def _is_unsafe(ch: str) -> bool:
    return unicodedata.category(ch) in _UNSAFE_CATEGORIES


def _escape_char(ch: str) -> str:
    code = ord(ch)
    if code <= 0xFFFF:
        return f"\\u{code:04x}"
    code -= 0x10000
    return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"
