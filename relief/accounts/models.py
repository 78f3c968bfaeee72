"""Users, sessions kept in the database, API tokens and login attempts."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tortoise import fields
from tortoise.models import Model

from relief.core.actor import Role

if TYPE_CHECKING:
    from relief.places.models import Commune, Province
    from relief.sponsors.models import Sponsor


class User(Model):
    id = fields.IntField(primary_key=True)
    username = fields.CharField(max_length=150, unique=True)
    password_hash = fields.CharField(max_length=255)
    full_name = fields.CharField(max_length=150, default="")
    role = fields.CharEnumField(Role, max_length=32)  # the roles: core.roles
    commune: fields.ForeignKeyNullableRelation[Commune] = fields.ForeignKeyField(
        "models.Commune", related_name="users", null=True, on_delete=fields.RESTRICT
    )
    commune_id: int | None
    sponsor: fields.ForeignKeyNullableRelation[Sponsor] = fields.ForeignKeyField(
        "models.Sponsor", related_name="users", null=True, on_delete=fields.RESTRICT
    )
    sponsor_id: int | None
    # The province a province officer or a province's Front officer reads (core.scope).
    province: fields.ForeignKeyNullableRelation[Province] = fields.ForeignKeyField(
        "models.Province", related_name=False, null=True, on_delete=fields.RESTRICT
    )
    province_id: int | None
    is_active = fields.BooleanField(default=True)
    language = fields.CharField(max_length=2, null=True)
    created_at = fields.DatetimeField(auto_now_add=True)
    last_login_at = fields.DatetimeField(null=True)
    # Bumped by every change of the user (accounts.service through core.versions); the login's
    # own columns (last login, a rehashed password) are written beside it, not through it.
    version = fields.IntField(default=1, db_default=1)

    class Meta:
        table = "user"

    def __str__(self) -> str:
        return self.username


class Session(Model):
    """A login session: the cookie holds a random id, the table holds only its hash."""

    id = fields.CharField(max_length=64, primary_key=True)
    user: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="sessions", on_delete=fields.CASCADE
    )
    user_id: int
    created_at = fields.DatetimeField(auto_now_add=True)
    last_seen_at = fields.DatetimeField(db_index=True)
    ip = fields.CharField(max_length=64, null=True)
    user_agent = fields.CharField(max_length=255, default="")

    class Meta:
        table = "session"


class KeptForm(Model):
    """A form posted after its session ended, kept for its user until they log in again.

    The browser holds only a random key (a cookie, never the URL); the table holds its hash,
    the user whose session it was, where it was posted from and to, and the posted body.
    """

    id = fields.CharField(max_length=64, primary_key=True)
    user: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "models.User", related_name=False, on_delete=fields.CASCADE
    )
    user_id: int
    page = fields.CharField(max_length=1000)  # the page the form was on (login comes back here)
    action = fields.CharField(max_length=1000)  # where it was posted
    content_type = fields.CharField(max_length=255)
    body = fields.BinaryField()
    created_at = fields.DatetimeField(auto_now_add=True, db_index=True)

    class Meta:
        table = "kept_form"


class ApiToken(Model):
    id = fields.IntField(primary_key=True)
    user: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="api_tokens", on_delete=fields.CASCADE
    )
    user_id: int
    name = fields.CharField(max_length=100, default="")
    token_hash = fields.CharField(max_length=64, unique=True)
    prefix = fields.CharField(max_length=12)  # shown in lists so a token can be recognised
    created_at = fields.DatetimeField(auto_now_add=True)
    last_used_at = fields.DatetimeField(null=True)
    revoked_at = fields.DatetimeField(null=True)

    class Meta:
        table = "api_token"


class LoginAttempt(Model):
    """Failed logins, counted per username and per address to throttle guessing."""

    id = fields.BigIntField(primary_key=True)
    username_key = fields.CharField(max_length=150)
    ip = fields.CharField(max_length=64, null=True)
    at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "login_attempt"
        indexes = (("username_key", "at"), ("ip", "at"))
