"""Cooperation use cases: messages between bureaus (draft, send, receive, acknowledge, answer, close, read,
threads, deadlines), extradition cases (open, advance, warnings; opened or joined by a confirmed screening
hit), operations (participants, targets, results, timeline, report), the link graph and statistics.

Each function takes a unit of work and commits once; ``actor`` and ``now`` are passed in. A bureau sees the
messages it sent or received (a draft only its sender), the cases it keeps or takes part in, the operations
it takes part in; a domestic agency sees the messages it sent or that were addressed to it. Anything else
answers exactly like something that does not exist. Every send, receipt, read, acknowledgement, answer and
closing of a message, every case opened or advanced and every operation created or changed (countries, targets,
results, timeline) is recorded in the audit trail in the same transaction.
"""

from __future__ import annotations

import base64
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from typing import Any

from ncb.domain.access import Viewer, ViewerKind, can_view
from ncb.domain.cooperation import check_id
from ncb.domain.cooperation import extradition as ext
from ncb.domain.cooperation.graph import Graph, build_graph
from ncb.domain.cooperation.messages import (
    DEFAULT_REMINDER_DAYS,
    Attachment,
    CarriedRestriction,
    Channel,
    Message,
    MessageAction,
    MessageEvent,
    MessageStatus,
    MessageType,
    Party,
    Reminder,
    apply_action,
    can_apply,
    check_attachment,
    check_deadline,
    content_digest,
    creation,
    merge_restrictions,
    message_from_dict,
    reply,
)
from ncb.domain.cooperation.operations import (
    CountryResult,
    Operation,
    Target,
    TargetKind,
    TimelineEntry,
    report,
    seizure,
)
from ncb.domain.cooperation.statistics import (
    StatTable,
    extradition_outcomes,
    hits_table,
    notices_by_year_type_country,
    response_times,
)
from ncb.domain.countries import validate_country
from ncb.domain.federation import EnvelopeKind
from ncb.domain.identity import Actor, Permission
from ncb.domain.notices import Notice, NoticeStatus, NoticeType
from ncb.domain.screening import QueuedHit
from ncb.domain.search import NoticeFilter
from ncb.errors import Conflict, NotFound, PermissionDenied, ValidationError
from ncb.services import audit
from ncb.services.ports import UnitOfWork
from ncb.settings import Settings

MAX_LIST = 1000


@dataclass(frozen=True)
class CooperationPolicy:
    """The numbers cooperation works under (settings ``message_attachment_max_bytes``,
    ``extradition_limits_file``, ``extradition_warning_days``)."""

    attachment_max_bytes: int = 20 * 1024 * 1024
    limits: ext.LimitTable = field(default_factory=ext.LimitTable.builtin)
    warning_days: int = 14


@dataclass(frozen=True)
class NewAttachment:
    """A file as given by a user: its bytes, and the SHA-256 the sender states (checked when given)."""

    name: str
    media_type: str
    data: bytes
    sha256: str | None = None


# -- who sees what -----------------------------------------------------------------------------------
def party_of(actor: Actor) -> Party:
    """The party an actor writes as: its bureau, or its agency through its bureau."""
    v = actor.viewer
    if v.kind not in (ViewerKind.BUREAU, ViewerKind.AGENCY) or v.country is None:
        raise PermissionDenied("only a bureau or a domestic agency writes to other bureaus")
    return Party(v.country, v.agency if v.kind is ViewerKind.AGENCY else None)


def sees_message(viewer: Viewer, m: Message) -> bool:
    if viewer.country is None:
        return False
    if viewer.kind is ViewerKind.AGENCY:
        return any(p.bureau == viewer.country and p.agency == viewer.agency for p in (m.sender, *m.recipients))
    if viewer.kind is not ViewerKind.BUREAU or not m.involves(viewer.country):
        return False
    return m.status is not MessageStatus.DRAFT or m.sender.bureau == viewer.country


def _is_sender(actor: Actor, m: Message) -> bool:
    party = party_of(actor)
    return party == m.sender or (party.agency is None and party.bureau == m.sender.bureau)


def _is_recipient(actor: Actor, m: Message) -> bool:
    party = party_of(actor)
    return any(party == r or (party.agency is None and party.bureau == r.bureau) for r in m.recipients)


def message_actions(actor: Actor, m: Message) -> frozenset[MessageAction]:
    """What the actor may do to ``m`` now: send (its sender, a draft), acknowledge and answer (a recipient), close
    (either), each as its status allows; pages offer only these (the use cases check again)."""
    if not actor.can(Permission.WRITE_NOTICES) or actor.viewer.kind not in (ViewerKind.BUREAU, ViewerKind.AGENCY) \
            or actor.viewer.country is None:
        return frozenset()
    sender, recipient = _is_sender(actor, m), _is_recipient(actor, m)
    allowed = {MessageAction.SEND: sender, MessageAction.ACKNOWLEDGE: recipient, MessageAction.ANSWER: recipient,
               MessageAction.CLOSE: sender or recipient}
    return frozenset(a for a, ok in allowed.items() if ok and can_apply(m, a))


def _load_message(uow: UnitOfWork, message_id: str, viewer: Viewer) -> Message:
    m = uow.cooperation.get_message(check_id("message", message_id, "message_id"))
    if m is None or not sees_message(viewer, m):
        raise NotFound(f"no message {message_id}", record=message_id)
    return m


def _visible_notice(uow: UnitOfWork, entity_id: str, viewer: Viewer, where: str) -> Notice:
    notice = uow.notices.get(entity_id) if isinstance(entity_id, str) else None
    if notice is None or not can_view(viewer, notice):
        raise NotFound(f"no notice {entity_id}", field=where, record=str(entity_id))
    return notice


