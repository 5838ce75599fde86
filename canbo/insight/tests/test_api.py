"""The insight API: the same figures and ranking as the pages, scoped."""

from __future__ import annotations

from datetime import date
from typing import Any

from canbo.api.tests.helpers import call, token_for
from canbo.insight.models import Snapshot
from canbo.insight.tests.factories import period, sheet
from canbo.org.tests.factories import PostFactory
from canbo.people.tests.factories import AssignmentFactory
from canbo.tests.fixtures import Cast


def test_dashboard_figures_for_a_unit_and_year(cast: Cast) -> None:
    org = cast.org
    annual = period(org.dept_a, "year", date(2025, 1, 1), user=cast.users["personnel"])
    sheet(annual, org.person_a1, level="HTTNV", score="80")
    token = token_for(cast, "head")
    found = call(
        "GET", f"/api/v1/insight/dashboard?unit={org.dept_a.pk}&year=2025", token=token
    )
    assert found.status_code == 200
    body = found.json()
    assert (body["unit"], body["year"], body["snapshot"]) == (
        org.dept_a.pk,
        2025,
        False,
    )
    assert body["figures"]["levels"]["HTTNV"] == 1
    assert call("GET", f"/api/v1/insight/dashboard?unit={org.dept_a.pk}",
                token=token_for(cast, "outsider")).status_code == 404  # fmt: skip


def test_refresh_stores_the_figures(
    cast: Cast, django_capture_on_commit_callbacks: Any
) -> None:
    token = token_for(cast, "personnel")
    with django_capture_on_commit_callbacks(execute=True):
        done = call(
            "POST",
            f"/api/v1/insight/units/{cast.org.dept_a.pk}/refresh",
            {"year": 2025},
            token=token,
        )
    assert done.status_code == 200
    assert Snapshot.objects.filter(unit=cast.org.dept_a, year=2025).exists()
    board = call(
        "GET",
        f"/api/v1/insight/dashboard?unit={cast.org.dept_a.pk}&year=2025",
        token=token,
    )
    assert board.json()["snapshot"] is True
    assert board.json()["as_of"]


def test_compare_by_post_code(cast: Cast) -> None:
    chief = PostFactory(code="TP", name="Trưởng phòng")
    AssignmentFactory(person=cast.org.person_a1, post=chief)
    annual = period(
        cast.org.dept_a, "year", date(2024, 1, 1), user=cast.users["personnel"]
    )
    sheet(
        annual,
        cast.org.person_a1,
        level="HTTNV",
        score="80",
        assigned="4",
        completed="3",
    )
    found = call(
        "GET",
        "/api/v1/insight/compare?post=TP&year=2024",
        token=token_for(cast, "head"),
    )
    assert found.status_code == 200
    [row] = found.json()
    assert (row["rank"], row["person"], row["kpi"], row["score"]) == (
        1,
        cast.org.person_a1.pk,
        75,
        "80.00",
    )
    refused = call("GET", "/api/v1/insight/compare", token=token_for(cast, "head"))
    assert refused.status_code == 422


def test_a_large_unit_answers_202_while_its_figures_are_computed(
    cast: Cast, monkeypatch: Any, django_capture_on_commit_callbacks: Any
) -> None:
    from canbo.insight import selectors

    monkeypatch.setattr(selectors, "SNAPSHOT_FROM", 1)
    token = token_for(cast, "head")
    url = f"/api/v1/insight/dashboard?unit={cast.org.dept_a.pk}&year=2025"
    with django_capture_on_commit_callbacks() as queued:
        waiting = call("GET", url, token=token)
    assert waiting.status_code == 202
    assert (waiting.json()["computing"], waiting.json()["figures"]) == (True, {})
    queued[0]()  # the worker
    ready = call("GET", url, token=token)
    assert ready.status_code == 200
    assert ready.json()["computing"] is False
    assert ready.json()["snapshot"] is True


def test_coming_due_only_for_those_who_see_careers(cast: Cast) -> None:
    from canbo.insight.services import refresh_snapshot

    refresh_snapshot(cast.org.division_a1.pk, 2025)
    url = f"/api/v1/insight/dashboard?unit={cast.org.division_a1.pk}&year=2025"
    head = call("GET", url, token=token_for(cast, "head")).json()
    assert head["snapshot"] is True
    assert set(head["due"]) == {"retirements", "terms_ending", "rotations", "raises"}
    assert "due" not in head["figures"]
    manager = call("GET", url, token=token_for(cast, "manager")).json()
    assert manager["due"] is None
    assert "due" not in manager["figures"]
