"""What every console page shares: who is logged in (the ``ncb_session`` cookie), the posted form and its CSRF
check, the stated purpose, rendering in the page's language, and errors turned into pages.

- A page resolves its :class:`Context` through :func:`context`: no session, or a session that ended or idled out,
  redirects to the login page with the reason (``?reason=idle`` after ``session_idle_minutes`` without use).
- Every POST carries the session's CSRF token in the ``csrf_token`` field (a form cannot send the
  ``X-CSRF-Token`` header the JSON API checks); a missing or wrong one is refused with 403 before anything is done.
- Reading non-public data needs a stated purpose (``Actor.purpose``). The console asks for it once on the purpose
  page and keeps it in the ``ncb_console_purpose`` cookie (HttpOnly, SameSite=Strict, path ``/console``, for the
  session's life): every page that reads police data passes it in the actor, so every audit event of the session
  carries it, and the header shows it with a link to change it. It is the officer's own statement, so a cookie
  the officer could alter holds nothing they could not type; it is cleared at logout.
- Errors raised by a route (:class:`PageError`, the services' ``NcbError``) become an HTML page in the page's
  language with the right status, never a 500; :class:`Redirect` becomes a 303.
"""

from __future__ import annotations

import hmac
import re
from collections.abc import Callable, Coroutine, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Annotated, Any
from urllib.parse import parse_qs, quote, unquote

from fastapi import Depends, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.routing import APIRoute
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException as StarletteHTTPException

from ncb.domain.access import ViewerKind
from ncb.domain.identity import Actor, Permission, Session
from ncb.errors import AuthenticationFailed, NcbError, PermissionDenied
from ncb.services import identity
from ncb.services.ports import UnitOfWork
from ncb.settings import Settings
from ncb.web.console.i18n import LANGUAGES, N_, country_label, environment, gettext, long_date
from ncb.web.deps import SESSION_COOKIE
from ncb.web.problems import status_of

PREFIX = "/console"
PURPOSE_COOKIE = "ncb_console_purpose"
CSRF_FIELD = "csrf_token"
BODY_LIMIT = 256 * 1024  # bytes of a posted (non-file) form read at most
UPLOAD_LIMIT = 20 * 1024 * 1024  # bytes of an uploaded passenger list
MAX_PURPOSE = 200


@dataclass
class Console:
    """What the console's routes share, on ``app.state.console``. ``clock`` is the time every page acts at
    (tests move it forward to see the idle lock)."""

    key: bytes  # signs the login form's token (the portal's scheme, :mod:`ncb.web.portal.csrf`)
    settings: Settings
    clock: Callable[[], datetime]
    jobs: Any  # ncb.web.console.jobs.Jobs


class Redirect(Exception):
    """Answered with 303 to ``url``; ``logout`` also clears the session and purpose cookies."""

    def __init__(self, url: str, *, logout: bool = False) -> None:
        super().__init__(url)
        self.url = url
        self.logout = logout


