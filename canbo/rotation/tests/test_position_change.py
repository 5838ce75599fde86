"""One position change from the due list to the new assignment, and its refusals."""

from __future__ import annotations

from datetime import date

import pytest

from canbo.core.errors import InvalidInput
from canbo.core.models import AuditEntry
from canbo.org.tests.factories import JobPositionFactory
from canbo.people.models import Assignment
from canbo.people.tests.factories import PersonFactory
from canbo.rotation import selectors, services
from canbo.rotation.models import PositionChange, RotationPlan
from canbo.rotation.tests.factories import CircumstanceFactory, due_assignment
from canbo.tests.fixtures import Cast

pytestmark = pytest.mark.django_db
TODAY = date(2026, 11, 1)


def _plan(cast: Cast) -> RotationPlan:
    return services.create_plan(
        actor=cast.actor("personnel"), unit=cast.org.dept_a, year=2026,
        purpose="Phòng ngừa tham nhũng",
    )  # fmt: skip


def test_a_published_change_ends_the_old_assignment_and_creates_the_new(
    cast: Cast,
) -> None:
    actor = cast.actor("personnel")
    old = due_assignment(cast.org.person_a1)
    target = JobPositionFactory(name="Chuyên viên tổng hợp")
    plan = _plan(cast)
    change = services.add_to_plan(
        actor=actor, plan=plan, assignment=old, target_unit=cast.org.division_a1,
        target_job_position=target, planned_date=date(2026, 12, 1),
    )  # fmt: skip
    services.publish_plan(actor=actor, plan=plan, today=TODAY)

    new = services.execute_change(
        actor=actor, change=change, on=date(2026, 12, 1), decision_ref="45/QĐ-SNV"
    )

    old.refresh_from_db()
    change.refresh_from_db()
    assert old.end_date == date(2026, 11, 30)
    assert (new.job_position, new.start_date, new.end_date) == (
        target,
        date(2026, 12, 1),
        None,
    )
    assert change.status == PositionChange.Status.DONE
    assert change.new_assignment == new
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {
        "rotation.change.executed",
        "people.assignment.created",
        "rotation.plan.published",
    } <= actions


def test_someone_retiring_within_18_months_is_refused_with_the_reason(
    cast: Cast,
) -> None:
    person = PersonFactory(unit=cast.org.division_a1, birth_date=date(1965, 3, 10))
    plan = _plan(cast)
    with pytest.raises(InvalidInput) as refused:
        services.add_to_plan(
            actor=cast.actor("personnel"), plan=plan, assignment=due_assignment(person),
            target_unit=cast.org.division_a1, target_job_position=JobPositionFactory(),
            planned_date=date(2026, 12, 1),
        )  # fmt: skip
    assert "18" in refused.value.errors["assignment"][0]
    assert "39.2" in refused.value.errors["assignment"][0]
    assert not PositionChange.objects.exists()


def test_a_postponed_person_is_flagged_in_the_plan_and_not_changed(cast: Cast) -> None:
    actor = cast.actor("personnel")
    person = PersonFactory(unit=cast.org.division_a1, sex="F")
    CircumstanceFactory(person=person, kind="child", start=date(2025, 2, 1))
    plan = _plan(cast)
    change = services.add_to_plan(
        actor=actor, plan=plan, assignment=due_assignment(person), target_unit=cast.org.division_a1,
        target_job_position=JobPositionFactory(), planned_date=date(2026, 12, 1),
    )  # fmt: skip
    assert change.flags == ["child"]
    services.publish_plan(actor=actor, plan=plan, today=TODAY)
    with pytest.raises(InvalidInput) as refused:
        services.execute_change(actor=actor, change=change, on=date(2026, 12, 1))
    assert "36" in refused.value.errors["on"][0]
    assert Assignment.objects.filter(person=person).count() == 1


def test_a_published_plan_takes_no_more_people(cast: Cast) -> None:
    actor = cast.actor("personnel")
    plan = _plan(cast)
    services.add_to_plan(
        actor=actor, plan=plan, assignment=due_assignment(cast.org.person_a1),
        target_unit=cast.org.division_a1, target_job_position=JobPositionFactory(),
        planned_date=date(2026, 12, 1),
    )  # fmt: skip
    services.publish_plan(actor=actor, plan=plan, today=TODAY)
    other = PersonFactory(unit=cast.org.division_a1)
    with pytest.raises(InvalidInput, match="published"):
        services.add_to_plan(
            actor=actor, plan=plan, assignment=due_assignment(other),
            target_unit=cast.org.division_a1, target_job_position=JobPositionFactory(),
            planned_date=date(2026, 12, 1),
        )  # fmt: skip
    assert plan.items.count() == 1


def test_an_empty_plan_is_not_published(cast: Cast) -> None:
    plan = _plan(cast)
    with pytest.raises(InvalidInput):
        services.publish_plan(actor=cast.actor("personnel"), plan=plan, today=TODAY)
    plan.refresh_from_db()
    assert plan.status == RotationPlan.Status.DRAFT


def test_the_due_list_shows_due_people_in_order_with_their_reasons(cast: Cast) -> None:
    first = due_assignment(
        cast.org.person_a1, start=date(2021, 6, 1), months=60
    )  # due 2026-06-01
    later = PersonFactory(unit=cast.org.division_a1, sex="F")
    second = due_assignment(later, start=date(2024, 3, 1), months=36)  # due 2027-03-01
    CircumstanceFactory(
        person=later, kind="study", start=date(2026, 9, 1), end=date(2027, 8, 31)
    )
    not_yet = due_assignment(
        PersonFactory(unit=cast.org.division_a1), start=date(2025, 1, 1)
    )
    outside = due_assignment(cast.org.person_b1, start=date(2020, 1, 1))

    rows = selectors.due_list(
        cast.actor("personnel"), selectors.DueFilter(), today=TODAY
    )
    assert list(rows) == [first, second]
    page = selectors.due_rows(list(rows), today=TODAY)
    assert [r.status for r in page] == ["due", "upcoming"]
    assert [c.code for c in page[1].checks] == ["study"]
    assert not_yet not in rows
    assert outside not in rows


def test_the_period_is_set_by_the_administrator_within_two_to_five_years(
    cast: Cast,
) -> None:
    position = JobPositionFactory()
    with pytest.raises(InvalidInput) as refused:
        services.set_rotation_period(
            actor=cast.actor("admin"), job_position=position, months=12, basis="TT"
        )
    assert "rotation_months" in refused.value.errors
    services.set_rotation_period(
        actor=cast.actor("admin"), job_position=position, months=36, basis="TT 03/2021"
    )
    position.refresh_from_db()
    assert position.rotation_months == 36
