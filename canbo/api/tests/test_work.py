"""Tasks on the API: assigning, the whole cycle, conflicts, bad input, filters."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal
from typing import Any

import pytest
from django.utils import timezone

from canbo.api.tests.helpers import Api
from canbo.api.tests.work_matrix import _worker
from canbo.core.models import AuditEntry
from canbo.people.models import Person
from canbo.tests.fixtures import Cast
from canbo.work.models import ProductType, Task

CONFLICT = (
    "Someone else changed this task while you were working on it. "
    "Reload the page and try again."
)


@dataclass
class Desk:
    cast: Cast
    worker: Person
    product: ProductType
    manager: Api
    staff: Api


@pytest.fixture
def desk(cast: Cast) -> Desk:
    worker, product = _worker(cast)
    return Desk(cast, worker, product, Api(cast, "manager"), Api(cast, "staff"))


def _day(days: int) -> str:
    return (timezone.localdate() + timedelta(days=days)).isoformat()


def _assign(desk: Desk, **values: Any) -> Any:
    body = {
        "product_type": desk.product.pk,
        "quantity": "4",
        "deadline": _day(10),
        "assignees": [desk.worker.pk],
        **values,
    }
    return desk.manager.post("/tasks", body)


def _assigned(desk: Desk) -> dict[str, Any]:
    response = _assign(desk)
    assert response.status_code == 201, response.json()
    task: dict[str, Any] = response.json()[0]
    return task


def test_assigning_to_two_people_makes_two_tasks_with_the_converted_quantity(
    desk: Desk,
) -> None:
    response = _assign(
        desk,
        assignees=[desk.worker.pk, desk.cast.org.person_a1.pk],
        override_catalogue=True,
        document_ref="12/KH-SNV",
    )

    assert response.status_code == 201, response.json()
    tasks = response.json()
    assert [t["assignee"]["id"] for t in tasks] == [
        desk.worker.pk,
        desk.cast.org.person_a1.pk,
    ]
    assert {Decimal(t["converted_quantity"]) for t in tasks} == {Decimal("6")}
    assert {t["document_ref"] for t in tasks} == {"12/KH-SNV"}


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"quantity": "0"}, "quantity"),
        ({"deadline": "2000-01-01"}, "deadline"),
        ({"assignees": [], "unit": None}, "assignees"),
        ({"product_type": 999999}, "product_type"),
        ({"priority": "whenever"}, "priority"),
    ],
)
def test_bad_assignments_are_refused_on_their_field_without_writing(
    desk: Desk, values: dict[str, Any], field: str
) -> None:
    response = _assign(desk, **values)

    assert response.status_code == 422
    assert field in response.json()["errors"]
    assert not Task.objects.exists()


def test_a_product_of_another_catalogue_needs_the_override(desk: Desk) -> None:
    response = _assign(desk, assignees=[desk.cast.org.person_a1.pk])

    assert response.status_code == 422
    assert "another job position" in response.json()["errors"]["product_type"][0]


def test_the_whole_cycle_shows_one_failed_review_in_the_figures(desk: Desk) -> None:
    task = _assigned(desk)
    path = f"/tasks/{task['id']}"
    step = desk.staff.post(
        f"{path}/progress", {"version": task["version"], "progress": 50}
    )
    assert step.status_code == 200, step.json()
    links = ["https://vanban.example/bao-cao-1"]
    step = desk.staff.post(f"{path}/submissions", {"version": step.json()["version"], "quantity": "4", "links": links})  # fmt: skip
    assert step.status_code == 201, step.json()
    step = desk.manager.post(f"{path}/review", {"version": step.json()["version"], "accept": False, "reason": "Thiếu số liệu"})  # fmt: skip
    assert step.json()["status"] == "returned"
    step = desk.staff.post(f"{path}/submissions", {"version": step.json()["version"], "quantity": "3"})  # fmt: skip
    step = desk.manager.post(f"{path}/review", {"version": step.json()["version"], "accept": True})  # fmt: skip

    detail = desk.manager.get(path).json()
    assert detail["status"] == "accepted"
    assert Decimal(detail["completed_quantity"]) == 3  # partial: 3 of 4
    assert [s["review"]["decision"] for s in detail["submissions"]] == ["returned", "accepted"]  # fmt: skip
    assert detail["submissions"][0]["evidence"][0]["link"] == links[0]
    period = timezone.localdate().strftime("%Y-%m")
    deadline_period = _day(10)[:7]
    figures = desk.manager.get("/figures", {"period": deadline_period}).json()
    assert figures["total"]["failed_reviews"] == 1
    assert Decimal(figures["total"]["completed"]) == Decimal("4.5")  # 3 × 1.5
    assert figures["people"][0]["person"]["id"] == desk.worker.pk
    assert period <= deadline_period


def test_a_stale_version_gets_409_and_changes_nothing(desk: Desk) -> None:
    task = _assigned(desk)
    path = f"/tasks/{task['id']}/progress"
    assert desk.staff.post(path, {"version": task["version"], "progress": 30}).status_code == 200  # fmt: skip
    entries = AuditEntry.objects.count()

    response = desk.staff.post(path, {"version": task["version"], "progress": 60})

    assert response.status_code == 409
    assert response.json() == {"detail": CONFLICT}
    assert Task.objects.get(pk=task["id"]).progress == 30
    assert AuditEntry.objects.count() == entries


def test_deciding_an_extension_on_a_stale_version_gets_409(desk: Desk) -> None:
    task = _assigned(desk)
    path = f"/tasks/{task['id']}"
    asked = desk.staff.post(f"{path}/extensions", {"version": task["version"], "requested_deadline": _day(20), "reason": "Chờ ý kiến"})  # fmt: skip
    assert asked.status_code == 201, asked.json()
    extension = asked.json()["extensions"][0]["id"]

    stale = desk.manager.post(f"{path}/extensions/{extension}/decision", {"version": task["version"], "approve": True})  # fmt: skip
    fresh = desk.manager.post(f"{path}/extensions/{extension}/decision", {"version": asked.json()["version"], "approve": True})  # fmt: skip

    assert stale.status_code == 409
    assert fresh.status_code == 200
    assert fresh.json()["deadline"] == _day(20)
    assert fresh.json()["original_deadline"] == _day(10)


@pytest.mark.parametrize(
    ("action", "body", "field"),
    [
        ("progress", {"progress": 150}, "progress"),
        ("submissions", {"quantity": "2", "links": ["not a link"]}, "links"),
        ("submissions", {"quantity": "-1"}, "quantity"),
        ("extensions", {"requested_deadline": "2000-01-01", "reason": "x"}, "requested_deadline"),
        ("extensions", {"requested_deadline": _day(30), "reason": "  "}, "reason"),
        ("progress", {"progress": 10, "colour": "red"}, "colour"),
    ],
)  # fmt: skip
def test_bad_actions_are_refused_on_their_field(
    desk: Desk, action: str, body: dict[str, Any], field: str
) -> None:
    task = _assigned(desk)

    response = desk.staff.post(f"/tasks/{task['id']}/{action}", {"version": task["version"], **body})  # fmt: skip

    assert response.status_code == 422, response.json()
    assert field in response.json()["errors"]
    assert Task.objects.get(pk=task["id"]).version == task["version"]


def test_nobody_reviews_their_own_proposed_task_and_staff_cannot_review(
    desk: Desk,
) -> None:
    proposed = desk.staff.post("/tasks/propose", {"product_type": desk.product.pk, "quantity": "1", "deadline": _day(3)})  # fmt: skip
    assert proposed.status_code == 201, proposed.json()
    assert proposed.json()["status"] == "proposed"
    path = f"/tasks/{proposed.json()['id']}/proposal-decision"

    refused = desk.staff.post(path, {"version": 1, "approve": True})
    approved = desk.manager.post(path, {"version": 1, "approve": True})

    assert refused.status_code == 403
    assert approved.json()["status"] == "assigned"


def test_the_list_filters_by_status_unit_deadline_and_group(desk: Desk) -> None:
    first = _assigned(desk)
    _assign(desk, deadline=_day(40))
    desk.staff.post(f"/tasks/{first['id']}/progress", {"version": 1, "progress": 5})
    unit = desk.worker.unit_id
    group = desk.product.group.code

    def ids(**params: Any) -> list[int]:
        return [t["id"] for t in desk.manager.get("/tasks", params).json()["results"]]

    assert len(ids()) == 2
    assert ids(deadline_to=_day(20)) == [first["id"]]
    assert len(ids(unit=unit, subtree=False, group=group, assignee=desk.worker.pk)) == 2
    assert ids(group="Z") == []
    assert ids(status="accepted") == []
    assert Api(desk.cast, "outsider").get("/tasks").json()["count"] == 0
    assert desk.manager.get("/tasks", {"status": "done"}).status_code == 422


def test_staff_see_only_their_own_tasks_and_outsiders_get_404(desk: Desk) -> None:
    mine = _assigned(desk)
    _assign(desk, assignees=[desk.cast.org.person_a1.pk], override_catalogue=True)

    listed = desk.staff.get("/tasks").json()

    assert [t["id"] for t in listed["results"]] == [mine["id"]]
    assert Api(desk.cast, "outsider").get(f"/tasks/{mine['id']}").status_code == 404


def test_product_types_filter_by_job_position_group_and_date(desk: Desk) -> None:
    catalogue = desk.product.catalogue
    api = desk.staff

    def codes(**params: Any) -> list[str]:
        return [p["code"] for p in api.get("/product-types", params).json()["results"]]

    assert codes(job_position=catalogue.job_position.code) == [desk.product.code]
    assert codes(job_position=str(catalogue.job_position.pk)) == [desk.product.code]
    assert codes(group="Z") == []
    assert codes(on="2000-01-01") == []
    assert codes(on=catalogue.valid_from.isoformat()) == [desk.product.code]
    detail = api.get(f"/product-types/{desk.product.pk}").json()
    assert Decimal(detail["coefficient"]) == Decimal("1.5")
    assert api.get("/product-types", {"job_position": "NOPE"}).status_code == 422


@pytest.mark.parametrize("period", ["2026-13", "2026-Q5", "Q4-2026", "november"])
def test_a_badly_written_period_is_refused_on_its_field(
    desk: Desk, period: str
) -> None:
    response = desk.manager.get("/figures", {"period": period})

    assert response.status_code == 422
    assert "period" in response.json()["errors"]


def test_a_quarter_spans_its_three_months(desk: Desk) -> None:
    response = desk.manager.get("/figures", {"period": "2026-Q4"})

    assert response.status_code == 200
    assert (response.json()["start"], response.json()["end"]) == (
        "2026-10-01",
        "2026-12-31",
    )
    assert desk.manager.get("/figures", {"period": "2028-02"}).json()["end"] == "2028-02-29"  # fmt: skip
