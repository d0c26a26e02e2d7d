"""Countries: ISO 3166-1 codes, INTERPOL's member countries and regions, display names from CLDR.

Display names come from CLDR through Babel (pycountry lacks Kosovo ``XK`` and names Taiwan oddly in
Japanese). INTERPOL's data also carries two non-ISO codes, ``914`` and ``922``; they are accepted
wherever a country code is, with a generic label. The member list is the CSV shipped in
``ncb/domain/data``, read once at first use.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from importlib import resources

from babel import Locale, UnknownLocaleError

from ncb.errors import ValidationError

#: INTERPOL's non-ISO country codes (they occur in its public notices data).
INTERPOL_SPECIAL_CODES: frozenset[str] = frozenset({"914", "922"})

# Two-letter keys CLDR knows that are not ISO 3166-1 countries: exceptional reservations
# (Ascension, Clipperton, Diego Garcia, Ceuta and Melilla, Canary Islands, Tristan da Cunha), groupings
# (EU, eurozone, UN, outlying Oceania) and pseudo or unknown regions.
_CLDR_NOT_ISO: frozenset[str] = frozenset(
    {"AC", "CP", "CQ", "DG", "EA", "EU", "EZ", "IC", "QO", "TA", "UN", "XA", "XB", "ZZ"}
)

_MEMBER_SINCE = re.compile(r"^\d{4}(/(0[1-9]|1[0-2]))?$")


class Region(StrEnum):
    """INTERPOL's regions, as its website groups the member countries."""

    AFRICA = "africa"
    AMERICAS = "americas"
    ASIA_SOUTH_PACIFIC = "asia_south_pacific"
    EUROPE = "europe"
    MIDDLE_EAST_NORTH_AFRICA = "middle_east_north_africa"


REGION_LABELS: dict[Region, tuple[str, str]] = {
    Region.AFRICA: ("Africa", "アフリカ"),
    Region.AMERICAS: ("Americas", "米州"),
    Region.ASIA_SOUTH_PACIFIC: ("Asia & South Pacific", "アジア・南太平洋"),
    Region.EUROPE: ("Europe", "欧州"),
    Region.MIDDLE_EAST_NORTH_AFRICA: ("Middle East & North Africa", "中東・北アフリカ"),
}


def _is_japanese(locale: str) -> bool:
    return locale.replace("-", "_").split("_")[0].lower() == "ja"


def region_label(region: Region | str, locale: str = "en") -> str:
    """The region's name in Japanese for a ``ja`` locale, else in English."""
    en, ja = REGION_LABELS[Region(region)]
    return ja if _is_japanese(locale) else en


@dataclass(frozen=True)
class Country:
    """A member country of INTERPOL."""

    code: str
    region: Region
    member_since: str | None = None

    def name(self, locale: str = "en") -> str:
        return country_name(self.code, locale)


@cache
def _known_codes() -> frozenset[str]:
    alpha2 = {
        code
        for code in Locale.parse("en").territories
        if isinstance(code, str) and len(code) == 2 and code.isalpha() and code.isupper()
    }
    return frozenset((alpha2 - _CLDR_NOT_ISO) | {"XK"} | INTERPOL_SPECIAL_CODES)


def validate_country(code: str, field: str = "country") -> str:
    """Return ``code`` upper-cased if it is an ISO 3166-1 alpha-2 code CLDR knows, or XK, 914 or 922."""
    normal = code.strip().upper() if isinstance(code, str) else code
    if not isinstance(normal, str) or normal not in _known_codes():
        raise ValidationError(
            f"unknown country code {code!r} (expected an ISO 3166-1 alpha-2 code such as 'JP', "
            "or INTERPOL's 914 or 922)",
            field=field,
        )
    return normal


@cache
def _territories(locale: str) -> dict[str, str]:
    try:
        parsed = Locale.parse(locale.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        raise ValidationError(f"unknown locale {locale!r}", field="locale") from None
    return dict(parsed.territories)


def country_name(code: str, locale: str = "en") -> str:
    """The country's display name in ``locale`` (CLDR), e.g. ``JP`` -> "Japan" / "日本"."""
    normal = validate_country(code)
    if normal in INTERPOL_SPECIAL_CODES:
        return f"その他 ({normal})" if _is_japanese(locale) else f"Other ({normal})"
    names = _territories(locale)
    return names.get(normal) or _territories("en").get(normal, normal)


def _read_members() -> dict[str, Country]:
    text = resources.files("ncb.domain").joinpath("data/member_countries.csv").read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]
    members: dict[str, Country] = {}
    for number, row in enumerate(csv.DictReader(lines), start=1):
        record = f"member_countries.csv row {number}"
        code = row["code"].strip()
        if code not in _known_codes() or code in INTERPOL_SPECIAL_CODES:
            raise ValidationError(f"bad member country code {code!r}", field="code", record=record)
        try:
            region = Region(row["region"].strip())
        except ValueError:
            message = f"unknown region {row['region']!r}"
            raise ValidationError(message, field="region", record=record) from None
        since = (row.get("member_since") or "").strip() or None
        if since is not None and not _MEMBER_SINCE.match(since):
            message = f"member_since {since!r} is not YYYY or YYYY/MM"
            raise ValidationError(message, field="member_since", record=record)
        if code in members:
            raise ValidationError(f"member country {code} listed twice", field="code", record=record)
        members[code] = Country(code, region, since)
    return members


@cache
def _members() -> dict[str, Country]:
    return _read_members()


def member_countries() -> dict[str, Country]:
    """INTERPOL's member countries by code (the shipped CSV is read once; each call gets its own dict)."""
    return dict(_members())


def is_member(code: str) -> bool:
    """Whether ``code`` (any case) is an INTERPOL member country; ``914``/``922`` and non-codes are not."""
    return isinstance(code, str) and code.strip().upper() in _members()


@cache
def countries_in_region(region: Region | str) -> tuple[Country, ...]:
    """The member countries of one region, sorted by code."""
    wanted = Region(region)
    return tuple(sorted((c for c in _members().values() if c.region is wanted), key=lambda c: c.code))
