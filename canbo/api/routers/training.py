"""The training endpoints of /api/v1: records, standards, gaps per unit, targets.

The same services and scopes as the pages: lists hold what the caller may see;
records are entered by careers managers (personnel) of the person's unit.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from django.http import Http404, HttpRequest
from django.utils import timezone
from ninja import Query, Router, Schema, Status
from pydantic import Field

from canbo.api.auth import request_actor
from canbo.api.lookups import person_ref
from canbo.api.pagination import paginate
from canbo.api.schemas.common import (
    ERRORS,
    MAX_INT,
    CodeRef,
    InSchema,
    ObjectId,
    PageFilter,
    PersonRef,
    UnitRef,
)
from canbo.org.models import Unit
from canbo.policy.access import Capability
from canbo.training import messages, selectors, services
from canbo.training.models import Kind, Training

router = Router(tags=["training"])
TARGET_FIELDS = (
    "id", "unit", "name", "population", "kind", "level", "threshold_percent", "year",
)  # fmt: skip


class TrainingOut(Schema):
    id: int
    person: PersonRef
    unit: UnitRef
    kind: str
    level: str
    field: str
    institution: str
    start_date: date | None
    end_date: date
    full_time: bool
    hours: int | None
    certificate_number: str
    certificate_date: date | None
    has_certificate_file: bool
    version: int

    @staticmethod
    def resolve_has_certificate_file(obj: Training) -> bool:
        return bool(obj.certificate_file)


class TrainingPage(Schema):
    count: int
    page: int
    page_size: int
    results: list[TrainingOut]


class TrainingFilter(PageFilter):
    unit: ObjectId | None = Field(None, description="Only this unit and those below.")
    kind: Kind | None = None
    year: int | None = Field(None, ge=1950, le=2100, description="Year it ended.")
    person: ObjectId | None = None


class TrainingIn(InSchema):
    person: ObjectId
    kind: Kind
    level: Annotated[str, Field(max_length=16)] = ""
    field: Annotated[str, Field(max_length=200)] = ""
    institution: Annotated[str, Field(max_length=200)] = ""
    start_date: date | None = None
    end_date: date
    full_time: bool = False
    hours: Annotated[int, Field(ge=0, le=MAX_INT)] | None = None
    certificate_number: Annotated[str, Field(max_length=100)] = ""
    certificate_date: date | None = None
    note: Annotated[str, Field(max_length=2000)] = ""


class StandardOut(Schema):
    id: int
    post: CodeRef | None
    job_position: CodeRef | None
    unit: UnitRef | None = Field(description="Empty for the whole province.")
    degree: str
    theory: str
    state_management: str
    language: str
    it: str
    course_hours: int
    basis: str


class StandardPage(Schema):
    count: int
    page: int
    page_size: int
    results: list[StandardOut]


class GapOut(Schema):
    code: str
    kind: str
    required: str
    held: str
    message: str


class HolderOut(Schema):
    person: PersonRef
    unit: UnitRef
    post: CodeRef | None
    job_position: CodeRef | None
    standard_id: int
    gaps: list[GapOut]


class HolderPage(Schema):
    count: int
    page: int
    page_size: int
    results: list[HolderOut]


class TargetOut(Schema):
    id: int
    unit: UnitRef
    name: str
    population: str
    posts: list[CodeRef]
    kind: str
    level: str
    threshold_percent: int
    year: int | None
    counted: int = Field(description="People in the population.")
    achieved: int = Field(description="Of them, those who qualify.")
    share: float | None = Field(description="Percentage that qualify.")
    met: bool
    needed: int = Field(description="How many more must qualify to meet the target.")


class TargetPage(Schema):
    count: int
    page: int
    page_size: int
    results: list[TargetOut]


@router.get(
    "/training/records", response={200: TrainingPage, **ERRORS}, url_name="training_records"
)  # fmt: skip
def list_records(
    request: HttpRequest, filters: Query[TrainingFilter]
) -> dict[str, Any]:
    """Training records you may see (your scope and your own), newest first."""
    actor = request_actor(request)
    unit = None
    if filters.unit is not None:
        unit = Unit.objects.filter(pk=filters.unit).first()
        if unit is None:
            raise Http404
    found = selectors.record_list(
        actor,
        selectors.RecordFilter(
            unit=unit, kind=filters.kind or "", year=filters.year,
            person_id=filters.person,
        ),
    )  # fmt: skip
    return paginate(found, filters)


@router.post(
    "/training/records", response={201: TrainingOut, **ERRORS}, url_name="training_record_create"
)  # fmt: skip
def create_record(request: HttpRequest, payload: TrainingIn) -> Status[Training]:
    """Enter a degree, certificate or short course. Audit: training.record.created."""
    actor = request_actor(request)
    person = person_ref(actor, payload.person)
    values = payload.model_dump(exclude={"person"})
    record = services.record_training(actor=actor, person=person, **values)
    return Status(201, record)


@router.get(
    "/training/standards", response={200: StandardPage, **ERRORS}, url_name="training_standards"
)  # fmt: skip
def list_standards(request: HttpRequest, filters: Query[PageFilter]) -> dict[str, Any]:
    """Province-wide standards and those of the units in your careers scope."""
    found = selectors.standard_list(request_actor(request)).order_by("unit_path", "id")
    return paginate(found, filters)


def _gap_out(line: selectors.GapLine) -> dict[str, Any]:
    text = str(messages.GAP[line.code]) % {"required": line.required, "held": line.held}
    return {**line.__dict__, "message": text}


@router.get(
    "/training/units/{unit_id}/gaps", response={200: HolderPage, **ERRORS},
    url_name="training_unit_gaps",
)  # fmt: skip
def unit_gaps(
    request: HttpRequest, unit_id: int, filters: Query[PageFilter]
) -> dict[str, Any]:
    """Holders of posts with a standard in the unit and below, each with their gaps."""
    actor = request_actor(request)
    unit = Unit.objects.filter(pk=unit_id).first()
    if unit is None or not actor.covers(Capability.VIEW_CAREERS, unit.path, unit.pk):
        raise Http404
    holders = selectors.holders_with_standards(actor, unit=unit).select_related(
        "person", "unit", "post", "job_position"
    )
    page = paginate(holders, filters)
    rows = selectors.gap_rows(page["results"], today=timezone.localdate())
    page["results"] = [
        {
            "person": row.assignment.person,
            "unit": row.assignment.unit,
            "post": row.assignment.post,
            "job_position": row.assignment.job_position,
            "standard_id": row.standard.pk,
            "gaps": [_gap_out(line) for line in row.gaps],
        }
        for row in rows
    ]
    return page


@router.get(
    "/training/targets", response={200: TargetPage, **ERRORS}, url_name="training_targets"
)  # fmt: skip
def list_targets(request: HttpRequest, filters: Query[PageFilter]) -> dict[str, Any]:
    """Targets of the units in your scope, with their progress today."""
    found = selectors.targets_visible_to(request_actor(request)).prefetch_related(
        "posts"
    )
    page = paginate(found.order_by("unit_path", "name", "id"), filters)
    page["results"] = [
        {
            **{name: getattr(row.target, name) for name in TARGET_FIELDS},
            "posts": list(row.target.posts.all()),
            "counted": row.progress.population,
            "achieved": row.progress.achieved,
            "share": row.progress.share,
            "met": row.progress.met,
            "needed": row.progress.needed,
        }
        for row in selectors.target_rows(page["results"])
    ]
    return page
