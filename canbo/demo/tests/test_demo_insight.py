"""The demo set-up stores the dashboards of its large units and queues the
integrity analyses, so a first visitor waits for neither."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.test import Client

from canbo.demo.setup import DEMO_PASSWORD, DEMO_ROOT_CODE, ensure_demo
from canbo.insight import selectors
from canbo.insight.models import Snapshot
from canbo.integrity.detectors import RUNNABLE
from canbo.integrity.models import Detector, Finding, Run
from canbo.org.models import Unit

TODAY = date(2026, 11, 1)
pytestmark = pytest.mark.django_db


def test_the_demo_province_dashboard_is_ready_and_findings_are_found(
    monkeypatch: pytest.MonkeyPatch, django_capture_on_commit_callbacks: Any
) -> None:
    monkeypatch.setattr(selectors, "SNAPSHOT_FROM", 250)  # the 300 staff province
    with django_capture_on_commit_callbacks(execute=True):
        summary, _logins = ensure_demo(
            today=TODAY, progress=lambda _m: None, staff=300, evaluations=True
        )
    root = Unit.objects.get(code=DEMO_ROOT_CODE)
    large = selectors.large_units(root)
    assert root in large
    assert summary is not None
    assert summary.snapshots == 2 * len(large)
    assert set(Snapshot.objects.filter(unit=root).values_list("year", flat=True)) == {
        TODAY.year,
        TODAY.year - 1,
    }
    client = Client()
    assert client.login(username="personnel", password=DEMO_PASSWORD)
    page = client.get(f"/insight/?unit={root.pk}&year={TODAY.year}")
    assert page.context["board"].snapshot is True
    assert "Số liệu tính đến" in page.content.decode()  # "Figures as of …"

    run = Run.objects.get()
    assert run.started_by is not None
    assert run.started_by.username == "auditor"
    assert (run.unit, run.year, run.status) == (root, TODAY.year, Run.Status.DONE)
    assert set(run.detectors) == set(RUNNABLE)
    assert Finding.objects.filter(run=run, detector=Detector.COPIED).exists()
