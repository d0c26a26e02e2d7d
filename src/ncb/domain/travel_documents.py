"""Stolen and lost travel documents (INTERPOL's SLTD database, as a bureau keeps and checks it).

A :class:`TravelDocument` is one report: a passport, identity card or visa (issued to someone, or a blank
stolen before issue), its issuing country, what happened to it, and which bureau reported it when.
Numbers are compared in their normal form (:func:`normalise_number`: letters and digits, upper case), so
``"AB 123-456"`` read off a page and ``"ab123456"`` keyed in by an officer are the same document.

Rules:

- a document of one issuing country has at most one *open* report (one whose status is not
  ``recovered``); reporting it again while open is a duplicate;
- an open report hits at the border; a recovered one no longer does (it is kept, for the record);
- only the bureau that reported a document marks it recovered, and a recovered report is closed for
  good: if the document goes missing again, that is a new report.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from ncb.domain.countries import validate_country
from ncb.errors import IllegalTransition, PermissionDenied, ValidationError

MAX_NUMBER = 40  # ICAO numbers are 9 characters (TD1 allows 24 with the overflow); leave room for others


_NOT_ALNUM = re.compile(r"[\W_]+")


def normalise_number(number: str) -> str:
    """A document number as compared: compatibility forms folded (full-width ``Ａ１`` is ``A1``), then
    letters and digits only, upper case."""
    if number.isascii():
        return number.upper() if number.isalnum() else _NOT_ALNUM.sub("", number).upper()
    return _NOT_ALNUM.sub("", unicodedata.normalize("NFKC", number)).upper()


def _choice(enum: type[StrEnum], text: str, field: str) -> str:
    if text in enum._value2member_map_:  # the common case, without building anything
        return text
    normal = text.strip().lower().replace("-", "_").replace(" ", "_") if isinstance(text, str) else ""
    if normal not in {m.value for m in enum}:
        allowed = ", ".join(m.value for m in enum)
        raise ValidationError(f"{text!r} is not one of: {allowed}", field=field)
    return normal


class DocumentType(StrEnum):
    PASSPORT = "passport"
    ID_CARD = "id_card"
    VISA = "visa"
    OTHER = "other"

    @classmethod
    def parse(cls, text: str | DocumentType, field: str = "type") -> DocumentType:
        """``passport``, ``id_card`` (``ID card`` and ``id-card`` too), ``visa`` or ``other``."""
        return text if isinstance(text, DocumentType) else cls(_choice(cls, text, field))


class DocumentStatus(StrEnum):
    STOLEN = "stolen"
    LOST = "lost"
    REVOKED = "revoked"  # withdrawn by the issuer (for example after the holder's death, or obtained by fraud)
    INVALIDATED = "invalidated"  # declared no longer valid (for example a damaged or superseded document)
    RECOVERED = "recovered"

    @classmethod
    def parse(cls, text: str | DocumentStatus, field: str = "status") -> DocumentStatus:
        return text if isinstance(text, DocumentStatus) else cls(_choice(cls, text, field))

    @property
    def hits(self) -> bool:
        """A document in this status is reported to whoever checks its number; a recovered one is not."""
        return self is not DocumentStatus.RECOVERED

    def check_change(self, target: DocumentStatus) -> None:
        """An open report may change to any other status (a lost passport found to be stolen, a stolen one
        revoked by its issuer, any of them recovered); a recovered report is closed."""
        if self is DocumentStatus.RECOVERED:
            raise IllegalTransition("the report is closed: the document was recovered (report it again if it "
                                    "went missing again)", field="status")
        if target is self:
            raise IllegalTransition(f"the document is already {self.value}", field="status")


@dataclass(frozen=True)
class TravelDocument:
    """One report of a stolen, lost, revoked or invalidated travel document. Build it with :meth:`create`,
    which validates; the plain constructor trusts its arguments (storage reading its own rows)."""

    number: str  # as printed
    issuing_country: str  # ISO 3166-1 alpha-2
    type: DocumentType
    status: DocumentStatus
    reported_by: str  # the reporting bureau's country
    reported_on: date
    blank: bool = False  # stolen before it was issued to anyone
    number_key: str = field(init=False, repr=False, compare=False)  # normalised: what lookups compare
    key: tuple[str, str] = field(init=False, repr=False, compare=False)  # the document: one open report per key

    def __post_init__(self) -> None:
        object.__setattr__(self, "number_key", normalise_number(self.number))
        object.__setattr__(self, "key", (self.number_key, self.issuing_country))

    @property
    def hits(self) -> bool:
        return self.status.hits

    @classmethod
    def create(cls, *, number: str, issuing_country: str, type: str | DocumentType, status: str | DocumentStatus,
               reported_by: str, reported_on: date, blank: bool = False,
               today: date | None = None) -> TravelDocument:
        """A validated report; each error names its field. ``today`` (when given) refuses a report dated in
        the future."""
        if not isinstance(number, str) or not number.strip():
            raise ValidationError("a document number is required", field="number")
        printed = number if number.isalnum() else " ".join(number.split())
        if len(printed) > MAX_NUMBER:
            raise ValidationError(f"a number of {len(printed)} characters is too long (at most {MAX_NUMBER})",
                                  field="number")
        if today is not None and reported_on > today:
            raise ValidationError(f"{reported_on.isoformat()} is in the future", field="reported_on")
        doc = cls(number=printed, issuing_country=validate_country(issuing_country, field="issuing_country"),
                  type=DocumentType.parse(type), status=DocumentStatus.parse(status),
                  reported_by=validate_country(reported_by, field="reported_by"), reported_on=reported_on,
                  blank=bool(blank))
        if not doc.number_key:
            raise ValidationError(f"{number!r} has no letters or digits", field="number")
        return doc

    def as_dict(self) -> dict[str, Any]:
        return {"number": self.number, "number_key": self.number_key, "issuing_country": self.issuing_country,
                "type": self.type.value, "status": self.status.value, "hits": self.hits,
                "reported_by": self.reported_by, "reported_on": self.reported_on.isoformat(), "blank": self.blank}

    def same_report(self, other: TravelDocument) -> bool:
        """The same document reported the same way (an import run twice is not a duplicate)."""
        return (self.key, self.type, self.status, self.reported_by, self.reported_on, self.blank) == (
            other.key, other.type, other.status, other.reported_by, other.reported_on, other.blank)

    def duplicate_message(self) -> str:
        return (f"{self.type.value} {self.number} of {self.issuing_country} is already reported {self.status.value} "
                f"by {self.reported_by} on {self.reported_on.isoformat()}")

    def change_status(self, target: DocumentStatus, *, by: str) -> TravelDocument:
        """The report with its new status. Only the reporting bureau changes its report."""
        if by != self.reported_by:
            raise PermissionDenied(f"only the reporting bureau ({self.reported_by}) may change this report, "
                                   f"not {by}", field="reported_by", record=self.number)
        self.status.check_change(target)
        return replace(self, status=target)

    def recover(self, *, by: str) -> TravelDocument:
        """The document was found again: the report stays, closed, and no longer hits."""
        return self.change_status(DocumentStatus.RECOVERED, by=by)


@dataclass(frozen=True)
class StatusChange:
    """One recorded change of a report's status (appended, never overwritten)."""

    number: str
    issuing_country: str
    from_status: DocumentStatus
    to_status: DocumentStatus
    actor: str
    at: datetime
    reason: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return {"number": self.number, "issuing_country": self.issuing_country, "from_status": self.from_status.value,
                "to_status": self.to_status.value, "actor": self.actor, "at": self.at.isoformat(),
                "reason": self.reason}


def parse_date(text: str, field: str = "reported_on") -> date:
    """``YYYY-MM-DD`` (or ``YYYY/MM/DD``), a real day."""
    value = text.strip().replace("/", "-") if isinstance(text, str) else ""
    if len(value) != 10:
        raise ValidationError(f"{text!r} is not a date (expected YYYY-MM-DD)", field=field)
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ValidationError(f"{text!r} is not a date that exists (expected YYYY-MM-DD)", field=field) from None


_TRUE = {"1", "true", "yes", "y", "blank"}
_FALSE = {"", "0", "false", "no", "n", "issued"}


def parse_blank(text: str | None, field: str = "blank") -> bool:
    """``true``/``yes``/``1``/``blank`` or ``false``/``no``/``0``/``issued``/empty."""
    value = (text or "").strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ValidationError(f"{text!r} is neither true (blank) nor false (issued)", field=field)
