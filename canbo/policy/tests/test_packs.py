"""Choosing and validating policy packs."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from canbo.policy.packs import (
    BUILT_IN,
    GENERAL_CRITERIA,
    ND90_2020,
    ND233_2026,
    ND335_2026,
    OPEN_SETTINGS,
    QD366_2025,
    Cadence,
    Category,
    Criterion,
    Pack,
    built_in,
    derive,
    general_problems,
    pack_for,
    pack_problems,
)

C = Category


@pytest.mark.parametrize(
    ("category", "day", "own_rules", "pack"),
    [
        (C.CIVIL_SERVANT, date(2026, 1, 1), True, ND335_2026),
        (C.CIVIL_SERVANT, date(2025, 12, 31), True, ND90_2020),
        (C.CADRE, date(2026, 5, 1), True, ND335_2026),
        # Viên chức: Decree 90 until 30/6/2026, Decree 233 from 1/7/2026 ...
        (C.PUBLIC_EMPLOYEE, date(2026, 6, 30), True, ND90_2020),
        (C.PUBLIC_EMPLOYEE, date(2026, 7, 1), True, ND233_2026),
        # ... unless the unit had no rules of its own: Decree 90 to the end of 2026.
        (C.PUBLIC_EMPLOYEE, date(2026, 12, 1), False, ND90_2020),
        (C.PUBLIC_EMPLOYEE, date(2027, 1, 1), False, ND233_2026),
        (C.PARTY, date(2026, 3, 31), True, QD366_2025),
    ],
)
def test_the_pack_follows_the_dates_and_the_category(
    category: Category, day: date, own_rules: bool, pack: Pack
) -> None:
    assert pack_for(category, day, unit_has_own_rules=own_rules) is pack


def test_no_pack_before_any_text() -> None:
    with pytest.raises(LookupError, match="dang_vien"):
        pack_for(C.PARTY, date(2024, 1, 1))


@pytest.mark.parametrize("pack", BUILT_IN, ids=lambda p: p.code)
def test_built_in_packs_are_valid_and_sum_to_30(pack: Pack) -> None:
    assert pack_problems(pack) == ()
    assert pack.general_points == 30
    assert pack.open_settings <= set(OPEN_SETTINGS)


def test_only_viên_chức_have_the_head_capped_by_a_verified_rule() -> None:
    assert ND233_2026.head_capped_by_unit
    assert "head_capped_by_unit" not in ND233_2026.open_settings
    assert not ND335_2026.head_capped_by_unit
    assert "head_capped_by_unit" in ND335_2026.open_settings


def _with(points: list[str]) -> tuple[Criterion, ...]:
    return tuple(
        Criterion(f"k{i}", "a", f"Tiêu chí {i}", Decimal(p))
        for i, p in enumerate(points)
    )


@pytest.mark.parametrize(
    ("changes", "problems"),
    [
        ({"criteria": _with(["10", "10", "10"])}, ()),
        ({"criteria": _with(["10", "10", "9.5"])}, ("criteria_not_30",)),
        ({"criteria": _with(["30", "0"])}, ("criterion_points",)),
        ({"criteria": (*_with(["15"]), *_with(["15"]))}, ("criterion_codes",)),
        ({"quota_percent": 21}, ("quota_above_decree",)),
        ({"raised_quota_percent": 30}, ("quota_above_decree",)),
        ({"quota_percent": 15, "cadence": Cadence.QUARTER}, ()),
        ({"deduction": Decimal(0)}, ("deduction_range",)),
        ({"min_months_worked": 13}, ("min_months_range",)),
    ],
)
def test_a_derived_pack_stays_within_the_decree(
    changes: dict[str, object], problems: tuple[str, ...]
) -> None:
    pack = derive(ND335_2026, "KH_2026", "Khánh Hòa 2026", **changes)
    assert pack.derived_from == "ND335_2026"
    assert pack_problems(pack) == problems


def test_the_default_criteria_cover_the_three_groups_of_article_12() -> None:
    groups = {c.group: Decimal(0) for c in GENERAL_CRITERIA}
    for criterion in GENERAL_CRITERIA:
        groups[criterion.group] += criterion.points
    assert groups == {"a": 10, "b": 12, "c": 8}


def _points(**changes: str) -> dict[str, Decimal]:
    points = {c.code: c.points for c in GENERAL_CRITERIA}
    for code, value in changes.items():
        if value == "-":
            del points[code]
        else:
            points[code] = Decimal(value)
    return points


@pytest.mark.parametrize(
    ("changes", "problems"),
    [
        ({}, {}),
        ({"a1": "2.5", "c2": "0"}, {}),
        ({"a1": "3.5"}, {"a1": "out_of_range"}),
        ({"b1": "-1"}, {"b1": "out_of_range"}),
        ({"c1": "-"}, {"c1": "missing"}),
        ({"z9": "1"}, {"z9": "unknown"}),
    ],
)
def test_general_points_are_checked_criterion_by_criterion(
    changes: dict[str, str], problems: dict[str, str]
) -> None:
    assert general_problems(ND335_2026, _points(**changes)) == problems


def test_built_in_packs_are_found_by_code() -> None:
    assert built_in("ND233_2026") is ND233_2026
    with pytest.raises(LookupError):
        built_in("XX")
