"""The people endpoints: the staff list's filters, the full record, audited writes."""

from __future__ import annotations

from datetime import date

import time_machine
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from canbo.api.tests.helpers import Api, token_for
from canbo.core.models import AuditEntry
from canbo.org.tests.factories import PostFactory
from canbo.people.models import Person
from canbo.people.tests.factories import (
    AssignmentFactory,
    PersonFactory,
    RelativeFactory,
    citizen_id_for,
)
from canbo.tests.fixtures import Cast

BORN = date(1990, 3, 4)


def _names(response: object) -> list[str]:
    return [row["full_name"] for row in response.json()["results"]]  # type: ignore[attr-defined]


def _new_person(cast: Cast, **changes: object) -> dict[str, object]:
    body: dict[str, object] = {
        "full_name": "Đỗ Thị  Hằng",
        "sex": "F",
        "birth_date": BORN.isoformat(),
        "citizen_id": citizen_id_for(BORN, "F", 424242),
        "unit": "SNV-TCBC",
        "category": "cong_chuc",
        "email": "hang@example.vn",
        "salary_coefficient": "3.33",
    }
    body.update(changes)
    return body


def test_the_staff_list_excludes_people_outside_scope(cast: Cast) -> None:
    names = _names(Api(cast, "personnel").get("/people"))
    assert names == ["Nguyễn Văn An", "Phạm Minh Châu"]  # ordered by given name
    assert "Lê Thị Bích" not in names
    assert _names(Api(cast, "outsider").get("/people")) == ["Lê Thị Bích"]


def test_staff_see_only_their_own_record(cast: Cast) -> None:
    api = Api(cast, "staff")
    assert _names(api.get("/people")) == ["Phạm Minh Châu"]
    assert api.get(f"/people/{cast.org.person_a1.pk}").status_code == 404


def test_the_staff_list_finds_names_typed_without_diacritics_and_cccd_digits(
    cast: Cast,
) -> None:
    api = Api(cast, "admin")
    assert _names(api.get("/people", {"q": "le thi bich"})) == ["Lê Thị Bích"]
    assert _names(api.get("/people", {"q": cast.org.person_a1.citizen_id})) == [
        "Nguyễn Văn An"
    ]


def test_the_staff_list_filters_by_unit_subtree_sex_category_post_and_active(
    cast: Cast,
) -> None:
    api = Api(cast, "admin")
    dept_a = cast.org.dept_a.pk
    assert _names(api.get("/people", {"unit": dept_a})) == [
        "Nguyễn Văn An",
        "Phạm Minh Châu",
    ]
    assert _names(api.get("/people", {"unit": dept_a, "subtree": "false"})) == []
    assert _names(api.get("/people", {"sex": "F"})) == ["Lê Thị Bích"]
    PersonFactory.create(
        full_name="Hoàng Văn Hợp", unit=cast.org.dept_b, category="hop_dong"
    )
    assert _names(api.get("/people", {"category": "hop_dong"})) == ["Hoàng Văn Hợp"]
    post = PostFactory.create(code="TP", name="Trưởng phòng")
    AssignmentFactory.create(person=cast.org.person_a1, post=post)
    assert _names(api.get("/people", {"post": post.pk})) == ["Nguyễn Văn An"]
    PersonFactory.create(full_name="Vũ Văn Nghỉ", unit=cast.org.dept_a, is_active=False)
    assert _names(api.get("/people", {"active": "false"})) == ["Vũ Văn Nghỉ"]


@time_machine.travel("2026-03-02 09:00 +07:00", tick=False)
def test_the_staff_list_filters_by_age_band_and_refuses_an_unknown_band(
    cast: Cast,
) -> None:
    PersonFactory.create(
        full_name="Trẻ Tuổi", unit=cast.org.dept_a, birth_date=date(2000, 1, 1)
    )
    api = Api(cast, "personnel")
    assert _names(api.get("/people", {"age_band": "under_30"})) == ["Trẻ Tuổi"]
    response = api.get("/people", {"age_band": "ancient"})
    assert response.status_code == 422
    assert list(response.json()["errors"]) == ["age_band"]


def test_the_staff_list_runs_a_fixed_number_of_queries_whatever_the_page_holds(
    cast: Cast,
) -> None:
    post = PostFactory.create(code="CV", name="Chuyên viên")
    for n in range(20):
        AssignmentFactory.create(
            person=PersonFactory.create(
                unit=cast.org.division_a1, full_name=f"Người Số {n}"
            ),
            post=post,
        )
    api = Api(cast, "admin")
    with CaptureQueriesContext(connection) as queries:
        body = api.get("/people", {"page_size": 200}).json()
    assert body["count"] == 23
    assert sum(1 for row in body["results"] for _ in row["current_assignments"]) == 20
    assert (
        len(queries) <= 8
    )  # token, grants, count, page, current assignments (+ token stamp)


@time_machine.travel("2026-03-02 09:00 +07:00", tick=False)
def test_a_person_detail_has_the_cv_retirement_date_history_and_relatives(
    cast: Cast,
) -> None:
    person = cast.org.person_a1  # a man born 15 June 1985
    AssignmentFactory.create(
        person=person, post=PostFactory.create(code="PTP", name="Phó Trưởng phòng")
    )
    RelativeFactory.create(person=person)
    body = Api(cast, "manager").get(f"/people/{person.pk}").json()
    assert body["citizen_id"] == person.citizen_id
    assert body["retirement_date"] == "2047-06-30"  # 62 years from June 2047
    assert body["months_to_retirement"] == (2047 - 2026) * 12 + 6 - 3
    assert body["assignments"][0]["post"]["code"] == "PTP"
    assert body["relatives"][0]["full_name"] == "Trần Thị Bình"


