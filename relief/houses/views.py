"""HTML pages for house cases: list, opening, the case page (stages, money, photos), edits."""

from __future__ import annotations

from typing import Any

from litestar import Controller, Request, get, post
from litestar.datastructures import UploadFile
from litestar.params import FromPath, FromQuery
from litestar.response import File, Redirect, Template

from relief.core.actor import Actor, CurrentActor
from relief.core.formatting import local_today
from relief.core.forms import Form
from relief.core.guards import requires
from relief.core.pages import Again, ShowAgain, conflict_rows, save_form
from relief.core.permissions import Can, can
from relief.core.scope import scoped
from relief.core.sections import sections
from relief.households.models import Disaster
from relief.houses import funding, photos, programmes, service, stages
from relief.houses.api import UPLOAD_LIMIT, photo_file
from relief.houses.models import FundingSource, HouseKind, Programme, Stage
from relief.houses.records import CONTRIBUTION, HOUSE_CASE
from relief.places.models import Commune
from relief.sponsors.models import Sponsor


def _error_context(again: Again) -> dict[str, Any]:
    """A refused save as the page shows it: field errors, what changed meanwhile (a stale
    version), or a message with its details."""
    if again.status == 422:
        return {"errors": again.errors}
    if again.stale:
        conflict = conflict_rows(again)
        return {"errors": {}, "conflict": conflict, "conflict_message": again.message}
    return {"errors": {}, "problem": again.problem, "problem_details": again.details}


async def _choices() -> dict[str, Any]:
    return {
        "programmes": list(Programme),
        "kinds": list(HouseKind),
        "disasters": list(await Disaster.all().order_by("-starts_on")),
    }


def _chosen(values: dict[str, Any]) -> int | None:
    """The household chosen on a posted form, if it names one."""
    raw = str(values.get("household_id") or "").strip()
    return int(raw) if raw.isdigit() and len(raw) < 10 else None


HOUSEHOLD_CHOICES = 30  # more than this on a phone's list is a search, not a scroll


async def _household_choices(actor: Actor, q: str, chosen: int | None) -> dict[str, Any]:
    """The households to choose from (the chosen one kept), and whether a search would find more."""
    rows = await service.households_without_case(actor, q, HOUSEHOLD_CHOICES + 1, chosen)
    more = sum(h.id != chosen for h in rows) > HOUSEHOLD_CHOICES
    return {"households": rows[:-1] if more else rows, "q": q, "more_households": more}


async def case_page(actor: Actor, house_id: int, status: int = 200, **extra: Any) -> Template:
    """The case page, with whatever form error the last post left."""
    case = await service.get_case(actor, house_id)
    completing = stages.next_stage(case) is Stage.COMPLETED
    refused_by_rule = await stages.rule_problems_of(case) if completing else []
    context = {
        "case": case,
        "history": await service.stage_history(actor, house_id),
        "moves": stages.moves_for(actor, case),
        "funding": await funding.funding_of(actor, house_id),
        "contributions": await funding.list_contributions(actor, house_id),
        "photos": await photos.list_photos(actor, house_id),
        "photo_stages": photos.photo_stages(case),
        "problems": await stages.completion_problems(case) if completing else [],
        "rule_problems": refused_by_rule if can(actor).override_rules else [],
        "rule_refused": bool(refused_by_rule),
        "rule_source": programmes.rule_source(case.programme, case.kind),
        "progress": stages.progress(case),
        "sections": await sections("house", actor, case),  # of the areas above
        "sponsors": list(await scoped(actor, Sponsor).order_by("name_key")),
        "sources": list(FundingSource),
        "today": local_today(),
        "errors": {},
        "form": {},
        "focus": "",
    }
    context.update(extra)
    return Template(template_name="houses/detail.html", context=context, status_code=status)


def _case_again(actor: Actor, house_id: int, focus: str, keep_input: bool = True) -> ShowAgain:
    """The case page again, the refused form (`focus`) with its errors and input."""

    async def again(again: Again) -> Template:
        kept = {"form": again.values} if keep_input else {}
        return await case_page(
            actor, house_id, again.status, focus=focus, **kept, **_error_context(again)
        )

    return again


