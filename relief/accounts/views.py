"""Pages for logging in and out, one's own account, and API tokens."""

from __future__ import annotations

from litestar import Controller, Request, get, post
from litestar.params import FromPath, FromQuery
from litestar.response import Redirect, Template

from relief.accounts import login, rescue, sessions, tokens
from relief.accounts.auth import client_ip
from relief.core.actor import CurrentActor
from relief.core.forms import Form, read_form
from relief.core.guards import login_required
from relief.core.pages import Again, save_form
from relief.core.roles import spec
from relief.core.web import safe_next


def _session_cookie(response, token: str, request: Request, user_id: int) -> None:
    """The session, and beside it whose phone this is (signed), which outlives a lost session
    cookie so that a form posted then is kept for its officer (relief.accounts.rescue)."""
    settings = request.app.state.settings
    response.set_cookie(
        sessions.SESSION_COOKIE,
        token,
        httponly=True,
        samesite="lax",
        secure=settings.https,
        path="/",
    )
    response.set_cookie(
        rescue.OWNER_COOKIE,
        rescue.owner_value(user_id, settings.secret_key),
        max_age=int(rescue.OWNER_FOR.total_seconds()),
        httponly=True,
        samesite="lax",
        secure=settings.https,
        path="/",
    )


class LoginViews(Controller):
    path = "/"
    tags = ["accounts"]
    include_in_schema = False

    @get("/login", operation_id="loginPage")
    async def login_page(self, next: FromQuery[str | None] = None) -> Template:
        """The login form."""
        return Template("accounts/login.html", context={"next": safe_next(next), "error": None})

    @post("/login", operation_id="login")
    async def login(self, request: Request) -> Template | Redirect:
        """Checks the credentials; a new session id every time (no fixation)."""
        form = Form(await read_form(request))
        username, next_url = form.text("username"), safe_next(form.raw("next"))
        try:
            user, token = await login.log_in(
                username,
                form.raw("password"),
                client_ip(request.scope),
                request.headers.get("user-agent", ""),
                request.cookies.get(sessions.SESSION_COOKIE),
            )
        except login.LoginRefused as refused:
            return Template(
                "accounts/login.html",
                status_code=429 if refused.throttled else 422,
                context={"next": next_url, "error": refused.message, "username": username},
            )
        target = next_url if next_url != "/" else spec(user.role).landing
        response = Redirect(target, status_code=303)
        _session_cookie(response, token, request, user.id)
        return response

    @post("/logout", operation_id="logout")
    async def logout(self, request: Request, actor: CurrentActor) -> Redirect:
        """Ends the session."""
        await login.log_out(actor, request.cookies.get(sessions.SESSION_COOKIE))
        response = Redirect("/", status_code=303)
        response.delete_cookie(sessions.SESSION_COOKIE, path="/")
        response.delete_cookie(rescue.OWNER_COOKIE, path="/")
        return response


class AccountViews(Controller):
    path = "/account"
    tags = ["accounts"]
    guards = [login_required]
    include_in_schema = False

    async def _page(self, actor, **context) -> dict:
        return {"tokens": await tokens.list_tokens(actor), "errors": {}, **context}

    @get("/", operation_id="accountPage")
    async def account(self, actor: CurrentActor) -> Template:
        """One's own account: password and API tokens."""
        return Template("accounts/account.html", context=await self._page(actor))

    @post("/password", operation_id="changePassword")
    async def change_password(self, request: Request, actor: CurrentActor) -> Template | Redirect:
        """Changes one's own password; every other session ends."""
        changed: dict[str, str] = {}

        async def change(data: dict) -> None:
            form = Form(data)
            changed["token"] = await login.change_password(
                actor,
                form.raw("current"),
                form.raw("new"),
                form.raw("confirm"),
                request.cookies.get(sessions.SESSION_COOKIE),
            )

        async def again(again: Again) -> Template:
            context = await self._page(actor, errors=again.errors)
            return Template("accounts/account.html", context=context, status_code=again.status)

        response = await save_form(request, actor, change, "/account?changed=1", again)
        if "token" in changed and actor.user_id is not None:  # replaces every other session
            _session_cookie(response, changed["token"], request, actor.user_id)
        return response

    @post("/tokens", operation_id="createOwnToken")
    async def create_token(self, request: Request, actor: CurrentActor) -> Template:
        """Creates an API token and shows it once."""
        form = Form(await read_form(request))
        _token, plain = await tokens.create_token(actor, actor.username, form.text("name"))
        context = await self._page(actor, new_token=plain)
        return Template("accounts/account.html", context=context, status_code=201)

    @post("/tokens/{token_id:int}/revoke", operation_id="revokeOwnToken")
    async def revoke_token(self, actor: CurrentActor, token_id: FromPath[int]) -> Redirect:
        """Revokes one of one's own API tokens."""
        await tokens.revoke_token(actor, token_id)
        return Redirect("/account", status_code=303)
