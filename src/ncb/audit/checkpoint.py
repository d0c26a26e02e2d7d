"""Checkpoints: the log's signed tree heads, as C2SP ``tlog-checkpoint`` bodies in C2SP ``signed-note``s.

A checkpoint body is three lines, each ending in a newline (c2sp.org/tlog-checkpoint)::

    ncb.example.jp/audit          origin: which log
    12000                         tree size, decimal, no leading zeros
    CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=    base64 of the RFC 9162 root at that size

It is signed as a note (c2sp.org/signed-note): the body, a blank line, then one line per signature,
``— <key name> <base64(key ID || Ed25519 signature)>``, where the key ID is the first four bytes of
``SHA-256(key name || 0x0A || 0x01 || 32-byte public key)`` (0x01 is the Ed25519 signature type). A
verifier key is published to witnesses as ``<name>+<hex key ID>+<base64(0x01 || public key)>``, the
form ``golang.org/x/mod/sumdb/note`` and the C2SP witness tools read.

Verification follows the spec: signatures from other keys (a witness's, say) are ignored; one from the
expected key that fails rejects the whole note; a note with no good signature from it is rejected.

Out of scope here: witness cosignatures (c2sp.org/tlog-cosignature, signature type 0x04, which sign a
timestamp as well). A note carrying them still verifies against the log key, since they are signatures
from other keys. Only Ed25519 is supported; ECDSA and ML-DSA note signatures are not.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import re

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from ncb.audit.merkle import HASH_SIZE
from ncb.errors import ValidationError

ED25519 = 0x01
"""The signed-note signature type byte of Ed25519."""

SIGNATURE_PREFIX = "\u2014 "
"""Every signature line starts with an em dash and a space."""

MAX_SIGNATURES = 64
"""Signature lines accepted in one note (the spec asks verifiers to accept at least 16)."""

MAX_NOTE_BYTES = 1 << 16

_SIZE = re.compile(r"0|[1-9][0-9]*")
_KEY_ID_HEX = re.compile(r"[0-9a-f]{8}")
_RECORD = "signed note"


def key_id(key_name: str, public_key: Ed25519PublicKey) -> bytes:
    """The 4-byte key ID: ``SHA-256(key name || 0x0A || 0x01 || public key)[:4]``."""
    _check_key_name(key_name)
    material = key_name.encode("utf-8") + b"\n" + bytes([ED25519]) + public_key.public_bytes_raw()
    return hashlib.sha256(material).digest()[:4]


def verifier_key(key_name: str, public_key: Ed25519PublicKey) -> str:
    """The published verifier key: ``<name>+<hex key ID>+<base64(0x01 || public key)>``."""
    encoded = base64.b64encode(bytes([ED25519]) + public_key.public_bytes_raw()).decode("ascii")
    return f"{key_name}+{key_id(key_name, public_key).hex()}+{encoded}"


def parse_verifier_key(vkey: str) -> tuple[str, Ed25519PublicKey]:
    """Read a verifier key back into (key name, public key), checking its key ID."""
    name, _, rest = vkey.partition("+")
    id_hex, _, encoded = rest.partition("+")
    if not name or not _KEY_ID_HEX.fullmatch(id_hex) or not encoded:
        raise ValidationError("a verifier key reads <name>+<8 hex digits>+<base64 key>", record=_RECORD)
    raw = _b64decode(encoded, "the verifier key")
    if len(raw) != 33 or raw[0] != ED25519:
        raise ValidationError("the verifier key is not an Ed25519 key (type 0x01, 32 bytes)", record=_RECORD)
    try:
        public_key = Ed25519PublicKey.from_public_bytes(raw[1:])
    except ValueError as exc:
        raise ValidationError(f"the verifier key is not an Ed25519 key: {exc}", record=_RECORD) from exc
    if key_id(name, public_key).hex() != id_hex:
        raise ValidationError(f"the verifier key's ID {id_hex} does not match its name and key", record=_RECORD)
    return name, public_key


def make_checkpoint(origin: str, size: int, root: bytes) -> str:
    """The checkpoint body: origin, tree size and base64 root, each line ending in a newline."""
    _check_key_name(origin, what="origin")
    if isinstance(size, bool) or not isinstance(size, int) or size < 0:
        raise ValidationError("must be a whole number from 0", field="size", record="checkpoint")
    if len(root) != HASH_SIZE:
        raise ValidationError(f"must be {HASH_SIZE} bytes", field="root", record="checkpoint")
    return f"{origin}\n{size}\n{base64.b64encode(root).decode('ascii')}\n"


def parse_checkpoint(body: str) -> tuple[str, int, bytes]:
    """Read (origin, tree size, root) from a checkpoint body; extension lines are allowed and ignored."""
    if not body.endswith("\n"):
        raise ValidationError("a checkpoint ends with a newline", record="checkpoint")
    _check_text(body, "checkpoint")
    lines = body[:-1].split("\n")
    if len(lines) < 3 or not all(lines):
        raise ValidationError("a checkpoint has at least three lines, none empty", record="checkpoint")
    origin, size_text, root_text = lines[:3]
    if not _SIZE.fullmatch(size_text):
        raise ValidationError(f"{size_text!r} is not a tree size", field="size", record="checkpoint")
    root = _b64decode(root_text, "the root hash")
    if len(root) != HASH_SIZE:
        raise ValidationError(f"the root hash is {len(root)} bytes, not {HASH_SIZE}", record="checkpoint")
    return origin, int(size_text), root


def sign_note(body: str, key_name: str, private_key: Ed25519PrivateKey) -> str:
    """``body`` signed with ``private_key``: the body, a blank line, one signature line."""
    if not body.endswith("\n"):
        raise ValidationError("a note's text ends with a newline", record=_RECORD)
    _check_text(body, _RECORD)
    public_key = private_key.public_key()
    signature = private_key.sign(body.encode("utf-8"))
    encoded = base64.b64encode(key_id(key_name, public_key) + signature).decode("ascii")
    return f"{body}\n{SIGNATURE_PREFIX}{key_name} {encoded}\n"


def verify_note(note: str, key_name: str, public_key: Ed25519PublicKey) -> str:
    """The note's text if ``key_name``'s key signed it; ``ValidationError`` saying why not otherwise."""
    if len(note.encode("utf-8", "surrogatepass")) > MAX_NOTE_BYTES:
        raise ValidationError(f"a note is at most {MAX_NOTE_BYTES} bytes", record=_RECORD)
    _check_text(note, _RECORD)
    split = note.rfind("\n\n")
    if split < 0:
        raise ValidationError("no blank line before the signatures: the note is truncated", record=_RECORD)
    body, block = note[: split + 1], note[split + 2 :]
    if not block.endswith("\n"):
        raise ValidationError("the signature lines do not end with a newline: the note is truncated", record=_RECORD)
    lines = block[:-1].split("\n")
    if len(lines) > MAX_SIGNATURES:
        raise ValidationError(f"more than {MAX_SIGNATURES} signatures", record=_RECORD)
    want = key_id(key_name, public_key)
    message = body.encode("utf-8")
    verified = False
    other_ids: list[str] = []
    for line in lines:
        name, raw = _signature_line(line)
        if name != key_name:
            continue
        if raw[:4] != want:
            other_ids.append(raw[:4].hex())
            continue
        try:
            if len(raw) != 4 + 64:
                raise InvalidSignature
            public_key.verify(raw[4:], message)
        except InvalidSignature:
            raise ValidationError(
                f"the signature of {key_name} does not verify: the note was altered or forged", record=_RECORD
            ) from None
        verified = True
    if not verified:
        if other_ids:
            raise ValidationError(
                f"signed by {key_name} with key ID {', '.join(other_ids)}, not the expected {want.hex()}: "
                "a different key",
                record=_RECORD,
            )
        raise ValidationError(f"no signature by {key_name}", record=_RECORD)
    return body


def _signature_line(line: str) -> tuple[str, bytes]:
    if not line.startswith(SIGNATURE_PREFIX):
        raise ValidationError(f"{line[:40]!r} is not a signature line (— <name> <base64>)", record=_RECORD)
    name, _, encoded = line[len(SIGNATURE_PREFIX) :].partition(" ")
    if not name or not encoded or " " in encoded:
        raise ValidationError(f"{line[:40]!r} is not a signature line (— <name> <base64>)", record=_RECORD)
    raw = _b64decode(encoded, "a signature")
    if len(raw) < 5:
        raise ValidationError("a signature is a 4-byte key ID and at least one byte", record=_RECORD)
    return name, raw


def _check_key_name(name: str, what: str = "key name") -> None:
    if not name or "+" in name or any(ch.isspace() for ch in name) or not name.isprintable():
        raise ValidationError(f"{what} {name!r} must be non-empty, without spaces, '+' or control characters")


def _check_text(text: str, record: str) -> None:
    if any(ch < " " and ch != "\n" for ch in text):
        raise ValidationError("contains control characters other than newline", record=record)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise ValidationError("is not valid UTF-8", record=record) from exc


def _b64decode(text: str, what: str) -> bytes:
    try:
        raw = base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError) as exc:
        raise ValidationError(f"{what} is not base64", record=_RECORD) from exc
    if base64.b64encode(raw).decode("ascii") != text:
        raise ValidationError(f"{what} is not in canonical base64", record=_RECORD)
    return raw
