"""The rotation endpoints for the API permission matrix (canbo/api/tests/matrix.py)."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Any

from canbo.org.tests.factories import JobPositionFactory, PostFactory
from canbo.people.tests.factories import PersonFactory
from canbo.planning.tests.factories import CandidateFactory, PoolFactory
from canbo.rotation.models import PositionChange, Rotation, RotationPlan
from canbo.rotation.tests import matrix_rows
from canbo.rotation.tests.factories import (
    CircumstanceFactory,
    RotationPlanFactory,
    due_assignment,
)
from canbo.tests.fixtures import Cast

if TYPE_CHECKING:
    from canbo.api.tests.matrix import Endpoint

EDITORS = frozenset({"personnel"})
CATALOGUE_EDITORS = frozenset({"admin"})  # the job-position catalogue
VIEWERS = frozenset({"admin", "personnel", "head", "auditor"})
LISTS = frozenset(
    {"admin", "personnel", "head", "manager", "staff", "auditor", "outsider"}
)


_serial = itertools.count(1)


def _body(make: Callable[[], dict[str, Any]]) -> Callable[[], dict[str, Any]]:
    return make


def _rotation_body(cast: Cast) -> Callable[[], dict[str, Any]]:
    """A new leader in planning in division A1 on each call (no other app's records)."""

    def body() -> dict[str, Any]:
        person = PersonFactory(unit=cast.org.division_a1, birth_date=date(1985, 5, 5))
        pool = PoolFactory(unit=cast.org.division_a1, post=PostFactory(rank=80))
        CandidateFactory(pool=pool, person=person)
        return {
            "person": person.pk, "kind": "downward", "from_unit": cast.org.division_a1.pk,
            "to_unit": cast.org.division_b1.code, "start": "2027-01-01",
            "planned_end": "2030-01-01", "goals": "Chuyển đổi số cấp xã",
            "decision_ref": "12/QĐ-UBND",
        }  # fmt: skip

    return body


def _evaluated_rotation(cast: Cast) -> int:
    person = PersonFactory(unit=cast.org.division_a1)
    rotation = Rotation.objects.create(
        person=person, unit_path=cast.org.division_a1.path, kind="downward",
        from_unit=cast.org.division_a1, to_unit=cast.org.division_b1, start=date(2023, 1, 1),
        planned_end=date(2026, 1, 1), goals="Chuyển đổi số cấp xã",
        status=Rotation.Status.EVALUATED, result="good", evaluation="Hoàn thành tốt",
        evaluated_on=date(2026, 1, 5),
    )  # fmt: skip
    return rotation.pk


def endpoints(cast: Cast) -> list[Endpoint]:
    from canbo.api.tests.matrix import API, Endpoint

    r = f"{API}/rotation"
    draft = RotationPlanFactory(unit=cast.org.dept_a, year=2026)
    published = RotationPlanFactory(unit=cast.org.division_a1, year=2026)
    published_items = matrix_rows._change(cast)
    to_publish = RotationPlanFactory(unit=cast.org.dept_a, year=2025)
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

    to_cancel = matrix_rows._change(cast)
    position = JobPositionFactory()
    circumstance = CircumstanceFactory(
        person=cast.org.person_a1, start=date(2025, 1, 1)
    )
    evaluated = _evaluated_rotation(cast)
    placement_post = PostFactory()

    def draft_change() -> str:
        someone = PersonFactory(unit=cast.org.division_a1)
        item = PositionChange.objects.create(
            plan=draft, person=someone, assignment=due_assignment(someone),
            target_unit=cast.org.division_a1, target_job_position=target,
            planned_date=date(2026, 12, 1),
        )  # fmt: skip
        return f"{r}/changes/{item.pk}"

    def period_body() -> dict[str, Any]:
        return {
            "rotation_months": 36,
            "rotation_basis": f"TT {next(_serial)}/2024/TT-BTC",
        }

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
        Endpoint("GET", f"{r}/positions", f"{r}/positions", LISTS),
        Endpoint("PATCH", f"{r}/positions/{{position_id}}", f"{r}/positions/{position.pk}",
                 CATALOGUE_EDITORS, period_body, scoped=False),
        Endpoint("POST", f"{r}/changes/{{change_id}}/cancel", f"{r}/changes/{to_cancel}/cancel",
                 EDITORS),
        Endpoint("DELETE", f"{r}/changes/{{change_id}}", draft_change(), EDITORS,
                 fresh=draft_change),
        Endpoint("POST", f"{r}/circumstances/{{circumstance_id}}/end",
                 f"{r}/circumstances/{circumstance.pk}/end", EDITORS),
        Endpoint("POST", f"{r}/rotations", f"{r}/rotations", EDITORS, _rotation_body(cast)),
        Endpoint("POST", f"{r}/rotations/{{rotation_id}}/evaluate", f"{r}/rotations/{rotation}/evaluate",
                 EDITORS, lambda: {"result": "good", "evaluation": "Hoàn thành tốt", "on": "2029-01-05"}),
        Endpoint("POST", f"{r}/rotations/{{rotation_id}}/close", f"{r}/rotations/{evaluated}/close",
                 EDITORS, lambda: {"unit": cast.org.division_a1.pk, "post": placement_post.pk,
                                   "on": "2026-02-01", "decision_ref": "88/QĐ-UBND"}),
    ]  # fmt: skip
