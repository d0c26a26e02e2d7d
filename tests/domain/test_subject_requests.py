from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import pytest

from ncb.domain.dates import PartialDate
from ncb.domain.names import Name
from ncb.domain.notices import NoticeStatus, Subject, SubjectKind
from ncb.domain.subject_requests import (
    CARRY_OUT_DELETION,
    DECISION_DEADLINES,
    Outcome,
    OwnerAnswer,
    Requester,
    RequestKind,
    RequestStatus,
    admit,
    answer,
    carry_out,
    concerns,
    consult,
    decide,
    declare_inadmissible,
    due_soon_or_overdue,
    erase_requester,
    make_reference,
    parse_reference,
    receive,
    redact,
)
from ncb.errors import IllegalTransition, ValidationError
from tests.builders import make_notice

NOW = datetime(2026, 11, 26, 9, 0, tzinfo=UTC)
DPO = "dpo.kato"
FORM = {"family_name": "Yamada", "forenames": "Taro", "date_of_birth": "1989/04/16",
        "contact": "taro@example.jp", "other_names": ["山田太郎"]}


def requester(**overrides: object) -> Requester:
    return Requester.from_dict({**FORM, **overrides})


def received(kind: RequestKind = RequestKind.DELETION):
    request, _ = receive(kind, requester(), "Please delete the data you hold on me.",
                         reference=make_reference(bytes(10)), now=NOW)
    return request


def consulted(kind: RequestKind = RequestKind.DELETION):
    request, _ = admit(received(kind), actor=DPO, now=NOW)
    notices = [make_notice(entity_id="2026/00001", status=NoticeStatus.PUBLISHED),
               make_notice(entity_id="2026/00002", owner="FR", status=NoticeStatus.PUBLISHED)]
    request, asked, _ = consult(request, notices, actor=DPO, now=NOW)
    return request, asked


# -- deadlines ---------------------------------------------------------------------------------------------
def test_the_deadlines_are_those_of_the_ccf_statute_with_their_article() -> None:
    assert DECISION_DEADLINES[RequestKind.ACCESS].months == 4
    assert DECISION_DEADLINES[RequestKind.CORRECTION].months == 9
    assert DECISION_DEADLINES[RequestKind.DELETION].months == 9
    assert CARRY_OUT_DELETION.months == 1
    assert all("Art. 40" in d.article for d in DECISION_DEADLINES.values())
    assert "Art. 41" in CARRY_OUT_DELETION.article


@pytest.mark.parametrize("kind, due", [(RequestKind.ACCESS, date(2027, 4, 6)),
                                       (RequestKind.CORRECTION, date(2027, 9, 6)),
                                       (RequestKind.DELETION, date(2027, 9, 6))])
def test_the_decision_is_due_counted_from_admissibility(kind: RequestKind, due: date) -> None:
    request = received(kind)
    later = NOW + timedelta(days=10)
    admitted, event = admit(request, actor=DPO, now=later)
    assert admitted.status is RequestStatus.ADMISSIBLE
    assert admitted.admitted_on == later.date()
    assert admitted.due_on == due
    assert "Art. 40" in (event.note or "")


def test_a_granted_deletion_is_due_to_be_carried_out_within_a_month() -> None:
    request, asked = consulted()
    answers = [answer(c, OwnerAnswer.AGREES, None, actor="officer@JP", now=NOW) for c in asked]
    decided, _ = decide(request, Outcome.GRANTED, "No longer needed.", consultations=answers, actor=DPO,
                        now=datetime(2027, 1, 31, tzinfo=UTC))
    assert decided.due_on == date(2027, 2, 28)
    assert decided.deadline is CARRY_OUT_DELETION
    assert decided.granted_notice_ids == ("2026/00001", "2026/00002")


def test_overdue_and_due_soon_on_a_date() -> None:
    access = received(RequestKind.ACCESS)  # due 2027-03-26
    deletion = received(RequestKind.DELETION)  # due 2027-08-26
    assert access.deadline_state(date(2027, 1, 1)) == "on_time"
    assert access.deadline_state(date(2027, 3, 1)) == "due_soon"
    assert access.deadline_state(date(2027, 3, 26)) == "due_soon"
    assert access.deadline_state(date(2027, 3, 27)) == "overdue"
    assert due_soon_or_overdue([deletion, access], date(2027, 3, 27)) == [access]
    closed, _ = declare_inadmissible(access, "Anonymous letter", actor=DPO, now=NOW)
    assert closed.deadline_state(date(2030, 1, 1)) is None


# -- transitions --------------------------------------------------------------------------------------------
def test_a_received_request_cannot_be_decided_before_admissibility() -> None:
    with pytest.raises(IllegalTransition, match="from received to decided.*allowed from received: admissible, "
                                                "inadmissible"):
        decide(received(), Outcome.REFUSED, "no", consultations=[], actor=DPO, now=NOW)


