"""Machine-readable zones of travel documents (ICAO Doc 9303): read them, and build them for tests.

``parse_mrz`` reads the three layouts of Doc 9303 and the two visa layouts:

============  =============  ===========================================
format        lines x chars  documents
============  =============  ===========================================
TD1           3 x 30         identity cards
TD2           2 x 36         identity cards, older travel documents
TD3           2 x 44         passports
MRV-A         2 x 44         visas (first character ``V``)
MRV-B         2 x 36         visas (first character ``V``)
============  =============  ===========================================

It never raises for what a reader can still make sense of: a check digit that fails is reported in
``MRZResult.checks``, a date that does not exist is kept as raw text with a warning, and the usual OCR
confusions (``0``/``O``, ``1``/``I``, ``8``/``B``, ``5``/``S``, ``2``/``Z``, ``6``/``G``) are undone
field by field and listed in ``MRZResult.corrections``: letters become digits where only digits may
stand (dates, check digits), digits become letters where only letters may stand (document code,
countries, names), and a document number whose check digit fails is tried with one confusable
character swapped; a swap is kept only when exactly one makes the check pass. ``ValidationError``
(``field="mrz"``) is raised only for text that is not an MRZ at all: wrong number of lines, lengths
that match no layout, characters outside ``A-Z``, ``0-9`` and ``<``.

Two-digit years are placed on the day asked (``today``): a birth date that would be in the future is in
the previous century; an expiry date is within the 50 years after ``today`` or the 49 before it.

Countries are ICAO codes (ISO 3166-1 alpha-3, plus ``D`` for Germany and codes for British
nationality classes, international organisations, stateless persons and refugees); ``MRZCountry``
carries the ISO alpha-2 code where there is one, and a note for the special codes.

``make_mrz_td3`` and ``make_mrz_td1`` write an MRZ with its check digits (tests and the demo data use
them). Pure: no I/O, standard library only.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from types import MappingProxyType

from ncb.errors import ValidationError

FILLER = "<"
_MRZ_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<")
_WEIGHTS = (7, 3, 1)

#: OCR confusions, letter -> digit (used where only a digit may stand) and back.
_TO_DIGIT: Mapping[str, str] = MappingProxyType({"O": "0", "I": "1", "B": "8", "S": "5", "Z": "2", "G": "6"})
_TO_LETTER: Mapping[str, str] = MappingProxyType({digit: letter for letter, digit in _TO_DIGIT.items()})
_CONFUSABLE: Mapping[str, str] = MappingProxyType({**_TO_DIGIT, **_TO_LETTER})


class MRZFormat(StrEnum):
    """The layout of a machine-readable zone."""

    TD1 = "td1"
    TD2 = "td2"
    TD3 = "td3"
    MRV_A = "mrv_a"
    MRV_B = "mrv_b"

    @property
    def label(self) -> str:
        return self.value.upper().replace("_", "-")


# --- countries --------------------------------------------------------------------------------------

# ISO 3166-1 alpha-3 -> alpha-2, the ICAO code of every ISO country (ICAO uses alpha-3 except for
# Germany, which is ``D``), and Kosovo (ICAO ``RKS``, user-assigned ISO ``XK``).
_ISO_ALPHA3 = """
ABW AW AFG AF AGO AO AIA AI ALA AX ALB AL AND AD ARE AE ARG AR ARM AM ASM AS ATA AQ ATF TF ATG AG AUS AU
AUT AT AZE AZ BDI BI BEL BE BEN BJ BES BQ BFA BF BGD BD BGR BG BHR BH BHS BS BIH BA BLM BL BLR BY BLZ BZ
BMU BM BOL BO BRA BR BRB BB BRN BN BTN BT BVT BV BWA BW CAF CF CAN CA CCK CC CHE CH CHL CL CHN CN CIV CI
CMR CM COD CD COG CG COK CK COL CO COM KM CPV CV CRI CR CUB CU CUW CW CXR CX CYM KY CYP CY CZE CZ DJI DJ
DMA DM DNK DK DOM DO DZA DZ ECU EC EGY EG ERI ER ESH EH ESP ES EST EE ETH ET FIN FI FJI FJ FLK FK FRA FR
FRO FO FSM FM GAB GA GBR GB GEO GE GGY GG GHA GH GIB GI GIN GN GLP GP GMB GM GNB GW GNQ GQ GRC GR GRD GD
GRL GL GTM GT GUF GF GUM GU GUY GY HKG HK HMD HM HND HN HRV HR HTI HT HUN HU IDN ID IMN IM IND IN IOT IO
IRL IE IRN IR IRQ IQ ISL IS ISR IL ITA IT JAM JM JEY JE JOR JO JPN JP KAZ KZ KEN KE KGZ KG KHM KH KIR KI
KNA KN KOR KR KWT KW LAO LA LBN LB LBR LR LBY LY LCA LC LIE LI LKA LK LSO LS LTU LT LUX LU LVA LV MAC MO
MAF MF MAR MA MCO MC MDA MD MDG MG MDV MV MEX MX MHL MH MKD MK MLI ML MLT MT MMR MM MNE ME MNG MN MNP MP
MOZ MZ MRT MR MSR MS MTQ MQ MUS MU MWI MW MYS MY MYT YT NAM NA NCL NC NER NE NFK NF NGA NG NIC NI NIU NU
NLD NL NOR NO NPL NP NRU NR NZL NZ OMN OM PAK PK PAN PA PCN PN PER PE PHL PH PLW PW PNG PG POL PL PRI PR
PRK KP PRT PT PRY PY PSE PS PYF PF QAT QA REU RE ROU RO RUS RU RWA RW SAU SA SDN SD SEN SN SGP SG SGS GS
SHN SH SJM SJ SLB SB SLE SL SLV SV SMR SM SOM SO SPM PM SRB RS SSD SS STP ST SUR SR SVK SK SVN SI SWE SE
SWZ SZ SXM SX SYC SC SYR SY TCA TC TCD TD TGO TG THA TH TJK TJ TKL TK TKM TM TLS TL TON TO TTO TT TUN TN
TUR TR TUV TV TWN TW TZA TZ UGA UG UKR UA UMI UM URY UY USA US UZB UZ VAT VA VCT VC VEN VE VGB VG VIR VI
VNM VN VUT VU WLF WF WSM WS YEM YE ZAF ZA ZMB ZM ZWE ZW
D DE RKS XK
"""

# ICAO codes that are not ISO alpha-3 codes (Doc 9303 Part 3): alpha-2 where one applies, and a note.
_ICAO_SPECIAL: dict[str, tuple[str | None, str]] = {
    "D": ("DE", "Germany (ICAO uses D, not DEU)"),
    "RKS": ("XK", "Kosovo (Republic of Kosovo)"),
    "GBD": ("GB", "British Overseas Territories Citizen"),
    "GBN": ("GB", "British National (Overseas)"),
    "GBO": ("GB", "British Overseas Citizen"),
    "GBP": ("GB", "British Protected Person"),
    "GBS": ("GB", "British Subject"),
    "UNO": (None, "United Nations Organization or one of its officials"),
    "UNA": (None, "specialized agency of the United Nations or one of its officials"),
    "UNK": (None, "resident of Kosovo holding a travel document issued by the UN Interim Administration (UNMIK)"),
    "EUE": (None, "European Union"),
    "XBA": (None, "African Development Bank"),
    "XIM": (None, "African Export-Import Bank"),
    "XCC": (None, "Caribbean Community (CARICOM)"),
    "XCE": (None, "Council of Europe"),
    "XCO": (None, "Common Market for Eastern and Southern Africa (COMESA)"),
    "XEC": (None, "Economic Community of West African States (ECOWAS)"),
    "XES": (None, "Organisation of Eastern Caribbean States"),
    "XMP": (None, "Parliamentary Assembly of the Mediterranean"),
    "XOM": (None, "Sovereign Military Order of Malta"),
    "XDC": (None, "Southern African Development Community"),
    "XPO": (None, "INTERPOL"),
    "XXA": (None, "stateless person (1954 Convention)"),
    "XXB": (None, "refugee (1951 Convention)"),
    "XXC": (None, "refugee other than under the 1951 Convention"),
    "XXX": (None, "person of unspecified nationality"),
    "UTO": (None, "Utopia, the fictional state of ICAO's specimen documents"),
}


def _country_table() -> dict[str, str | None]:
    words = _ISO_ALPHA3.split()
    table: dict[str, str | None] = dict(zip(words[::2], words[1::2], strict=True))
    table.update({code: alpha2 for code, (alpha2, _) in _ICAO_SPECIAL.items()})
    return table


#: Every ICAO nationality / issuing-state code this module knows -> its ISO alpha-2 code (or ``None``).
ICAO_COUNTRY_CODES: Mapping[str, str | None] = MappingProxyType(_country_table())

# ISO alpha-2 -> the ICAO code a builder writes (GBR for GB, D for DE, RKS for XK).
_ICAO_FOR_ALPHA2: Mapping[str, str] = MappingProxyType(
    {alpha2: code for code, alpha2 in ICAO_COUNTRY_CODES.items() if alpha2 and code not in _ICAO_SPECIAL}
    | {"DE": "D", "XK": "RKS"}
)


@dataclass(frozen=True)
class MRZCountry:
    """A country field of an MRZ: the ICAO code as printed (fillers removed), its ISO alpha-2 code, a note."""

    code: str
    alpha2: str | None
    note: str | None = None

    @property
    def known(self) -> bool:
        return self.code in ICAO_COUNTRY_CODES


def icao_country(code: str) -> MRZCountry:
    """Look up an ICAO code (``JPN``, ``D``, ``D<<``, ``XXA``...); an unknown code has no alpha-2 code."""
    normal = code.strip().upper().replace(FILLER, "")
    special = _ICAO_SPECIAL.get(normal)
    if special is not None:
        return MRZCountry(normal, special[0], special[1])
    return MRZCountry(normal, ICAO_COUNTRY_CODES.get(normal))


# --- results ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CheckResult:
    """One check digit: the digit computed from the data (``expected``) and the one printed (``found``).

    Names: ``document_number``, ``date_of_birth``, ``expiry_date``, ``personal_number`` (TD3 only),
    ``composite`` (TD1, TD2, TD3). A blank personal number may carry ``<`` or ``0``; either passes.
    """

    name: str
    expected: str
    found: str
    passed: bool


@dataclass(frozen=True)
class MRZName:
    """The holder's name: fillers read as spaces; ``truncated`` when the name runs to the end of its field.

    Doc 9303 truncates names that do not fit and marks it only by a letter in the last position, so a
    name that exactly fills the field is flagged too: it may have been cut.
    """

    surname: str
    given_names: str
    truncated: bool = False


@dataclass(frozen=True)
class MRZFields:
    """What the zone says, after OCR corrections.

    ``document_type`` is the first character of the document code (``P``, ``I``, ``A``, ``C``, ``V``),
    ``document_subtype`` the second (``""`` for a filler). ``optional_data`` is TD3's personal number,
    TD1's first-line optional data (after any document number continuation), TD2's and visas' optional
    data; ``optional_data_2`` is TD1's second-line optional data. Trailing fillers are removed from both.
    Dates are ``None`` when they do not exist or are not fully given; the ``*_raw`` text is always kept.
    ``sex`` is ``M``, ``F``, ``X`` or ``U`` (a filler, or anything else, with a warning).
    """

    format: MRZFormat
    document_type: str
    document_subtype: str
    issuing_state: MRZCountry
    name: MRZName
    document_number: str
    nationality: MRZCountry
    date_of_birth: date | None
    date_of_birth_raw: str
    sex: str
    expiry_date: date | None
    expiry_date_raw: str
    optional_data: str
    optional_data_2: str = ""

    @property
    def personal_number(self) -> str | None:
        """TD3's personal number (``optional_data``); ``None`` for other formats."""
        return self.optional_data if self.format is MRZFormat.TD3 else None


