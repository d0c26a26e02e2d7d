"""Cooperation between bureaus (issue #6), the pure part: messages and their threads
(:mod:`.messages`), extradition cases (:mod:`.extradition`), multi-country operations (:mod:`.operations`),
the graph of what links them (:mod:`.graph`) and statistics (:mod:`.statistics`).

Identifiers are global: ``<bureau>-<year>-<letter><number>`` (``JP-2026-M00001`` a message, ``E`` an
extradition case, ``O`` an operation), so that a bureau's numbers never clash with another's and a message
can be sent to another instance and stored there under the same id.
"""

from __future__ import annotations

import re

from ncb.errors import ValidationError

_ID = re.compile(r"^([A-Z0-9]{2,3})-(\d{4})-([MEO])(\d{5,9})$")
KIND_LETTER = {"message": "M", "case": "E", "operation": "O"}


def make_id(kind: str, bureau: str, year: int, number: int) -> str:
    """``make_id("message", "JP", 2026, 1)`` -> ``JP-2026-M00001``."""
    return f"{bureau}-{year}-{KIND_LETTER[kind]}{number:05d}"


def check_id(kind: str, value: str, field: str = "id") -> str:
    """``value`` if it is an id of this kind, else a ``ValidationError`` showing the form expected."""
    text = value.strip().upper() if isinstance(value, str) else ""
    match = _ID.match(text)
    if not match or match.group(3) != KIND_LETTER[kind]:
        raise ValidationError(f"{value!r} is not a {kind} id (expected e.g. {make_id(kind, 'JP', 2026, 1)})",
                              field=field)
    return text


def id_bureau(value: str) -> str:
    """The bureau that numbered an id."""
    return value.split("-", 1)[0]
