"""Assignments: a person in a post and/or job position of a unit, over time."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Query, Router, Status

from canbo.api.auth import request_actor
from canbo.api.lookups import (
    job_position_ref,
    patch_values,
    person_ref,
    post_ref,
    unit_ref,
)
from canbo.api.pagination import paginate
from canbo.api.schemas.assignments import (
    ASSIGNMENT_NULLABLE,
    AssignmentFilter,
    AssignmentIn,
    AssignmentOut,
    AssignmentPage,
    AssignmentPatch,
)
from canbo.api.schemas.common import ERRORS
from canbo.api.selectors import assignments_visible_to
from canbo.core.actor import Actor
from canbo.people import selectors, services
from canbo.people.models import Assignment

router = Router(tags=["assignments"])


@router.get(
    "/assignments", response={200: AssignmentPage, **ERRORS}, url_name="assignment_list"
)
def list_assignments(
    request: HttpRequest, filters: Query[AssignmentFilter]
) -> dict[str, Any]:
    """Assignments of the staff records in your scope, latest start first."""
    actor = request_actor(request)
    assignments = assignments_visible_to(actor)
    if filters.person is not None:
        assignments = assignments.filter(person=person_ref(actor, filters.person))
    if filters.unit is not None:
        assignments = assignments.filter(unit=unit_ref(actor, filters.unit))
    if filters.current is not None:
        assignments = assignments.filter(end_date__isnull=filters.current)
    return paginate(assignments, filters)


@router.get(
    "/assignments/{assignment_id}",
    response={200: AssignmentOut, **ERRORS},
    url_name="assignment_detail",
)
def get_assignment(request: HttpRequest, assignment_id: int) -> Assignment:
    """One assignment."""
    return selectors.access_assignment(request_actor(request), assignment_id)


def _resolve_refs(actor: Actor, values: dict[str, Any]) -> dict[str, Any]:
    """Replace the unit, post and job position references in `values` by objects."""
    if values.get("unit") is not None:
        values["unit"] = unit_ref(actor, values["unit"])
    if values.get("post") is not None:
        values["post"] = post_ref(values["post"])
    if values.get("job_position") is not None:
        values["job_position"] = job_position_ref(values["job_position"])
    return values


@router.post(
    "/assignments",
    response={201: AssignmentOut, **ERRORS},
    url_name="assignment_create",
)
def create_assignment(
    request: HttpRequest, payload: AssignmentIn
) -> Status[Assignment]:
    """Place a person in a post and/or job position. Audit: people.assignment.created."""
    actor = request_actor(request)
    person = person_ref(actor, payload.person)
    values = _resolve_refs(actor, payload.model_dump(exclude={"person"}))
    assignment = services.create_assignment(actor=actor, person=person, **values)
    return Status(201, assignment)


@router.patch(
    "/assignments/{assignment_id}",
    response={200: AssignmentOut, **ERRORS},
    url_name="assignment_update",
)
def update_assignment(
    request: HttpRequest, assignment_id: int, payload: AssignmentPatch
) -> Assignment:
    """Change an assignment, e.g. set its end date. Audit: people.assignment.updated."""
    actor = request_actor(request)
    assignment = selectors.access_assignment(actor, assignment_id)
    values = _resolve_refs(actor, patch_values(payload, ASSIGNMENT_NULLABLE))
    return services.update_assignment(actor=actor, assignment=assignment, **values)
