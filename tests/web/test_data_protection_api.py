"""Data protection over HTTP on both backends: the public form and its status page, the data-protection officer's
API, the consulted bureaus, retention; a deletion that leaves the public API and screening at once."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, func, select

from ncb.domain.dates import PartialDate
from ncb.domain.lifecycle import creation
from ncb.domain.notices import NoticeStatus
from ncb.services import retention
from ncb.storage.tables import subject_request_events, subject_requests
from ncb.storage.uow import SqlUnitOfWork
from tests.builders import make_notice
from tests.conftest import NOW
from tests.services.test_data_protection_service import FORM, SUBJECT_NAMES, texts_naming

DPO = {"X-NCB-Role": "dpo"}
JP = {"X-NCB-Act-As": "bureau:JP", "X-NCB-Purpose": "border check"}
FR = {"X-NCB-Act-As": "bureau:FR"}
ADMIN = {"X-NCB-Role": "system_admin"}
NO_LOGIN = {"Authorization": ""}
TRAVELLER = {"traveller": {"names": ["KENJI TAKAHASHI"], "date_of_birth": "1975/02/03"}}


def engine_of(client: TestClient) -> Engine:
    engine: Engine = client.app.state.engine  # type: ignore[attr-defined]
    return engine


def populate(client: TestClient) -> None:
    """Takahashi's notices of JP (public, expiring in two months) and FR."""
    soon = datetime.now(UTC).date() + timedelta(days=60)
    mine = make_notice(entity_id="2026/00011", names=SUBJECT_NAMES, date_of_birth=PartialDate(1975, 2, 3),
                       status=NoticeStatus.PUBLISHED, published_at=NOW, expires_on=soon)
    french = make_notice(entity_id="2026/00012", owner="FR", names=SUBJECT_NAMES,
                         date_of_birth=PartialDate(1975, 2, 3), status=NoticeStatus.PUBLISHED, published_at=NOW,
                         expires_on=soon + timedelta(days=5 * 365))
    with SqlUnitOfWork(engine_of(client)) as uow:
        for n in (mine, french):
            uow.notices.add(n)
            uow.notices.add_transition(creation(n, actor="sato@JP", now=NOW))
        uow.commit()


def stored_requests(client: TestClient) -> int:
    with engine_of(client).connect() as conn:
        return sum(conn.execute(select(func.count()).select_from(t)).scalar_one()
                   for t in (subject_requests, subject_request_events))


def test_the_public_form_returns_a_reference_and_the_deadline(client: TestClient) -> None:
    response = client.post("/public/data-requests", json={**FORM, "kind": "access"}, headers=NO_LOGIN)
    assert response.status_code == 201, response.text
    body = response.json()
    assert body["reference"].startswith("DSR-") and body["status"] == "received"
    assert date.fromisoformat(body["due_on"]) > datetime.now(UTC).date()
    assert body["deadline"] == "4 months from admissibility (CCF Statute Art. 40(1))"
    status = client.get(f"/public/data-requests/{body['reference'].lower()}", headers=NO_LOGIN)
    assert status.status_code == 200
    assert set(status.json()) == {"reference", "kind", "status", "received_on", "due_on", "outcome"}
    assert "takahashi" not in status.text.casefold() and "example.jp" not in status.text


@pytest.mark.parametrize("change, field", [
    ({"family_name": ""}, "family_name"),
    ({"date_of_birth": "1975/02/30"}, "date_of_birth"),
    ({"kind": "erase"}, "kind"),
    ({"contact": None}, "contact"),
    ({"nationality": "ZZ"}, "nationality"),
    ({"password": "hunter2"}, "password"),
    ({"other_names": "x" * 10}, "other_names"),
    ({"details": "x" * 5000}, "details"),
])
def test_a_refused_request_names_the_field_and_stores_nothing(client: TestClient, change: dict[str, Any],
                                                              field: str) -> None:
    response = client.post("/public/data-requests", json={**FORM, **change}, headers=NO_LOGIN)
    assert response.status_code == 422, response.text
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["field"] == field
    assert stored_requests(client) == 0


