"""The audit trail over HTTP (``/api/audit``): what witnesses and auditors need to check the log without
trusting it: the latest signed checkpoint, the verifier key, inclusion and consistency proofs (hashes in
base64), and, for those with the read_audit permission, the events and a full verification."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import PlainTextResponse
from pydantic import BaseModel, Field

from ncb.audit.keys import LogKey
from ncb.domain.identity import Actor, Permission
from ncb.errors import ConfigurationError, NotFound, ValidationError
from ncb.services import audit as svc
from ncb.services.ports import UnitOfWork
from ncb.storage.audit import log_key
from ncb.web.deps import internal_actor, now, settings_of, uow_factory_dep

router = APIRouter(prefix="/api/audit", tags=["audit"])
ActorDep = Annotated[Actor, Depends(internal_actor)]
UowFactory = Annotated[Callable[..., UnitOfWork], Depends(uow_factory_dep)]

MAX_SEQ = 2**53  # larger numbers cannot be entries (and SQLite's integers end at 2**63)
_TEXT: dict[int | str, dict[str, Any]] = {200: {"content": {"text/plain": {"schema": {"type": "string"}}}}}


def _key(request: Request) -> LogKey:
    """The log's key, read once per application. Without one there is nothing to check checkpoints with."""
    state = request.app.state
    key: LogKey | None = getattr(state, "audit_key", None)
    if key is None:
        try:
            key = log_key(settings_of(request))
        except ConfigurationError as exc:
            raise NotFound(f"this instance has no audit key yet ({exc.message})") from None
        state.audit_key = key
    return key


class InclusionProofOut(BaseModel):
    seq: int
    size: int = Field(description="The tree size the proof is for")
    leaf_hash: str = Field(description="base64 of SHA-256(0x00 || leaf)")
    root: str = Field(description="base64 root of the tree of that size")
    proof: list[str] = Field(description="RFC 9162 audit path, base64 hashes from the leaf up")


class ConsistencyProofOut(BaseModel):
    old_size: int
    size: int
    old_root: str
    root: str
    proof: list[str] = Field(description="RFC 9162 consistency proof, base64 hashes")


class VerifyRequest(BaseModel):
    known: str | None = Field(default=None, max_length=1 << 16,
                              description="A checkpoint obtained elsewhere (a witness's copy) the log must match")


class VerificationOut(BaseModel):
    ok: bool
    kind: str = Field(description="ok, modified, deleted, reordered, inserted or bad_signature")
    message: str
    seq: int | None = Field(description="The first entry concerned")
    checkpoint_size: int | None
    entries_checked: int
    checkpoints_checked: int
    unanchored: int = Field(description="Entries after the last checkpoint (nothing signed covers them yet)")
    root: str | None


class AuditEventOut(BaseModel):
    seq: int
    ts: str
    actor: str | None = None
    actor_ncb: str | None = None
    action: str | None = None
    object: str | None = None
    purpose: str | None = None
    outcome: str | None = None
    recipients: list[str] = Field(default_factory=list)
    personal_data_hash: str | None = None
    prev_checkpoint: str | None = None
    personal_data: str | None = Field(default=None, description="kept, erased or none (never the data itself)")
    unreadable: str | None = Field(default=None, description="Set when the stored leaf cannot be read")


@router.get("/checkpoint", response_class=PlainTextResponse, responses=_TEXT,
            summary="The latest signed checkpoint (C2SP signed note: origin, size, base64 root, signature)")
def latest_checkpoint(actor: ActorDep, uows: UowFactory) -> PlainTextResponse:
    return PlainTextResponse(svc.latest_checkpoint(uows(write=False)))


@router.get("/public-key", response_class=PlainTextResponse, responses=_TEXT,
            summary="The verifier key witnesses pin: <origin>+<key id>+<base64 Ed25519 key>")
def public_key(actor: ActorDep, request: Request) -> PlainTextResponse:
    return PlainTextResponse(_key(request).verifier_key + "\n")


@router.get("/proofs/inclusion", response_model=InclusionProofOut,
            summary="The audit path of one entry in the tree of a given size (the whole log by default)")
def inclusion(actor: ActorDep, uows: UowFactory, seq: Annotated[int, Query(ge=0, le=MAX_SEQ)],
              size: Annotated[int | None, Query(ge=1, le=MAX_SEQ)] = None) -> dict[str, object]:
    return svc.inclusion_proof(uows(write=False), seq, size).as_dict()


@router.get("/proofs/consistency", response_model=ConsistencyProofOut,
            summary="The proof that the tree of old_size entries is a prefix of the tree of size")
def consistency(actor: ActorDep, uows: UowFactory, old_size: Annotated[int, Query(ge=0, le=MAX_SEQ)],
                size: Annotated[int | None, Query(ge=0, le=MAX_SEQ)] = None) -> dict[str, object]:
    return svc.consistency_proof(uows(write=False), old_size, size).as_dict()


@router.get("/events", response_model=list[AuditEventOut],
            summary="The most recent events, newest first (needs the read_audit permission)")
def events(actor: ActorDep, uows: UowFactory, limit: Annotated[int, Query(ge=1, le=svc.MAX_LIST)] = 50,
           before: Annotated[int | None, Query(ge=0, le=MAX_SEQ)] = None) -> list[dict[str, object]]:
    return svc.list_events(uows(write=False), actor=actor, limit=limit, before=before)


@router.post("/verify", response_model=VerificationOut,
             summary="Recompute every entry and checkpoint (needs read_audit); a forged known checkpoint is 422")
def verify(actor: ActorDep, uows: UowFactory, request: Request, body: VerifyRequest | None = None) -> dict[str, Any]:
    actor.require(Permission.READ_AUDIT, "verifying the audit trail")
    key = _key(request)
    known = body.known if body else None
    try:
        report = svc.verify(uows(write=False), key, known=known)
    except ValidationError:
        svc.refuse(uows(), actor=actor, action="audit.verify", object="checkpoint", now=now(),
                   reason="the checkpoint given is not signed by this log's key")
        raise
    return svc.report_dict(report)
