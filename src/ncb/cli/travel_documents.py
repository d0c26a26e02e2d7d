"""``ncb documents``: the registry of stolen and lost travel documents (report, recover, check, import, count)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import click

from ncb.cli.context import AppContext, done, pass_app, print_json, print_table, run_guarded
from ncb.cli.data import _progress
from ncb.domain.travel_documents import DocumentStatus, DocumentType, TravelDocument
from ncb.services import travel_documents as svc

_TYPES = click.Choice([t.value for t in DocumentType])
_OPEN_STATUSES = click.Choice([s.value for s in DocumentStatus if s.hits])


def _rows(docs: list[TravelDocument]) -> list[tuple[Any, ...]]:
    return [(d.number, d.issuing_country, d.type.value, d.status.value + (" (blank)" if d.blank else ""),
             d.reported_by, d.reported_on.isoformat()) for d in docs]


_HEADERS = ["number", "issued by", "type", "status", "reported by", "reported on"]


@click.group("documents")
def documents_group() -> None:
    """Stolen and lost travel documents: report, recover, check a number, import a file."""


@documents_group.command("report")
@click.argument("number")
@click.option("--country", required=True, metavar="CC", help="Issuing country (ISO 3166-1 alpha-2).")
@click.option("--type", "doc_type", type=_TYPES, default="passport", show_default=True)
@click.option("--status", type=_OPEN_STATUSES, default="stolen", show_default=True)
@click.option("--blank", is_flag=True, help="Stolen blank: never issued to anyone.")
@click.option("--json", "as_json", is_flag=True, help="Print the stored report as JSON.")
@pass_app
@run_guarded
def report_command(app: AppContext, number: str, country: str, doc_type: str, status: str, blank: bool,
                   as_json: bool) -> None:
    """Report a document stolen, lost, revoked or invalidated, as your bureau, dated today.

    \b
    Example:
      ncb documents report "TK 1234567" --country JP --type passport --status stolen
    """
    doc = svc.report_document(app.uow(), number=number, issuing_country=country, type=doc_type, status=status,
                              blank=blank, actor=app.who, today=app.today())
    if as_json:
        print_json(doc.as_dict())
    else:
        done(f"reported {doc.type.value} {doc.number} ({doc.issuing_country}) {doc.status.value}")


@documents_group.command("recover")
@click.argument("number")
@click.option("--country", required=True, metavar="CC", help="Issuing country (ISO 3166-1 alpha-2).")
@click.option("--reason", default=None, help="How it was found (recorded).")
@click.option("--json", "as_json", is_flag=True, help="Print the closed report as JSON.")
@pass_app
@run_guarded
def recover_command(app: AppContext, number: str, country: str, reason: str | None, as_json: bool) -> None:
    """Mark your bureau's report of a document recovered: it is kept, and no longer hits.

    \b
    Example:
      ncb documents recover TK1234567 --country JP --reason "handed in at Narita"
    """
    doc = svc.recover_document(app.uow(), number=number, issuing_country=country, actor=app.who, now=app.now(),
                               reason=reason)
    if as_json:
        print_json(doc.as_dict())
    else:
        done(f"{doc.type.value} {doc.number} ({doc.issuing_country}) marked recovered")


@documents_group.command("check")
@click.argument("number")
@click.option("--country", default=None, metavar="CC", help="Only documents issued by this country.")
@click.option("--json", "as_json", is_flag=True, help="JSON for programs.")
@pass_app
@run_guarded
def check_command(app: AppContext, number: str, country: str | None, as_json: bool) -> None:
    """Is this number reported stolen or lost? Spaces, dashes and case do not matter; recovered documents
    are left out.

    \b
    Examples:
      ncb documents check tk1234567
      ncb documents check "TK 123 4567" --country JP --json
    """
    docs = svc.check_document(app.uow(write=False), number=number, issuing_country=country, actor=app.who)
    if as_json:
        print_json({"number": number, "reported": bool(docs), "reports": [d.as_dict() for d in docs]})
    elif docs:
        print_table(f"{number}: REPORTED ({len(docs)})", _HEADERS, _rows(docs))
    else:
        click.echo(f"{number}: not reported" + (f" as issued by {country.upper()}" if country else ""))


@documents_group.command("history")
@click.argument("number")
@click.option("--country", required=True, metavar="CC", help="Issuing country (ISO 3166-1 alpha-2).")
@click.option("--json", "as_json", is_flag=True, help="JSON for programs.")
@pass_app
@run_guarded
def history_command(app: AppContext, number: str, country: str, as_json: bool) -> None:
    """Every report of a document, recovered ones too, and each change of status since.

    \b
    Example:
      ncb documents history TK1234567 --country JP
    """
    found = svc.document_history(app.uow(write=False), number=number, issuing_country=country, actor=app.who)
    if as_json:
        print_json({"reports": [d.as_dict() for d in found["reports"]],
                    "changes": [c.as_dict() for c in found["changes"]]})
        return
    print_table(f"{number} ({country.upper()}): {len(found['reports'])} reports", _HEADERS, _rows(found["reports"]))
    if found["changes"]:
        print_table("changes", ["at", "from", "to", "by", "reason"],
                    [(c.at.isoformat(timespec="seconds"), c.from_status.value, c.to_status.value, c.actor, c.reason)
                     for c in found["changes"]])


def _lines(path: Path, advance: Callable[[int], None]) -> Iterator[bytes]:
    with path.open("rb") as fh:
        for raw in fh:
            advance(len(raw))
            yield raw


@documents_group.command("import")
@click.argument("file", type=click.Path(path_type=Path, exists=True, dir_okay=False))
@click.option("--json", "as_json", is_flag=True, help="Print the report (stored, unchanged, rejected, problems).")
@pass_app
@run_guarded
def import_command(app: AppContext, file: Path, as_json: bool) -> None:
    """Load reports from a CSV file: columns number, issuing_country, type, status, reported_by, reported_on
    (YYYY-MM-DD), and optionally blank (true/false).

    Good rows are stored in batches; a bad row is rejected with its line and field and the rest goes on
    (the count of rejected rows is printed at the end). A row identical to a stored open report counts as
    unchanged, so an interrupted import is completed by running it again.

    \b
    Example:
      ncb documents import sltd-2026-11.csv --json
    """
    with _progress() as bar:
        task = bar.add_task(f"importing {file.name}", total=file.stat().st_size)
        report = svc.import_documents(svc.csv_rows(_lines(file, lambda n: bar.advance(task, n)), file.name),
                                      app.uow(), actor=app.who, today=app.today())
    if as_json:
        print_json(report.as_dict())
        return
    done(f"{report.stored} reports stored, {report.unchanged} unchanged, {report.rejected} rejected")
    for line in report.problems[:20]:
        click.echo(f"  rejected {line}", err=True)
    if report.rejected > 20:
        click.echo(f"  ... and {report.rejected - 20} more", err=True)


@documents_group.command("count")
@click.option("--json", "as_json", is_flag=True, help="JSON for programs.")
@pass_app
@run_guarded
def count_command(app: AppContext, as_json: bool) -> None:
    """How many reports there are, by status.

    \b
    Example:
      ncb documents count --json
    """
    counts = svc.count_documents(app.uow(write=False), actor=app.who)
    if as_json:
        print_json(counts)
    else:
        print_table("travel documents", ["status", "reports"], [(k, f"{v:,}") for k, v in counts.items()])
