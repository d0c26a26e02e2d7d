"""RFC 9162 (Certificate Transparency v2) Merkle tree hashing, proofs and their verification.

Pure: ``hashlib`` only, no I/O.

- ``leaf_hash(d) = SHA-256(0x00 || d)``, ``node_hash(l, r) = SHA-256(0x01 || l || r)``;
- the tree hash (§2.1.1): ``MTH({}) = SHA-256("")``, ``MTH(D[n]) = node_hash(MTH(D[0:k]), MTH(D[k:n]))``
  with ``k`` the largest power of two smaller than ``n``;
- inclusion proofs: ``PATH`` (§2.1.3.1), checked by the algorithm of §2.1.3.2;
- consistency proofs: ``PROOF``/``SUBPROOF`` (§2.1.4.1), checked by the algorithm of §2.1.4.2.

Both proofs are walked once, by ``inclusion_path`` and ``consistency_path``, over any tree that can hash
a range of its leaves (``MerkleTree`` here, ``tiles.TiledTree`` over a stored log).

Two structures make this cheap at a million leaves:

- ``MerkleTree`` keeps every leaf hash and every full subtree hash, one ``bytearray`` of 32-byte slots
  per level (about 64 bytes per leaf in all). Building from n leaves costs n - 1 node hashes, appending
  one leaf amortised one node hash, and any root or proof then takes O(log n) hashes, because every range
  the RFC algorithms ask for is a run of stored full subtrees plus at most one partial one per level.
- ``CompactRange`` keeps only the right edge of the tree (the roots of its perfect subtrees, one per set
  bit of the size): enough to append leaves and compute the root while streaming, in O(log n) memory.
  A verifier recomputes the roots of a log this way without holding it.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Callable, Iterable, Sequence

HASH_SIZE = 32
"""Bytes in a SHA-256 hash: every leaf hash, node hash and root."""

EMPTY_ROOT = hashlib.sha256(b"").digest()
"""The root of the empty tree, ``SHA-256("")`` (RFC 9162 §2.1.1)."""

_sha256 = hashlib.sha256
_PAIR = 2 * HASH_SIZE


def leaf_hash(data: bytes) -> bytes:
    """The hash of one leaf: ``SHA-256(0x00 || data)``."""
    return _sha256(b"\x00" + data).digest()


def node_hash(left: bytes, right: bytes) -> bytes:
    """The hash of an inner node: ``SHA-256(0x01 || left || right)``."""
    return _sha256(b"\x01" + left + right).digest()


def split_point(n: int) -> int:
    """The largest power of two smaller than ``n`` (``n >= 2``)."""
    return 1 << ((n - 1).bit_length() - 1)


RangeHash = Callable[[int, int], bytes]
"""``MTH(D[lo:hi])`` of a tree's leaves: how a tree answers for the ranges the proof algorithms ask for."""


def checked_size(size: int | None, tree_size: int) -> int:
    """``size`` when a tree of ``tree_size`` leaves has passed it (``tree_size`` itself when None)."""
    if size is None:
        return tree_size
    if not 0 <= size <= tree_size:
        raise ValueError(f"a tree of {tree_size} leaves has no size {size}")
    return size


def inclusion_path(index: int, size: int, range_hash: RangeHash) -> list[bytes]:
    """``PATH(index, D[size])`` (RFC 9162 §2.1.3.1) from the hashes of ranges: sibling hashes from the leaf up.

    ``range_hash(lo, hi)`` is asked only for the ranges the RFC's recursion reaches, each a perfect aligned
    subtree or a right edge, so a tree that stores its full subtrees (``MerkleTree``, ``tiles.TiledTree``)
    answers each cheaply.
    """
    if not 0 <= index < size:
        raise ValueError(f"leaf {index} is outside a tree of {size} leaves")
    proof: list[bytes] = []
    lo, hi = 0, size
    while hi - lo > 1:
        k = split_point(hi - lo)
        if index < lo + k:
            proof.append(range_hash(lo + k, hi))
            hi = lo + k
        else:
            proof.append(range_hash(lo, lo + k))
            lo += k
    proof.reverse()
    return proof


def consistency_path(old_size: int, size: int, range_hash: RangeHash) -> list[bytes]:
    """``PROOF(old_size, D[size])`` (RFC 9162 §2.1.4.1) from the hashes of ranges, as ``inclusion_path``.

    Empty when ``old_size`` is 0 or ``size``.
    """
    if not 0 <= old_size <= size:
        raise ValueError(f"cannot prove a tree of {old_size} leaves against one of {size}")
    if old_size in (0, size):
        return []
    proof: list[bytes] = []
    m, lo, hi, complete = old_size, 0, size, True
    while m != hi - lo:
        k = split_point(hi - lo)
        if m <= k:
            proof.append(range_hash(lo + k, hi))
            hi = lo + k
        else:
            proof.append(range_hash(lo, lo + k))
            lo += k
            m -= k
            complete = False
    if not complete:
        proof.append(range_hash(lo, hi))
    proof.reverse()
    return proof


