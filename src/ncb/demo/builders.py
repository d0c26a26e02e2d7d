"""The content of each type of demo notice: its subject, warrants, facts, disappearance, UN listing or
addressees. The lifecycle (status, dates, public extract, restriction) is decided in
:mod:`ncb.demo.generate`; a builder gets the owner bureau and the day the request was made, so that
what it describes happened before.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, timedelta

from ncb.demo.context import Context
from ncb.demo.crimes import (
    BLACK_FACTS,
    BLUE_FACTS,
    CHARGES,
    CLOTHING,
    CURRENCIES,
    ENGLISH_LAWS,
    EURO,
    FACTS,
    GREEN_FACTS,
    ORANGE_OBJECTS,
    ORANGE_PERSON_FACTS,
    PURPLE,
    RATES,
    RUSSIAN_CODES,
    SILVER_FACTS,
    UN_ENTITIES,
    UN_ENTITY_SUMMARIES,
    UN_PERSON_SUMMARIES,
    UN_REGIMES,
    Charge,
    Offence,
)
from ncb.demo.lifecycle import Lifecycle
from ncb.demo.names import NameStyle, PersonName, father_family
from ncb.demo.people import Person, eye_and_hair, make_person, physique
from ncb.demo.photos import draw_portrait
from ncb.demo.places import PROFILES, UN_ARABIC_SCRIPT, UN_CITIES, Complexion, CountryProfile
from ncb.domain.codes import Sex
from ncb.domain.dates import PartialDate
from ncb.domain.names import Name, NameKind
from ncb.domain.notices import (
    ArrestWarrant,
    Disappearance,
    Facts,
    Notice,
    NoticeType,
    Restriction,
    Subject,
    SubjectKind,
    UnSanctions,
)

# Where a Japanese case happened -> the prefectural police that asked INTERPOL Tokyo for the notice
# (ids of ncb.domain.bureaus.seed_agencies()).
JP_AGENCIES: dict[str, str] = {
    "Tokyo": "JP-TOKYO-MPD", "Osaka": "JP-OSAKA-PP", "Yokohama": "JP-KANAGAWA-PP", "Nagoya": "JP-AICHI-PP",
    "Sapporo": "JP-HOKKAIDO-PP", "Fukuoka": "JP-FUKUOKA-PP",
}
_JP_COURTS: dict[str, str] = {
    "Tokyo": "東京", "Osaka": "大阪", "Yokohama": "横浜", "Nagoya": "名古屋", "Fukuoka": "福岡", "Sapporo": "札幌",
    "Kobe": "神戸", "Sendai": "仙台",
}
# The second nationalities drawn most often (others come from all member countries).
_SECOND_NATIONALITIES = ("US", "CA", "GB", "FR", "DE", "AU", "TR", "RU", "ES", "IT", "BR", "NL", "JP", "CN", "KR")


@dataclass(frozen=True)
class Content:
    subject: Subject
    warrants: tuple[ArrestWarrant, ...] = ()
    facts: Facts | None = None
    extradition_countries: tuple[str, ...] = ()
    disappearance: Disappearance | None = None
    un: UnSanctions | None = None
    addressees: tuple[str, ...] = ()
    issuing_country: str | None = None
    agency: str | None = None


def assemble(ctx: Context, notice_type: NoticeType, owner: str, life: Lifecycle, content: Content, *,
             public_extract: bool, restriction: Restriction | None = None) -> Notice:
    """The notice: its content, where it stands in its lifecycle, and a new entity id."""
    return Notice(
        entity_id=ctx.entity_id(life.year), type=notice_type, owner=owner, subject=content.subject,
        status=life.status, public_extract=public_extract, restriction=restriction or Restriction(),
        warrants=content.warrants, facts=content.facts, extradition_countries=content.extradition_countries,
        disappearance=content.disappearance, un=content.un, addressees=content.addressees,
        issuing_country=content.issuing_country, created_at=life.created_at, published_at=life.published_at,
        expires_on=life.expires_on, suspended_until=life.suspended_until, agency=content.agency,
    )


# --- small helpers -------------------------------------------------------------------------------


def _other_profile(ctx: Context, *exclude: str) -> CountryProfile:
    codes = [c for c in sorted(PROFILES) if c not in exclude]
    return PROFILES[ctx.rng.choice(codes)]


def _countries(ctx: Context, members: tuple[str, ...], low: int, high: int, *exclude: str) -> tuple[str, ...]:
    pool = [c for c in members if c not in exclude]
    return tuple(ctx.rng.sample(pool, ctx.rng.randint(low, high)))


def _amount(ctx: Context, country: str) -> str:
    currency = CURRENCIES.get(country) or ("EUR" if country in EURO else "USD")
    value = 10 ** ctx.rng.uniform(4.7, 7.4) * RATES.get(currency, 1.0)
    digits = int(math.floor(math.log10(value))) - 1
    rounded = round(value / 10**digits) * 10**digits
    return f"{rounded:,.0f} {currency}"


def _agency(owner: str, city: str | None) -> str | None:
    return JP_AGENCIES.get(city or "") if owner == "JP" else None


def _fill(ctx: Context, template: str, country: str, city: str, end: date) -> tuple[str, str]:
    """The template filled in, and the time of the facts as written (a day, or a span of months)."""
    start = end - timedelta(days=ctx.rng.randint(60, 700))
    when = ctx.partial_text(end)
    span = f"{ctx.partial_text(start, precision='month')} to {ctx.partial_text(end, precision='month')}"
    text = template.format(city=city, when=when, start=ctx.partial_text(start, precision="month"),
                           end=ctx.partial_text(end, precision="month"), amount=_amount(ctx, country),
                           n=ctx.rng.randint(3, 60))
    return text, when if "{when}" in template else span


def _reference(ctx: Context, owner: str, issued: date, city: str) -> str:
    """A warrant reference in the style of the issuing country's courts."""
    rng = ctx.rng
    year, n = issued.year, rng.randint(100, 9999)
    if owner == "JP":
        era, era_year = ("令和", year - 2018) if issued >= date(2019, 5, 1) else ("平成", year - 1988)
        return f"{_JP_COURTS.get(city, '東京')}地方裁判所 {era}{era_year}年（む）第{n}号"
    styles: dict[str, str] = {
        "US": f"Case No. {rng.randint(1, 9)}:{year % 100:02d}-cr-{rng.randint(10, 99999):05d}",
        "GB": f"T{year}{rng.randint(1000, 9999)}",
        "DE": f"{rng.randint(100, 999)} Js {rng.randint(1000, 99999)}/{year % 100:02d}",
        "AT": f"{rng.randint(1, 99)} St {rng.randint(10, 999)}/{year % 100:02d}",
        "FR": f"Parquet n° {year % 100:02d}{rng.randint(0, 99999999):08d}",
        "IT": f"R.G.N.R. {n}/{year}",
        "BR": f"{rng.randint(0, 9999999):07d}-{rng.randint(10, 99)}.{year}.8.26.{rng.randint(1, 9999):04d}",
        "CN": f"公刑拘字〔{year}〕{n}号",
        "KR": f"{year}고단{n}",
        "RU": f"Уголовное дело № {rng.randint(10**11, 10**12 - 1)}",
        "BY": f"Уголовное дело № {rng.randint(10**11, 10**12 - 1)}",
        "KZ": f"Уголовное дело № {rng.randint(10**14, 10**15 - 1)}",
        "UA": f"Кримінальне провадження № {rng.randint(10**16, 10**17 - 1)}",
        "ES": f"Diligencias previas {n}/{year}", "MX": f"Causa penal {n}/{year}", "CO": f"Radicado {n}-{year}",
        "AR": f"Causa N° {rng.randint(1000, 99999)}/{year}", "CL": f"RUC {year % 100:02d}{rng.randint(10**7, 10**8)}",
    }
    return styles.get(owner, f"{n}/{year}")


