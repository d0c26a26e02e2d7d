"""Korean names (Hangul) in Latin letters: Revised Romanisation (RR, South Korea since 2000),
McCune-Reischauer without its diacritics (MR: North Korea, older South Korean documents), the spellings
people really use (``정은`` -> ``jong un``, ``영`` -> ``young``, ``희`` -> ``hee``) and the passport spellings of
the common family names (김 Kim, 이 Lee/Yi/Rhee, 박 Park/Pak, ...).

Family name first, as Koreans write it; the given name both joined (``minjun``) and split by syllable
(``min jun``, the hyphenated ``Min-jun`` with its hyphen as a space). Sound changes between syllables are not
written, as the RR rules for personal names say (한복남 -> Han Boknam), except MR's voicing (근혜 -> kunhye,
정은 -> chongun).
"""

from __future__ import annotations

from functools import lru_cache

Candidate = tuple[str, str, float, bool | None]

_RR_INITIAL = ("g", "kk", "n", "d", "tt", "r", "m", "b", "pp", "s", "ss", "", "j", "jj", "ch", "k", "t", "p", "h")
_RR_VOWEL = ("a", "ae", "ya", "yae", "eo", "e", "yeo", "ye", "o", "wa", "wae", "oe", "yo", "u", "wo", "we", "wi",
             "yu", "eu", "ui", "i")
_RR_FINAL = ("", "k", "k", "k", "n", "n", "n", "t", "l", "k", "m", "l", "l", "l", "p", "l", "m", "p", "p", "t", "t",
             "ng", "t", "t", "k", "t", "p", "t")
# McCune-Reischauer without breves and apostrophes: ŏ -> o, ŭ -> u, k' -> k.
_MR_INITIAL = ("k", "kk", "n", "t", "tt", "r", "m", "p", "pp", "s", "ss", "", "ch", "tch", "ch", "k", "t", "p", "h")
_MR_VOICED = {0: "g", 3: "d", 7: "b", 12: "j"}
_MR_VOWEL = ("a", "ae", "ya", "yae", "o", "e", "yo", "ye", "o", "wa", "wae", "oe", "yo", "u", "wo", "we", "wi",
             "yu", "u", "ui", "i")
_POP_VOWEL = ("a", "ae", "ya", "yae", "o", "e", "yo", "ye", "o", "wa", "wae", "oe", "yo", "u", "wo", "we", "wi",
              "yu", "u", "ui", "i")
_VOICING_FINALS = frozenset({0, 4, 5, 6, 8, 10, 11, 12, 13, 15, 16, 21})  # vowel, n, l, m, ng

# The spellings of given-name syllables people use on passports and in the press.
_POPULAR_SYLLABLE: dict[str, str] = {
    "희": "hee", "수": "soo", "우": "woo", "주": "joo", "구": "koo", "부": "boo", "두": "doo", "후": "hoo",
    "훈": "hoon", "순": "soon", "준": "jun", "영": "young", "성": "sung", "정": "jung", "현": "hyun",
    "연": "yeon", "석": "suk", "선": "sun", "진": "jin", "민": "min", "은": "eun", "혜": "hye", "경": "kyung",
    "명": "myung", "형": "hyung", "병": "byung", "용": "yong", "철": "chul", "숙": "sook", "옥": "ok",
    "윤": "yoon", "원": "won", "태": "tae", "재": "jae", "대": "dae", "상": "sang", "동": "dong", "규": "kyu",
    "기": "ki", "길": "kil", "무": "moo", "근": "keun", "건": "kun", "광": "kwang", "국": "kook", "덕": "duk",
    "범": "bum",
    "섭": "sub", "욱": "wook", "익": "ik", "일": "il", "인": "in", "호": "ho", "환": "hwan", "효": "hyo",
    "휘": "hwi", "한": "han", "학": "hak", "해": "hae", "중": "joong", "종": "jong", "창": "chang", "찬": "chan",
    "지": "ji", "서": "seo", "소": "so", "하": "ha", "유": "yoo", "아": "ah", "애": "ae", "예": "ye", "미": "mi",
    "나": "na", "다": "da", "라": "ra", "혁": "hyuk", "열": "yeol", "결": "kyul", "걸": "gul", "권": "kwon",
    "승": "seung", "빈": "bin", "림": "rim", "란": "ran", "령": "ryung", "륭": "ryung", "룡": "ryong",
}