def _audit_object(m: Message) -> str:
    return f"message:{m.id}"


# -- messages ----------------------------------------------------------------------------------------
def _texts(doc: Mapping[str, Any], key: str) -> tuple[str, ...]:
    value = doc.get(key) or []
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ValidationError("must be a list of texts", field=key)
    return tuple(v.strip() for v in value if v.strip())


def _enum(cls: Any, doc: Mapping[str, Any], key: str, default: Any = None) -> Any:
    value = doc.get(key, default)
    try:
        return cls(value)
    except ValueError:
        raise ValidationError(f"{value!r} is not one of {', '.join(m.value for m in cls)}", field=key) from None


def _day(value: Any, field: str) -> date | None:
    if value in (None, ""):
        return None
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise ValidationError(f"{value!r} is not a date (YYYY-MM-DD)", field=field) from None


def _attachments(uow: UnitOfWork, files: Sequence[NewAttachment], policy: CooperationPolicy,
                 offset: int = 0) -> tuple[Attachment, ...]:
    """Check every file first (nothing stored if one is bad), then keep the bytes."""
    checked = [(check_attachment(f.name, f.media_type, f.data, sha256=f.sha256, max_bytes=policy.attachment_max_bytes,
                                 field=f"attachments[{offset + i}]"), f.data) for i, f in enumerate(files)]
    for a, data in checked:
        uow.cooperation.add_attachment_data(a.sha256, data)
    return tuple(a for a, _ in checked)


def _carried(uow: UnitOfWork, notices: Iterable[str], viewer: Viewer) -> tuple[CarriedRestriction, ...]:
    return merge_restrictions(tuple(CarriedRestriction.of_notice(_visible_notice(uow, n, viewer, f"notices[{i}]"))
                                    for i, n in enumerate(notices)))


def _message_read(uow: UnitOfWork, actor: Actor, m: Message, what: str, now: datetime) -> None:
    audit.record(uow, actor=actor, action=what, object=_audit_object(m), outcome="shown", now=now,
                 personal_data={"subject": m.subject, "persons": list(m.persons)} if m.persons else None)


def draft_message(doc: Mapping[str, Any], uow: UnitOfWork, *, actor: Actor, now: datetime,
                  attachments: Sequence[NewAttachment] = (),
                  policy: CooperationPolicy | None = None) -> Message:
    """A new draft from ``{"type", "channel", "recipients", "subject", "body", "notices", "persons", "cases",
    "deadline", "reminder_days"}``: every linked notice must be visible to the writer, and carries its
    restriction; a recipient a restriction excludes, an unknown one or a deadline past is refused, naming the
    field, and nothing is stored."""
    actor.require(Permission.WRITE_NOTICES, "writing to another bureau")
    policy = policy or CooperationPolicy()
    sender = party_of(actor)
    if not isinstance(doc, Mapping):
        raise ValidationError("a message is a JSON object", field="message")
    recipients_doc = doc.get("recipients") or []
    if isinstance(recipients_doc, str):
        recipients_doc = [r for r in recipients_doc.split(",") if r.strip()]
    if not isinstance(recipients_doc, list) or not recipients_doc:
        raise ValidationError("a message needs at least one recipient", field="recipients")
    recipients = tuple(Party.parse(r, f"recipients[{i}]") for i, r in enumerate(recipients_doc))
    type_ = _enum(MessageType, doc, "type", MessageType.INFORMATION_REQUEST.value)
    default_channel = sorted(type_.channels)[0] if Channel.INTERPOL not in type_.channels else Channel.INTERPOL
    channel = _enum(Channel, doc, "channel", default_channel.value)
    deadline = _day(doc.get("deadline"), "deadline")
    check_deadline(deadline, now.date())
    reminder_days = doc.get("reminder_days", list(DEFAULT_REMINDER_DAYS))
    if not isinstance(reminder_days, list) or not all(isinstance(d, int) for d in reminder_days):
        raise ValidationError("must be a list of whole numbers of days", field="reminder_days")
    notices = tuple(dict.fromkeys(_texts(doc, "notices")))
    cases = _texts(doc, "cases")
    for i, c in enumerate(cases):
        if not (c[:1].isalpha() and "-" in c):
            raise ValidationError(f"{c!r} is not a case or operation id", field=f"cases[{i}]")
    with uow:
        restrictions = _carried(uow, notices, actor.viewer)
        message = Message(
            id=uow.cooperation.next_id("message", sender.bureau, now.year), type=type_, channel=channel,
            sender=sender, recipients=recipients, subject=str(doc.get("subject") or "").strip(),
            body=str(doc.get("body") or ""), notices=notices, persons=_texts(doc, "persons"), cases=cases,
            deadline=deadline, reminder_days=tuple(reminder_days), restrictions=restrictions, created_at=now,
            created_by=actor.name, attachments=())
        message.check_recipients()
        message = replace(message, attachments=_attachments(uow, attachments, policy))
        uow.cooperation.add_message(message)
        uow.cooperation.add_message_event(creation(message, actor=actor.name, now=now))
        audit.record(uow, actor=actor, action="message.draft", object=_audit_object(message), outcome="draft",
                     now=now)
        uow.commit()
    return message


def _send(uow: UnitOfWork, message: Message, actor: Actor, now: datetime, note: str | None = None) -> Message:
    """Inside ``with uow:``: check the restrictions as they are now and send (no commit)."""
    check_deadline(message.deadline, now.date())
    current = merge_restrictions(message.restrictions, _carried(uow, message.notices, actor.viewer))
    message = replace(message, restrictions=current)
    message.check_recipients()
    sent, event = apply_action(message, MessageAction.SEND, actor=actor.name, now=now, note=note)
    uow.cooperation.save_message(sent)
    uow.cooperation.add_message_event(event)
    audit.record(uow, actor=actor, action="message.send", object=_audit_object(sent),
                 outcome=f"sent by {sent.channel.value}", now=now,
                 recipients=sorted(sent.bureaus - {sent.sender.bureau}))
    _to_partners(uow, sent, now)
    return sent


