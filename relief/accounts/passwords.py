"""Password hashing with argon2 (argon2-cffi) and API token generation.

A hash with the default parameters takes 64 MiB and a fifth of a second of CPU. The server
hashes off the event loop (other requests go on meanwhile) and at most `AT_ONCE` at a time
in a process, so simultaneous logins wait their turn instead of each adding 64 MiB.
"""

from __future__ import annotations

import asyncio
import hashlib
import secrets
import weakref

from argon2 import PasswordHasher, profiles
from argon2.exceptions import InvalidHashError, VerificationError

_hasher = PasswordHasher()  # argon2-cffi's defaults (RFC 9106, low memory)
_hashers: dict[str, PasswordHasher] = {}  # profile name -> its hasher, made once
_dummy: dict[int, str] = {}  # id of a hasher -> a hash of no one's password made with it
TOKEN_PREFIX = "rlf_"
MIN_PASSWORD_LENGTH = 10
AT_ONCE = 2  # hashes computed at the same time in one process
# One semaphore per event loop (a process has one; the tests start several, one after another).
_turns: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, asyncio.Semaphore] = (
    weakref.WeakKeyDictionary()
)
running = 0  # hashes being computed now, each holding the profile's memory


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(password_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


async def _in_turn(work, *args):
    global running
    loop = asyncio.get_running_loop()
    turns = _turns.get(loop) or _turns.setdefault(loop, asyncio.Semaphore(AT_ONCE))
    async with turns:
        running += 1
        try:
            return await asyncio.to_thread(work, *args)
        finally:
            running -= 1


async def check_password(password_hash: str, password: str) -> bool:
    """`verify_password` for the server: off the event loop, `AT_ONCE` at a time."""
    return bool(await _in_turn(verify_password, password_hash, password))


async def new_password_hash(password: str) -> str:
    """`hash_password` for the server: off the event loop, `AT_ONCE` at a time."""
    return str(await _in_turn(hash_password, password))


def dummy_hash() -> str:
    """A hash of no one's password with the current parameters, made on first use: verifying
    an unknown user against it takes as long as a wrong password does."""
    if id(_hasher) not in _dummy:
        _dummy[id(_hasher)] = _hasher.hash("not-a-real-password")
    return _dummy[id(_hasher)]


def needs_rehash(password_hash: str) -> bool:
    return _hasher.check_needs_rehash(password_hash)


def use_profile(name: str) -> None:
    """Hashes new passwords with one of argon2's parameter profiles (the setting
    RELIEF_PASSWORD_PROFILE, applied where the app and the commands start).

    A hash carries its own parameters, so any hash verifies whatever the current ones are, and
    a login on a hash made with other parameters than the current ones rehashes it.
    """
    global _hasher
    if name not in _hashers:
        _hashers[name] = PasswordHasher.from_parameters(getattr(profiles, name))
    _hasher = _hashers[name]


def new_token() -> str:
    """A bearer token shown once; only its SHA-256 is stored (it has 256 bits of entropy)."""
    return TOKEN_PREFIX + secrets.token_urlsafe(32)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def new_password() -> str:
    return secrets.token_urlsafe(12)
