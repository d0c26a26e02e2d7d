"""Signed envelopes between instances: what is accepted and what is refused, and the retry schedule."""

from __future__ import annotations

from datetime import timedelta

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from ncb.domain.federation import (
    Envelope,
    EnvelopeKind,
    Partner,
    backoff,
    check_incoming,
    check_not_conflicting,
    public_key_text,
    sign,
)
from ncb.errors import Conflict, PermissionDenied, ValidationError
from tests.conftest import NOW

JP_KEY = Ed25519PrivateKey.generate()
JP = Partner("JP", "http://127.0.0.1:8001", public_key_text(JP_KEY.public_key()), NOW, "admin")
MAX_AGE = timedelta(days=7)


def envelope(**overrides: object) -> Envelope:
    e = Envelope.new(sender="JP", recipient="FR", kind=EnvelopeKind.NOTICE, payload={"notice": {"x": "山田"}}, now=NOW)
    return Envelope(**{**e.__dict__, **overrides})  # type: ignore[arg-type]


def test_a_signed_envelope_from_a_pinned_partner_is_accepted_and_round_trips_through_json() -> None:
    e = envelope()
    back = Envelope.from_json(e.to_json())
    assert back == e and back.canonical() == e.canonical()
    check_incoming(back, sign(e, JP_KEY), partner=JP, me="FR", now=NOW + timedelta(minutes=1), max_age=MAX_AGE)


@pytest.mark.parametrize(("change", "error", "words"), [
    ({"payload": {"notice": {"x": "田中"}}}, PermissionDenied, "does not verify"),
    ({"recipient": "US"}, ValidationError, "addressed to US"),
    ({"created_at": NOW - timedelta(days=8)}, ValidationError, "older than"),
    ({"created_at": NOW + timedelta(hours=1)}, ValidationError, "in the future"),
])
def test_tampered_misaddressed_old_or_future_envelopes_are_refused(change: dict[str, object],
                                                                   error: type[Exception], words: str) -> None:
    signature = sign(envelope(), JP_KEY) if "payload" in change else None
    e = envelope(**change)
    with pytest.raises(error, match=words):
        check_incoming(e, signature or sign(e, JP_KEY), partner=JP, me="FR", now=NOW, max_age=MAX_AGE)


def test_an_unknown_partner_and_another_key_are_refused() -> None:
    e = envelope()
    with pytest.raises(PermissionDenied, match="not a partner"):
        check_incoming(e, sign(e, JP_KEY), partner=None, me="FR", now=NOW, max_age=MAX_AGE)
    with pytest.raises(PermissionDenied, match="pinned key"):
        check_incoming(e, sign(e, Ed25519PrivateKey.generate()), partner=JP, me="FR", now=NOW, max_age=MAX_AGE)
    with pytest.raises(PermissionDenied):
        check_incoming(e, "not base64!", partner=JP, me="FR", now=NOW, max_age=MAX_AGE)


def test_a_replay_is_recognised_and_the_same_id_with_other_content_is_a_conflict() -> None:
    e = envelope()
    assert check_not_conflicting(e, None) is False
    assert check_not_conflicting(e, e.digest) is True
    with pytest.raises(Conflict, match="other content"):
        check_not_conflicting(e, envelope(payload={}).digest)


@pytest.mark.parametrize(("data", "field"), [
    ([], "envelope"), ({"id": "x"}, "envelope.sender"),
    ({**envelope().to_json(), "id": "nothex"}, "envelope.id"),
    ({**envelope().to_json(), "kind": "gossip"}, "envelope.kind"),
    ({**envelope().to_json(), "created_at": "2026-11-26T09:30:00"}, "envelope.created_at"),
    ({**envelope().to_json(), "payload": []}, "envelope.payload"),
])
def test_malformed_envelopes_name_the_field(data: object, field: str) -> None:
    with pytest.raises(ValidationError) as caught:
        Envelope.from_json(data)
    assert caught.value.field == field


def test_partners_need_an_http_url_and_a_real_key() -> None:
    with pytest.raises(ValidationError, match="base URL"):
        Partner("FR", "ftp://x", JP.public_key, NOW, "a")
    with pytest.raises(ValidationError, match="Ed25519"):
        Partner("FR", "http://x", "AAAA", NOW, "a")


def test_retries_back_off_doubling_up_to_a_cap() -> None:
    assert [backoff(n).total_seconds() for n in (1, 2, 3, 4)] == [2, 4, 8, 16]
    assert backoff(40) == timedelta(minutes=10)
