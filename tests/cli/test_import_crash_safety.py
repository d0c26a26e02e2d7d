"""A process killed in the middle of a large import leaves every notice fully stored or absent, and
running the same import again completes it."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from sqlalchemy import func, select

from ncb.domain.documents import notice_from_dict, notice_to_dict
from ncb.storage.dialect import make_engine
from ncb.storage.tables import notice_documents, notice_transitions, notices
from tests.builders import make_notice

COUNT = 12_000


def write_file(path: Path) -> None:
    template = notice_to_dict(make_notice())
    with path.open("w", encoding="utf-8") as fh:
        for i in range(COUNT):
            template["entity_id"] = f"2019/{i + 1:05d}"
            template["subject"]["nationalities"] = ["JP", "US"] if i % 2 else ["JP"]
            fh.write(json.dumps(template, ensure_ascii=False) + "\n")


def _processes_with(mark: str) -> list[int]:
    """Processes (the import's workers, its fork server) whose environment holds ``mark``."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit() and int(entry.name) != os.getpid():
            try:
                if mark.encode() in (entry / "environ").read_bytes().split(b"\0"):
                    found.append(int(entry.name))
            except OSError:
                continue
    return found


def stored_count(url: str) -> int:
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            return int(conn.execute(select(func.count()).select_from(notices)).scalar_one())
    finally:
        engine.dispose()


@pytest.mark.slow
def test_killing_an_import_leaves_no_notice_half_written(db_url: str, tmp_path: Path) -> None:
    data = tmp_path / "notices.jsonl"
    write_file(data)
    mark = f"NCB_TEST_IMPORT={uuid.uuid4().hex}"
    env = {**os.environ, "NCB_DATABASE_URL": db_url, "NCB_TEST_IMPORT": mark.split("=")[1]}
    cmd = [sys.executable, "-m", "ncb", "import", str(data), "--json"]
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while stored_count(db_url) == 0 and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.05)
    time.sleep(0.3)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    partial = stored_count(db_url)
    assert 0 < partial < COUNT, "the import should have been killed half-way"
    deadline = time.monotonic() + 30
    while (left := _processes_with(mark)) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not left, "the killed import's worker processes should leave by themselves"

    engine = make_engine(db_url)
    with engine.connect() as conn:
        rows = conn.execute(select(notices.c.id, notices.c.entity_id, notices.c.nationalities,
                                   notice_documents.c.document)
                            .join(notice_documents, notice_documents.c.notice_id == notices.c.id, isouter=True)).all()
        history = dict(conn.execute(select(notice_transitions.c.notice_id, func.count())
                                    .group_by(notice_transitions.c.notice_id)).all())
    engine.dispose()
    for notice_id, entity_id, nationalities, doc in rows:
        assert doc is not None, f"{entity_id} has no document"
        notice = notice_from_dict(json.loads(doc))
        assert notice.entity_id == entity_id
        assert nationalities == "," + ",".join(sorted(notice.subject.nationalities)) + ","
        assert history.get(notice_id) == 1

    again = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=300)
    assert again.returncode == 0, again.stderr
    report = json.loads(again.stdout)["files"][0]
    assert report["created"] == COUNT - partial and report["unchanged"] == partial
    assert stored_count(db_url) == COUNT
