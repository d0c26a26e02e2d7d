"""Screening over HTTP: one traveller, a batch, the queue, and the yente-shaped /match."""

from __future__ import annotations

from fastapi.testclient import TestClient

from ncb.domain.documents import notice_to_dict
from ncb.domain.notices import NoticeStatus, Restriction, RestrictionMode
from tests.builders import make_notice

FR = {"X-NCB-Act-As": "bureau:FR"}


def publish(client: TestClient, **overrides: object) -> None:
    body = notice_to_dict(make_notice(status=NoticeStatus.PUBLISHED, **overrides))
    assert client.post("/api/imports", json=body).status_code == 200


def test_one_traveller_gets_explained_hits_and_an_officer_confirms_one(client: TestClient) -> None:
    publish(client)
    traveller = {"names": ["山田太郎"], "date_of_birth": "1989/04/16"}
    response = client.post("/screening/check", json={"traveller": traveller}, headers=FR)
    assert response.status_code == 200, response.text
    hits = response.json()["hits"]
    assert hits[0]["candidate_id"] == "2026/00001"
    assert hits[0]["names"]["query"] == "山田太郎" and hits[0]["features"][0]["explanation"]
    queue = client.get("/screening/hits", headers=FR).json()
    decided = client.post(f"/screening/hits/{queue[0]['id']}", json={"decision": "dismissed",
                                                                     "reason": "different person: photo"},
                          headers=FR)
    assert decided.json()["status"] == "dismissed"
    assert client.get("/screening/hits", headers=FR).json() == []


def test_a_restricted_notice_is_never_shown_and_its_owner_is_told(client: TestClient) -> None:
    publish(client, restriction=Restriction(RestrictionMode.DENY, frozenset({"FR"})))
    response = client.post("/screening/check", json={"traveller": {"names": ["Taro Yamada"]}}, headers=FR)
    assert response.json()["hits"] == []
    owner = client.get("/screening/hits", headers={"X-NCB-Act-As": "bureau:JP"}).json()
    assert owner[0]["screened_by"] == "FR" and owner[0]["disclosed"] is False


def test_a_batch_reports_bad_records_and_goes_on(client: TestClient) -> None:
    publish(client)
    body = {"travellers": [{"id": "a", "names": ["Taro Yamada"]}, {"id": "b", "names": ["..."]},
                           {"id": "c", "mrz": "garbage"}]}
    result = client.post("/screening/batch", json=body, headers=FR).json()
    assert [h["input_id"] for h in result["hits"]] == ["a"]
    assert {r["record"] for r in result["rejected"]} == {"b", "c"}


def test_yente_clients_match_unchanged(client: TestClient) -> None:
    publish(client)
    body = {"queries": {"q1": {"schema": "Person", "properties": {"name": ["Yamada Taro"],
                                                                  "birthDate": ["1989-04-16"],
                                                                  "nationality": ["jp"]}}}}
    result = client.post("/match/default", json=body, headers=FR).json()
    first = result["responses"]["q1"]["results"][0]
    assert first["match"] is True and first["id"] == "ncb-2026-00001" and first["score"] > 0.9


def test_a_newly_published_notice_is_screenable_without_a_restart(client: TestClient) -> None:
    assert client.post("/screening/check", json={"traveller": {"names": ["Taro Yamada"]}}).json()["hits"] == []
    doc = notice_to_dict(make_notice())
    doc["entity_id"] = None
    eid = client.post("/api/notices", json=doc).json()["entity_id"].replace("/", "-")
    client.post(f"/api/notices/{eid}/submit")
    client.post(f"/api/notices/{eid}/review", json={"decision": "approve"},
                headers={"X-NCB-Act-As": "general-secretariat"})
    assert client.post("/screening/check", json={"traveller": {"names": ["Taro Yamada"]}}).json()["hits"]


def test_travellers_checked_before_a_notice_is_published_are_screened_when_it_is(client: TestClient) -> None:
    assert client.post("/screening/check", json={"traveller": {"names": ["Yamada Taro"]}}, headers=FR).json()[
        "hits"] == []
    doc = notice_to_dict(make_notice())
    doc["entity_id"] = None
    eid = client.post("/api/notices", json=doc).json()["entity_id"].replace("/", "-")
    client.post(f"/api/notices/{eid}/submit")
    client.post(f"/api/notices/{eid}/review", json={"decision": "approve"},
                headers={"X-NCB-Act-As": "general-secretariat"})
    queue = client.get("/screening/hits", headers=FR).json()
    assert queue and queue[0]["query"]["retro"] is True


def test_a_stolen_passport_is_flagged_at_the_desk(client: TestClient) -> None:
    reported = client.post("/api/travel-documents", json={"number": "TR1234567", "issuing_country": "JP",
                                                         "type": "passport", "status": "stolen"})
    assert reported.status_code in (200, 201), reported.text
    body = client.post("/screening/check", json={"traveller": {"names": ["Jane Doe"], "document_number": "TR 1234567"}},
                       headers=FR).json()
    assert body["travel_document_alerts"][0]["status"] == "stolen"


def test_organisations_on_the_un_list_are_screened_by_organisation_queries_only(client: TestClient) -> None:
    from ncb.domain.notices import Name, NoticeType, Subject, SubjectKind, UnSanctions

    publish(client)
    org = make_notice(entity_id="2017/05678", type=NoticeType.UN_SPECIAL, warrants=(), facts=None,
                      extradition_countries=(), status=NoticeStatus.PUBLISHED,
                      un=UnSanctions(reference="QDe.999", resolution="1267", summary="Front company."),
                      subject=Subject(kind=SubjectKind.ORGANISATION, names=(Name(name="EXAMPLE TRADING LLC"),),
                                      nationalities=("AE",)))
    assert client.post("/api/imports", json=notice_to_dict(org)).status_code == 200
    body = {"queries": {"org": {"schema": "Organization", "properties": {"name": ["Example Trading"]}},
                        "person": {"schema": "Person", "properties": {"name": ["Example Trading"]}},
                        "any": {"schema": "LegalEntity", "properties": {"name": ["Example Trading LLC"]}},
                        "odd": {"schema": "Vessel", "properties": {"name": ["Example"]}}}}
    result = client.post("/match/default", json=body, headers=FR).json()["responses"]
    assert result["org"]["results"][0]["id"] == "ncb-2017-05678"
    assert result["org"]["results"][0]["schema"] == "Organization" and result["org"]["results"][0]["match"]
    assert all(r["id"] != "ncb-2017-05678" for r in result["person"]["results"])
    assert result["any"]["results"][0]["id"] == "ncb-2017-05678"
    assert result["odd"]["status"] == 400 and "Organization" in result["odd"]["detail"]
    # A traveller (a person) never hits the organisation.
    check = client.post("/screening/check", json={"traveller": {"names": ["Example Trading LLC"]}}, headers=FR)
    assert all(h["candidate_id"] != "2017/05678" for h in check.json()["hits"])


def test_once_its_index_is_built_a_server_keeps_it_and_the_name_dictionaries_out_of_the_collectors_way(
        client: TestClient) -> None:
    import gc
    import sys

    publish(client)
    gc.unfreeze()
    checked = client.post("/screening/check", json={"traveller": {"names": ["Taro Yamada"]}}, headers=FR)
    assert checked.status_code == 200
    assert gc.get_freeze_count() > 0 and "pypinyin" in sys.modules  # Chinese read once, then frozen with the rest
    phrases = sys.modules["pypinyin.constants"].PHRASES_DICT
    assert not any(o is phrases for o in gc.get_objects(generation=2))
