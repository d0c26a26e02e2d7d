"""Data protection over HTTP: the public form for data-subject requests and its status page (no login; the
reference is the only key), the data-protection officer's API (``/api/data-protection``), the questions a
consulted bureau answers, and retention (``/api/retention``)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Body, Depends, Path, Query, Request
from pydantic import BaseModel, ConfigDict, Field

from ncb.domain.identity import Actor
from ncb.domain.subject_requests import MAX_CONTACT, MAX_DETAILS, MAX_NAME, MAX_OTHER_NAMES, RequestStatus
from ncb.matching.index import ScreeningIndex
from ncb.services import data_protection as svc
from ncb.services import retention
from ncb.services.ports import UnitOfWork
from ncb.web.deps import internal_actor, now, settings_of, today, uow_factory_dep

public_router = APIRouter(prefix="/public/data-requests", tags=["data-subject requests (public)"])
router = APIRouter(prefix="/api", tags=["data protection"])
ActorDep = Annotated[Actor, Depends(internal_actor)]
UowFactory = Annotated[Callable[..., UnitOfWork], Depends(uow_factory_dep)]
Reference = Annotated[str, Path(max_length=40, description="DSR-XXXX-XXXX-XXXX-XXXX",
                                examples=["DSR-7K3M-Q9XD-F2WB-H4TN"])]


class DataRequestCreate(BaseModel):
    """A person's request about the data held on them (RPD Art. 18)."""

    model_config = ConfigDict(extra="forbid")

    kind: Literal["access", "correction", "deletion"]
    family_name: str = Field(max_length=MAX_NAME, examples=["Yamada"])
    forenames: str | None = Field(default=None, max_length=MAX_NAME, examples=["Taro"])
    other_names: list[str] = Field(default_factory=list, max_length=MAX_OTHER_NAMES,
                                   description="Other spellings, birth names, names in another script")
    date_of_birth: str = Field(max_length=10, examples=["1989/04/16"], description="YYYY, YYYY/MM or YYYY/MM/DD")
    nationality: str | None = Field(default=None, max_length=3, examples=["JP"])
    contact: str = Field(max_length=MAX_CONTACT, description="Where the answer goes: e-mail or postal address")
    details: str = Field(max_length=MAX_DETAILS, description="What is asked")


class DataRequestReceived(BaseModel):
    reference: str = Field(description="Keep it: the only way to ask about the request")
    kind: str
    status: str
    received_on: str
    due_on: str = Field(description="The decision is due by then if the request is admissible today; it counts "
                                    "from admissibility")
    deadline: str


class DataRequestStatus(BaseModel):
    reference: str
    kind: str
    status: str
    received_on: str
    due_on: str | None
    outcome: str | None


@public_router.post("", status_code=201, response_model=DataRequestReceived,
                    summary="Ask for access to, correction of or deletion of the data held on you")
def submit(body: DataRequestCreate, uows: UowFactory) -> DataRequestReceived:
    request = svc.submit_request(body.model_dump(), uows(), now=now())
    deadline = request.kind.decision_deadline
    return DataRequestReceived(reference=request.reference, kind=request.kind.value, status=request.status.value,
                               received_on=request.received_at.date().isoformat(), due_on=request.due_on.isoformat(),
                               deadline=f"{deadline.months} months from admissibility ({deadline.article})")


@public_router.get("/{reference}", response_model=DataRequestStatus, summary="Where your request stands")
def status(reference: Reference, uows: UowFactory) -> DataRequestStatus:
    return DataRequestStatus(**svc.request_status(reference, uows(write=False)))


# -- the data-protection officer -----------------------------------------------------------------------------
class Reasons(BaseModel):
    reasons: str = Field(min_length=1, max_length=MAX_DETAILS)


class ConsultBody(BaseModel):
    notice_ids: list[str] | None = Field(default=None, max_length=100,
                                         description="Exactly these notices; default: every notice found")


class DecideBody(BaseModel):
    outcome: Literal["granted", "partly", "refused"]
    reasons: str = Field(min_length=1, max_length=MAX_DETAILS)
    granted: list[str] | None = Field(default=None, max_length=100,
                                      description="partly: the notices the grant covers")


class NoteBody(BaseModel):
    note: str | None = Field(default=None, max_length=MAX_DETAILS)


class AnswerBody(BaseModel):
    answer: Literal["agrees", "objects"]
    note: str | None = Field(default=None, max_length=MAX_DETAILS)


def _view(request: Any) -> dict[str, Any]:
    return svc.request_view(request, today())


@router.get("/data-protection/requests", summary="Data-subject requests by deadline (data-protection officer)")
def list_requests(actor: ActorDep, uows: UowFactory,
                  status: Annotated[list[RequestStatus] | None, Query()] = None, late: bool = False,
                  soon_days: Annotated[int, Query(ge=0, le=366)] = 30) -> list[dict[str, Any]]:
    found = svc.list_requests(uows(write=False), actor=actor, today=today(), statuses=set(status or ()) or None,
                              late_only=late, soon_days=soon_days)
    return [_view(r) for r in found]


