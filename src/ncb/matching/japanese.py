"""Japanese names in Latin letters.

Kanji names get their readings from a name dictionary: a short table of surnames with several readings
written here (大谷 Ōtani and Ōya), Faker's ``ja_JP`` names with their kana, then MeCab (fugashi over
unidic-lite), whose N-best parses give every reading the dictionary knows for a name part (博文 Hakubun and
Hirobumi). An unspaced name (山田太郎) is cut after the longest known surname, else where MeCab's parses put
the end of a surname (姓) or the start of a given name (名).

Kana become Hepburn with the variants people write: the passport form (long vowels dropped: Ōtani -> otani,
Shōhei -> shohei, ん before b/m/p -> m), the word-processor form as the kana are typed (ootani, shouhei),
``oh`` (ohtani, satoh), doubled vowels (ootani, shoohei) and Kunrei-shiki (si, ti, tu, hu, zi, sya).
Katakana of foreign names also get English-like forms that drop the vowels Japanese adds after a consonant
and spell the rest as English would (スミス -> smis, smith; ロバート -> robart; マイケル -> mikel, maikel), with
r written l and b written v as variants. On 136 foreign names in katakana, the best form reaches a rapidfuzz
ratio of 80 with the Latin spelling for 81% of them, 70 for 96%, and a Jaro-Winkler of 0.85 for 90%.

Everything heavy (the MeCab dictionary, Faker's tables) is loaded at first use; results are cached per part.
"""

from __future__ import annotations

import importlib
from functools import cache, lru_cache
from typing import Any, NamedTuple

Candidate = tuple[str, str, float, bool | None]

# ------------------------------------------------------------------------------------------------ kana

_KANA: dict[str, tuple[str, str]] = {  # katakana -> (Hepburn, Kunrei)
    "ア": ("a", "a"), "イ": ("i", "i"), "ウ": ("u", "u"), "エ": ("e", "e"), "オ": ("o", "o"),
    "カ": ("ka", "ka"), "キ": ("ki", "ki"), "ク": ("ku", "ku"), "ケ": ("ke", "ke"), "コ": ("ko", "ko"),
    "サ": ("sa", "sa"), "シ": ("shi", "si"), "ス": ("su", "su"), "セ": ("se", "se"), "ソ": ("so", "so"),
    "タ": ("ta", "ta"), "チ": ("chi", "ti"), "ツ": ("tsu", "tu"), "テ": ("te", "te"), "ト": ("to", "to"),
    "ナ": ("na", "na"), "ニ": ("ni", "ni"), "ヌ": ("nu", "nu"), "ネ": ("ne", "ne"), "ノ": ("no", "no"),
    "ハ": ("ha", "ha"), "ヒ": ("hi", "hi"), "フ": ("fu", "hu"), "ヘ": ("he", "he"), "ホ": ("ho", "ho"),
    "マ": ("ma", "ma"), "ミ": ("mi", "mi"), "ム": ("mu", "mu"), "メ": ("me", "me"), "モ": ("mo", "mo"),
    "ヤ": ("ya", "ya"), "ユ": ("yu", "yu"), "ヨ": ("yo", "yo"),
    "ラ": ("ra", "ra"), "リ": ("ri", "ri"), "ル": ("ru", "ru"), "レ": ("re", "re"), "ロ": ("ro", "ro"),
    "ワ": ("wa", "wa"), "ヰ": ("i", "i"), "ヱ": ("e", "e"), "ヲ": ("o", "o"),
    "ガ": ("ga", "ga"), "ギ": ("gi", "gi"), "グ": ("gu", "gu"), "ゲ": ("ge", "ge"), "ゴ": ("go", "go"),
    "ザ": ("za", "za"), "ジ": ("ji", "zi"), "ズ": ("zu", "zu"), "ゼ": ("ze", "ze"), "ゾ": ("zo", "zo"),
    "ダ": ("da", "da"), "ヂ": ("ji", "zi"), "ヅ": ("zu", "zu"), "デ": ("de", "de"), "ド": ("do", "do"),
    "バ": ("ba", "ba"), "ビ": ("bi", "bi"), "ブ": ("bu", "bu"), "ベ": ("be", "be"), "ボ": ("bo", "bo"),
    "パ": ("pa", "pa"), "ピ": ("pi", "pi"), "プ": ("pu", "pu"), "ペ": ("pe", "pe"), "ポ": ("po", "po"),
    "ヴ": ("vu", "vu"), "ヶ": ("ke", "ke"), "ヵ": ("ka", "ka"), "ヮ": ("wa", "wa"),
    "ァ": ("a", "a"), "ィ": ("i", "i"), "ゥ": ("u", "u"), "ェ": ("e", "e"), "ォ": ("o", "o"),
    "ャ": ("ya", "ya"), "ュ": ("yu", "yu"), "ョ": ("yo", "yo"),
}
_YOON = {"ャ": "a", "ュ": "u", "ョ": "o"}
_SMALL_VOWEL = {"ァ": "a", "ィ": "i", "ゥ": "u", "ェ": "e", "ォ": "o"}
_SEPARATORS = frozenset(" ・･＝=　·")
_VOWELS = frozenset("aeiou")


