"""Screening use cases with a fake unit of work: rights on hits, the owner told, the queue."""

from __future__ import annotations

import pytest

from ncb.domain.access import Viewer
from ncb.domain.identity import Actor
from ncb.domain.notices import NoticeStatus, Restriction, RestrictionMode
from ncb.domain.screening import HitStatus
from ncb.errors import IllegalTransition, NotFound, ValidationError
from ncb.matching import Person
from ncb.services import screening as svc
from tests.builders import make_notice
from tests.conftest import NOW, TODAY
from tests.fakes import FakeUnitOfWork

TRAVELLER = Person("pax-1", ("山田太郎",), "1989/04/16", ("JP",), "M")


def officer(country: str, name: str = "officer") -> Actor:
    return Actor(name, Viewer.bureau(country))


def setup(restriction: Restriction | None = None) -> FakeUnitOfWork:
    restriction = restriction or Restriction()
    uow = FakeUnitOfWork()
    uow.notices.add(make_notice(status=NoticeStatus.PUBLISHED, restriction=restriction))
    uow.notices.add(make_notice(entity_id="2026/00002", status=NoticeStatus.DRAFT))
    return uow


def test_only_published_person_notices_are_indexed() -> None:
    index = svc.build_index(setup(), today=TODAY)
    assert len(index) == 1 and "2026/00001" in index


def test_a_traveller_hit_is_shown_explained_and_queued_for_the_screening_bureau() -> None:
    uow = setup()
    index = svc.build_index(uow, today=TODAY)
    hits = svc.check_traveller(TRAVELLER, index, uow, actor=officer("FR"), now=NOW)
    assert [h.candidate_id for h in hits] == ["2026/00001"]
    assert hits[0].alignment and hits[0].alignment.candidate_name in ("TARO YAMADA", "山田太郎")
    queued = svc.hit_queue(uow, actor=officer("FR"), now=NOW)
    assert [(q.entity_id, q.disclosed) for q in queued] == [("2026/00001", True)]


def test_a_notice_a_country_may_not_see_never_appears_and_its_owner_is_told() -> None:
    uow = setup(Restriction(RestrictionMode.DENY, frozenset({"FR"})))
    index = svc.build_index(uow, today=TODAY)
    assert svc.check_traveller(TRAVELLER, index, uow, actor=officer("FR"), now=NOW) == []
    assert svc.hit_queue(uow, actor=officer("FR"), now=NOW) == []
    told = svc.hit_queue(uow, actor=officer("JP"), now=NOW)
    assert [(q.entity_id, q.screened_by, q.disclosed) for q in told] == [("2026/00001", "FR", False)]


def test_an_officer_confirms_or_dismisses_once_with_a_reason() -> None:
    uow = setup()
    index = svc.build_index(uow, today=TODAY)
    svc.check_traveller(TRAVELLER, index, uow, actor=officer("JP"), now=NOW)
    hit_id = svc.hit_queue(uow, actor=officer("JP"), now=NOW)[0].id
    assert hit_id is not None
    with pytest.raises(ValidationError, match="reason"):
        svc.decide_hit(hit_id, HitStatus.DISMISSED, uow, actor=officer("JP", "sato"), now=NOW,
                       reason=" ")
    with pytest.raises(NotFound):
        svc.decide_hit(hit_id, HitStatus.CONFIRMED, uow, actor=officer("FR", "x"), now=NOW,
                       reason="not ours")
    decided = svc.decide_hit(hit_id, HitStatus.CONFIRMED, uow, actor=officer("JP", "sato"), now=NOW,
                             reason="passport photo matches")
    assert (decided.status, decided.decided_by, decided.reason) == (HitStatus.CONFIRMED, "sato",
                                                                    "passport photo matches")
    with pytest.raises(IllegalTransition, match="already confirmed"):
        svc.decide_hit(hit_id, HitStatus.DISMISSED, uow, actor=officer("JP", "sato"), now=NOW,
                       reason="changed my mind")


def test_the_index_follows_a_withdrawal_without_a_rebuild() -> None:
    uow = setup()
    index = svc.build_index(uow, today=TODAY)
    svc.refresh_in_index(index, make_notice(status=NoticeStatus.WITHDRAWN))
    assert "2026/00001" not in index or len(index) == 0


@pytest.mark.parametrize(("record", "field"), [
    ({"id": "1", "name": "!!! ..."}, "name"),
    ({"id": "2", "name": "John Smith", "date_of_birth": "2023/02/30"}, "date_of_birth"),
    ({"id": "3", "name": "John Smith", "nationality": "XX"}, "nationality"),
    ({"id": "4"}, "name"),
    ({"id": "5", "mrz": "P<UTOERIKSSON<<ANNA"}, "mrz"),
])
def test_a_bad_record_gets_a_clear_error_naming_the_field(record: dict[str, str], field: str) -> None:
    with pytest.raises(ValidationError) as err:
        svc.traveller_from_record(record, "line", today=TODAY)
    assert err.value.field == field


