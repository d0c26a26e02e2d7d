from dataclasses import replace

import pytest

from ncb.audit.entries import event_from_leaf
from ncb.domain.access import Viewer
from ncb.domain.identity import Actor
from ncb.domain.names import Name
from ncb.domain.notices import NoticeStatus
from ncb.domain.search import NoticeFilter
from ncb.errors import ValidationError
from ncb.services.exports import ExportFormat, export_lines, spreadsheet_safe
from tests.builders import make_notice
from tests.conftest import NOW, TODAY
from tests.fakes import FakeUnitOfWork

PARIS = Actor("martin@FR", Viewer.bureau("FR"), purpose="screening tool refresh")


def test_cells_that_look_like_formulas_are_defused() -> None:
    assert spreadsheet_safe("=HYPERLINK(\"http://x\")") == "'=HYPERLINK(\"http://x\")"
    assert spreadsheet_safe("@SUM(A1)") == "'@SUM(A1)"
    assert spreadsheet_safe("YAMADA") == "YAMADA"


def test_exports_hold_only_what_the_viewer_may_see() -> None:
    uow = FakeUnitOfWork()
    uow.notices.add(make_notice(entity_id="2026/00001", status=NoticeStatus.PUBLISHED,
                                names=(Name(name="=CMD()", forename="X"),)))
    uow.notices.add(make_notice(entity_id="2026/00002", status=NoticeStatus.DRAFT))
    lines = list(export_lines(ExportFormat.CSV, NoticeFilter(), uow, actor=PARIS, today=TODAY, now=NOW))
    assert len(lines) == 2 and "2026/00002" not in "".join(lines)
    assert "'=CMD()" in lines[1]


def test_an_export_needs_a_purpose_and_is_recorded_before_any_line() -> None:
    uow = FakeUnitOfWork()
    uow.notices.add(make_notice(entity_id="2026/00001", status=NoticeStatus.PUBLISHED))
    with pytest.raises(ValidationError, match="stated purpose"):
        export_lines(ExportFormat.FTM, NoticeFilter(), uow, actor=replace(PARIS, purpose=None), today=TODAY, now=NOW)
    lines = export_lines(ExportFormat.FTM, NoticeFilter(name="yamada"), uow, actor=PARIS, today=TODAY, now=NOW)
    events = [event_from_leaf(row.leaf) for row, _ in uow.audit.rows]
    assert [(e.action, e.outcome, e.recipients) for e in events] == [
        ("notices.export", "refused: no purpose stated", ()), ("notices.export", "started", ("FR",))]
    assert b"yamada" not in uow.audit.rows[1][0].leaf and "yamada" in (uow.audit.rows[1][0].payload or "")
    assert next(lines)
