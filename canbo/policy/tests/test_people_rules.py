from __future__ import annotations

from datetime import date

import pytest

from canbo.policy.people import assignment_problems, birth_date_problems

TODAY = date(2026, 11, 22)


@pytest.mark.parametrize(
    ("birth", "problems"),
    [
        (date(1990, 1, 1), ()),
        (TODAY, ()),
        (date(2026, 11, 23), ("in_future",)),
        (date(1899, 12, 31), ("implausible",)),
    ],
)
def test_birth_date_problems(birth: date, problems: tuple[str, ...]) -> None:
    assert birth_date_problems(birth, today=TODAY) == problems


@pytest.mark.parametrize(
    ("birth", "start", "end", "problems"),
    [
        (date(1990, 5, 1), date(2015, 1, 1), None, ()),
        (date(1990, 5, 1), date(2008, 5, 1), None, ()),  # 18th birthday
        (date(1990, 5, 1), date(2008, 4, 30), None, ("under_age",)),
        (
            date(1990, 5, 1),
            date(2015, 1, 1),
            date(2014, 12, 31),
            ("ends_before_start",),
        ),
        (date(1990, 5, 1), date(2015, 1, 1), date(2015, 1, 1), ()),
        (
            date(2000, 1, 1),
            date(2010, 1, 1),
            date(2009, 1, 1),
            ("ends_before_start", "under_age"),
        ),
        (None, date(2015, 1, 1), None, ()),
    ],
)
def test_assignment_problems(
    birth: date | None, start: date, end: date | None, problems: tuple[str, ...]
) -> None:
    assert assignment_problems(birth_date=birth, start=start, end=end) == problems
