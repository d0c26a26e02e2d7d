"""Roots and proofs from tile hashes are exactly the RFC 9162 ones, read with few leaves."""

from __future__ import annotations

import hashlib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ncb.audit.merkle import EMPTY_ROOT, MerkleTree, verify_consistency, verify_inclusion
from ncb.audit.tiles import TILE_SIZE, TiledTree, tile_hash


def leaves(n: int) -> list[bytes]:
    return [hashlib.sha256(b"leaf %d" % i).digest() for i in range(n)]


class Store:
    """Leaf hashes with a count of how many were read."""

    def __init__(self, hashes: list[bytes]) -> None:
        self.hashes = hashes
        self.read = 0

    def __call__(self, lo: int, hi: int) -> list[bytes]:
        self.read += hi - lo
        return self.hashes[lo:hi]


def tiled(hashes: list[bytes], stored_tiles: int | None = None) -> tuple[TiledTree, Store]:
    complete = len(hashes) // TILE_SIZE
    tiles = [tile_hash(hashes[t * TILE_SIZE:(t + 1) * TILE_SIZE]) for t in range(complete)]
    store = Store(hashes)
    return TiledTree(len(hashes), tiles[:stored_tiles], store), store


@settings(max_examples=40, deadline=None)
@given(n=st.integers(1, 3 * TILE_SIZE + 40), data=st.data())
def test_roots_and_proofs_equal_the_full_trees(n: int, data: st.DataObject) -> None:
    hashes = leaves(n)
    full = MerkleTree(hashes)
    stored = data.draw(st.none() | st.integers(0, n // TILE_SIZE))
    tree, _ = tiled(hashes, stored)
    size = data.draw(st.integers(1, n))
    index = data.draw(st.integers(0, size - 1))
    old = data.draw(st.integers(0, size))
    assert tree.root(size) == full.root(size)
    assert tree.inclusion_proof(index, size) == full.inclusion_proof(index, size)
    assert tree.consistency_proof(old, size) == full.consistency_proof(old, size)
    assert verify_inclusion(hashes[index], index, size, tree.inclusion_proof(index, size), full.root(size))
    assert verify_consistency(old, size, full.root(old), full.root(size), tree.consistency_proof(old, size))


def test_a_proof_reads_at_most_two_tiles_of_leaves() -> None:
    hashes = leaves(40 * TILE_SIZE + 77)
    tree, store = tiled(hashes)
    proof = tree.inclusion_proof(1234)
    assert proof == MerkleTree(hashes).inclusion_proof(1234)
    assert store.read <= 2 * TILE_SIZE
    store.read = 0
    tree, store = tiled(hashes)
    tree.consistency_proof(17 * TILE_SIZE + 3)
    assert store.read <= 2 * TILE_SIZE


def test_the_empty_tree_and_bad_requests() -> None:
    tree, _ = tiled([])
    assert tree.root() == EMPTY_ROOT
    tree, _ = tiled(leaves(10))
    with pytest.raises(ValueError, match="outside a tree of 10"):
        tree.inclusion_proof(10)
    with pytest.raises(ValueError, match="no size 11"):
        tree.root(11)
    with pytest.raises(ValueError, match="cannot prove a tree of 11"):
        tree.consistency_proof(11)
    with pytest.raises(ValueError, match="a tile has 256 leaves"):
        tile_hash(leaves(3))


def test_a_leaf_is_read_from_its_tile_and_one_outside_the_tree_is_refused() -> None:
    hashes = leaves(TILE_SIZE + 5)
    tree, store = tiled(hashes, 1)
    assert tree.leaf(TILE_SIZE + 4) == hashes[TILE_SIZE + 4]
    assert tree.leaf(TILE_SIZE) == hashes[TILE_SIZE]
    assert store.read == 5
    with pytest.raises(ValueError, match="leaf 261 is outside a tree of 261"):
        tree.leaf(TILE_SIZE + 5)
