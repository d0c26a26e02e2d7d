"""INTERPOL's public notices API: read its JSON into notices, and render notices in exactly its shapes.

Reading (:func:`parse_notice`, :func:`parse_list`, :func:`parse_images`) accepts a Red, Yellow or UN
(person or entity) detail, or a list item, and survives the quirks of the real data: partial dates
(``1975/11``, ``1989``) and UN zero dates (``1975/00/00``, ``0000/00/00``), a ``"-"`` or null forename,
both names null, null or several nationalities, INTERPOL's non-ISO ``914`` and ``922``, ``0`` for an
unknown height or weight. Bad input raises :class:`~ncb.errors.ImportRecordError` naming the record
(the ``entity_id``, or ``where`` when there is none) and the field (a path such as
``arrest_warrants[1].issuing_country_id``).

Rendering (:func:`render_list_item`, :func:`render_detail` and the per-type functions,
:func:`render_images`) gives INTERPOL's shapes key for key, in the key order of its responses (the
fixtures in ``shared/fixtures/interpol-public-api``), with every key present and only public fields.
Which notices may be rendered at all (published, with a public extract, visible to the viewer) is the
caller's decision: these functions do not check it.

Decisions worth knowing:

- **Owner.** A notice belongs to a bureau, which the public data does not name. Red: the country of the
  first arrest warrant; Yellow: ``issuing_country``, else ``country`` (of the disappearance); UN: the
  first nationality. INTERPOL's ``914``/``922`` never own a notice. Failing those, ``default_owner``
  (the importing bureau, say); failing that, an error on field ``owner``.
- **Photos.** A detail names only its thumbnail. Parsing records it as one :class:`Photo` whose
  ``picture_id`` and ``thumbnail_id`` are both the thumbnail's id, so that rendering the detail gives
  the same ``thumbnail`` link back; :func:`parse_images` reads the real list from the ``/images``
  response and :func:`with_photos` puts it on the notice.
- **Linked notices.** :class:`Notice` keeps only their ids, but INTERPOL shows each one's names and
  colour: parsing returns them as :class:`LinkedNotice` values, and the renderers take the ones to show
  as ``linked=`` (the caller passes only those the viewer may see; others are left out).
- **Names** keep the source's order: the primary name, its original-script form (kind
  ``ORIGINAL_SCRIPT``), the name at birth (kind ``BIRTH``; for Yellow it takes the primary forename so
  that the birth name is a whole name), then each alias (kind ``ALIAS``) followed by its
  original-script form. The UN renderer reads them back in that order. A ``"-"`` part is no part.
- **Lists** that are empty render as ``null`` (as INTERPOL does for ``nationalities``, eyes, hair,
  languages), except ``arrest_warrants``, ``_embedded.links`` and the UN ``aliases`` and
  ``identity_documents``, which are always lists. A UN entity's ``sex_id`` is ``null``.
- **Languages** outside the code table are kept when they are well-formed three-letter codes (the
  table is not exhaustive); eye and hair codes must be in their tables.
- **UN extras** (``associates``, ``adresses``, ``legal_form``, ``registration_number``,
  ``main_activity``, ``formerly_known_as``) are kept as given in ``Subject.extra`` and rendered back.
- **Links** found in the input are reported as found (:class:`ImageLink`); an importer should build the
  URLs it fetches from its own base URL and the ids (:func:`image_url`), not follow them blindly.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from ncb.domain.codes import LANGUAGES, EyeColour, HairColour, Sex, parse_eye, parse_hair
from ncb.domain.countries import INTERPOL_SPECIAL_CODES, validate_country
from ncb.domain.dates import PartialDate
from ncb.domain.names import Name, NameKind
from ncb.domain.notices import (
    ArrestWarrant,
    Disappearance,
    IdentityDocument,
    Notice,
    NoticeStatus,
    NoticeType,
    Photo,
    Subject,
    SubjectKind,
    UnSanctions,
)
from ncb.errors import ImportRecordError, ValidationError

#: ``entity_id`` as INTERPOL writes it: the year, a slash, a serial number.
ENTITY_ID_PATTERN = re.compile(r"^\d{4}/\d{1,9}$")

LIST_ITEM_KEYS: tuple[str, ...] = (
    "date_of_birth", "nationalities", "entity_id", "forename", "name", "_links",
)

RED_DETAIL_KEYS: tuple[str, ...] = (
    "date_of_birth", "distinguishing_marks", "weight", "nationalities", "entity_id", "eyes_colors_id",
    "sex_id", "place_of_birth", "forename", "arrest_warrants", "country_of_birth_id", "hairs_id", "name",
    "languages_spoken_ids", "height", "_embedded", "_links",
)

YELLOW_DETAIL_KEYS: tuple[str, ...] = (
    "country", "date_of_birth", "mother_name", "countries_likely_to_be_visited", "mother_forename",
    "nationalities", "eyes_colors_id", "sex_id", "forename", "country_of_birth_id", "issuing_country",
    "hairs_id", "place", "languages_spoken_ids", "date_of_event", "height", "father_forename",
    "distinguishing_marks", "birth_name", "weight", "entity_id", "place_of_birth", "father_name", "name",
    "_embedded", "_links",
)

UN_PERSON_KEYS: tuple[str, ...] = (
    "entity_id", "un_reference", "un_reference_date", "un_resolution", "name", "forename",
    "name_in_original_script", "forename_in_original_script", "name_at_birth", "aliases", "father_name",
    "father_forename", "mother_name", "mother_forename", "date_of_birth", "place_of_birth",
    "country_of_birth_id", "nationalities", "sex_id", "languages_spoken_ids", "identity_documents",
    "associates", "adresses", "summary", "_links",
)

UN_ENTITY_KEYS: tuple[str, ...] = (
    *UN_PERSON_KEYS[:-1], "legal_form", "registration_number", "main_activity", "formerly_known_as", "_links",
)

LINKED_NOTICE_KEYS: tuple[str, ...] = ("forename", "color", "name", "entity_id", "_links")
ALIAS_KEYS: tuple[str, ...] = ("name", "forename", "name_in_original_script", "forename_in_original_script")
IDENTITY_DOCUMENT_KEYS: tuple[str, ...] = ("type", "number", "issuing_country_id", "expiry_date")

#: UN fields kept as given in ``Subject.extra``.
UN_EXTRA_KEYS: tuple[str, ...] = ("associates", "adresses")
UN_ENTITY_EXTRA_KEYS: tuple[str, ...] = (
    "legal_form", "registration_number", "main_activity", "formerly_known_as",
)

_PICTURE_ID = re.compile(r"^[0-9A-Za-z_-]{1,64}$")
_LANGUAGE = re.compile(r"^[A-Za-z]{3}$")
_HREF_TYPE = re.compile(r"/(red|yellow|un/persons|un/entities)/[^/?#]+")
_YELLOW_KEYS = ("date_of_event", "father_name", "father_forename", "mother_name", "mother_forename",
                "birth_name", "countries_likely_to_be_visited", "issuing_country")
_PUBLIC_TYPES = (NoticeType.RED, NoticeType.YELLOW, NoticeType.UN_SPECIAL)


@dataclass(frozen=True)
class ImageLink:
    """An image link found in a notice: ``rel`` is ``images`` (the list) or ``thumbnail``."""

    rel: str
    href: str
    picture_id: str | None = None


@dataclass(frozen=True)
class LinkedNotice:
    """What INTERPOL shows of a linked notice: its id, colour and names."""

    entity_id: str
    type: NoticeType
    name: str | None = None
    forename: str | None = None

    @classmethod
    def from_notice(cls, notice: Notice) -> LinkedNotice:
        name, forename = _name_fields(_primary(notice.subject))
        return cls(notice.entity_id, notice.type, name, forename)


@dataclass(frozen=True)
class ParsedNotice:
    """A notice read from INTERPOL's JSON, with the image links and linked notices found beside it."""

    notice: Notice
    images: tuple[ImageLink, ...] = ()
    linked: tuple[LinkedNotice, ...] = ()


