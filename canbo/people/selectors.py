"""Reads of staff records, always through the actor's unit scope."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.http import Http404

from canbo.core.actor import Actor
from canbo.core.models import AuditEntry
from canbo.org.models import Unit
from canbo.people.models import Assignment, Person, Relative
from canbo.policy.access import Capability
from canbo.policy.text import fold

AGE_BANDS: dict[str, tuple[int, int | None]] = {
    "under_30": (0, 30),
    "30_39": (30, 40),
    "40_49": (40, 50),
    "50_59": (50, 60),
    "60_plus": (60, None),
}


def people_visible_to(
    actor: Actor, capability: Capability = Capability.VIEW_PEOPLE
) -> QuerySet[Person]:
    """Return the staff records in the actor's scope; everyone also sees their own."""
    query = actor.scope_q(capability, path="unit_path", unit_id="unit_id")
    if capability == Capability.VIEW_PEOPLE and actor.person_id is not None:
        query |= Q(pk=actor.person_id)
    return Person.objects.filter(query)


def access_person(
    actor: Actor,
    pk: int,
    *,
    for_write: bool = False,
    capability: Capability | None = None,
) -> Person:
    """Return the record if the actor may see it (or edit it, with `for_write`).

    `capability` replaces the staff-record one (EDIT_PEOPLE or VIEW_PEOPLE), e.g.
    MANAGE_CAREERS for a careers record about the person. Missing and
    out-of-scope records both raise Http404.
    """
    if for_write and actor.read_only:
        raise Http404
    if capability is None:
        capability = Capability.EDIT_PEOPLE if for_write else Capability.VIEW_PEOPLE
    person = (
        people_visible_to(actor, capability)
        .select_related("unit")
        .filter(pk=pk)
        .first()
    )
    if person is None:
        raise Http404
    return person


def can_edit_person(actor: Actor, person: Person) -> bool:
    return not actor.read_only and actor.covers(
        Capability.EDIT_PEOPLE, person.unit_path, person.unit_id
    )


@dataclass(frozen=True)
class StaffFilter:
    unit: Unit | None = None
    subtree: bool = True
    category: str = ""
    post_id: int | None = None
    sex: str = ""
    age_band: str = ""
    q: str = ""
    active_only: bool = True


def _birth_range(band: str, today: date) -> Q:
    low, high = AGE_BANDS[band]
    # Age >= low  <=> born on or before today minus `low` years; age < high likewise.
    query = Q(birth_date__lte=_years_before(today, low))
    if high is not None:
        query &= Q(birth_date__gt=_years_before(today, high))
    return query


def _years_before(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def search_q(text: str) -> Q:
    """Match a citizen ID by its digits or a name typed with or without diacritics."""
    text = text.strip()
    if re.fullmatch(r"\d{3,12}", text):
        return Q(citizen_id__startswith=text)
    return Q(search_name__contains=fold(text))


def staff_list(actor: Actor, filters: StaffFilter, *, today: date) -> QuerySet[Person]:
    """Return the filtered, ordered staff list for a unit (and its subtree)."""
    people = people_visible_to(actor)
    if filters.unit is not None:
        if filters.subtree:
            people = people.filter(unit_path__pathprefix=filters.unit.path)
        else:
            people = people.filter(unit=filters.unit)
    if filters.active_only:
        people = people.filter(is_active=True)
    if filters.category:
        people = people.filter(category=filters.category)
    if filters.sex:
        people = people.filter(sex=filters.sex)
    if filters.age_band in AGE_BANDS:
        people = people.filter(_birth_range(filters.age_band, today))
    if filters.post_id is not None:
        current = Assignment.objects.filter(
            person=OuterRef("pk"), post_id=filters.post_id, end_date__isnull=True
        )
        people = people.filter(Exists(current))
    if filters.q:
        people = people.filter(search_q(filters.q))
    return people.select_related("unit").order_by("sort_name", "id")


def with_current_assignments(people: QuerySet[Person]) -> QuerySet[Person]:
    """Prefetch each person's open assignments (for the post column of lists)."""
    current = Assignment.objects.filter(end_date__isnull=True).select_related(
        "post", "job_position", "unit"
    )
    return people.prefetch_related(
        Prefetch("assignments", queryset=current, to_attr="current_assignments")
    )


def people_in_order(ids: list[int]) -> list[Person]:
    """Return the records with these ids (already access-checked), in this order,
    with their unit and current assignments loaded."""
    people = with_current_assignments(
        Person.objects.filter(pk__in=ids).select_related("unit")
    )
    by_id = {person.pk: person for person in people}
    return [by_id[pk] for pk in ids if pk in by_id]


def assignments_of(person: Person) -> QuerySet[Assignment]:
    return person.assignments.select_related("unit", "post", "job_position").order_by(
        "-start_date", "-id"
    )


def relatives_of(person: Person) -> QuerySet[Relative]:
    return person.relatives.all()


def access_assignment(actor: Actor, pk: int, *, for_write: bool = False) -> Assignment:
    assignment = (
        Assignment.objects.select_related("person", "unit", "post", "job_position")
        .filter(pk=pk)
        .first()
    )
    if assignment is None:
        raise Http404
    access_person(actor, assignment.person_id, for_write=for_write)
    return assignment


def access_relative(actor: Actor, pk: int, *, for_write: bool = False) -> Relative:
    relative = Relative.objects.filter(pk=pk).first()
    if relative is None:
        raise Http404
    access_person(actor, relative.person_id, for_write=for_write)
    return relative


def person_history(person: Person, *, limit: int = 50) -> QuerySet[AuditEntry]:
    """Return the entries about a person, their assignments and relatives."""
    return AuditEntry.objects.filter(person_id=person.pk).order_by("-at", "-id")[:limit]
