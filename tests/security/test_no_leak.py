"""No leak, ever: over random notices (owners, statuses, restrictions, addressees, public flags, types, asking
agencies) and random viewers, every read path gives a viewer exactly the notices :func:`can_view` allows (never
one more, and the totals say no more either), and the public never receives a non-public field.

Notices accumulate in one real database per run, so every read is checked against everything stored so far."""

from __future__ import annotations

import csv
import inspect
import io
import itertools
import json
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ncb.domain.access import Viewer, ViewerKind, can_view
from ncb.domain.identity import Actor
from ncb.domain.interchange import interpol
from ncb.domain.interchange.ftm import ftm_id
from ncb.domain.lifecycle import creation
from ncb.domain.names import Name
from ncb.domain.notices import ArrestWarrant, Facts, Notice, NoticeStatus, NoticeType, Restriction, RestrictionMode
from ncb.domain.search import NoticeFilter
from ncb.errors import NotFound, PermissionDenied
from ncb.matching.index import ScreeningIndex
from ncb.services import notices as svc
from ncb.services import screening
from ncb.services.exports import ExportFormat, export_lines
from ncb.settings import Settings
from ncb.storage.uow import SqlUnitOfWork
from ncb.web.app import create_app
from tests.builders import make_notice
from tests.conftest import NOW, TODAY
from tests.web.conftest import TOKEN

COUNTRIES = ("JP", "FR", "US", "KR")
AGENCIES = ("JP-TOKYO-MPD", "JP-OSAKA-PP", "FR-PARIS-PJ")
SECRET = "NONPUBLIC"  # written into every field the public must never receive
SURNAMES = ("TANAKA", "DUBOIS", "SMITH", "KIMURA", "MARTIN", "JOHNSON", "PARK", "NAKAMURA", "BERNARD", "LEE")
_ids = itertools.count(1)

# The keys of INTERPOL's public API (its answers in tests/fixtures/interpol-public-api and the public serializer's
# declared key lists) and of its query echo: nothing else may reach the public.
PUBLIC_KEYS = {*interpol.LIST_ITEM_KEYS, *interpol.RED_DETAIL_KEYS, *interpol.YELLOW_DETAIL_KEYS,
               *interpol.UN_PERSON_KEYS, *interpol.UN_ENTITY_KEYS, *interpol.LINKED_NOTICE_KEYS, *interpol.ALIAS_KEYS,
               *interpol.IDENTITY_DOCUMENT_KEYS, *interpol.UN_EXTRA_KEYS, *interpol.UN_ENTITY_EXTRA_KEYS,
    "total", "query", "page", "resultPerPage", "_embedded", "_links", "notices", "self", "first", "next",
    "previous", "last", "href", "images", "thumbnail", "picture_id", "entity_id", "forename", "name",
    "date_of_birth", "nationalities", "sex_id", "place_of_birth", "country_of_birth_id", "height", "weight",
    "eyes_colors_id", "hairs_id", "distinguishing_marks", "languages_spoken_ids", "arrest_warrants", "charge",
    "issuing_country_id", "charge_translation", "notice", "links", "freeText", "ageMin", "ageMax", "sexId",
    "nationality", "arrestWarrantCountryId", "unReference", "unResolution", "father_forename", "father_name",
    "mother_forename", "mother_name", "date_of_event", "place", "country", "un_reference", "un_reference_date",
    "un_resolution", "un_resolution_date", "un_committee", "alias", "aliases", "designations", "title",
    "address", "addresses", "entity_type", "type", "status", "message",
}

viewers = st.one_of(
    st.just(Viewer.public()),
    st.just(Viewer.general_secretariat()),
    st.builds(Viewer.bureau, st.sampled_from(COUNTRIES)),
    st.builds(lambda c, a, types: Viewer.agency_of(c, a, types), st.sampled_from(COUNTRIES), st.sampled_from(AGENCIES),
              st.none() | st.frozensets(st.sampled_from([t.value for t in NoticeType]), max_size=3)),
)


@st.composite
def restrictions(draw: st.DrawFn) -> Restriction:
    mode = draw(st.sampled_from(RestrictionMode))
    if mode is RestrictionMode.NONE:
        return Restriction()
    return Restriction(mode, draw(st.frozensets(st.sampled_from(COUNTRIES), min_size=1)))


@st.composite
def notices(draw: st.DrawFn) -> Notice:
    kind = draw(st.sampled_from(NoticeType))
    n = next(_ids)
    surname = SURNAMES[n % len(SURNAMES)]
    return replace(
        make_notice(names=(Name(name=surname, forename=f"PERSON{n}"),)),
        entity_id=f"2026/{n:05d}", type=kind, owner=draw(st.sampled_from(COUNTRIES)),
        status=draw(st.sampled_from(NoticeStatus)),
        public_extract=kind.has_public_extract and draw(st.booleans()),
        restriction=draw(restrictions()),
        addressees=tuple(draw(st.lists(st.sampled_from(COUNTRIES), unique=True, max_size=2)))
        if kind is NoticeType.DIFFUSION else (),
        agency=draw(st.none() | st.sampled_from(AGENCIES)),
        warrants=(ArrestWarrant(charge="Fraud", issuing_country="JP", law=f"{SECRET} law",
                                reference=f"{SECRET}-REF-{n}", issued_on=date(2026, 3, 1)),),
        facts=Facts(summary=f"{SECRET} facts {n}", place=f"{SECRET} place"),
        extradition_countries=(),
    )


