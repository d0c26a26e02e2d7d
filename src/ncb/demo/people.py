"""Persons for the demo notices: names, date of birth, sex, nationalities, physical description, languages,
marks, identity documents and a portrait."""

from __future__ import annotations

import string
from dataclasses import dataclass
from datetime import timedelta

from ncb.demo.context import Context
from ncb.demo.crimes import CHILD_MARKS, MARKS
from ncb.demo.names import Family, PersonName
from ncb.demo.photos import draw_portrait
from ncb.demo.places import PROFILES, Complexion, CountryProfile
from ncb.domain.codes import EyeColour, HairColour, Sex
from ncb.domain.dates import PartialDate
from ncb.domain.notices import IdentityDocument, Photo, Subject, SubjectKind

_LIGHT = frozenset({Complexion.EUROPEAN})
_EYES_LIGHT = (EyeColour.BLUE, EyeColour.LIGHT_BLUE, EyeColour.BROWN, EyeColour.LIGHT_BROWN, EyeColour.GREEN,
               EyeColour.GREY, EyeColour.HAZEL, EyeColour.DARK_BROWN)
_EYES_LIGHT_WEIGHTS = (22, 8, 22, 8, 12, 8, 10, 10)
_EYES_DARK = (EyeColour.BROWN, EyeColour.DARK_BROWN, EyeColour.BLACK, EyeColour.DARK, EyeColour.HAZEL)
_EYES_DARK_WEIGHTS = (30, 40, 15, 10, 5)
_HAIR_LIGHT = (HairColour.BROWN, HairColour.DARK, HairColour.BLACK, HairColour.BLOND, HairColour.FAIR,
               HairColour.RED, HairColour.AUBURN, HairColour.DYED)
_HAIR_LIGHT_WEIGHTS = (30, 15, 12, 15, 12, 4, 5, 3)
_HAIR_DARK = (HairColour.BLACK, HairColour.DARK, HairColour.BROWN, HairColour.DYED)
_HAIR_DARK_WEIGHTS = (65, 20, 12, 3)

# Passport numbers as each country prints them: letters (A) and digits (9).
_PASSPORT_FORMATS: dict[str, str] = {
    "JP": "AA9999999", "US": "999999999", "CN": "E99999999", "KR": "M99999999", "RU": "999999999",
    "GB": "999999999", "DE": "CAAAAAAAA", "FR": "99AA99999", "CA": "AA999999", "IN": "A9999999",
    "BR": "AA999999", "MX": "G99999999", "AU": "PA9999999",
}
_DEFAULT_PASSPORT = "AA9999999"


@dataclass(frozen=True)
class Person:
    subject: Subject
    name: PersonName


def eye_and_hair(ctx: Context, sex: Sex, age: int, complexion: Complexion) -> tuple[EyeColour, HairColour]:
    rng = ctx.rng
    light = complexion in _LIGHT
    eyes = rng.choices(_EYES_LIGHT if light else _EYES_DARK, _EYES_LIGHT_WEIGHTS if light else _EYES_DARK_WEIGHTS)[0]
    if age >= 62:
        options = [HairColour.GREY, HairColour.WHITE, HairColour.GREYING] + ([HairColour.BALD] if sex is Sex.MALE
                                                                              else [HairColour.DYED])
        return eyes, rng.choice(options)
    if age >= 45 and rng.random() < 0.35:
        return eyes, HairColour.GREYING
    if sex is Sex.MALE and age >= 30 and rng.random() < 0.08:
        return eyes, HairColour.BALD
    if age < 10 and light and rng.random() < 0.3:
        return eyes, HairColour.BLOND
    hair = rng.choices(_HAIR_LIGHT if light else _HAIR_DARK, _HAIR_LIGHT_WEIGHTS if light else _HAIR_DARK_WEIGHTS)[0]
    return eyes, hair


