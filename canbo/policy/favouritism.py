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

Defaults, all settings of the run: at least `favour_min_decisions` decisions
(below, no test is made), p-value at most `favour_alpha` (0.01), and a share
at least `favour_min_lift` times the pool's. A run makes many tests (heads ×
kinds × two traits), so a stricter alpha suits a large scope; on the generated
province (30,000 staff) the planted heads had p 0.0014–0.0049 and no other
head under 0.04. A signal for review, never a
verdict: a region's people share surnames and hometowns for honest reasons.

The head is excluded from both counts. Surnames are the first word of the full
name (Vietnamese order), hometowns the whole place, both folded (case,
diacritics, punctuation and spaces), and a blank value never matches.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from canbo.policy.leniency import numbers_from
from canbo.policy.stats import binomial_sf, hypergeom_sf
from canbo.policy.text import fold

_PUNCTUATION = re.compile(r"[^\w\s]")


@dataclass(frozen=True)
class FavouritismPolicy:
    """The thresholds of the favouritism signal; every value is a default."""

    favour_min_decisions: int = 5
    favour_alpha: float = 0.01
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
    share = matching / decisions
    flagged = (
        p_value <= policy.favour_alpha * (1 + 1e-9)  # at the threshold: flagged
        and share >= policy.favour_min_lift * pool_share - 1e-12
        and matching > 0
    )
    return Signal(
        decisions, matching, pool, pool_matching, share, pool_share, p_value, flagged
    )
