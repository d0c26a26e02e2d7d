"""Data-subject requests end to end on both backends: the form, admissibility, the owners consulted, the decision
and the erasure that leaves nothing of the person behind."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from typing import Any

import pytest
from sqlalchemy import Engine, LargeBinary, String, Text, inspect, select

from ncb.domain.access import Viewer
from ncb.domain.dates import PartialDate
from ncb.domain.identity import Actor, Role
from ncb.domain.lifecycle import creation
from ncb.domain.names import Name, NameKind
from ncb.domain.notices import Action, NoticeStatus, Transition
from ncb.domain.screening import QueuedHit, TravelRecord
from ncb.domain.search import NoticeFilter
from ncb.domain.subject_requests import RequestStatus, make_reference
from ncb.errors import IllegalTransition, NotFound, PermissionDenied, ValidationError
from ncb.matching import Person
from ncb.services import data_protection as svc
from ncb.services import screening
from ncb.services.ports import StoredImage
from ncb.storage.tables import metadata
from ncb.storage.uow import SqlUnitOfWork
from tests.builders import make_notice
from tests.conftest import NOW, TODAY

DPO = Actor("kato@JP", Viewer.bureau("JP"), frozenset({Role.DATA_PROTECTION_OFFICER}))
OFFICER_JP = Actor("sato@JP", Viewer.bureau("JP"))
OFFICER_FR = Actor("martin@FR", Viewer.bureau("FR"))
NAMES = ("takahashi", "kenji", "高橋", "健二")
FORM = {"kind": "deletion", "family_name": "Takahashi", "forenames": "Kenji", "date_of_birth": "1975/02/03",
        "contact": "k.takahashi@example.jp", "other_names": ["高橋健二"], "nationality": "JP",
        "details": "I, Kenji Takahashi, ask for every record about me to be deleted."}
SUBJECT_NAMES = (Name(name="TAKAHASHI", forename="KENJI"),
                 Name(full_text="高橋健二", name="高橋", forename="健二", kind=NameKind.ORIGINAL_SCRIPT))


def entropy(n: int = 1) -> Any:
    return lambda: n.to_bytes(10, "big")


def populate(engine: Engine) -> None:
    """Two notices about Takahashi (JP's and FR's), one about someone else; an image, a history that names him,
    a traveller checked and kept, a hit queued."""
    mine = make_notice(entity_id="2026/00011", names=SUBJECT_NAMES, date_of_birth=PartialDate(1975, 2, 3),
                       status=NoticeStatus.PUBLISHED, published_at=NOW, expires_on=date(2031, 11, 26))
    french = replace(mine, entity_id="2026/00012", owner="FR")
    other = make_notice(entity_id="2026/00013", status=NoticeStatus.PUBLISHED, published_at=NOW,
                        expires_on=date(2031, 11, 26))
    with SqlUnitOfWork(engine) as uow:
        for n in (mine, french, other):
            uow.notices.add(n)
            uow.notices.add_transition(creation(n, actor="sato@JP", now=NOW))
        uow.notices.add_transition(Transition("2026/00011", Action.EDIT, NoticeStatus.PUBLISHED,
                                              NoticeStatus.PUBLISHED, "sato@JP", NOW,
                                              reason="Takahashi Kenji seen in Osaka"))
        uow.notices.add_image(StoredImage("pic11", "2026/00011", "image/jpeg", "高橋健二".encode()))
        uow.commit()
    # Two travellers checked at the border and kept for retro-screening; Takahashi's check hit both notices.
    with SqlUnitOfWork(engine) as uow:
        for names, dob in ((["KENJI TAKAHASHI"], "1975/02/03"), (["SUZUKI HANAKO"], "1990/01/01")):
            uow.travel_records.add(TravelRecord(None, "JP", NOW, NOW + timedelta(days=30),
                                                {"id": "pax", "names": names, "date_of_birth": dob}))
        for entity_id in ("2026/00011", "2026/00012"):
            uow.hits.add(QueuedHit(None, entity_id, "JP", "JP", True, {"names": ["KENJI TAKAHASHI"]}, 0.97,
                                   {"names": {"query": "KENJI TAKAHASHI", "candidate": "TAKAHASHI KENJI"}}, NOW))
        uow.commit()


def texts_naming(engine: Engine, words: tuple[str, ...] = NAMES) -> list[tuple[str, str, str]]:
    """Every (table, column, value) of every text or binary column of every table that holds one of ``words``."""
    found = []
    with engine.connect() as conn:
        for name in inspect(conn).get_table_names():
            table = metadata.tables.get(name)
            if table is None:
                continue
            columns = [c for c in table.columns if isinstance(c.type, String | Text | LargeBinary)]
            for row in conn.execute(select(*columns)) if columns else ():
                for column, value in zip(columns, row, strict=True):
                    text = value.decode("utf-8", "replace") if isinstance(value, bytes) else value
                    if isinstance(text, str) and any(w in text.casefold() for w in words):
                        found.append((name, column.name, text[:80]))
    return found


def deleted_everywhere(engine: Engine) -> str:
    """Run a deletion request through every step; returns its reference."""
    request = svc.submit_request(FORM, SqlUnitOfWork(engine), now=NOW, entropy=entropy())
    svc.admit_request(request.reference, SqlUnitOfWork(engine), actor=DPO, now=NOW)
    asked = svc.consult_owners(request.reference, SqlUnitOfWork(engine), actor=DPO, now=NOW)
    assert [(c.notice_id, c.bureau) for c in asked] == [("2026/00011", "JP"), ("2026/00012", "FR")]
    svc.answer_question(asked[0].id or 0, "agrees", None, SqlUnitOfWork(engine), actor=OFFICER_JP, now=NOW)
    svc.answer_question(asked[1].id or 0, "objects", "Takahashi is still wanted in Lyon", SqlUnitOfWork(engine),
                        actor=OFFICER_FR, now=NOW)
    svc.decide_request(request.reference, "granted", "Mr Takahashi was acquitted; no ground to keep the data.",
                       SqlUnitOfWork(engine), actor=DPO, now=NOW)
    done = svc.carry_out_request(request.reference, SqlUnitOfWork(engine), actor=DPO, now=NOW + timedelta(days=3))
    assert done.erasure.notices == ("2026/00011", "2026/00012")
    assert done.erasure.travel_records == 1
    return request.reference


def test_a_deletion_carried_out_leaves_no_trace_of_the_persons_names_in_any_table(engine: Engine) -> None:
    populate(engine)
    assert {t for t, _, _ in texts_naming(engine)} >= {"notices", "notice_documents", "notice_transitions", "images",
                                                       "screening_hits", "travel_records"}
    reference = deleted_everywhere(engine)
    assert texts_naming(engine) == []
    assert texts_naming(engine, ("k.takahashi@example.jp", "1975/02/03")) == []
    with SqlUnitOfWork(engine, write=False) as uow:
        assert uow.notices.get("2026/00013") is not None  # someone else's notice stays
        assert [r.person["names"] for r in uow.travel_records.current(NOW)] == [["SUZUKI HANAKO"]]
        request = uow.subject_requests.get(reference)
        assert request is not None and request.status is RequestStatus.CARRIED_OUT and request.requester is None
        events = [e.event for e in uow.subject_requests.events(reference)]
    assert events == ["received", "admissible", "owner_consulted", "owner_answered", "owner_answered", "decided",
                      "carried_out"]
    assert svc.request_status(reference, SqlUnitOfWork(engine)) == {
        "reference": reference, "kind": "deletion", "status": "carried_out", "received_on": "2026-11-26",
        "due_on": None, "outcome": "granted"}


def test_an_erased_notice_is_gone_from_screening_and_the_public_lists(engine: Engine) -> None:
    populate(engine)
    deleted_everywhere(engine)
    index = screening.build_index(SqlUnitOfWork(engine, write=False), today=TODAY)
    assert index.search(Person("q", ("KENJI TAKAHASHI",), "1975/02/03")) == []
    with SqlUnitOfWork(engine, write=False) as uow:
        for viewer in (Viewer.public(), Viewer.bureau("JP"), Viewer.bureau("FR"), None):
            page = uow.notices.find(NoticeFilter(name="takahashi"), today=TODAY, visible_to=viewer, offset=0,
                                    limit=10)
            assert page.total == 0


def test_a_refused_form_stores_nothing(engine: Engine) -> None:
    for bad, field in [({"family_name": ""}, "family_name"), ({"kind": "erase"}, "kind"),
                       ({"date_of_birth": "1975/02/30"}, "date_of_birth"), ({"details": ""}, "details"),
                       ({"password": "x"}, "password"), ({"kind": None}, "kind")]:
        with pytest.raises(ValidationError) as err:
            svc.submit_request({**FORM, **bad}, SqlUnitOfWork(engine), now=NOW, entropy=entropy())
        assert err.value.field == field
    with pytest.raises(ValidationError):
        svc.submit_request(["not", "a", "form"], SqlUnitOfWork(engine), now=NOW)  # type: ignore[arg-type]
    assert texts_naming(engine, ("takahashi", "deletion")) == []
    with SqlUnitOfWork(engine, write=False) as uow:
        assert uow.subject_requests.find() == []


def test_requests_are_invisible_to_officers(engine: Engine) -> None:
    request = svc.submit_request(FORM, SqlUnitOfWork(engine), now=NOW)
    for officer in (OFFICER_JP, Actor("gs", Viewer.general_secretariat()),
                    Actor("root", Viewer.public(), frozenset({Role.SYSTEM_ADMIN}))):
        with pytest.raises(PermissionDenied, match="handle_subject_requests"):
            svc.list_requests(SqlUnitOfWork(engine), actor=officer, today=TODAY)
        with pytest.raises(PermissionDenied):
            svc.get_request(request.reference, SqlUnitOfWork(engine), actor=officer)
        with pytest.raises(PermissionDenied):
            svc.admit_request(request.reference, SqlUnitOfWork(engine), actor=officer, now=NOW)
    assert [r.reference for r in svc.list_requests(SqlUnitOfWork(engine), actor=DPO, today=TODAY)] == [
        request.reference]


def test_a_consulted_bureau_sees_only_the_question_about_its_own_notice(engine: Engine) -> None:
    populate(engine)
    request = svc.submit_request({**FORM, "kind": "access"}, SqlUnitOfWork(engine), now=NOW)
    svc.admit_request(request.reference, SqlUnitOfWork(engine), actor=DPO, now=NOW)
    asked = svc.consult_owners(request.reference, SqlUnitOfWork(engine), actor=DPO, now=NOW)
    seen = svc.owner_questions(SqlUnitOfWork(engine), actor=OFFICER_FR)
    assert [c.notice_id for c in seen] == ["2026/00012"]
    assert not any(w in str(seen[0].officer_view()).casefold() for w in NAMES)
    jp_question = next(c for c in asked if c.bureau == "JP")
    with pytest.raises(NotFound, match="no question"):
        svc.answer_question(jp_question.id or 0, "agrees", None, SqlUnitOfWork(engine), actor=OFFICER_FR, now=NOW)
    with pytest.raises(PermissionDenied, match="only the officers of a bureau"):
        svc.owner_questions(SqlUnitOfWork(engine), actor=Actor("gs", Viewer.general_secretariat()))


def test_an_access_granted_discloses_the_notices_the_decision_covers(engine: Engine) -> None:
    populate(engine)
    request = svc.submit_request({**FORM, "kind": "access"}, SqlUnitOfWork(engine), now=NOW)
    svc.admit_request(request.reference, SqlUnitOfWork(engine), actor=DPO, now=NOW)
    asked = svc.consult_owners(request.reference, SqlUnitOfWork(engine), actor=DPO, now=NOW)
    for c, who in zip(asked, (OFFICER_JP, OFFICER_FR), strict=True):
        svc.answer_question(c.id or 0, "agrees" if who is OFFICER_JP else "objects",
                            None if who is OFFICER_JP else "Ongoing case", SqlUnitOfWork(engine), actor=who, now=NOW)
    with pytest.raises(IllegalTransition, match="from owner_consulted to carried_out"):
        svc.carry_out_request(request.reference, SqlUnitOfWork(engine), actor=DPO, now=NOW)
    decided = svc.decide_request(request.reference, "partly", "France objects", SqlUnitOfWork(engine), actor=DPO,
                                 now=NOW, granted=["2026/00011"])
    assert decided.due_on == date(2027, 3, 26)  # the decision deadline still stands (nothing more is due)
    done = svc.carry_out_request(request.reference, SqlUnitOfWork(engine), actor=DPO, now=NOW)
    assert [d["entity_id"] for d in done.disclosure] == ["2026/00011"]
    assert done.erasure.notices == () and done.request.requester is not None
    with SqlUnitOfWork(engine, write=False) as uow:
        assert uow.notices.get("2026/00011") is not None


def test_consulting_with_named_notices_and_an_unknown_one(engine: Engine) -> None:
    populate(engine)
    request = svc.submit_request(FORM, SqlUnitOfWork(engine), now=NOW, entropy=entropy(5))
    assert request.reference == make_reference((5).to_bytes(10, "big"))
    assert [n["entity_id"] for n in svc.concerned_notices(request.reference, SqlUnitOfWork(engine), actor=DPO,
                                                          today=TODAY)] == ["2026/00011", "2026/00012"]
    svc.admit_request(request.reference, SqlUnitOfWork(engine), actor=DPO, now=NOW)
    with pytest.raises(NotFound, match="2026/09999"):
        svc.consult_owners(request.reference, SqlUnitOfWork(engine), actor=DPO, now=NOW,
                           notice_ids=["2026/00011", "2026/09999"])
    with SqlUnitOfWork(engine, write=False) as uow:
        assert uow.subject_requests.consultations(request.reference) == []  # nothing half-written
    asked = svc.consult_owners(request.reference, SqlUnitOfWork(engine), actor=DPO, now=NOW,
                               notice_ids=["2026/00011"])
    assert [c.notice_id for c in asked] == ["2026/00011"]
    file = svc.get_request(request.reference.lower(), SqlUnitOfWork(engine), actor=DPO)
    assert file.as_dict(TODAY)["notices"] == [{"entity_id": "2026/00011", "type": "red", "status": "published",
                                               "owner": "JP"}]


def test_an_unknown_or_malformed_reference(engine: Engine) -> None:
    with pytest.raises(NotFound):
        svc.request_status("DSR-0000-0000-0000-0001", SqlUnitOfWork(engine))
    with pytest.raises(ValidationError, match="not a request reference"):
        svc.request_status("1' OR '1'='1", SqlUnitOfWork(engine))


def test_late_requests_are_listed_by_deadline(engine: Engine) -> None:
    access = svc.submit_request({**FORM, "kind": "access"}, SqlUnitOfWork(engine), now=NOW, entropy=entropy(1))
    svc.submit_request(FORM, SqlUnitOfWork(engine), now=NOW, entropy=entropy(2))
    late = svc.list_requests(SqlUnitOfWork(engine), actor=DPO, today=date(2027, 3, 20), late_only=True)
    assert [r.reference for r in late] == [access.reference]
    everything = svc.list_requests(SqlUnitOfWork(engine), actor=DPO, today=TODAY,
                                   statuses={RequestStatus.RECEIVED})
    assert len(everything) == 2


def test_the_audit_trail_still_verifies_after_an_erasure(engine: Engine) -> None:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    from ncb.audit.keys import LogKey
    from ncb.services import audit

    key = LogKey("ncb.JP/audit", (private := Ed25519PrivateKey.generate()).public_key(), private)
    populate(engine)
    with SqlUnitOfWork(engine) as uow:  # an officer's earlier consultation, with the query kept as its payload
        audit.record(uow, actor=OFFICER_JP, action="consult", object="notice:2026/00011", outcome="allowed", now=NOW,
                     personal_data={"query": "Takahashi Kenji 1975/02/03"})
        uow.commit()
    before = audit.checkpoint(SqlUnitOfWork(engine), key, NOW)
    deleted_everywhere(engine)
    assert texts_naming(engine) == []  # the payload is erased
    report = audit.verify(SqlUnitOfWork(engine, write=False), key, known=before.note)
    assert report.ok, report.message
    with SqlUnitOfWork(engine, write=False) as uow:
        entries = uow.audit.recent(10)
    erasures = [e for e in entries if b'"action":"erase"' in e.leaf]
    assert len(erasures) == 2 and all(b"data-subject request" in e.leaf for e in erasures)
    assert [e.erased_at is not None for e in entries if b'"action":"consult"' in e.leaf] == [True]


def test_the_same_flow_on_the_fakes_and_nothing_half_written_on_an_error() -> None:
    from tests.fakes import FakeUnitOfWork

    uow = FakeUnitOfWork()
    uow.notices.add(make_notice(entity_id="2026/00011", names=SUBJECT_NAMES, date_of_birth=PartialDate(1975, 2, 3),
                                status=NoticeStatus.PUBLISHED))
    uow.notices.add(make_notice(entity_id="2026/00013", status=NoticeStatus.PUBLISHED))
    request = svc.submit_request(FORM, uow, now=NOW, entropy=entropy())
    svc.admit_request(request.reference, uow, actor=DPO, now=NOW)
    with pytest.raises(NotFound):
        svc.consult_owners(request.reference, uow, actor=DPO, now=NOW, notice_ids=["2026/00011", "2026/09999"])
    assert uow.subject_requests.consultations(request.reference) == []
    asked = svc.consult_owners(request.reference, uow, actor=DPO, now=NOW)
    svc.answer_question(asked[0].id or 0, "agrees", None, uow, actor=OFFICER_JP, now=NOW)
    svc.decide_request(request.reference, "granted", "ok", uow, actor=DPO, now=NOW)
    done = svc.carry_out_request(request.reference, uow, actor=DPO, now=NOW)
    assert done.erasure.notices == ("2026/00011",) and list(uow.notices.notices) == ["2026/00013"]
    assert uow.committed and uow.subject_requests.requests[request.reference].requester is None
