import pytest

from ncb.domain.access import Viewer, can_view
from ncb.domain.notices import NoticeStatus, NoticeType, Restriction, RestrictionMode
from ncb.errors import ValidationError
from tests.builders import make_notice


def test_the_owner_bureau_always_sees_its_notices() -> None:
    assert can_view(Viewer.bureau("JP"), make_notice(status=NoticeStatus.DRAFT))


def test_other_bureaus_see_only_published_notices() -> None:
    assert not can_view(Viewer.bureau("FR"), make_notice(status=NoticeStatus.SUBMITTED))
    assert can_view(Viewer.bureau("FR"), make_notice(status=NoticeStatus.PUBLISHED))


def test_a_deny_list_hides_the_notice_from_those_countries() -> None:
    notice = make_notice(status=NoticeStatus.PUBLISHED,
                         restriction=Restriction(RestrictionMode.DENY, frozenset({"RU"})))
    assert not can_view(Viewer.bureau("RU"), notice)
    assert can_view(Viewer.bureau("FR"), notice)


def test_an_allow_list_shows_the_notice_only_to_those_countries() -> None:
    notice = make_notice(status=NoticeStatus.PUBLISHED,
                         restriction=Restriction(RestrictionMode.ALLOW, frozenset({"US", "KR"})))
    assert can_view(Viewer.bureau("KR"), notice)
    assert not can_view(Viewer.bureau("FR"), notice)


def test_a_diffusion_is_seen_only_by_its_addressees() -> None:
    notice = make_notice(type=NoticeType.DIFFUSION, public_extract=False, status=NoticeStatus.PUBLISHED,
                         addressees=("US",))
    assert can_view(Viewer.bureau("US"), notice)
    assert not can_view(Viewer.bureau("FR"), notice)


def test_the_public_sees_only_published_notices_with_a_public_extract() -> None:
    assert can_view(Viewer.public(), make_notice(status=NoticeStatus.PUBLISHED))
    assert not can_view(Viewer.public(), make_notice(status=NoticeStatus.PUBLISHED, public_extract=False))
    assert not can_view(Viewer.public(), make_notice(status=NoticeStatus.SUSPENDED))


def test_reviewers_see_submitted_notices_but_not_drafts() -> None:
    assert can_view(Viewer.general_secretariat(), make_notice(status=NoticeStatus.SUBMITTED))
    assert not can_view(Viewer.general_secretariat(), make_notice(status=NoticeStatus.DRAFT))


def test_an_agency_sees_its_own_requests_and_what_its_bureau_published() -> None:
    mpd = Viewer.agency_of("JP", "JP-TOKYO-MPD")
    assert can_view(mpd, make_notice(status=NoticeStatus.DRAFT, agency="JP-TOKYO-MPD"))
    assert not can_view(mpd, make_notice(status=NoticeStatus.DRAFT, agency="JP-OSAKA-PP"))
    assert can_view(mpd, make_notice(status=NoticeStatus.PUBLISHED, agency="JP-OSAKA-PP"))


def test_an_allow_list_without_countries_is_refused() -> None:
    with pytest.raises(ValidationError):
        Restriction(RestrictionMode.ALLOW, frozenset())


def test_an_agency_sees_published_notices_only_of_the_types_granted_to_it() -> None:
    granted_red = Viewer.agency_of("JP", "JP-TOKYO-MPD", frozenset({"red"}))
    nothing = Viewer.agency_of("JP", "JP-TOKYO-MPD", frozenset())
    red = make_notice(status=NoticeStatus.PUBLISHED, agency="JP-OSAKA-PP")
    assert can_view(granted_red, red) and not can_view(nothing, red)
    assert can_view(nothing, make_notice(status=NoticeStatus.DRAFT, agency="JP-TOKYO-MPD"))
