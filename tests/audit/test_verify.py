"""Verifying a stored log: every kind of tampering is found, named and placed."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from ncb.audit.checkpoint import make_checkpoint, sign_note
from ncb.audit.entries import AuditEvent, canonical_leaf
from ncb.audit.merkle import CompactRange, MerkleTree, leaf_hash
from ncb.audit.verify import Entry, ProblemKind, VerificationReport, verify_log

ORIGIN = "ncb.example.jp/audit"
KEY = Ed25519PrivateKey.from_private_bytes(hashlib.sha256(b"test log key").digest())
ATTACKER_KEY = Ed25519PrivateKey.from_private_bytes(hashlib.sha256(b"attacker").digest())
NOW = datetime(2026, 11, 26, 9, 30, tzinfo=UTC)
EVERY = 10


def make_event(seq: int, **overrides: object) -> AuditEvent:
    fields: dict[str, object] = {
        "seq": seq,
        "ts": NOW + timedelta(seconds=seq),
        "actor": f"officer.{seq % 3}",
        "actor_ncb": "JP",
        "action": "consult",
        "object": f"notice:2024/{seq:05d}",
        "purpose": "border check",
        "outcome": "allowed",
        "personal_data": {"query": f"traveller {seq}"},
    }
    fields.update(overrides)
    return AuditEvent.record(**fields)  # type: ignore[arg-type]


def row(seq: int, event: AuditEvent | None = None) -> Entry:
    leaf = canonical_leaf(event or make_event(seq))
    return seq, leaf, leaf_hash(leaf)


def checkpoint(size: int, rows: list[Entry], key: Ed25519PrivateKey = KEY, origin: str = ORIGIN) -> str:
    root = MerkleTree([h for _, _, h in rows[:size]]).root()
    return sign_note(make_checkpoint(origin, size, root), ORIGIN, key)


ROWS = [row(i) for i in range(40)]
CHECKPOINTS = [checkpoint(size, ROWS) for size in range(EVERY, 41, EVERY)]


def verify(rows: list[Entry], checkpoints: list[str] = CHECKPOINTS, **kwargs: object) -> VerificationReport:
    return verify_log(iter(rows), iter(checkpoints), key_name=ORIGIN, public_key=KEY.public_key(), **kwargs)  # type: ignore[arg-type]


def renumbered(rows: list[Entry]) -> list[Entry]:
    """The rows with their seq column rewritten to 0, 1, 2, ... (the leaves untouched)."""
    return [(i, leaf, h) for i, (_, leaf, h) in enumerate(rows)]


def test_an_untouched_log_verifies() -> None:
    seen: list[int] = []
    report = verify(ROWS, progress=seen.append, progress_every=15)
    assert report.ok and report.kind is ProblemKind.OK
    assert (report.entries_checked, report.checkpoints_checked, report.unanchored) == (40, 4, 0)
    assert report.root == MerkleTree([h for _, _, h in ROWS]).root()
    assert seen == [15, 30, 40]


def test_entries_after_the_last_checkpoint_are_counted_as_unanchored() -> None:
    report = verify([*ROWS, row(40), row(41)])
    assert report.ok and report.unanchored == 2


def test_a_log_without_checkpoints_says_nothing_covers_it() -> None:
    report = verify(ROWS, [])
    assert report.ok and report.unanchored == 40
    assert "no checkpoint" in report.message


def test_one_changed_byte_is_modified_at_its_entry() -> None:
    rows = list(ROWS)
    seq, leaf, h = rows[13]
    rows[13] = (seq, leaf.replace(b"allowed", b"allowee"), h)
    report = verify(rows)
    assert (report.kind, report.seq, report.entries_checked) == (ProblemKind.MODIFIED, 13, 13)


def test_a_changed_entry_with_a_recomputed_hash_is_caught_by_the_next_checkpoint() -> None:
    rows = list(ROWS)
    rows[13] = row(13, make_event(13, outcome="refused"))
    report = verify(rows)
    assert (report.kind, report.seq, report.checkpoint_size) == (ProblemKind.MODIFIED, 10, 20)


def test_a_seq_column_that_disagrees_with_its_leaf_is_modified() -> None:
    _, leaf, h = ROWS[13]
    report = verify([*ROWS[:13], (99, leaf, h), *ROWS[14:]])
    assert (report.kind, report.seq) == (ProblemKind.MODIFIED, 13)
    assert "the row says seq 99, its leaf 13" in report.message


def test_without_reading_leaves_the_seq_column_alone_is_checked() -> None:
    report = verify(renumbered(ROWS[:17] + ROWS[18:]), leaf_seq=None)
    assert (report.kind, report.checkpoint_size) == (ProblemKind.MODIFIED, 20)
    report = verify(ROWS[:17] + ROWS[18:], leaf_seq=None)
    assert (report.kind, report.seq) == (ProblemKind.DELETED, 17)


def test_a_deleted_row_leaves_a_gap() -> None:
    report = verify(ROWS[:17] + ROWS[18:])
    assert (report.kind, report.seq) == (ProblemKind.DELETED, 17)
    assert "seq 17 missing" in report.message


def test_deleted_rows_are_found_even_when_the_seq_column_is_renumbered() -> None:
    report = verify(renumbered(ROWS[:17] + ROWS[19:]))
    assert (report.kind, report.seq) == (ProblemKind.DELETED, 17)
    assert "seqs 17 to 18" in report.message


def test_a_deleted_tail_falls_short_of_the_last_checkpoint() -> None:
    report = verify(ROWS[:35])
    assert (report.kind, report.seq, report.checkpoint_size) == (ProblemKind.DELETED, 35, 40)


@pytest.mark.parametrize("i, j", [(5, 6), (21, 24), (0, 39)])
def test_swapped_rows_are_reordered_at_the_first(i: int, j: int) -> None:
    rows = list(ROWS)
    rows[i], rows[j] = rows[j], rows[i]
    report = verify(rows)
    assert (report.kind, report.seq) == (ProblemKind.REORDERED, i)


def test_swapped_contents_under_an_unchanged_seq_column_are_reordered() -> None:
    rows = list(ROWS)
    rows[21], rows[24] = rows[24], rows[21]
    report = verify(renumbered(rows))
    assert (report.kind, report.seq) == (ProblemKind.REORDERED, 21)


def test_an_inserted_row_with_the_later_seqs_shifted_is_inserted() -> None:
    forged = row(12, make_event(12, actor="intruder", purpose="cover story"))
    report = verify(renumbered([*ROWS[:12], forged, *ROWS[12:]]))
    assert (report.kind, report.seq) == (ProblemKind.INSERTED, 12)


def test_an_inserted_row_reusing_a_seq_is_inserted() -> None:
    forged = row(12, make_event(12, actor="intruder"))
    report = verify([*ROWS[:13], forged, *ROWS[13:]])
    assert (report.kind, report.seq) == (ProblemKind.INSERTED, 12)


def test_an_insertion_with_every_later_leaf_rewritten_changes_the_root() -> None:
    # Rewriting every later leaf and hash leaves no trace in the rows; the checkpoint root catches it,
    # though a root cannot say which entry moved.
    events = [make_event(i) for i in range(12)] + [make_event(12, actor="intruder")]
    events += [make_event(i + 1, object=f"notice:2024/{i:05d}") for i in range(12, 40)]
    report = verify([row(e.seq, e) for e in events])
    assert (report.kind, report.seq, report.checkpoint_size) == (ProblemKind.MODIFIED, 10, 20)


def test_a_forged_checkpoint_signature_is_a_bad_signature_at_its_size() -> None:
    body, signature = CHECKPOINTS[1].split("\n\n")
    forged = body + "\n\n" + signature[:10] + ("A" if signature[10] != "A" else "B") + signature[11:]
    report = verify(ROWS, [CHECKPOINTS[0], forged, *CHECKPOINTS[2:]])
    assert (report.kind, report.checkpoint_size, report.entries_checked) == (ProblemKind.BAD_SIGNATURE, 20, 20)
    assert report.checkpoints_checked == 1


def test_a_checkpoint_signed_with_another_key_is_a_bad_signature() -> None:
    rows = list(ROWS)
    rows[13] = row(13, make_event(13, outcome="refused"))
    report = verify(rows, [CHECKPOINTS[0], checkpoint(20, rows, key=ATTACKER_KEY), *CHECKPOINTS[2:]])
    assert (report.kind, report.checkpoint_size) == (ProblemKind.BAD_SIGNATURE, 20)
    assert "different key" in report.message


def test_a_checkpoint_for_another_log_is_a_bad_signature() -> None:
    other = checkpoint(10, ROWS, origin="ncb.example.fr/audit")
    report = verify(ROWS, [other])
    assert report.kind is ProblemKind.BAD_SIGNATURE and "not 'ncb.example.jp/audit'" in report.message


def test_a_truncated_checkpoint_is_a_bad_signature() -> None:
    report = verify(ROWS, [CHECKPOINTS[0][:-30]])
    assert report.kind is ProblemKind.BAD_SIGNATURE and "truncated" in report.message


def test_an_entry_problem_before_a_bad_checkpoint_is_reported_first() -> None:
    rows = ROWS[:5] + ROWS[6:]
    report = verify(rows, [CHECKPOINTS[0][:-30]])
    assert (report.kind, report.seq) == (ProblemKind.DELETED, 5)


def test_a_replayed_old_checkpoint_after_a_newer_one_is_reordered() -> None:
    report = verify(ROWS, [*CHECKPOINTS, CHECKPOINTS[1]])
    assert (report.kind, report.checkpoint_size) == (ProblemKind.REORDERED, 20)


def test_a_truncated_log_replaying_an_old_checkpoint_is_caught_by_the_witnessed_one() -> None:
    truncated, replayed = ROWS[:25], CHECKPOINTS[:2]
    # With only what the database holds, the shortened log looks whole: this is why witnesses matter.
    assert verify(truncated, replayed).ok
    report = verify(truncated, replayed, known=CHECKPOINTS[3])
    assert (report.kind, report.seq, report.checkpoint_size) == (ProblemKind.DELETED, 25, 40)


def test_the_witnessed_checkpoint_must_match_the_log() -> None:
    assert verify(ROWS, CHECKPOINTS[:1], known=CHECKPOINTS[2]).ok
    rows = list(ROWS)
    rows[23] = row(23, make_event(23, outcome="refused"))
    report = verify(rows, CHECKPOINTS[:1], known=CHECKPOINTS[2])
    assert (report.kind, report.checkpoint_size) == (ProblemKind.MODIFIED, 30)
    report = verify(ROWS, CHECKPOINTS, known=checkpoint(40, ROWS, key=ATTACKER_KEY))
    assert report.kind is ProblemKind.BAD_SIGNATURE


def test_a_split_view_checkpoint_with_another_root_is_modified() -> None:
    rows = list(ROWS)
    rows[3] = row(3, make_event(3, outcome="refused"))
    report = verify(ROWS, [checkpoint(10, rows), *CHECKPOINTS[1:]])
    assert (report.kind, report.seq, report.checkpoint_size) == (ProblemKind.MODIFIED, 0, 10)


def test_a_hundred_thousand_entries_verify_streaming() -> None:
    n, every = 100_000, 25_000
    edge = CompactRange()
    notes = []
    for i in range(n):
        edge.append(leaf_hash(b"entry %d" % i))
        if (i + 1) % every == 0:
            notes.append(sign_note(make_checkpoint(ORIGIN, i + 1, edge.root()), ORIGIN, KEY))

    def rows() -> Iterator[Entry]:
        for i in range(n):
            leaf = b"entry %d" % i
            yield i, leaf, leaf_hash(leaf)

    seen: list[int] = []
    report = verify_log(rows(), notes, key_name=ORIGIN, public_key=KEY.public_key(), progress=seen.append)
    assert report.ok, report.message
    assert (report.entries_checked, report.checkpoints_checked, report.root) == (n, 4, edge.root())
    assert seen == list(range(10_000, n + 1, 10_000))
