"""Runs of the detectors: starting, the background task, progress, review."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import PermissionDenied

from canbo.core.errors import InvalidInput
from canbo.core.models import AuditEntry
from canbo.integrity import detectors, services
from canbo.integrity.models import Detector, Finding, Run, TemplateText
from canbo.integrity.tests.factories import (
    YEAR,
    FindingFactory,
    TemplateTextFactory,
    month,
    sheet,
)
from canbo.integrity.tests.texts import COPIED, ORIGINAL, TEMPLATE
from canbo.people.tests.factories import PersonFactory
from canbo.tests.fixtures import Cast


def _copies(cast: Cast) -> None:
    october = month(cast.org.dept_a, 10)
    sheet(cast.org.person_a1, october, ORIGINAL)
    sheet(PersonFactory(full_name="Trần Thị Bích", unit=cast.org.division_a1),
          october, COPIED)  # fmt: skip


def _start(cast: Cast, capture: Any, **values: Any) -> Run:
    arguments: dict[str, Any] = {"unit": cast.org.dept_a, "year": YEAR,
                                 "detectors": ["copied"]} | values  # fmt: skip
    with capture(execute=True):
        run = services.start_run(actor=cast.actor("personnel"), **arguments)
    run.refresh_from_db()
    return run


def test_a_run_finds_copies_in_the_background_and_records_its_work(
    cast: Cast, django_capture_on_commit_callbacks: Any
) -> None:
    _copies(cast)
    run = _start(cast, django_capture_on_commit_callbacks)
    assert run.status == Run.Status.DONE
    assert run.progress == 100
    assert run.findings_count == 1
    assert run.started_at is not None
    assert run.finished_at is not None
    assert run.thresholds == {"copied_similarity": 0.6, "copied_min_words": 20.0}
    assert _start(cast, django_capture_on_commit_callbacks,
                  thresholds={"lenient_min_z": 2.5}).thresholds["lenient_min_z"] == 2.5  # fmt: skip
    assert run.stats["copied"]["texts"] == 2
    assert run.stats["copied"]["findings"] == 1
    assert "seconds" in run.stats["copied"]
    assert Finding.objects.filter(run=run).count() == 1
    entry = AuditEntry.objects.filter(action="integrity.run.started").earliest("id")
    assert entry.data["detectors"] == ["copied"]
    assert entry.unit_path == cast.org.dept_a.path


def test_a_detector_not_written_yet_is_skipped(
    cast: Cast, django_capture_on_commit_callbacks: Any, monkeypatch: Any
) -> None:
    real = detectors.load
    monkeypatch.setattr(
        detectors, "load", lambda name: None if name == "uniform" else real(name)
    )
    _copies(cast)
    run = _start(cast, django_capture_on_commit_callbacks,
                 detectors=["uniform", "copied"])  # fmt: skip
    assert run.status == Run.Status.DONE
    assert run.detectors == ["copied", "uniform"]
    assert run.stats["uniform"] == {"skipped": True}
    assert run.findings_count == 1


def test_a_failing_detector_fails_the_run_with_its_message(
    cast: Cast, django_capture_on_commit_callbacks: Any, monkeypatch: Any
) -> None:
    from canbo.integrity.detectors import copied

    def broken(run: Run, progress: Any) -> list[Finding]:
        raise RuntimeError("disk full")

    monkeypatch.setattr(copied, "detect", broken)
    run = _start(cast, django_capture_on_commit_callbacks)
    assert run.status == Run.Status.FAILED
    assert run.message == "disk full"
    assert run.finished_at is not None


def test_progress_is_written_while_the_detector_runs(
    cast: Cast, django_capture_on_commit_callbacks: Any, monkeypatch: Any
) -> None:
    from canbo.integrity.detectors import copied

    seen: list[tuple[str, int]] = []

    def slow(run: Run, progress: Any) -> list[Finding]:
        for percent in (10, 50, 90):
            progress(percent)
            current = Run.objects.get(pk=run.pk)
            seen.append((current.status, current.progress))
        return []

    monkeypatch.setattr(copied, "detect", slow)
    run = _start(cast, django_capture_on_commit_callbacks)
    assert seen == [("running", 10), ("running", 50), ("running", 90)]
    assert run.progress == 100


def test_a_rerun_keeps_the_earlier_runs_and_their_review_notes(
    cast: Cast, django_capture_on_commit_callbacks: Any
) -> None:
    _copies(cast)
    first = _start(cast, django_capture_on_commit_callbacks)
    finding = first.findings.get()
    services.review_finding(actor=cast.actor("auditor"), finding=finding,
                            status="confirmed", note="Đã xác minh với hai người.")  # fmt: skip
    second = _start(cast, django_capture_on_commit_callbacks)
    assert Run.objects.count() == 2
    assert second.findings.get().status == Finding.Status.OPEN
    finding.refresh_from_db()
    assert finding.status == Finding.Status.CONFIRMED
    assert finding.review_note == "Đã xác minh với hai người."


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"detectors": []}, "detectors"),
        ({"detectors": ["template"]}, "detectors"),
        ({"year": 1999}, "year"),
        ({"thresholds": {"copied_similarity": 1.5}}, "copied_similarity"),
        ({"thresholds": {"copied_similarity": "x"}}, "copied_similarity"),
        ({"thresholds": {"Not a name": 1}}, "Not a name"),
        ({"thresholds": {"lenient_min_z": [1]}}, "lenient_min_z"),
    ],
)
def test_bad_input_is_refused_on_its_field(
    cast: Cast, values: dict[str, Any], field: str
) -> None:
    arguments: dict[str, Any] = {"unit": cast.org.dept_a, "year": YEAR,
                                 "detectors": ["copied"]} | values  # fmt: skip
    with pytest.raises(InvalidInput) as refused:
        services.start_run(actor=cast.actor("personnel"), **arguments)
    assert field in refused.value.errors
    assert not Run.objects.exists()


@pytest.mark.parametrize("persona", ["head", "manager", "admin", "outsider"])
def test_only_analysts_in_scope_start_runs(cast: Cast, persona: str) -> None:
    with pytest.raises(PermissionDenied):
        services.start_run(actor=cast.actor(persona), unit=cast.org.division_a1,
                           year=YEAR, detectors=["copied"])  # fmt: skip
    assert not Run.objects.exists()


def test_a_review_is_audited_and_needs_a_note(cast: Cast) -> None:
    finding = FindingFactory(unit=cast.org.division_a1, person=cast.org.person_a1)
    auditor = cast.actor("auditor")
    with pytest.raises(InvalidInput) as refused:
        services.review_finding(actor=auditor, finding=finding, status="dismissed",
                                note="  ")  # fmt: skip
    assert "note" in refused.value.errors
    services.review_finding(actor=auditor, finding=finding, status="dismissed",
                            note="Cùng làm một báo cáo chung, không sao chép.")  # fmt: skip
    finding.refresh_from_db()
    assert finding.status == Finding.Status.DISMISSED
    assert finding.reviewed_by == cast.users["auditor"]
    entry = AuditEntry.objects.get(action="integrity.finding.reviewed")
    assert entry.changes["status"] == ["open", "dismissed"]
    assert entry.person_id == cast.org.person_a1.pk


@pytest.mark.parametrize("persona", ["head", "outsider", "manager"])
def test_viewers_and_outsiders_cannot_review(cast: Cast, persona: str) -> None:
    finding = FindingFactory(unit=cast.org.division_a1)
    with pytest.raises(PermissionDenied):
        services.review_finding(actor=cast.actor(persona), finding=finding,
                                status="confirmed", note="x")  # fmt: skip


def test_templates_are_registered_and_deleted_with_the_audit(cast: Cast) -> None:
    personnel = cast.actor("personnel")
    with pytest.raises(InvalidInput) as refused:
        services.register_template(actor=personnel, unit=cast.org.dept_a,
                                   title="", text="Quá ngắn")  # fmt: skip
    assert set(refused.value.errors) == {"title", "text"}
    template = services.register_template(
        actor=personnel, unit=cast.org.dept_a, title=" Mẫu ", text=TEMPLATE
    )
    assert template.title == "Mẫu"
    assert template.unit_path == cast.org.dept_a.path
    services.delete_template(actor=personnel, template=template)
    assert not TemplateText.objects.exists()
    actions = list(AuditEntry.objects.order_by("id").values_list("action", flat=True))
    assert actions == ["integrity.template.created", "integrity.template.deleted"]
    other = TemplateTextFactory(unit=cast.org.dept_b, text=TEMPLATE)
    with pytest.raises(PermissionDenied):
        services.delete_template(actor=personnel, template=other)


def test_load_answers_none_for_a_module_not_written() -> None:
    assert detectors.load("no_such_detector") is None
    assert detectors.load("copied") is not None
    assert Detector.TEMPLATE not in detectors.RUNNABLE


def test_every_analysis_runs_together_on_an_empty_scope(
    cast: Cast, django_capture_on_commit_callbacks: Any
) -> None:
    run = _start(cast, django_capture_on_commit_callbacks,
                 detectors=list(detectors.RUNNABLE))  # fmt: skip
    assert run.status == Run.Status.DONE, run.message
    assert run.detectors == list(detectors.RUNNABLE)
    assert set(run.stats) == set(detectors.RUNNABLE)
    assert run.findings_count == 0
