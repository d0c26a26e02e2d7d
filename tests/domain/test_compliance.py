"""The compliance pre-check: rules as data, each finding with its article, in English and Japanese."""

from __future__ import annotations

import json
import string
from dataclasses import replace
from importlib import resources
from typing import Any

import pytest

from ncb.domain.codes import Sex
from ncb.domain.compliance import (
    Finding,
    ReviewOverride,
    RuleKind,
    Severity,
    approval_allowed,
    check,
    load_rules,
    rules_from_data,
)
from ncb.domain.dates import PartialDate
from ncb.domain.names import Name
from ncb.domain.notices import (
    ArrestWarrant,
    Disappearance,
    Facts,
    Notice,
    NoticeType,
    Photo,
    Subject,
    UnSanctions,
)
from ncb.errors import ComplianceBlocked, ConfigurationError, ValidationError

# --- builders ----------------------------------------------------------------------------------


def make_warrant(**overrides: Any) -> ArrestWarrant:
    values: dict[str, Any] = {
        "charge": "Fraud",
        "issuing_country": "JP",
        "charge_translation": "詐欺",
        "law": "Penal Code Art. 246",
        "max_penalty_months": 120,
        "reference": "Tokyo District Court 2024-W-1187",
    }
    return ArrestWarrant(**(values | overrides))


def make_red_notice(**overrides: Any) -> Notice:
    """Yamada Taro, wanted by Japan for a 300-million-yen investment fraud: a notice with no findings."""
    values: dict[str, Any] = {
        "entity_id": "2024/1187",
        "type": NoticeType.RED,
        "owner": "JP",
        "subject": Subject(names=(Name(name="YAMADA", forename="TARO"), Name(full_text="山田太郎")),
                           date_of_birth=PartialDate(1980, 4, 16), sex=Sex.MALE, nationalities=("JP",)),
        "warrants": (make_warrant(),),
        "facts": Facts(summary="Took 300 million yen from 40 investors in a fund that never existed.",
                       time="2023/03", place="Tokyo", country="JP"),
        "extradition_countries": ("US", "TH"),
    }
    return Notice(**(values | overrides))


def make_red_notice_with_warrant(**warrant: Any) -> Notice:
    return make_red_notice(warrants=(make_warrant(**warrant),))


def make_yellow_notice(**overrides: Any) -> Notice:
    """Suzuki Hanako, missing since she left Sapporo on 14 February 2024: a notice with no findings."""
    values: dict[str, Any] = {
        "entity_id": "2024/2214",
        "type": NoticeType.YELLOW,
        "owner": "JP",
        "subject": Subject(names=(Name(name="SUZUKI", forename="HANAKO"),), date_of_birth=PartialDate(2009),
                           sex=Sex.FEMALE, description="1.55 m, slim, shoulder-length black hair",
                           photos=(Photo(picture_id="p-2214"),)),
        "disappearance": Disappearance(date=PartialDate(2024, 2, 14), place="Sapporo", country="JP"),
    }
    return Notice(**(values | overrides))


def rule_ids(findings: tuple[Finding, ...]) -> list[str]:
    return [f.rule_id for f in findings]


def severities(findings: tuple[Finding, ...]) -> dict[str, Severity]:
    return {f.rule_id: f.severity for f in findings}


# --- complete notices --------------------------------------------------------------------------


def test_a_complete_red_notice_has_no_findings() -> None:
    assert check(make_red_notice()) == ()


def test_a_complete_yellow_notice_has_no_findings() -> None:
    assert check(make_yellow_notice()) == ()


# --- penalty thresholds ------------------------------------------------------------------------


@pytest.mark.parametrize(("warrant", "expected"), [
    ({"max_penalty_months": 23}, ["red.penalty.prosecution"]),
    ({"max_penalty_months": 24}, []),
    ({"max_penalty_months": 240}, []),
    ({"max_penalty_months": None, "sentence_months": 6, "remaining_months": 6}, []),
    ({"max_penalty_months": None, "sentence_months": 6, "remaining_months": 5}, ["red.penalty.remaining"]),
    ({"max_penalty_months": None, "sentence_months": 5, "remaining_months": 5},
     ["red.penalty.sentence", "red.penalty.remaining"]),
    ({"max_penalty_months": None, "sentence_months": 36, "remaining_months": 30}, []),
    # sought to serve a sentence: the sentence counts, not the maximum the law provides
    ({"max_penalty_months": 12, "sentence_months": 12, "remaining_months": 12}, []),
    ({"max_penalty_months": None}, ["red.minimum.warrant_penalty"]),
    ({"max_penalty_months": None, "sentence_months": 12}, ["red.minimum.warrant_remaining"]),
])
def test_penalty_thresholds_at_and_around_the_limits(warrant: dict[str, Any], expected: list[str]) -> None:
    findings = check(make_red_notice_with_warrant(**warrant))
    assert rule_ids(findings) == expected
    assert all(f.severity is Severity.BLOCK for f in findings)