class Mora(NamedTuple):
    hep: str  # Hepburn spelling ("" for a separator)
    kun: str  # Kunrei-shiki spelling
    kind: str  # "m" mora, "n" ン, "q" ッ, "sep" a word break, "long" a vowel that lengthens the previous one
    written: str  # for "long": the vowel letter as written in kana ("u", "o", or "-" for ー)


def to_katakana(text: str) -> str:
    return "".join(chr(ord(ch) + 0x60) if 0x3041 <= ord(ch) <= 0x3096 or ch in "ゝゞ" else ch for ch in text)


def morae(kana: str, pron: str | None = None) -> list[Mora]:
    """Split katakana (hiragana is converted) into morae. ``pron`` is MeCab's pronunciation of the same text
    (long vowels as ー); when it lines up letter by letter it decides which ウ and オ lengthen a vowel
    (サトウ: yes, イノウエ: no); otherwise every ウ after o or u and オ after o does."""
    kana = to_katakana(kana)
    if pron is not None and len(pron) != len(kana):
        pron = None
    out: list[Mora] = []
    for i, ch in enumerate(kana):
        if ch in _SEPARATORS:
            if out and out[-1].kind != "sep":
                out.append(Mora("", "", "sep", ""))
            continue
        if ch == "ッ":
            out.append(Mora("", "", "q", ""))
            continue
        if ch == "ン":
            out.append(Mora("n", "n", "n", ""))
            continue
        prev = out[-1] if out and out[-1].kind in ("m", "long") else None
        if ch == "ー":
            if prev is not None:
                out.append(Mora(prev.hep[-1], prev.hep[-1], "long", "-"))
            continue
        if ch in _YOON and prev is not None and prev.kind == "m":
            out[-1] = _yoon(prev, _YOON[ch])
            continue
        if ch in _SMALL_VOWEL and prev is not None and prev.kind == "m" and kana[i - 1] not in _SMALL_VOWEL:
            out[-1] = _with_small_vowel(prev, kana[i - 1], _SMALL_VOWEL[ch])
            continue
        pair = _KANA.get(ch)
        if pair is None:
            continue
        hep, kun = pair
        if prev is not None and hep in ("u", "o") and ch in "ウオ":
            pv = prev.hep[-1]
            lengthens = (hep == "u" and pv in "ou") or (hep == "o" and pv == "o")
            if pron is not None and pron[i] != "?":
                lengthens = lengthens and pron[i] == "ー"
            elif lengthens and hep == "u" and i + 1 < len(kana) and kana[i + 1] in "アイウエオ":
                lengthens = False
            if lengthens:
                out.append(Mora(pv, pv, "long", hep))
                continue
        out.append(Mora(hep, kun, "m", ""))
    while out and out[-1].kind == "sep":
        out.pop()
    return out


def _yoon(prev: Mora, vowel: str) -> Mora:
    hep, kun = prev.hep, prev.kun
    if hep.endswith("i") and len(hep) > 1:
        stem = hep[:-1]
        hep = stem + vowel if stem in ("sh", "ch", "j") else stem + "y" + vowel
        kun = kun[:-1] + "y" + vowel
    else:
        cons = hep[:-1] if hep[-1] in _VOWELS else hep
        hep = kun = cons + "y" + vowel
    return Mora(hep, kun, "m", "")


def _with_small_vowel(prev: Mora, base: str, vowel: str) -> Mora:
    """ティ ti, ディ di, トゥ tu, ファ fa, ウィ wi, ヴァ va, シェ she, ジェ je, チェ che, イェ ye, クァ kwa."""
    hep = prev.hep
    if base == "ウ":
        cons = "w"
    elif base == "イ":
        cons = "y"
    else:
        cons = hep[:-1] if hep[-1] in _VOWELS else hep
        if base in "クグ":
            cons += "w"
        elif hep.endswith("i") and cons not in ("sh", "ch", "j"):
            cons += "y"
    return Mora(cons + vowel, cons + vowel, "m", "")


