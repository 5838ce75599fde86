"""The annual reports' figures and the export rules, as tables."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest

from canbo.policy.reports import (
    ExportPolicy,
    age_group,
    birth_bounds,
    coverage_bucket,
    expires_at,
    is_expired,
    level_distribution,
    progress_percent,
    runs_in_background,
    share_percent,
)


@pytest.mark.parametrize(
    ("count", "total", "expected"),
    [
        (0, 0, "0.0"),
        (1, 0, "0.0"),
        (0, 7, "0.0"),
        (1, 3, "33.3"),
        (2, 3, "66.7"),
        (1, 8, "12.5"),
        (1, 16, "6.3"),  # 6.25 rounds half up
        (7, 7, "100.0"),
    ],
)
def test_share_percent(count: int, total: int, expected: str) -> None:
    assert share_percent(count, total) == Decimal(expected)


@pytest.mark.parametrize(
    ("counts", "raised", "total", "quota", "within"),
    [
        ({}, False, 0, 0, True),
        ({"HTXSNV": 1, "HTTNV": 4}, False, 5, 0, False),  # 4 good allow none
        ({"HTXSNV": 1, "HTTNV": 5}, False, 6, 1, True),  # boundary: 5 good allow 1
        ({"HTXSNV": 2, "HTTNV": 9}, False, 11, 1, False),
        ({"HTXSNV": 2, "HTTNV": 8}, True, 10, 2, True),  # 25 % of 8 = 2
        ({"HTXSNV": 2, "HTTNV": 7}, True, 9, 1, False),
        ({"HTNV": 3, "KHTNV": 1, "XYZ": 5}, False, 4, 0, True),  # unknown ignored
    ],
)
def test_level_distribution_quota(
    counts: dict[str, int], raised: bool, total: int, quota: int, within: bool
) -> None:
    found = level_distribution(counts, raised=raised)
    assert (found.total, found.quota, found.within_quota) == (total, quota, within)


def test_level_distribution_counts_and_shares_in_level_order() -> None:
    found = level_distribution({"HTNV": 1, "HTTNV": 2, "HTXSNV": 1})
    assert found.counts == (1, 2, 1, 0)
    assert found.shares == (
        Decimal("25.0"), Decimal("50.0"), Decimal("25.0"), Decimal("0.0"),
    )  # fmt: skip


ON = date(2026, 6, 30)


@pytest.mark.parametrize(
    ("birth", "expected"),
    [
        (date(2000, 1, 1), "under_30"),
        (date(1996, 7, 1), "under_30"),  # 29 the day before the 30th birthday
        (date(1996, 6, 30), "30_39"),  # 30 on the day
        (date(1986, 7, 1), "30_39"),
        (date(1986, 6, 30), "40_49"),
        (date(1976, 6, 30), "50_59"),
        (date(1966, 7, 1), "50_59"),
        (date(1966, 6, 30), "60_plus"),
        (date(1940, 1, 1), "60_plus"),
        (date(2027, 1, 1), "under_30"),  # born after the date: youngest group
    ],
)
def test_age_group(birth: date, expected: str) -> None:
    assert age_group(birth, ON) == expected


def test_birth_bounds_on_29_february() -> None:
    assert birth_bounds("30_39", date(2028, 2, 29)) == (
        date(1988, 2, 29), date(1998, 2, 28),
    )  # fmt: skip
    with pytest.raises(KeyError):
        birth_bounds("70_plus", ON)


@pytest.mark.parametrize(
    ("active", "bucket"), [(-1, 0), (0, 0), (1, 1), (3, 3), (4, 3)]
)
def test_coverage_bucket(active: int, bucket: int) -> None:
    assert coverage_bucket(active) == bucket


POLICY = ExportPolicy(direct_rows=100, keep_hours=2, direct_pdf_rows=10)
NOON = datetime(2026, 11, 10, 12, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("rows", "background"), [(0, False), (100, False), (101, True)]
)
def test_runs_in_background(rows: int, background: bool) -> None:
    assert runs_in_background(rows, POLICY) is background


@pytest.mark.parametrize(
    ("now", "expired"),
    [
        (datetime(2026, 11, 10, 13, 59, tzinfo=UTC), False),
        (datetime(2026, 11, 10, 14, 0, tzinfo=UTC), True),  # the instant itself
        (datetime(2026, 11, 11, 0, 0, tzinfo=UTC), True),
    ],
)
def test_expiry(now: datetime, expired: bool) -> None:
    assert is_expired(expires_at(NOON, POLICY), now) is expired


def test_no_expiry_yet_is_not_expired() -> None:
    assert is_expired(None, NOON) is False


@pytest.mark.parametrize(
    ("done", "total", "percent"),
    [(0, 0, 0), (0, 10, 0), (1, 3, 33), (3, 3, 100), (5, 3, 100)],
)
def test_progress_percent(done: int, total: int, percent: int) -> None:
    assert progress_percent(done, total) == percent
