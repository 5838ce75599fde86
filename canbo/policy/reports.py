"""The figures of the standard annual reports and the rules of exported files.

Pure functions over plain values: the reports app counts rows in the database
and hands the counts here.

Sources: the four levels and the excellence quota of Nghị định 335/2025/NĐ-CP
art. 20 (see `canbo.policy.levels`); the age groups of the staff structure
report follow the five bands of the staff list filter (under 30, 30–39, 40–49,
50–59, 60 and over), the usual bands of the Bộ Nội vụ staff statistics forms
(Thông tư 06/2025/TT-BNV mẫu biểu thống kê; the exact bands of each form are
[UNVERIFIED]); planning coverage counts a post's active candidates up to the
three a post may have (QĐ 50-QĐ/TW, `canbo.policy.planning.MAX_PER_POST`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal

from canbo.policy.levels import Level, quota_allows
from canbo.policy.planning import MAX_PER_POST

LEVEL_ORDER: tuple[Level, ...] = (Level.HTXSNV, Level.HTTNV, Level.HTNV, Level.KHTNV)

# (code, lowest age, age it stops at or None): the staff structure's age groups.
AGE_GROUPS: tuple[tuple[str, int, int | None], ...] = (
    ("under_30", 0, 30),
    ("30_39", 30, 40),
    ("40_49", 40, 50),
    ("50_59", 50, 60),
    ("60_plus", 60, None),
)


def share_percent(count: int, total: int) -> Decimal:
    """Return `count` as a percentage of `total`, one decimal, half rounded up.

    A share of nothing is 0.0, not an error: an empty unit shows zeros.
    """
    if total <= 0:
        return Decimal("0.0")
    exact = Decimal(100 * count) / Decimal(total)
    return exact.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class LevelDistribution:
    """The levels of one unit for one year, with the excellence quota."""

    total: int
    counts: tuple[int, ...]  # in LEVEL_ORDER
    shares: tuple[Decimal, ...]
    quota: int  # the most "excellent" ratings the "good" ones allow
    within_quota: bool


def level_distribution(
    counts: Mapping[str, int], *, raised: bool = False
) -> LevelDistribution:
    """Count and share each of the four levels, and check the quota.

    Nghị định 335/2025/NĐ-CP art. 20.5: "excellent" may not exceed 20 % of the
    number rated "good" in the unit (25 % when the unit is recognised as
    excellent, `raised`), rounded down as `canbo.policy.levels.quota_allows`.
    Unknown level codes in `counts` are ignored.
    """
    ordered = tuple(int(counts.get(level.value, 0)) for level in LEVEL_ORDER)
    excellent, good, _done, _not_done = ordered
    total = sum(ordered)
    percent = 25 if raised else 20
    return LevelDistribution(
        total=total,
        counts=ordered,
        shares=tuple(share_percent(c, total) for c in ordered),
        quota=good * percent // 100,
        within_quota=quota_allows(excellent, good, raised=raised),
    )


def birth_bounds(code: str, on: date) -> tuple[date | None, date | None]:
    """Return (born after, born on or before) for the age group `code` on `on`.

    Age ≥ low ⇔ born on or before `on` minus low years; age < high ⇔ born after
    `on` minus high years. 29 February becomes 28 February in common years.
    """
    for group, low, high in AGE_GROUPS:
        if group == code:
            after = _years_before(on, high) if high is not None else None
            return after, (_years_before(on, low) if low else None)
    raise KeyError(code)


def _years_before(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def age_group(birth_date: date, on: date) -> str:
    """Return the code of the age group a person born on `birth_date` is in on `on`."""
    for code, _low, _high in AGE_GROUPS:
        after, until = birth_bounds(code, on)
        if (after is None or birth_date > after) and (
            until is None or birth_date <= until
        ):
            return code
    return AGE_GROUPS[0][0]  # born after `on`: counted with the youngest


def coverage_bucket(active_candidates: int) -> int:
    """Return 0, 1, 2 or 3: a post's active candidates, capped at the most a
    post may have (QĐ 50-QĐ/TW: at most three people planned for one post)."""
    return max(0, min(active_candidates, MAX_PER_POST))


# --- exported files -------------------------------------------------------------


@dataclass(frozen=True)
class ExportPolicy:
    """How exports run and how long their files live (settings
    EXPORT_DIRECT_ROWS and EXPORT_KEEP_HOURS; these are the defaults)."""

    direct_rows: int = 2000  # up to this many rows, rendered in the request
    keep_hours: int = 24  # a finished file is downloadable this long
    # A PDF costs about a hundred times more per row than a spreadsheet
    # (WeasyPrint lays out every page: 621 rows took 19 s; bench/reports.py).
    direct_pdf_rows: int = 50


DEFAULT_EXPORT_POLICY = ExportPolicy()


def runs_in_background(
    rows: int, policy: ExportPolicy = DEFAULT_EXPORT_POLICY, *, pdf: bool = False
) -> bool:
    """Whether an export of `rows` rows goes to the task worker (more than
    `direct_rows`, or `direct_pdf_rows` for a PDF) instead of being written
    while the person waits."""
    return rows > (policy.direct_pdf_rows if pdf else policy.direct_rows)


def expires_at(
    finished: datetime, policy: ExportPolicy = DEFAULT_EXPORT_POLICY
) -> datetime:
    """Return when the file of an export finished at `finished` stops being served."""
    return finished + timedelta(hours=policy.keep_hours)


def is_expired(expiry: datetime | None, now: datetime) -> bool:
    """Whether a file with this expiry is gone at `now` (the expiry instant
    itself is already too late); no expiry yet means the file is not ready,
    which is not expiry."""
    return expiry is not None and now >= expiry


def progress_percent(done: int, total: int) -> int:
    """Return the progress of an export as a whole percentage, 0–100."""
    if total <= 0:
        return 0
    return max(0, min(100, 100 * done // total))
