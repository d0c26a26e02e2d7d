"""The ``ncb`` command: parse options, call a service, print a table for people or JSON for programs.

Exit codes: 0 done; 1 unexpected failure; 2 wrong usage; 3 invalid input (nothing stored); 4 not found;
5 conflict or illegal transition; 6 blocked by compliance rules; 7 permission denied; 8 configuration;
9 the audit log does not verify (``ncb audit verify``).
"""

from __future__ import annotations

import importlib

import click

from ncb.cli.context import AppContext, run_guarded

_COMMANDS = {  # name: (module, attribute); a command's module is imported when it runs, or for the help
    "init": ("server", "init_command"), "serve": ("server", "serve_command"), "demo": ("data", "demo_command"),
    "import": ("data", "import_command"), "export": ("data", "export_command"),
    "notices": ("notices", "notices_group"), "countries": ("reference", "countries_group"),
    "bureaus": ("reference", "bureaus_group"), "settings": ("reference", "settings_command"),
    "screen": ("screen", "screen_command"), "index": ("screen", "index_group"), "hits": ("screen", "hits_group"),
    "bundle": ("bundles", "bundle_group"), "keys": ("bundles", "keys_group"),
    "documents": ("travel_documents", "documents_group"), "users": ("users", "users_group"),
    "tokens": ("users", "tokens_group"), "agencies": ("users", "agencies_group"),
    "requests": ("data_protection", "requests_group"), "retention": ("data_protection", "retention_group"),
    "audit": ("audit", "audit_group"), "news": ("news", "news_group"), "tips": ("news", "tips_group"),
    "federation": ("federation", "federation_group"), "messages": ("cooperation", "messages_group"),
    "cases": ("cooperation", "cases_group"), "operations": ("cooperation", "operations_group"),
    "stats": ("cooperation", "stats_command"),
}


class _Commands(click.Group):
    """The ``ncb`` group, importing only the module of the command that runs: ``ncb screen`` and its worker
    processes need neither the web server nor the migrations."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *_COMMANDS})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.commands and cmd_name in _COMMANDS:
            module, attribute = _COMMANDS[cmd_name]
            self.add_command(getattr(importlib.import_module(f"ncb.cli.{module}"), attribute), cmd_name)
        return super().get_command(ctx, cmd_name)


@click.group(cls=_Commands, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 110})
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


__all__ = ["main", "run_guarded"]
