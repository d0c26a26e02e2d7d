"""Tips from the public: sent about a public notice, kept for the bureau that owns it, read by its officers."""

from __future__ import annotations

from datetime import datetime

from ncb.domain.access import Viewer, ViewerKind, can_view
from ncb.domain.identity import Actor, Permission
from ncb.domain.tips import DEFAULT_MESSAGE_MAX, Tip, check_tip, make_reference
from ncb.errors import NotFound, PermissionDenied
from ncb.services.ports import UnitOfWork

PUBLIC = Viewer.public()


def send_tip(entity_id: str, message: str, contact: str | None, uow: UnitOfWork, *, language: str,
             now: datetime, max_chars: int = DEFAULT_MESSAGE_MAX, reference: str | None = None) -> Tip:
    """Keep a tip about a public notice for its owner bureau; :class:`~ncb.domain.tips.TipRefused` (nothing
    stored) for an empty, too long or marked-up message, ``NotFound`` for a notice the public cannot see."""
    text, who = check_tip(message, contact, max_chars=max_chars)
    with uow:
        notice = uow.notices.get(entity_id)
        if notice is None or not can_view(PUBLIC, notice):
            raise NotFound(f"no public notice {entity_id}", record=entity_id)
        tip = Tip(reference=reference or make_reference(notice.owner, now), bureau=notice.owner,
                  entity_id=entity_id, message=text, contact=who, language=language, received_at=now)
        stored = uow.tips.add(tip)
        uow.commit()
    return stored


def list_tips(uow: UnitOfWork, *, actor: Actor, entity_id: str | None = None, limit: int = 100,
              offset: int = 0) -> list[Tip]:
    """The tips sent to the actor's bureau, newest first."""
    actor.require(Permission.READ_NOTICES, "read tips")
    if actor.viewer.kind is not ViewerKind.BUREAU or actor.viewer.country is None:
        raise PermissionDenied("only a bureau's officers read the tips sent to it")
    with uow:
        return uow.tips.for_bureau(actor.viewer.country, entity_id=entity_id, limit=limit, offset=offset)


def get_tip(reference: str, uow: UnitOfWork, *, actor: Actor) -> Tip:
    actor.require(Permission.READ_NOTICES, "read tips")
    with uow:
        tip = uow.tips.get(reference)
    if tip is None or tip.bureau != actor.viewer.country or actor.viewer.kind is not ViewerKind.BUREAU:
        raise NotFound(f"no tip {reference}", record=reference)
    return tip
