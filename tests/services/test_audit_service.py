"""The audit trail's use cases: events whose leaves hold no personal data, signed checkpoints, verification
that names what was done to the log, and proofs that check against the signed roots."""

from __future__ import annotations

import base64
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import Engine

from ncb.audit.checkpoint import make_checkpoint, parse_checkpoint, sign_note, verify_note
from ncb.audit.entries import canonical_leaf, event_from_leaf, personal_data_hash
from ncb.audit.keys import LogKey, generate_key_file, load_log_key
from ncb.audit.merkle import MerkleTree, leaf_hash, verify_consistency, verify_inclusion
from ncb.audit.verify import ProblemKind
from ncb.domain.access import Viewer
from ncb.domain.identity import Actor, Role
from ncb.errors import ConfigurationError, Conflict, NotFound, PermissionDenied, ValidationError
from ncb.services import audit
from ncb.storage.uow import SqlUnitOfWork
from tests.conftest import NOW
from tests.fakes import FakeUnitOfWork

OFFICER = Actor("officer.sato@JP", Viewer.bureau("JP"), purpose="border check at NRT")
DPO = Actor("dpo.kato@JP", Viewer.bureau("JP"), frozenset({Role.DATA_PROTECTION_OFFICER}))
KEY = LogKey("ncb.JP/audit", (private := Ed25519PrivateKey.generate()).public_key(), private)


def events(uow: FakeUnitOfWork | SqlUnitOfWork, count: int, start: int = 0) -> None:
    with uow:
        for i in range(start, start + count):
            audit.record(uow, actor=OFFICER, action="notice.consult", object=f"notice:2026/{i:05d}",
                         outcome="allowed", now=NOW + timedelta(seconds=i),
                         personal_data={"query": f"YAMADA {i}"} if i % 3 == 0 else None,
                         subject=f"notice:2026/{i:05d}")
        uow.commit()


def test_a_recorded_event_keeps_personal_data_out_of_its_leaf() -> None:
    uow = FakeUnitOfWork()
    with uow:
        event = audit.record(uow, actor=OFFICER, action="screening.check", object="traveller:pax-1",
                             outcome="2 hits shown", now=NOW, personal_data={"names": ["YAMADA TARO"]},
                             recipients=["JP", "FR", "JP"], about=["notice:2026/00001", "notice:2026/00002"])
        uow.commit()
    (row, stored_hash), = uow.audit.rows
    assert b"YAMADA" not in row.leaf and stored_hash == leaf_hash(row.leaf)
    assert row.payload == '{"names":["YAMADA TARO"]}'
    assert row.subjects == ("traveller:pax-1", "notice:2026/00001", "notice:2026/00002")
    assert event_from_leaf(row.leaf) == event
    assert event.personal_data_hash == personal_data_hash({"names": ["YAMADA TARO"]})
    assert (event.seq, event.actor_ncb, event.purpose, event.recipients) == (0, "JP", "border check at NRT",
                                                                            ("FR", "JP"))


def test_an_act_without_a_purpose_records_a_dash_and_a_system_act_no_bureau() -> None:
    uow = FakeUnitOfWork()
    with uow:
        made = audit.record(uow, actor=audit.SYSTEM, action="notice.expire", object="notice:2021/00001",
                            outcome="done", now=NOW)
        uow.commit()
    assert (made.purpose, made.actor_ncb, made.actor) == ("-", "-", "system")
    assert uow.audit.rows[0][0].payload is None


def test_events_not_committed_are_not_in_the_log() -> None:
    uow = FakeUnitOfWork()
    with uow:
        audit.record(uow, actor=OFFICER, action="notice.consult", object="notice:x", outcome="allowed", now=NOW)
    assert uow.audit.size() == 0


def test_a_checkpoint_signs_the_current_size_and_root() -> None:
    uow = FakeUnitOfWork()
    events(uow, 600)
    first = audit.checkpoint(uow, KEY, NOW)
    origin, size, root = parse_checkpoint(verify_note(first.note, KEY.origin, KEY.public_key))
    assert (origin, size) == ("ncb.JP/audit", 600)
    assert root == MerkleTree(uow.audit.leaf_hashes(0, 600)).root()
    assert audit.checkpoint(uow, KEY, NOW) == first  # nothing new: the same one
    events(uow, 5, start=600)
    assert audit.checkpoint(uow, KEY, NOW).size == 605
    assert list(uow.audit.notes) == [600, 605]


