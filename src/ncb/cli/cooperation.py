"""``ncb messages ...``, ``ncb cases ...``, ``ncb operations ...`` and ``ncb stats``: cooperation between
bureaus from the command line."""

from __future__ import annotations

import mimetypes
import sys
from datetime import date
from pathlib import Path
from typing import Any

import click

from ncb.cli.context import AppContext, done, pass_app, print_json, print_table, run_guarded
from ncb.domain.cooperation.extradition import ExtraditionCase, Stage, deadlines
from ncb.domain.cooperation.messages import Channel, Message, MessageStatus, MessageType
from ncb.domain.cooperation.operations import Operation, TargetKind
from ncb.domain.cooperation.statistics import tables_csv
from ncb.errors import ValidationError
from ncb.services import cooperation as svc

_JSON = click.option("--json", "as_json", is_flag=True, help="JSON for programs.")
_DATE = click.DateTime(formats=["%Y-%m-%d"])


def _day(value: Any) -> date | None:
    return value.date() if value is not None else None


def _files(paths: tuple[str, ...]) -> list[svc.NewAttachment]:
    out = []
    for i, p in enumerate(paths):
        path = Path(p)
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise ValidationError(f"{p}: {exc.strerror}", field=f"attachments[{i}]") from None
        media_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        out.append(svc.NewAttachment(path.name, media_type, data))
    return out


def _message_row(m: Message) -> tuple[Any, ...]:
    return (m.id, m.type.value, m.channel.value, str(m.sender), ", ".join(str(r) for r in m.recipients),
            m.status.value, m.deadline, m.subject)


_MESSAGE_COLUMNS = ["id", "type", "channel", "from", "to", "status", "deadline", "subject"]


# -- messages ----------------------------------------------------------------------------------------
@click.group("messages")
def messages_group() -> None:
    """Requests and messages between bureaus: draft, send, list, show, reply, acknowledge, close, deadlines."""


@messages_group.command("draft")
@click.option("--type", "type_", type=click.Choice([t.value for t in MessageType]), default="information_request",
              show_default=True)
@click.option("--channel", type=click.Choice([c.value for c in Channel]),
              help="Default: interpol (diplomatic for an extradition request, mlat for an MLA request).")
@click.option("--to", "recipients", multiple=True, required=True, help="A bureau (FR) or an agency (JP:JP-OSAKA-PP).")
@click.option("--subject", required=True)
@click.option("--body", default="", help="The text; - reads it from standard input.")
@click.option("--notice", "notices", multiple=True, help="A linked notice (its restriction travels with it).")
@click.option("--person", "persons", multiple=True, help="A person concerned, as named.")
@click.option("--case", "cases", multiple=True, help="A linked case or operation id.")
@click.option("--deadline", type=_DATE, help="YYYY-MM-DD; not in the past.")
@click.option("--reminder", "reminders", multiple=True, type=int, help="Days before the deadline (default 7 and 1).")
@click.option("--attach", "attach", multiple=True, type=click.Path(dir_okay=False), help="A file to attach.")
@click.option("--send", "send_now", is_flag=True, help="Send it at once.")
@_JSON
@pass_app
@run_guarded
def draft_command(app: AppContext, type_: str, channel: str | None, recipients: tuple[str, ...], subject: str,
                  body: str, notices: tuple[str, ...], persons: tuple[str, ...], cases: tuple[str, ...],
                  deadline: Any, reminders: tuple[int, ...], attach: tuple[str, ...], send_now: bool,
                  as_json: bool) -> None:
    """Write a draft to one or more bureaus (and send it with --send).

    \b
    Examples:
      ncb messages draft --type locate_request --to FR --subject "Locate YAMADA Taro" \\
          --notice 2026/00001 --deadline 2026-12-31 --attach warrant.pdf --send
      ncb messages draft --type mla_request --to US --subject "Bank records" --body - < request.txt
    """
    doc: dict[str, Any] = {"type": type_, "recipients": list(recipients), "subject": subject,
                           "body": sys.stdin.read() if body == "-" else body, "notices": list(notices),
                           "persons": list(persons), "cases": list(cases),
                           "deadline": _day(deadline).isoformat() if deadline else None}  # type: ignore[union-attr]
    if channel:
        doc["channel"] = channel
    if reminders:
        doc["reminder_days"] = list(reminders)
    policy = svc.policy_from(app.settings)
    m = svc.draft_message(doc, app.uow(), actor=app.who, now=app.now(), attachments=_files(attach), policy=policy)
    if send_now:
        m = svc.send_message(m.id, app.uow(), actor=app.who, now=app.now())
    if as_json:
        print_json(m.to_dict())
        return
    done(f"{m.id} {m.status.value}")


