"""The units endpoints: scoped lists and details, audited creates and changes."""

from __future__ import annotations

from django.db import connection
from django.test.utils import CaptureQueriesContext

from canbo.api.tests.helpers import Api
from canbo.core.models import AuditEntry
from canbo.org.models import Unit
from canbo.org.tests.factories import UnitFactory
from canbo.people.tests.factories import PersonFactory
from canbo.tests.fixtures import Cast


def _codes(response: object) -> list[str]:
    return [row["code"] for row in response.json()["results"]]  # type: ignore[attr-defined]


def test_the_unit_list_holds_only_units_in_scope_in_tree_order(cast: Cast) -> None:
    response = Api(cast, "personnel").get("/units")
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 2
    assert _codes(response) == ["SNV", "SNV-TCBC"]
    assert body["results"][1]["parent"] == {
        "id": cast.org.dept_a.pk,
        "code": "SNV",
        "name": "Sở Nội vụ",
    }


def test_the_unit_list_filters_by_parent_kind_and_name_without_diacritics(
    cast: Cast,
) -> None:
    api = Api(cast, "admin")
    assert _codes(api.get("/units", {"parent": cast.org.province.pk})) == ["SNV", "STC"]
    assert _codes(api.get("/units", {"kind": "division"})) == ["SNV-TCBC", "STC-NS"]
    assert _codes(api.get("/units", {"q": "so tai chinh"})) == ["STC"]
    assert _codes(api.get("/units", {"q": "PHÒNG NGÂN"})) == ["STC-NS"]
    assert _codes(api.get("/units", {"q": "tcbc"})) == ["SNV-TCBC"]


def test_the_unit_list_is_paginated_with_one_count_and_one_page_query(
    cast: Cast,
) -> None:
    for n in range(7):
        UnitFactory.create(code=f"SNV-X{n}", parent=cast.org.dept_a)
    api = Api(cast, "admin")
    with CaptureQueriesContext(connection) as queries:
        body = api.get("/units", {"page": 2, "page_size": 5}).json()
    assert (body["count"], body["page"], body["page_size"], len(body["results"])) == (
        12,
        2,
        5,
        5,
    )
    unit_queries = [
        q for q in queries.captured_queries if 'FROM "org_unit"' in q["sql"]
    ]
    assert len(unit_queries) == 2


def test_a_page_size_above_200_is_refused_naming_the_parameter(cast: Cast) -> None:
    response = Api(cast, "admin").get("/units", {"page_size": 201})
    assert response.status_code == 422
    assert list(response.json()["errors"]) == ["page_size"]


def test_a_unit_detail_shows_quota_and_headcounts(cast: Cast) -> None:
    PersonFactory.create(unit=cast.org.dept_a)
    PersonFactory.create(unit=cast.org.dept_a, is_active=False)
    body = Api(cast, "head").get(f"/units/{cast.org.dept_a.pk}").json()
    # dept A: one active person of its own; division A1 holds An and the staff persona.
    assert (body["staffing_quota"], body["headcount"], body["subtree_headcount"]) == (
        10,
        1,
        3,
    )


def test_a_unit_outside_scope_is_not_found(cast: Cast) -> None:
    response = Api(cast, "outsider").get(f"/units/{cast.org.dept_a.pk}")
    assert response.status_code == 404
    assert response.json() == {"detail": "Not found."}


def test_an_admin_creates_a_unit_under_a_parent_given_by_code_and_it_is_audited(
    cast: Cast,
) -> None:
    body = {
        "code": "SNV-VP",
        "name": "Văn phòng Sở",
        "kind": "division",
        "parent": "SNV",
        "staffing_quota": 6,
    }
    response = Api(cast, "admin").post("/units", body)
    assert response.status_code == 201
    created = response.json()
    assert (created["parent"]["code"], created["depth"], created["headcount"]) == (
        "SNV",
        2,
        0,
    )
    entry = AuditEntry.objects.get(
        action="org.unit.created", object_id=str(created["id"])
    )
    assert entry.actor == cast.users["admin"]
    assert entry.changes["code"] == [None, "SNV-VP"]


def test_an_unknown_parent_code_is_refused_on_the_parent_field(cast: Cast) -> None:
    body = {
        "code": "X1",
        "name": "Phòng X",
        "kind": "division",
        "parent": "NO-SUCH-UNIT",
    }
    response = Api(cast, "admin").post("/units", body)
    assert response.status_code == 422
    assert list(response.json()["errors"]) == ["parent"]
    assert "NO-SUCH-UNIT" in response.json()["errors"]["parent"][0]
    assert not Unit.objects.filter(code="X1").exists()


def test_a_duplicate_code_and_a_bad_kind_are_refused_by_field(cast: Cast) -> None:
    response = Api(cast, "admin").post(
        "/units", {"code": "STC", "name": "Trùng", "kind": "planet", "parent": "SNV"}
    )
    assert response.status_code == 422
    assert "kind" in response.json()["errors"]
    response = Api(cast, "admin").post(
        "/units", {"code": "STC", "name": "Trùng", "kind": "division", "parent": "SNV"}
    )
    assert response.status_code == 422
    assert "already used" in response.json()["errors"]["code"][0]


def test_updating_a_unit_records_the_fields_before_and_after(cast: Cast) -> None:
    unit = cast.org.division_a1
    response = Api(cast, "admin").patch(
        f"/units/{unit.pk}", {"name": "Phòng Công chức", "staffing_quota": 12}
    )
    assert response.status_code == 200
    assert response.json()["name"] == "Phòng Công chức"
    entry = AuditEntry.objects.get(action="org.unit.updated", object_id=str(unit.pk))
    assert entry.changes == {
        "name": ["Phòng Tổ chức, biên chế", "Phòng Công chức"],
        "staffing_quota": [10, 12],
    }


def test_moving_a_unit_under_its_own_subordinate_is_refused_without_a_change(
    cast: Cast,
) -> None:
    dept_a = cast.org.dept_a
    response = Api(cast, "admin").patch(
        f"/units/{dept_a.pk}", {"parent": cast.org.division_a1.pk, "name": "Mới"}
    )
    assert response.status_code == 422
    assert list(response.json()["errors"]) == ["parent"]
    dept_a.refresh_from_db()
    assert (dept_a.parent_id, dept_a.name) == (cast.org.province.pk, "Sở Nội vụ")
    assert not AuditEntry.objects.filter(action="org.unit.updated").exists()


def test_moving_a_unit_moves_its_subtree(cast: Cast) -> None:
    response = Api(cast, "admin").patch(
        f"/units/{cast.org.division_a1.pk}", {"parent": "STC"}
    )
    assert response.status_code == 200
    assert (response.json()["parent"]["code"], response.json()["depth"]) == ("STC", 2)


def test_a_viewer_who_cannot_edit_units_gets_403(cast: Cast) -> None:
    response = Api(cast, "personnel").patch(
        f"/units/{cast.org.division_a1.pk}", {"name": "Đổi"}
    )
    assert response.status_code == 403


def test_null_for_a_required_field_and_unknown_fields_are_refused_by_name(
    cast: Cast,
) -> None:
    response = Api(cast, "admin").patch(
        f"/units/{cast.org.division_a1.pk}", {"name": None, "colour": "red"}
    )
    assert response.status_code == 422
    assert set(response.json()["errors"]) == {"colour"}
    response = Api(cast, "admin").patch(
        f"/units/{cast.org.division_a1.pk}", {"name": None}
    )
    assert response.json()["errors"] == {"name": ["This field cannot be null."]}