def _law(charge: Charge, owner: str) -> str:
    if owner in RUSSIAN_CODES:
        return f"{charge.law} {RUSSIAN_CODES[owner]}"
    if charge.translation is None:
        return ENGLISH_LAWS.get(owner, {}).get(charge.offence, charge.law)
    return charge.law


def _charges(owner: str) -> tuple[Charge, ...]:
    profile = PROFILES.get(owner)
    return CHARGES[profile.charge_language if profile else "en"]


def warrants_and_facts(ctx: Context, owner: str, created: date, *, offence: Offence | None = None,
                       city: str | None = None, second: float = 0.15,
                       foreign: float = 0.04) -> tuple[tuple[ArrestWarrant, ...], Facts]:
    """One or two warrants of ``owner``'s courts (sometimes one of another country) and the facts."""
    rng = ctx.rng
    charges = _charges(owner)
    matching = [c for c in charges if c.offence is offence]
    first = rng.choice(matching or list(charges))
    chosen = [first]
    if rng.random() < second:
        others = [c for c in charges if c is not first]
        chosen.append(rng.choice(others))
    city = city or rng.choice(PROFILES[owner].cities)
    issued = created - timedelta(days=rng.randint(10, 400))
    crime = issued - timedelta(days=rng.randint(5, 300))
    warrants = [_warrant(ctx, owner, c, issued, city) for c in chosen]
    if rng.random() < foreign:
        other = _other_profile(ctx, owner, "JP").code
        earlier = issued - timedelta(days=rng.randint(20, 300))
        warrants.append(_warrant(ctx, other, rng.choice(_charges(other)), earlier,
                                 rng.choice(PROFILES[other].cities)))
    summary, when = _fill(ctx, rng.choice(FACTS[first.offence]), owner, city, crime)
    return tuple(warrants), Facts(summary=summary, time=when, place=city, country=owner)


