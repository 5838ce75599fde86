"""Small statistics for the integrity analytics, in pure Python (no dependency).

- Robust location and spread: the median and the median absolute deviation
  (MAD), scaled by 1.4826 so that it estimates the standard deviation of a
  normal distribution (Rousseeuw & Croux 1993). A robust z-score
  (x − median) / (1.4826 · MAD) is what the detectors compare a unit or an
  evaluator with its group by: a few planted or real outliers in the group do
  not hide each other, as they would with the mean and standard deviation.
- Pooled within-group variance (one-way ANOVA's within mean square) from
  per-group counts, sums and sums of squares, which the database computes in
  one grouped query.
- The least-squares slope of a short series (years).
- Exact one-sided tail probabilities of the binomial and hypergeometric
  distributions (P(X ≥ k)), summed term by term in log space with `math.lgamma`
  so that they neither overflow nor lose small p-values, as in any textbook
  (e.g. Agresti, *Categorical Data Analysis*, §1.4 and §3.5: the exact binomial
  test and Fisher's exact test, whose one-sided p-value is the hypergeometric
  upper tail).
- The exact test of conditional independence in 2 × 2 × K tables: the upper
  tail of the sum of independent hypergeometric counts, one per stratum (the
  exact analogue of the Cochran–Mantel–Haenszel test; Agresti, *Categorical
  Data Analysis*, 2nd ed., §6.7.5; Mehta, Patel & Gray 1985), by convolving
  the strata's distributions.
- Benjamini–Hochberg adjusted p-values for many tests at once (Benjamini &
  Hochberg 1995, "Controlling the false discovery rate", JRSS B 57: 289–300):
  flagging the tests whose adjusted p-value is at most q keeps the expected
  share of false signals among the flagged at most q.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

MAD_SCALE = 1.4826  # MAD of a normal distribution → its standard deviation


def mean(values: Sequence[float]) -> float:
    if not values:
        raise ValueError("mean of no values")
    return math.fsum(values) / len(values)


def median(values: Sequence[float]) -> float:
    if not values:
        raise ValueError("median of no values")
    ordered = sorted(values)
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return ordered[middle]
    return (ordered[middle - 1] + ordered[middle]) / 2


def mad(values: Sequence[float]) -> float:
    """The median absolute deviation from the median, scaled to a standard deviation."""
    centre = median(values)
    return MAD_SCALE * median([abs(value - centre) for value in values])


def robust_z(value: float, group: Sequence[float], *, min_spread: float) -> float:
    """(value − median of group) / max(scaled MAD of group, min_spread).

    `min_spread` keeps a group whose members are all alike (MAD 0) from making
    any difference infinite; it is in the unit of the values.
    """
    if min_spread <= 0:
        raise ValueError("min_spread must be positive")
    return (value - median(group)) / max(mad(group), min_spread)


def pooled_sd(groups: Sequence[tuple[int, float, float]]) -> float | None:
    """The pooled within-group standard deviation of (count, sum, sum of squares)
    per group: √(Σ Σ (x − x̄_g)² / (N − G)), None with fewer than G + 1 values."""
    counted = [(n, s, q) for n, s, q in groups if n > 0]
    total = sum(n for n, _s, _q in counted)
    freedom = total - len(counted)
    if freedom <= 0:
        return None
    within = math.fsum(max(0.0, q - s * s / n) for n, s, q in counted)
    return math.sqrt(within / freedom)


def slope(xs: Sequence[float], ys: Sequence[float]) -> float:
    """The least-squares slope of ys on xs (at least two distinct xs)."""
    if len(xs) != len(ys):
        raise ValueError("xs and ys must have the same length")
    if len(set(xs)) < 2:
        raise ValueError("slope needs two distinct xs")
    mx, my = mean(xs), mean(ys)
    num = math.fsum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True))
    den = math.fsum((x - mx) ** 2 for x in xs)
    return num / den


def _log_comb(n: int, k: int) -> float:
    return math.lgamma(n + 1) - math.lgamma(k + 1) - math.lgamma(n - k + 1)


def _sum_exp(logs: list[float]) -> float:
    if not logs:
        return 0.0
    top = max(logs)
    return math.exp(top) * math.fsum(math.exp(value - top) for value in logs)


def binomial_sf(k: int, n: int, p: float) -> float:
    """P(X ≥ k) for X ~ Binomial(n, p): the one-sided exact binomial test."""
    if n < 0 or not 0 <= p <= 1:
        raise ValueError("n must be ≥ 0 and p between 0 and 1")
    if k <= 0:
        return 1.0
    if k > n:
        return 0.0
    if p == 0:
        return 0.0
    if p == 1:
        return 1.0
    lp, lq = math.log(p), math.log1p(-p)
    logs = [_log_comb(n, i) + i * lp + (n - i) * lq for i in range(k, n + 1)]
    return min(1.0, _sum_exp(logs))


def hypergeom_sf(k: int, population: int, successes: int, draws: int) -> float:
    """P(X ≥ k) for X the successes among `draws` taken without replacement from
    `population` items of which `successes` are successes (one-sided Fisher)."""
    if not 0 <= successes <= population or not 0 <= draws <= population:
        raise ValueError("successes and draws must be between 0 and population")
    low = max(0, draws - (population - successes))
    high = min(draws, successes)
    if k <= low:
        return 1.0
    if k > high:
        return 0.0
    denominator = _log_comb(population, draws)
    logs = [
        _log_comb(successes, i)
        + _log_comb(population - successes, draws - i)
        - denominator
        for i in range(k, high + 1)
    ]
    return min(1.0, _sum_exp(logs))


def _hypergeom_pmf(
    population: int, successes: int, draws: int
) -> tuple[int, list[float]]:
    """(lowest value, probabilities from it up) of a hypergeometric count."""
    if not 0 <= successes <= population or not 0 <= draws <= population:
        raise ValueError("successes and draws must be between 0 and population")
    low = max(0, draws - (population - successes))
    high = min(draws, successes)
    denominator = _log_comb(population, draws)
    return low, [
        math.exp(
            _log_comb(successes, i)
            + _log_comb(population - successes, draws - i)
            - denominator
        )
        for i in range(low, high + 1)
    ]


def stratified_hypergeom_sf(k: int, strata: Sequence[tuple[int, int, int]]) -> float:
    """P(Σ X_s ≥ k) for independent hypergeometric X_s, one per stratum given as
    (population, successes, draws): the exact one-sided test of conditional
    independence in 2 × 2 × K tables. One stratum is `hypergeom_sf`.

    The distributions are convolved in linear space; probabilities below about
    1e-300 are lost, which only ever makes a tiny p-value smaller.
    """
    low, dist = 0, [1.0]
    for population, successes, draws in strata:
        first, pmf = _hypergeom_pmf(population, successes, draws)
        if len(pmf) == 1:
            low += first
            continue
        merged = [0.0] * (len(dist) + len(pmf) - 1)
        for i, a in enumerate(dist):
            if a == 0.0:
                continue
            for j, b in enumerate(pmf):
                merged[i + j] += a * b
        low, dist = low + first, merged
    if k <= low:
        return 1.0
    return min(1.0, math.fsum(dist[k - low :]))


def benjamini_hochberg(p_values: Sequence[float]) -> list[float]:
    """The Benjamini–Hochberg adjusted p-values, in the order given: for the
    p-value of rank r (ascending) among m, min over ranks j ≥ r of p_(j) · m / j,
    at most 1."""
    m = len(p_values)
    if any(not 0 <= p <= 1 for p in p_values):
        raise ValueError("p-values must be between 0 and 1")
    order = sorted(range(m), key=lambda i: p_values[i])
    adjusted = [0.0] * m
    running = 1.0
    for rank in range(m, 0, -1):
        index = order[rank - 1]
        running = min(running, p_values[index] * m / rank)
        adjusted[index] = running
    return adjusted
