"""``ncb notices ...``: the registry from the command line."""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path
from typing import Any

import click

from ncb.cli.context import AppContext, done, pass_app, print_json, print_table, run_guarded
from ncb.cli.photos import photo_group
from ncb.domain.countries import validate_country
from ncb.domain.documents import notice_to_dict
from ncb.domain.notices import Action, Decision, Notice, NoticeStatus, NoticeType, entity_id_as_typed
from ncb.domain.search import NoticeFilter
from ncb.errors import ValidationError
from ncb.services import notices as svc
from ncb.services.screening import retro_screen

_JSON = click.option("--json", "as_json", is_flag=True, help="JSON for programs.")


@click.group("notices")
def notices_group() -> None:
    """Notices: list, show, create, and move them through their lifecycle."""


def _summary(n: Notice, today: date) -> dict[str, Any]:
    primary = n.subject.primary_name
    dob = n.subject.date_of_birth
    return {"entity_id": n.entity_id, "type": n.type.value, "status": n.status.value, "owner": n.owner,
            "name": primary.full if primary else None, "date_of_birth": str(dob) if dob else None,
            "age": dob.age_on(today) if dob else None, "nationalities": list(n.subject.nationalities),
            "public_extract": n.public_extract}


@notices_group.command("list")
@click.option("--type", "types", multiple=True, type=click.Choice([t.value for t in NoticeType]),
              help="Notice type (repeatable).")
@click.option("--status", "statuses", multiple=True, type=click.Choice([s.value for s in NoticeStatus]),
              help="Status (repeatable).")
@click.option("--owner", help="Owner bureau's country code.")
@click.option("--name", help="Part of a family name, any script.")
@click.option("--forename", help="Part of a forename.")
@click.option("--nationality", help="ISO country code.")
@click.option("--sex", type=click.Choice(["M", "F", "U"]))
@click.option("--age-min", type=int)
@click.option("--age-max", type=int)
@click.option("--warrant-country", help="Country that issued a warrant (red notices).")
@click.option("--text", "free_text", help="Free text in names, charges, facts.")
@click.option("--public-only", is_flag=True, help="Only published notices with a public extract.")
@click.option("--page", default=1, show_default=True, type=int)
@click.option("--per-page", default=20, show_default=True, type=int)
@_JSON
@pass_app
@run_guarded
def list_command(app: AppContext, types: tuple[str, ...], statuses: tuple[str, ...], owner: str | None,
                 name: str | None, forename: str | None, nationality: str | None, sex: str | None,
                 age_min: int | None, age_max: int | None, warrant_country: str | None, free_text: str | None,
                 public_only: bool, page: int, per_page: int, as_json: bool) -> None:
    """List the notices you may see, newest first. Reading needs --purpose; it is recorded in the audit trail.

    \b
    Examples:
      ncb --purpose "case 2026-114" notices list --type red --nationality JP
      ncb --purpose "missing minors review" notices list --type yellow --age-min 10 --age-max 17 --json
    """
    flt = NoticeFilter(
        types=frozenset(NoticeType(t) for t in types), statuses=frozenset(NoticeStatus(s) for s in statuses),
        owner=validate_country(owner, field="--owner") if owner else None, name=name, forename=forename,
        nationality=validate_country(nationality, field="--nationality") if nationality else None, sex=sex,
        age_min=age_min, age_max=age_max,
        warrant_country=validate_country(warrant_country, field="--warrant-country") if warrant_country else None,
        free_text=free_text, public_only=public_only)
    today = app.today()
    result = svc.list_notices(flt, app.uow(), actor=app.who, today=today, now=app.now(), page=page,
                              per_page=per_page)
    rows = [_summary(n, today) for n in result.notices]
    if as_json:
        print_json({"total": result.total, "page": page, "per_page": per_page, "notices": rows})
        return
    print_table(f"{result.total} notices (page {page})",
                ["entity_id", "type", "status", "owner", "name", "born", "age", "nationalities"],
                [(r["entity_id"], r["type"], r["status"], r["owner"], r["name"], r["date_of_birth"], r["age"],
                  ",".join(r["nationalities"])) for r in rows])


