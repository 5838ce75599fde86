"""Boards: counts and per-period figures of a unit, its children and its people."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from canbo.core.actor import Actor
from canbo.core.http import AuthedRequest
from canbo.org import selectors as org_selectors
from canbo.org.models import Unit
from canbo.people.models import Person
from canbo.policy.access import Capability
from canbo.work import selectors
from canbo.work.forms import BoardFilter, month_of, period_bounds
from canbo.work.models import Task
from canbo.work.selectors import BoardWindow
from canbo.work.views.common import mark_colours, soon_after


def board(request: AuthedRequest) -> HttpResponse:
    """Open the board of the actor's topmost unit (or let them choose one)."""
    units = selectors.board_units(request.actor)
    if not units:
        raise Http404
    if len(units) == 1:
        query = request.GET.urlencode()
        target = redirect("work:unit_board", units[0].pk)
        if query:
            target["Location"] += f"?{query}"
        return target
    return render(request, "work/board_choose.html", {"units": units})


def _window(filters: BoardFilter) -> tuple[BoardWindow, str]:
    now = timezone.now()
    today = timezone.localdate(now)
    bounds = filters.cleaned_data.get("period") if filters.is_valid() else None
    label = filters.data.get("period", "") if bounds else month_of(today)
    start, end = bounds or period_bounds(month_of(today)) or (today, today)
    return BoardWindow(start=start, end=end, today=today, soon=soon_after(now)), label


def _filtered(tasks: QuerySet[Task], filters: BoardFilter) -> QuerySet[Task]:
    if not filters.is_valid():
        return tasks
    data = filters.cleaned_data
    if data["group"] is not None:
        tasks = tasks.filter(product_type__group=data["group"])
    if data["assigner"] is not None:
        tasks = tasks.filter(assigned_by_id=data["assigner"])
    if data["status"]:
        tasks = tasks.filter(status=data["status"])
    return tasks


def _people(lines: dict[int, selectors.BoardLine]) -> list[tuple[Person, object]]:
    from canbo.people.selectors import people_in_order

    people = people_in_order(list(lines))
    return sorted(
        ((p, lines[p.pk]) for p in people),
        key=lambda row: (row[0].sort_name, row[0].pk),
    )


def unit_board(request: AuthedRequest, pk: int) -> HttpResponse:
    """A unit's board for a period: a constant number of queries, whatever its size."""
    actor = request.actor
    unit = selectors.access_board_unit(actor, pk)
    scope = selectors.tasks_visible_to(actor).filter(unit_path__pathprefix=unit.path)
    filters = BoardFilter(
        request.GET or None, initial={"period": month_of(timezone.localdate())}
    )
    window, label = _window(filters)
    in_period = scope.filter(deadline__gte=window.start, deadline__lte=window.end)
    filters.fields["assigner"].choices = [  # type: ignore[attr-defined]
        ("", "—"),
        *selectors.assigners_in(in_period),
    ]
    tasks = _filtered(scope, filters)
    lines = selectors.board_by_unit_path(tasks, unit, window)
    children = list(unit.children.order_by("kind", "name"))
    context = {
        "unit": unit,
        "filters": filters,
        "window": window,
        "period": label,
        "total": selectors.roll_up(lines, unit.path),
        "children": [(c, selectors.roll_up(lines, c.path)) for c in children],
        "people": _people(selectors.board_by_person(tasks, unit, window)),
        "ancestors": _ancestors(actor, unit),
        **_task_list(request, tasks, window),
    }
    return render(request, "work/board.html", context)


def _ancestors(actor: Actor, unit: Unit) -> list[Unit]:
    return [
        u
        for u in org_selectors.ancestors(unit)
        if actor.covers(Capability.VIEW_PEOPLE, u.path, u.pk)
    ]


def _task_list(
    request: AuthedRequest, tasks: QuerySet[Task], window: BoardWindow
) -> dict[str, object]:
    listed = tasks.filter(deadline__gte=window.start, deadline__lte=window.end)
    person = request.GET.get("person", "")
    if person.isdigit():
        listed = listed.filter(assignee_id=int(person))
    listed = listed.select_related("assignee", "product_type").order_by(
        "deadline", "id"
    )
    page = Paginator(listed, 50).get_page(request.GET.get("page"))
    return {
        "page": page,
        "tasks": mark_colours(list(page.object_list), timezone.now()),
        "person_filter": person,
        "start": window.start,
        "end": window.end,
        "today": window.today,
    }
