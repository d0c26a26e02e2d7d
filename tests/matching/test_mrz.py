from contextlib import suppress
from datetime import date
from itertools import product
from typing import Any

import pytest
from babel.core import get_global
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from ncb.domain.countries import validate_country
from ncb.errors import ValidationError
from ncb.matching.mrz import (
    ICAO_COUNTRY_CODES,
    MRZCountry,
    MRZFormat,
    MRZName,
    check_digit,
    icao_country,
    make_mrz_td1,
    make_mrz_td3,
    parse_mrz,
)

TODAY = date(2026, 3, 1)

# The specimen documents of ICAO Doc 9303 (the fictional state of Utopia).
SPECIMEN_TD3 = ("P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<", "L898902C36UTO7408122F1204159ZE184226B<<<<<10")
SPECIMEN_TD1 = ("I<UTOD231458907<<<<<<<<<<<<<<<", "7408122F1204159UTO<<<<<<<<<<<6", "ERIKSSON<<ANNA<MARIA<<<<<<<<<<")
SPECIMEN_TD2 = ("I<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<", "D231458907UTO7408122F1204159<<<<<<<6")
SPECIMEN_MRV_A = ("V<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<", "L8988901C4XXX4009078F96121096ZE184226B<<<<<<")
SPECIMEN_MRV_B = ("V<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<", "L8988901C4XXX4009078F9612109<<<<<<<<")

UTOPIA = MRZCountry("UTO", None, "Utopia, the fictional state of ICAO's specimen documents")
ANNA = MRZName("ERIKSSON", "ANNA MARIA")


def yamada_passport(**overrides: object) -> str:
    values: dict[str, object] = {
        "surname": "Yamada", "given_names": "Taro", "document_number": "TK1234567", "nationality": "JPN",
        "date_of_birth": date(1985, 4, 1), "sex": "M", "expiry_date": date(2031, 4, 1),
    }
    values.update(overrides)
    return make_mrz_td3(**values)  # type: ignore[arg-type]


def replace(line: str, position: int, char: str) -> str:
    """``line`` with the character at 1-based ``position`` replaced."""
    return line[: position - 1] + char + line[position:]


# --- check digits and the specimens -----------------------------------------------------------------


@pytest.mark.parametrize("text, digit", [
    ("L898902C3", "6"), ("740812", "2"), ("120415", "9"), ("ZE184226B<<<<<", "1"), ("D23145890", "7"),
    ("<<<<<<", "0"), ("", "0"),
])
def test_check_digits_weigh_characters_seven_three_one(text: str, digit: str) -> None:
    assert check_digit(text) == digit


def test_reads_the_specimen_passport() -> None:
    result = parse_mrz("\n".join(SPECIMEN_TD3), today=TODAY)
    f = result.fields
    assert f.format is MRZFormat.TD3
    assert (f.document_type, f.document_subtype) == ("P", "")
    assert f.issuing_state == UTOPIA and f.nationality == UTOPIA
    assert f.name == ANNA
    assert f.document_number == "L898902C3"
    assert f.date_of_birth == date(1974, 8, 12) and f.date_of_birth_raw == "740812"
    assert f.sex == "F"
    assert f.expiry_date == date(2012, 4, 15)
    assert f.optional_data == f.personal_number == "ZE184226B"
    assert [c.name for c in result.checks] == [
        "document_number", "date_of_birth", "expiry_date", "personal_number", "composite",
    ]
    assert result.valid and all(c.passed for c in result.checks)
    assert result.corrections == ()
    assert result.warnings == ("the document expired on 2012-04-15",)


