"""Names for the demo subjects, in the scripts the screening engine must handle.

Every person gets a primary name in Latin letters as INTERPOL publishes it (``name`` the upper-case
family name, ``forename`` the upper-case given names) and, for other scripts, the name as written in
its own script (:attr:`NameKind.ORIGINAL_SCRIPT`) plus aliases a traveller's documents may show:

- Japanese (Faker ``ja_JP`` kanji, katakana reading and Hepburn romaji): ``SATO / AKEMI``, the kanji
  ``佐藤明美`` (written without a space), the katakana reading ``サトウ アケミ`` and, when it differs,
  the spelling typed from the kana (``SATOU``);
- Chinese (a small hanzi table with pinyin: Faker's ``zh_CN`` romanised names are not paired with its
  hanzi): ``WANG / XIAOMING``, ``王小明``, and the syllables apart (``XIAO MING``);
- Korean (Faker ``ko_KR`` Hangul): the passport spelling of the family name (``KIM``), the Hangul,
  and the strict Revised Romanisation (``GIM``) when it differs;
- Cyrillic (Faker ``ru_RU``, ``uk_UA``, ``bg_BG``): ICAO 9303 transliteration as primary, the
  Cyrillic (Russian names with the patronymic) and the press spelling (``SERGEY``) when it differs;
- Arabic (a table of common names with their usual Latin spellings, since Faker's ``ar_AA`` names
  come without one): Latin primary, the Arabic, and sometimes a variant spelling (``MOHAMED``);
- Latin names from Faker's European, American, African and Asian locales, with an ASCII alias for
  some names written with diacritics.
"""

from __future__ import annotations

import random
import unicodedata
from dataclasses import dataclass
from enum import StrEnum

from faker import Faker

from ncb.demo.translit import cyrillic_icao, cyrillic_popular, hangul_rr, kana_romaji
from ncb.domain.codes import Sex
from ncb.domain.names import Name, NameKind, Script


class NameStyle(StrEnum):
    LATIN = "latin"
    JAPANESE = "japanese"
    CHINESE = "chinese"
    KOREAN = "korean"
    CYRILLIC = "cyrillic"
    ARABIC = "arabic"


class Fakers:
    """Faker instances by locale, each seeded from ``seed`` and its locale (never global state).

    Only Faker's person provider is loaded: names are all the demo takes from Faker, and loading every
    provider costs some 25 ms a locale.
    """

    def __init__(self, seed: str) -> None:
        self._seed = seed
        self._cache: dict[str, Faker] = {}

    def __call__(self, locale: str) -> Faker:
        fake = self._cache.get(locale)
        if fake is None:
            fake = Faker(locale, providers=["faker.providers.person"])
            fake.seed_instance(random.Random(f"{self._seed}/{locale}").getrandbits(64))
            self._cache[locale] = fake
        return fake


@dataclass(frozen=True)
class Family:
    """A family name in its own script, its reading (Japanese kana) and its Latin form."""

    native: str
    latin: str
    reading: str | None = None


@dataclass(frozen=True)
class PersonName:
    names: tuple[Name, ...]  # the primary (Latin) name first
    family: Family

    @property
    def name(self) -> str:
        """The Latin family name of the primary name."""
        return self.names[0].name or ""

    @property
    def forename(self) -> str | None:
        """The Latin given names of the primary name."""
        return self.names[0].forename


# --- tables ------------------------------------------------------------------------------------

