from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile

from canbo.work import services
from canbo.work.models import ExtensionRequest, Task
from canbo.work.tests.conftest import Desk

NOV_10 = date(2026, 11, 10)
CONFLICT = "Someone else changed this task"


@pytest.fixture(autouse=True)
def frozen(settings: Any, tmp_path: Path) -> Iterator[None]:
    """10 November 2026, 10:00 in Hà Nội; evidence goes to a temporary media root."""
    settings.MEDIA_ROOT = tmp_path
    settings.LANGUAGE_CODE = "en"
    with time_machine.travel("2026-11-10 10:00 +07:00", tick=False):
        yield


def _assign(desk: Desk, deadline: date = date(2026, 11, 20), qty: str = "4") -> Task:
    (task,) = services.assign_task(
        actor=desk.cast.actor("manager"),
        product_type=desk.product,
        quantity=Decimal(qty),
        deadline=deadline,
        today=NOV_10,
        assignees=[desk.worker],
    )
    return task


def _submit(desk: Desk, task: Task, day: date = NOV_10) -> None:
    services.submit_product(
        actor=desk.cast.actor("staff"), task=task, quantity=Decimal(4), today=day
    )


def test_my_tasks_lists_own_tasks_with_their_escalation_colour(desk: Desk) -> None:
    _assign(desk, deadline=NOV_10)
    _assign(desk, deadline=date(2026, 11, 30))
    page = desk.cast.client("staff").get("/tasks/")
    assert page.status_code == 200
    assert page.text.count('data-task="') == 2
    assert page.text.count('class="badge esc-green"') == 1


def test_my_tasks_filters_by_status_and_month(desk: Desk) -> None:
    _assign(desk, deadline=date(2026, 11, 30))
    _assign(desk, deadline=date(2026, 12, 5))
    client = desk.cast.client("staff")
    assert client.get("/tasks/?period=2026-12").text.count('data-task="') == 1
    assert client.get("/tasks/?status=accepted").text.count('data-task="') == 0


def test_staff_proposes_a_task_and_the_manager_approves_it(desk: Desk) -> None:
    response = desk.cast.client("staff").post(
        "/tasks/",
        {"product_type": desk.product.pk, "quantity": "2", "deadline": "2026-11-25"},
    )
    task = Task.objects.get()
    assert response.status_code == 302
    assert task.status == Task.Status.PROPOSED
    desk.cast.client("manager").post(
        f"/tasks/{task.pk}/proposal/", {"decision": "approve", "version": task.version}
    )
    task.refresh_from_db()
    assert task.status == Task.Status.ASSIGNED


def test_a_proposal_with_a_past_deadline_shows_the_error_on_the_field(
    desk: Desk,
) -> None:
    response = desk.cast.client("staff").post(
        "/tasks/",
        {"product_type": desk.product.pk, "quantity": "2", "deadline": "2026-11-01"},
    )
    assert response.status_code == 422
    assert "The deadline is before the assignment date." in response.text
    assert not Task.objects.exists()


def test_an_outsider_gets_404_for_a_task_in_another_department(desk: Desk) -> None:
    task = _assign(desk)
    assert desk.cast.client("outsider").get(f"/tasks/{task.pk}/").status_code == 404


def test_the_assignee_sees_submit_and_the_manager_sees_review(desk: Desk) -> None:
    task = _assign(desk)
    mine = desk.cast.client("staff").get(f"/tasks/{task.pk}/").text
    assert 'id="action-submit"' in mine
    assert 'id="action-review"' not in mine
    _submit(desk, task)
    boss = desk.cast.client("manager").get(f"/tasks/{task.pk}/").text
    assert 'id="action-review"' in boss
    assert 'id="action-submit"' not in boss
    auditor = desk.cast.client("auditor").get(f"/tasks/{task.pk}/").text
    assert 'id="action-review"' not in auditor


