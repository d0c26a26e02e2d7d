from dataclasses import replace
from datetime import UTC, date, datetime

import pytest

from ncb.domain.lifecycle import apply_action, due_for_expiry
from ncb.domain.notices import Action, NoticeStatus, NoticeType
from ncb.errors import IllegalTransition, ValidationError
from tests.builders import make_notice

NOW = datetime(2026, 11, 26, 9, 0, tzinfo=UTC)


def published():
    return replace(make_notice(), status=NoticeStatus.PUBLISHED, published_at=NOW, expires_on=date(2031, 11, 26))


def test_a_draft_is_submitted_and_the_change_is_recorded() -> None:
    notice, t = apply_action(make_notice(), Action.SUBMIT, actor="officer.sato", now=NOW)
    assert notice.status is NoticeStatus.SUBMITTED
    assert (t.from_status, t.to_status, t.actor, t.at) == (NoticeStatus.DRAFT, NoticeStatus.SUBMITTED,
                                                           "officer.sato", NOW)


def test_approval_publishes_for_five_years() -> None:
    submitted = make_notice(status=NoticeStatus.SUBMITTED)
    notice, _ = apply_action(submitted, Action.APPROVE, actor="gs.reviewer", now=NOW)
    assert notice.status is NoticeStatus.PUBLISHED
    assert notice.expires_on == date(2031, 11, 26)
    assert notice.review_due_on() == date(2031, 5, 26)


@pytest.mark.parametrize("status, action", [
    (NoticeStatus.DRAFT, Action.APPROVE),
    (NoticeStatus.PUBLISHED, Action.SUBMIT),
    (NoticeStatus.REFUSED, Action.SUBMIT),
    (NoticeStatus.WITHDRAWN, Action.RESUME),
    (NoticeStatus.DRAFT, Action.SUSPEND),
])
def test_an_illegal_transition_raises_a_clear_error(status: NoticeStatus, action: Action) -> None:
    notice = make_notice(status=status)
    with pytest.raises(IllegalTransition) as err:
        apply_action(notice, action, actor="x", now=NOW, reason="because")
    assert notice.entity_id in str(err.value)


def test_refusal_needs_a_reason() -> None:
    with pytest.raises(ValidationError, match="reason"):
        apply_action(make_notice(status=NoticeStatus.SUBMITTED), Action.REFUSE, actor="gs", now=NOW)


def test_a_suspension_lasts_at_most_six_months() -> None:
    with pytest.raises(ValidationError, match="at most 6 months"):
        apply_action(published(), Action.SUSPEND, actor="jp", now=NOW, reason="located", until=date(2027, 6, 1))
    notice, _ = apply_action(published(), Action.SUSPEND, actor="jp", now=NOW, reason="located")
    assert notice.suspended_until == date(2027, 5, 26)
    resumed, _ = apply_action(notice, Action.RESUME, actor="jp", now=NOW)
    assert resumed.status is NoticeStatus.PUBLISHED and resumed.suspended_until is None


def test_extension_adds_five_years_only_in_the_review_period_and_with_a_reason() -> None:
    notice = published()
    with pytest.raises(IllegalTransition, match="review period"):
        apply_action(notice, Action.EXTEND, actor="jp", now=NOW, reason="still wanted")
    late = datetime(2031, 6, 1, tzinfo=UTC)
    with pytest.raises(ValidationError, match="reason"):
        apply_action(notice, Action.EXTEND, actor="jp", now=late)
    extended, t = apply_action(notice, Action.EXTEND, actor="jp", now=late, reason="still wanted")
    assert extended.expires_on == date(2036, 11, 26)
    assert t.reason == "still wanted" and t.from_status is t.to_status


def test_a_diffusion_is_circulated_without_prior_review() -> None:
    diffusion = make_notice(type=NoticeType.DIFFUSION, public_extract=False, addressees=("US", "KR"))
    with pytest.raises(IllegalTransition):
        apply_action(diffusion, Action.APPROVE, actor="jp", now=NOW)
    sent, _ = apply_action(diffusion, Action.CIRCULATE, actor="jp", now=NOW)
    assert sent.status is NoticeStatus.PUBLISHED


def test_expiry_comes_only_when_retention_has_run_out() -> None:
    notice = published()
    assert not due_for_expiry(notice, date(2031, 11, 25))
    assert due_for_expiry(notice, date(2031, 11, 26))
    with pytest.raises(IllegalTransition, match="not yet"):
        apply_action(notice, Action.EXPIRE, actor="system", now=NOW)
