"""Bureaus for every member country; INTERPOL Tokyo in full; Japanese prefectural police."""

from __future__ import annotations

import pytest

from ncb.domain.bureaus import AgencyKind, bureau_for, seed_agencies, seed_bureaus
from ncb.domain.countries import member_countries
from ncb.errors import NotFound, ValidationError


def test_every_member_country_has_exactly_one_bureau() -> None:
    countries = [bureau.country for bureau in seed_bureaus()]
    assert sorted(countries) == sorted(member_countries())
    assert len(set(countries)) == len(countries) == 196


def test_every_bureau_is_named_in_english_and_japanese() -> None:
    for bureau in seed_bureaus():
        assert bureau.name_en.startswith(("INTERPOL ", "NCB ")), bureau
        ja = bureau.name_ja
        assert ja.startswith("インターポール") or ja.endswith("国家中央事務局"), bureau


def test_tokyo_is_japans_bureau_inside_the_national_police_agency() -> None:
    tokyo = bureau_for("jp")
    assert (tokyo.name_en, tokyo.name_ja) == ("INTERPOL Tokyo", "インターポール東京")
    assert (tokyo.host_agency_en, tokyo.host_agency_ja) == ("National Police Agency", "警察庁")
    assert tokyo.host_unit_en is not None and "Organized Crime Department" in tokyo.host_unit_en
    assert tokyo.member_since == "1952/08"
    assert tokyo.city_ja == "東京"
    assert tokyo.name("ja") == "インターポール東京"


def test_tokyo_lists_its_duties_and_units_in_both_languages() -> None:
    tokyo = bureau_for("JP")
    duties_en = " ".join(en for en, _ in tokyo.duties)
    for phrase in ("criminal information", "notices", "fugitives", "extradition"):
        assert phrase in duties_en
    assert len(tokyo.units) == 7
    assert all(en and ja for en, ja in tokyo.duties + tokyo.units)


def test_tokyo_remembers_the_general_assembly_in_kyoto() -> None:
    kyoto = [e for e in bureau_for("JP").events if e.year == 1967]
    assert len(kyoto) == 1
    assert "36th" in kyoto[0].title_en and "Kyoto" in kyoto[0].title_en
    assert "京都" in kyoto[0].title_ja


def test_a_generic_bureau_is_named_after_its_city() -> None:
    assert bureau_for("FR").name_en == "INTERPOL Paris"
    assert bureau_for("FR").name_ja == "インターポール・パリ"
    assert bureau_for("CN").name_ja == "インターポール北京"
    assert bureau_for("AU").member_since == "1948/09"


def test_a_bureau_whose_city_is_uncertain_is_named_after_its_country() -> None:
    palau = bureau_for("PW")
    assert palau.name_en == "NCB Palau"
    assert palau.name_ja == "パラオ国家中央事務局"
    assert palau.city_en is None
    assert bureau_for("PS").name_en == "NCB Palestine"


def test_a_valid_code_that_is_not_a_member_has_no_bureau() -> None:
    with pytest.raises(NotFound):
        bureau_for("KP")
    with pytest.raises(NotFound):
        bureau_for("914")


def test_an_unknown_code_is_invalid_not_missing() -> None:
    with pytest.raises(ValidationError):
        bureau_for("JPN")


def test_japanese_prefectural_police_send_through_tokyo() -> None:
    agencies = {a.id: a for a in seed_agencies()}
    assert agencies["JP-TOKYO-MPD"].name_ja == "警視庁"
    others = {"JP-OSAKA-PP", "JP-KANAGAWA-PP", "JP-AICHI-PP", "JP-HOKKAIDO-PP", "JP-FUKUOKA-PP"}
    assert others <= set(agencies)
    assert all(a.bureau == "JP" and a.kind is AgencyKind.PREFECTURAL_POLICE for a in agencies.values())
    assert len(agencies) == len(seed_agencies())
