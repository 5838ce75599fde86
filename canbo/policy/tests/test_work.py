from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest

from canbo.policy.work import (
    Escalation,
    EscalationPolicy,
    PeriodFigures,
    escalation,
    evidence_problems,
    extension_problems,
    is_late,
    review_problems,
    task_problems,
)

DEADLINE_END = datetime(2026, 11, 20, 23, 59, 59, tzinfo=UTC)
POLICY = EscalationPolicy(remind_hours_before=24, red_after_overdue_hours=48)


@pytest.mark.parametrize(
    ("assigned_on", "deadline", "quantity", "problems"),
    [
        (date(2026, 11, 2), date(2026, 11, 20), Decimal(3), ()),
        (date(2026, 11, 2), date(2026, 11, 2), Decimal("0.5"), ()),
        (
            date(2026, 11, 2),
            date(2026, 11, 1),
            Decimal(3),
            ("deadline_before_assignment",),
        ),
        (date(2026, 11, 2), date(2026, 11, 20), Decimal(0), ("quantity_not_positive",)),
        (
            date(2026, 11, 2),
            date(2026, 11, 20),
            Decimal(-1),
            ("quantity_not_positive",),
        ),
    ],
)
def test_task_problems(
    assigned_on: date, deadline: date, quantity: Decimal, problems: tuple[str, ...]
) -> None:
    assert (
        task_problems(assigned_on=assigned_on, deadline=deadline, quantity=quantity)
        == problems
    )


@pytest.mark.parametrize(
    ("requested_at", "new_deadline", "problems"),
    [
        (datetime(2026, 11, 19, 9, tzinfo=UTC), date(2026, 11, 27), ()),
        (DEADLINE_END, date(2026, 11, 21), ()),  # the last second still counts
        (
            datetime(2026, 11, 21, 0, 0, 1, tzinfo=UTC),
            date(2026, 11, 27),
            ("deadline_passed",),
        ),
        (datetime(2026, 11, 19, 9, tzinfo=UTC), date(2026, 11, 20), ("not_later",)),
        (
            datetime(2026, 11, 22, tzinfo=UTC),
            date(2026, 11, 19),
            ("deadline_passed", "not_later"),
        ),
    ],
)
def test_extension_problems(
    requested_at: datetime, new_deadline: date, problems: tuple[str, ...]
) -> None:
    assert (
        extension_problems(
            requested_at=requested_at,
            deadline_end=DEADLINE_END,
            new_deadline=new_deadline,
        )
        == problems
    )


def test_nobody_reviews_their_own_task() -> None:
    assert review_problems(reviewer_person_id=7, assignee_person_id=7) == ("own_task",)
    assert review_problems(reviewer_person_id=7, assignee_person_id=8) == ()
    assert review_problems(reviewer_person_id=None, assignee_person_id=None) == ()


@pytest.mark.parametrize(
    ("completed_on", "deadline", "late"),
    [
        (date(2026, 11, 20), date(2026, 11, 20), False),
        (date(2026, 11, 21), date(2026, 11, 20), True),
    ],
)
def test_is_late(completed_on: date, deadline: date, late: bool) -> None:
    assert is_late(completed_on=completed_on, deadline=deadline) is late


@pytest.mark.parametrize(
    ("now", "done", "colour"),
    [
        (DEADLINE_END - timedelta(hours=30), False, Escalation.NONE),
        (DEADLINE_END - timedelta(hours=24), False, Escalation.GREEN),
        (DEADLINE_END - timedelta(minutes=1), False, Escalation.GREEN),
        (DEADLINE_END + timedelta(minutes=1), False, Escalation.YELLOW),
        (DEADLINE_END + timedelta(hours=48), False, Escalation.YELLOW),
        (DEADLINE_END + timedelta(hours=48, seconds=1), False, Escalation.RED),
        (DEADLINE_END + timedelta(days=9), True, Escalation.NONE),
    ],
)
def test_escalation_colours(now: datetime, done: bool, colour: Escalation) -> None:
    assert (
        escalation(deadline_end=DEADLINE_END, now=now, done=done, policy=POLICY)
        == colour
    )


def test_escalation_hours_are_settings() -> None:
    strict = EscalationPolicy(remind_hours_before=72, red_after_overdue_hours=4)
    assert (
        escalation(
            deadline_end=DEADLINE_END,
            now=DEADLINE_END - timedelta(hours=60),
            done=False,
            policy=strict,
        )
        == Escalation.GREEN
    )
    assert (
        escalation(
            deadline_end=DEADLINE_END,
            now=DEADLINE_END + timedelta(hours=5),
            done=False,
            policy=strict,
        )
        == Escalation.RED
    )


def test_rates_are_fractions_of_the_assigned_quantity() -> None:
    figures = PeriodFigures(
        assigned=Decimal(8),
        completed=Decimal(6),
        completed_quality=Decimal(4),
        completed_on_time=Decimal(2),
    )
    assert figures.rates() == (Decimal("0.75"), Decimal("0.5"), Decimal("0.25"))
    assert PeriodFigures().rates() == (Decimal(0), Decimal(0), Decimal(0))


@pytest.mark.parametrize(
    ("name", "size", "problems"),
    [
        ("bao-cao.pdf", 1000, ()),
        ("BAO-CAO.PDF", 1000, ()),
        ("bao-cao.pdf", 2001, ("too_large",)),
        ("virus.exe", 10, ("type_refused",)),
        ("khong-duoi", 10, ("type_refused",)),
        ("to.exe", 5000, ("too_large", "type_refused")),
    ],
)
def test_evidence_problems(name: str, size: int, problems: tuple[str, ...]) -> None:
    assert (
        evidence_problems(
            name=name, size=size, max_bytes=2000, extensions=("pdf", "docx")
        )
        == problems
    )
