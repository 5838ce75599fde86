"""Favouritism signals: do a head's decisions favour people from the head's
hometown or with the head's surname more than chance would?

Why: provincial reviews name favouritism by locality, clan or faction ("cục bộ
địa phương, dòng họ") among the weaknesses of personnel work (issue 6;
anchors.md (d)). The signal compares, for one deciding head and one kind of
decision (planning candidates added, appointments proposed or approved,
excellent ratings), the share of the people chosen who share the head's
hometown (or surname) with that share among the people eligible, and gives the
one-sided exact p-value of seeing at least that many by chance:

- the hypergeometric upper tail (one-sided Fisher test) when the people chosen
  are drawn from the eligible pool (excellent ratings among the people the
  head rated);
- the binomial upper tail with p = the pool's share when they need not be
  (planning and appointments may take people from outside the unit).

For excellent ratings the test is stratified by task results: the people
eligible are split by the level their task results alone support (their mean
task points of the year, canbo.policy.leniency.kpi_level: four strata), and
the count of chosen people sharing the trait is compared with its exact
distribution given each stratum's pool, matching people and excellent ratings
(the exact test of conditional independence in 2 × 2 × K tables,
canbo.policy.stats `stratified_hypergeom_sf`). Excellent ratings follow task
results, so townsfolk who are simply the best performers are not a signal,
and townsfolk rated excellent on middling results are compared with the
others on middling results. The strata are coarse on purpose: on the
generated province (3,000 staff, pools of 25–40 people a head) bands of 5 or
10 points out of 100 split the pools so finely that the exact test lost most
of its power (the planted heads' adjusted p-values 0.003–0.25 instead of
0.00001–0.008).

A run makes many tests (heads × kinds of decision × two traits). The p-values
of all the tests of one run are adjusted together by the Benjamini–Hochberg
procedure (Benjamini & Hochberg 1995; canbo.policy.stats `benjamini_hochberg`),
which bounds the expected share of false signals among those flagged; Holm's
correction bounds the chance of any false signal instead, and with hundreds of
heads in a province it would miss most real ones.

Defaults, all settings of the run: at least `favour_min_decisions` decisions
(below, no test is made), an adjusted p-value at most `favour_alpha` (0.05, the
false discovery rate of Benjamini and Hochberg's paper: at most about 5 % of
the flagged signals expected to be chance), and at least
`favour_min_lift` times as many chosen people sharing the trait as the
eligible pool gives (within the KPI bands for excellent ratings). A signal for
review, never a verdict: a region's people share surnames and hometowns for
honest reasons.

The head is excluded from both counts. Surnames are the first word of the full
name (Vietnamese order), hometowns the whole place, both folded (case,
diacritics, punctuation and spaces), and a blank value never matches.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from canbo.policy.leniency import numbers_from
from canbo.policy.stats import (
    benjamini_hochberg,
    binomial_sf,
    hypergeom_sf,
    stratified_hypergeom_sf,
)
from canbo.policy.text import fold

_PUNCTUATION = re.compile(r"[^\w\s]")


@dataclass(frozen=True)
class FavouritismPolicy:
    """The thresholds of the favouritism signal; every value is a default."""

    favour_min_decisions: int = 5
    favour_alpha: float = 0.05  # on the adjusted p-values (false discovery rate)
    favour_min_lift: float = 1.5


def policy_from(thresholds: Mapping[str, object]) -> FavouritismPolicy:
    """The policy with a run's settings over the defaults; other keys are ignored
    (see canbo.policy.leniency.numbers_from)."""
    return FavouritismPolicy(**numbers_from(FavouritismPolicy, thresholds))  # type: ignore[arg-type]


def place_key(hometown: str) -> str:
    """A hometown folded for comparison ("Xã An Bình, Tỉnh X" ≡ "xa an binh tinh x")."""
    return " ".join(_PUNCTUATION.sub(" ", fold(hometown)).split())


def surname_key(full_name: str) -> str:
    """The surname (first word) of a Vietnamese full name, folded."""
    words = fold(full_name).split()
    return words[0] if words else ""


@dataclass(frozen=True)
class Signal:
    decisions: int
    matching: int
    pool: int
    pool_matching: int
    share: float  # matching / decisions
    pool_share: float
    p_value: float
    flagged: bool
    expected: float = 0.0  # matching people the eligible pool gives (per stratum)
    strata: int = 1
    q_value: float | None = None  # adjusted for the run's tests (Benjamini–Hochberg)


def favouritism_test(
    *,
    decisions: int,
    matching: int,
    pool: int,
    pool_matching: int,
    from_pool: bool,
    policy: FavouritismPolicy,
) -> Signal | None:
    """The test of one head, one kind of decision and one trait.

    None when there are fewer decisions than the minimum or no pool (no test).
    With `from_pool`, the decisions are a subset of the pool (hypergeometric);
    otherwise independent draws at the pool's share (binomial).
    """
    if decisions < policy.favour_min_decisions or pool <= 0:
        return None
    if not 0 <= matching <= decisions or not 0 <= pool_matching <= pool:
        raise ValueError("matching counts must be between 0 and their totals")
    pool_share = pool_matching / pool
    if from_pool:
        if decisions > pool or matching > pool_matching:
            raise ValueError("decisions drawn from the pool cannot exceed it")
        p_value = hypergeom_sf(matching, pool, pool_matching, decisions)
    else:
        p_value = binomial_sf(matching, decisions, pool_share)
    expected = decisions * pool_share
    return Signal(
        decisions, matching, pool, pool_matching, matching / decisions, pool_share,
        p_value, _passes(p_value, matching, expected, policy), expected,
    )  # fmt: skip


def _passes(
    p_value: float, matching: int, expected: float, policy: FavouritismPolicy
) -> bool:
    return (
        p_value <= policy.favour_alpha * (1 + 1e-9)  # at the threshold: flagged
        and matching >= policy.favour_min_lift * expected - 1e-9
        and matching > 0
    )


@dataclass(frozen=True)
class Stratum:
    """One KPI band of a head's decisions: the eligible, those sharing the
    trait, the people chosen and those of them sharing it."""

    pool: int
    pool_matching: int
    decisions: int
    matching: int


def stratified_test(
    strata: Sequence[Stratum], *, policy: FavouritismPolicy
) -> Signal | None:
    """The test of one head, one kind of decision drawn from the pool and one
    trait, within strata (KPI bands): exact conditional test of independence.

    None when there are fewer decisions in all than the minimum or no pool.
    """
    decisions = sum(s.decisions for s in strata)
    pool = sum(s.pool for s in strata)
    if decisions < policy.favour_min_decisions or pool <= 0:
        return None
    for s in strata:
        if not (
            0 <= s.matching <= s.decisions <= s.pool
            and s.matching <= s.pool_matching <= s.pool
        ):
            raise ValueError("a stratum's counts must nest within its pool")
    matching = sum(s.matching for s in strata)
    pool_matching = sum(s.pool_matching for s in strata)
    expected = sum(s.decisions * s.pool_matching / s.pool for s in strata if s.pool)
    p_value = stratified_hypergeom_sf(
        matching, [(s.pool, s.pool_matching, s.decisions) for s in strata if s.pool]
    )
    return Signal(
        decisions, matching, pool, pool_matching, matching / decisions,
        pool_matching / pool, p_value,
        _passes(p_value, matching, expected, policy), expected,
        sum(1 for s in strata if s.pool),
    )  # fmt: skip


def adjusted(signals: Sequence[Signal], *, policy: FavouritismPolicy) -> list[Signal]:
    """The signals of one run with their Benjamini–Hochberg adjusted p-values
    (`q_value`), flagged when that, not the raw p-value, is at most the alpha."""
    q_values = benjamini_hochberg([s.p_value for s in signals])
    return [
        replace(s, q_value=q, flagged=_passes(q, s.matching, s.expected, policy))
        for s, q in zip(signals, q_values, strict=True)
    ]