# --------------------------------------------------------------------------------------------- reading


def _kind_of(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, Mapping):
        return "an object"
    return type(value).__name__


class _Reader:
    """Typed access to one JSON object; every error names the record and the field's path."""

    def __init__(self, data: Mapping[str, Any], record: str | None, prefix: str = "") -> None:
        self.data = data
        self.record = record
        self.prefix = prefix

    def path(self, key: str) -> str:
        return f"{self.prefix}{key}"

    def error(self, message: str, key: str) -> ImportRecordError:
        return ImportRecordError(message, field=self.path(key), record=self.record)

    def wrong_type(self, key: str, expected: str, value: Any) -> ImportRecordError:
        return self.error(f"expected {expected}, got {_kind_of(value)}", key)

    def raw(self, key: str) -> Any:
        return self.data.get(key)

    def sub(self, key: str, value: Any) -> _Reader:
        if not isinstance(value, Mapping):
            raise self.wrong_type(key, "an object", value)
        return _Reader(value, self.record, f"{self.path(key)}.")

    def obj(self, key: str) -> _Reader | None:
        value = self.raw(key)
        return None if value is None else self.sub(key, value)

    def text(self, key: str) -> str | None:
        value = self.raw(key)
        if value is None:
            return None
        if not isinstance(value, str):
            raise self.wrong_type(key, "a string", value)
        return value.strip() or None

    def code(self, key: str) -> str | None:
        """A short identifier that may come as a string or a number (``un_resolution``, ``picture_id``)."""
        value = self.raw(key)
        if isinstance(value, int) and not isinstance(value, bool):
            return str(value)
        return self.text(key)

    def name_part(self, key: str) -> str | None:
        """A name or forename: ``"-"`` (INTERPOL's "none") and blanks are no part."""
        value = self.text(key)
        return None if value is None or not value.strip(" -") else value

    def items(self, key: str) -> list[Any]:
        value = self.raw(key)
        if value is None:
            return []
        if not isinstance(value, list):
            raise self.wrong_type(key, "a list", value)
        return value

    def texts(self, key: str) -> list[str]:
        out = []
        for i, value in enumerate(self.items(key)):
            if not isinstance(value, str):
                raise self.wrong_type(f"{key}[{i}]", "a string", value)
            if value.strip():
                out.append(value.strip())
        return out

    def objects(self, key: str) -> list[_Reader]:
        return [self.sub(f"{key}[{i}]", value) for i, value in enumerate(self.items(key))]

    def number(self, key: str) -> float | None:
        """A measure; ``0`` (and null) means unknown."""
        value = self.raw(key)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise self.wrong_type(key, "a number", value)
        return None if value == 0 else value

    def date(self, key: str) -> PartialDate | None:
        value = self.raw(key)
        if isinstance(value, int) and not isinstance(value, bool):
            value = str(value)
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        if not isinstance(value, str):
            raise self.wrong_type(key, "a date string", value)
        try:
            return PartialDate.parse(value, lenient_zeros=True)
        except ValidationError as exc:
            raise self.error(exc.message, key) from None

    def _country(self, value: str, key: str) -> str:
        try:
            return validate_country(value, field=self.path(key))
        except ValidationError as exc:
            raise self.error(exc.message, key) from None

    def country(self, key: str) -> str | None:
        value = self.text(key)
        return None if value is None else self._country(value, key)

    def countries(self, key: str) -> tuple[str, ...]:
        out: list[str] = []
        for i, value in enumerate(self.texts(key)):
            code = self._country(value, f"{key}[{i}]")
            if code not in out:
                out.append(code)
        return tuple(out)

    def href(self, rel: str) -> str | None:
        links = self.obj("_links")
        if links is None:
            return None
        link = links.obj(rel)
        return None if link is None else link.text("href")


