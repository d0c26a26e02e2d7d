"""``ncb serve`` answers real HTTP on loopback."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx

from ncb.domain.documents import notice_to_dict
from ncb.domain.notices import NoticeStatus
from tests.builders import make_notice


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_serve_answers_the_public_api_over_real_http(db_url: str, tmp_path: Path) -> None:
    data = tmp_path / "one.json"
    data.write_text(json.dumps(notice_to_dict(make_notice(status=NoticeStatus.PUBLISHED)), ensure_ascii=False))
    env = {**os.environ, "NCB_DATABASE_URL": db_url}
    subprocess.run([sys.executable, "-m", "ncb", "import", str(data)], env=env, check=True, capture_output=True)
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "ncb", "serve", "--port", str(port)], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 30
        while True:
            try:
                health = httpx.get(f"{base}/health", timeout=10)
                break
            except httpx.TransportError:
                if time.monotonic() > deadline or proc.poll() is not None:
                    raise
                time.sleep(0.2)
        assert health.json()["notices"] == 1
        listing = httpx.get(f"{base}/notices/v1/red", params={"nationality": "JP"}, timeout=30).json()
        assert listing["total"] == 1
        assert listing["_embedded"]["notices"][0]["_links"]["self"]["href"] == f"{base}/notices/v1/red/2026-00001"
        assert httpx.get(f"{base}/openapi.json", timeout=30).status_code == 200
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def test_serve_with_two_processes_answers(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'two.db'}"
    env = {**os.environ, "NCB_DATABASE_URL": url, "NCB_FEDERATION_DELIVER_SECONDS": "0"}
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "ncb", "serve", "--port", str(port), "--workers", "2"], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(f"{base}/health", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline or proc.poll() is not None:
                raise AssertionError(proc.stderr.read().decode() if proc.stderr and proc.poll() is not None else "")
            time.sleep(0.3)
        answers = {httpx.get(f"{base}/notices/v1/red", timeout=5).status_code for _ in range(20)}
        assert answers == {200}
        assert "2 processes" in _stderr_line(proc)
    finally:
        proc.terminate()
        proc.wait(timeout=15)
        if proc.stderr:
            proc.stderr.close()


def _stderr_line(proc: subprocess.Popen[bytes]) -> str:
    assert proc.stderr is not None
    return proc.stderr.readline().decode()
