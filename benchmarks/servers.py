"""Starting, waiting for and stopping the HTTP servers a benchmark measures (not a benchmark itself)."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from collections.abc import Iterable
from pathlib import Path

import httpx


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_up(url: str, *, seconds: float = 60, status: int | None = None) -> None:
    """Return once ``url`` answers a GET (with ``status``, when given); exit after ``seconds`` without one."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            answer = httpx.get(url, timeout=1)
            if status is None or answer.status_code == status:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    raise SystemExit(f"{url} did not come up")


def start_bare(source: str, port: int, folder: Path) -> subprocess.Popen[bytes]:
    """Serve the Starlette ``app`` defined in ``source`` with uvicorn on ``port``: the ceiling a benchmark
    compares with. ``source`` is written to ``folder/bare.py``."""
    (folder / "bare.py").write_text(source)
    return subprocess.Popen([sys.executable, "-m", "uvicorn", "bare:app", "--port", str(port),
                             "--log-level", "warning"], cwd=folder, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)


def stop(servers: Iterable[subprocess.Popen[bytes]], *, seconds: float = 10) -> None:
    """Terminate each server and wait for it to exit."""
    for server in servers:
        server.terminate()
        server.wait(timeout=seconds)
