"""Regular raises and their delays (TT 08/2013 as amended by TT 03/2021, rules.md §6)."""

from __future__ import annotations

from datetime import date

import pytest

from canbo.policy.discipline import Form
from canbo.policy.salary import (
    Delay,
    delays_in_step,
    discipline_delay,
    due_month_index,
    khtnv_delay,
    next_quarter,
    next_raise,
    quarter_bounds,
)

D = date


@pytest.mark.parametrize(
    ("since", "interval", "delays", "due"),
    [
        (D(2023, 4, 1), 36, (), D(2026, 4, 1)),  # exact months
        (D(2024, 4, 1), 24, (), D(2026, 4, 1)),
        (D(2021, 4, 1), 60, (), D(2026, 4, 1)),
        (D(2023, 1, 31), 36, (), D(2026, 1, 31)),
        (D(2023, 5, 31), 36, (khtnv_delay(2024),), D(2026, 11, 30)),  # end of month
        (D(2024, 2, 29), 36, (), D(2027, 2, 28)),  # 29 February → a common year
        (D(2024, 2, 29), 24, (), D(2026, 2, 28)),
        (D(2024, 2, 29), 60, (), D(2029, 2, 28)),
        (D(2024, 2, 29), 36, (khtnv_delay(2025),), D(2027, 8, 29)),  # 42 months
        (D(2020, 2, 29), 36, (khtnv_delay(2021), khtnv_delay(2022)), D(2024, 2, 29)),
        (
            D(2023, 8, 31),
            36,
            (Delay("discipline", 6, form=Form.REPRIMAND),),
            D(2027, 2, 28),
        ),
        (
            D(2023, 1, 15),
            36,
            (
                khtnv_delay(2023),
                Delay("discipline", 6, form=Form.WARNING),
                Delay("discipline", 12, form=Form.REMOVAL),
            ),
            D(2028, 1, 15),  # 36 + 6 + 6 + 12 months: delays add up
        ),
    ],
)
def test_next_raise_adds_the_interval_and_every_delay(
    since: date, interval: int, delays: tuple[Delay, ...], due: date
) -> None:
    result = next_raise(since, interval, delays)
    assert result.due == due
    assert result.delay_months == sum(d.months for d in delays)


def test_the_regular_date_ignores_the_delays() -> None:
    result = next_raise(D(2023, 3, 31), 36, (khtnv_delay(2024),))
    assert (result.regular, result.due) == (D(2026, 3, 31), D(2026, 9, 30))


@pytest.mark.parametrize("interval", [0, 12, 35, 48])
def test_an_unknown_interval_is_refused(interval: int) -> None:
    with pytest.raises(ValueError, match="interval_months"):
        next_raise(D(2024, 1, 1), interval)


@pytest.mark.parametrize(
    ("form", "category", "months"),
    [
        (Form.REPRIMAND, "cong_chuc", 6),
        (Form.WARNING, "cong_chuc", 6),
        (Form.REMOVAL, "cong_chuc", 12),
        (Form.REPRIMAND, "can_bo", 6),
        (Form.WARNING, "can_bo", 6),
        (Form.REPRIMAND, "vien_chuc", 3),
        (Form.WARNING, "vien_chuc", 6),
        (Form.REMOVAL, "vien_chuc", 12),
        (Form.DISMISSAL, "cong_chuc", None),
        (Form.DISMISSAL, "vien_chuc", None),
    ],
)
def test_discipline_delays_by_form_and_category(
    form: Form, category: str, months: int | None
) -> None:
    delay = discipline_delay(form, category, D(2025, 3, 1))
    assert (delay.months if delay else None) == months


@pytest.mark.parametrize(
    ("since", "years", "decisions", "months", "dismissed"),
    [
        (D(2024, 7, 1), [2024, 2025], [], 12, False),  # two KHTNV years
        (D(2024, 7, 1), [2023], [], 0, False),  # before the step: not counted
        (D(2024, 7, 1), [2024, 2024], [], 6, False),  # one year counts once
        (D(2024, 7, 1), [], [(Form.REPRIMAND, D(2024, 7, 1))], 6, False),  # same day
        (D(2024, 7, 1), [], [(Form.REPRIMAND, D(2024, 6, 30))], 0, False),  # day before
        (
            D(2024, 7, 1),
            [2025],
            [(Form.REPRIMAND, D(2025, 2, 1)), (Form.REMOVAL, D(2026, 2, 1))],
            24,
            False,
        ),
        (D(2024, 7, 1), [], [(Form.DISMISSAL, D(2025, 2, 1))], 0, True),
    ],
)
def test_delays_in_the_current_step(
    since: date,
    years: list[int],
    decisions: list[tuple[Form, date]],
    months: int,
    dismissed: bool,
) -> None:
    delays, blocked = delays_in_step(
        step_since=since, category="cong_chuc", khtnv_years=years, decisions=decisions
    )
    assert (sum(d.months for d in delays), blocked) == (months, dismissed)


def test_a_public_employees_reprimand_delays_three_months() -> None:
    delays, _ = delays_in_step(
        step_since=D(2024, 1, 1),
        category="vien_chuc",
        decisions=[(Form.REPRIMAND, D(2024, 5, 2))],
    )
    result = next_raise(D(2024, 1, 1), 36, delays)
    assert result.due == D(2027, 4, 1)


def test_a_forced_dismissal_leaves_no_raise() -> None:
    result = next_raise(D(2024, 1, 1), 36, (), dismissed=True)
    assert (result.due, result.blocked) == (None, "dismissed")


@pytest.mark.parametrize(
    ("since", "months", "due"),
    [
        (D(2023, 1, 31), 37, D(2026, 2, 28)),
        (D(2024, 2, 29), 36, D(2027, 2, 28)),
        (D(2023, 12, 1), 36, D(2026, 12, 1)),
    ],
)
def test_the_month_index_agrees_with_the_date(
    since: date, months: int, due: date
) -> None:
    assert due_month_index(since, months) == due.year * 12 + due.month - 1


@pytest.mark.parametrize(
    ("year", "quarter", "bounds"),
    [
        (2026, 1, (D(2026, 1, 1), D(2026, 3, 31))),
        (2028, 1, (D(2028, 1, 1), D(2028, 3, 31))),
        (2026, 2, (D(2026, 4, 1), D(2026, 6, 30))),
        (2026, 4, (D(2026, 10, 1), D(2026, 12, 31))),
    ],
)
def test_quarter_bounds(year: int, quarter: int, bounds: tuple[date, date]) -> None:
    assert quarter_bounds(year, quarter) == bounds


@pytest.mark.parametrize(
    ("day", "following"),
    [
        (D(2026, 11, 22), (2027, 1)),
        (D(2026, 3, 31), (2026, 2)),
        (D(2026, 1, 1), (2026, 2)),
    ],
)
def test_next_quarter(day: date, following: tuple[int, int]) -> None:
    assert next_quarter(day) == following
