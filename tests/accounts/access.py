"""Access rules of the accounts routes."""

from tests.access import ADMIN, EVERYONE, STAFF, Rule


async def _user_id(role: str, in_scope: bool) -> int | None:
    from relief.accounts.models import User

    user = await User.filter(role="province").order_by("id").first()
    return user.id if in_scope else None


async def _token_id(role: str, in_scope: bool) -> int | None:
    """A token of another user: only its owner and the admin may revoke it (others: 404)."""
    from relief.accounts.models import ApiToken, User

    owner = await User.get_or_none(username="matrix.owner")
    if owner is None:
        owner = await User.create(username="matrix.owner", password_hash="x", role="province")
        await ApiToken.create(user=owner, token_hash="0" * 64, prefix="rlf_matrix")
    token = await ApiToken.get(user=owner)
    return token.id


RULES = {
    ("GET", "/login"): Rule(EVERYONE, public=True),
    # The walk's sixth failed login from one address and username (an empty form from each role
    # in turn: the ministry's, then the anonymous one) is throttled: five failures in 15 minutes
    # stop that address.
    ("POST", "/login"): Rule(EVERYONE, public=True, answers={"ministry": 429, "anonymous": 429}),
    ("POST", "/logout"): Rule(EVERYONE, public=True, answers=303),
    ("GET", "/account"): Rule(EVERYONE),
    ("POST", "/account/password"): Rule(EVERYONE),
    ("POST", "/account/tokens"): Rule(EVERYONE, answers=201),  # a name is optional
    ("POST", "/account/tokens/{token_id:int}/revoke"): Rule(EVERYONE, own=True, answers=303),
    ("GET", "/admin/users"): Rule(ADMIN),
    ("GET", "/admin/users/new"): Rule(ADMIN),
    ("POST", "/admin/users/new"): Rule(ADMIN),
    ("GET", "/admin/users/{user_id:int}"): Rule(ADMIN),
    ("POST", "/admin/users/{user_id:int}"): Rule(ADMIN),
    ("POST", "/admin/users/{user_id:int}/active"): Rule(ADMIN),  # no version sent: 422
    ("POST", "/admin/users/{user_id:int}/password"): Rule(ADMIN),
    ("GET", "/audit"): Rule(STAFF),
    ("GET", "/api/v1/me"): Rule(EVERYONE),
}
RESOLVERS = {"user_id": _user_id, "token_id": _token_id}
