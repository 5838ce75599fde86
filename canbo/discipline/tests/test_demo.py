"""The demo discipline and salary-step records of a small generated province."""

from __future__ import annotations

from datetime import date

import pytest

from canbo.demo.generate import generate_province
from canbo.discipline import demo
from canbo.discipline.models import Discipline
from canbo.org.models import Unit
from canbo.people.models import Person
from canbo.policy.discipline import add_months

TODAY = date(2026, 11, 1)
pytestmark = pytest.mark.django_db


def test_every_person_gets_a_step_date_and_a_few_are_disciplined() -> None:
    # The generator runs the discipline demo with the province's seed.
    written = generate_province(staff=1000, seed=5, today=TODAY).careers["discipline"]

    people = Person.objects.count()
    assert not Person.objects.filter(salary_step_since__isnull=True).exists()
    decided = Discipline.objects.filter(stage="decided")
    assert written == people + Discipline.objects.count()
    assert decided.count() == round(
        Person.objects.filter(is_active=True).count() * 0.005
    )
    assert Discipline.objects.filter(stage="review").exists()
    assert decided.filter(form="reprimand").count() > decided.count() / 2
    assert not decided.filter(decision_date__lt=add_months(TODAY, -36)).exists()
    for record in decided:
        assert record.decision_date is not None
        assert record.violation_date <= record.review_started <= record.decision_date
        assert record.effective_until is not None
    # Step dates spread over the interval: about 1/12 of 36-month people per quarter.
    steps = Person.objects.filter(salary_interval_months=36)
    due = steps.filter(
        salary_step_since__gte=add_months(date(2027, 1, 1), -36),
        salary_step_since__lt=add_months(date(2027, 4, 1), -36),
    ).count()
    assert 0.04 < due / steps.count() < 0.13


def test_the_same_seed_gives_the_same_records() -> None:
    generate_province(staff=300, seed=5, today=TODAY)
    root = Unit.objects.get(parent__isnull=True)
    first = list(
        Discipline.objects.order_by("person_id").values_list("person_id", "form")
    )
    dates = list(
        Person.objects.order_by("pk").values_list("salary_step_since", flat=True)
    )
    Discipline.objects.all().delete()
    demo.generate(root_path=root.path, today=TODAY, seed=5)
    assert (
        list(Discipline.objects.order_by("person_id").values_list("person_id", "form"))
        == first
    )
    assert (
        list(Person.objects.order_by("pk").values_list("salary_step_since", flat=True))
        == dates
    )
