"""The screening index: every listed person's name forms, blocking keys and particulars, held compactly
in NumPy arrays so that a million names fit in well under a gigabyte, saved to and loaded from one file,
and kept current without a rebuild (additions go to a small overlay, removals to a tombstone mask).

A query looks up its own keys (one ``searchsorted`` for all of them), adds up the rarity of the keys each
listed person shares with it, and fully scores only the best-supported candidates.
"""

from __future__ import annotations

import gc
import io
import math
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import chain, islice
from typing import Any

import numpy as np
from numpy.typing import NDArray
from rapidfuzz import fuzz, process

from ncb.matching.compare import (
    DEFAULT_THRESHOLD,
    NAME_WEIGHT,
    NameForm,
    align_all,
    best_alignments,
    person_forms,
    scored,
)
from ncb.matching.features import (
    Births,
    births_of_codes,
    births_of_texts,
    normalise_document,
    particulars_ceiling,
    within_reach,
    years_reach,
)
from ncb.matching.kernels import SCRATCH, gather, in_segments
from ncb.matching.keys import form_hashes, joined_hash_of_key, token_hashes
from ncb.matching.model import Hit, NameAlignment, Person
from ncb.matching.nicknames import full_names_of
from ncb.matching.normalize import canonical

FORMAT_VERSION = 2  # 2: a kind per entry (person or entity); version 1 files hold persons only
KINDS = ("person", "entity")
_POPCOUNT = np.array([bin(i).count("1") for i in range(256)], dtype=np.int64)
COMMON_KEYS_CHECKED = 12  # common keys looked up to credit the name parts of candidates found otherwise
ALIGNMENTS_KEPT = 500_000  # best alignments, and quick ratios, kept per pair of query names and listed position
                           # (see _aligned, _shortlist)
DECODED_KEPT = 100_000  # listed persons kept decoded, about 2.3 kB each (a position never changes: see add, remove)
PLANS_KEPT = 200_000  # names whose look-up plan is kept, about 1 kB each
POSTINGS_READ = 6000  # postings read per query from its rarest keys; the rest only confirm (see _past_budget)
SHORTLIST = 8  # candidates fully compared per query
QUICK_FLOOR = 60.0  # token-sort or token-set ratio below which a candidate is not even compared
_NAME_SEP = "\x1f"
_REC_SEP = "\x1e"

Prepared = tuple[Person, str, list[int]]  # person, its encoded record, its key hashes
Particulars = tuple[Births, NDArray[np.bytes_]]  # dates of birth and sexes of queries (see _particulars)
Mapper = Callable[[Callable[[list[Person]], list[Prepared]], Iterable[list[Person]]], Iterable[list[Prepared]]]


def _encode(person: Person, forms: tuple[NameForm, ...]) -> str:
    """One listed person's names and forms as text: names, then one line per form."""
    name_index = {n: i for i, n in enumerate(person.names)}
    lines = [_NAME_SEP.join(person.names)]
    for f in forms:
        lines.append(f"{name_index.get(f.name, 0)}\t{f.system}\t{f.weight:.3f}\t{f.text}")
    return _REC_SEP.join(lines)


@lru_cache(maxsize=100_000)
def _decode(record: str) -> tuple[tuple[str, ...], tuple[NameForm, ...]]:
    """The names and forms of an encoded record (kept: namesakes on a list share their record's text)."""
    head, *lines = record.split(_REC_SEP)
    names = tuple(head.split(_NAME_SEP)) if head else ()
    forms = []
    for line in lines:
        idx, system, weight, text = line.split("\t", 3)
        forms.append(NameForm(names[int(idx)] if names else "", tuple(text.split(" ")), system, float(weight)))
    return names, tuple(forms)


def _dob_code(text: str | None) -> int:
    if not text:
        return 0
    parts = (text.replace("-", "/").split("/") + ["0", "0"])[:3]
    try:
        y, m, d = (int(p or 0) for p in parts)
    except ValueError:
        return 0
    return y * 10000 + m * 100 + d


def _dob_text(code: int) -> str | None:
    if not code:
        return None
    y, rest = divmod(int(code), 10000)
    m, d = divmod(rest, 100)
    return f"{y:04d}" + (f"/{m:02d}" if m else "") + (f"/{d:02d}" if m and d else "")


def prepare(people: list[Person]) -> list[Prepared]:
    """Names to forms to keys for a chunk of people: pure and slow (transliteration), so an index build
    runs it on every core."""
    out: list[Prepared] = []
    for p in people:
        forms = person_forms(p)
        keys: set[int] = set()
        for f in forms:
            keys.update(form_hashes(f.tokens))
        out.append((p, _encode(p, forms), sorted(keys)))
    return out


@dataclass(frozen=True)
class Lookup:
    """One query as the index looks it up: its written forms, document numbers and kind; with its person and a
    threshold, listed persons whose particulars rule them out are dropped (:func:`particulars_ceiling`). ``names``,
    when the forms are those of these names (:func:`person_forms`), is what the plan of the forms is kept under:
    a tuple of strings hashes far quicker than a tuple of forms."""

    forms: tuple[NameForm, ...]
    documents: tuple[str, ...] = ()
    kind: str = "any"
    person: Person | None = None
    threshold: float | None = None
    names: tuple[str, ...] | None = None


@dataclass(frozen=True)
class _QueryKeys:
    """The distinct hashed keys of a batch of queries, sorted by query: which query, the hash, the name parts
    it stands for (bits); and per query how many name parts a candidate must share."""

    query: NDArray[np.int64]
    hashes: NDArray[np.uint32]
    bits: NDArray[np.int64]
    needed: NDArray[np.int64]


@dataclass(frozen=True, slots=True)
class _Plan:
    """What one query's names look up, worked out once per name (:meth:`ScreeningIndex._plans_of`): the rare keys
    whose postings are read and the common keys that only confirm candidates (each as where its postings start,
    how many there are, and the name parts it stands for), the holders found for a name of common keys only,
    every key with its name parts (for entries added since the build), and how many name parts a candidate must
    share. Compact (a worker keeps one for each of a hundred thousand names): the weights follow from the counts."""

    read: NDArray[np.integer[Any]]
    confirm: NDArray[np.integer[Any]]
    extra: tuple[NDArray[np.int64], NDArray[np.float64], NDArray[np.int64]] | None
    hashes: NDArray[np.uint32]
    bits: NDArray[np.int64]
    needed: int


