"""Login sessions kept in the database: a random cookie value, only its hash stored."""

from __future__ import annotations

import hashlib
import secrets
from datetime import UTC, datetime, timedelta

from relief.accounts.models import Session, User

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


async def resolve(token: str | None, idle_minutes: int) -> User | None:
    """The active user of a session cookie, or None; an idle session is ended (its row goes
    ENDED_ROW_KEPT later; it never comes back to life, as nothing touches it any more)."""
    if not token:
        return None
    session = await Session.get_or_none(id=_hash(token)).select_related("user")
    if session is None:
        return None
    current = now()
    idle = current - session.last_seen_at - timedelta(minutes=idle_minutes)
    if idle > timedelta(0) or not session.user.is_active:
        if idle > ENDED_ROW_KEPT or not session.user.is_active:
            await session.delete()
        return None
    if current - session.last_seen_at > TOUCH_EVERY:
        await Session.filter(id=session.id).update(last_seen_at=current)
    return session.user


async def end(token: str | None) -> None:
    if token:
        await Session.filter(id=_hash(token)).delete()


async def end_all(user_id: int) -> None:
    """Logs a user out everywhere (password change, disabling)."""
    await Session.filter(user_id=user_id).delete()
