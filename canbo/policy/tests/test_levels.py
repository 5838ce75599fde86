"""Levels and the excellence quota (Nghị định 335/2025 art. 20), by hand."""

from __future__ import annotations

import pytest

from canbo.policy import Level, apply_quota, classify
from canbo.policy.levels import at_most

X, T, H, K = Level.HTXSNV, Level.HTTNV, Level.HTNV, Level.KHTNV


@pytest.mark.parametrize(
    ("score", "level"),
    [(100, X), (90, X), (89.99, T), (70, T), (69.99, H), (50, H), (49.99, K), (0, K)],
)
def test_classify_by_score(score: float, level: Level) -> None:
    assert classify(score) == level


@pytest.mark.parametrize("score", [100, 75, 50, 10])
def test_a_disqualifier_means_not_completed_whatever_the_score(score: float) -> None:
    assert classify(score, disqualified=True) == K


def test_levels_are_strings_with_the_official_abbreviations() -> None:
    assert [str(level) for level in Level] == ["HTXSNV", "HTTNV", "HTNV", "KHTNV"]
    assert Level("HTTNV") is T
    assert X.rank > T.rank > H.rank > K.rank


def _quota(excellent: list[float], good: int, *, raised: bool = False) -> list[Level]:
    scores = [*excellent, *([80.0] * good)]
    levels = [X] * len(excellent) + [T] * good
    return apply_quota(scores, levels, raised=raised)[: len(excellent)]


@pytest.mark.parametrize(
    ("excellent", "good", "raised", "kept"),
    [
        # 5 good allow 1 excellent (20 %).
        ([95], 5, False, [X]),
        # 4 good allow none: 20 % of 4 rounds down to 0.
        ([95], 4, False, [T]),
        # ... but 25 % of 4 is 1 for a unit recognised as excellent.
        ([95], 4, True, [X]),
        # 10 good, 3 excellent: keeping 3 needs 15 good; keeping 2 leaves 11 good
        # after the demotion, which allow 2.
        ([95, 93, 91], 10, False, [X, X, T]),
        # Counted after the demotions: 9 good + the 1 demoted = 10 allow 2.
        ([95, 93, 91], 9, False, [X, X, T]),
        # 8 good + 2 demoted = 10 allow 2? No: keeping 1 leaves 10 good (2
        # allowed, 1 kept) and keeping 2 leaves 9 good (1 allowed) → keep 1.
        ([95, 93, 91], 8, False, [X, T, T]),
        # Equal scores stay together: the two 92s cannot both be kept.
        ([95, 92, 92], 10, False, [X, T, T]),
        # Equal scores at the top, both fit.
        ([94, 94], 10, False, [X, X]),
        # No good ratings: no excellent ones either.
        ([99, 98], 0, False, [T, T]),
    ],
)
def test_apply_quota(
    excellent: list[float], good: int, raised: bool, kept: list[Level]
) -> None:
    assert _quota(excellent, good, raised=raised) == kept


def test_the_quota_keeps_the_order_and_touches_no_other_level() -> None:
    scores = [91.0, 60.0, 95.0, 92.0, 40.0, 80.0, 96.0, 75.0, 71.0, 85.0]
    levels = [X, H, X, T, K, T, X, T, T, T]
    # 5 good: keeping 3 needs 15; keeping 2 leaves 6 good (1 allowed); keeping 1
    # leaves 7 good (1 allowed): the highest score, 96, stays excellent.
    assert apply_quota(scores, levels) == [T, H, T, T, K, T, X, T, T, T]


def test_the_quota_never_raises_anyone() -> None:
    assert apply_quota([95.0, 80.0], [T, T]) == [T, T]
    assert apply_quota([], []) == []


def test_the_quota_needs_one_level_per_score() -> None:
    with pytest.raises(ValueError, match="same length"):
        apply_quota([95.0, 80.0], [X])


@pytest.mark.parametrize(
    ("level", "cap", "capped"), [(X, T, T), (T, X, T), (H, H, H), (X, K, K)]
)
def test_a_head_is_not_rated_above_the_unit(
    level: Level, cap: Level, capped: Level
) -> None:
    assert at_most(level, cap) == capped
