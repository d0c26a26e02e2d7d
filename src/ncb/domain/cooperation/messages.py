"""Requests and messages between bureaus: their types, channels, parties, attachments, deadlines, statuses
and threads, and the source's restrictions that travel with them.

A message is owned by the bureau that numbered it (its sender's): ``JP-2026-M00001``. Its status changes
only through :meth:`MessageStatus.check_transition` (via :func:`apply_action`), each change recorded as a
:class:`MessageEvent`. A reply points to its parent and shares its thread (the id of the thread's first
message).

Restrictions travel: a message that links a notice carries that notice's restriction
(:class:`CarriedRestriction`), a reply carries its parent's, and :meth:`Message.check_recipients` refuses a
recipient any of them excludes, naming the recipient's field. The owner of the data is never excluded.

:meth:`Message.content` is what the sender says and signs (no local status); :func:`canonical_json` its
canonical bytes (sorted keys, no spaces, UTF-8), the same on every instance, so that a message can be
signed, sent to another instance and stored there idempotently under its id.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from ncb.domain.cooperation import check_id
from ncb.domain.countries import is_member, validate_country
from ncb.domain.notices import ENTITY_ID, Notice, Restriction, RestrictionMode
from ncb.errors import IllegalTransition, ValidationError

SUBJECT_MAX = 300
BODY_MAX = 100_000
NAME_MAX = 200
DEFAULT_REMINDER_DAYS = (7, 1)
_MEDIA_TYPE = re.compile(r"^[a-z0-9][a-z0-9!#$&^_.+-]{0,63}/[a-z0-9][a-z0-9!#$&^_.+-]{0,126}$")
_SHA256 = re.compile(r"^[0-9a-f]{64}$")
_AGENCY = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")
_CASE_OR_OPERATION = re.compile(r"^[A-Z0-9]{2,3}-\d{4}-[EO]\d{5,9}$")


class Channel(StrEnum):
    """How a message travels: INTERPOL's I-24/7, the diplomatic channel, or a mutual legal assistance
    treaty's central authorities."""

    INTERPOL = "interpol"
    DIPLOMATIC = "diplomatic"
    MLAT = "mlat"


class MessageType(StrEnum):
    INFORMATION_REQUEST = "information_request"
    LOCATE_REQUEST = "locate_request"
    PROVISIONAL_ARREST_REQUEST = "provisional_arrest_request"
    EXTRADITION_REQUEST = "extradition_request"
    MLA_REQUEST = "mla_request"
    ANSWER = "answer"
    HIT_NOTIFICATION = "hit_notification"
    ARREST_NOTIFICATION = "arrest_notification"
    CASE_NOTIFICATION = "case_notification"  # an extradition case's outcome, for the notice's owner

    @property
    def is_request(self) -> bool:
        """A request expects an answer (and may have a deadline)."""
        return self in _REQUESTS

    @property
    def channels(self) -> frozenset[Channel]:
        """The channels this type may use: a formal extradition request goes through the diplomatic channel
        (or a treaty's central authorities), a mutual legal assistance request through the treaty's central
        authorities (or the diplomatic channel); the rest may use any, INTERPOL's first."""
        return _CHANNELS.get(self, frozenset(Channel))

    def check_channel(self, channel: Channel) -> None:
        if channel not in self.channels:
            allowed = ", ".join(sorted(c.value for c in self.channels))
            raise ValidationError(f"a {self.value} cannot go through the {channel.value} channel (allowed: {allowed})",
                                  field="channel")


_REQUESTS = frozenset({MessageType.INFORMATION_REQUEST, MessageType.LOCATE_REQUEST,
                       MessageType.PROVISIONAL_ARREST_REQUEST, MessageType.EXTRADITION_REQUEST,
                       MessageType.MLA_REQUEST})
_CHANNELS = {MessageType.EXTRADITION_REQUEST: frozenset({Channel.DIPLOMATIC, Channel.MLAT}),
             MessageType.MLA_REQUEST: frozenset({Channel.MLAT, Channel.DIPLOMATIC})}


