"""The shape of a planned province, without a database."""

from __future__ import annotations

import random

import pytest

from canbo.demo.generate.plan import plan_province


@pytest.mark.parametrize("staff", [3000, 130_000])
def test_a_planned_province_has_one_unit_per_30_to_40_staff(staff: int) -> None:
    units = plan_province(random.Random(1), staff).walk()

    assert sum(unit.headcount for unit in units) == staff
    assert 30 <= staff / len(units) <= 40


def test_a_large_province_has_departments_communes_wards_and_service_units() -> None:
    kinds = {unit.kind for unit in plan_province(random.Random(1), 130_000).walk()}

    assert kinds == {
        "province",
        "department",
        "division",
        "service_unit",
        "commune",
        "ward",
    }


def test_every_planned_unit_has_room_for_its_leaders_and_one_professional() -> None:
    for unit in plan_province(random.Random(7), 3000).walk():
        if not unit.fixed:
            assert unit.headcount >= unit.leaders + 1, unit.code


def test_the_same_seed_plans_the_same_tree_and_another_seed_a_different_one() -> None:
    def shape(seed: int) -> list[tuple[str, str, int]]:
        return [
            (u.code, u.name, u.headcount)
            for u in plan_province(random.Random(seed), 3000).walk()
        ]

    assert shape(5) == shape(5)
    assert shape(5) != shape(6)
