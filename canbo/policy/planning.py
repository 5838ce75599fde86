"""Succession planning (quy hoạch cán bộ) as plain values.

Source: Quy định 377-QĐ/TW (08/10/2025), which replaced QĐ 50-QĐ/TW (2021)
(rules.md §7, PLAN-01..03):

- "Chỉ quy hoạch chức danh cao hơn, mỗi chức danh lãnh đạo, quản lý quy hoạch
  không quá ba cán bộ, một cán bộ quy hoạch không quá ba chức danh ở cùng cấp.
  Không thực hiện quy hoạch đồng thời với việc đề xuất bổ nhiệm" (PLAN-01);
- a cadre planned for the next term must be able to work two terms or more, at
  least one full term (PLAN-02; QĐ 50 wording, QĐ 377 wording [UNVERIFIED]);
- structure: three age groups, young cadres, women, ethnic minorities (PLAN-03;
  the QĐ 50 numbers young ≥ 15 %, women ≥ 25 % are configurable defaults, the
  QĐ 377 numbers are [UNVERIFIED]);
- the annual review removes those who do not complete their tasks or violate
  rules (QĐ 377; QĐ 50 removed a disciplined cadre or one past the planning age);
- a trust vote with more than half "low" removes the cadre from planning for
  higher posts (QĐ 96-QĐ/TW, rules.md §10).

Today's date is always a parameter. Every check is a `Check` with a stable code
that the interface translates; none is overridable.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from typing import Literal

from canbo.policy.discipline import DisciplineFact, add_months, career_flags

Severity = Literal["refuse", "flag"]
KHTNV = "KHTNV"

# PLAN-01: at most three candidates per post and three posts per person per level.
MAX_PER_POST = 3
MAX_POSTS_PER_LEVEL = 3
# PLAN-02: one full term required, two terms preferred (term = 5 years).
TERM_YEARS = 5
MIN_TERMS = 1
PREFERRED_TERMS = 2
# Discipline flags that refuse planning: an open review (no planning meanwhile),
# forced dismissal, a removal from post less than 5 years ago (no higher post).
REFUSING_DISCIPLINE = frozenset({"under_review", "removed_recently", "dismissed"})
# Trust-vote outcomes of QĐ 96 that remove a cadre from planning for higher posts.
LOW_TRUST = frozenset({"review", "dismiss"})


@dataclass(frozen=True)
class Check:
    """One reason to refuse or flag a candidate; `params` fill the message."""

    code: str
    severity: Severity
    overridable: bool = False
    params: dict[str, object] = field(default_factory=dict, compare=False)

    @property
    def refuses(self) -> bool:
        return self.severity == "refuse"


@dataclass(frozen=True)
class CandidateFacts:
    """What the checks need to know about planning one person for one post.

    `current_rank` is the rank of the highest post the person holds (0 for none);
    `pool_active` counts the other active candidates of the pool; `same_level`
    counts the person's other active plans for posts of the same rank.
    """

    post_rank: int
    current_rank: int
    pool_active: int
    same_level: int
    term_start: date
    retirement: date
    open_proposal: bool = False
    discipline: tuple[str, ...] = ()  # codes of canbo.policy.discipline.career_flags
    trust_outcome: str | None = None
    levels: tuple[tuple[int, str], ...] = ()  # (year, level) of the last years


def serves_until(term_start: date, retirement: date, years: int) -> bool:
    """Whether someone retiring on `retirement` (their last working day) can work
    `years` full years from `term_start`: exactly five years left is one full term."""
    return add_months(term_start, 12 * years) <= retirement + timedelta(days=1)


def years_left(term_start: date, retirement: date) -> Decimal:
    """Years of service from `term_start` to the retirement date, to one decimal."""
    months = (retirement.year - term_start.year) * 12 + retirement.month
    months -= term_start.month - 1  # the retirement month is worked to its end
    return (Decimal(max(months, 0)) / 12).quantize(Decimal("0.1"))


def candidate_checks(facts: CandidateFacts) -> tuple[Check, ...]:
    """Return the refusals and flags for adding a candidate to a pool.

    Refuse: "not_higher" (the post's rank is not above the person's current post,
    PLAN-01); "pool_full" (the post already has 3 candidates, PLAN-01);
    "posts_at_level" (already planned for 3 posts of that level, PLAN-01);
    "open_proposal" (an appointment proposal is open, PLAN-01); "under_one_term"
    (less than one full 5-year term left from the term start, PLAN-02);
    "low_trust" (latest trust vote "review" or "dismiss", QĐ 96); "under_review",
    "removed_recently", "dismissed" (discipline, QĐ 377 and canbo.policy.discipline).
    Flag (needs a written justification): "under_two_terms" (less than 10 years,
    PLAN-02); "in_force" (inside a discipline period); "khtnv" (rated "Không hoàn
    thành nhiệm vụ" in one of the last years, QĐ 377 annual review).
    """
    return (*_quota_checks(facts), *_age_checks(facts), *_record_checks(facts))


def _quota_checks(facts: CandidateFacts) -> list[Check]:
    checks: list[Check] = []
    if facts.post_rank <= facts.current_rank:
        checks.append(
            Check("not_higher", "refuse", params={"rank": facts.current_rank})
        )
    if facts.pool_active >= MAX_PER_POST:
        checks.append(Check("pool_full", "refuse", params={"n": MAX_PER_POST}))
    if facts.same_level >= MAX_POSTS_PER_LEVEL:
        checks.append(
            Check("posts_at_level", "refuse", params={"n": MAX_POSTS_PER_LEVEL})
        )
    if facts.open_proposal:
        checks.append(Check("open_proposal", "refuse"))
    return checks


def _age_checks(facts: CandidateFacts) -> list[Check]:
    left = years_left(facts.term_start, facts.retirement)
    years = {"years": left, "retirement": facts.retirement}
    if not serves_until(facts.term_start, facts.retirement, TERM_YEARS * MIN_TERMS):
        return [Check("under_one_term", "refuse", params=years)]
    if not serves_until(
        facts.term_start, facts.retirement, TERM_YEARS * PREFERRED_TERMS
    ):
        return [Check("under_two_terms", "flag", params=years)]
    return []


def _record_checks(facts: CandidateFacts) -> list[Check]:
    checks: list[Check] = []
    if facts.trust_outcome in LOW_TRUST:
        checks.append(
            Check("low_trust", "refuse", params={"outcome": facts.trust_outcome})
        )
    for code in dict.fromkeys(facts.discipline):
        if code in REFUSING_DISCIPLINE:
            checks.append(Check(code, "refuse"))
        elif code == "in_force":
            checks.append(Check("in_force", "flag"))
    failed = [year for year, level in facts.levels if level == KHTNV]
    if failed:
        years_text = ", ".join(str(y) for y in sorted(failed))
        checks.append(Check("khtnv", "flag", params={"years": years_text}))
    return checks


def review_reasons(
    *,
    year: int,
    level: str | None,
    discipline: Iterable[DisciplineFact],
    retirement: date,
    term_start: date,
    trust_outcome: str | None,
) -> tuple[str, ...]:
    """Return why a candidate should leave planning at the annual review of `year`.

    "khtnv": rated "Không hoàn thành nhiệm vụ" in `year` (QĐ 377: those who do not
    complete their tasks are removed). "disciplined": a discipline decided with
    effect in `year`, in force at its end, or a forced dismissal or a recent
    removal from post (QĐ 50 removed disciplined cadres automatically; QĐ 377
    [UNVERIFIED] detail). "too_old": cannot serve one full term counted from the
    later of the term start and 1 January after the review (PLAN-02; the rule for
    planning within the current term is [UNVERIFIED]). "low_trust": the latest
    trust vote is "review" or "dismiss" (QĐ 96).
    """
    reasons: list[str] = []
    if level == KHTNV:
        reasons.append("khtnv")
    facts = list(discipline)
    year_end = date(year, 12, 31)
    decided_in_year = any(
        f.stage == "decided"
        and f.effective_from is not None
        and f.effective_from.year == year
        for f in facts
    )
    flags = {flag.code for flag in career_flags(facts, year_end)}
    if decided_in_year or flags & {"in_force", "removed_recently", "dismissed"}:
        reasons.append("disciplined")
    start = max(term_start, date(year + 1, 1, 1))
    if not serves_until(start, retirement, TERM_YEARS * MIN_TERMS):
        reasons.append("too_old")
    if trust_outcome in LOW_TRUST:
        reasons.append("low_trust")
    return tuple(reasons)


# Structure of a pool or a set of pools (PLAN-03).


@dataclass(frozen=True)
class Targets:
    """Configurable structure targets. Defaults from the old QĐ 50-QĐ/TW (young
    cadres under 40 at provincial level ≥ 15 %, women ≥ 25 %); the QĐ 377 numbers
    are [UNVERIFIED]. Age groups: under `young_age`, `young_age`–`old_age`, over
    `old_age`. `ethnic_min` 0 means "appropriate to the area", no number."""

    young_age: int = 40
    old_age: int = 50
    young_min: int = 15
    women_min: int = 25
    ethnic_min: int = 0


DEFAULT_TARGETS = Targets()


@dataclass(frozen=True)
class Member:
    age: int
    sex: str  # "M" or "F"
    ethnicity: str


@dataclass(frozen=True)
class Share:
    code: str  # "under", "middle", "over", "young", "women", "ethnic"
    count: int
    percent: int  # of the total, rounded down
    target: int | None  # minimum percent, None when there is none

    @property
    def below(self) -> bool:
        return (
            self.target is not None and self.target > 0 and self.percent < self.target
        )


@dataclass(frozen=True)
class Structure:
    total: int
    shares: tuple[Share, ...]

    def share(self, code: str) -> Share:
        return next(s for s in self.shares if s.code == code)


def structure(
    members: Sequence[Member], targets: Targets = DEFAULT_TARGETS
) -> Structure:
    """Count the three age groups, young cadres, women and ethnic minorities
    (ethnicity other than "Kinh") among `members`, against `targets` (PLAN-03).

    A young cadre is under `targets.young_age`; the middle group is
    `young_age` ≤ age ≤ `old_age`; the older group is over `old_age`.
    """
    total = len(members)

    def share(code: str, count: int, target: int | None = None) -> Share:
        percent = 100 * count // total if total else 0
        return Share(code, count, percent, target)

    under = sum(1 for m in members if m.age < targets.young_age)
    over = sum(1 for m in members if m.age > targets.old_age)
    women = sum(1 for m in members if m.sex == "F")
    ethnic = sum(1 for m in members if m.ethnicity.strip().casefold() != "kinh")
    return Structure(
        total,
        (
            share("under", under),
            share("middle", total - under - over),
            share("over", over),
            share("young", under, targets.young_min),
            share("women", women, targets.women_min),
            share("ethnic", ethnic, targets.ethnic_min or None),
        ),
    )


# The 9-box grid: performance from the last years' scores × potential.

Band = Literal["low", "medium", "high"]
BANDS: tuple[Band, ...] = ("low", "medium", "high")


@dataclass(frozen=True)
class PerformanceBands:
    """Mean annual score below `medium` is low, from `high` up is high (the
    EVAL-02 thresholds of 70 and 90 by default; configurable)."""

    medium: Decimal = Decimal(70)
    high: Decimal = Decimal(90)
    years: int = 3


DEFAULT_BANDS = PerformanceBands()


def performance(
    scores: Sequence[Decimal], bands: PerformanceBands = DEFAULT_BANDS
) -> Band | None:
    """Return the band of the mean of the last `bands.years` annual scores (newest
    first), or None without any score."""
    recent = list(scores)[: bands.years]
    if not recent:
        return None
    mean = sum(recent, Decimal(0)) / len(recent)
    if mean >= bands.high:
        return "high"
    if mean >= bands.medium:
        return "medium"
    return "low"


def nine_box(band: Band | None, potential: int | None) -> int | None:
    """Return the box 1–9 (1 = low performance and low potential, 9 = high and
    high; rows by potential, columns by performance), or None when either is
    unknown. Potential is 1 (low) to 3 (high), entered by the officer."""
    if band is None or potential not in (1, 2, 3):
        return None
    return (potential - 1) * 3 + BANDS.index(band) + 1
