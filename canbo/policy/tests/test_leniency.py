"""The rating-signal rules (canbo/policy/leniency.py), with their boundaries."""

from __future__ import annotations

import math

import pytest

from canbo.policy.leniency import (
    RatingsPolicy,
    YearFigures,
    band_rates,
    inflation,
    kpi_band,
    kpi_level,
    leniency,
    levels_uniform,
    modal_band_share,
    policy_from,
    rank_moments,
    scores_uniform,
    self_gap,
)
from canbo.policy.levels import Level

POLICY = RatingsPolicy()


@pytest.mark.parametrize(
    ("task_points", "level"),
    [
        (70, Level.HTXSNV),
        (63, Level.HTXSNV),  # 90 of 100
        (62.99, Level.HTTNV),
        (49, Level.HTTNV),  # 70 of 100
        (48.99, Level.HTNV),
        (35, Level.HTNV),  # 50 of 100
        (34.99, Level.KHTNV),
        (0, Level.KHTNV),
    ],
)
def test_the_level_the_kpi_supports(task_points: float, level: Level) -> None:
    assert kpi_level(task_points) == level


@pytest.mark.parametrize(
    ("task_points", "band"),
    [(0, 0), (3.49, 0), (3.5, 1), (48.99, 13), (69.99, 19), (70, 20)],
)
def test_kpi_band(task_points: float, band: int) -> None:
    assert kpi_band(task_points) == band


def test_band_rates_add_up_rows_of_one_band() -> None:
    assert band_rates([(10, 4, 2), (10, 6, 4), (12, 5, 5), (3, 0, 0)]) == {
        10: 0.6,
        12: 1.0,
    }


def test_rank_moments_per_band() -> None:
    rows = [(10, 1, 2), (10, 2, 2), (12, 3, 1), (13, 2, 0)]
    assert rank_moments(rows) == {10: (1.5, 0.25), 12: (3.0, 0.0)}


HALF_AND_HALF = {10: (1.5, 0.25)}  # the group: half "completed", half "good"


@pytest.mark.parametrize(
    ("good", "completed", "flagged", "excess", "z"),
    [
        (20, 0, True, 0.5, 10 / math.sqrt(5)),
        (75, 25, True, 0.25, 5.0),  # exactly the minimum excess
        (74, 26, False, 0.24, 4.8),  # just under it
        (27, 9, True, 0.25, 3.0),  # exactly the minimum z (and excess)
        (26, 10, False, 8 / 36, 8 / 3),  # just under both
        (19, 0, False, 0.5, 9.5 / math.sqrt(4.75)),  # fewer sheets than the minimum
        (50, 50, False, 0.0, 0.0),  # as the group gives
        (0, 100, False, -0.5, -10.0),  # harsher than the group
    ],
)
def test_leniency_against_the_group_at_the_same_kpi(
    good: int, completed: int, flagged: bool, excess: float, z: float
) -> None:
    result = leniency({10: {2: good, 1: completed}}, HALF_AND_HALF, POLICY)
    assert result.flagged is flagged
    assert result.expected == pytest.approx(1.5 * (good + completed))
    assert result.excess == pytest.approx(excess)
    assert result.z == pytest.approx(z)


def test_a_step_from_good_to_excellent_counts_as_leniency() -> None:
    # the group gives "good" at band 15 and "completed" at band 5, without spread
    moments = {5: (1.0, 0.0), 15: (2.0, 0.0)}
    result = leniency({5: {2: 10}, 15: {3: 10}}, moments, POLICY)
    assert (result.expected, result.excess, result.z) == (30.0, 1.0, math.inf)
    assert result.flagged
    assert leniency({5: {1: 10}, 15: {2: 10}}, moments, POLICY).z == 0.0


def test_modal_band_share_pools_the_periods() -> None:
    assert modal_band_share([(10, 9), (10, 10)]) == pytest.approx(0.95)
    assert modal_band_share([]) == 0.0


