"""The internal API of cooperation: ``/api/messages``, ``/api/cases``, ``/api/operations``, ``/api/graph`` and
``/api/statistics`` (JSON, or CSV with ``?format=csv``). Bodies are checked by the services, whose errors
name the field; attachments travel base64-encoded with the SHA-256 the sender states."""

from __future__ import annotations

import base64
import binascii
from collections.abc import Callable
from datetime import date
from typing import Annotated, Any, Literal
from urllib.parse import quote

from fastapi import APIRouter, Body, Depends, Query, Request
from fastapi.responses import PlainTextResponse, Response
from pydantic import BaseModel, Field

from ncb.domain.cooperation.extradition import ExtraditionCase, deadlines
from ncb.domain.cooperation.messages import Message, MessageStatus
from ncb.domain.cooperation.statistics import tables_csv
from ncb.domain.identity import Actor
from ncb.errors import ValidationError
from ncb.services import cooperation as svc
from ncb.services.ports import UnitOfWork
from ncb.web.deps import internal_actor, now, settings_of, today, uow_factory_dep

router = APIRouter(prefix="/api", tags=["cooperation"])

ActorDep = Annotated[Actor, Depends(internal_actor)]
UowFactory = Annotated[Callable[..., UnitOfWork], Depends(uow_factory_dep)]

MESSAGE_EXAMPLE: dict[str, Any] = {
    "type": "locate_request", "channel": "interpol", "recipients": ["FR"], "subject": "Locate YAMADA Taro",
    "body": "Believed to be in Lyon since October.", "notices": ["2026/00001"], "persons": ["YAMADA Taro"],
    "deadline": "2026-12-31", "send": True,
    "attachments": [{"name": "warrant.txt", "media_type": "text/plain", "content": "V2FycmFudA==",
                     "sha256": "df3ece88f1a5d0f004637844b38487ac19bb3648c21a16b68719690bef72948c"}],
}


class Note(BaseModel):
    note: str | None = Field(default=None, max_length=4000)


class StageChange(BaseModel):
    stage: str
    on: date | None = None
    note: str | None = Field(default=None, max_length=4000)


class TargetIn(BaseModel):
    kind: Literal["person", "organisation", "notice"]
    ref: str = Field(max_length=300)
    label: str | None = Field(default=None, max_length=300)


class EventIn(BaseModel):
    text: str = Field(max_length=2000)
    on: date | None = None
    country: str | None = None


class CountriesIn(BaseModel):
    countries: list[str] = Field(min_length=1, max_length=200)


def _attachments(body: dict[str, Any]) -> list[svc.NewAttachment]:
    raw = body.get("attachments") or []
    if not isinstance(raw, list):
        raise ValidationError("attachments is a list of {name, media_type, content (base64), sha256}",
                              field="attachments")
    out = []
    for i, a in enumerate(raw):
        if not isinstance(a, dict) or not isinstance(a.get("content"), str):
            raise ValidationError("an attachment has a name, a media_type, its content in base64 and its sha256",
                                  field=f"attachments[{i}]")
        try:
            data = base64.b64decode(a["content"], validate=True)
        except (binascii.Error, ValueError):
            raise ValidationError("the content is not base64", field=f"attachments[{i}].content") from None
        sha = a.get("sha256")
        out.append(svc.NewAttachment(str(a.get("name") or ""), str(a.get("media_type") or ""), data,
                                     sha if isinstance(sha, str) else None))
    return out


def _message_out(m: Message) -> dict[str, Any]:
    return m.to_dict()


def _case_out(case: ExtraditionCase, request: Request) -> dict[str, Any]:
    policy = svc.policy_from(settings_of(request))
    limits = svc.case_limits(case, policy)
    return case.to_dict() | {
        "limits": {"treaty": limits.treaty, "name": limits.name, "source": limits.source,
                   "provisional_arrest_to_request_days": limits.provisional_arrest_to_request_days,
                   "surrender_days": limits.surrender_days, "confirmed": limits.confirmed},
        "deadlines": [d.to_dict() for d in deadlines(case, limits, today())]}


