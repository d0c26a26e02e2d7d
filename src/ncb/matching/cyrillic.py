"""Cyrillic names in the Latin spellings people write: ICAO 9303 (passports), BGN/PCGN, the English press
form, German and French forms, the scientific transliteration, and each language's own national system
(Ukrainian, Belarusian, Bulgarian, Serbian and Macedonian, Kazakh).

``Владимир Путин`` -> ``vladimir putin`` (ICAO), ``wladimir putin`` (German), ``vladimir poutine`` (French);
``Юрий`` -> ``iurii`` (ICAO), ``yuriy`` (BGN/PCGN), ``yuri`` (press), ``juri`` (German), ``iouri`` (French).

Each system is a letter table plus a few context rules: the iotated vowels at the start of a word or after a
vowel (``Евгений`` -> ``yevgeny``), name endings (``-ий`` -> ``-y``/``-i``, ``-ия`` -> ``-ia``) and, in German
and French, ``с`` between vowels doubled so it is not read as z. Table-driven, a few tens of microseconds.
"""

from __future__ import annotations

import re
from functools import lru_cache

Candidate = tuple[str, str, float, bool | None]

_VOWELS = frozenset("аеёиоуыэюяіїєўәөұүи")
_SOFT_HARD = frozenset("ьъ'’ʼ")

# ICAO Doc 9303 Part 3 table (machine-readable zone), which covers the letters of every Slavic alphabet.
_ICAO: dict[str, str] = {
    "а": "a", "б": "b", "в": "v", "г": "g", "ґ": "g", "д": "d", "ѓ": "g", "ђ": "d", "е": "e", "ё": "e",
    "є": "ie", "ж": "zh", "з": "z", "ѕ": "dz", "и": "i", "і": "i", "ї": "i", "й": "i", "ј": "j", "к": "k",
    "л": "l", "љ": "lj", "м": "m", "н": "n", "њ": "nj", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t",
    "ћ": "c", "ќ": "k", "у": "u", "ў": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "џ": "dz", "ш": "sh",
    "щ": "shch", "ъ": "ie", "ы": "y", "ь": "", "э": "e", "ю": "iu", "я": "ia",
    # Kazakh and other letters ICAO does not list: their usual plain forms
    "ә": "a", "ғ": "g", "қ": "k", "ң": "n", "ө": "o", "ұ": "u", "ү": "u", "һ": "h",
    "'": "", "’": "", "ʼ": "",  # the Ukrainian and Belarusian apostrophe is left out
}

_BGN: dict[str, str] = {
    **_ICAO, "ё": "e", "й": "y", "ъ": "", "ы": "y", "ю": "yu", "я": "ya", "є": "ye", "ї": "yi",
}
_BGN_INITIAL = {"е": "ye", "ё": "ye", "ю": "yu", "я": "ya", "є": "ye"}

_PRESS: dict[str, str] = {
    **_ICAO, "ё": "yo", "й": "y", "ъ": "", "ы": "y", "ю": "yu", "я": "ya", "є": "ye", "ї": "yi",
}
_PRESS_INITIAL = {"е": "ye", "ё": "yo", "ю": "yu", "я": "ya", "є": "ye"}

_GERMAN: dict[str, str] = {
    **_ICAO, "в": "w", "е": "e", "ё": "jo", "ж": "sch", "з": "s", "й": "j", "х": "ch", "ц": "z", "ч": "tsch",
    "ш": "sch", "щ": "schtsch", "ъ": "", "ы": "y", "ю": "ju", "я": "ja", "є": "je", "ї": "ji",
}
_GERMAN_INITIAL = {"е": "je", "ё": "jo", "ю": "ju", "я": "ja"}

_FRENCH: dict[str, str] = {
    **_ICAO, "ё": "io", "ж": "j", "й": "i", "у": "ou", "х": "kh", "ц": "ts", "ч": "tch", "ш": "ch",
    "щ": "chtch", "ъ": "", "ы": "y", "ю": "iou", "я": "ia", "є": "ie",
}
_FRENCH_INITIAL = {"е": "ie", "ю": "iou", "я": "ia"}

# ISO 9 / scientific transliteration with its diacritics stripped (ž -> z, č -> c, š -> s).
_SCIENTIFIC: dict[str, str] = {
    **_ICAO, "ё": "e", "ж": "z", "й": "j", "х": "h", "ц": "c", "ч": "c", "ш": "s", "щ": "sc", "ъ": "",
    "ы": "y", "ю": "ju", "я": "ja", "є": "je", "ї": "ji",
}

