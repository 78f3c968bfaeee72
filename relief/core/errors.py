"""Domain errors raised by services and mapped once to HTTP answers (404/409/422/403)."""

from __future__ import annotations

from typing import Any


class DomainError(Exception):
    status_code = 400

    def __init__(self, message: str = "", **params: Any) -> None:
        super().__init__(message)
        self.message = message
        self.params = params


class NotFound(DomainError):
    """The record does not exist or is outside the actor's scope: the two look the same."""

    status_code = 404

    def __init__(self, message: str = "Not found.", **params: Any) -> None:
        super().__init__(message, **params)


class Forbidden(DomainError):
    status_code = 403

    def __init__(self, message: str = "You are not allowed to do this.", **params: Any) -> None:
        super().__init__(message, **params)


class Conflict(DomainError):
    """A save based on an old version, or a duplicate; `details` says what is in the way."""

    status_code = 409

    def __init__(self, message: str, details: dict[str, Any] | None = None, **params: Any):
        super().__init__(message, **params)
        self.details = details or {}


class Invalid(DomainError):
    """Bad input: one message per field (message ids, translated when shown)."""

    status_code = 422

    def __init__(self, field_errors: dict[str, str], message: str = "Please correct the errors."):
        super().__init__(message)
        self.field_errors = field_errors
