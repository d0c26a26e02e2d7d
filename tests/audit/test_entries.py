"""Audit events become canonical JSON leaves that commit to, but do not hold, the personal data."""

from __future__ import annotations

import hashlib
import json
import unicodedata
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ncb.audit.entries import (
    AuditEvent,
    canonical_json,
    canonical_leaf,
    event_from_leaf,
    leaf_seq,
    personal_data_hash,
)
from ncb.audit.merkle import MerkleTree, leaf_hash, verify_inclusion
from ncb.errors import ValidationError

NOW = datetime(2026, 11, 26, 9, 30, tzinfo=UTC)
TRAVELLER = {"name": "YAMADA Taro", "name_original": "山田太郎", "date_of_birth": "1970/05/01", "query": "yamada"}


def make_event(**overrides: Any) -> AuditEvent:
    fields: dict[str, Any] = {
        "seq": 41,
        "ts": NOW,
        "actor": "officer.sato",
        "actor_ncb": "JP",
        "action": "consult",
        "object": "notice:2024/00001",
        "purpose": "border check at Narita",
        "outcome": "allowed",
        "personal_data": TRAVELLER,
        "recipients": (),
    }
    fields.update(overrides)
    return AuditEvent.record(**fields)


def test_the_leaf_is_sorted_compact_utf8_json() -> None:
    event = make_event(recipients=("FR", "DE"), prev_checkpoint="40:abc=")
    assert canonical_leaf(event) == (
        b'{"action":"consult","actor":"officer.sato","actor_ncb":"JP","object":"notice:2024/00001",'
        b'"outcome":"allowed","personal_data_hash":"' + event.personal_data_hash.encode() + b'",'
        b'"prev_checkpoint":"40:abc=","purpose":"border check at Narita","recipients":["FR","DE"],'
        b'"seq":41,"ts":"2026-11-26T09:30:00.000000Z"}'
    )


def test_without_a_previous_checkpoint_the_field_is_null() -> None:
    assert b'"prev_checkpoint":null' in canonical_leaf(make_event())


def test_times_are_written_in_utc_with_z() -> None:
    jst = timezone(timedelta(hours=9))
    event = make_event(ts=datetime(2026, 11, 26, 18, 30, 0, 123456, tzinfo=jst))
    assert json.loads(canonical_leaf(event))["ts"] == "2026-11-26T09:30:00.123456Z"


def test_a_time_without_a_zone_is_refused() -> None:
    with pytest.raises(ValidationError, match="timezone-aware"):
        make_event(ts=datetime(2026, 11, 26, 9, 30))


def test_the_personal_data_is_only_a_hash_in_the_leaf_and_key_order_does_not_matter() -> None:
    leaf = canonical_leaf(make_event())
    assert b"YAMADA" not in leaf and "山田".encode() not in leaf
    expected = hashlib.sha256(
        '{"date_of_birth":"1970/05/01","name":"YAMADA Taro","name_original":"山田太郎","query":"yamada"}'.encode()
    ).hexdigest()
    assert json.loads(leaf)["personal_data_hash"] == expected == personal_data_hash(TRAVELLER)
    assert personal_data_hash(dict(reversed(list(TRAVELLER.items())))) == expected


def test_erasing_payloads_at_the_end_of_retention_keeps_every_proof_valid() -> None:
    vault = {i: {**TRAVELLER, "query": f"query {i}"} for i in range(5)}
    leaves = [canonical_leaf(make_event(seq=i, personal_data=vault[i])) for i in range(5)]
    tree = MerkleTree([leaf_hash(x) for x in leaves])
    signed_root = tree.root()
    vault.clear()  # retention ended: the payloads are gone, the leaves are not touched
    assert verify_inclusion(leaf_hash(leaves[3]), 3, 5, tree.inclusion_proof(3), signed_root)
    event = event_from_leaf(leaves[3])
    assert personal_data_hash({**TRAVELLER, "query": "query 3"}) == event.personal_data_hash
    assert personal_data_hash({**TRAVELLER, "query": "query 4"}) != event.personal_data_hash


@pytest.mark.parametrize("payload", [{"when": datetime(2026, 1, 1)}, {"x": {1, 2}}, {"x": float("nan")}, {1: "a"}])
def test_a_payload_that_is_not_plain_json_is_refused(payload: dict[Any, Any]) -> None:
    with pytest.raises(ValidationError):
        personal_data_hash(payload)


