"""``ncb news add|list`` (the portal's news, written by a bureau's officers) and ``ncb tips list``."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import click

from ncb.cli.context import AppContext, done, pass_app, print_json, print_table, run_guarded
from ncb.errors import ValidationError
from ncb.services import news as news_service
from ncb.services import tips as tip_service


def _text(value: str | None, path: Path | None, name: str) -> str | None:
    if value is not None and path is not None:
        raise ValidationError(f"give --{name} or --{name}-file, not both", field=name)
    if path is not None:
        try:
            return path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise ValidationError(f"{path}: {exc}", field=f"{name}-file") from None
    return value


@click.group("news")
def news_group() -> None:
    """The bureau's news on the public portal ("in action"), in English and Japanese."""


@news_group.command("add")
@click.option("--title-en", required=True, help="Title in English.")
@click.option("--title-ja", required=True, help="Title in Japanese.")
@click.option("--body-en", default=None, help="Body in English (Markdown; raw HTML is shown as text).")
@click.option("--body-ja", default=None, help="Body in Japanese (Markdown).")
@click.option("--body-en-file", type=click.Path(path_type=Path, dir_okay=False), default=None,
              help="Read the English body from a file.")
@click.option("--body-ja-file", type=click.Path(path_type=Path, dir_okay=False), default=None,
              help="Read the Japanese body from a file.")
@click.option("--date", "day", type=click.DateTime(["%Y-%m-%d"]), default=None,
              help="Date of the item (default: today).")
@click.option("--country", "countries", multiple=True, metavar="CC", help="A country it concerns (repeatable).")
@click.option("--notice", "notices", multiple=True, metavar="ID", help="A notice it is about, e.g. 2024/58775 "
              "(repeatable; only public ones are shown on the portal).")
@click.option("--json", "as_json", is_flag=True, help="Print the stored item as JSON.")
@pass_app
@run_guarded
def add_command(app: AppContext, title_en: str, title_ja: str, body_en: str | None, body_ja: str | None,
                body_en_file: Path | None, body_ja_file: Path | None, day: datetime | None, countries: tuple[str, ...],
                notices: tuple[str, ...], as_json: bool) -> None:
    """Publish a news item of your bureau on the portal.

    \b
    Examples:
      ncb news add --title-en "Fugitive arrested in Manila" --title-ja "マニラで被疑者を逮捕" \\
        --body-en "Arrested on **3 March** with the Philippine police." \\
        --body-ja "フィリピン警察と協力し、**3月3日**に逮捕しました。" --country JP --country PH
      ncb news add --title-en "..." --title-ja "..." --body-en-file en.md --body-ja-file ja.md --json
    """
    doc = {"title_en": title_en, "title_ja": title_ja, "body_en": _text(body_en, body_en_file, "body-en"),
           "body_ja": _text(body_ja, body_ja_file, "body-ja"), "published_on": day.date() if day else None,
           "countries": list(countries), "notices": list(notices)}
    item = news_service.create_news(doc, app.uow(), actor=app.who, now=app.now())
    if as_json:
        print_json(item.to_dict())
    else:
        done(f"news item {item.id} published, dated {item.published_on.isoformat()}")


@news_group.command("list")
@click.option("--country", default=None, metavar="CC", help="Only items that concern this country.")
@click.option("--page", default=1, show_default=True, type=click.IntRange(1, 100_000))
@click.option("--per-page", default=20, show_default=True, type=click.IntRange(1, 200))
@click.option("--json", "as_json", is_flag=True, help="JSON for programs.")
@pass_app
@run_guarded
def list_command(app: AppContext, country: str | None, page: int, per_page: int, as_json: bool) -> None:
    """List news items, newest first.

    \b
    Examples:
      ncb news list
      ncb news list --country JP --json
    """
    total, items = news_service.list_news(app.uow(write=False), country=country, page=page, per_page=per_page)
    if as_json:
        print_json({"total": total, "page": page, "items": [i.to_dict() for i in items]})
        return
    print_table(None, ["id", "date", "bureau", "title (en)", "title (ja)", "countries"],
                [(i.id, i.published_on.isoformat(), i.bureau, i.title_en, i.title_ja, " ".join(i.countries))
                 for i in items], caption=f"{total} items")


@click.group("tips")
def tips_group() -> None:
    """Tips the public sent through the portal about your bureau's notices."""


@tips_group.command("list")
@click.option("--notice", default=None, metavar="ID", help="Only tips about this notice, e.g. 2024/58775.")
@click.option("--limit", default=100, show_default=True, type=click.IntRange(1, 10_000))
@click.option("--json", "as_json", is_flag=True, help="JSON for programs.")
@pass_app
@run_guarded
def tips_list_command(app: AppContext, notice: str | None, limit: int, as_json: bool) -> None:
    """List the tips sent to your bureau, newest first.

    \b
    Examples:
      ncb tips list
      ncb tips list --notice 2024/58775 --json
    """
    tips = tip_service.list_tips(app.uow(write=False), actor=app.who, entity_id=notice, limit=limit)
    if as_json:
        print_json([t.to_dict() for t in tips])
        return
    print_table(None, ["reference", "received", "notice", "language", "contact", "message"],
                [(t.reference, t.received_at.isoformat(timespec="minutes"), t.entity_id, t.language,
                  t.contact or "", t.message) for t in tips], caption=f"{len(tips)} tips")
