"""The notice request form: its fields, to and from the notice's native JSON form, and every error beside the
field it is about.

The form holds what an officer types for a request (the subject, one warrant, the facts, a disappearance, the
restriction); what it does not show (aliases, photos, further warrants) is kept from the stored draft when it is
edited. The console checks what it can explain in the officer's language first (names, dates, country codes,
numbers), then the domain (:func:`ncb.domain.documents.notice_from_dict`) checks everything, and its error is put
beside the form field its path names.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from ncb.domain.countries import validate_country
from ncb.domain.dates import PartialDate
from ncb.domain.documents import notice_from_dict
from ncb.domain.names import NameKind
from ncb.domain.notices import Notice, NoticeType, RestrictionMode
from ncb.errors import ValidationError
from ncb.web.console.i18n import gettext

TEXT_FIELDS = ("name", "forename", "name_original", "date_of_birth", "sex", "nationalities", "place_of_birth",
               "description", "document_number", "document_country", "charge", "warrant_country", "law",
               "max_penalty_months", "warrant_reference", "facts_summary", "facts_place", "facts_country",
               "disappearance_date", "disappearance_place", "disappearance_country", "restriction_mode",
               "restriction_countries", "type")
LIMITS = {"description": 4000, "facts_summary": 8000}
COUNTRY_LIST_FIELDS = ("nationalities", "restriction_countries")
COUNTRY_FIELDS = ("document_country", "warrant_country", "facts_country", "disappearance_country")
DATE_FIELDS = ("date_of_birth", "disappearance_date")

# A domain error's field path (indexes dropped) -> the form field it is shown beside.
_PATHS = {
    "type": "type", "public_extract": "public_extract", "owner": "type",
    "subject.names": "name", "subject.names.name": "name", "subject.names.forename": "forename",
    "subject.names.full": "name_original", "subject.date_of_birth": "date_of_birth", "subject.sex": "sex",
    "subject.nationalities": "nationalities", "subject.place_of_birth": "place_of_birth",
    "subject.description": "description", "subject.identity_documents": "document_number",
    "subject.identity_documents.number": "document_number",
    "subject.identity_documents.issuing_country": "document_country",
    "warrants": "charge", "warrants.charge": "charge", "warrants.issuing_country": "warrant_country",
    "warrants.law": "law", "warrants.max_penalty_months": "max_penalty_months",
    "warrants.reference": "warrant_reference", "facts": "facts_summary", "facts.summary": "facts_summary",
    "facts.place": "facts_place", "facts.country": "facts_country", "disappearance": "disappearance_date",
    "disappearance.date": "disappearance_date", "disappearance.place": "disappearance_place",
    "disappearance.country": "disappearance_country", "restriction": "restriction_countries",
    "restriction.mode": "restriction_mode", "restriction.countries": "restriction_countries",
}


def form_field(path: str | None) -> str | None:
    """The form field a domain error's ``field`` path is about (None: shown above the form)."""
    if not path:
        return None
    if path.startswith("subject.names[1]"):
        return "name_original"
    return _PATHS.get(re.sub(r"\[\d+\]", "", path))


def values_from_form(fields: Mapping[str, str]) -> dict[str, str]:
    values = {k: fields.get(k, "").strip()[:LIMITS.get(k, 500)] for k in TEXT_FIELDS}
    values["public_extract"] = "1" if fields.get("public_extract") else ""
    return values


def values_from_notice(notice: Notice) -> dict[str, str]:
    """The form filled from a stored notice."""
    s = notice.subject
    primary = s.primary_name
    original = next((n for n in s.names if n.kind is NameKind.ORIGINAL_SCRIPT), None)
    doc = s.identity_documents[0] if s.identity_documents else None
    w = notice.warrants[0] if notice.warrants else None
    f = notice.facts
    d = notice.disappearance
    return {
        "type": notice.type.value, "public_extract": "1" if notice.public_extract else "",
        "name": (primary.name or "") if primary else "", "forename": (primary.forename or "") if primary else "",
        "name_original": original.full if original else "",
        "date_of_birth": str(s.date_of_birth) if s.date_of_birth else "", "sex": s.sex.value,
        "nationalities": ", ".join(s.nationalities), "place_of_birth": s.place_of_birth or "",
        "description": s.description or "", "document_number": doc.number if doc else "",
        "document_country": (doc.issuing_country or "") if doc else "",
        "charge": w.charge if w else "", "warrant_country": w.issuing_country if w else "",
        "law": (w.law or "") if w else "",
        "max_penalty_months": str(w.max_penalty_months) if w and w.max_penalty_months is not None else "",
        "warrant_reference": (w.reference or "") if w else "",
        "facts_summary": f.summary if f else "", "facts_place": (f.place or "") if f else "",
        "facts_country": (f.country or "") if f else "",
        "disappearance_date": str(d.date) if d and d.date else "", "disappearance_place": (d.place or "") if d else "",
        "disappearance_country": (d.country or "") if d else "",
        "restriction_mode": notice.restriction.mode.value,
        "restriction_countries": ", ".join(sorted(notice.restriction.countries)),
    }


def split_codes(text: str) -> list[str]:
    """Codes or ids typed in one field, separated by commas, semicolons or spaces, as typed."""
    return [c.strip() for c in re.split(r"[,;\s]+", text) if c.strip()]


def _codes(text: str) -> list[str]:
    return [c.upper() for c in split_codes(text)]