@pytest.mark.parametrize(
    "overrides, field",
    [
        ({"seq": -1}, "seq"),
        ({"seq": True}, "seq"),
        ({"purpose": "  "}, "purpose"),
        ({"actor": ""}, "actor"),
        ({"recipients": ("FR", "")}, "recipients"),
        ({"prev_checkpoint": ""}, "prev_checkpoint"),
    ],
)
def test_invalid_events_name_the_field(overrides: dict[str, Any], field: str) -> None:
    with pytest.raises(ValidationError) as err:
        make_event(**overrides)
    assert err.value.field == field


def test_the_personal_data_hash_must_be_a_sha256() -> None:
    with pytest.raises(ValidationError) as err:
        AuditEvent(
            seq=0, ts=NOW, actor="a", actor_ncb="JP", action="consult", object="notice:2024/1",
            purpose="p", outcome="allowed", personal_data_hash="ABC",
        )  # fmt: skip
    assert err.value.field == "personal_data_hash"


@pytest.mark.parametrize(
    "value, escaped",
    [
        ('evil\r\n{"seq":0}', b'evil\\r\\n{\\"seq\\":0}'),
        ("\x1b[31mred\x1b[0m", b"\\u001b[31mred\\u001b[0m"),
        ("csi\u009b31m", b"csi\\u009b31m"),
        ("del\x7f", b"del\\u007f"),
        ("line\u2028sep\u2029", b"line\\u2028sep\\u2029"),
        ("\u202etxt.exe", b"\\u202etxt.exe"),
        ("zero\u200bwidth", b"zero\\u200bwidth"),
        ("tag\U000e0041", b"tag\\udb40\\udc41"),
        ("山田 Émile", "山田 Émile".encode()),
    ],
)
def test_log_injection_is_escaped_and_readable_text_is_kept(value: str, escaped: bytes) -> None:
    event = make_event(actor=value, seq=7)
    leaf = canonical_leaf(event)
    assert b'"actor":"' + escaped + b'"' in leaf
    assert json.loads(leaf)["actor"] == value
    assert leaf_seq(leaf) == 7


UNSAFE = {"Cc", "Cf", "Cs", "Zl", "Zp"}
any_text = st.text(st.characters(exclude_categories=()), min_size=1, max_size=30).filter(lambda s: s.strip())


@settings(max_examples=150, deadline=None)
@given(
    actor=any_text,
    purpose=any_text,
    obj=any_text,
    recipients=st.lists(any_text, max_size=3),
    seq=st.integers(0, 10**12),
    payload=st.dictionaries(st.text(max_size=10), st.text(st.characters(exclude_categories=()), max_size=20)),
)
def test_any_text_gives_one_safe_line_that_reads_back_exactly(
    actor: str, purpose: str, obj: str, recipients: list[str], seq: int, payload: dict[str, str]
) -> None:
    event = make_event(actor=actor, purpose=purpose, object=obj, recipients=recipients, seq=seq, personal_data=payload)
    leaf = canonical_leaf(event)
    text = leaf.decode("utf-8")
    assert not any(unicodedata.category(ch) in UNSAFE for ch in text)
    assert "\n" not in text and "\r" not in text and "\x1b" not in text
    data = json.loads(text)
    assert (data["actor"], data["purpose"], data["object"]) == (actor, purpose, obj)
    assert data["recipients"] == recipients
    assert leaf_seq(leaf) == seq
    assert event_from_leaf(leaf) == event
    assert canonical_json(payload) == canonical_json(dict(sorted(payload.items(), reverse=True)))


@pytest.mark.parametrize(
    "leaf",
    [
        b"not json",
        b'{"seq":1}',
        b"\xff\xfe",
        b"[]",
        canonical_leaf(make_event()).replace(b'"seq":41,', b'"seq": 41,'),
        canonical_leaf(make_event()).replace(b"09:30:00.000000Z", b"09:30:00Z"),
    ],
)
def test_reading_a_leaf_back_refuses_anything_but_a_canonical_event(leaf: bytes) -> None:
    with pytest.raises(ValidationError):
        event_from_leaf(leaf)


def test_the_seq_is_read_from_the_key_not_from_a_value_that_mimics_it() -> None:
    leaf = canonical_leaf(make_event(seq=5, actor='x","seq":999,"y', purpose='"seq":998}'))
    assert leaf_seq(leaf) == 5
    assert leaf_seq(b"plain bytes") is None
