"""Names of subjects: one written form each, with its script and kind."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from enum import StrEnum

from ncb.errors import ValidationError


class Script(StrEnum):
    LATIN = "latin"
    HAN = "han"  # kanji / hanzi
    HIRAGANA = "hiragana"
    KATAKANA = "katakana"
    JAPANESE = "japanese"  # kanji mixed with kana
    HANGUL = "hangul"
    CYRILLIC = "cyrillic"
    ARABIC = "arabic"
    GREEK = "greek"
    OTHER = "other"


class NameKind(StrEnum):
    PRIMARY = "primary"
    ALIAS = "alias"
    BIRTH = "birth"
    ORIGINAL_SCRIPT = "original_script"


def detect_script(text: str) -> Script:
    """The script of a name from its letters (kanji with kana is Japanese; kana alone keeps its kind)."""
    if text.isascii():
        return Script.LATIN if any(ch.isalpha() for ch in text) else Script.OTHER
    seen: set[Script] = set()
    for ch in text:
        if not ch.isalpha() or unicodedata.category(ch) == "Lm":  # modifier letters: ʼ in Мар'яна
            continue
        cp = ord(ch)
        if 0x3040 <= cp <= 0x309F:
            seen.add(Script.HIRAGANA)
        elif 0x30A0 <= cp <= 0x30FF or 0x31F0 <= cp <= 0x31FF or 0xFF66 <= cp <= 0xFF9F:
            seen.add(Script.KATAKANA)
        elif 0x4E00 <= cp <= 0x9FFF or 0x3400 <= cp <= 0x4DBF or 0xF900 <= cp <= 0xFAFF or ch in "々〆":
            seen.add(Script.HAN)
        elif 0xAC00 <= cp <= 0xD7AF or 0x1100 <= cp <= 0x11FF or 0x3130 <= cp <= 0x318F:
            seen.add(Script.HANGUL)
        else:
            uname = unicodedata.name(ch, "")
            if uname.startswith("LATIN") or uname.startswith("FULLWIDTH LATIN"):
                seen.add(Script.LATIN)
            elif uname.startswith("CYRILLIC"):
                seen.add(Script.CYRILLIC)
            elif uname.startswith("ARABIC"):
                seen.add(Script.ARABIC)
            elif uname.startswith("GREEK"):
                seen.add(Script.GREEK)
            else:
                seen.add(Script.OTHER)
    if not seen:
        return Script.OTHER
    if len(seen) == 1:
        return next(iter(seen))
    kana = {Script.HIRAGANA, Script.KATAKANA}
    if seen <= kana | {Script.HAN}:
        return Script.JAPANESE if Script.HAN in seen or seen == kana else next(iter(seen))
    if Script.LATIN in seen and len(seen - {Script.LATIN}) == 0:
        return Script.LATIN
    return Script.OTHER


@dataclass(frozen=True)
class Name:
    """One written form of a name. ``name`` is the family name, ``forename`` the given names (INTERPOL's words).

    ``full`` is the whole name as written when it is not simply ``forename name`` (for example 山田太郎
    written without a space).
    """

    name: str | None = None
    forename: str | None = None
    full_text: str | None = None
    kind: NameKind = NameKind.PRIMARY
    script: Script | None = None

    def __post_init__(self) -> None:
        for attr in ("name", "forename", "full_text"):
            value = getattr(self, attr)
            if value is not None:
                cleaned = " ".join(value.split())
                object.__setattr__(self, attr, cleaned or None)
        if not (self.name or self.forename or self.full_text):
            raise ValidationError("a name needs at least a family name, a forename or a full form", field="name")
        if self.script is None:
            object.__setattr__(self, "script", detect_script(self.full))

    @property
    def full(self) -> str:
        """The whole name: as written when given; else family name first without a space in CJK and
        Hangul scripts, ``forename name`` elsewhere."""
        if self.full_text:
            return self.full_text
        if self.script in _FAMILY_FIRST:
            return "".join(p for p in (self.name, self.forename) if p)
        return " ".join(p for p in (self.forename, self.name) if p)

    def to_dict(self) -> dict[str, str | None]:
        return {"kind": self.kind.value, "script": (self.script or Script.OTHER).value,
                "name": self.name, "forename": self.forename, "full": self.full_text}

    @classmethod
    def from_dict(cls, d: dict[str, str | None]) -> Name:
        return cls(name=d.get("name"), forename=d.get("forename"), full_text=d.get("full"),
                   kind=NameKind(d.get("kind") or "primary"),
                   script=Script(str(d["script"])) if d.get("script") else None)


_FAMILY_FIRST = {Script.HAN, Script.JAPANESE, Script.HIRAGANA, Script.KATAKANA, Script.HANGUL}
