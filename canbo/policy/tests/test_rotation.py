"""Periodic position changes and leader rotation (Luật PCTN arts. 24–26, NĐ 59/2019 arts. 38–39,
QĐ 65-QĐ/TW, NĐ 170/2025 art. 48)."""

from __future__ import annotations

from datetime import date

import pytest

from canbo.policy.retirement import Sex, retirement_date
from canbo.policy.rotation import (
    CircumstanceFact,
    CircumstanceKind,
    DueStatus,
    circumstance_problems,
    due_date,
    due_status,
    latest_start_due_by,
    leader_rotation_checks,
    period_problems,
    position_change_checks,
    retiring_soon,
)

ON = date(2026, 11, 1)
YOUNG = date(1990, 5, 5)


def _codes(checks: tuple[object, ...]) -> tuple[str, ...]:
    return tuple(c.code for c in checks)  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("months", "problems"),
    [
        (None, ()),
        (23, ("period_out_of_range",)),
        (24, ()),
        (36, ()),
        (60, ()),
        (61, ("period_out_of_range",)),
    ],
)
def test_period_is_two_to_five_years(
    months: int | None, problems: tuple[str, ...]
) -> None:
    assert period_problems(months) == problems


@pytest.mark.parametrize(
    ("start", "months", "due"),
    [
        (date(2023, 11, 1), 36, date(2026, 11, 1)),
        (date(2021, 8, 31), 60, date(2026, 8, 31)),
        (date(2024, 2, 29), 24, date(2026, 2, 28)),  # clamped to the month's end
        (date(2023, 8, 31), 30, date(2026, 2, 28)),
    ],
)
def test_due_date_is_the_assignment_date_plus_the_period(
    start: date, months: int, due: date
) -> None:
    assert due_date(start, months) == due


@pytest.mark.parametrize(
    ("due", "status"),
    [
        (ON, DueStatus.DUE),  # period exactly reached today
        (date(2026, 1, 1), DueStatus.DUE),  # reached this year
        (date(2025, 12, 31), DueStatus.OVERDUE),  # missed last year's plan
        (date(2026, 11, 2), DueStatus.UPCOMING),
        (date(2027, 5, 1), DueStatus.UPCOMING),  # exactly 6 months ahead
        (date(2027, 5, 2), None),  # beyond the window
    ],
)
def test_due_status(due: date, status: DueStatus | None) -> None:
    assert due_status(due, ON) == status


@pytest.mark.parametrize("months", [24, 30, 36, 48, 60])
@pytest.mark.parametrize(
    "limit",
    [
        date(2026, 2, 28),
        date(2026, 3, 31),
        date(2026, 8, 30),
        date(2026, 12, 31),
        date(2028, 2, 29),
    ],
)
def test_latest_start_due_by_matches_due_date(limit: date, months: int) -> None:
    latest = latest_start_due_by(limit, months)
    assert due_date(latest, months) <= limit
    assert due_date(date.fromordinal(latest.toordinal() + 1), months) > limit


def _born_to_retire(retired_on: date, sex: Sex) -> date:
    """A birth date whose retirement date is the last day of `retired_on`'s month."""
    for year in range(retired_on.year - 63, retired_on.year - 54):
        for month in range(1, 13):
            born = date(year, month, 15)
            if retirement_date(born, sex) == retired_on:
                return born
    raise AssertionError(retired_on)


@pytest.mark.parametrize(
    ("retires", "on", "soon"),
    [
        (
            date(2028, 4, 30),
            date(2026, 11, 1),
            False,
        ),  # exactly 18 months to 1 May 2028
        (date(2028, 4, 30), date(2026, 11, 2), True),  # a day less than 18 months
        (date(2028, 4, 30), date(2026, 12, 1), True),  # 17 months
        (date(2028, 12, 31), date(2026, 11, 1), False),
    ],
)
def test_less_than_18_months_to_retirement_is_not_rotated(
    retires: date, on: date, soon: bool
) -> None:
    born = _born_to_retire(retires, "M")
    assert retiring_soon(born, "M", on) is soon
    codes = _codes(position_change_checks(birth_date=born, sex="M", on=on))
    assert codes == (("retiring_soon",) if soon else ())


CHILD_BORN = date(2023, 11, 1)
STUDY = date(2026, 1, 1)


