"""Normalising written names before comparison: titles and honorifics out, particles understood,
tokens canonicalised so that spelling habits (long vowels, doubled letters) do not count as differences.

Everything here works on the lower-case ASCII forms that :mod:`ncb.matching.transliterate` produces.
"""

from __future__ import annotations

import operator
import re
import unicodedata
from functools import lru_cache

# Titles, honorifics and ranks that are not part of a name (English, French, Spanish, German, Arabic,
# Russian and Japanese usages as they appear once romanised). Words that are also common names (Chan, Shi,
# Don) are left out.
HONORIFICS = frozenset([
    "mr", "mrs", "ms", "miss", "mx", "dr", "prof", "sir", "dame", "lord", "lady", "rev", "fr", "sr", "jr", "ii",
    "iii", "iv", "esq", "phd", "md", "mme", "mlle", "monsieur", "madame", "sra", "srta",
    "senor", "senora", "herr", "frau", "sheikh", "shaikh", "sheik", "haji", "hajji", "hadji", "sayyid", "sayed",
    "syed", "mullah", "imam", "ustadh", "gospodin", "gospozha", "san", "sama", "sensei", "dono"
])

# Particles that belong to a family name; they may be written apart, joined or left out.
PARTICLES = frozenset([
    "al", "el", "ul", "ad", "ar", "as", "at", "az", "ash", "bin", "ibn", "bint", "abu", "abd", "bani", "ben", "van",
    "von", "der", "den", "de", "del", "della", "di", "da", "dos", "das", "du", "le", "la", "los", "las", "y", "e"
])

_SPACES = re.compile(r"\s+")
_DOUBLED = re.compile(r"(.)\1+")
_FIRST_GROUP = operator.itemgetter(1)  # as a replacement, far quicker than the template r"\1"
_OH = re.compile(r"oh(?=[^aeiou]|$)")
_NOT_LETTER = re.compile(r"[^a-z ]+")
_VOWELS_OR_H = re.compile(r"[aeiouh]")
_VOWEL_RUNS = re.compile(r"[aeiou]+")
# Japanese and other scripts' honorific suffixes written in the original script, removed before
# transliteration: 様 さま さん 君 くん 殿 氏 先生
_NATIVE_HONORIFICS = re.compile(r"(様|さま|さん|くん|君|殿|氏|先生)(?=\s|$)")


# Arabic titles written before a name: doctor, engineer, professor, Mr, Mrs, Miss, sheikh, hajj (with and without
# the hamza). Those that are also family names (السيد El-Sayed, الشيخ Al-Sheikh, الحاج) go only from the front;
# the others wherever they stand.
_ARABIC_TITLES = "الدكتور|الدكتورة|المهندس|المهندسة|الأستاذ|الأستاذة|الاستاذ|الاستاذة|السيدة|الآنسة|الانسة"
_ARABIC_TITLES_FIRST = re.compile(rf"^(?:(?:{_ARABIC_TITLES}|السيد|الشيخ|الحاج|الحاجة)\s+)+")
_ARABIC_TITLES_ANYWHERE = re.compile(rf"(?:^|\s)(?:{_ARABIC_TITLES})(?=\s|$)")


def strip_native_honorifics(text: str) -> str:
    """Honorifics written in the name's own script: ``山田太郎様`` -> ``山田太郎`` (Japanese suffixes), ``الدكتور نور
    الدقاق`` -> ``نور الدقاق`` (Arabic titles). A name made only of titles keeps them."""
    text = unicodedata.normalize("NFKC", text)
    stripped = _NATIVE_HONORIFICS.sub("", text).strip()
    if not stripped.isascii():
        untitled = _ARABIC_TITLES_ANYWHERE.sub(" ", _ARABIC_TITLES_FIRST.sub("", stripped)).split()
        if untitled:
            return " ".join(untitled)
    return stripped


def tokens(latin: str) -> tuple[str, ...]:
    """Lower-case ASCII name text -> tokens without titles and honorifics. A name made only of titles
    keeps them (better a weak key than none)."""
    cleaned = _SPACES.sub(" ", _NOT_LETTER.sub(" ", latin.lower())).strip()
    parts = tuple(p for p in cleaned.split(" ") if p)
    kept = tuple(p for p in parts if p not in HONORIFICS)
    return kept or parts


def fold_particles(parts: tuple[str, ...]) -> tuple[str, ...]:
    """Join particles to the word they introduce: ``al hassan`` -> ``alhassan``, ``van der berg`` ->
    ``vanderberg`` (a second written form; the spaced one is kept as well)."""
    out: list[str] = []
    pending = ""
    for p in parts:
        if p in PARTICLES:
            pending += p
            continue
        out.append(pending + p)
        pending = ""
    if pending:
        out.append(pending)
    return tuple(out)


def drop_particles(parts: tuple[str, ...]) -> tuple[str, ...]:
    """``al hassan`` -> ``hassan`` (the particle left out, as many documents do)."""
    kept = tuple(p for p in parts if p not in PARTICLES)
    return kept or parts


_CANON = [("ph", "f"), ("kh", "k"), ("dh", "d"), ("th", "t"), ("gh", "g"), ("ck", "k"), ("sch", "sh"),
          ("tsch", "ch"), ("tch", "ch"), ("dzh", "j"), ("dj", "j"), ("zh", "j")]
_CANON_WITHOUT_H = [(a, b) for a, b in _CANON if "h" not in a]  # no rule writes an h that was not there


