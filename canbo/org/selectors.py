"""Reads of units, posts and job positions, scoped to the actor."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count, QuerySet
from django.http import Http404

from canbo.core.actor import Actor
from canbo.org.models import PATH_STEP, JobPosition, Post, Unit
from canbo.policy.access import Capability


def units_visible_to(
    actor: Actor, capability: Capability = Capability.VIEW_UNITS
) -> QuerySet[Unit]:
    """Return the units in the actor's scope for `capability`."""
    return Unit.objects.filter(actor.scope_q(capability, path="path", unit_id="pk"))


def access_unit(actor: Actor, pk: int, *, for_write: bool = False) -> Unit:
    """Return the unit if the actor may see it (or edit it, with `for_write`).

    Missing and out-of-scope units both raise Http404, so nobody learns which
    units exist outside their scope.
    """
    capability = Capability.EDIT_UNITS if for_write else Capability.VIEW_UNITS
    if for_write and actor.read_only:
        raise Http404
    unit = (
        units_visible_to(actor, capability)
        .select_related("parent")
        .filter(pk=pk)
        .first()
    )
    if unit is None:
        raise Http404
    return unit


def root_units_for(actor: Actor) -> list[Unit]:
    """Return the topmost units the actor can see: the starting points of the tree."""
    roots: dict[int, Unit] = {}
    grants = actor.grants_for(Capability.VIEW_UNITS)
    paths = sorted({g.unit_path for g in grants}, key=len)
    kept: list[str] = []
    for path in paths:
        if not any(path.startswith(k) for k in kept):
            kept.append(path)
    for unit in Unit.objects.filter(path__in=kept):
        roots[unit.pk] = unit
    return sorted(roots.values(), key=lambda u: u.path)


def _headcount_by_unit(unit: Unit) -> dict[int, int]:
    from canbo.people.models import Person

    rows = (
        Person.objects.filter(unit_path__pathprefix=unit.path, is_active=True)
        .values("unit_id")
        .annotate(n=Count("id"))
        .order_by()
    )
    return {row["unit_id"]: row["n"] for row in rows}


@dataclass(frozen=True)
class ChildSummary:
    unit: Unit
    headcount: int  # active staff in the child and below
    quota: int  # staffing quota of the child and below
    has_children: bool


def child_summaries(unit: Unit) -> list[ChildSummary]:
    """Return each child of `unit` with its subtree headcount and quota.

    Three queries whatever the size of the tree: the children, the units of the
    subtree (to sum quotas and headcounts by child), and the headcounts by unit.
    """
    children = list(unit.children.order_by("kind", "name"))
    prefix = len(unit.path) + PATH_STEP + 1
    quota: dict[str, int] = defaultdict(int)
    staff: dict[str, int] = defaultdict(int)
    has_children: set[int] = set()
    counts = _headcount_by_unit(unit)
    subtree = Unit.objects.filter(path__pathprefix=unit.path).values_list(
        "pk", "path", "staffing_quota", "parent_id"
    )
    for pk, path, unit_quota, parent_id in subtree:
        quota[path[:prefix]] += unit_quota
        staff[path[:prefix]] += counts.get(pk, 0)
        if parent_id is not None:
            has_children.add(parent_id)
    return [
        ChildSummary(
            unit=child,
            headcount=staff.get(child.path, 0),
            quota=quota.get(child.path, 0),
            has_children=child.pk in has_children,
        )
        for child in children
    ]


def subtree_headcount(unit: Unit) -> int:
    """Return the active staff of the unit and every unit below it."""
    from canbo.people.models import Person

    return Person.objects.filter(
        unit_path__pathprefix=unit.path, is_active=True
    ).count()


def direct_headcount(unit: Unit) -> int:
    from canbo.people.models import Person

    return Person.objects.filter(unit=unit, is_active=True).count()


def ancestors(unit: Unit) -> list[Unit]:
    """Return the units above `unit`, root first, from its path."""
    ids = [int(part) for part in unit.path.split(".") if part][:-1]
    by_id = Unit.objects.in_bulk(ids)
    return [by_id[i] for i in ids if i in by_id]


def posts() -> QuerySet[Post]:
    return Post.objects.all()


def job_positions() -> QuerySet[JobPosition]:
    return JobPosition.objects.all()


def filter_units(actor: Actor, capability: Capability) -> QuerySet[Unit]:
    """The units a list's unit filter offers: the actor's scope down to one level
    below their highest grant (a province's agencies and communes, a department's
    divisions), not its thousands of schools and divisions."""
    grants = actor.grants_for(capability)
    if not grants:
        return Unit.objects.none()
    deepest = min(len(g.unit_path) // (PATH_STEP + 1) for g in grants)
    return (
        units_visible_to(actor, capability).filter(depth__lte=deepest).order_by("path")
    )
