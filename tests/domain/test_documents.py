import json
from datetime import UTC, date, datetime

import pytest

from ncb.domain.codes import EyeColour, HairColour
from ncb.domain.documents import content_hash, notice_from_dict, notice_to_dict
from ncb.domain.notices import IdentityDocument, Photo, Restriction, RestrictionMode
from ncb.errors import ValidationError
from tests.builders import make_notice


def test_the_native_form_round_trips_exactly() -> None:
    notice = make_notice(
        eye_colours=(EyeColour.BROWN,), hair_colours=(HairColour.BLACK,), languages=("JPN", "ENG"),
        identity_documents=(IdentityDocument("passport", "TK1234567", "JP", date(2030, 1, 1)),),
        photos=(Photo("1001", "1002"),),
        restriction=Restriction(RestrictionMode.DENY, frozenset({"RU", "BY"})),
        created_at=datetime(2026, 1, 2, 3, 4, tzinfo=UTC),
    )
    doc = json.loads(json.dumps(notice_to_dict(notice)))
    assert notice_from_dict(doc) == notice


def test_the_content_hash_ignores_when_the_notice_was_stored() -> None:
    a = make_notice(created_at=datetime(2026, 1, 1, tzinfo=UTC))
    b = make_notice(created_at=datetime(2026, 2, 1, tzinfo=UTC))
    assert content_hash(a) == content_hash(b)
    assert content_hash(a) != content_hash(make_notice(place_of_birth="Kyoto"))


@pytest.mark.parametrize("path, value, field, words", [
    (("subject", "date_of_birth"), "2023/02/30", "subject.date_of_birth", "does not exist"),
    (("subject", "nationalities"), ["JP", "ZZ"], "subject.nationalities[1]", "ZZ"),
    (("subject", "sex"), "X", "subject.sex", "M, F or U"),
    (("subject", "eye_colours"), ["PURPLE"], "subject.eye_colours[0]", "PURPLE"),
    (("type",), "magenta", "type", "magenta"),
    (("warrants",), [{"charge": "Fraud", "issuing_country": "JPN"}], "warrants[0].issuing_country", "JPN"),
    (("subject", "height"), "tall", "subject.height", "number"),
    (("subject", "nationalities"), "JP", "subject.nationalities", "list"),
])
def test_bad_input_names_the_record_and_the_field(path: tuple[str, ...], value: object, field: str,
                                                  words: str) -> None:
    doc = notice_to_dict(make_notice())
    target = doc
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    with pytest.raises(ValidationError) as err:
        notice_from_dict(doc)
    assert err.value.field == field
    assert err.value.record == "2026/00001"
    assert words in str(err.value)


def test_an_entity_id_must_look_like_interpols() -> None:
    doc = notice_to_dict(make_notice())
    doc["entity_id"] = "red-42"
    with pytest.raises(ValidationError, match="YYYY/NNNNN"):
        notice_from_dict(doc)
