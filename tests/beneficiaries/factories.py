"""Beneficiary lists for the tests: households of two hamlets of Thần Sa, a list of them, and
the steps taken up to a chosen state."""

from __future__ import annotations

import functools
import io
from datetime import timedelta

from PIL import Image, ImageDraw

from relief.beneficiaries import service, steps
from relief.beneficiaries.models import BeneficiaryList, ListEntry
from relief.beneficiaries.records import DecisionIn, ListIn, PostingIn, ReviewIn
from relief.core.actor import Actor
from relief.core.formatting import local_today
from relief.households.models import Household
from relief.places.models import Hamlet
from tests.factories import make_household

TODAY = local_today()


async def households_of_two_hamlets() -> list[Household]:
    """Three households of Thần Sa: two in its first hamlet, one in its second."""
    first, second = await Hamlet.filter(commune__code="05725").order_by("name").limit(2)
    return [
        await make_household(hamlet_name=first.name, head_name="Hoàng Văn Thắng"),
        await make_household(hamlet_name=first.name, head_name="Lý Thị Mai"),
        await make_household(hamlet_name=second.name, head_name="Dương Văn Sơn"),
    ]


async def draft(actor: Actor, households: list[Household], **more) -> BeneficiaryList:
    values = {"programme": "disaster_recovery", "year": TODAY.year, **more}
    data = ListIn(household_ids=[h.id for h in households], **values)
    return await service.create_list(actor, households[0].commune_id, data)


async def reviewed(actor: Actor, blist: BeneficiaryList, refuse: set[int] = frozenset()):
    """Sends the list to the hamlets and records every hamlet's meeting (all agreed but
    `refuse`)."""
    blist = await steps.send_to_review(actor, blist.id, blist.version)
    entries = await ListEntry.filter(beneficiary_list_id=blist.id)
    for hamlet_id in sorted({e.hamlet_id for e in entries}):
        agreed = [
            e.household_id
            for e in entries
            if e.hamlet_id == hamlet_id and e.household_id not in refuse
        ]
        await steps.record_review(
            actor,
            blist.id,
            ReviewIn(
                hamlet_id=hamlet_id,
                held_on=TODAY - timedelta(days=12),
                chair="Trưởng thôn Nông Văn Bình",
                attendance=42,
                agreed_ids=agreed,
            ),
        )
    return await service.get_list(actor, blist.id)


async def posted(actor: Actor, blist: BeneficiaryList, starts_ago: int = 10):
    """Posted from `starts_ago` days ago for the posting period."""
    return await steps.post_list(
        actor,
        blist.id,
        blist.version,
        PostingIn(
            office_place="Trụ sở UBND xã Thần Sa",
            hamlet_place="Nhà văn hoá các thôn",
            starts_on=TODAY - timedelta(days=starts_ago),
        ),
    )


async def decided(actor: Actor, blist: BeneficiaryList) -> BeneficiaryList:
    blist = await steps.submit_list(actor, blist.id, blist.version)
    return await steps.decide_list(
        actor,
        blist.id,
        blist.version,
        DecisionIn(number="125/QĐ-UBND", signed_on=TODAY, signer="Chủ tịch Hà Văn Tuấn"),
    )


@functools.cache
def pdf_bytes(text: str = "QUYET DINH 125/QD-UBND") -> bytes:
    """A real one-page PDF (an A4 page at 50 dpi, made by Pillow, as a scanner's would be),
    with its text drawn on it."""
    page = Image.new("L", (413, 585), 255)
    ImageDraw.Draw(page).text((40, 60), text, fill=0)
    out = io.BytesIO()
    page.save(out, format="PDF", resolution=50.0, title="Quyet dinh")
    return out.getvalue()
