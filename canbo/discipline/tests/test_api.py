"""The discipline API: bad input named by field, scope, raises due."""

from __future__ import annotations

from datetime import date

from canbo.api.tests.helpers import call, token_for
from canbo.discipline.models import Discipline
from canbo.discipline.tests.factories import DisciplineFactory
from canbo.people.models import Person
from canbo.tests.fixtures import Cast

API = "/api/v1/discipline"


def test_a_decision_before_the_violation_is_422_on_its_field(cast: Cast) -> None:
    record = DisciplineFactory(person=cast.org.person_a1)
    response = call(
        "POST", f"{API}/records/{record.pk}/decision",
        {"version": 1, "form": "reprimand", "decision_ref": "1",
         "decision_date": "2025-01-01"},
        token=token_for(cast, "personnel"),
    )  # fmt: skip
    assert response.status_code == 422
    assert list(response.json()["errors"]) == ["decision_date"]
    assert Discipline.objects.get().stage == "review"


def test_an_unknown_form_is_422(cast: Cast) -> None:
    record = DisciplineFactory(person=cast.org.person_a1)
    response = call(
        "POST", f"{API}/records/{record.pk}/decision",
        {"version": 1, "form": "demotion", "decision_ref": "1",
         "decision_date": "2026-06-01"},
        token=token_for(cast, "personnel"),
    )  # fmt: skip
    assert response.status_code == 422
    assert "form" in response.json()["errors"]


def test_decide_then_read_the_period(cast: Cast) -> None:
    record = DisciplineFactory(person=cast.org.person_a1)
    token = token_for(cast, "personnel")
    response = call(
        "POST", f"{API}/records/{record.pk}/decision",
        {"version": 1, "form": "warning", "decision_ref": "9/QĐ",
         "decision_date": "2026-06-01"},
        token=token,
    )  # fmt: skip
    assert response.status_code == 200
    assert response.json()["effective_until"] == "2027-05-31"
    listed = call("GET", f"{API}/records?stage=decided", token=token).json()
    assert [r["id"] for r in listed["results"]] == [record.pk]
    outsider = call("GET", f"{API}/records", token=token_for(cast, "outsider")).json()
    assert outsider["count"] == 0


def test_raises_due_with_their_delays(cast: Cast) -> None:
    person = cast.org.person_a1
    Person.objects.filter(pk=person.pk).update(salary_step_since=date(2023, 10, 2))
    DisciplineFactory(person=person, decided_on=date(2024, 3, 1), form="removal")
    response = call(
        "GET", f"{API}/raises?year=2027&quarter=4&unit={cast.org.dept_a.code}",
        token=token_for(cast, "head"),
    )  # fmt: skip
    body = response.json()
    assert response.status_code == 200
    assert [(r["person"], r["due"], r["delay_months"]) for r in body["results"]] == [
        (person.pk, "2027-10-02", 12)
    ]
    assert "+12 months" in body["results"][0]["delays"][0]["reason"]