def parse_notice(
    data: Mapping[str, Any],
    notice_type: NoticeType | None = None,
    *,
    where: str = "",
    default_owner: str | None = None,
) -> ParsedNotice:
    """Read one notice (a detail or a list item) from INTERPOL's JSON.

    The type comes from ``notice_type`` when given, else from ``_links.self.href`` (``/red/``,
    ``/yellow/``, ``/un/persons/``, ``/un/entities/``), else from the keys (``un_reference`` -> UN,
    ``arrest_warrants`` -> Red, ``date_of_event``/``father_name``/... -> Yellow). The notice is
    PUBLISHED with a public extract. ``where`` names the record in errors until its ``entity_id`` is
    known (a file and line, say); ``default_owner`` is the owner when the data names none (see the
    module's notes).
    """
    record = where or None
    if not isinstance(data, Mapping):
        raise ImportRecordError(f"a notice must be a JSON object, got {_kind_of(data)}", record=record)
    raw_id = data.get("entity_id")
    if raw_id is None:
        raise ImportRecordError("entity_id is missing", field="entity_id", record=record)
    if not isinstance(raw_id, str) or not ENTITY_ID_PATTERN.match(raw_id.strip()):
        raise ImportRecordError(f"entity_id {raw_id!r} is not of the form YYYY/N (e.g. 2021/40312)",
                                field="entity_id", record=record)
    entity_id = raw_id.strip()
    r = _Reader(data, entity_id)
    try:
        return _parse(r, entity_id, notice_type, default_owner)
    except ImportRecordError:
        raise
    except ValidationError as exc:  # a domain type refused a value (a height of 4 m, say)
        raise ImportRecordError(exc.message, field=exc.field, record=entity_id) from exc


