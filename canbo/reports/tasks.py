"""Background work of exports, run by the task worker (django.tasks)."""

from __future__ import annotations

from django.tasks import task

from canbo.reports import services


@task()
def render_export(export_id: int) -> str:
    """Write the file of a queued export; return its final status."""
    return services.write_export(export_id)


@task()
def purge_expired_exports() -> int:
    """Remove the files of expired exports; return how many."""
    return services.purge_expired()
