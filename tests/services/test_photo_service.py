"""Adding and removing a subject's photos, on SQLite and PostgreSQL: only the owner bureau's officers, only while the
notice's photos may change, each change in the history and the audit trail, and nothing stored from a refusal."""

from __future__ import annotations

from dataclasses import replace

import pytest
from sqlalchemy import Engine, func, select

from ncb.audit.entries import event_from_leaf
from ncb.domain.access import Viewer
from ncb.domain.identity import Actor, Role
from ncb.domain.notices import Action, Decision, NoticeStatus
from ncb.errors import IllegalTransition, NotFound, PermissionDenied, TooLarge, ValidationError
from ncb.services import notices as notice_service
from ncb.services import photos as svc
from ncb.storage.tables import images
from ncb.storage.uow import SqlUnitOfWork
from tests.conftest import NOW
from tests.photo_samples import phone_jpeg, png_claiming, transparent_png
from tests.services.test_audit_wiring import draft_doc

TOKYO = Actor("sato@JP", Viewer.bureau("JP"), purpose="case 2026-114")
PARIS = Actor("martin@FR", Viewer.bureau("FR"), purpose="case 2026-114")
BORDER = Actor("tanaka@JP", Viewer.bureau("JP"), frozenset({Role.BORDER_OFFICER}), "case 2026-114")
REVIEWER = Actor("ito@general-secretariat", Viewer.general_secretariat())
DPO = replace(TOKYO, roles=frozenset({Role.DATA_PROTECTION_OFFICER}))


def draft(engine: Engine) -> str:
    return notice_service.create_notice(draft_doc(), SqlUnitOfWork(engine), actor=TOKYO, now=NOW).entity_id


def stored_images(engine: Engine) -> int:
    with engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(images)).scalar_one())


def audit_trail(engine: Engine) -> list[tuple[str, str]]:
    with SqlUnitOfWork(engine, write=False) as uow:
        return [(e.action, e.outcome) for e in (event_from_leaf(leaf) for _, leaf, _ in uow.audit.entries())]


def test_a_photo_is_added_with_its_thumbnail_recorded_in_the_history_and_the_audit_trail(engine: Engine) -> None:
    entity_id = draft(engine)
    added = svc.add_photo(entity_id, phone_jpeg(), SqlUnitOfWork(engine), actor=TOKYO, now=NOW)
    with SqlUnitOfWork(engine, write=False) as uow:
        notice = uow.notices.get(entity_id)
        assert notice is not None and notice.subject.photos == (added.photo,)
        photo, thumbnail = uow.notices.get_image(added.photo.picture_id), uow.notices.get_image(
            added.photo.thumbnail_id or "")
        history = uow.notices.history(entity_id)
    assert photo is not None and photo.data == added.prepared.photo and photo.media_type == "image/jpeg"
    assert thumbnail is not None and thumbnail.thumbnail_of == added.photo.picture_id
    assert (history[-1].action, history[-1].actor, history[-1].to_status) == (Action.ADD_PHOTO, "sato@JP",
                                                                               NoticeStatus.DRAFT)
    assert ("notice.add_photo", f"photo {added.photo.picture_id} added (200x400 from JPEG)") in audit_trail(engine)


def test_a_photo_is_removed_with_both_its_images(engine: Engine) -> None:
    entity_id = draft(engine)
    first = svc.add_photo(entity_id, phone_jpeg(), SqlUnitOfWork(engine), actor=TOKYO, now=NOW).photo
    second = svc.add_photo(entity_id, transparent_png(), SqlUnitOfWork(engine), actor=TOKYO, now=NOW).photo
    assert stored_images(engine) == 4
    left = svc.remove_photo(entity_id, first.picture_id, SqlUnitOfWork(engine), actor=TOKYO, now=NOW)
    assert left.subject.photos == (second,) and stored_images(engine) == 2
    with pytest.raises(NotFound, match=f"has no photo {first.picture_id}"):
        svc.remove_photo(entity_id, first.picture_id, SqlUnitOfWork(engine), actor=TOKYO, now=NOW)
    assert ("notice.remove_photo", f"photo {first.picture_id} removed") in audit_trail(engine)


