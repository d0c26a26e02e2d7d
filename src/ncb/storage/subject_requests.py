"""The SQL store of data-subject requests, their events and the owner bureaus' consultations: tables apart
from the police files (``notices`` and its children), read only by the data-protection services."""

from __future__ import annotations

import json
from collections.abc import Callable, Collection
from dataclasses import replace
from typing import Any

from sqlalchemy import Connection, insert, select, update

from ncb.domain.dates import PartialDate
from ncb.domain.subject_requests import (
    Consultation,
    Outcome,
    OwnerAnswer,
    Requester,
    RequestEvent,
    RequestKind,
    RequestStatus,
    SubjectRequest,
)
from ncb.errors import Conflict, NotFound
from ncb.storage.dialect import as_utc
from ncb.storage.tables import subject_request_consultations, subject_request_events, subject_requests

_r = subject_requests.c
_e = subject_request_events.c
_c = subject_request_consultations.c


def _ids(text: str | None) -> tuple[str, ...]:
    return tuple(i for i in (text or "").split(",") if i)


def _requester(text: str | None) -> Requester | None:
    if text is None:
        return None
    d = json.loads(text)
    dob = PartialDate.parse(d["date_of_birth"])
    assert dob is not None
    return Requester(family_name=d["family_name"], date_of_birth=dob, contact=d["contact"],
                     forenames=d.get("forenames"), other_names=tuple(d.get("other_names") or ()),
                     nationality=d.get("nationality"))


def _request(row: Any) -> SubjectRequest:
    return SubjectRequest(
        id=row.id, reference=row.reference, kind=RequestKind(row.kind), status=RequestStatus(row.status),
        received_at=as_utc(row.received_at), due_on=row.due_on, requester=_requester(row.requester),
        details=row.details, notice_ids=_ids(row.notice_ids), admitted_on=row.admitted_on,
        outcome=Outcome(row.outcome) if row.outcome else None, decision=row.decision,
        granted_notice_ids=_ids(row.granted_notice_ids), decided_by=row.decided_by,
        decided_at=as_utc(row.decided_at) if row.decided_at else None,
        carried_out_at=as_utc(row.carried_out_at) if row.carried_out_at else None,
        erased_at=as_utc(row.erased_at) if row.erased_at else None)


def _values(r: SubjectRequest) -> dict[str, Any]:
    return {"kind": r.kind.value, "status": r.status.value, "received_at": r.received_at, "due_on": r.due_on,
            "requester": json.dumps(r.requester.to_dict(), ensure_ascii=False) if r.requester else None,
            "details": r.details, "notice_ids": ",".join(r.notice_ids), "admitted_on": r.admitted_on,
            "outcome": r.outcome.value if r.outcome else None, "decision": r.decision,
            "granted_notice_ids": ",".join(r.granted_notice_ids), "decided_by": r.decided_by,
            "decided_at": r.decided_at, "carried_out_at": r.carried_out_at, "erased_at": r.erased_at}


def _consultation(row: Any) -> Consultation:
    return Consultation(id=row.id, reference=row.reference, notice_id=row.notice_id, bureau=row.bureau,
                        kind=RequestKind(row.kind), question=row.question, asked_at=as_utc(row.asked_at),
                        answer=OwnerAnswer(row.answer) if row.answer else None, answer_note=row.answer_note,
                        answered_by=row.answered_by,
                        answered_at=as_utc(row.answered_at) if row.answered_at else None)


