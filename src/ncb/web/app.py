"""``create_app(settings)``: the one place the web application and its concrete pieces are built."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from sqlalchemy import Engine
from starlette.types import ASGIApp

import ncb
from ncb.settings import Settings
from ncb.storage.dialect import make_engine
from ncb.storage.uow import SqlUnitOfWork
from ncb.web import (
    api_audit,
    api_auth,
    api_cooperation,
    api_data_protection,
    api_federation,
    api_internal,
    api_photos,
    api_public,
    api_screening,
    api_travel_documents,
    problems,
)
from ncb.web.api_portal import router as portal_api_router
from ncb.web.cache import ForgetOnWrite, PublicCache
from ncb.web.console import install as install_console
from ncb.web.portal import install as install_portal
from ncb.web.security import PublicRateLimit, RateLimiter, RequestLimits, SecurityHeaders


class NcbApp(FastAPI):
    def build_middleware_stack(self) -> ASGIApp:
        # Outside Starlette's ServerErrorMiddleware, so that even an unexpected 500 carries the security headers.
        settings: Settings = self.state.settings
        return SecurityHeaders(RequestLimits(super().build_middleware_stack(), max_body_bytes=settings.max_body_bytes),
                               hsts_max_age=settings.hsts_max_age)


def create_app(settings: Settings, *, engine: Engine | None = None) -> FastAPI:
    engine = engine or make_engine(settings.database_url, busy_timeout_ms=settings.sqlite_busy_timeout_ms)
    app = NcbApp(title="NCB", version=ncb.__version__,
                 lifespan=lambda app: api_federation.delivery_loop(app, settings),
                 description="A National Central Bureau's notices registry: INTERPOL-compatible public API "
                             "(/notices/v1) and the internal API (/api).")
    app.state.settings = settings
    app.state.engine = engine
    app.state.screening_index = None  # built on first use

    def uow_factory(*, write: bool = True) -> SqlUnitOfWork:
        return SqlUnitOfWork(engine, write=write)

    app.state.uow_factory = uow_factory
    app.state.public_cache = PublicCache(settings.public_cache_seconds)
    app.add_middleware(ForgetOnWrite)
    # For the login route: ``request.app.state.login_limiter.check(key)`` (see RateLimiter).
    app.state.login_limiter = RateLimiter(settings.login_rate_per_minute, settings.login_burst)
    app.add_middleware(PublicRateLimit,
                       limiter=RateLimiter(settings.public_rate_per_minute, settings.public_burst))
    problems.install(app)
    app.include_router(api_public.router)
    app.include_router(api_photos.router)  # before api_internal, whose /notices/{id}/{action} would take /photos
    app.include_router(api_internal.router)
    app.include_router(api_auth.router)
    app.include_router(api_screening.router)
    app.include_router(api_travel_documents.router)
    app.include_router(api_data_protection.public_router)
    app.include_router(api_data_protection.router)
    app.include_router(api_audit.router)
    app.include_router(api_federation.router)
    app.include_router(api_cooperation.router)

    @app.get("/health", tags=["operations"])
    def health() -> dict[str, Any]:
        with uow_factory(write=False) as uow:
            count = uow.notices.count()
        return {"status": "ok", "notices": count, "database": engine.dialect.name}

    app.include_router(portal_api_router)
    install_console(app, settings)  # the officers' console, /console/{lang}/ (before the portal's catch-all)
    install_portal(app, settings)  # last: its final route answers unknown paths under /ja/ and /en/
    return app


def app_from_environment() -> FastAPI:
    """The app of one server process among several (``ncb serve --workers N``): settings from NCB_* variables."""
    return create_app(Settings.from_env())
