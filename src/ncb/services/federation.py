"""Federation use cases: partners and their pinned keys, sending through the outbox, delivering with retries,
and receiving (verify, refuse replays, process once, in one transaction).

Sending never talks to the network: :func:`enqueue` writes the signed envelope to the outbox in the same
transaction as the act that sends it, and :func:`deliver_due` (the server's background loop, or
``ncb federation deliver``) posts what is due and records the answer. A partner that is down is retried
with back-off until it answers; the receiver processes each envelope id once, so a delivery retried after a
lost answer is harmless ("none twice").
"""

from __future__ import annotations

import base64
import json
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Any, Protocol

from ncb.domain.access import Viewer, can_view
from ncb.domain.countries import validate_country
from ncb.domain.documents import notice_from_dict, notice_to_dict
from ncb.domain.federation import (
    Envelope,
    EnvelopeKind,
    LocalInstance,
    OutboxItem,
    Partner,
    backoff,
    check_incoming,
    check_not_conflicting,
    sign,
)
from ncb.domain.identity import Actor, Permission, Role
from ncb.domain.notices import Action, NoticeStatus, Transition
from ncb.domain.screening import QueuedHit
from ncb.errors import NotFound, PermissionDenied, ValidationError
from ncb.services.ports import UnitOfWork

DEFAULT_MAX_AGE = timedelta(days=7)


class Transport(Protocol):
    def __call__(self, url: str, body: dict[str, Any]) -> tuple[int, str]:
        """POST ``body`` as JSON; the status and the text of the answer. Raises ``OSError`` when the partner
        cannot be reached."""
        ...


@dataclass(frozen=True)
class DeliveryReport:
    delivered: int
    failed: int
    errors: tuple[str, ...] = ()


# -- partners -------------------------------------------------------------------------------------------------
def add_partner(uow: UnitOfWork, *, actor: Actor, code: str, base_url: str, public_key: str,
                now: datetime) -> Partner:
    """Pin a partner's key (replacing what was pinned for that bureau)."""
    actor.require(Permission.MANAGE_SYSTEM, "adding a federation partner")
    partner = Partner(validate_country(code, field="code"), base_url.strip(), public_key.strip(), now, actor.name)
    with uow:
        uow.federation.put_partner(partner)
        uow.commit()
    return partner


def remove_partner(uow: UnitOfWork, *, actor: Actor, code: str) -> None:
    actor.require(Permission.MANAGE_SYSTEM, "removing a federation partner")
    with uow:
        if not uow.federation.remove_partner(code.upper()):
            raise NotFound(f"no partner {code}", field="code")
        uow.commit()


def list_partners(uow: UnitOfWork) -> list[Partner]:
    with uow:
        return uow.federation.partners()


# -- sending --------------------------------------------------------------------------------------------------
def enqueue(uow: UnitOfWork, *, sender: str, recipient: str, kind: EnvelopeKind, payload: dict[str, Any],
            now: datetime, local: LocalInstance | None = None) -> Envelope:
    """Put an envelope in the outbox, inside the caller's transaction (the caller commits). It is signed now
    when this instance's key is at hand (``local``), else when it is delivered."""
    if uow.federation.partner(recipient) is None:
        raise ValidationError(f"{recipient} is not a partner of this bureau: add it first "
                              "(ncb federation add-partner)", field="recipient")
    envelope = Envelope.new(sender=sender, recipient=recipient, kind=kind, payload=payload, now=now)
    uow.federation.enqueue(envelope, sign(envelope, local.key) if local else "", now)
    return envelope


