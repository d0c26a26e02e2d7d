"""Imports: idempotent by entity_id, all-or-nothing on bad records."""

from __future__ import annotations

from typing import Any

import pytest

from ncb.audit.entries import event_from_leaf
from ncb.domain.access import Viewer
from ncb.domain.documents import notice_from_dict, notice_to_dict
from ncb.domain.identity import Actor
from ncb.domain.notices import Notice
from ncb.services.imports import ImportRejected, OnConflict, import_notices
from tests.builders import make_notice
from tests.conftest import NOW
from tests.fakes import FakeUnitOfWork

IMPORTER = Actor("importer@JP", Viewer.bureau("JP"))


def parse(data: Any, where: str) -> Notice:
    return notice_from_dict(data, record=where)


def records(*notices: Notice) -> list[tuple[str, Any]]:
    return [(f"file.jsonl:{i + 1}", notice_to_dict(n)) for i, n in enumerate(notices)]


def test_importing_twice_creates_once() -> None:
    uow = FakeUnitOfWork()
    recs = records(make_notice(entity_id="2020/1"), make_notice(entity_id="2020/2"))
    first = import_notices(lambda: recs, parse, uow, actor=IMPORTER, now=NOW)
    second = import_notices(lambda: recs, parse, uow, actor=IMPORTER, now=NOW)
    assert (first.created, second.created, second.unchanged) == (2, 0, 2)
    assert uow.notices.count() == 2
    [event] = [event_from_leaf(row.leaf) for row, _ in uow.audit.rows]  # the second import wrote nothing
    assert (event.action, event.outcome) == ("notices.import", "2 created, 0 updated")
    assert uow.audit.rows[0][0].payload == '{"created":["2020/1","2020/2"],"updated":[]}'


def test_one_bad_record_stops_the_whole_import_and_names_it() -> None:
    uow = FakeUnitOfWork()
    recs = records(make_notice(entity_id="2020/1"), make_notice(entity_id="2020/2"))
    recs[1][1]["subject"]["nationalities"] = ["XX"]
    with pytest.raises(ImportRejected) as err:
        import_notices(lambda: recs, parse, uow, actor=IMPORTER, now=NOW)
    assert "file.jsonl:2" in str(err.value) and "XX" in str(err.value)
    assert uow.notices.count() == 0
    [refused] = [event_from_leaf(row.leaf) for row, _ in uow.audit.rows]
    assert refused.outcome == "refused: 1 bad records"


def test_a_changed_duplicate_is_refused_unless_asked_to_update() -> None:
    uow = FakeUnitOfWork()
    import_notices(lambda: records(make_notice(entity_id="2020/1")), parse, uow, actor=IMPORTER, now=NOW)
    changed = records(make_notice(entity_id="2020/1", place_of_birth="Nagoya"))
    with pytest.raises(ImportRejected, match="already stored with different content"):
        import_notices(lambda: changed, parse, uow, actor=IMPORTER, now=NOW)
    skipped = import_notices(lambda: changed, parse, uow, actor=IMPORTER, now=NOW, on_conflict=OnConflict.SKIP)
    assert skipped.skipped == 1
    updated = import_notices(lambda: changed, parse, uow, actor=IMPORTER, now=NOW, on_conflict=OnConflict.UPDATE)
    assert updated.updated == 1
    assert uow.notices.get("2020/1").subject.place_of_birth == "Nagoya"  # type: ignore[union-attr]


def test_the_same_id_twice_in_one_file_with_different_content_is_refused() -> None:
    recs = records(make_notice(entity_id="2020/1"), make_notice(entity_id="2020/1", place_of_birth="Kobe"))
    with pytest.raises(ImportRejected, match="appears again"):
        import_notices(lambda: recs, parse, FakeUnitOfWork(), actor=IMPORTER, now=NOW)


def test_progress_is_reported_per_batch() -> None:
    seen: list[tuple[str, int]] = []
    recs = records(*(make_notice(entity_id=f"2020/{i}") for i in range(1, 6)))
    import_notices(lambda: recs, parse, FakeUnitOfWork(), actor=IMPORTER, now=NOW,
                   progress=lambda stage, n: seen.append((stage, n)))
    assert seen == [("checking", 5), ("writing", 5)]


def test_checking_can_run_in_other_processes() -> None:
    from concurrent.futures import ProcessPoolExecutor

    recs = records(*(make_notice(entity_id=f"2020/{i}") for i in range(1, 2500)))
    with ProcessPoolExecutor(2) as pool:
        report = import_notices(lambda: recs, parse, FakeUnitOfWork(), actor=IMPORTER, now=NOW, mapper=pool.map)
    assert report.created == 2499
