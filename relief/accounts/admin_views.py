"""Administrator pages: users, their roles and bindings, disabling, password resets."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from litestar import Controller, Request, get, post
from litestar.params import FromPath
from litestar.response import Redirect, Template

from relief.accounts import service
from relief.core.actor import Actor, CurrentActor
from relief.core.forms import Form
from relief.core.guards import requires
from relief.core.i18n import gettext
from relief.core.labels import label, value_label
from relief.core.pages import Again, conflict_rows, save_form
from relief.core.permissions import Can
from relief.core.roles import ROLES, Binding
from relief.places.models import Commune, Province
from relief.sponsors.models import Sponsor


def _binding_hint(takes: Callable[[Binding], bool]) -> str:
    """The roles a binding field is for, as the roles' table says: "Commune officer; Fatherland
    Front officer, optional: none for the province's"."""
    parts = []
    for role, row in ROLES.items():
        if not takes(row.bound_to):
            continue
        if row.bound_to is Binding.COMMUNE_OR_PROVINCE and takes is _takes_commune:
            optional = gettext("{role}, optional: none for the province's", role=label(role))
            parts.append(optional)
        elif row.bound_to is Binding.COMMUNE_OR_PROVINCE:
            parts.append(gettext("{role}, without a commune", role=label(role)))
        else:
            parts.append(label(role))
    return "; ".join(parts)


def _takes_commune(binding: Binding) -> bool:
    return binding.takes_commune


async def _choices() -> dict[str, Any]:
    provinces = await Province.all().order_by("code")
    communes = await Commune.all().order_by("-is_focus", "name_key")
    sponsors = await Sponsor.all().order_by("name_key")
    return {
        "communes": [(c.code, f"{c.name} ({c.code})") for c in communes],
        "sponsors": [(s.name, s.name) for s in sponsors],
        "role_options": [(role.value, label(role)) for role in ROLES],
        "provinces": [(p.code, f"{p.name} ({p.code})") for p in provinces],
        "province_for": _binding_hint(lambda b: b.takes_province),
        "commune_for": _binding_hint(_takes_commune),
        "sponsor_for": _binding_hint(lambda b: b.takes_sponsor),
    }


NEW_USER_FIELDS = ("username", "full_name", "role", "province", "commune", "sponsor")
EDIT_FIELDS = ("full_name", "role", "province", "commune", "sponsor", "version")


def _ids(again: Again, field: str) -> list[int]:
    values = [
        c.get(key) for c in again.changes or [] if c["field"] == field for key in ("was", "now")
    ]
    return [v for v in values if isinstance(v, int) and not isinstance(v, bool)]


async def _conflict(again: Again) -> list[dict[str, str]] | None:
    """What changed meanwhile, with a commune or a sponsor by its name rather than its id."""
    if again.changes is None:
        return None
    communes = await Commune.filter(id__in=_ids(again, "commune_id")).values_list("id", "name")
    provinces = await Province.filter(id__in=_ids(again, "province_id")).values_list("id", "name")
    sponsors = await Sponsor.filter(id__in=_ids(again, "sponsor_id")).values_list("id", "name")
    names: dict[str, dict[Any, str]] = {
        "province_id": dict(provinces),
        "commune_id": dict(communes),
        "sponsor_id": dict(sponsors),
    }

    def shown(field: str, value: Any) -> str:
        if field in names and value in names[field]:
            return names[field][value]
        return value_label("user", field, value)

    return conflict_rows(again, shown)


async def _user_page(actor: Actor, user_id: int, values: dict | None, again: Again) -> Template:
    """The user page again after a refused save: the input kept, errors beside the fields, or
    what changed meanwhile (409) above the form."""
    user = await service.get_user(actor, user_id)
    if values is None:
        values = service.user_form_values(user)
    context = {
        "user": user,
        "values": values,
        "errors": again.errors,
        "problem": again.problem if not again.stale else None,
        "conflict": await _conflict(again),
        "conflict_message": again.message,
        **await _choices(),
    }
    return Template("accounts/user_edit.html", context=context, status_code=again.status)