@dataclass(frozen=True)
class MRZResult:
    """A parsed MRZ: its fields, every check digit, the OCR corrections made and anything doubtful.

    ``lines`` are the zone as read after corrections (what the check digits were computed on).
    """

    fields: MRZFields
    checks: tuple[CheckResult, ...]
    corrections: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()
    lines: tuple[str, ...] = ()

    @property
    def valid(self) -> bool:
        """Whether every check digit passes (after corrections)."""
        return all(check.passed for check in self.checks)

    def check(self, name: str) -> CheckResult:
        """The check named ``name`` (``KeyError`` if this format has none such)."""
        for check in self.checks:
            if check.name == name:
                return check
        raise KeyError(name)


# --- check digits -----------------------------------------------------------------------------------


def _value(char: str) -> int:
    if char.isdigit():
        return int(char)
    if "A" <= char <= "Z":
        return ord(char) - ord("A") + 10
    if char == FILLER:
        return 0
    raise ValueError(f"{char!r} has no check-digit value")


def check_digit(text: str) -> str:
    """The Doc 9303 check digit of ``text``: weights 7, 3, 1 repeated; ``<`` is 0, ``A`` 10 ... ``Z`` 35."""
    return str(sum(_value(char) * _WEIGHTS[i % 3] for i, char in enumerate(text)) % 10)


