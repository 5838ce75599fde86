"""The rotation endpoints of /api/v1: the due list, plans and their changes, circumstances, leader rotations.

The same services and scopes as the pages (canbo/rotation).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema, Status
from pydantic import Field

from canbo.api.auth import request_actor
from canbo.api.lookups import job_position_ref, unit_ref
from canbo.api.pagination import paginate
from canbo.api.schemas.common import ERRORS, InSchema, ObjectId, PageFilter, Ref
from canbo.core.errors import InvalidInput
from canbo.people.models import Assignment
from canbo.policy.rotation import DueStatus
from canbo.rotation import selectors, services
from canbo.rotation.models import Circumstance, PositionChange, RotationPlan

router = Router(tags=["rotation"])


class DueOut(Schema):
    assignment: int
    person: int
    full_name: str
    job_position: str
    unit: int
    start_date: date
    due: date
    status: str | None
    reasons: list[str]


class DuePage(Schema):
    count: int
    page: int
    page_size: int
    results: list[DueOut]


class DueFilterIn(PageFilter):
    unit: int | None = Field(None, description="This unit and its subordinate units.")
    status: DueStatus | None = None
    window_months: int = Field(6, ge=0, le=24)


class PlanOut(Schema):
    id: int
    unit: int = Field(validation_alias="unit_id")
    year: int
    status: str
    published_on: date | None
    purpose: str
    measures: str


class PlanPage(Schema):
    count: int
    page: int
    page_size: int
    results: list[PlanOut]


class PlanIn(InSchema):
    unit: Ref
    year: int = Field(ge=2000, le=2100)
    purpose: str = Field("", max_length=5000)
    measures: str = Field("", max_length=5000)


class ChangeOut(Schema):
    id: int
    plan: int = Field(validation_alias="plan_id")
    person: int = Field(validation_alias="person_id")
    assignment: int = Field(validation_alias="assignment_id")
    target_unit: int = Field(validation_alias="target_unit_id")
    target_job_position: int = Field(validation_alias="target_job_position_id")
    planned_date: date
    status: str
    flags: list[str]
    new_assignment: int | None = Field(validation_alias="new_assignment_id")


class ChangeIn(InSchema):
    assignment: ObjectId
    target_unit: Ref
    target_job_position: Ref
    planned_date: date


class ExecuteIn(InSchema):
    on: date
    decision_ref: str = Field("", max_length=100)


class CircumstanceOut(Schema):
    id: int
    person: int = Field(validation_alias="person_id")
    kind: str
    start: date
    end: date | None
    sole_carer: bool
    note: str


class CircumstanceIn(InSchema):
    kind: Circumstance.Kind
    start: date
    end: date | None = None
    sole_carer: bool = False
    note: str = Field("", max_length=2000)


class RotationOut(Schema):
    id: int
    person: int = Field(validation_alias="person_id")
    kind: str
    from_unit: int = Field(validation_alias="from_unit_id")
    to_unit: int = Field(validation_alias="to_unit_id")
    start: date
    planned_end: date
    goals: str
    status: str
    result: str


class RotationPage(Schema):
    count: int
    page: int
    page_size: int
    results: list[RotationOut]


@router.get("/rotation/due", response={200: DuePage, **ERRORS}, url_name="rotation_due")
def due_list(request: HttpRequest, filters: Query[DueFilterIn]) -> dict[str, Any]:
    """People past or near their position's rotation period, with exemptions and postponements."""
    actor = request_actor(request)
    unit = unit_ref(actor, filters.unit) if filters.unit is not None else None
    today = timezone.localdate()
    rows = selectors.due_list(
        actor,
        selectors.DueFilter(unit, filters.status, filters.window_months),
        today=today,
    )
    page = paginate(rows, filters)
    page["results"] = [
        {
            "assignment": r.assignment.pk, "person": r.assignment.person_id,
            "full_name": r.assignment.person.full_name,
            "job_position": str(r.assignment.job_position), "unit": r.assignment.unit_id,
            "start_date": r.assignment.start_date, "due": r.due, "status": r.status,
            "reasons": r.reasons,
        }
        for r in selectors.due_rows(page["results"], today=today)
    ]  # fmt: skip
    return page


@router.get(
    "/rotation/plans", response={200: PlanPage, **ERRORS}, url_name="rotation_plans"
)
def list_plans(request: HttpRequest, filters: Query[PageFilter]) -> dict[str, Any]:
    found = selectors.plans_visible_to(request_actor(request)).order_by(
        "-year", "unit_path", "id"
    )
    return paginate(found, filters)


