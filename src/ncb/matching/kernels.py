"""The loops of the screening engine that a passenger list runs millions of times, compiled by Numba (on first
use, then cached beside this file).

- The candidate search: a chunk of 500 travellers reads some 400,000 postings, of which a few thousand survive
  the cut by date of birth. Done with NumPy, each step of the cut was one more pass over all of them, and those
  passes were most of a traveller's cost once its name had been met before. Here each posting is read once
  (:func:`gather`, :func:`in_segments`).
- The name alignment of ``compare.py`` (token similarity, then tokens matched one to one in any order), over
  tokens written as numbers (:mod:`token_table`): every alignment of a chunk in one call (:func:`align_many`).
  It gives what the Python gives, to the bit, and its Jaro-Winkler and Levenshtein give what rapidfuzz's give.

Plain functions with NumPy arrays in and out; no I/O of their own (Numba writes its compiled code to the
package's ``__pycache__``, as Python writes bytecode).
"""

from __future__ import annotations

import math
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


# -- token alignment ---------------------------------------------------------------------------------------
# The name comparison of compare.py (token_similarity, align) over tokens written as numbers: each distinct token
# has an entry in a table of its features (TokenTable in compare.py), and the loops below read only that table.
# They give the same results as the Python, to the bit (a test holds them together over real names).


