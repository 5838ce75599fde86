"""Background work of imports, run by the task worker (django.tasks)."""

from __future__ import annotations

from django.tasks import task

from canbo.imports.runner import run_import


@task()
def run_import_job(job_id: int) -> str:
    """Validate and apply (or preview) the import job `job_id`; return its final status."""
    return run_import(job_id)
