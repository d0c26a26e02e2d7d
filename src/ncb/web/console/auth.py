"""Logging in and out, the dashboard, and the stated purpose.

The login page shows the use banner before the form; the form (username, password, the 6-digit code) carries the
portal's signed CSRF token (:mod:`ncb.web.portal.csrf`: there is no session yet to hold one). Attempts go through
the app's login rate limiter. A refusal says why in the page's language: wrong credentials (the same words whether
the user exists or not), a code used twice, a locked or disabled account.
"""

from __future__ import annotations

import re
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from ncb.errors import AuthenticationFailed, RateLimited
from ncb.services import identity
from ncb.web.console.context import (
    PREFIX,
    PURPOSE_COOKIE,
    ConsoleRoute,
    Ctx,
    FormDep,
    PageError,
    check_lang,
    clean_purpose,
    console_of,
    logout_cookies,
    purpose_cookie_value,
    render,
    uows,
)
from ncb.web.console.i18n import N_, gettext
from ncb.web.console.labels import PERMISSIONS, ROLES
from ncb.web.deps import SESSION_COOKIE
from ncb.web.portal import csrf
from ncb.web.portal.i18n import negotiate

router = APIRouter(prefix=PREFIX, route_class=ConsoleRoute, include_in_schema=False)

_REASONS = {
    "idle": N_("Your session was locked after %(minutes)s minutes without use. Please log in again."),
    "ended": N_("Your session has ended. Please log in again."),
    "disabled": N_("This account is disabled. Ask your administrator."),
    "logged_out": N_("You have logged out."),
}
_NEXT = re.compile(r"/console/(?:ja|en)(/[A-Za-z0-9/_.-]*)")


def safe_next(lang: str, value: str | None) -> str:
    """Where to go after logging in or stating a purpose: a console page of this language, never elsewhere."""
    m = _NEXT.fullmatch(value or "")
    if not m or "//" in m.group(1) or "/.." in m.group(1):
        return f"{PREFIX}/{lang}/"
    return f"{PREFIX}/{lang}{m.group(1)}"


@router.get("")
@router.get("/")
def root(request: Request) -> RedirectResponse:
    lang = negotiate(request.headers.get("accept-language"))
    return RedirectResponse(f"{PREFIX}/{lang}/", status_code=303, headers={"Vary": "Accept-Language"})


@router.get("/{lang}")
def lang_root(lang: str) -> RedirectResponse:
    return RedirectResponse(f"{PREFIX}/{check_lang(lang)}/", status_code=308)


def _login_page(request: Request, lang: str, *, status: int = 200, error: str | None = None,
                notice: str | None = None, username: str = "", next_path: str | None = None) -> HTMLResponse:
    console = console_of(request)
    cookie = request.cookies.get(csrf.COOKIE) or ""
    fresh = not cookie or len(cookie) > 64
    if fresh:
        cookie = csrf.new_cookie_value()
    response = render(request, lang, "login.html", status=status, path=f"{PREFIX}/{lang}/login",
                      banner=console.settings.use_banner, error=error, notice=notice, username=username,
                      next_path=next_path or "", csrf_field=csrf.FIELD, csrf_token=csrf.make_token(console.key, cookie))
    if fresh:
        response.set_cookie(csrf.COOKIE, cookie, httponly=True, samesite="strict", path="/",
                            secure=request.url.scheme == "https")
    return response


@router.get("/{lang}/login")
def login_page(lang: str, request: Request, reason: str | None = None, next: str | None = None) -> HTMLResponse:
    lang = check_lang(lang)
    message = _REASONS.get(reason or "")
    notice = gettext(lang, message, minutes=console_of(request).settings.session_idle_minutes) if message else None
    return _login_page(request, lang, notice=notice, next_path=safe_next(lang, next) if next else None)


def _refusal(lang: str, exc: AuthenticationFailed) -> str:
    text = exc.message
    if "already used" in text:
        return gettext(lang, "This code was already used. Wait for the next code of your authenticator app and "
                             "try again.")
    if "locked" in text:
        until = re.search(r"until (\d\d:\d\d(?::\d\d)?)", text)
        return gettext(lang, "This account is locked after too many failed logins. Try again after %(time)s UTC.",
                       time=until.group(1) if until else "?")
    if "disabled" in text:
        return gettext(lang, _REASONS["disabled"])
    if "code from the authenticator" in text:
        return gettext(lang, "Enter the 6-digit code of your authenticator app.")
    return gettext(lang, "Wrong username, password or code.")


