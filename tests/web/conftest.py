from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from ncb.settings import Settings
from ncb.web.app import create_app
from tests.web.browser import ARGS, chromium_path
from tests.web.console_support import Clock, Site, make_people

TOKEN = "test-token-0123456789abcdef"
PURPOSE = "test suite"
"""Stated on every request of ``client``: reading non-public data needs a purpose (send an empty
X-NCB-Purpose to act without one)."""


@pytest.fixture
def client(db_url: str) -> Iterator[TestClient]:
    settings = Settings.from_env({}, database_url=db_url, api_token=TOKEN, base_url="http://ncb.test")
    app = create_app(settings)
    with TestClient(app, headers={"Authorization": f"Bearer {TOKEN}", "X-NCB-Purpose": PURPOSE}) as c:
        yield c
    app.state.engine.dispose()


@pytest.fixture
def site(db_url: str, tmp_path: Path) -> Iterator[Site]:
    """The officers' console on each database, with the people of ``console_support.PEOPLE`` (the browser tests
    have their own, over a real server)."""
    settings = Settings.from_env({}, database_url=db_url, login_burst=100,
                                 audit_key_file=str(tmp_path / "audit.key"))
    app = create_app(settings)
    clock = Clock()
    app.state.console.clock = clock
    engine: Engine = app.state.engine
    result = Site(app, engine, clock, make_people(engine))
    try:
        yield result
    finally:
        for c in result.clients:
            c.close()
        engine.dispose()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """Debian's chromium driven by Playwright, for one test module (skipped where Playwright is missing)."""
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=chromium_path(), args=ARGS)
        try:
            yield chromium
        finally:
            chromium.close()