def test_reads_the_specimen_identity_card_in_three_lines() -> None:
    result = parse_mrz(list(SPECIMEN_TD1), today=TODAY)
    f = result.fields
    assert f.format is MRZFormat.TD1
    assert (f.document_type, f.document_number, f.name) == ("I", "D23145890", ANNA)
    assert (f.date_of_birth, f.sex, f.expiry_date) == (date(1974, 8, 12), "F", date(2012, 4, 15))
    assert f.nationality == UTOPIA and f.optional_data == f.optional_data_2 == ""
    assert f.personal_number is None
    assert [c.name for c in result.checks] == ["document_number", "date_of_birth", "expiry_date", "composite"]
    assert result.valid


def test_reads_the_specimen_td2_document() -> None:
    result = parse_mrz(SPECIMEN_TD2, today=TODAY)
    assert result.fields.format is MRZFormat.TD2
    assert (result.fields.document_number, result.fields.name) == ("D23145890", ANNA)
    assert result.valid and result.check("composite").found == "6"


@pytest.mark.parametrize("lines, fmt", [(SPECIMEN_MRV_A, MRZFormat.MRV_A), (SPECIMEN_MRV_B, MRZFormat.MRV_B)])
def test_reads_the_specimen_visas_which_have_no_composite_check(lines: tuple[str, str], fmt: MRZFormat) -> None:
    result = parse_mrz(lines, today=TODAY)
    f = result.fields
    assert (f.format, f.document_type, f.document_number) == (fmt, "V", "L8988901C")
    assert f.nationality == MRZCountry("XXX", None, "person of unspecified nationality")
    assert (f.date_of_birth, f.expiry_date) == (date(1940, 9, 7), date(1996, 12, 10))
    assert [c.name for c in result.checks] == ["document_number", "date_of_birth", "expiry_date"]
    assert result.valid
    with pytest.raises(KeyError):
        result.check("composite")


def test_a_long_td1_document_number_continues_in_the_optional_data() -> None:
    lines = ("I<UTOD23145890<7349<<<<<<<<<<<", SPECIMEN_TD1[1], SPECIMEN_TD1[2])
    result = parse_mrz(lines, today=TODAY)
    assert result.fields.document_number == "D23145890734"
    assert result.check("document_number") == result.checks[0]
    assert (result.checks[0].found, result.checks[0].passed) == ("9", True)
    assert result.fields.optional_data == ""
    assert result.valid


def test_the_td1_builder_writes_a_long_number_as_doc_9303_does() -> None:
    mrz = make_mrz_td1(
        surname="Eriksson", given_names="Anna Maria", document_number="D23145890734", nationality="UTO",
        date_of_birth=date(1974, 8, 12), sex="F", expiry_date=date(2012, 4, 15), optional_data="AB12",
    )
    assert mrz.splitlines()[0] == "I<UTOD23145890<7349<AB12<<<<<<"
    result = parse_mrz(mrz, today=TODAY)
    assert (result.fields.document_number, result.fields.optional_data, result.valid) == ("D23145890734", "AB12", True)


def test_the_builders_reproduce_the_specimens() -> None:
    anna: dict[str, Any] = {
        "surname": "Eriksson", "given_names": "Anna Maria", "nationality": "UTO",
        "date_of_birth": date(1974, 8, 12), "sex": "F", "expiry_date": date(2012, 4, 15),
    }
    assert make_mrz_td3(document_number="L898902C3", personal_number="ZE184226B", **anna) == "\n".join(SPECIMEN_TD3)
    assert make_mrz_td1(document_number="D23145890", **anna) == "\n".join(SPECIMEN_TD1)


# --- a Japanese passport ------------------------------------------------------------------------------


def test_a_japanese_passport_built_here_reads_back_with_its_iso_code() -> None:
    mrz = yamada_passport()
    line1, line2 = mrz.splitlines()
    assert line1 == "P<JPNYAMADA<<TARO" + "<" * 27
    assert len(line1) == len(line2) == 44
    result = parse_mrz(mrz, today=TODAY)
    f = result.fields
    assert f.nationality == MRZCountry("JPN", "JP") and f.issuing_state.alpha2 == "JP"
    assert (f.name.surname, f.name.given_names, f.name.truncated) == ("YAMADA", "TARO", False)
    assert (f.document_number, f.date_of_birth, f.expiry_date, f.sex) == (
        "TK1234567", date(1985, 4, 1), date(2031, 4, 1), "M",
    )
    assert result.valid and result.warnings == ()
    assert result.check("personal_number") == result.checks[3]
    assert result.checks[3].found == "<" and result.checks[3].passed


