"""Appointment (bổ nhiệm), reappointment (bổ nhiệm lại) and extension to retirement.

Sources (rules.md §9 and the summary table):
- APPT-01, term: Nghị định 170/2025/NĐ-CP art. 28 — 5 years from the decision's
  effective date, reappointments unlimited.
- APPT-02, age: old enough to serve the full term, counted from the start of the
  appointment process, for a first appointment or a higher post; not applied to an
  equal or lower post (Decree 138/2020, replaced; Decree 170 / QĐ 377 wording
  [UNVERIFIED], so `AppointmentPolicy.term_months` is a configurable default).
- APPT-03, time in post: at least 24 months in the current or an equivalent post,
  non-consecutive equivalent periods added together, except a first appointment
  (Decree 85/2023 for viên chức; for công chức under Decree 170 [UNVERIFIED]:
  `min_months_in_post` is a configurable default).
- Conditions: Decree 170 art. 29 and QĐ 377-QĐ/TW art. 34 — meets the post's
  standards; internal source planned for that post or an equivalent or higher one,
  external source planned for an equivalent or higher post.
- APPT-04, reappointment: rated "hoàn thành nhiệm vụ" or better during the term
  (QĐ 377); the notice is due 90 working days before the term ends (see workdays.py).
- APPT-05, extension to retirement: applies when less than one term is left; a
  secret ballot of the leadership collective needs more than 50 %; at exactly
  50 % the head decides (QĐ 727/QĐ-BNV, 2025).
- Discipline (rules.md §12, canbo.policy.discipline.career_flags) and trust votes
  (QĐ 96-QĐ/TW, rules.md §10).
- RET-01: retirement dates from canbo.policy.retirement (Labour Code art. 169).

Every rule is a `Check` with a stable code; "refuse" checks block the approval
unless `overridable` and a head set them aside with a written justification;
"flag" checks are shown and never block. The caller passes every date.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum
from typing import Literal

from canbo.policy.discipline import Flag, add_months
from canbo.policy.levels import Level
from canbo.policy.retirement import Sex, retirement_date

Severity = Literal["refuse", "flag"]


class Kind(StrEnum):
    FIRST = "first"  # bổ nhiệm lần đầu
    HIGHER = "higher"  # bổ nhiệm giữ chức vụ cao hơn
    EQUAL = "equal"  # bổ nhiệm chức vụ tương đương hoặc thấp hơn
    REAPPOINTMENT = "reappointment"  # bổ nhiệm lại
    EXTENSION = "extension"  # kéo dài thời gian giữ chức vụ đến tuổi nghỉ hưu


class Source(StrEnum):
    INTERNAL = "internal"  # nguồn tại chỗ
    EXTERNAL = "external"  # nguồn từ nơi khác


# The rules an eligibility check looks at, in the order they are shown.
RULES = (
    "kind",
    "standards",
    "planning",
    "tenure",
    "age",
    "term",
    "evaluation",
    "discipline",
    "trust",
)
# The article behind each rule, shown beside its reason.
ARTICLES = {
    "kind": "NĐ 170/2025 art. 29",
    "standards": "NĐ 170/2025 art. 29; QĐ 377-QĐ/TW art. 34",
    "planning": "NĐ 170/2025 art. 29; QĐ 377-QĐ/TW art. 34",
    "tenure": "NĐ 85/2023 (APPT-03)",
    "age": "NĐ 138/2020 (APPT-02)",
    "term": "QĐ 377-QĐ/TW; QĐ 727/QĐ-BNV (APPT-04, APPT-05)",
    "evaluation": "QĐ 377-QĐ/TW (APPT-04)",
    "discipline": "NĐ 172/2025; QĐ 377-QĐ/TW",
    "trust": "QĐ 96-QĐ/TW",
}


@dataclass(frozen=True)
class AppointmentPolicy:
    """Parameters of the appointment rules; the marked ones are configurable defaults."""

    term_months: int = 60  # APPT-01
    min_months_in_post: int = 24  # APPT-03 [UNVERIFIED for công chức]
    evaluation_years: int = 3  # years of results looked at for a new post [default]
    extension_notice_days: int = 90  # APPT-05: start ≥ 90 days before the term ends


DEFAULT_POLICY = AppointmentPolicy()


@dataclass(frozen=True)
class Check:
    """One reason a proposal is refused or flagged, with the values that explain it."""

    code: str
    severity: Severity
    overridable: bool
    params: Mapping[str, object] = field(default_factory=dict)
    rule: str = ""

    @property
    def article(self) -> str:
        return ARTICLES.get(self.rule, "")


@dataclass(frozen=True)
class Held:
    """A period in a leadership post: `end` None while still held."""

    post_rank: int
    start: date
    end: date | None = None


@dataclass(frozen=True)
class Plan:
    """A post the person is actively planned for."""

    post_id: int
    post_rank: int


@dataclass(frozen=True)
class Facts:
    """Everything the eligibility check reads about one proposal."""

    kind: Kind
    on: date  # the start of the appointment process
    post_id: int
    post_rank: int
    birth_date: date
    sex: Sex
    source: Source = Source.INTERNAL
    held: tuple[Held, ...] = ()
    plans: tuple[Plan, ...] = ()
    levels: tuple[
        tuple[int, str], ...
    ] = ()  # (year, level) of published annual results
    discipline: tuple[Flag, ...] = ()  # canbo.policy.discipline.career_flags on `on`
    trust_outcome: str | None = None  # latest trust vote: "none", "review", "dismiss"
    standard_gaps: tuple[str, ...] | None = None  # None: the standards are not recorded
    term_start: date | None = None  # the ending term (reappointment, extension)
    term_end: date | None = None


@dataclass(frozen=True)
class Eligibility:
    rules: tuple[str, ...]
    checks: tuple[Check, ...]

    @property
    def refusals(self) -> tuple[Check, ...]:
        return tuple(c for c in self.checks if c.severity == "refuse")

    @property
    def flags(self) -> tuple[Check, ...]:
        return tuple(c for c in self.checks if c.severity == "flag")

    def blocking(self, overridden: Collection[str] = ()) -> tuple[Check, ...]:
        """The refusals still standing once the overridable ones in `overridden` are set aside."""
        return tuple(
            c for c in self.refusals if not (c.overridable and c.code in overridden)
        )

    def failed_rules(self) -> frozenset[str]:
        return frozenset(c.rule for c in self.checks)


def term_end(start: date, months: int = DEFAULT_POLICY.term_months) -> date:
    """Return the last day of a term of `months` months from `start` (APPT-01):
    start + 60 months − 1 day, e.g. 01/3/2026 → 28/02/2031."""
    return add_months(start, months) - timedelta(days=1)


def months_between(start: date, end: date) -> int:
    """Return the complete calendar months from `start` up to `end` (0 if end ≤ start).

    01/3/2024 → 01/3/2026 is 24 months; → 28/02/2026 is 23.
    """
    if end <= start:
        return 0
    months = (end.year - start.year) * 12 + end.month - start.month
    if add_months(start, months) > end:
        months -= 1
    return months


def months_to_retirement(birth_date: date, sex: Sex, on: date) -> int:
    """Return the complete months from `on` to the end of the retirement day (RET-01)."""
    return months_between(on, retirement_date(birth_date, sex) + timedelta(days=1))


def months_in_post(held: Iterable[Held], rank: int, on: date) -> int:
    """Return the months spent in posts of `rank` before `on`, periods added together
    (APPT-03: "nếu không liên tục thì được cộng dồn"); overlapping periods count once.

    Whole months of each separate stretch are added, and their leftover days
    together count 30 to a month.
    """
    spans = sorted(
        (h.start, min(h.end + timedelta(days=1), on) if h.end else on)
        for h in held
        if h.post_rank == rank and h.start < on
    )
    merged: list[tuple[date, date]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    months = 0
    days = 0
    for start, end in merged:
        whole = months_between(start, end)
        months += whole
        days += (end - add_months(start, whole)).days
    return months + days // 30


def current_rank(held: Iterable[Held], on: date) -> int | None:
    """Return the highest rank of the posts held on `on`, or None."""
    ranks = [
        h.post_rank for h in held if h.start <= on and (h.end is None or h.end >= on)
    ]
    return max(ranks) if ranks else None


def extension_applies(
    birth_date: date, sex: Sex, term_last_day: date, months: int = 60
) -> bool:
    """Whether less than one term is left at the end of the term (APPT-05): then the
    post is extended to retirement instead of a new five-year reappointment."""
    return (
        months_to_retirement(birth_date, sex, term_last_day + timedelta(days=1))
        < months
    )


def _kind_checks(f: Facts) -> list[Check]:
    rank = current_rank(f.held, f.on)
    if f.kind is Kind.FIRST and f.held:
        return [Check("not_first", "refuse", False, {}, "kind")]
    if f.kind is Kind.HIGHER and (rank is None or f.post_rank <= rank):
        return [Check("not_higher", "refuse", False, {"rank": rank or 0}, "kind")]
    if f.kind is Kind.EQUAL and (rank is None or f.post_rank > rank):
        return [Check("not_equal", "refuse", False, {"rank": rank or 0}, "kind")]
    return []


def _standards_checks(f: Facts) -> list[Check]:
    if f.standard_gaps is None:
        return [Check("standards_not_recorded", "flag", False, {}, "standards")]
    if f.standard_gaps:
        gaps = ", ".join(f.standard_gaps)
        return [Check("standards_gap", "refuse", True, {"gaps": gaps}, "standards")]
    return []


def _planning_checks(f: Facts) -> list[Check]:
    if f.kind not in (Kind.FIRST, Kind.HIGHER):
        return []
    same_post = f.source is Source.INTERNAL
    for plan in f.plans:
        if plan.post_rank >= f.post_rank or (same_post and plan.post_id == f.post_id):
            return []
    return [Check("not_in_planning", "refuse", True, {"source": f.source}, "planning")]


def _tenure_checks(f: Facts, policy: AppointmentPolicy) -> list[Check]:
    if f.kind not in (Kind.HIGHER, Kind.EQUAL):
        return []
    rank = current_rank(f.held, f.on)
    months = 0 if rank is None else months_in_post(f.held, rank, f.on)
    if months >= policy.min_months_in_post:
        return []
    params = {"months": months, "required": policy.min_months_in_post}
    return [Check("tenure_short", "refuse", True, params, "tenure")]


def _age_checks(f: Facts, policy: AppointmentPolicy) -> list[Check]:
    if f.kind not in (Kind.FIRST, Kind.HIGHER):
        return []
    left = months_to_retirement(f.birth_date, f.sex, f.on)
    if left >= policy.term_months:
        return []
    params = {
        "months": left,
        "required": policy.term_months,
        "retires": retirement_date(f.birth_date, f.sex).isoformat(),
    }
    return [Check("age_short_of_term", "refuse", False, params, "age")]


def _term_checks(f: Facts, policy: AppointmentPolicy) -> list[Check]:
    if f.kind not in (Kind.REAPPOINTMENT, Kind.EXTENSION):
        return []
    if f.term_end is None:
        return [Check("no_term", "refuse", False, {}, "term")]
    applies = extension_applies(f.birth_date, f.sex, f.term_end, policy.term_months)
    retires = retirement_date(f.birth_date, f.sex).isoformat()
    if f.kind is Kind.REAPPOINTMENT and applies:
        return [
            Check("extension_instead", "refuse", False, {"retires": retires}, "term")
        ]
    if f.kind is Kind.EXTENSION and not applies:
        return [
            Check("reappoint_instead", "refuse", False, {"retires": retires}, "term")
        ]
    if f.kind is Kind.EXTENSION:
        latest = f.term_end - timedelta(days=policy.extension_notice_days)
        if f.on > latest:
            params = {
                "latest": latest.isoformat(),
                "days": policy.extension_notice_days,
            }
            return [Check("extension_late", "flag", False, params, "term")]
    return []


def _evaluation_checks(f: Facts, policy: AppointmentPolicy) -> list[Check]:
    if f.kind in (Kind.REAPPOINTMENT, Kind.EXTENSION) and f.term_start is not None:
        first, last = f.term_start.year, f.on.year
        during = [(y, lv) for y, lv in f.levels if first <= y <= last]
        failed = sorted(y for y, lv in during if lv == Level.KHTNV)
        if failed:
            years = ", ".join(str(y) for y in failed)
            return [
                Check(
                    "term_not_completed",
                    "refuse",
                    False,
                    {"years": years},
                    "evaluation",
                )
            ]
        if not during:
            return [Check("no_results", "flag", False, {}, "evaluation")]
        return []
    first = f.on.year - policy.evaluation_years
    failed = sorted(y for y, lv in f.levels if lv == Level.KHTNV and y >= first)
    if failed:
        years = ", ".join(str(y) for y in failed)
        return [
            Check("recent_not_completed", "flag", False, {"years": years}, "evaluation")
        ]
    return []


_DISCIPLINE = {
    "under_review": "discipline_under_review",
    "in_force": "discipline_in_force",
    "dismissed": "discipline_dismissed",
}


def _discipline_checks(f: Facts) -> list[Check]:
    checks: list[Check] = []
    for flag in f.discipline:
        params = {"until": flag.until.isoformat()} if flag.until else {}
        if flag.code in _DISCIPLINE:
            checks.append(
                Check(_DISCIPLINE[flag.code], "refuse", False, params, "discipline")
            )
        elif flag.code == "removed_recently" and f.kind in (Kind.FIRST, Kind.HIGHER):
            checks.append(
                Check("removed_recently", "refuse", False, params, "discipline")
            )
    return checks


def _trust_checks(f: Facts) -> list[Check]:
    if f.trust_outcome == "dismiss":
        return [Check("trust_dismiss", "refuse", False, {}, "trust")]
    if f.trust_outcome == "review":
        return [Check("trust_review", "flag", False, {}, "trust")]
    return []


def eligibility(
    facts: Facts, policy: AppointmentPolicy = DEFAULT_POLICY
) -> Eligibility:
    """Check a proposal against every appointment rule (rules.md §9; see the module
    docstring for the articles). Returns the rules looked at and the failed checks."""
    checks = [
        *_kind_checks(facts),
        *_standards_checks(facts),
        *_planning_checks(facts),
        *_tenure_checks(facts, policy),
        *_age_checks(facts, policy),
        *_term_checks(facts, policy),
        *_evaluation_checks(facts, policy),
        *_discipline_checks(facts),
        *_trust_checks(facts),
    ]
    rules = {
        Kind.FIRST: ("kind", "standards", "planning", "age"),
        Kind.HIGHER: ("kind", "standards", "planning", "tenure", "age"),
        Kind.EQUAL: ("kind", "standards", "tenure"),
        Kind.REAPPOINTMENT: ("standards", "term"),
        Kind.EXTENSION: ("term",),
    }[facts.kind]
    looked = {*rules, "evaluation", "discipline", "trust"}
    return Eligibility(tuple(r for r in RULES if r in looked), tuple(checks))


# --- Extension ballot (APPT-05) ---------------------------------------------------

BallotOutcome = Literal["passed", "failed", "head_decides"]


def ballot_problems(voters: int, agree: int, disagree: int) -> tuple[str, ...]:
    """Stable codes for a ballot that cannot be counted."""
    problems: list[str] = []
    if voters <= 0:
        problems.append("no_voters")
    if min(agree, disagree) < 0:
        problems.append("negative")
    elif agree + disagree > voters:
        problems.append("more_than_voters")
    return tuple(problems)


def extension_ballot_outcome(voters: int, agree: int) -> BallotOutcome:
    """Outcome of the leadership collective's secret ballot on an extension (QĐ 727/QĐ-BNV):
    more than 50 % of the voters agree → "passed"; exactly 50 % → "head_decides"; less → "failed"."""
    if 2 * agree > voters:
        return "passed"
    if 2 * agree == voters:
        return "head_decides"
    return "failed"


# --- Retirements due (RET-01) as a birth-date range ---------------------------------


def births_retiring_between(
    sex: Sex, first: date, last: date
) -> tuple[date, date] | None:
    """Return the birth dates (first, last) of the people of `sex` whose retirement date
    (canbo.policy.retirement.retirement_date, Labour Code art. 169) falls within
    [first, last], or None when nobody's does.

    The retirement date depends only on the month of birth and never decreases as
    the birth date grows, so the people retiring in a window are exactly those born
    in a range of months: a list can filter the indexed birth date instead of
    computing each person's date.
    """
    months: list[tuple[int, int]] = []
    for index in range((first.year - 64) * 12, (last.year - 54) * 12 + 12):
        year, month = divmod(index, 12)
        retires = retirement_date(date(year, month + 1, 1), sex)
        if first <= retires <= last:
            months.append((year, month + 1))
    if not months:
        return None
    (y0, m0), (y1, m1) = months[0], months[-1]
    return date(y0, m0, 1), add_months(date(y1, m1, 1), 1) - timedelta(days=1)
