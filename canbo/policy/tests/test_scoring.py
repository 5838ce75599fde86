"""Task points by products (Nghị định 335/2025 arts. 14–15), computed by hand."""

from __future__ import annotations

from decimal import Decimal

import pytest

from canbo.policy import NoAssignedWorkError, TaskOutcome, task_points
from canbo.policy.scoring import (
    leader_task_points,
    period_score,
    ratios,
    round_points,
    unit_result,
)

T = TaskOutcome


@pytest.mark.parametrize(
    ("outcomes", "points"),
    [
        # Everything delivered, on time, first time: a = b = c = 1.
        ([T(10, 10)], 70.0),
        # One failed review: b = 0.75 → 70 · 2.75 / 3 = 64.1666…
        ([T(10, 10, failed_reviews=1)], 64.17),
        # One delay: c = 0.75.
        ([T(10, 10, delays=1)], 64.17),
        # Half delivered: a = b = c = 0.5.
        ([T(10, 5)], 35.0),
        # More than ordered counts only up to what was ordered.
        ([T(2, 3)], 70.0),
        # Four failed reviews take all quality points; a fifth takes no more.
        ([T(4, 4, failed_reviews=4)], 46.67),
        ([T(4, 4, failed_reviews=5)], 46.67),
        # Nothing delivered.
        ([T(5, 0, failed_reviews=2, delays=1)], 0.0),
        # Two tasks: a = 8/10, b = (4.5 + 2)/10, c = (6 + 1.5)/10 → 70 · 2.2 / 3.
        ([T(6, 6, failed_reviews=1), T(4, 2, delays=1)], 51.33),
        # A failed review and two delays on one task: 70 · (1 + 0.75 + 0.5) / 3.
        ([T(8, 8, failed_reviews=1, delays=2)], 52.5),
        # Converted quantities with decimals: a = 1, b = 1,
        # c = (1.5 + 0.75 · 2.25) / 3.75 = 0.85 → 70 · 2.85 / 3.
        ([T(1.5, 1.5), T(2.25, 2.25, delays=1)], 66.5),
    ],
)
def test_task_points(outcomes: list[TaskOutcome], points: float) -> None:
    assert task_points(outcomes) == points


@pytest.mark.parametrize("outcomes", [[], [T(0, 0)], [T(0, 3)]])
def test_no_assigned_work_means_no_task_score(outcomes: list[TaskOutcome]) -> None:
    with pytest.raises(NoAssignedWorkError):
        task_points(outcomes)


@pytest.mark.parametrize(
    "bad",
    [{"assigned": -1, "completed": 0}, {"assigned": 1, "completed": -1},
     {"assigned": 1, "completed": 1, "failed_reviews": -1},
     {"assigned": 1, "completed": 1, "delays": -1}],
)  # fmt: skip
def test_an_outcome_cannot_be_negative(bad: dict[str, float]) -> None:
    with pytest.raises(ValueError, match="negative"):
        TaskOutcome(**bad)  # type: ignore[arg-type]


def test_the_ratios_are_those_of_article_14() -> None:
    r = ratios([T(6, 6, failed_reviews=1), T(4, 2, delays=1)])
    assert (r.quantity, r.quality, r.progress) == (
        Decimal("0.8"), Decimal("0.65"), Decimal("0.75"),
    )  # fmt: skip


@pytest.mark.parametrize(
    ("value", "rounded"),
    [("89.995", 90.0), ("64.165", 64.17), ("64.164", 64.16), ("0.005", 0.01)],
)
def test_points_round_half_up(value: str, rounded: float) -> None:
    assert round_points(Decimal(value)) == rounded


@pytest.mark.parametrize(
    ("subordinates", "d", "points"),
    [
        # Every subordinate at HTNV or above: d = 1 → 70 · 6 / 6.
        ([True, True], 1.0, 70.0),
        # One subordinate KHTNV: d = 0.5 → 70 · 5.5 / 6 = 64.1666…
        ([True, False], 0.5, 64.17),
    ],
)
def test_leaders_add_unit_result_organisation_and_unity(
    subordinates: list[bool], d: float, points: float
) -> None:
    assert unit_result(subordinates) == d
    assert leader_task_points([T(3, 3)], unit_result=d, organise=1, unite=1) == points


def test_a_leaders_weaker_own_work_and_unity_lower_the_points() -> None:
    # a = b = c = 0.5, d = 1, đ = 0.8, e = 0.6 → 70 · 3.9 / 6 = 45.5
    points = leader_task_points([T(4, 2)], unit_result=1, organise=0.8, unite=0.6)
    assert points == 45.5


def test_leader_components_are_fractions() -> None:
    with pytest.raises(ValueError, match="unite"):
        leader_task_points([T(1, 1)], unit_result=1, organise=1, unite=1.5)


@pytest.mark.parametrize(
    ("general", "task", "score"),
    [(30, 70, 100.0), (25.5, 64.17, 89.67), (0, 0, 0.0), (27.25, 62.745, 90.0)],
)
def test_the_period_score_adds_general_and_task_points(
    general: float, task: float, score: float
) -> None:
    assert period_score(general, task) == score


@pytest.mark.parametrize(("general", "task"), [(31, 50), (-1, 50), (20, 70.5)])
def test_the_period_score_refuses_points_out_of_range(
    general: float, task: float
) -> None:
    with pytest.raises(ValueError, match="points must be between"):
        period_score(general, task)
