"""What routes share: the unit of work, the clock, and who is asking (from the bearer token)."""

from __future__ import annotations

import hmac
from collections.abc import Callable
from datetime import UTC, date, datetime

from fastapi import Header, Request

from ncb.domain.access import Viewer
from ncb.domain.identity import Actor, parse_roles
from ncb.domain.lifecycle import Policy
from ncb.services.ports import UnitOfWork
from ncb.settings import Settings
from ncb.web.problems import Unauthorized


def settings_of(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


def uow_factory(request: Request) -> Callable[..., UnitOfWork]:
    factory: Callable[..., UnitOfWork] = request.app.state.uow_factory
    return factory


def now() -> datetime:
    return datetime.now(UTC)


def today() -> date:
    return now().date()


def policy_of(settings: Settings) -> Policy:
    return Policy(retention_years=settings.retention_years,
                  review_before_expiry_months=settings.review_before_expiry_months,
                  max_suspension_months=settings.max_suspension_months)


def internal_actor(request: Request, authorization: str | None = Header(default=None),
                   x_ncb_act_as: str | None = Header(default=None, description="bureau:JP, agency:JP:ID, "
                                                     "general-secretariat (default: this instance's bureau)"),
                   x_ncb_actor: str | None = Header(default=None, description="Name recorded in the history"),
                   x_ncb_role: str | None = Header(default=None, description="Roles, comma-separated (default: the "
                                                   "usual role of the viewer's kind)"),
                   x_ncb_purpose: str | None = Header(default=None, description="Why non-public data is read "
                                                      "(recorded in the audit trail)")) -> Actor:
    """The internal API's caller. A static bearer token (``NCB_API_TOKEN``) is enough for now; with no token
    configured, only a development instance answers. Roles and logins come later."""
    settings = settings_of(request)
    if settings.api_token:
        given = (authorization or "").removeprefix("Bearer ").strip()
        if not given or not hmac.compare_digest(given.encode(), settings.api_token.encode()):
            raise Unauthorized("a valid bearer token is required (Authorization: Bearer <NCB_API_TOKEN>)")
    elif settings.environment != "development":
        raise Unauthorized("the internal API is disabled: set NCB_API_TOKEN")
    viewer = Viewer.parse(x_ncb_act_as) if x_ncb_act_as else Viewer.bureau(settings.bureau)
    name = (x_ncb_actor or "api").strip() or "api"
    roles = parse_roles(x_ncb_role) if x_ncb_role else frozenset()
    return Actor(f"{name}@{viewer.country or viewer.kind.value}", viewer, roles, (x_ncb_purpose or "").strip() or None)
