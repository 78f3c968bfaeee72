"""Logging in and out, throttled and audited, and changing one's own password."""

from __future__ import annotations

from contextlib import suppress
from datetime import timedelta
from typing import Any

from tortoise.transactions import in_transaction

from relief.accounts import sessions, tokens
from relief.accounts.auth import actor_of
from relief.accounts.models import LoginAttempt, User
from relief.accounts.passwords import check_password, dummy_hash, needs_rehash, new_password_hash
from relief.accounts.service import USER_FIELDS, password_error
from relief.core import audit, versions
from relief.core.actor import Actor
from relief.core.errors import Invalid
from relief.core.models import AuditEntry

WINDOW = timedelta(minutes=15)
# Failures counted per (username, address): five from one address stop that address only,
# so an attacker elsewhere cannot lock the owner out. A slower limit per username stops a
# guess spread over many addresses, but only at addresses that have failed for it themselves:
# the right password from an address that has not failed always passes it, so no stranger
# can lock an officer out from everywhere. One per address stops one address trying many
# names. A refused (throttled) try is not a failure: it neither counts nor restarts a window.
MAX_FAILURES_PER_USERNAME_AND_ADDRESS = 5
MAX_FAILURES_PER_USERNAME = 30
MAX_FAILURES_PER_ADDRESS = 20


class LoginRefused(Exception):
    """Wrong credentials, a disabled account or too many tries: the message says which."""

    def __init__(self, message: str, throttled: bool = False) -> None:
        super().__init__(message)
        self.message = message
        self.throttled = throttled


def _at(ip: str | None) -> dict[str, Any]:
    return {"ip": ip} if ip else {"ip__isnull": True}


async def _throttled(username_key: str, ip: str | None) -> dict[str, int] | None:
    """The failures that stop this try (the limit reached and the counts), None if it may go."""
    recent = LoginAttempt.filter(at__gte=sessions.now() - WINDOW)
    here = await recent.filter(username_key=username_key, **_at(ip)).count()
    if here >= MAX_FAILURES_PER_USERNAME_AND_ADDRESS:
        return {"failures_here": here}
    if ip:
        from_address = await recent.filter(ip=ip).count()
        if from_address >= MAX_FAILURES_PER_ADDRESS:
            return {"failures_here": here, "failures_from_address": from_address}
    if here:  # an address that has not failed for this username is never stopped by it
        for_username = await recent.filter(username_key=username_key).count()
        if for_username >= MAX_FAILURES_PER_USERNAME:
            return {"failures_here": here, "failures_for_username": for_username}
    return None


async def _audit_throttled(actor: Actor, username_key: str, counts: dict[str, int]) -> None:
    """One entry per username and address in a window, however many tries are refused: the
    first refusal is recorded with the failures that caused it, later ones are not."""
    if not await User.exists(username=username_key):
        return  # unknown names: their failures are summed up (see above)
    already = await AuditEntry.filter(
        action="login_throttled",
        username=username_key,
        at__gte=sessions.now() - WINDOW,
        **_at(actor.ip),
    ).exists()
    if not already:
        await audit.record(
            actor, "login_throttled", "session", after=counts, reason="too many failures"
        )


async def summarise_failed_logins() -> None:
    """Failures older than the window leave the throttle's table; those for usernames no
    account has become one audit entry per username with their count, not a row per try
    (failures on a real account were audited one by one, each concerns its owner)."""
    old = await LoginAttempt.filter(at__lt=sessions.now() - WINDOW).values(
        "id", "username_key", "ip", "at"
    )
    if not old:
        return
    names = {row["username_key"] for row in old}
    known = set(await User.filter(username__in=list(names)).values_list("username", flat=True))
    groups: dict[str, list[dict]] = {}
    for row in old:
        if row["username_key"] not in known:
            groups.setdefault(row["username_key"], []).append(row)
    async with in_transaction():
        ids = [row["id"] for row in old]
        if await LoginAttempt.filter(id__in=ids).delete() != len(ids):
            raise AlreadySummarised()  # another request took them: write nothing twice
        for username_key, rows in groups.items():
            times = sorted(row["at"] for row in rows)
            await audit.record(
                Actor(role=None, username=username_key),
                "login_failed",
                "session",
                after={
                    "failures": len(rows),
                    "first": times[0].isoformat(),
                    "last": times[-1].isoformat(),
                    "addresses": sorted({row["ip"] or "" for row in rows})[:20],
                },
                reason="unknown username",
            )


