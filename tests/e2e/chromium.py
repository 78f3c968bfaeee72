"""One Chromium per test process, started on first use and stopped before any other test.

Starting Playwright's driver and Chromium costs some 1.7 s of CPU, which each browser test file
used to pay. But Playwright's sync API keeps an event loop on the main thread while it runs, and
pytest-xdist may hand a worker other test files after its browser tests: tests/conftest.py
stops Chromium before any test that is not a browser test, and at the end of the session.
"""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Browser, Playwright, sync_playwright

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

_running: list[tuple[Playwright, Browser]] = []  # at most one


def browser() -> Browser:
    """The process's Chromium, started if it is not running."""
    if not _running:
        if not Path(CHROMIUM).exists():
            raise RuntimeError(f"{CHROMIUM} is missing: `make test` installs Debian's chromium")
        playwright = sync_playwright().start()
        _running.append(
            (playwright, playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS))
        )
    return _running[0][1]


def stop() -> None:
    """Closes Chromium and Playwright, giving the thread back to other event loops."""
    while _running:
        playwright, browser = _running.pop()
        browser.close()
        playwright.stop()