# Romanisation systems for Japanese readings: name, weight.
SYSTEMS: tuple[tuple[str, float], ...] = (
    ("hepburn", 1.0), ("hepburn-n", 0.96), ("hepburn-ou", 0.9), ("hepburn-oh", 0.85), ("hepburn-oo", 0.8),
    ("kunrei", 0.7),
)


def render(ms: list[Mora], system: str) -> str:
    """One romanisation of a mora list (see ``SYSTEMS``)."""
    out: list[str] = []
    double = False
    kunrei = system == "kunrei"
    for i, m in enumerate(ms):
        if m.kind == "sep":
            out.append(" ")
            double = False
            continue
        if m.kind == "q":
            double = True
            continue
        if m.kind == "n":
            nxt = ms[i + 1].hep[:1] if i + 1 < len(ms) else ""
            out.append("m" if system == "hepburn" and nxt and nxt in "bmp" else "n")
            continue
        if m.kind == "long":
            piece = _long_vowel(m, system)
            if piece == "h" and i + 1 < len(ms) and ms[i + 1].hep.startswith("h"):
                piece = ""  # ショウヘイ: shohei, not shohhei
            out.append(piece)
            continue
        syllable = m.kun if kunrei else m.hep
        if double and syllable[0] not in _VOWELS:
            syllable = ("t" + syllable) if syllable.startswith("ch") else syllable[0] + syllable
        double = False
        out.append(syllable)
    return "".join(out)


def _long_vowel(m: Mora, system: str) -> str:
    vowel, written = m.hep, m.written
    if system in ("hepburn", "hepburn-n", "kunrei"):
        return ""
    if system == "hepburn-oh":
        return "h" if vowel == "o" else ""
    if system == "hepburn-oo":
        return vowel
    # hepburn-ou: as the kana are typed; ー after o typed as u (ヨーコ -> youko)
    if written == "-":
        return "u" if vowel == "o" else vowel
    return written


@lru_cache(maxsize=131072)
def romanise(kana: str, pron: str | None = None) -> tuple[tuple[str, str, float], ...]:
    """``(text, system, weight)`` of every system for one reading, de-duplicated, best first."""
    ms = morae(kana, pron)
    seen: set[str] = set()
    out: list[tuple[str, str, float]] = []
    for system, weight in SYSTEMS:
        text = render(ms, system)
        if text and text not in seen:
            seen.add(text)
            out.append((text, system, weight))
    return tuple(out)


# ------------------------------------------------------------------------------------ foreign katakana

_U_EPENTHETIC = frozenset({"s", "z", "k", "g", "p", "b", "f", "m", "r", "v", "ts", "sh", "ch", "j", "n", "h"})
_I_EPENTHETIC = frozenset({"ch", "j"})
# English onsets a dropped vowel may leave at the start of a word: スミス smith, トランプ trump, クリス chris.
_ONSETS = frozenset({"sm", "sn", "st", "sk", "sp", "sw", "sl", "sch", "tr", "dr", "kr", "gr", "pr", "br", "fr", "vr",
                     "shm", "shn", "shr", "shw", "sht"})


class ForeignStyle(NamedTuple):
    """How to spell a katakana loan name: ``r_as_l`` (ラ行 as l), ``c_for_k`` (カ コ ク before r as c, as
    English writes Carl, Collins, Chris), ``plain_ai`` (アイ kept rather than English i), ``b_as_v``
    (バ行 inside a word as v: David, Kevin), ``r_for_long`` (アー as ar, final アー as er), ``th_for_s``
    (a final ス after i as th: Smith, Keith)."""

    r_as_l: bool = False
    c_for_k: bool = True
    plain_ai: bool = False
    b_as_v: bool = False
    r_for_long: bool = True
    th_for_s: bool = False


FOREIGN_STYLES: tuple[tuple[str, ForeignStyle, float], ...] = (
    ("katakana-english", ForeignStyle(), 0.97),
    ("katakana-english-l", ForeignStyle(r_as_l=True), 0.95),
    ("katakana-english-v", ForeignStyle(b_as_v=True, r_as_l=True, th_for_s=True), 0.93),
    ("katakana-english-k", ForeignStyle(c_for_k=False, plain_ai=True, r_for_long=False), 0.91),
)


