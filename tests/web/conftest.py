from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from ncb.settings import Settings
from ncb.web.app import create_app

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
