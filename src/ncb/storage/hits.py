"""The SQL hit queue."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, insert, select, update

from ncb.domain.screening import HitStatus, QueuedHit
from ncb.errors import Conflict, NotFound
from ncb.storage.dialect import as_utc
from ncb.storage.tables import notices, screening_hits

_h = screening_hits.c


def _aware(value: datetime | None) -> datetime | None:
    return None if value is None else as_utc(value)


def _hit(row: Any) -> QueuedHit:
    return QueuedHit(id=row.id, entity_id=row.entity_id, queue=row.queue, screened_by=row.screened_by,
                     disclosed=bool(row.disclosed), query=json.loads(row.query), score=float(row.score),
                     explanation=json.loads(row.explanation), created_at=_aware(row.created_at) or datetime.now(UTC),
                     status=HitStatus(row.status), decided_by=row.decided_by, decided_at=_aware(row.decided_at),
                     reason=row.reason)


class SqlHitRepository:
    def __init__(self, conn: Connection) -> None:
        self.conn = conn

    def _select(self) -> Any:
        return select(screening_hits, notices.c.entity_id).join(notices, notices.c.id == _h.notice_id)

    def add(self, hit: QueuedHit) -> int:
        notice_id = self.conn.execute(select(notices.c.id).where(notices.c.entity_id == hit.entity_id)).scalar()
        if notice_id is None:
            raise Conflict(f"notice {hit.entity_id} does not exist", record=hit.entity_id)
        return int(self.conn.execute(insert(screening_hits).values(
            notice_id=notice_id, queue=hit.queue, screened_by=hit.screened_by, disclosed=hit.disclosed,
            query=json.dumps(hit.query, ensure_ascii=False), score=hit.score,
            explanation=json.dumps(hit.explanation, ensure_ascii=False), created_at=hit.created_at,
            status=hit.status.value).returning(_h.id)).scalar_one())

    def get(self, hit_id: int) -> QueuedHit | None:
        row = self.conn.execute(self._select().where(_h.id == hit_id)).first()
        return _hit(row) if row else None

    def queue(self, bureau: str, status: HitStatus | None = None, limit: int = 100) -> list[QueuedHit]:
        q = self._select().where(_h.queue == bureau)
        if status is not None:
            q = q.where(_h.status == status.value)
        return [_hit(r) for r in self.conn.execute(q.order_by(_h.id.desc()).limit(limit))]

    def decide(self, hit_id: int, status: HitStatus, actor: str, at: datetime, reason: str) -> None:
        done = self.conn.execute(update(screening_hits).where(_h.id == hit_id, _h.status == HitStatus.PENDING.value)
                                 .values(status=status.value, decided_by=actor, decided_at=at, reason=reason))
        if done.rowcount != 1:
            raise NotFound(f"no pending hit {hit_id}", record=str(hit_id))
