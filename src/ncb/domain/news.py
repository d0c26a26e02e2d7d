"""News items of a bureau ("in action"), written by its officers in Japanese and English.

A news item has a title and a body in each language (the body in Markdown, rendered safely by the portal), the
day it is dated, the countries it concerns and the notices it links to. :func:`news_from_dict` validates what an
officer sends (the internal API's JSON, the CLI's options) and names the field that is wrong.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import Any

from ncb.domain.countries import validate_country
from ncb.domain.notices import ENTITY_ID
from ncb.errors import ValidationError

TITLE_MAX = 200
BODY_MAX = 20_000


@dataclass(frozen=True)
class NewsItem:
    """One news item; ``id`` is ``None`` until stored."""

    bureau: str
    published_on: date
    title_en: str
    title_ja: str
    body_en: str  # Markdown
    body_ja: str  # Markdown
    countries: tuple[str, ...] = ()
    notices: tuple[str, ...] = ()  # entity_ids of the notices it is about
    created_by: str = ""
    created_at: datetime | None = None
    updated_at: datetime | None = None
    id: int | None = None

    def title(self, locale: str) -> str:
        return self.title_ja if locale == "ja" else self.title_en

    def body(self, locale: str) -> str:
        return self.body_ja if locale == "ja" else self.body_en

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "bureau": self.bureau, "published_on": self.published_on.isoformat(),
                "title_en": self.title_en, "title_ja": self.title_ja, "body_en": self.body_en,
                "body_ja": self.body_ja, "countries": list(self.countries), "notices": list(self.notices),
                "created_by": self.created_by,
                "created_at": self.created_at.isoformat() if self.created_at else None,
                "updated_at": self.updated_at.isoformat() if self.updated_at else None}


def _text(doc: Mapping[str, Any], key: str, limit: int) -> str:
    value = doc.get(key)
    if not isinstance(value, str) or not value.strip():
        raise ValidationError(f"{key} is required (a non-empty text)", field=key)
    value = value.strip()
    if len(value) > limit:
        raise ValidationError(f"{key} is {len(value)} characters long; at most {limit} are allowed", field=key)
    return value


def _codes(doc: Mapping[str, Any], key: str) -> list[Any]:
    value = doc.get(key) or []
    if isinstance(value, str):
        value = [v for v in re.split(r"[,\s]+", value) if v]
    if not isinstance(value, list | tuple):
        raise ValidationError(f"{key} must be a list", field=key)
    return list(value)


def news_from_dict(doc: Mapping[str, Any], *, bureau: str, author: str, now: datetime,
                   current: NewsItem | None = None) -> NewsItem:
    """A news item from an officer's JSON: ``title_en``, ``title_ja``, ``body_en``, ``body_ja`` (required),
    ``published_on`` (``YYYY-MM-DD``, default today), ``countries`` and ``notices`` (lists or comma-separated).
    Editing passes ``current``: fields not given keep their value."""
    base: dict[str, Any] = current.to_dict() if current else {}
    merged = {**base, **{k: v for k, v in doc.items() if v is not None}}
    raw_day = merged.get("published_on")
    if raw_day in (None, ""):
        day = now.date()
    elif isinstance(raw_day, date):
        day = raw_day
    else:
        try:
            day = date.fromisoformat(str(raw_day))
        except ValueError:
            raise ValidationError(f"published_on must be a date YYYY-MM-DD, not {raw_day!r}",
                                  field="published_on") from None
    countries = tuple(dict.fromkeys(validate_country(str(c), field="countries") for c in _codes(merged, "countries")))
    notices: list[str] = []
    for raw in _codes(merged, "notices"):
        entity_id = str(raw).strip().replace("-", "/", 1) if "/" not in str(raw) else str(raw).strip()
        if not ENTITY_ID.match(entity_id):
            raise ValidationError(f"{raw!r} is not a notice id such as 2024/12345", field="notices")
        notices.append(entity_id)
    item = NewsItem(bureau=bureau, published_on=day,
                    title_en=_text(merged, "title_en", TITLE_MAX), title_ja=_text(merged, "title_ja", TITLE_MAX),
                    body_en=_text(merged, "body_en", BODY_MAX), body_ja=_text(merged, "body_ja", BODY_MAX),
                    countries=countries, notices=tuple(dict.fromkeys(notices)), created_by=author,
                    created_at=now, updated_at=now)
    if current is not None:
        item = replace(item, id=current.id, bureau=current.bureau, created_by=current.created_by,
                       created_at=current.created_at)
    return item
