"""Notice requests: the bureau's list, a draft created and edited with its errors beside the fields and the
compliance findings beside the form, submitted; the reviewer's queue with findings and history, and the decision
(approve, refuse, ask for more) with its reasons.

Every read goes through the notice services with the officer as actor and the stated purpose, so each is audited;
the findings are the domain's pure pre-check on the notice read (no second consultation).
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from ncb.domain import compliance
from ncb.domain.documents import notice_to_dict
from ncb.domain.identity import Permission
from ncb.domain.notices import Decision, Notice, NoticeStatus, NoticeType, entity_id_from_url
from ncb.domain.search import NoticeFilter
from ncb.errors import ComplianceBlocked, NcbError, ValidationError
from ncb.services import notices as svc
from ncb.services.screening import refresh_in_index, retro_screen
from ncb.web.console import forms
from ncb.web.console.context import (
    PREFIX,
    ConsoleRoute,
    Context,
    Ctx,
    done_message,
    ncb_error_message,
    page_number,
)
from ncb.web.console.i18n import N_
from ncb.web.console.labels import ACTIONS, SEX, STATUSES, TYPES
from ncb.web.console.notice_panels import panels
from ncb.web.deps import policy_of
from ncb.web.problems import status_of

router = APIRouter(prefix=PREFIX, route_class=ConsoleRoute, include_in_schema=False)
PER_PAGE = 25
DONE = {"created": N_("The draft was saved."), "saved": N_("Your changes were saved."),
        "submitted": N_("The request was submitted for review."), "approve": N_("The notice was approved."),
        "refuse": N_("The request was refused."), "request_info": N_("More information was asked of the bureau."),
        "suspend": N_("The notice was suspended."), "resume": N_("The notice was resumed."),
        "withdraw": N_("The notice was withdrawn."), "extend": N_("The notice's retention was extended."),
        "photo_added": N_("The photo was added."), "photo_removed": N_("The photo was removed.")}


def _done(ctx: Context) -> str | None:
    return done_message(ctx, DONE)


def _row(ctx: Context, n: Notice) -> dict[str, Any]:
    primary = n.subject.primary_name
    return {"id": n.entity_id, "url_id": n.url_id, "type": ctx.t(TYPES[n.type]), "status": n.status.value,
            "status_label": ctx.t(STATUSES[n.status]), "name": primary.full if primary else "—",
            "date_of_birth": str(n.subject.date_of_birth) if n.subject.date_of_birth else "",
            "created_at": n.created_at}


def _type_options(ctx: Context) -> list[tuple[str, str]]:
    return [(t.value, ctx.t(TYPES[t])) for t in NoticeType]


def _sex_options(ctx: Context) -> list[tuple[str, str]]:
    return [(code, ctx.t(label)) for code, label in SEX.items()]


def _restriction_options(ctx: Context) -> list[tuple[str, str]]:
    return [("none", ctx.t("every member country")), ("deny", ctx.t("every country except those listed")),
            ("allow", ctx.t("only the countries listed"))]


def _list(ctx: Context, flt: NoticeFilter, template: str, **values: Any) -> HTMLResponse:
    page = page_number(ctx)
    found = svc.list_notices(flt, ctx.uow(), actor=ctx.actor, today=ctx.now.date(), now=ctx.now, page=page,
                             per_page=PER_PAGE)
    last = max(1, -(-found.total // PER_PAGE))
    return ctx.render(template, rows=[_row(ctx, n) for n in found.notices], total=found.total, page=page,
                      last=last, done=_done(ctx), **values)


@router.get("/{lang}/notices")
def notice_list(ctx: Ctx) -> HTMLResponse:
    ctx.need(Permission.WRITE_NOTICES)
    ctx.need_purpose()
    status = ctx.request.query_params.get("status", "")
    statuses = frozenset({NoticeStatus(status)}) if status in {s.value for s in NoticeStatus} else frozenset()
    flt = NoticeFilter(owner=ctx.actor.viewer.country, statuses=statuses)
    options = [(s.value, ctx.t(STATUSES[s])) for s in NoticeStatus]
    return _list(ctx, flt, "notices.html", status_filter=status if statuses else "", status_options=options)


def _form_page(ctx: Context, *, notice: Notice | None, values: dict[str, str], errors: dict[str, str],
               findings: tuple[compliance.Finding, ...] | None, status: int = 200,
               history: list[dict[str, Any]] | None = None, **panel_state: Any) -> HTMLResponse:
    """The notice page; ``panel_state`` is what the photo and status forms below it show after a refusal
    (``photo_error``, ``action_errors``, ``action_values``: see :mod:`.notice_actions`)."""
    editable = notice is None or (notice.status is NoticeStatus.DRAFT and notice.owner == ctx.actor.viewer.country
                                  and ctx.can(Permission.WRITE_NOTICES))
    action = f"{ctx.base}/notices/{notice.url_id}" if notice else f"{ctx.base}/notices/new"
    state = {"photo_error": None, "action_errors": {}, "action_values": {}, **panel_state}
    return ctx.render("notice_form.html", status=status, notice=notice, values=values, errors=errors,
                      general=errors.get(""), findings=findings, editable=editable, action=action,
                      history=history or [], done=_done(ctx), types=_type_options(ctx), sexes=_sex_options(ctx),
                      restrictions=_restriction_options(ctx),
                      status_label=ctx.t(STATUSES[notice.status]) if notice else None,
                      path=action, **panels(ctx, notice), **state)


@router.get("/{lang}/notices/new")
def new_notice(ctx: Ctx) -> HTMLResponse:
    ctx.need(Permission.WRITE_NOTICES)
    ctx.need_purpose()
    values = forms.values_from_form({"type": "red", "sex": "U", "restriction_mode": "none"})
    return _form_page(ctx, notice=None, values=values, errors={}, findings=None)


@router.post("/{lang}/notices/new")
def create_notice(ctx: Ctx) -> Any:
    ctx.need(Permission.WRITE_NOTICES)
    ctx.need_purpose()
    values = forms.values_from_form(ctx.form.fields)
    doc, probe, errors = forms.parse(values, None, ctx.actor.viewer.country, ctx.lang)
    if errors:
        findings = compliance.check(probe, locale=ctx.lang) if probe else None
        return _form_page(ctx, notice=None, values=values, errors=errors, findings=findings, status=422)
    try:
        notice = svc.create_notice(doc, ctx.uow(), actor=ctx.actor, now=ctx.now)
    except ValidationError as exc:
        return _form_page(ctx, notice=None, values=values, errors={forms.form_field(exc.field) or "": exc.message},
                          findings=None, status=422)
    return RedirectResponse(f"{ctx.base}/notices/{notice.url_id}?done=created", status_code=303)


def _history(ctx: Context, entity_id: str) -> list[dict[str, Any]]:
    return [{"action": ctx.t(ACTIONS[t.action]) if t.action in ACTIONS else t.action.value, "actor": t.actor,
             "at": t.at, "reason": t.reason, "to": ctx.t(STATUSES[t.to_status]),
             "exception": t.exception_recorded, "findings": len(t.findings)}
            for t in svc.notice_history(entity_id, ctx.uow(), actor=ctx.actor, now=ctx.now)]


def _read(ctx: Context, notice_id: str) -> Notice:
    return svc.get_notice(entity_id_from_url(notice_id[:20]), ctx.uow(), actor=ctx.actor, now=ctx.now)


@router.get("/{lang}/notices/{notice_id}")
def show_notice(notice_id: str, ctx: Ctx) -> HTMLResponse:
    ctx.need(Permission.WRITE_NOTICES)
    ctx.need_purpose()
    notice = _read(ctx, notice_id)
    return _form_page(ctx, notice=notice, values=forms.values_from_notice(notice), errors={},
                      findings=compliance.check(notice, locale=ctx.lang), history=_history(ctx, notice.entity_id))


@router.post("/{lang}/notices/{notice_id}")
def edit_notice(notice_id: str, ctx: Ctx) -> Any:
    ctx.need(Permission.WRITE_NOTICES)
    ctx.need_purpose()
    current = _read(ctx, notice_id)
    values = forms.values_from_form(ctx.form.fields)
    base = notice_to_dict(current)
    doc, probe, errors = forms.parse(values, base, current.owner, ctx.lang)
    status = 422
    if not errors:
        try:
            svc.edit_notice(current.entity_id, doc, ctx.uow(), actor=ctx.actor, now=ctx.now)
        except ValidationError as exc:
            errors = {forms.form_field(exc.field) or "": exc.message}
        except NcbError as exc:
            errors, status = {"": ncb_error_message(ctx.lang, exc)}, status_of(exc)
    if errors:
        findings = compliance.check(probe, locale=ctx.lang) if probe else None
        return _form_page(ctx, notice=current, values=values, errors=errors, findings=findings, status=status,
                          history=_history(ctx, current.entity_id))
    return RedirectResponse(f"{ctx.base}/notices/{current.url_id}?done=saved", status_code=303)


def refresh(request: Request, notice: Notice) -> None:
    """Keep the app's screening index current with a changed notice; screen the kept travellers against a notice
    just published (as the internal API does)."""
    index = getattr(request.app.state, "screening_index", None)
    if index is not None:
        refresh_in_index(index, notice)
    if notice.status is NoticeStatus.PUBLISHED:
        retro_screen(notice, request.app.state.uow_factory(), now=request.app.state.console.clock())


@router.post("/{lang}/notices/{notice_id}/submit")
def submit_notice(notice_id: str, ctx: Ctx) -> Any:
    ctx.need(Permission.WRITE_NOTICES)
    ctx.need_purpose()
    entity_id = entity_id_from_url(notice_id[:20])
    try:
        notice = svc.submit_notice(entity_id, ctx.uow(), actor=ctx.actor, now=ctx.now)
    except NcbError as exc:
        current = _read(ctx, notice_id)
        return _form_page(ctx, notice=current, values=forms.values_from_notice(current),
                          errors={"": ncb_error_message(ctx.lang, exc)}, status=409,
                          findings=compliance.check(current, locale=ctx.lang), history=_history(ctx, entity_id))
    refresh(ctx.request, notice)
    return RedirectResponse(f"{ctx.base}/notices/{notice.url_id}?done=submitted", status_code=303)


# -- the reviewer's queue -----------------------------------------------------------------------------------

@router.get("/{lang}/review")
def review_queue(ctx: Ctx) -> HTMLResponse:
    ctx.need(Permission.REVIEW_NOTICES)
    ctx.need_purpose()
    return _list(ctx, NoticeFilter(statuses=frozenset({NoticeStatus.SUBMITTED})), "review_queue.html")


def _review_page(ctx: Context, notice: Notice, *, status: int = 200, error: str | None = None,
                 errors: dict[str, str] | None = None, values: dict[str, str] | None = None) -> HTMLResponse:
    findings = compliance.check(notice, locale=ctx.lang)
    return ctx.render("review.html", status=status, notice=notice, findings=findings, error=error,
                      errors=errors or {}, values=values or {}, history=_history(ctx, notice.entity_id),
                      facts=forms.values_from_notice(notice), type_label=ctx.t(TYPES[notice.type]),
                      status_label=ctx.t(STATUSES[notice.status]), sex_label=ctx.t(SEX[notice.subject.sex.value]),
                      blocks=any(f.blocks for f in findings), path=f"{ctx.base}/review/{notice.url_id}")


@router.get("/{lang}/review/{notice_id}")
def review_notice_page(notice_id: str, ctx: Ctx) -> HTMLResponse:
    ctx.need(Permission.REVIEW_NOTICES)
    ctx.need_purpose()
    return _review_page(ctx, _read(ctx, notice_id))


@router.post("/{lang}/review/{notice_id}")
def decide(notice_id: str, ctx: Ctx) -> Any:
    ctx.need(Permission.REVIEW_NOTICES)
    ctx.need_purpose()
    values = {k: ctx.form.text(k) for k in ("decision", "reason", "exception_reason")}
    entity_id = entity_id_from_url(notice_id[:20])
    if values["decision"] not in {d.value for d in Decision}:
        return _review_page(ctx, _read(ctx, notice_id), status=422, values=values,
                            errors={"decision": ctx.t("Choose approve, refuse or ask for more information.")})
    try:
        notice = svc.review_notice(entity_id, Decision(values["decision"]), ctx.uow(), actor=ctx.actor,
                                   now=ctx.now, reason=values["reason"] or None,
                                   exception_reason=values["exception_reason"] or None,
                                   policy=policy_of(ctx.settings))
    except ComplianceBlocked as exc:
        return _review_page(ctx, _read(ctx, notice_id), status=409, values=values, errors={"exception_reason": ctx.t(
            "A finding blocks approval: approve only with the recorded exception (particular importance to "
            "international police cooperation) and its reason.")}, error=exc.message)
    except ValidationError as exc:
        field = exc.field if exc.field in ("reason", "exception_reason") else "reason"
        message = ctx.t("Give the reason for this decision.") if exc.field == "reason" else exc.message
        return _review_page(ctx, _read(ctx, notice_id), status=422, values=values, errors={field: message})
    refresh(ctx.request, notice)
    return RedirectResponse(f"{ctx.base}/review?done={values['decision']}", status_code=303)

