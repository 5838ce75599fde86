"""Signals that ratings are not substantive: lenient units, uniform evaluators
("cào bằng"), a gap between self and manager points unlike the group's, and
grade inflation across years.

Why: Nghị quyết 26-NQ/TW calls evaluation "cảm tính, nể nang, dễ dãi", and the
Hà Nội 2026 plan exists to end "đánh giá hình thức, nể nang, thiếu thực chất"
(shared/reference/vn-systems.md §3; anchors.md (d) 6). No statute fixes these
statistics or their thresholds: every threshold below is a **default** of this
module, a setting of the analysis run (`Run.thresholds`, same keys), and each
finding is a signal for review, never a verdict.

The objective measure is the KPI: the task points of the period (0–70, from the
task figures, Decree 335 art. 14, see canbo.policy.scoring). The level the KPI
supports is the level those points alone would give on the 100-point bands
(`classify(task_points × 100 / 70)`): 49 task points support "good", 63
"excellent".

Methods:
- Lenient units (indirect standardisation, as a standardised ratio in
  epidemiology), on the rank of the level (excellent 3, good 2, completed 1,
  not completed 0): in each KPI band of 5 points, the comparison group's mean
  rank is what a sheet of that band is expected to get, and the group's
  variance of the rank its variance. A unit's excess is the mean of (rank
  given − rank expected), in levels: the sum of the excesses of its shares at
  or above "completed", "good" and "excellent", so a step from good to
  excellent counts as much as one from completed to good (the shares of
  HTXSNV + HTTNV given and expected are reported beside it). Flagged when the
  excess is at least `lenient_min_excess` **and** z = (O − E) / √V at least
  `lenient_min_z` (the z guards small units, the excess large ones), with at
  least `lenient_min_sheets` sheets. The group is the whole scope, or with
  `lenient_siblings` 1 the units under the same parent. With
  `lenient_evaluators` 1, the same for the sheets each evaluator reviewed,
  against the group of the evaluator's unit.
- Uniform evaluators: the share of an evaluator's sheets whose score falls in
  the most frequent 1-point band of that evaluator's scores in the same
  period (pooled over the periods), flagged at or above `uniform_score_share`;
  robust to a few sheets scored otherwise, unlike a standard deviation
  (reported beside it). And the share of the most frequent level, flagged at
  or above `uniform_level_share` when the levels the KPI supports for the
  same sheets are at least `uniform_kpi_gap` less uniform. Both need
  `uniform_min_sheets` sheets and `uniform_min_people` people in a period.
  The level criterion is strict by default (everyone the same level, the KPI
  levels 0.4 less uniform): the 30 general points lift most people from the
  level their KPI alone gives to "good", so honest evaluators often give
  nearly everyone "good". On the generated province (30,000 staff) the
  planted uniform evaluators had 74–100 % of their scores in one band, honest
  ones at most 55 %.
- Self vs manager gap: an evaluator's mean of (self-assessed general points −
  the general points after review); flagged when its robust z-score against
  the evaluators of the scope (median, scaled MAD) is at least `gap_min_z` in
  either direction (systematic cuts, or raises). The MAD has a floor,
  `gap_min_spread` (0.5 of a point): most evaluators change little (a lowered
  criterion on some sheets, half a point to a point), so their gaps sit within
  a fraction of a point of each other and the MAD alone would make a
  difference of one point look extreme. With the floor, an evaluator is
  flagged from about 1.5 points a sheet away from the median: "the manager
  always takes 5–8 points off" stands out at z 10 or more, one who lowers a
  criterion a little more often than the others does not. For the same
  reason rubber-stamping (never changing the self-assessment) is not
  singled out while the median evaluator changes under half a point: it is
  then the norm, not a departure (a scope where reviews routinely cut points
  flags it, below the median).
- Grade inflation (annual levels across years): per unit and year, the mean
  level rank given (excellent 3 … not completed 0) and the mean rank the KPI
  supports (`kpi_level` of the sheet's task points), on the annual sheets when
  the unit has them for the years compared, else on its monthly and
  quarterly sheets. The statistic is the least-squares slope per year of
  their difference (the rise of the levels beyond the rise of the results,
  in levels per sheet), over `inflation_years` years. Its standard error is
  that of a weighted sum of yearly means, each with its variance over the
  year's sheets, clustered by person when a person has several (a person's
  twelve monthly sheets are not twelve independent samples: the variance of
  the mean is Σ over people of (S − n·mean)² / sheets², with S the sum of the
  differences of a person's n sheets), years treated as independent samples
  (for the same people across years, conservative).
  Flagged when the slope is at least `inflation_min_rise`, the slope of the
  rank given alone is too (levels rising, not only a KPI falling) and
  z = slope / SE at least `inflation_min_z`, each year with at least
  `inflation_min_sheets` people rated.
  Ranks, not the share of excellent + good: most people are rated "good" or
  better, so that share has little room to rise, while excellent ratings
  moving up within the quota (20 % of "good") is exactly what a review names
  as inflation. `inflation_min_sheets` (people rated, whatever the sheets) is
  10: a division of 10 people has a trend to read, and the z keeps its noise
  from being flagged.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, fields
from decimal import Decimal

from canbo.policy.levels import Level, classify
from canbo.policy.stats import robust_z, slope

TASK_MAX = 70.0
BAND_POINTS = Decimal("3.5")  # task points per KPI band: 5 points out of 100
TOP_LEVELS = (Level.HTXSNV.value, Level.HTTNV.value)
KPI_GOOD = 49  # task points supporting "good" (70 / 100 × 70)
KPI_EXCELLENT = 63  # task points supporting "excellent" (90 / 100 × 70)


@dataclass(frozen=True)
class RatingsPolicy:
    """The thresholds of the rating detectors; every value is a default."""

    lenient_min_sheets: int = 20
    lenient_min_excess: float = 0.25  # levels per sheet above the group's
    lenient_min_z: float = 3.0
    lenient_siblings: int = 0  # 1: compare with the units under the same parent
    lenient_evaluators: int = 0  # 1: also per evaluator (the people they reviewed)
    uniform_min_sheets: int = 10
    uniform_min_people: int = 3
    uniform_score_share: float = 0.7
    uniform_level_share: float = 1.0
    uniform_kpi_gap: float = 0.4
    gap_min_sheets: int = 10
    gap_min_z: float = 3.0
    gap_min_spread: float = 0.5  # points: the MAD floor of the group
    inflation_years: int = 3
    inflation_min_sheets: int = 10  # per unit and year
    inflation_min_rise: float = 0.10  # levels per sheet, per year
    inflation_min_z: float = 3.0


def policy_from(thresholds: Mapping[str, object]) -> RatingsPolicy:
    """The policy with a run's settings over the defaults; other keys are ignored.

    Blank values keep the default; integers may be given as floats (20.0); a
    value that does not read as a number raises ValueError.
    """
    return RatingsPolicy(**numbers_from(RatingsPolicy, thresholds))  # type: ignore[arg-type]


def numbers_from(
    kind: type, thresholds: Mapping[str, object]
) -> dict[str, float | int]:
    """The numeric fields of the dataclass `kind` found in `thresholds`, each
    as the type of its default (ints rounded down from floats)."""
    defaults = kind()
    values: dict[str, float | int] = {}
    for spec in fields(kind):
        raw = thresholds.get(spec.name)
        if raw is None or raw == "":
            continue
        number = float(str(raw))
        if isinstance(getattr(defaults, spec.name), int):
            values[spec.name] = int(number)
        else:
            values[spec.name] = number
    return values


def kpi_level(task_points: float) -> Level:
    """The level the task points alone would give on the 100-point bands."""
    return classify(task_points * 100 / TASK_MAX)


def kpi_band(task_points: float) -> int:
    """The KPI band of 5 points out of 100 (0 … 20) of the task points."""
    return max(0, min(20, math.floor(task_points / float(BAND_POINTS))))


def band_rates(rows: Iterable[tuple[int, int, int]]) -> dict[int, float]:
    """The share of top levels per KPI band from (band, sheets, top) rows."""
    totals: dict[int, list[int]] = {}
    for band, sheets, top in rows:
        pair = totals.setdefault(band, [0, 0])
        pair[0] += sheets
        pair[1] += top
    return {band: top / sheets for band, (sheets, top) in totals.items() if sheets}


def rank_moments(
    rows: Iterable[tuple[int, int, int]],
) -> dict[int, tuple[float, float]]:
    """The mean and (population) variance of the level rank per KPI band, from
    (band, rank, sheets) rows of the comparison group."""
    sums: dict[int, list[float]] = {}
    for band, rank, sheets in rows:
        acc = sums.setdefault(band, [0.0, 0.0, 0.0])
        acc[0] += sheets
        acc[1] += sheets * rank
        acc[2] += sheets * rank * rank
    moments = {}
    for band, (n, total, squares) in sums.items():
        if n:
            mean = total / n
            moments[band] = (mean, max(0.0, squares / n - mean * mean))
    return moments


@dataclass(frozen=True)
class Leniency:
    sheets: int
    observed: float  # Σ rank given
    expected: float  # Σ rank the group gives for the same KPI
    excess: float  # (observed − expected) / sheets, in levels
    z: float
    flagged: bool


def leniency(
    bands: Mapping[int, Mapping[int, int]],
    moments: Mapping[int, tuple[float, float]],
    policy: RatingsPolicy,
) -> Leniency:
    """A unit's levels against what its group gives for the same KPI.

    `bands` maps a KPI band to {level rank: sheets} in the unit; `moments` the
    comparison group's (mean, variance) of the rank per band.
    """
    sheets = observed = 0
    expected = variance = 0.0
    for band, ranks in bands.items():
        mean, var = moments.get(band, (0.0, 0.0))
        for rank, n in ranks.items():
            sheets += n
            observed += rank * n
            expected += mean * n
            variance += var * n
    excess = (observed - expected) / sheets if sheets else 0.0
    if variance > 1e-12:
        z = (observed - expected) / math.sqrt(variance)
    else:
        z = math.inf if observed > expected + 1e-9 else 0.0
    flagged = (
        sheets >= policy.lenient_min_sheets
        and excess >= policy.lenient_min_excess - 1e-12
        and z >= policy.lenient_min_z - 1e-12
    )
    return Leniency(sheets, observed, expected, excess, z, flagged)


def modal_band_share(periods: Iterable[tuple[int, int]]) -> float:
    """Σ sheets in the most frequent score band / Σ sheets, from (sheets, most
    in one band) per period; 0 without sheets."""
    total = most = 0
    for sheets, top in periods:
        total += sheets
        most += top
    return most / total if total else 0.0


def scores_uniform(
    share: float, *, sheets: int, people: int, policy: RatingsPolicy
) -> bool:
    """Whether nearly all of an evaluator's scores fall in one band per period."""
    return (
        sheets >= policy.uniform_min_sheets
        and people >= policy.uniform_min_people
        and share >= policy.uniform_score_share - 1e-12
    )