# -- messages ----------------------------------------------------------------------------------------
@router.post("/messages", status_code=201, summary="Draft a message to other bureaus (and send it with send=true)")
def draft_message(actor: ActorDep, uows: UowFactory, request: Request,
                  body: Annotated[dict[str, Any], Body(examples=[MESSAGE_EXAMPLE])]) -> dict[str, Any]:
    policy = svc.policy_from(settings_of(request))
    m = svc.draft_message(body, uows(), actor=actor, now=now(), attachments=_attachments(body), policy=policy)
    if body.get("send") is True:
        m = svc.send_message(m.id, uows(), actor=actor, now=now())
    return _message_out(m)


@router.get("/messages", summary="The messages the caller's bureau sent or received (a read: needs a purpose)")
def list_messages(actor: ActorDep, uows: UowFactory,
                  status: Annotated[list[MessageStatus] | None, Query()] = None,
                  page: Annotated[int, Query(ge=1, le=100_000)] = 1,
                  per_page: Annotated[int, Query(ge=1, le=1000)] = 50) -> dict[str, Any]:
    total, found = svc.list_messages(uows(), actor=actor, now=now(), statuses=status or (), page=page,
                                     per_page=per_page)
    return {"total": total, "page": page, "per_page": per_page, "messages": [_message_out(m) for m in found]}


@router.get("/messages/due", summary="Reminders due on a day: open requests near or past their deadline")
def due(actor: ActorDep, uows: UowFactory, on: date | None = None) -> list[dict[str, Any]]:
    return [{"message": m.id, "deadline": r.deadline.isoformat(), "days_left": r.days_left, "reminder": r.label,
             "subject": m.subject, "sender": str(m.sender), "recipients": [str(x) for x in m.recipients]}
            for m, r in svc.due_messages(uows(write=False), actor=actor, on=on or today())]


@router.post("/messages/received", status_code=201,
             summary="Store a message another bureau sent (idempotent: the same message twice changes nothing)")
def receive(actor: ActorDep, uows: UowFactory, request: Request,
            body: Annotated[dict[str, Any], Body()]) -> dict[str, Any]:
    message = body.get("message")
    if not isinstance(message, dict):
        raise ValidationError("the body is {message, attachments: {sha256: base64}}", field="message")
    data: dict[str, bytes] = {}
    for sha, content in (body.get("attachments") or {}).items():
        try:
            data[str(sha)] = base64.b64decode(str(content), validate=True)
        except (binascii.Error, ValueError):
            raise ValidationError("not base64", field=f"attachments.{sha}") from None
    m, new = svc.receive_message(message, uows(), actor=actor, now=now(), attachments=data,
                                 policy=svc.policy_from(settings_of(request)))
    return _message_out(m) | {"new": new}


@router.get("/messages/{message_id}", summary="One message with its history (a read: needs a purpose, logged)")
def get_message(message_id: str, actor: ActorDep, uows: UowFactory) -> dict[str, Any]:
    view = svc.get_message(message_id, uows(), actor=actor, now=now())
    return _message_out(view.message) | {"history": [
        {"action": e.action.value, "from_status": e.from_status.value if e.from_status else None,
         "to_status": e.to_status.value, "actor": e.actor, "at": e.at.isoformat(), "note": e.note}
        for e in view.history]}


@router.get("/messages/{message_id}/thread", summary="Every message of its thread the caller may see")
def get_thread(message_id: str, actor: ActorDep, uows: UowFactory) -> list[dict[str, Any]]:
    return [_message_out(m) for m in svc.thread(message_id, uows(), actor=actor, now=now())]


@router.get("/messages/{message_id}/attachments/{name}", response_class=Response,
            responses={200: {"content": {"application/octet-stream": {"schema": {"type": "string"}}}}})
def get_attachment(message_id: str, name: str, actor: ActorDep, uows: UowFactory) -> Response:
    a, data = svc.attachment(message_id, name, uows(), actor=actor, now=now())
    return Response(data, media_type=a.media_type, headers={
        "Content-Disposition": content_disposition(a.name), "X-Content-SHA256": a.sha256})


