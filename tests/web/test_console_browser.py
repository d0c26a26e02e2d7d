"""The officers' console in a real browser (Debian's chromium through Playwright) against a real server over a
SQLite file: an officer drafts and submits a notice request in English, a reviewer approves it in Japanese, a border
officer pastes a passport's MRZ and sees the hit with its explanation, an officer uploads a photo and sees its
thumbnail on the console and the portal, on a desktop and on a phone. Screenshots of
the main pages go to test-artifacts/screenshots/console-*.png."""

from __future__ import annotations

import random
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyotp
import pytest
from sqlalchemy import Engine

from ncb.demo.photos import draw_portrait
from ncb.demo.places import Complexion
from ncb.domain.codes import EyeColour, HairColour, Sex
from ncb.settings import Settings
from ncb.storage.dialect import make_engine
from ncb.storage.migrate import upgrade
from ncb.web.app import create_app
from tests.web.browser import MARKS, loaded_width, serve, shot, watch
from tests.web.console_support import MRZ, PASSWORD, Clock, make_people, publish_wanted

playwright_api = pytest.importorskip("playwright.sync_api")

pytestmark = MARKS


@dataclass
class Site:
    base: str
    secrets: dict[str, str]
    clock: Clock
    wanted_id: str
    case_id: str = ""  # the cooperation tests' extradition case


@contextmanager
def console_site(folder: Path, seed: Callable[[Engine, str], str] | None = None) -> Iterator[Site]:
    """The console over a fresh SQLite file in ``folder``, with its people and a published Red Notice, served on
    loopback. ``seed`` adds what a test needs (given the engine and the notice's id) and returns the extradition
    case it opened, if any."""
    url = f"sqlite:///{folder / 'ncb.db'}"
    engine = make_engine(url)
    upgrade(engine)
    secrets = make_people(engine)
    wanted = publish_wanted(engine)
    case_id = seed(engine, wanted.entity_id) if seed else ""
    engine.dispose()
    app = create_app(Settings.from_env({}, database_url=url, login_burst=50,
                                       audit_key_file=str(folder / "audit.key")))
    clock = Clock()
    app.state.console.clock = clock
    try:
        with serve(app) as base:
            yield Site(base, secrets, clock, wanted.entity_id, case_id)
    finally:
        app.state.engine.dispose()


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    with console_site(tmp_path_factory.mktemp("console")) as served:
        yield served


@pytest.fixture
def new_page(browser: Any, site: Site) -> Iterator[Any]:
    """Pages in fresh browser contexts (one person each); none may have a CSP refusal or a failed resource."""
    contexts: list[Any] = []
    problems: list[list[str]] = []

    def make(lang: str = "en", **options: Any) -> Any:
        context = browser.new_context(base_url=site.base, locale="ja-JP" if lang == "ja" else "en-GB", **options)
        contexts.append(context)
        tab = context.new_page()
        problems.append(watch(tab))
        return tab

    yield make
    for context in contexts:
        context.close()
    assert [p for found in problems for p in found] == []


def log_in(page: Any, site: Site, username: str, lang: str, purpose: str | None) -> None:
    labels = {"en": ("Username", "Password", "6-digit code", "Log in", "Purpose", "Continue"),
              "ja": ("利用者名", "パスワード", "6桁の確認コード", "ログイン", "目的", "続ける")}[lang]
    page.goto(f"/console/{lang}/login")
    assert page.locator("#use-banner").is_visible()
    page.get_by_label(labels[0]).fill(username)
    page.get_by_label(labels[1]).fill(PASSWORD)
    page.get_by_label(labels[2]).fill(pyotp.TOTP(site.secrets[username]).at(site.clock()))
    with page.expect_navigation():
        page.get_by_role("button", name=labels[3]).click()
    assert page.url.endswith(f"/console/{lang}/")
    if purpose:
        page.goto(f"/console/{lang}/purpose")
        page.get_by_label(labels[4], exact=True).fill(purpose)
        with page.expect_navigation():
            page.get_by_role("button", name=labels[5]).click()