def test_staff_cannot_review_their_own_product(desk: Desk) -> None:
    task = _assign(desk)
    _submit(desk, task)
    response = desk.cast.client("staff").post(
        f"/tasks/{task.pk}/review/", {"decision": "accept"}
    )
    task.refresh_from_db()
    assert response.status_code == 404
    assert task.status == Task.Status.SUBMITTED


def test_submitting_with_a_file_stores_it_and_serves_it_only_to_viewers(
    desk: Desk,
) -> None:
    task = _assign(desk)
    upload = SimpleUploadedFile("bao-cao.pdf", b"%PDF-1.4 report", "application/pdf")
    response = desk.cast.client("staff").post(
        f"/tasks/{task.pk}/submit/",
        {"quantity": "4", "version": task.version, "attachments": [upload],
         "links": "https://example.org/van-ban"},
    )  # fmt: skip
    assert response.status_code == 302
    evidence = task.submissions.get().evidence.order_by("id")
    assert [e.name for e in evidence] == ["bao-cao.pdf", "https://example.org/van-ban"]
    url = f"/tasks/evidence/{evidence[0].pk}/"
    download = desk.cast.client("manager").get(url)
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == b"%PDF-1.4 report"  # type: ignore[attr-defined]
    assert desk.cast.client("outsider").get(url).status_code == 404


def test_a_refused_file_type_is_shown_on_the_field_and_nothing_is_stored(
    desk: Desk,
) -> None:
    task = _assign(desk)
    upload = SimpleUploadedFile("virus.exe", b"MZ", "application/octet-stream")
    response = desk.cast.client("staff").post(
        f"/tasks/{task.pk}/submit/",
        {"quantity": "4", "version": task.version, "attachments": [upload]},
    )
    task.refresh_from_db()
    assert response.status_code == 422
    assert "“virus.exe” is not an accepted file type" in response.text
    assert (task.status, task.submissions.count()) == (Task.Status.ASSIGNED, 0)


def test_a_quantity_of_zero_is_refused_on_its_field(desk: Desk) -> None:
    task = _assign(desk)
    response = desk.cast.client("staff").post(
        f"/tasks/{task.pk}/submit/", {"quantity": "0", "version": task.version}
    )
    assert response.status_code == 422
    assert "The quantity must be greater than zero." in response.text


def test_a_stale_version_gets_the_conflict_message(desk: Desk) -> None:
    task = _assign(desk)
    stale = task.version
    services.update_progress(actor=desk.cast.actor("staff"), task=task, progress=30)
    response = desk.cast.client("staff").post(
        f"/tasks/{task.pk}/progress/", {"progress": "60", "version": stale}
    )
    task.refresh_from_db()
    assert response.status_code == 409
    assert CONFLICT in response.text
    assert task.progress == 30


def test_an_extension_ending_before_the_deadline_is_refused_on_its_field(
    desk: Desk,
) -> None:
    task = _assign(desk)
    response = desk.cast.client("staff").post(
        f"/tasks/{task.pk}/extension/",
        {"requested_deadline": "2026-11-15", "reason": "Chờ", "version": task.version},
    )
    assert response.status_code == 422
    assert "The new deadline must be after the current one." in response.text
    assert not ExtensionRequest.objects.exists()


def test_the_manager_refuses_an_extension_and_the_history_keeps_it(
    desk: Desk,
) -> None:
    task = _assign(desk)
    client = desk.cast.client("staff")
    client.post(
        f"/tasks/{task.pk}/extension/",
        {"requested_deadline": "2026-11-28", "reason": "Chờ số liệu", "version": task.version},
    )  # fmt: skip
    extension = ExtensionRequest.objects.get()
    desk.cast.client("manager").post(
        f"/tasks/{task.pk}/extensions/{extension.pk}/decide/",
        {"decision": "refuse", "note": "Không đủ lý do"},
    )
    extension.refresh_from_db()
    page = client.get(f"/tasks/{task.pk}/").text
    assert extension.status == ExtensionRequest.Status.REFUSED
    assert "Không đủ lý do" in page
    assert "28/11/2026" in page