_CHINESE_FAMILIES: tuple[tuple[str, str], ...] = (
    ("王", "WANG"), ("李", "LI"), ("张", "ZHANG"), ("刘", "LIU"), ("陈", "CHEN"), ("杨", "YANG"),
    ("黄", "HUANG"), ("赵", "ZHAO"), ("吴", "WU"), ("周", "ZHOU"), ("徐", "XU"), ("孙", "SUN"), ("马", "MA"),
    ("朱", "ZHU"), ("胡", "HU"), ("郭", "GUO"), ("何", "HE"), ("林", "LIN"), ("罗", "LUO"), ("高", "GAO"),
    ("郑", "ZHENG"), ("梁", "LIANG"), ("谢", "XIE"), ("宋", "SONG"), ("唐", "TANG"), ("韩", "HAN"),
    ("冯", "FENG"), ("邓", "DENG"), ("曹", "CAO"), ("彭", "PENG"), ("曾", "ZENG"), ("肖", "XIAO"),
    ("田", "TIAN"), ("董", "DONG"), ("袁", "YUAN"), ("潘", "PAN"), ("蒋", "JIANG"), ("蔡", "CAI"),
    ("杜", "DU"), ("叶", "YE"), ("程", "CHENG"), ("苏", "SU"), ("魏", "WEI"), ("吕", "LYU"), ("丁", "DING"),
    ("任", "REN"), ("沈", "SHEN"),
)
_CHINESE_GIVEN_MALE: tuple[tuple[str, str], ...] = (
    ("伟", "WEI"), ("强", "QIANG"), ("磊", "LEI"), ("军", "JUN"), ("洋", "YANG"), ("勇", "YONG"), ("杰", "JIE"),
    ("涛", "TAO"), ("明", "MING"), ("超", "CHAO"), ("刚", "GANG"), ("平", "PING"), ("辉", "HUI"), ("鹏", "PENG"),
    ("华", "HUA"), ("飞", "FEI"), ("鑫", "XIN"), ("波", "BO"), ("斌", "BIN"), ("宇", "YU"), ("浩", "HAO"),
    ("凯", "KAI"), ("健", "JIAN"), ("俊", "JUN"), ("建", "JIAN"), ("国", "GUO"), ("志", "ZHI"), ("文", "WEN"),
    ("海", "HAI"), ("东", "DONG"), ("晓", "XIAO"), ("天", "TIAN"), ("博", "BO"), ("泽", "ZE"), ("睿", "RUI"),
)
_CHINESE_GIVEN_FEMALE: tuple[tuple[str, str], ...] = (
    ("芳", "FANG"), ("娜", "NA"), ("敏", "MIN"), ("静", "JING"), ("丽", "LI"), ("艳", "YAN"), ("娟", "JUAN"),
    ("霞", "XIA"), ("秀", "XIU"), ("玲", "LING"), ("婷", "TING"), ("雪", "XUE"), ("慧", "HUI"), ("颖", "YING"),
    ("琳", "LIN"), ("欣", "XIN"), ("梅", "MEI"), ("兰", "LAN"), ("红", "HONG"), ("燕", "YAN"), ("佳", "JIA"),
    ("怡", "YI"), ("雨", "YU"), ("萱", "XUAN"), ("涵", "HAN"), ("诗", "SHI"), ("晓", "XIAO"), ("思", "SI"),
)

