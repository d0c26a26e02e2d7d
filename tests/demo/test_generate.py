"""The synthetic demo dataset: deterministic, every type and script, the seed page exact."""

from __future__ import annotations

import hashlib
import io
import json
import os
import subprocess
import sys
from collections import Counter
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from PIL import Image

from ncb.demo.builders import JP_AGENCIES
from ncb.demo.generate import SEED_PAGE_NOTICES, DemoData, generate_demo
from ncb.demo.names import ascii_fold
from ncb.demo.translit import cyrillic_icao, cyrillic_popular, hangul_rr, kana_romaji
from ncb.domain.bureaus import seed_agencies
from ncb.domain.codes import LANGUAGES
from ncb.domain.compliance import check
from ncb.domain.countries import is_member, validate_country
from ncb.domain.documents import notice_from_dict, notice_to_dict
from ncb.domain.interchange.interpol import render_detail
from ncb.domain.names import NameKind, Script, detect_script
from ncb.domain.notices import Notice, NoticeStatus, NoticeType, RestrictionMode, SubjectKind
from ncb.services.demo import load_demo
from tests.fakes import FakeUnitOfWork

TODAY = date(2026, 11, 26)
JPEG_MAGIC = b"\xff\xd8\xff"


@pytest.fixture(scope="module")
def demo() -> DemoData:
    return generate_demo(size=500, seed=2026, today=TODAY)


def _seed_page(data: DemoData) -> tuple[list[Notice], list[Notice]]:
    public_jp = [n for n in data.notices if n.owner == "JP" and n.is_public]
    red = [n for n in public_jp if n.type is NoticeType.RED]
    yellow = [n for n in public_jp if n.type is NoticeType.YELLOW]
    return red, yellow


def _ages(notices: list[Notice], today: date) -> list[tuple[int, tuple[str, ...]]]:
    out = []
    for n in notices:
        dob = n.subject.date_of_birth
        assert dob is not None and dob.is_exact()
        out.append((dob.age_on(today), n.subject.nationalities))
    return sorted(out)


# --- determinism and size ----------------------------------------------------------------------


def test_the_same_size_seed_and_day_give_the_same_data_and_byte_identical_images() -> None:
    first = generate_demo(size=120, seed=7, today=TODAY)
    second = generate_demo(size=120, seed=7, today=TODAY)
    assert first.notices == second.notices
    assert [(i.picture_id, i.thumbnail_of, i.media_type) for i in first.images] == \
        [(i.picture_id, i.thumbnail_of, i.media_type) for i in second.images]
    assert all(a.data == b.data for a, b in zip(first.images, second.images, strict=True))


def _digest(data: DemoData) -> str:
    h = hashlib.sha256()
    for n in data.notices:
        h.update(json.dumps(notice_to_dict(n), sort_keys=True, ensure_ascii=False).encode())
    for image in data.images:
        h.update(image.picture_id.encode() + image.data)
    return h.hexdigest()


def test_another_process_with_another_hash_seed_gives_the_same_data() -> None:
    code = ("from datetime import date; from ncb.demo.generate import generate_demo; "
            "from tests.demo.test_generate import _digest; "
            "print(_digest(generate_demo(size=60, seed=8, today=date(2026, 11, 26))))")
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True,
                         cwd=Path(__file__).parents[2])
    assert out.stdout.strip() == _digest(generate_demo(size=60, seed=8, today=TODAY))


def test_another_seed_gives_other_data() -> None:
    a = generate_demo(size=30, seed=1, today=TODAY)
    b = generate_demo(size=30, seed=2, today=TODAY)
    assert [n.entity_id for n in a.notices[SEED_PAGE_NOTICES:]] != [n.entity_id for n in b.notices[SEED_PAGE_NOTICES:]]


@pytest.mark.parametrize("size", [0, 1, 9, 10, 57])
def test_size_counts_the_notices_besides_the_seed_page(size: int) -> None:
    data = generate_demo(size=size, seed=3, today=TODAY)
    assert len(data.notices) == size + SEED_PAGE_NOTICES == size + 14


def test_the_seed_page_does_not_change_with_the_size() -> None:
    small = generate_demo(size=0, seed=2026, today=TODAY)
    large = generate_demo(size=200, seed=2026, today=TODAY)
    assert large.notices[:SEED_PAGE_NOTICES] == small.notices
    assert large.images[: len(small.images)] == small.images


def test_a_negative_size_is_refused() -> None:
    from ncb.errors import ValidationError

    with pytest.raises(ValidationError):
        generate_demo(size=-1, today=TODAY)


