from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from datetime import date, datetime, timedelta
from decimal import Decimal
from io import StringIO
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.core.management import call_command
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from canbo.people.tests.factories import PersonFactory
from canbo.work import services
from canbo.work.models import Notification, Task
from canbo.work.notifications import notify, send_emails
from canbo.work.periodic import send_task_reminders
from canbo.work.tests.conftest import Desk

HCM = ZoneInfo("Asia/Ho_Chi_Minh")
NOV_2 = date(2026, 11, 2)
NOV_20 = date(2026, 11, 20)
NOON_20 = datetime(2026, 11, 20, 12, 0, tzinfo=HCM)
Capture = Callable[..., AbstractContextManager[Any]]


def _assign(desk: Desk, deadline: date = NOV_20) -> Task:
    (task,) = services.assign_task(
        actor=desk.cast.actor("manager"),
        product_type=desk.product,
        quantity=Decimal(2),
        deadline=deadline,
        today=NOV_2,
        assignees=[desk.worker],
    )
    return task


def _kinds(user_name: str, desk: Desk) -> list[str]:
    user = desk.cast.users[user_name]
    return sorted(Notification.objects.filter(user=user).values_list("kind", flat=True))


def _with_emails(desk: Desk) -> None:
    for name in ("manager", "staff", "head"):
        user = desk.cast.users[name]
        user.email = f"{name}@example.vn"
        user.save()


# --- events ---------------------------------------------------------------


def test_submitting_asks_the_assigner_for_a_review_in_app_and_by_email(
    desk: Desk, django_capture_on_commit_callbacks: Capture
) -> None:
    _with_emails(desk)
    task = _assign(desk)
    with django_capture_on_commit_callbacks(execute=True):
        services.submit_product(
            actor=desk.cast.actor("staff"), task=task, quantity=Decimal(2), today=NOV_2
        )
    notice = Notification.objects.get(user=desk.cast.users["manager"])
    assert notice.kind == Notification.Kind.REVIEW_REQUESTED
    assert notice.task == task
    assert task.title in notice.message
    assert [m.to for m in mail.outbox] == [["manager@example.vn"]]
    assert notice.emailed_at is not None


def test_the_assignee_hears_of_a_return_and_then_of_acceptance(
    desk: Desk, django_capture_on_commit_callbacks: Capture
) -> None:
    task = _assign(desk)
    staff, manager = desk.cast.actor("staff"), desk.cast.actor("manager")
    with django_capture_on_commit_callbacks(execute=True):
        services.submit_product(
            actor=staff, task=task, quantity=Decimal(2), today=NOV_2
        )
        services.review_product(
            actor=manager, task=task, accept=False, reason="Sai số liệu"
        )
        services.submit_product(
            actor=staff, task=task, quantity=Decimal(2), today=NOV_2
        )
        services.review_product(actor=manager, task=task, accept=True)
    assert _kinds("staff", desk) == ["accepted", "returned"]
    assert _kinds("manager", desk) == ["review", "review"]
    returned = Notification.objects.get(kind="returned")
    assert "Sai số liệu" in returned.message


def test_extension_requests_and_decisions_reach_the_other_side(
    desk: Desk, django_capture_on_commit_callbacks: Capture
) -> None:
    task = _assign(desk)
    morning = datetime(2026, 11, 10, 9, tzinfo=HCM)
    with django_capture_on_commit_callbacks(execute=True):
        extension = services.request_extension(
            actor=desk.cast.actor("staff"), task=task, new_deadline=date(2026, 11, 25),
            reason="Chờ số liệu", now=morning,
        )  # fmt: skip
        services.decide_extension(
            actor=desk.cast.actor("manager"),
            extension=extension,
            approve=False,
            now=morning,
        )
    assert _kinds("manager", desk) == ["ext_request"]
    assert _kinds("staff", desk) == ["ext_decided"]
    assert "refused" in Notification.objects.get(kind="ext_decided").message or (
        "từ chối" in Notification.objects.get(kind="ext_decided").message
    )


