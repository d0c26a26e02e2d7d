"""C2SP checkpoints signed as C2SP signed notes with Ed25519."""

from __future__ import annotations

import base64
import hashlib
import re

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from ncb.audit.checkpoint import (
    key_id,
    make_checkpoint,
    parse_checkpoint,
    parse_verifier_key,
    sign_note,
    verifier_key,
    verify_note,
)
from ncb.audit.merkle import EMPTY_ROOT, leaf_hash
from ncb.errors import ValidationError

ORIGIN = "ncb.example.jp/audit"
ROOT = leaf_hash(b"a root")
KEY = Ed25519PrivateKey.from_private_bytes(hashlib.sha256(b"test log key").digest())
OTHER_KEY = Ed25519PrivateKey.from_private_bytes(hashlib.sha256(b"someone else").digest())

# The example of golang.org/x/mod/sumdb/note (the reference implementation of signed notes): Ed25519
# signatures are deterministic, so signing its text with its key must give its note byte for byte.
GO_SIGNER_KEY = "PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz"
GO_VERIFIER_KEY = "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW"
GO_TEXT = "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n"
GO_SIGNATURE = "x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM="
GO_NOTE = f"{GO_TEXT}\n— PeterNeumann {GO_SIGNATURE}\n"


def go_private_key() -> Ed25519PrivateKey:
    raw = base64.b64decode(GO_SIGNER_KEY.split("+", 4)[4])
    assert raw[0] == 0x01
    return Ed25519PrivateKey.from_private_bytes(raw[1:])


def test_signs_the_reference_note_byte_for_byte() -> None:
    key = go_private_key()
    assert sign_note(GO_TEXT, "PeterNeumann", key) == GO_NOTE
    assert verifier_key("PeterNeumann", key.public_key()) == GO_VERIFIER_KEY
    name, public_key = parse_verifier_key(GO_VERIFIER_KEY)
    assert name == "PeterNeumann"
    assert verify_note(GO_NOTE, name, public_key) == GO_TEXT


def test_the_key_id_is_the_signed_note_hash_of_name_type_and_key() -> None:
    public = KEY.public_key()
    expected = hashlib.sha256(ORIGIN.encode() + b"\n\x01" + public.public_bytes_raw()).digest()[:4]
    assert key_id(ORIGIN, public) == expected
    vkey = verifier_key(ORIGIN, public)
    assert vkey == f"{ORIGIN}+{expected.hex()}+" + base64.b64encode(b"\x01" + public.public_bytes_raw()).decode()


@pytest.mark.parametrize(
    "vkey",
    [
        GO_VERIFIER_KEY.replace("c74f20a3", "c74f20a4"),
        GO_VERIFIER_KEY.replace("+ARpc", "+AhpC"),
        "PeterNeumann+c74f20a3",
        "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10",
        "",
    ],
)
def test_a_mangled_verifier_key_is_refused(vkey: str) -> None:
    with pytest.raises(ValidationError):
        parse_verifier_key(vkey)


def test_the_checkpoint_body_is_origin_size_and_base64_root_each_ending_in_newline() -> None:
    body = make_checkpoint(ORIGIN, 12000, ROOT)
    assert body == f"{ORIGIN}\n12000\n{base64.b64encode(ROOT).decode()}\n"
    assert parse_checkpoint(body) == (ORIGIN, 12000, ROOT)
    assert make_checkpoint(ORIGIN, 0, EMPTY_ROOT) == f"{ORIGIN}\n0\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\n"


def test_a_signed_checkpoint_has_a_blank_line_and_one_signature_line() -> None:
    body = make_checkpoint(ORIGIN, 5, ROOT)
    note = sign_note(body, ORIGIN, KEY)
    assert note.startswith(body + "\n")
    signature_line = note[len(body) + 1 :]
    match = re.fullmatch(r"\u2014 (\S+) ([A-Za-z0-9+/]+=*)\n", signature_line)
    assert match is not None and match.group(1) == ORIGIN
    raw = base64.b64decode(match.group(2))
    assert len(raw) == 4 + 64
    assert raw[:4] == key_id(ORIGIN, KEY.public_key())
    KEY.public_key().verify(raw[4:], body.encode())
    assert verify_note(note, ORIGIN, KEY.public_key()) == body


def test_extension_lines_are_allowed_and_ignored() -> None:
    body = make_checkpoint(ORIGIN, 5, ROOT) + "extension\n"
    assert parse_checkpoint(body) == (ORIGIN, 5, ROOT)