# (Arabic, usual Latin spelling, variant spellings)
_ARABIC_GIVEN_MALE: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("محمد", "MOHAMMED", ("MOHAMED", "MUHAMMAD")), ("أحمد", "AHMED", ("AHMAD",)), ("علي", "ALI", ()),
    ("حسن", "HASSAN", ("HASAN",)), ("حسين", "HUSSEIN", ("HUSSAIN", "HOSSEIN")), ("عمر", "OMAR", ("UMAR",)),
    ("خالد", "KHALED", ("KHALID",)), ("يوسف", "YOUSSEF", ("YOUSEF", "YUSUF")), ("إبراهيم", "IBRAHIM", ()),
    ("عبد الله", "ABDULLAH", ("ABDALLAH", "ABD ALLAH")), ("عبد الرحمن", "ABDULRAHMAN", ("ABDEL RAHMAN",)),
    ("سعيد", "SAEED", ("SAID",)), ("فهد", "FAHAD", ("FAHD",)), ("ماجد", "MAJED", ("MAJID",)),
    ("طارق", "TARIQ", ("TAREK",)), ("سامي", "SAMI", ()), ("كريم", "KARIM", ("KAREEM",)),
    ("ناصر", "NASSER", ("NASIR",)), ("مصطفى", "MOSTAFA", ("MUSTAFA",)), ("حمزة", "HAMZA", ()),
    ("زياد", "ZIAD", ("ZIYAD",)), ("فيصل", "FAISAL", ("FAYSAL",)), ("بلال", "BILAL", ()), ("عادل", "ADEL", ("ADIL",)),
    ("وليد", "WALID", ("WALEED",)), ("ياسر", "YASSER", ("YASIR",)), ("جمال", "JAMAL", ("GAMAL",)),
    ("هشام", "HISHAM", ("HICHAM",)), ("أنس", "ANAS", ()),
)
_ARABIC_GIVEN_FEMALE: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("فاطمة", "FATIMA", ("FATMA",)), ("عائشة", "AISHA", ("AICHA",)), ("مريم", "MARIAM", ("MARYAM",)),
    ("زينب", "ZAINAB", ("ZEINAB",)), ("نور", "NOUR", ("NUR",)), ("سارة", "SARA", ("SARAH",)),
    ("ليلى", "LAYLA", ("LEILA",)), ("هدى", "HUDA", ("HODA",)), ("أمل", "AMAL", ()), ("رانيا", "RANIA", ()),
    ("ياسمين", "YASMINE", ("YASMIN",)), ("سلمى", "SALMA", ()), ("هبة", "HEBA", ("HIBA",)), ("منى", "MONA", ("MUNA",)),
    ("رنا", "RANA", ()), ("لينا", "LINA", ()), ("خديجة", "KHADIJA", ("KHADIGA",)), ("نادية", "NADIA", ("NADIYA",)),
)
_ARABIC_FAMILIES: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("الحسن", "AL-HASSAN", ("EL HASSAN",)), ("العلي", "AL-ALI", ()), ("الأحمد", "AL-AHMAD", ("AL AHMED",)),
    ("المصري", "AL-MASRI", ("EL MASRY",)), ("الخطيب", "AL-KHATIB", ("EL KHATIB",)), ("الحداد", "AL-HADDAD", ()),
    ("النجار", "AL-NAJJAR", ("EL NAGGAR",)), ("الشامي", "AL-SHAMI", ()), ("العمري", "AL-OMARI", ("AL-UMARI",)),
    ("الزهراني", "AL-ZAHRANI", ()), ("القحطاني", "AL-QAHTANI", ("AL-KAHTANI",)), ("الدوسري", "AL-DOSARI", ()),
    ("الشمري", "AL-SHAMMARI", ()), ("العتيبي", "AL-OTAIBI", ("AL-OTEIBI",)), ("الحربي", "AL-HARBI", ()),
    ("المطيري", "AL-MUTAIRI", ()), ("الكعبي", "AL-KAABI", ()), ("المنصوري", "AL-MANSOURI", ("EL MANSOURI",)),
    ("حداد", "HADDAD", ()), ("منصور", "MANSOUR", ("MANSUR",)), ("صالح", "SALEH", ("SALAH",)),
    ("عثمان", "OTHMAN", ("OSMAN",)), ("الجبوري", "AL-JUBOURI", ("AL-JUBURI",)), ("التميمي", "AL-TAMIMI", ()),
    ("العبيدي", "AL-OBAIDI", ("AL-UBAIDI",)), ("العلوي", "ALAOUI", ("EL ALAOUI",)), ("التازي", "TAZI", ()),
    ("بنجلون", "BENJELLOUN", ()), ("الإدريسي", "EL IDRISSI", ("AL-IDRISSI",)), ("بن علي", "BEN ALI", ("BENALI",)),
)

# The spelling Korean passports use for common family names (the strict romanisation is an alias).
_KOREAN_FAMILY_LATIN: dict[str, str] = {
    "김": "KIM", "이": "LEE", "박": "PARK", "최": "CHOI", "정": "JUNG", "강": "KANG", "조": "CHO", "윤": "YOON",
    "장": "JANG", "임": "LIM", "한": "HAN", "오": "OH", "서": "SEO", "신": "SHIN", "권": "KWON", "황": "HWANG",
    "안": "AHN", "송": "SONG", "류": "RYU", "전": "JEON", "홍": "HONG", "고": "KO", "문": "MOON", "양": "YANG",
    "손": "SON", "배": "BAE", "백": "BAEK", "허": "HEO", "유": "YOO", "남": "NAM", "심": "SIM", "노": "NOH",
    "하": "HA", "곽": "KWAK", "성": "SUNG", "차": "CHA", "주": "JOO", "우": "WOO", "구": "KOO", "민": "MIN",
    "진": "JIN", "지": "JI", "엄": "EOM", "채": "CHAE", "원": "WON", "천": "CHEON", "방": "BANG", "공": "KONG",
    "현": "HYUN", "함": "HAM", "변": "BYUN", "염": "YEOM", "여": "YEO", "추": "CHOO", "도": "DO", "소": "SO",
    "석": "SEOK", "선": "SUN", "설": "SEOL", "마": "MA", "길": "GIL", "연": "YEON", "위": "WI", "표": "PYO",
    "명": "MYUNG", "기": "KI", "반": "BAN", "왕": "WANG", "금": "KEUM", "옥": "OK", "육": "YUK", "인": "IN",
    "맹": "MAENG", "제": "JE", "모": "MO", "탁": "TAK", "국": "KOOK", "나": "NA", "라": "RA", "경": "KYUNG",
}

_RUSSIAN_LOCALES = ("ru_RU",)
_VIETNAMESE_MIDDLE = {Sex.MALE: ("Văn", "Đức", "Minh", "Quang"), Sex.FEMALE: ("Thị", "Ngọc", "Thu", "Kim")}


