"""Cooperation in the console in a real browser (Debian's chromium through Playwright) against a real server over a
SQLite file: an officer logs in, reads the statistics with their charts, opens the link graph and follows a node to
its case, and advances the case a stage (first out of order, refused on the form). Screenshots go to
test-artifacts/screenshots/console-coop-*.png."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import Engine

from ncb.domain.access import Viewer
from ncb.domain.identity import Actor, Role
from ncb.services import cooperation as svc
from ncb.storage.uow import SqlUnitOfWork
from tests.web.browser import MARKS, shot, watch
from tests.web.console_support import OFFICER
from tests.web.test_console_browser import Site, console_site, log_in

playwright_api = pytest.importorskip("playwright.sync_api")

pytestmark = MARKS

FRANCE = Actor("dupont@FR", Viewer.bureau("FR"), frozenset({Role.NCB_OFFICER}), "locating a fugitive")


def _request_and_case(engine: Engine, wanted_id: str) -> str:
    """A request from France about the notice, answered, and an extradition case on it; the case's id."""
    now = datetime.now(UTC)
    m = svc.draft_message({"type": "locate_request", "recipients": ["JP"], "subject": "Locate YAMADA Taro",
                           "notices": [wanted_id], "persons": ["YAMADA Taro"],
                           "deadline": (now.date() + timedelta(days=5)).isoformat()}, SqlUnitOfWork(engine),
                          actor=FRANCE, now=now)
    svc.send_message(m.id, SqlUnitOfWork(engine), actor=FRANCE, now=now)
    svc.answer_message(m.id, {"body": "Located in Osaka."}, SqlUnitOfWork(engine), actor=OFFICER, now=now)
    case = svc.open_case({"notice": wanted_id, "requesting": "JP", "requested": "FR",
                          "located_on": (now.date() - timedelta(days=3)).isoformat()}, SqlUnitOfWork(engine),
                         actor=OFFICER, now=now)
    return case.id


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    """Japan's bureau with a published Red Notice, a request from France about it, and an extradition case."""
    with console_site(tmp_path_factory.mktemp("console-coop"), _request_and_case) as served:
        yield served


def test_an_officer_reads_the_statistics_follows_the_graph_and_advances_a_case(browser: Any, site: Site) -> None:
    case_id = site.case_id
    context = browser.new_context(base_url=site.base, locale="en-GB")
    try:
        page = context.new_page()
        problems = watch(page)
        log_in(page, site, "sato", "en", "Case 2026-114, extradition of YAMADA")
        page.get_by_role("link", name="Statistics").first.click()
        assert page.locator("h1").inner_text() == "Statistics"
        charts = page.locator("figure.chart svg")
        assert charts.count() >= 3 and charts.first.is_visible()
        assert (page.locator("figure.chart svg desc").first.text_content() or "").endswith("in the table below.")
        with page.expect_download() as download:
            page.get_by_role("link", name="Download every table (CSV)").click()
        assert download.value.suggested_filename == "statistics.csv"
        shot(page, "console-coop-statistics-en")

        page.get_by_role("link", name="Link graph").first.click()
        graph = page.locator("svg.graph")
        assert graph.is_visible() and page.locator("ul.legend").is_visible()
        assert page.locator("svg.graph a.node-link").count() >= 4
        shot(page, "console-coop-graph-en")
        with page.expect_navigation():
            page.locator(f'svg.graph a[href$="/cases/{case_id}"]').click()
        assert case_id in page.locator("h1").inner_text()

        page.get_by_label("Stage reached").select_option("request_received")
        page.get_by_label("On", exact=True).fill(datetime.now(UTC).date().isoformat())
        with page.expect_navigation():
            page.get_by_role("button", name="Record the stage").click()
        assert "does not fit" in page.locator("#e-stage").inner_text()  # Japan requests: it sends the request
        page.get_by_label("Stage reached").select_option("provisional_arrest")
        page.get_by_label("On", exact=True).fill((datetime.now(UTC).date() - timedelta(days=1)).isoformat())
        with page.expect_navigation():
            page.get_by_role("button", name="Record the stage").click()
        assert "The stage was recorded." in page.get_by_role("status").first.inner_text()
        assert "Running time limits" in page.locator("main").inner_text()
        shot(page, "console-coop-case-en")

        with page.expect_navigation():
            page.get_by_role("link", name="日本語").click()
        assert "引渡し事件" in page.locator("h1").inner_text() and "仮拘禁" in page.locator("main").inner_text()
        page.goto("/console/ja/statistics")
        assert "統計" in page.locator("h1").inner_text()
        shot(page, "console-coop-statistics-ja")
        assert problems == []
    finally:
        context.close()
