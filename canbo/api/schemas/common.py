"""Schemas shared by every resource: references, errors and pages."""

from __future__ import annotations

from typing import Annotated, Any

from django.utils.translation import gettext as _
from ninja import Schema
from pydantic import ConfigDict, Field, StrictInt, field_validator

# Largest id the databases accept (a signed 64-bit integer).
MAX_ID = 2**63 - 1
# Largest value of a PositiveIntegerField on every supported database.
MAX_INT = 2**31 - 1
MAX_PAGE_SIZE = 200

# A reference to a unit, post or job position: its id (a number) or its code (a string).
Ref = StrictInt | Annotated[str, Field(min_length=1, max_length=32)]
ObjectId = Annotated[int, Field(ge=1, le=MAX_ID)]


def _refuse_nul(value: Any) -> Any:
    # PostgreSQL cannot store NUL characters: refuse them as input, not as a crash.
    if isinstance(value, str) and "\x00" in value:
        raise ValueError(_("This text contains a character that is not allowed."))
    return value


class InSchema(Schema):
    """Base of request bodies: unknown fields are refused, choices arrive as plain values."""

    model_config = ConfigDict(extra="forbid", use_enum_values=True)

    _text = field_validator("*")(_refuse_nul)


class UnitRef(Schema):
    id: int
    code: str
    name: str


class CodeRef(Schema):
    id: int
    code: str
    name: str


class PersonRef(Schema):
    id: int
    full_name: str


class PageFilter(Schema):
    _text = field_validator("*")(_refuse_nul)

    page: int = Field(1, ge=1, le=1_000_000, description="Page number, from 1.")
    page_size: int = Field(
        50, ge=1, le=MAX_PAGE_SIZE, description="Rows per page, at most 200."
    )


class ErrorOut(Schema):
    detail: str


class InvalidOut(Schema):
    detail: str
    errors: dict[str, list[str]] = Field(
        description='Reasons by field name; "__all__" holds reasons that belong to no single field.'
    )


ERRORS: dict[int, Any] = {401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: InvalidOut}
