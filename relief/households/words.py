"""The words of each household head's name, kept for the search (issue 29).

A name is kept as its folded key from each of its words on: "Nguyễn Văn Thắng" as "nguyen van
thang", "van thang" and "thang" (`tails`). A search for a name typed with or without accents,
whole or the beginning of its words ("van th", "nguyen van"), is then a prefix range of an
index (`prefix_range`) instead of an infix LIKE over every name of the scope: its cost follows
the households it finds, not the size of the commune or province.

Written in the household's own transaction, always by `write` (its old words deleted, the
new ones inserted by one statement): for a household saved through the ORM (`post_save`: the
service's create, the demo), an audited update that changes the name or the commune
(`refresh`, registered with the kept figures' hook by relief.db), an import's new households
(from their rows) and its renamed or moved ones (`keep`, from the stored names: both called
by relief.imports.writer). `differences` recounts them for `relief summaries check`,
`rebuild` writes them all again.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterable
from typing import Any

from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.signals import post_save

from relief.core.summaries import Change
from relief.households.models import Household, HouseholdWord

MAX_LENGTH = 120
BATCH = 5_000


def tails(name_key: str) -> list[str]:
    """The folded name from each of its words on, without repeats."""
    words = name_key.split()
    found = {" ".join(words[i:])[:MAX_LENGTH] for i in range(len(words))}
    return sorted(t for t in found if t)


def prefix_range(key: str) -> tuple[str, str]:
    """The bounds of the keys beginning with `key`: key <= tail < the next key after it.

    Compared as code points: SQLite's binary collation, and the "C" collation the column has on
    PostgreSQL (migration 0043)."""
    return key, key[:-1] + chr(ord(key[-1]) + 1)


async def write(
    households: Iterable[tuple[int, int, str | None]],
    using_db: BaseDBAsyncClient | None = None,
    *,
    new: bool = False,
) -> None:
    """The words of these households, each given as (id, commune id, folded name): their
    kept words deleted (not when `new`: households inserted in this transaction have none),
    then every word inserted by one executemany (as plain values: a model instance per word
    cost an import more than its households did)."""
    given = list(households)
    conn = using_db or HouseholdWord._meta.db
    if not new:
        for start in range(0, len(given), BATCH):
            ids = [hid for hid, _, _ in given[start : start + BATCH]]
            await HouseholdWord.filter(household_id__in=ids).using_db(conn).delete()
    rows = [
        {"household_id": hid, "commune_id": commune_id, "tail": tail}
        for hid, commune_id, key in given
        for tail in tails(key or "")
    ]
    if not rows:
        return
    executor = conn.executor_class(model=HouseholdWord, db=conn)
    columns = executor.regular_columns
    await conn.execute_many(executor.insert_query, [[r[c] for c in columns] for r in rows])


async def keep(household_ids: Iterable[int], using_db: BaseDBAsyncClient | None = None) -> None:
    """Writes the words of these households again from their stored names."""
    ids = sorted(set(household_ids))
    for start in range(0, len(ids), BATCH):
        chunk = ids[start : start + BATCH]
        found = await (
            Household.filter(id__in=chunk)
            .using_db(using_db)
            .values_list("id", "commune_id", "head_name_key")
        )
        await write(found, using_db)


@post_save(Household)
async def _saved(
    sender: type[Household],
    instance: Household,
    created: bool,
    using_db: BaseDBAsyncClient | None,
    update_fields: list[str],
) -> None:
    if created or not update_fields or {"head_name_key", "commune_id"} & set(update_fields):
        named = [(instance.id, instance.commune_id, instance.head_name_key)]
        await write(named, using_db, new=created)  # a new household has no words to delete


async def refresh(change: Change) -> None:
    """An audited write of a household that changed its name or commune (updates through
    relief.core.versions); a created one was kept by `post_save`."""
    if change.entity != "household" or change.action == "create" or not change.entity_id:
        return
    if not change.entity_id.isdigit():
        return
    if {"head_name", "commune_id"} & (set(change.after) | set(change.before)):
        await keep([int(change.entity_id)])


async def _batches() -> AsyncIterator[list[tuple[int, set[tuple[int, str]], set[tuple[int, str]]]]]:
    """The households in batches by id: each with its kept words and the words of its name."""
    last = 0
    while True:
        found: list[Any] = await (
            Household.filter(id__gt=last)
            .order_by("id")
            .limit(BATCH)
            .values_list("id", "commune_id", "head_name_key")
        )
        if not found:
            return
        kept: dict[int, set[tuple[int, str]]] = {}
        for hid, commune_id, tail in await HouseholdWord.filter(
            household_id__gte=found[0][0], household_id__lte=found[-1][0]
        ).values_list("household_id", "commune_id", "tail"):
            kept.setdefault(hid, set()).add((commune_id, tail))
        yield [
            (hid, kept.get(hid, set()), {(commune_id, t) for t in tails(key or "")})
            for hid, commune_id, key in found
        ]
        last = found[-1][0]


async def rebuild() -> int:
    """The words of every household whose kept words differ from its name's written again
    (words of no household cannot be: they go with it); returns how many were rewritten."""
    rewritten = 0
    async for batch in _batches():
        wrong = [hid for hid, kept, wanted in batch if kept != wanted]
        if wrong:
            await keep(wrong)
            rewritten += len(wrong)
    return rewritten


async def differences() -> list[str]:
    """Households whose kept words differ from their name's (at most 20 listed)."""
    out: list[str] = []
    async for batch in _batches():
        out += [
            f"household {hid}: its search words differ from its name"
            for hid, kept, wanted in batch
            if kept != wanted
        ]
        if len(out) >= 20:
            break
    return out[:20]