@notices_group.command("show")
@click.argument("entity_id")
@click.option("--history", "with_history", is_flag=True, help="Also print every recorded change.")
@_JSON
@pass_app
@run_guarded
def show_command(app: AppContext, entity_id: str, with_history: bool, as_json: bool) -> None:
    """Show one notice in full (and its history). Reading needs --purpose; it is recorded in the audit trail.

    \b
    Example:
      ncb --purpose "extradition file 2026-17" notices show 2026/00001 --history
    """
    entity_id = entity_id_as_typed(entity_id)
    notice = svc.get_notice(entity_id, app.uow(), actor=app.who, now=app.now())
    history = svc.notice_history(entity_id, app.uow(), actor=app.who, now=app.now()) if with_history else []
    doc = notice_to_dict(notice)
    if as_json:
        if with_history:
            doc["history"] = [_transition_dict(t) for t in history]
        print_json(doc)
        return
    s = notice.subject
    rows: list[tuple[str, Any]] = [
        ("entity_id", notice.entity_id), ("type", notice.type.value), ("status", notice.status.value),
        ("owner", notice.owner), ("public extract", "yes" if notice.public_extract else "no"),
        ("names", "\n".join(f"{n.full}  ({n.kind.value}, {n.script})" for n in s.names)),
        ("date of birth", s.date_of_birth), ("sex", s.sex.value), ("nationalities", ", ".join(s.nationalities)),
        ("warrants", "\n".join(f"{w.charge} [{w.issuing_country}]" for w in notice.warrants)),
        ("restriction", f"{notice.restriction.mode.value} {','.join(sorted(notice.restriction.countries))}"),
        ("published", notice.published_at), ("expires", notice.expires_on),
    ]
    print_table(f"notice {notice.entity_id}", ["field", "value"], rows)
    if with_history:
        print_table("history", ["at", "action", "from", "to", "actor", "reason"],
                    [(t.at.isoformat(timespec="seconds"), t.action.value,
                      t.from_status.value if t.from_status else "", t.to_status.value, t.actor, t.reason)
                     for t in history])


def _transition_dict(t: Any) -> dict[str, Any]:
    return {"at": t.at.isoformat(), "action": t.action.value,
            "from": t.from_status.value if t.from_status else None, "to": t.to_status.value, "actor": t.actor,
            "reason": t.reason, "findings": list(t.findings), "exception_recorded": t.exception_recorded}


def _read_doc(path: Path) -> dict[str, Any]:
    try:
        text = path.read_text(encoding="utf-8") if str(path) != "-" else sys.stdin.read()
        data = json.loads(text)
    except FileNotFoundError:
        raise ValidationError(f"{path}: no such file", field="FILE") from None
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise ValidationError(f"{path}: not valid JSON: {exc}", field="FILE") from None
    if not isinstance(data, dict):
        raise ValidationError(f"{path}: a notice must be a JSON object", field="FILE")
    return data


@notices_group.command("create")
@click.argument("file", type=click.Path(path_type=Path, allow_dash=True))
@_JSON
@pass_app
@run_guarded
def create_command(app: AppContext, file: Path, as_json: bool) -> None:
    """Create a draft from a JSON file in ncb's native form (see `ncb notices show --json`).

    \b
    Example:
      ncb notices create draft.json
    """
    notice = svc.create_notice(_read_doc(file), app.uow(), actor=app.who, now=app.now())
    _report(notice, "created as a draft", as_json)


@notices_group.command("edit")
@click.argument("entity_id")
@click.argument("file", type=click.Path(path_type=Path, allow_dash=True))
@_JSON
@pass_app
@run_guarded
def edit_command(app: AppContext, entity_id: str, file: Path, as_json: bool) -> None:
    """Replace a draft's content from a JSON file.

    \b
    Example:
      ncb notices edit 2026/00001 draft.json
    """
    notice = svc.edit_notice(entity_id_as_typed(entity_id), _read_doc(file), app.uow(), actor=app.who, now=app.now())
    _report(notice, "updated", as_json)


def _published(app: AppContext, notice: Notice) -> None:
    """A notice just published is screened against the travel records kept (their hits are queued)."""
    if notice.status is NoticeStatus.PUBLISHED:
        queued = retro_screen(notice, app.uow(), now=app.now())
        if queued:
            done(f"{queued} earlier travellers match notice {notice.entity_id}: see `ncb hits list`")


def _report(notice: Notice, what: str, as_json: bool) -> None:
    if as_json:
        print_json(notice_to_dict(notice))
    else:
        done(f"notice {notice.entity_id} {what} (status {notice.status.value})")


@notices_group.command("submit")
@click.argument("entity_id")
@_JSON
@pass_app
@run_guarded
def submit_command(app: AppContext, entity_id: str, as_json: bool) -> None:
    """Send a draft to the General Secretariat for review (a diffusion goes out at once).

    \b
    Example:
      ncb notices submit 2026/00001
    """
    notice = svc.submit_notice(entity_id_as_typed(entity_id), app.uow(), actor=app.who, now=app.now())
    _report(notice, "submitted" if notice.status is NoticeStatus.SUBMITTED else "circulated", as_json)


@notices_group.command("findings")
@click.argument("entity_id")
@click.option("--locale", type=click.Choice(["en", "ja"]), default="en", show_default=True)
@_JSON
@pass_app
@run_guarded
def findings_command(app: AppContext, entity_id: str, locale: str, as_json: bool) -> None:
    """Run the compliance pre-check on a notice and list the findings with their articles.

    \b
    Example:
      ncb --as general-secretariat --purpose "review" notices findings 2026/00001 --locale ja
    """
    found = svc.compliance_findings(entity_id_as_typed(entity_id), app.uow(), actor=app.who, now=app.now(),
                                    locale=locale)
    if as_json:
        print_json([f.to_dict() for f in found])
    else:
        print_table(f"{len(found)} findings", ["severity", "rule", "article", "message"],
                    [(f.severity.value, f.rule_id, f.article, f.message) for f in found])


