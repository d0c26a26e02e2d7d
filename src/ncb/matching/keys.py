"""Blocking keys: a few short strings per name form, so that the index finds the candidates worth
scoring without ever scoring the whole list. A key is a stable 32-bit hash of its text (CRC-32), so an
index saved by one process reads the same in another; a collision only adds a candidate."""

from __future__ import annotations

import zlib
from functools import lru_cache

from ncb.matching.normalize import canonical, skeleton, sorted_canonical, vowel_blind


@lru_cache(maxsize=300_000)
def token_keys(c: str) -> tuple[str, ...]:
    """The keys of one canonical token: itself, its consonant skeleton and vowel-blind form (when long
    enough to tell names apart), and its one-letter deletions (typos) for longer tokens."""
    if len(c) <= 1:
        return ()  # initials find nothing on their own
    keys = {"c" + c}
    sk = skeleton(c)
    if len(sk) >= 3:  # "jn" would join John to Jun
        keys.add("s" + sk)
    if len(c) >= 4:  # as in token_similarity: short tokens differing in vowels are different names
        keys.add("v" + vowel_blind(c))
        keys.add("d" + c)  # a one-letter deletion of a token must find the token itself
    if len(c) >= 5:
        keys.update("d" + c[:i] + c[i + 1:] for i in range(len(c)))
    return tuple(sorted(keys))


@lru_cache(maxsize=300_000)
def _hashes(keys: tuple[str, ...]) -> tuple[int, ...]:
    return tuple(zlib.crc32(k.encode()) for k in keys)


def token_hashes(c: str) -> tuple[int, ...]:
    """The hashed keys of one canonical token (cached: given names repeat)."""
    return _hashes(token_keys(c))


def form_hashes(tokens: tuple[str, ...]) -> list[int]:
    """Every hashed key of one written form: each token's keys and the whole name joined (spacing: MIN JUN /
    MINJUN). The index stores these for listed names; a query looks up the same ones."""
    out = [joined_hash(tokens)]
    for t in tokens:
        c = canonical(t)
        if len(c) > 1:
            out.extend(_hashes(token_keys(c)))
    return out


def joined_hash(tokens: tuple[str, ...]) -> int:
    """The hashed key of a whole form joined (spacing: MIN JUN / MINJUN): its canonical tokens in alphabetical
    order, run together."""
    return joined_hash_of_key(sorted_canonical(tokens))


def joined_hash_of_key(key: str) -> int:
    """:func:`joined_hash` of a form from its canonical tokens already sorted and spaced (``NameForm.key``)."""
    return zlib.crc32(("j" + key.replace(" ", "")).encode())
