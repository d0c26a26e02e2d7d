"""The SQL registry of stolen and lost travel documents, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from sqlalchemy import Engine

from ncb.domain.travel_documents import DocumentStatus, TravelDocument
from ncb.errors import DuplicateRecord, NotFound
from ncb.storage.uow import SqlUnitOfWork
from tests.conftest import NOW


def doc(number: str = "TK 123 4567", **overrides: Any) -> TravelDocument:
    fields: dict[str, Any] = {"number": number, "issuing_country": "JP", "type": "passport", "status": "stolen",
                              "reported_by": "JP", "reported_on": date(2026, 11, 2)}
    fields.update(overrides)
    return TravelDocument.create(**fields)


def store(engine: Engine, *docs: TravelDocument) -> None:
    with SqlUnitOfWork(engine) as uow:
        uow.travel_documents.add_many(docs)
        uow.commit()


def test_a_report_is_stored_and_found_by_its_number_however_written(engine: Engine) -> None:
    original = doc(blank=True)
    store(engine, original, doc("TK 123 4567", issuing_country="KR", reported_by="KR"))
    with SqlUnitOfWork(engine, write=False) as uow:
        both = uow.travel_documents.find("tk-1234567")
        only_jp = uow.travel_documents.find("TK1234567", "JP")
        nothing = uow.travel_documents.find("TK1234568")
        empty = uow.travel_documents.find("--")
    assert [d.issuing_country for d in both] == ["JP", "KR"]
    assert only_jp == [original]
    assert only_jp[0].reported_on == date(2026, 11, 2) and only_jp[0].blank is True
    assert nothing == [] and empty == []


def test_uncommitted_reports_are_rolled_back(engine: Engine) -> None:
    with SqlUnitOfWork(engine) as uow:
        uow.travel_documents.add(doc())
    with SqlUnitOfWork(engine, write=False) as uow:
        assert uow.travel_documents.count() == 0


def test_a_second_open_report_is_a_duplicate(engine: Engine) -> None:
    store(engine, doc())
    with SqlUnitOfWork(engine) as uow, pytest.raises(DuplicateRecord, match="already reported stolen by JP"):
        uow.travel_documents.add(doc("tk1234567", status="lost", reported_by="FR"))


def test_the_unique_index_refuses_a_second_open_report_even_past_the_check(engine: Engine) -> None:
    store(engine, doc())
    with SqlUnitOfWork(engine) as uow, pytest.raises(DuplicateRecord):
        uow.travel_documents.add_many([doc("TK-1234567", status="lost")])
    with SqlUnitOfWork(engine, write=False) as uow:
        assert uow.travel_documents.count() == 1


def test_many_reports_go_in_batches(engine: Engine) -> None:
    docs = [doc(f"AA{i:07d}", issuing_country="FR", reported_by="FR") for i in range(25)]
    with SqlUnitOfWork(engine) as uow:
        assert uow.travel_documents.add_many(docs, batch_size=7) == 25
        uow.commit()
    with SqlUnitOfWork(engine, write=False) as uow:
        assert uow.travel_documents.count() == 25
        found = uow.travel_documents.open_reports({("AA0000003", "FR"), ("AA0000003", "JP"), ("ZZ1", "FR")})
    assert list(found) == [("AA0000003", "FR")]


def test_a_status_change_updates_the_report_and_is_appended_to_its_history(engine: Engine) -> None:
    lost = doc(status="lost")
    store(engine, lost)
    with SqlUnitOfWork(engine) as uow:
        uow.travel_documents.update_status(lost, DocumentStatus.STOLEN, actor="sato@JP", at=NOW)
        stolen = uow.travel_documents.find("TK1234567", "JP")[0]
        uow.travel_documents.update_status(stolen, DocumentStatus.RECOVERED, actor="sato@JP", at=NOW,
                                           reason="found at Narita")
        uow.commit()
    with SqlUnitOfWork(engine, write=False) as uow:
        assert uow.travel_documents.find("TK1234567") == []
        kept = uow.travel_documents.find("TK1234567", include_recovered=True)
        history = uow.travel_documents.history("tk 1234567", "JP")
        counts = uow.travel_documents.counts()
    assert [d.status for d in kept] == [DocumentStatus.RECOVERED]
    assert [(c.from_status, c.to_status) for c in history] == [
        (DocumentStatus.LOST, DocumentStatus.STOLEN), (DocumentStatus.STOLEN, DocumentStatus.RECOVERED)]
    assert history[-1].at == NOW and history[-1].reason == "found at Narita" and history[-1].actor == "sato@JP"
    assert counts == {DocumentStatus.RECOVERED: 1}


def test_a_recovered_document_can_be_reported_again_and_both_reports_are_kept(engine: Engine) -> None:
    first = doc()
    store(engine, first)
    with SqlUnitOfWork(engine) as uow:
        uow.travel_documents.update_status(first, DocumentStatus.RECOVERED, actor="sato@JP", at=NOW)
        uow.travel_documents.add(doc(status="lost", reported_on=date(2026, 11, 20)))
        uow.commit()
    with SqlUnitOfWork(engine, write=False) as uow:
        assert [d.status for d in uow.travel_documents.find("TK1234567")] == [DocumentStatus.LOST]
        assert len(uow.travel_documents.find("TK1234567", include_recovered=True)) == 2


def test_a_change_to_a_report_changed_meanwhile_is_refused(engine: Engine) -> None:
    stolen = doc()
    store(engine, stolen)
    with SqlUnitOfWork(engine) as uow:
        uow.travel_documents.update_status(stolen, DocumentStatus.REVOKED, actor="sato@JP", at=NOW)
        with pytest.raises(NotFound):
            uow.travel_documents.update_status(stolen, DocumentStatus.RECOVERED, actor="sato@JP", at=NOW)


def test_a_lookup_uses_the_number_index(engine: Engine) -> None:
    if engine.dialect.name != "sqlite":
        pytest.skip("PostgreSQL's planner scans a table this small whatever the indexes")
    with engine.connect() as conn:
        plan = " ".join(str(r[-1]) for r in conn.exec_driver_sql(
            "EXPLAIN QUERY PLAN SELECT number FROM travel_documents WHERE number_key = 'TK1234567' "
            "AND issuing_country = 'JP' AND status != 'recovered'"))
    assert "USING INDEX" in plan and "travel_documents" in plan
