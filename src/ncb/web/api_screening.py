"""Screening over HTTP: one traveller, a batch, the hit queue, and ``/match/{dataset}`` in the request shape
of OpenSanctions' yente, so that clients written for it screen against the notices unchanged."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import timedelta
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Path, Request
from pydantic import BaseModel, Field

from ncb.domain.identity import Actor
from ncb.domain.screening import HitStatus
from ncb.errors import ValidationError
from ncb.matching import Person
from ncb.matching.compare import DEFAULT_THRESHOLD
from ncb.matching.index import ScreeningIndex
from ncb.services import screening as svc
from ncb.services.ports import UnitOfWork
from ncb.settings import Settings
from ncb.web.deps import internal_actor, now, settings_dep, today, uow_factory_dep
from ncb.web.serving import freeze_long_lived

router = APIRouter(tags=["screening"])
ActorDep = Annotated[Actor, Depends(internal_actor)]
UowFactory = Annotated[Callable[..., UnitOfWork], Depends(uow_factory_dep)]


def screening_index(request: Request) -> ScreeningIndex:
    """The app's index, built from the database on first use and kept current by the notice routes."""
    state = request.app.state
    if getattr(state, "screening_index", None) is None:
        state.screening_index = svc.build_index(state.uow_factory(write=False), today=today())
        freeze_long_lived()  # the index and the name dictionaries: out of the collector's way from now on
    index: ScreeningIndex = state.screening_index
    return index


IndexDep = Annotated[ScreeningIndex, Depends(screening_index)]


class Traveller(BaseModel):
    id: str | None = Field(default=None, max_length=200)
    names: list[str] = Field(default_factory=list, max_length=20, description="Names in any script")
    date_of_birth: str | None = Field(default=None, max_length=10, examples=["1989/04/16"])
    nationality: str | None = Field(default=None, max_length=3)
    sex: Literal["M", "F", "U"] | None = None
    document_number: str | None = Field(default=None, max_length=40)
    mrz: str | None = Field(default=None, max_length=200, description="A raw machine-readable zone")


class CheckRequest(BaseModel):
    traveller: Traveller
    threshold: float = Field(default=DEFAULT_THRESHOLD, ge=0, le=1)
    limit: int = Field(default=5, ge=1, le=50)


class BatchRequest(BaseModel):
    travellers: list[Traveller] = Field(max_length=10_000)
    threshold: float = Field(default=DEFAULT_THRESHOLD, ge=0, le=1)
    limit: int = Field(default=5, ge=1, le=50)


class Decision(BaseModel):
    decision: Literal["confirmed", "dismissed"]
    reason: str = Field(min_length=1, max_length=4000)


def _person(t: Traveller, where: str) -> Any:
    record: dict[str, Any] = {"id": t.id or where, "date_of_birth": t.date_of_birth, "nationality": t.nationality,
                              "sex": t.sex, "document_number": t.document_number, "mrz": t.mrz}
    if not t.mrz:
        if not t.names:
            raise ValidationError("a traveller needs names or an MRZ", field="traveller.names", record=where)
        record["name"] = t.names[0]
    person = svc.traveller_from_record(record, where, today=today())
    if len(t.names) > 1:
        person = type(person)(person.id, tuple(t.names), person.date_of_birth, person.nationalities, person.sex,
                              person.documents)
    return person


@router.post("/screening/check", summary="Screen one traveller; ranked hits with explanations")
def check(body: CheckRequest, actor: ActorDep, uows: UowFactory, index: IndexDep,
          settings: Annotated[Settings, Depends(settings_dep)]) -> dict[str, Any]:
    person = _person(body.traveller, "traveller")
    hits = svc.check_traveller(person, index, uows(), actor=actor, now=now(), threshold=body.threshold,
                               limit=body.limit, keep_for=timedelta(days=settings.travel_record_retention_days))
    return {"query": {"id": person.id, "names": list(person.names), "date_of_birth": person.date_of_birth},
            "hits": [h.as_dict() for h in hits], "travel_document_alerts": svc.document_alerts(person, uows())}


@router.post("/screening/batch", summary="Screen a list of travellers; bad records are reported, not fatal")
def batch(body: BatchRequest, actor: ActorDep, uows: UowFactory, index: IndexDep) -> dict[str, Any]:
    people: list[Person] = []
    rejected: list[dict[str, Any]] = []
    for i, t in enumerate(body.travellers):
        where = t.id or f"travellers[{i}]"
        try:
            people.append(_person(t, where))
        except ValidationError as exc:
            rejected.append({"record": where, "field": exc.field, "problem": exc.message})
    found = svc.check_travellers(people, index, uows, actor=actor, now=now(), threshold=body.threshold,
                                 limit=body.limit)
    results = [{"input_id": person.id, "watchlist_id": h.candidate_id, "score": round(h.score, 4),
                "explanation": h.explain()} for person, hits in zip(people, found, strict=True) for h in hits]
    return {"hits": results, "screened": len(people), "rejected": rejected}


