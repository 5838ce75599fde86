"""Pieces shared by the task services: scope checks, locking, reason codes."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime, time

from django.utils import timezone

from canbo.core.actor import Actor
from canbo.core.errors import InvalidInput, NotAllowed
from canbo.org.models import Unit
from canbo.people.models import Person
from canbo.policy.access import Capability, can
from canbo.policy.work import review_problems
from canbo.work import messages, summaries
from canbo.work.models import ProductType, Task
from canbo.work.selectors import current_job_position_ids

# Task fields the board summaries depend on (see canbo.work.summaries).
SUMMARISED = frozenset(
    {
        "status",
        "deadline",
        "late",
        "delay_excused",
        "meets_quality",
        "failed_reviews",
        "completed_quantity",
        "converted_quantity",
        "quantity",
    }
)


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


def check_catalogue(
    product_type: ProductType, assignee: Person | None, override: bool
) -> None:
    if assignee is None or override:
        return
    if product_type.catalogue.job_position_id not in current_job_position_ids(assignee):
        raise InvalidInput.single("product_type", str(messages.OTHER_CATALOGUE))


def lock_task(task: Task, expected_version: int | None) -> Task:
    """Re-read the task under a row lock; refuse if someone changed it meanwhile."""
    locked = (
        Task.objects.select_for_update(of=("self",))
        .select_related("assignee")
        .get(pk=task.pk)
    )
    if expected_version is not None and locked.version != expected_version:
        raise InvalidInput.single("", str(messages.CONFLICT))
    return locked


def is_assignee(actor: Actor, task: Task) -> bool:
    """The named assignee; for a task ordered from a unit, that unit's own leaders.

    Only a role held on the unit itself counts (not one inherited from a unit
    above), so whoever assigned the task from above cannot also deliver it.
    """
    if task.assignee_id is not None:
        return task.assignee_id == actor.person_id
    return any(
        grant.unit_id == task.unit_id and can(grant.role, Capability.ASSIGN_TASKS)
        for grant in actor.grants
    )


def save_state(task: Task, **values: object) -> None:
    """Save changed fields of a task, bump its version, and refresh its unit's board."""
    before = task.deadline
    for name, value in values.items():
        setattr(task, name, value)
    task.version += 1
    task.save(update_fields=[*values, "version", "updated_at"])
    if values.keys() & SUMMARISED:
        summaries.refresh(task.unit_id, {before, task.deadline})


def deadline_end(day: date) -> datetime:
    """A deadline ends at the last moment of its day, local time."""
    return datetime.combine(day, time.max, tzinfo=timezone.get_current_timezone())


def refuse_own_task(actor: Actor, task: Task) -> None:
    """Nobody approves, reviews or decides on their own task."""
    problems = review_problems(
        reviewer_person_id=actor.person_id, assignee_person_id=task.assignee_id
    )
    refuse(problems, messages.REVIEW)
