"""Helpers shared by the task pages."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from django.conf import settings
from django.utils import timezone

from canbo.policy.work import Escalation, EscalationPolicy, escalation
from canbo.work.models import Task
from canbo.work.selectors import OPEN
from canbo.work.services import deadline_end

BADGES = {
    Escalation.GREEN: "esc-green",
    Escalation.YELLOW: "esc-yellow",
    Escalation.RED: "esc-red",
}


def policy() -> EscalationPolicy:
    return EscalationPolicy(
        remind_hours_before=settings.TASK_REMIND_HOURS_BEFORE,
        red_after_overdue_hours=settings.TASK_RED_AFTER_OVERDUE_HOURS,
    )


def colour_of(task: Task, now: datetime) -> Escalation:
    """Return the escalation colour of a task at `now` (none once handed in)."""
    return escalation(
        deadline_end=deadline_end(task.deadline),
        now=now,
        done=task.status not in OPEN,
        policy=policy(),
    )


def mark_colours(tasks: list[Task], now: datetime) -> list[Task]:
    """Attach `colour` and `badge` (CSS class) to each task for the templates."""
    for task in tasks:
        colour = colour_of(task, now)
        task.colour = colour  # type: ignore[attr-defined]
        task.badge = BADGES.get(colour, "")  # type: ignore[attr-defined]
    return tasks


def soon_after(now: datetime) -> date:
    """Deadlines before this local day fall within the reminder window at `now`."""
    return timezone.localdate(now + timedelta(hours=policy().remind_hours_before))
