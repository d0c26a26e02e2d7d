"""``ncb requests`` (data-subject requests, for the data-protection officer and the consulted bureaus) and
``ncb retention`` (reminders, expiry and purge)."""

from __future__ import annotations

from typing import Any

import click

from ncb.cli.context import AppContext, done, pass_app, print_json, print_table, run_guarded
from ncb.domain.retention import RetentionReminder
from ncb.domain.subject_requests import Consultation, OwnerAnswer, RequestKind, RequestStatus, SubjectRequest
from ncb.services import data_protection as svc
from ncb.services import retention

_STATUSES = click.Choice([s.value for s in RequestStatus])
_JSON = click.option("--json", "as_json", is_flag=True, help="JSON for programs.")


def _request_rows(requests: list[SubjectRequest], app: AppContext) -> list[tuple[Any, ...]]:
    today = app.today()
    return [(r.reference, r.kind.value, r.status.value, r.received_at.date().isoformat(),
             r.due_on.isoformat() if r.deadline else "", r.deadline_state(today) or "",
             r.outcome.value if r.outcome else "") for r in requests]


def _question_rows(questions: list[Consultation]) -> list[tuple[Any, ...]]:
    return [(c.id, c.notice_id, c.bureau, c.kind.value, c.asked_at.date().isoformat(),
             c.answer.value if c.answer else "(waiting)", c.answer_note or "") for c in questions]


_QUESTION_HEADERS = ["id", "notice", "bureau", "kind", "asked", "answer", "note"]


def _said(app: AppContext, request: SubjectRequest, as_json: bool, message: str) -> None:
    if as_json:
        print_json(svc.request_view(request, app.today()))
    else:
        done(message)


@click.group("requests")
def requests_group() -> None:
    """Data-subject requests (access, correction, deletion): for the data-protection officer (--role dpo);
    a consulted bureau's officers see and answer only the questions about their own notices."""


@requests_group.command("submit")
@click.option("--kind", type=click.Choice([k.value for k in RequestKind]), required=True)
@click.option("--family-name", required=True)
@click.option("--forenames", default=None)
@click.option("--other-name", "other_names", multiple=True, help="Another spelling or script (repeatable).")
@click.option("--date-of-birth", required=True, metavar="YYYY[/MM[/DD]]")
@click.option("--nationality", default=None, metavar="CC")
@click.option("--contact", required=True, help="Where the answer goes (e-mail or postal address).")
@click.option("--details", required=True, help="What is asked.")
@_JSON
@pass_app
@run_guarded
def submit_command(app: AppContext, kind: str, family_name: str, forenames: str | None, other_names: tuple[str, ...],
                   date_of_birth: str, nationality: str | None, contact: str, details: str, as_json: bool) -> None:
    """Enter a request received on paper (the public form is POST /public/data-requests). Prints the reference
    to give the requester, and the deadline.

    \b
    Example:
      ncb requests submit --kind access --family-name Yamada --forenames Taro --date-of-birth 1989/04/16 \\
        --contact "1-2-3 Chiyoda, Tokyo" --details "What do you hold about me?"
    """
    form = {"kind": kind, "family_name": family_name, "forenames": forenames, "other_names": list(other_names),
            "date_of_birth": date_of_birth, "nationality": nationality, "contact": contact, "details": details}
    request = svc.submit_request(form, app.uow(), now=app.now())
    _said(app, request, as_json, f"request {request.reference} received; decision due by "
                                 f"{request.due_on.isoformat()} (counted from admissibility)")