# Ukrainian national system (2010 resolution; used in Ukrainian passports): г -> h, и -> y.
_UKRAINIAN: dict[str, str] = {
    **_ICAO, "г": "h", "ґ": "g", "е": "e", "є": "ie", "и": "y", "і": "i", "ї": "i", "й": "i", "х": "kh",
    "ю": "iu", "я": "ia", "ь": "", "ъ": "",
}
_UKRAINIAN_INITIAL = {"є": "ye", "ї": "yi", "й": "y", "ю": "yu", "я": "ya"}
_UKRAINIAN_PRESS: dict[str, str] = {**_UKRAINIAN, "є": "ye", "ї": "yi", "й": "y", "ю": "yu", "я": "ya"}

_BELARUSIAN: dict[str, str] = {
    **_ICAO, "г": "h", "ў": "w", "і": "i", "е": "ie", "ё": "io", "ю": "iu", "я": "ia", "й": "j", "х": "kh",
    "ь": "", "ъ": "",
}
_BELARUSIAN_INITIAL = {"е": "ye", "ё": "yo", "ю": "yu", "я": "ya"}
_BELARUSIAN_PRESS: dict[str, str] = {**_BELARUSIAN, "е": "e", "ё": "yo", "ю": "yu", "я": "ya", "й": "y",
                                     "ў": "u"}

# Bulgarian official system (2009 law): ъ -> a, щ -> sht, х -> h.
_BULGARIAN: dict[str, str] = {
    **_ICAO, "ж": "zh", "й": "y", "х": "h", "ц": "ts", "щ": "sht", "ъ": "a", "ь": "y", "ю": "yu", "я": "ya",
}

# Serbian and Macedonian Latin (Gaj's alphabet, diacritics stripped), and the English-friendly variant.
_SERBIAN: dict[str, str] = {
    **_ICAO, "ђ": "dj", "ж": "z", "ј": "j", "љ": "lj", "њ": "nj", "ћ": "c", "х": "h", "ц": "c", "ч": "c",
    "џ": "dz", "ш": "s", "ѓ": "gj", "ќ": "kj", "ѕ": "dz", "й": "j",
}
_SERBIAN_ENGLISH: dict[str, str] = {**_SERBIAN, "ж": "zh", "ћ": "ch", "ч": "ch", "ш": "sh", "џ": "dj",
                                    "ђ": "dj"}
_SERBIAN_PLAIN: dict[str, str] = {**_SERBIAN, "ђ": "d", "џ": "dz"}

# Kazakh: the forms of its own letters people write in passports and the press.
_KAZAKH: dict[str, str] = {
    **_PRESS, "ә": "a", "ғ": "g", "қ": "k", "ң": "n", "ө": "o", "ұ": "u", "ү": "u", "һ": "h", "і": "i",
    "х": "kh",
}
_KAZAKH_LATIN: dict[str, str] = {
    **_KAZAKH, "ә": "ae", "ғ": "gh", "қ": "q", "ң": "ng", "ө": "oe", "ұ": "u", "ү": "ue",
}


class _System:
    """One romanisation: a letter table applied with ``str.translate``, after regular-expression passes for
    the endings, the iotated vowels at the start of a word or after a vowel, ``с`` between vowels (German
    and French: ss) and ``кс`` (English: x)."""

    __slots__ = ("name", "weight", "_table", "_endings", "_ending_re", "_initial", "_initial_keys", "_initial_re",
                 "_double_s", "_ks")

    def __init__(self, name: str, weight: float, table: dict[str, str], initial: dict[str, str] | None = None,
                 endings: tuple[tuple[str, str], ...] = (), double_s: bool = False, ks: bool = False) -> None:
        self.name = name
        self.weight = weight
        self._table = str.maketrans(table)
        self._endings = dict(endings)
        self._ending_re = (re.compile(r"(?<=\w\w)(" + "|".join(self._endings) + r")\b") if endings else None)
        self._initial = initial or {}
        self._initial_keys = frozenset(self._initial)
        vowels = "".join(sorted(_VOWELS | _SOFT_HARD))
        self._initial_re = (re.compile(f"(?:^|(?<=[\\s{vowels}]))([{''.join(self._initial)}])")
                            if initial else None)
        self._double_s = double_s
        self._ks = ks

    def apply(self, text: str) -> str:
        """The romanisation of lower-case Cyrillic text (words separated by spaces)."""
        if self._ending_re is not None:
            text = self._ending_re.sub(lambda m: self._endings[m.group(1)], text)
        if self._initial_re is not None and not self._initial_keys.isdisjoint(text):
            text = self._initial_re.sub(lambda m: self._initial[m.group(1)], text)
        if self._double_s and "с" in text:
            text = _DOUBLE_S.sub("ss", text)
        if self._ks and "кс" in text:
            text = text.replace("кс", "x")
        out = text.translate(self._table)
        return out if out.isascii() else _fallback(out)