@router.post(
    "/rotation/plans",
    response={201: PlanOut, **ERRORS},
    url_name="rotation_plan_create",
)
def create_plan(request: HttpRequest, payload: PlanIn) -> Status[RotationPlan]:
    """Create an agency's plan for a year. Audit: rotation.plan.created."""
    actor = request_actor(request)
    plan = services.create_plan(
        actor=actor, unit=unit_ref(actor, payload.unit), year=payload.year,
        purpose=payload.purpose, measures=payload.measures,
    )  # fmt: skip
    return Status(201, plan)


@router.get(
    "/rotation/plans/{plan_id}",
    response={200: PlanOut, **ERRORS},
    url_name="rotation_plan",
)
def get_plan(request: HttpRequest, plan_id: int) -> RotationPlan:
    return selectors.access_plan(request_actor(request), plan_id)


@router.get(
    "/rotation/plans/{plan_id}/changes", response={200: list[ChangeOut], **ERRORS},
    url_name="rotation_plan_changes",
)  # fmt: skip
def list_changes(request: HttpRequest, plan_id: int) -> list[PositionChange]:
    return list(
        selectors.plan_items(selectors.access_plan(request_actor(request), plan_id))
    )


@router.post(
    "/rotation/plans/{plan_id}/publish", response={200: PlanOut, **ERRORS},
    url_name="rotation_plan_publish",
)  # fmt: skip
def publish_plan(request: HttpRequest, plan_id: int) -> RotationPlan:
    """Publish the plan (Luật PCTN art. 26). Audit: rotation.plan.published."""
    actor = request_actor(request)
    plan = selectors.access_plan(actor, plan_id, for_write=True)
    return services.publish_plan(actor=actor, plan=plan, today=timezone.localdate())


@router.post(
    "/rotation/plans/{plan_id}/changes", response={201: ChangeOut, **ERRORS},
    url_name="rotation_change_add",
)  # fmt: skip
def add_change(
    request: HttpRequest, plan_id: int, payload: ChangeIn
) -> Status[PositionChange]:
    """Add a due person to a draft plan; exempt people are refused with the reason."""
    actor = request_actor(request)
    plan = selectors.access_plan(actor, plan_id, for_write=True)
    assignment = (
        Assignment.objects.select_related("person", "job_position")
        .filter(pk=payload.assignment, person__in=selectors.people_managed_by(actor))
        .first()
    )
    if assignment is None:
        raise InvalidInput.single(
            "assignment", _("Unknown assignment, or it is outside your scope.")
        )
    change = services.add_to_plan(
        actor=actor, plan=plan, assignment=assignment,
        target_unit=unit_ref(actor, payload.target_unit, "target_unit"),
        target_job_position=job_position_ref(payload.target_job_position, "target_job_position"),
        planned_date=payload.planned_date,
    )  # fmt: skip
    return Status(201, change)


@router.post(
    "/rotation/changes/{change_id}/execute", response={200: ChangeOut, **ERRORS},
    url_name="rotation_change_execute",
)  # fmt: skip
def execute_change(
    request: HttpRequest, change_id: int, payload: ExecuteIn
) -> PositionChange:
    """Carry out a change: ends the current assignment and creates the new one."""
    actor = request_actor(request)
    change = selectors.access_change(actor, change_id, for_write=True)
    services.execute_change(
        actor=actor, change=change, on=payload.on, decision_ref=payload.decision_ref
    )
    return change


@router.get(
    "/rotation/people/{person_id}/circumstances", response={200: list[CircumstanceOut], **ERRORS},
    url_name="rotation_circumstances",
)  # fmt: skip
def list_circumstances(request: HttpRequest, person_id: int) -> list[Circumstance]:
    person = selectors.access_person_careers(request_actor(request), person_id)
    return list(selectors.circumstances_of(person))


@router.post(
    "/rotation/people/{person_id}/circumstances", response={201: CircumstanceOut, **ERRORS},
    url_name="rotation_circumstance_record",
)  # fmt: skip
def record_circumstance(
    request: HttpRequest, person_id: int, payload: CircumstanceIn
) -> Status[Circumstance]:
    """Record a case of Decree 59 art. 38. Audit: rotation.circumstance.recorded."""
    actor = request_actor(request)
    person = selectors.access_person_careers(actor, person_id, for_write=True)
    found = services.record_circumstance(
        actor=actor, person=person, **payload.model_dump()
    )
    return Status(201, found)


@router.get(
    "/rotation/rotations",
    response={200: RotationPage, **ERRORS},
    url_name="rotation_rotations",
)
def list_rotations(request: HttpRequest, filters: Query[PageFilter]) -> dict[str, Any]:
    found = selectors.rotations_visible_to(request_actor(request)).order_by(
        "planned_end", "id"
    )
    return paginate(found, filters)


@router.get(
    "/rotation/rotations/{rotation_id}",
    response={200: RotationOut, **ERRORS},
    url_name="rotation_rotation",
)
def get_rotation(request: HttpRequest, rotation_id: int) -> Any:
    return selectors.access_rotation(request_actor(request), rotation_id)
