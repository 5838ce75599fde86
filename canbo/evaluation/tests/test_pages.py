"""The evaluation pages: what each person sees and what bad input gets."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest
import time_machine
from django.utils import timezone

from canbo.evaluation.models import Period, Sheet
from canbo.evaluation.tests import matrix
from canbo.policy.packs import GENERAL_CRITERIA
from canbo.tests.fixtures import Cast

FULL = {f"points_{c.code}": str(c.points) for c in GENERAL_CRITERIA}


@pytest.fixture(autouse=True)
def english(settings: Any) -> Iterator[None]:
    settings.LANGUAGE_CODE = "en"
    with time_machine.travel("2026-11-10 10:00 +07:00", tick=False):
        yield


def test_opening_a_period_from_the_page_creates_the_sheets(
    cast: Cast, django_capture_on_commit_callbacks: Any
) -> None:
    client = cast.client("personnel")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/evaluation/", {
            "unit": cast.org.division_a1.pk, "kind": "month", "day": "2026-11-10",
            "self_deadline": "2026-12-03", "review_deadline": "2026-12-05",
            "decision_deadline": "2026-12-08",
        })  # fmt: skip
    period = Period.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/evaluation/periods/{period.pk}/"
    page = client.get(response["Location"]).text
    assert page.count("data-sheet=") == 2
    assert "Phạm Minh Châu" in page


def test_bad_dates_name_the_field(cast: Cast) -> None:
    response = cast.client("personnel").post("/evaluation/", {
        "unit": cast.org.division_a1.pk, "kind": "month", "day": "2026-11-10",
        "self_deadline": "2026-10-03", "review_deadline": "2026-12-05",
        "decision_deadline": "2026-12-01",
    })  # fmt: skip
    assert response.status_code == 422
    assert "cannot be due before the period starts" in response.text
    assert "on or after the step before it" in response.text
    assert not Period.objects.exists()


def test_the_person_sees_their_figures_and_the_self_assessment_form(cast: Cast) -> None:
    sheet = matrix.staff_sheet(cast)
    page = cast.client("staff").get(f"/evaluation/sheets/{sheet}/").text
    assert 'name="points_a1"' in page
    assert "no task score" in page
    manager_page = cast.client("manager").get(f"/evaluation/sheets/{sheet}/").text
    assert 'name="points_a1"' not in manager_page  # not theirs to assess


def test_points_over_the_maximum_are_refused_on_their_field(cast: Cast) -> None:
    sheet = matrix.staff_sheet(cast)
    data = {**FULL, "points_a1": "5", "submit": "1"}
    response = cast.client("staff").post(f"/evaluation/sheets/{sheet}/self/", data)
    assert response.status_code == 422
    assert "less than or equal to 3" in response.text
    assert Sheet.objects.get(pk=sheet).status == "draft"


def test_submitting_then_a_stale_review_is_a_conflict(cast: Cast) -> None:
    sheet = matrix.staff_sheet(cast)
    staff = cast.client("staff")
    response = staff.post(f"/evaluation/sheets/{sheet}/self/", {**FULL, "submit": "1"})
    assert response.status_code == 302
    assert Sheet.objects.get(pk=sheet).status == "submitted"
    manager = cast.client("manager")
    review = {**FULL, "proposed_level": "HTTNV", "reason": "", "version": "1"}
    response = manager.post(f"/evaluation/sheets/{sheet}/review/", review)
    assert response.status_code == 409
    assert "Someone changed this sheet" in response.text
    version = Sheet.objects.get(pk=sheet).version
    response = manager.post(
        f"/evaluation/sheets/{sheet}/review/", {**review, "version": str(version)}
    )
    assert response.status_code == 302
    assert Sheet.objects.get(pk=sheet).status == "reviewed"


def test_the_level_stays_hidden_from_the_person_until_publication(cast: Cast) -> None:
    sheet = matrix.colleague_sheet(cast, "decided")
    Sheet.objects.filter(pk=sheet).update(level="HTTNV")
    own = Sheet.objects.get(person=cast.users["staff"].person)
    Sheet.objects.filter(pk=own.pk).update(status="decided", level="HTNV")
    staff = cast.client("staff")
    assert 'data-points="level"' not in staff.get(f"/evaluation/sheets/{own.pk}/").text
    Period.objects.update(status=Period.Status.PUBLISHED, published_at=timezone.now())
    assert 'data-points="level"' in staff.get(f"/evaluation/sheets/{own.pk}/").text


def test_the_profile_shows_published_results_only(cast: Cast) -> None:
    matrix.staff_sheet(cast)
    Sheet.objects.update(status="decided", level="HTTNV", score=85)
    person = cast.users["staff"].person
    assert person is not None
    client = cast.client("personnel")
    assert "data-evaluation=" not in client.get(f"/people/{person.pk}/").text
    Period.objects.update(status=Period.Status.PUBLISHED, published_at=timezone.now())
    page = client.get(f"/people/{person.pk}/").text
    assert page.count("data-evaluation=") == 1
    assert "HTTNV" in page


def test_publication_tells_each_person_and_leads_to_their_sheet(
    cast: Cast, django_capture_on_commit_callbacks: Any
) -> None:
    from canbo.evaluation import periods
    from canbo.work.models import Notification

    own = matrix.staff_sheet(cast)
    Sheet.objects.update(status="decided", level="HTTNV")
    period = Period.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        periods.publish_period(actor=cast.actor("personnel"), period=period)
    notice = Notification.objects.get()  # the colleague has no login
    assert notice.user == cast.users["staff"]
    assert "HTTNV" in notice.message
    response = cast.client("staff").post(f"/notifications/{notice.pk}/open/")
    assert response["Location"] == f"/evaluation/sheets/{own}/"


def test_the_period_shows_progress_by_unit_and_filters_by_status(cast: Cast) -> None:
    from canbo.org.tests.factories import UnitFactory
    from canbo.people.tests.factories import PersonFactory

    dept = cast.org.dept_a
    other = UnitFactory(code="SNV-VP", name="Văn phòng Sở", parent=dept)
    PersonFactory(unit=other, full_name="Đỗ Văn Phòng")
    Period.objects.create(
        unit=dept, unit_path=dept.path, kind="month", start=date(2026, 11, 1),
        end=date(2026, 11, 30), self_deadline=date(2026, 12, 3),
        review_deadline=date(2026, 12, 5), decision_deadline=date(2026, 12, 8),
        opened_by=cast.users["personnel"],
    )  # fmt: skip
    from canbo.evaluation.periods import build_sheets

    period = Period.objects.get()
    build_sheets(period.pk)
    Sheet.objects.filter(person__full_name="Đỗ Văn Phòng").update(status="submitted")
    page = cast.client("head").get(f"/evaluation/periods/{period.pk}/").text
    assert f'data-branch="{cast.org.division_a1.pk}"' in page
    assert f'data-branch="{other.pk}"' in page
    waiting = (
        cast.client("head")
        .get(f"/evaluation/periods/{period.pk}/?status=submitted")
        .text
    )
    assert waiting.count("data-sheet=") == 1
    assert "Đỗ Văn Phòng" in waiting


def test_step_reminders_reach_who_is_late_once(cast: Cast) -> None:
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from canbo.evaluation.reminders import send_step_reminders
    from canbo.work.models import Notification

    matrix.staff_sheet(cast)
    colleague = Sheet.objects.get(person=cast.org.person_a1)
    Sheet.objects.filter(pk=colleague.pk).update(status="submitted")
    before = datetime(2026, 11, 30, 9, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))
    assert send_step_reminders(before) == 0  # self-assessment due 3/12: not yet
    on_the_eve = datetime(2026, 12, 4, 9, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))
    assert send_step_reminders(on_the_eve) == 3  # the staff member; manager and head
    assert send_step_reminders(on_the_eve) == 0
    kinds = dict(Notification.objects.values_list("user__username", "link"))
    assert kinds["staff"].startswith("/evaluation/sheets/")
    assert kinds["manager"].endswith("?status=submitted")


def test_minutes_are_attached_and_served_only_to_who_sees_the_period(
    cast: Cast,
) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    period = matrix.period(cast)
    head = cast.client("head")
    upload = SimpleUploadedFile(
        "bien-ban-hop.pdf", b"%PDF-1.4 minutes", "application/pdf"
    )
    response = head.post(
        f"/evaluation/periods/{period}/minutes/upload/", {"minutes": upload}
    )
    assert response.status_code == 302
    assert Period.objects.get(pk=period).minutes_name == "bien-ban-hop.pdf"
    served = cast.client("staff").get(f"/evaluation/periods/{period}/minutes/")
    assert b"".join(served.streaming_content) == b"%PDF-1.4 minutes"  # type: ignore[attr-defined]
    assert (
        cast.client("outsider")
        .get(f"/evaluation/periods/{period}/minutes/")
        .status_code
        == 404
    )
    bad = SimpleUploadedFile("virus.exe", b"MZ", "application/octet-stream")
    head.post(f"/evaluation/periods/{period}/minutes/upload/", {"minutes": bad})
    assert Period.objects.get(pk=period).minutes_name == "bien-ban-hop.pdf"
