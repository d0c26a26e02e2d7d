"""What every command shares: settings, the engine, who acts, the clock, errors to exit codes, output."""

from __future__ import annotations

import getpass
import json
import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from functools import wraps
from typing import Any, ParamSpec, TypeVar

import click
from rich.console import Console
from rich.table import Table
from sqlalchemy import Engine

from ncb.domain.access import Viewer, ViewerKind
from ncb.domain.identity import Actor, parse_roles
from ncb.domain.lifecycle import Policy
from ncb.errors import (
    AuthenticationFailed,
    ComplianceBlocked,
    ConfigurationError,
    Conflict,
    NcbError,
    NotFound,
    PermissionDenied,
    ValidationError,
)
from ncb.settings import Settings
from ncb.storage.dialect import make_engine
from ncb.storage.uow import SqlUnitOfWork

EXIT_CODES: tuple[tuple[type[NcbError], int], ...] = (
    (ValidationError, 3),
    (NotFound, 4),
    (Conflict, 5),
    (ComplianceBlocked, 6),
    (PermissionDenied, 7),
    (AuthenticationFailed, 7),
    (ConfigurationError, 8),
)

P = ParamSpec("P")
R = TypeVar("R")


def exit_code(exc: NcbError) -> int:
    for cls, code in EXIT_CODES:
        if isinstance(exc, cls):
            return code
    return 1


def run_guarded(fn: Callable[P, R]) -> Callable[P, R]:
    """Turn the application's errors into a one-line message on stderr and a meaningful exit code."""

    @wraps(fn)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return fn(*args, **kwargs)
        except NcbError as exc:
            err = Console(stderr=True)
            err.print(f"[bold red]error[/]: {exc.title.lower()}: {click.style(str(exc), bold=False)}",
                      highlight=False, markup=True, soft_wrap=True)
            problems = getattr(getattr(exc, "report", None), "problems", None)
            if problems and len(problems) > 1:
                for line in problems[1:20]:
                    err.print(f"  - {line}", highlight=False, markup=False, soft_wrap=True)
                if len(problems) > 20:
                    err.print(f"  ... and {len(problems) - 20} more", highlight=False)
            raise SystemExit(exit_code(exc)) from None

    return wrapper


@dataclass
class AppContext:
    act_as: str | None = None
    actor: str | None = None
    roles: str | None = None
    purpose: str | None = None
    _settings: Settings | None = field(default=None, repr=False)
    _engine: Engine | None = field(default=None, repr=False)

    @property
    def settings(self) -> Settings:
        if self._settings is None:
            self._settings = Settings.from_env()
        return self._settings

    @property
    def engine(self) -> Engine:
        if self._engine is None:
            self._engine = make_engine(self.settings.database_url,
                                       busy_timeout_ms=self.settings.sqlite_busy_timeout_ms)
        return self._engine

    def close(self) -> None:
        if self._engine is not None:
            self._engine.dispose()
            self._engine = None

    def uow(self, *, write: bool = True) -> SqlUnitOfWork:
        return SqlUnitOfWork(self.engine, write=write)

    @property
    def viewer(self) -> Viewer:
        return Viewer.parse(self.act_as) if self.act_as else Viewer.bureau(self.settings.bureau)

    @property
    def who(self) -> Actor:
        viewer = self.viewer
        name = self.actor or getpass.getuser()
        if viewer.kind is ViewerKind.BUREAU:
            name = f"{name}@{viewer.country}"
        elif viewer.kind is ViewerKind.GENERAL_SECRETARIAT:
            name = f"{name}@general-secretariat"
        return Actor(name, viewer, parse_roles(self.roles) if self.roles else frozenset(), self.purpose)

    @property
    def policy(self) -> Policy:
        s = self.settings
        return Policy(retention_years=s.retention_years, review_before_expiry_months=s.review_before_expiry_months,
                      max_suspension_months=s.max_suspension_months)

    @staticmethod
    def now() -> datetime:
        return datetime.now(UTC)

    @staticmethod
    def today() -> date:
        return datetime.now(UTC).date()


pass_app = click.make_pass_decorator(AppContext)


def print_json(data: Any) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2, default=str))


def print_table(title: str | None, columns: Sequence[str], rows: Iterable[Sequence[Any]],
                caption: str | None = None) -> None:
    table = Table(title=title, caption=caption, show_lines=False, header_style="bold")
    for col in columns:
        table.add_column(col, overflow="fold")
    for row in rows:
        table.add_row(*("" if v is None else str(v) for v in row))
    Console(soft_wrap=False, width=None if sys.stdout.isatty() else 200).print(table)


def done(message: str) -> None:
    Console(stderr=True).print(f"[green]✓[/] {message}", highlight=False)