@requests_group.command("list")
@click.option("--status", "statuses", type=_STATUSES, multiple=True, help="Only these statuses (repeatable).")
@click.option("--late", is_flag=True, help="Only requests overdue or due within --soon-days.")
@click.option("--soon-days", type=click.IntRange(0, 366), default=30, show_default=True)
@_JSON
@pass_app
@run_guarded
def list_command(app: AppContext, statuses: tuple[str, ...], late: bool, soon_days: int, as_json: bool) -> None:
    """The requests, by deadline.

    \b
    Examples:
      ncb --role dpo requests list
      ncb --role dpo requests list --late --soon-days 14 --json
    """
    found = svc.list_requests(app.uow(write=False), actor=app.who, today=app.today(),
                              statuses={RequestStatus(s) for s in statuses} or None, late_only=late,
                              soon_days=soon_days)
    if as_json:
        print_json([svc.request_view(r, app.today()) for r in found])
    else:
        print_table(f"data-subject requests ({len(found)})",
                    ["reference", "kind", "status", "received", "due", "deadline", "outcome"],
                    _request_rows(found, app))


@requests_group.command("show")
@click.argument("reference")
@_JSON
@pass_app
@run_guarded
def show_command(app: AppContext, reference: str, as_json: bool) -> None:
    """One request: the requester, its history, the owners' answers.

    \b
    Example:
      ncb --role dpo requests show DSR-7K3M-Q9XD-F2WB-H4TN
    """
    file = svc.get_request(reference, app.uow(write=False), actor=app.who)
    data = file.as_dict(app.today())
    if as_json:
        print_json(data)
        return
    r = file.request
    who = r.requester
    click.echo(f"{r.reference}  {r.kind.value}  {r.status.value}  received {r.received_at.date().isoformat()}")
    if file.request.deadline:
        click.echo(f"due {r.due_on.isoformat()}: {data['deadline']} [{data['deadline_state']}]")
    if who:
        click.echo(f"requester: {who.family_name}, {who.forenames or ''} born {who.date_of_birth}"
                   f"{' (' + ', '.join(who.other_names) + ')' if who.other_names else ''}; contact: {who.contact}")
    click.echo(f"asked: {r.details}")
    if r.outcome:
        click.echo(f"decision: {r.outcome.value}: {r.decision}")
    print_table("events", ["at", "actor", "event", "note"],
                [(e.at.isoformat(timespec="minutes"), e.actor, e.event, e.note) for e in file.events])
    if file.consultations:
        print_table("owner bureaus consulted", _QUESTION_HEADERS, _question_rows(list(file.consultations)))


@requests_group.command("admit")
@click.argument("reference")
@_JSON
@pass_app
@run_guarded
def admit_command(app: AppContext, reference: str, as_json: bool) -> None:
    """The request is admissible: the decision deadline counts from today.

    \b
    Example:
      ncb --role dpo requests admit DSR-7K3M-Q9XD-F2WB-H4TN
    """
    request = svc.admit_request(reference, app.uow(), actor=app.who, now=app.now())
    _said(app, request, as_json, f"{request.reference} admissible; decision due by {request.due_on.isoformat()}")


@requests_group.command("reject")
@click.argument("reference")
@click.option("--reasons", required=True, help="Why the request is inadmissible (recorded).")
@_JSON
@pass_app
@run_guarded
def reject_command(app: AppContext, reference: str, reasons: str, as_json: bool) -> None:
    """Declare a request inadmissible, with reasons; it ends there.

    \b
    Example:
      ncb --role dpo requests reject DSR-7K3M-Q9XD-F2WB-H4TN --reasons "No identity given"
    """
    request = svc.declare_inadmissible(reference, reasons, app.uow(), actor=app.who, now=app.now())
    _said(app, request, as_json, f"{request.reference} inadmissible")


@requests_group.command("matches")
@click.argument("reference")
@_JSON
@pass_app
@run_guarded
def matches_command(app: AppContext, reference: str, as_json: bool) -> None:
    """The notices that may be about the requester (by names and date of birth), to check before consulting.

    \b
    Example:
      ncb --role dpo requests matches DSR-7K3M-Q9XD-F2WB-H4TN
    """
    found = svc.concerned_notices(reference, app.uow(write=False), actor=app.who, today=app.today())
    if as_json:
        print_json(found)
    else:
        print_table(f"notices that may concern {reference} ({len(found)})", ["notice", "type", "status", "owner"],
                    [(n["entity_id"], n["type"], n["status"], n["owner"]) for n in found])


