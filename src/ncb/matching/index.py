"""The screening index: every listed person's name forms, blocking keys and particulars, held compactly
in NumPy arrays so that a million names fit in well under a gigabyte, saved to and loaded from one file,
and kept current without a rebuild (additions go to a small overlay, removals to a tombstone mask).

A query looks up its own keys (one ``searchsorted`` for all of them), adds up the rarity of the keys each
listed person shares with it, and fully scores only the best-supported candidates.
"""

from __future__ import annotations

import io
import math
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import islice
from typing import Any

import numpy as np
from numpy.typing import NDArray
from rapidfuzz import fuzz, process

from ncb.matching.compare import DEFAULT_THRESHOLD, NameForm, compare, person_forms, sorted_canonical
from ncb.matching.features import normalise_document
from ncb.matching.keys import form_hashes, joined_hash, token_hash_array
from ncb.matching.model import Hit, Person
from ncb.matching.nicknames import full_names_of
from ncb.matching.normalize import canonical

FORMAT_VERSION = 2  # 2: a kind per entry (person or entity); version 1 files hold persons only
KINDS = ("person", "entity")
_POPCOUNT = np.array([bin(i).count("1") for i in range(256)], dtype=np.int64)
COMMON_KEYS_CHECKED = 12  # common keys looked up to credit the name parts of candidates found otherwise
SHORTLIST = 8  # candidates fully compared per query
QUICK_FLOOR = 60.0  # token-sort or token-set ratio below which a candidate is not even compared
_NAME_SEP = "\x1f"
_REC_SEP = "\x1e"

Prepared = tuple[Person, str, list[int]]  # person, its encoded record, its key hashes
Mapper = Callable[[Callable[[list[Person]], list[Prepared]], Iterable[list[Person]]], Iterable[list[Prepared]]]


def _encode(person: Person, forms: tuple[NameForm, ...]) -> str:
    """One listed person's names and forms as text: names, then one line per form."""
    name_index = {n: i for i, n in enumerate(person.names)}
    lines = [_NAME_SEP.join(person.names)]
    for f in forms:
        lines.append(f"{name_index.get(f.name, 0)}\t{f.system}\t{f.weight:.3f}\t{f.text}")
    return _REC_SEP.join(lines)


def _decode(record: str) -> tuple[tuple[str, ...], tuple[NameForm, ...]]:
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


