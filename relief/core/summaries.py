"""The one hook through which every write reaches the kept summary figures.

Every write ends with its audit entry, inside its transaction (`relief.core.audit.record`);
that function hands the change to `changed`, which runs the refreshers registered here: the
reports area's recounts the touched hamlets and rewrites their kept rows, the ledger's the
public books, so the figures are committed, or rolled back, with the write itself. Core knows
no area: it only carries the change. The refreshers are registered in one place, when the
database is opened (`relief.db.register_refreshers`, called by `init_db`: the app, every
command, the demo, the tests); a write in a process that registered none fails rather than
leave the kept figures behind.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Change:
    """What an audited write touched: the entity, and the places named before and after."""

    action: str
    entity: str
    entity_id: str | None
    commune_ids: frozenset[int] = frozenset()
    before: dict[str, Any] = field(default_factory=dict)
    after: dict[str, Any] = field(default_factory=dict)

    def named(self, key: str) -> set[int]:
        """The values of one field on either side (e.g. the old and the new hamlet)."""
        values = {self.before.get(key), self.after.get(key)}
        return {
            int(v) for v in values if isinstance(v, int) or (isinstance(v, str) and v.isdigit())
        }

    def listed(self, key: str) -> set[int]:
        """The ids a side lists under one key (e.g. the hamlets an import wrote to)."""
        values = [*(self.before.get(key) or []), *(self.after.get(key) or [])]
        return {int(v) for v in values if isinstance(v, int)}


Refresher = Callable[[Change], Awaitable[None]]
_refreshers: list[Refresher] = []


class NoRefresher(RuntimeError):
    """A write reached the kept figures' hook in a process that registered no refresher."""


def register(refresher: Refresher) -> None:
    """Adds a refresher (once); called by `relief.db.register_refreshers` only."""
    if refresher not in _refreshers:
        _refreshers.append(refresher)


def registered() -> tuple[Refresher, ...]:
    return tuple(_refreshers)


async def changed(change: Change) -> None:
    """Runs every refresher on an audited write, in its transaction. With none registered the
    write fails (and rolls back): its kept figures would silently fall behind the records."""
    if not _refreshers:
        raise NoRefresher(
            f"No summary refresher is registered for this {change.action} of {change.entity}: "
            "open the database with relief.db.init_db (or call relief.db.register_refreshers)."
        )
    for refresher in _refreshers:
        await refresher(change)
