"""The native JSON form of a notice: what the database stores, the internal API takes and gives, and
``ncb notices show --json`` prints.

``notice_from_dict`` validates everything and names the field at fault; ``notice_to_dict`` is its
exact inverse (``notice_from_dict(notice_to_dict(n)) == n``).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Mapping
from datetime import date, datetime
from typing import Any, TypeVar

from ncb.domain.codes import Sex, parse_eye, parse_hair, parse_language
from ncb.domain.countries import validate_country
from ncb.domain.dates import PartialDate
from ncb.domain.names import Name, NameKind, Script
from ncb.domain.notices import (
    ArrestWarrant,
    Disappearance,
    Facts,
    IdentityDocument,
    Notice,
    NoticeStatus,
    NoticeType,
    Photo,
    Restriction,
    RestrictionMode,
    Subject,
    SubjectKind,
    UnSanctions,
)
from ncb.errors import ValidationError

T = TypeVar("T")
Doc = dict[str, Any]


def notice_to_dict(n: Notice) -> Doc:
    s = n.subject
    return {
        "entity_id": n.entity_id,
        "type": n.type.value,
        "status": n.status.value,
        "owner": n.owner,
        "agency": n.agency,
        "public_extract": n.public_extract,
        "restriction": {"mode": n.restriction.mode.value, "countries": sorted(n.restriction.countries)},
        "addressees": list(n.addressees),
        "issuing_country": n.issuing_country,
        "subject": {
            "kind": s.kind.value,
            "names": [nm.to_dict() for nm in s.names],
            "date_of_birth": str(s.date_of_birth) if s.date_of_birth else None,
            "sex": s.sex.value,
            "nationalities": list(s.nationalities),
            "place_of_birth": s.place_of_birth,
            "country_of_birth": s.country_of_birth,
            "height": s.height,
            "weight": s.weight,
            "eye_colours": [e.value for e in s.eye_colours],
            "hair_colours": [h.value for h in s.hair_colours],
            "languages": list(s.languages),
            "distinguishing_marks": s.distinguishing_marks,
            "identity_documents": [
                {"type": d.type, "number": d.number, "issuing_country": d.issuing_country,
                 "expiry": d.expiry.isoformat() if d.expiry else None}
                for d in s.identity_documents
            ],
            "photos": [{"picture_id": p.picture_id, "thumbnail_id": p.thumbnail_id, "media_type": p.media_type}
                       for p in s.photos],
            "father_name": s.father_name,
            "father_forename": s.father_forename,
            "mother_name": s.mother_name,
            "mother_forename": s.mother_forename,
            "description": s.description,
            "extra": dict(s.extra),
        },
        "warrants": [
            {"charge": w.charge, "issuing_country": w.issuing_country, "charge_translation": w.charge_translation,
             "law": w.law, "max_penalty_months": w.max_penalty_months, "sentence_months": w.sentence_months,
             "remaining_months": w.remaining_months, "reference": w.reference,
             "issued_on": w.issued_on.isoformat() if w.issued_on else None, "category": w.category}
            for w in n.warrants
        ],
        "facts": ({"summary": n.facts.summary, "time": n.facts.time, "place": n.facts.place,
                   "country": n.facts.country} if n.facts else None),
        "extradition_countries": list(n.extradition_countries),
        "disappearance": ({"date": str(n.disappearance.date) if n.disappearance.date else None,
                           "place": n.disappearance.place, "country": n.disappearance.country,
                           "countries_likely_to_be_visited": list(n.disappearance.countries_likely_to_be_visited)}
                          if n.disappearance else None),
        "un": ({"reference": n.un.reference,
                "reference_date": str(n.un.reference_date) if n.un.reference_date else None,
                "resolution": n.un.resolution, "summary": n.un.summary} if n.un else None),
        "linked": list(n.linked),
        "created_at": n.created_at.isoformat() if n.created_at else None,
        "published_at": n.published_at.isoformat() if n.published_at else None,
        "expires_on": n.expires_on.isoformat() if n.expires_on else None,
        "suspended_until": n.suspended_until.isoformat() if n.suspended_until else None,
    }


def content_hash(notice: Notice) -> str:
    """A hash of what a notice says (not of when it was stored), for idempotent imports."""
    return document_hash(notice_to_dict(notice))


def document_hash(doc: Mapping[str, Any]) -> str:
    """:func:`content_hash` of a notice already in its native form."""
    said = {k: v for k, v in doc.items() if k != "created_at"}
    return hashlib.sha256(json.dumps(said, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


class _Reader:
    """Reads one document, naming the record and the field in every error."""

    def __init__(self, record: str | None) -> None:
        self.record = record

    def fail(self, message: str, field: str) -> ValidationError:
        return ValidationError(message, field=field, record=self.record)

    def obj(self, value: Any, field: str) -> Mapping[str, Any]:
        if value is None:
            return {}
        if not isinstance(value, Mapping):
            raise self.fail(f"expected an object, got {type(value).__name__}", field)
        return value

    def text(self, d: Mapping[str, Any], key: str, prefix: str = "", *, required: bool = False) -> str | None:
        value = d.get(key)
        field = prefix + key
        if value is None or (isinstance(value, str) and not value.strip()):
            if required:
                raise self.fail("is required", field)
            return None
        if not isinstance(value, str):
            raise self.fail(f"expected text, got {type(value).__name__}", field)
        return value.strip()

    def items(self, d: Mapping[str, Any], key: str, prefix: str = "") -> list[Any]:
        value = d.get(key)
        if value is None:
            return []
        if not isinstance(value, list):
            raise self.fail(f"expected a list, got {type(value).__name__}", prefix + key)
        return value

    def each(self, d: Mapping[str, Any], key: str, fn: Callable[[Any, str], T], prefix: str = "") -> tuple[T, ...]:
        return tuple(fn(v, f"{prefix}{key}[{i}]") for i, v in enumerate(self.items(d, key, prefix)))

    def guard(self, fn: Callable[[], T], field: str) -> T:
        try:
            return fn()
        except ValidationError as exc:
            raise self.fail(exc.message, exc.field if exc.field and "." in exc.field else field) from None
        except ValueError as exc:
            raise self.fail(str(exc), field) from None

    def country(self, value: Any, field: str) -> str:
        if not isinstance(value, str):
            raise self.fail(f"expected a country code, got {value!r}", field)
        return self.guard(lambda: validate_country(value, field=field), field)

    def countries(self, d: Mapping[str, Any], key: str, prefix: str = "") -> tuple[str, ...]:
        return self.each(d, key, self.country, prefix)

    def pdate(self, value: Any, field: str) -> PartialDate | None:
        if value is None or value == "":
            return None
        if not isinstance(value, str):
            raise self.fail(f"expected a date as text, got {value!r}", field)
        return self.guard(lambda: PartialDate.parse(value), field)

    def day(self, value: Any, field: str) -> date | None:
        if value is None or value == "":
            return None
        if not isinstance(value, str):
            raise self.fail(f"expected a date YYYY-MM-DD, got {value!r}", field)
        return self.guard(lambda: date.fromisoformat(value), field)

    def moment(self, value: Any, field: str) -> datetime | None:
        if value is None or value == "":
            return None
        if not isinstance(value, str):
            raise self.fail(f"expected a timestamp, got {value!r}", field)
        return self.guard(lambda: datetime.fromisoformat(value), field)

    def number(self, value: Any, field: str, kind: type = float) -> Any:
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise self.fail(f"expected a number, got {value!r}", field)
        if kind is int and value != int(value):
            raise self.fail(f"expected a whole number, got {value!r}", field)
        return kind(value)

    def enum(self, cls: Callable[[str], T], value: Any, field: str, default: T | None = None) -> T:
        if value is None and default is not None:
            return default
        try:
            return cls(value)
        except (ValueError, TypeError):
            allowed = ", ".join(str(getattr(m, "value", m)) for m in _members(cls))
            raise self.fail(f"{value!r} is not one of {allowed}", field) from None


def _members(cls: Any) -> Iterable[Any]:
    try:
        return list(cls)
    except TypeError:
        return []


def notice_from_dict(doc: Mapping[str, Any], *, record: str | None = None) -> Notice:
    r = _Reader(record or (doc.get("entity_id") if isinstance(doc, Mapping) else None))
    if not isinstance(doc, Mapping):
        raise r.fail("a notice must be a JSON object", "notice")
    entity_id = r.text(doc, "entity_id", required=True)
    assert entity_id is not None
    ntype = r.enum(NoticeType, doc.get("type"), "type")
    subject = _subject(r, r.obj(doc.get("subject"), "subject"))
    restriction_doc = r.obj(doc.get("restriction"), "restriction")
    restriction = r.guard(lambda: Restriction(
        mode=r.enum(RestrictionMode, restriction_doc.get("mode"), "restriction.mode", RestrictionMode.NONE),
        countries=frozenset(r.countries(restriction_doc, "countries", "restriction."))), "restriction")
    facts_doc = doc.get("facts")
    facts = None
    if facts_doc is not None:
        f = r.obj(facts_doc, "facts")
        summary = r.text(f, "summary", "facts.", required=True)
        assert summary is not None
        facts = Facts(summary=summary, time=r.text(f, "time", "facts."), place=r.text(f, "place", "facts."),
                      country=r.country(f["country"], "facts.country") if f.get("country") else None)
    dis = None
    if doc.get("disappearance") is not None:
        dd = r.obj(doc["disappearance"], "disappearance")
        dis = Disappearance(date=r.pdate(dd.get("date"), "disappearance.date"),
                            place=r.text(dd, "place", "disappearance."),
                            country=r.country(dd["country"], "disappearance.country") if dd.get("country") else None,
                            countries_likely_to_be_visited=r.countries(dd, "countries_likely_to_be_visited",
                                                                       "disappearance."))
    un = None
    if doc.get("un") is not None:
        ud = r.obj(doc["un"], "un")
        un = UnSanctions(reference=r.text(ud, "reference", "un."),
                         reference_date=r.pdate(ud.get("reference_date"), "un.reference_date"),
                         resolution=r.text(ud, "resolution", "un."), summary=r.text(ud, "summary", "un."))
    owner = r.country(doc.get("owner"), "owner")
    return r.guard(lambda: Notice(
        entity_id=entity_id,
        type=ntype,
        owner=owner,
        agency=r.text(doc, "agency"),
        subject=subject,
        status=r.enum(NoticeStatus, doc.get("status"), "status", NoticeStatus.DRAFT),
        public_extract=bool(doc.get("public_extract", False)),
        restriction=restriction,
        warrants=r.each(doc, "warrants", lambda v, f: _warrant(r, r.obj(v, f), f + ".")),
        facts=facts,
        extradition_countries=r.countries(doc, "extradition_countries"),
        disappearance=dis,
        un=un,
        addressees=r.countries(doc, "addressees"),
        issuing_country=r.country(doc["issuing_country"], "issuing_country") if doc.get("issuing_country") else None,
        linked=tuple(str(x) for x in r.items(doc, "linked")),
        created_at=r.moment(doc.get("created_at"), "created_at"),
        published_at=r.moment(doc.get("published_at"), "published_at"),
        expires_on=r.day(doc.get("expires_on"), "expires_on"),
        suspended_until=r.day(doc.get("suspended_until"), "suspended_until"),
    ), "notice")


def _name(r: _Reader, value: Any, field: str) -> Name:
    d = r.obj(value, field)
    return r.guard(lambda: Name(
        name=r.text(d, "name", field + "."), forename=r.text(d, "forename", field + "."),
        full_text=r.text(d, "full", field + "."),
        kind=r.enum(NameKind, d.get("kind"), field + ".kind", NameKind.PRIMARY),
        script=r.enum(Script, d["script"], field + ".script") if d.get("script") else None), field)


def _document(r: _Reader, value: Any, field: str) -> IdentityDocument:
    d = r.obj(value, field)
    number = r.text(d, "number", field + ".", required=True)
    assert number is not None
    return IdentityDocument(type=r.text(d, "type", field + ".") or "other", number=number,
                            issuing_country=r.country(d["issuing_country"], field + ".issuing_country")
                            if d.get("issuing_country") else None,
                            expiry=r.day(d.get("expiry"), field + ".expiry"))


def _photo(r: _Reader, value: Any, field: str) -> Photo:
    d = r.obj(value, field)
    pid = r.text(d, "picture_id", field + ".", required=True)
    assert pid is not None
    return Photo(picture_id=pid, thumbnail_id=r.text(d, "thumbnail_id", field + "."),
                 media_type=r.text(d, "media_type", field + ".") or "image/jpeg")


def _subject(r: _Reader, d: Mapping[str, Any]) -> Subject:
    p = "subject."
    extra = d.get("extra") or {}
    if not isinstance(extra, dict):
        raise r.fail("expected an object", p + "extra")
    return r.guard(lambda: Subject(
        kind=r.enum(SubjectKind, d.get("kind"), p + "kind", SubjectKind.PERSON),
        names=r.each(d, "names", lambda v, f: _name(r, v, f), p),
        date_of_birth=r.pdate(d.get("date_of_birth"), p + "date_of_birth"),
        sex=r.guard(lambda: Sex.parse(d.get("sex")), p + "sex"),
        nationalities=r.countries(d, "nationalities", p),
        place_of_birth=r.text(d, "place_of_birth", p),
        country_of_birth=r.country(d["country_of_birth"], p + "country_of_birth") if d.get("country_of_birth")
        else None,
        height=r.number(d.get("height"), p + "height"),
        weight=r.number(d.get("weight"), p + "weight"),
        eye_colours=r.each(d, "eye_colours", lambda v, f: r.guard(lambda: parse_eye(str(v), f), f), p),
        hair_colours=r.each(d, "hair_colours", lambda v, f: r.guard(lambda: parse_hair(str(v), f), f), p),
        languages=r.each(d, "languages", lambda v, f: r.guard(lambda: parse_language(str(v), f), f), p),
        distinguishing_marks=r.text(d, "distinguishing_marks", p),
        identity_documents=r.each(d, "identity_documents", lambda v, f: _document(r, v, f), p),
        photos=r.each(d, "photos", lambda v, f: _photo(r, v, f), p),
        father_name=r.text(d, "father_name", p), father_forename=r.text(d, "father_forename", p),
        mother_name=r.text(d, "mother_name", p), mother_forename=r.text(d, "mother_forename", p),
        description=r.text(d, "description", p),
        extra=dict(extra),
    ), "subject")


def _warrant(r: _Reader, d: Mapping[str, Any], p: str) -> ArrestWarrant:
    charge = r.text(d, "charge", p, required=True)
    assert charge is not None
    return ArrestWarrant(
        charge=charge,
        issuing_country=r.country(d.get("issuing_country"), p + "issuing_country"),
        charge_translation=r.text(d, "charge_translation", p),
        law=r.text(d, "law", p),
        max_penalty_months=r.number(d.get("max_penalty_months"), p + "max_penalty_months", int),
        sentence_months=r.number(d.get("sentence_months"), p + "sentence_months", int),
        remaining_months=r.number(d.get("remaining_months"), p + "remaining_months", int),
        reference=r.text(d, "reference", p),
        issued_on=r.day(d.get("issued_on"), p + "issued_on"),
        category=r.text(d, "category", p),
    )