@requests_group.command("consult")
@click.argument("reference")
@click.option("--notice", "notices", multiple=True, metavar="ENTITY_ID",
              help="Exactly these notices (repeatable); default: every notice found by `matches`.")
@_JSON
@pass_app
@run_guarded
def consult_command(app: AppContext, reference: str, notices: tuple[str, ...], as_json: bool) -> None:
    """Ask the owner bureau of each notice concerned (CCF Statute Art. 35).

    \b
    Examples:
      ncb --role dpo requests consult DSR-7K3M-Q9XD-F2WB-H4TN
      ncb --role dpo requests consult DSR-7K3M-Q9XD-F2WB-H4TN --notice 2026/00011
    """
    asked = svc.consult_owners(reference, app.uow(), actor=app.who, now=app.now(),
                               notice_ids=list(notices) if notices else None)
    if as_json:
        print_json([c.officer_view() for c in asked])
    else:
        print_table(f"owner bureaus consulted ({len(asked)})", _QUESTION_HEADERS, _question_rows(asked))


@requests_group.command("questions")
@click.option("--all", "show_all", is_flag=True, help="Answered questions too.")
@_JSON
@pass_app
@run_guarded
def questions_command(app: AppContext, show_all: bool, as_json: bool) -> None:
    """For a bureau's officers: the data-protection questions about your bureau's notices.

    \b
    Examples:
      ncb --as bureau:FR requests questions
      ncb --as bureau:FR requests questions --all --json
    """
    found = svc.owner_questions(app.uow(write=False), actor=app.who, open_only=not show_all)
    if as_json:
        print_json([c.officer_view() for c in found])
        return
    print_table(f"questions to your bureau ({len(found)})", _QUESTION_HEADERS, _question_rows(found))
    for c in found:
        click.echo(f"[{c.id}] {c.notice_id}: {c.question}")


@requests_group.command("answer")
@click.argument("question_id", type=click.IntRange(1))
@click.argument("reply", type=click.Choice([a.value for a in OwnerAnswer]))
@click.option("--note", default=None, help="Grounds (needed to object) or what to correct.")
@_JSON
@pass_app
@run_guarded
def answer_command(app: AppContext, question_id: int, reply: str, note: str | None, as_json: bool) -> None:
    """For a bureau's officers: answer a question about your bureau's notice.

    \b
    Examples:
      ncb --as bureau:JP requests answer 12 agrees
      ncb --as bureau:FR requests answer 13 objects --note "The investigation is ongoing"
    """
    answered = svc.answer_question(question_id, reply, note, app.uow(), actor=app.who, now=app.now())
    if as_json:
        print_json(answered.officer_view())
    else:
        done(f"answered question {answered.id} about {answered.notice_id}: {reply}")


@requests_group.command("decide")
@click.argument("reference")
@click.argument("outcome", type=click.Choice(["granted", "partly", "refused"]))
@click.option("--reasons", required=True, help="The reasons for the decision (recorded).")
@click.option("--notice", "notices", multiple=True, metavar="ENTITY_ID",
              help="partly: the notices the grant covers (repeatable).")
@_JSON
@pass_app
@run_guarded
def decide_command(app: AppContext, reference: str, outcome: str, reasons: str, notices: tuple[str, ...],
                   as_json: bool) -> None:
    """Decide, with reasons, once every owner consulted has answered.

    \b
    Examples:
      ncb --role dpo requests decide DSR-7K3M-Q9XD-F2WB-H4TN granted --reasons "No ground to keep the data"
      ncb --role dpo requests decide DSR-7K3M-Q9XD-F2WB-H4TN partly --notice 2026/00011 --reasons "..."
    """
    request = svc.decide_request(reference, outcome, reasons, app.uow(), actor=app.who, now=app.now(),
                                 granted=list(notices) or None)
    due = f"; to be carried out by {request.due_on.isoformat()}" if request.deadline else ""
    _said(app, request, as_json, f"{request.reference} {outcome}{due}")


