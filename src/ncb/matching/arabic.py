"""Arabic names in the Latin spellings people really write.

Arabic script leaves the short vowels out, so a letter table alone gives ``mhmd``; what a passport or a
notice says is ``Mohammed``, ``Muhammad`` or ``Mohamed``. So the frequent names come from a table
(``data.arabic_names``, most frequent spelling first); the compounds are built from their parts (عبد الرحمن
-> abdulrahman, abdel rahman, abd al rahman, abdurrahman; نور الدين -> nureddin, noureddine, nur al din);
the article comes with and without itself (الحسن -> al hassan, alhassan, hassan, el hassan); the particles
have their variants (بن bin/ben/ibn, أبو abu/abou); and an unknown word gets a consonant transliteration
with a guessed short vowel ``a`` (or ``e``) between consonants, and its bare skeleton.

The forms of a whole name take the i-th spelling of every word together (the common spellings together,
then the next ones), which keeps their number small and their order sensible.
"""

from __future__ import annotations

from functools import cache, lru_cache

from ncb.matching.data.arabic_names import ABD_NAMES, DIN_NAMES, GIVEN_NAMES, PARTICLES, SPECIAL_COMPOUNDS

Candidate = tuple[str, str, float, bool | None]

_FOLD = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه", "ؤ": "و", "ئ": "ي", "ک": "ك",
                       "ی": "ي", "ۀ": "ه", "ە": "ه", "ـ": None, "\u200c": None, "\u200d": None})
_MARKS = frozenset(chr(c) for c in (*range(0x064B, 0x0660), 0x0670, *range(0x06D6, 0x06EE)))

_CONSONANT = {"ب": "b", "ت": "t", "ث": "th", "ج": "j", "ح": "h", "خ": "kh", "د": "d", "ذ": "dh", "ر": "r",
              "ز": "z", "س": "s", "ش": "sh", "ص": "s", "ض": "d", "ط": "t", "ظ": "z", "غ": "gh", "ف": "f",
              "ق": "q", "ك": "k", "ل": "l", "م": "m", "ن": "n", "ه": "h", "پ": "p", "چ": "ch", "ژ": "zh",
              "گ": "g", "ڤ": "v", "ڨ": "g"}
_LONG = frozenset("اوي")
_SUN = frozenset("تثدذرزسشصضطظلن")


def normalise(word: str) -> str:
    """Drop vowel marks and tatweel; fold hamza seats, alif maqsura, ta marbuta and Persian letters."""
    return "".join(ch for ch in word if ch not in _MARKS).translate(_FOLD)


@cache
def _tables() -> tuple[dict[str, tuple[str, ...]], dict[str, tuple[str, ...]], dict[str, tuple[str, ...]],
                       dict[str, tuple[str, ...]], dict[str, tuple[str, ...]]]:
    def fold(table: dict[str, tuple[str, ...]]) -> dict[str, tuple[str, ...]]:
        out: dict[str, tuple[str, ...]] = {}
        for key, spellings in table.items():
            out.setdefault(normalise(key), spellings)
        return out

    return fold(GIVEN_NAMES), fold(PARTICLES), fold(ABD_NAMES), fold(DIN_NAMES), fold(SPECIAL_COMPOUNDS)


def arabic_forms(text: str) -> list[Candidate]:
    return list(_forms(text))


@lru_cache(maxsize=65536)
def _forms(text: str) -> tuple[Candidate, ...]:
    words = [normalise(w) for w in text.replace("-", " ").replace("،", " ").split()]
    words = [w for w in words if w]
    if not words:
        return ()
    variants: list[tuple[str, ...]] = []
    units: list[tuple[str, bool]] = []
    for unit in _units(words):
        spellings, from_table = _unit_spellings(unit)
        units.append((unit, from_table))
        variants.append(spellings)
    known = all(from_table for _, from_table in units)
    system = "arabic-common" if known else "arabic-translit"
    base = 1.0 if known else 0.85
    depth = max(len(v) for v in variants)
    out: list[Candidate] = []
    for j in range(depth):
        form = " ".join(v[min(j, len(v) - 1)] for v in variants)
        out.append((form, system, base - 0.05 * j, None))
    if not known:  # the letters alone, short vowels left out: a key for unknown words, not a spelling
        skeleton = " ".join(v[0] if from_table else _translit(_strip_article(unit), "", "")
                            for v, (unit, from_table) in zip(variants, units, strict=True))
        out.append((skeleton, "arabic-skeleton", 0.4, None))
    return tuple(out)


def _strip_article(unit: str) -> str:
    return unit[2:] if unit.startswith("ال") and len(unit) > 3 else unit