def check(values: Mapping[str, str], lang: str) -> dict[str, str]:
    """What the console can say in the officer's language before the domain looks: field -> message."""
    errors: dict[str, str] = {}
    if values.get("type") not in {t.value for t in NoticeType}:
        errors["type"] = gettext(lang, "Choose the kind of notice.")
    if not values.get("name") and not values.get("forename") and not values.get("name_original"):
        errors["name"] = gettext(lang, "Give the family name or the forename of the person.")
    for name in DATE_FIELDS:
        if values.get(name):
            try:
                PartialDate.parse(values[name])
            except ValidationError:
                errors[name] = gettext(lang, "Write the date as YYYY, YYYY/MM or YYYY/MM/DD (for example 1989/04/16).")
    for name in COUNTRY_FIELDS + COUNTRY_LIST_FIELDS:
        codes = _codes(values.get(name, "")) if name in COUNTRY_LIST_FIELDS else (
            [values[name].strip().upper()] if values.get(name) else [])
        for code in codes:
            try:
                validate_country(code)
            except ValidationError:
                errors[name] = gettext(lang, "“%(code)s” is not a country code: use two letters, such as JP.",
                                       code=code[:12])
                break
    months = values.get("max_penalty_months", "")
    if months and not (months.isdigit() and int(months) <= 12 * 200):
        errors["max_penalty_months"] = gettext(lang, "Give the maximum penalty as a whole number of months.")
    if values.get("sex") not in ("", "M", "F", "U"):
        errors["sex"] = gettext(lang, "Choose male, female or unknown.")
    if (values.get("restriction_mode") or "none") not in {m.value for m in RestrictionMode}:
        errors["restriction_mode"] = gettext(lang, "Choose who may see the notice.")
    if values.get("public_extract") and values.get("type") not in {t.value for t in NoticeType
                                                                   if t.has_public_extract}:
        errors["public_extract"] = gettext(lang, "Only Red, Yellow and UN Special Notices have a public extract.")
    if values.get("restriction_mode") in ("allow", "deny") and not values.get("restriction_countries"):
        errors["restriction_countries"] = gettext(lang, "List the countries the restriction is about.")
    return errors


def _or_none(text: str) -> str | None:
    return text or None


def document(values: Mapping[str, str], base: Mapping[str, Any] | None, owner: str | None) -> dict[str, Any]:
    """The notice's native JSON form: ``values`` over ``base`` (the stored draft's, when editing)."""
    doc: dict[str, Any] = dict(base or {})
    subject: dict[str, Any] = dict(doc.get("subject") or {"kind": "person"})
    names = [n for n in subject.get("names") or [] if n.get("kind") not in ("primary", "original_script")]
    head: list[dict[str, Any]] = []
    if values["name"] or values["forename"]:
        head.append({"name": _or_none(values["name"]), "forename": _or_none(values["forename"]), "kind": "primary"})
    if values["name_original"]:
        head.append({"full": values["name_original"], "kind": "original_script"})
    subject["names"] = head + names
    subject["date_of_birth"] = _or_none(values["date_of_birth"])
    subject["sex"] = values["sex"] or "U"
    subject["nationalities"] = _codes(values["nationalities"])
    subject["place_of_birth"] = _or_none(values["place_of_birth"])
    subject["description"] = _or_none(values["description"])
    documents = list(subject.get("identity_documents") or [])[1:]
    if values["document_number"]:
        documents.insert(0, {"type": "passport", "number": values["document_number"],
                             "issuing_country": _or_none(values["document_country"].upper())})
    subject["identity_documents"] = documents
    doc["subject"] = subject
    doc["type"] = values["type"]
    doc["owner"] = owner
    doc["public_extract"] = bool(values["public_extract"])
    warrants = list(doc.get("warrants") or [])[1:]
    if values["charge"] or values["warrant_country"] or values["law"] or values["max_penalty_months"]:
        warrants.insert(0, {"charge": _or_none(values["charge"]),
                            "issuing_country": values["warrant_country"].upper() or owner,
                            "law": _or_none(values["law"]),
                            "max_penalty_months": int(values["max_penalty_months"])
                            if values["max_penalty_months"].isdigit() else None,
                            "reference": _or_none(values["warrant_reference"])})
    doc["warrants"] = warrants
    if values["facts_summary"] or values["facts_place"] or values["facts_country"]:
        doc["facts"] = {"summary": _or_none(values["facts_summary"]), "place": _or_none(values["facts_place"]),
                        "country": _or_none(values["facts_country"].upper())}
    else:
        doc["facts"] = None
    if values["disappearance_date"] or values["disappearance_place"] or values["disappearance_country"]:
        doc["disappearance"] = {"date": _or_none(values["disappearance_date"]),
                                "place": _or_none(values["disappearance_place"]),
                                "country": _or_none(values["disappearance_country"].upper())}
    else:
        doc["disappearance"] = None
    doc["restriction"] = {"mode": values["restriction_mode"] or "none",
                          "countries": _codes(values["restriction_countries"])}
    return doc


def parse(values: Mapping[str, str], base: Mapping[str, Any] | None, owner: str | None,
          lang: str) -> tuple[dict[str, Any], Notice | None, dict[str, str]]:
    """The document, the notice it makes (None when invalid) and the errors, each beside its field (``""`` is the
    key of an error about no one field)."""
    errors = check(values, lang)
    doc = document(values, base, owner)
    if errors:
        return doc, None, errors
    try:
        probe = {**doc, "entity_id": doc.get("entity_id") or "0000/00000"}
        return doc, notice_from_dict(probe), {}
    except ValidationError as exc:
        return doc, None, {form_field(exc.field) or "": exc.message}
