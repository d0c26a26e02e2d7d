"""The public answers' cache (off by default): fresh for public_cache_seconds, with an ETag and 304."""

from __future__ import annotations

from fastapi.testclient import TestClient

from ncb.domain.documents import notice_to_dict
from ncb.domain.notices import NoticeStatus
from ncb.settings import Settings
from ncb.web.app import create_app
from ncb.web.cache import PublicCache
from tests.builders import make_notice

TOKEN = "cache-test-token-0123456789"


def test_a_cached_list_is_served_until_it_is_stale_and_revalidates_with_its_etag(db_url: str) -> None:
    app = create_app(Settings.from_env({}, database_url=db_url, api_token=TOKEN, public_cache_seconds=30))
    clock = [0.0]
    app.state.public_cache = PublicCache(30, clock=lambda: clock[0])
    with TestClient(app) as c:
        internal = {"Authorization": f"Bearer {TOKEN}", "X-NCB-Purpose": "test"}
        doc = notice_to_dict(make_notice(status=NoticeStatus.PUBLISHED))
        assert c.post("/api/imports", json=doc, headers=internal).status_code == 200
        first = c.get("/notices/v1/red")
        assert first.json()["total"] == 1 and first.headers["cache-control"] == "public, max-age=30"
        etag = first.headers["etag"]
        assert c.get("/notices/v1/red", headers={"If-None-Match": etag}).status_code == 304
        second = notice_to_dict(make_notice(entity_id="2026/00002", status=NoticeStatus.PUBLISHED))
        assert c.post("/api/imports", json=second, headers=internal).status_code == 200
        assert c.get("/notices/v1/red").json()["total"] == 1  # still fresh in memory
        clock[0] = 31
        after = c.get("/notices/v1/red")
        assert after.json()["total"] == 2 and after.headers["etag"] != etag
        assert c.get("/notices/v1/red?page=0").status_code == 422  # errors are answered, never cached
        assert c.get("/notices/v1/red/2026-00002").json()["entity_id"] == "2026/00002"
    app.state.engine.dispose()


def test_without_the_cache_every_answer_is_fresh_and_still_has_an_etag(client: TestClient) -> None:
    r = client.get("/notices/v1/red")
    assert r.headers["cache-control"] == "no-cache" and r.headers["etag"]
    assert client.get("/notices/v1/red", headers={"If-None-Match": r.headers["etag"]}).status_code == 304


def test_the_country_page_is_served_from_the_cache_while_fresh(db_url: str) -> None:
    app = create_app(Settings.from_env({}, database_url=db_url, public_cache_seconds=30))
    clock = [0.0]
    app.state.public_cache = PublicCache(30, clock=lambda: clock[0])
    with TestClient(app) as c:
        first = c.get("/en/countries/JP")
        assert first.status_code == 200 and "text/html" in first.headers["content-type"]
        assert c.get("/en/countries/JP", headers={"If-None-Match": first.headers["etag"]}).status_code == 304
        assert c.get("/ja/countries/JP").headers["etag"] != first.headers["etag"]  # one entry per language
        assert c.get("/en/countries/XX").status_code == 404  # refusals are never cached
    app.state.engine.dispose()