# --- layouts ----------------------------------------------------------------------------------------

_Span = tuple[int, int, int]  # line, start, end (0-based, end excluded)
_Pos = tuple[int, int]  # line, column


@dataclass(frozen=True)
class _Layout:
    """Where each field of one format sits: spans are (line, start, end), positions (line, column), 0-based."""

    document_code: _Span
    issuing_state: _Span
    name: _Span
    document_number: _Span
    document_number_check: _Pos
    nationality: _Span
    date_of_birth: _Span
    date_of_birth_check: _Pos
    sex: _Pos
    expiry_date: _Span
    expiry_date_check: _Pos
    optional_data: _Span
    optional_data_2: _Span | None = None
    personal_number_check: _Pos | None = None
    composite: _Pos | None = None
    composite_spans: tuple[_Span, ...] = ()
    long_number: bool = False  # TD1/TD2: a '<' check digit means the number continues in optional_data


def _two_line(length: int, *, visa: bool) -> _Layout:
    td3 = length == 44
    optional: _Span = (1, 28, length if visa else 42 if td3 else 35)
    personal: _Pos | None = (1, 42) if td3 and not visa else None
    composite: _Pos | None = None if visa else (1, length - 1)
    spans: tuple[_Span, ...] = () if visa else ((1, 0, 10), (1, 13, 20), (1, 21, length - 1))
    return _Layout(
        document_code=(0, 0, 2), issuing_state=(0, 2, 5), name=(0, 5, length),
        document_number=(1, 0, 9), document_number_check=(1, 9), nationality=(1, 10, 13),
        date_of_birth=(1, 13, 19), date_of_birth_check=(1, 19), sex=(1, 20), expiry_date=(1, 21, 27),
        expiry_date_check=(1, 27), optional_data=optional, personal_number_check=personal,
        composite=composite, composite_spans=spans, long_number=not visa and not td3,
    )


