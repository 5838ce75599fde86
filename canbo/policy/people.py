"""Checks on staff records that do not depend on storage.

Sources: Luật Cán bộ, công chức 80/2025/QH15 art. 36 and Luật Viên chức
129/2025/QH15 (a person must be at least 18 to be recruited); Labour Code 2019
art. 143 (working age) for contract staff.
"""

from __future__ import annotations

from datetime import date

from canbo.policy.retirement import age_on

MIN_WORKING_AGE = 18


def birth_date_problems(birth_date: date, *, today: date) -> tuple[str, ...]:
    """Return "in_future" when the birth date is after today, "implausible" before 1900."""
    if birth_date > today:
        return ("in_future",)
    if birth_date.year < 1900:
        return ("implausible",)
    return ()


def assignment_problems(
    *, birth_date: date | None, start: date, end: date | None
) -> tuple[str, ...]:
    """Return the reasons an assignment's dates are invalid.

    Codes: "ends_before_start" when `end` precedes `start`; "under_age" when the
    person is younger than 18 on the start date.
    """
    problems: list[str] = []
    if end is not None and end < start:
        problems.append("ends_before_start")
    if birth_date is not None and age_on(birth_date, start) < MIN_WORKING_AGE:
        problems.append("under_age")
    return tuple(problems)
