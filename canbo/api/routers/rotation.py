"""The rotation endpoints of /api/v1: the due list, plans and their changes, circumstances, leader rotations.

The same services and scopes as the pages (canbo/rotation).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema, Status
from pydantic import Field

from canbo.api.auth import request_actor
from canbo.api.lookups import (
    job_position_ref,
    patch_values,
    person_ref,
    post_ref,
    unit_ref,
)
from canbo.api.pagination import paginate
from canbo.api.schemas.common import (
    ERRORS,
    MAX_ID,
    InSchema,
    ObjectId,
    PageFilter,
    Ref,
)
from canbo.core.actor import Actor
from canbo.core.errors import InvalidInput
from canbo.org.models import JobPosition, Unit
from canbo.org.selectors import job_positions, units_visible_to
from canbo.people.models import Assignment
from canbo.policy.access import Capability
from canbo.policy.rotation import DueStatus
from canbo.rotation import selectors, services
from canbo.rotation.messages import explain_flag
from canbo.rotation.models import Circumstance, PositionChange, Rotation, RotationPlan

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
    refused: bool = Field(description="Not rotated (e.g. retiring within 18 months).")
    planned_in: int | None = Field(
        description="The year of a plan already holding this assignment."
    )


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
    reasons: list[str] = Field(description="The flags (postponements) in words.")
    decision_ref: str
    done_on: date | None
    new_assignment: int | None = Field(validation_alias="new_assignment_id")

    @staticmethod
    def resolve_reasons(obj: PositionChange) -> list[str]:
        return [explain_flag(code) for code in obj.flags]


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


class PositionOut(Schema):
    id: int
    code: str
    name: str
    rotation_months: int | None = Field(
        description="The period in months; null: not subject to periodic change."
    )
    rotation_basis: str


class PositionPage(Schema):
    count: int
    page: int
    page_size: int
    results: list[PositionOut]


class PositionFilter(PageFilter):
    subject: bool | None = Field(
        None, description="true: only positions with a period; false: only without."
    )


class PositionPatch(InSchema):
    rotation_months: int | None = Field(
        None,
        description="Every 24 to 60 months (Luật PCTN art. 25.2); null: not subject.",
    )
    rotation_basis: str = Field(
        "", max_length=200, description="The text that sets the period."
    )


class RotationOut(Schema):
    id: int
    person: int = Field(validation_alias="person_id")
    kind: str
    short_service_case: bool
    from_unit: int = Field(validation_alias="from_unit_id")
    from_post: int | None = Field(validation_alias="from_post_id")
    to_unit: int = Field(validation_alias="to_unit_id")
    to_post: int | None = Field(validation_alias="to_post_id")
    start: date
    planned_end: date
    goals: str
    decision_ref: str
    status: str
    result: str
    evaluation: str
    evaluated_on: date | None
    placement_unit: int | None = Field(validation_alias="placement_unit_id")
    placement_post: int | None = Field(validation_alias="placement_post_id")
    placement_decision: str
    placed_on: date | None
    placement_assignment: int | None = Field(validation_alias="placement_assignment_id")


class RotationIn(InSchema):
    person: ObjectId
    kind: Rotation.Kind
    from_unit: Ref
    from_post: Ref | None = None
    to_unit: Ref = Field(description="Any unit, also outside your scope.")
    to_post: Ref | None = None
    start: date
    planned_end: date
    short_service_case: bool = Field(
        False,
        description="Non-local or two-term case: 5 years of service left suffice.",
    )
    goals: str = Field(
        max_length=5000, description="The tasks given (đặt hàng – giao nhiệm vụ)."
    )
    decision_ref: str = Field("", max_length=100)


class EvaluateIn(InSchema):
    result: Rotation.Result
    evaluation: str = Field(max_length=5000)
    on: date


class PlacementIn(InSchema):
    unit: Ref
    post: Ref
    on: date
    decision_ref: str = Field("", max_length=100)


class RotationPage(Schema):
    count: int
    page: int
    page_size: int
    results: list[RotationOut]


def _unit_in(units: QuerySet[Unit], ref: int | str, field: str) -> Unit:
    if isinstance(ref, int):
        found = units.filter(pk=ref).first() if 1 <= ref <= MAX_ID else None
    else:
        found = units.filter(code=ref.strip()).first()
    if found is None:
        raise InvalidInput.single(
            field,
            _("Unknown unit “%(ref)s”, or it is outside your scope.") % {"ref": ref},
        )
    return found


def _managed_unit(actor: Actor, ref: int | str, field: str) -> Unit:
    """A unit where the actor manages careers (the pages' choices), else 422 on `field`."""
    return _unit_in(units_visible_to(actor, Capability.MANAGE_CAREERS), ref, field)


def _any_unit(ref: int | str, field: str) -> Unit:
    """Any unit: a leader may be rotated to another agency or locality."""
    return _unit_in(Unit.objects.all(), ref, field)


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
            "reasons": r.reasons, "refused": r.refused, "planned_in": r.planned_in,
        }
        for r in selectors.due_rows(page["results"], today=today)
    ]  # fmt: skip
    return page