@dataclass
class _Postings:
    """Postings found for a batch of queries, gathered in parts and joined once: (query, position, weight of
    the key, name parts of the key) each."""

    parts: list[tuple[NDArray[np.int64], NDArray[Any], NDArray[np.float64], NDArray[np.int64]]] = field(
        default_factory=list)

    def add(self, positions: NDArray[Any], query: int, weight: float, bits: int | NDArray[np.int64]) -> None:
        """Postings of one query, of one weight; their name parts one for all, or one each."""
        size = len(positions)
        self.parts.append((np.full(size, query, dtype=np.int64), positions, np.full(size, weight),
                           np.broadcast_to(np.asarray(bits, dtype=np.int64), (size,))))

    def add_slices(self, postings: NDArray[np.int32], starts: NDArray[np.int64], counts: NDArray[np.int64],
                   query: NDArray[np.int64], weight: NDArray[np.float64], bits: NDArray[np.int64]) -> None:
        """``counts[i]`` postings from ``starts[i]`` for each key ``i``, all gathered by one fancy index."""
        total = int(counts.sum())
        if total:
            self.parts.append((np.repeat(query, counts), postings[_ranges(starts, counts)], np.repeat(weight, counts),
                               np.repeat(bits, counts)))

    def arrays(self) -> tuple[NDArray[np.int64], NDArray[np.int64], NDArray[np.float64], NDArray[np.int64]]:
        if not self.parts:
            empty = np.zeros(0, dtype=np.int64)
            return empty, empty, np.zeros(0), empty
        return (np.concatenate([p[0] for p in self.parts]),
                np.concatenate([p[1] for p in self.parts]).astype(np.int64),
                np.concatenate([p[2] for p in self.parts]), np.concatenate([p[3] for p in self.parts]))


@dataclass(frozen=True)
class _ListedBirths:
    """The listed persons' dates of birth as the features read them; the distinct years they are born in (0 when
    unknown), as small numbers; and for each listed person, which of those years is theirs."""

    births: Births
    years: NDArray[np.int16]
    year_of: NDArray[np.int32]


@dataclass
class _Overlay:
    """Entries added since the arrays were built: searched the same way, from plain dicts."""

    postings: dict[int, list[int]] = field(default_factory=dict)


