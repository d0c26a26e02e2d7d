"""What the portal's templates show of a notice: only its public extract (INTERPOL's public shape, as the public
API renders it), with ages computed today and codes turned into words in the page's language."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from ncb.domain.codes import EYE_LABELS, HAIR_LABELS, LANGUAGES, EyeColour, HairColour
from ncb.domain.countries import country_name
from ncb.domain.dates import PartialDate
from ncb.domain.interchange.interpol import LinkedNotice, render_detail, render_list_item
from ncb.domain.notices import Notice, NoticeType
from ncb.errors import ValidationError
from ncb.web.portal.i18n import N_, gettext

KINDS = {"red": NoticeType.RED, "yellow": NoticeType.YELLOW}


def kind_of(notice: Notice) -> str:
    return "red" if notice.type is NoticeType.RED else "yellow"


def notice_path(lang: str, notice: Notice | LinkedNotice) -> str:
    kind = "red" if notice.type is NoticeType.RED else "yellow"
    return f"/{lang}/notices/{kind}/{notice.entity_id.replace('/', '-')}"


def image_path(notice: Notice, picture_id: str) -> str:
    return f"/notices/v1/{kind_of(notice)}/{notice.url_id}/images/{picture_id}"


def display_name(name: str | None, forename: str | None) -> str:
    """``NAME, Forename`` as INTERPOL shows it; what is known when one part is missing."""
    parts = [p for p in (name, forename) if p and p != "-"]
    return ", ".join(parts) if parts else "—"


def country(code: str | None, lang: str) -> str:
    if not code:
        return ""
    try:
        return country_name(code, lang)
    except ValidationError:
        return code


def countries(codes: list[str] | tuple[str, ...] | None, lang: str) -> str:
    return ("、" if lang == "ja" else ", ").join(country(c, lang) for c in codes or ())


def age_text(date_of_birth: str | None, today: date, lang: str) -> str | None:
    """``37`` (or ``36–37`` for a partial date) with its unit: "37 years old" / "37歳"."""
    born = PartialDate.parse(date_of_birth) if date_of_birth else None
    if born is None:
        return None
    youngest, oldest = born.age_range_on(today)
    years = str(oldest) if youngest == oldest else f"{youngest}–{oldest}"
    return gettext(lang, "%(years)s years old", years=years)


def _label(table: dict[Any, tuple[str, str]], key: Any, lang: str) -> str:
    en, ja = table.get(key, (str(key), str(key)))
    return ja if lang == "ja" else en


def eyes(codes: list[str] | None, lang: str) -> str:
    return ", ".join(_label(EYE_LABELS, EyeColour(c), lang) for c in codes or ())


def hairs(codes: list[str] | None, lang: str) -> str:
    return ", ".join(_label(HAIR_LABELS, HairColour(c), lang) for c in codes or ())


def languages(codes: list[str] | None, lang: str) -> str:
    return ("、" if lang == "ja" else ", ").join(_label(LANGUAGES, c, lang) for c in codes or ())


def sex(code: str | None, lang: str) -> str:
    labels = {"M": N_("Male"), "F": N_("Female")}
    return gettext(lang, labels.get(code or "U", N_("Unknown")))


@dataclass(frozen=True)
class Card:
    """One person in a list or on a country page."""

    url: str
    kind: str
    entity_id: str
    name: str
    photo_url: str | None
    photo_alt: str
    age: str | None
    nationalities: str


def card(notice: Notice, lang: str, today: date) -> Card:
    item = render_list_item(notice, "")
    name = display_name(item["name"], item["forename"])
    thumb = item["_links"].get("thumbnail")
    return Card(url=notice_path(lang, notice), kind=kind_of(notice), entity_id=notice.entity_id, name=name,
                photo_url=thumb["href"] if thumb else None,
                photo_alt=gettext(lang, "Photo of %(name)s", name=name),
                age=age_text(item["date_of_birth"], today, lang),
                nationalities=countries(item["nationalities"], lang))


@dataclass(frozen=True)
class Photo:
    url: str
    alt: str


def detail(notice: Notice, lang: str, today: date, linked: list[Notice]) -> dict[str, Any]:
    """The public extract of ``notice`` (INTERPOL's detail keys) plus what the page adds: the name to show, the age
    today, the photos and the linked public notices."""
    shown = [LinkedNotice.from_notice(n) for n in linked]
    values = render_detail(notice, "", linked=shown)
    name = display_name(values["name"], values["forename"])
    photos = [Photo(image_path(notice, p.picture_id), gettext(lang, "Photo %(n)s of %(name)s", n=i, name=name))
              for i, p in enumerate(notice.subject.photos, start=1)]
    return {"d": values, "kind": kind_of(notice), "display_name": name, "photos": photos,
            "age": age_text(values["date_of_birth"], today, lang),
            "linked": [(notice_path(lang, link), display_name(link.name, link.forename),
                        "red" if link.type is NoticeType.RED else "yellow") for link in shown]}
