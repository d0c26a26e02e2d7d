"""Data-subject requests (RPD Art. 18; CCF Statute Arts. 35, 40, 41): submitted by anyone on the public form,
handled by the data-protection officer, with the owner bureau of each notice concerned consulted before
anything is disclosed or changed.

Requests are kept apart from the police files and are invisible to officers: only an actor with the
``handle_subject_requests`` permission (the ``dpo`` role) lists or handles them; a consulted bureau's
officers see the question about their own notice and nothing else. Every step is recorded in the request's
events. A granted deletion, once carried out, leaves nothing of the person: the notices it covers are erased
with every row about them (document, images, history, screening hits), travel records about the person are
deleted, the audit trail's payloads about the notices are erased (its leaves stay, so it still verifies), and
the request keeps only its reference, kind, dates and outcome.

Each function takes a unit of work, does its work inside ``with uow:`` and commits once; ``actor`` and
``now`` are passed in.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from typing import Any

from ncb.domain import subject_requests as dsr
from ncb.domain.access import ViewerKind
from ncb.domain.documents import notice_to_dict
from ncb.domain.identity import Actor, Permission
from ncb.domain.notices import Notice
from ncb.domain.search import NoticeFilter
from ncb.domain.subject_requests import (
    Consultation,
    Requester,
    RequestEvent,
    RequestKind,
    RequestStatus,
    SubjectRequest,
)
from ncb.errors import NotFound, PermissionDenied, ValidationError
from ncb.matching.compare import DEFAULT_THRESHOLD
from ncb.matching.index import ScreeningIndex
from ncb.matching.model import Person
from ncb.services.ports import UnitOfWork

FORM_FIELDS = ("kind", "family_name", "forenames", "other_names", "date_of_birth", "nationality", "contact",
               "details")


def _dpo(actor: Actor, what: str) -> None:
    actor.require(Permission.HANDLE_SUBJECT_REQUESTS, what)


def _load(uow: UnitOfWork, reference: str) -> SubjectRequest:
    canonical = dsr.parse_reference(reference)
    request = uow.subject_requests.get(canonical)
    if request is None:
        raise NotFound(f"no request {canonical}", record=canonical)
    return request


def _record(uow: UnitOfWork, request: SubjectRequest, event: RequestEvent) -> None:
    uow.subject_requests.save(request)
    uow.subject_requests.add_event(request.reference, event)


# -- the public form ----------------------------------------------------------------------------------------
def submit_request(form: Mapping[str, Any], uow: UnitOfWork, *, now: datetime,
                   entropy: Callable[[], bytes] = lambda: secrets.token_bytes(dsr.REFERENCE_BYTES)) -> SubjectRequest:
    """A request from the public form: ``kind`` (access, correction, deletion), ``family_name``,
    ``forenames``, ``other_names``, ``date_of_birth``, ``nationality``, ``contact`` and ``details`` (what is
    asked). Everything is checked before anything is written: a refused form stores nothing. Returns the
    request, whose reference is the requester's only key to it."""
    if not isinstance(form, Mapping):
        raise ValidationError("the request must be a JSON object", field="body")
    unknown = sorted(str(k) for k in form if k not in FORM_FIELDS)
    if unknown:
        raise ValidationError(f"unknown field {unknown[0]!r}; the form has {', '.join(FORM_FIELDS)}",
                              field=unknown[0])
    if form.get("kind") in (None, ""):
        raise ValidationError("kind is required: access, correction or deletion", field="kind")
    requester = Requester.from_dict(form)
    with uow:
        reference = dsr.make_reference(entropy())
        while uow.subject_requests.get(reference) is not None:
            reference = dsr.make_reference(entropy())
        request, event = dsr.receive(str(form["kind"]), requester, form.get("details"), reference=reference,
                                     now=now)
        stored = uow.subject_requests.add(request)
        uow.subject_requests.add_event(reference, event)
        uow.commit()
    return stored


def request_status(reference: str, uow: UnitOfWork) -> dict[str, Any]:
    """What the requester may know from the reference alone: kind, status, dates, outcome; no personal data."""
    with uow:
        return _load(uow, reference).status_view()


# -- the data-protection officer ------------------------------------------------------------------------------
@dataclass(frozen=True)
class RequestFile:
    """A request with its history and the owners' answers: what the data-protection officer works from."""

    request: SubjectRequest
    events: tuple[RequestEvent, ...]
    consultations: tuple[Consultation, ...]
    notices: tuple[dict[str, Any], ...] = ()  # the notices concerned, as a summary (no personal data)

    def as_dict(self, today: date) -> dict[str, Any]:
        return {**request_view(self.request, today),
                "events": [{"at": e.at.isoformat(), "actor": e.actor, "event": e.event, "note": e.note}
                           for e in self.events],
                "consultations": [c.officer_view() for c in self.consultations],
                "notices": list(self.notices)}


