"""The public notices API, shaped exactly like INTERPOL's ``/notices/v1/...`` so existing clients work
unchanged: the same paths, parameters, keys, key order, nulls, HAL links (with this server's base URL),
the default page size of 20, the 160-result cap (a setting), and the 404 body."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Request, Response
from fastapi.responses import JSONResponse

from ncb.domain.access import Viewer, can_view
from ncb.domain.countries import validate_country
from ncb.domain.interchange.interpol import render_detail, render_images, render_list_item
from ncb.domain.notices import Notice, NoticeType, SubjectKind, entity_id_from_url
from ncb.domain.search import NoticeFilter
from ncb.errors import ValidationError
from ncb.services import notices as svc
from ncb.services.ports import Page, UnitOfWork
from ncb.settings import Settings
from ncb.web.cache import PublicCache
from ncb.web.deps import now, settings_dep, today, uow_factory_dep

UowFactory = Annotated[Callable[..., UnitOfWork], Depends(uow_factory_dep)]
SettingsDep = Annotated[Settings, Depends(settings_dep)]
router = APIRouter(prefix="/notices/v1", tags=["public notices (INTERPOL-compatible)"])
PUBLIC = Viewer.public()
NOT_FOUND = {"status": 404, "name": "NotFoundError", "message": "Not Found"}

# query parameter -> NoticeFilter field, in the order INTERPOL echoes them
_PERSON_PARAMS = ("forename", "name", "nationality", "ageMax", "ageMin", "sexId", "arrestWarrantCountryId",
                  "freeText")
_UN_PARAMS = ("name", "forename", "unReference", "unResolution")


def _base(request: Request, settings: Settings) -> str:
    return settings.base_url.rstrip("/") or str(request.base_url).rstrip("/")


def _int(params: dict[str, str], key: str, default: int | None) -> int | None:
    raw = params.get(key)
    if raw is None or raw == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise ValidationError(f"{key} must be a whole number, not {raw!r}", field=key) from None


def _filter(kind: str, params: dict[str, str]) -> NoticeFilter:
    if kind in ("un/persons", "un/entities"):
        return NoticeFilter(types=frozenset({NoticeType.UN_SPECIAL}), public_only=True,
                            name=params.get("name") or None, forename=params.get("forename") or None,
                            un_reference=params.get("unReference") or None,
                            un_resolution=params.get("unResolution") or None)
    sex = params.get("sexId") or None
    if sex is not None and sex not in ("M", "F", "U"):
        raise ValidationError(f"sexId must be M, F or U, not {sex!r}", field="sexId")
    nationality = params.get("nationality") or None
    warrant = params.get("arrestWarrantCountryId") or None
    return NoticeFilter(
        types=frozenset({NoticeType(kind)}), public_only=True,
        name=params.get("name") or None, forename=params.get("forename") or None,
        nationality=validate_country(nationality, field="nationality") if nationality else None,
        sex=sex, age_min=_int(params, "ageMin", None), age_max=_int(params, "ageMax", None),
        warrant_country=validate_country(warrant, field="arrestWarrantCountryId") if warrant and kind == "red"
        else None,
        free_text=params.get("freeText") or None)


class _Missing(Exception):
    """No public notice by that id (answered with INTERPOL's 404 body, never cached)."""


def _cache(request: Request) -> PublicCache:
    cache: PublicCache = request.app.state.public_cache
    return cache


def _list(kind: str, request: Request, uows: Callable[..., UnitOfWork], settings: Settings) -> dict[str, Any]:
    params = dict(request.query_params)
    allowed = _UN_PARAMS if kind.startswith("un/") else _PERSON_PARAMS
    filters = {k: params[k] for k in allowed if params.get(k) not in (None, "")}
    per_page = _int(params, "resultPerPage", 20)
    assert per_page is not None
    if not 1 <= per_page <= settings.public_result_cap:
        raise ValidationError(f"resultPerPage must be between 1 and {settings.public_result_cap}, not {per_page}",
                              field="resultPerPage")
    page = _int(params, "page", 1)
    assert page is not None
    if page < 1:
        raise ValidationError(f"page must be 1 or more, not {page}", field="page")
    flt = _filter(kind, params)
    # INTERPOL serves at most `cap` results per query: the last page is computed against the cap.
    cap = None if settings.lift_public_result_cap else settings.public_result_cap

    def fetch(p: int) -> Page:
        return svc.list_notices(flt, uows(write=False), actor=svc.PUBLIC_READER, today=today(), now=now(), page=p,
                                per_page=per_page)

    # One query in the common case: the page asked for, whose total says whether it was past the last page
    # (then the last page is fetched instead, as INTERPOL answers).
    result = fetch(page)
    reachable = result.total if cap is None else min(result.total, cap)
    last = max(1, -(-reachable // per_page))
    if page > last:
        page = last
        result = fetch(page)
    offset = (page - 1) * per_page
    limit = per_page if cap is None else max(0, min(per_page, cap - offset))
    notices: tuple[Notice, ...] = result.notices[:limit]
    if kind == "un/persons":
        notices = tuple(n for n in notices if n.subject.kind is SubjectKind.PERSON)
    elif kind == "un/entities":
        notices = tuple(n for n in notices if n.subject.kind is not SubjectKind.PERSON)
    base = _base(request, settings)

    def href(p: int) -> dict[str, str]:
        return {"href": f"{base}/notices/v1/{kind}?" + urlencode({**filters, "resultPerPage": per_page, "page": p})}

    links = {"self": href(page), "first": href(1)}
    if page < last:
        links["next"] = href(page + 1)
    links["last"] = href(last)
    query: dict[str, Any] = {"page": page, "resultPerPage": per_page}
    for key, value in filters.items():
        query[key] = int(value) if key in ("ageMin", "ageMax") else value
    return {"total": result.total, "query": query,
            "_embedded": {"notices": [render_list_item(n, base) for n in notices]}, "_links": links}


def _find(kind: str, notice_id: str, uows: Callable[..., UnitOfWork]) -> Notice | None:
    entity_id = entity_id_from_url(notice_id)
    with uows(write=False) as uow:
        notice: Notice | None = uow.notices.get(entity_id)
    if notice is None or not can_view(PUBLIC, notice):
        return None
    expected = {"red": NoticeType.RED, "yellow": NoticeType.YELLOW}.get(kind, NoticeType.UN_SPECIAL)
    if notice.type is not expected:
        return None
    if kind == "un/persons" and notice.subject.kind is not SubjectKind.PERSON:
        return None
    if kind == "un/entities" and notice.subject.kind is SubjectKind.PERSON:
        return None
    return notice


def _query_parameters(kind: str) -> list[dict[str, Any]]:
    """The list route reads its query itself (to echo it as INTERPOL does); this documents it in the OpenAPI."""
    def param(name: str, schema: dict[str, Any]) -> dict[str, Any]:
        return {"name": name, "in": "query", "required": False, "schema": schema}

    text = {"type": "string"}
    if kind.startswith("un/"):
        filters = [param(name, text) for name in _UN_PARAMS]
    else:
        filters = [param(name, text) for name in ("forename", "name", "nationality", "freeText")]
        filters += [param("ageMin", {"type": "integer", "minimum": 0, "maximum": 150}),
                    param("ageMax", {"type": "integer", "minimum": 0, "maximum": 150}),
                    param("sexId", {"type": "string", "enum": ["M", "F", "U"]})]
        if kind == "red":
            filters.append(param("arrestWarrantCountryId", text))
    return filters + [param("resultPerPage", {"type": "integer", "minimum": 1, "default": 20}),
                      param("page", {"type": "integer", "minimum": 1, "default": 1})]


def _routes(kind: str) -> None:
    path = f"/{kind}"

    @router.get(path, summary=f"List public {kind} notices",
                openapi_extra={"parameters": _query_parameters(kind)})
    async def list_route(request: Request, uows: UowFactory,
                         settings: SettingsDep) -> Response:
        key = (request.url.path, request.url.query, _base(request, settings))
        return await _cache(request).answer(request, key, lambda: _list(kind, request, uows, settings))

    @router.get(path + "/{notice_id}", summary=f"One public {kind} notice")
    async def detail_route(notice_id: str, request: Request, uows: UowFactory,
                           settings: SettingsDep) -> Response:
        base = _base(request, settings)

        def build() -> dict[str, Any]:
            notice = _find(kind, notice_id, uows)
            if notice is None:
                raise _Missing
            return render_detail(notice, base)

        try:
            return await _cache(request).answer(request, (request.url.path, base), build)
        except _Missing:
            return JSONResponse(NOT_FOUND, status_code=404)

    @router.get(path + "/{notice_id}/images", summary=f"The images of a public {kind} notice")
    def images_route(notice_id: str, request: Request, uows: UowFactory,
                     settings: SettingsDep) -> JSONResponse:
        notice = _find(kind, notice_id, uows)
        if notice is None:
            return JSONResponse(NOT_FOUND, status_code=404)
        return JSONResponse(render_images(notice, _base(request, settings)))

    @router.get(path + "/{notice_id}/images/{picture_id}", summary="One image (JPEG)",
                response_class=Response)
    def image_route(notice_id: str, picture_id: str, request: Request,
                    uows: UowFactory) -> Response:
        notice = _find(kind, notice_id, uows)
        ids = {i for p in (notice.subject.photos if notice else ()) for i in (p.picture_id, p.thumbnail_id) if i}
        if notice is None or picture_id not in ids:
            return JSONResponse(NOT_FOUND, status_code=404)
        with uows(write=False) as uow:
            image = uow.notices.get_image(picture_id)
        if image is None or image.entity_id != notice.entity_id:
            return JSONResponse(NOT_FOUND, status_code=404)
        # An image never changes under its id: a strong validator from its bytes, and a day of caching.
        etag = '"' + hashlib.sha256(image.data).hexdigest()[:32] + '"'
        headers = {"Cache-Control": "public, max-age=86400", "ETag": etag}
        if etag in {t.strip() for t in request.headers.get("if-none-match", "").split(",")}:
            return Response(status_code=304, headers=headers)
        return Response(image.data, media_type=image.media_type, headers=headers)


for _kind in ("red", "yellow", "un/persons", "un/entities"):
    _routes(_kind)
