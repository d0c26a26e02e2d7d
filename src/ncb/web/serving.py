"""Running the web app in several processes (``ncb serve --workers N``).

Each process binds its own listening socket on the same address with ``SO_REUSEPORT`` (the kernel spreads the
connections) and runs one uvicorn server over the app built from the environment. The socket is made with
protocol ``IPPROTO_TCP`` explicitly: asyncio turns Nagle's algorithm off (TCP_NODELAY) only on sockets that say
so, and a plain ``socket(AF_INET, SOCK_STREAM)``, as uvicorn's own ``--workers`` mode makes, leaves it on, so
that every keep-alive answer waited ~40 ms for a delayed ACK (150 requests/s instead of thousands).
"""

from __future__ import annotations

import gc
import multiprocessing
import signal
import socket
from types import FrameType

APP = "ncb.web.app:app_from_environment"


# one name in each script whose transliteration loads a dictionary or table on first use
_SCRIPTS_SAMPLE = ("王秀英", "山田太郎", "ヤマダ タロウ", "Владимир Путин", "محمد بن سلمان", "김민준", "Müller")


def freeze_long_lived() -> None:
    """In a serving process that has just built its screening index: load the name dictionaries (a name of each
    script transliterated once), collect once, then take every object alive out of the cyclic collector's sight.
    They live as long as the process (pypinyin's phrase table alone is some 190,000 lists, the index keeps lists
    of every listed person), and each full collection walked them all again: a pause of 100 to 200 ms in one
    check of every few thousand. Frozen objects are still freed when nothing refers to them (an index replaced
    by a rebuilt one); only a reference cycle among them would never be collected."""
    from ncb.matching.compare import name_forms

    for name in _SCRIPTS_SAMPLE:
        name_forms(name)
    gc.collect()
    gc.freeze()


def listening_socket(host: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
    sock.bind((host, port))
    sock.listen(2048)
    return sock


def _worker(host: str, port: int) -> None:
    import uvicorn

    sock = listening_socket(host, port)
    uvicorn.Server(uvicorn.Config(APP, factory=True, log_level="warning")).run(sockets=[sock])


def serve_processes(host: str, port: int, workers: int) -> int:
    """Run ``workers`` server processes until one ends or this process is told to stop; the exit status."""
    ctx = multiprocessing.get_context("spawn")
    processes = [ctx.Process(target=_worker, args=(host, port), name=f"ncb-web-{i}") for i in range(workers)]

    def stop(_signum: int, _frame: FrameType | None) -> None:
        for p in processes:
            if p.is_alive():
                p.terminate()

    previous = {s: signal.signal(s, stop) for s in (signal.SIGTERM, signal.SIGINT)}
    try:
        for p in processes:
            p.start()
        status = 0
        while processes:
            for p in list(processes):
                p.join(timeout=0.5)
                if p.exitcode is not None:
                    processes.remove(p)
                    if p.exitcode not in (0, -signal.SIGTERM):
                        status = p.exitcode or 1
                    stop(signal.SIGTERM, None)  # one process gone: take the others down too
        return status
    finally:
        for s, handler in previous.items():
            signal.signal(s, handler)
