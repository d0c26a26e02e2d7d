"""Bureaus (National Central Bureaus) and the domestic agencies under them.

The seed is INTERPOL Tokyo, inside Japan's National Police Agency, described in full. Every other member
country gets a generic bureau named after the city it sits in ("INTERPOL Nairobi"), or "NCB <country>"
where that city is uncertain (a contested or recently moved capital, a bureau not yet set up).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from functools import cache

from ncb.domain.countries import country_name, member_countries, validate_country
from ncb.errors import NotFound

#: A text in English and Japanese.
Bilingual = tuple[str, str]


@dataclass(frozen=True)
class Event:
    """A dated event in a bureau's history, for its country page."""

    year: int
    title_en: str
    title_ja: str


@dataclass(frozen=True)
class Bureau:
    """A member country's National Central Bureau."""

    country: str
    name_en: str
    name_ja: str
    member_since: str | None = None
    host_agency_en: str | None = None
    host_agency_ja: str | None = None
    host_unit_en: str | None = None
    host_unit_ja: str | None = None
    city_en: str | None = None
    city_ja: str | None = None
    address_en: str | None = None
    address_ja: str | None = None
    duties: tuple[Bilingual, ...] = ()
    units: tuple[Bilingual, ...] = ()
    events: tuple[Event, ...] = ()

    def name(self, locale: str = "en") -> str:
        return self.name_ja if _is_japanese(locale) else self.name_en


class AgencyKind(StrEnum):
    PREFECTURAL_POLICE = "prefectural_police"
    NATIONAL_AGENCY = "national_agency"
    OTHER = "other"


@dataclass(frozen=True)
class Agency:
    """A domestic law-enforcement body that sends its requests through a bureau."""

    id: str
    bureau: str
    name_en: str
    name_ja: str
    kind: AgencyKind

    def name(self, locale: str = "en") -> str:
        return self.name_ja if _is_japanese(locale) else self.name_en


def _is_japanese(locale: str) -> bool:
    return locale.replace("-", "_").split("_")[0].lower() == "ja"


TOKYO = Bureau(
    country="JP",
    name_en="INTERPOL Tokyo",
    name_ja="インターポール東京",
    member_since="1952/08",
    host_agency_en="National Police Agency",
    host_agency_ja="警察庁",
    host_unit_en=(
        "International Investigative Operations Division, Organized Crime Department, Criminal Affairs Bureau"
    ),
    host_unit_ja="刑事局組織犯罪対策部 国際捜査管理官",
    city_en="Tokyo",
    city_ja="東京",
    address_en="2-1-2 Kasumigaseki, Chiyoda-ku, Tokyo 100-8974",
    address_ja="〒100-8974 東京都千代田区霞が関2-1-2 中央合同庁舎第2号館",
    duties=(
        ("Exchanging criminal information with the bureaus of other member countries over I-24/7",
         "I-24/7による他の加盟国の国家中央事務局との犯罪情報の交換"),
        ("Requesting notices for Japanese investigations and acting on notices published for other countries",
         "日本の捜査のための国際手配書の請求と、他国の手配書への対応"),
        ("Locating and identifying fugitives who have fled abroad",
         "国外に逃亡した被疑者の所在発見と特定"),
        ("Coordinating extradition and provisional arrest with the Ministry of Justice and foreign "
         "authorities",
         "法務省及び外国当局との犯罪人引渡し・仮拘禁の調整"),
        ("Answering requests from foreign bureaus and passing them to the prefectural police",
         "外国の国家中央事務局からの要請への回答と都道府県警察への連絡"),
        ("Choosing the channel for each request: INTERPOL, diplomatic, or mutual legal assistance (MLAT)",
         "要請ごとの経路（ICPO、外交ルート、刑事共助条約）の選択"),
        ("Contributing wanted persons, stolen travel documents, fingerprints and DNA profiles to "
         "INTERPOL's databases",
         "手配被疑者、盗難・紛失旅券、指紋、DNA型のICPOデータベースへの登録"),
    ),
    # Illustrative: INTERPOL describes the bureau as seven units of about 50 officers, without naming them.
    units=(
        ("Information Exchange Unit", "情報交換担当"),
        ("Notices Unit", "国際手配担当"),
        ("International Fugitives Unit", "国外逃亡被疑者担当"),
        ("Extradition and Mutual Legal Assistance Unit", "犯罪人引渡し・捜査共助担当"),
        ("Databases and Screening Unit", "データベース・照会担当"),
        ("Criminal Analysis Unit", "犯罪分析担当"),
        ("Liaison and International Conferences Unit", "連絡調整・国際会議担当"),
    ),
    events=(
        Event(1952, "Japan joins the International Criminal Police Commission", "国際刑事警察委員会に加盟"),
        Event(1967, "36th INTERPOL General Assembly held in Kyoto", "第36回ICPO総会を京都で開催"),
        Event(2000, "Toshinori Kanemoto of the National Police Agency elected President of INTERPOL",
              "警察庁の金本敏憲氏がICPO総裁に選出"),
    ),
)

