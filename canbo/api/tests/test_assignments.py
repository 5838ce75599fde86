"""The assignments endpoints: scoped history, the age and date rules, audited writes."""

from __future__ import annotations

from datetime import date

import pytest

from canbo.api.tests.helpers import Api
from canbo.core.models import AuditEntry
from canbo.org.models import Post
from canbo.org.tests.factories import JobPositionFactory, PostFactory
from canbo.people.models import Assignment
from canbo.people.tests.factories import AssignmentFactory, PersonFactory
from canbo.tests.fixtures import Cast


@pytest.fixture
def post(db: None) -> Post:
    return PostFactory.create(code="TP", name="Trưởng phòng")


def test_the_assignment_list_holds_only_the_history_of_people_in_scope(
    cast: Cast, post: Post
) -> None:
    mine = AssignmentFactory.create(person=cast.org.person_a1, post=post)
    AssignmentFactory.create(person=cast.org.person_b1, post=post)
    body = Api(cast, "personnel").get("/assignments").json()
    assert [row["id"] for row in body["results"]] == [mine.pk]
    assert body["results"][0]["person"] == {
        "id": cast.org.person_a1.pk,
        "full_name": "Nguyễn Văn An",
    }


def test_the_assignment_list_filters_by_person_unit_and_current(
    cast: Cast, post: Post
) -> None:
    old = AssignmentFactory.create(
        person=cast.org.person_a1, post=post, end_date=date(2019, 12, 31)
    )
    now = AssignmentFactory.create(
        person=cast.org.person_a1, post=post, start_date=date(2020, 1, 1)
    )
    other = AssignmentFactory.create(
        person=PersonFactory.create(unit=cast.org.dept_a), post=post
    )
    api = Api(cast, "personnel")

    def ids(**params: object) -> list[int]:
        return [row["id"] for row in api.get("/assignments", params).json()["results"]]

    assert ids(person=cast.org.person_a1.pk) == [now.pk, old.pk]
    assert ids(current="true", person=cast.org.person_a1.pk) == [now.pk]
    assert ids(current="false") == [old.pk]
    assert ids(unit=cast.org.dept_a.pk) == [other.pk]
    response = api.get("/assignments", {"person": cast.org.person_b1.pk})
    assert response.status_code == 422
    assert list(response.json()["errors"]) == ["person"]


def test_an_assignment_detail_shows_post_unit_and_whether_it_is_current(
    cast: Cast, post: Post
) -> None:
    assignment = AssignmentFactory.create(
        person=cast.org.person_a1, post=post, decision_ref="123/QĐ-UBND"
    )
    body = Api(cast, "auditor").get(f"/assignments/{assignment.pk}").json()
    assert (body["post"]["code"], body["unit"]["code"], body["is_current"]) == (
        "TP",
        "SNV-TCBC",
        True,
    )
    assert body["decision_ref"] == "123/QĐ-UBND"


def test_an_outsider_gets_404_for_an_assignment_in_department_a(
    cast: Cast, post: Post
) -> None:
    assignment = AssignmentFactory.create(person=cast.org.person_a1, post=post)
    assert Api(cast, "outsider").get(f"/assignments/{assignment.pk}").status_code == 404


def test_personnel_assign_a_person_by_codes_and_the_assignment_is_audited(
    cast: Cast, post: Post
) -> None:
    position = JobPositionFactory.create(code="VT01")
    body = {
        "person": cast.org.person_a1.pk,
        "unit": "SNV",
        "post": "TP",
        "job_position": "VT01",
        "start_date": "2024-07-01",
        "is_primary": False,
    }
    response = Api(cast, "personnel").post("/assignments", body)
    assert response.status_code == 201
    created = response.json()
    assert (created["unit"]["code"], created["job_position"]["id"]) == (
        "SNV",
        position.pk,
    )
    entry = AuditEntry.objects.get(
        action="people.assignment.created", object_id=str(created["id"])
    )
    assert entry.person_id == cast.org.person_a1.pk
    assert entry.changes["start_date"] == [None, "2024-07-01"]


def test_an_assignment_ending_before_it_starts_is_refused_on_end_date(
    cast: Cast, post: Post
) -> None:
    body = {"person": cast.org.person_a1.pk, "unit": "SNV-TCBC", "post": post.pk}
    response = Api(cast, "personnel").post(
        "/assignments", {**body, "start_date": "2024-07-01", "end_date": "2024-06-30"}
    )
    assert response.status_code == 422
    assert list(response.json()["errors"]) == ["end_date"]
    assert not Assignment.objects.exists()


def test_an_assignment_before_the_person_turns_18_is_refused_on_start_date(
    cast: Cast, post: Post
) -> None:
    body = {
        "person": cast.org.person_a1.pk,
        "unit": "SNV-TCBC",
        "post": post.pk,
        "start_date": "2002-01-01",
    }
    response = Api(cast, "personnel").post("/assignments", body)
    assert response.status_code == 422
    assert "18" in response.json()["errors"]["start_date"][0]


def test_unknown_post_and_missing_title_are_refused(cast: Cast) -> None:
    api = Api(cast, "personnel")
    body = {
        "person": cast.org.person_a1.pk,
        "unit": "SNV-TCBC",
        "start_date": "2024-01-01",
    }
    response = api.post("/assignments", {**body, "post": "NO-SUCH-POST"})
    assert response.status_code == 422
    assert list(response.json()["errors"]) == ["post"]
    response = api.post("/assignments", body)
    assert response.status_code == 422
    assert list(response.json()["errors"]) == ["__all__"]


def test_ending_an_assignment_records_the_end_date_before_and_after(
    cast: Cast, post: Post
) -> None:
    assignment = AssignmentFactory.create(person=cast.org.person_a1, post=post)
    response = Api(cast, "personnel").patch(
        f"/assignments/{assignment.pk}", {"end_date": "2025-12-31"}
    )
    assert response.status_code == 200
    assert response.json()["is_current"] is False
    entry = AuditEntry.objects.get(
        action="people.assignment.updated", object_id=str(assignment.pk)
    )
    assert entry.changes == {"end_date": [None, "2025-12-31"]}


def test_a_viewer_cannot_change_an_assignment(cast: Cast, post: Post) -> None:
    assignment = AssignmentFactory.create(person=cast.org.person_a1, post=post)
    response = Api(cast, "manager").patch(
        f"/assignments/{assignment.pk}", {"end_date": "2025-12-31"}
    )
    assert response.status_code == 403
    assignment.refresh_from_db()
    assert assignment.end_date is None
