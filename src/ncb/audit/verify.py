"""Verify a stored audit log against its signed checkpoints, streaming, and name the first problem.

Input: the stored rows ``(seq, leaf bytes, stored leaf hash)`` in storage order, and the signed
checkpoints in the order they were signed. Memory stays O(log n): the roots are recomputed on a
``CompactRange``; no list of entries is built.

For each entry at position ``p`` (``seq`` is the leaf index, from 0):

1. ``SHA-256(0x00 || leaf)`` must equal the stored hash, else **modified** at ``p``;
2. its seq must be ``p``. The seq read is the one written inside the leaf (``leaf_seq``, covered by the
   hash and the checkpoints) when there is one, else the row's. A seq already seen means an extra entry:
   **inserted** at that seq. A larger seq ``q`` means ``p .. q-1`` are missing here: the rest of the
   stream is read (still O(1) memory) for any of them; if one comes later the log is **reordered** at
   ``p``, otherwise those entries were **deleted**;
3. the row's seq must equal the leaf's, else **modified** (the seq column was rewritten).

At each checkpoint's size, the root of the entries so far must equal the signed root, else
**modified**, somewhere from the last good checkpoint on. (Inserting or deleting a row and rewriting
every later leaf and hash also ends here: a root cannot tell which entry changed, only that one did.)
A checkpoint whose signature, origin or text is wrong is **bad_signature**; one beyond the end of the
stream means the tail was **deleted**; one older than a checkpoint before it is **reordered** (an old
checkpoint replayed). ``known`` is the latest checkpoint known from elsewhere (a witness, the last run):
it catches a tail deleted together with the checkpoints that covered it.

Entries after the last checkpoint are counted as ``unanchored``: nothing signed covers them yet.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from enum import StrEnum

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from ncb.audit.checkpoint import parse_checkpoint, verify_note
from ncb.audit.entries import leaf_seq as read_leaf_seq
from ncb.audit.merkle import CompactRange
from ncb.errors import ValidationError

Entry = tuple[int, bytes, bytes]
"""One stored row: (seq, leaf bytes, stored leaf hash)."""

_sha256 = hashlib.sha256


class ProblemKind(StrEnum):
    OK = "ok"
    MODIFIED = "modified"
    DELETED = "deleted"
    REORDERED = "reordered"
    INSERTED = "inserted"
    BAD_SIGNATURE = "bad_signature"


@dataclass(frozen=True)
class VerificationReport:
    """The outcome: OK, or the first problem found, where, and how far verification got.

    ``seq`` is the first entry concerned (for a root mismatch, the first entry after the last good
    checkpoint); ``checkpoint_size`` the size of the checkpoint concerned, if any; ``root`` the root of
    the ``entries_checked`` entries that were hashed before stopping.
    """

    kind: ProblemKind
    message: str
    seq: int | None = None
    checkpoint_size: int | None = None
    entries_checked: int = 0
    checkpoints_checked: int = 0
    unanchored: int = 0
    root: bytes = b""

    @property
    def ok(self) -> bool:
        return self.kind is ProblemKind.OK


@dataclass(frozen=True)
class _Checkpoint:
    position: int
    size: int
    root: bytes
    error: str | None = None


class _Stop(Exception):
    def __init__(self, kind: ProblemKind, message: str, seq: int | None = None, size: int | None = None) -> None:
        super().__init__(message)
        self.kind, self.message, self.seq, self.size = kind, message, seq, size


def verify_log(
    entries: Iterable[Entry],
    checkpoints: Iterable[str],
    *,
    key_name: str,
    public_key: Ed25519PublicKey,
    origin: str | None = None,
    known: str | None = None,
    leaf_seq: Callable[[bytes], int | None] | None = read_leaf_seq,
    progress: Callable[[int], None] | None = None,
    progress_every: int = 10_000,
) -> VerificationReport:
    """Recompute every leaf hash and the root at every checkpoint; report OK or the first problem.

    ``checkpoints`` are signed notes by ``key_name``/``public_key`` for ``origin`` (the key name by
    default). ``leaf_seq`` reads the seq inside a leaf (``None`` to trust the rows' seq only).
    ``progress(n)`` is called every ``progress_every`` entries and with the total at the end.
    """
    state = _State(key_name, public_key, origin or key_name, checkpoints)
    stream = iter(entries)
    try:
        if known is not None:
            anchor = state.read(known, position=-1)
            if anchor.error:
                raise _Stop(ProblemKind.BAD_SIGNATURE, f"the known checkpoint: {anchor.error}", size=anchor.size)
            state.known = anchor
        state.pull()
        _walk(state, stream, leaf_seq, progress, max(1, progress_every))
    except _Stop as stop:
        return state.report(stop.kind, stop.message, seq=stop.seq, size=stop.size)
    if progress is not None and (state.count == 0 or state.count % max(1, progress_every)):
        progress(state.count)
    anchored = max(state.last_size, state.known.size if state.known else 0)
    if state.checkpoints_checked == 0 and state.known is None:
        message = f"{state.count} entries hash correctly, but no checkpoint covers them"
    else:
        message = f"{state.count} entries verified against {state.checkpoints_checked} checkpoints"
    return state.report(ProblemKind.OK, message, unanchored=state.count - anchored)


def _walk(
    state: _State,
    stream: Iterator[Entry],
    leaf_seq: Callable[[bytes], int | None] | None,
    progress: Callable[[int], None] | None,
    every: int,
) -> None:
    stack = state.edge_hashes
    count = 0
    boundary = state.boundary()
    for seq, leaf, stored in stream:
        if count == boundary:
            state.count = count
            state.at_boundary()
            boundary = state.boundary()
        h = _sha256(b"\x00" + leaf).digest()
        if h != stored:
            state.count = count
            raise _Stop(ProblemKind.MODIFIED, f"entry {count}: its leaf does not hash to the stored hash", seq=count)
        inner = leaf_seq(leaf) if leaf_seq is not None else None
        claimed = seq if inner is None else inner
        if claimed != count:
            state.count = count
            _misplaced(count, claimed, stream, leaf_seq)
        if inner is not None and seq != inner:
            state.count = count
            raise _Stop(ProblemKind.MODIFIED, f"entry {count}: the row says seq {seq}, its leaf {inner}", seq=count)
        n = count
        while n & 1:
            h = _sha256(b"\x01" + stack.pop() + h).digest()
            n >>= 1
        stack.append(h)
        count += 1
        if progress is not None and count % every == 0:
            progress(count)
    state.count = count
    if count == state.boundary():
        state.at_boundary()
    state.finish()


def _misplaced(
    position: int, claimed: int, rest: Iterator[Entry], leaf_seq: Callable[[bytes], int | None] | None
) -> None:
    """Name what put entry ``claimed`` at ``position``: an insertion, a reordering or a deletion."""
    if claimed < position:
        raise _Stop(
            ProblemKind.INSERTED,
            f"seq {claimed} appears again at position {position}: an entry was inserted",
            seq=claimed,
        )
    for seq, leaf, _ in rest:
        inner = leaf_seq(leaf) if leaf_seq is not None else None
        later = seq if inner is None else inner
        if position <= later < claimed:
            raise _Stop(
                ProblemKind.REORDERED,
                f"seq {claimed} comes at position {position}, and seq {later} after it: entries were reordered",
                seq=position,
            )
    missing = f"seq {position}" if claimed == position + 1 else f"seqs {position} to {claimed - 1}"
    raise _Stop(ProblemKind.DELETED, f"{missing} missing before seq {claimed}: entries were deleted", seq=position)


class _State:
    """The checkpoints side of a verification: which one comes next, and the roots so far."""

    def __init__(self, key_name: str, public_key: Ed25519PublicKey, origin: str, checkpoints: Iterable[str]) -> None:
        self.key_name, self.public_key, self.origin = key_name, public_key, origin
        self.notes = iter(checkpoints)
        self.edge_hashes: list[bytes] = []
        self.count = 0
        self.position = 0
        self.next: _Checkpoint | None = None
        self.known: _Checkpoint | None = None
        self.known_checked = False
        self.last_size = 0
        self.checkpoints_checked = 0

    def read(self, note: str, position: int) -> _Checkpoint:
        """Verify and parse one checkpoint; a bad one keeps the size it claims, to be reported there."""
        try:
            body = verify_note(note, self.key_name, self.public_key)
            origin, size, root = parse_checkpoint(body)
            if origin != self.origin:
                raise ValidationError(f"the checkpoint is for log {origin!r}, not {self.origin!r}")
        except ValidationError as exc:
            return _Checkpoint(position, _claimed_size(note, default=self.count), b"", error=exc.message)
        return _Checkpoint(position, size, root)

    def pull(self) -> None:
        """Read the next checkpoint; one older than the one before is a replay."""
        note = next(self.notes, None)
        if note is None:
            self.next = None
            return
        self.position += 1
        checkpoint = self.read(note, self.position)
        if checkpoint.error is None and checkpoint.size < self.count:
            raise _Stop(
                ProblemKind.REORDERED,
                f"checkpoint #{checkpoint.position} (size {checkpoint.size}) comes after one of size "
                f"{self.count}: an old checkpoint was replayed",
                size=checkpoint.size,
            )
        self.next = checkpoint

    def boundary(self) -> int:
        """The next entry count at which a checkpoint is due (-1 when none is)."""
        sizes = [c.size for c in (self.next, None if self.known_checked else self.known) if c is not None]
        return min(sizes) if sizes else -1

    def at_boundary(self) -> None:
        while self.next is not None and self.next.size == self.count:
            self.check(self.next)
            self.last_size = self.count
            self.checkpoints_checked += 1
            self.pull()
        if self.known is not None and not self.known_checked and self.known.size == self.count:
            self.check(self.known)
            self.known_checked = True
            self.last_size = self.count

    def check(self, checkpoint: _Checkpoint) -> None:
        name = "the known checkpoint" if checkpoint.position < 0 else f"checkpoint #{checkpoint.position}"
        if checkpoint.error is not None:
            raise _Stop(ProblemKind.BAD_SIGNATURE, f"{name}: {checkpoint.error}", size=checkpoint.size)
        if self.root() != checkpoint.root:
            raise _Stop(
                ProblemKind.MODIFIED,
                f"the root of the first {checkpoint.size} entries differs from {name}'s: an entry from seq "
                f"{self.last_size} to {checkpoint.size - 1} was changed (or rows were inserted or deleted there "
                "and every later leaf rewritten)",
                seq=self.last_size,
                size=checkpoint.size,
            )

    def finish(self) -> None:
        """The stream has ended: a checkpoint still due covers entries that are gone."""
        for due in (self.next, None if self.known_checked else self.known):
            if due is None:
                continue
            if due.error is not None:
                self.check(due)
            raise _Stop(
                ProblemKind.DELETED,
                f"the log ends at {self.count} entries but a checkpoint covers {due.size}: the tail was deleted",
                seq=self.count,
                size=due.size,
            )

    def root(self) -> bytes:
        return CompactRange(self.count, self.edge_hashes).root()

    def report(
        self, kind: ProblemKind, message: str, *, seq: int | None = None, size: int | None = None, unanchored: int = 0
    ) -> VerificationReport:
        return VerificationReport(
            kind=kind,
            message=message,
            seq=seq,
            checkpoint_size=size,
            entries_checked=self.count,
            checkpoints_checked=self.checkpoints_checked,
            unanchored=unanchored,
            root=self.root(),
        )


def _claimed_size(note: str, default: int) -> int:
    """The tree size an unverified note claims, or ``default`` when it cannot be read."""
    try:
        _, size, _ = parse_checkpoint(note[: note.rfind("\n\n") + 1])
    except ValidationError:
        return default
    return max(size, default)
