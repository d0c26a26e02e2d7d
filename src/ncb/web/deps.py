"""What routes share: the unit of work, the clock, and who is asking (from the bearer token)."""

from __future__ import annotations

import hmac
from collections.abc import Callable
from datetime import UTC, date, datetime

from fastapi import Header, Request

from ncb.domain.access import Viewer
from ncb.domain.identity import Actor, parse_roles
from ncb.domain.lifecycle import Policy
from ncb.errors import PermissionDenied
from ncb.services import identity
from ncb.services.ports import UnitOfWork
from ncb.settings import Settings
from ncb.web.problems import Unauthorized


def settings_of(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


def uow_factory(request: Request) -> Callable[..., UnitOfWork]:
    factory: Callable[..., UnitOfWork] = request.app.state.uow_factory
    return factory


async def settings_dep(request: Request) -> Settings:
    """``settings_of`` as a dependency: async, so FastAPI does not hop to its thread pool to run it."""
    return settings_of(request)


async def uow_factory_dep(request: Request) -> Callable[..., UnitOfWork]:
    """``uow_factory`` as a dependency, likewise."""
    return uow_factory(request)


def now() -> datetime:
    return datetime.now(UTC)


def today() -> date:
    return now().date()


def policy_of(settings: Settings) -> Policy:
    return Policy(retention_years=settings.retention_years,
                  review_before_expiry_months=settings.review_before_expiry_months,
                  max_suspension_months=settings.max_suspension_months)


SESSION_COOKIE = "ncb_session"
CSRF_HEADER = "X-CSRF-Token"
_UNSAFE = frozenset({"POST", "PUT", "PATCH", "DELETE"})


def internal_actor(request: Request, authorization: str | None = Header(default=None),
                   x_ncb_act_as: str | None = Header(default=None, description="With the front-end token only: "
                                                     "bureau:JP, agency:JP:ID, general-secretariat"),
                   x_ncb_actor: str | None = Header(default=None, description="With the front-end token only: "
                                                    "the name recorded in the history"),
                   x_ncb_role: str | None = Header(default=None, description="With the front-end token only: "
                                                   "roles, comma-separated"),
                   x_ncb_purpose: str | None = Header(default=None, description="Why non-public data is read "
                                                      "(recorded in the audit trail)"),
                   x_csrf_token: str | None = Header(default=None, description="With a session cookie, on "
                                                     "POST/PUT/PATCH/DELETE: the session's CSRF token")) -> Actor:
    """The internal API's caller, by the first of:

    - ``Authorization: Bearer ncb_<id>_<secret>``: a program's token (``ncb tokens create``), with its roles;
    - the ``ncb_session`` cookie of a person logged in (``POST /api/auth/login``); a request that changes
      something must also send the session's CSRF token in ``X-CSRF-Token``;
    - ``Authorization: Bearer <NCB_API_TOKEN>``: the trusted front-end's static token, which states who acts in
      ``X-NCB-Act-As``, ``X-NCB-Actor`` and ``X-NCB-Role`` (a gateway that authenticated the user itself);
    - nothing, in a development instance with no NCB_API_TOKEN set: the instance's own bureau.
    """
    settings = settings_of(request)
    purpose = (x_ncb_purpose or "").strip() or None
    given = (authorization or "").removeprefix("Bearer ").strip()
    if given.startswith(identity.TOKEN_PREFIX):
        _no_impersonation(x_ncb_act_as, x_ncb_role, "a program's token")
        with_uow = uow_factory(request)
        return identity.token_actor(with_uow(), presented=given, now=now(), purpose=purpose)
    session_id = request.cookies.get(SESSION_COOKIE)
    if session_id and not given:
        _no_impersonation(x_ncb_act_as, x_ncb_role, "a logged-in session")
        actor, session = identity.session_actor(uow_factory(request)(), session_id=session_id, now=now(),
                                                purpose=purpose, policy=identity.policy_from(settings))
        if request.method in _UNSAFE and not hmac.compare_digest((x_csrf_token or "").encode(),
                                                                  session.csrf_token.encode()):
            raise PermissionDenied(f"a change made with a session needs its CSRF token in {CSRF_HEADER}")
        return actor
    if settings.api_token:
        if not given or not hmac.compare_digest(given.encode(), settings.api_token.encode()):
            raise Unauthorized("log in, or send a token: Authorization: Bearer ncb_<id>_<secret>")
    elif given:
        raise Unauthorized("not an NCB token (expected ncb_<id>_<secret>)")
    elif settings.environment != "development":
        raise Unauthorized("log in, or send a token: Authorization: Bearer ncb_<id>_<secret>")
    viewer = Viewer.parse(x_ncb_act_as) if x_ncb_act_as else Viewer.bureau(settings.bureau)
    name = (x_ncb_actor or "api").strip() or "api"
    roles = parse_roles(x_ncb_role) if x_ncb_role else frozenset()
    return Actor(f"{name}@{viewer.country or viewer.kind.value}", viewer, roles, purpose)


def _no_impersonation(act_as: str | None, role: str | None, what: str) -> None:
    if act_as or role:
        raise PermissionDenied(f"X-NCB-Act-As and X-NCB-Role are for the front-end token only; {what} acts as itself")
