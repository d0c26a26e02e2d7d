"""The officers' console over plain HTTP, on SQLite and PostgreSQL: every page and form, the login's refusals, the
idle lock, CSRF and permission refusals, the stated purpose in the audit trail, and bad input that never answers
500."""

from __future__ import annotations

import re
from collections.abc import Iterator

import httpx
import pyotp
import pytest
from babel.messages.pofile import read_po
from fastapi.testclient import TestClient

from ncb.domain.notices import NoticeStatus
from ncb.storage.audit import log_key
from ncb.storage.uow import SqlUnitOfWork
from ncb.web.console.i18n import LOCALES
from tests.web.console_support import (
    MRZ,
    PASSWORD,
    Site,
    alert,
    form_token,
    log_in,
    publish_wanted,
)

# -- logging in ---------------------------------------------------------------------------------------------

def test_the_login_page_shows_the_use_banner_before_the_form_in_both_languages(site: Site) -> None:
    c = site.client()
    for lang in ("en", "ja"):
        page = c.get(f"/console/{lang}/login")
        assert page.status_code == 200 and f'<html lang="{lang}">' in page.text
        assert page.text.index("Authorised use only") < page.text.index('name="password"')
    assert "6桁の確認コード" in c.get("/console/ja/login").text
    assert c.get("/console/", headers={"Accept-Language": "ja"}, follow_redirects=False).headers["location"] \
        == "/console/ja/"


def test_an_officer_logs_in_sees_what_the_role_allows_and_logs_out(site: Site) -> None:
    c, csrf = site.login("sato", purpose=None)
    home = c.get("/console/en/")
    assert "Logged in as sato@JP" in home.text and "NCB officer" in home.text
    assert 'href="/console/en/notices"' in home.text and 'href="/console/en/screening"' in home.text
    assert 'href="/console/en/review"' not in home.text and 'href="/console/en/admin/users"' not in home.text
    out = c.post("/console/en/logout", data={"csrf_token": csrf}, follow_redirects=False)
    assert out.status_code == 303 and out.headers["location"] == "/console/en/login?reason=logged_out"
    assert "You have logged out." in c.get(out.headers["location"]).text
    again = c.get("/console/en/", follow_redirects=False)
    assert again.status_code == 303 and again.headers["location"].startswith("/console/en/login")


def _post_login(c: TestClient, username: str, password: str, code: str, lang: str = "en") -> httpx.Response:
    page = c.get(f"/console/{lang}/login")
    return c.post(f"/console/{lang}/login", data={"csrf_token": form_token(page.text), "username": username,
                                                  "password": password, "code": code}, follow_redirects=False)


def test_wrong_credentials_a_replayed_code_and_a_locked_account_are_refused_with_clear_messages(site: Site) -> None:
    c = site.client()
    code = pyotp.TOTP(site.secrets["sato"]).at(site.clock())
    r = _post_login(c, "sato", "not the password at all", code)
    assert r.status_code == 401 and "Wrong username, password or code." in alert(r.text)
    r = _post_login(c, "nobody", PASSWORD, code)
    assert r.status_code == 401 and "Wrong username, password or code." in alert(r.text)
    assert _post_login(c, "sato", PASSWORD, code).status_code == 303
    replay = _post_login(site.client(), "sato", PASSWORD, code, "ja")
    assert replay.status_code == 401
    assert "このコードはすでに使われています" in alert(replay.text)
    for _ in range(5):
        _post_login(c, "tanaka", "wrong wrong wrong wrong", "000000")
    locked = _post_login(c, "tanaka", PASSWORD, pyotp.TOTP(site.secrets["tanaka"]).at(site.clock()))
    assert locked.status_code == 401
    assert "This account is locked after too many failed logins" in alert(locked.text)


def test_a_login_without_the_form_token_is_refused(site: Site) -> None:
    c = site.client()
    r = c.post("/console/en/login", data={"username": "sato", "password": PASSWORD,
                                          "code": pyotp.TOTP(site.secrets["sato"]).at(site.clock())},
               follow_redirects=False)
    assert r.status_code == 403 and "This form has expired" in alert(r.text)
    assert "ncb_session" not in r.headers.get("set-cookie", "")


