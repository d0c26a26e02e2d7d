"""What the console's tests share: people with their second-factor secrets, a clock the tests move, a published
Red Notice with a passport to screen against, logging in through the login form, and the console on each database
(the ``site`` fixture)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

import pyotp
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from ncb.domain.access import Viewer
from ncb.domain.identity import Actor, Role
from ncb.domain.notices import Decision, Notice
from ncb.matching.mrz import make_mrz_td3
from ncb.services import audit, identity
from ncb.services import notices as notice_service
from ncb.services.audit import SYSTEM, list_events
from ncb.storage.uow import SqlUnitOfWork

PASSWORD = "correct horse battery staple"
PEOPLE = {  # username: (role, bureau)
    "sato": (Role.NCB_OFFICER, "JP"),
    "suzuki": (Role.REVIEWER, None),
    "tanaka": (Role.BORDER_OFFICER, "JP"),
    "kato": (Role.NCB_ADMIN, "JP"),
    "dpo": (Role.DATA_PROTECTION_OFFICER, None),
}
OFFICER = Actor("sato@JP", Viewer.bureau("JP"), frozenset({Role.NCB_OFFICER}), "test setup")
REVIEWER = Actor("suzuki@GS", Viewer.general_secretariat(), frozenset({Role.REVIEWER}), "test setup")
WANTED = {"type": "red", "public_extract": True, "subject": {
    "kind": "person", "names": [{"name": "YAMADA", "forename": "Taro", "kind": "primary"},
                                {"full": "山田太郎", "kind": "original_script"}],
    "date_of_birth": "1980/04/16", "sex": "M", "nationalities": ["JP"],
    "identity_documents": [{"type": "passport", "number": "TK1234567", "issuing_country": "JP"}]},
    "warrants": [{"charge": "Fraud", "issuing_country": "JP", "max_penalty_months": 120, "law": "Penal Code Art. 246",
                  "reference": "2026-W-1"}],
    "facts": {"summary": "Defrauded 300 investors of 2 billion yen.", "place": "Tokyo", "country": "JP"}}
MRZ = make_mrz_td3(surname="YAMADA", given_names="TARO", document_number="TK1234567", nationality="JPN",
                   date_of_birth=date(1980, 4, 16), sex="M", expiry_date=date(2031, 1, 1))


@dataclass
class Clock:
    """The console's clock (``app.state.console.clock``): real time, moved forward by tests."""

    offset: timedelta = field(default=timedelta())

    def __call__(self) -> datetime:
        return datetime.now(UTC) + self.offset

    def advance(self, **delta: float) -> None:
        self.offset += timedelta(**delta)


def make_people(engine: Engine) -> dict[str, str]:
    """The users of :data:`PEOPLE`; returns each one's TOTP secret."""
    secrets: dict[str, str] = {}
    for username, (role, bureau) in PEOPLE.items():
        new = identity.create_user(SqlUnitOfWork(engine), actor=audit.SYSTEM, username=username,
                                   display_name=username.title(), role=role, password=PASSWORD,
                                   now=datetime.now(UTC), bureau=bureau)
        assert new.totp_secret is not None
        secrets[username] = new.totp_secret
    return secrets


def publish_wanted(engine: Engine) -> Notice:
    """A published Red Notice of Japan's, with the passport :data:`MRZ` reads."""
    now = datetime.now(UTC)
    draft = notice_service.create_notice(WANTED, SqlUnitOfWork(engine), actor=OFFICER, now=now)
    notice_service.submit_notice(draft.entity_id, SqlUnitOfWork(engine), actor=OFFICER, now=now)
    return notice_service.review_notice(draft.entity_id, Decision.APPROVE, SqlUnitOfWork(engine), actor=REVIEWER,
                                        now=now, reason="checked", exception_reason="a fraud of national scale")


def form_token(html: str, name: str = "csrf_token") -> str:
    m = re.search(rf'name="{name}" value="([^"]+)"', html)
    assert m, f"no {name} in the page"
    return m.group(1)


def log_in(client: TestClient, username: str, secret: str, clock: Clock, lang: str = "en") -> str:
    """Log in through the form; returns the session's CSRF token (from the dashboard's forms)."""
    page = client.get(f"/console/{lang}/login")
    r = client.post(f"/console/{lang}/login", data={
        "csrf_token": form_token(page.text), "username": username, "password": PASSWORD,
        "code": pyotp.TOTP(secret).at(clock())}, follow_redirects=False)
    assert r.status_code == 303, r.text
    return form_token(client.get(f"/console/{lang}/").text)


def state_purpose(client: TestClient, csrf: str, purpose: str = "case 2026-114", lang: str = "en") -> None:
    r = client.post(f"/console/{lang}/purpose", data={"csrf_token": csrf, "purpose": purpose,
                                                      "next": f"/console/{lang}/"}, follow_redirects=False)
    assert r.status_code == 303, r.text


@dataclass
class Site:
    app: FastAPI
    engine: Engine
    clock: Clock
    secrets: dict[str, str]
    clients: list[TestClient] = field(default_factory=list)

    def client(self) -> TestClient:
        c = TestClient(self.app)
        self.clients.append(c)
        return c

    def login(self, username: str, lang: str = "en", purpose: str | None = "case 2026-114") -> tuple[TestClient, str]:
        c = self.client()
        csrf = log_in(c, username, self.secrets[username], self.clock, lang)
        if purpose:
            state_purpose(c, csrf, purpose, lang)
        return c, csrf

    def events(self) -> list[dict[str, object]]:
        return list_events(SqlUnitOfWork(self.engine, write=False), actor=SYSTEM, limit=200)


def alert(html: str) -> str:
    found = re.findall(r'role="alert"[^>]*>(.*?)</(?:div|p|section)>', html, re.S)
    return " ".join(re.sub(r"<[^>]+>", " ", f) for f in found)
