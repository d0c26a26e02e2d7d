"""The two loops of the index's candidate search that walk every posting a chunk of queries finds, compiled
by Numba (on first use, then cached beside this file). A passenger list's chunk of 500 travellers reads some
400,000 postings, of which a few thousand survive the cut by date of birth: done with NumPy, each step of the
cut was one more pass over all of them, and those passes were most of a traveller's cost once its name had
been met before. Here each posting is read once.

Plain functions with NumPy arrays in and out; no I/O of their own (Numba writes its compiled code to the
package's ``__pycache__``, as Python writes bytecode).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import cast

import numba
import numpy as np
from numpy.typing import NDArray

_I64 = NDArray[np.int64]


def _gather(postings: NDArray[np.int32], key_query: _I64, key_start: _I64, key_count: _I64,
            key_weight: NDArray[np.float64], key_bits: _I64, extra_query: _I64, extra_pos: _I64,
            extra_weight: NDArray[np.float64], extra_bits: _I64, alive: NDArray[np.bool_],
            kinds: NDArray[np.uint8], query_kind: _I64, check_kinds: bool, year_of: NDArray[np.int32],
            reach: NDArray[np.bool_], check_reach: bool, queries: int, stamp: _I64, slot: _I64,
            tag: int) -> tuple[_I64, _I64, NDArray[np.float64], _I64, int]:
    """Every (query, listed person) pair among the postings found, with the weights of its keys added up and
    their name parts joined, for the pairs that pass the cheap cuts: the person is alive, of the kind asked,
    and born in a year the query can reach (``reach[query, year_of[person]]``).

    The postings of query ``q`` are the slices ``postings[key_start[k]:key_start[k] + key_count[k]]`` of its
    keys (``key_query`` sorted), each of weight ``key_weight[k]`` and name parts ``key_bits[k]``, then the
    ``extra_*`` postings of ``q`` (``extra_query`` sorted, stably), each with its own weight and parts: added in
    that order, as the NumPy version did. The pairs come out query by query, each query's in the order its
    persons were first met.

    ``stamp`` and ``slot`` are scratch arrays of at least one entry per listed person, reused across calls:
    ``stamp[p]`` is ``2 * tag`` when person ``p`` is already a pair of the query being read, ``2 * tag + 1``
    when ``p`` was cut for it; ``tag`` goes up by one per query and the last one used is returned, so a stamp
    left by an earlier call never matches."""
    capacity = len(extra_query)
    for k in range(len(key_query)):
        capacity += key_count[k]
    out_query = np.empty(capacity, dtype=np.int64)
    out_pos = np.empty(capacity, dtype=np.int64)
    out_support = np.empty(capacity, dtype=np.float64)
    out_bits = np.empty(capacity, dtype=np.int64)
    n = 0
    k = 0
    e = 0
    for q in range(queries):
        tag += 1
        taken = 2 * tag
        cut = taken + 1
        wanted = query_kind[q]
        while k < len(key_query) and key_query[k] == q:
            weight = key_weight[k]
            bits = key_bits[k]
            for i in range(key_start[k], key_start[k] + key_count[k]):
                p = postings[i]
                seen = stamp[p]
                if seen == taken:
                    out_support[slot[p]] += weight
                    out_bits[slot[p]] |= bits
                    continue
                if seen == cut:
                    continue
                if (not alive[p] or (check_kinds and wanted >= 0 and kinds[p] != wanted)
                        or (check_reach and not reach[q, year_of[p]])):
                    stamp[p] = cut
                    continue
                stamp[p] = taken
                slot[p] = n
                out_query[n] = q
                out_pos[n] = p
                out_support[n] = weight
                out_bits[n] = bits
                n += 1
            k += 1
        while e < len(extra_query) and extra_query[e] == q:
            p = extra_pos[e]
            seen = stamp[p]
            if seen == taken:
                out_support[slot[p]] += extra_weight[e]
                out_bits[slot[p]] |= extra_bits[e]
            elif seen != cut:
                if (not alive[p] or (check_kinds and wanted >= 0 and kinds[p] != wanted)
                        or (check_reach and not reach[q, year_of[p]])):
                    stamp[p] = cut
                else:
                    stamp[p] = taken
                    slot[p] = n
                    out_query[n] = q
                    out_pos[n] = p
                    out_support[n] = extra_weight[e]
                    out_bits[n] = extra_bits[e]
                    n += 1
            e += 1
    return out_query[:n].copy(), out_pos[:n].copy(), out_support[:n].copy(), out_bits[:n].copy(), tag


def _in_segments(values: NDArray[np.int32], lo: _I64, hi: _I64, wanted: _I64) -> NDArray[np.bool_]:
    """Whether ``wanted[i]`` is in the sorted slice ``values[lo[i]:hi[i]]``, for every ``i`` (a binary search
    each: a key's postings are sorted)."""
    found = np.zeros(len(wanted), dtype=np.bool_)
    for i in range(len(wanted)):
        a = lo[i]
        b = hi[i]
        w = wanted[i]
        while a < b:
            mid = (a + b) // 2
            if values[mid] < w:
                a = mid + 1
            else:
                b = mid
        found[i] = a < hi[i] and values[a] == w
    return found


_compiled = numba.njit(cache=True, nogil=True)
gather = cast(Callable[..., tuple[_I64, _I64, NDArray[np.float64], _I64, int]], _compiled(_gather))
in_segments = cast(Callable[[NDArray[np.int32], _I64, _I64, _I64], NDArray[np.bool_]], _compiled(_in_segments))


class Scratch(threading.local):
    """One thread's scratch for :func:`gather`: the stamps and slots, grown to the largest index searched, and
    the last tag used (searches of one index may run in several threads of a web server at once)."""

    def __init__(self) -> None:
        self.stamp = np.zeros(0, dtype=np.int64)
        self.slot = np.zeros(0, dtype=np.int64)
        self.tag = 0

    def arrays(self, size: int) -> tuple[_I64, _I64]:
        if len(self.stamp) < size:
            grown = max(size, 2 * len(self.stamp))
            self.stamp = np.zeros(grown, dtype=np.int64)  # 0 is never 2 * tag (+ 1): tags start at 1
            self.slot = np.zeros(grown, dtype=np.int64)
        return self.stamp, self.slot


SCRATCH = Scratch()