def test_red_notice_below_two_years_is_blocked() -> None:
    (finding,) = check(make_red_notice_with_warrant(charge="Theft", max_penalty_months=23))
    assert finding.severity is Severity.BLOCK
    assert finding.field == "warrants[0].max_penalty_months"
    assert "RPD Art. 83" in finding.article
    assert "Warrant 1 (Theft)" in finding.message
    assert "23 months" in finding.message and "24 months" in finding.message


def test_each_warrant_is_checked_on_its_own() -> None:
    notice = make_red_notice(warrants=(make_warrant(), make_warrant(charge="Theft", max_penalty_months=12)))
    (finding,) = check(notice)
    assert finding.field == "warrants[1].max_penalty_months"
    assert "Warrant 2 (Theft)" in finding.message


def test_penalty_rules_apply_to_red_notices_only() -> None:
    blue = make_red_notice(type=NoticeType.BLUE, warrants=(make_warrant(max_penalty_months=3),))
    assert not [f for f in check(blue) if f.rule_id.startswith("red.")]


# --- excluded offences -------------------------------------------------------------------------

EXCLUDED_CASES: list[tuple[str, str, str | None]] = [
    # (where, text, rule expected or None)
    ("charge", "Adultery", "red.excluded.cultural_norms"),
    ("charge_translation", "姦通罪", "red.excluded.cultural_norms"),
    ("charge", "Homosexual acts", "red.excluded.cultural_norms"),
    ("charge", "Blasphemy", "red.excluded.cultural_norms"),
    ("charge", "LESE MAJESTE", "red.excluded.cultural_norms"),
    ("charge", "Lèse-majesté", "red.excluded.cultural_norms"),
    ("charge_translation", "不敬罪", "red.excluded.cultural_norms"),
    ("charge_translation", "名誉毀損", "red.excluded.cultural_norms"),
    ("summary", "She obtained an abortion abroad.", "red.excluded.cultural_norms"),
    ("category", "parental child abduction", "red.excluded.family_matters"),
    ("charge_translation", "子の連れ去り", "red.excluded.family_matters"),
    ("charge", "Non-payment of alimony", "red.excluded.family_matters"),
    ("summary", "養育費を2年間支払っていない。", "red.excluded.family_matters"),
    ("charge", "Visa overstay", "red.excluded.administrative"),
    ("summary", "He kept overstaying his visa.", "red.excluded.administrative"),
    ("charge_translation", "不法残留", "red.excluded.administrative"),
    ("charge_translation", "交通違反", "red.excluded.administrative"),
    ("charge", "Unpaid debts", "red.excluded.private_disputes"),
    ("charge", "Bounced cheque", "red.excluded.private_disputes"),
    ("charge_translation", "債務不履行", "red.excluded.private_disputes"),
    ("summary", "本件は民事上の契約違反である。", "red.excluded.private_disputes"),
    # words inside other words are not the offence
    ("charge", "Food adulteration", None),
    ("charge", "Fraud in a parking garage", None),
    ("summary", "Robbed a maintenance worker at gunpoint.", None),
    ("charge", "Murder", None),
]


def _with_text(where: str, text: str) -> Notice:
    if where == "summary":
        return make_red_notice(facts=Facts(summary=text, time="2023/03", place="Tokyo"))
    return make_red_notice_with_warrant(**{where: text})


@pytest.mark.parametrize(("where", "text", "expected"), EXCLUDED_CASES)
def test_excluded_offences_in_english_and_japanese(where: str, text: str, expected: str | None) -> None:
    found = [f for f in check(_with_text(where, text)) if f.rule_id.startswith("red.excluded.")]
    if expected is None:
        assert found == []
    else:
        assert [f.rule_id for f in found] == [expected]
        assert found[0].severity is Severity.BLOCK


