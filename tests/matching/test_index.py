"""The index: candidates without scoring the whole list, one file, kept current."""

from __future__ import annotations

import io

import pytest

from ncb.matching import Person
from ncb.matching.index import ScreeningIndex
from ncb.matching.model import Hit, NameAlignment

LISTED = [
    Person("2024/00001", ("TARO YAMADA", "山田太郎"), "1989/04/16", ("JP",), "M", ("TK1234567",)),
    Person("2024/00002", ("VLADIMIR PUTIN",), "1952/10/07", ("RU",), "M"),
    Person("2024/00003", ("JOHN SMITH",), "1970/05/01", ("US",), "M"),
    Person("2024/00004", ("XI JINPING",), "1953/06/15", ("CN",), "M"),
    Person("2024/00005", ("KIM MIN-JUN",), "1990", ("KR",), "M"),
]


def index() -> ScreeningIndex:
    return ScreeningIndex.build(LISTED)


def test_a_kanji_query_finds_the_romaji_listing() -> None:
    hits = index().search(Person("q", ("山田太郎",), "1989/04/16"))
    assert [h.candidate_id for h in hits][:1] == ["2024/00001"]


def test_a_query_scores_only_candidates_that_share_keys() -> None:
    idx = index()
    from ncb.matching.compare import person_forms

    found = idx.candidates(person_forms(Person("q", ("John Smyth",))))
    assert [idx.ids[i] for i in found] == ["2024/00003"]


def test_a_document_number_finds_the_person_whatever_the_name() -> None:
    hits = index().search(Person("q", ("T. YAMADA",), documents=("tk-1234567",)))
    assert hits[0].candidate_id == "2024/00001" and hits[0].score == 1.0


def test_the_index_is_saved_to_one_file_and_loaded_back() -> None:
    buf = io.BytesIO()
    index().save(buf)
    buf.seek(0)
    loaded = ScreeningIndex.load(buf)
    assert len(loaded) == 5
    assert loaded.search(Person("q", ("Putin Vladimir",)))[0].candidate_id == "2024/00002"


def test_the_index_is_kept_current_without_a_rebuild() -> None:
    idx = index()
    idx.add(Person("2025/00009", ("OSAMA BIN LADEN",), "1957/03/10", ("SA",), "M"))
    assert idx.search(Person("q", ("Usama bin Ladin",)))[0].candidate_id == "2025/00009"
    assert idx.remove("2024/00002")
    assert not idx.search(Person("q", ("Vladimir Putin",)))
    buf = io.BytesIO()
    idx.save(buf)
    buf.seek(0)
    loaded = ScreeningIndex.load(buf)
    assert len(loaded) == 5 and "2024/00002" not in loaded and "2025/00009" in loaded


def test_nicknames_and_a_single_name_find_their_listing_among_many_namesakes() -> None:
    crowd = [Person(f"2020/{i:05d}", (f"{given} OLSON",)) for i, given in enumerate(
        ["ANNA", "BRIAN", "CARL", "DORA", "ERIC", "FIONA", "GREG", "HELEN", "IAN", "JUNE", "KARL", "LENA"])]
    idx = ScreeningIndex.build([*crowd, Person("2024/00099", ("MARGARET OLSON",)),
                                Person("2024/00098", ("WILLIAM CLINTON",)), *LISTED])
    assert idx.search(Person("q", ("Peggy Olson",)))[0].candidate_id == "2024/00099"
    assert idx.search(Person("q", ("Bill Clinton",)))[0].candidate_id == "2024/00098"
    assert idx.search(Person("q", ("Путин Владимир",)))[0].candidate_id == "2024/00002"


def test_listed_organisations_meet_only_organisation_or_any_queries_and_survive_a_save() -> None:
    index = ScreeningIndex.build([Person("p1", ("Taro Yamada",)),
                                  Person("e1", ("Yamada Trading Company",), kind="entity")])
    buf = io.BytesIO()
    index.save(buf)
    buf.seek(0)
    loaded = ScreeningIndex.load(buf)
    for idx in (index, loaded):
        assert [h.candidate_id for h in idx.search(Person("q", ("Yamada Trading",), kind="entity"))] == ["e1"]
        assert all(h.candidate_id != "e1" for h in idx.search(Person("q", ("Yamada Trading Company",))))
        assert "e1" in {h.candidate_id for h in idx.search(Person("q", ("Yamada Trading Company",), kind="any"))}
        assert idx.person(idx.position["e1"])[0].kind == "entity"


