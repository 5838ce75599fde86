"""Dashboard arithmetic (canbo.policy.insight), by hand."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from canbo.policy.insight import (
    AGE_GROUPS,
    Holder,
    TaskFigures,
    age_group,
    age_on,
    born_after,
    group_label,
    kpi,
    percent,
    quota_check,
    rank,
)


@pytest.mark.parametrize(
    ("part", "whole", "expected"),
    [(0, 0, 0), (5, 0, 0), (0, 10, 0), (1, 3, 33), (2, 3, 66), (3, 3, 100), (1, 8, 12)],
)
def test_percent_is_rounded_down(part: int, whole: int, expected: int) -> None:
    assert percent(part, whole) == expected


@pytest.mark.parametrize(
    ("excellent", "good", "raised", "cap", "excess"),
    [
        (0, 0, False, 0, 0),
        (1, 4, False, 0, 1),  # fewer than five "good": no "excellent"
        (1, 5, False, 1, 0),
        (2, 9, False, 1, 1),
        (2, 10, False, 2, 0),
        (3, 10, False, 2, 1),
        (1, 4, True, 1, 0),  # 25 % of 4
        (2, 7, True, 1, 1),
    ],
)
def test_quota_check(
    excellent: int, good: int, raised: bool, cap: int, excess: int
) -> None:
    check = quota_check(excellent, good, raised=raised)
    assert (check.cap, check.excess) == (cap, excess)


@pytest.mark.parametrize(
    ("completed", "assigned", "expected"),
    [
        (None, None, None),
        (5, 0, None),
        (0, 10, 0),
        (Decimal("9.99"), 10, 99),
        (10, 10, 100),
        (Decimal("12.5"), 10, 125),
    ],
)
def test_kpi(
    completed: Decimal | None, assigned: int | None, expected: int | None
) -> None:
    assert kpi(completed, assigned) == expected


@pytest.mark.parametrize(
    ("birth", "day", "age"),
    [
        (date(1990, 5, 10), date(2025, 5, 9), 34),
        (date(1990, 5, 10), date(2025, 5, 10), 35),
        (date(2000, 2, 29), date(2025, 2, 28), 24),
        (date(2000, 2, 29), date(2025, 3, 1), 25),
    ],
)
def test_age_on(birth: date, day: date, age: int) -> None:
    assert age_on(birth, day) == age


@pytest.mark.parametrize(
    ("age", "label"),
    [(18, "<30"), (29, "<30"), (30, "30–34"), (34, "30–34"), (59, "55–59"),
     (60, "60+"), (70, "60+")],
)  # fmt: skip
def test_age_groups(age: int, label: str) -> None:
    assert group_label(age_group(age)) == label


def test_every_age_group_has_a_label() -> None:
    assert len({group_label(i) for i in range(len(AGE_GROUPS))}) == len(AGE_GROUPS)


@pytest.mark.parametrize(
    ("birth", "day", "age"),
    [
        (date(1995, 6, 1), date(2025, 6, 1), 30),
        (date(1995, 6, 2), date(2025, 6, 1), 29),
    ],
)
def test_born_after_agrees_with_age_on(birth: date, day: date, age: int) -> None:
    cutoff = born_after(day, 30)
    assert (birth > cutoff) == (age_on(birth, day) < 30)
    assert age_on(birth, day) == age


def test_born_after_on_29_february() -> None:
    assert born_after(date(2024, 2, 29), 1) == date(2023, 2, 28)


@pytest.mark.parametrize(
    ("figures", "completion", "late", "overdue"),
    [
        (TaskFigures(0, 0, 0, 0), 0, 0, 0),
        (TaskFigures(10, 8, 2, 1), 80, 25, 10),
        (TaskFigures(3, 3, 0, 0), 100, 0, 0),
    ],
)
def test_task_shares(
    figures: TaskFigures, completion: int, late: int, overdue: int
) -> None:
    assert (figures.completion, figures.late_share, figures.overdue_share) == (
        completion,
        late,
        overdue,
    )


def test_rank_by_score_then_kpi_with_shared_ranks() -> None:
    holders = [
        Holder(1, Decimal("85"), 90),
        Holder(2, Decimal("92"), 80),
        Holder(3, Decimal("85"), 95),
        Holder(4, Decimal("85"), 90),
        Holder(5, None, 100),
        Holder(6, Decimal("70"), None),
    ]
    assert rank(holders) == {2: 1, 3: 2, 1: 3, 4: 3, 6: 5, 5: None}


def test_rank_of_nobody() -> None:
    assert rank([]) == {}
