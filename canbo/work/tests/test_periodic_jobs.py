"""The periodic jobs also keep the dashboards' stored figures fresh and give up
on integrity runs whose worker died."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from canbo.insight import selectors
from canbo.insight.models import Snapshot
from canbo.integrity.models import Run
from canbo.integrity.tests.factories import RunFactory
from canbo.tests.fixtures import Cast
from canbo.work.periodic import run_periodic_jobs


def test_the_periodic_jobs_store_dashboards_and_fail_stalled_runs(
    cast: Cast,
    settings: Any,
    monkeypatch: pytest.MonkeyPatch,
    django_capture_on_commit_callbacks: Any,
) -> None:
    settings.INTEGRITY_RUN_STALLED_MINUTES = 30
    monkeypatch.setattr(selectors, "SNAPSHOT_FROM", 2)
    now = timezone.now()
    stuck = RunFactory(unit=cast.org.dept_a, status=Run.Status.RUNNING)
    Run.objects.filter(pk=stuck.pk).update(progressed_at=now - timedelta(hours=1))
    with django_capture_on_commit_callbacks(execute=True):
        done = run_periodic_jobs(now)
    assert done["stalled_integrity_runs"] == 1
    assert Run.objects.get(pk=stuck.pk).status == Run.Status.FAILED
    assert done["dashboard_snapshots"] >= 1
    stored = Snapshot.objects.get(unit=cast.org.dept_a, year=timezone.localdate().year)
    assert stored.computed_at is not None
    with django_capture_on_commit_callbacks(execute=True):
        again = run_periodic_jobs(now)
    assert again["dashboard_snapshots"] == again["stalled_integrity_runs"] == 0