def parse_list(
    data: Mapping[str, Any],
    notice_type: NoticeType | None = None,
    *,
    where: str = "",
    default_owner: str | None = None,
) -> list[ParsedNotice]:
    """Read every item of a list response (``_embedded.notices``)."""
    if not isinstance(data, Mapping):
        raise ImportRecordError(f"a list response must be a JSON object, got {_kind_of(data)}",
                                record=where or None)
    embedded = _Reader(data, where or None).obj("_embedded")
    if embedded is None:
        return []
    items = embedded.items("notices")
    return [parse_notice(item, notice_type, where=f"{where}#{i}" if where else f"_embedded.notices[{i}]",
                         default_owner=default_owner)
            for i, item in enumerate(items)]


def _detect_type(r: _Reader, explicit: NoticeType | None) -> tuple[NoticeType, SubjectKind]:
    href = r.href("self")
    found = _HREF_TYPE.search(href) if href else None
    path = found.group(1) if found else None
    entity_keys = any(k in r.data for k in UN_ENTITY_EXTRA_KEYS)
    kind = SubjectKind.ORGANISATION if path == "un/entities" or (path is None and entity_keys) \
        else SubjectKind.PERSON
    if explicit is not None:
        if explicit not in _PUBLIC_TYPES:
            raise r.error(f"INTERPOL's public API has no {explicit.value} notices", "type")
        return explicit, kind if explicit is NoticeType.UN_SPECIAL else SubjectKind.PERSON
    if path == "red":
        return NoticeType.RED, SubjectKind.PERSON
    if path == "yellow":
        return NoticeType.YELLOW, SubjectKind.PERSON
    if path is not None:
        return NoticeType.UN_SPECIAL, kind
    if "un_reference" in r.data or entity_keys:
        return NoticeType.UN_SPECIAL, kind
    if "arrest_warrants" in r.data:
        return NoticeType.RED, SubjectKind.PERSON
    if any(k in r.data for k in _YELLOW_KEYS):
        return NoticeType.YELLOW, SubjectKind.PERSON
    raise r.error("cannot tell the notice type from _links.self.href or the keys; pass notice_type", "type")


def _parse(
    r: _Reader, entity_id: str, explicit: NoticeType | None, default_owner: str | None,
) -> ParsedNotice:
    ntype, kind = _detect_type(r, explicit)
    images = _image_links(r)
    thumbnail = next((i.picture_id for i in images if i.rel == "thumbnail" and i.picture_id), None)
    photos = (Photo(thumbnail, thumbnail_id=thumbnail),) if thumbnail else ()
    subject = Subject(
        kind=kind,
        names=_names(r, ntype),
        date_of_birth=r.date("date_of_birth"),
        sex=_sex(r),
        nationalities=r.countries("nationalities"),
        place_of_birth=r.text("place_of_birth"),
        country_of_birth=r.country("country_of_birth_id"),
        height=r.number("height"),
        weight=r.number("weight"),
        eye_colours=_eyes(r),
        hair_colours=_hairs(r),
        languages=_languages(r),
        distinguishing_marks=r.text("distinguishing_marks"),
        identity_documents=_documents(r),
        photos=photos,
        father_name=r.name_part("father_name"),
        father_forename=r.name_part("father_forename"),
        mother_name=r.name_part("mother_name"),
        mother_forename=r.name_part("mother_forename"),
        extra=_extra(r, kind) if ntype is NoticeType.UN_SPECIAL else {},
    )
    warrants = _warrants(r) if ntype is NoticeType.RED else ()
    disappearance = _disappearance(r) if ntype is NoticeType.YELLOW else None
    issuing_country = r.country("issuing_country") if ntype is NoticeType.YELLOW else None
    un = _un(r) if ntype is NoticeType.UN_SPECIAL else None
    if ntype is NoticeType.RED:
        candidates: Iterable[str | None] = (w.issuing_country for w in warrants)
    elif ntype is NoticeType.YELLOW:
        candidates = (issuing_country, disappearance.country if disappearance else None)
    else:
        candidates = subject.nationalities
    owner = _owner(r, candidates, default_owner)
    linked = _linked(r)
    notice = Notice(
        entity_id=entity_id, type=ntype, owner=owner, subject=subject, status=NoticeStatus.PUBLISHED,
        public_extract=True, warrants=warrants, disappearance=disappearance, un=un,
        issuing_country=issuing_country, linked=tuple(link.entity_id for link in linked),
    )
    return ParsedNotice(notice, images, linked)


