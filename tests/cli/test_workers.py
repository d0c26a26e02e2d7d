"""The worker pools of the long commands, with real processes."""

from __future__ import annotations

import os

from ncb.cli.workers import keyed_map, single_worker_pools


def _pid_of_each(items: list[str]) -> list[tuple[str, int]]:
    return [(item, os.getpid()) for item in items]


def test_keyed_map_sends_a_key_to_the_same_process_every_time_and_keeps_the_chunk_order() -> None:
    names = ["TARO YAMADA", "JOHN SMITH", "MARIA GARCIA", "LI WEI", "ANNA IVANOVA", "山田太郎"]
    chunks = [[names[(i * 7 + j) % len(names)] for j in range(i % 5 + 1)] for i in range(40)]
    with single_worker_pools(2) as pools:
        results = list(keyed_map(pools, _pid_of_each, chunks, key=str, ahead=2))
    assert [[item for item, _pid in chunk] for chunk in results] == chunks
    process_of: dict[str, set[int]] = {}
    for chunk in results:
        for item, pid in chunk:
            process_of.setdefault(item, set()).add(pid)
    assert all(len(pids) == 1 for pids in process_of.values())
    assert len(set().union(*process_of.values())) == 2  # both processes had work
