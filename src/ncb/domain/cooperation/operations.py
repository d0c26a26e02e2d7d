"""Multi-country operations (against online sales of fake medicines, an organised jewel-theft group...):
the participating countries, the targets (persons, organisations, linked notices including Purple ones),
the results each country reports (arrests, seizures with quantities, units and value), a timeline and a
report.

A notice named as a target carries its owner's restriction: a country the restriction excludes can neither
take part nor be added while the notice is a target (the error names the field).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from typing import Any

from ncb.domain.cooperation import check_id
from ncb.domain.cooperation.messages import CarriedRestriction, merge_restrictions
from ncb.domain.countries import validate_country
from ncb.domain.notices import ENTITY_ID
from ncb.errors import ValidationError

_CURRENCY = re.compile(r"^[A-Z]{3}$")
TEXT_MAX = 2000


class TargetKind(StrEnum):
    PERSON = "person"
    ORGANISATION = "organisation"
    NOTICE = "notice"


@dataclass(frozen=True)
class Target:
    kind: TargetKind
    ref: str  # a name (person, organisation) or a notice's entity_id
    label: str | None = None
    notice_type: str | None = None  # for a notice: red, purple...

    def __post_init__(self) -> None:
        if not self.ref.strip() or len(self.ref) > 300:
            raise ValidationError("a target is named (1-300 characters)", field="target.ref")
        if self.kind is TargetKind.NOTICE and not ENTITY_ID.match(self.ref):
            raise ValidationError(f"{self.ref!r} is not a notice id (YYYY/NNNNN)", field="target.ref")

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind.value, "ref": self.ref, "label": self.label, "notice_type": self.notice_type}


@dataclass(frozen=True)
class Seizure:
    item: str  # counterfeit tablets, gold jewellery...
    quantity: Decimal
    unit: str  # kg, pieces, tablets, litres
    value: Decimal | None = None
    currency: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"item": self.item, "quantity": str(self.quantity), "unit": self.unit,
                "value": str(self.value) if self.value is not None else None, "currency": self.currency}


def seizure(item: str, quantity: Any, unit: str, value: Any = None, currency: str | None = None,
            field: str = "seizures[0]") -> Seizure:
    """A seizure from what a user typed; each refusal names the field."""
    if not (item or "").strip():
        raise ValidationError("what was seized?", field=f"{field}.item")
    q = _decimal(quantity, f"{field}.quantity")
    if q is None or q <= 0:
        raise ValidationError("a quantity above 0 is needed", field=f"{field}.quantity")
    if not (unit or "").strip():
        raise ValidationError("a unit is needed (kg, pieces, tablets...)", field=f"{field}.unit")
    v = _decimal(value, f"{field}.value")
    if v is not None and v < 0:
        raise ValidationError("a value is 0 or more", field=f"{field}.value")
    cur = (currency or "").strip().upper() or None
    if v is not None and cur is None:
        raise ValidationError("a value needs its currency (ISO 4217, e.g. JPY)", field=f"{field}.currency")
    if cur is not None and not _CURRENCY.match(cur):
        raise ValidationError(f"{currency!r} is not a currency code (ISO 4217, e.g. JPY, EUR)",
                              field=f"{field}.currency")
    return Seizure(item.strip(), q, unit.strip(), v, cur if v is not None else None)


def _decimal(value: Any, field: str) -> Decimal | None:
    if value is None or value == "":
        return None
    if isinstance(value, float | int | str | Decimal) and not isinstance(value, bool):
        try:
            d = Decimal(str(value))
        except InvalidOperation:
            raise ValidationError(f"{value!r} is not a number", field=field) from None
        if d.is_finite():
            return d
    raise ValidationError(f"{value!r} is not a number", field=field)


@dataclass(frozen=True)
class CountryResult:
    """What one country reports: arrests and seizures, on a date."""

    country: str
    reported_on: date
    arrests: int = 0
    seizures: tuple[Seizure, ...] = ()
    note: str | None = None
    recorded_by: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {"country": self.country, "reported_on": self.reported_on.isoformat(), "arrests": self.arrests,
                "seizures": [s.to_dict() for s in self.seizures], "note": self.note, "recorded_by": self.recorded_by}


@dataclass(frozen=True)
class TimelineEntry:
    on: date
    text: str
    country: str | None = None
    actor: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {"on": self.on.isoformat(), "text": self.text, "country": self.country, "actor": self.actor}


@dataclass(frozen=True)
class Operation:
    id: str
    name: str
    bureau: str  # the leading bureau
    countries: tuple[str, ...]  # every participating country, the leader's first
    description: str = ""
    started_on: date | None = None
    ended_on: date | None = None
    targets: tuple[Target, ...] = ()
    results: tuple[CountryResult, ...] = ()
    timeline: tuple[TimelineEntry, ...] = ()
    restrictions: tuple[CarriedRestriction, ...] = ()
    created_at: datetime | None = None
    created_by: str = ""

    def __post_init__(self) -> None:
        check_id("operation", self.id, "id")
        if not self.name.strip() or len(self.name) > 200:
            raise ValidationError("an operation has a name (1-200 characters)", field="name", record=self.id)
        if not self.countries or self.countries[0] != self.bureau:
            raise ValidationError("the leading bureau's country comes first among the participants",
                                  field="countries", record=self.id)
        if len(set(self.countries)) != len(self.countries):
            raise ValidationError("a country is named twice", field="countries", record=self.id)
        if self.started_on and self.ended_on and self.ended_on < self.started_on:
            raise ValidationError(f"the operation ends ({self.ended_on}) before it starts ({self.started_on})",
                                  field="ended_on", record=self.id)
        for i, country in enumerate(self.countries):
            for r in self.restrictions:
                if not r.permits(country):
                    raise ValidationError(f"{country} may not take part while {r.source} is a target: {r.describe()}",
                                          field=f"countries[{i}]", record=self.id)

    def involves(self, country: str | None) -> bool:
        return country is not None and country in self.countries

    def with_countries(self, countries: tuple[str, ...]) -> Operation:
        added = tuple(validate_country(c, field=f"countries[{i}]") for i, c in enumerate(countries))
        return replace(self, countries=tuple(dict.fromkeys(self.countries + added)))

    def with_target(self, target: Target, restriction: CarriedRestriction | None = None) -> Operation:
        if target in self.targets:
            raise ValidationError(f"{target.ref} is already a target", field="target.ref", record=self.id)
        extra = (restriction,) if restriction else ()
        return replace(self, targets=self.targets + (target,),
                       restrictions=merge_restrictions(self.restrictions, extra))

    def with_result(self, result: CountryResult) -> Operation:
        if result.country not in self.countries:
            raise ValidationError(f"{result.country} does not take part in {self.name}", field="country",
                                  record=self.id)
        if self.started_on and result.reported_on < self.started_on:
            raise ValidationError(f"a result reported on {result.reported_on} precedes the start "
                                  f"({self.started_on})", field="reported_on", record=self.id)
        return replace(self, results=self.results + (result,))

    def with_event(self, entry: TimelineEntry) -> Operation:
        if not entry.text.strip() or len(entry.text) > TEXT_MAX:
            raise ValidationError(f"a timeline entry says what happened (1-{TEXT_MAX} characters)", field="text",
                                  record=self.id)
        if entry.country is not None and entry.country not in self.countries:
            raise ValidationError(f"{entry.country} does not take part in {self.name}", field="country",
                                  record=self.id)
        return replace(self, timeline=tuple(sorted(self.timeline + (entry,), key=lambda e: e.on)))

    def totals(self) -> Totals:
        return totals(self.results)

    def to_dict(self) -> dict[str, Any]:
        t = self.totals()
        return {"id": self.id, "name": self.name, "bureau": self.bureau, "countries": list(self.countries),
                "description": self.description,
                "started_on": self.started_on.isoformat() if self.started_on else None,
                "ended_on": self.ended_on.isoformat() if self.ended_on else None,
                "targets": [x.to_dict() for x in self.targets], "results": [r.to_dict() for r in self.results],
                "timeline": [e.to_dict() for e in self.timeline],
                "restrictions": [r.to_dict() for r in self.restrictions],
                "created_at": self.created_at.isoformat() if self.created_at else None,
                "created_by": self.created_by, "totals": t.to_dict()}


def operation_from_dict(doc: Mapping[str, Any]) -> Operation:
    """The inverse of :meth:`Operation.to_dict` (as stored)."""
    return Operation(
        id=doc["id"], name=doc["name"], bureau=doc["bureau"], countries=tuple(doc["countries"]),
        description=doc.get("description") or "",
        started_on=date.fromisoformat(doc["started_on"]) if doc.get("started_on") else None,
        ended_on=date.fromisoformat(doc["ended_on"]) if doc.get("ended_on") else None,
        targets=tuple(Target(TargetKind(t["kind"]), t["ref"], t.get("label"), t.get("notice_type"))
                      for t in doc.get("targets") or ()),
        results=tuple(CountryResult(r["country"], date.fromisoformat(r["reported_on"]), int(r["arrests"]),
                                    tuple(Seizure(s["item"], Decimal(s["quantity"]), s["unit"],
                                                  Decimal(s["value"]) if s.get("value") is not None else None,
                                                  s.get("currency")) for s in r.get("seizures") or ()),
                                    r.get("note"), r.get("recorded_by") or "") for r in doc.get("results") or ()),
        timeline=tuple(TimelineEntry(date.fromisoformat(e["on"]), e["text"], e.get("country"), e.get("actor") or "")
                       for e in doc.get("timeline") or ()),
        restrictions=tuple(CarriedRestriction.from_dict(r, f"restrictions[{i}]")
                           for i, r in enumerate(doc.get("restrictions") or ())),
        created_at=datetime.fromisoformat(doc["created_at"]) if doc.get("created_at") else None,
        created_by=doc.get("created_by") or "")


@dataclass(frozen=True)
class Totals:
    arrests: int
    arrests_by_country: dict[str, int]
    quantities: dict[tuple[str, str], Decimal]  # (item, unit) -> quantity
    values: dict[str, Decimal]  # currency -> value

    def to_dict(self) -> dict[str, Any]:
        return {"arrests": self.arrests, "arrests_by_country": self.arrests_by_country,
                "seizures": [{"item": i, "unit": u, "quantity": str(q)} for (i, u), q in self.quantities.items()],
                "values": {c: str(v) for c, v in self.values.items()}}


def totals(results: tuple[CountryResult, ...]) -> Totals:
    """Arrests (overall and per country), quantities per item and unit, values per currency (never added
    across currencies)."""
    by_country: dict[str, int] = {}
    quantities: dict[tuple[str, str], Decimal] = {}
    values: dict[str, Decimal] = {}
    for r in results:
        by_country[r.country] = by_country.get(r.country, 0) + r.arrests
        for s in r.seizures:
            key = (s.item, s.unit)
            quantities[key] = quantities.get(key, Decimal(0)) + s.quantity
            if s.value is not None and s.currency:
                values[s.currency] = values.get(s.currency, Decimal(0)) + s.value
    return Totals(sum(by_country.values()), dict(sorted(by_country.items())), dict(sorted(quantities.items())),
                  dict(sorted(values.items())))


def report(op: Operation, *, markdown: bool = True) -> str:
    """The operation's report: participants, targets, results per country with totals, the timeline."""
    h1, h2 = ("# ", "## ") if markdown else ("", "")
    bullet = "- " if markdown else "  * "
    t = op.totals()
    period = f"{op.started_on or '?'} to {op.ended_on or 'ongoing'}"
    lines = [f"{h1}Operation {op.name} ({op.id})", "", f"Led by {op.bureau}, {period}.",
             f"Participating countries ({len(op.countries)}): {', '.join(op.countries)}.", ""]
    if op.description:
        lines += [op.description, ""]
    lines += [f"{h2}Targets ({len(op.targets)})", ""]
    lines += [f"{bullet}{x.kind.value}: {x.ref}" + (f" ({x.notice_type} notice)" if x.notice_type else "")
              + (f" - {x.label}" if x.label else "") for x in op.targets] or [f"{bullet}none recorded"]
    lines += ["", f"{h2}Results", ""]
    if markdown:
        lines += ["| country | arrests | seizures |", "|---|---:|---|"]
    per_country: dict[str, list[CountryResult]] = {}
    for r in op.results:
        per_country.setdefault(r.country, []).append(r)
    for country in op.countries:
        rs = per_country.get(country, [])
        seized = "; ".join(_seizure_text(s) for r in rs for s in r.seizures) or "-"
        arrests = sum(r.arrests for r in rs)
        lines.append(f"| {country} | {arrests} | {seized} |" if markdown
                     else f"  {country}: {arrests} arrests; {seized}")
    lines += ["", f"Total arrests: {t.arrests}."]
    for (item, unit), q in t.quantities.items():
        lines.append(f"{bullet}{item}: {_num(q)} {unit}")
    for currency, v in t.values.items():
        lines.append(f"{bullet}value seized: {_num(v)} {currency}")
    lines += ["", f"{h2}Timeline", ""]
    lines += [f"{bullet}{e.on.isoformat()}" + (f" [{e.country}]" if e.country else "") + f": {e.text}"
              for e in op.timeline] or [f"{bullet}nothing recorded"]
    return "\n".join(lines) + "\n"


def _num(d: Decimal) -> str:
    return f"{d:,f}".rstrip("0").rstrip(".") if "." in f"{d:f}" else f"{d:,f}"


def _seizure_text(s: Seizure) -> str:
    value = f" ({_num(s.value)} {s.currency})" if s.value is not None else ""
    return f"{_num(s.quantity)} {s.unit} {s.item}{value}"