def content_disposition(name: str) -> str:
    """The header that offers a file for download under its own name (any script: RFC 6266 ``filename*``)."""
    return f"attachment; filename*=UTF-8''{quote(name, safe='')}"


@router.post("/messages/{message_id}/send", summary="Send a draft")
def send(message_id: str, actor: ActorDep, uows: UowFactory) -> dict[str, Any]:
    return _message_out(svc.send_message(message_id, uows(), actor=actor, now=now()))


@router.post("/messages/{message_id}/acknowledge", summary="A recipient acknowledges")
def acknowledge(message_id: str, body: Note, actor: ActorDep, uows: UowFactory) -> dict[str, Any]:
    return _message_out(svc.acknowledge_message(message_id, uows(), actor=actor, now=now(), note=body.note))


@router.post("/messages/{message_id}/close", summary="The sender or a recipient closes it")
def close(message_id: str, body: Note, actor: ActorDep, uows: UowFactory) -> dict[str, Any]:
    return _message_out(svc.close_message(message_id, uows(), actor=actor, now=now(), note=body.note))


@router.post("/messages/{message_id}/answer", status_code=201,
             summary="A recipient answers: the answer goes to the sender at once, in the thread")
def answer(message_id: str, actor: ActorDep, uows: UowFactory, request: Request,
           body: Annotated[dict[str, Any], Body(examples=[{"body": "Located in Lyon on 25 November."}])]
           ) -> dict[str, Any]:
    return _message_out(svc.answer_message(message_id, body, uows(), actor=actor, now=now(),
                                           attachments=_attachments(body),
                                           policy=svc.policy_from(settings_of(request))))


# -- cases -------------------------------------------------------------------------------------------
@router.post("/cases", status_code=201, summary="Open an extradition case: the person located")
def open_case(actor: ActorDep, uows: UowFactory, request: Request,
              body: Annotated[dict[str, Any], Body(examples=[{"notice": "2026/00001", "requested": "US",
                                                              "located_on": "2026-11-01"}])]) -> dict[str, Any]:
    return _case_out(svc.open_case(body, uows(), actor=actor, now=now()), request)


@router.get("/cases", summary="The cases the caller's bureau keeps or takes part in")
def list_cases(actor: ActorDep, uows: UowFactory, request: Request, open: bool = False) -> list[dict[str, Any]]:
    return [_case_out(c, request) for c in svc.list_cases(uows(write=False), actor=actor, open_only=open)]


@router.get("/cases/warnings", summary="Legal time limits passing within N days (or passed) in open cases")
def case_warnings(actor: ActorDep, uows: UowFactory, request: Request,
                  within_days: Annotated[int | None, Query(ge=0, le=3650)] = None,
                  on: date | None = None) -> list[dict[str, Any]]:
    return [d.to_dict() for d in svc.case_warnings(uows(write=False), actor=actor, today=on or today(),
                                                   within_days=within_days,
                                                   policy=svc.policy_from(settings_of(request)))]


@router.get("/cases/{case_id}", summary="One case with its stages, treaty limits and running deadlines")
def get_case(case_id: str, actor: ActorDep, uows: UowFactory, request: Request) -> dict[str, Any]:
    return _case_out(svc.get_case(case_id, uows(write=False), actor=actor), request)


@router.post("/cases/{case_id}/advance", summary="The next stage, with its date")
def advance_case(case_id: str, body: StageChange, actor: ActorDep, uows: UowFactory,
                 request: Request) -> dict[str, Any]:
    change = svc.advance_case(case_id, body.stage, uows(), actor=actor, now=now(), on=body.on, note=body.note)
    return _case_out(change.case, request) | {
        "follow_up": {"action": change.follow_up[0].value, "text": change.follow_up[1]} if change.follow_up else None,
        "notification": change.notification.id if change.notification else None}


