"""News items: officers write them (in Japanese and English), the portal lists and shows them.

Writing needs ``Permission.WRITE_NOTICES`` and a bureau; an item belongs to the bureau of the officer who wrote it,
and only that bureau's officers may edit it. Reading is public: news items hold nothing but what a bureau chose to
publish.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from ncb.domain.access import ViewerKind
from ncb.domain.identity import Actor, Permission
from ncb.domain.news import NewsItem, news_from_dict
from ncb.errors import NotFound, PermissionDenied, ValidationError
from ncb.services.ports import UnitOfWork


def _writer(actor: Actor) -> str:
    actor.require(Permission.WRITE_NOTICES, "write news")
    if actor.viewer.kind is not ViewerKind.BUREAU or actor.viewer.country is None:
        raise PermissionDenied("only a bureau's officers write its news")
    return actor.viewer.country


def create_news(doc: Mapping[str, Any], uow: UnitOfWork, *, actor: Actor, now: datetime) -> NewsItem:
    bureau = _writer(actor)
    item = news_from_dict(doc, bureau=bureau, author=actor.name, now=now)
    with uow:
        stored = uow.news.add(item)
        uow.commit()
    return stored


def edit_news(item_id: int, doc: Mapping[str, Any], uow: UnitOfWork, *, actor: Actor, now: datetime) -> NewsItem:
    bureau = _writer(actor)
    with uow:
        current = uow.news.get(item_id)
        if current is None:
            raise NotFound(f"no news item {item_id}", record=str(item_id))
        if current.bureau != bureau:
            raise PermissionDenied(f"only the bureau that wrote it ({current.bureau}) may edit it",
                                   record=str(item_id))
        item = news_from_dict(doc, bureau=bureau, author=actor.name, now=now, current=current)
        uow.news.save(item)
        uow.commit()
    return item


def get_news(item_id: int, uow: UnitOfWork) -> NewsItem:
    with uow:
        item = uow.news.get(item_id)
    if item is None:
        raise NotFound(f"no news item {item_id}", record=str(item_id))
    return item


def list_news(uow: UnitOfWork, *, country: str | None = None, bureau: str | None = None, page: int = 1,
              per_page: int = 20) -> tuple[int, list[NewsItem]]:
    """(total, the items of ``page``), newest first."""
    if page < 1:
        raise ValidationError(f"page must be 1 or more, not {page}", field="page")
    if not 1 <= per_page <= 200:
        raise ValidationError(f"per_page must be between 1 and 200, not {per_page}", field="per_page")
    with uow:
        return uow.news.find(country=country, bureau=bureau, offset=(page - 1) * per_page, limit=per_page)