def send_notice(uow: UnitOfWork, *, actor: Actor, local: LocalInstance, entity_id: str, recipient: str,
                now: datetime) -> Envelope:
    """Send one of this bureau's published notices to a partner, if the notice's restrictions let that
    partner's country see it."""
    actor.require(Permission.EXPORT, "sending a notice to another bureau")
    with uow:
        notice = uow.notices.get(entity_id)
        if notice is None or not can_view(actor.viewer, notice):
            raise NotFound(f"no notice {entity_id}", record=entity_id)
        if notice.owner != local.bureau:
            raise PermissionDenied(f"only the owner bureau ({notice.owner}) sends its notice", record=entity_id)
        if notice.status is not NoticeStatus.PUBLISHED:
            raise ValidationError(f"only a published notice is sent, not a {notice.status.value} one",
                                  record=entity_id)
        if not can_view(Viewer.bureau(recipient), notice):
            raise PermissionDenied(f"the notice's restrictions do not let {recipient} see it", record=entity_id)
        envelope = enqueue(uow, sender=local.bureau, recipient=recipient, kind=EnvelopeKind.NOTICE,
                           payload={"notice": notice_to_dict(notice)}, now=now, local=local)
        uow.commit()
    return envelope


def send_hit(uow: UnitOfWork, *, local: LocalInstance, owner: str, entity_id: str, score: float,
             explanation: dict[str, Any], query: dict[str, Any], now: datetime) -> Envelope:
    """Tell a partner bureau of a hit on its notice (inside the caller's transaction)."""
    return enqueue(uow, sender=local.bureau, recipient=owner, kind=EnvelopeKind.HIT,
                   payload={"entity_id": entity_id, "score": score, "explanation": explanation, "query": query},
                   now=now, local=local)


def deliver_due(uows: Callable[[], UnitOfWork], *, transport: Transport, now: datetime, limit: int = 500,
                parallel: int = 8, retry_cap: timedelta = timedelta(minutes=10),
                local: LocalInstance | None = None) -> DeliveryReport:
    """Post every due envelope (``parallel`` at a time); a 2xx answer (including "duplicate") marks it
    delivered, anything else schedules a retry with back-off (at most ``retry_cap`` apart). The outcomes are
    committed together once the round is over; an envelope posted twice because a round died before that
    commit is harmless (the partner processes each id once)."""
    with uows() as uow:
        due = uow.federation.due(now, limit)
        partners = {p.code: p for p in uow.federation.partners()}
    if not due:
        return DeliveryReport(0, 0)

    def post(item: OutboxItem) -> str | None:
        partner = partners.get(item.recipient)
        try:
            if partner is None:
                raise OSError(f"{item.recipient} is no longer a partner")
            envelope = json.loads(item.envelope)
            signature = item.signature
            if not signature:  # queued by a service without the key at hand: signed on its way out
                if local is None:
                    raise OSError("this envelope is to be signed on delivery and no key was given")
                signature = sign(Envelope.from_json(envelope), local.key)
            status, text = transport(partner.inbox_url, {"envelope": envelope, "signature": signature})
        except OSError as exc:
            return f"unreachable: {exc}"
        return None if 200 <= status < 300 else f"HTTP {status}: {text[:300]}"

    with ThreadPoolExecutor(max(1, min(parallel, len(due)))) as pool:
        outcomes = list(pool.map(post, due))
    errors: list[str] = []
    with uows() as uow:
        for item, error in zip(due, outcomes, strict=True):
            if error is None:
                uow.federation.mark_delivered(item.id, now)
            else:
                uow.federation.mark_failed(item.id, error, now + backoff(item.attempts + 1, cap=retry_cap))
                errors.append(f"{item.id} to {item.recipient}: {error}")
        uow.commit()
    return DeliveryReport(len(due) - len(errors), len(errors), tuple(errors))


