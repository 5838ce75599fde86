"""Background work of evaluation periods, run by the task worker (django.tasks)."""

from __future__ import annotations

from django.tasks import task

from canbo.evaluation.periods import build_sheets


@task()
def create_sheets(period_id: int) -> int:
    """Create the sheets of a newly opened period; return how many."""
    return build_sheets(period_id)