def _owner(r: _Reader, candidates: Iterable[str | None], default_owner: str | None) -> str:
    for code in candidates:
        if code and code not in INTERPOL_SPECIAL_CODES:
            return code
    if default_owner:
        try:
            code = validate_country(default_owner, field="default_owner")
        except ValidationError as exc:
            raise r.error(exc.message, "owner") from None
        if code not in INTERPOL_SPECIAL_CODES:
            return code
    raise r.error("the data names no bureau that owns this notice; pass default_owner", "owner")


def _name(name: str | None, forename: str | None, kind: NameKind) -> Name | None:
    return Name(name=name, forename=forename, kind=kind) if name or forename else None


def _names(r: _Reader, ntype: NoticeType) -> tuple[Name, ...]:
    primary = _name(r.name_part("name"), r.name_part("forename"), NameKind.PRIMARY)
    found: list[Name | None] = [primary]
    if ntype is NoticeType.YELLOW:
        birth = r.name_part("birth_name")
        found.append(_name(birth, primary.forename if primary and birth else None, NameKind.BIRTH))
    if ntype is NoticeType.UN_SPECIAL:
        found.append(_name(r.name_part("name_in_original_script"), r.name_part("forename_in_original_script"),
                           NameKind.ORIGINAL_SCRIPT))
        found.append(_name(r.name_part("name_at_birth"), None, NameKind.BIRTH))
        for i, value in enumerate(r.items("aliases")):
            if isinstance(value, str):  # tolerated: an alias given as one string
                found.append(Name(full_text=value, kind=NameKind.ALIAS) if value.strip(" -") else None)
                continue
            alias = r.sub(f"aliases[{i}]", value)
            found.append(_name(alias.name_part("name"), alias.name_part("forename"), NameKind.ALIAS))
            found.append(_name(alias.name_part("name_in_original_script"),
                               alias.name_part("forename_in_original_script"), NameKind.ORIGINAL_SCRIPT))
    return tuple(n for n in found if n is not None)


def _sex(r: _Reader) -> Sex:
    value = r.raw("sex_id")
    if value is not None and not isinstance(value, str):
        raise r.wrong_type("sex_id", "a string", value)
    try:
        return Sex.parse(value)
    except ValidationError as exc:
        raise r.error(exc.message, "sex_id") from None


def _eyes(r: _Reader) -> tuple[EyeColour, ...]:
    out = []
    for i, code in enumerate(r.texts("eyes_colors_id")):
        try:
            out.append(parse_eye(code))
        except ValidationError as exc:
            raise r.error(exc.message, f"eyes_colors_id[{i}]") from None
    return tuple(out)


def _hairs(r: _Reader) -> tuple[HairColour, ...]:
    out = []
    for i, code in enumerate(r.texts("hairs_id")):
        try:
            out.append(parse_hair(code))
        except ValidationError as exc:
            raise r.error(exc.message, f"hairs_id[{i}]") from None
    return tuple(out)


def _languages(r: _Reader) -> tuple[str, ...]:
    out: list[str] = []
    for i, code in enumerate(r.texts("languages_spoken_ids")):
        upper = code.upper()
        if upper not in LANGUAGES and not _LANGUAGE.match(code):
            raise r.error(f"{code!r} is not a language code (ISO 639-2/B, e.g. ENG, JPN)",
                          f"languages_spoken_ids[{i}]")
        if upper not in out:
            out.append(upper)
    return tuple(out)


def _documents(r: _Reader) -> tuple[IdentityDocument, ...]:
    out = []
    for i, value in enumerate(r.items("identity_documents")):
        if isinstance(value, str):  # tolerated: a bare number
            if value.strip():
                out.append(IdentityDocument(type="other", number=value.strip()))
            continue
        doc = r.sub(f"identity_documents[{i}]", value)
        number = doc.code("number")
        if number is None:
            raise doc.error("an identity document needs a number", "number")
        expiry = doc.date("expiry_date")
        out.append(IdentityDocument(
            type=(doc.text("type") or "other").lower(), number=number,
            issuing_country=doc.country("issuing_country_id"),
            expiry=None if expiry is None else expiry.latest(),  # a partial expiry: its last day
        ))
    return tuple(out)


def _extra(r: _Reader, kind: SubjectKind) -> dict[str, Any]:
    keys = UN_EXTRA_KEYS + (UN_ENTITY_EXTRA_KEYS if kind is not SubjectKind.PERSON else ())
    return {k: copy.deepcopy(r.raw(k)) for k in keys if r.raw(k) not in (None, "", [], {})}


