"""Access rules of the quick reports."""

from tests.access import ADMIN_PROVINCE, IN_ONE_COMMUNE, STAFF, THAN_SA, Rule

WRITERS = frozenset({"admin", "commune"})


async def report_id(role: str, in_scope: bool) -> int | None:
    from relief.disaster_reports.models import DisasterReport

    if role in IN_ONE_COMMUNE and not in_scope:
        found = await DisasterReport.exclude(commune__code=THAN_SA).first()
    elif in_scope:
        found = await DisasterReport.filter(commune__code=THAN_SA).first()
    else:
        return None
    return found.id if found else None


RULES = {
    ("GET", "/disasters/{disaster_id:int}/reports/{commune_code:str}"): Rule(STAFF, scoped=True),
    ("POST", "/disasters/{disaster_id:int}/reports/{commune_code:str}"): Rule(WRITERS, scoped=True),
    ("GET", "/disaster-reports/{report_id:int}"): Rule(STAFF, scoped=True),
    ("GET", "/disaster-reports/{report_id:int}/xlsx"): Rule(STAFF, scoped=True),
    ("GET", "/disaster-reports/{report_id:int}/print"): Rule(STAFF, scoped=True),
    # Sending and the province's answer: the matrix's empty form lacks the version (422).
    ("POST", "/disaster-reports/{report_id:int}/send"): Rule(WRITERS, scoped=True),
    ("POST", "/disaster-reports/{report_id:int}/receive"): Rule(ADMIN_PROVINCE),
    ("POST", "/disaster-reports/{report_id:int}/return"): Rule(ADMIN_PROVINCE),
    ("GET", "/duty"): Rule(STAFF),
    ("GET", "/disasters/{disaster_id:int}/duty"): Rule(ADMIN_PROVINCE),
    ("GET", "/disasters/{disaster_id:int}/duty/{commune_code:str}"): Rule(STAFF, scoped=True),
    ("GET", "/disasters/{disaster_id:int}/province-report"): Rule(ADMIN_PROVINCE),
    ("GET", "/disasters/{disaster_id:int}/province-report/xlsx"): Rule(ADMIN_PROVINCE),
    ("POST", "/api/v1/disaster-reports"): Rule(WRITERS),
    ("GET", "/api/v1/disaster-reports/{report_id:int}"): Rule(STAFF, scoped=True),
    ("POST", "/api/v1/disaster-reports/{report_id:int}/send"): Rule(WRITERS, scoped=True),
    ("POST", "/api/v1/disaster-reports/{report_id:int}/receive"): Rule(ADMIN_PROVINCE),
    ("POST", "/api/v1/disaster-reports/{report_id:int}/return"): Rule(ADMIN_PROVINCE),
    ("GET", "/api/v1/disasters/{disaster_id:int}/province-report"): Rule(ADMIN_PROVINCE),
}
RESOLVERS = {"report_id": report_id}
