from __future__ import annotations

from datetime import date
from decimal import Decimal

from canbo.work import services
from canbo.work.models import Task
from canbo.work.selectors import my_tasks
from canbo.work.tests.conftest import Desk


def test_my_tasks_lists_open_work_first_then_the_latest_finished(desk: Desk) -> None:
    manager, staff = desk.cast.actor("manager"), desk.cast.actor("staff")

    def assign(title: str, deadline: date) -> Task:
        (task,) = services.assign_task(
            actor=manager, product_type=desk.product, quantity=Decimal(1), deadline=deadline,
            today=date(2026, 1, 2), assignees=[desk.worker], title=title,
        )  # fmt: skip
        return task

    old_done = assign("done in February", date(2026, 2, 10))
    recent_done = assign("done in October", date(2026, 10, 10))
    for task in (old_done, recent_done):
        services.submit_product(
            actor=staff, task=task, quantity=Decimal(1), today=task.deadline
        )
        services.review_product(actor=manager, task=task, accept=True)
    assign("due in December", date(2026, 12, 1))
    assign("due in November", date(2026, 11, 25))
    titles = [task.title for task in my_tasks(staff)]
    assert titles == [
        "due in November",
        "due in December",
        "done in October",
        "done in February",
    ]
