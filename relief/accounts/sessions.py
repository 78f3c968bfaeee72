"""Login sessions kept in the database: a random cookie value, only its hash stored."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from tortoise.backends.base.client import BaseDBAsyncClient

from relief.accounts.models import Session, User
from relief.core.actor import Role

SESSION_COOKIE = "relief_session"
# last_seen_at is written at most this often, so that reading a page costs no write.
TOUCH_EVERY = timedelta(minutes=1)
# An idle session ends at once, but its row stays this long after: a form posted later with
# it (from another tab, or after the page's own background requests) is still known to be its
# user's, and kept for them until they log in again.
ENDED_ROW_KEPT = timedelta(days=30)


def _hash(value: str) -> str:
    return hashlib.sha256(value.encode("utf-8")).hexdigest()


def now() -> datetime:
    return datetime.now(UTC)


async def start(user: User, ip: str | None, user_agent: str, previous: str | None) -> str:
    """A new session id at every login (no fixation); the presented one, if any, is ended."""
    if previous:
        await Session.filter(id=_hash(previous)).delete()
    token = secrets.token_urlsafe(32)
    await Session.create(
        id=_hash(token), user=user, last_seen_at=now(), ip=ip, user_agent=user_agent[:255]
    )
    return token


@dataclass(frozen=True)
class SignedIn:
    """Who a session or an API token belongs to: what a request's actor is made of."""

    id: int
    username: str
    role: Role
    commune_id: int | None
    sponsor_id: int | None
    province_id: int | None


# Every page asks who is logged in: one statement, written once, read as plain values (the query
# builder and two models per request cost more than the statement itself).
WHO = (
    "SELECT u.id, u.username, u.role, u.commune_id, u.sponsor_id, u.province_id, u.is_active, "
    '{stamp} AS stamp FROM "{table}" s JOIN "user" u ON u.id = s.user_id WHERE s.{key} = {mark}'
)
_statements: dict[tuple[str, str], str] = {}


def _statement(db: BaseDBAsyncClient, table: str) -> str:
    dialect = db.capabilities.dialect
    found = _statements.get((dialect, table))
    if found is None:
        session = table == "session"
        stamp, key = ("last_seen_at", "id") if session else ("last_used_at", "token_hash")
        extra = "" if table == "session" else " AND s.revoked_at IS NULL"
        mark = "$1" if dialect == "postgres" else "?"
        found = WHO.format(stamp=stamp, table=table, key=key, mark=mark) + extra
        _statements[(dialect, table)] = found
    return found


def _moment(value: Any) -> datetime | None:
    """A stored moment as an aware datetime (SQLite gives the text Tortoise wrote)."""
    if value is None or isinstance(value, datetime):
        return value
    moment = datetime.fromisoformat(str(value))
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


async def signed_in(table: str, key: str) -> tuple[SignedIn, datetime | None, bool] | None:
    """The user of a session (`table` "session", `key` the hashed cookie) or of a live API
    token ("api_token", its hash), the session's last moment seen (the token's last use), and
    whether the user is active; None when there is none."""
    db = Session._meta.db
    rows = await db.execute_query_dict(_statement(db, table), [key])
    if not rows:
        return None
    row = rows[0]
    who = SignedIn(
        id=row["id"],
        username=row["username"],
        role=Role(row["role"]),
        commune_id=row["commune_id"],
        sponsor_id=row["sponsor_id"],
        province_id=row["province_id"],
    )
    return who, _moment(row["stamp"]), bool(row["is_active"])


async def resolve(token: str | None, idle_minutes: int) -> SignedIn | None:
    """The active user of a session cookie, or None; an idle session is ended (its row goes
    ENDED_ROW_KEPT later; it never comes back to life, as nothing touches it any more)."""
    if not token:
        return None
    key = _hash(token)
    found = await signed_in("session", key)
    if found is None:
        return None
    user, last_seen, active = found
    current = now()
    assert last_seen is not None  # a session row always has one
    idle = current - last_seen - timedelta(minutes=idle_minutes)
    if idle > timedelta(0) or not active:
        if idle > ENDED_ROW_KEPT or not active:
            await Session.filter(id=key).delete()
        return None
    if current - last_seen > TOUCH_EVERY:
        await Session.filter(id=key).update(last_seen_at=current)
    return user


async def end(token: str | None) -> None:
    if token:
        await Session.filter(id=_hash(token)).delete()


async def end_all(user_id: int) -> None:
    """Logs a user out everywhere (password change, disabling)."""
    await Session.filter(user_id=user_id).delete()
