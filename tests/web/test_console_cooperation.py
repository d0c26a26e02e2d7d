"""Cooperation in the officers' console over plain HTTP, on SQLite and PostgreSQL: messages (answered, acknowledged,
closed, written and sent), extradition cases advanced stage by stage, operations changed by their participants,
the link graph and the statistics with their charts and CSV files; in both languages, with CSRF and permission
refusals, and bad input refused with a clear message and nothing stored."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta

import pytest

from ncb.domain.access import Viewer
from ncb.domain.cooperation.extradition import Stage
from ncb.domain.cooperation.statistics import tables_csv
from ncb.domain.identity import Actor, Role
from ncb.services import cooperation as svc
from ncb.storage.uow import SqlUnitOfWork
from tests.web.console_support import OFFICER, Site, alert, publish_wanted

FRANCE = Actor("dupont@FR", Viewer.bureau("FR"), frozenset({Role.NCB_OFFICER}), "locating a fugitive")


def _today() -> date:
    return datetime.now(UTC).date()


def _uow(site: Site) -> SqlUnitOfWork:
    return SqlUnitOfWork(site.engine)


def _from_france(site: Site, notice: str) -> str:
    """A locate request France sends to Japan about ``notice``; its id."""
    now = datetime.now(UTC)
    m = svc.draft_message({"type": "locate_request", "recipients": ["JP"], "subject": "Locate YAMADA Taro",
                           "body": "Seen in Lyon in October.", "notices": [notice], "persons": ["YAMADA Taro"],
                           "deadline": (now.date() + timedelta(days=7)).isoformat()}, _uow(site), actor=FRANCE,
                          now=now)
    return svc.send_message(m.id, _uow(site), actor=FRANCE, now=now).id


def _actions(site: Site) -> list[str]:
    return [str(e["action"]) for e in site.events()]


def _stored_messages(site: Site) -> int:
    with SqlUnitOfWork(site.engine, write=False) as uow:
        return uow.cooperation.messages(bureau="JP", limit=1000)[0]


# -- messages -------------------------------------------------------------------------------------------------

def test_an_incoming_request_is_read_acknowledged_answered_and_closed_in_both_languages(site: Site) -> None:
    wanted = publish_wanted(site.engine)
    mid = _from_france(site, wanted.entity_id)
    c, csrf = site.login("sato")
    listed = c.get("/console/en/messages")
    assert listed.status_code == 200 and mid in listed.text and "Locate YAMADA Taro" in listed.text
    assert "Deadlines to watch today" in listed.text and "due in 7 days" in listed.text
    ja = c.get("/console/ja/messages")
    assert "メッセージ" in ja.text and "所在調査の依頼" in ja.text
    page = c.get(f"/console/en/messages/{mid}")
    assert page.status_code == 200 and "Seen in Lyon in October." in page.text
    assert f'href="/console/en/notices/{wanted.url_id}"' in page.text and "Acknowledge receipt" in page.text
    ack = c.post(f"/console/en/messages/{mid}/acknowledge", data={"csrf_token": csrf, "note": "being checked"},
                 follow_redirects=False)
    assert ack.status_code == 303 and ack.headers["location"].endswith("?done=acknowledge")
    shown = c.get(ack.headers["location"])
    assert "You acknowledged the message." in shown.text and "being checked" in shown.text
    assert "Acknowledge receipt" not in shown.text  # done once
    empty = c.post(f"/console/ja/messages/{mid}/answer", data={"csrf_token": csrf, "note": " "})
    assert empty.status_code == 422 and "回答を書いてから送ってください" in alert(empty.text)
    answered = c.post(f"/console/ja/messages/{mid}/answer", data={"csrf_token": csrf, "note": "東京で所在を確認"},
                      follow_redirects=False)
    assert answered.status_code == 303
    thread = c.get(answered.headers["location"]).text
    assert "回答を送りました" in thread and "東京で所在を確認" in thread and "JP-" in thread
    assert "スレッド" in thread and "回答済み" in thread
    closed = c.post(f"/console/en/messages/{mid}/close", data={"csrf_token": csrf, "note": "located"},
                    follow_redirects=False)
    assert closed.status_code == 303
    again = c.post(f"/console/en/messages/{mid}/close", data={"csrf_token": csrf})
    assert again.status_code == 409 and "cannot go from closed" in alert(again.text)
    actions = _actions(site)
    for action in ("message.read", "message.acknowledge", "message.answer", "message.send", "message.close"):
        assert action in actions, action
    assert all(e["purpose"] == "case 2026-114" for e in site.events()
               if e["actor"] == "sato@JP" and str(e["action"]).startswith("message."))


def test_a_new_message_is_refused_with_errors_beside_the_fields_then_sent(site: Site) -> None:
    wanted = publish_wanted(site.engine)
    c, csrf = site.login("sato", "ja")
    form = c.get(f"/console/ja/messages/new?notice={wanted.entity_id}")
    assert form.status_code == 200 and f'value="{wanted.entity_id}"' in form.text
    base = {"csrf_token": csrf, "type": "locate_request", "channel": "interpol", "recipients": "FR",
            "subject": "所在調査", "body": "リヨンにいる可能性", "notices": wanted.entity_id, "persons": "YAMADA Taro"}
    past = c.post("/console/ja/messages/new", data=base | {"deadline": (_today() - timedelta(days=1)).isoformat()})
    assert past.status_code == 422 and 'id="e-deadline"' in past.text and "は過ぎています" in past.text
    assert 'value="所在調査"' in past.text  # what was typed is kept
    wrong = c.post("/console/en/messages/new", data=base | {"type": "extradition_request", "recipients": ""})
    assert wrong.status_code == 422
    assert "cannot go through this channel" in wrong.text and "Name at least one bureau" in wrong.text
    unknown = c.post("/console/en/messages/new", data=base | {"recipients": "FR, XX"})
    assert unknown.status_code == 422 and "Check the recipients" in unknown.text and 'id="e-recipients"' in unknown.text
    hidden = c.post("/console/en/messages/new", data=base | {"notices": "2026/99999"})
    assert hidden.status_code == 404 and "Check the linked notices" in hidden.text
    assert _stored_messages(site) == 0  # nothing stored by any refusal
    draft = c.post("/console/en/messages/new", data=base | {"deadline": (_today() + timedelta(days=3)).isoformat()},
                   follow_redirects=False)
    assert draft.status_code == 303 and draft.headers["location"].endswith("?done=drafted")
    mid = draft.headers["location"].split("/messages/")[1].split("?")[0]
    page = c.get(draft.headers["location"]).text
    assert "Send the message" in page and "Close the message" in page
    sent = c.post(f"/console/en/messages/{mid}/send", data={"csrf_token": csrf}, follow_redirects=False)
    assert sent.status_code == 303
    assert "The message was sent." in c.get(sent.headers["location"]).text
    direct = c.post("/console/en/messages/new", data=base | {"send": "1"}, follow_redirects=False)
    assert direct.headers["location"].endswith("?done=sent") and _stored_messages(site) == 2


# -- extradition cases ----------------------------------------------------------------------------------------

def _case(site: Site, located_days_ago: int = 10) -> str:
    return svc.open_case({"person": "IVANOV Ivan", "requesting": "FR", "requested": "JP",
                          "located_on": (_today() - timedelta(days=located_days_ago)).isoformat()}, _uow(site),
                         actor=OFFICER, now=datetime.now(UTC)).id


def _stages(site: Site, case_id: str) -> list[Stage]:
    return [e.stage for e in svc.get_case(case_id, _uow(site), actor=OFFICER).stages]


def test_a_case_is_advanced_and_a_stage_out_of_order_or_misdated_is_refused_on_the_form(site: Site) -> None:
    case_id = _case(site)
    c, csrf = site.login("sato")
    listed = c.get("/console/en/cases")
    assert case_id in listed.text and "IVANOV Ivan" in listed.text and "person located" in listed.text
    page = c.get(f"/console/en/cases/{case_id}")
    assert "Treaty limits" in page.text and "Record the next stage" in page.text
    out_of_order = c.post(f"/console/en/cases/{case_id}/advance",
                          data={"csrf_token": csrf, "stage": "surrender", "on": _today().isoformat()})
    assert out_of_order.status_code == 409 and 'id="e-stage"' in out_of_order.text
    assert "cannot go to “surrendered”" in out_of_order.text
    assert "Possible next stages: provisional arrest" in out_of_order.text
    future = c.post(f"/console/ja/cases/{case_id}/advance", data={
        "csrf_token": csrf, "stage": "provisional_arrest", "on": (_today() + timedelta(days=2)).isoformat()})
    assert future.status_code == 422 and 'id="e-on"' in future.text and "前の段階" in future.text
    garbled = c.post(f"/console/en/cases/{case_id}/advance", data={"csrf_token": csrf, "stage": "provisional_arrest",
                                                                   "on": "26/11/2026"})
    assert garbled.status_code == 422 and "Write the date as YYYY-MM-DD" in garbled.text
    assert _stages(site, case_id) == [Stage.LOCATED]  # nothing stored
    arrested = c.post(f"/console/en/cases/{case_id}/advance", data={
        "csrf_token": csrf, "stage": "provisional_arrest", "on": (_today() - timedelta(days=40)).isoformat()})
    assert arrested.status_code == 422  # before the person was located
    arrested = c.post(f"/console/en/cases/{case_id}/advance", data={
        "csrf_token": csrf, "stage": "provisional_arrest", "on": (_today() - timedelta(days=9)).isoformat()},
        follow_redirects=False)
    assert arrested.status_code == 303 and arrested.headers["location"].endswith("?done=advanced")
    shown = c.get(arrested.headers["location"])
    assert "The stage was recorded." in shown.text and "Running time limits" in shown.text
    assert "The extradition request must reach Japan within" in shown.text
    ja = c.get(f"/console/ja/cases/{case_id}").text
    assert "引渡し事件" in ja and "仮拘禁" in ja and "年" in ja  # dates in Japanese
    sent = c.post(f"/console/en/cases/{case_id}/advance", data={"csrf_token": csrf, "stage": "request_sent",
                                                                "on": _today().isoformat()})
    assert sent.status_code == 409 and "This stage does not fit this case" in sent.text
    assert _stages(site, case_id) == [Stage.LOCATED, Stage.PROVISIONAL_ARREST]
    assert "case.advance" in _actions(site)


def test_warnings_of_time_limits_appear_on_the_case_list(site: Site) -> None:
    case_id = _case(site, located_days_ago=60)
    svc.advance_case(case_id, "provisional_arrest", _uow(site), actor=OFFICER, now=datetime.now(UTC),
                     on=_today() - timedelta(days=55))
    c, _ = site.login("sato")
    page = c.get("/console/en/cases")
    assert "Time limits passing within" in page.text and "Passed on" in page.text
    assert c.get("/console/en/cases?show=all").status_code == 200


# -- operations -----------------------------------------------------------------------------------------------

def test_an_operation_is_changed_by_its_leader_and_every_change_is_audited(site: Site) -> None:
    op = svc.create_operation({"name": "Pangea", "countries": ["FR"], "started_on": (_today() - timedelta(days=5))
                               .isoformat()}, _uow(site), actor=OFFICER, now=datetime.now(UTC))
    c, csrf = site.login("sato")
    assert "Pangea" in c.get("/console/en/operations").text
    base = f"/console/en/operations/{op.id}"
    for change, data in (("countries", {"countries": "DE, IT"}),
                         ("targets", {"target_kind": "organisation", "target_ref": "Jade Dragon group"}),
                         ("results", {"result_country": "JP", "reported_on": _today().isoformat(), "arrests": "3",
                                      "item": "counterfeit tablets", "quantity": "12000", "unit": "tablets",
                                      "value": "4500000", "currency": "JPY"}),
                         ("timeline", {"event_on": _today().isoformat(), "event_country": "JP",
                                       "event_text": "Raids in Osaka"})):
        r = c.post(f"{base}/{change}", data={"csrf_token": csrf, **data}, follow_redirects=False)
        assert r.status_code == 303, (change, alert(r.text))
    page = c.get(base).text
    assert "Germany" in page and "Jade Dragon group" in page and "Raids in Osaka" in page
    assert "12,000 tablets counterfeit tablets" in page and "4,500,000 JPY" in page
    bad = c.post(f"{base}/results", data={"csrf_token": csrf, "arrests": "many"})
    assert bad.status_code == 422 and "whole number" in bad.text
    outsider = c.post(f"{base}/timeline", data={"csrf_token": csrf, "event_country": "US", "event_text": "x"})
    assert outsider.status_code == 422 and "Nothing was saved" in outsider.text
    assert len(svc.get_operation(op.id, _uow(site), actor=OFFICER).timeline) == 1
    report = c.get(f"{base}/report")
    assert report.status_code == 200 and "| JP | 3 |" in report.text
    md = c.get(f"{base}/report.md")
    assert md.headers["content-type"].startswith("text/markdown") and "Raids in Osaka" in md.text
    assert "作戦" in c.get(f"/console/ja/operations/{op.id}").text
    actions = _actions(site)
    for action in ("operation.create", "operation.countries", "operation.target", "operation.result",
                   "operation.timeline"):
        assert action in actions, action


# -- the graph and the statistics -----------------------------------------------------------------------------

def test_the_graph_is_drawn_as_svg_with_a_legend_and_a_table_of_the_same_links(site: Site) -> None:
    wanted = publish_wanted(site.engine)
    mid = _from_france(site, wanted.entity_id)
    case_id = _case(site)
    c, _ = site.login("sato")
    page = c.get("/console/en/graph")
    assert page.status_code == 200 and "<svg" in page.text and "<script" not in page.text
    assert 'class="legend"' in page.text and "node-message" in page.text and "node-notice" in page.text
    assert f'href="/console/en/messages/{mid}"' in page.text and f'href="/console/en/cases/{case_id}"' in page.text
    assert f'href="/console/en/notices/{wanted.url_id}"' in page.text
    table = page.text[page.text.index('id="links"'):]
    assert "concerns" in table and mid in table
    around = c.get(f"/console/ja/graph?around=case:{case_id}&depth=1")
    assert around.status_code == 200 and "リンク図" in around.text and mid not in around.text
    missing = c.get("/console/en/graph?around=case:JP-2026-E99999")
    assert missing.status_code == 200 and "Nothing called" in missing.text
    assert c.get("/console/en/graph?depth=9").status_code == 422


def test_statistics_show_tables_charts_and_the_services_csv(site: Site) -> None:
    wanted = publish_wanted(site.engine)
    mid = _from_france(site, wanted.entity_id)
    svc.answer_message(mid, {"body": "found"}, _uow(site), actor=OFFICER, now=datetime.now(UTC))
    c, _ = site.login("sato", purpose=None)
    page = c.get("/console/en/statistics")
    assert page.status_code == 200 and "Notices by year, type and country" in page.text
    assert page.text.count('<svg viewBox') >= 3 and "<desc id=" in page.text and "Red Notice" in page.text
    ja = c.get("/console/ja/statistics")
    assert "統計" in ja.text and "赤手配書" in ja.text
    whole = c.get("/console/en/statistics.csv")
    assert whole.headers["content-type"].startswith("text/csv")
    expected = tables_csv(svc.statistics(SqlUnitOfWork(site.engine, write=False), actor=OFFICER, today=_today()))
    assert whole.text == expected
    one = c.get("/console/en/statistics/notices.csv")
    assert one.text.splitlines()[0] == "year,type,country,notices" and ",red,JP,1" in one.text
    assert c.get("/console/en/statistics/nothing.csv").status_code == 404


# -- refusals -------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("path", ["/messages/new", "/messages/JP-2026-M00001/acknowledge",
                                  "/messages/JP-2026-M00001/answer", "/cases/JP-2026-E00001/advance",
                                  "/operations/JP-2026-O00001/timeline", "/operations/new", "/cases/new"])
def test_every_cooperation_form_is_refused_without_the_sessions_csrf_token(site: Site, path: str) -> None:
    c, _ = site.login("sato")
    before = len(site.events())
    for token in (None, "forged-token"):
        data = {"stage": "provisional_arrest", "note": "x", "subject": "x", "recipients": "FR", "name": "Pangea",
                "person": "IVANOV Ivan", "requesting": "FR", "requested": "JP", "located_on": "2026-01-05"}
        if token:
            data["csrf_token"] = token
        r = c.post(f"/console/en{path}", data=data, follow_redirects=False)
        assert r.status_code == 403 and "This form has expired" in alert(r.text), path
    assert len(site.events()) == before


def test_a_border_officer_is_refused_with_the_error_page_and_the_pages_need_a_login(site: Site) -> None:
    anonymous = site.client()
    for path in ("/messages", "/cases", "/operations", "/graph", "/statistics"):
        r = anonymous.get(f"/console/en{path}", follow_redirects=False)
        assert r.status_code == 303 and r.headers["location"].startswith("/console/en/login"), path
    c, csrf = site.login("tanaka", "ja")
    home = c.get("/console/ja/").text
    assert 'href="/console/ja/messages"' not in home
    for path in ("/messages", "/cases", "/operations", "/graph", "/statistics"):
        r = c.get(f"/console/ja{path}")
        assert r.status_code == 403 and "この操作は許可されていません" in r.text, path
    officer, _ = site.login("sato")
    assert 'href="/console/en/statistics"' in officer.get("/console/en/").text


def test_bad_addresses_get_a_page_never_a_500(site: Site) -> None:
    c, csrf = site.login("sato")
    for path in ("/messages/not-an-id", "/messages/JP-2026-M99999", "/cases/x", "/cases/JP-2026-E99999",
                 "/operations/%00", "/operations/JP-2026-O99999/report", "/messages?page=0",
                 "/messages?status=bogus", "/messages/JP-2026-M00001/attachments/x"):
        r = c.get(f"/console/en{path}", follow_redirects=False)
        assert 400 <= r.status_code < 500 or r.status_code == 200, path
        assert "<script>" not in r.text
    for path in ("/messages/JP-2026-M00001/explode", "/operations/JP-2026-O00001/nothing",
                 "/cases/JP-2026-E00001/advance"):
        r = c.post(f"/console/en{path}", data={"csrf_token": csrf, "stage": "x" * 5000})
        assert 400 <= r.status_code < 500, path


def test_dates_are_written_in_each_language(site: Site) -> None:
    wanted = publish_wanted(site.engine)
    mid = _from_france(site, wanted.entity_id)
    c, _ = site.login("sato")
    deadline = _today() + timedelta(days=7)
    en = c.get(f"/console/en/messages/{mid}").text
    ja = c.get(f"/console/ja/messages/{mid}").text
    assert re.search(rf"\w+ {deadline.day}, {deadline.year}", en)
    assert f"{deadline.year}年{deadline.month}月{deadline.day}日" in ja
