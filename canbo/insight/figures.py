"""The dashboard figures of a unit's subtree for a year, as grouped aggregates.

`compute` returns plain JSON values, so the same figures are shown live (with
the actor's scope as an extra filter) or stored in a Snapshot and read back.
A handful of grouped queries whatever the size of the subtree: no query per
unit or per person.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import Avg, Case, Count, IntegerField, Q, Sum, Value, When
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
OPEN_TASKS = (Task.Status.ASSIGNED, Task.Status.SUBMITTED, Task.Status.RETURNED)
Figures = dict[str, Any]


def compute(unit: Unit, year: int, *, today: date, scope: Q | None = None) -> Figures:
    """Everything the dashboard charts for `unit` and below in `year`.

    `scope` (a filter on `unit_path`/`unit_id`) restricts the rows to an
    actor's scope; None counts the whole subtree (for a snapshot).
    """
    return {
        "levels": _levels(unit, year, scope),
        "history": _history(unit, year, scope),
        "months": _months(unit, year, scope),
        "tasks": _tasks(unit, year, today, scope),
        "task_months": _task_months(unit, year, scope),
        "structure": _structure(unit, today, scope),
        "children": _children(unit, year, today, scope),
    }


def _scoped(queryset: Any, unit: Unit, scope: Q | None) -> Any:
    found = queryset.filter(unit_path__pathprefix=unit.path)
    return found.filter(scope) if scope is not None else found


def _annual(unit: Unit, scope: Q | None) -> Any:
    return _scoped(Sheet.objects.filter(period__kind=Period.Kind.YEAR), unit, scope)


def _level_counts(rows: dict[str, int]) -> dict[str, int]:
    counts = {level: int(rows.get(level, 0)) for level in LEVELS}
    counts["undecided"] = int(rows.get("", 0))
    return counts


def _levels(unit: Unit, year: int, scope: Q | None) -> dict[str, int]:
    rows = (
        _annual(unit, scope)
        .filter(period__start__year=year)
        .values_list("level")
        .annotate(n=Count("id"))
        .order_by()
    )
    return _level_counts(dict(rows))


def _history(unit: Unit, year: int, scope: Q | None) -> list[dict[str, int]]:
    first = year - HISTORY_YEARS + 1
    rows = (
        _annual(unit, scope)
        .filter(period__start__year__gte=first, period__start__year__lte=year)
        .annotate(y=ExtractYear("period__start"))
        .values_list("y", "level")
        .annotate(n=Count("id"))
        .order_by()
    )
    by_year: dict[int, dict[str, int]] = {}
    for y, level, n in rows:
        by_year.setdefault(int(y), {})[level] = n
    return [
        {"year": y, **_level_counts(by_year[y])}
        for y in range(first, year + 1)
        if y in by_year
    ]


def _months(unit: Unit, year: int, scope: Q | None) -> list[dict[str, Any]]:
    rows = (
        _scoped(Sheet.objects.filter(period__kind=Period.Kind.MONTH), unit, scope)
        .filter(period__start__year=year)
        .annotate(m=ExtractMonth("period__start"))
        .values("m")
        .annotate(
            n=Count("id"),
            score=Avg("score"),
            done=Sum("completed"),
            given=Sum("assigned"),
            excellent=Count("id", filter=Q(level=Level.HTXSNV)),
        )
        .order_by("m")
    )
    return [
        {
            "month": int(r["m"]),
            "sheets": r["n"],
            "score": round(float(r["score"]), 1) if r["score"] is not None else None,
            "kpi": kpi(r["done"], r["given"]),
            "excellent": r["excellent"],
        }
        for r in rows
    ]


def _task_filter(today: date) -> dict[str, Any]:
    not_cancelled = ~Q(status__in=[Task.Status.CANCELLED, Task.Status.PROPOSED])
    return {
        "total": Count("id", filter=not_cancelled),
        "accepted": Count("id", filter=Q(status=Task.Status.ACCEPTED)),
        "late": Count(
            "id",
            filter=Q(status=Task.Status.ACCEPTED, late=True, delay_excused=False),
        ),
        "overdue": Count("id", filter=Q(status__in=OPEN_TASKS, deadline__lt=today)),
    }


def _year_tasks(unit: Unit, year: int, scope: Q | None) -> Any:
    return _scoped(Task.objects.filter(deadline__year=year), unit, scope)


def _tasks(unit: Unit, year: int, today: date, scope: Q | None) -> dict[str, int]:
    found = _year_tasks(unit, year, scope).aggregate(**_task_filter(today))
    return {key: int(value or 0) for key, value in found.items()}


def _task_months(unit: Unit, year: int, scope: Q | None) -> list[dict[str, int]]:
    rows = (
        _year_tasks(unit, year, scope)
        .annotate(m=ExtractMonth("deadline"))
        .values("m")
        .annotate(**_task_filter(date.max))
        .order_by("m")
    )
    return [
        {
            "month": int(r["m"]),
            "total": r["total"],
            "accepted": r["accepted"],
            "late": r["late"],
        }
        for r in rows
    ]


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
    unit: Unit, year: int, today: date, scope: Q | None
) -> list[dict[str, Any]]:
    """Each unit just below `unit` with its whole subtree's figures (and `unit`
    itself when people are attached to it directly): staff, levels of the year,
    mean annual score, tasks."""
    width = len(unit.path) + len(path_segment(0))
    branch = Substr("unit_path", 1, width)
    staff = dict(
        _scoped(Person.objects.filter(is_active=True), unit, scope)
        .annotate(b=branch)
        .values_list("b")
        .annotate(n=Count("id"))
        .order_by()
    )
    levels: dict[str, dict[str, int]] = {}
    scores: dict[str, float | None] = {}
    for b, level, n in (
        _annual(unit, scope)
        .filter(period__start__year=year)
        .annotate(b=branch)
        .values_list("b", "level")
        .annotate(n=Count("id"))
        .order_by()
    ):
        levels.setdefault(b, {})[level] = n
    for b, score in (
        _annual(unit, scope)
        .filter(period__start__year=year)
        .annotate(b=branch)
        .values_list("b")
        .annotate(s=Avg("score"))
        .order_by()
    ):
        scores[b] = round(float(score), 1) if score is not None else None
    tasks = {
        r["b"]: r
        for r in _year_tasks(unit, year, scope)
        .annotate(b=branch)
        .values("b")
        .annotate(**_task_filter(today))
        .order_by()
    }
    paths = set(staff) | set(levels) | set(tasks)
    if scope is None:  # the whole subtree is shown: list the empty children too
        paths |= set(
            Unit.objects.filter(parent=unit, is_active=True).values_list(
                "path", flat=True
            )
        )
    units = {u.path: u for u in Unit.objects.filter(path__in=paths)}
    rows = []
    for path in sorted(
        paths, key=lambda p: (p != unit.path, units[p].name if p in units else p)
    ):
        if path not in units:
            continue
        found = tasks.get(path, {})
        rows.append(
            {
                "id": units[path].pk,
                "name": units[path].name,
                "own": path == unit.path,
                "staff": staff.get(path, 0),
                "levels": _level_counts(levels.get(path, {})),
                "score": scores.get(path),
                "tasks": {
                    k: int(found.get(k, 0))
                    for k in ("total", "accepted", "late", "overdue")
                },
            }
        )
    return rows
