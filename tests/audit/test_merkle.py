"""RFC 9162 Merkle trees: known answers, and every (m, n) up to 64 against the definition written out naively."""

from __future__ import annotations

import hashlib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ncb.audit.merkle import (
    EMPTY_ROOT,
    CompactRange,
    MerkleTree,
    consistency_proof,
    inclusion_proof,
    leaf_hash,
    node_hash,
    root,
    verify_consistency,
    verify_inclusion,
)


def sha256(data: bytes) -> bytes:
    return hashlib.sha256(data).digest()


# The definition of RFC 9162 §2.1, written as plainly as possible: recursion on lists, no caching.


def naive_split(n: int) -> int:
    k = 1
    while k * 2 < n:
        k *= 2
    return k


def naive_mth(hashes: list[bytes]) -> bytes:
    if not hashes:
        return sha256(b"")
    if len(hashes) == 1:
        return hashes[0]
    k = naive_split(len(hashes))
    return sha256(b"\x01" + naive_mth(hashes[:k]) + naive_mth(hashes[k:]))


def naive_path(m: int, hashes: list[bytes]) -> list[bytes]:
    if len(hashes) == 1:
        return []
    k = naive_split(len(hashes))
    if m < k:
        return naive_path(m, hashes[:k]) + [naive_mth(hashes[k:])]
    return naive_path(m - k, hashes[k:]) + [naive_mth(hashes[:k])]


def naive_subproof(m: int, hashes: list[bytes], complete: bool) -> list[bytes]:
    n = len(hashes)
    if m == n:
        return [] if complete else [naive_mth(hashes)]
    k = naive_split(n)
    if m <= k:
        return naive_subproof(m, hashes[:k], complete) + [naive_mth(hashes[k:])]
    return naive_subproof(m - k, hashes[k:], False) + [naive_mth(hashes[:k])]


def naive_consistency(m: int, hashes: list[bytes]) -> list[bytes]:
    return naive_subproof(m, hashes, True)


LEAVES_64 = [leaf_hash(b"entry %d" % i) for i in range(64)]
TREE_64 = MerkleTree(LEAVES_64)


def flipped(value: bytes, at: int = 0) -> bytes:
    return value[:at] + bytes([value[at] ^ 1]) + value[at + 1 :]


# Known answers, built from the definition by hand.


def test_the_empty_tree_hashes_to_sha256_of_nothing() -> None:
    assert bytes.fromhex("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855") == EMPTY_ROOT
    assert root([]) == EMPTY_ROOT
    assert MerkleTree().root() == EMPTY_ROOT
    assert CompactRange().root() == EMPTY_ROOT


def test_leaves_and_nodes_are_domain_separated() -> None:
    assert leaf_hash(b"abc") == sha256(b"\x00abc")
    assert node_hash(b"L" * 32, b"R" * 32) == sha256(b"\x01" + b"L" * 32 + b"R" * 32)
    assert leaf_hash(b"") == bytes.fromhex("6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d")


def test_small_trees_split_at_the_largest_power_of_two_below_n() -> None:
    a, b, c, d, e = (leaf_hash(x) for x in (b"a", b"b", b"c", b"d", b"e"))
    assert root([a]) == a
    assert root([a, b]) == node_hash(a, b)
    assert root([a, b, c]) == node_hash(node_hash(a, b), c)
    assert root([a, b, c, d]) == node_hash(node_hash(a, b), node_hash(c, d))
    assert root([a, b, c, d, e]) == node_hash(node_hash(node_hash(a, b), node_hash(c, d)), e)
    assert inclusion_proof(2, [a, b, c]) == [node_hash(a, b)]
    assert inclusion_proof(0, [a, b, c, d, e]) == [b, node_hash(c, d), e]
    assert consistency_proof(3, [a, b, c, d]) == [c, d, node_hash(a, b)]
    assert consistency_proof(2, [a, b, c, d, e]) == [node_hash(c, d), e]


