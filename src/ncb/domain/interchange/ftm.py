"""FollowTheMoney (FtM) entities for screening tools (yente, nomenklatura, Aleph), as plain dicts.

Each entity is ``{"id", "schema", "properties"}`` with every property a list of strings, ready to be
written one per line (JSON lines). No dependency on the ``followthemoney`` package; the schema and
property names are FtM's (``Person``, ``Organization``, ``LegalEntity``, ``Passport``,
``Identification``).

Mapping decisions:

- The subject is a ``Person``, an ``Organization`` (an organisation, as UN entities are) or a
  ``LegalEntity`` (objects and modi operandi, which FtM has no schema for). Its id is stable:
  ``ncb-`` and the notice's id with ``-`` (``ncb-2021-40312``).
- ``name`` holds the primary names; ``alias`` the aliases and original-script forms; ``previousName``
  the name at birth (and a UN entity's ``formerly_known_as``).
- Countries are lower-case ISO codes; INTERPOL's ``914``/``922`` are not ISO and are left out.
  ``country`` carries the other countries a notice ties the subject to: a Red Notice's warrant
  countries, a Yellow Notice's country of disappearance.
- ``height`` is in centimetres and ``weight`` in kilograms (FtM's numbers carry no unit).
- ``topics``: ``wanted`` for Red, ``sanction`` for UN. FtM has no topic for missing persons, so a Yellow
  Notice says so in ``notes``. Warrants go in ``notes`` as "Arrest warrant issued by JP: <charge>".
- Parents' names are not mapped: FtM's ``fatherName``/``motherName`` mean patronymic and matronymic.
- Identity documents give ``passportNumber``/``idNumber`` on the subject, and one ``Passport`` or
  ``Identification`` entity each (``holder`` pointing at the subject).

Which notices may be exported, and to whom, is the caller's decision (restrictions hold on exports too).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from ncb.domain.codes import EYE_LABELS, HAIR_LABELS, Sex
from ncb.domain.countries import INTERPOL_SPECIAL_CODES
from ncb.domain.names import NameKind
from ncb.domain.notices import IdentityDocument, Notice, NoticeType, SubjectKind

ID_PREFIX = "ncb"

_SCHEMAS: dict[SubjectKind, str] = {
    SubjectKind.PERSON: "Person",
    SubjectKind.ORGANISATION: "Organization",
    SubjectKind.OBJECT: "LegalEntity",
    SubjectKind.MODUS_OPERANDI: "LegalEntity",
}
_GENDERS: dict[Sex, str] = {Sex.MALE: "male", Sex.FEMALE: "female"}
_TOPICS: dict[NoticeType, str] = {NoticeType.RED: "wanted", NoticeType.UN_SPECIAL: "sanction"}
_SLUG = re.compile(r"[^0-9a-z]+")


class _Properties:
    """FtM properties: every value a string, no blanks, no repeats, in the order added."""

    def __init__(self) -> None:
        self.values: dict[str, list[str]] = {}

    def add(self, prop: str, *values: object) -> None:
        for value in values:
            if value is None:
                continue
            text = str(value).strip()
            if text and text not in self.values.get(prop, []):
                self.values.setdefault(prop, []).append(text)

    def add_all(self, prop: str, values: Iterable[object]) -> None:
        self.add(prop, *values)


def ftm_id(notice: Notice) -> str:
    """The subject entity's stable id: ``2021/40312`` -> ``ncb-2021-40312``."""
    return f"{ID_PREFIX}-{notice.url_id}"


def _countries(codes: Iterable[str | None]) -> list[str]:
    return [c.lower() for c in codes if c and c not in INTERPOL_SPECIAL_CODES]


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


