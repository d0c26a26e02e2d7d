"""What an officer does to a notice of the bureau besides editing the draft: add and remove the subject's photos
(shown as thumbnails, each read through the services so that every look is audited), and change a published
notice's status (suspend, resume, withdraw, extend) with a reason and a confirmation. A refusal shows the notice page
again with the error beside the form that caused it; nothing is stored."""

from __future__ import annotations

from datetime import date
from typing import Any

from fastapi import APIRouter
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from ncb.domain import compliance
from ncb.domain.identity import Permission
from ncb.domain.lifecycle import OWNER_ACTIONS
from ncb.domain.notices import Action, Notice, entity_id_from_url
from ncb.errors import NcbError, TooLarge, ValidationError
from ncb.services import notices as notice_service
from ncb.services import photos as photo_service
from ncb.web.console import forms
from ncb.web.console.context import PREFIX, ConsoleRoute, Context, Ctx, ncb_error_message
from ncb.web.console.notices import _form_page, _history, _read, refresh
from ncb.web.deps import policy_of
from ncb.web.problems import status_of

router = APIRouter(prefix=PREFIX, route_class=ConsoleRoute, include_in_schema=False)


def _again(ctx: Context, notice: Notice, status: int, **state: Any) -> HTMLResponse:
    """The notice page once more, with what went wrong below it."""
    return _form_page(ctx, notice=notice, values=forms.values_from_notice(notice), errors={},
                      findings=compliance.check(notice, locale=ctx.lang), status=status,
                      history=_history(ctx, notice.entity_id), **state)


def _officer(ctx: Context, notice_id: str) -> Notice:
    ctx.need(Permission.WRITE_NOTICES)
    ctx.need_purpose()
    return _read(ctx, notice_id)


def _back(ctx: Context, notice: Notice, done: str, anchor: str) -> RedirectResponse:
    return RedirectResponse(f"{ctx.base}/notices/{notice.url_id}?done={done}#{anchor}", status_code=303)


# -- photos -------------------------------------------------------------------------------------------------

def _photo_error(ctx: Context, exc: NcbError) -> str:
    if isinstance(exc, TooLarge):
        mb = photo_service.limits_from(ctx.settings).max_bytes // (1024 * 1024)
        return ctx.t("The file is too large: a photo may have at most %(mb)s MB.", mb=mb)
    if isinstance(exc, ValidationError) and exc.field == "file":
        return ctx.t("The photo was not added: only JPEG, PNG and WebP images that are whole and of a "
                     "reasonable size are accepted (%(detail)s).", detail=exc.message)
    return ncb_error_message(ctx.lang, exc)


@router.post("/{lang}/notices/{notice_id}/photos")
def add_photo(notice_id: str, ctx: Ctx) -> Any:
    notice = _officer(ctx, notice_id)
    upload = ctx.form.files.get("file")
    if upload is None or not upload[1]:
        return _again(ctx, notice, 422, photo_error=ctx.t("Choose a photo to upload."))
    try:
        photo_service.add_photo(notice.entity_id, upload[1], ctx.uow(), actor=ctx.actor, now=ctx.now,
                                limits=photo_service.limits_from(ctx.settings))
    except NcbError as exc:
        return _again(ctx, _read(ctx, notice_id), status_of(exc), photo_error=_photo_error(ctx, exc))
    return _back(ctx, notice, "photo_added", "photos")


@router.post("/{lang}/notices/{notice_id}/photos/{picture_id}/remove")
def remove_photo(notice_id: str, picture_id: str, ctx: Ctx) -> Any:
    notice = _officer(ctx, notice_id)
    try:
        photo_service.remove_photo(notice.entity_id, picture_id[:64], ctx.uow(), actor=ctx.actor, now=ctx.now)
    except NcbError as exc:
        return _again(ctx, _read(ctx, notice_id), status_of(exc), photo_error=ncb_error_message(ctx.lang, exc))
    return _back(ctx, notice, "photo_removed", "photos")


@router.get("/{lang}/notices/{notice_id}/photos/{picture_id}")
def photo(notice_id: str, picture_id: str, ctx: Ctx) -> Response:
    ctx.need(Permission.WRITE_NOTICES)
    ctx.need_purpose()
    image = photo_service.get_photo(entity_id_from_url(notice_id[:20]), picture_id[:64], ctx.uow(),
                                    actor=ctx.actor, now=ctx.now)
    return Response(image.data, media_type=image.media_type, headers={"Cache-Control": "private, no-store"})


# -- status changes -----------------------------------------------------------------------------------------

def _until(ctx: Context, raw: str) -> tuple[date | None, str | None]:
    if not raw:
        return None, None
    try:
        return date.fromisoformat(raw), None
    except ValueError:
        return None, ctx.t("Give the last day as YYYY-MM-DD.")


@router.post("/{lang}/notices/{notice_id}/status")
def change_status(notice_id: str, ctx: Ctx) -> Any:
    notice = _officer(ctx, notice_id)
    values = {k: ctx.form.text(k) for k in ("action", "reason", "until", "confirm")}
    name = values["action"]
    if name not in {a.value for a in OWNER_ACTIONS}:
        return _again(ctx, notice, 422, action_errors={"": {"": ctx.t("Choose suspend, resume, withdraw or extend.")}})
    until, until_error = _until(ctx, values["until"]) if name == Action.SUSPEND.value else (None, None)
    errors = {"reason": ctx.t("Give the reason for this change: it is kept in the notice's history.")
              if not values["reason"] else None,
              "confirm": ctx.t("Tick the box to confirm.") if not values["confirm"] else None, "until": until_error}
    problems = {k: v for k, v in errors.items() if v}
    if not problems:
        try:
            changed = notice_service.change_status(notice.entity_id, Action(name), ctx.uow(), actor=ctx.actor,
                                                   now=ctx.now, reason=values["reason"], until=until,
                                                   policy=policy_of(ctx.settings))
        except NcbError as exc:
            message = ncb_error_message(ctx.lang, exc)
            where = {name: {"until": message}} if exc.field == "until" else {"": {"": message}}
            return _again(ctx, _read(ctx, notice_id), status_of(exc), action_errors=where,
                          action_values={name: values})
        refresh(ctx.request, changed)
        return _back(ctx, changed, name, "status-actions")
    return _again(ctx, notice, 422, action_errors={name: problems}, action_values={name: values})
