"""Task figures of a period, from real tasks, equal the policy on hand-made outcomes."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from decimal import Decimal

import pytest
import time_machine

from canbo.evaluation.figures import figures_by_assignee
from canbo.policy import TaskOutcome, task_points
from canbo.policy.scoring import points_of
from canbo.work import services
from canbo.work.models import Task
from canbo.work.tests.conftest import Desk

NOV_1, NOV_10, NOV_20 = date(2026, 11, 1), date(2026, 11, 10), date(2026, 11, 20)
NOVEMBER = (NOV_1, date(2026, 11, 30))


@pytest.fixture(autouse=True)
def frozen() -> Iterator[None]:
    with time_machine.travel("2026-11-10 10:00 +07:00", tick=False):
        yield


def _assign(desk: Desk, quantity: str = "2", deadline: date = NOV_20) -> Task:
    (task,) = services.assign_task(
        actor=desk.cast.actor("head"), product_type=desk.product, quantity=Decimal(quantity),
        deadline=deadline, today=NOV_1, assignees=[desk.worker], override_catalogue=True,
    )  # fmt: skip
    return task


def _deliver(
    desk: Desk,
    task: Task,
    quantity: str,
    day: date,
    *,
    returns: int = 0,
    excused: bool = False,
) -> None:
    staff, head = desk.cast.actor("staff"), desk.cast.actor("head")
    for _ in range(returns):
        services.submit_product(
            actor=staff, task=task, quantity=Decimal(quantity), today=day
        )
        services.review_product(
            actor=head, task=task, accept=False, reason="Chưa đạt", excused=excused
        )
    services.submit_product(
        actor=staff, task=task, quantity=Decimal(quantity), today=day
    )
    services.review_product(actor=head, task=task, accept=True)


Case = Callable[[Desk], list[TaskOutcome]]


def on_time(desk: Desk) -> list[TaskOutcome]:
    _deliver(desk, _assign(desk), "2", NOV_10)
    return [TaskOutcome(2, 2)]


def returned_twice(desk: Desk) -> list[TaskOutcome]:
    _deliver(desk, _assign(desk), "2", NOV_10, returns=2)
    return [TaskOutcome(2, 2, failed_reviews=2)]


def returned_for_an_objective_cause(desk: Desk) -> list[TaskOutcome]:
    _deliver(desk, _assign(desk), "2", NOV_10, returns=1, excused=True)
    return [TaskOutcome(2, 2)]


def late(desk: Desk) -> list[TaskOutcome]:
    _deliver(desk, _assign(desk, deadline=date(2026, 11, 5)), "2", NOV_10)
    return [TaskOutcome(2, 2, delays=1)]


def late_excused(desk: Desk) -> list[TaskOutcome]:
    task = _assign(desk, deadline=date(2026, 11, 5))
    _deliver(desk, task, "2", NOV_10)
    services.excuse_delay(actor=desk.cast.actor("head"), task=task, reason="Mất điện")
    return [TaskOutcome(2, 2)]


def partial_and_over(desk: Desk) -> list[TaskOutcome]:
    _deliver(desk, _assign(desk, "4"), "1", NOV_10)  # a quarter of the order
    _deliver(desk, _assign(desk, "2"), "3", NOV_10)  # more than ordered counts as 2
    return [TaskOutcome(4, 1), TaskOutcome(2, 2)]


def open_and_other_months(desk: Desk) -> list[TaskOutcome]:
    _assign(desk)  # still open: ordered, nothing delivered
    _assign(desk, deadline=date(2026, 12, 3))  # due in December: not this period
    _deliver(desk, _assign(desk, "1.5"), "1.5", NOV_10, returns=1)
    return [TaskOutcome(2, 0), TaskOutcome(1.5, 1.5, failed_reviews=1)]


@pytest.mark.parametrize(
    "case",
    [on_time, returned_twice, returned_for_an_objective_cause, late, late_excused,
     partial_and_over, open_and_other_months],
)  # fmt: skip
def test_the_database_sums_score_as_the_policy_does(desk: Desk, case: Case) -> None:
    desk.product.coefficient = Decimal("1.5")
    desk.product.save()
    outcomes = [
        TaskOutcome(o.assigned * 1.5, o.completed * 1.5, o.failed_reviews, o.delays)
        for o in case(desk)
    ]
    figures = figures_by_assignee(Task.objects.all(), *NOVEMBER)[desk.worker.pk]
    assert points_of(figures.sums) == task_points(outcomes)
    assert figures.failed_reviews == sum(o.failed_reviews for o in outcomes)
    assert figures.delays == sum(o.delays for o in outcomes)


def test_nobody_without_tasks_in_the_period_has_figures(desk: Desk) -> None:
    _assign(desk, deadline=date(2026, 12, 3))
    assert figures_by_assignee(Task.objects.all(), *NOVEMBER) == {}
