"""Contact details in one rule: who sees a household's ID number and phone.

They are seen only by administrators and by the officers of the household's own commune
(who serve it). The province, sponsors and officers of other communes never see them: not
in pages, the API, exports, import previews or the audit trail, and they cannot search by
them either (a search by ID number would tell whose it is). Every output that carries a
household asks this module, with the actor of the request.
"""

from __future__ import annotations

from typing import Any

from relief.core.scope import Actor, Role

CONTACT_FIELDS = ("id_number", "phone")


def sees_contacts(actor: Actor, commune_id: int | None) -> bool:
    """May this actor see the ID number and phone of a household of this commune?"""
    if actor.is_admin:
        return True
    return actor.role is Role.COMMUNE and commune_id is not None and actor.commune_id == commune_id


def sees_any_contacts(actor: Actor) -> bool:
    """Does the actor see contact details of some households (columns, search by number)?"""
    return actor.is_admin or (actor.role is Role.COMMUNE and actor.commune_id is not None)


def hide_contacts(actor: Actor, commune_id: int | None, values: Any) -> Any:
    """A dict of a household's values, with the contact fields blanked for this actor."""
    if not isinstance(values, dict) or sees_contacts(actor, commune_id):
        return values
    return {k: (None if k in CONTACT_FIELDS else v) for k, v in values.items()}