def test_the_builders_take_iso_codes_and_write_icao_ones() -> None:
    assert yamada_passport(nationality="JP").splitlines()[0].startswith("P<JPN")
    assert yamada_passport(nationality="DE").splitlines()[0].startswith("P<D<<YAMADA")
    assert yamada_passport(nationality="XK").splitlines()[0].startswith("P<RKS")
    assert yamada_passport(nationality="GB").splitlines()[0].startswith("P<GBR")


def test_the_builders_transliterate_latin_names_and_refuse_other_scripts() -> None:
    line1 = yamada_passport(surname="Müller-Lüdenscheidt", given_names="Seán O'Brien").splitlines()[0]
    assert line1.startswith("P<JPNMUELLER<LUEDENSCHEIDT<<SEAN<OBRIEN<")
    with pytest.raises(ValidationError, match="transliterate it first") as err:
        yamada_passport(surname="山田")
    assert err.value.field == "surname"


def test_the_builders_truncate_long_names_and_the_reader_flags_them() -> None:
    mrz = yamada_passport(surname="Wolfeschlegelsteinhausenbergerdorff", given_names="Hubert Blaine")
    assert mrz.splitlines()[0] == "P<JPNWOLFESCHLEGELSTEINHAUSENBERGERDORFF<<HU"
    result = parse_mrz(mrz, today=TODAY)
    assert result.fields.name == MRZName("WOLFESCHLEGELSTEINHAUSENBERGERDORFF", "HU", truncated=True)
    assert "the name runs to the end of its field and may be truncated" in result.warnings
    assert result.valid


@pytest.mark.parametrize("overrides, field", [
    ({"document_number": "TK12345678"}, "document_number"),
    ({"document_number": "TK-123"}, "document_number"),
    ({"document_number": ""}, "document_number"),
    ({"nationality": "Japan"}, "nationality"),
    ({"nationality": "QQ"}, "nationality"),
    ({"sex": "male"}, "sex"),
    ({"surname": ""}, "surname"),
    ({"personal_number": "123456789012345"}, "personal_number"),
])
def test_the_builders_refuse_what_an_mrz_cannot_hold(overrides: dict[str, object], field: str) -> None:
    with pytest.raises(ValidationError) as err:
        yamada_passport(**overrides)
    assert err.value.field == field and err.value.message


def test_the_td1_builder_refuses_a_number_too_long_for_the_optional_data() -> None:
    with pytest.raises(ValidationError, match="too long") as err:
        make_mrz_td1(
            surname="Eriksson", document_number="D231458907341234567890123", nationality="UTO",
            date_of_birth=date(1974, 8, 12), sex="F", expiry_date=date(2012, 4, 15),
        )
    assert err.value.field == "document_number"


# --- OCR damage -------------------------------------------------------------------------------------


def test_letters_read_in_dates_and_check_digits_are_taken_as_digits() -> None:
    damaged = "L898902C36UTO74O8122F12O4159ZE184226B<<<<<1O"
    result = parse_mrz((SPECIMEN_TD3[0], damaged), today=TODAY)
    assert result.fields.date_of_birth == date(1974, 8, 12)
    assert result.fields.expiry_date == date(2012, 4, 15)
    assert result.corrections == (
        "date_of_birth: O->0 at position 3", "expiry_date: O->0 at position 3", "composite check digit: O->0",
    )
    assert result.valid
    assert result.lines == SPECIMEN_TD3


