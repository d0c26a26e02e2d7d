"""Notices, their subjects and their lifecycle.

A notice is a typed request for cooperation about a subject (a person or an entity), owned by the
bureau that asked for it. Its status changes only through :meth:`NoticeStatus.check_transition`, and
every change is recorded as a :class:`Transition` (history is appended, never overwritten).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from ncb.domain.codes import EyeColour, HairColour, Sex
from ncb.domain.dates import PartialDate, add_months
from ncb.domain.names import Name, NameKind
from ncb.errors import IllegalTransition, ValidationError

ENTITY_ID = re.compile(r"^\d{4}/\d{1,9}$")


class NoticeType(StrEnum):
    RED = "red"
    YELLOW = "yellow"
    BLUE = "blue"
    BLACK = "black"
    GREEN = "green"
    ORANGE = "orange"
    PURPLE = "purple"
    SILVER = "silver"
    UN_SPECIAL = "un_special"
    DIFFUSION = "diffusion"

    @property
    def has_public_extract(self) -> bool:
        """Only Red, Yellow and UN Special Notices have a public extract (INTERPOL publishes no others)."""
        return self in (NoticeType.RED, NoticeType.YELLOW, NoticeType.UN_SPECIAL)

    @property
    def reviewed_after_sending(self) -> bool:
        """A diffusion goes out when its bureau sends it, and is reviewed afterwards."""
        return self is NoticeType.DIFFUSION


class NoticeStatus(StrEnum):
    DRAFT = "draft"
    SUBMITTED = "submitted"
    PUBLISHED = "published"
    REFUSED = "refused"
    SUSPENDED = "suspended"
    WITHDRAWN = "withdrawn"
    CANCELLED = "cancelled"
    DELETED = "deleted"
    EXPIRED = "expired"

    @property
    def is_final(self) -> bool:
        return self in _FINAL

    @property
    def is_live(self) -> bool:
        """Published notices are the ones other bureaus, screening and the public may see."""
        return self is NoticeStatus.PUBLISHED

    @property
    def photos_changeable(self) -> bool:
        """Whether its bureau may add or remove the subject's photos: a draft, and a published or suspended notice
        (a photo found later); not while the request is under review, nor once the notice's life is over."""
        return self in (NoticeStatus.DRAFT, NoticeStatus.PUBLISHED, NoticeStatus.SUSPENDED)

    def allowed_targets(self, notice_type: NoticeType) -> frozenset[NoticeStatus]:
        targets = set(_TRANSITIONS[self])
        if notice_type.reviewed_after_sending and self is NoticeStatus.DRAFT:
            targets.add(NoticeStatus.PUBLISHED)
        return frozenset(targets)

    def check_transition(self, target: NoticeStatus, notice_type: NoticeType) -> None:
        """Raise :class:`IllegalTransition` unless ``self -> target`` is allowed for this notice type."""
        allowed = self.allowed_targets(notice_type)
        if target not in allowed:
            options = ", ".join(sorted(s.value for s in allowed)) or "none: the status is final"
            raise IllegalTransition(
                f"a {notice_type.value} notice cannot go from {self.value} to {target.value} "
                f"(allowed from {self.value}: {options})",
                field="status",
            )


_TRANSITIONS: dict[NoticeStatus, frozenset[NoticeStatus]] = {
    NoticeStatus.DRAFT: frozenset({NoticeStatus.SUBMITTED}),
    NoticeStatus.SUBMITTED: frozenset({NoticeStatus.PUBLISHED, NoticeStatus.REFUSED, NoticeStatus.DRAFT}),
    NoticeStatus.PUBLISHED: frozenset({NoticeStatus.SUSPENDED, NoticeStatus.WITHDRAWN, NoticeStatus.CANCELLED,
                                       NoticeStatus.DELETED, NoticeStatus.EXPIRED}),
    NoticeStatus.SUSPENDED: frozenset({NoticeStatus.PUBLISHED, NoticeStatus.WITHDRAWN, NoticeStatus.CANCELLED,
                                       NoticeStatus.DELETED, NoticeStatus.EXPIRED}),
    NoticeStatus.REFUSED: frozenset(),
    NoticeStatus.WITHDRAWN: frozenset(),
    NoticeStatus.CANCELLED: frozenset(),
    NoticeStatus.DELETED: frozenset(),
    NoticeStatus.EXPIRED: frozenset(),
}
_FINAL = frozenset(s for s, t in _TRANSITIONS.items() if not t)


