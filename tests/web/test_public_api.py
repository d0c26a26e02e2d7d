"""The public API answers exactly like INTERPOL's: shapes, links, cap, 404 body; only public data."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest
from fastapi.testclient import TestClient

from ncb.domain.documents import notice_to_dict
from ncb.domain.notices import NoticeStatus, Photo
from tests.builders import make_notice
from tests.conftest import INTERPOL_FIXTURES

FIXTURES = INTERPOL_FIXTURES


def publish(client: TestClient, *notices: object) -> None:
    body = [notice_to_dict(n) for n in notices]  # type: ignore[arg-type]
    response = client.post("/api/imports", json=body)
    assert response.status_code == 200, response.text


def test_the_fixture_detail_round_trips_through_import_and_the_public_api(client: TestClient) -> None:
    if not FIXTURES.is_dir():
        pytest.skip("shared fixtures not present")
    detail = json.loads((FIXTURES / "red_detail_2021-40312.json").read_text())
    assert client.post("/api/imports", json=detail).status_code == 200
    served = client.get("/notices/v1/red/2021-40312").json()
    expected = json.loads(json.dumps(detail).replace("https://ws-public.interpol.int", "http://ncb.test"))
    assert served == expected
    assert list(served) == list(expected)


def test_lists_page_against_the_160_cap(client: TestClient) -> None:
    notices = [make_notice(entity_id=f"2020/{i:05d}", status=NoticeStatus.PUBLISHED) for i in range(1, 171)]
    publish(client, *notices)
    first = client.get("/notices/v1/red", params={"resultPerPage": 100}).json()
    assert first["total"] == 170
    assert first["query"] == {"page": 1, "resultPerPage": 100}
    assert first["_links"]["last"]["href"] == "http://ncb.test/notices/v1/red?resultPerPage=100&page=2"
    second = client.get("/notices/v1/red", params={"resultPerPage": 100, "page": 2}).json()
    assert len(second["_embedded"]["notices"]) == 60 and "next" not in second["_links"]
    clamped = client.get("/notices/v1/red", params={"resultPerPage": 100, "page": 9}).json()
    assert clamped["query"]["page"] == 2
    assert client.get("/notices/v1/red", params={"resultPerPage": 161}).status_code == 422


def test_filters_are_echoed_and_links_carry_them(client: TestClient) -> None:
    publish(client, make_notice(status=NoticeStatus.PUBLISHED))
    body = client.get("/notices/v1/red", params={"nationality": "JP", "ageMin": 30, "ageMax": 40}).json()
    assert body["total"] == 1
    assert body["query"] == {"page": 1, "resultPerPage": 20, "nationality": "JP", "ageMax": 40, "ageMin": 30}
    item = body["_embedded"]["notices"][0]
    assert list(item) == ["date_of_birth", "nationalities", "entity_id", "forename", "name", "_links"]


def test_non_public_notices_are_invisible_and_404_like_interpol(client: TestClient) -> None:
    publish(client, make_notice(status=NoticeStatus.PUBLISHED, public_extract=False),
            make_notice(entity_id="2026/00002", status=NoticeStatus.SUBMITTED))
    assert client.get("/notices/v1/red").json()["total"] == 0
    for eid in ("2026-00001", "2026-00002", "1999-1"):
        response = client.get(f"/notices/v1/red/{eid}")
        assert response.status_code == 404
        assert response.json() == {"status": 404, "name": "NotFoundError", "message": "Not Found"}


def test_images_are_served_only_for_their_public_notice(client: TestClient) -> None:
    from ncb.services.ports import StoredImage
    from ncb.storage.uow import SqlUnitOfWork

    notice = make_notice(status=NoticeStatus.PUBLISHED)
    notice = replace(notice, subject=replace(notice.subject, photos=(Photo("9001", "9002"),)))
    publish(client, notice)
    with SqlUnitOfWork(client.app.state.engine) as uow:  # type: ignore[attr-defined]
        uow.notices.add_image(StoredImage("9001", notice.entity_id, "image/jpeg", b"\xff\xd8full"))
        uow.notices.add_image(StoredImage("9002", notice.entity_id, "image/jpeg", b"\xff\xd8thumb", "9001"))
        uow.commit()
    images = client.get("/notices/v1/red/2026-00001/images").json()
    assert images["_links"]["thumbnail"]["href"].endswith("/images/9002")
    jpeg = client.get("/notices/v1/red/2026-00001/images/9001")
    assert jpeg.status_code == 200 and jpeg.headers["content-type"] == "image/jpeg"
    assert client.get("/notices/v1/yellow/2026-00001/images/9001").status_code == 404


def test_bad_parameters_get_a_clear_answer_not_a_500(client: TestClient) -> None:
    for params in ({"sexId": "X"}, {"ageMin": 50, "ageMax": 20}, {"page": 0}, {"resultPerPage": 100000},
                   {"nationality": "ZZ"}, {"ageMin": "old"}):
        response = client.get("/notices/v1/red", params=params)
        assert response.status_code == 422, params
        assert response.headers["content-type"] == "application/problem+json"