def _warrant(ctx: Context, owner: str, charge: Charge, issued: date, city: str) -> ArrestWarrant:
    rng = ctx.rng
    sentence = remaining = None
    if rng.random() < 0.12:  # sought to serve a sentence
        sentence = rng.randint(24, min(charge.max_months, 240))
        remaining = rng.randint(6, sentence)
    return ArrestWarrant(charge=charge.text, issuing_country=owner, charge_translation=charge.translation,
                         law=_law(charge, owner), max_penalty_months=charge.max_months, sentence_months=sentence,
                         remaining_months=remaining, reference=_reference(ctx, owner, issued, city), issued_on=issued,
                         category=charge.offence.value)


def _nationalities(ctx: Context, owner: str, members: tuple[str, ...], *, own: float = 0.8,
                   dual: float = 0.08) -> tuple[str, ...]:
    rng = ctx.rng
    first = owner if rng.random() < own else _other_profile(ctx, owner).code
    if ctx.showcase:
        first = ctx.showcase.pop(0)
    result = [first]
    if rng.random() < dual:
        second = rng.choice(_SECOND_NATIONALITIES) if rng.random() < 0.7 else rng.choice(members)
        if second != first:
            result.append(second)
    return tuple(result)


def _wanted_age(ctx: Context) -> int:
    return int(ctx.rng.triangular(19, 76, 34))


def _sex(ctx: Context, male: float) -> Sex:
    return Sex.MALE if ctx.rng.random() < male else Sex.FEMALE


# --- per type ------------------------------------------------------------------------------------


def red(ctx: Context, owner: str, created: date, members: tuple[str, ...]) -> Content:
    rng = ctx.rng
    nationalities = _nationalities(ctx, owner, members)
    if rng.random() < 0.01:
        nationalities = (*nationalities, rng.choice(("914", "922")))  # INTERPOL's non-ISO codes occur
    person = make_person(ctx, PROFILES[nationalities[0]], sex=_sex(ctx, 0.88), age=_wanted_age(ctx),
                         nationalities=nationalities, photo=rng.random() < 0.85)
    subject = person.subject
    if rng.random() < 0.02:  # only the family name is known ("-" in INTERPOL's data)
        subject = replace(subject, names=(replace(subject.names[0], forename=None), *subject.names[1:]))
    warrants, facts = warrants_and_facts(ctx, owner, created)
    extradition = tuple(dict.fromkeys(c for c in (*nationalities, *_countries(ctx, members, 1, 4, owner))
                                      if c != owner and c in members))
    return Content(subject, warrants=warrants, facts=facts, extradition_countries=extradition or ("US",),
                   agency=_agency(owner, facts.place))


def _yellow_age(ctx: Context, created: date) -> int:
    rng = ctx.rng
    draw = rng.random()
    age = rng.randint(1, 17) if draw < 0.6 else rng.randint(18, 60) if draw < 0.85 else rng.randint(65, 92)
    at_least = math.ceil((ctx.today - created).days / 365.25) + 1  # born before the disappearance
    return max(age, at_least)


