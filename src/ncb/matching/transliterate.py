"""Latin forms of a name in any script: the spellings a border officer may meet on a passport or a notice.

``latin_forms("Путин")`` gives ``putin`` (ICAO 9303), ``poutine`` (French), ...; ``latin_forms("山田太郎")`` gives
``yamada taro`` and its variants; each form says how it was made (``system``) and how plausible it is
(``weight``). Every ``text`` holds lower-case ASCII letters and single spaces only, one token per name part.

The work per script lives beside this module (``japanese``, ``chinese``, ``cyrillic``, ``arabic``,
``korean``); they return ``(text, system, weight, family_first)`` candidates and this module cleans,
orders and de-duplicates them. Dictionaries (unidic-lite through fugashi, Faker's ``ja_JP`` name tables,
pypinyin's) are loaded at first use, never at import.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import NamedTuple

from ncb.domain.names import Script, detect_script
from ncb.matching import arabic, chinese, cyrillic, japanese, korean

Candidate = tuple[str, str, float, bool | None]
"""``(text, system, weight, family_first)``: what the per-script modules return."""


class LatinForm(NamedTuple):
    """One Latin spelling of a name: ``text`` (``[a-z ]``, name parts as tokens), the ``system`` that made it,
    its plausibility ``weight`` (1.0 for the most standard form) and whether the tokens are family name
    first (``True`` for CJK and Hangul names, ``None`` when unknown). A named tuple: made and compared in C (a
    screening process keeps many thousands of them)."""

    text: str
    system: str
    weight: float
    family_first: bool | None = None


def latin_forms(text: str, script: Script | None = None, *, limit: int = 8) -> tuple[LatinForm, ...]:
    """The Latin forms of one written name, most plausible first, de-duplicated by text, at most ``limit``.

    ``script`` is detected when not given. Han-only text may be Japanese or Chinese: both readings come
    back, the more likely language first. Empty or letterless input gives an empty tuple.
    """
    if limit <= 0:
        return ()
    if script is None:
        script = _detect_script(text)
    if script is Script.LATIN or (script is Script.OTHER and text.isascii()):
        return _latin_forms(text, limit)
    return _forms_cached(text, script, limit)


# The scripts whose letters sit in one block, recognised without looking each letter up (``detect_script``
# takes about 1 µs a letter); anything else goes to ``detect_script``.
_SINGLE_BLOCK = (
    (re.compile("[\u0400-\u052f\\s'’ʼ.,-]+"), Script.CYRILLIC),
    (re.compile("[\u0600-\u06ff\u0750-\u077f\\s.,-]+"), Script.ARABIC),
    (re.compile("[\uac00-\ud7a3\\s.,-]+"), Script.HANGUL),
)


def _detect_script(text: str) -> Script:
    if text.isascii():
        return Script.LATIN if any(ch.isalpha() for ch in text) else Script.OTHER
    for pattern, script in _SINGLE_BLOCK:
        if pattern.fullmatch(text) and any(ch.isalpha() for ch in text):
            return script
    return detect_script(text)


# ---------------------------------------------------------------------------------------------- Latin

_APOSTROPHES = "'`´ʼʻ’‘"
_HYPHENS = "-‐‑‒–—―"
# Letters that NFKD does not split into a base letter and a mark.
_SPECIAL_LETTERS = str.maketrans({
    **{ch: "'" for ch in _APOSTROPHES}, **{ch: "-" for ch in _HYPHENS},
    "ß": "ss", "ẞ": "ss", "æ": "ae", "Æ": "ae", "œ": "oe", "Œ": "oe", "ø": "o", "Ø": "o", "đ": "d", "Đ": "d",
    "ł": "l", "Ł": "l", "þ": "th", "Þ": "th", "ð": "d", "Ð": "d", "ı": "i", "ħ": "h", "Ħ": "h", "ŀ": "l",
    "Ŀ": "l", "ŧ": "t", "Ŧ": "t", "ƒ": "f", "ŋ": "ng", "Ŋ": "ng", "ĸ": "k", "ſ": "s", "ə": "a", "Ə": "a",
    "ɨ": "i", "ʉ": "u", "ɛ": "e", "ɔ": "o",
})
# German (and Scandinavian) spellings of the letters with an umlaut or a ring: Müller -> Mueller.
_UMLAUT_E = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "ae", "Ö": "oe", "Ü": "ue", "å": "aa",
                           "Å": "aa", "ø": "oe", "Ø": "oe"})
_UMLAUTS = frozenset("äöüÄÖÜåÅøØ")
_COMBINING = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")

# ASCII: every byte that is not a letter becomes a space, except apostrophes (removed) and hyphens (kept for
# the variant pass); letters are lower-cased in the same step.
_ASCII_MAIN = str.maketrans({
    **{chr(c): " " for c in range(128) if not chr(c).isalpha()},
    **{chr(c): chr(c).lower() for c in range(65, 91)},
    "'": "", "`": "",
})


def _latin_forms(text: str, limit: int) -> tuple[LatinForm, ...]:
    if text.isascii():
        main = " ".join(text.translate(_ASCII_MAIN).split())
        if not main:
            return ()
        first = LatinForm(main, "latin", 1.0)
        if limit == 1 or not any(ch in text for ch in "'-`"):
            return (first,)
        return _with_punctuation_variants(first, text.lower(), limit)
    return _latin_unicode(text, limit)


def _latin_unicode(text: str, limit: int) -> tuple[LatinForm, ...]:
    text = unicodedata.normalize("NFKC", text)
    folded = ascii_fold(text)
    main = " ".join(folded.translate(_ASCII_MAIN).split())
    if not main:
        return ()
    first = LatinForm(main, "latin" if folded == text else "latin-ascii-fold", 1.0)
    umlaut = ""
    if not _UMLAUTS.isdisjoint(text):
        umlaut = " ".join(ascii_fold(text.translate(_UMLAUT_E)).translate(_ASCII_MAIN).split())
    if limit == 1 or (not umlaut and "'" not in folded and "-" not in folded):
        return (first,)
    forms = [first]
    if umlaut and umlaut != main:
        forms.append(LatinForm(umlaut, "latin-umlaut-e", 0.95))
    if "'" in folded or "-" in folded:
        extra = _with_punctuation_variants(first, folded.lower(), limit)[1:]
        forms.extend(LatinForm(f.text, f.system, f.weight - 0.01) for f in extra)
    return _finish_forms(forms, limit)


def _with_punctuation_variants(first: LatinForm, lowered: str, limit: int) -> tuple[LatinForm, ...]:
    """O'Brien -> ``obrien`` (given), ``o brien``; Jean-Pierre -> ``jean pierre`` (given), ``jeanpierre``."""
    forms = [first]
    if "'" in lowered or "`" in lowered:
        spaced = clean(lowered.replace("'", " ").replace("`", " ").replace("-", " "))
        forms.append(LatinForm(spaced, "latin-apostrophe-space", 0.9))
    if "-" in lowered:
        joined = clean(lowered.replace("'", "").replace("`", "").replace("-", ""))
        forms.append(LatinForm(joined, "latin-hyphen-joined", 0.85))
    return _finish_forms(forms, limit)


