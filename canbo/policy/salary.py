"""Regular salary raises (nâng bậc lương thường xuyên) and what delays them.

Source: Thông tư 08/2013/TT-BNV as amended by Thông tư 03/2021/TT-BNV (rules.md
§6, CONS-03) [SECONDARY; whether it was re-aligned after 2025 is UNVERIFIED, so
the months below are configurable defaults]:

- the interval is 36 months for ngạch requiring college level or higher, 24 for
  intermediate level and below, 60 for the senior-expert scale;
- +6 months for each year rated "Không hoàn thành nhiệm vụ";
- +6 months for khiển trách or cảnh cáo (cán bộ, công chức) and for cảnh cáo
  (viên chức); +3 months for khiển trách (viên chức); +12 months for cách chức
  (giáng chức, abolished in 2025, counted like cách chức);
- the delays add up. A forced dismissal ends the service: no raise is due.

Which facts count: the years rated KHTNV from the year the current step began,
and the discipline decided on or after that day (while holding the step).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from canbo.policy.discipline import Form, add_months

INTERVALS = (36, 24, 60)
KHTNV_MONTHS = 6
# Months of delay by form, for cán bộ and công chức, and for viên chức.
DISCIPLINE_MONTHS: dict[Form, int] = {
    Form.REPRIMAND: 6,
    Form.WARNING: 6,
    Form.REMOVAL: 12,
}
PUBLIC_EMPLOYEE_MONTHS: dict[Form, int] = {
    Form.REPRIMAND: 3,
    Form.WARNING: 6,
    Form.REMOVAL: 12,
}
PUBLIC_EMPLOYEE = "vien_chuc"


@dataclass(frozen=True)
class Delay:
    """Months added to a raise and why: "khtnv_year" (with its year) or
    "discipline" (with its form and decision date)."""

    code: str
    months: int
    year: int | None = None
    form: Form | None = None
    decided: date | None = None


@dataclass(frozen=True)
class NextRaise:
    """The next regular raise: when it would fall, when it falls, and why."""

    regular: date  # step date + interval, without delays
    due: date | None  # None when no raise is due (forced dismissal)
    delays: tuple[Delay, ...]
    blocked: str = ""  # "dismissed" when a forced dismissal was decided

    @property
    def delay_months(self) -> int:
        return sum(delay.months for delay in self.delays)


def khtnv_delay(year: int, months: int = KHTNV_MONTHS) -> Delay:
    """+6 months for a year rated "Không hoàn thành nhiệm vụ" (TT 08/2013 art. 3)."""
    return Delay("khtnv_year", months, year=year)


def discipline_delay(form: Form, category: str, decided: date) -> Delay | None:
    """The delay of one discipline decision for a person of `category`
    (Person.Category values); None for a forced dismissal (no raise at all)."""
    table = PUBLIC_EMPLOYEE_MONTHS if category == PUBLIC_EMPLOYEE else DISCIPLINE_MONTHS
    months = table.get(form)
    if months is None:
        return None
    return Delay("discipline", months, form=form, decided=decided)


def delays_in_step(
    *,
    step_since: date,
    category: str,
    khtnv_years: Iterable[int] = (),
    decisions: Iterable[tuple[Form, date]] = (),
) -> tuple[tuple[Delay, ...], bool]:
    """Return the delays that count against the current step, oldest first, and
    whether a forced dismissal was decided while holding it.

    KHTNV years count from the year the step began; discipline counts when
    decided on or after `step_since`.
    """
    found = [khtnv_delay(year) for year in sorted(set(khtnv_years))
             if year >= step_since.year]  # fmt: skip
    dismissed = False
    for form, decided in sorted(decisions, key=lambda item: item[1]):
        if decided < step_since:
            continue
        delay = discipline_delay(form, category, decided)
        if delay is None:
            dismissed = True
        else:
            found.append(delay)
    return tuple(found), dismissed


def next_raise(
    step_since: date,
    interval_months: int,
    delays: Iterable[Delay] = (),
    *,
    dismissed: bool = False,
) -> NextRaise:
    """Return the next regular raise date: `step_since` + the interval + every
    delay, in calendar months (the 31st becomes the month's last day; 29
    February becomes 28 February in a common year)."""
    if interval_months not in INTERVALS:
        raise ValueError(f"interval_months must be one of {INTERVALS}")
    kept = tuple(delays)
    regular = add_months(step_since, interval_months)
    if dismissed:
        return NextRaise(regular, None, kept, blocked="dismissed")
    total = interval_months + sum(delay.months for delay in kept)
    return NextRaise(regular, add_months(step_since, total), kept)


def due_month_index(step_since: date, months: int) -> int:
    """The month (year × 12 + month − 1) in which `step_since` + `months` falls;
    adding months never moves the day into another month."""
    return step_since.year * 12 + step_since.month - 1 + months


def quarter_bounds(year: int, quarter: int) -> tuple[date, date]:
    """First and last day of a calendar quarter (1–4)."""
    if not 1 <= quarter <= 4:
        raise ValueError("quarter must be between 1 and 4")
    start = date(year, 3 * quarter - 2, 1)
    return start, date.fromordinal(add_months(start, 3).toordinal() - 1)


def quarter_of(day: date) -> tuple[int, int]:
    return day.year, (day.month - 1) // 3 + 1


def next_quarter(day: date) -> tuple[int, int]:
    year, quarter = quarter_of(day)
    return (year + 1, 1) if quarter == 4 else (year, quarter + 1)