class MessageStatus(StrEnum):
    DRAFT = "draft"
    SENT = "sent"
    RECEIVED = "received"  # arrived from another instance, or entered as received by another channel
    ACKNOWLEDGED = "acknowledged"
    ANSWERED = "answered"
    CLOSED = "closed"

    @property
    def is_open(self) -> bool:
        """Sent or received and not yet answered or closed: waiting for the recipient."""
        return self in (MessageStatus.SENT, MessageStatus.RECEIVED, MessageStatus.ACKNOWLEDGED)

    def check_transition(self, target: MessageStatus) -> None:
        allowed = _TRANSITIONS[self]
        if target not in allowed:
            options = ", ".join(sorted(s.value for s in allowed)) or "none: the message is closed"
            raise IllegalTransition(f"a message cannot go from {self.value} to {target.value} "
                                    f"(allowed from {self.value}: {options})", field="status")


_TRANSITIONS: dict[MessageStatus, frozenset[MessageStatus]] = {
    MessageStatus.DRAFT: frozenset({MessageStatus.SENT, MessageStatus.CLOSED}),
    MessageStatus.SENT: frozenset({MessageStatus.ACKNOWLEDGED, MessageStatus.ANSWERED, MessageStatus.CLOSED}),
    MessageStatus.RECEIVED: frozenset({MessageStatus.ACKNOWLEDGED, MessageStatus.ANSWERED, MessageStatus.CLOSED}),
    MessageStatus.ACKNOWLEDGED: frozenset({MessageStatus.ANSWERED, MessageStatus.CLOSED}),
    MessageStatus.ANSWERED: frozenset({MessageStatus.CLOSED}),
    MessageStatus.CLOSED: frozenset(),
}


class MessageAction(StrEnum):
    CREATE = "create"  # a draft written here
    RECEIVE = "receive"  # a message that came from elsewhere
    SEND = "send"
    ACKNOWLEDGE = "acknowledge"
    ANSWER = "answer"
    CLOSE = "close"

    @property
    def target(self) -> MessageStatus:
        return _ACTION_TARGET[self]


_ACTION_TARGET = {MessageAction.CREATE: MessageStatus.DRAFT, MessageAction.RECEIVE: MessageStatus.RECEIVED,
                  MessageAction.SEND: MessageStatus.SENT, MessageAction.ACKNOWLEDGE: MessageStatus.ACKNOWLEDGED,
                  MessageAction.ANSWER: MessageStatus.ANSWERED, MessageAction.CLOSE: MessageStatus.CLOSED}


@dataclass(frozen=True)
class Party:
    """A bureau (``JP``), or a domestic agency reached through its bureau (``JP:JP-TOKYO-MPD``)."""

    bureau: str
    agency: str | None = None

    def __str__(self) -> str:
        return f"{self.bureau}:{self.agency}" if self.agency else self.bureau

    @classmethod
    def parse(cls, text: Any, field: str = "recipient") -> Party:
        """``JP``, ``bureau:JP``, ``JP:AGENCY-ID`` or ``agency:JP:AGENCY-ID``; an unknown bureau is refused."""
        if not isinstance(text, str) or not text.strip():
            raise ValidationError("a party is a bureau (JP) or an agency through its bureau (JP:AGENCY-ID)",
                                  field=field)
        parts = text.strip().split(":")
        if parts[0].lower() in ("bureau", "agency") and len(parts) > 1:
            parts = parts[1:]
        if len(parts) > 2 or (len(parts) == 2 and not _AGENCY.match(parts[1])):
            raise ValidationError(f"{text!r} is not a party: expected JP or JP:AGENCY-ID", field=field)
        try:
            bureau = validate_country(parts[0], field=field)
        except ValidationError:
            raise ValidationError(f"unknown bureau {parts[0]!r} in {text!r}", field=field) from None
        if not is_member(bureau):
            raise ValidationError(f"{bureau} is not an INTERPOL member country, so it has no bureau to write to",
                                  field=field)
        return cls(bureau, parts[1] if len(parts) == 2 else None)


@dataclass(frozen=True)
class Attachment:
    """A file sent with a message: its metadata here, its bytes stored apart under their SHA-256."""

    name: str
    media_type: str
    sha256: str
    size: int

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "media_type": self.media_type, "sha256": self.sha256, "size": self.size}