_LAYOUTS: Mapping[MRZFormat, _Layout] = MappingProxyType({
    MRZFormat.TD1: _Layout(
        document_code=(0, 0, 2), issuing_state=(0, 2, 5), name=(2, 0, 30),
        document_number=(0, 5, 14), document_number_check=(0, 14), nationality=(1, 15, 18),
        date_of_birth=(1, 0, 6), date_of_birth_check=(1, 6), sex=(1, 7), expiry_date=(1, 8, 14),
        expiry_date_check=(1, 14), optional_data=(0, 15, 30), optional_data_2=(1, 18, 29), composite=(1, 29),
        composite_spans=((0, 5, 30), (1, 0, 7), (1, 8, 15), (1, 18, 29)), long_number=True,
    ),
    MRZFormat.TD2: _two_line(36, visa=False),
    MRZFormat.TD3: _two_line(44, visa=False),
    MRZFormat.MRV_A: _two_line(44, visa=True),
    MRZFormat.MRV_B: _two_line(36, visa=True),
})


# --- reading ----------------------------------------------------------------------------------------


def _fail(message: str) -> ValidationError:
    return ValidationError(message, field="mrz")


def _normalise(mrz: str | Sequence[str]) -> list[str]:
    if isinstance(mrz, str):
        raw = mrz.splitlines()
    else:
        raw = list(mrz)
        for n, line in enumerate(raw, start=1):
            if not isinstance(line, str):
                raise _fail(f"line {n} is a {type(line).__name__}, not text")
    lines = [line for line in ("".join(item.split()).upper() for item in raw) if line]
    if not lines:
        raise _fail("the MRZ is empty")
    if len(lines) == 1 and len(lines[0]) in (72, 88, 90):  # a reader that dropped the line breaks
        size = 30 if len(lines[0]) == 90 else len(lines[0]) // 2
        lines = [lines[0][i : i + size] for i in range(0, len(lines[0]), size)]
    if len(lines) not in (2, 3):
        shape = f"1 line of {len(lines[0])} characters" if len(lines) == 1 else f"{len(lines)} lines"
        raise _fail(
            f"the MRZ has {shape}; TD1 cards have 3 lines of 30 characters, "
            "TD2 documents 2 lines of 36, passports (TD3) 2 lines of 44"
        )
    for n, line in enumerate(lines, start=1):
        for col, char in enumerate(line, start=1):
            if char not in _MRZ_CHARS:
                raise _fail(f"line {n} has {char!r} at position {col}; an MRZ holds only A-Z, 0-9 and <")
    return lines


def _detect(lines: list[str]) -> MRZFormat:
    lengths = [len(line) for line in lines]
    visa = lines[0].startswith("V")
    if len(lines) == 3:
        for n, length in enumerate(lengths, start=1):
            if length != 30:
                raise _fail(f"line {n} has {length} characters; TD1 lines have 30")
        return MRZFormat.TD1
    by_length = {44: MRZFormat.MRV_A if visa else MRZFormat.TD3, 36: MRZFormat.MRV_B if visa else MRZFormat.TD2}
    first, second = lengths
    if first == second and first in by_length:
        return by_length[first]
    if first in by_length:
        raise _fail(f"line 2 has {second} characters; {by_length[first].label} lines have {first}")
    if second in by_length:
        raise _fail(f"line 1 has {first} characters; {by_length[second].label} lines have {second}")
    shape = f"both lines have {first} characters" if first == second else (
        f"line 1 has {first} characters and line 2 has {second}"
    )
    raise _fail(f"{shape}; TD2 lines have 36 characters and TD3 (passport) lines 44")


