"""``ncb documents`` end to end on both databases: report, check, recover, import, count, exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from ncb.cli import main


@pytest.fixture
def ncb(db_url: str):  # type: ignore[no-untyped-def]
    runner = CliRunner()

    def run(*args: str) -> Result:
        return runner.invoke(main, list(args), env={"NCB_DATABASE_URL": db_url, "NCB_BUREAU": "JP"},
                             catch_exceptions=False)

    return run


def test_a_document_is_reported_checked_recovered_and_no_longer_hits(ncb) -> None:  # type: ignore[no-untyped-def]
    reported = ncb("documents", "report", "TK 123 4567", "--country", "JP", "--type", "passport", "--status",
                   "stolen", "--json")
    assert reported.exit_code == 0, reported.output
    assert json.loads(reported.output)["reported_by"] == "JP"
    checked = json.loads(ncb("documents", "check", "tk-1234567", "--json").output)
    assert checked["reported"] is True and checked["reports"][0]["number"] == "TK 123 4567"
    table = ncb("documents", "check", "TK1234567")
    assert "REPORTED" in table.output and "stolen" in table.output
    recovered = ncb("documents", "recover", "TK1234567", "--country", "JP", "--reason", "handed in", "--json")
    assert recovered.exit_code == 0 and json.loads(recovered.output)["status"] == "recovered"
    assert json.loads(ncb("documents", "check", "TK1234567", "--json").output) == {
        "number": "TK1234567", "reported": False, "reports": []}
    assert "not reported" in ncb("documents", "check", "TK1234567", "--country", "jp").output
    history = json.loads(ncb("documents", "history", "TK1234567", "--country", "JP", "--json").output)
    assert [c["to_status"] for c in history["changes"]] == ["recovered"]
    assert history["changes"][0]["reason"] == "handed in"


def test_bad_reports_exit_3_a_duplicate_5_and_someone_elses_report_7(ncb) -> None:  # type: ignore[no-untyped-def]
    unknown = ncb("documents", "report", "TK1234567", "--country", "XX")
    assert unknown.exit_code == 3 and "issuing_country" in unknown.output
    empty = ncb("documents", "report", " ", "--country", "JP")
    assert empty.exit_code == 3 and "number" in empty.output
    assert ncb("documents", "report", "TK1234567", "--country", "JP").exit_code == 0
    duplicate = ncb("documents", "report", "tk 1234567", "--country", "JP", "--status", "lost")
    assert duplicate.exit_code == 5 and "already reported stolen by JP" in duplicate.output
    foreign = ncb("--as", "bureau:FR", "documents", "recover", "TK1234567", "--country", "JP")
    assert foreign.exit_code == 7 and "only the reporting bureau (JP)" in foreign.output
    assert ncb("documents", "recover", "ZZ999", "--country", "JP").exit_code == 4
    assert ncb("--as", "public", "documents", "check", "TK1234567").exit_code == 7


def test_an_import_stores_good_rows_rejects_bad_ones_by_line_and_runs_again_cleanly(  # type: ignore[no-untyped-def]
        ncb, tmp_path: Path) -> None:
    path = tmp_path / "sltd.csv"
    path.write_text("number,issuing_country,type,status,reported_by,reported_on\n"
                    "C01X00T47,DE,passport,stolen,DE,2026-01-05\n"
                    "C01X00T48,XX,passport,stolen,DE,2026-01-05\n"
                    "AB 12 34 56,FR,id_card,lost,FR,2026-02-01\n", encoding="utf-8")
    first = ncb("documents", "import", str(path), "--json")
    assert first.exit_code == 0, first.output
    body = json.loads(first.output)
    assert (body["stored"], body["rejected"]) == (2, 1)
    assert body["problems"][0].startswith("sltd.csv:3: field 'issuing_country'")
    again = ncb("documents", "import", str(path))
    assert again.exit_code == 0 and "0 reports stored, 2 unchanged, 1 rejected" in again.output
    assert "rejected sltd.csv:3" in again.output
    counts = json.loads(ncb("documents", "count", "--json").output)
    assert counts["stolen"] == 1 and counts["lost"] == 1 and counts["total"] == 2
    assert "stolen" in ncb("documents", "count").output


def test_an_import_without_the_columns_exits_3_and_stores_nothing(ncb, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "bad.csv"
    path.write_text("passport,country\nC01X00T47,DE\n", encoding="utf-8")
    result = ncb("documents", "import", str(path))
    assert result.exit_code == 3 and "lacks number, issuing_country" in result.output
    assert json.loads(ncb("documents", "count", "--json").output)["total"] == 0