@contextmanager
def _collection_paused() -> Iterator[None]:
    """No cyclic garbage collection while a chunk is searched. A search makes no reference cycles, so a
    collection only walks what it keeps (the caches of forms, alignments, decoded persons: about a million
    objects once warm), and those walks took a third of a passenger list's time. Collection resumes after the
    chunk, unless it was off before (another thread's search, or the program's own choice)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


class ScreeningIndex:
    def __init__(self) -> None:
        self.ids: list[str] = []
        self.records: list[str] = []
        self.dob = np.zeros(0, dtype=np.uint32)
        self.sex = np.zeros(0, dtype="S1")
        self.kinds = np.zeros(0, dtype=np.uint8)  # index into KINDS
        self.nationalities: list[str] = []
        self.documents: dict[str, list[int]] = {}
        self.keys = np.zeros(0, dtype=np.uint32)
        self.postings = np.zeros(0, dtype=np.int32)
        self.alive = np.zeros(0, dtype=bool)
        self.position: dict[str, int] = {}
        self.overlay = _Overlay()
        self._dob_list: list[int] = []
        self._sex_list: list[bytes] = []
        self._kind_list: list[int] = []
        self._decoded: dict[int, tuple[Person, tuple[NameForm, ...]]] = {}
        # kept per query names and listed record (names and written forms: namesakes share theirs)
        self._alignments: dict[tuple[tuple[str, ...], str], NameAlignment | None] = {}
        self._quick: dict[tuple[tuple[str, ...], str], float] = {}
        self._plans: dict[tuple[str, ...] | tuple[NameForm, ...], _Plan] = {}
        self._plans_for = (0, 0)
        self._distinct: tuple[NDArray[np.uint32], NDArray[np.int64]] | None = None
        self._births_read: _ListedBirths | None = None
        self._kinds_read: tuple[NDArray[np.uint8], int] | None = None

    # -- building ------------------------------------------------------------------------------------
    @classmethod
    def build(cls, people: Iterable[Person], *, mapper: Mapper | None = None, chunk: int = 2000,
              progress: Callable[[int], None] | None = None) -> ScreeningIndex:
        index = cls()
        key_chunks: list[NDArray[np.uint32]] = []
        post_chunks: list[NDArray[np.int32]] = []
        batches = _chunks(people, chunk)
        results = mapper(prepare, batches) if mapper else map(prepare, batches)
        for prepared in results:
            for person, record, keys in prepared:
                pos = index._append(person, record)
                key_chunks.append(np.asarray(keys, dtype=np.uint32))
                post_chunks.append(np.full(len(keys), pos, dtype=np.int32))
            if progress:
                progress(len(prepared))
        index._finish(key_chunks, post_chunks)
        return index

    def _append(self, person: Person, record: str) -> int:
        if person.id in self.position:
            raise ValueError(f"{person.id} is twice in the index")
        pos = len(self.ids)
        self.ids.append(person.id)
        self.records.append(record)
        self._dob_list.append(_dob_code(person.date_of_birth))
        self._sex_list.append((person.sex or "U")[:1].encode())
        if person.kind not in KINDS:
            raise ValueError(f"{person.id}: a listed kind is one of {KINDS}, not {person.kind!r}")
        self._kind_list.append(KINDS.index(person.kind))
        self.nationalities.append(",".join(person.nationalities))
        for d in person.documents:
            n = normalise_document(d)
            if n:
                self.documents.setdefault(n, []).append(pos)
        self.position[person.id] = pos
        return pos

    def _finish(self, key_chunks: list[NDArray[np.uint32]], post_chunks: list[NDArray[np.int32]]) -> None:
        keys = np.concatenate(key_chunks) if key_chunks else np.zeros(0, dtype=np.uint32)
        postings = np.concatenate(post_chunks) if post_chunks else np.zeros(0, dtype=np.int32)
        order = np.argsort(keys, kind="stable")
        self.keys = keys[order]
        self.postings = postings[order]
        self.dob = np.asarray(self._dob_list, dtype=np.uint32)
        self.sex = np.asarray(self._sex_list, dtype="S1")
        self.kinds = np.asarray(self._kind_list, dtype=np.uint8)
        self.alive = np.ones(len(self.ids), dtype=bool)
        self._dob_list, self._sex_list, self._kind_list = [], [], []

    # -- keeping current -----------------------------------------------------------------------------
    def add(self, person: Person) -> None:
        """Add (or replace) one listed person at once; no rebuild."""
        self.remove(person.id)
        [(p, record, keys)] = prepare([person])
        pos = self._append(p, record)
        self.dob = np.append(self.dob, np.uint32(self._dob_list.pop()))
        self.sex = np.append(self.sex, np.asarray(self._sex_list.pop(), dtype="S1"))
        self.kinds = np.append(self.kinds, np.uint8(self._kind_list.pop()))
        self.alive = np.append(self.alive, True)
        for k in keys:
            self.overlay.postings.setdefault(k, []).append(pos)

    def remove(self, person_id: str) -> bool:
        """Take a listed person out (a withdrawn or expired notice); True when it was there."""
        pos = self.position.pop(person_id, None)
        if pos is None or not self.alive[pos]:
            return False
        self.alive[pos] = False
        return True

    def __len__(self) -> int:
        return int(self.alive.sum())

    def __contains__(self, person_id: object) -> bool:
        return person_id in self.position

    # -- reading -------------------------------------------------------------------------------------
    def person(self, pos: int) -> tuple[Person, tuple[NameForm, ...]]:
        """The listed person at ``pos`` with its written forms, decoded once and kept (up to ``DECODED_KEPT``
        of them: the holders of common names come up again and again in a passenger list)."""
        found = self._decoded.get(pos)
        if found is None:
            if len(self._decoded) >= DECODED_KEPT:
                self._decoded.clear()
            found = self._decoded[pos] = self._decode_person(pos)
        return found

    def _decode_person(self, pos: int) -> tuple[Person, tuple[NameForm, ...]]:
        names, forms = _decode(self.records[pos])
        nat = self.nationalities[pos]
        sex = self.sex[pos].decode() if len(self.sex) > pos else "U"
        person = Person(self.ids[pos], names, _dob_text(int(self.dob[pos])), tuple(nat.split(",")) if nat else (),
                        sex, (), KINDS[int(self.kinds[pos])] if len(self.kinds) > pos else "person")
        return person, forms

    def candidates(self, forms: Sequence[NameForm], documents: Sequence[str] = (), *, limit: int = 20,
                   max_df: float = 0.001, kind: str = "any") -> list[int]:
        """Positions of the listed people worth scoring for one query, best supported first (see
        :meth:`candidates_many`; no threshold, so nobody is ruled out by their particulars)."""
        return self.candidates_many([Lookup(tuple(forms), tuple(documents), kind)], limit=limit, max_df=max_df)[0]

    def candidates_many(self, lookups: Sequence[Lookup], *, limit: int = 20, max_df: float = 0.001,
                        particulars: Particulars | None = None) -> list[list[int]]:
        """For many queries at once, the positions of the listed people worth scoring, best supported first:
        those sharing keys with enough of the query's name parts (two, when every form of the query has two or
        more), ranked by the rarity of the keys they share; when a query carries its person and a threshold,
        only those who could reach the threshold with a perfect name (:func:`particulars_ceiling`: a date of
        birth years away rules a listed person out whatever the name). A document number always finds its
        holder. Every query of a batch goes through the same few array operations, so a passenger list pays
        NumPy's per-call cost once per batch, not once per traveller. ``particulars``: the lookups' persons' dates
        of birth and sexes (:func:`_particulars`), when the caller has read them already."""
        if not lookups:
            return []
        n = max(len(self.ids), 1)
        cap = max(50, int(max_df * n))
        plans = self._plans_of(lookups, n, cap)
        every = np.arange(len(lookups))
        read = np.concatenate([p.read for p in plans], axis=1)
        extra = _Postings()  # postings that are not whole slices of a rare key's
        for q, plan in enumerate(plans):
            if plan.extra is not None:
                extra.parts.append((np.full(len(plan.extra[0]), q, dtype=np.int64), *plan.extra))
        if self.overlay.postings:
            for q, plan in enumerate(plans):
                for h, bits in zip(plan.hashes.tolist(), plan.bits.tolist(), strict=True):
                    added = self.overlay.postings.get(h)
                    if added:
                        extra.add(np.asarray(added), q, math.log(n / len(added)) + 1.0, bits)
        query, pos, support, covered = self._grouped(np.repeat(every, [p.read.shape[1] for p in plans]), read,
                                                     _weights(read[1], n, cap), extra, lookups, particulars)
        if len(query):
            of_query = np.repeat(every, [p.confirm.shape[1] for p in plans])
            confirm = np.concatenate([p.confirm for p in plans], axis=1)
            lo = np.searchsorted(of_query, query, side="left")
            count = np.searchsorted(of_query, query, side="right") - lo
            group = np.repeat(np.arange(len(query)), count)
            key = _ranges(lo, count)
            start, size = confirm[0][key].astype(np.int64), confirm[1][key].astype(np.int64)
            present = in_segments(self.postings, start, start + size, pos[group])
            np.bitwise_or.at(covered, group[present], confirm[2][key[present]])
            np.add.at(support, group[present], _weights(size[present], n, cap))
            needed = np.asarray([p.needed for p in plans], dtype=np.int64)
            keep = _popcount(covered) >= needed[query]
            query, pos, support = query[keep], pos[keep], support[keep]
            order = np.lexsort((pos, -support, query))
            query, pos = query[order], pos[order]
            best = _rank_in_groups(query) < limit
            query, pos = query[best], pos[best]
        ranked: list[list[int]] = [[] for _ in lookups]
        for q, p in zip(query.tolist(), pos.tolist(), strict=True):
            ranked[q].append(p)
        out = []
        for lookup, listed in zip(lookups, ranked, strict=True):
            wanted = KINDS.index(lookup.kind) if lookup.kind != "any" else None
            holders = [p for d in lookup.documents for p in self.documents.get(normalise_document(d), ())
                       if self.alive[p] and (wanted is None or self.kinds[p] == wanted)]
            out.append(list(dict.fromkeys(holders + listed)))
        return out

    def _plans_of(self, lookups: Sequence[Lookup], n: int, cap: int) -> list[_Plan]:
        """The plan of each query's names (:class:`_Plan`), worked out together for the names not met before and
        kept (under the names, or the forms: see :class:`Lookup`) until the index grows (its weights and rare
        keys depend on its size)."""
        if self._plans_for != (n, cap):
            self._plans.clear()
            self._plans_for = (n, cap)
        kept = self._plans
        keys = [lookup.forms if lookup.names is None else lookup.names for lookup in lookups]
        missing = {key: lookup.forms for key, lookup in zip(keys, lookups, strict=True) if key not in kept}
        if missing:
            if len(kept) + len(missing) > PLANS_KEPT:
                kept.clear()
            kept.update(zip(missing, self._planned(list(missing.values()), n, cap), strict=True))
        return [kept[key] for key in keys]

    def _planned(self, forms: Sequence[tuple[NameForm, ...]], n: int, cap: int) -> list[_Plan]:
        """The plans of many queries' names at once: the same few array operations for all of them."""
        keys = self._query_keys(forms)
        left, df = self._spans(keys.hashes)
        rare = (df > 0) & (df <= cap)
        rare &= ~self._past_budget(keys, df, rare)
        common = (df > 0) & ~rare
        has_rare = np.zeros(len(forms), dtype=bool)
        has_rare[keys.query[rare]] = True
        # Rare keys bring candidates, weighed by their rarity. A very common key (a common given name), or a rare
        # one past the query's budget, only adds its name part to candidates found otherwise (a binary search in
        # its sorted postings). A query with nothing rarer (MARIA GARCIA) takes the holders of both of its two
        # rarest keys of different name parts (an intersection of sorted postings: see _only_common).
        extra: dict[int, _Postings] = {}
        for q in np.unique(keys.query[common & ~has_rare[keys.query]]).tolist():
            self._only_common(extra.setdefault(q, _Postings()), keys, q, left, df, common, cap)
        # The rarest common keys only confirm (a long name in many written forms has dozens of them), taken from
        # each name part in turn: the rarest of every part, then the second rarest ...
        checked = np.flatnonzero(common & has_rare[keys.query])
        checked = checked[np.lexsort((df[checked], keys.bits[checked], keys.query[checked]))]
        turn = _rank_in_groups(_paired(keys.query[checked], keys.bits[checked]))
        checked = checked[np.lexsort((df[checked], turn, keys.query[checked]))]
        checked = checked[_rank_in_groups(keys.query[checked]) < COMMON_KEYS_CHECKED]
        read = np.flatnonzero(rare)
        small = np.dtype(np.int32 if len(self.postings) < 2**31 else np.int64)  # name parts: below 2**31
        read_table: NDArray[np.integer[Any]] = np.stack((left[read], df[read], keys.bits[read])).astype(small)
        confirm_table: NDArray[np.integer[Any]] = np.stack((left[checked], df[checked], keys.bits[checked])).astype(
            small)
        every = np.arange(len(forms) + 1)
        read_at = np.searchsorted(keys.query[read], every)
        confirm_at = np.searchsorted(keys.query[checked], every)
        key_at = np.searchsorted(keys.query, every)
        plans = []
        for q in range(len(forms)):
            r, c, k = slice(read_at[q], read_at[q + 1]), slice(confirm_at[q], confirm_at[q + 1]), slice(
                key_at[q], key_at[q + 1])
            found = extra[q].arrays()[1:] if q in extra else None
            plans.append(_Plan(read_table[:, r], confirm_table[:, c], found, keys.hashes[k], keys.bits[k],
                               int(keys.needed[q])))
        return plans

    @staticmethod
    def _past_budget(keys: _QueryKeys, df: NDArray[np.int64], rare: NDArray[np.bool_]) -> NDArray[np.bool_]:
        """The rare keys of each query read after its first ``POSTINGS_READ`` postings, rarest keys first, but
        for the rarest key of each name part, always read: those past the budget only confirm candidates found
        otherwise, as common keys do. A long name in many written forms (an Arabic name with its romanisations,
        a kanji name with its readings) has hundreds of keys, and reading all their postings cost more than the
        rest of the search; the rarest keys of every part already find whoever shares the name."""
        at = np.flatnonzero(rare)
        query, bits = keys.query[at], keys.bits[at]
        by_part = at[np.lexsort((df[at], bits, query))]
        part_starts = _group_starts(_paired(keys.query[by_part], keys.bits[by_part]))
        at = at[np.lexsort((df[at], query))]
        counts = df[at]
        before = np.cumsum(counts) - counts  # postings read before each key, over all queries
        starts = _group_starts(keys.query[at])
        first = np.repeat(before[starts], np.diff(np.append(starts, len(at))))
        past = np.zeros(len(df), dtype=bool)
        past[at[before - first >= POSTINGS_READ]] = True
        past[by_part[part_starts]] = False
        return past

    def _only_kind(self) -> int:
        """The kind of every entry when they are all of one kind (-1 when there are both): asking for that kind
        then rules nobody out. Worked out again whenever the kinds array is replaced (it is never written in
        place)."""
        if self._kinds_read is None or self._kinds_read[0] is not self.kinds:
            present = np.flatnonzero(np.bincount(self.kinds, minlength=len(KINDS)))
            self._kinds_read = self.kinds, int(present[0]) if len(present) == 1 else -1
        return self._kinds_read[1]

    def _births(self) -> _ListedBirths:
        """The listed persons' dates of birth as the features read them, and their years for the first cut over
        every posting found. Entries added since are read and appended (the whole list is read again only when one
        of them is born in a year nobody else was)."""
        read = self._births_read
        if read is not None and len(read.year_of) == len(self.dob):
            return read
        if read is not None and len(read.year_of) < len(self.dob):
            added = births_of_codes(self.dob[len(read.year_of):])
            years = np.clip(added.year, 0, 32767).astype(np.int16)
            at, known = _sorted_lookup(read.years, years)
            if known.all():
                self._births_read = _ListedBirths(read.births.followed_by(added), read.years,
                                                  np.concatenate((read.year_of, at.astype(np.int32))))
                return self._births_read
        births = births_of_codes(self.dob)
        years = np.clip(births.year, 0, 32767).astype(np.int16)
        distinct = np.unique(years)
        self._births_read = _ListedBirths(births, distinct, np.searchsorted(distinct, years).astype(np.int32))
        return self._births_read

    def _spans(self, hashes: NDArray[np.uint32]) -> tuple[NDArray[np.int64], NDArray[np.int64]]:
        """Where each key's postings start and how many there are (0 for a key nobody has): a search in the
        small table of distinct keys (a few per cent of all entries, so it stays in the processor's cache)."""
        if self._distinct is None:  # the key arrays are only ever replaced in a fresh index
            starts = _group_starts(self.keys)
            self._distinct = self.keys[starts], np.append(starts, len(self.keys))
        distinct, bounds = self._distinct
        if not len(distinct):
            zero = np.zeros(len(hashes), dtype=np.int64)
            return zero, zero
        at, known = _sorted_lookup(distinct, hashes)
        return np.where(known, bounds[at], 0), np.where(known, bounds[at + 1] - bounds[at], 0)

    def _query_keys(self, forms: Sequence[tuple[NameForm, ...]]) -> _QueryKeys:
        """Every query's hashed keys, once each, with the name parts (bits) each stands for; sorted by query."""
        parts = [_form_keys(f) for f in forms]
        counts = [len(h) for h, _b, _n in parts]
        query = np.repeat(np.arange(len(forms)), counts)
        hashes = np.fromiter(chain.from_iterable([h for h, _b, _n in parts]), dtype=np.uint32, count=sum(counts))
        bits = np.fromiter(chain.from_iterable([b for _h, b, _n in parts]), dtype=np.int64, count=sum(counts))
        order, starts = _pairs_grouped(query, hashes)
        return _QueryKeys(query[order][starts], hashes[order][starts],
                          np.bitwise_or.reduceat(bits[order], starts) if len(starts) else bits[:0],
                          np.asarray([n for _h, _b, n in parts], dtype=np.int64))

    def _only_common(self, found: _Postings, keys: _QueryKeys, q: int, left: NDArray[np.int64],
                     df: NDArray[np.int64], common: NDArray[np.bool_], cap: int) -> None:
        """Candidates for a query whose keys are all common: the holders of both of its two rarest name parts, or
        failing that of either rarest key with any key of the other part (a spelling variant of one of them:
        CHRISTINA VINCET); for a name of one part, a bounded slice of each key."""
        start, end = np.searchsorted(keys.query, [q, q + 1])  # the keys are sorted by query
        mine = start + np.flatnonzero(common[start:end])
        by_rarity = mine[np.argsort(df[mine], kind="stable")].tolist()
        first = by_rarity[0]
        second = next((k for k in by_rarity[1:] if int(keys.bits[k]) & ~int(keys.bits[first])), None)
        if second is not None:
            both = _sorted_intersection(self.postings[left[first]:left[first] + df[first]],
                                        self.postings[left[second]:left[second] + df[second]])[: cap * 4]
            if len(both):
                found.add(both, q, 1.0, int(keys.bits[first]) | int(keys.bits[second]))
                return
            for a, other in ((first, second), (second, first)):
                variants = np.asarray([k for k in by_rarity if int(keys.bits[k]) & int(keys.bits[other])
                                       and not int(keys.bits[k]) & int(keys.bits[a])], dtype=np.int64)
                self._holders_of_any(found, q, a, variants, left, df, keys.bits, cap * 4)
            return
        if keys.needed[q] > 1:  # one part found, two needed: nobody can qualify
            return
        found.add_slices(self.postings, left[mine], np.minimum(df[mine], cap * 4), keys.query[mine],
                         np.full(len(mine), 0.5), keys.bits[mine])

    def _holders_of_any(self, found: _Postings, q: int, a: int, variants: NDArray[np.int64], left: NDArray[np.int64],
                        df: NDArray[np.int64], bits: NDArray[np.int64], most: int) -> None:
        """The holders of key ``a`` and of each of the keys ``variants`` (at most ``most`` per variant, the first by
        position), all looked up in ``a``'s postings at once."""
        if not len(variants):
            return
        mine = self.postings[left[a]:left[a] + df[a]]
        theirs = self.postings[_ranges(left[variants], df[variants])]
        variant = np.repeat(np.arange(len(variants)), df[variants])
        shared = np.flatnonzero(_sorted_lookup(mine, theirs)[1])
        shared = shared[_rank_in_groups(variant[shared]) < most]
        found.add(theirs[shared], q, 1.0, int(bits[a]) | bits[variants[variant[shared]]])

    def _grouped(self, key_query: NDArray[np.int64], read: NDArray[np.int64], read_weight: NDArray[np.float64],
                 extra: _Postings, lookups: Sequence[Lookup], particulars: Particulars | None) -> tuple[
            NDArray[np.int64], NDArray[np.int64], NDArray[np.float64], NDArray[np.int64]]:
        """The postings found (the whole slices of the rare keys ``read``, as start, count and name parts, of the
        queries ``key_query``, then the ``extra`` ones), living, of the kind asked and able to reach the threshold,
        summed per query and listed person: (query, position, support, name parts covered), query by query. Every
        posting is read once, by a compiled loop (:mod:`kernels`) that also makes the cheap cuts (alive, kind,
        year of birth); the exact cut by the particulars (:func:`particulars_ceiling`) then runs on the pairs
        left, a few per query."""
        e_query, e_pos, e_weight, e_bits = extra.arrays()
        order = np.argsort(e_query, kind="stable")
        kinds = np.asarray([KINDS.index(lk.kind) if lk.kind != "any" else -1 for lk in lookups], dtype=np.int64)
        asked = kinds[kinds >= 0]
        check_kinds = bool(len(asked)) and not bool((asked == self._only_kind()).all())
        thresholds = any(lk.person is not None and lk.threshold is not None for lk in lookups)
        if thresholds:
            floor = np.asarray([lk.threshold - NAME_WEIGHT - 1e-9 if lk.person is not None
                                and lk.threshold is not None else -np.inf for lk in lookups])
            births, sexes = particulars if particulars is not None else _particulars([lk.person for lk in lookups])
            listed = self._births()
            # every query against every year a listed person is born in (a few dozen), one look-up per posting
            reach = within_reach(births.year.astype(np.int16)[:, None], listed.years[None, :],
                                 years_reach(floor)[:, None])
            year_of = listed.year_of
        else:
            reach, year_of = np.ones((1, 1), dtype=bool), np.zeros(1, dtype=np.int32)
        stamp, slot = SCRATCH.arrays(len(self.alive))
        query, pos, support, covered, SCRATCH.tag = gather(
            self.postings, key_query, read[0], read[1], read_weight, read[2], e_query[order],
            e_pos[order], e_weight[order], e_bits[order], self.alive, self.kinds, kinds, check_kinds, year_of, reach,
            thresholds, len(lookups), stamp, slot, SCRATCH.tag)
        if thresholds and len(query):
            keep = particulars_ceiling(births[query], sexes[query], listed.births[pos], self.sex[pos]) >= floor[query]
            query, pos, support, covered = query[keep], pos[keep], support[keep], covered[keep]
        return query, pos, support, covered

    def _shortlist(self, names: tuple[str, ...], forms: Sequence[NameForm], documents: Sequence[str],
                   positions: list[int]) -> list[int]:
        """The candidates worth a full comparison: those whose best written form is at least a little like
        one of the query's by a token-sort or token-set ratio (a part of the name is enough: PUTIN / VLADIMIR
        PUTIN) computed in C for all of them at once, best first, at most ``SHORTLIST``; a document-number
        holder always stays. A candidate's ratio is kept per query names and listed record, as its alignment is
        (:meth:`_aligned`), so a listed person is decoded (:meth:`person`) only for a ratio not worked out
        before."""
        if len(positions) <= SHORTLIST or not forms:
            return positions
        holders = {p for d in documents for p in self.documents.get(normalise_document(d), ())}
        records = [self.records[pos] for pos in positions]
        best = np.asarray([self._quick.get((names, record), -1.0) for record in records])
        missing = np.flatnonzero(best < 0).tolist()
        if missing:
            if len(self._quick) >= ALIGNMENTS_KEPT:
                self._quick.clear()
            ratios = self._quick_ratios(forms, [self.person(positions[i])[1] for i in missing])
            for i, value in zip(missing, ratios, strict=True):
                best[i] = self._quick[(names, records[i])] = value
        order = [i for i in np.argsort(-best, kind="stable").tolist() if best[i] >= QUICK_FLOOR][:SHORTLIST]
        chosen = set(order) | {i for i, pos in enumerate(positions) if pos in holders}
        return [positions[i] for i in sorted(chosen, key=lambda i: -best[i])]

    @staticmethod
    def _quick_ratios(forms: Sequence[NameForm], candidates: list[tuple[NameForm, ...]]) -> list[float]:
        """For each candidate, the best token-sort or token-set ratio of any of its written forms with any of the
        query's (:meth:`_shortlist`)."""
        owner: list[int] = []
        texts: list[str] = []
        for i, listed_forms in enumerate(candidates):
            for f in listed_forms:
                owner.append(i)
                texts.append(f.key)
        queries = list(dict.fromkeys(f.key for f in forms))
        distinct = {t: i for i, t in enumerate(dict.fromkeys(texts))}  # namesakes share their written forms
        choices = list(distinct)
        # the keys are token-sorted already, so their plain ratio is their token-sort ratio
        quick = np.maximum(process.cdist(queries, choices, scorer=fuzz.ratio),
                           process.cdist(queries, choices, scorer=fuzz.token_set_ratio)).max(axis=0)
        best = np.zeros(len(candidates))
        np.maximum.at(best, np.asarray(owner, dtype=np.int64), quick[[distinct[t] for t in texts]])
        ratios: list[float] = best.tolist()
        return ratios

    def search(self, query: Person, *, threshold: float = DEFAULT_THRESHOLD, limit: int = 5,
               candidates: int = 20) -> list[Hit]:
        """Ranked hits at or above ``threshold`` for one person, each with its explanation."""
        return self.search_many([query], threshold=threshold, limit=limit, candidates=candidates)[0]

    @_collection_paused()
    def search_many(self, queries: Sequence[Person], *, threshold: float = DEFAULT_THRESHOLD, limit: int = 5,
                    candidates: int = 20) -> list[list[Hit]]:
        """Ranked hits at or above ``threshold`` for each of many persons (a passenger list's chunk), the same
        as :meth:`search` one by one but with the candidates of all of them found together."""
        forms = [person_forms(q) for q in queries]
        lookups = [Lookup(f, q.documents, q.kind, q, threshold, q.names) for q, f in zip(queries, forms, strict=True)]
        particulars = _particulars(queries)  # read once for the cut of the candidates and the ceilings
        found = self.candidates_many(lookups, limit=candidates, particulars=particulars)
        shortlists = [self._shortlist(query.names, query_forms, query.documents, positions)
                      for query, query_forms, positions in zip(queries, forms, found, strict=True)]
        aligned = self._aligned(queries, forms, shortlists)
        out = []
        for query, shortlist, ceilings in zip(queries, shortlists, self._ceilings(particulars, shortlists),
                                              strict=True):
            hits: list[Hit] = []
            for pos, ceiling in zip(shortlist, ceilings, strict=True):
                documents = tuple(d for d in query.documents
                                  if pos in self.documents.get(normalise_document(d), ()))
                alignment = aligned[(query.names, self.records[pos])]
                if not documents and NAME_WEIGHT * (alignment.similarity if alignment else 0.0) + ceiling < (
                        threshold - 1e-9):
                    continue  # below the threshold whatever its features say: not worth explaining
                listed = self.person(pos)[0]
                if documents:
                    listed = Person(listed.id, listed.names, listed.date_of_birth, listed.nationalities, listed.sex,
                                    documents, listed.kind)
                hit = scored(query, listed, alignment)
                if hit.score >= threshold:
                    hits.append(hit)
            hits.sort(key=lambda h: (-h.score, h.candidate_id))
            out.append(hits[:limit])
        return out

    def _ceilings(self, particulars: Particulars, shortlists: Sequence[list[int]]) -> list[list[float]]:
        """For each query, the most the features besides the name and the document number can add with each
        listed person on its shortlist (:func:`particulars_ceiling`), worked out for the whole chunk at once: a
        candidate whose name score cannot make up the rest is not scored feature by feature (about half of
        them, on a passenger list)."""
        counts = [len(shortlist) for shortlist in shortlists]
        total = sum(counts)
        if not total:
            return [[] for _ in shortlists]
        query = np.repeat(np.arange(len(shortlists)), counts)
        pos = np.fromiter(chain.from_iterable(shortlists), dtype=np.int64, count=total)
        births, sexes = particulars
        ceiling = particulars_ceiling(births[query], sexes[query], self._births().births[pos], self.sex[pos]).tolist()
        ends = np.cumsum(counts).tolist()
        return [ceiling[end - count:end] for end, count in zip(ends, counts, strict=True)]

    def _aligned(self, queries: Sequence[Person], forms: Sequence[tuple[NameForm, ...]],
                 shortlists: Sequence[list[int]]) -> dict[
                     tuple[tuple[str, ...], str], NameAlignment | None]:
        """The best alignment of each query's names with each listed person on its shortlist, by (names, listed
        record): worked out once per query names and listed names and forms (a name comes back on a passenger
        list with other dates of birth; namesakes on the list share their record's text, a third of a list of
        common names), all those of a chunk together (:func:`best_alignments`)."""
        wanted: dict[tuple[tuple[str, ...], str], NameAlignment | None] = {}
        missing: dict[tuple[tuple[str, ...], str], tuple[tuple[NameForm, ...], tuple[NameForm, ...]]] = {}
        kept = self._alignments
        for query, query_forms, shortlist in zip(queries, forms, shortlists, strict=True):
            for pos in shortlist:
                key = (query.names, self.records[pos])
                if key in wanted or key in missing:
                    continue
                try:
                    wanted[key] = kept[key]
                except KeyError:
                    missing[key] = (query_forms, self.person(pos)[1])
        if missing:
            if len(kept) + len(missing) > ALIGNMENTS_KEPT:
                kept.clear()
            for key, found in zip(missing, best_alignments(list(missing.values())), strict=True):
                wanted[key] = kept[key] = found
        return wanted

    # -- one file --------------------------------------------------------------------------------------
    def save(self, fh: io.BufferedIOBase | Any) -> None:
        """Write the whole index (overlay merged, removed entries dropped) to a binary file object."""
        live = self.compacted()
        docs = sorted(live.documents.items())
        np.savez(fh, version=np.asarray([FORMAT_VERSION, len(live.ids), len(docs)]), ids=_pack(live.ids),
                 records=_pack(live.records), dob=live.dob, sex=live.sex, kinds=live.kinds,
                 nationalities=_pack(live.nationalities),
                 keys=live.keys, postings=live.postings, doc_keys=_pack([k for k, _ in docs]),
                 doc_positions=_pack([",".join(map(str, ps)) for _, ps in docs]))

    @classmethod
    def load(cls, fh: io.BufferedIOBase | Any) -> ScreeningIndex:
        """Read an index written by :meth:`save` (plain arrays only: loading never runs pickled code)."""
        data = np.load(fh, allow_pickle=False)
        version, count, doc_count = (int(v) for v in data["version"])
        if version not in (1, FORMAT_VERSION):
            raise ValueError(f"index format {version} is not {FORMAT_VERSION}: rebuild the index")
        index = cls()
        index.ids = _unpack(data["ids"], count)
        index.records = _unpack(data["records"], count)
        index.nationalities = _unpack(data["nationalities"], count)
        index.dob = data["dob"]
        index.sex = data["sex"]
        index.kinds = data["kinds"] if version >= 2 else np.zeros(count, dtype=np.uint8)
        index.keys = data["keys"]
        index.postings = data["postings"]
        index.documents = {k: [int(p) for p in v.split(",")] for k, v in
                           zip(_unpack(data["doc_keys"], doc_count), _unpack(data["doc_positions"], doc_count),
                               strict=True)}
        index.alive = np.ones(count, dtype=bool)
        index.position = {pid: i for i, pid in enumerate(index.ids)}
        return index

    def compacted(self) -> ScreeningIndex:
        """The same entries in fresh arrays: overlay merged, removed entries gone."""
        if not self.overlay.postings and bool(self.alive.all()):
            return self
        keep = np.flatnonzero(self.alive)
        remap = np.full(len(self.ids), -1, dtype=np.int64)
        remap[keep] = np.arange(len(keep))
        fresh = ScreeningIndex()
        fresh.ids = [self.ids[i] for i in keep.tolist()]
        fresh.records = [self.records[i] for i in keep.tolist()]
        fresh.nationalities = [self.nationalities[i] for i in keep.tolist()]
        fresh.dob = self.dob[keep]
        fresh.sex = self.sex[keep]
        fresh.kinds = self.kinds[keep]
        keys = [self.keys]
        posts = [self.postings]
        for k, ps in self.overlay.postings.items():
            keys.append(np.full(len(ps), k, dtype=np.uint32))
            posts.append(np.asarray(ps, dtype=np.int32))
        all_keys = np.concatenate(keys)
        all_posts = remap[np.concatenate(posts)]
        mask = all_posts >= 0
        order = np.argsort(all_keys[mask], kind="stable")
        fresh.keys = all_keys[mask][order]
        fresh.postings = all_posts[mask][order].astype(np.int32)
        fresh.documents = {}
        for number, ps in self.documents.items():
            kept = [int(remap[p]) for p in ps if remap[p] >= 0]
            if kept:
                fresh.documents[number] = kept
        fresh.alive = np.ones(len(fresh.ids), dtype=bool)
        fresh.position = {pid: i for i, pid in enumerate(fresh.ids)}
        return fresh


