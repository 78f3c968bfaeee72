"""The collector kept to the objects a long piece of work makes (relief.core.heap)."""

from __future__ import annotations

import gc
import weakref

import pytest

from relief.core import heap


def test_the_heap_is_frozen_while_held_and_given_back_when_the_last_holder_ends():
    before = gc.get_freeze_count()
    with heap.young_only():
        frozen = gc.get_freeze_count()
        with heap.young_only():  # a second import meanwhile: the heap stays as it is
            assert heap.holders() == 2
        assert heap.holders() == 1 and gc.get_freeze_count() >= frozen > before
    assert heap.holders() == 0 and gc.get_freeze_count() == 0


def test_the_heap_is_given_back_when_the_work_fails():
    with pytest.raises(RuntimeError), heap.young_only():
        raise RuntimeError("stopped")
    assert heap.holders() == 0 and gc.get_freeze_count() == 0


def test_a_cycle_made_garbage_while_frozen_is_collected_after():
    class Node:
        me: object = None

    node = Node()
    node.me = node
    gone = weakref.ref(node)
    with heap.young_only():
        del node
        gc.collect()
        assert gone() is not None  # out of the collector's sight while frozen
    gc.collect()
    assert gone() is None
