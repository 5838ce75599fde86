"""The demo training data on a tiny generated province."""

from __future__ import annotations

from datetime import date

import pytest

from canbo.demo.generate import generate_province
from canbo.org.models import Unit
from canbo.people.models import Person
from canbo.policy.training import Kind, rank
from canbo.training import demo, selectors
from canbo.training.models import Standard, Target, Training

TODAY = date(2026, 11, 1)
pytestmark = pytest.mark.django_db


def test_demo_records_match_the_cvs_and_count_the_targets() -> None:
    generate_province(staff=300, seed=5, today=TODAY)
    root = Unit.objects.get(parent__isnull=True)
    Training.objects.all().delete()
    Target.objects.all().delete()
    Standard.objects.all().delete()

    written = demo.generate(root_path=root.path, today=TODAY, seed=5)

    assert written == Training.objects.count() + Standard.objects.count() + 2 + (
        Target.objects.get(population="posts").posts.count()
    )
    # No record is higher than the CV, and each CV degree has its record.
    for person in Person.objects.exclude(education__in=["", "secondary"]):
        levels = Training.objects.filter(person=person, kind="degree").values_list(
            "level", flat=True
        )
        assert person.education in levels
        assert all(
            rank(Kind.DEGREE, level) <= rank(Kind.DEGREE, person.education)
            for level in levels
        )
    assert not Training.objects.filter(end_date__gt=TODAY).exists()
    with_courses = (
        Training.objects.filter(kind="course").values("person").distinct().count()
    )
    assert 0.45 < with_courses / Person.objects.count() < 0.75
    assert Standard.objects.filter(post__code="TRUONG_PHONG").exists()
    rows = selectors.target_rows(Target.objects.all())
    assert {r.target.level for r in rows} == {"master", "bachelor"}
    assert all(r.progress.population > 0 for r in rows)


def test_the_same_seed_writes_the_same_records() -> None:
    generate_province(staff=120, seed=2, today=TODAY)
    root = Unit.objects.get(parent__isnull=True)
    Training.objects.all().delete()
    demo.generate(root_path=root.path, today=TODAY, seed=2)
    first = list(
        Training.objects.order_by("pk").values_list(
            "person", "kind", "level", "end_date"
        )
    )
    Training.objects.all().delete()
    Target.objects.all().delete()
    demo.generate(root_path=root.path, today=TODAY, seed=2)
    again = list(
        Training.objects.order_by("pk").values_list(
            "person", "kind", "level", "end_date"
        )
    )
    assert again == first
