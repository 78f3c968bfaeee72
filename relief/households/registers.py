"""The commune's year lists as kept: the poor and near-poor list of each year and the register
of people with revolutionary service, read in scope, and a household's dated facts from them
(for its page and for the programmes' eligibility, relief.houses.eligibility).

A list is "in force" for its year once confirmed (relief.imports.registers); a later import of
the same year replaces it, and the one replaced stays readable. What the sources leave open is
in docs/domain.md, "The year's lists".
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from relief.core.actor import Actor
from relief.core.errors import NotFound
from relief.core.formatting import day, local_time
from relief.core.i18n import current_language, gettext
from relief.core.labels import label
from relief.core.paging import Paged, paginate
from relief.core.permissions import can
from relief.core.rows import columns, made
from relief.core.scope import in_scope, numbered, scoped
from relief.households.models import (
    Household,
    MeritKind,
    PovertyStatus,
    RegisterEntry,
    RegisterKind,
    RegisterList,
    RegisterStatus,
)
from relief.places.models import Commune

NO_SUCH_COMMUNE = "No such commune."
NO_LIST = "No list of this year has been imported."
NO_SUCH_ROW = "No such row."
PER_PAGE = 50
# Who on the register makes a household's flag (docs/domain.md): a martyr and a martyr's
# relative make a martyr's family; a relative of another person with revolutionary service
# makes neither (Decision 21/2024/QĐ-TTg names people with revolutionary service and martyrs'
# relatives); everyone else on it is a person with revolutionary service.
MARTYR_KINDS = frozenset({MeritKind.MARTYR, MeritKind.MARTYR_RELATIVE})
REVOLUTIONARY_KINDS = frozenset(MeritKind) - MARTYR_KINDS - {MeritKind.RELATIVE}
LISTED = (PovertyStatus.POOR, PovertyStatus.NEAR_POOR)

ON_LIST = {
    PovertyStatus.POOR: "Poor household on the list of {year} (imported on {date})",
    PovertyStatus.NEAR_POOR: "Near-poor household on the list of {year} (imported on {date})",
}
NOT_ON_LIST = "Not on the poor or near-poor list of {year} (imported on {date})"
ON_REGISTER = "{kind}, on the register of {year} (imported on {date})"
NOT_ON_REGISTER = (
    "Not on the register of people with revolutionary service of {year} (imported on {date})"
)


def register_flags(kinds: list[MeritKind]) -> dict[str, bool]:
    """The household's flags that these kinds of people on the register make."""
    return {
        "revolutionary_service": any(k in REVOLUTIONARY_KINDS for k in kinds),
        "martyr_family": any(k in MARTYR_KINDS for k in kinds),
    }


def imported_on(found: RegisterList) -> date:
    """The day the list was confirmed, in Vietnam."""
    moment = found.confirmed_at or found.created_at
    return local_time(moment).date()


# Reading, in scope -----------------------------------------------------------------------


async def commune_of(actor: Actor, code: str) -> Commune:
    """A commune whose lists the actor may read (another commune's: 404)."""
    commune = await scoped(actor, Commune).get_or_none(code=code)
    if commune is None or not can(actor).read_records or not can(actor).read_commune(commune.id):
        raise NotFound(NO_SUCH_COMMUNE)
    return commune


async def lists_in_force(actor: Actor, commune: Commune) -> dict[RegisterKind, list[RegisterList]]:
    """The commune's lists in force, by kind, the latest year first."""
    found: dict[RegisterKind, list[RegisterList]] = {kind: [] for kind in RegisterKind}
    current = scoped(actor, RegisterList).filter(
        commune_id=commune.id, status=RegisterStatus.CURRENT
    )
    for lst in await current.order_by("-year"):
        found[lst.kind].append(lst)
    return found