def test_500_notices_are_made_each_once() -> None:
    demo = generate_demo(size=500, seed=99, today=TODAY)
    ids = [n.entity_id for n in demo.notices]
    assert len(ids) == len(set(ids)) >= 500


# --- the seed page ------------------------------------------------------------------------------


@pytest.mark.parametrize("today", [TODAY, date(2025, 1, 1), date(2028, 2, 29), date(2031, 7, 15)])
def test_japan_has_exactly_the_seed_pages_public_notices(today: date) -> None:
    data = generate_demo(size=300, seed=2026, today=today)
    red, yellow = _seed_page(data)
    assert _ages(red, today) == [(37, ("JP",)), (66, ("CA",))]
    assert len(yellow) == 12
    ages = _ages(yellow, today)
    assert (17, ("US", "JP")) in ages
    assert (17, ("CA", "JP")) in ages
    for n in red + yellow:
        assert n.status is NoticeStatus.PUBLISHED and n.public_extract
        assert n.published_at is not None and n.published_at.date() <= today
        assert n.expires_on is not None and n.expires_on > today
        assert n.restriction.mode is RestrictionMode.NONE


def test_every_other_notice_of_japan_is_not_public(demo: DemoData) -> None:
    japanese = [n for n in demo.notices[SEED_PAGE_NOTICES:] if n.owner == "JP"]
    assert japanese, "Japan's bureau should own some non-public notices too"
    assert not any(n.is_public for n in japanese)


def test_japanese_seed_persons_have_kanji_names_with_readings(demo: DemoData) -> None:
    red, yellow = _seed_page(demo)
    japanese = [n for n in red + yellow if "JP" in n.subject.nationalities]
    assert len(japanese) == 13
    for n in japanese:
        scripts = {name.script for name in n.subject.names}
        assert {Script.LATIN, Script.KATAKANA} <= scripts
        assert scripts & {Script.HAN, Script.JAPANESE}
        original = next(x for x in n.subject.names if x.kind is NameKind.ORIGINAL_SCRIPT)
        assert original.full_text == f"{original.name}{original.forename}"
        assert " " not in original.full


def test_seed_siblings_are_linked_to_each_other(demo: DemoData) -> None:
    _, yellow = _seed_page(demo)
    linked = [n for n in yellow if n.linked]
    assert len(linked) == 2
    first, second = linked
    assert first.linked == (second.entity_id,) and second.linked == (first.entity_id,)


# --- coverage -----------------------------------------------------------------------------------


def test_every_notice_type_is_present(demo: DemoData) -> None:
    assert {n.type for n in demo.notices} == set(NoticeType)
    assert {n.type for n in generate_demo(size=10, seed=5, today=TODAY).notices} == set(NoticeType)


def test_every_script_is_present(demo: DemoData) -> None:
    scripts = {detect_script(name.full) for n in demo.notices for name in n.subject.names}
    assert {Script.LATIN, Script.HAN, Script.KATAKANA, Script.HANGUL, Script.CYRILLIC, Script.ARABIC} <= scripts
    assert Script.OTHER not in scripts


def test_even_a_small_dataset_shows_every_script() -> None:
    data = generate_demo(size=20, seed=11, today=TODAY)
    scripts = {detect_script(name.full) for n in data.notices for name in n.subject.names}
    assert {Script.LATIN, Script.HAN, Script.KATAKANA, Script.HANGUL, Script.CYRILLIC, Script.ARABIC} <= scripts


def test_primary_names_are_latin_and_upper_case(demo: DemoData) -> None:
    for n in demo.notices:
        primary = n.subject.primary_name
        if n.subject.kind is not SubjectKind.PERSON:
            continue
        if primary is None:
            assert n.type is NoticeType.BLACK  # an unidentified body has no name
            continue
        assert primary.kind is NameKind.PRIMARY and primary.script is Script.LATIN
        assert primary.name == (primary.name or "").upper()
        assert primary.forename is None or primary.forename == primary.forename.upper()


def test_many_member_countries_own_notices_and_public_ones_span_many_nationalities(demo: DemoData) -> None:
    owners = {n.owner for n in demo.notices}
    assert len(owners) >= 40 and all(is_member(o) for o in owners)
    public = [n for n in demo.notices if n.is_public and n.type in (NoticeType.RED, NoticeType.YELLOW)]
    assert len({c for n in public for c in n.subject.nationalities}) >= 30
    assert len(public) >= 100


def test_statuses_are_mostly_published_with_some_of_each_other_kind(demo: DemoData) -> None:
    statuses = Counter(n.status for n in demo.notices)
    assert statuses[NoticeStatus.PUBLISHED] > 0.6 * len(demo.notices)
    for status in (NoticeStatus.DRAFT, NoticeStatus.SUBMITTED, NoticeStatus.SUSPENDED, NoticeStatus.WITHDRAWN):
        assert statuses[status] > 0


