"""Reads for the task boards: counts and figures of a unit, its branches, its people.

A board adds up the tasks due in a period under a unit. Without an assigner
filter it reads the per-unit monthly summaries (`BoardSummary`), so a province
board reads a few thousand rows rather than a million tasks; with one it reads
the assigner's tasks, which an index finds directly. Both give the same lines.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, fields
from datetime import date
from typing import Any, ClassVar

from django.db.models import Count, Q, QuerySet, Sum
from django.db.models.functions import Coalesce, Substr
from django.http import Http404

from canbo.accounts.models import RoleGrant, User
from canbo.core.actor import Actor
from canbo.org.models import Unit, path_segment
from canbo.policy.access import Capability, roles_with
from canbo.policy.work import PeriodFigures
from canbo.work.models import BoardSummary, Task
from canbo.work.selectors import (
    COUNTED,
    OPEN,
    ZERO,
    figure_aggregates,
    figures_of,
    in_period,
)

SEGMENT = len(path_segment(0))


@dataclass(frozen=True)
class BoardWindow:
    """The period shown on a board (whole months), and what "today" and "soon" are."""

    start: date
    end: date
    today: date
    soon: date  # deadlines before this day are within the reminder window


@dataclass(frozen=True)
class BoardFilters:
    group_id: int | None = None
    assigner_id: int | None = None
    status: str = ""


@dataclass(frozen=True)
class BoardCounts:
    FIELDS: ClassVar[tuple[str, ...]] = (
        "due",
        "on_time",
        "done_late",
        "in_progress",
        "overdue",
        "near",
        "waiting_review",
    )
    due: int = 0
    on_time: int = 0
    done_late: int = 0
    in_progress: int = 0
    overdue: int = 0
    near: int = 0
    waiting_review: int = 0


@dataclass(frozen=True)
class BoardLine:
    counts: BoardCounts
    figures: PeriodFigures


@dataclass(frozen=True)
class Board:
    """A unit's board: its total, one line per branch, and how many tasks it lists.

    `branches` is keyed by unit path: the unit's own path for the tasks of the unit
    itself, a child's path for everything under that child. `listed` is None when
    the summaries could not count the list (an assigner filter).
    """

    total: BoardLine
    branches: dict[str, BoardLine]
    listed: int | None

    def line(self, unit: Unit) -> BoardLine:
        return self.branches.get(unit.path, EMPTY)


def sum_lines(lines: Sequence[BoardLine]) -> BoardLine:
    """Add board lines up (counts and figures), in Python."""
    counts = {k: sum(getattr(x.counts, k) for x in lines) for k in BoardCounts.FIELDS}
    empty = PeriodFigures()
    figures = {
        f.name: sum((getattr(x.figures, f.name) for x in lines), getattr(empty, f.name))
        for f in fields(PeriodFigures)
    }
    return BoardLine(counts=BoardCounts(**counts), figures=PeriodFigures(**figures))


EMPTY = sum_lines([])


# --- Which units, which tasks ------------------------------------------------


def board_units(actor: Actor) -> list[Unit]:
    """Return the topmost units of the actor's VIEW_PEOPLE scope (board entry points)."""
    paths = sorted({g.unit_path for g in actor.grants_for(Capability.VIEW_PEOPLE)})
    kept: list[str] = []
    for path in paths:
        if not any(path.startswith(k) for k in kept):
            kept.append(path)
    return list(Unit.objects.filter(path__in=kept).order_by("path"))


def access_board_unit(actor: Actor, pk: int) -> Unit:
    """Return the unit if the actor may see its people; 404 otherwise."""
    scope = actor.scope_q(Capability.VIEW_PEOPLE, path="path", unit_id="pk")
    unit = Unit.objects.filter(scope, pk=pk).first()
    if unit is None:
        raise Http404
    return unit


def _scope(actor: Actor, unit: Unit) -> Q:
    """Rows (tasks or summaries) of units under `unit` that the actor may see."""
    under = Q(unit_path__pathprefix=unit.path)
    grants = actor.grants_for(Capability.VIEW_PEOPLE)
    if any(g.subtree and unit.path.startswith(g.unit_path) for g in grants):
        return under
    return under & actor.scope_q(
        Capability.VIEW_PEOPLE, path="unit_path", unit_id="unit_id"
    )


def _narrowed(rows: QuerySet[Any], filters: BoardFilters) -> QuerySet[Any]:
    if filters.group_id is not None:
        key = "group_id" if rows.model is BoardSummary else "product_type__group_id"
        rows = rows.filter(**{key: filters.group_id})
    if filters.assigner_id is not None:
        rows = rows.filter(assigned_by_id=filters.assigner_id)
    if filters.status:
        rows = rows.filter(status=filters.status)
    return rows


def board_tasks(actor: Actor, unit: Unit, filters: BoardFilters) -> QuerySet[Task]:
    """Return the tasks under `unit` the actor may see, narrowed by the filters."""
    return _narrowed(Task.objects.filter(_scope(actor, unit)), filters)


