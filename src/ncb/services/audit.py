"""The audit trail's use cases: record an act, sign a checkpoint, verify the log, prove an entry.

``record`` appends one event to the log inside the caller's transaction, and the caller commits it with
the act itself: when the log cannot be written the transaction fails and the act does not happen. It takes
the appenders' lock (see ``ncb.storage.audit``), held until the commit, so it comes last, after the
act's own reads and writes. Acts that stream for long (an export, a bundle) record first and commit, then
do their reading in a second transaction: no disclosure without its entry, and no lock held while
streaming.

What goes where: the leaf names who acted (``actor``, ``actor_ncb``), what they did (``action``) to what
(``object``: ``notice:2026/00001``, ``hit:12``, never a name), why (``purpose``, or ``-`` for acts that
need none), with what ``outcome``, and to whom data went (``recipients``: bureaus). Personal data (a
traveller's name, a search for a name, a reason that may name someone) goes only in the payload, of
which the leaf keeps the hash: the payload can be erased, the leaf never changes.

Checkpoints and proofs read tile hashes (``ncb.audit.tiles``) rather than every leaf, so a proof at a
million entries takes milliseconds; ``verify`` reads everything, streaming, in constant memory.
"""

from __future__ import annotations

import base64
from collections.abc import Callable, Generator, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime

from ncb.audit.checkpoint import make_checkpoint, parse_checkpoint, sign_note, verify_note
from ncb.audit.entries import AuditEvent, JsonValue, canonical_json, canonical_leaf, event_from_leaf
from ncb.audit.keys import LogKey
from ncb.audit.merkle import verify_consistency, verify_inclusion
from ncb.audit.tiles import TILE_HEIGHT, TiledTree
from ncb.audit.verify import VerificationReport, verify_log
from ncb.domain.access import Viewer, ViewerKind
from ncb.domain.identity import Actor, Permission, Role
from ncb.errors import Conflict, NcbError, NotFound, ValidationError
from ncb.services.ports import AuditRow, StoredAuditEntry, UnitOfWork

NO_PURPOSE = "-"
"""The purpose written for acts that need none (a change, a system run)."""

SYSTEM = Actor("system", Viewer.public(), frozenset({Role.SYSTEM_ADMIN}))
"""Who acts when nobody does: scheduled runs (expiry, retention) and automatic screening."""

MAX_LIST = 1000


def actor_bureau(actor: Actor) -> str:
    """The bureau an actor acts for, as written in ``actor_ncb``: a country, ``GS`` or ``-``."""
    if actor.viewer.country:
        return actor.viewer.country
    return "GS" if actor.viewer.kind is ViewerKind.GENERAL_SECRETARIAT else NO_PURPOSE


def record(uow: UnitOfWork, *, actor: Actor, action: str, object: str, outcome: str, now: datetime,
           personal_data: Mapping[str, JsonValue] | None = None, subject: str | None = None,
           recipients: Iterable[str] = (), about: Iterable[str] = ()) -> AuditEvent:
    """Append one event in the caller's open transaction (inside its ``with uow:``; the caller commits).

    ``personal_data`` is kept apart, erasable by what it is about: ``subject`` (by default ``object``) and any
    more in ``about`` (every notice a screening check hit). The leaf holds only its hash. Raises whatever
    storage raises when the log cannot be written: the caller's act then fails.
    """
    data = dict(personal_data or {})
    payload = canonical_json(data).decode("utf-8") if data else None
    subjects = tuple(dict.fromkeys([subject or object, *about])) if payload else ()
    purpose = (actor.purpose or "").strip() or NO_PURPOSE
    made: list[AuditEvent] = []

    def build(seq: int) -> list[AuditRow]:
        event = AuditEvent.record(seq=seq, ts=now, actor=actor.name, actor_ncb=actor_bureau(actor), action=action,
                                  object=object, purpose=purpose, outcome=outcome, personal_data=data,
                                  recipients=sorted(set(recipients)))
        made.append(event)
        return [AuditRow(canonical_leaf(event), now, payload, subjects)]

    uow.audit.append(build)
    return made[0]


def refuse(uow: UnitOfWork, *, actor: Actor, action: str, object: str, reason: str, now: datetime) -> None:
    """Record, in a transaction of its own, that an act was refused (``reason`` names no one)."""
    with uow:
        record(uow, actor=actor, action=action, object=object, outcome=f"refused: {reason}", now=now)
        uow.commit()


