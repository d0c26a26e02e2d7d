"""Cooperation use cases on both databases: messages, threads, deadlines, extradition cases, a confirmed hit,
operations, the graph and statistics; bad input refused naming the field, with nothing half-stored."""

from __future__ import annotations

import hashlib
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import Engine
from sqlalchemy.exc import DBAPIError

from ncb.audit.entries import event_from_leaf
from ncb.domain.access import Viewer
from ncb.domain.cooperation.extradition import NoticeFollowUp, Stage
from ncb.domain.cooperation.messages import MessageStatus
from ncb.domain.identity import Actor
from ncb.domain.notices import NoticeStatus, NoticeType, Restriction, RestrictionMode
from ncb.domain.screening import QueuedHit
from ncb.errors import IllegalTransition, NotFound, PermissionDenied, ValidationError
from ncb.services import cooperation as svc
from ncb.storage.uow import SqlUnitOfWork
from tests.builders import make_notice
from tests.services.test_audit_wiring import refuse_audit_inserts

NOW = datetime(2026, 11, 26, 9, 30, tzinfo=UTC)
PURPOSE = "locating a fugitive"
JP = Actor("sato@JP", Viewer.bureau("JP"), purpose=PURPOSE)
FR = Actor("dupont@FR", Viewer.bureau("FR"), purpose=PURPOSE)
US = Actor("smith@US", Viewer.bureau("US"), purpose=PURPOSE)
DE = Actor("muller@DE", Viewer.bureau("DE"), purpose=PURPOSE)


def _publish(engine: Engine, **kw: object) -> None:
    with SqlUnitOfWork(engine) as uow:
        uow.notices.add(make_notice(status=NoticeStatus.PUBLISHED, published_at=NOW, **kw))
        uow.commit()


def _uow(engine: Engine) -> SqlUnitOfWork:
    return SqlUnitOfWork(engine)


def _request(**kw: object) -> dict[str, object]:
    return {"type": "locate_request", "recipients": ["FR"], "subject": "Locate YAMADA Taro",
            "body": "Believed to be in Lyon.", "notices": ["2026/00001"], "persons": ["YAMADA Taro"],
            "deadline": "2026-12-10"} | kw


def test_a_request_is_drafted_sent_acknowledged_and_answered_in_its_thread(engine: Engine) -> None:
    _publish(engine)
    data = b"%PDF warrant"
    m = svc.draft_message(_request(), _uow(engine), actor=JP, now=NOW,
                          attachments=[svc.NewAttachment("warrant.pdf", "application/pdf", data,
                                                         hashlib.sha256(data).hexdigest())])
    assert m.id == "JP-2026-M00001" and m.status is MessageStatus.DRAFT
    with pytest.raises(NotFound):
        svc.get_message(m.id, _uow(engine), actor=FR, now=NOW)  # a draft is its sender's alone
    sent = svc.send_message(m.id, _uow(engine), actor=JP, now=NOW)
    assert sent.status is MessageStatus.SENT and sent.sent_at == NOW
    with pytest.raises(PermissionDenied):
        svc.send_message(m.id, _uow(engine), actor=FR, now=NOW)
    assert svc.acknowledge_message(m.id, _uow(engine), actor=FR, now=NOW).status is MessageStatus.ACKNOWLEDGED
    with pytest.raises(PermissionDenied, match="only a recipient"):
        svc.acknowledge_message(m.id, _uow(engine), actor=JP, now=NOW)
    answer = svc.answer_message(m.id, {"body": "Located in Lyon on 25 November."}, _uow(engine), actor=FR,
                                now=NOW + timedelta(days=2))
    assert answer.id == "FR-2026-M00001" and answer.parent == m.id and answer.thread == m.id
    assert answer.status is MessageStatus.SENT and answer.recipients[0].bureau == "JP"
    view = svc.get_message(m.id, _uow(engine), actor=JP, now=NOW)
    assert view.message.status is MessageStatus.ANSWERED
    assert [e.action.value for e in view.history] == ["create", "send", "acknowledge", "answer"]
    assert [x.id for x in svc.thread(answer.id, _uow(engine), actor=JP, now=NOW)] == [m.id, answer.id]
    got, content = svc.attachment(m.id, "warrant.pdf", _uow(engine), actor=FR, now=NOW)
    assert content == data and got.size == len(data)
    with pytest.raises(NotFound):
        svc.get_message(m.id, _uow(engine), actor=DE, now=NOW)
    closed = svc.close_message(m.id, _uow(engine), actor=JP, now=NOW, note="located")
    with pytest.raises(IllegalTransition, match="closed"):
        svc.close_message(closed.id, _uow(engine), actor=FR, now=NOW)
    with SqlUnitOfWork(engine) as uow:
        actions = [event_from_leaf(e[1]).action for e in uow.audit.entries()]
    assert actions.count("message.send") == 2 and "message.read" in actions