def test_a_malformed_body_stores_nothing(client: TestClient) -> None:
    for content in (b"not json", b"[1, 2]", b""):
        response = client.post("/public/data-requests", content=content,
                               headers={**NO_LOGIN, "Content-Type": "application/json"})
        assert response.status_code == 422 and response.headers["content-type"] == "application/problem+json"
    assert stored_requests(client) == 0


def test_an_unknown_or_malformed_reference(client: TestClient) -> None:
    assert client.get("/public/data-requests/DSR-0000-0000-0000-0000", headers=NO_LOGIN).status_code == 404
    bad = client.get("/public/data-requests/..%2f..%2fetc", headers=NO_LOGIN)
    assert bad.status_code in (404, 422)
    assert client.get("/public/data-requests/DSR-UUUU", headers=NO_LOGIN).json()["field"] == "reference"


def test_requests_are_invisible_to_officers(client: TestClient) -> None:
    reference = client.post("/public/data-requests", json=FORM, headers=NO_LOGIN).json()["reference"]
    for path in ("/api/data-protection/requests", f"/api/data-protection/requests/{reference}",
                 f"/api/data-protection/requests/{reference}/matches"):
        for who in (JP, {"X-NCB-Act-As": "general-secretariat"}, ADMIN):
            assert client.get(path, headers=who).status_code == 403, (path, who)
    assert client.post(f"/api/data-protection/requests/{reference}/admit", headers=JP).status_code == 403
    assert [r["reference"] for r in client.get("/api/data-protection/requests", headers=DPO).json()] == [reference]


def test_a_deletion_over_http_leaves_no_trace_and_leaves_the_public_api_and_screening(client: TestClient) -> None:
    populate(client)
    assert client.get("/notices/v1/red/2026-00011").status_code == 200
    before = client.post("/screening/check", json=TRAVELLER, headers=JP)
    assert before.status_code == 200, before.text
    assert {h["candidate_id"] for h in before.json()["hits"]} == {"2026/00011", "2026/00012"}

    reference = client.post("/public/data-requests", json=FORM, headers=NO_LOGIN).json()["reference"]
    assert client.post(f"/api/data-protection/requests/{reference}/admit", headers=DPO).status_code == 200
    asked = client.post(f"/api/data-protection/requests/{reference}/consult", headers=DPO)
    assert asked.status_code == 200, asked.text
    assert [(q["notice_id"], q["bureau"]) for q in asked.json()] == [("2026/00011", "JP"), ("2026/00012", "FR")]
    fr = client.get("/api/data-protection/questions", headers=FR).json()
    assert [q["notice_id"] for q in fr] == ["2026/00012"] and "takahashi" not in str(fr).casefold()
    jp_id = next(q["id"] for q in asked.json() if q["bureau"] == "JP")
    assert client.post(f"/api/data-protection/questions/{jp_id}", json={"answer": "agrees"},
                       headers=FR).status_code == 404
    for q, who in ((fr[0]["id"], FR), (jp_id, JP)):
        answered = client.post(f"/api/data-protection/questions/{q}", json={"answer": "agrees"}, headers=who)
        assert answered.status_code == 200, answered.text
    decided = client.post(f"/api/data-protection/requests/{reference}/decide",
                          json={"outcome": "granted", "reasons": "Acquitted in 2025"}, headers=DPO)
    assert decided.status_code == 200 and decided.json()["deadline_state"] in ("on_time", "due_soon")
    done = client.post(f"/api/data-protection/requests/{reference}/carry-out", headers=DPO)
    assert done.status_code == 200, done.text
    assert done.json()["erased_notices"] == ["2026/00011", "2026/00012"]

    assert texts_naming(engine_of(client)) == []
    assert client.get("/notices/v1/red/2026-00011").status_code == 404
    assert client.get("/notices/v1/red", params={"name": "takahashi"}).json()["total"] == 0
    after = client.post("/screening/check", json=TRAVELLER, headers=JP)  # a new crossing: checked, no hit
    assert after.status_code == 200 and after.json()["hits"] == []
    assert client.get(f"/public/data-requests/{reference}", headers=NO_LOGIN).json()["status"] == "carried_out"
    file = client.get(f"/api/data-protection/requests/{reference}", headers=DPO).json()
    assert file["requester"] is None and [e["event"] for e in file["events"]][-1] == "carried_out"


