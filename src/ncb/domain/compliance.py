"""The compliance pre-check: a notice held against INTERPOL's rules before a reviewer decides.

The rules are data (``data/compliance_rules.json``), each with the article it comes from, a severity
and an English and a Japanese message; this module only knows how to evaluate each *kind* of rule:

- ``penalty_threshold``: a Red Notice warrant's penalty against a minimum in months;
- ``excluded_offence``: words of an excluded category (behavioural norms, family matters,
  administrative rules, private disputes) in the charges or the facts, optionally softened when a
  link to organised crime is also mentioned;
- ``minimum_data``: one piece of data the notice type needs;
- ``article3_indicator``: words suggesting a political, military, religious or racial character.

A finding that *blocks* stops approval unless the reviewer records the "particular importance to
international police cooperation" exception; a *warning* needs a reason. Constitution Art. 2 cannot
be checked by a machine and has no rule.

Terms are matched after NFKC normalisation: Latin (and Greek, Cyrillic) terms case-insensitively on
word boundaries, with a trailing ``*`` for "and any ending" (``protest*``), spaces and hyphens
interchangeable; Japanese (and other CJK) terms as substrings.
"""

from __future__ import annotations

import json
import re
import string
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from importlib import resources
from typing import Any, NamedTuple, TypeVar

from ncb.domain.codes import Sex
from ncb.domain.names import Script, detect_script
from ncb.domain.notices import ArrestWarrant, Notice, NoticeType
from ncb.errors import ComplianceBlocked, ConfigurationError, ValidationError

EXCEPTION_GROUND = "particular importance to international police cooperation"
EXCEPTION_ARTICLE = "RPD Art. 83(1)(b) (sub-paragraph unconfirmed)"
LOCALES = ("en", "ja")


class Severity(StrEnum):
    BLOCK = "block"  # approval only through the "particular importance" exception
    WARN = "warn"  # approval with a reason


class RuleKind(StrEnum):
    """Which checker evaluates a rule."""

    PENALTY_THRESHOLD = "penalty_threshold"
    EXCLUDED_OFFENCE = "excluded_offence"
    MINIMUM_DATA = "minimum_data"
    ARTICLE3_INDICATOR = "article3_indicator"


class PenaltyBasis(StrEnum):
    PROSECUTION = "prosecution"  # the maximum penalty the law provides
    SENTENCE = "sentence"  # the sentence imposed
    REMAINING = "remaining"  # what is left of it to serve


@dataclass(frozen=True)
class PenaltyThreshold:
    basis: PenaltyBasis
    min_months: int


@dataclass(frozen=True)
class Downgrade:
    """When one of ``terms`` also appears, the finding takes this severity and message instead."""

    terms: tuple[str, ...]
    severity: Severity
    message_en: str
    message_ja: str


@dataclass(frozen=True)
class TermSearch:
    terms: tuple[str, ...]
    fields: tuple[str, ...]  # names of text sources, e.g. "warrants.charge", "facts.summary"
    unless: Downgrade | None = None


@dataclass(frozen=True)
class RequiredData:
    requirement: str  # e.g. "subject.name", "warrant.law"


RuleParams = PenaltyThreshold | TermSearch | RequiredData


@dataclass(frozen=True)
class Rule:
    id: str
    article: str
    severity: Severity
    applies_to: frozenset[NoticeType]
    kind: RuleKind
    params: RuleParams
    message_en: str
    message_ja: str

    def applies(self, notice_type: NoticeType) -> bool:
        return notice_type in self.applies_to


@dataclass(frozen=True)
class Finding:
    """One result of the pre-check: which rule, from which article, how serious, and what was found."""

    rule_id: str
    article: str
    severity: Severity
    message: str
    field: str | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "severity", Severity(self.severity))  # accept "block" as well

    @property
    def blocks(self) -> bool:
        return self.severity is Severity.BLOCK

    def to_dict(self) -> dict[str, str]:
        """Strings only, as :attr:`Transition.findings` keeps them (``field`` is ``""`` when none)."""
        return {"rule_id": self.rule_id, "article": self.article, "severity": self.severity.value,
                "message": self.message, "field": self.field or ""}

    @classmethod
    def from_dict(cls, d: Mapping[str, str]) -> Finding:
        return cls(rule_id=d["rule_id"], article=d["article"], severity=Severity(d["severity"]),
                   message=d["message"], field=d.get("field") or None)


