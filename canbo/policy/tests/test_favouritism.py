"""The favouritism signal (canbo/policy/favouritism.py): the exact tests, the
minimum number of decisions, the lift and the folding of names and places."""

from __future__ import annotations

import pytest

from canbo.policy.favouritism import (
    FavouritismPolicy,
    favouritism_test,
    place_key,
    policy_from,
    surname_key,
)

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
