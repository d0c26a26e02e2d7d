"""Partial dates, as INTERPOL writes them: ``1970``, ``1970/05`` or ``1970/05/01``.

Ages are computed on the day asked and never stored. A partial date stands for a range of days, so
``age_range_on`` gives the youngest and oldest the person can be; ``age_on`` gives the age a person
born on the first possible day would have (the age INTERPOL shows for a year-only date).
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

from ncb.errors import ValidationError

_PATTERN = re.compile(r"^(\d{4})(?:[/-](\d{1,2})(?:[/-](\d{1,2}))?)?$")


@dataclass(frozen=True, order=True)
class PartialDate:
    year: int
    month: int | None = None
    day: int | None = None

    def __post_init__(self) -> None:
        if not 1 <= self.year <= 9999:
            raise ValidationError(f"year {self.year} is out of range")
        if self.month is None and self.day is not None:
            raise ValidationError("a day needs a month")
        if self.month is not None and not 1 <= self.month <= 12:
            raise ValidationError(f"month {self.month} does not exist")
        if self.day is not None:
            assert self.month is not None
            last = calendar.monthrange(self.year, self.month)[1]
            if not 1 <= self.day <= last:
                raise ValidationError(
                    f"{self.year:04d}/{self.month:02d}/{self.day:02d} does not exist "
                    f"({calendar.month_name[self.month]} {self.year} has {last} days)"
                )

    @classmethod
    def parse(cls, text: str, *, lenient_zeros: bool = False) -> PartialDate | None:
        """Read ``YYYY``, ``YYYY/MM`` or ``YYYY/MM/DD`` (``-`` also accepted).

        With ``lenient_zeros`` (INTERPOL's UN data), ``00`` parts mean unknown: ``1975/00/00`` is
        ``1975`` and ``0000/00/00`` is no date at all (``None``).
        """
        raw = text.strip()
        m = _PATTERN.match(raw)
        if not m:
            raise ValidationError(f"{text!r} is not a date of the form YYYY, YYYY/MM or YYYY/MM/DD")
        year, month, day = int(m.group(1)), m.group(2), m.group(3)
        mo = int(month) if month is not None else None
        dy = int(day) if day is not None else None
        if lenient_zeros:
            if year == 0:
                return None
            if mo == 0:
                mo, dy = None, None
            elif dy == 0:
                dy = None
        return cls(year, mo, dy)

    @classmethod
    def from_date(cls, d: date) -> PartialDate:
        return cls(d.year, d.month, d.day)

    @property
    def precision(self) -> str:
        return "day" if self.day is not None else "month" if self.month is not None else "year"

    def earliest(self) -> date:
        return date(self.year, self.month or 1, self.day or 1)

    def latest(self) -> date:
        month = self.month or 12
        day = self.day or calendar.monthrange(self.year, month)[1]
        return date(self.year, month, day)

    def is_exact(self) -> bool:
        return self.day is not None

    def age_range_on(self, day: date) -> tuple[int, int]:
        """(youngest, oldest) age in whole years on ``day`` for anyone born in this range."""
        return _age(self.latest(), day), _age(self.earliest(), day)

    def age_on(self, day: date) -> int:
        """Age in whole years on ``day`` (for a partial date: as if born on its first day)."""
        return _age(self.earliest(), day)

    def __str__(self) -> str:
        out = f"{self.year:04d}"
        if self.month is not None:
            out += f"/{self.month:02d}"
            if self.day is not None:
                out += f"/{self.day:02d}"
        return out

    def iso(self) -> str:
        return str(self).replace("/", "-")


def _age(born: date, day: date) -> int:
    years = day.year - born.year
    if (day.month, day.day) < (born.month, born.day):
        years -= 1
    return years


def add_months(d: date, months: int) -> date:
    """The same day ``months`` later (or earlier), clamped to the month's last day."""
    total = d.year * 12 + (d.month - 1) + months
    year, month = divmod(total, 12)
    month += 1
    return date(year, month, min(d.day, calendar.monthrange(year, month)[1]))