def _warrants(r: _Reader) -> tuple[ArrestWarrant, ...]:
    out = []
    for w in r.objects("arrest_warrants"):
        country = w.country("issuing_country_id")
        if country is None:
            raise w.error("an arrest warrant needs its issuing country", "issuing_country_id")
        out.append(ArrestWarrant(charge=w.text("charge") or "", issuing_country=country,
                                 charge_translation=w.text("charge_translation")))
    return tuple(out)


def _disappearance(r: _Reader) -> Disappearance | None:
    found = Disappearance(date=r.date("date_of_event"), place=r.text("place"), country=r.country("country"),
                          countries_likely_to_be_visited=r.countries("countries_likely_to_be_visited"))
    return None if found == Disappearance() else found


def _un(r: _Reader) -> UnSanctions:
    return UnSanctions(reference=r.text("un_reference"), reference_date=r.date("un_reference_date"),
                       resolution=r.code("un_resolution"), summary=r.text("summary"))


def _linked(r: _Reader) -> tuple[LinkedNotice, ...]:
    embedded = r.obj("_embedded")
    if embedded is None:
        return ()
    out = []
    for link in embedded.objects("links"):
        entity_id = link.text("entity_id")
        if entity_id is None or not ENTITY_ID_PATTERN.match(entity_id):
            raise link.error(f"entity_id {entity_id!r} is not of the form YYYY/N", "entity_id")
        color = (link.text("color") or "").lower()
        try:
            ntype = NoticeType(color)
        except ValueError:
            raise link.error(f"unknown notice colour {link.raw('color')!r}", "color") from None
        out.append(LinkedNotice(entity_id, ntype, link.name_part("name"), link.name_part("forename")))
    return tuple(out)


def _picture_id(r: _Reader, key: str, value: str) -> str:
    if not _PICTURE_ID.match(value):
        raise r.error(f"{value!r} is not a picture id", key)
    return value


def _image_links(r: _Reader) -> tuple[ImageLink, ...]:
    out = []
    images = r.href("images")
    if images:
        out.append(ImageLink("images", images))
    thumbnail = r.href("thumbnail")
    if thumbnail:
        pid = _picture_id(r, "_links.thumbnail.href", thumbnail.rstrip("/").rsplit("/", 1)[-1])
        out.append(ImageLink("thumbnail", thumbnail, pid))
    return tuple(out)


def parse_images(data: Mapping[str, Any], *, where: str = "") -> tuple[Photo, ...]:
    """Read an ``/images`` response into photos; the thumbnail goes with the first picture."""
    record = where or None
    if not isinstance(data, Mapping):
        raise ImportRecordError(f"an image list must be a JSON object, got {_kind_of(data)}", record=record)
    r = _Reader(data, record)
    embedded = r.obj("_embedded")
    ids = []
    for image in embedded.objects("images") if embedded else []:
        pid = image.code("picture_id")
        if pid is None:
            raise image.error("an image needs its picture_id", "picture_id")
        ids.append(_picture_id(image, "picture_id", pid))
    thumbnail = r.href("thumbnail")
    thumb_id = _picture_id(r, "_links.thumbnail.href", thumbnail.rstrip("/").rsplit("/", 1)[-1]) \
        if thumbnail else None
    return tuple(Photo(pid, thumbnail_id=thumb_id if i == 0 else None) for i, pid in enumerate(ids))


def with_photos(notice: Notice, photos: Iterable[Photo]) -> Notice:
    """The notice with its subject's photos replaced (by those read with :func:`parse_images`, say)."""
    return replace(notice, subject=replace(notice.subject, photos=tuple(photos)))


# ------------------------------------------------------------------------------------------- rendering


def _path(ntype: NoticeType, kind: SubjectKind) -> str:
    if ntype is NoticeType.RED:
        return "red"
    if ntype is NoticeType.YELLOW:
        return "yellow"
    if ntype is NoticeType.UN_SPECIAL:
        return "un/persons" if kind is SubjectKind.PERSON else "un/entities"
    raise ValidationError(f"{ntype.value} notices have no public extract in INTERPOL's API", field="type")


def notice_url(notice: Notice, base_url: str) -> str:
    """``http://host`` -> ``http://host/notices/v1/red/2021-40312``."""
    return f"{base_url.rstrip('/')}/notices/v1/{_path(notice.type, notice.subject.kind)}/{notice.url_id}"


def image_url(notice: Notice, base_url: str, picture_id: str) -> str:
    """The URL of one image of the notice (refuses an id that is not a plain picture id)."""
    if not _PICTURE_ID.match(picture_id):
        raise ValidationError(f"{picture_id!r} is not a picture id", field="picture_id",
                              record=notice.entity_id)
    return f"{notice_url(notice, base_url)}/images/{picture_id}"


