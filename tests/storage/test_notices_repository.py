"""The SQL repository on SQLite and on a real PostgreSQL: storing, history, and lists that agree
exactly with the pure filter and the pure access rule."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import Engine

from ncb.domain.access import Viewer, can_view
from ncb.domain.codes import Sex
from ncb.domain.dates import PartialDate
from ncb.domain.lifecycle import creation
from ncb.domain.names import Name, NameKind
from ncb.domain.notices import (
    Action,
    ArrestWarrant,
    Notice,
    NoticeStatus,
    NoticeType,
    Restriction,
    RestrictionMode,
    Transition,
)
from ncb.domain.search import NoticeFilter
from ncb.errors import Conflict
from ncb.services.ports import StoredImage
from ncb.storage.uow import SqlUnitOfWork
from tests.builders import make_notice
from tests.conftest import NOW, TODAY

COUNTRIES = ["JP", "US", "CA", "FR", "KR", "RU"]


def varied_notices(count: int, seed: int = 7) -> list[Notice]:
    rng = random.Random(seed)
    out = []
    for i in range(count):
        ntype = rng.choice([NoticeType.RED, NoticeType.YELLOW, NoticeType.BLUE, NoticeType.DIFFUSION])
        mode = rng.choice(list(RestrictionMode))
        restriction = Restriction(mode, frozenset(rng.sample(COUNTRIES, 2)) if mode is not RestrictionMode.NONE
                                  else frozenset())
        dob = rng.choice([None, PartialDate(rng.randint(1950, 2010)),
                          PartialDate(rng.randint(1950, 2010), rng.randint(1, 12), rng.randint(1, 28))])
        family = rng.choice(["YAMADA", "SMITH", "IVANOV", "KIM", "DUPONT"])
        status = rng.choice(list(NoticeStatus))
        out.append(make_notice(
            entity_id=f"2025/{i + 1:05d}", type=ntype, owner=rng.choice(COUNTRIES),
            status=status, public_extract=ntype in (NoticeType.RED, NoticeType.YELLOW) and rng.random() < 0.6,
            restriction=restriction,
            addressees=tuple(rng.sample(COUNTRIES, 2)) if ntype is NoticeType.DIFFUSION and rng.random() < 0.5
            else (),
            agency=rng.choice([None, "JP-TOKYO-MPD", "JP-OSAKA-PP"]),
            names=(Name(name=family, forename=rng.choice(["TARO", "ANNA", "IVAN"])),
                   Name(full_text=rng.choice(["山田太郎", "김민준", "Иван"]), kind=NameKind.ALIAS)),
            date_of_birth=dob, sex=rng.choice(list(Sex)),
            nationalities=tuple(rng.sample(COUNTRIES, rng.randint(0, 2))),
            warrants=(ArrestWarrant(charge="Fraud", issuing_country=rng.choice(COUNTRIES)),)
            if ntype is NoticeType.RED else (),
            published_at=NOW - timedelta(days=i),
        ))
    return out


@pytest.fixture
def stored(engine: Engine) -> list[Notice]:
    notices = varied_notices(120)
    with SqlUnitOfWork(engine) as uow:
        uow.notices.add_many([(n, creation(n, actor="test", now=NOW)) for n in notices])
        uow.commit()
    return notices


def test_a_notice_is_stored_and_read_back_whole(engine: Engine) -> None:
    notice = make_notice(created_at=NOW)
    with SqlUnitOfWork(engine) as uow:
        uow.notices.add(notice)
        uow.commit()
    with SqlUnitOfWork(engine, write=False) as uow:
        assert uow.notices.get(notice.entity_id) == notice
        assert uow.notices.get("1999/1") is None


def test_uncommitted_work_is_rolled_back(engine: Engine) -> None:
    with SqlUnitOfWork(engine) as uow:
        uow.notices.add(make_notice())
    with SqlUnitOfWork(engine) as uow:
        assert uow.notices.count() == 0


def test_a_second_notice_with_the_same_entity_id_is_a_conflict(engine: Engine) -> None:
    with SqlUnitOfWork(engine) as uow:
        uow.notices.add(make_notice())
        with pytest.raises(Conflict, match="already exists"):
            uow.notices.add(make_notice())


def test_history_is_appended_in_order(engine: Engine) -> None:
    notice = make_notice()
    with SqlUnitOfWork(engine) as uow:
        uow.notices.add(notice)
        uow.notices.add_transition(creation(notice, actor="sato", now=NOW))
        uow.notices.update(replace(notice, status=NoticeStatus.SUBMITTED))
        uow.notices.add_transition(Transition(notice.entity_id, Action.SUBMIT, NoticeStatus.DRAFT,
                                              NoticeStatus.SUBMITTED, "sato", NOW + timedelta(minutes=5)))
        uow.commit()
    with SqlUnitOfWork(engine, write=False) as uow:
        history = uow.notices.history(notice.entity_id)
        assert [t.action for t in history] == [Action.CREATE, Action.SUBMIT]
        assert history[1].at == NOW + timedelta(minutes=5)
        assert uow.notices.get(notice.entity_id).status is NoticeStatus.SUBMITTED  # type: ignore[union-attr]


def test_entity_ids_are_allocated_per_year(engine: Engine) -> None:
    with SqlUnitOfWork(engine) as uow:
        assert uow.notices.next_entity_id(2026) == "2026/00001"
        uow.notices.add(make_notice(entity_id="2026/00041"))
        assert uow.notices.next_entity_id(2026) == "2026/00042"
        assert uow.notices.next_entity_id(2027) == "2027/00001"


def test_images_are_stored_with_their_notice(engine: Engine) -> None:
    with SqlUnitOfWork(engine) as uow:
        uow.notices.add(make_notice())
        uow.notices.add_image(StoredImage("555", "2026/00001", "image/jpeg", b"\xff\xd8jpeg"))
        uow.commit()
    with SqlUnitOfWork(engine, write=False) as uow:
        image = uow.notices.get_image("555")
        assert image is not None and image.data == b"\xff\xd8jpeg" and image.entity_id == "2026/00001"


FILTERS = [
    NoticeFilter(),
    NoticeFilter(public_only=True),
    NoticeFilter(types=frozenset({NoticeType.RED})),
    NoticeFilter(name="yama"),
    NoticeFilter(name="민준"),
    NoticeFilter(forename="ann"),
    NoticeFilter(nationality="JP"),
    NoticeFilter(sex="F"),
    NoticeFilter(age_min=20, age_max=40),
    NoticeFilter(age_max=17),
    NoticeFilter(warrant_country="US"),
    NoticeFilter(free_text="GRANDSON"),
    NoticeFilter(owner="KR", statuses=frozenset({NoticeStatus.PUBLISHED, NoticeStatus.DRAFT})),
    NoticeFilter(name="100%_"),
]
VIEWERS = [None, Viewer.public(), Viewer.general_secretariat(), *[Viewer.bureau(c) for c in COUNTRIES],
           Viewer.agency_of("JP", "JP-TOKYO-MPD"), Viewer.agency_of("JP", "JP-TOKYO-MPD", frozenset({"red"})),
           Viewer.agency_of("JP", "JP-OSAKA-PP", frozenset())]


def _label(flt: NoticeFilter) -> str:
    """A stable test id (a frozenset's repr changes from one process to the next)."""
    parts = []
    for key, value in sorted(vars(flt).items()):
        if value in (None, False, frozenset()):
            continue
        shown = ",".join(sorted(str(v) for v in value)) if isinstance(value, frozenset) else str(value)
        parts.append(f"{key}={shown}")
    return " ".join(parts) or "all"


@pytest.mark.parametrize("flt", FILTERS, ids=_label)
def test_sql_lists_agree_with_the_pure_filter_and_access_rule(engine: Engine, stored: list[Notice],
                                                               flt: NoticeFilter) -> None:
    with SqlUnitOfWork(engine, write=False) as uow:
        for viewer in VIEWERS:
            expected = {n.entity_id for n in stored if flt.matches(n, TODAY)
                        and (viewer is None or can_view(viewer, n))}
            page = uow.notices.find(flt, today=TODAY, visible_to=viewer, offset=0, limit=1000)
            assert page.total == len(expected), viewer
            assert {n.entity_id for n in page.notices} == expected, viewer


def test_pages_are_ordered_newest_first_and_do_not_overlap(engine: Engine, stored: list[Notice]) -> None:
    with SqlUnitOfWork(engine, write=False) as uow:
        first = uow.notices.find(NoticeFilter(), today=TODAY, visible_to=None, offset=0, limit=50)
        second = uow.notices.find(NoticeFilter(), today=TODAY, visible_to=None, offset=50, limit=50)
    ids = [n.entity_id for n in first.notices + second.notices]
    assert len(set(ids)) == 100
    assert ids[:3] == ["2025/00001", "2025/00002", "2025/00003"]


def test_iter_all_streams_every_matching_notice(engine: Engine, stored: list[Notice]) -> None:
    with SqlUnitOfWork(engine, write=False) as uow:
        reds = list(uow.notices.iter_all(NoticeFilter(types=frozenset({NoticeType.RED})), today=TODAY))
    assert len(reds) == sum(1 for n in stored if n.type is NoticeType.RED)


def test_timestamps_come_back_in_utc(engine: Engine) -> None:
    at = datetime(2026, 5, 1, 12, 0, tzinfo=UTC)
    with SqlUnitOfWork(engine) as uow:
        notice = make_notice()
        uow.notices.add(notice)
        uow.notices.add_transition(creation(notice, actor="x", now=at))
        uow.commit()
        assert uow.notices.history(notice.entity_id)[0].at == at
    assert date(2026, 5, 1) == at.date()
