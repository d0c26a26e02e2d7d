"""Exports: every notice the viewer may see, as INTERPOL-shaped JSON lines, FollowTheMoney entities
(JSON lines, for screening tools) or CSV rows."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from datetime import date, datetime
from enum import StrEnum

from ncb.domain.access import Viewer, ViewerKind, can_view
from ncb.domain.identity import Actor, Permission
from ncb.domain.interchange.ftm import to_ftm
from ncb.domain.interchange.interpol import render_detail
from ncb.domain.interchange.tabular import CSV_COLUMNS, to_csv_row
from ncb.domain.search import NoticeFilter
from ncb.services import audit
from ncb.services.notices import filter_dict
from ncb.services.ports import UnitOfWork


class ExportFormat(StrEnum):
    INTERPOL = "interpol"
    FTM = "ftm"
    CSV = "csv"


def spreadsheet_safe(value: str) -> str:
    """A cell a spreadsheet will not run as a formula (OWASP's CSV-injection advice: prefix a quote)."""
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def export_lines(fmt: ExportFormat, flt: NoticeFilter, uow: UnitOfWork, *, actor: Actor, today: date,
                 now: datetime, base_url: str = "", reader: UnitOfWork | None = None) -> Iterator[str]:
    """Lines of text (each ending in a newline) for the chosen format.

    An export is a disclosure: before any line is made (so before this function returns) it is recorded
    and committed, with its format and filter (in the payload) and the actor's bureau as recipient, and for
    anyone but the public it needs a stated purpose. The lines are then read in a second transaction, from
    ``reader`` when given (a reading unit of work: nothing is locked while the lines stream)."""
    if actor.viewer.kind is not ViewerKind.PUBLIC:
        with uow:
            with audit.refusals(uow, actor=actor, action="notices.export", object=f"export:{fmt.value}", now=now):
                actor.require(Permission.EXPORT, "an export")
                actor.require_purpose()
            audit.record(uow, actor=actor, action="notices.export", object=f"export:{fmt.value}",
                         outcome="started", now=now, personal_data={"filter": filter_dict(flt)},
                         recipients=[audit.actor_bureau(actor)])
            uow.commit()
    return _lines(fmt, flt, reader or uow, actor.viewer, today, base_url)


def _lines(fmt: ExportFormat, flt: NoticeFilter, uow: UnitOfWork, viewer: Viewer, today: date,
           base_url: str) -> Iterator[str]:
    with uow:
        visible = (n for n in uow.notices.iter_all(flt, today=today) if can_view(viewer, n))
        if fmt is ExportFormat.CSV:
            buf = io.StringIO()
            writer = csv.DictWriter(buf, fieldnames=list(CSV_COLUMNS), lineterminator="\n")
            writer.writeheader()
            yield buf.getvalue()
            for notice in visible:
                buf.seek(0)
                buf.truncate()
                writer.writerow({k: spreadsheet_safe(v) for k, v in to_csv_row(notice).items()})
                yield buf.getvalue()
        elif fmt is ExportFormat.FTM:
            for notice in visible:
                for entity in to_ftm(notice):
                    yield json.dumps(entity, ensure_ascii=False) + "\n"
        else:
            for notice in visible:
                if notice.type.has_public_extract:
                    yield json.dumps(render_detail(notice, base_url), ensure_ascii=False) + "\n"
