"""The portal over HTTP on both databases: every page, both languages, every bad input answered with a page in the
visitor's language and the right status (never a 500), tips stored or refused with nothing stored."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from ncb.demo.generate import DemoData
from ncb.domain.notices import Notice, NoticeType
from ncb.settings import Settings
from ncb.storage.uow import SqlUnitOfWork
from ncb.web.app import create_app
from ncb.web.portal.i18n import LOCALES, negotiate
from tests.web.portal_data import load, seed

TOKEN = "test-token-0123456789abcdef"


@pytest.fixture
def portal(engine: Engine) -> Iterator[tuple[TestClient, DemoData, Engine]]:
    data = load(engine)
    settings = Settings.from_env({}, database_url=str(engine.url.render_as_string(hide_password=False)),
                                 api_token=TOKEN, tip_burst=3, tip_rate_per_minute=1)
    app = create_app(settings, engine=engine)
    with TestClient(app) as client:
        yield client, data, engine


def tips_stored(engine: Engine) -> int:
    with SqlUnitOfWork(engine, write=False) as uow:
        return uow.tips.count()


def url(lang: str, notice: Notice) -> str:
    kind = "red" if notice.type is NoticeType.RED else "yellow"
    return f"/{lang}/notices/{kind}/{notice.url_id}"


def form_token(html: str) -> str:
    found = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert found, "no CSRF token in the form"
    return found.group(1)


def alert(html: str) -> str:
    found = re.search(r'role="alert"[^>]*>(.*?)</div>', html, re.S)
    return re.sub(r"<[^>]+>", " ", found.group(1)).strip() if found else ""


def test_the_country_page_of_japan_shows_the_seed_bureau_in_both_languages(portal) -> None:  # type: ignore[no-untyped-def]
    client, data, _ = portal
    ja = client.get("/ja/countries/JP")
    assert ja.status_code == 200 and 'lang="ja"' in ja.text
    assert re.findall(r'data-count="(\d+)"', ja.text) == ["2", "12"]
    assert ja.text.count('class="card card-red"') == 2 and ja.text.count('class="card card-yellow"') == 12
    for text in ("アジア・南太平洋", "インターポール東京", "1952年8月", "警察庁", "赤手配書", "黄手配書",
                 "66歳", "37歳",
                 "カナダ", "日本", "第36回ICPO総会を京都で開催", "活動状況"):
        assert text in ja.text, text
    en = client.get("/en/countries/JP")
    for text in ("Asia &amp; South Pacific", "INTERPOL Tokyo", "August 1952", "National Police Agency",
                 "66 years old", "37 years old", "Canada", "Japan", "36th INTERPOL General Assembly held in Kyoto"):
        assert text in en.text, text
    assert 'href="/en/wanted?country=JP"' in en.text and 'href="/en/missing?country=JP"' in en.text
    # The news "in action" are the bureau's demo items, in the page's language.
    assert data.news[-1].title_ja in ja.text and data.news[-1].title_en in en.text


def test_the_root_redirects_by_accept_language(portal) -> None:  # type: ignore[no-untyped-def]
    client, _, _ = portal
    assert client.get("/", headers={"Accept-Language": "ja-JP,ja;q=0.9,en;q=0.8"},
                      follow_redirects=False).headers["location"] == "/ja/"
    assert client.get("/", headers={"Accept-Language": "fr-FR, en;q=0.5"},
                      follow_redirects=False).headers["location"] == "/en/"
    assert negotiate("en;q=0.4, ja;q=0.9") == "ja" and negotiate(None) == "en"


def test_every_page_answers_in_both_languages_with_a_switcher_and_no_inline_code(portal) -> None:  # type: ignore[no-untyped-def]
    client, data, _ = portal
    red, yellow = seed(data, NoticeType.RED)[0], seed(data, NoticeType.YELLOW)[0]
    news_id = client.get("/api/news", headers={"Authorization": f"Bearer {TOKEN}"}).json()["items"][0]["id"]
    for lang, other in (("ja", "en"), ("en", "ja")):
        for path in ("/", "/regions", "/countries/JP", "/countries/FR", "/wanted", "/missing",
                     url(lang, red)[3:], url(lang, yellow)[3:], "/news", f"/news/{news_id}"):
            response = client.get(f"/{lang}{path}")
            assert response.status_code == 200, (lang, path)
            assert f'<html lang="{lang}">' in response.text
            assert f'href="/{other}{path}"' in response.text  # the language switcher keeps the page
            assert "<script" not in response.text and "style=" not in response.text and "<style" not in response.text
            assert "default-src 'self'" in response.headers["content-security-policy"]


def test_the_stylesheet_is_served_from_this_site(portal) -> None:  # type: ignore[no-untyped-def]
    client, _, _ = portal
    css = client.get("/static/portal/portal.css")
    assert css.status_code == 200 and ":focus-visible" in css.text and "@media" in css.text
    assert "http" not in css.text  # nothing loaded from elsewhere


def test_a_notice_page_shows_every_public_field_and_no_private_one(portal) -> None:  # type: ignore[no-untyped-def]
    client, data, _ = portal
    red = seed(data, NoticeType.RED)[1]
    page = client.get(url("en", red)).text
    warrant = red.warrants[0]
    assert red.entity_id in page and warrant.charge in page and "Country that issued the warrant" in page
    assert f"/notices/v1/red/{red.url_id}/images/{red.subject.photos[0].picture_id}" in page
    assert 'alt="Photo 1 of' in page
    assert red.facts is not None and red.facts.summary not in page  # facts are not in the public extract
    for document in red.subject.identity_documents:
        assert document.number not in page
    yellow = seed(data, NoticeType.YELLOW)[0]
    ja = client.get(url("ja", yellow)).text
    assert "行方不明になった日" in ja and "黄手配書" in ja and "関連する手配書" in ja  # the linked brother


def test_searches_filter_and_page(portal) -> None:  # type: ignore[no-untyped-def]
    client, data, _ = portal
    japanese = client.get("/en/missing", params={"country": "JP", "nationality": "US"}).text
    assert "2 persons found" in japanese
    assert client.get("/ja/missing", params={"country": "JP", "ageMin": 60, "ageMax": 90}).text.count(
        'class="card card-yellow"') == 3
    assert "1 person found" in client.get("/en/wanted", params={"country": "JP", "nationality": "CA"}).text
    men = client.get("/en/wanted", params={"sexId": "M", "country": "JP"}).text
    assert "2 persons found" in men
    red = seed(data, NoticeType.RED)[0]
    family = next(n.name for n in red.subject.names if n.name)
    assert family is not None
    assert red.entity_id.replace("/", "-") in client.get("/en/wanted", params={"name": family.lower()[:4]}).text


@pytest.mark.parametrize(("path", "status", "message"), [
    ("/ja/countries/XX", 404, "「XX」はインターポールの加盟国ではありません。"),
    ("/en/countries/AQ", 404, "“AQ” is not an INTERPOL member country."),
    ("/ja/wanted?page=0", 422, "ページ番号は1から始まります"),
    ("/en/wanted?page=abc", 422, "Page numbers start at 1"),
    ("/ja/wanted?page=10000", 404, "10000ページ目はありません"),
    ("/ja/missing?ageMin=40&ageMax=20", 422, "年齢の下限（40）が上限（20）を超えています。"),
    ("/en/missing?ageMin=-3", 422, "Ages are whole numbers from 0 to 150"),
    ("/ja/wanted?sexId=X", 422, "性別は「男性」「女性」「不明」のいずれか"),
    ("/en/wanted?nationality=ZZZ", 422, "is not a country code we know"),
    ("/ja/notices/red/2099-99999", 404, "公開中の手配書「2099-99999」はありません。"),
    ("/en/notices/blue/2099-99999", 404, "There is no public notice"),
    ("/ja/news/999999", 404, "お知らせ「999999」はありません。"),
    ("/en/news?page=0", 422, "Page numbers start at 1"),
    ("/ja/no/such/page", 404, "このアドレスのページはありません。"),
])
def test_bad_input_gets_a_page_in_the_language_with_the_right_status(portal, path: str, status: int,  # type: ignore[no-untyped-def]
                                                                        message: str) -> None:
    client, _, _ = portal
    response = client.get(path)
    assert response.status_code == status
    assert response.headers["content-type"].startswith("text/html")
    assert message in alert(response.text)


def test_user_text_in_a_search_is_escaped(portal) -> None:  # type: ignore[no-untyped-def]
    client, _, _ = portal
    page = client.get("/en/wanted", params={"name": '"><script>alert(1)</script>'}).text
    assert "<script>alert(1)" not in page and "&lt;script&gt;alert(1)" in page


def test_a_notice_that_is_not_public_has_no_page(portal) -> None:  # type: ignore[no-untyped-def]
    client, data, _ = portal
    hidden = [n for n in data.notices if n.type in (NoticeType.RED, NoticeType.YELLOW) and not n.is_public]
    assert hidden
    for notice in hidden[:5]:
        assert client.get(url("en", notice)).status_code == 404


def test_a_tip_is_stored_for_the_owner_and_acknowledged_with_a_reference(portal) -> None:  # type: ignore[no-untyped-def]
    client, data, engine = portal
    notice = seed(data, NoticeType.YELLOW)[3]
    page = client.get(url("ja", notice))
    assert "ncb_portal_csrf" in page.headers["set-cookie"] and "HttpOnly" in page.headers["set-cookie"]
    sent = client.post(url("ja", notice) + "/tips", data={
        "csrf_token": form_token(page.text), "message": "昨日、大阪駅で見かけました。", "contact": "090-0000-0000"})
    assert sent.status_code == 200 and "情報を受け付けました" in sent.text
    reference = re.search(r'id="tip-reference">([^<]+)<', sent.text).group(1)  # type: ignore[union-attr]
    assert reference.startswith("JP-")
    with SqlUnitOfWork(engine, write=False) as uow:
        tip = uow.tips.get(reference)
    assert tip is not None and tip.bureau == "JP" and tip.entity_id == notice.entity_id and tip.language == "ja"
    listed = client.get("/api/tips", headers={"Authorization": f"Bearer {TOKEN}"}).json()["tips"]
    assert [t["reference"] for t in listed] == [reference]
    other = client.get("/api/tips", headers={"Authorization": f"Bearer {TOKEN}", "X-NCB-Act-As": "bureau:FR"})
    assert other.json()["tips"] == []


@pytest.mark.parametrize(("form", "status", "message"), [
    ({"csrf_token": "1.forged", "message": "Seen in Kobe"}, 403, "This form has expired"),
    ({"message": "Seen in Kobe"}, 403, "This form has expired"),
    ({"csrf_token": None, "message": "   "}, 422, "Please write what you know"),
    ({"csrf_token": None, "message": "x" * 4001}, 422, "Your message is too long"),
    ({"csrf_token": None, "message": "<script>alert('x')</script>"}, 422, "plain text only"),
    ({"csrf_token": None, "message": "ok", "contact": "y" * 201}, 422, "contact details are too long"),
])
def test_a_refused_tip_says_why_and_stores_nothing(portal, form: dict[str, str | None], status: int,  # type: ignore[no-untyped-def]
                                                   message: str) -> None:
    client, data, engine = portal
    notice = seed(data, NoticeType.RED)[0]
    token = form_token(client.get(url("en", notice)).text)
    body = {k: (token if k == "csrf_token" and v is None else v) for k, v in form.items()}
    response = client.post(url("en", notice) + "/tips", data=body)
    assert response.status_code == status
    assert message in alert(response.text)
    assert "&lt;script&gt;" in response.text or "<script" not in response.text  # what was typed is escaped
    assert tips_stored(engine) == 0


def test_tips_are_rate_limited_per_address_in_the_page_language(portal) -> None:  # type: ignore[no-untyped-def]
    client, data, engine = portal
    notice = seed(data, NoticeType.RED)[0]
    token = form_token(client.get(url("ja", notice)).text)
    statuses = [client.post(url("ja", notice) + "/tips", data={"csrf_token": token, "message": f"tip {i}"})
                for i in range(4)]
    assert [r.status_code for r in statuses] == [200, 200, 200, 429]
    assert "秒ほど待ってから" in alert(statuses[-1].text)
    assert tips_stored(engine) == 3


def test_an_oversized_form_is_refused_unread(portal) -> None:  # type: ignore[no-untyped-def]
    client, data, engine = portal
    notice = seed(data, NoticeType.RED)[0]
    token = form_token(client.get(url("en", notice)).text)
    response = client.post(url("en", notice) + "/tips", data={"csrf_token": token, "message": "a" * 100_000})
    assert response.status_code == 422 and tips_stored(engine) == 0


def test_officers_write_news_that_the_portal_renders_safely(portal) -> None:  # type: ignore[no-untyped-def]
    client, data, _ = portal
    auth = {"Authorization": f"Bearer {TOKEN}"}
    red = seed(data, NoticeType.RED)[0]
    hidden = next(n for n in data.notices if n.type is NoticeType.RED and not n.is_public)
    created = client.post("/api/news", headers=auth, json={
        "title_en": "Arrest in <Manila>", "title_ja": "マニラで逮捕", "published_on": "2026-03-04",
        "body_en": "Found **today**.\n\n<script>alert(1)</script> [x](javascript:alert(1))",
        "body_ja": "本日**発見**。", "countries": ["JP", "PH"], "notices": [red.entity_id, hidden.entity_id]})
    assert created.status_code == 201, created.text
    item = created.json()
    page = client.get(f"/en/news/{item['id']}").text
    assert "<strong>today</strong>" in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert 'href="javascript:' not in page and "Arrest in &lt;Manila&gt;" in page
    assert red.url_id in page and hidden.url_id not in page  # only public notices are linked
    assert "March 4, 2026" in page and "2026年3月4日" in client.get(f"/ja/news/{item['id']}").text
    edited = client.patch(f"/api/news/{item['id']}", headers=auth, json={"title_en": "Arrest in Manila"})
    assert edited.status_code == 200 and edited.json()["title_ja"] == "マニラで逮捕"
    assert client.patch(f"/api/news/{item['id']}", headers={**auth, "X-NCB-Act-As": "bureau:FR"},
                        json={"title_en": "x"}).status_code == 403
    assert client.post("/api/news", headers={**auth, "X-NCB-Act-As": "public"}, json={
        "title_en": "x", "title_ja": "x", "body_en": "x", "body_ja": "x"}).status_code == 403
    assert client.post("/api/news", headers=auth, json={"title_en": "x", "title_ja": "x", "body_en": "x",
                                                         "body_ja": "x", "countries": ["QQ"]}).status_code == 422


def test_images_carry_an_etag_and_answer_304(portal) -> None:  # type: ignore[no-untyped-def]
    client, data, _ = portal
    red = seed(data, NoticeType.RED)[0]
    photo = red.subject.photos[0]
    path = f"/notices/v1/red/{red.url_id}/images/{photo.thumbnail_id}"
    first = client.get(path)
    assert first.status_code == 200 and first.headers["content-type"] == "image/jpeg"
    assert first.content[:3] == b"\xff\xd8\xff" and "max-age" in first.headers["cache-control"]
    again = client.get(path, headers={"If-None-Match": first.headers["etag"]})
    assert again.status_code == 304 and again.content == b""


def test_the_japanese_catalogue_translates_every_message() -> None:
    from babel.messages.pofile import read_po

    with (LOCALES / "ja" / "LC_MESSAGES" / "messages.po").open("rb") as po:
        catalog = read_po(po, locale="ja")
    untranslated = [m.id for m in catalog if m.id and (not m.string or m.fuzzy
                                                         or (isinstance(m.string, tuple) and not all(m.string)))]
    assert untranslated == []
    with (LOCALES / "messages.pot").open("rb") as pot:
        template = {m.id for m in read_po(pot) if m.id}
    assert template == {m.id for m in catalog if m.id}  # `make messages` was run after the last change
