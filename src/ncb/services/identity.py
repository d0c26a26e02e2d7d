"""People and programs: users, logins with a second factor, sessions, and tokens.

- Passwords are argon2id hashes (argon2-cffi's RFC 9106 low-memory profile), rehashed on login when the
  parameters change.
- The second factor is TOTP (RFC 6238, 6 digits, 30 s, one step of clock drift either way); the time-step
  of the last accepted code is stored and a code whose step is not later is refused (a replay).
- ``login_max_failures`` failures in a row lock the account for ``login_lockout_minutes``; the failure is
  committed before the refusal is raised, so that an attacker cannot undo it.
- A session is a random 256-bit id in a cookie; the database keeps only its SHA-256. It locks after
  ``session_idle_minutes`` without use; a new login beyond ``session_max_per_user`` ends the oldest.
- A program's token, ``ncb_<id>_<secret>``, is shown once; its secret is 256 random bits, so the SHA-256
  kept is enough (no slow hash needed). Tokens carry roles, a bureau, an expiry, and can be revoked.
- Disabling a user ends their sessions at once.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import secrets
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

import pyotp
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from ncb.domain.access import Viewer
from ncb.domain.countries import validate_country
from ncb.domain.identity import (
    Actor,
    LoginPolicy,
    Permission,
    ProgramToken,
    Role,
    Session,
    User,
    check_username,
    viewer_for,
)
from ncb.domain.notices import NoticeType
from ncb.errors import AuthenticationFailed, NotFound, PermissionDenied, ValidationError
from ncb.services import audit
from ncb.services.ports import UnitOfWork
from ncb.settings import Settings

_HASHER = PasswordHasher()
DEFAULT_POLICY = LoginPolicy()
TOKEN_PREFIX = "ncb_"
WRONG = "wrong username, password or code"  # the same words whether the user exists or not
# An argon2 hash of a random password: checked against when the user does not exist, so that an unknown
# username takes as long to refuse as a wrong password.
_DUMMY_HASH = _HASHER.hash(secrets.token_urlsafe(16))


@dataclass(frozen=True)
class NewUser:
    user: User
    totp_secret: str | None
    totp_uri: str | None


@dataclass(frozen=True)
class NewToken:
    token: ProgramToken
    secret: str  # the whole token, shown once


@dataclass(frozen=True)
class LoggedIn:
    user: User
    session_id: str  # for the cookie; only its hash is stored
    csrf_token: str


def _sha256(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def _may_manage(actor: Actor, bureau: str | None, role: Role) -> None:
    """A system administrator manages everyone; an NCB administrator the users of its own bureau, in the
    roles of a bureau (not reviewers, data-protection or system administrators)."""
    actor.require(Permission.MANAGE_USERS, "managing users and tokens")
    if Role.SYSTEM_ADMIN in actor.roles:
        return
    if role not in (Role.NCB_OFFICER, Role.NCB_ADMIN, Role.BORDER_OFFICER, Role.AGENCY_USER):
        raise PermissionDenied(f"only a system administrator may create a {role.label}")
    if bureau != actor.viewer.country:
        raise PermissionDenied(f"an NCB administrator manages the users of its own bureau ({actor.viewer.country}), "
                               f"not of {bureau or 'no bureau'}")


def _check_affiliation(role: Role, bureau: str | None, agency: str | None) -> tuple[str | None, str | None]:
    bureau = validate_country(bureau, field="bureau") if bureau else None
    viewer_for(role, bureau, agency)  # raises when a bureau or an agency is missing
    if role is not Role.AGENCY_USER and agency:
        raise ValidationError(f"only a domestic agency user belongs to an agency, not a {role.label}", field="agency")
    return bureau, agency


def create_user(uow: UnitOfWork, *, actor: Actor, username: str, display_name: str, role: Role,
                password: str, now: datetime, bureau: str | None = None, agency: str | None = None,
                second_factor: bool = True, policy: LoginPolicy = DEFAULT_POLICY, issuer: str = "NCB") -> NewUser:
    """A new user; returns the TOTP secret and its ``otpauth://`` URI, shown once."""
    name = check_username(username)
    if not display_name.strip():
        raise ValidationError("a user needs a display name", field="display_name")
    bureau, agency = _check_affiliation(role, bureau, agency)
    _may_manage(actor, bureau, role)
    policy.check_password(password)
    secret = pyotp.random_base32() if second_factor else None
    user = User(None, name, display_name.strip(), role, bureau, agency, _HASHER.hash(password), now,
                totp_secret=secret)
    with uow:
        stored = uow.identity.add_user(user)
        audit.record(uow, actor=actor, action="user.create", object=f"user:{name}", outcome=f"ok: {role.value}",
                     now=now)
        uow.commit()
    uri = pyotp.TOTP(secret).provisioning_uri(name=name, issuer_name=issuer) if secret else None
    return NewUser(stored, secret, uri)


