"""Pages of the commune's year lists: the lists in force by year, the poor and near-poor list
of a year ("Danh sách hộ nghèo, cận nghèo năm …") and the register ("Sổ theo dõi người có
công"), each with its rows that matched no household and the officer's answer to each."""

from __future__ import annotations

from typing import Any

from litestar import Controller, Request, get, post
from litestar.params import FromPath, FromQuery
from litestar.response import Redirect, Template

from relief.core.actor import Actor, CurrentActor
from relief.core.guards import requires
from relief.core.pages import Again, save_form
from relief.core.permissions import Can, can
from relief.households import register_flags, registers
from relief.households.models import RegisterKind
from relief.households.register_records import ENTRY_ANSWER

STAFF = requires(Can.read_records)
WRITERS = requires(Can.write_records)
ANSWERS_PER_PAGE = 20


async def year_page(
    actor: Actor,
    code: str,
    kind: RegisterKind,
    year: int,
    show: str = "all",
    page: int = 1,
    import_id: int | None = None,
    status: int = 200,
    **extra: Any,
) -> Template:
    """A year's list in force (or one of its imports replaced since): its rows (all, matched
    or unmatched, a page at a time), the imports of that year, and for the commune's officers
    the answer to each unmatched row of the list in force."""
    commune = await registers.commune_of(actor, code)
    found = await registers.year_list(actor, commune, kind, year, import_id)
    show = show if show in registers.SHOWN else "all"
    # Each unmatched row carries its form: fewer a page, so that a phone's page stays light.
    per_page = registers.PER_PAGE if show != "unmatched" else ANSWERS_PER_PAGE
    rows = await registers.entries(actor, found, show, page, per_page)
    context = {
        "commune": commune,
        "found": found,
        "kind": kind,
        "rows": rows,
        "show": show,
        "imports": await registers.imports_of_year(actor, commune, kind, year),
        "imported_on": registers.imported_on(found),
        "contacts": can(actor).see_contacts(commune.id),
        "may_answer": can(actor).write_commune(commune.id),
        "errors": {},
        "form": {},
        "answered": None,
        "problem": None,
        **extra,
    }
    return Template("households/register_year.html", context=context, status_code=status)


class RegisterViews(Controller):
    path = "/registers"
    tags = ["households"]
    guards = [STAFF]
    include_in_schema = False

    @get("/{commune_code:str}", operation_id="communeRegistersPage")
    async def index(self, actor: CurrentActor, commune_code: FromPath[str]) -> Template:
        """The commune's poor and near-poor lists and registers in force, by year."""
        commune = await registers.commune_of(actor, commune_code)
        context = {
            "commune": commune,
            "lists": await registers.lists_in_force(actor, commune),
            "may_import": can(actor).import_records and can(actor).write_commune(commune.id),
            "imported_on": registers.imported_on,
        }
        return Template("households/registers.html", context=context)

    @get("/{commune_code:str}/poverty/{register_year:int}", operation_id="povertyListPage")
    async def poverty(
        self,
        actor: CurrentActor,
        commune_code: FromPath[str],
        register_year: FromPath[int],
        show: FromQuery[str] = "all",
        page: FromQuery[int] = 1,
        import_id: FromQuery[int | None] = None,
    ) -> Template:
        """Danh sách hộ nghèo, cận nghèo năm …: the commune's list of that year in force."""
        return await year_page(
            actor, commune_code, RegisterKind.POVERTY, register_year, show, page, import_id
        )

    @get("/{commune_code:str}/merit/{register_year:int}", operation_id="meritRegisterPage")
    async def merit(
        self,
        actor: CurrentActor,
        commune_code: FromPath[str],
        register_year: FromPath[int],
        show: FromQuery[str] = "all",
        page: FromQuery[int] = 1,
        import_id: FromQuery[int | None] = None,
    ) -> Template:
        """Sổ theo dõi người có công: the commune's register of that year in force."""
        return await year_page(
            actor, commune_code, RegisterKind.MERIT, register_year, show, page, import_id
        )

    @post("/rows/{row_id:int}/answer", operation_id="answerRegisterRow", guards=[WRITERS])
    async def answer(
        self, actor: CurrentActor, row_id: FromPath[int], request: Request
    ) -> Template | Redirect:
        """Links a row that matched no household to its household, or keeps it unmatched
        with the reason."""
        entry = await registers.get_entry(actor, row_id)
        found = entry.register_list
        code = entry.commune.code
        back = f"{registers.list_url(found, code)}?show=unmatched"

        async def again(again: Again) -> Template:
            return await year_page(
                actor,
                code,
                found.kind,
                found.year,
                "unmatched",
                status=again.status,
                errors=again.errors,
                form=again.values,
                answered=entry.id,
                problem=again.problem,
            )

        return await save_form(
            request,
            actor,
            lambda raw: register_flags.answer_row(actor, row_id, ENTRY_ANSWER.form_patch(raw)),
            f"{back}&saved=1#row-{entry.id}",
            again,
        )