def test_no_checkpoint_is_signed_over_a_log_that_contradicts_the_last_one() -> None:
    uow = FakeUnitOfWork()
    events(uow, 10)
    audit.checkpoint(uow, KEY, NOW)
    row, _ = uow.audit.rows[4]
    forged = replace(row, leaf=row.leaf.replace(b"allowed", b"refused"))
    uow.audit.rows[4] = (forged, leaf_hash(forged.leaf))
    uow.audit.keep()
    events(uow, 1, start=10)
    with pytest.raises(Conflict, match="first 10 entries no longer hash to the root signed at size 10"):
        audit.checkpoint(uow, KEY, NOW)


def test_verify_passes_then_names_a_modified_entry_and_where() -> None:
    uow = FakeUnitOfWork()
    events(uow, 300)
    audit.checkpoint(uow, KEY, NOW)
    events(uow, 20, start=300)
    report = audit.verify(uow, KEY)
    assert report.ok and report.entries_checked == 320 and report.unanchored == 20
    row, stored = uow.audit.rows[123]
    uow.audit.rows[123] = (replace(row, leaf=row.leaf.replace(b"allowed", b"ALLOWED")), stored)
    uow.audit.keep()
    bad = audit.verify(uow, KEY)
    assert (bad.kind, bad.seq) == (ProblemKind.MODIFIED, 123)
    assert audit.report_dict(bad)["ok"] is False


def test_erasing_a_payload_leaves_the_log_verifiable() -> None:
    uow = FakeUnitOfWork()
    events(uow, 9)
    audit.checkpoint(uow, KEY, NOW)
    with uow:
        assert uow.audit.erase_payloads("notice:2026/00003", NOW) == 1
        uow.commit()
    assert audit.verify(uow, KEY).ok
    listed = audit.list_events(uow, actor=DPO, limit=9)
    assert [e["personal_data"] for e in listed if e["object"] in ("notice:2026/00003", "notice:2026/00006",
                                                                   "notice:2026/00004")] == ["kept", "none", "erased"]


def test_a_forged_or_foreign_known_checkpoint_is_refused_before_reading() -> None:
    uow = FakeUnitOfWork()
    events(uow, 4)
    genuine = audit.checkpoint(uow, KEY, NOW).note
    body = genuine[: genuine.index("\n\n") + 1]
    altered = genuine.replace(body.splitlines()[1], "3", 1)
    other = Ed25519PrivateKey.generate()
    foreign = sign_note(make_checkpoint("ncb.FR/audit", 4, base64.b64decode(body.splitlines()[2])), "ncb.FR/audit",
                        other)
    impostor = sign_note(body, KEY.origin, other)
    with pytest.raises(ValidationError, match="the checkpoint given is refused: the signature of ncb.JP/audit"):
        audit.verify(uow, KEY, known=altered)
    with pytest.raises(ValidationError, match="no signature by ncb.JP/audit"):
        audit.verify(uow, KEY, known=foreign)
    with pytest.raises(ValidationError, match="a different key"):
        audit.verify(uow, KEY, known=impostor)
    assert audit.verify(uow, KEY, known=genuine).ok


def test_a_genuine_known_checkpoint_catches_a_tail_deleted_with_its_checkpoints() -> None:
    uow = FakeUnitOfWork()
    events(uow, 8)
    witness = audit.checkpoint(uow, KEY, NOW).note
    uow.audit.rows = uow.audit.rows[:6]
    uow.audit.notes = {}
    uow.audit.keep()
    report = audit.verify(uow, KEY, known=witness)
    assert report.kind is ProblemKind.DELETED and report.seq == 6