def render_foreign(ms: list[Mora], style: ForeignStyle | None = None) -> str:
    """An English-like spelling of a katakana loan name. The vowel Japanese adds after a consonant is dropped
    at the end of a word, before another consonant (not twice running) and at the start of a word where
    English has the cluster (スミス smis, ドナルド donald, トランプ tramp, マクドナルド makdonald); ッ doubles as
    English does (ck, tch); アー is ar (final: er), イー ee (final: y), エー and エイ ay, アウ ow, オイ oy."""
    style = style or ForeignStyle()
    words: list[list[Mora]] = [[]]
    for m in ms:
        if m.kind == "sep":
            words.append([])
        else:
            words[-1].append(m)
    return " ".join(_foreign_word(w, style) for w in words if w)


def _split(hep: str) -> tuple[str, str]:
    return (hep[:-1], hep[-1]) if hep and hep[-1] in _VOWELS else (hep, "")


def _dropped_vowels(ms: list[Mora]) -> list[bool]:
    n = len(ms)
    drop = [False] * n
    for i, m in enumerate(ms):
        if m.kind != "m":
            continue
        cons, vowel = _split(m.hep)
        if not cons or not ((vowel == "u" and cons in _U_EPENTHETIC) or (vowel == "o" and cons in ("t", "d"))
                            or (vowel == "i" and cons in _I_EPENTHETIC)):
            continue
        nxt = ms[i + 1] if i + 1 < n else None
        if nxt is not None and (nxt.kind != "m" or not _split(nxt.hep)[0] or _split(nxt.hep)[0] == "y"):
            continue
        if i == 0:
            if nxt is None or (cons + _split(nxt.hep)[0][:1] not in _ONSETS
                               and cons + _split(nxt.hep)[0][:2] not in _ONSETS):
                continue
        elif nxt is not None and drop[i - 1]:
            continue
        drop[i] = True
    return drop


def _foreign_word(ms: list[Mora], style: ForeignStyle) -> str:
    drop = _dropped_vowels(ms)
    out: list[str] = []
    double = False
    last = len(ms) - 1
    skip = False
    for i, m in enumerate(ms):
        if skip:
            skip = False
            continue
        if m.kind == "q":
            double = True
            continue
        if m.kind == "n":
            nxt_hep = ms[i + 1].hep[:1] if i < last else ""
            out.append("m" if nxt_hep and nxt_hep in "bp" else "n")
            continue
        if m.kind == "long":
            if not out:
                continue
            if m.hep == "a" and style.r_for_long:
                out[-1] += "er" if i == last else "r"
                if i == last and out[-1].endswith("aer"):
                    out[-1] = out[-1][:-3] + "er"
                if i == last and out[-1] == "rer":  # テイラー, ミラー: -ler
                    out[-1] = "ler"
            elif m.hep == "i":
                if i == last:
                    out[-1] = out[-1][:-1] + ("y" if i > 1 else "ee")
                else:
                    out[-1] += "e"
            elif m.hep == "e":
                out[-1] = out[-1][:-1] + "ay"
            elif m.hep == "u" and ms[i - 1].hep.endswith(("yu", "shu")) and out[-1].endswith("u"):
                out[-1] = out[-1][:-1] + "ew"  # ニュー, ヒュー, マシュー: new, hew, mashew
            continue
        cons, vowel = _split(m.hep)
        nxt = ms[i + 1] if i < last else None
        # vowel pairs as English writes them
        if nxt is not None and nxt.kind == "m" and vowel and nxt.hep in ("i", "u") and not drop[i]:
            pair = vowel + nxt.hep
            english = {"ei": "a" if i == 0 and not cons else "ay", "au": "ow", "oi": "oy"}.get(pair)
            if pair == "ai" and not style.plain_ai:
                after = ms[i + 2] if i + 2 <= last else None
                english = "y" if after is not None and after.kind == "m" and after.hep in _VOWELS else "i"
            if english is not None:
                vowel = english
                skip = True
        if cons == "w" and vowel == "o":  # ウォルター, ウォーカー: wa
            vowel = "a"
        elif cons == "h" and vowel == "o" and nxt is not None and nxt.hep == "wa":  # ホワイト: white
            cons, vowel = "", ""
        elif vowel == "u" and cons and nxt is not None and nxt.kind == "n" and i + 1 == last:  # スティーブン: -ven
            vowel = "e"
        if cons == "r" and (style.r_as_l or drop[i]):
            cons = "l"
        elif cons == "sh" and vowel == "i":
            cons = "s"
        elif cons == "b" and style.b_as_v and i > 0:
            cons = "v"
        elif cons.startswith("k") and style.c_for_k and i == 0 and (vowel[:1] in ("a", "o", "u") or drop[i]):
            cons = "c" + cons[1:]
        elif cons.endswith("y") and len(cons) > 1 and vowel == "u" and cons not in ("ry",):
            cons = cons[:-1]  # デュ ニュ キュ: du, nu, cu
        if drop[i]:
            if nxt is None and cons == "z":
                piece = "s"
            elif nxt is None and cons == "s" and style.th_for_s and out and out[-1].endswith("i"):
                piece = "th"
            elif nxt is None and cons == "j":
                piece = "ge"
            elif nxt is None and cons in ("b", "v") and i > 0 and ms[i - 1].kind == "long":
                piece = "ve"
            else:
                piece = cons
        else:
            piece = cons + vowel
        if double and piece and piece[0] not in _VOWELS:
            if piece.startswith(("k", "c")):
                piece = "ck" + piece[1:] if piece.startswith("k") else "c" + piece
            elif piece.startswith("ch"):
                piece = "t" + piece
            elif not piece.startswith(("sh", "ts")) and not (drop[i] and nxt is None and piece[0] not in "tp"):
                piece = piece[0] + piece  # but ブッシュ bush, ベッド bed: English doubles final t and p only
        double = False
        out.append(piece)
    return "".join(out)