def test_an_excluded_offence_names_the_words_and_where_they_were_found() -> None:
    (finding,) = [f for f in check(make_red_notice_with_warrant(charge="Adultery", charge_translation="姦通"))
                  if f.rule_id == "red.excluded.cultural_norms"]
    assert finding.field == "warrants[0].charge"
    assert ('("Adultery", "姦通" in the charge of warrant 1 and the charge translation of warrant 1)'
            in finding.message)
    assert "RPD Art. 83" in finding.article


def test_an_administrative_violation_linked_to_organised_crime_is_only_a_warning() -> None:
    notice = make_red_notice(facts=Facts(summary="Visa overstay arranged for an organized crime group.",
                                         time="2023/03", place="Tokyo"))
    (finding,) = [f for f in check(notice) if f.rule_id == "red.excluded.administrative"]
    assert finding.severity is Severity.WARN
    assert '"organized crime"' in finding.message


def test_a_private_dispute_linked_to_organised_crime_in_japanese_is_only_a_warning() -> None:
    notice = make_red_notice_with_warrant(charge="Debt", charge_translation="暴力団の資金源の債務不履行")
    assert severities(check(notice))["red.excluded.private_disputes"] is Severity.WARN


def test_behavioural_norms_stay_blocked_even_with_organised_crime_mentioned() -> None:
    notice = make_red_notice_with_warrant(charge="Adultery", category="organised crime")
    assert severities(check(notice))["red.excluded.cultural_norms"] is Severity.BLOCK


# --- minimum data ------------------------------------------------------------------------------

RED_MISSING: list[tuple[dict[str, Any], list[str]]] = [
    ({"subject": Subject(date_of_birth=PartialDate(1980), nationalities=("JP",))}, ["red.minimum.name"]),
    ({"subject": Subject(names=(Name(name="YAMADA"),))}, ["red.minimum.date_of_birth_or_nationality"]),
    ({"subject": Subject(names=(Name(name="YAMADA"),), nationalities=("JP",))}, []),
    ({"subject": Subject(names=(Name(name="YAMADA"),), date_of_birth=PartialDate(1980))}, []),
    ({"warrants": ()}, ["red.minimum.warrant"]),
    ({"warrants": (make_warrant(charge=" "),)}, ["red.minimum.warrant_charge"]),
    ({"warrants": (make_warrant(issuing_country=""),)}, ["red.minimum.warrant_issuing_country"]),
    ({"warrants": (make_warrant(law=None),)}, ["red.minimum.warrant_law"]),
    ({"warrants": (make_warrant(reference=None),)}, ["red.minimum.warrant_reference"]),
    ({"facts": None}, ["red.minimum.facts_summary", "red.minimum.facts_time", "red.minimum.facts_place"]),
    ({"facts": Facts(summary="Took 300 million yen.", place="Tokyo")}, ["red.minimum.facts_time"]),
    ({"facts": Facts(summary="Took 300 million yen.", time="2023/03")}, ["red.minimum.facts_place"]),
    ({"extradition_countries": ()}, ["red.minimum.extradition_countries"]),
]


@pytest.mark.parametrize(("overrides", "expected"), RED_MISSING)
def test_red_notice_minimum_data(overrides: dict[str, Any], expected: list[str]) -> None:
    findings = check(make_red_notice(**overrides))
    assert rule_ids(findings) == expected
    assert all(f.severity is Severity.BLOCK for f in findings)


def test_missing_warrant_data_points_at_the_warrant_field() -> None:
    (finding,) = check(make_red_notice(warrants=(make_warrant(), make_warrant(charge="Theft", law=None))))
    assert finding.field == "warrants[1].law"
    assert finding.message == "Warrant 2 (Theft) does not cite the law that makes the conduct an offence."


YELLOW_MISSING: list[tuple[dict[str, Any], str, Severity]] = [
    ({"names": ()}, "yellow.minimum.name", Severity.BLOCK),
    ({"sex": Sex.UNKNOWN}, "yellow.minimum.sex", Severity.BLOCK),
    ({"date_of_birth": None}, "yellow.minimum.year_of_birth", Severity.BLOCK),
    ({"description": None}, "yellow.minimum.description", Severity.BLOCK),
    ({"photos": ()}, "yellow.minimum.photo", Severity.WARN),
]


@pytest.mark.parametrize(("subject", "rule_id", "severity"), YELLOW_MISSING)
def test_yellow_notice_minimum_data(subject: dict[str, Any], rule_id: str, severity: Severity) -> None:
    notice = make_yellow_notice()
    findings = check(replace(notice, subject=replace(notice.subject, **subject)))
    assert [(f.rule_id, f.severity) for f in findings] == [(rule_id, severity)]