class Action(StrEnum):
    """What someone did to a notice; each maps to one status change (or none, for an extension)."""

    CREATE = "create"
    SUBMIT = "submit"
    APPROVE = "approve"
    REFUSE = "refuse"
    REQUEST_INFO = "request_info"
    CIRCULATE = "circulate"
    SUSPEND = "suspend"
    RESUME = "resume"
    WITHDRAW = "withdraw"
    CANCEL = "cancel"
    DELETE = "delete"
    EXPIRE = "expire"
    EXTEND = "extend"
    IMPORT = "import"
    EDIT = "edit"
    ADD_PHOTO = "add_photo"
    REMOVE_PHOTO = "remove_photo"

    @property
    def target(self) -> NoticeStatus | None:
        return _ACTION_TARGET.get(self)

    @property
    def needs_reason(self) -> bool:
        return self in _NEEDS_REASON


_ACTION_TARGET: dict[Action, NoticeStatus] = {
    Action.SUBMIT: NoticeStatus.SUBMITTED,
    Action.APPROVE: NoticeStatus.PUBLISHED,
    Action.CIRCULATE: NoticeStatus.PUBLISHED,
    Action.REFUSE: NoticeStatus.REFUSED,
    Action.REQUEST_INFO: NoticeStatus.DRAFT,
    Action.SUSPEND: NoticeStatus.SUSPENDED,
    Action.RESUME: NoticeStatus.PUBLISHED,
    Action.WITHDRAW: NoticeStatus.WITHDRAWN,
    Action.CANCEL: NoticeStatus.CANCELLED,
    Action.DELETE: NoticeStatus.DELETED,
    Action.EXPIRE: NoticeStatus.EXPIRED,
}
_NEEDS_REASON = frozenset({Action.REFUSE, Action.REQUEST_INFO, Action.SUSPEND, Action.WITHDRAW,
                           Action.CANCEL, Action.DELETE, Action.EXTEND})


class Decision(StrEnum):
    """A reviewer's decision on a submitted notice."""

    APPROVE = "approve"
    REFUSE = "refuse"
    REQUEST_INFO = "request_info"

    @property
    def action(self) -> Action:
        return Action(self.value)


class SubjectKind(StrEnum):
    PERSON = "person"
    ORGANISATION = "organisation"
    OBJECT = "object"
    MODUS_OPERANDI = "modus_operandi"


@dataclass(frozen=True)
class IdentityDocument:
    type: str  # passport, national_id, driving_licence, other
    number: str
    issuing_country: str | None = None
    expiry: date | None = None

    def __post_init__(self) -> None:
        if not self.number.strip():
            raise ValidationError("an identity document needs a number", field="identity_documents.number")


@dataclass(frozen=True)
class Photo:
    picture_id: str
    thumbnail_id: str | None = None
    media_type: str = "image/jpeg"


@dataclass(frozen=True)
class Subject:
    """A person, or an entity (organisation, object, modus operandi) for UN and Purple notices."""

    kind: SubjectKind = SubjectKind.PERSON
    names: tuple[Name, ...] = ()
    date_of_birth: PartialDate | None = None
    sex: Sex = Sex.UNKNOWN
    nationalities: tuple[str, ...] = ()
    place_of_birth: str | None = None
    country_of_birth: str | None = None
    height: float | None = None  # metres
    weight: float | None = None  # kilograms
    eye_colours: tuple[EyeColour, ...] = ()
    hair_colours: tuple[HairColour, ...] = ()
    languages: tuple[str, ...] = ()
    distinguishing_marks: str | None = None
    identity_documents: tuple[IdentityDocument, ...] = ()
    photos: tuple[Photo, ...] = ()
    father_name: str | None = None
    father_forename: str | None = None
    mother_name: str | None = None
    mother_forename: str | None = None
    description: str | None = None  # entities: what the object or modus operandi is
    extra: dict[str, Any] = field(default_factory=dict, compare=False)  # UN: legal_form, addresses...

    def __post_init__(self) -> None:
        if self.height is not None and not 0 < self.height < 3:
            raise ValidationError(f"height {self.height} m is not a human height", field="height")
        if self.weight is not None and not 0 < self.weight < 500:
            raise ValidationError(f"weight {self.weight} kg is not a human weight", field="weight")

    @property
    def primary_name(self) -> Name | None:
        for n in self.names:
            if n.kind is NameKind.PRIMARY:
                return n
        return self.names[0] if self.names else None


@dataclass(frozen=True)
class ArrestWarrant:
    charge: str
    issuing_country: str
    charge_translation: str | None = None
    law: str | None = None
    max_penalty_months: int | None = None  # for prosecution: the maximum penalty the law provides
    sentence_months: int | None = None  # to serve a sentence: the sentence imposed
    remaining_months: int | None = None  # to serve a sentence: what is left to serve
    reference: str | None = None  # warrant or judgment reference
    issued_on: date | None = None
    category: str | None = None  # optional offence category chosen by the requester

    @property
    def for_sentence(self) -> bool:
        return self.sentence_months is not None