@messages_group.command("send")
@click.argument("message_id")
@_JSON
@pass_app
@run_guarded
def send_command(app: AppContext, message_id: str, as_json: bool) -> None:
    """Send a draft (the restrictions of its notices are checked again).

    \b
    Example:
      ncb messages send JP-2026-M00001
    """
    m = svc.send_message(message_id, app.uow(), actor=app.who, now=app.now())
    print_json(m.to_dict()) if as_json else done(f"{m.id} sent to {', '.join(str(r) for r in m.recipients)}")


@messages_group.command("list")
@click.option("--status", "statuses", multiple=True, type=click.Choice([s.value for s in MessageStatus]))
@click.option("--page", default=1, show_default=True, type=int)
@click.option("--per-page", default=50, show_default=True, type=int)
@_JSON
@pass_app
@run_guarded
def list_command(app: AppContext, statuses: tuple[str, ...], page: int, per_page: int, as_json: bool) -> None:
    """The messages your bureau sent or received, newest first.

    \b
    Examples:
      ncb --purpose "weekly review" messages list --status sent --status acknowledged
      ncb --purpose "export" messages list --json
    """
    total, found = svc.list_messages(app.uow(), actor=app.who, now=app.now(),
                                     statuses=[MessageStatus(s) for s in statuses], page=page, per_page=per_page)
    if as_json:
        print_json({"total": total, "page": page, "messages": [m.to_dict() for m in found]})
        return
    print_table(f"{total} messages (page {page})", _MESSAGE_COLUMNS, [_message_row(m) for m in found])


@messages_group.command("show")
@click.argument("message_id")
@click.option("--thread", "whole_thread", is_flag=True, help="Every message of its thread.")
@_JSON
@pass_app
@run_guarded
def show_command(app: AppContext, message_id: str, whole_thread: bool, as_json: bool) -> None:
    """One message with its history (or its whole thread). A read: needs --purpose, and is logged.

    \b
    Examples:
      ncb --purpose "extradition of YAMADA" messages show JP-2026-M00001
      ncb --purpose "extradition of YAMADA" messages show JP-2026-M00001 --thread --json
    """
    if whole_thread:
        found = svc.thread(message_id, app.uow(), actor=app.who, now=app.now())
        if as_json:
            print_json([m.to_dict() for m in found])
        else:
            print_table(f"thread of {message_id}", _MESSAGE_COLUMNS, [_message_row(m) for m in found])
        return
    view = svc.get_message(message_id, app.uow(), actor=app.who, now=app.now())
    m = view.message
    if as_json:
        print_json(m.to_dict() | {"history": [{"action": e.action.value, "from": e.from_status, "to": e.to_status,
                                                "actor": e.actor, "at": e.at.isoformat(), "note": e.note}
                                               for e in view.history]})
        return
    print_table(f"{m.id}", ["field", "value"], [
        ("type", m.type.value), ("channel", m.channel.value), ("from", str(m.sender)),
        ("to", ", ".join(str(r) for r in m.recipients)), ("status", m.status.value), ("subject", m.subject),
        ("body", m.body), ("notices", ", ".join(m.notices)), ("persons", ", ".join(m.persons)),
        ("cases", ", ".join(m.cases)), ("deadline", m.deadline), ("thread", m.thread), ("parent", m.parent),
        ("attachments", "\n".join(f"{a.name} ({a.media_type}, {a.size} bytes, sha256 {a.sha256[:12]}...)"
                                  for a in m.attachments)),
        ("restrictions", "\n".join(r.describe() for r in m.restrictions))])
    print_table("history", ["at", "action", "status", "actor", "note"],
                [(e.at, e.action.value, e.to_status.value, e.actor, e.note) for e in view.history])


