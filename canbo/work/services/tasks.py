"""Assigning and proposing tasks, and reporting progress."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _

from canbo.core.actor import Actor
from canbo.core.audit import log_action
from canbo.core.errors import InvalidInput, NotAllowed
from canbo.org.models import Unit
from canbo.people.models import Person
from canbo.policy.work import (
    task_problems,
)
from canbo.work import messages, notifications, summaries
from canbo.work.models import (
    ProductType,
    Task,
)
from canbo.work.services.common import (
    check_catalogue,
    is_assignee,
    lock_task,
    refuse,
    refuse_own_task,
    require_assigner,
    save_state,
)


def _new_task(
    actor: Actor,
    product_type: ProductType,
    quantity: Decimal,
    deadline: date,
    today: date,
    title: str,
    person: Person | None,
    unit: Unit,
    **details: str | date | None,
) -> Task:
    """Create the task row; the converted quantity is quantity × coefficient (art. 14)."""
    return Task.objects.create(
        title=title.strip() or product_type.name,
        product_type=product_type,
        quantity=quantity,
        coefficient=product_type.coefficient,
        converted_quantity=quantity * product_type.coefficient,
        assignee=person,
        unit=unit,
        unit_path=unit.path,
        assigned_by=actor.user,
        assigned_on=today,
        deadline=deadline,
        original_deadline=deadline,
        **details,
    )


@transaction.atomic
def assign_task(
    *,
    actor: Actor,
    product_type: ProductType,
    quantity: Decimal,
    deadline: date,
    today: date,
    title: str = "",
    assignees: list[Person] | None = None,
    unit: Unit | None = None,
    override_catalogue: bool = False,
    **details: str | date | None,
) -> list[Task]:
    """Order a product from each of `assignees`, or from `unit` as a whole.

    The product type must come from the catalogue of the assignee's current job
    position unless `override_catalogue`; converted quantity = quantity ×
    coefficient (Decree 335 art. 14). Audit: work.task.assigned, one per task.
    """
    refuse(
        task_problems(assigned_on=today, deadline=deadline, quantity=quantity),
        messages.TASK,
    )
    targets: list[tuple[Person | None, Unit]] = [(p, p.unit) for p in assignees or []]
    if unit is not None:
        targets.append((None, unit))
    if not targets:
        raise InvalidInput.single(
            "assignees", _("Choose at least one person or a unit.")
        )
    tasks = []
    for person, target_unit in targets:
        require_assigner(actor, target_unit)
        check_catalogue(product_type, person, override_catalogue)
        task = _new_task(
            actor,
            product_type,
            quantity,
            deadline,
            today,
            title,
            person,
            target_unit,
            **details,
        )
        log_action(
            "work.task.assigned",
            actor=actor,
            obj=task,
            unit_path=task.unit_path,
            person_id=person.pk if person else None,
            data={"quantity": str(quantity), "deadline": deadline.isoformat()},
        )
        tasks.append(task)
    for unit_id in sorted({t.unit_id for t in tasks}):
        summaries.refresh(unit_id, {deadline})
    return tasks


@transaction.atomic
def propose_task(
    *,
    actor: Actor,
    product_type: ProductType,
    quantity: Decimal,
    deadline: date,
    today: date,
    title: str = "",
) -> Task:
    """A staff member registers a task of their own; it counts only once approved.

    Audit: work.task.proposed.
    """
    person = None
    if actor.person_id is not None:
        person = (
            Person.objects.filter(pk=actor.person_id).select_related("unit").first()
        )
    if actor.read_only or person is None:
        raise NotAllowed
    refuse(
        task_problems(assigned_on=today, deadline=deadline, quantity=quantity),
        messages.TASK,
    )
    check_catalogue(product_type, person, override=False)
    task = _new_task(
        actor, product_type, quantity, deadline, today, title, person, person.unit,
        status=Task.Status.PROPOSED,
    )  # fmt: skip
    summaries.refresh(task.unit_id, {deadline})
    log_action(
        "work.task.proposed",
        actor=actor,
        obj=task,
        unit_path=task.unit_path,
        person_id=person.pk,
    )
    notifications.proposed(task)
    return task


@transaction.atomic
def decide_proposal(
    *, actor: Actor, task: Task, approve: bool, version: int | None = None
) -> Task:
    """The manager approves a proposed task (it becomes assigned) or turns it down.

    Audit: work.task.approved / work.task.cancelled.
    """
    task = lock_task(task, version)
    require_assigner(actor, task.unit)
    refuse_own_task(actor, task)
    if task.status != Task.Status.PROPOSED:
        raise InvalidInput.single("", _("This task is not waiting for approval."))
    save_state(task, status=Task.Status.ASSIGNED if approve else Task.Status.CANCELLED)
    action = "work.task.approved" if approve else "work.task.cancelled"
    log_action(
        action,
        actor=actor,
        obj=task,
        unit_path=task.unit_path,
        person_id=task.assignee_id,
    )
    return task


@transaction.atomic
def update_progress(
    *, actor: Actor, task: Task, progress: int, version: int | None = None
) -> Task:
    """The assignee reports how far the work has gone (0–100 %). Audit: work.task.progressed."""
    task = lock_task(task, version)
    if actor.read_only or not is_assignee(actor, task):
        raise NotAllowed
    if not 0 <= progress <= 100:
        raise InvalidInput.single(
            "progress", _("Progress is a percentage from 0 to 100.")
        )
    if task.status not in (Task.Status.ASSIGNED, Task.Status.RETURNED):
        raise InvalidInput.single("", _("This task is not open."))
    before = task.progress
    save_state(task, progress=progress)
    log_action(
        "work.task.progressed",
        actor=actor,
        obj=task,
        unit_path=task.unit_path,
        person_id=task.assignee_id,
        changes={"progress": [before, progress]},
    )
    return task
