"""An uploaded photo is made safe to store and serve: the formats, sizes and pixel counts accepted, damaged files and
decompression bombs refused, the picture turned upright and stripped of every piece of metadata, and its thumbnail
made as the demo's are."""

from __future__ import annotations

import io
import random

import pytest
from PIL import Image

from ncb.demo.photos import draw_portrait
from ncb.demo.places import Complexion
from ncb.domain.codes import EyeColour, HairColour, Sex
from ncb.domain.photos import THUMBNAIL_SIZE, PhotoLimits, prepare_photo
from ncb.errors import TooLarge, ValidationError
from tests.photo_samples import GPS_IFD, encoded, phone_jpeg, png_claiming, transparent_png, two_halves


def opened(data: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(data))
    image.load()
    return image


def test_a_phones_jpeg_comes_out_upright_with_no_exif_gps_or_comment() -> None:
    source = phone_jpeg((400, 200), orientation=6)
    assert opened(source).getexif().get_ifd(GPS_IFD)  # the upload does carry a position
    prepared = prepare_photo(source)
    photo = opened(prepared.photo)
    assert photo.format == "JPEG" and photo.mode == "RGB" and photo.size == (200, 400)  # turned upright
    top, bottom = photo.getpixel((100, 50)), photo.getpixel((100, 350))
    assert isinstance(top, tuple) and isinstance(bottom, tuple)
    assert top[0] > 150 > top[2] and bottom[2] > 150 > bottom[0]  # orientation 6: the left (red) is now on top
    for data in (prepared.photo, prepared.thumbnail):
        image = opened(data)
        assert len(image.getexif()) == 0
        assert not {"exif", "comment", "icc_profile", "xmp"} & set(image.info)
        assert b"Exif" not in data and b"PhoneMaker" not in data and b"SERIAL-0042" not in data
        assert b"suspect" not in data
    assert prepared.source_format == "JPEG" and (prepared.width, prepared.height) == (200, 400)


def test_a_transparent_png_becomes_an_rgb_jpeg_laid_on_white() -> None:
    prepared = prepare_photo(transparent_png())
    photo = opened(prepared.photo)
    assert photo.format == "JPEG" and photo.mode == "RGB" and prepared.source_format == "PNG"
    assert photo.getpixel((150, 350)) == pytest.approx((255, 255, 255), abs=3)


@pytest.mark.parametrize("fmt", ["WEBP", "PNG", "JPEG"])
def test_webp_png_and_jpeg_are_accepted(fmt: str) -> None:
    image = two_halves((120, 160)).convert("P") if fmt == "PNG" else two_halves((120, 160))
    prepared = prepare_photo(encoded(image, fmt))
    assert opened(prepared.photo).format == "JPEG" and prepared.source_format in ("WebP", "PNG", "JPEG")


def test_a_large_photo_is_shrunk_to_the_longest_side_allowed_and_the_thumbnail_has_the_cards_size() -> None:
    prepared = prepare_photo(encoded(two_halves((3000, 2000)), "JPEG"), PhotoLimits(max_side=1200))
    assert opened(prepared.photo).size == (1200, 800)
    assert opened(prepared.thumbnail).size == THUMBNAIL_SIZE


@pytest.mark.parametrize(("data", "words"), [
    (b"", "the file is empty"),
    (b"%PDF-1.7 not a photo at all", "not an image"),
    (encoded(two_halves((40, 40)), "GIF"), "GIF images are not accepted"),
    (encoded(two_halves((40, 40)), "BMP"), "BMP images are not accepted"),
    (encoded(two_halves((600, 400)), "JPEG")[:900], "damaged or incomplete"),
    (png_claiming(8000, 8000), "at most 40,000,000 pixels"),
    (png_claiming(100_000, 100_000), "too many pixels to decode safely"),
])
def test_what_is_not_an_acceptable_photo_is_refused_naming_why(data: bytes, words: str) -> None:
    with pytest.raises(ValidationError, match=words) as refused:
        prepare_photo(data)
    assert refused.value.field == "file"


def test_a_file_over_the_size_limit_is_refused_before_it_is_read() -> None:
    data = encoded(two_halves((200, 200)), "PNG")
    with pytest.raises(TooLarge, match="at most 0.1 MB"):
        prepare_photo(data + b"\0" * 200_000, PhotoLimits(max_bytes=100 * 1024))


def test_the_demo_draws_its_thumbnails_with_the_same_function() -> None:
    portrait = draw_portrait(random.Random(3), sex=Sex.FEMALE, age=30, complexion=Complexion.EAST_ASIAN,
                             hair=HairColour.BLACK, eyes=EyeColour.BROWN)
    assert opened(portrait.thumbnail).size == THUMBNAIL_SIZE
    assert prepare_photo(portrait.photo).width == 300
