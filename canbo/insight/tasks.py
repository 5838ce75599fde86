"""Background work of the dashboards, run by the task worker (django.tasks)."""

from __future__ import annotations

from django.tasks import task

from canbo.insight.services import refresh_snapshot


@task()
def refresh(unit_id: int, year: int) -> int:
    """Recompute the stored dashboard figures of a unit and year; return the
    milliseconds it took."""
    return refresh_snapshot(unit_id, year).duration_ms