def _thumbnail_id(notice: Notice) -> str | None:
    photos = notice.subject.photos
    return (photos[0].thumbnail_id or photos[0].picture_id) if photos else None


def _notice_links(notice: Notice, base_url: str) -> dict[str, Any]:
    url = notice_url(notice, base_url)
    links: dict[str, Any] = {"self": {"href": url}, "images": {"href": f"{url}/images"}}
    thumbnail = _thumbnail_id(notice)
    if thumbnail:
        links["thumbnail"] = {"href": image_url(notice, base_url, thumbnail)}
    return links


def _ordered(keys: Sequence[str], values: Mapping[str, Any]) -> dict[str, Any]:
    return {k: values[k] for k in keys}


def _primary(subject: Subject) -> Name | None:
    return next((n for n in subject.names if n.kind is NameKind.PRIMARY), None)


def _first(subject: Subject, kind: NameKind) -> Name | None:
    return next((n for n in subject.names if n.kind is kind), None)


def _name_fields(name: Name | None) -> tuple[str | None, str | None]:
    """(name, forename) as INTERPOL shows them; a name known only as a whole goes in ``name``."""
    if name is None:
        return None, None
    if name.name or name.forename:
        return name.name, name.forename
    return name.full, None


def _date(value: PartialDate | None) -> str | None:
    return None if value is None else str(value)


def _measure(value: float | None) -> int | float:
    """INTERPOL writes ``0`` for unknown, and whole numbers without a decimal point."""
    if value is None:
        return 0
    return int(value) if float(value).is_integer() else value


def _list(values: Iterable[str]) -> list[str] | None:
    out = [str(v) for v in values]
    return out or None


def _embedded_links(notice: Notice, base_url: str, linked: Iterable[LinkedNotice]) -> list[dict[str, Any]]:
    shown = {link.entity_id: link for link in linked}
    out = []
    for entity_id in notice.linked:
        link = shown.get(entity_id)
        if link is None:
            continue
        url = (f"{base_url.rstrip('/')}/notices/v1/{_path(link.type, SubjectKind.PERSON)}/"
               f"{entity_id.replace('/', '-')}")
        out.append(_ordered(LINKED_NOTICE_KEYS, {
            "forename": link.forename, "color": link.type.value.upper(), "name": link.name,
            "entity_id": entity_id, "_links": {"self": {"href": url}},
        }))
    return out


def _person_values(notice: Notice, base_url: str) -> dict[str, Any]:
    s = notice.subject
    name, forename = _name_fields(_primary(s))
    return {
        "entity_id": notice.entity_id, "name": name, "forename": forename,
        "date_of_birth": _date(s.date_of_birth), "nationalities": _list(s.nationalities),
        "sex_id": s.sex.value, "country_of_birth_id": s.country_of_birth, "place_of_birth": s.place_of_birth,
        "height": _measure(s.height), "weight": _measure(s.weight),
        "eyes_colors_id": _list(e.value for e in s.eye_colours),
        "hairs_id": _list(h.value for h in s.hair_colours),
        "languages_spoken_ids": _list(s.languages), "distinguishing_marks": s.distinguishing_marks,
        "father_name": s.father_name, "father_forename": s.father_forename,
        "mother_name": s.mother_name, "mother_forename": s.mother_forename,
        "_links": _notice_links(notice, base_url),
    }


def render_list_item(notice: Notice, base_url: str) -> dict[str, Any]:
    """One item of a list response: ``entity_id``, names, date of birth, nationalities and links."""
    return _ordered(LIST_ITEM_KEYS, _person_values(notice, base_url))


def render_red_detail(
    notice: Notice, base_url: str, *, linked: Iterable[LinkedNotice] = (),
) -> dict[str, Any]:
    """A Red Notice detail: INTERPOL's 17 keys in its order, all present."""
    values = _person_values(notice, base_url)
    values["arrest_warrants"] = [
        {"charge": w.charge or None, "issuing_country_id": w.issuing_country,
         "charge_translation": w.charge_translation}
        for w in notice.warrants
    ]
    values["_embedded"] = {"links": _embedded_links(notice, base_url, linked)}
    return _ordered(RED_DETAIL_KEYS, values)