# -- operations --------------------------------------------------------------------------------------
@router.post("/operations", status_code=201, summary="Create an operation the caller's bureau leads")
def create_operation(actor: ActorDep, uows: UowFactory,
                     body: Annotated[dict[str, Any], Body(examples=[{"name": "Pangea XVII", "countries": ["FR", "US"],
                                                                     "started_on": "2026-10-01"}])]
                     ) -> dict[str, Any]:
    return svc.create_operation(body, uows(), actor=actor, now=now()).to_dict()


@router.get("/operations", summary="The operations the caller's bureau takes part in")
def list_operations(actor: ActorDep, uows: UowFactory) -> list[dict[str, Any]]:
    return [o.to_dict() for o in svc.list_operations(uows(write=False), actor=actor)]


@router.get("/operations/{operation_id}")
def get_operation(operation_id: str, actor: ActorDep, uows: UowFactory) -> dict[str, Any]:
    return svc.get_operation(operation_id, uows(write=False), actor=actor).to_dict()


@router.post("/operations/{operation_id}/countries", summary="Add participating countries (the leader)")
def add_countries(operation_id: str, body: CountriesIn, actor: ActorDep, uows: UowFactory) -> dict[str, Any]:
    return svc.add_participants(operation_id, body.countries, uows(), actor=actor, now=now()).to_dict()


@router.post("/operations/{operation_id}/targets", summary="Add a person, organisation or notice (the leader)")
def add_target(operation_id: str, body: TargetIn, actor: ActorDep, uows: UowFactory) -> dict[str, Any]:
    return svc.add_target(operation_id, body.kind, body.ref, uows(), actor=actor, now=now(),
                          label=body.label).to_dict()


@router.post("/operations/{operation_id}/results", summary="A country's arrests and seizures")
def add_result(operation_id: str, actor: ActorDep, uows: UowFactory,
               body: Annotated[dict[str, Any], Body(examples=[{"arrests": 3, "seizures": [
                   {"item": "counterfeit tablets", "quantity": "12000", "unit": "tablets", "value": "4500000",
                    "currency": "JPY"}]}])]) -> dict[str, Any]:
    return svc.add_result(operation_id, body, uows(), actor=actor, now=now()).to_dict()


@router.post("/operations/{operation_id}/timeline", summary="An entry of the timeline")
def add_event(operation_id: str, body: EventIn, actor: ActorDep, uows: UowFactory) -> dict[str, Any]:
    return svc.add_event(operation_id, body.text, uows(), actor=actor, now=now(), on=body.on,
                         country=body.country).to_dict()


@router.get("/operations/{operation_id}/report", response_class=PlainTextResponse,
            summary="The operation's report, Markdown or plain text")
def operation_report(operation_id: str, actor: ActorDep, uows: UowFactory,
                     format: Literal["markdown", "text"] = "markdown") -> PlainTextResponse:
    text = svc.operation_report(operation_id, uows(write=False), actor=actor, markdown=format == "markdown")
    return PlainTextResponse(text, media_type="text/markdown; charset=utf-8" if format == "markdown"
                             else "text/plain; charset=utf-8")


# -- graph and statistics ----------------------------------------------------------------------------
@router.get("/graph", summary="How persons, organisations, notices, cases, operations and messages are linked")
def graph(actor: ActorDep, uows: UowFactory, around: str | None = None,
          depth: Annotated[int, Query(ge=1, le=5)] = 2) -> dict[str, Any]:
    return svc.link_graph(uows(write=False), actor=actor, around=around, depth=depth).to_dict()


@router.get("/statistics", summary="Notices by year, type and country; hits; response times; extradition outcomes",
            responses={200: {"content": {"application/json": {}, "text/csv": {"schema": {"type": "string"}}}}})
def statistics(actor: ActorDep, uows: UowFactory, format: Literal["json", "csv"] = "json") -> Any:
    tables = svc.statistics(uows(write=False), actor=actor, today=today())
    if format == "csv":
        return Response(tables_csv(tables), media_type="text/csv; charset=utf-8",
                        headers={"Content-Disposition": "attachment; filename=statistics.csv"})
    return {"tables": [t.to_dict() for t in tables]}