@contextmanager
def refusals(uow: UnitOfWork, *, actor: Actor, action: str, object: str, now: datetime) -> Iterator[None]:
    """Inside the caller's ``with uow:``: an act refused on purpose (not allowed, not found, invalid, no
    purpose stated, not possible in the notice's status) is rolled back, then recorded as refused in a
    transaction of its own, and the error goes on. The outcome names the kind of refusal, never the input."""
    try:
        yield
    except NcbError as exc:
        uow.rollback()
        reason = "no purpose stated" if exc.field == "purpose" else exc.title.lower()
        record(uow, actor=actor, action=action, object=object, outcome=f"refused: {reason}", now=now)
        uow.commit()
        raise


# -- checkpoints -------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Checkpoint:
    size: int
    root: bytes
    note: str

    def as_dict(self) -> dict[str, object]:
        return {"size": self.size, "root": _b64(self.root), "note": self.note}


def _tree(uow: UnitOfWork, size: int) -> TiledTree:
    return TiledTree(size, uow.audit.tiles(size >> TILE_HEIGHT), uow.audit.leaf_hashes)


def _read_checkpoint(note: str, key: LogKey, what: str) -> tuple[int, bytes]:
    """(size, root) of a note signed by ``key`` for its origin; ``ValidationError`` saying what is wrong."""
    try:
        body = verify_note(note, key.origin, key.public_key)
        origin, size, root = parse_checkpoint(body)
    except ValidationError as exc:
        raise ValidationError(f"{what} is refused: {exc.message}", field="checkpoint") from None
    if origin != key.origin:
        raise ValidationError(f"{what} is refused: it is for log {origin!r}, not {key.origin!r}", field="checkpoint")
    return size, root


def checkpoint(uow: UnitOfWork, key: LogKey, now: datetime) -> Checkpoint:
    """Sign the log's current size and root, and store the note (the latest one again when nothing was
    appended since). Before signing, the stored entries must still hash to the root of the last checkpoint:
    a key never signs a log that contradicts what it signed before."""
    with uow:
        size = uow.audit.size()
        tree = _tree(uow, size)
        latest = uow.audit.latest_checkpoint()
        if latest is not None:
            old_size, old_note = latest
            _, old_root = _read_checkpoint(old_note, key, f"the stored checkpoint of size {old_size}")
            if old_size > size:
                raise Conflict(f"the log has {size} entries but checkpoint {old_size} was signed: entries were "
                               "deleted; run `ncb audit verify`")
            if tree.root(old_size) != old_root:
                raise Conflict(f"the first {old_size} entries no longer hash to the root signed at size {old_size}: "
                               "the log was changed; run `ncb audit verify`")
            if old_size == size:
                return Checkpoint(size, old_root, old_note)
        root = tree.root()
        note = sign_note(make_checkpoint(key.origin, size, root), key.origin, key.signer())
        uow.audit.add_checkpoint(size, note, now)
        uow.commit()
    return Checkpoint(size, root, note)


def latest_checkpoint(uow: UnitOfWork) -> str:
    with uow:
        latest = uow.audit.latest_checkpoint()
    if latest is None:
        raise NotFound("no checkpoint has been signed yet: run `ncb audit checkpoint`")
    return latest[1]


# -- verification ------------------------------------------------------------------------------------
def verify(uow: UnitOfWork, key: LogKey, *, known: str | None = None,
           progress: Callable[[int], None] | None = None) -> VerificationReport:
    """Recompute every leaf hash and the root at every stored checkpoint (and at ``known``, a checkpoint
    obtained elsewhere, a witness's say), streaming; the report names the first problem and where.

    A ``known`` checkpoint that is not signed by this log's key (forged, altered, another log's) is refused
    with ``ValidationError`` before anything is read.
    """
    if known is not None:
        _read_checkpoint(known, key, "the checkpoint given")
    with uow:
        notes = list(uow.audit.checkpoints())
        stream = uow.audit.entries()
        try:
            return verify_log(stream, notes, key_name=key.origin, public_key=key.public_key, origin=key.origin,
                              known=known, progress=progress)
        finally:
            if isinstance(stream, Generator):
                stream.close()  # a verification that stops at its first problem leaves no cursor open


def report_dict(report: VerificationReport) -> dict[str, object]:
    return {"ok": report.ok, "kind": report.kind.value, "message": report.message, "seq": report.seq,
            "checkpoint_size": report.checkpoint_size, "entries_checked": report.entries_checked,
            "checkpoints_checked": report.checkpoints_checked, "unanchored": report.unanchored,
            "root": _b64(report.root) if report.root else None}


