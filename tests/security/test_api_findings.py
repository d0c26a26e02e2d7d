"""Bugs the Schemathesis run found (or its schema gaps hid), each pinned on SQLite and PostgreSQL."""

from __future__ import annotations

from fastapi.testclient import TestClient

PURPOSE = {"X-NCB-Purpose": "regression test"}


def test_a_hit_id_beyond_a_64_bit_integer_is_invalid_input_not_a_server_error(client: TestClient) -> None:
    r = client.post(f"/screening/hits/{2**64}", json={"decision": "confirmed", "reason": "x"}, headers=PURPOSE)
    assert r.status_code == 422 and r.headers["content-type"] == "application/problem+json"
    assert r.json()["field"] == "path.hit_id"


def test_invalid_input_is_documented_as_the_problem_json_it_is(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    documented = spec["paths"]["/api/notices"]["get"]["responses"]["422"]["content"]
    assert list(documented) == ["application/problem+json"]
    assert "HTTPValidationError" not in spec["components"]["schemas"]
    problem = spec["components"]["schemas"]["Problem"]
    body = client.get("/api/notices", params={"page": 0}, headers=PURPOSE).json()
    assert set(problem["required"]) <= set(body) <= set(problem["properties"])


def test_exports_are_documented_as_json_lines_or_csv(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    assert set(spec["paths"]["/api/exports"]["get"]["responses"]["200"]["content"]) == {
        "application/x-ndjson", "text/csv"}


def test_the_public_lists_document_the_query_they_read(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    red = {p["name"] for p in spec["paths"]["/notices/v1/red"]["get"]["parameters"]}
    assert red == {"forename", "name", "nationality", "freeText", "ageMin", "ageMax", "sexId",
                   "arrestWarrantCountryId", "resultPerPage", "page"}
    un = {p["name"] for p in spec["paths"]["/notices/v1/un/persons"]["get"]["parameters"]}
    assert un == {"name", "forename", "unReference", "unResolution", "resultPerPage", "page"}
