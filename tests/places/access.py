"""Access rules of the places routes."""

from tests.access import EVERYONE, Rule


async def _language(role: str, in_scope: bool) -> str:
    return "en"


RULES = {
    ("GET", "/"): Rule(EVERYONE, public=True),
    ("GET", "/healthz"): Rule(EVERYONE, public=True),
    ("GET", "/lang/{code:str}"): Rule(EVERYONE, public=True, answers=303),
    ("GET", "/api/v1/communes"): Rule(EVERYONE, public=True),
    ("GET", "/api/v1/communes/{commune_code:str}/hamlets"): Rule(EVERYONE, public=True),
}
RESOLVERS = {"code": _language}
