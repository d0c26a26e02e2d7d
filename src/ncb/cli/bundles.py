"""``ncb keys`` and ``ncb bundle``: signed offline copies for places without a live link."""

from __future__ import annotations

import base64
from datetime import timedelta
from pathlib import Path

import click
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from ncb.cli.context import AppContext, done, pass_app, print_json, run_guarded
from ncb.domain.countries import validate_country
from ncb.errors import ConfigurationError, ValidationError
from ncb.services import bundles as svc


def read_private_key(path: Path) -> Ed25519PrivateKey:
    try:
        key = serialization.load_pem_private_key(path.read_bytes(), password=None)
    except (OSError, ValueError) as exc:
        raise ConfigurationError(f"{path}: not a readable Ed25519 private key ({exc})") from None
    if not isinstance(key, Ed25519PrivateKey):
        raise ConfigurationError(f"{path}: not an Ed25519 key")
    return key


def read_public_key(path: Path) -> Ed25519PublicKey:
    try:
        return Ed25519PublicKey.from_public_bytes(base64.b64decode(path.read_text().strip(), validate=True))
    except (OSError, ValueError) as exc:
        raise ValidationError(f"{path}: not a base64 Ed25519 public key ({exc})", field="--public-key") from None


@click.group("keys")
def keys_group() -> None:
    """Signing keys (Ed25519) for bundles."""


@keys_group.command("generate")
@click.option("--out", "out_dir", type=click.Path(path_type=Path, file_okay=False), required=True)
@run_guarded
def keys_generate(out_dir: Path) -> None:
    """Create signing.key (private, PEM; keep it secret) and signing.pub (public, base64; give it away).

    \b
    Example:
      ncb keys generate --out /etc/ncb/keys
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    key = Ed25519PrivateKey.generate()
    private = out_dir / "signing.key"
    private.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                          serialization.NoEncryption()))
    private.chmod(0o600)
    (out_dir / "signing.pub").write_text(base64.b64encode(key.public_key().public_bytes_raw()).decode() + "\n")
    done(f"wrote {private} and {out_dir / 'signing.pub'} (key id {svc.key_id(key.public_key())})")


@click.group("bundle")
def bundle_group() -> None:
    """Signed offline bundles of what a receiving country may screen against."""


@bundle_group.command("export")
@click.option("--for", "country", required=True, help="The receiving country (its bureau's rights apply).")
@click.option("--key", "key_file", type=click.Path(path_type=Path, exists=True, dir_okay=False), required=True,
              help="The private signing key (from `ncb keys generate`).")
@click.option("--output", "-o", type=click.Path(path_type=Path), required=True)
@click.option("--json", "as_json", is_flag=True, help="Print a JSON summary.")
@pass_app
@run_guarded
def bundle_export(app: AppContext, country: str, key_file: Path, output: Path, as_json: bool) -> None:
    """Write a signed bundle with the screening index and the minimum data that country may see.

    \b
    Example:
      ncb --purpose "monthly MIND copy for Fiji" bundle export --for FJ --key keys/signing.key -o fiji.bundle
    """
    data, info = svc.export_bundle(app.uow(), actor=app.who, issuer=app.settings.bureau,
                                   receiving_country=validate_country(country, field="--for"), today=app.today(),
                                   now=app.now(), private_key=read_private_key(key_file),
                                   reader=app.uow(write=False))
    tmp = output.with_name(output.name + ".part")
    tmp.write_bytes(data)
    tmp.replace(output)
    summary = {"file": str(output), "receiving_country": info.receiving_country, "persons": info.persons,
               "created_at": info.created_at.isoformat(), "key_id": info.key_id, "bytes": len(data)}
    print_json(summary) if as_json else done(f"bundle for {info.receiving_country}: {info.persons} persons, "
                                             f"{len(data) / 1e6:.1f} MB, signed by key {info.key_id}")


@bundle_group.command("verify")
@click.argument("file", type=click.Path(path_type=Path, exists=True, dir_okay=False))
@click.option("--public-key", type=click.Path(path_type=Path, exists=True, dir_okay=False), required=True)
@click.option("--max-age-hours", type=click.FloatRange(min=0), default=48, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="Print a JSON summary.")
@pass_app
@run_guarded
def bundle_verify(app: AppContext, file: Path, public_key: Path, max_age_hours: float, as_json: bool) -> None:
    """Check a bundle's signature, integrity and age.

    \b
    Example:
      ncb bundle verify fiji.bundle --public-key tokyo.pub --max-age-hours 48
    """
    info, _ = svc.verify_bundle(file.read_bytes(), read_public_key(public_key), now=app.now(),
                                max_age=timedelta(hours=max_age_hours))
    summary = {"ok": True, "issuer": info.issuer, "receiving_country": info.receiving_country,
               "persons": info.persons, "created_at": info.created_at.isoformat(), "key_id": info.key_id}
    print_json(summary) if as_json else done(f"valid bundle from {info.issuer} for {info.receiving_country}: "
                                             f"{info.persons} persons, made {info.created_at:%Y-%m-%d %H:%M} UTC")
