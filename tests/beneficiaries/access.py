"""Access rules of the beneficiary lists: staff read them (an officer of a commune only its
own), the commune's officers and admins write them, anyone lodges a complaint on the public
page. The matrix's list in Thần Sa is the demo's round in posting (another commune's: its
first, a draft made here if the demo has none): a step that needs another state answers 409,
a form without its fields 422."""

from __future__ import annotations

from tests.access import IN_ONE_COMMUNE, STAFF, THAN_SA, Rule

WRITERS = frozenset({"admin", "commune"})
EVERYONE = frozenset({"admin", "province", "commune", "front", "sponsor", "ministry"})
OTHER = "05716"


async def _list_of(code: str):
    """The commune's list in posting (the demo's third round of Thần Sa), else its first, else
    a draft made here."""
    from relief.beneficiaries.models import BeneficiaryList, ListEntry, ListState
    from relief.households.models import Household
    from tests.factories import make_household

    lists = BeneficiaryList.filter(commune__code=code).order_by("id")
    found = await lists.filter(state=ListState.POSTED).first() or await lists.first()
    if found is not None:
        return found
    household = await Household.filter(commune__code=code).first() or await make_household(code)
    made = await BeneficiaryList.create(
        commune_id=household.commune_id, programme="disaster_recovery", year=2025
    )
    await ListEntry.create(
        beneficiary_list_id=made.id,
        household_id=household.id,
        hamlet_id=household.hamlet_id,
        proposed_amount=40_000_000,
    )
    return made


async def _complaint_of(code: str):
    from relief.beneficiaries.models import Complaint

    blist = await _list_of(code)
    found = await Complaint.filter(beneficiary_list_id=blist.id).first()
    return found or await Complaint.create(
        beneficiary_list_id=blist.id,
        commune_id=blist.commune_id,
        receipt=f"KN-TEST{blist.id}",
        received_on=blist.created_at.date(),
        channel="letter",
        content="Thiếu tên",
    )


def _code(role: str, in_scope: bool) -> str | None:
    if role in IN_ONE_COMMUNE and not in_scope:
        return OTHER
    return THAN_SA if in_scope else None


async def _list_id(role: str, in_scope: bool) -> int | None:
    code = _code(role, in_scope)
    return None if code is None else (await _list_of(code)).id


async def _entry_id(role: str, in_scope: bool) -> int | None:
    from relief.beneficiaries.models import ListEntry

    code = _code(role, in_scope)
    if code is None:
        return None
    entry = await ListEntry.filter(beneficiary_list_id=(await _list_of(code)).id).first()
    return entry.id if entry else None


async def _complaint_id(role: str, in_scope: bool) -> int | None:
    code = _code(role, in_scope)
    return None if code is None else (await _complaint_of(code)).id


async def _receipt(role: str, in_scope: bool) -> str:
    return (await _complaint_of(THAN_SA)).receipt


SCOPED_WRITE = Rule(WRITERS, scoped=True)
NOT_NOW = Rule(WRITERS, scoped=True, answers=409)  # the step needs another state
PUBLIC = Rule(EVERYONE, public=True)
RULES = {
    ("GET", "/lists"): Rule(STAFF),
    ("GET", "/lists/new"): Rule(WRITERS),
    ("POST", "/lists"): Rule(WRITERS),
    ("GET", "/lists/complaints"): Rule(STAFF),
    ("GET", "/lists/{list_id:int}"): Rule(STAFF, scoped=True),
    ("POST", "/lists/{list_id:int}/entries"): SCOPED_WRITE,
    ("POST", "/lists/entries/{entry_id:int}"): SCOPED_WRITE,
    ("POST", "/lists/entries/{entry_id:int}/remove"): SCOPED_WRITE,
    ("POST", "/lists/{list_id:int}/send-to-review"): NOT_NOW,
    ("POST", "/lists/{list_id:int}/reviews"): NOT_NOW,
    ("POST", "/lists/{list_id:int}/posting"): NOT_NOW,
    ("POST", "/lists/{list_id:int}/complaints"): SCOPED_WRITE,
    ("POST", "/lists/complaints/{complaint_id:int}/answer"): SCOPED_WRITE,
    ("POST", "/lists/{list_id:int}/submit"): SCOPED_WRITE,  # no version read: 422 first
    ("POST", "/lists/{list_id:int}/decision"): NOT_NOW,
    ("POST", "/lists/{list_id:int}/approve-cases"): NOT_NOW,
    ("GET", "/lists/{list_id:int}/papers/{paper:str}"): Rule(STAFF, scoped=True),
    ("GET", "/public/{commune_code:str}/complaints"): PUBLIC,
    ("POST", "/public/{commune_code:str}/complaints"): PUBLIC,
    ("GET", "/public/{commune_code:str}/complaints/{receipt:str}"): PUBLIC,
}


