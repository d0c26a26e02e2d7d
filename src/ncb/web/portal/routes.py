"""The public portal: server-rendered pages in Japanese and English under ``/{lang}/...``.

Pages read notices exactly as the public API does: through the notice services with the public viewer, so only
published notices with a public extract appear, and of them only their public extract (INTERPOL's public shape).
Every page works without JavaScript and loads nothing from elsewhere. Bad input gets a page in the visitor's
language with the right status (404, 422, 403, 429), never a 500; a refused tip stores nothing.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qs

from fastapi import APIRouter, FastAPI, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.staticfiles import StaticFiles

from ncb.domain.access import Viewer
from ncb.domain.bureaus import Bureau, bureau_for
from ncb.domain.countries import Region, countries_in_region, country_name, is_member, member_countries, region_label
from ncb.domain.interchange.interpol import LinkedNotice
from ncb.domain.notices import Notice, NoticeType, entity_id_from_url
from ncb.domain.search import NoticeFilter
from ncb.domain.tips import TipProblem, TipRefused
from ncb.errors import NcbError, NotFound, RateLimited
from ncb.services import news as news_service
from ncb.services import notices as notice_service
from ncb.services import tips as tip_service
from ncb.services.ports import UnitOfWork
from ncb.settings import Settings
from ncb.web.cache import PublicCache
from ncb.web.deps import now, today
from ncb.web.portal import csrf, views
from ncb.web.portal.i18n import HERE, LANGUAGES, N_, environment, gettext, month_year, negotiate
from ncb.web.portal.markdown import render_markdown
from ncb.web.portal.search import Search, parse_search
from ncb.web.security import RateLimiter

PUBLIC = Viewer.public()
PER_PAGE = 20
COUNTRY_CARDS = 24  # cards of each colour on a country page (the rest are one link away)
BODY_LIMIT = 64 * 1024  # bytes of a posted form read at most
router = APIRouter(include_in_schema=False)


@dataclass
class Portal:
    """What the portal's routes share, on ``app.state.portal``."""

    key: bytes
    tip_limiter: RateLimiter
    settings: Settings


class PageError(Exception):
    """Answered with the error page in ``lang``: a title, a message and the status."""

    def __init__(self, status: int, lang: str, message: str, *, headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.lang = lang
        self.message = message
        self.headers = headers or {}


def install(app: FastAPI, settings: Settings) -> None:
    """Mount the portal's pages and static files on ``app``; call after the API routers (the portal's last route
    answers unknown paths under ``/ja/`` and ``/en/``)."""
    key = settings.portal_secret.encode() if settings.portal_secret else secrets.token_bytes(32)
    app.state.portal = Portal(key=key, tip_limiter=RateLimiter(settings.tip_rate_per_minute, settings.tip_burst),
                              settings=settings)
    app.mount("/static/portal", StaticFiles(directory=HERE / "static"), name="portal-static")
    app.include_router(router)

    async def page_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, PageError)
        return _render(request, exc.lang, "error.html", status=exc.status, headers=exc.headers,
                       title=_error_title(exc.status, exc.lang), message=exc.message)

    app.add_exception_handler(PageError, page_error)


def _error_title(status: int, lang: str) -> str:
    titles = {404: N_("Page not found"), 422: N_("Please check what you entered"),
              403: N_("This form has expired"), 429: N_("Too many requests")}
    return gettext(lang, titles.get(status, N_("Something went wrong")))


# -- helpers -------------------------------------------------------------------------------------------------

def _portal(request: Request) -> Portal:
    portal: Portal = request.app.state.portal
    return portal


def _uows(request: Request) -> Callable[..., UnitOfWork]:
    factory: Callable[..., UnitOfWork] = request.app.state.uow_factory
    return factory


def _check_lang(lang: str) -> str:
    if lang not in LANGUAGES:
        raise StarletteHTTPException(404, f"no page {lang!r}")
    return lang


def _switch_url(request: Request, lang: str) -> str:
    """This page in the other language (the same path and query)."""
    other = "en" if lang == "ja" else "ja"
    path = request.url.path
    rest = path[len(lang) + 1:] if path.startswith(f"/{lang}") else "/"
    if request.method != "GET":
        rest = rest.rsplit("/tips", 1)[0]  # after a posted tip: back to the notice
    query = f"?{request.url.query}" if request.url.query and request.method == "GET" else ""
    return f"/{other}{rest or '/'}{query}"