_DOUBLE_S = re.compile(f"(?<=[{''.join(sorted(_VOWELS))}])с(?=[{''.join(sorted(_VOWELS))}])")

_RU_PRESS_ENDINGS = (("ий", "y"), ("ый", "y"), ("ия", "ia"), ("ья", "ya"), ("ье", "ye"))
_RU_COMMON_ENDINGS = (("ий", "i"), ("ый", "y"), ("ия", "ia"), ("ья", "ia"))

_RUSSIAN = (
    _System("icao9303", 1.0, _ICAO),
    _System("press", 0.95, _PRESS, _PRESS_INITIAL, _RU_PRESS_ENDINGS),
    _System("common", 0.93, _PRESS, None, _RU_COMMON_ENDINGS),
    _System("bgn-pcgn", 0.9, _BGN, _BGN_INITIAL),
    _System("english", 0.85, _PRESS, None, _RU_COMMON_ENDINGS, ks=True),
    _System("german", 0.8, _GERMAN, _GERMAN_INITIAL, (("ий", "i"), ("ия", "ija")), double_s=True),
    _System("french", 0.8, _FRENCH, _FRENCH_INITIAL, (("ий", "i"), ("ия", "ia"), ("ин", "ine")), double_s=True),
    _System("scientific", 0.6, _SCIENTIFIC),
)
_UKRAINIAN_SYSTEMS = (
    _System("ukrainian", 1.0, _UKRAINIAN, _UKRAINIAN_INITIAL),
    _System("press", 0.95, _UKRAINIAN_PRESS, None, (("ія", "ia"), ("ій", "iy"))),
    _System("icao9303", 0.9, _ICAO),
    _System("common", 0.88, _UKRAINIAN_PRESS, None, (("ія", "ia"), ("ій", "i"), ("ия", "ia"))),
    _System("russian-style", 0.8, {**_PRESS, "і": "i", "ї": "yi", "є": "ye", "и": "y", "г": "g"}, _PRESS_INITIAL,
            (("ія", "ia"), ("ій", "i"))),
    _System("german", 0.75, {**_GERMAN, "г": "h", "и": "y", "і": "i", "ї": "ji", "є": "je"}, _GERMAN_INITIAL,
            double_s=True),
    _System("french", 0.75, {**_FRENCH, "г": "h", "и": "y", "і": "i", "ї": "ii", "є": "ie"}, _FRENCH_INITIAL,
            double_s=True),
    _System("scientific", 0.6, {**_SCIENTIFIC, "г": "h", "и": "y", "і": "i"}),
)
_BELARUSIAN_SYSTEMS = (
    _System("belarusian", 1.0, _BELARUSIAN, _BELARUSIAN_INITIAL),
    _System("press", 0.95, _BELARUSIAN_PRESS, _PRESS_INITIAL, (("ія", "ia"),)),
    _System("icao9303", 0.9, _ICAO),
    _System("bgn-pcgn", 0.85, {**_BGN, "г": "h", "ў": "w"}, _BGN_INITIAL),
    _System("german", 0.75, {**_GERMAN, "г": "h", "ў": "w"}, _GERMAN_INITIAL, double_s=True),
    _System("french", 0.75, {**_FRENCH, "г": "h", "ў": "w"}, _FRENCH_INITIAL, double_s=True),
)
_BULGARIAN_SYSTEMS = (
    _System("bulgarian", 1.0, _BULGARIAN, None, (("ия", "ia"),)),
    _System("icao9303", 0.95, _ICAO),
    _System("bgn-pcgn", 0.85, {**_BGN, "щ": "sht", "ъ": "a", "х": "h"}),
    _System("german", 0.75, {**_GERMAN, "щ": "scht", "ъ": "a"}, double_s=True),
    _System("french", 0.75, {**_FRENCH, "щ": "cht", "ъ": "a"}, double_s=True),
)
_SERBIAN_SYSTEMS = (
    _System("serbian", 1.0, _SERBIAN),
    _System("serbian-english", 0.95, _SERBIAN_ENGLISH),
    _System("serbian-plain", 0.9, _SERBIAN_PLAIN),
    _System("icao9303", 0.85, _ICAO),
)
_KAZAKH_SYSTEMS = (
    _System("kazakh", 1.0, _KAZAKH, _PRESS_INITIAL),
    _System("icao9303", 0.95, _ICAO),
    _System("kazakh-latin", 0.85, _KAZAKH_LATIN, _PRESS_INITIAL),
    _System("bgn-pcgn", 0.85, {**_BGN, **{k: v for k, v in _KAZAKH.items() if k in "әғқңөұүһ"}}, _BGN_INITIAL),
    _System("german", 0.7, _GERMAN, _GERMAN_INITIAL, double_s=True),
)

