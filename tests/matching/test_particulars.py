"""The array form of the date-of-birth, sex and nationality features, which the index uses to rule listed
persons out before comparing names, must agree with the features themselves pair by pair: the dates of birth
and sexes exactly, the whole never below what the features add up to."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from ncb.matching import Person
from ncb.matching.features import (
    FEATURES,
    NO_DAY,
    births_of_codes,
    births_of_texts,
    dob_deltas,
    document_match,
    particulars_ceiling,
    within_reach,
    years_reach,
)
from ncb.matching.index import _dob_code, _dob_text

DOB_FEATURES = [f for f in FEATURES if f.__name__.startswith("dob_")]

years = (st.integers(min_value=1900, max_value=1910) | st.integers(min_value=1968, max_value=1972)
         | st.sampled_from([1, 9999, 10000, 0]))
dates = st.one_of(
    st.none(),
    st.builds(lambda y: f"{y}", years),
    st.builds(lambda y, m: f"{y}/{m:02d}", years, st.integers(0, 13)),
    st.builds(lambda y, m, d: f"{y}/{m:02d}/{d:02d}", years, st.integers(0, 13), st.integers(0, 32)),
    st.builds(lambda y, m, d: f"{y}-{m}-{d}", years, st.integers(1, 12), st.integers(1, 31)),
    st.sampled_from(["", "abc", "1970//", "1970/xx", "2000/02/29", "1900/02/29", "1999/12/31", "2000/01/01"]),
)
sexes = st.sampled_from(["M", "F", "U", None])
nationalities = st.sampled_from([(), ("JP",), ("FR",), ("JP", "FR")])


def _sum(features: list, q: Person, c: Person) -> float:
    return sum(e.delta for f in features if (e := f(q, c)) is not None)


@settings(max_examples=600, deadline=None)
@given(st.lists(st.tuples(dates, dates, sexes, sexes, nationalities, nationalities), min_size=1, max_size=20))
def test_the_array_form_agrees_with_the_features(pairs: list) -> None:
    queries = [Person("q", ("A",), q_dob, q_nat, q_sex) for q_dob, _c, q_sex, _cs, q_nat, _cn in pairs]
    # A listed person's date of birth is what the index keeps of it: a number, written back as text.
    codes = np.asarray([_dob_code(c_dob) for _q, c_dob, *_rest in pairs], dtype=np.uint32)
    listed = [Person("c", ("A",), _dob_text(int(code)), c_nat, c_sex)
              for code, (_q, _c, _qs, c_sex, _qn, c_nat) in zip(codes, pairs, strict=True)]
    q_births = births_of_texts([q.date_of_birth for q in queries])
    c_births = births_of_codes(codes)
    deltas = dob_deltas(q_births, c_births)
    ceiling = particulars_ceiling(q_births, np.asarray([(q.sex or "U")[:1].encode() for q in queries], dtype="S1"),
                                  c_births, np.asarray([(c.sex or "U")[:1].encode() for c in listed], dtype="S1"))
    for floor in (-0.5, -0.34, -0.33, -0.24, -0.23, 0.0, 0.1, 0.11):
        kept = within_reach(q_births.year, c_births.year, years_reach(np.full(len(pairs), floor)))
        assert (kept | (ceiling < floor)).all(), floor  # the first cut only drops what could not reach the floor
    others = [f for f in FEATURES if f is not document_match]
    for i, (q, c) in enumerate(zip(queries, listed, strict=True)):
        assert abs(deltas[i] - _sum(DOB_FEATURES, q, c)) < 1e-9, (q.date_of_birth, c.date_of_birth)
        assert ceiling[i] >= _sum(others, q, c) - 1e-9, (q, c)


def test_dates_are_read_as_the_features_read_them() -> None:
    births = births_of_texts(["1970/05/01", "1970", "2001/02/29", None, "1970/13/40"])
    assert births.year.tolist() == [1970, 1970, 2001, 0, 1970]
    assert births.ordinal[0] == 120 and births.ordinal[2] == NO_DAY and births.ordinal[4] == NO_DAY
    before = births_of_texts(["1969/12/31", "1/01/01"])
    assert before.ordinal.tolist() == [-1, -719162]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 10_000), st.integers(0, 13), st.integers(0, 32)), min_size=1, max_size=20))
def test_a_date_read_alone_gets_the_day_number_the_array_reading_gives(dates: list[tuple[int, int, int]]) -> None:
    from ncb.matching.features import _ordinals

    births = births_of_texts([f"{y}/{m:02d}/{d:02d}" for y, m, d in dates])
    assert births.ordinal.tolist() == _ordinals(births.year, births.month, births.day).tolist()


documents = st.sampled_from([(), ("TK1234567",), ("tk-1234567",), ("X9",)])


@settings(max_examples=1500, deadline=None)
@given(dates, dates, sexes, sexes, nationalities, nationalities, documents, documents)
def test_the_features_left_out_for_unknown_particulars_would_not_have_applied(
        qd: str | None, cd: str | None, qs: str | None, cs: str | None, qn: tuple[str, ...], cn: tuple[str, ...],
        qdoc: tuple[str, ...], cdoc: tuple[str, ...]) -> None:
    from ncb.matching.features import features_for

    q = Person("q", ("A",), qd, qn, qs, qdoc)
    c = Person("c", ("A",), cd, cn, cs, cdoc)
    asked = features_for(q, c)
    assert [f for f in FEATURES if f in asked] == list(asked)  # in the same order
    assert all(f(q, c) is None for f in FEATURES if f not in asked)


@settings(max_examples=800, deadline=None)
@given(dates, dates, sexes, sexes, nationalities, nationalities, documents, documents,
       st.floats(min_value=0.0, max_value=1.0))
def test_a_hit_s_features_kept_per_particulars_are_those_of_the_persons_themselves(
        qd: str | None, cd: str | None, qs: str | None, cs: str | None, qn: tuple[str, ...], cn: tuple[str, ...],
        qdoc: tuple[str, ...], cdoc: tuple[str, ...], name_score: float) -> None:
    """score_features keeps the features per pair of particulars (names, ids and kinds aside): the score and the
    features must be, to the bit, those of calling every feature on the whole persons in turn."""
    from ncb.matching.compare import NAME_WEIGHT, score_features
    from ncb.matching.features import explanation, features_for

    q = Person("q", ("TARO YAMADA",), qd, qn, qs, qdoc)
    c = Person("c", ("JOHN SMITH", "J SMITH"), cd, cn, cs, cdoc, "entity")
    total, document, expected = NAME_WEIGHT * name_score, False, []
    for feature in features_for(q, c):
        effect = feature(q, c)
        if effect is None:
            continue
        expected.append((feature.__name__, effect.delta, explanation(feature), effect.detail))
        if feature.__name__ == "document_match":
            document = True
        else:
            total += effect.delta
    for _ in range(2):  # worked out, then kept
        score, features = score_features(q, c, name_score)
        assert score == (1.0 if document else max(0.0, min(0.99, total)))
        assert [(f.name, f.delta, f.explanation, f.detail) for f in features] == expected