def test_an_inadmissible_request_is_final_and_needs_reasons() -> None:
    with pytest.raises(ValidationError, match="reasons") as err:
        declare_inadmissible(received(), "  ", actor=DPO, now=NOW)
    assert err.value.field == "reasons"
    closed, event = declare_inadmissible(received(), "Not about a person in our files", actor=DPO, now=NOW)
    assert closed.status is RequestStatus.INADMISSIBLE and event.event == "inadmissible"
    with pytest.raises(IllegalTransition, match="the request is finished"):
        admit(closed, actor=DPO, now=NOW)


def test_the_owners_are_consulted_one_question_per_notice() -> None:
    request, asked = consulted()
    assert request.status is RequestStatus.OWNER_CONSULTED
    assert [(c.notice_id, c.bureau) for c in asked] == [("2026/00001", "JP"), ("2026/00002", "FR")]
    assert all("Art. 35" in c.question for c in asked)
    view = asked[0].officer_view()
    assert "Yamada" not in str(view) and "taro@example.jp" not in str(view)


def test_consulting_without_notices_says_to_decide_instead() -> None:
    admitted, _ = admit(received(), actor=DPO, now=NOW)
    with pytest.raises(ValidationError, match="no owner to consult"):
        consult(admitted, [], actor=DPO, now=NOW)
    decided, _ = decide(admitted, Outcome.REFUSED, "No data is held on the requester.", consultations=[],
                        actor=DPO, now=NOW)
    closed, event = carry_out(decided, None, actor=DPO, now=NOW)
    assert closed.status is RequestStatus.CLOSED and event.event == "closed"


def test_a_decision_waits_for_every_owner() -> None:
    request, asked = consulted()
    one = [answer(asked[0], "agrees", None, actor="officer@JP", now=NOW), asked[1]]
    with pytest.raises(IllegalTransition, match="FR have not answered"):
        decide(request, Outcome.GRANTED, "ok", consultations=one, actor=DPO, now=NOW)


def test_an_owner_answers_once_and_an_objection_needs_grounds() -> None:
    _, asked = consulted()
    with pytest.raises(ValidationError, match="grounds") as err:
        answer(asked[0], OwnerAnswer.OBJECTS, "", actor="officer@JP", now=NOW)
    assert err.value.field == "note"
    with pytest.raises(ValidationError, match="agrees or objects"):
        answer(asked[0], "maybe", None, actor="officer@JP", now=NOW)
    done = answer(asked[0], OwnerAnswer.OBJECTS, "Investigation ongoing", actor="officer@JP", now=NOW)
    with pytest.raises(IllegalTransition, match="already answered"):
        answer(done, OwnerAnswer.AGREES, None, actor="officer@JP", now=NOW)


def test_a_partly_granted_decision_names_the_notices_it_covers() -> None:
    request, asked = consulted()
    answers = [answer(c, "agrees", None, actor="x", now=NOW) for c in asked]
    with pytest.raises(ValidationError, match="names the notices") as err:
        decide(request, "partly", "only one", consultations=answers, actor=DPO, now=NOW)
    assert err.value.field == "granted"
    with pytest.raises(ValidationError, match="2026/09999 is not among the notices concerned"):
        decide(request, "partly", "only one", consultations=answers, granted=["2026/09999"], actor=DPO, now=NOW)
    with pytest.raises(ValidationError, match="is granted, not partly"):
        decide(request, "partly", "all", consultations=answers, granted=["2026/00001", "2026/00002"], actor=DPO,
               now=NOW)
    decided, event = decide(request, "partly", "The French notice stays.", consultations=answers,
                            granted=["2026/00001"], actor=DPO, now=NOW)
    assert decided.granted_notice_ids == ("2026/00001",)
    assert "partly for 2026/00001" in (event.note or "")


def test_a_decision_needs_a_known_outcome_and_reasons() -> None:
    admitted, _ = admit(received(), actor=DPO, now=NOW)
    with pytest.raises(ValidationError, match="granted, partly or refused") as err:
        decide(admitted, "accepted", "x", consultations=[], actor=DPO, now=NOW)
    assert err.value.field == "outcome"
    with pytest.raises(ValidationError, match="reasons"):
        decide(admitted, "refused", None, consultations=[], actor=DPO, now=NOW)


def test_a_carried_out_correction_says_what_was_corrected() -> None:
    request, asked = consulted(RequestKind.CORRECTION)
    answers = [answer(c, "agrees", None, actor="x", now=NOW) for c in asked]
    decided, _ = decide(request, "granted", "The date of birth was wrong.", consultations=answers, actor=DPO,
                        now=NOW)
    with pytest.raises(ValidationError, match="what was corrected"):
        carry_out(decided, "", actor=DPO, now=NOW)
    done, _ = carry_out(decided, "Date of birth corrected by the owner bureaus", actor=DPO, now=NOW)
    assert done.status is RequestStatus.CARRIED_OUT and done.deadline is None
    with pytest.raises(IllegalTransition, match="from carried_out to carried_out"):
        carry_out(done, "again", actor=DPO, now=NOW)


def test_carrying_out_before_a_decision_is_refused() -> None:
    with pytest.raises(IllegalTransition, match="from received to carried_out"):
        carry_out(received(), None, actor=DPO, now=NOW)


