"""What a commune officer's phone keeps for offline work: the commune's hamlets and households.

Only the officer's own commune, only live households, only what recognises a family (name,
hamlet, birth year, members); contact details only where the officer may see them.

Kept once, then by changes: the answer carries a cursor, and the next request sends it back
(`since`) to receive only the households written since (their `updated_at`, which every
write of a household sets, `versions.save` and the import's inserts included). A household
archived or moved to another commune is not among the changes: the answer's `count` and
`checksum` (the sum of the live ids) tell the phone that its list holds one too many, and the
phone asks for the whole list again. Rows are arrays in the order of `fields` (the accent-free
search key is made on the phone): 5,000 households weigh about 60 KB compressed
(docs/performance.md).
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from litestar.exceptions import ValidationException

from relief.core.actor import Actor
from relief.core.errors import Forbidden
from relief.core.permissions import can
from relief.core.scope import scoped
from relief.households.models import Household
from relief.places.models import Hamlet

FIELDS = ["id", "name", "hamlet_id", "birth_year", "members"]
CURSOR_FORMAT = "%Y-%m-%dT%H:%M:%S.%fZ"
# The cursor given is this much before the answer was read: a write whose transaction set its
# `updated_at` before the read but committed after it is sent again next time, not missed.
OVERLAP = timedelta(minutes=2)


def read_cursor(since: str | None) -> datetime | None:
    """The time a `since` cursor stands for; a cursor that is not one answers 400."""
    if since is None or since == "":
        return None
    try:
        return datetime.strptime(since, CURSOR_FORMAT).replace(tzinfo=UTC)
    except ValueError:
        raise ValidationException("since: not a cursor of /offline/households.json") from None


def cursor(at: datetime) -> str:
    return (at - OVERLAP).astimezone(UTC).strftime(CURSOR_FORMAT)


async def offline_list(actor: Actor, since: str | None = None) -> dict:
    if not can(actor).work_offline:
        raise Forbidden()
    after = read_cursor(since)
    now = datetime.now(UTC)
    hamlets = (
        await Hamlet.filter(commune_id=actor.commune_id).order_by("name").values_list("id", "name")
    )
    live = scoped(actor, Household).filter(archived_at=None)
    ids = await live.values_list("id", flat=True)
    changed = live if after is None else live.filter(updated_at__gte=after)
    rows = await changed.order_by("head_name_key", "id").values_list(
        "id", "head_name", "hamlet_id", "birth_year", "members"
    )
    return {
        "commune_id": actor.commune_id,
        "user_id": actor.user_id,
        "cursor": cursor(now),
        "full": after is None,
        "count": len(ids),
        "checksum": sum(ids),
        "hamlets": [{"id": i, "name": n} for i, n in hamlets],
        "fields": FIELDS,
        "households": [list(r) for r in rows],
    }