def _to_partners(uow: UnitOfWork, sent: Message, now: datetime) -> None:
    """A recipient bureau that runs a partner instance gets the message through the federation outbox, in this
    transaction (delivered, retried and signed by the outbox's delivery); others get it by their channel."""
    from ncb.services import federation  # federation also calls back into this module when a message arrives

    payload: dict[str, Any] | None = None
    for bureau in sorted(sent.bureaus - {sent.sender.bureau}):
        if uow.federation.partner(bureau) is None:
            continue
        if payload is None:
            files = {a.sha256: uow.cooperation.attachment_data(a.sha256) for a in sent.attachments}
            payload = {"message": sent.content(),
                       "attachments": {k: base64.b64encode(v).decode() for k, v in files.items() if v is not None}}
        federation.enqueue(uow, sender=sent.sender.bureau, recipient=bureau, kind=EnvelopeKind.MESSAGE,
                           payload=payload, now=now)


def send_message(message_id: str, uow: UnitOfWork, *, actor: Actor, now: datetime) -> Message:
    """Send a draft: its deadline must not have passed, and the restrictions of its notices, read again now,
    must let every recipient see them."""
    actor.require(Permission.WRITE_NOTICES, "sending a message")
    with uow:
        m = _load_message(uow, message_id, actor.viewer)
        if not _is_sender(actor, m):
            raise PermissionDenied(f"only its sender ({m.sender}) sends {m.id}", record=m.id)
        sent = _send(uow, m, actor, now)
        uow.commit()
    return sent


def receive_message(doc: Mapping[str, Any], uow: UnitOfWork, *, actor: Actor, now: datetime,
                    attachments: Mapping[str, bytes] | None = None,
                    policy: CooperationPolicy | None = None) -> tuple[Message, bool]:
    """Store a message another bureau sent (received by another channel and entered here; federation calls
    :func:`store_received` inside its own transaction), idempotently: the same id with the same content changes
    nothing (``(message, False)``); with other content it is a ``Conflict``. The receiving bureau must be a
    recipient and allowed by the restrictions the message carries; attachment bytes given must have the SHA-256
    the message states."""
    with uow:
        received, new = store_received(doc, uow, actor=actor, now=now, attachments=attachments, policy=policy)
        if new:
            uow.commit()
    return received, new


def store_received(doc: Mapping[str, Any], uow: UnitOfWork, *, actor: Actor, now: datetime,
                   attachments: Mapping[str, bytes] | None = None,
                   policy: CooperationPolicy | None = None) -> tuple[Message, bool]:
    """:func:`receive_message` inside the caller's ``with uow:`` (the caller commits)."""
    actor.require(Permission.WRITE_NOTICES, "receiving a message")
    policy = policy or CooperationPolicy()
    party = party_of(actor)
    incoming = message_from_dict({k: v for k, v in dict(doc).items()
                                  if k not in ("status", "received_at", "acknowledged_at", "answered_at",
                                               "closed_at", "created_by")})
    if party.bureau not in {r.bureau for r in incoming.recipients}:
        raise ValidationError(f"{incoming.id} is not addressed to {party.bureau}", field="recipients",
                              record=incoming.id)
    if incoming.sender.bureau == party.bureau:
        raise ValidationError(f"{incoming.id} was sent by this bureau", field="sender", record=incoming.id)
    if not incoming.permits(party.bureau):
        raise PermissionDenied(f"the restrictions {incoming.id} carries exclude {party.bureau}", record=incoming.id)
    data = dict(attachments or {})
    for i, a in enumerate(incoming.attachments):
        if a.sha256 in data:
            check_attachment(a.name, a.media_type, data[a.sha256], sha256=a.sha256,
                             max_bytes=policy.attachment_max_bytes, field=f"attachments[{i}]")
    received = replace(incoming, status=MessageStatus.RECEIVED, received_at=now,
                       sent_at=incoming.sent_at or now, created_at=incoming.created_at or now,
                       created_by=str(incoming.sender))
    stored = uow.cooperation.content_sha256(received.id)
    if stored is not None:
        if stored != content_digest(received):
            raise Conflict(f"message {received.id} was received before with other content", field="id",
                           record=received.id)
        existing = uow.cooperation.get_message(received.id)
        assert existing is not None
        return existing, False
    for a in received.attachments:
        if a.sha256 in data:
            uow.cooperation.add_attachment_data(a.sha256, data[a.sha256])
    uow.cooperation.add_message(received)
    uow.cooperation.add_message_event(creation(received, actor=actor.name, now=now))
    audit.record(uow, actor=actor, action="message.receive", object=_audit_object(received),
                 outcome=f"received from {received.sender.bureau}", now=now)
    return received, True


def _change(message_id: str, action: MessageAction, uow: UnitOfWork, *, actor: Actor, now: datetime,
            note: str | None, who: str) -> Message:
    actor.require(Permission.WRITE_NOTICES, f"to {action.value} a message")
    with uow:
        m = _load_message(uow, message_id, actor.viewer)
        allowed = _is_recipient(actor, m) if who == "recipient" else (_is_recipient(actor, m) or _is_sender(actor, m))
        if not allowed:
            raise PermissionDenied(f"only a {who} of {m.id} may {action.value} it", record=m.id)
        changed, event = apply_action(m, action, actor=actor.name, now=now, note=note)
        uow.cooperation.save_message(changed)
        uow.cooperation.add_message_event(event)
        audit.record(uow, actor=actor, action=f"message.{action.value}", object=_audit_object(changed),
                     outcome=changed.status.value, now=now, personal_data={"note": event.note} if event.note else None)
        uow.commit()
    return changed