# --- where the data is -------------------------------------------------------------------------


def _has(text: str | None) -> bool:
    return bool(text and text.strip())


# requirement -> (field path, test on the notice)
_NOTICE_REQUIREMENTS: dict[str, tuple[str, Callable[[Notice], bool]]] = {
    "subject.name": ("subject.names", lambda n: bool(n.subject.names)),
    "subject.date_of_birth_or_nationality": (
        "subject.date_of_birth",
        lambda n: n.subject.date_of_birth is not None or bool(n.subject.nationalities)),
    "subject.year_of_birth": ("subject.date_of_birth", lambda n: n.subject.date_of_birth is not None),
    "subject.sex": ("subject.sex", lambda n: n.subject.sex is not Sex.UNKNOWN),
    "subject.description": ("subject.description", lambda n: _has(n.subject.description)),
    "subject.description_or_marks": (
        "subject.description",
        lambda n: _has(n.subject.description) or _has(n.subject.distinguishing_marks)),
    "subject.photo": ("subject.photos", lambda n: bool(n.subject.photos)),
    "subject.identifiers": (
        "subject",
        lambda n: bool(n.subject.names or n.subject.photos) or _has(n.subject.description)
        or _has(n.subject.distinguishing_marks)),
    "warrants": ("warrants", lambda n: bool(n.warrants)),
    "facts.summary": ("facts.summary", lambda n: n.facts is not None and _has(n.facts.summary)),
    "facts.time": ("facts.time", lambda n: n.facts is not None and _has(n.facts.time)),
    "facts.place": ("facts.place", lambda n: n.facts is not None and _has(n.facts.place)),
    "facts_or_description": (
        "facts.summary",
        lambda n: (n.facts is not None and _has(n.facts.summary)) or _has(n.subject.description)),
    "extradition_countries": ("extradition_countries", lambda n: bool(n.extradition_countries)),
    "disappearance.date": ("disappearance.date", lambda n: n.disappearance is not None
                           and n.disappearance.date is not None),
    "disappearance.place": ("disappearance.place", lambda n: n.disappearance is not None
                            and _has(n.disappearance.place)),
    "un.reference": ("un.reference", lambda n: n.un is not None and _has(n.un.reference)),
}

# requirement -> (attribute of the warrant, test on each warrant)
_WARRANT_REQUIREMENTS: dict[str, tuple[str, Callable[[ArrestWarrant], bool]]] = {
    "warrant.charge": ("charge", lambda w: _has(w.charge)),
    "warrant.issuing_country": ("issuing_country", lambda w: _has(w.issuing_country)),
    "warrant.law": ("law", lambda w: _has(w.law)),
    "warrant.penalty": ("max_penalty_months",
                        lambda w: w.max_penalty_months is not None or w.sentence_months is not None),
    "warrant.remaining": ("remaining_months", lambda w: not w.for_sentence or w.remaining_months is not None),
    "warrant.reference": ("reference", lambda w: _has(w.reference)),
}


def _warrant_texts(attr: str) -> Callable[[Notice], Iterator[tuple[str, str]]]:
    def texts(notice: Notice) -> Iterator[tuple[str, str]]:
        for i, w in enumerate(notice.warrants):
            value = getattr(w, attr)
            if value:
                yield f"warrants[{i}].{attr}", value
    return texts


def _facts_summary(notice: Notice) -> Iterator[tuple[str, str]]:
    if notice.facts is not None and notice.facts.summary:
        yield "facts.summary", notice.facts.summary


def _subject_description(notice: Notice) -> Iterator[tuple[str, str]]:
    if notice.subject.description:
        yield "subject.description", notice.subject.description


# text source -> (field path, text) pairs to search
_TEXT_SOURCES: dict[str, Callable[[Notice], Iterator[tuple[str, str]]]] = {
    "warrants.charge": _warrant_texts("charge"),
    "warrants.charge_translation": _warrant_texts("charge_translation"),
    "warrants.category": _warrant_texts("category"),
    "facts.summary": _facts_summary,
    "subject.description": _subject_description,
}

