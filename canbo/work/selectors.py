"""Reads of tasks and their per-period figures, scoped to the actor."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import (
    Case,
    Count,
    DecimalField,
    ExpressionWrapper,
    F,
    Q,
    QuerySet,
    Sum,
    Value,
    When,
)
from django.db.models.expressions import CombinedExpression
from django.db.models.functions import Coalesce
from django.http import Http404

from canbo.core.actor import Actor
from canbo.org.models import Unit
from canbo.people.models import Person
from canbo.policy.access import Capability
from canbo.policy.work import PeriodFigures
from canbo.work.models import (
    Evidence,
    ExtensionRequest,
    ProductType,
    Submission,
    Task,
)

ZERO = Value(Decimal(0), output_field=DecimalField(max_digits=20, decimal_places=5))
COUNTED = ~Q(status__in=[Task.Status.PROPOSED, Task.Status.CANCELLED])
# Tasks whose work is still with the assignee.
OPEN = (Task.Status.ASSIGNED, Task.Status.RETURNED)


@dataclass(frozen=True)
class TaskLists:
    submissions: list[Submission]
    extensions: list[ExtensionRequest]


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
        output_field=DecimalField(max_digits=20, decimal_places=5),
    )


def figure_aggregates() -> dict[str, object]:
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


def in_period(tasks: QuerySet[Task], start: date, end: date) -> QuerySet[Task]:
    # A product belongs to the period in which its (possibly extended) deadline falls.
    return tasks.filter(COUNTED, deadline__gte=start, deadline__lte=end)


# Quantity (2 places) × coefficient (3 places) has at most 5 decimal places; rounding
# sums to them removes the float noise of SQLite without changing a real figure.
EXACT = Decimal("0.00001")


def exact(value: object) -> Decimal:
    return Decimal(str(value)).quantize(EXACT)


def figures_of(row: Mapping[str, object]) -> PeriodFigures:
    return PeriodFigures(
        assigned=exact(row["assigned"]),
        completed=exact(row["completed"]),
        completed_quality=exact(row["completed_quality"]),
        completed_on_time=exact(row["completed_on_time"]),
        failed_reviews=int(str(row["failed_reviews"])),
        delays=int(str(row["delays"])),
    )


def period_figures(tasks: QuerySet[Task], start: date, end: date) -> PeriodFigures:
    """Sum, in the database, the converted products due between `start` and `end`.

    Decree 335 art. 14 inputs: assigned, completed, completed meeting quality,
    completed on time (or late for an objective cause), failed reviews not
    excused, delays not excused. Partial completion counts its delivered quantity.
    """
    return figures_of(in_period(tasks, start, end).aggregate(**figure_aggregates()))


def figures_by_person(
    tasks: QuerySet[Task], start: date, end: date
) -> dict[int, PeriodFigures]:
    """Return the period figures of every assignee among `tasks`, in one query."""
    rows = (
        in_period(tasks, start, end)
        .filter(assignee__isnull=False)
        .values("assignee_id")
        .annotate(**figure_aggregates())
        .order_by()
    )
    return {int(str(row["assignee_id"])): figures_of(row) for row in rows}


# --- Pages: product types, people to assign, boards -------------------------


def product_types_in_force(
    today: date, job_position_ids: set[int] | None = None
) -> QuerySet[ProductType]:
    """Return the product types of the catalogues in force on `today`.

    With `job_position_ids`, only those positions' catalogues (a person's own).
    """
    query = Q(catalogue__valid_from__lte=today) & (
        Q(catalogue__valid_to__isnull=True) | Q(catalogue__valid_to__gte=today)
    )
    if job_position_ids is not None:
        query &= Q(catalogue__job_position_id__in=job_position_ids)
    return (
        ProductType.objects.filter(query)
        .select_related("group", "catalogue__job_position")
        .order_by("group__code", "code", "id")
    )


def assignable_people(actor: Actor) -> QuerySet[Person]:
    """Return the active staff the actor may assign tasks to (ASSIGN_TASKS scope)."""
    scope = actor.scope_q(Capability.ASSIGN_TASKS, path="unit_path", unit_id="unit_id")
    return Person.objects.filter(scope, is_active=True).order_by("sort_name", "id")


def assignable_units(actor: Actor) -> QuerySet[Unit]:
    """Return the units the actor may assign tasks to as a whole."""
    scope = actor.scope_q(Capability.ASSIGN_TASKS, path="path", unit_id="pk")
    return Unit.objects.filter(scope, is_active=True).order_by("path")


def my_tasks(actor: Actor) -> QuerySet[Task]:
    """Return the actor's own tasks: open ones first, soonest deadline first, then
    finished ones, most recent first."""
    if actor.person_id is None:
        return Task.objects.none()
    is_open = Q(status__in=[*OPEN, Task.Status.SUBMITTED, Task.Status.PROPOSED])
    return (
        Task.objects.filter(assignee_id=actor.person_id)
        .select_related("product_type", "unit")
        .annotate(
            closed=Case(When(is_open, then=Value(0)), default=Value(1)),
            open_deadline=Case(When(is_open, then=F("deadline"))),
        )
        .order_by("closed", F("open_deadline").asc(nulls_last=True), "-deadline", "-id")
    )


def task_lists(task: Task) -> TaskLists:
    """Return the submissions (with evidence and review) and extensions of a task."""
    submissions = list(
        task.submissions.select_related("review").prefetch_related("evidence")
    )
    extensions = list(task.extensions.select_related("requested_by", "decided_by"))
    return TaskLists(submissions=submissions, extensions=extensions)


def access_evidence(actor: Actor, pk: int) -> Evidence:
    """Return a piece of evidence if the actor may see its task; 404 otherwise."""
    evidence = (
        Evidence.objects.filter(pk=pk, submission__task__in=tasks_visible_to(actor))
        .select_related("submission")
        .first()
    )
    if evidence is None:
        raise Http404
    return evidence


def access_extension(actor: Actor, task: Task, pk: int) -> ExtensionRequest:
    """Return an extension request of `task` (already access-checked); 404 otherwise."""
    extension = task.extensions.filter(pk=pk).first()
    if extension is None:
        raise Http404
    return extension


def own_product_types(actor: Actor, today: date) -> QuerySet[ProductType]:
    """Return the product types of the actor's current job positions' catalogues."""
    if actor.person_id is None:
        return ProductType.objects.none()
    return product_types_in_force(
        today, current_job_position_ids(Person(pk=actor.person_id))
    )