def test_an_index_of_one_kind_still_answers_a_query_for_the_other_and_learns_of_an_addition() -> None:
    index = ScreeningIndex.build([Person("p1", ("Yamada Trading",))])
    assert index.search(Person("q", ("Yamada Trading",), kind="entity")) == []
    assert [h.candidate_id for h in index.search(Person("q", ("Yamada Trading",)))] == ["p1"]
    index.add(Person("e1", ("Yamada Trading",), kind="entity"))
    assert [h.candidate_id for h in index.search(Person("q", ("Yamada Trading",), kind="entity"))] == ["e1"]
    assert [h.candidate_id for h in index.search(Person("q", ("Yamada Trading",)))] == ["p1"]


def test_many_travellers_searched_together_get_what_each_would_get_alone() -> None:
    crowd = [Person(f"2021/{i:05d}", (f"{given} {family}",), f"{1950 + i % 40}/0{1 + i % 9}/1{i % 9}",
                    ("JP",) if i % 2 else ("FR",), "MF"[i % 2])
             for i, (given, family) in enumerate((g, f) for g in ("ANNA", "KENJI", "MARIA", "JOHN", "AHMED")
                                                  for f in ("SATO", "GARCIA", "SMITH", "HASSAN", "KIM"))]
    idx = ScreeningIndex.build([*crowd, *LISTED, Person("e1", ("Yamada Trading Company",), kind="entity")])
    idx.add(Person("2025/00009", ("OSAMA BIN LADEN",), "1957/03/10", ("SA",), "M"))
    idx.remove("2021/00003")
    travellers = [Person("a", ("Maria Garsia",), "1952/03/12"), Person("b", ("山田太郎",), "1989/04/16"),
                  Person("c", ("T. YAMADA",), documents=("tk-1234567",)), Person("d", ("...",)),
                  Person("e", ("Yamada Trading",), kind="entity"), Person("f", ("Usama bin Ladin",), "1957"),
                  Person("g", ("John Smith",), "1970/01/05", sex="F"), Person("h", ("Kim Min Jun",), "1991"),
                  Person("i", ("Ahmed Hassan",), "1980/02/02"), Person("j", ("Anna Sato",))]
    for threshold in (0.3, 0.7, 0.9):
        together = idx.search_many(travellers, threshold=threshold)
        alone = [idx.search(t, threshold=threshold) for t in travellers]
        assert together == alone
        assert sum(map(len, together)) >= (3 if threshold == 0.9 else 6)
    assert [h.candidate_id for h in together[2]] == ["2024/00001"]


def test_a_listed_person_born_years_apart_is_ruled_out_before_names_are_compared() -> None:
    from ncb.matching.compare import person_forms
    from ncb.matching.index import Lookup

    idx = index()
    smith = Person("q", ("John Smith",), "1990/05/01", sex="M")
    forms = person_forms(smith)
    assert idx.candidates(forms) == [idx.position["2024/00003"]]  # without a threshold: found
    [ruled_out] = idx.candidates_many([Lookup(forms, (), "any", smith, 0.7)])
    assert ruled_out == []  # 20 years apart: even a perfect name stays below 0.7
    [low] = idx.candidates_many([Lookup(forms, (), "any", smith, 0.3)])
    assert low == [idx.position["2024/00003"]]
    assert idx.search(smith, threshold=0.3)[0].candidate_id == "2024/00003"
    assert idx.search(Person("q", ("Anybody",), "1990", documents=("TK1234567",)))[0].score == 1.0


