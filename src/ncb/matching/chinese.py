"""Chinese names (hanzi) in Latin letters: Hanyu Pinyin without tones, the given name joined as the
convention has it (习近平 -> ``xi jinping``) and split (``xi jin ping``); Wade-Giles without apostrophes or
umlauts (``hsi chinping``, ``mao tsetung``); the surname readings of characters with several readings
(曾 Zeng, 单 Shan, 解 Xie, 仇 Qiu, 区 Ou, 朴 Piao, 查 Zha, 乐 Yue, ...); the compound surnames (欧阳, 司马,
诸葛); and the spellings overseas Chinese use for the frequent surnames (陈 Chan/Tan, 黄 Wong, 张 Cheung).

Family name first. pypinyin is imported at first use; its Wade-Giles style has mistakes (``ai`` -> ``ei``,
``guo`` stays ``guo``), so Wade-Giles is derived here from the pinyin syllables.
"""

from __future__ import annotations

from functools import cache, lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable

Candidate = tuple[str, str, float, bool | None]

# The reading a character takes as a surname, where pypinyin's first reading is another one.
_SURNAME_READING: dict[str, str] = {
    "曾": "zeng", "单": "shan", "單": "shan", "解": "xie", "仇": "qiu", "区": "ou", "區": "ou", "朴": "piao",
    "查": "zha", "乐": "yue", "樂": "yue", "盖": "ge", "蓋": "ge", "华": "hua", "華": "hua", "纪": "ji",
    "紀": "ji", "翟": "zhai", "缪": "miao", "繆": "miao", "繁": "po", "覃": "qin", "召": "shao", "冼": "xian",
    "种": "chong", "種": "chong", "秘": "bi", "黑": "he", "重": "chong", "员": "yun", "員": "yun", "隗": "wei",
    "叶": "ye", "葉": "ye", "沈": "shen", "柏": "bai", "薄": "bo", "藏": "zang", "卜": "bu", "贾": "jia",
    "賈": "jia", "石": "shi", "朝": "chao", "句": "gou", "宁": "ning", "寧": "ning", "行": "xing", "过": "guo",
    "過": "guo", "那": "na", "祭": "zhai", "阚": "kan", "闞": "kan", "车": "che", "車": "che", "尉": "wei",
    "长": "chang", "長": "chang", "尚": "shang", "燕": "yan", "万": "wan", "萬": "wan", "都": "du", "曲": "qu",
    "强": "qiang", "強": "qiang", "任": "ren", "宓": "mi", "折": "she", "褚": "chu", "莘": "shen", "殷": "yin",
    "谌": "chen", "諶": "chen", "洗": "xian", "逄": "pang", "晁": "chao", "郇": "huan", "缑": "gou", "能": "nai",
    "应": "ying", "應": "ying", "尹": "yin", "於": "yu", "於陵": "wu ling", "尉迟": "yu chi", "尉遲": "yu chi",
    "万俟": "mo qi", "萬俟": "mo qi", "单于": "chan yu", "單于": "chan yu", "长孙": "zhang sun", "長孫": "zhang sun",
    "澹台": "tan tai", "澹臺": "tan tai", "令狐": "ling hu",
}

_COMPOUND_SURNAMES = frozenset({
    "欧阳", "歐陽", "司马", "司馬", "诸葛", "諸葛", "上官", "东方", "東方", "皇甫", "尉迟", "尉遲", "公孙", "公孫",
    "慕容", "令狐", "夏侯", "司徒", "长孙", "長孫", "宇文", "轩辕", "軒轅", "端木", "独孤", "獨孤", "南宫", "南宮",
    "西门", "西門", "百里", "呼延", "澹台", "澹臺", "万俟", "萬俟", "闻人", "聞人", "赫连", "赫連", "钟离", "鍾離",
    "申屠", "太史", "公羊", "拓跋", "司空", "左丘", "东郭", "東郭", "濮阳", "濮陽", "第五", "梁丘", "谷梁", "穀梁",
    "单于", "單于", "范姜", "张简", "張簡", "於陵",
})