def test_reading_needs_a_purpose(engine: Engine) -> None:
    _publish(engine)
    m = svc.draft_message(_request(), _uow(engine), actor=JP, now=NOW)
    with pytest.raises(ValidationError) as exc:
        svc.get_message(m.id, _uow(engine), actor=Actor("sato@JP", Viewer.bureau("JP")), now=NOW)
    assert exc.value.field == "purpose"


@pytest.mark.parametrize(("change", "field"), [
    ({"deadline": "2026-11-25"}, "deadline"),
    ({"recipients": ["FR", "XX"]}, "recipients[1]"),
    ({"recipients": ["DE", "US"]}, "recipients[1]"),  # the notice's owner forbids US
    ({"notices": ["2026/09999"]}, "notices[0]"),
    ({"type": "extradition_request", "channel": "interpol"}, "channel"),
])
def test_bad_input_is_refused_naming_the_field_and_nothing_is_stored(engine: Engine, change: dict[str, object],
                                                                     field: str) -> None:
    _publish(engine, restriction=Restriction(RestrictionMode.DENY, frozenset({"US"})))
    with pytest.raises((ValidationError, NotFound)) as exc:
        svc.draft_message(_request(**change), _uow(engine), actor=JP, now=NOW)
    assert exc.value.field == field
    with SqlUnitOfWork(engine) as uow:
        assert uow.cooperation.messages() == (0, [])


def test_an_attachment_too_large_or_with_a_wrong_hash_stores_nothing(engine: Engine) -> None:
    _publish(engine)
    policy = svc.CooperationPolicy(attachment_max_bytes=10)
    ok = svc.NewAttachment("a.txt", "text/plain", b"small")
    for bad, field in ((svc.NewAttachment("b.txt", "text/plain", b"far too large"), "attachments[1].data"),
                       (svc.NewAttachment("b.txt", "text/plain", b"tiny", "0" * 64), "attachments[1].sha256")):
        with pytest.raises(ValidationError) as exc:
            svc.draft_message(_request(), _uow(engine), actor=JP, now=NOW, attachments=[ok, bad], policy=policy)
        assert exc.value.field == field
    with SqlUnitOfWork(engine) as uow:
        assert uow.cooperation.messages() == (0, [])
        assert uow.cooperation.attachment_data(hashlib.sha256(b"small").hexdigest()) is None


def test_a_restriction_changed_after_drafting_stops_the_send(engine: Engine) -> None:
    _publish(engine)
    m = svc.draft_message(_request(recipients=["FR", "US"]), _uow(engine), actor=JP, now=NOW)
    with SqlUnitOfWork(engine) as uow:
        notice = uow.notices.get("2026/00001")
        assert notice is not None
        uow.notices.update(make_notice(status=NoticeStatus.PUBLISHED, published_at=NOW,
                                       restriction=Restriction(RestrictionMode.ALLOW, frozenset({"FR"}))))
        uow.commit()
    with pytest.raises(ValidationError, match="US may not receive") as exc:
        svc.send_message(m.id, _uow(engine), actor=JP, now=NOW)
    assert exc.value.field == "recipients[1]"
    with SqlUnitOfWork(engine) as uow:
        stored = uow.cooperation.get_message(m.id)
        assert stored is not None and stored.status is MessageStatus.DRAFT


def test_a_message_from_elsewhere_is_received_once(engine: Engine) -> None:
    doc = {"id": "FR-2026-M00042", "type": "information_request", "channel": "interpol", "sender": "FR",
           "recipients": ["JP"], "subject": "Who is this?", "body": "...", "deadline": "2026-12-31",
           "sent_at": NOW.isoformat(), "created_at": NOW.isoformat()}
    received, new = svc.receive_message(doc, _uow(engine), actor=JP, now=NOW)
    assert new and received.status is MessageStatus.RECEIVED and received.received_at == NOW
    again, new = svc.receive_message(doc, _uow(engine), actor=JP, now=NOW + timedelta(hours=1))
    assert not new and again == received
    with pytest.raises(Exception, match="other content"):
        svc.receive_message(doc | {"body": "changed"}, _uow(engine), actor=JP, now=NOW)
    with pytest.raises(ValidationError, match="not addressed to DE"):
        svc.receive_message(doc, _uow(engine), actor=DE, now=NOW)
    assert svc.acknowledge_message(received.id, _uow(engine), actor=JP, now=NOW).status is MessageStatus.ACKNOWLEDGED