def acknowledge_message(message_id: str, uow: UnitOfWork, *, actor: Actor, now: datetime,
                        note: str | None = None) -> Message:
    """A recipient says the message arrived and is being handled."""
    return _change(message_id, MessageAction.ACKNOWLEDGE, uow, actor=actor, now=now, note=note, who="recipient")


def close_message(message_id: str, uow: UnitOfWork, *, actor: Actor, now: datetime,
                  note: str | None = None) -> Message:
    """The sender or a recipient closes the message (a draft is abandoned)."""
    return _change(message_id, MessageAction.CLOSE, uow, actor=actor, now=now, note=note,
                   who="sender or recipient")


def answer_message(message_id: str, doc: Mapping[str, Any], uow: UnitOfWork, *, actor: Actor, now: datetime,
                   attachments: Sequence[NewAttachment] = (), policy: CooperationPolicy | None = None) -> Message:
    """A recipient answers: the answer goes to the sender at once, in the thread, carrying the parent's
    restrictions (and those of any notice it adds); the parent is marked answered."""
    actor.require(Permission.WRITE_NOTICES, "answering a message")
    policy = policy or CooperationPolicy()
    sender = party_of(actor)
    type_ = _enum(MessageType, doc, "type", MessageType.ANSWER.value)
    notices = _texts(doc, "notices")
    with uow:
        parent = _load_message(uow, message_id, actor.viewer)
        if not _is_recipient(actor, parent):
            raise PermissionDenied(f"only a recipient of {parent.id} answers it", record=parent.id)
        answered, parent_event = apply_action(parent, MessageAction.ANSWER, actor=actor.name, now=now)
        answer = reply(parent, id=uow.cooperation.next_id("message", sender.bureau, now.year),
                       sender=Party(sender.bureau, sender.agency), subject=(str(doc.get("subject") or "").strip()
                                                                             or None),
                       body=str(doc.get("body") or ""), type=type_, notices=notices,
                       extra_restrictions=_carried(uow, notices, actor.viewer), created_by=actor.name, now=now)
        answer = replace(answer, attachments=_attachments(uow, attachments, policy))
        uow.cooperation.add_message(answer)
        uow.cooperation.add_message_event(creation(answer, actor=actor.name, now=now))
        sent = _send(uow, answer, actor, now)
        uow.cooperation.save_message(answered)
        uow.cooperation.add_message_event(replace(parent_event, note=f"answered by {sent.id}"))
        audit.record(uow, actor=actor, action="message.answer", object=_audit_object(answered),
                     outcome=f"answered by {sent.id}", now=now)
        uow.commit()
    return sent


@dataclass(frozen=True)
class MessageView:
    message: Message
    history: tuple[MessageEvent, ...]


def get_message(message_id: str, uow: UnitOfWork, *, actor: Actor, now: datetime) -> MessageView:
    """One message with its history; a read of non-public data: needs a purpose, and is recorded."""
    actor.require(Permission.READ_NOTICES, "reading a message")
    actor.require_purpose()
    with uow:
        m = _load_message(uow, message_id, actor.viewer)
        history = tuple(uow.cooperation.message_history(m.id))
        _message_read(uow, actor, m, "message.read", now)
        uow.commit()
    return MessageView(m, history)


def thread(message_id: str, uow: UnitOfWork, *, actor: Actor, now: datetime) -> list[Message]:
    """Every message of the thread ``message_id`` belongs to that the actor may see, oldest first."""
    actor.require(Permission.READ_NOTICES, "reading a thread")
    actor.require_purpose()
    with uow:
        m = _load_message(uow, message_id, actor.viewer)
        _, found = uow.cooperation.messages(thread=m.thread, limit=MAX_LIST)
        shown = [x for x in found if sees_message(actor.viewer, x)]
        for x in shown:
            _message_read(uow, actor, x, "message.read", now)
        uow.commit()
    return shown


def attachment(message_id: str, name: str, uow: UnitOfWork, *, actor: Actor,
               now: datetime) -> tuple[Attachment, bytes]:
    """One attachment's bytes (a read, recorded)."""
    actor.require(Permission.READ_NOTICES, "reading an attachment")
    actor.require_purpose()
    with uow:
        m = _load_message(uow, message_id, actor.viewer)
        found = next((a for a in m.attachments if a.name == name), None)
        data = uow.cooperation.attachment_data(found.sha256) if found else None
        if found is None or data is None:
            raise NotFound(f"{m.id} has no attachment {name!r}", field="name", record=m.id)
        audit.record(uow, actor=actor, action="message.attachment", object=_audit_object(m), outcome="shown",
                     now=now, personal_data={"name": name})
        uow.commit()
    return found, data


def list_messages(uow: UnitOfWork, *, actor: Actor, now: datetime, statuses: Iterable[MessageStatus] = (),
                  page: int = 1, per_page: int = 50) -> tuple[int, list[Message]]:
    """The messages the actor's bureau sent or received (an agency: its own), newest first; recorded."""
    actor.require(Permission.READ_NOTICES, "listing messages")
    actor.require_purpose()
    if page < 1 or not 1 <= per_page <= MAX_LIST:
        raise ValidationError(f"page from 1, per_page 1 to {MAX_LIST}", field="per_page" if page >= 1 else "page")
    country = actor.viewer.country
    if country is None:
        return 0, []
    with uow:
        if actor.viewer.kind is ViewerKind.BUREAU:
            total, found = uow.cooperation.messages(bureau=country, statuses=tuple(statuses),
                                                    offset=(page - 1) * per_page, limit=per_page)
            found = [m for m in found if sees_message(actor.viewer, m)]
        else:
            _, every = uow.cooperation.messages(bureau=country, statuses=tuple(statuses), limit=100_000)
            mine = [m for m in every if sees_message(actor.viewer, m)]
            total, found = len(mine), mine[(page - 1) * per_page:page * per_page]
        audit.record(uow, actor=actor, action="message.list", object="messages",
                     outcome=f"{len(found)} of {total} shown", now=now,
                     personal_data={"shown": [m.id for m in found]})
        uow.commit()
    return total, found