@notices_group.command("review")
@click.argument("entity_id")
@click.option("--decision", type=click.Choice([d.value for d in Decision]), required=True)
@click.option("--reason", help="Why; required to refuse, to ask for more, and to approve over a warning.")
@click.option("--exception", "exception_reason",
              help="Record the 'particular importance to international police cooperation' exception, with why.")
@_JSON
@pass_app
@run_guarded
def review_command(app: AppContext, entity_id: str, decision: str, reason: str | None,
                   exception_reason: str | None, as_json: bool) -> None:
    """Decide on a submitted notice as a General Secretariat reviewer.

    \b
    Examples:
      ncb --as general-secretariat notices review 2026/00001 --decision approve
      ncb --as gs notices review 2026/00002 --decision refuse --reason "Art. 3: predominantly political"
    """
    notice = svc.review_notice(entity_id_as_typed(entity_id), Decision(decision), app.uow(), actor=app.who,
                               now=app.now(), reason=reason, exception_reason=exception_reason, policy=app.policy)
    _published(app, notice)
    _report(notice, f"reviewed: {decision}", as_json)


@notices_group.command("publish")
@click.argument("entity_id")
@click.option("--reason", help="Why (approving over a compliance warning needs one).")
@click.option("--exception", "exception_reason", help="Record the 'particular importance' exception, with why.")
@_JSON
@pass_app
@run_guarded
def publish_command(app: AppContext, entity_id: str, reason: str | None, exception_reason: str | None,
                    as_json: bool) -> None:
    """Publish: approve a submitted notice (reviewer), circulate a diffusion, or resume a suspended notice.

    \b
    Examples:
      ncb --as gs notices publish 2026/00001
      ncb notices publish 2026/00007        # resume after a suspension
    """
    notice = svc.publish_notice(entity_id_as_typed(entity_id), app.uow(), actor=app.who, now=app.now(), reason=reason,
                                exception_reason=exception_reason, policy=app.policy)
    _published(app, notice)
    _report(notice, "published", as_json)


def _status_command(name: str, action: Action, summary: str, example: str, *, until: bool = False) -> click.Command:
    @click.command(name, help=f"{summary}\n\n\b\nExample:\n  {example}")
    @click.argument("entity_id")
    @click.option("--reason", required=action.needs_reason, help="Why (recorded in the history).")
    @_JSON
    @pass_app
    @run_guarded
    def command(app: AppContext, entity_id: str, reason: str | None, as_json: bool,
                until_day: date | None = None) -> None:
        notice = svc.change_status(entity_id_as_typed(entity_id), action, app.uow(), actor=app.who, now=app.now(),
                                   reason=reason, until=until_day, policy=app.policy)
        _report(notice, f"{action.value} done", as_json)

    if until:
        command = click.option("--until", "until_day", type=click.DateTime(["%Y-%m-%d"]),
                               callback=lambda _c, _p, v: v.date() if v else None,
                               help="Last day of the suspension (at most 6 months; default the maximum).")(command)
    return command


notices_group.add_command(photo_group)
for _cmd in (
    _status_command("suspend", Action.SUSPEND, "Suspend a published notice (owner bureau; at most 6 months).",
                    'ncb notices suspend 2026/00001 --reason "person located, extradition pending"', until=True),
    _status_command("resume", Action.RESUME, "Resume a suspended notice (owner bureau).",
                    "ncb notices resume 2026/00001"),
    _status_command("withdraw", Action.WITHDRAW, "Withdraw a notice (owner bureau): purpose achieved or basis gone.",
                    'ncb notices withdraw 2026/00001 --reason "arrested and extradited"'),
    _status_command("cancel", Action.CANCEL, "Cancel a notice (General Secretariat): conditions no longer met.",
                    'ncb --as gs notices cancel 2026/00001 --reason "warrant quashed"'),
    _status_command("delete", Action.DELETE, "Delete a notice on the CCF's order (General Secretariat).",
                    'ncb --as gs notices delete 2026/00001 --reason "CCF decision 2026/123"'),
    _status_command("extend", Action.EXTEND, "Extend retention by 5 years in the review period (owner bureau).",
                    'ncb notices extend 2026/00001 --reason "still wanted; trial pending"'),
):
    notices_group.add_command(_cmd)


@notices_group.command("expire")
@_JSON
@pass_app
@run_guarded
def expire_command(app: AppContext, as_json: bool) -> None:
    """Expire every notice whose retention has run out (run daily).

    \b
    Example:
      ncb notices expire
    """
    expired = svc.expire_due(app.uow(), today=app.today(), now=app.now(), actor=app.who)
    if as_json:
        print_json({"expired": expired})
    else:
        done(f"{len(expired)} notices expired" + (f": {', '.join(expired)}" if expired else ""))
