"""The SQL store of travel records (kept for retro-screening, purged when they expire)."""

from __future__ import annotations

import json
from collections.abc import Collection, Iterator
from datetime import datetime

from sqlalchemy import Connection, delete, insert, select

from ncb.domain.screening import TravelRecord
from ncb.storage.dialect import as_utc
from ncb.storage.tables import travel_records

_t = travel_records.c




class SqlTravelRecordRepository:
    def __init__(self, conn: Connection) -> None:
        self.conn = conn

    def add(self, record: TravelRecord) -> int:
        return int(self.conn.execute(insert(travel_records).values(
            bureau=record.bureau, recorded_at=record.recorded_at, expires_at=record.expires_at,
            person=json.dumps(record.person, ensure_ascii=False)).returning(_t.id)).scalar_one())

    def current(self, now: datetime) -> Iterator[TravelRecord]:
        # Statement-level option: a connection-level one would turn every later statement of this unit of
        # work into a server-side cursor (which PostgreSQL refuses for INSERT ... RETURNING).
        rows = self.conn.execute(select(travel_records).where(_t.expires_at > now).order_by(_t.id)
                                 .execution_options(yield_per=1000))
        for r in rows:
            yield TravelRecord(r.id, r.bureau, as_utc(r.recorded_at), as_utc(r.expires_at), json.loads(r.person))

    def purge(self, now: datetime) -> int:
        return int(self.conn.execute(delete(travel_records).where(_t.expires_at <= now)).rowcount or 0)

    def delete(self, ids: Collection[int]) -> int:
        """Remove the given records (a traveller's data erased on a deletion)."""
        wanted = sorted(ids)
        removed = 0
        for i in range(0, len(wanted), 500):
            removed += int(self.conn.execute(delete(travel_records).where(_t.id.in_(wanted[i:i + 500]))).rowcount or 0)
        return removed
