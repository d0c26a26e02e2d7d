"""Injection tries on SQLite and PostgreSQL: SQL in every filter and path parameter (no 5xx, no extra rows), path
traversal in image paths, CR/LF in what could be echoed into a header, template syntax stored and read back
unchanged, oversized input, and the security headers on every route."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from tests.web.test_internal_api import draft

PURPOSE = {"X-NCB-Purpose": "injection test"}
SQL = ["' OR '1'='1", "'; DROP TABLE notices; --", "\" OR \"\"=\"", "1 UNION SELECT * FROM users --", "%' --",
       "\\'; SELECT pg_sleep(0); --", "*/ OR 1=1 /*", "' OR 1=1 LIMIT 1 OFFSET 0 --"]
INTERNAL_FILTERS = ["name", "forename", "q", "owner", "nationality", "warrant_country"]
PUBLIC_FILTERS = ["name", "forename", "freeText", "nationality", "arrestWarrantCountryId"]
UN_FILTERS = ["name", "forename", "unReference", "unResolution"]


@pytest.fixture
def stored(client: TestClient) -> TestClient:
    """Two draft notices of the caller's bureau (through the internal API)."""
    for _ in range(2):
        assert client.post("/api/notices", json=draft(), headers=PURPOSE).status_code == 201
    return client


def test_sql_in_internal_filters_finds_nothing_and_breaks_nothing(stored: TestClient) -> None:
    everything = stored.get("/api/notices", headers=PURPOSE).json()["total"]
    assert everything == 2
    for field in INTERNAL_FILTERS:
        for value in SQL:
            r = stored.get("/api/notices", params={field: value}, headers=PURPOSE)
            assert r.status_code in (200, 422), (field, value, r.text)
            if r.status_code == 200:
                assert r.json()["total"] == 0, (field, value)
    assert stored.get("/api/notices", headers=PURPOSE).json()["total"] == everything


def test_sql_in_public_filters_finds_nothing_and_breaks_nothing(stored: TestClient) -> None:
    for kind, fields in (("red", PUBLIC_FILTERS), ("yellow", PUBLIC_FILTERS[:4]), ("un/persons", UN_FILTERS)):
        for field in fields:
            for value in SQL:
                r = stored.get(f"/notices/v1/{kind}", params={field: value})
                assert r.status_code in (200, 422), (kind, field, value, r.text)
                if r.status_code == 200:
                    assert r.json()["total"] == 0 and r.json()["_embedded"]["notices"] == []


@pytest.mark.parametrize("template", ["/api/notices/{v}", "/api/notices/{v}/history", "/api/notices/{v}/findings",
                                      "/api/bureaus/{v}", "/api/travel-documents/{v}",
                                      "/notices/v1/red/{v}", "/notices/v1/red/{v}/images",
                                      "/notices/v1/yellow/{v}/images/{v}"])
def test_sql_in_path_parameters_is_not_found_or_invalid(stored: TestClient, template: str) -> None:
    for value in SQL:
        r = stored.get(template.format(v=value.replace("/", "%2F").replace("#", "%23").replace("?", "%3F")),
                       headers=PURPOSE)
        if template.startswith("/api/travel-documents/") and r.status_code == 200:
            assert r.json()["reports"] == [], value  # a number nobody reported
        else:
            assert r.status_code in (404, 422), (template, value, r.status_code, r.text)


@pytest.mark.parametrize("path", ["../../../../etc/passwd", "..%2F..%2F..%2Fetc%2Fpasswd", "%2e%2e%2f%2e%2e%2fncb.db",
                                  "....//....//etc/passwd", "%00", "C:%5Cwindows%5Cwin.ini"])
def test_path_traversal_in_image_paths_is_not_found(stored: TestClient, path: str) -> None:
    r = stored.get(f"/notices/v1/red/2026-00001/images/{path}")
    assert r.status_code == (422 if "%00" in path else 404)  # a NUL is refused before any route
    assert b"root:" not in r.content and b"SQLite format" not in r.content


def test_cr_lf_in_a_path_is_never_echoed_into_a_header(stored: TestClient) -> None:
    r = stored.get("/notices/v1/red/x%0D%0ASet-Cookie:%20stolen=1%0D%0A/images")
    assert r.status_code == 404
    assert "set-cookie" not in r.headers and "stolen" not in "".join(r.headers.values())


def test_template_syntax_is_stored_and_read_back_unchanged(client: TestClient) -> None:
    text = "{{7*7}} ${7*7} <%= 7*7 %> #{7*7} {% raw %}"
    body = draft()
    body["facts"]["summary"] = text
    created = client.post("/api/notices", json=body, headers=PURPOSE).json()
    read = client.get(f"/api/notices/{created['entity_id'].replace('/', '-')}", headers=PURPOSE).json()
    assert read["facts"]["summary"] == text
    assert "49" not in read["facts"]["summary"]


def test_an_oversized_field_is_refused_not_a_server_error(client: TestClient) -> None:
    huge = "A" * 2_000_000
    r = client.get("/api/notices", params={"name": huge[:20_000]}, headers=PURPOSE)
    assert r.status_code in (200, 414, 422)
    r = client.post("/screening/check", json={"traveller": {"names": [huge]}}, headers=PURPOSE)
    assert r.status_code == 422
    r = client.post("/api/travel-documents", json={"number": huge, "issuing_country": "JP"}, headers=PURPOSE)
    assert r.status_code == 422


def test_a_large_body_of_invalid_records_is_refused_not_a_server_error(client: TestClient) -> None:
    r = client.post("/api/imports", content=b"[" + b"{}," * 200_000 + b"{}]",
                    headers={**PURPOSE, "Content-Type": "application/json"})
    assert r.status_code == 422
    assert r.headers["content-type"] == "application/problem+json"


def test_every_route_carries_the_security_headers(stored: TestClient) -> None:
    spec = stored.get("/openapi.json").json()
    for path, operations in spec["paths"].items():
        url = path.replace("{notice_id}", "2026-00001").replace("{picture_id}", "x").replace("{country}", "JP")
        for method in operations:
            r = stored.request(method.upper(), url.replace("{", "").replace("}", ""), headers=PURPOSE)
            assert r.status_code < 500, (method, path, r.text)
            assert "frame-ancestors 'none'" in r.headers["content-security-policy"], (method, path)
            assert r.headers["x-content-type-options"] == "nosniff", (method, path)
            assert r.headers["x-frame-options"] == "DENY", (method, path)
