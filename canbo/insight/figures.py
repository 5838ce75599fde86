"""The dashboard figures of a unit's subtree for a year, as grouped aggregates.

`compute` returns plain JSON values, so the same figures are shown live (with
the actor's scope as an extra filter) or stored in a Snapshot and read back.
A handful of grouped queries whatever the size of the subtree: no query per
unit or per person.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from typing import Any

from django.db.models import Case, Count, IntegerField, Q, Sum, Value, When
from django.db.models.functions import ExtractMonth, ExtractYear, Substr

from canbo.evaluation.models import Period, Sheet
from canbo.org.models import Unit, path_segment
from canbo.people.models import Person
from canbo.planning.selectors import targets_for
from canbo.policy.insight import AGE_GROUPS, born_after, kpi
from canbo.policy.levels import Level
from canbo.work.models import Task

LEVELS = [level.value for level in Level]
HISTORY_YEARS = 5
# Raised when the shape of the figures changes: stored figures of another
# version are not shown (they are recomputed).
VERSION = 2  # 2: months hold their levels
OPEN_TASKS = (Task.Status.ASSIGNED, Task.Status.SUBMITTED, Task.Status.RETURNED)
Figures = dict[str, Any]


def compute(unit: Unit, year: int, *, today: date, scope: Q | None = None) -> Figures:
    """Everything the dashboard charts for `unit` and below in `year`.

    `scope` (a filter on `unit_path`/`unit_id`) restricts the rows to an
    actor's scope; None counts the whole subtree (for a snapshot). The annual
    sheets and the tasks are each read once, grouped by branch (the unit just
    below `unit`) and year or month; the sections are summed from those rows.
    """
    annual = _annual_rows(unit, year, scope)
    tasks = _task_rows(unit, year, today, scope)
    return {
        "version": VERSION,
        "levels": _level_counts(_sum_levels(r for r in annual if r[1] == year)),
        "history": [
            {"year": y, **_level_counts(_sum_levels(r for r in annual if r[1] == y))}
            for y in sorted({r[1] for r in annual})
        ],
        "months": _months(unit, year, scope),
        "tasks": _sum_tasks(tasks),
        "task_months": [
            {"month": m, **_sum_tasks(r for r in tasks if r[1] == m)}
            for m in sorted({r[1] for r in tasks})
        ],
        "structure": _structure(unit, today, scope),
        "children": _children(unit, year, scope, annual, tasks),
    }


def _scoped(queryset: Any, unit: Unit, scope: Q | None) -> Any:
    found = queryset.filter(unit_path__pathprefix=unit.path)
    return found.filter(scope) if scope is not None else found


def _branch(unit: Unit) -> Substr:
    """The path of the unit just below `unit` holding a row (`unit`'s own path
    for rows of `unit` itself)."""
    return Substr("unit_path", 1, len(unit.path) + len(path_segment(0)))


# (branch, year, level, sheets, sum of scores, sheets with a score)
AnnualRow = tuple[str, int, str, int, Decimal | None, int]
# (branch, month, total, accepted, late, overdue)
TaskRow = tuple[str, int, int, int, int, int]
TASK_KEYS = ("total", "accepted", "late", "overdue")


def _annual_rows(unit: Unit, year: int, scope: Q | None) -> list[AnnualRow]:
    """The annual sheets of the last HISTORY_YEARS years, one grouped read."""
    sheets = _scoped(Sheet.objects.filter(period__kind=Period.Kind.YEAR), unit, scope)
    return [
        (b, int(y), level, n, total, scored)
        for b, y, level, n, total, scored in sheets.filter(
            period__start__gte=date(year - HISTORY_YEARS + 1, 1, 1),
            period__start__lte=date(year, 12, 31),
        )
        .annotate(b=_branch(unit), y=ExtractYear("period__start"))
        .values_list("b", "y", "level")
        .annotate(n=Count("id"), s=Sum("score"), c=Count("score"))
        .order_by()
    ]


def _sum_levels(rows: Iterable[AnnualRow]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for row in rows:
        counts[row[2]] = counts.get(row[2], 0) + row[3]
    return counts


def _level_counts(rows: dict[str, int]) -> dict[str, int]:
    counts = {level: int(rows.get(level, 0)) for level in LEVELS}
    counts["undecided"] = int(rows.get("", 0))
    return counts


def _months(unit: Unit, year: int, scope: Q | None) -> list[dict[str, Any]]:
    """Per month of `year`: the monthly sheets, their mean score, the task
    completion and the levels (one read grouped by month and level)."""
    rows = (
        _scoped(Sheet.objects.filter(period__kind=Period.Kind.MONTH), unit, scope)
        .filter(
            period__start__gte=date(year, 1, 1), period__start__lte=date(year, 12, 31)
        )
        .annotate(m=ExtractMonth("period__start"))
        .values_list("m", "level")
        .annotate(
            n=Count("id"),
            points=Sum("score"),
            scored=Count("score"),
            done=Sum("completed"),
            given=Sum("assigned"),
        )
        .order_by()
    )
    months: dict[int, dict[str, Any]] = {}
    for m, level, n, score, scored, done, given in rows:
        month = months.setdefault(
            int(m),
            {"sheets": 0, "score": Decimal(0), "scored": 0, "done": Decimal(0),
             "given": Decimal(0), "levels": {}},
        )  # fmt: skip
        month["sheets"] += n
        month["score"] += score or 0
        month["scored"] += scored
        month["done"] += done or 0
        month["given"] += given or 0
        month["levels"][level] = month["levels"].get(level, 0) + n
    return [
        {
            "month": m,
            "sheets": r["sheets"],
            "score": round(float(r["score"] / r["scored"]), 1) if r["scored"] else None,
            "kpi": kpi(r["done"], r["given"]),
            "excellent": r["levels"].get(Level.HTXSNV, 0),
            "levels": _level_counts(r["levels"]),
        }
        for m, r in sorted(months.items())
    ]


def _task_rows(unit: Unit, year: int, today: date, scope: Q | None) -> list[TaskRow]:
    """The tasks due in `year`, one grouped read by branch and month: not
    cancelled (nor merely proposed), accepted, accepted late without an
    objective cause, still open after the deadline on `today`."""
    counted = ~Q(status__in=[Task.Status.CANCELLED, Task.Status.PROPOSED])
    tasks = _scoped(
        Task.objects.filter(
            deadline__gte=date(year, 1, 1), deadline__lte=date(year, 12, 31)
        ),
        unit,
        scope,
    )
    return [
        (b, int(m), total, accepted, late, overdue)
        for b, m, total, accepted, late, overdue in tasks.annotate(
            b=_branch(unit), m=ExtractMonth("deadline")
        )
        .values_list("b", "m")
        .annotate(
            total=Count("id", filter=counted),
            accepted=Count("id", filter=Q(status=Task.Status.ACCEPTED)),
            late=Count(
                "id",
                filter=Q(status=Task.Status.ACCEPTED, late=True, delay_excused=False),
            ),
            overdue=Count("id", filter=Q(status__in=OPEN_TASKS, deadline__lt=today)),
        )
        .order_by()
    ]


def _sum_tasks(rows: Iterable[TaskRow]) -> dict[str, int]:
    sums = [0, 0, 0, 0]
    for _branch_path, _month, *counts in rows:
        sums = [a + b for a, b in zip(sums, counts, strict=True)]
    return dict(zip(TASK_KEYS, sums, strict=True))


def _age_case(today: date) -> Case:
    whens = [
        When(birth_date__lte=born_after(today, lower), then=Value(i))
        for i, lower in reversed(list(enumerate(AGE_GROUPS)))
        if i > 0
    ]
    return Case(*whens, default=Value(0), output_field=IntegerField())


def _structure(unit: Unit, today: date, scope: Q | None) -> dict[str, Any]:
    targets, _record = targets_for(unit)
    people = _scoped(Person.objects.filter(is_active=True), unit, scope)
    young_from = born_after(today, targets.young_age)
    pyramid = {"M": [0] * len(AGE_GROUPS), "F": [0] * len(AGE_GROUPS)}
    rows = (
        people.annotate(g=_age_case(today))
        .values_list("sex", "g")
        .annotate(n=Count("id"))
        .order_by()
    )
    for sex, group, n in rows:
        pyramid.setdefault(sex, [0] * len(AGE_GROUPS))[group] += n
    counts = people.aggregate(
        total=Count("id"),
        women=Count("id", filter=Q(sex=Person.Sex.FEMALE)),
        young=Count("id", filter=Q(birth_date__gt=young_from)),
        ethnic=Count("id", filter=~Q(ethnicity__iexact="kinh")),
    )
    education = dict(people.values_list("education").annotate(n=Count("id")).order_by())
    theory = dict(
        people.values_list("political_theory").annotate(n=Count("id")).order_by()
    )
    return {
        **{key: int(value or 0) for key, value in counts.items()},
        "pyramid": pyramid,
        "education": education,
        "theory": theory,
        "targets": {
            "young_age": targets.young_age,
            "young": targets.young_min,
            "women": targets.women_min,
            "ethnic": targets.ethnic_min,
        },
    }


def _children(
    unit: Unit,
    year: int,
    scope: Q | None,
    annual: list[AnnualRow],
    tasks: list[TaskRow],
) -> list[dict[str, Any]]:
    """Each unit just below `unit` with its whole subtree's figures (and `unit`
    itself when people are attached to it directly): staff, levels of the year,
    mean annual score, tasks."""
    staff = dict(
        _scoped(Person.objects.filter(is_active=True), unit, scope)
        .annotate(b=_branch(unit))
        .values_list("b")
        .annotate(n=Count("id"))
        .order_by()
    )
    this_year = [r for r in annual if r[1] == year]
    paths = set(staff) | {r[0] for r in this_year} | {r[0] for r in tasks}
    if scope is None:  # the whole subtree is shown: list the empty children too
        paths |= set(
            Unit.objects.filter(parent=unit, is_active=True).values_list(
                "path", flat=True
            )
        )
    units = {u.path: u for u in Unit.objects.filter(path__in=paths)}
    rows = []
    for path in sorted(units, key=lambda p: (p != unit.path, units[p].name)):
        mine = [r for r in this_year if r[0] == path]
        scored = sum(r[5] for r in mine)
        total = sum((r[4] or Decimal(0) for r in mine), Decimal(0))
        rows.append(
            {
                "id": units[path].pk,
                "name": units[path].name,
                "own": path == unit.path,
                "staff": staff.get(path, 0),
                "levels": _level_counts(_sum_levels(mine)),
                "score": round(float(total / scored), 1) if scored else None,
                "tasks": _sum_tasks(r for r in tasks if r[0] == path),
            }
        )
    return rows
