"""Background work of tasks and notifications, run by the task worker (django.tasks)."""

from __future__ import annotations

from django.tasks import task
from django.utils import timezone

from canbo.work.notifications import send_emails
from canbo.work.periodic import run_periodic_jobs, send_task_reminders


@task()
def send_reminders() -> int:
    """Remind and escalate open tasks now; return the notifications written."""
    return send_task_reminders(timezone.now())


@task()
def email_notifications() -> int:
    """E-mail the notifications not e-mailed yet; return how many were sent."""
    return send_emails(timezone.now())


@task()
def periodic_jobs() -> dict[str, int]:
    """Run every periodic job once."""
    return run_periodic_jobs(timezone.now())
