"""Notice use cases: create, edit, submit, review, the lifecycle changes, reading and listing.

Each function takes a unit of work, does its work inside ``with uow:`` and commits once. ``actor`` and
``now`` are passed in; nothing here reads the clock or the login.

Every change, and every read by anyone but the public, is an audit event in the same transaction
(``ncb.services.audit``): if the event cannot be written, the change is not made and the notice not shown.
A non-public read needs a stated purpose. Refused acts (no purpose, not visible, not allowed, not possible
in the notice's status) are recorded as refused. Public reads (the public API, the portal) read only
public extracts and are not logged.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import fields, replace
from datetime import date, datetime
from typing import Any

from ncb.domain import compliance
from ncb.domain.access import Viewer, ViewerKind, can_view
from ncb.domain.documents import notice_from_dict
from ncb.domain.identity import Actor, Permission
from ncb.domain.lifecycle import OWNER_ACTIONS, Policy, apply_action, creation, due_for_expiry
from ncb.domain.notices import Action, Decision, Notice, NoticeStatus, Transition
from ncb.domain.search import NoticeFilter
from ncb.errors import IllegalTransition, NotFound, PermissionDenied, ValidationError
from ncb.services import audit
from ncb.services.ports import Page, UnitOfWork

DEFAULT_POLICY = Policy()

PUBLIC_READER = Actor("public", Viewer.public())
"""Who reads through the public paths (the public API, the portal): no purpose asked, nothing logged."""


def _object(entity_id: str) -> str:
    return f"notice:{entity_id}"


def _reason(reason: str | None) -> dict[str, object] | None:
    """A reason may name a person: it goes in the erasable payload, not in the leaf."""
    return {"reason": reason} if reason else None


def _load(uow: UnitOfWork, entity_id: str, viewer: Viewer) -> Notice:
    notice = uow.notices.get(entity_id)
    if notice is None or not can_view(viewer, notice):
        # A notice the viewer may not see answers exactly like one that does not exist.
        raise NotFound(f"no notice {entity_id}", record=entity_id)
    return notice


def _owned(notice: Notice, actor: Actor) -> None:
    """The actor may change the notice as its bureau: the ``write_notices`` permission, and the notice's bureau."""
    actor.require(Permission.WRITE_NOTICES, "changing a notice")
    if actor.viewer.country != notice.owner:
        raise PermissionDenied(f"only the owner bureau ({notice.owner}) may do this", record=notice.entity_id)


def _general_secretariat(actor: Actor, entity_id: str) -> None:
    if actor.viewer.kind is not ViewerKind.GENERAL_SECRETARIAT or not actor.can(Permission.REVIEW_NOTICES):
        raise PermissionDenied("only a General Secretariat reviewer may do this", record=entity_id)


def create_notice(doc: Mapping[str, Any], uow: UnitOfWork, *, actor: Actor, now: datetime) -> Notice:
    """A new draft from its native JSON form; the entity_id is allocated when not given."""
    body = dict(doc)
    with uow, audit.refusals(uow, actor=actor, action="notice.create", object="notice:new", now=now):
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
        audit.record(uow, actor=actor, action="notice.create", object=_object(notice.entity_id),
                     outcome="status draft", now=now)
        uow.commit()
    return notice


def edit_notice(entity_id: str, doc: Mapping[str, Any], uow: UnitOfWork, *, actor: Actor,
                now: datetime) -> Notice:
    """Replace a draft's content (only drafts can be edited; status and dates are kept)."""
    with uow, audit.refusals(uow, actor=actor, action="notice.edit", object=_object(entity_id), now=now):
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
        audit.record(uow, actor=actor, action="notice.edit", object=_object(entity_id), outcome="status draft",
                     now=now)
        uow.commit()
    return notice