def request_view(r: SubjectRequest, today: date) -> dict[str, Any]:
    """A request as the data-protection officer sees it in a list."""
    deadline = r.deadline
    return {"reference": r.reference, "kind": r.kind.value, "status": r.status.value,
            "received_at": r.received_at.isoformat(), "admitted_on": r.admitted_on.isoformat() if r.admitted_on
            else None, "due_on": r.due_on.isoformat() if deadline else None,
            "deadline": f"{deadline.what} ({deadline.article})" if deadline else None,
            "deadline_state": r.deadline_state(today), "requester": r.requester.to_dict() if r.requester else None,
            "details": r.details, "notice_ids": list(r.notice_ids),
            "outcome": r.outcome.value if r.outcome else None, "reasons": r.decision,
            "granted_notice_ids": list(r.granted_notice_ids), "decided_by": r.decided_by,
            "decided_at": r.decided_at.isoformat() if r.decided_at else None,
            "carried_out_at": r.carried_out_at.isoformat() if r.carried_out_at else None,
            "erased_at": r.erased_at.isoformat() if r.erased_at else None}


def _summary(n: Notice) -> dict[str, Any]:
    return {"entity_id": n.entity_id, "type": n.type.value, "status": n.status.value, "owner": n.owner}


def list_requests(uow: UnitOfWork, *, actor: Actor, today: date, statuses: Collection[RequestStatus] | None = None,
                  late_only: bool = False, soon_days: int = 30) -> list[SubjectRequest]:
    """Requests by deadline; ``late_only``: those overdue or due within ``soon_days``."""
    _dpo(actor, "listing data-subject requests")
    with uow:
        found = uow.subject_requests.find(statuses)
    return dsr.due_soon_or_overdue(found, today, soon_days) if late_only else found


def get_request(reference: str, uow: UnitOfWork, *, actor: Actor) -> RequestFile:
    _dpo(actor, "reading a data-subject request")
    with uow:
        request = _load(uow, reference)
        notices = [n for i in request.notice_ids if (n := uow.notices.get(i)) is not None]
        return RequestFile(request, tuple(uow.subject_requests.events(request.reference)),
                           tuple(uow.subject_requests.consultations(request.reference)),
                           tuple(_summary(n) for n in notices))


def admit_request(reference: str, uow: UnitOfWork, *, actor: Actor, now: datetime) -> SubjectRequest:
    """The request is admissible: its decision is due 4 (access) or 9 months (correction, deletion) from now."""
    _dpo(actor, "admitting a data-subject request")
    with uow:
        request, event = dsr.admit(_load(uow, reference), actor=actor.name, now=now)
        _record(uow, request, event)
        uow.commit()
    return request


def declare_inadmissible(reference: str, reasons: str, uow: UnitOfWork, *, actor: Actor,
                         now: datetime) -> SubjectRequest:
    _dpo(actor, "declaring a data-subject request inadmissible")
    with uow:
        request, event = dsr.declare_inadmissible(_load(uow, reference), reasons, actor=actor.name, now=now)
        _record(uow, request, event)
        uow.commit()
    return request


def _concerned(uow: UnitOfWork, requester: Requester, today: date) -> list[Notice]:
    """Every notice, whatever its status, that may be about the requester: candidates by name from the notice
    search, kept when :func:`ncb.domain.subject_requests.concerns` agrees."""
    found: dict[str, Notice] = {}
    filters = [NoticeFilter(name=requester.family_name)]
    filters += [NoticeFilter(free_text=n) for n in requester.other_names]
    for flt in filters:
        for notice in uow.notices.iter_all(flt, today=today):
            if notice.entity_id not in found and dsr.concerns(notice, requester):
                found[notice.entity_id] = notice
    return sorted(found.values(), key=lambda n: n.entity_id)


def concerned_notices(reference: str, uow: UnitOfWork, *, actor: Actor, today: date) -> list[dict[str, Any]]:
    """The notices that may be about the requester (a summary: id, type, status, owner), to check before the
    owners are consulted."""
    _dpo(actor, "searching the notices about a requester")
    with uow:
        request = _load(uow, reference)
        if request.requester is None:
            return []
        return [_summary(n) for n in _concerned(uow, request.requester, today)]


