"""`canbo generate` tasks: deterministic, plausible rates, consistent rows, figures."""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction

from canbo.accounts.models import User
from canbo.core.actor import Actor, Grant
from canbo.demo.generate import generate_province
from canbo.demo.generate.tasks import SYSTEM_USERNAME
from canbo.org.models import Unit
from canbo.policy.access import Role
from canbo.policy.work import PeriodFigures
from canbo.work.board_selectors import Board, BoardFilters, BoardWindow, unit_board
from canbo.work.models import (
    Catalogue,
    ExtensionRequest,
    ProductGroup,
    Review,
    Task,
)
from canbo.work.selectors import figures_by_person, period_figures

TODAY = date(2026, 11, 1)
OCTOBER = (date(2026, 10, 1), date(2026, 10, 31))
pytestmark = pytest.mark.django_db


@pytest.fixture
def tasks() -> list[Task]:
    generate_province(staff=300, seed=5, today=TODAY, task_months=4)
    return list(Task.objects.order_by("pk"))


def _rows() -> list[tuple[object, ...]]:
    return list(
        Task.objects.order_by("pk").values_list(
            "assignee_id", "product_type__name", "assigned_on", "deadline", "status"
        )
    )


def test_the_same_seed_generates_the_same_tasks() -> None:
    with transaction.atomic():
        generate_province(staff=100, seed=8, today=TODAY, task_months=2)
        first = _rows()
        transaction.set_rollback(True)

    generate_province(staff=100, seed=8, today=TODAY, task_months=2)

    assert _rows() == first
    assert len(first) > 100 * 2 * 6


def test_catalogues_cover_every_job_position_with_8_to_20_products(
    tasks: list[Task],
) -> None:
    assert set(ProductGroup.objects.values_list("code", flat=True)) >= set("ABCD")
    sizes = [c.products.count() for c in Catalogue.objects.all()]
    assert sizes
    assert all(8 <= size <= 20 for size in sizes)
    coefficients = {t.coefficient for t in tasks}
    assert min(coefficients) >= Decimal("0.5")
    assert max(coefficients) <= 3


def test_about_eight_tasks_a_person_a_month_ending_at_the_reference_date(
    tasks: list[Task],
) -> None:
    per_person = Counter(t.assignee_id for t in tasks)
    assert 6 * 4 <= sum(per_person.values()) / len(per_person) <= 10 * 4
    assert max(t.assigned_on for t in tasks) <= TODAY
    assert min(t.assigned_on for t in tasks) >= TODAY - timedelta(days=4 * 31)


def test_outcomes_come_at_plausible_rates(tasks: list[Task]) -> None:
    # Rates over tasks whose period is over; the last month is still under way.
    settled = [t for t in tasks if t.original_deadline < TODAY - timedelta(days=31)]
    n, ids = len(settled), {t.pk for t in settled}
    accepted = [t for t in settled if t.status == Task.Status.ACCEPTED]
    extensions = Counter(
        status
        for task_id, status in ExtensionRequest.objects.values_list("task_id", "status")
        if task_id in ids
    )
    assert 0.85 <= sum(1 for t in accepted if not t.failed_reviews) / n <= 0.95
    assert 0.05 <= sum(1 for t in settled if t.failed_reviews) / n <= 0.11
    assert sum(1 for t in settled if t.failed_reviews == 2) > 0
    assert 0.07 <= sum(1 for t in accepted if t.late) / n <= 0.14
    assert 0.03 <= extensions[ExtensionRequest.Status.APPROVED] / n <= 0.06
    assert extensions[ExtensionRequest.Status.REFUSED] > 0
    late = sum(1 for t in accepted if t.late)
    assert 0 < sum(1 for t in accepted if t.delay_excused) < late / 4
    partial = sum(1 for t in accepted if (t.completed_quantity or 0) < t.quantity)
    assert 0.015 <= partial / n <= 0.05


def test_open_tasks_are_those_of_the_last_weeks(tasks: list[Task]) -> None:
    still_open = (Task.Status.ASSIGNED, Task.Status.SUBMITTED, Task.Status.RETURNED)
    open_ones = [t for t in tasks if t.status in still_open]
    assert open_ones
    assert min(t.assigned_on for t in open_ones) >= TODAY - timedelta(days=45)
    assert any(t.deadline < TODAY for t in open_ones)  # some are overdue


