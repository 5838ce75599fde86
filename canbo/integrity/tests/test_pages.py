"""The integrity pages: runs, findings with the texts side by side, templates."""

from __future__ import annotations

from typing import Any

from canbo.core.models import AuditEntry
from canbo.integrity import services
from canbo.integrity.detectors import copied
from canbo.integrity.models import Detector, Finding, Run, TemplateText
from canbo.integrity.tests.factories import (
    YEAR,
    FindingFactory,
    RunFactory,
    TemplateTextFactory,
    month,
    sheet,
)
from canbo.integrity.tests.texts import COPIED, HONEST, ORIGINAL, TEMPLATE
from canbo.people.tests.factories import PersonFactory
from canbo.tests.fixtures import Cast


def _copied_finding(cast: Cast) -> Finding:
    october = month(cast.org.dept_a, 10)
    sheet(cast.org.person_a1, october, ORIGINAL)
    bich = PersonFactory(full_name="Trần Thị Bích", unit=cast.org.division_a1)
    sheet(bich, october, COPIED)
    sheet(PersonFactory(unit=cast.org.division_a1), october, HONEST)
    run = RunFactory(unit=cast.org.dept_a)
    finding = copied.detect(run, lambda p: None)[0]
    finding.save()
    return finding


def test_personnel_start_a_run_and_follow_it_to_the_findings(
    cast: Cast, django_capture_on_commit_callbacks: Any
) -> None:
    _copied_finding(cast)
    Finding.objects.all().delete()
    client = cast.client("personnel")
    home = client.get("/integrity/").content.decode()
    assert "Start an analysis" in home
    assert "Similarity of copied self-reviews" in home
    assert "signal for review, not a verdict" in home
    form = {"unit": cast.org.dept_a.pk, "year": YEAR, "detectors": ["copied"],
            "t_copied_similarity": "0.6", "t_copied_min_words": "20", "other": ""}  # fmt: skip
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/integrity/runs/new/", form)
    run = Run.objects.latest("id")
    assert response.status_code == 302
    assert response["Location"] == f"/integrity/runs/{run.pk}/"
    assert run.thresholds["copied_similarity"] == 0.6
    page = client.get(response["Location"]).content.decode()
    assert "done" in page
    assert "1 finding." in page
    assert 'data-count="copied"' in page
    assert 'hx-trigger="every 2s"' not in page  # finished: no more polling
    assert 'data-detector="copied"' in page
    home = client.get("/integrity/").content.decode()
    row = home.split(f'data-run="{run.pk}"')[1].split("</tr>")[0]
    assert "Copied self-assessments" in row  # the analysis by its name, not its code


def test_a_working_run_polls_and_answers_htmx_with_the_progress_only(
    cast: Cast,
) -> None:
    run = RunFactory(unit=cast.org.dept_a, status=Run.Status.RUNNING, progress=40)
    client = cast.client("auditor")
    page = client.get(f"/integrity/runs/{run.pk}/").content.decode()
    assert 'hx-trigger="every 2s"' in page
    assert "Reload the page to follow the progress." in page
    assert "40 percent done." in page
    fragment = client.get(f"/integrity/runs/{run.pk}/", HTTP_HX_REQUEST="true")
    text = fragment.content.decode()
    assert 'id="run-progress"' in text
    assert "<html" not in text


def test_a_bad_threshold_is_refused_on_its_field(cast: Cast) -> None:
    client = cast.client("personnel")
    form = {"unit": cast.org.dept_a.pk, "year": YEAR, "detectors": ["copied"],
            "t_copied_similarity": "3", "other": "lenient_min_z = 2.5\nrubbish"}  # fmt: skip
    response = client.post("/integrity/runs/new/", form)
    assert response.status_code == 422
    text = response.content.decode()
    assert "Write each setting as name = value" in text
    assert not Run.objects.exists()


def test_the_finding_shows_both_texts_side_by_side_with_marks(cast: Cast) -> None:
    finding = _copied_finding(cast)
    client = cast.client("personnel")
    page = client.get(f"/integrity/findings/{finding.pk}/").content.decode()
    assert page.count('class="text-side"') == 2
    assert page.count("<mark>") == 2
    # The shared passage is marked in each text's own words; the names are not.
    assert "Tôi là Nguyễn Văn An, <mark>chuyên viên Phòng Tổ chức." in page
    assert "toi la TRAN THI BICH <mark>chuyen vien phong to chuc;" in page
    assert "Nguyễn Văn An" in page
    assert "Trần Thị Bích" in page
    assert "1.0000" in page
    assert "0.6000" in page
    assert "self-reviews of Phòng Tổ chức, biên chế in 10/2026" in page
    assert "This is a signal for review, not a verdict." in page
    assert "Record the review" in page
    head = cast.client("head").get(f"/integrity/findings/{finding.pk}/")
    assert head.status_code == 200
    assert "Record the review" not in head.content.decode()


