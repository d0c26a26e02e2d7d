"""Travel document use cases against a fake unit of work: no database."""

from __future__ import annotations

import io
from typing import Any

import pytest

from ncb.domain.access import Viewer
from ncb.domain.identity import Actor
from ncb.domain.travel_documents import DocumentStatus
from ncb.errors import DuplicateRecord, NotFound, PermissionDenied, ValidationError
from ncb.services import travel_documents as svc
from tests.conftest import NOW, TODAY
from tests.fakes import FakeUnitOfWork

TOKYO = Actor("officer.sato@JP", Viewer.bureau("JP"))
PARIS = Actor("officer.martin@FR", Viewer.bureau("FR"))
OSAKA_POLICE = Actor("officer.kato@JP", Viewer.agency_of("JP", "JP-OSAKA-PP"))
PUBLIC = Actor("anyone", Viewer.public())
HEADER = "number,issuing_country,type,status,reported_by,reported_on\n"


def report(uow: FakeUnitOfWork, actor: Actor = TOKYO, **overrides: Any) -> Any:
    fields: dict[str, Any] = {"number": "TK 123 4567", "issuing_country": "JP", "type": "passport",
                              "status": "stolen"}
    fields.update(overrides)
    return svc.report_document(uow, actor=actor, today=TODAY, **fields)


def test_a_bureau_reports_a_document_dated_today_and_commits() -> None:
    uow = FakeUnitOfWork()
    doc = report(uow)
    assert doc.reported_by == "JP" and doc.reported_on == TODAY
    assert uow.committed and uow.travel_documents.count() == 1


def test_an_agency_reports_for_its_bureau_but_the_public_may_not() -> None:
    uow = FakeUnitOfWork()
    assert report(uow, OSAKA_POLICE).reported_by == "JP"
    with pytest.raises(PermissionDenied):
        report(uow, PUBLIC, number="TK7654321")
    with pytest.raises(PermissionDenied):
        svc.check_document(uow, number="TK1234567", actor=PUBLIC)


def test_a_second_open_report_of_the_same_document_is_a_duplicate_and_nothing_changes() -> None:
    uow = FakeUnitOfWork()
    report(uow)
    with pytest.raises(DuplicateRecord, match="already reported stolen by JP"):
        report(uow, PARIS, number="tk-123-4567", status="lost")
    assert uow.travel_documents.count() == 1


def test_the_same_number_from_another_issuing_country_is_another_document() -> None:
    uow = FakeUnitOfWork()
    report(uow)
    report(uow, PARIS, issuing_country="FR")
    assert {d.issuing_country for d in svc.check_document(uow, number="TK1234567", actor=TOKYO)} == {"JP", "FR"}
    assert [d.issuing_country for d in svc.check_document(uow, number="TK1234567", issuing_country="fr",
                                                          actor=TOKYO)] == ["FR"]


@pytest.mark.parametrize(("overrides", "field"), [
    ({"number": ""}, "number"),
    ({"issuing_country": "XX"}, "issuing_country"),
    ({"status": "recovered"}, "status"),
], ids=["empty-number", "unknown-country", "reported-recovered"])
def test_bad_reports_are_refused_naming_the_field_and_nothing_is_stored(overrides: dict[str, Any],
                                                                         field: str) -> None:
    uow = FakeUnitOfWork()
    with pytest.raises(ValidationError) as caught:
        report(uow, **overrides)
    assert caught.value.field == field
    assert uow.travel_documents.count() == 0


def test_a_recovered_document_no_longer_hits_and_its_change_is_recorded() -> None:
    uow = FakeUnitOfWork()
    report(uow)
    recovered = svc.recover_document(uow, number="tk1234567", issuing_country="JP", actor=TOKYO, now=NOW,
                                     reason="handed in at Narita")
    assert recovered.status is DocumentStatus.RECOVERED
    assert svc.check_document(uow, number="TK1234567", actor=TOKYO) == []
    history = svc.document_history(uow, number="TK1234567", issuing_country="JP", actor=TOKYO)
    assert [d.status for d in history["reports"]] == [DocumentStatus.RECOVERED]
    [change] = history["changes"]
    assert (change.from_status, change.to_status, change.actor, change.at, change.reason) == (
        DocumentStatus.STOLEN, DocumentStatus.RECOVERED, "officer.sato@JP", NOW, "handed in at Narita")