_FOREIGN_CUES = frozenset("・＝=ァィゥェォヴー")


def kana_forms(text: str) -> list[Candidate]:
    """Hiragana or katakana: the Hepburn variants; for katakana that looks like a loan name (a middle dot,
    ー, small vowels, ヴ) also the English-like forms, given name first as written."""
    return list(_kana_forms(text))


@lru_cache(maxsize=65536)
def _kana_forms(text: str) -> tuple[Candidate, ...]:
    kata = to_katakana(text)
    foreign_cues = any(ch in _FOREIGN_CUES for ch in kata)
    dotted = any(ch in "・･＝=·" for ch in kata)
    family_first: bool | None = False if dotted else (None if foreign_cues else True)
    words = [w for w in "".join(" " if ch in _SEPARATORS else ch for ch in kata).split() if w]
    if not words:
        return ()
    if len(words) == 1 and not foreign_cues:
        split = _kana_split(words[0])
        if split is not None:
            words = list(split)
    out: list[Candidate] = []
    readings = [_kana_reading(w) for w in words]
    per_word = [romanise(k, p) for k, p in readings]
    japanese_factor = 0.9 if foreign_cues else 1.0
    for system, weight in SYSTEMS:
        if foreign_cues and system == "kunrei":
            continue
        parts = []
        for forms in per_word:
            text_for = next((t for t, s, _ in forms if s == system), None)
            parts.append(text_for if text_for is not None else forms[0][0])
        out.append((" ".join(parts), system, weight * japanese_factor if weight < 1 else weight, family_first))
    if any(0x30A0 <= ord(ch) <= 0x30FF for ch in text):  # katakana: perhaps a loan name
        ms = morae(" ".join(words))
        for system, style, weight in FOREIGN_STYLES:
            out.append((render_foreign(ms, style), system, weight if foreign_cues else weight - 0.35, family_first))
    return tuple(out)


def _kana_reading(word: str) -> tuple[str, str | None]:
    """The word with MeCab's pronunciation beside it when they line up (for long vowels)."""
    paths = _nbest(word, 1)
    if not paths:
        return word, None
    prons = []
    for node in paths[0]:
        if node.pron is None or len(node.pron) != len(node.surface):
            prons.append("?" * len(node.surface))  # unknown to MeCab: the spelling rules decide
        else:
            prons.append(node.pron)
    pron = "".join(prons)
    return word, pron if len(pron) == len(word) and pron.strip("?") else None


def _kana_split(word: str) -> tuple[str, str] | None:
    """やまだたろう -> (やまだ, たろう) when MeCab reads a surname then a given name."""
    for path in _nbest(word, 3):
        if len(path) >= 2 and path[0].pos3 == "人名" and path[0].pos4 == "姓" and all(
                n.pos3 == "人名" and n.pos4 == "名" for n in path[1:]):
            cut = len(path[0].surface)
            return word[:cut], word[cut:]
    return None


