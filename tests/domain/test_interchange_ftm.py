"""FollowTheMoney entities for screening tools: a Person (or Organization) per notice, plus its documents."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date
from typing import Any

import pytest

from ncb.domain.codes import Sex
from ncb.domain.dates import PartialDate
from ncb.domain.interchange.ftm import ftm_id, to_ftm
from ncb.domain.interchange.interpol import parse_notice
from ncb.domain.names import Name, NameKind
from ncb.domain.notices import (
    Disappearance,
    IdentityDocument,
    Notice,
    NoticeType,
    Subject,
    SubjectKind,
    UnSanctions,
)
from tests.builders import make_notice
from tests.conftest import INTERPOL_FIXTURES

FIXTURES = INTERPOL_FIXTURES


def fixture_notice(name: str) -> Notice:
    path = FIXTURES / name
    if not path.is_file():
        pytest.skip(f"INTERPOL fixture {path} is absent (the shared fixtures live beside the checkout)")
    return parse_notice(json.loads(path.read_text(encoding="utf-8"))).notice


def props(entity: dict[str, Any]) -> dict[str, list[str]]:
    p: dict[str, list[str]] = entity["properties"]
    return p


def test_a_red_notice_is_a_wanted_person() -> None:
    [person] = to_ftm(fixture_notice("red_detail_2021-40312.json"),
                      source_url="https://ws-public.interpol.int/notices/v1/red/2021-40312")
    assert (person["id"], person["schema"]) == ("ncb-2021-40312", "Person")
    assert props(person) == {
        "name": ["DOUGLAS WAYNE EXAMPLEFORD"],
        "firstName": ["DOUGLAS WAYNE"],
        "lastName": ["EXAMPLEFORD"],
        "birthDate": ["1960-04-02"],
        "birthPlace": ["HALIFAX, NOVA SCOTIA"],
        "birthCountry": ["ca"],
        "nationality": ["ca"],
        "gender": ["male"],
        "eyeColor": ["blue"],
        "hairColor": ["grey"],
        "height": ["182"],
        "appearance": ["Scar on left forearm"],
        "country": ["jp", "fr"],
        "topics": ["wanted"],
        "notes": ["Arrest warrant issued by JP: Fraud; money laundering",
                  "Arrest warrant issued by FR: FRAUDE"],
        "sourceUrl": ["https://ws-public.interpol.int/notices/v1/red/2021-40312"],
    }


def test_a_yellow_notice_says_missing_person_in_notes_and_keeps_the_birth_name() -> None:
    [person] = to_ftm(fixture_notice("yellow_detail_2022-30877.json"))
    p = props(person)
    assert "topics" not in p
    assert p["notes"] == ["INTERPOL Yellow Notice: missing person"]
    assert p["previousName"] == ["HANA SAMPLE"]
    assert p["nationality"] == ["us", "jp"]
    assert p["country"] == ["jp"]  # where she disappeared
    assert (p["weight"], p["height"], p["gender"]) == (["41"], ["152"], ["female"])
    assert "fatherName" not in p  # FtM's fatherName is a patronymic, not the father's name


@pytest.mark.parametrize(("born", "iso"), [
    (PartialDate(1975), "1975"), (PartialDate(1975, 11), "1975-11"), (PartialDate(1975, 11, 2), "1975-11-02"),
])
def test_partial_birth_dates_stay_partial_in_iso_form(born: PartialDate, iso: str) -> None:
    [person, *_] = to_ftm(make_notice(date_of_birth=born))
    assert props(person)["birthDate"] == [iso]


def test_unknowns_and_non_iso_countries_are_left_out() -> None:
    notice = make_notice(nationalities=("914", "JP", "922"), sex=Sex.UNKNOWN, height=None, weight=None,
                         date_of_birth=None, country_of_birth=None, place_of_birth=None)
    p = props(to_ftm(notice)[0])
    assert p["nationality"] == ["jp"]
    for missing in ("gender", "height", "weight", "birthDate", "birthCountry", "birthPlace", "eyeColor"):
        assert missing not in p


def test_other_names_are_aliases_and_the_birth_name_a_previous_name() -> None:
    names = (Name(name="YAMADA", forename="TARO"),
             Name(name="山田", forename="太郎", kind=NameKind.ORIGINAL_SCRIPT),
             Name(name="TANAKA", forename="TARO", kind=NameKind.BIRTH),
             Name(full_text="TARO-SAN", kind=NameKind.ALIAS))
    p = props(to_ftm(make_notice(names=names))[0])
    assert p["name"] == ["TARO YAMADA"]
    assert p["alias"] == ["山田太郎", "TARO-SAN"]
    assert p["previousName"] == ["TARO TANAKA"]


def test_a_person_without_any_name_has_no_name_property() -> None:
    p = props(to_ftm(make_notice(names=()))[0])
    assert "name" not in p and "firstName" not in p


def test_identity_documents_become_passport_and_identification_entities_held_by_the_person() -> None:
    docs = (IdentityDocument("passport", "TK1234567", "JP", date(2030, 1, 31)),
            IdentityDocument("national_id", "1234-5678-9012", "JP"))
    person, passport, identification = to_ftm(make_notice(identity_documents=docs))
    assert props(person)["passportNumber"] == ["TK1234567"]
    assert props(person)["idNumber"] == ["1234-5678-9012"]
    assert passport == {
        "id": "ncb-2026-00001-doc-passport-tk1234567", "schema": "Passport",
        "properties": {"holder": ["ncb-2026-00001"], "number": ["TK1234567"], "type": ["passport"],
                       "country": ["jp"], "endDate": ["2030-01-31"]},
    }
    assert identification["schema"] == "Identification"
    assert props(identification)["holder"] == [person["id"]]
    assert passport["id"] != identification["id"]


def test_a_un_entity_is_a_sanctioned_organization() -> None:
    subject = Subject(kind=SubjectKind.ORGANISATION, names=(Name(name="EXAMPLE TRADING LLC"),),
                      nationalities=("AE",),
                      extra={"legal_form": "LLC", "registration_number": "EX-0001",
                             "formerly_known_as": ["OLD EXAMPLE CO"]})
    notice = Notice(entity_id="2017/5678", type=NoticeType.UN_SPECIAL, owner="JP", subject=subject,
                    un=UnSanctions(reference="QDe.999", resolution="1267", summary="Front company."))
    [org] = to_ftm(notice)
    assert (org["id"], org["schema"]) == ("ncb-2017-5678", "Organization")
    assert props(org) == {
        "name": ["EXAMPLE TRADING LLC"], "country": ["ae"], "previousName": ["OLD EXAMPLE CO"],
        "legalForm": ["LLC"], "registrationNumber": ["EX-0001"], "topics": ["sanction"],
        "program": ["UN Security Council resolution 1267"], "notes": ["Front company."],
    }


def test_a_subject_that_is_an_object_is_a_legal_entity() -> None:
    notice = make_notice(subject=Subject(kind=SubjectKind.OBJECT, names=(Name(full_text="Stolen icon"),)))
    assert to_ftm(notice)[0]["schema"] == "LegalEntity"


def test_ids_are_stable_and_every_value_is_a_non_empty_string() -> None:
    notice = make_notice(disappearance=Disappearance(country="KR"),
                         identity_documents=(IdentityDocument("passport", "TK1"),))
    first, second = to_ftm(notice), to_ftm(replace(notice))
    assert [e["id"] for e in first] == [e["id"] for e in second]
    assert first[0]["id"] == ftm_id(notice) == "ncb-2026-00001"
    for entity in first:
        assert set(entity) == {"id", "schema", "properties"}
        for values in props(entity).values():
            assert values and all(isinstance(v, str) and v.strip() for v in values)
            assert len(values) == len(set(values))
    json.dumps(first)  # ready for JSON lines
