"""Messages between bureaus: types and channels, parties, attachments, statuses, threads, restrictions."""

from __future__ import annotations

import hashlib
from dataclasses import replace
from datetime import UTC, date, datetime

import pytest

from ncb.domain.cooperation import check_id, make_id
from ncb.domain.cooperation.messages import (
    Attachment,
    CarriedRestriction,
    Channel,
    Message,
    MessageAction,
    MessageStatus,
    MessageType,
    Party,
    apply_action,
    canonical_json,
    check_attachment,
    check_deadline,
    content_digest,
    message_from_dict,
    reply,
)
from ncb.domain.notices import NoticeType, Restriction, RestrictionMode
from ncb.errors import IllegalTransition, ValidationError
from tests.builders import make_notice

NOW = datetime(2026, 11, 26, 9, 30, tzinfo=UTC)
TODAY = NOW.date()


def make_message(**overrides: object) -> Message:
    base = Message(id="JP-2026-M00001", type=MessageType.LOCATE_REQUEST, channel=Channel.INTERPOL,
                   sender=Party("JP"), recipients=(Party("FR"),), subject="Locate YAMADA Taro",
                   body="Believed to be in Lyon.", notices=("2026/00001",), persons=("YAMADA Taro",),
                   deadline=date(2026, 12, 10), created_at=NOW, created_by="sato@JP")
    return replace(base, **overrides)  # type: ignore[arg-type]


def test_ids_name_the_bureau_year_and_kind() -> None:
    assert make_id("message", "JP", 2026, 1) == "JP-2026-M00001"
    assert check_id("case", "jp-2026-e00012") == "JP-2026-E00012"
    with pytest.raises(ValidationError, match="not a message id"):
        check_id("message", "JP-2026-E00001")


def test_parties_are_member_bureaus_or_agencies_through_them() -> None:
    assert Party.parse("bureau:fr") == Party("FR")
    assert Party.parse("agency:JP:JP-TOKYO-MPD") == Party("JP", "JP-TOKYO-MPD")
    assert str(Party.parse("JP:JP-OSAKA-PP")) == "JP:JP-OSAKA-PP"
    with pytest.raises(ValidationError, match="unknown bureau 'XX'") as exc:
        Party.parse("XX", "recipients[1]")
    assert exc.value.field == "recipients[1]"


def test_a_formal_extradition_request_does_not_go_through_interpol() -> None:
    with pytest.raises(ValidationError, match="diplomatic, mlat") as exc:
        make_message(type=MessageType.EXTRADITION_REQUEST, channel=Channel.INTERPOL)
    assert exc.value.field == "channel"
    assert make_message(type=MessageType.MLA_REQUEST, channel=Channel.MLAT).channel is Channel.MLAT


def test_a_message_needs_a_subject_a_recipient_and_not_itself() -> None:
    with pytest.raises(ValidationError) as exc:
        make_message(subject=" ")
    assert exc.value.field == "subject"
    with pytest.raises(ValidationError) as exc:
        make_message(recipients=())
    assert exc.value.field == "recipients"
    with pytest.raises(ValidationError) as exc:
        make_message(recipients=(Party("FR"), Party("JP")))
    assert exc.value.field == "recipients[1]"


def test_an_answer_needs_its_parent_and_only_requests_have_deadlines() -> None:
    with pytest.raises(ValidationError) as exc:
        make_message(type=MessageType.ANSWER, deadline=None)
    assert exc.value.field == "parent"
    with pytest.raises(ValidationError) as exc:
        make_message(type=MessageType.HIT_NOTIFICATION)
    assert exc.value.field == "deadline"


def test_a_deadline_in_the_past_is_refused() -> None:
    check_deadline(TODAY, TODAY)
    with pytest.raises(ValidationError, match="has passed") as exc:
        check_deadline(date(2026, 11, 25), TODAY)
    assert exc.value.field == "deadline"


def test_statuses_move_only_along_legal_transitions() -> None:
    m = make_message()
    sent, event = apply_action(m, MessageAction.SEND, actor="sato@JP", now=NOW)
    assert sent.status is MessageStatus.SENT and sent.sent_at == NOW
    assert (event.from_status, event.to_status) == (MessageStatus.DRAFT, MessageStatus.SENT)
    acked, _ = apply_action(sent, MessageAction.ACKNOWLEDGE, actor="dupont@FR", now=NOW)
    answered, _ = apply_action(acked, MessageAction.ANSWER, actor="dupont@FR", now=NOW)
    again, event = apply_action(answered, MessageAction.ANSWER, actor="dupont@FR", now=NOW)
    assert again.status is MessageStatus.ANSWERED and event.action is MessageAction.ANSWER
    closed, _ = apply_action(answered, MessageAction.CLOSE, actor="sato@JP", now=NOW)
    with pytest.raises(IllegalTransition, match="from closed to acknowledged .*none: the message is closed"):
        apply_action(closed, MessageAction.ACKNOWLEDGE, actor="x", now=NOW)
    with pytest.raises(IllegalTransition, match="from draft to acknowledged"):
        apply_action(m, MessageAction.ACKNOWLEDGE, actor="x", now=NOW)


