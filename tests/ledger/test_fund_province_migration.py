"""Migration 0046 gives the funds of the time their province."""

import importlib
from types import SimpleNamespace

from relief import db
from relief.ledger.models import Fund, FundLevel
from relief.places.models import Commune, Province
from tests.access import seed_second_province
from tests.factories import make_user

migration = importlib.import_module("relief.migrations.0046_fund_province")


async def test_the_one_province_fund_becomes_its_communes_province(orm):
    await seed_second_province()
    than_sa = await Commune.get(code="05725")
    commune_fund = await Fund.create(level=FundLevel.COMMUNE, commune=than_sa)
    province_fund = await Fund.create(level=FundLevel.PROVINCE)
    central = await Fund.create(level=FundLevel.CENTRAL)
    await make_user("front", province_code="20")  # a later province's account: not the data's

    await migration.fill(None, SimpleNamespace(client=db.connection()))

    thai_nguyen = (await Province.get(code="19")).id
    provinces = dict(await Fund.all().values_list("id", "province_id"))
    assert provinces == {
        commune_fund.id: than_sa.province_id,
        province_fund.id: thai_nguyen,
        central.id: None,
    }