def test_an_illegal_step_is_a_conflict_and_a_bad_decision_names_the_field(client: TestClient) -> None:
    reference = client.post("/public/data-requests", json=FORM, headers=NO_LOGIN).json()["reference"]
    early = client.post(f"/api/data-protection/requests/{reference}/decide",
                        json={"outcome": "refused", "reasons": "no"}, headers=DPO)
    assert early.status_code == 409 and "from received to decided" in early.json()["detail"]
    bad = client.post(f"/api/data-protection/requests/{reference}/decide", json={"outcome": "maybe", "reasons": "x"},
                      headers=DPO)
    assert bad.status_code == 422 and bad.json()["field"] == "outcome"
    rejected = client.post(f"/api/data-protection/requests/{reference}/reject", json={"reasons": "Anonymous"},
                           headers=DPO)
    assert rejected.json()["status"] == "inadmissible"


def test_retention_reminders_for_the_owner_bureau_and_a_run(client: TestClient) -> None:
    populate(client)
    assert client.post("/api/retention/run", headers=JP).status_code == 403
    plan = client.post("/api/retention/run", params={"dry_run": "true"}, headers=ADMIN).json()
    assert [r["notice_id"] for r in plan["reminded"]] == ["2026/00011"]
    assert client.get("/api/retention/reminders", headers=JP).json() == []
    run = client.post("/api/retention/run", headers=ADMIN)
    assert run.status_code == 200 and run.json()["dry_run"] is False
    assert [r["notice_id"] for r in client.get("/api/retention/reminders", headers=JP).json()] == ["2026/00011"]
    assert client.get("/api/retention/reminders", headers=FR).json() == []
    assert client.get("/api/retention/reminders", headers={"X-NCB-Act-As": "public"}).status_code == 403


def test_an_expired_notice_leaves_the_public_api_other_bureaus_and_a_stale_screening_index(
        client: TestClient) -> None:
    yesterday = datetime.now(UTC).date() - timedelta(days=1)
    notice = make_notice(entity_id="2026/00021", names=SUBJECT_NAMES, date_of_birth=PartialDate(1975, 2, 3),
                         status=NoticeStatus.PUBLISHED, published_at=NOW, expires_on=yesterday)
    with SqlUnitOfWork(engine_of(client)) as uow:
        uow.notices.add(notice)
        uow.notices.add_transition(creation(notice, actor="sato@JP", now=NOW))
        uow.commit()
    assert client.get("/notices/v1/red/2026-00021").status_code == 200
    hits = client.post("/screening/check", json=TRAVELLER, headers=JP).json()["hits"]
    assert [h["candidate_id"] for h in hits] == ["2026/00021"]  # the app's index now holds it

    # Run as `ncb retention run` does, from another process: the app's screening index is now stale.
    run = retention.run_retention(SqlUnitOfWork(engine_of(client)), today=datetime.now(UTC).date(),
                                  now=datetime.now(UTC))
    assert run.expired == ("2026/00021",)
    assert "2026/00021" in client.app.state.screening_index  # type: ignore[attr-defined]
    # The serving process keeps public answers for public_cache_seconds after a change made elsewhere: as then.
    client.app.state.public_cache.clear()  # type: ignore[attr-defined]
    assert client.get("/notices/v1/red/2026-00021").status_code == 404
    assert client.get("/notices/v1/red", params={"name": "takahashi"}).json()["total"] == 0
    assert client.get("/api/notices", params={"name": "takahashi"},
                      headers={**FR, "X-NCB-Purpose": "check"}).json()["total"] == 0
    assert client.post("/screening/check", json=TRAVELLER, headers=JP).json()["hits"] == []
    owner = client.get("/api/notices/2026-00021", headers=JP)
    assert owner.status_code == 200 and owner.json()["status"] == "expired"  # the owner keeps it until purge
