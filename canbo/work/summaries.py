"""Board summaries: each unit's tasks per month, kept in step with the tasks.

The services call `refresh` in the same transaction as every change to a task, so
a board never shows a figure its tasks do not support. `rebuild` recomputes every
summary from the tasks (after a bulk load, or to repair), in one statement.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from django.db import connection
from django.db.models import Case, Count, F, Model, Q, QuerySet, When
from django.db.models.functions import TruncMonth

from canbo.org.models import Unit
from canbo.work.models import BoardSummary, Task
from canbo.work.selectors import OPEN, figure_aggregates


def month_start(day: date) -> date:
    return day.replace(day=1)


def _next_month(day: date) -> date:
    return date(day.year + day.month // 12, day.month % 12 + 1, 1)


def summary_rows(tasks: QuerySet[Any]) -> QuerySet[Any]:
    """The summary rows of `tasks`: one per unit, month, group, status and open day."""
    accepted = Q(status=Task.Status.ACCEPTED)
    rows: QuerySet[Any] = (
        tasks.annotate(
            month=TruncMonth("deadline"),
            day=Case(When(status__in=OPEN, then=F("deadline"))),
            group_id=F("product_type__group_id"),
        )
        .values("unit_id", "unit_path", "status", "month", "day", "group_id")
        .annotate(
            tasks=Count("id"),
            on_time=Count(
                "id", filter=accepted & (Q(late=False) | Q(delay_excused=True))
            ),
            **figure_aggregates(),
        )
        .order_by()
    )
    return rows


def _insert(tasks: QuerySet[Any], summary: type[Model]) -> None:
    rows = summary_rows(tasks)
    columns = [*rows.query.values_select, *rows.query.annotation_select]
    sql, params = rows.query.sql_with_params()
    quoted = ", ".join(connection.ops.quote_name(c) for c in columns)
    table = connection.ops.quote_name(summary._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"INSERT INTO {table} ({quoted}) {sql}", params)


def refresh(unit_id: int, days: Iterable[date]) -> None:
    """Recompute the summaries of one unit for the months of `days`.

    The unit's row is locked first (FOR NO KEY UPDATE, which does not block the
    foreign-key checks of new tasks), so two transactions never rebuild the same
    unit's months at once and each sees the other's committed tasks.
    """
    months = sorted({month_start(d) for d in days})
    if not months:
        return
    list(Unit.objects.select_for_update(no_key=True).filter(pk=unit_id).values("pk"))
    BoardSummary.objects.filter(unit_id=unit_id, month__in=months).delete()
    in_months = Q()
    for month in months:
        in_months |= Q(deadline__gte=month, deadline__lt=_next_month(month))
    _insert(Task.objects.filter(in_months, unit_id=unit_id), BoardSummary)


def rebuild(
    under: str = "",
    task_model: type[Model] = Task,
    summary_model: type[Model] = BoardSummary,
) -> int:
    """Recompute the summaries of every unit whose path starts with `under` (all by
    default) from the tasks, in two statements; return how many rows that made."""
    summaries = summary_model._default_manager.filter(unit_path__startswith=under)
    summaries.delete()
    _insert(
        task_model._default_manager.filter(unit_path__startswith=under), summary_model
    )
    return summaries.count()
