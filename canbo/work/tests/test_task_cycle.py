from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from canbo.core.errors import InvalidInput, NotAllowed
from canbo.core.models import AuditEntry
from canbo.people.tests.factories import AssignmentFactory, PersonFactory
from canbo.work import services
from canbo.work.models import Submission, Task
from canbo.work.selectors import period_figures
from canbo.work.tests.conftest import Desk
from canbo.work.tests.factories import ProductTypeFactory

NOV_2 = date(2026, 11, 2)
NOV_20 = date(2026, 11, 20)
NOVEMBER = (date(2026, 11, 1), date(2026, 11, 30))


def _assign(desk: Desk, quantity: str = "4", deadline: date = NOV_20) -> Task:
    (task,) = services.assign_task(
        actor=desk.cast.actor("manager"),
        product_type=desk.product,
        quantity=Decimal(quantity),
        deadline=deadline,
        today=NOV_2,
        assignees=[desk.worker],
    )
    return task


def _figures(desk: Desk) -> tuple[object, ...]:
    f = period_figures(Task.objects.all(), *NOVEMBER)
    return (
        f.assigned,
        f.completed,
        f.completed_quality,
        f.completed_on_time,
        Decimal(f.failed_reviews),
        Decimal(f.delays),
    )


def test_assigning_stores_the_converted_quantity_and_audits(desk: Desk) -> None:
    task = _assign(desk)
    assert task.converted_quantity == Decimal("6.000")  # 4 × 1.5
    assert (
        AuditEntry.objects.filter(
            action="work.task.assigned", person_id=desk.worker.pk
        ).count()
        == 1
    )


@pytest.mark.parametrize(
    ("quantity", "deadline", "field"),
    [
        ("0", NOV_20, "quantity"),
        ("-2", NOV_20, "quantity"),
        ("3", date(2026, 11, 1), "deadline"),
    ],
)
def test_bad_quantity_or_deadline_is_refused_on_its_field(
    desk: Desk, quantity: str, deadline: date, field: str
) -> None:
    with pytest.raises(InvalidInput) as error:
        _assign(desk, quantity, deadline)
    assert field in error.value.errors
    assert not Task.objects.exists()


def test_a_product_of_another_job_position_needs_the_override(desk: Desk) -> None:
    foreign = ProductTypeFactory()
    kwargs = {"actor": desk.cast.actor("manager"), "product_type": foreign, "quantity": Decimal(1),
              "deadline": NOV_20, "today": NOV_2, "assignees": [desk.worker]}  # fmt: skip
    with pytest.raises(InvalidInput) as error:
        services.assign_task(**kwargs)  # type: ignore[arg-type]
    assert "product_type" in error.value.errors
    assert len(services.assign_task(**kwargs, override_catalogue=True)) == 1  # type: ignore[arg-type]


def test_an_outsider_cannot_assign_in_another_department(desk: Desk) -> None:
    with pytest.raises(NotAllowed):
        services.assign_task(
            actor=desk.cast.actor("outsider"), product_type=desk.product, quantity=Decimal(1),
            deadline=NOV_20, today=NOV_2, assignees=[desk.worker],
        )  # fmt: skip


def test_a_return_then_a_late_acceptance_is_one_failed_review_and_one_delay(
    desk: Desk,
) -> None:
    task = _assign(desk)
    staff, manager = desk.cast.actor("staff"), desk.cast.actor("manager")
    services.submit_product(
        actor=staff, task=task, quantity=Decimal(4), today=date(2026, 11, 18)
    )
    services.review_product(
        actor=manager, task=task, accept=False, reason="Thiếu số liệu"
    )
    services.submit_product(
        actor=staff, task=task, quantity=Decimal(4), today=date(2026, 11, 23)
    )
    services.review_product(actor=manager, task=task, accept=True)
    task.refresh_from_db()
    assert (task.status, task.late, task.failed_reviews) == (
        Task.Status.ACCEPTED,
        True,
        1,
    )
    assert _figures(desk) == (6, 6, 6, 0, 1, 1)


def test_objective_causes_carry_no_deduction(desk: Desk) -> None:
    task = _assign(desk)
    staff, manager = desk.cast.actor("staff"), desk.cast.actor("manager")
    services.submit_product(
        actor=staff, task=task, quantity=Decimal(4), today=date(2026, 11, 18)
    )
    services.review_product(
        actor=manager,
        task=task,
        accept=False,
        reason="Chờ số liệu của Sở khác",
        excused=True,
    )
    services.submit_product(
        actor=staff, task=task, quantity=Decimal(4), today=date(2026, 11, 24)
    )
    services.review_product(actor=manager, task=task, accept=True)
    services.excuse_delay(actor=manager, task=task, reason="Mất điện diện rộng")
    assert _figures(desk) == (6, 6, 6, 6, 0, 0)


def test_partial_completion_counts_the_delivered_quantity(desk: Desk) -> None:
    task = _assign(desk, quantity="4")
    services.submit_product(
        actor=desk.cast.actor("staff"), task=task, quantity=Decimal(2), today=NOV_20
    )
    services.review_product(
        actor=desk.cast.actor("manager"), task=task, accept=True, meets_quality=False
    )
    assert _figures(desk) == (6, 3, 0, 3, 0, 0)


