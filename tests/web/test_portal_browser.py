"""The portal in a real browser: Debian's chromium driven by Playwright against a real server (uvicorn in a thread)
over a SQLite file with the demo loaded. Screenshots of the main pages go to test-artifacts/screenshots/."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from ncb.demo.generate import DemoData
from ncb.domain.notices import NoticeType
from ncb.settings import Settings
from ncb.storage.dialect import make_engine
from ncb.storage.migrate import upgrade
from ncb.storage.uow import SqlUnitOfWork
from ncb.web.app import create_app
from tests.web.browser import MARKS, loaded_width, serve, shot, watch
from tests.web.portal_data import load, seed

pytestmark = MARKS


class Site:
    def __init__(self, base: str, data: DemoData, database_url: str) -> None:
        self.base = base
        self.data = data
        self.database_url = database_url

    def tips(self) -> int:
        engine = make_engine(self.database_url)
        try:
            with SqlUnitOfWork(engine, write=False) as uow:
                return uow.tips.count()
        finally:
            engine.dispose()


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    url = f"sqlite:///{tmp_path_factory.mktemp('portal') / 'ncb.db'}"
    engine = make_engine(url)
    upgrade(engine)
    data = load(engine)
    engine.dispose()
    app = create_app(Settings.from_env({}, database_url=url, tip_burst=20))
    try:
        with serve(app) as base:
            yield Site(base, data, url)
    finally:
        app.state.engine.dispose()


@pytest.fixture
def page(browser: Any, site: Site) -> Iterator[Any]:
    context = browser.new_context(base_url=site.base, locale="ja-JP")
    tab = context.new_page()
    # A page may answer 404 or 422 on purpose; what it loads (style, images) must not fail, nor the policy refuse.
    problems = watch(tab)
    yield tab
    context.close()
    assert problems == []  # no CSP refusal, no missing image or stylesheet


def test_the_country_page_of_japan_in_japanese_then_english(page) -> None:  # type: ignore[no-untyped-def]
    page.goto("/")
    assert page.url.endswith("/ja/")  # the browser asks for Japanese
    shot(page, "home-ja")
    page.goto("/ja/countries/JP")
    assert page.locator("h1").inner_text() == "日本"
    assert page.locator(".card-red").count() == 2 and page.locator(".card-yellow").count() == 12
    red_text = page.locator("#red").inner_text()
    assert "66歳" in red_text and "37歳" in red_text and "カナダ" in red_text and "日本" in red_text
    assert "インターポール東京" in page.locator(".bureau-name").inner_text()
    for img in page.locator(".card img").all():
        assert img.get_attribute("alt") and loaded_width(img) > 0
    shot(page, "country-jp-ja")
    with page.expect_navigation():
        page.get_by_role("link", name="English").click()
    assert page.url.endswith("/en/countries/JP")
    assert page.locator(".card-red").count() == 2 and page.locator(".card-yellow").count() == 12
    text = page.locator("main").inner_text()
    assert "66 years old" in text and "Canada" in text and "Asia & South Pacific" in text
    assert "INTERPOL Tokyo" in text and "August 1952" in text
    shot(page, "country-jp-en")


def test_a_search_for_missing_americans_reported_by_japan(page) -> None:  # type: ignore[no-untyped-def]
    page.goto("/en/missing")
    page.get_by_label("Nationality").select_option("US")
    page.get_by_label("Requesting country").select_option("JP")
    with page.expect_navigation():
        page.get_by_role("button", name="Search").click()
    assert "nationality=US" in page.url and "country=JP" in page.url
    assert page.locator(".result-count").inner_text() == "2 persons found"
    assert page.locator(".card-yellow").count() == 2
    shot(page, "missing-search-en")
    page.get_by_label("Age from").fill("40")
    page.get_by_label("Age to").fill("20")
    page.get_by_role("button", name="Search").click()
    assert "The minimum age (40) is greater than the maximum age (20)." in page.get_by_role("alert").inner_text()


def test_a_notice_page_and_a_tip_sent_and_refused(page, site: Site) -> None:  # type: ignore[no-untyped-def]
    notice = seed(site.data, NoticeType.YELLOW)[1]
    page.goto("/ja/countries/JP")
    page.locator(f'a[href="/ja/notices/yellow/{notice.url_id}"]').click()
    assert "黄手配書" in page.locator("h1").inner_text()
    assert page.locator(".photos img").first.get_attribute("alt")
    assert "行方不明になった場所" in page.locator("main").inner_text()
    shot(page, "notice-yellow-ja")
    before = site.tips()
    page.get_by_label("ご存じのこと（いつ、どこで、誰と）").fill("<script>alert(1)</script>")
    page.get_by_role("button", name="情報を送信する").click()
    assert "文字だけの文章" in page.get_by_role("alert").inner_text()
    assert site.tips() == before
    page.get_by_label("ご存じのこと（いつ、どこで、誰と）").fill("昨日の夕方、横浜駅の東口で見かけました。")
    page.get_by_label("連絡先（任意）").fill("example@example.jp")
    page.get_by_role("button", name="情報を送信する").click()
    reference = page.locator("#tip-reference").inner_text()
    assert reference.startswith("JP-")
    assert site.tips() == before + 1
    shot(page, "tip-thanks-ja")


def test_the_keyboard_reaches_the_search_form(page) -> None:  # type: ignore[no-untyped-def]
    page.goto("/en/wanted")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip"  # the skip link comes first
    reached = []
    for _ in range(15):
        page.keyboard.press("Tab")
        reached.append(page.evaluate("document.activeElement.id"))
        if reached[-1] == "f-name":
            break
    assert reached[-1] == "f-name"
    page.keyboard.type("zz-nobody")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "name=zz-nobody" in page.url
    assert page.locator(".result-count").inner_text() == "0 persons found"


def test_a_phone_sized_screen_needs_no_sideways_scrolling(browser, site: Site) -> None:  # type: ignore[no-untyped-def]
    context = browser.new_context(base_url=site.base, viewport={"width": 360, "height": 740}, is_mobile=True,
                                  has_touch=True, device_scale_factor=2, locale="ja-JP")
    page = context.new_page()
    try:
        for path, name in (("/ja/countries/JP", "country-jp-phone"), ("/ja/wanted", "wanted-phone")):
            page.goto(path)
            assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1"), path
            shot(page, name)
        red = seed(site.data, NoticeType.RED)[0]
        page.goto(f"/ja/notices/red/{red.url_id}")
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
        box = page.get_by_role("button", name="情報を送信する").bounding_box()
        assert box is not None and box["height"] >= 44  # a finger-sized target
        shot(page, "notice-red-phone")
    finally:
        context.close()
