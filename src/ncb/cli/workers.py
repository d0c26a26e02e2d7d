"""Worker processes for the long commands (``ncb import``, ``ncb screen``): a pool started by a fork server, so
that no worker inherits the parent's database connections, whose workers leave by themselves when the command's
process dies (killed mid-import, say), instead of waiting forever on a queue nobody will fill."""

from __future__ import annotations

import gc
import os
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from contextlib import ExitStack, contextmanager
from multiprocessing import get_context
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")
WATCH_SECONDS = 1.0  # how often a worker checks that the command's process is still there


def process_pool(workers: int, initializer: Callable[..., None] | None = None,
                 initargs: tuple[Any, ...] = ()) -> ProcessPoolExecutor:
    """A pool of ``workers`` processes, each running ``initializer(*initargs)`` first."""
    return ProcessPoolExecutor(workers, mp_context=get_context("forkserver"), initializer=_start,
                               initargs=(os.getpid(), initializer, initargs))


def _start(parent: int, initializer: Callable[..., None] | None, initargs: tuple[Any, ...]) -> None:
    threading.Thread(target=_leave_with, args=(parent,), name="ncb-orphan-watch", daemon=True).start()
    if initializer is not None:
        initializer(*initargs)


def _leave_with(parent: int) -> None:
    """End this worker once the process that started the pool is gone."""
    while True:
        time.sleep(WATCH_SECONDS)
        try:
            os.kill(parent, 0)
        except ProcessLookupError:
            os._exit(1)
        except PermissionError:  # the id now belongs to another user's process: ours is gone
            os._exit(1)


def freeze_survivors() -> None:
    """Between two chunks of a batch worker: collect what the chunk left young (its reference cycles, if any),
    then take every object still alive out of the collector's sight. What outlives a chunk is mostly the
    screening caches (written forms, alignments, decoded persons), which hold no cycles: full collections walked
    all of them again and again, about 15% of a passenger list's time. Only for processes that run nothing but
    such chunks: an object frozen here that later becomes part of an unreachable cycle is never collected."""
    gc.collect(1)
    gc.freeze()


def collect_only_between_chunks() -> None:
    """For a worker process that runs nothing but chunks each ended by :func:`freeze_survivors`: automatic
    collection off, since that call collects what a chunk left young anyway. Otherwise the first allocation after
    a chunk's search (which pauses collection) set off a collection of everything the chunk made, and
    :func:`freeze_survivors` walked it all again: about 2% of a passenger list's time."""
    gc.disable()


def bounded_map(pool: Executor, fn: Callable[[T], R], items: Iterable[T], ahead: int) -> Iterator[R]:
    """``pool.map`` that reads ``items`` only ``ahead`` tasks in advance (a large file never sits in a queue)."""
    pending: deque[Future[R]] = deque()
    for item in items:
        pending.append(pool.submit(fn, item))
        if len(pending) >= ahead:
            yield pending.popleft().result()
    while pending:
        yield pending.popleft().result()


@contextmanager
def single_worker_pools(workers: int, initializer: Callable[..., None] | None = None,
                        initargs: tuple[Any, ...] = ()) -> Iterator[list[ProcessPoolExecutor]]:
    """``workers`` pools of one process each, so that a caller chooses which process runs which task
    (:func:`keyed_map`)."""
    with ExitStack() as stack:
        yield [stack.enter_context(process_pool(1, initializer, initargs)) for _ in range(workers)]


def keyed_map(pools: Sequence[Executor], fn: Callable[[list[T]], list[R]], chunks: Iterable[list[T]],
              key: Callable[[T], str], ahead: int) -> Iterator[list[R]]:
    """For each chunk, ``fn``'s result for each of its items, in the chunk's order; the items are split among the
    pools by their key, so an item whose key came before goes to the process that saw it, and finds that process's
    caches warm (a name met again in a passenger list is neither transliterated nor aligned twice). ``fn`` gives
    one result per item it is given, in order; a chunk's parts run at once, at most ``ahead`` chunks in advance."""
    pending: deque[tuple[list[int], list[Future[list[R]] | None]]] = deque()
    for chunk in chunks:
        parts: list[list[T]] = [[] for _ in pools]
        owners = []
        for item in chunk:
            owner = hash(key(item)) % len(pools)  # the same key, the same process: within this run, all it needs
            owners.append(owner)
            parts[owner].append(item)
        pending.append((owners, [pool.submit(fn, part) if part else None for pool, part in zip(pools, parts,
                                                                                                strict=True)]))
        if len(pending) >= ahead:
            yield _in_chunk_order(*pending.popleft())
    while pending:
        yield _in_chunk_order(*pending.popleft())


def _in_chunk_order(owners: list[int], futures: list[Future[list[R]] | None]) -> list[R]:
    results = [iter(f.result()) if f is not None else iter(()) for f in futures]
    return [next(results[owner]) for owner in owners]
