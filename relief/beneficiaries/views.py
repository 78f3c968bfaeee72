"""Pages of the beneficiary lists: the commune's lists, a new draft, a list with its next
step, the complaints register. Each form is saved by `save_form` and shown again on the
list's page with its errors (422) or what is in the way (409)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from litestar import Controller, Request, get, post
from litestar.datastructures import UploadFile
from litestar.params import FromPath, FromQuery
from litestar.response import File, Redirect, Template

from relief.beneficiaries import complaints, scans, service, steps
from relief.beneficiaries.api import SCAN_UPLOAD_LIMIT, scan_response
from relief.beneficiaries.models import ComplaintChannel, ComplaintOutcome, ListState
from relief.beneficiaries.records import ANSWER, COMPLAINT, DECISION, ENTRY, LIST, POSTING, REVIEW
from relief.core.actor import Actor, CurrentActor
from relief.core.errors import NotFound
from relief.core.formatting import local_today
from relief.core.guards import requires
from relief.core.pages import Again, save_form
from relief.core.permissions import Can, can
from relief.households.models import DamageAssessment, Disaster, Household
from relief.households.search import pick_households
from relief.houses.models import Programme

FOUND_AT_MOST = 20  # households offered to add after a search; a narrower search finds others


async def _found(actor: Actor, view: Any, find: str) -> list[Household]:
    """The commune's households matching `find` (a name, accents optional, or an ID number),
    those already on the list left out: what the officer chooses from to add one."""
    on_list = [e.household_id for e in view.entries]
    return await pick_households(actor, view.blist.commune_id, find, on_list, FOUND_AT_MOST)


async def _page(
    actor: Actor, list_id: int, status: int = 200, find: str = "", **extra: Any
) -> Template:
    """A list with everything hung on it, and the form of its next step."""
    view = await service.list_view(actor, list_id)
    form = extra.get("form") or {}
    find = find or str(form.get("find") or "")
    today = local_today()
    context: dict[str, Any] = {
        "view": view,
        "blist": view.blist,
        "may_write": can(actor).write_commune(view.blist.commune_id),
        "states": list(ListState),
        "channels": [c for c in ComplaintChannel if c != ComplaintChannel.PUBLIC_PAGE],
        "outcomes": [o for o in ComplaintOutcome if o != ComplaintOutcome.PENDING],
        "today": today,
        # Cases of the named households opened since the decision, to approve by it.
        "to_approve": await steps.cases_to_approve(view.blist) if view.decision else [],
        "form": {},
        "errors": {},
        "problem": None,
        "where": "",
        "scan_mb": scans.max_mb(),
        "find": find,
        "found": await _found(actor, view, find),
    }
    context.update(extra)
    return Template("beneficiaries/list.html", context=context, status_code=status)


def _again(actor: Actor, list_id: int, where: str) -> Callable[[Again], Awaitable[Template]]:
    """The list's page again, the form at `where` keeping what was typed, with its errors."""

    async def again(again: Again) -> Template:
        return await _page(
            actor,
            list_id,
            again.status,
            form=again.values,
            errors=again.errors,
            problem=again.problem,
            where=where,
        )

    return again


async def _new_page(actor: Actor, status: int = 200, **extra: Any) -> Template:
    commune_id = can(actor).home_commune
    households: list[Household] = []
    damage: dict[int, DamageAssessment] = {}
    if commune_id is not None:
        households = list(
            await Household.filter(commune_id=commune_id, archived_at__isnull=True)
            .select_related("hamlet")
            .order_by("hamlet__name", "head_name_key", "id")
            .limit(1000)
        )
        for found in await DamageAssessment.filter(commune_id=commune_id).order_by(
            "assessed_on", "id"
        ):
            damage[found.household_id] = found
    context: dict[str, Any] = {
        "households": households,
        "damage": damage,
        "programmes": list(Programme),
        "disasters": list(await Disaster.all().order_by("-starts_on").limit(20)),
        "form": {"year": str(local_today().year), "round": "1"},
        "errors": {},
        "problem": None,
    }
    context.update(extra)
    return Template("beneficiaries/new.html", context=context, status_code=status)