def test_a_proposal_reaches_the_managers_and_heads_of_the_unit(
    desk: Desk, django_capture_on_commit_callbacks: Capture
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        services.propose_task(
            actor=desk.cast.actor("staff"), product_type=desk.product,
            quantity=Decimal(1), deadline=NOV_20, today=NOV_2,
        )  # fmt: skip
    assert _kinds("manager", desk) == ["proposal"]
    assert _kinds("head", desk) == ["proposal"]
    assert _kinds("personnel", desk) == []
    assert _kinds("staff", desk) == []


def _submit_then_fail(desk: Desk, task: Task) -> None:
    with transaction.atomic():
        services.submit_product(
            actor=desk.cast.actor("staff"), task=task, quantity=Decimal(2), today=NOV_2
        )
        raise RuntimeError


def test_nothing_is_notified_when_the_action_is_rolled_back(
    desk: Desk, django_capture_on_commit_callbacks: Capture
) -> None:
    _with_emails(desk)
    task = _assign(desk)
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError):
        _submit_then_fail(desk, task)
    assert not Notification.objects.exists()
    assert mail.outbox == []
    assert Task.objects.get().status == Task.Status.ASSIGNED


# --- reminders and escalation ----------------------------------------------


@pytest.mark.parametrize(
    ("deadline", "now", "recipient", "kind"),
    [
        # Due at the end of 20/11: within 24 hours from noon on the 20th.
        (NOV_20, NOON_20, "staff", "due_soon"),
        # Overdue by 12 hours: yellow, the assigner (manager) hears of it.
        (date(2026, 11, 19), NOON_20, "manager", "overdue"),
        # Overdue by 36 hours: still yellow.
        (date(2026, 11, 18), NOON_20, "manager", "overdue"),
        # Overdue by 60 hours: red, the head of the department hears of it.
        (date(2026, 11, 17), NOON_20, "head", "overdue_long"),
    ],
)
def test_reminders_go_to_the_person_the_colour_calls_for(
    desk: Desk, deadline: date, now: datetime, recipient: str, kind: str
) -> None:
    _assign(desk, deadline)
    assert send_task_reminders(now) == 1
    notice = Notification.objects.get()
    assert notice.user == desk.cast.users[recipient]
    assert notice.kind == kind


def test_a_task_due_after_tomorrow_or_already_submitted_is_left_alone(
    desk: Desk,
) -> None:
    _assign(desk, date(2026, 11, 21))
    done = _assign(desk, NOV_20)
    services.submit_product(
        actor=desk.cast.actor("staff"), task=done, quantity=Decimal(2), today=NOV_2
    )
    assert send_task_reminders(NOON_20) == 0
    assert not Notification.objects.exists()


def test_the_red_threshold_is_a_setting(desk: Desk, settings: Any) -> None:
    settings.TASK_RED_AFTER_OVERDUE_HOURS = 100
    _assign(desk, date(2026, 11, 17))
    send_task_reminders(NOON_20)
    assert Notification.objects.get().kind == "overdue"


def test_running_the_reminders_twice_writes_nothing_new(desk: Desk) -> None:
    _assign(desk, NOV_20)
    _assign(desk, date(2026, 11, 19))
    assert send_task_reminders(NOON_20) == 2
    assert send_task_reminders(NOON_20 + timedelta(minutes=5)) == 0
    assert Notification.objects.count() == 2


def test_an_extended_deadline_reminds_again(desk: Desk) -> None:
    task = _assign(desk, NOV_20)
    send_task_reminders(NOON_20)
    extension = services.request_extension(
        actor=desk.cast.actor("staff"), task=task, new_deadline=date(2026, 11, 24),
        reason="Chờ ý kiến", now=NOON_20,
    )  # fmt: skip
    services.decide_extension(
        actor=desk.cast.actor("manager"), extension=extension, approve=True, now=NOON_20
    )
    assert send_task_reminders(datetime(2026, 11, 24, 9, tzinfo=HCM)) == 1
    assert Notification.objects.filter(kind="due_soon").count() == 2


