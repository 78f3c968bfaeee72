"""Administrator pages: users, their roles and bindings, disabling, password resets."""

from __future__ import annotations

from litestar import Controller, Request, get, post
from litestar.params import FromPath
from litestar.response import Redirect, Template

from relief.accounts import service
from relief.accounts.auth import CurrentActor, roles
from relief.core.errors import Invalid
from relief.core.forms import Form, read_form
from relief.core.i18n import gettext
from relief.core.scope import Role
from relief.places.models import Commune
from relief.sponsors.models import Sponsor


async def _choices() -> dict:
    communes = await Commune.all().order_by("-is_focus", "name_key")
    sponsors = await Sponsor.all().order_by("name_key")
    return {
        "communes": [(c.code, f"{c.name} ({c.code})") for c in communes],
        "sponsors": [(s.name, s.name) for s in sponsors],
        "role_options": [(r.value, gettext(f"role:{r.value}")) for r in Role],
    }


class AdminUserViews(Controller):
    path = "/admin/users"
    tags = ["accounts"]
    guards = [roles(Role.ADMIN)]
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
        form = Form(await read_form(request))
        values = {k: form.raw(k) for k in ("username", "full_name", "role", "commune", "sponsor")}
        try:
            user = await service.create_user(
                actor,
                values["username"],
                form.raw("password"),
                values["role"],
                full_name=values["full_name"],
                commune_code=values["commune"] or None,
                sponsor_name=values["sponsor"] or None,
            )
        except Invalid as exc:
            context = {"values": values, "errors": exc.field_errors, **await _choices()}
            return Template("accounts/user_new.html", context=context, status_code=422)
        return Redirect(f"/admin/users/{user.id}", status_code=303)

    @get("/{user_id:int}", operation_id="userPage")
    async def user_page(self, actor: CurrentActor, user_id: FromPath[int]) -> Template:
        """One user: edit the binding, disable, reset the password."""
        user = await service.get_user(actor, user_id)
        values = {
            "full_name": user.full_name,
            "role": user.role.value,
            "commune": user.commune.code if user.commune else "",
            "sponsor": user.sponsor.name if user.sponsor else "",
        }
        context = {"user": user, "values": values, "errors": {}, **await _choices()}
        return Template("accounts/user_edit.html", context=context)

    @post("/{user_id:int}", operation_id="updateUser")
    async def update_user(
        self, request: Request, actor: CurrentActor, user_id: FromPath[int]
    ) -> Template | Redirect:
        """Saves a user's name, role and binding."""
        form = Form(await read_form(request))
        values = {k: form.raw(k) for k in ("full_name", "role", "commune", "sponsor")}
        try:
            await service.update_user(
                actor,
                user_id,
                full_name=values["full_name"],
                role=values["role"],
                commune_code=values["commune"] or None,
                sponsor_name=values["sponsor"] or None,
            )
        except Invalid as exc:
            user = await service.get_user(actor, user_id)
            context = {
                "user": user,
                "values": values,
                "errors": exc.field_errors,
                **await _choices(),
            }
            return Template("accounts/user_edit.html", context=context, status_code=422)
        return Redirect(f"/admin/users/{user_id}?saved=1", status_code=303)

    @post("/{user_id:int}/active", operation_id="setUserActive")
    async def set_active(
        self, request: Request, actor: CurrentActor, user_id: FromPath[int]
    ) -> Redirect:
        """Disables or enables a user."""
        form = Form(await read_form(request))
        await service.set_active(actor, user_id, form.boolean("active"))
        return Redirect(f"/admin/users/{user_id}", status_code=303)

    @post("/{user_id:int}/password", operation_id="resetUserPassword")
    async def reset_password(
        self, request: Request, actor: CurrentActor, user_id: FromPath[int]
    ) -> Template | Redirect:
        """Sets a new password for a user."""
        form = Form(await read_form(request))
        try:
            await service.reset_password(actor, user_id, form.raw("password"))
        except Invalid as exc:
            user = await service.get_user(actor, user_id)
            values = {
                "full_name": user.full_name,
                "role": user.role.value,
                "commune": user.commune.code if user.commune else "",
                "sponsor": user.sponsor.name if user.sponsor else "",
            }
            context = {
                "user": user,
                "values": values,
                "errors": exc.field_errors,
                **await _choices(),
            }
            return Template("accounts/user_edit.html", context=context, status_code=422)
        return Redirect(f"/admin/users/{user_id}?password=1", status_code=303)
