"""Request and response bodies for assignments (a person in a post or job position)."""

from __future__ import annotations

from datetime import date

from ninja import Schema
from pydantic import Field

from canbo.api.schemas.common import (
    MAX_ID,
    CodeRef,
    InSchema,
    ObjectId,
    PageFilter,
    PersonRef,
    Ref,
    UnitRef,
)


class AssignmentFilter(PageFilter):
    person: int | None = Field(
        None, ge=1, le=MAX_ID, description="Only this person's assignments (id)."
    )
    unit: int | None = Field(
        None, ge=1, le=MAX_ID, description="Only assignments in this unit (id)."
    )
    current: bool | None = Field(
        None, description="true: open assignments only; false: ended ones only."
    )


class AssignmentIn(InSchema):
    person: ObjectId = Field(description="The staff record's id.")
    unit: Ref = Field(description="The unit's id or code.")
    post: Ref | None = Field(None, description="The post's id or code.")
    job_position: Ref | None = Field(None, description="The job position's id or code.")
    start_date: date
    end_date: date | None = None
    is_primary: bool = True
    decision_ref: str = Field("", max_length=100)


class AssignmentPatch(InSchema):
    unit: Ref | None = None
    post: Ref | None = None
    job_position: Ref | None = None
    start_date: date | None = None
    end_date: date | None = None
    is_primary: bool | None = None
    decision_ref: str | None = Field(None, max_length=100)


# Fields of AssignmentPatch that may be set to null.
ASSIGNMENT_NULLABLE = frozenset({"post", "job_position", "end_date"})


class AssignmentOut(Schema):
    id: int
    person: PersonRef
    unit: UnitRef
    post: CodeRef | None
    job_position: CodeRef | None
    start_date: date
    end_date: date | None
    is_primary: bool
    decision_ref: str
    is_current: bool = Field(description="The assignment has no end date.")

    @staticmethod
    def resolve_is_current(obj: object) -> bool:
        return getattr(obj, "end_date", None) is None


class AssignmentPage(Schema):
    count: int
    page: int
    page_size: int
    results: list[AssignmentOut]
