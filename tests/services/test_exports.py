from ncb.domain.access import Viewer
from ncb.domain.names import Name
from ncb.domain.notices import NoticeStatus
from ncb.domain.search import NoticeFilter
from ncb.services.exports import ExportFormat, export_lines, spreadsheet_safe
from tests.builders import make_notice
from tests.conftest import TODAY
from tests.fakes import FakeUnitOfWork


def test_cells_that_look_like_formulas_are_defused() -> None:
    assert spreadsheet_safe("=HYPERLINK(\"http://x\")") == "'=HYPERLINK(\"http://x\")"
    assert spreadsheet_safe("@SUM(A1)") == "'@SUM(A1)"
    assert spreadsheet_safe("YAMADA") == "YAMADA"


def test_exports_hold_only_what_the_viewer_may_see() -> None:
    uow = FakeUnitOfWork()
    uow.notices.add(make_notice(entity_id="2026/00001", status=NoticeStatus.PUBLISHED,
                                names=(Name(name="=CMD()", forename="X"),)))
    uow.notices.add(make_notice(entity_id="2026/00002", status=NoticeStatus.DRAFT))
    lines = list(export_lines(ExportFormat.CSV, NoticeFilter(), uow, viewer=Viewer.bureau("FR"), today=TODAY))
    assert len(lines) == 2 and "2026/00002" not in "".join(lines)
    assert "'=CMD()" in lines[1]
