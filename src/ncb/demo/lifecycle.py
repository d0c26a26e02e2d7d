"""Where each demo notice stands in its lifecycle: status and the dates that go with it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from ncb.demo.context import Context
from ncb.domain.dates import add_months
from ncb.domain.notices import NoticeStatus, NoticeType

RETENTION_MONTHS = 60  # a notice is valid for five years from publication
MAX_SUSPENSION_DAYS = 180

_S = NoticeStatus
_STATUS_WEIGHTS: dict[str, dict[NoticeStatus, int]] = {
    "notice": {_S.PUBLISHED: 76, _S.DRAFT: 6, _S.SUBMITTED: 7, _S.SUSPENDED: 4, _S.WITHDRAWN: 5,
               _S.CANCELLED: 1, _S.REFUSED: 1},
    "diffusion": {_S.PUBLISHED: 80, _S.DRAFT: 8, _S.SUSPENDED: 2, _S.WITHDRAWN: 8, _S.CANCELLED: 2},
    "un": {_S.PUBLISHED: 95, _S.WITHDRAWN: 5},
}
_NEVER_PUBLISHED = frozenset({_S.DRAFT, _S.SUBMITTED, _S.REFUSED})


@dataclass(frozen=True)
class Lifecycle:
    status: NoticeStatus
    created_at: datetime
    published_at: datetime | None = None
    expires_on: date | None = None
    suspended_until: date | None = None

    @property
    def created(self) -> date:
        return self.created_at.date()

    @property
    def year(self) -> int:
        """The year in the entity id: of publication, or of the request for notices never published."""
        return (self.published_at or self.created_at).year


def published(ctx: Context, *, status: NoticeStatus = NoticeStatus.PUBLISHED, newest: int = 2,
              oldest: int = 1790) -> Lifecycle:
    """Published between ``oldest`` and ``newest`` days ago (under five years, so still valid today)."""
    day = ctx.days_ago(newest, oldest)
    created = ctx.moment(day - timedelta(days=ctx.rng.randint(3, 90)))
    suspended_until = None
    if status is NoticeStatus.SUSPENDED:
        suspended_until = ctx.today + timedelta(days=ctx.rng.randint(7, MAX_SUSPENSION_DAYS))
    return Lifecycle(status, created, ctx.moment(day), add_months(day, RETENTION_MONTHS), suspended_until)


def draw_lifecycle(ctx: Context, notice_type: NoticeType) -> Lifecycle:
    kind = ("un" if notice_type is NoticeType.UN_SPECIAL
            else "diffusion" if notice_type is NoticeType.DIFFUSION else "notice")
    weights = _STATUS_WEIGHTS[kind]
    status = ctx.rng.choices(list(weights), list(weights.values()))[0]
    if status in _NEVER_PUBLISHED:
        return Lifecycle(status, ctx.moment(ctx.days_ago(1, 120)))
    return published(ctx, status=status)
