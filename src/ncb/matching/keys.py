"""Blocking keys: a few short strings per name form, so that the index finds the candidates worth
scoring without ever scoring the whole list. A key is a stable 32-bit hash of its text (CRC-32), so an
index saved by one process reads the same in another; a collision only adds a candidate."""

from __future__ import annotations

import zlib
from collections.abc import Iterable

from ncb.matching.normalize import canonical, skeleton, vowel_blind


def _deletes(token: str) -> set[str]:
    return {token[:i] + token[i + 1:] for i in range(len(token))}


def form_keys(tokens: tuple[str, ...]) -> set[str]:
    """Keys of one form: each token's canonical spelling and consonant skeleton, one-letter deletions of
    longer tokens (typos), and the whole name joined (spacing)."""
    keys: set[str] = set()
    canon = [canonical(t) for t in tokens]
    for c in canon:
        if len(c) <= 1:
            continue  # initials find nothing on their own
        keys.add("c" + c)
        sk = skeleton(c)
        if len(sk) >= 3:  # "jn" would join John to Jun
            keys.add("s" + sk)
        if len(c) >= 4:  # as in token_similarity: short tokens differing in vowels are different names
            keys.add("v" + vowel_blind(c))
        if len(c) >= 5:
            keys.update("d" + d for d in _deletes(c))
    if len(canon) > 1:
        keys.add("j" + "".join(sorted(canon)))
    else:
        keys.add("j" + "".join(canon))
    # A one-letter deletion of a token must find the token itself as well.
    keys.update("d" + c for c in canon if len(c) >= 4)
    return keys


def keys_by_token(tokens: tuple[str, ...]) -> list[tuple[str, tuple[str, ...]]]:
    """The keys of one form, each with the canonical tokens it stands for (the joined key stands for all)."""
    out: list[tuple[str, tuple[str, ...]]] = []
    canon = [canonical(t) for t in tokens]
    for c in canon:
        if len(c) <= 1:
            continue
        out.extend((k, (c,)) for k in form_keys((c,)) if not k.startswith("j"))
    joined = "j" + "".join(sorted(canon)) if len(canon) > 1 else "j" + "".join(canon)
    out.append((joined, tuple(c for c in canon if len(c) > 1)))
    return out


def hash_keys(keys: Iterable[str]) -> list[int]:
    return [zlib.crc32(k.encode()) for k in keys]
