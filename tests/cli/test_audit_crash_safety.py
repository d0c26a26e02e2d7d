"""A process killed at random points while it reads, changes and lists notices (each act appending its audit
event in the act's transaction) leaves no half-written entry: the seqs have no gap, every payload and
subject belongs to a stored entry, every tile is right, each change and its event are both stored or both
absent, and after a restart ``ncb audit checkpoint`` and ``ncb audit verify`` pass."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select

from ncb.audit.entries import event_from_leaf, personal_data_hash
from ncb.audit.merkle import MerkleTree, leaf_hash
from ncb.audit.tiles import TILE_SIZE
from ncb.domain.access import Viewer
from ncb.domain.identity import Actor
from ncb.domain.notices import Action, NoticeStatus
from ncb.domain.search import NoticeFilter
from ncb.services import notices as svc
from ncb.storage.dialect import make_engine
from ncb.storage.tables import audit_log, audit_payloads, audit_subjects, audit_tiles, notice_transitions
from ncb.storage.uow import SqlUnitOfWork
from tests.builders import make_notice

ROOT = Path(__file__).resolve().parents[2]
OFFICER = Actor("sato@JP", Viewer.bureau("JP"), purpose="crash test")
ROUNDS = 6


def append_forever(url: str) -> None:
    """Read, suspend or resume, and list one notice for ever: three audit events a round, one with a payload."""
    engine = make_engine(url)
    n = 0
    while True:
        now = datetime.now(UTC)
        notice = svc.get_notice("2026/00001", SqlUnitOfWork(engine), actor=OFFICER, now=now)
        action = Action.SUSPEND if notice.status is NoticeStatus.PUBLISHED else Action.RESUME
        svc.change_status("2026/00001", action, SqlUnitOfWork(engine), actor=OFFICER, now=now,
                          reason=f"round {n}: YAMADA seen")
        svc.list_notices(NoticeFilter(name="yamada"), SqlUnitOfWork(engine), actor=OFFICER, today=now.date(),
                         now=now)
        n += 1


def log_size(engine: Engine) -> int:
    with engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(audit_log)).scalar_one())


def ncb(url: str, key: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NCB_DATABASE_URL": url, "NCB_AUDIT_KEY_FILE": str(key)}
    return subprocess.run([sys.executable, "-m", "ncb", *args], env=env, capture_output=True, text=True, timeout=120)


@pytest.mark.slow
def test_killing_a_process_mid_append_leaves_no_half_written_entry(db_url: str, engine: Engine,
                                                                   tmp_path: Path) -> None:
    with SqlUnitOfWork(engine) as uow:  # a published notice, which the loop suspends and resumes
        uow.notices.add(make_notice(status=NoticeStatus.PUBLISHED, expires_on=date(2031, 11, 26)))
        uow.commit()
    key = tmp_path / "audit.key"
    rng = random.Random(4)
    for _ in range(ROUNDS):
        before = log_size(engine)
        proc = subprocess.Popen([sys.executable, "-c", "import sys; from tests.cli.test_audit_crash_safety import "
                                 "append_forever; append_forever(sys.argv[1])", db_url], cwd=ROOT,
                                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        deadline = time.monotonic() + 60
        while log_size(engine) <= before + 3 and time.monotonic() < deadline and proc.poll() is None:
            time.sleep(0.02)
        time.sleep(rng.uniform(0.05, 0.6))
        assert proc.poll() is None, proc.stderr.read().decode() if proc.stderr else ""
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        if proc.stderr:
            proc.stderr.close()
        signed = ncb(db_url, key, "audit", "checkpoint", "--json")
        assert signed.returncode == 0, signed.stderr
    assert log_size(engine) > ROUNDS * 10

    verified = ncb(db_url, key, "audit", "verify", "--json")
    assert verified.returncode == 0, verified.stdout + verified.stderr
    report = json.loads(verified.stdout)
    assert report["ok"] and report["checkpoints_checked"] == ROUNDS and report["unanchored"] == 0

    with engine.connect() as conn:
        rows = conn.execute(select(audit_log.c.seq, audit_log.c.leaf, audit_log.c.leaf_hash)
                            .order_by(audit_log.c.seq)).all()
        payloads = dict(conn.execute(select(audit_payloads.c.seq, audit_payloads.c.payload)).all())
        subjects = conn.execute(select(audit_subjects.c.seq, audit_subjects.c.subject)).all()
        tiles = dict(conn.execute(select(audit_tiles.c.idx, audit_tiles.c.hash)).all())
        changes = int(conn.execute(select(func.count()).select_from(notice_transitions)
                                   .where(notice_transitions.c.action.in_(["suspend", "resume"]))).scalar_one())
    assert [seq for seq, _, _ in rows] == list(range(len(rows)))
    events = [event_from_leaf(bytes(leaf)) for _, leaf, _ in rows]
    assert all(bytes(h) == leaf_hash(bytes(leaf)) for _, leaf, h in rows)
    assert set(payloads) <= set(range(len(rows))) and {seq for seq, _ in subjects} <= set(payloads)
    for seq, payload in payloads.items():
        assert events[seq].personal_data_hash == personal_data_hash(json.loads(payload))
    assert sorted(tiles) == list(range(len(rows) // TILE_SIZE))
    for t, h in tiles.items():
        assert bytes(h) == MerkleTree(bytes(r[2]) for r in rows[t * TILE_SIZE:(t + 1) * TILE_SIZE]).root()
    # A change and its audit event are stored together or not at all.
    assert changes == sum(e.action in ("notice.suspend", "notice.resume") for e in events)
