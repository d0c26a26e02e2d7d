from datetime import date

import pytest

from ncb.domain.codes import Sex
from ncb.domain.dates import PartialDate
from ncb.domain.names import Name
from ncb.domain.notices import NoticeStatus
from ncb.domain.search import NoticeFilter, born_between
from ncb.errors import ValidationError
from tests.builders import make_notice

TODAY = date(2026, 11, 26)


@pytest.mark.parametrize("flt, matches", [
    (NoticeFilter(name="yama"), True),
    (NoticeFilter(name="taro"), False),  # a forename is not a family name
    (NoticeFilter(forename="TAR"), True),
    (NoticeFilter(name="山田"), True),
    (NoticeFilter(nationality="JP"), True),
    (NoticeFilter(nationality="CA"), False),
    (NoticeFilter(sex="M"), True),
    (NoticeFilter(sex="F"), False),
    (NoticeFilter(age_min=37, age_max=37), True),
    (NoticeFilter(age_min=38), False),
    (NoticeFilter(warrant_country="JP"), True),
    (NoticeFilter(free_text="grandson"), True),
    (NoticeFilter(public_only=True), False),  # a draft
])
def test_filters_match_as_interpol_clients_expect(flt: NoticeFilter, matches: bool) -> None:
    assert flt.matches(make_notice(), TODAY) is matches


def test_a_full_form_without_parts_matches_the_name_filter() -> None:
    notice = make_notice(names=(Name(full_text="金正男"),), sex=Sex.MALE)
    assert NoticeFilter(name="正男").matches(notice, TODAY)


def test_public_only_needs_publication_and_an_extract() -> None:
    assert NoticeFilter(public_only=True).matches(make_notice(status=NoticeStatus.PUBLISHED), TODAY)


def test_age_bounds_are_inclusive() -> None:
    earliest, latest = born_between(TODAY, 17, 17)
    assert (earliest, latest) == (date(2008, 11, 27), date(2009, 11, 26))
    assert PartialDate.from_date(earliest).age_on(TODAY) == 17
    assert PartialDate.from_date(latest).age_on(TODAY) == 17


def test_age_min_above_age_max_is_refused() -> None:
    with pytest.raises(ValidationError, match="greater than"):
        NoticeFilter(age_min=40, age_max=30)
