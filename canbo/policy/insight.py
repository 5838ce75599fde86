"""Figures of the dashboards and of the comparison with equivalent posts.

Pure arithmetic over counts the selectors have already aggregated, so the same
rules hold for a live dashboard and for a precomputed snapshot.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from canbo.policy.levels import QUOTA_PERCENT, RAISED_QUOTA_PERCENT

# Age groups of the pyramid: the lower bound of each group, in years.
AGE_GROUPS: tuple[int, ...] = (0, 30, 35, 40, 45, 50, 55, 60)


def percent(part: float, whole: float) -> int:
    """`part` as a whole percent of `whole`, rounded down (as the planning
    structure shares, canbo.policy.planning.structure); 0 when `whole` is 0."""
    if whole <= 0:
        return 0
    return int(100 * part // whole)


@dataclass(frozen=True)
class QuotaCheck:
    excellent: int
    good: int
    cap: int  # the most "excellent" ratings the "good" ones allow
    excess: int  # how many "excellent" ratings are beyond the cap (0 if none)


def quota_check(excellent: int, good: int, *, raised: bool = False) -> QuotaCheck:
    """Compare the "excellent" ratings with the quota of 20 % of the "good" ones
    (25 % for a unit recognised as excellent), rounded down.

    Source: Nghị định 335/2025 art. 20.5 and canbo.policy.levels.quota_allows;
    on a dashboard the check is a signal: the quota holds within each unit and
    each group with similar duties, which the period's calibration enforces.
    """
    share = RAISED_QUOTA_PERCENT if raised else QUOTA_PERCENT
    cap = good * share // 100
    return QuotaCheck(excellent, good, cap, max(0, excellent - cap))


def kpi(
    completed: Decimal | float | None, assigned: Decimal | float | None
) -> int | None:
    """Task completion as a whole percent: converted products completed over
    those assigned (Decree 335 art. 14 figures on the sheets), rounded down;
    None without assigned work. Above 100 when more was done than assigned."""
    if not assigned or assigned <= 0:
        return None
    return int(100 * Decimal(completed or 0) // Decimal(assigned))


def age_on(birth: date, day: date) -> int:
    """Age in whole years on `day`."""
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def age_group(age: int) -> int:
    """The index in AGE_GROUPS of the group holding `age` (the last group is
    open-ended: 60 and over)."""
    index = 0
    for i, lower in enumerate(AGE_GROUPS):
        if age >= lower:
            index = i
    return index


def group_label(index: int) -> str:
    """ "<30", "30–34" … "60+": the label of an age group (not translated)."""
    lower = AGE_GROUPS[index]
    if index == 0:
        return f"<{AGE_GROUPS[1]}"
    if index == len(AGE_GROUPS) - 1:
        return f"{lower}+"
    return f"{lower}–{AGE_GROUPS[index + 1] - 1}"


def born_after(day: date, age: int) -> date:
    """People born after this date are under `age` on `day` (29 February born
    people count from 1 March in a common year, as age_on does)."""
    try:
        return day.replace(year=day.year - age)
    except ValueError:  # 29 February in a common year
        return date(day.year - age, 2, 28)


@dataclass(frozen=True)
class TaskFigures:
    total: int  # not cancelled
    accepted: int
    late: int  # accepted after the deadline without an objective cause
    overdue: int  # still open after the deadline

    @property
    def completion(self) -> int:
        return percent(self.accepted, self.total)

    @property
    def late_share(self) -> int:
        """Late among the accepted."""
        return percent(self.late, self.accepted)

    @property
    def overdue_share(self) -> int:
        return percent(self.overdue, self.total)


@dataclass(frozen=True)
class Holder:
    key: int  # the caller's id of the row
    score: Decimal | None
    kpi: int | None


def rank(holders: Sequence[Holder]) -> dict[int, int | None]:
    """Rank holders of equivalent posts by annual score, then by KPI, both
    higher first; equal pairs share a rank and the next rank skips (standard
    competition ranking, "1224"). Holders without a score are not ranked
    (None): an unrated year is not a low result."""
    scored = [h for h in holders if h.score is not None]
    scored.sort(key=lambda h: (-(h.score or 0), -(h.kpi if h.kpi is not None else -1)))
    ranks: dict[int, int | None] = {h.key: None for h in holders}
    previous: tuple[Decimal | None, int | None] | None = None
    current = 0
    for position, holder in enumerate(scored, start=1):
        pair = (holder.score, holder.kpi)
        if pair != previous:
            current = position
            previous = pair
        ranks[holder.key] = current
    return ranks