def test_once_recovered_a_document_may_be_reported_again() -> None:
    uow = FakeUnitOfWork()
    report(uow)
    svc.recover_document(uow, number="TK1234567", issuing_country="JP", actor=TOKYO, now=NOW)
    report(uow, status="lost")
    assert [d.status for d in svc.check_document(uow, number="TK1234567", actor=TOKYO)] == [DocumentStatus.LOST]


def test_only_the_reporting_bureau_recovers_and_nothing_changes_otherwise() -> None:
    uow = FakeUnitOfWork()
    report(uow)
    with pytest.raises(PermissionDenied, match="only the reporting bureau"):
        svc.recover_document(uow, number="TK1234567", issuing_country="JP", actor=PARIS, now=NOW)
    assert svc.check_document(uow, number="TK1234567", actor=TOKYO)[0].status is DocumentStatus.STOLEN
    assert uow.travel_documents.events == []


def test_recovering_an_unreported_document_is_not_found() -> None:
    with pytest.raises(NotFound):
        svc.recover_document(FakeUnitOfWork(), number="TK1234567", issuing_country="JP", actor=TOKYO, now=NOW)


def test_counts_are_by_status_with_a_total() -> None:
    uow = FakeUnitOfWork()
    report(uow)
    report(uow, number="TK7654321", status="lost")
    counts = svc.count_documents(uow, actor=TOKYO)
    assert counts["stolen"] == 1 and counts["lost"] == 1 and counts["recovered"] == 0 and counts["total"] == 2


# -- import ------------------------------------------------------------------------------------------

def rows(text: str, name: str = "sltd.csv") -> Any:
    return svc.csv_rows(io.StringIO(text), name)


def test_an_import_stores_good_rows_in_batches_and_rejects_bad_ones_by_line_and_field() -> None:
    uow = FakeUnitOfWork()
    text = (HEADER
            + "AA1000001,FR,passport,stolen,FR,2026-01-05\n"
            + "AA1000002,XX,passport,stolen,FR,2026-01-05\n"
            + ",FR,passport,stolen,FR,2026-01-05\n"
            + "AA1000003,FR,passport,stolen,FR,2026-02-30\n"
            + "AA1000004,FR,licence,stolen,FR,2026-01-05\n"
            + "AA1000005,FR,id_card,lost,FR,2026-01-06\n"
            + "AA1000006,FR,passport\n"
            + "AA1000007,FR,visa,invalidated,FR,2026-01-07\n")
    report_ = svc.import_documents(rows(text), uow, actor=TOKYO, today=TODAY, batch_size=2, transaction_size=4)
    assert (report_.stored, report_.unchanged, report_.rejected) == (3, 0, 5)
    assert report_.problems[0].startswith("sltd.csv:3: field 'issuing_country': unknown country code 'XX'")
    assert report_.problems[1].startswith("sltd.csv:4: field 'number'")
    assert report_.problems[2].startswith("sltd.csv:5: field 'reported_on'")
    assert report_.problems[3].startswith("sltd.csv:6: field 'type'")
    assert report_.problems[4] == "sltd.csv:8: field 'row': expected 6 fields, found 3"
    assert uow.travel_documents.count() == 3
    assert uow.travel_documents.batches == [1, 1, 1]  # the good rows of each batch of 2 that had any
    assert uow.commits == 2  # a transaction per 4 rows


