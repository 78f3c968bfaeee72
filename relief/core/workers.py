"""Work that would hold the event loop, done in another process (reading an uploaded file).

A worker thread is not enough for such work: parsing a sheet in a C extension (calamine) or
checking 100,000 rows in Python holds the interpreter's lock, and the event loop that answers
every other request waits for it. So it runs in a small pool of processes:

- created lazily, when a page leading to such work is shown (`warm`) or at the first call,
  and shut down with the app (`shutdown`);
- its processes are forked from a fork server (a clean process started once, which has
  imported the worker's module), never from the server itself, whose threads a fork would
  copy half-way (a lock held by one of them stays held in the child);
- at most two at once (the machine's two cores; a further call waits for its turn), at a
  lower priority than the server, so that on a busy machine a page is answered first;
- each process does one call and ends, so that the memory a large file took is given back
  to the system instead of staying with the process for the next file; a fork from the
  fork server costs milliseconds, not the second a fresh interpreter takes.

The function and its arguments and result travel pickled: a worker returns refusals as
plain data (an exception of ours may not survive the trip) and large results through a file.
"""

from __future__ import annotations

import asyncio
import multiprocessing
import os
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from multiprocessing import forkserver
from typing import Any, TypeVar

T = TypeVar("T")

MAX_WORKERS = 2
NICE = 10  # the workers' priority below the server's (a file waits, a page does not)

_pool: ProcessPoolExecutor | None = None
_lock = threading.Lock()


def _start_worker(server_pid: int) -> None:
    """In each worker: it yields the processor to the server (whose requests are answered
    first), and it ends when the server is gone, killed without shutting its pool down
    (a waiting worker would otherwise wait for ever, and keep its fork server alive)."""
    os.nice(NICE)
    threading.Thread(target=_end_with, args=(server_pid,), daemon=True).start()


def _end_with(server_pid: int) -> None:
    while True:
        time.sleep(1)
        try:
            os.kill(server_pid, 0)
        except ProcessLookupError:
            os._exit(0)
        except PermissionError:  # another user's process took the number: the server is gone
            os._exit(0)


def _executor(fn: Callable[..., Any]) -> ProcessPoolExecutor:
    global _pool
    with _lock:
        if _pool is None:
            context = multiprocessing.get_context("forkserver")
            context.set_forkserver_preload([fn.__module__])
            _pool = ProcessPoolExecutor(
                max_workers=min(MAX_WORKERS, os.cpu_count() or 1),
                mp_context=context,
                initializer=_start_worker,
                initargs=(os.getpid(),),
                max_tasks_per_child=1,
            )
        return _pool


def _submit(fn: Callable[..., T], *args: Any) -> Future[T]:
    return _executor(fn).submit(fn, *args)


async def in_process(fn: Callable[..., T], *args: Any) -> T:
    """`fn(*args)` in a worker process; the event loop keeps answering meanwhile.

    Submitting is itself done in a thread: it may start the fork server, or wait for it to
    fork a process, and neither must hold the event loop."""
    future = await asyncio.to_thread(_submit, fn, *args)
    return await asyncio.wrap_future(future)


def warm(fn: Callable[..., Any]) -> None:
    """Starts the fork server (which imports `fn`'s module) before the first call needs it:
    called, in a thread, when a page that leads to such a call is shown."""
    _executor(fn)
    forkserver.ensure_running()


def shutdown() -> None:
    """Ends the worker processes (the app's shutdown; the command line's end)."""
    global _pool
    with _lock:
        pool, _pool = _pool, None
    if pool is not None:
        pool.shutdown(wait=True, cancel_futures=True)
