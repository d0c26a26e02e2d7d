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


def _chunk_in_a_worker(items: list[str]) -> list[tuple[str, bool, int, int]]:
    """What a chunk sees of the collector, then reference cycles left behind, then the chunk's end as a screening
    worker ends it; with how many objects the collector still tracks and how many it has frozen."""
    import gc

    from ncb.cli.workers import freeze_survivors

    enabled = gc.isenabled()
    for _ in range(200):  # garbage a collection must find: lists that hold themselves
        cycle: list[object] = []
        cycle.append(cycle)
    del cycle
    freeze_survivors()
    return [(item, enabled, len(gc.get_objects()), gc.get_freeze_count()) for item in items]


def test_a_worker_that_collects_only_between_chunks_leaves_no_garbage_behind_a_chunk() -> None:
    from ncb.cli.workers import collect_only_between_chunks

    with single_worker_pools(1, collect_only_between_chunks) as pools:
        results = [r for chunk in keyed_map(pools, _chunk_in_a_worker, [["a"], ["b"], ["c"]], key=str, ahead=1)
                   for r in chunk]
    assert all(not enabled for _item, enabled, _tracked, _frozen in results)  # automatic collection is off
    assert all(tracked < 100 for _item, _enabled, tracked, _frozen in results)  # each chunk's survivors were frozen
    frozen = [count for *_rest, count in results]
    assert frozen[2] - frozen[1] < 50  # ... but not its cycles, which were collected: no growth chunk after chunk