# -------------------------------------------------------------------------------------------------- kanji

# Surnames with more than one frequent reading, most frequent first, and a few whose first MeCab reading is
# not the usual one. Faker's ja_JP names and MeCab cover the rest.
_SURNAME_READINGS: dict[str, tuple[str, ...]] = {
    "大谷": ("オオタニ", "オオヤ"), "中島": ("ナカジマ", "ナカシマ"), "河野": ("コウノ", "カワノ"),
    "上村": ("ウエムラ", "カミムラ"), "東": ("ヒガシ", "アズマ"), "新田": ("ニッタ", "シンデン"),
    "角田": ("ツノダ", "カクタ"), "菅": ("スガ", "カン"), "羽生": ("ハニュウ", "ハブ"), "中田": ("ナカタ", "ナカダ"),
    "山崎": ("ヤマザキ", "ヤマサキ"), "宮崎": ("ミヤザキ", "ミヤサキ"), "長田": ("ナガタ", "オサダ"),
    "渡部": ("ワタナベ", "ワタベ"), "金子": ("カネコ",), "林": ("ハヤシ",), "安倍": ("アベ",), "阿部": ("アベ",),
    "斎藤": ("サイトウ",), "齋藤": ("サイトウ",), "齊藤": ("サイトウ",), "斉藤": ("サイトウ",), "渡邊": ("ワタナベ",),
    "渡邉": ("ワタナベ",), "髙橋": ("タカハシ",), "伊藤": ("イトウ",), "太田": ("オオタ",), "大野": ("オオノ",),
    "小野": ("オノ",), "後藤": ("ゴトウ",), "近藤": ("コンドウ",), "遠藤": ("エンドウ",), "工藤": ("クドウ",),
    "日下": ("クサカ",), "本田": ("ホンダ",), "本間": ("ホンマ",), "難波": ("ナンバ",), "三上": ("ミカミ",),
    "神田": ("カンダ", "コウダ"), "吉川": ("ヨシカワ", "キッカワ"), "上田": ("ウエダ",), "梅田": ("ウメダ",),
    "前原": ("マエハラ",), "安藤": ("アンドウ",), "内田": ("ウチダ",), "荻野": ("オギノ",), "中山": ("ナカヤマ",),
    "谷": ("タニ",), "森": ("モリ",), "原": ("ハラ",), "関": ("セキ",), "岸田": ("キシダ",), "石破": ("イシバ",),
}
_GIVEN_READINGS: dict[str, tuple[str, ...]] = {
    "翔平": ("ショウヘイ",), "博文": ("ヒロブミ", "ハクブン"), "文雄": ("フミオ",), "晋三": ("シンゾウ",),
    "結弦": ("ユヅル",), "義偉": ("ヨシヒデ",), "茂": ("シゲル",), "一郎": ("イチロウ",), "太郎": ("タロウ",),
    "花子": ("ハナコ",), "健太": ("ケンタ",), "大輔": ("ダイスケ",), "翔": ("ショウ", "カケル"),
}
_VARIANT_KANJI = str.maketrans({"髙": "高", "﨑": "崎", "𠮷": "吉", "德": "徳", "邉": "辺", "邊": "辺", "濵": "浜",
                                "栁": "柳"})


class Node(NamedTuple):
    surface: str
    kana: str | None
    pron: str | None
    pos3: str
    pos4: str


@cache
def _tagger() -> Any:
    fugashi = importlib.import_module("fugashi")
    return fugashi.Tagger()


@lru_cache(maxsize=65536)
def _nbest(text: str, n: int) -> tuple[tuple[Node, ...], ...]:
    """MeCab's ``n`` best parses of ``text``."""
    paths = _tagger().nbestToNodeList(text, n)
    out = []
    for path in paths:
        nodes = []
        for node in path:
            f = node.feature
            unknown = bool(node.is_unk)
            kana = None if unknown else getattr(f, "kana", None)
            pron = None if unknown else getattr(f, "pron", None)
            nodes.append(Node(node.surface, kana if kana and kana != "*" else None,
                              pron if pron and pron != "*" else None,
                              getattr(f, "pos3", "*") or "*", getattr(f, "pos4", "*") or "*"))
        out.append(tuple(nodes))
    return tuple(out)


