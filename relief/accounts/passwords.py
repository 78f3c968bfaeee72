"""Password hashing with argon2 (argon2-cffi) and API token generation."""

from __future__ import annotations

import hashlib
import secrets

from argon2 import Parameters, PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

_hasher = PasswordHasher()  # argon2-cffi's defaults (RFC 9106, low memory)
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


def use_parameters(parameters: Parameters) -> None:
    """Hashes new passwords with other argon2 parameters; the test suite alone calls it, with
    argon2's cheapest profile (a default hash costs a fifth of a second of CPU).

    A hash carries its own parameters, so any hash verifies whatever the current ones are, and
    a login on a hash made with other parameters than the current ones rehashes it.
    """
    global _hasher
    _hasher = PasswordHasher.from_parameters(parameters)


def new_token() -> str:
    """A bearer token shown once; only its SHA-256 is stored (it has 256 bits of entropy)."""
    return TOKEN_PREFIX + secrets.token_urlsafe(32)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def new_password() -> str:
    return secrets.token_urlsafe(12)
