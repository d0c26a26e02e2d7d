"""Data-subject requests (RPD Art. 18): a person asks for access to, correction of or deletion of the data
held about them. The pure part: kinds, statuses and their legal transitions, the deadlines with the article
each comes from, what is overdue on a date, the requester as given on the public form, which notices
concern the requester, and the redaction of a requester's names once a deletion has been carried out.

Requests are kept apart from police files (CCF Statute): nothing here is a notice, and officers never see a
request, only the question their bureau is asked about its own notice.

Lifecycle::

    received -> admissible -> owner_consulted -> decided -> carried_out
             \\-> inadmissible          \\------------------/      \\-> closed (refused)

An admissible request about which no notice is held is decided without consultation.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from ncb.domain.countries import validate_country
from ncb.domain.dates import PartialDate, add_months
from ncb.domain.notices import Notice, SubjectKind
from ncb.errors import IllegalTransition, ValidationError


@dataclass(frozen=True)
class Deadline:
    """A time limit and the article it comes from."""

    months: int
    article: str
    what: str

    def from_day(self, day: date) -> date:
        return add_months(day, self.months)


class RequestKind(StrEnum):
    ACCESS = "access"
    CORRECTION = "correction"
    DELETION = "deletion"

    @property
    def decision_deadline(self) -> Deadline:
        """How long from admissibility the decision may take (CCF Statute Art. 40)."""
        return DECISION_DEADLINES[self]


DECISION_DEADLINES: dict[RequestKind, Deadline] = {
    RequestKind.ACCESS: Deadline(4, "CCF Statute Art. 40(1)", "decide on a request for access"),
    RequestKind.CORRECTION: Deadline(9, "CCF Statute Art. 40(2)", "decide on a request for correction"),
    RequestKind.DELETION: Deadline(9, "CCF Statute Art. 40(2)", "decide on a request for deletion"),
}
CARRY_OUT_DELETION = Deadline(1, "CCF Statute Art. 41", "carry out a decision to delete")
OWNER_CONSULTATION_ARTICLE = "CCF Statute Art. 35"
RIGHT_ARTICLE = "RPD Art. 18"


class RequestStatus(StrEnum):
    RECEIVED = "received"
    ADMISSIBLE = "admissible"
    INADMISSIBLE = "inadmissible"
    OWNER_CONSULTED = "owner_consulted"
    DECIDED = "decided"
    CARRIED_OUT = "carried_out"
    CLOSED = "closed"

    @property
    def is_final(self) -> bool:
        return not _TRANSITIONS[self]

    def check_transition(self, target: RequestStatus) -> None:
        """Raise :class:`IllegalTransition` unless ``self -> target`` is allowed."""
        allowed = _TRANSITIONS[self]
        if target not in allowed:
            options = ", ".join(sorted(s.value for s in allowed)) or "none: the request is finished"
            raise IllegalTransition(f"a request cannot go from {self.value} to {target.value} "
                                    f"(allowed from {self.value}: {options})", field="status")


_TRANSITIONS: dict[RequestStatus, frozenset[RequestStatus]] = {
    RequestStatus.RECEIVED: frozenset({RequestStatus.ADMISSIBLE, RequestStatus.INADMISSIBLE}),
    RequestStatus.ADMISSIBLE: frozenset({RequestStatus.OWNER_CONSULTED, RequestStatus.DECIDED}),
    RequestStatus.OWNER_CONSULTED: frozenset({RequestStatus.DECIDED}),
    RequestStatus.DECIDED: frozenset({RequestStatus.CARRIED_OUT, RequestStatus.CLOSED}),
    RequestStatus.INADMISSIBLE: frozenset(),
    RequestStatus.CARRIED_OUT: frozenset(),
    RequestStatus.CLOSED: frozenset(),
}


class Outcome(StrEnum):
    GRANTED = "granted"
    PARTLY = "partly"  # granted for some of the notices concerned
    REFUSED = "refused"


class OwnerAnswer(StrEnum):
    AGREES = "agrees"
    OBJECTS = "objects"


# -- the requester, as given on the public form -------------------------------------------------------------
MAX_NAME = 200
MAX_CONTACT = 500
MAX_DETAILS = 4000
MAX_OTHER_NAMES = 10
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u2028\u2029]")


def _text(data: Mapping[str, Any], key: str, *, required: bool, limit: int, multiline: bool = False) -> str | None:
    value = data.get(key)
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            raise ValidationError(f"{key} is required", field=key)
        return None
    if not isinstance(value, str):
        raise ValidationError(f"{key} must be text, not {type(value).__name__}", field=key)
    value = value.strip()
    if len(value) > limit:
        raise ValidationError(f"{key} may have at most {limit} characters (this one has {len(value)})", field=key)
    checked = value.replace("\n", "").replace("\r", "").replace("\t", "") if multiline else value
    if _CONTROL.search(checked) or (not multiline and any(c in value for c in "\n\r\t")):
        raise ValidationError(f"{key} holds control characters", field=key)
    return value


def _a_name(value: str, key: str) -> str:
    if not any(ch.isalpha() for ch in value):
        raise ValidationError(f"{key} has no letters", field=key)
    return " ".join(value.split())


@dataclass(frozen=True)
class Requester:
    """Who asks: their names and date of birth (to find the data held about them) and how to reach them."""

    family_name: str
    date_of_birth: PartialDate
    contact: str
    forenames: str | None = None
    other_names: tuple[str, ...] = ()  # other spellings, birth names, names in another script
    nationality: str | None = None

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Requester:
        """From the public form; every error names the field."""
        if not isinstance(data, Mapping):
            raise ValidationError("the requester must be an object", field="requester")
        family = _text(data, "family_name", required=True, limit=MAX_NAME)
        assert family is not None
        forenames = _text(data, "forenames", required=False, limit=MAX_NAME)
        others_raw = data.get("other_names") or []
        if isinstance(others_raw, str):
            others_raw = [others_raw]
        if not isinstance(others_raw, list):
            raise ValidationError("other_names must be a list of names", field="other_names")
        if len(others_raw) > MAX_OTHER_NAMES:
            raise ValidationError(f"other_names may list at most {MAX_OTHER_NAMES} names", field="other_names")
        others = []
        for i, item in enumerate(others_raw):
            name = _text({"other_names": item}, "other_names", required=True, limit=MAX_NAME)
            assert name is not None
            others.append(_a_name(name, f"other_names[{i}]"))
        dob_text = _text(data, "date_of_birth", required=True, limit=10)
        assert dob_text is not None
        try:
            dob = PartialDate.parse(dob_text)
        except ValidationError as exc:
            raise ValidationError(exc.message, field="date_of_birth") from None
        assert dob is not None
        contact = _text(data, "contact", required=True, limit=MAX_CONTACT, multiline=True)
        assert contact is not None
        nationality = _text(data, "nationality", required=False, limit=3)
        return cls(family_name=_a_name(family, "family_name"),
                   forenames=_a_name(forenames, "forenames") if forenames else None,
                   other_names=tuple(others), date_of_birth=dob, contact=contact,
                   nationality=validate_country(nationality, field="nationality") if nationality else None)

    def to_dict(self) -> dict[str, Any]:
        return {"family_name": self.family_name, "forenames": self.forenames, "other_names": list(self.other_names),
                "date_of_birth": str(self.date_of_birth), "contact": self.contact, "nationality": self.nationality}

    def name_forms(self) -> tuple[str, ...]:
        """Every name form given, whole and in parts (what is searched and, later, redacted)."""
        forms = [self.family_name, *self.other_names]
        if self.forenames:
            forms += [self.forenames, f"{self.forenames} {self.family_name}", f"{self.family_name} {self.forenames}"]
        return tuple(dict.fromkeys(forms))


# -- which notices concern the requester --------------------------------------------------------------------
def _fold(text: str) -> str:
    """Case, accents, width and spacing folded away: ``Müller`` and ``MULLER`` agree, as do ``山田 太郎``
    and ``山田太郎``."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch) and not ch.isspace()
                   and ch not in "-'’.,")