def _managed_user(uow: UnitOfWork, actor: Actor, username: str) -> User:
    user = uow.identity.user_by_name(username.strip().lower())
    if user is None:
        raise NotFound(f"no user {username!r}", field="username")
    _may_manage(actor, user.bureau, user.role)
    return user


def list_users(uow: UnitOfWork, *, actor: Actor) -> list[User]:
    actor.require(Permission.MANAGE_USERS, "listing users")
    with uow:
        return uow.identity.list_users(None if Role.SYSTEM_ADMIN in actor.roles else actor.viewer.country)


def disable_user(uow: UnitOfWork, *, actor: Actor, username: str, now: datetime) -> User:
    """Disable a user and end their sessions at once."""
    with uow:
        user = replace(_managed_user(uow, actor, username), disabled=True)
        uow.identity.save_user(user)
        assert user.id is not None
        uow.identity.end_sessions_of(user.id, now)
        audit.record(uow, actor=actor, action="user.disable", object=f"user:{user.username}", outcome="ok", now=now)
        uow.commit()
    return user


def enable_user(uow: UnitOfWork, *, actor: Actor, username: str) -> User:
    with uow:
        user = replace(_managed_user(uow, actor, username), disabled=False, failed_logins=0, locked_until=None)
        uow.identity.save_user(user)
        uow.commit()
    return user


def reset_second_factor(uow: UnitOfWork, *, actor: Actor, username: str, now: datetime,
                        issuer: str = "NCB") -> NewUser:
    """A new TOTP secret (the old one stops working at once); the user's sessions end."""
    secret = pyotp.random_base32()
    with uow:
        user = replace(_managed_user(uow, actor, username), totp_secret=secret, totp_last_step=None)
        uow.identity.save_user(user)
        assert user.id is not None
        uow.identity.end_sessions_of(user.id, now)
        audit.record(uow, actor=actor, action="user.reset_2fa", object=f"user:{user.username}", outcome="ok", now=now)
        uow.commit()
    return NewUser(user, secret, pyotp.TOTP(secret).provisioning_uri(name=user.username, issuer_name=issuer))


def set_password(uow: UnitOfWork, *, actor: Actor, username: str, password: str, now: datetime,
                 policy: LoginPolicy = DEFAULT_POLICY) -> None:
    policy.check_password(password)
    with uow:
        user = replace(_managed_user(uow, actor, username), password_hash=_HASHER.hash(password))
        uow.identity.save_user(user)
        assert user.id is not None
        uow.identity.end_sessions_of(user.id, now)
        audit.record(uow, actor=actor, action="user.set_password", object=f"user:{user.username}", outcome="ok",
                     now=now)
        uow.commit()


