"""Screening travellers and lists against the notices (or a watchlist file), within the viewer's rights.

Records come in as dicts (a CSV row, a JSON line) or raw MRZ text; each becomes a matching
:class:`~ncb.matching.Person` or a problem for that record alone, and the rest of the job goes on.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import Any

from ncb.domain.access import Viewer, can_view
from ncb.domain.codes import Sex
from ncb.domain.countries import validate_country
from ncb.domain.dates import PartialDate
from ncb.domain.identity import Actor, Permission
from ncb.domain.notices import Notice, NoticeStatus, SubjectKind
from ncb.domain.screening import HitStatus, QueuedHit, TravelRecord
from ncb.domain.search import NoticeFilter
from ncb.domain.travel_documents import normalise_number
from ncb.errors import NcbError, NotFound, PermissionDenied, ValidationError
from ncb.matching.compare import DEFAULT_THRESHOLD
from ncb.matching.index import Mapper as IndexMapper
from ncb.matching.index import ScreeningIndex
from ncb.matching.model import Hit, Person
from ncb.matching.mrz import parse_mrz
from ncb.services import audit, cooperation
from ncb.services.ports import UnitOfWork

MAX_NAME = 300


def person_of_notice(notice: Notice) -> Person | None:
    """The screenable subject of a notice: published, a person or an organisation (the UN list's entities),
    with a name or a document."""
    s = notice.subject
    if notice.status is not NoticeStatus.PUBLISHED or s.kind not in (SubjectKind.PERSON, SubjectKind.ORGANISATION):
        return None
    names = tuple(dict.fromkeys(n.full for n in s.names))
    documents = tuple(d.number for d in s.identity_documents)
    if not names and not documents:
        return None
    if s.kind is SubjectKind.ORGANISATION:
        return Person(notice.entity_id, names, None, s.nationalities, None, documents, kind="entity")
    return Person(notice.entity_id, names, str(s.date_of_birth) if s.date_of_birth else None, s.nationalities,
                  s.sex.value, documents)


def _text(record: Mapping[str, Any], key: str, where: str) -> str | None:
    value = record.get(key)
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise ValidationError(f"{key} must be text, not {type(value).__name__}", field=key, record=where)
    return value.strip() or None


@lru_cache(maxsize=50_000)
def _date_problem(text: str) -> str | None:
    """What is wrong with a date of birth as written (None when it is a date): kept, since a passenger list's
    dates repeat."""
    try:
        PartialDate.parse(text)
    except ValidationError as exc:
        return exc.message
    return None


def traveller_from_record(record: Mapping[str, Any], where: str, *, today: date) -> Person:
    """A traveller from one input record: ``{"id", "name", "date_of_birth", "nationality", "sex",
    "document_number"}`` (all but ``id`` and ``name`` optional), or ``{"id", "mrz"}``."""
    if not isinstance(record, Mapping):
        raise ValidationError("a record must be an object", record=where)
    rid = record.get("id")
    rid = str(rid) if rid not in (None, "") else where
    mrz = _text(record, "mrz", where)
    if mrz:
        return traveller_from_mrz(mrz, rid, today=today)
    name = _text(record, "name", rid)
    if not name:
        raise ValidationError("a name is required", field="name", record=rid)
    if len(name) > MAX_NAME:
        raise ValidationError(f"a name of {len(name)} characters is not a name", field="name", record=rid)
    if not any(ch.isalpha() for ch in name):
        raise ValidationError(f"{name!r} has no letters", field="name", record=rid)
    dob = _text(record, "date_of_birth", rid)
    if dob and (problem := _date_problem(dob)):
        raise ValidationError(problem, field="date_of_birth", record=rid)
    nationality = _text(record, "nationality", rid)
    nationalities = tuple(validate_country(n.strip(), field="nationality") for n in nationality.split(";")
                          if n.strip()) if nationality else ()
    sex_text = _text(record, "sex", rid)
    try:
        sex = Sex.parse(sex_text).value if sex_text else None
    except ValidationError as exc:
        raise ValidationError(exc.message, field="sex", record=rid) from None
    document = _text(record, "document_number", rid)
    return Person(rid, (name,), dob, nationalities, sex, (document,) if document else ())


def traveller_from_mrz(text: str, rid: str, *, today: date) -> Person:
    """A traveller read from a machine-readable zone (its name, birth date, nationality, sex, number)."""
    try:
        result = parse_mrz(text, today=today)
    except ValidationError as exc:
        raise ValidationError(exc.message, field="mrz", record=rid) from None
    f = result.fields
    name = " ".join(p for p in (f.name.given_names, f.name.surname) if p)
    if not name.strip():
        raise ValidationError("the MRZ holds no name", field="mrz", record=rid)
    dob = f"{f.date_of_birth:%Y/%m/%d}" if f.date_of_birth else None
    nationality = (f.nationality.alpha2,) if f.nationality.alpha2 else ()
    sex = f.sex if f.sex in ("M", "F") else None
    return Person(rid, (name,), dob, nationality, sex, (f.document_number,) if f.document_number else ())


def watchlist_entry(record: Mapping[str, Any], where: str) -> Person:
    """One watchlist line: ``{"id", "names": [...], "date_of_birth", "nationalities", "sex"}``."""
    if not isinstance(record, Mapping):
        raise ValidationError("a watchlist entry must be an object", record=where)
    rid = record.get("id")
    if rid in (None, ""):
        raise ValidationError("an id is required", field="id", record=where)
    names = record.get("names")
    if isinstance(names, str):
        names = [names]
    if not isinstance(names, list) or not names or not all(isinstance(n, str) and n.strip() for n in names):
        raise ValidationError("names must be a list of one or more names", field="names", record=str(rid))
    nats = record.get("nationalities") or []
    if isinstance(nats, str):
        nats = [nats]
    documents = record.get("documents") or []
    return Person(str(rid), tuple(n.strip() for n in names), _text(record, "date_of_birth", str(rid)),
                  tuple(validate_country(n, field="nationalities") for n in nats), _text(record, "sex", str(rid)),
                  tuple(str(d) for d in documents))


@dataclass(frozen=True)
class Outcome:
    """What screening one record gave: its hits, or the problem with the record."""

    where: str
    input_id: str | None
    hits: tuple[Hit, ...] = ()
    problem: str | None = None


def screen_records(index: ScreeningIndex, records: Iterable[tuple[str, Any]], *, today: date,
                   threshold: float, limit: int = 5) -> list[Outcome]:
    """Screen a chunk of records (a dict or raw MRZ text each). Pure given the index; a bad record becomes
    an outcome with its problem. The chunk's travellers are searched together (:meth:`ScreeningIndex.search_many`).
    Runs in worker processes for large jobs."""
    read: list[tuple[str, Person | str]] = []
    for where, record in records:
        try:
            read.append((where, _traveller(where, record, today)))
        except NcbError as exc:
            read.append((where, str(exc)))
    people = [p for _w, p in read if isinstance(p, Person)]
    found = iter(index.search_many(people, threshold=threshold, limit=limit))
    return [Outcome(where, p.id, tuple(next(found))) if isinstance(p, Person) else Outcome(where, None, (), p)
            for where, p in read]


def _traveller(where: str, record: Any, today: date) -> Person:
    """One record as a traveller: a dict, a JSON line or a raw MRZ."""
    if not isinstance(record, bytes | str):
        return traveller_from_record(record, where, today=today)
    text = record.decode() if isinstance(record, bytes) else record
    if not text.lstrip().startswith("{"):
        return traveller_from_mrz(text, where, today=today)
    try:
        loaded = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ValidationError(f"not valid JSON: {exc}", record=where) from None
    return traveller_from_record(loaded, where, today=today)


def result_lines(outcomes: Iterable[Outcome]) -> Iterator[dict[str, Any]]:
    """Output lines ``{"input_id", "watchlist_id", "score", "explanation"}``, one per hit."""
    for o in outcomes:
        for h in o.hits:
            yield {"input_id": o.input_id, "watchlist_id": h.candidate_id, "score": round(h.score, 4),
                   "explanation": h.explain()}


def build_index(uow: UnitOfWork, *, today: date, viewer: Viewer | None = None, mapper: IndexMapper | None = None,
                progress: Callable[[int], None] | None = None) -> ScreeningIndex:
    """The index of every screenable person: the subjects of published notices. Without a ``viewer`` the
    restrictions are applied when hits are shown, so one index serves every viewer; with one (an offline
    bundle for a country), only what that viewer may see is indexed."""
    with uow:
        people = [p for n in uow.notices.iter_all(NoticeFilter(statuses=frozenset({NoticeStatus.PUBLISHED})),
                                                   today=today)
                  if (viewer is None or can_view(viewer, n)) and (p := person_of_notice(n)) is not None]
    return ScreeningIndex.build(people, mapper=mapper, progress=progress)


def record_screening_job(uow: UnitOfWork, *, actor: Actor, now: datetime, source: str) -> None:
    """A list about to be screened against the notices with its hits written out (``ncb screen``): recorded
    and committed before it starts, with the list's name in the payload."""
    with uow:
        audit.record(uow, actor=actor, action="screening.list", object="list", outcome="started", now=now,
                     personal_data={"source": source}, recipients=[audit.actor_bureau(actor)])
        uow.commit()


def refresh_in_index(index: ScreeningIndex, notice: Notice) -> None:
    """Keep the index current after a notice changed: in when published, out otherwise."""
    person = person_of_notice(notice)
    if person is None:
        index.remove(notice.entity_id)
    else:
        index.add(person)


def _query_dict(person: Person) -> dict[str, Any]:
    """The traveller as shown in the hit queue: document numbers masked but for their ends."""
    return _record_person(person) | {
        "documents": [d[:2] + "*" * max(0, len(d) - 4) + d[-2:] for d in person.documents]}


def check_traveller(person: Person, index: ScreeningIndex, uow: UnitOfWork, *, actor: Actor, now: datetime,
                    threshold: float = DEFAULT_THRESHOLD, limit: int = 5,
                    keep_for: timedelta | None = None) -> list[Hit]:
    """Screen one traveller. Hits on notices the viewer may see are returned and queued for the viewer's
    bureau; a hit on a notice the viewer may not see is never shown: its owner bureau is told instead.
    With ``keep_for``, the traveller is kept that long as a travel record, to be screened against notices
    published later.

    The check is an audit event in the same transaction: the traveller and the hits (shown or told) in its
    payload, the bureaus told as recipients."""
    [shown] = check_travellers([person], index, lambda: uow, actor=actor, now=now, threshold=threshold, limit=limit,
                               keep_for=keep_for)
    return shown


def check_travellers(people: Sequence[Person], index: ScreeningIndex, uows: Callable[[], UnitOfWork], *,
                     actor: Actor, now: datetime, threshold: float = DEFAULT_THRESHOLD, limit: int = 5,
                     keep_for: timedelta | None = None) -> list[list[Hit]]:
    """Screen many travellers (a list's chunk) as many single checks (:func:`check_traveller`): their candidates
    are found together (:meth:`ScreeningIndex.search_many`), then each traveller is kept, queued and recorded in
    a transaction of its own, from ``uows()``."""
    if not actor.can(Permission.SCREEN):
        audit.refuse(uows(), actor=actor, action="screening.check", object="traveller", now=now,
                     reason="permission denied")
        actor.require(Permission.SCREEN, "screening a traveller")
    found = index.search_many(people, threshold=threshold, limit=limit * 3)
    return [_record_check(person, hits, uows(), actor=actor, now=now, limit=limit, keep_for=keep_for)
            for person, hits in zip(people, found, strict=True)]


def _record_check(person: Person, found: list[Hit], uow: UnitOfWork, *, actor: Actor, now: datetime, limit: int,
                  keep_for: timedelta | None) -> list[Hit]:
    viewer = actor.viewer
    shown: list[Hit] = []
    told: list[dict[str, Any]] = []
    with uow:
        if keep_for:
            uow.travel_records.add(TravelRecord(None, viewer.country, now, now + keep_for, _record_person(person)))
        for hit in found:
            notice = uow.notices.get(hit.candidate_id)
            if notice is None or not notice.status.is_live:
                continue  # erased, or expired/withdrawn since the index was built: never a hit
            visible = can_view(viewer, notice)
            queue = viewer.country if visible and viewer.country else notice.owner
            uow.hits.add(QueuedHit(None, notice.entity_id, queue, viewer.country, visible, _query_dict(person),
                                   hit.score, hit.as_dict(), now))
            is_shown = visible and len(shown) < limit
            if is_shown:
                shown.append(hit)
            told.append({"notice": notice.entity_id, "score": round(hit.score, 4), "queue": queue,
                         "shown": is_shown})
        audit.record(uow, actor=actor, action="screening.check", object=f"traveller:{person.id}",
                     outcome=f"{len(shown)} hits shown", now=now,
                     personal_data={"traveller": _record_person(person), "hits": told},
                     recipients=[t["queue"] for t in told], about=[f"notice:{t['notice']}" for t in told])
        uow.commit()
    return shown


def document_alerts(person: Person, uow: UnitOfWork) -> list[dict[str, Any]]:
    """Open stolen/lost/revoked reports of the traveller's document numbers (the SLTD check at the desk)."""
    alerts: list[dict[str, Any]] = []
    if not person.documents:
        return alerts
    with uow:
        for number in person.documents:
            for doc in uow.travel_documents.find(normalise_number(number)):
                if doc.hits:
                    alerts.append({"number": doc.number, "issuing_country": doc.issuing_country,
                                   "type": doc.type.value, "status": doc.status.value, "reported_by": doc.reported_by,
                                   "reported_on": doc.reported_on.isoformat()})
    return alerts


def _record_person(person: Person) -> dict[str, Any]:
    """The traveller as kept in a travel record (whole: retro-screening compares document numbers)."""
    return {"id": person.id, "names": list(person.names), "date_of_birth": person.date_of_birth,
            "nationalities": list(person.nationalities), "sex": person.sex, "documents": list(person.documents)}


RETRO_CHUNK = 1000  # kept travel records searched together when a notice is published


def retro_screen(notice: Notice, uow: UnitOfWork, *, now: datetime, threshold: float = DEFAULT_THRESHOLD,
                 actor: Actor = audit.SYSTEM) -> int:
    """Screen the kept travel records against a notice just published; every hit enters the queue of the
    bureau that checked the traveller (or, when that bureau may not see the notice, the owner's). Expired
    records are purged first. Returns how many hits were queued."""
    listed = person_of_notice(notice)
    if listed is None:
        return 0
    index = ScreeningIndex.build([listed])
    queued = 0
    told: list[dict[str, Any]] = []
    with uow:
        uow.travel_records.purge(now)
        kept = []
        for record in uow.travel_records.current(now):
            p = record.person
            traveller = Person(str(p.get("id") or record.id), tuple(p.get("names") or ()), p.get("date_of_birth"),
                               tuple(p.get("nationalities") or ()), p.get("sex"), tuple(p.get("documents") or ()))
            if traveller.names or traveller.documents:
                kept.append((record, traveller))
        for start in range(0, len(kept), RETRO_CHUNK):
            chunk = kept[start:start + RETRO_CHUNK]
            found = index.search_many([t for _r, t in chunk], threshold=threshold, limit=1)
            for (record, traveller), hits in zip(chunk, found, strict=True):
                for hit in hits:
                    bureau = Viewer.bureau(record.bureau) if record.bureau else None
                    visible = bureau is not None and can_view(bureau, notice)
                    query = _query_dict(traveller) | {"recorded_at": record.recorded_at.isoformat(), "retro": True}
                    queue = record.bureau if visible and record.bureau else notice.owner
                    uow.hits.add(QueuedHit(None, notice.entity_id, queue, record.bureau, visible, query, hit.score,
                                           hit.as_dict(), now))
                    told.append({"travel_record": record.id, "score": round(hit.score, 4), "queue": queue})
                    queued += 1
        if told:
            audit.record(uow, actor=actor, action="screening.retro", object=f"notice:{notice.entity_id}",
                         outcome=f"{queued} hits queued", now=now, personal_data={"hits": told},
                         recipients=[t["queue"] for t in told])
        uow.commit()
    return queued


def _shown_to(uow: UnitOfWork, viewer: Viewer, hits: list[QueuedHit]) -> list[QueuedHit]:
    """The queued hits on notices the viewer may see now: an agency reading its bureau's queue sees only what its
    grant allows, and a notice withdrawn or restricted since the hit was queued leaves the queue of those it no
    longer concerns (its owner bureau always sees it)."""
    return [h for h in hits if (n := uow.notices.get(h.entity_id)) is not None and can_view(viewer, n)]


def hit_queue(uow: UnitOfWork, *, actor: Actor, now: datetime, status: HitStatus | None = HitStatus.PENDING,
              limit: int = 100) -> list[QueuedHit]:
    """The hits waiting for (or decided by) the actor's bureau. Showing them (travellers and notices) is an
    audit event; which hits were shown is in its payload."""
    country = actor.viewer.country
    with uow:
        with audit.refusals(uow, actor=actor, action="hits.shown", object="hit-queue", now=now):
            actor.require(Permission.DECIDE_HITS, "the hit queue")
            if country is None:
                raise PermissionDenied("only a bureau's officers have a hit queue")
        queued = _shown_to(uow, actor.viewer, uow.hits.queue(country, status, limit))
        audit.record(uow, actor=actor, action="hits.shown", object=f"hit-queue:{country}",
                     outcome=f"{len(queued)} hits shown", now=now,
                     personal_data={"status": status.value if status else "all",
                                    "hits": [{"hit": h.id, "notice": h.entity_id} for h in queued]},
                     recipients=[country], about=[f"notice:{h.entity_id}" for h in queued])
        uow.commit()
    return queued


def decide_hit(hit_id: int, decision: HitStatus, uow: UnitOfWork, *, actor: Actor, now: datetime,
               reason: str | None) -> QueuedHit:
    """An officer confirms or dismisses a hit of their bureau's queue, with a reason; both are recorded."""
    what = f"hit.{decision.value}"
    with uow:
        with audit.refusals(uow, actor=actor, action=what, object=f"hit:{hit_id}", now=now):
            actor.require(Permission.DECIDE_HITS, "deciding a hit")
            hit = uow.hits.get(hit_id)
            if hit is None or hit.queue != actor.viewer.country:
                raise NotFound(f"no hit {hit_id} in your queue", record=str(hit_id))
            hit.status.decide(decision, reason)
            uow.hits.decide(hit_id, decision, actor.name, now, (reason or "").strip())
            if decision is HitStatus.CONFIRMED:  # the owner is notified; a Red Notice's case opened or joined
                cooperation.hit_confirmed(uow, hit, actor=actor, now=now)
        audit.record(uow, actor=actor, action=what, object=f"hit:{hit_id}", outcome=decision.value, now=now,
                     personal_data={"reason": reason} if reason else None, subject=f"notice:{hit.entity_id}")
        uow.commit()
        decided = uow.hits.get(hit_id)
    assert decided is not None
    return decided
