"""Reads of tasks and their per-period figures, scoped to the actor."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from decimal import Decimal

from django.db.models import (
    Count,
    DecimalField,
    ExpressionWrapper,
    F,
    Q,
    QuerySet,
    Sum,
    Value,
)
from django.db.models.expressions import CombinedExpression
from django.db.models.functions import Coalesce
from django.http import Http404

from canbo.core.actor import Actor
from canbo.people.models import Person
from canbo.policy.access import Capability
from canbo.policy.work import PeriodFigures
from canbo.work.models import Task

ZERO = Value(Decimal(0), output_field=DecimalField(max_digits=14, decimal_places=3))
COUNTED = ~Q(status__in=[Task.Status.PROPOSED, Task.Status.CANCELLED])


def current_job_position_ids(person: Person) -> set[int]:
    """Return the job positions the person holds now (open assignments)."""
    return set(
        person.assignments.filter(
            end_date__isnull=True, job_position__isnull=False
        ).values_list("job_position_id", flat=True)
    )


def tasks_visible_to(actor: Actor) -> QuerySet[Task]:
    """Return the tasks of units in the actor's scope, and the actor's own tasks."""
    query = actor.scope_q(Capability.VIEW_PEOPLE, path="unit_path", unit_id="unit_id")
    if actor.person_id is not None:
        query |= Q(assignee_id=actor.person_id)
    return Task.objects.filter(query)


def access_task(actor: Actor, pk: int) -> Task:
    """Return the task if the actor may see it; missing and out of scope are both 404."""
    task = (
        tasks_visible_to(actor)
        .select_related("assignee", "unit", "product_type")
        .filter(pk=pk)
        .first()
    )
    if task is None:
        raise Http404
    return task


def _converted_done() -> ExpressionWrapper[CombinedExpression]:
    return ExpressionWrapper(
        F("completed_quantity") * F("coefficient"),
        output_field=DecimalField(max_digits=14, decimal_places=3),
    )


def _figure_aggregates() -> dict[str, object]:
    accepted = Q(status=Task.Status.ACCEPTED)
    on_time = accepted & (Q(late=False) | Q(delay_excused=True))
    return {
        "assigned": Coalesce(Sum("converted_quantity"), ZERO),
        "completed": Coalesce(Sum(_converted_done(), filter=accepted), ZERO),
        "completed_quality": Coalesce(
            Sum(_converted_done(), filter=accepted & Q(meets_quality=True)), ZERO
        ),
        "completed_on_time": Coalesce(Sum(_converted_done(), filter=on_time), ZERO),
        "failed_reviews": Coalesce(Sum("failed_reviews"), 0),
        "delays": Count("id", filter=accepted & Q(late=True, delay_excused=False)),
    }


def _in_period(tasks: QuerySet[Task], start: date, end: date) -> QuerySet[Task]:
    # A product belongs to the period in which its (possibly extended) deadline falls.
    return tasks.filter(COUNTED, deadline__gte=start, deadline__lte=end)


def _figures(row: Mapping[str, object]) -> PeriodFigures:
    return PeriodFigures(
        assigned=Decimal(str(row["assigned"])),
        completed=Decimal(str(row["completed"])),
        completed_quality=Decimal(str(row["completed_quality"])),
        completed_on_time=Decimal(str(row["completed_on_time"])),
        failed_reviews=int(str(row["failed_reviews"])),
        delays=int(str(row["delays"])),
    )


def period_figures(tasks: QuerySet[Task], start: date, end: date) -> PeriodFigures:
    """Sum, in the database, the converted products due between `start` and `end`.

    Decree 335 art. 14 inputs: assigned, completed, completed meeting quality,
    completed on time (or late for an objective cause), failed reviews not
    excused, delays not excused. Partial completion counts its delivered quantity.
    """
    return _figures(_in_period(tasks, start, end).aggregate(**_figure_aggregates()))


def figures_by_person(
    tasks: QuerySet[Task], start: date, end: date
) -> dict[int, PeriodFigures]:
    """Return the period figures of every assignee among `tasks`, in one query."""
    rows = (
        _in_period(tasks, start, end)
        .filter(assignee__isnull=False)
        .values("assignee_id")
        .annotate(**_figure_aggregates())
        .order_by()
    )
    return {int(str(row["assignee_id"])): _figures(row) for row in rows}
