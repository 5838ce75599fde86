"""The rotation API: the pages' actions, their audit entries and their refusals by field."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.utils import timezone

from canbo.api.tests.helpers import Api
from canbo.core.models import AuditEntry
from canbo.org.models import JobPosition
from canbo.org.tests.factories import JobPositionFactory, PostFactory
from canbo.people.models import Assignment
from canbo.people.tests.factories import PersonFactory
from canbo.planning.tests.factories import CandidateFactory, PoolFactory
from canbo.rotation import services
from canbo.rotation.models import Circumstance, PositionChange, Rotation, RotationPlan
from canbo.rotation.tests.factories import (
    CircumstanceFactory,
    due_assignment,
    rotating_position,
)
from canbo.tests.fixtures import Cast

pytestmark = pytest.mark.django_db
R = "/rotation"


def _actions(prefix: str = "rotation.") -> list[str]:
    return list(
        AuditEntry.objects.filter(action__startswith=prefix)
        .order_by("pk")
        .values_list("action", flat=True)
    )


def _errors(response: Any) -> list[str]:
    assert response.status_code == 422, response.content
    return list(response.json()["errors"])


# --- Job positions and their period ------------------------------------------------


def test_the_administrator_sets_a_positions_period_and_only_the_fields_sent_change(
    cast: Cast,
) -> None:
    subject = rotating_position(36)
    other = JobPositionFactory()
    admin = Api(cast, "admin")

    listed = Api(cast, "head").get(f"{R}/positions", {"subject": "true"}).json()
    assert [p["id"] for p in listed["results"]] == [subject.pk]
    assert Api(cast, "manager").get(f"{R}/positions").json()["count"] == 0

    response = admin.patch(
        f"{R}/positions/{other.pk}",
        {"rotation_months": 48, "rotation_basis": "TT 27/2024/TT-BTC"},
    )
    assert response.status_code == 200
    assert response.json()["rotation_months"] == 48
    response = admin.patch(f"{R}/positions/{other.pk}", {"rotation_basis": "TT 1/2025"})
    assert response.json()["rotation_months"] == 48
    assert response.json()["rotation_basis"] == "TT 1/2025"
    assert _actions() == ["rotation.period.set", "rotation.period.set"]
    refused = Api(cast, "personnel").patch(
        f"{R}/positions/{other.pk}", {"rotation_months": 24}
    )
    assert refused.status_code == 403


def test_a_period_outside_two_to_five_years_is_422_on_its_field(cast: Cast) -> None:
    position = rotating_position(36)
    response = Api(cast, "admin").patch(
        f"{R}/positions/{position.pk}", {"rotation_months": 12}
    )
    assert _errors(response) == ["rotation_months"]
    assert JobPosition.objects.get(pk=position.pk).rotation_months == 36
    assert _actions() == []


# --- Adding, cancelling and removing changes ----------------------------------------


def _draft(cast: Cast) -> RotationPlan:
    return services.create_plan(
        actor=cast.actor("personnel"), unit=cast.org.dept_a, year=2026,
        purpose="Phòng ngừa tham nhũng",
    )  # fmt: skip


def test_a_due_person_is_added_to_a_draft_plan_from_the_due_list(cast: Cast) -> None:
    due_assignment(cast.org.person_a1)
    CircumstanceFactory(person=cast.org.person_a1, start=date(2026, 1, 1))  # illness
    plan = _draft(cast)
    api = Api(cast, "personnel")
    [row] = api.get(f"{R}/due").json()["results"]
    body = {
        "assignment": row["assignment"], "target_unit": cast.org.division_a1.code,
        "target_job_position": JobPositionFactory().pk, "planned_date": "2026-12-01",
    }  # fmt: skip

    outside = api.post(
        f"{R}/plans/{plan.pk}/changes", {**body, "target_unit": cast.org.dept_b.pk}
    )
    assert _errors(outside) == ["target_unit"]
    response = api.post(f"{R}/plans/{plan.pk}/changes", body)
    assert response.status_code == 201
    assert response.json()["person"] == cast.org.person_a1.pk
    assert response.json()["flags"] == ["illness"]
    assert "38.3" in response.json()["reasons"][0]
    assert _actions("rotation.change") == ["rotation.change.added"]
    assert (row["planned_in"], row["refused"]) == (None, False)
    [row] = api.get(f"{R}/due").json()["results"]
    assert row["planned_in"] == 2026


def _change(cast: Cast, plan: RotationPlan) -> PositionChange:
    return services.add_to_plan(
        actor=cast.actor("personnel"), plan=plan,
        assignment=due_assignment(PersonFactory(unit=cast.org.division_a1)),
        target_unit=cast.org.division_a1, target_job_position=JobPositionFactory(),
        planned_date=date(2026, 12, 1),
    )  # fmt: skip


def test_a_draft_plans_change_is_removed_and_a_published_ones_cancelled(
    cast: Cast,
) -> None:
    api = Api(cast, "personnel")
    plan = _draft(cast)
    removed, kept = _change(cast, plan), _change(cast, plan)

    assert _errors(api.post(f"{R}/changes/{removed.pk}/cancel", {})) == ["__all__"]
    response = api.delete(f"{R}/changes/{removed.pk}")
    assert response.status_code == 204
    assert not PositionChange.objects.filter(pk=removed.pk).exists()

    services.publish_plan(
        actor=cast.actor("personnel"), plan=plan, today=date(2026, 1, 5)
    )
    assert _errors(api.delete(f"{R}/changes/{kept.pk}")) == ["__all__"]
    response = api.post(f"{R}/changes/{kept.pk}/cancel", {})
    assert response.status_code == 200
    assert response.json()["status"] == PositionChange.Status.CANCELLED
    assert _errors(api.post(f"{R}/changes/{kept.pk}/cancel", {})) == ["__all__"]
    assert [a for a in _actions("rotation.change") if a != "rotation.change.added"] == [
        "rotation.change.removed",
        "rotation.change.cancelled",
    ]


# --- Circumstances ------------------------------------------------------------------


def test_a_circumstance_is_ended_today_once(cast: Cast) -> None:
    found = CircumstanceFactory(person=cast.org.person_a1, start=date(2020, 1, 1))
    api = Api(cast, "personnel")

    response = api.post(f"{R}/circumstances/{found.pk}/end", {})
    assert response.status_code == 200
    assert response.json()["end"] == timezone.localdate().isoformat()
    assert _errors(api.post(f"{R}/circumstances/{found.pk}/end", {})) == ["__all__"]
    assert Circumstance.objects.get(pk=found.pk).end == timezone.localdate()
    assert _actions() == ["rotation.circumstance.ended"]


# --- Leader rotation ----------------------------------------------------------------


def _rotation_body(cast: Cast, *, planned: bool = True) -> dict[str, Any]:
    person = PersonFactory(unit=cast.org.division_a1, birth_date=date(1985, 5, 5))
    if planned:
        pool = PoolFactory(unit=cast.org.dept_a, post=PostFactory(rank=80))
        CandidateFactory(pool=pool, person=person)
    return {
        "person": person.pk, "kind": "downward", "from_unit": cast.org.division_a1.code,
        "to_unit": cast.org.division_b1.code, "start": "2023-01-01",
        "planned_end": "2026-01-01", "goals": "Đặt hàng – giao nhiệm vụ: chuyển đổi số",
    }  # fmt: skip


def test_a_leader_in_planning_is_rotated_evaluated_and_placed(cast: Cast) -> None:
    api = Api(cast, "personnel")
    response = api.post(f"{R}/rotations", _rotation_body(cast))
    assert response.status_code == 201, response.json()
    rotation = response.json()
    assert (rotation["to_unit"], rotation["status"]) == (
        cast.org.division_b1.pk,
        Rotation.Status.IN_PROGRESS,
    )
    path = f"{R}/rotations/{rotation['id']}"
    placement = {
        "unit": cast.org.dept_a.code, "post": PostFactory().pk, "on": "2026-02-01",
        "decision_ref": "88/QĐ-UBND",
    }  # fmt: skip
    assert _errors(api.post(f"{path}/close", placement)) == ["__all__"]

    response = api.post(
        f"{path}/evaluate",
        {"result": "good", "evaluation": "Hoàn thành tốt", "on": "2026-01-05"},
    )
    assert (response.status_code, response.json()["result"]) == (200, "good")
    response = api.post(f"{path}/close", placement)
    assert response.status_code == 200
    closed = response.json()
    assert closed["status"] == Rotation.Status.CLOSED
    placed = Assignment.objects.get(pk=closed["placement_assignment"])
    assert (placed.unit, placed.start_date) == (cast.org.dept_a, date(2026, 2, 1))
    assert _actions("rotation.rotation") == [
        "rotation.rotation.created",
        "rotation.rotation.evaluated",
        "rotation.rotation.closed",
    ]


def test_a_leader_not_in_planning_is_refused_on_the_person(cast: Cast) -> None:
    api = Api(cast, "personnel")
    response = api.post(f"{R}/rotations", _rotation_body(cast, planned=False))
    assert _errors(response) == ["person"]
    assert "planning" in response.json()["errors"]["person"][0]
    outside = {**_rotation_body(cast), "from_unit": cast.org.dept_b.code}
    assert _errors(api.post(f"{R}/rotations", outside)) == ["from_unit"]
    assert not Rotation.objects.exists()
    assert _actions() == []


def test_an_empty_evaluation_and_a_placement_outside_the_scope_are_refused(
    cast: Cast,
) -> None:
    api = Api(cast, "personnel")
    rotation = api.post(f"{R}/rotations", _rotation_body(cast)).json()
    path = f"{R}/rotations/{rotation['id']}"
    response = api.post(
        f"{path}/evaluate", {"result": "good", "evaluation": " ", "on": "2026-01-05"}
    )
    assert _errors(response) == ["evaluation"]
    services.evaluate_rotation(
        actor=cast.actor("personnel"), rotation=Rotation.objects.get(pk=rotation["id"]),
        result="good", evaluation="Tốt", on=date(2026, 1, 5),
    )  # fmt: skip
    response = api.post(
        f"{path}/close",
        {"unit": cast.org.dept_b.code, "post": PostFactory().pk, "on": "2026-02-01"},
    )
    assert _errors(response) == ["unit"]
    assert Rotation.objects.get().status == Rotation.Status.EVALUATED
    assert not Assignment.objects.filter(person_id=rotation["person"]).exists()
