"""JSON API of the beneficiary lists: the lists, their entries, the steps from draft to
decision, complaints, and the decision's scan (the same services as the pages)."""

from __future__ import annotations

from typing import Annotated, Any

from litestar import Controller, Request, get, patch, post
from litestar.datastructures import UploadFile
from litestar.params import FromPath, FromQuery, QueryParameter
from litestar.response import File
from litestar.status_codes import HTTP_200_OK, HTTP_201_CREATED, HTTP_204_NO_CONTENT

from relief.beneficiaries import complaints, scans, service, steps
from relief.beneficiaries.models import ListState
from relief.beneficiaries.records import (
    ANSWER,
    COMPLAINT,
    DECISION,
    ENTRY,
    LIST,
    POSTING,
    REVIEW,
    AnswerPatch,
    ComplaintIn,
    EntryIn,
    EntryPatch,
    ListIn,
    ListPatch,
    ReviewIn,
)
from relief.beneficiaries.schemas import (
    ComplaintOut,
    ComplaintPage,
    DecideIn,
    DecisionOut,
    EntryOut,
    ListDetailOut,
    ListOut,
    ListPage,
    ListStepIn,
    PostListIn,
    RemoveEntryIn,
    ReviewOut,
    ScanIn,
    complaint_out,
    decision_out,
    detail_out,
    entry_out,
    list_out,
    review_out,
)
from relief.core.actor import Actor, CurrentActor
from relief.core.api import (
    CREATE,
    READ,
    READ_ONE,
    UPDATE,
    Body,
    CommuneCode,
    PageNo,
    PerPage,
    QueryId,
    Sent,
    decode,
    multipart,
)
from relief.core.guards import requires
from relief.core.permissions import Can
from relief.houses.models import Programme
from relief.settings import MB, SCAN_MAX_MB_CAP

STAFF = requires(Can.read_records)
WRITERS = requires(Can.write_records)
Year = Annotated[int | None, QueryParameter(ge=2020, le=2100, description="Only this year.")]
# `state` is the name a client sends (Litestar reserves it for the app's state).
StateQuery = Annotated[
    ListState | None, QueryParameter(name="state", description="Only lists in this state.")
]
# The largest scan a setting may allow, and the rest of the form.
SCAN_UPLOAD_LIMIT = SCAN_MAX_MB_CAP * MB + MB


def _version(data: Sent | Any) -> Any:
    """The `version` sent beside a step's record, checked by the service (after the list's
    scope and state, as the page's form)."""
    raw = data.raw if isinstance(data, Sent) else data
    return raw.get("version") if isinstance(raw, dict) else None


async def _detail(actor: Actor, list_id: int) -> ListDetailOut:
    return detail_out(await service.list_view(actor, list_id))


async def read_scan(request: Request) -> tuple[bytes, Any]:
    """The scan's bytes and the version sent in a multipart form (b"" when no file)."""
    form = await request.form()
    upload = form.get(scans.FIELD)
    raw = await upload.read() if isinstance(upload, UploadFile) else b""
    return raw, form.get("version")


async def scan_response(actor: Actor, decision_id: int, request: Request) -> File:
    """The scan's file for staff whose scope includes the list (else 404); never stored by the
    browser, a PDF as an attachment (read in the reader's own viewer), an image inline."""
    decision, path = await scans.scan_file(actor, decision_id, request.app.state.settings.media_dir)
    kind = decision.scan_content_type or "application/pdf"
    return File(
        path,
        media_type=kind,
        content_disposition_type="attachment" if kind == "application/pdf" else "inline",
        filename=scans.download_name(decision),
        headers={"Cache-Control": "no-store", "X-Content-Type-Options": "nosniff"},
    )