@lru_cache(maxsize=200_000)
def _token_lookup(token: str) -> tuple[str, tuple[int, ...]]:
    """A query token's canonical form ("" for an initial) and the hashed keys it looks up: its own, and those of
    the full names a nickname stands for (BILL finds WILLIAM), which count for the same name part."""
    c = canonical(token)
    if len(c) <= 1:
        return "", ()
    variants = sorted({c} | {canonical(n) for n in full_names_of(token) if len(n) > 1})
    return c, tuple(h for v in variants for h in token_hashes(v))


def _weights(counts: NDArray[np.integer[Any]], n: int, cap: int) -> NDArray[np.float64]:
    """What sharing a key is worth, by how many of the ``n`` listed entries hold it: the rarer the more; a key
    held by more than ``cap`` (a common given name) only half a point."""
    weight: NDArray[np.float64] = np.where(counts <= cap, np.log(n / np.maximum(counts, 1)) + 1.0, 0.5)
    return weight


def compile_kernels() -> None:
    """Search a tiny index once, so that Numba compiles the screening loops (:mod:`kernels`) and caches them
    beside their module: about ten seconds once per installation, which the first real search would otherwise
    pay. ``make`` runs it after installing."""
    index = ScreeningIndex.build([Person("w1", ("JOHN SMITH",), "1970/01/01"), Person("w2", ("TARO YAMADA",), "1980")])
    index.search(Person("q", ("Jon Smyth",), "1970/01/01"))
    index.search(Person("q", ("ヤマダ タロウ",)))
    forms = [("jon", "smyth"), ("john", "smith"), ("taro", "yamada")]
    align_all([(q, c, False) for q in forms for c in forms])  # more pairs than the Python takes alone