def consult_owners(reference: str, uow: UnitOfWork, *, actor: Actor, now: datetime,
                   notice_ids: Sequence[str] | None = None) -> list[Consultation]:
    """Ask the owner bureau of each notice concerned (CCF Statute Art. 35). Without ``notice_ids``, the notices
    found by the requester's names and date of birth; with them, exactly those (after the officer's check)."""
    _dpo(actor, "consulting the owner bureaus")
    with uow:
        request = _load(uow, reference)
        if request.requester is None:
            raise ValidationError("the requester's data was erased", record=request.reference)
        if notice_ids is None:
            notices = _concerned(uow, request.requester, now.date())
        else:
            notices = []
            for entity_id in dict.fromkeys(notice_ids):
                notice = uow.notices.get(entity_id)
                if notice is None:
                    raise NotFound(f"no notice {entity_id}", field="notice_ids", record=entity_id)
                notices.append(notice)
        request, questions, event = dsr.consult(request, notices, actor=actor.name, now=now)
        _record(uow, request, event)
        asked = [uow.subject_requests.add_consultation(q) for q in questions]
        uow.commit()
    return asked


# -- the consulted bureau -------------------------------------------------------------------------------------
def _bureau_of(actor: Actor, what: str) -> str:
    if actor.viewer.kind is not ViewerKind.BUREAU or actor.viewer.country is None:
        raise PermissionDenied(f"{what}: only the officers of a bureau are consulted")
    return actor.viewer.country


def owner_questions(uow: UnitOfWork, *, actor: Actor, open_only: bool = True) -> list[Consultation]:
    """The questions the actor's bureau is asked about its own notices, and nothing of the requests."""
    bureau = _bureau_of(actor, "reading the data-protection questions")
    actor.require(Permission.READ_NOTICES, "reading the data-protection questions about its notices")
    with uow:
        return uow.subject_requests.consultations_for(bureau, open_only=open_only)


def answer_question(consultation_id: int, reply: str, note: str | None, uow: UnitOfWork, *, actor: Actor,
                    now: datetime) -> Consultation:
    """The owner bureau's answer: ``agrees`` or ``objects`` (with its grounds)."""
    bureau = _bureau_of(actor, "answering a data-protection question")
    actor.require(Permission.WRITE_NOTICES, "answering a data-protection question about its notice")
    with uow:
        asked = uow.subject_requests.consultation(consultation_id)
        if asked is None or asked.bureau != bureau:
            raise NotFound(f"no question {consultation_id} to your bureau", record=str(consultation_id))
        answered = dsr.answer(asked, reply, note, actor=actor.name, now=now)
        uow.subject_requests.save_consultation(answered)
        assert answered.answer is not None
        uow.subject_requests.add_event(asked.reference, RequestEvent(
            now, actor.name, "owner_answered", f"{bureau} {answered.answer.value} about {asked.notice_id}"))
        uow.commit()
    return answered


# -- decision and execution --------------------------------------------------------------------------------
def decide_request(reference: str, outcome: str, reasons: str | None, uow: UnitOfWork, *, actor: Actor,
                   now: datetime, granted: Iterable[str] | None = None) -> SubjectRequest:
    """The decision with its reasons, once every owner consulted has answered."""
    _dpo(actor, "deciding a data-subject request")
    with uow:
        current = _load(uow, reference)
        request, event = dsr.decide(current, outcome, reasons,
                                    consultations=uow.subject_requests.consultations(current.reference),
                                    granted=granted, actor=actor.name, now=now)
        _record(uow, request, event)
        uow.commit()
    return request


@dataclass(frozen=True)
class Erasure:
    """What erasing notices removed."""

    notices: tuple[str, ...] = ()
    travel_records: int = 0
    audit_payloads: int = 0

    def __add__(self, other: Erasure) -> Erasure:
        return Erasure(self.notices + other.notices, self.travel_records + other.travel_records,
                       self.audit_payloads + other.audit_payloads)


@dataclass(frozen=True)
class CarriedOut:
    request: SubjectRequest
    erasure: Erasure = Erasure()
    disclosure: tuple[dict[str, Any], ...] = field(default=())  # access granted: the data to send the requester


def _person(notice: Notice) -> Person | None:
    s = notice.subject
    names = tuple(dict.fromkeys(n.full for n in s.names))
    documents = tuple(d.number for d in s.identity_documents)
    if not names and not documents:
        return None
    return Person(notice.entity_id, names, str(s.date_of_birth) if s.date_of_birth else None, s.nationalities,
                  s.sex.value, documents)


def _requester_person(requester: Requester) -> Person:
    """The requester as a listed person (whole names only: a forename alone would match strangers)."""
    whole = f"{requester.forenames} {requester.family_name}" if requester.forenames else requester.family_name
    return Person("requester", tuple(dict.fromkeys((whole, *requester.other_names))), str(requester.date_of_birth),
                  (requester.nationality,) if requester.nationality else ())