def test_reminders_are_due_before_the_deadline_and_after_it(engine: Engine) -> None:
    _publish(engine)
    m = svc.draft_message(_request(deadline="2026-12-03"), _uow(engine), actor=JP, now=NOW)
    assert svc.due_messages(_uow(engine), actor=JP, on=date(2026, 11, 26)) == []  # a draft waits for no one
    svc.send_message(m.id, _uow(engine), actor=JP, now=NOW)
    (due,) = svc.due_messages(_uow(engine), actor=FR, on=date(2026, 11, 26))
    assert due[1].days_left == 7
    assert svc.due_messages(_uow(engine), actor=FR, on=date(2026, 11, 27)) == []
    assert svc.due_messages(_uow(engine), actor=JP, on=date(2026, 12, 5))[0][1].label == "overdue"


def test_a_case_runs_to_surrender_and_the_owner_is_asked_to_withdraw(engine: Engine) -> None:
    _publish(engine)
    case = svc.open_case({"notice": "2026/00001", "requested": "US", "located_on": "2026-11-01"}, _uow(engine),
                         actor=US, now=NOW)
    assert (case.id, case.person, case.requesting, case.requested) == ("US-2026-E00001", "TARO YAMADA", "JP", "US")
    with pytest.raises(IllegalTransition, match="request_received"):
        svc.advance_case(case.id, "request_sent", _uow(engine), actor=US, now=NOW, on=date(2026, 11, 2))
    with pytest.raises(IllegalTransition, match="from located to surrender"):
        svc.advance_case(case.id, "surrender", _uow(engine), actor=US, now=NOW, on=date(2026, 11, 2))
    with pytest.raises(PermissionDenied):
        svc.advance_case(case.id, "provisional_arrest", _uow(engine), actor=JP, now=NOW, on=date(2026, 11, 2))
    svc.advance_case(case.id, "provisional_arrest", _uow(engine), actor=US, now=NOW, on=date(2026, 11, 2))
    (w,) = svc.case_warnings(_uow(engine), actor=JP, today=date(2026, 12, 10), within_days=7)
    assert w.due_on == date(2026, 12, 17) and "45 days" in w.what  # JP-US treaty, Art. 9(4)
    for stage, day in (("request_received", 3), ("judicial_decision", 20), ("executive_decision", 24)):
        svc.advance_case(case.id, stage, _uow(engine), actor=US, now=NOW, on=date(2026, 11, day))
    done = svc.advance_case(case.id, "surrender", _uow(engine), actor=US, now=NOW, on=date(2026, 11, 25))
    assert done.case.stage is Stage.SURRENDER and done.follow_up is not None
    assert done.follow_up[0] is NoticeFollowUp.ASK_OWNER_TO_CANCEL
    assert done.notification is not None and done.notification.recipients[0].bureau == "JP"
    assert svc.get_message(done.notification.id, _uow(engine), actor=JP, now=NOW).message.cases == (case.id,)
    assert [c.id for c in svc.list_cases(_uow(engine), actor=JP)] == [case.id]
    assert svc.list_cases(_uow(engine), actor=FR) == []
    with pytest.raises(NotFound):
        svc.get_case(case.id, _uow(engine), actor=FR)


def test_a_case_stage_dated_in_the_future_is_refused_and_nothing_changes(engine: Engine) -> None:
    case = svc.open_case({"person": "IVANOV Ivan", "requesting": "JP", "requested": "FR"}, _uow(engine),
                         actor=JP, now=NOW)
    with pytest.raises(ValidationError) as exc:
        svc.advance_case(case.id, "provisional_arrest", _uow(engine), actor=JP, now=NOW, on=date(2026, 12, 1))
    assert exc.value.field == "on"
    assert svc.get_case(case.id, _uow(engine), actor=JP).stage is Stage.LOCATED