# -- logging in ---------------------------------------------------------------------------------------------
def _totp_step(secret: str, code: str, now: datetime) -> int | None:
    """The time-step ``code`` is valid for around ``now`` (one step of drift either way), or None."""
    code = code.strip().replace(" ", "")
    if not (len(code) == 6 and code.isdigit()):
        return None
    totp = pyotp.TOTP(secret)
    for drift in (0, -1, 1):
        at = now + timedelta(seconds=30 * drift)
        if hmac.compare_digest(totp.at(at), code):
            return int(totp.timecode(at))
    return None


def login(uow: UnitOfWork, *, username: str, password: str, code: str | None, now: datetime,
          policy: LoginPolicy = DEFAULT_POLICY) -> LoggedIn:
    """Check a password and a TOTP code; a new session, or ``AuthenticationFailed`` saying why (the same
    words for an unknown user and a wrong password). A failure is counted and committed before it is raised."""
    name = username.strip().lower()
    with uow:
        user = uow.identity.user_by_name(name)
        if user is None:
            with contextlib.suppress(VerificationError):
                _HASHER.verify(_DUMMY_HASH, password)
            _log_login(uow, ANONYMOUS, "login", "refused: unknown user", now, typed=name)
            raise AuthenticationFailed(WRONG)
        if user.disabled:
            _log_login(uow, user.actor(), f"user:{name}", "refused: account disabled", now)
            raise AuthenticationFailed(f"the account {name!r} is disabled; ask an administrator")
        if user.locked_until is not None and now < user.locked_until:
            _log_login(uow, user.actor(), f"user:{name}", "refused: account locked", now)
            raise AuthenticationFailed(f"the account {name!r} is locked after {policy.max_failures} failed logins "
                                       f"until {user.locked_until:%H:%M:%S} UTC")
        problem = None
        try:
            _HASHER.verify(user.password_hash, password)
        except (VerifyMismatchError, InvalidHashError, VerificationError):
            problem = WRONG
        step: int | None = None
        if problem is None and user.totp_secret is not None:
            step = _totp_step(user.totp_secret, code or "", now)
            if step is None:
                problem = WRONG if code else "a code from the authenticator app is needed"
            elif user.totp_last_step is not None and step <= user.totp_last_step:
                problem = "this code was already used; wait for the next one"
        if problem is not None:
            after = policy.after_failure(user, now)
            uow.identity.save_user(after)
            locked = " (account locked)" if after.locked_until else ""
            audit.record(uow, actor=user.actor(), action="login", object=f"user:{name}",
                         outcome=f"refused: {'code replayed' if 'already used' in problem else problem}{locked}",
                         now=now)
            uow.commit()
            raise AuthenticationFailed(problem)
        new_hash = _HASHER.hash(password) if _HASHER.check_needs_rehash(user.password_hash) else user.password_hash
        user = replace(user, failed_logins=0, locked_until=None, password_hash=new_hash,
                       totp_last_step=step if step is not None else user.totp_last_step)
        uow.identity.save_user(user)
        assert user.id is not None
        live = uow.identity.live_sessions(user.id)
        for old in live[: max(0, len(live) - policy.max_sessions + 1)]:
            uow.identity.end_session(old.id_sha256, now)
        session_id = secrets.token_urlsafe(32)
        csrf = secrets.token_urlsafe(32)
        uow.identity.add_session(Session(_sha256(session_id), user.id, now, now, csrf))
        audit.record(uow, actor=user.actor(), action="login", object=f"user:{name}", outcome="ok", now=now)
        uow.commit()
    return LoggedIn(user, session_id, csrf)


ANONYMOUS = Actor("anonymous", Viewer.public())


def _log_login(uow: UnitOfWork, actor: Actor, object: str, outcome: str, now: datetime,
               typed: str | None = None) -> None:
    """A refused login, in its own commit (the refusal itself changes nothing else). What was typed as a username
    may be anything (a password typed in the wrong field): it goes only in the erasable payload."""
    audit.record(uow, actor=actor, action="login", object=object, outcome=outcome, now=now,
                 personal_data={"username": typed} if typed else None, subject="login")
    uow.commit()


