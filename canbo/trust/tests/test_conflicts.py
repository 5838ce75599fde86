"""Relatives' conflicts (Luật PCTN 36/2018 art. 20.3): refused assignments, the
head's set-aside, the report."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest
import time_machine

from canbo.core.errors import InvalidInput
from canbo.core.models import AuditEntry
from canbo.org.models import JobPosition, Post
from canbo.org.tests.factories import JobPositionFactory, PostFactory
from canbo.people import services as people
from canbo.people.models import Assignment, Person, Relative
from canbo.people.tests.factories import AssignmentFactory, PersonFactory
from canbo.tests.fixtures import Cast
from canbo.trust import conflicts
from canbo.trust.models import ConflictWaiver


@pytest.fixture(autouse=True)
def english(settings: Any) -> Iterator[None]:
    settings.LANGUAGE_CODE = "en"
    with time_machine.travel("2026-11-10 10:00 +07:00", tick=False):
        yield


@pytest.fixture
def head_post(db: None) -> Post:
    return PostFactory(name="Trưởng phòng", unit_role="head", rank=20)


@pytest.fixture
def cashier(db: None) -> JobPosition:
    return JobPositionFactory(name="Thủ quỹ", conflict_role="cashier")


def _spouse(cast: Cast, relation: str = "spouse") -> Person:
    """The colleague An declares a relative who has a staff record in A1."""
    relative = PersonFactory(full_name="Trần Thị Hoa", unit=cast.org.division_a1)
    people.add_relative(
        actor=cast.actor("personnel"), person=cast.org.person_a1,
        relation=relation, full_name="Trần Thị Hoa", citizen_id=relative.citizen_id,
    )  # fmt: skip
    return relative


def test_a_declared_relative_is_linked_to_their_staff_record(cast: Cast) -> None:
    relative = _spouse(cast)
    assert Relative.objects.get().staff_record == relative


def test_a_relative_as_cashier_under_the_head_is_refused_with_the_article(
    cast: Cast, head_post: Post, cashier: JobPosition
) -> None:
    AssignmentFactory(person=cast.org.person_a1, post=head_post)
    relative = _spouse(cast)
    with pytest.raises(InvalidInput) as refused:
        people.create_assignment(
            actor=cast.actor("personnel"), person=relative, unit=cast.org.division_a1,
            job_position=cashier, start_date=date(2026, 11, 1),
        )  # fmt: skip
    message = refused.value.errors["job_position"][0]
    assert "Luật PCTN 36/2018 art. 20.3" in message
    assert "Trần Thị Hoa" in message
    assert "Thủ quỹ" in message
    assert not Assignment.objects.filter(person=relative).exists()


def test_a_leader_post_over_a_relative_in_accounting_is_refused(
    cast: Cast, head_post: Post
) -> None:
    relative = _spouse(cast, "sibling")
    accountant = PostFactory(name="Kế toán trưởng", conflict_role="accounting")
    AssignmentFactory(person=relative, post=accountant)
    with pytest.raises(InvalidInput) as refused:
        people.create_assignment(
            actor=cast.actor("personnel"), person=cast.org.person_a1,
            unit=cast.org.division_a1, post=head_post, start_date=date(2026, 11, 1),
        )  # fmt: skip
    assert "Kế toán trưởng" in refused.value.errors["post"][0]


@pytest.mark.parametrize(
    "case", ["in-law", "other unit", "not a leader", "ended", "history"]
)
def test_no_conflict_outside_the_rule(
    cast: Cast, head_post: Post, cashier: JobPosition, case: str
) -> None:
    relative = _spouse(cast, "sibling_in_law" if case == "in-law" else "spouse")
    post = (
        PostFactory(name="Chuyên viên", unit_role="other")
        if case == "not a leader"
        else head_post
    )
    unit = cast.org.dept_a if case == "other unit" else cast.org.division_a1
    end = date(2025, 1, 1) if case == "ended" else None
    AssignmentFactory(person=cast.org.person_a1, post=post, unit=unit, end_date=end)
    start, until = (
        (date(2020, 1, 1), date(2020, 12, 31))
        if case == "history"
        else (date(2026, 11, 1), None)
    )
    people.create_assignment(
        actor=cast.actor("personnel"), person=relative, unit=cast.org.division_a1,
        job_position=cashier, start_date=start, end_date=until,
    )  # fmt: skip


def test_a_head_sets_the_rule_aside_with_reasons_and_it_is_audited(
    cast: Cast, head_post: Post, cashier: JobPosition
) -> None:
    AssignmentFactory(person=cast.org.person_a1, post=head_post)
    relative = _spouse(cast)
    with pytest.raises(InvalidInput) as short:
        conflicts.waive_conflict(
            actor=cast.actor("head"), unit=cast.org.division_a1,
            leader=cast.org.person_a1, relative=relative, justification="vì cần",
        )  # fmt: skip
    assert "justification" in short.value.errors
    conflicts.waive_conflict(
        actor=cast.actor("head"), unit=cast.org.division_a1,
        leader=cast.org.person_a1, relative=relative,
        justification="Đơn vị chỉ có một người có chứng chỉ kế toán, tạm thời bố trí.",
    )  # fmt: skip
    people.create_assignment(
        actor=cast.actor("personnel"), person=relative, unit=cast.org.division_a1,
        job_position=cashier, start_date=date(2026, 11, 1),
    )  # fmt: skip
    entry = AuditEntry.objects.get(action="trust.conflict.overridden")
    assert "chứng chỉ" in entry.data["justification"]


def test_personnel_cannot_override_on_their_own(
    cast: Cast, head_post: Post, cashier: JobPosition
) -> None:
    AssignmentFactory(person=cast.org.person_a1, post=head_post)
    relative = _spouse(cast)
    with pytest.raises(InvalidInput) as refused:
        people.create_assignment(
            actor=cast.actor("personnel"), person=relative, unit=cast.org.division_a1,
            job_position=cashier, start_date=date(2026, 11, 1),
            conflict_override="Tôi tự quyết định việc này vì thiếu người.",
        )  # fmt: skip
    assert "conflict_override" in refused.value.errors
    assert not ConflictWaiver.objects.exists()


def test_the_report_lists_existing_cases_in_scope(
    cast: Cast, head_post: Post, cashier: JobPosition
) -> None:
    AssignmentFactory(person=cast.org.person_a1, post=head_post)
    relative = _spouse(cast)
    AssignmentFactory(person=relative, job_position=cashier)
    page = cast.client("head").get("/trust/conflicts/").content.decode()
    assert page.count("data-case=") == 1
    assert "Trần Thị Hoa" in page
    assert "Thủ quỹ" in page
    assert "set aside" in page
    outsider = cast.client("outsider").get("/trust/conflicts/").content.decode()
    assert "data-case=" not in outsider
    waive = cast.client("head").post(
        "/trust/conflicts/waive/",
        {"unit": "SNV-TCBC", "leader": cast.org.person_a1.citizen_id,
         "relative": relative.citizen_id,
         "justification": "Chưa có người thay thế, bố trí trong 6 tháng."},
    )  # fmt: skip
    assert waive.status_code == 302
    again = cast.client("personnel").get("/trust/conflicts/").content.decode()
    assert "set aside by a head" in again


def test_a_pair_who_declared_each_other_is_listed_once(
    cast: Cast, head_post: Post, cashier: JobPosition
) -> None:
    AssignmentFactory(person=cast.org.person_a1, post=head_post)
    relative = _spouse(cast)
    people.add_relative(
        actor=cast.actor("personnel"), person=relative, relation="spouse",
        full_name=cast.org.person_a1.full_name,
        citizen_id=cast.org.person_a1.citizen_id,
    )  # fmt: skip
    AssignmentFactory(person=relative, job_position=cashier)
    page = cast.client("personnel").get("/trust/conflicts/").content.decode()
    assert page.count("data-case=") == 1