def test_an_import_run_again_counts_what_is_stored_as_unchanged() -> None:
    uow = FakeUnitOfWork()
    text = HEADER + "".join(f"AA{i:07d},FR,passport,stolen,FR,2026-01-05\n" for i in range(10))
    first = svc.import_documents(rows(text), uow, actor=TOKYO, today=TODAY, batch_size=4, transaction_size=4)
    again = svc.import_documents(rows(text), uow, actor=TOKYO, today=TODAY, batch_size=4, transaction_size=4)
    assert (first.stored, again.stored, again.unchanged, again.rejected) == (10, 0, 10, 0)
    assert uow.travel_documents.count() == 10


def test_an_import_rejects_a_second_open_report_in_the_file_or_in_the_database() -> None:
    uow = FakeUnitOfWork()
    report(uow, number="JP0000001")
    text = (HEADER
            + "JP0000001,JP,passport,lost,JP,2026-01-05\n"
            + "FR0000001,FR,passport,stolen,FR,2026-01-05\n"
            + "fr 000 0001,FR,passport,lost,FR,2026-01-06\n")
    result = svc.import_documents(rows(text), uow, actor=TOKYO, today=TODAY)
    assert (result.stored, result.rejected) == (1, 2)
    assert "sltd.csv:2: field 'number': duplicate: passport JP0000001 of JP is already reported stolen" in (
        result.problems[0])
    assert result.problems[1].startswith("sltd.csv:4: field 'number': duplicate:") and "(line 3)" in (
        result.problems[1])


def test_an_import_takes_columns_in_any_order_with_an_optional_blank_flag() -> None:
    uow = FakeUnitOfWork()
    text = ("reported_on,status,type,issuing_country,number,reported_by,blank\n"
            "2026-01-05,stolen,passport,DE,C01X00T47,DE,yes\n")
    assert svc.import_documents(rows(text), uow, actor=TOKYO, today=TODAY).stored == 1
    [doc] = svc.check_document(uow, number="C01X00T47", actor=TOKYO)
    assert doc.blank and doc.reported_by == "DE"


def test_a_file_without_the_required_columns_is_refused_before_anything_is_stored() -> None:
    uow = FakeUnitOfWork()
    with pytest.raises(ValidationError, match="lacks reported_by, reported_on") as caught:
        svc.import_documents(rows("number,issuing_country,type,status\nAA1,FR,passport,stolen\n"), uow,
                             actor=TOKYO, today=TODAY)
    assert caught.value.field == "header"
    with pytest.raises(ValidationError, match="empty"):
        svc.import_documents(rows(""), uow, actor=TOKYO, today=TODAY)
    assert uow.travel_documents.count() == 0


def test_a_line_that_is_not_utf8_is_rejected_alone() -> None:
    uow = FakeUnitOfWork()
    lines = [HEADER.encode(), b"AA0000001,FR,passport,stolen,FR,2026-01-05\n", b"\xff\xfe,FR,passport\n",
             b"AA0000002,FR,passport,stolen,FR,2026-01-05\n"]
    result = svc.import_documents(svc.csv_rows(lines, "sltd.csv"), uow, actor=TOKYO, today=TODAY)
    assert (result.stored, result.rejected) == (2, 1)
    assert result.problems[0].startswith("sltd.csv:3: field 'row': not UTF-8 text")


def test_only_a_bureau_imports() -> None:
    with pytest.raises(PermissionDenied):
        svc.import_documents(rows(HEADER), FakeUnitOfWork(), actor=OSAKA_POLICE, today=TODAY)


def test_problems_listed_are_capped_but_every_rejected_row_is_counted() -> None:
    text = HEADER + "".join(f"AA{i:07d},XX,passport,stolen,FR,2026-01-05\n" for i in range(svc.MAX_PROBLEMS + 5))
    result = svc.import_documents(rows(text), FakeUnitOfWork(), actor=TOKYO, today=TODAY)
    assert result.rejected == svc.MAX_PROBLEMS + 5 and len(result.problems) == svc.MAX_PROBLEMS
