"""Roots and proofs of a stored log from its tile hashes, without rehashing (or loading) every leaf.

A *tile* is a complete, aligned run of ``TILE_SIZE`` (256) leaves; its hash is the RFC 9162 tree hash of
those leaves, ``MTH(D[256 t : 256 (t + 1)])``, written once when its last leaf is appended and never
changed. Every range the RFC 9162 algorithms hash is either inside one tile or made of whole tiles plus at
most one partial tile at the right edge, because ``MTH`` splits ranges at powers of two. So, over a log of
a million entries, a root or proof needs the ~3,900 tile hashes and the leaf hashes of at most two tiles
(the one holding the leaf proved, the unfinished one at the end): a few milliseconds, where rebuilding
the tree from the leaves takes seconds.

Pure: the tile and leaf hashes come in through the constructor and a callable. A tile hash that is
missing is computed from its leaves; a wrong one makes the roots and proofs wrong, which every verifier
notices against the signed checkpoints (nothing false can be proved with it).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from ncb.audit.merkle import (
    EMPTY_ROOT,
    checked_size,
    consistency_path,
    inclusion_path,
    node_hash,
    root,
    split_point,
)

TILE_HEIGHT = 8
TILE_SIZE = 1 << TILE_HEIGHT
"""Leaves in one tile."""


def tile_hash(leaf_hashes: Sequence[bytes]) -> bytes:
    """The hash of one complete tile: the tree hash of its ``TILE_SIZE`` leaf hashes."""
    if len(leaf_hashes) != TILE_SIZE:
        raise ValueError(f"a tile has {TILE_SIZE} leaves, not {len(leaf_hashes)}")
    return root(leaf_hashes)


class TiledTree:
    """The first ``size`` leaves of a log, seen through its stored tiles.

    ``tiles`` are the stored hashes of tiles 0, 1, ... in order (fewer than ``size // TILE_SIZE`` is
    allowed: the others are computed from their leaves); ``leaves(lo, hi)`` returns the leaf hashes of
    entries ``lo .. hi - 1``. Leaves are asked for one tile at a time, and each tile at most once.
    """

    def __init__(self, size: int, tiles: Sequence[bytes], leaves: Callable[[int, int], Sequence[bytes]]) -> None:
        if size < 0:
            raise ValueError("a tree size is a whole number from 0")
        self.size = size
        self._tiles = list(tiles[: size >> TILE_HEIGHT])
        self._leaves = leaves
        self._leaf_cache: dict[int, Sequence[bytes]] = {}

    def root(self, size: int | None = None) -> bytes:
        """The tree hash of the first ``size`` leaves (all of them by default)."""
        n = checked_size(size, self.size)
        return self._range(0, n) if n else EMPTY_ROOT

    def leaf(self, index: int) -> bytes:
        if not 0 <= index < self.size:
            raise ValueError(f"leaf {index} is outside a tree of {self.size} leaves")
        return self._leaf(index)

    def inclusion_proof(self, index: int, size: int | None = None) -> list[bytes]:
        """``PATH(index, D[size])`` (RFC 9162 §2.1.3.1), as ``MerkleTree.inclusion_proof`` computes it."""
        return inclusion_path(index, checked_size(size, self.size), self._range)

    def consistency_proof(self, old_size: int, size: int | None = None) -> list[bytes]:
        """``PROOF(old_size, D[size])`` (RFC 9162 §2.1.4.1); empty when ``old_size`` is 0 or ``size``."""
        return consistency_path(old_size, checked_size(size, self.size), self._range)

    def _range(self, lo: int, hi: int) -> bytes:
        """``MTH(D[lo:hi])``: whole tiles from the store, the rest from leaf hashes."""
        n = hi - lo
        if n == 1:
            return self._leaf(lo)
        if n == TILE_SIZE and lo % TILE_SIZE == 0:
            return self._tile(lo >> TILE_HEIGHT)
        k = split_point(n)
        return node_hash(self._range(lo, lo + k), self._range(lo + k, hi))

    def _tile(self, t: int) -> bytes:
        if t < len(self._tiles):
            return self._tiles[t]
        return tile_hash(self._tile_leaves(t))

    def _leaf(self, index: int) -> bytes:
        return self._tile_leaves(index >> TILE_HEIGHT)[index & (TILE_SIZE - 1)]

    def _tile_leaves(self, t: int) -> Sequence[bytes]:
        cached = self._leaf_cache.get(t)
        if cached is None:
            lo = t << TILE_HEIGHT
            hi = min(lo + TILE_SIZE, self.size)
            cached = self._leaves(lo, hi)
            if len(cached) != hi - lo:
                raise ValueError(f"the store gave {len(cached)} leaf hashes for entries {lo} to {hi - 1}")
            self._leaf_cache[t] = cached
        return cached
