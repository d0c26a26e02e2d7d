"""The photos of a notice's subject over the internal API: upload one (multipart, field ``file``), remove one, read
one of a notice that is not public. Published notices' photos are public at ``/notices/v1/.../images``."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any

from fastapi import APIRouter, Depends, File, Request, Response, UploadFile

from ncb.domain.identity import Actor
from ncb.domain.notices import Notice, entity_id_from_url
from ncb.services import photos as svc
from ncb.services.ports import UnitOfWork
from ncb.web.deps import internal_actor, now, settings_of, uow_factory_dep

router = APIRouter(prefix="/api", tags=["internal"])

ActorDep = Annotated[Actor, Depends(internal_actor)]
UowFactory = Annotated[Callable[..., UnitOfWork], Depends(uow_factory_dep)]


def photo_list(notice: Notice) -> list[dict[str, Any]]:
    return [{"picture_id": p.picture_id, "thumbnail_id": p.thumbnail_id, "media_type": p.media_type}
            for p in notice.subject.photos]


@router.post("/notices/{notice_id}/photos", status_code=201,
             summary="Add a photo of the subject (JPEG, PNG or WebP; stored as JPEG without metadata, with a "
                     "thumbnail)",
             responses={413: {"description": "The file is larger than NCB_PHOTO_MAX_BYTES"}})
def add_photo(notice_id: str, file: Annotated[UploadFile, File(description="The photo")], actor: ActorDep,
              uows: UowFactory, request: Request) -> dict[str, Any]:
    limits = svc.limits_from(settings_of(request))
    data = file.file.read(limits.max_bytes + 1)  # one byte more than allowed is enough to refuse it
    added = svc.add_photo(entity_id_from_url(notice_id), data, uows(), actor=actor, now=now(), limits=limits)
    return {"entity_id": added.notice.entity_id, "picture_id": added.photo.picture_id,
            "thumbnail_id": added.photo.thumbnail_id, "media_type": added.photo.media_type,
            "width": added.prepared.width, "height": added.prepared.height,
            "source_format": added.prepared.source_format, "photos": photo_list(added.notice)}


@router.delete("/notices/{notice_id}/photos/{picture_id}", summary="Remove a photo and its thumbnail")
def remove_photo(notice_id: str, picture_id: str, actor: ActorDep, uows: UowFactory) -> dict[str, Any]:
    notice = svc.remove_photo(entity_id_from_url(notice_id), picture_id, uows(), actor=actor, now=now())
    return {"entity_id": notice.entity_id, "photos": photo_list(notice)}


@router.get("/notices/{notice_id}/photos/{picture_id}", response_class=Response,
            summary="One stored image (photo or thumbnail) of a notice the caller may see (JPEG)",
            responses={200: {"content": {"image/jpeg": {}}}})
def get_photo(notice_id: str, picture_id: str, actor: ActorDep, uows: UowFactory) -> Response:
    image = svc.get_photo(entity_id_from_url(notice_id), picture_id, uows(), actor=actor, now=now())
    return Response(image.data, media_type=image.media_type, headers={"Cache-Control": "private, no-store"})