class PageError(Exception):
    """Answered with the error page: a status and a message already in the page's language."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


@dataclass
class Form:
    """A posted form: its text fields (the first value of each) and its files (name, bytes)."""

    fields: dict[str, str] = field(default_factory=dict)
    files: dict[str, tuple[str, bytes]] = field(default_factory=dict)

    def get(self, name: str, default: str = "") -> str:
        return self.fields.get(name, default)

    def text(self, name: str, limit: int = 4000) -> str:
        return self.fields.get(name, "").strip()[:limit]


def console_of(request: Request) -> Console:
    console: Console = request.app.state.console
    return console


def uows(request: Request) -> Callable[..., UnitOfWork]:
    factory: Callable[..., UnitOfWork] = request.app.state.uow_factory
    return factory


def check_lang(lang: str) -> str:
    if lang not in LANGUAGES:
        raise StarletteHTTPException(404, f"no console in {lang[:10]!r}")
    return lang


def lang_of(request: Request) -> str:
    lang = str(request.path_params.get("lang", ""))
    return lang if lang in LANGUAGES else "en"


def switch_url(path: str, lang: str) -> str:
    """The page at ``path`` in the other language."""
    other = "en" if lang == "ja" else "ja"
    head = f"{PREFIX}/{lang}"
    rest = path[len(head):] if path.startswith(head) else "/"
    return f"{PREFIX}/{other}{rest or '/'}"


def render(request: Request, lang: str, template: str, *, status: int = 200, path: str | None = None,
           ctx: Context | None = None, headers: dict[str, str] | None = None, **values: Any) -> HTMLResponse:
    """A page: ``path`` is the address the language switcher points at (by default this one)."""
    here = path or request.url.path
    body = environment(lang).get_template(template).render(
        ctx=ctx, request_path=here, switch_url=switch_url(here, lang), other_lang="en" if lang == "ja" else "ja",
        Permission=Permission, **values)
    return HTMLResponse(body, status_code=status,
                        headers={"Cache-Control": "no-store", **(headers or {})})


# -- the form ------------------------------------------------------------------------------------------------

async def read_form(request: Request) -> Form:
    """The posted form (empty for a GET): URL-encoded forms up to :data:`BODY_LIMIT` bytes, multipart forms (a
    passenger list) up to :data:`UPLOAD_LIMIT`; a larger or unreadable body is refused with 413 or 400."""
    if request.method != "POST":
        return Form()
    lang = lang_of(request)
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    limit = UPLOAD_LIMIT if kind == "multipart/form-data" else BODY_LIMIT
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise PageError(413, gettext(lang, "What you sent is too large (at most %(mb)s MB).",
                                     mb=limit // (1024 * 1024) or 1))
    if kind == "multipart/form-data":
        if not declared.isdigit():  # a file is spooled as it arrives: only a stated, bounded size is read
            raise PageError(411, gettext(lang, "The upload did not say its size; send it again from the form."))
        return await _multipart(request, lang, limit)
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > limit:
            raise PageError(413, gettext(lang, "What you sent is too large (at most %(mb)s MB).", mb=1))
    try:
        parsed = parse_qs(body.decode("utf-8"), keep_blank_values=True, max_num_fields=200)
    except (UnicodeDecodeError, ValueError):
        raise PageError(400, gettext(lang, "The form could not be read.")) from None
    return Form({k: v[0] for k, v in parsed.items()})


async def _multipart(request: Request, lang: str, limit: int) -> Form:
    try:
        data = await request.form(max_files=1, max_fields=50, max_part_size=limit)
    except Exception:  # noqa: BLE001 - python-multipart and Starlette raise several kinds for a malformed body
        raise PageError(400, gettext(lang, "The form could not be read.")) from None
    form = Form()
    try:
        for name, value in data.multi_items():
            if isinstance(value, UploadFile):
                content = await value.read(limit + 1)
                if len(content) > limit:
                    raise PageError(413, gettext(lang, "What you sent is too large (at most %(mb)s MB).",
                                                 mb=limit // (1024 * 1024)))
                form.files.setdefault(name, (value.filename or "upload", content))
            else:
                form.fields.setdefault(name, value)
    finally:
        await data.close()
    return form


FormDep = Annotated[Form, Depends(read_form)]


# -- who is asking -------------------------------------------------------------------------------------------

def read_purpose(request: Request) -> str | None:
    raw = request.cookies.get(PURPOSE_COOKIE)
    if not raw:
        return None
    return clean_purpose(unquote(raw)) or None


def clean_purpose(text: str) -> str:
    """A purpose as kept: one line, no control characters, at most :data:`MAX_PURPOSE` characters."""
    return re.sub(r"[\x00-\x1f\x7f]+", " ", text).strip()[:MAX_PURPOSE]


def purpose_cookie_value(purpose: str) -> str:
    return quote(purpose, safe="")


def login_url(lang: str, reason: str | None = None, next_path: str | None = None) -> str:
    query = []
    if reason:
        query.append(f"reason={reason}")
    if next_path:
        query.append(f"next={quote(next_path, safe='/')}")
    return f"{PREFIX}/{lang}/login" + (f"?{'&'.join(query)}" if query else "")


@dataclass
class Context:
    """A logged-in officer on one page."""

    request: Request
    lang: str
    actor: Actor
    session: Session
    form: Form
    now: datetime

    @property
    def console(self) -> Console:
        return console_of(self.request)

    @property
    def settings(self) -> Settings:
        return self.console.settings

    def uow(self, *, write: bool = True) -> UnitOfWork:
        return uows(self.request)(write=write)

    @property
    def purpose(self) -> str | None:
        return self.actor.purpose

    @property
    def base(self) -> str:
        return f"{PREFIX}/{self.lang}"

    def can(self, permission: Permission) -> bool:
        return self.actor.can(permission)

    def need(self, permission: Permission) -> None:
        """403 page unless the officer's role grants ``permission``."""
        if not self.actor.can(permission):
            raise PageError(403, gettext(self.lang, "Your role does not allow this page."))

    def writes_as_bureau(self) -> bool:
        """An officer of a bureau (not of a domestic agency or the General Secretariat) allowed to write: who opens
        extradition cases and leads operations."""
        viewer = self.actor.viewer
        return (self.actor.can(Permission.WRITE_NOTICES) and viewer.kind is ViewerKind.BUREAU
                and viewer.country is not None)

    def need_purpose(self) -> str:
        """The stated purpose, or off to the purpose page (and back here after)."""
        if not self.purpose:
            back = self.request.url.path if self.request.method == "GET" else f"{self.base}/"
            raise Redirect(f"{self.base}/purpose?next={quote(back, safe='/')}")
        return self.purpose

    def t(self, message: str, **values: object) -> str:
        return gettext(self.lang, message, **values)

    def country(self, code: str | None) -> str:
        return country_label(code, self.lang)

    def long_date(self, day: date) -> str:
        return long_date(day, self.lang)

    def render(self, template: str, **values: Any) -> HTMLResponse:
        return render(self.request, self.lang, template, ctx=self, **values)


