from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from canbo.core.actor import Actor, Grant
from canbo.org.tests.factories import UnitFactory
from canbo.people.tests.factories import PersonFactory
from canbo.policy.access import Role
from canbo.work import services
from canbo.work.models import Task
from canbo.work.tests.conftest import Desk

NOV_1, NOV_10 = date(2026, 11, 1), date(2026, 11, 10)


@pytest.fixture(autouse=True)
def frozen(settings: Any) -> Iterator[None]:
    settings.LANGUAGE_CODE = "en"
    with time_machine.travel("2026-11-10 10:00 +07:00", tick=False):
        yield


def _task(
    desk: Desk, deadline: date, *, assigned: date = NOV_1, person: Any = None
) -> Task:
    unit = person.unit if person is not None else desk.worker.unit
    boss = Grant(role=Role.HEAD, unit_id=unit.pk, unit_path=unit.path, subtree=False)
    (task,) = services.assign_task(
        actor=Actor(user=desk.cast.users["head"], grants=(boss,)),
        product_type=desk.product,
        quantity=Decimal(2),
        deadline=deadline,
        today=assigned,
        assignees=[person or desk.worker],
        override_catalogue=True,
    )
    return task


def _done(desk: Desk, task: Task, day: date, *, returned: bool = False) -> None:
    staff, head = desk.cast.actor("staff"), desk.cast.actor("head")
    if returned:
        services.submit_product(actor=staff, task=task, quantity=Decimal(2), today=day)
        services.review_product(actor=head, task=task, accept=False, reason="Sửa lại")
    services.submit_product(actor=staff, task=task, quantity=Decimal(2), today=day)
    services.review_product(actor=head, task=task, accept=True)


@pytest.fixture
def month(desk: Desk) -> Desk:
    """Five tasks due in November for the staff persona, one in December."""
    _done(desk, _task(desk, date(2026, 11, 20)), NOV_10)  # on time
    _task(desk, date(2026, 11, 5))  # overdue
    _task(desk, NOV_10)  # in progress, near the deadline
    _done(desk, _task(desk, date(2026, 11, 8)), NOV_10, returned=True)  # late
    waiting = _task(desk, date(2026, 11, 25))
    services.submit_product(
        actor=desk.cast.actor("staff"), task=waiting, quantity=Decimal(2), today=NOV_10
    )
    _task(desk, date(2026, 12, 5))  # another month
    return desk


def _counts(html: str) -> dict[str, int]:
    found = re.findall(r'data-count="(\w+)"><div class="value">(\d+)<', html)
    return {name: int(value) for name, value in found}


def _figure(html: str, name: str) -> str:
    match = re.search(
        rf'data-figure="{name}"><th>[^<]*</th><td class="num">([\d.]+)<', html
    )
    assert match is not None
    return match[1]


def test_the_unit_board_counts_the_tasks_of_the_month(month: Desk) -> None:
    a1 = month.cast.org.division_a1
    html = month.cast.client("manager").get(f"/tasks/board/unit/{a1.pk}/").text
    assert _counts(html) == {
        "due": 5, "on_time": 1, "done_late": 1, "in_progress": 1,
        "overdue": 1, "near": 1, "waiting_review": 1,
    }  # fmt: skip
    assert (_figure(html, "assigned"), _figure(html, "completed")) == ("15", "6")
    assert (_figure(html, "failed_reviews"), _figure(html, "delays")) == ("1", "1")
    assert f'data-person="{month.worker.pk}"' in html


def test_the_province_board_drills_down_by_department(month: Desk) -> None:
    org = month.cast.org
    _task(month, date(2026, 11, 20), person=org.person_b1)
    html = month.cast.client("admin").get(f"/tasks/board/unit/{org.province.pk}/").text
    rows = dict(
        re.findall(
            r'data-unit="(\d+)"><td><a [^>]*>[^<]*</a></td>\s*<td class="num">(\d+)<',
            html,
        )
    )
    assert rows == {str(org.dept_a.pk): "5", str(org.dept_b.pk): "1"}
    assert _counts(html)["due"] == 6


def test_a_quarter_and_the_filters_narrow_the_board(month: Desk) -> None:
    a1 = month.cast.org.division_a1
    client = month.cast.client("manager")
    url = f"/tasks/board/unit/{a1.pk}/"
    assert _counts(client.get(url, {"period": "2026-Q4"}).text)["due"] == 6
    assert _counts(client.get(url, {"status": "accepted"}).text)["due"] == 2
    bad = client.get(url, {"period": "novembre"})
    assert "Write a month as YYYY-MM" in bad.text


def test_the_board_opens_on_the_actors_own_unit(month: Desk) -> None:
    response = month.cast.client("manager").get("/tasks/board/?period=2026-11")
    assert response.status_code == 302
    assert response["Location"].endswith(
        f"/tasks/board/unit/{month.cast.org.division_a1.pk}/?period=2026-11"
    )


@pytest.mark.parametrize("persona", ["staff", "outsider"])
def test_people_without_the_unit_in_scope_get_404(month: Desk, persona: str) -> None:
    a1 = month.cast.org.division_a1
    client = month.cast.client(persona)
    assert client.get(f"/tasks/board/unit/{a1.pk}/").status_code == 404


def _queries(desk: Desk, url: str) -> int:
    client = desk.cast.client("head")
    client.get(url)  # warm the session and the caches
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_the_board_needs_the_same_few_queries_for_many_tasks_and_units(
    month: Desk, django_assert_max_num_queries: Any
) -> None:
    dept_a = month.cast.org.dept_a
    url = f"/tasks/board/unit/{dept_a.pk}/"
    _task(month, date(2026, 11, 21), person=PersonFactory(unit=dept_a))
    before = _queries(month, url)
    for n in range(4):
        unit = UnitFactory(code=f"SNV-X{n}", name=f"Phòng {n}", parent=dept_a)
        for _ in range(3):
            _task(month, date(2026, 11, 20), person=PersonFactory(unit=unit))
        _task(month, date(2026, 11, 21), person=PersonFactory(unit=dept_a))
    assert _queries(month, url) == before
    client = month.cast.client("head")
    with django_assert_max_num_queries(16):
        client.get(url)
