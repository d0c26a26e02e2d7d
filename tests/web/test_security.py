"""Security headers on every response and the rate limits (``ncb.web.security``)."""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from ncb.errors import RateLimited
from ncb.settings import Settings
from ncb.storage.dialect import make_engine
from ncb.storage.migrate import upgrade
from ncb.web.app import create_app
from ncb.web.security import RateLimiter
from tests.web.conftest import TOKEN


@contextmanager
def _client(tmp_path: Path, **overrides: Any) -> Iterator[TestClient]:
    url = f"sqlite:///{tmp_path / 'ncb.db'}"
    engine = make_engine(url)
    upgrade(engine)
    engine.dispose()
    app = create_app(Settings.from_env({}, database_url=url, api_token=TOKEN, **overrides))
    with TestClient(app, headers={"Authorization": f"Bearer {TOKEN}"}) as client:
        yield client
    app.state.engine.dispose()


@pytest.fixture
def sqlite_client(tmp_path: Path) -> Iterator[TestClient]:
    with _client(tmp_path) as c:
        yield c


def _csp(response: Any) -> dict[str, str]:
    policy = response.headers["content-security-policy"]
    return {d.split(" ", 1)[0]: d.split(" ", 1)[1] if " " in d else "" for d in policy.split("; ")}


@pytest.mark.parametrize("path", ["/health", "/notices/v1/red", "/notices/v1/red/2099-1", "/api/notices",
                                  "/nowhere", "/openapi.json"])
def test_every_response_carries_the_security_headers(sqlite_client: TestClient, path: str) -> None:
    r = sqlite_client.get(path)
    csp = _csp(r)
    assert csp["default-src"] == "'self'" and csp["script-src"] == "'self'"
    assert csp["frame-ancestors"] == "'none'" and csp["object-src"] == "'none'"
    assert r.headers["x-content-type-options"] == "nosniff"
    assert r.headers["x-frame-options"] == "DENY"
    assert r.headers["referrer-policy"] == "no-referrer"
    assert "camera=()" in r.headers["permissions-policy"]
    assert r.headers["cross-origin-opener-policy"] == "same-origin"
    assert "strict-transport-security" not in r.headers


def test_an_unauthorised_request_carries_them_too(sqlite_client: TestClient) -> None:
    r = sqlite_client.get("/api/notices", headers={"Authorization": "Bearer wrong"})
    assert r.status_code == 401 and r.headers["x-frame-options"] == "DENY"


def test_hsts_is_sent_only_when_set(tmp_path: Path) -> None:
    with _client(tmp_path, hsts_max_age=31536000) as c:
        assert c.get("/health").headers["strict-transport-security"] == "max-age=31536000; includeSubDomains"


def test_the_docs_page_allows_its_own_inline_script_by_hash_and_nothing_else_inline(
        sqlite_client: TestClient) -> None:
    r = sqlite_client.get("/docs")
    assert r.status_code == 200
    inline = re.findall(r"<script>(.*?)</script>", r.text, re.DOTALL)
    assert inline, "FastAPI's Swagger page starts Swagger UI with one inline script"
    digest = base64.b64encode(hashlib.sha256(inline[0].encode()).digest()).decode()
    script_src = _csp(r)["script-src"]
    assert f"'sha256-{digest}'" in script_src
    assert "'unsafe-inline'" not in script_src and "'unsafe-eval'" not in script_src
    assert _csp(r)["frame-ancestors"] == "'none'"
    # the relaxation is for the documentation only
    assert "cdn.jsdelivr.net" not in sqlite_client.get("/health").headers["content-security-policy"]


def test_a_limiter_lets_a_burst_through_then_says_when_to_retry() -> None:
    clock = [1000.0]
    limiter = RateLimiter(per_minute=6, burst=3, clock=lambda: clock[0])
    for _ in range(3):
        limiter.check("a")
    with pytest.raises(RateLimited) as refused:
        limiter.check("a")
    assert refused.value.retry_after == 10  # 6 per minute: one token every 10 s
    limiter.check("b")  # another key has its own bucket
    clock[0] += 10
    limiter.check("a")
    with pytest.raises(RateLimited):
        limiter.check("a")


