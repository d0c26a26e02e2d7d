"""Security on every response, and rate limits: pure ASGI middleware (no ``BaseHTTPMiddleware``, which buffers
streamed responses such as exports and loses context variables) and one reusable :class:`RateLimiter`.

- :class:`SecurityHeaders` puts a strict Content-Security-Policy, ``nosniff``, frame denial, a referrer policy, a
  permissions policy and a cross-origin opener policy on every response, errors included; HSTS only when
  ``NCB_HSTS_MAX_AGE`` is set.
- :class:`PublicRateLimit` answers 429 problem+json with ``Retry-After`` to a client address that calls the
  public endpoints (``/notices/v1/...``, ``/public/...``) faster than ``NCB_PUBLIC_RATE_PER_MINUTE``.
- ``app.state.login_limiter`` is a :class:`RateLimiter` built from ``NCB_LOGIN_RATE_PER_MINUTE`` and
  ``NCB_LOGIN_BURST`` for the login route to call.
"""

from __future__ import annotations

import base64
import hashlib
import json
import math
import re
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ncb.errors import RateLimited
from ncb.web.problems import problem

# Everything from this origin only; no inline script or style, no plugins, no <base> tricks, no framing.
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
       "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")

# The interactive API documentation (Swagger UI at /docs, ReDoc at /redoc) is FastAPI's page: it loads its
# script and style from a CDN (cdn.jsdelivr.net) and starts them with one inline <script>. We keep that page as
# FastAPI makes it rather than ship and maintain a copy of Swagger UI, and relax the policy for these paths only:
# the CDN is allowed, and the inline script by its SHA-256 hash (computed from the page itself, so the policy
# still refuses any other inline script). These pages hold no police data; an air-gapped deployment that wants
# them working serves /openapi.json to a local Swagger UI instead.
DOCS_PATHS = frozenset({"/docs", "/docs/oauth2-redirect", "/redoc"})
DOCS_CSP = ("default-src 'self'; script-src 'self' https://cdn.jsdelivr.net{scripts}; "
            "style-src 'self' https://cdn.jsdelivr.net https://fonts.googleapis.com 'unsafe-inline'; "
            "img-src 'self' data: https://fastapi.tiangolo.com https://cdn.jsdelivr.net; "
            "font-src 'self' https://fonts.gstatic.com; worker-src 'self' blob:; connect-src 'self'; "
            "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
_INLINE_SCRIPT = re.compile(rb"<script>(.*?)</script>", re.DOTALL)

HEADERS: tuple[tuple[str, str], ...] = (
    ("X-Content-Type-Options", "nosniff"),
    ("X-Frame-Options", "DENY"),
    ("Referrer-Policy", "no-referrer"),
    ("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()"),
    ("Cross-Origin-Opener-Policy", "same-origin"),
)


def security_headers(*, csp: str = CSP, hsts_max_age: int = 0) -> tuple[tuple[str, str], ...]:
    """The headers every response carries (HSTS only with a positive ``hsts_max_age``)."""
    hsts = (("Strict-Transport-Security", f"max-age={hsts_max_age}; includeSubDomains"),) if hsts_max_age > 0 else ()
    return (("Content-Security-Policy", csp), *HEADERS, *hsts)


def docs_csp(body: bytes) -> str:
    """The policy of a documentation page: :data:`DOCS_CSP` with the hash of each of its inline scripts."""
    hashes = "".join(f" 'sha256-{base64.b64encode(hashlib.sha256(m).digest()).decode()}'"
                     for m in _INLINE_SCRIPT.findall(body))
    return DOCS_CSP.format(scripts=hashes)


class SecurityHeaders:
    """ASGI middleware: sets :func:`security_headers` on every HTTP response (a route cannot weaken them)."""

    def __init__(self, app: ASGIApp, *, hsts_max_age: int = 0) -> None:
        self.app = app
        self.hsts_max_age = hsts_max_age
        self.headers = security_headers(hsts_max_age=hsts_max_age)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
        elif scope["path"] in DOCS_PATHS:
            await self._docs(scope, receive, send)
        else:
            async def send_secured(message: Message) -> None:
                if message["type"] == "http.response.start":
                    _set(message, self.headers)
                await send(message)

            await self.app(scope, receive, send_secured)

    async def _docs(self, scope: Scope, receive: Receive, send: Send) -> None:
        """A documentation page is small HTML: hold it whole, hash its inline scripts, then send it."""
        held: list[Message] = []

        async def hold(message: Message) -> None:
            held.append(message)

        await self.app(scope, receive, hold)
        body = b"".join(m.get("body", b"") for m in held if m["type"] == "http.response.body")
        headers = security_headers(csp=docs_csp(body), hsts_max_age=self.hsts_max_age)
        for message in held:
            if message["type"] == "http.response.start":
                _set(message, headers)
            await send(message)


def _set(message: Message, headers: Iterable[tuple[str, str]]) -> None:
    mutable = MutableHeaders(scope=message)
    for name, value in headers:
        mutable[name] = value


@dataclass
class _Bucket:
    tokens: float
    at: float


class RateLimiter:
    """A token bucket per key, in this process's memory: ``limiter.check(key)`` takes one token from ``key``'s
    bucket or raises :class:`ncb.errors.RateLimited`, whose ``retry_after`` is the whole number of seconds (at
    least 1) until a token is back. The web layer turns that error into 429 problem+json with a ``Retry-After``
    header, so a route only calls ``check``::

        limiter: RateLimiter = request.app.state.login_limiter   # NCB_LOGIN_RATE_PER_MINUTE, NCB_LOGIN_BURST
        limiter.check(f"login:{request.client.host if request.client else 'unknown'}")

    A key starts with ``burst`` tokens and gets ``per_minute / 60`` back each second, never more than ``burst``.
    ``per_minute <= 0`` turns the limiter off. It is safe to call from several threads (sync routes run in a
    thread pool). It keeps at most ``max_keys`` buckets and forgets the least recently used first (a forgotten
    bucket starts full again: it errs in the client's favour, and a flood of new addresses cannot exhaust
    memory). Being in-process, N server processes let a client through N times as fast: it is a brake on floods
    and guessing, not an exact quota. ``clock`` returns seconds (tests pass a fake one).
    """

    def __init__(self, per_minute: float, burst: int, *, clock: Callable[[], float] = time.monotonic,
                 max_keys: int = 100_000) -> None:
        self.rate = per_minute / 60.0
        self.burst = max(1, burst)
        self.clock = clock
        self.max_keys = max_keys
        self._buckets: OrderedDict[str, _Bucket] = OrderedDict()
        self._lock = threading.Lock()

    @property
    def enabled(self) -> bool:
        return self.rate > 0

    def check(self, key: str) -> None:
        """Take one token from ``key``'s bucket, or raise :class:`RateLimited` with ``retry_after`` seconds."""
        if not self.enabled:
            return
        with self._lock:
            now = self.clock()
            bucket = self._buckets.pop(key, None) or _Bucket(float(self.burst), now)
            bucket.tokens = min(float(self.burst), bucket.tokens + (now - bucket.at) * self.rate)
            bucket.at = now
            self._buckets[key] = bucket  # most recently used last
            while len(self._buckets) > self.max_keys:
                self._buckets.popitem(last=False)
            if bucket.tokens >= 1:
                bucket.tokens -= 1
                return
            wait = max(1, math.ceil((1 - bucket.tokens) / self.rate))
        raise RateLimited(f"too many requests; try again in {wait} s", retry_after=wait)


PUBLIC_PREFIXES = ("/notices/v1", "/public")


class PublicRateLimit:
    """ASGI middleware: the public endpoints (:data:`PUBLIC_PREFIXES`) go through ``limiter`` keyed by the client
    address; a client over its rate gets 429 problem+json with ``Retry-After``. The address is the connection's
    (``scope["client"]``): behind a reverse proxy, run the server with proxy headers trusted from that proxy only
    (uvicorn's ``--proxy-headers --forwarded-allow-ips``) so that it is the real client's."""

    def __init__(self, app: ASGIApp, *, limiter: RateLimiter, prefixes: tuple[str, ...] = PUBLIC_PREFIXES) -> None:
        self.app = app
        self.limiter = limiter
        self.prefixes = prefixes

    def _public(self, path: str) -> bool:
        return any(path == p or path.startswith(p + "/") for p in self.prefixes)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and self.limiter.enabled and self._public(scope["path"]):
            client = scope.get("client")
            try:
                self.limiter.check(f"public:{client[0] if client else 'unknown'}")
            except RateLimited as exc:
                response = problem(429, exc.title, str(exc), headers={"Retry-After": str(exc.retry_after)})
                await response(scope, receive, send)
                return
        await self.app(scope, receive, send)


class RequestLimits:
    """ASGI middleware refusing, before any route runs, what no route should see: a path or query string holding
    a NUL byte (PostgreSQL cannot store one; answered 422) and a body larger than ``max_body_bytes`` (413, read
    no further: checked on Content-Length and again while the body streams in)."""

    def __init__(self, app: ASGIApp, *, max_body_bytes: int) -> None:
        self.app = app
        self.max_body_bytes = max_body_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        query = scope.get("query_string", b"")
        if "\x00" in scope["path"] or b"%00" in query or b"\x00" in query:
            await _problem(send, 422, "Invalid input", "a NUL character is not allowed in a path or a query")
            return
        declared = dict(scope.get("headers", [])).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.max_body_bytes:
            await _problem(send, 413, "Content too large", f"a request body may have at most "
                                                           f"{self.max_body_bytes:,} bytes")
            return
        if declared is not None:  # the server holds the body to its declared length
            await self.app(scope, receive, send)
            return
        # No declared length (a chunked body): read it first, up to the limit, then hand it on.
        chunks: list[bytes] = []
        seen = 0
        while True:
            message = await receive()
            if message["type"] != "http.request":
                break
            chunks.append(message.get("body", b""))
            seen += len(chunks[-1])
            if seen > self.max_body_bytes:
                await _problem(send, 413, "Content too large", f"a request body may have at most "
                                                               f"{self.max_body_bytes:,} bytes")
                return
            if not message.get("more_body", False):
                break
        replayed = False

        async def replay() -> Message:
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": b"".join(chunks), "more_body": False}
            return await receive()

        await self.app(scope, replay, send)


async def _problem(send: Send, status: int, title: str, detail: str) -> None:
    body = json.dumps({"type": "about:blank", "title": title, "status": status, "detail": detail}).encode()
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/problem+json"),
                            (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})
