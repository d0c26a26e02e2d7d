"""The officers' console (issue #5): server-rendered pages behind the login of issue #4, in Japanese and English
under ``/console/{lang}/...``: notice requests and their review, screening (one traveller, passenger lists, the hit
queue), cooperation with other bureaus (messages, extradition cases, operations, the link graph, statistics), and the
bureau's administration (users, agencies, the audit trail). See :mod:`.context` for the session,
CSRF and purpose rules every page follows."""

from __future__ import annotations

import secrets

from fastapi import FastAPI
from starlette.staticfiles import StaticFiles

from ncb.settings import Settings
from ncb.web.console import admin, auth, cooperation, cooperation_new, insight, notice_actions, notices, screening
from ncb.web.console.context import Console
from ncb.web.console.i18n import HERE
from ncb.web.console.jobs import Jobs
from ncb.web.deps import now


def install(app: FastAPI, settings: Settings) -> None:
    """Mount the console's pages and static files on ``app``; call before the portal (whose last route answers
    every unknown path under ``/{lang}/``)."""
    key = settings.portal_secret.encode() if settings.portal_secret else secrets.token_bytes(32)
    app.state.console = Console(key=key, settings=settings, clock=now, jobs=Jobs())
    app.mount("/static/console", StaticFiles(directory=HERE / "static"), name="console-static")
    for module in (auth, notices, notice_actions, screening, cooperation_new, cooperation, insight, admin):
        app.include_router(module.router)
    app.include_router(auth.fallback)


__all__ = ["install"]