def check_attachment(name: str, media_type: str, data: bytes, *, sha256: str | None = None,
                     max_bytes: int, field: str = "attachments[0]") -> Attachment:
    """An attachment for ``data``: a plain file name, a media type, at most ``max_bytes``, and (when the sender
    states one) the SHA-256 the bytes really have."""
    clean = (name or "").strip()
    if not clean or len(clean) > NAME_MAX or any(c in clean for c in "/\\") or clean in (".", "..") \
            or any(ord(c) < 32 or ord(c) == 127 for c in clean):
        raise ValidationError(f"{name!r} is not a file name (1-{NAME_MAX} characters, no folders)",
                              field=f"{field}.name")
    kind = (media_type or "").strip().lower()
    if not _MEDIA_TYPE.match(kind):
        raise ValidationError(f"{media_type!r} is not a media type such as application/pdf",
                              field=f"{field}.media_type")
    if len(data) > max_bytes:
        raise ValidationError(f"{clean} has {len(data):,} bytes; an attachment may have at most {max_bytes:,}",
                              field=f"{field}.data")
    if not data:
        raise ValidationError(f"{clean} is empty", field=f"{field}.data")
    actual = hashlib.sha256(data).hexdigest()
    if sha256 is not None and sha256.strip().lower() != actual:
        raise ValidationError(f"{clean}: the SHA-256 stated ({sha256.strip()[:16]}...) is not that of the bytes "
                              f"sent ({actual[:16]}...): the file was changed or cut short", field=f"{field}.sha256")
    return Attachment(clean, kind, actual, len(data))


@dataclass(frozen=True)
class CarriedRestriction:
    """The restriction of data a message carries (a linked notice's, a parent message's): which countries may
    see it, besides its owner, who always may."""

    source: str  # notice:2026/00001
    owner: str
    restriction: Restriction = Restriction()
    addressees: tuple[str, ...] = ()  # a diffusion's chosen countries

    @classmethod
    def of_notice(cls, notice: Notice) -> CarriedRestriction:
        return cls(f"notice:{notice.entity_id}", notice.owner, notice.restriction, tuple(notice.addressees))

    @property
    def is_open(self) -> bool:
        return self.restriction.mode is RestrictionMode.NONE and not self.addressees

    def permits(self, country: str) -> bool:
        if country == self.owner:
            return True
        return self.restriction.permits(country) and (not self.addressees or country in self.addressees)

    def describe(self) -> str:
        r = self.restriction
        parts = []
        if r.mode is RestrictionMode.DENY:
            parts.append(f"not to {', '.join(sorted(r.countries))}")
        elif r.mode is RestrictionMode.ALLOW:
            parts.append(f"only to {', '.join(sorted(r.countries))}")
        if self.addressees:
            parts.append(f"addressed only to {', '.join(self.addressees)}")
        return f"{self.owner}, the owner of {self.source}, lets it go {' and '.join(parts) or 'to every country'}"

    def to_dict(self) -> dict[str, Any]:
        return {"source": self.source, "owner": self.owner, "mode": self.restriction.mode.value,
                "countries": sorted(self.restriction.countries), "addressees": list(self.addressees)}

    @classmethod
    def from_dict(cls, doc: Mapping[str, Any], field: str) -> CarriedRestriction:
        try:
            restriction = Restriction(RestrictionMode(doc.get("mode", "none")),
                                      frozenset(validate_country(c, field=f"{field}.countries")
                                                for c in doc.get("countries") or ()))
            return cls(str(doc["source"]), validate_country(str(doc["owner"]), field=f"{field}.owner"), restriction,
                       tuple(validate_country(c, field=f"{field}.addressees") for c in doc.get("addressees") or ()))
        except (KeyError, ValueError, TypeError) as exc:
            raise ValidationError(f"not a restriction: {exc}", field=field) from None


def merge_restrictions(*groups: tuple[CarriedRestriction, ...]) -> tuple[CarriedRestriction, ...]:
    """Every restriction of every group once, open ones dropped (they exclude no one)."""
    seen: dict[str, CarriedRestriction] = {}
    for group in groups:
        for r in group:
            if not r.is_open:
                seen.setdefault(r.source, r)
    return tuple(seen.values())


