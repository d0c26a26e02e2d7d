"""The SQL store of cooperation: messages (a JSON document each, with their events and attachments),
extradition cases (with their stages appended) and operations."""

from __future__ import annotations

import json
from collections.abc import Collection
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, delete, func, insert, or_, select, update

from ncb.domain.cooperation import KIND_LETTER, make_id
from ncb.domain.cooperation.extradition import ExtraditionCase, Stage, StageEntry
from ncb.domain.cooperation.messages import (
    Message,
    MessageAction,
    MessageEvent,
    MessageStatus,
    content_digest,
    message_from_dict,
)
from ncb.domain.cooperation.operations import Operation, operation_from_dict
from ncb.errors import Conflict, NotFound
from ncb.storage.dialect import as_utc, contains, dialect_insert
from ncb.storage.tables import (
    coop_attachment_data,
    coop_attachments,
    coop_message_events,
    coop_messages,
    coop_operations,
    extradition_cases,
    extradition_stages,
    screening_hits,
)

_m = coop_messages.c
_e = coop_message_events.c
_c = extradition_cases.c
_s = extradition_stages.c
_o = coop_operations.c


def _delimited(values: Collection[str]) -> str:
    return "," + ",".join(values) + "," if values else ""


def _message_row(m: Message) -> dict[str, Any]:
    assert m.created_at is not None, "a stored message has its creation time"
    return {"message_id": m.id, "type": m.type.value, "channel": m.channel.value, "status": m.status.value,
            "sender": m.sender.bureau, "recipients": _delimited(sorted({r.bureau for r in m.recipients})),
            "thread_id": m.thread, "parent_id": m.parent, "deadline": m.deadline, "created_at": m.created_at,
            "sent_at": m.sent_at, "answered_at": m.answered_at, "content_sha256": content_digest(m),
            "document": json.dumps(m.to_dict(), ensure_ascii=False, sort_keys=True)}


def _case_document(case: ExtraditionCase) -> str:
    return json.dumps({"person": case.person, "notice_owner": case.notice_owner, "hits": list(case.hits),
                       "messages": list(case.messages), "opened_by": case.opened_by}, ensure_ascii=False)