def due_messages(uow: UnitOfWork, *, actor: Actor, on: date) -> list[tuple[Message, Reminder]]:
    """The reminders due on ``on``: open requests of the actor's bureau with a deadline within one of their
    reminder days, due that day, or overdue."""
    actor.require(Permission.READ_NOTICES, "reading deadlines")
    if actor.viewer.country is None:
        return []
    open_ = (MessageStatus.SENT, MessageStatus.RECEIVED, MessageStatus.ACKNOWLEDGED)
    with uow:
        _, found = uow.cooperation.messages(bureau=actor.viewer.country, statuses=open_, with_deadline=True,
                                            limit=100_000)
    out = [(m, r) for m in found if sees_message(actor.viewer, m) and (r := m.reminders_on(on)) is not None]
    return sorted(out, key=lambda x: (x[1].days_left, x[0].id))


# -- extradition cases -------------------------------------------------------------------------------
def _load_case(uow: UnitOfWork, case_id: str, viewer: Viewer) -> ext.ExtraditionCase:
    case = uow.cooperation.get_case(check_id("case", case_id, "case_id"))
    if case is None or viewer.kind is not ViewerKind.BUREAU or not case.involves(viewer.country):
        raise NotFound(f"no case {case_id}", record=case_id)
    return case


def _bureau(actor: Actor, what: str) -> str:
    if actor.viewer.kind is not ViewerKind.BUREAU or actor.viewer.country is None:
        raise PermissionDenied(f"only a bureau's officers {what}")
    return actor.viewer.country


def open_case(doc: Mapping[str, Any], uow: UnitOfWork, *, actor: Actor, now: datetime) -> ext.ExtraditionCase:
    """A case from ``{"person", "requesting", "requested", "located_on", "notice", "note"}``; the linked notice
    (a Red Notice the bureau may see) names the person when ``person`` is not given."""
    actor.require(Permission.WRITE_NOTICES, "opening an extradition case")
    bureau = _bureau(actor, "open extradition cases")
    located_on = _day(doc.get("located_on"), "located_on") or now.date()
    notice_id = (str(doc.get("notice") or "").strip()) or None
    with uow:
        notice = _visible_notice(uow, notice_id, actor.viewer, "notice") if notice_id else None
        if notice is not None and notice.type is not NoticeType.RED:
            raise ValidationError(f"{notice.entity_id} is a {notice.type.value} notice; an extradition case "
                                  "links a Red Notice", field="notice", record=notice.entity_id)
        person = str(doc.get("person") or "").strip() or _person_of(notice)
        requesting = str(doc.get("requesting") or (notice.owner if notice else "")).strip()
        requested = str(doc.get("requested") or "").strip()
        if not requesting:
            raise ValidationError("which country seeks the person?", field="requesting")
        if not requested:
            raise ValidationError("in which country was the person located?", field="requested")
        case = ext.open_case(id=uow.cooperation.next_id("case", bureau, now.year), bureau=bureau, person=person,
                             requesting=requesting, requested=requested, located_on=located_on, actor=actor.name,
                             now=now, notice=notice.entity_id if notice else None,
                             notice_owner=notice.owner if notice else None, note=doc.get("note"))
        uow.cooperation.add_case(case)
        audit.record(uow, actor=actor, action="case.open", object=f"case:{case.id}", outcome="located", now=now)
        uow.commit()
    return case


def _person_of(notice: Notice | None) -> str:
    name = notice.subject.primary_name if notice else None
    if name is None:
        raise ValidationError("who is sought? give the person's name or a Red Notice", field="person")
    return name.full


@dataclass(frozen=True)
class CaseChange:
    case: ext.ExtraditionCase
    follow_up: tuple[ext.NoticeFollowUp, str] | None = None
    notification: Message | None = None


def advance_case(case_id: str, stage: ext.Stage | str, uow: UnitOfWork, *, actor: Actor, now: datetime,
                 on: date | None = None, note: str | None = None) -> CaseChange:
    """The case at its next stage, reached ``on`` (today by default). When it ends with a linked notice, the
    notice's owner is told what becomes of it: asked to withdraw it after a surrender, sent the addendum after
    a refusal."""
    actor.require(Permission.WRITE_NOTICES, "advancing an extradition case")
    bureau = _bureau(actor, "advance extradition cases")
    try:
        stage = ext.Stage(stage)
    except ValueError:
        raise ValidationError(f"{stage!r} is not a stage ({', '.join(s.value for s in ext.Stage)})",
                              field="stage") from None
    with uow:
        case = _load_case(uow, case_id, actor.viewer)
        if case.bureau != bureau:
            raise PermissionDenied(f"case {case.id} is kept by {case.bureau}'s bureau", record=case.id)
        changed, entry = ext.advance(case, stage, on=on or now.date(), actor=actor.name, now=now, note=note)
        follow = ext.notice_follow_up(changed)
        notification = None
        if follow is not None and changed.notice_owner and changed.notice_owner != bureau and changed.notice:
            notification = _notify(uow, actor=actor, now=now, type_=MessageType.CASE_NOTIFICATION,
                                   to=changed.notice_owner, notice=changed.notice, cases=(changed.id,),
                                   persons=(changed.person,),
                                   subject=f"Extradition case {changed.id}: {changed.stage.value}", body=follow[1])
            changed = replace(changed, messages=changed.messages + (notification.id,))
        uow.cooperation.save_case(changed, entry)
        audit.record(uow, actor=actor, action="case.advance", object=f"case:{case.id}", outcome=stage.value,
                     now=now)
        uow.commit()
    return CaseChange(changed, follow, notification)


