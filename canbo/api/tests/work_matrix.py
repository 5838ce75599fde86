"""The work endpoints of the permission matrix: product types, tasks, figures.

The staff persona holds a job position whose catalogue has one product type;
each action endpoint points at its own task of theirs, in the state the action
needs (open, submitted, with a pending extension, accepted late, proposed).
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from datetime import timedelta
from decimal import Decimal
from typing import Any

from django.utils import timezone

from canbo.api.tests.matrix import API, EVERYONE, VIEWERS, Endpoint
from canbo.people.models import Person
from canbo.people.tests.factories import AssignmentFactory
from canbo.tests.fixtures import Cast
from canbo.work.models import ExtensionRequest, ProductType, Submission, Task
from canbo.work.tests.factories import ProductTypeFactory

ASSIGNERS = frozenset({"manager", "head"})
STAFF = frozenset({"staff"})
_serial = itertools.count(1)


def _worker(cast: Cast) -> tuple[Person, ProductType]:
    worker = cast.users["staff"].person
    if worker is None:
        raise LookupError("the staff persona has no staff record")
    product = ProductTypeFactory.create()
    AssignmentFactory.create(
        person=worker, unit=worker.unit, job_position=product.catalogue.job_position
    )
    return worker, product


def _task(cast: Cast, worker: Person, product: ProductType, **values: Any) -> Task:
    """A task of the staff persona, written directly (no audit entry: test set-up)."""
    today = timezone.localdate()
    fields: dict[str, Any] = {
        "title": product.name, "product_type": product, "quantity": Decimal(2),
        "coefficient": product.coefficient, "converted_quantity": 2 * product.coefficient,
        "assignee": worker, "unit": worker.unit, "unit_path": worker.unit_path,
        "assigned_by": cast.users["manager"], "assigned_on": today,
        "deadline": today + timedelta(days=10), "original_deadline": today + timedelta(days=10),
    }  # fmt: skip
    fields.update(values)
    return Task.objects.create(**fields)


def _submitted(cast: Cast, task: Task) -> Task:
    Submission.objects.create(
        task=task, quantity=task.quantity, submitted_by=cast.users["staff"],
        submitted_on=timezone.localdate(),
    )  # fmt: skip
    task.status = Task.Status.SUBMITTED
    task.save(update_fields=["status"])
    return task


def _late(cast: Cast, worker: Person, product: ProductType) -> Task:
    past = timezone.localdate() - timedelta(days=20)
    return _task(
        cast, worker, product, assigned_on=past, deadline=past, original_deadline=past,
        status=Task.Status.ACCEPTED, completed_on=past + timedelta(days=3),
        completed_quantity=Decimal(2), meets_quality=True, late=True,
    )  # fmt: skip


def _extension(cast: Cast, task: Task) -> ExtensionRequest:
    return ExtensionRequest.objects.create(
        task=task, previous_deadline=task.deadline, reason="Chờ số liệu",
        requested_deadline=task.deadline + timedelta(days=5),
        requested_by=cast.users["staff"], requested_at=timezone.now(),
    )  # fmt: skip


def _with_version(pk: int, **values: Any) -> Callable[[], dict[str, Any]]:
    def body() -> dict[str, Any]:
        return {"version": Task.objects.get(pk=pk).version, **values}

    return body


def _assign_body(cast: Cast, product: ProductType) -> Callable[[], dict[str, Any]]:
    def body() -> dict[str, Any]:
        return {
            "product_type": product.pk, "quantity": "3",
            "deadline": (timezone.localdate() + timedelta(days=7)).isoformat(),
            "assignees": [cast.org.person_a1.pk], "override_catalogue": True,
            "title": f"Báo cáo ma trận {next(_serial)}",
        }  # fmt: skip

    return body


def _propose_body(product: ProductType) -> Callable[[], dict[str, Any]]:
    def body() -> dict[str, Any]:
        deadline = timezone.localdate() + timedelta(days=5)
        return {
            "product_type": product.pk,
            "quantity": "1",
            "deadline": deadline.isoformat(),
        }

    return body


def work_endpoints(cast: Cast) -> list[Endpoint]:
    """Return the work operations with sample tasks of the staff persona."""
    worker, product = _worker(cast)
    progress, submit, extend = (_task(cast, worker, product) for _ in range(3))
    submitted = _submitted(cast, _task(cast, worker, product))
    pending = _task(cast, worker, product)
    extension = _extension(cast, pending)
    late = _late(cast, worker, product)
    proposed = _task(cast, worker, product, status=Task.Status.PROPOSED)
    tasks, new_deadline = f"{API}/tasks", timezone.localdate() + timedelta(days=30)
    return [
        Endpoint("GET", f"{API}/product-types", f"{API}/product-types", EVERYONE),
        Endpoint("GET", f"{API}/product-types/{{product_type_id}}",
                 f"{API}/product-types/{product.pk}", EVERYONE, scoped=False),
        Endpoint("GET", tasks, tasks, EVERYONE),
        Endpoint("GET", f"{tasks}/{{task_id}}", f"{tasks}/{submitted.pk}", VIEWERS | STAFF),
        Endpoint("POST", tasks, tasks, ASSIGNERS, _assign_body(cast, product)),
        Endpoint("POST", f"{tasks}/propose", f"{tasks}/propose", STAFF, _propose_body(product)),
        Endpoint("POST", f"{tasks}/{{task_id}}/progress", f"{tasks}/{progress.pk}/progress",
                 STAFF, _with_version(progress.pk, progress=40)),
        Endpoint("POST", f"{tasks}/{{task_id}}/submissions", f"{tasks}/{submit.pk}/submissions",
                 STAFF, _with_version(submit.pk, quantity="2", links=["https://vb.example/1"])),
        Endpoint("POST", f"{tasks}/{{task_id}}/review", f"{tasks}/{submitted.pk}/review",
                 ASSIGNERS, _with_version(submitted.pk, accept=True)),
        Endpoint("POST", f"{tasks}/{{task_id}}/extensions", f"{tasks}/{extend.pk}/extensions",
                 STAFF, _with_version(extend.pk, requested_deadline=new_deadline.isoformat(),
                                      reason="Chờ ý kiến các sở")),
        Endpoint("POST", f"{tasks}/{{task_id}}/extensions/{{extension_id}}/decision",
                 f"{tasks}/{pending.pk}/extensions/{extension.pk}/decision",
                 ASSIGNERS, _with_version(pending.pk, approve=True)),
        Endpoint("POST", f"{tasks}/{{task_id}}/excuse-delay", f"{tasks}/{late.pk}/excuse-delay",
                 ASSIGNERS, _with_version(late.pk, reason="Mưa bão")),
        Endpoint("POST", f"{tasks}/{{task_id}}/proposal-decision",
                 f"{tasks}/{proposed.pk}/proposal-decision",
                 ASSIGNERS, _with_version(proposed.pk, approve=True)),
        Endpoint("GET", f"{API}/figures", f"{API}/figures?period=2026-Q4", EVERYONE),
    ]  # fmt: skip