@pytest.mark.parametrize(
    ("share", "sheets", "people", "flagged"),
    [
        (0.7, 10, 3, True),  # exactly at the threshold
        (0.69, 10, 3, False),
        (1.0, 9, 3, False),  # too few sheets
        (1.0, 10, 2, False),  # too few people
        (0.95, 120, 10, True),
    ],
)
def test_uniform_scores(share: float, sheets: int, people: int, flagged: bool) -> None:
    assert scores_uniform(share, sheets=sheets, people=people, policy=POLICY) is flagged


@pytest.mark.parametrize(
    ("given", "supported", "flagged"),
    [
        ({"HTTNV": 20}, {"HTTNV": 12, "HTNV": 8}, True),  # all alike, gap 0.4
        ({"HTTNV": 20}, {"HTTNV": 13, "HTNV": 7}, False),  # gap 0.35
        ({"HTTNV": 19, "HTNV": 1}, {"HTTNV": 10, "HTNV": 10}, False),  # 0.95 only
        ({"HTTNV": 20}, {"HTTNV": 20}, False),  # everyone's KPI supports it
        ({"HTTNV": 9}, {"HTNV": 9}, False),  # too few sheets
    ],
)
def test_uniform_levels(
    given: dict[str, int], supported: dict[str, int], flagged: bool
) -> None:
    assert levels_uniform(given, supported, people=5, policy=POLICY) is flagged


GAPS = [1.0, 1.5, 2.0, 1.2, 1.8]  # median 1.5, MAD 0.3 × 1.4826 < 0.5 floor


@pytest.mark.parametrize(
    ("gap", "sheets", "z", "flagged"),
    [
        (0.0, 10, -3.0, True),  # rubber-stamping: exactly 3 below
        (0.1, 10, -2.8, False),
        (3.0, 10, 3.0, True),  # cuts far more than the others
        (3.0, 9, 3.0, False),  # too few sheets
        (1.5, 50, 0.0, False),
    ],
)
def test_self_gap_against_the_group(
    gap: float, sheets: int, z: float, flagged: bool
) -> None:
    result = self_gap(gap, GAPS, sheets=sheets, policy=POLICY)
    assert result.z == pytest.approx(z)
    assert result.flagged is flagged


def test_self_gap_without_a_group() -> None:
    assert not self_gap(5.0, [], sheets=50, policy=POLICY).flagged


def year_of(
    year: int, sheets: int, given: float, supported: float, within: float
) -> YearFigures:
    """A year whose differences have this mean and within-year variance."""
    d = given - supported
    return YearFigures(
        year, sheets, given * sheets, supported * sheets, sheets * (within + d * d)
    )


def years_of(
    sheets: int, given: list[float], supported: list[float], within: float = 0.25
) -> list[YearFigures]:
    return [
        year_of(2024 + i, sheets, g, k, within)
        for i, (g, k) in enumerate(zip(given, supported, strict=True))
    ]


@pytest.mark.parametrize(
    ("sheets", "given", "supported", "excess", "z", "flagged"),
    [
        # exactly the threshold, 400 sheets a year: SE √(½ · 0.25 / 400) = 0.0177
        (400, [2.0, 2.1, 2.2], [1.5, 1.5, 1.5], 0.1, 0.1 / (0.125 / 400) ** 0.5, True),
        (400, [2.0, 2.09, 2.18], [1.5, 1.5, 1.5], 0.09, None, False),  # below it
        # the same rise in a unit of 50: z = 2.0, within the noise
        (50, [2.0, 2.1, 2.2], [1.5, 1.5, 1.5], 0.1, 2.0, False),
        (400, [2.0, 2.1, 2.2], [1.5, 1.55, 1.6], 0.05, None, False),  # KPI rose too
        (400, [2.0, 2.4, 2.8], [1.5, 1.52, 1.54], 0.38, None, True),
        (400, [2.2, 2.1, 2.0], [1.5, 1.5, 1.5], -0.1, None, False),
        # the KPI fell while the levels did not rise
        (400, [2.0, 2.0, 2.0], [1.5, 1.3, 1.1], 0.2, None, False),
    ],
)
def test_inflation(
    sheets: int,
    given: list[float],
    supported: list[float],
    excess: float,
    z: float | None,
    flagged: bool,
) -> None:
    result = inflation(years_of(sheets, given, supported), POLICY)
    assert result is not None
    assert result.excess == pytest.approx(excess)
    if z is not None:
        assert result.z == pytest.approx(z)
    assert result.flagged is flagged


