"""The features of a hit besides the name: each a small function whose docstring is the explanation a
user sees, returning how it moves the score (or ``None`` when it does not apply)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache, lru_cache
from itertools import chain

import numpy as np
from numpy.typing import NDArray

from ncb.matching.model import Person

Feature = Callable[[Person, Person], "Effect | None"]

DOB_EXACT = 0.08  # the most the dates of birth can add
DOB_PARTIAL = 0.03
DOB_ONE_YEAR = -0.02
DOB_APART_NEAR = -0.25  # dates of birth that cannot be the same person's, within five years
DOB_APART_FAR = -0.35  # ... and further apart
NATIONALITY_SHARED = 0.02  # the most the nationalities can add
SEX_DIFFERENT = -0.20


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


def _same_day(a: _Dob, b: _Dob) -> bool:
    return a.day is not None and a == b


def _same_as_far_as_known(a: _Dob, b: _Dob) -> bool:
    return (a.day is None or b.day is None) and a.year == b.year and (
        a.month is None or b.month is None or a.month == b.month)


def _day_month_swapped(a: _Dob, b: _Dob) -> bool:
    return bool(a.day and b.day and a != b and a.year == b.year and a.month == b.day and a.day == b.month)


def _one_day_apart(a: _Dob, b: _Dob) -> bool:
    return _days_apart(a, b) == 1


def _one_year_apart(a: _Dob, b: _Dob) -> bool:
    return abs(a.year - b.year) == 1 and (
        (a.month, a.day) == (b.month, b.day) or a.month is None or b.month is None)


def dob_exact_match(q: Person, c: Person) -> Effect | None:
    """The dates of birth are the same day."""
    a, b = _dob(q.date_of_birth), _dob(c.date_of_birth)
    if a and b and _same_day(a, b):
        return Effect(DOB_EXACT, f"{q.date_of_birth} = {c.date_of_birth}")
    return None


def dob_partial_match(q: Person, c: Person) -> Effect | None:
    """The dates of birth agree as far as both are known (the same year, or year and month)."""
    a, b = _dob(q.date_of_birth), _dob(c.date_of_birth)
    if a and b and _same_as_far_as_known(a, b):
        return Effect(DOB_PARTIAL, f"{q.date_of_birth} ~ {c.date_of_birth}")
    return None


def dob_day_month_swapped(q: Person, c: Person) -> Effect | None:
    """The dates of birth are the same once day and month are swapped (a common entry mistake)."""
    a, b = _dob(q.date_of_birth), _dob(c.date_of_birth)
    if a and b and _day_month_swapped(a, b):
        return Effect(0.0, f"{q.date_of_birth} ~ {c.date_of_birth}")
    return None


def dob_one_day_off(q: Person, c: Person) -> Effect | None:
    """The dates of birth are one day apart (a time-zone or entry slip)."""
    a, b = _dob(q.date_of_birth), _dob(c.date_of_birth)
    if a and b and _one_day_apart(a, b):
        return Effect(0.0, f"{q.date_of_birth} ~ {c.date_of_birth}")
    return None


def dob_one_year_off(q: Person, c: Person) -> Effect | None:
    """The dates of birth differ by one year only, with the same day and month (or only years are known)."""
    a, b = _dob(q.date_of_birth), _dob(c.date_of_birth)
    if a and b and _one_year_apart(a, b):
        return Effect(DOB_ONE_YEAR, f"{q.date_of_birth} ~ {c.date_of_birth}")
    return None


_RELATED = (_same_day, _same_as_far_as_known, _day_month_swapped, _one_day_apart, _one_year_apart)  # as above


def dob_disjoint(q: Person, c: Person) -> Effect | None:
    """The dates of birth are known on both sides and cannot be the same person's, even allowing for a
    swapped day and month, a day or a year off."""
    a, b = _dob(q.date_of_birth), _dob(c.date_of_birth)
    if not (a and b) or any(related(a, b) for related in _RELATED):
        return None
    years = abs(a.year - b.year)
    delta = DOB_APART_NEAR if years <= 5 else DOB_APART_FAR
    return Effect(delta, f"{q.date_of_birth} vs {c.date_of_birth}")


def nationality_match(q: Person, c: Person) -> Effect | None:
    """A nationality of the traveller is one of the listed person's."""
    shared = set(q.nationalities) & set(c.nationalities)
    return Effect(NATIONALITY_SHARED, ",".join(sorted(shared))) if shared else None