@router.get("/data-protection/requests/{reference}", summary="One request with its events and the owners' answers")
def get_request(reference: Reference, actor: ActorDep, uows: UowFactory) -> dict[str, Any]:
    return svc.get_request(reference, uows(write=False), actor=actor).as_dict(today())


@router.get("/data-protection/requests/{reference}/matches", summary="The notices that may concern the requester")
def matches(reference: Reference, actor: ActorDep, uows: UowFactory) -> list[dict[str, Any]]:
    return svc.concerned_notices(reference, uows(write=False), actor=actor, today=today())


@router.post("/data-protection/requests/{reference}/admit", summary="Admissible: the decision deadline starts")
def admit(reference: Reference, actor: ActorDep, uows: UowFactory) -> dict[str, Any]:
    return _view(svc.admit_request(reference, uows(), actor=actor, now=now()))


@router.post("/data-protection/requests/{reference}/reject", summary="Inadmissible, with reasons")
def reject(reference: Reference, body: Reasons, actor: ActorDep, uows: UowFactory) -> dict[str, Any]:
    return _view(svc.declare_inadmissible(reference, body.reasons, uows(), actor=actor, now=now()))


@router.post("/data-protection/requests/{reference}/consult", summary="Consult the owner bureau of each notice")
def consult(reference: Reference, actor: ActorDep, uows: UowFactory,
            body: Annotated[ConsultBody | None, Body()] = None) -> list[dict[str, Any]]:
    asked = svc.consult_owners(reference, uows(), actor=actor, now=now(),
                               notice_ids=body.notice_ids if body else None)
    return [c.officer_view() for c in asked]


@router.post("/data-protection/requests/{reference}/decide", summary="The decision, with reasons")
def decide(reference: Reference, body: DecideBody, actor: ActorDep, uows: UowFactory) -> dict[str, Any]:
    return _view(svc.decide_request(reference, body.outcome, body.reasons, uows(), actor=actor, now=now(),
                                    granted=body.granted))


@router.post("/data-protection/requests/{reference}/carry-out",
             summary="Carry the decision out (a granted deletion erases the notices everywhere)")
def carry_out(reference: Reference, actor: ActorDep, uows: UowFactory, request: Request,
              body: Annotated[NoteBody | None, Body()] = None) -> dict[str, Any]:
    result = svc.carry_out_request(reference, uows(), actor=actor, now=now(), note=body.note if body else None)
    _forget_in_index(request, result.erasure.notices)
    e = result.erasure
    return {**_view(result.request), "erased_notices": list(e.notices), "travel_records_erased": e.travel_records,
            "audit_payloads_erased": e.audit_payloads, "disclosure": list(result.disclosure)}


def _forget_in_index(request: Request, entity_ids: tuple[str, ...]) -> None:
    """Take erased notices out of this app's screening index at once (other processes never hit them either:
    screening skips a hit whose notice is gone or no longer published)."""
    index: ScreeningIndex | None = getattr(request.app.state, "screening_index", None)
    if index is not None:
        for entity_id in entity_ids:
            index.remove(entity_id)


# -- the consulted bureau ------------------------------------------------------------------------------------
@router.get("/data-protection/questions", summary="The questions your bureau is asked about its own notices")
def questions(actor: ActorDep, uows: UowFactory, all: bool = False) -> list[dict[str, Any]]:
    return [c.officer_view() for c in svc.owner_questions(uows(write=False), actor=actor, open_only=not all)]


@router.post("/data-protection/questions/{question_id}", summary="Answer a question about your bureau's notice")
def answer(question_id: Annotated[int, Path(ge=1, le=2**63 - 1)], body: AnswerBody, actor: ActorDep,
           uows: UowFactory) -> dict[str, Any]:
    return svc.answer_question(question_id, body.answer, body.note, uows(), actor=actor, now=now()).officer_view()


# -- retention -----------------------------------------------------------------------------------------------
@router.get("/retention/reminders", summary="Your bureau's notices about to expire (to extend or let go)")
def reminders(actor: ActorDep, uows: UowFactory) -> list[dict[str, str]]:
    return [r.as_dict() for r in retention.reminders_for(uows(write=False), actor=actor)]


@router.post("/retention/run", summary="Reminders, expiry and purge (system administrator)")
def run_retention(actor: ActorDep, uows: UowFactory, request: Request, dry_run: bool = False) -> dict[str, Any]:
    s = settings_of(request)
    policy = retention.RetentionPolicy(review_before_expiry_months=s.review_before_expiry_months,
                                       purge_after_expiry_months=s.purge_after_expiry_months)
    if dry_run:
        report = retention.plan_retention(uows(write=False), today=today(), now=now(), policy=policy, actor=actor)
    else:
        report = retention.run_retention(uows(), today=today(), now=now(), policy=policy, actor=actor)
        _forget_in_index(request, report.expired + report.purged.notices)
    return report.as_dict()
