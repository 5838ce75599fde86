"""Work assigned as products: the checks on a task and the counts that score it.

Source: Nghị định 335/2025/NĐ-CP art. 14 (task results of non-leaders, "by
products"): per month or quarter, converted products completed are compared with
converted products assigned — quantity a = completed ÷ assigned, quality b =
completed meeting quality ÷ assigned, progress c = completed on time or earlier ÷
assigned; each failed quality review and each delay deducts 25 % of that product's
quality or progress points unless its cause is objective and confirmed.
Escalation colours follow TP.HCM's execution-governance proposal (vn-systems §2.6);
their hours are settings.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from enum import StrEnum


def task_problems(
    *, assigned_on: date, deadline: date, quantity: Decimal
) -> tuple[str, ...]:
    """Return "deadline_before_assignment" and/or "quantity_not_positive"."""
    problems: list[str] = []
    if deadline < assigned_on:
        problems.append("deadline_before_assignment")
    if quantity <= 0:
        problems.append("quantity_not_positive")
    return tuple(problems)


def extension_problems(
    *, requested_at: datetime, deadline_end: datetime, new_deadline: date
) -> tuple[str, ...]:
    """Return why an extension request is refused.

    "deadline_passed": asked after the current deadline ended (a request must come
    before the deadline passes); "not_later": the new date is not after it.
    """
    problems: list[str] = []
    if requested_at > deadline_end:
        problems.append("deadline_passed")
    if new_deadline <= deadline_end.date():
        problems.append("not_later")
    return tuple(problems)


def review_problems(
    *, reviewer_person_id: int | None, assignee_person_id: int | None
) -> tuple[str, ...]:
    """Return "own_task" when someone would review their own work."""
    if reviewer_person_id is not None and reviewer_person_id == assignee_person_id:
        return ("own_task",)
    return ()


def is_late(*, completed_on: date, deadline: date) -> bool:
    """A product finished after its (possibly extended) deadline is one delay.

    An approved extension moves the deadline, so work finished by the new date is
    not late (art. 14; canbo's reading of "đạt tiến độ").
    """
    return completed_on > deadline


class Escalation(StrEnum):
    NONE = "none"
    GREEN = "green"  # due soon: remind the assignee
    YELLOW = "yellow"  # overdue a little: alert the manager
    RED = "red"  # overdue long: alert the head


@dataclass(frozen=True)
class EscalationPolicy:
    remind_hours_before: int = 24
    red_after_overdue_hours: int = 48


def escalation(
    *, deadline_end: datetime, now: datetime, done: bool, policy: EscalationPolicy
) -> Escalation:
    """Return the colour of an open task at `now`.

    Green when due within `remind_hours_before`; yellow when overdue by less than
    `red_after_overdue_hours`; red beyond. Finished tasks carry no colour.
    """
    if done:
        return Escalation.NONE
    if now > deadline_end + timedelta(hours=policy.red_after_overdue_hours):
        return Escalation.RED
    if now > deadline_end:
        return Escalation.YELLOW
    if now >= deadline_end - timedelta(hours=policy.remind_hours_before):
        return Escalation.GREEN
    return Escalation.NONE


@dataclass(frozen=True)
class PeriodFigures:
    """Converted quantities of a person's or unit's products due in one period."""

    assigned: Decimal = Decimal(0)
    completed: Decimal = Decimal(0)
    completed_quality: Decimal = Decimal(0)
    completed_on_time: Decimal = Decimal(0)
    failed_reviews: int = 0
    delays: int = 0

    def rates(self) -> tuple[Decimal, Decimal, Decimal]:
        """Return (a, b, c) of art. 14 as fractions of the assigned quantity (0 when none)."""
        if not self.assigned:
            return (Decimal(0), Decimal(0), Decimal(0))
        return (
            self.completed / self.assigned,
            self.completed_quality / self.assigned,
            self.completed_on_time / self.assigned,
        )


def evidence_problems(
    *, name: str, size: int, max_bytes: int, extensions: tuple[str, ...]
) -> tuple[str, ...]:
    """Return "too_large" and/or "type_refused" for an evidence file."""
    problems: list[str] = []
    if size > max_bytes:
        problems.append("too_large")
    suffix = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if suffix not in extensions:
        problems.append("type_refused")
    return tuple(problems)
