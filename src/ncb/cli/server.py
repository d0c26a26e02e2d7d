"""``ncb init`` and ``ncb serve``."""

from __future__ import annotations

import os
import secrets

import click

from ncb.cli.context import AppContext, done, pass_app, run_guarded
from ncb.storage.migrate import current_revision, upgrade


def _migrate(app: AppContext) -> str | None:
    upgrade(app.engine)
    return current_revision(app.engine)


@click.command("init")
@pass_app
@run_guarded
def init_command(app: AppContext) -> None:
    """Create or upgrade the database schema (safe to run again).

    \b
    Example:
      NCB_DATABASE_URL=sqlite:///var/ncb.db ncb init
    """
    revision = _migrate(app)
    done(f"database ready at schema {revision} ({app.engine.url.render_as_string(hide_password=True)})")


@click.command("serve")
@click.option("--host", default=None, help="Address to listen on (default: NCB_HOST, 127.0.0.1).")
@click.option("--port", default=None, type=int, help="Port to listen on (default: NCB_PORT, 8000).")
@click.option("--workers", default=None, type=click.IntRange(1, 64),
              help="Server processes (default: NCB_WEB_WORKERS, 1); one per core serves the most requests.")
@pass_app
@run_guarded
def serve_command(app: AppContext, host: str | None, port: int | None, workers: int | None) -> None:
    """Serve the public portal, the INTERPOL-compatible public API, the internal API, the console and the screening
    API over HTTP.

    \b
    Examples:
      ncb serve --host 0.0.0.0 --port 8080
      ncb serve --workers 2
    """
    import uvicorn

    from ncb.web.app import create_app

    _migrate(app)
    settings = app.settings
    host = host or settings.host
    port = port or settings.port
    workers = workers or settings.web_workers
    click.echo(f"NCB serving on http://{host}:{port}/  (API docs: http://{host}:{port}/docs)"
               + (f" with {workers} processes" if workers > 1 else ""), err=True)
    if workers == 1:
        uvicorn.run(create_app(settings, engine=app.engine), host=host, port=port, log_level="warning")
        return
    # Every process builds the app from the same environment; secrets drawn at start-up must then be shared.
    if not settings.portal_secret:
        os.environ["NCB_PORTAL_SECRET"] = secrets.token_hex(32)
    app.close()
    from ncb.web.serving import serve_processes

    status = serve_processes(host, port, workers)
    if status:
        raise SystemExit(status)
