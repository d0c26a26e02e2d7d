"""The portal's internal API: officers write news items (``/api/news``) and read the tips the public sent to their
bureau (``/api/tips``). The caller is :func:`ncb.web.deps.internal_actor`; writing news needs
``Permission.WRITE_NOTICES``, reading tips ``Permission.READ_NOTICES``, both as a bureau's officer."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query
from pydantic import BaseModel, Field

from ncb.domain.identity import Actor
from ncb.domain.news import BODY_MAX, TITLE_MAX
from ncb.domain.notices import entity_id_as_typed
from ncb.services import news as news_service
from ncb.services import tips as tip_service
from ncb.services.ports import UnitOfWork
from ncb.web.deps import internal_actor, now, uow_factory_dep

router = APIRouter(prefix="/api", tags=["portal"])
ActorDep = Annotated[Actor, Depends(internal_actor)]
UowFactory = Annotated[Callable[..., UnitOfWork], Depends(uow_factory_dep)]


class NewsCreate(BaseModel):
    title_en: str = Field(min_length=1, max_length=TITLE_MAX, examples=["Fugitive wanted for fraud arrested in Manila"])
    title_ja: str = Field(min_length=1, max_length=TITLE_MAX, examples=["詐欺で国際手配中の被疑者をマニラで逮捕"])
    body_en: str = Field(min_length=1, max_length=BODY_MAX, description="Markdown (raw HTML is shown as text)")
    body_ja: str = Field(min_length=1, max_length=BODY_MAX, description="Markdown (raw HTML is shown as text)")
    published_on: date | None = Field(default=None, description="The item's date (default: today)")
    countries: list[str] = Field(default_factory=list, max_length=50, examples=[["JP", "PH"]])
    notices: list[str] = Field(default_factory=list, max_length=50, examples=[["2024/58775"]])


class NewsEdit(BaseModel):
    title_en: str | None = Field(default=None, min_length=1, max_length=TITLE_MAX)
    title_ja: str | None = Field(default=None, min_length=1, max_length=TITLE_MAX)
    body_en: str | None = Field(default=None, min_length=1, max_length=BODY_MAX)
    body_ja: str | None = Field(default=None, min_length=1, max_length=BODY_MAX)
    published_on: date | None = None
    countries: list[str] | None = Field(default=None, max_length=50)
    notices: list[str] | None = Field(default=None, max_length=50)


@router.post("/news", status_code=201, summary="Write a news item (in English and Japanese)")
def create_news(body: NewsCreate, actor: ActorDep, uows: UowFactory) -> dict[str, Any]:
    return news_service.create_news(body.model_dump(), uows(), actor=actor, now=now()).to_dict()


@router.patch("/news/{item_id}", summary="Edit a news item of one's bureau (fields not sent are kept)")
def edit_news(item_id: int, body: NewsEdit, actor: ActorDep, uows: UowFactory) -> dict[str, Any]:
    return news_service.edit_news(item_id, body.model_dump(exclude_unset=True), uows(), actor=actor,
                                  now=now()).to_dict()


@router.get("/news", summary="List news items, newest first")
def list_news(actor: ActorDep, uows: UowFactory, country: str | None = Query(default=None, max_length=3),
              page: int = Query(default=1, ge=1, le=100_000),
              per_page: int = Query(default=20, ge=1, le=200)) -> dict[str, Any]:
    total, items = news_service.list_news(uows(write=False), country=country, page=page, per_page=per_page)
    return {"total": total, "page": page, "items": [i.to_dict() for i in items]}


@router.get("/news/{item_id}", summary="One news item")
def get_news(item_id: int, actor: ActorDep, uows: UowFactory) -> dict[str, Any]:
    return news_service.get_news(item_id, uows(write=False)).to_dict()


@router.get("/tips", summary="The tips the public sent about one's bureau's notices, newest first")
def list_tips(actor: ActorDep, uows: UowFactory, notice: str | None = Query(default=None, max_length=20),
              limit: int = Query(default=100, ge=1, le=1000), offset: int = Query(default=0, ge=0)) -> dict[str, Any]:
    entity_id = entity_id_as_typed(notice) if notice else notice
    tips = tip_service.list_tips(uows(write=False), actor=actor, entity_id=entity_id, limit=limit, offset=offset)
    return {"tips": [t.to_dict() for t in tips]}


@router.get("/tips/{reference}", summary="One tip sent to one's bureau")
def get_tip(reference: str, actor: ActorDep, uows: UowFactory) -> dict[str, Any]:
    return tip_service.get_tip(reference, uows(write=False), actor=actor).to_dict()
