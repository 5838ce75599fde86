"""Hand-made periods, sheets and tasks for the dashboard tests."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from canbo.accounts.models import User
from canbo.evaluation.models import Period, Sheet
from canbo.org.models import Unit
from canbo.people.models import Person
from canbo.work.models import Task
from canbo.work.tests.factories import ProductTypeFactory


def period(
    unit: Unit,
    kind: str,
    start: date,
    *,
    user: User,
    status: str = Period.Status.PUBLISHED,
) -> Period:
    """A period of `unit` (get or create) starting on `start`."""
    end = {
        "year": date(start.year, 12, 31),
        "month": date(start.year + start.month // 12, start.month % 12 + 1, 1),
    }.get(kind, start)
    if kind == "month":
        end = date.fromordinal(end.toordinal() - 1)
    found, _created = Period.objects.get_or_create(
        unit=unit, kind=kind, start=start,
        defaults={
            "unit_path": unit.path, "end": end, "status": status,
            "self_deadline": end, "review_deadline": end, "decision_deadline": end,
            "opened_by": user,
        },
    )  # fmt: skip
    return found


def sheet(
    on: Period,
    person: Person,
    *,
    level: str = "",
    score: str | None = None,
    status: str = Sheet.Status.DECIDED,
    assigned: str = "0",
    completed: str = "0",
) -> Sheet:
    unit: Unit = person.unit
    return Sheet.objects.create(
        period=on, person=person, unit=unit, unit_path=unit.path, pack="ND335_2026",
        status=status, level=level, score=Decimal(score) if score else None,
        assigned=Decimal(assigned), completed=Decimal(completed),
    )  # fmt: skip


def task(
    person: Person,
    deadline: date,
    *,
    user: User,
    status: str = Task.Status.ACCEPTED,
    late: bool = False,
) -> Task:
    unit: Unit = person.unit
    return Task.objects.create(
        title="Báo cáo", product_type=ProductTypeFactory(), quantity=1,
        coefficient=1, converted_quantity=1, assignee=person, unit=unit,
        unit_path=unit.path, assigned_by=user, assigned_on=date(deadline.year, 1, 1),
        deadline=deadline, original_deadline=deadline, status=status, late=late,
    )  # fmt: skip
