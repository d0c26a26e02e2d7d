"""``ncb audit`` end to end on both databases: keys, checkpoints, verification that names a tampered entry,
proofs that check against the signed roots, and the trail for those allowed to read it."""

from __future__ import annotations

import base64
import json
from datetime import timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from sqlalchemy import Engine, text

from ncb.audit.checkpoint import parse_verifier_key, verify_note
from ncb.audit.merkle import verify_consistency, verify_inclusion
from ncb.cli import main
from ncb.domain.access import Viewer
from ncb.domain.identity import Actor
from ncb.services import audit
from ncb.storage.dialect import make_engine
from ncb.storage.uow import SqlUnitOfWork
from tests.conftest import NOW

OFFICER = Actor("officer.sato@JP", Viewer.bureau("JP"), purpose="border check")


@pytest.fixture
def env(db_url: str, tmp_path: Path) -> dict[str, str]:
    return {"NCB_DATABASE_URL": db_url, "NCB_BUREAU": "JP", "NCB_AUDIT_KEY_FILE": str(tmp_path / "audit.key")}


@pytest.fixture
def ncb(env: dict[str, str]):  # type: ignore[no-untyped-def]
    runner = CliRunner()

    def run(*args: str) -> Result:
        return runner.invoke(main, list(args), env=env, catch_exceptions=False)

    return run


@pytest.fixture
def db(db_url: str) -> Engine:
    engine = make_engine(db_url)
    yield engine  # type: ignore[misc]
    engine.dispose()


def add_events(engine: Engine, count: int, start: int = 0) -> None:
    uow = SqlUnitOfWork(engine)
    with uow:
        for i in range(start, start + count):
            audit.record(uow, actor=OFFICER, action="notice.consult", object=f"notice:2026/{i:05d}",
                         outcome="allowed", now=NOW + timedelta(seconds=i), personal_data={"query": f"name {i}"})
        uow.commit()


def tamper(engine: Engine, seq: int) -> None:
    """What an intruder with the database's owner rights could do: switch the guard off and rewrite a leaf."""
    with engine.begin() as conn:
        if engine.dialect.name == "postgresql":
            conn.execute(text("ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only"))
        else:
            conn.execute(text("DROP TRIGGER audit_log_no_update"))
        conn.execute(text("UPDATE audit_log SET leaf = :leaf WHERE seq = :seq"),
                     {"seq": seq, "leaf": b'{"seq":%d}' % seq})


def test_keygen_writes_a_private_key_once_and_public_key_prints_its_verifier_key(ncb, env) -> None:  # type: ignore[no-untyped-def]
    made = ncb("audit", "keygen")
    assert made.exit_code == 0, made.output
    path = Path(env["NCB_AUDIT_KEY_FILE"])
    assert path.stat().st_mode & 0o777 == 0o600
    line = ncb("audit", "public-key").output.strip()
    assert line in made.output and parse_verifier_key(line)[0] == "ncb.JP/audit"
    again = ncb("audit", "keygen")
    assert again.exit_code == 5 and "would orphan every checkpoint" in again.output


def test_the_key_lives_beside_a_sqlite_database_by_default(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'data' / 'ncb.db'}"
    (tmp_path / "data").mkdir()
    result = CliRunner().invoke(main, ["audit", "keygen"], env={"NCB_DATABASE_URL": url})
    assert result.exit_code == 0, result.output
    assert (tmp_path / "data" / "ncb-audit.key").is_file()


def test_checkpoint_then_verify_ok_then_a_tampered_entry_is_named(ncb, db: Engine) -> None:  # type: ignore[no-untyped-def]
    add_events(db, 300)
    note = ncb("audit", "checkpoint")
    assert note.exit_code == 0, note.output
    name, key = parse_verifier_key(ncb("audit", "public-key").output.strip())
    assert verify_note(note.output, name, key).splitlines()[1] == "300"
    add_events(db, 5, start=300)
    ok = ncb("audit", "verify", "--json")
    assert ok.exit_code == 0, ok.output
    report = json.loads(ok.output)
    assert report["ok"] and report["entries_checked"] == 305 and report["unanchored"] == 5
    assert "OK: 305 entries verified against 1 checkpoints" in ncb("audit", "verify").output
    tamper(db, 123)
    bad = ncb("audit", "verify")
    assert bad.exit_code == 9
    assert "PROBLEM: modified at seq 123" in bad.output
    assert json.loads(ncb("audit", "verify", "--json").output)["kind"] == "modified"


