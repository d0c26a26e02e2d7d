"""The ``ncb`` command end to end on both databases: tables for people, JSON for programs, exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from ncb.cli import main
from ncb.domain.documents import notice_to_dict
from tests.builders import make_notice

PURPOSE = "test suite"


@pytest.fixture
def ncb(db_url: str):  # type: ignore[no-untyped-def]
    runner = CliRunner()

    def run(*args: str, input: str | None = None) -> Result:
        # Reading non-public data needs a stated purpose; a test that reads without one says --purpose "".
        return runner.invoke(main, ["--purpose", PURPOSE, *args], env={"NCB_DATABASE_URL": db_url, "NCB_BUREAU": "JP"},
                             input=input, catch_exceptions=False)

    return run


@pytest.fixture
def draft_file(tmp_path: Path) -> Path:
    doc = notice_to_dict(make_notice())
    doc["entity_id"] = None
    path = tmp_path / "draft.json"
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return path


def test_a_notice_is_drafted_submitted_reviewed_and_listed(ncb, draft_file: Path) -> None:  # type: ignore[no-untyped-def]
    created = ncb("notices", "create", str(draft_file), "--json")
    assert created.exit_code == 0, created.output
    entity_id = json.loads(created.output)["entity_id"]
    assert ncb("notices", "submit", entity_id).exit_code == 0
    findings = ncb("--as", "gs", "notices", "findings", entity_id, "--json")
    assert json.loads(findings.output) == []
    assert ncb("--as", "general-secretariat", "--actor", "reviewer.ito", "notices", "review", entity_id,
               "--decision", "approve").exit_code == 0
    listed = json.loads(ncb("notices", "list", "--type", "red", "--nationality", "JP", "--json").output)
    assert listed["total"] == 1 and listed["notices"][0]["status"] == "published"
    shown = json.loads(ncb("notices", "show", entity_id.replace("/", "-"), "--history", "--json").output)
    assert [h["action"] for h in shown["history"]] == ["create", "submit", "approve"]
    assert shown["history"][-1]["actor"] == "reviewer.ito@general-secretariat"
    table = ncb("notices", "list")
    assert "YAMADA" in table.output and entity_id in table.output


def test_an_illegal_transition_exits_5_with_a_clear_message(ncb, draft_file: Path) -> None:  # type: ignore[no-untyped-def]
    entity_id = json.loads(ncb("notices", "create", str(draft_file), "--json").output)["entity_id"]
    result = ncb("notices", "withdraw", entity_id, "--reason", "found")
    assert result.exit_code == 5
    assert "cannot go from draft to withdrawn" in result.output


def test_an_impossible_date_exits_3_naming_the_field_and_stores_nothing(ncb, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    doc = notice_to_dict(make_notice())
    doc["subject"]["date_of_birth"] = "2023/02/30"
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(doc))
    result = ncb("notices", "create", str(path))
    assert result.exit_code == 3
    assert "subject.date_of_birth" in result.output and "does not exist" in result.output
    assert json.loads(ncb("notices", "list", "--json").output)["total"] == 0


def test_malformed_json_exits_3(ncb, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "broken.json"
    path.write_text('{"type": "red", ')
    result = ncb("notices", "create", str(path))
    assert result.exit_code == 3 and "not valid JSON" in result.output


def test_an_unknown_notice_exits_4(ncb) -> None:  # type: ignore[no-untyped-def]
    result = ncb("notices", "show", "1999/12345")
    assert result.exit_code == 4 and "no notice 1999/12345" in result.output


def test_a_blocked_approval_exits_6(ncb, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    doc = notice_to_dict(make_notice())
    doc["warrants"][0]["max_penalty_months"] = 6
    path = tmp_path / "low.json"
    path.write_text(json.dumps(doc))
    entity_id = json.loads(ncb("notices", "create", str(path), "--json").output)["entity_id"]
    ncb("notices", "submit", entity_id)
    result = ncb("--as", "gs", "notices", "publish", entity_id)
    assert result.exit_code == 6 and "red.penalty" in result.output
    ok = ncb("--as", "gs", "notices", "publish", entity_id, "--reason", "checked",
             "--exception", "particular importance: serial offender across borders")
    assert ok.exit_code == 0, ok.output


def test_another_bureau_cannot_review_exits_7(ncb, draft_file: Path) -> None:  # type: ignore[no-untyped-def]
    entity_id = json.loads(ncb("notices", "create", str(draft_file), "--json").output)["entity_id"]
    ncb("notices", "submit", entity_id)
    result = ncb("--as", "bureau:FR", "notices", "review", entity_id, "--decision", "approve")
    assert result.exit_code == 4  # FR cannot even see a submitted notice of JP's
    result = ncb("notices", "review", entity_id, "--decision", "approve")
    assert result.exit_code == 7


def test_every_command_has_help_with_an_example() -> None:
    runner = CliRunner()
    missing = []

    def walk(cmd, path):  # type: ignore[no-untyped-def]
        if hasattr(cmd, "commands"):
            for name, sub in cmd.commands.items():
                walk(sub, [*path, name])
        else:
            text = runner.invoke(main, [*path, "--help"]).output
            if "Example" not in text:
                missing.append(" ".join(path))

    walk(main, [])
    assert missing == []


def test_reference_commands_answer_in_both_languages() -> None:
    runner = CliRunner()
    out = runner.invoke(main, ["countries", "list", "--json"]).output
    assert len(json.loads(out)) == 196
    ja = json.loads(runner.invoke(main, ["bureaus", "show", "JP", "--locale", "ja", "--json"]).output)
    assert ja["name"] == "インターポール東京" and ja["member_since"] == "1952/08"
    settings = json.loads(runner.invoke(main, ["settings", "--json"]).output)
    assert all(s["help"] for s in settings)
