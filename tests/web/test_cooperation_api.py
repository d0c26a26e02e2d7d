"""The cooperation API over both databases: messages, cases, operations, graph, statistics (JSON and CSV);
bad input answered as problem+json naming the field, with nothing stored."""

from __future__ import annotations

import base64
import hashlib
from datetime import UTC, datetime, timedelta

import pytest
from fastapi.testclient import TestClient

from ncb.domain.notices import NoticeStatus, NoticeType, Restriction, RestrictionMode
from ncb.storage.uow import SqlUnitOfWork
from tests.builders import make_notice

JP = {"X-NCB-Act-As": "bureau:JP", "X-NCB-Actor": "sato", "X-NCB-Purpose": "locating a fugitive"}
FR = {"X-NCB-Act-As": "bureau:FR", "X-NCB-Actor": "dupont", "X-NCB-Purpose": "locating a fugitive"}
US = {"X-NCB-Act-As": "bureau:US", "X-NCB-Actor": "smith", "X-NCB-Purpose": "extradition"}
DE = {"X-NCB-Act-As": "bureau:DE", "X-NCB-Actor": "muller", "X-NCB-Purpose": "curiosity"}


@pytest.fixture
def api(client: TestClient) -> TestClient:
    now = datetime.now(UTC)
    with SqlUnitOfWork(client.app.state.engine) as uow:  # type: ignore[attr-defined]
        uow.notices.add(make_notice(status=NoticeStatus.PUBLISHED, published_at=now,
                                    restriction=Restriction(RestrictionMode.DENY, frozenset({"RU"}))))
        uow.notices.add(make_notice(entity_id="2026/00002", type=NoticeType.PURPLE, public_extract=False,
                                    status=NoticeStatus.PUBLISHED, published_at=now))
        uow.commit()
    return client


def _deadline(days: int = 30) -> str:
    return (datetime.now(UTC).date() + timedelta(days=days)).isoformat()


def _request(**kw: object) -> dict[str, object]:
    data = b"Warrant"
    return {"type": "locate_request", "recipients": ["FR"], "subject": "Locate YAMADA Taro",
            "notices": ["2026/00001"], "deadline": _deadline(), "send": True,
            "attachments": [{"name": "warrant.txt", "media_type": "text/plain",
                             "content": base64.b64encode(data).decode(), "sha256": hashlib.sha256(data).hexdigest()}]
            } | kw


def test_a_request_is_sent_answered_and_read_over_http(api: TestClient) -> None:
    created = api.post("/api/messages", json=_request(), headers=JP)
    assert created.status_code == 201, created.text
    mid = created.json()["id"]
    assert created.json()["status"] == "sent"
    inbox = api.get("/api/messages", headers=FR).json()
    assert inbox["total"] == 1 and inbox["messages"][0]["id"] == mid
    assert api.post(f"/api/messages/{mid}/acknowledge", json={}, headers=FR).json()["status"] == "acknowledged"
    answer = api.post(f"/api/messages/{mid}/answer", json={"body": "Found in Lyon"}, headers=FR)
    assert answer.status_code == 201, answer.text
    shown = api.get(f"/api/messages/{mid}", headers=JP).json()
    assert shown["status"] == "answered" and [h["action"] for h in shown["history"]] == ["create", "send",
                                                                                        "acknowledge", "answer"]
    assert len(api.get(f"/api/messages/{mid}/thread", headers=JP).json()) == 2
    file = api.get(f"/api/messages/{mid}/attachments/warrant.txt", headers=FR)
    assert file.content == b"Warrant" and file.headers["x-content-sha256"] == hashlib.sha256(b"Warrant").hexdigest()
    assert api.get(f"/api/messages/{mid}", headers=DE).status_code == 404
    no_purpose = api.get(f"/api/messages/{mid}", headers={"X-NCB-Act-As": "bureau:JP", "X-NCB-Purpose": ""})
    assert no_purpose.status_code == 422 and no_purpose.json()["field"] == "purpose"
    assert api.post(f"/api/messages/{mid}/close", json={}, headers=JP).json()["status"] == "closed"
    assert api.post(f"/api/messages/{mid}/close", json={}, headers=JP).status_code == 409


@pytest.mark.parametrize(("change", "field"), [
    ({"deadline": "2020-01-01"}, "deadline"),
    ({"recipients": ["FR", "ZZ"]}, "recipients[1]"),
    ({"recipients": ["RU"]}, "recipients[0]"),
    ({"attachments": [{"name": "a.txt", "media_type": "text/plain", "content": "QUJD", "sha256": "0" * 64}]},
     "attachments[0].sha256"),
    ({"attachments": [{"name": "a.txt", "media_type": "text/plain", "content": "not base64!"}]},
     "attachments[0].content"),
])
def test_bad_input_is_422_naming_the_field_and_nothing_is_stored(api: TestClient, change: dict[str, object],
                                                                 field: str) -> None:
    response = api.post("/api/messages", json=_request(**change), headers=JP)
    assert response.status_code == 422, response.text
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["field"] == field
    assert api.get("/api/messages", headers=JP).json()["total"] == 0