def test_tasks_due_in_another_month_are_not_in_this_period(desk: Desk) -> None:
    _assign(desk, deadline=date(2026, 12, 3))
    _assign(desk, quantity="2")
    assert _figures(desk) == (3, 0, 0, 0, 0, 0)


def test_an_approved_extension_is_not_a_delay(desk: Desk) -> None:
    task = _assign(desk)
    staff, manager = desk.cast.actor("staff"), desk.cast.actor("manager")
    extension = services.request_extension(
        actor=staff,
        task=task,
        new_deadline=date(2026, 11, 27),
        reason="Chờ ý kiến",
        now=datetime.fromisoformat("2026-11-19T09:00+07:00"),
    )
    services.decide_extension(
        actor=manager,
        extension=extension,
        approve=True,
        now=datetime.fromisoformat("2026-11-19T10:00+07:00"),
    )
    services.submit_product(
        actor=staff, task=task, quantity=Decimal(4), today=date(2026, 11, 26)
    )
    services.review_product(actor=manager, task=task, accept=True)
    task.refresh_from_db()
    assert (task.deadline, task.original_deadline, task.late) == (
        date(2026, 11, 27),
        NOV_20,
        False,
    )


def test_an_extension_asked_after_the_deadline_is_refused(desk: Desk) -> None:
    task = _assign(desk)
    with pytest.raises(InvalidInput) as error:
        services.request_extension(
            actor=desk.cast.actor("staff"), task=task, new_deadline=date(2026, 11, 30), reason="Muộn",
            now=datetime.fromisoformat("2026-11-21T08:00+07:00"),
        )  # fmt: skip
    assert "requested_deadline" in error.value.errors


def test_nobody_reviews_their_own_task(desk: Desk) -> None:
    cast = desk.cast
    boss = PersonFactory(full_name="Võ Thị Hạnh", sex="F", unit=cast.org.division_a1)
    AssignmentFactory(person=boss, job_position=desk.product.catalogue.job_position)
    head = cast.users["head"]
    head.person = boss
    head.save()
    (task,) = services.assign_task(
        actor=cast.actor("manager"), product_type=desk.product, quantity=Decimal(1),
        deadline=NOV_20, today=NOV_2, assignees=[boss],
    )  # fmt: skip
    services.submit_product(
        actor=cast.actor("head"), task=task, quantity=Decimal(1), today=NOV_20
    )
    with pytest.raises(InvalidInput) as error:
        services.review_product(actor=cast.actor("head"), task=task, accept=True)
    assert "" in error.value.errors
    assert Task.objects.get(pk=task.pk).status == Task.Status.SUBMITTED


def test_a_stale_version_is_a_conflict_not_an_overwrite(desk: Desk) -> None:
    task = _assign(desk)
    stale = task.version
    services.submit_product(
        actor=desk.cast.actor("staff"),
        task=task,
        quantity=Decimal(4),
        today=NOV_20,
        version=stale,
    )
    with pytest.raises(InvalidInput) as error:
        services.review_product(
            actor=desk.cast.actor("manager"), task=task, accept=True, version=stale
        )
    assert error.value.errors[""]
    assert Task.objects.get(pk=task.pk).status == Task.Status.SUBMITTED


def test_evidence_files_are_stored_and_refused_types_write_nothing(
    desk: Desk, settings: Any
) -> None:
    settings.EVIDENCE_MAX_BYTES = 1000
    task = _assign(desk)
    staff = desk.cast.actor("staff")
    bad = [
        SimpleUploadedFile("bao-cao.exe", b"x"),
        SimpleUploadedFile("lon.pdf", b"x" * 2000),
    ]
    with pytest.raises(InvalidInput) as error:
        services.submit_product(
            actor=staff, task=task, quantity=Decimal(4), today=NOV_20, files=bad
        )
    assert len(error.value.errors["files"]) == 2
    assert not Submission.objects.exists()
    good = [SimpleUploadedFile("bao-cao.pdf", b"%PDF-1.4 ...")]
    submission = services.submit_product(
        actor=staff,
        task=task,
        quantity=Decimal(4),
        today=NOV_20,
        files=good,
        links=["https://dvc.example.gov.vn/hs/1"],
    )
    assert sorted(e.name for e in submission.evidence.all()) == [
        "bao-cao.pdf",
        "https://dvc.example.gov.vn/hs/1",
    ]


def test_a_unit_task_is_delivered_by_the_units_own_leader_and_reviewed_from_above(
    desk: Desk,
) -> None:
    cast = desk.cast
    (task,) = services.assign_task(
        actor=cast.actor("head"), product_type=desk.product, quantity=Decimal(2), deadline=NOV_20,
        today=NOV_2, unit=cast.org.division_a1, override_catalogue=True,
    )  # fmt: skip
    with pytest.raises(
        NotAllowed
    ):  # the head of department A assigned it: not theirs to deliver
        services.submit_product(
            actor=cast.actor("head"), task=task, quantity=Decimal(2), today=NOV_20
        )
    services.submit_product(
        actor=cast.actor("manager"), task=task, quantity=Decimal(2), today=NOV_20
    )
    with pytest.raises(InvalidInput):  # nobody reviews what they submitted
        services.review_product(actor=cast.actor("manager"), task=task, accept=True)
    services.review_product(actor=cast.actor("head"), task=task, accept=True)
    assert Task.objects.get(pk=task.pk).status == Task.Status.ACCEPTED
