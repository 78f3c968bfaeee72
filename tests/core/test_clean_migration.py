"""Migration 0011 cleans the text stored before cleaning at entry existed."""

import importlib
from types import SimpleNamespace

from relief import db
from relief.core import audit
from relief.core.actor import SYSTEM
from relief.core.models import AuditEntry
from relief.households.models import Household
from relief.sponsors.models import Sponsor, SponsorKind
from tests.factories import make_household

migration = importlib.import_module("relief.migrations.0011_clean_text")


async def test_stored_names_and_notes_lose_control_and_invisible_characters(orm):
    dirty = await make_household()
    await Household.filter(id=dirty.id).update(
        head_name="Ho\u200bàng\x07 Văn",
        head_name_key="ho\u200bang\x07 van",
        address_detail="a\x1bb",
    )
    clean = await make_household(head_name="Lò Thị Mai", birth_year=1990)
    sponsor = await Sponsor.create(name="Báo\x07 X", name_key="bao\x07 x", kind=SponsorKind.COMPANY)
    await audit.record(SYSTEM, "create", "household", dirty.id, after={"head_name": "Ho\x07"})
    entry = await AuditEntry.all().first()

    await migration.forward(None, SimpleNamespace(client=db.connection()))

    dirty = await Household.get(id=dirty.id)
    assert (dirty.head_name, dirty.head_name_key, dirty.address_detail) == (
        "Hoàng Văn",
        "hoang van",
        "ab",
    )
    assert (await Household.get(id=clean.id)).head_name == "Lò Thị Mai"
    assert (await Sponsor.get(id=sponsor.id)).name_key == "bao x"
    # The audit trail is append-only: history stays as it was written.
    assert (await AuditEntry.get(id=entry.id)).after == {"head_name": "Ho\x07"}