def test_the_reminder_scan_needs_the_same_queries_for_many_tasks(desk: Desk) -> None:
    def queries_for(count: int) -> int:
        Task.objects.all().delete()
        for _ in range(count):
            _assign(desk, date(2026, 11, 19))
        with CaptureQueriesContext(connection) as captured:
            send_task_reminders(NOON_20)
        return len(captured)

    assert queries_for(3) == queries_for(30) <= 5


def test_a_task_of_a_person_without_a_login_reminds_nobody(desk: Desk) -> None:
    other = PersonFactory(unit=desk.worker.unit)
    services.assign_task(
        actor=desk.cast.actor("manager"), product_type=desk.product, quantity=Decimal(1),
        deadline=NOV_20, today=NOV_2, assignees=[other], override_catalogue=True,
    )  # fmt: skip
    assert send_task_reminders(NOON_20) == 0


def _unit_task(desk: Desk) -> Task:
    (task,) = services.assign_task(
        actor=desk.cast.actor("head"), product_type=desk.product, quantity=Decimal(1),
        deadline=NOV_20, today=NOV_2, unit=desk.worker.unit, override_catalogue=True,
    )  # fmt: skip
    return task


def test_a_units_task_reminds_the_units_own_leader(desk: Desk) -> None:
    _unit_task(desk)
    assert send_task_reminders(NOON_20) == 1
    # The manager holds the role on division A1 itself; the head, who ordered
    # the task from department A above, is not reminded of a deadline not theirs.
    assert _kinds("manager", desk) == ["due_soon"]
    assert _kinds("head", desk) == []


def test_the_leader_of_a_unit_hears_the_review_of_the_units_task(
    desk: Desk, django_capture_on_commit_callbacks: Capture
) -> None:
    task = _unit_task(desk)
    manager, head = desk.cast.actor("manager"), desk.cast.actor("head")
    with django_capture_on_commit_callbacks(execute=True):
        services.submit_product(
            actor=manager, task=task, quantity=Decimal(1), today=NOV_2
        )
        services.review_product(
            actor=head, task=task, accept=False, reason="Thiếu số liệu"
        )
    assert _kinds("manager", desk) == ["returned"]
    assert _kinds("head", desk) == ["review"]


# --- e-mail ------------------------------------------------------------------


def test_each_notification_is_emailed_once_to_users_with_an_address(
    desk: Desk,
) -> None:
    _with_emails(desk)
    desk.cast.users["head"].email = ""
    desk.cast.users["head"].save()
    _assign(desk, NOV_20)  # green: the staff member
    _assign(desk, date(2026, 11, 19))  # yellow: the manager
    _assign(desk, date(2026, 11, 10))  # red: the head, who has no address
    send_task_reminders(NOON_20)
    assert send_emails(NOON_20) == 2
    assert send_emails(NOON_20) == 0
    assert sorted(m.to[0] for m in mail.outbox) == [
        "manager@example.vn",
        "staff@example.vn",
    ]
    assert "/tasks/" in mail.outbox[0].body
    assert Notification.objects.filter(emailed_at__isnull=False).count() == 2


def test_the_periodic_command_reminds_and_emails_once(
    desk: Desk, time_machine: Any
) -> None:
    _with_emails(desk)
    _assign(desk, date(2026, 11, 19))
    time_machine.move_to(NOON_20)
    out = StringIO()
    call_command("run_periodic", stdout=out)
    call_command("run_periodic", stdout=StringIO())
    assert Notification.objects.get().kind == "overdue"
    assert [m.to for m in mail.outbox] == [["manager@example.vn"]]
    assert "1" in out.getvalue()


# --- pages -------------------------------------------------------------------


def _notice(desk: Desk, user: str, task: Task | None, key: str) -> Notification:
    return Notification.objects.create(
        user=desk.cast.users[user],
        task=task,
        kind="overdue",
        message=f"Việc {key}",
        key=key,
    )


