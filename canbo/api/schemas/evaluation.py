"""Evaluation periods and sheets on the API."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from ninja import Schema
from pydantic import Field

from canbo.api.schemas.common import MAX_INT, InSchema, ObjectId, PageFilter
from canbo.evaluation.models import Period


class PeriodOut(Schema):
    id: int
    unit: int = Field(validation_alias="unit_id")
    kind: str
    start: date
    end: date
    status: str
    self_deadline: date
    review_deadline: date
    decision_deadline: date
    sheets_total: int
    sheets_done: int


class PeriodPage(Schema):
    count: int
    page: int
    page_size: int
    results: list[PeriodOut]


class PeriodFilter(PageFilter):
    unit: int | None = Field(None, description="Periods of this unit only.")
    kind: Period.Kind | None = None


class PeriodOpenIn(InSchema):
    unit: ObjectId
    kind: Period.Kind
    day: date = Field(description="A day in the month, quarter or year to open.")
    self_deadline: date
    review_deadline: date
    decision_deadline: date


class SheetOut(Schema):
    id: int
    period: int = Field(validation_alias="period_id")
    person: int = Field(validation_alias="person_id")
    unit: int = Field(validation_alias="unit_id")
    pack: str
    is_leader: bool
    status: str
    version: int
    self_points: dict[str, str]
    self_comments: dict[str, str]
    self_review: str
    review_points: dict[str, str]
    review_reason: str
    proposed_level: str
    assigned: Decimal
    completed: Decimal
    quality: Decimal
    progress: Decimal
    failed_reviews: int
    delays: int
    general_points: Decimal | None
    task_points: Decimal | None
    score: Decimal | None
    level: str = Field(description="Empty for your own sheet until publication.")
    months_worked: int | None
    reasons: list[str]


class SheetPage(Schema):
    count: int
    page: int
    page_size: int
    results: list[SheetOut]


class _Versioned(InSchema):
    version: int | None = Field(
        None,
        ge=1,
        le=MAX_INT,
        description="The sheet's version you last read (409 if stale).",
    )


class SelfAssessmentIn(_Versioned):
    points: dict[str, Decimal] = Field(description="Points per criterion code.")
    comments: dict[str, str] = Field(
        default_factory=dict, description="Per criteria group."
    )
    self_review: str = Field("", max_length=5000)
    submit: bool = False


class ReviewIn(_Versioned):
    points: dict[str, Decimal]
    reason: str = Field("", max_length=5000)
    proposed_level: str
    leader_parts: dict[str, Decimal] | None = Field(
        None, description="Leaders: unit_result, organise and unite, each 0–1."
    )


class DecisionIn(_Versioned):
    level: str
    note: str = Field("", max_length=5000)


class SheetFilter(PageFilter):
    person: int | None = Field(None, description="One person's sheets (their history).")
    published: bool | None = Field(
        None, description="Only sheets of published periods."
    )