# The city each generic bureau sits in: the capital, or the seat INTERPOL names where that differs
# (Wiesbaden, The Hague, Manchester, Abidjan, Cotonou, Dar es Salaam, Pretoria, La Paz, Colombo).
# Members missing here get "NCB <country>": Burundi, Israel, Myanmar, Micronesia, Nauru, Palau,
# Palestine and Yemen.
_CITIES: dict[str, Bilingual] = {
    # Africa
    "AO": ("Luanda", "ルアンダ"), "BF": ("Ouagadougou", "ワガドゥグー"), "BJ": ("Cotonou", "コトヌー"),
    "BW": ("Gaborone", "ハボローネ"), "CD": ("Kinshasa", "キンシャサ"), "CF": ("Bangui", "バンギ"),
    "CG": ("Brazzaville", "ブラザビル"), "CI": ("Abidjan", "アビジャン"), "CM": ("Yaoundé", "ヤウンデ"),
    "CV": ("Praia", "プライア"), "DJ": ("Djibouti", "ジブチ"), "ER": ("Asmara", "アスマラ"),
    "ET": ("Addis Ababa", "アディスアベバ"), "GA": ("Libreville", "リーブルビル"),
    "GH": ("Accra", "アクラ"), "GM": ("Banjul", "バンジュール"), "GN": ("Conakry", "コナクリ"),
    "GQ": ("Malabo", "マラボ"), "GW": ("Bissau", "ビサウ"), "KE": ("Nairobi", "ナイロビ"),
    "KM": ("Moroni", "モロニ"), "LR": ("Monrovia", "モンロビア"), "LS": ("Maseru", "マセル"),
    "MG": ("Antananarivo", "アンタナナリボ"), "ML": ("Bamako", "バマコ"),
    "MR": ("Nouakchott", "ヌアクショット"), "MU": ("Port Louis", "ポートルイス"),
    "MW": ("Lilongwe", "リロングウェ"), "MZ": ("Maputo", "マプト"), "NA": ("Windhoek", "ウィントフック"),
    "NE": ("Niamey", "ニアメ"), "NG": ("Abuja", "アブジャ"), "RW": ("Kigali", "キガリ"),
    "SC": ("Victoria", "ビクトリア"), "SD": ("Khartoum", "ハルツーム"), "SL": ("Freetown", "フリータウン"),
    "SN": ("Dakar", "ダカール"), "SO": ("Mogadishu", "モガディシュ"), "SS": ("Juba", "ジュバ"),
    "ST": ("São Tomé", "サントメ"), "SZ": ("Mbabane", "ムババーネ"), "TD": ("N'Djamena", "ンジャメナ"),
    "TG": ("Lomé", "ロメ"), "TZ": ("Dar es Salaam", "ダルエスサラーム"), "UG": ("Kampala", "カンパラ"),
    "ZA": ("Pretoria", "プレトリア"), "ZM": ("Lusaka", "ルサカ"), "ZW": ("Harare", "ハラレ"),
    # Middle East & North Africa
    "AE": ("Abu Dhabi", "アブダビ"), "BH": ("Manama", "マナーマ"), "DZ": ("Algiers", "アルジェ"),
    "EG": ("Cairo", "カイロ"), "IQ": ("Baghdad", "バグダッド"), "JO": ("Amman", "アンマン"),
    "KW": ("Kuwait City", "クウェート市"), "LB": ("Beirut", "ベイルート"), "LY": ("Tripoli", "トリポリ"),
    "MA": ("Rabat", "ラバト"), "OM": ("Muscat", "マスカット"), "QA": ("Doha", "ドーハ"),
    "SA": ("Riyadh", "リヤド"), "SY": ("Damascus", "ダマスカス"), "TN": ("Tunis", "チュニス"),
    # Americas
    "AG": ("St. John's", "セントジョンズ"), "AR": ("Buenos Aires", "ブエノスアイレス"),
    "AW": ("Oranjestad", "オラニエスタッド"), "BB": ("Bridgetown", "ブリッジタウン"),
    "BO": ("La Paz", "ラパス"), "BR": ("Brasília", "ブラジリア"), "BS": ("Nassau", "ナッソー"),
    "BZ": ("Belmopan", "ベルモパン"), "CA": ("Ottawa", "オタワ"), "CL": ("Santiago", "サンティアゴ"),
    "CO": ("Bogotá", "ボゴタ"), "CR": ("San José", "サンホセ"), "CU": ("Havana", "ハバナ"),
    "CW": ("Willemstad", "ウィレムスタッド"), "DM": ("Roseau", "ロゾー"),
    "DO": ("Santo Domingo", "サントドミンゴ"), "EC": ("Quito", "キト"),
    "GD": ("St. George's", "セントジョージズ"), "GT": ("Guatemala City", "グアテマラシティ"),
    "GY": ("Georgetown", "ジョージタウン"), "HN": ("Tegucigalpa", "テグシガルパ"),
    "HT": ("Port-au-Prince", "ポルトープランス"), "JM": ("Kingston", "キングストン"),
    "KN": ("Basseterre", "バセテール"), "LC": ("Castries", "カストリーズ"),
    "MX": ("Mexico City", "メキシコシティ"), "NI": ("Managua", "マナグア"),
    "PA": ("Panama City", "パナマシティ"), "PE": ("Lima", "リマ"), "PY": ("Asunción", "アスンシオン"),
    "SR": ("Paramaribo", "パラマリボ"), "SV": ("San Salvador", "サンサルバドル"),
    "SX": ("Philipsburg", "フィリップスバーグ"), "TT": ("Port of Spain", "ポートオブスペイン"),
    "US": ("Washington", "ワシントン"), "UY": ("Montevideo", "モンテビデオ"),
    "VC": ("Kingstown", "キングスタウン"), "VE": ("Caracas", "カラカス"),
    # Europe
    "AD": ("Andorra la Vella", "アンドラ・ラ・ベリャ"), "AL": ("Tirana", "ティラナ"),
    "AM": ("Yerevan", "エレバン"), "AT": ("Vienna", "ウィーン"), "AZ": ("Baku", "バクー"),
    "BA": ("Sarajevo", "サラエボ"), "BE": ("Brussels", "ブリュッセル"), "BG": ("Sofia", "ソフィア"),
    "BY": ("Minsk", "ミンスク"), "CH": ("Bern", "ベルン"), "CY": ("Nicosia", "ニコシア"),
    "CZ": ("Prague", "プラハ"), "DE": ("Wiesbaden", "ヴィースバーデン"),
    "DK": ("Copenhagen", "コペンハーゲン"), "EE": ("Tallinn", "タリン"), "ES": ("Madrid", "マドリード"),
    "FI": ("Helsinki", "ヘルシンキ"), "FR": ("Paris", "パリ"), "GB": ("Manchester", "マンチェスター"),
    "GE": ("Tbilisi", "トビリシ"), "GR": ("Athens", "アテネ"), "HR": ("Zagreb", "ザグレブ"),
    "HU": ("Budapest", "ブダペスト"), "IE": ("Dublin", "ダブリン"), "IS": ("Reykjavík", "レイキャビク"),
    "IT": ("Rome", "ローマ"), "KG": ("Bishkek", "ビシュケク"), "KZ": ("Astana", "アスタナ"),
    "LI": ("Vaduz", "ファドゥーツ"), "LT": ("Vilnius", "ビリニュス"),
    "LU": ("Luxembourg", "ルクセンブルク"), "LV": ("Riga", "リガ"), "MC": ("Monaco", "モナコ"),
    "MD": ("Chișinău", "キシナウ"), "ME": ("Podgorica", "ポドゴリツァ"), "MK": ("Skopje", "スコピエ"),
    "MT": ("Valletta", "バレッタ"), "NL": ("The Hague", "ハーグ"), "NO": ("Oslo", "オスロ"),
    "PL": ("Warsaw", "ワルシャワ"), "PT": ("Lisbon", "リスボン"), "RO": ("Bucharest", "ブカレスト"),
    "RS": ("Belgrade", "ベオグラード"), "RU": ("Moscow", "モスクワ"), "SE": ("Stockholm", "ストックホルム"),
    "SI": ("Ljubljana", "リュブリャナ"), "SK": ("Bratislava", "ブラチスラバ"),
    "SM": ("San Marino", "サンマリノ"), "TJ": ("Dushanbe", "ドゥシャンベ"),
    "TM": ("Ashgabat", "アシガバート"), "TR": ("Ankara", "アンカラ"), "UA": ("Kyiv", "キーウ"),
    "UZ": ("Tashkent", "タシケント"), "VA": ("Vatican City", "バチカン"),
    # Asia & South Pacific
    "AF": ("Kabul", "カブール"), "AU": ("Canberra", "キャンベラ"), "BD": ("Dhaka", "ダッカ"),
    "BN": ("Bandar Seri Begawan", "バンダルスリブガワン"), "BT": ("Thimphu", "ティンプー"),
    "CN": ("Beijing", "北京"), "FJ": ("Suva", "スバ"), "ID": ("Jakarta", "ジャカルタ"),
    "IN": ("New Delhi", "ニューデリー"), "IR": ("Tehran", "テヘラン"), "KH": ("Phnom Penh", "プノンペン"),
    "KI": ("Tarawa", "タラワ"), "KR": ("Seoul", "ソウル"), "LA": ("Vientiane", "ビエンチャン"),
    "LK": ("Colombo", "コロンボ"), "MH": ("Majuro", "マジュロ"), "MN": ("Ulaanbaatar", "ウランバートル"),
    "MV": ("Malé", "マレ"), "MY": ("Kuala Lumpur", "クアラルンプール"), "NP": ("Kathmandu", "カトマンズ"),
    "NZ": ("Wellington", "ウェリントン"), "PG": ("Port Moresby", "ポートモレスビー"),
    "PH": ("Manila", "マニラ"), "PK": ("Islamabad", "イスラマバード"), "SB": ("Honiara", "ホニアラ"),
    "SG": ("Singapore", "シンガポール"), "TH": ("Bangkok", "バンコク"), "TL": ("Dili", "ディリ"),
    "TO": ("Nukuʻalofa", "ヌクアロファ"), "VN": ("Hanoi", "ハノイ"), "VU": ("Port Vila", "ポートビラ"),
    "WS": ("Apia", "アピア"),
}


