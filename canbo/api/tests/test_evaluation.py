"""The evaluation API: the same rules as the pages, seen from a client."""

from __future__ import annotations

from django.utils import timezone

from canbo.api.tests.helpers import call, token_for
from canbo.evaluation.models import Period, Sheet
from canbo.evaluation.tests import matrix
from canbo.policy.packs import GENERAL_CRITERIA
from canbo.tests.fixtures import Cast

API = "/api/v1/evaluation"
FULL = {c.code: str(c.points) for c in GENERAL_CRITERIA}


def test_self_assessment_then_a_stale_write_is_409(cast: Cast) -> None:
    sheet = matrix.staff_sheet(cast)
    token = token_for(cast, "staff")
    response = call("POST", f"{API}/sheets/{sheet}/self-assessment",
                    {"points": FULL, "version": 1}, token=token)  # fmt: skip
    assert response.status_code == 200
    assert float(response.json()["general_points"]) == 30
    stale = call("POST", f"{API}/sheets/{sheet}/self-assessment",
                 {"points": FULL, "version": 1}, token=token)  # fmt: skip
    assert stale.status_code == 409


def test_points_out_of_range_name_the_criterion(cast: Cast) -> None:
    sheet = matrix.staff_sheet(cast)
    response = call("POST", f"{API}/sheets/{sheet}/self-assessment",
                    {"points": {**FULL, "a1": "9"}}, token=token_for(cast, "staff"))  # fmt: skip
    assert response.status_code == 422
    assert "points_a1" in str(response.json())


def test_the_own_level_is_hidden_until_publication(cast: Cast) -> None:
    sheet = matrix.staff_sheet(cast)
    Sheet.objects.filter(pk=sheet).update(status="decided", level="HTTNV")
    token = token_for(cast, "staff")
    assert call("GET", f"{API}/sheets/{sheet}", token=token).json()["level"] == ""
    assert (
        call("GET", f"{API}/sheets/{sheet}", token=token_for(cast, "head")).json()[
            "level"
        ]
        == "HTTNV"
    )
    Period.objects.update(status=Period.Status.PUBLISHED, published_at=timezone.now())
    assert call("GET", f"{API}/sheets/{sheet}", token=token).json()["level"] == "HTTNV"


def test_a_persons_history_lists_their_published_sheets(cast: Cast) -> None:
    matrix.staff_sheet(cast)
    person = cast.users["staff"].person
    assert person is not None
    Period.objects.update(status=Period.Status.PUBLISHED, published_at=timezone.now())
    response = call("GET", f"{API}/sheets?person={person.pk}&published=true",
                    token=token_for(cast, "head"))  # fmt: skip
    assert [row["person"] for row in response.json()["results"]] == [person.pk]
    outsider = call(
        "GET", f"{API}/sheets?person={person.pk}", token=token_for(cast, "outsider")
    )
    assert outsider.json()["count"] == 0
