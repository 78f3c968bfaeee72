"""Writing a piece of a checked chunk in its own short transaction: bulk inserts, then the
updates, with their audit entries."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

from tortoise.backends.base.client import BaseDBAsyncClient

from relief.core import audit
from relief.core.actor import Actor
from relief.core.models import AuditEntry
from relief.households.follow import move_records
from relief.households.models import DamageAssessment, Household
from relief.imports.models import ImportBatch
from relief.imports.rows import Row
from relief.imports.validation import (
    DAMAGE_FIELDS,
    HOUSEHOLD_FIELDS,
    Outcome,
    changed_fields,
    household_values,
)

# Rows written per transaction. On SQLite every other request waits for the transaction to
# end, and 2,000 rows with their audit entries held it for about a second on the 2-core
# machine: 250 keep each wait to a small fraction of that.
WRITE_ROWS = 250


def pieces(outcome: Outcome, size: int = WRITE_ROWS) -> Iterator[Outcome]:
    """A checked chunk's writes in pieces of `size` rows, each for one short transaction."""
    for start in range(0, len(outcome.create), size):
        yield Outcome(create=outcome.create[start : start + size])
    for start in range(0, len(outcome.update), size):
        yield Outcome(update=outcome.update[start : start + size])


class IdBlock:
    """Household ids handed out by the import itself, so its damage rows need no read-back.

    PostgreSQL: taken from the table's sequence. SQLite: counted from the largest id, which
    is safe because the import's transaction already holds SQLite's write lock.
    """

    def __init__(self, conn: BaseDBAsyncClient) -> None:
        self.conn = conn
        self.next_id: int | None = None

    async def take(self, n: int) -> list[int]:
        if n == 0:
            return []
        if self.conn.capabilities.dialect == "postgres":
            sql = (
                "SELECT nextval(pg_get_serial_sequence('household', 'id')) AS id "
                "FROM generate_series(1, $1)"
            )
            rows = await self.conn.execute_query_dict(sql, [n])
            return [int(r["id"]) for r in rows]
        if self.next_id is None:
            rows = await self.conn.execute_query_dict("SELECT MAX(id) AS top FROM household")
            self.next_id = int(rows[0]["top"] or 0) + 1
        ids = list(range(self.next_id, self.next_id + n))
        self.next_id += n
        return ids


def _assessment(row: Row, household_id: int, disaster_id: int, now: datetime) -> DamageAssessment:
    assert row.damage is not None and row.hamlet is not None
    values = {name: row.damage[name] for name in DAMAGE_FIELDS}
    return DamageAssessment(
        household_id=household_id,
        disaster_id=disaster_id,
        commune_id=row.hamlet.commune_id,
        hamlet_id=row.hamlet.id,
        created_at=now,
        updated_at=now,
        **values,
    )


def _change(actor: Actor, batch: ImportBatch, row: Row, h: Household, found) -> AuditEntry:
    """The audit entry of one household updated by an import: its fields before and after."""
    names = changed_fields(row, h, found)
    values = household_values(row)
    before, after = {}, {}
    damage = row.damage or {}  # names hold its fields only when the row has damage
    for name in names:
        if name in HOUSEHOLD_FIELDS:
            before[name], after[name] = getattr(h, name), values[name]
        elif name == "damage":
            after[name] = {n: damage[n] for n in DAMAGE_FIELDS}
        else:
            before[name], after[name] = getattr(found, name), damage[name]
    plain = audit._plain
    return AuditEntry(
        user_id=actor.user_id,
        username=actor.username,
        ip=actor.ip,
        action="update",
        entity="household",
        entity_id=str(h.id),
        commune_id=h.commune_id,
        before={k: plain(v) for k, v in before.items()},
        after={k: plain(v) for k, v in after.items()},
        reason=f"import no. {batch.id}, row {row.number}",
    )


async def write_chunk(
    actor: Actor, outcome: Outcome, batch: ImportBatch, conn: BaseDBAsyncClient
) -> None:
    """One chunk in the caller's transaction: inserts, updates and their audit entries."""
    now = datetime.now(UTC)
    ids = IdBlock(conn)
    disaster_id = batch.disaster_id
    changes = [_change(actor, batch, r, h, f) for r, h, f in outcome.update]
    new_ids = await ids.take(len(outcome.create))
    households = []
    assessments = []
    for row, hid in zip(outcome.create, new_ids, strict=True):
        households.append(
            Household(id=hid, created_at=now, updated_at=now, **household_values(row))
        )
        if row.damage is not None and disaster_id is not None:
            assessments.append(_assessment(row, hid, disaster_id, now))
    if households:
        await Household.bulk_create(households, batch_size=1000, using_db=conn)
    for row, household, found in outcome.update:
        await (
            Household.filter(id=household.id)
            .using_db(conn)
            .update(**household_values(row), version=household.version + 1, updated_at=now)
        )
        if row.hamlet is not None and row.hamlet.id != household.hamlet_id:
            await move_records(household.id, row.hamlet.commune_id, row.hamlet.id)
        if row.damage is None or disaster_id is None:
            continue
        if found is None:
            assessments.append(_assessment(row, household.id, disaster_id, now))
        else:
            assert row.hamlet is not None  # household_values() above holds every row to one
            values = {name: row.damage[name] for name in DAMAGE_FIELDS}
            await (
                DamageAssessment.filter(id=found.id)
                .using_db(conn)
                .update(
                    **values, hamlet_id=row.hamlet.id, version=found.version + 1, updated_at=now
                )
            )
    if assessments:
        await DamageAssessment.bulk_create(assessments, batch_size=1000, using_db=conn)
    if changes:
        await AuditEntry.bulk_create(changes, batch_size=500, using_db=conn)
    numbers = [r.number for r in outcome.create] + [r.number for r, _, _ in outcome.update]
    if numbers:
        await audit.record(
            actor,
            "import_chunk",
            "import_batch",
            batch.id,
            commune_id=batch.commune_id,
            after={
                "rows": [min(numbers), max(numbers)],
                "created": len(outcome.create),
                "updated": len(outcome.update),
                # A family moved to another hamlet takes its aid and house cases along.
                "moved": any(
                    r.hamlet is not None and r.hamlet.id != h.hamlet_id
                    for r, h, _ in outcome.update
                ),
                # The hamlets whose summary figures this chunk changes (moves: old and new).
                "hamlet_ids": sorted(
                    {r.hamlet.id for r in outcome.create if r.hamlet is not None}
                    | {r.hamlet.id for r, _, _ in outcome.update if r.hamlet is not None}
                    | {h.hamlet_id for _, h, _ in outcome.update}
                ),
            },
        )
