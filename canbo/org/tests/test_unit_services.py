from __future__ import annotations

import pytest

from canbo.core.errors import InvalidInput, NotAllowed
from canbo.core.models import AuditEntry
from canbo.org.models import Unit
from canbo.org.services import create_unit, update_unit
from canbo.people.models import Person
from canbo.tests.fixtures import Cast


def test_create_unit_sets_path_and_audits(cast: Cast) -> None:
    unit = create_unit(
        actor=cast.actor("admin"),
        code="SNV-VP",
        name="Văn phòng Sở",
        kind="division",
        parent=cast.org.dept_a,
    )
    assert unit.path.startswith(cast.org.dept_a.path)
    assert unit.depth == cast.org.dept_a.depth + 1
    entry = AuditEntry.objects.get(action="org.unit.created", object_id=str(unit.pk))
    assert entry.changes["code"] == [None, "SNV-VP"]


def test_duplicate_unit_code_is_refused_on_the_code_field(cast: Cast) -> None:
    with pytest.raises(InvalidInput) as error:
        create_unit(
            actor=cast.actor("admin"),
            code="SNV",
            name="Trùng",
            kind="division",
            parent=cast.org.province,
        )
    assert "code" in error.value.errors


def test_moving_a_unit_moves_its_subtree_and_staff(cast: Cast) -> None:
    org = cast.org
    update_unit(actor=cast.actor("admin"), unit=org.division_a1, parent=org.dept_b)
    org.division_a1.refresh_from_db()
    assert org.division_a1.path.startswith(org.dept_b.path)
    person = Person.objects.get(pk=org.person_a1.pk)
    assert person.unit_path == org.division_a1.path
    entry = AuditEntry.objects.get(action="org.unit.updated")
    assert entry.changes["parent"] == ["Sở Nội vụ", "Sở Tài chính"]


def test_a_unit_cannot_become_its_own_ancestor(cast: Cast) -> None:
    org = cast.org
    before = Unit.objects.values_list("pk", "path").order_by("pk")
    with pytest.raises(InvalidInput) as error:
        update_unit(actor=cast.actor("admin"), unit=org.dept_a, parent=org.division_a1)
    assert "parent" in error.value.errors
    assert list(Unit.objects.values_list("pk", "path").order_by("pk")) == list(before)


def test_a_unit_cannot_be_its_own_parent(cast: Cast) -> None:
    with pytest.raises(InvalidInput):
        update_unit(
            actor=cast.actor("admin"), unit=cast.org.dept_a, parent=cast.org.dept_a
        )


def test_personnel_cannot_edit_units(cast: Cast) -> None:
    with pytest.raises(NotAllowed):
        update_unit(
            actor=cast.actor("personnel"), unit=cast.org.division_a1, name="Đổi tên"
        )


def test_unit_page_shows_headcount_against_quota(cast: Cast) -> None:
    response = cast.client("head").get(f"/units/{cast.org.dept_a.pk}/")
    assert response.status_code == 200
    # Two people work in division A1 (Nguyễn Văn An and the staff persona).
    rows = {row.unit.code: row for row in response.context["rows"]}
    assert rows["SNV-TCBC"].headcount == 2
    assert response.context["subtree_headcount"] == 2


def test_unit_form_reports_unknown_parent_code(cast: Cast) -> None:
    response = cast.client("admin").post(
        "/units/new/",
        {
            "code": "X1",
            "name": "Phòng X",
            "kind": "division",
            "parent_code": "NOPE",
            "staffing_quota": 3,
        },
    )
    assert response.status_code == 422
    assert response.context["form"].errors["parent_code"]
    assert not Unit.objects.filter(code="X1").exists()
