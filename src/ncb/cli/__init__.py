"""The ``ncb`` command: parse options, call a service, print a table for people or JSON for programs.

Exit codes: 0 done; 1 unexpected failure; 2 wrong usage; 3 invalid input (nothing stored); 4 not found;
5 conflict or illegal transition; 6 blocked by compliance rules; 7 permission denied; 8 configuration;
9 the audit log does not verify (``ncb audit verify``).
"""

from __future__ import annotations

import click

from ncb.cli.audit import audit_group
from ncb.cli.bundles import bundle_group, keys_group
from ncb.cli.context import AppContext, run_guarded
from ncb.cli.cooperation import cases_group, messages_group, operations_group, stats_command
from ncb.cli.data import demo_command, export_command, import_command
from ncb.cli.data_protection import requests_group, retention_group
from ncb.cli.federation import federation_group
from ncb.cli.news import news_group, tips_group
from ncb.cli.notices import notices_group
from ncb.cli.reference import bureaus_group, countries_group, settings_command
from ncb.cli.screen import hits_group, index_group, screen_command
from ncb.cli.server import init_command, serve_command
from ncb.cli.travel_documents import documents_group
from ncb.cli.users import agencies_group, tokens_group, users_group


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 110})
@click.option("--as", "act_as", metavar="VIEWER", default=None,
              help="Whose rights apply: bureau:JP (default: this instance's bureau), agency:JP:JP-TOKYO-MPD, "
                   "general-secretariat, or public.")
@click.option("--actor", default=None, help="Name recorded in the history (default: $USER).")
@click.option("--role", "roles", metavar="ROLES", default=None,
              help="Roles acted in, comma-separated (default: the usual role of --as: ncb_officer for a bureau).")
@click.option("--purpose", default=None, help="Why non-public data is read; recorded in the audit trail.")
@click.version_option(package_name="ncb")
@click.pass_context
def main(ctx: click.Context, act_as: str | None, actor: str | None, roles: str | None, purpose: str | None) -> None:
    """NCB: notices, screening and cooperation for a National Central Bureau of INTERPOL.

    \b
    Quick start:
      ncb init && ncb demo && ncb serve
      ncb notices list --type red --nationality JP
    """
    ctx.obj = AppContext(act_as=act_as, actor=actor, roles=roles, purpose=purpose)
    ctx.call_on_close(ctx.obj.close)


for command in (init_command, serve_command, demo_command, import_command, export_command, notices_group,
                countries_group, bureaus_group, settings_command, screen_command, index_group, hits_group,
                bundle_group, keys_group):
    main.add_command(command)
main.add_command(documents_group)
main.add_command(users_group)
main.add_command(tokens_group)
main.add_command(agencies_group)
main.add_command(requests_group)
main.add_command(retention_group)
main.add_command(audit_group)
main.add_command(news_group)
main.add_command(tips_group)
main.add_command(federation_group)
for command in (messages_group, cases_group, operations_group, stats_command):
    main.add_command(command)

__all__ = ["main", "run_guarded"]
