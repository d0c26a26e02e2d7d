"""Form tokens against cross-site request forgery, without JavaScript and without server-side state.

A visitor's browser holds a random value in the ``ncb_portal_csrf`` cookie (HttpOnly, SameSite=Strict). A form
carries, in a hidden field, a token signed with the server's key over that cookie value and the time it was
issued: ``<issued>.<HMAC-SHA256(key, cookie | issued)>``. A post is accepted only when the field's token was made
for the cookie the browser sends and is not older than :data:`MAX_AGE`; another site can neither read the cookie
nor forge the signature.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
import time

COOKIE = "ncb_portal_csrf"
FIELD = "csrf_token"
MAX_AGE = 4 * 3600  # seconds a form stays valid


def new_cookie_value() -> str:
    return secrets.token_urlsafe(24)


def _signature(key: bytes, cookie: str, issued: int) -> str:
    mac = hmac.new(key, f"{cookie}|{issued}".encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(mac).decode().rstrip("=")


def make_token(key: bytes, cookie: str, *, now: float | None = None) -> str:
    issued = int(time.time() if now is None else now)
    return f"{issued}.{_signature(key, cookie, issued)}"


def check_token(key: bytes, cookie: str | None, token: str | None, *, now: float | None = None) -> bool:
    """Whether ``token`` was issued by this server for ``cookie`` less than :data:`MAX_AGE` ago."""
    if not cookie or not token or len(token) > 200:
        return False
    issued_text, _, signature = token.partition(".")
    if not issued_text.isdigit():
        return False
    issued = int(issued_text)
    current = time.time() if now is None else now
    if not 0 <= current - issued <= MAX_AGE:
        return False
    return hmac.compare_digest(signature.encode(), _signature(key, cookie, issued).encode())