def ascii_fold(text: str) -> str:
    """``GÁRATE`` -> ``GARATE``; letters without a decomposition (``Ł``) are kept."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).replace("Đ", "D").replace("đ", "d")


def _apostrophe(text: str) -> str:
    """Ukrainian names written with the modifier apostrophe (``Марʼяна``) get the plain one (``Мар'яна``),
    as many documents print it; ``detect_script`` counts U+02BC as a letter of no script."""
    return text.replace("ʼ", "'")


def _binary(sex: Sex, rng: random.Random) -> Sex:
    return sex if sex is not Sex.UNKNOWN else rng.choice((Sex.MALE, Sex.FEMALE))


class NameMaker:
    """Draws names of one style; ``rng`` and ``fakers`` carry all the randomness."""

    def __init__(self, rng: random.Random, fakers: Fakers) -> None:
        self.rng = rng
        self.fakers = fakers

    # one entry point ---------------------------------------------------------------------------

    def person(self, style: NameStyle, locale: str, sex: Sex, family: Family | None = None) -> PersonName:
        """A full set of names for one person; ``family`` keeps a relative's family name."""
        sex = _binary(sex, self.rng)
        if style is NameStyle.JAPANESE:
            return self._japanese(sex, family)
        if style is NameStyle.CHINESE:
            return self._chinese(sex, family)
        if style is NameStyle.KOREAN:
            return self._korean(sex, family)
        if style is NameStyle.CYRILLIC:
            return self._cyrillic(locale, sex, family)
        if style is NameStyle.ARABIC:
            return self._arabic(sex, family)
        for _ in range(5):  # a few Faker locales mix in look-alike letters of other scripts (Greek ε)
            drawn = self._latin(locale, sex, family)
            if all(n.script is Script.LATIN for n in drawn.names):
                break
        return drawn

    def given_latin(self, style: NameStyle, locale: str, sex: Sex) -> str:
        """One Latin given name of the style (for a parent's forename, say)."""
        return self.person(style, locale, sex).forename or "-"

    # styles ------------------------------------------------------------------------------------

    def _latin(self, locale: str, sex: Sex, family: Family | None) -> PersonName:
        fake, rng = self.fakers(locale), self.rng
        male = sex is Sex.MALE
        if family is None:
            surname = fake.last_name_male() if male else fake.last_name_female()
            if locale.startswith("es_") and rng.random() < 0.75 or locale.startswith("pt_") and rng.random() < 0.5:
                surname = f"{surname} {fake.last_name()}"
            surname = " ".join(surname.split()).upper()
            family = Family(surname, surname)
        given = [fake.first_name_male() if male else fake.first_name_female()]
        if locale == "vi_VN":
            given.insert(0, rng.choice(_VIETNAMESE_MIDDLE[sex]))
        elif rng.random() < 0.25:
            given.append(fake.first_name_male() if male else fake.first_name_female())
        forename = " ".join(dict.fromkeys(g.strip().upper() for g in given))  # no repeated given name
        names = [Name(name=family.latin, forename=forename)]
        folded = Name(name=ascii_fold(family.latin), forename=ascii_fold(forename), kind=NameKind.ALIAS)
        if (folded.name, folded.forename) != (family.latin, forename) and rng.random() < 0.6:
            names.append(folded)
        return PersonName(tuple(names), family)

    def _japanese(self, sex: Sex, family: Family | None) -> PersonName:
        fake = self.fakers("ja_JP")
        if family is None:
            kanji, kana, romaji = fake.last_name_pair()
            family = Family(kanji, romaji.upper(), kana)
        g_kanji, g_kana, g_romaji = fake.first_name_male_pair() if sex is Sex.MALE else fake.first_name_female_pair()
        forename = g_romaji.upper()
        names = [
            Name(name=family.latin, forename=forename),
            Name(name=family.native, forename=g_kanji, full_text=family.native + g_kanji,
                 kind=NameKind.ORIGINAL_SCRIPT),
            Name(name=family.reading, forename=g_kana, kind=NameKind.ALIAS),
        ]
        typed = Name(name=kana_romaji(family.reading or ""), forename=kana_romaji(g_kana), kind=NameKind.ALIAS)
        if (typed.name, typed.forename) != (family.latin, forename):
            names.append(typed)
        return PersonName(tuple(names), family)

    def _chinese(self, sex: Sex, family: Family | None) -> PersonName:
        rng = self.rng
        if family is None:
            hanzi, pinyin = rng.choice(_CHINESE_FAMILIES)
            family = Family(hanzi, pinyin)
        pool = _CHINESE_GIVEN_MALE if sex is Sex.MALE else _CHINESE_GIVEN_FEMALE
        parts = [rng.choice(pool) for _ in range(1 if rng.random() < 0.3 else 2)]
        given_hanzi = "".join(h for h, _ in parts)
        forename = "".join(p for _, p in parts)
        names = [
            Name(name=family.latin, forename=forename),
            Name(name=family.native, forename=given_hanzi, full_text=family.native + given_hanzi,
                 kind=NameKind.ORIGINAL_SCRIPT),
        ]
        if len(parts) > 1:
            names.append(Name(name=family.latin, forename=" ".join(p for _, p in parts), kind=NameKind.ALIAS))
        return PersonName(tuple(names), family)

    def _korean(self, sex: Sex, family: Family | None) -> PersonName:
        fake = self.fakers("ko_KR")
        if family is None:
            hangul = fake.last_name()
            family = Family(hangul, _KOREAN_FAMILY_LATIN.get(hangul) or hangul_rr(hangul))
        given = fake.first_name_male() if sex is Sex.MALE else fake.first_name_female()
        forename = hangul_rr(given)
        names = [
            Name(name=family.latin, forename=forename),
            Name(name=family.native, forename=given, full_text=family.native + given, kind=NameKind.ORIGINAL_SCRIPT),
        ]
        strict = hangul_rr(family.native)
        if strict != family.latin:
            names.append(Name(name=strict, forename=forename, kind=NameKind.ALIAS))
        return PersonName(tuple(names), family)

    def _cyrillic(self, locale: str, sex: Sex, family: Family | None) -> PersonName:
        fake = self.fakers(locale)
        male = sex is Sex.MALE
        if family is None:
            surname = _apostrophe(fake.last_name_male() if male else fake.last_name_female())
            family = Family(surname, cyrillic_icao(surname))
        given = _apostrophe(fake.first_name_male() if male else fake.first_name_female())
        native_forename = given
        if locale in _RUSSIAN_LOCALES:
            native_forename = f"{given} {fake.middle_name_male() if male else fake.middle_name_female()}"
        forename = cyrillic_icao(given)
        names = [
            Name(name=family.latin, forename=forename),
            Name(name=family.native, forename=native_forename, kind=NameKind.ORIGINAL_SCRIPT),
        ]
        popular = Name(name=cyrillic_popular(family.native), forename=cyrillic_popular(given), kind=NameKind.ALIAS)
        if (popular.name, popular.forename) != (family.latin, forename):
            names.append(popular)
        return PersonName(tuple(names), family)

    def _arabic(self, sex: Sex, family: Family | None) -> PersonName:
        rng = self.rng
        variants: tuple[str, ...] = ()
        if family is None:
            arabic, latin, variants = rng.choice(_ARABIC_FAMILIES)
            family = Family(arabic, latin)
        pool = _ARABIC_GIVEN_MALE if sex is Sex.MALE else _ARABIC_GIVEN_FEMALE
        given = rng.choice(pool)
        parts = [given]
        if rng.random() < 0.4:  # the father's name after one's own, as many Arab names are written
            parts.append(rng.choice(_ARABIC_GIVEN_MALE))
        forename = " ".join(p[1] for p in parts)
        native_forename = " ".join(p[0] for p in parts)
        names = [
            Name(name=family.latin, forename=forename),
            Name(name=family.native, forename=native_forename, kind=NameKind.ORIGINAL_SCRIPT),
        ]
        if (given[2] or variants) and rng.random() < 0.7:
            alt_given = rng.choice(given[2]) if given[2] else given[1]
            alt_family = rng.choice(variants) if variants else family.latin
            alias = " ".join([alt_given, *(p[1] for p in parts[1:])])
            if (alt_family, alias) != (family.latin, forename):
                names.append(Name(name=alt_family, forename=alias, kind=NameKind.ALIAS))
        return PersonName(tuple(names), family)


def father_family(name: PersonName, style: NameStyle) -> Family:
    """The family name a person's father carries (Slavic family names change with sex)."""
    if style is NameStyle.CYRILLIC:
        native = name.family.native
        for fem, masc in (("ова", "ов"), ("ева", "ев"), ("ина", "ин"), ("ська", "ський"), ("ская", "ский")):
            if native.endswith(fem):
                masculine = native[: -len(fem)] + masc
                return Family(masculine, cyrillic_icao(masculine))
    return name.family