def _change(entity_id: str, action: Action, uow: UnitOfWork, *, actor: Actor, now: datetime,
            reason: str | None = None, until: date | None = None, policy: Policy = DEFAULT_POLICY,
            findings: tuple[dict[str, str], ...] = (), exception_recorded: bool = False,
            owner_only: bool = True) -> Notice:
    what = f"notice.{action.value}"
    with uow, audit.refusals(uow, actor=actor, action=what, object=_object(entity_id), now=now):
        current = _load(uow, entity_id, actor.viewer)
        if owner_only:
            _owned(current, actor)
        changed, transition = apply_action(current, action, actor=actor.name, now=now, reason=reason, until=until,
                                           policy=policy, findings=findings, exception_recorded=exception_recorded)
        uow.notices.update(changed)
        uow.notices.add_transition(transition)
        audit.record(uow, actor=actor, action=what, object=_object(entity_id),
                     outcome=f"status {changed.status.value}", now=now, personal_data=_reason(reason))
        uow.commit()
    return changed


def submit_notice(entity_id: str, uow: UnitOfWork, *, actor: Actor, now: datetime) -> Notice:
    """Send a draft for review (a diffusion is circulated at once, and reviewed afterwards)."""
    with uow, audit.refusals(uow, actor=actor, action="notice.submit", object=_object(entity_id), now=now):
        notice = _load(uow, entity_id, actor.viewer)
    action = Action.CIRCULATE if notice.type.reviewed_after_sending else Action.SUBMIT
    return _change(entity_id, action, uow, actor=actor, now=now)


def publish_notice(entity_id: str, uow: UnitOfWork, *, actor: Actor, now: datetime, reason: str | None = None,
                   exception_reason: str | None = None, policy: Policy = DEFAULT_POLICY) -> Notice:
    """Publish whatever way the notice's status allows: approve a submitted notice (a reviewer), circulate a
    draft diffusion, or resume a suspended notice (the owner)."""
    with uow, audit.refusals(uow, actor=actor, action="notice.publish", object=_object(entity_id), now=now):
        current = _load(uow, entity_id, actor.viewer)
        if not (current.status in (NoticeStatus.SUBMITTED, NoticeStatus.SUSPENDED)
                or (current.status is NoticeStatus.DRAFT and current.type.reviewed_after_sending)):
            raise IllegalTransition(f"notice {entity_id} is {current.status.value}: only a submitted or suspended "
                                    "notice, or a draft diffusion, can be published", record=entity_id)
    if current.status is NoticeStatus.SUBMITTED:
        return review_notice(entity_id, Decision.APPROVE, uow, actor=actor, now=now, reason=reason,
                             exception_reason=exception_reason, policy=policy)
    if current.status is NoticeStatus.SUSPENDED:
        return change_status(entity_id, Action.RESUME, uow, actor=actor, now=now, reason=reason, policy=policy)
    return submit_notice(entity_id, uow, actor=actor, now=now)


def compliance_findings(entity_id: str, uow: UnitOfWork, *, actor: Actor, now: datetime,
                        locale: str = "en") -> tuple[compliance.Finding, ...]:
    with uow:
        notice = _read(uow, actor, "notice.findings", entity_id, now)
        _consulted(uow, actor, "notice.findings", entity_id, now)
    return compliance.check(notice, locale=locale)


def review_notice(entity_id: str, decision: Decision, uow: UnitOfWork, *, actor: Actor, now: datetime,
                  reason: str | None = None, exception_reason: str | None = None,
                  policy: Policy = DEFAULT_POLICY) -> Notice:
    """A reviewer's decision. Approval runs the compliance pre-check: warnings need a reason, blocks need
    the recorded "particular importance" exception with its reason."""
    with uow, audit.refusals(uow, actor=actor, action=f"notice.{decision.action.value}", object=_object(entity_id),
                             now=now):
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
    allowed_owner = set(OWNER_ACTIONS)
    allowed_gs = {Action.CANCEL, Action.DELETE}
    with uow, audit.refusals(uow, actor=actor, action=f"notice.{action.value}", object=_object(entity_id), now=now):
        if action not in allowed_owner | allowed_gs:
            raise ValidationError(f"{action.value} is not a status change of this kind", field="action")
        if action in allowed_gs:
            _general_secretariat(actor, entity_id)
    return _change(entity_id, action, uow, actor=actor, now=now, reason=reason, until=until, policy=policy,
                   owner_only=action in allowed_owner)