class AdminUserViews(Controller):
    path = "/admin/users"
    tags = ["accounts"]
    guards = [requires(Can.manage_users)]
    include_in_schema = False

    @get("/", operation_id="listUsers")
    async def list_users(self, actor: CurrentActor) -> Template:
        """Every user with role, binding and state."""
        return Template("accounts/users.html", context={"users": await service.list_users(actor)})

    @get("/new", operation_id="newUserForm")
    async def new_user(self) -> Template:
        """The form for a new user."""
        return Template(
            "accounts/user_new.html", context={"values": {}, "errors": {}, **await _choices()}
        )

    @post("/new", operation_id="createUser")
    async def create_user(self, request: Request, actor: CurrentActor) -> Template | Redirect:
        """Creates a user."""

        async def create(data: dict) -> Any:
            form = Form(data)
            return await service.create_user(
                actor,
                form.raw("username"),
                form.raw("password"),
                form.raw("role"),
                full_name=form.raw("full_name"),
                commune_code=form.raw("commune") or None,
                sponsor_name=form.raw("sponsor") or None,
                province_code=form.raw("province") or None,
            )

        async def again(again: Again) -> Template:
            form = Form(again.values)  # the password is not shown again
            values = {k: form.raw(k) for k in NEW_USER_FIELDS}
            context = {"values": values, "errors": again.errors, **await _choices()}
            if again.problem:
                context["problem"] = again.problem
            return Template("accounts/user_new.html", context=context, status_code=again.status)

        return await save_form(
            request, actor, create, lambda user: f"/admin/users/{user.id}", again
        )

    @get("/{user_id:int}", operation_id="userPage")
    async def user_page(self, actor: CurrentActor, user_id: FromPath[int]) -> Template:
        """One user: edit the binding, disable, reset the password (each form carries the
        version it was read at)."""
        user = await service.get_user(actor, user_id)
        values = service.user_form_values(user)
        context = {"user": user, "values": values, "errors": {}, **await _choices()}
        return Template("accounts/user_edit.html", context=context)

    @post("/{user_id:int}", operation_id="updateUser")
    async def update_user(
        self, request: Request, actor: CurrentActor, user_id: FromPath[int]
    ) -> Template | Redirect:
        """Saves a user's name, role and binding over the version the form read."""

        async def update(data: dict) -> None:
            form = Form(data)
            await service.update_user(
                actor,
                user_id,
                full_name=form.raw("full_name"),
                role=form.raw("role"),
                commune_code=form.raw("commune") or None,
                sponsor_name=form.raw("sponsor") or None,
                version=form.raw("version"),
                province_code=form.raw("province") or None,
            )

        async def again(again: Again) -> Template:
            form = Form(again.values)
            values = {k: form.raw(k) for k in EDIT_FIELDS}
            return await _user_page(actor, user_id, values, again)

        return await save_form(request, actor, update, f"/admin/users/{user_id}?saved=1", again)

    @post("/{user_id:int}/active", operation_id="setUserActive")
    async def set_active(
        self, request: Request, actor: CurrentActor, user_id: FromPath[int]
    ) -> Template | Redirect:
        """Disables or enables a user over the version the page read."""

        async def switch(data: dict) -> None:
            form = Form(data)
            await service.set_active(actor, user_id, form.boolean("active"), form.raw("version"))

        async def again(again: Again) -> Template:
            return await _user_page(actor, user_id, None, again)

        return await save_form(request, actor, switch, f"/admin/users/{user_id}", again)

    @post("/{user_id:int}/password", operation_id="resetUserPassword")
    async def reset_password(
        self, request: Request, actor: CurrentActor, user_id: FromPath[int]
    ) -> Template | Redirect:
        """Sets a new password for a user over the version the page read."""

        async def reset(data: dict) -> None:
            form = Form(data)
            await service.reset_password(actor, user_id, form.raw("password"), form.raw("version"))

        async def again(again: Again) -> Template:
            return await _user_page(actor, user_id, None, again)

        return await save_form(request, actor, reset, f"/admin/users/{user_id}?password=1", again)