def _form_keys(forms: tuple[NameForm, ...]) -> tuple[list[int], list[int], int]:
    """A query's hashed keys, each with the name part it stands for as a bit (the same part in another written
    form shares its bit; a whole form joined stands for all of the form's parts), and how many parts a
    candidate must share: two, unless some form of the query has fewer than two. In lists: those of a batch's
    queries become arrays together (a name met for the first time pays this, and NumPy's cost per call would be
    most of it)."""
    bits: dict[str, int] = {}
    hashes: list[int] = []
    masks: list[int] = []
    joined: dict[int, int] = {}
    needed = 2
    for f in forms:
        form_mask = 0
        parts = 0
        for token in f.tokens:
            c, found = _token_lookup(token)
            if not c:
                continue
            parts += 1
            if c in bits:  # the same part in another written form: its keys are in already
                form_mask |= 1 << bits[c]
                continue
            bit = 1 << bits.setdefault(c, min(len(bits), 30))
            form_mask |= bit
            hashes.extend(found)
            masks.extend([bit] * len(found))
        if parts < 2:
            needed = 1
        h = joined_hash_of_key(f.key)
        joined[h] = joined.get(h, 0) | form_mask
    hashes.extend(joined)
    masks.extend(joined.values())
    return hashes, masks, needed