def test_a_search_leaves_the_garbage_collector_as_it_found_it() -> None:
    import gc

    index = ScreeningIndex.build([Person("p1", ("Taro Yamada",))])
    assert gc.isenabled()
    assert [h.candidate_id for h in index.search(Person("q", ("Yamada Taro",)))] == ["p1"]
    assert gc.isenabled()
    gc.disable()  # the program's own choice stays
    try:
        index.search_many([Person("q", ("Yamada Taro",))])
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_keys_past_the_postings_budget_still_confirm_and_rank_candidates(monkeypatch: pytest.MonkeyPatch) -> None:
    from ncb.matching import index as index_module
    from ncb.matching.compare import person_forms

    crowd = [Person(f"2020/{i:05d}", (f"{given} OLSON",)) for i, given in enumerate(
        ["ANNA", "BRIAN", "CARL", "DORA", "ERIC", "FIONA", "GREG", "HELEN", "IAN", "JUNE", "KARL", "LENA"])]
    idx = ScreeningIndex.build([*crowd, Person("2024/00099", ("MARGARET OLSON",)),
                                Person("2024/00098", ("MARGARET OLSEN",)), *LISTED])
    query = Person("q", ("Margaret Olson",))
    unlimited = idx.candidates(person_forms(query))
    monkeypatch.setattr(index_module, "POSTINGS_READ", 1)
    idx._plans.clear()  # a name's plan is kept: work it out again under the new budget
    keys = idx._query_keys([person_forms(query)])
    _left, df = idx._spans(keys.hashes)
    assert idx._past_budget(keys, df, df > 0).any()  # the budget binds: some keys only confirm
    assert idx.candidates(person_forms(query)) == unlimited
    assert [h.candidate_id for h in idx.search(query)][:2] == ["2024/00099", "2024/00098"]


def test_a_misspelt_name_of_two_common_parts_finds_its_holder() -> None:
    crowd = ([Person(f"c{i}", (f"CHRISTINA {chr(65 + i % 26)}{chr(65 + i // 26)}NOW",)) for i in range(60)]
             + [Person(f"v{i}", (f"{chr(65 + i % 26)}{chr(65 + i // 26)}RA VINCENT",)) for i in range(60)]
             + [Person(f"w{i}", (f"{chr(65 + i % 26)}{chr(65 + i // 26)}LA VINCE",)) for i in range(55)])
    idx = ScreeningIndex.build([*crowd, Person("2024/00042", ("CHRISTINA VINCENT",))])
    hits = idx.search(Person("q", ("Christina Vincet",)))
    assert [h.candidate_id for h in hits][:1] == ["2024/00042"]
    assert idx.search(Person("q", ("Christina Qzxwv",))) == []  # one common part, two needed: nobody


def test_a_name_seen_again_with_another_date_of_birth_is_scored_as_afresh() -> None:
    from ncb.matching.compare import compare

    idx = index()
    for dob in ("1952/10/07", "1990/01/01", None, "1952/07/10"):
        traveller = Person("q", ("Putin Vladimir",), dob)
        [hit] = idx.search(traveller, threshold=0.0, limit=1)
        assert hit == compare(traveller, idx.person(idx.position["2024/00002"])[0])


def test_additions_between_searches_are_cut_by_their_own_dates_of_birth() -> None:
    idx = index()
    traveller = Person("q", ("John Smith",), "1970/05/01")
    assert [h.candidate_id for h in idx.search(traveller)] == ["2024/00003"]
    # born in a year the list already has (read and appended), then in one it does not (the list read again)
    idx.add(Person("2025/00010", ("JOHN SMITH",), "1970/05/01", ("GB",), "M"))
    assert {h.candidate_id for h in idx.search(traveller)} == {"2024/00003", "2025/00010"}
    idx.add(Person("2025/00011", ("JOHN SMITH",), "1931/02/02", ("GB",), "M"))
    assert {h.candidate_id for h in idx.search(traveller)} == {"2024/00003", "2025/00010"}
    idx.add(Person("2025/00012", ("JOHN SMITH",), "2001/01/01", ("IE",), "M"))
    idx.add(Person("2025/00013", ("JOHN SMITH",), "1970/05/01", ("IE",), "M"))
    assert {h.candidate_id for h in idx.search(traveller)} == {"2024/00003", "2025/00010", "2025/00013"}
    assert {h.candidate_id for h in idx.search(Person("q2", ("John Smith",), "1931/02/02"))} == {"2025/00011"}
    fresh = ScreeningIndex.build([*LISTED] + [idx.person(idx.position[f"2025/000{n}"])[0] for n in (10, 11, 12, 13)])
    for mine, theirs in zip(vars(idx._births().births).values(), vars(fresh._births().births).values(), strict=True):
        assert mine.tolist() == theirs.tolist()