class World:
    """One database (and one app over it) holding every notice the run has stored."""

    def __init__(self, url: str) -> None:
        self.app = create_app(Settings.from_env({}, database_url=url, api_token=TOKEN, base_url="http://ncb.test",
                                                public_rate_per_minute=0, public_cache_seconds=0))
        # (no public cache: the notices are stored straight into the database, as by another process)
        self.client = TestClient(self.app, headers={"Authorization": f"Bearer {TOKEN}",
                                                    "X-NCB-Purpose": "no-leak property test"})
        self.stored: dict[str, Notice] = {}

    def uow(self) -> SqlUnitOfWork:
        return SqlUnitOfWork(self.app.state.engine)

    def store(self, batch: list[Notice]) -> None:
        with (uow := self.uow()):
            uow.notices.add_many([(n, creation(n, actor="test", now=NOW)) for n in batch])
            uow.commit()
        self.stored.update((n.entity_id, n) for n in batch)

    def visible(self, viewer: Viewer) -> set[str]:
        return {e for e, n in self.stored.items() if can_view(viewer, n)}

    def close(self) -> None:
        self.client.close()
        self.app.state.engine.dispose()


def _read(fn: Callable[..., Any], *args: Any, viewer: Viewer, **kwargs: Any) -> Any:
    """Call a read service as ``viewer``: by its viewer, or (once reads are audited) by an actor with a purpose."""
    params = inspect.signature(fn).parameters
    if "actor" in params:
        kwargs["actor"] = Actor("no-leak-test", viewer, purpose="no-leak property test")
    else:
        kwargs["viewer"] = viewer
    if "now" in params:
        kwargs["now"] = NOW
    return fn(*args, **kwargs)


def _check_services(world: World, viewer: Viewer, batch: list[Notice]) -> None:
    allowed = world.visible(viewer)
    listed = _read(svc.list_notices, NoticeFilter(), world.uow(), viewer=viewer, today=TODAY, per_page=1000)
    assert {n.entity_id for n in listed.notices} == allowed
    assert listed.total == len(allowed), "the total is an existence oracle: it must count only what may be seen"
    for notice in batch:
        reads: list[Callable[..., Any]] = [svc.get_notice, svc.notice_history, svc.compliance_findings]
        for read in reads:
            if notice.entity_id in allowed:
                _read(read, notice.entity_id, world.uow(), viewer=viewer)
            else:
                with pytest.raises(NotFound):
                    _read(read, notice.entity_id, world.uow(), viewer=viewer)
    for fmt in ExportFormat:
        try:
            lines = list(_read(export_lines, fmt, NoticeFilter(), world.uow(), viewer=viewer, today=TODAY))
        except PermissionDenied:  # a reviewer or an agency may not export: nothing is disclosed
            assert viewer.kind in (ViewerKind.GENERAL_SECRETARIAT, ViewerKind.AGENCY)
            continue
        if fmt is ExportFormat.CSV:
            assert {row["entity_id"] for row in csv.DictReader(io.StringIO("".join(lines)))} == allowed
        elif fmt is ExportFormat.FTM:  # several entities a notice: the subject's, then ids prefixed with it
            ids = {json.loads(line)["id"] for line in lines}
            subjects = {ftm_id(n): e for e, n in world.stored.items()}
            assert {subjects[i] for i in ids if i in subjects} == allowed
            assert all(i.rsplit("-", 1)[0] not in subjects or subjects[i.rsplit("-", 1)[0]] in allowed
                       for i in ids if "-doc-" not in i)
            assert all(subjects.get(i.split("-doc-")[0], "") in allowed for i in ids if "-doc-" in i)
        else:  # INTERPOL's shape exists for Red, Yellow and UN notices only: never more than allowed
            assert {json.loads(line)["entity_id"] for line in lines} <= allowed


def _check_screening(world: World, index: ScreeningIndex, viewer: Viewer, batch: list[Notice]) -> None:
    for notice in batch:
        primary = notice.subject.primary_name
        assert primary is not None
        traveller = screening.traveller_from_record({"id": "t", "name": primary.full}, "t", today=TODAY)
        try:
            hits = _read(screening.check_traveller, traveller, index, world.uow(), viewer=viewer, threshold=0.5,
                         limit=50)
        except PermissionDenied:  # the public and reviewers may not screen: nothing is disclosed
            hits = []
            assert viewer.kind in (ViewerKind.PUBLIC, ViewerKind.GENERAL_SECRETARIAT)
        for hit in hits:
            assert can_view(viewer, world.stored[hit.candidate_id]), hit.candidate_id
    if viewer.country is not None:
        for queued in _read(screening.hit_queue, world.uow(), viewer=viewer, status=None, limit=10_000):
            assert can_view(viewer, world.stored[queued.entity_id]), queued.entity_id


