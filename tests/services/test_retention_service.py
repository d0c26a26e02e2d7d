"""Retention on both backends: reminders once per notice and expiry, expiry out of every public path and
screening, purge after the time an expired notice is kept, a dry run that writes nothing."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta

import pytest
from sqlalchemy import Engine

from ncb.domain.access import Viewer
from ncb.domain.identity import Actor, Role
from ncb.domain.lifecycle import creation
from ncb.domain.notices import NoticeStatus
from ncb.domain.search import NoticeFilter
from ncb.errors import PermissionDenied
from ncb.services import retention as svc
from ncb.services import screening
from ncb.services.ports import StoredImage
from ncb.storage.uow import SqlUnitOfWork
from tests.builders import make_notice
from tests.conftest import NOW, TODAY


def at(day: date) -> datetime:
    return datetime.combine(day, time(3, 0), UTC)


POLICY = svc.RetentionPolicy(review_before_expiry_months=6, purge_after_expiry_months=6)


def populate(engine: Engine) -> None:
    """JP's notice expires 2027-03-01 (in the review period on TODAY), FR's 2027-09-01 (not yet), and one
    that expired on 2026-05-01 (older than the 6 months an expired notice is kept)."""
    expiring = make_notice(entity_id="2026/00001", status=NoticeStatus.PUBLISHED, published_at=NOW,
                           expires_on=date(2027, 3, 1))
    later = make_notice(entity_id="2026/00002", owner="FR", status=NoticeStatus.PUBLISHED, published_at=NOW,
                        expires_on=date(2027, 9, 1))
    old = make_notice(entity_id="2021/00003", status=NoticeStatus.EXPIRED, published_at=NOW,
                      expires_on=date(2026, 5, 1))
    with SqlUnitOfWork(engine) as uow:
        for n in (expiring, later, old):
            uow.notices.add(n)
            uow.notices.add_transition(creation(n, actor="sato@JP", now=NOW))
        uow.notices.add_image(StoredImage("old-pic", "2021/00003", "image/jpeg", b"jpeg"))
        uow.commit()


def test_owner_bureaus_are_reminded_once_per_notice_and_expiry(engine: Engine) -> None:
    populate(engine)
    sent = svc.send_reminders(SqlUnitOfWork(engine), today=TODAY, now=NOW, policy=POLICY)
    assert [(r.notice_id, r.bureau, r.expires_on) for r in sent] == [("2026/00001", "JP", date(2027, 3, 1))]
    assert svc.send_reminders(SqlUnitOfWork(engine), today=TODAY + timedelta(days=1), now=NOW, policy=POLICY) == []
    jp = Actor("sato@JP", Viewer.bureau("JP"))
    assert [r.notice_id for r in svc.reminders_for(SqlUnitOfWork(engine), actor=jp)] == ["2026/00001"]
    assert svc.reminders_for(SqlUnitOfWork(engine), actor=Actor("martin@FR", Viewer.bureau("FR"))) == []
    with pytest.raises(PermissionDenied, match="owner bureau"):
        svc.reminders_for(SqlUnitOfWork(engine), actor=Actor("gs", Viewer.general_secretariat()))
    with pytest.raises(PermissionDenied, match="read_notices"):
        svc.reminders_for(SqlUnitOfWork(engine), actor=Actor("root@JP", Viewer.bureau("JP"),
                                                             frozenset({Role.SYSTEM_ADMIN})))


def test_an_extended_notice_is_reminded_again_before_its_new_expiry(engine: Engine) -> None:
    populate(engine)
    svc.send_reminders(SqlUnitOfWork(engine), today=TODAY, now=NOW, policy=POLICY)
    with SqlUnitOfWork(engine) as uow:
        notice = uow.notices.get("2026/00001")
        assert notice is not None
        uow.notices.update(replace(notice, expires_on=date(2032, 3, 1)))
        uow.commit()
    again = svc.send_reminders(SqlUnitOfWork(engine), today=date(2031, 10, 1),
                               now=at(date(2031, 10, 1)), policy=POLICY)
    assert [(r.notice_id, r.expires_on) for r in again] == [("2026/00001", date(2032, 3, 1))]


def test_a_dry_run_says_what_would_happen_and_writes_nothing(engine: Engine) -> None:
    populate(engine)
    day = date(2027, 3, 1)
    plan = svc.plan_retention(SqlUnitOfWork(engine), today=day, now=at(day), policy=POLICY)
    assert plan.dry_run
    assert [r.notice_id for r in plan.reminded] == ["2026/00002"]  # 00001 expires that day instead
    assert plan.expired == ("2026/00001",)
    assert plan.purged.notices == ("2021/00003",)
    with SqlUnitOfWork(engine, write=False) as uow:
        assert uow.retention.reminders() == []
        assert {n.entity_id: n.status for n in uow.notices.iter_all(NoticeFilter(), today=TODAY)} == {
            "2026/00001": NoticeStatus.PUBLISHED, "2026/00002": NoticeStatus.PUBLISHED,
            "2021/00003": NoticeStatus.EXPIRED}


def test_a_run_reminds_expires_and_purges(engine: Engine) -> None:
    populate(engine)
    index = screening.build_index(SqlUnitOfWork(engine, write=False), today=TODAY)
    day = date(2027, 3, 1)
    report = svc.run_retention(SqlUnitOfWork(engine), today=day, now=at(day), policy=POLICY)
    summary = report.as_dict()
    assert [r["notice_id"] for r in summary.pop("reminded")] == ["2026/00002"]
    assert summary == {"dry_run": False, "expired": ["2026/00001"], "purged": ["2021/00003"],
                       "travel_records_erased": 0, "audit_payloads_erased": 0}
    with SqlUnitOfWork(engine, write=False) as uow:
        assert uow.notices.get("2021/00003") is None and uow.notices.get_image("old-pic") is None
        expired = uow.notices.get("2026/00001")
        assert expired is not None and expired.status is NoticeStatus.EXPIRED
    # Out of the public lists and of a new screening index (a stale one: see tests/web).
    with SqlUnitOfWork(engine, write=False) as uow:
        page = uow.notices.find(NoticeFilter(), today=TODAY, visible_to=Viewer.public(), offset=0, limit=10)
    assert [n.entity_id for n in page.notices] == ["2026/00002"]
    assert "2026/00001" not in screening.build_index(SqlUnitOfWork(engine, write=False), today=TODAY)
    assert "2026/00001" in index
    again = svc.run_retention(SqlUnitOfWork(engine), today=date(2027, 3, 1), now=at(date(2027, 3, 1)), policy=POLICY)
    assert again.expired == () and again.purged.notices == ()


def test_an_expired_notice_is_purged_only_after_it_has_been_kept(engine: Engine) -> None:
    populate(engine)
    svc.run_retention(SqlUnitOfWork(engine), today=date(2027, 3, 1), now=at(date(2027, 3, 1)), policy=POLICY)
    kept = svc.run_retention(SqlUnitOfWork(engine), today=date(2027, 8, 31), now=at(date(2027, 8, 31)), policy=POLICY)
    assert kept.purged.notices == ()
    purged = svc.run_retention(SqlUnitOfWork(engine), today=date(2027, 9, 1), now=at(date(2027, 9, 1)), policy=POLICY)
    assert purged.purged.notices == ("2026/00001",) and purged.expired == ("2026/00002",)
