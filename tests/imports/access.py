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
    ("POST", "/imports/{import_id:int}/cancel"): Rule(
        WRITERS, scoped=True, answers={"admin": 303, "commune": 409}
    ),
}
RESOLVERS = {"import_id": import_id}