def _public_keys(value: Any) -> set[str]:
    if isinstance(value, dict):
        return set(value) | {k for v in value.values() for k in _public_keys(v)}
    if isinstance(value, list):
        return {k for v in value for k in _public_keys(v)}
    return set()


def _check_public_api(world: World, batch: list[Notice]) -> None:
    public = Viewer.public()
    allowed = world.visible(public)
    paths = {"red": NoticeType.RED, "yellow": NoticeType.YELLOW, "un/persons": NoticeType.UN_SPECIAL,
             "un/entities": NoticeType.UN_SPECIAL}
    for kind, notice_type in paths.items():
        r = world.client.get(f"/notices/v1/{kind}", params={"resultPerPage": 160})
        assert r.status_code == 200
        listed = {n["entity_id"] for n in r.json()["_embedded"]["notices"]}
        assert listed <= allowed
        expected = {e for e in allowed if world.stored[e].type is notice_type}
        assert r.json()["total"] == len(expected)
        assert SECRET not in r.text, r.text[max(0, r.text.find(SECRET) - 200):r.text.find(SECRET) + 50]
        assert _public_keys(r.json()) <= PUBLIC_KEYS
    for notice in batch:
        kind = {NoticeType.RED: "red", NoticeType.YELLOW: "yellow"}.get(notice.type, "un/persons")
        for suffix in ("", "/images"):
            r = world.client.get(f"/notices/v1/{kind}/{notice.url_id}{suffix}")
            if notice.entity_id not in allowed or notice.type not in paths.values():
                assert r.status_code == 404
            else:
                assert r.status_code == 200
                assert SECRET not in r.text, r.text[max(0, r.text.find(SECRET) - 200):r.text.find(SECRET) + 50]
                assert _public_keys(r.json()) <= PUBLIC_KEYS


def _act_as(viewer: Viewer) -> str:
    if viewer.kind is ViewerKind.AGENCY:
        return f"agency:{viewer.country}:{viewer.agency}"
    if viewer.kind is ViewerKind.BUREAU:
        return f"bureau:{viewer.country}"
    return "general-secretariat" if viewer.kind is ViewerKind.GENERAL_SECRETARIAT else "public"


def _check_internal_api(world: World, viewer: Viewer, batch: list[Notice]) -> None:
    header = _act_as(viewer)
    as_parsed = Viewer.parse(header)  # the front-end token states no agency grant
    allowed = world.visible(as_parsed)
    r = world.client.get("/api/notices", params={"per_page": 1000}, headers={"X-NCB-Act-As": header})
    assert r.status_code == 200
    assert {n["entity_id"] for n in r.json()["notices"]} <= allowed
    assert r.json()["total"] == len(allowed)
    for notice in batch:
        r = world.client.get(f"/api/notices/{notice.url_id}", headers={"X-NCB-Act-As": header})
        assert r.status_code == (200 if notice.entity_id in allowed else 404)


def _run(world: World, max_examples: int) -> None:
    @given(batch=st.lists(notices(), min_size=1, max_size=5), seen_by=st.lists(viewers, min_size=1, max_size=3))
    @settings(max_examples=max_examples, deadline=None, database=None,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
    def no_leak(batch: list[Notice], seen_by: list[Viewer]) -> None:
        world.store(batch)
        _check_public_api(world, batch)
        index = screening.build_index(world.uow(), today=TODAY)
        for viewer in seen_by:
            _check_services(world, viewer, batch)
            _check_screening(world, index, viewer, batch)
            _check_internal_api(world, viewer, batch)

    no_leak()


@pytest.mark.xdist_group("no-leak")
def test_no_viewer_ever_receives_a_notice_it_may_not_see(db_url: str, tmp_path: Path) -> None:
    world = World(db_url)
    try:
        _run(world, max_examples=20 if db_url.startswith("sqlite") else 6)
    finally:
        world.close()


def test_an_agency_reading_its_bureaus_hit_queue_sees_only_the_notice_types_it_was_granted(db_url: str) -> None:
    """Found by the property above: the queue was the bureau's whole queue, whatever the agency's grant."""
    world = World(db_url)
    try:
        yellow = replace(make_notice(names=(Name(name="KOBAYASHI", forename="HANA"),)), entity_id="2026/90001",
                         type=NoticeType.YELLOW, status=NoticeStatus.PUBLISHED)
        world.store([yellow])
        index = screening.build_index(world.uow(), today=TODAY)
        traveller = screening.traveller_from_record({"id": "t", "name": "HANA KOBAYASHI"}, "t", today=TODAY)
        assert _read(screening.check_traveller, traveller, index, world.uow(), viewer=Viewer.bureau("JP"))
        red_only = Viewer.agency_of("JP", "JP-TOKYO-MPD", frozenset({"red"}))
        everything = Viewer.agency_of("JP", "JP-TOKYO-MPD", frozenset({"red", "yellow"}))
        assert _read(screening.hit_queue, world.uow(), viewer=red_only) == []
        assert [h.entity_id for h in _read(screening.hit_queue, world.uow(), viewer=everything)] == ["2026/90001"]
    finally:
        world.close()
