"""Objects in division A1 for the permission matrix's rows of the task pages."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from canbo.people.models import Person
from canbo.people.tests.factories import AssignmentFactory
from canbo.tests.fixtures import Cast
from canbo.work import services
from canbo.work.models import ProductType, Task
from canbo.work.tests.factories import ProductTypeFactory


def _worker(cast: Cast) -> Person:
    worker = cast.users["staff"].person
    assert worker is not None
    return worker


def _product(cast: Cast) -> ProductType:
    product = ProductTypeFactory()
    worker = _worker(cast)
    AssignmentFactory(
        person=worker, unit=worker.unit, job_position=product.catalogue.job_position
    )
    return product


def task_in_a1(cast: Cast, *, days_ago: int = 0) -> Task:
    """A task the manager assigned to the staff persona, due in 30 days."""
    today = timezone.localdate() - timedelta(days=days_ago)
    (task,) = services.assign_task(
        actor=cast.actor("manager"),
        product_type=_product(cast),
        quantity=Decimal(2),
        deadline=today + timedelta(days=30),
        today=today,
        assignees=[_worker(cast)],
    )
    return task


def submitted_task(cast: Cast, *, links: tuple[str, ...] = ()) -> Task:
    task = task_in_a1(cast)
    services.submit_product(
        actor=cast.actor("staff"), task=task, quantity=Decimal(2),
        today=timezone.localdate(), links=links,
    )  # fmt: skip
    return task


def late_task(cast: Cast) -> Task:
    """A task accepted after its deadline: its delay can be excused."""
    task = task_in_a1(cast, days_ago=40)
    services.submit_product(
        actor=cast.actor("staff"), task=task, quantity=Decimal(2),
        today=timezone.localdate(),
    )  # fmt: skip
    services.review_product(actor=cast.actor("manager"), task=task, accept=True)
    return task


def proposed_task(cast: Cast) -> Task:
    today = timezone.localdate()
    return services.propose_task(
        actor=cast.actor("staff"), product_type=_product(cast), quantity=Decimal(1),
        deadline=today + timedelta(days=7), today=today,
    )  # fmt: skip


def pending_extension(cast: Cast) -> str:
    """Return the decide URL of a pending extension request."""
    task = task_in_a1(cast)
    extension = services.request_extension(
        actor=cast.actor("staff"), task=task,
        new_deadline=task.deadline + timedelta(days=10), reason="Chờ số liệu",
        now=timezone.now(),
    )  # fmt: skip
    return f"/tasks/{task.pk}/extensions/{extension.pk}/decide/"


def link_evidence(cast: Cast) -> int:
    task = submitted_task(cast, links=("https://example.org/bao-cao",))
    return task.submissions.get().evidence.get().pk


def later(days: int = 60) -> str:
    return (timezone.localdate() + timedelta(days=days)).isoformat()
