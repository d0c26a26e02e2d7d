from datetime import date

import pytest

from ncb.domain.dates import PartialDate, add_months
from ncb.errors import ValidationError


@pytest.mark.parametrize("text, expected", [
    ("1970", PartialDate(1970)),
    ("1970/05", PartialDate(1970, 5)),
    ("1970/05/01", PartialDate(1970, 5, 1)),
    ("1970-05-01", PartialDate(1970, 5, 1)),
])
def test_parses_interpol_partial_dates(text: str, expected: PartialDate) -> None:
    assert PartialDate.parse(text) == expected
    assert str(expected) == text.replace("-", "/")


def test_zero_parts_mean_unknown_in_un_data() -> None:
    assert PartialDate.parse("1975/00/00", lenient_zeros=True) == PartialDate(1975)
    assert PartialDate.parse("1975/03/00", lenient_zeros=True) == PartialDate(1975, 3)
    assert PartialDate.parse("0000/00/00", lenient_zeros=True) is None


@pytest.mark.parametrize("text", ["2023/02/30", "2023/13/01", "1975/00/00", "May 1970", "70/01/01", ""])
def test_rejects_impossible_or_malformed_dates_with_a_clear_message(text: str) -> None:
    with pytest.raises(ValidationError) as err:
        PartialDate.parse(text)
    assert err.value.message


def test_names_the_length_of_the_month_for_a_day_that_does_not_exist() -> None:
    with pytest.raises(ValidationError, match="February 2023 has 28 days"):
        PartialDate.parse("2023/02/30")


def test_age_is_computed_on_the_day_asked() -> None:
    born = PartialDate(1960, 11, 27)
    assert born.age_on(date(2026, 11, 26)) == 65
    assert born.age_on(date(2026, 11, 27)) == 66


def test_a_year_only_date_gives_a_range_of_ages() -> None:
    assert PartialDate(1990).age_range_on(date(2026, 6, 1)) == (35, 36)
    assert PartialDate(1990).age_on(date(2026, 6, 1)) == 36


def test_a_leap_day_birthday_is_counted_on_the_first_of_march() -> None:
    assert PartialDate(2008, 2, 29).age_on(date(2026, 2, 28)) == 17
    assert PartialDate(2008, 2, 29).age_on(date(2026, 3, 1)) == 18


def test_add_months_clamps_to_the_end_of_the_month() -> None:
    assert add_months(date(2026, 8, 31), 6) == date(2027, 2, 28)
    assert add_months(date(2026, 3, 15), -6) == date(2025, 9, 15)
