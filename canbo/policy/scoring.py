"""The task points of a period, from the products of each task (KPI by products).

Source: Nghị định 335/2025/NĐ-CP art. 14 (non-leaders) and art. 15 (leaders), as
summarised in rules.md EVAL-01, EVAL-04 to EVAL-06. For each task i of a person in
the period, with converted quantity assigned w_i, converted quantity completed d_i
(counted up to w_i), failed quality reviews f_i and delays l_i not excused:

    quantity  a = Σ d_i / Σ w_i
    quality   b = Σ d_i · max(0, 1 − 0.25·f_i) / Σ w_i
    progress  c = Σ d_i · max(0, 1 − 0.25·l_i) / Σ w_i
    task points = 70 · (a + b + c) / 3
    leaders:      70 · (a + b + c + d + đ + e) / 6

with d the unit result, đ the capacity to organise and e the capacity to unite,
each between 0 and 1. How a, b and c combine into the 70 points is published
only as an image (rules.md EVAL-05, UNVERIFIED); the mean above is the pack
default, like the 25 % deduction per failed review or delay.
Points are rounded half-up to two decimals.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

TASK_POINTS = Decimal(70)
DEDUCTION = Decimal("0.25")  # of a product's quality or progress points, per event
CENT = Decimal("0.01")


class NoAssignedWorkError(ValueError):
    """The period has no assigned work, so it has no task score (not zero)."""


@dataclass(frozen=True)
class TaskOutcome:
    """What one task asked for and what came of it, in converted products."""

    assigned: float
    completed: float
    failed_reviews: int = 0
    delays: int = 0

    def __post_init__(self) -> None:
        if self.assigned < 0 or self.completed < 0:
            raise ValueError("assigned and completed cannot be negative")
        if self.failed_reviews < 0 or self.delays < 0:
            raise ValueError("failed reviews and delays cannot be negative")


@dataclass(frozen=True)
class Ratios:
    """Quantity a, quality b and progress c, each between 0 and 1."""

    quantity: Decimal
    quality: Decimal
    progress: Decimal


def _dec(value: float | int | Decimal) -> Decimal:
    return value if isinstance(value, Decimal) else Decimal(str(value))


def _kept(events: int, deduction: Decimal) -> Decimal:
    return max(Decimal(0), 1 - deduction * events)


@dataclass(frozen=True)
class OutcomeSums:
    """Σ w_i, Σ d_i, Σ d_i·(1 − 0.25·f_i)⁺ and Σ d_i·(1 − 0.25·l_i)⁺ of a period;
    the database computes the same sums in one query for everyone."""

    assigned: Decimal
    completed: Decimal
    quality: Decimal
    progress: Decimal


def sums_of(
    outcomes: Iterable[TaskOutcome], *, deduction: Decimal = DEDUCTION
) -> OutcomeSums:
    """Add up the outcomes, counting each completed quantity up to its order."""
    assigned = quantity = quality = progress = Decimal(0)
    for outcome in outcomes:
        w = _dec(outcome.assigned)
        d = min(_dec(outcome.completed), w)
        assigned += w
        quantity += d
        quality += d * _kept(outcome.failed_reviews, deduction)
        progress += d * _kept(outcome.delays, deduction)
    return OutcomeSums(assigned, quantity, quality, progress)


def ratios_of(sums: OutcomeSums) -> Ratios:
    """Return a, b and c (art. 14); NoAssignedWorkError if Σ w_i = 0."""
    if sums.assigned <= 0:
        raise NoAssignedWorkError("no work was assigned in the period")
    return Ratios(
        sums.completed / sums.assigned,
        sums.quality / sums.assigned,
        sums.progress / sums.assigned,
    )


def ratios(
    outcomes: Iterable[TaskOutcome], *, deduction: Decimal = DEDUCTION
) -> Ratios:
    """Return a, b and c of the outcomes (art. 14); NoAssignedWorkError if Σ w_i = 0."""
    return ratios_of(sums_of(outcomes, deduction=deduction))


def round_points(value: Decimal) -> float:
    """Round half-up to two decimals (89.995 → 90.0)."""
    return float(value.quantize(CENT, rounding=ROUND_HALF_UP))


def task_points(
    outcomes: Iterable[TaskOutcome], *, deduction: Decimal = DEDUCTION
) -> float:
    """Return the task points of a non-leader, 0–70: 70 · (a + b + c) / 3.

    Raises NoAssignedWorkError when nothing was assigned: such a period has no task
    score at all, which is not the same as a score of zero.
    """
    return points_of(sums_of(outcomes, deduction=deduction))


def points_of(sums: OutcomeSums) -> float:
    """Task points of a non-leader from the period's sums (see `task_points`)."""
    r = ratios_of(sums)
    return round_points(TASK_POINTS * (r.quantity + r.quality + r.progress) / 3)


def _fraction(name: str, value: float) -> Decimal:
    number = _dec(value)
    if not 0 <= number <= 1:
        raise ValueError(f"{name} must be between 0 and 1")
    return number


def leader_task_points(
    outcomes: Iterable[TaskOutcome],
    *,
    unit_result: float,
    organise: float,
    unite: float,
    deduction: Decimal = DEDUCTION,
) -> float:
    """Return the task points of a leader or deputy, 0–70 (art. 15):
    70 · (a + b + c + d + đ + e) / 6, with d = `unit_result` (see
    `unit_result`), đ = `organise` and e = `unite`, each between 0 and 1."""
    return leader_points_of(
        sums_of(outcomes, deduction=deduction),
        unit_result=unit_result,
        organise=organise,
        unite=unite,
    )


def leader_points_of(
    sums: OutcomeSums, *, unit_result: float, organise: float, unite: float
) -> float:
    """Task points of a leader from the period's sums (see `leader_task_points`)."""
    r = ratios_of(sums)
    extra = (
        _fraction("unit_result", unit_result)
        + _fraction("organise", organise)
        + _fraction("unite", unite)
    )
    total = r.quantity + r.quality + r.progress + extra
    return round_points(TASK_POINTS * total / 6)


def unit_result(subordinates_completed: Iterable[bool]) -> float:
    """The unit-result component d of a leader (art. 15, EVAL-06): 1.0 when every
    subordinate is rated "Hoàn thành nhiệm vụ" or above, 0.5 otherwise."""
    return 1.0 if all(subordinates_completed) else 0.5


def period_score(general: float, task: float) -> float:
    """General points (0–30) plus task points (0–70), rounded half-up (EVAL-01)."""
    general_points, task_part = _dec(general), _dec(task)
    if not 0 <= general_points <= 30:
        raise ValueError("general points must be between 0 and 30")
    if not 0 <= task_part <= TASK_POINTS:
        raise ValueError("task points must be between 0 and 70")
    return round_points(general_points + task_part)
