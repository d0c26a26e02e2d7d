"""The state one part of the demo is drawn with: its random generator, its Faker instances, the day it
is drawn for, the ids already taken and the images drawn so far.

The seed page and the rest of the data each get their own context (their own random stream), so the
seed page is the same whatever the requested size.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta

from ncb.demo.names import Fakers, NameMaker
from ncb.demo.photos import Portrait
from ncb.domain.dates import PartialDate
from ncb.domain.notices import Photo


@dataclass(frozen=True)
class DemoImage:
    """One stored image: a portrait, or the thumbnail of the portrait named by ``thumbnail_of``."""

    picture_id: str
    data: bytes
    media_type: str = "image/jpeg"
    thumbnail_of: str | None = None


@dataclass
class Registry:
    """Ids shared by every context of one dataset, so none is given twice."""

    entity_ids: set[str] = field(default_factory=set)
    picture_ids: set[str] = field(default_factory=set)
    un_references: set[str] = field(default_factory=set)


class Context:
    def __init__(self, stream: str, today: date, registry: Registry, first_picture: int) -> None:
        self.rng = random.Random(stream)
        self.fakers = Fakers(stream)
        self.names = NameMaker(self.rng, self.fakers)
        self.today = today
        self.registry = registry
        self.images: list[DemoImage] = []
        # Nationalities the next persons drawn take first, so that a small dataset still shows every script.
        self.showcase: list[str] = []
        self._next_picture = first_picture

    # ids ---------------------------------------------------------------------------------------

    def entity_id(self, year: int) -> str:
        """``YYYY/NNNNN``: the year of publication (or creation) and a 5-digit number not yet used."""
        while True:
            candidate = f"{year:04d}/{self.rng.randint(10000, 99999)}"
            if candidate not in self.registry.entity_ids:
                self.registry.entity_ids.add(candidate)
                return candidate

    def photo(self, portrait: Portrait) -> Photo:
        """Keep a portrait and its thumbnail as images; the thumbnail's id follows the picture's."""
        while True:
            picture = self._next_picture
            self._next_picture += self.rng.randint(2, 40)
            ids = (str(picture), str(picture + 1))
            if not set(ids) & self.registry.picture_ids:
                break
        self.registry.picture_ids.update(ids)
        self.images.append(DemoImage(ids[0], portrait.photo))
        self.images.append(DemoImage(ids[1], portrait.thumbnail, thumbnail_of=ids[0]))
        return Photo(picture_id=ids[0], thumbnail_id=ids[1])

    # dates -------------------------------------------------------------------------------------

    def days_ago(self, low: int, high: int) -> date:
        return self.today - timedelta(days=self.rng.randint(low, high))

    def moment(self, day: date) -> datetime:
        """A time during office hours in Tokyo (00:00-09:59 UTC) on ``day``."""
        return datetime.combine(day, time(self.rng.randint(0, 9), self.rng.randint(0, 59)), tzinfo=UTC)

    def date_between(self, start: date, end: date) -> date:
        if end <= start:
            return start
        return start + timedelta(days=self.rng.randint(0, (end - start).days))

    def birth_date_for_age(self, age: int) -> date:
        """A day of birth that makes someone exactly ``age`` on :attr:`today`."""
        youngest = years_before(self.today, age)
        oldest = years_before(self.today, age + 1) + timedelta(days=1)
        born = self.date_between(oldest, youngest)
        if PartialDate.from_date(born).age_on(self.today) != age:  # pragma: no cover - a bug, not bad input
            raise AssertionError(f"born {born} is not {age} on {self.today}")
        return born

    def partial_birth_date(self, age: int, *, full: float = 0.85, month: float = 0.1) -> PartialDate:
        """Mostly a full date; sometimes only the month or the year is known."""
        born = self.birth_date_for_age(age)
        draw = self.rng.random()
        if draw < full:
            return PartialDate.from_date(born)
        if draw < full + month:
            return PartialDate(born.year, born.month)
        return PartialDate(born.year)

    def partial_text(self, day: date, *, precision: str = "day") -> str:
        """``2023/04/17``, ``2023/04`` or ``2023``, as facts are written."""
        if precision == "year":
            return f"{day.year:04d}"
        if precision == "month":
            return f"{day.year:04d}/{day.month:02d}"
        return f"{day.year:04d}/{day.month:02d}/{day.day:02d}"


def years_before(day: date, years: int) -> date:
    """The same day ``years`` earlier (29 February becomes the 28th)."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)