@messages_group.command("reply")
@click.argument("message_id")
@click.option("--body", required=True, help="The answer; - reads it from standard input.")
@click.option("--subject", default=None)
@click.option("--notice", "notices", multiple=True)
@click.option("--attach", "attach", multiple=True, type=click.Path(dir_okay=False))
@_JSON
@pass_app
@run_guarded
def reply_command(app: AppContext, message_id: str, body: str, subject: str | None, notices: tuple[str, ...],
                  attach: tuple[str, ...], as_json: bool) -> None:
    """Answer a message you received: the answer goes to its sender at once, in its thread.

    \b
    Example:
      ncb messages reply JP-2026-M00001 --body "Located in Lyon on 25 November." --attach report.pdf
    """
    m = svc.answer_message(message_id, {"body": sys.stdin.read() if body == "-" else body, "subject": subject,
                                        "notices": list(notices)}, app.uow(), actor=app.who, now=app.now(),
                           attachments=_files(attach), policy=svc.policy_from(app.settings))
    print_json(m.to_dict()) if as_json else done(f"{m.id} sent to {m.recipients[0]} in reply to {message_id}")


@messages_group.command("ack")
@click.argument("message_id")
@click.option("--note", default=None)
@pass_app
@run_guarded
def ack_command(app: AppContext, message_id: str, note: str | None) -> None:
    """Acknowledge a message you received.

    \b
    Example:
      ncb messages ack JP-2026-M00001 --note "Assigned to the fugitives unit"
    """
    m = svc.acknowledge_message(message_id, app.uow(), actor=app.who, now=app.now(), note=note)
    done(f"{m.id} {m.status.value}")


@messages_group.command("close")
@click.argument("message_id")
@click.option("--note", default=None)
@pass_app
@run_guarded
def close_command(app: AppContext, message_id: str, note: str | None) -> None:
    """Close a message you sent or received (a draft is abandoned).

    \b
    Example:
      ncb messages close JP-2026-M00001 --note "Person surrendered"
    """
    m = svc.close_message(message_id, app.uow(), actor=app.who, now=app.now(), note=note)
    done(f"{m.id} {m.status.value}")


@messages_group.command("due")
@click.option("--on", "on", type=_DATE, help="The day (default today).")
@_JSON
@pass_app
@run_guarded
def due_command(app: AppContext, on: Any, as_json: bool) -> None:
    """Reminders due on a day: open requests near or past their deadline.

    \b
    Examples:
      ncb messages due
      ncb messages due --on 2026-12-24 --json
    """
    day = _day(on) or app.today()
    found = svc.due_messages(app.uow(write=False), actor=app.who, on=day)
    if as_json:
        print_json([{"message": m.id, "deadline": r.deadline.isoformat(), "days_left": r.days_left,
                     "reminder": r.label, "subject": m.subject, "to": [str(x) for x in m.recipients]}
                    for m, r in found])
        return
    print_table(f"{len(found)} reminders on {day}", ["message", "deadline", "reminder", "from", "to", "subject"],
                [(m.id, r.deadline, r.label, str(m.sender), ", ".join(str(x) for x in m.recipients), m.subject)
                 for m, r in found])


# -- cases -------------------------------------------------------------------------------------------
@click.group("cases")
def cases_group() -> None:
    """Extradition cases: open, advance through their stages, list, show, legal time-limit warnings."""


def _case_rows(cases: list[ExtraditionCase]) -> list[tuple[Any, ...]]:
    return [(c.id, c.person, c.requesting, c.requested, c.stage.value, c.stages[-1].on, c.notice) for c in cases]


_CASE_COLUMNS = ["id", "person", "requesting", "requested", "stage", "since", "notice"]


@cases_group.command("open")
@click.option("--notice", default=None, help="The Red Notice (names the person and the requesting country).")
@click.option("--person", default=None)
@click.option("--requesting", default=None, help="The country that seeks the person (default: the notice's owner).")
@click.option("--requested", required=True, help="The country where the person was located.")
@click.option("--located-on", type=_DATE, help="YYYY-MM-DD (default today).")
@click.option("--note", default=None)
@_JSON
@pass_app
@run_guarded
def case_open_command(app: AppContext, notice: str | None, person: str | None, requesting: str | None,
                      requested: str, located_on: Any, note: str | None, as_json: bool) -> None:
    """Open a case: the person located.

    \b
    Examples:
      ncb cases open --notice 2026/00001 --requested US --located-on 2026-11-01
      ncb cases open --person "IVANOV Ivan" --requesting JP --requested FR
    """
    day = _day(located_on)
    case = svc.open_case({"notice": notice, "person": person, "requesting": requesting, "requested": requested,
                          "located_on": day.isoformat() if day else None, "note": note},
                         app.uow(), actor=app.who, now=app.now())
    print_json(case.to_dict()) if as_json else done(f"{case.id} opened: {case.person} located in {case.requested}")


