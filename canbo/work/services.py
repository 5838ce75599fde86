"""Writes to tasks: assigning, submitting, reviewing. One transaction and audit entry each."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime, time
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from canbo.core.actor import Actor
from canbo.core.audit import log_action
from canbo.core.errors import InvalidInput, NotAllowed
from canbo.org.models import Unit
from canbo.people.models import Person
from canbo.policy.access import Capability
from canbo.policy.work import (
    extension_problems,
    is_late,
    review_problems,
    task_problems,
)
from canbo.work import messages
from canbo.work.models import ExtensionRequest, ProductType, Review, Submission, Task
from canbo.work.selectors import current_job_position_ids


def refuse(codes: tuple[str, ...], table: Mapping[str, tuple[str, object]]) -> None:
    """Raise InvalidInput for policy reason codes, each on its field."""
    errors: dict[str, list[str]] = {}
    for code in codes:
        field, message = table[code]
        errors.setdefault(field, []).append(str(message))
    if errors:
        raise InvalidInput(errors)


def require_assigner(actor: Actor, unit: Unit) -> None:
    if actor.read_only or not actor.covers(Capability.ASSIGN_TASKS, unit.path, unit.pk):
        raise NotAllowed


def _check_catalogue(
    product_type: ProductType, assignee: Person | None, override: bool
) -> None:
    if assignee is None or override:
        return
    if product_type.catalogue.job_position_id not in current_job_position_ids(assignee):
        raise InvalidInput.single("product_type", str(messages.OTHER_CATALOGUE))


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
        _check_catalogue(product_type, person, override_catalogue)
        task = Task.objects.create(
            title=title.strip() or product_type.name,
            product_type=product_type,
            quantity=quantity,
            coefficient=product_type.coefficient,
            converted_quantity=quantity * product_type.coefficient,
            assignee=person,
            unit=target_unit,
            unit_path=target_unit.path,
            assigned_by=actor.user,
            assigned_on=today,
            deadline=deadline,
            original_deadline=deadline,
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
    return tasks


def lock_task(task: Task, expected_version: int | None) -> Task:
    """Re-read the task under a row lock; refuse if someone changed it meanwhile."""
    locked = Task.objects.select_for_update().select_related("assignee").get(pk=task.pk)
    if expected_version is not None and locked.version != expected_version:
        raise InvalidInput.single("", str(messages.CONFLICT))
    return locked


def _is_assignee(actor: Actor, task: Task) -> bool:
    return task.assignee_id is not None and task.assignee_id == actor.person_id


@transaction.atomic
def submit_product(
    *,
    actor: Actor,
    task: Task,
    quantity: Decimal,
    today: date,
    note: str = "",
    version: int | None = None,
) -> Submission:
    """The assignee hands in the product for review. Audit: work.task.submitted."""
    task = lock_task(task, version)
    if actor.read_only or not _is_assignee(actor, task):
        raise NotAllowed
    if task.status not in (Task.Status.ASSIGNED, Task.Status.RETURNED):
        raise InvalidInput.single("", _("This task is not waiting for a product."))
    if quantity <= 0:
        raise InvalidInput.single(
            "quantity", str(messages.TASK["quantity_not_positive"][1])
        )
    submission = Submission.objects.create(
        task=task,
        quantity=quantity,
        note=note.strip(),
        submitted_by=actor.user,
        submitted_on=today,
    )
    _save_state(task, status=Task.Status.SUBMITTED, progress=100)
    log_action(
        "work.task.submitted",
        actor=actor,
        obj=task,
        unit_path=task.unit_path,
        person_id=task.assignee_id,
        data={"quantity": str(quantity), "on": today.isoformat()},
    )
    return submission


def _save_state(task: Task, **values: object) -> None:
    for name, value in values.items():
        setattr(task, name, value)
    task.version += 1
    task.save(update_fields=[*values, "version", "updated_at"])


@transaction.atomic
def review_product(
    *,
    actor: Actor,
    task: Task,
    accept: bool,
    reason: str = "",
    meets_quality: bool = True,
    excused: bool = False,
    version: int | None = None,
) -> Review:
    """Accept the latest submission, or return it (one failed quality review).

    A return whose cause is objective (`excused`) carries no deduction. On
    acceptance the completion date is the submission date; after the deadline it
    is one delay. Audit: work.task.accepted / work.task.returned.
    """
    task = lock_task(task, version)
    require_assigner(actor, task.unit)
    refuse(
        review_problems(
            reviewer_person_id=actor.person_id, assignee_person_id=task.assignee_id
        ),
        messages.REVIEW,
    )
    submission = (
        task.submissions.filter(review__isnull=True)
        .order_by("-submitted_at", "-id")
        .first()
    )
    if task.status != Task.Status.SUBMITTED or submission is None:
        raise InvalidInput.single("", _("There is no product waiting for review."))
    if not accept and not reason.strip():
        raise InvalidInput.single("reason", _("Say why the product is returned."))
    review = Review.objects.create(
        submission=submission,
        decision=Review.Decision.ACCEPTED if accept else Review.Decision.RETURNED,
        meets_quality=meets_quality if accept else False,
        reason=reason.strip(),
        excused=excused and not accept,
        reviewed_by=actor.user,
    )
    if accept:
        _accept(task, submission, meets_quality)
    else:
        _save_state(
            task,
            status=Task.Status.RETURNED,
            failed_reviews=task.failed_reviews + (0 if excused else 1),
        )
    log_action(
        "work.task.accepted" if accept else "work.task.returned",
        actor=actor,
        obj=task,
        unit_path=task.unit_path,
        person_id=task.assignee_id,
        data={"reason": review.reason, "excused": review.excused},
    )
    return review


def _accept(task: Task, submission: Submission, meets_quality: bool) -> None:
    _save_state(
        task,
        status=Task.Status.ACCEPTED,
        completed_on=submission.submitted_on,
        completed_quantity=submission.quantity,
        meets_quality=meets_quality,
        late=is_late(completed_on=submission.submitted_on, deadline=task.deadline),
    )


@transaction.atomic
def excuse_delay(
    *, actor: Actor, task: Task, reason: str, version: int | None = None
) -> Task:
    """Mark a late completion as due to an objective cause: no deduction. Audit: work.task.delay_excused."""
    task = lock_task(task, version)
    require_assigner(actor, task.unit)
    if not task.late:
        raise InvalidInput.single("", _("This task was not completed late."))
    if not reason.strip():
        raise InvalidInput.single("reason", _("Give the objective cause."))
    _save_state(task, delay_excused=True, delay_excuse=reason.strip())
    log_action(
        "work.task.delay_excused",
        actor=actor,
        obj=task,
        unit_path=task.unit_path,
        person_id=task.assignee_id,
        data={"reason": reason.strip()},
    )
    return task


def deadline_end(day: date) -> datetime:
    """A deadline ends at the last moment of its day, local time."""
    return datetime.combine(day, time.max, tzinfo=timezone.get_current_timezone())


@transaction.atomic
def request_extension(
    *,
    actor: Actor,
    task: Task,
    new_deadline: date,
    reason: str,
    now: datetime,
    version: int | None = None,
) -> ExtensionRequest:
    """The assignee asks for a later deadline, before the current one passes.

    Audit: work.extension.requested.
    """
    task = lock_task(task, version)
    if actor.read_only or not _is_assignee(actor, task):
        raise NotAllowed
    if task.status not in (Task.Status.ASSIGNED, Task.Status.RETURNED):
        raise InvalidInput.single("", _("This task is not open."))
    if task.extensions.filter(status=ExtensionRequest.Status.PENDING).exists():
        raise InvalidInput.single(
            "",
            _("An extension request for this task is already waiting for a decision."),
        )
    problems = extension_problems(
        requested_at=now,
        deadline_end=deadline_end(task.deadline),
        new_deadline=new_deadline,
    )
    refuse(problems, messages.EXTENSION)
    if not reason.strip():
        raise InvalidInput.single("reason", _("Give the reason for the extension."))
    extension = ExtensionRequest.objects.create(
        task=task,
        previous_deadline=task.deadline,
        requested_deadline=new_deadline,
        reason=reason.strip(),
        requested_by=actor.user,
        requested_at=now,
    )
    _save_state(task)
    log_action(
        "work.extension.requested",
        actor=actor,
        obj=task,
        unit_path=task.unit_path,
        person_id=task.assignee_id,
        data={"from": task.deadline.isoformat(), "to": new_deadline.isoformat()},
    )
    return extension


@transaction.atomic
def decide_extension(
    *,
    actor: Actor,
    extension: ExtensionRequest,
    approve: bool,
    now: datetime,
    note: str = "",
) -> ExtensionRequest:
    """The assigner approves (the deadline moves; the history is kept) or refuses.

    Audit: work.extension.approved / work.extension.refused.
    """
    task = lock_task(extension.task, None)
    require_assigner(actor, task.unit)
    refuse(
        review_problems(
            reviewer_person_id=actor.person_id, assignee_person_id=task.assignee_id
        ),
        messages.REVIEW,
    )
    if extension.status != ExtensionRequest.Status.PENDING:
        raise InvalidInput.single("", _("This request has already been decided."))
    extension.status = (
        ExtensionRequest.Status.APPROVED if approve else ExtensionRequest.Status.REFUSED
    )
    extension.decided_by, extension.decided_at, extension.decision_note = (
        actor.user,
        now,
        note.strip(),
    )
    extension.save(
        update_fields=["status", "decided_by", "decided_at", "decision_note"]
    )
    if approve:
        _save_state(task, deadline=extension.requested_deadline)
    log_action(
        f"work.extension.{extension.status}",
        actor=actor,
        obj=task,
        unit_path=task.unit_path,
        person_id=task.assignee_id,
        data={
            "to": extension.requested_deadline.isoformat(),
            "note": extension.decision_note,
        },
    )
    return extension
