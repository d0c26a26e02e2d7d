"""What a notice list can be filtered by, as a pure predicate.

:class:`NoticeFilter` is what the public API's query parameters, the CLI's options and the internal
API become. ``matches`` is the reference meaning; the SQL repository implements the same filter in
the database, and a test checks that the two agree.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date

from ncb.domain.notices import Notice, NoticeStatus, NoticeType
from ncb.errors import ValidationError


@dataclass(frozen=True)
class NoticeFilter:
    types: frozenset[NoticeType] = frozenset()
    statuses: frozenset[NoticeStatus] = frozenset()
    owner: str | None = None
    name: str | None = None  # partial, case-insensitive, on any family name (or a full form without parts)
    forename: str | None = None  # partial, case-insensitive, on any forename
    nationality: str | None = None
    sex: str | None = None
    age_min: int | None = None
    age_max: int | None = None
    warrant_country: str | None = None
    free_text: str | None = None
    public_only: bool = False
    un_reference: str | None = None
    un_resolution: str | None = None

    def __post_init__(self) -> None:
        for attr in ("age_min", "age_max"):
            v = getattr(self, attr)
            if v is not None and not 0 <= v <= 150:
                raise ValidationError(f"{attr} must be between 0 and 150, not {v}", field=attr)
        if self.age_min is not None and self.age_max is not None and self.age_min > self.age_max:
            raise ValidationError(f"age_min ({self.age_min}) is greater than age_max ({self.age_max})",
                                  field="age_min")

    def matches(self, notice: Notice, today: date) -> bool:
        s = notice.subject
        if self.types and notice.type not in self.types:
            return False
        if self.statuses and notice.status not in self.statuses:
            return False
        if self.public_only and not notice.is_public:
            return False
        if self.owner and notice.owner != self.owner:
            return False
        if self.nationality and self.nationality not in s.nationalities:
            return False
        if self.sex and s.sex.value != self.sex:
            return False
        if self.warrant_country and all(w.issuing_country != self.warrant_country for w in notice.warrants):
            return False
        if self.name and not any(_contains(n.name, self.name) or (
                n.name is None and n.forename is None and _contains(n.full, self.name)) for n in s.names):
            return False
        if self.forename and not any(_contains(n.forename, self.forename) for n in s.names):
            return False
        if self.age_min is not None or self.age_max is not None:
            if s.date_of_birth is None:
                return False
            earliest = s.date_of_birth.earliest()
            lo, hi = born_between(today, self.age_min, self.age_max)
            if (lo and earliest < lo) or (hi and earliest > hi):
                return False
        if self.free_text and not _contains(search_text(notice), self.free_text):
            return False
        if self.un_reference and not (notice.un and _contains(notice.un.reference, self.un_reference)):
            return False
        return not (self.un_resolution and not (notice.un and notice.un.resolution == self.un_resolution))


def _contains(value: str | None, needle: str) -> bool:
    return value is not None and needle.casefold() in value.casefold()


def search_text(notice: Notice) -> str:
    """The text ``free_text`` searches: every name form, charges, places and marks."""
    s = notice.subject
    parts: list[str | None] = [n.full for n in s.names]
    parts += [s.place_of_birth, s.distinguishing_marks, s.description]
    parts += [w.charge for w in notice.warrants] + [w.charge_translation for w in notice.warrants]
    if notice.facts:
        parts += [notice.facts.summary, notice.facts.place]
    if notice.disappearance:
        parts.append(notice.disappearance.place)
    return " \n".join(p for p in parts if p)


def years_before(day: date, years: int) -> date:
    year = day.year - years
    return date(year, day.month, min(day.day, calendar.monthrange(year, day.month)[1]))


def born_between(today: date, age_min: int | None, age_max: int | None) -> tuple[date | None, date | None]:
    """The (earliest, latest) birth day of someone whose age on ``today`` is within [age_min, age_max].

    Someone is at least ``age_min`` when born on or before ``today`` minus ``age_min`` years, and at most
    ``age_max`` when born after ``today`` minus ``age_max + 1`` years.
    """
    latest = years_before(today, age_min) if age_min is not None else None
    earliest = None
    if age_max is not None:
        earliest = date.fromordinal(years_before(today, age_max + 1).toordinal() + 1)
    return earliest, latest