class SqlCooperationRepository:
    def __init__(self, conn: Connection) -> None:
        self.conn = conn

    # -- numbering ----------------------------------------------------------------------------------
    def next_id(self, kind: str, bureau: str, year: int) -> str:
        """The next free id of ``kind`` (message, case, operation) for ``bureau`` in ``year``."""
        column = {"message": _m.message_id, "case": _c.case_id, "operation": _o.operation_id}[kind]
        prefix = f"{bureau}-{year}-{KIND_LETTER[kind]}"
        last = self.conn.execute(select(column).where(column.like(f"{prefix}%"))
                                 .order_by(func.length(column).desc(), column.desc()).limit(1)).scalar()
        number = int(str(last)[len(prefix):]) + 1 if last else 1
        return make_id(kind, bureau, year, number)

    # -- messages -----------------------------------------------------------------------------------
    def _message_pk(self, message_id: str) -> int:
        pk = self.conn.execute(select(_m.id).where(_m.message_id == message_id)).scalar()
        if pk is None:
            raise NotFound(f"no message {message_id}", record=message_id)
        return int(pk)

    def add_message(self, message: Message) -> None:
        if self.conn.execute(select(_m.id).where(_m.message_id == message.id)).first() is not None:
            raise Conflict(f"message {message.id} already exists", record=message.id)
        pk = self.conn.execute(insert(coop_messages).values(**_message_row(message)).returning(_m.id)).scalar_one()
        if message.attachments:
            self.conn.execute(insert(coop_attachments), [
                {"message_id": pk, "name": a.name, "media_type": a.media_type, "sha256": a.sha256, "size": a.size}
                for a in message.attachments])

    def save_message(self, message: Message) -> None:
        row = _message_row(message)
        done = self.conn.execute(update(coop_messages).where(_m.message_id == message.id).values(**row))
        if done.rowcount != 1:
            raise NotFound(f"no message {message.id}", record=message.id)

    def get_message(self, message_id: str) -> Message | None:
        doc = self.conn.execute(select(_m.document).where(_m.message_id == message_id)).scalar()
        return message_from_dict(json.loads(doc)) if doc is not None else None

    def content_sha256(self, message_id: str) -> str | None:
        value = self.conn.execute(select(_m.content_sha256).where(_m.message_id == message_id)).scalar()
        return str(value) if value is not None else None

    def messages(self, *, bureau: str | None = None, thread: str | None = None,
                 statuses: Collection[MessageStatus] = (), with_deadline: bool = False, offset: int = 0,
                 limit: int = 100) -> tuple[int, list[Message]]:
        """(how many match, a page of them), newest first; ``bureau``: those it sent or received."""
        q = select(_m.document)
        counted = select(func.count()).select_from(coop_messages)
        conditions = []
        if bureau:
            conditions.append(or_(_m.sender == bureau, contains(self.conn.dialect.name, _m.recipients, f",{bureau},")))
        if thread:
            conditions.append(_m.thread_id == thread)
        if statuses:
            conditions.append(_m.status.in_([s.value for s in statuses]))
        if with_deadline:
            conditions.append(_m.deadline.is_not(None))
        for condition in conditions:
            q = q.where(condition)
            counted = counted.where(condition)
        total = int(self.conn.execute(counted).scalar_one())
        order = (_m.created_at.asc(), _m.id.asc()) if thread else (_m.created_at.desc(), _m.id.desc())
        rows = self.conn.execute(q.order_by(*order).offset(offset).limit(limit)).scalars()
        return total, [message_from_dict(json.loads(doc)) for doc in rows]

    def add_message_event(self, event: MessageEvent) -> None:
        self.conn.execute(insert(coop_message_events).values(
            message_id=self._message_pk(event.message_id), action=event.action.value,
            from_status=event.from_status.value if event.from_status else None, to_status=event.to_status.value,
            actor=event.actor, at=event.at, note=event.note))

    def message_history(self, message_id: str) -> list[MessageEvent]:
        rows = self.conn.execute(select(coop_message_events).where(_e.message_id == self._message_pk(message_id))
                                 .order_by(_e.id))
        return [MessageEvent(message_id, MessageAction(r.action), MessageStatus(r.from_status) if r.from_status
                             else None, MessageStatus(r.to_status), r.actor, as_utc(r.at), r.note) for r in rows]

    def add_attachment_data(self, sha256: str, data: bytes) -> None:
        """Keep the bytes once per SHA-256 (a second message with the same file stores nothing more)."""
        stmt = dialect_insert(self.conn.dialect.name, coop_attachment_data).values(
            sha256=sha256, size=len(data), data=data).on_conflict_do_nothing(index_elements=["sha256"])
        self.conn.execute(stmt)

    def attachment_data(self, sha256: str) -> bytes | None:
        value = self.conn.execute(select(coop_attachment_data.c.data)
                                  .where(coop_attachment_data.c.sha256 == sha256)).scalar()
        return bytes(value) if value is not None else None

    def forget_unused_attachment_data(self) -> int:
        """Delete bytes no message refers to any more."""
        used = select(coop_attachments.c.sha256)
        return int(self.conn.execute(delete(coop_attachment_data)
                                     .where(coop_attachment_data.c.sha256.not_in(used))).rowcount)

    # -- extradition cases --------------------------------------------------------------------------
    def _case_pk(self, case_id: str) -> int:
        pk = self.conn.execute(select(_c.id).where(_c.case_id == case_id)).scalar()
        if pk is None:
            raise NotFound(f"no case {case_id}", record=case_id)
        return int(pk)

    def add_case(self, case: ExtraditionCase) -> None:
        if self.conn.execute(select(_c.id).where(_c.case_id == case.id)).first() is not None:
            raise Conflict(f"case {case.id} already exists", record=case.id)
        assert case.opened_at is not None
        pk = self.conn.execute(insert(extradition_cases).values(
            case_id=case.id, bureau=case.bureau, requesting=case.requesting, requested=case.requested,
            stage=case.stage.value, notice_id=case.notice, opened_at=case.opened_at, closed_at=case.closed_at,
            document=_case_document(case)).returning(_c.id)).scalar_one()
        self.conn.execute(insert(extradition_stages), [_stage_row(pk, e) for e in case.stages])

    def save_case(self, case: ExtraditionCase, entry: StageEntry | None = None) -> None:
        """Store the case's current state; ``entry``, its newest stage, is appended to its stages."""
        pk = self._case_pk(case.id)
        self.conn.execute(update(extradition_cases).where(_c.id == pk).values(
            stage=case.stage.value, closed_at=case.closed_at, document=_case_document(case)))
        if entry is not None:
            self.conn.execute(insert(extradition_stages).values(**_stage_row(pk, entry)))

    def get_case(self, case_id: str) -> ExtraditionCase | None:
        row = self.conn.execute(select(extradition_cases).where(_c.case_id == case_id)).first()
        return self._cases([row])[0] if row else None

    def cases(self, *, bureau: str | None = None, notice: str | None = None, open_only: bool = False,
              limit: int = 1000) -> list[ExtraditionCase]:
        """Cases newest first; ``bureau``: those it keeps or takes part in (requesting or requested)."""
        q = select(extradition_cases)
        if bureau:
            q = q.where(or_(_c.bureau == bureau, _c.requesting == bureau, _c.requested == bureau))
        if notice:
            q = q.where(_c.notice_id == notice)
        if open_only:
            q = q.where(_c.closed_at.is_(None))
        return self._cases(list(self.conn.execute(q.order_by(_c.opened_at.desc(), _c.id.desc()).limit(limit))))

    def _cases(self, rows: list[Any]) -> list[ExtraditionCase]:
        if not rows:
            return []
        stages: dict[int, list[StageEntry]] = {}
        for s in self.conn.execute(select(extradition_stages).where(_s.case_id.in_([r.id for r in rows]))
                                   .order_by(_s.id)):
            stages.setdefault(s.case_id, []).append(
                StageEntry(Stage(s.stage), s.reached_on, s.actor, as_utc(s.at), s.note))
        out = []
        for r in rows:
            doc = json.loads(r.document)
            out.append(ExtraditionCase(
                id=r.case_id, bureau=r.bureau, person=doc["person"], requesting=r.requesting, requested=r.requested,
                stages=tuple(stages.get(r.id, ())), notice=r.notice_id, notice_owner=doc.get("notice_owner"),
                hits=tuple(doc.get("hits") or ()), messages=tuple(doc.get("messages") or ()),
                opened_at=as_utc(r.opened_at), opened_by=doc.get("opened_by") or "",
                closed_at=as_utc(r.closed_at) if r.closed_at else None))
        return out

    # -- operations ---------------------------------------------------------------------------------
    def add_operation(self, op: Operation) -> None:
        if self.conn.execute(select(_o.id).where(_o.operation_id == op.id)).first() is not None:
            raise Conflict(f"operation {op.id} already exists", record=op.id)
        assert op.created_at is not None
        self.conn.execute(insert(coop_operations).values(
            operation_id=op.id, bureau=op.bureau, name=op.name, countries=_delimited(op.countries),
            created_at=op.created_at, updated_at=op.created_at,
            document=json.dumps(op.to_dict(), ensure_ascii=False)))

    def save_operation(self, op: Operation, *, at: datetime) -> None:
        done = self.conn.execute(update(coop_operations).where(_o.operation_id == op.id).values(
            name=op.name, countries=_delimited(op.countries), updated_at=at,
            document=json.dumps(op.to_dict(), ensure_ascii=False)))
        if done.rowcount != 1:
            raise NotFound(f"no operation {op.id}", record=op.id)

    def get_operation(self, operation_id: str) -> Operation | None:
        doc = self.conn.execute(select(_o.document).where(_o.operation_id == operation_id)).scalar()
        return operation_from_dict(json.loads(doc)) if doc is not None else None

    def operations(self, *, bureau: str | None = None, limit: int = 1000) -> list[Operation]:
        q = select(_o.document)
        if bureau:
            q = q.where(contains(self.conn.dialect.name, _o.countries, f",{bureau},"))
        rows = self.conn.execute(q.order_by(_o.created_at.desc(), _o.id.desc()).limit(limit)).scalars()
        return [operation_from_dict(json.loads(doc)) for doc in rows]

    # -- statistics ---------------------------------------------------------------------------------
    def hit_counts(self, bureau: str | None = None) -> list[tuple[str, str, int]]:
        """(queue, status, hits); ``bureau``: its own queue only."""
        h = screening_hits.c
        q = select(h.queue, h.status, func.count()).group_by(h.queue, h.status)
        if bureau:
            q = q.where(h.queue == bureau)
        return [(str(q_), str(s), int(n)) for q_, s, n in self.conn.execute(q)]


def _stage_row(case_pk: int, e: StageEntry) -> dict[str, Any]:
    return {"case_id": case_pk, "stage": e.stage.value, "reached_on": e.on, "actor": e.actor, "at": e.at,
            "note": e.note}
