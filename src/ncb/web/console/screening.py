"""Screening at the desk: one traveller (typed, or a passport's MRZ pasted) with the ranked hits and why each
matched; a passenger list screened in the background with a progress page that refreshes itself (no JavaScript)
and its results to download; the bureau's hit queue, each hit confirmed or dismissed with a reason."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from typing import Any

from fastapi import APIRouter
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from ncb.domain.codes import Sex
from ncb.domain.identity import Permission
from ncb.domain.screening import HitStatus, QueuedHit
from ncb.errors import NcbError, ValidationError
from ncb.matching.compare import DEFAULT_THRESHOLD
from ncb.matching.model import Hit, Person
from ncb.services import screening as svc
from ncb.web.api_screening import screening_index
from ncb.web.console.context import PREFIX, ConsoleRoute, Context, Ctx, PageError, ncb_error_message
from ncb.web.console.i18n import N_
from ncb.web.console.jobs import MAX_RECORDS, read_records, results_csv
from ncb.web.console.labels import FEATURES, HIT_STATUSES, SEX
from ncb.web.problems import status_of

router = APIRouter(prefix=PREFIX, route_class=ConsoleRoute, include_in_schema=False)
FIELDS = ("names", "date_of_birth", "nationality", "sex", "document_number", "mrz")
_FIELD_OF = {"name": "names", "traveller.names": "names", "date_of_birth": "date_of_birth",
             "nationality": "nationality", "sex": "sex", "sex_id": "sex", "document_number": "document_number",
             "mrz": "mrz"}


def _features(ctx: Context, features: list[dict[str, Any]]) -> list[dict[str, Any]]:
    shown = []
    for f in features:
        known = FEATURES.get(str(f.get("name")))
        label = ctx.t(known) if known else str(f.get("explanation") or f.get("name") or "")
        shown.append({"label": label, "name": f.get("name"), "delta": f.get("delta", 0.0),
                      "detail": f.get("detail") or ""})
    return shown


def hit_view(ctx: Context, hit: dict[str, Any]) -> dict[str, Any]:
    """A hit's explanation (``Hit.as_dict()``) as the page shows it, features in the page's language."""
    names = hit.get("names") or {}
    return {"notice": hit.get("candidate_id"), "score": hit.get("score", 0.0), "names": names,
            "features": _features(ctx, list(hit.get("features") or [])), "explanation": hit.get("explanation", "")}


def _person(ctx: Context, values: dict[str, str]) -> Person:
    today = ctx.now.date()
    if values["mrz"]:
        return svc.traveller_from_mrz(values["mrz"], "traveller", today=today)
    names = [n.strip() for n in values["names"].splitlines() if n.strip()][:20]
    if not names:
        raise ValidationError("a traveller needs a name or an MRZ", field="names")
    record = {"id": "traveller", "name": names[0], "date_of_birth": values["date_of_birth"] or None,
              "nationality": values["nationality"].upper() or None, "sex": values["sex"] or None,
              "document_number": values["document_number"] or None}
    person = svc.traveller_from_record(record, "traveller", today=today)
    return replace(person, names=tuple(names)) if len(names) > 1 else person


_MESSAGES = {
    "names": N_("Type at least one name, or paste the MRZ of the passport."),
    "date_of_birth": N_("Write the date as YYYY, YYYY/MM or YYYY/MM/DD (for example 1989/04/16)."),
    "nationality": N_("Use a two-letter country code, such as JP."),
    "sex": N_("Choose male, female or unknown."),
    "mrz": N_("This MRZ cannot be read: %(detail)s"),
}


def _check_page(ctx: Context, *, values: dict[str, str], errors: dict[str, str] | None = None,
                result: dict[str, Any] | None = None, status: int = 200) -> HTMLResponse:
    sexes = [(s.value, ctx.t(SEX[s.value])) for s in Sex]
    return ctx.render("screening.html", status=status, values=values, errors=errors or {}, result=result,
                      sexes=sexes)


@router.get("/{lang}/screening")
def check_page(ctx: Ctx) -> HTMLResponse:
    ctx.need(Permission.SCREEN)
    ctx.need_purpose()
    return _check_page(ctx, values={k: "" for k in FIELDS})


@router.post("/{lang}/screening")
def check(ctx: Ctx) -> HTMLResponse:
    ctx.need(Permission.SCREEN)
    ctx.need_purpose()
    values = {k: ctx.form.text(k, 1000) for k in FIELDS}
    try:
        person = _person(ctx, values)
    except ValidationError as exc:
        field = _FIELD_OF.get(exc.field or "", "names")
        message = ctx.t(_MESSAGES[field], detail=exc.message) if field in _MESSAGES else exc.message
        return _check_page(ctx, values=values, errors={field: message}, status=422)
    index = screening_index(ctx.request)
    keep = ctx.settings.travel_record_retention_days
    hits: list[Hit] = svc.check_traveller(person, index, ctx.uow(), actor=ctx.actor, now=ctx.now,
                                          threshold=DEFAULT_THRESHOLD,
                                          keep_for=timedelta(days=keep) if keep else None)
    alerts = svc.document_alerts(person, ctx.uow(write=False))
    result = {"person": person, "hits": [hit_view(ctx, h.as_dict()) for h in hits], "alerts": alerts}
    return _check_page(ctx, values=values, result=result)


# -- passenger lists ----------------------------------------------------------------------------------------

@router.get("/{lang}/screening/lists")
def list_page(ctx: Ctx) -> HTMLResponse:
    ctx.need(Permission.SCREEN)
    ctx.need_purpose()
    return ctx.render("lists.html", error=None, max_records=MAX_RECORDS)


@router.post("/{lang}/screening/lists")
def upload(ctx: Ctx) -> Any:
    ctx.need(Permission.SCREEN)
    ctx.need_purpose()
    filename, content = ctx.form.files.get("file", ("", b""))
    try:
        if not content:
            raise ValidationError("choose a file", field="file")
        records = read_records(filename[-80:] or "list", content)
    except ValidationError as exc:
        return ctx.render("lists.html", status=422, max_records=MAX_RECORDS,
                          error=ctx.t("This list cannot be screened: %(detail)s", detail=exc.message))
    svc.record_screening_job(ctx.uow(), actor=ctx.actor, now=ctx.now, source=filename[-80:] or "list")
    console = ctx.console
    job = console.jobs.start(owner=ctx.actor.name, filename=filename[-80:] or "list", records=records,
                             index=screening_index(ctx.request), uows=ctx.request.app.state.uow_factory,
                             actor=ctx.actor, clock=console.clock, keep_days=ctx.settings.travel_record_retention_days,
                             threshold=DEFAULT_THRESHOLD)
    return RedirectResponse(f"{ctx.base}/screening/lists/{job.id}", status_code=303)


def _job(ctx: Context, job_id: str) -> Any:
    job = ctx.console.jobs.get(job_id[:40], ctx.actor.name)
    if job is None:
        raise PageError(404, ctx.t("There is no such list among yours (lists are kept until the server restarts)."))
    return job


@router.get("/{lang}/screening/lists/{job_id}")
def progress(job_id: str, ctx: Ctx) -> HTMLResponse:
    ctx.need(Permission.SCREEN)
    job = _job(ctx, job_id)
    return ctx.render("list_progress.html", job=job, hits=job.hits[:200], problems=job.problems[:200])


@router.get("/{lang}/screening/lists/{job_id}/results.csv")
def results(job_id: str, ctx: Ctx) -> Response:
    ctx.need(Permission.SCREEN)
    job = _job(ctx, job_id)
    if not job.finished:
        raise PageError(409, ctx.t("The list is still being screened; the results come when it is done."))
    return Response(results_csv(job), media_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="hits-{job.id}.csv"',
                             "Cache-Control": "no-store"})


# -- the hit queue ------------------------------------------------------------------------------------------

def _queued(ctx: Context, hit: QueuedHit) -> dict[str, Any]:
    return {"id": hit.id, "notice": hit.entity_id, "score": hit.score, "status": hit.status.value,
            "status_label": ctx.t(HIT_STATUSES[hit.status.value]), "query": hit.query, "disclosed": hit.disclosed,
            "screened_by": hit.screened_by, "created_at": hit.created_at, "decided_by": hit.decided_by,
            "decided_at": hit.decided_at, "reason": hit.reason, "explanation": hit_view(ctx, hit.explanation)}


def _queue_page(ctx: Context, *, status: int = 200, errors: dict[int, str] | None = None,
                done: str | None = None, error: str | None = None) -> HTMLResponse:
    shown = ctx.request.query_params.get("status", "pending")
    wanted = None if shown == "all" else HitStatus(shown) if shown in {s.value for s in HitStatus} else \
        HitStatus.PENDING
    queued = svc.hit_queue(ctx.uow(), actor=ctx.actor, now=ctx.now, status=wanted)
    options = [(s, ctx.t(HIT_STATUSES[s])) for s in HIT_STATUSES] + [("all", ctx.t("all"))]
    return ctx.render("hits.html", status=status, hits=[_queued(ctx, h) for h in queued], errors=errors or {},
                      shown=wanted.value if wanted else "all", options=options, done=done, error=error,
                      path=f"{ctx.base}/hits")


@router.get("/{lang}/hits")
def hit_queue(ctx: Ctx) -> HTMLResponse:
    ctx.need(Permission.DECIDE_HITS)
    ctx.need_purpose()
    done = ctx.request.query_params.get("done")
    message = {"confirmed": ctx.t("The hit was confirmed."), "dismissed": ctx.t("The hit was dismissed.")}.get(
        done or "")
    return _queue_page(ctx, done=message)


@router.post("/{lang}/hits/{hit_id}")
def decide_hit(hit_id: str, ctx: Ctx) -> Any:
    ctx.need(Permission.DECIDE_HITS)
    ctx.need_purpose()
    if not hit_id.isdigit() or not 1 <= int(hit_id) < 2**63:
        raise PageError(404, ctx.t("There is no such hit in your queue."))
    decision = ctx.form.text("decision")
    reason = ctx.form.text("reason")
    number = int(hit_id)
    if decision not in ("confirmed", "dismissed"):
        return _queue_page(ctx, status=422, errors={number: ctx.t("Choose confirm or dismiss.")})
    if not reason:
        return _queue_page(ctx, status=422, errors={number: ctx.t("Give the reason for your decision.")})
    try:
        svc.decide_hit(number, HitStatus(decision), ctx.uow(), actor=ctx.actor, now=ctx.now, reason=reason)
    except NcbError as exc:
        message = ncb_error_message(ctx.lang, exc)
        return _queue_page(ctx, status=status_of(exc), errors={number: message},
                           error=ctx.t("Hit %(id)s: %(detail)s", id=number, detail=message))
    return RedirectResponse(f"{ctx.base}/hits?done={decision}", status_code=303)
