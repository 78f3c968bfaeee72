"""JSON API of accounts: who the token acts as."""

from __future__ import annotations

import msgspec
from litestar import Controller, get

from relief.core.actor import CurrentActor
from relief.core.api import READ
from relief.core.guards import login_required
from relief.core.labels import label


class Me(msgspec.Struct):
    username: str
    role: str
    role_label: str
    commune_id: int | None
    sponsor_id: int | None


class AccountsApi(Controller):
    path = "/api/v1/me"
    tags = ["accounts"]
    guards = [login_required]

    @get("/", operation_id="whoAmI", responses=READ)
    async def me(self, actor: CurrentActor) -> Me:
        """The user this token acts as, with its role and scope."""
        assert actor.role is not None  # login_required
        return Me(
            username=actor.username,
            role=actor.role.value,
            role_label=label(actor.role),
            commune_id=actor.commune_id,
            sponsor_id=actor.sponsor_id,
        )