def dates_compatible(a: PartialDate, b: PartialDate) -> bool:
    """Two partial dates that may be the same day (``1989`` and ``1989/04/16`` may)."""
    return a.earliest() <= b.latest() and b.earliest() <= a.latest()


def concerns(notice: Notice, requester: Requester) -> bool:
    """Whether a notice may be about the requester: a person whose family name (or a whole name form) is one
    the requester gave, with forenames that agree when both are known, and a compatible date of birth when
    both are known. A possible match counts: the data-protection officer removes a notice that is not
    theirs before the owner is consulted."""
    s = notice.subject
    if s.kind is not SubjectKind.PERSON:
        return False
    if s.date_of_birth is not None and not dates_compatible(s.date_of_birth, requester.date_of_birth):
        return False
    families = {_fold(requester.family_name)}
    wholes = {_fold(n) for n in requester.name_forms()}
    given = _fold(requester.forenames.split()[0]) if requester.forenames else None
    for n in s.names:
        if n.name and _fold(n.name) in families and _forenames_agree(given, n.forename):
            return True
        whole = {_fold(n.full)} | {_fold(f"{a}{b}") for a, b in ((n.name, n.forename), (n.forename, n.name))
                                   if a and b}
        if whole & wholes:
            return True
    return False


def _forenames_agree(given: str | None, forename: str | None) -> bool:
    if given is None or not forename:
        return True
    first = _fold(forename.split()[0])
    return first.startswith(given) or given.startswith(first)


