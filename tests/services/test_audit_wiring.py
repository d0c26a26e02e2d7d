"""Every consultation, change and disclosure is an audit event in the same transaction as the act: reads
need a purpose, refusals are recorded, personal data stays out of the leaves, and when the log cannot be
written the act does not happen."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import Engine, text
from sqlalchemy.exc import DBAPIError

from ncb.audit.entries import AuditEvent, event_from_leaf
from ncb.audit.keys import LogKey
from ncb.domain.access import Viewer
from ncb.domain.documents import notice_to_dict
from ncb.domain.identity import Actor
from ncb.domain.notices import Action, Decision, NoticeStatus
from ncb.domain.search import NoticeFilter
from ncb.errors import IllegalTransition, NotFound, ValidationError
from ncb.services import audit, bundles
from ncb.services import notices as svc
from ncb.storage.uow import SqlUnitOfWork
from tests.builders import make_notice
from tests.conftest import NOW, TODAY
from tests.fakes import FakeUnitOfWork

TOKYO = Actor("sato@JP", Viewer.bureau("JP"), purpose="case 2026-114")
PARIS = Actor("martin@FR", Viewer.bureau("FR"), purpose="border alert")
REVIEWER = Actor("ito@general-secretariat", Viewer.general_secretariat())


def events(uow: FakeUnitOfWork) -> list[AuditEvent]:
    return [event_from_leaf(row.leaf) for row, _ in uow.audit.rows]


def draft_doc() -> dict[str, object]:
    doc = notice_to_dict(make_notice())
    doc["entity_id"] = None
    return doc


def test_a_read_without_a_purpose_is_refused_recorded_and_discloses_nothing() -> None:
    uow = FakeUnitOfWork()
    uow.notices.add(make_notice())
    no_purpose = replace(TOKYO, purpose="  ")
    for read in (lambda: svc.get_notice("2026/00001", uow, actor=no_purpose, now=NOW),
                 lambda: svc.notice_history("2026/00001", uow, actor=no_purpose, now=NOW),
                 lambda: svc.compliance_findings("2026/00001", uow, actor=no_purpose, now=NOW),
                 lambda: svc.list_notices(NoticeFilter(), uow, actor=no_purpose, today=TODAY, now=NOW)):
        with pytest.raises(ValidationError, match="needs a stated purpose"):
            read()
    assert [(e.action, e.outcome, e.purpose) for e in events(uow)] == [
        ("notice.consult", "refused: no purpose stated", "-"), ("notice.history", "refused: no purpose stated", "-"),
        ("notice.findings", "refused: no purpose stated", "-"), ("notice.list", "refused: no purpose stated", "-")]


def test_non_public_reads_are_recorded_with_their_purpose_and_public_reads_are_not() -> None:
    uow = FakeUnitOfWork()
    uow.notices.add(make_notice(status=NoticeStatus.PUBLISHED, public_extract=True))
    assert svc.get_notice("2026/00001", uow, actor=TOKYO, now=NOW).entity_id == "2026/00001"
    svc.notice_history("2026/00001", uow, actor=TOKYO, now=NOW)
    svc.compliance_findings("2026/00001", uow, actor=TOKYO, now=NOW)
    page = svc.list_notices(NoticeFilter(name="yamada"), uow, actor=TOKYO, today=TODAY, now=NOW)
    assert page.total == 1
    svc.get_notice("2026/00001", uow, actor=svc.PUBLIC_READER, now=NOW)
    svc.list_notices(NoticeFilter(), uow, actor=svc.PUBLIC_READER, today=TODAY, now=NOW)
    logged = events(uow)
    assert [(e.action, e.object, e.outcome, e.purpose, e.actor) for e in logged] == [
        ("notice.consult", "notice:2026/00001", "shown", "case 2026-114", "sato@JP"),
        ("notice.history", "notice:2026/00001", "shown", "case 2026-114", "sato@JP"),
        ("notice.findings", "notice:2026/00001", "shown", "case 2026-114", "sato@JP"),
        ("notice.list", "notices", "1 of 1 shown", "case 2026-114", "sato@JP")]
    searched = uow.audit.rows[3][0]
    assert b"yamada" not in searched.leaf
    assert searched.payload == '{"filter":{"name":"yamada"},"page":1,"shown":["2026/00001"]}'


def test_a_notice_the_reader_may_not_see_is_refused_as_not_found_and_recorded() -> None:
    uow = FakeUnitOfWork()
    uow.notices.add(make_notice())  # a draft of Tokyo's
    with pytest.raises(NotFound):
        svc.get_notice("2026/00001", uow, actor=PARIS, now=NOW)
    [refused] = events(uow)
    assert (refused.actor, refused.outcome, refused.object) == ("martin@FR", "refused: not found",
                                                                "notice:2026/00001")


def test_every_change_is_recorded_with_the_new_status_and_reasons_only_in_payloads() -> None:
    uow = FakeUnitOfWork()
    notice = svc.create_notice(draft_doc(), uow, actor=TOKYO, now=NOW)
    svc.edit_notice(notice.entity_id, draft_doc(), uow, actor=TOKYO, now=NOW)
    svc.submit_notice(notice.entity_id, uow, actor=TOKYO, now=NOW)
    svc.review_notice(notice.entity_id, Decision.APPROVE, uow, actor=REVIEWER, now=NOW)
    svc.change_status(notice.entity_id, Action.SUSPEND, uow, actor=TOKYO, now=NOW,
                      reason="YAMADA TARO located in Osaka")
    logged = events(uow)
    assert [(e.action, e.outcome, e.purpose) for e in logged] == [
        ("notice.create", "status draft", "case 2026-114"), ("notice.edit", "status draft", "case 2026-114"),
        ("notice.submit", "status submitted", "case 2026-114"), ("notice.approve", "status published", "-"),
        ("notice.suspend", "status suspended", "case 2026-114")]
    suspended = uow.audit.rows[4][0]
    assert b"YAMADA" not in suspended.leaf and suspended.payload == '{"reason":"YAMADA TARO located in Osaka"}'
    assert suspended.subjects == ("notice:2026/00001",)


def test_a_refused_change_is_recorded_and_changes_nothing() -> None:
    uow = FakeUnitOfWork()
    notice = svc.create_notice(draft_doc(), uow, actor=TOKYO, now=NOW)
    with pytest.raises(IllegalTransition, match="cannot go from draft to withdrawn"):
        svc.change_status(notice.entity_id, Action.WITHDRAW, uow, actor=TOKYO, now=NOW, reason="found")
    with pytest.raises(NotFound, match="no notice 2026/00001"):  # Paris may not even see Tokyo's draft
        svc.submit_notice(notice.entity_id, uow, actor=PARIS, now=NOW)
    assert uow.notices.get(notice.entity_id).status is NoticeStatus.DRAFT  # type: ignore[union-attr]
    assert [e.outcome for e in events(uow)][1:] == ["refused: illegal transition", "refused: not found"]


def test_expiry_is_recorded_as_the_system_s_act() -> None:
    uow = FakeUnitOfWork()
    uow.notices.add(make_notice(entity_id="2021/00001", status=NoticeStatus.PUBLISHED, expires_on=TODAY))
    svc.expire_due(uow, today=TODAY, now=NOW)
    [expired] = events(uow)
    assert (expired.actor, expired.action, expired.outcome) == ("system", "notice.expire", "status expired")


def test_when_the_log_cannot_be_written_the_change_is_not_made() -> None:
    uow = FakeUnitOfWork()
    notice = svc.create_notice(draft_doc(), uow, actor=TOKYO, now=NOW)
    uow.audit.fail = RuntimeError("audit log unavailable")
    with pytest.raises(RuntimeError, match="audit log unavailable"):
        svc.submit_notice(notice.entity_id, uow, actor=TOKYO, now=NOW)
    assert uow.notices.get(notice.entity_id).status is NoticeStatus.DRAFT  # type: ignore[union-attr]
    assert [t.action for t in uow.notices.history(notice.entity_id)] == [Action.CREATE]
    with pytest.raises(RuntimeError, match="audit log unavailable"):
        svc.get_notice(notice.entity_id, uow, actor=TOKYO, now=NOW)


def test_a_bundle_needs_a_purpose_and_records_its_recipient_country() -> None:
    uow = FakeUnitOfWork()
    uow.notices.add(make_notice(status=NoticeStatus.PUBLISHED))
    key = Ed25519PrivateKey.generate()
    with pytest.raises(ValidationError, match="stated purpose"):
        bundles.export_bundle(uow, actor=replace(TOKYO, purpose=None), issuer="JP", receiving_country="FJ",
                              today=TODAY, now=NOW, private_key=key)
    _, info = bundles.export_bundle(uow, actor=TOKYO, issuer="JP", receiving_country="FJ", today=TODAY, now=NOW,
                                    private_key=key)
    last = events(uow)[-1]
    assert (last.action, last.object, last.outcome, last.recipients) == ("bundle.export", "bundle:FJ", "1 persons",
                                                                          ("FJ",))
    assert info.payload_sha256 in (uow.audit.rows[-1][0].payload or "")


def refuse_audit_inserts(engine: Engine) -> None:
    """The database refuses every new log row, as a full disk or a revoked grant would."""
    with engine.begin() as conn:
        if engine.dialect.name == "postgresql":
            conn.execute(text("CREATE FUNCTION audit_down() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                              "RAISE EXCEPTION 'audit log unavailable'; END $$"))
            conn.execute(text("CREATE TRIGGER audit_down BEFORE INSERT ON audit_log FOR EACH ROW "
                              "EXECUTE FUNCTION audit_down()"))
        else:
            conn.execute(text("CREATE TRIGGER audit_down BEFORE INSERT ON audit_log BEGIN "
                              "SELECT RAISE(ABORT, 'audit log unavailable'); END"))


def test_on_the_database_an_act_whose_log_entry_fails_is_rolled_back(engine: Engine) -> None:
    notice = svc.create_notice(draft_doc(), SqlUnitOfWork(engine), actor=TOKYO, now=NOW)
    refuse_audit_inserts(engine)
    with pytest.raises(DBAPIError, match="audit log unavailable"):
        svc.edit_notice(notice.entity_id, {**draft_doc(), "public_extract": False}, SqlUnitOfWork(engine),
                        actor=TOKYO, now=NOW + timedelta(minutes=1))
    with pytest.raises(DBAPIError, match="audit log unavailable"):
        svc.submit_notice(notice.entity_id, SqlUnitOfWork(engine), actor=TOKYO, now=NOW)
    with pytest.raises(DBAPIError, match="audit log unavailable"):
        svc.get_notice(notice.entity_id, SqlUnitOfWork(engine), actor=TOKYO, now=NOW)
    with SqlUnitOfWork(engine, write=False) as uow:
        stored = uow.notices.get(notice.entity_id)
        assert stored == notice and [t.action for t in uow.notices.history(notice.entity_id)] == [Action.CREATE]
        assert uow.audit.size() == 1


def test_on_the_database_the_trail_of_a_working_day_verifies(engine: Engine) -> None:
    uow = SqlUnitOfWork(engine)
    notice = svc.create_notice(draft_doc(), uow, actor=TOKYO, now=NOW)
    svc.submit_notice(notice.entity_id, uow, actor=TOKYO, now=NOW)
    svc.review_notice(notice.entity_id, Decision.APPROVE, uow, actor=REVIEWER, now=NOW)
    svc.get_notice(notice.entity_id, uow, actor=PARIS, now=NOW)
    with pytest.raises(ValidationError):
        svc.list_notices(NoticeFilter(), uow, actor=replace(PARIS, purpose=None), today=TODAY, now=NOW)
    key = LogKey("ncb.JP/audit", (private := Ed25519PrivateKey.generate()).public_key(), private)
    audit.checkpoint(uow, key, NOW)
    report = audit.verify(SqlUnitOfWork(engine, write=False), key)
    assert report.ok and report.entries_checked == 5
