"""The internal JSON API (``/api/...``): the registry's operations over HTTP, for officers' programs."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Body, Depends, Query, Request
from fastapi.responses import StreamingResponse
from pydantic import BaseModel, Field

from ncb.domain.access import ViewerKind
from ncb.domain.bureaus import bureau_for
from ncb.domain.countries import country_name, member_countries, validate_country
from ncb.domain.documents import notice_from_dict, notice_to_dict
from ncb.domain.identity import Actor
from ncb.domain.interchange.interpol import parse_notice
from ncb.domain.notices import (
    Action,
    Decision,
    Notice,
    NoticeStatus,
    NoticeType,
    Transition,
    entity_id_from_url,
)
from ncb.domain.search import NoticeFilter
from ncb.services import notices as svc
from ncb.services.exports import ExportFormat, export_lines
from ncb.services.imports import OnConflict, import_notices
from ncb.services.ports import UnitOfWork
from ncb.services.screening import refresh_in_index, retro_screen
from ncb.web.deps import internal_actor, now, policy_of, settings_of, today, uow_factory_dep

router = APIRouter(prefix="/api", tags=["internal"])

ActorDep = Annotated[Actor, Depends(internal_actor)]
UowFactory = Annotated[Callable[..., UnitOfWork], Depends(uow_factory_dep)]

NOTICE_EXAMPLE: dict[str, Any] = {
    "type": "red", "public_extract": True,
    "subject": {"names": [{"name": "YAMADA", "forename": "TARO"},
                          {"full": "山田太郎", "name": "山田", "forename": "太郎", "kind": "original_script"}],
                "date_of_birth": "1989/04/16", "sex": "M", "nationalities": ["JP"]},
    "warrants": [{"charge": "詐欺", "charge_translation": "Fraud", "issuing_country": "JP",
                  "law": "Penal Code Art. 246", "max_penalty_months": 120, "reference": "OSAKA-2026-0042"}],
    "facts": {"summary": "Defrauded elderly victims of 80 million yen.", "time": "2025", "place": "Osaka",
              "country": "JP"},
    "extradition_countries": ["US", "CA"],
}


class ReviewRequest(BaseModel):
    decision: Decision
    reason: str | None = Field(default=None, max_length=4000)
    exception_reason: str | None = Field(default=None, max_length=4000,
                                         description="Records the 'particular importance' exception")


class StatusChange(BaseModel):
    reason: str | None = Field(default=None, max_length=4000)
    until: date | None = Field(default=None, description="Suspensions: the last day (at most 6 months)")


class TransitionOut(BaseModel):
    at: str
    action: str
    from_status: str | None
    to_status: str
    actor: str
    reason: str | None
    findings: list[dict[str, str]]
    exception_recorded: bool

    @classmethod
    def of(cls, t: Transition) -> TransitionOut:
        return cls(at=t.at.isoformat(), action=t.action.value,
                   from_status=t.from_status.value if t.from_status else None, to_status=t.to_status.value,
                   actor=t.actor, reason=t.reason, findings=list(t.findings), exception_recorded=t.exception_recorded)


class FindingOut(BaseModel):
    rule_id: str
    article: str
    severity: str
    message: str
    field: str


class NoticeSummary(BaseModel):
    entity_id: str
    type: str
    status: str
    owner: str
    name: str | None
    date_of_birth: str | None
    nationalities: list[str]
    public_extract: bool


class NoticesPage(BaseModel):
    total: int
    page: int
    per_page: int
    notices: list[NoticeSummary]


def _summary(n: Notice) -> NoticeSummary:
    primary = n.subject.primary_name
    return NoticeSummary(entity_id=n.entity_id, type=n.type.value, status=n.status.value, owner=n.owner,
                         name=primary.full if primary else None,
                         date_of_birth=str(n.subject.date_of_birth) if n.subject.date_of_birth else None,
                         nationalities=list(n.subject.nationalities), public_extract=n.public_extract)


def _refresh(request: Request, notice: Notice) -> Notice:
    """Keep the screening index (when this app has built one) current with a changed notice, and screen the
    kept travel records against a notice that has just been published."""
    index = getattr(request.app.state, "screening_index", None)
    if index is not None:
        refresh_in_index(index, notice)
    if notice.status is NoticeStatus.PUBLISHED:
        retro_screen(notice, request.app.state.uow_factory(), now=now())
    return notice


def _reading(uows: Callable[..., UnitOfWork], actor: Actor) -> UnitOfWork:
    """The unit of work a read needs: a writing one when the read is logged (anyone but the public)."""
    return uows(write=actor.viewer.kind is not ViewerKind.PUBLIC)


def _country(value: str | None, field: str) -> str | None:
    return validate_country(value, field=field) if value else None


@router.get("/notices", response_model=NoticesPage, summary="List the notices the caller may see")
def list_notices(
    actor: ActorDep, uows: UowFactory,
    type: Annotated[list[NoticeType] | None, Query()] = None,
    status: Annotated[list[NoticeStatus] | None, Query()] = None,
    owner: str | None = None, name: str | None = None, forename: str | None = None,
    nationality: str | None = None, sex: Literal["M", "F", "U"] | None = None,
    age_min: Annotated[int | None, Query(ge=0, le=150)] = None,
    age_max: Annotated[int | None, Query(ge=0, le=150)] = None,
    warrant_country: str | None = None, q: str | None = None, public_only: bool = False,
    page: Annotated[int, Query(ge=1, le=100_000)] = 1,
    per_page: Annotated[int, Query(ge=1, le=1000)] = 20,
) -> NoticesPage:
    flt = NoticeFilter(types=frozenset(type or ()), statuses=frozenset(status or ()),
                       owner=_country(owner, "owner"), name=name, forename=forename,
                       nationality=_country(nationality, "nationality"), sex=sex, age_min=age_min, age_max=age_max,
                       warrant_country=_country(warrant_country, "warrant_country"), free_text=q,
                       public_only=public_only)
    result = svc.list_notices(flt, _reading(uows, actor), actor=actor, today=today(), now=now(), page=page,
                              per_page=per_page)
    return NoticesPage(total=result.total, page=page, per_page=per_page,
                       notices=[_summary(n) for n in result.notices])


@router.post("/notices", status_code=201, summary="Create a draft notice (native JSON form)")
def create_notice(actor: ActorDep, uows: UowFactory,
                  body: Annotated[dict[str, Any], Body(examples=[NOTICE_EXAMPLE])]) -> dict[str, Any]:
    return notice_to_dict(svc.create_notice(body, uows(), actor=actor, now=now()))


@router.get("/notices/{notice_id}", summary="One notice in full (2026-00001 or 2026/00001)")
def get_notice(notice_id: str, actor: ActorDep, uows: UowFactory) -> dict[str, Any]:
    return notice_to_dict(svc.get_notice(entity_id_from_url(notice_id), _reading(uows, actor), actor=actor,
                                         now=now()))


@router.put("/notices/{notice_id}", summary="Replace a draft's content")
def edit_notice(notice_id: str, actor: ActorDep, uows: UowFactory,
                body: Annotated[dict[str, Any], Body(examples=[NOTICE_EXAMPLE])]) -> dict[str, Any]:
    return notice_to_dict(svc.edit_notice(entity_id_from_url(notice_id), body, uows(), actor=actor, now=now()))


@router.get("/notices/{notice_id}/history", response_model=list[TransitionOut])
def history(notice_id: str, actor: ActorDep, uows: UowFactory) -> list[TransitionOut]:
    return [TransitionOut.of(t) for t in
            svc.notice_history(entity_id_from_url(notice_id), _reading(uows, actor), actor=actor, now=now())]


@router.get("/notices/{notice_id}/findings", response_model=list[FindingOut],
            summary="The compliance pre-check, with each rule's article")
def findings(notice_id: str, actor: ActorDep, uows: UowFactory,
             locale: Literal["en", "ja"] = "en") -> list[FindingOut]:
    found = svc.compliance_findings(entity_id_from_url(notice_id), _reading(uows, actor), actor=actor, now=now(),
                                    locale=locale)
    return [FindingOut(**f.to_dict()) for f in found]


@router.post("/notices/{notice_id}/submit", summary="Send a draft for review (a diffusion goes out at once)")
def submit(notice_id: str, actor: ActorDep, uows: UowFactory, request: Request) -> dict[str, Any]:
    notice = svc.submit_notice(entity_id_from_url(notice_id), uows(), actor=actor, now=now())
    return notice_to_dict(_refresh(request, notice))


@router.post("/notices/{notice_id}/review", summary="A General Secretariat reviewer's decision")
def review(notice_id: str, body: ReviewRequest, actor: ActorDep, uows: UowFactory,
           request: Request) -> dict[str, Any]:
    notice = svc.review_notice(entity_id_from_url(notice_id), body.decision, uows(), actor=actor, now=now(),
                               reason=body.reason, exception_reason=body.exception_reason,
                               policy=policy_of(settings_of(request)))
    return notice_to_dict(_refresh(request, notice))


@router.post("/notices/{notice_id}/{action}", summary="suspend, resume, withdraw, cancel, delete or extend")
def change_status(notice_id: str, action: Literal["suspend", "resume", "withdraw", "cancel", "delete", "extend"],
                  body: StatusChange, actor: ActorDep, uows: UowFactory, request: Request) -> dict[str, Any]:
    notice = svc.change_status(entity_id_from_url(notice_id), Action(action), uows(), actor=actor, now=now(),
                               reason=body.reason, until=body.until, policy=policy_of(settings_of(request)))
    return notice_to_dict(_refresh(request, notice))


@router.post("/imports", summary="Import INTERPOL public-API JSON or native notices, idempotently")
def import_json(actor: ActorDep, uows: UowFactory, request: Request, body: Annotated[Any, Body()],
                on_conflict: OnConflict = OnConflict.ERROR) -> dict[str, Any]:
    if isinstance(body, dict) and isinstance(body.get("_embedded"), dict) and "notices" in body["_embedded"]:
        items = body["_embedded"]["notices"]
    else:
        items = body if isinstance(body, list) else [body]
    records = [(f"body[{i}]", item) for i, item in enumerate(items)]

    def parse(data: Any, where: str) -> Notice:
        if isinstance(data, dict) and "subject" in data:
            return notice_from_dict(data, record=where)
        return parse_notice(data, where=where, default_owner=actor.viewer.country).notice

    report = import_notices(lambda: records, parse, uows(), actor=actor, now=now(),
                            on_conflict=on_conflict)
    if report.created or report.updated:
        request.app.state.screening_index = None  # rebuilt on next use
    return report.as_dict()


@router.get("/exports", summary="Every notice the caller may see, as interpol/ftm JSON lines or CSV",
            response_class=StreamingResponse,
            responses={200: {"description": "One notice a line (JSON lines) or a CSV table",
                             "content": {"application/x-ndjson": {"schema": {"type": "string"}},
                                         "text/csv": {"schema": {"type": "string"}}}}})
def export(actor: ActorDep, uows: UowFactory, request: Request,
           format: ExportFormat = ExportFormat.INTERPOL) -> StreamingResponse:
    base = settings_of(request).base_url or str(request.base_url).rstrip("/")
    lines = export_lines(format, NoticeFilter(), uows(), actor=actor, today=today(), now=now(), base_url=base,
                         reader=uows(write=False))
    media = "text/csv; charset=utf-8" if format is ExportFormat.CSV else "application/x-ndjson"
    return StreamingResponse(lines, media_type=media)


@router.get("/countries", summary="Member countries with English and Japanese names")
def countries() -> list[dict[str, Any]]:
    return [{"code": c.code, "region": c.region.value, "member_since": c.member_since,
             "name_en": country_name(c.code, "en"), "name_ja": country_name(c.code, "ja")}
            for c in sorted(member_countries().values(), key=lambda c: c.code)]


@router.get("/bureaus/{country}", summary="A member country's bureau")
def bureau(country: str) -> dict[str, Any]:
    b = bureau_for(country)
    return {"country": b.country, "name_en": b.name_en, "name_ja": b.name_ja, "member_since": b.member_since,
            "host_agency_en": b.host_agency_en, "host_agency_ja": b.host_agency_ja,
            "duties": [{"en": en, "ja": ja} for en, ja in b.duties],
            "units": [{"en": en, "ja": ja} for en, ja in b.units],
            "events": [{"year": e.year, "en": e.title_en, "ja": e.title_ja} for e in b.events]}


