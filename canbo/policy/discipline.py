"""Discipline records and what they mean for a career, as plain values.

Sources: Nghị định 172/2025/NĐ-CP (công chức) and 234/2026/NĐ-CP art. 7 (viên chức):
the forms khiển trách, cảnh cáo, cách chức (leaders only), buộc thôi việc
(rules.md DISC-01). The discipline period during which planning, appointment and
raises are held back comes from Luật Cán bộ, công chức 2008 art. 82 as amended by
Luật 52/2019 (6 months for a reprimand, 12 for a warning or removal from post,
from the decision's effect); its successor text is [UNVERIFIED], so the months
are defaults a caller may replace. Planning and appointment: QĐ 377-QĐ/TW allows
planning a disciplined cadre once a reprimand's or warning's period has ended; a
cadre removed from post waits 5 years for a higher post [UNVERIFIED detail,
rules.md §7 and §12].
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum


class Form(StrEnum):
    REPRIMAND = "reprimand"  # khiển trách
    WARNING = "warning"  # cảnh cáo
    REMOVAL = "removal"  # cách chức
    DISMISSAL = "dismissal"  # buộc thôi việc


# Months of the discipline period, from the decision's effect ([UNVERIFIED] default).
PERIOD_MONTHS: dict[Form, int] = {
    Form.REPRIMAND: 6,
    Form.WARNING: 12,
    Form.REMOVAL: 12,
    Form.DISMISSAL: 0,
}
# Years after a removal from post before a higher post ([UNVERIFIED] default).
YEARS_AFTER_REMOVAL = 5


def add_months(day: date, months: int) -> date:
    """Return `day` moved by `months` calendar months, kept within the month's length."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


def period_end(form: Form, effective_from: date, months: int | None = None) -> date:
    """Return the last day of the discipline period that starts on `effective_from`."""
    length = PERIOD_MONTHS[form] if months is None else months
    return date.fromordinal(add_months(effective_from, length).toordinal() - 1)


@dataclass(frozen=True)
class DisciplineFact:
    """One discipline record as the other careers checks see it."""

    stage: str  # "review", "decided" or "dropped"
    form: Form | None
    duty_related: bool
    decision_date: date | None
    effective_from: date | None
    effective_until: date | None


@dataclass(frozen=True)
class Flag:
    code: str  # stable reason code, translated by the interface
    until: date | None = None


def career_flags(facts: Iterable[DisciplineFact], on: date) -> tuple[Flag, ...]:
    """Return what a person's discipline means on `on` for planning and appointment.

    Codes: "under_review" (a disciplinary review is open: no appointment, rotation
    or planning meanwhile); "in_force" (inside a discipline period, `until` its
    last day); "removed_recently" (removed from post less than 5 years ago: no
    higher post until `until`); "dismissed" (forced dismissal decided).
    """
    flags: list[Flag] = []
    for fact in facts:
        if fact.stage == "review":
            flags.append(Flag("under_review"))
            continue
        if fact.stage != "decided" or fact.form is None or fact.effective_from is None:
            continue
        if fact.form is Form.DISMISSAL:
            flags.append(Flag("dismissed"))
            continue
        until = fact.effective_until or period_end(fact.form, fact.effective_from)
        if fact.effective_from <= on <= until:
            flags.append(Flag("in_force", until))
        if fact.form is Form.REMOVAL:
            wait = add_months(fact.effective_from, 12 * YEARS_AFTER_REMOVAL)
            if on < wait:
                flags.append(Flag("removed_recently", wait))
    return tuple(flags)


# What a discipline record must satisfy before it is stored.


@dataclass(frozen=True)
class Check:
    """One refusal or flag on a record: a stable code the interface translates."""

    code: str
    severity: str = "refuse"  # "refuse" or "flag"
    overridable: bool = False
    field: str = ""  # the input the reason belongs to ("" for the whole record)
    params: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class RecordFacts:
    """A discipline record as entered, with what the checks need to know."""

    violation_date: date
    review_started: date
    decided: bool = False
    form: Form | None = None
    decision_date: date | None = None
    effective_from: date | None = None
    held_leadership_post: bool = False  # on the decision date


def record_checks(record: RecordFacts, *, today: date) -> tuple[Check, ...]:
    """Return the reasons a discipline record cannot be stored, as stable codes.

    Sources: Nghị định 172/2025/NĐ-CP and 234/2026/NĐ-CP art. 7 (rules.md §12):
    cách chức applies only to someone holding a leadership or management post;
    a decision names its form. Dates follow the order of the procedure: the
    violation, the review, the decision, its effect.

    Codes: "violation_in_future", "review_before_violation",
    "decision_date_required", "form_required" (a decided record needs both),
    "decision_before_violation", "decision_before_review", "decision_in_future",
    "effect_before_decision", "removal_needs_leadership_post".
    """
    checks: list[Check] = []
    if record.violation_date > today:
        checks.append(Check("violation_in_future", field="violation_date"))
    if record.review_started < record.violation_date:
        checks.append(Check("review_before_violation", field="review_started"))
    if not record.decided:
        return tuple(checks)
    if record.form is None:
        checks.append(Check("form_required", field="form"))
    checks.extend(_decision_dates(record, today))
    if record.form is Form.REMOVAL and not record.held_leadership_post:
        checks.append(Check("removal_needs_leadership_post", field="form"))
    return tuple(checks)


def _decision_dates(record: RecordFacts, today: date) -> list[Check]:
    decided_on = record.decision_date
    if decided_on is None:
        return [Check("decision_date_required", field="decision_date")]
    checks: list[Check] = []
    if decided_on < record.violation_date:
        checks.append(Check("decision_before_violation", field="decision_date"))
    elif decided_on < record.review_started:
        checks.append(Check("decision_before_review", field="decision_date"))
    elif decided_on > today:
        checks.append(Check("decision_in_future", field="decision_date"))
    if record.effective_from is not None and record.effective_from < decided_on:
        checks.append(Check("effect_before_decision", field="effective_from"))
    return checks


def disqualifies_year(fact: DisciplineFact, year: int) -> bool:
    """Whether a record forces "Không hoàn thành nhiệm vụ" for `year` (EVAL-03(b)).

    Decree 335/2025 art. 20.4 and Decree 233/2026 art. 12.4 (rules.md §2, §12):
    a duty-related discipline of khiển trách or higher decided in the evaluation
    year. Every form canbo records is khiển trách or higher; the decision's date
    places it in a year.
    """
    return (
        fact.stage == "decided"
        and fact.form is not None
        and fact.duty_related
        and fact.decision_date is not None
        and fact.decision_date.year == year
    )
