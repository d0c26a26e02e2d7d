"""Retention of notices (RPD Art. 50): owner bureaus reminded before a notice expires, expired notices taken out
of the public API, the portal and screening, and purged when the time an expired notice is kept has passed.

``run_retention`` does the three in order, each step committed on its own, and is safe to run again: a
reminder is recorded once per notice and expiry date, an expired notice is not expired twice, a purged notice
is gone. ``plan_retention`` says what a run would do without writing anything (``--dry-run``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from ncb.domain.access import Viewer, ViewerKind
from ncb.domain.identity import Actor, Permission, Role
from ncb.domain.notices import NoticeStatus
from ncb.domain.retention import RETENTION_ARTICLE, RetentionReminder, purge_due, reminder_due
from ncb.domain.search import NoticeFilter
from ncb.errors import PermissionDenied
from ncb.services import notices as notice_services
from ncb.services.data_protection import Erasure, erase_notices, log_erasure
from ncb.services.ports import UnitOfWork

SYSTEM = Actor("system", Viewer.public(), frozenset({Role.SYSTEM_ADMIN}))
"""Who runs retention when nobody does (the audit trail's own ``SYSTEM`` is the same)."""
LIVE = frozenset({NoticeStatus.PUBLISHED, NoticeStatus.SUSPENDED})


@dataclass(frozen=True)
class RetentionPolicy:
    """From settings: ``review_before_expiry_months`` and ``purge_after_expiry_months``."""

    review_before_expiry_months: int = 6
    purge_after_expiry_months: int = 6


@dataclass(frozen=True)
class RetentionReport:
    reminded: tuple[RetentionReminder, ...] = ()
    expired: tuple[str, ...] = ()
    purged: Erasure = field(default_factory=Erasure)
    dry_run: bool = False

    def as_dict(self) -> dict[str, Any]:
        return {"dry_run": self.dry_run, "reminded": [r.as_dict() for r in self.reminded],
                "expired": list(self.expired), "purged": list(self.purged.notices),
                "travel_records_erased": self.purged.travel_records,
                "audit_payloads_erased": self.purged.audit_payloads}


def send_reminders(uow: UnitOfWork, *, today: date, now: datetime,
                   policy: RetentionPolicy = RetentionPolicy()) -> list[RetentionReminder]:
    """Record a reminder to the owner bureau of every live notice within ``review_before_expiry_months`` of its
    expiry, once per notice and expiry date (an extended notice is reminded again before its new expiry)."""
    sent: list[RetentionReminder] = []
    with uow:
        for notice in list(uow.notices.iter_all(NoticeFilter(statuses=LIVE), today=today)):
            if reminder_due(notice, today, policy.review_before_expiry_months):
                assert notice.expires_on is not None
                reminder = RetentionReminder(notice.entity_id, notice.expires_on, notice.owner, now)
                if uow.retention.add_reminder(reminder):
                    sent.append(reminder)
        uow.commit()
    return sent


def purge_expired(uow: UnitOfWork, *, today: date, now: datetime, policy: RetentionPolicy = RetentionPolicy(),
                  actor: Actor = SYSTEM) -> Erasure:
    """Erase every expired notice kept longer than ``purge_after_expiry_months`` (as a granted deletion does),
    and log each purge in the audit trail when it is there."""
    with uow:
        due = [n.entity_id for n in uow.notices.iter_all(NoticeFilter(statuses=frozenset({NoticeStatus.EXPIRED})),
                                                         today=today)
               if purge_due(n, today, policy.purge_after_expiry_months)]
        erased = erase_notices(due, uow, now=now)
        log_erasure(uow, erased, actor=actor, action="purge", now=now,
                    why=f"retention: purged {policy.purge_after_expiry_months} months after expiry "
                        f"({RETENTION_ARTICLE})")
        uow.commit()
    return erased


def plan_retention(uow: UnitOfWork, *, today: date, now: datetime, policy: RetentionPolicy = RetentionPolicy(),
                   actor: Actor = SYSTEM) -> RetentionReport:
    """What ``run_retention`` would do today, without writing anything."""
    actor.require(Permission.MANAGE_SYSTEM, "planning a retention run")
    with uow:
        known = {(r.notice_id, r.expires_on) for r in uow.retention.reminders()}
        reminded: list[RetentionReminder] = []
        expired: list[str] = []
        for notice in uow.notices.iter_all(NoticeFilter(statuses=LIVE), today=today):
            if notice.expires_on is not None and notice.expires_on <= today:
                expired.append(notice.entity_id)
            elif reminder_due(notice, today, policy.review_before_expiry_months) and notice.expires_on is not None \
                    and (notice.entity_id, notice.expires_on) not in known:
                reminded.append(RetentionReminder(notice.entity_id, notice.expires_on, notice.owner, now))
        purged = tuple(n.entity_id for n in uow.notices.iter_all(
            NoticeFilter(statuses=frozenset({NoticeStatus.EXPIRED})), today=today)
            if purge_due(n, today, policy.purge_after_expiry_months))
    return RetentionReport(tuple(reminded), tuple(expired), Erasure(purged), dry_run=True)


def run_retention(uow: UnitOfWork, *, today: date, now: datetime, policy: RetentionPolicy = RetentionPolicy(),
                  actor: Actor = SYSTEM) -> RetentionReport:
    """Reminders, then expiry, then purge. A notice expiring today is expired now and purged only later."""
    actor.require(Permission.MANAGE_SYSTEM, "a retention run")
    reminded = send_reminders(uow, today=today, now=now, policy=policy)
    expired = notice_services.expire_due(uow, today=today, now=now, actor=actor)
    purged = purge_expired(uow, today=today, now=now, policy=policy, actor=actor)
    return RetentionReport(tuple(reminded), tuple(expired), purged)


def reminders_for(uow: UnitOfWork, *, actor: Actor) -> list[RetentionReminder]:
    """The reminders sent to the actor's bureau about its own notices."""
    if actor.viewer.kind is not ViewerKind.BUREAU or actor.viewer.country is None:
        raise PermissionDenied("retention reminders go to the owner bureau's officers only")
    actor.require(Permission.READ_NOTICES, "reading the retention reminders")
    with uow:
        return uow.retention.reminders(actor.viewer.country)
