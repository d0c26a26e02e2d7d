"""``/api/audit`` on both databases: the signed checkpoint and key a witness needs, proofs in base64 that
check against them, and the events and verification for those with the read_audit permission."""

from __future__ import annotations

import base64
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from ncb.audit.checkpoint import parse_checkpoint, parse_verifier_key, verify_note
from ncb.audit.keys import load_log_key
from ncb.audit.merkle import verify_consistency, verify_inclusion
from ncb.domain.access import Viewer
from ncb.domain.identity import Actor
from ncb.services import audit
from ncb.settings import Settings
from ncb.storage.uow import SqlUnitOfWork
from ncb.web.app import create_app
from tests.conftest import NOW
from tests.web.conftest import TOKEN

OFFICER = Actor("officer.sato@JP", Viewer.bureau("JP"), purpose="border check")
DPO = {"X-NCB-Role": "dpo"}


@pytest.fixture
def app_client(db_url: str, tmp_path: Path) -> Iterator[TestClient]:
    settings = Settings.from_env({}, database_url=db_url, api_token=TOKEN, audit_key_file=str(tmp_path / "a.key"))
    app = create_app(settings)
    with TestClient(app, headers={"Authorization": f"Bearer {TOKEN}"}) as c:
        yield c
    app.state.engine.dispose()


def fill(client: TestClient, count: int, start: int = 0, checkpoint: bool = True) -> audit.Checkpoint | None:
    engine = client.app.state.engine  # type: ignore[attr-defined]
    uow = SqlUnitOfWork(engine)
    with uow:
        for i in range(start, start + count):
            audit.record(uow, actor=OFFICER, action="notice.consult", object=f"notice:2026/{i:05d}",
                         outcome="allowed", now=NOW + timedelta(seconds=i))
        uow.commit()
    if not checkpoint:
        return None
    settings: Settings = client.app.state.settings  # type: ignore[attr-defined]
    key = load_log_key(Path(settings.audit_key_file), "ncb.JP/audit", create=True)
    return audit.checkpoint(SqlUnitOfWork(engine), key, NOW)


def b64(value: str) -> bytes:
    return base64.b64decode(value)


def test_a_witness_gets_the_signed_checkpoint_and_the_key_to_check_it(app_client: TestClient) -> None:
    missing = app_client.get("/api/audit/checkpoint")
    assert missing.status_code == 404 and "no checkpoint has been signed yet" in missing.json()["detail"]
    assert app_client.get("/api/audit/public-key").status_code == 404
    made = fill(app_client, 20)
    assert made is not None
    note = app_client.get("/api/audit/checkpoint")
    assert note.status_code == 200 and note.headers["content-type"].startswith("text/plain")
    name, key = parse_verifier_key(app_client.get("/api/audit/public-key").text.strip())
    assert parse_checkpoint(verify_note(note.text, name, key)) == ("ncb.JP/audit", 20, made.root)


def test_proofs_in_base64_check_against_the_signed_roots(app_client: TestClient) -> None:
    old = fill(app_client, 300)
    new = fill(app_client, 50, start=300)
    assert old is not None and new is not None
    inc = app_client.get("/api/audit/proofs/inclusion", params={"seq": 7, "size": 300}).json()
    assert inc["root"] == base64.b64encode(old.root).decode()
    assert verify_inclusion(b64(inc["leaf_hash"]), 7, 300, [b64(h) for h in inc["proof"]], old.root)
    con = app_client.get("/api/audit/proofs/consistency", params={"old_size": 300}).json()
    assert con["size"] == 350
    assert verify_consistency(300, 350, old.root, new.root, [b64(h) for h in con["proof"]])
    assert app_client.get("/api/audit/proofs/inclusion", params={"seq": 350}).status_code == 404
    too_big = app_client.get("/api/audit/proofs/inclusion", params={"seq": 1, "size": 351})
    assert too_big.status_code == 422 and "no tree of size 351" in too_big.json()["detail"]
    assert app_client.get("/api/audit/proofs/inclusion", params={"seq": -1}).status_code == 422