def context(request: Request, lang: str, form: FormDep) -> Context:
    """The logged-in officer of this request, the form checked against the session's CSRF token."""
    lang = check_lang(lang)
    console = console_of(request)
    session_id = request.cookies.get(SESSION_COOKIE)
    here = request.url.path if request.method == "GET" else None
    if not session_id:
        raise Redirect(login_url(lang, None, here))
    now = console.clock()
    try:
        actor, session = identity.session_actor(uows(request)(), session_id=session_id, now=now,
                                                purpose=read_purpose(request),
                                                policy=identity.policy_from(console.settings))
    except AuthenticationFailed as exc:
        reason = "idle" if "idle" in exc.message else "disabled" if "disabled" in exc.message else "ended"
        raise Redirect(login_url(lang, reason, here), logout=True) from None
    if request.method == "POST" and not hmac.compare_digest(form.get(CSRF_FIELD).encode(),
                                                            session.csrf_token.encode()):
        raise PageError(403, gettext(lang, "This form has expired or was not sent from this console. Open the "
                                           "page again and repeat what you did."))
    return Context(request, lang, actor, session, form, now)


Ctx = Annotated[Context, Depends(context)]


def page_number(ctx: Context) -> int:
    """The ``page`` asked for in the address (1 when none); anything else than a page number is refused."""
    raw = ctx.request.query_params.get("page", "1")
    if not raw.isdigit() or not 1 <= int(raw) <= 100_000:
        raise PageError(422, ctx.t("Page numbers start at 1; “%(value)s” is not a page.", value=raw[:20]))
    return int(raw)


def done_message(ctx: Context, messages: Mapping[str, str]) -> str | None:
    """What was just done, from ``?done=key`` after a redirect: its message in the page's language."""
    key = ctx.request.query_params.get("done", "")
    return ctx.t(messages[key]) if key in messages else None


# -- errors as pages -----------------------------------------------------------------------------------------

_TITLES = {400: N_("The request could not be read"), 401: N_("Please log in"), 403: N_("Not allowed"),
           404: N_("Not found"), 409: N_("Not possible now"), 411: N_("Size needed"), 413: N_("Too large"),
           422: N_("Please check what you entered"), 429: N_("Too many attempts")}


def error_page(request: Request, status: int, message: str) -> HTMLResponse:
    lang = lang_of(request)
    title = gettext(lang, _TITLES.get(status, N_("Something went wrong")))
    return render(request, lang, "error.html", status=status, path=f"{PREFIX}/{lang}/", title=title,
                  message=message)


def ncb_error_message(lang: str, exc: NcbError) -> str:
    """A service's refusal in the page's language: the kind of refusal translated, the service's own words after."""
    if isinstance(exc, PermissionDenied):
        return gettext(lang, "You may not do this: %(detail)s", detail=exc.message)
    return exc.message if lang == "en" else f"{gettext(lang, _TITLES.get(status_of(exc), 'Error'))}: {exc.message}"


def _logout_cookies(response: Response) -> None:
    response.delete_cookie(SESSION_COOKIE, path="/")
    response.delete_cookie(PURPOSE_COOKIE, path=PREFIX)


class ConsoleRoute(APIRoute):
    """Every console route answers HTML: redirects, page errors and the services' errors become pages here."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()

        async def guarded(request: Request) -> Response:
            try:
                return await handler(request)
            except Redirect as exc:
                response: Response = RedirectResponse(exc.url, status_code=303)
                if exc.logout:
                    _logout_cookies(response)
                return response
            except PageError as exc:
                return error_page(request, exc.status, exc.message)
            except NcbError as exc:
                return error_page(request, status_of(exc), ncb_error_message(lang_of(request), exc))
            except RequestValidationError:
                return error_page(request, 422, gettext(lang_of(request), "The address or the form is not valid."))
            except StarletteHTTPException as exc:
                return error_page(request, exc.status_code, gettext(lang_of(request), "There is no page here."))

        return guarded


def logout_cookies(response: Response) -> None:
    _logout_cookies(response)
