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


async def period_report_id(role: str, in_scope: bool) -> int | None:
    """A sent event summary or periodic report: Thần Sa's (in scope) or another commune's."""
    from datetime import date

    from relief.disaster_reports.models import PeriodReport
    from relief.places.models import Commune

    code = THAN_SA if in_scope else "05716"
    if role not in IN_ONE_COMMUNE and not in_scope:
        return None
    commune = await Commune.get(code=code)
    found = await PeriodReport.filter(commune_id=commune.id).first()
    if found is None:
        found = await PeriodReport.create(
            commune_id=commune.id,
            kind="half_year",
            year=2025,
            starts_on=date(2025, 1, 1),
            ends_on=date(2025, 12, 31),
            number=1,
            sent_by="matrix",
        )
    return found.id


RULES.update(
    {
        ("GET", "/communes/{commune_code:str}/period-reports"): Rule(STAFF, scoped=True),
        ("GET", "/communes/{commune_code:str}/period-reports/{kind:str}/{key:int}"): Rule(
            STAFF, scoped=True
        ),
        # The matrix posts an empty form: the commune's lines are optional, so a writer sends
        # the report (303 to it): the yearly report (`kind`) of a year of its own (`key`).
        ("POST", "/communes/{commune_code:str}/period-reports/{kind:str}/{key:int}"): Rule(
            WRITERS, scoped=True, answers=303
        ),
        ("GET", "/period-reports"): Rule(ADMIN_PROVINCE),
        ("GET", "/period-reports/{period_report_id:int}"): Rule(STAFF, scoped=True),
        ("GET", "/period-reports/{period_report_id:int}/print"): Rule(STAFF, scoped=True),
        ("GET", "/period-reports/{period_report_id:int}/xlsx"): Rule(STAFF, scoped=True),
        # The answer: the matrix's empty form lacks the version (422).
        ("POST", "/period-reports/{period_report_id:int}/receive"): Rule(ADMIN_PROVINCE),
        ("POST", "/period-reports/{period_report_id:int}/return"): Rule(ADMIN_PROVINCE),
    }
)


async def kind(role: str, in_scope: bool) -> str:
    return "year"


async def key(role: str, in_scope: bool) -> int:
    """A year per role, so that each writer's sending is its own first one (303)."""
    return {"admin": 2023, "province": 2024, "commune": 2025, "front": 2022}.get(role, 2021)


RESOLVERS = {
    "report_id": report_id,
    "period_report_id": period_report_id,
    "kind": kind,
    "key": key,
}
