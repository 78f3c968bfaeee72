"""Access rules of the summaries."""

from tests.access import (
    ADMIN_PROVINCE,
    IN_ONE_COMMUNE,
    NATIONAL,
    STAFF,
    THAN_SA,
    Rule,
    commune_scoped_id,
)

WRITERS = frozenset({"admin", "commune"})


async def _week_id(role: str, in_scope: bool) -> int | None:
    from relief.reports.models import CampaignWeek

    return await commune_scoped_id(CampaignWeek, role, in_scope)


async def _commune_code(role: str, in_scope: bool) -> str | None:
    if role in IN_ONE_COMMUNE and not in_scope:
        return "05716"  # Võ Nhai: another commune
    return THAN_SA if in_scope else None


async def _province_code(role: str, in_scope: bool) -> str | None:
    return "19" if in_scope else None


async def _format(role: str, in_scope: bool) -> str:
    return "csv"


RULES = {
    # A commune's officers are taken to their commune's summary.
    ("GET", "/reports"): Rule(STAFF, answers={"commune": 303, "front": 303}),
    ("GET", "/reports/notices"): Rule(STAFF),
    ("GET", "/reports/communes/{commune_code:str}"): Rule(STAFF, scoped=True),
    ("GET", "/reports/export/province/{fmt:str}"): Rule(STAFF),
    ("GET", "/reports/communes/{commune_code:str}/export/{fmt:str}"): Rule(STAFF, scoped=True),
    ("GET", "/reports/export/households/{fmt:str}"): Rule(STAFF),
    ("GET", "/reports/export/houses/{fmt:str}"): Rule(STAFF),
    ("GET", "/api/v1/summary"): Rule(STAFF),
    ("GET", "/api/v1/communes/{commune_code:str}/summary"): Rule(STAFF, scoped=True),
    # The campaign's weekly report: the matrix's empty form names no week (422), and an
    # answer without the version read is refused (422).
    ("GET", "/communes/{commune_code:str}/campaign-weeks"): Rule(STAFF, scoped=True),
    ("POST", "/communes/{commune_code:str}/campaign-weeks"): Rule(WRITERS, scoped=True),
    ("GET", "/campaign-weeks"): Rule(ADMIN_PROVINCE),
    # The national dashboard and a province's communes: the national roles (and admins).
    ("GET", "/national"): Rule(NATIONAL),
    ("GET", "/national/provinces/{province_code:str}"): Rule(NATIONAL),
    ("GET", "/campaign-weeks/{week_id:int}"): Rule(STAFF, scoped=True),
    ("POST", "/campaign-weeks/{week_id:int}/accept"): Rule(ADMIN_PROVINCE),
    ("POST", "/campaign-weeks/{week_id:int}/return"): Rule(ADMIN_PROVINCE),
    ("GET", "/campaign-weeks/{week_id:int}/print"): Rule(STAFF, scoped=True),
    ("GET", "/campaign-weeks/{week_id:int}/xlsx"): Rule(STAFF, scoped=True),
}
RESOLVERS = {
    "fmt": _format,
    "commune_code": _commune_code,
    "week_id": _week_id,
    "province_code": _province_code,
}
