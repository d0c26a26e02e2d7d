"""Federation over HTTP: the inbox other instances post signed envelopes to, this instance's public key, and
(internal) the partners and the outbox. The inbox needs no bearer token: the envelope's signature, checked
against the sender's pinned key, is the authentication."""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
from collections.abc import Callable
from datetime import timedelta
from typing import Annotated, Any

import httpx
from fastapi import APIRouter, Depends, FastAPI, Request
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool

from ncb.domain.federation import LocalInstance, public_key_text
from ncb.domain.identity import Actor
from ncb.services import federation as svc
from ncb.services.ports import UnitOfWork
from ncb.settings import Settings
from ncb.storage.federation import key_file, local_instance
from ncb.web.deps import internal_actor, now, settings_of, uow_factory_dep

router = APIRouter(tags=["federation"])
ActorDep = Annotated[Actor, Depends(internal_actor)]
UowFactory = Annotated[Callable[..., UnitOfWork], Depends(uow_factory_dep)]
log = logging.getLogger("ncb.federation")


class InboxAnswer(BaseModel):
    status: str = Field(description="accepted, or duplicate for an envelope already received (nothing done twice)")
    id: str


class KeyOut(BaseModel):
    bureau: str
    public_key: str = Field(description="base64 of the raw Ed25519 public key partners pin")


class PartnerIn(BaseModel):
    code: str = Field(max_length=3, examples=["FR"])
    base_url: str = Field(max_length=300, examples=["https://ncb.fr.example"])
    public_key: str = Field(max_length=64)


class PartnerOut(BaseModel):
    code: str
    base_url: str
    public_key: str
    added_at: str
    added_by: str


class OutboxOut(BaseModel):
    id: str
    recipient: str
    kind: str
    attempts: int
    created_at: str
    next_attempt_at: str
    last_error: str | None
    delivered_at: str | None


class SendNotice(BaseModel):
    entity_id: str = Field(max_length=16, examples=["2026/00001"])
    to: str = Field(max_length=3, examples=["FR"])


@router.post("/federation/v1/inbox", response_model=InboxAnswer,
             summary="Receive a signed envelope from a partner (authenticated by its signature)")
async def inbox(request: Request) -> dict[str, str]:
    settings = settings_of(request)
    try:
        body = json.loads(await request.body())
    except ValueError:
        from ncb.errors import ValidationError

        raise ValidationError("the body is not JSON", field="body") from None
    status, envelope = await run_in_threadpool(
        svc.receive, request.app.state.uow_factory(), body=body, me=settings.bureau, now=now(),
        max_age=timedelta(hours=settings.federation_max_age_hours))
    return {"status": status, "id": envelope.id}


@router.get("/federation/v1/key", response_model=KeyOut, summary="This instance's bureau and public key")
def key(request: Request) -> dict[str, str]:
    settings = settings_of(request)
    return {"bureau": settings.bureau, "public_key": public_key_text(local_instance(settings).key.public_key())}


@router.get("/api/federation/partners", response_model=list[PartnerOut], summary="Partners and their pinned keys")
def partners(_actor: ActorDep, uows: UowFactory) -> list[dict[str, str]]:
    return [{"code": p.code, "base_url": p.base_url, "public_key": p.public_key, "added_at": p.added_at.isoformat(),
             "added_by": p.added_by} for p in svc.list_partners(uows(write=False))]


@router.put("/api/federation/partners", response_model=PartnerOut, summary="Pin a partner's key")
def put_partner(body: PartnerIn, actor: ActorDep, uows: UowFactory) -> dict[str, str]:
    p = svc.add_partner(uows(), actor=actor, code=body.code, base_url=body.base_url, public_key=body.public_key,
                        now=now())
    return {"code": p.code, "base_url": p.base_url, "public_key": p.public_key, "added_at": p.added_at.isoformat(),
            "added_by": p.added_by}


@router.get("/api/federation/outbox", response_model=list[OutboxOut], summary="Envelopes sent or waiting")
def outbox(_actor: ActorDep, uows: UowFactory) -> list[dict[str, Any]]:
    return svc.outbox(uows(write=False))


@router.post("/api/federation/send-notice", response_model=OutboxOut, status_code=202,
             summary="Send one of this bureau's published notices to a partner (through the outbox)")
def send_notice(body: SendNotice, request: Request, actor: ActorDep, uows: UowFactory) -> dict[str, Any]:
    settings = settings_of(request)
    envelope = svc.send_notice(uows(), actor=actor, local=local_instance(settings), entity_id=body.entity_id,
                               recipient=body.to.upper(), now=now())
    [item] = [i for i in svc.outbox(uows(write=False), limit=1000) if i["id"] == envelope.id]
    return item


def http_transport(client: httpx.Client) -> svc.Transport:
    def post(url: str, body: dict[str, Any]) -> tuple[int, str]:
        try:
            response = client.post(url, json=body)
        except httpx.HTTPError as exc:
            raise OSError(str(exc) or type(exc).__name__) from exc
        return response.status_code, response.text

    return post


@contextlib.asynccontextmanager
async def delivery_loop(app: FastAPI, settings: Settings) -> Any:
    """The background loop that empties the outbox every ``federation_deliver_seconds`` (0: off)."""
    if settings.federation_deliver_seconds <= 0:
        yield
        return
    stop = asyncio.Event()

    def this_instance() -> LocalInstance | None:
        """The signing key if this instance has one (`ncb federation key` makes it): serving never creates it."""
        return local_instance(settings, create=False) if key_file(settings).exists() else None

    async def run() -> None:
        with httpx.Client(timeout=10.0) as client:
            transport = http_transport(client)
            while not stop.is_set():
                try:
                    report = await run_in_threadpool(
                        svc.deliver_due, app.state.uow_factory, transport=transport, now=now(),
                        retry_cap=timedelta(seconds=settings.federation_retry_cap_seconds), local=this_instance())
                    if report.failed:
                        log.warning("federation: %d delivered, %d to retry: %s", report.delivered, report.failed,
                                    "; ".join(report.errors[:3]))
                except Exception:  # noqa: BLE001 - the loop must outlive one bad round; the error is logged
                    log.exception("federation delivery round failed")
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(stop.wait(), settings.federation_deliver_seconds)

    task = asyncio.create_task(run())
    try:
        yield
    finally:
        stop.set()
        await task
