"""Request and response bodies for product types, tasks and per-period figures."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Annotated

from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext as _
from ninja import Schema
from pydantic import Field, field_validator

from canbo.api.schemas.common import (
    MAX_ID,
    MAX_INT,
    CodeRef,
    InSchema,
    ObjectId,
    PageFilter,
    PersonRef,
    Ref,
    UnitRef,
)
from canbo.work.models import ExtensionRequest, Review, Task

Quantity = Annotated[Decimal, Field(max_digits=10, decimal_places=2)]
LINK_MAX = 200


# --- product types


class ProductTypeFilter(PageFilter):
    job_position: str | None = Field(
        None,
        max_length=32,
        description="Only this job position's catalogue (id or code).",
    )
    group: str | None = Field(
        None, max_length=8, description="Only this product group (code, e.g. B)."
    )
    on: date | None = Field(
        None, description="Only catalogues in force on this date (YYYY-MM-DD)."
    )


class GroupOut(Schema):
    id: int
    code: str
    name: str


class CatalogueOut(Schema):
    id: int
    job_position: CodeRef
    unit: UnitRef | None
    version: int
    valid_from: date
    valid_to: date | None


class ProductTypeOut(Schema):
    id: int
    code: str
    name: str
    unit_of_measure: str
    coefficient: Decimal = Field(description="Conversion coefficient (hệ số quy đổi).")
    quality_criteria: str
    default_days: int
    group: GroupOut
    catalogue: CatalogueOut


class ProductTypePage(Schema):
    count: int
    page: int
    page_size: int
    results: list[ProductTypeOut]


# --- tasks


class TaskFilter(PageFilter):
    assignee: int | None = Field(
        None, ge=1, le=MAX_ID, description="Only this person's tasks (id)."
    )
    unit: int | None = Field(
        None, ge=1, le=MAX_ID, description="Only tasks of this unit (id)."
    )
    subtree: bool = Field(True, description="With `unit`: include the units below it.")
    status: Task.Status | None = None
    deadline_from: date | None = Field(None, description="Deadline on or after.")
    deadline_to: date | None = Field(None, description="Deadline on or before.")
    group: str | None = Field(
        None, max_length=8, description="Only products of this group (code)."
    )


class ProductTypeRef(Schema):
    id: int
    code: str
    name: str
    unit_of_measure: str


class TaskOut(Schema):
    id: int
    title: str
    description: str
    product_type: ProductTypeRef
    quantity: Decimal
    coefficient: Decimal
    converted_quantity: Decimal = Field(description="quantity × coefficient.")
    assignee: PersonRef | None = Field(description="Empty for a task of a whole unit.")
    unit: UnitRef
    assigned_by_id: int
    assigned_on: date
    deadline: date
    original_deadline: date
    priority: Task.Priority
    document_ref: str
    document_date: date | None
    status: Task.Status
    progress: int
    completed_on: date | None
    completed_quantity: Decimal | None
    meets_quality: bool
    failed_reviews: int
    late: bool
    delay_excused: bool
    delay_excuse: str
    version: int = Field(description="Send it back with every action on the task.")


class TaskPage(Schema):
    count: int
    page: int
    page_size: int
    results: list[TaskOut]


class EvidenceOut(Schema):
    id: int
    name: str
    link: str
    size: int
    has_file: bool

    @staticmethod
    def resolve_has_file(obj: object) -> bool:
        return bool(getattr(obj, "file", None))


class ReviewOut(Schema):
    decision: Review.Decision
    meets_quality: bool
    reason: str
    excused: bool
    reviewed_at: datetime


class SubmissionOut(Schema):
    id: int
    quantity: Decimal
    note: str
    submitted_on: date
    evidence: list[EvidenceOut]
    review: ReviewOut | None


class ExtensionOut(Schema):
    id: int
    previous_deadline: date
    requested_deadline: date
    reason: str
    status: ExtensionRequest.Status
    requested_at: datetime
    decided_at: datetime | None
    decision_note: str


class TaskDetailOut(TaskOut):
    submissions: list[SubmissionOut]
    extensions: list[ExtensionOut]


class _TaskValues(InSchema):
    product_type: ObjectId = Field(description="The product type's id.")
    quantity: Quantity
    deadline: date
    title: str = Field("", max_length=255, description="Empty: the product's name.")


class TaskAssignIn(_TaskValues):
    assignees: list[ObjectId] = Field(
        default_factory=list, max_length=200, description="Staff record ids."
    )
    unit: Ref | None = Field(None, description="A unit as a whole (id or code).")
    override_catalogue: bool = Field(
        False, description="Allow a product of another job position's catalogue."
    )
    description: str = Field("", max_length=5000)
    priority: Task.Priority = Task.Priority.NORMAL
    document_ref: str = Field("", max_length=100)
    document_date: date | None = None


class TaskProposeIn(_TaskValues):
    pass


class VersionIn(InSchema):
    version: int = Field(
        ge=1, le=MAX_INT, description="The task's version you last read (409 if stale)."
    )


class ProgressIn(VersionIn):
    progress: int = Field(ge=0, le=100, description="Percent done.")


def _checked_link(value: str) -> str:
    value = value.strip()
    try:
        URLValidator(schemes=["http", "https"])(value)
    except DjangoValidationError as error:
        raise ValueError(_("Enter a valid link (http or https).")) from error
    if len(value) > LINK_MAX:
        raise ValueError(_("Use at most %(n)s characters.") % {"n": LINK_MAX})
    return value


class SubmissionIn(VersionIn):
    """The product with links as evidence; files are uploaded on the task's page."""

    quantity: Quantity = Field(description="Quantity delivered (less: partial).")
    note: str = Field("", max_length=5000)
    links: list[str] = Field(
        default_factory=list,
        max_length=20,
        description=(
            "Links to the evidence. Files cannot be sent through the API; "
            "upload them on the task's page."
        ),
    )

    _links = field_validator("links")(
        lambda links: [_checked_link(link) for link in links]
    )