_WARRANT_FIELD = re.compile(r"^warrants\[(\d+)\]\.(\w+)$")
_WARRANT_LABELS = {
    "charge": ("the charge of warrant {n}", "令状{n}の罪名"),
    "charge_translation": ("the charge translation of warrant {n}", "令状{n}の罪名の訳"),
    "category": ("the offence category of warrant {n}", "令状{n}の犯罪類型"),
}
_FIELD_LABELS = {
    "facts.summary": ("the facts summary", "事実の概要"),
    "subject.description": ("the subject's description", "対象の記述"),
}


def _field_label(path: str, locale: str) -> str:
    i = LOCALES.index(locale)
    m = _WARRANT_FIELD.match(path)
    if m and m.group(2) in _WARRANT_LABELS:
        return _WARRANT_LABELS[m.group(2)][i].format(n=int(m.group(1)) + 1)
    return _FIELD_LABELS[path][i] if path in _FIELD_LABELS else path


# --- matching words ----------------------------------------------------------------------------

_WORD = r"0-9A-Za-z\u00C0-\u024F\u0370-\u03FF\u0400-\u04FF"
_BOUNDED_SCRIPTS = {Script.LATIN, Script.CYRILLIC, Script.GREEK}


def _normalise(text: str) -> str:
    return unicodedata.normalize("NFKC", text)


def _term_pattern(term: str) -> str:
    """A regular expression for one term: word-bounded for alphabetic scripts, a substring for CJK."""
    term = _normalise(term.strip())
    wildcard = term.endswith("*")
    core = term[:-1] if wildcard else term
    if not core or "*" in core:
        raise ValueError(f"term {term!r}: '*' may only end a term")
    if detect_script(core) not in _BOUNDED_SCRIPTS:
        if wildcard:
            raise ValueError(f"term {term!r}: '*' is for alphabetic terms only")
        return re.escape(core)
    parts = [re.escape(p) for p in re.split(r"[\s\-]+", core) if p]
    body = r"[\s\-]*".join(parts).replace("'", "['’]")
    tail = f"[{_WORD}]*" if wildcard else ""
    return f"(?<![{_WORD}]){body}{tail}(?![{_WORD}])"


@cache
def _compile(terms: tuple[str, ...]) -> re.Pattern[str]:
    # longest first, so "organised criminal group" wins over a shorter term at the same place
    ordered = sorted(terms, key=len, reverse=True)
    return re.compile("|".join(f"(?:{_term_pattern(t)})" for t in ordered), re.IGNORECASE)