def test_a_traveller_can_be_read_from_a_passport_mrz() -> None:
    from datetime import date

    from ncb.matching.mrz import make_mrz_td3

    mrz = make_mrz_td3(surname="YAMADA", given_names="TARO", document_number="TK1234567", nationality="JPN",
                       date_of_birth=date(1989, 4, 16), sex="M", expiry_date=date(2030, 1, 1))
    person = svc.traveller_from_record({"id": "p", "mrz": mrz}, "line", today=TODAY)
    assert (person.names, person.date_of_birth, person.nationalities, person.documents) == (
        ("TARO YAMADA",), "1989/04/16", ("JP",), ("TK1234567",))


def test_a_notice_published_later_is_screened_against_the_travellers_kept() -> None:
    from datetime import timedelta

    from ncb.domain.notices import Restriction as R

    uow = FakeUnitOfWork()
    index = svc.build_index(uow, today=TODAY)
    svc.check_traveller(TRAVELLER, index, uow, actor=officer("FR"), now=NOW, keep_for=timedelta(days=30))
    svc.check_traveller(Person("pax-2", ("Anna Schmidt",)), index, uow, actor=officer("DE"), now=NOW,
                        keep_for=timedelta(days=30))
    assert len(uow.travel_records.rows) == 2
    published = make_notice(status=NoticeStatus.PUBLISHED, restriction=R(RestrictionMode.DENY, frozenset({"DE"})))
    uow.notices.add(published)
    assert svc.retro_screen(published, uow, now=NOW + timedelta(days=3)) == 1
    [hit] = svc.hit_queue(uow, actor=officer("FR"), now=NOW)
    assert hit.query["retro"] is True and hit.entity_id == "2026/00001"


def test_expired_travel_records_are_purged_and_never_screened() -> None:
    from datetime import timedelta

    uow = FakeUnitOfWork()
    index = svc.build_index(uow, today=TODAY)
    svc.check_traveller(TRAVELLER, index, uow, actor=officer("FR"), now=NOW, keep_for=timedelta(days=30))
    published = make_notice(status=NoticeStatus.PUBLISHED)
    uow.notices.add(published)
    assert svc.retro_screen(published, uow, now=NOW + timedelta(days=31)) == 0
    assert uow.travel_records.rows == []


def test_a_check_is_an_audit_event_naming_the_bureaus_told_with_the_traveller_only_in_its_payload() -> None:
    from ncb.audit.entries import event_from_leaf

    uow = setup(Restriction(RestrictionMode.DENY, frozenset({"FR"})))
    index = svc.build_index(uow, today=TODAY)
    svc.check_traveller(TRAVELLER, index, uow, actor=Actor("desk.12", Viewer.bureau("FR"), purpose="arrivals"),
                        now=NOW)
    (row, _), = uow.audit.rows
    event = event_from_leaf(row.leaf)
    assert (event.action, event.object, event.outcome, event.recipients) == (
        "screening.check", "traveller:pax-1", "0 hits shown", ("JP",))
    assert "山田".encode() not in row.leaf and "山田太郎" in (row.payload or "")
    assert "notice:2026/00001" in row.subjects


def test_showing_the_queue_and_deciding_a_hit_are_audit_events() -> None:
    from ncb.audit.entries import event_from_leaf

    uow = setup()
    index = svc.build_index(uow, today=TODAY)
    svc.check_traveller(TRAVELLER, index, uow, actor=officer("JP"), now=NOW)
    [queued] = svc.hit_queue(uow, actor=officer("JP", "sato"), now=NOW)
    assert queued.id is not None
    svc.decide_hit(queued.id, HitStatus.DISMISSED, uow, actor=officer("JP", "sato"), now=NOW,
                   reason="different person: Yamada Jiro")
    events = [event_from_leaf(row.leaf) for row, _ in uow.audit.rows]
    assert [(e.action, e.object, e.outcome) for e in events] == [
        ("screening.check", "traveller:pax-1", "1 hits shown"), ("hits.shown", "hit-queue:JP", "1 hits shown"),
        ("hit.dismissed", f"hit:{queued.id}", "dismissed")]
    assert b"Jiro" not in uow.audit.rows[2][0].leaf and "Jiro" in (uow.audit.rows[2][0].payload or "")


def test_a_refused_decision_is_recorded_and_changes_nothing() -> None:
    uow = setup()
    index = svc.build_index(uow, today=TODAY)
    svc.check_traveller(TRAVELLER, index, uow, actor=officer("JP"), now=NOW)
    with pytest.raises(NotFound):
        svc.decide_hit(1, HitStatus.CONFIRMED, uow, actor=officer("FR"), now=NOW, reason="not ours")
    assert uow.hits.rows[1].status is HitStatus.PENDING
    assert b'"outcome":"refused: not found"' in uow.audit.rows[-1][0].leaf


def test_a_list_checked_together_is_checked_as_so_many_single_checks() -> None:
    uow = setup()
    index = svc.build_index(uow, today=TODAY)
    people = [TRAVELLER, Person("pax-2", ("Somebody Else",), "1950/01/01"), Person("pax-3", ("TARO YAMADA",))]
    together = svc.check_travellers(people, index, lambda: uow, actor=officer("FR"), now=NOW)
    assert [[h.candidate_id for h in hits] for hits in together] == [["2026/00001"], [], ["2026/00001"]]
    alone = [svc.check_traveller(p, index, uow, actor=officer("FR"), now=NOW) for p in people]
    assert together == alone
    assert len(svc.hit_queue(uow, actor=officer("FR"), now=NOW)) == 4  # each hit queued, twice over