def _units(words: list[str]) -> list[str]:
    """Join the words that make one name: ``عبد الله``, ``نور الدين``; split ``عبدالرحمن`` and ``نورالدين``."""
    split: list[str] = []
    for w in words:
        if w.startswith("عبدال") and len(w) > 5:
            split.extend(("عبد", w[3:]))
        elif w.endswith("الدين") and len(w) > 5:
            split.extend((w[:-5], "الدين"))
        else:
            split.append(w)
    units: list[str] = []
    i = 0
    while i < len(split):
        w = split[i]
        nxt = split[i + 1] if i + 1 < len(split) else None
        if w == "عبد" and nxt is not None and nxt.startswith("ال"):
            units.append(f"عبد {nxt}")
            i += 2
        elif nxt == "الدين" or (nxt == "العابدين" and w == "زين"):
            units.append(f"{w} {nxt}")
            i += 2
        else:
            units.append(w)
            i += 1
    return units


def _unit_spellings(unit: str) -> tuple[tuple[str, ...], bool]:
    given, particles, abd, din, special = _tables()
    if unit in special:
        return special[unit], True
    if unit in given:
        return given[unit], True
    if unit in particles:
        return particles[unit], True
    if unit.startswith("عبد "):
        second = unit[4:]
        names, known = (abd[second], True) if second in abd else (_guesses(second[2:]), False)
        return _abd_forms(names, second[2:3] in _SUN), known
    if unit.endswith(" الدين"):
        first = unit[:-6]
        names, known = (din[first], True) if first in din else (given.get(first) or _guesses(first), first in given)
        return _din_forms(names), known
    if unit.startswith("ال") and len(unit) > 3:
        rest = unit[2:]
        names, known = (given[rest], True) if rest in given else (_guesses(rest), False)
        return _article_forms(names, rest[0] in _SUN), known
    return _guesses(unit), False


def _abd_forms(names: tuple[str, ...], sun: bool) -> tuple[str, ...]:
    out: list[str] = []
    for x in names:
        out += [f"abdul{x}", f"abdel{x}", f"abd al {x}", f"abdul {x}"]
        if sun:
            out.append(f"abdu{_first_consonant(x)}{x}")
        out += [f"abd el {x}", f"abd {x}"]
    return tuple(dict.fromkeys(out))


def _din_forms(names: tuple[str, ...]) -> tuple[str, ...]:
    out: list[str] = []
    for x in names:
        out += [f"{x}uddin", f"{x}eddine", f"{x} al din", f"{x} eddine", f"{x} ad din", f"{x}eddin"]
    return tuple(dict.fromkeys(out))


def _article_forms(names: tuple[str, ...], sun: bool) -> tuple[str, ...]:
    x0 = names[0]
    out = [f"al {x0}", f"al{x0}", x0, f"el {x0}"]
    for x in names[1:]:
        out += [f"al {x}", x]
    if sun:
        out.append(f"a{_first_consonant(x0)} {x0}")
    return tuple(dict.fromkeys(out))


def _first_consonant(latin: str) -> str:
    return latin[:2] if latin[:2] in ("sh", "th", "dh", "kh", "gh") else latin[:1]


def _guesses(word: str) -> tuple[str, ...]:
    """An unknown word: a short ``a`` guessed between consonants, and the same with ``e`` after the first
    syllable."""
    if not word:
        return ("",)
    return tuple(dict.fromkeys((_translit(word, "a", "a"), _translit(word, "a", "e"))))


def _translit(word: str, first_vowel: str, later_vowel: str) -> str:
    """Letter by letter; with a vowel given, it goes after a consonant followed by another consonant,
    never twice running (CaCC, not CaCaC): كريم -> karim, حمزه -> hamza, جعفر -> jafar."""
    out: list[str] = []
    last = len(word) - 1
    inserted = 0
    just_inserted = False
    for i, ch in enumerate(word):
        prev = word[i - 1] if i else ""
        nxt = word[i + 1] if i < last else ""
        if ch == "ا":
            out.append("a")
            just_inserted = False
            continue
        if ch == "و" and not (i == 0 or nxt in _LONG or prev == "ا"):
            out.append("ou" if later_vowel == "e" else "u")
            just_inserted = False
            continue
        if ch == "ي" and not (i == 0 or nxt in _LONG or prev == "ا"):
            out.append("i")
            just_inserted = False
            continue
        if ch == "ء":
            continue
        if ch == "ه" and i == last and i > 0 and prev not in _LONG:
            out.append("a" if first_vowel else "h")
            continue
        out.append({"و": "w", "ي": "y", "ع": ""}.get(ch) or _CONSONANT.get(ch, ""))
        final_ta = i + 1 == last and nxt == "ه"
        if first_vowel and nxt and nxt not in _LONG and not final_ta and not just_inserted:
            out.append(first_vowel if inserted == 0 else later_vowel)
            inserted += 1
            just_inserted = True
        else:
            just_inserted = False
    return "".join(out)
