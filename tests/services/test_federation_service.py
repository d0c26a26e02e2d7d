"""Two instances in one process (each its own database): notices and hit notifications go through the outbox,
are delivered with retries, and are processed once."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import Engine

from ncb.domain.access import Viewer
from ncb.domain.federation import LocalInstance, public_key_text
from ncb.domain.identity import Actor, Role
from ncb.domain.notices import NoticeStatus, Restriction, RestrictionMode
from ncb.errors import Conflict, PermissionDenied, ValidationError
from ncb.services import federation as svc
from ncb.storage.dialect import make_engine
from ncb.storage.migrate import upgrade
from ncb.storage.uow import SqlUnitOfWork
from tests.builders import make_notice
from tests.conftest import NOW

ADMIN = Actor("root", Viewer.public(), frozenset({Role.SYSTEM_ADMIN}))
JP_OFFICER = Actor("sato@JP", Viewer.bureau("JP"))


class Instance:
    def __init__(self, engine: Engine, bureau: str) -> None:
        self.engine = engine
        self.local = LocalInstance(bureau, Ed25519PrivateKey.generate())

    def uow(self) -> SqlUnitOfWork:
        return SqlUnitOfWork(self.engine)

    @property
    def public_key(self) -> str:
        return public_key_text(self.local.key.public_key())


@pytest.fixture
def pair(engine: Engine, tmp_path: Path) -> Iterator[tuple[Instance, Instance]]:
    upgrade(engine)
    other = make_engine(f"sqlite:///{tmp_path / 'fr.db'}")
    upgrade(other)
    jp, fr = Instance(engine, "JP"), Instance(other, "FR")
    svc.add_partner(jp.uow(), actor=ADMIN, code="FR", base_url="http://fr.test", public_key=fr.public_key, now=NOW)
    svc.add_partner(fr.uow(), actor=ADMIN, code="JP", base_url="http://jp.test", public_key=jp.public_key, now=NOW)
    yield jp, fr
    other.dispose()


def wire(receiver: Instance, log: list[str], *, down: bool = False) -> svc.Transport:
    def post(url: str, body: dict[str, Any]) -> tuple[int, str]:
        if down:
            raise OSError("connection refused")
        status, envelope = svc.receive(receiver.uow(), body=body, me=receiver.local.bureau, now=NOW)
        log.append(status)
        return 200, status

    return post


def publish(instance: Instance, **overrides: object) -> None:
    with instance.uow() as uow:
        uow.notices.add(make_notice(status=NoticeStatus.PUBLISHED, **overrides))
        uow.commit()


def test_a_notice_sent_while_the_partner_is_down_arrives_once_it_is_back(pair: tuple[Instance, Instance]) -> None:
    jp, fr = pair
    publish(jp)
    svc.send_notice(jp.uow(), actor=JP_OFFICER, local=jp.local, entity_id="2026/00001", recipient="FR", now=NOW)
    log: list[str] = []
    failed = svc.deliver_due(jp.uow, transport=wire(fr, log, down=True), now=NOW)
    assert (failed.delivered, failed.failed) == (0, 1) and "connection refused" in failed.errors[0]
    assert svc.deliver_due(jp.uow, transport=wire(fr, log), now=NOW).delivered == 0  # backing off
    later = NOW + timedelta(seconds=3)
    assert svc.deliver_due(jp.uow, transport=wire(fr, log), now=later).delivered == 1
    with fr.uow() as uow:
        received = uow.notices.get("2026/00001")
        assert received is not None and received.owner == "JP"
        assert uow.notices.history("2026/00001")[-1].actor == "federation:JP"
    [item] = svc.outbox(jp.uow())
    assert item["delivered_at"] and item["attempts"] == 2
    assert svc.deliver_due(jp.uow, transport=wire(fr, log), now=later + timedelta(hours=1)).delivered == 0
    assert log == ["accepted"]


def test_a_retried_envelope_is_processed_once_and_other_content_under_its_id_is_refused(
        pair: tuple[Instance, Instance]) -> None:
    jp, fr = pair
    publish(jp)
    envelope = svc.send_notice(jp.uow(), actor=JP_OFFICER, local=jp.local, entity_id="2026/00001",
                               recipient="FR", now=NOW)
    with jp.uow() as uow:
        [item] = uow.federation.due(NOW, 10)
    body = {"envelope": envelope.to_json(), "signature": item.signature}
    assert svc.receive(fr.uow(), body=body, me="FR", now=NOW)[0] == "accepted"
    assert svc.receive(fr.uow(), body=body, me="FR", now=NOW)[0] == "duplicate"
    with fr.uow() as uow:
        assert len(uow.notices.history("2026/00001")) == 1
        assert uow.federation.inbox_count() == 1
    forged = {"envelope": {**envelope.to_json(), "payload": {"notice": {}}}, "signature": item.signature}
    with pytest.raises(PermissionDenied, match="does not verify"):
        svc.receive(fr.uow(), body=forged, me="FR", now=NOW)


def test_restrictions_travel_with_the_notice(pair: tuple[Instance, Instance]) -> None:
    jp, _ = pair
    publish(jp, restriction=Restriction(RestrictionMode.DENY, frozenset({"FR"})))
    with pytest.raises(PermissionDenied, match="do not let FR see it"):
        svc.send_notice(jp.uow(), actor=JP_OFFICER, local=jp.local, entity_id="2026/00001", recipient="FR", now=NOW)
    with jp.uow() as uow:
        assert uow.federation.pending_count() == 0


def test_only_partners_and_only_own_notices(pair: tuple[Instance, Instance]) -> None:
    jp, fr = pair
    publish(jp)
    with pytest.raises(ValidationError, match="US is not a partner"):
        svc.send_notice(jp.uow(), actor=JP_OFFICER, local=jp.local, entity_id="2026/00001", recipient="US", now=NOW)
    publish(fr, entity_id="2026/00002", owner="US")
    with pytest.raises(PermissionDenied, match="only the owner bureau"):
        svc.send_notice(fr.uow(), actor=Actor("a@FR", Viewer.bureau("FR")), local=fr.local, entity_id="2026/00002",
                        recipient="JP", now=NOW)
    with pytest.raises(PermissionDenied, match="system_admin|manage_system"):
        svc.add_partner(jp.uow(), actor=JP_OFFICER, code="US", base_url="http://us.test", public_key=fr.public_key,
                        now=NOW)


def test_a_hit_notification_enters_the_owner_bureaus_queue_once(pair: tuple[Instance, Instance]) -> None:
    jp, fr = pair
    publish(jp)
    with fr.uow() as uow:
        svc.send_hit(uow, local=fr.local, owner="JP", entity_id="2026/00001", score=0.93,
                     explanation={"score": 0.93}, query={"names": ["Taro Yamada"]}, now=NOW)
        uow.commit()
    log: list[str] = []
    assert svc.deliver_due(fr.uow, transport=wire(jp, log), now=NOW).delivered == 1
    with jp.uow() as uow:
        [hit] = uow.hits.queue("JP")
        assert hit.screened_by == "FR" and hit.disclosed is False and hit.entity_id == "2026/00001"


def test_a_conflicting_resend_is_refused(pair: tuple[Instance, Instance]) -> None:
    jp, fr = pair
    publish(jp)
    envelope = svc.send_notice(jp.uow(), actor=JP_OFFICER, local=jp.local, entity_id="2026/00001",
                               recipient="FR", now=NOW)
    from ncb.domain.federation import Envelope, sign

    svc.receive(fr.uow(), body={"envelope": envelope.to_json(), "signature": sign(envelope, jp.local.key)}, me="FR",
                now=NOW)
    other = Envelope(envelope.id, "JP", "FR", envelope.kind, envelope.created_at, {"notice": {"changed": True}})
    with pytest.raises(Conflict, match="other content"):
        svc.receive(fr.uow(), body={"envelope": other.to_json(), "signature": sign(other, jp.local.key)}, me="FR",
                    now=NOW)


def test_erasing_a_notice_erases_what_the_exchange_kept_of_it(pair: tuple[Instance, Instance]) -> None:
    jp, fr = pair
    publish(jp)
    publish(jp, entity_id="2026/00002")
    for entity_id in ("2026/00001", "2026/00002"):
        svc.send_notice(jp.uow(), actor=JP_OFFICER, local=jp.local, entity_id=entity_id, recipient="FR", now=NOW)
    log: list[str] = []
    with jp.uow() as uow:
        [first, _] = sorted(uow.federation.due(NOW, 10), key=lambda i: json.loads(i.envelope)["payload"]["notice"]
                            ["entity_id"])
        uow.federation.mark_delivered(first.id, NOW)  # 00001 delivered, 00002 still waiting
        uow.commit()
    svc.receive(fr.uow(), body={"envelope": json.loads(first.envelope), "signature": first.signature}, me="FR",
                now=NOW)
    for instance in (jp, fr):
        with instance.uow() as uow:
            for entity_id in ("2026/00001", "2026/00002"):
                uow.federation.erase_about(entity_id)
            uow.commit()
    with jp.engine.connect() as conn:
        assert "YAMADA" not in str(conn.exec_driver_sql("SELECT * FROM federation_outbox").all())
        assert conn.exec_driver_sql("SELECT count(*) FROM federation_outbox").scalar() == 1  # the unsent one dropped
    with fr.engine.connect() as conn:
        assert "YAMADA" not in str(conn.exec_driver_sql("SELECT * FROM federation_inbox").all())
    replay = {"envelope": json.loads(first.envelope), "signature": first.signature}
    assert svc.receive(fr.uow(), body=replay, me="FR", now=NOW)[0] == "duplicate"
    assert svc.deliver_due(jp.uow, transport=wire(fr, log), now=NOW).delivered == 0


def test_a_cooperation_message_to_a_partner_goes_through_the_outbox_with_its_attachment(
        pair: tuple[Instance, Instance]) -> None:
    import hashlib

    from ncb.services import cooperation

    jp, fr = pair
    publish(jp)
    publish(fr)  # FR already holds the notice (sent earlier): its restriction is checked on both sides
    sato = Actor("sato@JP", Viewer.bureau("JP"), purpose="locating a fugitive")
    data = b"%PDF warrant"
    draft = cooperation.draft_message(
        {"type": "locate_request", "recipients": ["FR"], "subject": "Locate YAMADA Taro", "body": "In Lyon.",
         "notices": ["2026/00001"], "deadline": "2026-12-10"}, jp.uow(), actor=sato, now=NOW,
        attachments=[cooperation.NewAttachment("warrant.pdf", "application/pdf", data,
                                               hashlib.sha256(data).hexdigest())])
    cooperation.send_message(draft.id, jp.uow(), actor=sato, now=NOW)
    with jp.uow() as uow:
        [item] = uow.federation.due(NOW, 10)
        assert item.kind == "message" and item.signature == ""  # signed on its way out
    log: list[str] = []
    assert svc.deliver_due(jp.uow, transport=wire(fr, log), now=NOW, local=jp.local).delivered == 1
    dupont = Actor("dupont@FR", Viewer.bureau("FR"), purpose="answering JP")
    view = cooperation.get_message(draft.id, fr.uow(), actor=dupont, now=NOW)
    assert view.message.status.value == "received" and view.message.sender.bureau == "JP"
    assert cooperation.attachment(draft.id, "warrant.pdf", fr.uow(), actor=dupont, now=NOW)[1] == data
    # Delivery without the key refuses to send an unsigned envelope (it stays queued).
    cooperation.send_message(cooperation.draft_message(
        {"type": "information_request", "recipients": ["FR"], "subject": "x", "body": "y"}, jp.uow(), actor=sato,
        now=NOW).id, jp.uow(), actor=sato, now=NOW)
    report = svc.deliver_due(jp.uow, transport=wire(fr, log), now=NOW)
    assert report.failed == 1 and "no key" in report.errors[0]
