"""Member countries, regions and display names (CLDR through Babel)."""

from __future__ import annotations

import pytest

from ncb.domain.countries import (
    Country,
    Region,
    countries_in_region,
    country_name,
    is_member,
    member_countries,
    region_label,
    validate_country,
)
from ncb.errors import ValidationError


def test_interpol_has_exactly_196_member_countries() -> None:
    assert len(member_countries()) == 196


def test_every_region_counts_its_members_and_they_add_up_to_196() -> None:
    assert sum(len(countries_in_region(region)) for region in Region) == 196


def test_japan_is_in_asia_and_south_pacific() -> None:
    japan = member_countries()["JP"]
    assert japan == Country("JP", Region.ASIA_SOUTH_PACIFIC, "1952/08")
    assert region_label(japan.region, "en") == "Asia & South Pacific"
    assert region_label(japan.region, "ja") == "アジア・南太平洋"


def test_japan_is_named_in_english_and_japanese() -> None:
    assert country_name("JP") == "Japan"
    assert country_name("jp", "ja") == "日本"


def test_taiwan_is_taiwan_in_japanese() -> None:
    assert country_name("TW", "ja") == "台湾"


def test_kosovo_is_a_known_code_but_not_a_member() -> None:
    assert validate_country("xk") == "XK"
    assert country_name("XK") == "Kosovo"
    assert not is_member("XK")


def test_non_members_and_the_newest_members() -> None:
    assert not is_member("KP")
    assert not is_member("TV")
    for code in ("PS", "VA", "AW", "CW", "SX", "PW", "FM", "NR", "SB", "KI", "VU"):
        assert is_member(code), code
    assert member_countries()["PW"].member_since == "2023/11"


@pytest.mark.parametrize("code", ["914", "922"])
def test_interpol_special_codes_are_accepted_with_a_generic_label(code: str) -> None:
    assert validate_country(code) == code
    assert country_name(code) == f"Other ({code})"
    assert country_name(code, "ja") == f"その他 ({code})"
    assert not is_member(code)


@pytest.mark.parametrize("code", ["ZZ", "JPN", "EU", "UN", "", "J1"])
def test_unknown_codes_are_rejected_naming_the_code_and_the_field(code: str) -> None:
    with pytest.raises(ValidationError) as caught:
        validate_country(code, field="nationalities")
    assert caught.value.field == "nationalities"
    assert repr(code) in caught.value.message
    assert "'nationalities'" in str(caught.value)


def test_country_name_rejects_an_unknown_code() -> None:
    with pytest.raises(ValidationError, match="'ZZ'"):
        country_name("ZZ")


def test_regions_have_english_and_japanese_labels() -> None:
    assert [region_label(r, "en") for r in Region] == [
        "Africa", "Americas", "Asia & South Pacific", "Europe", "Middle East & North Africa",
    ]
    assert [region_label(r, "ja") for r in Region] == [
        "アフリカ", "米州", "アジア・南太平洋", "欧州", "中東・北アフリカ",
    ]


def test_countries_in_a_region_are_sorted_by_code() -> None:
    codes = [c.code for c in countries_in_region(Region.MIDDLE_EAST_NORTH_AFRICA)]
    assert codes == sorted(codes)
    assert "EG" in codes and "PS" in codes
    assert all(c.region is Region.EUROPE for c in countries_in_region("europe"))


def test_every_member_code_is_a_valid_code_with_a_name() -> None:
    for code, country in member_countries().items():
        assert validate_country(code) == code == country.code
        assert country.name("ja") != code


def test_member_countries_hands_out_a_copy() -> None:
    member_countries().pop("JP")
    assert is_member("JP")
    assert "JP" in member_countries()