def test_generated_tasks_keep_the_rules(tasks: list[Task]) -> None:
    returns = Counter(
        Review.objects.filter(decision=Review.Decision.RETURNED).values_list(
            "submission__task_id", flat=True
        )
    )
    approved = dict(
        ExtensionRequest.objects.filter(
            status=ExtensionRequest.Status.APPROVED
        ).values_list("task_id", "requested_deadline")
    )
    for t in tasks:
        assert t.deadline >= t.assigned_on
        assert t.converted_quantity == t.quantity * t.coefficient
        accepted = t.status == Task.Status.ACCEPTED
        assert t.late == (accepted and t.completed_on > t.deadline)  # type: ignore[operator]
        assert not t.delay_excused or t.late
        assert t.failed_reviews == returns[t.pk]
        assert t.deadline == approved.get(t.pk, t.original_deadline)
        assert t.unit_path == t.unit.path


def test_tasks_are_assigned_by_the_system_user_when_heads_have_no_login(
    tasks: list[Task],
) -> None:
    assert {t.assigned_by.username for t in tasks} == {SYSTEM_USERNAME}


def _recount(tasks: list[Task]) -> dict[int | None, PeriodFigures]:
    sums: dict[int | None, list[Decimal]] = defaultdict(lambda: [Decimal(0)] * 6)
    start, end = OCTOBER
    for t in tasks:
        if t.status in (Task.Status.PROPOSED, Task.Status.CANCELLED):
            continue
        if not start <= t.deadline <= end:
            continue
        accepted = t.status == Task.Status.ACCEPTED
        done = t.completed_quantity * t.coefficient if accepted else Decimal(0)  # type: ignore[operator]
        for key in (None, t.assignee_id):
            row = sums[key]
            row[0] += t.converted_quantity
            row[1] += done
            row[2] += done if t.meets_quality else 0
            row[3] += done if (not t.late or t.delay_excused) else 0
            row[4] += t.failed_reviews
            row[5] += 1 if (accepted and t.late and not t.delay_excused) else 0
    return {
        key: PeriodFigures(
            assigned=row[0],
            completed=row[1],
            completed_quality=row[2],
            completed_on_time=row[3],
            failed_reviews=int(row[4]),
            delays=int(row[5]),
        )
        for key, row in sums.items()
    }


def _same(a: PeriodFigures, b: PeriodFigures) -> bool:
    return all(
        abs(Decimal(getattr(a, name)) - Decimal(getattr(b, name))) < Decimal("0.001")
        for name in ("assigned", "completed", "completed_quality", "completed_on_time",
                     "failed_reviews", "delays")
    )  # fmt: skip


def test_the_selectors_figures_agree_with_a_recount(tasks: list[Task]) -> None:
    expected = _recount(tasks)
    unit = Unit.objects.get(parent__isnull=True)
    scope = Task.objects.filter(unit_path__startswith=unit.path)

    total = period_figures(scope, *OCTOBER)
    people = figures_by_person(scope, *OCTOBER)

    assert total.delays > 0
    assert total.failed_reviews > 0
    assert _same(total, expected.pop(None))
    assert set(people) == set(expected)
    assert all(_same(people[pk], expected[pk]) for pk in people)


def test_the_province_board_of_a_generated_year_agrees_with_its_tasks(
    tasks: list[Task],
) -> None:
    unit = Unit.objects.get(parent__isnull=True)
    admin = Actor(
        user=User(username="x"),
        grants=(
            Grant(role=Role.ADMIN, unit_id=unit.pk, unit_path=unit.path, subtree=True),
        ),
    )
    window = BoardWindow(start=OCTOBER[0], end=OCTOBER[1], today=TODAY, soon=TODAY)
    board = unit_board(admin, unit, window, BoardFilters())
    exact = unit_board(admin, unit, window, BoardFilters(), from_tasks=True)
    assert len(board.branches) >= 3  # the province itself and its branches
    assert board == Board(exact.total, exact.branches, board.listed)
    assert board.total.figures == period_figures(
        Task.objects.filter(unit_path__startswith=unit.path), *OCTOBER
    )
    assert board.listed == sum(t.deadline.month == 10 for t in tasks)


def test_the_command_can_skip_tasks_and_refuses_a_negative_span() -> None:
    call_command("generate", "--staff", "100", "--task-months", "0", stdout=None)
    assert not Task.objects.exists()
    with pytest.raises(CommandError):
        call_command("generate", "--staff", "100", "--task-months", "-1", "--append")