def _render(request: Request, lang: str, template: str, *, status: int = 200,
            headers: dict[str, str] | None = None, **context: Any) -> HTMLResponse:
    env = environment(lang)
    body = env.get_template(template).render(
        request_path=request.url.path, switch_url=_switch_url(request, lang),
        other_lang="en" if lang == "ja" else "ja", **context)
    return HTMLResponse(body, status_code=status, headers=headers)


def _bureau(code: str) -> Bureau | None:
    try:
        return bureau_for(code)
    except NcbError:
        return None


def _list(flt: NoticeFilter, request: Request, *, page: int, per_page: int) -> tuple[int, tuple[Notice, ...]]:
    result = notice_service.list_notices(flt, _uows(request)(write=False), actor=notice_service.PUBLIC_READER,
                                         today=today(), now=now(), page=page, per_page=per_page)
    return result.total, result.notices


def _public_notice(request: Request, entity_id: str) -> Notice | None:
    try:
        return notice_service.get_notice(entity_id, _uows(request)(write=False), actor=notice_service.PUBLIC_READER,
                                         now=now())
    except NotFound:
        return None


# -- pages ---------------------------------------------------------------------------------------------------

@router.get("/")
def root(request: Request) -> RedirectResponse:
    """To the home page in the visitor's language (``Accept-Language``; English when neither fits)."""
    lang = negotiate(request.headers.get("accept-language"))
    return RedirectResponse(f"/{lang}/", status_code=303, headers={"Vary": "Accept-Language"})


@router.get("/{lang}")
def lang_root(lang: str) -> RedirectResponse:
    return RedirectResponse(f"/{_check_lang(lang)}/", status_code=308)


@router.get("/{lang}/")
def home(lang: str, request: Request) -> HTMLResponse:
    lang = _check_lang(lang)
    settings = _portal(request).settings
    bureau = _bureau(settings.bureau)
    red, _ = _list(NoticeFilter(types=frozenset({NoticeType.RED}), public_only=True), request, page=1, per_page=1)
    yellow, _ = _list(NoticeFilter(types=frozenset({NoticeType.YELLOW}), public_only=True), request, page=1,
                      per_page=1)
    _, latest = news_service.list_news(_uows(request)(write=False), per_page=3)
    return _render(request, lang, "home.html", bureau=bureau, bureau_country=settings.bureau,
                   bureau_country_name=country_name(settings.bureau, lang) if bureau else None,
                   red_total=red, yellow_total=yellow, news=latest)


@router.get("/{lang}/regions")
def regions(lang: str, request: Request) -> HTMLResponse:
    lang = _check_lang(lang)
    groups = []
    for region in Region:
        members = sorted(((c.code, c.name(lang)) for c in countries_in_region(region)), key=lambda x: x[1])
        groups.append((region.value, region_label(region, lang), members))
    return _render(request, lang, "regions.html", groups=groups)


@router.get("/{lang}/countries/{code}")
def country_page(lang: str, code: str, request: Request) -> Response:
    lang = _check_lang(lang)
    normal = code.strip().upper()
    if not is_member(normal):
        raise PageError(404, lang, gettext(lang, "“%(code)s” is not an INTERPOL member country.", code=code[:20]))
    if normal != code:
        return RedirectResponse(f"/{lang}/countries/{normal}", status_code=308)
    member = member_countries()[normal]
    bureau = bureau_for(normal)
    day = today()

    def build() -> bytes:
        sections = []
        for kind, notice_type, list_path in (("red", NoticeType.RED, "wanted"),
                                             ("yellow", NoticeType.YELLOW, "missing")):
            flt = NoticeFilter(types=frozenset({notice_type}), public_only=True, owner=normal)
            total, found = _list(flt, request, page=1, per_page=COUNTRY_CARDS)
            sections.append({"kind": kind, "total": total, "cards": [views.card(n, lang, day) for n in found],
                             "all_url": f"/{lang}/{list_path}?country={normal}"})
        _, news = news_service.list_news(_uows(request)(write=False), country=normal, per_page=5)
        return bytes(_render(request, lang, "country.html", code=normal, name=country_name(normal, lang),
                             region=region_label(member.region, lang), region_id=member.region.value, bureau=bureau,
                             member_since=month_year(bureau.member_since or member.member_since, lang),
                             sections=sections, news=news).body)

    # A public page, the same for everyone: served from the public cache while fresh (public_cache_seconds).
    cache: PublicCache = request.app.state.public_cache
    return cache.page(request, (request.url.path, day.isoformat()), build)