@cache
def _known_names() -> tuple[dict[str, tuple[str, ...]], dict[str, tuple[str, ...]]]:
    """Surnames and given names with their kana: this module's table, then Faker's ja_JP tables."""
    faker_ja = importlib.import_module("faker.providers.person.ja_JP")
    provider = faker_ja.Provider
    surnames: dict[str, list[str]] = {k: list(v) for k, v in _SURNAME_READINGS.items()}
    given: dict[str, list[str]] = {k: list(v) for k, v in _GIVEN_READINGS.items()}
    for kanji, kana, _romaji in provider.last_name_pairs:
        readings = surnames.setdefault(kanji, [])
        if kana not in readings:
            readings.append(kana)
    for kanji, kana, _romaji in (*provider.first_name_male_pairs, *provider.first_name_female_pairs):
        readings = given.setdefault(kanji, [])
        if kana not in readings:
            readings.append(kana)
    return ({k: tuple(v) for k, v in surnames.items()}, {k: tuple(v) for k, v in given.items()})


@lru_cache(maxsize=65536)
def part_readings(part: str, role: str) -> tuple[tuple[str, str | None, float], ...]:
    """Up to three readings ``(kana, pron, weight)`` of one name part; ``role`` is ``姓`` (surname) or ``名``."""
    surnames, given = _known_names()
    known = (surnames if role == "姓" else given).get(part) or (surnames if role == "姓" else given).get(
        part.translate(_VARIANT_KANJI), ())
    found: dict[str, tuple[str | None, float]] = {}

    def add(kana: str, pron: str | None, weight: float) -> None:
        seen = found.get(kana)
        if seen is None or seen[1] < weight:
            found[kana] = (pron if pron is not None or seen is None else seen[0], weight)
        elif pron is not None and seen[0] is None:
            found[kana] = (pron, seen[1])

    for k, kana in enumerate(known):
        add(kana, None, 1.0 - 0.04 * k)
    rank = 0
    for text in dict.fromkeys((part, part.translate(_VARIANT_KANJI))):
        for path in _nbest(text, 12):
            if len(path) != 1 or path[0].kana is None:
                continue
            node = path[0]
            if node.kana is None:
                continue
            tier = 1.0 if node.pos3 == "人名" and node.pos4 == role else 0.8 if node.pos3 == "人名" else 0.85
            if tier < 0.9 and (known or any(w >= 0.85 for _, w in found.values())):
                tier = 0.7  # a common-noun reading where a name reading exists: 田中 denchu
            kana = node.kana
            pron = node.pron if node.pron is not None and len(node.pron) == len(kana) else None
            add(kana, pron, 0.95 * tier * 0.97 ** rank)
            rank += 1
    if not found:
        for path in _nbest(part.translate(_VARIANT_KANJI), 3):
            if all(n.kana is not None for n in path):
                kana = "".join(n.kana or "" for n in path)
                prons = [n.pron if n.pron is not None and n.kana is not None and len(n.pron) == len(n.kana)
                         else n.kana for n in path]
                add(kana, "".join(p or "" for p in prons), 0.6)
                break
    if not found:
        return ()
    ranked = sorted(found.items(), key=lambda kv: -kv[1][1])[:3]
    top = ranked[0][1][1]
    return tuple((kana, pron, weight / top) for kana, (pron, weight) in ranked)


def _splits(text: str) -> list[tuple[str, str, float]]:
    """Where an unspaced name ends its surname: ``(family, given, weight)``, best first."""
    n = len(text)
    if n == 1:
        return [(text, "", 1.0)]
    surnames, _ = _known_names()
    votes: dict[int, float] = {}
    if n <= 3 and _whole_surname(text):
        votes[n] = 1.0
    for k in range(min(n - 1, 4), 0, -1):
        if text[:k] in surnames or text[:k].translate(_VARIANT_KANJI) in surnames:
            votes[k] = 1.0
            break
    for rank, path in enumerate(_nbest(text, 10)):
        weight = 0.95 * 0.95 ** rank
        first = path[0]
        cut = 0
        if first.pos4 == "姓" and len(first.surface) < n:
            cut = len(first.surface)
        else:
            pos = 0
            for node in path:
                if node.pos4 == "名" and node.pos3 == "人名" and pos > 0:
                    cut = pos
                    break
                pos += len(node.surface)
        if cut and votes.get(cut, 0.0) < weight:
            votes[cut] = weight
    votes.setdefault(2 if n >= 3 else 1, 0.5)
    ranked = sorted(votes.items(), key=lambda kv: -kv[1])
    return [(text[:k], text[k:], w if j == 0 else 0.7 * w) for j, (k, w) in enumerate(ranked)]