@pytest.mark.parametrize(
    "body",
    [
        f"{ORIGIN}\n05\n{base64.b64encode(ROOT).decode()}\n",
        f"{ORIGIN}\n-5\n{base64.b64encode(ROOT).decode()}\n",
        f"{ORIGIN}\n+5\n{base64.b64encode(ROOT).decode()}\n",
        f"{ORIGIN}\n５\n{base64.b64encode(ROOT).decode()}\n",
        f"{ORIGIN}\n5\n{base64.b64encode(ROOT).decode()}",
        f"\n5\n{base64.b64encode(ROOT).decode()}\n",
        f"{ORIGIN}\n5\n{base64.b64encode(ROOT[:31]).decode()}\n",
        f"{ORIGIN}\n5\n{base64.b64encode(ROOT).decode().rstrip('=')}\n",
        f"{ORIGIN}\n5\n",
        f"{ORIGIN}\n5\n{base64.b64encode(ROOT).decode()}\n\n",
        f"{ORIGIN}\r\n5\n{base64.b64encode(ROOT).decode()}\n",
    ],
    ids=["leading-zero", "minus", "plus", "fullwidth-digit", "no-final-newline", "no-origin", "short-root",
         "unpadded", "two-lines", "empty-extension", "carriage-return"],
)  # fmt: skip
def test_a_malformed_checkpoint_is_refused(body: str) -> None:
    with pytest.raises(ValidationError):
        parse_checkpoint(body)


@pytest.mark.parametrize("origin", ["", "has space", "a+b", "two\nlines"])
def test_an_origin_that_cannot_be_a_key_name_is_refused(origin: str) -> None:
    with pytest.raises(ValidationError):
        make_checkpoint(origin, 1, ROOT)


def test_sizes_and_roots_are_checked_when_making_a_checkpoint() -> None:
    with pytest.raises(ValidationError):
        make_checkpoint(ORIGIN, -1, ROOT)
    with pytest.raises(ValidationError):
        make_checkpoint(ORIGIN, 1, ROOT[:16])


SIGNED = sign_note(make_checkpoint(ORIGIN, 5, ROOT), ORIGIN, KEY)


@pytest.mark.parametrize(
    "note, reason",
    [
        (SIGNED.replace("\n5\n", "\n6\n"), "does not verify"),
        (SIGNED.replace(ORIGIN + "\n", "ncb.example.fr/audit\n", 1), "does not verify"),
        (SIGNED[:-1], "truncated"),
        (SIGNED[: SIGNED.index("\u2014")], "truncated"),
        (make_checkpoint(ORIGIN, 5, ROOT), "truncated"),
        (sign_note(make_checkpoint(ORIGIN, 5, ROOT), ORIGIN, OTHER_KEY), "different key"),
        (sign_note(make_checkpoint(ORIGIN, 5, ROOT), "ncb.example.fr/audit", KEY), "no signature by"),
        (SIGNED.replace("\n\u2014", "\n-"), "not a signature line"),
        (SIGNED.replace("\n5\n", "\n5\x1b\n"), "control characters"),
    ],
    ids=["altered-size", "altered-origin", "no-final-newline", "signature-cut", "unsigned", "other-key",
         "other-name", "hyphen", "control-character"],
)  # fmt: skip
def test_a_forged_truncated_or_wrongly_keyed_note_is_refused(note: str, reason: str) -> None:
    with pytest.raises(ValidationError, match=reason):
        verify_note(note, ORIGIN, KEY.public_key())


def test_a_forged_signature_byte_is_refused() -> None:
    line = SIGNED.rsplit("\n", 2)[1]
    name, encoded = line[2:].split(" ")
    raw = bytearray(base64.b64decode(encoded))
    raw[10] ^= 0x01
    forged = SIGNED.replace(encoded, base64.b64encode(bytes(raw)).decode())
    with pytest.raises(ValidationError, match="does not verify"):
        verify_note(forged, ORIGIN, KEY.public_key())


def test_signatures_from_other_keys_such_as_witnesses_are_ignored() -> None:
    body = make_checkpoint(ORIGIN, 5, ROOT)
    witness = sign_note(body, "witness.example.fr", OTHER_KEY).split("\n\n")[1]
    note = sign_note(body, ORIGIN, KEY) + witness
    assert verify_note(note, ORIGIN, KEY.public_key()) == body
    note = body + "\n" + witness + sign_note(body, ORIGIN, KEY).split("\n\n")[1]
    assert verify_note(note, ORIGIN, KEY.public_key()) == body
    with pytest.raises(ValidationError, match="no signature by"):
        verify_note(body + "\n" + witness, ORIGIN, KEY.public_key())


def test_one_bad_signature_from_the_expected_key_rejects_the_whole_note() -> None:
    body = make_checkpoint(ORIGIN, 5, ROOT)
    good = sign_note(body, ORIGIN, KEY).split("\n\n")[1]
    bad = sign_note(make_checkpoint(ORIGIN, 6, ROOT), ORIGIN, KEY).split("\n\n")[1]
    with pytest.raises(ValidationError, match="does not verify"):
        verify_note(body + "\n" + good + bad, ORIGIN, KEY.public_key())


def test_a_note_body_may_contain_blank_lines() -> None:
    body = "first\n\nsecond\n"
    assert verify_note(sign_note(body, ORIGIN, KEY), ORIGIN, KEY.public_key()) == body


def test_too_many_signature_lines_are_refused() -> None:
    body = make_checkpoint(ORIGIN, 5, ROOT)
    line = sign_note(body, "witness.example.fr", OTHER_KEY).split("\n\n")[1]
    with pytest.raises(ValidationError, match="more than"):
        verify_note(body + "\n" + line * 65, ORIGIN, KEY.public_key())
