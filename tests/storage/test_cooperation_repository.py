"""The cooperation store on both databases: messages with events and attachments, cases with their stages,
operations and numbering (test_migrations_match_metadata checks its tables against the migrations)."""

from __future__ import annotations

import hashlib
from datetime import UTC, date, datetime
from typing import Any

import pytest
from sqlalchemy import Engine

from ncb.domain.cooperation.extradition import Stage, advance, open_case
from ncb.domain.cooperation.messages import (
    Channel,
    Message,
    MessageAction,
    MessageStatus,
    MessageType,
    Party,
    apply_action,
    check_attachment,
    creation,
)
from ncb.domain.cooperation.operations import CountryResult, Operation, Target, TargetKind, seizure
from ncb.errors import Conflict
from ncb.storage.uow import SqlUnitOfWork

NOW = datetime(2026, 11, 26, 9, 30, tzinfo=UTC)


def _message(message_id: str, **kw: Any) -> Message:
    args: dict[str, Any] = dict(id=message_id, type=MessageType.INFORMATION_REQUEST, channel=Channel.INTERPOL,
                                sender=Party("JP"), recipients=(Party("FR"), Party("DE", "DE-BKA")),
                                subject="Criminal record of YAMADA Taro", notices=("2026/00001",),
                                deadline=date(2026, 12, 31), created_at=NOW, created_by="sato@JP")
    args.update(kw)
    return Message(**args)


def test_messages_round_trip_with_their_events_and_attachment_bytes(engine: Engine) -> None:
    data = b"%PDF warrant"
    attachment = check_attachment("warrant.pdf", "application/pdf", data, max_bytes=100)
    with SqlUnitOfWork(engine) as uow:
        first = uow.cooperation.next_id("message", "JP", 2026)
        assert first == "JP-2026-M00001"
        m = _message(first, attachments=(attachment,))
        uow.cooperation.add_message(m)
        uow.cooperation.add_attachment_data(attachment.sha256, data)
        uow.cooperation.add_attachment_data(attachment.sha256, data)  # the same bytes twice: kept once
        uow.cooperation.add_message_event(creation(m, actor="sato@JP", now=NOW))
        sent, event = apply_action(m, MessageAction.SEND, actor="sato@JP", now=NOW)
        uow.cooperation.save_message(sent)
        uow.cooperation.add_message_event(event)
        uow.cooperation.add_message(_message("JP-2026-M00002", parent=first, thread=first,
                                             type=MessageType.ANSWER, deadline=None,
                                             recipients=(Party("FR"),)))
        uow.commit()
    with SqlUnitOfWork(engine, write=False) as uow:
        stored = uow.cooperation.get_message(first)
        assert stored == sent
        assert uow.cooperation.attachment_data(hashlib.sha256(data).hexdigest()) == data
        assert [e.action for e in uow.cooperation.message_history(first)] == [MessageAction.CREATE,
                                                                               MessageAction.SEND]
        assert uow.cooperation.next_id("message", "JP", 2026) == "JP-2026-M00003"
        assert uow.cooperation.next_id("message", "FR", 2026) == "FR-2026-M00001"
        total, fr = uow.cooperation.messages(bureau="FR")
        assert total == 2 and [x.id for x in fr] == ["JP-2026-M00002", first]
        assert uow.cooperation.messages(bureau="US") == (0, [])
        assert [x.id for x in uow.cooperation.messages(thread=first)[1]] == [first, "JP-2026-M00002"]
        assert uow.cooperation.messages(statuses=[MessageStatus.SENT], with_deadline=True)[0] == 1


def test_a_message_id_is_stored_once(engine: Engine) -> None:
    with SqlUnitOfWork(engine) as uow:
        uow.cooperation.add_message(_message("JP-2026-M00001"))
        with pytest.raises(Conflict, match="already exists"):
            uow.cooperation.add_message(_message("JP-2026-M00001"))


def test_cases_keep_their_stages_appended(engine: Engine) -> None:
    case = open_case(id="JP-2026-E00001", bureau="JP", person="YAMADA Taro", requesting="JP", requested="US",
                     located_on=date(2026, 11, 1), actor="sato@JP", now=NOW, notice="2026/00001",
                     notice_owner="JP", hits=(3,))
    with SqlUnitOfWork(engine) as uow:
        uow.cooperation.add_case(case)
        arrested, entry = advance(case, Stage.PROVISIONAL_ARREST, on=date(2026, 11, 2), actor="sato@JP", now=NOW)
        uow.cooperation.save_case(arrested, entry)
        uow.commit()
    with SqlUnitOfWork(engine, write=False) as uow:
        assert uow.cooperation.get_case(case.id) == arrested
        assert uow.cooperation.cases(bureau="US") == [arrested]
        assert uow.cooperation.cases(notice="2026/00001", open_only=True) == [arrested]
        assert uow.cooperation.cases(bureau="FR") == []
        assert uow.cooperation.next_id("case", "JP", 2026) == "JP-2026-E00002"


def test_operations_round_trip(engine: Engine) -> None:
    op = Operation(id="JP-2026-O00001", name="Pangea", bureau="JP", countries=("JP", "FR"), created_at=NOW,
                   created_by="sato@JP", started_on=date(2026, 10, 1))
    op = op.with_target(Target(TargetKind.ORGANISATION, "Green Cross Ltd")).with_result(
        CountryResult("FR", date(2026, 10, 2), 2, (seizure("tablets", "100.5", "kg", "2000", "EUR"),)))
    with SqlUnitOfWork(engine) as uow:
        uow.cooperation.add_operation(op)
        uow.cooperation.save_operation(op.with_countries(("US",)), at=NOW)
        uow.commit()
    with SqlUnitOfWork(engine, write=False) as uow:
        stored = uow.cooperation.get_operation(op.id)
        assert stored == op.with_countries(("US",))
        assert [o.id for o in uow.cooperation.operations(bureau="US")] == [op.id]
        assert uow.cooperation.operations(bureau="DE") == []