def _interpol_ja(city_ja: str) -> str:
    """Kanji follow directly ("インターポール東京"); katakana after a middle dot ("インターポール・パリ")."""
    starts_katakana = "\u30a0" <= city_ja[0] <= "\u30ff"
    return f"インターポール{'・' if starts_katakana else ''}{city_ja}"


# Where CLDR's display name reads badly in a bureau's name ("Myanmar (Burma)", "Palestinian Territories").
_SHORT_NAMES: dict[str, Bilingual] = {"MM": ("Myanmar", "ミャンマー"), "PS": ("Palestine", "パレスチナ")}


def _generic_bureau(code: str, member_since: str | None) -> Bureau:
    city = _CITIES.get(code)
    if city is None:
        en, ja = _SHORT_NAMES.get(code) or (country_name(code, "en"), country_name(code, "ja"))
        name_ja = f"{ja}国家中央事務局"
        return Bureau(country=code, name_en=f"NCB {en}", name_ja=name_ja, member_since=member_since)
    city_en, city_ja = city
    return Bureau(
        country=code,
        name_en=f"INTERPOL {city_en}",
        name_ja=_interpol_ja(city_ja),
        member_since=member_since,
        city_en=city_en,
        city_ja=city_ja,
    )


@cache
def seed_bureaus() -> tuple[Bureau, ...]:
    """One bureau per member country, sorted by country code: INTERPOL Tokyo in full, the rest generic."""
    full = {TOKYO.country: TOKYO}
    return tuple(
        full.get(code) or _generic_bureau(code, country.member_since)
        for code, country in sorted(member_countries().items())
    )