class HousesViews(Controller):
    path = "/"
    tags = ["houses"]
    include_in_schema = False

    @get("/houses", operation_id="housesPage", guards=[requires(Can.read_records)])
    async def index(
        self,
        actor: CurrentActor,
        commune_id: FromQuery[int | None] = None,
        stage: FromQuery[str | None] = None,
        kind: FromQuery[str | None] = None,
        programme: FromQuery[str | None] = None,
        sponsor_id: FromQuery[int | None] = None,
        q: FromQuery[str] = "",
        page: FromQuery[int] = 1,
    ) -> Template:
        """House cases in the user's scope, with filters."""
        f = service.CaseFilter(
            commune_id=commune_id,
            stage=Stage(stage) if stage in set(Stage) else None,
            kind=HouseKind(kind) if kind in set(HouseKind) else None,
            programme=Programme(programme) if programme in set(Programme) else None,
            sponsor_id=sponsor_id,
            q=q,
            page=page,
        )
        result = await service.list_cases(actor, f)
        communes = (
            []
            if can(actor).read_one_commune
            else list(await scoped(actor, Commune).filter(is_focus=True))
        )
        return Template(
            template_name="houses/list.html",
            context={
                "result": result,
                "f": f,
                "stages": list(Stage),
                "kinds": list(HouseKind),
                "programmes": list(Programme),
                "communes": communes,
                "progress": stages.progress,
            },
        )

    @get("/houses/new", operation_id="newHousePage", guards=[requires(Can.write_records)])
    async def new(
        self,
        actor: CurrentActor,
        q: FromQuery[str] = "",
        household_id: FromQuery[int | None] = None,
    ) -> Template:
        """The form to open a house case, with a search for the household."""
        return Template(
            template_name="houses/new.html",
            context={
                **await _household_choices(actor, q, household_id),
                "form": {"household_id": household_id or "", "proposed_on": local_today()},
                "errors": {},
                **await _choices(),
            },
        )

    @post("/houses/new", operation_id="openHousePage", guards=[requires(Can.write_records)])
    async def create(self, actor: CurrentActor, request: Request) -> Template | Redirect:
        """Opens the case, or shows the form again with every error next to its field."""

        async def open_case(data: dict[str, Any]) -> Any:
            return await service.open_case(actor, HOUSE_CASE.form(data))

        async def again(again: Again) -> Template:
            return Template(
                template_name="houses/new.html",
                context={
                    **await _household_choices(
                        actor, str(again.values.get("q") or ""), _chosen(again.values)
                    ),
                    "form": again.values,
                    **_error_context(again),
                    **await _choices(),
                },
                status_code=again.status,
            )

        return await save_form(request, actor, open_case, lambda case: f"/houses/{case.id}", again)

    @get("/houses/{house_id:int}", operation_id="housePage", guards=[requires(Can.read_records)])
    async def detail(self, actor: CurrentActor, house_id: FromPath[int]) -> Template:
        """One case: its stage and history, money by source, photos, and what can be done."""
        return await case_page(actor, house_id)

    @get(
        "/houses/{house_id:int}/edit",
        operation_id="editHousePage",
        guards=[requires(Can.write_records)],
    )
    async def edit(self, actor: CurrentActor, house_id: FromPath[int]) -> Template:
        """The form to correct a case's details."""
        case = await service.get_case(actor, house_id)
        form = HOUSE_CASE.form_values(case)
        return Template(
            template_name="houses/edit.html",
            context={"case": case, "form": form, "errors": {}, **await _choices()},
        )

    @post(
        "/houses/{house_id:int}/edit",
        operation_id="saveHousePage",
        guards=[requires(Can.write_records)],
    )
    async def save(
        self, actor: CurrentActor, house_id: FromPath[int], request: Request
    ) -> Template | Redirect:
        """Saves the corrected details (with the version the form was made from)."""
        case = await service.get_case(actor, house_id)

        async def update(data: dict[str, Any]) -> None:
            await service.update_case(actor, house_id, HOUSE_CASE.form_patch(data))

        async def again(again: Again) -> Template:
            return Template(
                template_name="houses/edit.html",
                context={
                    "case": case,
                    "form": again.values,
                    **_error_context(again),
                    **await _choices(),
                },
                status_code=again.status,
            )

        return await save_form(request, actor, update, f"/houses/{house_id}", again)

    @post(
        "/houses/{house_id:int}/stage",
        operation_id="moveHousePage",
        guards=[requires(Can.write_records)],
    )
    async def move(
        self, actor: CurrentActor, house_id: FromPath[int], request: Request
    ) -> Template | Redirect:
        """Moves the case if the stage machine allows it; otherwise says why, nothing changed."""

        async def move(data: dict[str, Any]) -> None:
            form = Form(data)
            to, on = form.raw("to") or None, form.date("on", required=True)
            version = form.integer("version")
            form.check()
            await stages.move_stage(
                actor,
                house_id,
                to,
                on,
                form.text("reason"),
                version,
                override=form.boolean("override"),
            )

        return await save_form(
            request, actor, move, f"/houses/{house_id}#stage", _case_again(actor, house_id, "stage")
        )

    @post(
        "/houses/{house_id:int}/contributions",
        operation_id="addContributionPage",
        guards=[requires(Can.write_records)],
    )
    async def add_contribution(
        self, actor: CurrentActor, house_id: FromPath[int], request: Request
    ) -> Template | Redirect:
        """Adds a contribution to the case."""

        async def add(data: dict[str, Any]) -> None:
            await funding.add_contribution(actor, house_id, CONTRIBUTION.form(data))

        return await save_form(
            request, actor, add, f"/houses/{house_id}#money", _case_again(actor, house_id, "money")
        )

    @post(
        "/contributions/{contribution_id:int}",
        operation_id="updateContributionPage",
        guards=[requires(Can.write_records)],
    )
    async def update_contribution(
        self, actor: CurrentActor, contribution_id: FromPath[int], request: Request
    ) -> Template | Redirect:
        """Records money disbursed on a contribution."""
        contribution = await funding.get_contribution(actor, contribution_id)
        house_id = contribution.house_case_id

        async def update(data: dict[str, Any]) -> None:
            patch = CONTRIBUTION.form_patch(data, only=("amount_pledged", "amount_disbursed"))
            await funding.update_contribution(actor, contribution_id, patch)

        async def again(again: Again) -> Template:
            ctx = _error_context(again)
            errors = ctx.pop("errors", {})
            return await case_page(
                actor,
                house_id,
                again.status,
                focus="money",
                row_errors={contribution_id: errors},
                **ctx,
            )

        return await save_form(request, actor, update, f"/houses/{house_id}#money", again)

    @post(
        "/houses/{house_id:int}/photos",
        operation_id="uploadPhotoPage",
        guards=[requires(Can.write_records)],
        request_max_body_size=UPLOAD_LIMIT,
    )
    async def upload(
        self, actor: CurrentActor, house_id: FromPath[int], request: Request
    ) -> Template | Redirect:
        """Adds a photo of the house at a stage."""
        raw_form = await request.form()
        upload = raw_form.get("file")
        raw = await upload.read() if isinstance(upload, UploadFile) else b""
        fields = {k: v for k, v in raw_form.items() if isinstance(v, str)}

        async def add(data: dict[str, Any]) -> None:
            form = Form(data)
            taken_on = form.date("taken_on")
            form.check()
            await photos.add_photo(
                actor,
                house_id,
                raw,
                request.app.state.settings.media_dir,
                stage=form.raw("stage") or None,
                caption=form.text("caption"),
                taken_on=taken_on,
            )

        again = _case_again(actor, house_id, "photos")  # the date and caption typed are kept
        return await save_form(
            request, actor, add, f"/houses/{house_id}#photos", again, data=fields
        )

    @get(
        "/photos/{photo_id:int}",
        operation_id="photoFile",
        guards=[requires(Can.read_records, Can.use_portal)],
    )
    async def photo(
        self,
        actor: CurrentActor,
        photo_id: FromPath[int],
        request: Request,
        size: FromQuery[str | None] = None,
    ) -> File:
        """A photo, only for users whose scope includes its house."""
        return await photo_file(actor, photo_id, size, request.app.state.settings.media_dir)
