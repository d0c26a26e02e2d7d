"""Notice use cases against a fake unit of work: no database."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest

from ncb.domain.access import Viewer
from ncb.domain.documents import notice_to_dict
from ncb.domain.notices import Action, Decision, NoticeStatus
from ncb.domain.search import NoticeFilter
from ncb.errors import ComplianceBlocked, IllegalTransition, NotFound, PermissionDenied, ValidationError
from ncb.services import notices as svc
from tests.builders import make_notice
from tests.conftest import NOW, TODAY
from tests.fakes import FakeUnitOfWork

TOKYO = svc.Actor("officer.sato", Viewer.bureau("JP"))
PARIS = svc.Actor("officer.martin", Viewer.bureau("FR"))
REVIEWER = svc.Actor("gs.reviewer", Viewer.general_secretariat())


def draft_doc(**overrides: object) -> dict[str, object]:
    doc = notice_to_dict(make_notice(**overrides))
    doc["entity_id"] = None
    return doc


def test_creating_a_notice_allocates_an_id_records_history_and_commits() -> None:
    uow = FakeUnitOfWork()
    notice = svc.create_notice(draft_doc(), uow, actor=TOKYO, now=NOW)
    assert notice.entity_id == "2026/00001"
    assert notice.status is NoticeStatus.DRAFT and notice.created_at == NOW
    assert uow.committed
    assert [t.action for t in uow.notices.history("2026/00001")] == [Action.CREATE]


def test_a_bureau_cannot_create_a_notice_for_another_bureau() -> None:
    uow = FakeUnitOfWork()
    with pytest.raises(PermissionDenied):
        svc.create_notice(draft_doc(), uow, actor=PARIS, now=NOW)
    assert uow.notices.count() == 0


def test_a_clean_red_notice_goes_from_draft_to_published() -> None:
    uow = FakeUnitOfWork()
    n = svc.create_notice(draft_doc(), uow, actor=TOKYO, now=NOW)
    svc.submit_notice(n.entity_id, uow, actor=TOKYO, now=NOW)
    published = svc.review_notice(n.entity_id, Decision.APPROVE, uow, actor=REVIEWER, now=NOW)
    assert published.status is NoticeStatus.PUBLISHED
    assert published.expires_on == date(2031, 11, 26)
    history = uow.notices.history(n.entity_id)
    assert [t.action for t in history] == [Action.CREATE, Action.SUBMIT, Action.APPROVE]
    assert history[-1].actor == "gs.reviewer"


def test_only_the_general_secretariat_reviews() -> None:
    uow = FakeUnitOfWork()
    n = svc.create_notice(draft_doc(), uow, actor=TOKYO, now=NOW)
    svc.submit_notice(n.entity_id, uow, actor=TOKYO, now=NOW)
    with pytest.raises(PermissionDenied):
        svc.review_notice(n.entity_id, Decision.APPROVE, uow, actor=TOKYO, now=NOW)


def test_a_blocking_finding_stops_approval_unless_the_exception_is_recorded() -> None:
    uow = FakeUnitOfWork()
    doc = draft_doc()
    doc["warrants"][0]["max_penalty_months"] = 12  # type: ignore[index]
    n = svc.create_notice(doc, uow, actor=TOKYO, now=NOW)
    svc.submit_notice(n.entity_id, uow, actor=TOKYO, now=NOW)
    with pytest.raises(ComplianceBlocked):
        svc.review_notice(n.entity_id, Decision.APPROVE, uow, actor=REVIEWER, now=NOW, reason="looks fine")
    assert uow.notices.get(n.entity_id).status is NoticeStatus.SUBMITTED  # type: ignore[union-attr]
    approved = svc.review_notice(n.entity_id, Decision.APPROVE, uow, actor=REVIEWER, now=NOW,
                                 reason="reviewed", exception_reason="organised fraud ring across 5 countries")
    assert approved.status is NoticeStatus.PUBLISHED
    last = uow.notices.history(n.entity_id)[-1]
    assert last.exception_recorded and last.findings
    assert "organised fraud ring" in (last.reason or "")


def test_asking_for_more_returns_the_draft_to_its_bureau_for_editing() -> None:
    uow = FakeUnitOfWork()
    n = svc.create_notice(draft_doc(), uow, actor=TOKYO, now=NOW)
    svc.submit_notice(n.entity_id, uow, actor=TOKYO, now=NOW)
    back = svc.review_notice(n.entity_id, Decision.REQUEST_INFO, uow, actor=REVIEWER, now=NOW,
                             reason="add the warrant date")
    assert back.status is NoticeStatus.DRAFT
    edited = svc.edit_notice(n.entity_id, draft_doc(place_of_birth="Kobe"), uow, actor=TOKYO, now=NOW)
    assert edited.subject.place_of_birth == "Kobe"


def test_a_published_notice_cannot_be_edited() -> None:
    uow = FakeUnitOfWork()
    uow.notices.add(make_notice(status=NoticeStatus.PUBLISHED))
    with pytest.raises(IllegalTransition, match="only a draft"):
        svc.edit_notice("2026/00001", draft_doc(), uow, actor=TOKYO, now=NOW)


def test_another_bureau_cannot_see_a_draft_and_is_told_it_does_not_exist() -> None:
    uow = FakeUnitOfWork()
    uow.notices.add(make_notice())
    with pytest.raises(NotFound):
        svc.get_notice("2026/00001", uow, actor=replace(PARIS, purpose="check"), now=NOW)


def test_status_changes_belong_to_the_owner_and_cancellation_to_the_general_secretariat() -> None:
    uow = FakeUnitOfWork()
    uow.notices.add(make_notice(status=NoticeStatus.PUBLISHED, expires_on=date(2031, 11, 26)))
    with pytest.raises(PermissionDenied):
        svc.change_status("2026/00001", Action.WITHDRAW, uow, actor=PARIS, now=NOW, reason="x")
    with pytest.raises(PermissionDenied):
        svc.change_status("2026/00001", Action.CANCEL, uow, actor=TOKYO, now=NOW, reason="x")
    suspended = svc.change_status("2026/00001", Action.SUSPEND, uow, actor=TOKYO, now=NOW, reason="located")
    assert suspended.status is NoticeStatus.SUSPENDED
    cancelled = svc.change_status("2026/00001", Action.CANCEL, uow, actor=REVIEWER, now=NOW,
                                  reason="conditions no longer met")
    assert cancelled.status is NoticeStatus.CANCELLED


def test_expiry_sweeps_only_notices_whose_retention_ran_out() -> None:
    uow = FakeUnitOfWork()
    uow.notices.add(make_notice(entity_id="2021/00001", status=NoticeStatus.PUBLISHED, expires_on=TODAY))
    uow.notices.add(make_notice(entity_id="2021/00002", status=NoticeStatus.PUBLISHED,
                                expires_on=TODAY + timedelta(days=1)))
    assert svc.expire_due(uow, today=TODAY, now=NOW) == ["2021/00001"]
    assert uow.notices.get("2021/00001").status is NoticeStatus.EXPIRED  # type: ignore[union-attr]


def test_listing_refuses_page_zero() -> None:
    with pytest.raises(ValidationError, match="page"):
        svc.list_notices(NoticeFilter(), FakeUnitOfWork(), actor=replace(TOKYO, purpose="check"), today=TODAY,
                         now=NOW, page=0)


def test_bad_input_leaves_nothing_stored() -> None:
    uow = FakeUnitOfWork()
    doc = draft_doc()
    doc["subject"]["date_of_birth"] = "2023/02/30"  # type: ignore[index]
    with pytest.raises(ValidationError, match="subject.date_of_birth"):
        svc.create_notice(doc, uow, actor=TOKYO, now=NOW)
    assert uow.notices.count() == 0
    assert [row.leaf.count(b'"outcome":"refused: invalid input"') for row, _ in uow.audit.rows] == [1]