def test_an_officer_submits_a_request_in_english_and_a_reviewer_approves_it_in_japanese(new_page: Any,
                                                                                         site: Site) -> None:
    page = new_page("en")
    page.goto("/console/en/login")
    shot(page, "console-login-en")
    log_in(page, site, "sato", "en", None)
    assert "NCB officer" in page.locator("main").inner_text()
    shot(page, "console-dashboard-en")
    page.get_by_role("link", name="Notice requests").first.click()
    assert "/purpose" in page.url  # files are read only with a stated purpose
    page.get_by_label("Purpose", exact=True).fill("Case 2026-114, fraud inquiry")
    page.get_by_role("button", name="Continue").click()
    assert page.url.endswith("/console/en/notices")
    page.get_by_role("link", name="New notice request").click()
    page.get_by_label("Family name").fill("KOBAYASHI")
    page.get_by_label("Date of birth").fill("16/04/1980")  # the wrong way round
    page.get_by_role("button", name="Save the draft").click()
    assert "Write the date as YYYY" in page.locator("#e-date_of_birth").inner_text()
    assert page.get_by_label("Family name").input_value() == "KOBAYASHI"  # what was typed is kept
    page.get_by_label("Forename").fill("Ken")
    page.get_by_label("Date of birth").fill("1980/04/16")
    page.get_by_label("Sex").select_option("M")
    page.get_by_label("Nationalities").fill("JP")
    page.get_by_label("Charge", exact=True).fill("Fraud")
    page.get_by_label("Issuing country").fill("JP")
    page.get_by_label("Maximum penalty (months)").fill("120")
    page.get_by_label("Summary of the facts").fill("Defrauded 300 investors of 2 billion yen.")
    with page.expect_navigation():
        page.get_by_role("button", name="Save the draft").click()
    assert "The draft was saved." in page.get_by_role("status").first.inner_text()
    assert page.locator(".findings").is_visible()  # the compliance findings beside the form
    shot(page, "console-notice-draft-en")
    notice_id = page.url.split("/notices/")[1].split("?")[0]
    with page.expect_navigation():
        page.get_by_role("button", name="Submit for review").click()
    assert "The request was submitted for review." in page.locator("main").inner_text()

    reviewer = new_page("ja")
    log_in(reviewer, site, "suzuki", "ja", "審査 2026年11月")
    reviewer.get_by_role("link", name="審査待ち一覧").first.click()
    reviewer.get_by_role("link", name=notice_id.replace("-", "/")).click()
    assert "規則適合性の指摘" in reviewer.locator("aside").inner_text()
    assert "sato@JP" in reviewer.locator(".history").inner_text()
    shot(reviewer, "console-review-ja")
    reviewer.get_by_label("承認する").check()
    reviewer.get_by_label("理由", exact=True).fill("要件を確認した")
    exception = reviewer.get_by_label(re.compile("例外"))
    if exception.count():
        exception.fill("全国規模の詐欺事件であるため")
    with reviewer.expect_navigation():
        reviewer.get_by_role("button", name="判断を記録する").click()
    assert "手配書を承認しました" in reviewer.get_by_role("status").first.inner_text()
    shot(reviewer, "console-review-done-ja")

    page.goto(f"/console/en/notices/{notice_id}")
    assert "published" in page.locator("h1").inner_text()


def test_a_border_officer_pastes_an_mrz_and_sees_the_hit_explained(new_page: Any, site: Site) -> None:
    page = new_page("ja")
    log_in(page, site, "tanaka", "ja", "成田空港 出国審査")
    page.get_by_role("link", name="旅客の照合").first.click()
    page.get_by_label("機械読取部（MRZ、2行または3行）").fill(MRZ)
    with page.expect_navigation():
        page.get_by_role("button", name="照合する").click()
    result = page.locator("#result").inner_text()
    assert "該当1件" in result and site.wanted_id in result
    assert "旅券等の番号が完全に一致します" in result and "生年月日が同じ日です" in result
    shot(page, "console-screening-hit-ja")
    page.get_by_role("link", name="該当一覧").first.click()
    assert site.wanted_id in page.locator("main").inner_text()
    page.get_by_label("確認：手配対象者本人である").first.check()
    page.get_by_label("理由", exact=True).first.fill("旅券を窓口で確認")
    shot(page, "console-hits-ja")
    with page.expect_navigation():
        page.get_by_role("button", name="判断を記録する").first.click()
    assert "該当を確認しました" in page.get_by_role("status").first.inner_text()


