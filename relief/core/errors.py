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


REQUIRED = "This field is required."
NOT_OBJECT = "Send a JSON object."

# A stable machine code beside each (translated) field message, so that API clients need not
# read text; a rule without a code of its own is `invalid`.
CODES = {
    REQUIRED: "required",
    NOT_OBJECT: "not_object",
    "Enter a whole number.": "not_integer",
    "Enter a number.": "not_number",
    "Enter text.": "not_text",
    "Enter true or false.": "not_boolean",
    "Send a list.": "not_list",
    "Enter a date as yyyy-mm-dd.": "not_date",
    "Enter a date as dd/mm/yyyy.": "not_date",
    "Choose one of the options.": "not_a_choice",
    "This number is out of range.": "out_of_range",
    "This text is too long.": "too_long",
    "This value is not valid.": "invalid",
    "A list holds at most 1000 items.": "too_many_items",  # relief.core.bodies
    "A name needs at least one letter.": "no_letter",  # relief.core.text
    "The version of the record you edited is missing.": "required",
    # relief.aid.stock: goods given out beyond what the commune's stock holds (409).
    "More than the commune's stock holds: see what is left beside the goods.": "out_of_stock",
}


def code_for(message: str) -> str:
    """The machine code of a field message."""
    return CODES.get(message, "invalid")