class SqlSubjectRequestRepository:
    def __init__(self, conn: Connection) -> None:
        self.conn = conn

    def _id(self, reference: str) -> int:
        found = self.conn.execute(select(_r.id).where(_r.reference == reference)).scalar()
        if found is None:
            raise NotFound(f"no request {reference}", record=reference)
        return int(found)

    def add(self, request: SubjectRequest) -> SubjectRequest:
        if self.conn.execute(select(_r.id).where(_r.reference == request.reference)).scalar() is not None:
            raise Conflict(f"request {request.reference} already exists", record=request.reference)
        new_id = self.conn.execute(insert(subject_requests).values(reference=request.reference, **_values(request))
                                   .returning(_r.id)).scalar_one()
        return replace(request, id=int(new_id))

    def get(self, reference: str) -> SubjectRequest | None:
        row = self.conn.execute(select(subject_requests).where(_r.reference == reference)).first()
        return _request(row) if row else None

    def find(self, statuses: Collection[RequestStatus] | None = None, limit: int = 1000) -> list[SubjectRequest]:
        q = select(subject_requests)
        if statuses:
            q = q.where(_r.status.in_(sorted(s.value for s in statuses)))
        return [_request(r) for r in self.conn.execute(q.order_by(_r.due_on, _r.id).limit(limit))]

    def save(self, request: SubjectRequest) -> None:
        done = self.conn.execute(update(subject_requests).where(_r.reference == request.reference)
                                 .values(**_values(request)))
        if done.rowcount != 1:
            raise NotFound(f"no request {request.reference}", record=request.reference)

    def add_event(self, reference: str, event: RequestEvent) -> None:
        self.conn.execute(insert(subject_request_events).values(
            request_id=self._id(reference), at=event.at, actor=event.actor, event=event.event, note=event.note))

    def events(self, reference: str) -> list[RequestEvent]:
        rows = self.conn.execute(select(subject_request_events).where(_e.request_id == self._id(reference))
                                 .order_by(_e.id))
        return [RequestEvent(as_utc(r.at), r.actor, r.event, r.note) for r in rows]

    def _consultations(self) -> Any:
        return (select(subject_request_consultations, _r.reference, _r.kind)
                .join(subject_requests, _r.id == _c.request_id))

    def add_consultation(self, consultation: Consultation) -> Consultation:
        new_id = self.conn.execute(insert(subject_request_consultations).values(
            request_id=self._id(consultation.reference), notice_id=consultation.notice_id,
            bureau=consultation.bureau, question=consultation.question, asked_at=consultation.asked_at,
            answer=consultation.answer.value if consultation.answer else None, answer_note=consultation.answer_note,
            answered_by=consultation.answered_by, answered_at=consultation.answered_at)
            .returning(_c.id)).scalar_one()
        return replace(consultation, id=int(new_id))

    def consultation(self, consultation_id: int) -> Consultation | None:
        row = self.conn.execute(self._consultations().where(_c.id == consultation_id)).first()
        return _consultation(row) if row else None

    def consultations(self, reference: str) -> list[Consultation]:
        return [_consultation(r) for r in self.conn.execute(
            self._consultations().where(_r.reference == reference).order_by(_c.id))]

    def consultations_for(self, bureau: str, *, open_only: bool = False) -> list[Consultation]:
        q = self._consultations().where(_c.bureau == bureau)
        if open_only:
            q = q.where(_c.answer.is_(None))
        return [_consultation(r) for r in self.conn.execute(q.order_by(_c.id))]

    def save_consultation(self, consultation: Consultation) -> None:
        done = self.conn.execute(update(subject_request_consultations).where(_c.id == consultation.id).values(
            answer=consultation.answer.value if consultation.answer else None, answer_note=consultation.answer_note,
            answered_by=consultation.answered_by, answered_at=consultation.answered_at))
        if done.rowcount != 1:
            raise NotFound(f"no consultation {consultation.id}", record=str(consultation.id))

    def rewrite_text(self, reference: str, rewrite: Callable[[str | None], str | None]) -> None:
        """Pass every free text kept on the request (event notes, the owners' answers) through ``rewrite``: to
        redact a person's names once their deletion is carried out."""
        request_id = self._id(reference)
        for row in self.conn.execute(select(_e.id, _e.note).where(_e.request_id == request_id)).all():
            new = rewrite(row.note)
            if new != row.note:
                self.conn.execute(update(subject_request_events).where(_e.id == row.id).values(note=new))
        for row in self.conn.execute(select(_c.id, _c.answer_note).where(_c.request_id == request_id)).all():
            new = rewrite(row.answer_note)
            if new != row.answer_note:
                self.conn.execute(update(subject_request_consultations).where(_c.id == row.id)
                                  .values(answer_note=new))

