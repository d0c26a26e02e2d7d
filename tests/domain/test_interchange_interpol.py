"""INTERPOL's public-API JSON: reading every quirk, refusing bad records, rendering its exact shapes."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from typing import Any

import pytest

from ncb.domain.codes import EyeColour, HairColour, Sex
from ncb.domain.dates import PartialDate
from ncb.domain.interchange.interpol import (
    LINKED_NOTICE_KEYS,
    LIST_ITEM_KEYS,
    RED_DETAIL_KEYS,
    UN_ENTITY_KEYS,
    UN_PERSON_KEYS,
    YELLOW_DETAIL_KEYS,
    LinkedNotice,
    parse_images,
    parse_list,
    parse_notice,
    render_detail,
    render_images,
    render_list_item,
    render_red_detail,
    render_un_detail,
    render_yellow_detail,
    with_photos,
)
from ncb.domain.names import NameKind, Script
from ncb.domain.notices import Notice, NoticeStatus, NoticeType, SubjectKind
from ncb.errors import ImportRecordError, ValidationError
from tests.conftest import INTERPOL_FIXTURES

FIXTURES = INTERPOL_FIXTURES
BASE = "https://ws-public.interpol.int"  # the base the fixtures' links use (see their README)


def fixture_text(name: str) -> str:
    path = FIXTURES / name
    if not path.is_file():
        pytest.skip(f"INTERPOL fixture {path} is absent (the shared fixtures live beside the checkout)")
    return path.read_text(encoding="utf-8").strip()


def fixture(name: str) -> Any:
    return json.loads(fixture_text(name))


def red_item(**overrides: Any) -> dict[str, Any]:
    """A small Red list item, as INTERPOL sends them, with ``overrides`` applied."""
    item: dict[str, Any] = {
        "date_of_birth": "1980/04/16", "nationalities": ["JP"], "entity_id": "2024/1187",
        "forename": "TARO", "name": "YAMADA",
        "_links": {"self": {"href": f"{BASE}/notices/v1/red/2024-1187"},
                   "images": {"href": f"{BASE}/notices/v1/red/2024-1187/images"}},
    }
    item.update(overrides)
    return item


def parse_red(**overrides: Any) -> Notice:
    return parse_notice(red_item(**overrides), default_owner="JP").notice


UN_PERSON: dict[str, Any] = {
    "entity_id": "2016/12345", "un_reference": "QDi.432", "un_reference_date": "2016/07/20",
    "un_resolution": "1267", "name": "EXAMPLEV", "forename": "IVAN PETROVICH",
    "name_in_original_script": "ЭКЗАМПЛЕВ", "forename_in_original_script": "ИВАН ПЕТРОВИЧ",
    "name_at_birth": "SAMPLOV",
    "aliases": [
        {"name": "EXAMPLOFF", "forename": "JOHN", "name_in_original_script": "ЭКЗАМПЛОФФ",
         "forename_in_original_script": "ДЖОН"},
        {"name": "IVANOV", "forename": None, "name_in_original_script": None,
         "forename_in_original_script": None},
    ],
    "father_name": "EXAMPLEV", "father_forename": "PETR", "mother_name": None, "mother_forename": None,
    "date_of_birth": "1975", "place_of_birth": "Example-on-Volga", "country_of_birth_id": "RU",
    "nationalities": ["RU", "914"], "sex_id": "M", "languages_spoken_ids": ["RUS", "ARA"],
    "identity_documents": [{"type": "passport", "number": "AB1234567", "issuing_country_id": "RU",
                            "expiry_date": "2030/01/31"}],
    "associates": ["EXAMPLE TRADING LLC"], "adresses": ["1 Example Street, Exampleville"],
    "summary": "Listed for supplying an example organisation.",
    "_links": {"self": {"href": f"{BASE}/notices/v1/un/persons/2016-12345"},
               "images": {"href": f"{BASE}/notices/v1/un/persons/2016-12345/images"}},
}

UN_ENTITY: dict[str, Any] = {
    "entity_id": "2017/5678", "un_reference": "QDe.999", "un_reference_date": "2017/03",
    "un_resolution": "1267", "name": "EXAMPLE TRADING LLC", "forename": None,
    "name_in_original_script": "شركة المثال", "forename_in_original_script": None, "name_at_birth": None,
    "aliases": [{"name": "EXAMPLE TRADERS", "forename": None, "name_in_original_script": None,
                 "forename_in_original_script": None}],
    "father_name": None, "father_forename": None, "mother_name": None, "mother_forename": None,
    "date_of_birth": None, "place_of_birth": None, "country_of_birth_id": None, "nationalities": ["AE"],
    "sex_id": None, "languages_spoken_ids": None, "identity_documents": [], "associates": None,
    "adresses": ["PO Box 1, Example City"], "summary": "Front company.", "legal_form": "LLC",
    "registration_number": "EX-0001", "main_activity": "Trading", "formerly_known_as": ["OLD EXAMPLE CO"],
    "_links": {"self": {"href": f"{BASE}/notices/v1/un/entities/2017-5678"},
               "images": {"href": f"{BASE}/notices/v1/un/entities/2017-5678/images"}},
}


# ---------------------------------------------------------------------------------------- round trips


@pytest.mark.parametrize("name", ["red_detail_2021-40312.json", "yellow_detail_2022-30877.json"])
def test_a_detail_renders_back_to_the_fixture_byte_for_byte(name: str) -> None:
    text = fixture_text(name)
    parsed = parse_notice(json.loads(text), where=name)
    rendered = render_detail(parsed.notice, BASE, linked=parsed.linked)
    assert rendered == json.loads(text)
    assert json.dumps(rendered, ensure_ascii=False) == text  # same keys, same order, same numbers


def test_the_images_response_renders_back_to_the_fixture() -> None:
    text = fixture_text("red_images_2021-40312.json")
    notice = parse_notice(fixture("red_detail_2021-40312.json")).notice
    notice = with_photos(notice, parse_images(json.loads(text)))
    assert json.dumps(render_images(notice, BASE)) == text
    # the detail keeps its thumbnail link once the real picture list is on the notice
    assert render_red_detail(notice, BASE)["_links"] == fixture("red_detail_2021-40312.json")["_links"]


def test_list_items_render_like_the_fixture_with_an_unknown_forename_as_null() -> None:
    data = fixture("red_list_nationality_CA.json")
    parsed = parse_list(data, default_owner="CA", where="red_list_nationality_CA.json")
    expected = copy.deepcopy(data["_embedded"]["notices"])
    for item in expected:
        if item["forename"] == "-":
            item["forename"] = None
    assert [render_list_item(p.notice, BASE) for p in parsed] == expected
    assert [list(render_list_item(p.notice, BASE)) for p in parsed] == [list(i) for i in expected]


@pytest.mark.parametrize("data", [UN_PERSON, UN_ENTITY], ids=["person", "entity"])
def test_a_un_detail_renders_back_to_what_was_read(data: dict[str, Any]) -> None:
    parsed = parse_notice(copy.deepcopy(data), default_owner="JP")
    assert render_detail(parsed.notice, BASE) == data
    assert list(render_un_detail(parsed.notice, BASE)) == list(data)


# ----------------------------------------------------------------------------------------- key order


def test_the_key_constants_are_the_fixtures_key_order() -> None:
    red = fixture("red_detail_2021-40312.json")
    yellow = fixture("yellow_detail_2022-30877.json")
    item = fixture("red_list_nationality_CA.json")["_embedded"]["notices"][0]
    assert (len(RED_DETAIL_KEYS), len(YELLOW_DETAIL_KEYS)) == (17, 26)
    assert tuple(red) == RED_DETAIL_KEYS
    assert tuple(yellow) == YELLOW_DETAIL_KEYS
    assert tuple(item) == LIST_ITEM_KEYS
    assert tuple(yellow["_embedded"]["links"][0]) == LINKED_NOTICE_KEYS
    assert tuple(red["_links"]) == ("self", "images", "thumbnail")
    assert tuple(red["arrest_warrants"][0]) == ("charge", "issuing_country_id", "charge_translation")


def test_every_rendered_shape_has_all_its_keys_in_order_even_when_nothing_is_known() -> None:
    bare_red = parse_notice({"entity_id": "2020/1", "name": None, "forename": None, "arrest_warrants": []},
                            default_owner="JP").notice
    bare_yellow = parse_notice({"entity_id": "2020/2", "date_of_event": None}, default_owner="JP").notice
    bare_un = parse_notice({"entity_id": "2020/3", "un_reference": None}, default_owner="JP").notice
    bare_entity = parse_notice({"entity_id": "2020/4", "un_reference": None, "legal_form": None},
                               default_owner="JP").notice
    assert tuple(render_red_detail(bare_red, BASE)) == RED_DETAIL_KEYS
    assert tuple(render_yellow_detail(bare_yellow, BASE)) == YELLOW_DETAIL_KEYS
    assert tuple(render_list_item(bare_red, BASE)) == LIST_ITEM_KEYS
    assert tuple(render_un_detail(bare_un, BASE)) == UN_PERSON_KEYS
    assert tuple(render_un_detail(bare_entity, BASE)) == UN_ENTITY_KEYS
    assert tuple(render_images(bare_red, BASE)) == ("_embedded",)
    red = render_red_detail(bare_red, BASE)
    assert (red["height"], red["weight"], red["forename"], red["name"]) == (0, 0, None, None)
    assert (red["nationalities"], red["eyes_colors_id"], red["arrest_warrants"]) == (None, None, [])
    assert red["_embedded"] == {"links": []}
    assert "thumbnail" not in red["_links"]


# ------------------------------------------------------------------------------------- reading quirks



def born(expected: PartialDate | None) -> Callable[[Notice], bool]:
    return lambda n: n.subject.date_of_birth == expected


QUIRKS: list[tuple[str, dict[str, Any], Callable[[Notice], bool]]] = [
    ("day precision", {"date_of_birth": "1980/04/16"}, born(PartialDate(1980, 4, 16))),
    ("month precision", {"date_of_birth": "1975/11"}, born(PartialDate(1975, 11))),
    ("year only", {"date_of_birth": "1989"}, born(PartialDate(1989))),
    ("UN zero month and day", {"date_of_birth": "1975/00/00"}, born(PartialDate(1975))),
    ("UN zero day", {"date_of_birth": "1975/06/00"}, born(PartialDate(1975, 6))),
    ("UN all zeros", {"date_of_birth": "0000/00/00"}, lambda n: n.subject.date_of_birth is None),
    ("null date", {"date_of_birth": None}, lambda n: n.subject.date_of_birth is None),
    ("dash forename", {"forename": "-"},
     lambda n: n.subject.names[0].forename is None and n.subject.names[0].name == "YAMADA"),
    ("null forename", {"forename": None}, lambda n: n.subject.names[0].forename is None),
    ("both names null", {"forename": None, "name": None}, lambda n: n.subject.names == ()),
    ("dash and null", {"forename": "-", "name": None}, lambda n: n.subject.names == ()),
    ("names are tidied", {"name": "  YAMADA  ", "forename": "TARO   JIRO"},
     lambda n: n.subject.names[0].full == "TARO JIRO YAMADA"),
    ("null nationalities", {"nationalities": None}, lambda n: n.subject.nationalities == ()),
    ("several nationalities", {"nationalities": ["CA", "JP"]},
     lambda n: n.subject.nationalities == ("CA", "JP")),
    ("lower-case nationality", {"nationalities": ["jp"]}, lambda n: n.subject.nationalities == ("JP",)),
    ("non-ISO 914", {"nationalities": ["914"]}, lambda n: n.subject.nationalities == ("914",)),
    ("non-ISO 922", {"nationalities": ["JP", "922"]}, lambda n: n.subject.nationalities == ("JP", "922")),
    ("zero height and weight", {"height": 0, "weight": 0},
     lambda n: (n.subject.height, n.subject.weight) == (None, None)),
    ("null height", {"height": None}, lambda n: n.subject.height is None),
    ("measures", {"height": 1.82, "weight": 41},
     lambda n: (n.subject.height, n.subject.weight) == (1.82, 41)),
    ("eye and hair lists", {"eyes_colors_id": ["BLU", "GRE"], "hairs_id": ["GRY"]},
     lambda n: n.subject.eye_colours == (EyeColour.BLUE, EyeColour.GREEN)
     and n.subject.hair_colours == (HairColour.GREY,)),
    ("null eyes", {"eyes_colors_id": None, "hairs_id": None},
     lambda n: (n.subject.eye_colours, n.subject.hair_colours) == ((), ())),
    ("languages", {"languages_spoken_ids": ["ENG", "jpn"]}, lambda n: n.subject.languages == ("ENG", "JPN")),
    ("a well-formed language outside the table", {"languages_spoken_ids": ["ROH"]},
     lambda n: n.subject.languages == ("ROH",)),
    ("null sex", {"sex_id": None}, lambda n: n.subject.sex is Sex.UNKNOWN),
    ("U sex", {"sex_id": "U"}, lambda n: n.subject.sex is Sex.UNKNOWN),
    ("F sex", {"sex_id": "F"}, lambda n: n.subject.sex is Sex.FEMALE),
    ("no links at all", {"_links": None}, lambda n: n.type is NoticeType.RED and n.subject.photos == ()),
    ("a thumbnail", {"_links": {"self": {"href": f"{BASE}/notices/v1/red/2024-1187"},
                                "thumbnail": {"href": f"{BASE}/notices/v1/red/2024-1187/images/59001882"}}},
     lambda n: n.subject.photos[0].thumbnail_id == "59001882"),
]


@pytest.mark.parametrize(("given", "holds"), [(q[1], q[2]) for q in QUIRKS], ids=[q[0] for q in QUIRKS])
def test_reading_survives_the_quirks_of_real_data(
    given: dict[str, Any], holds: Callable[[Notice], bool],
) -> None:
    notice = parse_notice(red_item(**given), NoticeType.RED, default_owner="JP").notice
    assert holds(notice)
    assert notice.status is NoticeStatus.PUBLISHED and notice.public_extract


@pytest.mark.parametrize(("given", "key", "shown"), [
    ({"forename": "-"}, "forename", None),
    ({"forename": None, "name": None}, "name", None),
    ({"date_of_birth": "1975/00/00"}, "date_of_birth", "1975"),
    ({"date_of_birth": "0000/00/00"}, "date_of_birth", None),
    ({"date_of_birth": "1975/11"}, "date_of_birth", "1975/11"),
    ({"nationalities": None}, "nationalities", None),
    ({"nationalities": ["914", "JP"]}, "nationalities", ["914", "JP"]),
    ({"height": 0}, "height", 0),
    ({"weight": 70.5}, "weight", 70.5),
    ({"languages_spoken_ids": None}, "languages_spoken_ids", None),
])
def test_quirks_render_back_as_interpol_writes_them(given: dict[str, Any], key: str, shown: Any) -> None:
    data = red_item(**given) | {"arrest_warrants": [{"charge": "Fraud", "issuing_country_id": "JP",
                                                      "charge_translation": None}]}
    assert render_red_detail(parse_notice(data).notice, BASE)[key] == shown


def test_a_red_detail_reads_its_warrants_measures_and_photo() -> None:
    parsed = parse_notice(fixture("red_detail_2021-40312.json"))
    n = parsed.notice
    assert (n.entity_id, n.type, n.owner) == ("2021/40312", NoticeType.RED, "JP")  # first warrant's country
    assert [(w.charge, w.issuing_country) for w in n.warrants] == [("Fraud; money laundering", "JP"),
                                                                   ("FRAUDE", "FR")]
    assert (n.subject.height, n.subject.weight, n.subject.sex) == (1.82, None, Sex.MALE)
    assert n.subject.languages == ("ENG", "FRE")
    assert n.subject.distinguishing_marks == "Scar on left forearm"
    assert [(i.rel, i.picture_id) for i in parsed.images] == [("images", None), ("thumbnail", "60111223")]
    assert n.subject.photos[0].picture_id == "60111223"


def test_a_yellow_detail_reads_the_disappearance_parents_birth_name_and_links() -> None:
    parsed = parse_notice(fixture("yellow_detail_2022-30877.json"))
    n = parsed.notice
    assert (n.type, n.owner, n.issuing_country) == (NoticeType.YELLOW, "JP", "JP")
    assert n.disappearance is not None
    assert (n.disappearance.date, n.disappearance.place, n.disappearance.country) == (
        PartialDate(2022, 3, 14), "Tokyo", "JP")
    assert n.disappearance.countries_likely_to_be_visited == ("US", "CA")
    assert (n.subject.mother_name, n.subject.mother_forename, n.subject.father_forename) == (
        "SAMPLE", "EMILY", "HIROSHI")
    birth = [name for name in n.subject.names if name.kind is NameKind.BIRTH]
    assert [b.full for b in birth] == ["HANA SAMPLE"]
    assert n.linked == ("2022/30878",)
    assert parsed.linked == (LinkedNotice("2022/30878", NoticeType.YELLOW, "EXAMPLEDA", "KAI"),)


def test_a_un_person_keeps_aliases_original_scripts_birth_name_documents_and_sanctions() -> None:
    n = parse_notice(copy.deepcopy(UN_PERSON)).notice
    assert (n.type, n.subject.kind, n.owner) == (NoticeType.UN_SPECIAL, SubjectKind.PERSON, "RU")
    kinds = [(name.kind, name.full) for name in n.subject.names]
    assert kinds == [
        (NameKind.PRIMARY, "IVAN PETROVICH EXAMPLEV"),
        (NameKind.ORIGINAL_SCRIPT, "ИВАН ПЕТРОВИЧ ЭКЗАМПЛЕВ"),
        (NameKind.BIRTH, "SAMPLOV"),
        (NameKind.ALIAS, "JOHN EXAMPLOFF"),
        (NameKind.ORIGINAL_SCRIPT, "ДЖОН ЭКЗАМПЛОФФ"),
        (NameKind.ALIAS, "IVANOV"),
    ]
    assert n.subject.names[1].script is Script.CYRILLIC
    assert n.un is not None
    assert (n.un.reference, n.un.resolution) == ("QDi.432", "1267")
    assert n.un.reference_date == PartialDate(2016, 7, 20)
    assert n.subject.identity_documents[0].number == "AB1234567"
    assert n.subject.extra["associates"] == ["EXAMPLE TRADING LLC"]


def test_a_un_entity_is_an_organisation_with_its_company_details() -> None:
    n = parse_notice(copy.deepcopy(UN_ENTITY)).notice
    assert (n.subject.kind, n.owner) == (SubjectKind.ORGANISATION, "AE")
    assert n.subject.extra["legal_form"] == "LLC"
    assert render_un_detail(n, BASE)["sex_id"] is None


def test_un_zero_dates_are_read_leniently() -> None:
    data = copy.deepcopy(UN_PERSON) | {"date_of_birth": "0000/00/00", "un_reference_date": "2016/00/00"}
    n = parse_notice(data).notice
    assert n.subject.date_of_birth is None
    assert n.un is not None and n.un.reference_date == PartialDate(2016)


# ------------------------------------------------------------------------------------ type and owner


@pytest.mark.parametrize(("data", "explicit", "expected"), [
    ({"_links": {"self": {"href": f"{BASE}/notices/v1/yellow/2024-1187"}}, "arrest_warrants": []}, None,
     (NoticeType.YELLOW, SubjectKind.PERSON)),
    ({"_links": {"self": {"href": f"{BASE}/notices/v1/un/entities/2024-1187"}}}, None,
     (NoticeType.UN_SPECIAL, SubjectKind.ORGANISATION)),
    ({"_links": {"self": {"href": f"{BASE}/notices/v1/un/persons/2024-1187"}}}, None,
     (NoticeType.UN_SPECIAL, SubjectKind.PERSON)),
    ({"arrest_warrants": []}, None, (NoticeType.RED, SubjectKind.PERSON)),
    ({"date_of_event": None}, None, (NoticeType.YELLOW, SubjectKind.PERSON)),
    ({"father_name": "X"}, None, (NoticeType.YELLOW, SubjectKind.PERSON)),
    ({"un_reference": "QDi.1", "father_name": "X"}, None, (NoticeType.UN_SPECIAL, SubjectKind.PERSON)),
    ({"_links": {"self": {"href": f"{BASE}/notices/v1/red/2024-1187"}}}, NoticeType.YELLOW,
     (NoticeType.YELLOW, SubjectKind.PERSON)),
    ({}, NoticeType.RED, (NoticeType.RED, SubjectKind.PERSON)),
], ids=["href beats keys", "UN entity href", "UN person href", "warrants", "date of event", "father",
        "UN reference", "explicit beats href", "explicit alone"])
def test_the_type_comes_from_the_argument_then_the_link_then_the_keys(
    data: dict[str, Any], explicit: NoticeType | None, expected: tuple[NoticeType, SubjectKind],
) -> None:
    n = parse_notice({"entity_id": "2024/1187", **data}, explicit, default_owner="JP").notice
    assert (n.type, n.subject.kind) == expected


@pytest.mark.parametrize(("data", "owner"), [
    ({"arrest_warrants": [{"charge": "X", "issuing_country_id": "914"},
                          {"charge": "Y", "issuing_country_id": "FR"}]}, "FR"),
    ({"arrest_warrants": []}, "JP"),
    ({"issuing_country": None, "country": "KR", "date_of_event": "2020"}, "KR"),
    ({"issuing_country": "US", "country": "KR", "date_of_event": "2020"}, "US"),
    ({"un_reference": "QDi.1", "nationalities": ["922", "AF"]}, "AF"),
    ({"un_reference": "QDi.1", "nationalities": None}, "JP"),
])
def test_the_owner_is_the_issuing_country_else_the_default_bureau(data: dict[str, Any], owner: str) -> None:
    assert parse_notice({"entity_id": "2024/1187", **data}, default_owner="jp").notice.owner == owner


# ---------------------------------------------------------------------------------------- bad input

BAD: list[tuple[str, dict[str, Any], str]] = [
    ("impossible date", {"date_of_birth": "2023/02/30"}, "date_of_birth"),
    ("not a date", {"date_of_birth": "16 April 1980"}, "date_of_birth"),
    ("unknown nationality", {"nationalities": ["XY"]}, "nationalities[0]"),
    ("nationalities as a string", {"nationalities": "JP"}, "nationalities"),
    ("a number among nationalities", {"nationalities": ["JP", 392]}, "nationalities[1]"),
    ("unknown sex", {"sex_id": "X"}, "sex_id"),
    ("sex as a number", {"sex_id": 1}, "sex_id"),
    ("name as a number", {"name": 42}, "name"),
    ("height as a string", {"height": "1.8"}, "height"),
    ("impossible height", {"height": 4.2}, "height"),
    ("unknown eye colour", {"eyes_colors_id": ["PUR"]}, "eyes_colors_id[0]"),
    ("hair as a string", {"hairs_id": "BLA"}, "hairs_id"),
    ("language that is no code", {"languages_spoken_ids": ["English"]}, "languages_spoken_ids[0]"),
    ("warrants as a string", {"arrest_warrants": "fraud"}, "arrest_warrants"),
    ("warrant from nowhere", {"arrest_warrants": [{"charge": "X", "issuing_country_id": "XY"}]},
     "arrest_warrants[0].issuing_country_id"),
    ("warrant without country", {"arrest_warrants": [{"charge": "X", "issuing_country_id": None}]},
     "arrest_warrants[0].issuing_country_id"),
    ("country of birth", {"country_of_birth_id": "Japan"}, "country_of_birth_id"),
    ("links as a list", {"_links": []}, "_links"),
    ("thumbnail id with a path", {"_links": {"self": {"href": f"{BASE}/notices/v1/red/2024-1187"},
                                             "thumbnail": {"href": f"{BASE}/images/..%2F..%2Fetc"}}},
     "_links.thumbnail.href"),
    ("linked notice with a bad id", {"_embedded": {"links": [{"entity_id": "x", "color": "RED"}]}},
     "_embedded.links[0].entity_id"),
    ("linked notice of no colour", {"_embedded": {"links": [{"entity_id": "2020/1", "color": "PINK"}]}},
     "_embedded.links[0].color"),
]


@pytest.mark.parametrize(("given", "field"), [(b[1], b[2]) for b in BAD], ids=[b[0] for b in BAD])
def test_a_bad_record_is_refused_naming_the_record_and_the_field(given: dict[str, Any], field: str) -> None:
    with pytest.raises(ImportRecordError) as caught:
        parse_notice(red_item(**given), where="red.jsonl:7", default_owner="JP")
    assert caught.value.record == "2024/1187"
    assert caught.value.field == field
    assert "2024/1187" in str(caught.value) and field in str(caught.value)


@pytest.mark.parametrize("entity_id", [None, "", "2021-40312", "21/40312", "2021/", 2021, "2021/12a"])
def test_a_record_without_a_valid_entity_id_is_named_by_where(entity_id: Any) -> None:
    data = red_item()
    if entity_id is None:
        del data["entity_id"]
    else:
        data["entity_id"] = entity_id
    with pytest.raises(ImportRecordError) as caught:
        parse_notice(data, where="red.jsonl:7", default_owner="JP")
    assert (caught.value.record, caught.value.field) == ("red.jsonl:7", "entity_id")


@pytest.mark.parametrize(("data", "default_owner", "field"), [
    (red_item(), None, "owner"),
    (red_item(), "XY", "owner"),
    (red_item(), "914", "owner"),
    ({"entity_id": "2024/1187", "name": "X"}, "JP", "type"),
])
def test_a_record_whose_owner_or_type_cannot_be_told_is_refused(
    data: dict[str, Any], default_owner: str | None, field: str,
) -> None:
    with pytest.raises(ImportRecordError) as caught:
        parse_notice(data, default_owner=default_owner)
    assert (caught.value.record, caught.value.field) == ("2024/1187", field)


def test_a_notice_that_is_not_an_object_is_refused() -> None:
    with pytest.raises(ImportRecordError) as caught:
        parse_notice(["2024/1187"], where="red.jsonl:3")  # type: ignore[arg-type]
    assert caught.value.record == "red.jsonl:3"


def test_an_explicit_type_without_a_public_extract_is_refused() -> None:
    with pytest.raises(ImportRecordError) as caught:
        parse_notice(red_item(), NoticeType.BLUE, default_owner="JP")
    assert caught.value.field == "type"


def test_a_list_names_each_item_by_its_position_until_its_id_is_known() -> None:
    data = {"_embedded": {"notices": [red_item(), {"name": "NO ID"}]}}
    with pytest.raises(ImportRecordError) as caught:
        parse_list(data, where="page-3.json", default_owner="JP")
    assert caught.value.record == "page-3.json#1"


# ----------------------------------------------------------------------------------------- rendering


def test_links_are_built_from_the_base_url() -> None:
    n = parse_red()
    item = render_list_item(n, "http://host/")
    assert item["_links"] == {"self": {"href": "http://host/notices/v1/red/2024-1187"},
                              "images": {"href": "http://host/notices/v1/red/2024-1187/images"}}
    un = parse_notice(copy.deepcopy(UN_ENTITY)).notice
    assert render_detail(un, "http://host")["_links"]["self"]["href"] == "http://host/notices/v1/un/entities/2017-5678"


def test_only_the_linked_notices_the_caller_passes_are_shown() -> None:
    parsed = parse_notice(fixture("yellow_detail_2022-30877.json"))
    assert render_yellow_detail(parsed.notice, BASE)["_embedded"] == {"links": []}


def test_a_notice_type_without_a_public_extract_has_no_detail() -> None:
    blue = Notice(entity_id="2024/1", type=NoticeType.BLUE, owner="JP", subject=parse_red().subject)
    with pytest.raises(ValidationError) as caught:
        render_detail(blue, BASE)
    assert caught.value.field == "type"


def test_an_image_list_without_pictures_is_only_the_empty_list() -> None:
    assert parse_images({"_embedded": {"images": []}}) == ()
    assert render_images(parse_red(), BASE) == {"_embedded": {"images": []}}
