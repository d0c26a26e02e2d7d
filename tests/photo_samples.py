"""Images for the photo tests, made in memory: a phone's JPEG with its EXIF (orientation, GPS position, camera), a
transparent PNG, a WebP, a GIF, a truncated JPEG, and decompression bombs (PNG headers that claim billions of
pixels in a few bytes)."""

from __future__ import annotations

import io
import struct
import zlib

from PIL import Image

GPS_IFD = 0x8825
ORIENTATION = 0x0112
RED = (220, 20, 20)
BLUE = (20, 20, 220)


def two_halves(size: tuple[int, int] = (400, 200)) -> Image.Image:
    """Red on the left half, blue on the right: where each ends up shows how the image was turned."""
    image = Image.new("RGB", size, BLUE)
    image.paste(RED, (0, 0, size[0] // 2, size[1]))
    return image


def phone_jpeg(size: tuple[int, int] = (400, 200), orientation: int = 6) -> bytes:
    """A JPEG as a phone writes it: sideways pixels with an EXIF orientation, a GPS position, a camera's make and
    serial, and a comment."""
    exif = Image.Exif()
    exif[ORIENTATION] = orientation
    exif[0x010F] = "PhoneMaker"
    exif[0xA431] = "SERIAL-0042"  # BodySerialNumber
    gps = exif.get_ifd(GPS_IFD)
    gps[1] = "N"
    gps[2] = (35.0, 41.0, 22.0)
    gps[3] = "E"
    gps[4] = (139.0, 41.0, 30.0)
    out = io.BytesIO()
    two_halves(size).save(out, "JPEG", exif=exif, comment=b"taken at the suspect's flat")
    return out.getvalue()


def encoded(image: Image.Image, fmt: str, **options: object) -> bytes:
    out = io.BytesIO()
    image.save(out, fmt, **options)
    return out.getvalue()


def transparent_png(size: tuple[int, int] = (300, 400)) -> bytes:
    image = Image.new("RGBA", size, (0, 0, 0, 0))
    image.paste((20, 120, 20, 255), (0, 0, size[0], size[1] // 2))
    return encoded(image, "PNG")


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def png_claiming(width: int, height: int) -> bytes:
    """A PNG whose header claims ``width`` x ``height`` grey pixels, with a few compressed zero rows after it: a
    decompression bomb's shape, in a few hundred bytes."""
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    rows = zlib.compress(b"\0" * (width + 1) * 4, 9)
    return b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", header) + _chunk(b"IDAT", rows) + _chunk(b"IEND", b"")