def test_a_limiter_never_holds_more_than_its_burst() -> None:
    clock = [0.0]
    limiter = RateLimiter(per_minute=60, burst=2, clock=lambda: clock[0])
    clock[0] += 3600
    limiter.check("a")
    limiter.check("a")
    with pytest.raises(RateLimited) as refused:
        limiter.check("a")
    assert refused.value.retry_after == 1


def test_a_limiter_forgets_the_least_recently_used_keys_beyond_its_bound() -> None:
    limiter = RateLimiter(per_minute=1, burst=1, clock=lambda: 0.0, max_keys=2)
    limiter.check("a")
    limiter.check("b")
    limiter.check("c")  # "a" is forgotten: it starts full again
    limiter.check("a")
    with pytest.raises(RateLimited):
        limiter.check("c")


def test_a_limiter_with_no_rate_is_off() -> None:
    limiter = RateLimiter(per_minute=0, burst=0)
    for _ in range(1000):
        limiter.check("a")
    assert not limiter.enabled


def test_public_endpoints_answer_429_with_retry_after_past_the_rate(tmp_path: Path) -> None:
    with _client(tmp_path, public_rate_per_minute=1, public_burst=3) as c:
        assert [c.get("/notices/v1/red").status_code for _ in range(3)] == [200, 200, 200]
        r = c.get("/notices/v1/yellow")
        assert r.status_code == 429
        assert r.headers["content-type"] == "application/problem+json"
        assert int(r.headers["retry-after"]) >= 1
        assert r.json()["status"] == 429 and r.json()["title"] == "Too many requests"
        assert r.headers["x-content-type-options"] == "nosniff"
        # the internal API and operations are not rate-limited by the public limit
        assert c.get("/health").status_code == 200
        assert c.get("/api/notices", headers={"X-NCB-Purpose": "rate limit test"}).status_code == 200


def test_the_login_limiter_is_built_from_the_settings(tmp_path: Path) -> None:
    with _client(tmp_path, login_rate_per_minute=1, login_burst=1) as client:
        limiter: RateLimiter = client.app.state.login_limiter  # type: ignore[attr-defined]
        limiter.check("login:198.51.100.7")
        with pytest.raises(RateLimited):
            limiter.check("login:198.51.100.7")


def test_a_route_that_raises_rate_limited_answers_429_with_retry_after(sqlite_client: TestClient) -> None:
    def login() -> None:  # as the login route does with app.state.login_limiter
        raise RateLimited("too many login attempts", retry_after=7)

    sqlite_client.app.add_api_route("/test-login", login, methods=["POST"])  # type: ignore[attr-defined]
    r = sqlite_client.post("/test-login")
    assert r.status_code == 429 and r.headers["retry-after"] == "7"
    assert r.json()["detail"] == "too many login attempts"


def test_nul_characters_and_oversized_bodies_are_refused_before_any_route(db_url: str) -> None:
    from ncb.settings import Settings
    from ncb.web.app import create_app

    app = create_app(Settings.from_env({}, database_url=db_url, max_body_bytes=1000))
    with TestClient(app) as c:
        for path in ("/notices/v1/red?name=a%00b", "/notices/v1/red?forename=%00", "/api/notices?name=%00"):
            r = c.get(path)
            assert r.status_code == 422 and "NUL" in r.json()["detail"], path
            assert r.headers["x-content-type-options"] == "nosniff"
        big = c.post("/public/data-requests", content=b"x" * 2000, headers={"content-type": "application/json"})
        assert big.status_code == 413 and "1,000 bytes" in big.json()["detail"]

        def chunks() -> Iterator[bytes]:
            for _ in range(5):
                yield b"x" * 400

        streamed = c.post("/public/data-requests", content=chunks(), headers={"content-type": "application/json"})
        assert streamed.status_code == 413
        small = c.post("/public/data-requests", content=b'{"kind": "nonsense"}',
                       headers={"content-type": "application/json"})
        assert small.status_code == 422
    app.state.engine.dispose()
