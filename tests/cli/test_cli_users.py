"""``ncb users`` and ``ncb tokens`` end to end on both databases."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pyotp
import pytest
from click.testing import CliRunner, Result

from ncb.cli import main
from ncb.services import identity as svc
from ncb.storage.dialect import make_engine
from ncb.storage.uow import SqlUnitOfWork

PASSWORD = "a long enough pass phrase\n"


@pytest.fixture
def ncb(db_url: str):  # type: ignore[no-untyped-def]
    runner = CliRunner()

    def run(*args: str, stdin: str | None = None) -> Result:
        return runner.invoke(main, list(args), input=stdin, env={"NCB_DATABASE_URL": db_url, "NCB_BUREAU": "JP"},
                             catch_exceptions=False)

    return run


def test_an_administrator_creates_a_user_who_can_then_log_in(ncb, db_url: str) -> None:  # type: ignore[no-untyped-def]
    made = ncb("--role", "system_admin", "users", "create", "sato", "--name", "Sato Hanako", "--role", "ncb_officer",
               "--password-stdin", "--json", stdin=PASSWORD)
    assert made.exit_code == 0, made.output
    shown = json.loads(made.stdout)
    assert shown["bureau"] == "JP" and shown["totp_uri"].startswith("otpauth://totp/NCB:sato")
    assert "password" not in made.stdout.replace("password-stdin", "")
    engine = make_engine(db_url)
    now = datetime.now(UTC)
    done = svc.login(SqlUnitOfWork(engine), username="sato", password=PASSWORD.strip(),
                     code=pyotp.TOTP(shown["totp_secret"]).at(now), now=now)
    engine.dispose()
    assert done.user.role.value == "ncb_officer"
    listed = json.loads(ncb("--role", "ncb_admin", "users", "list", "--json").stdout)
    assert [u["username"] for u in listed] == ["sato"] and "password_hash" not in listed[0]
    table = ncb("--role", "ncb_admin", "users", "list")
    assert "Sato Hanako" in table.stdout and "active" in table.stdout
    assert ncb("--role", "ncb_admin", "users", "disable", "sato").exit_code == 0
    assert "disabled" in ncb("--role", "ncb_admin", "users", "list").stdout
    reset = ncb("--role", "ncb_admin", "users", "reset-2fa", "sato", "--json")
    assert json.loads(reset.stdout)["totp_secret"] != shown["totp_secret"]


def test_refusals_have_clear_messages_and_exit_codes(ncb) -> None:  # type: ignore[no-untyped-def]
    denied = ncb("users", "create", "x1", "--name", "X", "--role", "ncb_officer", "--password-stdin", stdin=PASSWORD)
    assert denied.exit_code == 7 and "manage_users" in denied.stderr
    short = ncb("--role", "system_admin", "users", "create", "x1", "--name", "X", "--role", "ncb_officer",
                "--password-stdin", stdin="short\n")
    assert short.exit_code == 3 and "at least 15 characters" in short.stderr
    unknown = ncb("--role", "system_admin", "users", "disable", "nobody")
    assert unknown.exit_code == 4 and "no user 'nobody'" in unknown.stderr
    bad_role = ncb("--role", "ncb_admin", "tokens", "create", "x", "--roles", "superuser")
    assert bad_role.exit_code == 3 and "unknown role 'superuser'" in bad_role.stderr


def test_a_token_is_printed_once_listed_without_its_secret_and_revoked(ncb) -> None:  # type: ignore[no-untyped-def]
    made = ncb("--role", "ncb_admin", "tokens", "create", "Narita gateway", "--roles", "border_officer", "--days",
               "30")
    assert made.exit_code == 0, made.output
    secret = made.stdout.strip()
    assert secret.startswith("ncb_")
    listed = ncb("--role", "ncb_admin", "tokens", "list", "--json")
    [token] = json.loads(listed.stdout)
    assert token["roles"] == ["border_officer"] and secret.split("_", 2)[2] not in listed.stdout
    assert ncb("--role", "ncb_admin", "tokens", "revoke", token["id"]).exit_code == 0
    [after] = json.loads(ncb("--role", "ncb_admin", "tokens", "list", "--json").stdout)
    assert after["revoked_at"] is not None


def test_an_administrator_grants_an_agency_notice_types(ncb) -> None:  # type: ignore[no-untyped-def]
    assert ncb("--role", "ncb_admin", "agencies", "grant", "JP-TOKYO-MPD", "--types", "red,yellow").exit_code == 0
    [grant] = json.loads(ncb("--role", "ncb_admin", "agencies", "list", "--json").stdout)
    assert grant["agency"] == "JP-TOKYO-MPD" and grant["notice_types"] == ["red", "yellow"]
    bad = ncb("--role", "ncb_admin", "agencies", "grant", "JP-TOKYO-MPD", "--types", "scarlet")
    assert bad.exit_code == 3 and "unknown notice types" in bad.stderr