def test_an_administrator_in_english_screens_by_mrz_and_sees_users_and_the_audit_trail(new_page: Any,
                                                                                       site: Site) -> None:
    page = new_page("en")
    log_in(page, site, "kato", "en", "Narita border control")
    page.goto("/console/en/screening")
    page.get_by_label("Machine-readable zone (two or three lines)").fill(MRZ)
    page.get_by_role("button", name="Check", exact=True).click()
    result = page.locator("#result").inner_text()
    assert "1 hit" in result and "The document number is exactly the same" in result
    shot(page, "console-screening-hit-en")
    page.get_by_role("link", name="Users").first.click()
    assert "tanaka" in page.locator("table").inner_text()
    shot(page, "console-users-en")
    page.get_by_role("link", name="Audit trail").first.click()
    assert "screening.check" in page.locator("table").inner_text()
    shot(page, "console-audit-en")
    with page.expect_navigation():
        page.get_by_role("link", name="日本語").click()
    assert page.url.endswith("/console/ja/admin/audit") and "監査証跡" in page.locator("h1").inner_text()


def test_the_keyboard_reaches_the_login_form_and_a_phone_needs_no_sideways_scrolling(new_page: Any,
                                                                                     site: Site) -> None:
    page = new_page("en")
    page.goto("/console/en/login")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip"
    reached = []
    for _ in range(6):
        page.keyboard.press("Tab")
        reached.append(page.evaluate("document.activeElement.id"))
        if reached[-1] == "f-username":
            break
    assert reached[-1] == "f-username"
    phone = new_page("ja", viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True,
                     device_scale_factor=2)
    log_in(phone, site, "dpo", "ja", None)
    for path, name in (("/console/ja/", "console-dashboard-phone"), ("/console/ja/admin/audit", "console-audit-phone")):
        phone.goto(path)
        assert phone.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1"), path
        shot(phone, name)
    box = phone.get_by_role("button", name="ログアウト").bounding_box()
    assert box is not None and box["height"] >= 44  # a finger-sized target


def test_an_officer_uploads_a_photo_and_sees_its_thumbnail_on_the_console_and_the_portal(new_page: Any,
                                                                                         site: Site) -> None:
    portrait = draw_portrait(random.Random(5), sex=Sex.MALE, age=46, complexion=Complexion.EAST_ASIAN,
                             hair=HairColour.BLACK, eyes=EyeColour.DARK_BROWN).photo
    site.clock.advance(seconds=31)  # sato logged in moments ago: a second factor's code is good only once
    page = new_page("en")
    log_in(page, site, "sato", "en", "Case 2026-114, photo received from Osaka police")
    url_id = site.wanted_id.replace("/", "-")
    page.goto(f"/console/en/notices/{url_id}")
    assert "No photo yet." in page.locator("#photos").inner_text()
    page.get_by_label("Add a photo").set_input_files({"name": "suspect.jpg", "mimeType": "image/jpeg",
                                                      "buffer": portrait})
    with page.expect_navigation():
        page.get_by_role("button", name="Upload the photo").click()
    assert "The photo was added." in page.get_by_role("status").first.inner_text()
    thumbnail = page.locator("#photos img").first
    thumbnail.wait_for()
    assert thumbnail.evaluate("img => img.complete && img.naturalWidth") == 100  # the thumbnail, loaded
    assert "photo added" in page.locator(".history").inner_text()
    shot(page, "console-notice-photo-en")
    page.goto("/en/wanted?country=JP")
    card = page.locator(f'img[src*="/notices/v1/red/{url_id}/images/"]').first
    card.wait_for()
    assert loaded_width(card) == 100
