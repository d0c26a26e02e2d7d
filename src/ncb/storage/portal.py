"""The SQL stores of the portal: news items and tips."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from sqlalchemy import Connection, func, insert, select, update
from sqlalchemy.sql.elements import ColumnElement

from ncb.domain.news import NewsItem
from ncb.domain.tips import Tip
from ncb.storage.dialect import as_utc, contains
from ncb.storage.tables import news_items, tips

_n = news_items.c
_t = tips.c


def _delimited(values: tuple[str, ...]) -> str:
    return "," + ",".join(values) + "," if values else ""


def _split(value: str) -> tuple[str, ...]:
    return tuple(v for v in value.split(",") if v)


def _news_row(item: NewsItem) -> dict[str, Any]:
    return {"bureau": item.bureau, "published_on": item.published_on, "title_en": item.title_en,
            "title_ja": item.title_ja, "body_en": item.body_en, "body_ja": item.body_ja,
            "countries": _delimited(item.countries), "notices": _delimited(item.notices),
            "created_by": item.created_by, "created_at": item.created_at, "updated_at": item.updated_at}


def _news(row: Any) -> NewsItem:
    return NewsItem(bureau=row.bureau, published_on=row.published_on, title_en=row.title_en, title_ja=row.title_ja,
                    body_en=row.body_en, body_ja=row.body_ja, countries=_split(row.countries),
                    notices=_split(row.notices), created_by=row.created_by, created_at=as_utc(row.created_at),
                    updated_at=as_utc(row.updated_at), id=row.id)


class SqlNewsRepository:
    def __init__(self, conn: Connection) -> None:
        self.conn = conn

    def add(self, item: NewsItem) -> NewsItem:
        new_id = self.conn.execute(insert(news_items).values(**_news_row(item)).returning(_n.id)).scalar_one()
        return replace(item, id=int(new_id))

    def save(self, item: NewsItem) -> None:
        assert item.id is not None
        self.conn.execute(update(news_items).where(_n.id == item.id).values(**_news_row(item)))

    def get(self, item_id: int) -> NewsItem | None:
        row = self.conn.execute(select(news_items).where(_n.id == item_id)).first()
        return _news(row) if row else None

    def find(self, *, country: str | None = None, bureau: str | None = None, offset: int = 0,
             limit: int = 20) -> tuple[int, list[NewsItem]]:
        """(how many match, one page of them), newest first; ``country``: the items that concern it (or whose
        bureau is that country's)."""
        q = select(news_items)
        counted = select(func.count()).select_from(news_items)
        conditions: list[ColumnElement[bool]] = []
        if country:
            code = country.upper()
            conditions.append(contains(self.conn.dialect.name, _n.countries, f",{code},") | (_n.bureau == code))
        if bureau:
            conditions.append(_n.bureau == bureau)
        for condition in conditions:
            q = q.where(condition)
            counted = counted.where(condition)
        total = int(self.conn.execute(counted).scalar_one())
        rows = self.conn.execute(q.order_by(_n.published_on.desc(), _n.id.desc()).offset(offset).limit(limit))
        return total, [_news(r) for r in rows]


def _tip(row: Any) -> Tip:
    return Tip(reference=row.reference, bureau=row.bureau, entity_id=row.entity_id, message=row.message,
               contact=row.contact, language=row.language, received_at=as_utc(row.received_at), id=row.id)


class SqlTipRepository:
    def __init__(self, conn: Connection) -> None:
        self.conn = conn

    def add(self, tip: Tip) -> Tip:
        new_id = self.conn.execute(insert(tips).values(
            reference=tip.reference, bureau=tip.bureau, entity_id=tip.entity_id, message=tip.message,
            contact=tip.contact, language=tip.language, received_at=tip.received_at).returning(_t.id)).scalar_one()
        return replace(tip, id=int(new_id))

    def get(self, reference: str) -> Tip | None:
        row = self.conn.execute(select(tips).where(_t.reference == reference)).first()
        return _tip(row) if row else None

    def for_bureau(self, bureau: str, *, entity_id: str | None = None, limit: int = 100,
                   offset: int = 0) -> list[Tip]:
        q = select(tips).where(_t.bureau == bureau)
        if entity_id:
            q = q.where(_t.entity_id == entity_id)
        return [_tip(r) for r in self.conn.execute(q.order_by(_t.received_at.desc(), _t.id.desc())
                                                   .offset(offset).limit(limit))]

    def count(self) -> int:
        return int(self.conn.execute(select(func.count()).select_from(tips)).scalar_one())
