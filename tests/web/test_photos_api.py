"""Photos over the internal API on both databases, and a published notice's uploaded photo served by the public API
and the portal exactly as a demo photo is: EXIF gone, PNG turned JPEG, bad uploads refused with nothing stored."""

from __future__ import annotations

import io
from typing import Any

from fastapi.testclient import TestClient
from PIL import Image

from tests.photo_samples import GPS_IFD, phone_jpeg, png_claiming, transparent_png
from tests.web.test_internal_api import GS, draft


def published(client: TestClient) -> tuple[str, str]:
    """A published Red Notice with a public extract: (its id in URLs, its internal API address)."""
    eid = client.post("/api/notices", json=draft()).json()["entity_id"]
    url = f"/api/notices/{eid.replace('/', '-')}"
    client.post(f"{url}/submit")
    assert client.post(f"{url}/review", json={"decision": "approve"}, headers=GS).json()["status"] == "published"
    return eid.replace("/", "-"), url


def upload(client: TestClient, url: str, data: bytes, name: str = "photo.jpg", **headers: str) -> Any:
    return client.post(f"{url}/photos", files={"file": (name, data, "application/octet-stream")}, headers=headers)


def photos_of(client: TestClient, url: str) -> list[dict[str, Any]]:
    photos: list[dict[str, Any]] = client.get(url).json()["subject"]["photos"]
    return photos


def test_an_uploaded_photo_is_served_by_the_public_api_and_the_portal_without_its_exif(client: TestClient) -> None:
    url_id, url = published(client)
    assert Image.open(io.BytesIO(phone_jpeg())).getexif().get_ifd(GPS_IFD)
    r = upload(client, url, phone_jpeg())
    assert r.status_code == 201, r.text
    body = r.json()
    assert (body["width"], body["height"], body["source_format"]) == (200, 400, "JPEG")
    images = client.get(f"/notices/v1/red/{url_id}/images").json()
    assert [i["picture_id"] for i in images["_embedded"]["images"]] == [body["picture_id"]]
    assert images["_links"]["thumbnail"]["href"].endswith(f"/images/{body['thumbnail_id']}")
    listed = client.get("/notices/v1/red").json()["_embedded"]["notices"][0]
    assert listed["_links"]["thumbnail"]["href"] == f"http://ncb.test/notices/v1/red/{url_id}/images/" \
        f"{body['thumbnail_id']}"
    for picture_id, size in ((body["picture_id"], (200, 400)), (body["thumbnail_id"], (100, 133))):
        served = client.get(f"/notices/v1/red/{url_id}/images/{picture_id}")
        assert served.status_code == 200 and served.headers["content-type"] == "image/jpeg"
        assert served.headers["cache-control"] == "public, max-age=86400" and served.headers["etag"]
        image = Image.open(io.BytesIO(served.content))
        assert image.size == size and len(image.getexif()) == 0 and "exif" not in image.info
        assert b"Exif" not in served.content and b"PhoneMaker" not in served.content
        again = client.get(f"/notices/v1/red/{url_id}/images/{picture_id}",
                           headers={"If-None-Match": served.headers["etag"]})
        assert again.status_code == 304
    card = client.get("/en/wanted").text
    assert f'src="/notices/v1/red/{url_id}/images/{body["thumbnail_id"]}"' in card
    page = client.get(f"/ja/notices/red/{url_id}").text
    assert f'/notices/v1/red/{url_id}/images/{body["picture_id"]}' in page


def test_a_png_becomes_a_jpeg_and_a_photo_is_removed_with_its_thumbnail(client: TestClient) -> None:
    url_id, url = published(client)
    body = upload(client, url, transparent_png(), "p.png").json()
    served = client.get(f"/api/notices/{url_id}/photos/{body['picture_id']}")
    assert served.status_code == 200 and served.headers["content-type"] == "image/jpeg"
    assert served.headers["cache-control"] == "private, no-store"
    assert Image.open(io.BytesIO(served.content)).format == "JPEG" and body["source_format"] == "PNG"
    removed = client.delete(f"{url}/photos/{body['picture_id']}")
    assert removed.status_code == 200 and removed.json()["photos"] == []
    for picture_id in (body["picture_id"], body["thumbnail_id"]):
        assert client.get(f"/notices/v1/red/{url_id}/images/{picture_id}").status_code == 404
    assert client.get(f"/notices/v1/red/{url_id}/images").json() == {"_embedded": {"images": []}}
    assert [h["action"] for h in client.get(f"{url}/history").json()][-2:] == ["add_photo", "remove_photo"]


def test_bad_uploads_are_refused_as_problems_naming_what_is_wrong_and_nothing_is_stored(client: TestClient) -> None:
    _, url = published(client)
    cases = [(b"GIF89a" + b"\0" * 40, 422, "not an image"), (phone_jpeg()[:700], 422, "damaged or incomplete"),
             (png_claiming(100_000, 100_000), 422, "too many pixels"), (png_claiming(8000, 8000), 422, "pixels"),
             (b"\xff" * (10 * 1024 * 1024 + 1), 413, "at most 10 MB")]
    for data, status, words in cases:
        r = upload(client, url, data)
        assert r.status_code == status, (words, r.text)
        assert r.headers["content-type"] == "application/problem+json" and words in r.json()["detail"]
        assert r.json()["field"] == "file"
    assert client.post(f"{url}/photos", data={"x": "1"}).status_code == 422  # no file at all
    assert upload(client, "/api/notices/2026-99999", phone_jpeg()).status_code == 404
    other = upload(client, url, phone_jpeg(), **{"X-NCB-Act-As": "bureau:FR"})
    assert other.status_code == 403 and "only the owner bureau (JP)" in other.json()["detail"]  # seen, not its own
    border = upload(client, url, phone_jpeg(), **{"X-NCB-Role": "border_officer"})
    assert border.status_code == 403
    assert photos_of(client, url) == []
    assert client.delete(f"{url}/photos/12345").status_code == 404
