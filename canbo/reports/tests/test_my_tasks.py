"""Everyone exports their own tasks from "My tasks": only theirs, with the
page's filters, whatever their role."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from django.utils import translation

from canbo.accounts.tests.factories import UserFactory
from canbo.core.actor import actor_for
from canbo.people.models import Person
from canbo.people.tests.factories import AssignmentFactory
from canbo.reports import services as reports
from canbo.reports.models import Export
from canbo.reports.tests.helpers import file_of, rows_of
from canbo.tests.fixtures import Cast
from canbo.work import services
from canbo.work.tests.factories import ProductTypeFactory


@pytest.fixture(autouse=True)
def english(settings: Any) -> Iterator[None]:
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


@pytest.fixture
def tasks(cast: Cast) -> None:
    """Châu (the staff persona) has three tasks; An, in the same division, two."""
    product = ProductTypeFactory()
    chau = cast.users["staff"].person
    an = cast.org.person_a1
    assert chau is not None
    for person in (chau, an):
        AssignmentFactory(
            person=person, unit=person.unit, job_position=product.catalogue.job_position
        )
    manager = cast.actor("manager")

    def assign(person: Person, title: str, deadline: date) -> None:
        services.assign_task(
            actor=manager, product_type=product, quantity=Decimal(1),
            deadline=deadline, today=date(2026, 1, 2), assignees=[person], title=title,
        )  # fmt: skip

    assign(chau, "Báo cáo quý I", date(2026, 3, 31))
    assign(chau, "Báo cáo tháng 11", date(2026, 11, 20))
    assign(chau, "Kế hoạch năm", date(2026, 11, 28))
    assign(an, "Việc của An tháng 11", date(2026, 11, 25))
    assign(an, "Việc khác của An", date(2026, 4, 1))


def _link(html: str) -> str:
    found = re.search(r'href="([^"]+)" data-export-link="my_tasks"', html)
    assert found, "no export link"
    return found.group(1).replace("&amp;", "&")


def _titles(export: Export) -> list[Any]:
    rows = rows_of(file_of(export))
    start = rows.index(next(r for r in rows if r and r[0] == "Task")) + 1
    return [r[0] for r in rows[start:]]


@pytest.mark.usefixtures("tasks")
def test_staff_export_their_own_tasks_from_their_page(cast: Cast) -> None:
    client = cast.client("staff")
    link = _link(client.get("/tasks/").content.decode())
    assert "kind=my_tasks" in link
    assert client.get(link).status_code == 200
    response = client.post("/reports/exports/new/", {"kind": "my_tasks"})
    assert response.status_code == 302
    export = Export.objects.get()
    assert export.requested_by == cast.users["staff"]
    rows = rows_of(file_of(export))
    assert rows[0][0] == "My tasks"
    assert rows[1][0] == "Phạm Minh Châu"
    assert sorted(_titles(export)) == [
        "Báo cáo quý I",
        "Báo cáo tháng 11",
        "Kế hoạch năm",
    ]
    # The file is theirs: the export page and its download answer them only.
    assert client.get(f"/reports/exports/{export.pk}/").status_code == 200
    other = cast.client("manager").get(f"/reports/exports/{export.pk}/")
    assert other.status_code == 404


@pytest.mark.usefixtures("tasks")
def test_the_link_keeps_the_month_and_status_filters(cast: Cast) -> None:
    client = cast.client("staff")
    html = client.get("/tasks/?period=2026-11&status=assigned").content.decode()
    link = _link(html)
    assert "month=2026-11" in link
    assert "status=assigned" in link
    confirm = client.get(link).content.decode()
    assert "2026-11" in confirm
    client.post("/reports/exports/new/",
                {"kind": "my_tasks", "month": "2026-11", "status": "assigned"})  # fmt: skip
    assert sorted(_titles(Export.objects.get())) == [
        "Báo cáo tháng 11",
        "Kế hoạch năm",
    ]


@pytest.mark.usefixtures("tasks")
@pytest.mark.parametrize("persona", ["manager", "personnel", "head", "admin"])
def test_whatever_the_role_only_ones_own_tasks_are_exported(
    cast: Cast, persona: str
) -> None:
    """The manager who assigned all five tasks, or the personnel officer who
    sees the whole department, still export only the tasks assigned to them."""
    export = reports.request_export(
        actor=cast.actor(persona), kind="my_tasks", params={}
    )
    assert export.status == Export.Status.DONE
    assert _titles(export) == []


@pytest.mark.usefixtures("tasks")
def test_another_persons_tasks_never_appear(cast: Cast) -> None:
    """An (person_a1) is given an account: her export holds her two tasks, and
    no parameter brings in Châu's."""
    actor = actor_for(UserFactory(person=cast.org.person_a1))
    export = reports.request_export(
        actor=actor, kind="my_tasks",
        params={"unit": cast.org.dept_a.pk, "person": cast.users["staff"].person_id},
    )  # fmt: skip
    assert sorted(_titles(export)) == ["Việc của An tháng 11", "Việc khác của An"]
    assert export.params == {"lang": "en"}
