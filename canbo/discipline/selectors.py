"""Reads of discipline records, always through the actor's scope (VIEW_CAREERS on
the record's unit; everyone also sees their own records)."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.http import Http404

from canbo.core.actor import Actor
from canbo.discipline.models import Discipline
from canbo.org.models import Unit
from canbo.people.models import Person
from canbo.people.selectors import access_person
from canbo.policy.access import Capability


def disciplines_visible_to(actor: Actor) -> QuerySet[Discipline]:
    query = actor.scope_q(Capability.VIEW_CAREERS, path="unit_path", unit_id="unit_id")
    if actor.person_id is not None:
        query |= Q(person_id=actor.person_id)
    return Discipline.objects.filter(query)


def access_discipline(actor: Actor, pk: int, *, for_write: bool = False) -> Discipline:
    """Return the record if the actor may see it (or change it, with `for_write`).

    Missing and out-of-scope records both raise Http404.
    """
    if for_write:
        if actor.read_only:
            raise Http404
        found = Discipline.objects.filter(
            actor.scope_q(
                Capability.MANAGE_CAREERS, path="unit_path", unit_id="unit_id"
            )
        )
    else:
        found = disciplines_visible_to(actor)
    record = found.select_related("person", "unit").filter(pk=pk).first()
    if record is None:
        raise Http404
    return record


def access_person_to_discipline(actor: Actor, pk: int) -> Person:
    """A person the actor may open a review on (MANAGE_CAREERS in scope), or 404."""
    return access_person(
        actor, pk, for_write=True, capability=Capability.MANAGE_CAREERS
    )


@dataclass(frozen=True)
class RecordFilter:
    unit: Unit | None = None  # its whole subtree
    stage: str = ""
    form: str = ""
    year: int | None = None  # opened, or decided, in this year
    person_id: int | None = None


def discipline_list(actor: Actor, filters: RecordFilter) -> QuerySet[Discipline]:
    """The records in scope, newest review first, with people and units joined."""
    found = disciplines_visible_to(actor)
    if filters.unit is not None:
        found = found.filter(unit_path__pathprefix=filters.unit.path)
    if filters.stage:
        found = found.filter(stage=filters.stage)
    if filters.form:
        found = found.filter(form=filters.form)
    if filters.year is not None:
        found = found.filter(
            Q(review_started__year=filters.year) | Q(decision_date__year=filters.year)
        )
    if filters.person_id is not None:
        found = found.filter(person_id=filters.person_id)
    return found.select_related("person", "unit").order_by("-review_started", "-id")
