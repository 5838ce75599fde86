"""A month's evaluation from opening to publication, and what is refused."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
import time_machine
from django.utils.translation import override

from canbo.core.errors import InvalidInput, NotAllowed
from canbo.core.models import AuditEntry
from canbo.evaluation import periods, sheets
from canbo.evaluation.models import Period, Sheet
from canbo.org.tests.factories import PostFactory
from canbo.people.models import Person
from canbo.people.tests.factories import AssignmentFactory, PersonFactory
from canbo.policy.packs import GENERAL_CRITERIA
from canbo.work import services
from canbo.work.tests.conftest import Desk

NOV_1, NOV_10 = date(2026, 11, 1), date(2026, 11, 10)
FULL = {c.code: str(c.points) for c in GENERAL_CRITERIA}  # 30 points


@pytest.fixture(autouse=True)
def frozen() -> Iterator[None]:
    """10 November 2026, with the messages in English."""
    with time_machine.travel("2026-11-10 10:00 +07:00", tick=False), override("en"):
        yield


def _open(desk: Desk, **overrides: Any) -> Period:
    values: dict[str, Any] = {
        "actor": desk.cast.actor("personnel"), "unit": desk.cast.org.division_a1,
        "kind": Period.Kind.MONTH, "day": NOV_10, "self_deadline": date(2026, 12, 3),
        "review_deadline": date(2026, 12, 5), "decision_deadline": date(2026, 12, 8),
    }  # fmt: skip
    values.update(overrides)
    return periods.open_period(**values)


@pytest.fixture
def month(desk: Desk, django_capture_on_commit_callbacks: Any) -> Period:
    """Two tasks of the staff persona in November, one of them late; a period."""
    staff, head = desk.cast.actor("staff"), desk.cast.actor("head")
    for deadline in (date(2026, 11, 20), date(2026, 11, 5)):
        (task,) = services.assign_task(
            actor=head, product_type=desk.product, quantity=Decimal(2), deadline=deadline,
            today=NOV_1, assignees=[desk.worker], override_catalogue=True,
        )  # fmt: skip
        services.submit_product(
            actor=staff, task=task, quantity=Decimal(2), today=NOV_10
        )
        services.review_product(actor=head, task=task, accept=True)
    with django_capture_on_commit_callbacks(execute=True):
        return _open(desk)


def _sheet(desk: Desk) -> Sheet:
    return Sheet.objects.get(person=desk.worker)


def test_opening_a_month_creates_a_sheet_for_everyone_rated_with_their_figures(
    desk: Desk, month: Period
) -> None:
    month.refresh_from_db()
    assert (month.start, month.end, month.status) == (NOV_1, date(2026, 11, 30), "open")
    people = set(Sheet.objects.values_list("person__full_name", flat=True))
    assert people == {"Phạm Minh Châu", "Nguyễn Văn An"}
    assert (month.sheets_total, month.sheets_done) == (2, 2)
    sheet = _sheet(desk)
    # One task on time, one late: a = b = 1, c = 0.875 → 70 · 2.875 / 3 = 67.08.
    assert sheet.task_points == Decimal("67.08")
    assert (sheet.delays, sheet.pack, sheet.score) == (1, "ND335_2026", None)
    colleague = Sheet.objects.get(person__full_name="Nguyễn Văn An")
    assert colleague.task_points is None  # no assigned work: no task score, not 0
    assert AuditEntry.objects.filter(action="evaluation.period.opened").count() == 1


def test_building_again_creates_nothing_twice(desk: Desk, month: Period) -> None:
    assert periods.build_sheets(month.pk) == 0
    assert Sheet.objects.count() == 2


def test_contract_staff_and_people_who_left_get_no_sheet(
    desk: Desk, django_capture_on_commit_callbacks: Any
) -> None:
    unit = desk.cast.org.division_a1
    PersonFactory(unit=unit, category=Person.Category.CONTRACT)
    PersonFactory(unit=unit, is_active=False)
    with django_capture_on_commit_callbacks(execute=True):
        _open(desk)
    assert Sheet.objects.count() == 2


def test_a_leader_is_flagged_and_scored_with_the_leader_components(
    desk: Desk, django_capture_on_commit_callbacks: Any
) -> None:
    chief = PersonFactory(unit=desk.cast.org.division_a1)
    AssignmentFactory(
        person=chief, unit=chief.unit, post=PostFactory(is_leadership=True),
        start_date=date(2025, 1, 1),
    )  # fmt: skip
    with django_capture_on_commit_callbacks(execute=True):
        _open(desk)
    assert Sheet.objects.get(person=chief).is_leader


def test_the_whole_cycle_to_publication(desk: Desk, month: Period) -> None:
    cast = desk.cast
    sheet = sheets.self_assess(
        actor=cast.actor("staff"), sheet=_sheet(desk), points=FULL,
        comments={"a": "Chấp hành tốt"}, review_text="Hoàn thành", submit=True,
    )  # fmt: skip
    assert (sheet.status, sheet.general_points, sheet.score) == (
        "submitted", Decimal(30), Decimal("97.08"),
    )  # fmt: skip
    lower = {**FULL, "c1": "2"}
    sheet = sheets.review_sheet(
        actor=cast.actor("manager"), sheet=sheet, points=lower,
        reason="Chưa có sáng kiến", proposed_level="HTXSNV",
    )  # fmt: skip
    assert (sheet.general_points, sheet.score) == (Decimal(28), Decimal("95.08"))
    sheet = sheets.decide_sheet(actor=cast.actor("head"), sheet=sheet, level="HTXSNV")
    other = Sheet.objects.exclude(pk=sheet.pk).get()
    with pytest.raises(InvalidInput, match="not decided"):
        periods.publish_period(actor=cast.actor("personnel"), period=month)
    Sheet.objects.filter(pk=other.pk).update(status=Sheet.Status.DECIDED, level="HTNV")
    published = periods.publish_period(actor=cast.actor("personnel"), period=month)
    assert published.status == "published"
    with pytest.raises(InvalidInput, match="locked"):
        sheets.decide_sheet(
            actor=cast.actor("head"), sheet=sheet, level="HTTNV", note="x"
        )
    with pytest.raises(InvalidInput) as error:
        periods.reopen_period(actor=cast.actor("personnel"), period=month, reason=" ")
    assert "reason" in error.value.errors
    periods.reopen_period(actor=cast.actor("personnel"), period=month, reason="Sai sót")
    actions = list(AuditEntry.objects.values_list("action", flat=True))
    for action in ("evaluation.sheet.submitted", "evaluation.sheet.reviewed",
                   "evaluation.sheet.decided", "evaluation.period.published",
                   "evaluation.period.reopened"):  # fmt: skip
        assert action in actions


def test_points_out_of_range_name_the_criterion_and_write_nothing(
    desk: Desk, month: Period
) -> None:
    with pytest.raises(InvalidInput) as error:
        sheets.self_assess(
            actor=desk.cast.actor("staff"), sheet=_sheet(desk),
            points={**FULL, "a1": "4", "b1": "nhiều"}, comments={}, review_text="",
            submit=True,
        )  # fmt: skip
    assert set(error.value.errors) == {"points_a1", "points_b1"}
    unchanged = _sheet(desk)
    assert (unchanged.status, unchanged.self_points) == ("draft", {})


def _submitted(desk: Desk) -> Sheet:
    return sheets.self_assess(
        actor=desk.cast.actor("staff"), sheet=_sheet(desk), points=FULL, comments={},
        review_text="", submit=True,
    )  # fmt: skip


def test_changing_points_in_review_needs_a_reason(desk: Desk, month: Period) -> None:
    sheet = _submitted(desk)
    with pytest.raises(InvalidInput) as error:
        sheets.review_sheet(
            actor=desk.cast.actor("manager"), sheet=sheet, points={**FULL, "a1": "1"},
            reason="", proposed_level="HTTNV",
        )  # fmt: skip
    assert "reason" in error.value.errors


def test_a_decision_needs_a_review_and_a_reason_to_differ(
    desk: Desk, month: Period
) -> None:
    sheet = _submitted(desk)
    head = desk.cast.actor("head")
    with pytest.raises(InvalidInput, match="reviewed before"):
        sheets.decide_sheet(actor=head, sheet=sheet, level="HTTNV")
    sheet = sheets.review_sheet(
        actor=desk.cast.actor("manager"), sheet=sheet, points=FULL, reason="",
        proposed_level="HTXSNV",
    )  # fmt: skip
    with pytest.raises(InvalidInput) as error:
        sheets.decide_sheet(actor=head, sheet=sheet, level="HTTNV")
    assert "note" in error.value.errors


def test_only_the_person_assesses_and_only_managers_review(
    desk: Desk, month: Period
) -> None:
    with pytest.raises(NotAllowed):
        sheets.self_assess(
            actor=desk.cast.actor("manager"), sheet=_sheet(desk), points=FULL,
            comments={}, review_text="", submit=False,
        )  # fmt: skip
    sheet = _submitted(desk)
    for persona in ("staff", "outsider", "personnel"):
        with pytest.raises((NotAllowed, InvalidInput)):
            sheets.review_sheet(
                actor=desk.cast.actor(persona), sheet=sheet, points=FULL, reason="",
                proposed_level="HTTNV",
            )  # fmt: skip


def test_a_stale_version_is_a_conflict(desk: Desk, month: Period) -> None:
    sheet = _sheet(desk)
    sheets.self_assess(
        actor=desk.cast.actor("staff"), sheet=sheet, points=FULL, comments={},
        review_text="", submit=False, version=sheet.version,
    )  # fmt: skip
    with pytest.raises(InvalidInput, match="changed this sheet"):
        sheets.self_assess(
            actor=desk.cast.actor("staff"), sheet=sheet, points=FULL, comments={},
            review_text="", submit=False, version=sheet.version,
        )  # fmt: skip


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"self_deadline": date(2026, 10, 30)}, "self_deadline"),
        ({"review_deadline": date(2026, 12, 1)}, "review_deadline"),
        ({"kind": "week"}, "kind"),
    ],
)
def test_opening_refuses_bad_dates_and_kinds(
    desk: Desk, overrides: dict[str, Any], field: str
) -> None:
    with pytest.raises(InvalidInput) as error:
        _open(desk, **overrides)
    assert field in error.value.errors
    assert not Period.objects.exists()


def test_one_period_of_a_kind_per_unit_and_only_in_scope(
    desk: Desk, month: Period
) -> None:
    with pytest.raises(InvalidInput) as error:
        _open(desk, day=date(2026, 11, 25))
    assert "day" in error.value.errors
    with pytest.raises(NotAllowed):
        _open(desk, actor=desk.cast.actor("outsider"))
    with pytest.raises(NotAllowed):
        _open(desk, actor=desk.cast.actor("head"))


def test_the_head_of_a_unit_is_decided_on_from_above(
    desk: Desk, django_capture_on_commit_callbacks: Any
) -> None:
    from canbo.accounts.tests.factories import RoleGrantFactory, UserFactory
    from canbo.core.actor import actor_for

    division = desk.cast.org.division_a1
    chief = PersonFactory(unit=division, full_name="Trưởng phòng A1")
    AssignmentFactory(
        person=chief, unit=division, post=PostFactory(rank=10, is_leadership=True),
        start_date=date(2025, 1, 1),
    )  # fmt: skip
    with django_capture_on_commit_callbacks(execute=True):
        _open(desk)
    sheet = Sheet.objects.get(person=chief)
    Sheet.objects.filter(pk=sheet.pk).update(status="reviewed", proposed_level="HTTNV")
    # A head whose role is on the division itself may not decide on its head ...
    own_head = UserFactory(username="a1head")
    RoleGrantFactory(user=own_head, role="head", unit=division, include_subtree=False)
    with pytest.raises(InvalidInput, match="unit above"):
        sheets.decide_sheet(actor=actor_for(own_head), sheet=sheet, level="HTTNV")
    # ... the head of department A above it may.
    decided = sheets.decide_sheet(
        actor=desk.cast.actor("head"), sheet=sheet, level="HTTNV"
    )
    assert decided.level == "HTTNV"


def test_a_leaders_review_proposes_the_unit_result_and_organisation(
    desk: Desk, month: Period
) -> None:
    from canbo.evaluation.leaders import leader_defaults

    chief_sheet = Sheet.objects.get(person=desk.worker)
    Sheet.objects.filter(pk=chief_sheet.pk).update(is_leader=True)
    colleague = Sheet.objects.exclude(pk=chief_sheet.pk).get()
    Sheet.objects.filter(pk=colleague.pk).update(score=Decimal("45"))  # KHTNV
    chief_sheet.refresh_from_db()
    defaults = leader_defaults(chief_sheet)
    # A subordinate below 50 points: d = 0.5. Of 4 converted products ordered in
    # the division, 2 were done on time at quality: đ = 0.5.
    assert defaults == {"unit_result": Decimal("0.5"), "organise": Decimal("0.500")}