@cases_group.command("advance")
@click.argument("case_id")
@click.argument("stage", type=click.Choice([s.value for s in Stage if s is not Stage.LOCATED]))
@click.option("--on", "on", type=_DATE, help="The day it happened (default today).")
@click.option("--note", default=None, help="Grounds (needed for a refusal), reference, court.")
@_JSON
@pass_app
@run_guarded
def case_advance_command(app: AppContext, case_id: str, stage: str, on: Any, note: str | None,
                         as_json: bool) -> None:
    """Record the next stage of a case, with its date.

    \b
    Examples:
      ncb cases advance JP-2026-E00001 provisional_arrest --on 2026-11-02
      ncb cases advance JP-2026-E00001 refusal --note "political offence exception"
    """
    change = svc.advance_case(case_id, stage, app.uow(), actor=app.who, now=app.now(), on=_day(on), note=note)
    if as_json:
        print_json(change.case.to_dict() | {
            "follow_up": change.follow_up[0].value if change.follow_up else None,
            "notification": change.notification.id if change.notification else None})
        return
    done(f"{change.case.id} {change.case.stage.value}")
    if change.follow_up:
        click.echo(change.follow_up[1])
    if change.notification:
        done(f"the notice's owner was told in {change.notification.id}")


@cases_group.command("list")
@click.option("--open", "open_only", is_flag=True, help="Only cases not yet ended.")
@_JSON
@pass_app
@run_guarded
def case_list_command(app: AppContext, open_only: bool, as_json: bool) -> None:
    """The cases your bureau keeps or takes part in.

    \b
    Example:
      ncb cases list --open
    """
    cases = svc.list_cases(app.uow(write=False), actor=app.who, open_only=open_only)
    if as_json:
        print_json([c.to_dict() for c in cases])
        return
    print_table(f"{len(cases)} cases", _CASE_COLUMNS, _case_rows(cases))


@cases_group.command("show")
@click.argument("case_id")
@_JSON
@pass_app
@run_guarded
def case_show_command(app: AppContext, case_id: str, as_json: bool) -> None:
    """One case: its stages, the treaty limits that apply and the deadlines running.

    \b
    Example:
      ncb cases show JP-2026-E00001
    """
    policy = svc.policy_from(app.settings)
    case = svc.get_case(case_id, app.uow(write=False), actor=app.who)
    limits = svc.case_limits(case, policy)
    running = deadlines(case, limits, app.today())
    if as_json:
        print_json(case.to_dict() | {"limits": {"treaty": limits.treaty, "name": limits.name,
                                                "provisional_arrest_to_request_days":
                                                    limits.provisional_arrest_to_request_days,
                                                "surrender_days": limits.surrender_days, "source": limits.source},
                                     "deadlines": [d.to_dict() for d in running]})
        return
    print_table(f"{case.id}: {case.person} ({case.requesting} seeks, {case.requested} holds)",
                ["on", "stage", "actor", "note"], [(e.on, e.stage.value, e.actor, e.note) for e in case.stages],
                caption=f"{limits.name}: {limits.provisional_arrest_to_request_days} days from provisional arrest "
                        f"to request ({limits.source})")
    for d in running:
        click.echo(f"{d.due_on} ({d.days_left} days): {d.what}")


@cases_group.command("warnings")
@click.option("--within", "within", type=int, default=None, help="Days ahead (default: the setting, 14).")
@click.option("--on", "on", type=_DATE, help="The day (default today).")
@_JSON
@pass_app
@run_guarded
def case_warnings_command(app: AppContext, within: int | None, on: Any, as_json: bool) -> None:
    """Legal time limits passing soon (or passed) in open cases.

    \b
    Examples:
      ncb cases warnings
      ncb cases warnings --within 30 --json
    """
    found = svc.case_warnings(app.uow(write=False), actor=app.who, today=_day(on) or app.today(),
                              within_days=within, policy=svc.policy_from(app.settings))
    if as_json:
        print_json([d.to_dict() for d in found])
        return
    print_table(f"{len(found)} warnings", ["case", "due on", "days left", "what", "source"],
                [(d.case_id, d.due_on, d.days_left, d.what, d.source) for d in found])