def redact(text: str | None, requester: Requester, marker: str = "[erased]") -> str | None:
    """``text`` with every name form and name part of the requester (two letters or more) replaced, whatever
    its case: for the free text (reasons, notes) kept on a request after its deletion was carried out."""
    if not text:
        return text
    parts: set[str] = set()
    for form in requester.name_forms():
        parts.add(form)
        parts.update(form.split())
    out = text
    for part in sorted((p for p in parts if len(p) >= 2), key=len, reverse=True):
        out = re.sub(re.escape(part), marker, out, flags=re.IGNORECASE)
    return out


# -- the request ---------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class RequestEvent:
    """One step of a request: who, when, what, a note (never the requester's personal data)."""

    at: datetime
    actor: str
    event: str
    note: str | None = None


@dataclass(frozen=True)
class Consultation:
    """The question an owner bureau is asked about one of its notices, and its answer."""

    id: int | None
    reference: str
    notice_id: str  # the notice's entity_id
    bureau: str
    kind: RequestKind
    question: str
    asked_at: datetime
    answer: OwnerAnswer | None = None
    answer_note: str | None = None
    answered_by: str | None = None
    answered_at: datetime | None = None

    def officer_view(self) -> dict[str, Any]:
        """What the consulted bureau's officers see: the question about their notice, nothing of the request."""
        return {"id": self.id, "notice_id": self.notice_id, "bureau": self.bureau, "kind": self.kind.value,
                "question": self.question, "asked_at": self.asked_at.isoformat(),
                "answer": self.answer.value if self.answer else None, "answer_note": self.answer_note,
                "answered_by": self.answered_by,
                "answered_at": self.answered_at.isoformat() if self.answered_at else None}


