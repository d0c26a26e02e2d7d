"""Every distinct name token compared so far, as numbers: what the compiled alignment (:mod:`kernels`) reads
of a token instead of its text. A token's entry holds its length and first letter, its canonical form (as
code points, and as a number shared by the tokens with that form), its vowel-blind form (as a number), and,
for a name in the nickname table, its number there and the numbers of the names of its nickname group.

Entries are only ever added; the table starts again when it grows past ``TOKENS_KEPT`` (between alignments,
never during one). One lock makes it safe to share between the threads of a web server."""

from __future__ import annotations

import threading
from collections.abc import Sequence
from typing import Any

import numpy as np
from numpy.typing import NDArray

from ncb.matching.nicknames import known_names, nickname_group
from ncb.matching.normalize import canonical, vowel_blind

TOKENS_KEPT = 1_000_000


class TokenTable:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self._reset()

    def _reset(self) -> None:
        self.ids: dict[str, int] = {}
        self._canon: dict[str, int] = {}
        self._blind: dict[str, int] = {}
        self._names: dict[str, int] = {}
        self.size = 0
        self.length = np.zeros(1024, dtype=np.int32)
        self.first = np.zeros(1024, dtype=np.int32)
        self.canon = np.zeros(1024, dtype=np.int32)
        self.blind = np.zeros(1024, dtype=np.int32)
        self.name = np.zeros(1024, dtype=np.int32)
        self.char_start = np.zeros(1024, dtype=np.int64)
        self.char_count = np.zeros(1024, dtype=np.int32)
        self.group_start = np.zeros(1024, dtype=np.int64)
        self.group_count = np.zeros(1024, dtype=np.int32)
        self.chars = np.zeros(8192, dtype=np.int32)
        self.groups = np.zeros(1024, dtype=np.int32)
        self._chars_used = 0
        self._groups_used = 0

    def numbers(self, tokens: Sequence[str]) -> list[int]:
        """The numbers of tokens, entered on first sight (call with the lock held). Known tokens are looked up
        by one ``map`` in C: a passenger list's chunk asks for a million of them, nearly all known."""
        found: list[int | None] = list(map(self.ids.get, tokens))
        if None in found:
            for i, number in enumerate(found):
                if number is None:
                    token = tokens[i]
                    known = self.ids.get(token)  # entered a moment ago, if it came twice
                    found[i] = known if known is not None else self._enter(token)
        return found  # type: ignore[return-value]  # no None is left

    def start_again_if_full(self) -> None:
        """Empty the table once it holds ``TOKENS_KEPT`` tokens (call with the lock held, between alignments)."""
        if self.size >= TOKENS_KEPT:
            self._reset()

    def arrays(self) -> tuple[NDArray[Any], ...]:
        """The table as the compiled alignment reads it (in the order of its parameters)."""
        return (self.length, self.first, self.canon, self.blind, self.name, self.chars, self.char_start,
                self.char_count, self.groups, self.group_start, self.group_count)

    def _enter(self, token: str) -> int:
        at = self.size
        for field in ("length", "first", "canon", "blind", "name", "char_start", "char_count", "group_start",
                      "group_count"):
            setattr(self, field, _room(getattr(self, field), at, 1))
        c = canonical(token)
        codes = np.frombuffer(c.encode("utf-32-le"), dtype=np.int32)
        self.chars = _room(self.chars, self._chars_used, len(codes))
        self.chars[self._chars_used:self._chars_used + len(codes)] = codes
        self.char_start[at], self.char_count[at] = self._chars_used, len(codes)
        self._chars_used += len(codes)
        self.length[at] = len(token)
        self.first[at] = ord(token[0]) if token else -1
        self.canon[at] = self._canon.setdefault(c, len(self._canon))
        self.blind[at] = self._blind.setdefault(vowel_blind(token), len(self._blind))
        if token in known_names():
            self.name[at] = self._names.setdefault(token, len(self._names))
            members = [self._names.setdefault(n, len(self._names)) for n in sorted(nickname_group(token))]
            self.groups = _room(self.groups, self._groups_used, len(members))
            self.groups[self._groups_used:self._groups_used + len(members)] = members
            self.group_start[at], self.group_count[at] = self._groups_used, len(members)
            self._groups_used += len(members)
        else:
            self.name[at] = -1
            self.group_start[at], self.group_count[at] = self._groups_used, 0
        self.ids[token] = at
        self.size += 1
        return at


def _room(array: NDArray[Any], used: int, more: int) -> NDArray[Any]:
    """``array``, or a copy twice as large (or more), with room for ``more`` entries after the first ``used``."""
    if used + more <= len(array):
        return array
    grown = np.zeros(max(2 * len(array), used + more), dtype=array.dtype)
    grown[:used] = array[:used]
    return grown
