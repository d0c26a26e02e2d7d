"""The internal JSON API over both databases: the same operations as the CLI, errors as problem+json."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient

from ncb.domain.documents import notice_to_dict
from tests.builders import make_notice

GS = {"X-NCB-Act-As": "general-secretariat", "X-NCB-Actor": "reviewer.ito"}


def draft() -> dict[str, Any]:
    doc = notice_to_dict(make_notice())
    doc["entity_id"] = None
    return doc


def test_the_workflow_runs_over_http(client: TestClient) -> None:
    created = client.post("/api/notices", json=draft())
    assert created.status_code == 201, created.text
    eid = created.json()["entity_id"]
    url = f"/api/notices/{eid.replace('/', '-')}"
    assert client.post(f"{url}/submit").json()["status"] == "submitted"
    approved = client.post(f"{url}/review", json={"decision": "approve"}, headers=GS)
    assert approved.status_code == 200, approved.text
    assert approved.json()["status"] == "published"
    history = client.get(f"{url}/history").json()
    assert [h["action"] for h in history] == ["create", "submit", "approve"]
    assert history[-1]["actor"] == "reviewer.ito@general_secretariat"
    listed = client.get("/api/notices", params={"type": "red", "nationality": "JP"}).json()
    assert listed["total"] == 1
    suspended = client.post(f"{url}/suspend", json={"reason": "located in Canada"})
    assert suspended.json()["status"] == "suspended"


def test_no_token_gets_401_as_problem_json(client: TestClient) -> None:
    response = client.get("/api/notices", headers={"Authorization": "Bearer wrong"})
    assert response.status_code == 401
    assert response.headers["content-type"] == "application/problem+json"


def test_bad_input_gets_422_naming_the_field_and_nothing_is_stored(client: TestClient) -> None:
    doc = draft()
    doc["subject"]["nationalities"] = ["XX"]
    response = client.post("/api/notices", json=doc)
    assert response.status_code == 422
    body = response.json()
    assert body["field"] == "subject.nationalities[0]" and "XX" in body["detail"]
    assert client.get("/api/notices").json()["total"] == 0


def test_an_illegal_transition_is_409(client: TestClient) -> None:
    eid = client.post("/api/notices", json=draft()).json()["entity_id"].replace("/", "-")
    response = client.post(f"/api/notices/{eid}/withdraw", json={"reason": "x"})
    assert response.status_code == 409
    assert response.json()["title"] == "Illegal transition"


def test_a_blocked_approval_is_409_and_names_the_rule(client: TestClient) -> None:
    doc = draft()
    doc["warrants"][0]["max_penalty_months"] = 12
    eid = client.post("/api/notices", json=doc).json()["entity_id"].replace("/", "-")
    client.post(f"/api/notices/{eid}/submit")
    response = client.post(f"/api/notices/{eid}/review", json={"decision": "approve", "reason": "ok"}, headers=GS)
    assert response.status_code == 409 and "red.penalty" in response.json()["detail"]


def test_findings_come_in_japanese(client: TestClient) -> None:
    doc = draft()
    doc["facts"] = None
    eid = client.post("/api/notices", json=doc).json()["entity_id"].replace("/", "-")
    findings = client.get(f"/api/notices/{eid}/findings", params={"locale": "ja"}).json()
    assert findings and all(f["article"] for f in findings)
    assert any(any("\u3040" <= ch <= "\u9fff" for ch in f["message"]) for f in findings)


def test_import_is_all_or_nothing_and_idempotent(client: TestClient) -> None:
    good = notice_to_dict(make_notice(entity_id="2020/00001"))
    bad = notice_to_dict(make_notice(entity_id="2020/00002"))
    bad["subject"]["date_of_birth"] = "2023/02/30"
    refused = client.post("/api/imports", json=[good, bad])
    assert refused.status_code == 422 and "body[1]" in refused.json()["detail"]
    assert client.get("/api/notices").json()["total"] == 0
    assert client.post("/api/imports", json=[good]).json()["created"] == 1
    assert client.post("/api/imports", json=[good]).json()["unchanged"] == 1


def test_openapi_is_served(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    assert "/api/notices" in spec["paths"] and "/notices/v1/red" in spec["paths"]