def test_distinguishing_marks_stand_in_for_a_description_of_a_missing_person() -> None:
    notice = make_yellow_notice()
    subject = replace(notice.subject, description=None, distinguishing_marks="scar on the left cheek")
    assert check(replace(notice, subject=subject)) == ()


def test_yellow_notice_needs_the_date_and_place_of_the_disappearance() -> None:
    assert rule_ids(check(make_yellow_notice(disappearance=None))) == [
        "yellow.minimum.disappearance_date", "yellow.minimum.disappearance_place"]


def test_the_unconfirmed_photo_requirement_cites_its_article_as_unconfirmed() -> None:
    notice = make_yellow_notice()
    (finding,) = check(replace(notice, subject=replace(notice.subject, photos=())))
    assert finding.article == "RPD Art. 90 (unconfirmed detail)"


@pytest.mark.parametrize(("notice", "expected"), [
    (Notice(entity_id="2024/1", type=NoticeType.BLACK, owner="JP", subject=Subject()),
     {"black.minimum.description": Severity.BLOCK, "black.minimum.photo": Severity.WARN,
      "black.minimum.place_found": Severity.WARN}),
    (Notice(entity_id="2024/2", type=NoticeType.PURPLE, owner="JP", subject=Subject()),
     {"purple.minimum.modus_operandi": Severity.BLOCK, "purple.minimum.facts_summary": Severity.WARN}),
    (Notice(entity_id="2024/3", type=NoticeType.UN_SPECIAL, owner="UN",
            subject=Subject(names=(Name(full_text="AL-QAIDA"),)), un=UnSanctions(resolution="1267")),
     {"un.minimum.reference": Severity.BLOCK}),
    (Notice(entity_id="2024/4", type=NoticeType.BLUE, owner="JP", subject=Subject(description="tall man")),
     {"blue.minimum.facts_summary": Severity.WARN}),
])
def test_other_notice_types_have_a_sensible_minimum(notice: Notice, expected: dict[str, Severity]) -> None:
    assert severities(check(notice)) == expected


# --- Constitution Art. 3 ------------------------------------------------------------------------

ARTICLE3_CASES: list[tuple[str, str, list[str]]] = [
    ("He led an anti-government protest before the election.", "art3.political",
     ["anti-government", "protest", "election"]),
    ("野党の政治家として反政府デモを組織した。", "art3.political", ["政治", "野党", "反政府", "デモ"]),
    ("A military deserter who left his unit in 2021.", "art3.military", ["military deserter"]),
    ("脱走兵として手配されている。", "art3.military", ["脱走兵"]),
    ("Member of a banned religious sect.", "art3.religious", ["religious", "sect"]),
    ("宗教団体の幹部。", "art3.religious", ["宗教"]),
    ("Attacks on an ethnic minority.", "art3.racial", ["ethnic"]),
    ("人種差別的な動機による暴行。", "art3.racial", ["人種"]),
]


@pytest.mark.parametrize(("summary", "rule_id", "words"), ARTICLE3_CASES)
def test_article_3_indicators_name_the_indicator_and_the_words(summary: str, rule_id: str,
                                                               words: list[str]) -> None:
    notice = make_red_notice(facts=Facts(summary=summary, time="2023/03", place="Tokyo"))
    (finding,) = [f for f in check(notice) if f.rule_id.startswith("art3.")]
    assert finding.rule_id == rule_id
    assert finding.severity is Severity.WARN
    assert finding.article == "Constitution Art. 3"
    assert finding.field == "facts.summary"
    indicator = rule_id.removeprefix("art3.")
    assert f"Possible {indicator} character" in finding.message
    for word in words:
        assert f'"{word}"' in finding.message


def test_article_3_applies_to_every_notice_type_and_to_charges() -> None:
    notice = Notice(entity_id="2024/5", type=NoticeType.DIFFUSION, owner="JP", subject=Subject(),
                    warrants=(make_warrant(charge="Desertion"),))
    assert rule_ids(check(notice)) == ["art3.military"]


def test_a_word_that_merely_contains_an_indicator_is_not_one() -> None:
    notice = make_red_notice(facts=Facts(summary="Fixed races at the racecourse; embraced the sector.",
                                         time="2023", place="Tokyo"))
    assert check(notice) == ()


# --- order, language ---------------------------------------------------------------------------


