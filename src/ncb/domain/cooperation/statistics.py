"""Statistics as tables (a title, columns, rows) that print in the console and download as CSV: notices by
year, type and country; screening hits; request response times; extradition outcomes. Pure: the services
hand in what the viewer may see."""

from __future__ import annotations

import csv
import io
import statistics as pystats
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from ncb.domain.cooperation.extradition import ExtraditionCase
from ncb.domain.cooperation.messages import Message
from ncb.domain.notices import Notice


@dataclass(frozen=True)
class StatTable:
    name: str
    title: str
    columns: tuple[str, ...]
    rows: tuple[tuple[Any, ...], ...]

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "title": self.title, "columns": list(self.columns),
                "rows": [dict(zip(self.columns, r, strict=True)) for r in self.rows]}

    def to_csv(self) -> str:
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(self.columns)
        writer.writerows(self.rows)
        return out.getvalue()


def tables_csv(tables: Iterable[StatTable]) -> str:
    """Several tables in one CSV: a ``table`` column in front says which each row belongs to."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["table", "key", "value"])
    for t in tables:
        for row in t.rows:
            *keys, value = row
            writer.writerow([t.name, "/".join("" if k is None else str(k) for k in keys), value])
    return out.getvalue()


def notices_by_year_type_country(notices: Iterable[Notice]) -> StatTable:
    """How many notices per year (of publication, else of creation), type and owner country."""
    counts: Counter[tuple[int, str, str]] = Counter()
    for n in notices:
        when = n.published_at or n.created_at
        if when is None:
            continue
        counts[(when.year, n.type.value, n.owner)] += 1
    rows = tuple((y, t, c, k) for (y, t, c), k in sorted(counts.items()))
    return StatTable("notices", "Notices by year, type and country", ("year", "type", "country", "notices"), rows)


def hits_table(counts: Iterable[tuple[str, str, int]]) -> StatTable:
    """Screening hits per bureau queue and status."""
    rows = tuple(sorted((q, s, int(n)) for q, s, n in counts))
    return StatTable("hits", "Screening hits by bureau and status", ("bureau", "status", "hits"), rows)


def response_times(messages: Iterable[Message]) -> StatTable:
    """Requests per type and channel: how many were sent, how many answered, and the days from sending to
    the first answer (median, 90th percentile, longest)."""
    sent: Counter[tuple[str, str]] = Counter()
    days: dict[tuple[str, str], list[float]] = {}
    for m in messages:
        if not m.type.is_request or m.sent_at is None:
            continue
        key = (m.type.value, m.channel.value)
        sent[key] += 1
        if m.answered_at is not None:
            days.setdefault(key, []).append((m.answered_at - m.sent_at).total_seconds() / 86400)
    rows = []
    for key in sorted(sent):
        d = sorted(days.get(key, []))
        rows.append((*key, sent[key], len(d), _r(pystats.median(d)) if d else None, _r(_p90(d)) if d else None,
                     _r(d[-1]) if d else None))
    return StatTable("response_times", "Request response times (days from sent to answered)",
                     ("type", "channel", "sent", "answered", "median_days", "p90_days", "max_days"), tuple(rows))


def extradition_outcomes(cases: Iterable[ExtraditionCase]) -> StatTable:
    """Cases per requested country and stage reached (the outcome for closed ones), with the median days from
    the person located to that stage."""
    days: dict[tuple[str, str], list[int]] = {}
    for c in cases:
        key = (c.requested, c.stage.value)
        days.setdefault(key, []).append((c.stages[-1].on - c.stages[0].on).days)
    rows = tuple((country, stage, "closed" if stage in _FINAL else "open", len(d), _r(pystats.median(d)))
                 for (country, stage), d in sorted(days.items()))
    return StatTable("extradition_outcomes", "Extradition cases by requested country and outcome",
                     ("requested", "stage", "state", "cases", "median_days"), rows)


_FINAL = {"surrender", "refusal", "release", "withdrawal"}


def _p90(values: list[float]) -> float:
    if len(values) == 1:
        return values[0]
    return pystats.quantiles(values, n=10, method="inclusive")[-1]


def _r(value: float) -> float:
    return round(value, 1)
