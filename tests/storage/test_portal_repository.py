from datetime import UTC, date, datetime

from sqlalchemy import Engine

from ncb.domain.news import NewsItem
from ncb.domain.tips import Tip
from ncb.storage.uow import SqlUnitOfWork

NOW = datetime(2026, 11, 26, 9, 30, tzinfo=UTC)


def _item(day: date, countries: tuple[str, ...] = ("JP",), bureau: str = "JP") -> NewsItem:
    return NewsItem(bureau=bureau, published_on=day, title_en="Arrest in Manila", title_ja="マニラで逮捕",
                    body_en="**Found**", body_ja="**発見**", countries=countries, notices=("2024/12345",),
                    created_by="officer@JP", created_at=NOW, updated_at=NOW)


def test_news_items_are_stored_and_listed_newest_first_by_country(engine: Engine) -> None:
    with SqlUnitOfWork(engine) as uow:
        old = uow.news.add(_item(date(2025, 1, 2)))
        new = uow.news.add(_item(date(2026, 3, 4), countries=("JP", "PH")))
        other = uow.news.add(_item(date(2026, 5, 6), countries=("FR",), bureau="FR"))
        uow.commit()
    with SqlUnitOfWork(engine, write=False) as uow:
        assert uow.news.get(new.id or 0) == new
        total, items = uow.news.find(country="JP")
        assert total == 2 and [i.id for i in items] == [new.id, old.id]
        assert [i.id for i in uow.news.find(country="PH")[1]] == [new.id]
        assert uow.news.find(country="FR")[1] == [other]
        assert uow.news.find(offset=1, limit=1)[1] == [new]


def test_tips_are_kept_for_their_bureau(engine: Engine) -> None:
    tip = Tip(reference="JP-2026-00000001", bureau="JP", entity_id="2024/12345", message="Seen in Osaka",
              contact=None, language="ja", received_at=NOW)
    with SqlUnitOfWork(engine) as uow:
        stored = uow.tips.add(tip)
        uow.tips.add(Tip(reference="FR-2026-00000002", bureau="FR", entity_id="2024/99999", message="x",
                         contact="a@b.example", language="en", received_at=NOW))
        uow.commit()
    with SqlUnitOfWork(engine, write=False) as uow:
        assert uow.tips.for_bureau("JP") == [stored]
        assert uow.tips.get("JP-2026-00000001") == stored
        assert uow.tips.count() == 2