@dataclass(frozen=True)
class SubjectRequest:
    id: int | None
    reference: str
    kind: RequestKind
    status: RequestStatus
    received_at: datetime
    due_on: date  # the next deadline: the decision, then (a deletion) carrying it out
    requester: Requester | None  # None once erased after a deletion was carried out
    details: str
    notice_ids: tuple[str, ...] = ()  # the notices concerned (entity ids)
    admitted_on: date | None = None
    outcome: Outcome | None = None
    decision: str | None = None  # the reasons
    granted_notice_ids: tuple[str, ...] = ()  # what a granted (or partly granted) decision applies to
    decided_by: str | None = None
    decided_at: datetime | None = None
    carried_out_at: datetime | None = None
    erased_at: datetime | None = None

    @property
    def deadline(self) -> Deadline | None:
        """The deadline ``due_on`` stands for, or None once nothing more is due."""
        if self.status.is_final:
            return None
        if self.status is RequestStatus.DECIDED:
            return CARRY_OUT_DELETION if self.kind is RequestKind.DELETION and self.outcome is not Outcome.REFUSED \
                else None
        return self.kind.decision_deadline

    def deadline_state(self, on: date, soon_days: int = 30) -> str | None:
        """``overdue``, ``due_soon`` (within ``soon_days``), ``on_time``, or None when nothing is due."""
        if self.deadline is None:
            return None
        if on > self.due_on:
            return "overdue"
        if (self.due_on - on).days <= soon_days:
            return "due_soon"
        return "on_time"

    def status_view(self) -> dict[str, Any]:
        """What the requester is told, from the reference alone: no personal data."""
        return {"reference": self.reference, "kind": self.kind.value, "status": self.status.value,
                "received_on": self.received_at.date().isoformat(),
                "due_on": self.due_on.isoformat() if self.deadline else None,
                "outcome": self.outcome.value if self.outcome else None}


def due_soon_or_overdue(requests: Iterable[SubjectRequest], on: date, soon_days: int = 30) -> list[SubjectRequest]:
    """The open requests whose deadline has passed or falls within ``soon_days``, earliest first."""
    late = [r for r in requests if r.deadline_state(on, soon_days) in ("overdue", "due_soon")]
    return sorted(late, key=lambda r: (r.due_on, r.reference))


# -- references: given to the requester, never guessable -------------------------------------------------------
_CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
REFERENCE_BYTES = 10  # 80 random bits


def make_reference(entropy: bytes) -> str:
    """``DSR-XXXX-XXXX-XXXX-XXXX`` from 10 random bytes (80 bits, Crockford base32): the caller passes
    ``secrets.token_bytes(10)``."""
    if len(entropy) != REFERENCE_BYTES:
        raise ValueError(f"a reference needs {REFERENCE_BYTES} random bytes, not {len(entropy)}")
    number = int.from_bytes(entropy, "big")
    chars = "".join(_CROCKFORD[(number >> (5 * i)) & 31] for i in range(15, -1, -1))
    return "DSR-" + "-".join(chars[i:i + 4] for i in range(0, 16, 4))


def parse_reference(text: str) -> str:
    """A reference as typed (any case, O for 0, I or L for 1, spaces, hyphens anywhere) in its canonical form."""
    raw = "".join(str(text).split()).upper().replace("-", "")
    body = raw.removeprefix("DSR").translate(str.maketrans("OIL", "011"))
    if len(body) != 16 or any(ch not in _CROCKFORD for ch in body):
        raise ValidationError(f"{str(text)[:40]!r} is not a request reference (DSR-XXXX-XXXX-XXXX-XXXX)",
                              field="reference")
    return "DSR-" + "-".join(body[i:i + 4] for i in range(0, 16, 4))


# -- the steps, pure: each returns the changed request and the event to record -------------------------------
def _reason(text: str | None, what: str) -> str:
    value = (text or "").strip()
    if not value:
        raise ValidationError(f"{what} needs stated reasons", field="reasons")
    if len(value) > MAX_DETAILS:
        raise ValidationError(f"reasons may have at most {MAX_DETAILS} characters", field="reasons")
    return value


def _actor(actor: str) -> str:
    if not actor.strip():
        raise ValidationError("every step needs the actor who took it", field="actor")
    return actor