def test_after_30_idle_minutes_a_page_goes_back_to_the_login_page_with_a_message(site: Site) -> None:
    c, _ = site.login("sato")
    assert c.get("/console/en/notices").status_code == 200
    site.clock.advance(minutes=29)
    assert c.get("/console/en/notices").status_code == 200  # used again: the idle time starts over
    site.clock.advance(minutes=30, seconds=1)
    r = c.get("/console/en/notices", follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/console/en/login?reason=idle&next=/console/en/notices"
    page = c.get(r.headers["location"])
    assert "Your session was locked after 30 minutes without use." in page.text
    assert 'name="next" value="/console/en/notices"' in page.text


def test_pages_need_a_login(site: Site) -> None:
    c = site.client()
    for path in ("/", "/notices", "/notices/new", "/review", "/screening", "/screening/lists", "/hits",
                 "/admin/users", "/admin/agencies", "/admin/audit", "/purpose"):
        r = c.get(f"/console/ja{path}", follow_redirects=False)
        assert r.status_code == 303 and r.headers["location"].startswith("/console/ja/login"), path


# -- CSRF and permissions -----------------------------------------------------------------------------------

@pytest.mark.parametrize("path", ["/logout", "/purpose", "/notices/new", "/screening", "/hits/1", "/admin/users",
                                  "/admin/agencies", "/admin/audit/verify", "/admin/users/tanaka/disable"])
def test_every_form_is_refused_without_the_sessions_csrf_token(site: Site, path: str) -> None:
    c, _ = site.login("kato")
    before = len(site.events())
    for token in (None, "forged-token"):
        data = {"purpose": "x", "names": "Taro Yamada", "type": "red", "name": "X", "agency": "a"}
        if token:
            data["csrf_token"] = token
        r = c.post(f"/console/en{path}", data=data, follow_redirects=False)
        assert r.status_code == 403 and "This form has expired" in alert(r.text), path
    assert len(site.events()) == before  # nothing was done
    assert c.get("/console/en/", follow_redirects=False).status_code == 200  # still logged in


def test_a_border_officer_cannot_open_the_review_queue_nor_the_administration(site: Site) -> None:
    c, csrf = site.login("tanaka", "ja")
    for path in ("/review", "/admin/users", "/admin/audit", "/notices/new"):
        r = c.get(f"/console/ja{path}")
        assert r.status_code == 403 and "あなたの役割ではこのページを使えません" in r.text, path
    r = c.post("/console/ja/review/2026-00001", data={"csrf_token": csrf, "decision": "approve"})
    assert r.status_code == 403
    officer, _ = site.login("sato")
    assert officer.get("/console/en/review").status_code == 403
    assert officer.get("/console/en/admin/users").status_code == 403


def test_reading_files_asks_for_a_purpose_first_and_the_audit_trail_records_it(site: Site) -> None:
    c, csrf = site.login("sato", purpose=None)
    r = c.get("/console/en/notices", follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/console/en/purpose?next=/console/en/notices"
    empty = c.post("/console/en/purpose", data={"csrf_token": csrf, "purpose": "  ", "next": "/console/en/notices"})
    assert empty.status_code == 422 and "Say why you are consulting" in alert(empty.text)
    away = c.post("/console/en/purpose", data={"csrf_token": csrf, "purpose": "事件 2026-114",
                                               "next": "https://evil.example/"}, follow_redirects=False)
    assert away.headers["location"] == "/console/en/"  # never away from the console
    page = c.get("/console/en/notices")
    assert page.status_code == 200 and "事件 2026-114" in page.text
    listed = [e for e in site.events() if e["action"] == "notice.list"]
    assert listed and listed[0]["purpose"] == "事件 2026-114" and listed[0]["actor"] == "sato@JP"


# -- notice requests and their review -----------------------------------------------------------------------

def test_a_draft_is_refused_with_errors_beside_the_fields_then_created_edited_and_submitted(site: Site) -> None:
    c, csrf = site.login("sato")
    bad = c.post("/console/en/notices/new", data={"csrf_token": csrf, "type": "red", "date_of_birth": "16/04/1980",
                                                   "nationalities": "JP, QQ", "max_penalty_months": "ten"})
    assert bad.status_code == 422
    for name, words in (("name", "Give the family name or the forename"), ("date_of_birth", "YYYY/MM/DD"),
                        ("nationalities", "“QQ” is not a country code"), ("max_penalty_months", "whole number")):
        assert re.search(rf'id="f-{name}"[^>]*aria-invalid="true"', bad.text) or \
            re.search(rf'id="f-{name}"[^>]*aria-describedby="[^"]*e-{name}', bad.text), name
        assert re.search(rf'<p class="error" id="e-{name}">[^<]*{re.escape(words)}', bad.text), name
    assert 'value="16/04/1980"' in bad.text  # what was typed is kept
    with SqlUnitOfWork(site.engine, write=False) as uow:
        assert uow.notices.count() == 0  # nothing stored from a refused form
    made = c.post("/console/en/notices/new", data={
        "csrf_token": csrf, "type": "red", "name": "YAMADA", "forename": "Taro", "date_of_birth": "1980/04/16",
        "sex": "M", "nationalities": "jp", "charge": "Fraud", "warrant_country": "JP", "max_penalty_months": "6",
        "restriction_mode": "none"}, follow_redirects=False)
    assert made.status_code == 303
    page = c.get(made.headers["location"])
    assert "The draft was saved." in page.text and "Compliance findings" in page.text
    assert "finding-" in page.text  # six months is under the penalty threshold, minimum data missing
    url = made.headers["location"].split("?")[0]
    edited = c.post(url, data={"csrf_token": csrf, "type": "red", "name": "YAMADA", "forename": "Taro",
                               "date_of_birth": "1980/04/16", "sex": "M", "nationalities": "JP", "charge": "Fraud",
                               "warrant_country": "JP", "max_penalty_months": "120",
                               "facts_summary": "Defrauded investors.", "restriction_mode": "deny",
                               "restriction_countries": "CN"}, follow_redirects=False)
    assert edited.status_code == 303 and edited.headers["location"].endswith("done=saved")
    submitted = c.post(url + "/submit", data={"csrf_token": csrf}, follow_redirects=False)
    assert submitted.status_code == 303
    page = c.get(submitted.headers["location"])
    assert "The request was submitted for review." in page.text and "status-submitted" in page.text
    assert 'name="type"' not in page.text  # no longer editable
    again = c.post(url, data={"csrf_token": csrf, "type": "red", "name": "X"})
    assert again.status_code == 409 and "only a draft can be edited" in again.text
    listing = c.get("/console/en/notices?status=submitted")
    assert "YAMADA" in listing.text and "1 notice" in listing.text


def test_a_reviewer_sees_findings_and_history_and_approves_refuses_or_asks_for_more(site: Site) -> None:
    officer, ocsrf = site.login("sato")
    ids = []
    for name in ("ONE", "TWO", "THREE"):
        r = officer.post("/console/en/notices/new", data={
            "csrf_token": ocsrf, "type": "red", "name": name, "forename": "Taro", "sex": "M", "nationalities": "JP",
            "charge": "Fraud", "warrant_country": "JP", "max_penalty_months": "120", "law": "Penal Code",
            "facts_summary": "Defrauded investors.", "restriction_mode": "none"}, follow_redirects=False)
        url = r.headers["location"].split("?")[0]
        officer.post(url + "/submit", data={"csrf_token": ocsrf})
        ids.append(url.rsplit("/", 1)[1])
    c, csrf = site.login("suzuki", "ja")
    queue = c.get("/console/ja/review")
    assert queue.status_code == 200 and all(i.replace("-", "/") in queue.text for i in ids)
    page = c.get(f"/console/ja/review/{ids[0]}")
    assert "規則適合性の指摘" in page.text and "履歴" in page.text and "sato@JP" in page.text
    no_reason = c.post(f"/console/ja/review/{ids[1]}", data={"csrf_token": csrf, "decision": "refuse"})
    assert no_reason.status_code == 422 and "この判断の理由を入力してください" in no_reason.text
    no_choice = c.post(f"/console/ja/review/{ids[1]}", data={"csrf_token": csrf, "reason": "x"})
    assert no_choice.status_code == 422
    blocked = c.post(f"/console/ja/review/{ids[0]}", data={"csrf_token": csrf, "decision": "approve",
                                                           "reason": "checked"})
    assert blocked.status_code == 409 and "承認を妨げる指摘があります" in blocked.text
    approved = c.post(f"/console/ja/review/{ids[0]}", data={
        "csrf_token": csrf, "decision": "approve", "reason": "checked",
        "exception_reason": "a fraud of national scale"}, follow_redirects=False)
    assert approved.status_code == 303 and "手配書を承認しました" in c.get(approved.headers["location"]).text
    refused = c.post(f"/console/ja/review/{ids[1]}", data={"csrf_token": csrf, "decision": "refuse",
                                                           "reason": "a private dispute"}, follow_redirects=False)
    asked = c.post(f"/console/ja/review/{ids[2]}", data={"csrf_token": csrf, "decision": "request_info",
                                                         "reason": "send the warrant"}, follow_redirects=False)
    assert refused.status_code == asked.status_code == 303
    with SqlUnitOfWork(site.engine, write=False) as uow:
        statuses = [uow.notices.get(i.replace("-", "/")).status for i in ids]  # type: ignore[union-attr]
    assert statuses[0] is NoticeStatus.PUBLISHED and statuses[1] is NoticeStatus.REFUSED
    assert statuses[2] is NoticeStatus.DRAFT  # back to its bureau for more
    history = officer.get(f"/console/en/notices/{ids[2]}")
    assert "more information asked" in history.text and "send the warrant" in history.text


# -- screening ----------------------------------------------------------------------------------------------

def test_a_traveller_is_checked_by_mrz_or_by_names_and_each_hit_is_explained(site: Site) -> None:
    notice = publish_wanted(site.engine)
    c, csrf = site.login("tanaka")
    r = c.post("/console/en/screening", data={"csrf_token": csrf, "mrz": MRZ})
    assert r.status_code == 200 and "1 hit" in r.text
    assert f"Notice {notice.entity_id}" in r.text
    assert "The document number is exactly the same" in r.text and "The dates of birth are the same day." in r.text
    ja = c.post("/console/ja/screening", data={"csrf_token": csrf, "names": "山田太郎", "date_of_birth": "1980/04/16",
                                               "nationality": "JP", "sex": "M"})
    assert ja.status_code == 200 and "該当1件" in ja.text and "生年月日が同じ日です" in ja.text
    nobody = c.post("/console/en/screening", data={"csrf_token": csrf, "names": "Zzyzx Quorble"})
    assert "No hit" in nobody.text
    for data, words in (({}, "Type at least one name"), ({"mrz": "P<UTOERIKSSON<<ANNA"}, "This MRZ cannot be read"),
                        ({"names": "Taro", "date_of_birth": "sometime"}, "Write the date"),
                        ({"names": "Taro", "nationality": "ZZ"}, "two-letter country code")):
        bad = c.post("/console/en/screening", data={"csrf_token": csrf, **data})
        assert bad.status_code == 422 and words in alert(bad.text), data
    checks = [e for e in site.events() if e["action"] == "screening.check"]
    assert len(checks) == 3 and checks[0]["purpose"] == "case 2026-114"


def test_a_passenger_list_is_screened_in_the_background_with_progress_and_results(site: Site) -> None:
    publish_wanted(site.engine)
    c, csrf = site.login("tanaka")
    assert c.get("/console/en/screening/lists").status_code == 200
    csv_text = ("id,name,date_of_birth,nationality,sex,document_number,mrz\n"
                "p1,Taro Yamada,1980/04/16,JP,M,,\n"
                "p2,Hanako Suzuki,1990/01/01,JP,F,,\n"
                "p3,,,,,,\n"
                f"p4,,,,,,\"{MRZ}\"\n")
    r = c.post("/console/en/screening/lists", data={"csrf_token": csrf},
               files={"file": ("passengers.csv", csv_text.encode(), "text/csv")}, follow_redirects=False)
    assert r.status_code == 303
    job_id = r.headers["location"].rsplit("/", 1)[1]
    job = site.app.state.console.jobs.get(job_id, "tanaka@JP")
    assert job is not None and job.total == 4
    job.thread.join()
    page = c.get(r.headers["location"])
    assert "Done: 4 of 4 travellers screened." in page.text and 'http-equiv="refresh"' not in page.text
    assert "2 hits" in page.text and "1 record could not be screened" in page.text
    download = c.get(r.headers["location"] + "/results.csv")
    assert download.status_code == 200 and download.headers["content-type"].startswith("text/csv")
    lines = download.text.strip().splitlines()
    assert lines[0].startswith("record,input_id") and len(lines) == 4
    other, _ = site.login("kato")
    assert other.get(r.headers["location"]).status_code == 404  # someone else's list
    jsonl = b'{"id": "j1", "name": "Taro Yamada", "date_of_birth": "1980/04/16"}\nnot json\n'
    r = c.post("/console/en/screening/lists", data={"csrf_token": csrf},
               files={"file": ("list.jsonl", jsonl, "application/x-ndjson")}, follow_redirects=False)
    job = site.app.state.console.jobs.get(r.headers["location"].rsplit("/", 1)[1], "tanaka@JP")
    assert job is not None
    job.thread.join()
    assert len(job.hits) == 1 and len(job.problems) == 1
    for name, content in (("empty.csv", b""), ("bad.csv", b"\xff\xfe\x00garbage"), ("cols.csv", b"a,b\n1,2\n")):
        bad = c.post("/console/en/screening/lists", data={"csrf_token": csrf},
                     files={"file": (name, content, "text/csv")})
        assert bad.status_code == 422 and "This list cannot be screened" in alert(bad.text), name


def test_the_progress_page_refreshes_itself_while_the_list_is_screened(site: Site) -> None:
    from ncb.web.console.jobs import Job

    c, _ = site.login("tanaka")
    jobs = site.app.state.console.jobs
    job = Job("running-job", "tanaka@JP", "big.csv", 100, site.clock(), done=40)
    jobs._jobs[job.id] = job  # a job still running, as a slow one would be
    page = c.get("/console/en/screening/lists/running-job")
    assert '<meta http-equiv="refresh" content="2">' in page.text and "40 of 100 travellers screened" in page.text
    assert '<progress max="100" value="40"' in page.text
    assert c.get("/console/en/screening/lists/running-job/results.csv").status_code == 409


def test_the_hit_queue_shows_explanations_and_each_hit_is_confirmed_or_dismissed_with_a_reason(site: Site) -> None:
    publish_wanted(site.engine)
    c, csrf = site.login("tanaka")
    c.post("/console/en/screening", data={"csrf_token": csrf, "mrz": MRZ})
    c.post("/console/en/screening", data={"csrf_token": csrf, "names": "Taro Yamada"})
    queue = c.get("/console/en/hits")
    ids = [int(i) for i in re.findall(r'id="hit-(\d+)"', queue.text)]
    assert len(ids) == 2 and "Why it matched" in queue.text and "TK" in queue.text
    no_reason = c.post(f"/console/en/hits/{ids[0]}", data={"csrf_token": csrf, "decision": "confirmed"})
    assert no_reason.status_code == 422 and "Give the reason for your decision." in no_reason.text
    done = c.post(f"/console/en/hits/{ids[0]}", data={"csrf_token": csrf, "decision": "confirmed",
                                                       "reason": "passport seen at the desk"}, follow_redirects=False)
    assert done.status_code == 303 and "The hit was confirmed." in c.get(done.headers["location"]).text
    c.post(f"/console/en/hits/{ids[1]}", data={"csrf_token": csrf, "decision": "dismissed", "reason": "other DOB"})
    twice = c.post(f"/console/en/hits/{ids[1]}", data={"csrf_token": csrf, "decision": "confirmed", "reason": "x"})
    assert twice.status_code == 409 and "already" in twice.text
    assert c.post("/console/en/hits/999999", data={"csrf_token": csrf, "decision": "confirmed",
                                                    "reason": "x"}).status_code == 404
    decided = c.get("/console/en/hits?status=all")
    assert "passport seen at the desk" in decided.text and "status-dismissed" in decided.text


# -- administration -----------------------------------------------------------------------------------------

def test_an_administrator_creates_a_user_whose_secret_is_shown_once_then_disables_and_resets_it(site: Site) -> None:
    c, csrf = site.login("kato", purpose=None)
    short = c.post("/console/en/admin/users", data={"csrf_token": csrf, "username": "ito", "display_name": "Ito",
                                                     "role": "border_officer", "bureau": "JP", "password": "short"})
    assert short.status_code == 422 and 'id="e-password"' in short.text
    reviewer = c.post("/console/en/admin/users", data={"csrf_token": csrf, "username": "ito", "display_name": "Ito",
                                                        "role": "reviewer", "password": PASSWORD})
    assert reviewer.status_code == 403  # an NCB administrator makes only its bureau's users
    made = c.post("/console/en/admin/users", data={"csrf_token": csrf, "username": "ito", "display_name": "Ito",
                                                    "role": "border_officer", "bureau": "JP", "password": PASSWORD,
                                                    "second_factor": "1"})
    assert made.status_code == 200 and made.headers["cache-control"] == "no-store"
    secret = form_secret(made.text)
    assert secret not in c.get("/console/en/admin/users").text  # shown once
    new = site.client()
    log_in(new, "ito", secret, site.clock)
    disabled = c.post("/console/en/admin/users/ito/disable", data={"csrf_token": csrf}, follow_redirects=False)
    assert disabled.status_code == 303
    assert new.get("/console/en/", follow_redirects=False).headers["location"].startswith("/console/en/login")
    c.post("/console/en/admin/users/ito/enable", data={"csrf_token": csrf})
    reset = c.post("/console/en/admin/users/ito/reset-2fa", data={"csrf_token": csrf})
    assert form_secret(reset.text) != secret
    missing = c.post("/console/en/admin/users/nobody/disable", data={"csrf_token": csrf})
    assert missing.status_code == 404


def form_secret(html: str) -> str:
    m = re.search(r'id="totp-secret">([A-Z2-7]+)<', html)
    assert m, "no secret shown"
    return m.group(1)


def test_agency_grants_are_set_and_listed(site: Site) -> None:
    c, csrf = site.login("kato", "ja", purpose=None)
    r = c.post("/console/ja/admin/agencies", data={"csrf_token": csrf, "agency": "tokyo-mpd", "type_red": "1",
                                                   "type_yellow": "1"}, follow_redirects=False)
    assert r.status_code == 303
    page = c.get(r.headers["location"])
    assert "tokyo-mpd" in page.text and "赤手配書, 黄手配書" in page.text and "kato@JP" in page.text
    bad = c.post("/console/ja/admin/agencies", data={"csrf_token": csrf, "agency": "x" * 80})
    assert bad.status_code == 422 and "機関IDを入力してください" in bad.text


def test_the_audit_trail_lists_recent_events_and_verifies(site: Site) -> None:
    c, csrf = site.login("kato", purpose=None)
    page = c.get("/console/en/admin/audit")
    assert page.status_code == 200 and "Recent events" in page.text
    no_key = c.post("/console/en/admin/audit/verify", data={"csrf_token": csrf})
    assert no_key.status_code == 409 and "no audit key yet" in no_key.text
    log_key(site.app.state.settings, create=True)
    verified = c.post("/console/en/admin/audit/verify", data={"csrf_token": csrf})
    assert verified.status_code == 200 and "The log verifies" in verified.text
    dpo, _ = site.login("dpo", purpose=None)
    assert dpo.get("/console/en/admin/audit").status_code == 200
    assert dpo.get("/console/en/admin/users").status_code == 403
    assert c.get("/console/en/admin/audit?before=abc").status_code == 422


# -- bad input ----------------------------------------------------------------------------------------------

def test_bad_input_gets_a_page_never_a_500(site: Site) -> None:
    c, csrf = site.login("kato")
    gets = ["/console/xx/", "/console/en/nowhere", "/console/en/notices/not-an-id", "/console/en/notices/2026-99999",
            "/console/en/notices?page=0", "/console/en/notices?page=abc", "/console/en/notices?status=bogus",
            "/console/en/review/%00", "/console/en/hits?status=nonsense", "/console/en/screening/lists/x" * 3,
            "/console/en/purpose?next=//evil.example", "/console/en/login?reason=<script>",
            "/console/en/admin/audit?before=99999999999999999999"]
    for path in gets:
        r = c.get(path, follow_redirects=False)
        assert r.status_code < 500, path
        assert "<script>" not in r.text, path
    posts: list[tuple[str, dict[str, str]]] = [
        ("/console/en/notices/new", {"type": "purple-ish", "name": "A" * 5000}),
        ("/console/en/notices/new", {"type": "red", "name": "X", "public_extract": "1", "restriction_mode": "allow"}),
        ("/console/en/notices/new", {"type": "blue", "name": "X", "public_extract": "1"}),
        ("/console/en/notices/2026-99999", {"type": "red", "name": "X"}),
        ("/console/en/notices/2026-99999/submit", {}),
        ("/console/en/hits/abc", {"decision": "confirmed", "reason": "r"}),
        ("/console/en/hits/99999999999999999999999", {"decision": "confirmed", "reason": "r"}),
        ("/console/en/screening", {"names": "\x00\x01", "sex": "Q"}),
        ("/console/en/screening", {"mrz": "x" * 900}),
        ("/console/en/admin/users", {"username": "!", "role": "emperor"}),
        ("/console/en/admin/users", {"username": "!", "role": "ncb_officer", "bureau": "ZZ", "password": PASSWORD}),
        ("/console/en/admin/users/%20/reset-2fa", {}),
    ]
    for path, data in posts:
        r = c.post(path, data={"csrf_token": csrf, **data}, follow_redirects=False)
        assert 400 <= r.status_code < 500, (path, r.status_code)
    huge = c.post("/console/en/notices/new", content=b"a=" + b"x" * 300_000,
                  headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert huge.status_code == 413

    def streamed() -> Iterator[bytes]:
        yield b"--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.csv\"\r\n\r\n"
        yield b"name\nTaro\n\r\n--b--\r\n"

    unsized = c.post("/console/en/screening/lists", content=streamed(),
                     headers={"Content-Type": "multipart/form-data; boundary=b"})
    assert unsized.status_code == 411  # an upload of unstated size is not spooled
    with SqlUnitOfWork(site.engine, write=False) as uow:
        assert uow.notices.count() == 0


def test_pages_load_only_their_own_stylesheet_and_carry_the_strict_policy(site: Site) -> None:
    c, _ = site.login("sato")
    page = c.get("/console/en/notices/new")
    assert "<script" not in page.text and "style=" not in page.text
    assert re.findall(r'(?:href|src)="(https?:)?//', page.text) == []
    assert "default-src 'self'" in page.headers["content-security-policy"]
    assert c.get("/static/console/console.css").status_code == 200


def test_the_japanese_catalogue_has_every_message_translated() -> None:
    with (LOCALES / "ja" / "LC_MESSAGES" / "console.po").open("rb") as fh:
        catalog = read_po(fh, locale="ja")
    untranslated = [m.id for m in catalog if m.id and (m.fuzzy or not (
        m.string if isinstance(m.string, str) else all(m.string)))]
    assert untranslated == []
    assert len(catalog) > 300