def assigners_for(unit: Unit) -> list[tuple[int, str]]:
    """Return (user id, name) of those who may assign work in or to `unit`'s board:
    task-assigning roles on the unit, on a unit above it, or on a unit just below."""
    above = [unit.path[:end] for end in range(SEGMENT, len(unit.path), SEGMENT)]
    where = (
        Q(unit__path__in=above, include_subtree=True)
        | Q(unit_id=unit.pk)
        | Q(unit__path__pathprefix=unit.path, unit__depth=unit.depth + 1)
    )
    grants = RoleGrant.objects.filter(
        where, role__in=roles_with(Capability.ASSIGN_TASKS), user__is_active=True
    )
    users = User.objects.filter(pk__in=grants.values("user_id"))
    return sorted(
        (u.pk, f"{u.last_name} {u.first_name}".strip() or u.username) for u in users
    )


# --- Lines -------------------------------------------------------------------


def _branch(unit: Unit) -> Substr:
    return Substr("unit_path", 1, len(unit.path) + SEGMENT)


def _task_sums(window: BoardWindow) -> dict[str, Any]:
    open_, done = Q(status__in=OPEN), Q(status=Task.Status.ACCEPTED)
    today, soon = window.today, window.soon
    return {
        "due": Count("id"),
        "on_time": Count("id", filter=done & (Q(late=False) | Q(delay_excused=True))),
        "done_late": Count("id", filter=done & Q(late=True, delay_excused=False)),
        "in_progress": Count("id", filter=open_ & Q(deadline__gte=today)),
        "overdue": Count("id", filter=open_ & Q(deadline__lt=today)),
        "near": Count("id", filter=open_ & Q(deadline__gte=today, deadline__lt=soon)),
        "waiting_review": Count("id", filter=Q(status=Task.Status.SUBMITTED)),
        **figure_aggregates(),
    }


def _summary_sums(window: BoardWindow) -> dict[str, Any]:
    open_, today, soon = Q(status__in=OPEN), window.today, window.soon

    def total(name: str, where: Q = COUNTED, zero: Any = 0) -> Coalesce:
        return Coalesce(Sum(name, filter=where), zero)

    return {
        "due": total("tasks"),
        "on_time": total("on_time"),
        "done_late": total("delays"),
        "in_progress": total("tasks", open_ & Q(day__gte=today)),
        "overdue": total("tasks", open_ & Q(day__lt=today)),
        "near": total("tasks", open_ & Q(day__gte=today, day__lt=soon)),
        "waiting_review": total("tasks", Q(status=Task.Status.SUBMITTED)),
        "assigned": total("assigned", zero=ZERO),
        "completed": total("completed", zero=ZERO),
        "completed_quality": total("completed_quality", zero=ZERO),
        "completed_on_time": total("completed_on_time", zero=ZERO),
        "failed_reviews": total("failed_reviews"),
        "delays": total("delays"),
        "listed": total("tasks", Q()),
    }


def _line(row: Mapping[str, Any]) -> BoardLine:
    counts = BoardCounts(**{k: int(row[k]) for k in BoardCounts.FIELDS})
    return BoardLine(counts=counts, figures=figures_of(row))


def unit_board(
    actor: Actor,
    unit: Unit,
    window: BoardWindow,
    filters: BoardFilters,
    *,
    from_tasks: bool = False,
) -> Board:
    """Return the board of `unit` for the window, in one query.

    It reads the summaries unless `from_tasks` or an assigner filter (the
    summaries do not keep the assigner); both sources give the same lines.
    """
    from_tasks = from_tasks or filters.assigner_id is not None
    if not from_tasks:
        summaries = BoardSummary.objects.filter(
            _scope(actor, unit), month__gte=window.start, month__lte=window.end
        )
        rows, sums = _narrowed(summaries, filters), _summary_sums(window)
    else:
        tasks = board_tasks(actor, unit, filters)
        rows, sums = in_period(tasks, window.start, window.end), _task_sums(window)
    grouped = list(
        rows.annotate(branch=_branch(unit)).values("branch").annotate(**sums).order_by()
    )
    lines = ((str(row["branch"]), _line(row)) for row in grouped)
    # Branches with only uncounted tasks (proposed, cancelled) show as empty.
    branches = {branch: line for branch, line in lines if line != EMPTY}
    listed = None if from_tasks else sum(int(r["listed"]) for r in grouped)
    return Board(sum_lines(list(branches.values())), branches, listed)


def board_by_person(
    actor: Actor, unit: Unit, window: BoardWindow, filters: BoardFilters
) -> dict[int, BoardLine]:
    """Return the board line of each person with tasks in `unit` itself, in one query."""
    tasks = board_tasks(actor, unit, filters).filter(
        unit_id=unit.pk, assignee__isnull=False
    )
    rows = (
        in_period(tasks, window.start, window.end)
        .values("assignee_id")
        .annotate(**_task_sums(window))
        .order_by()
    )
    return {int(row["assignee_id"]): _line(row) for row in rows}