def _check_hash(value: bytes, what: str) -> None:
    if len(value) != HASH_SIZE:
        raise ValueError(f"{what} must be {HASH_SIZE} bytes, not {len(value)}")


class CompactRange:
    """The right edge of a tree of ``size`` leaves: its perfect subtree roots, largest (leftmost) first.

    There is one hash per set bit of ``size``. Appending a leaf merges the equal-sized subtrees at the
    edge (amortised one node hash); ``root()`` folds them from the right in O(log n).
    """

    __slots__ = ("_hashes", "_size")

    def __init__(self, size: int = 0, hashes: Iterable[bytes] = ()) -> None:
        stack = [bytes(h) for h in hashes]
        if size < 0 or len(stack) != size.bit_count():
            raise ValueError(f"a compact range of {size} leaves has {max(size, 0).bit_count()} hashes")
        for h in stack:
            _check_hash(h, "a subtree hash")
        self._size = size
        self._hashes = stack

    @property
    def size(self) -> int:
        return self._size

    @property
    def hashes(self) -> tuple[bytes, ...]:
        """The perfect subtree roots, largest first (store these to resume appending later)."""
        return tuple(self._hashes)

    def append(self, leaf_hash: bytes) -> None:
        """Add one leaf hash at the right edge."""
        _check_hash(leaf_hash, "a leaf hash")
        stack = self._hashes
        h = leaf_hash
        n = self._size
        while n & 1:
            h = _sha256(b"\x01" + stack.pop() + h).digest()
            n >>= 1
        stack.append(h)
        self._size += 1

    def extend(self, leaf_hashes: Iterable[bytes]) -> None:
        for h in leaf_hashes:
            self.append(h)

    def root(self) -> bytes:
        """The tree hash of the leaves appended so far (``EMPTY_ROOT`` when none)."""
        stack = self._hashes
        if not stack:
            return EMPTY_ROOT
        r = stack[-1]
        for h in reversed(stack[:-1]):
            r = _sha256(b"\x01" + h + r).digest()
        return r


class MerkleTree:
    """Every leaf hash and every full subtree hash of an append-only tree, level by level.

    ``levels[k]`` holds, in 32-byte slots, the hashes of the aligned perfect subtrees of ``2**k`` leaves:
    slot ``i`` covers leaves ``[i * 2**k, (i + 1) * 2**k)``. Roots and proofs may be asked for any
    earlier size, so one tree answers for every checkpoint it has passed.
    """

    __slots__ = ("_levels",)

    def __init__(self, leaf_hashes: Iterable[bytes] = ()) -> None:
        level = bytearray()
        for h in leaf_hashes:
            _check_hash(h, "a leaf hash")
            level += h
        self._levels = [level]
        while len(level) >= _PAIR:
            parents = b"".join(
                _sha256(b"\x01" + level[i : i + _PAIR]).digest() for i in range(0, len(level) - HASH_SIZE, _PAIR)
            )
            level = bytearray(parents)
            self._levels.append(level)

    @property
    def size(self) -> int:
        return len(self._levels[0]) // HASH_SIZE

    def __len__(self) -> int:
        return self.size

    def append(self, leaf_hash: bytes) -> None:
        """Add one leaf hash, completing the parents it finishes (amortised one node hash)."""
        _check_hash(leaf_hash, "a leaf hash")
        levels = self._levels
        levels[0] += leaf_hash
        k = 0
        while len(levels[k]) % _PAIR == 0:
            parent = _sha256(b"\x01" + levels[k][-_PAIR:]).digest()
            if k + 1 == len(levels):
                levels.append(bytearray())
            levels[k + 1] += parent
            k += 1

    def extend(self, leaf_hashes: Iterable[bytes]) -> None:
        for h in leaf_hashes:
            self.append(h)

    def leaf(self, index: int) -> bytes:
        """The leaf hash at ``index``."""
        if not 0 <= index < self.size:
            raise IndexError(f"leaf {index} is outside a tree of {self.size} leaves")
        return self._node(0, index)

    def root(self, size: int | None = None) -> bytes:
        """The tree hash of the first ``size`` leaves (all of them by default)."""
        n = checked_size(size, self.size)
        return self._range(0, n) if n else EMPTY_ROOT

    def inclusion_proof(self, index: int, size: int | None = None) -> list[bytes]:
        """``PATH(index, D[size])`` (RFC 9162 §2.1.3.1): sibling hashes from the leaf up."""
        return inclusion_path(index, checked_size(size, self.size), self._range)

    def consistency_proof(self, old_size: int, size: int | None = None) -> list[bytes]:
        """``PROOF(old_size, D[size])`` (RFC 9162 §2.1.4.1); empty when ``old_size`` is 0 or ``size``."""
        return consistency_path(old_size, checked_size(size, self.size), self._range)

    def compact_range(self, size: int | None = None) -> CompactRange:
        """The right edge of the first ``size`` leaves, to carry on appending without the whole tree."""
        n = checked_size(size, self.size)
        hashes = []
        offset = 0
        for level in range(n.bit_length() - 1, -1, -1):
            if n >> level & 1:
                hashes.append(self._node(level, offset >> level))
                offset += 1 << level
        return CompactRange(n, hashes)

    def _node(self, level: int, index: int) -> bytes:
        start = index * HASH_SIZE
        return bytes(self._levels[level][start : start + HASH_SIZE])

    def _range(self, lo: int, hi: int) -> bytes:
        """``MTH(D[lo:hi])``; O(log n) when ``lo`` is a multiple of the split, as in every RFC range."""
        n = hi - lo
        if n & (n - 1) == 0 and lo % n == 0:
            level = n.bit_length() - 1
            return self._node(level, lo >> level)
        k = split_point(n)
        return node_hash(self._range(lo, lo + k), self._range(lo + k, hi))


