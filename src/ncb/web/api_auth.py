"""Logging in and out (``/api/auth``), and managing users (``/api/users``) and program tokens (``/api/tokens``).

A login sets the ``ncb_session`` cookie (HttpOnly, SameSite=Strict, Secure over HTTPS) and returns the
session's CSRF token, which a change made with that session sends back in ``X-CSRF-Token``. Login attempts
are rate-limited per client address.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request, Response
from pydantic import BaseModel, Field

from ncb.domain.identity import Actor, Role
from ncb.errors import AuthenticationFailed
from ncb.services import identity as svc
from ncb.services.ports import UnitOfWork
from ncb.web.deps import SESSION_COOKIE, internal_actor, now, settings_of, uow_factory_dep

router = APIRouter(tags=["people and programs"])
ActorDep = Annotated[Actor, Depends(internal_actor)]
UowFactory = Annotated[Callable[..., UnitOfWork], Depends(uow_factory_dep)]


class Banner(BaseModel):
    banner: str = Field(description="The use banner, shown before login")


class LoginRequest(BaseModel):
    username: str = Field(max_length=64, examples=["sato"])
    password: str = Field(max_length=1024)
    code: str | None = Field(default=None, max_length=12, description="The 6-digit code of the authenticator app")


class UserOut(BaseModel):
    username: str
    display_name: str
    role: str
    bureau: str | None
    agency: str | None
    disabled: bool
    locked_until: str | None
    second_factor: bool
    created_at: str


class LoginOut(BaseModel):
    user: UserOut
    csrf_token: str = Field(description="Send back in X-CSRF-Token with every change made with this session")
    idle_minutes: int = Field(description="The session locks after this many minutes without use")


class Me(BaseModel):
    name: str
    viewer: str
    roles: list[str]
    permissions: list[str]


class NewUserRequest(BaseModel):
    username: str = Field(max_length=64, examples=["sato"])
    display_name: str = Field(max_length=200, examples=["Sato Hanako"])
    role: Role
    password: str = Field(max_length=1024)
    bureau: str | None = Field(default=None, max_length=3, examples=["JP"])
    agency: str | None = Field(default=None, max_length=64)
    second_factor: bool = True


class NewUserOut(BaseModel):
    user: UserOut
    totp_secret: str | None = Field(description="Shown once: add it to an authenticator app")
    totp_uri: str | None


class TokenOut(BaseModel):
    id: str
    name: str
    roles: list[str]
    bureau: str | None
    agency: str | None
    created_by: str
    created_at: str
    expires_at: str
    revoked_at: str | None
    last_used_at: str | None


class NewTokenRequest(BaseModel):
    name: str = Field(max_length=200, examples=["Narita gateway"])
    roles: list[Role] = Field(min_length=1)
    days: int | None = Field(default=None, ge=1, le=366)
    bureau: str | None = Field(default=None, max_length=3)
    agency: str | None = Field(default=None, max_length=64)


class NewTokenOut(BaseModel):
    token: TokenOut
    secret: str = Field(description="The whole token, shown once: Authorization: Bearer <secret>")


@router.get("/api/auth/banner", response_model=Banner, summary="The use banner shown before login")
def banner(request: Request) -> dict[str, str]:
    return {"banner": settings_of(request).use_banner}


@router.post("/api/auth/login", response_model=LoginOut, responses={401: {"description": "Refused, with why"},
                                                                     429: {"description": "Too many attempts"}})
def login(body: LoginRequest, request: Request, response: Response, uows: UowFactory) -> dict[str, Any]:
    settings = settings_of(request)
    request.app.state.login_limiter.check(f"login:{request.client.host if request.client else 'unknown'}")
    done = svc.login(uows(), username=body.username, password=body.password, code=body.code, now=now(),
                     policy=svc.policy_from(settings))
    secure = request.url.scheme == "https" or settings.base_url.startswith("https://")
    response.set_cookie(SESSION_COOKIE, done.session_id, httponly=True, samesite="strict", secure=secure, path="/")
    return {"user": done.user.public_view(), "csrf_token": done.csrf_token,
            "idle_minutes": settings.session_idle_minutes}


@router.post("/api/auth/logout", status_code=204, summary="End this session")
def logout(request: Request, uows: UowFactory, _actor: ActorDep) -> Response:
    session_id = request.cookies.get(SESSION_COOKIE)
    if not session_id:
        raise AuthenticationFailed("no session to end (log out is for a logged-in person, not a token)")
    svc.logout(uows(), session_id=session_id, now=now())
    response = Response(status_code=204)
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response


@router.get("/api/auth/me", response_model=Me, summary="Who the caller is, and what it may do")
def me(actor: ActorDep) -> dict[str, Any]:
    viewer = actor.viewer
    return {"name": actor.name, "viewer": ":".join(p for p in (viewer.kind.value, viewer.country, viewer.agency) if p),
            "roles": sorted(r.value for r in actor.roles), "permissions": sorted(p.value for p in actor.permissions)}


@router.get("/api/users", response_model=list[UserOut], summary="Users (an NCB administrator: its own bureau's)")
def users(actor: ActorDep, uows: UowFactory) -> list[dict[str, object]]:
    return [u.public_view() for u in svc.list_users(uows(write=False), actor=actor)]


@router.post("/api/users", response_model=NewUserOut, status_code=201, summary="Create a user")
def create_user(body: NewUserRequest, request: Request, actor: ActorDep, uows: UowFactory) -> dict[str, Any]:
    settings = settings_of(request)
    new = svc.create_user(uows(), actor=actor, username=body.username, display_name=body.display_name,
                          role=body.role, password=body.password, now=now(), bureau=body.bureau, agency=body.agency,
                          second_factor=body.second_factor, policy=svc.policy_from(settings),
                          issuer=settings.totp_issuer)
    return {"user": new.user.public_view(), "totp_secret": new.totp_secret, "totp_uri": new.totp_uri}


@router.post("/api/users/{username}/disable", response_model=UserOut, summary="Disable a user; sessions end")
def disable_user(username: str, actor: ActorDep, uows: UowFactory) -> dict[str, object]:
    return svc.disable_user(uows(), actor=actor, username=username, now=now()).public_view()


@router.post("/api/users/{username}/enable", response_model=UserOut, summary="Enable or unlock a user")
def enable_user(username: str, actor: ActorDep, uows: UowFactory) -> dict[str, object]:
    return svc.enable_user(uows(), actor=actor, username=username).public_view()


@router.post("/api/users/{username}/reset-2fa", response_model=NewUserOut, summary="A new second-factor secret")
def reset_2fa(username: str, request: Request, actor: ActorDep, uows: UowFactory) -> dict[str, Any]:
    new = svc.reset_second_factor(uows(), actor=actor, username=username, now=now(),
                                  issuer=settings_of(request).totp_issuer)
    return {"user": new.user.public_view(), "totp_secret": new.totp_secret, "totp_uri": new.totp_uri}


@router.get("/api/tokens", response_model=list[TokenOut], summary="Program tokens (never their secrets)")
def tokens(actor: ActorDep, uows: UowFactory) -> list[dict[str, object]]:
    return [t.public_view() for t in svc.list_tokens(uows(write=False), actor=actor)]


@router.post("/api/tokens", response_model=NewTokenOut, status_code=201, summary="Create a token (shown once)")
def create_token(body: NewTokenRequest, request: Request, actor: ActorDep, uows: UowFactory) -> dict[str, Any]:
    new = svc.create_token(uows(), actor=actor, name=body.name, roles=frozenset(body.roles), now=now(),
                           days=body.days or settings_of(request).token_days, bureau=body.bureau, agency=body.agency)
    return {"token": new.token.public_view(), "secret": new.secret}


@router.delete("/api/tokens/{token_id}", response_model=TokenOut, summary="Revoke a token at once")
def revoke_token(token_id: str, actor: ActorDep, uows: UowFactory) -> dict[str, object]:
    return svc.revoke_token(uows(), actor=actor, token_id=token_id, now=now()).public_view()


class GrantIn(BaseModel):
    notice_types: list[str] = Field(description="Notice types the agency may see once published", examples=[["red"]])


class GrantOut(BaseModel):
    agency: str
    notice_types: list[str]
    granted_by: str
    granted_at: str


@router.get("/api/agencies", response_model=list[GrantOut], summary="What the bureau's agencies may see")
def grants(actor: ActorDep, uows: UowFactory) -> list[dict[str, Any]]:
    return [{"agency": a, "notice_types": sorted(t), "granted_by": by, "granted_at": at.isoformat()}
            for a, t, by, at in svc.agency_grants(uows(write=False), actor=actor)]


@router.put("/api/agencies/{agency}", response_model=GrantOut, summary="Set what a domestic agency may see")
def grant(agency: str, body: GrantIn, actor: ActorDep, uows: UowFactory) -> dict[str, Any]:
    at = now()
    granted = svc.grant_agency(uows(), actor=actor, agency=agency, notice_types=frozenset(body.notice_types), now=at)
    return {"agency": agency, "notice_types": sorted(granted), "granted_by": actor.name, "granted_at": at.isoformat()}
