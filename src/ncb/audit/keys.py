"""The audit log's signing key: an Ed25519 private key in a PEM file readable by its owner only.

The key name in every signature, the checkpoints' origin line and the verifier key other bureaus pin
are one name, the log's *origin* (``ncb.JP/audit``). Losing the key does not lose the log (it still
verifies against the public key); replacing it does orphan every checkpoint already signed, so an
existing key file is never overwritten here.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from ncb.audit.checkpoint import verifier_key
from ncb.errors import ConfigurationError, Conflict


@dataclass(frozen=True)
class LogKey:
    """The log's name and its key pair (``private_key`` is None when only checking)."""

    origin: str
    public_key: Ed25519PublicKey
    private_key: Ed25519PrivateKey | None = None
    path: Path | None = None

    @property
    def verifier_key(self) -> str:
        """``<origin>+<key ID>+<base64 key>``: the line a witness pins."""
        return verifier_key(self.origin, self.public_key)

    def signer(self) -> Ed25519PrivateKey:
        if self.private_key is None:
            raise ConfigurationError(f"the audit key of {self.origin} is not available here: checkpoints cannot be "
                                     "signed")
        return self.private_key


def generate_key_file(path: Path) -> Ed25519PrivateKey:
    """Write a new private key to ``path`` (mode 0600, created exclusively: never over an existing file)."""
    key = Ed25519PrivateKey.generate()
    pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                            serialization.NoEncryption())
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        raise Conflict(f"{path} already exists: a new key would orphan every checkpoint signed with it "
                       "(move it away first if you really mean to replace it)") from None
    except OSError as exc:
        raise ConfigurationError(f"cannot create the audit key {path}: {exc.strerror}") from None
    with os.fdopen(fd, "wb") as fh:
        fh.write(pem)
        fh.flush()
        os.fsync(fh.fileno())
    return key


def read_key_file(path: Path) -> Ed25519PrivateKey:
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise ConfigurationError(f"no audit key at {path}: create one with `ncb audit keygen` "
                                 "(or set NCB_AUDIT_KEY_FILE)") from None
    except OSError as exc:
        raise ConfigurationError(f"cannot read the audit key {path}: {exc.strerror}") from None
    try:
        key = serialization.load_pem_private_key(data, password=None)
    except (ValueError, TypeError) as exc:
        raise ConfigurationError(f"{path} is not an unencrypted PEM private key ({exc})") from None
    if not isinstance(key, Ed25519PrivateKey):
        raise ConfigurationError(f"{path} holds a {type(key).__name__}, not an Ed25519 key")
    return key


def load_log_key(path: Path, origin: str, *, create: bool = False) -> LogKey:
    """The key pair in ``path`` (made first when ``create`` and the file does not exist)."""
    if create and not path.exists():
        try:
            key = generate_key_file(path)
        except Conflict:  # another process made it in between: use theirs
            key = read_key_file(path)
    else:
        key = read_key_file(path)
    return LogKey(origin, key.public_key(), key, path)
