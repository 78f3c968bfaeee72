"""The order in which the test files are handed to the workers: longest first.

`make test` runs the files on two workers (`--dist loadfile`, each file on one worker). Left to
itself pytest-xdist orders the files by their number of tests, so a file of one long test (the
phone walk over every page) came last and one worker ran it alone while the other had finished.
Here the files are ordered by the seconds each took in the last run, kept in pytest's cache,
longest first, so the many short files at the end even out the two workers ("longest processing
time first"). Browser files come after all others, so that a worker starts Chromium once
(tests/e2e/chromium.py) and the browsers do not run beside the API fuzzing, which `make test`
starts at the same time as the suite. `make test` passes `--no-loadscope-reorder` so that xdist
keeps this order.
"""

from __future__ import annotations

from collections import Counter, defaultdict

import pytest

CACHE_KEY = "relief/seconds-per-file"
UNTIMED = 0.1  # seconds per test of a file not timed yet (a new file, a new clone)


def file_of(item_or_report) -> str:
    """The file of a test, as pytest-xdist's `loadfile` groups them."""
    return item_or_report.nodeid.split("::", 1)[0]


def is_browser(item: pytest.Item) -> bool:
    return "/e2e/" in str(item.fspath)


def order(items: list[pytest.Item], config: pytest.Config) -> None:
    """Browser files last; each group longest first, the tests of a file kept in their order."""
    cache = getattr(config, "cache", None)
    seconds = cache.get(CACHE_KEY, {}) if cache is not None else {}
    tests = Counter(file_of(item) for item in items)

    def cost(path: str) -> float:
        return seconds.get(path, UNTIMED * tests[path])

    items.sort(key=lambda item: (is_browser(item), -cost(file_of(item)), file_of(item)))


class Timings:
    """Seconds per file (setup, call and teardown of its tests), saved when the run ends."""

    def __init__(self) -> None:
        self.seconds: defaultdict[str, float] = defaultdict(float)

    def add(self, report: pytest.TestReport) -> None:
        self.seconds[file_of(report)] += report.duration

    def save(self, session: pytest.Session) -> None:
        config = session.config
        cache = getattr(config, "cache", None)
        # The workers report to the controller, which saves; an interrupted run is not kept.
        if cache is None or hasattr(config, "workerinput") or session.shouldstop:
            return
        if not self.seconds:
            return
        kept = cache.get(CACHE_KEY, {})
        kept.update({path: round(s, 2) for path, s in self.seconds.items()})
        cache.set(CACHE_KEY, kept)