def root(leaf_hashes: Iterable[bytes]) -> bytes:
    """The tree hash ``MTH`` of a list of leaf hashes, streaming (O(log n) memory)."""
    edge = CompactRange()
    edge.extend(leaf_hashes)
    return edge.root()


def inclusion_proof(index: int, leaf_hashes: Sequence[bytes]) -> list[bytes]:
    """The audit path of leaf ``index`` in the tree of ``leaf_hashes``."""
    return MerkleTree(leaf_hashes).inclusion_proof(index)


def consistency_proof(m: int, leaf_hashes: Sequence[bytes]) -> list[bytes]:
    """The proof that the tree of the first ``m`` leaves is a prefix of the tree of ``leaf_hashes``."""
    return MerkleTree(leaf_hashes).consistency_proof(m)


def verify_inclusion(leaf_hash: bytes, index: int, tree_size: int, proof: Sequence[bytes], root: bytes) -> bool:
    """True when ``proof`` shows ``leaf_hash`` at ``index`` in the tree of ``tree_size`` leaves with ``root``.

    The algorithm of RFC 9162 §2.1.3.2; malformed input (a wrong length, an index out of range) is False.
    """
    if not 0 <= index < tree_size or len(leaf_hash) != HASH_SIZE or len(root) != HASH_SIZE:
        return False
    fn, sn, r = index, tree_size - 1, leaf_hash
    for p in proof:
        if sn == 0 or len(p) != HASH_SIZE:
            return False
        if fn & 1 or fn == sn:
            r = node_hash(p, r)
            while fn and not fn & 1:
                fn >>= 1
                sn >>= 1
        else:
            r = node_hash(r, p)
        fn >>= 1
        sn >>= 1
    return sn == 0 and hmac.compare_digest(r, root)


def verify_consistency(m: int, n: int, old_root: bytes, new_root: bytes, proof: Sequence[bytes]) -> bool:
    """True when ``proof`` shows the tree of ``m`` leaves (``old_root``) is a prefix of the one of ``n``.

    The algorithm of RFC 9162 §2.1.4.2, with the edge cases it leaves out: equal sizes need an empty
    proof and equal roots; the empty tree (``EMPTY_ROOT``) is a prefix of every tree, with an empty proof.
    """
    if not 0 <= m <= n or len(old_root) != HASH_SIZE or len(new_root) != HASH_SIZE:
        return False
    if m == n:
        return not proof and hmac.compare_digest(old_root, new_root)
    if m == 0:
        return not proof and hmac.compare_digest(old_root, EMPTY_ROOT)
    path = list(proof)
    if not path or any(len(c) != HASH_SIZE for c in path):
        return False
    if m & (m - 1) == 0:
        path.insert(0, old_root)
    fn, sn = m - 1, n - 1
    while fn & 1:
        fn >>= 1
        sn >>= 1
    fr = sr = path[0]
    for c in path[1:]:
        if sn == 0:
            return False
        if fn & 1 or fn == sn:
            fr = node_hash(c, fr)
            sr = node_hash(c, sr)
            while fn and not fn & 1:
                fn >>= 1
                sn >>= 1
        else:
            sr = node_hash(sr, c)
        fn >>= 1
        sn >>= 1
    return sn == 0 and hmac.compare_digest(fr, old_root) and hmac.compare_digest(sr, new_root)