@dataclass(frozen=True)
class Parents:
    """The father's and mother's names, in Latin letters as INTERPOL publishes them."""

    father_name: str | None
    father_forename: str | None
    mother_name: str | None
    mother_forename: str | None

    @classmethod
    def of(cls, father: PersonName, mother: PersonName) -> Parents:
        return cls(father.name, father.forename, mother.name, mother.forename)

    def on(self, subject: Subject) -> Subject:
        return replace(subject, father_name=self.father_name, father_forename=self.father_forename,
                       mother_name=self.mother_name, mother_forename=self.mother_forename)


def parents(ctx: Context, person: Person, profile: CountryProfile) -> Parents:
    style = profile.style
    locale = ctx.rng.choice(profile.locales or ("en_US",))
    father = ctx.names.person(style, locale, Sex.MALE, father_family(person.name, style))
    # Japanese and most Latin-script families share one family name; elsewhere the mother keeps hers.
    shared = father.family if style in (NameStyle.JAPANESE, NameStyle.LATIN) else None
    mother = ctx.names.person(style, locale, Sex.FEMALE, shared)
    return Parents.of(father, mother)


def yellow(ctx: Context, owner: str, created: date, members: tuple[str, ...]) -> Content:
    rng = ctx.rng
    age = _yellow_age(ctx, created)
    nationalities = _nationalities(ctx, owner, members, own=0.85, dual=0.15 if age < 18 else 0.05)
    profile = PROFILES.get(nationalities[0]) or PROFILES[owner]
    person = make_person(ctx, profile, sex=_sex(ctx, 0.5), age=age, nationalities=nationalities, photo=True,
                         marks=0.3, documents=0.15, unknown_physique=0.05, description=rng.choice(CLOTHING))
    subject = person.subject
    if age < 25 or rng.random() < 0.3:
        subject = parents(ctx, person, profile).on(subject)
    where = owner if rng.random() < 0.85 else _other_profile(ctx).code
    city = rng.choice(PROFILES[where].cities)
    born = subject.date_of_birth.earliest() if subject.date_of_birth else created - timedelta(days=3650)
    gone = max(born + timedelta(days=30), created - timedelta(days=rng.randint(3, 240)))
    likely: tuple[str, ...] = ()
    if rng.random() < 0.4:
        likely = tuple(c for c in (*nationalities[1:], _other_profile(ctx, where).code) if c != where)[:2]
    disappearance = Disappearance(date=PartialDate.from_date(min(gone, created)), place=city, country=where,
                                  countries_likely_to_be_visited=likely)
    return Content(subject, disappearance=disappearance, issuing_country=owner, agency=_agency(owner, city))


def _un_profile(country: str) -> CountryProfile:
    arabic = country in UN_ARABIC_SCRIPT
    languages = {"AF": ("PUS", "PER"), "SO": ("SOM", "ARA"), "SS": ("ENG",), "HT": ("FRE",)}.get(
        country, ("ARA",) if arabic else ("FRE",))
    locale = ("en_KE",) if country == "SS" else ("fr_FR",)
    return CountryProfile(country, NameStyle.ARABIC if arabic else NameStyle.LATIN, () if arabic else locale,
                          languages, "en", Complexion.MIDDLE_EASTERN if arabic else Complexion.AFRICAN,
                          UN_CITIES[country])


def _un_reference(ctx: Context, prefix: str) -> str:
    while True:
        reference = f"{prefix}.{ctx.rng.randint(100, 480)}"
        if reference not in ctx.registry.un_references:
            ctx.registry.un_references.add(reference)
            return reference