@requests_group.command("carry-out")
@click.argument("reference")
@click.option("--note", default=None, help="What was done (needed for a correction).")
@_JSON
@pass_app
@run_guarded
def carry_out_command(app: AppContext, reference: str, note: str | None, as_json: bool) -> None:
    """Carry the decision out: a granted deletion erases the notices it covers everywhere (and then the
    requester's own data); a granted access prints the data to send; a refusal closes the request.

    \b
    Example:
      ncb --role dpo requests carry-out DSR-7K3M-Q9XD-F2WB-H4TN
    """
    result = svc.carry_out_request(reference, app.uow(), actor=app.who, now=app.now(), note=note)
    r, e = result.request, result.erasure
    if as_json:
        print_json({**svc.request_view(r, app.today()), "erased_notices": list(e.notices),
                    "travel_records_erased": e.travel_records, "audit_payloads_erased": e.audit_payloads,
                    "disclosure": list(result.disclosure)})
        return
    done(f"{r.reference} {r.status.value}")
    if e.notices:
        print_table("erased", ["notices", "travel records", "audit payloads"],
                    [(", ".join(e.notices), e.travel_records, e.audit_payloads)])
    if result.disclosure:
        print_json(list(result.disclosure))


# -- retention -------------------------------------------------------------------------------------------
def _policy(app: AppContext) -> retention.RetentionPolicy:
    s = app.settings
    return retention.RetentionPolicy(review_before_expiry_months=s.review_before_expiry_months,
                                     purge_after_expiry_months=s.purge_after_expiry_months)


def _reminder_rows(reminders: tuple[RetentionReminder, ...] | list[RetentionReminder]) -> list[tuple[Any, ...]]:
    return [(r.notice_id, r.bureau, r.expires_on.isoformat(), r.sent_at.date().isoformat()) for r in reminders]


@click.group("retention")
def retention_group() -> None:
    """Retention of notices: reminders to owner bureaus before expiry, expiry, purge after retention."""


@retention_group.command("run")
@click.option("--dry-run", is_flag=True, help="Say what would be done; change nothing.")
@_JSON
@pass_app
@run_guarded
def run_command(app: AppContext, dry_run: bool, as_json: bool) -> None:
    """Remind owner bureaus of notices expiring within NCB_REVIEW_BEFORE_EXPIRY_MONTHS, expire notices whose
    time is up (out of the public API, the portal and screening), and purge notices expired more than
    NCB_PURGE_AFTER_EXPIRY_MONTHS ago. Safe to run daily and again.

    \b
    Examples:
      ncb --role system_admin retention run --dry-run
      ncb --role system_admin retention run --json
    """
    if dry_run:
        report = retention.plan_retention(app.uow(write=False), today=app.today(), now=app.now(),
                                          policy=_policy(app), actor=app.who)
    else:
        report = retention.run_retention(app.uow(), today=app.today(), now=app.now(), policy=_policy(app),
                                         actor=app.who)
    if as_json:
        print_json(report.as_dict())
        return
    verb = "would be" if dry_run else "were"
    print_table(f"retention run{' (dry run)' if dry_run else ''}", ["step", "notices", "which"], [
        ("reminded", len(report.reminded), ", ".join(r.notice_id for r in report.reminded)),
        ("expired", len(report.expired), ", ".join(report.expired)),
        ("purged", len(report.purged.notices), ", ".join(report.purged.notices)),
    ], caption=None if dry_run else f"{report.purged.travel_records} travel records and "
                                    f"{report.purged.audit_payloads} audit payloads {verb} erased with them")


@retention_group.command("reminders")
@_JSON
@pass_app
@run_guarded
def reminders_command(app: AppContext, as_json: bool) -> None:
    """The reminders sent to your bureau: its notices about to expire, to extend (with reasons) or let go.

    \b
    Examples:
      ncb retention reminders
      ncb --as bureau:FR retention reminders --json
    """
    found = retention.reminders_for(app.uow(write=False), actor=app.who)
    if as_json:
        print_json([r.as_dict() for r in found])
    else:
        print_table(f"retention reminders ({len(found)})", ["notice", "bureau", "expires on", "reminded on"],
                    _reminder_rows(found))
