"""The collector's passes kept to the objects a long piece of work makes (a large import).

The server's heap holds half a million objects that live as long as it does (modules,
classes, the ORM's models); a pass of the collector over the oldest generation looks at every
one of them, and the rows of a 100,000-row import, passing through the server a chunk at a
time, set off such a pass every few chunks: half of the server's part of a preview was them.
`young_only` moves the objects alive when the work starts out of the collector's sight
(`gc.freeze`) and gives them back when the last such work ends (`gc.unfreeze`): nothing is
lost, a cycle among them that became garbage meanwhile is collected after. Other requests'
objects made meanwhile are collected as before.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_holders = 0


@contextmanager
def young_only() -> Iterator[None]:
    """The collector looks only at objects made from now on, until the last holder ends."""
    global _holders
    with _lock:
        if _holders == 0:
            gc.freeze()
        _holders += 1
    try:
        yield
    finally:
        with _lock:
            _holders -= 1
            if _holders == 0:
                gc.unfreeze()


def holders() -> int:
    """How many pieces of work hold the heap frozen (for tests)."""
    return _holders
