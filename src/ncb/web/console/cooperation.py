"""Cooperation between bureaus (issue #6) in the console: the bureau's messages (list, one message with its thread
and history, acknowledge, answer, close, a new message drafted and sent), extradition cases (stages, treaty
limits, running deadlines, advancing a stage) and operations (countries, targets, results, timeline, report).

Every call goes through :mod:`ncb.services.cooperation` with the officer as actor and the stated purpose, so reads
and changes are audited there and refusals come back as the console's error page; a form's error is shown beside
its field, in the officer's language where the console can say it, with nothing stored. The link graph and the
statistics are in :mod:`.insight`; the forms that create an operation or open a case in :mod:`.cooperation_new`.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from fastapi import APIRouter
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from ncb.domain.cooperation import extradition as ext
from ncb.domain.cooperation.messages import Channel, Message, MessageStatus, MessageType, check_deadline
from ncb.domain.cooperation.operations import CountryResult, Operation
from ncb.domain.identity import Permission
from ncb.domain.notices import url_id_of
from ncb.errors import IllegalTransition, NcbError, ValidationError
from ncb.services import cooperation as svc
from ncb.web.api_cooperation import content_disposition
from ncb.web.console.context import (
    PREFIX,
    ConsoleRoute,
    Context,
    Ctx,
    PageError,
    done_message,
    ncb_error_message,
    page_number,
)
from ncb.web.console.forms import split_codes
from ncb.web.console.i18n import N_
from ncb.web.console.labels import (
    CHANNELS,
    MESSAGE_ACTIONS,
    MESSAGE_STATUSES,
    MESSAGE_TYPES,
    STAGES,
    TARGET_KINDS,
)
from ncb.web.problems import status_of

router = APIRouter(prefix=PREFIX, route_class=ConsoleRoute, include_in_schema=False)
PER_PAGE = 25
ID_LIMIT = 40  # an id in an address is cut here before the services check it

DONE = {
    "drafted": N_("The draft was saved. Check it, then send it."), "sent": N_("The message was sent."),
    "acknowledge": N_("You acknowledged the message."), "close": N_("The message was closed."),
    "answer": N_("Your answer was sent."), "send": N_("The message was sent."),
    "advanced": N_("The stage was recorded."),
    "notified": N_("The stage was recorded, and the bureau that owns the notice was told."),
    "countries": N_("The countries were added."), "targets": N_("The target was added."),
    "results": N_("The results were recorded."), "timeline": N_("The timeline entry was added."),
    "created": N_("The operation was created: your bureau leads it."),
    "opened": N_("The extradition case was opened."),
}


def typed_day(ctx: Context, text: str, errors: dict[str, str], field: str) -> date | None:
    """A date typed as YYYY-MM-DD (what a date field sends), or its error beside ``field``."""
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        errors[field] = ctx.t("Write the date as YYYY-MM-DD (for example 2026-11-26).")
        return None


def field_of(path: str | None, fields: tuple[str, ...]) -> str:
    """The form field a service's error is about (``recipients[1]`` -> ``recipients``), or ``""``."""
    name = re.sub(r"[\[.].*", "", path or "")
    return name if name in fields else ""


def _labelled(ctx: Context, labels: dict[str, str]) -> list[tuple[str, str]]:
    return [(value, ctx.t(label)) for value, label in labels.items()]


# -- messages -------------------------------------------------------------------------------------------------

def _message_row(ctx: Context, m: Message) -> dict[str, Any]:
    reminder = m.reminders_on(ctx.now.date())
    return {"id": m.id, "type": ctx.t(MESSAGE_TYPES[m.type.value]), "channel": ctx.t(CHANNELS[m.channel.value]),
            "sender": m.sender, "recipients": m.recipients, "subject": m.subject, "status": m.status.value,
            "status_label": ctx.t(MESSAGE_STATUSES[m.status.value]), "deadline": m.deadline,
            "overdue": reminder is not None and reminder.days_left < 0, "at": m.sent_at or m.created_at,
            "incoming": m.sender.bureau != ctx.actor.viewer.country}