@cache
def _bureaus_by_country() -> dict[str, Bureau]:
    return {bureau.country: bureau for bureau in seed_bureaus()}


def bureau_for(code: str) -> Bureau:
    """The bureau of member country ``code``; ``NotFound`` for a valid code that is not a member."""
    normal = validate_country(code)
    bureau = _bureaus_by_country().get(normal)
    if bureau is None:
        raise NotFound(f"{normal} is not an INTERPOL member country, so it has no bureau", field="country")
    return bureau


def seed_agencies() -> tuple[Agency, ...]:
    """A handful of Japanese prefectural police forces that send their requests through INTERPOL Tokyo."""
    pp = AgencyKind.PREFECTURAL_POLICE
    return (
        Agency("JP-TOKYO-MPD", "JP", "Tokyo Metropolitan Police Department", "警視庁", pp),
        Agency("JP-OSAKA-PP", "JP", "Osaka Prefectural Police", "大阪府警察", pp),
        Agency("JP-KANAGAWA-PP", "JP", "Kanagawa Prefectural Police", "神奈川県警察", pp),
        Agency("JP-AICHI-PP", "JP", "Aichi Prefectural Police", "愛知県警察", pp),
        Agency("JP-HOKKAIDO-PP", "JP", "Hokkaido Prefectural Police", "北海道警察", pp),
        Agency("JP-FUKUOKA-PP", "JP", "Fukuoka Prefectural Police", "福岡県警察", pp),
    )
