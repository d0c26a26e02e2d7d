"""Tips from the public about a notice: what someone saw, sent through the portal to the bureau that owns the
notice, and acknowledged with a reference number.

A tip is plain text. :func:`check_tip` refuses an empty message, one longer than the limit, one with markup or
control characters (a tip is read by officers, never rendered as HTML, but markup in it is a probe, not
information), and a contact longer than 200 characters; each refusal names its :class:`TipProblem`, which the
portal turns into a message in the visitor's language.
"""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any

from ncb.errors import ValidationError

CONTACT_MAX = 200
DEFAULT_MESSAGE_MAX = 4000
_MARKUP = re.compile(r"<\s*/?\s*[a-zA-Z!?]|javascript\s*:", re.IGNORECASE)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# Crockford's base 32 without I, L, O, U: easy to read out on the phone.
_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"


class TipProblem(StrEnum):
    EMPTY = "empty"
    TOO_LONG = "too_long"
    MARKUP = "markup"
    CONTACT_TOO_LONG = "contact_too_long"


class TipRefused(ValidationError):
    """A tip that cannot be kept; ``problem`` says why."""

    title = "Tip refused"

    def __init__(self, problem: TipProblem, message: str, *, field: str) -> None:
        super().__init__(message, field=field)
        self.problem = problem


@dataclass(frozen=True)
class Tip:
    reference: str
    bureau: str  # the owner bureau of the notice: who reads it
    entity_id: str
    message: str
    contact: str | None
    language: str  # the portal language it was written from
    received_at: datetime
    id: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"reference": self.reference, "bureau": self.bureau, "entity_id": self.entity_id,
                "message": self.message, "contact": self.contact, "language": self.language,
                "received_at": self.received_at.isoformat()}


def check_tip(message: str, contact: str | None, *, max_chars: int = DEFAULT_MESSAGE_MAX) -> tuple[str, str | None]:
    """The message and contact, stripped, or :class:`TipRefused`."""
    text = (message or "").replace("\r\n", "\n").strip()
    if not text:
        raise TipRefused(TipProblem.EMPTY, "the message is empty", field="message")
    if len(text) > max_chars:
        raise TipRefused(TipProblem.TOO_LONG, f"the message is {len(text)} characters long; at most {max_chars} "
                         "are accepted", field="message")
    if _MARKUP.search(text) or _CONTROL.search(text):
        raise TipRefused(TipProblem.MARKUP, "the message contains markup or control characters; send plain text",
                         field="message")
    who = (contact or "").strip() or None
    if who is not None:
        if len(who) > CONTACT_MAX:
            raise TipRefused(TipProblem.CONTACT_TOO_LONG, f"the contact is longer than {CONTACT_MAX} characters",
                             field="contact")
        if _MARKUP.search(who) or _CONTROL.search(who):
            raise TipRefused(TipProblem.MARKUP, "the contact contains markup or control characters",
                             field="contact")
    return text, who


def make_reference(bureau: str, now: datetime, random: bytes | None = None) -> str:
    """``JP-2026-7K3M9QXD``: the bureau, the year and 40 random bits in Crockford base 32."""
    raw = int.from_bytes(random if random is not None else secrets.token_bytes(5), "big")
    chars = []
    for _ in range(8):
        raw, digit = divmod(raw, 32)
        chars.append(_ALPHABET[digit])
    return f"{bureau}-{now.year}-{''.join(reversed(chars))}"