def test_digits_read_in_names_and_country_codes_are_taken_as_letters() -> None:
    damaged = ("P<UT0ERIKSS0N<<ANNA<MAR1A<<<<<<<<<<<<<<<<<<<", "L898902C36UT07408122F1204159ZE184226B<<<<<10")
    result = parse_mrz(damaged, today=TODAY)
    assert result.fields.name == ANNA
    assert result.fields.issuing_state == UTOPIA and result.fields.nationality == UTOPIA
    assert result.corrections == (
        "issuing_state: 0->O at position 3", "nationality: 0->O at position 3",
        "name: 0->O at position 7", "name: 1->I at position 19",
    )
    assert result.valid


def test_an_identity_card_code_read_as_a_digit_is_taken_as_the_letter() -> None:
    result = parse_mrz(("1<UTOD231458907<<<<<<<<<<<<<<<",) + SPECIMEN_TD1[1:], today=TODAY)
    assert result.fields.document_type == "I" and result.corrections == ("document_type: 1->I at position 1",)


def test_a_document_number_with_o_for_zero_is_corrected_when_only_one_swap_passes() -> None:
    damaged = "L8989O2C36UTO7408122F1204159ZE184226B<<<<<10"
    result = parse_mrz((SPECIMEN_TD3[0], damaged), today=TODAY)
    assert result.fields.document_number == "L898902C3"
    assert result.corrections == ("document_number: O->0 at position 6",)
    assert result.valid


def test_a_damaged_document_number_is_left_alone_when_several_swaps_would_pass() -> None:
    damaged = "L8S8902C36UTO7408122F1204159ZE184226B<<<<<10"  # 9 misread as S: no single swap restores it
    result = parse_mrz((SPECIMEN_TD3[0], damaged), today=TODAY)
    assert result.fields.document_number == "L8S8902C3"
    assert result.corrections == ()
    assert any("2 single swaps would pass" in w and "none was made" in w for w in result.warnings)
    assert not result.valid and not result.check("document_number").passed


def test_a_failing_check_digit_is_reported_not_raised() -> None:
    result = parse_mrz((SPECIMEN_TD3[0], replace(SPECIMEN_TD3[1], 44, "1")), today=TODAY)
    assert not result.valid
    composite = result.check("composite")
    assert (composite.expected, composite.found, composite.passed) == ("0", "1", False)
    assert [c.name for c in result.checks if not c.passed] == ["composite"]
    assert result.fields.name == ANNA


def test_a_wrong_birth_date_fails_both_its_own_and_the_composite_check() -> None:
    result = parse_mrz((SPECIMEN_TD3[0], replace(SPECIMEN_TD3[1], 19, "3")), today=TODAY)
    assert result.fields.date_of_birth == date(1974, 8, 13)
    assert [c.name for c in result.checks if not c.passed] == ["date_of_birth", "composite"]


# --- dates, sex, names, countries -------------------------------------------------------------------


def test_two_digit_birth_years_in_the_future_belong_to_the_previous_century() -> None:
    def born(yymmdd: str) -> date | None:
        line2 = "TK12345670JPN" + yymmdd + check_digit(yymmdd) + "M3104011<<<<<<<<<<<<<<<0"
        return parse_mrz((yamada_passport().splitlines()[0], line2), today=TODAY).fields.date_of_birth

    assert born("260301") == date(2026, 3, 1)
    assert born("260302") == date(1926, 3, 2)
    assert born("050101") == date(2005, 1, 1)
    assert born("991231") == date(1999, 12, 31)


@pytest.mark.parametrize("expiry, year", [
    (date(2076, 1, 1), 2076), (date(1977, 1, 1), 1977), (date(2012, 4, 15), 2012),
])
def test_expiry_years_fall_within_fifty_years_after_today_or_forty_nine_before(expiry: date, year: int) -> None:
    result = parse_mrz(yamada_passport(expiry_date=expiry), today=TODAY)
    assert result.fields.expiry_date is not None and result.fields.expiry_date.year == year


