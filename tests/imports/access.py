"""Access rules of the import routes: admins and commune officers, each import in its commune."""

from tests.access import THAN_SA, Rule

WRITERS = frozenset({"admin", "commune"})


async def import_id(role: str, in_scope: bool) -> int | None:
    """An import of Thần Sa (in scope for its officer) or of another commune (out of scope)."""
    from relief.imports.models import ImportBatch, ImportKind
    from relief.places.models import Commune

    if role != "commune" and not in_scope:
        return None
    code_filter = {"code": THAN_SA} if in_scope else {}
    commune = (
        await Commune.filter(**code_filter)
        .exclude(**({} if in_scope else {"code": THAN_SA}))
        .first()
    )
    found = await ImportBatch.filter(commune_id=commune.id).first()
    if found is None:
        found = await ImportBatch.create(
            commune_id=commune.id,
            file_name="ds.csv",
            stored_name="missing.csv",
            checksum="0" * 64,
            kind=ImportKind.CSV,
        )
    return found.id


RULES = {
    ("GET", "/imports"): Rule(WRITERS),
    ("POST", "/imports"): Rule(WRITERS),
    ("GET", "/imports/template.xlsx"): Rule(WRITERS),
    ("GET", "/imports/{import_id:int}"): Rule(WRITERS, scoped=True),
    # The matrix's import has no kept file (`missing.csv`): confirming it is refused; the admin
    # cancels it, and it is then no longer a preview the officer can cancel.
    ("POST", "/imports/{import_id:int}/confirm"): Rule(WRITERS, scoped=True, answers=409),
    # The matrix's import kept no rows to correct: their sheet is no longer there (409).
    ("GET", "/imports/{import_id:int}/bad-rows.xlsx"): Rule(WRITERS, scoped=True, answers=409),
    # The matrix's import is not done (previewed, or cancelled by the admin): no conflict of
    # it can be settled yet (409).
    ("POST", "/imports/{import_id:int}/conflicts/{row:int}"): Rule(
        WRITERS, scoped=True, answers=409
    ),
    # The matrix's import is not interrupted (a preview, or cancelled): 409.
    ("POST", "/imports/{import_id:int}/resume"): Rule(WRITERS, scoped=True, answers=409),
    ("POST", "/imports/{import_id:int}/cancel"): Rule(
        WRITERS, scoped=True, answers={"admin": 303, "commune": 409}
    ),
}


async def conflict_row(role: str, in_scope: bool) -> int | None:
    """A row of the matrix's import: it lists no conflict, and is not done (409 first)."""
    return 2


RESOLVERS = {"import_id": import_id, "row": conflict_row}


async def register_import_id(role: str, in_scope: bool) -> int | None:
    """A previewed import of a year list of Thần Sa (out of scope: of another commune), made
    when none waits: one row matches two households, so that confirming it without choosing
    is refused (422); cancelling it answers 303 (the next request gets a new one)."""
    from relief.households.models import (
        Household,
        MatchKind,
        RegisterKind,
        RegisterList,
        RegisterStatus,
    )
    from relief.places.models import Commune

    if role != "commune" and not in_scope:
        return None
    communes = Commune.filter(code=THAN_SA) if in_scope else Commune.exclude(code=THAN_SA)
    commune = await communes.order_by("id").first()
    found = await RegisterList.filter(
        commune_id=commune.id, status=RegisterStatus.PREVIEWED
    ).first()
    if found is None:
        candidates = (
            await Household.filter(commune_id=commune.id).limit(2).values_list("id", flat=True)
        )
        row = {
            "row": 6,
            "name": "Nông Văn Bình",
            "name_key": "nong van binh",
            "id_number": "",
            "hamlet": "",
            "hamlet_id": None,
            "birth_year": None,
            "code": "poor",
            "kind_text": "Hộ nghèo",
            "extra": {},
            "match": MatchKind.SEVERAL.value,
            "household_id": None,
            "candidates": list(candidates),
        }
        found = await RegisterList.create(
            commune_id=commune.id,
            kind=RegisterKind.POVERTY,
            year=2024,
            file_name="ds-ho-ngheo.xlsx",
            file_kind="xlsx",
            checksum="2" * 64,
            rows=1,
            several=1,
            preview=[row],
            report={"errors": [], "layout": [], "changes": [], "seen": {}},
        )
    return found.id


RULES.update(
    {
        ("GET", "/imports/registers"): Rule(WRITERS),
        ("POST", "/imports/registers"): Rule(WRITERS),
        ("GET", "/imports/registers/{register_id:int}"): Rule(WRITERS, scoped=True),
        ("POST", "/imports/registers/{register_id:int}/confirm"): Rule(WRITERS, scoped=True),
        ("POST", "/imports/registers/{register_id:int}/cancel"): Rule(
            WRITERS, scoped=True, answers=303
        ),
    }
)
RESOLVERS["register_id"] = register_import_id