# The inputs and roots published with the Certificate Transparency reference implementations
# (RFC 6962 test data): an anchor independent of this module and of the naive version above.
CT_INPUTS = ["", "00", "10", "2021", "3031", "40414243", "5051525354555657", "606162636465666768696a6b6c6d6e6f"]
CT_ROOTS = [
    "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
    "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
    "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
    "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
    "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
    "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
    "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
    "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
]


def test_matches_the_certificate_transparency_reference_roots_and_proofs() -> None:
    hashes = [leaf_hash(bytes.fromhex(x)) for x in CT_INPUTS]
    tree = MerkleTree(hashes)
    for n, expected in enumerate(CT_ROOTS, start=1):
        assert root(hashes[:n]).hex() == expected
        assert tree.root(n).hex() == expected
    assert [p.hex() for p in tree.consistency_proof(6, 8)] == [
        "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
        "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
        "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
    ]
    assert [p.hex() for p in tree.consistency_proof(2, 5)] == [
        "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
        "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
    ]


# Every size up to 64 against the naive definition.


@pytest.mark.parametrize("n", range(0, 65))
def test_roots_agree_with_the_definition_for_every_size_up_to_64(n: int) -> None:
    expected = naive_mth(LEAVES_64[:n])
    assert root(LEAVES_64[:n]) == expected
    assert TREE_64.root(n) == expected
    assert MerkleTree(LEAVES_64[:n]).root() == expected
    assert TREE_64.compact_range(n).root() == expected


@pytest.mark.parametrize("n", range(1, 65))
def test_inclusion_proofs_agree_with_the_definition_and_verify(n: int) -> None:
    leaves = LEAVES_64[:n]
    tree_root = naive_mth(leaves)
    for index in range(n):
        proof = TREE_64.inclusion_proof(index, n)
        assert proof == naive_path(index, leaves)
        assert inclusion_proof(index, leaves) == proof
        assert verify_inclusion(leaves[index], index, n, proof, tree_root)
        assert not verify_inclusion(flipped(leaves[index]), index, n, proof, tree_root)
        assert not verify_inclusion(leaves[index], index, n, proof, flipped(tree_root))
        # The size only shapes the path; the root of the size claimed is what binds it.
        assert not verify_inclusion(leaves[index], index, n + 1, proof, naive_mth(LEAVES_64[: n + 1]))
        assert not verify_inclusion(leaves[index], index, n, proof + [leaves[0]], tree_root)
        if proof:
            assert not verify_inclusion(leaves[index], index, n, proof[:-1], tree_root)
            for at in range(len(proof)):
                bad = proof[:at] + [flipped(proof[at], at)] + proof[at + 1 :]
                assert not verify_inclusion(leaves[index], index, n, bad, tree_root)
        for other in (index - 1, index + 1):
            if 0 <= other < n:
                assert not verify_inclusion(leaves[index], other, n, proof, tree_root)


@pytest.mark.parametrize("n", range(1, 65))
def test_consistency_proofs_agree_with_the_definition_and_verify(n: int) -> None:
    new_root = naive_mth(LEAVES_64[:n])
    for m in range(1, n + 1):
        old_root = naive_mth(LEAVES_64[:m])
        proof = TREE_64.consistency_proof(m, n)
        assert proof == naive_consistency(m, LEAVES_64[:n])
        assert consistency_proof(m, LEAVES_64[:n]) == proof
        assert verify_consistency(m, n, old_root, new_root, proof)
        assert not verify_consistency(m, n, flipped(old_root), new_root, proof)
        assert not verify_consistency(m, n, old_root, flipped(new_root), proof)
        for at in range(len(proof)):
            bad = proof[:at] + [flipped(proof[at], at)] + proof[at + 1 :]
            assert not verify_consistency(m, n, old_root, new_root, bad)
        if m < n:
            assert not verify_consistency(m, n, old_root, new_root, proof[:-1])
            assert not verify_consistency(m, n, old_root, new_root, proof + [new_root])
            assert not verify_consistency(m, n - 1, old_root, naive_mth(LEAVES_64[: n - 1]), proof)