class _Reader:
    """The zone as a grid of characters that corrections write to, with the notes taken on the way."""

    def __init__(self, lines: list[str]) -> None:
        self.rows = [list(line) for line in lines]
        self.corrections: list[str] = []
        self.warnings: list[str] = []

    def text(self, span: _Span) -> str:
        line, start, end = span
        return "".join(self.rows[line][start:end])

    def at(self, pos: _Pos) -> str:
        return self.rows[pos[0]][pos[1]]

    def positions(self, span: _Span) -> list[_Pos]:
        line, start, end = span
        return [(line, col) for col in range(start, end)]

    def join(self, positions: Sequence[_Pos]) -> str:
        return "".join(self.at(pos) for pos in positions)

    def put(self, pos: _Pos, char: str) -> None:
        self.rows[pos[0]][pos[1]] = char

    def undo_confusions(self, label: str, positions: Sequence[_Pos], table: Mapping[str, str]) -> None:
        """Swap each character found in ``table`` for its counterpart, recording where."""
        for index, pos in enumerate(positions, start=1):
            old = self.at(pos)
            new = table.get(old)
            if new is not None:
                self.put(pos, new)
                where = f" at position {index}" if len(positions) > 1 else ""
                self.corrections.append(f"{label}: {old}->{new}{where}")

    def lines(self) -> tuple[str, ...]:
        return tuple("".join(row) for row in self.rows)


@dataclass(frozen=True)
class _DocumentNumber:
    positions: tuple[_Pos, ...]
    check: _Pos
    optional_data: tuple[_Pos, ...]


def _locate_document_number(reader: _Reader, layout: _Layout) -> _DocumentNumber:
    """Where the document number, its check digit and the optional data are (Doc 9303's long numbers)."""
    principal = tuple(reader.positions(layout.document_number))
    optional = tuple(reader.positions(layout.optional_data))
    if not (layout.long_number and reader.at(layout.document_number_check) == FILLER):
        return _DocumentNumber(principal, layout.document_number_check, optional)
    run = 0
    while run < len(optional) and reader.at(optional[run]) != FILLER:
        run += 1
    if run < 2:
        reader.warnings.append(
            "the document number check digit is '<' but the optional data does not continue the number"
        )
        return _DocumentNumber(principal, layout.document_number_check, optional)
    return _DocumentNumber(principal + optional[: run - 1], optional[run - 1], optional[run + 1 :])


def _composite(reader: _Reader, layout: _Layout) -> tuple[str, str] | None:
    if layout.composite is None:
        return None
    return check_digit("".join(reader.text(span) for span in layout.composite_spans)), reader.at(layout.composite)


def _correct_document_number(reader: _Reader, layout: _Layout, number: _DocumentNumber) -> None:
    """Swap one confusable character of a failing document number, if exactly one swap passes."""
    found = reader.at(number.check)
    text = reader.join(number.positions)
    if not found.isdigit() or check_digit(text) == found:
        return
    candidates = [
        (index, char, _CONFUSABLE[char])
        for index, char in enumerate(text)
        if char in _CONFUSABLE and check_digit(text[:index] + _CONFUSABLE[char] + text[index + 1 :]) == found
    ]
    if len(candidates) > 1 and layout.composite is not None:
        passing = []
        for index, char, new in candidates:
            reader.put(number.positions[index], new)
            composite = _composite(reader, layout)
            if composite is not None and composite[0] == composite[1]:
                passing.append((index, char, new))
            reader.put(number.positions[index], char)
        candidates = passing or candidates
    if len(candidates) == 1:
        index, char, new = candidates[0]
        reader.put(number.positions[index], new)
        reader.corrections.append(f"document_number: {char}->{new} at position {index + 1}")
    elif candidates:
        options = ", ".join(f"{char}->{new} at position {index + 1}" for index, char, new in candidates)
        reader.warnings.append(
            f"document_number fails its check digit; {len(candidates)} single swaps would pass ({options}), "
            "so none was made"
        )