def receive(kind: RequestKind | str, requester: Requester, details: Any, *, reference: str,
            now: datetime) -> tuple[SubjectRequest, RequestEvent]:
    """A new request from the public form. Its deadline counts provisionally from today; it counts from
    admissibility once admitted."""
    try:
        kind = RequestKind(kind)
    except ValueError:
        raise ValidationError(f"kind must be access, correction or deletion, not {str(kind)[:40]!r}",
                              field="kind") from None
    text = _text({"details": details}, "details", required=True, limit=MAX_DETAILS, multiline=True)
    assert text is not None
    request = SubjectRequest(id=None, reference=reference, kind=kind, status=RequestStatus.RECEIVED,
                             received_at=now, due_on=kind.decision_deadline.from_day(now.date()),
                             requester=requester, details=text)
    return request, RequestEvent(now, "public", "received", f"{kind.value} request ({RIGHT_ARTICLE})")


def admit(request: SubjectRequest, *, actor: str, now: datetime) -> tuple[SubjectRequest, RequestEvent]:
    request.status.check_transition(RequestStatus.ADMISSIBLE)
    deadline = request.kind.decision_deadline
    changed = replace(request, status=RequestStatus.ADMISSIBLE, admitted_on=now.date(),
                      due_on=deadline.from_day(now.date()))
    return changed, RequestEvent(now, _actor(actor), "admissible",
                                 f"decision due by {changed.due_on.isoformat()} ({deadline.article})")


def declare_inadmissible(request: SubjectRequest, reasons: str, *, actor: str,
                         now: datetime) -> tuple[SubjectRequest, RequestEvent]:
    request.status.check_transition(RequestStatus.INADMISSIBLE)
    why = _reason(reasons, "an inadmissibility")
    return (replace(request, status=RequestStatus.INADMISSIBLE, decision=why, decided_by=actor, decided_at=now),
            RequestEvent(now, _actor(actor), "inadmissible", why))


def consult(request: SubjectRequest, notices: Iterable[Notice], *, actor: str,
            now: datetime) -> tuple[SubjectRequest, list[Consultation], RequestEvent]:
    """The owner bureau of each notice concerned is asked before anything is disclosed or changed."""
    request.status.check_transition(RequestStatus.OWNER_CONSULTED)
    notices = list(notices)
    if not notices:
        raise ValidationError("no notice concerns this request: there is no owner to consult; decide it "
                              "(no data held) instead", field="notice_ids", record=request.reference)
    questions = {
        RequestKind.ACCESS: "The person this notice is about asks for access to the data held on them. "
                            "May it be disclosed to them, in whole or in part?",
        RequestKind.CORRECTION: "The person this notice is about asks for the data held on them to be "
                                "corrected. Do you agree, and what should be corrected?",
        RequestKind.DELETION: "The person this notice is about asks for the data held on them to be deleted. "
                              "Do you agree, or on what grounds should it be kept?",
    }
    asked = [Consultation(None, request.reference, n.entity_id, n.owner, request.kind,
                          f"{questions[request.kind]} ({OWNER_CONSULTATION_ARTICLE})", now) for n in notices]
    changed = replace(request, status=RequestStatus.OWNER_CONSULTED, notice_ids=tuple(n.entity_id for n in notices))
    bureaus = ", ".join(sorted({c.bureau for c in asked}))
    return changed, asked, RequestEvent(now, _actor(actor), "owner_consulted",
                                        f"{len(asked)} notice(s) {', '.join(changed.notice_ids)}; bureaus {bureaus}")


def answer(consultation: Consultation, reply: OwnerAnswer | str, note: str | None, *, actor: str,
           now: datetime) -> Consultation:
    """The owner bureau's answer; an objection needs its grounds."""
    if consultation.answer is not None:
        raise IllegalTransition(f"the bureau {consultation.bureau} already answered ({consultation.answer.value})",
                                field="answer", record=str(consultation.id))
    try:
        reply = OwnerAnswer(reply)
    except ValueError:
        raise ValidationError(f"answer must be agrees or objects, not {str(reply)[:40]!r}", field="answer") from None
    note = (note or "").strip() or None
    if reply is OwnerAnswer.OBJECTS and not note:
        raise ValidationError("an objection needs its grounds", field="note")
    if note and len(note) > MAX_DETAILS:
        raise ValidationError(f"note may have at most {MAX_DETAILS} characters", field="note")
    return replace(consultation, answer=reply, answer_note=note, answered_by=_actor(actor), answered_at=now)