class ListsApi(Controller):
    path = "/api/v1/lists"
    tags = ["beneficiary lists"]
    guards = [STAFF]

    @get("/", operation_id="listBeneficiaryLists", responses=READ)
    async def list_lists(
        self,
        actor: CurrentActor,
        commune: CommuneCode = None,
        commune_id: QueryId = None,
        programme: FromQuery[Programme | None] = None,
        year: Year = None,
        in_state: StateQuery = None,
        page: PageNo = 1,
        per_page: PerPage = service.PAGE_SIZE,
    ) -> ListPage:
        """Beneficiary lists in the caller's scope, the latest year first."""
        f = service.ListFilter(
            commune_id=commune_id,
            commune_code=commune,
            programme=programme,
            year=year,
            state=in_state,
            page=page,
            per_page=per_page,
        )
        found = await service.lists_page(actor, f)
        items = [list_out(b) for b in found.items]
        return ListPage(items=items, total=found.total, page=found.page, pages=found.pages)

    @post(
        "/",
        operation_id="draftBeneficiaryList",
        guards=[WRITERS],
        status_code=HTTP_201_CREATED,
        responses=CREATE,
    )
    async def draft(self, actor: CurrentActor, data: Body[ListIn]) -> ListDetailOut:
        """Drafts a list of the officer's commune from the households chosen (`household_ids`),
        each with its damage and the programme's norm as the proposed support."""
        made = await service.draft_list(actor, LIST.body(data))
        return await _detail(actor, made.id)

    @get("/complaints", operation_id="listListComplaints", responses=READ)
    async def register(
        self,
        actor: CurrentActor,
        commune: CommuneCode = None,
        commune_id: QueryId = None,
        page: PageNo = 1,
        per_page: PerPage = service.PAGE_SIZE,
    ) -> ComplaintPage:
        """The complaints register: every complaint about the caller's lists, newest first."""
        found = await complaints.register_page(actor, commune_id, commune, page, per_page)
        items = [complaint_out(c) for c in found.items]
        return ComplaintPage(items=items, total=found.total, page=found.page, pages=found.pages)

    @get("/{list_id:int}", operation_id="getBeneficiaryList", responses=READ_ONE)
    async def get_list(self, actor: CurrentActor, list_id: FromPath[int]) -> ListDetailOut:
        """A list: its state, entries, hamlets' reviews, posting, complaints, revisions and
        decision."""
        return await _detail(actor, list_id)

    @patch(
        "/{list_id:int}", operation_id="updateBeneficiaryList", guards=[WRITERS], responses=UPDATE
    )
    async def update_list(
        self, actor: CurrentActor, list_id: FromPath[int], data: Body[ListPatch]
    ) -> ListOut:
        """The list's note; `version` must be the one read (409 if it is stale)."""
        await service.get_list(actor, list_id)
        return list_out(await service.update_note(actor, list_id, LIST.body_patch(data)))

    @post(
        "/{list_id:int}/entries",
        operation_id="addBeneficiaryEntry",
        guards=[WRITERS],
        status_code=HTTP_201_CREATED,
        responses=CREATE,
    )
    async def add_entry(
        self, actor: CurrentActor, list_id: FromPath[int], data: Body[EntryIn]
    ) -> EntryOut:
        """Adds a household of the commune to a draft, or to a posted list with the `reason`
        (a revision)."""
        await service.get_list(actor, list_id)
        entry = await service.add_entry(actor, list_id, ENTRY.body(data))
        return entry_out(await service.get_entry(actor, entry.id, full=True))

    @patch(
        "/entries/{entry_id:int}",
        operation_id="updateBeneficiaryEntry",
        guards=[WRITERS],
        responses=UPDATE,
    )
    async def update_entry(
        self, actor: CurrentActor, entry_id: FromPath[int], data: Body[EntryPatch]
    ) -> EntryOut:
        """Corrects the support or note of an entry read at `version` (after posting: with the
        `reason`, a revision)."""
        await service.get_entry(actor, entry_id)
        entry = await service.update_entry(actor, entry_id, ENTRY.body_patch(data))
        return entry_out(await service.get_entry(actor, entry.id, full=True))

    @post(
        "/entries/{entry_id:int}/remove",
        operation_id="removeBeneficiaryEntry",
        guards=[WRITERS],
        status_code=HTTP_204_NO_CONTENT,
        responses=UPDATE,
    )
    async def remove_entry(
        self, actor: CurrentActor, entry_id: FromPath[int], data: Body[RemoveEntryIn]
    ) -> None:
        """Takes a household off a draft, or off a posted list with the `reason` (a revision)."""
        await service.get_entry(actor, entry_id)
        sent = decode(RemoveEntryIn, data)
        await service.remove_entry(actor, entry_id, sent.version, sent.reason, sent.complaint_id)

    @post(
        "/{list_id:int}/send-to-review",
        operation_id="sendBeneficiaryListToReview",
        guards=[WRITERS],
        status_code=HTTP_200_OK,
        responses=UPDATE,
    )
    async def send_to_review(
        self, actor: CurrentActor, list_id: FromPath[int], data: Body[ListStepIn]
    ) -> ListOut:
        """Closes the draft: the hamlets' meetings review it now."""
        await service.get_list(actor, list_id)
        return list_out(await steps.send_to_review(actor, list_id, _version(data)))

    @post(
        "/{list_id:int}/reviews",
        operation_id="recordHamletReview",
        guards=[WRITERS],
        status_code=HTTP_201_CREATED,
        responses=CREATE,
    )
    async def record_review(
        self, actor: CurrentActor, list_id: FromPath[int], data: Body[ReviewIn]
    ) -> ReviewOut:
        """A hamlet's review meeting: date, chair, attendance, and the households it agreed to
        (`agreed_ids`; the hamlet's others were not agreed)."""
        await service.get_list(actor, list_id)
        review = await steps.record_review(actor, list_id, REVIEW.body(data))
        view = await service.list_view(actor, list_id)
        return review_out(next(r for r in view.reviews if r.id == review.id), view.entries)

    @post(
        "/{list_id:int}/posting",
        operation_id="postBeneficiaryList",
        guards=[WRITERS],
        status_code=HTTP_200_OK,
        responses=UPDATE,
    )
    async def post_list(
        self, actor: CurrentActor, list_id: FromPath[int], data: Body[PostListIn]
    ) -> ListDetailOut:
        """Posts the list publicly once every hamlet has reviewed it."""
        await service.get_list(actor, list_id)
        await steps.post_list(actor, list_id, _version(data), POSTING.body(data))
        return await _detail(actor, list_id)

    @post(
        "/{list_id:int}/complaints",
        operation_id="recordListComplaint",
        guards=[WRITERS],
        status_code=HTTP_201_CREATED,
        responses=CREATE,
    )
    async def record_complaint(
        self, actor: CurrentActor, list_id: FromPath[int], data: Body[ComplaintIn]
    ) -> ComplaintOut:
        """Records a complaint about a posted list received by letter, call or in person."""
        await service.get_list(actor, list_id)
        return complaint_out(
            await complaints.record_complaint(actor, list_id, COMPLAINT.body(data))
        )

    @post(
        "/complaints/{complaint_id:int}/answer",
        operation_id="answerListComplaint",
        guards=[WRITERS],
        status_code=HTTP_200_OK,
        responses=UPDATE,
    )
    async def answer(
        self, actor: CurrentActor, complaint_id: FromPath[int], data: Body[AnswerPatch]
    ) -> ComplaintOut:
        """Answers a complaint read at `version`, with its outcome."""
        await complaints.get_complaint(actor, complaint_id)
        found = await complaints.answer_complaint(actor, complaint_id, ANSWER.body_patch(data))
        return complaint_out(found)

    @post(
        "/{list_id:int}/submit",
        operation_id="submitBeneficiaryList",
        guards=[WRITERS],
        status_code=HTTP_200_OK,
        responses=UPDATE,
    )
    async def submit(
        self, actor: CurrentActor, list_id: FromPath[int], data: Body[ListStepIn]
    ) -> ListOut:
        """Submits the list to the People's Committee: the posting has ended and every
        complaint is answered."""
        await service.get_list(actor, list_id)
        return list_out(await steps.submit_list(actor, list_id, _version(data)))

    @post(
        "/{list_id:int}/decision",
        operation_id="decideBeneficiaryList",
        guards=[WRITERS],
        status_code=HTTP_200_OK,
        responses=UPDATE,
    )
    async def decide(
        self, actor: CurrentActor, list_id: FromPath[int], data: Body[DecideIn]
    ) -> ListDetailOut:
        """Records the People's Committee's decision (number, date, signer), which locks the
        list; its scan goes to the decision's scan."""
        await service.get_list(actor, list_id)
        await steps.decide_list(actor, list_id, _version(data), DECISION.body(data))
        return await _detail(actor, list_id)

    @get(
        "/decisions/{decision_id:int}/scan",
        operation_id="getDecisionScan",
        responses=READ_ONE,
    )
    async def scan(self, actor: CurrentActor, decision_id: FromPath[int], request: Request) -> File:
        """The scan of the signed decision (PDF, JPEG or PNG), for staff who read the list."""
        return await scan_response(actor, decision_id, request)

    @post(
        "/decisions/{decision_id:int}/scan",
        operation_id="uploadDecisionScan",
        guards=[WRITERS],
        status_code=HTTP_200_OK,
        request_max_body_size=SCAN_UPLOAD_LIMIT,
        operation_class=multipart(ScanIn),
        responses=UPDATE,
    )
    async def upload_scan(
        self, actor: CurrentActor, decision_id: FromPath[int], request: Request
    ) -> DecisionOut:
        """Gives the decision read at `version` the scan of its signed paper, or a new one in
        place of the old (multipart: `scan`, `version`); checked by its content."""
        await scans.get_decision(actor, decision_id)
        raw, version = await read_scan(request)
        media_dir = request.app.state.settings.media_dir
        return decision_out(await scans.replace_scan(actor, decision_id, version, raw, media_dir))