def test_consistency_edge_cases() -> None:
    r5 = TREE_64.root(5)
    assert TREE_64.consistency_proof(5, 5) == []
    assert verify_consistency(5, 5, r5, r5, [])
    assert not verify_consistency(5, 5, r5, TREE_64.root(6), [])
    assert TREE_64.consistency_proof(0, 5) == []
    assert verify_consistency(0, 5, EMPTY_ROOT, r5, [])
    assert not verify_consistency(0, 5, r5, r5, [])
    assert not verify_consistency(6, 5, r5, r5, [])
    with pytest.raises(ValueError):
        TREE_64.consistency_proof(6, 5)


def test_out_of_range_requests_are_refused() -> None:
    with pytest.raises(ValueError):
        TREE_64.inclusion_proof(5, 5)
    with pytest.raises(ValueError):
        TREE_64.root(65)
    with pytest.raises(IndexError):
        TREE_64.leaf(64)
    with pytest.raises(ValueError):
        MerkleTree([b"short"])
    with pytest.raises(ValueError):
        CompactRange(3, [LEAVES_64[0]])
    assert not verify_inclusion(LEAVES_64[0], 0, 0, [], EMPTY_ROOT)
    assert not verify_inclusion(LEAVES_64[0], -1, 1, [], LEAVES_64[0])
    assert not verify_inclusion(b"short", 0, 1, [], b"short")


def test_appending_builds_the_same_tree_as_building_at_once() -> None:
    grown = MerkleTree()
    edge = CompactRange()
    for n, h in enumerate(LEAVES_64, start=1):
        grown.append(h)
        edge.append(h)
        assert grown.root() == edge.root() == TREE_64.root(n)
        assert edge.hashes == TREE_64.compact_range(n).hashes
    assert [grown.leaf(i) for i in range(64)] == LEAVES_64
    assert grown.inclusion_proof(37) == TREE_64.inclusion_proof(37)


def test_a_compact_range_resumes_from_its_stored_hashes() -> None:
    stored = TREE_64.compact_range(37)
    resumed = CompactRange(stored.size, stored.hashes)
    resumed.extend(LEAVES_64[37:])
    assert resumed.root() == TREE_64.root()


@settings(max_examples=60, deadline=None)
@given(leaves=st.lists(st.binary(max_size=40), min_size=1, max_size=300), data=st.data())
def test_random_trees_agree_with_the_definition(leaves: list[bytes], data: st.DataObject) -> None:
    hashes = [leaf_hash(x) for x in leaves]
    n = len(hashes)
    tree = MerkleTree()
    tree.extend(hashes)
    assert tree.root() == root(hashes) == naive_mth(hashes)
    index = data.draw(st.integers(0, n - 1), label="index")
    proof = tree.inclusion_proof(index)
    assert proof == naive_path(index, hashes)
    assert verify_inclusion(hashes[index], index, n, proof, tree.root())
    m = data.draw(st.integers(1, n), label="m")
    cproof = tree.consistency_proof(m)
    assert cproof == naive_consistency(m, hashes)
    assert verify_consistency(m, n, naive_mth(hashes[:m]), tree.root(), cproof)


def test_proofs_stay_logarithmic_at_a_hundred_thousand_leaves() -> None:
    hashes = [leaf_hash(b"%d" % i) for i in range(100_000)]
    tree = MerkleTree(hashes)
    tree_root = tree.root()
    assert tree_root == root(hashes)
    for index in (0, 1, 65_535, 65_536, 99_999):
        proof = tree.inclusion_proof(index)
        assert len(proof) <= 17
        assert verify_inclusion(hashes[index], index, 100_000, proof, tree_root)
    proof = tree.consistency_proof(70_001)
    assert len(proof) <= 2 * 17
    assert verify_consistency(70_001, 100_000, tree.root(70_001), tree_root, proof)