def test_blocking_findings_come_first_and_the_order_is_stable() -> None:
    notice = make_red_notice(facts=Facts(summary="Protest organiser.", time="2023"),
                             warrants=(make_warrant(max_penalty_months=12),))
    findings = check(notice)
    assert rule_ids(findings) == ["red.penalty.prosecution", "red.minimum.facts_place", "art3.political"]
    assert check(notice) == findings


def test_messages_in_japanese() -> None:
    notice = make_red_notice(warrants=(make_warrant(charge="窃盗", max_penalty_months=23),),
                             facts=Facts(summary="反政府デモの最中に窃盗", time="2023", place="東京"))
    penalty, art3 = check(notice, locale="ja")
    assert penalty.message.startswith("令状1（窃盗）：法定刑の上限が23か月")
    assert "24か月" in penalty.message
    assert "事実の概要に「反政府」、「デモ」" in art3.message
    assert art3.article == "Constitution Art. 3"


def test_a_regional_locale_uses_its_language() -> None:
    assert check(make_red_notice(extradition_countries=()), locale="ja-JP")[0].message.startswith("身柄")


def test_an_unknown_locale_is_refused() -> None:
    with pytest.raises(ValidationError) as e:
        check(make_red_notice(), locale="fr")
    assert e.value.field == "locale"


# --- findings on a transition ------------------------------------------------------------------


def test_a_finding_is_kept_as_strings_and_read_back() -> None:
    (finding,) = check(make_red_notice(extradition_countries=()))
    d = finding.to_dict()
    assert all(isinstance(v, str) for v in d.values())
    assert d["severity"] == "block" and d["rule_id"] == "red.minimum.extradition_countries"
    assert Finding.from_dict(d) == finding


def test_a_finding_takes_its_severity_as_a_string_too() -> None:
    assert Finding("x.rule", "Art. 1", "block", "message").blocks  # type: ignore[arg-type]


def test_a_finding_without_a_field_keeps_an_empty_string() -> None:
    finding = Finding("x.rule", "Art. 1", Severity.WARN, "message")
    assert finding.to_dict()["field"] == ""
    assert Finding.from_dict(finding.to_dict()) == finding


# --- approving over findings -------------------------------------------------------------------

BLOCK = Finding("red.penalty.prosecution", "RPD Art. 83", Severity.BLOCK, "below two years")
WARN = Finding("art3.political", "Constitution Art. 3", Severity.WARN, "protest")


def test_approval_without_findings_needs_no_reason() -> None:
    approval_allowed((), None, None)


def test_a_blocking_finding_stops_approval_without_the_exception() -> None:
    with pytest.raises(ComplianceBlocked) as e:
        approval_allowed((BLOCK,), "checked the file", None)
    assert "red.penalty.prosecution" in str(e.value)
    assert "particular importance to international police cooperation" in str(e.value)


def test_a_blocking_finding_passes_with_the_particular_importance_exception() -> None:
    approval_allowed((BLOCK,), None, "Leader of a network operating in twelve countries")


def test_a_warning_needs_a_reason() -> None:
    with pytest.raises(ValidationError) as e:
        approval_allowed((WARN,), None, None)
    assert e.value.field == "reason"
    assert "art3.political" in str(e.value)


def test_a_blank_reason_is_no_reason() -> None:
    with pytest.raises(ValidationError):
        approval_allowed((WARN,), "   ", None)
    with pytest.raises(ComplianceBlocked):
        approval_allowed((BLOCK,), "ok", "  ")


def test_a_warning_passes_with_a_reason() -> None:
    approval_allowed((WARN,), "ordinary-law fraud predominates; the protest is incidental", None)


def test_the_exception_does_not_answer_the_warnings() -> None:
    with pytest.raises(ValidationError):
        approval_allowed((BLOCK, WARN), None, "of particular importance")
    approval_allowed((BLOCK, WARN), "fraud predominates", "of particular importance")


def test_a_review_override_says_when_the_exception_was_used() -> None:
    override = ReviewOverride(reason="fraud predominates", exception_reason="of particular importance")
    assert override.uses_exception((BLOCK, WARN))
    assert not override.uses_exception((WARN,))


# --- the rules file ----------------------------------------------------------------------------


def _raw_rules() -> list[dict[str, Any]]:
    text = resources.files("ncb.domain").joinpath("data", "compliance_rules.json").read_text("utf-8")
    rules: list[dict[str, Any]] = json.loads(text)["rules"]
    return rules