async def _scan_form(request: Request) -> tuple[bytes | None, dict[str, Any]]:
    """A form with the scan's file: its bytes (None when no file was chosen) and its other
    fields."""
    form = await request.form()
    upload = form.get(scans.FIELD)
    raw = await upload.read() if isinstance(upload, UploadFile) else None
    fields = {k: v for k, v in form.items() if isinstance(v, str)}
    return raw or None, fields


PAPERS = {
    "review": "beneficiaries/paper_review.html",
    "posting": "beneficiaries/paper_posting.html",
    "posting-end": "beneficiaries/paper_posting_end.html",
    "annex": "beneficiaries/paper_annex.html",
}


class ListViews(Controller):
    path = "/lists"
    tags = ["beneficiaries"]
    include_in_schema = False
    guards = [requires(Can.read_records)]

    @get("/", operation_id="beneficiaryListsPage")
    async def index(self, actor: CurrentActor) -> Template:
        """The lists of the actor's commune (the province: of every commune)."""
        lists = await service.list_lists(actor)
        return Template(
            "beneficiaries/index.html",
            context={"lists": lists, "may_draft": can(actor).home_commune is not None},
        )

    @get("/new", operation_id="newBeneficiaryListForm", guards=[requires(Can.write_records)])
    async def new(self, actor: CurrentActor) -> Template:
        """A new draft: the programme, the round, and the commune's households to put on it."""
        return await _new_page(actor)

    @post("/", operation_id="createBeneficiaryListPage", guards=[requires(Can.write_records)])
    async def create(self, actor: CurrentActor, request: Request) -> Template | Redirect:
        """Drafts a list of the officer's commune."""

        async def save(data: dict) -> Any:
            return await service.draft_list(actor, LIST.form(data))

        async def again(again: Again) -> Template:
            return await _new_page(
                actor, again.status, form=again.values, errors=again.errors, problem=again.problem
            )

        return await save_form(request, actor, save, lambda made: f"/lists/{made.id}", again)

    @get("/complaints", operation_id="complaintsRegisterPage")
    async def register(self, actor: CurrentActor) -> Template:
        """The complaints register: every complaint about the actor's lists, newest first."""
        return Template(
            "beneficiaries/complaints.html",
            context={"complaints": await complaints.register(actor)},
        )

    @get("/{list_id:int}", operation_id="beneficiaryListPage")
    async def detail(
        self, actor: CurrentActor, list_id: FromPath[int], find: FromQuery[str] = ""
    ) -> Template:
        """A list: its state, entries, reviews, posting, complaints, decision and revisions;
        `find` searches the commune's households to add one."""
        return await _page(actor, list_id, find=find)

    @get("/{list_id:int}/papers/{paper:str}", operation_id="beneficiaryListPaper")
    async def paper(
        self,
        actor: CurrentActor,
        list_id: FromPath[int],
        paper: FromPath[str],
        hamlet: FromQuery[int | None] = None,
    ) -> Template:
        """A paper of the list, printed on A4: a hamlet's review minutes (`hamlet`), the
        posting minutes, the end-of-posting minutes, the list annexed to the decision."""
        view = await service.list_view(actor, list_id)
        if paper not in PAPERS:
            raise NotFound()
        review = None
        if paper == "review":
            review = view.review_of(hamlet) if hamlet is not None else None
            if review is None and view.reviews:
                review = view.reviews[0]
            if review is None:
                raise NotFound()
        if paper.startswith("posting") and view.posting is None:
            raise NotFound()
        context = {"view": view, "blist": view.blist, "review": review, "today": local_today()}
        return Template(PAPERS[paper], context=context)

    @post(
        "/{list_id:int}/entries",
        operation_id="addBeneficiaryEntryPage",
        guards=[requires(Can.write_records)],
    )
    async def add_entry(
        self, actor: CurrentActor, list_id: FromPath[int], request: Request
    ) -> Template | Redirect:
        """Adds a household to the list (after posting: with the reason)."""

        async def save(data: dict) -> Any:
            return await service.add_entry(actor, list_id, ENTRY.form(data))

        return await save_form(
            request, actor, save, f"/lists/{list_id}#entries", _again(actor, list_id, "add")
        )

    @post(
        "/entries/{entry_id:int}",
        operation_id="updateBeneficiaryEntryPage",
        guards=[requires(Can.write_records)],
    )
    async def update_entry(
        self, actor: CurrentActor, entry_id: FromPath[int], request: Request
    ) -> Template | Redirect:
        """Corrects the support or note of an entry (after posting: with the reason)."""
        entry = await service.get_entry(actor, entry_id)
        list_id = entry.beneficiary_list_id

        async def save(data: dict) -> Any:
            only = ("proposed_amount", "note", "reason", "complaint_id")
            return await service.update_entry(actor, entry_id, ENTRY.form_patch(data, only=only))

        again = _again(actor, list_id, f"entry-{entry_id}")
        return await save_form(request, actor, save, f"/lists/{list_id}#entries", again)

    @post(
        "/entries/{entry_id:int}/remove",
        operation_id="removeBeneficiaryEntryPage",
        guards=[requires(Can.write_records)],
    )
    async def remove_entry(
        self, actor: CurrentActor, entry_id: FromPath[int], request: Request
    ) -> Template | Redirect:
        """Takes a household off the list (after posting: with the reason)."""
        entry = await service.get_entry(actor, entry_id)
        list_id = entry.beneficiary_list_id

        async def save(data: dict) -> Any:
            return await service.remove_entry(
                actor, entry_id, data.get("version"), str(data.get("reason") or "")
            )

        again = _again(actor, list_id, f"entry-{entry_id}")
        return await save_form(request, actor, save, f"/lists/{list_id}#entries", again)

    @post(
        "/{list_id:int}/send-to-review",
        operation_id="sendBeneficiaryListToReviewPage",
        guards=[requires(Can.write_records)],
    )
    async def send_to_review(
        self, actor: CurrentActor, list_id: FromPath[int], request: Request
    ) -> Template | Redirect:
        """Closes the draft: the hamlets review it now."""

        async def save(data: dict) -> Any:
            return await steps.send_to_review(actor, list_id, data.get("version"))

        return await save_form(
            request, actor, save, f"/lists/{list_id}", _again(actor, list_id, "step")
        )

    @post(
        "/{list_id:int}/reviews",
        operation_id="recordHamletReviewPage",
        guards=[requires(Can.write_records)],
    )
    async def review(
        self, actor: CurrentActor, list_id: FromPath[int], request: Request
    ) -> Template | Redirect:
        """Records a hamlet's review meeting and its verdict on each of its households."""

        async def save(data: dict) -> Any:
            return await steps.record_review(actor, list_id, REVIEW.form(data))

        return await save_form(
            request, actor, save, f"/lists/{list_id}#reviews", _again(actor, list_id, "review")
        )

    @post(
        "/{list_id:int}/posting",
        operation_id="postBeneficiaryListPage",
        guards=[requires(Can.write_records)],
    )
    async def post_list(
        self, actor: CurrentActor, list_id: FromPath[int], request: Request
    ) -> Template | Redirect:
        """Posts the list publicly, once every hamlet has reviewed it."""

        async def save(data: dict) -> Any:
            return await steps.post_list(actor, list_id, data.get("version"), POSTING.form(data))

        return await save_form(
            request, actor, save, f"/lists/{list_id}", _again(actor, list_id, "step")
        )

    @post(
        "/{list_id:int}/complaints",
        operation_id="recordListComplaintPage",
        guards=[requires(Can.write_records)],
    )
    async def complaint(
        self, actor: CurrentActor, list_id: FromPath[int], request: Request
    ) -> Template | Redirect:
        """Records a complaint received by letter, call or in person."""

        async def save(data: dict) -> Any:
            return await complaints.record_complaint(actor, list_id, COMPLAINT.form(data))

        return await save_form(
            request,
            actor,
            save,
            f"/lists/{list_id}#complaints",
            _again(actor, list_id, "complaint"),
        )

    @post(
        "/complaints/{complaint_id:int}/answer",
        operation_id="answerListComplaintPage",
        guards=[requires(Can.write_records)],
    )
    async def answer(
        self, actor: CurrentActor, complaint_id: FromPath[int], request: Request
    ) -> Template | Redirect:
        """Answers a complaint with its outcome."""
        found = await complaints.get_complaint(actor, complaint_id)
        list_id = found.beneficiary_list_id

        async def save(data: dict) -> Any:
            return await complaints.answer_complaint(actor, complaint_id, ANSWER.form_patch(data))

        again = _again(actor, list_id, f"answer-{complaint_id}")
        return await save_form(request, actor, save, f"/lists/{list_id}#complaints", again)

    @post(
        "/{list_id:int}/submit",
        operation_id="submitBeneficiaryListPage",
        guards=[requires(Can.write_records)],
    )
    async def submit(
        self, actor: CurrentActor, list_id: FromPath[int], request: Request
    ) -> Template | Redirect:
        """Submits the list to the commune People's Committee."""

        async def save(data: dict) -> Any:
            return await steps.submit_list(actor, list_id, data.get("version"))

        return await save_form(
            request, actor, save, f"/lists/{list_id}", _again(actor, list_id, "step")
        )

    @post(
        "/{list_id:int}/decision",
        operation_id="decideBeneficiaryListPage",
        guards=[requires(Can.write_records)],
        request_max_body_size=SCAN_UPLOAD_LIMIT,
    )
    async def decide(
        self, actor: CurrentActor, list_id: FromPath[int], request: Request
    ) -> Template | Redirect:
        """Records the People's Committee's decision, which locks the list, with the scan of
        its signed paper if one is chosen."""
        raw, fields = await _scan_form(request)
        media_dir = request.app.state.settings.media_dir

        async def save(data: dict) -> Any:
            return await scans.decide(
                actor, list_id, data.get("version"), DECISION.form(data), raw, media_dir
            )

        again = _again(actor, list_id, "step")
        return await save_form(request, actor, save, f"/lists/{list_id}", again, data=fields)

    @get("/decisions/{decision_id:int}/scan", operation_id="decisionScanFile")
    async def scan(self, actor: CurrentActor, decision_id: FromPath[int], request: Request) -> File:
        """The scan of the signed decision, only for staff who read the list."""
        return await scan_response(actor, decision_id, request)

    @post(
        "/decisions/{decision_id:int}/scan",
        operation_id="replaceDecisionScanPage",
        guards=[requires(Can.write_records)],
        request_max_body_size=SCAN_UPLOAD_LIMIT,
    )
    async def replace_scan(
        self, actor: CurrentActor, decision_id: FromPath[int], request: Request
    ) -> Template | Redirect:
        """Gives the decision the scan of its signed paper, or a new one in place of the old."""
        decision = await scans.get_decision(actor, decision_id)
        list_id = decision.beneficiary_list_id
        raw, fields = await _scan_form(request)
        media_dir = request.app.state.settings.media_dir

        async def save(data: dict) -> Any:
            return await scans.replace_scan(
                actor, decision_id, data.get("version"), raw or b"", media_dir
            )

        again = _again(actor, list_id, "scan")
        return await save_form(
            request, actor, save, f"/lists/{list_id}#decision", again, data=fields
        )

    @post(
        "/{list_id:int}/approve-cases",
        operation_id="approveCasesByDecisionPage",
        guards=[requires(Can.write_records)],
    )
    async def approve_cases(
        self, actor: CurrentActor, list_id: FromPath[int], request: Request
    ) -> Template | Redirect:
        """Approves by the list's decision the house cases opened since it."""

        async def save(data: dict) -> Any:
            return await steps.approve_cases(actor, list_id)

        return await save_form(
            request, actor, save, f"/lists/{list_id}#decision", _again(actor, list_id, "decision")
        )