def _read_name(field: str) -> MRZName:
    truncated = not field.endswith(FILLER)
    surname, _, given = field.rstrip(FILLER).partition(FILLER * 2)
    return MRZName(
        surname=" ".join(surname.replace(FILLER, " ").split()),
        given_names=" ".join(given.replace(FILLER, " ").split()),
        truncated=truncated,
    )


def _read_date(label: str, raw: str, *, today: date, birth: bool, warnings: list[str]) -> date | None:
    if set(raw) == {FILLER}:
        warnings.append(f"{label} is not given")
        return None
    if not raw.isdigit():
        what = "only partly given" if FILLER in raw else "not a date (YYMMDD)"
        warnings.append(f"{label} {raw} is {what}")
        return None
    yy, month, day = int(raw[:2]), int(raw[2:4]), int(raw[4:])
    year = today.year // 100 * 100 + yy
    if birth:
        if (year, month, day) > (today.year, today.month, today.day):
            year -= 100
    elif year > today.year + 50:
        year -= 100
    elif year <= today.year - 50:
        year += 100
    if not 1 <= month <= 12:
        warnings.append(f"{label} {raw} is not a date: month {month} does not exist")
        return None
    try:
        return date(year, month, day)
    except ValueError:
        warnings.append(f"{label} {raw} is not a date: day {day} does not exist in {year:04d}-{month:02d}")
        return None


def _read_country(label: str, raw: str, warnings: list[str]) -> MRZCountry:
    country = icao_country(raw)
    if not country.code:
        warnings.append(f"{label} is blank")
    elif not country.known:
        warnings.append(f"{label} {raw!r} is not an ICAO country code")
    return country


def _digit_check(name: str, data: str, found: str) -> CheckResult:
    expected = check_digit(data)
    return CheckResult(name, expected, found, expected == found)


def parse_mrz(mrz: str | Sequence[str], *, today: date) -> MRZResult:
    """Read a machine-readable zone: one string with line breaks, or a list of lines.

    Spaces are ignored and letters upper-cased. Raises ``ValidationError`` (``field="mrz"``) only when
    the text is not an MRZ; failing check digits, impossible dates and unknown codes are reported in the
    result. ``today`` places two-digit years (see the module docstring).
    """
    lines = _normalise(mrz)
    fmt = _detect(lines)
    layout = _LAYOUTS[fmt]
    reader = _Reader(lines)

    for label, span in (
        ("document_type", layout.document_code),
        ("issuing_state", layout.issuing_state),
        ("nationality", layout.nationality),
        ("name", layout.name),
    ):
        reader.undo_confusions(label, reader.positions(span), _TO_LETTER)
    for label, span in (("date_of_birth", layout.date_of_birth), ("expiry_date", layout.expiry_date)):
        reader.undo_confusions(label, reader.positions(span), _TO_DIGIT)
    number = _locate_document_number(reader, layout)
    check_positions = [
        ("document_number", number.check),
        ("date_of_birth", layout.date_of_birth_check),
        ("expiry_date", layout.expiry_date_check),
        ("personal_number", layout.personal_number_check),
        ("composite", layout.composite),
    ]
    for label, pos in check_positions:
        if pos is not None:
            reader.undo_confusions(f"{label} check digit", [pos], _TO_DIGIT)
    _correct_document_number(reader, layout, number)

    checks = [
        _digit_check("document_number", reader.join(number.positions), reader.at(number.check)),
        _digit_check("date_of_birth", reader.text(layout.date_of_birth), reader.at(layout.date_of_birth_check)),
        _digit_check("expiry_date", reader.text(layout.expiry_date), reader.at(layout.expiry_date_check)),
    ]
    if layout.personal_number_check is not None:
        personal, found = reader.text(layout.optional_data), reader.at(layout.personal_number_check)
        if set(personal) == {FILLER} and found in (FILLER, "0"):
            checks.append(CheckResult("personal_number", found, found, True))
        else:
            checks.append(_digit_check("personal_number", personal, found))
    composite = _composite(reader, layout)
    if composite is not None:
        checks.append(CheckResult("composite", composite[0], composite[1], composite[0] == composite[1]))

    warnings = reader.warnings
    code = reader.text(layout.document_code)
    name = _read_name(reader.text(layout.name))
    if name.truncated:
        warnings.append("the name runs to the end of its field and may be truncated")
    stray = sorted({char for char in name.surname + name.given_names if char.isdigit()})
    if stray:
        warnings.append(f"the name holds digits no letter is confused with: {', '.join(stray)}")
    sex = reader.at(layout.sex)
    if sex not in ("M", "F", "X", FILLER):
        warnings.append(f"sex {sex!r} is not M, F, X or <; read as unknown")
    dob_raw, expiry_raw = reader.text(layout.date_of_birth), reader.text(layout.expiry_date)
    date_of_birth = _read_date("date_of_birth", dob_raw, today=today, birth=True, warnings=warnings)
    expiry_date = _read_date("expiry_date", expiry_raw, today=today, birth=False, warnings=warnings)
    if expiry_date is not None and expiry_date < today:
        warnings.append(f"the document expired on {expiry_date.isoformat()}")
    fields = MRZFields(
        format=fmt,
        document_type=code[0],
        document_subtype=code[1].replace(FILLER, ""),
        issuing_state=_read_country("issuing_state", reader.text(layout.issuing_state), warnings),
        name=name,
        document_number=reader.join(number.positions).rstrip(FILLER),
        nationality=_read_country("nationality", reader.text(layout.nationality), warnings),
        date_of_birth=date_of_birth,
        date_of_birth_raw=dob_raw,
        sex=sex if sex in ("M", "F", "X") else "U",
        expiry_date=expiry_date,
        expiry_date_raw=expiry_raw,
        optional_data=reader.join(number.optional_data).rstrip(FILLER),
        optional_data_2=reader.text(layout.optional_data_2).rstrip(FILLER) if layout.optional_data_2 else "",
    )
    return MRZResult(fields, tuple(checks), tuple(reader.corrections), tuple(warnings), reader.lines())


