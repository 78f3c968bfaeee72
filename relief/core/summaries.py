"""The one hook through which every write reaches the kept summary figures.

Every write ends with its audit entry, inside its transaction (`relief.core.audit.record`);
that function hands the change to `changed`, which runs the refreshers registered here. The
reports area registers the one that recounts the touched hamlets and rewrites their kept
rows, so the figures are committed, or rolled back, with the write itself. Core knows no area:
it only carries the change.
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


def register(refresher: Refresher) -> None:
    """Called once by the area that keeps figures (at model loading, so every process has it)."""
    if refresher not in _refreshers:
        _refreshers.append(refresher)


async def changed(change: Change) -> None:
    for refresher in _refreshers:
        await refresher(change)