def _jaro_winkler(a: NDArray[np.int32], b: NDArray[np.int32], work: _I64) -> float:
    """Jaro-Winkler similarity of two code-point arrays (prefix weight 0.1 over at most 4 letters, added only
    above 0.7), to the bit what rapidfuzz's ``JaroWinkler.normalized_similarity`` gives. ``work``: scratch of at
    least ``len(a) + len(b)`` entries."""
    la, lb = len(a), len(b)
    if la == 0 and lb == 0:
        return 1.0
    if la == 0 or lb == 0:
        return 0.0
    prefix = 0
    while prefix < min(la, lb, 4) and a[prefix] == b[prefix]:
        prefix += 1
    bound = max(la, lb) // 2 - 1
    if bound < 0:
        bound = 0
    flagged_a = work[:la]
    flagged_b = work[la:la + lb]
    flagged_a[:] = 0
    flagged_b[:] = 0
    common = 0
    for i in range(la):
        lo = i - bound if i > bound else 0
        hi = i + bound + 1 if i + bound + 1 < lb else lb
        for j in range(lo, hi):
            if not flagged_b[j] and a[i] == b[j]:
                flagged_b[j] = 1
                flagged_a[i] = 1
                common += 1
                break
    if common == 0:
        return 0.0
    transposed = 0
    j = 0
    for i in range(la):
        if flagged_a[i]:
            while not flagged_b[j]:
                j += 1
            if a[i] != b[j]:
                transposed += 1
            j += 1
    sim = common / la + common / lb + (common - transposed // 2) / common
    sim /= 3.0
    if sim > 0.7:
        sim += prefix * 0.1 * (1.0 - sim)
    return 1.0 - (1.0 - sim)  # rapidfuzz's normalized similarity goes through its distance


def _levenshtein_similarity(a: NDArray[np.int32], b: NDArray[np.int32], work: _I64) -> float:
    """1 - edit distance / the longer length (rapidfuzz's Levenshtein.normalized_similarity). ``work``: scratch
    of at least ``len(b) + 1`` entries."""
    la, lb = len(a), len(b)
    longest = max(la, lb)
    if longest == 0:
        return 1.0
    row = work[:lb + 1]
    for j in range(lb + 1):
        row[j] = j
    for i in range(1, la + 1):
        diagonal = row[0]
        row[0] = i
        for j in range(1, lb + 1):
            above = row[j]
            cost = 0 if a[i - 1] == b[j - 1] else 1
            row[j] = min(above + 1, row[j - 1] + 1, diagonal + cost)
            diagonal = above
    distance: int = row[lb]
    return 1.0 - distance / longest


def _contains(values: NDArray[np.int32], start: int, count: int, wanted: int) -> bool:
    for k in range(start, start + count):  # noqa: SIM110 (a loop Numba compiles; no generator)
        if values[k] == wanted:
            return True
    return False


def _token_similarity(a: int, b: int, length: NDArray[np.int32], first: NDArray[np.int32],
                      canon: NDArray[np.int32], blind: NDArray[np.int32], name: NDArray[np.int32],
                      chars: NDArray[np.int32], char_start: NDArray[np.int64], char_count: NDArray[np.int32],
                      groups: NDArray[np.int32], group_start: NDArray[np.int64],
                      group_count: NDArray[np.int32], work: _I64) -> float:
    """compare.token_similarity of tokens ``a`` and ``b`` (their numbers in the token table)."""
    if a == b:
        return 1.0
    if canon[a] == canon[b]:
        return 0.97
    if length[a] == 1 or length[b] == 1:
        return 0.85 if first[a] == first[b] else 0.0  # the long one starts with the initial
    na, nb = name[a], name[b]
    if na >= 0 and nb >= 0:  # both in the nickname table: one a nickname of the other, or both of one name
        if (slice_contains(groups, group_start[a], group_count[a], nb)
                or slice_contains(groups, group_start[b], group_count[b], na)):
            return 0.92
        for x in range(group_start[a], group_start[a] + group_count[a]):
            member = groups[x]
            if member != na and member != nb and slice_contains(groups, group_start[b], group_count[b], member):
                return 0.92
    ca = chars[char_start[a]:char_start[a] + char_count[a]]
    cb = chars[char_start[b]:char_start[b] + char_count[b]]
    if len(ca) >= 4 and ca[len(ca) - 1] == cb[len(cb) - 1] and blind[a] == blind[b]:
        return 0.85
    s = max(jaro_winkler(ca, cb, work), levenshtein_similarity(ca, cb, work))
    if s < 0.75:
        return 0.0
    return min(0.95, math.pow((s - 0.75) / 0.25, 1.3))


def _joined(ids: NDArray[np.int32], start: int, count: int, backwards: bool, chars: NDArray[np.int32],
            char_start: NDArray[np.int64], char_count: NDArray[np.int32]) -> NDArray[np.int32]:
    """The canonical tokens of a form written as one word (in reverse token order when ``backwards``)."""
    size = 0
    for k in range(start, start + count):  # noqa: SIM110 (a loop Numba compiles; no generator)
        size += char_count[ids[k]]
    out = np.empty(size, dtype=np.int32)
    at = 0
    for step in range(count):
        t = ids[start + count - 1 - step] if backwards else ids[start + step]
        out[at:at + char_count[t]] = chars[char_start[t]:char_start[t] + char_count[t]]
        at += char_count[t]
    return out


def _left_over(used: NDArray[np.bool_], ids: NDArray[np.int32], start: int,
               length: NDArray[np.int32]) -> tuple[int, int]:
    """How many of a form's tokens matched nothing, and their sizes added up (a token counts by its length, an
    initial as 3)."""
    count = 0
    size = 0
    for i in range(len(used)):
        if not used[i]:
            count += 1
            size += max(length[ids[start + i]], 3)
    return count, size


def _align(q_ids: NDArray[np.int32], q_start: _I64, q_count: _I64, c_ids: NDArray[np.int32], c_start: _I64,
           c_count: _I64, length: NDArray[np.int32], first: NDArray[np.int32], canon: NDArray[np.int32],
           blind: NDArray[np.int32], name: NDArray[np.int32], chars: NDArray[np.int32],
           char_start: NDArray[np.int64], char_count: NDArray[np.int32], groups: NDArray[np.int32],
           group_start: NDArray[np.int64], group_count: NDArray[np.int32]) -> tuple[
               NDArray[np.float64], NDArray[np.bool_], _I64, _I64, NDArray[np.float64], _I64]:
    """compare.align (without katakana) of many pairs of forms at once, form ``k`` of the query being tokens
    ``q_ids[q_start[k]:q_start[k] + q_count[k]]``: per pair its similarity, whether the joined forms gave it,
    and the tokens matched, best first (``matched_q``, ``matched_c``, ``matched_s`` from ``matched_start[k]``,
    one past the last at ``matched_start[k + 1]``)."""
    pairs = len(q_start)
    score = np.zeros(pairs, dtype=np.float64)
    joined_won = np.zeros(pairs, dtype=np.bool_)
    room = 0
    for k in range(pairs):
        room += min(q_count[k], c_count[k])
    matched_q = np.empty(room, dtype=np.int64)
    matched_c = np.empty(room, dtype=np.int64)
    matched_s = np.empty(room, dtype=np.float64)
    matched_start = np.zeros(pairs + 1, dtype=np.int64)
    most_cells = 1
    most_tokens = 1
    most_chars = 1
    for k in range(pairs):
        most_cells = max(most_cells, q_count[k] * c_count[k])
        most_tokens = max(most_tokens, q_count[k], c_count[k])
        for ids, start, count in ((q_ids, q_start[k], q_count[k]), (c_ids, c_start[k], c_count[k])):
            size = 0
            for x in range(start, start + count):
                size += char_count[ids[x]]
            most_chars = max(most_chars, size)
    work = np.empty(2 * most_chars + 2, dtype=np.int64)
    all_sims = np.empty(most_cells, dtype=np.float64)
    all_order = np.empty(most_cells, dtype=np.int64)
    all_used_q = np.empty(most_tokens, dtype=np.bool_)
    all_used_c = np.empty(most_tokens, dtype=np.bool_)
    m = 0
    for k in range(pairs):
        nq, nc = q_count[k], c_count[k]
        qs, cs = q_start[k], c_start[k]
        cells = nq * nc
        sims = all_sims[:cells]
        for i in range(nq):
            for j in range(nc):
                sims[i * nc + j] = token_similarity_of(q_ids[qs + i], c_ids[cs + j], length, first, canon, blind,
                                                     name, chars, char_start, char_count, groups, group_start,
                                                     group_count, work)
        # best pairs first: by similarity, then the later query token, then the later listed token (Python's
        # sort of (similarity, i, j) in reverse); cell i * nc + j orders as (i, j)
        order = all_order[:cells]
        for x in range(cells):
            y = x
            while y > 0 and (sims[order[y - 1]] < sims[x] or (sims[order[y - 1]] == sims[x] and order[y - 1] < x)):
                order[y] = order[y - 1]
                y -= 1
            order[y] = x
        used_q = all_used_q[:nq]
        used_c = all_used_c[:nc]
        used_q[:] = False
        used_c[:] = False
        num = 0.0
        den = 0.0
        first_match = m
        for x in range(cells):
            cell = order[x]
            s = sims[cell]
            if s <= 0:
                break
            i, j = cell // nc, cell % nc
            if used_q[i] or used_c[j]:
                continue
            used_q[i] = True
            used_c[j] = True
            weight = max(length[q_ids[qs + i]], 3) + max(length[c_ids[cs + j]], 3)
            num += s * weight
            den += weight
            matched_q[m], matched_c[m], matched_s[m] = i, j, s
            m += 1
        left_q, size_q = left_over(used_q, q_ids, qs, length)
        left_c, size_c = left_over(used_c, c_ids, cs, length)
        den += size_q + 0.5 * size_c
        token_score = (num / den if den != 0 else 0.0) * math.pow(0.8, float(min(left_q, left_c)))
        joined = 0.0
        if (nq != nc or nq > 1) and token_score < 0.96:
            cq = joined_form(q_ids, qs, nq, False, chars, char_start, char_count)
            joined = max(jaro_winkler(cq, joined_form(c_ids, cs, nc, False, chars, char_start, char_count), work),
                         jaro_winkler(cq, joined_form(c_ids, cs, nc, True, chars, char_start, char_count), work))
            joined = ((joined - 0.85) / 0.15) * 0.95 if joined >= 0.85 else 0.0
        if joined > token_score:
            score[k] = joined
            joined_won[k] = True
            m = first_match
        else:
            score[k] = token_score
        matched_start[k + 1] = m
    return score, joined_won, matched_q[:m], matched_c[:m], matched_s[:m], matched_start


_compiled = numba.njit(cache=True, nogil=True)
gather = cast(Callable[..., tuple[_I64, _I64, NDArray[np.float64], _I64, int]], _compiled(_gather))
in_segments = cast(Callable[[NDArray[np.int32], _I64, _I64, _I64], NDArray[np.bool_]], _compiled(_in_segments))
jaro_winkler = cast(Callable[[NDArray[np.int32], NDArray[np.int32], _I64], float], _compiled(_jaro_winkler))
levenshtein_similarity = cast(Callable[[NDArray[np.int32], NDArray[np.int32], _I64], float],
                              _compiled(_levenshtein_similarity))
slice_contains = _compiled(_contains)
token_similarity_of = _compiled(_token_similarity)
joined_form = _compiled(_joined)
left_over = _compiled(_left_over)
align_many = cast(Callable[..., tuple[NDArray[np.float64], NDArray[np.bool_], _I64, _I64, NDArray[np.float64], _I64]],
                  _compiled(_align))