class AlreadySummarised(Exception):
    pass


async def log_in(
    username: str, password: str, ip: str | None, user_agent: str, previous_session: str | None
) -> tuple[User, str]:
    """Checks the credentials and opens a new session; returns the user and the cookie value."""
    username_key = (username or "").strip().lower()
    attempt_actor = Actor(role=None, username=username_key[:150], ip=ip)
    with suppress(AlreadySummarised):
        await summarise_failed_logins()
    counts = await _throttled(username_key, ip)
    if counts is not None:
        async with in_transaction():
            await _audit_throttled(attempt_actor, username_key[:150], counts)
        raise LoginRefused(
            "Too many failed logins. Please wait 15 minutes and try again.", throttled=True
        )
    user = await User.get_or_none(username=username_key)
    valid = await check_password(user.password_hash if user else dummy_hash(), password or "")
    if user is None or not valid or not user.is_active:
        async with in_transaction():
            await LoginAttempt.create(username_key=username_key[:150], ip=ip)
            if user is not None:  # unknown usernames are audited in sums (see above)
                await audit.record(
                    Actor(role=None, user_id=user.id, username=user.username, ip=ip),
                    "login_failed",
                    "session",
                    reason="disabled account" if valid else "wrong username or password",
                )
        if user is not None and valid and not user.is_active:
            raise LoginRefused("This account is disabled. Ask your administrator.")
        raise LoginRefused("Wrong username or password.")
    # Not an edit of the user: the login writes only its own columns, outside the versioned
    # path (core.versions), so that it neither bumps the version an administrator's open form
    # holds nor writes back anything else it read. The rehash applies only while the stored
    # hash is still the one just checked (a password reset meanwhile wins), and the login
    # only while the account is still active (a disabling meanwhile wins).
    rehashed = await new_password_hash(password) if needs_rehash(user.password_hash) else None
    async with in_transaction():
        now = sessions.now()
        if not await User.filter(id=user.id, is_active=True).update(last_login_at=now):
            raise LoginRefused("This account is disabled. Ask your administrator.")
        user.last_login_at = now
        if rehashed is not None:
            await User.filter(id=user.id, password_hash=user.password_hash).update(
                password_hash=rehashed
            )
        # Only this address's failures: those of other addresses (an attacker's) still count.
        await LoginAttempt.filter(username_key=username_key, **_at(ip)).delete()
        token = await sessions.start(user, ip, user_agent, previous_session)
        await audit.record(actor_of(user, ip), "login", "session", commune_id=user.commune_id)
    return user, token


async def log_out(actor: Actor, session_token: str | None) -> None:
    async with in_transaction():
        await sessions.end(session_token)
        if actor.user_id:
            await audit.record(actor, "logout", "session", commune_id=actor.commune_id)


async def change_password(
    actor: Actor, current: str, new: str, confirm: str, session_token: str | None
) -> str:
    """Changes the actor's own password, ends every session and API token, opens a fresh
    session."""
    user = await User.get(id=actor.user_id)
    errors: dict[str, str] = {}
    if not await check_password(user.password_hash, current or ""):
        errors["current"] = "This is not your current password."
    if message := password_error(new, user.username):
        errors["new"] = message
    elif new != confirm:
        errors["confirm"] = "The two passwords differ."
    if errors:
        raise Invalid(errors)
    started: dict[str, str] = {}

    async def new_session(saved: User) -> None:
        await sessions.end_all(saved.id)
        await tokens.revoke_all(saved.id)
        started["token"] = await sessions.start(saved, actor.ip, "", None)

    # A change of the user row like an administrator's: versioned, over the row just read.
    await versions.save(
        actor,
        user,
        user.version,
        {"password_hash": await new_password_hash(new)},
        entity="user",
        audited=USER_FIELDS,
        action="change_password",
        then=new_session,
    )
    return started["token"]
