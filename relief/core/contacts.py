"""Contact details: which fields they are, and blanking them for those who may not see them.

They are seen only by administrators and by the officers of the household's own commune
(who serve it): `can(actor).see_contacts(commune_id)` in `core.permissions`. The province,
sponsors and officers of other communes never see them: not in pages, the API, exports,
import previews or the audit trail, and they cannot search by them either (a search by ID
number would tell whose it is). Every output that carries a household asks that rule, with
the actor of the request.
"""

from __future__ import annotations

from typing import Any

from relief.core.actor import Actor
from relief.core.permissions import can

CONTACT_FIELDS = ("id_number", "phone")


def hide_contacts(actor: Actor, commune_id: int | None, values: Any) -> Any:
    """A dict of a household's values, with the contact fields blanked for this actor."""
    if not isinstance(values, dict) or can(actor).see_contacts(commune_id):
        return values
    return {k: (None if k in CONTACT_FIELDS else v) for k, v in values.items()}
