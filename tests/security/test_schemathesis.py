"""Schemathesis over the whole OpenAPI of the app, on SQLite with the demo data loaded: no 5xx, and every
response conforms to the schema the OpenAPI document declares for it (status, media type, body)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import content_type_conformance, response_schema_conformance

from ncb.demo.generate import DemoData, generate_demo
from ncb.domain.identity import Role
from ncb.domain.notices import Notice, NoticeType
from ncb.services.demo import load_demo
from ncb.settings import Settings
from ncb.storage.dialect import make_engine
from ncb.storage.migrate import upgrade
from ncb.storage.uow import SqlUnitOfWork
from ncb.web.app import create_app
from tests.conftest import NOW, TODAY
from tests.web.conftest import TOKEN

HEADERS = {"Authorization": f"Bearer {TOKEN}", "X-NCB-Purpose": "schemathesis conformance run"}
MAX_EXAMPLES = int(os.environ.get("SCHEMATHESIS_MAX_EXAMPLES", "20"))
CHECKS = [not_a_server_error, content_type_conformance, response_schema_conformance]


@pytest.fixture(scope="module")
def api_schema(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    url = f"sqlite:///{tmp_path_factory.mktemp('schemathesis') / 'ncb.db'}"
    engine = make_engine(url)
    upgrade(engine)
    demo = generate_demo(size=40, seed=4, today=TODAY)
    load_demo(demo.notices, demo.images, SqlUnitOfWork(engine), now=NOW)
    settings_ = Settings.from_env({}, database_url=url, api_token=TOKEN, base_url="http://ncb.test",
                                  public_rate_per_minute=0,
                                  login_rate_per_minute=0)
    app = create_app(settings_, engine=engine)
    schema = schemathesis.openapi.from_asgi("/openapi.json", app)
    schema.ncb_demo = demo  # type: ignore[attr-defined]
    yield schema
    engine.dispose()


VIEWERS = ["bureau:JP", "bureau:FR", "bureau:US", "agency:JP:JP-TOKYO-MPD", "general-secretariat", "public"]
ROLES = [r.value for r in Role] + ["ncb_officer,border_officer", "reviewer,dpo"]


def _url_id(notice: Notice) -> str:
    return notice.entity_id.replace("/", "-")


def _realistic(case: schemathesis.Case, data: st.DataObject, demo: DemoData) -> None:
    """Half the time, aim a valid case at what exists: a stored notice (public and of the route's type on public
    routes) with one of its pictures, a known country, a real traveller's name, a real viewer and role, so that
    the run reaches past the 404s and 422s into the code that reads and renders notices."""
    path = case.path_parameters or {}
    if "notice_id" in path and data.draw(st.booleans()):
        kind = case.path.removeprefix("/notices/v1/").split("/{")[0] if case.path.startswith("/notices/") else None
        wanted = {"red": NoticeType.RED, "yellow": NoticeType.YELLOW}.get(kind or "", NoticeType.UN_SPECIAL)
        candidates = [n for n in demo.notices if kind is None or (n.is_public and n.type is wanted)]
        notice = data.draw(st.sampled_from(candidates or demo.notices))
        path["notice_id"] = _url_id(notice)
        pictures = [p.picture_id for p in notice.subject.photos]
        if "picture_id" in path and pictures:
            path["picture_id"] = data.draw(st.sampled_from(pictures))
    if "country" in path and data.draw(st.booleans()):
        path["country"] = data.draw(st.sampled_from(["JP", "FR", "US", "KR"]))
    if case.path == "/screening/check" and isinstance(case.body, dict) and data.draw(st.booleans()):
        name = data.draw(st.sampled_from([n.subject.primary_name for n in demo.notices if n.subject.primary_name]))
        case.body["traveller"] = {"names": [name.full]} if name else case.body.get("traveller")
    headers = case.headers if case.headers is not None else {}
    if data.draw(st.booleans()):
        headers["X-NCB-Act-As"] = data.draw(st.sampled_from(VIEWERS))
        headers["X-NCB-Role"] = data.draw(st.sampled_from(ROLES))
    case.headers = headers


def _run(operation: Any, mode: GenerationMode, schema: Any) -> None:
    @given(case=operation.as_strategy(mode), data=st.data())
    @settings(max_examples=MAX_EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True,
              database=None)
    def run(case: schemathesis.Case, data: st.DataObject) -> None:
        if mode is GenerationMode.POSITIVE:
            _realistic(case, data, schema.ncb_demo)
        case.call_and_validate(headers=HEADERS, checks=CHECKS)

    run()


@pytest.mark.xdist_group("schemathesis")
def test_every_operation_answers_within_its_schema(api_schema: Any) -> None:
    """One run per operation and generation mode (valid and invalid input); every failure is reported."""
    failures: list[str] = []
    operations = [result.ok() for result in api_schema.get_all_operations()]
    assert len(operations) > 20
    for operation in operations:
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            try:
                _run(operation, mode, api_schema)
            except Unsatisfiable:
                continue  # no invalid input can be written for this operation (e.g. one free-text path parameter)
            except (Exception, BaseExceptionGroup) as exc:  # collected and reported below
                failures.append(f"{operation.label} ({mode.value}): {exc}")
    assert not failures, f"{len(failures)} failing:\n\n" + "\n\n".join(failures)