_FAMILY: dict[str, tuple[str, ...]] = {
    "김": ("kim", "gim"), "이": ("lee", "yi", "rhee", "i"), "박": ("park", "pak", "bak"), "최": ("choi", "choe"),
    "정": ("jung", "jeong", "chung", "jong"), "강": ("kang", "gang"), "조": ("cho", "jo", "joe"),
    "윤": ("yoon", "yun"), "장": ("jang", "chang"), "임": ("lim", "im", "rim"), "한": ("han",),
    "오": ("oh", "o"), "서": ("seo", "suh", "so"), "신": ("shin", "sin"), "권": ("kwon", "gwon"),
    "황": ("hwang",), "안": ("ahn", "an"), "송": ("song",), "류": ("ryu", "yoo", "yu", "ryoo"),
    "유": ("yoo", "yu", "you"), "홍": ("hong",), "전": ("jeon", "jun", "chun", "chon"), "고": ("ko", "go", "koh"),
    "문": ("moon", "mun"), "양": ("yang", "ryang"), "손": ("son", "sohn"), "배": ("bae", "pae"),
    "백": ("baek", "paek", "paik", "back"), "허": ("heo", "hur", "huh", "ho"), "남": ("nam",),
    "심": ("shim", "sim"), "노": ("noh", "roh", "no", "ro"), "하": ("ha",), "곽": ("kwak", "gwak"),
    "성": ("sung", "seong", "song"), "차": ("cha",), "주": ("joo", "ju", "chu", "choo"), "우": ("woo", "wu", "u"),
    "구": ("koo", "ku", "gu"), "민": ("min",), "나": ("na", "ra"), "진": ("jin", "chin"), "지": ("ji", "chi"),
    "엄": ("eom", "um", "uhm"), "채": ("chae",), "원": ("won",), "천": ("cheon", "chun"), "방": ("bang", "pang"),
    "공": ("kong", "gong"), "현": ("hyun", "hyeon"), "함": ("ham",), "변": ("byun", "byeon", "pyon"),
    "염": ("yeom", "yum"), "여": ("yeo", "yoh", "yo"), "추": ("choo", "chu"), "도": ("do", "doh", "to"),
    "소": ("so", "soh"), "석": ("seok", "suk", "sok"), "설": ("seol", "sul"), "마": ("ma",), "길": ("gil", "kil"),
    "연": ("yeon", "yun", "yon"), "명": ("myung", "myeong", "myong"), "위": ("wi", "wee"), "표": ("pyo",),
    "기": ("ki", "gi"), "반": ("ban", "pan"), "왕": ("wang",), "금": ("keum", "geum", "kum"), "옥": ("ok",),
    "육": ("yuk", "yook"), "인": ("in",), "맹": ("maeng",), "제": ("je", "jae"), "모": ("mo",), "리": ("ri", "lee"),
    "남궁": ("namgung", "namkung"), "황보": ("hwangbo",), "제갈": ("jegal", "chegal"), "선우": ("sunwoo", "seonu"),
    "독고": ("dokgo", "tokko"), "사공": ("sagong",), "서문": ("seomun",), "동방": ("dongbang",),
}
_TWO_SYLLABLE_FAMILY = frozenset(k for k in _FAMILY if len(k) == 2)


def korean_forms(text: str) -> list[Candidate]:
    return list(_forms(text))


@lru_cache(maxsize=65536)
def _forms(text: str) -> tuple[Candidate, ...]:
    tokens = ["".join(ch for ch in t if _is_syllable(ch)) for t in text.replace("-", " ").split()]
    tokens = [t for t in tokens if t]
    if not tokens:
        return ()
    if len(tokens) >= 2 and len(tokens[0]) > 2:
        # several long words: a foreign name written in Hangul, in its own order
        return tuple((" ".join(f(t) for t in tokens), name, w, None)
                     for f, name, w in ((_rr, "rr", 1.0), (_popular_o, "popular", 0.9), (_mr, "mr", 0.85)))
    if len(tokens) >= 2:
        family, given = tokens[0], "".join(tokens[1:])
    else:
        word = tokens[0]
        cut = 2 if len(word) >= 3 and word[:2] in _TWO_SYLLABLE_FAMILY else 1
        family, given = word[:cut], word[cut:]
    return tuple(_family_given(family, given))