def session_user(uow: UnitOfWork, *, session_id: str, now: datetime,
                 policy: LoginPolicy = DEFAULT_POLICY) -> tuple[User, Session]:
    """The user of a live session, touched; ``AuthenticationFailed`` when it ended, idled out, or its user was
    disabled."""
    with uow:
        session = uow.identity.session(_sha256(session_id))
        if session is None or session.ended_at is not None:
            raise AuthenticationFailed("not logged in (the session ended); log in again")
        if policy.idle_expired(session, now):
            uow.identity.end_session(session.id_sha256, now)
            uow.commit()
            raise AuthenticationFailed(f"the session was locked after {int(policy.idle.total_seconds() // 60)} "
                                       "idle minutes; log in again")
        user = uow.identity.user(session.user_id)
        if user is None or user.disabled:
            raise AuthenticationFailed("the account is disabled")
        uow.identity.touch_session(session.id_sha256, now)
        uow.commit()
    return user, session


def _grant_of(uow: UnitOfWork, bureau: str | None, agency: str | None) -> frozenset[str] | None:
    return uow.identity.grant(bureau, agency) if bureau and agency else None


def session_actor(uow: UnitOfWork, *, session_id: str, now: datetime, purpose: str | None = None,
                  policy: LoginPolicy = DEFAULT_POLICY) -> tuple[Actor, Session]:
    """The actor behind a live session (an agency user with its agency's grant), and the session."""
    user, session = session_user(uow, session_id=session_id, now=now, policy=policy)
    with uow:
        grant = _grant_of(uow, user.bureau, user.agency)
    return user.actor(purpose, grant), session


def token_actor(uow: UnitOfWork, *, presented: str, now: datetime, purpose: str | None = None) -> Actor:
    """The actor behind a program's token (see :func:`token_holder`)."""
    token = token_holder(uow, presented=presented, now=now)
    with uow:
        grant = _grant_of(uow, token.bureau, token.agency)
    return token.actor(purpose, grant)


def grant_agency(uow: UnitOfWork, *, actor: Actor, agency: str, notice_types: frozenset[str],
                 now: datetime) -> frozenset[str]:
    """Set which published notice types a domestic agency of the actor's bureau may see (its own requests it
    always sees). An NCB administrator decides for its own bureau's agencies."""
    actor.require(Permission.MANAGE_AGENCIES, "granting an agency access")
    bureau = actor.viewer.country
    if not bureau:
        raise ValidationError("an agency grant is made by a bureau's administrator", field="bureau")
    agency = agency.strip()
    if not agency or len(agency) > 64:
        raise ValidationError("an agency id has 1 to 64 characters", field="agency")
    known = {t.value for t in NoticeType}
    unknown = sorted(notice_types - known)
    if unknown:
        raise ValidationError(f"unknown notice types {unknown}; types are {sorted(known)}", field="notice_types")
    with uow:
        uow.identity.set_grant(bureau, agency, frozenset(notice_types), actor.name, now)
        audit.record(uow, actor=actor, action="agency.grant", object=f"agency:{bureau}:{agency}",
                     outcome=f"ok: {','.join(sorted(notice_types)) or 'none'}", now=now)
        uow.commit()
    return frozenset(notice_types)


def agency_grants(uow: UnitOfWork, *, actor: Actor) -> list[tuple[str, frozenset[str], str, datetime]]:
    actor.require(Permission.MANAGE_AGENCIES, "reading agency grants")
    with uow:
        return uow.identity.list_grants(actor.viewer.country or "")


def logout(uow: UnitOfWork, *, session_id: str, now: datetime) -> None:
    with uow:
        session = uow.identity.session(_sha256(session_id))
        uow.identity.end_session(_sha256(session_id), now)
        user = uow.identity.user(session.user_id) if session else None
        if user is not None:
            audit.record(uow, actor=user.actor(), action="logout", object=f"user:{user.username}", outcome="ok",
                         now=now)
        uow.commit()


