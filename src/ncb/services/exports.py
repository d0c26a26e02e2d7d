"""Exports: every notice the viewer may see, as INTERPOL-shaped JSON lines, FollowTheMoney entities
(JSON lines, for screening tools) or CSV rows."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from datetime import date
from enum import StrEnum

from ncb.domain.access import Viewer, can_view
from ncb.domain.interchange.ftm import to_ftm
from ncb.domain.interchange.interpol import render_detail
from ncb.domain.interchange.tabular import CSV_COLUMNS, to_csv_row
from ncb.domain.search import NoticeFilter
from ncb.services.ports import UnitOfWork


class ExportFormat(StrEnum):
    INTERPOL = "interpol"
    FTM = "ftm"
    CSV = "csv"


def spreadsheet_safe(value: str) -> str:
    """A cell a spreadsheet will not run as a formula (OWASP's CSV-injection advice: prefix a quote)."""
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def export_lines(fmt: ExportFormat, flt: NoticeFilter, uow: UnitOfWork, *, viewer: Viewer, today: date,
                 base_url: str = "") -> Iterator[str]:
    """Lines of text (each ending in a newline) for the chosen format."""
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
