"""Working days: weekdays that are not public holidays.

Source: Labour Code 45/2019/QH14 art. 112 (public holidays: 1/1, Tết âm lịch 5 days,
10/3 âm lịch, 30/4, 1/5, 2/9 and one day before or after it; a holiday falling on a
weekend is made up on the next working day) and Nghị định 145/2020/NĐ-CP art. 105
(Saturday and Sunday are the weekly rest days of the State's offices). The exact days
off each year are fixed by the Government's notice, so the holidays are passed in by
the caller (configured by an administrator), never built in here.

Used by the reappointment notice (QĐ 377-QĐ/TW: notify "chậm nhất 90 ngày làm việc
trước ngày hết thời hạn bổ nhiệm", rules.md APPT-04).
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import date, timedelta

WEEKEND = frozenset({5, 6})  # Saturday, Sunday (date.weekday())
# QĐ 377-QĐ/TW: the notice of reappointment, in working days before the term ends.
REAPPOINTMENT_NOTICE_WORKDAYS = 90


def is_workday(day: date, holidays: Collection[date]) -> bool:
    """Return whether `day` is a working day: not a weekend, not a public holiday."""
    return day.weekday() not in WEEKEND and day not in holidays


def add_workdays(day: date, count: int, holidays: Collection[date]) -> date:
    """Return the working day `count` working days after `day` (before it if negative).

    `day` itself is not counted: one working day after a Friday is the next Monday
    (unless that Monday is a holiday). `count` 0 returns `day` unchanged.
    """
    step = timedelta(days=1 if count >= 0 else -1)
    remaining = abs(count)
    current = day
    while remaining:
        current += step
        if is_workday(current, holidays):
            remaining -= 1
    return current


def workdays_between(start: date, end: date, holidays: Collection[date]) -> int:
    """Return the working days after `start` up to and including `end` (0 if end ≤ start)."""
    count = 0
    current = start
    while current < end:
        current += timedelta(days=1)
        if is_workday(current, holidays):
            count += 1
    return count


def reappointment_notice_due(
    term_end: date,
    holidays: Collection[date],
    workdays: int = REAPPOINTMENT_NOTICE_WORKDAYS,
) -> date:
    """Return the last day to notify a reappointment: `workdays` working days before
    the term's last day (QĐ 377-QĐ/TW; rules.md APPT-04: at least 90 working days)."""
    return add_workdays(term_end, -workdays, holidays)