def _notify(uow: UnitOfWork, *, actor: Actor, now: datetime, type_: MessageType, to: str, notice: str,
            subject: str, body: str, cases: tuple[str, ...] = (), persons: tuple[str, ...] = ()) -> Message:
    """Inside ``with uow:``: a notification sent at once to ``to`` about ``notice`` (which the sender need not
    see: it is the recipient's own)."""
    sender = party_of(actor)
    stored = uow.notices.get(notice)
    restrictions = merge_restrictions((CarriedRestriction.of_notice(stored),)) if stored else ()
    m = Message(id=uow.cooperation.next_id("message", sender.bureau, now.year), type=type_,
                channel=Channel.INTERPOL, sender=sender, recipients=(Party(to),), subject=subject[:300], body=body,
                notices=(notice,), persons=persons, cases=cases, restrictions=restrictions, created_at=now,
                created_by=actor.name)
    m.check_recipients()
    uow.cooperation.add_message(m)
    uow.cooperation.add_message_event(creation(m, actor=actor.name, now=now))
    sent, event = apply_action(m, MessageAction.SEND, actor=actor.name, now=now)
    uow.cooperation.save_message(sent)
    uow.cooperation.add_message_event(event)
    audit.record(uow, actor=actor, action="message.send", object=_audit_object(sent),
                 outcome=f"sent by {sent.channel.value}", now=now, recipients=[to])
    _to_partners(uow, sent, now)
    return sent


def hit_confirmed(uow: UnitOfWork, hit: QueuedHit, *, actor: Actor,
                  now: datetime) -> tuple[Message | None, ext.ExtraditionCase | None]:
    """Inside the confirming transaction (no commit): for a Red Notice of a person located abroad an
    extradition case is opened (or the open case about that notice and country joined), and the owner bureau
    is notified of the hit (unless it confirmed it itself)."""
    notice = uow.notices.get(hit.entity_id)
    if notice is None or actor.viewer.country is None:
        return None, None
    bureau = actor.viewer.country
    located_in = bureau if bureau != notice.owner else (hit.screened_by or bureau)
    person = _person_of(notice) if notice.subject.primary_name else notice.entity_id
    case = None
    if notice.type is NoticeType.RED and located_in != notice.owner:
        case = next((c for c in uow.cooperation.cases(notice=notice.entity_id, open_only=True)
                     if c.requested == located_in and c.bureau == bureau), None)
        if case is not None:
            case = replace(case, hits=tuple(dict.fromkeys(case.hits + ((hit.id,) if hit.id else ()))))
            uow.cooperation.save_case(case)
        else:
            case = ext.open_case(id=uow.cooperation.next_id("case", bureau, now.year), bureau=bureau, person=person,
                                 requesting=notice.owner, requested=located_in, located_on=now.date(),
                                 actor=actor.name, now=now, notice=notice.entity_id, notice_owner=notice.owner,
                                 hits=(hit.id,) if hit.id else (), note=f"screening hit {hit.id} confirmed")
            uow.cooperation.add_case(case)
            audit.record(uow, actor=actor, action="case.open", object=f"case:{case.id}", outcome="located",
                         now=now)
    notification = None
    if bureau != notice.owner:
        joined = f" It joins extradition case {case.id}." if case else ""
        notification = _notify(uow, actor=actor, now=now, type_=MessageType.HIT_NOTIFICATION, to=notice.owner,
                               notice=notice.entity_id, persons=(person,), cases=(case.id,) if case else (),
                               subject=f"Hit confirmed on notice {notice.entity_id}",
                               body=f"{bureau} confirmed screening hit {hit.id} on your {notice.type.value} notice "
                                    f"{notice.entity_id} (score {hit.score:.2f}).{joined}")
        if case is not None:
            case = replace(case, messages=case.messages + (notification.id,))
            uow.cooperation.save_case(case)
    return notification, case


def get_case(case_id: str, uow: UnitOfWork, *, actor: Actor) -> ext.ExtraditionCase:
    actor.require(Permission.READ_NOTICES, "reading an extradition case")
    with uow:
        return _load_case(uow, case_id, actor.viewer)


def list_cases(uow: UnitOfWork, *, actor: Actor, open_only: bool = False) -> list[ext.ExtraditionCase]:
    actor.require(Permission.READ_NOTICES, "listing extradition cases")
    if actor.viewer.kind is not ViewerKind.BUREAU or actor.viewer.country is None:
        return []
    with uow:
        return uow.cooperation.cases(bureau=actor.viewer.country, open_only=open_only)


def case_warnings(uow: UnitOfWork, *, actor: Actor, today: date, within_days: int | None = None,
                  policy: CooperationPolicy | None = None) -> list[ext.Deadline]:
    """The legal limits that pass within ``within_days`` (the setting by default) in the open cases the
    actor's bureau takes part in, soonest first (passed ones included)."""
    policy = policy or CooperationPolicy()
    within = policy.warning_days if within_days is None else within_days
    if within < 0:
        raise ValidationError(f"within_days is 0 or more, not {within}", field="within_days")
    out: list[ext.Deadline] = []
    for case in list_cases(uow, actor=actor, open_only=True):
        out += ext.warnings(case, policy.limits.for_pair(case.requesting, case.requested), today, within)
    return sorted(out, key=lambda d: (d.due_on, d.case_id))


