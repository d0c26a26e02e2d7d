"""A small in-process cache of public JSON answers, for ``public_cache_seconds``: the same list or detail asked
again within that time is answered from memory, with an ETag (``If-None-Match`` gets 304) and a matching
``Cache-Control``. Public data only; an answer is at most that many seconds old (a newly published or withdrawn
notice shows there after it), which is why it is off unless set."""

from __future__ import annotations

import hashlib
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from typing import Any

from fastapi import Request
from fastapi.responses import JSONResponse, Response
from starlette.concurrency import run_in_threadpool


class PublicCache:
    def __init__(self, seconds: float, *, max_entries: int = 10_000,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.seconds = seconds
        self.max_entries = max_entries
        self.clock = clock
        self._entries: OrderedDict[tuple[str, ...], tuple[float, bytes, str]] = OrderedDict()
        self._lock = threading.Lock()

    async def answer(self, request: Request, key: tuple[str, ...], build: Callable[[], Any]) -> Response:
        """The JSON answer for ``key``: from memory while fresh (without leaving the event loop), else ``build()``
        in the thread pool (its errors are not kept)."""
        entry = self._get(key) if self.seconds > 0 else None
        if entry is None:
            body = JSONResponse(await run_in_threadpool(build)).body
            entry = (self.clock() + self.seconds, bytes(body), '"' + hashlib.sha256(body).hexdigest()[:32] + '"')
            if self.seconds > 0:
                self._put(key, entry)
        _, body, etag = entry
        headers = {"ETag": etag, "Cache-Control": f"public, max-age={int(self.seconds)}" if self.seconds > 0
                   else "no-cache"}
        if etag in request.headers.get("if-none-match", ""):
            return Response(status_code=304, headers=headers)
        return Response(body, media_type="application/json", headers=headers)

    def _get(self, key: tuple[str, ...]) -> tuple[float, bytes, str] | None:
        with self._lock:
            entry = self._entries.get(key)
            if entry is None:
                return None
            if entry[0] < self.clock():
                del self._entries[key]
                return None
            self._entries.move_to_end(key)
            return entry

    def _put(self, key: tuple[str, ...], entry: tuple[float, bytes, str]) -> None:
        with self._lock:
            self._entries[key] = entry
            self._entries.move_to_end(key)
            while len(self._entries) > self.max_entries:
                self._entries.popitem(last=False)
