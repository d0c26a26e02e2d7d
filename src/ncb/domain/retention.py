"""Retention of notices, the pure part: when the owner bureau is reminded, and when an expired notice is purged.

A notice is kept 5 years, never renewed automatically; 6 months before it expires its owner bureau is asked
whether to keep it (RPD Art. 50; both numbers are settings). Once expired, a notice leaves the public API, the
portal and screening at once; it is purged (its personal data erased everywhere) when the time an expired
notice is kept has passed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from ncb.domain.dates import add_months
from ncb.domain.notices import Notice, NoticeStatus

RETENTION_ARTICLE = "RPD Art. 50"


@dataclass(frozen=True)
class RetentionReminder:
    """The owner bureau was asked, at ``sent_at``, whether to keep a notice that expires on ``expires_on``."""

    notice_id: str  # the notice's entity_id
    expires_on: date
    bureau: str
    sent_at: datetime

    def as_dict(self) -> dict[str, str]:
        return {"notice_id": self.notice_id, "expires_on": self.expires_on.isoformat(), "bureau": self.bureau,
                "sent_at": self.sent_at.isoformat()}


def reminder_due(notice: Notice, today: date, months_before: int) -> bool:
    """A live notice within ``months_before`` months of its expiry (and not yet expired)."""
    if notice.status not in (NoticeStatus.PUBLISHED, NoticeStatus.SUSPENDED) or notice.expires_on is None:
        return False
    return add_months(notice.expires_on, -months_before) <= today < notice.expires_on


def purge_on(notice: Notice, keep_months: int) -> date | None:
    """The day an expired notice is purged, or None for a notice that has not expired."""
    if notice.status is not NoticeStatus.EXPIRED or notice.expires_on is None:
        return None
    return add_months(notice.expires_on, keep_months)


def purge_due(notice: Notice, today: date, keep_months: int) -> bool:
    day = purge_on(notice, keep_months)
    return day is not None and day <= today
