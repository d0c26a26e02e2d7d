"""INTERPOL's code tables: sex, eye and hair colours, spoken languages (ISO 639-2/B)."""

from __future__ import annotations

from enum import StrEnum

from ncb.errors import ValidationError


class Sex(StrEnum):
    MALE = "M"
    FEMALE = "F"
    UNKNOWN = "U"

    @classmethod
    def parse(cls, value: str | None) -> Sex:
        if value is None or value == "":
            return cls.UNKNOWN
        try:
            return cls(value.strip().upper())
        except ValueError:
            raise ValidationError(f"sex must be M, F or U, not {value!r}", field="sex_id") from None


class EyeColour(StrEnum):
    BLACK = "BLA"
    BLUE = "BLU"
    LIGHT_BLUE = "BLUL"
    BROWN = "BRO"
    DARK_BROWN = "BROD"
    HAZEL = "BROH"
    LIGHT_BROWN = "BROL"
    GREEN = "GRE"
    GREY = "GRY"
    DIFFERENT_COLOURS = "OTHC"
    DARK = "OTHD"
    LIGHT = "OTHL"


class HairColour(StrEnum):
    BLACK = "BLA"
    BROWN = "BRO"
    FAIR = "BROF"
    GREY = "GRY"
    GREYING = "GRYG"
    BALD = "HAIB"
    DYED = "HAID"
    DARK = "OTHD"
    RED = "RED"
    AUBURN = "REDA"
    WHITE = "WHI"
    BLOND = "YELB"


EYE_LABELS: dict[EyeColour, tuple[str, str]] = {
    EyeColour.BLACK: ("black", "黒"), EyeColour.BLUE: ("blue", "青"), EyeColour.LIGHT_BLUE: ("light blue", "淡い青"),
    EyeColour.BROWN: ("brown", "茶"), EyeColour.DARK_BROWN: ("dark brown", "濃い茶"),
    EyeColour.HAZEL: ("hazel", "ヘーゼル"), EyeColour.LIGHT_BROWN: ("light brown", "薄い茶"),
    EyeColour.GREEN: ("green", "緑"), EyeColour.GREY: ("grey", "灰"),
    EyeColour.DIFFERENT_COLOURS: ("of different colours", "左右で異なる色"),
    EyeColour.DARK: ("dark", "暗色"), EyeColour.LIGHT: ("light", "明色"),
}

HAIR_LABELS: dict[HairColour, tuple[str, str]] = {
    HairColour.BLACK: ("black", "黒"), HairColour.BROWN: ("brown", "茶"), HairColour.FAIR: ("fair", "淡色"),
    HairColour.GREY: ("grey", "灰"), HairColour.GREYING: ("greying", "白髪まじり"), HairColour.BALD: ("bald", "はげ"),
    HairColour.DYED: ("dyed", "染髪"), HairColour.DARK: ("dark", "暗色"), HairColour.RED: ("red", "赤"),
    HairColour.AUBURN: ("auburn", "赤褐色"), HairColour.WHITE: ("white", "白"), HairColour.BLOND: ("blond", "金髪"),
}

