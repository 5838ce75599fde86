"""The rotation demo data of a small generated province."""

from __future__ import annotations

from datetime import date

import pytest
from django.test import Client

from canbo.accounts.tests.factories import PASSWORD, RoleGrantFactory, UserFactory
from canbo.core.actor import actor_for
from canbo.demo.generate import generate_province
from canbo.org.models import JobPosition, Unit
from canbo.people.models import Assignment
from canbo.planning.models import PlanningCandidate
from canbo.policy.discipline import add_months
from canbo.rotation import selectors
from canbo.rotation.models import Circumstance, PositionChange, Rotation, RotationPlan

TODAY = date(2026, 11, 1)
pytestmark = pytest.mark.django_db


def test_the_demo_gives_a_due_list_plans_circumstances_and_rotations() -> None:
    # The generator runs the careers demos (planning before rotation) with its seed.
    written = generate_province(staff=1000, seed=4, today=TODAY).careers["rotation"]
    root = Unit.objects.get(parent__isnull=True)

    assert written > 0
    subject = JobPosition.objects.filter(rotation_months__isnull=False)
    assert set(subject.values_list("rotation_months", flat=True)) == {36, 60}
    assert not subject.filter(rotation_basis="").exists()
    assert subject.filter(code="CV_NS", rotation_basis="TT 27/2024/TT-BTC").exists()
    assert not JobPosition.objects.filter(
        code__in=("GV_TH", "BS", "LX"), rotation_months__isnull=False
    ).exists()

    # The due list: a realistic mix, not everyone overdue.
    user = UserFactory(username="tinh")
    RoleGrantFactory(user=user, role="personnel", unit=root, include_subtree=True)
    actor = actor_for(user)
    rows = list(selectors.due_list(actor, selectors.DueFilter(), today=TODAY))
    in_positions = Assignment.objects.filter(
        end_date__isnull=True, post__isnull=True, job_position__in=subject
    ).count()
    assert 0 < len(rows) < in_positions / 2
    statuses = [str(r.status) for r in selectors.due_rows(rows, today=TODAY)]
    assert {"overdue", "due", "upcoming"} <= set(statuses)
    assert statuses.count("overdue") < len(rows) / 3

    # The changes made in time left a continuous history.
    for current in Assignment.objects.filter(
        end_date__isnull=True, job_position__in=subject
    ):
        assert not Assignment.objects.filter(
            person_id=current.person_id, end_date__gte=current.start_date
        ).exists()

    # Circumstances, plans and rotations are in the province and in scope.
    circumstances = Circumstance.objects.select_related("person")
    assert circumstances.exists()
    assert all(c.unit_path == c.person.unit_path for c in circumstances)
    assert all(c.end is None or c.end >= c.start for c in circumstances)
    departments = Unit.objects.filter(kind=Unit.Kind.DEPARTMENT)
    plans = RotationPlan.objects.all()
    assert plans.count() == departments.count()
    assert set(plans.values_list("year", "status")) == {(TODAY.year, "draft")}
    assert selectors.plans_visible_to(actor).count() == plans.count()
    changes = PositionChange.objects.select_related("plan", "person", "target_unit")
    assert 0 < changes.count() <= 2 * plans.count()
    for change in changes:
        assert change.person.unit_path.startswith(change.plan.unit_path)
        assert change.target_unit.path.startswith(change.plan.unit_path)
        assert change.planned_date.year == change.plan.year
    rotations = Rotation.objects.all()
    assert 1 <= rotations.count() <= 6
    assert selectors.rotations_visible_to(actor).count() == rotations.count()
    planned = PlanningCandidate.objects.filter(status="active").values("person_id")
    assert rotations.filter(person_id__in=planned).count() == rotations.count()
    for rotation in rotations:
        assert rotation.status == "in_progress"
        assert rotation.planned_end >= add_months(rotation.start, 36)
        assert rotation.start <= TODAY < rotation.planned_end

    # The personnel officer's due list page shows the due people.
    client = Client()
    assert client.login(username="tinh", password=PASSWORD)
    page = client.get("/rotation/due/")
    assert page.status_code == 200
    assert rows[0].person.full_name in page.content.decode()