def _list_page(kind: NoticeType, lang: str, request: Request) -> HTMLResponse:
    lang = _check_lang(lang)
    search = parse_search(request.query_params, kind, lang)
    template = "notices.html"
    context: dict[str, Any] = {"kind": "red" if kind is NoticeType.RED else "yellow", "search": search,
                               "countries": _country_options(lang)}
    if search.flt is None:
        return _render(request, lang, template, status=422, total=None, cards=[], pages=None, **context)
    total, found = _list(search.flt, request, page=search.page, per_page=PER_PAGE)
    last = max(1, -(-total // PER_PAGE))
    if search.page > last:
        search.errors.append(gettext(lang, "There is no page %(page)s: these results have %(last)s.",
                                     page=search.page, last=last))
        return _render(request, lang, template, status=404, total=total, cards=[], pages=None, **context)
    day = today()
    return _render(request, lang, template, total=total, cards=[views.card(n, lang, day) for n in found],
                   pages=_pages(search, last), **context)


def _pages(search: Search, last: int) -> dict[str, Any]:
    current = search.page
    shown = sorted({1, last, *range(max(1, current - 2), min(last, current + 2) + 1)})
    return {"current": current, "last": last, "numbers": [(p, search.query(p)) for p in shown],
            "prev": search.query(current - 1) if current > 1 else None,
            "next": search.query(current + 1) if current < last else None}


def _country_options(lang: str) -> list[tuple[str, str]]:
    return sorted(((code, country_name(code, lang)) for code in member_countries()), key=lambda x: x[1])


@router.get("/{lang}/wanted")
def wanted(lang: str, request: Request) -> HTMLResponse:
    return _list_page(NoticeType.RED, lang, request)


@router.get("/{lang}/missing")
def missing(lang: str, request: Request) -> HTMLResponse:
    return _list_page(NoticeType.YELLOW, lang, request)


def _notice_or_404(lang: str, kind: str, notice_id: str, request: Request) -> Notice:
    notice_type = views.KINDS.get(kind)
    notice = _public_notice(request, entity_id_from_url(notice_id)) if notice_type else None
    if notice is None or notice.type is not notice_type:
        raise PageError(404, lang, gettext(lang, "There is no public notice %(id)s.", id=notice_id[:20]))
    return notice


def _notice_page(request: Request, lang: str, notice: Notice, *, status: int = 200, tip_error: str | None = None,
                 tip_values: dict[str, str] | None = None) -> HTMLResponse:
    portal = _portal(request)
    cookie = request.cookies.get(csrf.COOKIE) or ""
    fresh = not cookie or len(cookie) > 64
    if fresh:
        cookie = csrf.new_cookie_value()
    linked = [n for n in (_public_notice(request, i) for i in notice.linked) if n is not None]
    response = _render(request, lang, "notice.html", status=status,
                       headers={"Cache-Control": "private, no-store"},
                       **views.detail(notice, lang, today(), linked), csrf_field=csrf.FIELD,
                       csrf_token=csrf.make_token(portal.key, cookie), tip_error=tip_error,
                       tip_values=tip_values or {}, tip_max=portal.settings.tip_max_chars,
                       country=lambda c: views.country(c, lang), countries=lambda cs: views.countries(cs, lang),
                       eyes=lambda cs: views.eyes(cs, lang), hairs=lambda cs: views.hairs(cs, lang),
                       languages=lambda cs: views.languages(cs, lang), sex=lambda c: views.sex(c, lang))
    if fresh:
        response.set_cookie(csrf.COOKIE, cookie, httponly=True, samesite="strict", path="/",
                            secure=request.url.scheme == "https")
    return response


@router.get("/{lang}/notices/{kind}/{notice_id}")
def notice_page(lang: str, kind: str, notice_id: str, request: Request) -> HTMLResponse:
    lang = _check_lang(lang)
    return _notice_page(request, lang, _notice_or_404(lang, kind, notice_id, request))


async def _read_form(request: Request, lang: str) -> dict[str, str]:
    """The posted form, at most :data:`BODY_LIMIT` bytes of it (a larger body is refused unread)."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > BODY_LIMIT:
        raise TipRefused(TipProblem.TOO_LONG, "the form is too large", field="message")
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > BODY_LIMIT:
            raise TipRefused(TipProblem.TOO_LONG, "the form is too large", field="message")
    try:
        parsed = parse_qs(body.decode("utf-8"), keep_blank_values=True, max_num_fields=10)
    except (UnicodeDecodeError, ValueError):
        raise TipRefused(TipProblem.MARKUP, "the form is not readable", field="message") from None
    return {k: v[0] for k, v in parsed.items()}


_TIP_MESSAGES = {
    TipProblem.EMPTY: N_("Please write what you know before sending."),
    TipProblem.TOO_LONG: N_("Your message is too long: please keep it under %(max)s characters."),
    TipProblem.MARKUP: N_("Please send plain text only, without HTML or script."),
    TipProblem.CONTACT_TOO_LONG: N_("The contact details are too long (at most 200 characters)."),
}


@router.post("/{lang}/notices/{kind}/{notice_id}/tips")
async def send_tip(lang: str, kind: str, notice_id: str, request: Request) -> HTMLResponse:
    """A tip about a public notice: CSRF-checked, rate-limited per client address, size-limited, stored for the
    notice's owner bureau and acknowledged with a reference; a refusal stores nothing."""
    lang = _check_lang(lang)
    portal = _portal(request)
    notice = await run_in_threadpool(_notice_or_404, lang, kind, notice_id, request)
    values: dict[str, str] = {}
    try:
        client = request.client.host if request.client else "unknown"
        portal.tip_limiter.check(f"tip:{client}")
        values = await _read_form(request, lang)
        if not csrf.check_token(portal.key, request.cookies.get(csrf.COOKIE), values.get(csrf.FIELD)):
            return _notice_page(request, lang, notice, status=403, tip_values=values, tip_error=gettext(
                lang, "This form has expired or was not sent from this site. Please send your tip again."))
        tip = await run_in_threadpool(
            tip_service.send_tip, notice.entity_id, values.get("message", ""), values.get("contact"),
            _uows(request)(), language=lang, now=now(), max_chars=portal.settings.tip_max_chars)
    except RateLimited as exc:
        return _notice_page(request, lang, notice, status=429, tip_values=values,
                            tip_error=gettext(lang, "You have sent several tips in a short time. Please wait "
                                              "%(seconds)s seconds and try again.", seconds=exc.retry_after))
    except TipRefused as exc:
        message = gettext(lang, _TIP_MESSAGES[exc.problem], max=portal.settings.tip_max_chars)
        return _notice_page(request, lang, notice, status=422, tip_error=message, tip_values=values)
    return _render(request, lang, "tip_thanks.html", reference=tip.reference,
                   notice_url=views.notice_path(lang, notice),
                   name=views.display_name(*_names(notice)), headers={"Cache-Control": "no-store"})


def _names(notice: Notice) -> tuple[str | None, str | None]:
    link = LinkedNotice.from_notice(notice)
    return link.name, link.forename


@router.get("/{lang}/news")
def news_list(lang: str, request: Request) -> HTMLResponse:
    lang = _check_lang(lang)
    raw = request.query_params.get("page", "1")
    if not raw.isdigit() or int(raw) < 1:
        raise PageError(422, lang, gettext(lang, "Page numbers start at 1; “%(value)s” is not a page.",
                                           value=raw[:20]))
    page = int(raw)
    total, items = news_service.list_news(_uows(request)(write=False), page=page, per_page=PER_PAGE)
    last = max(1, -(-total // PER_PAGE))
    if page > last:
        raise PageError(404, lang, gettext(lang, "There is no page %(page)s: these results have %(last)s.",
                                           page=page, last=last))
    return _render(request, lang, "news_list.html", items=items, page=page, last=last)


@router.get("/{lang}/news/{item_id}")
def news_item(lang: str, item_id: str, request: Request) -> HTMLResponse:
    lang = _check_lang(lang)
    item = None
    if item_id.isdigit() and len(item_id) < 12:
        try:
            item = news_service.get_news(int(item_id), _uows(request)(write=False))
        except NotFound:
            item = None
    if item is None:
        raise PageError(404, lang, gettext(lang, "There is no news item %(id)s.", id=item_id[:20]))
    linked = [n for n in (_public_notice(request, i) for i in item.notices) if n is not None]
    return _render(request, lang, "news_item.html", item=item, body=render_markdown(item.body(lang)),
                   countries=[(c, views.country(c, lang)) for c in item.countries if is_member(c)],
                   linked=[(views.notice_path(lang, n), views.display_name(*_names(n)), views.kind_of(n))
                           for n in linked])


@router.get("/{lang}/{rest:path}")
def not_found(lang: str, rest: str) -> HTMLResponse:
    lang = _check_lang(lang)
    raise PageError(404, lang, gettext(lang, "There is no page at this address."))