def test_a_name_met_again_is_shortlisted_as_a_fresh_index_would() -> None:
    namesakes = [Person(f"2020/{i:05d}", ("MARGARET OLSON",), f"{1960 + i % 6}/0{1 + i % 9}/01") for i in range(14)]
    listed = [*namesakes, Person("2024/00099", ("MARGARET OLSEN",), "1965/01/01"), *LISTED]
    warm = ScreeningIndex.build(listed)
    for born in ("1965/01/01", "1962/03/01", "1961/01/01", "1965/01/01"):  # more candidates than are shortlisted
        traveller = Person("q", ("Peggy Olson",), born)
        fresh = ScreeningIndex.build(listed).search_many([traveller], threshold=0.5)[0]
        assert warm.search_many([traveller], threshold=0.5)[0] == fresh and len(fresh) == 5
    assert warm._quick  # the ratios were kept, and used from the second search on


def test_a_candidate_that_cannot_reach_the_threshold_is_not_scored_and_no_hit_changes(
        monkeypatch: pytest.MonkeyPatch) -> None:
    import ncb.matching.index as module

    crowd = [Person(f"2021/{i:05d}", (f"{given} {family}",), f"{1960 + i % 3}/0{1 + i % 3}/1{i % 3}",
                    ("JP",) if i % 2 else ("FR",), "MF"[i % 2])
             for i, (given, family) in enumerate((g, f) for g in ("ANNA", "ANA", "HANNA", "JOHN", "JON")
                                                  for f in ("SATO", "SATOU", "SMITH", "SMYTH"))]
    idx = ScreeningIndex.build([*crowd, *LISTED])
    travellers = [Person(f"t{i}", (name,), dob, sex=sex) for i, (name, dob, sex) in enumerate(
        (n, d, s) for n in ("Anna Sato", "Hana Satou", "Jon Smith", "Yamada Taro")
        for d in ("1961/02/11", "1961", "1975/01/01", None) for s in ("M", "F", None))]
    scored: list[float] = []
    score = module.scored

    def counted(query: Person, listed: Person, alignment: NameAlignment | None) -> Hit:
        hit = score(query, listed, alignment)
        scored.append(hit.score)
        return hit

    monkeypatch.setattr(module, "scored", counted)
    for threshold in (0.5, 0.7, 0.85):
        skipping = idx.search_many(travellers, threshold=threshold)
        checked = len(scored)
        with monkeypatch.context() as every:  # every shortlisted candidate scored
            every.setattr(ScreeningIndex, "_ceilings", lambda self, queries, shortlists: [
                [1.0] * len(shortlist) for shortlist in shortlists])
            assert idx.search_many(travellers, threshold=threshold) == skipping
        assert len(scored) - checked > checked  # some candidates were left unscored
        assert sum(map(len, skipping)) > 0
        scored.clear()


def test_namesakes_on_the_list_share_one_alignment_with_a_traveller() -> None:
    namesakes = [Person(f"2020/{i:05d}", ("MARGARET OLSON",), f"196{i}/01/01") for i in range(4)]
    idx = ScreeningIndex.build([*namesakes, *LISTED])
    traveller = Person("q", ("Margaret Olsen",), "1962/01/01")
    hits = idx.search(traveller, threshold=0.5)
    assert {h.candidate_id for h in hits} == {p.id for p in namesakes}
    assert len(idx._alignments) == 1  # one per query names and listed record, not per listed person
    assert len({id(h.alignment) for h in hits}) == 1
    assert [h.candidate_id for h in hits][0] == "2020/00002"  # the same date of birth ranks first