# -- operations --------------------------------------------------------------------------------------
@click.group("operations")
def operations_group() -> None:
    """Multi-country operations: create, participants, targets, results, timeline, show, report."""


@operations_group.command("create")
@click.argument("name")
@click.option("--country", "countries", multiple=True, help="A participating country (repeatable).")
@click.option("--description", default="")
@click.option("--start", type=_DATE)
@click.option("--end", type=_DATE)
@_JSON
@pass_app
@run_guarded
def op_create_command(app: AppContext, name: str, countries: tuple[str, ...], description: str, start: Any,
                      end: Any, as_json: bool) -> None:
    """Create an operation your bureau leads.

    \b
    Example:
      ncb operations create "Pangea XVII" --country FR --country US --start 2026-10-01 \\
          --description "Online sales of fake medicines"
    """
    s, e = _day(start), _day(end)
    op = svc.create_operation({"name": name, "countries": list(countries), "description": description,
                               "started_on": s.isoformat() if s else None, "ended_on": e.isoformat() if e else None},
                              app.uow(), actor=app.who, now=app.now())
    print_json(op.to_dict()) if as_json else done(f"{op.id} created: {op.name} ({', '.join(op.countries)})")


@operations_group.command("add-country")
@click.argument("operation_id")
@click.argument("countries", nargs=-1, required=True)
@pass_app
@run_guarded
def op_add_country_command(app: AppContext, operation_id: str, countries: tuple[str, ...]) -> None:
    """Add participating countries (the leading bureau).

    \b
    Example:
      ncb operations add-country JP-2026-O00001 DE IT
    """
    op = svc.add_participants(operation_id, countries, app.uow(), actor=app.who, now=app.now())
    done(f"{op.id}: {', '.join(op.countries)}")


@operations_group.command("add-target")
@click.argument("operation_id")
@click.argument("kind", type=click.Choice([k.value for k in TargetKind]))
@click.argument("ref")
@click.option("--label", default=None)
@pass_app
@run_guarded
def op_add_target_command(app: AppContext, operation_id: str, kind: str, ref: str, label: str | None) -> None:
    """Add a target: a person, an organisation, or a notice (Purple ones included).

    \b
    Examples:
      ncb operations add-target JP-2026-O00001 organisation "Green Cross Pharmacy Ltd"
      ncb operations add-target JP-2026-O00001 notice 2026/00042
    """
    op = svc.add_target(operation_id, kind, ref, app.uow(), actor=app.who, now=app.now(), label=label)
    done(f"{op.id}: {len(op.targets)} targets")


def _seizure(text: str, i: int) -> dict[str, Any]:
    parts = [p.strip() for p in text.split(":")]
    if len(parts) not in (3, 5):
        raise ValidationError(f"{text!r}: expected ITEM:QUANTITY:UNIT or ITEM:QUANTITY:UNIT:VALUE:CURRENCY",
                              field=f"seizures[{i}]")
    doc = {"item": parts[0], "quantity": parts[1], "unit": parts[2]}
    if len(parts) == 5:
        doc |= {"value": parts[3], "currency": parts[4]}
    return doc


@operations_group.command("add-result")
@click.argument("operation_id")
@click.option("--country", default=None, help="Whose results (default: your bureau's).")
@click.option("--arrests", type=int, default=0, show_default=True)
@click.option("--seizure", "seizures", multiple=True, metavar="ITEM:QTY:UNIT[:VALUE:CURRENCY]")
@click.option("--on", "on", type=_DATE, help="The day reported (default today).")
@click.option("--note", default=None)
@pass_app
@run_guarded
def op_add_result_command(app: AppContext, operation_id: str, country: str | None, arrests: int,
                          seizures: tuple[str, ...], on: Any, note: str | None) -> None:
    """Report a country's results: arrests and seizures with quantity, unit and value.

    \b
    Example:
      ncb operations add-result JP-2026-O00001 --arrests 3 \\
          --seizure "counterfeit tablets:12000:tablets:4500000:JPY" --seizure "cash:2.5:kg"
    """
    day = _day(on)
    doc = {"country": country, "arrests": arrests, "seizures": [_seizure(s, i) for i, s in enumerate(seizures)],
           "reported_on": day.isoformat() if day else None, "note": note}
    op = svc.add_result(operation_id, {k: v for k, v in doc.items() if v is not None}, app.uow(), actor=app.who,
                        now=app.now())
    done(f"{op.id}: {op.totals().arrests} arrests in all")


