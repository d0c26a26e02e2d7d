"""Logins, sessions with CSRF tokens, and program tokens over HTTP."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

import pyotp
import pytest
from fastapi.testclient import TestClient

from ncb.settings import Settings
from ncb.web.app import create_app

TOKEN = "front-end-token-0123456789"
PASSWORD = "correct horse battery staple"


@pytest.fixture
def app_client(db_url: str) -> Iterator[TestClient]:
    settings = Settings.from_env({}, database_url=db_url, api_token=TOKEN, base_url="http://ncb.test",
                                 environment="production", login_rate_per_minute=1, login_burst=8)
    app = create_app(settings)
    with TestClient(app) as c:
        yield c
    app.state.engine.dispose()


def admin(c: TestClient) -> dict[str, str]:
    return {"Authorization": f"Bearer {TOKEN}", "X-NCB-Act-As": "bureau:JP", "X-NCB-Role": "ncb_admin"}


def make_officer(c: TestClient) -> str:
    r = c.post("/api/users", headers=admin(c), json={"username": "sato", "display_name": "Sato Hanako",
                                                      "role": "ncb_officer", "password": PASSWORD, "bureau": "JP"})
    assert r.status_code == 201, r.text
    body = r.json()
    return str(body["totp_secret"])


def test_the_banner_comes_before_login(app_client: TestClient) -> None:
    r = app_client.get("/api/auth/banner")
    assert r.status_code == 200 and "Authorised use only" in r.json()["banner"]


def test_a_person_logs_in_acts_with_the_csrf_token_and_logs_out(app_client: TestClient) -> None:
    secret = make_officer(app_client)
    code = pyotp.TOTP(secret).at(datetime.now(UTC))
    r = app_client.post("/api/auth/login", json={"username": "sato", "password": PASSWORD, "code": code})
    assert r.status_code == 200, r.text
    assert "httponly" in r.headers["set-cookie"].lower() and "samesite=strict" in r.headers["set-cookie"].lower()
    csrf = r.json()["csrf_token"]
    me = app_client.get("/api/auth/me")
    assert me.json()["name"] == "sato@JP" and me.json()["roles"] == ["ncb_officer"]
    # A change made with the session needs its CSRF token.
    no_csrf = app_client.post("/api/auth/logout")
    assert no_csrf.status_code == 403 and "CSRF" in no_csrf.json()["detail"]
    out = app_client.post("/api/auth/logout", headers={"X-CSRF-Token": csrf})
    assert out.status_code == 204
    after = app_client.get("/api/auth/me")
    assert after.status_code == 401
    replay = app_client.post("/api/auth/login", json={"username": "sato", "password": PASSWORD, "code": code})
    assert replay.status_code == 401 and "already used" in replay.json()["detail"]


def test_a_session_cannot_claim_another_identity(app_client: TestClient) -> None:
    secret = make_officer(app_client)
    app_client.post("/api/auth/login", json={"username": "sato", "password": PASSWORD,
                                             "code": pyotp.TOTP(secret).at(datetime.now(UTC))})
    r = app_client.get("/api/auth/me", headers={"X-NCB-Act-As": "general-secretariat"})
    assert r.status_code == 403 and "front-end token only" in r.json()["detail"]


def test_tokens_work_until_revoked_and_never_show_their_secret_again(app_client: TestClient) -> None:
    made = app_client.post("/api/tokens", headers=admin(app_client),
                           json={"name": "Narita gateway", "roles": ["border_officer"], "days": 30})
    assert made.status_code == 201, made.text
    secret = made.json()["secret"]
    bearer = {"Authorization": f"Bearer {secret}"}
    me = app_client.get("/api/auth/me", headers=bearer).json()
    assert me["roles"] == ["border_officer"] and "screen" in me["permissions"]
    assert "read_notices" not in me["permissions"]
    listed = app_client.get("/api/tokens", headers=admin(app_client))
    assert secret.split("_", 2)[2] not in listed.text
    revoked = app_client.delete(f"/api/tokens/{made.json()['token']['id']}", headers=admin(app_client))
    assert revoked.status_code == 200 and revoked.json()["revoked_at"]
    refused = app_client.get("/api/auth/me", headers=bearer)
    assert refused.status_code == 401 and "revoked" in refused.json()["detail"]
    assert app_client.get("/api/auth/me", headers={"Authorization": "Bearer ncb_nope_nope"}).status_code == 401


def test_a_token_may_not_claim_another_viewer_and_roles_are_enforced(app_client: TestClient) -> None:
    made = app_client.post("/api/tokens", headers=admin(app_client),
                           json={"name": "desk", "roles": ["border_officer"]}).json()["secret"]
    r = app_client.get("/api/auth/me", headers={"Authorization": f"Bearer {made}", "X-NCB-Act-As": "bureau:US"})
    assert r.status_code == 403
    users = app_client.get("/api/users", headers={"Authorization": f"Bearer {made}"})
    assert users.status_code == 403 and "manage_users" in users.json()["detail"]


def test_nothing_without_credentials_in_production(app_client: TestClient) -> None:
    r = app_client.get("/api/notices")
    assert r.status_code == 401 and r.headers["www-authenticate"] == "Bearer"


def test_login_attempts_are_rate_limited(app_client: TestClient) -> None:
    make_officer(app_client)
    codes = [app_client.post("/api/auth/login", json={"username": "sato", "password": f"wrong {i}" * 3}).status_code
             for i in range(9)]
    assert codes[:8] == [401] * 8 and codes[-1] == 429