def test_a_forged_known_checkpoint_is_refused_and_the_refusal_recorded(ncb, db: Engine, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    add_events(db, 10)
    genuine = ncb("audit", "checkpoint").output
    forged = tmp_path / "forged.txt"
    forged.write_text(genuine.replace("\n10\n", "\n11\n", 1))
    result = ncb("audit", "verify", "--known", str(forged))
    assert result.exit_code == 3
    assert "the checkpoint given is refused: the signature of ncb.JP/audit does not verify" in result.output
    with SqlUnitOfWork(db, write=False) as uow:
        [last] = uow.audit.recent(1)
    assert b'"action":"audit.verify"' in last.leaf and b"refused" in last.leaf
    kept = tmp_path / "witness.txt"
    kept.write_text(genuine)
    assert ncb("audit", "verify", "--known", str(kept)).exit_code == 0
    assert ncb("audit", "verify", "--known", str(tmp_path / "missing.txt")).exit_code == 3


def test_proofs_verify_against_the_signed_roots(ncb, db: Engine, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    add_events(db, 600)
    old_note = ncb("audit", "checkpoint").output
    add_events(db, 100, start=600)
    new = json.loads(ncb("audit", "checkpoint", "--json").output)
    proof = json.loads(ncb("audit", "prove", "41", "--json").output)
    assert proof["size"] == 700 and proof["root"] == new["root"]
    assert verify_inclusion(base64.b64decode(proof["leaf_hash"]), 41, 700,
                            [base64.b64decode(h) for h in proof["proof"]], base64.b64decode(new["root"]))
    saved = tmp_path / "old.txt"
    saved.write_text(old_note)
    at_old = json.loads(ncb("audit", "prove", "41", "--checkpoint", str(saved), "--json").output)
    assert at_old["size"] == 600
    consistency = json.loads(ncb("audit", "prove", "--consistency", "600", "700", "--json").output)
    assert verify_consistency(600, 700, base64.b64decode(consistency["old_root"]), base64.b64decode(new["root"]),
                              [base64.b64decode(h) for h in consistency["proof"]])
    table = ncb("audit", "prove", "41")
    assert table.exit_code == 0 and "proof[0]" in table.output
    assert ncb("audit", "prove", "700").exit_code == 4
    assert ncb("audit", "prove").exit_code == 3
    tamper(db, 10)  # proofs read stored hashes; verification rehashes the leaves and finds it
    refused = ncb("audit", "verify")
    assert refused.exit_code == 9


def test_the_trail_is_listed_only_for_those_who_may_read_it(ncb, db: Engine) -> None:  # type: ignore[no-untyped-def]
    add_events(db, 3)
    denied = ncb("audit", "list")
    assert denied.exit_code == 7 and "read_audit permission" in denied.output
    listed = json.loads(ncb("--role", "dpo", "audit", "list", "--limit", "2", "--json").output)
    assert [e["seq"] for e in listed] == [2, 1] and listed[0]["personal_data"] == "kept"
    assert "name 2" not in json.dumps(listed)
    table = ncb("--role", "dpo", "audit", "list")
    assert table.exit_code == 0 and "notice:2026/00002" in table.output


def test_reading_a_notice_without_a_purpose_exits_3_and_discloses_nothing(ncb, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from ncb.domain.documents import notice_to_dict
    from tests.builders import make_notice

    doc = notice_to_dict(make_notice())
    doc["entity_id"] = None
    (tmp_path / "draft.json").write_text(json.dumps(doc))
    entity_id = json.loads(ncb("notices", "create", str(tmp_path / "draft.json"), "--json").output)["entity_id"]
    for args in (("notices", "show", entity_id), ("notices", "list"), ("notices", "findings", entity_id),
                 ("export", "--format", "csv")):
        refused = ncb(*args)
        assert refused.exit_code == 3, args
        assert "needs a stated purpose" in refused.output and "YAMADA" not in refused.output
    shown = ncb("--purpose", "extradition file 17", "notices", "show", entity_id, "--json")
    assert shown.exit_code == 0 and json.loads(shown.output)["subject"]["names"][0]["name"] == "YAMADA"
    trail = json.loads(ncb("--role", "dpo", "audit", "list", "--limit", "2", "--json").output)
    assert [(e["action"], e["outcome"], e["purpose"]) for e in trail] == [
        ("notice.consult", "shown", "extradition file 17"), ("notices.export", "refused: no purpose stated", "-")]


def test_a_list_screened_against_the_database_is_recorded_before_it_starts(ncb, db: Engine, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    pax = tmp_path / "arrivals-0426.jsonl"
    pax.write_text(json.dumps({"id": "P1", "name": "YAMADA TARO"}) + "\n")
    screened = ncb("screen", str(pax))
    assert screened.exit_code == 0, screened.output
    with SqlUnitOfWork(db, write=False) as uow:
        [entry] = uow.audit.recent(1)
    assert b'"action":"screening.list"' in entry.leaf and b"arrivals" not in entry.leaf
    assert entry.payload == '{"source":"arrivals-0426.jsonl"}'
