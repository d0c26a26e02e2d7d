"""A subject's photo as stored and served: uploaded bytes in, a clean JPEG and its thumbnail out (bytes only, no
files, no clock).

What an officer uploads is checked before anything is decoded, then rebuilt from its pixels:

- at most ``max_bytes`` (:class:`~ncb.errors.TooLarge` beyond, which the web answers with 413);
- JPEG, PNG or WebP only, recognised from the bytes (never from a name or a declared type);
- at most ``max_pixels`` by the header's dimensions, checked before the pixels are decoded, and Pillow's own
  decompression-bomb refusal caught: a small file that would unpack into gigabytes is refused;
- decoded in full, so that a truncated or damaged file is refused rather than stored half grey;
- turned upright by its EXIF orientation, then rebuilt as a plain RGB image with no metadata at all: EXIF (with any
  GPS position or camera serial), XMP, comments and colour profiles never reach what is stored or served;
- shrunk to at most ``max_side`` pixels on its longest side, and saved as JPEG.

:func:`thumbnail` and :func:`jpeg` are also what the demo's generated portraits use, so a demo photo and an uploaded
one are made the same way: a separate thumbnail image of :data:`THUMBNAIL_SIZE`, as INTERPOL's API serves.
"""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass

from PIL import Image, ImageOps, UnidentifiedImageError

from ncb.errors import TooLarge, ValidationError

THUMBNAIL_SIZE = (100, 133)
"""Width and height of a thumbnail: the portal's cards show it at this size (3:4, a portrait)."""
QUALITY = 85
MEDIA_TYPE = "image/jpeg"
ACCEPTED = {"JPEG": "JPEG", "PNG": "PNG", "WEBP": "WebP"}
"""Pillow's format name -> the name an error message uses."""

_RESAMPLE = Image.Resampling.LANCZOS


@dataclass(frozen=True)
class PhotoLimits:
    """What an upload may be: its size in bytes, its pixels (width x height) and the longest side kept."""

    max_bytes: int = 10 * 1024 * 1024
    max_pixels: int = 40_000_000
    max_side: int = 1200


DEFAULT_LIMITS = PhotoLimits()


@dataclass(frozen=True)
class PreparedPhoto:
    """An upload made safe to store: the photo and its thumbnail as JPEG, and what it was."""

    photo: bytes
    thumbnail: bytes
    width: int
    height: int
    source_format: str  # JPEG, PNG or WebP
    media_type: str = MEDIA_TYPE


def jpeg(image: Image.Image, quality: int = QUALITY) -> bytes:
    """``image`` as JPEG bytes, with nothing but its pixels (no EXIF, no comment, no colour profile)."""
    out = io.BytesIO()
    image.save(out, "JPEG", quality=quality)
    return out.getvalue()


def thumbnail(image: Image.Image) -> Image.Image:
    """The thumbnail of a portrait: cropped around the centre (a little above it, where a face is) to
    :data:`THUMBNAIL_SIZE`'s shape and shrunk to it."""
    return ImageOps.fit(image, THUMBNAIL_SIZE, method=_RESAMPLE, centering=(0.5, 0.4))


def _mb(n: int) -> str:
    return f"{n / (1024 * 1024):.1f}".removesuffix(".0")


def _open(data: bytes, limits: PhotoLimits) -> Image.Image:
    """The image, opened (only its header read) and checked: an accepted format, dimensions within the limit."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise ValidationError(f"the image has too many pixels to decode safely (at most "
                              f"{limits.max_pixels:,} are accepted)", field="file") from None
    except UnidentifiedImageError:
        raise ValidationError("the file is not an image: send a JPEG, PNG or WebP photo", field="file") from None
    except Exception as exc:  # a malformed header makes Pillow's parsers raise many kinds
        raise ValidationError(f"the image is damaged or incomplete ({exc})", field="file") from None
    kind = image.format or "unknown"
    if kind not in ACCEPTED:
        raise ValidationError(f"{kind} images are not accepted: send a JPEG, PNG or WebP photo", field="file")
    width, height = image.size
    if width < 1 or height < 1 or width * height > limits.max_pixels:
        raise ValidationError(f"the image is {width:,}x{height:,} pixels; at most {limits.max_pixels:,} pixels are "
                              "accepted", field="file")
    return image


def _flatten(image: Image.Image) -> Image.Image:
    """RGB pixels only, transparency laid on white; a new image, so none of the source's metadata comes along."""
    if image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info):
        rgba = image.convert("RGBA")
        flat = Image.new("RGB", rgba.size, (255, 255, 255))
        flat.paste(rgba, mask=rgba.getchannel("A"))
        return flat
    rgb = image.convert("RGB")
    clean = Image.new("RGB", rgb.size)
    clean.paste(rgb)
    return clean


def prepare_photo(data: bytes, limits: PhotoLimits = DEFAULT_LIMITS) -> PreparedPhoto:
    """An uploaded photo as it is stored: upright, metadata gone, RGB JPEG of at most ``limits.max_side`` pixels a
    side, and its thumbnail. Raises :class:`ValidationError` (field ``file``) naming what is wrong: empty, too
    large (:class:`TooLarge`), not an image, a format other than JPEG/PNG/WebP, too many pixels, truncated or
    damaged."""
    if not data:
        raise ValidationError("the file is empty", field="file")
    if len(data) > limits.max_bytes:
        raise TooLarge(f"the file is {_mb(len(data))} MB; a photo may have at most {_mb(limits.max_bytes)} MB",
                            field="file")
    image = _open(data, limits)
    kind = image.format or ""
    try:
        if kind == "JPEG":  # decode a large JPEG at a reduced scale straight away: less memory, same result
            image.draft("RGB", (limits.max_side, limits.max_side))
        image.load()
        upright = ImageOps.exif_transpose(image)
    except Exception as exc:  # truncated data, a broken stream or bad EXIF: whatever the decoder raises
        raise ValidationError(f"the image is damaged or incomplete ({exc})", field="file") from None
    photo = _flatten(upright)
    photo.thumbnail((limits.max_side, limits.max_side), _RESAMPLE)
    return PreparedPhoto(jpeg(photo), jpeg(thumbnail(photo)), photo.width, photo.height, ACCEPTED[kind])
