"""The SQL notice repository: notices as JSON documents plus the columns and child rows lists filter on."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Collection, Iterator, Mapping
from datetime import UTC, date, datetime
from functools import lru_cache
from typing import Any

from sqlalchemy import Connection, and_, delete, false, func, insert, not_, or_, select, true, update
from sqlalchemy.sql.elements import ColumnElement

from ncb.domain.access import Viewer, ViewerKind, can_view
from ncb.domain.documents import document_hash, notice_from_dict, notice_to_dict
from ncb.domain.notices import Action, Notice, NoticeStatus, RestrictionMode, Transition
from ncb.domain.search import NoticeFilter, born_between, search_text
from ncb.errors import Conflict
from ncb.services.ports import Page, StoredImage
from ncb.storage.dialect import contains, refresh_statistics
from ncb.storage.tables import images, notice_documents, notice_transitions, notices, screening_hits

_joined = notices.join(notice_documents, notice_documents.c.notice_id == notices.c.id)


SEP = "\x1f"  # between name forms in family_names / forenames; never in a search term


def _delimited(codes: Any) -> str:
    codes = sorted(codes)
    return "," + ",".join(codes) + "," if codes else ""


Prepared = tuple[dict[str, Any], dict[str, Any]]


@lru_cache(maxsize=4096)
def _decoded(document: str) -> Notice:
    """A stored document as a notice, remembered by its exact text: lists read the same documents again and again,
    and decoding with validation is most of their time. Keyed by the text, an edited notice is decoded afresh;
    a notice is immutable, so sharing one between readers is safe."""
    return notice_from_dict(json.loads(document))


def _rows(notice: Notice, now: datetime, known_hash: str | None = None) -> Prepared:
    """The ``notices`` row and the ``notice_documents`` row (without ids) of a notice."""
    s = notice.subject
    doc = notice_to_dict(notice)
    families = [n.name if n.name else n.full for n in s.names if n.name or not n.forename]
    forenames = [n.forename for n in s.names if n.forename]
    row = {
        "public": notice.is_public,
        "entity_id": notice.entity_id,
        "type": notice.type.value,
        "status": notice.status.value,
        "owner": notice.owner,
        "agency": notice.agency,
        "public_extract": notice.public_extract,
        "restriction_mode": notice.restriction.mode.value,
        "restriction_countries": _delimited(notice.restriction.countries),
        "addressees": _delimited(notice.addressees),
        "sex": s.sex.value,
        "dob_earliest": s.date_of_birth.earliest() if s.date_of_birth else None,
        "nationalities": _delimited(set(s.nationalities)),
        "warrant_countries": _delimited({w.issuing_country for w in notice.warrants}),
        "family_names": SEP.join(f.casefold() for f in families if f),
        "forenames": SEP.join(f.casefold() for f in forenames),
        "un_reference": notice.un.reference if notice.un else None,
        "un_resolution": notice.un.resolution if notice.un else None,
        "listed_at": notice.published_at or notice.created_at or now,
        "expires_on": notice.expires_on,
    }
    document = {"document": json.dumps(doc, ensure_ascii=False, separators=(",", ":")),
                "search_text": search_text(notice).casefold(), "content_hash": known_hash or document_hash(doc),
                "created_at": notice.created_at or now, "updated_at": now}
    return row, document


class SqlNoticeRepository:
    def __init__(self, conn: Connection, clock: Any = None) -> None:
        self.conn = conn
        self._now = clock or (lambda: datetime.now(UTC))

    # -- reading -----------------------------------------------------------------------------------
    def _id(self, entity_id: str) -> int | None:
        return self.conn.execute(select(notices.c.id).where(notices.c.entity_id == entity_id)).scalar()

    def get(self, entity_id: str) -> Notice | None:
        doc = self.conn.execute(select(notice_documents.c.document).select_from(_joined)
                                .where(notices.c.entity_id == entity_id)).scalar()
        return _decoded(doc) if doc is not None else None

    def content_hash(self, entity_id: str) -> str | None:
        return self.conn.execute(select(notice_documents.c.content_hash).select_from(_joined)
                                 .where(notices.c.entity_id == entity_id)).scalar()

    def count(self) -> int:
        return int(self.conn.execute(select(func.count()).select_from(notices)).scalar_one())

    def history(self, entity_id: str) -> list[Transition]:
        t = notice_transitions
        rows = self.conn.execute(
            select(t).join(notices, notices.c.id == t.c.notice_id)
            .where(notices.c.entity_id == entity_id).order_by(t.c.id)).mappings()
        return [Transition(entity_id=entity_id, action=Action(r["action"]),
                           from_status=NoticeStatus(r["from_status"]) if r["from_status"] else None,
                           to_status=NoticeStatus(r["to_status"]), actor=r["actor"], at=_aware(r["at"]),
                           reason=r["reason"], findings=tuple(json.loads(r["findings"])),
                           exception_recorded=bool(r["exception_recorded"])) for r in rows]

    def find(self, flt: NoticeFilter, *, today: date, visible_to: Viewer | None, offset: int,
             limit: int) -> Page:
        cond = and_(filter_clause(flt, today, self.conn.dialect.name), visibility_clause(visible_to))
        total = int(self.conn.execute(select(func.count()).select_from(notices).where(cond)).scalar_one())
        page_ids = (select(notices.c.id).where(cond)
                    .order_by(notices.c.listed_at.desc(), notices.c.entity_id.desc())
                    .offset(offset).limit(limit).subquery())
        rows = self.conn.execute(
            select(notice_documents.c.document).select_from(_joined)
            .join(page_ids, page_ids.c.id == notices.c.id)
            .order_by(notices.c.listed_at.desc(), notices.c.entity_id.desc())).scalars()
        found = tuple(_decoded(d) for d in rows)
        if visible_to is not None:
            # The SQL clause mirrors can_view; this re-check is the guarantee.
            found = tuple(n for n in found if can_view(visible_to, n))
        return Page(total=total, notices=found)

    def iter_all(self, flt: NoticeFilter, *, today: date) -> Iterator[Notice]:
        result = self.conn.execute(
            select(notice_documents.c.document).select_from(_joined)
            .where(filter_clause(flt, today, self.conn.dialect.name))
            .order_by(notices.c.id).execution_options(yield_per=500))
        for (doc,) in result:
            yield notice_from_dict(json.loads(doc))

    def next_entity_id(self, year: int) -> str:
        prefix = f"{year:04d}/"
        ids = self.conn.execute(
            select(notices.c.entity_id).where(notices.c.entity_id.like(prefix + "%"))).scalars()
        highest = max((int(i.split("/", 1)[1]) for i in ids), default=0)
        return f"{prefix}{highest + 1:05d}"

    def refresh_statistics(self) -> None:
        refresh_statistics(self.conn)

    def get_image(self, picture_id: str) -> StoredImage | None:
        row = self.conn.execute(
            select(images, notices.c.entity_id).join(notices, notices.c.id == images.c.notice_id)
            .where(images.c.picture_id == picture_id)).mappings().first()
        if row is None:
            return None
        return StoredImage(picture_id=row["picture_id"], entity_id=row["entity_id"], media_type=row["media_type"],
                           data=bytes(row["data"]), thumbnail_of=row["thumbnail_of"])

    # -- writing -----------------------------------------------------------------------------------
    def add(self, notice: Notice) -> None:
        if self._id(notice.entity_id) is not None:
            raise Conflict(f"notice {notice.entity_id} already exists", field="entity_id", record=notice.entity_id)
        row, document = _rows(notice, self._now())
        notice_id = self.conn.execute(insert(notices).values(row).returning(notices.c.id)).scalar_one()
        self.conn.execute(insert(notice_documents).values(notice_id=notice_id, version=1, **document))

    def hashes(self, entity_ids: list[str]) -> dict[str, str]:
        """entity_id -> content hash of those already stored."""
        found: dict[str, str] = {}
        for i in range(0, len(entity_ids), 500):
            chunk = entity_ids[i:i + 500]
            rows = self.conn.execute(select(notices.c.entity_id, notice_documents.c.content_hash)
                                     .select_from(_joined).where(notices.c.entity_id.in_(chunk)))
            found.update({r[0]: r[1] for r in rows})
        return found

    @staticmethod
    def prepare(notice: Notice, content_hash: str | None = None) -> Prepared:
        """The rows of a new notice, computed without the database (so that it can run in a worker process;
        the notice's ``created_at`` is the time stored)."""
        return _rows(notice, notice.created_at or datetime.now(UTC), content_hash)

    def add_many(self, batch: list[tuple[Notice, Transition]], hashes: Mapping[str, str] | None = None) -> None:
        """Insert many new notices with their first history entry (``hashes``: content hashes already
        computed, by entity_id)."""
        now = self._now()
        known = hashes or {}
        self.add_prepared([(_rows(n, n.created_at or now, known.get(n.entity_id)), t) for n, t in batch])

    def add_prepared(self, batch: list[tuple[Prepared, Transition]]) -> None:
        """Insert prepared notices with their first history entry, in three statements."""
        if not batch:
            return
        ids = self.conn.execute(insert(notices).returning(notices.c.id, sort_by_parameter_order=True),
                                [row for (row, _), _ in batch]).scalars().all()
        self.conn.execute(insert(notice_documents), [{"notice_id": nid, "version": 1, **doc}
                                                     for nid, ((_, doc), _) in zip(ids, batch, strict=True)])
        self.conn.execute(insert(notice_transitions),
                          [_transition_row(nid, t) for nid, (_, t) in zip(ids, batch, strict=True)])

    def update(self, notice: Notice) -> None:
        self.update_prepared(_rows(notice, self._now()))

    def update_prepared(self, prepared: Prepared) -> None:
        row, document = prepared
        entity_id = row["entity_id"]
        notice_id = self._id(entity_id)
        if notice_id is None:
            raise Conflict(f"notice {entity_id} does not exist", record=entity_id)
        document = {k: v for k, v in document.items() if k != "created_at"}
        document["updated_at"] = self._now()
        self.conn.execute(update(notices).where(notices.c.id == notice_id).values(**row))
        self.conn.execute(update(notice_documents).where(notice_documents.c.notice_id == notice_id)
                          .values(**document, version=notice_documents.c.version + 1))

    def add_transition(self, transition: Transition) -> None:
        notice_id = self._id(transition.entity_id)
        if notice_id is None:
            raise Conflict(f"notice {transition.entity_id} does not exist", record=transition.entity_id)
        self.conn.execute(insert(notice_transitions).values(_transition_row(notice_id, transition)))

    def add_image(self, image: StoredImage) -> None:
        notice_id = self._id(image.entity_id)
        if notice_id is None:
            raise Conflict(f"notice {image.entity_id} does not exist", record=image.entity_id)
        self.conn.execute(insert(images).values(
            picture_id=image.picture_id, notice_id=notice_id, thumbnail_of=image.thumbnail_of,
            media_type=image.media_type, data=image.data, sha256=hashlib.sha256(image.data).hexdigest()))

    def remove_images(self, entity_id: str, picture_ids: Collection[str]) -> int:
        """Delete those of the notice's images whose ids are given; returns how many there were."""
        notice_id = self._id(entity_id)
        if notice_id is None or not picture_ids:
            return 0
        result = self.conn.execute(delete(images).where(images.c.notice_id == notice_id,
                                                        images.c.picture_id.in_(sorted(picture_ids))))
        return int(result.rowcount or 0)

    def erase(self, entity_id: str) -> bool:
        """Remove a notice and every row that holds its personal data: its document, images, history and
        screening hits (a deletion ordered on a data subject's request, or a purge after retention). False
        when there is no such notice."""
        notice_id = self._id(entity_id)
        if notice_id is None:
            return False
        for child in (images.c.notice_id, screening_hits.c.notice_id, notice_transitions.c.notice_id,
                      notice_documents.c.notice_id):
            self.conn.execute(delete(child.table).where(child == notice_id))
        self.conn.execute(delete(notices).where(notices.c.id == notice_id))
        return True


def _transition_row(notice_id: int, t: Transition) -> dict[str, Any]:
    return {"notice_id": notice_id, "action": t.action.value,
            "from_status": t.from_status.value if t.from_status else None, "to_status": t.to_status.value,
            "actor": t.actor, "at": t.at, "reason": t.reason,
            "findings": json.dumps(list(t.findings), ensure_ascii=False),
            "exception_recorded": t.exception_recorded}


def _aware(value: datetime) -> datetime:
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def _code(value: str) -> str:
    if not value.isalnum():
        raise ValueError(f"not a country code: {value!r}")
    return value


def _needle(value: str) -> str:
    return value.casefold().replace(SEP, "")


def _like(value: str) -> str:
    escaped = value.casefold().replace(SEP, "").replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def filter_clause(flt: NoticeFilter, today: date, dialect: str = "sqlite") -> ColumnElement[bool]:
    """The SQL form of :meth:`NoticeFilter.matches` (a test checks that they agree)."""
    n = notices.c
    conds: list[ColumnElement[bool]] = []
    if flt.types:
        conds.append(n.type.in_(sorted(t.value for t in flt.types)))
    if flt.statuses:
        conds.append(n.status.in_(sorted(s.value for s in flt.statuses)))
    if flt.public_only:
        conds.append(n.public == true())  # a public extract is only allowed on types that have one
    if flt.owner:
        conds.append(n.owner == flt.owner)
    if flt.nationality:
        conds.append(contains(dialect, n.nationalities, f",{_code(flt.nationality)},"))
    if flt.sex:
        conds.append(n.sex == flt.sex)
    if flt.warrant_country:
        conds.append(contains(dialect, n.warrant_countries, f",{_code(flt.warrant_country)},"))
    if flt.name:
        conds.append(contains(dialect, n.family_names, _needle(flt.name)))
    if flt.forename:
        conds.append(contains(dialect, n.forenames, _needle(flt.forename)))
    if flt.age_min is not None or flt.age_max is not None:
        lo, hi = born_between(today, flt.age_min, flt.age_max)
        conds.append(n.dob_earliest.is_not(None))
        if lo:
            conds.append(n.dob_earliest >= lo)
        if hi:
            conds.append(n.dob_earliest <= hi)
    if flt.free_text:
        conds.append(n.id.in_(select(notice_documents.c.notice_id)
                              .where(contains(dialect, notice_documents.c.search_text, _needle(flt.free_text)))))
    if flt.un_reference:
        conds.append(func.lower(n.un_reference).like(_like(flt.un_reference), escape="\\"))
    if flt.un_resolution:
        conds.append(n.un_resolution == flt.un_resolution)
    return and_(true(), *conds)


def visibility_clause(viewer: Viewer | None) -> ColumnElement[bool]:
    """The SQL form of :func:`ncb.domain.access.can_view` (a property test checks that they agree)."""
    n = notices.c
    if viewer is None:
        return true()
    published = n.status == NoticeStatus.PUBLISHED.value
    if viewer.kind is ViewerKind.PUBLIC:
        return n.public == true()
    if viewer.kind is ViewerKind.GENERAL_SECRETARIAT:
        return n.status != NoticeStatus.DRAFT.value
    country = viewer.country
    if country is None:
        return false()
    token = f"%,{country},%"
    permitted = or_(n.restriction_mode == RestrictionMode.NONE.value,
                    and_(n.restriction_mode == RestrictionMode.DENY.value, not_(n.restriction_countries.like(token))),
                    and_(n.restriction_mode == RestrictionMode.ALLOW.value, n.restriction_countries.like(token)))
    addressed = or_(n.addressees == "", n.addressees.like(token))
    others = and_(published, permitted, addressed)
    if viewer.kind is ViewerKind.BUREAU:
        own: ColumnElement[bool] = n.owner == country
    else:
        own = and_(n.owner == country, or_(published, n.agency == (viewer.agency or "")))
    visible = or_(own, and_(n.owner != country, others))
    if viewer.kind is ViewerKind.AGENCY and viewer.notice_types is not None:
        its_request = and_(n.agency.is_not(None), n.agency == (viewer.agency or ""))
        return and_(visible, or_(its_request, n.type.in_(sorted(viewer.notice_types))))
    return visible
