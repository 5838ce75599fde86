"""Retirement age and date.

Source: Labour Code 45/2019/QH14 art. 169.2; Nghị định 135/2020/NĐ-CP arts. 3–4.
Men retire at 60 years 3 months in 2021, three months later each year until 62 in
2028; women at 55 years 4 months in 2021, four months later each year until 60 in
2035. Retirement takes effect at the end of the last day of the month in which the
required age is reached (Decree 135 art. 3.1).
"""

from __future__ import annotations

import calendar
from datetime import date
from functools import lru_cache
from typing import Literal

Sex = Literal["M", "F"]

_BASE_MONTHS = {"M": 60 * 12, "F": 55 * 12}
_STEP_MONTHS = {"M": 3, "F": 4}
_MAX_MONTHS = {"M": 62 * 12, "F": 60 * 12}


def required_age_months(sex: Sex, year: int) -> int:
    """Return the retirement age, in months, for someone reaching it in `year`.

    Before 2021 the Labour Code 2012 ages apply (60 for men, 55 for women).
    Source: Labour Code 2019 art. 169.2; Decree 135/2020 art. 4.
    """
    if sex not in _BASE_MONTHS:
        msg = f"sex must be 'M' or 'F', not {sex!r}"
        raise ValueError(msg)
    steps = max(0, year - 2020)
    return min(_MAX_MONTHS[sex], _BASE_MONTHS[sex] + _STEP_MONTHS[sex] * steps)


def retirement_date(birth_date: date, sex: Sex) -> date:
    """Return the last day of the month in which the person reaches retirement age.

    The retirement month is the first calendar month M in which the age in
    completed months is at least the required age of the year of M. When only the
    birth year is known, the caller passes 1 January of that year (Decree 135
    art. 3.2). Source: Labour Code 2019 art. 169; Decree 135/2020 arts. 3–4.
    """
    return _retirement_date(birth_date, sex)


@lru_cache(maxsize=65536)  # lists compute it for thousands sharing a birth month
def _retirement_date(birth_date: date, sex: Sex) -> date:
    birth_index = birth_date.year * 12 + birth_date.month - 1
    month_index = birth_index + required_age_months(sex, 2000)
    while month_index - birth_index < required_age_months(sex, month_index // 12):
        month_index += 1
    year, month = divmod(month_index, 12)
    return date(year, month + 1, calendar.monthrange(year, month + 1)[1])


def months_until(target: date, today: date) -> int:
    """Return whole calendar months from `today`'s month to `target`'s month.

    Negative when the target month has passed; 0 in the target month itself.
    """
    return (target.year - today.year) * 12 + target.month - today.month


def age_on(birth_date: date, day: date) -> int:
    """Return the age in completed years on `day`."""
    had_birthday = (day.month, day.day) >= (birth_date.month, birth_date.day)
    return day.year - birth_date.year - (0 if had_birthday else 1)