def test_a_published_notice_takes_a_photo_and_a_submitted_or_withdrawn_one_does_not(engine: Engine) -> None:
    entity_id = draft(engine)
    notice_service.submit_notice(entity_id, SqlUnitOfWork(engine), actor=TOKYO, now=NOW)
    with pytest.raises(IllegalTransition, match="photos of a submitted notice cannot change"):
        svc.add_photo(entity_id, phone_jpeg(), SqlUnitOfWork(engine), actor=TOKYO, now=NOW)
    notice_service.review_notice(entity_id, Decision.APPROVE, SqlUnitOfWork(engine), actor=REVIEWER, now=NOW,
                                 reason="checked", exception_reason="of national scale")
    added = svc.add_photo(entity_id, phone_jpeg(), SqlUnitOfWork(engine), actor=TOKYO, now=NOW)
    assert added.notice.status is NoticeStatus.PUBLISHED
    notice_service.change_status(entity_id, Action.WITHDRAW, SqlUnitOfWork(engine), actor=TOKYO, now=NOW,
                                 reason="arrested")
    with pytest.raises(IllegalTransition):
        svc.remove_photo(entity_id, added.photo.picture_id, SqlUnitOfWork(engine), actor=TOKYO, now=NOW)


@pytest.mark.parametrize(("who", "error"), [(PARIS, NotFound), (BORDER, PermissionDenied), (DPO, PermissionDenied)])
def test_only_the_owner_bureaus_officers_change_its_photos(engine: Engine, who: Actor, error: type) -> None:
    entity_id = draft(engine)
    with pytest.raises(error):
        svc.add_photo(entity_id, phone_jpeg(), SqlUnitOfWork(engine), actor=who, now=NOW)
    assert stored_images(engine) == 0
    assert ("notice.add_photo", f"refused: {error.title.lower()}") in audit_trail(engine)


@pytest.mark.parametrize(("data", "error"), [(b"not an image", ValidationError),
                                             (png_claiming(100_000, 100_000), ValidationError),
                                             (phone_jpeg()[:700], ValidationError),
                                             (b"\xff" * (11 * 1024 * 1024), TooLarge)])
def test_a_bad_upload_stores_nothing_and_is_recorded_as_refused(engine: Engine, data: bytes, error: type) -> None:
    entity_id = draft(engine)
    with pytest.raises(error):
        svc.add_photo(entity_id, data, SqlUnitOfWork(engine), actor=TOKYO, now=NOW)
    assert stored_images(engine) == 0
    with SqlUnitOfWork(engine, write=False) as uow:
        notice = uow.notices.get(entity_id)
        assert notice is not None and notice.subject.photos == ()
        assert [t.action for t in uow.notices.history(entity_id)] == [Action.CREATE]
    assert audit_trail(engine)[-1] == ("notice.add_photo", f"refused: {error.title.lower()}")


def test_an_unknown_notice_is_not_found(engine: Engine) -> None:
    with pytest.raises(NotFound, match="no notice 2026/99999"):
        svc.add_photo("2026/99999", phone_jpeg(), SqlUnitOfWork(engine), actor=TOKYO, now=NOW)


def test_reading_a_photo_of_a_notice_needs_a_purpose_and_is_recorded(engine: Engine) -> None:
    entity_id = draft(engine)
    added = svc.add_photo(entity_id, phone_jpeg(), SqlUnitOfWork(engine), actor=TOKYO, now=NOW)
    image = svc.get_photo(entity_id, added.photo.thumbnail_id or "", SqlUnitOfWork(engine), actor=TOKYO, now=NOW)
    assert image.data == added.prepared.thumbnail
    assert audit_trail(engine)[-1] == ("notice.photo", "shown")
    with pytest.raises(ValidationError, match="purpose"):
        svc.get_photo(entity_id, added.photo.picture_id, SqlUnitOfWork(engine), actor=replace(TOKYO, purpose=None),
                      now=NOW)
    with pytest.raises(NotFound):
        svc.get_photo(entity_id, added.photo.picture_id, SqlUnitOfWork(engine), actor=PARIS, now=NOW)
    with pytest.raises(NotFound, match="no stored image 123"):
        svc.get_photo(entity_id, "123", SqlUnitOfWork(engine), actor=TOKYO, now=NOW)
