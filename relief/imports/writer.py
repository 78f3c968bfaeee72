"""Writing a piece of a checked chunk in its own short transaction: bulk inserts, then the
updates, with their audit entries. An update goes through relief.core.versions, over the
version the preview read: a household saved by someone after the preview is not overwritten
but listed as a conflict in the import's report, with the file's values and the record's."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.fields.base import DatabaseDefault
from tortoise.models import Model

from relief.core import audit, versions
from relief.core.actor import Actor
from relief.core.audit import _plain
from relief.households import words
from relief.households.damage import AUDITED as DAMAGE_AUDITED
from relief.households.follow import move_records
from relief.households.models import DamageAssessment, Household
from relief.households.service import AUDITED as HOUSEHOLD_AUDITED
from relief.imports.models import ImportBatch
from relief.imports.rows import Row
from relief.imports.validation import (
    DAMAGE_FIELDS,
    HOUSEHOLD_FIELDS,
    SAVED_MEANWHILE,
    Outcome,
    changed_fields,
    describe,
    differences,
    household_values,
)
from relief.places.models import Hamlet

# Rows written per transaction. On SQLite every other request waits for the transaction to
# end: 2,000 rows held it for about a second on the 2-core machine while each piece also
# recounted its commune's kept figures, and 250 were chosen then. Recounted once per import
# now, and written by a few statements, 500 rows take well under 0.1 s of processor time:
# 200 transactions for 100,000 rows instead of 400 (each piece's fixed statements half as
# often), while another request still waits a moment at most.
WRITE_ROWS = 500


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


def _assessment(row: Row, household_id: int, disaster_id: int, now: datetime) -> dict[str, Any]:
    assert row.damage is not None and row.hamlet is not None
    values = {name: row.damage[name] for name in DAMAGE_FIELDS}
    return {
        "household_id": household_id,
        "disaster_id": disaster_id,
        "commune_id": row.hamlet.commune_id,
        "hamlet_id": row.hamlet.id,
        "created_at": now,
        "updated_at": now,
        **values,
    }


async def insert_many(
    model: type[Model], rows: list[dict[str, Any]], conn: BaseDBAsyncClient, *, with_id: bool
) -> None:
    """Rows inserted with one executemany, each converted by its fields as Tortoise's own
    insert does (checks included), without building a model instance per row: instances
    cost three quarters of an import's writing. The fields no row names take the defaults
    of one instance made of the first row. Every row names the same fields."""
    if not rows:
        return
    executor = conn.executor_class(model=model, db=conn)
    columns = executor.regular_columns_all if with_id else executor.regular_columns
    sql = executor.insert_query_all if with_id else executor.insert_query
    proto = model(**rows[0])
    defaults = {name: getattr(proto, name) for name in columns}
    if any(isinstance(v, DatabaseDefault) for v in defaults.values()):
        instances = [model(**row) for row in rows]  # the database's defaults: Tortoise's way
        await model.bulk_create(instances, batch_size=1000, using_db=conn)
        return
    fields = model._meta.fields_map
    given = [(name, name in rows[0], _converter(fields[name], proto)) for name in columns]
    values = [
        [convert(row[name] if named else defaults[name]) for name, named, convert in given]
        for row in rows
    ]
    await conn.execute_many(sql, values)


def _converter(field: Any, proto: Model) -> Callable[[Any], Any]:
    """A field's conversion to the database's value (Tortoise's `to_db_value`, its checks
    included), done once per distinct value of the rows (a piece's hamlets, genders, bands,
    dates and timestamps repeat); a value that is not hashable, or a field that sets the
    time itself, is converted each time."""
    to_db = field.to_db_value
    if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
        return lambda value: to_db(value, proto)
    memo: dict[tuple[type, Any], Any] = {}

    def convert(value: Any) -> Any:
        key = (type(value), value)
        try:
            return memo[key]
        except KeyError:
            memo[key] = converted = to_db(value, proto)
            return converted
        except TypeError:  # a list or a dict (a JSON field's)
            return to_db(value, proto)

    return convert


@dataclass
class Unwritten:
    """A row (or its damage part) that lost to a save made after the preview."""

    row: Row
    counted: list[str]  # the fields the report counted it as changing
    entry: dict[str, Any]  # what the report lists: the row, its household, the differences
    household_written: bool  # only its damage assessment lost


def _base(row: Row, household: Household) -> int:
    """The household's version the preview read; 0 (a save that always loses) when the
    preview matched another household or none: it was not shown to the officer."""
    seen = row.seen
    return seen.household_version if seen and seen.household_id == household.id else 0


def _damage_base(row: Row, found: DamageAssessment) -> int:
    seen = row.seen
    if seen is None or seen.damage_id != found.id or seen.damage_version is None:
        return 0
    return seen.damage_version


async def _hamlet_names(rows: list[Row], households: list[Household | None]) -> dict[int, str]:
    ids = {r.hamlet.id for r in rows if r.hamlet is not None}
    ids |= {h.hamlet_id for h in households if h is not None}
    return dict(await Hamlet.filter(id__in=sorted(ids)).values_list("id", "name"))


async def _unwritten(
    actor: Actor,
    batch: ImportBatch,
    lost: list[versions.Lost[Household]],
    lost_damage: list[versions.Lost[DamageAssessment]],
    rows: dict[int, tuple[Row, Household, DamageAssessment | None]],
) -> list[Unwritten]:
    """The rows that lost, each with every field where the file and the record now differ."""
    if not lost and not lost_damage:
        return []
    now: dict[int, DamageAssessment] = {}
    if batch.disaster_id is not None and lost:
        assessed = DamageAssessment.filter(
            household_id__in=[x.edit.record.id for x in lost], disaster_id=batch.disaster_id
        )
        now = {a.household_id: a for a in await assessed}
    picked = [rows[x.edit.record.id] for x in lost]
    picked += [rows[x.edit.record.household_id] for x in lost_damage]
    hamlets = await _hamlet_names([r for r, _, _ in picked], [x.record for x in lost])
    out: list[Unwritten] = []
    for x in lost:
        row, household, found = rows[x.edit.record.id]
        changes = differences(row, x.record, now.get(household.id), hamlets)
        out.append(_entry(actor, row, household, found, changes, written=False))
    for y in lost_damage:
        row, household, found = rows[y.edit.record.household_id]
        changes = differences(row, None, y.record, hamlets, household=False)
        out.append(_entry(actor, row, household, found, changes, written=True))
    return out


def _entry(
    actor: Actor,
    row: Row,
    household: Household,
    found: DamageAssessment | None,
    changes: list[dict[str, Any]],
    *,
    written: bool,
) -> Unwritten:
    counted = changed_fields(row, household, found)
    if written:
        counted = [n for n in counted if n not in HOUSEHOLD_FIELDS]
    entry = {
        "row": row.number,
        "fields": [c["field"] for c in changes],
        "changes": changes,
        "message": SAVED_MEANWHILE,
        **describe(actor, household),
    }
    return Unwritten(row, counted, entry, written)


async def write_chunk(
    actor: Actor, outcome: Outcome, batch: ImportBatch, conn: BaseDBAsyncClient
) -> list[Unwritten]:
    """One chunk in the caller's transaction: inserts, updates and their audit entries. A
    household, and then its damage assessment, is written only over the version the preview
    read (relief.core.versions): a row whose household lost is not written at all, one whose
    assessment lost keeps its household's part; both are returned for the report."""
    now = datetime.now(UTC)
    ids = IdBlock(conn)
    disaster_id = batch.disaster_id
    new_ids = await ids.take(len(outcome.create))
    households = []
    assessments = []
    for row, hid in zip(outcome.create, new_ids, strict=True):
        households.append(
            {"id": hid, "created_at": now, "updated_at": now, **household_values(row)}
        )
        if row.damage is not None and disaster_id is not None:
            assessments.append(_assessment(row, hid, disaster_id, now))
    await insert_many(Household, households, conn, with_id=True)
    edits: list[versions.Edit[Household]] = []
    for row, household, found in outcome.update:
        also: dict[str, Any] = {}
        if row.damage is not None and disaster_id is not None and found is None:
            also["damage"] = {n: _plain(row.damage[n]) for n in DAMAGE_FIELDS}
        edits.append(
            versions.Edit(
                household,
                _base(row, household),
                household_values(row),
                reason=f"import no. {batch.id}, row {row.number}",
                also=also,
            )
        )
    lost = await versions.save_many(
        actor, edits, entity="household", audited=HOUSEHOLD_AUDITED, recount=False
    )
    lost_ids = {x.edit.record.id for x in lost}
    written = [(r, h, f) for r, h, f in outcome.update if h.id not in lost_ids]
    # The search's words: of the new households from their rows (a new id has none to
    # replace: a household's words go with it), of those renamed or moved from the stored
    # names (the chunk's own audit entry recounts the kept figures, not the words).
    named = [(h["id"], h["commune_id"], h["head_name_key"]) for h in households]
    await words.write(named, conn, new=True)
    await words.keep(
        [
            h.id
            for r, h, _ in written
            if r.name_key != h.head_name_key
            or (r.hamlet is not None and r.hamlet.commune_id != h.commune_id)
        ],
        using_db=conn,
    )
    damage_edits: list[versions.Edit[DamageAssessment]] = []
    for row, household, found in written:
        if row.hamlet is not None and row.hamlet.id != household.hamlet_id:
            await move_records(household.id, row.hamlet.commune_id, row.hamlet.id)
        if row.damage is None or disaster_id is None:
            continue
        if found is None:
            assessments.append(_assessment(row, household.id, disaster_id, now))
        else:
            assert row.hamlet is not None  # household_values() above holds every row to one
            values = {name: row.damage[name] for name in DAMAGE_FIELDS}
            values["hamlet_id"] = row.hamlet.id
            reason = f"import no. {batch.id}, row {row.number}"
            damage_edits.append(
                versions.Edit(found, _damage_base(row, found), values, reason=reason)
            )
    lost_damage = await versions.save_many(
        actor, damage_edits, entity="damage_assessment", audited=DAMAGE_AUDITED, recount=False
    )
    await insert_many(DamageAssessment, assessments, conn, with_id=False)
    by_household = {h.id: (r, h, f) for r, h, f in outcome.update}
    unwritten = await _unwritten(actor, batch, lost, lost_damage, by_household)
    numbers = [r.number for r in outcome.create] + [r.number for r, _, _ in written]
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
                "updated": len(written),
                # A family moved to another hamlet takes its aid and house cases along.
                "moved": any(
                    r.hamlet is not None and r.hamlet.id != h.hamlet_id for r, h, _ in written
                ),
                # The hamlets whose summary figures this chunk changes (moves: old and new).
                "hamlet_ids": sorted(
                    {r.hamlet.id for r in outcome.create if r.hamlet is not None}
                    | {r.hamlet.id for r, _, _ in written if r.hamlet is not None}
                    | {h.hamlet_id for _, h, _ in written}
                ),
            },
        )
    return unwritten