def decide(request: SubjectRequest, outcome: Outcome | str, reasons: str | None, *,
           consultations: Iterable[Consultation], granted: Iterable[str] | None = None, actor: str,
           now: datetime) -> tuple[SubjectRequest, RequestEvent]:
    """The decision, with reasons. Every owner consulted must have answered. A partly granted request names
    the notices the grant covers; a granted one covers every notice concerned. A granted deletion is due to be
    carried out within a month (CCF Statute Art. 41)."""
    request.status.check_transition(RequestStatus.DECIDED)
    try:
        outcome = Outcome(outcome)
    except ValueError:
        raise ValidationError(f"outcome must be granted, partly or refused, not {str(outcome)[:40]!r}",
                              field="outcome") from None
    why = _reason(reasons, "a decision")
    waiting = sorted({c.bureau for c in consultations if c.answer is None})
    if waiting:
        raise IllegalTransition(f"the owner bureau(s) {', '.join(waiting)} have not answered yet "
                                f"({OWNER_CONSULTATION_ARTICLE})", field="consultations", record=request.reference)
    covered: tuple[str, ...] = ()
    if outcome is Outcome.GRANTED:
        covered = request.notice_ids
    elif outcome is Outcome.PARTLY:
        covered = tuple(dict.fromkeys(granted or ()))
        if not covered:
            raise ValidationError("a partly granted decision names the notices it covers", field="granted")
        unknown = [i for i in covered if i not in request.notice_ids]
        if unknown:
            raise ValidationError(f"{', '.join(unknown)} is not among the notices concerned "
                                  f"({', '.join(request.notice_ids) or 'none'})", field="granted")
        if set(covered) == set(request.notice_ids):
            raise ValidationError("a decision that covers every notice concerned is granted, not partly",
                                  field="outcome")
    due = request.due_on
    if request.kind is RequestKind.DELETION and outcome is not Outcome.REFUSED:
        due = CARRY_OUT_DELETION.from_day(now.date())
    changed = replace(request, status=RequestStatus.DECIDED, outcome=outcome, decision=why,
                      granted_notice_ids=covered, decided_by=actor, decided_at=now, due_on=due)
    note = f"{outcome.value}" + (f" for {', '.join(covered)}" if covered else "") + f": {why}"
    return changed, RequestEvent(now, _actor(actor), "decided", note)


def carry_out(request: SubjectRequest, note: str | None, *, actor: str,
              now: datetime) -> tuple[SubjectRequest, RequestEvent]:
    """The decision done: a refusal closes the request; a grant is carried out (a deletion by erasing the
    notices it covers, which the service does; a correction or an access answer as the note records)."""
    if request.status is not RequestStatus.DECIDED:
        request.status.check_transition(RequestStatus.CARRIED_OUT)
    target = RequestStatus.CLOSED if request.outcome is Outcome.REFUSED else RequestStatus.CARRIED_OUT
    request.status.check_transition(target)
    text = (note or "").strip() or None
    if request.kind is RequestKind.CORRECTION and target is RequestStatus.CARRIED_OUT and not text:
        raise ValidationError("say what was corrected", field="note")
    if text and len(text) > MAX_DETAILS:
        raise ValidationError(f"note may have at most {MAX_DETAILS} characters", field="note")
    changed = replace(request, status=target, carried_out_at=now)
    return changed, RequestEvent(now, _actor(actor), target.value, text)


def erase_requester(request: SubjectRequest, *, now: datetime) -> SubjectRequest:
    """The request once the person's data is gone: no names, date of birth or contact, and its free text with
    their names redacted."""
    who = request.requester
    if who is None:
        return request
    return replace(request, requester=None, erased_at=now,
                   details="(erased once the deletion was carried out)",
                   decision=redact(request.decision, who))
