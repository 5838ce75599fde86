"""Deadline extensions: requested by the assignee, decided by the assigner."""

from __future__ import annotations

from datetime import date, datetime

from django.db import transaction
from django.utils.translation import gettext as _

from canbo.core.actor import Actor
from canbo.core.audit import log_action
from canbo.core.errors import InvalidInput, NotAllowed
from canbo.policy.work import (
    extension_problems,
)
from canbo.work import messages, notifications
from canbo.work.models import (
    ExtensionRequest,
    Task,
)
from canbo.work.services.common import (
    deadline_end,
    is_assignee,
    lock_task,
    refuse,
    refuse_own_task,
    require_assigner,
    save_state,
)


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
    if actor.read_only or not is_assignee(actor, task):
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
    save_state(task)
    log_action(
        "work.extension.requested",
        actor=actor,
        obj=task,
        unit_path=task.unit_path,
        person_id=task.assignee_id,
        data={"from": task.deadline.isoformat(), "to": new_deadline.isoformat()},
    )
    notifications.extension_requested(task, extension)
    return extension


@transaction.atomic
def decide_extension(
    *,
    actor: Actor,
    extension: ExtensionRequest,
    approve: bool,
    now: datetime,
    note: str = "",
    version: int | None = None,
) -> ExtensionRequest:
    """The assigner approves (the deadline moves; the history is kept) or refuses.

    Audit: work.extension.approved / work.extension.refused.
    """
    task = lock_task(extension.task, version)
    require_assigner(actor, task.unit)
    refuse_own_task(actor, task)
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
        save_state(task, deadline=extension.requested_deadline)
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
    notifications.extension_decided(task, extension)
    return extension