def nationality_mismatch(q: Person, c: Person) -> Effect | None:
    """Both nationalities are known and none is shared (people change or add nationalities: a small penalty)."""
    if q.nationalities and c.nationalities and not set(q.nationalities) & set(c.nationalities):
        return Effect(-0.04, f"{','.join(q.nationalities)} vs {','.join(c.nationalities)}")
    return None


def sex_mismatch(q: Person, c: Person) -> Effect | None:
    """The sexes are known on both sides and differ."""
    known = {"M", "F"}
    if q.sex in known and c.sex in known and q.sex != c.sex:
        return Effect(SEX_DIFFERENT, f"{q.sex} vs {c.sex}")
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
_NEEDS: dict[Feature, str] = {  # what a feature reads, known on both sides, or it does not apply
    document_match: "documents", dob_exact_match: "date_of_birth", dob_partial_match: "date_of_birth",
    dob_day_month_swapped: "date_of_birth", dob_one_day_off: "date_of_birth", dob_one_year_off: "date_of_birth",
    dob_disjoint: "date_of_birth", nationality_match: "nationalities", nationality_mismatch: "nationalities",
    sex_mismatch: "sex",
}
_FIELDS = ("documents", "date_of_birth", "nationalities", "sex")


def features_for(q: Person, c: Person) -> tuple[Feature, ...]:
    """The features that may apply to a pair: those whose particulars both sides give (a passenger list gives
    no nationality, sex or document for most travellers, and their features are not even asked)."""
    return _features_given(tuple(bool(getattr(q, name) and getattr(c, name)) for name in _FIELDS))


@cache
def _features_given(known: tuple[bool, ...]) -> tuple[Feature, ...]:
    fields = {name for name, given in zip(_FIELDS, known, strict=True) if given}
    return tuple(f for f in FEATURES if _NEEDS[f] in fields)


ANY_YEARS = 1 << 20
NO_DAY = -(2**40)  # the day number of a date that is not a whole valid date (days before 1970 are negative)


@dataclass(frozen=True)
class Births:
    """Dates of birth as the date-of-birth features read them, for many persons at once: year (0 when unknown),
    month and day (0 when unknown), and the day number since 1970-01-01 (``NO_DAY`` unless a valid full date)."""

    year: NDArray[np.int64]
    month: NDArray[np.int64]
    day: NDArray[np.int64]
    ordinal: NDArray[np.int64]

    def __getitem__(self, at: NDArray[np.integer]) -> Births:
        return Births(self.year[at], self.month[at], self.day[at], self.ordinal[at])

    def followed_by(self, more: Births) -> Births:
        return Births(*(np.concatenate((mine, theirs)) for mine, theirs in (
            (self.year, more.year), (self.month, more.month), (self.day, more.day), (self.ordinal, more.ordinal))))


def births_of_texts(texts: Sequence[str | None]) -> Births:
    """Dates of birth as written (``1970``, ``1970/05``, ``1970/05/01``), read as the features read them."""
    parsed = np.fromiter(chain.from_iterable(map(_birth, texts)), dtype=np.int64,
                         count=4 * len(texts)).reshape(-1, 4)  # far quicker than an array of tuples
    return Births(parsed[:, 0], parsed[:, 1], parsed[:, 2], parsed[:, 3])


_EPOCH = date(1970, 1, 1).toordinal()


@lru_cache(maxsize=100_000)
def _birth(text: str | None) -> tuple[int, int, int, int]:
    """One date of birth as :class:`Births` holds it: year, month, day (0 when unknown) and its day number (as
    :func:`_ordinals` works it out for many: ``NO_DAY`` unless a valid whole date). A passenger list's dates
    repeat, and NumPy's date arithmetic costs tens of microseconds a call however few the dates."""
    d = _dob(text)
    if d is None:
        return 0, 0, 0, NO_DAY
    month, day = d.month or 0, d.day or 0
    try:
        ordinal = date(d.year, month, day).toordinal() - _EPOCH
    except ValueError:
        ordinal = NO_DAY
    return d.year, month, day, ordinal


def births_of_codes(codes: NDArray[np.integer]) -> Births:
    """Dates of birth kept as numbers ``yyyymmdd`` (0 for an unknown month or day), as the index keeps them."""
    code = codes.astype(np.int64)
    year, month = code // 10000, (code // 100) % 100
    day = np.where(month > 0, code % 100, 0)
    return Births(year, month, day, _ordinals(year, month, day))


