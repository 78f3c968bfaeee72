"""The app a test talks to, made once per process for its settings."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from litestar import Litestar

from relief.app import create_app
from relief.settings import Settings, activate

# Apps already made in this process, by their settings less the database and folders.
_apps: dict[Settings, Litestar] = {}


def app_for(settings: Settings) -> Litestar:
    """The app for these settings, made once per process (making one costs a third of a second
    of CPU, Litestar registering some 330 handlers) and then handed the given settings: the app
    reads its database and folders from `app.state.settings`, and the rest of the settings
    (secret, language, session length, https) is part of the key. Used by the test processes
    (tests/conftest.py) and by the servers forked for the tests (tests/servers.py)."""
    key = replace(settings, database_url="", var_dir=Path(), media_dir=Path())
    app = _apps.get(key)
    if app is None:
        app = _apps[key] = create_app(settings)
    app.state.settings = settings  # a test may have replaced them (tests/accounts/test_login)
    activate(settings)  # a test may have activated others (tests/houses/test_stage_minutes)
    return app
