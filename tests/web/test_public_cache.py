"""The public answers' cache: fresh for public_cache_seconds (5 by default), with an ETag and 304; emptied by a
change made through the same server process."""

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
    other = create_app(Settings.from_env({}, database_url=db_url, api_token=TOKEN))  # another server process
    clock = [0.0]
    app.state.public_cache = PublicCache(30, clock=lambda: clock[0])
    internal = {"Authorization": f"Bearer {TOKEN}", "X-NCB-Purpose": "test"}
    with TestClient(app) as c, TestClient(other) as elsewhere:
        doc = notice_to_dict(make_notice(status=NoticeStatus.PUBLISHED))
        assert c.post("/api/imports", json=doc, headers=internal).status_code == 200
        first = c.get("/notices/v1/red")
        assert first.json()["total"] == 1 and first.headers["cache-control"] == "public, max-age=30"
        etag = first.headers["etag"]
        assert c.get("/notices/v1/red", headers={"If-None-Match": etag}).status_code == 304
        second = notice_to_dict(make_notice(entity_id="2026/00002", status=NoticeStatus.PUBLISHED))
        assert elsewhere.post("/api/imports", json=second, headers=internal).status_code == 200
        assert c.get("/notices/v1/red").json()["total"] == 1  # changed elsewhere: still fresh in this memory
        clock[0] = 31
        after = c.get("/notices/v1/red")
        assert after.json()["total"] == 2 and after.headers["etag"] != etag
        assert c.get("/notices/v1/red?page=0").status_code == 422  # errors are answered, never cached
        assert c.get("/notices/v1/red/2026-00002").json()["entity_id"] == "2026/00002"
        third = notice_to_dict(make_notice(entity_id="2026/00003", status=NoticeStatus.PUBLISHED))
        assert c.post("/api/imports", json=third, headers=internal).status_code == 200
        assert c.get("/notices/v1/red").json()["total"] == 3  # changed through this process: shown at once
    app.state.engine.dispose()
    other.state.engine.dispose()


def test_without_the_cache_every_answer_is_fresh_and_still_has_an_etag(db_url: str) -> None:
    with TestClient(create_app(Settings.from_env({}, database_url=db_url, public_cache_seconds=0))) as client:
        _fresh_with_etag(client)


def test_by_default_answers_are_kept_five_seconds(client: TestClient) -> None:
    assert client.get("/notices/v1/red").headers["cache-control"] == "public, max-age=5"


def _fresh_with_etag(client: TestClient) -> None:
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
