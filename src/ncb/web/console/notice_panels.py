"""What the notice page shows under the request: the subject's photos (thumbnails, the upload form, a remove
button each) and the status changes its bureau may make now (suspend, resume, withdraw, extend), each with what it
does, a reason and a confirmation. Built here for every render of the page; the routes that act are in
:mod:`.notice_actions`."""

from __future__ import annotations

from typing import Any

from ncb.domain.identity import Permission
from ncb.domain.lifecycle import OWNER_ACTIONS, possible_actions
from ncb.domain.notices import Action, Notice
from ncb.services.photos import limits_from
from ncb.web.console.context import Context
from ncb.web.console.i18n import N_
from ncb.web.deps import policy_of

ACTION_LABELS = {Action.SUSPEND: N_("Suspend the notice"), Action.RESUME: N_("Resume the notice"),
                 Action.WITHDRAW: N_("Withdraw the notice"), Action.EXTEND: N_("Extend its retention")}
CONFIRMATIONS = {
    Action.SUSPEND: N_("Other countries, screening and the public stop seeing this notice until the day you choose "
                       "(at most %(months)s months from today), or until you resume it."),
    Action.RESUME: N_("The notice is published again: other countries and screening see it, and the public too if "
                      "it has a public extract."),
    Action.WITHDRAW: N_("The notice is withdrawn for good: other countries, screening and the public no longer see "
                        "it. This cannot be undone."),
    Action.EXTEND: N_("The notice is kept %(years)s more years after its expiry on %(date)s."),
}


def _owned(ctx: Context, notice: Notice) -> bool:
    return notice.owner == ctx.actor.viewer.country and ctx.can(Permission.WRITE_NOTICES)


def photos_panel(ctx: Context, notice: Notice) -> dict[str, Any]:
    here = f"{ctx.base}/notices/{notice.url_id}/photos"
    items = [{"picture_id": p.picture_id, "thumbnail": f"{here}/{p.thumbnail_id or p.picture_id}",
              "full": f"{here}/{p.picture_id}", "remove": f"{here}/{p.picture_id}/remove"}
             for p in notice.subject.photos]
    return {"items": items, "action": here, "changeable": _owned(ctx, notice) and notice.status.photos_changeable,
            "max_mb": limits_from(ctx.settings).max_bytes // (1024 * 1024)}


def status_actions(ctx: Context, notice: Notice) -> list[dict[str, Any]]:
    if not _owned(ctx, notice):
        return []
    policy = policy_of(ctx.settings)
    values = {"months": policy.max_suspension_months, "years": policy.retention_years,
              "date": notice.expires_on.isoformat() if notice.expires_on else ""}
    return [{"action": a.value, "label": ctx.t(ACTION_LABELS[a]), "confirmation": ctx.t(CONFIRMATIONS[a], **values)}
            for a in possible_actions(notice, OWNER_ACTIONS, now=ctx.now, policy=policy)]


def panels(ctx: Context, notice: Notice | None) -> dict[str, Any]:
    """The values ``notice_panels.html`` renders (nothing for a request not yet saved)."""
    if notice is None:
        return {"photos": None, "status_actions": []}
    return {"photos": photos_panel(ctx, notice), "status_actions": status_actions(ctx, notice)}