# -- receiving ------------------------------------------------------------------------------------------------
def receive(uow: UnitOfWork, *, body: object, me: str, now: datetime,
            max_age: timedelta = DEFAULT_MAX_AGE) -> tuple[str, Envelope]:
    """Check and process one envelope; ``("accepted" | "duplicate", envelope)``. Refusals raise with the
    reason (unknown partner, bad signature, not for us, too old, same id with other content)."""
    if not isinstance(body, dict) or not isinstance(body.get("signature"), str):
        raise ValidationError("expected {\"envelope\": {...}, \"signature\": \"<base64>\"}", field="signature")
    envelope = Envelope.from_json(body.get("envelope"))
    with uow:
        check_incoming(envelope, body["signature"], partner=uow.federation.partner(envelope.sender), me=me, now=now,
                       max_age=max_age)
        if check_not_conflicting(envelope, uow.federation.inbox_digest(envelope.id)):
            return "duplicate", envelope
        outcome = _process(uow, envelope, me, now)
        uow.federation.add_inbox(envelope, now, outcome)
        uow.commit()
    return "accepted", envelope


def _process(uow: UnitOfWork, envelope: Envelope, me: str, now: datetime) -> str:
    if envelope.kind is EnvelopeKind.NOTICE:
        try:
            notice = notice_from_dict(envelope.payload["notice"])
        except (KeyError, TypeError) as exc:
            raise ValidationError(f"a notice envelope carries {{\"notice\": ...}} ({exc})",
                                  field="envelope.payload") from None
        if notice.owner != envelope.sender:
            raise PermissionDenied(f"{envelope.sender} may send only its own notices, not {notice.owner}'s",
                                   record=notice.entity_id)
        stored = uow.notices.get(notice.entity_id)
        if stored is not None and stored.owner != envelope.sender:
            raise PermissionDenied(f"notice {notice.entity_id} here belongs to {stored.owner}", record=notice.entity_id)
        if stored is None:
            uow.notices.add(notice)
        else:
            uow.notices.update(notice)
        uow.notices.add_transition(Transition(notice.entity_id, Action.IMPORT, stored.status if stored else None,
                                              notice.status, f"federation:{envelope.sender}", now,
                                              f"received from {envelope.sender} (envelope {envelope.id})"))
        return f"notice {notice.entity_id} {'updated' if stored else 'added'}"
    if envelope.kind is EnvelopeKind.HIT:
        entity_id = str(envelope.payload.get("entity_id", ""))
        target = uow.notices.get(entity_id)
        if target is None or target.owner != me:
            raise ValidationError(f"no notice {entity_id} of this bureau", field="envelope.payload.entity_id")
        score = envelope.payload.get("score")
        if not isinstance(score, int | float):
            raise ValidationError("needs a number", field="envelope.payload.score")
        uow.hits.add(QueuedHit(None, entity_id, me, envelope.sender, False, dict(envelope.payload.get("query") or {}),
                               float(score), dict(envelope.payload.get("explanation") or {}), now))
        return f"hit on {entity_id} queued"
    if envelope.kind is EnvelopeKind.MESSAGE:
        from ncb.services import cooperation  # which sends through this module

        doc = envelope.payload.get("message")
        if not isinstance(doc, dict):
            raise ValidationError("a message envelope carries {\"message\": ...}", field="envelope.payload.message")
        sender = doc.get("sender")
        if not isinstance(sender, str) or sender.split(":")[0] != envelope.sender:
            raise PermissionDenied(f"{envelope.sender} may send only its own messages", field="envelope.payload")
        files: dict[str, bytes] = {}
        for sha, text in dict(envelope.payload.get("attachments") or {}).items():
            try:
                files[str(sha)] = base64.b64decode(str(text), validate=True)
            except ValueError:
                raise ValidationError("is not base64", field=f"envelope.payload.attachments.{sha}") from None
        desk = Actor(f"federation:{envelope.sender}", Viewer.bureau(me), frozenset({Role.NCB_OFFICER}))
        message, new = cooperation.store_received(doc, uow, actor=desk, now=now, attachments=files)
        return f"message {message.id} {'received' if new else 'already here'}"
    return f"{envelope.kind.value} not handled"


def outbox(uow: UnitOfWork, *, limit: int = 100) -> list[dict[str, Any]]:
    with uow:
        return [replace(item, envelope="").as_dict() for item in uow.federation.recent_outbox(limit)]
