"""Users, program tokens and sessions in SQL."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Connection, insert, select, update
from sqlalchemy.engine import RowMapping

from ncb.domain.identity import ProgramToken, Role, Session, User
from ncb.errors import Conflict
from ncb.storage.dialect import as_utc
from ncb.storage.tables import agency_grants, api_tokens, sessions, users


def _user(row: RowMapping) -> User:
    return User(id=row["id"], username=row["username"], display_name=row["display_name"], role=Role(row["role"]),
                bureau=row["bureau"], agency=row["agency"], password_hash=row["password_hash"],
                created_at=as_utc(row["created_at"]), totp_secret=row["totp_secret"],
                totp_last_step=row["totp_last_step"], failed_logins=row["failed_logins"],
                locked_until=as_utc(row["locked_until"]) if row["locked_until"] else None,
                disabled=bool(row["disabled"]))


def _token(row: RowMapping) -> ProgramToken:
    return ProgramToken(id=row["id"], name=row["name"], secret_sha256=row["secret_sha256"],
                        roles=frozenset(Role(r) for r in row["roles"].split(",") if r), bureau=row["bureau"],
                        agency=row["agency"], created_by=row["created_by"], created_at=as_utc(row["created_at"]),
                        expires_at=as_utc(row["expires_at"]),
                        revoked_at=as_utc(row["revoked_at"]) if row["revoked_at"] else None,
                        last_used_at=as_utc(row["last_used_at"]) if row["last_used_at"] else None)


def _session(row: RowMapping) -> Session:
    return Session(id_sha256=row["id_sha256"], user_id=row["user_id"], created_at=as_utc(row["created_at"]),
                   last_seen_at=as_utc(row["last_seen_at"]), csrf_token=row["csrf_token"],
                   ended_at=as_utc(row["ended_at"]) if row["ended_at"] else None)


class SqlIdentityRepository:
    def __init__(self, conn: Connection) -> None:
        self.conn = conn

    # -- users ------------------------------------------------------------------------------------------
    def add_user(self, user: User) -> User:
        if self.user_by_name(user.username) is not None:
            raise Conflict(f"a user {user.username!r} already exists", field="username")
        values: dict[str, Any] = {
            "username": user.username, "display_name": user.display_name, "role": user.role.value,
            "bureau": user.bureau, "agency": user.agency, "password_hash": user.password_hash,
            "totp_secret": user.totp_secret, "totp_last_step": user.totp_last_step,
            "failed_logins": user.failed_logins, "locked_until": user.locked_until, "disabled": user.disabled,
            "created_at": user.created_at}
        new_id = self.conn.execute(insert(users).values(**values).returning(users.c.id)).scalar_one()
        return User(**{**user.__dict__, "id": new_id})

    def user_by_name(self, username: str) -> User | None:
        row = self.conn.execute(select(users).where(users.c.username == username)).mappings().first()
        return _user(row) if row else None

    def user(self, user_id: int) -> User | None:
        row = self.conn.execute(select(users).where(users.c.id == user_id)).mappings().first()
        return _user(row) if row else None

    def list_users(self, bureau: str | None = None) -> list[User]:
        q = select(users).order_by(users.c.bureau, users.c.username)
        if bureau is not None:
            q = q.where(users.c.bureau == bureau)
        return [_user(r) for r in self.conn.execute(q).mappings()]

    def save_user(self, user: User) -> None:
        """Write back what changes after creation: password, second factor, failures, lock, disabled."""
        self.conn.execute(update(users).where(users.c.id == user.id).values(
            display_name=user.display_name, role=user.role.value, password_hash=user.password_hash,
            totp_secret=user.totp_secret, totp_last_step=user.totp_last_step, failed_logins=user.failed_logins,
            locked_until=user.locked_until, disabled=user.disabled))

    # -- program tokens ---------------------------------------------------------------------------------
    def add_token(self, token: ProgramToken) -> None:
        self.conn.execute(insert(api_tokens).values(
            id=token.id, name=token.name, secret_sha256=token.secret_sha256,
            roles=",".join(sorted(r.value for r in token.roles)), bureau=token.bureau, agency=token.agency,
            created_by=token.created_by, created_at=token.created_at, expires_at=token.expires_at))

    def token(self, token_id: str) -> ProgramToken | None:
        row = self.conn.execute(select(api_tokens).where(api_tokens.c.id == token_id)).mappings().first()
        return _token(row) if row else None

    def list_tokens(self, bureau: str | None = None) -> list[ProgramToken]:
        q = select(api_tokens).order_by(api_tokens.c.created_at)
        if bureau is not None:
            q = q.where(api_tokens.c.bureau == bureau)
        return [_token(r) for r in self.conn.execute(q).mappings()]

    def revoke_token(self, token_id: str, now: datetime) -> None:
        self.conn.execute(update(api_tokens).where(api_tokens.c.id == token_id, api_tokens.c.revoked_at.is_(None))
                          .values(revoked_at=now))

    def token_used(self, token_id: str, now: datetime) -> None:
        self.conn.execute(update(api_tokens).where(api_tokens.c.id == token_id).values(last_used_at=now))

    # -- sessions ---------------------------------------------------------------------------------------
    def add_session(self, session: Session) -> None:
        self.conn.execute(insert(sessions).values(
            id_sha256=session.id_sha256, user_id=session.user_id, created_at=session.created_at,
            last_seen_at=session.last_seen_at, csrf_token=session.csrf_token))

    def session(self, id_sha256: str) -> Session | None:
        row = self.conn.execute(select(sessions).where(sessions.c.id_sha256 == id_sha256)).mappings().first()
        return _session(row) if row else None

    def live_sessions(self, user_id: int) -> list[Session]:
        q = (select(sessions).where(sessions.c.user_id == user_id, sessions.c.ended_at.is_(None))
             .order_by(sessions.c.created_at))
        return [_session(r) for r in self.conn.execute(q).mappings()]

    def touch_session(self, id_sha256: str, now: datetime) -> None:
        self.conn.execute(update(sessions).where(sessions.c.id_sha256 == id_sha256).values(last_seen_at=now))

    def end_session(self, id_sha256: str, now: datetime) -> None:
        self.conn.execute(update(sessions).where(sessions.c.id_sha256 == id_sha256, sessions.c.ended_at.is_(None))
                          .values(ended_at=now))

    def end_sessions_of(self, user_id: int, now: datetime) -> int:
        result = self.conn.execute(update(sessions).where(sessions.c.user_id == user_id, sessions.c.ended_at.is_(None))
                                   .values(ended_at=now))
        return int(result.rowcount or 0)

    # -- agency grants ----------------------------------------------------------------------------------
    def grant(self, bureau: str, agency: str) -> frozenset[str]:
        """The notice types ``agency`` may see once published (none when no grant was made)."""
        value = self.conn.execute(select(agency_grants.c.notice_types).where(
            agency_grants.c.bureau == bureau, agency_grants.c.agency == agency)).scalar_one_or_none()
        return frozenset(t for t in (value or "").split(",") if t)

    def set_grant(self, bureau: str, agency: str, notice_types: frozenset[str], by: str, at: datetime) -> None:
        key = (agency_grants.c.bureau == bureau) & (agency_grants.c.agency == agency)
        values = {"notice_types": ",".join(sorted(notice_types)), "granted_by": by, "granted_at": at}
        if self.conn.execute(update(agency_grants).where(key).values(**values)).rowcount == 0:
            self.conn.execute(insert(agency_grants).values(bureau=bureau, agency=agency, **values))

    def list_grants(self, bureau: str) -> list[tuple[str, frozenset[str], str, datetime]]:
        q = select(agency_grants).where(agency_grants.c.bureau == bureau).order_by(agency_grants.c.agency)
        return [(r["agency"], frozenset(t for t in r["notice_types"].split(",") if t), r["granted_by"],
                 as_utc(r["granted_at"])) for r in self.conn.execute(q).mappings()]