def erase_notices(entity_ids: Iterable[str], uow: UnitOfWork, *, now: datetime,
                  people: Iterable[Person] = (), threshold: float = DEFAULT_THRESHOLD) -> Erasure:
    """Inside the caller's ``with uow:``, without committing: erase each notice with every row about it, the
    travel records of the persons they are about (and of ``people``), their retention reminders, and the audit
    trail's payloads about them (the leaves stay: the trail still verifies)."""
    erased: list[str] = []
    listed = list(people)
    for entity_id in entity_ids:
        notice = uow.notices.get(entity_id)
        if notice is None:
            continue
        if (person := _person(notice)) is not None:
            listed.append(person)
        uow.notices.erase(entity_id)
        uow.retention.forget(entity_id)
        uow.federation.erase_about(entity_id)
        erased.append(entity_id)
    payloads = 0
    audit = getattr(uow, "audit", None)
    if audit is not None:
        for entity_id in erased:
            payloads += int(audit.erase_payloads(f"notice:{entity_id}", now) or 0)
    return Erasure(tuple(erased), _erase_travel_records(uow, listed, now, threshold), payloads)


def log_erasure(uow: UnitOfWork, erasure: Erasure, *, actor: Actor, action: str, why: str, now: datetime) -> None:
    """One audit event per erased notice (``notice:<entity_id>``, no personal data), last before the caller
    commits: if the log cannot be written, nothing is erased."""
    if not erasure.notices or getattr(uow, "audit", None) is None:
        return
    from ncb.services.audit import record  # the audit trail's own service

    stated = replace(actor, purpose=why)
    for entity_id in erasure.notices:
        record(uow, actor=stated, action=action, object=f"notice:{entity_id}", outcome="erased", now=now)


def _erase_travel_records(uow: UnitOfWork, people: list[Person], now: datetime, threshold: float) -> int:
    if not people:
        return 0
    index = ScreeningIndex.build(people)
    uow.travel_records.purge(now)
    about = []
    for record in uow.travel_records.current(now):
        p = record.person
        traveller = Person(str(p.get("id") or record.id), tuple(p.get("names") or ()), p.get("date_of_birth"),
                           tuple(p.get("nationalities") or ()), p.get("sex"), tuple(p.get("documents") or ()))
        if (traveller.names or traveller.documents) and index.search(traveller, threshold=threshold, limit=1):
            assert record.id is not None
            about.append(record.id)
    return uow.travel_records.delete(about) if about else 0


def carry_out_request(reference: str, uow: UnitOfWork, *, actor: Actor, now: datetime,
                      note: str | None = None) -> CarriedOut:
    """Carry the decision out. A refusal closes the request. A granted deletion erases the notices it covers
    (see :func:`erase_notices`) and then the requester's own data on the request. A granted access returns the
    data to send the requester (not stored). A granted correction records what was corrected."""
    _dpo(actor, "carrying out a data-subject decision")
    with uow:
        current = _load(uow, reference)
        request, event = dsr.carry_out(current, note, actor=actor.name, now=now)
        erasure = Erasure()
        disclosure: tuple[dict[str, Any], ...] = ()
        if request.status is RequestStatus.CARRIED_OUT and request.kind is RequestKind.DELETION:
            people = [_requester_person(current.requester)] if current.requester else []
            erasure = erase_notices(request.granted_notice_ids, uow, now=now, people=people)
            done = f"erased {len(erasure.notices)} notice(s) {', '.join(erasure.notices)}; " \
                   f"{erasure.travel_records} travel record(s); {erasure.audit_payloads} audit payload(s)"
            event = RequestEvent(event.at, event.actor, event.event, f"{event.note}; {done}" if event.note else done)
        elif request.status is RequestStatus.CARRIED_OUT and request.kind is RequestKind.ACCESS:
            disclosure = tuple(notice_to_dict(n) for i in request.granted_notice_ids
                               if (n := uow.notices.get(i)) is not None)
        _record(uow, request, event)
        if request.kind is RequestKind.DELETION and request.status is RequestStatus.CARRIED_OUT \
                and current.requester is not None:
            who = current.requester
            uow.subject_requests.rewrite_text(request.reference, lambda text: dsr.redact(text, who))
            request = dsr.erase_requester(request, now=now)
            uow.subject_requests.save(request)
        log_erasure(uow, erasure, actor=actor, action="erase", now=now,
                    why=f"data-subject request: deletion carried out ({dsr.CARRY_OUT_DELETION.article})")
        uow.commit()
    return CarriedOut(request, erasure, disclosure)