def test_proofs_check_against_the_signed_roots() -> None:
    uow = FakeUnitOfWork()
    events(uow, 700)
    old = audit.checkpoint(uow, KEY, NOW)
    events(uow, 300, start=700)
    new = audit.checkpoint(uow, KEY, NOW)
    included = audit.inclusion_proof(uow, 345)
    assert (included.size, included.root) == (1000, new.root)
    assert verify_inclusion(leaf_hash(uow.audit.rows[345][0].leaf), 345, 1000, included.proof, new.root)
    at_old = audit.inclusion_proof(uow, 345, size=700)
    assert at_old.root == old.root and verify_inclusion(at_old.leaf_hash, 345, 700, at_old.proof, old.root)
    consistent = audit.consistency_proof(uow, 700)
    assert verify_consistency(700, 1000, old.root, new.root, consistent.proof)
    assert consistent.as_dict()["old_root"] == base64.b64encode(old.root).decode()
    audit.check_against(700, at_old.root, old.note, KEY)
    with pytest.raises(ValidationError, match="of size 700, the proof of size 1000"):
        audit.check_against(1000, new.root, old.note, KEY)


def test_proof_requests_outside_the_log_are_refused_clearly() -> None:
    uow = FakeUnitOfWork()
    events(uow, 5)
    with pytest.raises(NotFound, match="no entry 5 in a tree of 5 entries"):
        audit.inclusion_proof(uow, 5)
    with pytest.raises(ValidationError, match="no tree of size 6"):
        audit.inclusion_proof(uow, 1, size=6)
    with pytest.raises(ValidationError, match="between 0 and 5, not 7"):
        audit.consistency_proof(uow, 7)


def test_reading_the_trail_needs_the_read_audit_permission() -> None:
    uow = FakeUnitOfWork()
    events(uow, 3)
    with pytest.raises(PermissionDenied, match="reading the audit trail needs the read_audit permission"):
        audit.list_events(uow, actor=OFFICER)
    listed = audit.list_events(uow, actor=DPO, limit=2)
    assert [e["seq"] for e in listed] == [2, 1] and listed[0]["actor"] == "officer.sato@JP"
    assert "YAMADA" not in repr(listed)


def test_the_key_file_is_private_and_never_overwritten(tmp_path: Path) -> None:
    path = tmp_path / "keys" / "ncb-audit.key"
    with pytest.raises(ConfigurationError, match="no audit key at .*`ncb audit keygen`"):
        load_log_key(path, "ncb.JP/audit")
    made = load_log_key(path, "ncb.JP/audit", create=True)
    assert path.stat().st_mode & 0o777 == 0o600
    assert load_log_key(path, "ncb.JP/audit").verifier_key == made.verifier_key
    assert made.verifier_key.startswith("ncb.JP/audit+")
    with pytest.raises(Conflict, match="already exists: a new key would orphan"):
        generate_key_file(path)
    path.write_text("not a key")
    with pytest.raises(ConfigurationError, match="not an unencrypted PEM private key"):
        load_log_key(path, "ncb.JP/audit")


def test_on_the_database_proofs_equal_the_full_trees_and_verification_streams(engine: Engine) -> None:
    events(SqlUnitOfWork(engine), 1100)
    first = audit.checkpoint(SqlUnitOfWork(engine), KEY, NOW)
    events(SqlUnitOfWork(engine), 37, start=1100)
    second = audit.checkpoint(SqlUnitOfWork(engine), KEY, NOW)
    with SqlUnitOfWork(engine, write=False) as uow:
        hashes = uow.audit.leaf_hashes(0, 1137)
        leaves = [leaf for _, leaf, _ in uow.audit.entries()]
    tree = MerkleTree(hashes)
    assert hashes == [leaf_hash(leaf) for leaf in leaves] and second.root == tree.root()
    assert audit.inclusion_proof(SqlUnitOfWork(engine), 1099).proof == tuple(tree.inclusion_proof(1099))
    assert audit.consistency_proof(SqlUnitOfWork(engine), 1100).proof == tuple(tree.consistency_proof(1100))
    assert first.root == tree.root(1100)
    report = audit.verify(SqlUnitOfWork(engine, write=False), KEY, known=first.note)
    assert report.ok and report.checkpoints_checked == 2 and report.entries_checked == 1137
    assert canonical_leaf(event_from_leaf(leaves[5])) == leaves[5]
