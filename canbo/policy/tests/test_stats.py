"""The statistics of the integrity analytics, against hand-computed values."""

from __future__ import annotations

import math

import pytest

from canbo.policy.stats import (
    benjamini_hochberg,
    binomial_sf,
    hypergeom_sf,
    mad,
    median,
    pooled_sd,
    robust_z,
    slope,
    stratified_hypergeom_sf,
)


@pytest.mark.parametrize(
    ("values", "expected"),
    [([3.0], 3.0), ([1.0, 2.0], 1.5), ([5.0, 1.0, 3.0], 3.0), ([4, 1, 3, 2], 2.5)],
)
def test_median(values: list[float], expected: float) -> None:
    assert median(values) == expected


def test_mad_and_robust_z_ignore_one_outlier() -> None:
    values = [1.0, 2.0, 3.0, 4.0, 100.0]
    # deviations from 3: 2, 1, 0, 1, 97 → median 1, scaled by 1.4826
    assert mad(values) == pytest.approx(1.4826)
    assert robust_z(10.0, values, min_spread=0.5) == pytest.approx(7 / 1.4826)


def test_robust_z_floors_the_spread_of_a_group_all_alike() -> None:
    assert robust_z(2.0, [1.0, 1.0, 1.0], min_spread=0.5) == pytest.approx(2.0)
    with pytest.raises(ValueError, match="positive"):
        robust_z(2.0, [1.0], min_spread=0)


def test_pooled_sd_of_two_groups() -> None:
    # {1, 2, 3}: n 3, Σ 6, Σ² 14 (SS 2); {4, 6}: n 2, Σ 10, Σ² 52 (SS 2)
    assert pooled_sd([(3, 6.0, 14.0), (2, 10.0, 52.0)]) == pytest.approx(
        math.sqrt(4 / 3)
    )
    assert pooled_sd([(1, 5.0, 25.0)]) is None  # no degree of freedom
    assert pooled_sd([(4, 20.0, 100.0)]) == 0.0  # all 5


def test_slope() -> None:
    assert slope([2024, 2025, 2026], [0.5, 0.6, 0.7]) == pytest.approx(0.1)
    assert slope([1, 2], [3.0, 1.0]) == pytest.approx(-2.0)
    with pytest.raises(ValueError, match="distinct"):
        slope([1, 1], [1.0, 2.0])


@pytest.mark.parametrize(
    ("k", "n", "p", "expected"),
    [
        (0, 10, 0.1, 1.0),
        (3, 3, 0.5, 0.125),
        (2, 3, 0.5, 0.5),
        (1, 10, 0.1, 1 - 0.9**10),
        (10, 10, 0.1, 1e-10),
        (9, 10, 0.1, 10 * 0.1**9 * 0.9 + 0.1**10),
        (11, 10, 0.1, 0.0),
        (1, 5, 0.0, 0.0),
        (5, 5, 1.0, 1.0),
    ],
)
def test_binomial_upper_tail(k: int, n: int, p: float, expected: float) -> None:
    assert binomial_sf(k, n, p) == pytest.approx(expected, rel=1e-9, abs=1e-300)


def test_binomial_tail_of_large_n_neither_overflows_nor_loses_small_values() -> None:
    assert 0 < binomial_sf(400, 2000, 0.1) < 1e-30
    assert binomial_sf(200, 2000, 0.1) == pytest.approx(0.5, abs=0.03)


@pytest.mark.parametrize(
    ("k", "population", "successes", "draws", "expected"),
    [
        (4, 8, 4, 4, 1 / 70),  # Fisher's tea tasting: all four cups right
        (3, 8, 4, 4, 17 / 70),  # three or more right
        (5, 10, 5, 5, 1 / 252),
        (4, 10, 5, 5, 26 / 252),
        (0, 10, 5, 5, 1.0),
        (6, 10, 5, 5, 0.0),
        (2, 10, 9, 3, 1.0),  # three draws from nine of ten: at least two anyway
        (3, 10, 9, 3, 84 / 120),
    ],
)
def test_hypergeometric_upper_tail(
    k: int, population: int, successes: int, draws: int, expected: float
) -> None:
    assert hypergeom_sf(k, population, successes, draws) == pytest.approx(
        expected, rel=1e-9
    )


def test_hypergeometric_refuses_impossible_counts() -> None:
    with pytest.raises(ValueError, match="between"):
        hypergeom_sf(1, 10, 11, 3)


def _brute_force(k: int, strata: list[tuple[int, int, int]]) -> float:
    """P(Σ X_s ≥ k) by enumerating every combination of the strata's values."""
    import itertools

    ranges = []
    for population, successes, draws in strata:
        low, high = max(0, draws - (population - successes)), min(draws, successes)
        ranges.append(
            [
                (x, math.comb(successes, x) * math.comb(population - successes, draws - x)
                 / math.comb(population, draws))
                for x in range(low, high + 1)
            ]
        )  # fmt: skip
    total = 0.0
    for combination in itertools.product(*ranges):
        if sum(x for x, _p in combination) >= k:
            total += math.prod(p for _x, p in combination)
    return total


@pytest.mark.parametrize(
    ("k", "strata"),
    [
        (5, [(10, 5, 5)]),  # one stratum: Fisher's 1/252
        (3, [(10, 4, 3), (12, 6, 5)]),
        (6, [(10, 4, 3), (12, 6, 5), (8, 2, 4)]),
        (0, [(10, 4, 3)]),  # at or below the least possible: 1
        (8, [(10, 4, 3), (12, 6, 5)]),  # above the most possible: 0
        (2, [(10, 10, 3), (12, 6, 5)]),  # a stratum with one possible value
    ],
)
def test_stratified_hypergeom_sf_sums_the_strata(
    k: int, strata: list[tuple[int, int, int]]
) -> None:
    assert stratified_hypergeom_sf(k, strata) == pytest.approx(_brute_force(k, strata))


def test_one_stratum_is_the_hypergeometric_tail() -> None:
    assert stratified_hypergeom_sf(5, [(10, 5, 5)]) == pytest.approx(1 / 252)
    assert stratified_hypergeom_sf(4, [(49, 10, 12)]) == pytest.approx(
        hypergeom_sf(4, 49, 10, 12)
    )
    with pytest.raises(ValueError, match="between 0 and population"):
        stratified_hypergeom_sf(1, [(5, 6, 2)])


@pytest.mark.parametrize(
    ("p_values", "adjusted"),
    [
        ([], []),
        ([0.01], [0.01]),
        # ranks 1..4 of 4: p · 4 / rank, then the running minimum from the top
        ([0.01, 0.04, 0.03, 0.2], [0.04, 0.04 * 4 / 3, 0.04 * 4 / 3, 0.2]),
        ([0.5, 0.001, 0.9], [0.75, 0.003, 0.9]),
        ([0.6, 0.6], [0.6, 0.6]),
        ([1.0, 0.9], [1.0, 1.0]),  # never above 1
    ],
)
def test_benjamini_hochberg(p_values: list[float], adjusted: list[float]) -> None:
    assert benjamini_hochberg(p_values) == pytest.approx(adjusted)


def test_benjamini_hochberg_refuses_what_is_not_a_p_value() -> None:
    with pytest.raises(ValueError, match="between 0 and 1"):
        benjamini_hochberg([0.5, 1.2])
