"""The JSON API's contract: typed request bodies decoded late, one error shape, documented errors.

A handler takes `data: Body[SomeIn]`: OpenAPI shows `SomeIn`'s schema, but the body is only
kept as sent until the handler calls `decode()` — after the record has been found in the
caller's scope, so that a record outside it answers 404 whatever the body. `decode()` checks
every field at once and raises one `Invalid` naming each bad field, like a form would.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Annotated, Any, Generic, TypeAlias, TypeVar, get_origin

import msgspec
from litestar.datastructures import UploadFile
from litestar.openapi.datastructures import ResponseSpec
from litestar.openapi.spec import (
    OpenAPIFormat,
    OpenAPIMediaType,
    OpenAPIType,
    Operation,
    Reference,
    RequestBody,
    Schema,
)
from litestar.params import BodyKwarg, QueryParameter
from litestar.plugins import OpenAPISchemaPlugin
from litestar.typing import FieldDefinition

from relief.core.bodies import TOO_MANY_ITEMS, too_long_list
from relief.core.errors import NOT_OBJECT, REQUIRED, Invalid
from relief.core.text import clean_value
from relief.core.web import MAX_ID

S = TypeVar("S", bound=msgspec.Struct)
UNSET = msgspec.UNSET
MAX_PER_PAGE = 200

Id = Annotated[int, msgspec.Meta(ge=1, le=MAX_ID)]
Money = Annotated[int, msgspec.Meta(ge=0, le=10**13)]  # whole đồng

# The query parameters every list takes.
PageNo = Annotated[
    int, QueryParameter(ge=1, le=100_000, description="The page, from 1 (the last if beyond).")
]
PerPage = Annotated[
    int, QueryParameter(ge=1, le=MAX_PER_PAGE, description="Rows a page, at most 200.")
]
CommuneCode = Annotated[
    str | None,
    QueryParameter(
        min_length=5, max_length=5, description="Only this commune (its 5-digit GSO code)."
    ),
]
Search = Annotated[str, QueryParameter(max_length=100, description="Search text.")]
QueryId = Annotated[int | None, QueryParameter(ge=1, le=MAX_ID)]
T = TypeVar("T")


class Page(msgspec.Struct, Generic[T]):
    """One page of a list: its rows, how many there are in all, this page and the last."""

    items: list[T]
    total: int
    page: int
    pages: int


class Sent(Generic[S]):
    """A JSON request body kept as sent, documented as its shape `S` (see `decode`)."""

    __slots__ = ("raw",)

    def __init__(self, raw: Any) -> None:
        self.raw = raw


if TYPE_CHECKING:
    # To a type checker the body is the kept one, or what a handler rebinds it to once decoded
    # (`data = decode(SomeIn, data)`).
    Body: TypeAlias = Sent[S] | S
else:

    class Body:
        """`data: Body[SomeIn]`: the request body, kept as sent and documented as `SomeIn`."""

        def __class_getitem__(cls, shape: type[msgspec.Struct]) -> Any:
            return Annotated[Sent[shape], BodyKwarg()]


def is_body_type(annotation: Any) -> bool:
    return get_origin(annotation) is Sent


def body_decoder(annotation: Any, value: Any) -> Sent:
    return Sent(value)


class BodySchemaPlugin(OpenAPISchemaPlugin):
    """Documents `Sent[S]` with the schema of `S`."""

    @staticmethod
    def is_plugin_supported_type(value: Any) -> bool:
        return is_body_type(value)

    def is_plugin_supported_field(self, field_definition: FieldDefinition) -> bool:
        return field_definition.origin is Sent

    def to_openapi_schema(self, field_definition: FieldDefinition, schema_creator) -> Any:
        shape = FieldDefinition.from_annotation(field_definition.args[0])
        return schema_creator.for_field_definition(shape)


_PATH = re.compile(r"at `\$((?:\.\w+|\[\d+\])*)`")


def _message(exc: msgspec.ValidationError, annotation: Any) -> tuple[str, str]:
    """The message id for a value msgspec refused, and the path below the field ("" if none)."""
    text = str(exc)
    at = _PATH.search(text)
    path = at.group(1).replace("[", ".").replace("]", "") if at else ""
    if text.startswith("Object missing required field"):
        return REQUIRED, path + "." + text.split("`")[1]
    if "Invalid enum value" in text:
        return "Choose one of the options.", path
    if re.search(r"Expected `\w+` of length [<>]=?", text):
        return "This text is too long.", path
    if re.search(r"Expected `\w+` [<>]=?", text):
        return "This number is out of range.", path
    if "Invalid RFC3339" in text or "Expected `date`" in text:
        return "Enter a date as yyyy-mm-dd.", path
    for name, message in (
        ("int", "Enter a whole number."),
        ("float", "Enter a number."),
        ("bool", "Enter true or false."),
        ("str", "Enter text."),
        ("array", "Send a list."),
        ("object", NOT_OBJECT),
    ):
        if f"Expected `{name}" in text:
            return message, path
    return "This value is not valid.", path


def decode(shape: type[S], body: Sent | Any) -> S:
    """The body as `shape`, or one `Invalid` naming every missing or ill-typed field.

    Numbers and booleans sent as strings are accepted (as a form would send them); fields left
    out keep their defaults (`UNSET` in a partial update). A list of more than `MAX_ITEMS`
    anywhere in the body is refused first (`relief.core.bodies`).
    """
    raw = body.raw if isinstance(body, Sent) else body
    if not isinstance(raw, dict):
        raise Invalid({"body": NOT_OBJECT})
    too_long = too_long_list(raw)  # before anything is built of the items
    if too_long is not None:
        raise Invalid({too_long: TOO_MANY_ITEMS})
    raw = clean_value(raw)  # no control or invisible characters, as in forms
    values: dict[str, Any] = {}
    errors: dict[str, str] = {}
    for field in msgspec.structs.fields(shape):
        if field.encode_name not in raw:
            if field.required:
                errors[field.name] = REQUIRED
            continue
        try:
            values[field.name] = msgspec.convert(
                raw[field.encode_name], field.type, strict=False, dec_hook=_dec_hook
            )
        except msgspec.ValidationError as exc:
            message, below = _message(exc, field.type)
            errors[field.name + below] = message
    if errors:
        raise Invalid(errors)
    return shape(**values)


def _dec_hook(annotation: Any, value: Any) -> Any:
    if annotation is date and isinstance(value, str):
        return date.fromisoformat(value)
    raise NotImplementedError


def set_fields(data: msgspec.Struct) -> dict[str, Any]:
    """The fields of a decoded body that were sent (not `UNSET`)."""
    return {
        name: value
        for name in data.__struct_fields__
        if (value := getattr(data, name)) is not UNSET
    }


def multipart(shape: type[msgspec.Struct]) -> type[Operation]:
    """An operation class documenting a multipart form body of `shape`'s fields, for handlers
    that read the form themselves (after the scope check, like `decode`)."""
    properties: dict[str, Schema | Reference] = {
        field.name: Schema(type=OpenAPIType.STRING, format=OpenAPIFormat.BINARY)
        if field.type is UploadFile
        else Schema(type=OpenAPIType.STRING)
        for field in msgspec.structs.fields(shape)
    }
    required = [field.name for field in msgspec.structs.fields(shape) if field.required]
    schema = Schema(type=OpenAPIType.OBJECT, properties=properties, required=required)
    body = RequestBody(
        required=True, content={"multipart/form-data": OpenAPIMediaType(schema=schema)}
    )

    @dataclass
    class MultipartOperation(Operation):
        def __post_init__(self) -> None:
            self.request_body = body

    return MultipartOperation


class ErrorOut(msgspec.Struct):
    """Every error answer of the API: a translated `detail`, and for bad input one message and
    one machine code per field."""

    status_code: int
    detail: str
    errors: dict[str, str] | msgspec.UnsetType = UNSET
    codes: dict[str, str] | msgspec.UnsetType = UNSET
    details: dict[str, Any] | msgspec.UnsetType = UNSET


_DESCRIPTIONS = {
    400: "The request could not be understood (a query parameter of the wrong type).",
    401: "No valid API token.",
    403: "The token's role may not do this.",
    404: "No such record in the caller's scope.",
    409: "The record changed since it was read (details say what changed), or is in use.",
    422: "Bad input: `errors` has a message and `codes` a machine code for each bad field.",
}


def error_responses(*statuses: int) -> dict[int, ResponseSpec]:
    """The error answers of an operation, for `responses=`; 401 and 403 always apply."""
    return {
        status: ResponseSpec(
            data_container=ErrorOut, description=_DESCRIPTIONS[status], generate_examples=False
        )
        for status in sorted({400, 401, 403, *statuses})
    }


READ = error_responses()
READ_ONE = error_responses(404)
CREATE = error_responses(404, 409, 422)
UPDATE = error_responses(404, 409, 422)