def _texts(value: Any) -> list[str]:
    """Strings out of a free-form UN field (a string or a list of strings)."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [v for v in value if isinstance(v, str)]
    return []


def _slug(text: str) -> str:
    return _SLUG.sub("-", text.lower()).strip("-") or "x"


def _document_entity(holder: str, doc: IdentityDocument) -> dict[str, Any]:
    schema = "Passport" if doc.type == "passport" else "Identification"
    props = _Properties()
    props.add("holder", holder)
    props.add("number", doc.number)
    props.add("type", doc.type)
    props.add_all("country", _countries([doc.issuing_country]))
    props.add("endDate", doc.expiry.isoformat() if doc.expiry else None)
    return {"id": f"{holder}-doc-{_slug(doc.type)}-{_slug(doc.number)}", "schema": schema,
            "properties": props.values}


def _names(notice: Notice, props: _Properties) -> None:
    s = notice.subject
    primary = [n for n in s.names if n.kind is NameKind.PRIMARY]
    first = primary[0] if primary else (s.names[0] if s.names else None)
    props.add("name", *(n.full for n in primary or ([first] if first else [])))
    props.add_all("alias", (n.full for n in s.names
                            if n.kind in (NameKind.ALIAS, NameKind.ORIGINAL_SCRIPT) and n is not first))
    props.add_all("previousName", (n.full for n in s.names if n.kind is NameKind.BIRTH))
    if s.kind is SubjectKind.PERSON and first is not None:
        props.add("firstName", first.forename)
        props.add("lastName", first.name)


def _person(notice: Notice, props: _Properties) -> None:
    s = notice.subject
    props.add("birthDate", s.date_of_birth.iso() if s.date_of_birth else None)
    props.add("birthPlace", s.place_of_birth)
    props.add_all("birthCountry", _countries([s.country_of_birth]))
    props.add_all("nationality", _countries(s.nationalities))
    props.add("gender", _GENDERS.get(s.sex))
    props.add_all("eyeColor", (EYE_LABELS[e][0] for e in s.eye_colours))
    props.add_all("hairColor", (HAIR_LABELS[h][0] for h in s.hair_colours))
    props.add("height", _number(round(s.height * 100, 1)) if s.height else None)
    props.add("weight", _number(s.weight) if s.weight else None)
    props.add("appearance", s.distinguishing_marks)
    props.add_all("passportNumber", (d.number for d in s.identity_documents if d.type == "passport"))
    props.add_all("idNumber", (d.number for d in s.identity_documents if d.type != "passport"))


def _organisation(notice: Notice, props: _Properties) -> None:
    extra = notice.subject.extra
    props.add_all("country", _countries(notice.subject.nationalities))
    props.add_all("previousName", _texts(extra.get("formerly_known_as")))
    props.add_all("legalForm", _texts(extra.get("legal_form")))
    props.add_all("registrationNumber", _texts(extra.get("registration_number")))


def to_ftm(notice: Notice, *, source_url: str | None = None) -> list[dict[str, Any]]:
    """The notice's subject as an FtM entity, followed by one entity per identity document."""
    s = notice.subject
    subject_id = ftm_id(notice)
    props = _Properties()
    _names(notice, props)
    if s.kind is SubjectKind.PERSON:
        _person(notice, props)
    else:
        _organisation(notice, props)
    props.add_all("country", _countries(w.issuing_country for w in notice.warrants))
    if notice.disappearance is not None:
        props.add_all("country", _countries([notice.disappearance.country]))
    props.add("topics", _TOPICS.get(notice.type))
    if notice.type is NoticeType.YELLOW:
        props.add("notes", "INTERPOL Yellow Notice: missing person")
    for w in notice.warrants:
        charge = w.charge_translation or w.charge
        props.add("notes", f"Arrest warrant issued by {w.issuing_country}: {charge}")
    if notice.un is not None:
        props.add("program", f"UN Security Council resolution {notice.un.resolution}"
                  if notice.un.resolution else None)
        props.add("notes", notice.un.summary)
    props.add("sourceUrl", source_url)
    entities = [{"id": subject_id, "schema": _SCHEMAS[s.kind], "properties": props.values}]
    if s.kind is SubjectKind.PERSON:
        entities.extend(_document_entity(subject_id, d) for d in s.identity_documents)
    return entities
