"""What became of one generated task: extensions, returns, delays, partial work.

Pure planning (no database): given the assignment and deadline dates and the
reference date, draw a plausible history and cut it at the reference date, so
work still under way shows as open, submitted or overdue.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from canbo.demo.generate.career import random_day
from canbo.work.models import ExtensionRequest, Task


@dataclass(frozen=True)
class Rates:
    """Rough shares of tasks with each event (see the tests for the bounds)."""

    cancelled: float = 0.02
    returned: float = 0.08  # returned at least once …
    returned_twice: float = 0.25  # … of which returned twice
    late: float = 0.10
    late_after_refusal: float = 0.6
    extension: float = 0.05
    refused: float = 0.25  # share of extension requests refused
    excused: float = 0.15  # share of late completions excused (objective cause)
    partial: float = 0.03
    poor_quality: float = 0.03


@dataclass(frozen=True)
class Extension:
    requested_on: date
    previous_deadline: date
    new_deadline: date
    status: str  # ExtensionRequest.Status value
    decided_on: date | None


@dataclass
class Outcome:
    status: str
    deadline: date
    progress: int = 0
    completed_on: date | None = None
    completed_quantity: Decimal | None = None
    meets_quality: bool = False
    late: bool = False
    excused: bool = False
    failed_reviews: int = 0
    # (submitted on, quantity, decision or "" when not yet reviewed)
    submissions: list[tuple[date, Decimal, str]] = field(default_factory=list)
    extension: Extension | None = None

    @property
    def changes(self) -> int:
        """Number of writes a real history would have made (the task's version)."""
        return 1 + len(self.submissions) * 2 + (2 if self.extension else 0)


def _extension(
    rng: random.Random, rates: Rates, assigned_on: date, deadline: date, today: date
) -> Extension | None:
    if rng.random() >= rates.extension:
        return None
    requested_on = random_day(rng, assigned_on, deadline)
    if requested_on > today:
        return None
    new_deadline = deadline + timedelta(days=rng.randint(3, 10))
    decided_on = requested_on + timedelta(days=1)
    if decided_on > today:
        return Extension(
            requested_on, deadline, new_deadline, ExtensionRequest.Status.PENDING, None
        )
    refused = rng.random() < rates.refused
    status = (
        ExtensionRequest.Status.REFUSED if refused else ExtensionRequest.Status.APPROVED
    )
    return Extension(requested_on, deadline, new_deadline, status, decided_on)


def _finish(
    rng: random.Random, rates: Rates, start: date, deadline: date, refused: bool
) -> date:
    """The day the accepted product is handed in."""
    late_share = rates.late_after_refusal if refused else rates.late
    if rng.random() < late_share:
        return max(start, deadline) + timedelta(days=rng.randint(1, 10))
    low = max(start, deadline - timedelta(days=5))
    return random_day(rng, min(low, deadline), deadline)


def _delivered(rng: random.Random, rates: Rates, quantity: Decimal) -> Decimal:
    if rng.random() >= rates.partial:
        return quantity
    return quantity - 1 if quantity >= 2 else quantity / 2


def plan_outcome(
    rng: random.Random,
    rates: Rates,
    *,
    assigned_on: date,
    deadline: date,
    quantity: Decimal,
    today: date,
) -> Outcome:
    """Draw the history of one task and cut it at `today`."""
    if rng.random() < rates.cancelled:
        return Outcome(status=Task.Status.CANCELLED, deadline=deadline)
    extension = _extension(rng, rates, assigned_on, deadline, today)
    if extension and extension.status == ExtensionRequest.Status.APPROVED:
        deadline = extension.new_deadline
    start = extension.requested_on if extension else assigned_on
    refused = bool(extension and extension.status == ExtensionRequest.Status.REFUSED)
    finish = _finish(rng, rates, start, deadline, refused)
    returns = 0
    if rng.random() < rates.returned:
        returns = 2 if rng.random() < rates.returned_twice else 1
    outcome = Outcome(
        status=Task.Status.ASSIGNED, deadline=deadline, extension=extension
    )
    dates = [
        max(start, finish - timedelta(days=2 * (returns - i)))
        for i in range(returns + 1)
    ]
    delivered = _delivered(rng, rates, quantity)
    _play(rng, rates, outcome, dates, delivered, today, assigned_on)
    return outcome


def _play(
    rng: random.Random,
    rates: Rates,
    outcome: Outcome,
    dates: list[date],
    delivered: Decimal,
    today: date,
    assigned_on: date,
) -> None:
    """Replay submissions and reviews up to `today`."""
    for index, submitted_on in enumerate(dates):
        final = index == len(dates) - 1
        if submitted_on > today:
            span = max(1, (dates[-1] - assigned_on).days)
            outcome.progress = min(90, 100 * max(0, (today - assigned_on).days) // span)
            return
        reviewed_on = submitted_on + timedelta(days=rng.randint(0, 2) if final else 1)
        if reviewed_on > today:
            outcome.submissions.append((submitted_on, delivered, ""))
            outcome.status, outcome.progress = Task.Status.SUBMITTED, 100
            return
        if not final:
            outcome.submissions.append((submitted_on, delivered, "returned"))
            outcome.status, outcome.failed_reviews = Task.Status.RETURNED, index + 1
            continue
        outcome.submissions.append((submitted_on, delivered, "accepted"))
        _accept(rng, rates, outcome, submitted_on, delivered)


def _accept(
    rng: random.Random, rates: Rates, outcome: Outcome, on: date, delivered: Decimal
) -> None:
    outcome.status, outcome.progress = Task.Status.ACCEPTED, 100
    outcome.completed_on, outcome.completed_quantity = on, delivered
    outcome.meets_quality = rng.random() >= rates.poor_quality
    outcome.late = on > outcome.deadline
    outcome.excused = outcome.late and rng.random() < rates.excused
