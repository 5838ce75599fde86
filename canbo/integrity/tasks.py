"""Background work of the integrity analytics, run by the task worker (django.tasks)."""

from __future__ import annotations

from django.conf import settings
from django.tasks import task
from django.utils import translation

from canbo.integrity.services import execute_run


@task()
def run_detectors(run_id: int) -> int:
    """Run the detectors of a queued run; return the number of findings.

    Findings are worded in the site's language, which an inspector reads.
    """
    with translation.override(settings.LANGUAGE_CODE):
        run = execute_run(run_id)
    return run.findings_count if run is not None else 0