# Spellings of frequent surnames outside the mainland (Cantonese, Hokkien, Teochew, older Wade-Giles).
_OVERSEAS_SURNAME: dict[str, tuple[str, ...]] = {
    "陈": ("chan", "tan", "chen"), "黄": ("wong", "ng", "huang"), "李": ("lee",), "张": ("cheung", "chang", "teo"),
    "梁": ("leung",), "何": ("ho",), "刘": ("lau", "lew"), "林": ("lam", "lim"), "吴": ("ng", "goh", "woo"),
    "郑": ("cheng", "tay", "teh"), "周": ("chow", "chou", "chew"), "杨": ("yeung", "yeo"), "王": ("wong", "ong"),
    "赵": ("chiu", "chao"), "许": ("hui", "hsu", "koh"), "郭": ("kwok", "kuo"), "罗": ("law", "lo"),
    "谢": ("tse", "hsieh", "chia"), "邓": ("tang", "teng"), "叶": ("yip", "yeh", "yap"), "曾": ("tsang", "tseng"),
    "蔡": ("choi", "tsai", "chua"), "徐": ("tsui", "hsu", "chee"), "冯": ("fung",), "胡": ("woo", "hu"),
    "孙": ("suen", "soon"), "朱": ("chu", "choo"), "高": ("ko", "kao"), "苏": ("so", "soh"), "潘": ("poon", "phua"),
    "袁": ("yuen",), "卢": ("lo", "loh"), "钟": ("chung",), "邱": ("yau", "khoo", "chiu"), "莫": ("mok",),
    "彭": ("pang",), "曹": ("tso", "tsao"), "蒋": ("chiang",), "江": ("kong", "chiang"), "关": ("kwan",),
    "余": ("yu", "yee"), "伍": ("ng",), "邵": ("shiu",), "萧": ("siu", "hsiao"), "韩": ("hon",),
}
_TRADITIONAL = {"陳": "陈", "黃": "黄", "張": "张", "劉": "刘", "吳": "吴", "鄭": "郑", "楊": "杨", "趙": "赵",
                "許": "许", "羅": "罗", "謝": "谢", "鄧": "邓", "葉": "叶", "馮": "冯", "孫": "孙", "蘇": "苏",
                "盧": "卢", "鍾": "钟", "鐘": "钟", "蔣": "蒋", "關": "关", "蕭": "萧", "韓": "韩"}


def chinese_forms(text: str) -> list[Candidate]:
    return list(_forms(text))


@lru_cache(maxsize=65536)
def _forms(text: str) -> tuple[Candidate, ...]:
    tokens = [t for t in ("".join(ch for ch in t if ch.isalpha()) for t in text.replace("·", " ").split()) if t]
    if not tokens:
        return ()
    if len(tokens) >= 2:
        family, given = tokens[0], "".join(tokens[1:])
    else:
        word = tokens[0]
        cut = 2 if len(word) >= 3 and word[:2] in _COMPOUND_SURNAMES else 1
        family, given = word[:cut], word[cut:]
    fam = _surname_syllables(family)
    giv = _syllables(given)
    fam_py = "".join(_plain(s) for s in fam)
    fam_wg = "".join(wade_giles(s) for s in fam)
    giv_py = [_plain(s) for s in giv]
    giv_wg = [wade_giles(s) for s in giv]
    if not giv:
        return ((fam_py, "pinyin", 1.0, True), (fam_wg, "wade-giles", 0.8, True))
    out: list[Candidate] = [
        (f"{fam_py} {''.join(giv_py)}", "pinyin", 1.0, True),
        (f"{fam_py} {' '.join(giv_py)}", "pinyin", 0.95, True),
        (f"{fam_wg} {''.join(giv_wg)}", "wade-giles", 0.8, True),
        (f"{fam_wg} {' '.join(giv_wg)}", "wade-giles", 0.78, True),
    ]
    if any("v" in s for s in fam + giv):  # ü: the passport writes LYU, people write LU
        yu = [s.replace("v", "yu") for s in fam], [s.replace("v", "yu") for s in giv]
        out.append((f"{''.join(yu[0])} {''.join(yu[1])}", "pinyin-yu", 0.7, True))
    overseas = _OVERSEAS_SURNAME.get(_TRADITIONAL.get(family, family), ())
    for k, alt in enumerate(overseas):
        if alt not in (fam_py, fam_wg):
            out.append((f"{alt} {''.join(giv_py)}", "overseas-surname", 0.6 - 0.04 * k, True))
            out.append((f"{alt} {' '.join(giv_wg)}", "overseas-surname", 0.55 - 0.04 * k, True))
    return tuple(out)