@operations_group.command("add-event")
@click.argument("operation_id")
@click.argument("text")
@click.option("--on", "on", type=_DATE)
@click.option("--country", default=None)
@pass_app
@run_guarded
def op_add_event_command(app: AppContext, operation_id: str, text: str, on: Any, country: str | None) -> None:
    """Add an entry to the operation's timeline.

    \b
    Example:
      ncb operations add-event JP-2026-O00001 "Simultaneous raids in Lyon and Osaka" --on 2026-10-09
    """
    op = svc.add_event(operation_id, text, app.uow(), actor=app.who, now=app.now(), on=_day(on), country=country)
    done(f"{op.id}: {len(op.timeline)} timeline entries")


def _op_summary(op: Operation) -> list[tuple[str, Any]]:
    t = op.totals()
    return [("name", op.name), ("led by", op.bureau), ("countries", ", ".join(op.countries)),
            ("period", f"{op.started_on or '?'} - {op.ended_on or 'ongoing'}"),
            ("targets", "\n".join(f"{x.kind.value}: {x.ref}" for x in op.targets)),
            ("arrests", t.arrests), ("values", ", ".join(f"{v} {c}" for c, v in t.values.items()))]


@operations_group.command("show")
@click.argument("operation_id")
@_JSON
@pass_app
@run_guarded
def op_show_command(app: AppContext, operation_id: str, as_json: bool) -> None:
    """One operation you take part in.

    \b
    Example:
      ncb operations show JP-2026-O00001 --json
    """
    op = svc.get_operation(operation_id, app.uow(write=False), actor=app.who)
    if as_json:
        print_json(op.to_dict())
        return
    print_table(op.id, ["field", "value"], _op_summary(op))


@operations_group.command("report")
@click.argument("operation_id")
@click.option("--text", "plain", is_flag=True, help="Plain text instead of Markdown.")
@click.option("--output", "-o", type=click.Path(dir_okay=False, writable=True), default="-", show_default=True)
@pass_app
@run_guarded
def op_report_command(app: AppContext, operation_id: str, plain: bool, output: str) -> None:
    """The operation's report (Markdown by default).

    \b
    Examples:
      ncb operations report JP-2026-O00001 > pangea.md
      ncb operations report JP-2026-O00001 --text -o pangea.txt
    """
    text = svc.operation_report(operation_id, app.uow(write=False), actor=app.who, markdown=not plain)
    if output == "-":
        click.echo(text, nl=False)
    else:
        Path(output).write_text(text, encoding="utf-8")
        done(f"report written to {output}")


# -- statistics --------------------------------------------------------------------------------------
@click.command("stats")
@click.option("--csv", "as_csv", is_flag=True, help="One CSV (table, key, value) for spreadsheets.")
@_JSON
@pass_app
@run_guarded
def stats_command(app: AppContext, as_csv: bool, as_json: bool) -> None:
    """Statistics: notices by year, type and country; hits; request response times; extradition outcomes.

    \b
    Examples:
      ncb stats
      ncb stats --csv > statistics.csv
    """
    tables = svc.statistics(app.uow(write=False), actor=app.who, today=app.today())
    if as_csv:
        click.echo(tables_csv(tables), nl=False)
        return
    if as_json:
        print_json([t.to_dict() for t in tables])
        return
    for t in tables:
        print_table(t.title, list(t.columns), list(t.rows))
        if t.name == "notices" and t.rows:
            _bars(t.rows)


def _bars(rows: tuple[tuple[Any, ...], ...]) -> None:
    """A bar per year: the chart in the console."""
    per_year: dict[Any, int] = {}
    for year, _type, _country, n in rows:
        per_year[year] = per_year.get(year, 0) + int(n)
    top = max(per_year.values())
    for year, n in sorted(per_year.items()):
        click.echo(f"{year} {'█' * max(1, round(40 * n / top))} {n}")