@pytest.mark.parametrize(
    ("fact", "sex", "codes"),
    [
        (
            CircumstanceFact(CircumstanceKind.CHILD, CHILD_BORN),
            "F",
            (),
        ),  # exactly 36 months old
        (
            CircumstanceFact(CircumstanceKind.CHILD, date(2023, 11, 2)),
            "F",
            ("child",),
        ),  # a day younger
        (
            CircumstanceFact(CircumstanceKind.CHILD, date(2024, 6, 1)),
            "M",
            (),
        ),  # the father, with the mother
        (
            CircumstanceFact(CircumstanceKind.CHILD, date(2024, 6, 1), sole_carer=True),
            "M",
            ("child",),
        ),
        (
            CircumstanceFact(CircumstanceKind.PREGNANCY, date(2026, 6, 1)),
            "F",
            ("pregnancy",),
        ),
        (
            CircumstanceFact(
                CircumstanceKind.PREGNANCY, date(2026, 1, 1), date(2026, 10, 31)
            ),
            "F",
            (),
        ),  # ended
        (
            CircumstanceFact(CircumstanceKind.STUDY, STUDY, date(2026, 12, 31)),
            "M",
            ("study",),
        ),  # exactly 12 months
        (
            CircumstanceFact(CircumstanceKind.STUDY, STUDY, date(2026, 12, 30)),
            "M",
            (),
        ),  # a day short
        (
            CircumstanceFact(
                CircumstanceKind.STUDY, date(2026, 11, 2), date(2028, 1, 1)
            ),
            "M",
            (),
        ),  # not begun
        (
            CircumstanceFact(CircumstanceKind.INSPECTION, date(2026, 3, 1)),
            "M",
            ("inspection",),
        ),
        (
            CircumstanceFact(CircumstanceKind.ILLNESS, date(2026, 3, 1), ON),
            "M",
            ("illness",),
        ),  # last day
        (
            CircumstanceFact(
                CircumstanceKind.SECONDMENT, date(2025, 3, 1), date(2026, 10, 31)
            ),
            "M",
            (),
        ),
        (
            CircumstanceFact(CircumstanceKind.SECONDMENT, date(2025, 3, 1)),
            "M",
            ("secondment",),
        ),
    ],
)
def test_postponements(
    fact: CircumstanceFact, sex: Sex, codes: tuple[str, ...]
) -> None:
    checks = position_change_checks(
        birth_date=YOUNG, sex=sex, on=ON, circumstances=[fact]
    )
    assert _codes(checks) == codes
    assert all(c.severity == "flag" for c in checks)


def test_disciplinary_review_postpones() -> None:
    checks = position_change_checks(
        birth_date=YOUNG, sex="F", on=ON, under_discipline_review=True
    )
    assert _codes(checks) == ("discipline_review",)
    assert checks[0].article == "NĐ 59/2019 Đ.38.1"


@pytest.mark.parametrize(
    ("fact", "sex", "problems"),
    [
        (
            CircumstanceFact(CircumstanceKind.STUDY, STUDY),
            "M",
            {"end": "study_needs_end"},
        ),
        (
            CircumstanceFact(CircumstanceKind.ILLNESS, STUDY, date(2025, 1, 1)),
            "M",
            {"end": "ends_before_start"},
        ),
        (
            CircumstanceFact(CircumstanceKind.PREGNANCY, STUDY),
            "M",
            {"kind": "pregnancy_needs_woman"},
        ),
        (CircumstanceFact(CircumstanceKind.PREGNANCY, STUDY), "F", {}),
    ],
)
def test_circumstance_problems(
    fact: CircumstanceFact, sex: Sex, problems: dict[str, str]
) -> None:
    assert circumstance_problems(fact, sex) == problems


START = date(2027, 1, 1)


@pytest.mark.parametrize(
    ("retires", "short_case", "planned_end", "in_planning", "codes"),
    [
        (
            date(2036, 12, 31),
            False,
            date(2030, 1, 1),
            True,
            (),
        ),  # exactly 10 years left, 36 months
        (date(2036, 11, 30), False, date(2030, 1, 1), True, ("service_left_short",)),
        (
            date(2031, 12, 31),
            True,
            date(2030, 1, 1),
            True,
            (),
        ),  # exactly 5 years, non-local case
        (date(2031, 11, 30), True, date(2030, 1, 1), True, ("service_left_short",)),
        (
            date(2040, 12, 31),
            False,
            date(2029, 12, 31),
            True,
            ("too_short",),
        ),  # a day under 36 months
        (date(2040, 12, 31), False, date(2030, 1, 1), False, ("not_in_planning",)),
    ],
)
def test_leader_rotation(
    retires: date,
    short_case: bool,
    planned_end: date,
    in_planning: bool,
    codes: tuple[str, ...],
) -> None:
    born = _born_to_retire(retires, "M")
    checks = leader_rotation_checks(
        birth_date=born, sex="M", start=START, planned_end=planned_end,
        in_planning=in_planning, short_service_case=short_case,
    )  # fmt: skip
    assert _codes(checks) == codes
    assert all(c.severity == "refuse" for c in checks)