async def _paper(role: str, in_scope: bool) -> str:
    return "annex"


async def _decision_of(code: str) -> int:
    """A decision of the commune with its scan; if none, a decided list (made after the
    matrix's draft, which stays the commune's first list) with its decision and the scan, a
    real PDF in the app's media folder."""
    from relief import settings
    from relief.beneficiaries import scans
    from relief.beneficiaries.models import BeneficiaryList, Decision
    from relief.core.formatting import local_today
    from tests.beneficiaries.factories import pdf_bytes

    draft = await _list_of(code)
    found = (
        await Decision.filter(beneficiary_list__commune__code=code, scan_checksum__isnull=False)
        .order_by("id")
        .first()
    )
    if found is not None:
        return found.id
    scan = scans.clean_scan(pdf_bytes(), scans.max_bytes())
    scans._store(settings.active().media_dir, scan)
    # The demo's decisions have no scan: the commune's first is given this one.
    decided = await Decision.filter(beneficiary_list__commune__code=code).order_by("id").first()
    if decided is not None:
        await Decision.filter(id=decided.id).update(**scans._values(scan))
        return decided.id
    today = local_today()
    taken = await BeneficiaryList.filter(
        commune_id=draft.commune_id, programme="great_solidarity", year=2025
    ).count()
    blist = await BeneficiaryList.create(
        commune_id=draft.commune_id,
        programme="great_solidarity",
        year=2025,
        round=taken + 1,
        state="decided",
        submitted_on=today,
    )
    made = await Decision.create(
        beneficiary_list_id=blist.id,
        number="01/QĐ-UBND",
        signed_on=today,
        signer="Chủ tịch Hà Văn Tuấn",
        **scans._values(scan),
    )
    return made.id


async def _decision_id(role: str, in_scope: bool) -> int | None:
    code = _code(role, in_scope)
    return None if code is None else await _decision_of(code)


RULES.update(
    {
        ("GET", "/lists/decisions/{decision_id:int}/scan"): Rule(STAFF, scoped=True),
        ("POST", "/lists/decisions/{decision_id:int}/scan"): SCOPED_WRITE,
        ("GET", "/api/v1/lists"): Rule(STAFF),
        ("POST", "/api/v1/lists"): Rule(WRITERS),
        ("GET", "/api/v1/lists/complaints"): Rule(STAFF),
        ("GET", "/api/v1/lists/{list_id:int}"): Rule(STAFF, scoped=True),
        ("PATCH", "/api/v1/lists/{list_id:int}"): SCOPED_WRITE,
        ("POST", "/api/v1/lists/{list_id:int}/entries"): SCOPED_WRITE,
        ("PATCH", "/api/v1/lists/entries/{entry_id:int}"): SCOPED_WRITE,
        ("POST", "/api/v1/lists/entries/{entry_id:int}/remove"): SCOPED_WRITE,
        ("POST", "/api/v1/lists/{list_id:int}/send-to-review"): NOT_NOW,
        ("POST", "/api/v1/lists/{list_id:int}/reviews"): NOT_NOW,
        ("POST", "/api/v1/lists/{list_id:int}/posting"): NOT_NOW,
        # The matrix's list is posted (the demo's round in posting), as on the pages above.
        ("POST", "/api/v1/lists/{list_id:int}/complaints"): SCOPED_WRITE,
        ("POST", "/api/v1/lists/complaints/{complaint_id:int}/answer"): SCOPED_WRITE,
        ("POST", "/api/v1/lists/{list_id:int}/submit"): SCOPED_WRITE,  # no version: 422
        ("POST", "/api/v1/lists/{list_id:int}/decision"): NOT_NOW,
        # The scan: staff who read the list (never a sponsor: 403; another commune's: 404).
        ("GET", "/api/v1/lists/decisions/{decision_id:int}/scan"): Rule(STAFF, scoped=True),
        ("POST", "/api/v1/lists/decisions/{decision_id:int}/scan"): SCOPED_WRITE,
    }
)

RESOLVERS = {
    "decision_id": _decision_id,
    "list_id": _list_id,
    "entry_id": _entry_id,
    "complaint_id": _complaint_id,
    "receipt": _receipt,
    "paper": _paper,
}