def un_special(ctx: Context, owner: str, created: date, members: tuple[str, ...]) -> Content:
    """An INTERPOL–UN Security Council Special Notice: a listed person (70%) or entity (30%)."""
    rng = ctx.rng
    person_prefix, entity_prefix, resolution, regime, since = UN_REGIMES[owner]
    profile = _un_profile(owner)
    city = rng.choice(profile.cities)
    listed = ctx.date_between(date(since, 10, 1), created - timedelta(days=30))
    entities = [e for e in UN_ENTITIES if owner in e[4]]
    if entities and rng.random() < 0.3:
        latin, arabic, legal_form, activity, _ = rng.choice(entities)
        names = [Name(name=latin)]
        if arabic:
            names.append(Name(name=arabic, kind=NameKind.ORIGINAL_SCRIPT))
        former = f"{' '.join(latin.split()[:2])} {rng.choice(('HOLDING', 'GROUP', 'ENTERPRISES'))}"
        names.append(Name(name=former, kind=NameKind.ALIAS))
        extra = {"legal_form": legal_form, "registration_number": f"{owner}-{rng.randint(100000, 999999)}",
                 "main_activity": activity, "formerly_known_as": [former]}
        subject = Subject(kind=SubjectKind.ORGANISATION, names=tuple(names), nationalities=(owner,), extra=extra)
        summary = rng.choice(UN_ENTITY_SUMMARIES).format(listed=ctx.partial_text(listed), city=city)
        reference = _un_reference(ctx, entity_prefix)
    else:
        age = rng.randint(28, 72)
        precision = rng.random()
        person = make_person(ctx, profile, sex=_sex(ctx, 0.92), age=age, nationalities=(owner,),
                             photo=rng.random() < 0.45, marks=0.1, documents=0.4, unknown_physique=0.7,
                             dob=ctx.partial_birth_date(age, full=0.45, month=0.2) if precision < 0.9 else None)
        subject = person.subject
        if profile.style is NameStyle.ARABIC and rng.random() < 0.4:
            kunya = rng.choice(("HAMZA", "OMAR", "KHALED", "MUSAB", "YAHYA", "ZAID", "ANAS", "AHMED"))
            subject = replace(subject, names=(*subject.names, Name(full_text=f"ABU {kunya}", kind=NameKind.ALIAS)))
        summary = rng.choice(UN_PERSON_SUMMARIES).format(listed=ctx.partial_text(listed), city=city)
        reference = _un_reference(ctx, person_prefix)
    un = UnSanctions(reference=reference, reference_date=PartialDate.from_date(listed), resolution=resolution,
                     summary=f"{summary} Entry on {regime}.")
    return Content(subject, un=un)


def _person_with_facts(ctx: Context, owner: str, created: date, members: tuple[str, ...], templates: tuple[str, ...],
                       *, male: float, photo: float) -> Content:
    rng = ctx.rng
    nationalities = _nationalities(ctx, owner, members)
    person = make_person(ctx, PROFILES[nationalities[0]], sex=_sex(ctx, male), age=_wanted_age(ctx),
                         nationalities=nationalities, photo=rng.random() < photo)
    city = rng.choice(PROFILES[owner].cities)
    summary, when = _fill(ctx, rng.choice(templates), owner, city, created - timedelta(days=rng.randint(20, 500)))
    return Content(person.subject, facts=Facts(summary, when, city, owner), agency=_agency(owner, city))


def blue(ctx: Context, owner: str, created: date, members: tuple[str, ...]) -> Content:
    return _person_with_facts(ctx, owner, created, members, BLUE_FACTS, male=0.8, photo=0.6)


def green(ctx: Context, owner: str, created: date, members: tuple[str, ...]) -> Content:
    return _person_with_facts(ctx, owner, created, members, GREEN_FACTS, male=1.0, photo=0.7)


def silver(ctx: Context, owner: str, created: date, members: tuple[str, ...]) -> Content:
    return _person_with_facts(ctx, owner, created, members, SILVER_FACTS, male=0.8, photo=0.3)


def orange(ctx: Context, owner: str, created: date, members: tuple[str, ...]) -> Content:
    rng = ctx.rng
    if rng.random() < 0.5:
        return _person_with_facts(ctx, owner, created, members, ORANGE_PERSON_FACTS, male=1.0, photo=0.9)
    title, description, template = rng.choice(ORANGE_OBJECTS)
    city = rng.choice(PROFILES[owner].cities)
    summary, when = _fill(ctx, template, owner, city, created - timedelta(days=rng.randint(5, 90)))
    subject = Subject(kind=SubjectKind.OBJECT, names=(Name(full_text=title),), description=description)
    return Content(subject, facts=Facts(summary, when, city, owner), agency=_agency(owner, city))