def case_limits(case: ext.ExtraditionCase, policy: CooperationPolicy | None = None) -> ext.Limits:
    return (policy or CooperationPolicy()).limits.for_pair(case.requesting, case.requested)


# -- operations --------------------------------------------------------------------------------------
def _load_operation(uow: UnitOfWork, operation_id: str, viewer: Viewer) -> Operation:
    op = uow.cooperation.get_operation(check_id("operation", operation_id, "operation_id"))
    if op is None or viewer.kind is not ViewerKind.BUREAU or not op.involves(viewer.country):
        raise NotFound(f"no operation {operation_id}", record=operation_id)
    return op


def create_operation(doc: Mapping[str, Any], uow: UnitOfWork, *, actor: Actor, now: datetime) -> Operation:
    """An operation led by the actor's bureau: ``{"name", "countries", "description", "started_on",
    "ended_on"}``."""
    actor.require(Permission.WRITE_NOTICES, "creating an operation")
    bureau = _bureau(actor, "lead operations")
    countries = tuple(validate_country(c, field=f"countries[{i}]") for i, c in enumerate(_texts(doc, "countries")))
    with uow:
        op = Operation(id=uow.cooperation.next_id("operation", bureau, now.year), name=str(doc.get("name") or ""),
                       bureau=bureau, countries=tuple(dict.fromkeys((bureau, *countries))),
                       description=str(doc.get("description") or ""),
                       started_on=_day(doc.get("started_on"), "started_on"),
                       ended_on=_day(doc.get("ended_on"), "ended_on"), created_at=now, created_by=actor.name)
        uow.cooperation.add_operation(op)
        audit.record(uow, actor=actor, action="operation.create", object=f"operation:{op.id}",
                     outcome=f"created with {', '.join(op.countries)}", now=now, recipients=op.countries[1:])
        uow.commit()
    return op


def _change_operation(operation_id: str, uow: UnitOfWork, actor: Actor, now: datetime, *, leader_only: bool,
                      change: Any, action: str, outcome: str,
                      personal_data: Mapping[str, Any] | None = None) -> Operation:
    """Apply ``change`` to the operation and record ``operation.<action>`` with its ``outcome`` (which names no
    one: names go in ``personal_data``) in the same transaction."""
    actor.require(Permission.WRITE_NOTICES, "changing an operation")
    bureau = _bureau(actor, "change operations")
    with uow:
        op = _load_operation(uow, operation_id, actor.viewer)
        if leader_only and op.bureau != bureau:
            raise PermissionDenied(f"only the leading bureau ({op.bureau}) changes {op.name}'s participants and "
                                   "targets", record=op.id)
        changed: Operation = change(uow, op)
        uow.cooperation.save_operation(changed, at=now)
        audit.record(uow, actor=actor, action=f"operation.{action}", object=f"operation:{op.id}", outcome=outcome,
                     now=now, personal_data=personal_data)
        uow.commit()
    return changed


def add_participants(operation_id: str, countries: Sequence[str], uow: UnitOfWork, *, actor: Actor,
                     now: datetime) -> Operation:
    return _change_operation(operation_id, uow, actor, now, leader_only=True,
                             change=lambda _uow, op: op.with_countries(tuple(countries)), action="countries",
                             outcome=f"countries added: {', '.join(c.strip().upper() for c in countries)}")


def add_target(operation_id: str, kind: TargetKind | str, ref: str, uow: UnitOfWork, *, actor: Actor,
               now: datetime, label: str | None = None) -> Operation:
    """A person, an organisation, or a notice the leader may see (Purple ones included), whose restriction
    then keeps every country it excludes out of the operation."""
    try:
        kind = TargetKind(kind)
    except ValueError:
        raise ValidationError(f"{kind!r} is not a target kind (person, organisation, notice)", field="kind") from None

    def change(uow_: UnitOfWork, op: Operation) -> Operation:
        if kind is TargetKind.NOTICE:
            notice = _visible_notice(uow_, ref.strip(), actor.viewer, "ref")
            return op.with_target(Target(kind, notice.entity_id, label or _label(notice), notice.type.value),
                                  CarriedRestriction.of_notice(notice))
        return op.with_target(Target(kind, ref.strip(), label))

    named = kind is not TargetKind.NOTICE  # a person's or an organisation's name is personal data
    return _change_operation(operation_id, uow, actor, now, leader_only=True, change=change, action="target",
                             outcome=f"{kind.value} target added" + ("" if named else f": notice {ref.strip()}"),
                             personal_data={"target": ref.strip(), "label": label} if named else None)


def _label(notice: Notice) -> str | None:
    name = notice.subject.primary_name
    return name.full if name else notice.subject.description


