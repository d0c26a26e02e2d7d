"""The demo data the portal's tests serve: the seed page (Japan: 2 public Red, 12 public Yellow Notices) plus a
few other notices, generated for today so that the ages the pages compute are the seed page's."""

from __future__ import annotations

from datetime import UTC, date, datetime
from functools import cache

from sqlalchemy import Engine

from ncb.demo.generate import DemoData, generate_demo
from ncb.domain.notices import Notice, NoticeType
from ncb.services.demo import load_demo
from ncb.storage.uow import SqlUnitOfWork


def today() -> date:
    return datetime.now(UTC).date()


@cache
def demo(day: date, size: int = 20) -> DemoData:
    return generate_demo(size=size, seed=2026, today=day)


def load(engine: Engine, size: int = 20) -> DemoData:
    data = demo(today(), size)
    load_demo(data.notices, data.images, SqlUnitOfWork(engine), now=datetime.now(UTC), news=data.news)
    return data


def seed(data: DemoData, kind: NoticeType) -> list[Notice]:
    return [n for n in data.notices if n.owner == "JP" and n.is_public and n.type is kind]