def render_yellow_detail(
    notice: Notice, base_url: str, *, linked: Iterable[LinkedNotice] = (),
) -> dict[str, Any]:
    """A Yellow Notice detail: INTERPOL's 26 keys in its order, all present."""
    values = _person_values(notice, base_url)
    d = notice.disappearance or Disappearance()
    birth = _first(notice.subject, NameKind.BIRTH)
    values.update({
        "birth_name": _name_fields(birth)[0], "date_of_event": _date(d.date), "place": d.place,
        "country": d.country, "issuing_country": notice.issuing_country,
        "countries_likely_to_be_visited": _list(d.countries_likely_to_be_visited),
        "_embedded": {"links": _embedded_links(notice, base_url, linked)},
    })
    return _ordered(YELLOW_DETAIL_KEYS, values)


def _un_names(subject: Subject) -> tuple[Name | None, list[dict[str, Any]]]:
    """The primary name's original-script form and the aliases, read back in the order parsing keeps."""
    original: Name | None = None
    aliases: list[dict[str, Any]] = []
    open_alias = False  # the last alias still lacks its original-script form
    for n in subject.names:
        if n.kind is NameKind.ALIAS:
            name, forename = _name_fields(n)
            aliases.append({"name": name, "forename": forename,
                            "name_in_original_script": None, "forename_in_original_script": None})
            open_alias = True
        elif n.kind is NameKind.ORIGINAL_SCRIPT:
            name, forename = _name_fields(n)
            if open_alias:
                aliases[-1].update(name_in_original_script=name, forename_in_original_script=forename)
                open_alias = False
            elif original is None and not aliases:
                original = n
            else:
                aliases.append({"name": None, "forename": None,
                                "name_in_original_script": name, "forename_in_original_script": forename})
    return original, [_ordered(ALIAS_KEYS, a) for a in aliases]


def _document(d: IdentityDocument) -> dict[str, Any]:
    expiry = None if d.expiry is None else PartialDate.from_date(d.expiry)
    return _ordered(IDENTITY_DOCUMENT_KEYS, {"type": d.type, "number": d.number,
                                             "issuing_country_id": d.issuing_country,
                                             "expiry_date": _date(expiry)})


def render_un_detail(notice: Notice, base_url: str) -> dict[str, Any]:
    """An INTERPOL–UN Security Council Special Notice, person or entity (by the subject's kind)."""
    s = notice.subject
    values = _person_values(notice, base_url)
    un = notice.un or UnSanctions()
    original, aliases = _un_names(s)
    original_name, original_forename = _name_fields(original)
    values.update({
        "un_reference": un.reference, "un_reference_date": _date(un.reference_date),
        "un_resolution": un.resolution, "summary": un.summary,
        "name_in_original_script": original_name, "forename_in_original_script": original_forename,
        "name_at_birth": _name_fields(_first(s, NameKind.BIRTH))[0], "aliases": aliases,
        "identity_documents": [_document(d) for d in s.identity_documents],
    })
    for key in UN_EXTRA_KEYS + UN_ENTITY_EXTRA_KEYS:
        values[key] = copy.deepcopy(s.extra.get(key))
    if s.kind is not SubjectKind.PERSON:
        values["sex_id"] = None
    return _ordered(UN_PERSON_KEYS if s.kind is SubjectKind.PERSON else UN_ENTITY_KEYS, values)


def render_detail(notice: Notice, base_url: str, *, linked: Iterable[LinkedNotice] = ()) -> dict[str, Any]:
    """The detail in the shape of the notice's type (Red, Yellow, UN); other types have none."""
    if notice.type is NoticeType.RED:
        return render_red_detail(notice, base_url, linked=linked)
    if notice.type is NoticeType.YELLOW:
        return render_yellow_detail(notice, base_url, linked=linked)
    if notice.type is NoticeType.UN_SPECIAL:
        return render_un_detail(notice, base_url)
    raise ValidationError(f"{notice.type.value} notices have no public extract in INTERPOL's API",
                          field="type", record=notice.entity_id)


def render_images(notice: Notice, base_url: str) -> dict[str, Any]:
    """The ``/images`` response: each picture with its link, then ``self``, ``notice`` and ``thumbnail``.

    With no photo, INTERPOL answers ``{"_embedded": {"images": []}}`` and nothing else.
    """
    photos = notice.subject.photos
    if not photos:
        return {"_embedded": {"images": []}}
    url = notice_url(notice, base_url)
    images = [
        {"picture_id": p.picture_id, "_links": {"self": {"href": image_url(notice, base_url, p.picture_id)}}}
        for p in photos
    ]
    links: dict[str, Any] = {"self": {"href": f"{url}/images"}, "notice": {"href": url}}
    thumbnail = _thumbnail_id(notice)
    if thumbnail:
        links["thumbnail"] = {"href": image_url(notice, base_url, thumbnail)}
    return {"_embedded": {"images": images}, "_links": links}