def add_result(operation_id: str, doc: Mapping[str, Any], uow: UnitOfWork, *, actor: Actor,
               now: datetime) -> Operation:
    """A country's results: ``{"country", "reported_on", "arrests", "seizures": [{"item", "quantity", "unit",
    "value", "currency"}], "note"}``; a participant reports its own, the leader anyone's."""
    bureau = _bureau(actor, "report results")
    country = validate_country(str(doc.get("country") or bureau), field="country")
    arrests = doc.get("arrests", 0)
    if not isinstance(arrests, int) or isinstance(arrests, bool) or arrests < 0:
        raise ValidationError(f"arrests is a whole number, 0 or more, not {arrests!r}", field="arrests")
    raw = doc.get("seizures") or []
    if not isinstance(raw, list) or not all(isinstance(s, Mapping) for s in raw):
        raise ValidationError("seizures is a list of {item, quantity, unit, value, currency}", field="seizures")
    seizures = tuple(seizure(s.get("item", ""), s.get("quantity"), s.get("unit", ""), s.get("value"),
                             s.get("currency"), field=f"seizures[{i}]") for i, s in enumerate(raw))
    result = CountryResult(country, _day(doc.get("reported_on"), "reported_on") or now.date(), arrests, seizures,
                           (str(doc.get("note") or "").strip() or None), actor.name)

    def change(_uow: UnitOfWork, op: Operation) -> Operation:
        if country != bureau and op.bureau != bureau:
            raise PermissionDenied(f"{bureau} reports its own results, not {country}'s", record=op.id)
        return op.with_result(result)

    return _change_operation(operation_id, uow, actor, now, leader_only=False, change=change, action="result",
                             outcome=f"results of {country}: {arrests} arrests, {len(seizures)} seizures",
                             personal_data={"note": result.note} if result.note else None)


def add_event(operation_id: str, text: str, uow: UnitOfWork, *, actor: Actor, now: datetime,
              on: date | None = None, country: str | None = None) -> Operation:
    """An entry of the operation's timeline (by any participant)."""
    entry = TimelineEntry(on or now.date(), (text or "").strip(),
                          validate_country(country, field="country") if country else None, actor.name)
    return _change_operation(operation_id, uow, actor, now, leader_only=False,
                             change=lambda _uow, op: op.with_event(entry), action="timeline",
                             outcome=f"timeline entry of {entry.on.isoformat()}", personal_data={"text": entry.text})


def get_operation(operation_id: str, uow: UnitOfWork, *, actor: Actor) -> Operation:
    actor.require(Permission.READ_NOTICES, "reading an operation")
    with uow:
        return _load_operation(uow, operation_id, actor.viewer)


def list_operations(uow: UnitOfWork, *, actor: Actor) -> list[Operation]:
    actor.require(Permission.READ_NOTICES, "listing operations")
    if actor.viewer.kind is not ViewerKind.BUREAU or actor.viewer.country is None:
        return []
    with uow:
        return uow.cooperation.operations(bureau=actor.viewer.country)


def operation_report(operation_id: str, uow: UnitOfWork, *, actor: Actor, markdown: bool = True) -> str:
    return report(get_operation(operation_id, uow, actor=actor), markdown=markdown)


# -- graph and statistics ----------------------------------------------------------------------------
def link_graph(uow: UnitOfWork, *, actor: Actor, around: str | None = None, depth: int = 2) -> Graph:
    """How what the actor's bureau may see is linked: its messages, cases and operations and what they name;
    ``around`` (``notice:2026/00001``, ``case:JP-2026-E00001``...) keeps what lies within ``depth`` links."""
    actor.require(Permission.READ_NOTICES, "reading the link graph")
    if not 1 <= depth <= 5:
        raise ValidationError(f"depth is 1 to 5, not {depth}", field="depth")
    country = actor.viewer.country
    if actor.viewer.kind is not ViewerKind.BUREAU or country is None:
        return Graph()
    with uow:
        _, messages = uow.cooperation.messages(bureau=country, limit=100_000)
        messages = [m for m in messages if sees_message(actor.viewer, m)]
        cases = uow.cooperation.cases(bureau=country, limit=100_000)
        operations = uow.cooperation.operations(bureau=country, limit=100_000)
        ids = {n for m in messages for n in m.notices} | {c.notice for c in cases if c.notice} | \
              {t.ref for o in operations for t in o.targets if t.kind is TargetKind.NOTICE}
        labels: dict[str, str] = {}
        for entity_id in sorted(ids):
            notice = uow.notices.get(entity_id)
            if notice is not None and can_view(actor.viewer, notice):
                labels[entity_id] = f"{notice.type.value}: {_label(notice) or entity_id}"
    graph = build_graph(messages=messages, cases=cases, operations=operations, notice_labels=labels)
    if around:
        if around not in graph.nodes:
            raise NotFound(f"nothing called {around} in your graph", field="around")
        graph = graph.neighbourhood(around, depth)
    return graph


def statistics(uow: UnitOfWork, *, actor: Actor, today: date) -> list[StatTable]:
    """Notices by year, type and country (those the actor may see), hits (its bureau's queue; every queue
    for the General Secretariat), request response times and extradition outcomes (its bureau's)."""
    actor.require(Permission.READ_NOTICES, "reading statistics")
    viewer = actor.viewer
    country = viewer.country if viewer.kind is ViewerKind.BUREAU else None
    with uow:
        flt = NoticeFilter(statuses=frozenset(s for s in NoticeStatus if s is not NoticeStatus.DRAFT))
        notices = notices_by_year_type_country(n for n in uow.notices.iter_all(flt, today=today)
                                               if can_view(viewer, n))
        if viewer.kind is ViewerKind.GENERAL_SECRETARIAT:
            hits = uow.cooperation.hit_counts()
        else:
            hits = uow.cooperation.hit_counts(country) if country else []
        messages = [m for m in uow.cooperation.messages(bureau=country, limit=1_000_000)[1]
                    if sees_message(viewer, m)] if country else []
        cases = uow.cooperation.cases(bureau=country, limit=1_000_000) if country else []
    return [notices, hits_table(hits), response_times(messages), extradition_outcomes(cases)]



def policy_from(settings: Settings) -> CooperationPolicy:
    """The cooperation numbers a running instance works under."""
    return CooperationPolicy(attachment_max_bytes=settings.message_attachment_max_bytes,
                             limits=ext.LimitTable.load(settings.extradition_limits_file),
                             warning_days=settings.extradition_warning_days)
