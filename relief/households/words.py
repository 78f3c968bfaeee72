"""The words of each household head's name, kept for the search (issue 29).

A name is kept as its folded key from each of its words on: "Nguyễn Văn Thắng" as "nguyen van
thang", "van thang" and "thang" (`tails`). A search for a name typed with or without accents,
whole or the beginning of its words ("van th", "nguyen van"), is then a prefix range of an
index (`prefix_range`) instead of an infix LIKE over every name of the scope: its cost follows
the households it finds, not the size of the commune or province.

Kept in the household's own transaction: a household saved through the ORM (`post_save`:
the service's create, the demo), an audited update that changes the name or the commune
(`refresh`, registered with the kept figures' hook by relief.db), and an import's chunk
(`keep`, called by relief.imports.writer). `differences` recounts them for `relief summaries
check`, `rebuild` writes them all again.
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


def _rows(households: Iterable[tuple[int, int, str]]) -> list[HouseholdWord]:
    return [
        HouseholdWord(household_id=hid, commune_id=commune_id, tail=tail)
        for hid, commune_id, key in households
        for tail in tails(key or "")
    ]


async def keep(household_ids: Iterable[int], using_db: BaseDBAsyncClient | None = None) -> None:
    """Writes the words of these households again from their stored names."""
    ids = sorted(set(household_ids))
    for start in range(0, len(ids), BATCH):
        chunk = ids[start : start + BATCH]
        await HouseholdWord.filter(household_id__in=chunk).using_db(using_db).delete()
        found = await (
            Household.filter(id__in=chunk)
            .using_db(using_db)
            .values_list("id", "commune_id", "head_name_key")
        )
        rows = _rows(found)
        if rows:
            await HouseholdWord.bulk_create(rows, batch_size=1000, using_db=using_db)


@post_save(Household)
async def _saved(
    sender: type[Household],
    instance: Household,
    created: bool,
    using_db: BaseDBAsyncClient | None,
    update_fields: list[str],
) -> None:
    if created:  # a new household has no words yet: one plain INSERT of its own
        await _insert(instance, using_db or HouseholdWord._meta.db)
    elif not update_fields or {"head_name_key", "commune_id"} & set(update_fields):
        await HouseholdWord.filter(household_id=instance.id).using_db(using_db).delete()
        rows = _rows([(instance.id, instance.commune_id, instance.head_name_key)])
        if rows:
            await HouseholdWord.bulk_create(rows, using_db=using_db)


async def _insert(household: Household, connection: BaseDBAsyncClient) -> None:
    """A created household's words, in one parameterised statement (the query builder's
    bulk insert, after a delete of words it cannot have, cost a create more than the SQL)."""
    words = tails(household.head_name_key or "")
    if not words:
        return
    postgres = connection.capabilities.dialect == "postgres"
    rows = []
    for i in range(len(words)):
        marks = [f"${3 * i + k}" for k in (1, 2, 3)] if postgres else ["?"] * 3
        rows.append(f"({', '.join(marks)})")
    values = [v for tail in words for v in (household.id, household.commune_id, tail)]
    await connection.execute_query(
        'INSERT INTO "household_word" (household_id, commune_id, tail) VALUES ' + ", ".join(rows),
        values,
    )


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
