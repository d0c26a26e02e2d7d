from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import Engine, func, select

from ncb.domain.lifecycle import creation
from ncb.domain.names import Name
from ncb.domain.notices import NoticeStatus
from ncb.domain.retention import RetentionReminder
from ncb.domain.screening import QueuedHit, TravelRecord
from ncb.domain.subject_requests import (
    Consultation,
    OwnerAnswer,
    Requester,
    RequestEvent,
    RequestKind,
    RequestStatus,
    make_reference,
    receive,
)
from ncb.services.ports import StoredImage
from ncb.storage.tables import images, metadata, notice_documents, notice_transitions, notices, screening_hits
from ncb.storage.uow import SqlUnitOfWork
from tests.builders import make_notice

NOW = datetime(2026, 11, 26, 9, 30, tzinfo=UTC)
REQUESTER = Requester.from_dict({"family_name": "Yamada", "forenames": "Taro", "date_of_birth": "1989/04/16",
                                 "contact": "taro@example.jp", "other_names": ["山田太郎"], "nationality": "JP"})


def test_a_request_its_events_and_consultations_are_kept_and_read_back(engine: Engine) -> None:
    request, event = receive(RequestKind.DELETION, REQUESTER, "Delete my data.", reference=make_reference(b"1" * 10),
                             now=NOW)
    with SqlUnitOfWork(engine) as uow:
        stored = uow.subject_requests.add(request)
        uow.subject_requests.add_event(request.reference, event)
        asked = uow.subject_requests.add_consultation(Consultation(None, request.reference, "2026/00001", "JP",
                                                                   RequestKind.DELETION, "May it be deleted?", NOW))
        uow.commit()
    assert stored.id is not None and asked.id is not None
    with SqlUnitOfWork(engine, write=False) as uow:
        assert uow.subject_requests.get(request.reference) == stored
        assert uow.subject_requests.events(request.reference) == [event]
        assert uow.subject_requests.consultations_for("JP", open_only=True) == [asked]
        assert uow.subject_requests.consultations_for("FR") == []
        assert uow.subject_requests.find({RequestStatus.RECEIVED}) == [stored]
        assert uow.subject_requests.find({RequestStatus.CLOSED}) == []
    answered = replace(asked, answer=OwnerAnswer.OBJECTS, answer_note="Yamada is still sought",
                       answered_by="sato@JP", answered_at=NOW)
    changed = replace(stored, status=RequestStatus.OWNER_CONSULTED, notice_ids=("2026/00001", "2026/00002"),
                      admitted_on=date(2026, 11, 27), due_on=date(2027, 8, 27))
    with SqlUnitOfWork(engine) as uow:
        uow.subject_requests.save_consultation(answered)
        uow.subject_requests.save(changed)
        uow.subject_requests.add_event(request.reference, RequestEvent(NOW, "dpo@JP", "note", "Yamada called"))
        uow.subject_requests.rewrite_text(request.reference, lambda t: t.replace("Yamada", "[erased]") if t else t)
        uow.commit()
    with SqlUnitOfWork(engine, write=False) as uow:
        assert uow.subject_requests.get(request.reference) == changed
        assert uow.subject_requests.consultation(asked.id) == replace(answered, answer_note="[erased] is still sought")
        assert uow.subject_requests.consultations_for("JP", open_only=True) == []
        assert uow.subject_requests.events(request.reference)[-1].note == "[erased] called"


def test_an_erased_requester_is_stored_as_nothing(engine: Engine) -> None:
    request, _ = receive("access", REQUESTER, "What do you hold?", reference=make_reference(b"2" * 10), now=NOW)
    with SqlUnitOfWork(engine) as uow:
        uow.subject_requests.add(replace(request, requester=None, erased_at=NOW))
        uow.commit()
    with SqlUnitOfWork(engine, write=False) as uow:
        got = uow.subject_requests.get(request.reference)
        stored = uow.subject_requests.conn.execute(select(func.count()).select_from(
            metadata.tables["subject_requests"]).where(metadata.tables["subject_requests"].c.requester.is_(None)))
        assert got is not None and got.requester is None and stored.scalar_one() == 1


def test_erasing_a_notice_removes_every_row_about_it_and_nothing_else(engine: Engine) -> None:
    kept = make_notice(entity_id="2026/00002", names=(Name(name="SUZUKI", forename="HANAKO"),))
    gone = make_notice(status=NoticeStatus.PUBLISHED)
    with SqlUnitOfWork(engine) as uow:
        for n in (gone, kept):
            uow.notices.add(n)
            uow.notices.add_transition(creation(n, actor="sato@JP", now=NOW))
            uow.notices.add_image(StoredImage(f"p{n.entity_id[-1]}", n.entity_id, "image/jpeg", b"\xff\xd8jpeg"))
            uow.hits.add(QueuedHit(None, n.entity_id, "JP", "JP", True, {"names": ["YAMADA TARO"]}, 0.9, {}, NOW))
        record_id = uow.travel_records.add(TravelRecord(None, "JP", NOW, NOW + timedelta(days=30),
                                                         {"names": ["YAMADA TARO"]}))
        uow.commit()
    with SqlUnitOfWork(engine) as uow:
        assert uow.notices.erase(gone.entity_id) is True
        assert uow.notices.erase("2026/09999") is False
        assert uow.travel_records.delete([record_id]) == 1
        uow.commit()
    with engine.connect() as conn:
        for table in (notices, notice_documents, notice_transitions, images, screening_hits):
            assert conn.execute(select(func.count()).select_from(table)).scalar_one() == 1, table.name
    with SqlUnitOfWork(engine, write=False) as uow:
        assert uow.notices.get(gone.entity_id) is None and uow.notices.get(kept.entity_id) == kept
        assert list(uow.travel_records.current(NOW)) == []


def test_a_reminder_is_recorded_once_per_notice_and_expiry(engine: Engine) -> None:
    first = RetentionReminder("2026/00001", date(2031, 11, 26), "JP", NOW)
    with SqlUnitOfWork(engine) as uow:
        assert uow.retention.add_reminder(first) is True
        assert uow.retention.add_reminder(replace(first, sent_at=NOW + timedelta(days=1))) is False
        assert uow.retention.add_reminder(replace(first, expires_on=date(2036, 11, 26))) is True
        assert uow.retention.add_reminder(RetentionReminder("2026/00002", date(2031, 1, 1), "FR", NOW)) is True
        uow.commit()
    with SqlUnitOfWork(engine) as uow:
        assert [r.notice_id for r in uow.retention.reminders("JP")] == ["2026/00001", "2026/00001"]
        assert uow.retention.reminders("JP")[0] == first
        assert [r.bureau for r in uow.retention.reminders()] == ["FR", "JP", "JP"]
        assert uow.retention.forget("2026/00001") == 2
        uow.commit()
        assert [r.notice_id for r in uow.retention.reminders()] == ["2026/00002"]