@dataclass(frozen=True)
class Message:
    id: str
    type: MessageType
    channel: Channel
    sender: Party
    recipients: tuple[Party, ...]
    subject: str
    body: str = ""
    status: MessageStatus = MessageStatus.DRAFT
    notices: tuple[str, ...] = ()  # entity_ids of linked notices
    persons: tuple[str, ...] = ()  # names of the persons concerned, as written
    cases: tuple[str, ...] = ()  # linked extradition cases (and operations)
    attachments: tuple[Attachment, ...] = ()
    deadline: date | None = None
    reminder_days: tuple[int, ...] = DEFAULT_REMINDER_DAYS
    parent: str | None = None
    thread: str = ""  # the id of the thread's first message (its own id for a first message)
    restrictions: tuple[CarriedRestriction, ...] = ()
    created_at: datetime | None = None
    created_by: str = ""
    sent_at: datetime | None = None
    received_at: datetime | None = None
    acknowledged_at: datetime | None = None
    answered_at: datetime | None = None
    closed_at: datetime | None = None

    def __post_init__(self) -> None:
        check_id("message", self.id, "id")
        if not self.thread:
            object.__setattr__(self, "thread", self.id)
        if not self.subject.strip():
            raise ValidationError("a message needs a subject line", field="subject", record=self.id)
        if len(self.subject) > SUBJECT_MAX:
            raise ValidationError(f"a subject line may have at most {SUBJECT_MAX} characters", field="subject",
                                  record=self.id)
        if len(self.body) > BODY_MAX:
            raise ValidationError(f"a message body may have at most {BODY_MAX:,} characters", field="body",
                                  record=self.id)
        if not self.recipients:
            raise ValidationError("a message needs at least one recipient", field="recipients", record=self.id)
        for i, r in enumerate(self.recipients):
            if r == self.sender:
                raise ValidationError(f"{r} is the sender", field=f"recipients[{i}]", record=self.id)
        if len(set(self.recipients)) != len(self.recipients):
            raise ValidationError("a recipient is named twice", field="recipients", record=self.id)
        self.type.check_channel(self.channel)
        if self.type is MessageType.ANSWER and not self.parent:
            raise ValidationError("an answer answers a message: give its parent", field="parent", record=self.id)
        if self.deadline is not None and not self.type.is_request:
            raise ValidationError(f"only a request has a deadline, not a {self.type.value}", field="deadline",
                                  record=self.id)
        for i, d in enumerate(self.reminder_days):
            if not 0 < d <= 366:
                raise ValidationError(f"a reminder comes 1 to 366 days before the deadline, not {d}",
                                      field=f"reminder_days[{i}]", record=self.id)
        for i, n in enumerate(self.notices):
            if not ENTITY_ID.match(n):
                raise ValidationError(f"{n!r} is not a notice id (YYYY/NNNNN)", field=f"notices[{i}]", record=self.id)
        for i, c in enumerate(self.cases):
            if not _CASE_OR_OPERATION.match(c):
                raise ValidationError(f"{c!r} is not a case or operation id (e.g. JP-2026-E00001)",
                                      field=f"cases[{i}]", record=self.id)
        names = [a.name for a in self.attachments]
        if len(set(names)) != len(names):
            raise ValidationError("two attachments have the same name", field="attachments", record=self.id)

    @property
    def bureaus(self) -> frozenset[str]:
        """The bureaus taking part: the sender's and the recipients'."""
        return frozenset({self.sender.bureau, *(r.bureau for r in self.recipients)})

    def involves(self, country: str | None) -> bool:
        return country is not None and country in self.bureaus

    def permits(self, country: str) -> bool:
        return all(r.permits(country) for r in self.restrictions)

    def check_recipients(self) -> None:
        """Refuse, naming its field, the first recipient a carried restriction excludes."""
        for i, party in enumerate(self.recipients):
            for r in self.restrictions:
                if not r.permits(party.bureau):
                    raise ValidationError(f"{party} may not receive this message: {r.describe()}",
                                          field=f"recipients[{i}]", record=self.id)

    def reminders_on(self, today: date) -> Reminder | None:
        """The reminder due on ``today`` for an open request with a deadline: on each of ``reminder_days``
        before it, on the day itself, and every day once it has passed."""
        if self.deadline is None or not self.status.is_open:
            return None
        days_left = (self.deadline - today).days
        if days_left < 0:
            return Reminder(self.id, self.deadline, days_left, "overdue")
        if days_left == 0:
            return Reminder(self.id, self.deadline, 0, "due today")
        if days_left in self.reminder_days:
            return Reminder(self.id, self.deadline, days_left, f"due in {days_left} days")
        return None

    def content(self) -> dict[str, Any]:
        """What the sender says (and will sign): everything but the local status and its dates."""
        return {
            "id": self.id, "type": self.type.value, "channel": self.channel.value, "sender": str(self.sender),
            "recipients": [str(r) for r in self.recipients], "subject": self.subject, "body": self.body,
            "notices": list(self.notices), "persons": list(self.persons), "cases": list(self.cases),
            "attachments": [a.to_dict() for a in self.attachments],
            "deadline": self.deadline.isoformat() if self.deadline else None,
            "reminder_days": list(self.reminder_days), "parent": self.parent, "thread": self.thread,
            "restrictions": [r.to_dict() for r in self.restrictions],
            "created_at": _iso(self.created_at), "sent_at": _iso(self.sent_at),
        }

    def to_dict(self) -> dict[str, Any]:
        """The whole message as stored and shown: its content, status and dates."""
        return self.content() | {
            "status": self.status.value, "created_by": self.created_by, "received_at": _iso(self.received_at),
            "acknowledged_at": _iso(self.acknowledged_at), "answered_at": _iso(self.answered_at),
            "closed_at": _iso(self.closed_at)}


