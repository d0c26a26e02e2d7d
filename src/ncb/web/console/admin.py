"""The bureau's administration: users (list, create with the second factor's secret shown once, disable, enable,
reset the second factor), programs' tokens (list, create with roles and a lifetime, the secret shown once, revoke),
what the domestic agencies may see, and the audit trail with its verification.

A new secret is shown in the answer to the POST that made it, never in an address, and the page is not cached.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from fastapi.responses import HTMLResponse, RedirectResponse

from ncb.domain.identity import Permission, ProgramToken, Role
from ncb.domain.notices import NoticeType
from ncb.errors import ConfigurationError, NcbError, ValidationError
from ncb.services import audit as audit_service
from ncb.services import identity
from ncb.storage.audit import log_key
from ncb.web.console.context import PREFIX, ConsoleRoute, Context, Ctx, PageError, ncb_error_message
from ncb.web.console.labels import ROLES, TYPES
from ncb.web.problems import status_of

router = APIRouter(prefix=PREFIX, route_class=ConsoleRoute, include_in_schema=False)
USER_FIELDS = ("username", "display_name", "role", "bureau", "agency")


def _roles(ctx: Context) -> list[tuple[str, str]]:
    return [(r.value, ctx.t(ROLES[r])) for r in Role if r is not Role.PUBLIC]


def _users_page(ctx: Context, *, status: int = 200, values: dict[str, str] | None = None,
                errors: dict[str, str] | None = None, created: Any = None, done: str | None = None,
                error: str | None = None) -> HTMLResponse:
    users = identity.list_users(ctx.uow(write=False), actor=ctx.actor)
    defaults = {"role": Role.NCB_OFFICER.value, "bureau": ctx.actor.viewer.country or "", "second_factor": "1"}
    return ctx.render("users.html", status=status, users=users, values=values or defaults, errors=errors or {},
                      created=created, done=done, error=error, roles=_roles(ctx),
                      role_label=lambda r: ctx.t(ROLES[r]), path=f"{ctx.base}/admin/users")


@router.get("/{lang}/admin/users")
def users(ctx: Ctx) -> HTMLResponse:
    ctx.need(Permission.MANAGE_USERS)
    done = {"disabled": ctx.t("The user was disabled and their sessions ended."),
            "enabled": ctx.t("The user can log in again.")}.get(ctx.request.query_params.get("done", ""))
    return _users_page(ctx, done=done)


_USER_FIELD = {"username": "username", "display_name": "display_name", "role": "role", "roles": "role",
               "bureau": "bureau", "agency": "agency", "password": "password"}


@router.post("/{lang}/admin/users")
def create_user(ctx: Ctx) -> HTMLResponse:
    ctx.need(Permission.MANAGE_USERS)
    values = {k: ctx.form.text(k, 200) for k in USER_FIELDS}
    values["second_factor"] = "1" if ctx.form.get("second_factor") else ""
    password = ctx.form.get("password")[:2000]
    if values["role"] not in {r.value for r in Role}:
        return _users_page(ctx, status=422, values=values, errors={"role": ctx.t("Choose a role.")})
    try:
        new = identity.create_user(ctx.uow(), actor=ctx.actor, username=values["username"],
                                   display_name=values["display_name"], role=Role(values["role"]), password=password,
                                   now=ctx.now, bureau=values["bureau"].upper() or None,
                                   agency=values["agency"] or None, second_factor=bool(values["second_factor"]),
                                   policy=identity.policy_from(ctx.settings), issuer=ctx.settings.totp_issuer)
    except ValidationError as exc:
        field = _USER_FIELD.get(exc.field or "", "username")
        return _users_page(ctx, status=422, values=values, errors={field: exc.message})
    except NcbError as exc:
        return _users_page(ctx, status=403, values=values, error=ncb_error_message(ctx.lang, exc))
    return _users_page(ctx, created=new)


def _username(name: str) -> str:
    return name.strip().lower()[:64]


@router.post("/{lang}/admin/users/{username}/disable")
def disable_user(username: str, ctx: Ctx) -> RedirectResponse:
    ctx.need(Permission.MANAGE_USERS)
    identity.disable_user(ctx.uow(), actor=ctx.actor, username=_username(username), now=ctx.now)
    return RedirectResponse(f"{ctx.base}/admin/users?done=disabled", status_code=303)


@router.post("/{lang}/admin/users/{username}/enable")
def enable_user(username: str, ctx: Ctx) -> RedirectResponse:
    ctx.need(Permission.MANAGE_USERS)
    identity.enable_user(ctx.uow(), actor=ctx.actor, username=_username(username))
    return RedirectResponse(f"{ctx.base}/admin/users?done=enabled", status_code=303)


@router.post("/{lang}/admin/users/{username}/reset-2fa")
def reset_second_factor(username: str, ctx: Ctx) -> HTMLResponse:
    ctx.need(Permission.MANAGE_USERS)
    new = identity.reset_second_factor(ctx.uow(), actor=ctx.actor, username=_username(username), now=ctx.now,
                                       issuer=ctx.settings.totp_issuer)
    return _users_page(ctx, created=new)


# -- program tokens -----------------------------------------------------------------------------------------

TOKEN_ROLES = (Role.NCB_OFFICER, Role.BORDER_OFFICER, Role.AGENCY_USER, Role.NCB_ADMIN)
"""The roles a bureau's program may act in (a system administrator's token roles are made with ``ncb tokens``)."""
_TOKEN_FIELD = {"name": "name", "days": "days", "roles": "roles", "bureau": "bureau", "agency": "agency"}


def _token_state(ctx: Context, token: ProgramToken) -> str:
    if token.revoked_at is not None:
        return ctx.t("revoked")
    return ctx.t("expired") if ctx.now >= token.expires_at else ctx.t("active")


def _tokens_page(ctx: Context, *, status: int = 200, values: dict[str, Any] | None = None,
                 errors: dict[str, str] | None = None, created: identity.NewToken | None = None,
                 done: str | None = None, error: str | None = None) -> HTMLResponse:
    tokens = identity.list_tokens(ctx.uow(write=False), actor=ctx.actor)
    rows = [{"id": t.id, "name": t.name, "roles": ", ".join(ctx.t(ROLES[r]) for r in sorted(t.roles)),
             "bureau": t.bureau or "", "agency": t.agency or "", "created_by": t.created_by, "created_at": t.created_at,
             "expires_at": t.expires_at, "last_used_at": t.last_used_at, "state": _token_state(ctx, t),
             "live": t.refusal(ctx.now) is None} for t in sorted(tokens, key=lambda t: t.created_at, reverse=True)]
    defaults = {"days": str(ctx.settings.token_days), "bureau": ctx.actor.viewer.country or "", "roles": []}
    return ctx.render("tokens.html", status=status, rows=rows, values=values or defaults, errors=errors or {},
                      created=created, done=done, error=error, path=f"{ctx.base}/admin/tokens",
                      roles=[(r.value, ctx.t(ROLES[r])) for r in TOKEN_ROLES])


@router.get("/{lang}/admin/tokens")
def tokens(ctx: Ctx) -> HTMLResponse:
    ctx.need(Permission.MANAGE_USERS)
    done = ctx.t("The token was revoked: programs using it are refused from now on.") \
        if ctx.request.query_params.get("done") == "revoked" else None
    return _tokens_page(ctx, done=done)


@router.post("/{lang}/admin/tokens")
def create_token(ctx: Ctx) -> HTMLResponse:
    ctx.need(Permission.MANAGE_USERS)
    values: dict[str, Any] = {k: ctx.form.text(k, 200) for k in ("name", "days", "bureau", "agency")}
    values["roles"] = [r.value for r in TOKEN_ROLES if ctx.form.get(f"role_{r.value}")]
    if not values["roles"]:
        return _tokens_page(ctx, status=422, values=values, errors={"roles": ctx.t("Choose at least one role.")})
    if not (values["days"].isdigit() and 1 <= int(values["days"]) <= 366):
        return _tokens_page(ctx, status=422, values=values,
                            errors={"days": ctx.t("Give a number of days from 1 to 366.")})
    try:
        new = identity.create_token(ctx.uow(), actor=ctx.actor, name=values["name"],
                                    roles=frozenset(Role(r) for r in values["roles"]), now=ctx.now,
                                    days=int(values["days"]), bureau=values["bureau"].upper() or None,
                                    agency=values["agency"] or None)
    except ValidationError as exc:
        return _tokens_page(ctx, status=422, values=values,
                            errors={_TOKEN_FIELD.get(exc.field or "", "name"): exc.message})
    except NcbError as exc:
        return _tokens_page(ctx, status=status_of(exc), values=values, error=ncb_error_message(ctx.lang, exc))
    return _tokens_page(ctx, created=new)


@router.post("/{lang}/admin/tokens/{token_id}/revoke")
def revoke_token(token_id: str, ctx: Ctx) -> RedirectResponse:
    ctx.need(Permission.MANAGE_USERS)
    identity.revoke_token(ctx.uow(), actor=ctx.actor, token_id=token_id.strip()[:32], now=ctx.now)
    return RedirectResponse(f"{ctx.base}/admin/tokens?done=revoked", status_code=303)


# -- agencies -----------------------------------------------------------------------------------------------

def _agencies_page(ctx: Context, *, status: int = 200, error: str | None = None, done: str | None = None,
                   values: dict[str, Any] | None = None) -> HTMLResponse:
    grants = identity.agency_grants(ctx.uow(write=False), actor=ctx.actor)
    rows = [{"agency": a, "types": ", ".join(ctx.t(TYPES[NoticeType(t)]) for t in sorted(types)
                                             if t in {x.value for x in NoticeType}) or ctx.t("none"),
             "by": by, "at": at} for a, types, by, at in grants]
    types = [(t.value, ctx.t(TYPES[t])) for t in NoticeType]
    return ctx.render("agencies.html", status=status, rows=rows, types=types, error=error, done=done,
                      values=values or {"agency": "", "types": []}, path=f"{ctx.base}/admin/agencies")


@router.get("/{lang}/admin/agencies")
def agencies(ctx: Ctx) -> HTMLResponse:
    ctx.need(Permission.MANAGE_AGENCIES)
    done = ctx.t("The agency's access was saved.") if ctx.request.query_params.get("done") == "saved" else None
    return _agencies_page(ctx, done=done)


@router.post("/{lang}/admin/agencies")
def grant(ctx: Ctx) -> Any:
    ctx.need(Permission.MANAGE_AGENCIES)
    agency = ctx.form.text("agency", 100)
    chosen = [t.value for t in NoticeType if ctx.form.get(f"type_{t.value}")]
    try:
        identity.grant_agency(ctx.uow(), actor=ctx.actor, agency=agency, notice_types=frozenset(chosen), now=ctx.now)
    except ValidationError as exc:
        message = ctx.t("Give the agency's id (1 to 64 characters).") if exc.field == "agency" else exc.message
        return _agencies_page(ctx, status=422, error=message, values={"agency": agency, "types": chosen})
    return RedirectResponse(f"{ctx.base}/admin/agencies?done=saved", status_code=303)


# -- the audit trail ----------------------------------------------------------------------------------------

def _audit_page(ctx: Context, *, report: dict[str, Any] | None = None, error: str | None = None,
                status: int = 200) -> HTMLResponse:
    raw = ctx.request.query_params.get("before", "")
    if raw and not (raw.isdigit() and int(raw) < 2**53):
        raise PageError(422, ctx.t("“%(value)s” is not an entry number.", value=raw[:20]))
    before = int(raw) if raw else None
    events = audit_service.list_events(ctx.uow(write=False), actor=ctx.actor, limit=50, before=before)
    oldest = min((int(str(e["seq"])) for e in events), default=None)
    return ctx.render("audit.html", status=status, events=events, report=report, error=error,
                      older=oldest if oldest and len(events) == 50 else None, path=f"{ctx.base}/admin/audit")


@router.get("/{lang}/admin/audit")
def audit(ctx: Ctx) -> HTMLResponse:
    ctx.need(Permission.READ_AUDIT)
    return _audit_page(ctx)


@router.post("/{lang}/admin/audit/verify")
def verify(ctx: Ctx) -> HTMLResponse:
    ctx.need(Permission.READ_AUDIT)
    try:
        key = log_key(ctx.settings)
    except ConfigurationError as exc:
        return _audit_page(ctx, status=409, error=ctx.t(
            "This instance has no audit key yet, so there is nothing to verify checkpoints with: %(detail)s",
            detail=exc.message))
    report = audit_service.report_dict(audit_service.verify(ctx.uow(write=False), key))
    return _audit_page(ctx, report=report)
