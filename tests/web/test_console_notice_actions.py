"""The console's notice page beyond the draft form, and its program tokens page, on SQLite and PostgreSQL: photos
uploaded (shown as thumbnails, EXIF gone, on the portal at once), refused with the reason on the page and nothing
stored; a published notice suspended, resumed and withdrawn with a reason and a confirmation; tokens created with
their secret shown once, listed and revoked; CSRF and permission refusals; both languages."""

from __future__ import annotations

import io
import re

import pytest
from PIL import Image
from sqlalchemy import func, select

from ncb.services import identity
from ncb.storage.tables import images
from ncb.storage.uow import SqlUnitOfWork
from tests.photo_samples import phone_jpeg, png_claiming, transparent_png
from tests.web.console_support import Site, alert, publish_wanted


def stored_images(s: Site) -> int:
    with s.engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(images)).scalar_one())


def photo_form(data: bytes, name: str = "photo.jpg") -> dict[str, tuple[str, bytes, str]]:
    return {"file": (name, data, "image/jpeg")}


# -- photos -------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("lang", ["en", "ja"])
def test_an_officer_uploads_a_photo_sees_its_thumbnail_and_removes_it(site: Site, lang: str) -> None:
    notice = publish_wanted(site.engine)
    c, csrf = site.login("sato", lang)
    page = c.get(f"/console/{lang}/notices/{notice.url_id}")
    assert page.status_code == 200 and 'enctype="multipart/form-data"' in page.text
    assert ("No photo yet." if lang == "en" else "写真はまだありません。") in page.text
    r = c.post(f"/console/{lang}/notices/{notice.url_id}/photos", data={"csrf_token": csrf},
               files=photo_form(phone_jpeg()), follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"].endswith("?done=photo_added#photos")
    page = c.get(r.headers["location"])
    assert ("The photo was added." if lang == "en" else "写真を追加しました。") in page.text
    assert ("photo added" if lang == "en" else "写真追加") in page.text  # in the history
    thumbnail = re.search(rf'<img src="(/console/{lang}/notices/{notice.url_id}/photos/(\d+))"', page.text)
    assert thumbnail, page.text
    served = c.get(thumbnail.group(1))
    assert served.status_code == 200 and served.headers["content-type"] == "image/jpeg"
    assert served.headers["cache-control"] == "private, no-store"
    image = Image.open(io.BytesIO(served.content))
    assert image.size == (100, 133) and len(image.getexif()) == 0
    with SqlUnitOfWork(site.engine, write=False) as uow:
        stored = uow.notices.get(notice.entity_id)
    assert stored is not None and stored.subject.photos[0].thumbnail_id == thumbnail.group(2)
    public = c.get(f"/notices/v1/red/{notice.url_id}/images/{thumbnail.group(2)}")
    assert public.status_code == 200 and public.content == served.content
    assert f'/notices/v1/red/{notice.url_id}/images/{thumbnail.group(2)}' in c.get(f"/{lang}/wanted").text
    assert any(e["action"] == "notice.photo" and e["actor"] == "sato@JP" for e in site.events())
    remove = re.search(r'action="([^"]+/remove)"', page.text)
    assert remove
    gone = c.post(remove.group(1), data={"csrf_token": csrf}, follow_redirects=False)
    assert gone.status_code == 303 and "done=photo_removed" in gone.headers["location"]
    assert stored_images(site) == 0
    assert c.get(thumbnail.group(1)).status_code == 404


def test_a_png_is_stored_as_jpeg(site: Site) -> None:
    notice = publish_wanted(site.engine)
    c, csrf = site.login("sato")
    c.post(f"/console/en/notices/{notice.url_id}/photos", data={"csrf_token": csrf},
           files=photo_form(transparent_png(), "p.png"))
    with SqlUnitOfWork(site.engine, write=False) as uow:
        stored = uow.notices.get(notice.entity_id)
        assert stored is not None
        image = uow.notices.get_image(stored.subject.photos[0].picture_id)
    assert image is not None and Image.open(io.BytesIO(image.data)).format == "JPEG"


@pytest.mark.parametrize(("data", "status", "words"), [
    (b"just some text", 422, "not an image"),
    (b"GIF89a" + b"\x01\x00\x01\x00" + b"\0" * 30, 422, "JPEG, PNG and WebP"),
    (png_claiming(100_000, 100_000), 422, "too many pixels"),
    (b"\xff" * (10 * 1024 * 1024 + 10), 413, "The file is too large: a photo may have at most 10 MB."),
    (b"", 422, "Choose a photo to upload."),
])
def test_a_bad_photo_is_refused_on_the_page_and_nothing_is_stored(site: Site, data: bytes, status: int,
                                                                  words: str) -> None:
    notice = publish_wanted(site.engine)
    c, csrf = site.login("sato")
    r = c.post(f"/console/en/notices/{notice.url_id}/photos", data={"csrf_token": csrf}, files=photo_form(data))
    assert r.status_code == status and words in alert(r.text), alert(r.text)
    assert 'id="photo-error"' in r.text and 'aria-invalid="true"' in r.text
    assert stored_images(site) == 0


def test_photo_forms_are_refused_without_the_csrf_token_or_the_permission(site: Site) -> None:
    notice = publish_wanted(site.engine)
    c, _ = site.login("sato")
    r = c.post(f"/console/en/notices/{notice.url_id}/photos", data={"csrf_token": "forged"},
               files=photo_form(phone_jpeg()))
    assert r.status_code == 403 and "This form has expired" in alert(r.text)
    border, csrf = site.login("tanaka")
    r = border.post(f"/console/en/notices/{notice.url_id}/photos", data={"csrf_token": csrf},
                    files=photo_form(phone_jpeg()))
    assert r.status_code == 403
    assert stored_images(site) == 0


# -- status changes -----------------------------------------------------------------------------------------

def test_a_published_notice_is_suspended_resumed_and_withdrawn_with_a_reason_and_a_confirmation(
        site: Site) -> None:
    notice = publish_wanted(site.engine)
    c, csrf = site.login("sato")
    url = f"/console/en/notices/{notice.url_id}"
    page = c.get(url).text
    assert "Suspend the notice" in page and "Withdraw the notice" in page and "Resume the notice" not in page
    assert "This cannot be undone." in page  # the withdrawal's confirmation text
    refused = c.post(f"{url}/status", data={"csrf_token": csrf, "action": "suspend", "reason": "", "until": "soon"})
    assert refused.status_code == 422
    for words in ("Give the reason for this change", "Tick the box to confirm.", "Give the last day as YYYY-MM-DD."):
        assert words in refused.text
    too_long = c.post(f"{url}/status", data={"csrf_token": csrf, "action": "suspend", "reason": "located",
                                             "until": "2099-01-01", "confirm": "1"})
    assert too_long.status_code == 422 and "at most 6 months" in too_long.text
    assert 'value="2099-01-01"' in too_long.text and ">located</textarea>" in too_long.text  # kept as typed
    suspended = c.post(f"{url}/status", data={"csrf_token": csrf, "action": "suspend", "reason": "located in Canada",
                                              "confirm": "1"}, follow_redirects=False)
    assert suspended.status_code == 303
    page = c.get(suspended.headers["location"]).text
    assert "The notice was suspended." in page and "status-suspended" in page
    assert "Resume the notice" in page and "Suspend the notice" not in page
    assert "located in Canada" in page  # the history, with the reason
    resumed = c.post(f"{url}/status", data={"csrf_token": csrf, "action": "resume", "reason": "lost track",
                                            "confirm": "1"}, follow_redirects=False)
    assert resumed.status_code == 303 and "status-published" in c.get(resumed.headers["location"]).text
    withdrawn = c.post(f"{url}/status", data={"csrf_token": csrf, "action": "withdraw", "reason": "arrested",
                                              "confirm": "1"}, follow_redirects=False)
    page = c.get(withdrawn.headers["location"]).text
    assert "The notice was withdrawn." in page and "Change the status" not in page
    again = c.post(f"{url}/status", data={"csrf_token": csrf, "action": "suspend", "reason": "x", "confirm": "1"})
    assert again.status_code == 409 and "cannot go from withdrawn to suspended" in alert(again.text)
    changes = [(e["action"], str(e["outcome"])) for e in site.events() if e["action"] in
               ("notice.suspend", "notice.resume", "notice.withdraw")]
    assert [a for a, outcome in changes if not outcome.startswith("refused")] == [
        "notice.withdraw", "notice.resume", "notice.suspend"]


def test_status_changes_in_japanese_and_their_refusals(site: Site) -> None:
    notice = publish_wanted(site.engine)
    c, csrf = site.login("sato", "ja")
    url = f"/console/ja/notices/{notice.url_id}"
    page = c.get(url).text
    assert "手配書を一時停止" in page and "元に戻すことはできません" in page
    bad = c.post(f"{url}/status", data={"csrf_token": csrf, "action": "delete", "reason": "x", "confirm": "1"})
    assert bad.status_code == 422 and "一時停止、再開、取り下げ、延長のいずれか" in alert(bad.text)
    forged = c.post(f"{url}/status", data={"action": "withdraw", "reason": "x", "confirm": "1"})
    assert forged.status_code == 403
    border, border_csrf = site.login("tanaka")
    denied = border.post(f"/console/en/notices/{notice.url_id}/status",
                         data={"csrf_token": border_csrf, "action": "withdraw", "reason": "x", "confirm": "1"})
    assert denied.status_code == 403
    with SqlUnitOfWork(site.engine, write=False) as uow:
        stored = uow.notices.get(notice.entity_id)
    assert stored is not None and stored.status.value == "published"


# -- program tokens -----------------------------------------------------------------------------------------

def test_an_administrator_creates_a_token_shown_once_lists_it_and_revokes_it(site: Site) -> None:
    c, csrf = site.login("kato", purpose=None)
    assert 'href="/console/en/admin/tokens"' in c.get("/console/en/").text
    empty = c.post("/console/en/admin/tokens", data={"csrf_token": csrf, "name": "Narita gates", "days": "30"})
    assert empty.status_code == 422 and "Choose at least one role." in empty.text
    days = c.post("/console/en/admin/tokens", data={"csrf_token": csrf, "name": "Narita gates", "days": "999",
                                                    "role_border_officer": "1"})
    assert days.status_code == 422 and "from 1 to 366" in days.text
    agency = c.post("/console/en/admin/tokens", data={"csrf_token": csrf, "name": "Prefecture", "days": "30",
                                                      "role_agency_user": "1"})
    assert agency.status_code == 422 and "needs a bureau and an agency" in agency.text
    made = c.post("/console/en/admin/tokens", data={"csrf_token": csrf, "name": "Narita gates", "days": "30",
                                                    "role_border_officer": "1", "bureau": "jp"})
    assert made.status_code == 200
    secret = re.search(r'id="token-secret">(ncb_[^<]+)<', made.text)
    assert secret and "Shown once" in made.text
    actor = identity.token_actor(SqlUnitOfWork(site.engine), presented=secret.group(1), now=site.clock())
    assert actor.viewer.country == "JP" and {r.value for r in actor.roles} == {"border_officer"}
    listing = c.get("/console/en/admin/tokens").text
    assert "Narita gates" in listing and "border officer" in listing and secret.group(1) not in listing
    token_id = secret.group(1).split("_")[1]
    revoked = c.post(f"/console/en/admin/tokens/{token_id}/revoke", data={"csrf_token": csrf},
                     follow_redirects=False)
    assert revoked.status_code == 303
    page = c.get(revoked.headers["location"]).text
    assert "The token was revoked" in page and ">revoked<" in page
    with pytest.raises(Exception, match="revoked"):
        identity.token_actor(SqlUnitOfWork(site.engine), presented=secret.group(1), now=site.clock())
    assert [e["action"] for e in site.events() if e["action"].startswith("token.")] == ["token.revoke",
                                                                                        "token.create"]
    ja = c.get("/console/ja/admin/tokens").text
    assert "プログラムのトークン" in ja and "失効" in ja


def test_the_tokens_page_needs_the_permission_and_the_csrf_token(site: Site) -> None:
    officer, csrf = site.login("sato")
    assert officer.get("/console/en/admin/tokens").status_code == 403
    assert officer.post("/console/en/admin/tokens", data={"csrf_token": csrf, "name": "x", "days": "1",
                                                          "role_ncb_officer": "1"}).status_code == 403
    admin, _ = site.login("kato")
    before = len(site.events())
    forged = admin.post("/console/en/admin/tokens", data={"csrf_token": "forged", "name": "x", "days": "1",
                                                          "role_ncb_officer": "1"})
    assert forged.status_code == 403 and len(site.events()) == before
    assert admin.post("/console/en/admin/tokens/nosuch/revoke", data={"csrf_token": csrf}).status_code == 403
