"""Periodic job-position changes and leader rotation, as plain values.

Periodic changes (chuyển đổi vị trí công tác), rules.md §8.1 (ROT-01..03):
- Luật Phòng, chống tham nhũng 2018 art. 24 (non-leaders and viên chức), art. 25
  (positions in personnel work, public finance, public assets, public investment
  and direct dealings with the public rotate every "từ đủ 02 năm đến 05 năm",
  counted from the decision assigning the position), art. 26 (an annual plan,
  published).
- Nghị định 59/2019/NĐ-CP art. 38 (rotation postponed: disciplinary review;
  inspection, verification, investigation, prosecution or trial; a serious
  illness; full-time study of 12 months or more; secondment; pregnancy or
  raising a child under 36 months, a man when raising the child alone) and
  art. 39.2 (no rotation with less than 18 months left before retirement age).
- Law 132/2025/QH15 amends the anti-corruption law from 01/7/2026; whether
  arts. 24–26 or Decree 59 changed is [UNVERIFIED], so every figure below is a
  default in `RotationPolicy` that a caller may replace.

Leader rotation (luân chuyển), rules.md §8.2 (ROT-04): QĐ 65-QĐ/TW (candidates
in planning, at least 10 years of service left at the start) [SECONDARY];
Nghị định 138/2020 art. 56 (one full term, 5 years, for the non-local and
two-term cases) [SECONDARY]; Nghị định 170/2025 art. 48 (each rotation lasts
at least 36 months).

Reasons are stable codes; the interfaces translate them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum
from typing import Literal

from canbo.policy.discipline import add_months
from canbo.policy.retirement import Sex, retirement_date

Severity = Literal["refuse", "flag"]


@dataclass(frozen=True)
class RotationPolicy:
    """The figures of the rules, with their defaults (sources in the module docstring)."""

    min_period_months: int = 24  # Luật PCTN art. 25.2: "từ đủ 02 năm"
    max_period_months: int = 60  # ... "đến 05 năm"
    retirement_margin_months: int = 18  # Decree 59 art. 39.2
    child_months: int = 36  # Decree 59 art. 38.4
    study_months: int = 12  # Decree 59 art. 38.3
    due_window_months: int = 6  # the due list looks this far ahead (practice)
    leader_min_months: int = 36  # Decree 170/2025 art. 48
    leader_service_years: int = 10  # QĐ 65; Decree 138 art. 56
    leader_service_years_short: int = 5  # non-local / two-term cases: one term


DEFAULT_POLICY = RotationPolicy()


class CircumstanceKind(StrEnum):
    """The cases of Decree 59 art. 38 that a personnel officer records."""

    INSPECTION = "inspection"  # 38.2: inspection, verification, investigation, trial
    ILLNESS = "illness"  # 38.3: treating a serious illness
    STUDY = "study"  # 38.3: full-time study of 12 months or more
    SECONDMENT = "secondment"  # 38.3: on secondment (biệt phái)
    PREGNANCY = "pregnancy"  # 38.4
    CHILD = "child"  # 38.4: raising a child under 36 months (start = birth date)


class DueStatus(StrEnum):
    OVERDUE = "overdue"  # the period ended before this year: missed a yearly plan
    DUE = "due"  # the period ends this year, on or before today
    UPCOMING = "upcoming"  # the period ends within the window ahead


@dataclass(frozen=True)
class Check:
    """One reason a change or rotation is refused or flagged."""

    code: str
    severity: Severity
    article: str
    overridable: bool = False
    until: date | None = None
    params: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class CircumstanceFact:
    kind: CircumstanceKind
    start: date
    end: date | None = None  # None: still going on
    sole_carer: bool = False  # a man raising the child alone (art. 38.4)


def period_problems(
    months: int | None, policy: RotationPolicy = DEFAULT_POLICY
) -> tuple[str, ...]:
    """Refuse a rotation period outside 2 to 5 years (Luật PCTN art. 25.2); None = not subject."""
    if months is None:
        return ()
    if not policy.min_period_months <= months <= policy.max_period_months:
        return ("period_out_of_range",)
    return ()


def due_date(assigned_on: date, months: int) -> date:
    """Return the day the period is reached: assignment date + the position's period.

    Source: Luật PCTN art. 25.2 (counted from the decision assigning the position).
    """
    return add_months(assigned_on, months)


def due_status(
    due: date, today: date, policy: RotationPolicy = DEFAULT_POLICY
) -> DueStatus | None:
    """Classify a due date against `today`; None when it lies beyond the window.

    The period reached exactly today is "due". A period that ended in an earlier
    calendar year should have been in that year's plan (art. 26): "overdue".
    """
    if due > today:
        return (
            DueStatus.UPCOMING
            if due <= add_months(today, policy.due_window_months)
            else None
        )
    if due.year < today.year:
        return DueStatus.OVERDUE
    return DueStatus.DUE


def latest_start_due_by(limit: date, months: int) -> date:
    """Return the latest assignment date whose period is reached on or before `limit`.

    `due_date` is non-decreasing in the start date, so the starts due by `limit`
    are exactly those on or before this day (month ends are clamped, hence the loop).
    """
    start = add_months(limit, -months)
    while due_date(start + timedelta(days=1), months) <= limit:
        start += timedelta(days=1)
    while due_date(start, months) > limit:
        start -= timedelta(days=1)
    return start


def _retired_from(birth_date: date, sex: Sex) -> date:
    """The first day of retirement (the day after the retirement date)."""
    return retirement_date(birth_date, sex) + timedelta(days=1)


def retiring_soon(
    birth_date: date, sex: Sex, on: date, policy: RotationPolicy = DEFAULT_POLICY
) -> bool:
    """Whether less than 18 months of service are left on `on` (Decree 59 art. 39.2).

    Exactly 18 months left is not "less than": that person still rotates.
    """
    return add_months(on, policy.retirement_margin_months) > _retired_from(
        birth_date, sex
    )


def _circumstance_check(
    fact: CircumstanceFact, sex: Sex, on: date, policy: RotationPolicy
) -> Check | None:
    if fact.kind is CircumstanceKind.CHILD:
        if sex == "M" and not fact.sole_carer:
            return None
        until = add_months(fact.start, policy.child_months)
        if fact.start <= on < until:  # a child exactly 36 months old no longer counts
            return Check(
                "child", "flag", "NĐ 59/2019 Đ.38.4", until=until - timedelta(days=1)
            )
        return None
    if fact.kind is CircumstanceKind.STUDY and (
        fact.end is None
        or fact.end < add_months(fact.start, policy.study_months) - timedelta(days=1)
    ):
        return None  # shorter than 12 months (or of unknown length): no postponement
    if fact.start <= on and (fact.end is None or on <= fact.end):
        article = {
            CircumstanceKind.INSPECTION: "NĐ 59/2019 Đ.38.2",
            CircumstanceKind.PREGNANCY: "NĐ 59/2019 Đ.38.4",
        }.get(fact.kind, "NĐ 59/2019 Đ.38.3")
        return Check(fact.kind.value, "flag", article, until=fact.end)
    return None


def position_change_checks(
    *,
    birth_date: date,
    sex: Sex,
    on: date,
    circumstances: Iterable[CircumstanceFact] = (),
    under_discipline_review: bool = False,
    policy: RotationPolicy = DEFAULT_POLICY,
) -> tuple[Check, ...]:
    """Return why a periodic change on `on` is not made ("refuse") or postponed ("flag").

    "retiring_soon" (refuse): less than 18 months to retirement age (Decree 59
    art. 39.2). Postponements (flag, Decree 59 art. 38): "discipline_review",
    "inspection", "illness", "study" (full-time, 12 months or more: exactly 12
    counts), "secondment", "pregnancy", "child" (under 36 months; a man only
    when raising the child alone).
    """
    checks: list[Check] = []
    if retiring_soon(birth_date, sex, on, policy):
        retired = _retired_from(birth_date, sex)
        checks.append(
            Check("retiring_soon", "refuse", "NĐ 59/2019 Đ.39.2", until=retired - timedelta(days=1),
                  params={"months": policy.retirement_margin_months})
        )  # fmt: skip
    if under_discipline_review:
        checks.append(Check("discipline_review", "flag", "NĐ 59/2019 Đ.38.1"))
    for fact in circumstances:
        check = _circumstance_check(fact, sex, on, policy)
        if check is not None:
            checks.append(check)
    return tuple(checks)


def circumstance_problems(
    fact: CircumstanceFact, sex: Sex, policy: RotationPolicy = DEFAULT_POLICY
) -> dict[str, str]:
    """Return {field: code} for a circumstance that cannot be recorded as entered."""
    problems: dict[str, str] = {}
    if fact.end is not None and fact.end < fact.start:
        problems["end"] = "ends_before_start"
    if fact.kind is CircumstanceKind.STUDY and fact.end is None:
        problems["end"] = "study_needs_end"
    if fact.kind is CircumstanceKind.PREGNANCY and sex != "F":
        problems["kind"] = "pregnancy_needs_woman"
    return problems


def leader_rotation_checks(
    *,
    birth_date: date,
    sex: Sex,
    start: date,
    planned_end: date,
    in_planning: bool,
    short_service_case: bool = False,
    policy: RotationPolicy = DEFAULT_POLICY,
) -> tuple[Check, ...]:
    """Return why a leader rotation (luân chuyển) is refused; empty when it may go ahead.

    "not_in_planning": only cadres in planning are rotated (QĐ 65-QĐ/TW).
    "service_left_short": at least 10 years of service left at the start, or 5
    for the non-local and two-term cases (QĐ 65; Decree 138 art. 56); exactly
    10 (5) years is enough. "too_short": a rotation lasts at least 36 months
    (Decree 170/2025 art. 48); exactly 36 months is enough.
    """
    checks: list[Check] = []
    if not in_planning:
        checks.append(Check("not_in_planning", "refuse", "QĐ 65-QĐ/TW"))
    years = (
        policy.leader_service_years_short
        if short_service_case
        else policy.leader_service_years
    )
    if add_months(start, 12 * years) > _retired_from(birth_date, sex):
        checks.append(
            Check(
                "service_left_short",
                "refuse",
                "QĐ 65-QĐ/TW; NĐ 138/2020 Đ.56",
                params={"years": years},
            )
        )
    if planned_end < add_months(start, policy.leader_min_months):
        checks.append(
            Check(
                "too_short",
                "refuse",
                "NĐ 170/2025 Đ.48",
                params={"months": policy.leader_min_months},
            )
        )
    return tuple(checks)
