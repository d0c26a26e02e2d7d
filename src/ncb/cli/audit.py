"""``ncb audit ...``: verify the tamper-evident log, sign checkpoints, prove entries, read the trail."""

from __future__ import annotations

import sys
from pathlib import Path

import click
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from ncb.audit.keys import LogKey, generate_key_file
from ncb.cli.context import AppContext, done, pass_app, print_json, print_table, run_guarded
from ncb.errors import ValidationError
from ncb.services import audit as svc
from ncb.storage.audit import key_path, log_key, log_origin

VERIFY_FAILED = 9
"""Exit code of ``ncb audit verify`` when the log does not verify (a problem in the log, not in the input)."""

_JSON = click.option("--json", "as_json", is_flag=True, help="JSON for programs.")


@click.group("audit")
def audit_group() -> None:
    """The audit trail: a Merkle log (RFC 9162) with signed checkpoints that anyone can verify."""


def _read_note(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ValidationError(f"{path}: no such file", field="--known") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ValidationError(f"{path}: cannot be read as a checkpoint ({exc})", field="--known") from None


def _refused(app: AppContext, what: str, exc: ValidationError) -> None:
    """A checkpoint given by the user that is not this log's genuine one is recorded as refused."""
    svc.refuse(app.uow(), actor=app.who, action=what, object="checkpoint", now=app.now(),
               reason="the checkpoint given is not signed by this log's key")


def _key(app: AppContext) -> LogKey:
    return log_key(app.settings)


@audit_group.command("verify")
@click.option("--known", "known_file", type=click.Path(path_type=Path, dir_okay=False),
              help="A checkpoint obtained elsewhere (a witness, an earlier run) that the log must still match.")
@_JSON
@pass_app
@run_guarded
def verify_command(app: AppContext, known_file: Path | None, as_json: bool) -> None:
    """Recompute every entry's hash and the root at every checkpoint; report OK or the first problem.

    Problems are named by kind (modified, deleted, reordered, inserted, bad_signature) and the first seq
    concerned; the exit code is then 9.

    \b
    Examples:
      ncb audit verify
      ncb audit verify --known witness-checkpoint.txt --json
    """
    key = _key(app)
    known = _read_note(known_file) if known_file else None
    with Progress(TextColumn("verifying the audit log"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  transient=True, disable=as_json or not sys.stderr.isatty()) as bar:
        with app.uow(write=False) as uow:
            total = uow.audit.size()
        task = bar.add_task("verify", total=total)
        try:
            report = svc.verify(app.uow(write=False), key, known=known,
                                progress=lambda n: bar.update(task, completed=n))
        except ValidationError as exc:
            _refused(app, "audit.verify", exc)
            raise
    if as_json:
        print_json(svc.report_dict(report))
    elif report.ok:
        done(f"OK: {report.message}" + (f"; {report.unanchored} after the last checkpoint"
                                        if report.unanchored else ""))
    else:
        click.echo(f"PROBLEM: {report.kind.value} at seq {report.seq}: {report.message}", err=True)
    if not report.ok:
        raise SystemExit(VERIFY_FAILED)


@audit_group.command("checkpoint")
@_JSON
@pass_app
@run_guarded
def checkpoint_command(app: AppContext, as_json: bool) -> None:
    """Sign the log's current size and root (a C2SP signed note), store it and print it.

    The signing key (NCB_AUDIT_KEY_FILE) is created on first use. Run it regularly (cron) and send the
    note to the bureaus that witness this log.

    \b
    Example:
      ncb audit checkpoint > checkpoint.txt
    """
    made = svc.checkpoint(app.uow(), log_key(app.settings, create=True), app.now())
    if as_json:
        print_json(made.as_dict())
    else:
        click.echo(made.note, nl=False)


def _print_proof(title: str, fields: list[tuple[str, object]], proof: tuple[bytes, ...]) -> None:
    import base64

    rows = [*fields, *((f"proof[{i}]", base64.b64encode(h).decode()) for i, h in enumerate(proof))]
    print_table(title, ["field", "value"], rows, caption=f"{len(proof)} hashes, {32 * len(proof)} bytes")


@audit_group.command("prove")
@click.argument("seq", type=click.IntRange(min=0), required=False)
@click.option("--size", type=click.IntRange(min=1), help="The tree size to prove in (default: the whole log).")
@click.option("--checkpoint", "checkpoint_file", type=click.Path(path_type=Path, dir_okay=False),
              help="Prove in the tree this checkpoint signed, and check its root against the stored log.")
@click.option("--consistency", nargs=2, type=click.IntRange(min=0), metavar="OLD NEW",
              help="Instead: prove the tree of OLD entries is a prefix of the tree of NEW.")
@_JSON
@pass_app
@run_guarded
def prove_command(app: AppContext, seq: int | None, size: int | None, checkpoint_file: Path | None,
                  consistency: tuple[int, int] | None, as_json: bool) -> None:
    """Print an inclusion proof of one entry, or a consistency proof between two tree sizes (base64 hashes).

    \b
    Examples:
      ncb audit prove 41
      ncb audit prove 41 --checkpoint checkpoint.txt --json
      ncb audit prove --consistency 1000 2000
    """
    if consistency:
        if seq is not None or checkpoint_file or size:
            raise ValidationError("--consistency OLD NEW takes no SEQ, --size or --checkpoint", field="--consistency")
        old, new = consistency
        c = svc.consistency_proof(app.uow(write=False), old, new)
        if as_json:
            print_json(c.as_dict())
        else:
            d = c.as_dict()
            _print_proof(f"consistency of {old} with {new}", [("old root", d["old_root"]), ("root", d["root"])],
                         c.proof)
        return
    if seq is None:
        raise ValidationError("give the SEQ of an entry, or --consistency OLD NEW", field="SEQ")
    note = None
    if checkpoint_file:
        note = _read_note(checkpoint_file)
        key = _key(app)
        try:
            given = svc.checkpoint_size(note, key)
        except ValidationError as exc:
            _refused(app, "audit.prove", exc)
            raise
        if size is not None and size != given:
            raise ValidationError(f"--size {size} differs from the checkpoint's size {given}", field="--size")
        size = given
    p = svc.inclusion_proof(app.uow(write=False), seq, size)
    if note is not None:
        svc.check_against(p.size, p.root, note, _key(app))
    if as_json:
        print_json(p.as_dict())
    else:
        d = p.as_dict()
        _print_proof(f"entry {seq} in the tree of {p.size}", [("leaf hash", d["leaf_hash"]), ("root", d["root"])],
                     p.proof)


@audit_group.command("list")
@click.option("--limit", type=click.IntRange(1, svc.MAX_LIST), default=20, show_default=True)
@click.option("--before", type=click.IntRange(min=0), help="Only entries before this seq (to page back).")
@_JSON
@pass_app
@run_guarded
def list_command(app: AppContext, limit: int, before: int | None, as_json: bool) -> None:
    """The most recent events, newest first: who did what to what, why, and with what outcome.

    Needs the read_audit permission (data-protection officers, NCB and system administrators).

    \b
    Examples:
      ncb --role dpo audit list --limit 50
      ncb --role dpo audit list --before 1200 --json
    """
    events = svc.list_events(app.uow(write=False), actor=app.who, limit=limit, before=before)
    if as_json:
        print_json(events)
        return
    print_table(f"{len(events)} audit events", ["seq", "time", "actor", "action", "object", "purpose", "outcome",
                                                "recipients", "personal data"], [_row(e) for e in events])


def _row(event: dict[str, object]) -> tuple[object, ...]:
    recipients = event.get("recipients")
    return (event["seq"], str(event.get("ts", ""))[:19], event.get("actor"), event.get("action"), event.get("object"),
            event.get("purpose"), event.get("outcome", event.get("unreadable")),
            ",".join(recipients) if isinstance(recipients, list) else "", event.get("personal_data"))


@audit_group.command("keygen")
@pass_app
@run_guarded
def keygen_command(app: AppContext) -> None:
    """Create the log's Ed25519 signing key (NCB_AUDIT_KEY_FILE, readable by its owner only).

    An existing key is never replaced: that would orphan every checkpoint it signed.

    \b
    Example:
      NCB_AUDIT_KEY_FILE=/etc/ncb/audit.key ncb audit keygen
    """
    path = key_path(app.settings)
    private = generate_key_file(path)
    key = LogKey(log_origin(app.settings), private.public_key(), private, path)
    done(f"wrote {path}; its verifier key (give it to the witnessing bureaus):")
    click.echo(key.verifier_key)


@audit_group.command("public-key")
@pass_app
@run_guarded
def public_key_command(app: AppContext) -> None:
    """Print the verifier key other bureaus pin to check this log's checkpoints (name+id+key).

    \b
    Example:
      ncb audit public-key > ncb-jp-audit.vkey
    """
    click.echo(_key(app).verifier_key)