def test_every_rule_has_an_article_a_severity_and_both_messages() -> None:
    for raw in _raw_rules():
        assert raw["article"].strip(), raw["id"]
        assert raw["severity"] in {"block", "warn"}, raw["id"]
        assert raw["message_en"].strip() and raw["message_ja"].strip(), raw["id"]
        unless = raw["params"].get("unless")
        if unless:
            assert unless["message_en"].strip() and unless["message_ja"].strip(), raw["id"]
    assert len(load_rules()) == len(_raw_rules())


def test_the_rules_cover_every_kind_and_every_notice_type_but_diffusions_minimum() -> None:
    rules = load_rules()
    assert {r.kind for r in rules} == set(RuleKind)
    with_minimum = {t for r in rules if r.kind is RuleKind.MINIMUM_DATA for t in r.applies_to}
    assert with_minimum == set(NoticeType) - {NoticeType.DIFFUSION}


def test_the_excluded_offence_terms_include_japanese() -> None:
    def has_japanese(terms: list[str]) -> bool:
        return any(ord(ch) > 0x3000 for t in terms for ch in t)
    for raw in _raw_rules():
        if raw["kind"] in {"excluded_offence", "article3_indicator"}:
            assert has_japanese(raw["params"]["terms"]), raw["id"]


def test_unconfirmed_citations_say_so() -> None:
    for rule in load_rules():
        confirmed = rule.article in {"Constitution Art. 3", "RPD Art. 90"}
        assert confirmed or "unconfirmed" in rule.article, rule.id


def test_load_rules_reads_the_file_once() -> None:
    assert load_rules() is load_rules()


# --- rules given by a test ---------------------------------------------------------------------


def _rule(**overrides: Any) -> dict[str, Any]:
    rule: dict[str, Any] = {
        "id": "test.penalty", "article": "Test Art. 1", "severity": "warn", "applies_to": ["red"],
        "kind": "penalty_threshold", "params": {"basis": "prosecution", "min_months": 240},
        "message_en": "Warrant {n}: {months} < {min_months}", "message_ja": "令状{n}：{months}<{min_months}",
    }
    return rule | overrides


def test_rules_given_as_data_replace_the_file() -> None:
    rules = rules_from_data([_rule()])
    (finding,) = check(make_red_notice(), rules=rules)
    assert (finding.rule_id, finding.severity, finding.message) == ("test.penalty", Severity.WARN,
                                                                   "Warrant 1: 120 < 240")


@pytest.mark.parametrize(("overrides", "problem"), [
    ({"kind": "astrology"}, "unknown kind 'astrology'"),
    ({"severity": "fatal"}, "unknown severity 'fatal'"),
    ({"applies_to": ["pink"]}, "unknown notice type 'pink'"),
    ({"article": ""}, "'article'"),
    ({"message_ja": None}, "'message_ja'"),
    ({"message_en": "{nonsense}"}, "unknown placeholders ['nonsense']"),
    ({"params": {"basis": "whim", "min_months": 1}}, "unknown penalty basis 'whim'"),
    ({"params": {"basis": "prosecution", "min_months": "two years"}}, "'min_months'"),
    ({"kind": "minimum_data", "params": {"requirement": "horoscope"}, "message_en": "x", "message_ja": "x"},
     "unknown requirement 'horoscope'"),
    ({"kind": "excluded_offence", "params": {"terms": ["a*b"], "fields": ["facts.summary"]},
      "message_en": "x", "message_ja": "x"}, "'*' may only end a term"),
    ({"kind": "excluded_offence", "params": {"terms": ["x"], "fields": ["diary"]},
      "message_en": "x", "message_ja": "x"}, "unknown fields ['diary']"),
])
def test_a_bad_rule_is_refused_naming_its_id(overrides: dict[str, Any], problem: str) -> None:
    with pytest.raises(ConfigurationError) as e:
        rules_from_data({"rules": [_rule(**overrides)]})
    assert "'test.penalty'" in str(e.value)
    assert problem in str(e.value)


def test_a_rule_defined_twice_is_refused() -> None:
    with pytest.raises(ConfigurationError, match="'test.penalty' is defined twice"):
        rules_from_data([_rule(), _rule()])


def test_every_message_template_uses_only_known_placeholders() -> None:
    # load_rules validates the templates; this renders each one to be sure none fails at check time
    formatter = string.Formatter()
    for rule in load_rules():
        for template in (rule.message_en, rule.message_ja):
            names = {n for _, n, _, _ in formatter.parse(template) if n}
            template.format_map(dict.fromkeys(names, "x"))
