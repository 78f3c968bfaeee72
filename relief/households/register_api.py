"""JSON API of the commune's year lists: the poor and near-poor list of a year and the register
in force, a page of rows at a time (read through the same services as the pages)."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

import msgspec
from litestar import Controller, get
from litestar.params import FromPath

from relief.core.actor import Actor, CurrentActor
from relief.core.api import READ_ONE, PageNo, PerPage
from relief.core.guards import requires
from relief.core.labels import label
from relief.core.permissions import Can, can
from relief.core.records import Record
from relief.households import registers
from relief.households.models import RegisterEntry, RegisterKind, RegisterList
from relief.households.register_records import REGISTER_ROW

STAFF = requires(Can.read_records)
_ROW = REGISTER_ROW.out_fields()
_RegisterRowOut = msgspec.defstruct(
    "RegisterRowOut",
    [
        ("id", int),
        ("row", int),
        *_ROW,  # as the file gave it (the ID number only under the contacts rule)
        ("kind_text", str),
        ("extra", dict[str, str]),
        ("household_id", int | None),
        ("household_url", str | None),
        ("match", str),
        ("match_label", str),
        ("note", str),
        ("version", int),
    ],
    bases=(Record,),
    module=__name__,
    kw_only=True,
)
if TYPE_CHECKING:

    class RegisterRowOut(Record): ...

else:
    RegisterRowOut = _RegisterRowOut


class RegisterListOut(msgspec.Struct, kw_only=True):
    """A commune's list of a year in force, and a page of its rows."""

    commune_code: str
    kind: str
    kind_label: str
    year: int
    import_id: int
    imported_on: date
    file_name: str
    total: int
    matched: int
    unmatched: int
    page: int
    pages: int
    items: list[RegisterRowOut]


def _row(entry: RegisterEntry, contacts: bool) -> RegisterRowOut:
    hid = entry.household_id
    return RegisterRowOut(
        id=entry.id,
        row=entry.row,
        **REGISTER_ROW.out_values(entry, contacts=contacts),
        kind_text=entry.kind_text,
        extra=dict(entry.extra or {}),
        household_id=hid,
        household_url=f"/households/{hid}" if hid else None,
        match=entry.match.value,
        match_label=label(entry.match),
        note=entry.note,
        version=entry.version,
    )


async def _list(
    actor: Actor, code: str, kind: RegisterKind, year: int, page: int, per_page: int
) -> RegisterListOut:
    commune = await registers.commune_of(actor, code)
    found: RegisterList = await registers.year_list(actor, commune, kind, year)
    rows = await registers.entries(actor, found, "all", page, per_page)
    contacts = can(actor).see_contacts(commune.id)
    return RegisterListOut(
        commune_code=commune.code,
        kind=kind.value,
        kind_label=label(kind),
        year=found.year,
        import_id=found.id,
        imported_on=registers.imported_on(found),
        file_name=found.file_name,
        total=rows.total,
        matched=found.matched,
        unmatched=found.unmatched,
        page=rows.page,
        pages=rows.pages,
        items=[_row(e, contacts) for e in rows.items],
    )


class RegistersApi(Controller):
    path = "/api/v1/registers"
    tags = ["households"]
    guards = [STAFF]

    @get(
        "/{commune_code:str}/poverty/{register_year:int}",
        operation_id="getPovertyList",
        responses=READ_ONE,
    )
    async def poverty(
        self,
        actor: CurrentActor,
        commune_code: FromPath[str],
        register_year: FromPath[int],
        page: PageNo = 1,
        per_page: PerPage = 100,
    ) -> RegisterListOut:
        """The commune's poor and near-poor list of that year in force (404: none imported,
        or a commune outside the caller's scope)."""
        return await _list(actor, commune_code, RegisterKind.POVERTY, register_year, page, per_page)

    @get(
        "/{commune_code:str}/merit/{register_year:int}",
        operation_id="getMeritRegister",
        responses=READ_ONE,
    )
    async def merit(
        self,
        actor: CurrentActor,
        commune_code: FromPath[str],
        register_year: FromPath[int],
        page: PageNo = 1,
        per_page: PerPage = 100,
    ) -> RegisterListOut:
        """The commune's register of people with revolutionary service of that year in force."""
        return await _list(actor, commune_code, RegisterKind.MERIT, register_year, page, per_page)