def test_a_confirmed_hit_opens_then_joins_a_case_and_notifies_the_owner(engine: Engine) -> None:
    _publish(engine)
    for hit_id in (1, 2):
        hit = QueuedHit(hit_id, "2026/00001", "FR", "FR", True, {}, 0.97, {}, NOW)
        with SqlUnitOfWork(engine) as uow:
            notification, case = svc.hit_confirmed(uow, hit, actor=FR, now=NOW)
            uow.commit()
        assert notification is not None and notification.recipients[0].bureau == "JP"
        assert case is not None and case.id == "FR-2026-E00001" and case.requested == "FR"
    assert case.hits == (1, 2) and len(case.messages) == 2
    total, inbox = svc.list_messages(_uow(engine), actor=JP, now=NOW)
    assert total == 2 and all(m.cases == ("FR-2026-E00001",) for m in inbox)


def test_operations_with_targets_results_and_a_report(engine: Engine) -> None:
    _publish(engine, entity_id="2026/00002", type=NoticeType.PURPLE, public_extract=False,
             restriction=Restriction(RestrictionMode.DENY, frozenset({"US"})))
    op = svc.create_operation({"name": "Pangea", "countries": ["FR", "US"], "started_on": "2026-10-01"},
                              _uow(engine), actor=JP, now=NOW)
    assert op.countries == ("JP", "FR", "US")
    with pytest.raises(ValidationError, match="US may not take part"):
        svc.add_target(op.id, "notice", "2026/00002", _uow(engine), actor=JP, now=NOW)
    op = svc.create_operation({"name": "Jewels", "countries": ["FR"]}, _uow(engine), actor=JP, now=NOW)
    op = svc.add_target(op.id, "notice", "2026/00002", _uow(engine), actor=JP, now=NOW)
    assert op.targets[0].notice_type == "purple"
    with pytest.raises(ValidationError, match="US may not take part"):
        svc.add_participants(op.id, ["US"], _uow(engine), actor=JP, now=NOW)
    with pytest.raises(PermissionDenied):
        svc.add_target(op.id, "person", "X", _uow(engine), actor=FR, now=NOW)
    op = svc.add_result(op.id, {"arrests": 4, "seizures": [{"item": "gold", "quantity": "2.5", "unit": "kg",
                                                            "value": "300000", "currency": "EUR"}]},
                        _uow(engine), actor=FR, now=NOW)
    with pytest.raises(PermissionDenied):
        svc.add_result(op.id, {"country": "JP", "arrests": 1}, _uow(engine), actor=FR, now=NOW)
    with pytest.raises(ValidationError) as exc:
        svc.add_result(op.id, {"seizures": [{"item": "gold", "quantity": "-1", "unit": "kg"}]}, _uow(engine),
                       actor=FR, now=NOW)
    assert exc.value.field == "seizures[0].quantity"
    svc.add_event(op.id, "Arrests in Paris", _uow(engine), actor=FR, now=NOW, country="FR")
    text = svc.operation_report(op.id, _uow(engine), actor=FR)
    assert "| FR | 4 | 2.5 kg gold (300,000 EUR) |" in text and "Arrests in Paris" in text
    assert [o.name for o in svc.list_operations(_uow(engine), actor=FR)] == ["Jewels", "Pangea"]
    with pytest.raises(NotFound):
        svc.get_operation(op.id, _uow(engine), actor=DE)
    graph = svc.link_graph(_uow(engine), actor=JP, around=f"operation:{op.id}", depth=1)
    assert "notice:2026/00002" in graph.nodes


def test_statistics_count_what_the_bureau_may_see(engine: Engine) -> None:
    _publish(engine)
    _publish(engine, entity_id="2026/00002", owner="FR", restriction=Restriction(RestrictionMode.DENY,
                                                                                  frozenset({"DE"})))
    m = svc.draft_message(_request(), _uow(engine), actor=JP, now=NOW - timedelta(days=3))
    svc.send_message(m.id, _uow(engine), actor=JP, now=NOW - timedelta(days=3))
    svc.answer_message(m.id, {"body": "found"}, _uow(engine), actor=FR, now=NOW)
    tables = {t.name: t for t in svc.statistics(_uow(engine), actor=JP, today=NOW.date())}
    assert tables["notices"].rows == ((2026, "red", "FR", 1), (2026, "red", "JP", 1))
    assert tables["response_times"].rows == (("locate_request", "interpol", 1, 1, 3.0, 3.0, 3.0),)
    de = {t.name: t for t in svc.statistics(_uow(engine), actor=DE, today=NOW.date())}
    assert de["notices"].rows == ((2026, "red", "JP", 1),) and de["response_times"].rows == ()


def _events(engine: Engine) -> list[tuple[str, str, str, str]]:
    with SqlUnitOfWork(engine, write=False) as uow:
        leaves = [event_from_leaf(e[1]) for e in uow.audit.entries()]
    return [(e.actor, e.action, e.object, e.outcome) for e in leaves]


