"""The portal's languages: Babel message catalogues, one Jinja2 environment per language, Accept-Language.

The catalogues are ``locales/{en,ja}/LC_MESSAGES/messages.po``, compiled in memory when first used (no ``.mo``
file to keep in step). After changing a template or a string in Python, ``make messages`` extracts
``locales/messages.pot`` and updates both catalogues (``pybabel extract`` then ``pybabel update``, see the
Makefile); then translate the new entries of ``locales/ja/LC_MESSAGES/messages.po`` (English needs none: the
msgid is the English text).

A test fails when a Japanese entry is missing or fuzzy.
"""

from __future__ import annotations

import io
from datetime import date
from functools import cache
from pathlib import Path

from babel.dates import format_date, format_skeleton
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_decimal
from babel.support import Translations
from jinja2 import Environment, FileSystemLoader, select_autoescape

HERE = Path(__file__).resolve().parent
LOCALES = HERE / "locales"
TEMPLATES = HERE / "templates"
LANGUAGES = ("ja", "en")
DEFAULT_LANGUAGE = "en"


@cache
def translations(lang: str) -> Translations:
    """The compiled catalogue of ``lang`` (read from its .po file once per process)."""
    return catalogue(LOCALES, lang)


@cache
def catalogue(locales: Path, lang: str, domain: str = "messages") -> Translations:
    """The compiled catalogue ``locales/{lang}/LC_MESSAGES/{domain}.po`` (read once per process); the officers'
    console keeps its own (``domain="console"``) beside its templates."""
    with (locales / lang / "LC_MESSAGES" / f"{domain}.po").open("rb") as po:
        catalog = read_po(po, locale=lang)
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    buffer.seek(0)
    return Translations(fp=buffer)


def N_(message: str) -> str:
    """Mark a message for extraction where it is translated later (``gettext(lang, message)``)."""
    return message


def gettext(lang: str, message: str, **values: object) -> str:
    """``message`` in ``lang``, with ``%(name)s`` placeholders filled (for messages built in Python)."""
    text = translations(lang).gettext(message)
    return text % values if values else text


def long_date(day: date, lang: str) -> str:
    """26 November 2026 / 2026年11月26日."""
    return format_date(day, format="long", locale=lang)


def month_year(text: str | None, lang: str) -> str | None:
    """``1952/08`` -> August 1952 / 1952年8月; ``1952`` -> 1952 / 1952年."""
    if not text:
        return None
    parts = text.split("/")
    if len(parts) == 1:
        return f"{parts[0]}年" if lang == "ja" else parts[0]
    return format_skeleton("yMMMM", date(int(parts[0]), int(parts[1]), 1), locale=lang)


def partial_date(text: str | None, lang: str) -> str | None:
    """A public extract's ``1989/02/07``, ``1989/02`` or ``1989`` in the language's own format."""
    if not text:
        return None
    parts = text.split("/")
    try:
        if len(parts) == 3:
            return long_date(date(int(parts[0]), int(parts[1]), int(parts[2])), lang)
        return month_year(text, lang)
    except ValueError:
        return text


def number(value: float, lang: str) -> str:
    return format_decimal(value, locale=lang)


@cache
def environment(lang: str) -> Environment:
    """The Jinja2 environment of one language: autoescaping on, ``_``/``gettext``/``ngettext`` from its catalogue."""
    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(default=True),
                      extensions=["jinja2.ext.i18n"], trim_blocks=True, lstrip_blocks=True, auto_reload=False)
    env.install_gettext_translations(translations(lang), newstyle=True)  # type: ignore[attr-defined]
    env.globals["lang"] = lang
    env.filters["long_date"] = lambda d: long_date(d, lang)
    env.filters["number"] = lambda n: number(n, lang)
    env.filters["partial_date"] = lambda text: partial_date(text, lang)
    env.filters["paren"] = lambda text: f"（{text}）" if lang == "ja" else f" ({text})"
    return env


def negotiate(accept_language: str | None) -> str:
    """The best of :data:`LANGUAGES` for an ``Accept-Language`` header (English when none fits)."""
    best, best_q = DEFAULT_LANGUAGE, 0.0
    for position, part in enumerate((accept_language or "").split(",")):
        tag, _, params = part.strip().partition(";")
        primary = tag.strip().lower().split("-")[0]
        q = 1.0
        for param in params.split(";"):
            key, _, value = param.strip().partition("=")
            if key == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        q -= position * 1e-6  # earlier wins a tie
        if primary in LANGUAGES and q > best_q:
            best, best_q = primary, q
    return best
