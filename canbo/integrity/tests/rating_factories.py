"""Hand-made evaluation sheets for the rating detectors: a department with
divisions, their staff, monthly periods and sheets with chosen task points,
general points and levels, written in bulk."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from canbo.accounts.models import User
from canbo.accounts.tests.factories import UserFactory
from canbo.evaluation.models import Period, Sheet
from canbo.integrity.models import Run
from canbo.org.models import Post, Unit
from canbo.org.tests.factories import PostFactory, UnitFactory
from canbo.people.models import Person
from canbo.people.tests.factories import AssignmentFactory, PersonFactory
from canbo.policy.levels import classify

YEAR = 2026


def month(unit: Unit, year: int, number: int, *, user: User) -> Period:
    """The published monthly period of `unit` (get or create)."""
    start = date(year, number, 1)
    period, _created = Period.objects.get_or_create(
        unit=unit, kind=Period.Kind.MONTH, start=start,
        defaults={
            "unit_path": unit.path, "end": start.replace(day=28),
            "status": Period.Status.PUBLISHED, "self_deadline": start,
            "review_deadline": start, "decision_deadline": start, "opened_by": user,
        },
    )  # fmt: skip
    return period


def annual(unit: Unit, year: int, *, user: User) -> Period:
    """The published year period of `unit` (get or create)."""
    period, _created = Period.objects.get_or_create(
        unit=unit, kind=Period.Kind.YEAR, start=date(year, 1, 1),
        defaults={
            "unit_path": unit.path, "end": date(year, 12, 31),
            "status": Period.Status.PUBLISHED, "self_deadline": date(year, 12, 31),
            "review_deadline": date(year, 12, 31),
            "decision_deadline": date(year, 12, 31), "opened_by": user,
        },
    )  # fmt: skip
    return period


@dataclass
class Line:
    """One sheet to write: the person, the month and the figures."""

    person: Person
    number: int  # the month (0: the year sheet)
    task: float
    general: float = 27.0
    level: str = ""  # default: the level of the score
    self_general: float | None = None  # default: the general points
    reviewer: User | None = None
    decider: User | None = None
    year: int = YEAR
    extra: dict[str, object] = field(default_factory=dict)


def write(root: Unit, lines: list[Line], *, user: User) -> list[Sheet]:
    """Write the sheets of `lines` (periods opened on `root`)."""
    sheets = []
    for line in lines:
        period = (
            month(root, line.year, line.number, user=user)
            if line.number
            else annual(root, line.year, user=user)
        )
        score = Decimal(str(round(line.task + line.general, 2)))
        own = line.general if line.self_general is None else line.self_general
        sheet = Sheet(
            period=period,
            person=line.person,
            unit_id=line.person.unit_id,
            unit_path=line.person.unit_path,
            pack="ND335_2026",
            status=Sheet.Status.DECIDED,
            self_points={"c1": str(own / 2), "c2": str(own / 2)},
            review_points={
                "c1": str(line.general / 2),
                "c2": str(line.general / 2),
            },
            general_points=Decimal(str(line.general)),
            task_points=Decimal(str(line.task)),
            score=score,
            level=line.level or classify(float(score)).value,
            reviewed_by=line.reviewer,
            decided_by=line.decider,
            **line.extra,
        )
        sheets.append(sheet)
    return Sheet.objects.bulk_create(sheets)


def department(
    divisions: int, *, name: str = "Sở Thử nghiệm"
) -> tuple[Unit, list[Unit]]:
    root: Unit = UnitFactory(name=name, kind=Unit.Kind.DEPARTMENT)
    children: list[Unit] = [
        UnitFactory(name=f"Phòng {i + 1}", parent=root) for i in range(divisions)
    ]
    return root, children


def staff(unit: Unit, count: int, **kwargs: object) -> list[Person]:
    return [PersonFactory(unit=unit, **kwargs) for _ in range(count)]


def head_of(unit: Unit, person: Person) -> Person:
    post = PostFactory(code="TP", name="Trưởng phòng", unit_role=Post.UnitRole.HEAD)
    AssignmentFactory(person=person, unit=unit, post=post, start_date=date(2020, 1, 1))
    return person


def user_for(person: Person | None = None) -> User:
    user: User = UserFactory(person=person)
    return user


def run_on(unit: Unit, *, year: int = YEAR, **thresholds: object) -> Run:
    run: Run = Run.objects.create(
        detectors=[], unit=unit, unit_path=unit.path, year=year,
        thresholds=thresholds, status=Run.Status.RUNNING,
    )  # fmt: skip
    return run


def honest_task(i: int, number: int) -> float:
    """Task points spread over 35 … 64 (every level band) by person and month."""
    return float(35 + (i * 7 + number * 3) % 30)
