"""A run whose worker died: marked failed after a while without progress, shown
failed on the page and the API (which stop polling), and started again."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.utils import timezone

from canbo.api.tests.helpers import call, token_for
from canbo.core.models import AuditEntry
from canbo.integrity import services
from canbo.integrity.models import Finding, Run
from canbo.integrity.tests.factories import FindingFactory, RunFactory
from canbo.tests.fixtures import Cast


def _stuck(cast: Cast, status: str, minutes: int, **values: Any) -> Run:
    last = timezone.now() - timedelta(minutes=minutes)
    run = RunFactory(
        unit=cast.org.dept_a, status=status, progress=40, message="copied",
        thresholds={"copied_similarity": 0.7, "copied_min_words": 25.0},
        **values,
    )  # fmt: skip
    Run.objects.filter(pk=run.pk).update(created_at=last, progressed_at=last)
    return run


def test_runs_without_progress_for_longer_than_the_setting_are_failed(
    cast: Cast, settings: Any
) -> None:
    settings.INTEGRITY_RUN_STALLED_MINUTES = 30
    running = _stuck(cast, Run.Status.RUNNING, 31)
    queued = _stuck(cast, Run.Status.QUEUED, 45)
    done = _stuck(cast, Run.Status.DONE, 600)
    assert services.fail_stalled_runs(now=timezone.now()) == 2
    assert services.fail_stalled_runs(now=timezone.now()) == 0  # once only
    recent = _stuck(cast, Run.Status.RUNNING, 29)
    assert services.fail_stalled_runs(now=timezone.now()) == 0
    statuses = dict(Run.objects.values_list("pk", "status"))
    assert statuses[running.pk] == statuses[queued.pk] == Run.Status.FAILED
    assert statuses[recent.pk] == Run.Status.RUNNING
    assert statuses[done.pk] == Run.Status.DONE
    failed = Run.objects.get(pk=running.pk)
    assert failed.finished_at is not None
    assert "no progress for 30 minutes" in services.failure_message(failed)
    entries = AuditEntry.objects.filter(action="integrity.run.stalled")
    assert sorted(int(e.object_id) for e in entries) == sorted([running.pk, queued.pk])
    assert entries.first().changes["status"][1] == "failed"  # type: ignore[union-attr]


def test_a_queued_run_waits_its_turn_while_a_worker_is_seen_working(
    cast: Cast, settings: Any
) -> None:
    """Five runs started together on one worker: the last waits longer than
    the setting behind the others, which progress; it is not given up on."""
    settings.INTEGRITY_RUN_STALLED_MINUTES = 30
    waiting = _stuck(cast, Run.Status.QUEUED, 45)
    working = _stuck(cast, Run.Status.RUNNING, 2)
    assert services.fail_stalled_runs(now=timezone.now()) == 0
    assert Run.objects.get(pk=waiting.pk).status == Run.Status.QUEUED
    Run.objects.filter(pk=working.pk).update(
        progressed_at=timezone.now() - timedelta(minutes=31)
    )  # the worker died in the middle of it: both are given up on
    assert services.fail_stalled_runs(now=timezone.now()) == 2
    assert Run.objects.get(pk=waiting.pk).status == Run.Status.FAILED


def test_a_run_without_a_recorded_progress_counts_from_its_start(
    cast: Cast, settings: Any
) -> None:
    settings.INTEGRITY_RUN_STALLED_MINUTES = 10
    run = _stuck(cast, Run.Status.RUNNING, 5)
    Run.objects.filter(pk=run.pk).update(
        progressed_at=None, started_at=timezone.now() - timedelta(minutes=11)
    )
    assert services.fail_stalled_runs(now=timezone.now()) == 1


def test_the_page_stops_polling_says_why_and_offers_to_start_again(
    cast: Cast, settings: Any
) -> None:
    settings.INTEGRITY_RUN_STALLED_MINUTES = 30
    run = _stuck(cast, Run.Status.RUNNING, 40)
    client = cast.client("personnel")
    before = client.get(f"/integrity/runs/{run.pk}/").content.decode()
    assert 'hx-trigger="every 2s"' in before
    services.fail_stalled_runs(now=timezone.now())
    page = client.get(f"/integrity/runs/{run.pk}/").content.decode()
    assert 'hx-trigger="every 2s"' not in page
    assert "The run failed:" in page
    assert "no progress for 30 minutes" in page
    assert f"/integrity/runs/new/?again={run.pk}" in page
    polled = client.get(f"/integrity/runs/{run.pk}/", headers={"HX-Request": "true"})
    assert "every 2s" not in polled.content.decode()
    assert "The run failed:" in polled.content.decode()
    # The head sees why, but may not start runs.
    seen = cast.client("head").get(f"/integrity/runs/{run.pk}/").content.decode()
    assert "The run failed:" in seen
    assert "?again=" not in seen


def test_starting_again_fills_the_form_with_the_failed_runs_settings(
    cast: Cast, settings: Any, django_capture_on_commit_callbacks: Any
) -> None:
    run = _stuck(cast, Run.Status.RUNNING, 40)
    services.fail_stalled_runs(now=timezone.now())
    client = cast.client("personnel")
    form = client.get(f"/integrity/runs/new/?again={run.pk}")
    context = form.context["form"]
    assert context["unit"].value() == cast.org.dept_a.pk
    assert context["year"].value() == run.year
    assert context["detectors"].value() == ["copied"]
    assert context["t_copied_similarity"].value() == 0.7
    body = {"unit": cast.org.dept_a.pk, "year": run.year, "detectors": ["copied"],
            "t_copied_similarity": "0.7", "t_copied_min_words": "25"}  # fmt: skip
    with django_capture_on_commit_callbacks(execute=True):
        again = client.post("/integrity/runs/new/", body)
    assert again.status_code == 302
    latest = Run.objects.exclude(pk=run.pk).get()
    assert latest.status == Run.Status.DONE
    assert latest.thresholds["copied_similarity"] == 0.7
    # Another department's run is not offered.
    other = RunFactory(unit=cast.org.dept_b)
    outside = client.get(f"/integrity/runs/new/?again={other.pk}")
    assert outside.context["form"]["unit"].value() is None


def test_the_api_shows_the_run_failed_with_the_reason(cast: Cast) -> None:
    run = _stuck(cast, Run.Status.QUEUED, 40)
    services.fail_stalled_runs(now=timezone.now())
    found = call(
        "GET", f"/integrity/runs/{run.pk}", token=token_for(cast, "auditor")
    ).json()
    assert found["status"] == "failed"
    assert "no progress for 30 minutes" in found["message"]


def test_a_worker_given_up_on_stops_and_writes_nothing(
    cast: Cast, django_capture_on_commit_callbacks: Any, monkeypatch: Any
) -> None:
    from canbo.integrity.detectors import copied

    def slow(run: Run, progress: Any) -> list[Finding]:
        progress(10)
        later = timezone.now() + timedelta(hours=1)
        assert services.fail_stalled_runs(now=later) == 1
        progress(50)  # the worker comes back: stopped here
        raise AssertionError("not reached")

    monkeypatch.setattr(copied, "detect", slow)
    with django_capture_on_commit_callbacks(execute=True):
        run = services.start_run(
            actor=cast.actor("personnel"), unit=cast.org.dept_a, year=2026,
            detectors=["copied"],
        )  # fmt: skip
    run.refresh_from_db()
    assert run.status == Run.Status.FAILED
    assert run.message == services.STALLED
    assert run.progress == 10
    assert not Finding.objects.exists()


def test_a_run_given_up_on_half_way_shows_none_of_its_findings(
    cast: Cast, settings: Any
) -> None:
    """Its first analysis had written its findings when the worker died: they
    are not the whole analysis, and starting it again makes them anew."""
    settings.INTEGRITY_RUN_STALLED_MINUTES = 30
    run = _stuck(cast, Run.Status.RUNNING, 40, detectors=["copied", "uniform"])
    FindingFactory(run=run, unit=cast.org.dept_a, summary="Half-way copied pair")
    done = FindingFactory(unit=cast.org.dept_a, summary="Finished run pair")
    client = cast.client("personnel")
    assert (
        "Half-way copied pair"
        not in client.get("/integrity/findings/").content.decode()
    )
    services.fail_stalled_runs(now=timezone.now())
    listed = client.get("/integrity/findings/").content.decode()
    assert "Half-way copied pair" not in listed
    assert "Finished run pair" in listed
    token = token_for(cast, "personnel")
    body = call("GET", "/integrity/findings", token=token).json()
    assert [f["id"] for f in body["results"]] == [done.pk]
