"""``/api/travel-documents`` over both databases: check, report, recover; errors as problem+json."""

from __future__ import annotations

from fastapi.testclient import TestClient

FRANCE = {"X-NCB-Act-As": "bureau:FR", "X-NCB-Actor": "officer.martin"}
PASSPORT = {"number": "TK 123 4567", "issuing_country": "JP", "type": "passport", "status": "stolen"}


def test_a_document_is_reported_checked_and_recovered_over_http(client: TestClient) -> None:
    created = client.post("/api/travel-documents", json=PASSPORT)
    assert created.status_code == 201, created.text
    assert created.json()["number_key"] == "TK1234567" and created.json()["reported_by"] == "JP"
    checked = client.get("/api/travel-documents/tk-1234567", params={"country": "JP"})
    assert checked.status_code == 200
    assert checked.json()["reported"] is True and checked.json()["reports"][0]["status"] == "stolen"
    assert client.get("/api/travel-documents/TK1234567", params={"country": "KR"}).json()["reported"] is False
    recovered = client.post("/api/travel-documents/TK1234567/recover",
                            json={"issuing_country": "JP", "reason": "handed in at Narita"})
    assert recovered.status_code == 200, recovered.text
    assert recovered.json()["status"] == "recovered" and recovered.json()["hits"] is False
    assert client.get("/api/travel-documents/TK1234567").json() == {
        "number": "TK1234567", "reported": False, "reports": []}


def test_an_unknown_country_is_422_naming_the_field(client: TestClient) -> None:
    response = client.post("/api/travel-documents", json=PASSPORT | {"issuing_country": "XX"})
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["field"] == "issuing_country"
    assert client.get("/api/travel-documents/TK1234567", params={"country": "XX"}).status_code == 422


def test_an_empty_number_is_422(client: TestClient) -> None:
    response = client.post("/api/travel-documents", json=PASSPORT | {"number": "  "})
    assert response.status_code == 422 and response.json()["field"] == "number"


def test_a_duplicate_report_is_409(client: TestClient) -> None:
    assert client.post("/api/travel-documents", json=PASSPORT).status_code == 201
    response = client.post("/api/travel-documents", json=PASSPORT | {"number": "tk1234567", "status": "lost"},
                           headers=FRANCE)
    assert response.status_code == 409
    assert response.json()["title"] == "Duplicate record"
    assert "already reported stolen by JP" in response.json()["detail"]


def test_recovering_someone_elses_report_is_403_and_changes_nothing(client: TestClient) -> None:
    client.post("/api/travel-documents", json=PASSPORT)
    response = client.post("/api/travel-documents/TK1234567/recover", json={"issuing_country": "JP"},
                           headers=FRANCE)
    assert response.status_code == 403
    assert response.headers["content-type"] == "application/problem+json"
    assert client.get("/api/travel-documents/TK1234567").json()["reported"] is True


def test_recovering_an_unreported_document_is_404(client: TestClient) -> None:
    response = client.post("/api/travel-documents/ZZ1/recover", json={"issuing_country": "JP"})
    assert response.status_code == 404


def test_a_caller_without_the_token_is_401(client: TestClient) -> None:
    response = client.get("/api/travel-documents/TK1234567", headers={"Authorization": "Bearer wrong"})
    assert response.status_code == 401
