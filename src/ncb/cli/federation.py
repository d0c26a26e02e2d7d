"""``ncb federation``: this instance's key, partners and their pinned keys, sending notices, the outbox and its
delivery (which ``ncb serve`` also runs in the background)."""

from __future__ import annotations

import time
from datetime import timedelta

import click
import httpx

from ncb.cli.context import AppContext, done, pass_app, print_json, print_table, run_guarded
from ncb.domain.federation import public_key_text
from ncb.services import federation as svc
from ncb.storage.federation import key_file, local_instance
from ncb.web.api_federation import http_transport


@click.group("federation")
def federation_group() -> None:
    """Exchange notices, messages and hit notifications with partner instances (signed, pinned, retried)."""


@federation_group.command("key")
@click.option("--json", "as_json", is_flag=True)
@pass_app
@run_guarded
def key_command(app: AppContext, as_json: bool) -> None:
    """Print this instance's bureau and public key (made on first use), for partners to pin.

    \b
    Example:
      ncb federation key
    """
    local = local_instance(app.settings)
    text = public_key_text(local.key.public_key())
    if as_json:
        print_json({"bureau": local.bureau, "public_key": text, "key_file": str(key_file(app.settings))})
    else:
        click.echo(f"{local.bureau} {text}")


@federation_group.command("add-partner")
@click.argument("code")
@click.option("--url", "base_url", required=True, help="The partner's base URL, e.g. https://ncb.fr.example")
@click.option("--key", "public_key", required=True, help="The partner's public key (`ncb federation key` there).")
@pass_app
@run_guarded
def add_partner_command(app: AppContext, code: str, base_url: str, public_key: str) -> None:
    """Pin a partner's key (a system administrator's act).

    \b
    Example:
      ncb --role system_admin federation add-partner FR --url https://ncb.fr.example --key MCowBQYDK2VwAyEA...
    """
    p = svc.add_partner(app.uow(), actor=app.who, code=code, base_url=base_url, public_key=public_key, now=app.now())
    done(f"partner {p.code} at {p.base_url} pinned")


@federation_group.command("partners")
@click.option("--json", "as_json", is_flag=True)
@pass_app
@run_guarded
def partners_command(app: AppContext, as_json: bool) -> None:
    """List partners and their pinned keys.

    \b
    Example:
      ncb federation partners --json
    """
    found = svc.list_partners(app.uow(write=False))
    rows = [{"code": p.code, "base_url": p.base_url, "public_key": p.public_key, "added_at": p.added_at.isoformat(),
             "added_by": p.added_by} for p in found]
    if as_json:
        print_json(rows)
    else:
        print_table("Partners", ["code", "base URL", "public key", "added"],
                    [(r["code"], r["base_url"], r["public_key"], r["added_at"][:16]) for r in rows])


@federation_group.command("send-notice")
@click.argument("entity_id")
@click.option("--to", "recipient", required=True, metavar="CC", help="The partner bureau.")
@pass_app
@run_guarded
def send_notice_command(app: AppContext, entity_id: str, recipient: str) -> None:
    """Put one of this bureau's published notices in the outbox for a partner.

    \b
    Example:
      ncb federation send-notice 2026/00001 --to FR
    """
    envelope = svc.send_notice(app.uow(), actor=app.who, local=local_instance(app.settings), entity_id=entity_id,
                               recipient=recipient.upper(), now=app.now())
    done(f"envelope {envelope.id} queued for {envelope.recipient}")


@federation_group.command("deliver")
@click.option("--until-empty", is_flag=True, help="Keep trying (with back-off) until nothing is waiting.")
@click.option("--timeout", type=click.FloatRange(1), default=600, show_default=True,
              help="With --until-empty: give up after this many seconds.")
@pass_app
@run_guarded
def deliver_command(app: AppContext, until_empty: bool, timeout: float) -> None:
    """Post the envelopes that are due (ncb serve does this every federation_deliver_seconds).

    \b
    Example:
      ncb federation deliver --until-empty
    """
    start = time.monotonic()
    total = 0
    with httpx.Client(timeout=10.0) as client:
        transport = http_transport(client)
        while True:
            report = svc.deliver_due(app.uow, transport=transport, now=app.now(),
                                     retry_cap=timedelta(seconds=app.settings.federation_retry_cap_seconds),
                                     local=local_instance(app.settings))
            total += report.delivered
            for error in report.errors[:5]:
                click.echo(f"  retry later: {error}", err=True)
            with app.uow(write=False) as uow:
                waiting = uow.federation.pending_count()
            if not until_empty or waiting == 0 or time.monotonic() - start > timeout:
                break
            time.sleep(1.0)
    done(f"{total} delivered, {waiting} waiting")


@federation_group.command("outbox")
@click.option("--limit", type=click.IntRange(1, 10_000), default=50, show_default=True)
@click.option("--json", "as_json", is_flag=True)
@pass_app
@run_guarded
def outbox_command(app: AppContext, limit: int, as_json: bool) -> None:
    """Envelopes sent or waiting, newest first.

    \b
    Example:
      ncb federation outbox --limit 20
    """
    items = svc.outbox(app.uow(write=False), limit=limit)
    if as_json:
        print_json(items)
    else:
        print_table("Outbox", ["id", "to", "kind", "attempts", "created", "delivered", "last error"],
                    [(i["id"], i["recipient"], i["kind"], i["attempts"], i["created_at"][:19],
                      (i["delivered_at"] or "")[:19], i["last_error"] or "") for i in items])
