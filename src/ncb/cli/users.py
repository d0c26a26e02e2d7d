"""``ncb users`` (people who log in) and ``ncb tokens`` (programs). Acting needs the manage_users
permission: ``ncb --role system_admin users ...`` on the server, or ``--role ncb_admin`` for one's own bureau."""

from __future__ import annotations

import sys

import click

from ncb.cli.context import AppContext, done, pass_app, print_json, print_table, run_guarded
from ncb.domain.identity import ProgramToken, Role, User, parse_roles
from ncb.services import identity as svc

_ROLES = click.Choice([r.value for r in Role if r is not Role.PUBLIC])


def _password(from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    return str(click.prompt("Password", hide_input=True, confirmation_prompt=True, err=True))


def _show_second_factor(new: svc.NewUser, as_json: bool) -> None:
    if as_json:
        print_json({**new.user.public_view(), "totp_secret": new.totp_secret, "totp_uri": new.totp_uri})
        return
    if new.totp_secret:
        click.echo(f"second factor for {new.user.username} (shown once; add it to an authenticator app):")
        click.echo(f"  secret: {new.totp_secret}")
        click.echo(f"  uri:    {new.totp_uri}")


@click.group("users")
def users_group() -> None:
    """People who log in: create, list, disable, enable, reset the second factor, set a password."""


@users_group.command("create")
@click.argument("username")
@click.option("--name", "display_name", required=True, help="Full name, as shown in the console and the history.")
@click.option("--role", "role", type=_ROLES, required=True)
@click.option("--bureau", metavar="CC", help="The user's bureau (default: the acting bureau; none for reviewers).")
@click.option("--agency", metavar="ID", help="The domestic agency (agency users only).")
@click.option("--password-stdin", is_flag=True, help="Read the password from standard input instead of a prompt.")
@click.option("--no-second-factor", is_flag=True, help="No TOTP (only for accounts that never log in to the portal).")
@click.option("--json", "as_json", is_flag=True)
@pass_app
@run_guarded
def create_command(app: AppContext, username: str, display_name: str, role: str, bureau: str | None,
                   agency: str | None, password_stdin: bool, no_second_factor: bool, as_json: bool) -> None:
    """Create a user; prints the second factor's secret once.

    \b
    Examples:
      ncb --role system_admin users create sato --name "Sato Hanako" --role ncb_officer --bureau JP
      echo "$PASSWORD" | ncb --role ncb_admin users create mpd1 --name "MPD desk" --role agency_user \\
          --agency JP-TOKYO-MPD --password-stdin
    """
    the_role = Role(role)
    if bureau is None and the_role not in (Role.REVIEWER, Role.SYSTEM_ADMIN, Role.DATA_PROTECTION_OFFICER):
        bureau = app.who.viewer.country or app.settings.bureau
    new = svc.create_user(app.uow(), actor=app.who, username=username, display_name=display_name, role=the_role,
                          bureau=bureau, agency=agency, password=_password(password_stdin), now=app.now(),
                          second_factor=not no_second_factor, policy=svc.policy_from(app.settings),
                          issuer=app.settings.totp_issuer)
    done(f"created {new.user.username} ({new.user.role.label}{', ' + new.user.bureau if new.user.bureau else ''})")
    _show_second_factor(new, as_json)


def _user_rows(found: list[User]) -> list[tuple[object, ...]]:
    return [(u.username, u.display_name, u.role.value, u.bureau, u.agency,
             "disabled" if u.disabled else f"locked until {u.locked_until:%H:%M}" if u.locked_until else "active",
             "yes" if u.totp_secret else "no") for u in found]


@users_group.command("list")
@click.option("--json", "as_json", is_flag=True)
@pass_app
@run_guarded
def list_command(app: AppContext, as_json: bool) -> None:
    """List users (an NCB administrator sees its own bureau's).

    \b
    Example:
      ncb --role system_admin users list --json
    """
    found = svc.list_users(app.uow(write=False), actor=app.who)
    if as_json:
        print_json([u.public_view() for u in found])
    else:
        print_table("Users", ["username", "name", "role", "bureau", "agency", "state", "2FA"], _user_rows(found))


@users_group.command("disable")
@click.argument("username")
@pass_app
@run_guarded
def disable_command(app: AppContext, username: str) -> None:
    """Disable a user; their sessions end at once.

    \b
    Example:
      ncb --role ncb_admin users disable sato
    """
    user = svc.disable_user(app.uow(), actor=app.who, username=username, now=app.now())
    done(f"disabled {user.username}; their sessions ended")


@users_group.command("enable")
@click.argument("username")
@pass_app
@run_guarded
def enable_command(app: AppContext, username: str) -> None:
    """Enable a disabled or locked user again.

    \b
    Example:
      ncb --role ncb_admin users enable sato
    """
    user = svc.enable_user(app.uow(), actor=app.who, username=username)
    done(f"enabled {user.username}")


@users_group.command("reset-2fa")
@click.argument("username")
@click.option("--json", "as_json", is_flag=True)
@pass_app
@run_guarded
def reset_2fa_command(app: AppContext, username: str, as_json: bool) -> None:
    """Give a user a new second-factor secret (the old one stops working; sessions end).

    \b
    Example:
      ncb --role ncb_admin users reset-2fa sato
    """
    new = svc.reset_second_factor(app.uow(), actor=app.who, username=username, now=app.now(),
                                  issuer=app.settings.totp_issuer)
    done(f"new second factor for {new.user.username}")
    _show_second_factor(new, as_json)


@users_group.command("set-password")
@click.argument("username")
@click.option("--password-stdin", is_flag=True, help="Read the password from standard input instead of a prompt.")
@pass_app
@run_guarded
def set_password_command(app: AppContext, username: str, password_stdin: bool) -> None:
    """Set a user's password (their sessions end).

    \b
    Example:
      ncb --role system_admin users set-password sato
    """
    svc.set_password(app.uow(), actor=app.who, username=username, password=_password(password_stdin),
                     now=app.now(), policy=svc.policy_from(app.settings))
    done(f"password of {username} set")


@click.group("tokens")
def tokens_group() -> None:
    """Tokens for programs: create (shown once), list, revoke."""


def _token_rows(found: list[ProgramToken]) -> list[tuple[object, ...]]:
    return [(t.id, t.name, ",".join(sorted(r.value for r in t.roles)), t.bureau, t.agency,
             f"{t.expires_at:%Y-%m-%d}", f"{t.revoked_at:%Y-%m-%d}" if t.revoked_at else "",
             f"{t.last_used_at:%Y-%m-%d %H:%M}" if t.last_used_at else "never") for t in found]


@tokens_group.command("create")
@click.argument("name")
@click.option("--roles", "roles", required=True, metavar="ROLES", help="Comma-separated roles, e.g. border_officer.")
@click.option("--days", type=click.IntRange(1, 366), default=None, help="Lifetime (default: the token_days setting).")
@click.option("--bureau", metavar="CC", help="The bureau it acts for (default: the acting bureau).")
@click.option("--agency", metavar="ID", help="The domestic agency (agency_user tokens).")
@click.option("--json", "as_json", is_flag=True)
@pass_app
@run_guarded
def token_create_command(app: AppContext, name: str, roles: str, days: int | None, bureau: str | None,
                         agency: str | None, as_json: bool) -> None:
    """Create a token for a program; the token is printed once and cannot be shown again.

    \b
    Example:
      ncb --role ncb_admin tokens create "Narita gateway" --roles border_officer --days 90
    """
    new = svc.create_token(app.uow(), actor=app.who, name=name, roles=parse_roles(roles), now=app.now(),
                           days=days or app.settings.token_days, bureau=bureau, agency=agency)
    if as_json:
        print_json({**new.token.public_view(), "token": new.secret})
        return
    done(f"token {new.token.id} for {new.token.name!r}, expires {new.token.expires_at:%Y-%m-%d}")
    click.echo(new.secret)


@tokens_group.command("list")
@click.option("--json", "as_json", is_flag=True)
@pass_app
@run_guarded
def token_list_command(app: AppContext, as_json: bool) -> None:
    """List tokens (never their secrets).

    \b
    Example:
      ncb --role ncb_admin tokens list
    """
    found = svc.list_tokens(app.uow(write=False), actor=app.who)
    if as_json:
        print_json([t.public_view() for t in found])
    else:
        print_table("Tokens", ["id", "name", "roles", "bureau", "agency", "expires", "revoked", "last used"],
                    _token_rows(found))


@tokens_group.command("revoke")
@click.argument("token_id")
@pass_app
@run_guarded
def token_revoke_command(app: AppContext, token_id: str) -> None:
    """Revoke a token at once.

    \b
    Example:
      ncb --role ncb_admin tokens revoke 3f9a0c1d2e4b5a69
    """
    token = svc.revoke_token(app.uow(), actor=app.who, token_id=token_id, now=app.now())
    done(f"revoked token {token.id} ({token.name})")


@click.group("agencies")
def agencies_group() -> None:
    """What the bureau's domestic agencies may see (NCB administrators)."""


@agencies_group.command("grant")
@click.argument("agency")
@click.option("--types", "types", required=True, metavar="TYPES",
              help="Comma-separated notice types it may see once published (e.g. red,yellow); '' for none.")
@pass_app
@run_guarded
def grant_command(app: AppContext, agency: str, types: str) -> None:
    """Let a domestic agency see published notices of these types (it always sees its own requests).

    \b
    Example:
      ncb --role ncb_admin agencies grant JP-TOKYO-MPD --types red,yellow,blue
    """
    granted = svc.grant_agency(app.uow(), actor=app.who, agency=agency,
                               notice_types=frozenset(t.strip().lower() for t in types.split(",") if t.strip()),
                               now=app.now())
    done(f"{agency} may see published {', '.join(sorted(granted)) or 'nothing beyond its own requests'}")


@agencies_group.command("list")
@click.option("--json", "as_json", is_flag=True)
@pass_app
@run_guarded
def grants_list_command(app: AppContext, as_json: bool) -> None:
    """The bureau's agencies and the notice types each may see.

    \b
    Example:
      ncb --role ncb_admin agencies list
    """
    grants = svc.agency_grants(app.uow(write=False), actor=app.who)
    if as_json:
        print_json([{"agency": a, "notice_types": sorted(t), "granted_by": by, "granted_at": at.isoformat()}
                    for a, t, by, at in grants])
    else:
        print_table("Agency grants", ["agency", "notice types", "granted by", "granted at"],
                    [(a, ", ".join(sorted(t)), by, f"{at:%Y-%m-%d %H:%M}") for a, t, by, at in grants])