# -- the form -----------------------------------------------------------------------------------------------
@pytest.mark.parametrize("change, field", [
    ({"family_name": ""}, "family_name"),
    ({"family_name": "12345"}, "family_name"),
    ({"family_name": "x" * 201}, "family_name"),
    ({"family_name": 7}, "family_name"),
    ({"date_of_birth": "1989-13-01"}, "date_of_birth"),
    ({"date_of_birth": None}, "date_of_birth"),
    ({"contact": ""}, "contact"),
    ({"contact": "a\x1b[31mb"}, "contact"),
    ({"nationality": "ZZ"}, "nationality"),
    ({"other_names": [""]}, "other_names"),
    ({"other_names": {"a": 1}}, "other_names"),
    ({"forenames": "Taro\nJiro"}, "forenames"),
])
def test_a_bad_form_names_the_field(change: dict[str, object], field: str) -> None:
    with pytest.raises(ValidationError) as err:
        requester(**change)
    assert err.value.field == field


def test_an_unknown_kind_or_empty_details_are_refused() -> None:
    with pytest.raises(ValidationError, match="access, correction or deletion") as err:
        receive("erase", requester(), "x", reference="DSR-0000-0000-0000-0000", now=NOW)
    assert err.value.field == "kind"
    with pytest.raises(ValidationError) as err:
        receive("access", requester(), " ", reference="DSR-0000-0000-0000-0000", now=NOW)
    assert err.value.field == "details"


# -- references ---------------------------------------------------------------------------------------------
def test_references_carry_80_random_bits_and_are_read_back_as_typed() -> None:
    ref = make_reference(bytes.fromhex("ffeeddccbbaa99887766"))
    assert ref.startswith("DSR-") and len(ref) == 23
    assert parse_reference(ref.lower().replace("-", " ")) == ref
    assert make_reference(bytes(10)) == "DSR-0000-0000-0000-0000"
    assert parse_reference("dsr-oooo-iiii-llll-0000") == "DSR-0000-1111-1111-0000"
    assert len({make_reference(i.to_bytes(10, "big")) for i in range(1000)}) == 1000


@pytest.mark.parametrize("text", ["", "DSR-1234", "DSR-UUUU-0000-0000-0000", "../../etc/passwd", "1 OR 1=1"])
def test_a_malformed_reference_is_refused(text: str) -> None:
    with pytest.raises(ValidationError) as err:
        parse_reference(text)
    assert err.value.field == "reference"


# -- which notices concern the requester ----------------------------------------------------------------------
def test_a_notice_concerns_the_requester_by_name_and_date_of_birth() -> None:
    notice = make_notice()
    assert concerns(notice, requester())
    assert concerns(notice, requester(family_name="YAMADA", forenames=None))
    assert concerns(notice, requester(family_name="Tanaka", forenames=None, other_names=["山田 太郎"]))
    assert not concerns(notice, requester(date_of_birth="1990"))
    assert concerns(notice, requester(date_of_birth="1989"))
    assert not concerns(notice, requester(forenames="Hanako", other_names=[]))
    assert not concerns(notice, requester(family_name="Tanaka", other_names=[]))


def test_an_entity_never_concerns_a_requester() -> None:
    entity = make_notice(subject=Subject(kind=SubjectKind.ORGANISATION, names=(Name(full_text="Yamada Taro"),)))
    assert not concerns(entity, requester())


def test_a_notice_without_a_date_of_birth_may_concern_the_requester() -> None:
    assert concerns(make_notice(date_of_birth=None), requester())
    assert not concerns(make_notice(date_of_birth=PartialDate(1970)), requester())


# -- erasure -----------------------------------------------------------------------------------------------
def test_redaction_removes_every_name_form_whatever_its_case() -> None:
    text = "Mr YAMADA Taro (山田太郎) asked; yamada's lawyer wrote."
    assert redact(text, requester()) == "Mr [erased] ([erased]) asked; [erased]'s lawyer wrote."
    assert redact("Taro called", requester()) == "[erased] called"


def test_an_erased_request_keeps_no_personal_data() -> None:
    request, asked = consulted()
    answers = [answer(c, "agrees", None, actor="x", now=NOW) for c in asked]
    decided, _ = decide(request, "granted", "Taro Yamada is not wanted any more.", consultations=answers,
                        actor=DPO, now=NOW)
    done, _ = carry_out(decided, None, actor=DPO, now=NOW)
    erased = erase_requester(done, now=NOW)
    assert erased.requester is None and erased.erased_at == NOW
    assert "Yamada" not in str(erased) and "Taro" not in str(erased)
    assert erased.status_view() == {"reference": "DSR-0000-0000-0000-0000", "kind": "deletion",
                                    "status": "carried_out", "received_on": "2026-11-26", "due_on": None,
                                    "outcome": "granted"}
    assert erase_requester(erased, now=NOW + timedelta(days=1)) == erased


def test_the_status_view_holds_no_personal_data() -> None:
    view = replace(received(), reference="DSR-AAAA-BBBB-CCCC-DDDD").status_view()
    assert set(view) == {"reference", "kind", "status", "received_on", "due_on", "outcome"}
