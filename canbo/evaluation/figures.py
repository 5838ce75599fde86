"""The task figures of an evaluation period, added up in the database.

For every assignee, one query gives the sums of Nghị định 335/2025 art. 14 (see
`canbo.policy.scoring.OutcomeSums`): Σ w_i converted quantity ordered; Σ d_i
converted quantity delivered, counted up to the order (a full or larger delivery
is exactly w_i, a partial one delivered × coefficient); Σ d_i · max(0, 1 − deduction · f_i)
with f_i the failed reviews not excused; Σ d_i · max(0, 1 − deduction · l_i) with
l_i = 1 for a delay not excused. Only accepted products count as delivered.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.db.models import (
    Case,
    DecimalField,
    ExpressionWrapper,
    F,
    IntegerField,
    Q,
    QuerySet,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce, Greatest

from canbo.policy.scoring import DEDUCTION, OutcomeSums
from canbo.work.models import Task
from canbo.work.selectors import COUNTED, exact

EXACT = DecimalField(max_digits=20, decimal_places=5)
ZERO = Value(Decimal(0), output_field=EXACT)


@dataclass(frozen=True)
class TaskFigures:
    sums: OutcomeSums
    failed_reviews: int = 0
    delays: int = 0


NO_WORK = TaskFigures(OutcomeSums(Decimal(0), Decimal(0), Decimal(0), Decimal(0)))


def _sum_expressions(deduction: Decimal) -> dict[str, Any]:
    accepted = Q(status=Task.Status.ACCEPTED)
    partial = ExpressionWrapper(
        F("completed_quantity") * F("coefficient"), output_field=EXACT
    )
    done = Case(
        When(
            accepted & Q(completed_quantity__gte=F("quantity")),
            then=F("converted_quantity"),
        ),
        When(accepted, then=partial),
        default=ZERO,
        output_field=EXACT,
    )
    delay = Case(
        When(accepted & Q(late=True, delay_excused=False), then=Value(1)),
        default=Value(0),
        output_field=IntegerField(),
    )
    cut = Value(deduction, output_field=EXACT)
    keep_quality = Greatest(
        ZERO, Value(Decimal(1), output_field=EXACT) - cut * F("failed_reviews")
    )
    keep_progress = Greatest(ZERO, Value(Decimal(1), output_field=EXACT) - cut * delay)
    return {
        "assigned": Coalesce(Sum("converted_quantity", output_field=EXACT), ZERO),
        "completed": Coalesce(Sum(done), ZERO),
        "quality": Coalesce(
            Sum(ExpressionWrapper(done * keep_quality, output_field=EXACT)), ZERO
        ),
        "progress": Coalesce(
            Sum(ExpressionWrapper(done * keep_progress, output_field=EXACT)), ZERO
        ),
        "failed": Coalesce(Sum("failed_reviews"), 0),
        "delays": Coalesce(Sum(delay), 0),
    }


def _figures(row: Mapping[str, Any]) -> TaskFigures:
    sums = OutcomeSums(
        exact(row["assigned"]),
        exact(row["completed"]),
        exact(row["quality"]),
        exact(row["progress"]),
    )
    return TaskFigures(
        sums, failed_reviews=int(row["failed"]), delays=int(row["delays"])
    )


def figures_by_assignee(
    tasks: QuerySet[Task], start: date, end: date, *, deduction: Decimal = DEDUCTION
) -> dict[int, TaskFigures]:
    """Return the task figures of every assignee among `tasks` due in the period."""
    rows = (
        tasks.filter(COUNTED, deadline__gte=start, deadline__lte=end)
        .filter(assignee__isnull=False)
        .values("assignee_id")
        .annotate(**_sum_expressions(deduction))
        .order_by()
    )
    return {int(row["assignee_id"]): _figures(row) for row in rows}
