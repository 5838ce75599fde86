"""The rotation endpoints for the API permission matrix (canbo/api/tests/matrix.py)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from canbo.org.tests.factories import JobPositionFactory
from canbo.rotation.models import RotationPlan
from canbo.rotation.tests import matrix_rows
from canbo.rotation.tests.factories import RotationPlanFactory, due_assignment
from canbo.tests.fixtures import Cast

if TYPE_CHECKING:
    from canbo.api.tests.matrix import Endpoint

EDITORS = frozenset({"personnel"})
VIEWERS = frozenset({"admin", "personnel", "head", "auditor"})
LISTS = frozenset(
    {"admin", "personnel", "head", "manager", "staff", "auditor", "outsider"}
)


def _body(make: Callable[[], dict[str, Any]]) -> Callable[[], dict[str, Any]]:
    return make


def endpoints(cast: Cast) -> list[Endpoint]:
    from canbo.api.tests.matrix import API, Endpoint

    r = f"{API}/rotation"
    draft = RotationPlanFactory(unit=cast.org.dept_a, year=2026)
    published = RotationPlanFactory(unit=cast.org.division_a1, year=2026)
    published_items = matrix_rows._change(cast)
    to_publish = RotationPlanFactory(unit=cast.org.dept_a, year=2025)
    from canbo.rotation.models import PositionChange

    change = PositionChange.objects.get(pk=published_items)
    PositionChange.objects.create(
        plan=to_publish, person=change.person, assignment=due_assignment(cast.org.person_a1),
        target_unit=cast.org.division_a1, target_job_position=JobPositionFactory(),
        planned_date=change.planned_date.replace(year=2025),
    )  # fmt: skip
    rotation = matrix_rows._rotation(cast)
    person = cast.org.person_a1.pk
    years = iter(range(2030, 2100))
    target = JobPositionFactory()

    def add_body() -> dict[str, Any]:
        return {
            "assignment": due_assignment(cast.org.person_a1).pk,
            "target_unit": cast.org.division_a1.pk, "target_job_position": target.pk,
            "planned_date": "2026-12-01",
        }  # fmt: skip

    del published
    assert draft.status == RotationPlan.Status.DRAFT
    return [
        Endpoint("GET", f"{r}/due", f"{r}/due", LISTS),
        Endpoint("GET", f"{r}/plans", f"{r}/plans", LISTS),
        Endpoint("POST", f"{r}/plans", f"{r}/plans", EDITORS,
                 lambda: {"unit": cast.org.dept_a.pk, "year": next(years), "purpose": "PCTN"}),
        Endpoint("GET", f"{r}/plans/{{plan_id}}", f"{r}/plans/{draft.pk}", VIEWERS),
        Endpoint("GET", f"{r}/plans/{{plan_id}}/changes", f"{r}/plans/{draft.pk}/changes", VIEWERS),
        Endpoint("POST", f"{r}/plans/{{plan_id}}/changes", f"{r}/plans/{draft.pk}/changes", EDITORS, add_body),
        Endpoint("POST", f"{r}/plans/{{plan_id}}/publish", f"{r}/plans/{to_publish.pk}/publish", EDITORS),
        Endpoint("POST", f"{r}/changes/{{change_id}}/execute", f"{r}/changes/{change.pk}/execute", EDITORS,
                 lambda: {"on": "2026-12-01", "decision_ref": "1/QĐ"}),
        Endpoint("GET", f"{r}/people/{{person_id}}/circumstances", f"{r}/people/{person}/circumstances", VIEWERS),
        Endpoint("POST", f"{r}/people/{{person_id}}/circumstances", f"{r}/people/{person}/circumstances",
                 EDITORS, lambda: {"kind": "illness", "start": "2026-01-01"}),
        Endpoint("GET", f"{r}/rotations", f"{r}/rotations", LISTS),
        Endpoint("GET", f"{r}/rotations/{{rotation_id}}", f"{r}/rotations/{rotation}", VIEWERS),
    ]  # fmt: skip
