"""Retirement dates under Labour Code 2019 art. 169 and Decree 135/2020.

Each expected date was worked out by hand from the age table (men 60y3m in 2021,
+3 months a year to 62y in 2028; women 55y4m in 2021, +4 months a year to 60y in
2035), as the month in which the person first reaches the age required that year.
"""

from __future__ import annotations

from datetime import date

import pytest

from canbo.policy.retirement import (
    age_on,
    months_until,
    required_age_months,
    retirement_date,
)

MEN = [
    # (birth date, retirement date, age reached)
    (date(1960, 9, 5), date(2020, 9, 30)),  # 60y under the 2012 Code
    (date(1961, 1, 10), date(2021, 4, 30)),  # 2021: 60y3m
    (date(1961, 9, 5), date(2021, 12, 31)),  # 2021: 60y3m, last month of the year
    (date(1961, 10, 20), date(2022, 4, 30)),  # misses 2021, needs 60y6m in 2022
    (date(1962, 1, 1), date(2022, 7, 31)),  # 2022: 60y6m
    (date(1962, 7, 31), date(2023, 4, 30)),  # 2023: 60y9m
    (date(1963, 4, 2), date(2024, 4, 30)),  # 2024: 61y
    (date(1964, 1, 15), date(2025, 4, 30)),  # 2025: 61y3m
    (date(1964, 10, 1), date(2026, 4, 30)),  # 2026: 61y6m
    (date(1965, 7, 9), date(2027, 4, 30)),  # 2027: 61y9m
    (date(1966, 4, 30), date(2028, 4, 30)),  # 2028: 62y
    (date(1967, 5, 31), date(2029, 5, 31)),  # 2029: 62y
    (date(1968, 2, 29), date(2030, 2, 28)),  # 2030: 62y, born on a leap day
    (date(1969, 12, 1), date(2031, 12, 31)),  # 2031
    (date(1970, 6, 15), date(2032, 6, 30)),  # 2032
    (date(1971, 3, 1), date(2033, 3, 31)),  # 2033
    (date(1972, 8, 8), date(2034, 8, 31)),  # 2034
    (date(1973, 1, 1), date(2035, 1, 31)),  # 2035
    (date(1974, 11, 30), date(2036, 11, 30)),  # 2036
]

WOMEN = [
    (date(1965, 8, 20), date(2020, 8, 31)),  # 55y under the 2012 Code
    (date(1966, 1, 3), date(2021, 5, 31)),  # 2021: 55y4m
    (date(1966, 9, 12), date(2022, 5, 31)),  # 2022: 55y8m
    (date(1966, 10, 1), date(2022, 6, 30)),  # misses 2021, 55y8m in 2022
    (date(1967, 5, 5), date(2023, 5, 31)),  # 2023: 56y
    (date(1968, 1, 31), date(2024, 5, 31)),  # 2024: 56y4m
    (date(1968, 9, 1), date(2025, 5, 31)),  # 2025: 56y8m
    (date(1969, 5, 18), date(2026, 5, 31)),  # 2026: 57y
    (date(1970, 1, 7), date(2027, 5, 31)),  # 2027: 57y4m
    (date(1970, 9, 30), date(2028, 5, 31)),  # 2028: 57y8m
    (date(1971, 5, 1), date(2029, 5, 31)),  # 2029: 58y
    (date(1972, 1, 20), date(2030, 5, 31)),  # 2030: 58y4m
    (date(1972, 9, 9), date(2031, 5, 31)),  # 2031: 58y8m
    (date(1973, 5, 25), date(2032, 5, 31)),  # 2032: 59y
    (date(1974, 1, 14), date(2033, 5, 31)),  # 2033: 59y4m
    (date(1974, 9, 2), date(2034, 5, 31)),  # 2034: 59y8m
    (date(1975, 5, 10), date(2035, 5, 31)),  # 2035: 60y
    (date(1976, 2, 29), date(2036, 2, 29)),  # 2036: 60y, leap day to leap day
]


@pytest.mark.parametrize(("birth", "expected"), MEN)
def test_retirement_date_for_men(birth: date, expected: date) -> None:
    assert retirement_date(birth, "M") == expected


@pytest.mark.parametrize(("birth", "expected"), WOMEN)
def test_retirement_date_for_women(birth: date, expected: date) -> None:
    assert retirement_date(birth, "F") == expected


@pytest.mark.parametrize(
    ("sex", "year", "months"),
    [
        ("M", 2020, 720), ("M", 2021, 723), ("M", 2022, 726), ("M", 2023, 729),
        ("M", 2024, 732), ("M", 2025, 735), ("M", 2026, 738), ("M", 2027, 741),
        ("M", 2028, 744), ("M", 2036, 744),
        ("F", 2020, 660), ("F", 2021, 664), ("F", 2025, 680), ("F", 2030, 700),
        ("F", 2034, 716), ("F", 2035, 720), ("F", 2036, 720),
    ],
)  # fmt: skip
def test_required_age_follows_the_yearly_steps(
    sex: str, year: int, months: int
) -> None:
    assert required_age_months(sex, year) == months  # type: ignore[arg-type]


def test_every_year_2021_to_2036_is_covered_for_both_sexes() -> None:
    for table in (MEN, WOMEN):
        years = {expected.year for _birth, expected in table}
        assert set(range(2021, 2037)) <= years


def test_rejects_unknown_sex() -> None:
    with pytest.raises(ValueError, match="sex"):
        retirement_date(date(1970, 1, 1), "X")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("target", "today", "months"),
    [
        (date(2028, 4, 30), date(2026, 11, 22), 17),
        (date(2026, 11, 30), date(2026, 11, 22), 0),
        (date(2026, 1, 31), date(2026, 11, 22), -10),
    ],
)
def test_months_until(target: date, today: date, months: int) -> None:
    assert months_until(target, today) == months


@pytest.mark.parametrize(
    ("birth", "day", "age"),
    [
        (date(1990, 11, 22), date(2026, 11, 22), 36),
        (date(1990, 11, 23), date(2026, 11, 22), 35),
        (date(2000, 2, 29), date(2026, 2, 28), 25),
    ],
)
def test_age_on(birth: date, day: date, age: int) -> None:
    assert age_on(birth, day) == age
