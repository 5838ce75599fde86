"""Trust votes (lấy phiếu tín nhiệm).

Source: Quy định 96-QĐ/TW (02/02/2023): ballots carry "tín nhiệm cao", "tín
nhiệm" or "tín nhiệm thấp"; shares are computed over the ballots returned; the
session needs at least two thirds of those summoned. More than half but less than
two thirds low → removed from planning for higher posts and considered for
removal, other work or resignation; two thirds or more low → dismissal from post
without waiting for the end of the term (rules.md TRUST-01, §10).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Outcome = Literal["none", "review", "dismiss"]


def trust_vote_outcome(low_votes: int, ballots_returned: int) -> str:
    """Return "none", "review" or "dismiss" for `low_votes` out of `ballots_returned`.

    "none" when low ballots are at most half of those returned; "review" when more
    than half and less than two thirds; "dismiss" at two thirds or more. Integer
    arithmetic, so exactly half and exactly two thirds fall where the text puts them.
    Source: Quy định 96-QĐ/TW; rules.md §10 (exactly 2/3 goes to dismissal).
    """
    if ballots_returned <= 0:
        raise ValueError("ballots_returned must be positive")
    if not 0 <= low_votes <= ballots_returned:
        raise ValueError("low_votes must be between 0 and ballots_returned")
    if 3 * low_votes >= 2 * ballots_returned:
        return "dismiss"
    if 2 * low_votes > ballots_returned:
        return "review"
    return "none"


def quorum_met(present: int, summoned: int) -> bool:
    """Return whether at least two thirds of those summoned took part (QĐ 96)."""
    return summoned > 0 and 3 * present >= 2 * summoned


@dataclass(frozen=True)
class Ballots:
    summoned: int
    returned: int
    high: int
    trust: int
    low: int


def ballot_problems(ballots: Ballots) -> tuple[str, ...]:
    """Return the reasons a recorded vote is invalid, as stable codes.

    "none_summoned"; "returned_over_summoned" (more ballots than people summoned);
    "ballots_over_returned" (high + trust + low exceed the ballots returned; the
    rest are spoilt); "no_quorum" (fewer than two thirds of those summoned voted).
    """
    problems: list[str] = []
    if ballots.summoned <= 0:
        return ("none_summoned",)
    if ballots.returned > ballots.summoned:
        problems.append("returned_over_summoned")
    if ballots.high + ballots.trust + ballots.low > ballots.returned:
        problems.append("ballots_over_returned")
    if not problems and not quorum_met(ballots.returned, ballots.summoned):
        problems.append("no_quorum")
    return tuple(problems)