@router.get(
    "/rotation/plans", response={200: PlanPage, **ERRORS}, url_name="rotation_plans"
)
def list_plans(request: HttpRequest, filters: Query[PageFilter]) -> dict[str, Any]:
    """The plans of periodic changes in your scope, latest year first."""
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
    """One plan; outside your scope: 404."""
    return selectors.access_plan(request_actor(request), plan_id)


@router.get(
    "/rotation/plans/{plan_id}/changes", response={200: list[ChangeOut], **ERRORS},
    url_name="rotation_plan_changes",
)  # fmt: skip
def list_changes(request: HttpRequest, plan_id: int) -> list[PositionChange]:
    """The changes of a plan, by planned date, with their postponement flags."""
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
    """Add a due person (an assignment of the due list) to a draft plan.

    Refused (422) for an assignment outside your scope or not current in a
    position subject to rotation, a target unit you do not manage, a planned
    date outside the plan's year, a published plan, or someone not rotated
    (Decree 59 art. 39.2, with the reason); postponements (art. 38) are kept as
    flags. Audit: rotation.change.added.
    """
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
        target_unit=_managed_unit(actor, payload.target_unit, "target_unit"),
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
    """Carry out a change of a published plan on `on` by a written decision.

    Ends the current assignment the day before and creates the new one; refused
    (422) while the person is postponed or not rotated on that day, or when the
    change is no longer planned. Audit: rotation.change.executed (and
    people.assignment.updated/created).
    """
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
    """A person's circumstances that postpone a change (Decree 59 art. 38), latest first."""
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
    """The leader rotations in your scope (by the unit rotated from), by planned end."""
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
    """One leader rotation with its evaluation and placement; outside your scope: 404."""
    return selectors.access_rotation(request_actor(request), rotation_id)


# --- Job positions subject to periodic change ---------------------------------------


@router.get(
    "/rotation/positions", response={200: PositionPage, **ERRORS},
    url_name="rotation_positions",
)  # fmt: skip
def list_positions(
    request: HttpRequest, filters: Query[PositionFilter]
) -> dict[str, Any]:
    """Job positions with their rotation period (positions with a period first).

    Empty for users who see no careers data.
    """
    actor = request_actor(request)
    found = selectors.subject_positions()
    if not actor.can_anywhere(Capability.VIEW_CAREERS):
        found = found.none()
    if filters.subject is not None:
        found = found.filter(rotation_months__isnull=not filters.subject)
    return paginate(found, filters)


@router.patch(
    "/rotation/positions/{position_id}", response={200: PositionOut, **ERRORS},
    url_name="rotation_position_update",
)  # fmt: skip
def update_position(
    request: HttpRequest, position_id: int, payload: PositionPatch
) -> JobPosition:
    """Set a job position's rotation period and the text that sets it (only the fields sent).

    The job-position catalogue is the administrator's (MANAGE_CATALOGUES; others
    403). Refused (422) outside 24 to 60 months, or without the text that sets
    the period; a null period ends the position's periodic change. Audit:
    rotation.period.set (only when something changes).
    """
    actor = request_actor(request)
    position = job_positions().filter(pk=position_id).first()
    if position is None:
        raise Http404
    values = patch_values(payload, frozenset({"rotation_months"}))
    return services.set_rotation_period(
        actor=actor, job_position=position,
        months=values.get("rotation_months", position.rotation_months),
        basis=values.get("rotation_basis", position.rotation_basis),
    )  # fmt: skip


# --- Taking a change back ------------------------------------------------------------


@router.post(
    "/rotation/changes/{change_id}/cancel", response={200: ChangeOut, **ERRORS},
    url_name="rotation_change_cancel",
)  # fmt: skip
def cancel_change(request: HttpRequest, change_id: int) -> PositionChange:
    """Cancel a planned change of a published plan (e.g. a postponement that lasts).

    Refused (422) once the change is carried out or cancelled, and for a draft
    plan (remove the change instead: DELETE). Audit: rotation.change.cancelled.
    """
    actor = request_actor(request)
    change = selectors.access_change(actor, change_id, for_write=True)
    return services.cancel_change(actor=actor, change=change)


