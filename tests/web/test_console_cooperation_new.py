"""Creating cooperation records in the officers' console over plain HTTP, on SQLite and PostgreSQL: an operation the
officer's bureau leads (``/operations/new``) and an extradition case, the person located (``/cases/new``); in both
languages, each bad input refused beside its field with what was typed kept and nothing stored, and refused outright
for those who may not create them."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from ncb.domain.cooperation.extradition import Stage
from ncb.domain.identity import Role
from ncb.services import cooperation as svc
from ncb.services import identity
from ncb.services import notices as notice_service
from ncb.services.audit import SYSTEM
from ncb.storage.uow import SqlUnitOfWork
from tests.web.console_support import OFFICER, PASSWORD, WANTED, Site, alert, publish_wanted


def _today() -> date:
    return datetime.now(UTC).date()


def _uow(site: Site) -> SqlUnitOfWork:
    return SqlUnitOfWork(site.engine, write=False)


def _operations(site: Site) -> list[str]:
    return [op.id for op in svc.list_operations(_uow(site), actor=OFFICER)]


def _cases(site: Site) -> list[str]:
    return [c.id for c in svc.list_cases(_uow(site), actor=OFFICER)]


def _actions(site: Site) -> list[str]:
    return [str(e["action"]) for e in site.events()]


def _error(html: str, field: str) -> str:
    """The error shown beside ``field`` (empty when there is none)."""
    start = html.find(f'id="e-{field}">')
    return "" if start < 0 else html[start:html.index("</p>", start)]


# -- a new operation ------------------------------------------------------------------------------------------

OPERATION = {"name": "Pangea XVII", "description": "Counterfeit medicines sold online", "countries": "FR, us",
             "started_on": "", "ended_on": ""}


@pytest.mark.parametrize(("lang", "field", "overrides", "says"), [
    ("ja", "name", {"name": " "}, "作戦名を入力してください"),
    ("en", "name", {"name": "P" * 201}, "at most 200 characters"),
    ("en", "countries", {"countries": "FR, XX, 99"}, "These are not country codes: XX, 99"),
    ("ja", "countries", {"countries": "FRANCE"}, "国コードではありません：FRANCE"),
    ("en", "started_on", {"started_on": "1 October"}, "Write the date as YYYY-MM-DD"),
    ("ja", "ended_on", {"started_on": "2026-10-10", "ended_on": "2026-10-01"}, "開始日（2026年10月10日）より前"),
])
def test_a_bad_operation_is_refused_beside_its_field_and_nothing_is_stored(
        site: Site, lang: str, field: str, overrides: dict[str, str], says: str) -> None:
    c, csrf = site.login("sato", lang)
    r = c.post(f"/console/{lang}/operations/new", data={"csrf_token": csrf, **OPERATION, **overrides})
    assert r.status_code == 422 and says in _error(r.text, field), alert(r.text)
    assert 'value="Counterfeit medicines sold online"' not in r.text  # a textarea keeps it as its content
    assert "Counterfeit medicines sold online</textarea>" in r.text
    assert _operations(site) == [] and "operation.create" not in _actions(site)


def test_an_operation_is_created_from_the_list_and_shown_with_the_done_message(site: Site) -> None:
    c, csrf = site.login("sato")
    listed = c.get("/console/en/operations")
    assert 'href="/console/en/operations/new"' in listed.text
    form = c.get("/console/ja/operations/new")
    assert form.status_code == 200 and "新しい作戦" in form.text and "作戦名" in form.text
    assert f'value="{_today().isoformat()}"' in form.text  # starts today unless changed
    started = (_today() - timedelta(days=3)).isoformat()
    r = c.post("/console/en/operations/new", data={"csrf_token": csrf, **OPERATION, "started_on": started},
               follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"].endswith("?done=created")
    op_id = r.headers["location"].split("/operations/")[1].split("?")[0]
    page = c.get(r.headers["location"]).text
    assert "The operation was created: your bureau leads it." in page and "Pangea XVII" in page
    assert "France" in page and "United States" in page
    op = svc.get_operation(op_id, _uow(site), actor=OFFICER)
    assert (op.name, op.bureau, op.countries) == ("Pangea XVII", "JP", ("JP", "FR", "US"))
    assert op.started_on == date.fromisoformat(started) and op.ended_on is None
    assert op.description == "Counterfeit medicines sold online"
    created = [e for e in site.events() if e["action"] == "operation.create"]
    assert len(created) == 1 and created[0]["purpose"] == "case 2026-114"
    ja = c.post("/console/ja/operations/new", data={"csrf_token": csrf, "name": "リリーフ作戦"},
                follow_redirects=False)
    assert ja.status_code == 303 and "作戦を作成しました" in c.get(ja.headers["location"]).text
    assert len(_operations(site)) == 2


# -- a new extradition case -----------------------------------------------------------------------------------

def _yellow_draft(site: Site) -> str:
    doc = WANTED | {"type": "yellow", "warrants": []}
    return notice_service.create_notice(doc, SqlUnitOfWork(site.engine), actor=OFFICER, now=datetime.now(UTC)).entity_id


def test_a_bad_case_is_refused_beside_its_field_in_the_officers_language_and_nothing_is_stored(site: Site) -> None:
    wanted = publish_wanted(site.engine)
    yellow = _yellow_draft(site)
    c, csrf = site.login("sato", "ja")
    good = {"csrf_token": csrf, "notice": wanted.entity_id, "person": "", "requesting": "", "requested": "FR",
            "located_on": (_today() - timedelta(days=2)).isoformat(), "note": "Seen in Lyon"}
    tomorrow = _today() + timedelta(days=1)
    refusals = [  # (language, what is changed, field, status, what is said)
        ("ja", {"located_on": tomorrow.isoformat()}, "located_on", 422, "本日"),
        ("en", {"located_on": tomorrow.isoformat()}, "located_on", 422,
         f"{tomorrow.strftime('%B')} {tomorrow.day}, {tomorrow.year} is after today"),
        ("en", {"located_on": "yesterday"}, "located_on", 422, "Write the date as YYYY-MM-DD"),
        ("ja", {"located_on": ""}, "located_on", 422, "所在が判明した日を入力してください"),
        ("en", {"notice": "2026/99999"}, "notice", 404, "There is no notice 2026/99999 that your bureau may see."),
        ("ja", {"notice": "2026/99999"}, "notice", 404, "貴局が閲覧できる手配書2026/99999はありません"),
        ("en", {"notice": yellow}, "notice", 422, f"{yellow} is not a Red Notice"),
        ("en", {"requested": "XX"}, "requested", 422, "“XX” is not a country code"),
        ("ja", {"requesting": "ZZ"}, "requesting", 422, "「ZZ」は国コードではありません"),
        ("en", {"requested": ""}, "requested", 422, "Say in which country the person was located"),
        ("en", {"notice": "", "requesting": "FR", "requested": "JP"}, "person", 422, "Name the person sought"),
        ("en", {"notice": "", "person": "IVANOV Ivan"}, "requesting", 422, "Say which country seeks the person"),
        ("en", {"requested": "JP"}, "requested", 422, "located in the country that seeks them"),  # JP's own notice
        ("ja", {"requesting": "US"}, "requested", 422, "日本が請求国または被請求国"),  # neither is Japan
    ]
    for lang, change, field, status, says in refusals:
        r = c.post(f"/console/{lang}/cases/new", data=good | change)
        assert r.status_code == status and says in _error(r.text, field), (change, alert(r.text))
        assert 'value="Seen in Lyon"' not in r.text and "Seen in Lyon</textarea>" in r.text  # what was typed is kept
        for name in ("requested", "requesting", "notice"):
            assert f'value="{(good | change)[name]}"' in r.text, (change, name)
    assert _cases(site) == [] and "case.open" not in _actions(site)


def test_a_case_is_opened_from_a_published_red_notice_and_from_the_case_list(site: Site) -> None:
    wanted = publish_wanted(site.engine)
    c, csrf = site.login("sato")
    notice_page = c.get(f"/console/en/notices/{wanted.url_id}").text
    assert "/console/en/cases/new?notice=2026" in notice_page and "Open an extradition case" in notice_page
    assert 'href="/console/en/cases/new"' in c.get("/console/en/cases").text
    form = c.get(f"/console/ja/cases/new?notice={wanted.entity_id}")
    assert form.status_code == 200 and f'value="{wanted.entity_id}"' in form.text and "引渡し事件の開始" in form.text
    located = _today() - timedelta(days=2)
    r = c.post("/console/en/cases/new", data={"csrf_token": csrf, "notice": wanted.url_id, "requested": "fr",
                                              "located_on": located.isoformat(), "note": "Seen in Lyon"},
               follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"].endswith("?done=opened"), alert(r.text)
    case_id = r.headers["location"].split("/cases/")[1].split("?")[0]
    page = c.get(r.headers["location"]).text
    assert "The extradition case was opened." in page and "France" in page
    case = svc.get_case(case_id, _uow(site), actor=OFFICER)
    assert (case.notice, case.notice_owner, case.requesting, case.requested) == (wanted.entity_id, "JP", "JP", "FR")
    assert "YAMADA" in case.person and [(s.stage, s.on, s.note) for s in case.stages] == [
        (Stage.LOCATED, located, "Seen in Lyon")]
    ja = c.post("/console/ja/cases/new", data={"csrf_token": csrf, "person": "IVANOV Ivan", "requesting": "FR",
                                               "requested": "JP", "located_on": _today().isoformat()},
                follow_redirects=False)
    assert ja.status_code == 303 and "引渡し事件を開始しました" in c.get(ja.headers["location"]).text
    assert len(_cases(site)) == 2
    opened = [e for e in site.events() if e["action"] == "case.open"]
    assert len(opened) == 2 and all(e["purpose"] == "case 2026-114" for e in opened)


# -- refusals -------------------------------------------------------------------------------------------------

def _agency_user(site: Site) -> str:
    """A user of the Tokyo Metropolitan Police (an agency: it may write notices, not lead operations)."""
    new = identity.create_user(SqlUnitOfWork(site.engine), actor=SYSTEM, username="mpd", display_name="Mpd",
                               role=Role.AGENCY_USER, password=PASSWORD, now=datetime.now(UTC), bureau="JP",
                               agency="JP-TOKYO-MPD")
    assert new.totp_secret is not None
    site.secrets["mpd"] = new.totp_secret
    return "mpd"


@pytest.mark.parametrize("path", ["/operations/new", "/cases/new"])
def test_those_who_may_not_create_get_the_error_page_and_nothing_is_stored(site: Site, path: str) -> None:
    data = {"name": "Pangea", "person": "IVANOV Ivan", "requesting": "FR", "requested": "JP",
            "located_on": _today().isoformat()}
    for username, lang, says in (("tanaka", "ja", "あなたの役割ではこのページを使えません"),
                                 ("suzuki", "en", "Your role does not allow this page."),
                                 (_agency_user(site), "en", "Only the officers of a bureau")):
        c, csrf = site.login(username, lang)  # a second factor's code works once: one login each
        page = c.get(f"/console/{lang}{path}")
        assert page.status_code == 403 and says in alert(page.text), username
        r = c.post(f"/console/{lang}{path}", data={"csrf_token": csrf, **data})
        assert r.status_code == 403 and says in alert(r.text), username
        if username != "tanaka":  # the others read the list, without the link
            listed = c.get(f"/console/{lang}{path.removesuffix('/new')}")
            assert listed.status_code == 200 and f'href="/console/{lang}{path}"' not in listed.text, username
    no_purpose, _ = site.login("sato", purpose=None)
    asked = no_purpose.get(f"/console/en{path}", follow_redirects=False)
    assert asked.status_code == 303 and "/console/en/purpose" in asked.headers["location"]
    assert _operations(site) == [] and _cases(site) == []
    assert not {"operation.create", "case.open"} & set(_actions(site))
