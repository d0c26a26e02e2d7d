"""``ncb notices photo ...``: the photos of a notice's subject."""

from __future__ import annotations

from pathlib import Path

import click

from ncb.cli.context import AppContext, done, pass_app, print_json, run_guarded
from ncb.domain.notices import entity_id_as_typed
from ncb.errors import ValidationError
from ncb.services import photos as svc


@click.group("photo")
def photo_group() -> None:
    """A notice's photos: add one (a thumbnail is made), remove one, save one to a file."""


def _read(path: Path, limit: int) -> bytes:
    try:
        with path.open("rb") as fh:
            return fh.read(limit + 1)  # one byte more than allowed is enough to refuse it
    except FileNotFoundError:
        raise ValidationError(f"{path}: no such file", field="FILE") from None
    except IsADirectoryError:
        raise ValidationError(f"{path}: a folder, not a file", field="FILE") from None


@photo_group.command("add")
@click.argument("entity_id")
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False))
@click.option("--json", "as_json", is_flag=True, help="JSON for programs.")
@pass_app
@run_guarded
def add_command(app: AppContext, entity_id: str, file: Path, as_json: bool) -> None:
    """Add a photo of the subject to your bureau's notice (a draft, published or suspended one).

    JPEG, PNG or WebP, at most NCB_PHOTO_MAX_BYTES; it is stored as a JPEG of at most 1200 pixels a side, turned
    upright, with no metadata (no EXIF or GPS position), and a thumbnail is made. A published notice shows it on
    the portal and the public API at once.

    \b
    Example:
      ncb notices photo add 2026/00001 portrait.jpg
    """
    limits = svc.limits_from(app.settings)
    added = svc.add_photo(entity_id_as_typed(entity_id), _read(file, limits.max_bytes), app.uow(), actor=app.who,
                          now=app.now(), limits=limits)
    if as_json:
        print_json({"entity_id": added.notice.entity_id, "picture_id": added.photo.picture_id,
                    "thumbnail_id": added.photo.thumbnail_id, "width": added.prepared.width,
                    "height": added.prepared.height, "source_format": added.prepared.source_format})
        return
    done(f"photo {added.photo.picture_id} added to notice {added.notice.entity_id} "
         f"({added.prepared.width}x{added.prepared.height} JPEG from {added.prepared.source_format}, "
         f"thumbnail {added.photo.thumbnail_id})")


@photo_group.command("remove")
@click.argument("entity_id")
@click.argument("picture_id")
@pass_app
@run_guarded
def remove_command(app: AppContext, entity_id: str, picture_id: str) -> None:
    """Remove a photo (and its thumbnail) from your bureau's notice.

    \b
    Example:
      ncb notices photo remove 2026/00001 4817263950
    """
    notice = svc.remove_photo(entity_id_as_typed(entity_id), picture_id, app.uow(), actor=app.who, now=app.now())
    done(f"photo {picture_id} removed from notice {notice.entity_id} ({len(notice.subject.photos)} left)")


@photo_group.command("save")
@click.argument("entity_id")
@click.argument("picture_id")
@click.option("-o", "--output", type=click.Path(path_type=Path, dir_okay=False), required=True,
              help="File to write the JPEG to.")
@pass_app
@run_guarded
def save_command(app: AppContext, entity_id: str, picture_id: str, output: Path) -> None:
    """Save a stored photo or thumbnail of a notice you may see. Reading needs --purpose; it is recorded in the
    audit trail.

    \b
    Example:
      ncb --purpose "case 2026-114" notices photo save 2026/00001 4817263950 -o photo.jpg
    """
    image = svc.get_photo(entity_id_as_typed(entity_id), picture_id, app.uow(), actor=app.who, now=app.now())
    output.write_bytes(image.data)
    done(f"{len(image.data):,} bytes written to {output}")