def test_the_bell_shows_the_unread_count_in_one_query(desk: Desk) -> None:
    task = _assign(desk)
    for key in ("a", "b", "c"):
        _notice(desk, "manager", task, key)
    _notice(desk, "staff", task, "d")
    client = desk.cast.client("manager")
    page = client.get("/accounts/me/").text
    assert 'class="badge"' in page
    assert ">3</span>" in page
    with CaptureQueriesContext(connection) as captured:
        client.get("/accounts/me/")
    counts = [q for q in captured.captured_queries if "work_notification" in q["sql"]]
    assert len(counts) == 1


def test_the_list_shows_only_my_notifications_newest_first(desk: Desk) -> None:
    task = _assign(desk)
    _notice(desk, "manager", task, "first")
    _notice(desk, "manager", task, "second")
    _notice(desk, "staff", task, "not mine")
    page = desk.cast.client("manager").get("/notifications/").text
    assert page.index("Việc second") < page.index("Việc first")
    assert "not mine" not in page


def test_each_reader_sees_a_notice_in_their_own_language(
    desk: Desk, django_capture_on_commit_callbacks: Capture, settings: Any
) -> None:
    task = _assign(desk)
    with django_capture_on_commit_callbacks(execute=True):
        services.submit_product(
            actor=desk.cast.actor("staff"), task=task, quantity=Decimal(2), today=NOV_2
        )
    client = desk.cast.client("manager")
    assert "đã được gửi để đồng chí xem xét" in client.get("/notifications/").text
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = client.get("/notifications/").text
    assert f"“{task.title}” was submitted for your review." in english
    # The stored message, for e-mail, stays in the site's language.
    assert "xem xét" in Notification.objects.get().message


def test_opening_a_notification_marks_it_read_and_goes_to_the_task(desk: Desk) -> None:
    task = _assign(desk)
    notice = _notice(desk, "manager", task, "a")
    response = desk.cast.client("manager").post(f"/notifications/{notice.pk}/open/")
    assert response.status_code == 302
    assert response["Location"] == f"/tasks/{task.pk}/"
    notice.refresh_from_db()
    assert notice.read_at is not None


def test_nobody_can_open_another_users_notification(desk: Desk) -> None:
    notice = _notice(desk, "manager", _assign(desk), "a")
    response = desk.cast.client("staff").post(f"/notifications/{notice.pk}/open/")
    assert response.status_code == 404
    notice.refresh_from_db()
    assert notice.read_at is None


def test_mark_all_read_clears_the_bell(desk: Desk) -> None:
    task = _assign(desk)
    _notice(desk, "manager", task, "a")
    _notice(desk, "staff", task, "b")
    client = desk.cast.client("manager")
    assert client.post("/notifications/read-all/").status_code == 302
    assert 'class="badge"' not in client.get("/notifications/").text
    assert Notification.objects.filter(read_at__isnull=True).count() == 1


def test_notify_writes_a_key_only_once(desk: Desk) -> None:
    task = _assign(desk)
    user = desk.cast.users["staff"]
    first = notify(user, task, "overdue", "Việc quá hạn", "k1")
    again = notify(user, task, "overdue", "Việc quá hạn", "k1")
    assert first is not None
    assert again is None
    assert Notification.objects.count() == 1


class RefusingBackend(BaseEmailBackend):
    def send_messages(self, email_messages: Any) -> int:
        raise OSError("mail server down")


def test_a_notification_the_mail_server_refused_is_sent_on_the_next_run(
    desk: Desk, settings: Any
) -> None:
    _with_emails(desk)
    _assign(desk, NOV_20)
    send_task_reminders(NOON_20)
    settings.MAILERS = {"default": {"BACKEND": f"{__name__}.RefusingBackend"}}
    assert send_emails(NOON_20) == 0
    assert Notification.objects.get().emailed_at is None
    settings.MAILERS = {
        "default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}
    }
    assert send_emails(NOON_20 + timedelta(minutes=5)) == 1
    assert [m.to for m in mail.outbox] == [["staff@example.vn"]]
