"""Users, logins with a second factor, sessions and program tokens, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import timedelta

import pyotp
import pytest
from sqlalchemy import Engine, select

from ncb.domain.access import Viewer
from ncb.domain.identity import Actor, LoginPolicy, Role
from ncb.errors import AuthenticationFailed, Conflict, PermissionDenied, ValidationError
from ncb.services import identity as svc
from ncb.storage.migrate import upgrade
from ncb.storage.tables import api_tokens, sessions, users
from ncb.storage.uow import SqlUnitOfWork
from tests.conftest import NOW

ADMIN = Actor("root", Viewer.public(), frozenset({Role.SYSTEM_ADMIN}))
JP_ADMIN = Actor("kato@JP", Viewer.bureau("JP"), frozenset({Role.NCB_ADMIN}))
PASSWORD = "correct horse battery staple"


@pytest.fixture
def uow(engine: Engine) -> SqlUnitOfWork:
    upgrade(engine)
    return SqlUnitOfWork(engine)


def officer(uow: SqlUnitOfWork, name: str = "sato") -> svc.NewUser:
    return svc.create_user(uow, actor=ADMIN, username=name, display_name="Sato Hanako", role=Role.NCB_OFFICER,
                           bureau="JP", password=PASSWORD, now=NOW)


def code_at(secret: str | None, when: object) -> str:
    assert secret
    return pyotp.TOTP(secret).at(when)  # type: ignore[arg-type]


def test_a_user_logs_in_with_password_and_code_and_the_hash_is_argon2(uow: SqlUnitOfWork, engine: Engine) -> None:
    new = officer(uow)
    assert new.totp_uri and new.totp_uri.startswith("otpauth://totp/NCB:sato?")
    done = svc.login(uow, username="Sato", password=PASSWORD, code=code_at(new.totp_secret, NOW), now=NOW)
    assert done.user.username == "sato" and done.user.actor().viewer == Viewer.bureau("JP")
    with engine.connect() as conn:
        stored = conn.execute(select(users.c.password_hash)).scalar_one()
        assert stored.startswith("$argon2id$") and PASSWORD not in stored
        kept = conn.execute(select(sessions.c.id_sha256)).scalar_one()
        assert kept != done.session_id and len(kept) == 64  # only the hash of the cookie's id
    user, _ = svc.session_user(uow, session_id=done.session_id, now=NOW + timedelta(minutes=29))
    assert user.username == "sato"


def test_a_code_cannot_be_used_twice(uow: SqlUnitOfWork) -> None:
    new = officer(uow)
    code = code_at(new.totp_secret, NOW)
    svc.login(uow, username="sato", password=PASSWORD, code=code, now=NOW)
    with pytest.raises(AuthenticationFailed, match="already used"):
        svc.login(uow, username="sato", password=PASSWORD, code=code, now=NOW + timedelta(seconds=5))
    later = NOW + timedelta(seconds=60)
    svc.login(uow, username="sato", password=PASSWORD, code=code_at(new.totp_secret, later), now=later)


def test_five_failures_lock_the_account_for_ten_minutes(uow: SqlUnitOfWork) -> None:
    new = officer(uow)
    for i in range(5):
        with pytest.raises(AuthenticationFailed, match="wrong username, password or code"):
            svc.login(uow, username="sato", password=f"wrong password {i}", code=None, now=NOW)
    good = code_at(new.totp_secret, NOW + timedelta(minutes=1))
    with pytest.raises(AuthenticationFailed, match="locked after 5 failed logins"):
        svc.login(uow, username="sato", password=PASSWORD, code=good, now=NOW + timedelta(minutes=1))
    after = NOW + timedelta(minutes=10, seconds=1)
    assert svc.login(uow, username="sato", password=PASSWORD, code=code_at(new.totp_secret, after), now=after)


def test_an_unknown_user_and_a_wrong_password_get_the_same_answer(uow: SqlUnitOfWork) -> None:
    officer(uow)
    with pytest.raises(AuthenticationFailed) as unknown:
        svc.login(uow, username="nobody", password=PASSWORD, code="123456", now=NOW)
    with pytest.raises(AuthenticationFailed) as wrong:
        svc.login(uow, username="sato", password="not the password at all", code="123456", now=NOW)
    assert str(unknown.value) == str(wrong.value)


def test_a_missing_code_is_asked_for(uow: SqlUnitOfWork) -> None:
    officer(uow)
    with pytest.raises(AuthenticationFailed, match="code from the authenticator app is needed"):
        svc.login(uow, username="sato", password=PASSWORD, code=None, now=NOW)


def test_sessions_lock_after_thirty_idle_minutes_and_a_new_login_ends_the_old_session(uow: SqlUnitOfWork) -> None:
    new = officer(uow)
    first = svc.login(uow, username="sato", password=PASSWORD, code=code_at(new.totp_secret, NOW), now=NOW)
    with pytest.raises(AuthenticationFailed, match="30 idle minutes"):
        svc.session_user(uow, session_id=first.session_id, now=NOW + timedelta(minutes=30))
    t = NOW + timedelta(minutes=31)
    second = svc.login(uow, username="sato", password=PASSWORD, code=code_at(new.totp_secret, t), now=t)
    t2 = t + timedelta(minutes=1)
    third = svc.login(uow, username="sato", password=PASSWORD, code=code_at(new.totp_secret, t2), now=t2)
    with pytest.raises(AuthenticationFailed, match="session ended"):
        svc.session_user(uow, session_id=second.session_id, now=t2)
    assert svc.session_user(uow, session_id=third.session_id, now=t2)[0].username == "sato"


def test_disabling_a_user_ends_their_sessions_at_once(uow: SqlUnitOfWork) -> None:
    new = officer(uow)
    done = svc.login(uow, username="sato", password=PASSWORD, code=code_at(new.totp_secret, NOW), now=NOW)
    svc.disable_user(uow, actor=JP_ADMIN, username="sato", now=NOW)
    with pytest.raises(AuthenticationFailed):
        svc.session_user(uow, session_id=done.session_id, now=NOW)
    later = NOW + timedelta(minutes=2)
    with pytest.raises(AuthenticationFailed, match="disabled"):
        svc.login(uow, username="sato", password=PASSWORD, code=code_at(new.totp_secret, later), now=later)


def test_resetting_the_second_factor_retires_the_old_secret(uow: SqlUnitOfWork) -> None:
    old = officer(uow)
    new = svc.reset_second_factor(uow, actor=ADMIN, username="sato", now=NOW)
    assert new.totp_secret != old.totp_secret
    with pytest.raises(AuthenticationFailed):
        svc.login(uow, username="sato", password=PASSWORD, code=code_at(old.totp_secret, NOW), now=NOW)
    t = NOW + timedelta(seconds=30)
    svc.login(uow, username="sato", password=PASSWORD, code=code_at(new.totp_secret, t), now=t)


def test_who_may_manage_whom(uow: SqlUnitOfWork) -> None:
    officer(uow)
    with pytest.raises(PermissionDenied, match="own bureau"):
        svc.create_user(uow, actor=JP_ADMIN, username="smith", display_name="J Smith", role=Role.NCB_OFFICER,
                        bureau="US", password=PASSWORD, now=NOW)
    with pytest.raises(PermissionDenied, match="only a system administrator may create a reviewer"):
        svc.create_user(uow, actor=JP_ADMIN, username="gs1", display_name="Reviewer", role=Role.REVIEWER,
                        password=PASSWORD, now=NOW)
    plain = Actor("sato@JP", Viewer.bureau("JP"))
    with pytest.raises(PermissionDenied, match="manage_users"):
        svc.list_users(uow, actor=plain)
    with pytest.raises(Conflict, match="already exists"):
        officer(uow)
    with pytest.raises(ValidationError, match="at least 15 characters"):
        svc.create_user(uow, actor=ADMIN, username="short", display_name="S", role=Role.NCB_OFFICER, bureau="JP",
                        password="short", now=NOW, policy=LoginPolicy())
    with pytest.raises(ValidationError, match="needs a bureau and an agency"):
        svc.create_user(uow, actor=ADMIN, username="mpd", display_name="MPD", role=Role.AGENCY_USER, bureau="JP",
                        password=PASSWORD, now=NOW)
    assert [u.username for u in svc.list_users(uow, actor=JP_ADMIN)] == ["sato"]


def test_tokens_are_shown_once_stored_hashed_scoped_expiring_and_revocable(uow: SqlUnitOfWork,
                                                                          engine: Engine) -> None:
    new = svc.create_token(uow, actor=JP_ADMIN, name="border gateway", roles=frozenset({Role.BORDER_OFFICER}),
                           now=NOW, days=30)
    assert new.secret.startswith(f"ncb_{new.token.id}_")
    with engine.connect() as conn:
        assert new.secret.split("_", 2)[2] not in str(conn.execute(select(api_tokens)).all())
    held = svc.token_holder(uow, presented=new.secret, now=NOW + timedelta(days=1))
    actor = held.actor()
    assert actor.roles == {Role.BORDER_OFFICER} and actor.viewer == Viewer.bureau("JP")
    with pytest.raises(AuthenticationFailed, match="unknown token"):
        svc.token_holder(uow, presented=new.secret[:-2] + "xx", now=NOW)
    with pytest.raises(AuthenticationFailed, match="expired"):
        svc.token_holder(uow, presented=new.secret, now=NOW + timedelta(days=30))
    svc.revoke_token(uow, actor=JP_ADMIN, token_id=new.token.id, now=NOW + timedelta(hours=1))
    with pytest.raises(AuthenticationFailed, match="revoked"):
        svc.token_holder(uow, presented=new.secret, now=NOW + timedelta(hours=2))
    with pytest.raises(AuthenticationFailed, match="not an NCB token"):
        svc.token_holder(uow, presented="Bearer nonsense", now=NOW)
    with pytest.raises(PermissionDenied):
        svc.create_token(uow, actor=JP_ADMIN, name="x", roles=frozenset({Role.SYSTEM_ADMIN}), now=NOW)


def test_an_agency_user_sees_only_the_published_types_its_administrator_granted(uow: SqlUnitOfWork) -> None:
    new = svc.create_user(uow, actor=JP_ADMIN, username="mpd1", display_name="MPD desk", role=Role.AGENCY_USER,
                          bureau="JP", agency="JP-TOKYO-MPD", password=PASSWORD, now=NOW)
    done = svc.login(uow, username="mpd1", password=PASSWORD, code=code_at(new.totp_secret, NOW), now=NOW)
    before, _ = svc.session_actor(uow, session_id=done.session_id, now=NOW)
    assert before.viewer.notice_types == frozenset()  # no grant: only its own requests
    svc.grant_agency(uow, actor=JP_ADMIN, agency="JP-TOKYO-MPD", notice_types=frozenset({"red", "yellow"}), now=NOW)
    after, _ = svc.session_actor(uow, session_id=done.session_id, now=NOW, purpose="case 12")
    assert after.viewer == Viewer.agency_of("JP", "JP-TOKYO-MPD", frozenset({"red", "yellow"}))
    assert after.purpose == "case 12"
    with pytest.raises(ValidationError, match="unknown notice types"):
        svc.grant_agency(uow, actor=JP_ADMIN, agency="JP-TOKYO-MPD", notice_types=frozenset({"scarlet"}), now=NOW)
    with pytest.raises(PermissionDenied, match="manage_agencies"):
        svc.grant_agency(uow, actor=Actor("x@JP", Viewer.bureau("JP")), agency="A", notice_types=frozenset(), now=NOW)
    assert [(a, t) for a, t, _, _ in svc.agency_grants(uow, actor=JP_ADMIN)] == [("JP-TOKYO-MPD",
                                                                                 frozenset({"red", "yellow"}))]


def test_logins_and_account_changes_are_in_the_audit_trail(uow: SqlUnitOfWork) -> None:
    from ncb.services import audit

    new = officer(uow)
    with pytest.raises(AuthenticationFailed):
        svc.login(uow, username="sato", password="not the password at all", code=None, now=NOW)
    with pytest.raises(AuthenticationFailed):
        svc.login(uow, username="hunter2-typed-here", password=PASSWORD, code=None, now=NOW)
    done = svc.login(uow, username="sato", password=PASSWORD, code=code_at(new.totp_secret, NOW), now=NOW)
    svc.logout(uow, session_id=done.session_id, now=NOW)
    svc.disable_user(uow, actor=JP_ADMIN, username="sato", now=NOW)
    events = audit.list_events(uow, actor=ADMIN, limit=20)
    seen = [(e["action"], e["object"], e["outcome"]) for e in reversed(events)]
    assert seen == [
        ("user.create", "user:sato", "ok: ncb_officer"),
        ("login", "user:sato", "refused: wrong username, password or code"),
        ("login", "login", "refused: unknown user"),
        ("login", "user:sato", "ok"),
        ("logout", "user:sato", "ok"),
        ("user.disable", "user:sato", "ok"),
    ]
    assert all("hunter2" not in str(e) for e in events)  # what was typed is only in the erasable payload
