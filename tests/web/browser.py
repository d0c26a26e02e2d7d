"""Helpers for tests in a real browser: a real server (uvicorn in a thread) and Debian's chromium driven by
Playwright (``executable_path``: Playwright's own browser download cannot work on these machines), screenshots
under test-artifacts/screenshots/, and a watch on what a page loads (no CSP refusal, no failed style or image)."""

from __future__ import annotations

import shutil
import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
import uvicorn
from fastapi import FastAPI

SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--no-first-run"]


def chromium_path() -> str | None:
    return shutil.which("chromium")


MARKS = [pytest.mark.xdist_group("browser"),
         pytest.mark.skipif(chromium_path() is None, reason="chromium is not installed (make chromium)")]
"""The marks of a module of browser tests: one worker runs them all, and they are skipped without chromium."""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def serve(app: FastAPI) -> Iterator[str]:
    """``app`` served on a free loopback port for the block; yields its base URL."""
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="off"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        if not thread.is_alive():
            raise RuntimeError("the server did not start")
        threading.Event().wait(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join()


def watch(page: Any) -> list[str]:
    """What went wrong loading ``page``'s resources: CSP refusals, failed requests, error answers to anything but
    the document itself (a page may answer 403 or 422 on purpose)."""
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if "Refused" in m.text or "Policy" in m.text else None)
    page.on("requestfailed", lambda r: problems.append(f"failed: {r.url} {r.failure}")
            if "ERR_ABORTED" not in (r.failure or "") else None)
    page.on("response", lambda r: problems.append(f"{r.status}: {r.url}")
            if r.status >= 400 and r.request.resource_type != "document" else None)
    return problems


def shot(page: Any, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def loaded_width(img: Any) -> int:
    """The natural width of the image ``img`` (a locator) once it has loaded. A photo loaded lazily starts only
    when it comes near the view, and may end after the page's load event: it is brought into view and waited for
    (a broken image never completes with a width, and the wait fails)."""
    img.scroll_into_view_if_needed()
    img.page.wait_for_function("i => i.complete && i.naturalWidth > 0", arg=img.element_handle())
    return int(img.evaluate("i => i.naturalWidth"))
