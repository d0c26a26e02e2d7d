"""Who acts and what each role may do: the roles of issue #4, their permissions, and the ``Actor`` every
service is handed (a name for the record, the viewer whose rights decide what is visible, the roles, and
the purpose stated for reading non-public data).

Roles grant permissions; the viewer decides visibility (:func:`ncb.domain.access.can_view`). A system
administrator runs the system and reads no police data; a data-protection officer handles data-subject
requests and reads the audit trail, not the files.
"""

from __future__ import annotations

from dataclasses import dataclass, field
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
    Role.AGENCY_USER: frozenset({Permission.READ_NOTICES, Permission.WRITE_NOTICES, Permission.SCREEN}),
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


def viewer_for(role: Role, bureau: str | None, agency: str | None = None) -> Viewer:
    """The viewer whose rights a user of ``role`` reads with: a reviewer reads as the General Secretariat,
    an agency user as its agency, bureau roles as their bureau; a system administrator and a
    data-protection officer read no notices through the ordinary paths (public rights)."""
    if role is Role.REVIEWER:
        return Viewer.general_secretariat()
    if role is Role.AGENCY_USER:
        if not bureau or not agency:
            raise ValidationError("a domestic agency user needs a bureau and an agency", field="agency")
        return Viewer.agency_of(bureau, agency)
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
