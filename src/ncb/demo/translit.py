"""Small romanisation tables for the demo names: Cyrillic (ICAO 9303 and a popular variant), Japanese
kana (the wāpuro spelling people type, ``サトウ`` -> ``SATOU``) and Hangul (Revised Romanisation).

They only need to be right for the names the demo draws; the screening engine has its own, fuller
transliteration. Every function returns upper case, as INTERPOL writes Latin names.
"""

from __future__ import annotations

# ICAO Doc 9303 Part 3, transliteration of Cyrillic (machine readable zone and visual zone).
_ICAO_CYRILLIC: dict[str, str] = {
    "а": "a", "б": "b", "в": "v", "г": "g", "ґ": "g", "д": "d", "ѓ": "g", "ђ": "d", "е": "e", "ё": "e",
    "є": "ie", "ж": "zh", "з": "z", "ѕ": "dz", "и": "i", "і": "i", "ї": "i", "й": "i", "ј": "j", "к": "k",
    "л": "l", "љ": "lj", "м": "m", "н": "n", "њ": "nj", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t",
    "ћ": "c", "ќ": "k", "у": "u", "ў": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "џ": "dz", "ш": "sh",
    "щ": "shch", "ъ": "ie", "ы": "y", "ь": "", "э": "e", "ю": "iu", "я": "ia",
    "ʼ": "", "'": "", "’": "",  # the Ukrainian and Belarusian apostrophe is left out
}

# The spelling newspapers and older passports use (BGN/PCGN-like): й -> y, я -> ya, ю -> yu, ё -> yo.
_POPULAR_CYRILLIC: dict[str, str] = {
    **_ICAO_CYRILLIC, "ё": "yo", "є": "ye", "ї": "yi", "й": "y", "ъ": "", "ю": "yu", "я": "ya",
}


def _cyrillic(text: str, table: dict[str, str]) -> str:
    out = []
    for ch in text:
        low = ch.lower()
        out.append(table.get(low, ch))
    return "".join(out).upper()


def cyrillic_icao(text: str) -> str:
    """``Сергей Воробьёв`` -> ``SERGEI VOROBEV`` (ICAO 9303)."""
    return _cyrillic(text, _ICAO_CYRILLIC)


def cyrillic_popular(text: str) -> str:
    """``Сергей Воробьёв`` -> ``SERGEY VOROBYOV`` (the common press spelling)."""
    return _cyrillic(text, _POPULAR_CYRILLIC)


_KANA: dict[str, str] = {
    "ア": "a", "イ": "i", "ウ": "u", "エ": "e", "オ": "o",
    "カ": "ka", "キ": "ki", "ク": "ku", "ケ": "ke", "コ": "ko", "ガ": "ga", "ギ": "gi", "グ": "gu", "ゲ": "ge",
    "ゴ": "go", "サ": "sa", "シ": "shi", "ス": "su", "セ": "se", "ソ": "so", "ザ": "za", "ジ": "ji", "ズ": "zu",
    "ゼ": "ze", "ゾ": "zo", "タ": "ta", "チ": "chi", "ツ": "tsu", "テ": "te", "ト": "to", "ダ": "da", "ヂ": "ji",
    "ヅ": "zu", "デ": "de", "ド": "do", "ナ": "na", "ニ": "ni", "ヌ": "nu", "ネ": "ne", "ノ": "no",
    "ハ": "ha", "ヒ": "hi", "フ": "fu", "ヘ": "he", "ホ": "ho", "バ": "ba", "ビ": "bi", "ブ": "bu", "ベ": "be",
    "ボ": "bo", "パ": "pa", "ピ": "pi", "プ": "pu", "ペ": "pe", "ポ": "po", "マ": "ma", "ミ": "mi", "ム": "mu",
    "メ": "me", "モ": "mo", "ヤ": "ya", "ユ": "yu", "ヨ": "yo", "ラ": "ra", "リ": "ri", "ル": "ru", "レ": "re",
    "ロ": "ro", "ワ": "wa", "ヲ": "o", "ン": "n", "ヴ": "vu",
}
_SMALL_Y = {"ャ": "a", "ュ": "u", "ョ": "o"}


def kana_romaji(kana: str) -> str:
    """Katakana (or hiragana) read letter by letter, long vowels as written: ``サトウ`` -> ``SATOU``,
    ``キョウスケ`` -> ``KYOUSUKE``, ``ミツル`` -> ``MITSURU``."""
    out: list[str] = []
    double_next = False
    for ch in kana:
        cp = ord(ch)
        if 0x3041 <= cp <= 0x3096:  # hiragana -> katakana
            ch = chr(cp + 0x60)
        if ch == "ッ":
            double_next = True
            continue
        if ch in _SMALL_Y and out:
            prev = out.pop()
            stem = prev[:-1] if prev.endswith("i") else prev
            out.append(stem + ("" if stem.endswith(("sh", "ch", "j")) else "y") + _SMALL_Y[ch])
            continue
        if ch == "ー":
            continue
        syllable = _KANA.get(ch, ch)
        if double_next:
            syllable = ("t" if syllable.startswith("ch") else syllable[0]) + syllable
            double_next = False
        out.append(syllable)
    return "".join(out).upper()


_HANGUL_INITIALS = ("g", "kk", "n", "d", "tt", "r", "m", "b", "pp", "s", "ss", "", "j", "jj", "ch", "k", "t",
                    "p", "h")
_HANGUL_VOWELS = ("a", "ae", "ya", "yae", "eo", "e", "yeo", "ye", "o", "wa", "wae", "oe", "yo", "u", "wo", "we",
                  "wi", "yu", "eu", "ui", "i")
_HANGUL_FINALS = ("", "k", "k", "k", "n", "n", "n", "t", "l", "k", "m", "l", "l", "l", "p", "l", "m", "p", "p",
                  "t", "t", "ng", "t", "t", "k", "t", "p", "t")


def hangul_rr(text: str) -> str:
    """Revised Romanisation, syllable by syllable (no sound-change rules): ``서연`` -> ``SEOYEON``."""
    out: list[str] = []
    for ch in text:
        index = ord(ch) - 0xAC00
        if not 0 <= index < 11172:
            out.append(ch)
            continue
        initial, rest = divmod(index, 588)
        vowel, final = divmod(rest, 28)
        lead = _HANGUL_INITIALS[initial]
        if lead == "r" and out and out[-1].endswith("l"):
            lead = "l"  # ㄹㄹ is written ll
        out.append(lead + _HANGUL_VOWELS[vowel] + _HANGUL_FINALS[final])
    return "".join(out).upper()
