"""Extradition cases: stages in order, their dates, the treaty limits and warnings, the notice at the end."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from ncb.domain.cooperation.extradition import (
    ExtraditionCase,
    LimitTable,
    NoticeFollowUp,
    Stage,
    advance,
    deadlines,
    notice_follow_up,
    open_case,
    warnings,
)
from ncb.errors import ConfigurationError, IllegalTransition, ValidationError

NOW = datetime(2026, 11, 26, 9, 30, tzinfo=UTC)


def located(**kw: object) -> ExtraditionCase:
    args: dict[str, object] = dict(id="JP-2026-E00001", bureau="JP", person="YAMADA Taro", requesting="JP",
                                   requested="US", located_on=date(2026, 10, 1), actor="sato@JP", now=NOW,
                                   notice="2026/00001", notice_owner="JP")
    args.update(kw)
    return open_case(**args)  # type: ignore[arg-type]


def test_a_case_runs_through_its_stages_with_their_dates() -> None:
    case = located()
    for stage, on in ((Stage.PROVISIONAL_ARREST, date(2026, 10, 2)), (Stage.REQUEST_SENT, date(2026, 11, 1)),
                      (Stage.JUDICIAL_DECISION, date(2026, 11, 20)), (Stage.EXECUTIVE_DECISION, date(2026, 11, 24)),
                      (Stage.SURRENDER, date(2026, 11, 25))):
        case, entry = advance(case, stage, on=on, actor="sato@JP", now=NOW)
        assert entry.stage is stage and entry.on == on
    assert case.stage is Stage.SURRENDER and not case.is_open and case.closed_at == NOW
    assert case.outcome is Stage.SURRENDER
    assert [e.stage for e in case.stages][0] is Stage.LOCATED


def test_a_stage_out_of_order_is_refused_with_the_next_ones() -> None:
    case = located()
    with pytest.raises(IllegalTransition, match="from located to surrender .*provisional_arrest, request_sent") as exc:
        advance(case, Stage.SURRENDER, on=date(2026, 10, 2), actor="a", now=NOW)
    assert exc.value.field == "stage" and exc.value.record == "JP-2026-E00001"
    closed, _ = advance(case, Stage.WITHDRAWAL, on=date(2026, 10, 2), actor="a", now=NOW)
    with pytest.raises(IllegalTransition, match="the case is closed"):
        advance(closed, Stage.PROVISIONAL_ARREST, on=date(2026, 10, 3), actor="a", now=NOW)


def test_the_request_is_sent_by_the_requesting_bureau_and_received_by_the_requested() -> None:
    with pytest.raises(IllegalTransition, match="request_sent"):
        advance(located(), Stage.REQUEST_RECEIVED, on=date(2026, 10, 2), actor="a", now=NOW)
    theirs = located(bureau="US")
    with pytest.raises(IllegalTransition, match="request_received"):
        advance(theirs, Stage.REQUEST_SENT, on=date(2026, 10, 2), actor="a", now=NOW)
    case, _ = advance(theirs, Stage.REQUEST_RECEIVED, on=date(2026, 10, 2), actor="a", now=NOW)
    assert case.stage is Stage.REQUEST_RECEIVED


def test_dates_are_not_in_the_future_nor_before_the_previous_stage() -> None:
    with pytest.raises(ValidationError, match="in the future") as exc:
        advance(located(), Stage.PROVISIONAL_ARREST, on=date(2026, 11, 27), actor="a", now=NOW)
    assert exc.value.field == "on"
    with pytest.raises(ValidationError, match="before the previous stage"):
        advance(located(), Stage.PROVISIONAL_ARREST, on=date(2026, 9, 30), actor="a", now=NOW)
    with pytest.raises(ValidationError, match="in the future"):
        located(located_on=date(2027, 1, 1))


def test_a_refusal_states_its_grounds() -> None:
    case, _ = advance(located(), Stage.REQUEST_SENT, on=date(2026, 10, 2), actor="a", now=NOW)
    case, _ = advance(case, Stage.JUDICIAL_DECISION, on=date(2026, 10, 3), actor="a", now=NOW)
    with pytest.raises(ValidationError) as exc:
        advance(case, Stage.REFUSAL, on=date(2026, 10, 4), actor="a", now=NOW)
    assert exc.value.field == "note"


def test_a_case_is_kept_by_one_of_its_two_countries() -> None:
    with pytest.raises(ValidationError) as exc:
        located(bureau="FR")
    assert exc.value.field == "bureau"
    with pytest.raises(ValidationError) as exc:
        located(requested="JP")
    assert exc.value.field == "requested"


def test_the_limit_table_prefers_a_bilateral_treaty_then_a_multilateral_one_then_the_default() -> None:
    table = LimitTable.builtin()
    assert table.for_pair("US", "JP").provisional_arrest_to_request_days == 45
    assert table.for_pair("JP", "KR").treaty == "JP-KR-2002"
    assert table.for_pair("US", "GB").provisional_arrest_to_request_days == 60
    assert table.for_pair("FR", "DE").treaty == "ETS-24"
    default = table.for_pair("JP", "BR")
    assert default.treaty == "default" and default.provisional_arrest_to_request_days == 40
    assert all(lim.source for lim in [table.default, *table.pairs.values()])


def test_a_bad_limits_file_is_a_configuration_error() -> None:
    with pytest.raises(ConfigurationError, match="needs its source"):
        LimitTable.from_json('{"default": {"id": "d", "name": "d", "provisional_arrest_to_request_days": 40}}')
    with pytest.raises(ConfigurationError):
        LimitTable.from_json("[]")


def test_warnings_come_before_the_provisional_arrest_limit_passes() -> None:
    limits = LimitTable.builtin().for_pair("JP", "US")
    case, _ = advance(located(), Stage.PROVISIONAL_ARREST, on=date(2026, 10, 20), actor="a", now=NOW)
    (d,) = deadlines(case, limits, date(2026, 11, 26))
    assert d.due_on == date(2026, 12, 4) and d.days_left == 8 and "45 days" in d.what and "Art. 9(4)" in d.source
    assert warnings(case, limits, date(2026, 11, 26), within_days=10) == [d]
    assert warnings(case, limits, date(2026, 11, 20), within_days=10) == []
    assert warnings(case, limits, date(2026, 12, 5), within_days=0)[0].passed
    sent, _ = advance(case, Stage.REQUEST_SENT, on=date(2026, 11, 1), actor="a", now=NOW)
    assert deadlines(sent, limits, date(2026, 11, 26)) == []


def test_the_surrender_limit_runs_from_the_executive_decision() -> None:
    limits = LimitTable.builtin().for_pair("FR", "DE")
    case = located(bureau="DE", requesting="FR", requested="DE")
    for stage, day in ((Stage.REQUEST_RECEIVED, 2), (Stage.JUDICIAL_DECISION, 3), (Stage.EXECUTIVE_DECISION, 4)):
        case, _ = advance(case, stage, on=date(2026, 11, day), actor="a", now=NOW)
    (d,) = deadlines(case, limits, date(2026, 11, 26))
    assert d.due_on == date(2026, 12, 4) and "30 days" in d.what


def test_the_notice_follows_the_end_of_the_case() -> None:
    assert notice_follow_up(located()) is None
    surrendered = located()
    for stage in (Stage.REQUEST_SENT, Stage.JUDICIAL_DECISION, Stage.EXECUTIVE_DECISION, Stage.SURRENDER):
        surrendered, _ = advance(surrendered, stage, on=date(2026, 11, 2), actor="a", now=NOW)
    kind, text = notice_follow_up(surrendered)  # type: ignore[misc]
    assert kind is NoticeFollowUp.ASK_OWNER_TO_CANCEL and "please withdraw" in text
    refused, _ = advance(located(), Stage.REQUEST_SENT, on=date(2026, 11, 2), actor="a", now=NOW)
    refused, _ = advance(refused, Stage.JUDICIAL_DECISION, on=date(2026, 11, 3), actor="a", now=NOW)
    refused, _ = advance(refused, Stage.REFUSAL, on=date(2026, 11, 4), actor="a", now=NOW, note="political offence")
    kind, text = notice_follow_up(refused)  # type: ignore[misc]
    assert kind is NoticeFollowUp.KEEP_WITH_ADDENDUM and "Addendum" in text and "political offence" in text
    released, _ = advance(located(), Stage.RELEASE, on=date(2026, 11, 2), actor="a", now=NOW)
    assert notice_follow_up(released)[0] is NoticeFollowUp.KEEP  # type: ignore[index]