def _surname_syllables(family: str) -> list[str]:
    reading = _SURNAME_READING.get(family)
    return reading.split() if reading is not None else _syllables(family)


def _syllables(hanzi: str) -> list[str]:
    return list(_syllables_cached(hanzi))


@lru_cache(maxsize=65536)
def _syllables_cached(hanzi: str) -> tuple[str, ...]:
    if not hanzi:
        return ()
    out = []
    for s in _pinyin()(hanzi):
        if s.isascii():
            out.append(s.lower())
        else:
            from anyascii import anyascii

            out.append(str(anyascii(s)).lower())
    return tuple(out)


@cache
def _pinyin() -> Callable[[str], list[str]]:
    from pypinyin import Style, lazy_pinyin

    def convert(hanzi: str) -> list[str]:
        return list(lazy_pinyin(hanzi, style=Style.NORMAL, errors="default"))

    return convert


def _plain(syllable: str) -> str:
    return syllable.replace("v", "u").replace("ü", "u")


_WG_INITIAL = {"b": "p", "p": "p", "m": "m", "f": "f", "d": "t", "t": "t", "n": "n", "l": "l", "g": "k", "k": "k",
               "h": "h", "j": "ch", "q": "ch", "x": "hs", "zh": "ch", "ch": "ch", "sh": "sh", "r": "j", "z": "ts",
               "c": "ts", "s": "s"}
_WG_ZERO = {"yi": "i", "ye": "yeh", "you": "yu", "yan": "yen", "yong": "yung", "yu": "yu", "yue": "yueh",
            "yuan": "yuan", "yun": "yun", "e": "o", "er": "erh", "wu": "wu", "wo": "wo", "weng": "weng"}
_WG_FINAL = {"ie": "ieh", "ian": "ien", "iong": "iung", "ong": "ung", "ve": "ueh", "ue": "ueh", "van": "uan",
             "vn": "un", "v": "u", "iu": "iu", "ui": "ui", "un": "un"}


@lru_cache(maxsize=2048)
def wade_giles(syllable: str) -> str:
    """One toneless pinyin syllable in Wade-Giles without apostrophes or umlauts: ``jin`` -> ``chin``,
    ``ze`` -> ``tse``, ``dong`` -> ``tung``, ``zi`` -> ``tzu``, ``shi`` -> ``shih``."""
    s = syllable.replace("ü", "v")
    if not s.isalpha():
        return s
    if s in _WG_ZERO:
        return _WG_ZERO[s]
    if s[0] in "yw" or s[0] in "aeo":
        return s
    initial = s[:2] if s[:2] in ("zh", "ch", "sh") else s[0]
    final = s[len(initial):]
    if initial not in _WG_INITIAL:
        return s
    wg = _WG_INITIAL[initial]
    if final == "i" and initial in ("zh", "ch", "sh", "r"):
        return wg + "ih"
    if final == "i" and initial in ("z", "c", "s"):
        return {"z": "tzu", "c": "tzu", "s": "ssu"}[initial]
    if final == "e" and initial in ("g", "k", "h"):
        return wg + "o"
    if final == "uo":
        return wg + ("uo" if initial in ("g", "k", "h", "sh") else "o")
    if final == "ui" and initial in ("g", "k"):
        return wg + "uei"
    if initial in ("j", "q", "x") and final.startswith("u"):
        final = "v" + final[1:]
    return wg + _WG_FINAL.get(final, final).replace("v", "u")