def test_the_events_need_the_read_audit_permission(app_client: TestClient) -> None:
    fill(app_client, 3, checkpoint=False)
    denied = app_client.get("/api/audit/events")
    assert denied.status_code == 403 and "read_audit" in denied.json()["detail"]
    listed = app_client.get("/api/audit/events", params={"limit": 2}, headers=DPO).json()
    assert [e["seq"] for e in listed] == [2, 1] and listed[0]["action"] == "notice.consult"
    assert listed[0]["personal_data"] == "none"
    assert [e["seq"] for e in app_client.get("/api/audit/events", params={"before": 1}, headers=DPO).json()] == [0]


def test_verification_is_for_auditors_and_refuses_a_forged_checkpoint(app_client: TestClient) -> None:
    made = fill(app_client, 40)
    assert made is not None
    assert app_client.post("/api/audit/verify").status_code == 403
    ok = app_client.post("/api/audit/verify", headers=DPO)
    assert ok.status_code == 200 and ok.json()["ok"] and ok.json()["entries_checked"] == 40
    known = app_client.post("/api/audit/verify", headers=DPO, json={"known": made.note})
    assert known.json()["ok"]
    forged = app_client.post("/api/audit/verify", headers=DPO, json={"known": made.note.replace("\n40\n", "\n41\n")})
    assert forged.status_code == 422
    assert "the checkpoint given is refused: the signature of ncb.JP/audit does not verify" in forged.json()["detail"]
    last = app_client.get("/api/audit/events", params={"limit": 1}, headers=DPO).json()[0]
    assert (last["action"], last["outcome"]) == ("audit.verify",
                                                 "refused: the checkpoint given is not signed by this log's key")


def test_reading_a_notice_without_a_purpose_is_refused_and_discloses_nothing(client: TestClient) -> None:
    from ncb.domain.documents import notice_to_dict
    from tests.builders import make_notice

    doc = notice_to_dict(make_notice())
    doc["entity_id"] = None
    created = client.post("/api/notices", json=doc)
    assert created.status_code == 201, created.text
    entity = created.json()["entity_id"].replace("/", "-")
    no_purpose = {"X-NCB-Purpose": ""}
    for path in (f"/api/notices/{entity}", f"/api/notices/{entity}/history", f"/api/notices/{entity}/findings",
                 "/api/notices?name=yamada", "/api/exports"):
        refused = client.get(path, headers=no_purpose)
        assert refused.status_code == 422, path
        assert refused.headers["content-type"] == "application/problem+json"
        assert "needs a stated purpose" in refused.json()["detail"] and "YAMADA" not in refused.text
    assert client.get(f"/api/notices/{entity}").json()["subject"]["names"][0]["name"] == "YAMADA"
    trail = client.get("/api/audit/events", params={"limit": 7}, headers=DPO).json()
    assert [(e["action"], e["outcome"]) for e in reversed(trail)] == [
        ("notice.create", "status draft"), ("notice.consult", "refused: no purpose stated"),
        ("notice.history", "refused: no purpose stated"), ("notice.findings", "refused: no purpose stated"),
        ("notice.list", "refused: no purpose stated"), ("notices.export", "refused: no purpose stated"),
        ("notice.consult", "shown")]
    assert trail[0]["purpose"] == "test suite"


def test_screening_and_the_hit_queue_are_recorded_with_recipients(client: TestClient) -> None:
    from ncb.domain.documents import notice_to_dict
    from ncb.domain.notices import NoticeStatus
    from tests.builders import make_notice

    imported = client.post("/api/imports", json=[notice_to_dict(make_notice(status=NoticeStatus.PUBLISHED))])
    assert imported.status_code == 200, imported.text
    checked = client.post("/screening/check", json={"traveller": {"names": ["YAMADA TARO"],
                                                                      "date_of_birth": "1989/04/16"}})
    assert checked.status_code == 200 and checked.json()["hits"]
    assert client.get("/screening/hits").status_code == 200
    trail = client.get("/api/audit/events", params={"limit": 3}, headers=DPO).json()
    assert [(e["action"], e["recipients"], e["personal_data"]) for e in reversed(trail)] == [
        ("notices.import", [], "kept"), ("screening.check", ["JP"], "kept"), ("hits.shown", ["JP"], "kept")]
    assert "YAMADA" not in str([(e["object"], e["outcome"]) for e in trail])
