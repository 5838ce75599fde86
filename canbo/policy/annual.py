"""The year: annual score, who is classified, disqualifiers, and unit ratings.

Sources (rules.md): EVAL-03 disqualifiers (Decree 335 art. 20.4; Decree 233 art.
12.4); EVAL-07 and PER-03, the annual score as the mean of the period scores and
fewer than 6 months worked → not classified (Decree 335 art. 21; Decree 233 arts.
12.5, 14 and 15.1); unit ratings with their task conditions (Decree 233 art. 7),
score band first and a flag for a manual decision when a condition fails (art.
7.5, rules.md §13.2); at most one excellent unit among fewer than five (art. 7.7).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from canbo.policy.levels import Level, classify
from canbo.policy.scoring import round_points

# Discipline forms from the lightest; reprimand (khiển trách) or above disqualifies.
DISCIPLINE_ORDER = ("khien_trach", "canh_cao", "ha_bac_luong", "giang_chuc",
                    "cach_chuc", "buoc_thoi_viec")  # fmt: skip


class Disqualifier(StrEnum):
    DISCIPLINE = "discipline"  # khiển trách or above in the year, duty-related
    DEGRADATION = "degradation"  # a conclusion of degradation or of a breach
    CORRUPTION_IN_UNIT = "corruption_in_unit"  # leaders: in a unit they manage


def annual_score(period_scores: Sequence[float]) -> float | None:
    """The simple mean of the period scores actually worked, half-up to two
    decimals; None when there is none."""
    if not period_scores:
        return None
    total = sum((Decimal(str(s)) for s in period_scores), Decimal(0))
    return round_points(total / len(period_scores))


def disqualifiers(
    *,
    discipline_forms: Sequence[str] = (),
    degradation_concluded: bool = False,
    is_leader: bool = False,
    corruption_in_managed_unit: bool = False,
) -> tuple[Disqualifier, ...]:
    """Return the EVAL-03 disqualifiers that apply in the year.

    `discipline_forms`: the forms of the duty-related discipline decided in the
    evaluation year (canbo's codes, DISCIPLINE_ORDER).
    """
    found: list[Disqualifier] = []
    if degradation_concluded:
        found.append(Disqualifier.DEGRADATION)
    if any(form in DISCIPLINE_ORDER for form in discipline_forms):
        found.append(Disqualifier.DISCIPLINE)
    if is_leader and corruption_in_managed_unit:
        found.append(Disqualifier.CORRUPTION_IN_UNIT)
    return tuple(found)


@dataclass(frozen=True)
class YearResult:
    """A person's year: the score, the level (None: not classified) and why."""

    score: float | None
    level: Level | None
    reasons: tuple[str, ...]


def year_result(
    period_scores: Sequence[float],
    *,
    months_worked: int,
    min_months: int = 6,
    found: Sequence[Disqualifier] = (),
) -> YearResult:
    """Classify a year before quotas and the head cap (rules.md §13 order):
    too little time worked first, then disqualifiers, then the score band."""
    score = annual_score(period_scores)
    if months_worked < min_months:
        return YearResult(score, None, ("worked_less_than_min_months",))
    if score is None:
        return YearResult(None, None, ("no_period_scores",))
    level = classify(score, disqualified=bool(found))
    return YearResult(score, level, tuple(str(d) for d in found))


@dataclass(frozen=True)
class UnitFacts:
    """What Decree 233 art. 7 asks of a unit's year, as shares between 0 and 1."""

    done: float  # tasks of the plan completed
    on_time: float  # tasks completed on time, at quality
    beyond: float  # tasks exceeding the requirement
    late: float  # tasks completed late
    subunit_failed: bool = False  # a sub-unit rated KHTNV
    wrongdoing: bool = False  # a conclusion of wrongdoing in personnel work, etc.


def _meets(level: Level, facts: UnitFacts) -> bool:
    if level == Level.HTXSNV:
        return facts.on_time >= 1 and facts.beyond >= 0.3 and not facts.subunit_failed
    if level == Level.HTTNV:
        return facts.on_time >= 1
    if level == Level.HTNV:
        return facts.done >= 1 and facts.late <= 0.2
    return True


def unit_level(score: float, facts: UnitFacts) -> tuple[Level, bool]:
    """Return a unit's level by its score band and whether its conditions fail,
    so that the competent level decides by hand (art. 7.5).

    Completing less than 70 % of the plan, or a conclusion of wrongdoing, makes
    the unit KHTNV whatever the score (art. 7.4).
    """
    if facts.done < 0.7 or facts.wrongdoing:
        return Level.KHTNV, False
    level = classify(score)
    return level, not _meets(level, facts)


def unit_quota_allows(
    excellent: int, good: int, units: int, *, raised: bool = False
) -> bool:
    """Excellent units ≤ 20 % (25 %) of good units, rounded down; among fewer
    than five units, at most one (art. 7.7)."""
    if units < 5:
        return excellent <= 1
    return excellent <= good * (25 if raised else 20) // 100
