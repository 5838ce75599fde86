"""The rotation pages in the permission matrix (canbo/tests/test_permission_matrix.py)."""

from __future__ import annotations

from datetime import date

from canbo.org.tests.factories import JobPositionFactory
from canbo.people.tests.factories import PersonFactory
from canbo.rotation.models import Circumstance, PositionChange, Rotation, RotationPlan
from canbo.rotation.tests.factories import (
    CircumstanceFactory,
    RotationPlanFactory,
    due_assignment,
)
from canbo.tests.fixtures import Cast
from canbo.tests.rows import CAREER_EDITORS, CAREER_LISTS, CAREER_VIEWERS, Row

FOUND = 302  # a POST that succeeds redirects


def _plan(cast: Cast, status: str = RotationPlan.Status.DRAFT) -> RotationPlan:
    return RotationPlanFactory(unit=cast.org.dept_a, status=status)


def _change(cast: Cast) -> int:
    plan = _plan(cast, RotationPlan.Status.PUBLISHED)
    person = PersonFactory(unit=cast.org.division_a1)  # no other app's records
    change = PositionChange.objects.create(
        plan=plan, person=person, assignment=due_assignment(person),
        target_unit=cast.org.division_a1, target_job_position=JobPositionFactory(),
        planned_date=date(2026, 12, 1),
    )  # fmt: skip
    return change.pk


def _assignment(cast: Cast) -> int:
    return due_assignment(cast.org.person_a1).pk


def _circumstance(cast: Cast) -> Circumstance:
    return CircumstanceFactory(person=cast.org.person_a1)


def _rotation(cast: Cast) -> int:
    rotation = Rotation.objects.create(
        person=cast.org.person_a1, unit_path=cast.org.division_a1.path, kind="downward",
        from_unit=cast.org.division_a1, to_unit=cast.org.division_b1, start=date(2026, 1, 1),
        planned_end=date(2029, 1, 1), goals="Chuyển đổi số cấp xã",
    )  # fmt: skip
    return rotation.pk


ROWS: dict[str, Row] = {
    "home": Row("get", lambda c: "/rotation/", CAREER_LISTS),
    "due": Row("get", lambda c: "/rotation/due/", CAREER_LISTS),
    "change_add": Row(
        "get", lambda c: f"/rotation/due/{_assignment(c)}/add/", CAREER_EDITORS
    ),
    "positions": Row("get", lambda c: "/rotation/positions/", CAREER_LISTS),
    "position_edit": Row(
        "get",
        lambda c: f"/rotation/positions/{JobPositionFactory().pk}/",
        {"admin": 200},
    ),
    "plans": Row("get", lambda c: "/rotation/plans/", CAREER_LISTS),
    "plan_create": Row(
        "get", lambda c: "/rotation/plans/new/", {"personnel": 200, "outsider": 200}
    ),
    "plan": Row("get", lambda c: f"/rotation/plans/{_plan(c).pk}/", CAREER_VIEWERS),
    "plan_publish": Row(
        "post",
        lambda c: f"/rotation/plans/{_plan(c).pk}/publish/",
        {"personnel": FOUND},
    ),
    "change_execute": Row(
        "post",
        lambda c: f"/rotation/changes/{_change(c)}/execute/",
        {"personnel": FOUND},
    ),
    "change_cancel": Row(
        "post",
        lambda c: f"/rotation/changes/{_change(c)}/cancel/",
        {"personnel": FOUND},
    ),
    "circumstances": Row(
        "get",
        lambda c: f"/rotation/people/{c.org.person_a1.pk}/circumstances/",
        CAREER_VIEWERS,
    ),
    "circumstance_end": Row(
        "post",
        lambda c: f"/rotation/circumstances/{_circumstance(c).pk}/end/",
        {"personnel": FOUND},
    ),
    "rotations": Row("get", lambda c: "/rotation/rotations/", CAREER_LISTS),
    "rotation_create": Row(
        "get",
        lambda c: f"/rotation/people/{c.org.person_a1.pk}/rotations/new/",
        CAREER_EDITORS,
    ),
    "rotation": Row(
        "get", lambda c: f"/rotation/rotations/{_rotation(c)}/", CAREER_VIEWERS
    ),
    "rotation_evaluate": Row(
        "get", lambda c: f"/rotation/rotations/{_rotation(c)}/evaluate/", CAREER_EDITORS
    ),
    "rotation_close": Row(
        "get", lambda c: f"/rotation/rotations/{_rotation(c)}/close/", CAREER_EDITORS
    ),
}