def test_a_return_then_a_late_acceptance_shows_on_the_task(desk: Desk) -> None:
    task = _assign(desk)
    _submit(desk, task)
    manager = desk.cast.client("manager")
    task.refresh_from_db()
    manager.post(
        f"/tasks/{task.pk}/review/",
        {"decision": "return", "reason": "Thiếu phụ lục", "version": task.version},
    )
    _submit(desk, task, date(2026, 11, 22))
    task.refresh_from_db()
    manager.post(
        f"/tasks/{task.pk}/review/",
        {"decision": "accept", "meets_quality": "on", "version": task.version},
    )
    task.refresh_from_db()
    assert (task.status, task.failed_reviews, task.late) == ("accepted", 1, True)
    excuse = manager.post(
        f"/tasks/{task.pk}/excuse/", {"reason": "", "version": task.version}
    )
    assert excuse.status_code == 422


def test_returning_without_a_reason_is_refused_on_the_reason(desk: Desk) -> None:
    task = _assign(desk)
    _submit(desk, task)
    task.refresh_from_db()
    response = desk.cast.client("manager").post(
        f"/tasks/{task.pk}/review/", {"decision": "return", "version": task.version}
    )
    assert response.status_code == 422
    assert "Say why the product is returned." in response.text


def test_the_manager_assigns_a_task_to_two_persons(desk: Desk) -> None:
    colleague = desk.cast.org.person_a1
    response = desk.cast.client("manager").post(
        "/tasks/new/",
        {"people": [desk.worker.pk, colleague.pk], "product_type": desk.product.pk,
         "override_catalogue": "on", "quantity": "2", "deadline": "2026-11-20",
         "priority": "high", "document_ref": "12/KH-SNV"},
    )  # fmt: skip
    assert response.status_code == 302
    assert sorted(
        Task.objects.values_list("assignee_id", "converted_quantity")
    ) == sorted([(desk.worker.pk, Decimal("3.000")), (colleague.pk, Decimal("3.000"))])


def test_assigning_with_bad_input_writes_nothing(desk: Desk) -> None:
    response = desk.cast.client("manager").post(
        "/tasks/new/",
        {"people": [desk.worker.pk, desk.cast.org.person_a1.pk],
         "product_type": desk.product.pk, "quantity": "0", "deadline": "2026-11-01",
         "priority": "normal"},
    )  # fmt: skip
    assert response.status_code == 422
    assert "The deadline is before the assignment date." in response.text
    assert not Task.objects.exists()


def test_a_product_of_another_catalogue_needs_the_override(desk: Desk) -> None:
    response = desk.cast.client("manager").post(
        "/tasks/new/",
        {"people": [desk.cast.org.person_a1.pk], "product_type": desk.product.pk,
         "quantity": "1", "deadline": "2026-11-20", "priority": "normal"},
    )  # fmt: skip
    assert response.status_code == 422
    assert "tick the override" in response.text
    assert not Task.objects.exists()


def test_people_outside_the_assigners_scope_cannot_be_chosen(desk: Desk) -> None:
    response = desk.cast.client("manager").post(
        "/tasks/new/",
        {"people": [desk.cast.org.person_b1.pk], "product_type": desk.product.pk,
         "override_catalogue": "on", "quantity": "1", "deadline": "2026-11-20",
         "priority": "normal"},
    )  # fmt: skip
    assert response.status_code == 422
    assert not Task.objects.exists()


@pytest.mark.parametrize("persona", ["staff", "personnel", "auditor", "outsider"])
def test_only_assigners_open_the_assign_page(desk: Desk, persona: str) -> None:
    assert desk.cast.client(persona).get("/tasks/new/").status_code == 404


def test_the_assign_page_searches_staff_and_defaults_the_deadline(desk: Desk) -> None:
    desk.product.default_days = 7
    desk.product.save()
    client = desk.cast.client("manager")
    page = client.get(
        "/tasks/new/", {"q": "pham minh", "product_type": str(desk.product.pk)}
    )
    assert "Phạm Minh Châu" in page.text
    assert "Nguyễn Văn An" not in page.text
    assert 'value="2026-11-17"' in page.text
