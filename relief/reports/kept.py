"""Keeping the summary figures: move them by each write's change inside its transaction,
read them for the default views, check them against a full recount, rebuild them.

The two commonest writes of a campaign move the kept figures by their own change (a delta):
a damage assessment made or corrected moves its household's damage figures, a house case's
stage move its one house figure. Counting one household's or one case's part needs only its
own rows, so the write costs the same in a hamlet of 50 households or of 5,000. Every other
write recounts the hamlets it touched with the same aggregation the live views use
(relief.reports.figures), which keeps one definition of each figure; the deltas count a
household's or a case's part by those same rules (distinct live households, each case once at
its current stage), and the property test and `relief summaries check` hold both to a recount.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import UTC, date, datetime

from tortoise.backends.base.client import TransactionalDBClient
from tortoise.expressions import Q
from tortoise.transactions import in_transaction

from relief.aid.models import AidGiven
from relief.core import counts
from relief.core.summaries import Change
from relief.households import follow
from relief.households.models import DamageAssessment, Household
from relief.houses.models import Contribution, HouseCase, Stage
from relief.places.models import Commune, Hamlet
from relief.reports import figures, kept_totals
from relief.reports.figures import COMMUNE_WIDE, Figures, Places
from relief.reports.indicators import UNDER_CONSTRUCTION, Filters
from relief.reports.kept_totals import read_communes as read_communes
from relief.reports.kept_totals import read_provinces as read_provinces
from relief.reports.kept_totals import rollup as rollup
from relief.reports.models import SummaryDigest, SummaryFigure

WHOLE_COMMUNE = None


def _int(value: str | None) -> int | None:
    return int(value) if value and value.isdigit() else None


# What each audited entity's writes can change. A household write changes the damage figures
# (archived households leave them); moving it moves every record, hence every family.
FAMILIES_OF = {
    "household": frozenset({figures.DAMAGE}),
    "damage_assessment": frozenset({figures.DAMAGE}),
    "aid_given": frozenset({figures.AID}),
    "aid_visit": frozenset({figures.AID}),
    "house_case": frozenset({figures.HOUSES, figures.MONEY}),
    "contribution": frozenset({figures.MONEY}),
    "handover": frozenset({figures.HOUSES}),
    "import_batch": frozenset({figures.DAMAGE}),  # households and damage; moves: below
}


async def _hamlets_of(change: Change) -> set[int] | None:
    """The hamlets whose figures the write may have changed, before and after it.

    None: the whole commune (an import, or a counted record gone without naming its place).
    """
    entity, rid = change.entity, _int(change.entity_id)
    hamlets = change.named("hamlet_id")
    households = change.named("household_id")
    cases = change.named("house_case_id")
    if entity == "household":
        if not hamlets:  # an edit that did not move it: its current hamlet
            households.add(rid or 0)
    elif entity == "damage_assessment":
        households |= set(
            await DamageAssessment.filter(id=rid).values_list("household_id", flat=True)  # type: ignore[arg-type]  # flat=True: values, not tuples
        )
    elif entity == "aid_given":
        hamlets |= set(await AidGiven.filter(id=rid).values_list("hamlet_id", flat=True))  # type: ignore[arg-type]  # flat=True: values, not tuples
    elif entity == "aid_visit":
        hamlets |= set(await AidGiven.filter(visit_id=rid).values_list("hamlet_id", flat=True))  # type: ignore[arg-type]  # flat=True: values, not tuples
    elif entity == "house_case":
        cases.add(rid or 0)
    elif entity == "contribution":
        cases |= set(await Contribution.filter(id=rid).values_list("house_case_id", flat=True))  # type: ignore[arg-type]  # flat=True: values, not tuples
    elif entity == "handover":
        hamlets |= set(await HouseCase.filter(handover_id=rid).values_list("hamlet_id", flat=True))  # type: ignore[arg-type]  # flat=True: values, not tuples
    else:  # an import: its commune (`_imported`)
        return WHOLE_COMMUNE
    if households:
        found = Household.filter(id__in=sorted(households)).values_list("hamlet_id", flat=True)
        hamlets |= set(await found)  # type: ignore[arg-type]  # flat=True: values, not tuples
    if cases:
        hamlets |= set(
            await HouseCase.filter(id__in=sorted(cases)).values_list("hamlet_id", flat=True)  # type: ignore[arg-type]  # flat=True: values, not tuples
        )
    if not hamlets and entity != "aid_visit":
        # A counted record that is gone without naming its place (a delete): recount the
        # commune, which is always right.
        return WHOLE_COMMUNE
    return hamlets


async def refresh(change: Change) -> None:
    """Recounts the places a write touched and rewrites their kept rows (in its transaction)."""
    families = FAMILIES_OF.get(change.entity)
    if families is None:  # a user, a sponsor, a photo: no figure counts it
        return
    # A move (one household's, or an import chunk's that says it moved one) takes every
    # record of the family along: every family of figures is recounted.
    moved = len(change.named("hamlet_id")) > 1 or bool(change.after.get("moved"))
    if change.entity == "household" and change.action in ("create", "update") and not moved:
        return  # figures count a household's records: a new one has none, an edit moves none
    if change.entity == "import_batch":
        await _imported(change)
        return
    delta = await _delta(change)
    if delta is not None:
        await move_by(delta)
        return
    hamlets = await _hamlets_of(change)
    communes = set(change.commune_ids)
    if hamlets and (moved or not communes or change.entity == "import_batch"):
        # A move may cross communes: the old hamlet's commune is recounted too.
        communes |= set(
            await Hamlet.filter(id__in=sorted(hamlets)).values_list("commune_id", flat=True)  # type: ignore[arg-type]  # flat=True: values, not tuples
        )
    if communes:  # with no hamlet (a visit without gifts yet): the commune's own figures
        await rewrite(Places.of(communes, hamlets), figures.FAMILIES if moved else families)


# --- Moving the kept figures by a write's own change ------------------------------------------

Delta = dict[tuple[int, int], dict[str, int]]
# A write that names one of these moved its record to another place: recounted instead.
PLACE_FIELDS = frozenset({"household_id", "commune_id", "hamlet_id", "moved"})
DAMAGE_FIELDS = ("band", "relocated")  # what a household's damage figures read of a record
# What a case's house figure and its day started (while under construction) read of it.
HOUSE_FIELDS = ("programme", "kind", "stage", "started_on")
BUILDING = frozenset(stage.value for stage in UNDER_CONSTRUCTION)
HANDED_OVER = Stage.HANDED_OVER.value


async def _delta(change: Change) -> Delta | None:
    """The change of the kept figures that this write made, counted from the one household
    or case it touched; None when the write is not one of those moved by a delta (recounted).

    The record is read as the write left it; as it was before, it is that row with the audited
    values of `change.before` put back (a new record: absent)."""
    named = (set(change.before) | set(change.after)) - {"household_id"}
    if named & PLACE_FIELDS:
        return None
    rid = _int(change.entity_id)
    damage = change.entity == "damage_assessment" and change.action in ("create", "update")
    stage = change.entity == "house_case" and change.action == "stage"
    if rid is None or not change.commune_ids or not (damage or stage):
        return None
    # The commune first, then its rows: on PostgreSQL a second write to the same household
    # waits here for the first to commit, then reads its record (as a recount would).
    await lock_communes(change.commune_ids)
    return await (_damage_delta(change, rid) if damage else _house_delta(change, rid))


def _before(row: dict, change: Change, names: tuple[str, ...]) -> dict:
    return {**row, **{k: change.before[k] for k in names if k in change.before}}


def _subtract(after: Delta, before: Delta) -> Delta:
    out: Delta = defaultdict(dict)
    for place in set(after) | set(before):
        mine, was = after.get(place, {}), before.get(place, {})
        for name in set(mine) | set(was):
            if d := mine.get(name, 0) - was.get(name, 0):
                out[place][name] = d
    return dict(out)


def _household_damage(rows: list[dict]) -> Delta:
    """One household's part of the damage figures (figures._damage's rules for one
    household): affected, each band and relocated once at each place of its records."""
    out: Delta = defaultdict(dict)
    for row in rows:
        named = out[(row["commune_id"], row["hamlet_id"] or COMMUNE_WIDE)]
        named["affected"] = 1
        named[f"damage:{figures._value(row['band'])}"] = 1
        if row["relocated"]:
            named["relocated"] = 1
    return dict(out)


async def _damage_delta(change: Change, rid: int) -> Delta | None:
    if change.action == "update" and "household_id" in change.before:
        return None
    household = _int(str(change.after.get("household_id", "")))
    if household is None:
        found = await DamageAssessment.filter(id=rid).values_list("household_id", flat=True)
        if not found:
            return None
        household = found[0]  # type: ignore[assignment]  # flat=True: values, not tuples
    # The household's assessments and whether it is archived, in one plain statement.
    connection = DamageAssessment._meta.db
    mark = "$1" if connection.capabilities.dialect == "postgres" else "?"
    now = await connection.execute_query_dict(
        "SELECT d.id, d.commune_id, d.hamlet_id, d.band, d.relocated, "
        'h.archived_at IS NOT NULL AS archived FROM "damage_assessment" d '
        f'JOIN "household" h ON h.id = d.household_id WHERE d.household_id = {mark}',
        [household],
    )
    if not any(row["id"] == rid for row in now):
        return None  # gone meanwhile: recount
    if now[0]["archived"]:  # an archived household's records count nowhere, before or after
        return {}
    if change.action == "create":
        was = [row for row in now if row["id"] != rid]
    else:
        was = [_before(row, change, DAMAGE_FIELDS) if row["id"] == rid else row for row in now]
    return _subtract(_household_damage(now), _household_damage(was))


def _case_figure(row: dict) -> Delta:
    """One case's part of the house figures: its stage's count and, while it is under
    construction, its day started (figures._houses's rules for one case)."""
    stage = figures._value(row["stage"])
    name = f"house:{figures._value(row['programme'])}:{figures._value(row['kind'])}:{stage}"
    named = {name: 1}
    started = row["started_on"]
    if stage in BUILDING and started:  # a date, or its ISO text as the audit entry keeps it
        day = started if isinstance(started, str) else started.isoformat()
        named[f"{figures.STARTED_DAY}{day}"] = 1
    return {(row["commune_id"], row["hamlet_id"] or COMMUNE_WIDE): named}


async def _house_delta(change: Change, rid: int) -> Delta | None:
    """A stage move: the case leaves one house figure for another at its own place (its
    money stays where it is)."""
    connection = HouseCase._meta.db
    mark = "$1" if connection.capabilities.dialect == "postgres" else "?"
    found = await connection.execute_query_dict(
        "SELECT commune_id, hamlet_id, programme, kind, stage, started_on "
        f'FROM "house_case" WHERE id = {mark}',
        [rid],
    )
    if not found:
        return None
    now, was = found[0], _before(found[0], change, HOUSE_FIELDS)
    if HANDED_OVER in (figures._value(now["stage"]), figures._value(was["stage"])):
        return None  # its week of handover is counted too: recounted
    return _subtract(_case_figure(now), _case_figure(was))


async def move_by(delta: Delta) -> None:
    """Adds a write's delta to the kept rows (in its transaction): each count moved in place,
    a new one inserted, one that falls to 0 deleted (a recount keeps no zeros); and to their
    communes' and provinces' totals."""
    if not delta:
        return
    await lock_communes({c for c, _h in delta})
    for (c, h), named in sorted(delta.items()):
        for name, d in sorted(named.items()):
            key = {"commune_id": c, "hamlet_id": h, "name": name}
            await counts.add(SummaryFigure, key, {"value": d})
    await kept_totals.move(kept_totals.rollup(delta))


async def _imported(change: Change) -> None:
    """An import's commune recounted once, in its last transaction (the "import" entry), not
    in each of its pieces: a piece touches most of the commune's hamlets, and 400 recounts of
    a commune growing to 100,000 households took most of an import's time. An interrupted
    import's pieces are recounted when it is cancelled (or, resumed, at its end), a failed
    one's when it stops ("write_stopped")."""
    if change.action not in ("import", "cancel", "write_stopped"):
        return  # a piece ("import_chunk"), a resumption: recounted at the end
    moved = change.action != "import" or bool(change.after.get("moved"))
    communes = set(change.commune_ids)
    if communes:
        families = figures.FAMILIES if moved else FAMILIES_OF["import_batch"]
        await rewrite(Places.of(communes, WHOLE_COMMUNE), families)


async def lock_communes(communes: Iterable[int]) -> None:
    """On PostgreSQL, one writer at a time recounts a commune: the second waits for the first
    to commit, then recounts with its rows (read committed shows them to the new statement).
    NO KEY UPDATE leaves foreign-key checks on the commune free. SQLite writes one at a time."""
    connection = SummaryFigure._meta.db
    if connection.capabilities.dialect == "sqlite":
        return
    # A write's refreshers each lock the communes they move (a stage move: three times): a
    # transaction's connection remembers those it holds, until it ends, and locks only the rest.
    held: set[int] | None = None
    if isinstance(connection, TransactionalDBClient):
        held = connection.__dict__.setdefault("_relief_communes_locked", set())
    wanted = sorted(set(communes) - (held or set()))
    if not wanted:
        return
    # Models, not values_list(): Tortoise drops FOR UPDATE from a values query.
    await Commune.filter(id__in=wanted).order_by("id").select_for_update(no_key=True).only("id")
    if held is not None:
        held.update(wanted)


def _named(families: frozenset[str]) -> Q:
    """The kept rows of these families of figures."""
    conditions = []
    for family in families:
        names, prefixes = figures.family_names(family)
        if names:
            conditions.append(Q(name__in=sorted(names)))
        conditions.extend(Q(name__startswith=p) for p in prefixes)
    return Q(*conditions, join_type="OR")


async def rewrite(places: Places, families: frozenset[str] = figures.FAMILIES) -> None:
    """Replaces the kept rows of these places (and of hamlet 0 of their communes) by a
    recount of these families of figures."""
    assert places.communes is not None
    await lock_communes(places.communes)
    fresh = await figures.count(Filters(), places, families=families)
    old = SummaryFigure.filter(commune_id__in=sorted(places.communes))
    if places.hamlets is not None:
        old = old.filter(hamlet_id__in=sorted({*places.hamlets, COMMUNE_WIDE}))
    if families != figures.FAMILIES:
        old = old.filter(_named(families))
    was: Figures = defaultdict(dict)
    for c, h, name, value in await old.values_list("commune_id", "hamlet_id", "name", "value"):
        was[(c, h)][name] = value
    await old.delete()
    await _insert(fresh)
    # The communes' totals move by the difference between the rows replaced and the fresh ones.
    await kept_totals.move(kept_totals.rollup(_subtract(fresh, was)))


async def _insert(fresh: Figures) -> None:
    rows = [
        SummaryFigure(commune_id=c, hamlet_id=h, name=name, value=value)
        for (c, h), named in fresh.items()
        for name, value in named.items()
    ]
    if rows:
        await SummaryFigure.bulk_create(rows, batch_size=500)


async def read(communes: Iterable[int] | None = None) -> Figures:
    """The kept figures of some communes (None: all), per hamlet (hamlet 0: the commune).
    Read as plain rows: the ORM's conversion of each value cost more than the SQL."""
    ids = None if communes is None else sorted(communes)
    sql = "SELECT commune_id, hamlet_id, name, value FROM summary_figure"
    if ids is not None:
        sql += f" WHERE commune_id IN ({kept_totals.marks(ids)})"
    out: Figures = defaultdict(dict)
    for c, h, name, value in await kept_totals.select(sql, ids or []) if ids != [] else ():
        out[(c, h)][name] = value
    return dict(out)


async def read_commune(commune: int, late_before: date) -> Figures:
    """One commune's kept figures per hamlet for its page, its houses under construction per
    day started left out, and each hamlet's late houses as of `late_before` (the name
    kept_totals.LATE) summed from them in the same statement."""
    one, span = kept_totals.marks([commune]), kept_totals.late_range(late_before)
    again, start, end = (kept_totals.marks([0], i) for i in (2, 3, 4))
    sql = (
        "SELECT commune_id, hamlet_id, name, value FROM summary_figure "
        f"WHERE commune_id = {one} AND name NOT LIKE '{figures.STARTED_DAY}%' "
        f"UNION ALL SELECT commune_id, hamlet_id, '{kept_totals.LATE}', "
        "CAST(SUM(value) AS BIGINT) FROM summary_figure "
        f"WHERE commune_id = {again} AND name >= {start} AND name < {end} "
        "GROUP BY commune_id, hamlet_id"
    )
    out: Figures = defaultdict(dict)
    for c, h, name, value in await kept_totals.select(sql, [commune, commune, *span]):
        out[(c, h)][name] = value
    return dict(out)


async def differences() -> list[str]:
    """Every kept figure that differs from a recount of the records, and every record that
    did not follow its household, as readable lines."""
    recount = await figures.count(Filters(), Places())
    kept = await read()
    lines = await follow.misplaced()
    lines += await kept_totals.differences(recount)
    for place in sorted(set(recount) | set(kept)):
        mine, truth = kept.get(place, {}), recount.get(place, {})
        for name in sorted(set(mine) | set(truth)):
            if mine.get(name, 0) != truth.get(name, 0):
                c, h = place
                lines.append(
                    f"commune {c} hamlet {h or '-'} {name}: kept {mine.get(name, 0)}, "
                    f"recount {truth.get(name, 0)}"
                )
    return lines


DIGEST = "summary_figure"  # the row of summary_digest that describes the kept figures


async def stored_digest() -> str | None:
    """The digest of the definitions the kept figures were last rebuilt with (None: never)."""
    found = SummaryDigest.filter(name=DIGEST).first().values_list("digest", flat=True)
    return await found  # type: ignore[return-value]  # flat=True: the value, not a tuple


async def _rebuild(digest: str) -> int:
    """In the caller's transaction: every kept row rewritten from a recount, and the digest of
    the definitions they were counted with stored beside them."""
    await lock_communes(await Commune.all().values_list("id", flat=True))  # type: ignore[arg-type]  # flat=True: values, not tuples
    fresh = await figures.count(Filters(), Places())
    await SummaryFigure.all().delete()
    await _insert(fresh)
    await kept_totals.rewrite_all(kept_totals.rollup(fresh))
    await SummaryDigest.filter(name=DIGEST).delete()
    await SummaryDigest.create(name=DIGEST, digest=digest, rebuilt_at=datetime.now(UTC))
    return sum(len(named) for named in fresh.values())


KEPT_TABLES = ("summary_figure", "summary_commune_figure", "summary_province_change")


async def _analyze() -> None:
    """PostgreSQL's statistics of the kept tables, once rewritten whole. With those of the
    tables as they were (empty, on a new database), its planner read a province's communes
    on the national page by scanning every commune's rows of the country (10.8 ms at 100,000
    households, 0.7 ms with the statistics)."""
    connection = SummaryFigure._meta.db
    if connection.capabilities.dialect == "postgres":
        for table in KEPT_TABLES:
            await connection.execute_script(f"ANALYZE {table}")


async def rebuild() -> int:
    """Rewrites every kept row from a recount; returns how many rows it kept."""
    async with in_transaction():
        kept = await _rebuild(figures.digest())
    await _analyze()
    return kept


async def rebuild_if_changed() -> bool:
    """Run by `relief migrate` and at the server's start: rebuilds the kept figures when the
    digest stored beside them is not the code's (a figure added, or its counting changed: its
    kept rows would be missing or counted the old way), or none is stored (a database from
    before them). The same digest: one row read, nothing written."""
    code = figures.digest()
    if await stored_digest() == code:
        return False
    async with in_transaction():
        await lock_communes(await Commune.all().values_list("id", flat=True))  # type: ignore[arg-type]  # flat=True: values, not tuples
        if await stored_digest() == code:  # another process rebuilt them while this one waited
            return False
        await _rebuild(code)
    await _analyze()
    return True
