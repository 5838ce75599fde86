"""The board summaries stay equal to the tasks they add up, whatever happens to them."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime
from decimal import Decimal
from io import StringIO
from typing import Any

import pytest
import time_machine
from django.core.management import call_command

from canbo.org.services import update_unit
from canbo.work import services, summaries
from canbo.work.board_selectors import BoardFilters, BoardWindow, unit_board
from canbo.work.models import BoardSummary, Task
from canbo.work.tests.conftest import Desk
from canbo.work.tests.test_boards import _done, _task

NOV_10 = date(2026, 11, 10)
NOW = datetime(2026, 11, 10, 3, 0, tzinfo=UTC)
NOVEMBER = BoardWindow(
    start=date(2026, 11, 1),
    end=date(2026, 11, 30),
    today=NOV_10,
    soon=date(2026, 11, 11),
)


@pytest.fixture(autouse=True)
def frozen() -> Iterator[None]:
    with time_machine.travel(NOW, tick=False):
        yield


def _stored() -> list[dict[str, Any]]:
    fields = [f.name for f in BoardSummary._meta.fields if f.name != "id"]
    rows = BoardSummary.objects.values(
        *[f if f not in ("unit", "group") else f"{f}_id" for f in fields]
    )
    return sorted(rows, key=repr)


def _recomputed() -> list[dict[str, Any]]:
    summaries.rebuild()
    return _stored()


@pytest.fixture
def history(desk: Desk) -> Desk:
    """Every kind of change a task goes through, across November and December."""
    staff, head = desk.cast.actor("staff"), desk.cast.actor("head")
    _done(desk, _task(desk, date(2026, 11, 20)), NOV_10)
    _done(desk, _task(desk, date(2026, 11, 8)), NOV_10, returned=True)
    late = Task.objects.filter(deadline=date(2026, 11, 8)).get()
    services.excuse_delay(actor=head, task=late, reason="Mất điện")
    _task(desk, date(2026, 11, 5))  # overdue
    moved = _task(desk, date(2026, 11, 28))
    extension = services.request_extension(
        actor=staff, task=moved, new_deadline=date(2026, 12, 3), reason="Chờ số liệu",
        now=NOW,
    )  # fmt: skip
    services.decide_extension(actor=head, extension=extension, approve=True, now=NOW)
    partial = _task(desk, date(2026, 11, 25))
    services.submit_product(
        actor=staff, task=partial, quantity=Decimal(1), today=NOV_10
    )
    services.review_product(actor=head, task=partial, accept=True, meets_quality=False)
    for approve in (True, False):
        own = services.propose_task(
            actor=staff, product_type=desk.product, quantity=Decimal(3),
            deadline=date(2026, 11, 27), today=NOV_10,
        )  # fmt: skip
        services.decide_proposal(actor=head, task=own, approve=approve)
    services.propose_task(
        actor=staff, product_type=desk.product, quantity=Decimal(1),
        deadline=date(2026, 11, 29), today=NOV_10,
    )  # fmt: skip
    return desk


def test_the_summaries_kept_by_the_services_equal_a_rebuild(history: Desk) -> None:
    kept = _stored()
    assert kept  # the services did write summaries
    assert kept == _recomputed()


def test_an_extension_into_the_next_month_moves_the_task_out_of_the_first(
    history: Desk,
) -> None:
    months = set(BoardSummary.objects.values_list("month", flat=True))
    assert months == {date(2026, 11, 1), date(2026, 12, 1)}
    december = BoardSummary.objects.get(month=date(2026, 12, 1))
    assert (december.status, december.day, december.tasks) == (
        Task.Status.ASSIGNED, date(2026, 12, 3), 1,
    )  # fmt: skip


@pytest.mark.parametrize("status", ["", "accepted", "assigned", "proposed"])
def test_the_board_from_summaries_equals_the_board_from_tasks(
    history: Desk, status: str
) -> None:
    filters = BoardFilters(status=status)
    actor = history.cast.actor("admin")
    summary = unit_board(actor, history.cast.org.province, NOVEMBER, filters)
    live = unit_board(
        actor, history.cast.org.province, NOVEMBER, filters, from_tasks=True
    )
    assert summary.branches == live.branches
    assert summary.total == live.total
    november = Task.objects.filter(deadline__month=11)
    if status:
        november = november.filter(status=status)
    assert (summary.listed, live.listed) == (november.count(), None)


def test_the_november_board_adds_up_as_a_person_would(history: Desk) -> None:
    actor = history.cast.actor("admin")
    board = unit_board(actor, history.cast.org.province, NOVEMBER, BoardFilters())
    counts, figures = board.total.counts, board.total.figures
    # Due in November: on time, late (excused), overdue, partial, approved own task;
    # the extended task is in December, the refused and pending proposals never count.
    assert counts.due == 5
    assert (counts.on_time, counts.done_late, counts.overdue) == (3, 0, 1)
    assert (counts.in_progress, counts.near) == (1, 0)
    assert figures.delays == 0
    assert figures.failed_reviews == 1
    assert figures.completed_quality < figures.completed < figures.assigned


def test_moving_a_unit_carries_its_tasks_and_summaries(history: Desk) -> None:
    org = history.cast.org
    admin = history.cast.actor("admin")
    before = unit_board(admin, org.dept_a, NOVEMBER, BoardFilters()).total
    update_unit(actor=admin, unit=org.division_a1, parent=org.dept_b)
    org.division_a1.refresh_from_db()
    assert set(Task.objects.values_list("unit_path", flat=True)) == {
        org.division_a1.path
    }
    moved = unit_board(admin, org.dept_b, NOVEMBER, BoardFilters()).total
    assert moved == before
    left = unit_board(admin, org.dept_a, NOVEMBER, BoardFilters()).total
    assert left.counts.due == 0
    assert _stored() == _recomputed()


def test_the_rebuild_command_repairs_summaries_that_drifted(history: Desk) -> None:
    kept = _stored()
    BoardSummary.objects.filter(month=date(2026, 11, 1)).update(tasks=99)
    BoardSummary.objects.filter(month=date(2026, 12, 1)).delete()
    out = StringIO()
    call_command("rebuild_boards", stdout=out)
    assert _stored() == kept
    assert f": {len(kept)} " in out.getvalue()  # the number of rows, in any language