# -- program tokens -----------------------------------------------------------------------------------------
def create_token(uow: UnitOfWork, *, actor: Actor, name: str, roles: frozenset[Role], now: datetime, days: int = 90,
                 bureau: str | None = None, agency: str | None = None) -> NewToken:
    """A token for a program, scoped to ``roles`` in ``bureau``; the secret is in the result only."""
    if not name.strip():
        raise ValidationError("a token needs a name saying what uses it", field="name")
    if not 1 <= days <= 366:
        raise ValidationError(f"a token lives 1 to 366 days, not {days}", field="days")
    if not roles:
        raise ValidationError("a token needs at least one role", field="roles")
    bureau = bureau or actor.viewer.country
    for role in roles:
        bureau, agency = _check_affiliation(role, bureau, agency)
        _may_manage(actor, bureau, role)
    token_id = secrets.token_hex(8)
    secret = secrets.token_urlsafe(32)
    token = ProgramToken(token_id, name.strip(), _sha256(secret), frozenset(roles), bureau, agency,
                         actor.name, now, now + timedelta(days=days))
    with uow:
        uow.identity.add_token(token)
        audit.record(uow, actor=actor, action="token.create", object=f"token:{token_id}",
                     outcome=f"ok: {','.join(sorted(r.value for r in roles))}", now=now)
        uow.commit()
    return NewToken(token, f"{TOKEN_PREFIX}{token_id}_{secret}")


def list_tokens(uow: UnitOfWork, *, actor: Actor) -> list[ProgramToken]:
    actor.require(Permission.MANAGE_USERS, "listing tokens")
    with uow:
        return uow.identity.list_tokens(None if Role.SYSTEM_ADMIN in actor.roles else actor.viewer.country)


def revoke_token(uow: UnitOfWork, *, actor: Actor, token_id: str, now: datetime) -> ProgramToken:
    with uow:
        token = uow.identity.token(token_id)
        if token is None:
            raise NotFound(f"no token {token_id}", field="token")
        for role in token.roles:
            _may_manage(actor, token.bureau, role)
        uow.identity.revoke_token(token_id, now)
        audit.record(uow, actor=actor, action="token.revoke", object=f"token:{token_id}", outcome="ok", now=now)
        uow.commit()
    return replace(token, revoked_at=token.revoked_at or now)


def token_holder(uow: UnitOfWork, *, presented: str, now: datetime) -> ProgramToken:
    """The token behind ``ncb_<id>_<secret>``; ``AuthenticationFailed`` for a malformed, unknown, expired or
    revoked one (and for a wrong secret, compared in constant time)."""
    body = presented.removeprefix(TOKEN_PREFIX)
    token_id, _, secret = body.partition("_")
    if not presented.startswith(TOKEN_PREFIX) or not token_id or not secret:
        raise AuthenticationFailed("not an NCB token (expected ncb_<id>_<secret>)")
    with uow:
        token = uow.identity.token(token_id)
        if token is None or not hmac.compare_digest(token.secret_sha256, _sha256(secret)):
            raise AuthenticationFailed("unknown token")
        refusal = token.refusal(now)
        if refusal:
            raise AuthenticationFailed(refusal)
        if token.last_used_at is None or now - token.last_used_at > timedelta(minutes=1):
            uow.identity.token_used(token.id, now)  # at most once a minute: a busy program writes little
            uow.commit()
    return token


def policy_from(settings: Settings) -> LoginPolicy:
    return LoginPolicy(max_failures=settings.login_max_failures,
                       lockout=timedelta(minutes=settings.login_lockout_minutes),
                       idle=timedelta(minutes=settings.session_idle_minutes),
                       max_sessions=settings.session_max_per_user,
                       password_min_length=settings.password_min_length)
