"""Request and response bodies for units."""

from __future__ import annotations

from ninja import Schema
from pydantic import Field

from canbo.api.schemas.common import MAX_ID, MAX_INT, InSchema, PageFilter, Ref, UnitRef
from canbo.org.models import Unit


class UnitFilter(PageFilter):
    parent: int | None = Field(
        None, ge=1, le=MAX_ID, description="Only the direct children of this unit (id)."
    )
    kind: Unit.Kind | None = Field(None, description="Only units of this kind.")
    q: str = Field(
        "", max_length=100, description="Code or name, with or without diacritics."
    )


class UnitIn(InSchema):
    code: str = Field(max_length=32)
    name: str = Field(max_length=255)
    kind: Unit.Kind
    parent: Ref | None = Field(
        None, description="The parent unit's id or code; empty for a root unit."
    )
    staffing_quota: int = Field(0, le=MAX_INT)


class UnitPatch(InSchema):
    code: str | None = Field(None, max_length=32)
    name: str | None = Field(None, max_length=255)
    kind: Unit.Kind | None = None
    parent: Ref | None = Field(
        None, description="The new parent unit's id or code; moves the whole subtree."
    )
    staffing_quota: int | None = Field(None, le=MAX_INT)
    is_active: bool | None = None


class UnitOut(Schema):
    id: int
    code: str
    name: str
    kind: str
    parent: UnitRef | None
    depth: int
    staffing_quota: int
    is_active: bool


class UnitDetailOut(UnitOut):
    headcount: int = Field(description="Active staff managed directly by this unit.")
    subtree_headcount: int = Field(
        description="Active staff in this unit and all units below it."
    )


class UnitPage(Schema):
    count: int
    page: int
    page_size: int
    results: list[UnitOut]
