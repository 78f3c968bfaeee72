"""Access rules of the summaries."""

from tests.access import IN_ONE_COMMUNE, STAFF, THAN_SA, Rule


async def _commune_code(role: str, in_scope: bool) -> str | None:
    if role in IN_ONE_COMMUNE and not in_scope:
        return "05716"  # Võ Nhai: another commune
    return THAN_SA if in_scope else None


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
}
RESOLVERS = {"fmt": _format, "commune_code": _commune_code}
