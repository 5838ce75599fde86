"""Periodic jobs: deadline reminders and escalation, and e-mailing notifications.

Run by `canbo run_periodic` (cron, a systemd timer, or `canbo serve`, which runs
it every few minutes) or as the Django tasks in canbo.work.tasks.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_noop

from canbo.policy.access import Capability, Role, roles_with
from canbo.policy.work import Escalation, EscalationPolicy, escalation
from canbo.work.models import Notification, Task
from canbo.work.notifications import (
    Notice,
    RoleIndex,
    notice_key,
    send_emails,
    text_of,
    write_notices,
)
from canbo.work.services.common import deadline_end

BATCH = 500
# Tasks overdue longer than this get no new alert (the head was alerted when
# the task turned red); it keeps the scan from growing with years of history.
LOOKBACK_DAYS = 90
OPEN = (Task.Status.ASSIGNED, Task.Status.RETURNED)
KIND = {
    Escalation.GREEN: Notification.Kind.DUE_SOON,
    Escalation.YELLOW: Notification.Kind.OVERDUE,
    Escalation.RED: Notification.Kind.OVERDUE_LONG,
}
TEXT = {
    Escalation.GREEN: gettext_noop("“%(title)s” is due on %(deadline)s."),
    Escalation.YELLOW: gettext_noop(
        "“%(title)s” (%(assignee)s) passed its deadline of %(deadline)s."
    ),
    Escalation.RED: gettext_noop(
        "“%(title)s” (%(assignee)s) is long overdue: the deadline was %(deadline)s."
    ),
}


def policy() -> EscalationPolicy:
    return EscalationPolicy(
        remind_hours_before=settings.TASK_REMIND_HOURS_BEFORE,
        red_after_overdue_hours=settings.TASK_RED_AFTER_OVERDUE_HOURS,
    )


@dataclass(frozen=True)
class HeadIndex:
    """The heads (a unit's, or above it with the subtree) and each unit's own
    leaders (task-assigning roles on the unit itself), found without a query."""

    head_roles: RoleIndex
    leader_roles: RoleIndex

    @classmethod
    def load(cls) -> HeadIndex:
        return cls(
            RoleIndex.load([Role.HEAD]),
            RoleIndex.load(roles_with(Capability.ASSIGN_TASKS)),
        )

    def heads(self, unit_id: int, unit_path: str) -> set[int]:
        return self.head_roles.holders(unit_id, unit_path)

    def leaders(self, unit_id: int) -> set[int]:
        return set(self.leader_roles.by_unit.get(unit_id, ()))


def _candidates(now: datetime) -> Iterator[Mapping[str, Any]]:
    """Open tasks whose deadline is near or past, in batches of one query each."""
    rules = policy()
    last = timezone.localtime(now + timedelta(hours=rules.remind_hours_before)).date()
    first = timezone.localtime(now).date() - timedelta(days=LOOKBACK_DAYS)
    rows = (
        Task.objects.filter(status__in=OPEN, deadline__gte=first, deadline__lte=last)
        .order_by()
        .values(
            "id",
            "title",
            "deadline",
            "unit_id",
            "unit_path",
            "assigned_by_id",
            "assignee_id",
            "assignee__full_name",
            "assignee__user__id",
        )
    )
    return rows.iterator(chunk_size=BATCH)


def _recipients(
    row: Mapping[str, Any], colour: Escalation, heads: HeadIndex
) -> set[int]:
    if colour == Escalation.GREEN and row["assignee_id"] is None:
        return heads.leaders(row["unit_id"])  # a unit's task
    if colour == Escalation.GREEN:
        user_id = row["assignee__user__id"]
        return {user_id} if user_id is not None else set()
    if colour == Escalation.YELLOW:
        return {row["assigned_by_id"]}
    return heads.heads(row["unit_id"], row["unit_path"])


def _notices(
    row: Mapping[str, Any], now: datetime, rules: EscalationPolicy, heads: HeadIndex
) -> list[Notice]:
    deadline: date = row["deadline"]
    colour = escalation(
        deadline_end=deadline_end(deadline), now=now, done=False, policy=rules
    )
    if colour == Escalation.NONE:
        return []
    kind = KIND[colour]
    params = {
        "title": row["title"],
        "deadline": deadline.strftime("%d/%m/%Y"),
        "assignee": row["assignee__full_name"] or "—",
    }
    message = text_of(TEXT[colour], params)
    event = deadline.isoformat()
    return [
        Notice(
            user_id,
            row["id"],
            kind,
            message,
            notice_key(kind, row["id"], event, user_id),
        )
        for user_id in _recipients(row, colour, heads)
    ]


def send_task_reminders(now: datetime) -> int:
    """Remind and escalate open tasks by colour; return the notifications written.

    Green (due within TASK_REMIND_HOURS_BEFORE hours): the assignee, or the own
    leaders of the unit a unit's task is ordered from. Yellow (overdue less than
    TASK_RED_AFTER_OVERDUE_HOURS): the assigner. Red: the heads whose role covers
    the task's unit. Keys hold the task, the colour and the deadline, so a second
    run writes nothing and an extended deadline can remind again. Queries: two for
    the heads and the leaders, then per batch of BATCH tasks one read, one key
    check and one insert.
    """
    rules, heads = policy(), HeadIndex.load()
    written, batch = 0, []
    for row in _candidates(now):
        batch.extend(_notices(row, now, rules, heads))
        if len(batch) >= BATCH:
            written += write_notices(batch)
            batch = []
    return written + write_notices(batch)


def run_periodic_jobs(now: datetime) -> dict[str, int]:
    """Run every periodic job once; return what each did."""
    from canbo.appointments.reminders import send_notice_reminders
    from canbo.evaluation.reminders import send_step_reminders
    from canbo.insight.services import refresh_due_snapshots
    from canbo.integrity.services import fail_stalled_runs
    from canbo.reports.services import purge_expired

    return {
        "reminders": send_task_reminders(now),
        "evaluation_reminders": send_step_reminders(now),
        "reappointment_reminders": send_notice_reminders(now),
        "expired_exports": purge_expired(now),
        "dashboard_snapshots": refresh_due_snapshots(now),
        "stalled_integrity_runs": fail_stalled_runs(now=now),
        "emails": send_emails(now),
    }
