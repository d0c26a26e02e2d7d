"""Portraits for the demo notices, drawn with Pillow: a plain background, shoulders, a head with hair,
eyes in the subject's eye colour, eyebrows, nose and mouth, sometimes a beard or glasses. Everything
varies with the random generator passed in, so the same seed gives byte-identical JPEGs.

A portrait is 300x400 pixels; its thumbnail, a separate image as in INTERPOL's API, is made by
:func:`ncb.domain.photos.thumbnail`, as an uploaded photo's is.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from PIL import Image, ImageDraw

from ncb.demo.places import Complexion
from ncb.domain.codes import EyeColour, HairColour, Sex
from ncb.domain.photos import jpeg, thumbnail

SIZE = (300, 400)
QUALITY = 80

RGB = tuple[int, int, int]

_SKIN: dict[Complexion, tuple[RGB, ...]] = {
    Complexion.EAST_ASIAN: ((241, 206, 176), (232, 194, 160), (224, 182, 150)),
    Complexion.SOUTH_EAST_ASIAN: ((214, 166, 124), (199, 150, 110), (222, 178, 138)),
    Complexion.SOUTH_ASIAN: ((176, 125, 88), (160, 110, 75), (192, 140, 100)),
    Complexion.EUROPEAN: ((246, 214, 190), (238, 200, 175), (250, 222, 205), (230, 190, 160)),
    Complexion.MEDITERRANEAN: ((226, 184, 148), (214, 170, 132), (232, 194, 160)),
    Complexion.MIDDLE_EASTERN: ((210, 165, 125), (196, 150, 112), (222, 178, 140)),
    Complexion.LATIN_AMERICAN: ((206, 158, 118), (190, 140, 100), (222, 178, 140)),
    Complexion.AFRICAN: ((120, 80, 55), (100, 65, 45), (140, 95, 65), (88, 58, 40)),
}
_HAIR: dict[HairColour, RGB] = {
    HairColour.BLACK: (28, 24, 22), HairColour.BROWN: (92, 60, 38), HairColour.FAIR: (176, 140, 96),
    HairColour.GREY: (150, 148, 146), HairColour.GREYING: (112, 106, 100), HairColour.BALD: (120, 110, 100),
    HairColour.DYED: (150, 45, 110), HairColour.DARK: (52, 38, 30), HairColour.RED: (176, 68, 34),
    HairColour.AUBURN: (128, 56, 36), HairColour.WHITE: (226, 226, 222), HairColour.BLOND: (222, 192, 116),
}
_EYES: dict[EyeColour, RGB] = {
    EyeColour.BLACK: (28, 22, 20), EyeColour.BLUE: (58, 108, 188), EyeColour.LIGHT_BLUE: (120, 166, 214),
    EyeColour.BROWN: (100, 64, 36), EyeColour.DARK_BROWN: (62, 40, 26), EyeColour.HAZEL: (140, 110, 60),
    EyeColour.LIGHT_BROWN: (150, 106, 62), EyeColour.GREEN: (70, 130, 82), EyeColour.GREY: (128, 138, 144),
    EyeColour.DIFFERENT_COLOURS: (58, 108, 188), EyeColour.DARK: (50, 40, 34), EyeColour.LIGHT: (150, 160, 150),
}
_BACKGROUNDS: tuple[RGB, ...] = ((208, 214, 222), (226, 226, 218), (196, 208, 200), (232, 224, 210),
                                 (186, 196, 214), (214, 206, 214), (240, 240, 240), (170, 186, 200))
_CLOTHES: tuple[RGB, ...] = ((40, 52, 80), (90, 90, 96), (150, 30, 40), (30, 90, 60), (210, 210, 205),
                             (20, 20, 24), (120, 86, 50), (70, 110, 160), (200, 150, 40))


@dataclass(frozen=True)
class Portrait:
    photo: bytes
    thumbnail: bytes


def _shade(colour: RGB, factor: float) -> RGB:
    r, g, b = (max(0, min(255, round(c * factor))) for c in colour)
    return (r, g, b)


def draw_portrait(rng: random.Random, *, sex: Sex, age: int | None, complexion: Complexion,
                  hair: HairColour | None, eyes: EyeColour | None, eyes_closed: bool = False) -> Portrait:
    """A face-like portrait and its thumbnail, as JPEG bytes."""
    age = 35 if age is None else age
    skin = rng.choice(_SKIN[complexion])
    hair_rgb = _HAIR[hair or HairColour.BLACK]
    bald = hair is HairColour.BALD
    image = Image.new("RGB", SIZE, rng.choice(_BACKGROUNDS))
    draw = ImageDraw.Draw(image)
    w, h = SIZE
    cx = w // 2 + rng.randint(-6, 6)
    child = age < 13
    head_w = rng.randint(116, 136) - (8 if child else 0)
    head_h = round(head_w * (1.2 if child else rng.uniform(1.3, 1.45)))
    top = rng.randint(86, 104) + (24 if child else 0)
    left, right, bottom = cx - head_w // 2, cx + head_w // 2, top + head_h
    long_hair = not bald and (sex is Sex.FEMALE and rng.random() < 0.75 or rng.random() < 0.08)

    # shoulders and neck
    draw.ellipse((cx - 150, bottom + 10, cx + 150, bottom + 260), fill=rng.choice(_CLOTHES))
    draw.rectangle((cx - head_w // 5, bottom - 30, cx + head_w // 5, bottom + 34), fill=_shade(skin, 0.9))
    if long_hair:
        draw.rounded_rectangle((left - 14, top - 6, right + 14, bottom + rng.randint(10, 70)), radius=50,
                               fill=hair_rgb)
    style = rng.randrange(3)
    curly = style == 2 and not long_hair
    if not bald and not curly:  # hair at the sides of the head
        draw.ellipse((left - 7, top - 10, right + 7, top + head_h * rng.uniform(0.6, 0.72)), fill=hair_rgb)
    # ears, head
    ear_y = top + head_h * 0.42
    for ear_x in (left - 9, right - 11):
        draw.ellipse((ear_x, ear_y, ear_x + 20, ear_y + 38), fill=_shade(skin, 0.95))
    draw.ellipse((left, top, right, bottom), fill=skin)
    # hair on top
    if not bald:
        cap = (left - 4, top - rng.randint(8, 18), right + 4, top + head_h * 0.55)
        if curly:  # a row of circles
            for i in range(7):
                curl_x = left - 6 + i * (head_w + 12) / 6
                r = rng.randint(13, 19)
                draw.ellipse((curl_x - r, top - 4 - r, curl_x + r, top - 4 + r + 10), fill=hair_rgb)
        else:
            draw.chord(cap, 180, 360, fill=hair_rgb)
            fringe = top + head_h * rng.uniform(0.14, 0.24)
            draw.chord((left, top - 4, right, fringe * 2 - top), 180, 360, fill=hair_rgb)
    elif age > 40:
        for side_x in (left - 2, right - 16):
            draw.ellipse((side_x, ear_y - 24, side_x + 18, ear_y + 16), fill=_HAIR[HairColour.GREY])
    # eyes and eyebrows
    eye_y = top + head_h * 0.47
    gap = head_w * rng.uniform(0.2, 0.25)
    iris = _EYES[eyes or EyeColour.DARK_BROWN]
    brow = _shade(hair_rgb if not bald else (70, 60, 55), 0.85)
    for side, x in enumerate((cx - gap, cx + gap)):
        draw.line((x - 17, eye_y - 17 + rng.randint(-2, 2), x + 15, eye_y - 19), fill=brow, width=5)
        if eyes_closed:
            draw.arc((x - 15, eye_y - 8, x + 15, eye_y + 8), 10, 170, fill=(60, 40, 30), width=3)
            continue
        draw.ellipse((x - 15, eye_y - 8, x + 15, eye_y + 8), fill=(245, 245, 240))
        colour = iris if not (eyes is EyeColour.DIFFERENT_COLOURS and side) else _EYES[EyeColour.BROWN]
        draw.ellipse((x - 7, eye_y - 7, x + 7, eye_y + 7), fill=colour)
        draw.ellipse((x - 3, eye_y - 3, x + 3, eye_y + 3), fill=(10, 10, 10))
    if rng.random() < (0.25 if age > 40 else 0.1):
        for x in (cx - gap, cx + gap):
            draw.rounded_rectangle((x - 21, eye_y - 14, x + 21, eye_y + 14), radius=6, outline=(30, 30, 30), width=3)
        draw.line((cx - gap + 21, eye_y - 4, cx + gap - 21, eye_y - 4), fill=(30, 30, 30), width=3)
    # nose and mouth
    nose_y = top + head_h * 0.66
    draw.line((cx, eye_y + 6, cx - 8, nose_y, cx + 6, nose_y + 2), fill=_shade(skin, 0.75), width=3)
    mouth_y = top + head_h * 0.8
    mouth_w = rng.randint(18, 26)
    lips = _shade(skin, 0.7) if sex is Sex.MALE else (170, 70, 80)
    draw.arc((cx - mouth_w, mouth_y - 12, cx + mouth_w, mouth_y + 8), 20, 160, fill=lips, width=4)
    if sex is Sex.MALE and age >= 18 and rng.random() < 0.25:
        beard = hair_rgb if not bald else (70, 60, 55)
        draw.chord((left + 6, top + head_h * 0.5, right - 6, bottom + 4), 20, 160, fill=beard)
        draw.arc((cx - mouth_w, mouth_y - 12, cx + mouth_w, mouth_y + 8), 20, 160, fill=lips, width=4)
    elif sex is Sex.MALE and age >= 18 and rng.random() < 0.15:
        draw.rectangle((cx - 18, nose_y + 8, cx + 18, nose_y + 15), fill=hair_rgb)
    if age >= 60:
        for dy in (0.27, 0.31):
            y = top + head_h * dy
            draw.line((cx - 24, y, cx + 24, y), fill=_shade(skin, 0.85), width=2)
    return Portrait(jpeg(image, QUALITY), jpeg(thumbnail(image), QUALITY))
