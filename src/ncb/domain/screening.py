"""Screening hits as officers handle them: a queue where each hit is confirmed or dismissed, once,
with a reason."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any

from ncb.errors import IllegalTransition, ValidationError


class HitStatus(StrEnum):
    PENDING = "pending"
    CONFIRMED = "confirmed"
    DISMISSED = "dismissed"

    def decide(self, target: HitStatus, reason: str | None) -> None:
        """Only a pending hit is decided, to confirmed or dismissed, and always with a reason."""
        if self is not HitStatus.PENDING:
            raise IllegalTransition(f"this hit was already {self.value}", field="status")
        if target is HitStatus.PENDING:
            raise ValidationError("a decision is confirmed or dismissed", field="decision")
        if not (reason or "").strip():
            raise ValidationError(f"to mark a hit {target.value} needs a reason", field="reason")


@dataclass(frozen=True)
class QueuedHit:
    id: int | None
    entity_id: str
    queue: str  # the bureau whose officers handle it
    screened_by: str | None
    disclosed: bool  # False: only the owner bureau is told; the screening bureau never sees the notice
    query: dict[str, Any]
    score: float
    explanation: dict[str, Any]
    created_at: datetime
    status: HitStatus = HitStatus.PENDING
    decided_by: str | None = None
    decided_at: datetime | None = None
    reason: str | None = None


@dataclass(frozen=True)
class TravelRecord:
    """A traveller as checked at a border, kept until ``expires_at`` for screening later notices."""

    id: int | None
    bureau: str | None
    recorded_at: datetime
    expires_at: datetime
    person: dict[str, Any]
