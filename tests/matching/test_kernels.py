"""The compiled loops of the candidate search, against plain Python doing the same by the book."""

from __future__ import annotations

import threading

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from ncb.matching import Person
from ncb.matching.index import ScreeningIndex
from ncb.matching.kernels import Scratch, gather, in_segments

LISTED = 40


@st.composite
def searches(draw: st.DrawFn) -> dict[str, np.ndarray]:
    """Sorted postings per key, keys of a few queries (sorted by query), extra postings, and the cuts."""
    rng = np.random.default_rng(draw(st.integers(0, 2**32 - 1)))
    keys = draw(st.integers(0, 12))
    counts = rng.integers(0, 8, keys)
    postings = np.concatenate([np.sort(rng.choice(LISTED, c, replace=False)) for c in counts] or [[]])
    queries = draw(st.integers(1, 4))
    extras = draw(st.integers(0, 10))
    years = 3
    return {
        "postings": postings.astype(np.int32), "queries": np.asarray(queries),
        "key_query": np.sort(rng.integers(0, queries, keys)), "key_start": np.cumsum(counts) - counts,
        "key_count": counts.astype(np.int64), "key_weight": rng.random(keys), "key_bits": rng.integers(1, 8, keys),
        "extra_query": np.sort(rng.integers(0, queries, extras), kind="stable"),
        "extra_pos": rng.integers(0, LISTED, extras), "extra_weight": rng.random(extras),
        "extra_bits": rng.integers(1, 8, extras), "alive": rng.random(LISTED) < 0.8,
        "kinds": rng.integers(0, 2, LISTED).astype(np.uint8), "query_kind": rng.integers(-1, 2, queries),
        "year_of": rng.integers(0, years, LISTED).astype(np.int32), "reach": rng.random((queries, years)) < 0.7,
    }


def by_the_book(s: dict[str, np.ndarray], check_kinds: bool, check_reach: bool) -> dict[tuple[int, int], tuple]:
    pairs: dict[tuple[int, int], tuple[float, int]] = {}
    found = [(int(q), int(s["postings"][i]), float(w), int(b))
             for q, start, count, w, b in zip(s["key_query"], s["key_start"], s["key_count"], s["key_weight"],
                                              s["key_bits"], strict=True)
             for i in range(start, start + count)]
    found += [(int(q), int(p), float(w), int(b)) for q, p, w, b in zip(
        s["extra_query"], s["extra_pos"], s["extra_weight"], s["extra_bits"], strict=True)]
    for q, p, w, b in sorted(found, key=lambda f: f[0]):  # stable: each query's keys, then its extras
        wanted = s["query_kind"][q]
        if not s["alive"][p] or (check_kinds and wanted >= 0 and s["kinds"][p] != wanted):
            continue
        if check_reach and not s["reach"][q, s["year_of"][p]]:
            continue
        support, bits = pairs.get((q, p), (0.0, 0))
        pairs[(q, p)] = (support + w, bits | b)
    return pairs


def run(s: dict[str, np.ndarray], check_kinds: bool, check_reach: bool, scratch: Scratch) -> dict:
    stamp, slot = scratch.arrays(LISTED)
    query, pos, support, bits, scratch.tag = gather(
        s["postings"], s["key_query"], s["key_start"], s["key_count"], s["key_weight"], s["key_bits"],
        s["extra_query"], s["extra_pos"], s["extra_weight"], s["extra_bits"], s["alive"], s["kinds"],
        s["query_kind"], check_kinds, s["year_of"], s["reach"], check_reach, int(s["queries"]), stamp, slot,
        scratch.tag)
    assert (np.diff(query) >= 0).all()  # query by query
    return {(int(q), int(p)): (float(w), int(b)) for q, p, w, b in zip(query, pos, support, bits, strict=True)}


@settings(max_examples=150, deadline=None)
@given(searches(), searches(), st.booleans(), st.booleans())
def test_gather_adds_up_and_cuts_as_the_book_says_across_calls(first: dict, second: dict, check_kinds: bool,
                                                               check_reach: bool) -> None:
    scratch = Scratch()  # the second call reuses the first one's stamps
    for s in (first, second):
        got = run(s, check_kinds, check_reach, scratch)
        expected = by_the_book(s, check_kinds, check_reach)
        assert got.keys() == expected.keys()
        for pair, (support, bits) in expected.items():
            assert got[pair][1] == bits
            assert abs(got[pair][0] - support) < 1e-12


@settings(max_examples=100, deadline=None)
@given(st.lists(st.integers(0, 50), max_size=30), st.lists(st.tuples(st.integers(0, 40), st.integers(0, 40),
                                                                     st.integers(-1, 52)), max_size=20))
def test_in_segments_is_membership_in_each_sorted_slice(values: list[int], asks: list[tuple[int, int, int]]) -> None:
    ordered = np.asarray(sorted(values), dtype=np.int32)
    lo = np.asarray([min(a, b, len(ordered)) for a, b, _w in asks], dtype=np.int64)
    hi = np.asarray([min(max(a, b), len(ordered)) for a, b, _w in asks], dtype=np.int64)
    wanted = np.asarray([w for _a, _b, w in asks], dtype=np.int64)
    found = in_segments(ordered, lo, hi, wanted)
    assert found.tolist() == [int(w) in ordered[a:b].tolist() for a, b, w in zip(lo, hi, wanted, strict=True)]