# --- building ---------------------------------------------------------------------------------------

# Doc 9303 Part 3's recommended transliterations of Latin letters that are more than a base letter and
# accents; other accented letters lose their accents (NFKD).
_LATIN: Mapping[str, str] = MappingProxyType({
    "Ä": "AE", "Æ": "AE", "Å": "AA", "Ö": "OE", "Ø": "OE", "Œ": "OE", "Ü": "UE", "ß": "SS", "Þ": "TH",
    "Ð": "D", "Đ": "D", "Ł": "L", "Ħ": "H", "Ŋ": "N", "Ĳ": "IJ",
})
_SEPARATORS = frozenset(" -,.\u2010\u2011\u2013\u2014")
_APOSTROPHES = frozenset("'`\u2019\u02bc")


def _mrz_text(value: str, label: str) -> str:
    """A name as an MRZ writes it: upper-case Latin letters, separators as ``<``, no apostrophes or accents."""
    out: list[str] = []
    for char in value.strip():
        if char in _SEPARATORS:
            out.append(FILLER)
        elif char in _APOSTROPHES or unicodedata.combining(char):
            continue
        else:
            upper = char if char == "ß" else char.upper()
            mapped = _LATIN.get(upper) or "".join(c for c in unicodedata.normalize("NFKD", upper) if c.isascii())
            if not mapped or not all("A" <= c <= "Z" for c in mapped.upper()):
                raise ValidationError(
                    f"{value!r} cannot be written in an MRZ ({char!r} is not a Latin letter); transliterate it first",
                    field=label,
                )
            out.append(mapped.upper())
    return FILLER.join(part for part in "".join(out).split(FILLER) if part)


def _code_text(value: str, label: str) -> str:
    """A document number or optional data: spaces dropped, upper-cased, only ``A-Z``, ``0-9`` and ``<``."""
    text = "".join(value.split()).upper()
    if not all(char in _MRZ_CHARS for char in text):
        raise ValidationError(f"{value!r} may hold only A-Z, 0-9 and <", field=label)
    return text


def _field(text: str, length: int, label: str) -> str:
    if len(text) > length:
        raise ValidationError(f"{text!r} is longer than the {length} characters the MRZ allows", field=label)
    return text.ljust(length, FILLER)


def _name_field(surname: str, given_names: str, length: int) -> str:
    primary = _mrz_text(surname, "surname")
    if not primary:
        raise ValidationError("an MRZ needs a surname (a single name goes there)", field="surname")
    secondary = _mrz_text(given_names, "given_names")
    full = primary + (FILLER * 2 + secondary if secondary else "")
    return full[:length].ljust(length, FILLER)  # Doc 9303 truncates names that do not fit


def _icao_code(code: str, label: str) -> str:
    normal = code.strip().upper().replace(FILLER, "")
    if len(normal) == 2:
        icao = _ICAO_FOR_ALPHA2.get(normal)
        if icao is None:
            raise ValidationError(f"no ICAO code for the ISO country code {code!r}", field=label)
        normal = icao
    if not 1 <= len(normal) <= 3 or not normal.isascii() or not normal.isalpha():
        raise ValidationError(f"{code!r} is not an ICAO country code (like JPN or D)", field=label)
    return normal.ljust(3, FILLER)


