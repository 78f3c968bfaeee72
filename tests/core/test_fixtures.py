"""The PostgreSQL test database is reused: what one test leaves must be gone for the next."""

from __future__ import annotations

import asyncio

from relief import db
from relief.core import audit
from relief.core.actor import SYSTEM
from relief.core.models import AuditEntry
from relief.places.models import Commune, Hamlet
from relief.sponsors.models import Sponsor, SponsorKind


async def _dirty(url: str) -> tuple[int, str]:
    """Rows everywhere a test writes, a place renamed, the audit trail written."""
    await db.init_db(url)
    try:
        hamlet = await Hamlet.all().order_by("id").first()
        original = hamlet.name
        await Hamlet.filter(id=hamlet.id).update(name="Đã đổi tên")
        for n in range(3):
            await Sponsor.create(name=f"S{n}", name_key=f"s{n}", kind=SponsorKind.COMPANY)
        await audit.record(SYSTEM, "create", "thing", 1, after={"a": 1})
        return hamlet.id, original
    finally:
        await db.close_db()


async def _state(url: str, hamlet_id: int) -> tuple[int, int, str, int, int]:
    await db.init_db(url)
    try:
        sponsor = await Sponsor.create(name="Mới", name_key="moi", kind=SponsorKind.COMPANY)
        hamlet = await Hamlet.get(id=hamlet_id)
        return (
            await AuditEntry.all().count(),
            await Sponsor.all().count(),
            hamlet.name,
            sponsor.id,
            await Commune.all().count(),
        )
    finally:
        await db.close_db()


def test_cleaning_empties_every_table_restores_places_and_restarts_ids(request):
    url, loop, cleaner = request.getfixturevalue("postgres_database")
    loop.run_until_complete(cleaner.clean())
    communes = len(asyncio.run(_communes(url)))
    hamlet_id, name = asyncio.run(_dirty(url))
    loop.run_until_complete(cleaner.clean())
    audits, sponsors, hamlet_name, sponsor_id, commune_count = asyncio.run(_state(url, hamlet_id))
    assert (audits, sponsors) == (0, 1)  # the append-only audit trail is emptied too
    assert hamlet_name == name  # the renamed place is back
    assert sponsor_id == 1  # ids start again, as in a new database
    assert commune_count == communes


async def _communes(url: str) -> list[int]:
    await db.init_db(url)
    try:
        return list(await Commune.all().values_list("id", flat=True))
    finally:
        await db.close_db()
