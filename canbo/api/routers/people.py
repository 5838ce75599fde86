"""Staff records: list with the staff-list filters, read the full CV, create, change."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Query, Router, Status

from canbo.api.auth import request_actor
from canbo.api.lookups import patch_values, post_ref, unit_ref
from canbo.api.pagination import paginate
from canbo.api.schemas.common import ERRORS
from canbo.api.schemas.people import (
    PERSON_NULLABLE,
    PersonCVOut,
    PersonDetailOut,
    PersonFilter,
    PersonIn,
    PersonPage,
    PersonPatch,
)
from canbo.core.actor import Actor
from canbo.core.errors import InvalidInput
from canbo.people import selectors, services
from canbo.people.models import Person
from canbo.policy.retirement import months_until, retirement_date

router = Router(tags=["people"])


def person_detail(person: Person) -> PersonDetailOut:
    """Return the full record with its retirement date, work history and relatives."""
    retires = retirement_date(person.birth_date, "F" if person.sex == "F" else "M")
    return PersonDetailOut.model_validate(
        {
            **PersonCVOut.model_validate(person).model_dump(),
            "retirement_date": retires,
            "months_to_retirement": months_until(retires, timezone.localdate()),
            "assignments": list(selectors.assignments_of(person)),
            "relatives": list(selectors.relatives_of(person)),
        }
    )


def _staff_filter(actor: Actor, filters: PersonFilter) -> selectors.StaffFilter:
    if filters.age_band and filters.age_band not in selectors.AGE_BANDS:
        choices = ", ".join(selectors.AGE_BANDS)
        raise InvalidInput.single(
            "age_band", _("Choose one of: %(choices)s.") % {"choices": choices}
        )
    return selectors.StaffFilter(
        unit=unit_ref(actor, filters.unit) if filters.unit is not None else None,
        subtree=filters.subtree,
        category=str(filters.category or ""),
        sex=str(filters.sex or ""),
        post_id=post_ref(filters.post).pk if filters.post is not None else None,
        age_band=filters.age_band,
        q=filters.q.strip(),
        active_only=filters.active,
    )


@router.get("/people", response={200: PersonPage, **ERRORS}, url_name="person_list")
def list_people(request: HttpRequest, filters: Query[PersonFilter]) -> dict[str, Any]:
    """Staff records in your scope, ordered by given name as official lists are."""
    actor = request_actor(request)
    people = selectors.staff_list(
        actor, _staff_filter(actor, filters), today=timezone.localdate()
    )
    if not filters.active:
        people = people.filter(is_active=False)
    return paginate(selectors.with_current_assignments(people), filters)


@router.get(
    "/people/{person_id}",
    response={200: PersonDetailOut, **ERRORS},
    url_name="person_detail",
)
def get_person(request: HttpRequest, person_id: int) -> PersonDetailOut:
    """One staff record: the CV fields, retirement date, work history and relatives."""
    return person_detail(selectors.access_person(request_actor(request), person_id))


@router.post(
    "/people", response={201: PersonDetailOut, **ERRORS}, url_name="person_create"
)
def create_person(request: HttpRequest, payload: PersonIn) -> Status[PersonDetailOut]:
    """Create a staff record in a unit you manage people for. Audit: people.person.created."""
    actor = request_actor(request)
    values = payload.model_dump(exclude={"unit"})
    person = services.create_person(
        actor=actor, unit=unit_ref(actor, payload.unit), **values
    )
    return Status(201, person_detail(person))


@router.patch(
    "/people/{person_id}",
    response={200: PersonDetailOut, **ERRORS},
    url_name="person_update",
)
def update_person(
    request: HttpRequest, person_id: int, payload: PersonPatch
) -> PersonDetailOut:
    """Change fields of a staff record; a new unit moves it. Audit: people.person.updated."""
    actor = request_actor(request)
    person = selectors.access_person(actor, person_id)
    values = patch_values(payload, PERSON_NULLABLE)
    if "unit" in values:
        values["unit"] = unit_ref(actor, values["unit"])
    person = services.update_person(actor=actor, person=person, **values)
    return person_detail(person)
