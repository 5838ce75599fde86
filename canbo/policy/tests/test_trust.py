"""Trust-vote outcome, quorum and ballot checks (Quy định 96-QĐ/TW)."""

from __future__ import annotations

import pytest

from canbo.policy import trust_vote_outcome
from canbo.policy.trust import Ballots, ballot_problems, quorum_met


@pytest.mark.parametrize(
    ("low", "returned", "outcome"),
    [
        (0, 30, "none"),
        (15, 30, "none"),  # exactly half: no action
        (16, 30, "review"),  # just over half
        (19, 30, "review"),  # 63.3 %: under two thirds
        (20, 30, "dismiss"),  # exactly two thirds
        (30, 30, "dismiss"),
        (1, 2, "none"),  # half of two
        (2, 3, "dismiss"),  # two of three is two thirds
        (5, 9, "review"),  # 55.6 %
        (6, 9, "dismiss"),  # 66.7 %
        (50, 100, "none"),
        (51, 100, "review"),
        (66, 100, "review"),  # 66 % < 2/3
        (67, 100, "dismiss"),
    ],
)
def test_outcome_bands(low: int, returned: int, outcome: str) -> None:
    assert trust_vote_outcome(low, returned) == outcome


@pytest.mark.parametrize(("low", "returned"), [(1, 0), (-1, 5), (6, 5)])
def test_outcome_refuses_impossible_counts(low: int, returned: int) -> None:
    with pytest.raises(ValueError, match="must be"):
        trust_vote_outcome(low, returned)


@pytest.mark.parametrize(
    ("present", "summoned", "met"),
    [(20, 30, True), (19, 30, False), (2, 3, True), (1, 3, False), (0, 0, False)],
)
def test_quorum_is_two_thirds_of_those_summoned(
    present: int, summoned: int, met: bool
) -> None:
    assert quorum_met(present, summoned) is met


@pytest.mark.parametrize(
    ("ballots", "problems"),
    [
        (Ballots(30, 25, 10, 10, 5), ()),
        (Ballots(30, 25, 10, 10, 4), ()),  # one spoilt ballot
        (Ballots(30, 31, 10, 10, 11), ("returned_over_summoned",)),
        (Ballots(30, 25, 10, 10, 6), ("ballots_over_returned",)),
        (Ballots(30, 19, 9, 5, 5), ("no_quorum",)),
        (Ballots(0, 0, 0, 0, 0), ("none_summoned",)),
    ],
)
def test_ballot_problems(ballots: Ballots, problems: tuple[str, ...]) -> None:
    assert ballot_problems(ballots) == problems