def canonical_json(message: Message) -> bytes:
    """The canonical bytes of a message's content: sorted keys, no spaces, UTF-8."""
    return json.dumps(message.content(), sort_keys=True, separators=(",", ":"), ensure_ascii=False,
                      allow_nan=False).encode("utf-8")


def content_digest(message: Message) -> str:
    """The SHA-256 of the canonical content: the same message, stored twice, has the same digest."""
    return hashlib.sha256(canonical_json(message)).hexdigest()


def message_from_dict(doc: Mapping[str, Any]) -> Message:
    """The exact inverse of :meth:`Message.to_dict` (and reads :meth:`Message.content`, a message as sent);
    ``ValidationError`` names the field at fault."""
    if not isinstance(doc, Mapping):
        raise ValidationError("a message is a JSON object", field="message")

    def enum(cls: Any, key: str, default: Any = None) -> Any:
        value = doc.get(key, default)
        try:
            return cls(value)
        except ValueError:
            raise ValidationError(f"{value!r} is not one of {', '.join(m.value for m in cls)}", field=key) from None

    def texts(key: str) -> tuple[str, ...]:
        value = doc.get(key) or []
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ValidationError("must be a list of texts", field=key)
        return tuple(value)

    attachments = []
    for i, a in enumerate(doc.get("attachments") or []):
        where = f"attachments[{i}]"
        if not isinstance(a, Mapping) or not isinstance(a.get("sha256"), str) or not _SHA256.match(a["sha256"]) \
                or not isinstance(a.get("size"), int) or a["size"] < 0:
            raise ValidationError("an attachment has a name, a media_type, a sha256 (64 hex digits) and a size",
                                  field=where)
        attachments.append(Attachment(str(a.get("name")), str(a.get("media_type")), a["sha256"], a["size"]))
    recipients = tuple(Party.parse(r, f"recipients[{i}]") for i, r in enumerate(doc.get("recipients") or []))
    reminder_days = doc.get("reminder_days", list(DEFAULT_REMINDER_DAYS))
    if not isinstance(reminder_days, list) or not all(isinstance(d, int) for d in reminder_days):
        raise ValidationError("must be a list of whole numbers of days", field="reminder_days")
    return Message(
        id=check_id("message", str(doc.get("id") or ""), "id"), type=enum(MessageType, "type"),
        channel=enum(Channel, "channel", Channel.INTERPOL.value), sender=Party.parse(doc.get("sender"), "sender"),
        recipients=recipients, subject=str(doc.get("subject") or ""), body=str(doc.get("body") or ""),
        status=enum(MessageStatus, "status", MessageStatus.DRAFT.value), notices=texts("notices"),
        persons=texts("persons"), cases=texts("cases"), attachments=tuple(attachments),
        deadline=_date(doc.get("deadline"), "deadline"), reminder_days=tuple(reminder_days),
        parent=doc.get("parent") or None, thread=str(doc.get("thread") or ""),
        restrictions=tuple(CarriedRestriction.from_dict(r, f"restrictions[{i}]")
                           for i, r in enumerate(doc.get("restrictions") or [])),
        created_at=_datetime(doc.get("created_at"), "created_at"), created_by=str(doc.get("created_by") or ""),
        sent_at=_datetime(doc.get("sent_at"), "sent_at"), received_at=_datetime(doc.get("received_at"), "received_at"),
        acknowledged_at=_datetime(doc.get("acknowledged_at"), "acknowledged_at"),
        answered_at=_datetime(doc.get("answered_at"), "answered_at"),
        closed_at=_datetime(doc.get("closed_at"), "closed_at"))


@dataclass(frozen=True)
class Reminder:
    message_id: str
    deadline: date
    days_left: int
    label: str


