"""Stolen and lost travel documents: numbers, validation and the rules of a report."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from ncb.domain.travel_documents import (
    DocumentStatus,
    DocumentType,
    TravelDocument,
    normalise_number,
    parse_blank,
    parse_date,
)
from ncb.errors import IllegalTransition, PermissionDenied, ValidationError

TODAY = date(2026, 11, 26)


def make_document(**overrides: Any) -> TravelDocument:
    fields: dict[str, Any] = {"number": "TK 123 4567", "issuing_country": "JP", "type": "passport",
                              "status": "stolen", "reported_by": "JP", "reported_on": date(2026, 11, 2)}
    fields.update(overrides)
    return TravelDocument.create(**fields, today=TODAY)


@pytest.mark.parametrize(("printed", "normal"), [
    ("TK 123 4567", "TK1234567"),
    ("tk-123-4567", "TK1234567"),
    ("AB/12.34_56", "AB123456"),
    ("ＴＫ１２３", "TK123"),  # full-width, as keyed on a Japanese keyboard
    ("№ 0042", "NO0042"),  # NFKC folds the numero sign
], ids=["spaces", "dashes-lowercase", "punctuation", "full-width", "numero-sign"])
def test_numbers_compare_as_letters_and_digits_in_upper_case(printed: str, normal: str) -> None:
    assert normalise_number(printed) == normal


def test_a_report_keeps_the_number_as_printed_and_compares_it_normalised() -> None:
    doc = make_document(number="  tk 123\t4567 ", issuing_country="jp")
    assert doc.number == "tk 123 4567"
    assert doc.number_key == "TK1234567"
    assert doc.key == ("TK1234567", "JP")
    assert doc.type is DocumentType.PASSPORT and doc.status is DocumentStatus.STOLEN


@pytest.mark.parametrize(("overrides", "field"), [
    ({"number": ""}, "number"),
    ({"number": "   "}, "number"),
    ({"number": "--//--"}, "number"),
    ({"number": "X" * 41}, "number"),
    ({"issuing_country": "XX"}, "issuing_country"),
    ({"issuing_country": "JPN"}, "issuing_country"),
    ({"reported_by": "ZZ"}, "reported_by"),
    ({"type": "driving_licence"}, "type"),
    ({"status": "misplaced"}, "status"),
    ({"reported_on": date(2026, 11, 27)}, "reported_on"),
], ids=["empty", "blank", "no-alphanumerics", "too-long", "unknown-country", "alpha-3-country",
        "unknown-bureau", "unknown-type", "unknown-status", "future-date"])
def test_bad_input_is_refused_naming_the_field(overrides: dict[str, Any], field: str) -> None:
    with pytest.raises(ValidationError) as caught:
        make_document(**overrides)
    assert caught.value.field == field


def test_types_and_statuses_read_loosely_written_names() -> None:
    assert DocumentType.parse("ID card") is DocumentType.ID_CARD
    assert DocumentType.parse("id-card") is DocumentType.ID_CARD
    assert DocumentStatus.parse(" Stolen ") is DocumentStatus.STOLEN


def test_a_recovered_document_no_longer_hits() -> None:
    assert all(s.hits for s in DocumentStatus if s is not DocumentStatus.RECOVERED)
    doc = make_document()
    assert doc.hits
    recovered = doc.recover(by="JP")
    assert recovered.status is DocumentStatus.RECOVERED and not recovered.hits
    assert doc.hits  # the original is untouched


def test_only_the_reporting_bureau_recovers_its_report() -> None:
    with pytest.raises(PermissionDenied, match="only the reporting bureau"):
        make_document(reported_by="JP").recover(by="FR")


def test_a_recovered_report_is_closed_for_good() -> None:
    recovered = make_document().recover(by="JP")
    with pytest.raises(IllegalTransition, match="closed"):
        recovered.recover(by="JP")
    with pytest.raises(IllegalTransition, match="closed"):
        recovered.change_status(DocumentStatus.STOLEN, by="JP")


def test_an_open_report_may_change_to_another_open_status() -> None:
    lost = make_document(status="lost")
    assert lost.change_status(DocumentStatus.STOLEN, by="JP").status is DocumentStatus.STOLEN
    with pytest.raises(IllegalTransition, match="already lost"):
        lost.change_status(DocumentStatus.LOST, by="JP")


def test_the_same_report_twice_is_recognised_but_a_different_one_is_not() -> None:
    doc = make_document()
    assert doc.same_report(make_document(number="tk1234567"))
    assert not doc.same_report(make_document(status="lost"))
    assert not doc.same_report(make_document(reported_by="FR"))
    assert "already reported stolen by JP on 2026-11-02" in doc.duplicate_message()


def test_dates_and_blank_flags_parse_as_written_in_files() -> None:
    assert parse_date("2024-02-29") == date(2024, 2, 29)
    assert parse_date("2024/02/29") == date(2024, 2, 29)
    with pytest.raises(ValidationError, match="does not exist|not a date that exists"):
        parse_date("2023-02-29")
    with pytest.raises(ValidationError, match="not a date"):
        parse_date("29.02.2024")
    assert parse_blank("yes") and parse_blank("blank") and not parse_blank("") and not parse_blank("issued")
    with pytest.raises(ValidationError):
        parse_blank("maybe")


def test_a_report_as_a_dict_carries_both_forms_of_the_number() -> None:
    assert make_document(blank=True).as_dict() == {
        "number": "TK 123 4567", "number_key": "TK1234567", "issuing_country": "JP", "type": "passport",
        "status": "stolen", "hits": True, "reported_by": "JP", "reported_on": "2026-11-02", "blank": True}