def test_acknowledging_answering_and_closing_a_message_are_audited(engine: Engine) -> None:
    _publish(engine)
    m = svc.draft_message(_request(), _uow(engine), actor=JP, now=NOW)
    svc.send_message(m.id, _uow(engine), actor=JP, now=NOW)
    svc.acknowledge_message(m.id, _uow(engine), actor=FR, now=NOW, note="being checked")
    answer = svc.answer_message(m.id, {"body": "Located in Lyon."}, _uow(engine), actor=FR, now=NOW)
    svc.close_message(m.id, _uow(engine), actor=JP, now=NOW)
    events = _events(engine)
    obj = f"message:{m.id}"
    assert ("dupont@FR", "message.acknowledge", obj, "acknowledged") in events
    assert ("dupont@FR", "message.answer", obj, f"answered by {answer.id}") in events
    assert ("dupont@FR", "message.send", f"message:{answer.id}", "sent by interpol") in events
    assert ("sato@JP", "message.close", obj, "closed") in events
    with SqlUnitOfWork(engine, write=False) as uow:  # the note may name someone: only in the erasable payload
        assert all("being checked" not in e[1].decode() for e in list(uow.audit.entries()))


def test_every_operation_change_is_audited_and_personal_data_stays_out_of_the_leaf(engine: Engine) -> None:
    _publish(engine)
    op = svc.create_operation({"name": "Pangea", "countries": ["FR"]}, _uow(engine), actor=JP, now=NOW)
    svc.add_participants(op.id, ["DE"], _uow(engine), actor=JP, now=NOW)
    svc.add_target(op.id, "person", "YAMADA Taro", _uow(engine), actor=JP, now=NOW)
    svc.add_target(op.id, "notice", "2026/00001", _uow(engine), actor=JP, now=NOW)
    svc.add_result(op.id, {"arrests": 2}, _uow(engine), actor=FR, now=NOW)
    svc.add_event(op.id, "YAMADA Taro arrested in Lyon", _uow(engine), actor=FR, now=NOW, country="FR")
    obj = f"operation:{op.id}"
    assert [e for e in _events(engine) if e[2] == obj] == [
        ("sato@JP", "operation.create", obj, "created with JP, FR"),
        ("sato@JP", "operation.countries", obj, "countries added: DE"),
        ("sato@JP", "operation.target", obj, "person target added"),
        ("sato@JP", "operation.target", obj, "notice target added: notice 2026/00001"),
        ("dupont@FR", "operation.result", obj, "results of FR: 2 arrests, 0 seizures"),
        ("dupont@FR", "operation.timeline", obj, f"timeline entry of {NOW.date().isoformat()}")]
    with SqlUnitOfWork(engine, write=False) as uow:
        assert all("YAMADA" not in e[1].decode() for e in list(uow.audit.entries()))


def test_a_message_or_operation_change_whose_log_entry_fails_is_not_made(engine: Engine) -> None:
    _publish(engine)
    m = svc.draft_message(_request(), _uow(engine), actor=JP, now=NOW)
    svc.send_message(m.id, _uow(engine), actor=JP, now=NOW)
    op = svc.create_operation({"name": "Pangea", "countries": ["FR"]}, _uow(engine), actor=JP, now=NOW)
    refuse_audit_inserts(engine)
    for change in (lambda: svc.acknowledge_message(m.id, _uow(engine), actor=FR, now=NOW),
                   lambda: svc.close_message(m.id, _uow(engine), actor=JP, now=NOW),
                   lambda: svc.answer_message(m.id, {"body": "x"}, _uow(engine), actor=FR, now=NOW),
                   lambda: svc.add_participants(op.id, ["DE"], _uow(engine), actor=JP, now=NOW),
                   lambda: svc.add_event(op.id, "raid", _uow(engine), actor=FR, now=NOW)):
        with pytest.raises(DBAPIError, match="audit log unavailable"):
            change()
    with SqlUnitOfWork(engine, write=False) as uow:
        stored = uow.cooperation.get_message(m.id)
        assert stored is not None and stored.status is MessageStatus.SENT
        assert [e.action.value for e in uow.cooperation.message_history(m.id)] == ["create", "send"]
        assert uow.cooperation.messages(bureau="FR", limit=100)[0] == 1
        kept = uow.cooperation.get_operation(op.id)
        assert kept is not None and kept.countries == ("JP", "FR") and kept.timeline == ()