class ReviewIn(VersionIn):
    accept: bool
    reason: str = Field("", max_length=5000, description="Required to return.")
    meets_quality: bool = True
    excused: bool = Field(
        False, description="A return due to an objective cause carries no deduction."
    )


class ExtensionIn(VersionIn):
    requested_deadline: date
    reason: str = Field(max_length=5000)


class ExtensionDecisionIn(VersionIn):
    approve: bool
    note: str = Field("", max_length=255)


class ExcuseIn(VersionIn):
    reason: str = Field(max_length=255, description="The objective cause.")


class ProposalDecisionIn(VersionIn):
    approve: bool


# --- per-period figures

PERIOD_HELP = "A month (2026-11) or a quarter (2026-Q4)."


class FiguresFilter(PageFilter):
    period: str = Field(max_length=7, description=PERIOD_HELP)
    unit: int | None = Field(
        None, ge=1, le=MAX_ID, description="Only tasks of this unit (id)."
    )
    subtree: bool = Field(True, description="With `unit`: include the units below it.")


class FiguresOut(Schema):
    assigned: Decimal = Field(description="Converted quantity assigned.")
    completed: Decimal
    completed_quality: Decimal = Field(description="Completed meeting quality.")
    completed_on_time: Decimal = Field(description="Completed on time or excused.")
    failed_reviews: int = Field(description="Failed reviews not excused.")
    delays: int = Field(description="Delays not excused.")


class PersonFiguresOut(FiguresOut):
    person: PersonRef


class PeriodFiguresOut(Schema):
    period: str
    start: date
    end: date
    unit: UnitRef | None
    subtree: bool
    total: FiguresOut
    count: int = Field(description="Number of people with tasks due in the period.")
    page: int
    page_size: int
    people: list[PersonFiguresOut]