@dataclass
class _Overlay:
    """Entries added since the arrays were built: searched the same way, from plain dicts."""

    postings: dict[int, list[int]] = field(default_factory=dict)


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
        names, forms = _decode(self.records[pos])
        nat = self.nationalities[pos]
        sex = self.sex[pos].decode() if len(self.sex) > pos else "U"
        person = Person(self.ids[pos], names, _dob_text(int(self.dob[pos])), tuple(nat.split(",")) if nat else (),
                        sex, (), KINDS[int(self.kinds[pos])] if len(self.kinds) > pos else "person")
        return person, forms

    def candidates(self, forms: Sequence[NameForm], documents: Sequence[str] = (), *, limit: int = 20,
                   max_df: float = 0.001, kind: str = "any") -> list[int]:
        """Positions of the listed people worth scoring, best supported first: those sharing keys with enough
        of the query's name parts (two, when every form of the query has two or more), ranked by the rarity
        of the keys they share. A document number always finds its holder."""
        found: list[int] = []
        for d in documents:
            found.extend(self.documents.get(normalise_document(d), ()))
        bits: dict[str, int] = {}
        arrays: list[NDArray[np.uint32]] = []
        masks_of: list[int] = []
        lengths: list[int] = []
        joined: dict[int, int] = {}
        for f in forms:
            form_mask = 0
            for token in f.tokens:
                c, arr = _token_lookup(token)
                if not c:
                    continue
                if c in bits:  # the same part in another written form: its keys are in already
                    form_mask |= 1 << bits[c]
                    continue
                bit = 1 << bits.setdefault(c, min(len(bits), 30))
                form_mask |= bit
                arrays.append(arr)
                masks_of.append(bit)
                lengths.append(len(arr))
            h = _joined_lookup(f.tokens)
            joined[h] = joined.get(h, 0) | form_mask
        arrays.append(np.fromiter(joined, dtype=np.uint32, count=len(joined)))
        masks_of.extend(joined.values())
        lengths.extend([1] * len(joined))
        needed = 1 if any(sum(len(canonical(t)) > 1 for t in f.tokens) < 2 for f in forms) else 2
        all_hashes = np.concatenate(arrays) if arrays else np.zeros(0, dtype=np.uint32)
        all_masks = np.repeat(np.asarray(masks_of, dtype=np.int64), lengths)
        key_order = np.argsort(all_hashes, kind="stable")
        sorted_hashes = all_hashes[key_order]
        firsts = np.flatnonzero(np.concatenate(([True], sorted_hashes[1:] != sorted_hashes[:-1]))) if len(
            sorted_hashes) else np.zeros(0, dtype=np.int64)
        hashes = sorted_hashes[firsts]
        bits_of = (np.bitwise_or.reduceat(all_masks[key_order], firsts) if len(firsts)
                   else np.zeros(0, dtype=np.int64))
        left = np.searchsorted(self.keys, hashes, side="left")
        right = np.searchsorted(self.keys, hashes, side="right")
        df = right - left
        n = max(len(self.ids), 1)
        cap = max(50, int(max_df * n))
        rare = (df > 0) & (df <= cap)
        common = df > cap
        # Rare keys bring candidates, weighed by their rarity. A very common key (a common given name) only
        # adds its name part to candidates found otherwise (a binary search in its sorted postings). A query
        # with nothing rarer (MARIA GARCIA) takes the holders of both of its two rarest keys of different
        # name parts (an intersection of sorted postings), or failing that a bounded slice of the rarest.
        weight = np.where(rare, np.log(n / np.maximum(df, 1)) + 1.0, 0.5)
        only_common = not rare.any()
        posts_parts: list[NDArray[np.int32]] = []
        weight_parts: list[NDArray[np.float64]] = []
        mask_parts: list[NDArray[np.int64]] = []
        intersected = False
        if only_common and common.any():
            by_rarity = np.flatnonzero(common)[np.argsort(df[common], kind="stable")].tolist()
            first = by_rarity[0]
            second = next((k for k in by_rarity[1:] if int(bits_of[k]) & ~int(bits_of[first])), None)
            if second is not None:
                both = _sorted_intersection(self.postings[left[first]:right[first]],
                                            self.postings[left[second]:right[second]])[: cap * 4]
                if len(both):
                    intersected = True
                    posts_parts.append(both.astype(np.int32))
                    weight_parts.append(np.ones(len(both)))
                    mask_parts.append(np.full(len(both), int(bits_of[first]) | int(bits_of[second]), dtype=np.int64))
        take = np.where(rare, df, np.where(common & only_common & (not intersected), np.minimum(df, cap * 4), 0))
        total = int(take.sum())
        if total:
            starts = np.repeat(left - np.concatenate(([0], np.cumsum(take)[:-1])), take)
            posts_parts.append(self.postings[starts + np.arange(total)])
            weight_parts.append(np.repeat(weight, take))
            mask_parts.append(np.repeat(bits_of, take))
        if self.overlay.postings:
            for h, bits_h in zip(hashes.tolist(), bits_of.tolist(), strict=True):
                extra = self.overlay.postings.get(h)
                if extra:
                    posts_parts.append(np.asarray(extra, dtype=np.int32))
                    weight_parts.append(np.full(len(extra), math.log(n / len(extra)) + 1.0))
                    mask_parts.append(np.full(len(extra), bits_h, dtype=np.int64))
        if posts_parts:
            posts = np.concatenate(posts_parts)
            order = np.argsort(posts, kind="stable")
            sorted_posts = posts[order]
            starts = np.flatnonzero(np.concatenate(([True], sorted_posts[1:] != sorted_posts[:-1])))
            uniq = sorted_posts[starts]
            support = np.add.reduceat(np.concatenate(weight_parts)[order], starts)
            covered = np.bitwise_or.reduceat(np.concatenate(mask_parts)[order], starts)
            if not only_common:
                # The rarest common keys only (a long name in many written forms has dozens of them).
                rarest = np.flatnonzero(common)[np.argsort(df[common], kind="stable")][:COMMON_KEYS_CHECKED]
                for lo, hi, mask in zip(left[rarest].tolist(), right[rarest].tolist(), bits_of[rarest].tolist(),
                                        strict=True):
                    holders = self.postings[lo:hi]
                    at = np.searchsorted(holders, uniq).clip(max=len(holders) - 1)
                    present = holders[at] == uniq
                    covered[present] |= mask
                    support[present] += 0.5
            parts = (_POPCOUNT[covered & 0xFF] + _POPCOUNT[(covered >> 8) & 0xFF] + _POPCOUNT[(covered >> 16) & 0xFF]
                     + _POPCOUNT[(covered >> 24) & 0xFF])
            keep = (parts >= needed) & self.alive[uniq]
            if kind != "any":
                keep &= self.kinds[uniq] == KINDS.index(kind)
            uniq, support = uniq[keep], support[keep]
            if len(uniq) > limit:
                top = np.argpartition(-support, limit)[:limit]
                uniq, support = uniq[top], support[top]
            order = np.argsort(-support, kind="stable")
            found.extend(uniq[order].tolist())
        seen: set[int] = set()
        wanted = KINDS.index(kind) if kind != "any" else None
        return [p for p in found if not (p in seen or seen.add(p)) and self.alive[p]  # type: ignore[func-returns-value]
                and (wanted is None or self.kinds[p] == wanted)]

    def _shortlist(self, forms: Sequence[NameForm], documents: Sequence[str],
                   candidates: int, kind: str = "any") -> list[tuple[int, Person, tuple[NameForm, ...]]]:
        """The candidates worth a full comparison: those whose best written form is at least a little like
        one of the query's by a token-sort or token-set ratio (a part of the name is enough: PUTIN / VLADIMIR
        PUTIN) computed in C for all of them at once, best first, at most ``SHORTLIST``; a document-number
        holder always stays."""
        found = [(pos, *self.person(pos)) for pos in self.candidates(forms, documents, limit=candidates, kind=kind)]
        if len(found) <= SHORTLIST or not forms:
            return found
        holders = {p for d in documents for p in self.documents.get(normalise_document(d), ())}
        owner: list[int] = []
        texts: list[str] = []
        for i, (_pos, _person, listed_forms) in enumerate(found):
            for f in listed_forms:
                owner.append(i)
                texts.append(sorted_canonical(f.tokens))
        queries = [sorted_canonical(f.tokens) for f in forms]
        quick = np.maximum(process.cdist(queries, texts, scorer=fuzz.token_sort_ratio),
                           process.cdist(queries, texts, scorer=fuzz.token_set_ratio))
        best = np.zeros(len(found))
        np.maximum.at(best, np.asarray(owner), quick.max(axis=0))
        order = [i for i in np.argsort(-best, kind="stable").tolist() if best[i] >= QUICK_FLOOR][:SHORTLIST]
        chosen = set(order) | {i for i, (pos, _p, _f) in enumerate(found) if pos in holders}
        return [found[i] for i in sorted(chosen, key=lambda i: -best[i])]

    def search(self, query: Person, *, threshold: float = DEFAULT_THRESHOLD, limit: int = 5,
               candidates: int = 20) -> list[Hit]:
        """Ranked hits at or above ``threshold`` for one person, each with its explanation."""
        forms = person_forms(query)
        hits: list[Hit] = []
        for pos, listed, listed_forms in self._shortlist(forms, query.documents, candidates, query.kind):
            documents = tuple(d for d in query.documents if pos in self.documents.get(normalise_document(d), ()))
            if documents:
                listed = Person(listed.id, listed.names, listed.date_of_birth, listed.nationalities, listed.sex,
                                documents, listed.kind)
            hit = compare(query, listed, query_forms=forms, candidate_forms=listed_forms)
            if hit.score >= threshold:
                hits.append(hit)
        hits.sort(key=lambda h: (-h.score, h.candidate_id))
        return hits[:limit]

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
def _token_lookup(token: str) -> tuple[str, NDArray[np.uint32]]:
    """A query token's canonical form ("" for an initial) and the hashed keys it looks up: its own, and those of
    the full names a nickname stands for (BILL finds WILLIAM), which count for the same name part."""
    c = canonical(token)
    if len(c) <= 1:
        return "", np.zeros(0, dtype=np.uint32)
    variants = sorted({c} | {canonical(n) for n in full_names_of(token) if len(n) > 1})
    return c, np.concatenate([token_hash_array(v) for v in variants])


@lru_cache(maxsize=200_000)
def _joined_lookup(tokens: tuple[str, ...]) -> int:
    return joined_hash(tokens)


def _sorted_intersection(a: NDArray[np.int32], b: NDArray[np.int32]) -> NDArray[np.int32]:
    """The values in both of two sorted arrays (a key's postings are sorted): the smaller one looked up in the
    larger by binary search, far cheaper than sorting both together when one is long."""
    small, large = (a, b) if len(a) <= len(b) else (b, a)
    if not len(small) or not len(large):
        return small[:0]
    at = np.searchsorted(large, small).clip(max=len(large) - 1)
    found: NDArray[np.int32] = small[large[at] == small]
    return found


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