def test_reminders_come_on_the_days_before_the_deadline_and_every_day_after() -> None:
    m = make_message(status=MessageStatus.SENT, deadline=date(2026, 12, 10), reminder_days=(7, 1))
    assert m.reminders_on(date(2026, 12, 3)) is not None
    assert m.reminders_on(date(2026, 12, 4)) is None
    assert m.reminders_on(date(2026, 12, 9)).days_left == 1  # type: ignore[union-attr]
    assert m.reminders_on(date(2026, 12, 10)).label == "due today"  # type: ignore[union-attr]
    assert m.reminders_on(date(2026, 12, 12)).label == "overdue"  # type: ignore[union-attr]
    assert replace(m, status=MessageStatus.ANSWERED).reminders_on(date(2026, 12, 12)) is None


def test_attachments_are_checked_for_size_and_hash() -> None:
    data = b"%PDF-1.7 warrant"
    a = check_attachment("warrant.pdf", "application/pdf", data, sha256=hashlib.sha256(data).hexdigest(),
                         max_bytes=1000)
    assert a == Attachment("warrant.pdf", "application/pdf", hashlib.sha256(data).hexdigest(), len(data))
    with pytest.raises(ValidationError, match="at most 10") as exc:
        check_attachment("warrant.pdf", "application/pdf", data, max_bytes=10, field="attachments[2]")
    assert exc.value.field == "attachments[2].data"
    with pytest.raises(ValidationError, match="SHA-256 stated") as exc:
        check_attachment("warrant.pdf", "application/pdf", data, sha256="0" * 64, max_bytes=1000)
    assert exc.value.field == "attachments[0].sha256"
    with pytest.raises(ValidationError) as exc:
        check_attachment("../etc/passwd", "text/plain", data, max_bytes=1000)
    assert exc.value.field == "attachments[0].name"
    with pytest.raises(ValidationError) as exc:
        check_attachment("a.pdf", "pdf", data, max_bytes=1000)
    assert exc.value.field == "attachments[0].media_type"


def test_a_linked_notice_restriction_travels_and_excludes_a_recipient() -> None:
    notice = make_notice(restriction=Restriction(RestrictionMode.DENY, frozenset({"FR"})))
    carried = CarriedRestriction.of_notice(notice)
    assert carried.permits("JP") and carried.permits("DE") and not carried.permits("FR")
    m = make_message(recipients=(Party("DE"), Party("FR")), restrictions=(carried,))
    with pytest.raises(ValidationError, match="FR may not receive this message: JP, the owner of notice:2026/00001, "
                                              "lets it go not to FR") as exc:
        m.check_recipients()
    assert exc.value.field == "recipients[1]"
    make_message(recipients=(Party("DE"),), restrictions=(carried,)).check_recipients()


def test_a_diffusion_carries_its_addressees() -> None:
    notice = make_notice(type=NoticeType.DIFFUSION, public_extract=False, addressees=("US", "CA"))
    carried = CarriedRestriction.of_notice(notice)
    assert carried.permits("US") and not carried.permits("FR") and carried.permits("JP")


def test_a_reply_goes_back_in_the_thread_with_the_parent_restrictions() -> None:
    carried = CarriedRestriction("notice:2026/00001", "JP", Restriction(RestrictionMode.ALLOW, frozenset({"FR"})))
    parent = make_message(status=MessageStatus.SENT, restrictions=(carried,))
    answer = reply(parent, id="FR-2026-M00004", sender=Party("FR"), body="Located in Lyon.", created_by="dupont@FR")
    assert answer.parent == parent.id and answer.thread == parent.thread == parent.id
    assert answer.recipients == (Party("JP"),) and answer.channel is Channel.INTERPOL
    assert answer.subject == "Re: Locate YAMADA Taro" and answer.restrictions == (carried,)
    with pytest.raises(ValidationError, match="not a recipient"):
        reply(parent, id="DE-2026-M00001", sender=Party("DE"))


def test_the_canonical_form_is_stable_and_round_trips() -> None:
    data = b"bytes"
    carried = CarriedRestriction("notice:2026/00001", "JP", Restriction(RestrictionMode.DENY, frozenset({"RU"})))
    m = make_message(attachments=(check_attachment("a.txt", "text/plain", data, max_bytes=100),),
                     restrictions=(carried,), recipients=(Party("FR"), Party("DE", "DE-BKA")))
    assert message_from_dict(m.to_dict()) == m
    assert message_from_dict(m.content()) == replace(m, created_by="")
    assert canonical_json(m) == canonical_json(message_from_dict(m.to_dict()))
    assert canonical_json(m).startswith(b'{"attachments":[{"media_type":"text/plain"')
    sent, _ = apply_action(m, MessageAction.SEND, actor="sato@JP", now=NOW)
    acked, _ = apply_action(sent, MessageAction.ACKNOWLEDGE, actor="x", now=NOW)
    assert content_digest(acked) == content_digest(sent)  # the local status is not part of the content


def test_a_message_from_elsewhere_names_the_bad_field() -> None:
    doc = make_message().to_dict() | {"recipients": ["FR", "XX"]}
    with pytest.raises(ValidationError) as exc:
        message_from_dict(doc)
    assert exc.value.field == "recipients[1]"
    with pytest.raises(ValidationError) as exc:
        message_from_dict(make_message().to_dict() | {"type": "gossip"})
    assert exc.value.field == "type"