def test_a_review_is_recorded_audited_and_shown(cast: Cast) -> None:
    finding = FindingFactory(unit=cast.org.division_a1, person=cast.org.person_a1)
    client = cast.client("auditor")
    url = f"/integrity/findings/{finding.pk}/review/"
    refused = client.post(url, {"status": "confirmed", "note": ""})
    assert refused.status_code == 422
    assert "Say what the review found." in refused.content.decode()
    response = client.post(url, {"status": "confirmed", "note": "Đã xác minh."},
                           follow=True)  # fmt: skip
    text = response.content.decode()
    assert "The review is recorded." in text
    assert "Đã xác minh." in text
    assert AuditEntry.objects.filter(action="integrity.finding.reviewed").count() == 1


def test_a_rerun_shows_the_earlier_review_of_the_same_signal(cast: Cast) -> None:
    first = _copied_finding(cast)
    services.review_finding(actor=cast.actor("auditor"), finding=first,
                            status="dismissed", note="Cùng soạn một báo cáo chung.")  # fmt: skip
    again = copied.detect(RunFactory(unit=cast.org.dept_a), lambda p: None)[0]
    again.save()
    page = cast.client("personnel").get(f"/integrity/findings/{again.pk}/")
    text = page.content.decode()
    assert "The same signal in earlier runs" in text
    assert "Cùng soạn một báo cáo chung." in text
    assert f"/integrity/findings/{first.pk}/" in text


def test_the_findings_list_filters_and_keeps_to_the_scope(cast: Cast) -> None:
    FindingFactory(unit=cast.org.division_a1, summary="Bản sao A1")
    FindingFactory(unit=cast.org.division_a1, detector=Detector.TEMPLATE,
                   summary="Mẫu A1", status=Finding.Status.DISMISSED)  # fmt: skip
    outside = FindingFactory(unit=cast.org.division_b1, summary="Bản sao B1")
    client = cast.client("head")
    page = client.get("/integrity/findings/").content.decode()
    assert page.count("data-finding=") == 2
    assert "Bản sao B1" not in page
    only = client.get("/integrity/findings/?detector=template").content.decode()
    assert only.count("data-finding=") == 1
    assert "Mẫu A1" in only
    opened = client.get("/integrity/findings/?status=open&unit=SNV-TCBC")
    assert opened.content.decode().count("data-finding=") == 1
    unknown = client.get("/integrity/findings/?unit=STC").content.decode()
    assert "outside your scope" in unknown
    assert "data-finding=" not in unknown
    outsider = cast.client("outsider")
    theirs = outsider.get("/integrity/findings/").content.decode()
    assert theirs.count("data-finding=") == 1
    assert "Bản sao A1" not in theirs
    assert outsider.get(f"/integrity/findings/{outside.pk}/").status_code == 200
    mine = Finding.objects.exclude(pk=outside.pk).first()
    assert mine is not None
    assert outsider.get(f"/integrity/findings/{mine.pk}/").status_code == 404


def test_favouritism_findings_are_for_personnel_and_auditors_only(cast: Cast) -> None:
    finding = FindingFactory(unit=cast.org.division_a1, detector=Detector.FAVOURITISM,
                             summary="Cùng quê với thủ trưởng")  # fmt: skip
    for persona, status in (("head", 404), ("personnel", 200), ("auditor", 200)):
        client = cast.client(persona)
        assert client.get(f"/integrity/findings/{finding.pk}/").status_code == status
        listed = client.get("/integrity/findings/").content.decode()
        assert ("Cùng quê với thủ trưởng" in listed) is (status == 200)
    head_home = cast.client("head").get("/integrity/").content.decode()
    assert 'data-count="favouritism"' not in head_home
    personnel_home = cast.client("personnel").get("/integrity/").content.decode()
    assert 'data-count="favouritism"' in personnel_home


def test_templates_are_registered_listed_and_deleted(cast: Cast) -> None:
    client = cast.client("personnel")
    response = client.post("/integrity/templates/new/", {
        "unit": cast.org.dept_a.pk, "title": "Mẫu của Sở", "text": TEMPLATE,
    }, follow=True)  # fmt: skip
    assert "The template text is registered." in response.content.decode()
    template = TemplateText.objects.get()
    assert "Mẫu của Sở" in client.get("/integrity/templates/").content.decode()
    short = client.post("/integrity/templates/new/", {
        "unit": cast.org.dept_a.pk, "title": "Ngắn", "text": "Quá ngắn",
    })  # fmt: skip
    assert short.status_code == 422
    outsider = cast.client("outsider")
    assert "Mẫu của Sở" not in outsider.get("/integrity/templates/").content.decode()
    assert (
        outsider.post(f"/integrity/templates/{template.pk}/delete/").status_code == 404
    )
    client.post(f"/integrity/templates/{template.pk}/delete/")
    assert not TemplateText.objects.exists()
    other = TemplateTextFactory(unit=cast.org.dept_b)
    assert client.post(f"/integrity/templates/{other.pk}/delete/").status_code == 404