@router.delete(
    "/rotation/changes/{change_id}", response={204: None, **ERRORS},
    url_name="rotation_change_remove",
)  # fmt: skip
def remove_change(request: HttpRequest, change_id: int) -> Status[None]:
    """Take a change out of a draft plan.

    Refused (422) once the plan is published (cancel the change instead).
    Audit: rotation.change.removed.
    """
    actor = request_actor(request)
    change = selectors.access_change(actor, change_id, for_write=True)
    services.remove_from_plan(actor=actor, change=change)
    return Status(204, None)


# --- Circumstances -------------------------------------------------------------------


@router.post(
    "/rotation/circumstances/{circumstance_id}/end", response={200: CircumstanceOut, **ERRORS},
    url_name="rotation_circumstance_end",
)  # fmt: skip
def end_circumstance(request: HttpRequest, circumstance_id: int) -> Circumstance:
    """End a circumstance today (pregnancy, study, secondment...): it postpones no more.

    Refused (422) when it has already ended, or starts after today. Audit:
    rotation.circumstance.ended.
    """
    actor = request_actor(request)
    found = selectors.access_circumstance(actor, circumstance_id)
    return services.end_circumstance(
        actor=actor, circumstance=found, end=timezone.localdate()
    )


# --- Leader rotation (luân chuyển) ---------------------------------------------------


@router.post(
    "/rotation/rotations", response={201: RotationOut, **ERRORS},
    url_name="rotation_rotation_create",
)  # fmt: skip
def create_rotation(request: HttpRequest, payload: RotationIn) -> Status[Rotation]:
    """Record a leader's rotation with its goals ("đặt hàng – giao nhiệm vụ").

    `from_unit` must be a unit where you manage careers, as must the person's;
    `to_unit` may be any unit. Refused (422, on the field): not in planning
    (person, QĐ 65), less than 10 years of service left at the start, or 5 in
    the non-local and two-term cases (start; Decree 138 art. 56), shorter than
    36 months (planned_end; Decree 170 art. 48), no goals, the same unit and
    post. Audit: rotation.rotation.created.
    """
    actor = request_actor(request)
    person = person_ref(actor, payload.person)
    rotation = services.create_rotation(
        actor=actor, person=person, kind=payload.kind,
        from_unit=_managed_unit(actor, payload.from_unit, "from_unit"),
        from_post=None if payload.from_post is None else post_ref(payload.from_post, "from_post"),
        to_unit=_any_unit(payload.to_unit, "to_unit"),
        to_post=None if payload.to_post is None else post_ref(payload.to_post, "to_post"),
        start=payload.start, planned_end=payload.planned_end,
        short_service_case=payload.short_service_case, goals=payload.goals,
        decision_ref=payload.decision_ref,
    )  # fmt: skip
    return Status(201, rotation)


@router.post(
    "/rotation/rotations/{rotation_id}/evaluate", response={200: RotationOut, **ERRORS},
    url_name="rotation_rotation_evaluate",
)  # fmt: skip
def evaluate_rotation(
    request: HttpRequest, rotation_id: int, payload: EvaluateIn
) -> Rotation:
    """Record the evaluation at the end of a rotation (it may be evaluated again until closed).

    Refused (422) for a closed rotation, an empty evaluation, or a date before
    the start. Audit: rotation.rotation.evaluated.
    """
    actor = request_actor(request)
    rotation = selectors.access_rotation(actor, rotation_id, for_write=True)
    return services.evaluate_rotation(
        actor=actor, rotation=rotation, result=payload.result,
        evaluation=payload.evaluation, on=payload.on,
    )  # fmt: skip


@router.post(
    "/rotation/rotations/{rotation_id}/close", response={200: RotationOut, **ERRORS},
    url_name="rotation_rotation_close",
)  # fmt: skip
def close_rotation(
    request: HttpRequest, rotation_id: int, payload: PlacementIn
) -> Rotation:
    """Record the placement after an evaluated rotation (Decree 170/2025 art. 50) and close it.

    The placement creates the person's new assignment in `unit` (a unit where
    you manage careers) and `post`. Refused (422) before the evaluation, or
    dated before the rotation began. Audit: rotation.rotation.closed (and
    people.assignment.created).
    """
    actor = request_actor(request)
    rotation = selectors.access_rotation(actor, rotation_id, for_write=True)
    return services.close_rotation(
        actor=actor, rotation=rotation, unit=_managed_unit(actor, payload.unit, "unit"),
        post=post_ref(payload.post), on=payload.on, decision_ref=payload.decision_ref,
    )  # fmt: skip