def test_a_message_from_another_instance_is_stored_once(api: TestClient) -> None:
    now = datetime.now(UTC).isoformat()
    message = {"id": "FR-2026-M00007", "type": "hit_notification", "sender": "FR", "recipients": ["JP"],
               "subject": "Hit on 2026/00001", "notices": ["2026/00001"], "sent_at": now, "created_at": now}
    first = api.post("/api/messages/received", json={"message": message}, headers=JP)
    assert first.status_code == 201 and first.json()["new"] is True
    again = api.post("/api/messages/received", json={"message": message}, headers=JP)
    assert again.json()["new"] is False
    assert api.post("/api/messages/received", json={"message": message | {"subject": "other"}},
                    headers=JP).status_code == 409


def test_a_case_over_http_with_its_limits_and_warnings(api: TestClient) -> None:
    today = datetime.now(UTC).date().isoformat()
    opened = api.post("/api/cases", json={"notice": "2026/00001", "requested": "US"}, headers=US)
    assert opened.status_code == 201, opened.text
    case = opened.json()
    assert case["limits"]["treaty"] == "JP-US-1978" and case["stage"] == "located"
    out_of_order = api.post(f"/api/cases/{case['id']}/advance", json={"stage": "surrender"}, headers=US)
    assert out_of_order.status_code == 409 and out_of_order.json()["field"] == "stage"
    future = api.post(f"/api/cases/{case['id']}/advance", json={"stage": "provisional_arrest", "on": "2099-01-01"},
                      headers=US)
    assert future.status_code == 422 and future.json()["field"] == "on"
    arrested = api.post(f"/api/cases/{case['id']}/advance", json={"stage": "provisional_arrest", "on": today},
                        headers=US).json()
    assert arrested["deadlines"][0]["days_left"] == 45
    warnings = api.get("/api/cases/warnings", params={"within_days": 50}, headers=JP).json()
    assert warnings[0]["case_id"] == case["id"]
    assert api.get("/api/cases", headers=JP).json()[0]["id"] == case["id"]
    assert api.get(f"/api/cases/{case['id']}", headers=FR).status_code == 404


def test_operations_graph_and_statistics(api: TestClient) -> None:
    op = api.post("/api/operations", json={"name": "Pangea", "countries": ["FR"]}, headers=JP)
    assert op.status_code == 201, op.text
    oid = op.json()["id"]
    assert api.post(f"/api/operations/{oid}/targets", json={"kind": "notice", "ref": "2026/00002"},
                    headers=JP).json()["targets"][0]["notice_type"] == "purple"
    result = api.post(f"/api/operations/{oid}/results", json={"arrests": 2, "seizures": [
        {"item": "tablets", "quantity": "x", "unit": "boxes"}]}, headers=FR)
    assert result.status_code == 422 and result.json()["field"] == "seizures[0].quantity"
    api.post(f"/api/operations/{oid}/results", json={"arrests": 2}, headers=FR)
    api.post(f"/api/operations/{oid}/timeline", json={"text": "Raids", "country": "FR"}, headers=FR)
    report = api.get(f"/api/operations/{oid}/report", headers=FR)
    assert report.headers["content-type"].startswith("text/markdown") and "| FR | 2 | - |" in report.text
    assert api.get(f"/api/operations/{oid}", headers=DE).status_code == 404
    api.post("/api/messages", json=_request(), headers=JP)
    graph = api.get("/api/graph", params={"around": "notice:2026/00001"}, headers=JP).json()
    assert {n["kind"] for n in graph["nodes"]} >= {"notice", "message"}
    stats = api.get("/api/statistics", headers=JP).json()
    assert [t["name"] for t in stats["tables"]] == ["notices", "hits", "response_times", "extradition_outcomes"]
    csv_out = api.get("/api/statistics", params={"format": "csv"}, headers=JP)
    assert csv_out.headers["content-type"].startswith("text/csv") and csv_out.text.startswith("table,key,value")


def test_a_confirmed_hit_notifies_the_owner_and_opens_a_case(api: TestClient) -> None:
    from ncb.domain.screening import QueuedHit

    with SqlUnitOfWork(api.app.state.engine) as uow:  # type: ignore[attr-defined]
        hit_id = uow.hits.add(QueuedHit(None, "2026/00001", "FR", "FR", True, {"names": ["TARO YAMADA"]}, 0.97, {},
                                        datetime.now(UTC)))
        uow.commit()
    decided = api.post(f"/screening/hits/{hit_id}", json={"decision": "confirmed", "reason": "passport matches"},
                       headers=FR)
    assert decided.status_code == 200, decided.text
    (case,) = api.get("/api/cases", headers=FR).json()
    assert (case["requesting"], case["requested"], case["notice"], case["hits"]) == ("JP", "FR", "2026/00001",
                                                                                     [hit_id])
    inbox = api.get("/api/messages", headers=JP).json()["messages"]
    assert [(m["type"], m["sender"], m["cases"]) for m in inbox] == [("hit_notification", "FR", [case["id"]])]