@dataclass(frozen=True)
class Facts:
    summary: str
    time: str | None = None  # when the alleged crime happened (free text or partial date)
    place: str | None = None
    country: str | None = None


@dataclass(frozen=True)
class Disappearance:
    date: PartialDate | None = None
    place: str | None = None
    country: str | None = None
    countries_likely_to_be_visited: tuple[str, ...] = ()


@dataclass(frozen=True)
class UnSanctions:
    reference: str | None = None  # e.g. QDi.432
    reference_date: PartialDate | None = None
    resolution: str | None = None  # e.g. 1267
    summary: str | None = None


class RestrictionMode(StrEnum):
    NONE = "none"  # every member country may see it
    DENY = "deny"  # the listed countries may not
    ALLOW = "allow"  # only the listed countries may


@dataclass(frozen=True)
class Restriction:
    """The owner bureau's rule on which countries may see a notice."""

    mode: RestrictionMode = RestrictionMode.NONE
    countries: frozenset[str] = frozenset()

    def __post_init__(self) -> None:
        if self.mode is RestrictionMode.NONE and self.countries:
            raise ValidationError("countries given without saying allow or deny", field="restriction")
        if self.mode is RestrictionMode.ALLOW and not self.countries:
            raise ValidationError("an allow-list restriction needs at least one country", field="restriction")

    def permits(self, country: str) -> bool:
        if self.mode is RestrictionMode.DENY:
            return country not in self.countries
        if self.mode is RestrictionMode.ALLOW:
            return country in self.countries
        return True


@dataclass(frozen=True)
class Notice:
    entity_id: str
    type: NoticeType
    owner: str  # ISO code of the owner bureau's country
    subject: Subject
    status: NoticeStatus = NoticeStatus.DRAFT
    public_extract: bool = False
    restriction: Restriction = Restriction()
    warrants: tuple[ArrestWarrant, ...] = ()
    facts: Facts | None = None
    extradition_countries: tuple[str, ...] = ()
    disappearance: Disappearance | None = None
    un: UnSanctions | None = None
    addressees: tuple[str, ...] = ()  # diffusions: the chosen countries; empty = all
    issuing_country: str | None = None
    linked: tuple[str, ...] = ()  # entity_ids of linked notices
    created_at: datetime | None = None
    published_at: datetime | None = None
    expires_on: date | None = None
    suspended_until: date | None = None
    agency: str | None = None  # domestic agency that asked the bureau for it

    def __post_init__(self) -> None:
        if not ENTITY_ID.match(self.entity_id):
            raise ValidationError(f"entity_id {self.entity_id!r} is not of the form YYYY/NNNNN", field="entity_id",
                                  record=self.entity_id)
        if self.public_extract and not self.type.has_public_extract:
            raise ValidationError(f"{self.type.value} notices have no public extract", field="public_extract")
        if self.addressees and self.type is not NoticeType.DIFFUSION:
            raise ValidationError("only a diffusion has addressees", field="addressees")
        if self.type is NoticeType.UN_SPECIAL and not self.public_extract:
            object.__setattr__(self, "public_extract", True)  # always public

    @property
    def url_id(self) -> str:
        """``2019/82088`` -> ``2019-82088``, as INTERPOL's public API spells it in paths."""
        return url_id_of(self.entity_id)

    @property
    def is_public(self) -> bool:
        return self.status.is_live and self.public_extract

    def review_due_on(self, months_before: int = 6) -> date | None:
        return add_months(self.expires_on, -months_before) if self.expires_on else None

    def with_status(self, status: NoticeStatus) -> Notice:
        return replace(self, status=status)


def url_id_of(entity_id: str) -> str:
    """``2019/82088`` -> ``2019-82088`` (:attr:`Notice.url_id` of a notice known only by its id)."""
    return entity_id.replace("/", "-")


def entity_id_from_url(url_id: str) -> str:
    """``2019-82088`` -> ``2019/82088``."""
    return url_id.replace("-", "/", 1)


def entity_id_as_typed(text: str) -> str:
    """A notice's id as a person types it: ``2026/00001``, or as in addresses ``2026-00001``."""
    return text if "/" in text else entity_id_from_url(text)


@dataclass(frozen=True)
class Transition:
    """One recorded change of a notice: who, when, why. Appended, never overwritten."""

    entity_id: str
    action: Action
    from_status: NoticeStatus | None
    to_status: NoticeStatus
    actor: str
    at: datetime
    reason: str | None = None
    findings: tuple[dict[str, str], ...] = ()  # compliance findings the decision was taken over
    exception_recorded: bool = False  # "particular importance" exception used
