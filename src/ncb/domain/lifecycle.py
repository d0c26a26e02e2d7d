"""Applying an action to a notice: the pure part of every lifecycle use case.

``apply_action`` checks the transition on :class:`NoticeStatus`, the reason rules and the suspension and
retention limits, and returns the changed notice with the :class:`Transition` to append. It never
reads the clock or the login: ``actor`` and ``now`` are passed in.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime

from ncb.domain.dates import add_months
from ncb.domain.notices import Action, Notice, NoticeStatus, Transition
from ncb.errors import IllegalTransition, ValidationError


@dataclass(frozen=True)
class Policy:
    """The limits a bureau works under (from settings)."""

    retention_years: int = 5
    review_before_expiry_months: int = 6
    max_suspension_months: int = 6


def apply_action(
    notice: Notice,
    action: Action,
    *,
    actor: str,
    now: datetime,
    reason: str | None = None,
    findings: tuple[dict[str, str], ...] = (),
    exception_recorded: bool = False,
    until: date | None = None,
    policy: Policy = Policy(),
) -> tuple[Notice, Transition]:
    reason = (reason or "").strip() or None
    if action.needs_reason and not reason:
        raise ValidationError(f"{action.value} needs a stated reason", field="reason", record=notice.entity_id)
    if not actor.strip():
        raise ValidationError("every change needs the actor who made it", field="actor", record=notice.entity_id)
    today = now.date()
    changed = notice
    if action is Action.EXTEND:
        if notice.status not in (NoticeStatus.PUBLISHED, NoticeStatus.SUSPENDED) or notice.expires_on is None:
            raise IllegalTransition(
                f"only a published or suspended notice can be extended (this one is {notice.status.value})",
                field="status", record=notice.entity_id)
        review_from = add_months(notice.expires_on, -policy.review_before_expiry_months)
        if today < review_from:
            raise IllegalTransition(
                f"an extension is decided in the review period, from {review_from.isoformat()} "
                f"(expiry {notice.expires_on.isoformat()})", field="expires_on", record=notice.entity_id)
        changed = replace(notice, expires_on=add_months(notice.expires_on, 12 * policy.retention_years))
        return changed, _transition(notice, changed, action, actor, now, reason, findings, exception_recorded)

    target = action.target
    if target is None:
        raise IllegalTransition(f"{action.value} does not change a notice's status", record=notice.entity_id)
    if action is Action.CIRCULATE and not notice.type.reviewed_after_sending:
        raise IllegalTransition("only a diffusion is circulated before review; submit a notice instead",
                                field="type", record=notice.entity_id)
    if action is Action.APPROVE and notice.type.reviewed_after_sending:
        raise IllegalTransition("a diffusion is circulated by its bureau, not approved", field="type",
                                record=notice.entity_id)
    if action is Action.RESUME and notice.status is not NoticeStatus.SUSPENDED:
        raise IllegalTransition(f"only a suspended notice can be resumed (this one is {notice.status.value})",
                                field="status", record=notice.entity_id)
    if action is Action.APPROVE and notice.status is not NoticeStatus.SUBMITTED:
        raise IllegalTransition(f"only a submitted notice can be approved (this one is {notice.status.value})",
                                field="status", record=notice.entity_id)
    try:
        notice.status.check_transition(target, notice.type)
    except IllegalTransition as exc:
        exc.record = notice.entity_id
        raise

    if action in (Action.APPROVE, Action.CIRCULATE):
        changed = replace(notice, status=target, published_at=now,
                          expires_on=add_months(today, 12 * policy.retention_years))
    elif action is Action.SUSPEND:
        latest = add_months(today, policy.max_suspension_months)
        end = until or latest
        if end <= today:
            raise ValidationError(f"a suspension must end after today ({today.isoformat()})", field="until",
                                  record=notice.entity_id)
        if end > latest:
            raise ValidationError(
                f"a suspension lasts at most {policy.max_suspension_months} months (until {latest.isoformat()})",
                field="until", record=notice.entity_id)
        changed = replace(notice, status=target, suspended_until=end)
    elif action is Action.RESUME:
        changed = replace(notice, status=target, suspended_until=None)
    elif action is Action.EXPIRE:
        if notice.expires_on is not None and notice.expires_on > today:
            raise IllegalTransition(f"the notice expires on {notice.expires_on.isoformat()}, not yet",
                                    field="expires_on", record=notice.entity_id)
        changed = replace(notice, status=target)
    else:
        changed = replace(notice, status=target)
    return changed, _transition(notice, changed, action, actor, now, reason, findings, exception_recorded)


def _transition(before: Notice, after: Notice, action: Action, actor: str, now: datetime, reason: str | None,
                findings: tuple[dict[str, str], ...], exception_recorded: bool) -> Transition:
    return Transition(entity_id=before.entity_id, action=action, from_status=before.status,
                      to_status=after.status, actor=actor, at=now, reason=reason, findings=findings,
                      exception_recorded=exception_recorded)


def creation(notice: Notice, *, actor: str, now: datetime, action: Action = Action.CREATE) -> Transition:
    """The first history entry of a notice (created here, or imported)."""
    return Transition(entity_id=notice.entity_id, action=action, from_status=None, to_status=notice.status,
                      actor=actor, at=now)


def due_for_expiry(notice: Notice, today: date) -> bool:
    return (notice.status in (NoticeStatus.PUBLISHED, NoticeStatus.SUSPENDED)
            and notice.expires_on is not None and notice.expires_on <= today)


OWNER_ACTIONS = (Action.SUSPEND, Action.RESUME, Action.WITHDRAW, Action.EXTEND)
"""The status changes a notice's own bureau decides (the General Secretariat cancels and deletes)."""


def possible_actions(notice: Notice, actions: tuple[Action, ...], *, now: datetime,
                     policy: Policy = Policy()) -> tuple[Action, ...]:
    """Those of ``actions`` that the notice's status and dates allow at ``now`` (a reason taken as given): what a
    page offers, each tried with :func:`apply_action` itself so that the offer and the rule cannot disagree."""
    possible = []
    for action in actions:
        try:
            apply_action(notice, action, actor="-", now=now, reason="-", policy=policy)
        except (IllegalTransition, ValidationError):
            continue
        possible.append(action)
    return tuple(possible)
