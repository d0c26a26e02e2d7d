"""The exception tree. No HTTP codes here: ``web`` maps types to statuses in one table, the CLI to exit codes.

::

    NcbError
     ├── ConfigurationError        a setting is missing or unsafe
     ├── ValidationError           input is malformed: names the record and the field
     │    ├── ImportRecordError    one record of an import file is bad (file, line/index, entity_id)
     │    └── TooLarge             an upload is larger than a limit allows (nothing kept of it)
     ├── NotFound                  no such notice / bureau / country (or not visible to the viewer)
     ├── Conflict                  the request clashes with what is stored
     │    ├── DuplicateRecord      same entity_id, different content
     │    └── IllegalTransition    a lifecycle change the status does not allow
     ├── ComplianceBlocked         a blocking compliance finding stops approval
     ├── PermissionDenied          the viewer may not do this
     └── RateLimited               too many requests from one client: try again after ``retry_after`` seconds
"""

from __future__ import annotations


class NcbError(Exception):
    """Base of every error the application raises on purpose."""

    title = "Error"

    def __init__(self, message: str, *, field: str | None = None, record: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field
        self.record = record

    def __str__(self) -> str:
        where = []
        if self.record:
            where.append(f"record {self.record}")
        if self.field:
            where.append(f"field {self.field!r}")
        return f"{', '.join(where)}: {self.message}" if where else self.message


class ConfigurationError(NcbError):
    title = "Configuration error"


class ValidationError(NcbError):
    title = "Invalid input"


class ImportRecordError(ValidationError):
    title = "Invalid record in import"


class TooLarge(ValidationError):
    title = "Too large"


class NotFound(NcbError):
    title = "Not found"


class Conflict(NcbError):
    title = "Conflict"


class DuplicateRecord(Conflict):
    title = "Duplicate record"


class IllegalTransition(Conflict):
    title = "Illegal transition"


class ComplianceBlocked(NcbError):
    title = "Blocked by compliance rules"


class PermissionDenied(NcbError):
    title = "Permission denied"


class RateLimited(NcbError):
    """Too many requests from one client (an address, a login name): ``retry_after`` is how many whole seconds
    to wait before the next one can succeed."""

    title = "Too many requests"

    def __init__(self, message: str, *, retry_after: int) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class AuthenticationFailed(NcbError):
    """A login, session or token refused: wrong credentials, a replayed code, a locked, disabled, expired or
    revoked account or token. The message says which, except between an unknown user and a wrong password."""

    title = "Authentication failed"
