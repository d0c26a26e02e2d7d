"""A small in-process cache of public answers, for ``public_cache_seconds`` (5 by default): the same list, detail
or country page asked again within that time is answered from memory, with an ETag (``If-None-Match`` gets 304)
and a matching ``Cache-Control``. Public data only. A change made through this server process's internal API or
console empties it at once (:class:`ForgetOnWrite`); a change made elsewhere (another server process, the command
line) shows after at most that many seconds. 0 turns it off."""

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
from starlette.types import ASGIApp, Receive, Scope, Send


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
            entry = self._keep(key, bytes(JSONResponse(await run_in_threadpool(build)).body))
        return self._response(request, entry, "application/json")

    def page(self, request: Request, key: tuple[str, ...], build: Callable[[], bytes],
             media_type: str = "text/html; charset=utf-8") -> Response:
        """A rendered public page for ``key``, the same way (for a route already in the thread pool)."""
        entry = self._get(key) if self.seconds > 0 else None
        if entry is None:
            entry = self._keep(key, build())
        return self._response(request, entry, media_type)

    def _keep(self, key: tuple[str, ...], body: bytes) -> tuple[float, bytes, str]:
        entry = (self.clock() + self.seconds, body, '"' + hashlib.sha256(body).hexdigest()[:32] + '"')
        if self.seconds > 0:
            self._put(key, entry)
        return entry

    def _response(self, request: Request, entry: tuple[float, bytes, str], media_type: str) -> Response:
        _, body, etag = entry
        headers = {"ETag": etag, "Cache-Control": f"public, max-age={int(self.seconds)}" if self.seconds > 0
                   else "no-cache"}
        if etag in request.headers.get("if-none-match", ""):
            return Response(status_code=304, headers=headers)
        return Response(body, media_type=media_type, headers=headers)

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()

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


class ForgetOnWrite:
    """ASGI middleware: once a request that may change public data (not GET, HEAD or OPTIONS, to the internal API
    or the officers' console) has been answered, the public cache of this process (``app.state.public_cache``) is
    emptied, so what an officer just published or withdrew shows at once. Screening checks and tips change no
    public data and leave it be."""

    SAFE = frozenset({"GET", "HEAD", "OPTIONS"})
    CHANGES_PUBLIC = ("/api/", "/console/")

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] in self.SAFE or not scope["path"].startswith(self.CHANGES_PUBLIC):
            await self.app(scope, receive, send)
            return
        try:
            await self.app(scope, receive, send)
        finally:
            scope["app"].state.public_cache.clear()
