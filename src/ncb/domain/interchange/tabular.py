"""Rows for a CSV export of notices: one row per notice, every value a string.

Lists are joined with ``;``. Dates are ISO (``1960-04-02``, ``1975-11``, ``1989``) so that spreadsheets
and scripts read them alike; ``published_at`` is ISO 8601 with its offset as stored. Missing values are
empty strings. Writing the file (and guarding cells that a spreadsheet would take for formulas) is the
caller's job: these values are the data as it is.
"""

from __future__ import annotations

from collections.abc import Iterable

from ncb.domain.names import NameKind
from ncb.domain.notices import Notice

CSV_COLUMNS: tuple[str, ...] = (
    "entity_id", "type", "status", "owner", "name", "forename", "names_all", "date_of_birth", "sex",
    "nationalities", "warrant_countries", "public_extract", "published_at",
)

SEPARATOR = ";"


def _join(values: Iterable[str]) -> str:
    seen: list[str] = []
    for value in values:
        if value and value not in seen:
            seen.append(value)
    return SEPARATOR.join(seen)


def to_csv_row(notice: Notice) -> dict[str, str]:
    """The notice as a row keyed by :data:`CSV_COLUMNS`, in that order.

    ``name``/``forename`` are the primary name's parts (a name known only whole goes in ``name``);
    ``names_all`` holds the whole form of every other name (aliases, birth name, other scripts).
    """
    s = notice.subject
    primary = next((n for n in s.names if n.kind is NameKind.PRIMARY), None)
    if primary is None:
        name, forename = "", ""
    elif primary.name or primary.forename:
        name, forename = primary.name or "", primary.forename or ""
    else:
        name, forename = primary.full, ""
    row = {
        "entity_id": notice.entity_id,
        "type": notice.type.value,
        "status": notice.status.value,
        "owner": notice.owner,
        "name": name,
        "forename": forename,
        "names_all": _join(n.full for n in s.names if n is not primary),
        "date_of_birth": s.date_of_birth.iso() if s.date_of_birth else "",
        "sex": s.sex.value,
        "nationalities": _join(s.nationalities),
        "warrant_countries": _join(w.issuing_country for w in notice.warrants),
        "public_extract": "true" if notice.public_extract else "false",
        "published_at": notice.published_at.isoformat() if notice.published_at else "",
    }
    return {column: row[column] for column in CSV_COLUMNS}