def test_an_outsider_gets_404_for_a_person_in_department_a(cast: Cast) -> None:
    response = Api(cast, "outsider").get(f"/people/{cast.org.person_a1.pk}")
    assert response.status_code == 404
    assert response.json() == {"detail": "Not found."}


def test_personnel_create_a_record_and_the_creation_is_audited(cast: Cast) -> None:
    response = Api(cast, "personnel").post("/people", _new_person(cast))
    assert response.status_code == 201
    body = response.json()
    assert (body["full_name"], body["unit"]["code"], body["salary_coefficient"]) == (
        "Đỗ Thị Hằng",
        "SNV-TCBC",
        "3.33",
    )
    entry = AuditEntry.objects.get(
        action="people.person.created", object_id=str(body["id"])
    )
    assert entry.changes["full_name"] == [None, "Đỗ Thị Hằng"]
    assert entry.actor == cast.users["personnel"]


def test_a_bad_cccd_and_a_future_birth_date_are_refused_by_field(cast: Cast) -> None:
    response = Api(cast, "personnel").post(
        "/people", _new_person(cast, citizen_id="12345", birth_date="2999-01-01")
    )
    assert response.status_code == 422
    errors = response.json()["errors"]
    assert set(errors) == {"citizen_id", "birth_date"}
    assert "12 digits" in errors["citizen_id"][0]
    assert "future" in errors["birth_date"][0]
    assert not Person.objects.filter(full_name="Đỗ Thị Hằng").exists()


def test_a_malformed_body_is_refused_naming_each_field(cast: Cast) -> None:
    body = _new_person(
        cast,
        birth_date="04/03/1990",
        sex="X",
        email="not-an-email",
        unit=3.5,
        nickname="Hằng",
    )
    del body["category"]
    response = Api(cast, "personnel").post("/people", body)
    assert response.status_code == 422
    errors = response.json()["errors"]
    assert set(errors) == {"birth_date", "sex", "email", "unit", "category", "nickname"}
    assert errors["category"] == ["This field is required."]
    assert errors["nickname"] == ["Unknown field."]


def test_a_body_that_is_not_json_gets_400(cast: Cast) -> None:
    headers = {
        "Authorization": f"Bearer {token_for(cast, 'personnel')}",
        "Accept-Language": "en",
    }
    response = Client().post(
        "/api/v1/people", "{not json", content_type="application/json", headers=headers
    )
    assert response.status_code == 400
    assert response.json() == {"detail": "The request body is not valid JSON."}


def test_a_unit_outside_scope_is_refused_on_the_unit_field(cast: Cast) -> None:
    response = Api(cast, "personnel").post(
        "/people", _new_person(cast, unit=cast.org.division_b1.pk)
    )
    assert response.status_code == 422
    assert list(response.json()["errors"]) == ["unit"]


def test_a_viewer_who_cannot_edit_people_gets_403_and_nothing_changes(
    cast: Cast,
) -> None:
    response = Api(cast, "head").post("/people", _new_person(cast))
    assert response.status_code == 403
    assert not Person.objects.filter(full_name="Đỗ Thị Hằng").exists()


def test_updating_a_person_records_each_field_before_and_after(cast: Cast) -> None:
    person = cast.org.person_a1
    response = Api(cast, "personnel").patch(
        f"/people/{person.pk}", {"phone": "0912345678", "recruited_on": "2010-09-01"}
    )
    assert response.status_code == 200
    assert response.json()["recruited_on"] == "2010-09-01"
    entry = AuditEntry.objects.get(
        action="people.person.updated", object_id=str(person.pk)
    )
    assert entry.changes == {
        "phone": ["", "0912345678"],
        "recruited_on": [None, "2010-09-01"],
    }


def test_a_patch_may_clear_an_optional_date_but_not_a_name(cast: Cast) -> None:
    api = Api(cast, "personnel")
    path = f"/people/{cast.org.person_a1.pk}"
    api.patch(path, {"party_join_date": "2012-05-19"})
    assert api.patch(path, {"party_join_date": None}).json()["party_join_date"] is None
    response = api.patch(path, {"full_name": None})
    assert response.status_code == 422
    assert list(response.json()["errors"]) == ["full_name"]


def test_moving_a_person_out_of_scope_is_refused(cast: Cast) -> None:
    response = Api(cast, "personnel").patch(
        f"/people/{cast.org.person_a1.pk}", {"unit": "STC-NS"}
    )
    assert response.status_code == 422
    assert list(response.json()["errors"]) == ["unit"]
    cast.org.person_a1.refresh_from_db()
    assert cast.org.person_a1.unit == cast.org.division_a1


def test_text_with_a_nul_character_is_refused_as_input(cast: Cast) -> None:
    api = Api(cast, "personnel")
    response = api.post("/people", _new_person(cast, full_name="Đỗ\x00Hằng"))
    assert response.status_code == 422
    assert list(response.json()["errors"]) == ["full_name"]
    assert api.get("/people", {"q": "an\x00"}).status_code == 422
