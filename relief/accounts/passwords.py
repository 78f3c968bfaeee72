"""Password hashing with argon2 (argon2-cffi) and API token generation."""

from __future__ import annotations

import hashlib
import secrets

from argon2 import PasswordHasher, profiles
from argon2.exceptions import InvalidHashError, VerificationError

_hasher = PasswordHasher()  # argon2-cffi's defaults (RFC 9106, low memory)
_hashers: dict[str, PasswordHasher] = {}  # profile name -> its hasher, made once
_dummy: dict[int, str] = {}  # id of a hasher -> a hash of no one's password made with it
TOKEN_PREFIX = "rlf_"
MIN_PASSWORD_LENGTH = 10


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(password_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


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
