"""Extradition cases: the stages a fugitive's case goes through, their dates, the legal time limits between
them, and what becomes of the Red Notice when the case ends.

::

    located -> provisional_arrest -> request_sent | request_received -> judicial_decision
            -> executive_decision -> surrender
    (and from any open stage: release, withdrawal; from a decision: refusal)

``request_sent`` is the stage when the case's bureau is the requesting country's, ``request_received`` when
it is the requested country's. A stage's date is never before the previous one's, nor after today.

The limits (days from a provisional arrest to the formal request; days from the grant of surrender to the
handover) depend on the treaty between the two countries: :class:`LimitTable` reads them, with the source
of each figure, from ``data/extradition_limits.json`` (or a file named in the settings).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from enum import StrEnum
from importlib import resources
from pathlib import Path
from typing import Any

from ncb.domain.cooperation import check_id
from ncb.domain.countries import validate_country
from ncb.domain.notices import ENTITY_ID
from ncb.errors import ConfigurationError, IllegalTransition, ValidationError


class Stage(StrEnum):
    LOCATED = "located"
    PROVISIONAL_ARREST = "provisional_arrest"
    REQUEST_SENT = "request_sent"
    REQUEST_RECEIVED = "request_received"
    JUDICIAL_DECISION = "judicial_decision"
    EXECUTIVE_DECISION = "executive_decision"
    SURRENDER = "surrender"
    REFUSAL = "refusal"
    RELEASE = "release"
    WITHDRAWAL = "withdrawal"

    @property
    def is_final(self) -> bool:
        return not _NEXT[self]

    @property
    def next_stages(self) -> tuple[Stage, ...]:
        """The stages a case may go to from this one, in the order of the procedure."""
        return tuple(s for s in _ORDER if s in _NEXT[self])

    def check_next(self, target: Stage) -> None:
        if target not in _NEXT[self]:
            options = ", ".join(s.value for s in self.next_stages) or "none: the case is closed"
            raise IllegalTransition(f"a case cannot go from {self.value} to {target.value} "
                                    f"(next from {self.value}: {options})", field="stage")


_ORDER = tuple(Stage)
_ENDS = frozenset({Stage.RELEASE, Stage.WITHDRAWAL})
_REQUEST = frozenset({Stage.REQUEST_SENT, Stage.REQUEST_RECEIVED})
_NEXT: dict[Stage, frozenset[Stage]] = {
    Stage.LOCATED: frozenset({Stage.PROVISIONAL_ARREST, *_REQUEST, *_ENDS}),
    Stage.PROVISIONAL_ARREST: frozenset({*_REQUEST, *_ENDS}),
    Stage.REQUEST_SENT: frozenset({Stage.JUDICIAL_DECISION, *_ENDS}),
    Stage.REQUEST_RECEIVED: frozenset({Stage.JUDICIAL_DECISION, *_ENDS}),
    Stage.JUDICIAL_DECISION: frozenset({Stage.EXECUTIVE_DECISION, Stage.REFUSAL, *_ENDS}),
    Stage.EXECUTIVE_DECISION: frozenset({Stage.SURRENDER, Stage.REFUSAL, *_ENDS}),
    Stage.SURRENDER: frozenset(),
    Stage.REFUSAL: frozenset(),
    Stage.RELEASE: frozenset(),
    Stage.WITHDRAWAL: frozenset(),
}


@dataclass(frozen=True)
class StageEntry:
    """One stage reached: on which day (as the decision or the arrest is dated), recorded by whom and when."""

    stage: Stage
    on: date
    actor: str
    at: datetime
    note: str | None = None


@dataclass(frozen=True)
class Limits:
    """The time limits that apply between two countries, and where each figure comes from."""

    treaty: str
    name: str
    provisional_arrest_to_request_days: int
    surrender_days: int | None
    source: str
    confirmed: bool = True


class LimitTable:
    """Limits per country pair: a bilateral treaty's, else a multilateral one both are party to, else the
    default."""

    def __init__(self, default: Limits, pairs: Mapping[frozenset[str], Limits],
                 multilateral: tuple[tuple[frozenset[str], Limits], ...] = ()) -> None:
        self.default = default
        self.pairs = dict(pairs)
        self.multilateral = multilateral

    def for_pair(self, a: str, b: str) -> Limits:
        found = self.pairs.get(frozenset({a, b}))
        if found is not None:
            return found
        for parties, limits in self.multilateral:
            if a in parties and b in parties:
                return limits
        return self.default

    @classmethod
    def from_json(cls, text: str, where: str = "extradition_limits.json") -> LimitTable:
        try:
            doc = json.loads(text)
            default = _limits(doc["default"])
            pairs: dict[frozenset[str], Limits] = {}
            multilateral: list[tuple[frozenset[str], Limits]] = []
            for entry in doc.get("treaties", []):
                limits = _limits(entry)
                for pair in entry.get("pairs", []):
                    pairs[frozenset(validate_country(c) for c in pair)] = limits
                if entry.get("parties"):
                    multilateral.append((frozenset(validate_country(c) for c in entry["parties"]), limits))
        except (ValueError, KeyError, TypeError, ValidationError) as exc:
            raise ConfigurationError(f"{where} is not a table of extradition limits: {exc}") from None
        return cls(default, pairs, tuple(multilateral))

    @classmethod
    def builtin(cls) -> LimitTable:
        text = resources.files("ncb.domain").joinpath("data", "extradition_limits.json").read_text("utf-8")
        return cls.from_json(text)

    @classmethod
    def load(cls, path: str | None = None) -> LimitTable:
        """The table in ``path`` (setting ``extradition_limits_file``), or the built-in one when empty."""
        if not path:
            return cls.builtin()
        try:
            text = Path(path).read_text("utf-8")
        except OSError as exc:
            raise ConfigurationError(f"NCB_EXTRADITION_LIMITS_FILE {path!r} cannot be read: {exc.strerror}") from None
        return cls.from_json(text, path)


def _limits(entry: Mapping[str, Any]) -> Limits:
    days = int(entry["provisional_arrest_to_request_days"])
    surrender = entry.get("surrender_days")
    if days <= 0 or (surrender is not None and int(surrender) <= 0):
        raise ValueError(f"{entry.get('id')}: limits are whole numbers of days above 0")
    if not str(entry.get("source", "")).strip():
        raise ValueError(f"{entry.get('id')}: every figure needs its source")
    return Limits(str(entry["id"]), str(entry["name"]), days, int(surrender) if surrender is not None else None,
                  str(entry["source"]), bool(entry.get("confirmed", True)))


@dataclass(frozen=True)
class Deadline:
    """A legal time limit running in a case: what must happen by when, and the source of the figure."""

    case_id: str
    what: str
    due_on: date
    days_left: int
    source: str

    @property
    def passed(self) -> bool:
        return self.days_left < 0

    def to_dict(self) -> dict[str, Any]:
        return {"case_id": self.case_id, "what": self.what, "due_on": self.due_on.isoformat(),
                "days_left": self.days_left, "passed": self.passed, "source": self.source}


class NoticeFollowUp(StrEnum):
    """What happens to the linked Red Notice when a case ends."""

    ASK_OWNER_TO_CANCEL = "ask_owner_to_cancel"  # surrendered: the notice's purpose is achieved
    KEEP_WITH_ADDENDUM = "keep_with_addendum"  # refused: the notice stays, with the refusal added to it
    KEEP = "keep"  # released or withdrawn: the person may be sought elsewhere


@dataclass(frozen=True)
class ExtraditionCase:
    id: str
    bureau: str  # whose case file this is
    person: str  # the person sought, as named
    requesting: str  # the country that seeks the person
    requested: str  # the country where the person is
    stages: tuple[StageEntry, ...]
    notice: str | None = None  # the linked Red Notice
    notice_owner: str | None = None
    hits: tuple[int, ...] = ()  # confirmed screening hits that located the person
    messages: tuple[str, ...] = ()  # requests and notifications about it
    opened_at: datetime | None = None
    opened_by: str = ""
    closed_at: datetime | None = None

    def __post_init__(self) -> None:
        check_id("case", self.id, "id")
        if not self.person.strip():
            raise ValidationError("a case names the person sought", field="person", record=self.id)
        if self.requesting == self.requested:
            raise ValidationError(f"the requesting and the requested country are both {self.requesting}",
                                  field="requested", record=self.id)
        if self.bureau not in (self.requesting, self.requested):
            raise ValidationError(f"a case file is kept by the requesting ({self.requesting}) or the requested "
                                  f"({self.requested}) country's bureau, not {self.bureau}", field="bureau",
                                  record=self.id)
        if not self.stages:
            raise ValidationError("a case starts with the person located", field="stages", record=self.id)
        if self.notice is not None and not ENTITY_ID.match(self.notice):
            raise ValidationError(f"{self.notice!r} is not a notice id", field="notice", record=self.id)

    @property
    def stage(self) -> Stage:
        return self.stages[-1].stage

    @property
    def is_open(self) -> bool:
        return not self.stage.is_final

    @property
    def countries(self) -> frozenset[str]:
        return frozenset({self.bureau, self.requesting, self.requested})

    def involves(self, country: str | None) -> bool:
        return country is not None and country in self.countries

    def reached(self, stage: Stage) -> StageEntry | None:
        return next((e for e in self.stages if e.stage is stage), None)

    @property
    def outcome(self) -> Stage | None:
        return self.stage if self.stage.is_final else None

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "bureau": self.bureau, "person": self.person, "requesting": self.requesting,
                "requested": self.requested, "stage": self.stage.value, "open": self.is_open,
                "notice": self.notice, "notice_owner": self.notice_owner, "hits": list(self.hits),
                "messages": list(self.messages),
                "opened_at": self.opened_at.isoformat() if self.opened_at else None, "opened_by": self.opened_by,
                "closed_at": self.closed_at.isoformat() if self.closed_at else None,
                "stages": [{"stage": e.stage.value, "on": e.on.isoformat(), "actor": e.actor,
                            "at": e.at.isoformat(), "note": e.note} for e in self.stages]}


def open_case(*, id: str, bureau: str, person: str, requesting: str, requested: str, located_on: date,
              actor: str, now: datetime, notice: str | None = None, notice_owner: str | None = None,
              hits: tuple[int, ...] = (), note: str | None = None) -> ExtraditionCase:
    """A new case: the person located (in ``requested``) on ``located_on``, which is not after today."""
    requesting = validate_country(requesting, field="requesting")
    requested = validate_country(requested, field="requested")
    _check_date(located_on, None, now.date(), id)
    return ExtraditionCase(id=id, bureau=bureau, person=person.strip(), requesting=requesting, requested=requested,
                           stages=(StageEntry(Stage.LOCATED, located_on, actor, now, (note or "").strip() or None),),
                           notice=notice, notice_owner=notice_owner, hits=hits, opened_at=now, opened_by=actor)


def advance(case: ExtraditionCase, stage: Stage, *, on: date, actor: str, now: datetime,
            note: str | None = None) -> tuple[ExtraditionCase, StageEntry]:
    """The case at its next ``stage`` (reached ``on``) and the entry to append."""
    if not actor.strip():
        raise ValidationError("every change needs the actor who made it", field="actor", record=case.id)
    try:
        case.stage.check_next(stage)
    except IllegalTransition as exc:
        exc.record = case.id
        raise
    if stage is Stage.REQUEST_SENT and case.bureau != case.requesting:
        raise IllegalTransition(f"{case.bureau} is the requested country in this case: its bureau receives the "
                                "extradition request (request_received)", field="stage", record=case.id)
    if stage is Stage.REQUEST_RECEIVED and case.bureau != case.requested:
        raise IllegalTransition(f"{case.bureau} is the requesting country in this case: its bureau sends the "
                                "extradition request (request_sent)", field="stage", record=case.id)
    if stage is Stage.REFUSAL and not (note or "").strip():
        raise ValidationError("a refusal is recorded with its grounds", field="note", record=case.id)
    _check_date(on, case.stages[-1].on, now.date(), case.id)
    entry = StageEntry(stage, on, actor, now, (note or "").strip() or None)
    changed = replace(case, stages=case.stages + (entry,), closed_at=now if stage.is_final else None)
    return changed, entry


def _check_date(on: date, previous: date | None, today: date, record: str) -> None:
    if on > today:
        raise ValidationError(f"{on.isoformat()} is in the future (today is {today.isoformat()})", field="on",
                              record=record)
    if previous is not None and on < previous:
        raise ValidationError(f"{on.isoformat()} is before the previous stage ({previous.isoformat()})", field="on",
                              record=record)


def deadlines(case: ExtraditionCase, limits: Limits, today: date) -> list[Deadline]:
    """The limits running in an open case on ``today`` (passed ones included, with days_left below 0)."""
    out: list[Deadline] = []
    if not case.is_open:
        return out
    arrest = case.reached(Stage.PROVISIONAL_ARREST)
    if case.stage is Stage.PROVISIONAL_ARREST and arrest is not None:
        due = arrest.on + timedelta(days=limits.provisional_arrest_to_request_days)
        out.append(Deadline(case.id, f"the extradition request must reach {case.requested} "
                            f"{limits.provisional_arrest_to_request_days} days after the provisional arrest "
                            f"of {arrest.on.isoformat()}, or {case.person} is released",
                            due, (due - today).days, f"{limits.name}: {limits.source}"))
    granted = case.reached(Stage.EXECUTIVE_DECISION)
    if case.stage is Stage.EXECUTIVE_DECISION and granted is not None and limits.surrender_days:
        due = granted.on + timedelta(days=limits.surrender_days)
        out.append(Deadline(case.id, f"{case.requesting} must take {case.person} over within "
                            f"{limits.surrender_days} days of the decision to surrender", due, (due - today).days,
                            f"{limits.name}: {limits.source}"))
    return out


def warnings(case: ExtraditionCase, limits: Limits, today: date, within_days: int) -> list[Deadline]:
    """The limits that pass within ``within_days`` of ``today``, or have passed."""
    return [d for d in deadlines(case, limits, today) if d.days_left <= within_days]


def notice_follow_up(case: ExtraditionCase) -> tuple[NoticeFollowUp, str] | None:
    """When a case with a linked notice has ended: what happens to the notice and the text that tells its
    owner (None while the case is open or has no notice)."""
    if case.is_open or case.notice is None:
        return None
    end = case.stages[-1]
    when = end.on.isoformat()
    why = f" ({end.note})" if end.note else ""
    if end.stage is Stage.SURRENDER:
        return (NoticeFollowUp.ASK_OWNER_TO_CANCEL,
                f"{case.person} was surrendered by {case.requested} to {case.requesting} on {when} (case {case.id}). "
                f"The purpose of notice {case.notice} is achieved: please withdraw it.")
    if end.stage is Stage.REFUSAL:
        return (NoticeFollowUp.KEEP_WITH_ADDENDUM,
                f"Addendum to notice {case.notice}: {case.requested} refused to extradite {case.person} to "
                f"{case.requesting} on {when}{why} (case {case.id}). The notice stays; other countries should know "
                "that this country will not surrender the person.")
    what = "released" if end.stage is Stage.RELEASE else "the request was withdrawn"
    return (NoticeFollowUp.KEEP,
            f"Case {case.id} about {case.person} ended on {when}: {what}{why}. Notice {case.notice} stays "
            "in force.")
