"""Notice use cases: create, edit, submit, review, the lifecycle changes, reading and listing.

Each function takes a unit of work, does its work inside ``with uow:`` and commits once. ``actor`` and
``now`` are passed in; nothing here reads the clock or the login.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from datetime import date, datetime
from typing import Any

from ncb.domain import compliance
from ncb.domain.access import Viewer, ViewerKind, can_view
from ncb.domain.documents import notice_from_dict
from ncb.domain.identity import Actor
from ncb.domain.lifecycle import Policy, apply_action, creation, due_for_expiry
from ncb.domain.notices import Action, Decision, Notice, NoticeStatus, Transition
from ncb.domain.search import NoticeFilter
from ncb.errors import IllegalTransition, NotFound, PermissionDenied, ValidationError
from ncb.services.ports import Page, UnitOfWork

DEFAULT_POLICY = Policy()


def _load(uow: UnitOfWork, entity_id: str, viewer: Viewer) -> Notice:
    notice = uow.notices.get(entity_id)
    if notice is None or not can_view(viewer, notice):
        # A notice the viewer may not see answers exactly like one that does not exist.
        raise NotFound(f"no notice {entity_id}", record=entity_id)
    return notice


def _owned(notice: Notice, actor: Actor) -> None:
    if actor.viewer.country != notice.owner:
        raise PermissionDenied(f"only the owner bureau ({notice.owner}) may do this", record=notice.entity_id)


def _general_secretariat(actor: Actor, entity_id: str) -> None:
    if actor.viewer.kind is not ViewerKind.GENERAL_SECRETARIAT:
        raise PermissionDenied("only a General Secretariat reviewer may do this", record=entity_id)


def create_notice(doc: Mapping[str, Any], uow: UnitOfWork, *, actor: Actor, now: datetime) -> Notice:
    """A new draft from its native JSON form; the entity_id is allocated when not given."""
    body = dict(doc)
    with uow:
        if not body.get("entity_id"):
            body["entity_id"] = uow.notices.next_entity_id(now.year)
        body.setdefault("owner", actor.viewer.country)
        body["status"] = NoticeStatus.DRAFT.value
        for stamp in ("published_at", "expires_on", "suspended_until"):
            body[stamp] = None
        notice = replace(notice_from_dict(body), created_at=now)
        _owned(notice, actor)
        uow.notices.add(notice)
        uow.notices.add_transition(creation(notice, actor=actor.name, now=now))
        uow.commit()
    return notice


def edit_notice(entity_id: str, doc: Mapping[str, Any], uow: UnitOfWork, *, actor: Actor,
                now: datetime) -> Notice:
    """Replace a draft's content (only drafts can be edited; status and dates are kept)."""
    with uow:
        current = _load(uow, entity_id, actor.viewer)
        _owned(current, actor)
        if current.status is not NoticeStatus.DRAFT:
            raise IllegalTransition(f"only a draft can be edited (this one is {current.status.value})",
                                    field="status", record=entity_id)
        body = {**dict(doc), "entity_id": entity_id, "owner": current.owner, "status": current.status.value,
                "published_at": None, "expires_on": None, "suspended_until": None}
        notice = replace(notice_from_dict(body), created_at=current.created_at)
        uow.notices.update(notice)
        uow.notices.add_transition(Transition(entity_id=entity_id, action=Action.EDIT, from_status=current.status,
                                              to_status=current.status, actor=actor.name, at=now))
        uow.commit()
    return notice


def _change(entity_id: str, action: Action, uow: UnitOfWork, *, actor: Actor, now: datetime,
            reason: str | None = None, until: date | None = None, policy: Policy = DEFAULT_POLICY,
            findings: tuple[dict[str, str], ...] = (), exception_recorded: bool = False,
            owner_only: bool = True) -> Notice:
    with uow:
        current = _load(uow, entity_id, actor.viewer)
        if owner_only:
            _owned(current, actor)
        changed, transition = apply_action(current, action, actor=actor.name, now=now, reason=reason, until=until,
                                           policy=policy, findings=findings, exception_recorded=exception_recorded)
        uow.notices.update(changed)
        uow.notices.add_transition(transition)
        uow.commit()
    return changed


