from __future__ import annotations

from datetime import date
from typing import Any

import factory

from canbo.org.tests.factories import JobPositionFactory
from canbo.people.models import Assignment
from canbo.people.tests.factories import AssignmentFactory, PersonFactory
from canbo.rotation.models import Circumstance, RotationPlan


def rotating_position(months: int = 36) -> Any:
    return JobPositionFactory(
        rotation_months=months, rotation_basis="TT 27/2024/TT-BTC"
    )


def due_assignment(
    person: Any, *, start: date = date(2022, 3, 1), months: int = 36
) -> Assignment:
    """A current assignment of `person` in a position rotating every `months`."""
    return AssignmentFactory(
        person=person,
        unit=person.unit,
        job_position=rotating_position(months),
        start_date=start,
    )


class CircumstanceFactory(factory.django.DjangoModelFactory[Circumstance]):
    class Meta:
        model = Circumstance

    person = factory.SubFactory(PersonFactory)
    kind = Circumstance.Kind.ILLNESS
    start = date(2026, 1, 1)
    unit_path = factory.LazyAttribute(lambda o: o.person.unit_path)


class RotationPlanFactory(factory.django.DjangoModelFactory[RotationPlan]):
    class Meta:
        model = RotationPlan

    year = factory.Sequence(lambda n: 2040 + n % 60)
    purpose = "Phòng ngừa tham nhũng theo Luật PCTN 2018"
    unit_path = factory.LazyAttribute(lambda o: o.unit.path)