def test_an_impossible_date_is_kept_as_text_with_a_warning() -> None:
    line2 = "L898902C36UTO7413122F1204159ZE184226B<<<<<10"
    result = parse_mrz((SPECIMEN_TD3[0], line2), today=TODAY)
    assert result.fields.date_of_birth is None and result.fields.date_of_birth_raw == "741312"
    assert "date_of_birth 741312 is not a date: month 13 does not exist" in result.warnings
    assert not result.check("date_of_birth").passed


def test_a_day_that_does_not_exist_is_named() -> None:
    dob = "740231"
    line2 = "L898902C36UTO" + dob + check_digit(dob) + "F1204159ZE184226B<<<<<10"
    result = parse_mrz((SPECIMEN_TD3[0], line2), today=TODAY)
    assert result.fields.date_of_birth is None
    assert "date_of_birth 740231 is not a date: day 31 does not exist in 1974-02" in result.warnings
    assert result.check("date_of_birth").passed


def test_an_unknown_birth_day_and_month_leave_the_date_open() -> None:
    dob = "74<<<<"
    line2 = "L898902C36UTO" + dob + check_digit(dob) + "F1204159ZE184226B<<<<<10"
    result = parse_mrz((SPECIMEN_TD3[0], line2), today=TODAY)
    assert result.fields.date_of_birth is None and result.fields.date_of_birth_raw == "74<<<<"
    assert "date_of_birth 74<<<< is only partly given" in result.warnings


@pytest.mark.parametrize("printed, sex", [("M", "M"), ("F", "F"), ("X", "X"), ("<", "U")])
def test_sex_is_m_f_x_or_unknown(printed: str, sex: str) -> None:
    result = parse_mrz(yamada_passport(sex={"<": "U"}.get(printed, printed)), today=TODAY)
    assert result.fields.sex == sex and result.lines[1][20] == printed


def test_a_blank_personal_number_may_carry_zero_or_a_filler_as_check_digit() -> None:
    line1, line2 = yamada_passport().splitlines()
    for check in ("<", "0"):
        result = parse_mrz((line1, replace(line2, 43, check)), today=TODAY)
        assert result.check("personal_number").passed and result.fields.personal_number == ""
    assert not parse_mrz((line1, replace(line2, 43, "3")), today=TODAY).check("personal_number").passed


def test_surnames_of_several_words_and_a_single_name_read_as_written() -> None:
    result = parse_mrz(yamada_passport(surname="van der Berg", given_names="Jan Willem"), today=TODAY)
    assert result.fields.name == MRZName("VAN DER BERG", "JAN WILLEM")
    single = parse_mrz(yamada_passport(surname="Suharto", given_names=""), today=TODAY)
    assert single.fields.name == MRZName("SUHARTO", "")


@pytest.mark.parametrize("code, alpha2", [
    ("JPN", "JP"), ("D", "DE"), ("D<<", "DE"), ("GBR", "GB"), ("GBD", "GB"), ("GBN", "GB"), ("GBO", "GB"),
    ("GBP", "GB"), ("GBS", "GB"), ("RKS", "XK"), ("UNO", None), ("UNA", None), ("UNK", None), ("XXA", None),
    ("XXB", None), ("XXC", None), ("XXX", None), ("EUE", None), ("UTO", None), ("XPO", None),
])
def test_icao_codes_map_to_iso_codes_where_a_country_is_meant(code: str, alpha2: str | None) -> None:
    assert icao_country(code).alpha2 == alpha2
    assert icao_country(code).known


def test_special_icao_codes_carry_a_note() -> None:
    assert "Kosovo" in (icao_country("UNK").note or "")
    assert icao_country("XXA").note == "stateless person (1954 Convention)"
    assert icao_country("JPN").note is None


