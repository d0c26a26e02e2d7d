"""``ncb messages|cases|operations|stats`` end to end on both databases: tables, JSON, CSV, exit codes."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from ncb.cli import main
from ncb.domain.notices import NoticeStatus, Restriction, RestrictionMode
from ncb.storage.dialect import make_engine
from ncb.storage.uow import SqlUnitOfWork
from tests.builders import make_notice

PURPOSE = ("--purpose", "locating a fugitive")


@pytest.fixture
def ncb(db_url: str):  # type: ignore[no-untyped-def]
    runner = CliRunner()
    engine = make_engine(db_url)
    with SqlUnitOfWork(engine) as uow:
        uow.notices.add(make_notice(status=NoticeStatus.PUBLISHED, published_at=datetime.now(UTC),
                                    restriction=Restriction(RestrictionMode.DENY, frozenset({"RU"}))))
        uow.commit()
    engine.dispose()

    def run(*args: str, input: str | None = None) -> Result:
        return runner.invoke(main, list(args), env={"NCB_DATABASE_URL": db_url, "NCB_BUREAU": "JP"},
                             input=input, catch_exceptions=False)

    return run


def test_a_request_goes_out_is_answered_and_shows_in_both_bureaus(ncb, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "warrant.pdf").write_bytes(b"%PDF warrant")
    drafted = ncb("messages", "draft", "--type", "locate_request", "--to", "FR", "--subject", "Locate YAMADA",
                  "--notice", "2026/00001", "--attach", str(tmp_path / "warrant.pdf"), "--send", "--json")
    assert drafted.exit_code == 0, drafted.output
    message = json.loads(drafted.output)
    assert message["status"] == "sent" and message["attachments"][0]["media_type"] == "application/pdf"
    mid = message["id"]
    listed = ncb("--as", "bureau:FR", *PURPOSE, "messages", "list")
    assert listed.exit_code == 0 and mid in listed.output
    assert ncb("--as", "bureau:FR", "messages", "ack", mid).exit_code == 0
    replied = ncb("--as", "bureau:FR", "messages", "reply", mid, "--body", "Found in Lyon", "--json")
    assert replied.exit_code == 0, replied.output
    assert json.loads(replied.output)["parent"] == mid
    shown = ncb(*PURPOSE, "messages", "show", mid, "--json")
    assert json.loads(shown.output)["status"] == "answered"
    thread = ncb(*PURPOSE, "messages", "show", mid, "--thread", "--json")
    assert len(json.loads(thread.output)) == 2
    table = ncb(*PURPOSE, "messages", "show", mid)
    assert "Locate YAMADA" in table.output and "warrant.pdf" in table.output
    assert ncb("messages", "show", mid).exit_code == 3  # no purpose stated
    assert ncb("--as", "bureau:DE", *PURPOSE, "messages", "show", mid).exit_code == 4
    assert ncb("messages", "close", mid).exit_code == 0
    assert ncb("messages", "close", mid).exit_code == 5


def test_bad_input_exits_3_naming_the_field(ncb) -> None:  # type: ignore[no-untyped-def]
    result = ncb("messages", "draft", "--to", "RU", "--subject", "x", "--notice", "2026/00001")
    assert result.exit_code == 3 and "recipients[0]" in result.output and "RU may not receive" in result.output
    result = ncb("messages", "draft", "--to", "FR", "--subject", "x", "--deadline", "2020-01-01")
    assert result.exit_code == 3 and "deadline" in result.output
    assert ncb(*PURPOSE, "messages", "list", "--json").output.count('"id"') == 0


def test_due_lists_the_reminders_of_a_day(ncb) -> None:  # type: ignore[no-untyped-def]
    today = datetime.now(UTC).date()
    deadline = today.replace(year=today.year + 1)
    mid = json.loads(ncb("messages", "draft", "--type", "information_request", "--to", "FR", "--subject", "Record?",
                         "--deadline", deadline.isoformat(), "--send", "--json").output)["id"]
    due = ncb("--as", "bureau:FR", "messages", "due", "--on", deadline.isoformat(), "--json")
    assert json.loads(due.output)[0] == {"message": mid, "deadline": deadline.isoformat(), "days_left": 0,
                                         "reminder": "due today", "subject": "Record?", "to": ["FR"]}


def test_a_case_is_opened_advanced_and_warned_about(ncb) -> None:  # type: ignore[no-untyped-def]
    today = datetime.now(UTC).date().isoformat()
    opened = ncb("--as", "bureau:US", "cases", "open", "--notice", "2026/00001", "--requested", "US", "--json")
    assert opened.exit_code == 0, opened.output
    cid = json.loads(opened.output)["id"]
    assert ncb("--as", "bureau:US", "cases", "advance", cid, "surrender").exit_code == 5
    assert ncb("--as", "bureau:US", "cases", "advance", cid, "provisional_arrest", "--on", today).exit_code == 0
    warned = ncb("cases", "warnings", "--within", "60", "--json")
    assert json.loads(warned.output)[0]["case_id"] == cid
    shown = ncb("--as", "bureau:US", "cases", "show", cid)
    assert "Japan and the United States" in " ".join(shown.output.split())
    assert cid in ncb("cases", "list", "--open").output
    assert ncb("--as", "bureau:FR", "cases", "show", cid).exit_code == 4


def test_an_operation_is_created_filled_and_reported(ncb, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    created = ncb("operations", "create", "Pangea", "--country", "FR", "--json")
    oid = json.loads(created.output)["id"]
    assert ncb("operations", "add-target", oid, "notice", "2026/00001").exit_code == 0
    assert ncb("operations", "add-country", oid, "RU").exit_code == 3  # the notice's owner excludes RU
    result = ncb("--as", "bureau:FR", "operations", "add-result", oid, "--arrests", "2", "--seizure",
                 "tablets:1200:boxes:5000:EUR")
    assert result.exit_code == 0, result.output
    assert ncb("operations", "add-result", oid, "--seizure", "tablets:lots:boxes").exit_code == 3
    assert ncb("operations", "add-event", oid, "Raids in Lyon", "--country", "FR").exit_code == 0
    report = ncb("operations", "report", oid)
    assert "| FR | 2 | 1,200 boxes tablets (5,000 EUR) |" in report.output and "Raids in Lyon" in report.output
    out = tmp_path / "r.txt"
    assert ncb("operations", "report", oid, "--text", "-o", str(out)).exit_code == 0
    assert "Total arrests: 2." in out.read_text(encoding="utf-8")
    assert json.loads(ncb("operations", "show", oid, "--json").output)["totals"]["arrests"] == 2


def test_stats_print_tables_and_csv(ncb) -> None:  # type: ignore[no-untyped-def]
    shown = ncb("stats")
    assert shown.exit_code == 0 and "Notices by year, type and country" in shown.output
    csv_out = ncb("stats", "--csv")
    assert csv_out.output.splitlines()[0] == "table,key,value"
    assert f"notices,{datetime.now(UTC).year}/red/JP,1" in csv_out.output