def test_dates_fit_the_lifecycle(demo: DemoData) -> None:
    for n in demo.notices:
        assert n.created_at is not None and n.created_at.date() <= TODAY
        if n.status in (NoticeStatus.DRAFT, NoticeStatus.SUBMITTED, NoticeStatus.REFUSED):
            assert n.published_at is None and int(n.entity_id[:4]) == n.created_at.year
            continue
        assert n.published_at is not None and n.expires_on is not None
        assert n.created_at <= n.published_at
        assert int(n.entity_id[:4]) == n.published_at.year
        years, rest = divmod((n.expires_on.year - n.published_at.year) * 12
                             + n.expires_on.month - n.published_at.month, 12)
        assert (years, rest) == (5, 0)
        if n.status is NoticeStatus.SUSPENDED:
            assert n.suspended_until is not None and n.suspended_until > TODAY


def test_red_notices_carry_complete_warrants(demo: DemoData) -> None:
    reds = [n for n in demo.notices if n.type is NoticeType.RED]
    for n in reds:
        assert n.warrants and n.facts and n.facts.summary and n.facts.time and n.facts.place and n.facts.country
        assert n.extradition_countries and n.owner not in n.extradition_countries
        assert n.warrants[0].issuing_country == n.owner
        for w in n.warrants:
            assert w.max_penalty_months is not None and w.max_penalty_months >= 24
            assert w.law and w.reference and w.issued_on and n.created_at
            assert w.issued_on <= n.created_at.date()
    japanese = [w for n in reds for w in n.warrants if w.issuing_country == "JP"]
    assert any(w.charge == "詐欺" and w.charge_translation == "Fraud" for w in japanese)


def test_yellow_notices_carry_a_disappearance_and_parents(demo: DemoData) -> None:
    yellows = [n for n in demo.notices if n.type is NoticeType.YELLOW]
    for n in yellows:
        d = n.disappearance
        assert d is not None and d.date is not None and d.place and d.country
        assert n.subject.photos and n.issuing_country == n.owner
        dob = n.subject.date_of_birth
        assert dob is not None and dob.earliest() <= d.date.latest()
    assert sum(1 for n in yellows if n.subject.father_name and n.subject.mother_forename) > len(yellows) // 2


def test_un_notices_list_persons_and_organisations(demo: DemoData) -> None:
    un = [n for n in demo.notices if n.type is NoticeType.UN_SPECIAL]
    assert {n.subject.kind for n in un} == {SubjectKind.PERSON, SubjectKind.ORGANISATION}
    for n in un:
        assert n.public_extract and n.un is not None and n.un.reference and n.un.resolution
        prefix, number = n.un.reference.split(".")
        assert len(prefix) == 3 and prefix[2] in "ie" and number.isdigit()
    assert any(n.un.resolution == "1267" for n in un if n.un)
    assert len({n.un.reference for n in un if n.un}) == len(un)


def test_purple_notices_describe_objects_and_methods(demo: DemoData) -> None:
    purple = [n for n in demo.notices if n.type is NoticeType.PURPLE]
    assert {n.subject.kind for n in purple} == {SubjectKind.OBJECT, SubjectKind.MODUS_OPERANDI}
    assert all(n.subject.description and n.facts for n in purple)


def test_diffusions_have_addressees_and_some_notices_restrictions(demo: DemoData) -> None:
    diffusions = [n for n in demo.notices if n.type is NoticeType.DIFFUSION]
    assert diffusions and all(n.addressees and n.owner not in n.addressees for n in diffusions)
    modes = Counter(n.restriction.mode for n in demo.notices)
    assert modes[RestrictionMode.DENY] > 0 and modes[RestrictionMode.ALLOW] > 0
    assert not any(n.is_public and n.restriction.mode is not RestrictionMode.NONE for n in demo.notices)


def test_persons_have_codes_from_interpols_tables(demo: DemoData) -> None:
    persons = [n.subject for n in demo.notices if n.subject.kind is SubjectKind.PERSON]
    assert all(lang in LANGUAGES for s in persons for lang in s.languages)
    for s in persons:
        for code in (*s.nationalities, *([s.country_of_birth] if s.country_of_birth else [])):
            validate_country(code)
    assert any(len(s.nationalities) == 2 for s in persons)
    assert any(s.identity_documents for s in persons)
    assert any(s.distinguishing_marks for s in persons)
    precisions = Counter(s.date_of_birth.precision for s in persons if s.date_of_birth)
    assert precisions["day"] > precisions["month"] > 0 and precisions["year"] > 0
    heights = [s.height for s in persons if s.height]
    assert heights and all(0.4 < h < 2.1 for h in heights)