def test_germany_reads_as_d_padded_with_fillers() -> None:
    result = parse_mrz(yamada_passport(nationality="D", surname="Mustermann", given_names="Erika"), today=TODAY)
    assert result.fields.nationality == MRZCountry("D", "DE", "Germany (ICAO uses D, not DEU)")
    assert result.valid


def test_an_unknown_country_code_is_a_warning() -> None:
    result = parse_mrz(yamada_passport(nationality="QQQ"), today=TODAY)
    assert result.fields.nationality == MRZCountry("QQQ", None)
    assert "nationality 'QQQ' is not an ICAO country code" in result.warnings


def test_every_iso_country_has_an_icao_code() -> None:
    iso = set()
    for a, b in product("ABCDEFGHIJKLMNOPQRSTUVWXYZ", repeat=2):
        with suppress(ValidationError):
            iso.add(validate_country(a + b))
    assert len(iso) > 240
    assert iso <= set(ICAO_COUNTRY_CODES.values())
    assert {alpha2 for alpha2 in ICAO_COUNTRY_CODES.values() if alpha2} <= iso


def test_the_alpha3_codes_agree_with_cldr() -> None:
    aliases = get_global("territory_aliases")
    for code, alpha2 in ICAO_COUNTRY_CODES.items():
        if icao_country(code).note is None:
            assert aliases.get(code) == [alpha2], code


# --- input forms and what cannot be read ------------------------------------------------------------


@pytest.mark.parametrize("text", [
    "\n".join(SPECIMEN_TD3) + "\n",
    "  " + SPECIMEN_TD3[0].lower() + "  \r\n" + " ".join(SPECIMEN_TD3[1]) + "\n\n",
    "".join(SPECIMEN_TD3),
    list(SPECIMEN_TD3),
])
def test_accepts_text_or_lines_with_spaces_case_and_blank_lines_ignored(text: str | list[str]) -> None:
    result = parse_mrz(text, today=TODAY)
    assert result.lines == SPECIMEN_TD3 and result.valid


@pytest.mark.parametrize("text, message", [
    ("", "the MRZ is empty"),
    (" \n \n", "the MRZ is empty"),
    ("P<UTOERIKSSON", "the MRZ has 1 line of 13 characters"),
    ("\n".join(SPECIMEN_TD1 + SPECIMEN_TD2), "the MRZ has 5 lines"),
    (SPECIMEN_TD3[0] + "\n" + SPECIMEN_TD3[1][:43], "line 2 has 43 characters; TD3 lines have 44"),
    (SPECIMEN_TD3[0][:40] + "\n" + SPECIMEN_TD3[1], "line 1 has 40 characters; TD3 lines have 44"),
    (SPECIMEN_TD2[0] + "\n" + SPECIMEN_TD2[1] + "<", "line 2 has 37 characters; TD2 lines have 36"),
    (SPECIMEN_MRV_A[0] + "\n" + SPECIMEN_MRV_A[1][:40], "line 2 has 40 characters; MRV-A lines have 44"),
    ("A" * 40 + "\n" + "B" * 40, "both lines have 40 characters; TD2 lines have 36 characters and TD3"),
    ("A" * 40 + "\n" + "B" * 41, "line 1 has 40 characters and line 2 has 41"),
    (
        "\n".join((SPECIMEN_TD1[0], SPECIMEN_TD1[1][:29], SPECIMEN_TD1[2])),
        "line 2 has 29 characters; TD1 lines have 30",
    ),
    (SPECIMEN_TD3[0].replace("ANNA", "ANNÉ") + "\n" + SPECIMEN_TD3[1], "line 1 has 'É' at position 19"),
    (SPECIMEN_TD3[0] + "\n" + SPECIMEN_TD3[1].replace("ZE", "Z-"), "an MRZ holds only A-Z, 0-9 and <"),
])
def test_unreadable_input_raises_a_clear_error_on_the_mrz_field(text: str, message: str) -> None:
    with pytest.raises(ValidationError, match=message.replace("(", r"\(")) as err:
        parse_mrz(text, today=TODAY)
    assert err.value.field == "mrz"