def ascii_fold(text: str) -> str:
    """Strip diacritics and spell special letters in ASCII (``Müller`` -> ``Muller``, ``Łódź`` -> ``Lodz``).

    Apostrophes and hyphens come back as ``'`` and ``-``; anything left that is not ASCII goes through
    anyascii.
    """
    text = _COMBINING.sub("", unicodedata.normalize("NFKD", text.translate(_SPECIAL_LETTERS)))
    if text.isascii():
        return text
    return "".join(ch if ch.isascii() else _anyascii(ch) for ch in text if not unicodedata.combining(ch))


def clean(text: str) -> str:
    """Lower-case letters and single spaces: apostrophes are dropped, anything else becomes a space."""
    if text.isascii():
        if not (text.islower() and text.replace(" ", "").isalpha() and "  " not in text):
            text = " ".join(text.translate(_ASCII_MAIN).split())
        return text.strip(" ")
    return " ".join(ascii_fold(text).translate(_ASCII_MAIN).split())


# ------------------------------------------------------------------------------------------ other scripts


@lru_cache(maxsize=65536)
def _forms_cached(text: str, script: Script, limit: int) -> tuple[LatinForm, ...]:
    text = unicodedata.normalize("NFKC", text).strip()
    if not text:
        return ()
    candidates: list[Candidate]
    if script in (Script.HAN, Script.JAPANESE, Script.HIRAGANA, Script.KATAKANA):
        candidates = _cjk_candidates(text, script)
    elif script is Script.CYRILLIC:
        candidates = cyrillic.cyrillic_forms(text)
    elif script is Script.ARABIC:
        candidates = arabic.arabic_forms(text)
    elif script is Script.HANGUL:
        candidates = korean.korean_forms(text)
    else:
        candidates = []
    if not candidates:
        candidates = [(_anyascii(text), "anyascii", 0.5, None)]
    return _finish(candidates, limit)


