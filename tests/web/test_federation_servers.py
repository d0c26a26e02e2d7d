"""Three real instances (JP, FR, US) on loopback, each with its own database and key: notices go out through
the outbox, one partner is stopped mid-exchange and started again, and everything arrives once."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import pytest

from ncb.domain.documents import notice_to_dict
from ncb.domain.notices import NoticeStatus
from tests.builders import make_notice
from tests.cli.test_serve import free_port

TOKEN = "federation-test-token-0123456789"


@dataclass
class Server:
    bureau: str
    folder: Path
    port: int = field(default_factory=free_port)
    proc: subprocess.Popen[bytes] | None = None

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def database(self) -> Path:
        return self.folder / f"{self.bureau}.db"

    def start(self) -> None:
        env = {**os.environ, "NCB_DATABASE_URL": f"sqlite:///{self.database}", "NCB_BUREAU": self.bureau,
               "NCB_API_TOKEN": TOKEN, "NCB_FEDERATION_DELIVER_SECONDS": "1", "NCB_PUBLIC_RATE_PER_MINUTE": "0"}
        self.proc = subprocess.Popen([sys.executable, "-m", "ncb", "serve", "--port", str(self.port)], env=env,
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=self.folder)
        wait_for(lambda: httpx.get(f"{self.base}/health", timeout=2).status_code == 200, 30, self.proc)

    def stop(self) -> None:
        if self.proc is not None:
            self.proc.terminate()
            self.proc.wait(timeout=15)
            self.proc = None

    def api(self, method: str, path: str, role: str = "ncb_officer", **kw: object) -> httpx.Response:
        headers = {"Authorization": f"Bearer {TOKEN}", "X-NCB-Act-As": f"bureau:{self.bureau}", "X-NCB-Role": role,
                   "X-NCB-Purpose": "federation test"}
        return httpx.request(method, f"{self.base}{path}", headers=headers, timeout=10, **kw)  # type: ignore[arg-type]

    def has_notice(self, entity_id: str) -> bool:
        return self.api("GET", f"/api/notices/{entity_id.replace('/', '-')}").status_code == 200

    def inbox_ids(self) -> list[str]:
        with sqlite3.connect(self.database) as conn:
            return [r[0] for r in conn.execute("SELECT id FROM federation_inbox")]


def wait_for(check: Callable[[], bool], seconds: float, proc: subprocess.Popen[bytes] | None = None) -> None:
    deadline = time.monotonic() + seconds
    while True:
        try:
            if check():
                return
        except httpx.TransportError:
            pass
        if time.monotonic() > deadline or (proc is not None and proc.poll() is not None):
            raise AssertionError(f"not true after {seconds} s: {check}")
        time.sleep(0.3)


@pytest.fixture
def servers(tmp_path: Path) -> Iterator[dict[str, Server]]:
    found = {code: Server(code, tmp_path) for code in ("JP", "FR", "US")}
    try:
        for s in found.values():
            s.start()
        keys = {code: s.api("GET", "/federation/v1/key").json()["public_key"] for code, s in found.items()}
        for s in found.values():
            for code, other in found.items():
                if code != s.bureau:
                    r = s.api("PUT", "/api/federation/partners", role="system_admin",
                              json={"code": code, "base_url": other.base, "public_key": keys[code]})
                    assert r.status_code == 200, r.text
        yield found
    finally:
        for s in found.values():
            s.stop()


@pytest.mark.xdist_group("servers")
def test_notices_reach_partners_and_a_partner_down_gets_everything_once_when_back(
        servers: dict[str, Server]) -> None:
    jp, fr, us = servers["JP"], servers["FR"], servers["US"]
    for n in range(1, 4):
        doc = notice_to_dict(make_notice(entity_id=f"2026/0000{n}", status=NoticeStatus.PUBLISHED))
        imported = jp.api("POST", "/api/imports", json=doc)
        assert imported.status_code == 200, imported.text
    for to in ("FR", "US"):
        sent = jp.api("POST", "/api/federation/send-notice", json={"entity_id": "2026/00001", "to": to})
        assert sent.status_code == 202, sent.text
    wait_for(lambda: fr.has_notice("2026/00001") and us.has_notice("2026/00001"), 30)

    fr.stop()
    for n in (2, 3):
        assert jp.api("POST", "/api/federation/send-notice", json={"entity_id": f"2026/0000{n}", "to": "FR"}
                      ).status_code == 202
    wait_for(lambda: any(i["last_error"] for i in jp.api("GET", "/api/federation/outbox").json()), 30)
    fr.start()
    wait_for(lambda: fr.has_notice("2026/00002") and fr.has_notice("2026/00003"), 60)
    wait_for(lambda: all(i["delivered_at"] for i in jp.api("GET", "/api/federation/outbox").json()), 30)
    assert len(fr.inbox_ids()) == len(set(fr.inbox_ids())) == 3
    assert len(us.inbox_ids()) == 1
    # A replay of a delivered envelope changes nothing; a malformed one is refused, naming the field.
    with sqlite3.connect(jp.database) as conn:
        envelope, signature = conn.execute("SELECT envelope, signature FROM federation_outbox "
                                           "WHERE recipient = 'FR' LIMIT 1").fetchone()
    replay = httpx.post(f"{fr.base}/federation/v1/inbox", json={"envelope": json.loads(envelope),
                                                                "signature": signature}, timeout=5)
    assert replay.status_code == 200 and replay.json()["status"] == "duplicate"
    assert len(fr.inbox_ids()) == 3
    bad = httpx.post(f"{fr.base}/federation/v1/inbox", json={"envelope": {}, "signature": ""}, timeout=5)
    assert bad.status_code == 422 and bad.json()["field"] == "envelope.id"