def physique(ctx: Context, sex: Sex, age: int, complexion: Complexion) -> tuple[float, float]:
    """Height in metres and weight in kilograms that fit the age and sex."""
    rng = ctx.rng
    shorter = 0.04 if complexion in (Complexion.EAST_ASIAN, Complexion.SOUTH_EAST_ASIAN) else 0.0
    adult = (rng.gauss(1.76, 0.07) if sex is Sex.MALE else rng.gauss(1.63, 0.06)) - shorter
    adult = min(max(adult, 1.48), 2.02)
    child = 0.52 + 0.06 * age
    if age <= 12:
        height = child * rng.uniform(0.95, 1.05)
    elif age < 18:
        share = (age - 12) / 6
        height = child * (1 - share) + adult * share
    else:
        height = adult - (0.03 if age >= 70 else 0.0)
    if age < 18:
        weight = max(3.5, (height * 100 - 50) * 0.45 + rng.uniform(-3, 5) if age >= 6 else 3.5 + age * 2.4)
    else:
        weight = rng.gauss(24.5 if sex is Sex.MALE else 23.0, 3.2) * height * height
    return round(height, 2), float(round(min(max(weight, 3.0), 160.0)))


def passport_number(ctx: Context, country: str) -> str:
    pattern = _PASSPORT_FORMATS.get(country, _DEFAULT_PASSPORT)
    rng = ctx.rng
    return "".join(rng.choice(string.ascii_uppercase) if c == "A" else rng.choice(string.digits) if c == "9" else c
                   for c in pattern)


def languages_of(ctx: Context, profile: CountryProfile, nationalities: tuple[str, ...]) -> tuple[str, ...]:
    """The languages of the person's countries (the first always, others sometimes), English sometimes."""
    spoken: list[str] = []
    for code in nationalities:
        country = profile if code == profile.code else PROFILES.get(code)
        if country:
            spoken.extend(country.languages[: 1 + ctx.rng.randrange(len(country.languages))])
    if "ENG" not in spoken and ctx.rng.random() < 0.25:
        spoken.append("ENG")
    return tuple(dict.fromkeys(spoken))


def make_person(ctx: Context, profile: CountryProfile, *, sex: Sex, age: int, nationalities: tuple[str, ...],
                photo: bool, dob: PartialDate | None = None, family: Family | None = None,
                marks: float = 0.35, documents: float = 0.3, unknown_physique: float = 0.2,
                description: str | None = None, birth_country: str | None = None,
                locale: str | None = None) -> Person:
    """A person of ``profile``'s naming style, ``age`` on the context's day (exact when ``dob`` is not given
    and the drawn date is full)."""
    rng = ctx.rng
    name = ctx.names.person(profile.style, locale or rng.choice(profile.locales or ("en_US",)), sex, family)
    eyes, hair = eye_and_hair(ctx, sex, age, profile.complexion)
    height: float | None
    weight: float | None
    height, weight = physique(ctx, sex, age, profile.complexion)
    if rng.random() < unknown_physique:
        height, weight = None, None
    elif rng.random() < unknown_physique:
        weight = None
    born_in = birth_country or (nationalities[0] if nationalities and rng.random() < 0.92 else None)
    born_profile = PROFILES.get(born_in or "") or (profile if born_in == profile.code else None)
    marks_text = None
    if rng.random() < marks:
        marks_text = rng.choice(CHILD_MARKS if age < 16 else MARKS)
    docs: tuple[IdentityDocument, ...] = ()
    if nationalities and age >= 16 and rng.random() < documents:
        country = nationalities[0]
        expiry = ctx.today + timedelta(days=rng.randint(-900, 3300))
        docs = (IdentityDocument("passport", passport_number(ctx, country), country, expiry),)
    photos: tuple[Photo, ...] = ()
    if photo:
        portrait = draw_portrait(rng, sex=sex, age=age, complexion=profile.complexion, hair=hair, eyes=eyes)
        photos = (ctx.photo(portrait),)
    subject = Subject(
        kind=SubjectKind.PERSON,
        names=name.names,
        date_of_birth=dob if dob is not None else ctx.partial_birth_date(age),
        sex=sex,
        nationalities=nationalities,
        place_of_birth=rng.choice(born_profile.cities).upper() if born_profile else None,
        country_of_birth=born_in,
        height=height,
        weight=weight,
        eye_colours=(eyes,),
        hair_colours=(hair,),
        languages=languages_of(ctx, profile, nationalities),
        distinguishing_marks=marks_text,
        identity_documents=docs,
        photos=photos,
        description=description,
    )
    return Person(subject, name)


def exact_birth(ctx: Context, age: int) -> PartialDate:
    """A full date of birth making someone exactly ``age`` today."""
    return PartialDate.from_date(ctx.birth_date_for_age(age))
