"""Stolen and lost travel documents over HTTP (``/api/travel-documents``): check a number, report a document,
mark one recovered. Same caller and errors as the rest of the internal API."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Query
from pydantic import BaseModel, Field

from ncb.domain.identity import Actor
from ncb.services import travel_documents as svc
from ncb.services.ports import UnitOfWork
from ncb.web.deps import internal_actor, now, today, uow_factory_dep

router = APIRouter(prefix="/api/travel-documents", tags=["travel documents"])
ActorDep = Annotated[Actor, Depends(internal_actor)]
UowFactory = Annotated[Callable[..., UnitOfWork], Depends(uow_factory_dep)]


class TravelDocumentOut(BaseModel):
    number: str = Field(description="As printed")
    number_key: str = Field(description="Normalised: letters and digits, upper case (what lookups compare)")
    issuing_country: str
    type: Literal["passport", "id_card", "visa", "other"]
    status: Literal["stolen", "lost", "revoked", "invalidated", "recovered"]
    hits: bool = Field(description="False once recovered")
    reported_by: str
    reported_on: str
    blank: bool


class CheckResult(BaseModel):
    number: str
    reported: bool = Field(description="True when at least one open report matches: stop the document")
    reports: list[TravelDocumentOut]


class ReportRequest(BaseModel):
    number: str = Field(max_length=200, examples=["TK1234567"])
    issuing_country: str = Field(max_length=3, examples=["JP"])
    type: Literal["passport", "id_card", "visa", "other"] = "passport"
    status: Literal["stolen", "lost", "revoked", "invalidated"] = "stolen"
    blank: bool = Field(default=False, description="Stolen blank: never issued to anyone")


class RecoverRequest(BaseModel):
    issuing_country: str = Field(max_length=3, examples=["JP"])
    reason: str | None = Field(default=None, max_length=4000, examples=["handed in at Narita airport"])


@router.get("/{number}", response_model=CheckResult,
            summary="Is this number reported stolen or lost? (spaces, dashes and case do not matter)")
def check(number: str, actor: ActorDep, uows: UowFactory,
          country: Annotated[str | None, Query(max_length=3, description="Issuing country (ISO 3166-1 "
                                                                          "alpha-2)")] = None) -> dict[str, Any]:
    docs = svc.check_document(uows(write=False), number=number, issuing_country=country,
                              actor=actor)
    return {"number": number, "reported": bool(docs), "reports": [d.as_dict() for d in docs]}


@router.post("", status_code=201, response_model=TravelDocumentOut,
             summary="Report a document stolen, lost, revoked or invalidated, as the caller's bureau")
def report(body: ReportRequest, actor: ActorDep, uows: UowFactory) -> dict[str, Any]:
    doc = svc.report_document(uows(), number=body.number, issuing_country=body.issuing_country, type=body.type,
                              status=body.status, blank=body.blank, actor=actor, today=today())
    return doc.as_dict()


@router.post("/{number}/recover", response_model=TravelDocumentOut,
             summary="The reporting bureau marks its report recovered: kept, and no longer hits")
def recover(number: str, body: RecoverRequest, actor: ActorDep, uows: UowFactory) -> dict[str, Any]:
    doc = svc.recover_document(uows(), number=number, issuing_country=body.issuing_country, actor=actor,
                               now=now(), reason=body.reason)
    return doc.as_dict()