def _search(notice: Notice, sources: Sequence[str],
            terms: tuple[str, ...]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(the fields where a term occurs, the words found as written), in order, without repeats."""
    pattern = _compile(terms)
    paths: dict[str, None] = {}
    found: dict[str, str] = {}
    for source in sources:
        for path, text in _TEXT_SOURCES[source](notice):
            for m in pattern.finditer(_normalise(text)):
                paths[path] = None
                found.setdefault(m.group(0).casefold(), m.group(0))
    return tuple(paths), tuple(found.values())


# --- the checkers ------------------------------------------------------------------------------

Value = str | int | tuple[str, ...]


class _Hit(NamedTuple):
    field: str | None
    values: dict[str, Value]
    severity: Severity | None = None  # replaces the rule's severity (organised-crime link)
    messages: tuple[str, str] | None = None  # replaces the rule's (en, ja) templates


def _check_penalty(rule: Rule, notice: Notice) -> Iterator[_Hit]:
    p = rule.params
    assert isinstance(p, PenaltyThreshold)
    for i, w in enumerate(notice.warrants):
        if p.basis is PenaltyBasis.PROSECUTION:
            attr, months = "max_penalty_months", None if w.for_sentence else w.max_penalty_months
        elif p.basis is PenaltyBasis.SENTENCE:
            attr, months = "sentence_months", w.sentence_months
        else:
            attr, months = "remaining_months", w.remaining_months if w.for_sentence else None
        if months is not None and months < p.min_months:  # missing values are minimum_data findings
            yield _Hit(f"warrants[{i}].{attr}",
                       {"n": i + 1, "charge": w.charge, "months": months, "min_months": p.min_months})


def _check_minimum(rule: Rule, notice: Notice) -> Iterator[_Hit]:
    p = rule.params
    assert isinstance(p, RequiredData)
    if p.requirement in _NOTICE_REQUIREMENTS:
        path, present = _NOTICE_REQUIREMENTS[p.requirement]
        if not present(notice):
            yield _Hit(path, {})
        return
    attr, ok = _WARRANT_REQUIREMENTS[p.requirement]
    for i, w in enumerate(notice.warrants):
        if not ok(w):
            yield _Hit(f"warrants[{i}].{attr}", {"n": i + 1, "charge": w.charge or "?"})


def _check_terms(rule: Rule, notice: Notice) -> Iterator[_Hit]:
    p = rule.params
    assert isinstance(p, TermSearch)
    paths, words = _search(notice, p.fields, p.terms)
    if not words:
        return
    where = paths[0]
    values: dict[str, Value] = {"terms": words, "field": paths}
    if p.unless is not None:
        _, links = _search(notice, p.fields, p.unless.terms)
        if links:
            values["link_terms"] = links
            yield _Hit(where, values, p.unless.severity, (p.unless.message_en, p.unless.message_ja))
            return
    yield _Hit(where, values)


_CHECKERS: dict[RuleKind, Callable[[Rule, Notice], Iterator[_Hit]]] = {
    RuleKind.PENALTY_THRESHOLD: _check_penalty,
    RuleKind.EXCLUDED_OFFENCE: _check_terms,
    RuleKind.MINIMUM_DATA: _check_minimum,
    RuleKind.ARTICLE3_INDICATOR: _check_terms,
}


def _render(template: str, values: Mapping[str, Value], locale: str) -> str:
    out: dict[str, str] = {}
    for key, value in values.items():
        if key == "field" and isinstance(value, tuple):  # field paths, as words
            labels = [_field_label(path, locale) for path in value]
            out[key] = "、".join(labels) if locale == "ja" else _and(labels)
        elif isinstance(value, tuple):  # words found, quoted
            out[key] = ("、".join(f"「{v}」" for v in value) if locale == "ja"
                        else ", ".join(f'"{v}"' for v in value))
        else:
            out[key] = str(value)
    return template.format_map(out)


def _and(items: Sequence[str]) -> str:
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}"


def _locale(locale: str) -> str:
    lang = locale.replace("-", "_").split("_")[0].lower()
    if lang not in LOCALES:
        raise ValidationError(f"no compliance messages in {locale!r} (one of {', '.join(LOCALES)})",
                              field="locale")
    return lang


def check(notice: Notice, rules: Sequence[Rule] | None = None, locale: str = "en") -> tuple[Finding, ...]:
    """Every finding of ``rules`` (default: :func:`load_rules`) on ``notice``, messages in ``locale``.

    The order is deterministic: blocking findings first, then warnings; within each, the order of the
    rules, then of the warrants or fields they concern.
    """
    lang = _locale(locale)
    findings: list[Finding] = []
    for rule in load_rules() if rules is None else rules:
        if not rule.applies(notice.type):
            continue
        for hit in _CHECKERS[rule.kind](rule, notice):
            en, ja = hit.messages or (rule.message_en, rule.message_ja)
            findings.append(Finding(rule_id=rule.id, article=rule.article,
                                    severity=hit.severity or rule.severity,
                                    message=_render(ja if lang == "ja" else en, hit.values, lang),
                                    field=hit.field))
    findings.sort(key=lambda f: not f.blocks)  # stable: keeps rule order within each severity
    return tuple(findings)


# --- approving over findings -------------------------------------------------------------------


@dataclass(frozen=True)
class ReviewOverride:
    """What a reviewer gives to approve a notice despite findings.

    ``reason`` answers the warnings; ``exception_reason`` records the "particular importance to
    international police cooperation" exception that alone lets a blocking finding through.
    """

    reason: str | None = None
    exception_reason: str | None = None

    def check(self, findings: Sequence[Finding]) -> None:
        """Raise :class:`ComplianceBlocked`, or :class:`ValidationError` on ``reason``, unless allowed."""
        blocks = _ids(f for f in findings if f.blocks)
        if blocks and not _has(self.exception_reason):
            raise ComplianceBlocked(
                f"approval is blocked by {blocks}; it needs an exception reason showing the case is of "
                f"{EXCEPTION_GROUND} ({EXCEPTION_ARTICLE})",
                field="exception_reason",
            )
        warnings = _ids(f for f in findings if not f.blocks)
        if warnings and not _has(self.reason):
            raise ValidationError(f"approving over the warnings {warnings} needs a reason", field="reason")

    def uses_exception(self, findings: Sequence[Finding]) -> bool:
        """True when the approval goes through blocking findings (record it on the transition)."""
        return _has(self.exception_reason) and any(f.blocks for f in findings)


def _ids(findings: Iterable[Finding]) -> str:
    return ", ".join(dict.fromkeys(f.rule_id for f in findings))


def approval_allowed(findings: Sequence[Finding], reason: str | None, exception_reason: str | None) -> None:
    """Raise unless a reviewer may approve over ``findings``: a blocking finding needs the
    exception reason (:class:`ComplianceBlocked`), a warning needs a reason (:class:`ValidationError`)."""
    ReviewOverride(reason=reason, exception_reason=exception_reason).check(findings)


# --- loading the rules -------------------------------------------------------------------------


@cache
def load_rules() -> tuple[Rule, ...]:
    """The rules in ``ncb/domain/data/compliance_rules.json``, read and validated once."""
    text = resources.files("ncb.domain").joinpath("data", "compliance_rules.json").read_text("utf-8")
    try:
        data = json.loads(text)
    except json.JSONDecodeError as e:
        raise ConfigurationError(f"compliance_rules.json is not valid JSON: {e}") from None
    return rules_from_data(data)


_PLACEHOLDERS: dict[RuleKind, frozenset[str]] = {
    RuleKind.PENALTY_THRESHOLD: frozenset({"n", "charge", "months", "min_months"}),
    RuleKind.EXCLUDED_OFFENCE: frozenset({"terms", "field"}),
    RuleKind.ARTICLE3_INDICATOR: frozenset({"terms", "field"}),
    RuleKind.MINIMUM_DATA: frozenset(),
}
_E = TypeVar("_E", bound=StrEnum)
_RULE_KEYS = {"id", "article", "severity", "applies_to", "kind", "params", "message_en", "message_ja"}


def rules_from_data(data: Mapping[str, Any] | Sequence[Mapping[str, Any]]) -> tuple[Rule, ...]:
    """Rules from a parsed document ``{"rules": [...]}`` or a bare list of rules, validated.

    Raises :class:`ConfigurationError` naming the rule for anything unknown or missing.
    """
    items = data.get("rules") if isinstance(data, Mapping) else data
    if not isinstance(items, Sequence) or isinstance(items, str):
        raise ConfigurationError("compliance rules: expected a list of rules under 'rules'")
    rules: list[Rule] = []
    seen: set[str] = set()
    for index, item in enumerate(items):
        rule = _parse_rule(item, index)
        if rule.id in seen:
            raise ConfigurationError(f"compliance rule {rule.id!r} is defined twice")
        seen.add(rule.id)
        rules.append(rule)
    return tuple(rules)


@dataclass(frozen=True)
class _Reader:
    """Reads one rule's fields, naming the rule in every error."""

    rule_id: str

    def fail(self, problem: str) -> ConfigurationError:
        return ConfigurationError(f"compliance rule {self.rule_id!r}: {problem}")

    def text(self, d: Mapping[str, Any], key: str) -> str:
        value = d.get(key)
        if not isinstance(value, str) or not value.strip():
            raise self.fail(f"{key!r} must be a non-empty string")
        return value

    def texts(self, d: Mapping[str, Any], key: str) -> tuple[str, ...]:
        value = d.get(key)
        if (not isinstance(value, list) or not value
                or not all(isinstance(v, str) and v.strip() for v in value)):
            raise self.fail(f"{key!r} must be a non-empty list of non-empty strings")
        return tuple(value)

    def choice(self, enum: type[_E], value: object, what: str) -> _E:
        if isinstance(value, str):
            try:
                return enum(value)
            except ValueError:
                pass
        raise self.fail(f"unknown {what} {value!r} (one of {', '.join(enum)})")

    def severity(self, d: Mapping[str, Any]) -> Severity:
        return self.choice(Severity, d.get("severity"), "severity")

    def template(self, d: Mapping[str, Any], key: str, allowed: frozenset[str]) -> str:
        value = self.text(d, key)
        try:
            names = {name for _, name, _, _ in string.Formatter().parse(value) if name is not None}
        except ValueError as e:
            raise self.fail(f"{key} is not a valid template: {e}") from None
        unknown = names - allowed
        if unknown:
            can = ", ".join(sorted(allowed)) or "none"
            raise self.fail(f"{key} uses unknown placeholders {sorted(unknown)} (allowed: {can})")
        return value

    def keys(self, d: Mapping[str, Any], allowed: set[str], what: str) -> None:
        unknown = set(d) - allowed
        if unknown:
            raise self.fail(f"unknown {what} {sorted(unknown)} (allowed: {', '.join(sorted(allowed))})")


def _parse_rule(item: Any, index: int) -> Rule:
    if not isinstance(item, Mapping):
        raise ConfigurationError(f"compliance rule #{index + 1} is not an object")
    rule_id = item.get("id")
    if not isinstance(rule_id, str) or not rule_id.strip():
        raise ConfigurationError(f"compliance rule #{index + 1} has no id")
    r = _Reader(rule_id)
    r.keys(item, _RULE_KEYS, "keys")
    kind = r.choice(RuleKind, item.get("kind"), "kind")
    applies_to = frozenset(r.choice(NoticeType, t, "notice type") for t in r.texts(item, "applies_to"))
    raw_params = item.get("params", {})
    if not isinstance(raw_params, Mapping):
        raise r.fail("'params' must be an object")
    params, allowed = _parse_params(r, kind, raw_params)
    return Rule(id=rule_id, article=r.text(item, "article"), severity=r.severity(item), applies_to=applies_to,
                kind=kind, params=params, message_en=r.template(item, "message_en", allowed),
                message_ja=r.template(item, "message_ja", allowed))


def _parse_params(r: _Reader, kind: RuleKind, p: Mapping[str, Any]) -> tuple[RuleParams, frozenset[str]]:
    """The typed parameters of a rule and the placeholders its messages may use."""
    allowed = _PLACEHOLDERS[kind]
    if kind is RuleKind.PENALTY_THRESHOLD:
        r.keys(p, {"basis", "min_months"}, "params")
        basis = r.choice(PenaltyBasis, p.get("basis"), "penalty basis")
        months = p.get("min_months")
        if not isinstance(months, int) or isinstance(months, bool) or months <= 0:
            raise r.fail("'min_months' must be a positive whole number of months")
        return PenaltyThreshold(basis, months), allowed
    if kind is RuleKind.MINIMUM_DATA:
        r.keys(p, {"requirement"}, "params")
        requirement = r.text(p, "requirement")
        if requirement in _WARRANT_REQUIREMENTS:
            return RequiredData(requirement), frozenset({"n", "charge"})
        if requirement not in _NOTICE_REQUIREMENTS:
            known = ", ".join(sorted({*_NOTICE_REQUIREMENTS, *_WARRANT_REQUIREMENTS}))
            raise r.fail(f"unknown requirement {requirement!r} (one of {known})")
        return RequiredData(requirement), allowed
    # excluded_offence, article3_indicator
    r.keys(p, {"terms", "fields", "unless"}, "params")
    terms = r.texts(p, "terms")
    fields = r.texts(p, "fields")
    unknown = [f for f in fields if f not in _TEXT_SOURCES]
    if unknown:
        raise r.fail(f"unknown fields {unknown} (one of {', '.join(_TEXT_SOURCES)})")
    unless: Downgrade | None = None
    raw = p.get("unless")
    if raw is not None:
        if not isinstance(raw, Mapping):
            raise r.fail("'unless' must be an object")
        r.keys(raw, {"terms", "severity", "message_en", "message_ja"}, "keys in 'unless'")
        link_allowed = allowed | {"link_terms"}
        unless = Downgrade(terms=r.texts(raw, "terms"), severity=r.severity(raw),
                           message_en=r.template(raw, "message_en", link_allowed),
                           message_ja=r.template(raw, "message_ja", link_allowed))
    for words in (terms, unless.terms if unless else ()):
        try:
            _compile(words)
        except (ValueError, re.error) as e:
            raise r.fail(str(e)) from None
    return TermSearch(terms=terms, fields=fields, unless=unless), allowed
