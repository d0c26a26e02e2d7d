"""The wanted and missing lists' search form: query parameters (INTERPOL's names, plus ``country`` for the
requesting bureau's country) to a :class:`NoticeFilter`, with each refusal as a message in the page's language."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from ncb.domain.countries import validate_country
from ncb.domain.notices import NoticeType
from ncb.domain.search import NoticeFilter
from ncb.errors import ValidationError
from ncb.web.portal.i18n import gettext

FIELDS = ("name", "forename", "nationality", "ageMin", "ageMax", "sexId", "arrestWarrantCountryId", "country")
TEXT_MAX = 100
AGE_MAX = 150


@dataclass
class Search:
    """The form as the visitor filled it (to show it again) and what is wrong with it."""

    values: dict[str, str]
    page: int = 1
    errors: list[str] = field(default_factory=list)
    flt: NoticeFilter | None = None

    def query(self, page: int | None = None) -> str:
        """The query string of this search, on ``page``."""
        from urllib.parse import urlencode

        params = {k: v for k, v in self.values.items() if v}
        if page is not None and page != 1:
            params["page"] = str(page)
        return urlencode(params)


def _age(raw: str, lang: str, errors: list[str]) -> int | None:
    if not raw:
        return None
    if not raw.isdigit() or int(raw) > AGE_MAX:
        errors.append(gettext(lang, "Ages are whole numbers from 0 to %(max)s, not “%(value)s”.", max=AGE_MAX,
                              value=raw[:20]))
        return None
    return int(raw)


def _country(raw: str, label: str, lang: str, errors: list[str]) -> str | None:
    if not raw:
        return None
    try:
        return validate_country(raw)
    except ValidationError:
        errors.append(gettext(lang, "%(field)s: “%(value)s” is not a country code we know.", field=label,
                              value=raw[:20]))
        return None


def parse_search(params: Mapping[str, str], kind: NoticeType, lang: str) -> Search:
    values = {k: (params.get(k) or "").strip() for k in FIELDS}
    if kind is not NoticeType.RED:
        values["arrestWarrantCountryId"] = ""
    search = Search(values)
    errors = search.errors
    raw_page = (params.get("page") or "1").strip()
    if not raw_page.isdigit() or int(raw_page) < 1:
        errors.append(gettext(lang, "Page numbers start at 1; “%(value)s” is not a page.", value=raw_page[:20]))
    else:
        search.page = int(raw_page)
    for key, label in (("name", gettext(lang, "Family name")), ("forename", gettext(lang, "Forename"))):
        if len(values[key]) > TEXT_MAX:
            errors.append(gettext(lang, "%(field)s is too long (at most %(max)s characters).", field=label,
                                  max=TEXT_MAX))
    age_min = _age(values["ageMin"], lang, errors)
    age_max = _age(values["ageMax"], lang, errors)
    if age_min is not None and age_max is not None and age_min > age_max:
        errors.append(gettext(lang, "The minimum age (%(min)s) is greater than the maximum age (%(max)s).",
                              min=age_min, max=age_max))
    sex = values["sexId"].upper() or None
    if sex is not None and sex not in ("M", "F", "U"):
        errors.append(gettext(lang, "Sex must be male, female or unknown, not “%(value)s”.",
                              value=values["sexId"][:20]))
    nationality = _country(values["nationality"], gettext(lang, "Nationality"), lang, errors)
    warrant = _country(values["arrestWarrantCountryId"], gettext(lang, "Country that issued the warrant"), lang,
                       errors)
    owner = _country(values["country"], gettext(lang, "Requesting country"), lang, errors)
    if not errors:
        search.flt = NoticeFilter(types=frozenset({kind}), public_only=True, name=values["name"] or None,
                                  forename=values["forename"] or None, nationality=nationality, sex=sex,
                                  age_min=age_min, age_max=age_max, warrant_country=warrant, owner=owner)
    return search