async def year_list(
    actor: Actor, commune: Commune, kind: RegisterKind, year: int, import_id: int | None = None
) -> RegisterList:
    """The commune's list of that kind and year in force, or the import `import_id` of that
    year, in force or replaced since (none: 404)."""
    qs = scoped(actor, RegisterList).filter(commune_id=commune.id, kind=kind, year=year)
    if import_id is None:
        found = await qs.filter(status=RegisterStatus.CURRENT).first()
    else:
        done = (RegisterStatus.CURRENT, RegisterStatus.SUPERSEDED)
        found = await qs.filter(id=import_id, status__in=done).first()
    if found is None:
        raise NotFound(NO_LIST)
    return found


async def imports_of_year(
    actor: Actor, commune: Commune, kind: RegisterKind, year: int
) -> list[RegisterList]:
    """Every confirmed import of that year, the one in force and those it replaced."""
    done = (RegisterStatus.CURRENT, RegisterStatus.SUPERSEDED)
    qs = scoped(actor, RegisterList).filter(
        commune_id=commune.id, kind=kind, year=year, status__in=done
    )
    return list(await qs.order_by("-id"))


async def get_list(actor: Actor, list_id: int) -> RegisterList:
    found = await scoped(actor, RegisterList).filter(id=list_id).select_related("commune").first()
    if found is None:
        raise NotFound(NO_LIST)
    return found


SHOWN = ("all", "matched", "unmatched")


async def entries(
    actor: Actor, found: RegisterList, show: str, page: int, per_page: int = PER_PAGE
) -> Paged[RegisterEntry]:
    """A page of a list's rows: all of them, the matched, or those that matched no household."""
    qs = scoped(actor, RegisterEntry).filter(register_list_id=found.id)
    if show == "matched":
        qs = qs.filter(household_id__isnull=False)
    elif show == "unmatched":
        qs = qs.filter(household_id__isnull=True)
    qs = qs.select_related("household", "household__hamlet").order_by("row", "id")
    return await paginate(qs, page, per_page)


async def get_entry(actor: Actor, entry_id: int) -> RegisterEntry:
    found = (
        await scoped(actor, RegisterEntry)
        .filter(id=entry_id)
        .select_related("register_list", "commune")
        .first()
    )
    if found is None:
        raise NotFound(NO_SUCH_ROW)
    return found


# A household's dated facts ------------------------------------------------------------------


@dataclass(frozen=True)
class PovertyFact:
    """What the poor and near-poor list of `year` says of a household."""

    year: int
    status: PovertyStatus | None  # None: not on it as poor or near-poor
    imported_on: date
    list_id: int


@dataclass(frozen=True)
class RegisterFact:
    """What the register of `year` says of a household: the kinds of its people on it."""

    year: int
    kinds: tuple[MeritKind, ...]
    imported_on: date
    list_id: int

    @property
    def flags(self) -> dict[str, bool]:
        return register_flags(list(self.kinds))


@dataclass(frozen=True)
class DatedFact:
    text: str  # translated
    url: str  # the list's page


def list_url(found: RegisterList, code: str) -> str:
    return f"/registers/{code}/{found.kind.value}/{found.year}"


@dataclass(frozen=True)
class HouseholdLists:
    """The commune's lists in force (latest year first) and the household's rows on each (by
    list, in row order), read once for the household page: its dated facts and the
    programmes' eligibility both read them (`household_lists`)."""

    lists: list[RegisterList]
    rows: dict[int, list[RegisterEntry]]

    def in_force(self, kind: RegisterKind, up_to: int, since: int | None = None):
        """The latest list of the kind of a year in the range (`since` to `up_to`)."""
        return next(
            (
                found
                for found in self.lists
                if found.kind is kind
                and found.year <= up_to
                and (since is None or found.year >= since)
            ),
            None,
        )


# What the household page reads of a list (not its preview, headers or report).
_LIST_COLUMNS = ("id", "kind", "year", "status", "commune_id", "confirmed_at", "created_at")