def expire_due(uow: UnitOfWork, *, today: date, now: datetime, actor: Actor = audit.SYSTEM) -> list[str]:
    """Expire every published or suspended notice whose retention has run out; returns their ids."""
    flt = NoticeFilter(statuses=frozenset({NoticeStatus.PUBLISHED, NoticeStatus.SUSPENDED}))
    expired: list[str] = []
    with uow:
        for notice in list(uow.notices.iter_all(flt, today=today)):
            if due_for_expiry(notice, today):
                changed, transition = apply_action(notice, Action.EXPIRE, actor=actor.name, now=now)
                uow.notices.update(changed)
                uow.notices.add_transition(transition)
                expired.append(notice.entity_id)
        for entity_id in expired:
            audit.record(uow, actor=actor, action="notice.expire", object=_object(entity_id),
                         outcome="status expired", now=now)
        uow.commit()
    return expired


def _public(actor: Actor) -> bool:
    return actor.viewer.kind is ViewerKind.PUBLIC


def _read(uow: UnitOfWork, actor: Actor, action: str, entity_id: str, now: datetime) -> Notice:
    """Inside ``with uow:``: the notice, for the public as is; for anyone else only with a stated purpose,
    a refusal (no purpose, not visible) recorded as such."""
    if _public(actor):
        return _load(uow, entity_id, actor.viewer)
    with audit.refusals(uow, actor=actor, action=action, object=_object(entity_id), now=now):
        actor.require_purpose()
        return _load(uow, entity_id, actor.viewer)


def _consulted(uow: UnitOfWork, actor: Actor, action: str, entity_id: str, now: datetime) -> None:
    """Record a non-public read and commit it: last, just before the data leaves the service."""
    if not _public(actor):
        audit.record(uow, actor=actor, action=action, object=_object(entity_id), outcome="shown", now=now)
        uow.commit()


def get_notice(entity_id: str, uow: UnitOfWork, *, actor: Actor, now: datetime) -> Notice:
    """One notice as the actor may see it (a non-public read needs a purpose and is logged)."""
    with uow:
        notice = _read(uow, actor, "notice.consult", entity_id, now)
        _consulted(uow, actor, "notice.consult", entity_id, now)
    return notice


def notice_history(entity_id: str, uow: UnitOfWork, *, actor: Actor, now: datetime) -> list[Transition]:
    with uow:
        _read(uow, actor, "notice.history", entity_id, now)
        history = uow.notices.history(entity_id)
        _consulted(uow, actor, "notice.history", entity_id, now)
    return history


def filter_dict(flt: NoticeFilter) -> dict[str, object]:
    """The filter's set fields as JSON values (for the audit payload: a name searched for is personal data)."""
    out: dict[str, object] = {}
    for f in fields(flt):
        value = getattr(flt, f.name)
        if value is None or value is False or value == frozenset():
            continue
        if isinstance(value, frozenset):
            value = sorted(str(getattr(v, "value", v)) for v in value)
        out[f.name] = value
    return out


def _check_page(page: int, per_page: int) -> None:
    if page < 1:
        raise ValidationError(f"page must be 1 or more, not {page}", field="page")
    if not 1 <= per_page <= 1000:
        raise ValidationError(f"per_page must be between 1 and 1000, not {per_page}", field="per_page")


def list_notices(flt: NoticeFilter, uow: UnitOfWork, *, actor: Actor, today: date, now: datetime, page: int = 1,
                 per_page: int = 20) -> Page:
    """A page of the notices the actor may see; for anyone but the public, with a purpose, and logged with
    the filter and the notices shown (in the payload)."""
    if _public(actor):
        _check_page(page, per_page)
        with uow:
            return uow.notices.find(flt, today=today, visible_to=actor.viewer, offset=(page - 1) * per_page,
                                    limit=per_page)
    with uow:
        with audit.refusals(uow, actor=actor, action="notice.list", object="notices", now=now):
            _check_page(page, per_page)
            actor.require_purpose()
        found = uow.notices.find(flt, today=today, visible_to=actor.viewer, offset=(page - 1) * per_page,
                                 limit=per_page)
        audit.record(uow, actor=actor, action="notice.list", object="notices",
                     outcome=f"{len(found.notices)} of {found.total} shown", now=now,
                     personal_data={"filter": filter_dict(flt), "page": page,
                                    "shown": [n.entity_id for n in found.notices]})
        uow.commit()
    return found