# -- proofs ------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class InclusionProof:
    seq: int
    size: int
    leaf_hash: bytes
    root: bytes
    proof: tuple[bytes, ...]

    def as_dict(self) -> dict[str, object]:
        return {"seq": self.seq, "size": self.size, "leaf_hash": _b64(self.leaf_hash), "root": _b64(self.root),
                "proof": [_b64(h) for h in self.proof]}


@dataclass(frozen=True)
class ConsistencyProof:
    old_size: int
    size: int
    old_root: bytes
    root: bytes
    proof: tuple[bytes, ...]

    def as_dict(self) -> dict[str, object]:
        return {"old_size": self.old_size, "size": self.size, "old_root": _b64(self.old_root),
                "root": _b64(self.root), "proof": [_b64(h) for h in self.proof]}


def _size(uow: UnitOfWork, size: int | None, what: str) -> int:
    current = uow.audit.size()
    if size is None:
        return current
    if not 0 <= size <= current:
        raise ValidationError(f"the log has {current} entries: there is no tree of size {size}", field=what)
    return size


def inclusion_proof(uow: UnitOfWork, seq: int, size: int | None = None) -> InclusionProof:
    """The audit path of entry ``seq`` in the tree of the first ``size`` entries (the whole log by default)."""
    with uow:
        n = _size(uow, size, "size")
        if not 0 <= seq < n:
            raise NotFound(f"no entry {seq} in a tree of {n} entries", record=str(seq))
        tree = _tree(uow, n)
        proof, leaf, root = tree.inclusion_proof(seq), tree.leaf(seq), tree.root()
    if not verify_inclusion(leaf, seq, n, proof, root):
        raise Conflict(f"the stored tile hashes disagree with the leaves (proof of {seq} in {n}): run "
                       "`ncb audit verify`")
    return InclusionProof(seq, n, leaf, root, tuple(proof))


def consistency_proof(uow: UnitOfWork, old_size: int, size: int | None = None) -> ConsistencyProof:
    """The proof that the tree of the first ``old_size`` entries is a prefix of the tree of ``size``."""
    with uow:
        n = _size(uow, size, "size")
        if not 0 <= old_size <= n:
            raise ValidationError(f"the old size must be between 0 and {n}, not {old_size}", field="old_size")
        tree = _tree(uow, n)
        proof, old_root, root = tree.consistency_proof(old_size), tree.root(old_size), tree.root()
    if not verify_consistency(old_size, n, old_root, root, proof):
        raise Conflict(f"the stored tile hashes disagree with the leaves (proof of {old_size} in {n}): run "
                       "`ncb audit verify`")
    return ConsistencyProof(old_size, n, old_root, root, tuple(proof))


def check_against(proof_size: int, proof_root: bytes, note: str, key: LogKey) -> None:
    """A checkpoint given by a user must be this log's, genuine, and agree with the stored log at its size."""
    size, root = _read_checkpoint(note, key, "the checkpoint given")
    if size != proof_size:
        raise ValidationError(f"the checkpoint given is of size {size}, the proof of size {proof_size}",
                              field="checkpoint")
    if root != proof_root:
        raise Conflict(f"the stored log's root at size {size} differs from the one signed in the checkpoint given: "
                       "the log was changed since; run `ncb audit verify` with it as --known")


def checkpoint_size(note: str, key: LogKey) -> int:
    """The size a genuine checkpoint of this log signs (``ValidationError`` for any other note)."""
    return _read_checkpoint(note, key, "the checkpoint given")[0]


# -- reading the trail -------------------------------------------------------------------------------
def list_events(uow: UnitOfWork, *, actor: Actor, limit: int = 50,
                before: int | None = None) -> list[dict[str, object]]:
    """The most recent events, newest first, for people (data-protection officers, administrators). The
    payloads are not shown, only whether one is kept or was erased."""
    actor.require(Permission.READ_AUDIT, "reading the audit trail")
    if not 1 <= limit <= MAX_LIST:
        raise ValidationError(f"limit must be between 1 and {MAX_LIST}, not {limit}", field="limit")
    with uow:
        rows = uow.audit.recent(limit, before)
    return [_event_dict(r) for r in rows]


def _event_dict(entry: StoredAuditEntry) -> dict[str, object]:
    try:
        data = event_from_leaf(entry.leaf).to_json()
    except ValidationError as exc:  # a tampered row: shown as such; `ncb audit verify` says more
        return {"seq": entry.seq, "ts": entry.ts.isoformat(), "unreadable": exc.message}
    data["personal_data"] = "erased" if entry.erased_at else "kept" if entry.payload is not None else "none"
    return data


def _b64(value: bytes) -> str:
    return base64.b64encode(value).decode("ascii")
