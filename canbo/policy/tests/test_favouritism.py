"""The favouritism signal (canbo/policy/favouritism.py): the exact tests, the
minimum number of decisions, the lift and the folding of names and places."""

from __future__ import annotations

import dataclasses

import pytest

from canbo.policy.favouritism import (
    FavouritismPolicy,
    Stratum,
    adjusted,
    favouritism_test,
    place_key,
    policy_from,
    stratified_test,
    surname_key,
)
from canbo.policy.stats import hypergeom_sf

POLICY = FavouritismPolicy()


@pytest.mark.parametrize(
    ("decisions", "matching", "pool", "pool_matching", "p_value", "flagged"),
    [
        # 9 of 10 from the head's hometown where 10 % of the pool is: p = 9.1e-9
        (10, 9, 100, 10, 10 * 0.1**9 * 0.9 + 0.1**10, True),
        (10, 1, 100, 10, 1 - 0.9**10, False),  # as chance gives
        (10, 0, 100, 10, 1.0, False),
        # 70 % where the pool has 50 %: significant but a lift of 1.4 only
        (200, 140, 1000, 500, None, False),
        (10, 3, 100, 0, 0.0, True),  # nobody in the pool shares it
    ],
)
def test_binomial_signal(
    decisions: int,
    matching: int,
    pool: int,
    pool_matching: int,
    p_value: float | None,
    flagged: bool,
) -> None:
    signal = favouritism_test(
        decisions=decisions, matching=matching, pool=pool,
        pool_matching=pool_matching, from_pool=False, policy=POLICY,
    )  # fmt: skip
    assert signal is not None
    if p_value is not None:
        assert signal.p_value == pytest.approx(p_value, rel=1e-9)
    else:
        assert signal.p_value < 1e-6
    assert signal.flagged is flagged


def test_fewer_decisions_than_the_minimum_make_no_test() -> None:
    args = {"matching": 4, "pool": 100, "pool_matching": 10, "from_pool": False}
    assert favouritism_test(decisions=4, policy=POLICY, **args) is None  # type: ignore[arg-type]
    assert favouritism_test(decisions=5, policy=POLICY, **args) is not None  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("alpha", "flagged"), [(0.001, False), (1 / 252, True), (0.0039, False)]
)
def test_hypergeometric_signal_at_the_threshold(alpha: float, flagged: bool) -> None:
    # all 5 rated excellent come from the 5 of 10 sharing the hometown: p = 1/252
    policy = FavouritismPolicy(favour_min_decisions=5, favour_alpha=alpha)
    signal = favouritism_test(
        decisions=5, matching=5, pool=10, pool_matching=5, from_pool=True,
        policy=policy,
    )  # fmt: skip
    assert signal is not None
    assert signal.p_value == pytest.approx(1 / 252)
    assert (signal.share, signal.pool_share) == (1.0, 0.5)
    assert signal.flagged is flagged


def test_decisions_from_the_pool_cannot_exceed_it() -> None:
    with pytest.raises(ValueError, match="pool"):
        favouritism_test(
            decisions=12, matching=5, pool=10, pool_matching=5, from_pool=True,
            policy=POLICY,
        )  # fmt: skip


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("Xã An Bình, Tỉnh Hà Tĩnh", "xa an binh  tinh ha tinh", True),
        ("Xã An Bình, Tỉnh Hà Tĩnh", "Xã An Bình - Tỉnh Hà Tĩnh", True),
        ("Xã An Bình, Tỉnh Hà Tĩnh", "Xã An Bình, Tỉnh Nghệ An", False),
        ("", "", True),  # the detector never matches a blank place
    ],
)
def test_place_key(a: str, b: str, same: bool) -> None:
    assert (place_key(a) == place_key(b)) is same


@pytest.mark.parametrize(
    ("name", "surname"),
    [("Nguyễn Văn An", "nguyen"), ("ĐẶNG thị Hoa", "dang"), ("  ", "")],
)
def test_surname_key(name: str, surname: str) -> None:
    assert surname_key(name) == surname


def test_policy_from_a_runs_settings() -> None:
    policy = policy_from({"favour_alpha": "0.01", "favour_min_decisions": 20})
    assert (policy.favour_alpha, policy.favour_min_decisions) == (0.01, 20)
    assert policy.favour_min_lift == 1.5


@pytest.mark.parametrize(
    ("strata", "p_value", "expected", "flagged"),
    [
        # one stratum is the plain test: all 5 chosen from the 5 of 10 matching
        ([Stratum(10, 5, 5, 5)], 1 / 252, 2.5, True),
        # the matching people are exactly the best performers: no signal
        ([Stratum(12, 8, 12, 8), Stratum(37, 2, 0, 0)], 1.0, 8.0, False),
        # the same counts pooled would be: 8 of 12 chosen against 10 of 49
        ([Stratum(49, 10, 12, 8)], hypergeom_sf(8, 49, 10, 12), 12 * 10 / 49, True),
        # chosen above their equals in the middle stratum only
        ([Stratum(10, 2, 10, 2), Stratum(39, 8, 8, 6)], None, 2 + 8 * 8 / 39, True),
        # significant but under the lift of 1.5 × what the strata give
        ([Stratum(400, 200, 200, 140)], None, 100.0, False),
    ],
)
def test_stratified_signal(
    strata: list[Stratum], p_value: float | None, expected: float, flagged: bool
) -> None:
    signal = stratified_test(strata, policy=POLICY)
    assert signal is not None
    if p_value is not None:
        assert signal.p_value == pytest.approx(p_value)
    else:
        assert signal.p_value < 0.001
    assert signal.expected == pytest.approx(expected)
    assert signal.flagged is flagged
    assert signal.strata == len(strata)


def test_a_stratified_test_needs_enough_decisions_and_nested_counts() -> None:
    assert (
        stratified_test([Stratum(10, 5, 2, 2), Stratum(10, 5, 2, 2)], policy=POLICY)
        is None
    )
    with pytest.raises(ValueError, match="nest"):
        stratified_test([Stratum(10, 5, 6, 6)], policy=POLICY)


@pytest.mark.parametrize(
    ("p_values", "flagged"),
    [
        ([0.01], [True]),  # one test: as it is
        ([0.01, 0.5, 0.9, 0.95, 0.99], [True, False, False, False, False]),  # q 0.05
        ([0.011, 0.5, 0.9, 0.95, 0.99], [False] * 5),  # q 0.055: over the alpha
        ([0.02, 0.02, 0.9], [True, True, False]),  # q 0.03 for both
    ],
)
def test_signals_are_adjusted_for_the_runs_tests(
    p_values: list[float], flagged: list[bool]
) -> None:
    signals = [
        favouritism_test(
            decisions=10, matching=9, pool=100, pool_matching=10, from_pool=False,
            policy=POLICY,
        )
        for _p in p_values
    ]  # fmt: skip
    raw = [
        dataclasses.replace(s, p_value=p)
        for s, p in zip(signals, p_values, strict=True)
        if s is not None
    ]
    result = adjusted(raw, policy=POLICY)
    assert [s.flagged for s in result] == flagged
    assert [s.p_value for s in result] == p_values
    assert all(s.q_value is not None and s.q_value >= s.p_value for s in result)
