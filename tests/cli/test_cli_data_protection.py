"""``ncb requests`` and ``ncb retention`` end to end on both databases, with their exit codes."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
from click.testing import CliRunner, Result

from ncb.cli import main
from ncb.domain.dates import PartialDate
from ncb.domain.lifecycle import creation
from ncb.domain.names import Name
from ncb.domain.notices import NoticeStatus
from ncb.storage.dialect import make_engine
from ncb.storage.uow import SqlUnitOfWork
from tests.builders import make_notice
from tests.conftest import NOW

DPO = ("--role", "dpo")
SUBMIT = ("requests", "submit", "--kind", "deletion", "--family-name", "Takahashi", "--forenames", "Kenji",
          "--date-of-birth", "1975/02/03", "--contact", "k@example.jp", "--details", "Delete my data")


SOON = datetime.now(UTC).date() + timedelta(days=60)  # within the review period whatever the day


@pytest.fixture
def ncb(db_url: str):  # type: ignore[no-untyped-def]
    engine = make_engine(db_url)
    mine = make_notice(entity_id="2026/00011", names=(Name(name="TAKAHASHI", forename="KENJI"),),
                       date_of_birth=PartialDate(1975, 2, 3), status=NoticeStatus.PUBLISHED, published_at=NOW,
                       expires_on=SOON)
    with SqlUnitOfWork(engine) as uow:
        for n in (mine, replace(mine, entity_id="2026/00012", owner="FR", expires_on=SOON + timedelta(days=5 * 365))):
            uow.notices.add(n)
            uow.notices.add_transition(creation(n, actor="sato@JP", now=NOW))
        uow.commit()
    engine.dispose()
    runner = CliRunner()

    def run(*args: str) -> Result:
        return runner.invoke(main, list(args), env={"NCB_DATABASE_URL": db_url, "NCB_BUREAU": "JP"},
                             catch_exceptions=False)

    return run


def test_a_deletion_request_from_submission_to_erasure(ncb) -> None:  # type: ignore[no-untyped-def]
    submitted = ncb(*SUBMIT, "--json")
    assert submitted.exit_code == 0, submitted.output
    reference = json.loads(submitted.output)["reference"]
    assert ncb(*DPO, "requests", "admit", reference).exit_code == 0
    matches = json.loads(ncb(*DPO, "requests", "matches", reference, "--json").output)
    assert [m["entity_id"] for m in matches] == ["2026/00011", "2026/00012"]
    asked = json.loads(ncb(*DPO, "requests", "consult", reference, "--json").output)
    assert [(a["notice_id"], a["bureau"]) for a in asked] == [("2026/00011", "JP"), ("2026/00012", "FR")]
    fr = json.loads(ncb("--as", "bureau:FR", "requests", "questions", "--json").output)
    assert [q["notice_id"] for q in fr] == ["2026/00012"]
    early = ncb(*DPO, "requests", "decide", reference, "granted", "--reasons", "acquitted")
    assert early.exit_code == 5 and "have not answered" in early.output
    assert ncb("--as", "bureau:FR", "requests", "answer", str(fr[0]["id"]), "agrees").exit_code == 0
    jp_id = str(asked[0]["id"])
    assert ncb("--as", "bureau:FR", "requests", "answer", jp_id, "agrees").exit_code == 4
    assert ncb("--as", "bureau:JP", "requests", "answer", jp_id, "objects").exit_code == 3  # no grounds
    assert ncb("requests", "answer", jp_id, "agrees").exit_code == 0
    decided = ncb(*DPO, "requests", "decide", reference, "granted", "--reasons", "acquitted")
    assert decided.exit_code == 0 and "to be carried out by" in decided.output
    carried = json.loads(ncb(*DPO, "requests", "carry-out", reference, "--json").output)
    assert carried["status"] == "carried_out" and carried["erased_notices"] == ["2026/00011", "2026/00012"]
    assert carried["requester"] is None
    shown = ncb(*DPO, "requests", "show", reference)
    assert shown.exit_code == 0 and "carried_out" in shown.output and "Takahashi" not in shown.output
    listed = json.loads(ncb(*DPO, "requests", "list", "--json").output)
    assert [r["reference"] for r in listed] == [reference]
    assert "data-subject requests (1)" in ncb(*DPO, "requests", "list").output


def test_requests_are_refused_to_officers_and_bad_input_exits_3(ncb) -> None:  # type: ignore[no-untyped-def]
    reference = json.loads(ncb(*SUBMIT, "--json").output)["reference"]
    denied = ncb("requests", "list")
    assert denied.exit_code == 7 and "handle_subject_requests" in denied.output
    assert ncb("requests", "show", reference).exit_code == 7
    bad = ncb("requests", "submit", "--kind", "access", "--family-name", "Takahashi", "--date-of-birth", "1975/13",
              "--contact", "k@example.jp", "--details", "x")
    assert bad.exit_code == 3 and "date_of_birth" in bad.output
    assert ncb(*DPO, "requests", "show", "DSR-0000-0000-0000-0000").exit_code == 4
    assert ncb(*DPO, "requests", "show", "nonsense").exit_code == 3
    illegal = ncb(*DPO, "requests", "carry-out", reference)
    assert illegal.exit_code == 5 and "from received to carried_out" in illegal.output
    assert ncb(*DPO, "requests", "reject", reference, "--reasons", "No identity given").exit_code == 0
    assert json.loads(ncb(*DPO, "requests", "list", "--status", "inadmissible", "--json").output)[0][
        "reference"] == reference


def test_retention_dry_run_then_run_and_the_reminders(ncb) -> None:  # type: ignore[no-untyped-def]
    assert ncb("retention", "run").exit_code == 7  # a system administrator's job
    plan = json.loads(ncb("--role", "system_admin", "retention", "run", "--dry-run", "--json").output)
    assert plan["dry_run"] is True and [r["notice_id"] for r in plan["reminded"]] == ["2026/00011"]
    assert json.loads(ncb("retention", "reminders", "--json").output) == []  # nothing written
    table = ncb("--role", "system_admin", "retention", "run")
    assert table.exit_code == 0 and "reminded" in table.output and "2026/00011" in table.output
    reminders = json.loads(ncb("retention", "reminders", "--json").output)
    assert [(r["notice_id"], r["expires_on"]) for r in reminders] == [("2026/00011", SOON.isoformat())]
    assert json.loads(ncb("--as", "bureau:FR", "retention", "reminders", "--json").output) == []
    again = json.loads(ncb("--role", "system_admin", "retention", "run", "--json").output)
    assert again["reminded"] == []
