"""Photos of a notice's subject: an officer adds one (made safe and given a thumbnail by
:mod:`ncb.domain.photos`), removes one, or looks at one of a notice that is not public.

Adding and removing need the ``write_notices`` permission, a notice of the officer's own bureau, and a status in
which its photos may change (:attr:`NoticeStatus.photos_changeable`). Each change is appended to the notice's
history and recorded in the audit trail in the same transaction; a refusal (not allowed, not found, not an
acceptable image) is recorded as refused, and nothing of the upload is kept.

A published notice's photos are then served by the public API and the portal exactly as imported or demo photos
are (``/notices/v1/{kind}/{id}/images/{picture_id}``).
"""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import datetime

from ncb.domain.identity import Actor, Permission
from ncb.domain.notices import Action, Notice, Photo, Transition
from ncb.domain.photos import DEFAULT_LIMITS, PhotoLimits, PreparedPhoto, prepare_photo
from ncb.errors import IllegalTransition, NcbError, NotFound
from ncb.services import audit
from ncb.services.notices import _consulted, _load, _object, _owned, _read
from ncb.services.ports import StoredImage, UnitOfWork
from ncb.settings import Settings

ADD = "notice.add_photo"
REMOVE = "notice.remove_photo"
READ = "notice.photo"


def limits_from(settings: Settings) -> PhotoLimits:
    return PhotoLimits(max_bytes=settings.photo_max_bytes, max_pixels=settings.photo_max_pixels)


@dataclass(frozen=True)
class AddedPhoto:
    notice: Notice
    photo: Photo
    prepared: PreparedPhoto


@contextmanager
def _act(uow: UnitOfWork, actor: Actor, action: str, entity_id: str, now: datetime) -> Iterator[None]:
    """``with uow:`` in which a refusal is recorded as such (see :func:`ncb.services.audit.refusals`)."""
    with uow, audit.refusals(uow, actor=actor, action=action, object=_object(entity_id), now=now):
        yield


def _changeable(uow: UnitOfWork, entity_id: str, actor: Actor, what: str) -> Notice:
    """Inside ``with uow:``: the notice, if the actor may change its photos now."""
    actor.require(Permission.WRITE_NOTICES, what)
    notice = _load(uow, entity_id, actor.viewer)
    _owned(notice, actor)
    if not notice.status.photos_changeable:
        raise IllegalTransition(f"the photos of a {notice.status.value} notice cannot change (only those of a draft, "
                                "a published or a suspended notice)", field="status", record=entity_id)
    return notice


def _new_picture_id(uow: UnitOfWork, taken: set[str]) -> str:
    """A picture id not yet stored: ten digits, like INTERPOL's numeric ids and longer than the demo's."""
    while True:
        candidate = str(10**9 + secrets.randbelow(9 * 10**9))
        if candidate not in taken and uow.notices.get_image(candidate) is None:
            taken.add(candidate)
            return candidate


def _photo_change(before: Notice, photos: tuple[Photo, ...], action: Action, picture_id: str, actor: Actor,
                  now: datetime) -> tuple[Notice, Transition]:
    after = replace(before, subject=replace(before.subject, photos=photos))
    return after, Transition(entity_id=before.entity_id, action=action, from_status=before.status,
                             to_status=before.status, actor=actor.name, at=now, reason=f"photo {picture_id}")


def add_photo(entity_id: str, data: bytes, uow: UnitOfWork, *, actor: Actor, now: datetime,
              limits: PhotoLimits = DEFAULT_LIMITS) -> AddedPhoto:
    """Add an uploaded photo (JPEG, PNG or WebP bytes) to the notice's subject, after its other photos, with a
    generated thumbnail. The notice is checked before the image is decoded, and again when it is stored; the
    decoding itself holds no transaction open."""
    what = "adding a photo to a notice"
    with _act(uow, actor, ADD, entity_id, now):
        _changeable(uow, entity_id, actor, what)
    try:
        prepared = prepare_photo(data, limits)
    except NcbError:
        with _act(uow, actor, ADD, entity_id, now):
            raise
    with _act(uow, actor, ADD, entity_id, now):
        notice = _changeable(uow, entity_id, actor, what)
        taken: set[str] = set()
        photo = Photo(_new_picture_id(uow, taken), _new_picture_id(uow, taken), prepared.media_type)
        assert photo.thumbnail_id is not None
        changed, transition = _photo_change(notice, (*notice.subject.photos, photo), Action.ADD_PHOTO,
                                            photo.picture_id, actor, now)
        uow.notices.add_image(StoredImage(photo.picture_id, entity_id, prepared.media_type, prepared.photo))
        uow.notices.add_image(StoredImage(photo.thumbnail_id, entity_id, prepared.media_type, prepared.thumbnail,
                                          thumbnail_of=photo.picture_id))
        uow.notices.update(changed)
        uow.notices.add_transition(transition)
        audit.record(uow, actor=actor, action=ADD, object=_object(entity_id), outcome=f"photo {photo.picture_id} "
                     f"added ({prepared.width}x{prepared.height} from {prepared.source_format})", now=now)
        uow.commit()
    return AddedPhoto(changed, photo, prepared)


def remove_photo(entity_id: str, picture_id: str, uow: UnitOfWork, *, actor: Actor, now: datetime) -> Notice:
    """Remove one of the subject's photos (named by its picture id or its thumbnail's) with both stored images."""
    with _act(uow, actor, REMOVE, entity_id, now):
        notice = _changeable(uow, entity_id, actor, "removing a photo from a notice")
        photo = next((p for p in notice.subject.photos if picture_id in (p.picture_id, p.thumbnail_id)), None)
        if photo is None:
            raise NotFound(f"notice {entity_id} has no photo {picture_id[:64]}", field="picture_id",
                           record=entity_id)
        kept = tuple(p for p in notice.subject.photos if p is not photo)
        changed, transition = _photo_change(notice, kept, Action.REMOVE_PHOTO, photo.picture_id, actor, now)
        uow.notices.remove_images(entity_id, {i for i in (photo.picture_id, photo.thumbnail_id) if i})
        uow.notices.update(changed)
        uow.notices.add_transition(transition)
        audit.record(uow, actor=actor, action=REMOVE, object=_object(entity_id),
                     outcome=f"photo {photo.picture_id} removed", now=now)
        uow.commit()
    return changed


def get_photo(entity_id: str, picture_id: str, uow: UnitOfWork, *, actor: Actor, now: datetime) -> StoredImage:
    """One stored image (a photo or a thumbnail) of a notice the actor may see; for anyone but the public, with a
    stated purpose and recorded as a consultation. ``NotFound`` when the notice has no such stored image."""
    with uow:
        notice = _read(uow, actor, READ, entity_id, now)
        ids = {i for p in notice.subject.photos for i in (p.picture_id, p.thumbnail_id) if i}
        image = uow.notices.get_image(picture_id) if picture_id in ids else None
        if image is None or image.entity_id != entity_id:
            raise NotFound(f"notice {entity_id} has no stored image {picture_id[:64]}", field="picture_id",
                           record=entity_id)
        _consulted(uow, actor, READ, entity_id, now)
    return image
