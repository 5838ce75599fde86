"""Boards: counts and per-period figures of a unit, its children and its people."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.functional import cached_property

from canbo.core.actor import Actor
from canbo.core.http import AuthedRequest
from canbo.org import selectors as org_selectors
from canbo.org.models import Unit
from canbo.people.models import Person
from canbo.policy.access import Capability
from canbo.work import board_selectors as boards
from canbo.work.board_selectors import Board, BoardFilters, BoardLine, BoardWindow
from canbo.work.forms import BoardFilter, month_of, period_bounds
from canbo.work.models import Task
from canbo.work.views.common import mark_colours, soon_after


def board(request: AuthedRequest) -> HttpResponse:
    """Open the board of the actor's topmost unit (or let them choose one)."""
    units = boards.board_units(request.actor)
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
    start, end = bounds or period_bounds(label) or (today, today)
    return BoardWindow(start=start, end=end, today=today, soon=soon_after(now)), label


def _filters(filters: BoardFilter) -> BoardFilters:
    if not filters.is_valid():
        return BoardFilters()
    data = filters.cleaned_data
    group = data["group"]
    return BoardFilters(
        group_id=group.pk if group is not None else None,
        assigner_id=data["assigner"],
        status=data["status"],
    )


def _people(lines: dict[int, BoardLine]) -> list[tuple[Person, BoardLine]]:
    from canbo.people.selectors import people_in_order

    people = people_in_order(list(lines))
    return sorted(
        ((p, lines[p.pk]) for p in people),
        key=lambda row: (row[0].sort_name, row[0].pk),
    )


def unit_board(request: AuthedRequest, pk: int) -> HttpResponse:
    """A unit's board for a period: a constant number of queries, whatever its size."""
    actor = request.actor
    unit = boards.access_board_unit(actor, pk)
    form = BoardFilter(
        request.GET or None, initial={"period": month_of(timezone.localdate())}
    )
    form.fields["assigner"].choices = [  # type: ignore[attr-defined]
        ("", "—"),
        *boards.assigners_for(unit),
    ]
    window, label = _window(form)
    filters = _filters(form)
    board = boards.unit_board(actor, unit, window, filters)
    children = list(unit.children.order_by("kind", "name"))
    context = {
        "unit": unit,
        "filters": form,
        "window": window,
        "period": label,
        "total": board.total,
        "children": [(c, board.line(c)) for c in children],
        "people": _people(boards.board_by_person(actor, unit, window, filters)),
        "ancestors": _ancestors(actor, unit),
        **_task_list(request, boards.board_tasks(actor, unit, filters), window, board),
    }
    return render(request, "work/board.html", context)


def _ancestors(actor: Actor, unit: Unit) -> list[Unit]:
    return [
        u
        for u in org_selectors.ancestors(unit)
        if actor.covers(Capability.VIEW_PEOPLE, u.path, u.pk)
    ]


class CountedPaginator(Paginator[Task]):
    """A paginator told its count (from the board summaries) instead of counting."""

    def __init__(self, object_list: QuerySet[Task], per_page: int, count: int) -> None:
        super().__init__(object_list, per_page)
        self.known = count

    @cached_property
    def count(self) -> int:
        return self.known


def _task_list(
    request: AuthedRequest, tasks: QuerySet[Task], window: BoardWindow, board: Board
) -> dict[str, object]:
    listed = tasks.filter(deadline__gte=window.start, deadline__lte=window.end)
    person = request.GET.get("person", "")
    if person.isdigit():
        listed = listed.filter(assignee_id=int(person))
    listed = listed.select_related("assignee", "product_type").order_by(
        "deadline", "id"
    )
    if board.listed is None or person.isdigit():
        paginator: Paginator[Task] = Paginator(listed, 50)
    else:
        paginator = CountedPaginator(listed, 50, board.listed)
    page = paginator.get_page(request.GET.get("page"))
    return {
        "page": page,
        "tasks": mark_colours(list(page.object_list), timezone.now()),
        "person_filter": person,
        "start": window.start,
        "end": window.end,
        "today": window.today,
    }