@router.post("/{lang}/login")
def login(lang: str, request: Request, form: FormDep) -> Any:
    lang = check_lang(lang)
    console = console_of(request)
    username = form.text("username", 64)
    next_path = safe_next(lang, form.get("next"))
    again = {"username": username, "next_path": next_path}
    if not csrf.check_token(console.key, request.cookies.get(csrf.COOKIE), form.get(csrf.FIELD)):
        return _login_page(request, lang, status=403, error=gettext(
            lang, "This form has expired. Please log in again."), **again)
    try:
        request.app.state.login_limiter.check(f"login:{request.client.host if request.client else 'unknown'}")
    except RateLimited as exc:
        return _login_page(request, lang, status=429, error=gettext(
            lang, "Too many login attempts. Please wait %(seconds)s seconds.", seconds=exc.retry_after), **again)
    password = form.get("password")[:1024]
    code = form.text("code", 12)
    if not username or not password:
        return _login_page(request, lang, status=422, error=gettext(
            lang, "Enter your username, your password and the code."), **again)
    try:
        done = identity.login(uows(request)(), username=username, password=password, code=code or None,
                              now=console.clock(), policy=identity.policy_from(console.settings))
    except AuthenticationFailed as exc:
        return _login_page(request, lang, status=401, error=_refusal(lang, exc), **again)
    response = RedirectResponse(next_path, status_code=303)
    secure = request.url.scheme == "https" or console.settings.base_url.startswith("https://")
    response.set_cookie(SESSION_COOKIE, done.session_id, httponly=True, samesite="strict", secure=secure, path="/")
    response.delete_cookie(PURPOSE_COOKIE, path=PREFIX)
    return response


@router.post("/{lang}/logout")
def logout(ctx: Ctx) -> RedirectResponse:
    session_id = ctx.request.cookies.get(SESSION_COOKIE, "")
    identity.logout(ctx.uow(), session_id=session_id, now=ctx.now)
    response = RedirectResponse(f"{PREFIX}/{ctx.lang}/login?reason=logged_out", status_code=303)
    logout_cookies(response)
    return response


@router.get("/{lang}/")
def dashboard(ctx: Ctx) -> HTMLResponse:
    roles = [gettext(ctx.lang, ROLES[r]) for r in sorted(ctx.actor.roles)]
    allowed = [gettext(ctx.lang, PERMISSIONS[p]) for p in sorted(ctx.actor.permissions)]
    return ctx.render("dashboard.html", roles=roles, allowed=allowed, done=ctx.request.query_params.get("done"))


@router.get("/{lang}/purpose")
def purpose_page(ctx: Ctx, next: str | None = None) -> HTMLResponse:
    return ctx.render("purpose.html", next_path=safe_next(ctx.lang, next), error=None, value=ctx.purpose or "")


@router.post("/{lang}/purpose")
def state_purpose(ctx: Ctx) -> Any:
    purpose = clean_purpose(ctx.form.get("purpose"))
    next_path = safe_next(ctx.lang, ctx.form.get("next"))
    if not purpose:
        return ctx.render("purpose.html", status=422, next_path=next_path, value="", error=ctx.t(
            "Say why you are consulting the files (a case number, an inquiry): it is written in the audit trail."))
    response = RedirectResponse(next_path, status_code=303)
    response.set_cookie(PURPOSE_COOKIE, purpose_cookie_value(purpose), httponly=True, samesite="strict",
                        path=PREFIX, secure=ctx.request.url.scheme == "https")
    return response



fallback = APIRouter(prefix=PREFIX, route_class=ConsoleRoute, include_in_schema=False)


@fallback.get("/{lang}/{rest:path}")
def not_found(lang: str, rest: str) -> HTMLResponse:
    check_lang(lang)
    raise PageError(404, gettext(lang, "There is no page at this address."))