@dataclass(frozen=True)
class MessageEvent:
    """One recorded change of a message: who, when, what. Appended, never overwritten."""

    message_id: str
    action: MessageAction
    from_status: MessageStatus | None
    to_status: MessageStatus
    actor: str
    at: datetime
    note: str | None = None


def check_deadline(deadline: date | None, today: date) -> None:
    if deadline is not None and deadline < today:
        raise ValidationError(f"the deadline {deadline.isoformat()} has passed (today is {today.isoformat()})",
                              field="deadline")


def creation(message: Message, *, actor: str, now: datetime) -> MessageEvent:
    action = MessageAction.RECEIVE if message.status is MessageStatus.RECEIVED else MessageAction.CREATE
    return MessageEvent(message.id, action, None, message.status, actor, now)


def can_apply(message: Message, action: MessageAction) -> bool:
    """Whether the message's status allows ``action`` (that :func:`apply_action` would not refuse it)."""
    if action in (MessageAction.CREATE, MessageAction.RECEIVE):
        return False
    if action is MessageAction.ANSWER and message.status is MessageStatus.ANSWERED:
        return True
    return action.target in _TRANSITIONS[message.status]


def apply_action(message: Message, action: MessageAction, *, actor: str, now: datetime,
                 note: str | None = None) -> tuple[Message, MessageEvent]:
    """The message after ``action`` and the event to append; ``IllegalTransition`` when its status does not
    allow it. Answering a message already answered records the answer and keeps the status."""
    if not actor.strip():
        raise ValidationError("every change needs the actor who made it", field="actor", record=message.id)
    if action in (MessageAction.CREATE, MessageAction.RECEIVE):
        raise IllegalTransition(f"{action.value} makes a new message; it does not change one", record=message.id)
    target = action.target
    note = (note or "").strip() or None
    if action is MessageAction.ANSWER and message.status is MessageStatus.ANSWERED:
        return message, MessageEvent(message.id, action, message.status, message.status, actor, now, note)
    try:
        message.status.check_transition(target)
    except IllegalTransition as exc:
        exc.record = message.id
        raise
    if action is MessageAction.SEND:
        changed = replace(message, status=target, sent_at=now)
    elif action is MessageAction.ACKNOWLEDGE:
        changed = replace(message, status=target, acknowledged_at=now)
    elif action is MessageAction.ANSWER:
        changed = replace(message, status=target, answered_at=now)
    else:
        changed = replace(message, status=target, closed_at=now)
    return changed, MessageEvent(message.id, action, message.status, target, actor, now, note)


def reply(parent: Message, *, id: str, sender: Party, subject: str | None = None, body: str = "",
          type: MessageType = MessageType.ANSWER, notices: tuple[str, ...] = (),
          extra_restrictions: tuple[CarriedRestriction, ...] = (), attachments: tuple[Attachment, ...] = (),
          created_by: str = "", now: datetime | None = None) -> Message:
    """A draft reply to ``parent`` from one of its recipients, to its sender, on its channel, in its thread,
    carrying its restrictions."""
    if sender.bureau not in {r.bureau for r in parent.recipients}:
        raise ValidationError(f"{sender} is not a recipient of {parent.id}", field="sender", record=parent.id)
    channel = parent.channel if parent.channel in type.channels else sorted(type.channels)[0]
    return Message(id=id, type=type, channel=channel, sender=sender, recipients=(parent.sender,),
                   subject=subject or (parent.subject if parent.subject.startswith("Re: ") else f"Re: {parent.subject}"
                                       )[:SUBJECT_MAX],
                   body=body, notices=tuple(dict.fromkeys(parent.notices + notices)), persons=parent.persons,
                   cases=parent.cases, attachments=attachments, parent=parent.id, thread=parent.thread,
                   restrictions=merge_restrictions(parent.restrictions, extra_restrictions), created_at=now,
                   created_by=created_by)


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


def _date(value: Any, field: str) -> date | None:
    if value in (None, ""):
        return None
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise ValidationError(f"{value!r} is not a date (YYYY-MM-DD)", field=field) from None


def _datetime(value: Any, field: str) -> datetime | None:
    if value in (None, ""):
        return None
    if isinstance(value, datetime):
        return value
    try:
        return datetime.fromisoformat(str(value))
    except ValueError:
        raise ValidationError(f"{value!r} is not a date and time (ISO 8601)", field=field) from None
