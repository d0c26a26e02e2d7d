"""The console's languages: its own Babel catalogue (``locales/{ja,en}/LC_MESSAGES/console.po``), one Jinja2
environment per language, and the portal's date and number formats.

After changing a template or a string in Python, ``make console-messages`` extracts ``locales/console.pot`` and
updates both catalogues; then translate the new entries of ``locales/ja/LC_MESSAGES/console.po`` (English needs
none: the msgid is the English text). A test fails when a Japanese entry is missing or fuzzy.
"""

from __future__ import annotations

from datetime import datetime
from functools import cache
from pathlib import Path

from babel.dates import format_datetime
from babel.support import Translations
from jinja2 import Environment, FileSystemLoader, select_autoescape

from ncb.domain.countries import country_name
from ncb.errors import NcbError
from ncb.web.portal.i18n import LANGUAGES, catalogue, long_date, number, partial_date

HERE = Path(__file__).resolve().parent
LOCALES = HERE / "locales"
TEMPLATES = HERE / "templates"
DOMAIN = "console"

__all__ = ["LANGUAGES", "N_", "country_label", "environment", "gettext", "long_date", "moment", "translations"]


def translations(lang: str) -> Translations:
    return catalogue(LOCALES, lang, DOMAIN)


def N_(message: str) -> str:
    """Mark a message for extraction where it is translated later (``gettext(lang, message)``)."""
    return message


def gettext(lang: str, message: str, **values: object) -> str:
    """``message`` in ``lang``, with ``%(name)s`` placeholders filled (for messages built in Python)."""
    text = translations(lang).gettext(message)
    return text % values if values else text


def moment(value: datetime | None, lang: str) -> str:
    """A time of day with its date, in the language's medium format (UTC, as stored)."""
    if value is None:
        return ""
    return format_datetime(value, format="medium", tzinfo=value.tzinfo, locale=lang) + " UTC"


def country_label(code: str | None, lang: str) -> str:
    """A country's name in ``lang`` (its code when unknown)."""
    if not code:
        return ""
    try:
        return country_name(code, lang)
    except (NcbError, LookupError, ValueError):
        return code


@cache
def environment(lang: str) -> Environment:
    """The Jinja2 environment of one language: autoescaping on, ``_``/``gettext``/``ngettext`` from the console's
    catalogue."""
    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(default=True),
                      extensions=["jinja2.ext.i18n"], trim_blocks=True, lstrip_blocks=True, auto_reload=False)
    env.install_gettext_translations(translations(lang), newstyle=True)  # type: ignore[attr-defined]
    env.globals["lang"] = lang
    env.filters["long_date"] = lambda d: long_date(d, lang) if d else ""
    env.filters["moment"] = lambda d: moment(d, lang)
    env.filters["number"] = lambda n: number(n, lang)
    env.filters["partial_date"] = lambda text: partial_date(text, lang)
    env.filters["country"] = lambda code: country_label(code, lang)
    return env
