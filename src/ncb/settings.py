"""The only reader of the environment: ``NCB_*`` variables become one :class:`Settings`.

Every setting is declared once in :data:`SETTINGS` with its default and a sentence; a test fails when
one is undocumented, and ``ncb settings`` prints the table.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from typing import Any

from ncb.errors import ConfigurationError


@dataclass(frozen=True)
class Setting:
    name: str
    default: Any
    help: str


SETTINGS: tuple[Setting, ...] = (
    Setting("database_url", "sqlite:///ncb.db",
            "SQLAlchemy URL of the database: a SQLite file (default, in the working folder) or "
            "postgresql+psycopg://user@host:port/db."),
    Setting("host", "127.0.0.1", "Address `ncb serve` listens on."),
    Setting("port", 8000, "Port `ncb serve` listens on."),
    Setting("base_url", "", "Public base URL used in HAL links; empty means the URL the request came to."),
    Setting("api_token", "",
            "Static bearer token for the internal API (/api/...); empty disables the internal API "
            "except in development."),
    Setting("environment", "development", "development or production; production refuses unsafe defaults."),
    Setting("bureau", "JP", "ISO code of the country whose bureau this instance runs (the seed bureau: JP)."),
    Setting("public_result_cap", 160,
            "Most results a public list query reaches, as INTERPOL's API (160); clients depend on it."),
    Setting("lift_public_result_cap", False,
            "Let public list queries page past public_result_cap (off for compatibility)."),
    Setting("sqlite_busy_timeout_ms", 5000, "How long a SQLite connection waits for a lock, in ms."),
    Setting("retention_years", 5, "How long a published notice is kept before it expires (RPD Art. 50)."),
    Setting("review_before_expiry_months", 6, "How long before expiry the owner bureau is asked to review."),
    Setting("max_suspension_months", 6, "Longest a notice may stay suspended."),
    Setting("purge_after_expiry_months", 6,
            "How long an expired notice is kept (already out of the public API, the portal and screening) before "
            "`ncb retention run` purges its personal data everywhere."),
    Setting("travel_record_retention_days", 30,
            "How long travellers as checked are kept, so that a notice published later is screened against them."),
    Setting("hsts_max_age", 0,
            "Strict-Transport-Security max-age in seconds sent on every response; 0 sends none (set it, e.g. to "
            "31536000, once the service is only reached over HTTPS)."),
    Setting("public_rate_per_minute", 1200,
            "Requests per minute one client address may make to the public endpoints (/notices/v1, /public) "
            "before 429; 0 turns the limit off."),
    Setting("public_burst", 600, "Requests one client address may make at once to the public endpoints."),
    Setting("login_rate_per_minute", 10,
            "Login attempts per minute one client address may make before 429 (besides the per-account lock-out)."),
    Setting("login_burst", 10, "Login attempts one client address may make at once."),
    Setting("login_max_failures", 5, "Failed logins in a row after which an account is locked."),
    Setting("login_lockout_minutes", 10, "How long an account stays locked after too many failed logins."),
    Setting("session_idle_minutes", 30, "A session not used for this long is locked; the user logs in again."),
    Setting("session_max_per_user", 1, "Sessions a user may hold at once; a new login ends the oldest."),
    Setting("password_min_length", 15, "Shortest password accepted for a person (no composition rules)."),
    Setting("token_days", 90, "Default lifetime of a program's token, in days."),
    Setting("totp_issuer", "NCB", "Issuer name shown by authenticator apps for the second factor."),
    Setting("federation_key_file", "ncb-federation.key",
            "Ed25519 private key (PEM) that signs what this instance sends its partners; a relative path is beside "
            "the SQLite database (the working folder for PostgreSQL); made on first use, readable by its owner only."),
    Setting("federation_max_age_hours", 168,
            "Oldest envelope a partner's inbox accepts, in hours (older ones are refused as possible replays); it must "
            "exceed the longest outage after which queued envelopes are still delivered."),
    Setting("federation_deliver_seconds", 5,
            "How often `ncb serve` posts due envelopes from the outbox to partners; 0 turns the loop off."),
    Setting("federation_retry_cap_seconds", 300,
            "Longest wait between two tries to deliver an envelope to a partner that is down (tries double from 2 s)."),
    Setting("max_body_bytes", 32 * 1024 * 1024,
            "Largest request body the web server accepts (413 beyond it); larger imports go through `ncb import`."),
    Setting("web_workers", 1, "Processes `ncb serve` runs (one per core serves the most requests)."),
    Setting("public_cache_seconds", 5,
            "Seconds a public API list or detail answer, or a country page, is served from memory (with an ETag) "
            "before it is asked of the database again; 0 always asks. A change made through the same server "
            "process's internal API or console empties the cache at once; one made elsewhere (another process, "
            "the command line) shows after at most this long."),
    Setting("use_banner",
            "Authorised use only. This system holds police information; every access is logged and audited.",
            "Use banner shown before login."),
    Setting("portal_secret", "",
            "Key that signs the portal's form tokens (CSRF); empty draws a random one at start-up, which is fine "
            "for one server process (set the same value on every process behind one address)."),
    Setting("tip_rate_per_minute", 6,
            "Tips per minute one client address may send through the portal before it is asked to wait; 0 turns "
            "the limit off."),
    Setting("tip_burst", 5, "Tips one client address may send at once through the portal."),
    Setting("tip_max_chars", 4000, "Longest tip message the portal accepts, in characters."),
    Setting("audit_key_file", "ncb-audit.key",
            "Ed25519 private key (PEM) that signs the audit log's checkpoints; a relative path is beside the SQLite "
            "database (the working folder for PostgreSQL). Created by `ncb audit keygen` or the first "
            "`ncb audit checkpoint`, readable by its owner only."),
    Setting("audit_origin", "",
            "Name of this instance's audit log in its checkpoints and verifier key (no spaces or '+'); empty means "
            "ncb.<bureau>/audit, e.g. ncb.JP/audit."),
    Setting("message_attachment_max_bytes", 20 * 1024 * 1024,
            "Largest file that may be attached to a message between bureaus, in bytes."),
    Setting("photo_max_bytes", 10 * 1024 * 1024,
            "Largest photo file an officer may upload for a notice's subject, in bytes (larger ones are refused "
            "with 413)."),
    Setting("photo_max_pixels", 40_000_000,
            "Most pixels (width x height) an uploaded photo may have; a larger one, such as a decompression bomb, is "
            "refused before it is decoded."),
    Setting("extradition_limits_file", "",
            "JSON table of extradition time limits per treaty or country pair, each with its source (the form of "
            "ncb/domain/data/extradition_limits.json); empty uses that built-in table."),
    Setting("extradition_warning_days", 14,
            "How many days before a legal time limit of an extradition case (e.g. provisional arrest to request) "
            "`ncb cases warnings` starts warning."),
)

_BY_NAME = {s.name: s for s in SETTINGS}


@dataclass(frozen=True)
class Settings:
    database_url: str = _BY_NAME["database_url"].default
    host: str = _BY_NAME["host"].default
    port: int = _BY_NAME["port"].default
    base_url: str = _BY_NAME["base_url"].default
    api_token: str = _BY_NAME["api_token"].default
    environment: str = _BY_NAME["environment"].default
    bureau: str = _BY_NAME["bureau"].default
    public_result_cap: int = _BY_NAME["public_result_cap"].default
    lift_public_result_cap: bool = _BY_NAME["lift_public_result_cap"].default
    sqlite_busy_timeout_ms: int = _BY_NAME["sqlite_busy_timeout_ms"].default
    retention_years: int = _BY_NAME["retention_years"].default
    review_before_expiry_months: int = _BY_NAME["review_before_expiry_months"].default
    max_suspension_months: int = _BY_NAME["max_suspension_months"].default
    purge_after_expiry_months: int = _BY_NAME["purge_after_expiry_months"].default
    travel_record_retention_days: int = _BY_NAME["travel_record_retention_days"].default
    hsts_max_age: int = _BY_NAME["hsts_max_age"].default
    public_rate_per_minute: int = _BY_NAME["public_rate_per_minute"].default
    public_burst: int = _BY_NAME["public_burst"].default
    login_rate_per_minute: int = _BY_NAME["login_rate_per_minute"].default
    login_burst: int = _BY_NAME["login_burst"].default
    login_max_failures: int = _BY_NAME["login_max_failures"].default
    login_lockout_minutes: int = _BY_NAME["login_lockout_minutes"].default
    session_idle_minutes: int = _BY_NAME["session_idle_minutes"].default
    session_max_per_user: int = _BY_NAME["session_max_per_user"].default
    password_min_length: int = _BY_NAME["password_min_length"].default
    token_days: int = _BY_NAME["token_days"].default
    totp_issuer: str = _BY_NAME["totp_issuer"].default
    use_banner: str = _BY_NAME["use_banner"].default
    portal_secret: str = _BY_NAME["portal_secret"].default
    tip_rate_per_minute: int = _BY_NAME["tip_rate_per_minute"].default
    tip_burst: int = _BY_NAME["tip_burst"].default
    tip_max_chars: int = _BY_NAME["tip_max_chars"].default
    federation_key_file: str = _BY_NAME["federation_key_file"].default
    federation_max_age_hours: int = _BY_NAME["federation_max_age_hours"].default
    federation_deliver_seconds: int = _BY_NAME["federation_deliver_seconds"].default
    federation_retry_cap_seconds: int = _BY_NAME["federation_retry_cap_seconds"].default
    max_body_bytes: int = _BY_NAME["max_body_bytes"].default
    web_workers: int = _BY_NAME["web_workers"].default
    public_cache_seconds: int = _BY_NAME["public_cache_seconds"].default
    audit_key_file: str = _BY_NAME["audit_key_file"].default
    audit_origin: str = _BY_NAME["audit_origin"].default
    message_attachment_max_bytes: int = _BY_NAME["message_attachment_max_bytes"].default
    photo_max_bytes: int = _BY_NAME["photo_max_bytes"].default
    photo_max_pixels: int = _BY_NAME["photo_max_pixels"].default
    extradition_limits_file: str = _BY_NAME["extradition_limits_file"].default
    extradition_warning_days: int = _BY_NAME["extradition_warning_days"].default
    extra: Mapping[str, str] = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None, **overrides: Any) -> Settings:
        """Read ``NCB_<NAME>`` for every declared setting; ``overrides`` win over the environment."""
        env = os.environ if environ is None else environ
        values: dict[str, Any] = {}
        for f in fields(cls):
            if f.name == "extra":
                continue
            key = "NCB_" + f.name.upper()
            if f.name in overrides:
                values[f.name] = overrides[f.name]
            elif key in env:
                values[f.name] = _coerce(f.name, env[key], _BY_NAME[f.name].default)
        settings = cls(**values)
        settings.check()
        return settings

    def check(self) -> None:
        if self.environment not in ("development", "production"):
            raise ConfigurationError(f"NCB_ENVIRONMENT must be development or production, not {self.environment!r}")
        if self.environment == "production" and len(self.api_token) < 24:
            raise ConfigurationError("NCB_API_TOKEN must be set to a secret of at least 24 characters in production")
        if self.purge_after_expiry_months < 0:
            raise ConfigurationError("NCB_PURGE_AFTER_EXPIRY_MONTHS must not be negative")
        if self.audit_origin and (not self.audit_origin.isprintable() or "+" in self.audit_origin
                                  or any(ch.isspace() for ch in self.audit_origin)):
            raise ConfigurationError(f"NCB_AUDIT_ORIGIN {self.audit_origin!r} must have no spaces, '+' or control "
                                     "characters (it is a checkpoint's first line and a key name)")
        if self.public_result_cap < 1:
            raise ConfigurationError("NCB_PUBLIC_RESULT_CAP must be at least 1")
        if self.tip_rate_per_minute < 0 or self.tip_burst < 0 or self.tip_max_chars < 1:
            raise ConfigurationError("NCB_TIP_RATE_PER_MINUTE and NCB_TIP_BURST must not be negative, "
                                     "NCB_TIP_MAX_CHARS must be at least 1")
        if self.photo_max_bytes < 1 or self.photo_max_pixels < 1:
            raise ConfigurationError("NCB_PHOTO_MAX_BYTES and NCB_PHOTO_MAX_PIXELS must be at least 1")
        for name in ("hsts_max_age", "public_rate_per_minute", "public_burst", "login_rate_per_minute",
                     "login_burst"):
            if getattr(self, name) < 0:
                raise ConfigurationError(f"NCB_{name.upper()} must not be negative")


def _coerce(name: str, raw: str, default: Any) -> Any:
    if isinstance(default, bool):
        if raw.lower() in ("1", "true", "yes", "on"):
            return True
        if raw.lower() in ("0", "false", "no", "off", ""):
            return False
        raise ConfigurationError(f"NCB_{name.upper()} must be true or false, not {raw!r}")
    if isinstance(default, int):
        try:
            return int(raw)
        except ValueError:
            raise ConfigurationError(f"NCB_{name.upper()} must be a whole number, not {raw!r}") from None
    return raw