def _whole_surname(text: str) -> bool:
    """Is the whole text a surname on its own (佐藤, 東海林)?"""
    surnames, _ = _known_names()
    if text in surnames or text.translate(_VARIANT_KANJI) in surnames:
        return True
    top = _nbest(text, 1)
    return bool(top) and len(top[0]) == 1 and top[0][0].pos3 == "人名" and top[0][0].pos4 == "姓"


def kanji_forms(text: str) -> list[Candidate]:
    """A kanji (or kanji and kana) name, family name first: every plausible reading in every system."""
    return list(_kanji_forms(text))


@lru_cache(maxsize=65536)
def _kanji_forms(text: str) -> tuple[Candidate, ...]:
    tokens = "".join(" " if ch in _SEPARATORS else ch for ch in text).split()
    if not tokens:
        return ()
    splits = [(tokens[0], "".join(tokens[1:]), 1.0)] if len(tokens) >= 2 else _splits(tokens[0])[:2]
    out: list[Candidate] = []
    for family, given, split_weight in splits:
        family_readings = part_readings(family, "姓")
        given_readings = part_readings(given, "名") if given else (("", None, 1.0),)
        if not family_readings or not given_readings:
            continue
        for f_kana, f_pron, f_weight in family_readings:
            f_forms = {s: t for t, s, _ in romanise(f_kana, f_pron)}
            for g_kana, g_pron, g_weight in given_readings:
                g_forms = {s: t for t, s, _ in romanise(g_kana, g_pron)} if g_kana else {}
                weight = split_weight * f_weight * g_weight
                for system, system_weight in SYSTEMS:
                    f_text = f_forms.get(system, f_forms.get("hepburn", ""))
                    g_text = g_forms.get(system, g_forms.get("hepburn", "")) if g_kana else ""
                    out.append((f"{f_text} {g_text}".strip(), system, weight * system_weight, True))
    return tuple(out)


def is_han(ch: str) -> bool:
    """A kanji / hanzi (CJK ideograph, its extensions and compatibility forms, 々 and 〆)."""
    cp = ord(ch)
    return (0x4E00 <= cp <= 0x9FFF or 0x3400 <= cp <= 0x4DBF or 0xF900 <= cp <= 0xFAFF or 0x20000 <= cp <= 0x3FFFF
            or ch in "々〆")


# --------------------------------------------------------------------------------- Japanese or Chinese?

_CHINESE_SURNAMES = frozenset(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟"
    "谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤習习張劉陳楊黃趙吳"
    "孫馬許韓馮鄧蔣蘇盧鍾譚陸賈鄒龍顧龔錢嚴湯")


@lru_cache(maxsize=65536)
def japanese_likelihood(text: str) -> float:
    """How likely a Han-only name is Japanese rather than Chinese (0..1), from its characters (simplified
    Chinese or Japanese-only forms), its length and whether it starts with a known Japanese surname."""
    letters = "".join(ch for ch in text if not ch.isspace())
    if "々" in letters:
        return 0.95
    for ch in letters:
        if not _encodes(ch, "cp932") and (_encodes(ch, "gb2312") or _encodes(ch, "big5")):
            return 0.05
    if any(_encodes(ch, "cp932") and not _encodes(ch, "gb2312") and not _encodes(ch, "big5") for ch in letters):
        return 0.95
    surnames, _ = _known_names()
    tokens = text.split()
    head = tokens[0] if len(tokens) > 1 else letters
    n = len(letters)
    known_prefix = any(len(head) > k >= 2 and head[:k] in surnames for k in (2, 3)) or (
        len(tokens) > 1 and head in surnames and len(head) >= 2)
    if known_prefix:
        return 0.9
    if len(tokens) == 1 and 2 <= n <= 3 and _whole_surname(letters):
        return 0.8
    if n >= 4:
        return 0.8
    if len(tokens) > 1:
        return 0.35 if len(head) == 1 else 0.7
    paths = _nbest(letters, 1)
    if paths:
        first = paths[0][0]
        if first.pos4 == "姓" and len(first.surface) >= 2 and len(first.surface) < n:
            return 0.7
    if letters[0] in _CHINESE_SURNAMES:
        return 0.25
    return 0.4


def _encodes(ch: str, codec: str) -> bool:
    try:
        ch.encode(codec)
    except UnicodeEncodeError:
        return False
    return True