# ISO 639-2/B codes as INTERPOL writes them (upper case), with English and Japanese names.
LANGUAGES: dict[str, tuple[str, str]] = {
    "AFR": ("Afrikaans", "アフリカーンス語"), "ALB": ("Albanian", "アルバニア語"), "AMH": ("Amharic", "アムハラ語"),
    "ARA": ("Arabic", "アラビア語"), "ARM": ("Armenian", "アルメニア語"), "AZE": ("Azerbaijani", "アゼルバイジャン語"),
    "BAQ": ("Basque", "バスク語"), "BEL": ("Belarusian", "ベラルーシ語"), "BEN": ("Bengali", "ベンガル語"),
    "BOS": ("Bosnian", "ボスニア語"), "BUL": ("Bulgarian", "ブルガリア語"), "BUR": ("Burmese", "ビルマ語"),
    "CAT": ("Catalan", "カタロニア語"), "CHI": ("Chinese", "中国語"), "HRV": ("Croatian", "クロアチア語"),
    "CZE": ("Czech", "チェコ語"), "DAN": ("Danish", "デンマーク語"), "DUT": ("Dutch", "オランダ語"),
    "ENG": ("English", "英語"), "EST": ("Estonian", "エストニア語"), "FIL": ("Filipino", "フィリピノ語"),
    "FIN": ("Finnish", "フィンランド語"), "FRE": ("French", "フランス語"), "GEO": ("Georgian", "ジョージア語"),
    "GER": ("German", "ドイツ語"), "GRE": ("Greek", "ギリシャ語"), "GUJ": ("Gujarati", "グジャラート語"),
    "HAU": ("Hausa", "ハウサ語"), "HEB": ("Hebrew", "ヘブライ語"), "HIN": ("Hindi", "ヒンディー語"),
    "HUN": ("Hungarian", "ハンガリー語"), "ICE": ("Icelandic", "アイスランド語"), "IBO": ("Igbo", "イボ語"),
    "IND": ("Indonesian", "インドネシア語"), "GLE": ("Irish", "アイルランド語"), "ITA": ("Italian", "イタリア語"),
    "JPN": ("Japanese", "日本語"), "KAZ": ("Kazakh", "カザフ語"), "KHM": ("Khmer", "クメール語"),
    "KIR": ("Kyrgyz", "キルギス語"), "KOR": ("Korean", "韓国語"), "KUR": ("Kurdish", "クルド語"),
    "LAO": ("Lao", "ラオ語"), "LAV": ("Latvian", "ラトビア語"), "LIT": ("Lithuanian", "リトアニア語"),
    "MAC": ("Macedonian", "マケドニア語"), "MAY": ("Malay", "マレー語"), "MAL": ("Malayalam", "マラヤーラム語"),
    "MLT": ("Maltese", "マルタ語"), "MAR": ("Marathi", "マラーティー語"), "MON": ("Mongolian", "モンゴル語"),
    "NEP": ("Nepali", "ネパール語"), "NOR": ("Norwegian", "ノルウェー語"), "PAN": ("Punjabi", "パンジャブ語"),
    "PER": ("Persian", "ペルシア語"), "POL": ("Polish", "ポーランド語"), "POR": ("Portuguese", "ポルトガル語"),
    "PUS": ("Pashto", "パシュトー語"), "RUM": ("Romanian", "ルーマニア語"), "RUS": ("Russian", "ロシア語"),
    "SRP": ("Serbian", "セルビア語"), "SIN": ("Sinhala", "シンハラ語"), "SLO": ("Slovak", "スロバキア語"),
    "SLV": ("Slovenian", "スロベニア語"), "SOM": ("Somali", "ソマリ語"), "SPA": ("Spanish", "スペイン語"),
    "SWA": ("Swahili", "スワヒリ語"), "SWE": ("Swedish", "スウェーデン語"), "TGL": ("Tagalog", "タガログ語"),
    "TAJ": ("Tajik", "タジク語"), "TAM": ("Tamil", "タミル語"), "TEL": ("Telugu", "テルグ語"),
    "THA": ("Thai", "タイ語"), "TIB": ("Tibetan", "チベット語"), "TIR": ("Tigrinya", "ティグリニャ語"),
    "TUR": ("Turkish", "トルコ語"), "TUK": ("Turkmen", "トルクメン語"), "UKR": ("Ukrainian", "ウクライナ語"),
    "URD": ("Urdu", "ウルドゥー語"), "UZB": ("Uzbek", "ウズベク語"), "VIE": ("Vietnamese", "ベトナム語"),
    "WEL": ("Welsh", "ウェールズ語"), "YOR": ("Yoruba", "ヨルバ語"), "ZUL": ("Zulu", "ズールー語"),
}


def parse_eye(value: str, field: str = "eyes_colors_id") -> EyeColour:
    try:
        return EyeColour(value.strip().upper())
    except ValueError:
        allowed = ", ".join(e.value for e in EyeColour)
        raise ValidationError(f"unknown eye colour code {value!r} (one of {allowed})", field=field) from None


def parse_hair(value: str, field: str = "hairs_id") -> HairColour:
    try:
        return HairColour(value.strip().upper())
    except ValueError:
        allowed = ", ".join(h.value for h in HairColour)
        raise ValidationError(f"unknown hair colour code {value!r} (one of {allowed})", field=field) from None


def parse_language(value: str, field: str = "languages_spoken_ids") -> str:
    code = value.strip().upper()
    if code not in LANGUAGES:
        raise ValidationError(f"unknown language code {value!r} (ISO 639-2/B, e.g. ENG, JPN)", field=field)
    return code