def modal_share(counts: Mapping[str, int]) -> float:
    """The share of the most frequent value; 0 without values."""
    total = sum(counts.values())
    return max(counts.values()) / total if total else 0.0


def levels_uniform(
    given: Mapping[str, int],
    supported: Mapping[str, int],
    *,
    people: int,
    policy: RatingsPolicy,
) -> bool:
    """Whether nearly everyone got the same level while their KPI differs."""
    sheets = sum(given.values())
    given_share = modal_share(given)
    return (
        sheets >= policy.uniform_min_sheets
        and people >= policy.uniform_min_people
        and given_share >= policy.uniform_level_share - 1e-12
        and given_share - modal_share(supported) >= policy.uniform_kpi_gap - 1e-12
    )


@dataclass(frozen=True)
class Gap:
    z: float
    flagged: bool


def self_gap(
    gap: float, group: list[float], *, sheets: int, policy: RatingsPolicy
) -> Gap:
    """An evaluator's mean self − reviewed points against the group's gaps."""
    if not group:
        return Gap(0.0, False)
    z = robust_z(gap, group, min_spread=policy.gap_min_spread)
    flagged = sheets >= policy.gap_min_sheets and abs(z) >= policy.gap_min_z - 1e-12
    return Gap(z, flagged)


@dataclass(frozen=True)
class YearFigures:
    """A unit's sheets of one year: Σ rank given, Σ rank the KPI supports and
    Σ d² of d = rank given − rank supported; with several sheets a person, the
    people rated and, over them, Σ S² and Σ n·S of each person's sheets n and
    sum S of d, and Σ n² (None: one sheet a person, as on annual sheets)."""

    year: int
    sheets: int
    given: float
    supported: float
    squares: float
    people: int = 0
    person_squares: float | None = None  # Σ S²
    person_weighted: float | None = None  # Σ n·S
    person_sizes: float | None = None  # Σ n²

    @property
    def samples(self) -> int:
        """The independent samples of the year's mean: its people."""
        return self.people or self.sheets

    def mean_variance(self, mean: float) -> float:
        """The variance of the year's mean difference `mean`: within the year
        over its sheets, clustered by person when a person has several sheets
        (Σ (S − n·mean)² / sheets²); for one sheet a person, the same as the
        within-year variance over the sheets."""
        if self.person_squares is None:
            within = max(0.0, self.squares / self.sheets - mean * mean)
            return within / self.sheets
        deviations = (
            self.person_squares
            - 2 * mean * (self.person_weighted or 0.0)
            + mean * mean * (self.person_sizes or 0.0)
        )
        return max(0.0, deviations) / (self.sheets * self.sheets)