# --- round trips ------------------------------------------------------------------------------------

LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
DIGITS = "0123456789"
words = st.text(alphabet=LETTERS, min_size=1, max_size=9)
surnames = st.lists(words, min_size=1, max_size=3).map(" ".join)
given_names = st.lists(words, min_size=0, max_size=3).map(" ".join)
icao_codes = st.sampled_from(sorted(ICAO_COUNTRY_CODES))
births = st.dates(min_value=date(1926, 3, 2), max_value=TODAY)
expiries = st.dates(min_value=date(1977, 1, 1), max_value=date(2076, 12, 31))
sexes = st.sampled_from(["M", "F", "X", "U"])


def name_fits(surname: str, given: str, length: int) -> bool:
    return len(surname) + (2 + len(given) if given else 0) <= length


@settings(max_examples=300, deadline=None)
@given(
    surname=surnames, given=given_names, number=st.text(alphabet=LETTERS + DIGITS, min_size=1, max_size=9),
    nationality=icao_codes, issuer=icao_codes, born=births, expiry=expiries, sex=sexes,
    personal=st.text(alphabet=LETTERS + DIGITS, max_size=14),
)
def test_any_passport_built_here_reads_back_the_same(
    surname: str, given: str, number: str, nationality: str, issuer: str, born: date, expiry: date, sex: str,
    personal: str,
) -> None:
    assume(name_fits(surname, given, 39))
    mrz = make_mrz_td3(
        surname=surname, given_names=given, document_number=number, nationality=nationality,
        issuing_state=issuer, date_of_birth=born, sex=sex, expiry_date=expiry, personal_number=personal,
    )
    result = parse_mrz(mrz, today=TODAY)
    f = result.fields
    assert result.valid and result.corrections == ()
    assert (f.format, f.document_type, f.document_number) == (MRZFormat.TD3, "P", number)
    assert (f.issuing_state.code, f.nationality.code) == (issuer, nationality)
    assert f.name == MRZName(surname, given, truncated=len(mrz.splitlines()[0].rstrip("<")) == 44)
    assert (f.date_of_birth, f.expiry_date, f.sex, f.personal_number) == (born, expiry, sex, personal)


@settings(max_examples=300, deadline=None)
@given(
    surname=surnames, given=given_names, number=st.text(alphabet=LETTERS + DIGITS, min_size=1, max_size=16),
    nationality=icao_codes, born=births, expiry=expiries, sex=sexes,
    optional=st.text(alphabet=LETTERS + DIGITS, max_size=15),
    optional_2=st.text(alphabet=LETTERS + DIGITS, max_size=11),
)
def test_any_identity_card_built_here_reads_back_the_same(
    surname: str, given: str, number: str, nationality: str, born: date, expiry: date, sex: str, optional: str,
    optional_2: str,
) -> None:
    assume(name_fits(surname, given, 30))
    if len(number) > 9:
        assume(len(number) - 8 + (1 + len(optional) if optional else 0) <= 15)
    mrz = make_mrz_td1(
        surname=surname, given_names=given, document_number=number, nationality=nationality, date_of_birth=born,
        sex=sex, expiry_date=expiry, optional_data=optional, optional_data_2=optional_2,
    )
    result = parse_mrz(mrz, today=TODAY)
    f = result.fields
    assert result.valid and result.corrections == ()
    assert (f.format, f.document_type, f.document_number) == (MRZFormat.TD1, "I", number)
    assert f.nationality.code == f.issuing_state.code == nationality
    assert f.name == MRZName(surname, given, truncated=len(mrz.splitlines()[2].rstrip("<")) == 30)
    assert (f.date_of_birth, f.expiry_date, f.sex) == (born, expiry, sex)
    assert (f.optional_data, f.optional_data_2) == (optional, optional_2)