@router.get("/{lang}/messages")
def message_list(ctx: Ctx) -> HTMLResponse:
    ctx.need_purpose()
    page = page_number(ctx)
    shown = ctx.request.query_params.get("status", "")
    statuses = (MessageStatus(shown),) if shown in MESSAGE_STATUSES else ()
    total, found = svc.list_messages(ctx.uow(), actor=ctx.actor, now=ctx.now, statuses=statuses, page=page,
                                     per_page=PER_PAGE)
    due = [(_message_row(ctx, m), r.days_left) for m, r in
           svc.due_messages(ctx.uow(write=False), actor=ctx.actor, on=ctx.now.date())]
    return ctx.render("messages.html", rows=[_message_row(ctx, m) for m in found], total=total, page=page,
                      last=max(1, -(-total // PER_PAGE)), due=due, status_filter=shown if statuses else "",
                      status_options=_labelled(ctx, MESSAGE_STATUSES), done=done_message(ctx, DONE))


MESSAGE_FIELDS = ("type", "channel", "recipients", "subject", "body", "notices", "persons", "deadline")
LIMITS = {"body": 100_000, "persons": 4000}
_FIELD_MESSAGES = {"recipients": N_("Check the recipients: %(detail)s"),
                   "notices": N_("Check the linked notices: %(detail)s")}


def _message_form(ctx: Context, values: dict[str, str], errors: dict[str, str], status: int = 200) -> HTMLResponse:
    return ctx.render("message_form.html", status=status, values=values, errors=errors, general=errors.get(""),
                      types=_labelled(ctx, MESSAGE_TYPES), channels=_labelled(ctx, CHANNELS),
                      path=f"{ctx.base}/messages/new")


def _check_message(ctx: Context, values: dict[str, str]) -> dict[str, str]:
    """What the console can say in the officer's language before the services look."""
    errors: dict[str, str] = {}
    kind = MessageType(values["type"]) if values["type"] in MESSAGE_TYPES else None
    if kind is None:
        errors["type"] = ctx.t("Choose the kind of message.")
    if values["channel"] not in CHANNELS:
        errors["channel"] = ctx.t("Choose the channel.")
    elif kind is not None and Channel(values["channel"]) not in kind.channels:
        errors["channel"] = ctx.t("This kind of message cannot go through this channel; use: %(channels)s.",
                                  channels=", ".join(ctx.t(CHANNELS[c.value]) for c in sorted(kind.channels)))
    if not split_codes(values["recipients"]):
        errors["recipients"] = ctx.t("Name at least one bureau, such as FR (or an agency: JP:JP-OSAKA-PP).")
    if not values["subject"]:
        errors["subject"] = ctx.t("Give the subject line.")
    deadline = typed_day(ctx, values["deadline"], errors, "deadline")
    if deadline is not None:
        if kind is not None and not kind.is_request:
            errors["deadline"] = ctx.t("Only a request has a deadline.")
        try:
            check_deadline(deadline, ctx.now.date())
        except ValidationError:
            errors["deadline"] = ctx.t("The deadline %(day)s has passed: choose today or a later day.",
                                       day=deadline.isoformat())
    return errors


@router.get("/{lang}/messages/new")
def new_message(ctx: Ctx) -> HTMLResponse:
    ctx.need(Permission.WRITE_NOTICES)
    ctx.need_purpose()
    values = dict.fromkeys(MESSAGE_FIELDS, "") | {"type": "information_request", "channel": "interpol",
                                                  "notices": ctx.request.query_params.get("notice", "")[:20]}
    return _message_form(ctx, values, {})


@router.post("/{lang}/messages/new")
def create_message(ctx: Ctx) -> Any:
    ctx.need(Permission.WRITE_NOTICES)
    ctx.need_purpose()
    values = {k: ctx.form.text(k, LIMITS.get(k, 1000)) for k in MESSAGE_FIELDS}
    errors = _check_message(ctx, values)
    if errors:
        return _message_form(ctx, values, errors, 422)
    doc = {"type": values["type"], "channel": values["channel"], "recipients": split_codes(values["recipients"]),
           "subject": values["subject"], "body": values["body"], "notices": split_codes(values["notices"]),
           "persons": [p.strip() for p in values["persons"].splitlines() if p.strip()],
           "deadline": values["deadline"] or None}
    try:
        m = svc.draft_message(doc, ctx.uow(), actor=ctx.actor, now=ctx.now, policy=svc.policy_from(ctx.settings))
        if ctx.form.get("send"):
            m = svc.send_message(m.id, ctx.uow(), actor=ctx.actor, now=ctx.now)
    except (ValidationError, IllegalTransition) as exc:
        field = field_of(exc.field, MESSAGE_FIELDS)
        lead = _FIELD_MESSAGES.get(field)
        errors = {field: ctx.t(lead, detail=exc.message) if lead else ncb_error_message(ctx.lang, exc)}
        return _message_form(ctx, values, errors, status_of(exc))
    except NcbError as exc:  # a linked notice this bureau may not see answers as one that does not exist
        field = field_of(exc.field, MESSAGE_FIELDS)
        if not field:
            raise
        return _message_form(ctx, values, {field: ctx.t(_FIELD_MESSAGES.get(field, "%(detail)s"),
                                                        detail=exc.message)}, status_of(exc))
    done = "sent" if m.status is MessageStatus.SENT else "drafted"
    return RedirectResponse(f"{ctx.base}/messages/{m.id}?done={done}", status_code=303)


def _history(ctx: Context, view: svc.MessageView) -> list[dict[str, Any]]:
    return [{"action": ctx.t(MESSAGE_ACTIONS[e.action.value]), "to": ctx.t(MESSAGE_STATUSES[e.to_status.value]),
             "actor": e.actor, "at": e.at, "reason": e.note} for e in view.history]


def _message_page(ctx: Context, message_id: str, *, status: int = 200, error: str | None = None,
                  note: str = "") -> HTMLResponse:
    view = svc.get_message(message_id[:ID_LIMIT], ctx.uow(), actor=ctx.actor, now=ctx.now)
    m = view.message
    thread = svc.thread(m.id, ctx.uow(), actor=ctx.actor, now=ctx.now)
    actions = {a.value for a in svc.message_actions(ctx.actor, m)}
    return ctx.render("message.html", status=status, m=m, row=_message_row(ctx, m), history=_history(ctx, view),
                      thread=[_message_row(ctx, x) | {"body": x.body} for x in thread], actions=actions,
                      error=error, note=note, done=done_message(ctx, DONE), url_id=url_id_of,
                      path=f"{ctx.base}/messages/{m.id}")


@router.get("/{lang}/messages/{message_id}")
def show_message(message_id: str, ctx: Ctx) -> HTMLResponse:
    ctx.need_purpose()
    return _message_page(ctx, message_id)


@router.get("/{lang}/messages/{message_id}/attachments/{name}")
def message_attachment(message_id: str, name: str, ctx: Ctx) -> Response:
    ctx.need_purpose()
    a, data = svc.attachment(message_id[:ID_LIMIT], name[:300], ctx.uow(), actor=ctx.actor, now=ctx.now)
    return Response(data, media_type=a.media_type, headers={"Content-Disposition": content_disposition(a.name),
                                                            "Cache-Control": "no-store"})


@router.post("/{lang}/messages/{message_id}/{action}")
def act_on_message(message_id: str, action: str, ctx: Ctx) -> Any:
    ctx.need_purpose()
    if action not in ("send", "acknowledge", "close", "answer"):
        raise PageError(404, ctx.t("There is no page here."))
    note = ctx.form.text("note", 100_000)
    mid = message_id[:ID_LIMIT]
    if action == "answer" and not note:
        return _message_page(ctx, mid, status=422, error=ctx.t("Write your answer before sending it."))
    try:
        if action == "send":
            svc.send_message(mid, ctx.uow(), actor=ctx.actor, now=ctx.now)
        elif action == "answer":
            svc.answer_message(mid, {"body": note}, ctx.uow(), actor=ctx.actor, now=ctx.now,
                               policy=svc.policy_from(ctx.settings))
        else:
            change = svc.acknowledge_message if action == "acknowledge" else svc.close_message
            change(mid, ctx.uow(), actor=ctx.actor, now=ctx.now, note=note or None)
    except (ValidationError, IllegalTransition) as exc:
        return _message_page(ctx, mid, status=status_of(exc), error=ncb_error_message(ctx.lang, exc), note=note)
    return RedirectResponse(f"{ctx.base}/messages/{mid.upper()}?done={action}", status_code=303)


# -- extradition cases ----------------------------------------------------------------------------------------

DEADLINES = {ext.Stage.PROVISIONAL_ARREST: N_("The extradition request must reach %(requested)s within %(days)s days "
                                              "of the provisional arrest, or the person is released."),
             ext.Stage.EXECUTIVE_DECISION: N_("%(requesting)s must take the person over within %(days)s days of "
                                              "the decision to surrender.")}


def _deadline_view(ctx: Context, case: ext.ExtraditionCase, d: ext.Deadline, limits: ext.Limits,
                   warned: bool) -> dict[str, Any]:
    days = limits.provisional_arrest_to_request_days if case.stage is ext.Stage.PROVISIONAL_ARREST \
        else limits.surrender_days
    what = DEADLINES.get(case.stage)
    text = ctx.t(what, requested=ctx.country(case.requested), requesting=ctx.country(case.requesting),
                 days=days) if what else d.what
    return {"case": case.id, "person": case.person, "text": text, "due_on": d.due_on, "days_left": d.days_left,
            "passed": d.passed, "warned": warned, "source": d.source}


def _case_row(ctx: Context, case: ext.ExtraditionCase) -> dict[str, Any]:
    return {"id": case.id, "person": case.person, "requesting": case.requesting, "requested": case.requested,
            "stage": case.stage.value, "stage_label": ctx.t(STAGES[case.stage.value]), "open": case.is_open,
            "since": case.stages[-1].on, "notice": case.notice}


@router.get("/{lang}/cases")
def case_list(ctx: Ctx) -> HTMLResponse:
    ctx.need_purpose()
    show = "all" if ctx.request.query_params.get("show") == "all" else "open"
    policy = svc.policy_from(ctx.settings)
    cases = svc.list_cases(ctx.uow(write=False), actor=ctx.actor, open_only=show == "open")
    by_id = {c.id: c for c in svc.list_cases(ctx.uow(write=False), actor=ctx.actor, open_only=True)}
    warnings = [_deadline_view(ctx, by_id[d.case_id], d, svc.case_limits(by_id[d.case_id], policy), True)
                for d in svc.case_warnings(ctx.uow(write=False), actor=ctx.actor, today=ctx.now.date(),
                                           policy=policy) if d.case_id in by_id]
    return ctx.render("cases.html", rows=[_case_row(ctx, c) for c in cases], show=show, warnings=warnings,
                      warning_days=policy.warning_days)


def _case_page(ctx: Context, case_id: str, *, status: int = 200, errors: dict[str, str] | None = None,
               values: dict[str, str] | None = None) -> HTMLResponse:
    case = svc.get_case(case_id[:ID_LIMIT], ctx.uow(write=False), actor=ctx.actor)
    policy = svc.policy_from(ctx.settings)
    limits = svc.case_limits(case, policy)
    today = ctx.now.date()
    warned = {(d.what, d.due_on) for d in ext.warnings(case, limits, today, policy.warning_days)}
    running = [_deadline_view(ctx, case, d, limits, (d.what, d.due_on) in warned)
               for d in ext.deadlines(case, limits, today)]
    stages = [{"stage": ctx.t(STAGES[e.stage.value]), "on": e.on, "actor": e.actor, "at": e.at, "note": e.note}
              for e in case.stages]
    keeps = case.bureau == ctx.actor.viewer.country and ctx.can(Permission.WRITE_NOTICES)
    return ctx.render("case.html", status=status, case=case, row=_case_row(ctx, case), stages=stages,
                      limits=limits, deadlines=running, warning_days=policy.warning_days,
                      next_stages=[(s.value, ctx.t(STAGES[s.value])) for s in case.stage.next_stages],
                      can_advance=keeps and case.is_open, errors=errors or {},
                      values=values or {"on": today.isoformat()}, done=done_message(ctx, DONE), url_id=url_id_of,
                      path=f"{ctx.base}/cases/{case.id}")


@router.get("/{lang}/cases/{case_id}")
def show_case(case_id: str, ctx: Ctx) -> HTMLResponse:
    ctx.need_purpose()
    return _case_page(ctx, case_id)


def _stage_error(ctx: Context, case: ext.ExtraditionCase, stage: str, exc: IllegalTransition) -> str:
    allowed = case.stage.next_stages
    if ext.Stage(stage) in allowed:
        return ctx.t("This stage does not fit this case: %(detail)s", detail=exc.message)
    return ctx.t("A case at “%(current)s” cannot go to “%(target)s”. Possible next stages: %(options)s.",
                 current=ctx.t(STAGES[case.stage.value]), target=ctx.t(STAGES[stage]),
                 options=", ".join(ctx.t(STAGES[s.value]) for s in allowed) or ctx.t("none: the case is closed"))


@router.post("/{lang}/cases/{case_id}/advance")
def advance_case(case_id: str, ctx: Ctx) -> Any:
    ctx.need_purpose()
    values = {k: ctx.form.text(k, 4000) for k in ("stage", "on", "note")}
    errors: dict[str, str] = {}
    if values["stage"] not in STAGES:
        errors["stage"] = ctx.t("Choose the stage the case has reached.")
    on = typed_day(ctx, values["on"], errors, "on")
    cid = case_id[:ID_LIMIT]
    if errors:
        return _case_page(ctx, cid, status=422, errors=errors, values=values)
    try:
        change = svc.advance_case(cid, values["stage"], ctx.uow(), actor=ctx.actor, now=ctx.now, on=on,
                                  note=values["note"] or None)
    except IllegalTransition as exc:
        case = svc.get_case(cid, ctx.uow(write=False), actor=ctx.actor)
        return _case_page(ctx, cid, status=409, values=values,
                          errors={"stage": _stage_error(ctx, case, values["stage"], exc)})
    except ValidationError as exc:
        previous = svc.get_case(cid, ctx.uow(write=False), actor=ctx.actor).stages[-1].on
        message = {"on": ctx.t("Give the day the stage was reached: not after today, and not before the previous "
                               "stage (%(day)s).", day=ctx.long_date(previous)),
                   "note": ctx.t("A refusal is recorded with its grounds: write them in the note.")}
        field = exc.field if exc.field in message else ""
        return _case_page(ctx, cid, status=422, values=values,
                          errors={field: message.get(field) or ncb_error_message(ctx.lang, exc)})
    done = "notified" if change.notification else "advanced"
    return RedirectResponse(f"{ctx.base}/cases/{change.case.id}?done={done}", status_code=303)


# -- operations -----------------------------------------------------------------------------------------------

@router.get("/{lang}/operations")
def operation_list(ctx: Ctx) -> HTMLResponse:
    ctx.need_purpose()
    return ctx.render("operations.html", operations=svc.list_operations(ctx.uow(write=False), actor=ctx.actor))


def _results(op: Operation) -> list[dict[str, Any]]:
    """Each participating country's reports, the leader's first."""
    per: dict[str, list[CountryResult]] = {c: [] for c in op.countries}
    for r in op.results:
        per.setdefault(r.country, []).append(r)
    return [{"country": c, "arrests": sum(r.arrests for r in rs), "reports": rs} for c, rs in per.items()]


def _operation_page(ctx: Context, operation_id: str, *, status: int = 200, error: tuple[str, str] | None = None,
                    values: dict[str, str] | None = None) -> HTMLResponse:
    op = svc.get_operation(operation_id[:ID_LIMIT], ctx.uow(write=False), actor=ctx.actor)
    mine = ctx.actor.viewer.country
    writes = ctx.can(Permission.WRITE_NOTICES)
    today = ctx.now.date().isoformat()
    return ctx.render("operation.html", status=status, op=op, results=_results(op), totals=op.totals(),
                      leads=writes and op.bureau == mine, takes_part=writes and op.involves(mine),
                      kinds=_labelled(ctx, TARGET_KINDS), kind_label=lambda k: ctx.t(TARGET_KINDS[k]),
                      error=error, values=values or {"result_country": mine or "", "reported_on": today,
                                                     "event_on": today},
                      done=done_message(ctx, DONE), url_id=url_id_of, path=f"{ctx.base}/operations/{op.id}")


@router.get("/{lang}/operations/{operation_id}")
def show_operation(operation_id: str, ctx: Ctx) -> HTMLResponse:
    ctx.need_purpose()
    return _operation_page(ctx, operation_id)


OPERATION_FIELDS = ("countries", "target_kind", "target_ref", "target_label", "result_country", "reported_on",
                    "arrests", "item", "quantity", "unit", "value", "currency", "result_note", "event_on",
                    "event_country", "event_text")


def _change_operation(ctx: Context, oid: str, change: str, v: dict[str, str]) -> None:
    """One change of an operation through its use case; a ``ValidationError`` says what is wrong."""
    uow = ctx.uow()
    errors: dict[str, str] = {}
    if change == "countries":
        svc.add_participants(oid, split_codes(v["countries"]), uow, actor=ctx.actor, now=ctx.now)
    elif change == "targets":
        svc.add_target(oid, v["target_kind"], v["target_ref"], uow, actor=ctx.actor, now=ctx.now,
                       label=v["target_label"] or None)
    elif change == "results":
        if not v["arrests"].isdigit():
            raise ValidationError(ctx.t("Give the number of arrests as a whole number (0 or more)."), field="arrests")
        seizures = [{"item": v["item"], "quantity": v["quantity"], "unit": v["unit"], "value": v["value"] or None,
                     "currency": v["currency"] or None}] if v["item"] or v["quantity"] else []
        reported_on = typed_day(ctx, v["reported_on"], errors, "reported_on")
        if errors:
            raise ValidationError(errors["reported_on"], field="reported_on")
        svc.add_result(oid, {"country": v["result_country"].upper() or None, "arrests": int(v["arrests"]),
                             "seizures": seizures, "note": v["result_note"], "reported_on": reported_on}, uow,
                       actor=ctx.actor, now=ctx.now)
    else:
        on = typed_day(ctx, v["event_on"], errors, "event_on")
        if errors:
            raise ValidationError(errors["event_on"], field="event_on")
        svc.add_event(oid, v["event_text"], uow, actor=ctx.actor, now=ctx.now, on=on,
                      country=v["event_country"].upper() or None)


@router.post("/{lang}/operations/{operation_id}/{change}")
def change_operation(operation_id: str, change: str, ctx: Ctx) -> Any:
    ctx.need_purpose()
    if change not in ("countries", "targets", "results", "timeline"):
        raise PageError(404, ctx.t("There is no page here."))
    values = {k: ctx.form.text(k, 2000) for k in OPERATION_FIELDS}
    oid = operation_id[:ID_LIMIT]
    try:
        _change_operation(ctx, oid, change, values)
    except ValidationError as exc:
        return _operation_page(ctx, oid, status=422, values=values,
                               error=(change, ctx.t("Nothing was saved: %(detail)s", detail=exc.message)))
    return RedirectResponse(f"{ctx.base}/operations/{oid.upper()}?done={change}#{change}", status_code=303)


@router.get("/{lang}/operations/{operation_id}/report")
def operation_report(operation_id: str, ctx: Ctx) -> HTMLResponse:
    ctx.need_purpose()
    op = svc.get_operation(operation_id[:ID_LIMIT], ctx.uow(write=False), actor=ctx.actor)
    text = svc.operation_report(op.id, ctx.uow(write=False), actor=ctx.actor)
    return ctx.render("operation_report.html", op=op, report=text)


@router.get("/{lang}/operations/{operation_id}/report.md")
def operation_report_file(operation_id: str, ctx: Ctx) -> Response:
    ctx.need_purpose()
    text = svc.operation_report(operation_id[:ID_LIMIT], ctx.uow(write=False), actor=ctx.actor)
    name = f"operation-{operation_id[:ID_LIMIT].upper()}.md"
    return Response(text, media_type="text/markdown; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="{name}"', "Cache-Control": "no-store"})
