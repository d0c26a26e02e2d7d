"""Write the labelled screening pairs: benchmarks/data/screening_pairs.jsonl (deterministic, fixed seeds).

Each line is one traveller-against-listed-person pair with the truth (same person or not):

    {"id": "ja_kanji_unspaced_vs_romaji-0001", "category": "...", "note": "...",
     "query": {"name": "山田太郎", "date_of_birth": "1970/05/01", "nationality": "JP", "sex": "M"},
     "candidate": {"names": ["TARO YAMADA"], "date_of_birth": "1970", "nationalities": ["JP"], "sex": "M"},
     "match": true}

Categories, their notes and how each is built: benchmarks/data/README.md. Names come from Faker's locales
(ja_JP kanji with readings and romaji, Latin names of twelve countries), the `nicknames` package and the
hand-written tables in screening_names.py. Nothing here uses the code under test.

Run: .venv/bin/python benchmarks/make_screening_pairs.py [--out PATH]
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from faker import Faker
from faker.providers.person import ja_JP
from nicknames import NickNamer
from rapidfuzz.distance import Levenshtein
from rapidfuzz.process import cdist

sys.path.insert(0, str(Path(__file__).parent))
import screening_names as names  # noqa: E402

SEED = 20240611
OUT = Path(__file__).parent / "data" / "screening_pairs.jsonl"

# Pairs per category: (positives, negatives).
SIZES: dict[str, tuple[int, int]] = {
    "ja_kanji_unspaced_vs_romaji": (200, 200),
    "ja_kanji_spaced_vs_romaji": (130, 130),
    "ja_katakana_vs_romaji": (130, 130),
    "katakana_foreign_vs_latin": (160, 160),
    "zh_hanzi_vs_pinyin": (130, 130),
    "ru_cyrillic_vs_latin": (130, 130),
    "ar_arabic_vs_latin": (130, 130),
    "ko_hangul_vs_latin": (130, 130),
    "order": (130, 130),
    "spacing": (130, 130),
    "initials": (130, 130),
    "nicknames": (130, 130),
    "typos": (130, 130),
    "honorifics": (130, 130),
    "diacritics": (130, 130),
    "hard_negatives": (110, 150),
    "same_name_different_dob": (130, 130),
    "same_name_close_dob": (130, 130),
}


def pick(rng: random.Random, weighted: dict[str, float]) -> str:
    return rng.choices(list(weighted), weights=list(weighted.values()))[0]


# ---------------------------------------------------------------------------------------------------------
# Pairs and their context (date of birth, nationality, sex)


def random_dob(rng: random.Random) -> tuple[int, int, int]:
    return rng.randint(1945, 2004), rng.randint(1, 12), rng.randint(1, 28)


def fmt_dob(y: int, m: int | None = None, d: int | None = None) -> str:
    """A date as INTERPOL writes it: 1970, 1970/05, 1970/05/01."""
    if m is None:
        return f"{y}"
    if d is None:
        return f"{y}/{m:02d}"
    return f"{y}/{m:02d}/{d:02d}"


def name_context(rng: random.Random, nationality: str | None, sex: str | None) -> tuple[dict, dict]:
    """Context for the name categories: when both sides carry a date of birth, a nationality or a sex, they
    agree (the candidate's date may be partial), so the names alone decide the label."""
    q: dict = {}
    c: dict = {}
    if rng.random() < 0.5:
        y, m, d = random_dob(rng)
        q["date_of_birth"] = fmt_dob(y, m, d)
        r = rng.random()
        c["date_of_birth"] = fmt_dob(y, m, d) if r < 0.7 else fmt_dob(y) if r < 0.9 else fmt_dob(y, m)
    if nationality and rng.random() < 0.5:
        q["nationality"] = nationality
        c["nationalities"] = [nationality]
    if sex and rng.random() < 0.3:
        q["sex"] = sex
        c["sex"] = sex
    return q, c


@dataclass
class Category:
    name: str
    rng: random.Random
    pairs: list[dict] = field(default_factory=list)
    seen: set[tuple[str, tuple[str, ...]]] = field(default_factory=set)

    @property
    def wanted(self) -> tuple[int, int]:
        return SIZES[self.name]

    def count(self, match: bool) -> int:
        return sum(1 for p in self.pairs if p["match"] is match)

    def need(self, match: bool) -> bool:
        return self.count(match) < self.wanted[0 if match else 1]

    def add(self, query: str, candidates: list[str], match: bool, note: str,
            context: tuple[dict, dict] | None = None) -> bool:
        """Add a pair unless it repeats one already in the category; True when added."""
        key = (query, tuple(candidates))
        if key in self.seen or not self.need(match) or not query.strip() or not all(c.strip() for c in candidates):
            return False
        self.seen.add(key)
        q_ctx, c_ctx = context if context is not None else ({}, {})
        self.pairs.append({
            "id": "", "category": self.name, "note": note,
            "query": {"name": query, **q_ctx}, "candidate": {"names": candidates, **c_ctx}, "match": match,
        })
        return True

    def fill(self, make: Callable[[bool], None], limit: int = 200_000) -> None:
        """Call ``make(match)`` until both halves are full (positives first, then negatives)."""
        for match in (True, False):
            tries = 0
            while self.need(match):
                make(match)
                tries += 1
                if tries > limit:
                    raise RuntimeError(f"{self.name}: cannot make enough {'positives' if match else 'negatives'}")


# ---------------------------------------------------------------------------------------------------------
# Japanese names


@dataclass(frozen=True)
class JaName:
    kanji: str
    kana: str
    plain: str  # Hepburn, long vowels dropped

    @property
    def key(self) -> str:
        return names.romaji_key(self.kana)

    def romaji(self, style: str) -> str:
        return names.romanize_kana(self.kana, self.plain, style).upper()


def _ja(rows: Iterable[tuple[str, str, str]]) -> list[JaName]:
    out = [JaName(k, kana, names.JA_FAKER_FIXES.get(k, plain)) for k, kana, plain in rows]
    for n in out:  # fail early on a reading the romaniser cannot align
        n.romaji("hepburn")
    return out


JA_FAMILY = _ja([*ja_JP.Provider.last_name_pairs, *names.JA_EXTRA_FAMILY])
JA_GIVEN = {"M": _ja([*ja_JP.Provider.first_name_male_pairs, *names.JA_EXTRA_GIVEN_MALE]),
            "F": _ja([*ja_JP.Provider.first_name_female_pairs, *names.JA_EXTRA_GIVEN_FEMALE])}
JA_STYLE_WEIGHTS = {"hepburn": 0.45, "wapuro": 0.2, "passport": 0.2, "macron": 0.05, "kunrei": 0.1}


def ja_romaji_name(rng: random.Random, family: JaName, given: JaName) -> tuple[str, str]:
    """The name as a list carries it, forename first most of the time; and which spelling style."""
    style = pick(rng, JA_STYLE_WEIGHTS)
    fam, giv = family.romaji(style), given.romaji(style)
    return (f"{giv} {fam}" if rng.random() < 0.7 else f"{fam} {giv}"), style


def ja_other(rng: random.Random, pool: list[JaName], avoid: JaName, share_kanji: bool = False) -> JaName | None:
    """Another name from the pool that cannot be read the same in Latin letters (optionally sharing a kanji)."""
    options = [n for n in pool if n.key != avoid.key and n.kanji != avoid.kanji]
    if share_kanji:
        options = [n for n in options if set(n.kanji) & set(avoid.kanji)]
    return rng.choice(options) if options else None


def ja_person(rng: random.Random) -> tuple[JaName, JaName, str]:
    sex = rng.choice("MF")
    return rng.choice(JA_FAMILY), rng.choice(JA_GIVEN[sex]), sex


def ja_negative(rng: random.Random, family: JaName, given: JaName, sex: str) -> tuple[JaName, JaName, str] | None:
    """A different person: same family name, same given name, or a name sharing a kanji with either."""
    kind = pick(rng, {"same family, other given": 0.35, "same given, other family": 0.3,
                      "family shares a kanji, same given": 0.2, "same family, given shares a kanji": 0.15})
    if kind == "same family, other given":
        other = ja_other(rng, JA_GIVEN[sex], given)
        return (family, other, kind) if other else None
    if kind == "same given, other family":
        other = ja_other(rng, JA_FAMILY, family)
        return (other, given, kind) if other else None
    if kind == "family shares a kanji, same given":
        other = ja_other(rng, JA_FAMILY, family, share_kanji=True)
        return (other, given, kind) if other else None
    other = ja_other(rng, JA_GIVEN[sex], given, share_kanji=True)
    return (family, other, kind) if other else None


def make_ja(cat: Category, query_form: Callable[[random.Random, JaName, JaName], str]) -> None:
    rng = cat.rng

    def make(match: bool) -> None:
        family, given, sex = ja_person(rng)
        query = query_form(rng, family, given)
        if match:
            cand, style = ja_romaji_name(rng, family, given)
            cat.add(query, [cand], True, f"romaji {style}", name_context(rng, "JP", sex))
            return
        neg = ja_negative(rng, family, given, sex)
        if neg is None:
            return
        cand, style = ja_romaji_name(rng, neg[0], neg[1])
        cat.add(query, [cand], False, f"{neg[2]}; romaji {style}", name_context(rng, "JP", sex))

    cat.fill(make)


def kanji_unspaced(rng: random.Random, family: JaName, given: JaName) -> str:
    return family.kanji + given.kanji


def kanji_spaced(rng: random.Random, family: JaName, given: JaName) -> str:
    return family.kanji + rng.choice([" ", " ", "\u3000"]) + given.kanji


def katakana_japanese(rng: random.Random, family: JaName, given: JaName) -> str:
    return family.kana + pick(rng, {" ": 0.45, "\u3000": 0.3, "": 0.15, "・": 0.1}) + given.kana


# ---------------------------------------------------------------------------------------------------------
# Foreign names in katakana

KATA_POOLS: dict[tuple[str, str, str], list[tuple[tuple[str, ...], tuple[str, ...]]]] = defaultdict(list)
for _culture, _latin, _kata, _role, _sex in names.KATAKANA_NAMES:
    KATA_POOLS[(_culture, _role, _sex)].append((_latin, _kata))
KATA_CULTURES = {"en": 0.35, "de": 0.08, "fr": 0.08, "es": 0.1, "it": 0.05, "ru": 0.17, "ar": 0.17}


def _same_name(a: tuple[tuple[str, ...], tuple[str, ...]], b: tuple[tuple[str, ...], tuple[str, ...]]) -> bool:
    latin_a = {names.strip_marks(x).replace("-", " ") for x in a[0]}
    latin_b = {names.strip_marks(x).replace("-", " ") for x in b[0]}
    return bool(latin_a & latin_b or set(a[1]) & set(b[1]))


def make_katakana_foreign(cat: Category) -> None:
    rng = cat.rng

    def person() -> tuple[str, str, tuple, tuple]:
        culture = pick(rng, KATA_CULTURES)
        sex = rng.choice("MF")
        given = rng.choice(KATA_POOLS[(culture, "given", sex)])
        family = rng.choice(KATA_POOLS[(culture, "family", sex if culture == "ru" else "")])
        return culture, sex, given, family

    def query(given: tuple, family: tuple) -> str:
        sep = pick(rng, {"・": 0.6, " ": 0.1, "\u3000": 0.1, "": 0.1, "＝": 0.05, "·": 0.05})
        return rng.choice(given[1]) + sep + rng.choice(family[1]).replace("・", sep or "・")

    def latin(given: tuple, family: tuple) -> str:
        g, f = rng.choice(given[0]), rng.choice(family[0])
        return f"{g} {f}" if rng.random() < 0.85 else f"{f} {g}"

    def make(match: bool) -> None:
        culture, sex, given, family = person()
        nat = {"en": "US", "de": "DE", "fr": "FR", "es": "ES", "it": "IT", "ru": "RU", "ar": "EG"}[culture]
        q = query(given, family)
        if match:
            cat.add(q, [latin(given, family)], True, f"{culture}", name_context(rng, nat, sex))
            return
        if rng.random() < 0.5:
            pool = KATA_POOLS[(culture, "family", sex if culture == "ru" else "")]
            other = rng.choice(pool)
            if _same_name(other, family):
                return
            cat.add(q, [latin(given, other)], False, f"{culture}; same given, other family",
                    name_context(rng, nat, sex))
        else:
            other = rng.choice(KATA_POOLS[(culture, "given", sex)])
            if _same_name(other, given):
                return
            cat.add(q, [latin(other, family)], False, f"{culture}; same family, other given",
                    name_context(rng, nat, sex))

    cat.fill(make)


# ---------------------------------------------------------------------------------------------------------
# Chinese


def zh_given(rng: random.Random) -> list[tuple[str, str, str]]:
    return rng.sample(names.ZH_GIVEN_CHARS, 2 if rng.random() < 0.7 else 1)


def zh_pinyin(rng: random.Random, family: tuple[str, str, str], given: list[tuple[str, str, str]]) -> str:
    syllables = [g[2] for g in given]
    style = pick(rng, {"family first": 0.45, "given first": 0.3, "spaced": 0.1, "hyphen": 0.1, "title": 0.05})
    joined = "".join(syllables)
    if style == "given first":
        return f"{joined} {family[2]}"
    if style == "spaced":
        return f"{family[2]} {' '.join(syllables)}"
    if style == "hyphen":
        return f"{family[2]} {'-'.join(syllables)}"
    text = f"{family[2]} {joined}"
    return text.title() if style == "title" else text


def make_zh(cat: Category) -> None:
    rng = cat.rng

    def hanzi(family: tuple[str, str, str], given: list[tuple[str, str, str]], traditional: bool) -> str:
        i = 1 if traditional else 0
        return family[i] + "".join(g[i] for g in given)

    def make(match: bool) -> None:
        family = rng.choice(names.ZH_FAMILY)
        given = zh_given(rng)
        trad = rng.random() < 0.15
        q = hanzi(family, given, trad)
        note = "traditional" if trad else "simplified"
        if match:
            cat.add(q, [zh_pinyin(rng, family, given)], True, note, name_context(rng, "CN", None))
            return
        kind = pick(rng, {"same family, other given": 0.45, "same family, one given character differs": 0.3,
                          "same given, other family": 0.25})
        o_family, o_given = family, given
        if kind == "same family, other given":
            o_given = zh_given(rng)
        elif kind == "same given, other family":
            o_family = rng.choice(names.ZH_FAMILY)
        else:
            if len(given) < 2:
                return
            o_given = [given[0], rng.choice(names.ZH_GIVEN_CHARS)]
        if o_family[2] == family[2] and "".join(g[2] for g in o_given) == "".join(g[2] for g in given):
            return  # reads the same in pinyin: not a negative
        cat.add(q, [zh_pinyin(rng, o_family, o_given)], False, f"{note}; {kind}", name_context(rng, "CN", None))

    cat.fill(make)


# ---------------------------------------------------------------------------------------------------------
# Korean


def ko_latin_given(rng: random.Random, given: str) -> str:
    popular = rng.random() < 0.55
    parts = []
    for ch in given:
        syl = names.ko_syllable(ch)
        if popular and syl in names.KO_POPULAR and rng.random() < 0.8:
            syl = names.KO_POPULAR[syl]
        parts.append(syl.upper())
    return pick(rng, {"-": 0.45, "": 0.35, " ": 0.2}).join(parts)


def ko_latin(rng: random.Random, family: tuple[str, tuple[str, ...]], given: str) -> str:
    fam = rng.choice(family[1])
    giv = ko_latin_given(rng, given)
    return f"{fam} {giv}" if rng.random() < 0.6 else f"{giv} {fam}"


def make_ko(cat: Category) -> None:
    rng = cat.rng

    def make(match: bool) -> None:
        sex = rng.choice("MF")
        family = rng.choice(names.KO_FAMILY)
        given = rng.choice(names.KO_GIVEN_MALE if sex == "M" else names.KO_GIVEN_FEMALE)
        q = family[0] + (" " if rng.random() < 0.2 else "") + given
        if match:
            cat.add(q, [ko_latin(rng, family, given)], True, "", name_context(rng, "KR", sex))
            return
        if rng.random() < 0.55:
            pool = names.KO_GIVEN_MALE if sex == "M" else names.KO_GIVEN_FEMALE
            shared = [g for g in pool if g != given and set(g) & set(given)]
            other = rng.choice(shared) if shared and rng.random() < 0.5 else rng.choice(pool)
            if names.ko_given_spellings(other) & names.ko_given_spellings(given):
                return
            note = "same family, given shares a syllable" if set(other) & set(given) else "same family, other given"
            cat.add(q, [ko_latin(rng, family, other)], False, note, name_context(rng, "KR", sex))
        else:
            o_family = rng.choice(names.KO_FAMILY)
            if set(o_family[1]) & set(family[1]):
                return
            cat.add(q, [ko_latin(rng, o_family, given)], False, "same given, other family",
                    name_context(rng, "KR", sex))

    cat.fill(make)


# ---------------------------------------------------------------------------------------------------------
# Russian and Ukrainian


@dataclass(frozen=True)
class CyrPerson:
    lang: str
    sex: str
    given: str
    patronymic: str | None
    family: str

    def cyrillic(self, rng: random.Random) -> str:
        if self.patronymic:
            words = [self.given, self.patronymic, self.family] if rng.random() < 0.45 else \
                [self.family, self.given, self.patronymic]
        else:
            words = [self.given, self.family] if rng.random() < 0.7 else [self.family, self.given]
        text = " ".join(words)
        return text.upper() if rng.random() < 0.15 else text

    def latin(self, rng: random.Random, with_patronymic: bool) -> tuple[str, str]:
        if self.lang == "ru":
            system = pick(rng, {"icao": 0.3, "bgn": 0.2, "press": 0.3, "german": 0.1, "french": 0.1})
            systems = names.RU_SYSTEMS
        else:
            system = pick(rng, {"ukrainian": 0.6, "legacy": 0.25, "icao": 0.15})
            systems = names.UK_SYSTEMS

        def tr(word: str) -> str:
            return names.russian_variants(word, systems)[system]

        words = [tr(self.given)]
        if with_patronymic and self.patronymic:
            words.append(tr(self.patronymic))
        words.append(tr(self.family))
        if rng.random() < 0.1:
            words = [words[-1], *words[:-1]]
        return " ".join(words), system


def cyr_person(rng: random.Random, lang: str | None = None, sex: str | None = None) -> CyrPerson:
    lang = lang or ("ru" if rng.random() < 0.75 else "uk")
    sex = sex or rng.choice("MF")
    if lang == "ru":
        given = rng.choice(names.RU_GIVEN_MALE)[0] if sex == "M" else rng.choice(names.RU_GIVEN_FEMALE)
        father = rng.choice(names.RU_GIVEN_MALE)
        patronymic = (father[1] if sex == "M" else father[2]) if rng.random() < 0.6 else None
        family = rng.choice(names.RU_FAMILY)[0 if sex == "M" else 1]
    else:
        given = rng.choice(names.UK_GIVEN_MALE if sex == "M" else names.UK_GIVEN_FEMALE)
        patronymic = None
        family = rng.choice(names.UK_FAMILY)[0 if sex == "M" else 1]
    return CyrPerson(lang, sex, given, patronymic, family)


def _cyr_same(a: str, b: str) -> bool:
    return a.lower().replace("ё", "е") == b.lower().replace("ё", "е")


def make_ru(cat: Category) -> None:
    rng = cat.rng

    def make(match: bool) -> None:
        p = cyr_person(rng)
        nat = "RU" if p.lang == "ru" else "UA"
        q = p.cyrillic(rng)
        if match:
            cand, system = p.latin(rng, with_patronymic=rng.random() < 0.25)
            cat.add(q, [cand], True, f"{p.lang} {system}", name_context(rng, nat, p.sex))
            return
        other = cyr_person(rng, p.lang, p.sex)
        kind = pick(rng, {"same family, other given": 0.45, "same given, other family": 0.4, "spouse": 0.15})
        sex: str | None = p.sex
        if kind == "same family, other given":
            if _cyr_same(other.given, p.given):
                return
            other = CyrPerson(p.lang, p.sex, other.given, other.patronymic, p.family)
        elif kind == "same given, other family":
            if _cyr_same(other.family, p.family):
                return
            other = CyrPerson(p.lang, p.sex, p.given, p.patronymic, other.family)
        else:  # the husband or wife: the other form of the family name, another given name
            if p.lang != "ru":
                return
            rows = [r for r in names.RU_FAMILY if p.family in r]
            o_sex = "F" if p.sex == "M" else "M"
            spouse = cyr_person(rng, "ru", o_sex)
            other = CyrPerson("ru", o_sex, spouse.given, spouse.patronymic, rows[0][0 if o_sex == "M" else 1])
            sex = None
        cand, system = other.latin(rng, with_patronymic=rng.random() < 0.25)
        cat.add(q, [cand], False, f"{p.lang} {system}; {kind}", name_context(rng, nat, sex))

    cat.fill(make)


# ---------------------------------------------------------------------------------------------------------
# Arabic

AR_GIVEN_BY_SEX = {s: [g for g in names.AR_GIVEN if g[2] == s] for s in "MF"}
AR_LATIN = {g[0]: names._split(g[1]) for g in names.AR_GIVEN} | {f[0]: names._split(f[1]) for f in names.AR_FAMILY}
AR_NATIONALITIES = ["SA", "EG", "SY", "IQ", "JO", "MA", "DZ", "LB", "YE", "AE", "TN", "LY"]


def ar_latin(rng: random.Random, parts: list[str], drop_father: bool) -> str:
    chosen = list(parts)
    if drop_father and len(chosen) == 3:
        chosen = [chosen[0], chosen[2]]
    words = [rng.choice(AR_LATIN[p]) for p in chosen]
    if rng.random() < 0.1 and len(words) > 1:
        words = [words[-1], *words[:-1]]
    return " ".join(words)


def _ar_same(a: str, b: str) -> bool:
    return a == b or bool(set(AR_LATIN[a]) & set(AR_LATIN[b]))


def make_ar(cat: Category) -> None:
    rng = cat.rng

    def person(sex: str) -> list[str]:
        parts = [rng.choice(AR_GIVEN_BY_SEX[sex])[0]]
        if rng.random() < 0.6:
            parts.append(rng.choice(AR_GIVEN_BY_SEX["M"])[0])
        if rng.random() < 0.85 or len(parts) == 1:
            parts.append(rng.choice(names.AR_FAMILY)[0])
        return parts

    def make(match: bool) -> None:
        sex = rng.choice("MF")
        parts = person(sex)
        q = " ".join(parts)
        nat = rng.choice(AR_NATIONALITIES)
        if match:
            cat.add(q, [ar_latin(rng, parts, rng.random() < 0.3)], True, f"{len(parts)} parts",
                    name_context(rng, nat, sex))
            return
        kind = pick(rng, {"same family, other given": 0.35, "confusable given": 0.25,
                          "same given, other family": 0.25, "sibling": 0.15})
        other = list(parts)
        if kind == "same family, other given":
            other[0] = rng.choice(AR_GIVEN_BY_SEX[sex])[0]
        elif kind == "confusable given":
            partners = [b if a == parts[0] else a for a, b in names.AR_CONFUSABLE if parts[0] in (a, b)]
            partners = [x for x in partners if x in AR_LATIN and any(g[0] == x for g in AR_GIVEN_BY_SEX[sex])]
            if not partners:
                return
            other[0] = rng.choice(partners)
        elif kind == "same given, other family":
            if len(parts) < 3 and parts[-1] not in {f[0] for f in names.AR_FAMILY}:
                return
            other[-1] = rng.choice(names.AR_FAMILY)[0]
            if _ar_same(other[-1], parts[-1]):
                return
        else:  # a brother or sister: same father and family name, another given name
            if len(parts) < 3:
                return
            other[0] = rng.choice(AR_GIVEN_BY_SEX[sex])[0]
        if kind != "same given, other family" and _ar_same(other[0], parts[0]):
            return
        cat.add(q, [ar_latin(rng, other, rng.random() < 0.3)], False, kind, name_context(rng, nat, sex))

    cat.fill(make)


# ---------------------------------------------------------------------------------------------------------
# Latin names from Faker

LATIN_LOCALES = {"en_US": 0.3, "en_GB": 0.08, "de_DE": 0.08, "fr_FR": 0.08, "es_ES": 0.08, "es_MX": 0.05,
                 "it_IT": 0.06, "pt_BR": 0.06, "pl_PL": 0.05, "nl_NL": 0.04, "tr_TR": 0.04, "sv_SE": 0.04,
                 "cs_CZ": 0.02, "hu_HU": 0.02}
LOCALE_NATIONALITY = {"en_US": "US", "en_GB": "GB", "de_DE": "DE", "fr_FR": "FR", "es_ES": "ES", "es_MX": "MX",
                      "it_IT": "IT", "pt_BR": "BR", "pl_PL": "PL", "nl_NL": "NL", "tr_TR": "TR", "sv_SE": "SE",
                      "cs_CZ": "CZ", "hu_HU": "HU", "da_DK": "DK"}
_WORD = re.compile(r"^[^\W\d_]+$")


@dataclass
class LatinPool:
    male: list[str]
    female: list[str]
    family: list[str]


def _latin_pools() -> dict[str, LatinPool]:
    pools = {}
    for i, locale in enumerate([*LATIN_LOCALES, "da_DK"]):
        fake = Faker(locale)
        fake.seed_instance(SEED + i)

        def collect(fn: Callable[[], str]) -> list[str]:
            return sorted({w.upper() for w in (fn() for _ in range(2500)) if _WORD.match(w)})

        pools[locale] = LatinPool(collect(fake.first_name_male), collect(fake.first_name_female),
                                  collect(fake.last_name))
    return pools


LATIN = _latin_pools()


@dataclass(frozen=True)
class LatinPerson:
    locale: str
    sex: str
    given: str
    middle: str | None
    family: str

    @property
    def nationality(self) -> str:
        return LOCALE_NATIONALITY[self.locale]

    def full(self) -> str:
        return " ".join(w for w in (self.given, self.middle, self.family) if w)


def latin_person(rng: random.Random, locale: str | None = None, sex: str | None = None,
                 middle: float = 0.0) -> LatinPerson:
    locale = locale or pick(rng, LATIN_LOCALES)
    sex = sex or rng.choice("MF")
    pool = LATIN[locale]
    given_pool = pool.male if sex == "M" else pool.female
    given = rng.choice(given_pool)
    mid = rng.choice([g for g in given_pool if g != given]) if rng.random() < middle else None
    return LatinPerson(locale, sex, given, mid, rng.choice(pool.family))


def latin_other_given(rng: random.Random, p: LatinPerson) -> str | None:
    pool = LATIN[p.locale].male if p.sex == "M" else LATIN[p.locale].female
    other = rng.choice(pool)
    return None if variant_key(other) == variant_key(p.given) else other


def latin_other_family(rng: random.Random, p: LatinPerson) -> str | None:
    other = rng.choice(LATIN[p.locale].family)
    return None if variant_key(other) == variant_key(p.family) else other


def variant_key(name: str) -> str:
    """A crude sound key: two names with the same key may be spellings of one name (HANSEN / HANSON,
    SMITH / SMYTH, MARIA / MARIO), so they are never used as a hard negative."""
    text = names.icao_fold(name).replace(" ", "").replace("-", "").replace("'", "")
    for a, b in (("PH", "F"), ("CK", "K"), ("SCH", "S"), ("C", "K"), ("Q", "K"), ("Z", "S"), ("Y", "I"), ("W", "V"),
                 ("DT", "T"), ("TD", "T"), ("TH", "T"), ("J", "I"), ("X", "KS")):
        text = text.replace(a, b)
    if not text:
        return ""
    head, rest = text[0], re.sub(r"[AEIOUH]", "", text[1:])
    return head + re.sub(r"(.)\1+", r"\1", rest)


def title(text: str) -> str:
    return " ".join(w.capitalize() for w in text.split(" "))


# ---------------------------------------------------------------------------------------------------------
# Latin variation categories


def make_order(cat: Category) -> None:
    rng = cat.rng

    def reorder(p: LatinPerson) -> tuple[str, str]:
        given = " ".join(w for w in (p.given, p.middle) if w)
        form = pick(rng, {"FAMILY, GIVEN": 0.35, "FAMILY GIVEN": 0.3, "Family, Given": 0.15, "Given FAMILY": 0.1,
                          "family given": 0.1})
        text = {"FAMILY, GIVEN": f"{p.family}, {given}", "FAMILY GIVEN": f"{p.family} {given}",
                "Family, Given": title(f"{p.family}, {given}"), "Given FAMILY": f"{title(given)} {p.family}",
                "family given": f"{p.family} {given}".lower()}[form]
        return text, form

    def make(match: bool) -> None:
        p = latin_person(rng, middle=0.25)
        if p.locale.startswith("es") and rng.random() < 0.5:  # two family names
            p = LatinPerson(p.locale, p.sex, p.given, p.middle, f"{p.family} {rng.choice(LATIN[p.locale].family)}")
        q, form = reorder(p)
        if match:
            cat.add(q, [p.full()], True, form, name_context(rng, p.nationality, p.sex))
            return
        if rng.random() < 0.55:
            other_given = latin_other_given(rng, p)
            if other_given is None or (p.middle and variant_key(other_given) == variant_key(p.middle)):
                return  # VINCENT PAUL MOREAU may go by PAUL MOREAU: not a negative
            other = LatinPerson(p.locale, p.sex, other_given, None, p.family)
            note = "same family, other given"
        else:
            other_family = latin_other_family(rng, p)
            if other_family is None:
                return
            other = LatinPerson(p.locale, p.sex, p.given, p.middle, other_family)
            note = "same given, other family"
        cat.add(q, [other.full()], False, f"{form}; {note}", name_context(rng, p.nationality, p.sex))

    cat.fill(make)


def spaced_forms(particle: str, stem: str) -> list[str]:
    """The ways a family name with a particle is written: AL HASSAN, AL-HASSAN, ALHASSAN; O'BRIEN, O BRIEN..."""
    if particle == "O'":
        return [f"O'{stem}", f"O {stem}", f"O{stem}"]
    if particle in ("AL", "EL", "ABU", "BIN", "ABDUL"):
        return [f"{particle} {stem}", f"{particle}{stem}", f"{particle}-{stem}"]
    words = particle.split()
    if len(words) > 1:  # VAN DER BERG, VANDERBERG, VANDER BERG
        return [f"{particle} {stem}", "".join(words) + stem, f"{''.join(words)} {stem}"]
    return [f"{particle} {stem}", f"{particle}{stem}"]


def make_spacing(cat: Category) -> None:
    rng = cat.rng
    cultures = list(names.SPACED_FAMILY)
    nat = {"ar": "JO", "nl": "NL", "ie": "IE", "romance": "ES"}

    def make(match: bool) -> None:
        culture = rng.choice(cultures)
        particle, stem = rng.choice(names.SPACED_FAMILY[culture])
        given = rng.choice(names.SPACED_GIVEN[culture].split())
        compound = rng.random() < 0.3
        if compound:
            a, b = rng.choice(names.SPACED_GIVEN_COMPOUND)
            g_forms = [f"{a}-{b}", f"{a} {b}", f"{a}{b}"]
            q_given, c_given = rng.sample(g_forms, 2)
            family = rng.choice(spaced_forms(particle, stem))
            q_family = c_family = family
        else:
            q_given = c_given = given
            q_family, c_family = rng.sample(spaced_forms(particle, stem), 2)
        q = f"{q_given} {q_family}"
        if match:
            cat.add(q, [f"{c_given} {c_family}"], True, "compound given" if compound else f"particle {particle}",
                    name_context(rng, nat[culture], None))
            return
        if rng.random() < 0.5:  # same particle, another stem
            o_particle, o_stem = rng.choice([x for x in names.SPACED_FAMILY[culture] if x[0] == particle])
            if o_stem == stem or variant_key(o_stem) == variant_key(stem):
                return
            cand = f"{c_given} {rng.choice(spaced_forms(o_particle, o_stem))}"
            note = "same particle, other family name"
        else:  # same family name, another given name
            o_given = rng.choice(names.SPACED_GIVEN[culture].split())
            if compound:
                a, b = rng.choice(names.SPACED_GIVEN_COMPOUND)
                o_given = rng.choice([f"{a}-{b}", f"{a} {b}", f"{a}{b}"])
            if variant_key(o_given) == variant_key(c_given):
                return
            cand = f"{o_given} {c_family}"
            note = "same family, other given"
        cat.add(q, [cand], False, note, name_context(rng, nat[culture], None))

    cat.fill(make)


def make_initials(cat: Category) -> None:
    rng = cat.rng
    locales = {"en_US": 0.5, "en_GB": 0.15, "de_DE": 0.1, "fr_FR": 0.1, "es_ES": 0.1, "nl_NL": 0.05}

    def initialled(p: LatinPerson, given_initial: str, middle_initial: str | None, keep_given: bool) -> tuple[str, str]:
        dot = "." if rng.random() < 0.6 else ""
        g = p.given if keep_given else f"{given_initial}{dot}"
        mid = f"{middle_initial}{dot}" if middle_initial else ""
        first = " ".join(x for x in (g, mid) if x)
        form = pick(rng, {"I. FAMILY": 0.6, "FAMILY I.": 0.2, "FAMILY, I.": 0.2})
        text = {"I. FAMILY": f"{first} {p.family}", "FAMILY I.": f"{p.family} {first}",
                "FAMILY, I.": f"{p.family}, {first}"}[form]
        return text, form

    def make(match: bool) -> None:
        p = latin_person(rng, pick(rng, locales), middle=0.5)
        mid_initial = p.middle[0] if p.middle and rng.random() < 0.8 else None
        keep_given = mid_initial is not None and rng.random() < 0.3  # JOHN R. SMITH
        if match:
            q, form = initialled(p, p.given[0], mid_initial, keep_given)
            cat.add(q, [p.full()], True, f"{form}{' middle' if mid_initial else ''}",
                    name_context(rng, p.nationality, p.sex))
            return
        if mid_initial and rng.random() < 0.35:  # the middle initial contradicts
            letters = [c for c in "ABCDEFGHJKLMNPRSTW" if c != mid_initial]
            q, form = initialled(p, p.given[0], rng.choice(letters), keep_given)
            note = "middle initial differs"
        else:  # the first initial contradicts
            letters = [c for c in "ABCDEFGHJKLMNPRSTW" if c != p.given[0]]
            q, form = initialled(p, rng.choice(letters), mid_initial, False)
            note = "first initial differs"
        cat.add(q, [p.full()], False, f"{form}; {note}", name_context(rng, p.nationality, p.sex))

    cat.fill(make)


# Nicknames everyone knows that do not start with the letter of the formal name.
WELL_KNOWN_NICKNAMES = {("BILL", "WILLIAM"), ("BILLY", "WILLIAM"), ("BOB", "ROBERT"), ("BOBBY", "ROBERT"),
                        ("PEGGY", "MARGARET"), ("PEG", "MARGARET"), ("DICK", "RICHARD"), ("TED", "EDWARD"),
                        ("NED", "EDWARD"), ("JACK", "JOHN"), ("HANK", "HENRY"), ("POLLY", "MARY"), ("MOLLY", "MARY"),
                        ("SALLY", "SARAH"), ("BETSY", "ELIZABETH"), ("BETTY", "ELIZABETH"), ("LIBBY", "ELIZABETH"),
                        ("PATSY", "PATRICIA"), ("TEDDY", "THEODORE"), ("CHUCK", "CHARLES"), ("HAL", "HENRY"),
                        ("DICKY", "RICHARD"), ("DAISY", "MARGARET")}


def nickname_table() -> list[tuple[str, str]]:
    """(nickname, formal) pairs: formal names Faker's en_US knows, nicknames sharing the first letter or
    well known, and not nicknames of many names."""
    nn = NickNamer()
    formal = {n for n in [*LATIN["en_US"].male, *LATIN["en_US"].female, *LATIN["en_GB"].male, *LATIN["en_GB"].female]}
    known = {n for pool in LATIN.values() for n in (*pool.male, *pool.female)}
    pairs = []
    for name in sorted(formal):
        for nick in sorted(nn.nicknames_of(name.lower())):
            nick_u = nick.upper()
            if not _WORD.match(nick_u) or len(nick_u) < 3 or nick_u == name or len(nn.canonicals_of(nick)) > 4:
                continue
            if len(nick_u) > 6 and nick_u not in known:  # the package's rarer spellings (MIGUAELL, FRANNIEY)
                continue
            if nick_u[0] == name[0] or (nick_u, name) in WELL_KNOWN_NICKNAMES:
                pairs.append((nick_u, name))
    return pairs


def make_nicknames(cat: Category) -> None:
    rng = cat.rng
    nn = NickNamer()
    table = nickname_table()
    formal = sorted({*LATIN["en_US"].male, *LATIN["en_US"].female})
    families = LATIN["en_US"].family + LATIN["en_GB"].family

    def related(a: str, b: str) -> bool:
        a_l, b_l = a.lower(), b.lower()
        return bool(a_l == b_l or b_l in nn.canonicals_of(a_l) or a_l in nn.canonicals_of(b_l)
                    or nn.nicknames_of(a_l) & nn.nicknames_of(b_l) or nn.canonicals_of(a_l) & nn.canonicals_of(b_l)
                    or variant_key(a) == variant_key(b))

    def make(match: bool) -> None:
        nick, name = rng.choice(table)
        family = rng.choice(families)
        ctx = name_context(rng, "US", None)
        if match:
            if rng.random() < 0.75:
                cat.add(f"{nick} {family}", [f"{name} {family}"], True, f"{nick}/{name}", ctx)
            else:
                cat.add(f"{name} {family}", [f"{nick} {family}"], True, f"{name}/{nick}", ctx)
            return
        # another formal name, often one that looks like the nickname (BOB / BOYD), never one it stands for
        scored = sorted(formal, key=lambda f: -Levenshtein.normalized_similarity(f, nick))[:12]
        other = rng.choice(scored if rng.random() < 0.6 else formal)
        if related(nick, other) or related(name, other):
            return
        cat.add(f"{nick} {family}", [f"{other} {family}"], False, f"{nick} is not {other}", ctx)

    cat.fill(make)


KEYBOARD = {
    "Q": "WA", "W": "QES", "E": "WRD", "R": "ETF", "T": "RYG", "Y": "TUH", "U": "YIJ", "I": "UOK", "O": "IPL",
    "P": "OL", "A": "QSZ", "S": "ADWZ", "D": "SFE", "F": "DGR", "G": "FHT", "H": "GJY", "J": "HKU", "K": "JLI",
    "L": "KO", "Z": "ASX", "X": "ZC", "C": "XVD", "V": "CBF", "B": "VNG", "N": "BMH", "M": "NJ",
}
OCR = [("RN", "M"), ("M", "RN"), ("CL", "D"), ("VV", "W"), ("W", "VV"), ("I", "L"), ("L", "I"), ("O", "Q"),
       ("U", "V"), ("E", "F"), ("H", "N"), ("O", "0"), ("I", "1"), ("S", "5"), ("B", "8")]


def typo(rng: random.Random, word: str) -> tuple[str, str]:
    """One realistic slip in a word: a neighbouring key, a dropped or doubled letter, two letters swapped,
    or a misread (OCR) letter."""
    kind = pick(rng, {"keyboard": 0.3, "drop": 0.2, "double": 0.1, "swap": 0.2, "ocr": 0.2})
    i = rng.randrange(1, len(word))  # the first letter is rarely wrong
    if kind == "keyboard" and word[i] in KEYBOARD:
        return word[:i] + rng.choice(KEYBOARD[word[i]]) + word[i + 1:], kind
    if kind == "drop":
        return word[:i] + word[i + 1:], kind
    if kind == "double":
        return word[:i] + word[i] + word[i:], kind
    if kind == "swap" and i < len(word) - 1 and word[i] != word[i + 1]:
        return word[:i] + word[i + 1] + word[i] + word[i + 2:], kind
    if kind == "ocr":
        options = [(a, b) for a, b in OCR if a in word[1:]]
        if options:
            a, b = rng.choice(options)
            j = word.index(a, 1)
            return word[:j] + b + word[j + len(a):], kind
    if word[i] in KEYBOARD:
        return word[:i] + rng.choice(KEYBOARD[word[i]]) + word[i + 1:], "keyboard"
    return word[:i] + word[i + 1:], "drop"


# One name in two languages or two transliterations: never a hard negative.
SAME_NAME_ACROSS_LANGUAGES = {frozenset(p) for p in [("JAIME", "JAMES"), ("ALEJANDRO", "ALEXANDRE"),
                                                     ("HELLENA", "JELENA"), ("HELENA", "JELENA"), ("ELENA", "JELENA"),
                                                     ("ANDRES", "ANDREAS"), ("MARIO", "MARIA"), ("JOAO", "JOAN")]}


def near_name_pairs(pool: list[str]) -> list[tuple[str, str]]:
    """Distinct real names one or two edits apart that do not sound alike (MILLER / MILLS, not SMITH / SMYTH)
    and are not nicknames of one another (KRISTEN / KRISTI)."""
    nn = NickNamer()
    pool = sorted({n for n in pool if len(n) >= 5})
    dist = cdist(pool, pool, scorer=Levenshtein.distance, score_cutoff=2, workers=1)
    out = []
    for i, a in enumerate(pool):
        for j in range(i + 1, len(pool)):
            b = pool[j]
            if not 1 <= dist[i][j] <= 2 or variant_key(a) == variant_key(b) or \
                    frozenset((names.strip_marks(a), names.strip_marks(b))) in SAME_NAME_ACROSS_LANGUAGES:
                continue
            a_l, b_l = a.lower(), b.lower()
            related = (nn.nicknames_of(a_l) | nn.canonicals_of(a_l) | {a_l}) & \
                (nn.nicknames_of(b_l) | nn.canonicals_of(b_l) | {b_l})
            if not related:
                out.append((a, b))
    return out


def make_typos(cat: Category) -> None:
    rng = cat.rng
    families = [f for loc in LATIN_LOCALES for f in LATIN[loc].family]
    givens = [g for loc in LATIN_LOCALES for g in (*LATIN[loc].male, *LATIN[loc].female)]
    near_family = near_name_pairs(families)
    near_given = near_name_pairs(givens)

    def make(match: bool) -> None:
        p = latin_person(rng, middle=0.15)
        full = p.full()
        if len(full.replace(" ", "")) < 10:
            return
        if match:
            words = full.split(" ")
            long_words = [i for i, w in enumerate(words) if len(w) >= 5]
            if not long_words:
                return
            edits = 1 if rng.random() < 0.65 else 2
            targets = [rng.choice(long_words)]
            if edits == 2:
                others = [i for i in long_words if i != targets[0]]
                if others:
                    targets.append(rng.choice(others))
                elif len(words[targets[0]]) >= 8:
                    targets.append(targets[0])
            kinds = []
            for i in targets:
                words[i], kind = typo(rng, words[i])
                kinds.append(kind)
            q = " ".join(words)
            if q == full:
                return
            if rng.random() < 0.7:
                cat.add(q, [full], True, "+".join(kinds), name_context(rng, p.nationality, p.sex))
            else:
                cat.add(full, [q], True, "+".join(kinds) + " (in the list)", name_context(rng, p.nationality, p.sex))
            return
        if rng.random() < 0.7:
            a, b = rng.choice(near_family)
            q, cand, note = f"{p.given} {a}", f"{p.given} {b}", f"family {a} is not {b}"
        else:
            a, b = rng.choice(near_given)
            q, cand, note = f"{a} {p.family}", f"{b} {p.family}", f"given {a} is not {b}"
        cat.add(q, [cand], False, note, name_context(rng, p.nationality, None))

    cat.fill(make)


def make_honorifics(cat: Category) -> None:
    rng = cat.rng

    def latin_pair(match: bool) -> None:
        title_word = rng.choice(names.HONORIFICS_LATIN)
        if title_word in ("SHEIKH", "SHAIKH", "HAJI", "HAJJ"):
            g = rng.choice(AR_GIVEN_BY_SEX["M"])
            fam = rng.choice(names.AR_FAMILY)
            given, family, sex, nat = rng.choice(AR_LATIN[g[0]]), rng.choice(AR_LATIN[fam[0]]), "M", "AE"
            other_given = rng.choice(AR_LATIN[rng.choice(AR_GIVEN_BY_SEX["M"])[0]])
        else:
            sex = "F" if title_word in ("MRS", "MRS.", "MADAME", "FRAU", "SRA.") else \
                "M" if title_word in ("MR", "MR.", "SIR", "MONSIEUR", "HERR", "SENOR", "SR.") else rng.choice("MF")
            p = latin_person(rng, sex=sex)
            given, family, nat = p.given, p.family, p.nationality
            other_given = latin_other_given(rng, p) or p.given
        q = f"{title_word} {given} {family}"
        if rng.random() < 0.2:
            q = title(q)
        if match:
            cat.add(q, [f"{given} {family}"], True, title_word, name_context(rng, nat, sex))
        elif variant_key(other_given) != variant_key(given):
            cat.add(q, [f"{other_given} {family}"], False, f"{title_word}; same family, other given",
                    name_context(rng, nat, sex))

    def ja_pair(match: bool) -> None:
        family, given, sex = ja_person(rng)
        suffix = rng.choice(names.HONORIFICS_JA)
        q = family.kanji + rng.choice(["", " "]) + given.kanji + rng.choice(["", "", " "]) + suffix
        if not match:
            neg = ja_negative(rng, family, given, sex)
            if neg is None:
                return
            family, given, note = neg
        cand, style = ja_romaji_name(rng, family, given)
        cands = [cand, family.kanji + given.kanji] if rng.random() < 0.5 else [cand]
        cat.add(q, cands, match, suffix if match else f"{suffix}; {note}", name_context(rng, "JP", sex))

    def zh_pair(match: bool) -> None:
        sex = rng.choice("MF")
        family, given = rng.choice(names.ZH_FAMILY), zh_given(rng)
        q = family[0] + "".join(g[0] for g in given) + ("先生" if sex == "M" else "女士")
        o_given = given if match else zh_given(rng)
        if not match and "".join(g[2] for g in o_given) == "".join(g[2] for g in given):
            return
        cands = [zh_pinyin(rng, family, o_given)]
        if rng.random() < 0.5:
            cands.append(family[0] + "".join(g[0] for g in o_given))
        cat.add(q, cands, match, "先生/女士" if match else "先生/女士; same family, other given",
                name_context(rng, "CN", sex))

    def ko_pair(match: bool) -> None:
        sex = rng.choice("MF")
        family = rng.choice(names.KO_FAMILY)
        pool = names.KO_GIVEN_MALE if sex == "M" else names.KO_GIVEN_FEMALE
        given = rng.choice(pool)
        q = family[0] + given + rng.choice(names.HONORIFICS_KO)
        o_given = given if match else rng.choice(pool)
        if not match and names.ko_given_spellings(o_given) & names.ko_given_spellings(given):
            return
        cands = [ko_latin(rng, family, o_given)]
        if rng.random() < 0.5:
            cands.append(family[0] + o_given)
        cat.add(q, cands, match, "씨/님" if match else "씨/님; same family, other given", name_context(rng, "KR", sex))

    def make(match: bool) -> None:
        kind = pick(rng, {"latin": 0.55, "ja": 0.3, "zh": 0.08, "ko": 0.07})
        {"latin": latin_pair, "ja": ja_pair, "zh": zh_pair, "ko": ko_pair}[kind](match)

    cat.fill(make)


def make_diacritics(cat: Category) -> None:
    rng = cat.rng
    locales = ["de_DE", "fr_FR", "es_ES", "pl_PL", "tr_TR", "cs_CZ", "sv_SE", "da_DK", "pt_BR", "hu_HU"]

    def accented(words: list[str]) -> bool:
        return any(not w.isascii() for w in words)

    def fold(text: str, how: str) -> str:
        return names.icao_fold(text) if how == "icao" else names.strip_marks(text) if how == "stripped" else text

    def make(match: bool) -> None:
        for _ in range(50):
            p = latin_person(rng, rng.choice(locales))
            if accented([p.given, p.family]):
                break
        else:
            return
        q_how, c_how = rng.sample(["icao", "stripped", "accented"], 2)
        if names.icao_fold(p.full()) == names.strip_marks(p.full()) and "accented" not in (q_how, c_how):
            return  # both folds agree: no variation to test
        q = fold(p.full(), q_how)
        if match:
            cat.add(q, [fold(p.full(), c_how)], True, f"{q_how} vs {c_how}", name_context(rng, p.nationality, p.sex))
            return
        if rng.random() < 0.6:
            other_given = latin_other_given(rng, p)
            other = LatinPerson(p.locale, p.sex, other_given, None, p.family) if other_given else None
            note = "same family, other given"
        else:
            other_family = latin_other_family(rng, p)
            other = LatinPerson(p.locale, p.sex, p.given, None, other_family) if other_family else None
            note = "same given, other family"
        if other is None:
            return
        cat.add(q, [fold(other.full(), c_how)], False, f"{q_how} vs {c_how}; {note}",
                name_context(rng, p.nationality, p.sex))

    cat.fill(make)


# ---------------------------------------------------------------------------------------------------------
# Hard negatives and dates of birth


SHORT_ZH = [("李", "LI"), ("王", "WANG"), ("张", "ZHANG"), ("刘", "LIU"), ("陈", "CHEN"), ("杨", "YANG")]


def make_hard_negatives(cat: Category) -> None:
    rng = cat.rng
    short_pairs = [(a, b) for a in names.ZH_GIVEN_CHARS for b in names.ZH_GIVEN_CHARS
                   if a[2] != b[2] and Levenshtein.distance(a[2], b[2]) == 1]

    def latin_same_family(match: bool) -> None:
        p = latin_person(rng, pick(rng, {"en_US": 0.5, "en_GB": 0.2, "es_ES": 0.1, "de_DE": 0.1, "fr_FR": 0.1}))
        if match:
            form = rng.choice([p.full(), f"{p.family}, {p.given}", title(p.full())])
            cat.add(form, [p.full()], True, "same person, same spelling", name_context(rng, p.nationality, p.sex))
            return
        other = latin_other_given(rng, p)
        if other:
            cat.add(p.full(), [f"{other} {p.family}"], False, "same family, other given",
                    name_context(rng, p.nationality, p.sex))

    def latin_common_given(match: bool) -> None:
        given = rng.choice(["MUHAMMAD", "MOHAMMED", "JOHN", "MARIA", "JOSE", "ALI", "AHMED", "DAVID", "ANNA",
                            "MICHAEL", "JUAN", "FATIMA", "IVAN", "OLGA", "PETER", "SARAH"])
        loc = pick(rng, {"en_US": 0.4, "es_ES": 0.2, "de_DE": 0.1, "fr_FR": 0.1, "tr_TR": 0.1, "pl_PL": 0.1})
        family = rng.choice(LATIN[loc].family)
        if match:
            cat.add(f"{given} {family}", [f"{given} {family}"], True, "same person, same spelling",
                    name_context(rng, LOCALE_NATIONALITY[loc], None))
            return
        other = rng.choice(LATIN[loc].family)
        if variant_key(other) != variant_key(family):
            cat.add(f"{given} {family}", [f"{given} {other}"], False, "common given, other family",
                    name_context(rng, LOCALE_NATIONALITY[loc], None))

    def ja_same_family(match: bool) -> None:
        family, given, sex = ja_person(rng)
        q = family.kanji + given.kanji
        if match:
            cat.add(q, [family.kanji + rng.choice(["", " ", "\u3000"]) + given.kanji], True, "same person, kanji",
                    name_context(rng, "JP", sex))
            return
        other = ja_other(rng, JA_GIVEN[rng.choice("MF")], given)
        if other:
            cat.add(q, [family.kanji + other.kanji], False, "kanji: same family, other given",
                    name_context(rng, "JP", None))

    def zh_short(match: bool) -> None:
        fam_h, fam_p = rng.choice(SHORT_ZH)
        a, b = rng.choice(short_pairs)
        if match:
            cat.add(f"{fam_p} {a[2]}", [rng.choice([f"{fam_p} {a[2]}", f"{a[2]} {fam_p}"])], True,
                    "same person, short pinyin name", name_context(rng, "CN", None))
            return
        if rng.random() < 0.6:
            cat.add(f"{fam_p} {a[2]}", [f"{fam_p} {b[2]}"], False, "short pinyin: one letter differs",
                    name_context(rng, "CN", None))
        else:
            cat.add(fam_h + a[0], [fam_h + b[0]], False, "hanzi: same family, other given",
                    name_context(rng, "CN", None))

    def ko_same_family(match: bool) -> None:
        family = rng.choice(names.KO_FAMILY)
        pool = rng.choice([names.KO_GIVEN_MALE, names.KO_GIVEN_FEMALE])
        given, other = rng.sample(pool, 2)
        if match:
            cat.add(family[0] + given, [family[0] + given], True, "same person, hangul", name_context(rng, "KR", None))
        elif not names.ko_given_spellings(other) & names.ko_given_spellings(given):
            cat.add(family[0] + given, [ko_latin(rng, family, other)], False,
                    "hangul vs latin: same family, other given", name_context(rng, "KR", None))

    makers = {latin_same_family: 0.35, latin_common_given: 0.2, ja_same_family: 0.15, zh_short: 0.2,
              ko_same_family: 0.1}

    def make(match: bool) -> None:
        rng.choices(list(makers), weights=list(makers.values()))[0](match)

    cat.fill(make)


def identical_name(rng: random.Random) -> tuple[str, str | None]:
    """A name written the same on both sides, from any of the scripts, with its nationality."""
    kind = pick(rng, {"latin": 0.65, "ja": 0.15, "zh": 0.1, "ru": 0.05, "ar": 0.05})
    if kind == "latin":
        p = latin_person(rng)
        return p.full(), p.nationality
    if kind == "ja":
        family, given, _ = ja_person(rng)
        return family.kanji + given.kanji, "JP"
    if kind == "zh":
        return rng.choice(names.ZH_FAMILY)[0] + "".join(g[0] for g in zh_given(rng)), "CN"
    if kind == "ru":
        p = cyr_person(rng, "ru")
        return f"{p.given} {p.family}", "RU"
    return f"{rng.choice(names.AR_GIVEN)[0]} {rng.choice(names.AR_FAMILY)[0]}", rng.choice(AR_NATIONALITIES)


def with_dobs(rng: random.Random, q_dob: str, c_dob: str, nationality: str | None) -> tuple[dict, dict]:
    q, c = {"date_of_birth": q_dob}, {"date_of_birth": c_dob}
    if nationality and rng.random() < 0.5:
        q["nationality"], c["nationalities"] = nationality, [nationality]
    return q, c


def make_different_dob(cat: Category) -> None:
    rng = cat.rng

    def make(match: bool) -> None:
        name, nat = identical_name(rng)
        y, m, d = random_dob(rng)
        if match:
            kind = pick(rng, {"same date": 0.5, "listed year only": 0.25, "listed year and month": 0.25})
            c = fmt_dob(y, m, d) if kind == "same date" else fmt_dob(y) if kind == "listed year only" else \
                fmt_dob(y, m)
            cat.add(name, [name], True, kind, with_dobs(rng, fmt_dob(y, m, d), c, nat))
            return
        gap = rng.randint(20, 35) * rng.choice([-1, 1])
        oy = y + gap if 1925 <= y + gap <= 2010 else y - gap
        c = fmt_dob(oy, rng.randint(1, 12), rng.randint(1, 28)) if rng.random() < 0.8 else fmt_dob(oy)
        cat.add(name, [name], False, f"born {abs(oy - y)} years apart", with_dobs(rng, fmt_dob(y, m, d), c, nat))

    cat.fill(make)


def make_close_dob(cat: Category) -> None:
    rng = cat.rng

    def make(match: bool) -> None:
        name, nat = identical_name(rng)
        y, m, d = random_dob(rng)
        if match:
            kind = pick(rng, {"one day off": 0.35, "day and month swapped": 0.3, "one year off": 0.35})
            if kind == "one day off":
                c = fmt_dob(y, m, d + 1 if d < 28 else d - 1)
            elif kind == "day and month swapped":
                if d > 12 or d == m:
                    d = rng.choice([x for x in range(1, 13) if x != m])
                c = fmt_dob(y, d, m)
            else:
                c = fmt_dob(y + rng.choice([-1, 1]), m, d)
            cat.add(name, [name], True, kind, with_dobs(rng, fmt_dob(y, m, d), c, nat))
            return
        gap = rng.randint(10, 19) * rng.choice([-1, 1])
        om = rng.choice([x for x in range(1, 13) if x != m])
        od = rng.choice([x for x in range(1, 29) if x != d])
        cat.add(name, [name], False, f"born {abs(gap)} years apart", with_dobs(rng, fmt_dob(y, m, d),
                                                                              fmt_dob(y + gap, om, od), nat))

    cat.fill(make)


# ---------------------------------------------------------------------------------------------------------

MAKERS: dict[str, Callable[[Category], None]] = {
    "ja_kanji_unspaced_vs_romaji": lambda c: make_ja(c, kanji_unspaced),
    "ja_kanji_spaced_vs_romaji": lambda c: make_ja(c, kanji_spaced),
    "ja_katakana_vs_romaji": lambda c: make_ja(c, katakana_japanese),
    "katakana_foreign_vs_latin": make_katakana_foreign,
    "zh_hanzi_vs_pinyin": make_zh,
    "ru_cyrillic_vs_latin": make_ru,
    "ar_arabic_vs_latin": make_ar,
    "ko_hangul_vs_latin": make_ko,
    "order": make_order,
    "spacing": make_spacing,
    "initials": make_initials,
    "nicknames": make_nicknames,
    "typos": make_typos,
    "honorifics": make_honorifics,
    "diacritics": make_diacritics,
    "hard_negatives": make_hard_negatives,
    "same_name_different_dob": make_different_dob,
    "same_name_close_dob": make_close_dob,
}


def build() -> list[dict]:
    pairs: list[dict] = []
    for n, (name, maker) in enumerate(MAKERS.items()):
        cat = Category(name, random.Random(SEED * 100 + n))
        maker(cat)
        cat.rng.shuffle(cat.pairs)
        for i, pair in enumerate(cat.pairs, 1):
            pair["id"] = f"{name}-{i:04d}"
        pairs.extend(cat.pairs)
    check(pairs)
    return pairs


def check(pairs: list[dict]) -> None:
    """The set must be consistent: no pair labelled both ways, every category big enough and balanced."""
    labels: dict[tuple, bool] = {}
    for p in pairs:
        key = (p["query"]["name"], tuple(p["candidate"]["names"]), p["query"].get("date_of_birth"),
               p["candidate"].get("date_of_birth"))
        if labels.setdefault(key, p["match"]) != p["match"]:
            raise ValueError(f"pair labelled both ways: {key}")
    per = Counter((p["category"], p["match"]) for p in pairs)
    for name in MAKERS:
        pos, neg = per[(name, True)], per[(name, False)]
        if pos + neg < 150 or not 0.4 <= pos / (pos + neg) <= 0.6:
            raise ValueError(f"{name}: {pos} positives, {neg} negatives")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    pairs = build()
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with args.out.open("w", encoding="utf-8") as f:
        for pair in pairs:
            f.write(json.dumps(pair, ensure_ascii=False, separators=(",", ":")) + "\n")
    per = Counter((p["category"], p["match"]) for p in pairs)
    print(f"{len(pairs)} pairs -> {args.out} ({args.out.stat().st_size / 1e6:.2f} MB)")
    for name in MAKERS:
        print(f"  {name:32} {per[(name, True)]:4} positive {per[(name, False)]:4} negative")


if __name__ == "__main__":
    main()