def _cjk_candidates(text: str, script: Script) -> list[Candidate]:
    if script in (Script.HIRAGANA, Script.KATAKANA) or (script is Script.JAPANESE and not _has_han(text)):
        return japanese.kana_forms(text)
    if script is Script.JAPANESE:
        return japanese.kanji_forms(text)
    # Han only: Japanese or Chinese. Both come back, the likelier language at full weight.
    japanese_likelihood = japanese.japanese_likelihood(text)
    # characters only one of the two languages writes (习, 泽 / 沢, 々) settle it
    ja = japanese.kanji_forms(text) if japanese_likelihood > 0.1 else []
    zh = chinese.chinese_forms(text) if japanese_likelihood < 0.95 or not ja else []
    ja_factor = 1.0 if japanese_likelihood >= 0.5 else 0.6 + 0.6 * japanese_likelihood
    zh_factor = 1.0 if japanese_likelihood < 0.5 else 1.2 - 0.6 * japanese_likelihood
    return [(t, s, w * ja_factor, f) for t, s, w, f in ja] + [(t, s, w * zh_factor, f) for t, s, w, f in zh]


def _has_han(text: str) -> bool:
    return any(japanese.is_han(ch) for ch in text)


def _finish(candidates: list[Candidate], limit: int) -> tuple[LatinForm, ...]:
    """Clean every text, keep the best-weighted form of each text (stable for equal weights), cut to limit."""
    best: dict[str, tuple[float, int, str, bool | None]] = {}
    for order, (text, system, weight, family_first) in enumerate(candidates):
        cleaned = clean(text)
        if not cleaned:
            continue
        weight = round(max(0.0, min(1.0, weight)), 4)
        seen = best.get(cleaned)
        if seen is None or weight > seen[0]:
            best[cleaned] = (weight, order, system, family_first)
    ranked = sorted(best.items(), key=lambda kv: (-kv[1][0], kv[1][1]))[:limit]
    if not ranked:
        return ()
    top = ranked[0][1][0]
    scale = 1.0 if top <= 0.0 or ranked[0][1][2] == "anyascii" else 1.0 / top  # the best form weighs 1.0
    return tuple(LatinForm(text, system, round(min(1.0, weight * scale), 4), family_first)
                 for text, (weight, _, system, family_first) in ranked)


def _finish_forms(forms: list[LatinForm], limit: int) -> tuple[LatinForm, ...]:
    seen: set[str] = set()
    out: list[LatinForm] = []
    for form in sorted(forms, key=lambda f: -f.weight):
        if form.text not in seen:
            seen.add(form.text)
            out.append(form)
    return tuple(out[:limit])


def _anyascii(text: str) -> str:
    from anyascii import anyascii

    return str(anyascii(text))
