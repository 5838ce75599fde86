"""The year's classification and unit ratings, by hand."""

from __future__ import annotations

import pytest

from canbo.policy.annual import (
    Disqualifier,
    UnitFacts,
    annual_score,
    disqualifiers,
    unit_level,
    unit_quota_allows,
    year_result,
)
from canbo.policy.levels import Level

X, T, H, K = Level.HTXSNV, Level.HTTNV, Level.HTNV, Level.KHTNV


@pytest.mark.parametrize(
    ("scores", "mean"),
    [
        ([90, 91, 92], 91.0),
        ([89.99, 90.0], 90.0),  # 89.995 rounds half-up
        ([70.5, 80.25, 75.125], 75.29),  # 225.875 / 3 = 75.2916…
        ([], None),
    ],
)
def test_the_annual_score_is_the_mean_of_the_periods_worked(
    scores: list[float], mean: float | None
) -> None:
    assert annual_score(scores) == mean


@pytest.mark.parametrize(
    ("scores", "months", "found", "score", "level", "reasons"),
    [
        ([92.0] * 12, 12, (), 92.0, X, ()),
        ([92.0] * 6, 6, (), 92.0, X, ()),
        # Five months worked: not classified, whatever the score.
        ([95.0] * 5, 5, (), 95.0, None, ("worked_less_than_min_months",)),
        # A reprimand for a duty-related violation: KHTNV despite 92.
        ([92.0] * 12, 12, (Disqualifier.DISCIPLINE,), 92.0, K, ("discipline",)),
        ([60.0, 40.0], 12, (), 50.0, H, ()),
        ([], 12, (), None, None, ("no_period_scores",)),
    ],
)
def test_the_year_result(
    scores: list[float],
    months: int,
    found: tuple[Disqualifier, ...],
    score: float | None,
    level: Level | None,
    reasons: tuple[str, ...],
) -> None:
    result = year_result(scores, months_worked=months, found=found)
    assert (result.score, result.level, result.reasons) == (score, level, reasons)


@pytest.mark.parametrize(
    ("kwargs", "found"),
    [
        ({}, ()),
        ({"discipline_forms": ["khien_trach"]}, (Disqualifier.DISCIPLINE,)),
        ({"discipline_forms": ["cach_chuc"]}, (Disqualifier.DISCIPLINE,)),
        ({"discipline_forms": ["nhac_nho"]}, ()),  # a reminder is not discipline
        ({"degradation_concluded": True}, (Disqualifier.DEGRADATION,)),
        # Corruption in a managed unit disqualifies leaders only.
        ({"corruption_in_managed_unit": True}, ()),
        ({"corruption_in_managed_unit": True, "is_leader": True},
         (Disqualifier.CORRUPTION_IN_UNIT,)),
    ],
)  # fmt: skip
def test_disqualifiers(
    kwargs: dict[str, object], found: tuple[Disqualifier, ...]
) -> None:
    assert disqualifiers(**kwargs) == found  # type: ignore[arg-type]


GOOD_YEAR = UnitFacts(done=1, on_time=1, beyond=0.35, late=0)


@pytest.mark.parametrize(
    ("score", "facts", "level", "manual"),
    [
        (92, GOOD_YEAR, X, False),
        # Excellent band, but only 20 % beyond the requirement: decide by hand.
        (92, UnitFacts(done=1, on_time=1, beyond=0.2, late=0), X, True),
        (92, UnitFacts(1, 1, 0.4, 0, subunit_failed=True), X, True),
        (80, UnitFacts(done=1, on_time=0.9, beyond=0, late=0.1), T, True),
        (80, UnitFacts(done=1, on_time=1, beyond=0, late=0), T, False),
        (60, UnitFacts(done=1, on_time=0.85, beyond=0, late=0.15), H, False),
        (60, UnitFacts(done=1, on_time=0.7, beyond=0, late=0.3), H, True),
        # Under 70 % of the plan done: KHTNV whatever the score.
        (85, UnitFacts(done=0.69, on_time=0.6, beyond=0, late=0.1), K, False),
        (95, UnitFacts(1, 1, 0.5, 0, wrongdoing=True), K, False),
        (45, GOOD_YEAR, K, False),
    ],
)
def test_a_unit_is_rated_by_band_then_its_conditions(
    score: float, facts: UnitFacts, level: Level, manual: bool
) -> None:
    assert unit_level(score, facts) == (level, manual)


@pytest.mark.parametrize(
    ("excellent", "good", "units", "raised", "allowed"),
    [
        (1, 1, 4, False, True),  # fewer than five units: one may be excellent
        (2, 2, 4, False, False),
        (1, 4, 6, False, False),  # 20 % of 4 rounds down to 0
        (1, 4, 6, True, True),
        (2, 10, 12, False, True),
        (3, 10, 13, False, False),
    ],
)
def test_the_unit_quota(
    excellent: int, good: int, units: int, raised: bool, allowed: bool
) -> None:
    assert unit_quota_allows(excellent, good, units, raised=raised) == allowed
