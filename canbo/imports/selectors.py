"""Reads for imports: the actor's own jobs, and bulk look-ups of the keys a file names.

The look-ups load whole sets in a few queries (never one per row) and split them
by the actor's scope, so a 3,000-row file is checked in seconds.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date

from django.db.models import QuerySet
from django.http import Http404

from canbo.core.actor import Actor
from canbo.imports.models import ImportJob
from canbo.org.models import JobPosition, Post, Unit
from canbo.people.models import Assignment, Person
from canbo.people.selectors import people_visible_to
from canbo.policy.access import Capability

CHUNK = 900  # stays under the bound-parameter limit of every database

AssignmentKey = tuple[int, int, int | None, int | None, date]


def jobs_for(actor: Actor, limit: int = 20) -> QuerySet[ImportJob]:
    """Return the actor's own most recent import jobs; nobody sees another user's."""
    return ImportJob.objects.filter(requested_by=actor.user)[:limit]


def access_job(actor: Actor, pk: int) -> ImportJob:
    """Return the job if the actor requested it; any other job answers 404."""
    job = ImportJob.objects.filter(pk=pk, requested_by=actor.user).first()
    if job is None:
        raise Http404
    return job


def _chunks(values: Iterable[str]) -> Iterator[list[str]]:
    items = sorted(set(values))
    for start in range(0, len(items), CHUNK):
        yield items[start : start + CHUNK]


@dataclass
class UnitLookup:
    editable: dict[str, Unit] = field(default_factory=dict)  # code → unit in scope
    taken: set[str] = field(
        default_factory=set
    )  # codes used by units outside the scope


def units_by_code(
    actor: Actor, codes: Iterable[str], capability: Capability
) -> UnitLookup:
    """Return the units with these codes that the actor may import into for `capability`.

    Scope means both `capability` and IMPORT_DATA cover the unit. Codes of other
    units are only reported as taken, so the caller can answer as for unknown codes.
    """
    lookup = UnitLookup()
    for chunk in _chunks(codes):
        for unit in Unit.objects.filter(code__in=chunk):
            in_scope = not actor.read_only and all(
                actor.covers(cap, unit.path, unit.pk)
                for cap in (capability, Capability.IMPORT_DATA)
            )
            if in_scope:
                lookup.editable[unit.code] = unit
            else:
                lookup.taken.add(unit.code)
    return lookup


def people_by_citizen_id(
    actor: Actor, numbers: Iterable[str]
) -> tuple[dict[str, Person], set[str]]:
    """Return ({CCCD: record the actor may edit}, {CCCD of records outside the scope}).

    Records outside the scope are read only as their number, nothing else.
    """
    editable: dict[str, Person] = {}
    taken: set[str] = set()
    scoped = people_visible_to(actor, Capability.EDIT_PEOPLE).select_related("unit")
    for chunk in _chunks(numbers):
        editable.update((p.citizen_id, p) for p in scoped.filter(citizen_id__in=chunk))
        taken.update(
            Person.objects.filter(citizen_id__in=chunk).values_list(
                "citizen_id", flat=True
            )
        )
    return editable, taken - set(editable)


def existing_assignments(person_ids: Iterable[int]) -> set[AssignmentKey]:
    """Return (person, unit, post, job position, start) of the given people's assignments."""
    keys: set[AssignmentKey] = set()
    ids = sorted(set(person_ids))
    for start in range(0, len(ids), CHUNK):
        rows = Assignment.objects.filter(
            person_id__in=ids[start : start + CHUNK]
        ).values_list(
            "person_id", "unit_id", "post_id", "job_position_id", "start_date"
        )
        keys.update(rows)
    return keys


def posts_by_code() -> dict[str, Post]:
    return {post.code: post for post in Post.objects.all()}


def job_positions_by_code() -> dict[str, JobPosition]:
    return {position.code: position for position in JobPosition.objects.all()}


def units_for_template(
    actor: Actor, capability: Capability, limit: int = 3000
) -> list[Unit]:
    """Return the units the actor may import into, for the template's list sheet."""
    query = actor.scope_q(capability, path="path", unit_id="pk") & actor.scope_q(
        Capability.IMPORT_DATA, path="path", unit_id="pk"
    )
    return list(Unit.objects.filter(query).order_by("path")[:limit])


def refresh_units(units: Iterable[Unit]) -> None:
    """Reload the position in the tree (path, depth, parent) of units held in memory."""
    by_pk = {unit.pk: unit for unit in units}
    for fresh in Unit.objects.filter(pk__in=list(by_pk)).only(
        "path", "depth", "parent_id"
    ):
        held = by_pk[fresh.pk]
        held.path, held.depth, held.parent_id = fresh.path, fresh.depth, fresh.parent_id
