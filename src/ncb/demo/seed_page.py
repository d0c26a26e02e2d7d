"""The seed page: what INTERPOL Tokyo (the bureau of Japan) publishes, exactly.

Japan's bureau has 2 published Red Notices with a public extract, a Canadian national aged 66 and a
Japanese national aged 37, and 12 published Yellow Notices with a public extract, among them a
17-year-old of US and Japanese nationality (with a 14-year-old brother, the two notices linked) and a
17-year-old of Canadian and Japanese nationality. Ages hold on the day the data is generated for.
The rest of the generated data never adds a public notice owned by Japan.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import timedelta

from ncb.demo.builders import JP_AGENCIES, Content, Parents, assemble, warrants_and_facts
from ncb.demo.context import Context
from ncb.demo.crimes import CLOTHING, Offence
from ncb.demo.lifecycle import Lifecycle, published
from ncb.demo.names import Family, NameStyle, PersonName
from ncb.demo.people import exact_birth, make_person
from ncb.demo.places import PROFILES
from ncb.domain.codes import Sex
from ncb.domain.dates import PartialDate
from ncb.domain.notices import Disappearance, Notice, NoticeType

OWNER = "JP"


@dataclass(frozen=True)
class Missing:
    """One of the seed page's missing persons."""

    sex: Sex
    age: int
    nationalities: tuple[str, ...]
    city: str
    mother_from: str | None = None  # the mother's country when she is not Japanese
    family: int | None = None  # children with the same number are siblings


MISSING: tuple[Missing, ...] = (
    Missing(Sex.FEMALE, 17, ("US", "JP"), "Tokyo", mother_from="US", family=1),
    Missing(Sex.MALE, 17, ("CA", "JP"), "Yokohama", mother_from="CA"),
    Missing(Sex.MALE, 14, ("US", "JP"), "Tokyo", mother_from="US", family=1),
    Missing(Sex.FEMALE, 9, ("JP",), "Osaka"),
    Missing(Sex.MALE, 15, ("JP",), "Nagoya"),
    Missing(Sex.FEMALE, 16, ("JP",), "Fukuoka"),
    Missing(Sex.MALE, 22, ("JP",), "Sapporo"),
    Missing(Sex.FEMALE, 29, ("JP",), "Tokyo"),
    Missing(Sex.MALE, 41, ("JP",), "Osaka"),
    Missing(Sex.FEMALE, 68, ("JP",), "Kobe"),
    Missing(Sex.MALE, 76, ("JP",), "Sendai"),
    Missing(Sex.MALE, 84, ("JP",), "Tokyo"),
)
WANTED_AGES = (66, 37)  # the Canadian, the Japanese
NOTICE_COUNT = len(WANTED_AGES) + len(MISSING)


def _public(ctx: Context, notice_type: NoticeType, life: Lifecycle, content: Content) -> Notice:
    return assemble(ctx, notice_type, OWNER, life, content, public_extract=True)


def _wanted(ctx: Context) -> list[Notice]:
    notices = []
    # A Canadian aged 66, wanted for an investment fraud against investors in Tokyo.
    life = published(ctx, newest=60, oldest=1400)
    person = make_person(ctx, PROFILES["CA"], sex=Sex.MALE, age=WANTED_AGES[0], nationalities=("CA",), photo=True,
                         dob=exact_birth(ctx, WANTED_AGES[0]), locale="en_CA", marks=1.0, documents=1.0,
                         unknown_physique=0.0)
    warrants, facts = warrants_and_facts(ctx, OWNER, life.created, offence=Offence.FRAUD, city="Tokyo",
                                         second=0.0, foreign=0.0)
    notices.append(_public(ctx, NoticeType.RED, life, Content(
        person.subject, warrants=warrants, facts=facts, extradition_countries=("CA", "US", "GB", "AU"),
        agency=JP_AGENCIES["Tokyo"])))
    # A Japanese national aged 37, directing telephone scams against elderly people from abroad.
    life = published(ctx, newest=30, oldest=900)
    person = make_person(ctx, PROFILES["JP"], sex=Sex.MALE, age=WANTED_AGES[1], nationalities=("JP",), photo=True,
                         dob=exact_birth(ctx, WANTED_AGES[1]), marks=1.0, documents=1.0, unknown_physique=0.0)
    warrants, facts = warrants_and_facts(ctx, OWNER, life.created, offence=Offence.PHONE_FRAUD, city="Osaka",
                                         second=0.0, foreign=0.0)
    notices.append(_public(ctx, NoticeType.RED, life, Content(
        person.subject, warrants=warrants, facts=facts, extradition_countries=("PH", "TH", "VN", "KH"),
        agency=JP_AGENCIES["Osaka"])))
    return notices


def _parents(ctx: Context, spec: Missing, child: PersonName) -> Parents:
    father = ctx.names.person(NameStyle.JAPANESE, "ja_JP", Sex.MALE, child.family)
    if spec.mother_from:
        profile = PROFILES[spec.mother_from]
        mother = ctx.names.person(NameStyle.LATIN, profile.locales[0], Sex.FEMALE)
    else:
        mother = ctx.names.person(NameStyle.JAPANESE, "ja_JP", Sex.FEMALE, child.family)
    return Parents.of(father, mother)


def _missing(ctx: Context) -> list[Notice]:
    notices: list[Notice] = []
    families: dict[int, tuple[Family, Parents, int]] = {}  # family -> (name, parents, first index)
    links: dict[int, list[int]] = {}
    for index, spec in enumerate(MISSING):
        rng = ctx.rng
        known = families.get(spec.family) if spec.family is not None else None
        dob = exact_birth(ctx, spec.age)
        born_abroad = spec.nationalities[0] if spec.mother_from else "JP"
        person = make_person(ctx, PROFILES["JP"], sex=spec.sex, age=spec.age, nationalities=spec.nationalities,
                             photo=True, dob=dob, family=known[0] if known else None, marks=0.4,
                             documents=0.2 if spec.age >= 16 else 0.0, unknown_physique=0.0,
                             description=rng.choice(CLOTHING), birth_country=born_abroad)
        subject = person.subject
        if spec.age < 25:
            parents = known[1] if known else _parents(ctx, spec, person.name)
            subject = parents.on(subject)
            if spec.family is not None and not known:
                families[spec.family] = (person.name.family, parents, index)
        if known:
            links.setdefault(known[2], []).append(index)
        life = published(ctx, newest=20, oldest=min(1500, 365 * spec.age - 60))
        gone = life.created - timedelta(days=rng.randint(2, 45))
        likely = tuple(c for c in spec.nationalities if c != "JP")
        disappearance = Disappearance(date=PartialDate.from_date(max(gone, dob.earliest())), place=spec.city,
                                      country="JP", countries_likely_to_be_visited=likely)
        notices.append(_public(ctx, NoticeType.YELLOW, life, Content(
            subject, disappearance=disappearance, issuing_country=OWNER, agency=JP_AGENCIES.get(spec.city))))
    for first, others in links.items():
        group = [first, *others]
        for i in group:
            linked = tuple(notices[j].entity_id for j in group if j != i)
            notices[i] = replace(notices[i], linked=linked)
    return notices


def seed_page(ctx: Context) -> list[Notice]:
    """The seed bureau's public notices: 2 Red and 12 Yellow, owned by Japan, published, public."""
    return _wanted(ctx) + _missing(ctx)