# The English forms of frequent Russian (and Ukrainian) given names, which no letter table produces.
_ENGLISH_GIVEN: dict[str, tuple[str, ...]] = {
    "александр": ("alexander", "alexandr"), "алексей": ("alexei", "alexey"), "андрей": ("andrei", "andrey"),
    "дмитрий": ("dmitri", "dmitry"), "сергей": ("sergei", "sergey"), "евгений": ("yevgeny", "evgeny", "eugene"),
    "михаил": ("mikhail", "michael"), "николай": ("nikolai", "nicholas"), "пётр": ("pyotr", "peter"),
    "петр": ("pyotr", "peter"), "павел": ("pavel", "paul"), "юрий": ("yuri", "yury"), "григорий": ("grigory",),
    "георгий": ("georgy", "george"), "фёдор": ("fyodor", "fedor"), "федор": ("fyodor", "fedor"),
    "виктор": ("victor",), "максим": ("maxim",), "ксения": ("ksenia", "xenia"), "елена": ("elena", "helen"),
    "екатерина": ("ekaterina", "yekaterina", "catherine"), "наталья": ("natalia", "natalya"),
    "наталия": ("natalia",), "татьяна": ("tatiana", "tatyana"), "юлия": ("yulia", "julia"),
    "мария": ("maria",), "анастасия": ("anastasia",), "ольга": ("olga",), "людмила": ("lyudmila", "ludmila"),
    "дарья": ("daria", "darya"), "софья": ("sofia", "sophia"), "анатолий": ("anatoly",),
    "василий": ("vasily", "vasili"), "аркадий": ("arkady",), "геннадий": ("gennady",), "валерий": ("valery",),
    "иосиф": ("joseph", "iosif"), "яков": ("yakov", "jacob"), "илья": ("ilya",), "лев": ("lev", "leo"),
    "олександр": ("oleksandr", "alexander"), "володимир": ("volodymyr", "vladimir"),
    "юлія": ("yulia", "yuliia"), "микола": ("mykola", "nicholas"), "дмитро": ("dmytro",),
}


def cyrillic_forms(text: str) -> list[Candidate]:
    """Every system's spelling of the whole name, the language's own systems first."""
    return list(_forms(text))


@lru_cache(maxsize=65536)
def _forms(text: str) -> tuple[Candidate, ...]:
    words = text.lower().replace("-", " ").replace("’", "'").replace("ʼ", "'").split()
    if not words:
        return ()
    systems = _systems_for("".join(words))
    out: list[Candidate] = []
    joined = " ".join(words)
    for system in systems:
        out.append((system.apply(joined), system.name, system.weight, None))
    if systems is _RUSSIAN or systems is _UKRAINIAN_SYSTEMS:
        english = [_ENGLISH_GIVEN.get(w) for w in words]
        if any(english):
            press = systems[1]
            for k in range(max(len(e) for e in english if e)):
                parts = [e[min(k, len(e) - 1)] if e else press.apply(w) for w, e in zip(words, english, strict=True)]
                out.append((" ".join(parts), "english", 0.92 - 0.05 * k, None))
    return tuple(out)


def _systems_for(letters: str) -> tuple[_System, ...]:
    """The language from its letters: і ї є ґ Ukrainian, ў Belarusian, ђ ј љ њ ћ џ Serbian or Macedonian,
    ә ғ қ ң ө ұ ү һ Kazakh, ъ before a consonant Bulgarian; otherwise Russian."""
    chars = set(letters)
    if chars & set("әғқңөұүһ"):
        return _KAZAKH_SYSTEMS
    if "ў" in chars:
        return _BELARUSIAN_SYSTEMS
    if chars & set("ђјљњћџѓќѕ"):
        return _SERBIAN_SYSTEMS
    if chars & set("іїєґ"):
        return _UKRAINIAN_SYSTEMS
    if "ъ" in chars:
        for i, ch in enumerate(letters):
            if ch == "ъ" and (i + 1 == len(letters) or letters[i + 1] not in "еёюя"):
                return _BULGARIAN_SYSTEMS
    return _RUSSIAN


def _fallback(ch: str) -> str:
    from anyascii import anyascii

    return str(anyascii(ch))