def _particulars(people: Sequence[Person | None]) -> Particulars:
    """The dates of birth and sexes (``M``, ``F`` or ``U``) of queries, as :func:`particulars_ceiling` reads them."""
    births = births_of_texts([p.date_of_birth if p else None for p in people])
    sexes: NDArray[np.bytes_] = np.asarray([(p.sex or "U")[:1].encode() if p else b"U" for p in people], dtype="S1")
    return births, sexes


def _group_starts(ordered: NDArray[Any]) -> NDArray[np.int64]:
    """Where each run of equal values starts in a sorted array."""
    if not len(ordered):
        return np.zeros(0, dtype=np.int64)
    return np.flatnonzero(np.concatenate(([True], ordered[1:] != ordered[:-1])))


def _paired(query: NDArray[np.int64], values: NDArray[Any]) -> NDArray[Any]:
    """(query, value) pairs (values below 2**32) as one number each, ordered as the pairs are."""
    paired: NDArray[Any] = (query.astype(np.uint64) << np.uint64(32)) | values.astype(np.uint64)
    return paired


def _pairs_grouped(query: NDArray[np.int64], values: NDArray[Any]) -> tuple[NDArray[np.int64], NDArray[np.int64]]:
    """The order that sorts (query, value) pairs (values below 2**32) by query then value, stably, and where each
    run of equal pairs starts in that order."""
    combined = _paired(query, values)
    order = np.argsort(combined, kind="stable")
    return order, _group_starts(combined[order])