def submit_notice(entity_id: str, uow: UnitOfWork, *, actor: Actor, now: datetime) -> Notice:
    """Send a draft for review (a diffusion is circulated at once, and reviewed afterwards)."""
    with uow:
        notice = _load(uow, entity_id, actor.viewer)
    action = Action.CIRCULATE if notice.type.reviewed_after_sending else Action.SUBMIT
    return _change(entity_id, action, uow, actor=actor, now=now)


def compliance_findings(entity_id: str, uow: UnitOfWork, *, viewer: Viewer,
                        locale: str = "en") -> tuple[compliance.Finding, ...]:
    with uow:
        notice = _load(uow, entity_id, viewer)
    return compliance.check(notice, locale=locale)


def review_notice(entity_id: str, decision: Decision, uow: UnitOfWork, *, actor: Actor, now: datetime,
                  reason: str | None = None, exception_reason: str | None = None,
                  policy: Policy = DEFAULT_POLICY) -> Notice:
    """A reviewer's decision. Approval runs the compliance pre-check: warnings need a reason, blocks need
    the recorded "particular importance" exception with its reason."""
    with uow:
        notice = _load(uow, entity_id, actor.viewer)
    if notice.status is not NoticeStatus.SUBMITTED:
        raise IllegalTransition(f"only a submitted notice can be reviewed (this one is {notice.status.value})",
                                field="status", record=entity_id)
    _general_secretariat(actor, entity_id)
    findings: tuple[compliance.Finding, ...] = ()
    if decision is Decision.APPROVE:
        findings = compliance.check(notice)
        compliance.approval_allowed(findings, reason=reason, exception_reason=exception_reason)
        if exception_reason:
            reason = f"{reason}; exception: {exception_reason}" if reason else f"exception: {exception_reason}"
    return _change(entity_id, decision.action, uow, actor=actor, now=now, reason=reason, policy=policy,
                   findings=tuple(f.to_dict() for f in findings), exception_recorded=bool(exception_reason),
                   owner_only=False)


def change_status(entity_id: str, action: Action, uow: UnitOfWork, *, actor: Actor, now: datetime,
                  reason: str | None = None, until: date | None = None, policy: Policy = DEFAULT_POLICY) -> Notice:
    """Suspend, resume, withdraw, extend (the owner), or cancel, delete (the General Secretariat)."""
    allowed_owner = {Action.SUSPEND, Action.RESUME, Action.WITHDRAW, Action.EXTEND}
    allowed_gs = {Action.CANCEL, Action.DELETE}
    if action not in allowed_owner | allowed_gs:
        raise ValidationError(f"{action.value} is not a status change of this kind", field="action")
    if action in allowed_gs:
        _general_secretariat(actor, entity_id)
    return _change(entity_id, action, uow, actor=actor, now=now, reason=reason, until=until, policy=policy,
                   owner_only=action in allowed_owner)


def expire_due(uow: UnitOfWork, *, today: date, now: datetime, actor: str = "system") -> list[str]:
    """Expire every published or suspended notice whose retention has run out; returns their ids."""
    flt = NoticeFilter(statuses=frozenset({NoticeStatus.PUBLISHED, NoticeStatus.SUSPENDED}))
    expired: list[str] = []
    with uow:
        for notice in list(uow.notices.iter_all(flt, today=today)):
            if due_for_expiry(notice, today):
                changed, transition = apply_action(notice, Action.EXPIRE, actor=actor, now=now)
                uow.notices.update(changed)
                uow.notices.add_transition(transition)
                expired.append(notice.entity_id)
        uow.commit()
    return expired


def get_notice(entity_id: str, uow: UnitOfWork, *, viewer: Viewer) -> Notice:
    with uow:
        return _load(uow, entity_id, viewer)


def notice_history(entity_id: str, uow: UnitOfWork, *, viewer: Viewer) -> list[Transition]:
    with uow:
        _load(uow, entity_id, viewer)
        return uow.notices.history(entity_id)


def list_notices(flt: NoticeFilter, uow: UnitOfWork, *, viewer: Viewer, today: date, page: int = 1,
                 per_page: int = 20) -> Page:
    if page < 1:
        raise ValidationError(f"page must be 1 or more, not {page}", field="page")
    if not 1 <= per_page <= 1000:
        raise ValidationError(f"per_page must be between 1 and 1000, not {per_page}", field="per_page")
    with uow:
        return uow.notices.find(flt, today=today, visible_to=viewer, offset=(page - 1) * per_page, limit=per_page)