@router.get("/screening/hits", summary="The hit queue of the caller's bureau")
def hits(actor: ActorDep, uows: UowFactory,
         status: Literal["pending", "confirmed", "dismissed", "all"] = "pending") -> list[dict[str, Any]]:
    wanted = None if status == "all" else HitStatus(status)
    queued = svc.hit_queue(uows(), actor=actor, now=now(), status=wanted)
    return [{"id": h.id, "entity_id": h.entity_id, "score": h.score, "status": h.status.value,
             "screened_by": h.screened_by, "disclosed": h.disclosed, "query": h.query, "explanation": h.explanation,
             "created_at": h.created_at.isoformat(), "decided_by": h.decided_by,
             "decided_at": h.decided_at.isoformat() if h.decided_at else None, "reason": h.reason} for h in queued]


@router.post("/screening/hits/{hit_id}", summary="Confirm or dismiss a hit, with a reason")
def decide(hit_id: Annotated[int, Path(ge=1, le=2**63 - 1)], body: Decision, actor: ActorDep,
           uows: UowFactory) -> dict[str, Any]:
    hit = svc.decide_hit(hit_id, HitStatus(body.decision), uows(), actor=actor, now=now(), reason=body.reason)
    return {"id": hit.id, "status": hit.status.value, "decided_by": hit.decided_by, "reason": hit.reason}


def _first(props: dict[str, list[str]], key: str) -> str | None:
    values = [v for v in props.get(key, []) if v and v.strip()]
    return values[0].strip() if values else None


# FollowTheMoney schemata a query may name, and the listed kinds each meets (LegalEntity and Thing: both).
_KIND_OF_SCHEMA = {"Person": "person", "Organization": "entity", "Company": "entity", "PublicBody": "entity",
                   "LegalEntity": "any", "Thing": "any"}


def _schema_of(index: ScreeningIndex, candidate_id: str) -> str:
    pos = index.position.get(candidate_id)
    return "Organization" if pos is not None and index.kinds[pos] == 1 else "Person"


class MatchQuery(BaseModel):
    schema_: str = Field(default="Person", alias="schema")
    properties: dict[str, list[str]] = Field(default_factory=dict)


class MatchRequest(BaseModel):
    queries: dict[str, MatchQuery] = Field(max_length=100)


@router.post("/match/{dataset}",
             summary="yente-compatible matching (FollowTheMoney Person, Organization, Company, LegalEntity queries)")
def match(dataset: str, body: MatchRequest, actor: ActorDep, uows: UowFactory, index: IndexDep,
          threshold: float = DEFAULT_THRESHOLD, limit: int = 5) -> dict[str, Any]:
    responses: dict[str, Any] = {}
    for key, q in body.queries.items():
        props = q.properties
        names = [n for n in props.get("name", []) + props.get("alias", []) if n.strip()]
        kind = _KIND_OF_SCHEMA.get(q.schema_)
        if kind is None or not names:
            responses[key] = {"status": 400, "results": [], "total": {"value": 0, "relation": "eq"},
                              "query": q.model_dump(by_alias=True),
                              "detail": f"a query of schema {', '.join(sorted(_KIND_OF_SCHEMA))} with at least one "
                                        "name is needed"}
            continue
        birth = _first(props, "birthDate")
        nationality = _first(props, "nationality")
        traveller = Traveller(id=key, names=names[:20], date_of_birth=birth.replace("-", "/") if birth else None,
                              nationality=nationality.upper() if nationality else None,
                              document_number=_first(props, "passportNumber") or _first(props, "idNumber"))
        person = replace(_person(traveller, key), kind=kind)
        found = svc.check_traveller(person, index, uows(), actor=actor, now=now(), threshold=0.0,
                                    limit=limit)
        results = [{"id": f"ncb-{h.candidate_id.replace('/', '-')}", "caption": h.alignment.candidate_name
                    if h.alignment else h.candidate_id, "schema": _schema_of(index, h.candidate_id),
                    "properties": {"name": [h.alignment.candidate_name] if h.alignment else []},
                    "datasets": [dataset], "referents": [], "target": True, "score": round(h.score, 4),
                    "match": h.score >= threshold,
                    "features": {"name_score": round(h.name_score, 4)} | {f.name: round(f.delta, 4)
                                                                         for f in h.features},
                    "explanation": h.explain()} for h in found]
        responses[key] = {"status": 200, "results": results, "total": {"value": len(results), "relation": "eq"},
                          "query": q.model_dump(by_alias=True)}
    return {"responses": responses, "matcher": {"name": "ncb", "threshold": threshold}, "limit": limit}