def _ranges(starts: NDArray[np.int64], counts: NDArray[np.int64]) -> NDArray[np.int64]:
    """The positions ``starts[i] .. starts[i] + counts[i] - 1`` of every ``i``, one after the other."""
    return np.repeat(starts - (np.cumsum(counts) - counts), counts) + np.arange(int(counts.sum()))


def _rank_in_groups(ordered: NDArray[Any]) -> NDArray[np.int64]:
    """Each element's place within its run of equal values (0 for the first) in a sorted array."""
    return np.arange(len(ordered)) - np.searchsorted(ordered, ordered, side="left")


def _popcount(bits: NDArray[np.int64]) -> NDArray[np.int64]:
    counted: NDArray[np.int64] = (_POPCOUNT[bits & 0xFF] + _POPCOUNT[(bits >> 8) & 0xFF]
                                  + _POPCOUNT[(bits >> 16) & 0xFF] + _POPCOUNT[(bits >> 24) & 0xFF])
    return counted


def _sorted_intersection(a: NDArray[np.int32], b: NDArray[np.int32]) -> NDArray[np.int32]:
    """The values in both of two sorted arrays (a key's postings are sorted): the smaller one looked up in the
    larger by binary search, far cheaper than sorting both together when one is long."""
    small, large = (a, b) if len(a) <= len(b) else (b, a)
    found: NDArray[np.int32] = small[_sorted_lookup(large, small)[1]]
    return found


def _sorted_lookup(ordered: NDArray[Any], values: NDArray[Any]) -> tuple[NDArray[np.int64], NDArray[np.bool_]]:
    """Where each of ``values`` stands in the sorted array ``ordered`` (or would, clipped to its last place), and
    whether it is there: one binary search for all of them."""
    if not len(ordered):
        return np.zeros(len(values), dtype=np.int64), np.zeros(len(values), dtype=bool)
    at = np.searchsorted(ordered, values).clip(max=len(ordered) - 1)
    there: NDArray[np.bool_] = ordered[at] == values
    return at, there


def _chunks(items: Iterable[Person], size: int) -> Iterator[list[Person]]:
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk



def _pack(strings: Sequence[str]) -> NDArray[np.uint8]:
    """Many strings as one UTF-8 array (NUL-separated): no pickle in an index file."""
    return np.frombuffer("\x00".join(strings).encode(), dtype=np.uint8)


def _unpack(array: NDArray[np.uint8], count: int) -> list[str]:
    if count == 0:
        return []
    return bytes(array).decode().split("\x00")