def purple(ctx: Context, owner: str, created: date, members: tuple[str, ...]) -> Content:
    rng = ctx.rng
    kind, title, description, template = rng.choice(PURPLE)
    city = rng.choice(PROFILES[owner].cities)
    summary, when = _fill(ctx, template, owner, city, created - timedelta(days=rng.randint(20, 400)))
    subject = Subject(kind=SubjectKind(kind), names=(Name(full_text=title),), description=description)
    return Content(subject, facts=Facts(summary, when, city, owner), agency=_agency(owner, city))


CLOTHING_MARKS: tuple[str, ...] = (
    "Tattoo of an anchor on the left forearm; wearing a blue fleece jacket", "Healed fracture of the right "
    "collarbone; wearing a grey suit", "Dental bridge in the upper jaw; wearing jeans and a red T-shirt",
    "Scar on the left knee; wearing a yellow dress", "Pierced ears; wearing a black windbreaker",
)


def black(ctx: Context, owner: str, created: date, members: tuple[str, ...]) -> Content:
    """An unidentified body: no name, an estimated age, a description, a photograph, where it was found."""
    rng = ctx.rng
    sex = rng.choices((Sex.MALE, Sex.FEMALE, Sex.UNKNOWN), (70, 25, 5))[0]
    age = rng.randint(2, 8) * 10
    profile = _other_profile(ctx) if rng.random() < 0.5 else PROFILES[owner]
    eyes, hair = eye_and_hair(ctx, sex, age, profile.complexion)
    height, weight = physique(ctx, sex if sex is not Sex.UNKNOWN else Sex.MALE, age, profile.complexion)
    portrait = draw_portrait(rng, sex=sex, age=age, complexion=profile.complexion, hair=hair, eyes=eyes,
                             eyes_closed=True)
    word = {Sex.MALE: "man", Sex.FEMALE: "woman", Sex.UNKNOWN: "person"}[sex]
    subject = Subject(kind=SubjectKind.PERSON, sex=sex, height=height, weight=weight, eye_colours=(eyes,),
                      hair_colours=(hair,), distinguishing_marks=rng.choice(CLOTHING_MARKS),
                      description=f"{word.capitalize()} aged {age - 5} to {age + 5}, about {height:.2f} m tall.",
                      photos=(ctx.photo(portrait),))
    city = rng.choice(PROFILES[owner].cities)
    found = created - timedelta(days=rng.randint(5, 200))
    summary = rng.choice(BLACK_FACTS).format(sex=word, age=age, when=ctx.partial_text(found), city=city)
    return Content(subject, facts=Facts(summary, ctx.partial_text(found), city, owner), agency=_agency(owner, city))


def diffusion(ctx: Context, owner: str, created: date, members: tuple[str, ...]) -> Content:
    """A diffusion to chosen countries: mostly a wanted person, with a warrant most of the time."""
    rng = ctx.rng
    nationalities = _nationalities(ctx, owner, members)
    person = make_person(ctx, PROFILES[nationalities[0]], sex=_sex(ctx, 0.85), age=_wanted_age(ctx),
                         nationalities=nationalities, photo=rng.random() < 0.6)
    addressees = _countries(ctx, members, 2, 8, owner)
    if rng.random() < 0.6:
        warrants, facts = warrants_and_facts(ctx, owner, created, second=0.0, foreign=0.0)
        return Content(person.subject, warrants=warrants, facts=facts, addressees=addressees,
                       extradition_countries=addressees[:2], agency=_agency(owner, facts.place))
    city = rng.choice(PROFILES[owner].cities)
    summary, when = _fill(ctx, rng.choice(BLUE_FACTS), owner, city, created - timedelta(days=rng.randint(20, 300)))
    return Content(person.subject, facts=Facts(summary, when, city, owner), addressees=addressees,
                   agency=_agency(owner, city))


BUILDERS: dict[NoticeType, Callable[[Context, str, date, tuple[str, ...]], Content]] = {
    NoticeType.RED: red, NoticeType.YELLOW: yellow, NoticeType.BLUE: blue, NoticeType.BLACK: black,
    NoticeType.GREEN: green, NoticeType.ORANGE: orange, NoticeType.PURPLE: purple, NoticeType.SILVER: silver,
    NoticeType.UN_SPECIAL: un_special, NoticeType.DIFFUSION: diffusion,
}