def test_agencies_are_the_seed_bureaus_prefectural_police(demo: DemoData) -> None:
    known = {a.id for a in seed_agencies()}
    assert set(JP_AGENCIES.values()) <= known
    agencies = {n.agency for n in demo.notices if n.agency}
    assert agencies and agencies <= known
    assert all(n.owner == "JP" for n in demo.notices if n.agency)


def test_published_notices_pass_the_compliance_pre_check(demo: DemoData) -> None:
    for n in demo.notices:
        if n.status is NoticeStatus.PUBLISHED:
            assert check(n) == (), n.entity_id


def test_notices_survive_the_stored_document_and_render_in_interpols_shape(demo: DemoData) -> None:
    for n in demo.notices:
        assert notice_from_dict(json.loads(json.dumps(notice_to_dict(n)))) == n
        if n.is_public:
            detail = render_detail(n, "https://ncb.example")
            assert detail["entity_id"] == n.entity_id


def test_the_demo_loads_into_a_unit_of_work() -> None:
    data = generate_demo(size=40, seed=4, today=TODAY)
    uow = FakeUnitOfWork()
    assert load_demo(data.notices, data.images, uow, now=datetime(2026, 11, 26, tzinfo=UTC)) == len(data.notices)
    assert uow.notices.count() == len(data.notices)
    photo = next(p for n in data.notices for p in n.subject.photos)
    stored = uow.notices.get_image(photo.picture_id)
    assert stored is not None and stored.data.startswith(JPEG_MAGIC)


# --- ids and images -----------------------------------------------------------------------------


def test_entity_ids_and_picture_ids_are_unique(demo: DemoData) -> None:
    ids = [n.entity_id for n in demo.notices]
    assert len(ids) == len(set(ids))
    assert all(len(i.split("/")[1]) == 5 for i in ids)
    pictures = [i.picture_id for i in demo.images]
    assert len(pictures) == len(set(pictures)) and all(p.isdigit() for p in pictures)


def test_every_photo_has_its_images(demo: DemoData) -> None:
    images = {i.picture_id: i for i in demo.images}
    photos = [p for n in demo.notices for p in n.subject.photos]
    assert len(images) == 2 * len(photos)
    for photo in photos:
        assert photo.thumbnail_id is not None
        assert images[photo.picture_id].thumbnail_of is None
        assert images[photo.thumbnail_id].thumbnail_of == photo.picture_id
    persons = [n for n in demo.notices if n.type in (NoticeType.RED, NoticeType.YELLOW)]
    assert sum(1 for n in persons if n.subject.photos) > 0.8 * len(persons)


def test_images_are_small_jpegs_and_thumbnails_are_smaller(demo: DemoData) -> None:
    images = {i.picture_id: i for i in demo.images}
    for image in demo.images:
        assert image.data.startswith(JPEG_MAGIC) and image.media_type == "image/jpeg"
        assert len(image.data) < 40_000
        if image.thumbnail_of:
            assert len(image.data) < len(images[image.thumbnail_of].data)
    photo = next(i for i in demo.images if i.thumbnail_of is None)
    thumb = next(i for i in demo.images if i.thumbnail_of == photo.picture_id)
    assert Image.open(io.BytesIO(photo.data)).size == (300, 400)
    assert Image.open(io.BytesIO(thumb.data)).size == (100, 133)


# --- romanisation tables ------------------------------------------------------------------------


@pytest.mark.parametrize(("fn", "text", "expected"), [
    (cyrillic_icao, "Сергей Воробьёв", "SERGEI VOROBEV"),
    (cyrillic_icao, "Юлия Щукина", "IULIIA SHCHUKINA"),
    (cyrillic_popular, "Юлия Воробьёв", "YULIYA VOROBYOV"),
    (kana_romaji, "サトウ", "SATOU"),
    (kana_romaji, "キョウスケ", "KYOUSUKE"),
    (kana_romaji, "ミツル", "MITSURU"),
    (kana_romaji, "ハットリ", "HATTORI"),
    (hangul_rr, "서연", "SEOYEON"),
    (hangul_rr, "김철수", "GIMCHEOLSU"),
    (ascii_fold, "GÁRATE MÜLLER", "GARATE MULLER"),
])
def test_romanisation_tables(fn: object, text: str, expected: str) -> None:
    assert callable(fn) and fn(text) == expected