def test_inflation_without_spread_within_the_years() -> None:
    rising = inflation(years_of(20, [2.0, 2.5], [1.0, 1.0], within=0.0), POLICY)
    flat = inflation(years_of(20, [2.0, 2.0], [1.0, 1.0], within=0.0), POLICY)
    assert rising is not None
    assert flat is not None
    assert (rising.flagged, rising.z) == (True, math.inf)
    assert (flat.flagged, flat.z) == (False, 0.0)


def by_person(year: int, people: list[list[float]]) -> YearFigures:
    """A year of several sheets a person: each person's differences (given
    rank − supported rank, the supported rank 0)."""
    every = [d for sheets in people for d in sheets]
    sums = [(len(sheets), sum(sheets)) for sheets in people]
    return YearFigures(
        year, len(every), sum(every), 0.0, sum(d * d for d in every), len(people),
        sum(s * s for _n, s in sums), sum(n * s for n, s in sums),
        sum(n * n for n, _s in sums),
    )  # fmt: skip


def test_inflation_clusters_a_persons_monthly_sheets() -> None:
    """Ten people, two of them a level up the second year on the same results:
    their twelve monthly sheets each say what one annual sheet says, and weigh
    no more. Annual: within-year variance 0.16 over 10, z = 0.2 / √0.016 = 1.58;
    counted as 120 independent sheets the rise would pass z = 3 (5.48)."""
    differences = {2024: [0.0] * 10, 2025: [1.0, 1.0] + [0.0] * 8}
    annual = [
        YearFigures(y, 10, sum(ds), 0.0, sum(d * d for d in ds))
        for y, ds in differences.items()
    ]
    monthly = [by_person(y, [[d] * 12 for d in ds]) for y, ds in differences.items()]
    naive = [
        YearFigures(m.year, m.sheets, m.given, m.supported, m.squares) for m in monthly
    ]
    results = [inflation(figures, POLICY) for figures in (annual, monthly, naive)]
    assert all(result is not None for result in results)
    on_annual, on_monthly, on_sheets = (r.z for r in results if r is not None)
    assert on_annual == pytest.approx(0.2 / 0.016**0.5)
    assert on_monthly == pytest.approx(on_annual)
    assert on_sheets == pytest.approx(0.2 / (0.16 / 120) ** 0.5)
    assert not any(r.flagged for r in results[:2] if r is not None)


def test_inflation_months_varying_within_a_person_average_out() -> None:
    """A person's months that vary around their own mean say more than one
    sheet: the clustered variance counts only the spread between people."""
    steady = {2024: [[0.0, 1.0] * 6] * 20, 2025: [[1.0, 1.0] * 6] * 20}
    result = inflation([by_person(y, p) for y, p in steady.items()], POLICY)
    assert result is not None
    assert result.excess == pytest.approx(0.5)
    assert (result.z, result.flagged) == (math.inf, True)  # every person alike


def test_inflation_needs_two_years() -> None:
    assert inflation(years_of(50, [2.0], [1.0]), POLICY) is None
    assert inflation([], POLICY) is None


def test_policy_from_a_runs_settings() -> None:
    policy = policy_from({"lenient_min_excess": "0.3", "lenient_min_sheets": 5, "x": 1})
    assert (policy.lenient_min_excess, policy.lenient_min_sheets) == (0.3, 5)
    assert policy.gap_min_z == POLICY.gap_min_z
    # as the run service stores them: floats, integers too; blanks keep the default
    stored = policy_from({"lenient_min_sheets": 30.0, "lenient_siblings": 1.0})
    assert (stored.lenient_min_sheets, stored.lenient_siblings) == (30, 1)
    assert isinstance(stored.lenient_min_sheets, int)
    assert policy_from({"gap_min_z": "", "uniform_min_people": None}) == POLICY
    with pytest.raises(ValueError, match="could not convert"):
        policy_from({"lenient_min_sheets": "many"})
