"""CSV export: one row of strings per notice, in a fixed column order."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, datetime

import pytest

from ncb.domain.codes import Sex
from ncb.domain.dates import PartialDate
from ncb.domain.interchange.interpol import parse_notice
from ncb.domain.interchange.tabular import CSV_COLUMNS, to_csv_row
from ncb.domain.names import Name, NameKind
from ncb.domain.notices import ArrestWarrant, NoticeStatus
from tests.builders import make_notice
from tests.conftest import INTERPOL_FIXTURES

FIXTURES = INTERPOL_FIXTURES


def test_the_columns_are_the_agreed_ones_in_order() -> None:
    assert CSV_COLUMNS == ("entity_id", "type", "status", "owner", "name", "forename", "names_all",
                           "date_of_birth", "sex", "nationalities", "warrant_countries", "public_extract",
                           "published_at")
    row = to_csv_row(make_notice())
    assert tuple(row) == CSV_COLUMNS
    assert all(isinstance(v, str) for v in row.values())


def test_a_red_notice_read_from_interpol_becomes_a_row() -> None:
    path = FIXTURES / "red_detail_2021-40312.json"
    if not path.is_file():
        pytest.skip(f"INTERPOL fixture {path} is absent (the shared fixtures live beside the checkout)")
    notice = parse_notice(json.loads(path.read_text(encoding="utf-8"))).notice
    assert to_csv_row(notice) == {
        "entity_id": "2021/40312", "type": "red", "status": "published", "owner": "JP",
        "name": "EXAMPLEFORD", "forename": "DOUGLAS WAYNE", "names_all": "", "date_of_birth": "1960-04-02",
        "sex": "M", "nationalities": "CA", "warrant_countries": "JP;FR", "public_extract": "true",
        "published_at": "",
    }


def test_other_names_nationalities_and_warrant_countries_are_joined_with_semicolons() -> None:
    notice = make_notice(
        names=(Name(name="YAMADA", forename="TARO"),
               Name(name="山田", forename="太郎", kind=NameKind.ORIGINAL_SCRIPT),
               Name(full_text="TARO-SAN", kind=NameKind.ALIAS)),
        nationalities=("JP", "914"),
        warrants=(ArrestWarrant("Fraud", "JP"), ArrestWarrant("Fraud", "US"), ArrestWarrant("Theft", "JP")),
        status=NoticeStatus.PUBLISHED, published_at=datetime(2026, 4, 1, 9, 0, tzinfo=UTC),
    )
    row = to_csv_row(notice)
    assert (row["name"], row["forename"]) == ("YAMADA", "TARO")
    assert row["names_all"] == "山田太郎;TARO-SAN"
    assert row["nationalities"] == "JP;914"
    assert row["warrant_countries"] == "JP;US"
    assert row["published_at"] == "2026-04-01T09:00:00+00:00"


@pytest.mark.parametrize(("born", "shown"), [
    (PartialDate(1989), "1989"), (PartialDate(1975, 11), "1975-11"), (None, ""),
])
def test_partial_dates_of_birth_are_iso_and_unknowns_empty(born: PartialDate | None, shown: str) -> None:
    row = to_csv_row(make_notice(date_of_birth=born, sex=Sex.UNKNOWN, names=(), nationalities=(),
                                 public_extract=False))
    assert row["date_of_birth"] == shown
    assert (row["name"], row["forename"], row["names_all"], row["nationalities"]) == ("", "", "", "")
    assert (row["sex"], row["public_extract"]) == ("U", "false")


def test_a_name_known_only_whole_goes_in_name() -> None:
    row = to_csv_row(make_notice(names=(Name(full_text="山田太郎"),)))
    assert (row["name"], row["forename"]) == ("山田太郎", "")


def test_rows_write_through_the_csv_module() -> None:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS)
    writer.writeheader()
    writer.writerow(to_csv_row(make_notice()))
    [row] = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert row == to_csv_row(make_notice())