def _sex(sex: str) -> str:
    normal = sex.strip().upper()
    if normal in ("M", "F", "X"):
        return normal
    if normal in ("", "U", FILLER):
        return FILLER
    raise ValidationError(f"sex must be M, F, X or U, not {sex!r}", field="sex")


def _yymmdd(day: date) -> str:
    return day.strftime("%y%m%d")


def _document_code(document_type: str) -> str:
    code = document_type.strip().upper()
    if not 1 <= len(code) <= 2 or not all(char in _MRZ_CHARS for char in code) or not code[0].isalpha():
        raise ValidationError(f"{document_type!r} is not a document code (like P, PD or I)", field="document_type")
    return code.ljust(2, FILLER)


def _with_composite(lines: list[str], layout: _Layout) -> str:
    assert layout.composite is not None
    digit = check_digit("".join(lines[line][start:end] for line, start, end in layout.composite_spans))
    line, col = layout.composite
    lines[line] = lines[line][:col] + digit + lines[line][col + 1 :]
    return "\n".join(lines)


def make_mrz_td3(
    *,
    surname: str,
    given_names: str = "",
    document_number: str,
    nationality: str,
    date_of_birth: date,
    sex: str,
    expiry_date: date,
    issuing_state: str | None = None,
    document_type: str = "P",
    personal_number: str = "",
) -> str:
    """A passport's two 44-character lines (joined by a newline), check digits computed.

    Countries are ICAO codes (``JPN``, ``D``) or ISO alpha-2 codes (``JP``); the issuing state defaults
    to the nationality. Names are upper-cased; accents dropped (``Ä`` as ``AE``); too long, truncated.
    A blank personal number gets ``<`` as its check digit.
    """
    number = _field(_code_text(document_number, "document_number"), 9, "document_number")
    if set(number) == {FILLER}:
        raise ValidationError("an MRZ needs a document number", field="document_number")
    personal = _field(_code_text(personal_number, "personal_number"), 14, "personal_number")
    nation = _icao_code(nationality, "nationality")
    line1 = (
        _document_code(document_type)
        + _icao_code(issuing_state or nationality, "issuing_state")
        + _name_field(surname, given_names, 39)
    )
    line2 = (
        number + check_digit(number) + nation
        + _yymmdd(date_of_birth) + check_digit(_yymmdd(date_of_birth)) + _sex(sex)
        + _yymmdd(expiry_date) + check_digit(_yymmdd(expiry_date))
        + personal + (FILLER if set(personal) == {FILLER} else check_digit(personal)) + "0"
    )
    return _with_composite([line1, line2], _LAYOUTS[MRZFormat.TD3])


def make_mrz_td1(
    *,
    surname: str,
    given_names: str = "",
    document_number: str,
    nationality: str,
    date_of_birth: date,
    sex: str,
    expiry_date: date,
    issuing_state: str | None = None,
    document_type: str = "I",
    optional_data: str = "",
    optional_data_2: str = "",
) -> str:
    """An identity card's three 30-character lines (joined by newlines), check digits computed.

    A document number longer than 9 characters continues in the first line's optional data, as Doc 9303
    prescribes: ``<`` in the check-digit position, then the rest of the number, its check digit and a
    filler before ``optional_data``. Other arguments as ``make_mrz_td3``.
    """
    number = _code_text(document_number, "document_number")
    optional = _code_text(optional_data, "optional_data")
    if not number:
        raise ValidationError("an MRZ needs a document number", field="document_number")
    if len(number) > 9:
        if len(number) - 9 + 1 + (1 + len(optional) if optional else 0) > 15:
            raise ValidationError(
                f"{number!r} is too long for a TD1 card with this optional data "
                "(the number continues in the 15 characters of optional data, with its check digit)",
                field="document_number",
            )
        head = number[:9] + FILLER
        optional = number[9:] + check_digit(number) + (FILLER + optional if optional else "")
    else:
        head = _field(number, 9, "document_number")
        head += check_digit(head)
    nation = _icao_code(nationality, "nationality")
    line1 = (
        _document_code(document_type)
        + _icao_code(issuing_state or nationality, "issuing_state")
        + head
        + _field(optional, 15, "optional_data")
    )
    line2 = (
        _yymmdd(date_of_birth) + check_digit(_yymmdd(date_of_birth)) + _sex(sex)
        + _yymmdd(expiry_date) + check_digit(_yymmdd(expiry_date)) + nation
        + _field(_code_text(optional_data_2, "optional_data_2"), 11, "optional_data_2")
        + "0"
    )
    return _with_composite([line1, line2, _name_field(surname, given_names, 30)], _LAYOUTS[MRZFormat.TD1])
