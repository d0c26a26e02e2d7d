"""Test-data builders with memorable values: ``make_notice(**overrides)``."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

from ncb.domain.codes import Sex
from ncb.domain.dates import PartialDate
from ncb.domain.names import Name, NameKind
from ncb.domain.notices import ArrestWarrant, Facts, Notice, NoticeStatus, NoticeType, Subject

_SUBJECT_FIELDS = set(Subject.__dataclass_fields__)


def make_subject(**overrides: Any) -> Subject:
    base = Subject(
        names=(Name(name="YAMADA", forename="TARO"),
               Name(full_text="山田太郎", name="山田", forename="太郎", kind=NameKind.ORIGINAL_SCRIPT)),
        date_of_birth=PartialDate(1989, 4, 16),
        sex=Sex.MALE,
        nationalities=("JP",),
        place_of_birth="Osaka",
        country_of_birth="JP",
        height=1.72,
        weight=68.0,
    )
    return replace(base, **overrides)


def make_notice(**overrides: Any) -> Notice:
    """A red notice from Japan's bureau for fraud, draft unless told otherwise."""
    subject_overrides = {k: overrides.pop(k) for k in list(overrides) if k in _SUBJECT_FIELDS}
    subject = overrides.pop("subject", None) or make_subject(**subject_overrides)
    base = Notice(
        entity_id="2026/00001",
        type=NoticeType.RED,
        owner="JP",
        subject=subject,
        status=NoticeStatus.DRAFT,
        public_extract=True,
        warrants=(ArrestWarrant(charge="詐欺", charge_translation="Fraud", issuing_country="JP",
                                law="Penal Code Art. 246", max_penalty_months=120, reference="OSAKA-2026-0042",
                                issued_on=date(2026, 3, 1)),),
        facts=Facts(summary="Defrauded elderly victims of 80 million yen by posing as their grandson.",
                    time="2025/06-2025/12", place="Osaka", country="JP"),
        extradition_countries=("US", "CA", "AU"),
    )
    return replace(base, **overrides)
