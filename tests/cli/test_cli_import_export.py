"""``ncb import`` and ``ncb export`` with real files."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from ncb.cli import main
from ncb.domain.documents import notice_to_dict
from ncb.domain.notices import NoticeStatus
from tests.builders import make_notice
from tests.conftest import INTERPOL_FIXTURES

FIXTURES = INTERPOL_FIXTURES


@pytest.fixture
def ncb(db_url: str):  # type: ignore[no-untyped-def]
    runner = CliRunner()

    def run(*args: str) -> Result:
        return runner.invoke(main, ["--purpose", "test suite", *args], env={"NCB_DATABASE_URL": db_url},
                             catch_exceptions=False)

    return run


def test_interpol_fixtures_import_once_and_export_back(ncb, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    if not FIXTURES.is_dir():
        pytest.skip("shared fixtures not present")
    files = [str(FIXTURES / name) for name in ("red_detail_2021-40312.json", "yellow_detail_2022-30877.json")]
    first = ncb("import", *files, "--json")
    assert first.exit_code == 0, first.output
    assert [f["created"] for f in json.loads(first.output)["files"]] == [1, 1]
    again = json.loads(ncb("import", *files, "--json").output)
    assert [f["unchanged"] for f in again["files"]] == [1, 1]
    exported = ncb("export", "--format", "interpol").output.splitlines()
    assert {json.loads(line)["entity_id"] for line in exported} == {"2021/40312", "2022/30877"}


def test_a_bad_line_in_json_lines_is_named_and_nothing_is_stored(ncb, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    good = json.dumps(notice_to_dict(make_notice(entity_id="2020/00001")))
    path = tmp_path / "notices.jsonl"
    path.write_text(good + "\n{not json\n" + good.replace("2020/00001", "2020/00002").replace('"JP"]', '"XX"]')
                    + "\n")
    result = ncb("import", str(path))
    assert result.exit_code == 3
    assert "notices.jsonl:2" in result.output and "not valid JSON" in result.output
    assert "notices.jsonl:3" in result.output and "XX" in result.output
    assert json.loads(ncb("notices", "list", "--json").output)["total"] == 0


def test_exports_in_ftm_and_csv(ncb, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "one.json"
    path.write_text(json.dumps(notice_to_dict(make_notice(status=NoticeStatus.PUBLISHED)), ensure_ascii=False))
    assert ncb("import", str(path)).exit_code == 0
    ftm = [json.loads(line) for line in ncb("export", "--format", "ftm").output.splitlines()]
    person = next(e for e in ftm if e["schema"] == "Person")
    assert "wanted" in person["properties"]["topics"]
    out = tmp_path / "notices.csv"
    assert ncb("export", "--format", "csv", "-o", str(out)).exit_code == 0
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert rows[0]["entity_id"] == "2026/00001" and rows[0]["nationalities"] == "JP"