def collapse_doubles(text: str) -> str:
    """Every run of one letter as that letter once: ``mohammed`` -> ``mohamed``."""
    return _DOUBLED.sub(_FIRST_GROUP, text)


@lru_cache(maxsize=200_000)
def canonical(token: str) -> str:
    """A token in a form that ignores common spelling habits: long vowels (``ou``, ``oo``, ``oh`` before a
    consonant), doubled letters, and interchangeable spellings (ph/f, kh/k, w/v, y/i, c/k, z/s ...).
    ``ohtani``, ``ootani``, ``outani`` and ``otani`` all become ``otani``; ``mohammed`` and
    ``muhammad`` become ``mohamed``/``muhamad`` (still told apart by the comparison, close by it)."""
    t = token
    for a, b in _CANON if "h" in t else _CANON_WITHOUT_H:
        t = t.replace(a, b)
    t = t.replace("w", "v").replace("y", "i").replace("q", "k").replace("c", "k").replace("x", "ks").replace("z", "s")
    if "oh" in t:
        t = _OH.sub("o", t)
    # oo, uu, aa, ii, ee: doubled letters like any other
    return collapse_doubles(t.replace("ou", "o"))


@lru_cache(maxsize=500_000)
def sorted_canonical(tokens: tuple[str, ...]) -> str:
    """A form's canonical tokens in alphabetical order, spaced: its key for quick whole-name comparisons, and
    what its joined blocking key is made of."""
    return " ".join(sorted(canonical(t) for t in tokens))


@lru_cache(maxsize=200_000)
def skeleton(token: str) -> str:
    """The consonants of a canonical token, first letter kept: ``mohamed`` -> ``mmd``, ``muhamad`` ->
    ``mmd``. A blocking key that survives vowel differences between romanisations."""
    c = canonical(token)
    if not c:
        return c
    rest = _VOWELS_OR_H.sub("", c[1:])
    return collapse_doubles(c[0] + rest)


@lru_cache(maxsize=200_000)
def vowel_blind(token: str) -> str:
    """A canonical token with every run of vowels made one ``a``: ``mohamed``/``muhamad`` -> ``mahamad``,
    ``osama``/``usama`` -> ``asama``. Romanisations of Arabic and other scripts that do not write short
    vowels differ mostly here."""
    return _VOWEL_RUNS.sub("a", canonical(token))


@lru_cache(maxsize=200_000)
def kana_blind(token: str) -> str:
    """A canonical token as katakana would have it, for comparing a name written in katakana with its Latin
    spelling: l and r are one sound, v is b (f at the end), an r before a consonant or at the end is silent
    (ウォーカー: Walker), and the vowel Japanese adds after a final consonant is dropped (ボリス: Boris)."""
    t = canonical(token).replace("l", "r")
    t = re.sub(r"v$", "f", t).replace("v", "b")
    t = re.sub(r"r(?=[^aeiou]|$)", "", t)
    t = re.sub(r"(?<=[^aeiou])[uo]$", "", t)
    return collapse_doubles(t)


_KANA_BASE = (
    (r"ph", "f"), (r"ck", "k"), (r"qu", "kw"), (r"x", "ks"), (r"tch", "q"), (r"sch", "s"), (r"sh", "s"),
    (r"ch", "q"), (r"th", "s"), (r"kh", "h"), (r"^gh", "g"), (r"gh", ""), (r"wh", "w"), (r"dg", "j"),
    (r"c(?=[eiy])", "s"), (r"c", "k"), (r"z", "j"), (r"l", "r"), (r"v", "b"),
)
_KANA_OPTIONAL = (
    ((r"d(?=[iy])", "j"), (r"t(?=[iy])", "q"), (r"g(?=[eiy])", "j"), (r"^b(?=[^aeiouy])", "")),  # ジ, チ, ジョージ
    ((r"r(?=[^aeiouy]|$)", ""), (r"re$", "")),  # the r English does not say: ウォーカー, ムーア
    ((r"(?<=[aeioun])[tdsx]$", ""),),  # French final consonants: ローラン
    ((r"(?<=[aeiou])h$", ""),),  # Sarah: サラ
)


@lru_cache(maxsize=200_000)
def kana_skeletons(token: str) -> frozenset[str]:
    """The consonants of a token as katakana keeps them, in every plausible variant, so that a name read from
    katakana (Hepburn) meets its Latin spelling: l and r, v and b, z and j, th and s are one; vowels, y, w and
    doubled letters go (katakana adds and lengthens vowels); and optionally the softenings katakana writes (di
    and gi as ji, ti as chi, an initial v before a consonant as a vowel: ウラジーミル, Vladimir), the r English
    does not pronounce, French silent final consonants and a final h. ピエール・ローラン (pieru roran) and
    PIERRE LAURENT share "pr" and "rn"."""
    folded = unicodedata.normalize("NFKD", token.lower())
    base = collapse_doubles(re.sub(r"[^a-z]", "", folded))
    for pattern, repl in _KANA_BASE:
        base = re.sub(pattern, repl, base)
    variants = {base}
    for group in _KANA_OPTIONAL:
        for v in list(variants):
            changed = v
            for pattern, repl in group:
                changed = re.sub(pattern, repl, changed)
            variants.add(changed)
    out = set()
    for v in variants:
        consonants = re.sub(r"[aeiouyw]", "", v)
        out.add(collapse_doubles(consonants))
    return frozenset(s for s in out if s)
