"""Who acts and what each role may do: the roles of issue #4, their permissions, and the ``Actor`` every
service is handed (a name for the record, the viewer whose rights decide what is visible, the roles, and
the purpose stated for reading non-public data).

Roles grant permissions; the viewer decides visibility (:func:`ncb.domain.access.can_view`). A system
administrator runs the system and reads no police data; a data-protection officer handles data-subject
requests and reads the audit trail, not the files.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from enum import StrEnum

from ncb.domain.access import Viewer, ViewerKind
from ncb.errors import PermissionDenied, ValidationError


class Role(StrEnum):
    PUBLIC = "public"
    AGENCY_USER = "agency_user"  # a domestic agency (a prefectural police) working through its bureau
    NCB_OFFICER = "ncb_officer"
    NCB_ADMIN = "ncb_admin"  # an NCB administrator: its bureau's users and what its agencies may see
    REVIEWER = "reviewer"  # the General Secretariat's review of notice requests
    BORDER_OFFICER = "border_officer"
    DATA_PROTECTION_OFFICER = "dpo"
    SYSTEM_ADMIN = "system_admin"

    @property
    def label(self) -> str:
        return _LABELS[self]


_LABELS = {
    Role.PUBLIC: "public", Role.AGENCY_USER: "domestic agency user", Role.NCB_OFFICER: "NCB officer",
    Role.NCB_ADMIN: "NCB administrator", Role.REVIEWER: "reviewer (General Secretariat)",
    Role.BORDER_OFFICER: "border officer", Role.DATA_PROTECTION_OFFICER: "data-protection officer",
    Role.SYSTEM_ADMIN: "system administrator",
}


class Permission(StrEnum):
    READ_NOTICES = "read_notices"  # non-public notices the viewer may see (with a stated purpose)
    WRITE_NOTICES = "write_notices"  # create, edit, submit and change the status of its bureau's notices
    REVIEW_NOTICES = "review_notices"
    SCREEN = "screen"  # check travellers and lists
    DECIDE_HITS = "decide_hits"  # the hit queue: see and confirm or dismiss
    EXPORT = "export"  # exports and offline bundles (disclosures)
    IMPORT = "import"
    MANAGE_USERS = "manage_users"  # users and tokens of its own bureau
    MANAGE_AGENCIES = "manage_agencies"  # what its domestic agencies may see
    READ_AUDIT = "read_audit"
    HANDLE_SUBJECT_REQUESTS = "handle_subject_requests"
    MANAGE_SYSTEM = "manage_system"  # every user and token, checkpoints, retention runs


PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.PUBLIC: frozenset(),
    Role.AGENCY_USER: frozenset({Permission.READ_NOTICES, Permission.WRITE_NOTICES, Permission.SCREEN,
                                 Permission.DECIDE_HITS}),
    Role.NCB_OFFICER: frozenset({Permission.READ_NOTICES, Permission.WRITE_NOTICES, Permission.SCREEN,
                                 Permission.DECIDE_HITS, Permission.EXPORT, Permission.IMPORT}),
    Role.NCB_ADMIN: frozenset({Permission.READ_NOTICES, Permission.WRITE_NOTICES, Permission.SCREEN,
                               Permission.DECIDE_HITS, Permission.EXPORT, Permission.IMPORT,
                               Permission.MANAGE_USERS, Permission.MANAGE_AGENCIES, Permission.READ_AUDIT}),
    Role.REVIEWER: frozenset({Permission.READ_NOTICES, Permission.REVIEW_NOTICES}),
    Role.BORDER_OFFICER: frozenset({Permission.SCREEN, Permission.DECIDE_HITS}),
    Role.DATA_PROTECTION_OFFICER: frozenset({Permission.HANDLE_SUBJECT_REQUESTS, Permission.READ_AUDIT}),
    Role.SYSTEM_ADMIN: frozenset({Permission.MANAGE_USERS, Permission.MANAGE_SYSTEM, Permission.READ_AUDIT}),
}

_DEFAULT_ROLE = {ViewerKind.PUBLIC: Role.PUBLIC, ViewerKind.BUREAU: Role.NCB_OFFICER,
                 ViewerKind.AGENCY: Role.AGENCY_USER, ViewerKind.GENERAL_SECRETARIAT: Role.REVIEWER}


def parse_roles(text: str) -> frozenset[Role]:
    """``ncb_officer,border_officer`` to roles; an unknown name is an error that lists the known ones."""
    roles = set()
    for part in text.split(","):
        name = part.strip().lower().replace("-", "_")
        if not name:
            continue
        try:
            roles.add(Role(name))
        except ValueError:
            raise ValidationError(f"unknown role {part.strip()!r}; roles are {', '.join(r.value for r in Role)}",
                                  field="roles") from None
    if not roles:
        raise ValidationError("at least one role is needed", field="roles")
    return frozenset(roles)


def viewer_for(role: Role, bureau: str | None, agency: str | None = None,
               notice_types: frozenset[str] | None = None) -> Viewer:
    """The viewer whose rights a user of ``role`` reads with: a reviewer reads as the General Secretariat,
    an agency user as its agency, bureau roles as their bureau; a system administrator and a
    data-protection officer read no notices through the ordinary paths (public rights)."""
    if role is Role.REVIEWER:
        return Viewer.general_secretariat()
    if role is Role.AGENCY_USER:
        if not bureau or not agency:
            raise ValidationError("a domestic agency user needs a bureau and an agency", field="agency")
        return Viewer.agency_of(bureau, agency, notice_types)
    if role in (Role.NCB_OFFICER, Role.NCB_ADMIN, Role.BORDER_OFFICER):
        if not bureau:
            raise ValidationError(f"a {role.label} belongs to a bureau", field="bureau")
        return Viewer.bureau(bureau)
    return Viewer.public()


@dataclass(frozen=True)
class Actor:
    """Who acts: a name for the history and the audit trail, the viewer whose rights apply, the roles that
    grant permissions (by default the usual role of the viewer's kind), and the purpose stated for this
    consultation (required to read non-public data)."""

    name: str
    viewer: Viewer
    roles: frozenset[Role] = field(default=frozenset())
    purpose: str | None = None

    def __post_init__(self) -> None:
        if not self.roles:
            object.__setattr__(self, "roles", frozenset({_DEFAULT_ROLE[self.viewer.kind]}))

    @property
    def permissions(self) -> frozenset[Permission]:
        return frozenset().union(*(PERMISSIONS[r] for r in self.roles))

    def can(self, permission: Permission) -> bool:
        return permission in self.permissions

    def require(self, permission: Permission, what: str) -> None:
        """Raise ``PermissionDenied`` naming the act and the roles held, unless a role grants ``permission``."""
        if not self.can(permission):
            held = ", ".join(sorted(r.label for r in self.roles))
            raise PermissionDenied(f"{what} needs the {permission.value} permission, which {held} does not have")

    def require_purpose(self) -> str:
        """The stated purpose, or a ``ValidationError`` saying one is needed."""
        purpose = (self.purpose or "").strip()
        if not purpose:
            raise ValidationError("reading non-public data needs a stated purpose (X-NCB-Purpose, or --purpose)",
                                  field="purpose")
        return purpose


@dataclass(frozen=True)
class User:
    """A person who logs in. ``password_hash`` is an argon2 PHC string; ``totp_last_step`` the last TOTP
    time-step accepted, so that a code is never accepted twice."""

    id: int | None
    username: str
    display_name: str
    role: Role
    bureau: str | None
    agency: str | None
    password_hash: str
    created_at: datetime
    totp_secret: str | None = None
    totp_last_step: int | None = None
    failed_logins: int = 0
    locked_until: datetime | None = None
    disabled: bool = False

    def actor(self, purpose: str | None = None, notice_types: frozenset[str] | None = None) -> Actor:
        """The user acting; ``notice_types`` is its agency's grant (agency users only)."""
        return Actor(f"{self.username}@{self.bureau or self.role.value}",
                     viewer_for(self.role, self.bureau, self.agency, notice_types), frozenset({self.role}), purpose)

    def public_view(self) -> dict[str, object]:
        """What may be shown of a user: never the hash or the second factor's secret."""
        return {"username": self.username, "display_name": self.display_name, "role": self.role.value,
                "bureau": self.bureau, "agency": self.agency, "disabled": self.disabled,
                "locked_until": self.locked_until.isoformat() if self.locked_until else None,
                "second_factor": self.totp_secret is not None, "created_at": self.created_at.isoformat()}


@dataclass(frozen=True)
class ProgramToken:
    """A program's token: ``ncb_<id>_<secret>``; only the secret's SHA-256 is kept."""

    id: str
    name: str
    secret_sha256: str
    roles: frozenset[Role]
    bureau: str | None
    agency: str | None
    created_by: str
    created_at: datetime
    expires_at: datetime
    revoked_at: datetime | None = None
    last_used_at: datetime | None = None

    def actor(self, purpose: str | None = None, notice_types: frozenset[str] | None = None) -> Actor:
        """The program acting; ``notice_types`` is its agency's grant (agency tokens only)."""
        role = next((r for r in sorted(self.roles) if r is not Role.PUBLIC), Role.PUBLIC)
        return Actor(f"token:{self.id}@{self.bureau or role.value}",
                     viewer_for(role, self.bureau, self.agency, notice_types), self.roles, purpose)

    def refusal(self, now: datetime) -> str | None:
        """Why the token cannot be used at ``now``, or None."""
        if self.revoked_at is not None:
            return f"the token {self.id} was revoked on {self.revoked_at:%Y-%m-%d %H:%M} UTC"
        if now >= self.expires_at:
            return f"the token {self.id} expired on {self.expires_at:%Y-%m-%d %H:%M} UTC"
        return None

    def public_view(self) -> dict[str, object]:
        return {"id": self.id, "name": self.name, "roles": sorted(r.value for r in self.roles),
                "bureau": self.bureau, "agency": self.agency, "created_by": self.created_by,
                "created_at": self.created_at.isoformat(), "expires_at": self.expires_at.isoformat(),
                "revoked_at": self.revoked_at.isoformat() if self.revoked_at else None,
                "last_used_at": self.last_used_at.isoformat() if self.last_used_at else None}


@dataclass(frozen=True)
class Session:
    id_sha256: str
    user_id: int
    created_at: datetime
    last_seen_at: datetime
    csrf_token: str
    ended_at: datetime | None = None


@dataclass(frozen=True)
class LoginPolicy:
    """Every number of the login rules (settings ``login_*``, ``session_*``, ``password_min_length``)."""

    max_failures: int = 5
    lockout: timedelta = timedelta(minutes=10)
    idle: timedelta = timedelta(minutes=30)
    max_sessions: int = 1
    password_min_length: int = 15

    def after_failure(self, user: User, now: datetime) -> User:
        """The user after one more failed attempt: locked for ``lockout`` on reaching ``max_failures``."""
        failed = user.failed_logins + 1
        if failed >= self.max_failures:
            return replace(user, failed_logins=0, locked_until=now + self.lockout)
        return replace(user, failed_logins=failed)

    def check_password(self, password: str) -> None:
        """Length only (no composition rules, as NIST SP 800-63B and the CJIS advanced option ask)."""
        if len(password) < self.password_min_length:
            raise ValidationError(f"a password needs at least {self.password_min_length} characters "
                                  f"(this one has {len(password)})", field="password")
        if len(password) > 1024:
            raise ValidationError("a password may have at most 1,024 characters", field="password")

    def idle_expired(self, session: Session, now: datetime) -> bool:
        return now - session.last_seen_at >= self.idle


def check_username(username: str) -> str:
    name = username.strip().lower()
    if not _USERNAME.fullmatch(name):
        raise ValidationError(f"{username!r} is not a username: 2-64 letters, digits, dots, hyphens or underscores",
                              field="username")
    return name


_USERNAME = re.compile(r"[a-z0-9][a-z0-9._-]{1,63}")