def _family_given(family: str, given: str) -> list[Candidate]:
    passport = _FAMILY.get(family) or (_rr(family),)
    fam_rr, fam_mr = _rr(family), _mr(family)
    if not given:
        alone: list[Candidate] = [(passport[0], "passport", 1.0, True), (fam_rr, "rr", 0.9, True),
                                  (fam_mr, "mr", 0.85, True)]
        alone += [(p, "passport", 0.85 - 0.03 * k, True) for k, p in enumerate(passport[1:])]
        return alone
    syllables = list(given)
    rr = [_rr(s) for s in syllables]
    mr_joined = _mr(given)
    mr_split = [_mr(s) for s in syllables]
    pop_o = [_popular_o(s) for s in syllables]
    pop = [_POPULAR_SYLLABLE.get(s) or _popular_o(s) for s in syllables]
    p0 = passport[0]
    out: list[Candidate] = [
        (f"{p0} {''.join(rr)}", "rr", 1.0, True),
        (f"{p0} {' '.join(rr)}", "rr", 0.95, True),
        (f"{p0} {''.join(pop_o)}", "popular", 0.9, True),
        (f"{p0} {' '.join(pop_o)}", "popular", 0.88, True),
        (f"{fam_mr} {mr_joined}", "mr", 0.87, True),
        (f"{p0} {''.join(pop)}", "popular", 0.86, True),
        (f"{fam_mr} {' '.join(mr_split)}", "mr", 0.83, True),
        (f"{p0} {' '.join(pop)}", "popular", 0.84, True),
        (f"{fam_rr} {''.join(rr)}", "rr", 0.8, True),
        (f"{p0} {mr_joined}", "mr", 0.78, True),
        (f"{fam_rr} {' '.join(rr)}", "rr", 0.76, True),
    ]
    for k, alt in enumerate(passport[1:]):
        out.append((f"{alt} {''.join(rr)}", "rr", 0.855 - 0.04 * k, True))
        out.append((f"{alt} {''.join(pop)}", "popular", 0.8 - 0.04 * k, True))
        out.append((f"{alt} {' '.join(pop_o)}", "popular", 0.79 - 0.04 * k, True))
    return out


def _is_syllable(ch: str) -> bool:
    return 0xAC00 <= ord(ch) <= 0xD7A3


def _parts(ch: str) -> tuple[int, int, int]:
    code = ord(ch) - 0xAC00
    return code // 588, (code % 588) // 28, code % 28


def _rr(word: str) -> str:
    out = []
    prev_final = 0
    for ch in word:
        if not _is_syllable(ch):
            continue
        i, v, f = _parts(ch)
        initial = _RR_INITIAL[i]
        if i == 5 and prev_final == 8:  # ㄹ after ㄹ: ll
            initial = "l"
        out.append(initial + _RR_VOWEL[v] + _RR_FINAL[f])
        prev_final = f
    return "".join(out)


def _popular_o(word: str) -> str:
    """RR consonants with the vowels people write for ㅓ ㅕ ㅡ (o, yo, u): 정은 -> jongun."""
    out = []
    for ch in word:
        if _is_syllable(ch):
            i, v, f = _parts(ch)
            out.append(_RR_INITIAL[i] + _POP_VOWEL[v] + _RR_FINAL[f])
    return "".join(out)


def _mr(word: str) -> str:
    out = []
    prev_final = -1
    for ch in word:
        if not _is_syllable(ch):
            continue
        i, v, f = _parts(ch)
        if prev_final in _VOICING_FINALS and i in _MR_VOICED:
            initial = _MR_VOICED[i]
        elif i == 5 and prev_final in (4, 8):  # ㄹ after n or l: ll
            initial = "l"
        else:
            initial = _MR_INITIAL[i]
        if i == 9 and v in (20, 16):  # ㅅ before ㅣ ㅟ: sh
            initial = "sh"
        out.append(initial + _MR_VOWEL[v] + _RR_FINAL[f])
        prev_final = f
    return "".join(out)