def test_searches_in_several_threads_at_once_find_what_one_thread_finds() -> None:
    listed = [Person(f"2024/{i:05d}", (name,), f"{1950 + i % 40}/01/0{1 + i % 9}", (), "MF"[i % 2])
              for i, name in enumerate(["JOHN SMITH", "JOHN SMYTH", "JANE SMITH", "MARIA GARCIA", "MARIO GARCIA",
                                        "TARO YAMADA", "山田太郎", "VLADIMIR PUTIN", "Владимир Путин"] * 30)]
    idx = ScreeningIndex.build(listed)
    queries = [Person(f"q{i}", (p.names[0],), p.date_of_birth, (), p.sex) for i, p in enumerate(listed)]
    expected = [[(h.candidate_id, h.score) for h in hits] for hits in ScreeningIndex.build(listed).search_many(queries)]
    results: dict[int, list] = {}

    def work(k: int) -> None:
        results[k] = [[(h.candidate_id, h.score) for h in hits] for _ in range(5) for hits in idx.search_many(queries)]

    threads = [threading.Thread(target=work, args=(k,)) for k in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert all(found == expected * 5 for found in results.values())


# -- the compiled alignment, against the Python it replaces -------------------------------------------------

def _codes(text: str) -> np.ndarray:
    return np.frombuffer(text.encode("utf-32-le"), dtype=np.int32)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="abcdeoškō", max_size=12), st.text(alphabet="abcdeoškō", max_size=12))
def test_jaro_winkler_and_levenshtein_are_rapidfuzzs_to_the_bit(a: str, b: str) -> None:
    from rapidfuzz.distance import JaroWinkler, Levenshtein

    from ncb.matching.kernels import jaro_winkler, levenshtein_similarity

    work = np.empty(2 * (len(a) + len(b)) + 2, dtype=np.int64)
    assert jaro_winkler(_codes(a), _codes(b), work) == JaroWinkler.normalized_similarity(a, b)
    assert levenshtein_similarity(_codes(a), _codes(b), work) == Levenshtein.normalized_similarity(a, b)


NAMES = ["John Smith", "Jon Smyth", "J Smith", "Smith John", "William Clinton", "Bill Clinton", "Billy Clinton",
         "Margaret Thatcher", "Peggy Thatcher", "Mohammed bin Salman", "Muhammad ibn Salman", "Mohamed Salman",
         "Osama bin Laden", "Usama bin Ladin", "Abdul Rahman", "Abdulrahman", "Min Jun Kim", "Kim Minjun",
         "Ohtani Shohei", "Ootani Shouhei", "Otani Shohei", "Zack Morrison", "Mark Morrison", "E Cummings",
         "Shannon Cummings", "Maria Garcia", "Mario Garcia", "Christina Vincent", "Christina Vincet", "Xi Jinping",
         "Hsi Chin-ping", "Vladimir Putin", "Wladimir Putin", "A B", "Aa", "Li", "Lee Li"]


def test_the_compiled_alignment_is_pythons_to_the_bit_and_its_tokens_too() -> None:
    from ncb.matching.compare import align, align_all, name_forms

    forms = [f.tokens for n in NAMES for f in name_forms(n)]
    pairs = [(q, c, False) for q in forms for c in forms]
    assert align_all(pairs) == [align(*pair) for pair in pairs]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(st.sampled_from(["al", "ali", "aly", "bill", "william", "will", "j", "john", "jon", "smith",
                                          "smyth", "mohamed", "muhammad", "x", "minjun", "min", "jun", "ana", "anna"]),
                         min_size=1, max_size=5).map(tuple), min_size=3, max_size=6))
def test_the_compiled_alignment_is_pythons_for_any_tokens(forms: list[tuple[str, ...]]) -> None:
    from ncb.matching.compare import FEW_PAIRS, align, align_all

    pairs = [(q, c, False) for q in forms for c in forms]
    assert len(pairs) > FEW_PAIRS  # or the Python would be held to itself
    assert align_all(pairs) == [align(*pair) for pair in pairs]


def test_best_alignments_of_many_pairs_are_each_pairs_own() -> None:
    from ncb.matching.compare import best_alignment, best_alignments, name_forms

    pairs = [(name_forms(a), name_forms(b)) for a in NAMES[:20] for b in NAMES[:20]]
    pairs.append((name_forms("山田太郎"), name_forms("ヤマダ タロウ")))  # katakana: through the Python
    assert best_alignments(pairs) == [best_alignment(q, c) for q, c in pairs]


def test_make_compiles_the_kernels_with_a_search_of_a_tiny_index() -> None:
    from ncb.matching.index import compile_kernels

    compile_kernels()  # what `make` runs after installing: it must keep working as the kernels change
