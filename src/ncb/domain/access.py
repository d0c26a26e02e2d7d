"""Who may see a notice: one pure :func:`can_view`, through which every read path goes.

The owner bureau always sees its notices. Other bureaus see published notices that the owner's
restriction lets their country see (and, for a diffusion, only when addressed to them). The General
Secretariat's reviewers see everything that has been submitted. The public sees only published notices
with a public extract. A domestic agency sees the notices it asked its bureau for and, once published,
what its bureau sees of the notice types its NCB administrator granted it (``notice_types``; ``None``, for
the trusted front-end's viewers, means every type).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from ncb.domain.notices import Notice, NoticeStatus
from ncb.errors import ValidationError


class ViewerKind(StrEnum):
    PUBLIC = "public"
    BUREAU = "bureau"
    AGENCY = "agency"
    GENERAL_SECRETARIAT = "general_secretariat"


@dataclass(frozen=True)
class Viewer:
    kind: ViewerKind
    country: str | None = None  # the bureau's (or the agency's bureau's) country
    agency: str | None = None
    notice_types: frozenset[str] | None = None  # an agency's grant: published notice types it may see

    @classmethod
    def parse(cls, text: str) -> Viewer:
        """``bureau:JP``, ``agency:JP:JP-TOKYO-MPD``, ``general-secretariat`` (or ``gs``), ``public``."""
        parts = text.strip().split(":")
        if parts == ["public"]:
            return cls.public()
        if parts in (["general-secretariat"], ["gs"]):
            return cls.general_secretariat()
        if parts[0] == "bureau" and len(parts) == 2 and len(parts[1]) in (2, 3):
            return cls.bureau(parts[1].upper())
        if parts[0] == "agency" and len(parts) == 3 and len(parts[1]) in (2, 3) and parts[2]:
            return cls.agency_of(parts[1].upper(), parts[2])
        raise ValidationError(f"{text!r} is not a viewer: expected bureau:CC, agency:CC:AGENCY-ID, "
                              "general-secretariat or public", field="viewer")

    @classmethod
    def public(cls) -> Viewer:
        return cls(ViewerKind.PUBLIC)

    @classmethod
    def bureau(cls, country: str) -> Viewer:
        return cls(ViewerKind.BUREAU, country=country)

    @classmethod
    def general_secretariat(cls) -> Viewer:
        return cls(ViewerKind.GENERAL_SECRETARIAT)

    @classmethod
    def agency_of(cls, country: str, agency: str, notice_types: frozenset[str] | None = None) -> Viewer:
        return cls(ViewerKind.AGENCY, country=country, agency=agency, notice_types=notice_types)


def can_view(viewer: Viewer, notice: Notice) -> bool:
    if viewer.kind is ViewerKind.PUBLIC:
        return notice.is_public and notice.type.has_public_extract
    if viewer.kind is ViewerKind.GENERAL_SECRETARIAT:
        return notice.status is not NoticeStatus.DRAFT
    country = viewer.country
    if country is None:
        return False
    if viewer.kind is ViewerKind.AGENCY and notice.agency != viewer.agency and viewer.notice_types is not None \
            and notice.type.value not in viewer.notice_types:
        return False
    if notice.owner == country:
        if viewer.kind is ViewerKind.BUREAU:
            return True
        if notice.agency is not None and notice.agency == viewer.agency:
            return True
        return notice.status is NoticeStatus.PUBLISHED
    if notice.status is not NoticeStatus.PUBLISHED:
        return False
    if not notice.restriction.permits(country):
        return False
    return not notice.addressees or country in notice.addressees
