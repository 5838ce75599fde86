"""Working days and the reappointment notice (QĐ 377-QĐ/TW, 90 working days)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from canbo.policy.workdays import (
    add_workdays,
    is_workday,
    reappointment_notice_due,
    workdays_between,
)

# The days off of 2026 (Government notice): 1/1, Tết 16–20/2, Giỗ Tổ made up on
# Monday 27/4, 30/4, 1/5, Quốc khánh 1–2/9.
HOLIDAYS_2026 = frozenset(
    {
        date(2026, 1, 1),
        *(date(2026, 2, day) for day in range(16, 21)),
        date(2026, 4, 27),
        date(2026, 4, 30),
        date(2026, 5, 1),
        date(2026, 9, 1),
        date(2026, 9, 2),
    }
)


def _count_by_hand(after: date, through: date) -> int:
    days = (through - after).days
    return sum(
        1
        for n in range(1, days + 1)
        if (after + timedelta(n)).weekday() < 5
        and after + timedelta(n) not in HOLIDAYS_2026
    )


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2026, 2, 13), True),  # Friday before Tết
        (date(2026, 2, 14), False),  # Saturday
        (date(2026, 2, 17), False),  # mùng 1 Tết
        (date(2026, 4, 30), False),
        (date(2026, 9, 2), False),
        (date(2026, 9, 3), True),
    ],
)
def test_is_workday(day: date, expected: bool) -> None:
    assert is_workday(day, HOLIDAYS_2026) is expected


@pytest.mark.parametrize(
    ("start", "count", "expected"),
    [
        (date(2026, 2, 13), 1, date(2026, 2, 23)),  # across Tết
        (date(2026, 2, 23), -1, date(2026, 2, 13)),
        (date(2026, 4, 29), 1, date(2026, 5, 4)),  # across 30/4–1/5 and the weekend
        (date(2026, 5, 4), -1, date(2026, 4, 29)),
        (date(2026, 8, 31), 1, date(2026, 9, 3)),  # across 1–2/9
        (date(2026, 4, 24), 1, date(2026, 4, 28)),  # Giỗ Tổ made up on Monday
        (date(2026, 3, 4), 0, date(2026, 3, 4)),
        (date(2026, 3, 6), 5, date(2026, 3, 13)),  # a plain week
    ],
)
def test_add_workdays(start: date, count: int, expected: date) -> None:
    assert add_workdays(start, count, HOLIDAYS_2026) == expected


@pytest.mark.parametrize(
    ("term_end", "due", "due_without_holidays"),
    [
        # 90 working days back from 30/6 cross 30/4–1/5, Giỗ Tổ and Tết.
        (date(2026, 6, 30), date(2026, 2, 12), date(2026, 2, 24)),
        (date(2026, 7, 31), date(2026, 3, 24), date(2026, 3, 27)),
        # Back from 31/12 across Quốc khánh.
        (date(2026, 12, 31), date(2026, 8, 25), date(2026, 8, 27)),
    ],
)
def test_reappointment_notice_due_90_working_days(
    term_end: date, due: date, due_without_holidays: date
) -> None:
    found = reappointment_notice_due(term_end, HOLIDAYS_2026)
    assert found == due
    assert _count_by_hand(found, term_end) == 90
    assert workdays_between(found, term_end, HOLIDAYS_2026) == 90
    assert is_workday(found, HOLIDAYS_2026)
    assert reappointment_notice_due(term_end, frozenset()) == due_without_holidays


def test_one_day_later_is_89_working_days() -> None:
    due = reappointment_notice_due(date(2026, 6, 30), HOLIDAYS_2026)
    later = add_workdays(due, 1, HOLIDAYS_2026)
    assert workdays_between(later, date(2026, 6, 30), HOLIDAYS_2026) == 89
