"""The features of a hit besides the name: each a small function whose docstring is the explanation a
user sees, returning how it moves the score (or ``None`` when it does not apply)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from ncb.matching.model import Person

Feature = Callable[[Person, Person], "Effect | None"]


@dataclass(frozen=True)
class Effect:
    delta: float
    detail: str = ""


@dataclass(frozen=True)
class _Dob:
    year: int
    month: int | None
    day: int | None


@lru_cache(maxsize=100_000)
def _dob(text: str | None) -> _Dob | None:
    if not text:
        return None
    parts = text.replace("-", "/").split("/")
    try:
        year = int(parts[0])
        month = int(parts[1]) if len(parts) > 1 and int(parts[1]) else None
        day = int(parts[2]) if len(parts) > 2 and month and int(parts[2]) else None
    except ValueError:
        return None
    return _Dob(year, month, day) if year else None


def _days_apart(a: _Dob, b: _Dob) -> int | None:
    if a.month is None or a.day is None or b.month is None or b.day is None:
        return None
    try:
        return abs((date(a.year, a.month, a.day) - date(b.year, b.month, b.day)).days)
    except ValueError:
        return None


def dob_exact_match(q: Person, c: Person) -> Effect | None:
    """The dates of birth are the same day."""
    a, b = _dob(q.date_of_birth), _dob(c.date_of_birth)
    if a and b and a.day is not None and a == b:
        return Effect(0.08, f"{q.date_of_birth} = {c.date_of_birth}")
    return None


def dob_partial_match(q: Person, c: Person) -> Effect | None:
    """The dates of birth agree as far as both are known (the same year, or year and month)."""
    a, b = _dob(q.date_of_birth), _dob(c.date_of_birth)
    if not (a and b) or (a.day is not None and b.day is not None):
        return None
    if a.year == b.year and (a.month is None or b.month is None or a.month == b.month):
        return Effect(0.03, f"{q.date_of_birth} ~ {c.date_of_birth}")
    return None


def dob_day_month_swapped(q: Person, c: Person) -> Effect | None:
    """The dates of birth are the same once day and month are swapped (a common entry mistake)."""
    a, b = _dob(q.date_of_birth), _dob(c.date_of_birth)
    if a and b and a.day and b.day and a != b and a.year == b.year and a.month == b.day and a.day == b.month:
        return Effect(0.0, f"{q.date_of_birth} ~ {c.date_of_birth}")
    return None


def dob_one_day_off(q: Person, c: Person) -> Effect | None:
    """The dates of birth are one day apart (a time-zone or entry slip)."""
    a, b = _dob(q.date_of_birth), _dob(c.date_of_birth)
    if a and b and _days_apart(a, b) == 1:
        return Effect(0.0, f"{q.date_of_birth} ~ {c.date_of_birth}")
    return None


def dob_one_year_off(q: Person, c: Person) -> Effect | None:
    """The dates of birth differ by one year only, with the same day and month (or only years are known)."""
    a, b = _dob(q.date_of_birth), _dob(c.date_of_birth)
    if not (a and b) or abs(a.year - b.year) != 1:
        return None
    same_rest = (a.month, a.day) == (b.month, b.day) or a.month is None or b.month is None
    return Effect(-0.02, f"{q.date_of_birth} ~ {c.date_of_birth}") if same_rest else None


def dob_disjoint(q: Person, c: Person) -> Effect | None:
    """The dates of birth are known on both sides and cannot be the same person's, even allowing for a
    swapped day and month, a day or a year off."""
    a, b = _dob(q.date_of_birth), _dob(c.date_of_birth)
    if not (a and b):
        return None
    for feature in (dob_exact_match, dob_partial_match, dob_day_month_swapped, dob_one_day_off, dob_one_year_off):
        if feature(q, c) is not None:
            return None
    years = abs(a.year - b.year)
    delta = -0.25 if years <= 5 else -0.35
    return Effect(delta, f"{q.date_of_birth} vs {c.date_of_birth}")


def nationality_match(q: Person, c: Person) -> Effect | None:
    """A nationality of the traveller is one of the listed person's."""
    shared = set(q.nationalities) & set(c.nationalities)
    return Effect(0.02, ",".join(sorted(shared))) if shared else None


def nationality_mismatch(q: Person, c: Person) -> Effect | None:
    """Both nationalities are known and none is shared (people change or add nationalities: a small penalty)."""
    if q.nationalities and c.nationalities and not set(q.nationalities) & set(c.nationalities):
        return Effect(-0.04, f"{','.join(q.nationalities)} vs {','.join(c.nationalities)}")
    return None


def sex_mismatch(q: Person, c: Person) -> Effect | None:
    """The sexes are known on both sides and differ."""
    known = {"M", "F"}
    if q.sex in known and c.sex in known and q.sex != c.sex:
        return Effect(-0.20, f"{q.sex} vs {c.sex}")
    return None


def normalise_document(number: str) -> str:
    """A document number as compared: letters and digits only, upper case."""
    return "".join(ch for ch in number.upper() if ch.isalnum())


def document_match(q: Person, c: Person) -> Effect | None:
    """A travel or identity document number is exactly the same: this outranks any name similarity."""
    mine = {normalise_document(d) for d in q.documents if normalise_document(d)}
    shared = mine & {normalise_document(d) for d in c.documents}
    return Effect(1.0, ",".join(sorted(shared))) if shared else None


FEATURES: tuple[Feature, ...] = (
    document_match, dob_exact_match, dob_partial_match, dob_day_month_swapped, dob_one_day_off, dob_one_year_off,
    dob_disjoint, nationality_match, nationality_mismatch, sex_mismatch,
)


def explanation(feature: Feature) -> str:
    return " ".join((feature.__doc__ or "").split())
