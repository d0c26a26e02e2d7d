"""Operations: participants, targets carrying restrictions, results, totals, timeline, report; the graph;
statistics tables."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest

from ncb.domain.cooperation.extradition import Stage, advance, open_case
from ncb.domain.cooperation.graph import build_graph
from ncb.domain.cooperation.messages import CarriedRestriction, Channel, Message, MessageType, Party
from ncb.domain.cooperation.operations import (
    CountryResult,
    Operation,
    Target,
    TargetKind,
    TimelineEntry,
    operation_from_dict,
    report,
    seizure,
)
from ncb.domain.cooperation.statistics import (
    extradition_outcomes,
    hits_table,
    notices_by_year_type_country,
    response_times,
    tables_csv,
)
from ncb.domain.notices import NoticeStatus, NoticeType, Restriction, RestrictionMode
from ncb.errors import ValidationError
from tests.builders import make_notice

NOW = datetime(2026, 11, 26, 9, 30, tzinfo=UTC)


def pangea() -> Operation:
    return Operation(id="JP-2026-O00001", name="Pangea XVII", bureau="JP", countries=("JP", "FR", "US"),
                     description="Online sales of fake medicines.", started_on=date(2026, 10, 1))


def test_results_are_per_participating_country_and_add_up_per_unit_and_currency() -> None:
    op = pangea()
    op = op.with_result(CountryResult("JP", date(2026, 10, 9), 3, (
        seizure("counterfeit tablets", "12000", "tablets", "4500000", "jpy"),)))
    op = op.with_result(CountryResult("FR", date(2026, 10, 9), 2, (
        seizure("counterfeit tablets", 3000, "tablets", "20000.50", "EUR"), seizure("cash", "1.5", "kg"))))
    t = op.totals()
    assert t.arrests == 5 and t.arrests_by_country == {"FR": 2, "JP": 3}
    assert t.quantities[("counterfeit tablets", "tablets")] == Decimal(15000)
    assert t.values == {"EUR": Decimal("20000.50"), "JPY": Decimal(4500000)}
    with pytest.raises(ValidationError, match="does not take part") as exc:
        op.with_result(CountryResult("DE", date(2026, 10, 9), 1))
    assert exc.value.field == "country"
    with pytest.raises(ValidationError, match="precedes the start"):
        op.with_result(CountryResult("JP", date(2026, 9, 1), 1))


def test_a_seizure_names_the_bad_field() -> None:
    for kwargs, field in (({"quantity": "-1"}, "quantity"), ({"quantity": "many"}, "quantity"),
                          ({"value": "10"}, "currency"), ({"value": "10", "currency": "yens"}, "currency"),
                          ({"unit": ""}, "unit")):
        args = {"item": "gold", "quantity": "1", "unit": "kg"} | kwargs
        with pytest.raises(ValidationError) as exc:
            seizure(**args, field="seizures[1]")
        assert exc.value.field == f"seizures[1].{field}"


def test_a_restricted_notice_target_keeps_excluded_countries_out() -> None:
    notice = make_notice(type=NoticeType.PURPLE, public_extract=False,
                         restriction=Restriction(RestrictionMode.DENY, frozenset({"US"})))
    carried = CarriedRestriction.of_notice(notice)
    with pytest.raises(ValidationError, match="US may not take part") as exc:
        pangea().with_target(Target(TargetKind.NOTICE, notice.entity_id, notice_type="purple"), carried)
    assert exc.value.field == "countries[2]"
    op = Operation(id="JP-2026-O00002", name="Jewels", bureau="JP", countries=("JP", "FR"))
    op = op.with_target(Target(TargetKind.NOTICE, notice.entity_id, notice_type="purple"), carried)
    with pytest.raises(ValidationError, match="US may not take part"):
        op.with_countries(("US",))
    with pytest.raises(ValidationError, match="already a target"):
        op.with_target(Target(TargetKind.NOTICE, notice.entity_id, notice_type="purple"))


def test_the_timeline_is_in_date_order_and_the_report_says_it_all() -> None:
    op = pangea().with_target(Target(TargetKind.ORGANISATION, "Green Cross Pharmacy Ltd"))
    op = op.with_event(TimelineEntry(date(2026, 10, 9), "Raids in Lyon", "FR"))
    op = op.with_event(TimelineEntry(date(2026, 10, 1), "Operation starts"))
    op = op.with_result(CountryResult("FR", date(2026, 10, 9), 2, (seizure("tablets", 10, "boxes", 100, "EUR"),)))
    assert [e.text for e in op.timeline] == ["Operation starts", "Raids in Lyon"]
    md = report(op)
    assert md.startswith("# Operation Pangea XVII (JP-2026-O00001)")
    assert "| FR | 2 | 10 boxes tablets (100 EUR) |" in md and "| US | 0 | - |" in md
    assert "Total arrests: 2." in md and "organisation: Green Cross Pharmacy Ltd" in md
    assert "2026-10-09 [FR]: Raids in Lyon" in md
    assert "#" not in report(op, markdown=False)
    assert operation_from_dict(op.to_dict()) == op
    with pytest.raises(ValidationError):
        op.with_event(TimelineEntry(date(2026, 10, 2), "x", "DE"))


def test_the_leader_comes_first_and_the_dates_are_in_order() -> None:
    with pytest.raises(ValidationError) as exc:
        Operation(id="JP-2026-O00001", name="x", bureau="JP", countries=("FR", "JP"))
    assert exc.value.field == "countries"
    with pytest.raises(ValidationError) as exc:
        Operation(id="JP-2026-O00001", name="x", bureau="JP", countries=("JP",), started_on=date(2026, 2, 1),
                  ended_on=date(2026, 1, 1))
    assert exc.value.field == "ended_on"


def _message(**kw: object) -> Message:
    args: dict[str, object] = dict(id="JP-2026-M00001", type=MessageType.LOCATE_REQUEST, channel=Channel.INTERPOL,
                                   sender=Party("JP"), recipients=(Party("US"),), subject="Locate",
                                   notices=("2026/00001",), persons=("YAMADA Taro",), cases=("JP-2026-E00001",))
    args.update(kw)
    return Message(**args)  # type: ignore[arg-type]


def test_the_graph_links_persons_notices_cases_operations_and_messages() -> None:
    case = open_case(id="JP-2026-E00001", bureau="JP", person="YAMADA Taro", requesting="JP", requested="US",
                     located_on=date(2026, 11, 1), actor="a", now=NOW, notice="2026/00001", notice_owner="JP")
    op = pangea().with_target(Target(TargetKind.PERSON, "Yamada  Taro")).with_target(
        Target(TargetKind.NOTICE, "2026/00001", notice_type="red"))
    g = build_graph(messages=[_message()], cases=[case], operations=[op],
                    notice_labels={"2026/00001": "red: YAMADA TARO"})
    assert g.nodes["notice:2026/00001"].label == "red: YAMADA TARO"
    assert g.nodes["person:yamada taro"].kind == "person"  # one person, however spaced or cased
    relations = {(e.source, e.target, e.relation) for e in g.edges}
    assert ("case:JP-2026-E00001", "notice:2026/00001", "red_notice") in relations
    assert ("operation:JP-2026-O00001", "person:yamada taro", "targets") in relations
    assert ("message:JP-2026-M00001", "case:JP-2026-E00001", "about") in relations
    near = g.neighbourhood("operation:JP-2026-O00001", depth=1)
    assert set(near.nodes) == {"operation:JP-2026-O00001", "person:yamada taro", "notice:2026/00001"}
    assert len(g.to_dict()["edges"]) == len(g.edges)


def test_statistics_tables_and_csv() -> None:
    notices = [make_notice(entity_id=f"2026/0000{i}", status=NoticeStatus.PUBLISHED, published_at=NOW)
               for i in range(1, 4)] + [make_notice(entity_id="2025/00001", created_at=NOW - timedelta(days=400))]
    t = notices_by_year_type_country(notices)
    assert t.rows == ((2025, "red", "JP", 1), (2026, "red", "JP", 3))
    assert t.to_csv().splitlines()[0] == "year,type,country,notices"
    sent = NOW - timedelta(days=10)
    answered = [_message(id=f"JP-2026-M0000{i}", sent_at=sent, answered_at=sent + timedelta(days=i))
                for i in range(1, 6)]
    r = response_times([*answered, _message(id="JP-2026-M00009", sent_at=sent)])
    assert r.rows == (("locate_request", "interpol", 6, 5, 3.0, 4.6, 5.0),)
    case = open_case(id="JP-2026-E00001", bureau="JP", person="X", requesting="JP", requested="US",
                     located_on=date(2026, 11, 1), actor="a", now=NOW)
    done, _ = advance(case, Stage.RELEASE, on=date(2026, 11, 11), actor="a", now=NOW)
    o = extradition_outcomes([case, done])
    assert o.rows == (("US", "located", "open", 1, 0), ("US", "release", "closed", 1, 10))
    h = hits_table([("JP", "confirmed", 2), ("FR", "pending", 1)])
    assert h.to_dict()["rows"][0] == {"bureau": "FR", "status": "pending", "hits": 1}
    assert "hits,FR/pending,1" in tables_csv([h])
