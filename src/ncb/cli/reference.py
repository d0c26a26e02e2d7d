"""Reference data: ``ncb countries``, ``ncb bureaus``, ``ncb settings``."""

from __future__ import annotations

import click

from ncb.cli.context import AppContext, pass_app, print_json, print_table, run_guarded
from ncb.domain.bureaus import bureau_for, seed_agencies
from ncb.domain.countries import Region, countries_in_region, country_name, member_countries, region_label
from ncb.settings import SETTINGS


@click.group("countries")
def countries_group() -> None:
    """INTERPOL's member countries."""


@countries_group.command("list")
@click.option("--region", type=click.Choice([r.value for r in Region]), default=None, help="Only this region.")
@click.option("--locale", type=click.Choice(["en", "ja"]), default="en", show_default=True)
@click.option("--json", "as_json", is_flag=True, help="JSON for programs.")
@run_guarded
def countries_list(region: str | None, locale: str, as_json: bool) -> None:
    """List member countries with their region.

    \b
    Example:
      ncb countries list --region asia_south_pacific --locale ja
    """
    countries = countries_in_region(Region(region)) if region else tuple(
        sorted(member_countries().values(), key=lambda c: c.code))
    rows = [{"code": c.code, "name": country_name(c.code, locale), "region": c.region.value,
             "region_label": region_label(c.region, locale), "member_since": c.member_since} for c in countries]
    if as_json:
        print_json(rows)
    else:
        print_table(f"{len(rows)} member countries", ["code", "name", "region", "member since"],
                    [(r["code"], r["name"], r["region_label"], r["member_since"]) for r in rows])


@click.group("bureaus")
def bureaus_group() -> None:
    """National Central Bureaus and their domestic agencies."""


@bureaus_group.command("show")
@click.argument("country")
@click.option("--locale", type=click.Choice(["en", "ja"]), default="en", show_default=True)
@click.option("--json", "as_json", is_flag=True, help="JSON for programs.")
@run_guarded
def bureaus_show(country: str, locale: str, as_json: bool) -> None:
    """Show a country's bureau: host agency, member since, duties, units, agencies.

    \b
    Example:
      ncb bureaus show JP --locale ja
    """
    b = bureau_for(country)
    ja = locale == "ja"
    agencies = [a for a in seed_agencies() if a.bureau == b.country]
    host = b.host_agency_ja if ja else b.host_agency_en
    duties = [d[1] if ja else d[0] for d in b.duties]
    units = [u[1] if ja else u[0] for u in b.units]
    events = [(e.year, e.title_ja if ja else e.title_en) for e in b.events]
    if as_json:
        print_json({"country": b.country, "name": b.name(locale), "host_agency": host,
                    "member_since": b.member_since, "duties": duties, "units": units,
                    "events": [{"year": y, "title": t} for y, t in events],
                    "agencies": [{"id": a.id, "name": a.name(locale)} for a in agencies]})
        return
    print_table(b.name(locale), ["", ""], [
        ("country", country_name(b.country, locale)), ("host agency", host), ("member since", b.member_since),
        ("duties", "\n".join(duties)), ("units", "\n".join(units)),
        ("events", "\n".join(f"{y} {t}" for y, t in events)),
        ("agencies", "\n".join(f"{a.id}  {a.name(locale)}" for a in agencies)),
    ])


@click.command("settings")
@click.option("--json", "as_json", is_flag=True, help="JSON for programs.")
@pass_app
@run_guarded
def settings_command(app: AppContext, as_json: bool) -> None:
    """Every setting (environment variable NCB_<NAME>), its default, its current value and what it does.

    \b
    Example:
      NCB_PORT=9000 ncb settings
    """
    current = app.settings
    rows = [{"variable": f"NCB_{s.name.upper()}", "default": s.default,
             "value": "***" if s.name == "api_token" and getattr(current, s.name) else getattr(current, s.name),
             "help": s.help} for s in SETTINGS]
    if as_json:
        print_json(rows)
    else:
        print_table("settings", ["variable", "default", "value", "meaning"],
                    [(r["variable"], r["default"], r["value"], r["help"]) for r in rows])
