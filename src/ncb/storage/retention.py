"""The SQL store of retention reminders: one per notice and expiry date."""

from __future__ import annotations

from sqlalchemy import Connection, delete, select

from ncb.domain.retention import RetentionReminder
from ncb.storage.dialect import as_utc, dialect_insert
from ncb.storage.tables import retention_reminders

_t = retention_reminders.c


class SqlRetentionRepository:
    def __init__(self, conn: Connection) -> None:
        self.conn = conn

    def add_reminder(self, reminder: RetentionReminder) -> bool:
        """Record a reminder; False (and nothing written) when this notice was already reminded of this expiry."""
        stmt = dialect_insert(self.conn.dialect.name, retention_reminders).values(
            notice_id=reminder.notice_id, expires_on=reminder.expires_on, bureau=reminder.bureau,
            sent_at=reminder.sent_at).on_conflict_do_nothing(index_elements=["notice_id", "expires_on"])
        return self.conn.execute(stmt.returning(_t.notice_id)).first() is not None

    def reminders(self, bureau: str | None = None) -> list[RetentionReminder]:
        q = select(retention_reminders)
        if bureau is not None:
            q = q.where(_t.bureau == bureau)
        return [RetentionReminder(r.notice_id, r.expires_on, r.bureau, as_utc(r.sent_at))
                for r in self.conn.execute(q.order_by(_t.expires_on, _t.notice_id))]

    def forget(self, notice_id: str) -> int:
        """Remove a purged or erased notice's reminders."""
        return int(self.conn.execute(delete(retention_reminders).where(_t.notice_id == notice_id)).rowcount or 0)