def _ordinals(year: NDArray[np.int64], month: NDArray[np.int64], day: NDArray[np.int64]) -> NDArray[np.int64]:
    valid = (year >= 1) & (year <= 9999) & (month >= 1) & (month <= 12) & (day >= 1)
    y, m = np.where(valid, year, 1970), np.where(valid, month, 1)
    first = ((y - 1970).astype("datetime64[Y]").astype("datetime64[M]") + (m - 1)).astype("datetime64[D]")
    after = ((y - 1970).astype("datetime64[Y]").astype("datetime64[M]") + m).astype("datetime64[D]")
    valid &= day <= (after - first).astype(np.int64)
    ordinal: NDArray[np.int64] = np.where(valid, first.astype(np.int64) + day - 1, NO_DAY)
    return ordinal


def dob_deltas(q: Births, c: Births) -> NDArray[np.float64]:
    """What the date-of-birth features add up to for many pairs at once (the same as calling them one pair at a
    time; a property test holds them together)."""
    both_days = (q.day > 0) & (c.day > 0)
    same_year = q.year == c.year
    exact = both_days & same_year & (q.month == c.month) & (q.day == c.day)
    partial = ~both_days & same_year & ((q.month == 0) | (c.month == 0) | (q.month == c.month))
    swapped = both_days & ~exact & same_year & (q.month == c.day) & (q.day == c.month)
    one_day = (q.ordinal != NO_DAY) & (c.ordinal != NO_DAY) & (np.abs(q.ordinal - c.ordinal) == 1)
    apart = np.abs(q.year - c.year)
    one_year = (apart == 1) & (((q.month == c.month) & (q.day == c.day)) | (q.month == 0) | (c.month == 0))
    disjoint = np.where(apart <= 5, DOB_APART_NEAR, DOB_APART_FAR)
    delta = np.where(exact, DOB_EXACT, np.where(partial, DOB_PARTIAL, np.where(
        swapped | one_day, 0.0, np.where(one_year, DOB_ONE_YEAR, disjoint))))
    known: NDArray[np.float64] = np.where((q.year > 0) & (c.year > 0), delta, 0.0)
    return known


def years_reach(floors: NDArray[np.float64]) -> NDArray[np.int64]:
    """For each floor (what the features other than the name must add at least), the largest difference between
    two known years of birth that can still reach it: dates two or more years apart can only be
    ``dob_disjoint``, anything closer (or unknown) might be an exact match. -1 when nothing can, not even an
    unknown date; ``ANY_YEARS`` when any difference can. A cheap first cut before :func:`particulars_ceiling`."""
    reach = np.where(floors <= DOB_APART_FAR + NATIONALITY_SHARED, ANY_YEARS,
                     np.where(floors <= DOB_APART_NEAR + NATIONALITY_SHARED, 5,
                              np.where(floors <= DOB_EXACT + NATIONALITY_SHARED, 1, -1)))
    return reach.astype(np.int64)


def within_reach(q_years: NDArray[np.integer], c_years: NDArray[np.integer],
                 reach: NDArray[np.int64]) -> NDArray[np.bool_]:
    """Whether pairs of years of birth (0 when unknown) are within their :func:`years_reach`."""
    apart = np.abs(q_years - c_years)
    may: NDArray[np.bool_] = (reach >= 0) & ((q_years == 0) | (c_years == 0) | (apart <= reach))
    return may


def particulars_ceiling(q: Births, q_sexes: NDArray[np.bytes_], c: Births,
                        c_sexes: NDArray[np.bytes_]) -> NDArray[np.float64]:
    """For many pairs at once, the most the features other than the name and the document number can add to a
    hit: the dates of birth and sexes exactly, the nationalities at best. A listed person whose ceiling with a
    perfect name stays below the threshold cannot be a hit, so the index drops it before comparing names."""
    differ = ((q_sexes == b"M") & (c_sexes == b"F")) | ((q_sexes == b"F") & (c_sexes == b"M"))
    ceiling: NDArray[np.float64] = dob_deltas(q, c) + NATIONALITY_SHARED + SEX_DIFFERENT * differ
    return ceiling


@lru_cache(maxsize=64)
def explanation(feature: Feature) -> str:
    """The sentence a user reads for a feature: its docstring on one line."""
    return " ".join((feature.__doc__ or "").split())