@dataclass(frozen=True)
class Inflation:
    given_slope: float  # mean rank given, levels per year
    kpi_slope: float  # mean rank the KPI supports
    excess: float  # slope of (given − supported)
    z: float
    flagged: bool


def inflation(years: Sequence[YearFigures], policy: RatingsPolicy) -> Inflation | None:
    """The rise per year of a unit's levels beyond what its KPI supports; None
    with fewer than two years."""
    xs = [float(y.year) for y in years]
    if len(set(xs)) < 2 or any(y.sheets <= 0 for y in years):
        return None
    given = [y.given / y.sheets for y in years]
    supported = [y.supported / y.sheets for y in years]
    differences = [g - k for g, k in zip(given, supported, strict=True)]
    excess = slope(xs, differences)
    centre = sum(xs) / len(xs)
    spread = sum((x - centre) ** 2 for x in xs)
    variance = 0.0
    for x, d, y in zip(xs, differences, years, strict=True):
        variance += ((x - centre) / spread) ** 2 * y.mean_variance(d)
    if variance > 1e-12:
        z = excess / math.sqrt(variance)
    else:
        z = math.inf if excess > 1e-9 else 0.0
    given_slope = slope(xs, given)
    least = policy.inflation_min_rise - 1e-12
    flagged = (
        excess >= least and given_slope >= least and z >= policy.inflation_min_z - 1e-12
    )
    return Inflation(given_slope, slope(xs, supported), excess, z, flagged)