async def household_lists(actor: Actor | None, household: Household) -> HouseholdLists:
    """The lists of the household's commune in force, and its rows on them: one plain
    statement (issue 29). In the actor's scope for a page; `None` for the programmes' rules,
    which read the commune's lists whoever asks (a case is judged on the same facts)."""
    scope, values = in_scope(actor, RegisterList, "l") if actor is not None else ("1 = 1", [])
    listed = ", ".join(f'l."{c}" AS "l__{c}"' for c in _LIST_COLUMNS)
    sql = (
        f'SELECT {listed}, {columns(RegisterEntry, "r", "r__")} FROM "register_list" l '
        'LEFT JOIN "register_entry" r ON r.register_list_id = l.id AND r.household_id = ? '
        f'WHERE l.commune_id = ? AND l.status = ? AND {scope} ORDER BY l.year DESC, l.id, r."row"'
    )
    db = RegisterList._meta.db
    params = [household.id, household.commune_id, RegisterStatus.CURRENT.value, *values]
    lists: dict[int, RegisterList] = {}
    by_list: dict[int, list[RegisterEntry]] = {}
    for row in await db.execute_query_dict(numbered(sql, db.capabilities.dialect), params):
        if row["l__id"] not in lists:
            found = made(RegisterList, row, "l__")
            assert found is not None
            lists[found.id] = found
        if (entry := made(RegisterEntry, row, "r__")) is not None:
            by_list.setdefault(entry.register_list_id, []).append(entry)
    return HouseholdLists(list(lists.values()), by_list)


def poverty_of(read: HouseholdLists, year: int, list_years: int) -> PovertyFact | None:
    """The latest list of the household's commune that counts for `year` (its own year or one
    of the `list_years` - 1 before it), and the household's status on it; None when no list
    of those years was imported (the household's own fields then stand)."""
    found = read.in_force(RegisterKind.POVERTY, year, year - max(list_years, 1) + 1)
    if found is None:
        return None
    on = read.rows.get(found.id, [])
    listed = [str(r.poverty_status) for r in on if r.poverty_status in LISTED]
    status = PovertyStatus(listed[0]) if listed else None
    return PovertyFact(found.year, status, imported_on(found), found.id)


def register_of(read: HouseholdLists, year: int) -> RegisterFact | None:
    """The latest register of the household's commune of `year` or before, and the kinds of
    the household's people on it; None when none was imported."""
    found = read.in_force(RegisterKind.MERIT, year)
    if found is None:
        return None
    kinds = [r.merit_kind for r in read.rows.get(found.id, [])]
    held = tuple(dict.fromkeys(MeritKind(str(k)) for k in kinds if k))
    return RegisterFact(found.year, held, imported_on(found), found.id)


def dated_facts(read: HouseholdLists, commune_code: str) -> list[DatedFact]:
    """The household page's lines: on which year's lists it is (or is not), with the day each
    list was imported (e.g. "Hộ nghèo theo danh sách năm 2025 (nhập ngày 12/01/2025)"), from
    the lists read (of the household's commune, of this code)."""
    lists, by_list = read.lists, read.rows
    if not lists:
        return []
    lang = current_language.get()
    facts: list[DatedFact] = []
    latest: dict[RegisterKind, int] = {}
    for lst in lists:
        latest.setdefault(lst.kind, lst.year)
        when = {"year": lst.year, "date": day(imported_on(lst), lang)}
        url = list_url(lst, commune_code)
        on = by_list.get(lst.id, [])
        if lst.kind is RegisterKind.POVERTY:
            status = next((r.poverty_status for r in on if r.poverty_status in LISTED), None)
            if status is not None:
                facts.append(DatedFact(gettext(ON_LIST[status], **when), url))
            elif latest[lst.kind] == lst.year:
                facts.append(DatedFact(gettext(NOT_ON_LIST, **when), url))
        elif latest[lst.kind] == lst.year:  # the register in force only
            kinds = dict.fromkeys(r.merit_kind for r in on if r.merit_kind)
            for kind in kinds:
                facts.append(DatedFact(gettext(ON_REGISTER, kind=label(kind), **when), url))
            if not kinds:
                facts.append(DatedFact(gettext(NOT_ON_REGISTER, **when), url))
    return facts
