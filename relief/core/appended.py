"""Kept sums appended, never updated in place, and folded now and then (issue 29).

A sum kept for a wide place (a province) that many writes move at once is not a row every write
updates: two writes in different communes would wait for each other on it, and a write that
already holds its commune's lock could deadlock with another on the province's row. Each write
appends its change as new rows instead (`append`); a sum is its rows summed when read. So that a
read stays a few rows per key whatever the number of writes, the write that appended folds a
part's rows into one row per key now and then (`fold`, once in `fold_one_in` writes on
average). On PostgreSQL a fold skips the rows another fold holds (`FOR UPDATE SKIP LOCKED`),
and does not see rows appended by writes not yet committed: each is folded later, and the sums
never change.

A table of appended sums is described once (`Appended`): its model, the columns naming a sum
(the first is the part a fold takes, a province), and the columns summed.
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from tortoise.models import Model

Key = tuple[Any, ...]
Changes = Mapping[Key, Mapping[str, int]]


@dataclass(frozen=True)
class Appended:
    model: type[Model]
    keys: tuple[str, ...]  # the columns naming a sum; the first, the part a fold takes
    values: tuple[str, ...]  # the columns summed
    fold_one_in: int = 16

    async def append(self, changes: Changes) -> None:
        """Appends these changes (key → column → amount) as new rows; nothing for a zero."""
        rows = [
            self.model(
                **dict(zip(self.keys, key, strict=True)),
                **{c: int(amounts.get(c, 0)) for c in self.values},
            )
            for key, amounts in sorted(changes.items())
            if any(amounts.get(c, 0) for c in self.values)
        ]
        if rows:
            await self.model.bulk_create(rows, batch_size=500)

    async def move(self, changes: Changes) -> None:
        """A write's changes appended, and each part they touched folded now and then."""
        await self.append(changes)
        for part in sorted({key[0] for key in changes}):
            if random.randrange(self.fold_one_in) == 0:
                await self.fold(part)

    async def fold(self, part: Any) -> None:
        """Replaces a part's appended rows by one row per key, their sum (see the module)."""
        columns = ("id", *self.keys, *self.values)
        found = await (
            self.model.filter(**{self.keys[0]: part})
            .select_for_update(skip_locked=True)  # a queryset of models: values() would lose it
            .only(*columns)
        )
        if len(found) < 2:
            return
        rows = [tuple(getattr(row, c) for c in columns) for row in found]
        await self.model.filter(id__in=[row[0] for row in rows]).delete()
        await self.append(_summed(rows, len(self.keys), self.values))

    async def sums(self) -> dict[Key, dict[str, int]]:
        """Every key's sums (zero sums left out): for a check against a recount."""
        rows = await self.model.all().values_list("id", *self.keys, *self.values)
        return {
            key: amounts
            for key, amounts in _summed(rows, len(self.keys), self.values).items()
            if any(amounts.values())
        }

    async def rewrite(self, sums: Changes) -> None:
        """Every row replaced by these sums (a rebuild, in its transaction)."""
        await self.model.all().delete()
        await self.append(sums)

    def differences(self, what: str, kept: Changes, truth: Changes) -> list[str]:
        """A line for each key whose kept sums are not its recount's."""
        zero = dict.fromkeys(self.values, 0)
        lines = []
        for key in sorted(set(kept) | set(truth)):
            mine = {**zero, **kept.get(key, {})}
            right = {**zero, **truth.get(key, {})}
            if mine != right:
                lines.append(f"{what} {key}: kept {mine}, recount {right}")
        return lines


def _summed(
    rows: Iterable[tuple], n_keys: int, values: tuple[str, ...]
) -> dict[Key, dict[str, int]]:
    """Rows (id, *keys, *values) summed per key."""
    out: dict[Key, list[int]] = {}
    for row in rows:
        key, amounts = tuple(row[1 : 1 + n_keys]), row[1 + n_keys :]
        target = out.setdefault(key, [0] * len(values))
        for i, amount in enumerate(amounts):
            target[i] += int(amount or 0)
    return {key: dict(zip(values, sums, strict=True)) for key, sums in out.items()}
